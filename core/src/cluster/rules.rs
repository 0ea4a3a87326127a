//! The rules of DOMAIN.md §1 as findings: each with a stable id, a severity, the subject it concerns,
//! a sentence a user understands, and its source. A broken design is data: `validate` returns every
//! finding at once and never fails.

use std::collections::HashMap;

use serde::Serialize;

use super::design::{Design, GroupId, NodeId};
use super::engine::{GroupStatus, Options, Simulation};
use super::explain;
use super::graph::DependencyGraph;
use super::ips;
use super::model::{Component, Failback, MsdtcPlacement, NetworkRole, Quorum, ResourceKind, ServerRole};
use crate::finding::{Finding, SubjectKind, rules};

rules! {
    WINDOWS_NOT_CLUSTERABLE = "edition.windows-not-clusterable", Error, EDITIONS, "Windows Server 2003 Standard and Windows 2000 Server cannot run a cluster.";
    EXCHANGE_NOT_CLUSTERABLE = "edition.exchange-not-clusterable", Error, EDITIONS, "Exchange Server 2003 Standard Edition cannot be clustered.";
    NO_NODES = "nodes.none", Error, CONFIGURATIONS, "A cluster has 1 to 8 nodes.";
    TOO_MANY_NODES = "nodes.too-many", Error, EDITIONS, "The Windows edition limits the node count (8, 4 or 2).";
    SINGLE_NODE = "nodes.single", Warning, CONFIGURATIONS, "A one-node cluster has nowhere to fail over to.";
    NETBIOS_NAME = "names.netbios", Error, NETBIOS_NAMES, "Node, cluster and EVS names are NetBIOS names: 1 to 15 characters, none of \\/:*?\"<>| or spaces.";
    DUPLICATE_NAME = "names.duplicate", Error, NETBIOS_NAMES, "Every node, EVS, the cluster and each front-end server need a network name of their own.";
    NO_HEARTBEAT = "network.no-heartbeat", Error, NETWORKS, "At least one network must carry cluster traffic (private or mixed).";
    NO_PRIVATE = "network.no-private", Warning, NETWORKS, "Use a private network for cluster traffic; with only a public network a NIC failure can block failover or fail the cluster.";
    IP_ON_PRIVATE = "network.ip-on-private", Error, NETWORKS, "Clients cannot reach an IP address on a private (cluster-only) network.";
    MISSING_NIC = "node.missing-nic", Warning, NETWORKS, "Every node needs a NIC on every cluster network (2 static IPs per node: public and private).";
    DHCP = "ip.dhcp", Error, IP_ADDRESSES, "Cluster nodes need static addresses: DHCP can fail the whole cluster.";
    MINIMUM_RESOURCES = "evs.minimum-resources", Error, CLUSTER_GUIDE, "An EVS needs an IP Address, a Network Name, a Physical Disk and the System Attendant.";
    DISK_SHARED = "disk.shared", Error, SHARED_NOTHING, "A disk belongs to one group: shared-nothing, one owner at a time.";
    QUORUM_DISK_SHARED = "quorum.disk-shared", Error, CLUSTER_GROUP, "The quorum disk holds nothing else and no EVS uses it.";
    QUORUM_NO_RAID = "quorum.no-raid", Warning, QUORUM, "The quorum disk is a single point of failure: put it on RAID.";
    QUORUM_MAJORITY = "quorum.majority", Info, QUORUM, "A Majority Node Set cluster runs while floor(n/2)+1 of its n nodes are up and in contact.";
    QUORUM_MAJORITY_FRAGILE = "quorum.majority-fragile", Warning, QUORUM, "A Majority Node Set of two nodes stops when either fails.";
    LOGS_WITH_DATABASES = "storage.logs-with-databases", Warning, CLUSTER_GUIDE, "Put transaction logs and databases on separate physical disks.";
    STORAGE_DISK_NOT_IN_GROUP = "storage.disk-not-in-group", Error, SHARED_NOTHING, "A storage group's disks must be Physical Disk resources of its own EVS.";
    TOO_MANY_STORAGE_GROUPS = "storage.too-many-groups", Error, STORAGE_GROUPS, "A server mounts at most 4 storage groups.";
    TOO_MANY_STORES = "storage.too-many-stores", Error, STORAGE_GROUPS, "A storage group holds at most 5 stores.";
    DEPENDENCY_CYCLE = "dependency.cycle", Error, DEPENDENCIES, "Resource dependencies must not form a cycle.";
    DEPENDENCY_MISSING = "dependency.missing", Error, DEPENDENCIES, "Network Name needs IP Address; System Attendant needs Network Name and every disk; the Exchange resources need System Attendant.";
    DEPENDENCY_OTHER_GROUP = "dependency.other-group", Error, DEPENDENCIES, "A resource can depend only on resources of its own group.";
    MTA_MORE_THAN_ONE = "mta.more-than-one", Error, MTA, "A cluster has one MTA instance, created on the first EVS.";
    MTA_MISSING = "mta.missing", Warning, MTA, "The first EVS carries the cluster's MTA instance; every other EVS relies on it.";
    MODE = "config.mode", Info, CONFIGURATIONS, "Active/passive (recommended) or active/active (two nodes only).";
    TOO_MANY_EVS = "config.too-many-evs", Error, CONFIGURATIONS, "Active/passive: at most 7 EVS and at least one passive node; two-node clusters run at most 2 EVS.";
    ACTIVE_ACTIVE = "config.active-active", Warning, CONFIGURATIONS, "Active/active is strongly discouraged; use active/passive.";
    AA_MAPI_USERS = "active-active.mapi-users", Error, ACTIVE_ACTIVE, "Active/active: at most 1,900 concurrent MAPI users per node.";
    AA_STORE_CPU = "active-active.store-cpu", Error, ACTIVE_ACTIVE, "Active/active: store.exe may average at most 40 % CPU per node.";
    AA_STORAGE_GROUPS = "active-active.storage-groups", Error, ACTIVE_ACTIVE, "Active/active: at most 4 storage groups in the whole cluster, so one node can mount them all after a failover.";
    UNSUPPORTED_COMPONENT = "component.unsupported", Error, UNSUPPORTED_COMPONENTS, "ADC, Calendar Connector, Notes and GroupWise connectors, Event service and SRS are not supported in a cluster.";
    NNTP = "component.nntp", Warning, UNSUPPORTED_COMPONENTS, "NNTP must be installed for setup but does not work in a cluster.";
    FRONT_END_CLUSTERED = "front-end.clustered", Error, FRONT_END, "Front-end servers are never clustered.";
    FRONT_END_NO_NLB = "front-end.no-nlb", Warning, FRONT_END, "Use several front-end servers behind Network Load Balancing.";
    MSDTC_MISSING = "msdtc.missing", Warning, CLUSTER_GROUP, "MSDTC is recommended in the default Cluster Group.";
    MSDTC_OWN_GROUP = "msdtc.own-group", Info, CLUSTER_GROUP, "MSDTC in a group of its own costs one more IP address and name.";
    MSDTC_AFFECTS_GROUP = "msdtc.affect-the-group", Warning, CLUSTER_GROUP, "Leave \"Affect the group\" unchecked on MSDTC.";
    MSDTC_NETWORK_ACCESS = "msdtc.network-access", Warning, CLUSTER_GROUP, "Leave network DTC access off.";
    FAILBACK_NO_PREFERRED = "failback.no-preferred-owner", Warning, FAILOVER_POLICY, "Failback needs a preferred owner to fail back to.";
    FAILBACK_HOURS = "failback.window-hours", Error, FAILOVER_POLICY, "Failback window hours run from 0 to 23.";
    PENDING_TIMEOUT = "timing.pending-timeout", Error, FAILOVER_POLICY, "A resource that takes longer to come online than its pending timeout never comes online: the cluster fails it.";
    NO_POSSIBLE_NODE = "owners.no-possible-node", Error, FAILOVER_POLICY, "Some node must be a possible owner of every resource of a group.";
    PREFERRED_NOT_POSSIBLE = "owners.preferred-not-possible", Warning, FAILOVER_POLICY, "A preferred owner that is not a possible owner of every resource is skipped.";
    NOT_PLACED = "placement.not-placed", Error, PREFERRED_OWNERS, "Every group must be able to run on the healthy cluster.";
    OWNER_MOVED = "placement.owner-moved", Warning, PREFERRED_OWNERS, "The owner the design gives a group must be able to run it.";
    + [ips::SUBNET_TOO_SMALL, ips::SUBNETS_OVERLAP]
}

/// Every finding about a design, errors first, then in rule order.
pub fn validate(design: &Design) -> Vec<Finding> {
    let mut findings = Vec::new();
    let checks: &[fn(&Design, &mut Vec<Finding>)] = &[
        editions_and_nodes,
        names,
        networks,
        groups_and_resources,
        disks_and_storage,
        configuration,
        components_and_front_ends,
        cluster_group,
        policies,
        placement,
    ];
    for check in checks {
        check(design, &mut findings);
    }
    findings.extend(ips::subnet_findings(design, &ips::scenario_subnets(design)));
    crate::finding::sort(&mut findings, RULES);
    findings
}

fn cluster_subject(design: &Design) -> String {
    design.scenario.cluster_name.clone()
}

fn editions_and_nodes(design: &Design, findings: &mut Vec<Finding>) {
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
    if scenario.exchange == super::model::ExchangeEdition::Exchange2003Standard {
        findings.push(Finding::new(
            &EXCHANGE_NOT_CLUSTERABLE,
            SubjectKind::Cluster,
            &cluster,
            "Exchange Server 2003 Standard Edition cannot be clustered: use Enterprise Edition.".into(),
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

fn names(design: &Design, findings: &mut Vec<Finding>) {
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

fn networks(design: &Design, findings: &mut Vec<Finding>) {
    let scenario = &design.scenario;
    let cluster = cluster_subject(design);
    if !scenario.networks.iter().any(|n| n.role.carries_heartbeat()) {
        findings.push(Finding::new(
            &NO_HEARTBEAT,
            SubjectKind::Cluster,
            &cluster,
            "No network carries cluster traffic: give one network the private or mixed role.".into(),
        ));
    } else if !scenario.networks.iter().any(|n| n.role == NetworkRole::Private) {
        findings.push(Finding::new(
            &NO_PRIVATE,
            SubjectKind::Cluster,
            &cluster,
            "No private network: the heartbeat shares the public network, where one NIC failure can block failover."
                .into(),
        ));
    }
    for (n, network) in scenario.networks.iter().enumerate() {
        let network_id = super::design::NetworkId(n as u32);
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
                let path = design.resource_path(super::design::ResourceId { group, index: r as u32 });
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

fn groups_and_resources(design: &Design, findings: &mut Vec<Finding>) {
    let scenario = &design.scenario;
    let mut mtas = Vec::new();
    for group in design.group_ids() {
        let spec = &scenario.groups[group.index()];
        let name = &spec.name;
        let kinds: Vec<ResourceKind> = spec.resources.iter().map(|r| r.kind).collect();
        let missing: Vec<&str> = [
            ResourceKind::IpAddress,
            ResourceKind::NetworkName,
            ResourceKind::PhysicalDisk,
            ResourceKind::SystemAttendant,
        ]
        .into_iter()
        .filter(|kind| !kinds.contains(kind))
        .map(|kind| kind.title())
        .collect();
        if !missing.is_empty() {
            findings.push(Finding::new(
                &MINIMUM_RESOURCES,
                SubjectKind::Group,
                name,
                format!("{name} has no {}: an EVS needs at least an IP Address, a Network Name, a Physical Disk and the System Attendant.", missing.join(", no ")),
            ));
        }
        for (r, resource) in spec.resources.iter().enumerate() {
            if resource.kind == ResourceKind::Mta {
                mtas.push(format!("{name}/{}", resource.name));
            }
            for dependency in &design.group(group).resources[r].depends_on {
                if let super::design::Dependency::Foreign(other) = *dependency {
                    findings.push(Finding::new(
                        &DEPENDENCY_OTHER_GROUP,
                        SubjectKind::Resource,
                        format!("{name}/{}", resource.name),
                        format!(
                            "{name}/{} depends on {}, a resource of another group: dependencies stay inside a group.",
                            resource.name,
                            design.resource_path(other)
                        ),
                    ));
                }
            }
        }
        dependencies(design, group, findings);
    }
    if mtas.len() > 1 {
        for mta in &mtas[1..] {
            findings.push(Finding::new(
                &MTA_MORE_THAN_ONE,
                SubjectKind::Resource,
                mta,
                format!("{mta} is a second MTA instance: the cluster has one, on {}.", mtas[0]),
            ));
        }
    } else if mtas.is_empty() && !scenario.groups.is_empty() {
        let first = &scenario.groups[0].name;
        findings.push(Finding::new(
            &MTA_MISSING,
            SubjectKind::Group,
            first,
            format!("No EVS has an MTA instance: the first EVS ({first}) carries the cluster's MTA."),
        ));
    }
}

fn dependencies(design: &Design, group: GroupId, findings: &mut Vec<Finding>) {
    let spec = &design.scenario.groups[group.index()];
    let graph = DependencyGraph::new(design, group);
    let resource_name = |i: u32| spec.resources[i as usize].name.as_str();
    for cycle in graph.cycles() {
        let names: Vec<&str> = cycle.iter().map(|&i| resource_name(i)).collect();
        findings.push(Finding::new(
            &DEPENDENCY_CYCLE,
            SubjectKind::Group,
            &spec.name,
            format!("In {}, {} depend on each other in a cycle, so none can come online.", spec.name, names.join(", ")),
        ));
    }
    let of_kind = |kind: ResourceKind| -> Vec<u32> {
        spec.resources.iter().enumerate().filter(|(_, r)| r.kind == kind).map(|(i, _)| i as u32).collect()
    };
    let ips = of_kind(ResourceKind::IpAddress);
    let names = of_kind(ResourceKind::NetworkName);
    let disks = of_kind(ResourceKind::PhysicalDisk);
    let attendants = of_kind(ResourceKind::SystemAttendant);
    let mut missing = |dependent: u32, needs: &[u32], what: &str| {
        if !needs.is_empty() && !needs.iter().any(|&n| graph.depends_directly(dependent, n)) {
            let path = format!("{}/{}", spec.name, resource_name(dependent));
            findings.push(Finding::new(
                &DEPENDENCY_MISSING,
                SubjectKind::Resource,
                &path,
                format!("{path} must depend on {what}."),
            ));
        }
    };
    for &name in &names {
        missing(name, &ips, "the group's IP Address");
    }
    for &attendant in &attendants {
        missing(attendant, &names, "the group's Network Name");
        for &disk in &disks {
            missing(attendant, &[disk], &format!("the Physical Disk {}", resource_name(disk)));
        }
    }
    for (i, resource) in spec.resources.iter().enumerate() {
        if resource.kind.depends_on_system_attendant() {
            missing(i as u32, &attendants, "the System Attendant");
        }
    }
}

fn disks_and_storage(design: &Design, findings: &mut Vec<Finding>) {
    let scenario = &design.scenario;
    let mut disk_users: Vec<Vec<&str>> = vec![Vec::new(); scenario.disks.len()];
    for group in design.group_ids() {
        let name = design.group_name(group);
        for resource in &design.group(group).resources {
            if let Some(disk) = resource.disk
                && !disk_users[disk.index()].contains(&name)
            {
                disk_users[disk.index()].push(name);
            }
        }
    }
    for (d, users) in disk_users.iter().enumerate() {
        let disk = &scenario.disks[d].name;
        if design.quorum_disk.map(|q| q.index()) == Some(d) {
            for user in users {
                findings.push(Finding::new(
                    &QUORUM_DISK_SHARED,
                    SubjectKind::Disk,
                    disk,
                    format!("{user} uses the quorum disk {disk}: the quorum volume holds nothing else."),
                ));
            }
        } else if users.len() > 1 {
            findings.push(Finding::new(
                &DISK_SHARED,
                SubjectKind::Disk,
                disk,
                format!("Disk {disk} is used by {}: a disk belongs to exactly one group.", users.join(" and ")),
            ));
        }
    }
    if let Some(quorum) = design.quorum_disk
        && !scenario.disks[quorum.index()].raid
    {
        let disk = &scenario.disks[quorum.index()].name;
        findings.push(Finding::new(
            &QUORUM_NO_RAID,
            SubjectKind::Disk,
            disk,
            format!("The quorum disk {disk} is not on RAID: it is a single point of failure for the whole cluster."),
        ));
    }
    let nodes = scenario.nodes.len();
    if scenario.quorum == Quorum::MajorityNodeSet && nodes > 0 {
        let needed = nodes / 2 + 1;
        let cluster = cluster_subject(design);
        findings.push(Finding::new(
            &QUORUM_MAJORITY,
            SubjectKind::Cluster,
            &cluster,
            format!("Majority node set: the cluster runs while {needed} of its {nodes} nodes are up and in contact; it survives {} node failures.", nodes - needed),
        ));
        if nodes == 2 {
            findings.push(Finding::new(
                &QUORUM_MAJORITY_FRAGILE,
                SubjectKind::Cluster,
                &cluster,
                "A two-node majority node set needs both nodes: either failure stops the cluster.".into(),
            ));
        }
    }
    for group in design.group_ids() {
        let spec = &scenario.groups[group.index()];
        let own_disks: Vec<&str> =
            design.group(group).resources.iter().filter_map(|r| r.disk.map(|d| design.disk_name(d))).collect();
        if spec.storage_groups.len() > 4 {
            findings.push(Finding::new(
                &TOO_MANY_STORAGE_GROUPS,
                SubjectKind::Group,
                &spec.name,
                format!("{} has {} storage groups: a server mounts at most 4.", spec.name, spec.storage_groups.len()),
            ));
        }
        for storage_group in &spec.storage_groups {
            let subject = format!("{}/{}", spec.name, storage_group.name);
            if storage_group.stores > 5 {
                findings.push(Finding::new(
                    &TOO_MANY_STORES,
                    SubjectKind::StorageGroup,
                    &subject,
                    format!("{subject} has {} stores: a storage group holds at most 5.", storage_group.stores),
                ));
            }
            if storage_group.log_disk == storage_group.database_disk {
                findings.push(Finding::new(
                    &LOGS_WITH_DATABASES,
                    SubjectKind::StorageGroup,
                    &subject,
                    format!(
                        "{subject} keeps logs and databases on {}: put them on separate physical disks.",
                        storage_group.log_disk
                    ),
                ));
            }
            for disk in [&storage_group.log_disk, &storage_group.database_disk] {
                if !own_disks.contains(&disk.as_str()) {
                    findings.push(Finding::new(
                        &STORAGE_DISK_NOT_IN_GROUP,
                        SubjectKind::StorageGroup,
                        &subject,
                        format!("{subject} uses disk {disk}, which is not a Physical Disk resource of {}.", spec.name),
                    ));
                }
            }
        }
    }
}

/// The configuration in words: active/passive or active/active, and how many of each.
pub fn mode(design: &Design) -> (Mode, String) {
    let nodes = design.node_count();
    let evs = design.scenario.groups.len();
    if evs == 0 {
        return (Mode::Empty, "No EVS yet: add an Exchange Virtual Server.".into());
    }
    if nodes == 2 && evs == 2 {
        return (
            Mode::ActiveActive,
            "Active/active: both nodes run an EVS; after a failover one node runs both.".into(),
        );
    }
    let passive = nodes.saturating_sub(evs);
    (
        Mode::ActivePassive,
        format!(
            "Active/passive: {} active, {passive} passive node{}.",
            evs.min(nodes),
            if passive == 1 { "" } else { "s" }
        ),
    )
}

/// The two configurations of an Exchange 2003 cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    Empty,
    ActivePassive,
    ActiveActive,
}

fn configuration(design: &Design, findings: &mut Vec<Finding>) {
    let scenario = &design.scenario;
    let cluster = cluster_subject(design);
    let nodes = scenario.nodes.len();
    let evs = scenario.groups.len();
    let (mode, text) = mode(design);
    findings.push(Finding::new(&MODE, SubjectKind::Cluster, &cluster, text));
    if nodes > 2 && (evs >= nodes || evs > 7) {
        findings.push(Finding::new(
            &TOO_MANY_EVS,
            SubjectKind::Cluster,
            &cluster,
            format!("{evs} EVS on {nodes} nodes: an active/passive cluster runs at most 7 EVS and keeps at least one node passive."),
        ));
    } else if nodes <= 2 && nodes > 0 && evs > 2 {
        findings.push(Finding::new(
            &TOO_MANY_EVS,
            SubjectKind::Cluster,
            &cluster,
            format!("{evs} EVS on {nodes} nodes: a two-node cluster runs at most 2 EVS."),
        ));
    }
    if mode != Mode::ActiveActive {
        return;
    }
    findings.push(Finding::new(
        &ACTIVE_ACTIVE,
        SubjectKind::Cluster,
        &cluster,
        "Active/active is strongly discouraged: after a failover one node carries both EVS. Prefer active/passive."
            .into(),
    ));
    let mut storage_groups = 0;
    for spec in &scenario.groups {
        storage_groups += spec.storage_groups.len();
        if spec.mapi_users > 1900 {
            findings.push(Finding::new(
                &AA_MAPI_USERS,
                SubjectKind::Group,
                &spec.name,
                format!(
                    "{} serves {} concurrent MAPI users: active/active allows at most 1,900 per node.",
                    spec.name, spec.mapi_users
                ),
            ));
        }
        if let Some(cpu) = spec.store_cpu_percent
            && cpu > 40
        {
            findings.push(Finding::new(
                &AA_STORE_CPU,
                SubjectKind::Group,
                &spec.name,
                format!("store.exe of {} averages {cpu} % CPU: active/active allows at most 40 %.", spec.name),
            ));
        }
    }
    if storage_groups > 4 {
        findings.push(Finding::new(
            &AA_STORAGE_GROUPS,
            SubjectKind::Cluster,
            &cluster,
            format!("{storage_groups} storage groups in the cluster: active/active allows 4, so that one node can mount them all after a failover."),
        ));
    }
}

fn components_and_front_ends(design: &Design, findings: &mut Vec<Finding>) {
    let scenario = &design.scenario;
    for spec in &scenario.groups {
        if spec.role == ServerRole::FrontEnd {
            findings.push(Finding::new(
                &FRONT_END_CLUSTERED,
                SubjectKind::Group,
                &spec.name,
                format!("{} is a front-end server: front-end servers are never clustered; use several behind Network Load Balancing.", spec.name),
            ));
        }
        for &component in &spec.components {
            match component {
                Component::Nntp => findings.push(Finding::new(
                    &NNTP,
                    SubjectKind::Group,
                    &spec.name,
                    format!("NNTP on {} is installed for setup only: it does not work in a cluster.", spec.name),
                )),
                Component::ActiveDirectoryConnector
                | Component::CalendarConnector
                | Component::LotusNotesConnector
                | Component::GroupwiseConnector
                | Component::ExchangeEventService
                | Component::SiteReplicationService => findings.push(Finding::new(
                    &UNSUPPORTED_COMPONENT,
                    SubjectKind::Group,
                    &spec.name,
                    format!(
                        "The {} on {} is not supported in a cluster: run it on a stand-alone server.",
                        component.title(),
                        spec.name
                    ),
                )),
                Component::SmtpConnector | Component::RoutingGroupConnector | Component::X400Connector => {}
            }
        }
    }
    let servers = &scenario.front_ends.servers;
    let lonely = servers.len() == 1;
    if lonely || (servers.len() > 1 && !scenario.front_ends.nlb) {
        let message = if lonely {
            format!("{} is the only front-end server: use several behind Network Load Balancing.", servers[0])
        } else {
            format!("{} front-end servers without Network Load Balancing: put them behind NLB.", servers.len())
        };
        findings.push(Finding::new(&FRONT_END_NO_NLB, SubjectKind::FrontEnd, &servers[0], message));
    }
}

fn cluster_group(design: &Design, findings: &mut Vec<Finding>) {
    let msdtc = &design.scenario.cluster_group.msdtc;
    let cluster = cluster_subject(design);
    match msdtc.placement {
        MsdtcPlacement::None => findings.push(Finding::new(
            &MSDTC_MISSING,
            SubjectKind::Cluster,
            &cluster,
            "No MSDTC resource: put one in the default Cluster Group.".into(),
        )),
        MsdtcPlacement::OwnGroup => findings.push(Finding::new(
            &MSDTC_OWN_GROUP,
            SubjectKind::Cluster,
            &cluster,
            "MSDTC has a group of its own: that costs one more static IP address and name than in the Cluster Group."
                .into(),
        )),
        MsdtcPlacement::ClusterGroup => {}
    }
    if msdtc.placement != MsdtcPlacement::None {
        if msdtc.affect_the_group {
            findings.push(Finding::new(
                &MSDTC_AFFECTS_GROUP,
                SubjectKind::Cluster,
                &cluster,
                "MSDTC has \"Affect the group\" checked: an MSDTC failure would fail the group over; uncheck it."
                    .into(),
            ));
        }
        if msdtc.network_access {
            findings.push(Finding::new(
                &MSDTC_NETWORK_ACCESS,
                SubjectKind::Cluster,
                &cluster,
                "Network DTC access is on: turn it off.".into(),
            ));
        }
    }
}

fn policies(design: &Design, findings: &mut Vec<Finding>) {
    for group in design.group_ids() {
        let spec = &design.scenario.groups[group.index()];
        let resolved = design.group(group);
        if let Some(index) = resolved.too_slow {
            let resource = &spec.resources[index as usize];
            findings.push(Finding::new(
                &PENDING_TIMEOUT,
                SubjectKind::Resource,
                format!("{}/{}", spec.name, resource.name),
                format!(
                    "{}/{} takes {} s to come online (timing of {}), longer than its pending timeout of {} s: it never comes online.",
                    spec.name,
                    resource.name,
                    crate::duration::seconds(design.scenario.timing.of(resource.kind).online_ms),
                    resource.kind.title(),
                    resource.health.pending_timeout_s
                ),
            ));
        }
        match spec.failback {
            Failback::Never => {}
            _ if resolved.preferred.is_empty() => findings.push(Finding::new(
                &FAILBACK_NO_PREFERRED,
                SubjectKind::Group,
                &spec.name,
                format!("{} has failback on but no preferred owner to fail back to.", spec.name),
            )),
            Failback::Window { start_hour, end_hour } if start_hour > 23 || end_hour > 23 => {
                findings.push(Finding::new(
                    &FAILBACK_HOURS,
                    SubjectKind::Group,
                    &spec.name,
                    format!("{}'s failback window {start_hour}–{end_hour} is not made of hours 0 to 23.", spec.name),
                ))
            }
            _ => {}
        }
        if design.node_count() > 0 && resolved.barred_by.iter().all(Option::is_some) {
            findings.push(Finding::new(
                &NO_POSSIBLE_NODE,
                SubjectKind::Group,
                &spec.name,
                format!("No node is a possible owner of every resource of {}, so it can run nowhere.", spec.name),
            ));
        }
        for &node in &resolved.preferred {
            if let Some(index) = resolved.barred_by[node.index()] {
                let path = format!("{}/{}", spec.name, spec.resources[index as usize].name);
                findings.push(Finding::new(
                    &PREFERRED_NOT_POSSIBLE,
                    SubjectKind::Group,
                    &spec.name,
                    format!(
                        "{} prefers {}, which is not a possible owner of {path}: failover skips it.",
                        spec.name,
                        design.node_name(node)
                    ),
                ));
            }
        }
    }
}

fn placement(design: &Design, findings: &mut Vec<Finding>) {
    let simulation = Simulation::new(design, Options::default());
    let state = simulation.state();
    if !state.quorum.held() {
        return;
    }
    for group in design.group_ids() {
        let spec = &design.scenario.groups[group.index()];
        let group_state = &state.groups[group.index()];
        match group_state.status {
            GroupStatus::Failed => {
                let why = explain::reason(design, group, group_state.status, &group_state.reason);
                findings.push(Finding::new(
                    &NOT_PLACED,
                    SubjectKind::Group,
                    &spec.name,
                    format!("{} cannot start on the healthy cluster: {}.", spec.name, why.text),
                ));
            }
            GroupStatus::Online(node) => {
                if let Some(owner) = design.group(group).owner
                    && owner != node
                {
                    let why = simulation_ineligibility(&simulation, group, owner)
                        .map(|text| format!(": {text}"))
                        .unwrap_or_default();
                    findings.push(Finding::new(
                        &OWNER_MOVED,
                        SubjectKind::Group,
                        &spec.name,
                        format!(
                            "{} is given owner {}, but starts on {}{why}.",
                            spec.name,
                            design.node_name(owner),
                            design.node_name(node)
                        ),
                    ));
                }
            }
            GroupStatus::Offline => {}
        }
    }
}

/// Why the design's owner of `group` could not take it when the cluster started.
fn simulation_ineligibility(simulation: &Simulation<'_>, group: GroupId, owner: NodeId) -> Option<String> {
    // The group is elsewhere now; ask as if it were not placed, which is how the start saw it.
    simulation.ineligibility(group, owner).map(|why| explain::ineligible(simulation.design(), owner, why).text)
}
