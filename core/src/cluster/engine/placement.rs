//! Where groups go: whether a node can take a group and why not, placement on the healthy cluster,
//! failover in preferred-owner order, resource restarts and faults, planned moves, bringing a group online,
//! and failback.

use super::{
    Cause, ChangeKind, Fault, GroupStatus, HOUR_MS, Ineligible, MAX_BLOCKERS, MAX_STORAGE_GROUPS_PER_NODE, Reason,
    Refusal, Simulation,
};
use crate::cluster::design::{GroupId, NodeId, ResourceId};
use crate::cluster::model::{Failback, RestartAction};

impl Simulation<'_> {
    pub(super) fn set_group(&mut self, group: GroupId, status: GroupStatus, reason: Reason) {
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

    pub(super) fn clear_resources(&mut self, group: GroupId) {
        let resolved = self.design.group(group);
        let slots = resolved.resource_offset..resolved.resource_offset + resolved.resources.len();
        self.state.restarts[slots.clone()].fill(0);
        self.state.resource_failed[slots].fill(false);
    }

    /// Why `node` cannot run `group` now, or `None` when it can.
    pub fn ineligibility(&self, group: GroupId, node: NodeId) -> Option<Ineligible> {
        let design = self.design;
        let state = &self.state;
        if state.evicted[node.index()] {
            return Some(Ineligible::Evicted);
        }
        if !state.node_up[node.index()] {
            return Some(Ineligible::Down);
        }
        if !state.member[node.index()] {
            return Some(Ineligible::OutOfCluster);
        }
        // PauseClusterNode: groups cannot be moved to a paused node nor fail over to it; what it owns stays.
        if state.paused[node.index()] && state.groups[group.index()].status != GroupStatus::Online(node) {
            return Some(Ineligible::Paused);
        }
        let resolved = design.group(group);
        if let Some(index) = resolved.barred_by(node) {
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
            Fault::Injected | Fault::OnPausedNode => unreachable!("injected faults are not persistent"),
        })
    }

    /// The first resource of `group` that cannot run on `node` because of the network or the disks.
    pub(super) fn fault_on(&self, group: GroupId, node: NodeId) -> Option<(u32, Fault)> {
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
    pub(super) fn persistent_fault(&self, group: GroupId, owner: NodeId) -> Option<(ResourceId, Fault)> {
        let (index, fault) = self.fault_on(group, owner)?;
        let resource = ResourceId { group, index };
        (!self.state.resource_failed(self.design, resource)).then_some((resource, fault))
    }

    /// Why each candidate cannot take the group: the first [`MAX_BLOCKERS`], and how many more there are.
    pub(super) fn blockers(
        &self,
        group: GroupId,
        candidates: impl Iterator<Item = NodeId>,
    ) -> (Vec<(NodeId, Ineligible)>, usize) {
        if !self.record {
            return (Vec::new(), 0);
        }
        let (mut blockers, mut unlisted) = (Vec::new(), 0);
        for node in candidates {
            match self.ineligibility(group, node) {
                Some(why) if blockers.len() < MAX_BLOCKERS => blockers.push((node, why)),
                Some(_) => unlisted += 1,
                None => {}
            }
        }
        (blockers, unlisted)
    }

    /// Puts a group on its design owner or its first eligible candidate.
    pub(super) fn place(&mut self, group: GroupId, cause: Cause) {
        self.clear_resources(group);
        let resolved = self.design.group(group);
        let target = if self.nowhere_to_go() {
            None
        } else {
            resolved.owner.filter(|&owner| self.ineligibility(group, owner).is_none()).or_else(|| {
                self.design
                    .candidates(group)
                    .filter(|&node| self.may_take_another(group, node))
                    .find(|&node| self.ineligibility(group, node).is_none())
            })
        };
        match target {
            Some(node) => self.set_group(group, GroupStatus::Online(node), Reason::Placed { cause, node }),
            None => {
                let (blockers, unlisted) = self.blockers(group, self.design.candidates(group));
                self.set_group(group, GroupStatus::Failed, Reason::NoNode { cause, blockers, unlisted });
            }
        }
    }

    /// A quick first look before [`Self::ineligibility`]: false when `node` already runs another EVS on a
    /// cluster of more than two nodes, so that placing many groups skips the busy nodes cheaply.
    fn may_take_another(&self, group: GroupId, node: NodeId) -> bool {
        !self.design.one_evs_per_node()
            || self.state.load[node.index()].groups == 0
            || self.state.groups[group.index()].status == GroupStatus::Online(node)
    }

    /// Whether no node can take one more group, known without asking each: on clusters of more than two
    /// nodes a group needs a member that runs nothing.
    pub(super) fn nowhere_to_go(&self) -> bool {
        self.design.one_evs_per_node() && self.state.free_members == 0
    }

    /// Moves a group off `from` to the next eligible node after it in its candidate order.
    pub(super) fn fail_over(&mut self, group: GroupId, cause: Cause) {
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
        let design = self.design;
        let start = design.candidates(group).position(|n| n == from).map_or(0, |i| i + 1);
        let order = || {
            design.candidates(group).skip(start).chain(design.candidates(group).take(start)).filter(move |&n| n != from)
        };
        let target =
            if self.nowhere_to_go() { None } else { order().find(|&node| self.ineligibility(group, node).is_none()) };
        match target {
            Some(node) => self.set_group(group, GroupStatus::Online(node), Reason::FailedOver { from, cause }),
            None => {
                let (blockers, unlisted) = self.blockers(group, order());
                self.set_group(group, GroupStatus::Failed, Reason::NoNode { cause, blockers, unlisted });
            }
        }
    }

    /// A resource failed for good on its node: fail the group over, or leave the resource failed.
    pub(super) fn resource_fault(&mut self, resource: ResourceId, fault: Fault) {
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

    pub(super) fn fail_resource(&mut self, resource: ResourceId) -> Result<(), Refusal> {
        let group = resource.group;
        if self.state.owner(group).is_none() {
            return Err(Refusal::GroupNotOnline(group));
        }
        if self.state.resource_failed(self.design, resource) {
            return Err(Refusal::ResourceAlreadyFailed(resource));
        }
        let policy = self.design.scenario.groups[group.index()].resources[resource.index as usize].restart;
        // A paused node's resources "can be taken offline, but they cannot be brought online"
        // (PauseClusterNode): no restart in place there; the group is failed over.
        let on_paused = self.state.owner(group).is_some_and(|node| self.state.paused[node.index()]);
        if policy.action != RestartAction::DontRestart && !on_paused {
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
        self.resource_fault(resource, if on_paused { Fault::OnPausedNode } else { Fault::Injected });
        Ok(())
    }

    pub(super) fn move_group(&mut self, group: GroupId, node: NodeId) -> Result<(), Refusal> {
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

    pub(super) fn bring_online(&mut self, group: GroupId) -> Result<(), Refusal> {
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
    pub(super) fn failback_target(&self, group: GroupId, owner: NodeId) -> Option<NodeId> {
        let preferred = &self.design.group(group).preferred;
        let rank = |node: NodeId| preferred.iter().position(|&p| p == node).unwrap_or(usize::MAX);
        let best =
            preferred.iter().copied().find(|&node| node == owner || self.ineligibility(group, node).is_none())?;
        (rank(best) < rank(owner)).then_some(best)
    }

    /// Moves groups with failback on to a more preferred owner among the nodes that just joined.
    pub(super) fn fail_back(&mut self, joined: &[bool]) {
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
    pub(super) fn fail_back_waiting(&mut self) {
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
    pub(super) fn failback_windows() {
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
