//! What the 2003 cluster tolerates, from every set of failed nodes worked out in the component's worker:
//! whether it survives any single node failure, how many failed nodes at once it survives, and the failure
//! matrix: for each number of nodes failed at once, how many sets leave every group up and the worst set,
//! which a click applies to the design so the diagram shows why.

use yew::prelude::*;

use crate::shell::matrix::Tolerated;

use clusterplan_core::cluster::matrix::Summary;

/// The summary in the shared tolerance panel ([`crate::shell::matrix::Tolerance`]): whether the cluster
/// survives any single node failure, how many at once, and the matrix; `apply` gets the nodes of a set.
impl Tolerated for Summary {
    const LABEL: &'static str = "What it tolerates";
    const SETS: &'static str = "node sets";

    fn view(&self, limited: Option<usize>, apply: &Callback<Vec<String>>) -> Html {
        let summary = self;
        let word = if summary.tolerates_any > 0 { "yes" } else { "no" };
        let of = limited.map_or(String::new(), |k| format!(", of every set of up to {k} failed nodes"));
        let scope = format!(" (any {} at once{of})", summary.tolerates_any);
        html! {
            <>
                <p class="tolerance" aria-live="polite">
                    { "Survives any single node failure? " }
                    <strong class={classes!("answer", word)}>{ word }</strong>{ scope }
                </p>
                { levels(summary, summary.groups, apply) }
            </>
        }
    }

    fn max_failures(&self) -> usize {
        self.max_failures
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
