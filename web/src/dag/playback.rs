//! The DAG planner's side of the shared player (`shell::player`): playing a failure script on the DAG, and
//! the timeline's durations the user can set.

use clusterplan_core::dag::Design;
use clusterplan_core::dag::event::{TimedEvent, check_order};
use clusterplan_core::dag::model::Scenario;
use clusterplan_core::dag::timeline::{self, Timeline};

use crate::shell::player::{self, parse_seconds};

/// The timeline player on a DAG.
pub type Player = player::Player<Timeline>;

/// A paused player at 0 s on `script` (timed event texts) played on `dag`, or which line is wrong.
pub fn play_script(dag: &Design, script: &[String]) -> Result<Player, String> {
    let events = player::read_script(
        script,
        |text| TimedEvent::parse(text, dag),
        |events| check_order(events, dag),
        "fail-site:dc1@0s",
    )?;
    Ok(Player::whole(dag, timeline::play(dag, &events)))
}

/// A duration of the DAG timeline the user can set (the scenario's `timing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimingField {
    /// Missed heartbeats before the cluster notices.
    Detection,
    /// Active Manager's best copy selection.
    Selection,
    Mount,
    /// Until clients reach the database again.
    Reconnect,
    /// PreferenceMoveFrequency (0 turns it off).
    PreferenceMove,
}

impl TimingField {
    pub const ALL: [TimingField; 5] = [
        TimingField::Detection,
        TimingField::Selection,
        TimingField::Mount,
        TimingField::Reconnect,
        TimingField::PreferenceMove,
    ];

    /// What the field is, for its label.
    pub fn label(self) -> &'static str {
        match self {
            TimingField::Detection => "Missed heartbeats before the cluster notices",
            TimingField::Selection => "Best copy selection",
            TimingField::Mount => "Mounting the chosen copy",
            TimingField::Reconnect => "Clients reconnecting",
            TimingField::PreferenceMove => "Back to preference 1 every (PreferenceMoveFrequency, 2016+; 0 = off)",
        }
    }

    /// Its value in `scenario`, in ms.
    pub fn of(self, scenario: &Scenario) -> u64 {
        let timing = &scenario.timing;
        match self {
            TimingField::Detection => timing.detection_ms,
            TimingField::Selection => timing.selection_ms,
            TimingField::Mount => timing.mount_ms,
            TimingField::Reconnect => timing.reconnect_ms,
            TimingField::PreferenceMove => timing.preference_move_ms,
        }
    }
}

/// `scenario` with one of the timeline's durations set from the seconds typed; `None` when that changes
/// nothing.
pub fn with_timing(scenario: &Scenario, field: TimingField, text: &str) -> Result<Option<Scenario>, String> {
    let ms = parse_seconds(text)?;
    let mut edited = scenario.clone();
    let timing = &mut edited.timing;
    *match field {
        TimingField::Detection => &mut timing.detection_ms,
        TimingField::Selection => &mut timing.selection_ms,
        TimingField::Mount => &mut timing.mount_ms,
        TimingField::Reconnect => &mut timing.reconnect_ms,
        TimingField::PreferenceMove => &mut timing.preference_move_ms,
    } = ms;
    Ok((edited != *scenario).then_some(edited))
}
