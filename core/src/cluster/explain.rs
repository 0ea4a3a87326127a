//! Reasons in words: every decision of the engine as a sentence, the policy id that took it and its source.

use super::design::{Design, GroupId, NodeId};
use super::engine::{
    Cause, Fault, GroupStatus, Ineligible, MAX_STORAGE_GROUPS_PER_NODE, QuorumReason, QuorumState, Reason, Refusal,
};
use super::model::RestartAction;
use crate::sources;

/// A decision in words, with the policy that took it and where that policy comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub text: String,
    /// A stable id of the policy, such as `failover.preferred-owners`.
    pub policy: &'static str,
    pub source: &'static str,
}

fn explained(text: String, policy: &'static str, source: &'static str) -> Explanation {
    Explanation { text, policy, source }
}

/// Why `node` cannot take a group, as a sentence about the node.
pub fn ineligible(design: &Design, node: NodeId, why: Ineligible) -> Explanation {
    let name = design.node_name(node);
    match why {
        Ineligible::Down => explained(format!("{name} is down"), "failover.node-up", sources::FAILOVER_POLICY),
        Ineligible::Evicted => {
            explained(format!("{name} was evicted from the cluster"), "operator.evict", sources::EVICT_NODE)
        }
        Ineligible::Paused => explained(
            format!("{name} is paused: no group moves to it or fails over to it"),
            "operator.pause",
            sources::PAUSE_NODE,
        ),
        Ineligible::OutOfCluster => explained(
            format!("{name} is cut off from the nodes that hold quorum"),
            "quorum.membership",
            sources::QUORUM,
        ),
        Ineligible::NotPossibleOwner(resource) => explained(
            format!("{name} is not a possible owner of {}", design.resource_path(resource)),
            "failover.possible-owners",
            sources::FAILOVER_POLICY,
        ),
        Ineligible::NoNic(network) => explained(
            format!("{name} has no NIC on {}", design.network_name(network)),
            "failover.network",
            sources::NETWORKS,
        ),
        Ineligible::NicDown(network) => explained(
            format!("{name}'s NIC on {} is down", design.network_name(network)),
            "failover.network",
            sources::NETWORKS,
        ),
        Ineligible::NetworkDown(network) => explained(
            format!("network {} is down", design.network_name(network)),
            "failover.network",
            sources::NETWORKS,
        ),
        Ineligible::DiskFailed(disk) => {
            explained(format!("disk {} has failed", design.disk_name(disk)), "failover.disk", sources::SHARED_NOTHING)
        }
        Ineligible::RunsEvs(other) => explained(
            format!(
                "{name} already runs {}: a node of a cluster with more than two nodes runs one EVS at most",
                design.group_name(other)
            ),
            "failover.one-evs-per-node",
            sources::ONE_EVS_PER_NODE,
        ),
        Ineligible::PendingTimeout(resource) => {
            let spec = &design.scenario.groups[resource.group.index()].resources[resource.index as usize];
            let path = design.resource_path(resource);
            explained(
                format!(
                    "{name} would fail {path}: it takes {} s to come online, longer than its pending timeout of {} s",
                    crate::duration::seconds(design.scenario.timing.of(spec.kind).online_ms),
                    spec.health.pending_timeout_s
                ),
                "resource.pending-timeout",
                sources::FAILOVER_POLICY,
            )
        }
        Ineligible::StorageGroups(count) => explained(
            format!("{name} would mount {count} storage groups: a node mounts at most {MAX_STORAGE_GROUPS_PER_NODE}"),
            "failover.storage-groups",
            sources::STORAGE_GROUPS,
        ),
    }
}

fn fault(design: &Design, fault: Fault) -> String {
    match fault {
        Fault::Injected => "it failed more often than its restart policy allows".into(),
        Fault::OnPausedNode => "its node is paused, where nothing is brought online again".into(),
        Fault::NetworkDown(network) => format!("network {} is down", design.network_name(network)),
        Fault::NicDown(network) => format!("its node's NIC on {} is down", design.network_name(network)),
        Fault::NoNic(network) => format!("its node has no NIC on {}", design.network_name(network)),
        Fault::DiskFailed(disk) => format!("disk {} has failed", design.disk_name(disk)),
    }
}

/// What set a group moving, as a clause.
pub fn cause(design: &Design, cause: Cause) -> String {
    match cause {
        Cause::Start => "the cluster started".into(),
        Cause::NodeDown(node) => format!("{} failed", design.node_name(node)),
        Cause::LeftCluster(node) => {
            format!("{} lost contact with the nodes that hold quorum", design.node_name(node))
        }
        Cause::Resource(resource, why) => {
            format!("{} failed: {}", design.resource_path(resource), fault(design, why))
        }
        Cause::QuorumRegained => "the cluster regained quorum".into(),
        Cause::Administrator => "an administrator brought it online".into(),
    }
}

/// How a node outside the group's preferred owners was chosen. With no preferred owners Windows Server 2003
/// picks a node at random (unless DisableGroupPreferredOwnerRandomization is set); clusterplan takes design
/// order instead, and says so.
fn outside_preferred(no_preferred_owners: bool) -> String {
    if no_preferred_owners {
        "the first node in design order that can take it (it has no preferred owners: Windows picks one at random, \
         clusterplan takes design order)"
            .to_string()
    } else {
        "the first node in design order that can take it, after its preferred owners".to_string()
    }
}

/// Why a group is where it is.
pub fn reason(design: &Design, group: GroupId, status: GroupStatus, reason: &Reason) -> Explanation {
    let here = match status {
        GroupStatus::Online(node) => design.node_name(node).to_string(),
        GroupStatus::Failed | GroupStatus::Offline => String::new(),
    };
    match reason {
        Reason::Placed { cause: why, node } => {
            let resolved = design.group(group);
            let name = design.node_name(*node);
            let rank = if resolved.owner == Some(*node) {
                "the owner the design gives it".to_string()
            } else if let Some(i) = resolved.preferred.iter().position(|p| p == node) {
                if i == 0 {
                    "its first preferred owner".to_string()
                } else {
                    format!("preferred owner {} in its list", i + 1)
                }
            } else {
                outside_preferred(resolved.preferred.is_empty())
            };
            let text = match why {
                Cause::Start => format!("started on {name}, {rank}"),
                Cause::QuorumRegained => format!("the cluster regained quorum and started it on {name}, {rank}"),
                Cause::Administrator => format!("an administrator brought it online on {name}, {rank}"),
                other => format!("placed on {name}, {rank}: {}", cause(design, *other)),
            };
            explained(text, "placement.preferred-owners", sources::PREFERRED_OWNERS)
        }
        Reason::FailedOver { from, cause: why } => explained(
            format!(
                "failed over from {} to {here} because {}; {here} is {}",
                design.node_name(*from),
                cause(design, *why),
                match status {
                    GroupStatus::Online(node) if design.group(group).preferred.contains(&node) => {
                        "the next node in its preferred-owner order that can take it".to_string()
                    }
                    _ => outside_preferred(design.group(group).preferred.is_empty()),
                }
            ),
            "failover.preferred-owners",
            sources::PREFERRED_OWNERS,
        ),
        Reason::NoNode { cause: why, blockers, unlisted } => {
            let mut text = format!("failed: {} and no node can take it", cause(design, *why));
            if !blockers.is_empty() {
                // Say each node's obstacle, and the rule behind a shared obstacle once, at the end.
                let mut parts: Vec<String> = Vec::new();
                let mut rules: Vec<String> = Vec::new();
                for &(node, reason) in blockers {
                    let full = ineligible(design, node, reason).text;
                    match full.split_once(": ") {
                        Some((short, rule)) => {
                            parts.push(short.to_string());
                            if !rules.iter().any(|r| r == rule) {
                                rules.push(rule.to_string());
                            }
                        }
                        None => parts.push(full.clone()),
                    }
                }
                if *unlisted > 0 {
                    parts.push(format!("and {unlisted} more node{}", if *unlisted == 1 { "" } else { "s" }));
                }
                parts.extend(rules);
                text.push_str(&format!(" ({})", parts.join("; ")));
            }
            explained(text, "failover.no-eligible-node", sources::FAILOVER_POLICY)
        }
        Reason::ThresholdReached { cause: why, failovers } => explained(
            format!(
                "failed: {} and the group already failed over {failovers} time{}, its failover threshold",
                cause(design, *why),
                if *failovers == 1 { "" } else { "s" }
            ),
            "failover.threshold",
            sources::FAILOVER_POLICY,
        ),
        Reason::QuorumLost => explained(
            "offline: the cluster lost quorum, which takes every group offline".into(),
            "quorum.lost",
            sources::QUORUM,
        ),
        Reason::Moved { from } => {
            let text = match from {
                Some(from) => format!("moved from {} to {here} by an administrator", design.node_name(*from)),
                None => format!("moved to {here} and brought online by an administrator"),
            };
            explained(text, "move.planned", sources::FAILOVER_POLICY)
        }
        Reason::FailedBack { from } => explained(
            format!("failed back from {} to {here}, a more preferred owner that returned", design.node_name(*from)),
            "failback.preferred-owner",
            sources::FAILOVER_POLICY,
        ),
        Reason::ResourceDown { resource, fault: why, action } => {
            let policy = match action {
                RestartAction::DontRestart => "its restart action is not to restart",
                _ => "its restart action does not affect the group",
            };
            explained(
                format!(
                    "online on {here}, but {} failed ({}) and stays failed: {policy}",
                    design.resource_path(*resource),
                    fault(design, *why)
                ),
                "restart.no-affect",
                sources::FAILOVER_POLICY,
            )
        }
    }
}

/// What set a decision off, as an explanation of its own (the first step of a timeline's move).
pub fn cause_of(design: &Design, reason: &Reason) -> Explanation {
    let (text, policy, source) = match reason {
        Reason::Placed { cause: why, .. } => {
            (cause(design, *why), "placement.preferred-owners", sources::PREFERRED_OWNERS)
        }
        Reason::FailedOver { cause: why, .. }
        | Reason::NoNode { cause: why, .. }
        | Reason::ThresholdReached { cause: why, .. } => {
            (cause(design, *why), "failover.preferred-owners", sources::PREFERRED_OWNERS)
        }
        Reason::QuorumLost => ("the cluster lost quorum".into(), "quorum.lost", sources::QUORUM),
        Reason::Moved { .. } => ("an administrator moves it".into(), "move.planned", sources::FAILOVER_POLICY),
        Reason::FailedBack { .. } => {
            ("a more preferred owner is back".into(), "failback.preferred-owner", sources::FAILOVER_POLICY)
        }
        Reason::ResourceDown { resource, .. } => {
            (format!("{} failed", design.resource_path(*resource)), "restart.no-affect", sources::FAILOVER_POLICY)
        }
    };
    explained(text, policy, source)
}

/// Who holds quorum, or why nobody does.
pub fn quorum(design: &Design, quorum: &QuorumState) -> Explanation {
    let text = match (quorum.reason, quorum.owner) {
        (QuorumReason::DiskOwner, Some(owner)) => {
            let disk = design.quorum_disk.map(|d| design.disk_name(d)).unwrap_or("?");
            format!("{} owns the quorum disk {disk}", design.node_name(owner))
        }
        (QuorumReason::Majority { members, needed, of }, _) => {
            format!("majority node set: {members} of {of} nodes are up and in contact ({needed} needed)")
        }
        (QuorumReason::DiskFailed(disk), _) => format!("the quorum disk {} failed", design.disk_name(disk)),
        (QuorumReason::NoNodeUp, _) | (QuorumReason::DiskOwner, None) => "no node is up".into(),
        (QuorumReason::NoMajority { largest, needed, of }, _) => {
            format!("majority node set: at most {largest} of {of} nodes are up and in contact, {needed} are needed")
        }
    };
    explained(text, "quorum", sources::QUORUM)
}

/// Why an event was refused.
pub fn refusal(design: &Design, refusal: Refusal) -> Explanation {
    let state = |text: String| explained(text, "event.state", sources::CLUSTERPLAN_CHOICE);
    match refusal {
        Refusal::NoQuorum => explained(
            "the cluster has no quorum, so no group can be brought online".into(),
            "quorum.lost",
            sources::QUORUM,
        ),
        Refusal::NodeAlreadyDown(node) => state(format!("{} is already down", design.node_name(node))),
        Refusal::NodeAlreadyUp(node) => state(format!("{} is already up", design.node_name(node))),
        Refusal::NodeAlreadyPaused(node) => state(format!("{} is already paused", design.node_name(node))),
        Refusal::EvictUpNode(node) => state(format!(
            "{} runs the Cluster service: stop it first (only a node that is down is evicted, unless it is the last)",
            design.node_name(node)
        )),
        Refusal::EvictWithoutQuorum => {
            state("the cluster has no quorum: a node is evicted through the running cluster".into())
        }
        Refusal::NodeEvicted(node) => {
            state(format!("{} was evicted: it is no longer a node of this cluster", design.node_name(node)))
        }
        Refusal::NodeNotPaused(node) => {
            state(format!("{} is not paused: resume only a paused node", design.node_name(node)))
        }
        Refusal::NetworkAlreadyDown(network) => {
            state(format!("network {} is already down", design.network_name(network)))
        }
        Refusal::NetworkAlreadyUp(network) => state(format!("network {} is already up", design.network_name(network))),
        Refusal::NoSuchNic(node, network) => {
            state(format!("{} has no NIC on {}", design.node_name(node), design.network_name(network)))
        }
        Refusal::NicAlreadyDown(node, network) => {
            state(format!("{}'s NIC on {} is already down", design.node_name(node), design.network_name(network)))
        }
        Refusal::NicAlreadyUp(node, network) => {
            state(format!("{}'s NIC on {} is already up", design.node_name(node), design.network_name(network)))
        }
        Refusal::DiskAlreadyFailed(disk) => state(format!("disk {} has already failed", design.disk_name(disk))),
        Refusal::DiskAlreadyOk(disk) => state(format!("disk {} has not failed", design.disk_name(disk))),
        Refusal::FrontEndAlreadyDown(front_end) => {
            state(format!("front-end server {} is already down", design.front_end_name(front_end)))
        }
        Refusal::FrontEndAlreadyUp(front_end) => {
            state(format!("front-end server {} is already up", design.front_end_name(front_end)))
        }
        Refusal::NlbAlreadyDown => state("the NLB cluster is already down".to_string()),
        Refusal::NlbAlreadyUp => state("the NLB cluster is already up".to_string()),
        Refusal::GroupNotOnline(group) => state(format!("{} is not online", design.group_name(group))),
        Refusal::ResourceAlreadyFailed(resource) => {
            state(format!("{} has already failed", design.resource_path(resource)))
        }
        Refusal::AlreadyOnline(group, node) => {
            state(format!("{} is already online on {}", design.group_name(group), design.node_name(node)))
        }
        Refusal::AlreadyOn(group, node) => {
            state(format!("{} already runs on {}", design.group_name(group), design.node_name(node)))
        }
        Refusal::NodeCannotTake(_, node, why) => ineligible(design, node, why),
        Refusal::StillFaulted(resource, why) => explained(
            format!("{} cannot come back online yet: {}", design.resource_path(resource), fault(design, why)),
            "restart.fault-persists",
            sources::FAILOVER_POLICY,
        ),
    }
}
