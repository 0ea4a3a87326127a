//! Results as data for people and programs: the outcome of a simulation with names instead of ids and
//! reasons in words, ready to serialise as the CLI's JSON and to render in the app.

use schemars::JsonSchema;
use serde::Serialize;

pub use super::clients::ClientsReport;

use super::design::{Design, GroupId, NodeId, ResourceId};
use super::engine::{Change, ChangeKind, GroupStatus, Options, Simulation, State};
use super::event::{Event, TimedEvent};
use super::explain::{self, Explanation};
use super::graph::DependencyGraph;
use super::model::Quorum;
use crate::words::words;

words! {
    /// Where a group is: online (on its owner), failed, offline (no quorum), or — only on the timeline, while a
    /// failover unfolds — pending.
    GroupState {
        Online = "online",
        Failed = "failed",
        Offline = "offline",
        /// Between "failover begins" and "online on …" on the timeline: running nowhere yet.
        Pending = "pending",
    }
}

words! {
    /// A node's state.
    NodeState {
        /// Up and a member of the cluster.
        Up = "up",
        /// Up and a member, paused by an administrator: it keeps its groups and takes no other.
        Paused = "paused",
        Down = "down",
        /// Up, but cut off from the nodes that hold quorum.
        OutOfCluster = "out-of-cluster",
        /// Failed, and the cluster has not noticed yet: it is still a member, and its groups still read
        /// online on it, until the missed heartbeats are noticed. Only in a timeline's view at a time, never
        /// in a settled outcome.
        Unnoticed = "unnoticed",
        /// Evicted by an administrator: no longer a node of the cluster.
        Evicted = "evicted",
    }
}

words! {
    /// A resource's state.
    ResourceState {
        Online = "online",
        Offline = "offline",
        Failed = "failed",
        /// On the timeline: waiting to come online while its group fails over.
        Pending = "pending",
    }
}

words! {
    /// How the cluster keeps quorum.
    QuorumModel {
        /// Standard quorum: one shared disk.
        Disk = "disk",
        MajorityNodeSet = "majority-node-set",
    }
}

/// The state of the cluster after a sequence of events, and how it got there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Outcome {
    pub quorum: QuorumReport,
    pub nodes: Vec<NodeReport>,
    pub groups: Vec<GroupReport>,
    pub networks: Vec<UpDown>,
    pub disks: Vec<DiskReport>,
    pub events: Vec<EventReport>,
    pub ips: IpCount,
    /// Who reaches the mailboxes: Outlook clients directly, Internet clients through the front-end servers.
    pub clients: ClientsReport,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct QuorumReport {
    pub held: bool,
    /// The node owning the Cluster Group (and the quorum disk, with standard quorum).
    pub owner: Option<String>,
    /// `disk` or `majority-node-set`.
    pub model: QuorumModel,
    /// Nodes in the cluster: up and in contact with the quorum owner.
    pub members: Vec<String>,
    pub reason: String,
    pub source: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct NodeReport {
    pub name: String,
    /// `up` (a cluster member), `down`, or `out-of-cluster` (up, but cut off from the quorum).
    pub state: NodeState,
    pub groups: Vec<String>,
    /// The node's NICs, in its order, and whether each works (its own adapter and its network up).
    pub nics: Vec<UpDown>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct GroupReport {
    pub name: String,
    /// `online`, `failed` or `offline` (`pending` only on the timeline).
    pub state: GroupState,
    pub owner: Option<String>,
    pub reason: String,
    pub policy: &'static str,
    pub source: &'static str,
    pub failovers: u32,
    /// Online with a resource failed or offline (a resource whose restart does not affect the group gave up):
    /// Cluster Administrator shows the group "Partially Online".
    pub partially_online: bool,
    pub resources: Vec<ResourceReport>,
    /// The order the cluster brings the resources online (dependencies first); offline is the reverse.
    /// Empty when the dependencies form a cycle.
    pub online_order: Vec<String>,
}

impl GroupReport {
    /// The state as Cluster Administrator words it: `partially online` for an online group with a resource
    /// down.
    /// The group as the client tier meets it.
    pub fn as_evs(&self) -> super::clients::Evs<'_> {
        (&self.name, self.state == GroupState::Online, self.state_label())
    }

    pub fn state_label(&self) -> &'static str {
        if self.partially_online { "partially online" } else { self.state.word() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ResourceReport {
    pub name: String,
    /// `online`, `offline` or `failed` (`pending` only on the timeline).
    pub state: ResourceState,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct UpDown {
    pub name: String,
    pub up: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DiskReport {
    pub name: String,
    pub ok: bool,
    /// The node that owns the disk now, if any (shared-nothing: at most one).
    pub owner: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct EventReport {
    pub event: String,
    pub applied: bool,
    /// Why the event was refused, when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
    pub changes: Vec<ChangeReport>,
}

/// One change with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ChangeReport {
    pub subject: String,
    pub change: String,
    pub reason: String,
    pub policy: &'static str,
    pub source: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct IpCount {
    pub total: u32,
}

/// Runs `events` on the healthy cluster, all at one instant, and reports the outcome.
pub fn simulate(design: &Design, events: &[Event], options: Options) -> Outcome {
    let timed: Vec<TimedEvent> = events.iter().map(|&event| TimedEvent { event, at: None }).collect();
    simulate_timed(design, &timed, options)
}

/// Runs `events` on the healthy cluster, each at its time on the virtual clock (an event without a time
/// happens with the one before it), and reports the outcome.
pub fn simulate_timed(design: &Design, events: &[TimedEvent], options: Options) -> Outcome {
    let mut simulation = Simulation::new(design, options);
    let mut refusals = Vec::with_capacity(events.len());
    let mut previous = 0;
    for timed in events {
        let at = timed.at.unwrap_or(previous).max(previous);
        previous = at;
        refusals.push(simulation.apply_at(timed.event, at).err());
    }
    simulation.settle();
    let log = simulation.log();
    let reports = events
        .iter()
        .enumerate()
        .map(|(i, event)| EventReport {
            event: event.label(design),
            applied: refusals[i].is_none(),
            refused: refusals[i].map(|r| explain::refusal(design, r).text),
            changes: log.iter().filter(|c| c.event == Some(i)).map(|c| change(design, c)).collect(),
        })
        .collect();
    outcome(design, simulation.state(), reports)
}

/// The report of a state, with the given event log.
pub fn outcome(design: &Design, state: &State, events: Vec<EventReport>) -> Outcome {
    let quorum_text = explain::quorum(design, &state.quorum);
    let groups: Vec<GroupReport> = design.group_ids().map(|group| group_report(design, state, group)).collect();
    let clients = super::clients::report(design, state, groups.iter().map(GroupReport::as_evs));
    Outcome {
        quorum: QuorumReport {
            held: state.quorum.held(),
            owner: state.quorum.owner.map(|n| design.node_name(n).to_string()),
            model: match design.scenario.quorum {
                Quorum::Disk { .. } => QuorumModel::Disk,
                Quorum::MajorityNodeSet => QuorumModel::MajorityNodeSet,
            },
            members: design
                .node_ids()
                .filter(|n| state.member[n.index()])
                .map(|n| design.node_name(n).to_string())
                .collect(),
            reason: quorum_text.text,
            source: quorum_text.source,
        },
        nodes: design
            .node_ids()
            .zip(groups_by_node(design, state))
            .map(|(node, groups)| NodeReport {
                name: design.node_name(node).to_string(),
                state: if state.evicted[node.index()] {
                    NodeState::Evicted
                } else if !state.node_up[node.index()] {
                    NodeState::Down
                } else if state.member[node.index()] && state.paused[node.index()] {
                    NodeState::Paused
                } else if state.member[node.index()] {
                    NodeState::Up
                } else {
                    NodeState::OutOfCluster
                },
                groups,
                nics: design.scenario.nodes[node.index()]
                    .nics
                    .iter()
                    .filter_map(|nic| design.network_id(&nic.network))
                    .map(|network| UpDown {
                        name: design.network_name(network).to_string(),
                        up: state.network_up[network.index()] && state.nic_up(design, node, network),
                    })
                    .collect(),
            })
            .collect(),
        groups,
        networks: design
            .scenario
            .networks
            .iter()
            .enumerate()
            .map(|(i, n)| UpDown { name: n.name.clone(), up: state.network_up[i] })
            .collect(),
        disks: design
            .scenario
            .disks
            .iter()
            .zip(disk_owners(design, state))
            .enumerate()
            .map(|(i, (disk, owner))| DiskReport {
                name: disk.name.clone(),
                ok: state.disk_ok[i],
                owner: owner.map(|node| design.node_name(node).to_string()),
            })
            .collect(),
        events,
        ips: IpCount { total: super::ips::count(design) },
        clients,
    }
}

/// Per node, the names of the groups online on it, in design order: one pass over the groups.
fn groups_by_node(design: &Design, state: &State) -> Vec<Vec<String>> {
    let mut on = vec![Vec::new(); design.node_count()];
    for (group, placed) in design.group_ids().zip(&state.groups) {
        if let GroupStatus::Online(node) = placed.status {
            on[node.index()].push(design.group_name(group).to_string());
        }
    }
    on
}

/// Who owns each disk now: the quorum owner for the quorum disk, else the owner of the first group (in
/// design order) with a running resource on it; nobody for a failed disk. One pass over the resources.
fn disk_owners(design: &Design, state: &State) -> Vec<Option<NodeId>> {
    let mut owners = vec![None; design.scenario.disks.len()];
    for group in design.group_ids() {
        let Some(owner) = state.owner(group) else { continue };
        for (r, resource) in design.group(group).resources.iter().enumerate() {
            if let Some(disk) = resource.disk
                && owners[disk.index()].is_none()
                && !state.resource_failed(design, ResourceId { group, index: r as u32 })
            {
                owners[disk.index()] = Some(owner);
            }
        }
    }
    if let Some(disk) = design.quorum_disk {
        owners[disk.index()] = state.quorum.owner;
    }
    for (owner, &ok) in owners.iter_mut().zip(&state.disk_ok) {
        if !ok {
            *owner = None;
        }
    }
    owners
}

/// Per disk, every node that holds it now (the quorum owner, the owners of groups using it).
/// Shared-nothing: a valid design never has two different nodes for one disk.
pub fn disk_holders(design: &Design, state: &State) -> Vec<Vec<NodeId>> {
    let mut holders = vec![Vec::new(); design.scenario.disks.len()];
    if let (Some(disk), Some(owner)) = (design.quorum_disk, state.quorum.owner) {
        holders[disk.index()].push(owner);
    }
    for group in design.group_ids() {
        let Some(owner) = state.owner(group) else { continue };
        for resource in &design.group(group).resources {
            if let Some(disk) = resource.disk {
                holders[disk.index()].push(owner);
            }
        }
    }
    holders
}

impl NodeState {
    /// The node itself is down, whether the cluster has noticed or not: restoring it is what can be done.
    pub fn failed(self) -> bool {
        matches!(self, NodeState::Down | NodeState::Unnoticed)
    }

    /// The state as a node's box says it.
    pub fn label(self) -> &'static str {
        match self {
            NodeState::OutOfCluster => "out of cluster",
            NodeState::Unnoticed => "not noticed",
            state => state.word(),
        }
    }
}

impl GroupState {
    /// The state of a group the engine placed (never pending).
    pub fn of(status: GroupStatus) -> GroupState {
        match status {
            GroupStatus::Online(_) => GroupState::Online,
            GroupStatus::Failed => GroupState::Failed,
            GroupStatus::Offline => GroupState::Offline,
        }
    }
}

fn group_report(design: &Design, state: &State, group: GroupId) -> GroupReport {
    let group_state = &state.groups[group.index()];
    let why = explain::reason(design, group, group_state.status, &group_state.reason);
    let resources = resource_states(design, state, group);
    let partially_online = matches!(group_state.status, GroupStatus::Online(_))
        && resources.iter().any(|r| r.state != ResourceState::Online);
    GroupReport {
        name: design.group_name(group).to_string(),
        state: GroupState::of(group_state.status),
        owner: state.owner(group).map(|n| design.node_name(n).to_string()),
        reason: why.text,
        policy: why.policy,
        source: why.source,
        failovers: group_state.failovers,
        partially_online,
        resources,
        online_order: DependencyGraph::new(design, group)
            .online_order()
            .unwrap_or_default()
            .into_iter()
            .map(|index| design.scenario.groups[group.index()].resources[index as usize].name.clone())
            .collect(),
    }
}

/// Each resource's state: failed ones failed, whatever depends on them offline, the rest as the group.
fn resource_states(design: &Design, state: &State, group: GroupId) -> Vec<ResourceReport> {
    let spec = &design.scenario.groups[group.index()];
    let status = state.groups[group.index()].status;
    let mut states: Vec<ResourceState> = vec![
        match status {
            GroupStatus::Online(_) => ResourceState::Online,
            GroupStatus::Failed | GroupStatus::Offline => ResourceState::Offline,
        };
        spec.resources.len()
    ];
    let failed: Vec<u32> = (0..spec.resources.len() as u32)
        .filter(|&index| state.resource_failed(design, ResourceId { group, index }))
        .chain(failed_cause(state, group))
        .collect();
    if !failed.is_empty() {
        let graph = DependencyGraph::new(design, group);
        for &index in &failed {
            for dependent in graph.dependents_of(index) {
                states[dependent as usize] = ResourceState::Offline;
            }
        }
        for &index in &failed {
            states[index as usize] = ResourceState::Failed;
        }
    }
    spec.resources.iter().zip(states).map(|(r, state)| ResourceReport { name: r.name.clone(), state }).collect()
}

/// The resource whose failure left a failed group failed, if one did.
fn failed_cause(state: &State, group: GroupId) -> Option<u32> {
    use super::engine::{Cause, Reason};
    let group_state = &state.groups[group.index()];
    if group_state.status != GroupStatus::Failed {
        return None;
    }
    match group_state.reason {
        Reason::NoNode { cause: Cause::Resource(resource, _), .. }
        | Reason::ThresholdReached { cause: Cause::Resource(resource, _), .. } => Some(resource.index),
        _ => None,
    }
}

/// A change of the log in words.
pub fn change(design: &Design, change: &Change) -> ChangeReport {
    let report = |subject: String, what: String, why: Explanation| ChangeReport {
        subject,
        change: what,
        reason: why.text,
        policy: why.policy,
        source: why.source,
    };
    match &change.what {
        ChangeKind::Group { group, status, reason } => {
            let what = match status {
                GroupStatus::Online(node) => format!("online on {}", design.node_name(*node)),
                GroupStatus::Failed => "failed".into(),
                GroupStatus::Offline => "offline".into(),
            };
            report(design.group_name(*group).to_string(), what, explain::reason(design, *group, *status, reason))
        }
        ChangeKind::Quorum(quorum) => {
            let what = match quorum.owner {
                Some(owner) => format!("held by {}", design.node_name(owner)),
                None => "lost".into(),
            };
            report("quorum".into(), what, explain::quorum(design, quorum))
        }
        ChangeKind::Membership { node, member } => {
            let name = design.node_name(*node).to_string();
            let (what, text) = if *member {
                ("joined the cluster".to_string(), format!("{name} is in contact with the nodes that hold quorum"))
            } else {
                (
                    "left the cluster".to_string(),
                    format!("{name} is up but cut off from the nodes that hold quorum; its cluster service stops"),
                )
            };
            report(name, what, Explanation { text, policy: "quorum.membership", source: crate::sources::QUORUM })
        }
        ChangeKind::Restarted { resource, count, threshold } => {
            let period =
                design.scenario.groups[resource.group.index()].resources[resource.index as usize].restart.period_s;
            report(
                design.resource_path(*resource),
                "restarted".into(),
                Explanation {
                    text: format!("restart {count} of {threshold} allowed in {period} s on the same node"),
                    policy: "restart.threshold",
                    source: crate::sources::FAILOVER_POLICY,
                },
            )
        }
        ChangeKind::FailbackWaits { group, to, start_hour, end_hour } => report(
            design.group_name(*group).to_string(),
            "failback waits".into(),
            Explanation {
                text: format!(
                    "{} would fail back to {} only between {start_hour}:00 and {end_hour}:00; the time of day is outside it or unknown",
                    design.group_name(*group),
                    design.node_name(*to)
                ),
                policy: "failback.window",
                source: crate::sources::FAILOVER_POLICY,
            },
        ),
    }
}
