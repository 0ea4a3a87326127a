//! Side by side: two designs play the same failure script on one clock, each with the state at that time
//! and its verdict, and a sentence comparing them.

use yew::prelude::*;

use crate::components::PanelProps;
use crate::components::panels::group_row;
use crate::components::player::{controls, narration};
use crate::geometry::duration;
use crate::state::{Action, Pane};

fn pane(pane: &Pane) -> Html {
    let outcome = &pane.player.outcome;
    let groups = outcome.groups.iter().map(|g| group_row(g, false));
    let nodes: Vec<String> = outcome
        .nodes
        .iter()
        .map(|n| if n.state == "up" { n.name.clone() } else { format!("{} ({})", n.name, n.state.replace('-', " ")) })
        .collect();
    let verdict = &pane.verdict;
    let downtime =
        verdict.downtime_ms.iter().map(|(group, ms)| html! { <li>{ format!("{group}: {} down", duration(*ms)) }</li> });
    html! {
        <section class="pane panel" aria-label={pane.design.scenario.name.clone()}>
            <h2>{ pane.design.scenario.name.clone() }</h2>
            <p class="mode">{ pane.mode_text.clone() }</p>
            <p class={classes!("quorum", (!outcome.quorum.held).then_some("lost"))}>
                { if outcome.quorum.held { "Quorum held" } else { "Quorum lost" } }
            </p>
            <p>{ format!("Nodes: {}", nodes.join(", ")) }</p>
            <table class="groups">
                <thead><tr><th scope="col">{ "Group" }</th><th scope="col">{ "State" }</th><th scope="col">{ "Owner" }</th></tr></thead>
                <tbody>{ for groups }</tbody>
            </table>
            { for pane.player.current().map(narration) }
            <h3>{ "Verdict" }</h3>
            <p class="verdict">
                { format!("{} of {} groups online at the end; {} users affected.", verdict.online_at_end, verdict.groups, verdict.users_affected) }
            </p>
            <ul class="downtime">{ for downtime }</ul>
        </section>
    }
}

#[component]
pub fn CompareView(props: &PanelProps) -> Html {
    let Some(comparison) = props.state.comparison.as_ref() else { return html! {} };
    let Some(first) = comparison.panes.first() else { return html! {} };
    html! {
        <main class="comparison" aria-label="Two designs side by side">
            <div class="compare-controls panel">
                <h2>{ "Side by side, one failure script" }</h2>
                <p class="script">{ format!("Script: {}", first.player.events.iter().map(|e| e.label(&first.design)).collect::<Vec<_>>().join(", ")) }</p>
                { controls(&first.player, &props.dispatch, Action::CloseComparison) }
                <p class="sentence" role="status">{ comparison.sentence.clone() }</p>
            </div>
            <div class="panes">{ for comparison.panes.iter().map(pane) }</div>
        </main>
    }
}
