//! The timeline panel: the failure script (editable, saved with the design), the guided lessons, and the
//! player — play, pause, step, seek, speed — with the narration of what just happened and why.

use clusterplan_core::cluster::lessons::{self, LESSONS};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use std::rc::Rc;

use clusterplan_core::cluster::timeline::Entry;

use crate::cluster::state::{Action, Player, SPEEDS, TimingField};
use clusterplan_core::cluster::model::{ResourceKind, Timing};

use clusterplan_core::duration::{clock as seconds, seconds as exact};

/// The speeds as the menu shows them (no float formatting in the app: it costs size).
const SPEED_LABELS: &[&str] = &["0.25×", "0.5×", "1×", "2×", "4×", "8×", "16×", "32×", "64×"];

/// The narration of a step: when, what, why, and the source.
pub fn narration(entry: &Entry) -> Html {
    html! {
        <p class="narration" role="status" aria-live="polite">
            <span class="when">{ seconds(entry.t_ms) }</span>
            { format!(" {} — {}: {}", entry.subject, entry.change, entry.reason) }
            <span class="source">{ format!(" ({})", entry.source) }</span>
        </p>
    }
}

/// Play, pause, step, speed, the clock, a close button and the seek slider of a player.
pub fn controls(player: &Player, dispatch: &Callback<Action>, close: Action) -> Html {
    let onseek = dispatch.reform(|event: InputEvent| {
        Action::Seek(event.target_unchecked_into::<HtmlInputElement>().value().parse().unwrap_or(0))
    });
    let onspeed = dispatch.reform(|event: Event| {
        let index: usize = event.target_unchecked_into::<HtmlSelectElement>().value().parse().unwrap_or(2);
        Action::SetSpeed(SPEEDS.get(index).copied().unwrap_or(1.0))
    });
    html! {
        <>
            <div class="controls" role="toolbar" aria-label="Player">
                <button onclick={dispatch.reform(|_| Action::StepBack)} aria-label="Step back" aria-keyshortcuts="ArrowLeft">{ "◀ Step" }</button>
                <button onclick={dispatch.reform(|_| Action::TogglePlay)} aria-label={if player.playing { "Pause" } else { "Play" }}
                    aria-keyshortcuts="Space">{ if player.playing { "Pause" } else { "Play" } }</button>
                <button onclick={dispatch.reform(|_| Action::StepForward)} aria-label="Step forward" aria-keyshortcuts="ArrowRight">{ "Step ▶" }</button>
                <label for="speed" class="visually-hidden">{ "Speed" }</label>
                <select id="speed" onchange={onspeed}>
                    { for SPEEDS.iter().zip(SPEED_LABELS).enumerate().map(|(i, (s, label))| html! { <option value={i.to_string()} selected={*s == player.speed}>{ *label }</option> }) }
                </select>
                <span class="clock" data-time-ms={player.time_ms.to_string()}>{ format!("{} / {}", seconds(player.time_ms), seconds(player.end_ms)) }</span>
                <button onclick={dispatch.reform(move |_| close.clone())}>{ "Close" }</button>
            </div>
            <label for="seek" class="visually-hidden">{ "Time" }</label>
            <input id="seek" type="range" min="0" max={player.end_ms.to_string()} step="500" value={player.time_ms.to_string()} oninput={onseek} />
        </>
    }
}

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
    let onlesson = {
        let dispatch = dispatch.clone();
        Callback::from(move |event: Event| {
            let id = event.target_unchecked_into::<HtmlSelectElement>().value();
            if !id.is_empty() {
                dispatch.emit(Action::OpenLesson(id));
            }
        })
    };
    let lessons = LESSONS.iter().filter_map(|id| lessons::lesson(id)).map(|lesson| {
        html! { <option value={lesson.id}>{ lesson.title }</option> }
    });

    let player = props.player.as_ref().map(|player| {
        let narration = player.current().map(narration);
        let steps = player.timeline.timeline.iter().map(|entry| {
            let class = if entry.t_ms <= player.time_ms { "past" } else { "future" };
            html! { <li class={class}>{ format!("{} · {} — {}", seconds(entry.t_ms), entry.subject, entry.change) }</li> }
        });
        html! {
            <div class="player">
                { controls(player, dispatch, Action::ClosePlayer) }
                { for narration }
                <details>
                    <summary>{ format!("All {} steps", player.timeline.timeline.len()) }</summary>
                    <ol class="steps">{ for steps }</ol>
                </details>
            </div>
        }
    });

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
            <div class="field">
                <label for="lesson">{ "Lessons" }</label>
                <select id="lesson" onchange={onlesson}>
                    <option value="" selected=true>{ "Open a lesson…" }</option>
                    { for lessons }
                </select>
            </div>
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
