//! The 2003 timeline panel: the failure script (editable, saved with the design), the guided lessons, the
//! durations, and the shared player (`shell::player`).

use clusterplan_core::cluster::lessons::{self, LESSONS};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use std::rc::Rc;

use crate::cluster::state::{Action, Player, TimingField};
use crate::shell::player::{lesson_menu, player_view};
use clusterplan_core::cluster::model::{ResourceKind, Timing};

use clusterplan_core::duration::seconds as exact;

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
    let script = props.script.join("\n");

    let onplay = {
        let dispatch = dispatch.clone();
        let script_ref = script_ref.clone();
        Callback::from(move |_| {
            if let Some(area) = script_ref.cast::<HtmlTextAreaElement>() {
                dispatch.emit(Action::SetScript(area.value().lines().map(str::to_string).collect()));
            }
            dispatch.emit(Action::PlayScript);
        })
    };
    let lessons: Vec<(&'static str, &'static str)> =
        LESSONS.iter().filter_map(|id| lessons::lesson(id)).map(|lesson| (lesson.id, lesson.title)).collect();
    let player = props.player.as_ref().map(|player| player_view(player, &dispatch.reform(Action::Player)));

    // Durations in seconds, editable; a field resets when a refusal leaves the timing as it was.
    let field = |label: String, ms: u64, which: TimingField| {
        let onchange = dispatch.reform(move |event: Event| {
            Action::SetTiming(which, event.target_unchecked_into::<HtmlInputElement>().value())
        });
        html! {
            <label class="duration">{ label.clone() }
                <input type="text" inputmode="decimal" key={format!("{label}{ms}-{}", props.refusals)}
                    value={exact(ms)} {onchange} />
            </label>
        }
    };
    let timing = &props.timing;
    let durations = html! {
        <details class="durations">
            <summary>{ "Durations in seconds (clusterplan's defaults: the sources give none)" }</summary>
            { field("Missed heartbeats before a node is noticed".into(), timing.heartbeat_detection_ms, TimingField::Detection) }
            { field("A returning node joins after".into(), timing.join_ms, TimingField::Join) }
            { for props.kinds.iter().map(|&kind| {
                let of = timing.of(kind);
                html! { <>
                    { field(format!("{} online", kind.title()), of.online_ms, TimingField::Online(kind)) }
                    { field(format!("{} offline", kind.title()), of.offline_ms, TimingField::Offline(kind)) }
                </> }
            }) }
        </details>
    };

    html! {
        <section class="panel timeline" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{ "Failover, second by second" }</h2>
            { lesson_menu(&lessons, &dispatch.reform(Action::OpenLesson)) }
            <div class="field">
                <label for="script">{ "Failure script (one timed event a line: fail:node3@0s, restore:node3@10min)" }</label>
                <textarea id="script" ref={script_ref} rows="4" key={format!("script-{}-{script}", props.refusals)} value={script.clone()} />
            </div>
            <button onclick={onplay}>{ "Play the script" }</button>
            { durations }
            { for player }
        </section>
    }
}
