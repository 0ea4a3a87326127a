//! Lessons as files, for both families: a design, the steps of its script (an event and what to say), the
//! moments to watch, and questions asked after a step. A question stores no answer: the engine works it out
//! at that step ([`Answer`]), and grades what a learner gives against it. A lesson may instead (or as well)
//! set a [`Goal`]: the learner edits the design, within a budget of edits, until it keeps something through
//! a failure, which the engine checks after each edit ([`reach`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::fork::{Branch, Fork};
use crate::read::Read;
use crate::scenario::{LoadError, LoadErrors};
use crate::timeline::{Lesson, Script, WrittenQuestion};

/// A lesson file of family `F`.
pub type FileOf<F> = LessonFile<<F as Asking>::Scenario, <F as Asking>::About, <F as Asking>::Keep>;

/// The marker of a lesson file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LessonKind {
    Lesson,
}

/// A lesson: `S` is the family's scenario (a 2003 cluster, or a DAG with `"kind": "dag"`), `A` what its
/// questions may be about, `K` what its goal may keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LessonFile<S, A, K> {
    /// Always `lesson`.
    pub kind: LessonKind,
    /// A short name for links and the command line (`single-node-failure`).
    pub id: String,
    pub title: String,
    /// What to watch for, in a few sentences.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub teaches: String,
    /// Where what it teaches comes from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// The design the lesson plays on; its own `script` is not played (the steps are).
    pub design: S,
    /// The script, one event a step, in order (`fail:node3@0s`, `fail-site:dc1@2min`); none when the
    /// lesson is a goal alone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
    /// Moments of the script to watch, each with what to say then.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moments: Vec<Moment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question<A>>,
    /// What the learner is to make the design do, by editing it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<Goal<K>>,
    /// The other way, played beside the steps on the same clock: it leaves them at a moment with steps of
    /// its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fork: Option<Fork>,
}

/// A goal: edit the design, in at most `edits` changes, until it keeps `keep` through `survive`. The engine
/// checks it after every edit; each change to the design counts one, as strokes count in golf.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal<K> {
    /// What must stay up: every group or database, or one of them.
    pub keep: K,
    pub survive: Survive,
    /// The edits allowed (par).
    pub edits: usize,
}

/// What a goal's design must come through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Survive {
    /// Every set of up to `at_once` nodes (or member servers) failing at once, as the failure matrix
    /// fails them.
    Any { at_once: usize },
    /// These events, played in order on the healthy design (`fail-site:dc1`, `fail:node2@30s`).
    Events { events: Vec<String> },
}

impl Survive {
    /// In words: `any 2 failing at once`, `fail-site:dc1, then fail:ex3`.
    pub fn words(&self, members: (&str, &str)) -> String {
        match self {
            Survive::Any { at_once: 1 } => format!("any one {} failing", members.0),
            Survive::Any { at_once } => format!("any {at_once} {} failing at once", members.1),
            Survive::Events { events } => events.join(", then "),
        }
    }
}

/// Whether a design reaches a goal, and in words why not (the first failure that breaks it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Reached {
    pub reached: bool,
    pub says: String,
}

/// What a failure is, for a goal's check: members failing at once (by index in the design), or events
/// played in order.
pub enum Failure<'e, E> {
    AtOnce(&'e [usize]),
    Events(&'e [E]),
}

/// One step of a lesson's script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The event, in the command line's form, with its time (`fail:node3@0s`).
    pub event: String,
    /// What to say as it happens.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub say: String,
}

/// A moment to watch: a time on the script's clock (`89s`, `10min`) and what to say then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Moment {
    pub at: String,
    pub say: String,
}

/// A question asked once step `after` (counted from 0) has played and settled; `about` says what the
/// engine answers. It holds no answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question<A> {
    pub after: usize,
    /// The question in the lesson's words.
    pub ask: String,
    pub about: A,
}

/// The engine's answer to a question: what a learner picks, in a sentence, why in the engine's words, the
/// source, and what the learner chooses from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Answer {
    /// As a learner gives it: a name, `none`, `yes` or `no`, a number; several names joined by `, ` when
    /// `several` (in the design's order).
    pub value: String,
    /// The answer in a sentence.
    pub says: String,
    /// Why, in the engine's words.
    pub why: String,
    pub source: String,
    /// What a learner picks from: the design's names, `none`, `yes` and `no`, or numbers.
    pub choices: Vec<String>,
    /// The answer is a set of the choices (every group online), not one.
    pub several: bool,
}

impl Answer {
    /// Whether `given` is this answer: the same choice, or with `several` the same set of them, ignoring
    /// case, spaces around and order.
    pub fn grade(&self, given: &str) -> bool {
        // ASCII case only: names in designs are NetBIOS names, numbers, yes and no (and the pages stay small).
        let parts = |text: &'_ str| -> Vec<String> {
            let split: Vec<&str> = if self.several { text.split(',').collect() } else { vec![text] };
            split.into_iter().map(|p| p.trim().to_ascii_lowercase()).filter(|p| !p.is_empty()).collect()
        };
        let (given, value) = (parts(given), parts(&self.value));
        // The same set: as many, and each given one of the answer's (names in an answer are unique).
        given.len() == value.len() && given.iter().all(|g| value.contains(g)) && value.iter().all(|v| given.contains(v))
    }
}

/// A question of a lesson checked: the step it follows, what it asks and is about, and the engine's
/// answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Checked {
    pub after: usize,
    /// Where a player stops to ask it: as step `after` happens, before the design answers (ms on the
    /// script's clock), so that the learner predicts, then watches.
    pub pause_ms: u64,
    /// The event of that step.
    pub event: String,
    pub ask: String,
    /// What it is about, in its text form (`owner:EVS3`, `which-copy:db1`, `quorum`).
    pub about: String,
    pub answer: Answer,
}

/// A lesson's goal checked: in words, its budget, and whether the design as the lesson gives it already
/// reaches it (a lesson refuses such a goal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CheckedGoal {
    /// The goal in words: `Keep EVS1 online through any one node failing.`
    pub says: String,
    /// What it keeps, in its text form (`group:EVS1`, `every-database`).
    pub keep: String,
    pub edits: usize,
    /// How the design as given falls short.
    pub start: Reached,
}

/// A lesson with every question answered, as `clusterplan lesson check` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CheckedLesson {
    pub id: String,
    pub title: String,
    /// `cluster` or `dag`.
    pub family: &'static str,
    pub steps: usize,
    pub questions: Vec<Checked>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal: Option<CheckedGoal>,
    /// The fork, its whole script written out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fork: Option<Branch>,
}

/// A lesson's moment to watch, its time read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub at_ms: u64,
    pub say: String,
}

/// A lesson ready to play: its design with the steps as its script, its moments, its questions answered
/// and its goal.
#[derive(Debug, Clone, PartialEq)]
pub struct Playable<S, K> {
    pub id: String,
    pub title: String,
    pub teaches: String,
    pub scenario: S,
    pub marks: Vec<Mark>,
    pub checked: CheckedLesson,
    pub goal: Option<Goal<K>>,
}

/// What a family brings to its lessons' questions.
pub trait Asking: Script {
    type Scenario: Clone + Read + Serialize;
    /// What its questions may be about.
    type About: Read + Serialize;
    /// What its goals may keep.
    type Keep: Read + Serialize + Clone;
    /// `cluster` or `dag`.
    const FAMILY: &'static str;

    fn resolve(scenario: Self::Scenario) -> Result<Self::Design, LoadErrors>;
    /// The subject's text form (`owner:EVS3`).
    fn label(about: &Self::About) -> String;
    fn parse_about(text: &str) -> Result<Self::About, String>;
    /// What in the design the question names that it lacks, with the path of the field (under `path`).
    fn missing(about: &Self::About, design: &Self::Design, path: &str) -> Option<LoadError>;
    /// The engine's answer to `about` once `events` have played on `design`.
    fn answer(design: &Self::Design, events: &[Self::Event], about: &Self::About) -> Answer;
    /// A built-in lesson: its lesson (the design with the script) and its questions.
    fn built_in(id: &str) -> Option<(Lesson<Self::Scenario>, &'static [WrittenQuestion])>;
    /// Takes the script out of a scenario.
    fn take_script(scenario: &mut Self::Scenario) -> Vec<String>;
    /// Puts a script into a scenario.
    fn set_script(scenario: &mut Self::Scenario, script: Vec<String>);
    /// What a question may be about in this design, in text form, in the order a builder offers them.
    fn subjects(design: &Self::Design) -> Vec<String>;
    /// The question a builder suggests for a subject.
    fn suggested_ask(about: &Self::About) -> String;
    /// What a goal may keep in this design, in text form.
    fn keeps(design: &Self::Design) -> Vec<String>;
    fn keep_label(keep: &Self::Keep) -> String;
    fn parse_keep(text: &str) -> Result<Self::Keep, String>;
    /// The goal's keep in words: `EVS1 online`, `every database mounted`.
    fn keep_words(keep: &Self::Keep) -> String;
    /// What in the design a goal's keep names that it lacks, with the path of the field.
    fn keep_missing(keep: &Self::Keep, design: &Self::Design, path: &str) -> Option<LoadError>;
    /// The members that fail (nodes, or member servers), by index, and what they are called
    /// (`node`, `nodes`).
    fn members(design: &Self::Design) -> (usize, (&'static str, &'static str));
    /// Why `keep` is not kept after `failure` (`EVS1 is offline`), or `None` when it is.
    fn lost(design: &Self::Design, failure: Failure<'_, Self::Event>, keep: &Self::Keep) -> Option<String>;
    /// A member's name, by index.
    fn member_name(design: &Self::Design, index: usize) -> String;
}

/// The part of an [`Asking`] impl that reads the same in both families, written once: the family's
/// questions module names `Scenario`, `Design`, `TimedEvent` and `check_order`, `About` and `Keep` (each with
/// `label` and `parse`), `LoadErrors`, `WrittenQuestion` and core's `lessons`; the impl says its `FAMILY`,
/// what a question or goal names that the design lacks, the answer, and what a failure leaves up.
macro_rules! asking_alike {
    () => {
        type Scenario = Scenario;
        type About = About;
        type Keep = Keep;

        fn resolve(scenario: Scenario) -> Result<Design, LoadErrors> {
            Design::new(scenario)
        }

        fn label(about: &About) -> String {
            about.label()
        }

        fn parse_about(text: &str) -> Result<About, String> {
            About::parse(text)
        }

        fn built_in(id: &str) -> Option<(lessons::Lesson, &'static [WrittenQuestion])> {
            let written = lessons::LESSONS.iter().find(|l| l.id == id)?;
            Some((lessons::lesson(id)?, written.questions))
        }

        fn take_script(scenario: &mut Scenario) -> Vec<String> {
            std::mem::take(&mut scenario.script)
        }

        fn set_script(scenario: &mut Scenario, script: Vec<String>) {
            scenario.script = script;
        }

        fn keep_label(keep: &Keep) -> String {
            keep.label()
        }

        fn parse_keep(text: &str) -> Result<Keep, String> {
            Keep::parse(text)
        }
    };
}
pub(crate) use asking_alike;

/// How a family reads its script's lines, alike in both families (each module names `Design`,
/// `TimedEvent` and `check_order`): what lessons and forks check a script with.
macro_rules! script_alike {
    ($family:ty) => {
        impl $crate::timeline::Script for $family {
            type Design = Design;
            type Event = TimedEvent;

            fn parse_event(text: &str, design: &Design) -> Result<TimedEvent, String> {
                TimedEvent::parse(text, design).map_err(|error| error.to_string())
            }

            fn at_ms(event: &TimedEvent) -> Option<u64> {
                event.at
            }

            fn out_of_order(events: &[TimedEvent], design: &Design) -> Option<(usize, String)> {
                check_order(events, design).err().map(|(i, error)| (i, error.to_string()))
            }
        }
    };
}
pub(crate) use script_alike;

/// Checks a lesson: its design resolves, its steps are events of it in time order, its questions ask after
/// a step about something it has; then answers every question. Every problem is refused with its path in
/// the file.
pub fn check<F: Asking>(lesson: &FileOf<F>) -> Result<CheckedLesson, Vec<LoadError>> {
    let design = F::resolve(lesson.design.clone()).map_err(|errors| {
        let in_design = |path: &str| if path.is_empty() { "design".into() } else { format!("design.{path}") };
        errors.0.into_iter().map(|e| unplayable(in_design(&e.path), e.message)).collect::<Vec<_>>()
    })?;
    check_questions(lesson).map_err(|e| vec![e])?;
    let events = lesson
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            F::parse_event(&step.event, &design).map_err(|m| vec![unplayable(format!("steps[{i}].event"), m)])
        })
        .collect::<Result<Vec<_>, _>>()?;
    if let Some((i, message)) = F::out_of_order(&events, &design) {
        return Err(vec![unplayable(format!("steps[{i}].event"), message)]);
    }
    let missing: Vec<LoadError> = lesson
        .questions
        .iter()
        .enumerate()
        .filter_map(|(i, q)| F::missing(&q.about, &design, &format!("questions[{i}].about")))
        .chain(lesson.goal.as_ref().and_then(|goal| F::keep_missing(&goal.keep, &design, "goal.keep")))
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    // Each step's time: an event without one happens with the one before.
    let times: Vec<u64> = events
        .iter()
        .scan(0, |previous, event| {
            *previous = F::at_ms(event).unwrap_or(*previous).max(*previous);
            Some(*previous)
        })
        .collect();
    let questions = lesson
        .questions
        .iter()
        .map(|q| Checked {
            after: q.after,
            pause_ms: times[q.after],
            event: lesson.steps[q.after].event.clone(),
            ask: q.ask.clone(),
            about: F::label(&q.about),
            answer: F::answer(&design, &events[..=q.after], &q.about),
        })
        .collect();
    let goal = lesson.goal.as_ref().map(|goal| check_goal::<F>(&design, goal)).transpose()?;
    let trunk: Vec<String> = lesson.steps.iter().map(|s| s.event.clone()).collect();
    let fork = lesson.fork.as_ref().map(|fork| crate::fork::branch::<F>(&design, &trunk, fork)).transpose();
    let fork = fork.map_err(|e| vec![e])?;
    Ok(CheckedLesson {
        id: lesson.id.clone(),
        title: lesson.title.clone(),
        family: F::FAMILY,
        steps: lesson.steps.len(),
        questions,
        goal,
        fork,
    })
}

/// A goal checked against the design as the lesson gives it: its events are events of the design, and the
/// design does not already reach it.
fn check_goal<F: Asking>(design: &F::Design, goal: &Goal<F::Keep>) -> Result<CheckedGoal, Vec<LoadError>> {
    let (members, words) = F::members(design);
    match &goal.survive {
        Survive::Any { at_once } if *at_once == 0 || *at_once > members => {
            let message = format!("fail between 1 and {members} {} at once", words.1);
            return Err(vec![unplayable("goal.survive.at_once".into(), message)]);
        }
        Survive::Events { events } if events.is_empty() => {
            return Err(vec![unplayable("goal.survive.events".into(), "a goal survives at least one event")]);
        }
        Survive::Events { events } => {
            for (i, event) in events.iter().enumerate() {
                F::parse_event(event, design).map_err(|m| vec![unplayable(format!("goal.survive.events[{i}]"), m)])?;
            }
        }
        Survive::Any { .. } => {}
    }
    let start = reach::<F>(design, goal).map_err(|m| vec![unplayable("goal.survive".into(), m)])?;
    if start.reached {
        let message = format!("the design already reaches the goal ({}): there is nothing to do", start.says);
        return Err(vec![unplayable("goal".into(), message)]);
    }
    Ok(CheckedGoal { says: goal_words::<F>(design, goal), keep: F::keep_label(&goal.keep), edits: goal.edits, start })
}

/// A goal in words: `Keep EVS1 online through any one node failing, in at most 2 edits.`
pub fn goal_words<F: Asking>(design: &F::Design, goal: &Goal<F::Keep>) -> String {
    let (_, words) = F::members(design);
    let edits = crate::words::count(goal.edits, "edit", "edits");
    format!("Keep {} through {}, in at most {edits}.", F::keep_words(&goal.keep), goal.survive.words(words))
}

/// Whether `design` reaches `goal`: with every set of up to `at_once` members failed at once (by size, then
/// in the design's order), or after its events, what it keeps is still up. The first failure that breaks
/// it is said. `Err` when an event is not one of the design's (it was renamed or removed by an edit).
pub fn reach<F: Asking>(design: &F::Design, goal: &Goal<F::Keep>) -> Result<Reached, String> {
    let lost = match &goal.survive {
        Survive::Any { at_once } => {
            let (members, _) = F::members(design);
            let mut lost = None;
            crate::combinations::for_each(members, *at_once, |failed| {
                if lost.is_none() && !failed.is_empty() {
                    lost = F::lost(design, Failure::AtOnce(failed), &goal.keep).map(|why| {
                        let names: Vec<String> = failed.iter().map(|&i| F::member_name(design, i)).collect();
                        format!("with {} failed, {why}", names.join(" + "))
                    });
                }
            });
            lost
        }
        Survive::Events { events } => {
            let events = events.iter().map(|text| F::parse_event(text, design)).collect::<Result<Vec<_>, _>>()?;
            F::lost(design, Failure::Events(&events), &goal.keep)
                .map(|why| format!("after {}, {why}", goal.survive.words(("", ""))))
        }
    };
    Ok(match lost {
        Some(says) => Reached { reached: false, says },
        None => Reached {
            reached: true,
            says: format!("{} through {}", F::keep_words(&goal.keep), goal.survive.words(F::members(design).1)),
        },
    })
}

/// Reads a lesson file of family `F` (as a page opens one): refused with the path of the problem, and in so
/// many words when it is the other family's lesson or holds an answer key.
pub fn read_lesson<F: Asking>(json: &str) -> Result<FileOf<F>, LoadError> {
    /// A lesson's design's `kind`, read alone.
    #[derive(Deserialize, Read)]
    struct Peek {
        #[serde(default)]
        design: Option<PeekDesign>,
    }
    #[derive(Deserialize, Read)]
    struct PeekDesign {
        #[serde(default)]
        kind: Option<String>,
    }
    let kind = crate::read::from_json::<Peek>(json).ok().and_then(|peek| peek.design?.kind);
    let dag = kind.is_some_and(|kind| kind.trim().eq_ignore_ascii_case("dag"));
    if dag != (F::FAMILY == "dag") {
        let (is, planner) =
            if dag { ("a DAG", "the DAG planner") } else { ("a 2003 cluster", "the 2003 cluster planner") };
        return Err(unplayable("design".into(), format!("this lesson is about {is}: open it in {planner}")));
    }
    crate::scenario::parse_json(json).map_err(|errors| {
        let first = errors.0.into_iter().next().unwrap_or_else(|| unplayable(String::new(), "it cannot be read"));
        match first.path.strip_suffix(".answer") {
            Some(question) if question.starts_with("questions[") => {
                unplayable(first.path.clone(), "a question stores no answer: the engine works it out at its step")
            }
            _ => first,
        }
    })
}

/// A lesson file made ready to play: checked, its steps the design's script, its moments' times read.
pub fn playable<F: Asking>(lesson: &FileOf<F>) -> Result<Playable<F::Scenario, F::Keep>, Vec<LoadError>> {
    let checked = check::<F>(lesson)?;
    let marks = lesson
        .moments
        .iter()
        .enumerate()
        .map(|(i, m)| {
            crate::duration::parse(&m.at)
                .map(|at_ms| Mark { at_ms, say: m.say.clone() })
                .map_err(|message| vec![unplayable(format!("moments[{i}].at"), message)])
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut scenario = lesson.design.clone();
    F::set_script(&mut scenario, lesson.steps.iter().map(|s| s.event.clone()).collect());
    Ok(Playable {
        id: lesson.id.clone(),
        title: lesson.title.clone(),
        teaches: lesson.teaches.clone(),
        scenario,
        marks,
        checked,
        goal: lesson.goal.clone(),
    })
}

/// A built-in lesson as a lesson file: its design without its script, the script as steps, its moments and
/// its questions.
pub fn lesson_file<F: Asking>(id: &str) -> Option<FileOf<F>> {
    let (lesson, questions) = F::built_in(id)?;
    let mut design = lesson.scenario;
    let script = F::take_script(&mut design);
    Some(LessonFile {
        kind: LessonKind::Lesson,
        id: lesson.id.to_string(),
        title: lesson.title.to_string(),
        teaches: lesson.teaches.to_string(),
        source: lesson.source.to_string(),
        design,
        steps: script.into_iter().map(|event| Step { event, say: String::new() }).collect(),
        moments: lesson
            .moments
            .iter()
            .map(|m| Moment { at: crate::duration::text(m.at_ms), say: m.say.to_string() })
            .collect(),
        questions: questions
            .iter()
            .map(|q| Question {
                after: q.after,
                ask: q.ask.to_string(),
                about: F::parse_about(q.about).expect("a built-in question's subject reads"),
            })
            .collect(),
        goal: None,
        fork: lesson.fork.map(|fork| Fork {
            name: fork.name.to_string(),
            at: fork.at.to_string(),
            steps: fork.steps.iter().map(|step| step.to_string()).collect(),
        }),
    })
}

/// Where a lesson cannot be played: the field path in the file (`questions[1].about.group`) and why.
fn unplayable(path: String, message: impl Into<String>) -> LoadError {
    LoadError { path, message: message.into() }
}

/// The checks every lesson gets whatever its family: a step to play or a goal to reach, a step to ask
/// after, and something to ask.
pub fn check_questions<S, A, K>(lesson: &LessonFile<S, A, K>) -> Result<(), LoadError> {
    if lesson.steps.is_empty() && lesson.goal.is_none() {
        return Err(unplayable("steps".into(), "a lesson plays at least one step, or sets a goal"));
    }
    for (i, question) in lesson.questions.iter().enumerate() {
        if question.after >= lesson.steps.len() {
            let steps = crate::words::count(lesson.steps.len(), "step", "steps");
            let message = format!("asked after step {}, but the lesson has {steps}, counted from 0", question.after);
            return Err(unplayable(format!("questions[{i}].after"), message));
        }
        if question.ask.trim().is_empty() {
            return Err(unplayable(format!("questions[{i}].ask"), "a question asks something"));
        }
    }
    Ok(())
}

/// A yes-or-no answer's value.
pub fn yes_no(yes: bool) -> &'static str {
    if yes { "yes" } else { "no" }
}

/// The choices of a count from 0 to `most`.
pub fn counts(most: usize) -> Vec<String> {
    (0..=most).map(|n| n.to_string()).collect()
}

/// The choices of a name, or none of them.
pub fn names_or_none<'n>(names: impl Iterator<Item = &'n str>) -> Vec<String> {
    names.map(str::to_string).chain(["none".to_string()]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(value: &str, several: bool) -> Answer {
        Answer {
            value: value.into(),
            says: String::new(),
            why: String::new(),
            source: String::new(),
            choices: Vec::new(),
            several,
        }
    }

    #[test]
    fn a_given_answer_is_graded_by_its_choice_or_its_set() {
        assert!(answer("node4", false).grade(" Node4 "));
        assert!(!answer("node4", false).grade("node3"));
        assert!(!answer("node4", false).grade("node4, node3"));
        assert!(answer("EVS1, EVS2", true).grade("evs2,EVS1"));
        assert!(!answer("EVS1, EVS2", true).grade("EVS1"));
        assert!(answer("", true).grade(" "), "no group online is the empty set");
    }
}
