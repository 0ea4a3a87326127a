//! Active/passive or active/active, components and front-end servers, the Cluster Group and MSDTC, failover
//! and failback policies, and whether every group starts on the healthy cluster.

use super::*;
use crate::cluster::design::{Design, GroupId, NodeId};
use crate::cluster::engine::{GroupStatus, Options, Simulation};
use crate::cluster::explain;
use crate::cluster::model::{Component, Failback, MsdtcPlacement, ServerRole};
use crate::finding::{Finding, SubjectKind};

pub(super) fn configuration(design: &Design, findings: &mut Vec<Finding>) {
    let scenario = &design.scenario;
    let cluster = cluster_subject(design);
    let nodes = scenario.nodes.len();
    let evs = scenario.groups.len();
    let (mode, text) = mode(design);
    findings.push(Finding::new(&MODE, SubjectKind::Cluster, &cluster, text));
    if mode == Mode::Unsupported && nodes > 2 {
        findings.push(Finding::new(
            &TOO_MANY_EVS,
            SubjectKind::Cluster,
            &cluster,
            format!("{evs} EVS on {nodes} nodes: an active/passive cluster runs at most 7 EVS and keeps at least one node passive."),
        ));
    } else if mode == Mode::Unsupported {
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

pub(super) fn components_and_front_ends(design: &Design, findings: &mut Vec<Finding>) {
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

pub(super) fn cluster_group(design: &Design, findings: &mut Vec<Finding>) {
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

pub(super) fn policies(design: &Design, findings: &mut Vec<Finding>) {
    // One finding for the cluster: the groups whose failover threshold is above the node count.
    let nodes = design.node_count() as u32;
    let above: Vec<String> = design
        .scenario
        .groups
        .iter()
        .filter(|g| nodes > 0 && g.failover.threshold > nodes)
        .map(|g| format!("{} ({} in {} h)", g.name, g.failover.threshold, g.failover.period_hours))
        .collect();
    if !above.is_empty() {
        findings.push(Finding::new(
            &FAILOVER_THRESHOLD,
            SubjectKind::Cluster,
            cluster_subject(design),
            format!(
                "Failover thresholds above the cluster's {nodes} nodes: {}. The guidance keeps them at {nodes} or fewer, so a group that keeps failing stops once it has tried every node.",
                above.join(", ")
            ),
        ));
    }
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
        if design.node_count() > 0 && resolved.open_nodes().is_some_and(|open| open.is_empty()) {
            findings.push(Finding::new(
                &NO_POSSIBLE_NODE,
                SubjectKind::Group,
                &spec.name,
                format!("No node is a possible owner of every resource of {}, so it can run nowhere.", spec.name),
            ));
        }
        for &node in &resolved.preferred {
            if let Some(index) = resolved.barred_by(node) {
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

pub(super) fn placement(design: &Design, findings: &mut Vec<Finding>) {
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
