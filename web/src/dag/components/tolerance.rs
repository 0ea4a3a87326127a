//! What the DAG tolerates: the Role Requirements Calculator's failure modes, computed for every set of up
//! to three failed servers and every site.

use std::rc::Rc;

use yew::prelude::*;

use crate::dag::state::DesignFacts;

/// What depends on the design alone: panels showing only this skip rendering when just the events change.
#[derive(Properties, PartialEq, Clone)]
pub struct FactsProps {
    pub facts: Rc<DesignFacts>,
}

#[component]
pub fn Tolerance(props: &FactsProps) -> Html {
    let summary = match &props.facts.tolerance {
        Ok(summary) => summary,
        Err(too_large) => {
            return html! {
                <section class="panel tolerance" aria-label="Failure modes">
                    <h2>{ "Failure modes not worked out" }</h2>
                    <p class="muted">{ too_large.clone() }</p>
                </section>
            };
        }
    };
    let rows = summary.modes.iter().map(|mode| {
        html! {
            <tr class={classes!((mode.mounted < summary.databases).then_some("loses"))}>
                <th scope="row">{ mode.mode.clone() }</th>
                <td>{ if mode.failed.is_empty() { "-".to_string() } else { mode.failed.join(" ") } }</td>
                <td>{ if mode.quorum { "yes" } else { "no" } }</td>
                <td>{ format!("{}/{}", mode.mounted, summary.databases) }</td>
                <td>{ mode.busiest.as_ref().map_or("-".to_string(), |server| format!("{} on {server}", mode.max_active)) }</td>
            </tr>
        }
    });
    html! {
        <section class="panel tolerance" aria-label="Failure modes">
            <h2>{ format!("Tolerates any {} failed servers", summary.tolerates_any) }</h2>
            <p class="muted">{ format!("Every set of up to {} failed servers ({} sets), and each site failing whole.", summary.max_failures, summary.combinations) }</p>
            <table>
                <thead><tr><th scope="col">{ "Mode" }</th><th scope="col">{ "Failed" }</th><th scope="col">{ "Quorum" }</th>
                    <th scope="col">{ "Mounted" }</th><th scope="col">{ "Most active" }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}
