//! A fork of the script being played, in both planners. "Fork here" opens a form at the moment shown, with
//! the script's later steps to change and a name. Once a fork is played beside the script, each branch
//! tells the moment on the one clock, with what serves users then. The diagram shows either branch. At the
//! end come both verdicts and the sentence comparing them. What a fork is, and its verdicts, are core's
//! ([`clusterplan_core::fork`]).

use clusterplan_core::duration::{self, clock};
use clusterplan_core::fork::{Fork, Service, Verdict};
use clusterplan_core::timeline::Step;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::planner::Family;
use super::player::{Forked, Player, PlayerAction};

/// The fork's part of the player: "Fork here", the form, or the branches side by side.
pub fn fork_view<F: Family>(
    player: &Player<F::Timeline>,
    script: &[String],
    design: &F::Design,
    dispatch: &Callback<PlayerAction>,
) -> Html {
    match &player.fork {
        _ if player.forking => form::<F>(player.time_ms, script, design, dispatch),
        Some(fork) => branches::<F>(player, fork, dispatch),
        None => html! {
            <button class="fork-here" onclick={dispatch.reform(|_| PlayerAction::Forking(true))}
                title="Play another way from the moment shown, beside the script">{ "Fork here" }</button>
        },
    }
}

/// The form that forks the script at `at_ms`: its steps up to then stay; the later ones are offered to
/// change.
fn form<F: Family>(at_ms: u64, script: &[String], design: &F::Design, dispatch: &Callback<PlayerAction>) -> Html {
    let (_, later) = clusterplan_core::fork::split::<F::Asking>(design, script, at_ms);
    let later = later.join("\n");
    let play = dispatch.reform(move |event: SubmitEvent| {
        event.prevent_default();
        let document = gloo::utils::document();
        let value = |id: &str| {
            let element = document.get_element_by_id(id);
            let area = element.clone().and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlTextAreaElement>(e).ok());
            let input = element.and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(e).ok());
            area.map(|a| a.value()).or(input.map(|i| i.value())).unwrap_or_default()
        };
        let steps = value("fork-steps").lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
        PlayerAction::Fork(Fork { name: value("fork-name").trim().to_string(), at: duration::text(at_ms), steps })
    });
    html! {
        <form class="fork-form" onsubmit={play} aria-label="Fork the script">
            <h3>{ format!("Fork at {}", clock(at_ms)) }</h3>
            <p class="hint">{ "The script’s steps before this moment stay. From this moment on, the fork plays these instead: one timed event a line, none before now." }</p>
            <label for="fork-name">{ "What the fork does differently" }</label>
            <input id="fork-name" type="text" placeholder="Patched without maintenance mode" />
            <label for="fork-steps">{ "The fork's steps" }</label>
            <textarea id="fork-steps" rows="4" key={format!("fork-{at_ms}")} value={later} />
            <div class="buttons">
                <button type="submit">{ "Play the fork" }</button>
                <button type="button" onclick={dispatch.reform(|_| PlayerAction::Forking(false))}>{ "Cancel" }</button>
            </div>
        </form>
    }
}

/// A branch's steps at the player's time, short: when, and each key step's subject and change (the why is
/// in the main narration and the list of steps).
fn told<E: Step>(moment: &[E]) -> Html {
    let Some(first) = moment.first() else { return html! { <p class="told">{ "Nothing has happened yet." }</p> } };
    let key = moment.iter().filter(|e| e.key());
    html! {
        <div class="told">
            <span class="when">{ clock(first.t_ms()) }</span>
            <ul>{ for key.map(|e| html! { <li>{ format!("{} — {}", e.subject(), e.change()) }</li> }) }</ul>
        </div>
    }
}

/// What serves users in `outcome`, in words: `1 of 2 databases mounted`.
fn serving<F: Family>(outcome: &F::Outcome) -> String {
    let all = F::Timeline::serving(outcome);
    let (one, many) = <F::Timeline as Service>::SERVES;
    let up = all.iter().filter(|(_, up)| *up).count();
    format!("{up} of {} {} serving users", all.len(), if all.len() == 1 { one } else { many })
}

/// One branch's verdict: the sentence, the downtime of each thing that was down, the data at risk.
fn verdict_view(verdict: &Verdict) -> Html {
    let down = verdict.downtime_ms.iter().filter(|(_, ms)| *ms > 0);
    html! {
        <div class="fork-verdict">
            <p>{ verdict.summary() }</p>
            <ul class="downtime">{ for down.map(|(name, ms)| html! { <li>{ format!("{name}: {} down", clock(*ms)) }</li> }) }</ul>
            if !verdict.at_risk.is_empty() {
                <ul class="at-risk">{ for verdict.at_risk.iter().map(|r| html! { <li>{ format!("{}: {}", r.subject, r.why) }</li> }) }</ul>
            }
        </div>
    }
}

/// The script and its fork side by side at the player's time; at the end, their verdicts.
fn branches<F: Family>(
    player: &Player<F::Timeline>,
    fork: &Forked<F::Timeline>,
    dispatch: &Callback<PlayerAction>,
) -> Html {
    let finished = player.time_ms >= player.end_ms;
    let (trunk_verdict, fork_verdict, sentence) = &*fork.verdicts;
    let branch = |title: String, class: &'static str, shown: bool, told: Html, now: String, verdict: &Verdict| {
        let show = dispatch.reform(move |_| PlayerAction::ShowFork(class == "forked"));
        html! {
            <section class={classes!("branch", class, shown.then_some("shown"))} aria-label={title.clone()}>
                <h3>{ title }</h3>
                <p class="serving">{ now }</p>
                <button onclick={show} aria-pressed={shown.to_string()}>{ if shown { "On the diagram" } else { "Show on the diagram" } }</button>
                { told }
                if finished {
                    { verdict_view(verdict) }
                }
            </section>
        }
    };
    let trunk = branch(
        "The script".to_string(),
        "trunk",
        !fork.shown,
        told(player.narrated()),
        serving::<F>(player.trunk()),
        trunk_verdict,
    );
    let forked = branch(
        format!("{} (from {})", fork.name, clock(fork.at_ms)),
        "forked",
        fork.shown,
        told(fork.narrated(player.time_ms)),
        serving::<F>(fork.outcome()),
        fork_verdict,
    );
    html! {
        <div class="fork">
            <div class="branches">{ trunk }{ forked }</div>
            if finished {
                <p class="fork-compared" role="status">{ sentence.clone() }</p>
            }
            <div class="buttons">
                <button onclick={dispatch.reform(|_| PlayerAction::Forking(true))}>{ "Fork here instead" }</button>
                <button onclick={dispatch.reform(|_| PlayerAction::CloseFork)}>{ "Close the fork" }</button>
            </div>
        </div>
    }
}
