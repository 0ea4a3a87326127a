//! The 2003 rules (docs/domain.md, "Exchange 2003 clusters") as findings: each with a stable id, a
//! severity, the subject it concerns, a sentence a user understands, and its source. A broken design is
//! data: `validate` returns every finding at once and never fails.

mod configuration;
mod resources;
mod topology;

use schemars::JsonSchema;
use serde::Serialize;

use super::design::Design;
use super::ips;
use crate::finding::{Finding, rules};

rules! {
    WINDOWS_NOT_CLUSTERABLE = "edition.windows-not-clusterable", Error, EDITIONS, "Windows Server 2003 Standard and Windows 2000 Server cannot run a cluster.";
    EXCHANGE_NOT_CLUSTERABLE = "edition.exchange-not-clusterable", Error, EDITIONS, "Exchange Server 2003 Standard Edition cannot be clustered.";
    NO_NODES = "nodes.none", Error, CONFIGURATIONS, "A cluster has 1 to 8 nodes.";
    TOO_MANY_NODES = "nodes.too-many", Error, EDITIONS, "The Windows edition limits the node count (8, 4 or 2).";
    SINGLE_NODE = "nodes.single", Warning, CONFIGURATIONS, "A one-node cluster has nowhere to fail over to.";
    NETBIOS_NAME = "names.netbios", Error, NETBIOS_NAMES, "Node, cluster and EVS names are NetBIOS names: 1 to 15 characters, none of \\/:*?\"<>| or spaces.";
    DUPLICATE_NAME = "names.duplicate", Error, NETBIOS_NAMES, "Every node, EVS, the cluster and each front-end server need a network name of their own.";
    NO_HEARTBEAT = "network.no-heartbeat", Error, NETWORKS, "At least one network must carry cluster traffic (private or mixed).";
    SINGLE_HEARTBEAT = "network.single-heartbeat", Error, HEARTBEAT_NETWORKS, "At least two networks must carry the heartbeat (the private one, and the public one set to all communications): a cluster with one is unsupported, one failure splits it.";
    NO_PRIVATE = "network.no-private", Warning, NETWORKS, "Use a private network for cluster traffic; with only a public network a NIC failure can block failover or fail the cluster.";
    IP_ON_PRIVATE = "network.ip-on-private", Error, NETWORKS, "Clients cannot reach an IP address on a private (cluster-only) network.";
    MISSING_NIC = "node.missing-nic", Warning, NETWORKS, "Every node needs a NIC on every cluster network (2 static IPs per node: public and private).";
    DHCP = "ip.dhcp", Error, IP_ADDRESSES, "Cluster nodes need static addresses: DHCP can fail the whole cluster.";
    MINIMUM_RESOURCES = "evs.minimum-resources", Error, CLUSTER_GUIDE, "An EVS needs an IP Address, a Network Name, a Physical Disk and the System Attendant.";
    DISK_SHARED = "disk.shared", Error, SHARED_NOTHING, "A disk belongs to one group: shared-nothing, one owner at a time.";
    QUORUM_DISK_SHARED = "quorum.disk-shared", Error, CLUSTER_GROUP, "The quorum disk holds nothing else and no EVS uses it.";
    QUORUM_NO_RAID = "quorum.no-raid", Warning, QUORUM, "The quorum disk is a single point of failure: put it on RAID.";
    QUORUM_WINDOWS_2000 = "quorum.windows-2000", Error, QUORUM, "Windows 2000 has only the standard quorum (a shared quorum disk); Majority Node Set needs Windows Server 2003.";
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
    FAILOVER_THRESHOLD = "failover.threshold-above-nodes", Info, FAILOVER_GUIDANCE, "Windows Server 2003's guidance keeps a group's failover threshold no higher than the node count (the default, 10, is higher in any cluster of fewer than 10 nodes).";
    FAILBACK_NO_PREFERRED = "failback.no-preferred-owner", Warning, FAILOVER_POLICY, "Failback needs a preferred owner to fail back to.";
    FAILBACK_HOURS = "failback.window-hours", Error, FAILOVER_POLICY, "Failback window hours run from 0 to 23.";
    PENDING_TIMEOUT = "timing.pending-timeout", Error, FAILOVER_POLICY, "A resource that takes longer to come online than its pending timeout never comes online: the cluster fails it.";
    NO_POSSIBLE_NODE = "owners.no-possible-node", Error, FAILOVER_POLICY, "Some node must be a possible owner of every resource of a group.";
    PREFERRED_NOT_POSSIBLE = "owners.preferred-not-possible", Warning, FAILOVER_POLICY, "A preferred owner that is not a possible owner of every resource is skipped.";
    NOT_PLACED = "placement.not-placed", Error, PREFERRED_OWNERS, "Every group must be able to run on the healthy cluster.";
    OWNER_MOVED = "placement.owner-moved", Warning, PREFERRED_OWNERS, "The owner the design gives a group must be able to run it.";
    NOT_ON_PREFERRED = "state.not-on-preferred-owner", Info, PREFERRED_OWNERS, "After a failover a group stays where it failed over to (failback is off by default): once its preferred owner is back, move it there in a quiet hour (Move Group).";
    + [ips::SUBNET_TOO_SMALL, ips::SUBNETS_OVERLAP]
}

/// Every finding about a design, errors first, then in rule order.
pub fn validate(design: &Design) -> Vec<Finding> {
    let mut findings = Vec::new();
    let checks: &[fn(&Design, &mut Vec<Finding>)] = &[
        topology::editions_and_nodes,
        topology::names,
        topology::networks,
        resources::groups_and_resources,
        resources::disks_and_storage,
        configuration::configuration,
        configuration::components_and_front_ends,
        configuration::cluster_group,
        configuration::policies,
        configuration::placement,
    ];
    for check in checks {
        check(design, &mut findings);
    }
    findings.extend(ips::subnet_findings(design, &ips::scenario_subnets(design)));
    crate::finding::sort(&mut findings, RULES);
    findings
}

/// What to do now, as `events` leave the cluster (advice, not faults of the design): a group running away
/// from its preferred owner while that owner is back and could take it, and failback is off.
pub fn advice(design: &Design, events: &[super::Event]) -> Vec<Finding> {
    use super::engine::{GroupStatus, Options, Simulation};
    let mut simulation = Simulation::quiet(design, Options::default());
    for &event in events {
        let _ = simulation.apply(event);
    }
    let mut findings = Vec::new();
    for group in design.group_ids() {
        let spec = &design.scenario.groups[group.index()];
        let (Some(preferred), GroupStatus::Online(node)) = (
            spec.preferred_owners.first().and_then(|n| design.node_id(n)),
            simulation.state().groups[group.index()].status,
        ) else {
            continue;
        };
        let takes_it = preferred != node && simulation.clone().apply(super::Event::Move(group, preferred)).is_ok();
        if takes_it && spec.failback == super::model::Failback::Never {
            let message = format!(
                "{} runs on {}, not its preferred owner {}, which is back and could take it; failback is off, so it stays until it is moved (Move Group, in a quiet hour).",
                spec.name,
                design.node_name(node),
                design.node_name(preferred)
            );
            findings.push(Finding::new(&NOT_ON_PREFERRED, crate::finding::SubjectKind::Group, &spec.name, message));
        }
    }
    findings
}

fn cluster_subject(design: &Design) -> String {
    design.scenario.cluster_name.clone()
}

/// The configuration in words: active/passive or active/active, and how many of each; or why it is
/// neither (more EVS than the configurations allow, the `config.too-many-evs` finding).
pub fn mode(design: &Design) -> (Mode, String) {
    let nodes = design.node_count();
    let evs = design.scenario.groups.len();
    if evs == 0 {
        return (Mode::Empty, "No EVS yet: add an Exchange Virtual Server.".into());
    }
    if nodes > 2 && (evs >= nodes || evs > 7) {
        let why = if evs > 7 {
            "; an active/passive cluster runs at most 7"
        } else {
            " leave no passive node to fail over to"
        };
        return (Mode::Unsupported, format!("Not supported: {evs} EVS on {nodes} nodes{why}."));
    }
    if (1..=2).contains(&nodes) && evs > 2 {
        return (
            Mode::Unsupported,
            format!("Not supported: {evs} EVS on {nodes} nodes; a two-node cluster runs at most 2."),
        );
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    Empty,
    ActivePassive,
    ActiveActive,
    /// Too many EVS for either configuration: no passive node left, more than 7 EVS, or more than 2 on two
    /// nodes.
    Unsupported,
}
