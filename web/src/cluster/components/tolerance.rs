//! What the 2003 cluster tolerates, from every set of failed nodes worked out in the component's worker:
//! whether it survives any single node failure, how many failed nodes at once it survives, and the failure
//! matrix: for each number of nodes failed at once, how many sets leave every group up and the worst set,
//! which a click applies to the design so the diagram shows why.

use yew::prelude::*;

use crate::shell::matrix::{Matrix, percent};
use clusterplan_core::cluster::matrix::Summary;

/// The panel: a plain function rather than a component, since it has no state of its own and the page's
/// bundle is at its budget. `groups` is how many the design has; `apply` gets the nodes of a set to fail.
pub fn tolerance(matrix: &Matrix<Summary>, groups: usize, apply: &Callback<Vec<String>>) -> Html {
    let (answer, table) = match matrix {
        Matrix::Working { done, total } => (
            html! {
                <span class="muted working">
                    <progress max="100" value={percent(*done, *total).to_string()}
                              aria-label="Failure analysis progress" />
                    { if *total == 0 { "working out…".to_string() } else { format!(" working out: {done} of {total} node sets") } }
                </span>
            },
            Html::default(),
        ),
        Matrix::Ready { summary, limited } => {
            let word = if summary.tolerates_any > 0 { "yes" } else { "no" };
            let of = limited.map_or(String::new(), |k| format!(", of every set of up to {k} failed nodes"));
            let scope = format!(" (any {} at once{of})", summary.tolerates_any);
            (
                html! { <><strong class={classes!("answer", word)}>{ word }</strong>{ scope }</> },
                levels(summary, groups, apply),
            )
        }
        Matrix::Failed(why) => {
            (html! { <span class="muted">{ format!("not worked out: {why}") }</span> }, Html::default())
        }
    };
    html! {
        <section class="panel tolerance" aria-label="What it tolerates">
            <p class="tolerance" aria-live="polite">
                { "Survives any single node failure? " }
                { answer }
            </p>
            { table }
        </section>
    }
}

/// The matrix, a row for each number of nodes failed at once; a row where some set takes a group down is
/// marked, and its worst set is a button that fails those nodes.
fn levels(summary: &Summary, groups: usize, apply: &Callback<Vec<String>>) -> Html {
    // The first level, no node failed, is the design itself.
    let rows = summary.levels.iter().filter(|level| level.failures > 0).map(|level| {
        let worst = level.worst.failed.clone();
        // Why (quorum lost, no node can take a group) shows on the diagram once the set is failed.
        let what = format!("{}: {} of {groups} groups online", level.worst.failed.join(" + "), level.worst.online);
        html! {
            <tr class={classes!((level.every_group_survives < level.combinations).then_some("loses"))}>
                <th scope="row">{ level.failures }</th>
                <td>{ level.every_group_survives }{ " of " }{ level.combinations }</td>
                <td><button class="worst" onclick={apply.reform(move |_| worst.clone())}>{ what }</button></td>
            </tr>
        }
    });
    html! {
        <table class="matrix">
            <thead><tr><th scope="col">{ "Nodes failed" }</th><th scope="col">{ "Sets with every group up" }</th>
                <th scope="col">{ "Worst set (click to fail it)" }</th></tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}
