//! Membership and quorum: which nodes can hear each other over the heartbeat networks, who holds quorum
//! (the quorum disk's owner, or a majority of the nodes), and what losing or regaining it does to the groups.

use super::{Cause, ChangeKind, GroupStatus, QuorumReason, QuorumState, Reason, Simulation};
use crate::cluster::design::{NetworkId, NodeId};
use crate::cluster::model::Quorum;

impl Simulation<'_> {
    /// Recomputes partitions, quorum and membership; logs what changed.
    pub(super) fn update_membership(&mut self) {
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
                // The cluster's nodes: an evicted node is no longer one of them.
                let of = (node_count - self.state.evicted.iter().filter(|&&e| e).count()) as u32;
                let needed = of / 2 + 1;
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
                    QuorumState { owner, reason: QuorumReason::Majority { members: largest, needed, of } }
                } else {
                    QuorumState { owner: None, reason: QuorumReason::NoMajority { largest, needed, of } }
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
    pub(super) fn reconcile(&mut self, faults: bool) {
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
}
