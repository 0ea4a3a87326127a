//! Edits of a 2003 scenario that keep its references whole: adding and removing nodes, EVS, disks and
//! networks, and renaming things everywhere they are named. Each changes the scenario in place, or is
//! refused ([`crate::edit::Refused`]) and changes nothing. The app's editor is built on these.

use super::model::{
    Disk, ExchangeEdition, Failback, Group, MsdtcPlacement, Network, NetworkRole, Nic, Node, Quorum, Resource,
    ResourceKind, RestartAction, Scenario, StorageGroup, WindowsEdition,
};
use crate::edit::{Edited, Refused};

/// The kinds of named things an edit can address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thing {
    Node,
    Group,
    Network,
    Disk,
}

impl Thing {
    fn word(self) -> &'static str {
        match self {
            Thing::Node => "node",
            Thing::Group => "EVS",
            Thing::Network => "network",
            Thing::Disk => "disk",
        }
    }

    fn names(self, scenario: &Scenario) -> Vec<&str> {
        match self {
            Thing::Node => scenario.nodes.iter().map(|n| n.name.as_str()).collect(),
            Thing::Group => scenario.groups.iter().map(|g| g.name.as_str()).collect(),
            Thing::Network => scenario.networks.iter().map(|n| n.name.as_str()).collect(),
            Thing::Disk => scenario.disks.iter().map(|d| d.name.as_str()).collect(),
        }
    }
}

/// The first name `{prefix}{k}` (k from 1) not yet taken by a thing of that kind.
pub fn free_name(scenario: &Scenario, thing: Thing, prefix: &str) -> String {
    let names = thing.names(scenario);
    (1..).map(|k| format!("{prefix}{k}")).find(|name| !names.contains(&name.as_str())).expect("names run out never")
}

fn rename_in(list: &mut [String], old: &str, new: &str) {
    for name in list.iter_mut().filter(|n| *n == old) {
        *name = new.to_string();
    }
}

/// Renames a thing and every reference to it.
pub fn rename(scenario: &mut Scenario, thing: Thing, old: &str, new: &str) -> Edited {
    let new = new.trim();
    let names = thing.names(scenario);
    if !names.contains(&old) {
        return Err(Refused::Missing(format!("there is no {} named \"{old}\"", thing.word())));
    }
    if new.is_empty() {
        return Err(Refused::Invalid(format!("a {} needs a name", thing.word())));
    }
    if new != old && names.contains(&new) {
        return Err(Refused::Taken(format!("there is already a {} named \"{new}\"", thing.word())));
    }
    if thing == Thing::Group && new.contains('/') {
        return Err(Refused::Invalid("an EVS name cannot contain '/'".into()));
    }
    let s = scenario;
    match thing {
        Thing::Node => {
            for node in s.nodes.iter_mut().filter(|n| n.name == old) {
                node.name = new.to_string();
            }
            rename_in(&mut s.cluster_group.preferred_owners, old, new);
            for group in &mut s.groups {
                if group.owner.as_deref() == Some(old) {
                    group.owner = Some(new.to_string());
                }
                rename_in(&mut group.preferred_owners, old, new);
                for resource in &mut group.resources {
                    if let Some(owners) = &mut resource.possible_owners {
                        rename_in(owners, old, new);
                    }
                }
            }
            if let Some(position) = s.layout.remove(old) {
                s.layout.insert(new.to_string(), position);
            }
        }
        Thing::Group => {
            let prefix = format!("{old}/");
            for group in &mut s.groups {
                if group.name == old {
                    group.name = new.to_string();
                }
                for resource in &mut group.resources {
                    for dependency in &mut resource.depends_on {
                        if let Some(rest) = dependency.strip_prefix(&prefix) {
                            *dependency = format!("{new}/{rest}");
                        }
                    }
                }
            }
        }
        Thing::Network => {
            for network in s.networks.iter_mut().filter(|n| n.name == old) {
                network.name = new.to_string();
            }
            for nic in s.nodes.iter_mut().flat_map(|n| n.nics.iter_mut()).filter(|nic| nic.network == old) {
                nic.network = new.to_string();
            }
            if s.cluster_group.network.as_deref() == Some(old) {
                s.cluster_group.network = Some(new.to_string());
            }
            for resource in s.groups.iter_mut().flat_map(|g| g.resources.iter_mut()) {
                if resource.network.as_deref() == Some(old) {
                    resource.network = Some(new.to_string());
                }
            }
        }
        Thing::Disk => {
            for disk in s.disks.iter_mut().filter(|d| d.name == old) {
                disk.name = new.to_string();
            }
            if let Quorum::Disk { disk } = &mut s.quorum
                && disk == old
            {
                *disk = new.to_string();
            }
            for group in &mut s.groups {
                for resource in &mut group.resources {
                    if resource.disk.as_deref() == Some(old) {
                        resource.disk = Some(new.to_string());
                    }
                }
                for storage_group in &mut group.storage_groups {
                    for disk in [&mut storage_group.log_disk, &mut storage_group.database_disk] {
                        if disk == old {
                            *disk = new.to_string();
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

/// Adds a node with a NIC on every network; returns its name.
pub fn add_node(scenario: &mut Scenario) -> Edited<String> {
    let s = scenario;
    let name = free_name(s, Thing::Node, "node");
    let nics = s.networks.iter().map(|n| Nic { network: n.name.clone(), dhcp: false }).collect();
    s.nodes.push(Node { name: name.clone(), nics });
    Ok(name)
}

/// Removes a node and every reference to it.
pub fn remove_node(scenario: &mut Scenario, name: &str) -> Edited {
    if !scenario.nodes.iter().any(|n| n.name == name) {
        return Err(Refused::Missing(format!("there is no node named \"{name}\"")));
    }
    let s = scenario;
    s.nodes.retain(|n| n.name != name);
    s.cluster_group.preferred_owners.retain(|n| n != name);
    for group in &mut s.groups {
        if group.owner.as_deref() == Some(name) {
            group.owner = None;
        }
        group.preferred_owners.retain(|n| n != name);
        for resource in &mut group.resources {
            if let Some(owners) = &mut resource.possible_owners {
                owners.retain(|n| n != name);
            }
        }
    }
    s.layout.remove(name);
    Ok(())
}

/// The resources of a new EVS as Exchange 2003 setup creates them: IP Address, Network Name, the
/// disks, the System Attendant, and the resources that depend on it; the MTA only when asked.
pub fn evs_resources(network: &str, logs_disk: &str, data_disk: &str, with_mta: bool) -> Vec<Resource> {
    let resource = |name: &str, kind: ResourceKind, depends_on: &[&str]| Resource {
        name: name.into(),
        kind,
        depends_on: depends_on.iter().map(|d| d.to_string()).collect(),
        possible_owners: None,
        disk: None,
        network: None,
        restart: Default::default(),
        health: Default::default(),
    };
    let mut resources = vec![
        Resource { network: Some(network.into()), ..resource("IP Address", ResourceKind::IpAddress, &[]) },
        resource("Network Name", ResourceKind::NetworkName, &["IP Address"]),
        Resource { disk: Some(logs_disk.into()), ..resource("Logs Disk", ResourceKind::PhysicalDisk, &[]) },
        Resource { disk: Some(data_disk.into()), ..resource("Data Disk", ResourceKind::PhysicalDisk, &[]) },
        resource("System Attendant", ResourceKind::SystemAttendant, &["Network Name", "Logs Disk", "Data Disk"]),
        resource("Store", ResourceKind::Store, &["System Attendant"]),
        resource("SMTP", ResourceKind::Smtp, &["System Attendant"]),
        resource("HTTP", ResourceKind::Http, &["System Attendant"]),
        resource("MS Search", ResourceKind::MsSearch, &["System Attendant"]),
        resource("Routing", ResourceKind::Routing, &["System Attendant"]),
    ];
    if with_mta {
        resources.push(resource("MTA", ResourceKind::Mta, &["System Attendant"]));
    }
    resources
}

/// A new EVS named `name` with its two disks (logs, data), one storage group, and the standard resources.
pub fn evs(name: &str, network: &str, with_mta: bool) -> (Group, [Disk; 2]) {
    let (logs, data) = (format!("{name}-logs"), format!("{name}-data"));
    let group = Group {
        name: name.into(),
        role: Default::default(),
        owner: None,
        preferred_owners: Vec::new(),
        failover: Default::default(),
        failback: Default::default(),
        resources: evs_resources(network, &logs, &data, with_mta),
        storage_groups: vec![StorageGroup {
            name: "SG1".into(),
            stores: 2,
            log_disk: logs.clone(),
            database_disk: data.clone(),
        }],
        mapi_users: 0,
        store_cpu_percent: None,
        components: Vec::new(),
    };
    (group, [Disk { name: logs, raid: true }, Disk { name: data, raid: true }])
}

/// Adds an EVS with its disks; it prefers the first node no other EVS prefers first. Returns its name.
pub fn add_group(scenario: &mut Scenario) -> Edited<String> {
    let network = scenario
        .networks
        .iter()
        .find(|n| n.role.carries_clients())
        .ok_or_else(|| {
            Refused::Missing("add a public or mixed network first: an EVS needs an IP address clients can reach".into())
        })?
        .name
        .clone();
    let s = scenario;
    let name = free_name(s, Thing::Group, "EVS");
    let with_mta = !s.groups.iter().flat_map(|g| &g.resources).any(|r| r.kind == ResourceKind::Mta);
    let (mut group, disks) = evs(&name, &network, with_mta);
    if let Some(taken) = disks.iter().find(|disk| s.disks.iter().any(|d| d.name == disk.name)) {
        return Err(Refused::Taken(format!("a disk named \"{}\" exists already: rename it first", taken.name)));
    }
    s.disks.extend(disks);
    let taken: Vec<&str> = s.groups.iter().filter_map(|g| g.preferred_owners.first().map(String::as_str)).collect();
    if let Some(node) = s.nodes.iter().find(|n| !taken.contains(&n.name.as_str())) {
        group.preferred_owners = vec![node.name.clone()];
    }
    s.groups.push(group);
    Ok(name)
}

/// Removes an EVS, and the disks that only it used.
pub fn remove_group(scenario: &mut Scenario, name: &str) -> Edited {
    let index = scenario
        .groups
        .iter()
        .position(|g| g.name == name)
        .ok_or_else(|| Refused::Missing(format!("there is no EVS named \"{name}\"")))?;
    let s = scenario;
    let group = s.groups.remove(index);
    let prefix = format!("{name}/");
    for resource in s.groups.iter_mut().flat_map(|g| g.resources.iter_mut()) {
        resource.depends_on.retain(|d| !d.starts_with(&prefix));
    }
    let own: Vec<String> = group
        .resources
        .iter()
        .filter_map(|r| r.disk.clone())
        .chain(group.storage_groups.iter().flat_map(|sg| [sg.log_disk.clone(), sg.database_disk.clone()]))
        .collect();
    let unused: Vec<String> = own.into_iter().filter(|d| disk_users(s, d).next().is_none()).collect();
    s.disks.retain(|d| !unused.contains(&d.name));
    Ok(())
}

/// Where a disk is used: the quorum, resources, storage groups.
fn disk_users<'s>(scenario: &'s Scenario, disk: &'s str) -> impl Iterator<Item = String> + 's {
    let quorum = matches!(&scenario.quorum, Quorum::Disk { disk: q } if q == disk).then(|| "the quorum".to_string());
    let resources = scenario.groups.iter().flat_map(move |g| {
        g.resources
            .iter()
            .filter(move |r| r.disk.as_deref() == Some(disk))
            .map(move |r| format!("{}/{}", g.name, r.name))
    });
    let storage = scenario.groups.iter().flat_map(move |g| {
        g.storage_groups
            .iter()
            .filter(move |sg| sg.log_disk == disk || sg.database_disk == disk)
            .map(move |sg| format!("{}/{}", g.name, sg.name))
    });
    quorum.into_iter().chain(resources).chain(storage)
}

/// Adds a shared disk; returns its name.
pub fn add_disk(scenario: &mut Scenario) -> Edited<String> {
    let name = free_name(scenario, Thing::Disk, "disk");
    scenario.disks.push(Disk { name: name.clone(), raid: true });
    Ok(name)
}

/// Removes a disk nothing uses.
pub fn remove_disk(scenario: &mut Scenario, name: &str) -> Edited {
    if !scenario.disks.iter().any(|d| d.name == name) {
        return Err(Refused::Missing(format!("there is no disk named \"{name}\"")));
    }
    let users: Vec<String> = disk_users(scenario, name).collect();
    if !users.is_empty() {
        return Err(Refused::InUse(format!("disk {name} is used by {}: change those first", users.join(", "))));
    }
    scenario.disks.retain(|d| d.name != name);
    Ok(())
}

/// Adds a network with a NIC on every node; returns its name.
pub fn add_network(scenario: &mut Scenario, role: NetworkRole) -> Edited<String> {
    let s = scenario;
    let name = free_name(s, Thing::Network, "network");
    s.networks.push(Network { name: name.clone(), role, subnet: None });
    for node in &mut s.nodes {
        node.nics.push(Nic { network: name.clone(), dhcp: false });
    }
    Ok(name)
}

/// Removes a network no IP address uses, and the NICs on it.
pub fn remove_network(scenario: &mut Scenario, name: &str) -> Edited {
    if !scenario.networks.iter().any(|n| n.name == name) {
        return Err(Refused::Missing(format!("there is no network named \"{name}\"")));
    }
    let users: Vec<String> = scenario
        .groups
        .iter()
        .flat_map(|g| {
            g.resources
                .iter()
                .filter(|r| r.network.as_deref() == Some(name))
                .map(move |r| format!("{}/{}", g.name, r.name))
        })
        .chain((scenario.cluster_group.network.as_deref() == Some(name)).then(|| "the cluster IP address".to_string()))
        .collect();
    if !users.is_empty() {
        return Err(Refused::InUse(format!("network {name} carries {}: move those first", users.join(", "))));
    }
    scenario.networks.retain(|n| n.name != name);
    for node in &mut scenario.nodes {
        node.nics.retain(|nic| nic.network != name);
    }
    Ok(())
}

/// A setting of the cluster or of one of its things, as the inspector edits it.
#[derive(Debug, Clone, PartialEq)]
pub enum Setting {
    /// The design's name.
    Name(String),
    ClusterName(String),
    Windows(WindowsEdition),
    Exchange(ExchangeEdition),
    Quorum(Quorum),
    Msdtc(MsdtcPlacement),
    /// The front-end servers, by name.
    FrontEnds(Vec<String>),
    /// Whether the front-end servers share a Network Load Balancing address.
    Nlb(bool),
    /// A setting of the EVS named.
    Group(String, GroupSetting),
    /// Whether the disk named is on RAID.
    Raid(String, bool),
    NetworkRole(String, NetworkRole),
    /// The subnet of the network named, or none.
    Subnet(String, Option<ipnet::Ipv4Net>),
}

/// A setting of one EVS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupSetting {
    /// The preferred owners, in order.
    PreferredOwners(Vec<String>),
    /// Never, immediately, or in a window of hours: a new window opens from 22:00 to 04:00, clusterplan's
    /// choice of a night.
    Failback(FailbackKind),
    /// The hour a failback window starts, or (with `end`) ends.
    WindowHour {
        end: bool,
        hour: u8,
    },
    FailoverThreshold(u32),
    MapiUsers(u32),
    /// The restart action of its resource at this position.
    Restart(usize, RestartAction),
    /// The stores of its storage group at this position.
    Stores(usize, u32),
    /// A storage group, named `SGk` with the first free k, on the group's first two disks.
    AddStorageGroup,
    RemoveStorageGroup(usize),
}

/// When a group fails back, without its window's hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailbackKind {
    Never,
    Immediately,
    Window,
}

/// Sets one setting; refused, changing nothing, when what it names is not there.
pub fn set(scenario: &mut Scenario, setting: Setting) -> Edited {
    match setting {
        Setting::Name(name) => scenario.name = name,
        Setting::ClusterName(name) => scenario.cluster_name = name.trim().to_string(),
        Setting::Windows(edition) => scenario.windows = edition,
        Setting::Exchange(edition) => scenario.exchange = edition,
        Setting::Quorum(quorum) => scenario.quorum = quorum,
        Setting::Msdtc(placement) => scenario.cluster_group.msdtc.placement = placement,
        Setting::FrontEnds(servers) => scenario.front_ends.servers = servers,
        Setting::Nlb(nlb) => scenario.front_ends.nlb = nlb,
        Setting::Group(name, setting) => {
            let group = scenario
                .groups
                .iter_mut()
                .find(|g| g.name == name)
                .ok_or_else(|| Refused::Missing(format!("there is no EVS named \"{name}\"")))?;
            set_in_group(group, setting)?;
        }
        Setting::Raid(name, raid) => {
            let disk = scenario
                .disks
                .iter_mut()
                .find(|d| d.name == name)
                .ok_or_else(|| Refused::Missing(format!("there is no disk named \"{name}\"")))?;
            disk.raid = raid;
        }
        Setting::NetworkRole(name, role) => network_mut(scenario, &name)?.role = role,
        Setting::Subnet(name, subnet) => network_mut(scenario, &name)?.subnet = subnet,
    }
    Ok(())
}

fn network_mut<'s>(scenario: &'s mut Scenario, name: &str) -> Edited<&'s mut Network> {
    scenario
        .networks
        .iter_mut()
        .find(|n| n.name == name)
        .ok_or_else(|| Refused::Missing(format!("there is no network named \"{name}\"")))
}

fn set_in_group(group: &mut Group, setting: GroupSetting) -> Edited {
    let missing =
        |what: &str, index: usize| Refused::Missing(format!("{} has no {what} at position {}", group.name, index + 1));
    match setting {
        GroupSetting::PreferredOwners(owners) => group.preferred_owners = owners,
        GroupSetting::Failback(FailbackKind::Never) => group.failback = Failback::Never,
        GroupSetting::Failback(FailbackKind::Immediately) => group.failback = Failback::Immediately,
        GroupSetting::Failback(FailbackKind::Window) => {
            if !matches!(group.failback, Failback::Window { .. }) {
                group.failback = Failback::Window { start_hour: 22, end_hour: 4 };
            }
        }
        GroupSetting::WindowHour { end, hour } => match &mut group.failback {
            Failback::Window { end_hour, .. } if end => *end_hour = hour,
            Failback::Window { start_hour, .. } => *start_hour = hour,
            _ => return Err(Refused::Invalid(format!("{} fails back without a window of hours", group.name))),
        },
        GroupSetting::FailoverThreshold(threshold) => group.failover.threshold = threshold,
        GroupSetting::MapiUsers(users) => group.mapi_users = users,
        GroupSetting::Restart(index, action) => {
            let missing = missing("resource", index);
            group.resources.get_mut(index).ok_or(missing)?.restart.action = action;
        }
        GroupSetting::Stores(index, stores) => {
            let missing = missing("storage group", index);
            group.storage_groups.get_mut(index).ok_or(missing)?.stores = stores;
        }
        GroupSetting::AddStorageGroup => {
            let name = (1..)
                .map(|k| format!("SG{k}"))
                .find(|n| !group.storage_groups.iter().any(|sg| &sg.name == n))
                .expect("a free name");
            let disks: Vec<String> = group.resources.iter().filter_map(|r| r.disk.clone()).collect();
            let log_disk = disks.first().cloned().unwrap_or_default();
            let database_disk = disks.get(1).cloned().unwrap_or_else(|| log_disk.clone());
            group.storage_groups.push(StorageGroup { name, stores: 1, log_disk, database_disk });
        }
        GroupSetting::RemoveStorageGroup(index) => {
            if index >= group.storage_groups.len() {
                return Err(missing("storage group", index));
            }
            group.storage_groups.remove(index);
        }
    }
    Ok(())
}
