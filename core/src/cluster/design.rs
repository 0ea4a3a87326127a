//! A scenario loaded and resolved: every name turned into an id, every reference checked, with errors
//! that name the path of the offending field (`groups[2].owner: no node named "node9"`).

use std::collections::HashMap;

use super::model::{Quorum, ResourceKind, Scenario};
use crate::scenario::{LoadError, LoadErrors, id_type, index_names, parse_json, quote, version_error};

id_type!(
    /// A node: its position in `Scenario::nodes`.
    NodeId
);
id_type!(
    /// A network: its position in `Scenario::networks`.
    NetworkId
);
id_type!(
    /// A shared disk: its position in `Scenario::disks`.
    DiskId
);
id_type!(
    /// An Exchange Virtual Server group: its position in `Scenario::groups`.
    GroupId
);
id_type!(
    /// A front-end server: its position in `Scenario::front_ends.servers`.
    FrontEndId
);

/// A resource: its group and its position in the group's `resources`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ResourceId {
    pub group: GroupId,
    pub index: u32,
}

/// What a resource's `depends_on` entry points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dependency {
    /// A resource of the same group (its index there).
    Local(u32),
    /// A resource of another group: a broken design that the dependency checks report.
    Foreign(ResourceId),
}

/// A resource with its references resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedResource {
    pub depends_on: Vec<Dependency>,
    /// Sorted; `None` means every node.
    pub possible_owners: Option<Vec<NodeId>>,
    pub disk: Option<DiskId>,
    pub network: Option<NetworkId>,
}

/// An EVS group with its references resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedGroup {
    /// The node the healthy cluster starts the group on, when the design says.
    pub owner: Option<NodeId>,
    /// Preferred owners in order.
    pub preferred: Vec<NodeId>,
    /// The preferred owners sorted, to tell the other nodes from them.
    preferred_sorted: Vec<NodeId>,
    pub resources: Vec<ResolvedResource>,
    /// The resources that list possible owners, in order (most list none: every node may own them).
    restricted: Vec<u32>,
    /// The first resource that takes longer to come online (the scenario's timing for its type) than its
    /// pending timeout allows: the cluster fails it wherever the group starts.
    pub too_slow: Option<u32>,
    /// Storage groups the EVS mounts.
    pub storage_groups: u32,
    /// Resources that need a network or a disk (IP Address, Physical Disk): what a failure of those can hit.
    pub attachments: Vec<Attachment>,
    /// Where the group's resources start in flat per-resource tables.
    pub resource_offset: usize,
}

impl ResolvedGroup {
    /// The first resource whose possible owners leave `node` out.
    pub fn barred_by(&self, node: NodeId) -> Option<u32> {
        self.restricted.iter().copied().find(|&r| {
            self.resources[r as usize]
                .possible_owners
                .as_ref()
                .is_some_and(|owners| owners.binary_search(&node).is_err())
        })
    }

    /// The nodes every resource may run on, sorted: `None` when no resource lists possible owners (every
    /// node), in time linear in the lists.
    pub fn open_nodes(&self) -> Option<Vec<NodeId>> {
        let mut lists = self.restricted.iter().filter_map(|&r| self.resources[r as usize].possible_owners.as_ref());
        let mut open = lists.next()?.clone();
        for owners in lists {
            let mut others = owners.iter().peekable();
            open.retain(|node| {
                while others.next_if(|other| *other < node).is_some() {}
                others.peek() == Some(&node)
            });
        }
        Some(open)
    }

    /// Preferred owners, then every other node in design order: the order failover tries nodes in.
    pub fn candidates(&self, node_count: usize) -> impl Iterator<Item = NodeId> + Clone + '_ {
        let others =
            (0..node_count as u32).map(NodeId).filter(move |node| self.preferred_sorted.binary_search(node).is_err());
        self.preferred.iter().copied().chain(others)
    }
}

/// A resource that needs a network or a disk to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attachment {
    pub resource: u32,
    pub network: Option<NetworkId>,
    pub disk: Option<DiskId>,
}

/// A design ready for the engine: the scenario plus ids for every reference in it.
#[derive(Debug, Clone)]
pub struct Design {
    pub scenario: Scenario,
    names: Names,
    /// Per node, the indices of the networks it has a NIC on, sorted.
    nics: Vec<Vec<u32>>,
    /// Per network: the nodes with a NIC on it, in node order.
    pub nodes_on: Vec<Vec<NodeId>>,
    pub quorum_disk: Option<DiskId>,
    pub cluster_network: Option<NetworkId>,
    /// The order in which nodes take the Cluster Group (and the quorum disk): its preferred owners, then
    /// every other node.
    pub cluster_candidates: Vec<NodeId>,
    pub groups: Vec<ResolvedGroup>,
}

/// Everything else in a design is resolved from its scenario: two designs are equal when their scenarios are.
impl PartialEq for Design {
    fn eq(&self, other: &Design) -> bool {
        self.scenario == other.scenario
    }
}

/// Reads a scenario from JSON text, naming the path of the first syntax or type error.
pub fn parse_scenario(json: &str) -> Result<Scenario, LoadErrors> {
    parse_json(json)
}

impl Design {
    /// Reads and resolves a scenario from JSON text.
    pub fn from_json(json: &str) -> Result<Design, LoadErrors> {
        Design::new(parse_scenario(json)?)
    }

    /// Resolves every name in the scenario; reports every broken reference at once.
    pub fn new(scenario: Scenario) -> Result<Design, LoadErrors> {
        Resolver::default().resolve(scenario)
    }

    pub fn node_count(&self) -> usize {
        self.scenario.nodes.len()
    }

    pub fn node_ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        (0..self.scenario.nodes.len() as u32).map(NodeId)
    }

    pub fn group_ids(&self) -> impl Iterator<Item = GroupId> + '_ {
        (0..self.scenario.groups.len() as u32).map(GroupId)
    }

    pub fn node_name(&self, node: NodeId) -> &str {
        &self.scenario.nodes[node.index()].name
    }

    pub fn group_name(&self, group: GroupId) -> &str {
        &self.scenario.groups[group.index()].name
    }

    pub fn network_name(&self, network: NetworkId) -> &str {
        &self.scenario.networks[network.index()].name
    }

    pub fn disk_name(&self, disk: DiskId) -> &str {
        &self.scenario.disks[disk.index()].name
    }

    pub fn front_end_ids(&self) -> impl Iterator<Item = FrontEndId> + '_ {
        (0..self.scenario.front_ends.servers.len() as u32).map(FrontEndId)
    }

    pub fn front_end_id(&self, name: &str) -> Option<FrontEndId> {
        self.scenario.front_ends.servers.iter().position(|s| s == name).map(|i| FrontEndId(i as u32))
    }

    pub fn front_end_name(&self, front_end: FrontEndId) -> &str {
        &self.scenario.front_ends.servers[front_end.index()]
    }

    pub fn resource_name(&self, resource: ResourceId) -> &str {
        &self.scenario.groups[resource.group.index()].resources[resource.index as usize].name
    }

    /// `GROUP/RESOURCE`, as events and findings name a resource.
    pub fn resource_path(&self, resource: ResourceId) -> String {
        format!("{}/{}", self.group_name(resource.group), self.resource_name(resource))
    }

    pub fn group(&self, group: GroupId) -> &ResolvedGroup {
        &self.groups[group.index()]
    }

    /// The resource's place in flat per-resource tables.
    pub fn resource_slot(&self, resource: ResourceId) -> usize {
        self.groups[resource.group.index()].resource_offset + resource.index as usize
    }

    /// How many resources all groups have together.
    pub fn resource_count(&self) -> usize {
        self.groups.last().map_or(0, |g| g.resource_offset + g.resources.len())
    }

    /// Whether `node` has a NIC on `network`.
    pub fn has_nic(&self, node: NodeId, network: NetworkId) -> bool {
        self.nics[node.index()].binary_search(&network.0).is_ok()
    }

    /// The order failover tries nodes in for `group`: its preferred owners, then every other node.
    pub fn candidates(&self, group: GroupId) -> impl Iterator<Item = NodeId> + Clone + '_ {
        self.group(group).candidates(self.node_count())
    }

    /// On clusters of more than two nodes a node runs one EVS at most (KB 329208).
    pub fn one_evs_per_node(&self) -> bool {
        self.scenario.nodes.len() > 2
    }

    pub fn node_id(&self, name: &str) -> Option<NodeId> {
        self.names.nodes.get(name).map(|&i| NodeId(i))
    }

    pub fn group_id(&self, name: &str) -> Option<GroupId> {
        self.names.groups.get(name).map(|&i| GroupId(i))
    }

    pub fn network_id(&self, name: &str) -> Option<NetworkId> {
        self.names.networks.get(name).map(|&i| NetworkId(i))
    }

    pub fn disk_id(&self, name: &str) -> Option<DiskId> {
        self.names.disks.get(name).map(|&i| DiskId(i))
    }

    /// Finds `GROUP/RESOURCE`.
    pub fn resource_id(&self, path: &str) -> Option<ResourceId> {
        let (group, resource) = path.split_once('/')?;
        let group = self.group_id(group)?;
        let index = self.scenario.groups[group.index()].resources.iter().position(|r| r.name == resource)?;
        Some(ResourceId { group, index: index as u32 })
    }
}

/// Every name of the design with its index, for lookups in constant time (one map type for the four
/// lists, so the browser bundle carries its code once).
#[derive(Debug, Clone, Default)]
struct Names {
    nodes: HashMap<String, u32>,
    networks: HashMap<String, u32>,
    disks: HashMap<String, u32>,
    groups: HashMap<String, u32>,
}

#[derive(Default)]
struct Resolver {
    errors: Vec<LoadError>,
    names: Names,
    /// Scratch marks, per node and per network, for telling repeats in one list: set while a list is read
    /// and cleared after it, so that reading stays linear in the lists.
    node_marks: Vec<bool>,
    network_marks: Vec<bool>,
}

impl Resolver {
    fn error(&mut self, path: String, message: String) {
        self.errors.push(LoadError { path, message });
    }

    /// Builds a name index for one list, reporting empty and repeated names.
    fn index<'a>(&mut self, list: &str, names: impl Iterator<Item = &'a str>) -> HashMap<String, u32> {
        let index = index_names(list, names, &mut self.errors);
        index.into_iter().map(|(name, i)| (name.to_string(), i as u32)).collect()
    }

    fn node(&mut self, path: String, name: &str) -> Option<NodeId> {
        let found = self.names.nodes.get(name).map(|&i| NodeId(i));
        if found.is_none() {
            self.error(path, format!("no node named {}", quote(name)));
        }
        found
    }

    fn network(&mut self, path: String, name: &str) -> Option<NetworkId> {
        let found = self.names.networks.get(name).map(|&i| NetworkId(i));
        if found.is_none() {
            self.error(path, format!("no network named {}", quote(name)));
        }
        found
    }

    fn disk(&mut self, path: String, name: &str) -> Option<DiskId> {
        let found = self.names.disks.get(name).map(|&i| DiskId(i));
        if found.is_none() {
            self.error(path, format!("no disk named {}", quote(name)));
        }
        found
    }

    /// Resolves a reference that one resource type must carry and the others must not.
    fn typed_reference<Id>(
        &mut self,
        path: String,
        name: Option<&str>,
        carries: bool,
        missing: &str,
        misplaced: &str,
        lookup: fn(&mut Self, String, &str) -> Option<Id>,
    ) -> Option<Id> {
        match (name, carries) {
            (Some(name), true) => lookup(self, path, name),
            (None, true) => {
                self.error(path, missing.into());
                None
            }
            (Some(_), false) => {
                self.error(path, misplaced.into());
                None
            }
            (None, false) => None,
        }
    }

    /// Resolves a list of node names, reporting unknown and repeated ones.
    fn node_list(&mut self, path: &str, names: &[String]) -> Vec<NodeId> {
        let mut nodes: Vec<NodeId> = Vec::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            if let Some(node) = self.node(format!("{path}[{i}]"), name) {
                if self.node_marks[node.index()] {
                    self.error(format!("{path}[{i}]"), format!("{} is listed twice", quote(name)));
                } else {
                    self.node_marks[node.index()] = true;
                    nodes.push(node);
                }
            }
        }
        for node in &nodes {
            self.node_marks[node.index()] = false;
        }
        nodes
    }

    fn resolve(mut self, scenario: Scenario) -> Result<Design, LoadErrors> {
        if let Some(errors) = version_error(scenario.version) {
            return Err(errors);
        }
        self.names.nodes = self.index("nodes", scenario.nodes.iter().map(|n| n.name.as_str()));
        self.names.networks = self.index("networks", scenario.networks.iter().map(|n| n.name.as_str()));
        self.names.disks = self.index("disks", scenario.disks.iter().map(|d| d.name.as_str()));
        self.names.groups = self.index("groups", scenario.groups.iter().map(|g| g.name.as_str()));

        self.node_marks = vec![false; scenario.nodes.len()];
        self.network_marks = vec![false; scenario.networks.len()];
        let mut nics: Vec<Vec<u32>> = Vec::with_capacity(scenario.nodes.len());
        for (n, node) in scenario.nodes.iter().enumerate() {
            let mut on: Vec<u32> = Vec::with_capacity(node.nics.len());
            for (i, nic) in node.nics.iter().enumerate() {
                let path = format!("nodes[{n}].nics[{i}].network");
                if let Some(network) = self.network(path.clone(), &nic.network) {
                    if self.network_marks[network.index()] {
                        self.error(path, format!("{} already has a NIC on {}", quote(&node.name), quote(&nic.network)));
                    } else {
                        self.network_marks[network.index()] = true;
                        on.push(network.0);
                    }
                }
            }
            for &network in &on {
                self.network_marks[network as usize] = false;
            }
            crate::order::sort(&mut on);
            nics.push(on);
        }

        let quorum_disk = match &scenario.quorum {
            Quorum::Disk { disk } => self.disk("quorum.disk".into(), disk),
            Quorum::MajorityNodeSet => None,
        };
        let cluster_network = match &scenario.cluster_group.network {
            Some(name) => self.network("cluster_group.network".into(), name),
            None => scenario.networks.iter().position(|n| n.role.carries_clients()).map(|i| NetworkId(i as u32)),
        };
        let cluster_preferred =
            self.node_list("cluster_group.preferred_owners", &scenario.cluster_group.preferred_owners);
        let cluster_candidates = with_remaining_nodes(cluster_preferred, scenario.nodes.len());

        let mut groups = Vec::with_capacity(scenario.groups.len());
        let mut resource_offset = 0;
        for (g, group) in scenario.groups.iter().enumerate() {
            let path = format!("groups[{g}]");
            let owner = group.owner.as_ref().and_then(|name| self.node(format!("{path}.owner"), name));
            let preferred = self.node_list(&format!("{path}.preferred_owners"), &group.preferred_owners);
            let mut preferred_sorted = preferred.clone();
            crate::order::sort(&mut preferred_sorted);

            let local: HashMap<&str, u32> = group
                .resources
                .iter()
                .enumerate()
                .rev() // the first of two equal names wins, as in `index`
                .map(|(i, r)| (r.name.as_str(), i as u32))
                .collect();
            let mut seen = HashMap::new();
            let mut resources = Vec::with_capacity(group.resources.len());
            for (r, resource) in group.resources.iter().enumerate() {
                let path = format!("{path}.resources[{r}]");
                if resource.name.trim().is_empty() {
                    self.error(format!("{path}.name"), "a name must not be empty".into());
                } else if resource.name.contains('/') {
                    self.error(format!("{path}.name"), "a resource name must not contain '/'".into());
                } else if let Some(first) = seen.insert(resource.name.as_str(), r) {
                    self.error(
                        format!("{path}.name"),
                        format!(
                            "{} is already the name of resources[{first}] in {}",
                            quote(&resource.name),
                            quote(&group.name)
                        ),
                    );
                }
                let mut depends_on = Vec::with_capacity(resource.depends_on.len());
                for (d, target) in resource.depends_on.iter().enumerate() {
                    let dpath = format!("{path}.depends_on[{d}]");
                    match self.dependency(&scenario, g, &local, target) {
                        Ok(dependency) => depends_on.push(dependency),
                        Err(message) => self.error(dpath, message),
                    }
                }
                let possible_owners = resource.possible_owners.as_ref().map(|names| {
                    let mut nodes = self.node_list(&format!("{path}.possible_owners"), names);
                    crate::order::sort(&mut nodes);
                    nodes
                });
                let disk = self.typed_reference(
                    format!("{path}.disk"),
                    resource.disk.as_deref(),
                    resource.kind == ResourceKind::PhysicalDisk,
                    "a Physical Disk resource must name its disk",
                    "only a Physical Disk resource names a disk",
                    Resolver::disk,
                );
                let network = self.typed_reference(
                    format!("{path}.network"),
                    resource.network.as_deref(),
                    resource.kind == ResourceKind::IpAddress,
                    "an IP Address resource must name its network",
                    "only an IP Address resource names a network",
                    Resolver::network,
                );
                resources.push(ResolvedResource { depends_on, possible_owners, disk, network });
            }
            let mut sg_seen = HashMap::new();
            for (s, storage_group) in group.storage_groups.iter().enumerate() {
                let spath = format!("{path}.storage_groups[{s}]");
                if let Some(first) = sg_seen.insert(storage_group.name.as_str(), s) {
                    self.error(
                        format!("{spath}.name"),
                        format!("{} is already the name of storage_groups[{first}]", quote(&storage_group.name)),
                    );
                }
                self.disk(format!("{spath}.log_disk"), &storage_group.log_disk);
                self.disk(format!("{spath}.database_disk"), &storage_group.database_disk);
            }
            let restricted = resources
                .iter()
                .enumerate()
                .filter(|(_, r)| r.possible_owners.is_some())
                .map(|(i, _)| i as u32)
                .collect();
            let too_slow = group
                .resources
                .iter()
                .position(|r| scenario.timing.of(r.kind).online_ms > u64::from(r.health.pending_timeout_s) * 1000)
                .map(|r| r as u32);
            let attachments = resources
                .iter()
                .enumerate()
                .filter(|(_, r)| r.network.is_some() || r.disk.is_some())
                .map(|(i, r)| Attachment { resource: i as u32, network: r.network, disk: r.disk })
                .collect();
            groups.push(ResolvedGroup {
                owner,
                preferred,
                preferred_sorted,
                resources,
                restricted,
                too_slow,
                storage_groups: group.storage_groups.len() as u32,
                attachments,
                resource_offset,
            });
            resource_offset += group.resources.len();
        }

        if !self.errors.is_empty() {
            return Err(LoadErrors(self.errors));
        }
        let mut nodes_on = vec![Vec::new(); scenario.networks.len()];
        for (node, on) in nics.iter().enumerate() {
            for &network in on {
                nodes_on[network as usize].push(NodeId(node as u32));
            }
        }
        Ok(Design {
            scenario,
            names: self.names,
            nics,
            nodes_on,
            quorum_disk,
            cluster_network,
            cluster_candidates,
            groups,
        })
    }

    fn dependency(
        &self,
        scenario: &Scenario,
        group: usize,
        local: &HashMap<&str, u32>,
        target: &str,
    ) -> Result<Dependency, String> {
        if let Some((group_name, resource_name)) = target.split_once('/') {
            let other = self
                .names
                .groups
                .get(group_name)
                .map(|&i| GroupId(i))
                .ok_or_else(|| format!("no group named {}", quote(group_name)))?;
            let index = scenario.groups[other.index()]
                .resources
                .iter()
                .position(|r| r.name == resource_name)
                .ok_or_else(|| format!("no resource named {} in {}", quote(resource_name), quote(group_name)))?;
            if other.index() == group {
                return Ok(Dependency::Local(index as u32));
            }
            return Ok(Dependency::Foreign(ResourceId { group: other, index: index as u32 }));
        }
        local
            .get(target)
            .map(|&i| Dependency::Local(i))
            .ok_or_else(|| format!("no resource named {} in {}", quote(target), quote(&scenario.groups[group].name)))
    }
}

/// The preferred list followed by every other node in design order.
fn with_remaining_nodes(mut preferred: Vec<NodeId>, node_count: usize) -> Vec<NodeId> {
    let mut listed = vec![false; node_count];
    for node in &preferred {
        listed[node.index()] = true;
    }
    preferred.extend((0..node_count as u32).map(NodeId).filter(|n| !listed[n.index()]));
    preferred
}
