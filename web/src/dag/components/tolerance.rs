//! What the DAG tolerates: the Role Requirements Calculator's failure modes, from every set of failed
//! servers (as many at once as the engine works out) and every site, worked out in the component's worker,
//! and the failure matrix: for each number of servers failed at once, how many sets keep quorum and every
//! database mounted, and the worst set. Each mode's set and each worst set is a button that fails it on the
//! design, so the page shows why.

use clusterplan_core::dag::matrix::Summary;
use yew::prelude::*;

use crate::shell::matrix::Tolerated;

/// The summary in the shared tolerance panel ([`crate::shell::matrix::Tolerance`]): the failure modes and
/// the matrix; `apply` gets the servers and sites of a set.
impl Tolerated for Summary {
    const LABEL: &'static str = "Failure modes";
    const SETS: &'static str = "server sets";

    fn view(&self, limited: Option<usize>, apply: &Callback<Vec<String>>) -> Html {
        let summary = self;
        // Each mode's failed set is a button under its name, on one line: in the panel's width a column of its
        // own wrapped five servers onto five lines.
        let rows = summary.modes.iter().map(|mode| {
            let failed = mode.failed.clone();
            let set = (!mode.failed.is_empty()).then(|| {
                html! { <button class="worst" onclick={apply.reform(move |_| failed.clone())}
                    aria-label={format!("Fail {}", mode.failed.join(" "))}>{ mode.failed.join(" ") }</button> }
            });
            html! {
                <tr class={classes!((mode.mounted < summary.databases).then_some("loses"))}>
                    <th scope="row">{ mode_name(&mode.mode, limited) }{ for set }</th>
                    <td>{ if mode.quorum { "yes" } else { "no" } }</td>
                    <td>{ format!("{}/{}", mode.mounted, summary.databases) }</td>
                    <td>{ mode.busiest.as_ref().map_or("-".to_string(), |server| format!("{} on {server}", mode.max_active)) }</td>
                </tr>
            }
        });
        // Each level's worst set on a line of its own under its counts, the whole table's width.
        let levels = summary.levels.iter().skip(1).map(|level| {
            let worst = level.worst.clone();
            let loses = (level.all_mounted < level.combinations).then_some("loses");
            html! {
                <>
                    <tr class={classes!("level", loses)}>
                        <th scope="row" rowspan="2">{ level.failures }</th>
                        <td>{ level.combinations }</td>
                        <td>{ level.with_quorum }</td>
                        <td>{ level.all_mounted }</td>
                    </tr>
                    <tr class={classes!("worst-row", loses)}>
                        <td colspan="3">{ "Worst: " }
                            <button class="worst" onclick={apply.reform(move |_| worst.clone())}
                                aria-label={format!("Fail {}", level.worst.join(" "))}>{ level.worst.join(" ") }</button>
                            { format!(" leaves {} of {} mounted", level.fewest_mounted, summary.databases) }</td>
                    </tr>
                </>
            }
        });
        let tolerates = clusterplan_core::words::count(summary.tolerates_any, "failed server", "failed servers");
        let of = limited.map_or(String::new(), |k| format!(" (of every set of up to {k})"));
        html! {
            <>
                <h2>{ format!("Tolerates any {tolerates}{of}") }</h2>
                <p class="muted">{ format!("Every set of up to {} failed servers ({} sets), and each site failing whole.", summary.max_failures, summary.combinations) }</p>
                <p class="muted quorum-note">{ summary.quorum_note.clone() }</p>
                <table>
                    <thead><tr><th scope="col">{ "Mode (click the set to fail it)" }</th><th scope="col">{ "Quorum" }</th>
                        <th scope="col">{ "Mounted" }</th><th scope="col">{ "Most active" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                <table class="matrix">
                    <thead><tr><th scope="col">{ "Servers failed" }</th><th scope="col">{ "Sets" }</th>
                        <th scope="col">{ "With quorum" }</th><th scope="col">{ "Every database mounted" }</th></tr></thead>
                    <tbody>{ for levels }</tbody>
                </table>
            </>
        }
    }

    fn max_failures(&self) -> usize {
        self.max_failures
    }
}

/// A mode's name as the panel shows it: when the summary looked at fewer failures than all, its worst is
/// the worst of what it looked at.
fn mode_name(mode: &str, limited: Option<usize>) -> String {
    match limited {
        Some(k) if mode == "worst" => format!("worst (up to {k} at once, and the sites)"),
        _ => mode.to_string(),
    }
}
