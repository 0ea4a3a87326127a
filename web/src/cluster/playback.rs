//! The 2003 planner's side of the shared player (`shell::player`): playing a failure script, two designs
//! side by side on one clock, and the timeline's durations the user can set.

use std::rc::Rc;

use crate::shell::player;

use clusterplan_core::cluster::compare::{Comparison as Played, DEFAULT_SCRIPT, Verdict, side_by_side};
use clusterplan_core::cluster::event::{TimedEvent, check_order};
use clusterplan_core::cluster::model::{ResourceKind, Scenario};
use clusterplan_core::cluster::timeline::{self, Timeline};
use clusterplan_core::cluster::{Design, Options, presets, rules};

/// The timeline player on a 2003 cluster.
pub type Player = player::Player<Timeline>;

/// A paused player at 0 s on `script` (timed event texts) played on `design`, or which line is wrong.
pub fn play_script(design: &Design, script: &[String]) -> Result<Player, String> {
    let events = player::read_script(
        script,
        |text| TimedEvent::parse(text, design),
        |events| check_order(events, design),
        "fail:node1@0s",
    )?;
    Ok(Player::whole(design, timeline::play(design, &events, Options::default())))
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

/// One side of a comparison as the user picks it: the design being edited, a preset, or a design file.
#[derive(Debug, Clone, PartialEq)]
pub enum Comparand {
    Current,
    Preset(String),
    /// A design file's text, read when the comparison opens.
    File(Rc<String>),
}

impl Comparand {
    fn scenario(&self, current: &Scenario) -> Result<Scenario, String> {
        match self {
            Comparand::Current => Ok(current.clone()),
            Comparand::Preset(id) => presets::preset(id).ok_or_else(|| format!("no preset \"{id}\"")),
            Comparand::File(text) => Design::from_json(text)
                .map(|design| design.scenario)
                .map_err(|errors| format!("That file is not a design clusterplan can compare: {errors}")),
        }
    }
}

impl Comparison {
    /// Two designs side by side under `current`'s script, or core's default script when it has none; the
    /// message says what is wrong when they cannot be.
    pub fn open(current: &Scenario, left: &Comparand, right: &Comparand) -> Result<Comparison, String> {
        let script: Vec<String> = if current.script.is_empty() {
            DEFAULT_SCRIPT.iter().map(|s| s.to_string()).collect()
        } else {
            current.script.clone()
        };
        let design = |which: &Comparand| -> Result<Design, String> {
            let scenario = which.scenario(current)?;
            let name = scenario.name.clone();
            Design::new(scenario).map_err(|error| format!("{name}: {error}"))
        };
        let designs = [design(left)?, design(right)?];
        let played = side_by_side([&designs[0], &designs[1]], &script)?;
        Ok(Comparison::new(designs, played))
    }

    /// Whether the clock has reached the end of the script: the verdicts are shown from then on, so a room
    /// watches the failover before it is told who came through better.
    pub fn finished(&self) -> bool {
        self.panes.first().is_some_and(|pane| pane.player.time_ms >= pane.player.end_ms)
    }

    /// "A and B", for the header.
    pub fn names(&self) -> String {
        self.panes.iter().map(|pane| pane.design.scenario.name.as_str()).collect::<Vec<_>>().join(" and ")
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

/// `scenario` with one of the timeline's durations set from the seconds typed; `None` when that changes
/// nothing.
pub fn with_timing(scenario: &Scenario, field: TimingField, text: &str) -> Result<Option<Scenario>, String> {
    let ms = player::parse_seconds(text)?;
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
