//! The 2003 timeline panel: the failure script (editable, saved with the design), the guided lessons, the
//! durations, and the shared player (`shell::player`).

use clusterplan_core::cluster::lessons::LESSONS;
use yew::prelude::*;

use crate::shell::presenter::use_lesson_titles;

use std::rc::Rc;

use crate::cluster::state::{Action, Player, TimingField};
use crate::shell::player::{self as shell, duration_field, player_view, save_then_play, timeline_panel};
use clusterplan_core::cluster::model::{ResourceKind, Timing};
use clusterplan_core::cluster::report::{Outcome, ResourceState};

/// What the timeline panel shows; narrow, so that failing a node does not re-render it.
#[derive(Properties, PartialEq, Clone)]
pub struct TimelineProps {
    pub script: Vec<String>,
    /// The durations the timeline uses, and the resource types the design has.
    pub timing: Timing,
    pub kinds: Vec<ResourceKind>,
    pub player: Option<Rc<Player>>,
    /// Refused actions so far: the script field resets when a refusal leaves it as it was.
    pub refusals: u32,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn TimelinePanel(props: &TimelineProps) -> Html {
    let dispatch = &props.dispatch;
    let script_ref = use_node_ref();
    let lessons = use_lesson_titles(LESSONS);
    let field = |label: &str, ms: u64, which: TimingField| {
        duration_field(label, ms, props.refusals, dispatch.reform(move |text| Action::SetTiming(which, text)))
    };
    let timing = &props.timing;
    let durations = html! { <>
        { field("Missed heartbeats before a node is noticed", timing.heartbeat_detection_ms, TimingField::Detection) }
        { field("A returning node joins after", timing.join_ms, TimingField::Join) }
        { for props.kinds.iter().map(|&kind| {
            let of = timing.of(kind);
            html! { <>
                { field(&format!("{} online", kind.title()), of.online_ms, TimingField::Online(kind)) }
                { field(&format!("{} offline", kind.title()), of.offline_ms, TimingField::Offline(kind)) }
            </> }
        }) }
    </> };
    let play = save_then_play(dispatch, Action::SetScript, || Action::PlayScript);
    timeline_panel(shell::TimelinePanel {
        lessons: &lessons,
        open_lesson: dispatch.reform(Action::OpenLesson),
        script: &props.script,
        script_ref,
        hint: "fail:node3@0s, restore:node3@10min",
        play,
        refusals: props.refusals,
        durations,
        player: props
            .player
            .as_ref()
            .map(|player| player_view(player, &dispatch.reform(Action::Player), progress(&player.moment()))),
    })
}

/// Where each group stands at the player's time, large enough for a room in presenter mode: its state,
/// where it runs, and how many of its resources are online.
fn progress(outcome: &Outcome) -> Html {
    let groups = outcome.groups.iter().map(|group| {
        let online = group.resources.iter().filter(|r| r.state == ResourceState::Online).count();
        let place = group.owner.as_deref().map(|owner| format!(" on {owner}")).unwrap_or_default();
        html! {
            <li class={classes!("progress-group", group.state.word())}>
                <strong>{ group.name.clone() }</strong>
                { format!(" {}{place} · {online} of {} resources online", group.state.word(), group.resources.len()) }
            </li>
        }
    });
    html! { <ul class="progress" aria-label="Groups at this time">{ for groups }</ul> }
}
