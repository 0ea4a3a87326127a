//! What the DAG tolerates: the Role Requirements Calculator's failure modes, from every set of failed
//! servers (as many at once as the engine works out) and every site, worked out in the component's worker.

use clusterplan_core::dag::matrix::Summary;
use yew::prelude::*;

use crate::shell::matrix::{Matrix, percent};

#[derive(Properties, PartialEq, Clone)]
pub struct ToleranceProps {
    pub matrix: Matrix<Summary>,
}

#[component]
pub fn Tolerance(props: &ToleranceProps) -> Html {
    let summary = match &props.matrix {
        Matrix::Ready { summary, .. } => summary,
        Matrix::Working { done, total } => {
            return html! {
                <section class="panel tolerance" aria-label="Failure modes">
                    <h2>{ "Working out the failure modes…" }</h2>
                    <p class="muted working" aria-live="polite">
                        <progress max="100" value={percent(*done, *total).to_string()}
                                  aria-label="Failure analysis progress" />
                        { if *total == 0 { String::new() } else { format!(" {done} of {total} server sets") } }
                    </p>
                </section>
            };
        }
        Matrix::Failed(why) => {
            return html! {
                <section class="panel tolerance" aria-label="Failure modes">
                    <h2>{ "Failure modes not worked out" }</h2>
                    <p class="muted">{ why.clone() }</p>
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
            <p class="muted quorum-note">{ summary.quorum_note.clone() }</p>
            <table>
                <thead><tr><th scope="col">{ "Mode" }</th><th scope="col">{ "Failed" }</th><th scope="col">{ "Quorum" }</th>
                    <th scope="col">{ "Mounted" }</th><th scope="col">{ "Most active" }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}
