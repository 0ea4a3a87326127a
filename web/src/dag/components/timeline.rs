//! The DAG timeline panel: the failure script (editable, saved with the design), the DAG lessons, the
//! durations, and the shared player (`shell::player`).

use std::rc::Rc;

use clusterplan_core::dag::lessons::LESSONS;
use yew::prelude::*;

use crate::shell::presenter::use_lesson_titles;
use crate::shell::same::Same;

use crate::dag::state::{Action, Player, Saved, TimingField};
use crate::shell::player::{self as shell, duration_field, player_view, save_then_play, timeline_panel};
use clusterplan_core::dag::report::{MountState, Outcome};

/// What the timeline panel shows; narrow, so that failing a server does not re-render it.
#[derive(Properties, PartialEq, Clone)]
pub struct TimelineProps {
    /// The design: its script and timing (compared by identity).
    pub saved: Same<Saved>,
    pub player: Option<Rc<Player>>,
    pub refusals: u32,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn TimelinePanel(props: &TimelineProps) -> Html {
    let dispatch = &props.dispatch;
    let script_ref = use_node_ref();
    let lessons = use_lesson_titles(LESSONS);
    let durations = TimingField::ALL.iter().map(|&field| {
        let changed = dispatch.reform(move |text| Action::SetTiming(field, text));
        duration_field(field.label(), field.of(&props.saved.scenario), props.refusals, changed)
    });
    let play = save_then_play(dispatch, Action::SetScript, || Action::PlayScript);
    timeline_panel(shell::TimelinePanel {
        lessons: &lessons,
        open_lesson: dispatch.reform(Action::OpenLesson),
        script: &props.saved.scenario.script,
        script_ref,
        hint: "fail-site:dc1@0s, datacenter-switchover:dc2@10min",
        play,
        refusals: props.refusals,
        durations: durations.collect::<Html>(),
        player: props
            .player
            .as_ref()
            .map(|player| player_view(player, &dispatch.reform(Action::Player), progress(&player.moment()))),
    })
}

/// How many databases are mounted, failing over or dismounted at the player's time, large enough for a
/// room in presenter mode.
fn progress(outcome: &Outcome) -> Html {
    let count = |state| outcome.databases.iter().filter(|d| d.state == state).count();
    let (mounted, moving, down) =
        (count(MountState::Mounted), count(MountState::FailingOver), count(MountState::Dismounted));
    html! {
        <p class="progress" role="status" aria-label="Databases at this time">
            <strong>{ format!("{mounted} of {} databases mounted", outcome.databases.len()) }</strong>
            { format!(" · {moving} failing over · {down} dismounted") }
        </p>
    }
}
