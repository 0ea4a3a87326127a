//! Each EVS's resources and dependencies, the MTA, shared disks, quorum disk and storage groups.

use super::*;
use crate::cluster::design::{Dependency, Design, GroupId};
use crate::cluster::graph::DependencyGraph;
use crate::cluster::model::{Quorum, ResourceKind};
use crate::finding::{Finding, SubjectKind};

pub(super) fn groups_and_resources(design: &Design, findings: &mut Vec<Finding>) {
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
                if let Dependency::Foreign(other) = *dependency {
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

pub(super) fn disks_and_storage(design: &Design, findings: &mut Vec<Finding>) {
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
