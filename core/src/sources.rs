//! Where each rule and policy comes from: the public pages docs/domain.md cites, as one-line citations.
//! A section of a source document is cited by the heading it really has.

/// "Understanding Exchange Server 2003 Clustering", the Exchange 2003 clustering guide.
pub const CLUSTER_GUIDE: &str =
    "Exchange Server 2003 clustering guide, \"Understanding Exchange Server 2003 Clustering\"";
/// The guide's table of editions and node limits, with KB 288778.
pub const EDITIONS: &str =
    "Exchange Server 2003 clustering guide, \"Windows and Exchange Edition Requirements\"; Microsoft KB 288778";
/// The guide's "Cluster Configurations" section.
pub const CONFIGURATIONS: &str = "Exchange Server 2003 clustering guide, \"Cluster Configurations\"";
/// Shared-nothing disk ownership.
pub const SHARED_NOTHING: &str = "Exchange Server 2003 clustering guide, \"Windows Clustering\" (shared nothing architecture) and \"Cluster Groups\"";
/// The Exchange 2003 resource dependency tree; protocol resources depend on the System Attendant.
pub const DEPENDENCIES: &str = "Exchange Server 2003 clustering guide, \"Exchange Virtual Servers\" (resources and dependencies); Microsoft KB 821833";
/// One MTA per cluster.
pub const MTA: &str =
    "Exchange Server 2003 clustering guide, \"Exchange Virtual Servers\" (the MTA); Microsoft KB 329235";
/// One EVS per node on clusters of more than two nodes.
pub const ONE_EVS_PER_NODE: &str = "Microsoft KB 329208";
/// Storage group and store limits.
pub const STORAGE_GROUPS: &str = "Microsoft KB 259197";
/// Active/active requirements.
pub const ACTIVE_ACTIVE: &str = "Exchange Server 2003 clustering guide, \"Active/Active Clustering\"";
/// Components not supported in a cluster.
pub const UNSUPPORTED_COMPONENTS: &str =
    "Exchange Server 2003 clustering guide, \"Exchange Virtual Servers\" (components clusters do not support)";
/// Front-end servers and Network Load Balancing.
pub const FRONT_END: &str = "Microsoft KB 837852";
/// The default Cluster Group and MSDTC.
pub const CLUSTER_GROUP: &str = "Exchange Server 2003 clustering guide, \"Cluster Groups\"";
/// Standard quorum and Majority Node Set.
pub const QUORUM: &str = "Exchange Server 2003 clustering guide, \"Quorum Disk Resource\"";
/// Windows Server 2003 failover policy defaults.
pub const FAILOVER_POLICY: &str =
    "Exchange Server 2003 clustering guide, \"Understanding Failovers\" (Windows Server 2003 defaults)";
/// cluster.exe's node and group commands.
pub const CLUSTER_EXE: &str = "Windows Server 2003 command-line reference, \"Cluster node\" and \"Cluster group\"";
/// The maintenance scripts of a DAG member.
pub const DAG_MAINTENANCE: &str = "learn.microsoft.com, \"Manage database availability groups\" (\"Performing maintenance on DAG members\": StartDagServerMaintenance.ps1, StopDagServerMaintenance.ps1)";
/// The copy cmdlets.
/// AutoReseed: a failed copy reseeded onto a spare volume.
pub const DAG_AUTORESEED: &str = "learn.microsoft.com, \"Configure AutoReseed for a database availability group\"; the AutoReseed workflow (a copy Failed and Suspended for 15 consecutive minutes, then three tries to resume it, 5 minutes apart, then a spare volume): geekswithblogs.net, \"Exchange 2013: Auto Reseed\"";
pub const DAG_COPY_CMDLETS: &str = "Exchange Server PowerShell reference: Suspend-MailboxDatabaseCopy, Resume-MailboxDatabaseCopy, Update-MailboxDatabaseCopy, Move-ActiveMailboxDatabase, Get-MailboxDatabaseCopyStatus";
/// The datacenter switchover cmdlets.
pub const DAG_SWITCHOVER_CMDLETS: &str = "learn.microsoft.com, \"Datacenter switchovers\": Stop-DatabaseAvailabilityGroup, Restore-DatabaseAvailabilityGroup, Start-DatabaseAvailabilityGroup";
/// Pausing and resuming a cluster node.
/// Evicting a node: stop its Cluster service first unless it is the last node; groups moved off before.
pub const EVICT_NODE: &str = "learn.microsoft.com, Windows Server 2003 \"Evict a node from the cluster\" (stop the Cluster service first unless it is the last node); Exchange Server 2003 \"How to Evict a Node from a Cluster\"";
pub const PAUSE_NODE: &str = "Windows Cluster API, PauseClusterNode and ResumeClusterNode (clusapi.h), Remarks";
/// Preferred owners and the order of failover.
pub const PREFERRED_OWNERS: &str = "Exchange Server 2003 clustering guide, \"Understanding Failovers\"; blogs.msdn.microsoft.com/clustering, \"Preferred owners\"";
/// IP addresses and names of a cluster.
pub const IP_ADDRESSES: &str = "Exchange Server 2003 clustering guide, \"IP Addresses and Network Names\"";
/// Cluster networks.
pub const NETWORKS: &str =
    "Exchange Server 2003 clustering guide, \"Cluster Configurations\" and \"IP Addresses and Network Names\"";
/// Two networks for the cluster's heartbeat.
pub const HEARTBEAT_NETWORKS: &str =
    "Microsoft KB 258750, \"Recommended private heartbeat configuration on a cluster server\"";
/// The failover threshold against the node count.
pub const FAILOVER_GUIDANCE: &str =
    "Windows Server 2003 Technical Reference, \"Planning for failover and failback\" (learn.microsoft.com, cc737785)";
/// NetBIOS names: at most 15 characters.
pub const NETBIOS_NAMES: &str = "Microsoft KB 909264, \"Naming conventions in Active Directory\"";
/// A choice clusterplan makes where the sources are silent (docs/choices.md lists them), in the words a
/// user reads beside a narration line or a finding.
pub const CLUSTERPLAN_CHOICE: &str =
    "clusterplan's own choice: the sources give no figure (see its documentation, \"Choices\")";
/// No source: a failure the script (or a click) asks for. What happens then has its sources; the failure
/// itself is the user's, and nothing is cited beside it.
pub const SCRIPTED: &str = "";
/// The namespace and its addresses: several per namespace from Exchange 2013 (about 21 s to the next when one
/// fails), Exchange 2010's single address and DNS switchover (TTL 5 minutes, browser caches 30 minutes or more).
pub const DAG_NAMESPACE: &str =
    "learn.microsoft.com, \"High availability and site resilience in Exchange Server\" (\"Site resilience\")";
/// What transport keeps: Safety Net (2 days by default), shadow redundancy.
pub const DAG_TRANSPORT: &str = "learn.microsoft.com, \"High availability and site resilience in Exchange Server\" (\"Key terminology\": Safety Net, shadow redundancy)";
/// Exchange 2010 to SE high availability: DAG size, copies, switchover and failover.
pub const DAG_OVERVIEW: &str = "learn.microsoft.com, \"High availability and site resilience in Exchange Server\" (\"Database availability groups\", \"Mailbox database copies\")";
/// DAG quorum: node majority, node and file share majority, the witness server.
pub const DAG_QUORUM: &str = "learn.microsoft.com, \"Database availability groups\" (quorum and the witness server)";
/// Windows dynamic quorum and dynamic witness (Windows Server 2012 and 2012 R2 on).
pub const DYNAMIC_QUORUM: &str = "learn.microsoft.com, \"Understand cluster and pool quorum\" (\"Dynamic quorum\", \"Dynamic witness\"); MSCS cluster properties DynamicQuorum (Windows Server 2012), WitnessDynamicWeight (Windows Server 2012 R2)";
/// The Windows Server versions each Exchange version runs on.
pub const EXCHANGE_SUPPORTABILITY: &str = "learn.microsoft.com, \"Exchange Server supportability matrix\" (operating system) and \"Exchange Server system requirements\" (Exchange SE)";
/// One operating system version on every DAG member.
pub const DAG_OPERATING_SYSTEM: &str = "learn.microsoft.com, \"Plan for high availability and site resilience\" (\"Operating system requirements\": every member of a DAG runs the same operating system version)";
/// Clients reconnecting after a database moves: the next address of a name is tried about 20 s after one
/// fails.
pub const DAG_CLIENT_RECONNECT: &str = "learn.microsoft.com, \"Plan for high availability and site resilience\" (namespace planning: a failed address costs about 20 seconds)";
/// Active Manager and best copy and server selection.
pub const DAG_ACTIVE_MANAGER: &str = "learn.microsoft.com, \"Active Manager\" (best copy and server selection)";
/// Per-server activation settings.
pub const DAG_MAILBOX_SERVER: &str = "learn.microsoft.com, \"Set-MailboxServer\" (AutoDatabaseMountDial, DatabaseCopyAutoActivationPolicy, MaximumActiveDatabases)";
/// Datacenter Activation Coordination mode and datacenter switchovers.
pub const DAG_DAC: &str =
    "learn.microsoft.com, \"Datacenter Activation Coordination mode\" and \"Datacenter switchovers\"";
/// The Replay Lag Manager's play down.
pub const DAG_REPLAY_LAG_MANAGER: &str = "Exchange Team Blog, \"The case of Replay Lag Manager not letting lagged copy lag\" (play down after fewer than three healthy copies for 24 hours; on by default from Exchange 2016 CU1)";
/// Rebalancing by activation preference.
pub const DAG_REBALANCE: &str = "learn.microsoft.com, \"Manage mailbox database copies\" (\"PreferenceMoveFrequency DAG property\"); \"Set-DatabaseAvailabilityGroup\" (PreferenceMoveFrequency, default 1 hour)";
/// The switchback after a datacenter switchover: the witness back in the primary datacenter, the databases
/// moved back.
pub const DAG_SWITCHBACK: &str = "learn.microsoft.com, \"Datacenter switchovers\" (reactivating the Mailbox servers of the primary datacenter: Start-DatabaseAvailabilityGroup, Set-DatabaseAvailabilityGroup to use a witness there again, Move-ActiveMailboxDatabase)";
/// Site resilience and witness placement.
pub const DAG_SITE_RESILIENCE: &str = "learn.microsoft.com, \"Plan for high availability and site resilience\"";
/// The Exchange 2016/2019 Preferred Architecture.
/// Exchange and Windows' cloud witness.
pub const DAG_CLOUD_WITNESS: &str = "learn.microsoft.com, \"Exchange Server preferred architecture\" (witness server placement: Exchange Server doesn't support the Cloud Witness)";
pub const DAG_PREFERRED_ARCHITECTURE: &str = "Exchange Team Blog, \"The Exchange 2016 Preferred Architecture\"";
/// Lagged database copies.
pub const DAG_LAGGED: &str =
    "learn.microsoft.com, \"Manage mailbox database copies\" (ReplayLagTime, Replay Lag Manager)";
/// DAG IP addresses and IP-less DAGs.
/// Microsoft's recommendation of a DAG without an administrative access point, wherever Windows Server 2012
/// R2 allows one.
pub const DAG_IP_LESS: &str = "Microsoft, Tim McMichael, \"My Exchange 2013 DAG has gone commando…\" (docs.microsoft.com/archive/blogs/timmcmic: a DAG without an administrative access point, \"which we recommend\"); learn.microsoft.com, \"Database availability groups\" (DAGs without a cluster administrative access point: Exchange 2013 SP1 or later on Windows Server 2012 R2 or later)";
pub const DAG_IP: &str =
    "learn.microsoft.com, \"Database availability groups\" (IP addresses; DAGs without an administrative access point)";
