//! The state of a simulated cluster and the values the engine decides with: where each group is and
//! why, quorum, the log of changes, and why an event is refused.

use crate::cluster::design::{Design, DiskId, FrontEndId, GroupId, NetworkId, NodeId, ResourceId};
use crate::cluster::model::RestartAction;

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
    /// A failure injected on a paused node, where nothing is brought online again: local to that node.
    OnPausedNode,
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
    /// An administrator paused the node.
    Paused,
    /// An administrator evicted the node.
    Evicted,
}

/// The most nodes a group's failure records its obstacle on; beyond them it counts them. A Windows Server
/// 2003 cluster has at most eight nodes, so only designs beyond any real cluster reach it.
pub const MAX_BLOCKERS: usize = 16;

/// Why a group is where it is: the last decision taken about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Placed on the healthy cluster (or re-placed after quorum came back, or by an administrator).
    Placed { cause: Cause, node: NodeId },
    /// Failed over from a node.
    FailedOver { from: NodeId, cause: Cause },
    /// No node could take it; `blockers` says why not for the first [`MAX_BLOCKERS`] candidates (empty when
    /// not recorded), and `unlisted` counts the candidates after them.
    NoNode { cause: Cause, blockers: Vec<(NodeId, Ineligible)>, unlisted: usize },
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
    Majority { members: u32, needed: u32, of: u32 },
    /// Standard quorum: the quorum disk failed.
    DiskFailed(DiskId),
    /// No node is up.
    NoNodeUp,
    /// Majority Node Set: the largest partition is too small.
    NoMajority { largest: u32, needed: u32, of: u32 },
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
    pub(super) nic_up: Vec<bool>,
    pub disk_ok: Vec<bool>,
    /// Per front-end server: it works.
    pub front_end_up: Vec<bool>,
    /// The Network Load Balancing cluster works.
    pub nlb_up: bool,
    /// Nodes that are up and in the partition that holds quorum.
    pub member: Vec<bool>,
    /// Nodes an administrator paused: they keep their groups and take no other.
    pub paused: Vec<bool>,
    /// Nodes an administrator evicted: no longer nodes of the cluster (they stay down).
    pub evicted: Vec<bool>,
    pub quorum: QuorumState,
    pub groups: Vec<GroupState>,
    /// What each node runs.
    pub(super) load: Vec<NodeLoad>,
    /// Per resource (flat, see `Design::resource_slot`): restarts on the current node in the period that
    /// began at `restart_window_start`.
    pub(super) restarts: Vec<u32>,
    pub(super) restart_window_start: Vec<u64>,
    /// The virtual clock, in milliseconds.
    pub now: u64,
    /// Per resource: failed and left failed while the group stays online.
    pub(super) resource_failed: Vec<bool>,
    /// Members that run no group: when there is none, a cluster of more than two nodes has nowhere to fail over.
    pub(super) free_members: u32,
}

impl Clone for State {
    fn clone(&self) -> State {
        State {
            node_up: self.node_up.clone(),
            network_up: self.network_up.clone(),
            nic_up: self.nic_up.clone(),
            disk_ok: self.disk_ok.clone(),
            front_end_up: self.front_end_up.clone(),
            nlb_up: self.nlb_up,
            member: self.member.clone(),
            paused: self.paused.clone(),
            evicted: self.evicted.clone(),
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
pub(super) struct NodeLoad {
    pub(super) groups: u32,
    pub(super) storage_groups: u32,
    /// The group it runs, to name in explanations (kept exact where a node runs one group at most).
    pub(super) some_group: Option<GroupId>,
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
    NodeAlreadyPaused(NodeId),
    NodeNotPaused(NodeId),
    /// Evicting a node that runs the Cluster service: stop it first.
    EvictUpNode(NodeId),
    /// The node was evicted: it is no longer a node of the cluster.
    NodeEvicted(NodeId),
    /// A node is evicted through the running cluster, which has no quorum.
    EvictWithoutQuorum,
    NetworkAlreadyDown(NetworkId),
    NetworkAlreadyUp(NetworkId),
    NoSuchNic(NodeId, NetworkId),
    NicAlreadyDown(NodeId, NetworkId),
    NicAlreadyUp(NodeId, NetworkId),
    DiskAlreadyFailed(DiskId),
    DiskAlreadyOk(DiskId),
    FrontEndAlreadyDown(FrontEndId),
    FrontEndAlreadyUp(FrontEndId),
    NlbAlreadyDown,
    NlbAlreadyUp,
    GroupNotOnline(GroupId),
    ResourceAlreadyFailed(ResourceId),
    AlreadyOnline(GroupId, NodeId),
    AlreadyOn(GroupId, NodeId),
    NodeCannotTake(GroupId, NodeId, Ineligible),
    /// A failed resource cannot come back on its node while the fault lasts.
    StillFaulted(ResourceId, Fault),
}
