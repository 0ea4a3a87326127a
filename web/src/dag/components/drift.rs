//! The design beside a running DAG: every difference (members, sites, witnesses, copies, preferences, lag,
//! settings, live state) and the failure modes of each side by side, until the design changes.

use yew::prelude::*;

use super::PanelProps;
use crate::dag::state::DagAction;
use clusterplan_core::dag::drift::ModeOutcome;

fn outcome(o: &Option<ModeOutcome>) -> String {
    match o {
        None => "–".to_string(),
        Some(o) if !o.quorum => format!("{} of {} mounted, no quorum", o.mounted, o.mounted + o.dismounted),
        Some(o) => format!("{} of {} mounted", o.mounted, o.mounted + o.dismounted),
    }
}

#[component]
pub fn Drift(props: &PanelProps) -> Html {
    let Some(compared) = props.state.own.clone() else { return html! {} };
    let close = props.dispatch.reform(|_: MouseEvent| DagAction::CloseComparison.into());
    let drift = &compared.drift;
    let stale = compared.plan != props.state.saved.scenario;
    html! {
        <section class="panel drift" id="drift" aria-labelledby="drift-title">
            <h2 id="drift-title">{ format!("Compared with {}", compared.running) }</h2>
            <button class="dismiss" onclick={close} aria-label="Close the comparison">{ "×" }</button>
            if stale {
                <p class="stale" role="status">{ "The design changed since: compare again to see the drift of this one." }</p>
            }
            if drift.same {
                <p class="same">{ "The running DAG is as planned." }</p>
            } else {
                <table class="drift-list">
                    <caption>{ format!("{} differences", drift.differences.len()) }</caption>
                    <thead><tr><th scope="col">{ "What" }</th><th scope="col">{ "Subject" }</th>
                        <th scope="col">{ "Planned" }</th><th scope="col">{ "Running" }</th></tr></thead>
                    <tbody>
                        { for drift.differences.iter().map(|d| html! {
                            <tr data-area={d.area.word()}>
                                <td>{ d.area.word() }</td><td>{ d.subject.clone() }</td>
                                <td>{ d.plan.clone() }</td><td>{ d.running.clone() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            <table class="drift-modes">
                <caption>{ format!(
                    "Failure modes: tolerates any {} member(s) failing at once as planned, {} as it runs",
                    drift.tolerates[0], drift.tolerates[1]
                ) }</caption>
                <thead><tr><th scope="col">{ "Failure" }</th><th scope="col">{ "Planned" }</th><th scope="col">{ "Running" }</th></tr></thead>
                <tbody>
                    { for drift.modes.iter().map(|m| {
                        let differs = m.plan != m.running;
                        html! {
                            <tr class={classes!(differs.then_some("differs"))}>
                                <th scope="row">{ m.mode.clone() }</th>
                                <td>{ outcome(&m.plan) }</td><td>{ outcome(&m.running) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}
