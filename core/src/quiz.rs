//! Lessons as files, for both families: a design, the steps of its script (an event and what to say), the
//! moments to watch, and questions asked after a step. A question stores no answer: the engine works it out
//! at that step ([`Answer`]), and grades what a learner gives against it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::read::Read;
use crate::scenario::{LoadError, LoadErrors};
use crate::timeline::{Lesson, WrittenQuestion};

/// The marker of a lesson file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LessonKind {
    Lesson,
}

/// A lesson: `S` is the family's scenario (a 2003 cluster, or a DAG with `"kind": "dag"`), `A` what its
/// questions may be about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LessonFile<S, A> {
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
    /// The script, one event a step, in order (`fail:node3@0s`, `fail-site:dc1@2min`).
    pub steps: Vec<Step>,
    /// Moments of the script to watch, each with what to say then.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moments: Vec<Moment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question<A>>,
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

/// A lesson with every question answered, as `clusterplan lesson check` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CheckedLesson {
    pub id: String,
    pub title: String,
    /// `cluster` or `dag`.
    pub family: &'static str,
    pub steps: usize,
    pub questions: Vec<Checked>,
}

/// What a family brings to its lessons' questions.
pub trait Asking {
    type Scenario: Clone;
    type Design;
    type Event;
    /// What its questions may be about.
    type About;
    /// `cluster` or `dag`.
    const FAMILY: &'static str;

    fn resolve(scenario: Self::Scenario) -> Result<Self::Design, LoadErrors>;
    fn parse_event(text: &str, design: &Self::Design) -> Result<Self::Event, String>;
    /// An event's time on the script's clock, when it has one (one without happens with the one before).
    fn at_ms(event: &Self::Event) -> Option<u64>;
    /// The first event out of time order, and why.
    fn out_of_order(events: &[Self::Event], design: &Self::Design) -> Option<(usize, String)>;
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
}

/// The part of an [`Asking`] impl that reads the same in both families, written once: the family's
/// questions module names `Scenario`, `Design`, `TimedEvent` and `check_order`, `About` (with `label` and
/// `parse`), `LoadErrors`, `WrittenQuestion` and core's `lessons`; the impl says its `FAMILY`, what a question
/// names that the design lacks and the answer.
macro_rules! asking_alike {
    () => {
        type Scenario = Scenario;
        type Design = Design;
        type Event = TimedEvent;
        type About = About;

        fn resolve(scenario: Scenario) -> Result<Design, LoadErrors> {
            Design::new(scenario)
        }

        fn parse_event(text: &str, design: &Design) -> Result<TimedEvent, String> {
            TimedEvent::parse(text, design).map_err(|error| error.to_string())
        }

        fn at_ms(event: &TimedEvent) -> Option<u64> {
            event.at
        }

        fn out_of_order(events: &[TimedEvent], design: &Design) -> Option<(usize, String)> {
            check_order(events, design).err().map(|(i, error)| (i, error.to_string()))
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
    };
}
pub(crate) use asking_alike;

/// Checks a lesson: its design resolves, its steps are events of it in time order, its questions ask after
/// a step about something it has; then answers every question. Every problem is refused with its path in
/// the file.
pub fn check<F: Asking>(lesson: &LessonFile<F::Scenario, F::About>) -> Result<CheckedLesson, Vec<LoadError>> {
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
    Ok(CheckedLesson {
        id: lesson.id.clone(),
        title: lesson.title.clone(),
        family: F::FAMILY,
        steps: lesson.steps.len(),
        questions,
    })
}

/// A built-in lesson as a lesson file: its design without its script, the script as steps, its moments and
/// its questions.
pub fn lesson_file<F: Asking>(id: &str) -> Option<LessonFile<F::Scenario, F::About>> {
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
    })
}

/// Where a lesson cannot be played: the field path in the file (`questions[1].about.group`) and why.
fn unplayable(path: String, message: impl Into<String>) -> LoadError {
    LoadError { path, message: message.into() }
}

/// The checks every lesson gets whatever its family: a step to ask after, and something to ask.
pub fn check_questions<S, A>(lesson: &LessonFile<S, A>) -> Result<(), LoadError> {
    if lesson.steps.is_empty() {
        return Err(unplayable("steps".into(), "a lesson plays at least one step"));
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
