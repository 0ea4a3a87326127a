//! What both families' timelines share: steps at times on the virtual clock, each saying what changed and
//! why, and the state at any time. A player (the app's) moves between steps through this trait alone.

use schemars::JsonSchema;
use serde::{Serialize, Serializer};

/// A time on the virtual clock, kept in ms, written in JSON as seconds.
pub(crate) fn seconds<S: Serializer>(ms: &u64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(*ms as f64 / 1000.0)
}

/// One moment of a played script, as `clusterplan simulate --at` prints it: the time asked for, the steps
/// told then (those at the time of the last step up to it), and the design as it stands then — what a
/// player shows at that time, every part of it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(rename = "Moment")]
pub struct Moment<E, O> {
    /// The time, in ms on the virtual clock (seconds in JSON, as `t`).
    #[serde(rename = "t", serialize_with = "seconds")]
    #[schemars(with = "f64")]
    pub t_ms: u64,
    /// The steps told at this moment, in the order they are told.
    pub steps: Vec<E>,
    /// The design as it stands.
    pub state: O,
}

impl<E: Clone, O> Moment<E, O> {
    /// `played` seen at `t_ms`.
    pub fn of<P: Played<Entry = E, Outcome = O>>(played: &P, design: &P::Design, t_ms: u64) -> Moment<E, O> {
        Moment { t_ms, steps: played.moment(t_ms).to_vec(), state: played.at(design, t_ms) }
    }
}

/// One step of a timeline, as people read it.
pub trait Step {
    /// When, in ms on the virtual clock.
    fn t_ms(&self) -> u64;
    /// What changes: a node, a group, a server, a database, `quorum`.
    fn subject(&self) -> &str;
    fn change(&self) -> &str;
    fn reason(&self) -> &str;
    fn source(&self) -> &'static str;
    /// A step the story turns on, narrated large: a failure or an administrator's action, quorum decided, a
    /// database wave's first and last database. The others are listed beneath it.
    fn key(&self) -> bool;
}

/// A failure script played on a design: its steps in time order, and the state at any time.
pub trait Played {
    type Design;
    type Outcome: std::fmt::Debug + PartialEq;
    type Entry: Step;

    /// Every step, in time order.
    fn steps(&self) -> &[Self::Entry];

    /// The design as an observer sees it at `time_ms`.
    fn at(&self, design: &Self::Design, time_ms: u64) -> Self::Outcome;

    /// The script's events that have happened by `time_ms`, as core writes them: what acting during
    /// playback applies.
    fn happened(&self, design: &Self::Design, time_ms: u64) -> Vec<String>;

    /// When the last step happens.
    fn end_ms(&self) -> u64 {
        self.steps().last().map_or(0, Step::t_ms)
    }

    /// The last step at or before `time_ms`: what a narration says then.
    fn current(&self, time_ms: u64) -> Option<&Self::Entry> {
        self.steps().iter().take_while(|e| e.t_ms() <= time_ms).last()
    }

    /// Every step of the moment shown at `time_ms`: those at the time of the last step up to then, in the
    /// order they are told.
    fn moment(&self, time_ms: u64) -> &[Self::Entry] {
        let steps = self.steps();
        let end = steps.partition_point(|e| e.t_ms() <= time_ms);
        let Some(last) = end.checked_sub(1) else { return &[] };
        let at = steps[last].t_ms();
        &steps[steps[..end].partition_point(|e| e.t_ms() < at)..end]
    }

    /// When the first step after `time_ms` happens, if one does.
    fn next_step(&self, time_ms: u64) -> Option<u64> {
        self.steps().iter().map(Step::t_ms).find(|&t| t > time_ms)
    }

    /// When the last step before `time_ms` happens (0 when none does).
    fn previous_step(&self, time_ms: u64) -> u64 {
        self.steps().iter().rev().map(Step::t_ms).find(|&t| t < time_ms).unwrap_or(0)
    }
}

/// Implements [`Step`] for an entry type with the fields `t_ms`, `subject`, `change`, `reason`, `source`,
/// `key`.
macro_rules! step {
    ($entry:ty) => {
        impl $crate::timeline::Step for $entry {
            fn t_ms(&self) -> u64 {
                self.t_ms
            }
            fn subject(&self) -> &str {
                &self.subject
            }
            fn change(&self) -> &str {
                &self.change
            }
            fn reason(&self) -> &str {
                &self.reason
            }
            fn source(&self) -> &'static str {
                self.source
            }
            fn key(&self) -> bool {
                self.key
            }
        }
    };
}
pub(crate) use step;

/// A guided lesson: what it teaches, on which design (a family's scenario, its failure script included),
/// with its source. The app opens lessons by URL (`#lesson=ID`) and plays them on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson<Scenario> {
    pub id: &'static str,
    pub title: &'static str,
    /// What to watch for, in a few sentences.
    pub teaches: &'static str,
    pub source: &'static str,
    pub scenario: Scenario,
    /// The moments the lesson is about, each with what to watch there: the player marks them in its list of
    /// steps and says them above the narration when it stands on them.
    pub moments: &'static [KeyMoment],
    /// The fork the lesson plays beside its script, if it has one.
    pub fork: Option<WrittenFork>,
}

/// A lesson's fork as written: its name, where it leaves the script, its own steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrittenFork {
    pub name: &'static str,
    pub at: &'static str,
    pub steps: &'static [&'static str],
}

/// A lesson as written, once: its id and words, the moments it marks, and its design: a preset of its
/// family, named, given the script, then changed by `adjust` where the lesson needs more than the preset.
#[derive(Debug, Clone, Copy)]
pub struct Written<Scenario: 'static> {
    pub id: &'static str,
    pub title: &'static str,
    pub teaches: &'static str,
    pub source: &'static str,
    pub moments: &'static [KeyMoment],
    pub preset: &'static str,
    pub name: &'static str,
    pub script: &'static [&'static str],
    pub adjust: fn(&mut Scenario),
    /// What the lesson asks, each after a step of the script: the engine answers.
    pub questions: &'static [WrittenQuestion],
    /// The other way, played beside the script: "what if I had done it differently at this moment?".
    pub fork: Option<WrittenFork>,
}

/// For a lesson that takes its preset as it is.
pub fn as_preset<Scenario>(_: &mut Scenario) {}

impl<Scenario> Written<Scenario> {
    /// The lesson on `scenario`, the preset this lesson names, already named and given the script; it is
    /// adjusted here.
    pub fn lesson(&self, mut scenario: Scenario) -> Lesson<Scenario> {
        (self.adjust)(&mut scenario);
        Lesson {
            id: self.id,
            title: self.title,
            teaches: self.teaches,
            source: self.source,
            scenario,
            moments: self.moments,
            fork: self.fork,
        }
    }

    /// The script as the scenario holds it.
    pub fn script(&self) -> Vec<String> {
        self.script.iter().map(|event| event.to_string()).collect()
    }
}

/// How a family reads its failure script's lines: what lessons and forks check a script with.
pub trait Script {
    type Design;
    type Event;
    fn parse_event(text: &str, design: &Self::Design) -> Result<Self::Event, String>;
    /// An event's time on the script's clock, when it has one (one without happens with the one before).
    fn at_ms(event: &Self::Event) -> Option<u64>;
    /// The first event out of time order, and why.
    fn out_of_order(events: &[Self::Event], design: &Self::Design) -> Option<(usize, String)>;
}

/// A family's scenario as a lesson sets it up: its name and its failure script.
pub trait Scripted {
    fn set_script(&mut self, name: &str, script: Vec<String>);
}

/// The lesson of `table` with this id, its design made from `preset` (the family's presets by id).
pub fn lesson<Scenario: Scripted>(
    table: &'static [Written<Scenario>],
    preset: fn(&str) -> Option<Scenario>,
    id: &str,
) -> Option<Lesson<Scenario>> {
    let written = table.iter().find(|lesson| lesson.id == id)?;
    let mut scenario = preset(written.preset).expect("a lesson's preset exists");
    scenario.set_script(written.name, written.script());
    Some(written.lesson(scenario))
}

/// A family's lesson functions over its table, written once: `lesson(id)` and `ids()`, and how a lesson
/// names its `Scenario` and gives it the script. The family's module names `Scenario`, `Lesson` and
/// `presets`.
macro_rules! lessons {
    ($table:ident) => {
        /// The lesson with this id.
        pub fn lesson(id: &str) -> Option<Lesson> {
            $crate::timeline::lesson($table, presets::preset, id)
        }

        /// The lesson ids, in teaching order.
        pub fn ids() -> Vec<&'static str> {
            $crate::timeline::lesson_ids($table)
        }

        impl $crate::timeline::Scripted for Scenario {
            fn set_script(&mut self, name: &str, script: Vec<String>) {
                self.name = name.to_string();
                self.script = script;
            }
        }
    };
}
pub(crate) use lessons;

/// The ids of `table`, in teaching order.
pub fn lesson_ids<Scenario>(table: &'static [Written<Scenario>]) -> Vec<&'static str> {
    table.iter().map(|lesson| lesson.id).collect()
}

/// A question as a built-in lesson writes it: the step it follows, its words, and its subject in the text
/// form (`owner:EVS3`, `which-copy:db1`, `quorum`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrittenQuestion {
    pub after: usize,
    pub ask: &'static str,
    pub about: &'static str,
}

/// A moment a lesson marks: a time of its script (ms) and what to watch then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyMoment {
    pub at_ms: u64,
    pub say: &'static str,
}

/// When script event `index` happens, in ms, from the events' own times (`None`: with the one before).
pub fn event_ms(times: impl Iterator<Item = Option<u64>>, index: usize) -> u64 {
    times.take(index + 1).fold(0, |now, at| at.unwrap_or(now).max(now))
}
