//! Side by side: two designs play the same failure script on one clock, each with the state at that time
//! and its verdict, and a sentence comparing them.

use clusterplan_core::cluster::report::NodeState;
use yew::prelude::*;

use super::PanelProps;
use super::canvas::chip_body;
use super::panels::group_row;
use crate::cluster::layout::{Diagram, NODE_HEIGHT, NODE_WIDTH};
use crate::cluster::state::{Action, ClusterAction, Pane};
use crate::shell::geometry::tenths;
use crate::shell::player::{PlayerAction, controls, narration};

/// A pane's cluster at the player's time, drawn like the main diagram but for looking only.
fn diagram(pane: &Pane) -> Html {
    let diagram = Diagram::new(&pane.design.scenario, &pane.player.moment(), None);
    // Networks, nodes, disks and the tray of groups running nowhere, empty or not: the box stays the same
    // while groups come and go, so the drawing keeps its scale through the script (it shrank by a third when
    // a group first ran nowhere).
    let bottom = diagram.nodes.iter().map(|n| n.rect.bottom()).fold(diagram.tray.bottom(), f64::max);
    let mut b = diagram.bounds;
    b.height = bottom - b.y + 20.0;
    let disks = diagram.disks.iter().map(|disk| {
        let r = disk.rect;
        html! {
            <g class={classes!("disk", (!disk.ok).then_some("down"), disk.quorum.then_some("quorum"))}>
                { for disk.owner_line.map(|(from, to)| html! {
                    <line class="owner" x1={tenths(from.x)} y1={tenths(from.y)} x2={tenths(to.x)} y2={tenths(to.y)} />
                }) }
                <rect class="box" x={tenths(r.x)} y={tenths(r.y)} width={tenths(r.width)} height={tenths(r.height)} rx="10" />
                <text x={tenths(r.x + 8.0)} y={tenths(r.y + 18.0)}>{ disk.name.clone() }</text>
            </g>
        }
    });
    let networks = diagram.networks.iter().map(|n| {
        html! {
            <g class={classes!("network", n.role, (!n.up).then_some("down"))}>
                <line x1={tenths(n.x1)} y1={tenths(n.y)} x2={tenths(n.x2)} y2={tenths(n.y)} />
            </g>
        }
    });
    let nodes = diagram.nodes.iter().map(|node| {
        let r = node.rect;
        html! {
            <g class={classes!("node", node.state)}>
                { for node.nics.iter().map(|nic| html! {
                    <line class={classes!("nic", (!nic.up).then_some("down"))} x1={tenths(nic.from.x)} y1={tenths(nic.from.y)} x2={tenths(nic.to.x)} y2={tenths(nic.to.y)} />
                }) }
                <rect class="box" x={tenths(r.x)} y={tenths(r.y)} width={tenths(NODE_WIDTH)} height={tenths(NODE_HEIGHT)} rx="8" />
                <text class="name" x={tenths(r.x + 12.0)} y={tenths(r.y + 24.0)}>{ node.name.clone() }</text>
                <text class="state" x={tenths(r.x + 12.0)} y={tenths(r.bottom() - 10.0)}>{ node.label }</text>
                { for node.groups.iter().map(|chip| html! { <g class={classes!("chip", chip.state)}>{ chip_body(chip, chip.rect) }</g> }) }
            </g>
        }
    });
    let stranded = diagram
        .stranded
        .iter()
        .map(|chip| html! { <g class={classes!("chip", chip.state)}>{ chip_body(chip, chip.rect) }</g> });
    html! {
        <svg class="pane-diagram" viewBox={format!("{} {} {} {}", tenths(b.x), tenths(b.y), tenths(b.width), tenths(b.height))}
            role="img" aria-label={format!("{} at this time", pane.design.scenario.name)}>
            { for networks }
            { for disks }
            { for nodes }
            { for stranded }
        </svg>
    }
}

fn pane(pane: &Pane, finished: bool) -> Html {
    let outcome = pane.player.moment();
    let groups = outcome.groups.iter().map(|g| group_row(g, false));
    let nodes: Vec<String> = outcome
        .nodes
        .iter()
        .map(|n| if n.state == NodeState::Up { n.name.clone() } else { format!("{} ({})", n.name, n.state.label()) })
        .collect();
    let verdict = &pane.verdict;
    let downtime = verdict
        .downtime_ms
        .iter()
        .map(|(group, ms)| html! { <li>{ format!("{group}: {} down", clusterplan_core::duration::clock(*ms)) }</li> });
    html! {
        <section class="pane panel" aria-label={pane.design.scenario.name.clone()}>
            <h2>{ pane.design.scenario.name.clone() }</h2>
            <p class="mode">{ pane.mode_text.clone() }</p>
            <p class={classes!("quorum", (!outcome.quorum.held).then_some("lost"))}>
                { if outcome.quorum.held { "Quorum held" } else { "Quorum lost" } }
            </p>
            <p>{ format!("Nodes: {}", nodes.join(", ")) }</p>
            { diagram(pane) }
            <table class="groups">
                <thead><tr><th scope="col">{ "Group" }</th><th scope="col">{ "State" }</th><th scope="col">{ "Owner" }</th></tr></thead>
                <tbody>{ for groups }</tbody>
            </table>
            { narration(pane.player.narrated(), None) }
            if finished {
                <h3>{ "Verdict" }</h3>
                <p class="verdict">
                    { format!("{} of {} groups online at the end; {} users affected.", verdict.online_at_end, verdict.groups, verdict.users_affected) }
                </p>
                <ul class="downtime">{ for downtime }</ul>
                { for verdict.caveat.as_ref().map(|c| html! {
                    <p class={classes!("caveat", c.severity.word())}>{ format!("Its findings: {}", c.message) }</p>
                }) }
            }
        </section>
    }
}

#[component]
pub fn CompareView(props: &PanelProps) -> Html {
    let Some(comparison) = props.state.own.comparison.as_ref() else { return html! {} };
    let Some(first) = comparison.panes.first() else { return html! {} };
    let finished = comparison.finished();
    html! {
        <main class="comparison" aria-label="Two designs side by side">
            <div class="compare-controls panel">
                <h2>{ "Side by side, one failure script" }</h2>
                <p class="script">{ format!("Script: {}", first.player.timeline.events.iter().map(|e| e.label(&first.design)).collect::<Vec<_>>().join(", ")) }</p>
                { controls(&first.player, &props.dispatch.reform(|action| match action {
                    PlayerAction::Close => Action::Family(ClusterAction::CloseComparison),
                    action => Action::Player(action),
                })) }
                <p class="sentence" role="status">{
                    if finished { comparison.sentence.clone() }
                    else { format!("The verdict shows when the script has played to its end ({}).", clusterplan_core::duration::clock(first.player.end_ms)) }
                }</p>
            </div>
            <div class="panes">{ for comparison.panes.iter().map(|p| pane(p, finished)) }</div>
        </main>
    }
}
