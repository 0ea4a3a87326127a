//! The timeline player's state: a played script (core's timeline), the time shown and how it moves —
//! playing, paused, the speed — two designs side by side on one clock, and the reducer's steps that start
//! and drive them. What the cluster looks like at a time is core's answer (`Timeline::at`); this module
//! only keeps the clock.

use std::rc::Rc;

use clusterplan_core::cluster::compare::{Comparison as Played, DEFAULT_SCRIPT, Verdict, side_by_side};
use clusterplan_core::cluster::event::{TimedEvent, check_order};
use clusterplan_core::cluster::model::{ResourceKind, Scenario};
use clusterplan_core::cluster::report::Outcome;
use clusterplan_core::cluster::timeline::{self, Entry, Timeline};
use clusterplan_core::cluster::{Design, Options, presets, rules};

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
    /// A paused player at 0 s on `script` (timed event texts) played on `design`, or which line is wrong.
    pub fn play_script(design: &Design, script: &[String]) -> Result<Player, String> {
        let mut events = Vec::with_capacity(script.len());
        for (line, text) in script.iter().enumerate() {
            let event =
                TimedEvent::parse(text, design).map_err(|error| format!("Script line {}: {error}", line + 1))?;
            events.push(event);
        }
        check_order(&events, design).map_err(|(_, error)| format!("Script: {error}"))?;
        if events.is_empty() {
            return Err("The script is empty: add a timed event such as fail:node1@0s.".into());
        }
        let timeline = Rc::new(timeline::play(design, &events, Options::default()));
        let end_ms = timeline.end_ms();
        Ok(Player::new(design, timeline, end_ms))
    }

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
    /// Two designs side by side — `current` or a preset id each — under `current`'s script, or core's
    /// default script when it has none; the message says what is wrong when they cannot be.
    pub fn open(current: &Scenario, left: &str, right: &str) -> Result<Comparison, String> {
        let script: Vec<String> = if current.script.is_empty() {
            DEFAULT_SCRIPT.iter().map(|s| s.to_string()).collect()
        } else {
            current.script.clone()
        };
        let design = |which: &str| -> Result<Design, String> {
            let scenario = match which {
                "current" => current.clone(),
                id => presets::preset(id).ok_or_else(|| format!("no preset \"{id}\""))?,
            };
            let name = scenario.name.clone();
            Design::new(scenario).map_err(|error| format!("{name}: {error}"))
        };
        let designs = [design(left)?, design(right)?];
        let played = side_by_side([&designs[0], &designs[1]], &script)?;
        Ok(Comparison::new(designs, played))
    }

    /// Both panes changed by `change` (on one clock), or `None` when nothing changed.
    pub fn changed(&self, change: impl Fn(&Player, &Design) -> Option<Player>) -> Option<Comparison> {
        let panes: Vec<Pane> = self
            .panes
            .iter()
            .map(|pane| Pane {
                player: change(&pane.player, &pane.design).unwrap_or_else(|| pane.player.clone()),
                ..pane.clone()
            })
            .collect();
        (panes != self.panes).then(|| Comparison { panes, sentence: self.sentence.clone() })
    }

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

/// `scenario` with one of the timeline's durations set from the seconds typed; `None` when that changes
/// nothing.
pub fn with_timing(scenario: &Scenario, field: TimingField, text: &str) -> Result<Option<Scenario>, String> {
    let ms = parse_seconds(text)?;
    let mut edited = scenario.clone();
    let timing = &mut edited.timing;
    match field {
        TimingField::Detection => timing.heartbeat_detection_ms = ms,
        TimingField::Join => timing.join_ms = ms,
        TimingField::Online(kind) | TimingField::Offline(kind) => {
            let mut durations = timing.of(kind);
            if matches!(field, TimingField::Online(_)) {
                durations.online_ms = ms;
            } else {
                durations.offline_ms = ms;
            }
            timing.resources.insert(kind, durations);
        }
    }
    Ok((edited != *scenario).then_some(edited))
}
