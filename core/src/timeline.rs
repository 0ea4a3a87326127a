//! What both families' timelines share: steps at times on the virtual clock, each saying what changed and
//! why, and the state at any time. A player (the app's) moves between steps through this trait alone.

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
}

/// A moment a lesson marks: a time of its script (ms) and what to watch then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyMoment {
    pub at_ms: u64,
    pub say: &'static str,
}
