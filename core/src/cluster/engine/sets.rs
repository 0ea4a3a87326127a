//! Sets of nodes failing at once from the healthy cluster, settled with bitmasks: the failure matrix's
//! question, answered without replaying the engine per set.
//!
//! Failing nodes changes nothing but which nodes are up: networks, NICs and disks stay as they were, so
//! whether a node could run a group apart from its load (possible owners, a NIC on the group's network, a
//! group whose resource is too slow for its pending timeout never starts) is known once. Per set what
//! remains is what [`Simulation::fail_nodes_at_once`] does: the partitions over the heartbeat networks, quorum (the disk's
//! owner or the largest partition), the members, then every group whose owner left fails over, in design
//! order, to the next candidate after its owner that is a member, may run it and, on a cluster of more
//! than two nodes, runs no other EVS, within four storage groups a node. The property test
//! `the_matrix_equals_the_engine_on_every_set` holds the two to the same answer.

use super::{GroupStatus, MAX_STORAGE_GROUPS_PER_NODE, Simulation};
use crate::cluster::design::{NetworkId, NodeId};
use crate::cluster::model::Quorum;

/// What settling a set needs of the design and the healthy cluster, as bitmasks over the nodes.
#[derive(Debug, Clone)]
pub struct NodeSets {
    nodes: usize,
    /// Per heartbeat network: the nodes with a NIC on it.
    heartbeats: Vec<u64>,
    /// Majority Node Set: the nodes a partition needs; standard quorum: `None`.
    majority: Option<u32>,
    /// Who held quorum on the healthy cluster, and the order the Cluster Group's nodes take it over in.
    quorum_owner: NodeId,
    cluster_candidates: Vec<NodeId>,
    one_evs_per_node: bool,
    groups: Vec<GroupSets>,
    /// The nodes that run a group on the healthy cluster, and the storage groups each mounts.
    healthy_busy: u64,
    healthy_storage_groups: Vec<u32>,
}

/// One group: where it runs on the healthy cluster and where it may go.
#[derive(Debug, Clone)]
struct GroupSets {
    /// Its node on the healthy cluster; `None` when it failed to start.
    owner: Option<NodeId>,
    /// The nodes that may run it, load apart.
    may_run: u64,
    /// Its candidates in failover order, starting after its owner.
    after_owner: Vec<NodeId>,
    storage_groups: u32,
    /// A failover threshold of zero: it fails rather than move.
    no_failover: bool,
}

/// Scratch space for one set: the storage groups per node as groups move.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    storage_groups: Vec<u32>,
}

impl NodeSets {
    /// The masks for `healthy`, a healthy cluster that holds quorum; `None` when the cluster has more than
    /// 64 nodes or does not hold quorum (the engine settles every set then).
    pub fn new(healthy: &Simulation<'_>) -> Option<NodeSets> {
        let design = healthy.design;
        let state = &healthy.state;
        let nodes = design.node_count();
        let quorum_owner = state.quorum.owner?;
        if nodes > 64 || state.groups.iter().any(|g| g.failovers != 0) || state.node_up.iter().any(|&up| !up) {
            return None;
        }
        let bit = |node: NodeId| 1u64 << node.index();
        let heartbeats = (0..design.scenario.networks.len() as u32)
            .map(NetworkId)
            .filter(|n| design.scenario.networks[n.index()].role.carries_heartbeat() && state.network_up[n.index()])
            .map(|n| {
                design.nodes_on[n.index()]
                    .iter()
                    .filter(|&&node| state.nic_up(design, node, n))
                    .fold(0, |m, &node| m | bit(node))
            })
            .collect();
        let groups = design
            .group_ids()
            .map(|group| {
                let resolved = design.group(group);
                let may_run = design
                    .node_ids()
                    .filter(|&node| resolved.barred_by(node).is_none() && healthy.fault_on(group, node).is_none())
                    .fold(0, |m, node| m | bit(node));
                let owner = match state.groups[group.index()].status {
                    GroupStatus::Online(node) => Some(node),
                    GroupStatus::Failed | GroupStatus::Offline => None,
                };
                let candidates: Vec<NodeId> = design.candidates(group).collect();
                let start = owner.and_then(|o| candidates.iter().position(|&n| n == o)).map_or(0, |i| i + 1);
                let after_owner = candidates[start..]
                    .iter()
                    .chain(&candidates[..start])
                    .copied()
                    .filter(|&n| Some(n) != owner)
                    .collect();
                let policy = design.scenario.groups[group.index()].failover;
                GroupSets {
                    owner,
                    may_run,
                    after_owner,
                    storage_groups: resolved.storage_groups,
                    no_failover: policy.threshold == 0,
                }
            })
            .collect();
        Some(NodeSets {
            nodes,
            heartbeats,
            majority: match design.scenario.quorum {
                Quorum::Disk { .. } => None,
                Quorum::MajorityNodeSet => Some((nodes / 2 + 1) as u32),
            },
            quorum_owner,
            cluster_candidates: design.cluster_candidates.clone(),
            one_evs_per_node: design.one_evs_per_node(),
            groups,
            healthy_busy: state.load.iter().enumerate().filter(|(_, l)| l.groups > 0).fold(0, |m, (n, _)| m | 1 << n),
            healthy_storage_groups: state.load.iter().map(|l| l.storage_groups).collect(),
        })
    }

    /// The partition of the up nodes `node` is in: the up nodes it reaches over the heartbeat networks.
    fn partition_of(&self, node: NodeId, up: u64) -> u64 {
        let mut reached = 1u64 << node.index();
        loop {
            let before = reached;
            for &heartbeat in &self.heartbeats {
                let on = heartbeat & up;
                if on & reached != 0 {
                    reached |= on;
                }
            }
            if reached == before {
                return reached;
            }
        }
    }

    /// The members after the nodes outside `up` failed: the partition that holds quorum, or `None`.
    fn members(&self, up: u64) -> Option<u64> {
        let first_up = |within: u64| {
            Some(self.quorum_owner)
                .filter(|&o| within & (1 << o.index()) != 0)
                .or_else(|| self.cluster_candidates.iter().copied().find(|&n| within & (1 << n.index()) != 0))
        };
        match self.majority {
            // The owner defends the disk; when it is gone, the first node up in the Cluster Group's order.
            None => first_up(up).map(|owner| self.partition_of(owner, up)),
            // A partition with a majority: there is at most one.
            Some(needed) => {
                let mut unseen = up;
                while unseen != 0 {
                    let node = NodeId(unseen.trailing_zeros());
                    let partition = self.partition_of(node, up);
                    if partition.count_ones() >= needed {
                        return first_up(partition).map(|_| partition);
                    }
                    unseen &= !partition;
                }
                None
            }
        }
    }

    /// Fails the nodes in `failed` at once from the healthy cluster: whether quorum holds, and `owners`
    /// gets each group's node (`None` when it is not online).
    pub fn settle(&self, failed: &[NodeId], scratch: &mut Scratch, owners: &mut Vec<Option<NodeId>>) -> bool {
        owners.clear();
        let all = if self.nodes == 64 { u64::MAX } else { (1u64 << self.nodes) - 1 };
        let up = failed.iter().fold(all, |up, node| up & !(1 << node.index()));
        let Some(members) = self.members(up) else {
            owners.resize(self.groups.len(), None);
            return false;
        };
        let Scratch { storage_groups } = scratch;
        storage_groups.clone_from(&self.healthy_storage_groups);
        let mut busy = self.healthy_busy;
        for group in &self.groups {
            match group.owner {
                Some(owner) if members & (1 << owner.index()) == 0 => {}
                stays => {
                    owners.push(stays);
                    continue;
                }
            };
            // Its owner is not a member, so what it leaves there matters to no other group. The members
            // that may take it, order apart:
            let mut open = members & group.may_run;
            if self.one_evs_per_node {
                open &= !busy;
            }
            if group.no_failover {
                open = 0;
            }
            let target = (open != 0)
                .then(|| {
                    group.after_owner.iter().copied().find(|&node| {
                        open & (1 << node.index()) != 0
                            && storage_groups[node.index()] + group.storage_groups <= MAX_STORAGE_GROUPS_PER_NODE
                    })
                })
                .flatten();
            if let Some(node) = target {
                busy |= 1 << node.index();
                storage_groups[node.index()] += group.storage_groups;
            }
            owners.push(target);
        }
        true
    }
}
