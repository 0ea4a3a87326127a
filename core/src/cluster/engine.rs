//! The failure outcome: a healthy cluster, a sequence of events, and the state that results, with the
//! reason for every change.
//!
//! Events are applied one at a time. Untimed, they all happen at the same instant (every restart and
//! failover count falls inside its period); `apply_at` gives each a time on a virtual clock, so counts
//! expire with their periods and failback windows open and close. After each event the cluster
//! recomputes who is a member and who holds quorum, then moves every group that must move, in design
//! order.

use super::design::{Design, DiskId, GroupId, NetworkId, NodeId, ResourceId};
use super::event::Event;
use super::model::{Failback, Quorum, RestartAction};
use crate::partition::Partitions;

/// Storage groups one node can mount (KB 259197).
pub const MAX_STORAGE_GROUPS_PER_NODE: u32 = 4;

/// Settings of a simulation that are not part of the design.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// The hour of day (0–23) untimed events happen at, for failback windows; `None` leaves windowed
    /// failback waiting.
    pub hour_of_day: Option<u8>,
    /// The time of day at the start of the virtual clock, in seconds after midnight. When given, the hour
    /// follows the clock (and overrides `hour_of_day`), and waiting failbacks happen when their window opens.
    pub clock_start_s: Option<u32>,
}

/// Milliseconds in an hour and in a day.
const HOUR_MS: u64 = 3_600_000;
const DAY_MS: u64 = 24 * HOUR_MS;

/// Where a group is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupStatus {
    Online(NodeId),
    Failed,
    Offline,
}

/// Why a fault hit a resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// A failure injected by an event (`fail-resource`): local to the node it ran on.
    Injected,
    /// Its network is down.
    NetworkDown(NetworkId),
    /// The owner's NIC on its network is down.
    NicDown(NetworkId),
    /// The owner has no NIC on its network.
    NoNic(NetworkId),
    /// Its disk has failed.
    DiskFailed(DiskId),
}

/// What set a group moving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// The cluster started healthy.
    Start,
    /// The owner failed.
    NodeDown(NodeId),
    /// The owner is up but lost contact with the cluster (its partition has no quorum).
    LeftCluster(NodeId),
    /// A resource of the group failed past its restart threshold.
    Resource(ResourceId, Fault),
    /// The cluster regained quorum and restarted its groups.
    QuorumRegained,
    /// An administrator brought the group online.
    Administrator,
}

/// Why a node cannot take a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ineligible {
    Down,
    OutOfCluster,
    NotPossibleOwner(ResourceId),
    NoNic(NetworkId),
    NicDown(NetworkId),
    NetworkDown(NetworkId),
    DiskFailed(DiskId),
    /// It already runs another EVS (clusters of more than two nodes).
    RunsEvs(GroupId),
    /// It would mount this many storage groups, more than four.
    StorageGroups(u32),
    /// A resource of the group takes longer to come online than its pending timeout: it fails on any node.
    PendingTimeout(ResourceId),
}

/// Why a group is where it is: the last decision taken about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Placed on the healthy cluster (or re-placed after quorum came back, or by an administrator).
    Placed { cause: Cause, node: NodeId },
    /// Failed over from a node.
    FailedOver { from: NodeId, cause: Cause },
    /// No node could take it; `blockers` says why not for each (empty when not recorded).
    NoNode { cause: Cause, blockers: Vec<(NodeId, Ineligible)> },
    /// The failover threshold was passed.
    ThresholdReached { cause: Cause, failovers: u32 },
    /// The cluster lost quorum.
    QuorumLost,
    /// Moved by an administrator.
    Moved { from: Option<NodeId> },
    /// Failed back to a preferred owner that returned.
    FailedBack { from: NodeId },
    /// Still online, but a resource failed and stays failed without affecting the group.
    ResourceDown { resource: ResourceId, fault: Fault, action: RestartAction },
}

/// What a group is doing and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupState {
    pub status: GroupStatus,
    pub reason: Reason,
    /// Failovers counted against the threshold, in the period that began at `failover_window_start`.
    pub failovers: u32,
    /// When the current failover period began (ms on the virtual clock).
    pub failover_window_start: u64,
    /// A failback that waits for its window to open.
    pub failback_waiting: bool,
}

/// Why the cluster holds or lost quorum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuorumReason {
    /// Standard quorum: this node owns the quorum disk.
    DiskOwner,
    /// Majority Node Set: this many nodes talk to each other, this many are needed.
    Majority { members: u32, needed: u32 },
    /// Standard quorum: the quorum disk failed.
    DiskFailed(DiskId),
    /// No node is up.
    NoNodeUp,
    /// Majority Node Set: the largest partition is too small.
    NoMajority { largest: u32, needed: u32 },
}

/// Quorum: who holds it, or why nobody does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuorumState {
    pub owner: Option<NodeId>,
    pub reason: QuorumReason,
}

impl QuorumState {
    pub fn held(&self) -> bool {
        self.owner.is_some()
    }
}

/// The whole state of a simulated cluster.
#[derive(Debug, PartialEq, Eq)]
pub struct State {
    pub node_up: Vec<bool>,
    pub network_up: Vec<bool>,
    /// Per node, per network.
    nic_up: Vec<bool>,
    pub disk_ok: Vec<bool>,
    /// Nodes that are up and in the partition that holds quorum.
    pub member: Vec<bool>,
    pub quorum: QuorumState,
    pub groups: Vec<GroupState>,
    /// What each node runs.
    load: Vec<NodeLoad>,
    /// Per resource (flat, see `Design::resource_slot`): restarts on the current node in the period that
    /// began at `restart_window_start`.
    restarts: Vec<u32>,
    restart_window_start: Vec<u64>,
    /// The virtual clock, in milliseconds.
    pub now: u64,
    /// Per resource: failed and left failed while the group stays online.
    resource_failed: Vec<bool>,
    /// Members that run no group: when there is none, a cluster of more than two nodes has nowhere to fail over.
    free_members: u32,
}

impl Clone for State {
    fn clone(&self) -> State {
        State {
            node_up: self.node_up.clone(),
            network_up: self.network_up.clone(),
            nic_up: self.nic_up.clone(),
            disk_ok: self.disk_ok.clone(),
            member: self.member.clone(),
            quorum: self.quorum,
            groups: self.groups.clone(),
            load: self.load.clone(),
            restarts: self.restarts.clone(),
            restart_window_start: self.restart_window_start.clone(),
            now: self.now,
            resource_failed: self.resource_failed.clone(),
            free_members: self.free_members,
        }
    }

    /// Field by field, reusing this state's buffers: the failure matrix resets a state per node set.
    fn clone_from(&mut self, source: &State) {
        self.node_up.clone_from(&source.node_up);
        self.network_up.clone_from(&source.network_up);
        self.nic_up.clone_from(&source.nic_up);
        self.disk_ok.clone_from(&source.disk_ok);
        self.member.clone_from(&source.member);
        self.quorum = source.quorum;
        self.groups.clone_from(&source.groups);
        self.load.clone_from(&source.load);
        self.restarts.clone_from(&source.restarts);
        self.restart_window_start.clone_from(&source.restart_window_start);
        self.now = source.now;
        self.resource_failed.clone_from(&source.resource_failed);
        self.free_members = source.free_members;
    }
}

/// The EVS groups a node runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct NodeLoad {
    groups: u32,
    storage_groups: u32,
    /// The group it runs, to name in explanations (kept exact where a node runs one group at most).
    some_group: Option<GroupId>,
}

impl State {
    pub fn nic_up(&self, design: &Design, node: NodeId, network: NetworkId) -> bool {
        self.nic_up[node.index() * design.scenario.networks.len() + network.index()]
    }

    pub fn resource_failed(&self, design: &Design, resource: ResourceId) -> bool {
        self.resource_failed[design.resource_slot(resource)]
    }

    /// The node a group runs on, if it is online.
    pub fn owner(&self, group: GroupId) -> Option<NodeId> {
        match self.groups[group.index()].status {
            GroupStatus::Online(node) => Some(node),
            _ => None,
        }
    }

    /// The EVS groups running on `node`.
    pub fn groups_on(&self, node: NodeId) -> impl Iterator<Item = GroupId> + '_ {
        self.groups
            .iter()
            .enumerate()
            .filter(move |(_, g)| g.status == GroupStatus::Online(node))
            .map(|(i, _)| GroupId(i as u32))
    }
}

/// A change the simulation made, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Index of the event that caused it; `None` for the healthy start.
    pub event: Option<usize>,
    /// When it happened on the virtual clock (ms).
    pub at: u64,
    pub what: ChangeKind,
}

/// The kinds of change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    Group {
        group: GroupId,
        status: GroupStatus,
        reason: Reason,
    },
    Quorum(QuorumState),
    /// A node joined or left the cluster's membership while up or down.
    Membership {
        node: NodeId,
        member: bool,
    },
    /// A resource was restarted on the same node.
    Restarted {
        resource: ResourceId,
        count: u32,
        threshold: u32,
    },
    /// A group would fail back, but its window is closed or no time of day is known.
    FailbackWaits {
        group: GroupId,
        to: NodeId,
        start_hour: u8,
        end_hour: u8,
    },
}

/// Why an event could not be carried out; the state is unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NoQuorum,
    NodeAlreadyDown(NodeId),
    NodeAlreadyUp(NodeId),
    NetworkAlreadyDown(NetworkId),
    NetworkAlreadyUp(NetworkId),
    NoSuchNic(NodeId, NetworkId),
    NicAlreadyDown(NodeId, NetworkId),
    NicAlreadyUp(NodeId, NetworkId),
    DiskAlreadyFailed(DiskId),
    DiskAlreadyOk(DiskId),
    GroupNotOnline(GroupId),
    ResourceAlreadyFailed(ResourceId),
    AlreadyOnline(GroupId, NodeId),
    AlreadyOn(GroupId, NodeId),
    NodeCannotTake(GroupId, NodeId, Ineligible),
    /// A failed resource cannot come back on its node while the fault lasts.
    StillFaulted(ResourceId, Fault),
}

/// A simulated cluster: the design, its state, and the log of what happened.
#[derive(Debug, Clone)]
pub struct Simulation<'d> {
    design: &'d Design,
    options: Options,
    state: State,
    log: Vec<Change>,
    /// Whether to keep the log and per-node explanations (off for the failure matrix).
    record: bool,
    /// The event being applied.
    current_event: Option<usize>,
    events_applied: usize,
    /// Reused union-find buffer for partitions.
    partitions: Partitions,
}

impl<'d> Simulation<'d> {
    /// The healthy cluster: every node, network and disk up, every group placed.
    pub fn new(design: &'d Design, options: Options) -> Simulation<'d> {
        Simulation::start(design, options, true)
    }

    /// The healthy cluster without a log or explanations: for running many scenarios fast.
    pub fn quiet(design: &'d Design, options: Options) -> Simulation<'d> {
        Simulation::start(design, options, false)
    }

    fn start(design: &'d Design, options: Options, record: bool) -> Simulation<'d> {
        let scenario = &design.scenario;
        let nodes = scenario.nodes.len();
        let mut state = State {
            node_up: vec![true; nodes],
            network_up: vec![true; scenario.networks.len()],
            nic_up: vec![true; nodes * scenario.networks.len()],
            disk_ok: vec![true; scenario.disks.len()],
            member: vec![false; nodes],
            quorum: QuorumState { owner: None, reason: QuorumReason::NoNodeUp },
            groups: Vec::with_capacity(scenario.groups.len()),
            load: vec![NodeLoad::default(); nodes],
            restarts: vec![0; design.resource_count()],
            restart_window_start: vec![0; design.resource_count()],
            now: 0,
            resource_failed: vec![false; design.resource_count()],
            free_members: 0,
        };
        state.groups.resize(
            scenario.groups.len(),
            GroupState {
                status: GroupStatus::Offline,
                reason: Reason::QuorumLost,
                failovers: 0,
                failover_window_start: 0,
                failback_waiting: false,
            },
        );
        let mut simulation = Simulation {
            design,
            options,
            state,
            log: Vec::new(),
            record,
            current_event: None,
            events_applied: 0,
            partitions: Partitions::new(nodes),
        };
        simulation.update_membership();
        if simulation.state.quorum.held() {
            for group in design.group_ids() {
                simulation.place(group, Cause::Start);
            }
        }
        simulation
    }

    pub fn design(&self) -> &'d Design {
        self.design
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn log(&self) -> &[Change] {
        &self.log
    }

    /// Resets this simulation to `state` (for running many scenarios from one start without allocating).
    pub fn reset_to(&mut self, state: &State) {
        self.state.clone_from(state);
        self.log.clear();
    }

    /// Applies one event; a refused event leaves the state as it was.
    pub fn apply(&mut self, event: Event) -> Result<(), Refusal> {
        self.current_event = Some(self.events_applied);
        self.events_applied += 1;
        let result = self.apply_event(event);
        self.current_event = None;
        result
    }

    /// Applies one event at `at` milliseconds on the virtual clock (never before the previous event): first
    /// the clock advances (periods expire, failback windows open), then the event happens.
    pub fn apply_at(&mut self, event: Event, at: u64) -> Result<(), Refusal> {
        self.current_event = Some(self.events_applied);
        self.advance_to(at);
        self.current_event = None;
        self.apply(event)
    }

    /// Moves the clock forward to `at`, failing groups back whose failback window opens on the way.
    pub fn advance_to(&mut self, at: u64) {
        let at = at.max(self.state.now);
        while let Some(opens) = self.next_window_opening().filter(|&opens| opens <= at) {
            self.state.now = opens;
            self.fail_back_waiting();
        }
        self.state.now = at;
    }

    /// After the last event: lets the clock run up to a day on, so that failbacks waiting for their
    /// window happen when it opens. Nothing happens when none waits or the time of day is unknown.
    pub fn settle(&mut self) {
        if self.options.clock_start_s.is_some() && self.state.groups.iter().any(|g| g.failback_waiting) {
            let until = self.next_window_opening().unwrap_or(self.state.now);
            self.advance_to(until);
        }
    }

    /// The hour of day now, if known.
    fn hour(&self) -> Option<u8> {
        match self.options.clock_start_s {
            Some(start) => Some((((start as u64 * 1000 + self.state.now) % DAY_MS) / HOUR_MS) as u8),
            None => self.options.hour_of_day,
        }
    }

    /// When the earliest window of a waiting failback opens next (after now), on a known clock.
    fn next_window_opening(&self) -> Option<u64> {
        let start = self.options.clock_start_s? as u64 * 1000;
        let design = self.design;
        design
            .group_ids()
            .filter(|g| self.state.groups[g.index()].failback_waiting)
            .filter_map(|g| match design.scenario.groups[g.index()].failback {
                Failback::Window { start_hour, .. } => {
                    let day_time = (start + self.state.now) % DAY_MS;
                    let opens_at = start_hour as u64 % 24 * HOUR_MS;
                    let wait = if opens_at > day_time { opens_at - day_time } else { DAY_MS - day_time + opens_at };
                    Some(self.state.now + wait)
                }
                _ => None,
            })
            .min()
    }

    /// Fails several nodes at the same instant (the failure matrix's question).
    pub fn fail_nodes_at_once(&mut self, nodes: impl IntoIterator<Item = NodeId>) {
        for node in nodes {
            self.state.node_up[node.index()] = false;
        }
        self.reconcile(false);
    }

    fn apply_event(&mut self, event: Event) -> Result<(), Refusal> {
        let design = self.design;
        let nic = |node: NodeId, network: NetworkId| {
            if design.has_nic(node, network) {
                Ok(node.index() * design.scenario.networks.len() + network.index())
            } else {
                Err(Refusal::NoSuchNic(node, network))
            }
        };
        match event {
            // A node failure cannot cut a running group off its network or disks: no fault scan.
            Event::FailNode(node) => {
                self.switch(|s| &mut s.node_up[node.index()], false, Refusal::NodeAlreadyDown(node), false)
            }
            Event::RestoreNode(node) => {
                self.switch(|s| &mut s.node_up[node.index()], true, Refusal::NodeAlreadyUp(node), false)
            }
            Event::FailNetwork(network) => {
                self.switch(|s| &mut s.network_up[network.index()], false, Refusal::NetworkAlreadyDown(network), true)
            }
            Event::RestoreNetwork(network) => {
                self.switch(|s| &mut s.network_up[network.index()], true, Refusal::NetworkAlreadyUp(network), true)
            }
            Event::FailNic(node, network) => {
                let slot = nic(node, network)?;
                self.switch(|s| &mut s.nic_up[slot], false, Refusal::NicAlreadyDown(node, network), true)
            }
            Event::RestoreNic(node, network) => {
                let slot = nic(node, network)?;
                self.switch(|s| &mut s.nic_up[slot], true, Refusal::NicAlreadyUp(node, network), true)
            }
            Event::FailDisk(disk) => {
                self.switch(|s| &mut s.disk_ok[disk.index()], false, Refusal::DiskAlreadyFailed(disk), true)
            }
            Event::RestoreDisk(disk) => {
                self.switch(|s| &mut s.disk_ok[disk.index()], true, Refusal::DiskAlreadyOk(disk), true)
            }
            Event::FailResource(resource) => self.fail_resource(resource),
            Event::Move(group, node) => self.move_group(group, node),
            Event::Online(group) => self.bring_online(group),
        }
    }

    /// Turns a piece of the cluster on (a repair) or off (a failure), refusing when it already is so.
    /// `faults` says whether the change can cut running groups off their networks or disks.
    fn switch(
        &mut self,
        flag: impl Fn(&mut State) -> &mut bool,
        up: bool,
        already: Refusal,
        faults: bool,
    ) -> Result<(), Refusal> {
        if *flag(&mut self.state) == up {
            return Err(already);
        }
        if up {
            self.restore(|state| *flag(state) = true, faults);
        } else {
            *flag(&mut self.state) = false;
            self.reconcile(faults);
        }
        Ok(())
    }

    /// Repairs something, then lets groups fail back to nodes that joined the cluster because of it.
    fn restore(&mut self, repair: impl FnOnce(&mut State), faults: bool) {
        let members_before = self.state.member.clone();
        repair(&mut self.state);
        self.reconcile(faults);
        let joined: Vec<bool> =
            self.state.member.iter().zip(&members_before).map(|(&now, &before)| now && !before).collect();
        if joined.iter().any(|&j| j) {
            self.fail_back(&joined);
        }
    }

    // ---- membership and quorum ----

    /// Recomputes partitions, quorum and membership; logs what changed.
    fn update_membership(&mut self) {
        let design = self.design;
        let node_count = design.node_count();
        let mut partition = std::mem::take(&mut self.partitions);
        partition.reset(node_count);
        for (n, network) in design.scenario.networks.iter().enumerate() {
            if !network.role.carries_heartbeat() || !self.state.network_up[n] {
                continue;
            }
            let network = NetworkId(n as u32);
            let mut first: Option<usize> = None;
            for &node in &design.nodes_on[n] {
                if self.state.node_up[node.index()] && self.state.nic_up(design, node, network) {
                    match first {
                        None => first = Some(node.index()),
                        Some(root) => partition.join(root, node.index()),
                    }
                }
            }
        }
        let up = |node: NodeId| self.state.node_up[node.index()];
        let current_owner = self.state.quorum.owner;
        let quorum = match &design.scenario.quorum {
            Quorum::Disk { .. } => {
                let disk = design.quorum_disk.expect("resolved designs name their quorum disk");
                if !self.state.disk_ok[disk.index()] {
                    QuorumState { owner: None, reason: QuorumReason::DiskFailed(disk) }
                } else {
                    // The owner defends the disk; when it is gone, the first node in the Cluster Group's order wins.
                    let owner = current_owner
                        .filter(|&node| up(node))
                        .or_else(|| design.cluster_candidates.iter().copied().find(|&node| up(node)));
                    match owner {
                        Some(owner) => QuorumState { owner: Some(owner), reason: QuorumReason::DiskOwner },
                        None => QuorumState { owner: None, reason: QuorumReason::NoNodeUp },
                    }
                }
            }
            Quorum::MajorityNodeSet => {
                let needed = (node_count / 2 + 1) as u32;
                let mut sizes = vec![0u32; node_count];
                for node in design.node_ids().filter(|&n| up(n)) {
                    sizes[partition.root(node.index())] += 1;
                }
                let largest = sizes.iter().copied().max().unwrap_or(0);
                if largest >= needed {
                    let winner = sizes.iter().position(|&s| s == largest).expect("a largest partition exists");
                    let in_winner = |node: NodeId| up(node) && partition.root(node.index()) == winner;
                    let owner = current_owner
                        .filter(|&node| in_winner(node))
                        .or_else(|| design.cluster_candidates.iter().copied().find(|&node| in_winner(node)));
                    QuorumState { owner, reason: QuorumReason::Majority { members: largest, needed } }
                } else {
                    QuorumState { owner: None, reason: QuorumReason::NoMajority { largest, needed } }
                }
            }
        };
        let winner = quorum.owner.map(|owner| partition.root(owner.index()));
        for node in design.node_ids() {
            let node_up = self.state.node_up[node.index()];
            let member = node_up && winner.is_some_and(|winner| partition.root(node.index()) == winner);
            if self.state.member[node.index()] != member {
                self.state.member[node.index()] = member;
                if self.state.load[node.index()].groups == 0 {
                    if member {
                        self.state.free_members += 1;
                    } else {
                        self.state.free_members -= 1;
                    }
                }
                // A failed node leaves with its failure; log membership only of nodes that are up.
                if node_up {
                    self.record(ChangeKind::Membership { node, member });
                }
            }
        }
        if quorum != self.state.quorum {
            self.state.quorum = quorum;
            self.record(ChangeKind::Quorum(quorum));
        }
        self.partitions = partition;
    }

    /// After a change of nodes, networks or disks: recompute quorum, then move every group that must move.
    /// `faults` says whether the change can have cut a running group off its network or disks.
    fn reconcile(&mut self, faults: bool) {
        let had_quorum = self.state.quorum.held();
        self.update_membership();
        let design = self.design;
        if !self.state.quorum.held() {
            for group in design.group_ids() {
                if self.state.groups[group.index()].status != GroupStatus::Offline
                    || self.state.groups[group.index()].reason != Reason::QuorumLost
                {
                    self.clear_resources(group);
                    self.set_group(group, GroupStatus::Offline, Reason::QuorumLost);
                }
            }
            return;
        }
        if !had_quorum {
            for group in design.group_ids() {
                if self.state.groups[group.index()].status == GroupStatus::Offline {
                    self.state.groups[group.index()].failovers = 0;
                    self.place(group, Cause::QuorumRegained);
                }
            }
        }
        for group in design.group_ids() {
            let GroupStatus::Online(owner) = self.state.groups[group.index()].status else { continue };
            if !self.state.member[owner.index()] {
                let cause =
                    if self.state.node_up[owner.index()] { Cause::LeftCluster(owner) } else { Cause::NodeDown(owner) };
                self.fail_over(group, cause);
            } else if faults && let Some((resource, fault)) = self.persistent_fault(group, owner) {
                self.resource_fault(resource, fault);
            }
        }
    }

    // ---- groups ----

    fn record(&mut self, what: ChangeKind) {
        if self.record {
            self.log.push(Change { event: self.current_event, at: self.state.now, what });
        }
    }

    fn set_group(&mut self, group: GroupId, status: GroupStatus, reason: Reason) {
        let storage_groups = self.design.group(group).storage_groups;
        let before = self.state.groups[group.index()].status;
        if let GroupStatus::Online(node) = before {
            let load = &mut self.state.load[node.index()];
            load.groups -= 1;
            load.storage_groups -= storage_groups;
            if load.some_group == Some(group) {
                // Only clusters of more than two nodes name the group, and there a node runs one at most.
                load.some_group = None;
            }
            if load.groups == 0 && self.state.member[node.index()] {
                self.state.free_members += 1;
            }
        }
        if let GroupStatus::Online(node) = status {
            let load = &mut self.state.load[node.index()];
            if load.groups == 0 && self.state.member[node.index()] {
                self.state.free_members -= 1;
            }
            load.groups += 1;
            load.storage_groups += storage_groups;
            load.some_group.get_or_insert(group);
        }
        let state = &mut self.state.groups[group.index()];
        if state.status != status {
            state.failback_waiting = false;
        }
        state.status = status;
        if self.record {
            state.reason = reason.clone();
            self.record(ChangeKind::Group { group, status, reason });
        } else {
            state.reason = reason;
        }
    }

    fn clear_resources(&mut self, group: GroupId) {
        let resolved = self.design.group(group);
        let slots = resolved.resource_offset..resolved.resource_offset + resolved.resources.len();
        self.state.restarts[slots.clone()].fill(0);
        self.state.resource_failed[slots].fill(false);
    }

    /// Why `node` cannot run `group` now, or `None` when it can.
    pub fn ineligibility(&self, group: GroupId, node: NodeId) -> Option<Ineligible> {
        let design = self.design;
        let state = &self.state;
        if !state.node_up[node.index()] {
            return Some(Ineligible::Down);
        }
        if !state.member[node.index()] {
            return Some(Ineligible::OutOfCluster);
        }
        let resolved = design.group(group);
        if let Some(index) = resolved.barred_by[node.index()] {
            return Some(Ineligible::NotPossibleOwner(ResourceId { group, index }));
        }
        if let Some(index) = resolved.too_slow {
            return Some(Ineligible::PendingTimeout(ResourceId { group, index }));
        }
        let mut load = state.load[node.index()];
        if state.groups[group.index()].status == GroupStatus::Online(node) {
            load.groups -= 1;
            load.storage_groups -= resolved.storage_groups;
        }
        if load.groups > 0 && design.one_evs_per_node() {
            let other = match load.some_group {
                Some(other) if other != group => other,
                _ => state.groups_on(node).find(|&g| g != group).expect("a node with a load runs a group"),
            };
            return Some(Ineligible::RunsEvs(other));
        }
        if load.storage_groups + resolved.storage_groups > MAX_STORAGE_GROUPS_PER_NODE {
            return Some(Ineligible::StorageGroups(load.storage_groups + resolved.storage_groups));
        }
        self.fault_on(group, node).map(|(_, fault)| match fault {
            Fault::NetworkDown(network) => Ineligible::NetworkDown(network),
            Fault::NicDown(network) => Ineligible::NicDown(network),
            Fault::NoNic(network) => Ineligible::NoNic(network),
            Fault::DiskFailed(disk) => Ineligible::DiskFailed(disk),
            Fault::Injected => unreachable!("injected faults are not persistent"),
        })
    }

    /// The first resource of `group` that cannot run on `node` because of the network or the disks.
    fn fault_on(&self, group: GroupId, node: NodeId) -> Option<(u32, Fault)> {
        let design = self.design;
        for attachment in &design.group(group).attachments {
            if let Some(network) = attachment.network {
                let fault = if !self.state.network_up[network.index()] {
                    Some(Fault::NetworkDown(network))
                } else if !design.has_nic(node, network) {
                    Some(Fault::NoNic(network))
                } else if !self.state.nic_up(design, node, network) {
                    Some(Fault::NicDown(network))
                } else {
                    None
                };
                if let Some(fault) = fault {
                    return Some((attachment.resource, fault));
                }
            }
            if let Some(disk) = attachment.disk
                && !self.state.disk_ok[disk.index()]
            {
                return Some((attachment.resource, Fault::DiskFailed(disk)));
            }
        }
        None
    }

    /// A fault of a resource on its owner that is not already accounted for.
    fn persistent_fault(&self, group: GroupId, owner: NodeId) -> Option<(ResourceId, Fault)> {
        let (index, fault) = self.fault_on(group, owner)?;
        let resource = ResourceId { group, index };
        (!self.state.resource_failed(self.design, resource)).then_some((resource, fault))
    }

    fn blockers(&self, group: GroupId, candidates: impl Iterator<Item = NodeId>) -> Vec<(NodeId, Ineligible)> {
        if !self.record {
            return Vec::new();
        }
        candidates.filter_map(|node| self.ineligibility(group, node).map(|why| (node, why))).collect()
    }

    /// Puts a group on its design owner or its first eligible candidate.
    fn place(&mut self, group: GroupId, cause: Cause) {
        self.clear_resources(group);
        let resolved = self.design.group(group);
        let target = if self.nowhere_to_go() {
            None
        } else {
            resolved
                .owner
                .filter(|&owner| self.ineligibility(group, owner).is_none())
                .or_else(|| resolved.candidates.iter().copied().find(|&node| self.ineligibility(group, node).is_none()))
        };
        match target {
            Some(node) => self.set_group(group, GroupStatus::Online(node), Reason::Placed { cause, node }),
            None => {
                let blockers = self.blockers(group, resolved.candidates.iter().copied());
                self.set_group(group, GroupStatus::Failed, Reason::NoNode { cause, blockers });
            }
        }
    }

    /// Whether no node can take one more group, known without asking each: on clusters of more than two
    /// nodes a group needs a member that runs nothing.
    fn nowhere_to_go(&self) -> bool {
        self.design.one_evs_per_node() && self.state.free_members == 0
    }

    /// Moves a group off `from` to the next eligible node after it in its candidate order.
    fn fail_over(&mut self, group: GroupId, cause: Cause) {
        let GroupStatus::Online(from) = self.state.groups[group.index()].status else { return };
        self.clear_resources(group);
        let policy = self.design.scenario.groups[group.index()].failover;
        let now = self.state.now;
        let state = &mut self.state.groups[group.index()];
        // The failover period begins at the first failover; when it has run out, counting starts again.
        if state.failovers == 0 || now - state.failover_window_start >= policy.period_hours as u64 * HOUR_MS {
            state.failovers = 0;
            state.failover_window_start = now;
        }
        let failovers = state.failovers;
        if failovers >= policy.threshold {
            self.set_group(group, GroupStatus::Failed, Reason::ThresholdReached { cause, failovers });
            return;
        }
        self.state.groups[group.index()].failovers = failovers + 1;
        let candidates = &self.design.group(group).candidates;
        let start = candidates.iter().position(|&n| n == from).map_or(0, |i| i + 1);
        let order = || candidates[start..].iter().chain(&candidates[..start]).copied().filter(|&n| n != from);
        let target =
            if self.nowhere_to_go() { None } else { order().find(|&node| self.ineligibility(group, node).is_none()) };
        match target {
            Some(node) => self.set_group(group, GroupStatus::Online(node), Reason::FailedOver { from, cause }),
            None => {
                let blockers = self.blockers(group, order());
                self.set_group(group, GroupStatus::Failed, Reason::NoNode { cause, blockers });
            }
        }
    }

    /// A resource failed for good on its node: fail the group over, or leave the resource failed.
    fn resource_fault(&mut self, resource: ResourceId, fault: Fault) {
        let action =
            self.design.scenario.groups[resource.group.index()].resources[resource.index as usize].restart.action;
        if action == RestartAction::RestartAffectGroup {
            self.fail_over(resource.group, Cause::Resource(resource, fault));
        } else {
            let slot = self.design.resource_slot(resource);
            self.state.resource_failed[slot] = true;
            let GroupStatus::Online(owner) = self.state.groups[resource.group.index()].status else { return };
            self.set_group(
                resource.group,
                GroupStatus::Online(owner),
                Reason::ResourceDown { resource, fault, action },
            );
        }
    }

    fn fail_resource(&mut self, resource: ResourceId) -> Result<(), Refusal> {
        let group = resource.group;
        if self.state.owner(group).is_none() {
            return Err(Refusal::GroupNotOnline(group));
        }
        if self.state.resource_failed(self.design, resource) {
            return Err(Refusal::ResourceAlreadyFailed(resource));
        }
        let policy = self.design.scenario.groups[group.index()].resources[resource.index as usize].restart;
        if policy.action != RestartAction::DontRestart {
            let slot = self.design.resource_slot(resource);
            // The restart period begins at the first failure; when it has run out, counting starts again.
            if self.state.restarts[slot] == 0
                || self.state.now - self.state.restart_window_start[slot] >= policy.period_s as u64 * 1000
            {
                self.state.restarts[slot] = 0;
                self.state.restart_window_start[slot] = self.state.now;
            }
            let restarts = &mut self.state.restarts[slot];
            if *restarts < policy.threshold {
                *restarts += 1;
                let count = *restarts;
                self.record(ChangeKind::Restarted { resource, count, threshold: policy.threshold });
                return Ok(());
            }
        }
        self.resource_fault(resource, Fault::Injected);
        Ok(())
    }

    fn move_group(&mut self, group: GroupId, node: NodeId) -> Result<(), Refusal> {
        if !self.state.quorum.held() {
            return Err(Refusal::NoQuorum);
        }
        let from = self.state.owner(group);
        if from == Some(node) {
            return Err(Refusal::AlreadyOn(group, node));
        }
        if let Some(why) = self.ineligibility(group, node) {
            return Err(Refusal::NodeCannotTake(group, node, why));
        }
        self.clear_resources(group);
        if from.is_none() {
            self.state.groups[group.index()].failovers = 0;
        }
        self.set_group(group, GroupStatus::Online(node), Reason::Moved { from });
        Ok(())
    }

    fn bring_online(&mut self, group: GroupId) -> Result<(), Refusal> {
        if !self.state.quorum.held() {
            return Err(Refusal::NoQuorum);
        }
        if let Some(owner) = self.state.owner(group) {
            let resolved = self.design.group(group);
            let slots = resolved.resource_offset..resolved.resource_offset + resolved.resources.len();
            if !self.state.resource_failed[slots].iter().any(|&f| f) {
                return Err(Refusal::AlreadyOnline(group, owner));
            }
            if let Some((index, fault)) = self.fault_on(group, owner) {
                return Err(Refusal::StillFaulted(ResourceId { group, index }, fault));
            }
            self.clear_resources(group);
            self.set_group(
                group,
                GroupStatus::Online(owner),
                Reason::Placed { cause: Cause::Administrator, node: owner },
            );
            return Ok(());
        }
        self.state.groups[group.index()].failovers = 0;
        self.place(group, Cause::Administrator);
        Ok(())
    }

    /// The most preferred owner that can take `group`, when it ranks above `owner`, the node running it.
    fn failback_target(&self, group: GroupId, owner: NodeId) -> Option<NodeId> {
        let preferred = &self.design.group(group).preferred;
        let rank = |node: NodeId| preferred.iter().position(|&p| p == node).unwrap_or(usize::MAX);
        let best =
            preferred.iter().copied().find(|&node| node == owner || self.ineligibility(group, node).is_none())?;
        (rank(best) < rank(owner)).then_some(best)
    }

    /// Moves groups with failback on to a more preferred owner among the nodes that just joined.
    fn fail_back(&mut self, joined: &[bool]) {
        let design = self.design;
        for group in design.group_ids() {
            let GroupStatus::Online(owner) = self.state.groups[group.index()].status else { continue };
            let policy = design.scenario.groups[group.index()].failback;
            if policy == Failback::Never {
                continue;
            }
            let Some(best) = self.failback_target(group, owner).filter(|best| joined[best.index()]) else { continue };
            if let Failback::Window { start_hour, end_hour } = policy
                && !self.hour().is_some_and(|hour| in_window(hour, start_hour, end_hour))
            {
                self.state.groups[group.index()].failback_waiting = true;
                self.record(ChangeKind::FailbackWaits { group, to: best, start_hour, end_hour });
                continue;
            }
            self.clear_resources(group);
            self.set_group(group, GroupStatus::Online(best), Reason::FailedBack { from: owner });
        }
    }

    /// A failback window opened: groups waiting for it move to their most preferred owner that can take them.
    fn fail_back_waiting(&mut self) {
        let design = self.design;
        for group in design.group_ids() {
            if !self.state.groups[group.index()].failback_waiting {
                continue;
            }
            self.state.groups[group.index()].failback_waiting = false;
            let GroupStatus::Online(owner) = self.state.groups[group.index()].status else { continue };
            if let Some(best) = self.failback_target(group, owner) {
                self.clear_resources(group);
                self.set_group(group, GroupStatus::Online(best), Reason::FailedBack { from: owner });
            }
        }
    }
}

/// Whether `hour` falls in [start, end), wrapping past midnight when start > end; start == end is all day.
pub fn in_window(hour: u8, start: u8, end: u8) -> bool {
    match start.cmp(&end) {
        std::cmp::Ordering::Less => start <= hour && hour < end,
        std::cmp::Ordering::Greater => hour >= start || hour < end,
        std::cmp::Ordering::Equal => true,
    }
}

#[cfg(test)]
mod tests {
    use super::in_window;

    #[test]
    fn failback_windows() {
        // [start, end): the start hour is inside, the end hour is not; start > end wraps past midnight.
        let cases = [
            (9, 8, 17, true),
            (16, 8, 17, true),
            (17, 8, 17, false),
            (7, 8, 17, false),
            (23, 22, 4, true),
            (0, 22, 4, true),
            (3, 22, 4, true),
            (4, 22, 4, false),
            (12, 22, 4, false),
            (5, 6, 6, true),
        ];
        for (hour, start, end, inside) in cases {
            assert_eq!(in_window(hour, start, end), inside, "{hour} in [{start}, {end})");
        }
    }
}
