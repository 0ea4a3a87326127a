//! The DAG scenario format: an Exchange 2010 to SE Database Availability Group as versioned JSON, by names.
//!
//! A DAG file says `"kind": "dag"`; a file without `kind` is a 2003 cluster ([`crate::scenario::Family`]).
//! Defaults are the Exchange ones (docs/domain.md, "Database Availability Groups": GoodAvailability,
//! Unrestricted, no caps, healthy copies), so a file need only say what differs; a saved file leaves
//! defaults out.

use std::collections::BTreeMap;

use ipnet::Ipv4Net;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::read::Read;

use crate::scenario::{Position, is_default, schema_text};

/// The JSON Schema of the DAG format, generated from [`Scenario`].
pub fn schema() -> String {
    schema_text::<Scenario>()
}

/// A Database Availability Group design: sites, members, witness, networks and database copies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "DagScenario")]
pub struct Scenario {
    /// Format version; this build reads version 1.
    pub version: u32,
    /// Always `dag`: what tells a DAG design from a 2003 cluster.
    pub kind: DagKind,
    /// What the design is called, for people.
    pub name: String,
    /// Free text about the design.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The Exchange version every member runs.
    pub exchange: ExchangeVersion,
    /// The Windows Server version the members run; when left out, the newest one the Exchange version runs
    /// on that clusterplan models for it (2010: 2008 R2, 2013: 2012 R2, 2016: 2016, 2019: 2019).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub windows: Option<WindowsVersion>,
    /// Windows' dynamic quorum turned off (the cluster property DynamicQuorum = 0): every member keeps its
    /// vote whatever happens, as on Windows Server 2008 R2. Only meaningful on Windows Server 2012 and later.
    #[serde(default, skip_serializing_if = "is_default")]
    pub static_votes: bool,
    /// The DAG's name (its cluster network name).
    pub dag_name: String,
    /// DatacenterActivationMode DagOnly: members mount only after reaching a member whose DACP bit is 1.
    #[serde(default, skip_serializing_if = "is_default")]
    pub dac_mode: bool,
    /// An IP-less DAG (no cluster administrative access point), Exchange 2013 SP1 and later.
    #[serde(default, skip_serializing_if = "is_default")]
    pub ip_less: bool,
    /// The datacenters (and a third location for the witness), in order. Every pair of sites is joined by a
    /// WAN link, which events can fail.
    pub sites: Vec<Site>,
    /// The Mailbox servers that are DAG members (at most 16).
    pub servers: Vec<Server>,
    /// The witness server: not a member; its vote breaks ties when the member count is even.
    pub witness: Witness,
    /// The alternate witness, used after a datacenter switchover (Restore-DatabaseAvailabilityGroup).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternate_witness: Option<Witness>,
    /// The DAG networks: MAPI (clients) and replication, with a subnet per site.
    #[serde(default)]
    pub networks: Vec<DagNetwork>,
    /// The mailbox databases and their copies.
    #[serde(default)]
    pub databases: Vec<Database>,
    /// The name clients use and the load-balanced addresses behind it: the client-access tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<Namespace>,
    /// A failure script for the app: events such as `fail-site:dc1`, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub script: Vec<String>,
    /// How long the steps of a failover take on the timeline (the sources give figures for some only).
    #[serde(default, skip_serializing_if = "is_default")]
    pub timing: DagTiming,
    /// Diagram positions by name (used by the app; the engine ignores them).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub layout: BTreeMap<String, Position>,
}

/// The durations the DAG timeline gives each step of a failover, in milliseconds; a file need only say what
/// differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct DagTiming {
    /// Until the cluster notices a lost member or link: missed heartbeats (Windows Server 2016 and later: 10
    /// missed 1-second heartbeats on one subnet, SameSubnetDelay × SameSubnetThreshold).
    pub detection_ms: u64,
    /// Active Manager's best copy and server selection (the sources give no figure: clusterplan's 2 s).
    pub selection_ms: u64,
    /// Mounting the chosen copy (the sources give no figure: clusterplan's 10 s).
    pub mount_ms: u64,
    /// Until clients reach the database again: a failed address costs about 20 s before the next is tried.
    pub reconnect_ms: u64,
    /// PreferenceMoveFrequency (Exchange 2016 CU2 and later; default 1 hour, 0 turns it off): how often the
    /// Replication service moves each database back to its preference-1 copy with a lossless switchover. It
    /// runs on the virtual clock, from 0, in scripts with times.
    pub preference_move_ms: u64,
    /// Reseeding a copy (Update-MailboxDatabaseCopy), per GB of its database (the sources give no figure:
    /// clusterplan's 20 s, about 50 MB/s over the replication network).
    #[serde(skip_serializing_if = "is_default_reseed")]
    pub reseed_ms_per_gb: u64,
}

/// The reseed time clusterplan assumes per GB.
pub const RESEED_MS_PER_GB: u64 = 20_000;

/// The size clusterplan assumes for a database whose size the design does not give, in GB.
pub const DATABASE_GB: u32 = 200;

fn is_default_reseed(ms: &u64) -> bool {
    *ms == RESEED_MS_PER_GB
}

impl Default for DagTiming {
    fn default() -> DagTiming {
        DagTiming {
            detection_ms: 10_000,
            selection_ms: 2_000,
            mount_ms: 10_000,
            reconnect_ms: 20_000,
            preference_move_ms: 3_600_000,
            reseed_ms_per_gb: RESEED_MS_PER_GB,
        }
    }
}

/// The marker of a DAG design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DagKind {
    Dag,
}

/// The Exchange version of the members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Read, JsonSchema)]
pub enum ExchangeVersion {
    #[serde(rename = "2010")]
    Exchange2010,
    #[serde(rename = "2013")]
    Exchange2013,
    #[serde(rename = "2016")]
    Exchange2016,
    #[serde(rename = "2019")]
    Exchange2019,
    // Exchange Server Subscription Edition (July 2025): the same code as Exchange 2019 CU15, under the Modern
    // Lifecycle Policy.
    #[serde(rename = "se")]
    ExchangeSe,
}

impl ExchangeVersion {
    /// Every version, oldest first.
    pub const ALL: [ExchangeVersion; 5] = [
        ExchangeVersion::Exchange2010,
        ExchangeVersion::Exchange2013,
        ExchangeVersion::Exchange2016,
        ExchangeVersion::Exchange2019,
        ExchangeVersion::ExchangeSe,
    ];

    /// The version as the format writes it (`"2019"`).
    pub fn id(self) -> &'static str {
        match self {
            ExchangeVersion::Exchange2010 => "2010",
            ExchangeVersion::Exchange2013 => "2013",
            ExchangeVersion::Exchange2016 => "2016",
            ExchangeVersion::Exchange2019 => "2019",
            ExchangeVersion::ExchangeSe => "se",
        }
    }

    /// The version the format writes as `id`.
    pub fn from_id(id: &str) -> Option<ExchangeVersion> {
        ExchangeVersion::ALL.into_iter().find(|v| v.id() == id)
    }

    /// The Windows Server versions this Exchange version is supported on (the Exchange Server supportability
    /// matrix and the Exchange Server system requirements; Exchange 2013 on 2012 R2 from SP1, Exchange 2016 on
    /// 2016 from CU3, Exchange 2019 on 2022 from CU12 and on 2025 from CU15; Exchange SE on 2019, 2022 and
    /// 2025).
    pub fn windows_versions(self) -> &'static [WindowsVersion] {
        use WindowsVersion::*;
        match self {
            ExchangeVersion::Exchange2010 => &[Windows2008, Windows2008R2, Windows2012, Windows2012R2],
            ExchangeVersion::Exchange2013 => &[Windows2008R2, Windows2012, Windows2012R2],
            ExchangeVersion::Exchange2016 => &[Windows2012, Windows2012R2, Windows2016],
            ExchangeVersion::Exchange2019 => &[Windows2019, Windows2022, Windows2025],
            ExchangeVersion::ExchangeSe => &[Windows2019, Windows2022, Windows2025],
        }
    }

    /// The Windows version assumed when the design names none.
    pub fn default_windows(self) -> WindowsVersion {
        match self {
            ExchangeVersion::Exchange2010 => WindowsVersion::Windows2008R2,
            ExchangeVersion::Exchange2013 => WindowsVersion::Windows2012R2,
            ExchangeVersion::Exchange2016 => WindowsVersion::Windows2016,
            ExchangeVersion::Exchange2019 => WindowsVersion::Windows2019,
            ExchangeVersion::ExchangeSe => WindowsVersion::Windows2025,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            ExchangeVersion::Exchange2010 => "Exchange 2010",
            ExchangeVersion::Exchange2013 => "Exchange 2013",
            ExchangeVersion::Exchange2016 => "Exchange 2016",
            ExchangeVersion::Exchange2019 => "Exchange 2019",
            ExchangeVersion::ExchangeSe => "Exchange SE",
        }
    }
}

/// The namespace clients connect to (`mail.contoso.com`) and the virtual IP addresses DNS hands out for it,
/// each on a load balancer in front of a site's Mailbox servers. Exchange 2013 and later clients get every
/// address and try the next when one fails hard (about 20 s later); Exchange 2010 clients reach the first one
/// only, until an administrator changes DNS (a namespace switchover).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Namespace {
    /// The fully qualified name clients use.
    pub name: String,
    /// The time to live of its DNS records, in seconds (Microsoft's advice for Exchange 2010: 5 minutes).
    #[serde(default = "Namespace::default_ttl", skip_serializing_if = "Namespace::is_default_ttl")]
    pub ttl_seconds: u32,
    /// The virtual IP addresses, in the order DNS gives them.
    pub vips: Vec<Vip>,
}

impl Namespace {
    fn default_ttl() -> u32 {
        300
    }

    fn is_default_ttl(ttl: &u32) -> bool {
        *ttl == Namespace::default_ttl()
    }
}

/// A load-balanced virtual IP address of the namespace, in front of one site's Mailbox servers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vip {
    /// What events call it (`fail-vip:NAME`).
    pub name: String,
    /// The site whose load balancer holds it.
    pub site: String,
    /// Its address, when the design names one; otherwise the IP plan assigns it from the site's MAPI subnet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub address: Option<std::net::Ipv4Addr>,
}

/// A datacenter or other location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub name: String,
    /// The site's network carries traffic between other sites (a WAN hub). A site with no DAG member (an
    /// empty one, or the witness's own) routes nothing unless this says so.
    #[serde(default, skip_serializing_if = "is_default")]
    pub routes: bool,
}

/// The Windows Server version of the DAG members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Read, JsonSchema)]
pub enum WindowsVersion {
    #[serde(rename = "2008")]
    Windows2008,
    #[serde(rename = "2008-r2")]
    Windows2008R2,
    #[serde(rename = "2012")]
    Windows2012,
    #[serde(rename = "2012-r2")]
    Windows2012R2,
    #[serde(rename = "2016")]
    Windows2016,
    #[serde(rename = "2019")]
    Windows2019,
    #[serde(rename = "2022")]
    Windows2022,
    #[serde(rename = "2025")]
    Windows2025,
}

impl WindowsVersion {
    pub const ALL: [WindowsVersion; 8] = [
        WindowsVersion::Windows2008,
        WindowsVersion::Windows2008R2,
        WindowsVersion::Windows2012,
        WindowsVersion::Windows2012R2,
        WindowsVersion::Windows2016,
        WindowsVersion::Windows2019,
        WindowsVersion::Windows2022,
        WindowsVersion::Windows2025,
    ];

    pub fn title(self) -> &'static str {
        match self {
            WindowsVersion::Windows2008 => "Windows Server 2008",
            WindowsVersion::Windows2008R2 => "Windows Server 2008 R2",
            WindowsVersion::Windows2012 => "Windows Server 2012",
            WindowsVersion::Windows2012R2 => "Windows Server 2012 R2",
            WindowsVersion::Windows2016 => "Windows Server 2016",
            WindowsVersion::Windows2019 => "Windows Server 2019",
            WindowsVersion::Windows2022 => "Windows Server 2022",
            WindowsVersion::Windows2025 => "Windows Server 2025",
        }
    }

    /// The version as the file writes it (`2012-r2`).
    pub fn id(self) -> &'static str {
        match self {
            WindowsVersion::Windows2008 => "2008",
            WindowsVersion::Windows2008R2 => "2008-r2",
            WindowsVersion::Windows2012 => "2012",
            WindowsVersion::Windows2012R2 => "2012-r2",
            WindowsVersion::Windows2016 => "2016",
            WindowsVersion::Windows2019 => "2019",
            WindowsVersion::Windows2022 => "2022",
            WindowsVersion::Windows2025 => "2025",
        }
    }

    /// The version a file's text names, if any.
    pub fn from_id(id: &str) -> Option<WindowsVersion> {
        WindowsVersion::ALL.into_iter().find(|w| w.id() == id)
    }

    /// Dynamic quorum: the cluster property DynamicQuorum exists (default TRUE) from Windows Server 2012.
    pub fn has_dynamic_quorum(self) -> bool {
        self >= WindowsVersion::Windows2012
    }

    /// Dynamic witness: the witness's vote is adjusted (WitnessDynamicWeight) from Windows Server 2012 R2.
    pub fn has_dynamic_witness(self) -> bool {
        self >= WindowsVersion::Windows2012R2
    }
}

/// A Mailbox server, member of the DAG, with its activation settings (Set-MailboxServer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Server {
    pub name: String,
    /// The site it stands in.
    pub site: String,
    /// AutoDatabaseMountDial: how many missing logs an automatic mount accepts (default: good-availability).
    #[serde(default, skip_serializing_if = "is_default")]
    pub mount_dial: MountDial,
    /// DatabaseCopyAutoActivationPolicy (default: unrestricted).
    #[serde(default, skip_serializing_if = "is_default")]
    pub activation_policy: ActivationPolicy,
    /// MaximumActiveDatabases: a hard cap on databases mounted here (none by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_active: Option<u32>,
    /// MaximumPreferredActiveDatabases: a soft cap, honoured by best copy selection (2013 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_preferred_active: Option<u32>,
    /// The Windows Server version this member runs, when it differs from the DAG's (`windows`): only a
    /// running DAG's import says so, and the rules then report the mix (the engine models the DAG's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub windows: Option<WindowsVersion>,
    /// Down at the start: a running DAG's member that is not up (Get-ClusterNode's State Down). The
    /// simulation starts without it, its vote already taken away where dynamic quorum does so.
    #[serde(default, skip_serializing_if = "is_default")]
    pub down: bool,
    /// Spare volumes AutoReseed may use (Exchange 2013 and later): a copy failed for 30 minutes is reseeded
    /// onto one of them.
    #[serde(default, skip_serializing_if = "is_default")]
    pub spare_volumes: u32,
}

/// How long AutoReseed waits before it reseeds a failed copy onto a spare volume: the copy failed and
/// suspended for 15 consecutive minutes, then three tries to resume it, 5 minutes apart.
pub const AUTO_RESEED_AFTER_MS: u64 = 30 * 60_000;

/// AutoDatabaseMountDial.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Read, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MountDial {
    /// No missing logs.
    Lossless,
    /// At most 6 missing logs (the default).
    #[default]
    GoodAvailability,
    /// At most 12 missing logs.
    BestAvailability,
}

impl MountDial {
    /// The most missing logs (copy queue length) an automatic mount accepts.
    pub fn max_missing_logs(self) -> u32 {
        match self {
            MountDial::Lossless => 0,
            MountDial::GoodAvailability => 6,
            MountDial::BestAvailability => 12,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            MountDial::Lossless => "Lossless",
            MountDial::GoodAvailability => "GoodAvailability",
            MountDial::BestAvailability => "BestAvailability",
        }
    }
}

/// DatabaseCopyAutoActivationPolicy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ActivationPolicy {
    #[default]
    Unrestricted,
    /// Only databases whose active copy was in the same site may be activated here.
    IntrasiteOnly,
    /// No automatic activation here (switchovers still can).
    Blocked,
}

impl ActivationPolicy {
    pub fn title(self) -> &'static str {
        match self {
            ActivationPolicy::Unrestricted => "Unrestricted",
            ActivationPolicy::IntrasiteOnly => "IntrasiteOnly",
            ActivationPolicy::Blocked => "Blocked",
        }
    }
}

/// A witness server (a file share on a server that is not a DAG member).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Witness {
    pub server: String,
    pub site: String,
    /// The witness directory on that server (New-DatabaseAvailabilityGroup -WitnessDirectory); none given,
    /// clusterplan writes `C:\DAGFileShareWitnesses\<DAG name>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directory: Option<String>,
    /// A file share on that server (the default), or Windows' cloud witness, which Exchange does not support.
    #[serde(default, skip_serializing_if = "is_default")]
    pub kind: WitnessKind,
}

/// What a witness is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum WitnessKind {
    /// A file share witness.
    #[default]
    FileShare,
    /// Windows Server 2016's cloud witness (a blob in Azure Storage).
    Cloud,
}

/// A DAG network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DagNetwork {
    pub name: String,
    pub role: DagNetworkRole,
    /// The network's subnet in each site it reaches.
    #[serde(default)]
    pub subnets: Vec<SiteSubnet>,
}

/// What a DAG network carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DagNetworkRole {
    /// Client (MAPI) traffic; the DAG's IP addresses live here.
    Mapi,
    /// Log shipping and seeding only.
    Replication,
}

/// One subnet of a DAG network, in one site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteSubnet {
    pub site: String,
    /// The subnet, if known; addresses are then assigned from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub cidr: Option<Ipv4Net>,
}

/// A mailbox database and its copies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Database {
    pub name: String,
    /// Its copies (at most 16), one per server. At the start the copy with activation preference 1 is active.
    pub copies: Vec<Copy>,
    /// Where its database file goes on every server (New-MailboxDatabase -EdbFilePath); none given,
    /// clusterplan writes AutoReseed's layout, `C:\ExchangeDatabases\<db>\<db>.db\<db>.edb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edb_path: Option<String>,
    /// Where its transaction logs go (-LogFolderPath); none given, `C:\ExchangeDatabases\<db>\<db>.log`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_path: Option<String>,
    /// The server it is mounted on at the start, when that is not its preference-1 copy's (a running DAG's
    /// state, Get-MailboxDatabase's Server). A switchover or PreferenceMoveFrequency moves it back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<String>,
    /// Its size in GB, for how long a reseed takes; none given, clusterplan assumes 200 GB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_gb: Option<u32>,
}

/// A database copy on one server, with the health a user sets for what-if teaching.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Copy {
    pub server: String,
    /// Activation preference: 1 is the most preferred; each copy of a database has its own number.
    pub preference: u32,
    /// ReplayLagTime in days (0: not lagged; at most 14).
    #[serde(default, skip_serializing_if = "is_default")]
    pub replay_lag_days: u32,
    /// Copy queue length: logs not yet copied here (missing logs if this copy is mounted).
    #[serde(default, skip_serializing_if = "is_default")]
    pub copy_queue: u32,
    /// Replay queue length: logs copied but not yet replayed.
    #[serde(default, skip_serializing_if = "is_default")]
    pub replay_queue: u32,
    /// The content index state.
    #[serde(default, skip_serializing_if = "is_default")]
    pub content_index: ContentIndex,
    /// The copy status.
    #[serde(default, skip_serializing_if = "is_default")]
    pub status: CopyStatus,
}

impl Copy {
    /// A healthy copy without lag on `server` with activation preference `preference`.
    pub fn new(server: impl Into<String>, preference: u32) -> Copy {
        Copy {
            server: server.into(),
            preference,
            replay_lag_days: 0,
            copy_queue: 0,
            replay_queue: 0,
            content_index: ContentIndex::default(),
            status: CopyStatus::default(),
        }
    }
}

/// ContentIndexState of a copy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ContentIndex {
    #[default]
    Healthy,
    Crawling,
    Failed,
}

/// The status of a copy (Get-MailboxDatabaseCopyStatus).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CopyStatus {
    #[default]
    Healthy,
    DisconnectedAndHealthy,
    DisconnectedAndResynchronizing,
    SeedingSource,
    Resynchronizing,
    Initializing,
    Suspended,
    Failed,
    FailedAndSuspended,
    ServiceDown,
}

impl CopyStatus {
    /// Every status, activatable ones first.
    pub const ALL: [CopyStatus; 10] = [
        CopyStatus::Healthy,
        CopyStatus::DisconnectedAndHealthy,
        CopyStatus::DisconnectedAndResynchronizing,
        CopyStatus::SeedingSource,
        CopyStatus::Resynchronizing,
        CopyStatus::Initializing,
        CopyStatus::Suspended,
        CopyStatus::Failed,
        CopyStatus::FailedAndSuspended,
        CopyStatus::ServiceDown,
    ];

    /// Whether best copy selection may activate a copy in this status.
    pub fn activatable(self) -> bool {
        matches!(
            self,
            CopyStatus::Healthy
                | CopyStatus::DisconnectedAndHealthy
                | CopyStatus::DisconnectedAndResynchronizing
                | CopyStatus::SeedingSource
        )
    }
}

#[cfg(test)]
mod tests {
    use super::ExchangeVersion;

    #[test]
    fn exchange_ids_are_the_words_the_format_writes() {
        for version in ExchangeVersion::ALL {
            assert_eq!(serde_json::to_value(version).unwrap(), version.id());
            assert_eq!(ExchangeVersion::from_id(version.id()), Some(version));
        }
        assert_eq!(ExchangeVersion::from_id("2007"), None);
    }
}
