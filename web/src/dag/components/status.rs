//! Quorum, the partitions, the witness, the events applied, and — when they make sense — a datacenter
//! switchover and Start-DAG for each site.

use clusterplan_core::dag::Event;
use clusterplan_core::dag::report::ServerState;
use yew::prelude::*;

use super::{PanelProps, apply_on_click};

#[component]
pub fn Status(props: &PanelProps) -> Html {
    let state = &props.state;
    let outcome = state.moment();
    let quorum = &outcome.quorum;
    let test = &quorum.test;
    let recounted = quorum.held && (quorum.votes, quorum.total) != (test.votes, test.total);
    let partitions = outcome.partitions.iter().map(|p| {
        html! {
            <li class={classes!(p.quorum.then_some("holds"))}>
                { format!("{}: {} ({} votes{}){}", p.sites.join("+"), if p.members.is_empty() { "no members".into() } else { p.members.join(", ") },
                    p.votes, if p.witness { ", witness" } else { "" }, if p.quorum { " — holds quorum" } else { "" }) }
            </li>
        }
    });
    // Keyed by place: Yew matches an unkeyed list from its end, so each new failure would rewrite every line.
    let events = state.saved.events.iter().enumerate().map(|(i, e)| html! { <li key={i}>{ e.clone() }</li> });
    html! {
        <section id="quorum" tabindex="-1" class="panel status" aria-label="Quorum">
            <h2>{ "Quorum" }</h2>
            <p class={classes!("quorum", if quorum.held { "held" } else { "lost" })} role="status" aria-label="Quorum state">
                <strong>{ if quorum.held { "Held" } else { "Lost" } }</strong>
                // The test that decided, as it was decided; then, when dynamic quorum has recounted, the votes the
                // DAG runs on now.
                { format!(": {} of {} votes, {} needed", test.votes, test.total, test.needed) }
                if recounted {
                    { format!("; then recounted: {} of {} votes, {} needed from now on", quorum.votes, quorum.total, quorum.needed) }
                }
                { format!(" ({}; {} votes)", quorum.model.word().replace('-', " "), quorum.vote_model.word().replace('-', " ")) }
            </p>
            <p class="reason" title={quorum.source}>{ quorum.reason.clone() }</p>
            if let Some(stale) = &quorum.stale {
                <p class={classes!("stale", (!stale.mounts.is_empty()).then_some("split-brain"))} role="status" aria-label="Stale quorum">
                    <strong>{ if stale.mounts.is_empty() { "Quorum in their own eyes" } else { "Split brain" } }</strong>
                    { format!(" in {}: {} of {} votes as they last knew them. ", stale.sites.join("+"), stale.votes, stale.total) }
                    <span title={stale.source}>{ stale.reason.clone() }</span>
                </p>
            }
            <p>{ format!("{} of {} databases mounted.", outcome.mounted, outcome.mounted + outcome.dismounted) }</p>
            <h3>{ "Partitions" }</h3>
            <ul>{ for partitions }</ul>
            <p>{ witness_line(&outcome.witness) }</p>
            <h3>{ "Events" }</h3>
            if let Some(player) = &state.player {
                <p class="muted">{ format!("Showing the failure script at {} (close the player to see the events applied).", clusterplan_core::duration::clock(player.time_ms)) }</p>
            } else if state.saved.events.is_empty() {
                <p class="muted">{ "None: the healthy DAG. Fail a server, a site, a WAN link or the witness." }</p>
            } else {
                <ol class="events">{ for events }</ol>
            }
            if state.player.is_none() {
                { datacenter_buttons(props) }
            }
        </section>
    }
}

/// The witness in use, where, whether it is up and why it votes or not ("down" said once).
fn witness_line(witness: &clusterplan_core::dag::report::WitnessReport) -> String {
    let note = &witness.vote_note;
    let state = if witness.up || note.starts_with("down") { note.clone() } else { format!("down; {note}") };
    format!("Witness: {} in {} ({} witness, {state})", witness.server, witness.site, witness.in_use)
}

/// Datacenter switchover (when the DAG has lost quorum) and Start-DAG (when a site has stopped members).
fn datacenter_buttons(props: &PanelProps) -> Html {
    let state = &props.state;
    let dag = &state.analysis.design;
    let outcome = state.moment();
    let buttons = dag.site_ids().filter_map(|site| {
        let report = &outcome.sites[site.index()];
        let servers: Vec<_> = outcome.servers.iter().filter(|s| s.site == report.name).collect();
        if !report.up || servers.is_empty() {
            return None;
        }
        let stopped = servers.iter().any(|s| s.state == ServerState::Stopped);
        let name = &report.name;
        Some(html! {
            <>
                if !outcome.quorum.held {
                    <button onclick={apply_on_click(props, Event::DatacenterSwitchover { site, primary_witness: false })}
                        title="Stop-DatabaseAvailabilityGroup for the unreachable members, Restore-DatabaseAvailabilityGroup here">
                        { format!("Datacenter switchover to {name}") }</button>
                }
                if stopped {
                    <button onclick={apply_on_click(props, Event::StartDag(site))}>{ format!("Start-DAG in {name}") }</button>
                }
            </>
        })
    });
    html! { <div class="actions">{ for buttons }</div> }
}
