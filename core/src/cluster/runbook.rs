//! A 2003 cluster's runbook ([`crate::runbook`]): pausing, resuming and evicting a node, moving a group and
//! bringing one online, as the cluster.exe commands of the Windows Server 2003 command-line reference ("Cluster node",
//! "Cluster group"), each checked with `cluster node` or `cluster group` and what the simulation expects
//! them to list.

use super::deploy::quoted;
use super::design::Design;
use super::engine::{Options, Simulation};
use super::event::{Event, TimedEvent};
use super::report::{self, GroupState, NodeState, Outcome};
use crate::runbook::{self, Runbook, Written};
use crate::sources;

/// The runbook of `events` on `design`.
pub fn runbook(design: &Design, events: &[TimedEvent], options: Options) -> Runbook {
    let cluster = format!("cluster /cluster:{}", design.scenario.cluster_name);
    let labels = events.iter().map(|e| e.label(design)).collect();
    let outcome = |k: usize| report::simulate_timed(design, &events[..k], options);
    let refused = |after: &Outcome, i: usize| after.events[i].refused.clone();
    runbook::write("cluster", design.scenario.name.clone(), labels, outcome, refused, |i, _, outcome| {
        let (commands, check, expect) = match events[i].event {
            Event::PauseNode(node) | Event::ResumeNode(node) => {
                let name = design.node_name(node);
                let verb = if matches!(events[i].event, Event::PauseNode(_)) { "pause" } else { "resume" };
                let commands = vec![format!("{cluster} node {name} /{verb}")];
                (commands, Some(format!("{cluster} node {name}")), node_line(outcome, name))
            }
            Event::EvictNode(node) => {
                let name = design.node_name(node);
                let commands = vec![format!("{cluster} node {name} /evict")];
                (commands, Some(format!("{cluster} node")), nodes_left(outcome, name))
            }
            Event::Move(group, node) => {
                let (group, node) = (design.group_name(group), design.node_name(node));
                let commands = vec![format!("{cluster} group {} /move:{node}", quoted(group))];
                (commands, Some(format!("{cluster} group {}", quoted(group))), group_line(outcome, group))
            }
            Event::Online(group) => {
                let group = design.group_name(group);
                let commands = vec![format!("{cluster} group {} /online", quoted(group))];
                (commands, Some(format!("{cluster} group {}", quoted(group))), group_line(outcome, group))
            }
            _ => (Vec::new(), None, summary(outcome)),
        };
        Written { commands, check, expect, source: sources::CLUSTER_EXE }
    })
}

/// A node as `cluster node` lists it: its status (Up, Down, Paused) and what it runs.
fn node_line(outcome: &Outcome, name: &str) -> String {
    let Some(node) = outcome.nodes.iter().find(|n| n.name == name) else { return String::new() };
    let status = match node.state {
        NodeState::Up => "Up",
        NodeState::Paused => "Paused",
        NodeState::Down | NodeState::Unnoticed => "Down",
        NodeState::OutOfCluster => "Down (cut off from the nodes that hold quorum)",
        NodeState::Evicted => "not listed: no longer a node of the cluster",
    };
    let runs = if node.groups.is_empty() { "nothing".to_string() } else { node.groups.join(", ") };
    format!("{name} {status}; it runs {runs}")
}

/// The nodes `cluster node` lists once `evicted` has left (or, refused, with it still there), and quorum.
fn nodes_left(outcome: &Outcome, evicted: &str) -> String {
    let left: Vec<String> = outcome
        .nodes
        .iter()
        .filter(|n| n.state != NodeState::Evicted)
        .map(|n| format!("{} {}", n.name, if n.state == NodeState::Up { "Up" } else { n.state.label() }))
        .collect();
    let quorum = if outcome.quorum.held { "quorum held" } else { "quorum lost" };
    let gone = outcome.nodes.iter().any(|n| n.name == evicted && n.state == NodeState::Evicted);
    let listed = if gone { format!("{evicted} not listed; ") } else { String::new() };
    format!("{listed}{}; {quorum}: {}", left.join(", "), outcome.quorum.reason)
}

/// A group as `cluster group` lists it: its node and status.
fn group_line(outcome: &Outcome, name: &str) -> String {
    let Some(group) = outcome.groups.iter().find(|g| g.name == name) else { return String::new() };
    match (group.state, &group.owner) {
        (GroupState::Online, Some(node)) if group.partially_online => format!("{name} Partially Online on {node}"),
        (GroupState::Online, Some(node)) => format!("{name} Online on {node}"),
        (GroupState::Failed, _) => format!("{name} Failed ({})", group.reason),
        _ => format!("{name} Offline ({})", group.reason),
    }
}

/// Where things stand: the groups online and where, and quorum.
fn summary(outcome: &Outcome) -> String {
    let online: Vec<String> = outcome
        .groups
        .iter()
        .filter(|g| g.state == GroupState::Online)
        .map(|g| format!("{} on {}", g.name, g.owner.as_deref().unwrap_or("?")))
        .collect();
    let quorum = match &outcome.quorum.owner {
        Some(node) => format!("quorum held by {node}"),
        None => "quorum lost".to_string(),
    };
    format!(
        "{} of {} groups online{}; {quorum}",
        online.len(),
        outcome.groups.len(),
        if online.is_empty() { String::new() } else { format!(" ({})", online.join(", ")) }
    )
}

/// A rolling patch of every node in turn, as the Windows Server 2003 cluster reference has an administrator
/// patch a cluster without taking it down: the node paused (`cluster node /pause`), each group it runs moved
/// to the first node in its failover order that takes it, the node rebooted for its patch (down at 3 min,
/// back at 6 min), then resumed at 8 min; the next node 10 minutes after. Where no node takes a group the
/// script still reboots the node: the runbook shows the outage.
pub fn rolling_patch(design: &Design, options: Options) -> Vec<String> {
    let mut simulation = Simulation::new(design, options);
    runbook::rolling(
        design.node_ids(),
        |node| {
            let name = design.node_name(node);
            let _ = simulation.apply(Event::PauseNode(node));
            let mut steps = vec![(0, format!("pause:{name}"))];
            let owned: Vec<_> = simulation.state().groups_on(node).collect();
            for group in owned {
                let taker = design.candidates(group).filter(|&other| other != node).find(|&other| {
                    let mut trial = simulation.clone();
                    trial.apply(Event::Move(group, other)).is_ok() && trial.state().owner(group) == Some(other)
                });
                if let Some(other) = taker {
                    let _ = simulation.apply(Event::Move(group, other));
                    steps.push((30_000, format!("move:{}={}", design.group_name(group), design.node_name(other))));
                }
            }
            for event in [Event::FailNode(node), Event::RestoreNode(node), Event::ResumeNode(node)] {
                let _ = simulation.apply(event);
            }
            steps.extend([
                (180_000, format!("fail:{name}")),
                (360_000, format!("restore:{name}")),
                (480_000, format!("resume:{name}")),
            ]);
            steps
        },
        Vec::new,
    )
}
