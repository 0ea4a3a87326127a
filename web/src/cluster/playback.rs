//! The timeline player's state: a played script (core's timeline), the time shown and how it moves —
//! playing, paused, the speed — and two designs side by side on one clock. What the cluster looks like
//! at a time is core's answer (`Timeline::at`); this module only keeps the clock.

use std::rc::Rc;

use clusterplan_core::cluster::compare::{Comparison as Played, Verdict};
use clusterplan_core::cluster::model::ResourceKind;
use clusterplan_core::cluster::report::Outcome;
use clusterplan_core::cluster::timeline::{Entry, Timeline};
use clusterplan_core::cluster::{Design, rules};

/// The playback speeds offered (a log scale).
pub const SPEEDS: &[f64] = &[0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0];

/// The speed a player starts at: a failover of a minute and a half plays in about ten seconds.
const START_SPEED: f64 = 8.0;

/// The timeline player: a failure script played on a design, and the time shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Player {
    pub timeline: Rc<Timeline>,
    pub time_ms: u64,
    pub end_ms: u64,
    pub playing: bool,
    /// Virtual seconds per real second, 0.25 to 64.
    pub speed: f64,
    /// The cluster as it stands at `time_ms`.
    pub outcome: Rc<Outcome>,
}

impl Player {
    /// A paused player at 0 s on a played script, running to `end_ms`.
    pub fn new(design: &Design, timeline: Rc<Timeline>, end_ms: u64) -> Player {
        let outcome = Rc::new(timeline.at(design, 0));
        Player { timeline, time_ms: 0, end_ms, playing: false, speed: START_SPEED, outcome }
    }

    /// The player at `time_ms` (never past the end).
    pub fn at(&self, design: &Design, time_ms: u64) -> Player {
        let time_ms = time_ms.min(self.end_ms);
        Player { time_ms, outcome: Rc::new(self.timeline.at(design, time_ms)), ..self.clone() }
    }

    /// The step shown by `time_ms`: the narration.
    pub fn current(&self) -> Option<&Entry> {
        self.timeline.current(self.time_ms)
    }

    /// Play or pause; play at the end starts again.
    pub fn toggled(&self) -> Player {
        let from_start = !self.playing && self.time_ms >= self.end_ms;
        Player { playing: !self.playing, time_ms: if from_start { 0 } else { self.time_ms }, ..self.clone() }
    }

    /// `real_ms` of real time later, when playing.
    pub fn ticked(&self, design: &Design, real_ms: u64) -> Option<Player> {
        if !self.playing {
            return None;
        }
        let next = self.time_ms + (real_ms as f64 * self.speed).round() as u64;
        let mut moved = self.at(design, next);
        moved.playing = next < self.end_ms;
        Some(moved)
    }

    /// Paused at the next step, if there is one.
    pub fn stepped_forward(&self, design: &Design) -> Option<Player> {
        let next = self.timeline.next_step(self.time_ms)?;
        Some(Player { playing: false, ..self.at(design, next) })
    }

    /// Paused at the step before.
    pub fn stepped_back(&self, design: &Design) -> Player {
        Player { playing: false, ..self.at(design, self.timeline.previous_step(self.time_ms)) }
    }

    pub fn with_speed(&self, speed: f64) -> Player {
        Player { speed: speed.clamp(0.25, 64.0), ..self.clone() }
    }
}

/// Two designs playing one script side by side, on one clock.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub panes: Vec<Pane>,
    /// The comparison of the two verdicts, in words.
    pub sentence: String,
}

/// One side of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Pane {
    pub design: Rc<Design>,
    pub mode_text: String,
    pub player: Player,
    pub verdict: Verdict,
}

impl Comparison {
    /// Both sides of core's comparison, each with a player on the shared clock.
    pub fn new(designs: [Design; 2], played: Played) -> Comparison {
        let Played { sides, end_ms, sentence } = played;
        let panes = designs
            .into_iter()
            .zip(sides)
            .map(|(design, side)| {
                let (_, mode_text) = rules::mode(&design);
                let player = Player::new(&design, Rc::new(side.timeline), end_ms);
                Pane { design: Rc::new(design), mode_text, player, verdict: side.verdict }
            })
            .collect();
        Comparison { panes, sentence }
    }
}

/// A duration of the failover timeline the user can set (the scenario's `timing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimingField {
    /// Missed heartbeats before a failed node is noticed.
    Detection,
    /// How long a returning node takes to join.
    Join,
    Online(ResourceKind),
    Offline(ResourceKind),
}

/// Seconds as typed ("60", "2.5", "2.5 s", or with a unit: "2min") in ms; the message says what is wrong.
pub fn parse_seconds(text: &str) -> Result<u64, String> {
    clusterplan_core::duration::parse(text)
        .ok()
        .filter(|&ms| ms <= 86_400_000)
        .ok_or_else(|| format!("A duration is a number of seconds from 0 to 86400, such as 60 or 2.5, not \"{text}\"."))
}
