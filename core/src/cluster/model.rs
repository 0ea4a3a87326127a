//! The scenario format: an Exchange 2003 cluster design as versioned JSON, naming things by their names.
//!
//! These types are what a user writes, exports and shares. They hold names, not ids; [`super::Design`]
//! resolves them. Defaults are the Windows Server 2003 ones (docs/domain.md, "Failover policy"), so a file
//! need only say what differs from them, and a saved file leaves defaults out.

use std::collections::BTreeMap;

use ipnet::Ipv4Net;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::read::Read;

use crate::scenario::{Position, is_default, schema_text};

/// The JSON Schema of the 2003 cluster format, generated from [`Scenario`].
pub fn schema() -> String {
    schema_text::<Scenario>()
}

/// A whole design: the cluster, its groups and (for the app) where things are drawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version; this build reads version 1.
    pub version: u32,
    /// What the design is called, for people.
    pub name: String,
    /// Free text about the design.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The Windows edition every node runs.
    pub windows: WindowsEdition,
    /// The Exchange edition of every Exchange Virtual Server.
    pub exchange: ExchangeEdition,
    /// The cluster's network name (NetBIOS), held by the default Cluster Group.
    pub cluster_name: String,
    /// How the cluster keeps quorum.
    pub quorum: Quorum,
    /// The nodes, in order; the order is the tie-breaker wherever the sources leave one open.
    pub nodes: Vec<Node>,
    /// The networks the nodes' NICs sit on.
    pub networks: Vec<Network>,
    /// The shared disks.
    #[serde(default)]
    pub disks: Vec<Disk>,
    /// The default Cluster Group: cluster IP, cluster name, quorum, MSDTC.
    #[serde(default, skip_serializing_if = "is_default")]
    pub cluster_group: ClusterGroup,
    /// The Exchange Virtual Servers, each a cluster group.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// Front-end servers in front of the cluster (never clustered themselves).
    #[serde(default, skip_serializing_if = "is_default")]
    pub front_ends: FrontEnds,
    /// A failure script to play on the timeline: timed events such as `fail:node3@0s`, in time order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub script: Vec<String>,
    /// How long things take on the failover timeline (durations the sources do not give).
    #[serde(default, skip_serializing_if = "is_default")]
    pub timing: Timing,
    /// Diagram positions by name (used by the app; the engine ignores them).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub layout: BTreeMap<String, Position>,
}

/// The Windows edition of the nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum WindowsEdition {
    #[serde(rename = "server-2003-enterprise")]
    Server2003Enterprise,
    #[serde(rename = "server-2003-datacenter")]
    Server2003Datacenter,
    #[serde(rename = "server-2003-standard")]
    Server2003Standard,
    #[serde(rename = "2000-advanced-server")]
    Windows2000AdvancedServer,
    #[serde(rename = "2000-datacenter")]
    Windows2000Datacenter,
    #[serde(rename = "2000-server")]
    Windows2000Server,
}

impl WindowsEdition {
    /// A Windows 2000 edition (standard quorum only).
    pub fn is_windows_2000(self) -> bool {
        matches!(
            self,
            WindowsEdition::Windows2000AdvancedServer
                | WindowsEdition::Windows2000Datacenter
                | WindowsEdition::Windows2000Server
        )
    }

    /// The product name as Microsoft writes it.
    pub fn title(self) -> &'static str {
        match self {
            WindowsEdition::Server2003Enterprise => "Windows Server 2003 Enterprise Edition",
            WindowsEdition::Server2003Datacenter => "Windows Server 2003 Datacenter Edition",
            WindowsEdition::Server2003Standard => "Windows Server 2003 Standard Edition",
            WindowsEdition::Windows2000AdvancedServer => "Windows 2000 Advanced Server",
            WindowsEdition::Windows2000Datacenter => "Windows 2000 Datacenter Server",
            WindowsEdition::Windows2000Server => "Windows 2000 Server",
        }
    }

    /// How many nodes an Exchange 2003 Enterprise cluster may have on this edition; `None` when it cannot cluster.
    pub fn max_nodes(self) -> Option<usize> {
        match self {
            WindowsEdition::Server2003Enterprise | WindowsEdition::Server2003Datacenter => Some(8),
            WindowsEdition::Windows2000AdvancedServer => Some(2),
            WindowsEdition::Windows2000Datacenter => Some(4),
            WindowsEdition::Server2003Standard | WindowsEdition::Windows2000Server => None,
        }
    }
}

/// The Exchange edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
pub enum ExchangeEdition {
    #[serde(rename = "2003-enterprise")]
    Exchange2003Enterprise,
    #[serde(rename = "2003-standard")]
    Exchange2003Standard,
}

impl ExchangeEdition {
    /// The product name as Microsoft writes it.
    pub fn title(self) -> &'static str {
        match self {
            ExchangeEdition::Exchange2003Enterprise => "Exchange Server 2003 Enterprise Edition",
            ExchangeEdition::Exchange2003Standard => "Exchange Server 2003 Standard Edition",
        }
    }
}

/// The quorum model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Quorum {
    /// Standard quorum: the quorum data on one shared disk, owned by one node.
    Disk {
        /// The shared disk holding the quorum data.
        disk: String,
    },
    /// Majority Node Set: quorum data on every node; floor(n/2)+1 of the n nodes must be up and talking.
    MajorityNodeSet,
}

/// A cluster node: a Windows server with its own CPU, RAM, NICs and local disks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// The node's NetBIOS name.
    pub name: String,
    /// The node's network adapters, one per network it sits on.
    #[serde(default)]
    pub nics: Vec<Nic>,
}

/// A network adapter of a node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Nic {
    /// The network this adapter is on.
    pub network: String,
    /// Whether the adapter takes its address from DHCP (not supported: use static addresses).
    #[serde(default, skip_serializing_if = "is_default")]
    pub dhcp: bool,
}

/// A network, with the role Windows cluster administration gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// The network's name.
    pub name: String,
    /// What traffic it carries.
    pub role: NetworkRole,
    /// The IPv4 subnet in CIDR form, used by the IP plan when no subnet is given on the command line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subnet: Option<Ipv4Net>,
}

/// The role of a cluster network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NetworkRole {
    /// Client access only: carries no heartbeat.
    Public,
    /// Internal cluster communications only: heartbeat, no clients.
    Private,
    /// All communications: clients and heartbeat.
    Mixed,
}

impl NetworkRole {
    /// The role as the scenario format writes it.
    pub fn word(self) -> &'static str {
        match self {
            NetworkRole::Public => "public",
            NetworkRole::Private => "private",
            NetworkRole::Mixed => "mixed",
        }
    }

    /// Whether cluster heartbeat traffic runs over a network of this role.
    pub fn carries_heartbeat(self) -> bool {
        matches!(self, NetworkRole::Private | NetworkRole::Mixed)
    }

    /// Whether clients reach IP Address resources over a network of this role.
    pub fn carries_clients(self) -> bool {
        matches!(self, NetworkRole::Public | NetworkRole::Mixed)
    }
}

/// A disk on the shared storage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Disk {
    /// The disk's name.
    pub name: String,
    /// Whether the disk is a RAID volume.
    #[serde(default, skip_serializing_if = "is_default")]
    pub raid: bool,
}

/// The default Cluster Group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClusterGroup {
    /// The network of the cluster IP address; by default the first network that carries clients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    /// Nodes that should own the Cluster Group (and so the quorum disk), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preferred_owners: Vec<String>,
    /// Where the Microsoft Distributed Transaction Coordinator runs.
    #[serde(default, skip_serializing_if = "is_default")]
    pub msdtc: Msdtc,
}

/// The MSDTC resource.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Msdtc {
    /// Which group holds it.
    #[serde(default)]
    pub placement: MsdtcPlacement,
    /// Whether a failure of MSDTC fails over the group holding it (recommended: off).
    #[serde(default, skip_serializing_if = "is_default")]
    pub affect_the_group: bool,
    /// Whether network DTC access is on (recommended: off).
    #[serde(default, skip_serializing_if = "is_default")]
    pub network_access: bool,
}

/// Where MSDTC is placed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MsdtcPlacement {
    /// In the default Cluster Group (recommended; costs no address of its own).
    #[default]
    ClusterGroup,
    /// In a group of its own, with its own IP address and network name.
    OwnGroup,
    /// Not installed.
    None,
}

/// An Exchange Virtual Server: a cluster group with its resources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// The EVS's name: its network name, which clients use wherever it runs.
    pub name: String,
    /// What the server is for; front-end servers are never clustered.
    #[serde(default, skip_serializing_if = "is_default")]
    pub role: ServerRole,
    /// The node the group starts on in the healthy cluster; by default its first eligible preferred owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Nodes the group prefers, in order; the other nodes follow in design order.
    #[serde(default)]
    pub preferred_owners: Vec<String>,
    /// How often the group may fail over before it is left failed.
    #[serde(default, skip_serializing_if = "is_default")]
    pub failover: FailoverPolicy,
    /// Whether and when the group moves back to its preferred owner.
    #[serde(default, skip_serializing_if = "is_default")]
    pub failback: Failback,
    /// The cluster resources of the group.
    pub resources: Vec<Resource>,
    /// The storage groups the EVS mounts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub storage_groups: Vec<StorageGroup>,
    /// Concurrent MAPI users the EVS serves.
    #[serde(default, skip_serializing_if = "is_default")]
    pub mapi_users: u32,
    /// Average CPU of store.exe in percent, where measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_cpu_percent: Option<u32>,
    /// Extra Exchange components installed on the EVS (connectors, services).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Component>,
}

/// The Exchange server role of an EVS.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ServerRole {
    /// A mailbox (back-end) server.
    #[default]
    BackEnd,
    /// A front-end server (not supported in a cluster).
    FrontEnd,
}

/// The group failover threshold: at most `threshold` failovers in `period_hours`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FailoverPolicy {
    /// Failovers allowed in the period (Windows 2003 default: 10).
    pub threshold: u32,
    /// The period in hours (default: 6).
    pub period_hours: u32,
}

impl Default for FailoverPolicy {
    fn default() -> Self {
        FailoverPolicy { threshold: 10, period_hours: 6 }
    }
}

/// The failback policy of a group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Failback {
    /// Stay where the group is (Windows default).
    #[default]
    Never,
    /// Move back as soon as a more preferred owner returns.
    Immediately,
    /// Move back only inside the hours [start_hour, end_hour), wrapping past midnight when start > end.
    Window {
        /// First hour of the window, 0–23.
        start_hour: u8,
        /// Hour the window closes, 0–23.
        end_hour: u8,
    },
}

/// A cluster resource of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// The resource's name, unique within its group (events say `GROUP/RESOURCE`).
    pub name: String,
    /// The resource type.
    pub kind: ResourceKind,
    /// Resources this one needs online first: a name in the same group, or `GROUP/RESOURCE`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
    /// Nodes that may own this resource; all nodes when absent. A hard limit on where the group runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub possible_owners: Option<Vec<String>>,
    /// For a Physical Disk: the shared disk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk: Option<String>,
    /// For an IP Address: the network it sits on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    /// What the cluster does when the resource fails.
    #[serde(default, skip_serializing_if = "is_default")]
    pub restart: RestartPolicy,
    /// How the cluster watches the resource.
    #[serde(default, skip_serializing_if = "is_default")]
    pub health: HealthCheck,
}

/// Resource types of an Exchange 2003 EVS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Read, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ResourceKind {
    IpAddress,
    NetworkName,
    PhysicalDisk,
    SystemAttendant,
    Store,
    Smtp,
    Http,
    MsSearch,
    Routing,
    Mta,
    Imap4,
    Pop3,
}

impl ResourceKind {
    /// The resource type as Cluster Administrator shows it.
    pub fn title(self) -> &'static str {
        match self {
            ResourceKind::IpAddress => "IP Address",
            ResourceKind::NetworkName => "Network Name",
            ResourceKind::PhysicalDisk => "Physical Disk",
            ResourceKind::SystemAttendant => "Exchange System Attendant",
            ResourceKind::Store => "Exchange Information Store Instance",
            ResourceKind::Smtp => "SMTP Virtual Server Instance",
            ResourceKind::Http => "Exchange HTTP Virtual Server Instance",
            ResourceKind::MsSearch => "Microsoft Search Service Instance",
            ResourceKind::Routing => "Exchange Routing Service Instance",
            ResourceKind::Mta => "Exchange Message Transfer Agent Instance",
            ResourceKind::Imap4 => "Exchange IMAP4 Virtual Server Instance",
            ResourceKind::Pop3 => "Exchange POP3 Virtual Server Instance",
        }
    }

    /// The resource types that depend on the System Attendant in Exchange 2003 (KB 821833).
    pub fn depends_on_system_attendant(self) -> bool {
        matches!(
            self,
            ResourceKind::Store
                | ResourceKind::Smtp
                | ResourceKind::Http
                | ResourceKind::MsSearch
                | ResourceKind::Routing
                | ResourceKind::Mta
                | ResourceKind::Imap4
                | ResourceKind::Pop3
        )
    }
}

/// The restart policy of a resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RestartPolicy {
    /// What to do on failure (default: restart and affect the group).
    pub action: RestartAction,
    /// Restarts allowed on the same node in the period (Windows 2003 default: 3).
    pub threshold: u32,
    /// The period in seconds (default: 900).
    pub period_s: u32,
}

impl Default for RestartPolicy {
    fn default() -> Self {
        RestartPolicy { action: RestartAction::RestartAffectGroup, threshold: 3, period_s: 900 }
    }
}

/// What the cluster does when a resource fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RestartAction {
    /// Leave it failed.
    DontRestart,
    /// Restart it; past the threshold leave it failed without touching the group.
    Restart,
    /// Restart it; past the threshold fail the whole group over (the default).
    RestartAffectGroup,
}

/// Health polling and pending timeout of a resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HealthCheck {
    /// LooksAlive poll interval in seconds (default: 5).
    pub looks_alive_s: u32,
    /// IsAlive poll interval in seconds (default: 60).
    pub is_alive_s: u32,
    /// How long the resource may stay online-pending or offline-pending, in seconds (default: 180).
    pub pending_timeout_s: u32,
}

impl Default for HealthCheck {
    fn default() -> Self {
        HealthCheck { looks_alive_s: 5, is_alive_s: 60, pending_timeout_s: 180 }
    }
}

/// An Exchange storage group of an EVS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StorageGroup {
    /// The storage group's name.
    pub name: String,
    /// How many stores (databases) it holds; at most 5.
    pub stores: u32,
    /// The disk with its transaction logs.
    pub log_disk: String,
    /// The disk with its databases.
    pub database_disk: String,
}

/// Exchange components whose support in a cluster the rules check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Component {
    ActiveDirectoryConnector,
    CalendarConnector,
    LotusNotesConnector,
    GroupwiseConnector,
    ExchangeEventService,
    SiteReplicationService,
    Nntp,
    SmtpConnector,
    RoutingGroupConnector,
    X400Connector,
}

impl Component {
    /// The component's name as Exchange documentation writes it.
    pub fn title(self) -> &'static str {
        match self {
            Component::ActiveDirectoryConnector => "Active Directory Connector",
            Component::CalendarConnector => "Calendar Connector",
            Component::LotusNotesConnector => "Connector for Lotus Notes",
            Component::GroupwiseConnector => "Connector for Novell GroupWise",
            Component::ExchangeEventService => "Exchange Event service",
            Component::SiteReplicationService => "Site Replication Service",
            Component::Nntp => "NNTP",
            Component::SmtpConnector => "SMTP connector",
            Component::RoutingGroupConnector => "Routing group connector",
            Component::X400Connector => "X.400 connector",
        }
    }
}

/// Front-end servers serving the cluster's mailboxes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontEnds {
    /// The front-end servers' names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<String>,
    /// Whether Network Load Balancing spreads clients over them.
    #[serde(default, skip_serializing_if = "is_default")]
    pub nlb: bool,
}

/// Durations of the failover timeline that the sources do not give: clusterplan's defaults, editable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Timing {
    /// How long the cluster takes to notice a node or a NIC that stopped answering (missed heartbeats), in ms.
    pub heartbeat_detection_ms: u64,
    /// How long a node that comes back takes to join the cluster, in ms.
    pub join_ms: u64,
    /// Per resource type, how long it takes to come online and to go offline (overrides of the defaults).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub resources: BTreeMap<ResourceKind, ResourceTiming>,
}

impl Default for Timing {
    fn default() -> Self {
        Timing { heartbeat_detection_ms: 6_000, join_ms: 10_000, resources: BTreeMap::new() }
    }
}

/// How long a resource takes to come online and to go offline, in ms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceTiming {
    pub online_ms: u64,
    pub offline_ms: u64,
}

impl Timing {
    /// The durations of a resource type: the scenario's override, else clusterplan's default (the store
    /// is the slow one: mounting databases and replaying logs).
    pub fn of(&self, kind: ResourceKind) -> ResourceTiming {
        if let Some(timing) = self.resources.get(&kind) {
            return *timing;
        }
        let (online_s, offline_s) = match kind {
            ResourceKind::IpAddress => (1, 1),
            ResourceKind::NetworkName => (2, 1),
            ResourceKind::PhysicalDisk => (3, 2),
            ResourceKind::SystemAttendant => (20, 5),
            ResourceKind::Store => (60, 15),
            ResourceKind::MsSearch => (10, 2),
            ResourceKind::Smtp | ResourceKind::Http | ResourceKind::Routing | ResourceKind::Mta => (5, 2),
            ResourceKind::Imap4 | ResourceKind::Pop3 => (3, 2),
        };
        ResourceTiming { online_ms: online_s * 1000, offline_ms: offline_s * 1000 }
    }
}

#[cfg(test)]
mod tests {
    use super::NetworkRole;

    #[test]
    fn a_network_roles_word_is_how_the_format_writes_it() {
        for role in [NetworkRole::Public, NetworkRole::Private, NetworkRole::Mixed] {
            assert_eq!(serde_json::to_value(role).unwrap(), role.word());
        }
    }
}
