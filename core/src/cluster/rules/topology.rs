//! The cluster's shape: editions and node counts, NetBIOS names, networks, NICs and static addresses.

use std::collections::HashMap;

use super::*;
use crate::cluster::design::{Design, NetworkId, ResourceId};
use crate::cluster::model::{ExchangeEdition, NetworkRole, Quorum};
use crate::finding::{Finding, SubjectKind};

pub(super) fn editions_and_nodes(design: &Design, findings: &mut Vec<Finding>) {
    let scenario = &design.scenario;
    let cluster = cluster_subject(design);
    let nodes = scenario.nodes.len();
    match scenario.windows.max_nodes() {
        None => findings.push(Finding::new(
            &WINDOWS_NOT_CLUSTERABLE,
            SubjectKind::Cluster,
            &cluster,
            format!("{} cannot run a server cluster: use Enterprise or Datacenter Edition.", scenario.windows.title()),
        )),
        Some(max) if nodes > max => findings.push(Finding::new(
            &TOO_MANY_NODES,
            SubjectKind::Cluster,
            &cluster,
            format!("{nodes} nodes, but {} clusters Exchange 2003 on at most {max}.", scenario.windows.title()),
        )),
        Some(_) => {}
    }
    if scenario.exchange == ExchangeEdition::Exchange2003Standard {
        findings.push(Finding::new(
            &EXCHANGE_NOT_CLUSTERABLE,
            SubjectKind::Cluster,
            &cluster,
            "Exchange Server 2003 Standard Edition cannot be clustered: use Enterprise Edition.".into(),
        ));
    }
    if scenario.windows.is_windows_2000() && matches!(scenario.quorum, Quorum::MajorityNodeSet) {
        findings.push(Finding::new(
            &QUORUM_WINDOWS_2000,
            SubjectKind::Cluster,
            &cluster,
            format!("{} must use the standard quorum: a quorum disk, not Majority Node Set.", scenario.windows.title()),
        ));
    }
    if nodes == 0 {
        findings.push(Finding::new(&NO_NODES, SubjectKind::Cluster, &cluster, "The cluster has no nodes.".into()));
    } else if nodes == 1 {
        findings.push(Finding::new(
            &SINGLE_NODE,
            SubjectKind::Cluster,
            &cluster,
            "A one-node cluster has nowhere to fail over to: add a passive node.".into(),
        ));
    }
}

pub(super) fn names(design: &Design, findings: &mut Vec<Finding>) {
    let scenario = &design.scenario;
    let mut named: Vec<(SubjectKind, &str)> = vec![(SubjectKind::Cluster, scenario.cluster_name.as_str())];
    named.extend(scenario.nodes.iter().map(|n| (SubjectKind::Node, n.name.as_str())));
    named.extend(scenario.groups.iter().map(|g| (SubjectKind::Group, g.name.as_str())));
    named.extend(scenario.front_ends.servers.iter().map(|s| (SubjectKind::FrontEnd, s.as_str())));
    let mut first: HashMap<String, SubjectKind> = HashMap::new();
    for &(kind, name) in &named {
        if let Some(why) = crate::scenario::netbios_problem(name) {
            findings.push(Finding::new(
                &NETBIOS_NAME,
                kind,
                name,
                format!("\"{name}\" cannot be a NetBIOS name: {why}."),
            ));
        }
        // NetBIOS names are case-insensitive (ASCII). Names repeated within one list are load errors already.
        match first.get(&name.to_ascii_uppercase()) {
            Some(&other_kind) if other_kind != kind => findings.push(Finding::new(
                &DUPLICATE_NAME,
                kind,
                name,
                format!("\"{name}\" is also the name of a {}: every network name must be unique.", other_kind.word()),
            )),
            Some(_) => {}
            None => {
                first.insert(name.to_ascii_uppercase(), kind);
            }
        }
    }
}

pub(super) fn networks(design: &Design, findings: &mut Vec<Finding>) {
    let scenario = &design.scenario;
    let cluster = cluster_subject(design);
    if !scenario.networks.iter().any(|n| n.role.carries_heartbeat()) {
        findings.push(Finding::new(
            &NO_HEARTBEAT,
            SubjectKind::Cluster,
            &cluster,
            "No network carries cluster traffic: give one network the private or mixed role.".into(),
        ));
    } else if scenario.networks.iter().filter(|n| n.role.carries_heartbeat()).count() == 1 {
        let only = scenario.networks.iter().find(|n| n.role.carries_heartbeat()).map_or("", |n| n.name.as_str());
        findings.push(Finding::new(
            &SINGLE_HEARTBEAT,
            SubjectKind::Cluster,
            &cluster,
            format!(
                "Only {} carries the heartbeat: give the cluster a second path (a private network, and the public one \
                 set to mixed).",
                crate::scenario::quote(only)
            ),
        ));
    }
    if scenario.networks.iter().any(|n| n.role.carries_heartbeat())
        && !scenario.networks.iter().any(|n| n.role == NetworkRole::Private)
    {
        findings.push(Finding::new(
            &NO_PRIVATE,
            SubjectKind::Cluster,
            &cluster,
            "No private network: the heartbeat shares the public network, where one NIC failure can block failover."
                .into(),
        ));
    }
    for (n, network) in scenario.networks.iter().enumerate() {
        let network_id = NetworkId(n as u32);
        for node in design.node_ids() {
            if !design.has_nic(node, network_id) {
                findings.push(Finding::new(
                    &MISSING_NIC,
                    SubjectKind::Node,
                    design.node_name(node),
                    format!("{} has no NIC on {}.", design.node_name(node), network.name),
                ));
            }
        }
    }
    for node in &scenario.nodes {
        for nic in node.nics.iter().filter(|nic| nic.dhcp) {
            findings.push(Finding::new(
                &DHCP,
                SubjectKind::Node,
                &node.name,
                format!("{}'s NIC on {} uses DHCP: give it a static address.", node.name, nic.network),
            ));
        }
    }
    if let Some(network) = design.cluster_network
        && !scenario.networks[network.index()].role.carries_clients()
    {
        findings.push(Finding::new(
            &IP_ON_PRIVATE,
            SubjectKind::Cluster,
            &cluster,
            format!(
                "The cluster IP address is on {}, a private network clients cannot reach.",
                design.network_name(network)
            ),
        ));
    }
    for group in design.group_ids() {
        for (r, resource) in design.group(group).resources.iter().enumerate() {
            if let Some(network) = resource.network
                && !scenario.networks[network.index()].role.carries_clients()
            {
                let path = design.resource_path(ResourceId { group, index: r as u32 });
                findings.push(Finding::new(
                    &IP_ON_PRIVATE,
                    SubjectKind::Resource,
                    &path,
                    format!("{path} is on {}, a private network clients cannot reach.", design.network_name(network)),
                ));
            }
        }
    }
}
