// Generated from the engine's types by `clusterplan_wasm::declarations::types` (wasm/src/declarations.rs).
// Do not edit: `UPDATE_EXPECT=1 cargo test -p clusterplan-wasm` writes it again.

/** An Exchange 2003 cluster on Windows clustering: the scenario and every report. */
export namespace Cluster {
  /** A static address and who holds it. */
  export interface Assignment {
    /** `None` when the network has no subnet or its subnet is full. */
    address?: string | null;
    holder: string;
    network?: string | null;
    subnet?: Ipv4Net | null;
  }
  /** One change with its reason. */
  export interface ChangeReport {
    change: string;
    policy: string;
    reason: string;
    source: string;
    subject: string;
  }
  /** Who reaches the cluster's mailboxes. */
  export interface ClientsReport {
    /** Per EVS, who reaches it. */
    evs: EvsClients[];
    /** The front-end servers, up or down. */
    front_ends: FrontEndState[];
    /** The Network Load Balancing cluster, when the design has one: whether it works. */
    nlb?: boolean | null;
    /** How Internet clients get in, or why they cannot. */
    reason: string;
    /** Every client, Outlook and Internet, reaches every EVS. */
    served: boolean;
    source: string;
    /** The front-end servers Internet clients go through now. */
    through: string[];
  }
  /** The default Cluster Group. */
  export interface ClusterGroup {
    /** Where the Microsoft Distributed Transaction Coordinator runs. */
    msdtc?: Msdtc;
    /** The network of the cluster IP address; by default the first network that carries clients. */
    network?: string | null;
    /** Nodes that should own the Cluster Group (and so the quorum disk), in order. */
    preferred_owners?: string[];
  }
  /** Exchange components whose support in a cluster the rules check. */
  export type Component = "active-directory-connector" | "calendar-connector" | "lotus-notes-connector" | "groupwise-connector" | "exchange-event-service" | "site-replication-service" | "nntp" | "smtp-connector" | "routing-group-connector" | "x400-connector";
  /** A disk on the shared storage. */
  export interface Disk {
    /** The disk's name. */
    name: string;
    /** Whether the disk is a RAID volume. */
    raid?: boolean;
  }
  export interface DiskReport {
    name: string;
    ok: boolean;
    /** The node that owns the disk now, if any (shared-nothing: at most one). */
    owner?: string | null;
  }
  /** One step of the timeline. */
  export interface Entry {
    change: string;
    /** The script event (its index) this step follows from; `None` for a failback window opening. */
    event?: number | null;
    /** For group steps: the group's state after it (`online`, `failed`, `offline`) and its node. */
    group_state?: [GroupState, string | null] | null;
    /**
     * A step the story turns on (a failure, the cluster noticing it, quorum, a group starting to move and
     * where it ends up): a player narrates it large and lists the others (each resource) beneath.
     */
    key: boolean;
    policy: string;
    reason: string;
    source: string;
    /** What changes: a node, a group, `GROUP/RESOURCE`, `quorum`. */
    subject: string;
    /** When, in ms on the virtual clock (seconds in JSON, as `t`). */
    t: number;
  }
  export interface EventReport {
    applied: boolean;
    changes: ChangeReport[];
    event: string;
    /** Why the event was refused, when it was. */
    refused?: string | null;
  }
  /** Who reaches one EVS. */
  export interface EvsClients {
    /** Internet clients (Outlook Web Access, POP3, IMAP4), through a front-end server. */
    internet: boolean;
    /** Outlook (MAPI) clients, which connect to the EVS directly. */
    mapi: boolean;
    name: string;
    reason: string;
  }
  /** The Exchange edition. */
  export type ExchangeEdition = "2003-enterprise" | "2003-standard";
  /** The failback policy of a group. */
  export type Failback = {
    type: "never";
  } | {
    type: "immediately";
  } | {
    /** Hour the window closes, 0–23. */
    end_hour: number;
    /** First hour of the window, 0–23. */
    start_hour: number;
    type: "window";
  };
  /** The group failover threshold: at most `threshold` failovers in `period_hours`. */
  export interface FailoverPolicy {
    /** The period in hours (default: 6). */
    period_hours: number;
    /** Failovers allowed in the period (Windows 2003 default: 10). */
    threshold: number;
  }
  /** One rule applied to one subject. */
  export interface Finding {
    message: string;
    rule: string;
    severity: Severity;
    source: string;
    /** The name of the thing: `node3`, `EVS1`, `EVS1/Store`, `EVS1/SG1`; the cluster's name for the cluster. */
    subject: string;
    subject_kind: SubjectKind;
  }
  /** A front-end server, up or down. */
  export interface FrontEndState {
    name: string;
    up: boolean;
  }
  /** Front-end servers serving the cluster's mailboxes. */
  export interface FrontEnds {
    /** Whether Network Load Balancing spreads clients over them. */
    nlb?: boolean;
    /** The front-end servers' names. */
    servers?: string[];
  }
  /** An Exchange Virtual Server: a cluster group with its resources. */
  export interface Group {
    /** Extra Exchange components installed on the EVS (connectors, services). */
    components?: Component[];
    /** Whether and when the group moves back to its preferred owner. */
    failback?: Failback;
    /** How often the group may fail over before it is left failed. */
    failover?: FailoverPolicy;
    /** Concurrent MAPI users the EVS serves. */
    mapi_users?: number;
    /** The EVS's name: its network name, which clients use wherever it runs. */
    name: string;
    /** The node the group starts on in the healthy cluster; by default its first eligible preferred owner. */
    owner?: string | null;
    /** Nodes the group prefers, in order; the other nodes follow in design order. */
    preferred_owners?: string[];
    /** The cluster resources of the group. */
    resources: Resource[];
    /** What the server is for; front-end servers are never clustered. */
    role?: ServerRole;
    /** The storage groups the EVS mounts. */
    storage_groups?: StorageGroup[];
    /** Average CPU of store.exe in percent, where measured. */
    store_cpu_percent?: number | null;
  }
  export interface GroupReport {
    failovers: number;
    name: string;
    /**
     * The order the cluster brings the resources online (dependencies first); offline is the reverse.
     * Empty when the dependencies form a cycle.
     */
    online_order: string[];
    owner?: string | null;
    /**
     * Online with a resource failed or offline (a resource whose restart does not affect the group gave up):
     * Cluster Administrator shows the group "Partially Online".
     */
    partially_online: boolean;
    policy: string;
    reason: string;
    resources: ResourceReport[];
    source: string;
    /** `online`, `failed` or `offline` (`pending` only on the timeline). */
    state: GroupState;
  }
  /**
   * Where a group is: online (on its owner), failed, offline (no quorum), or — only on the timeline, while a
   * failover unfolds — pending.
   */
  export type GroupState = "online" | "failed" | "offline" | "pending";
  /** How often each group survives. */
  export interface GroupSurvival {
    name: string;
    of: number;
    survives: number;
  }
  /** Health polling and pending timeout of a resource. */
  export interface HealthCheck {
    /** IsAlive poll interval in seconds (default: 60). */
    is_alive_s: number;
    /** LooksAlive poll interval in seconds (default: 5). */
    looks_alive_s: number;
    /** How long the resource may stay online-pending or offline-pending, in seconds (default: 180). */
    pending_timeout_s: number;
  }
  export interface IpCount {
    total: number;
  }
  /** The whole plan. */
  export interface IpPlan {
    assignments: Assignment[];
    breakdown: Line[];
    findings: Finding[];
    names: NameNeed[];
    recommended: Recommended;
    total: number;
  }
  /** An IPv4 address with prefix length */
  export type Ipv4Net = string;
  /** The answer for one number of simultaneous failures. */
  export interface Level {
    combinations: number;
    every_group_survives: number;
    failures: number;
    /** Whether every set of this many failed nodes leaves every group online. */
    tolerated: boolean;
    /** The set that leaves the fewest groups online (the first such, in row order). */
    worst: Worst;
  }
  /** A line of the count. */
  export interface Line {
    count: number;
    item: string;
  }
  /** The matrix as the CLI prints it: the summary, and every row unless asked not to. */
  export interface MatrixReport {
    rows?: RowReport[] | null;
    summary: Summary;
  }
  /**
   * One moment of a played script, as `clusterplan simulate --at` prints it: the time asked for, the steps
   * told then (those at the time of the last step up to it), and the design as it stands then — what a
   * player shows at that time, every part of it.
   */
  export interface Moment {
    /** The design as it stands. */
    state: Outcome;
    /** The steps told at this moment, in the order they are told. */
    steps: Entry[];
    /** The time, in ms on the virtual clock (seconds in JSON, as `t`). */
    t: number;
  }
  /** The MSDTC resource. */
  export interface Msdtc {
    /** Whether a failure of MSDTC fails over the group holding it (recommended: off). */
    affect_the_group?: boolean;
    /** Whether network DTC access is on (recommended: off). */
    network_access?: boolean;
    /** Which group holds it. */
    placement?: MsdtcPlacement;
  }
  /** Where MSDTC is placed. */
  export type MsdtcPlacement = "cluster-group" | "own-group" | "none";
  /** A name the design needs registered (NetBIOS and DNS). */
  export interface NameNeed {
    holder: string;
    name: string;
  }
  /** A network, with the role Windows cluster administration gives it. */
  export interface Network {
    /** The network's name. */
    name: string;
    /** What traffic it carries. */
    role: NetworkRole;
    /** The IPv4 subnet in CIDR form, used by the IP plan when no subnet is given on the command line. */
    subnet?: Ipv4Net | null;
  }
  /** The role of a cluster network. */
  export type NetworkRole = "public" | "private" | "mixed";
  /** A network adapter of a node. */
  export interface Nic {
    /** Whether the adapter takes its address from DHCP (not supported: use static addresses). */
    dhcp?: boolean;
    /** The network this adapter is on. */
    network: string;
  }
  /** A cluster node: a Windows server with its own CPU, RAM, NICs and local disks. */
  export interface Node {
    /** The node's NetBIOS name. */
    name: string;
    /** The node's network adapters, one per network it sits on. */
    nics?: Nic[];
  }
  export interface NodeReport {
    groups: string[];
    name: string;
    /** The node's NICs, in its order, and whether each works (its own adapter and its network up). */
    nics: UpDown[];
    /** `up` (a cluster member), `down`, or `out-of-cluster` (up, but cut off from the quorum). */
    state: NodeState;
  }
  /** A node's state. */
  export type NodeState = "down" | "up" | "paused" | "out-of-cluster" | "unnoticed" | "evicted";
  /** The state of the cluster after a sequence of events, and how it got there. */
  export interface Outcome {
    /** Who reaches the mailboxes: Outlook clients directly, Internet clients through the front-end servers. */
    clients: ClientsReport;
    disks: DiskReport[];
    events: EventReport[];
    groups: GroupReport[];
    ips: IpCount;
    networks: UpDown[];
    nodes: NodeReport[];
    quorum: QuorumReport;
  }
  /** A group's place in one row of the matrix. */
  export interface Placement {
    name: string;
    /** The node it runs on; `None` when it is failed or offline. */
    owner?: string | null;
  }
  /** A position on the diagram. */
  export interface Position {
    x: number;
    y: number;
  }
  /** The quorum model. */
  export type Quorum = {
    /** The shared disk holding the quorum data. */
    disk: string;
    type: "disk";
  } | {
    type: "majority-node-set";
  };
  /** How the cluster keeps quorum. */
  export type QuorumModel = "majority-node-set" | "disk";
  export interface QuorumReport {
    held: boolean;
    /** Nodes in the cluster: up and in contact with the quorum owner. */
    members: string[];
    /** `disk` or `majority-node-set`. */
    model: QuorumModel;
    /** The node owning the Cluster Group (and the quorum disk, with standard quorum). */
    owner?: string | null;
    reason: string;
    source: string;
  }
  /** The count the clustering guide recommends: 2n + e + 1. */
  export interface Recommended {
    evs: number;
    formula: string;
    nodes: number;
    total: number;
  }
  /** A cluster resource of a group. */
  export interface Resource {
    /** Resources this one needs online first: a name in the same group, or `GROUP/RESOURCE`. */
    depends_on?: string[];
    /** For a Physical Disk: the shared disk. */
    disk?: string | null;
    /** How the cluster watches the resource. */
    health?: HealthCheck;
    /** The resource type. */
    kind: ResourceKind;
    /** The resource's name, unique within its group (events say `GROUP/RESOURCE`). */
    name: string;
    /** For an IP Address: the network it sits on. */
    network?: string | null;
    /** Nodes that may own this resource; all nodes when absent. A hard limit on where the group runs. */
    possible_owners?: string[] | null;
    /** What the cluster does when the resource fails. */
    restart?: RestartPolicy;
  }
  /** Resource types of an Exchange 2003 EVS. */
  export type ResourceKind = "ip-address" | "network-name" | "physical-disk" | "system-attendant" | "store" | "smtp" | "http" | "ms-search" | "routing" | "mta" | "imap4" | "pop3";
  export interface ResourceReport {
    name: string;
    /** `online`, `offline` or `failed` (`pending` only on the timeline). */
    state: ResourceState;
  }
  /** A resource's state. */
  export type ResourceState = "online" | "offline" | "failed" | "pending";
  /** How long a resource takes to come online and to go offline, in ms. */
  export interface ResourceTiming {
    offline_ms: number;
    online_ms: number;
  }
  /** What the cluster does when a resource fails. */
  export type RestartAction = "dont-restart" | "restart" | "restart-affect-group";
  /** The restart policy of a resource. */
  export interface RestartPolicy {
    /** What to do on failure (default: restart and affect the group). */
    action: RestartAction;
    /** The period in seconds (default: 900). */
    period_s: number;
    /** Restarts allowed on the same node in the period (Windows 2003 default: 3). */
    threshold: number;
  }
  /** One row of the matrix, with names. */
  export interface RowReport {
    failed: string[];
    groups: Placement[];
    online: number;
    quorum: boolean;
  }
  /** A whole design: the cluster, its groups and (for the app) where things are drawn. */
  export interface Scenario {
    /** The default Cluster Group: cluster IP, cluster name, quorum, MSDTC. */
    cluster_group?: ClusterGroup;
    /** The cluster's network name (NetBIOS), held by the default Cluster Group. */
    cluster_name: string;
    /** Free text about the design. */
    description?: string;
    /** The shared disks. */
    disks?: Disk[];
    /** The Exchange edition of every Exchange Virtual Server. */
    exchange: ExchangeEdition;
    /** Front-end servers in front of the cluster (never clustered themselves). */
    front_ends?: FrontEnds;
    /** The Exchange Virtual Servers, each a cluster group. */
    groups?: Group[];
    /** Diagram positions by name (used by the app; the engine ignores them). */
    layout?: { [key: string]: Position };
    /** What the design is called, for people. */
    name: string;
    /** The networks the nodes' NICs sit on. */
    networks: Network[];
    /** The nodes, in order; the order is the tie-breaker wherever the sources leave one open. */
    nodes: Node[];
    /** How the cluster keeps quorum. */
    quorum: Quorum;
    /** A failure script to play on the timeline: timed events such as `fail:node3@0s`, in time order. */
    script?: string[];
    /** How long things take on the failover timeline (durations the sources do not give). */
    timing?: Timing;
    /** Format version; this build reads version 1. */
    version: number;
    /** The Windows edition every node runs. */
    windows: WindowsEdition;
  }
  /** The Exchange server role of an EVS. */
  export type ServerRole = "back-end" | "front-end";
  /** How much a finding matters. */
  export type Severity = "error" | "warning" | "info";
  /** An Exchange storage group of an EVS. */
  export interface StorageGroup {
    /** The disk with its databases. */
    database_disk: string;
    /** The disk with its transaction logs. */
    log_disk: string;
    /** The storage group's name. */
    name: string;
    /** How many stores (databases) it holds; at most 5. */
    stores: number;
  }
  /** What a finding is about. */
  export type SubjectKind = "cluster" | "node" | "network" | "disk" | "group" | "resource" | "storage-group" | "front-end" | "server" | "site" | "witness" | "database" | "copy" | "dag";
  /** The summary of a matrix. */
  export interface Summary {
    combinations: number;
    /** The smallest set of failed nodes that takes a group down (the first in row order), if any. */
    first_loss?: Worst | null;
    groups: number;
    levels: Level[];
    max_failures: number;
    nodes: number;
    survival: GroupSurvival[];
    /** The largest k such that any k simultaneous node failures leave every group online. */
    tolerates_any: number;
  }
  /** A played script: its steps in time order, and the final state (what `simulate` gives). */
  export interface Timeline {
    final: Outcome;
    timeline: Entry[];
  }
  /** Durations of the failover timeline that the sources do not give: clusterplan's defaults, editable. */
  export interface Timing {
    /** How long the cluster takes to notice a node or a NIC that stopped answering (missed heartbeats), in ms. */
    heartbeat_detection_ms?: number;
    /** How long a node that comes back takes to join the cluster, in ms. */
    join_ms?: number;
    /** Per resource type, how long it takes to come online and to go offline (overrides of the defaults). */
    resources?: {
      http?: ResourceTiming;
      imap4?: ResourceTiming;
      "ip-address"?: ResourceTiming;
      "ms-search"?: ResourceTiming;
      mta?: ResourceTiming;
      "network-name"?: ResourceTiming;
      "physical-disk"?: ResourceTiming;
      pop3?: ResourceTiming;
      routing?: ResourceTiming;
      smtp?: ResourceTiming;
      store?: ResourceTiming;
      "system-attendant"?: ResourceTiming;
    };
  }
  export interface UpDown {
    name: string;
    up: boolean;
  }
  /** The findings of `validate`, and the design's mode in words (which the text output shows first). */
  export interface Validation {
    findings: Finding[];
  }
  /** The Windows edition of the nodes. */
  export type WindowsEdition = "server-2003-enterprise" | "server-2003-datacenter" | "server-2003-standard" | "2000-advanced-server" | "2000-datacenter" | "2000-server";
  /** A set of failed nodes and what it leaves. */
  export interface Worst {
    failed: string[];
    online: number;
    quorum: boolean;
  }
}

/** An Exchange 2010 to SE Database Availability Group: the scenario and every report. */
export namespace Dag {
  /** DatabaseCopyAutoActivationPolicy. */
  export type ActivationPolicy = "unrestricted" | "intrasite-only" | "blocked";
  export interface Address {
    address?: string | null;
    holder: string;
  }
  export type Area = "members" | "sites" | "witness" | "copies" | "preferences" | "lag" | "settings" | "state";
  /** Who reaches the DAG's mailboxes through the namespace. */
  export interface ClientsReport {
    /** Per database, whether clients reach it. */
    databases: DatabaseClients[];
    /** Is mail lost when a database fails over: what transport keeps. */
    mail: string;
    mail_source: string;
    /** The name clients use. */
    namespace: string;
    /** How clients get in, or why they cannot. */
    reason: string;
    /** Every database is mounted and reached through an address clients use. */
    served: boolean;
    source: string;
    /** The addresses clients reach the DAG through now. */
    through: string[];
    ttl_seconds: number;
    /** Every address, in DNS order. */
    vips: VipReport[];
    /**
     * Addresses that failed less than about 21 s ago: their clients still wait before trying the next (only
     * in a timeline's view at a time).
     */
    waiting: string[];
  }
  /** ContentIndexState of a copy. */
  export type ContentIndex = "healthy" | "crawling" | "failed";
  /** A database copy on one server, with the health a user sets for what-if teaching. */
  export interface Copy {
    /** The content index state. */
    content_index?: ContentIndex;
    /** Copy queue length: logs not yet copied here (missing logs if this copy is mounted). */
    copy_queue?: number;
    /** Activation preference: 1 is the most preferred; each copy of a database has its own number. */
    preference: number;
    /** ReplayLagTime in days (0: not lagged; at most 14). */
    replay_lag_days?: number;
    /** Replay queue length: logs copied but not yet replayed. */
    replay_queue?: number;
    server: string;
    /** The copy status. */
    status?: CopyStatus;
  }
  export interface CopyReport {
    /** It replays with a lag now (lagged in the design, not played down). */
    lagged: boolean;
    /** The Replay Lag Manager played its lag down. */
    played_down: boolean;
    preference: number;
    server: string;
    /**
     * `mounted`, `passive` (could run), or why it cannot run: `server-down`, `stopped`, `outside-quorum`,
     * `copy-failed`, `copy-status`, `dacp`.
     */
    state: CopyState;
    /**
     * Suspended by an administrator (its state says what keeps it from running first: a failed copy
     * suspended reads `copy-failed`, as Get-MailboxDatabaseCopyStatus says FailedAndSuspended).
     */
    suspended?: boolean;
  }
  /** A copy's state: mounted, passive (could run), or why it cannot be activated. */
  export type CopyState = "mounted" | "passive" | "server-down" | "stopped" | "outside-quorum" | "copy-failed" | "suspended" | "seeding" | "maintenance" | "copy-status" | "dacp" | "blocked" | "intrasite-only" | "max-active" | "mount-dial";
  /** The status of a copy (Get-MailboxDatabaseCopyStatus). */
  export type CopyStatus = "healthy" | "disconnected-and-healthy" | "disconnected-and-resynchronizing" | "seeding-source" | "resynchronizing" | "initializing" | "suspended" | "failed" | "failed-and-suspended" | "service-down";
  /** The marker of a DAG design. */
  export type DagKind = "dag";
  /** A DAG network. */
  export interface DagNetwork {
    name: string;
    role: DagNetworkRole;
    /** The network's subnet in each site it reaches. */
    subnets?: SiteSubnet[];
  }
  /** What a DAG network carries. */
  export type DagNetworkRole = "mapi" | "replication";
  /** A Database Availability Group design: sites, members, witness, networks and database copies. */
  export interface DagScenario {
    /** The alternate witness, used after a datacenter switchover (Restore-DatabaseAvailabilityGroup). */
    alternate_witness?: Witness | null;
    /** DatacenterActivationMode DagOnly: members mount only after reaching a member whose DACP bit is 1. */
    dac_mode?: boolean;
    /** The DAG's name (its cluster network name). */
    dag_name: string;
    /** The mailbox databases and their copies. */
    databases?: Database[];
    /** Free text about the design. */
    description?: string;
    /** The Exchange version every member runs. */
    exchange: ExchangeVersion;
    /** An IP-less DAG (no cluster administrative access point), Exchange 2013 SP1 and later. */
    ip_less?: boolean;
    /** Always `dag`: what tells a DAG design from a 2003 cluster. */
    kind: DagKind;
    /** Diagram positions by name (used by the app; the engine ignores them). */
    layout?: { [key: string]: Position };
    /** What the design is called, for people. */
    name: string;
    /** The name clients use and the load-balanced addresses behind it: the client-access tier. */
    namespace?: Namespace | null;
    /** The DAG networks: MAPI (clients) and replication, with a subnet per site. */
    networks?: DagNetwork[];
    /** A failure script for the app: events such as `fail-site:dc1`, in order. */
    script?: string[];
    /** The Mailbox servers that are DAG members (at most 16). */
    servers: Server[];
    /**
     * The datacenters (and a third location for the witness), in order. Every pair of sites is joined by a
     * WAN link, which events can fail.
     */
    sites: Site[];
    /**
     * Windows' dynamic quorum turned off (the cluster property DynamicQuorum = 0): every member keeps its
     * vote whatever happens, as on Windows Server 2008 R2. Only meaningful on Windows Server 2012 and later.
     */
    static_votes?: boolean;
    /** How long the steps of a failover take on the timeline (the sources give figures for some only). */
    timing?: DagTiming;
    /** Format version; this build reads version 1. */
    version: number;
    /**
     * The Windows Server version the members run; when left out, the newest one the Exchange version runs
     * on that clusterplan models for it (2010: 2008 R2, 2013: 2012 R2, 2016: 2016, 2019: 2019).
     */
    windows?: WindowsVersion | null;
    /** The witness server: not a member; its vote breaks ties when the member count is even. */
    witness: Witness;
  }
  /**
   * The durations the DAG timeline gives each step of a failover, in milliseconds; a file need only say what
   * differs.
   */
  export interface DagTiming {
    /**
     * Until the cluster notices a lost member or link: missed heartbeats (Windows Server 2016 and later: 10
     * missed 1-second heartbeats on one subnet, SameSubnetDelay × SameSubnetThreshold).
     */
    detection_ms?: number;
    /** Mounting the chosen copy (the sources give no figure: clusterplan's 10 s). */
    mount_ms?: number;
    /**
     * PreferenceMoveFrequency (Exchange 2016 CU2 and later; default 1 hour, 0 turns it off): how often the
     * Replication service moves each database back to its preference-1 copy with a lossless switchover. It
     * runs on the virtual clock, from 0, in scripts with times.
     */
    preference_move_ms?: number;
    /** Until clients reach the database again: a failed address costs about 20 s before the next is tried. */
    reconnect_ms?: number;
    /**
     * Reseeding a copy (Update-MailboxDatabaseCopy), per GB of its database (the sources give no figure:
     * clusterplan's 20 s, about 50 MB/s over the replication network).
     */
    reseed_ms_per_gb?: number;
    /** Active Manager's best copy and server selection (the sources give no figure: clusterplan's 2 s). */
    selection_ms?: number;
  }
  /** A mailbox database and its copies. */
  export interface Database {
    /**
     * The server it is mounted on at the start, when that is not its preference-1 copy's (a running DAG's
     * state, Get-MailboxDatabase's Server). A switchover or PreferenceMoveFrequency moves it back.
     */
    active?: string | null;
    /** Its copies (at most 16), one per server. At the start the copy with activation preference 1 is active. */
    copies: Copy[];
    /**
     * Where its database file goes on every server (New-MailboxDatabase -EdbFilePath); none given,
     * clusterplan writes AutoReseed's layout, `C:\ExchangeDatabases\<db>\<db>.db\<db>.edb`.
     */
    edb_path?: string | null;
    /** Where its transaction logs go (-LogFolderPath); none given, `C:\ExchangeDatabases\<db>\<db>.log`. */
    log_path?: string | null;
    name: string;
    /** Its size in GB, for how long a reseed takes; none given, clusterplan assumes 200 GB. */
    size_gb?: number | null;
  }
  /** Whether clients reach one database. */
  export interface DatabaseClients {
    name: string;
    reason: string;
    served: boolean;
  }
  export interface DatabaseReport {
    /** Every copy, in the file's order. */
    copies: CopyReport[];
    /**
     * How the mounted copy was chosen: `active` (stayed), `switchover`, or `criteria-N` (best copy selection
     * set N, `lagged-criteria-N` for a lagged copy); for a dismounted database, why: `no-quorum`, `no-copies`,
     * or the exclusion of the copy that came closest (`dacp`, `blocked`, `mount-dial`, `max-active`, …).
     */
    criterion: string;
    /**
     * The logs its mount lost: the copy queue of a copy mounted after its active copy was gone (a lossy
     * failover, or a switchover with -MountDialOverride); none when its logs were copied first.
     */
    lost_logs?: number;
    name: string;
    /**
     * For a mounted database: what best copy selection would do if its active copy failed now, everything
     * else as it is.
     */
    next?: NextCopyReport | null;
    reason: string;
    server?: string | null;
    source: string;
    /**
     * Split brain: the server where stopped members holding quorum under the configuration they last knew
     * mount it too (a datacenter switchover without DAC mode).
     */
    split_brain?: string | null;
    /** `mounted` or `dismounted` (`failing-over` in a timeline's view between a failure and the mount). */
    state: MountState;
  }
  /** One difference. */
  export interface Difference {
    area: Area;
    /** As planned; `none` when the plan lacks it. */
    plan: string;
    /** As it runs; `none` when the running DAG lacks it. */
    running: string;
    /** What it is about: a server, a database, a copy (`DB1 on EX2`), a setting. */
    subject: string;
  }
  /**
   * Every difference, and both designs' failure modes. Read back (the component's `diff`, in its worker, to
   * the DAG page) as it is written.
   */
  export interface Drift {
    differences: Difference[];
    /** The Role Requirements Calculator's failure modes of each, side by side. */
    modes: ModePair[];
    /** No difference at all (the failure modes then agree too). */
    same: boolean;
    /**
     * The largest number of members that may fail at once with every database still mounted: in the plan,
     * in the running DAG.
     */
    tolerates: number[];
  }
  /** One step of the timeline. */
  export interface Entry {
    change: string;
    /** The script event (its index) this step follows from. */
    event: number;
    /**
     * A step the story turns on (a failure, an administrator's action, quorum decided, the first and last
     * database of a wave): a player narrates it large and lists the others beneath.
     */
    key: boolean;
    reason: string;
    source: string;
    /** What changes: a server, a site, `WAN dc1-dc2`, the witness, `quorum`, a database. */
    subject: string;
    /** When, in ms on the virtual clock (seconds in JSON, as `t`). */
    t: number;
  }
  export interface EventReport {
    applied: boolean;
    event: string;
    refused?: string | null;
  }
  /** The Exchange version of the members. */
  export type ExchangeVersion = "2010" | "2013" | "2016" | "2019" | "se";
  /** One failure mode and what it leaves. */
  export interface FailureMode {
    busiest?: string | null;
    /** With a namespace: clients reach every database. */
    clients?: boolean | null;
    dismounted: number;
    /** What failed, in the worst case of this mode. */
    failed: string[];
    /** The most databases active on one server, and the first server with that many. */
    max_active: number;
    /** `normal`, `single server`, `double server`, `site dc1`, `site dc1, then a server`, `worst`. */
    mode: string;
    mounted: number;
    quorum: boolean;
  }
  /** One rule applied to one subject. */
  export interface Finding {
    message: string;
    rule: string;
    severity: Severity;
    source: string;
    /** The name of the thing: `node3`, `EVS1`, `EVS1/Store`, `EVS1/SG1`; the cluster's name for the cluster. */
    subject: string;
    subject_kind: SubjectKind;
  }
  /**
   * The DAG's static addresses: one per MAPI subnet for the DAG (none when IP-less), one per network per
   * member in each site the network reaches.
   */
  export interface IpPlan {
    dag_addresses: number;
    findings: Finding[];
    /** Names in DNS: the DAG's (none when IP-less) and the namespace's. */
    names: number;
    server_addresses: number;
    subnets: SubnetPlan[];
    total: number;
    /** The namespace's virtual IP addresses (on the load balancers, from the MAPI subnet of their site). */
    vip_addresses: number;
  }
  /** The answer for one number of simultaneous server failures. */
  export interface Level {
    all_mounted: number;
    /** With a namespace: the sets after which clients still reach every database. */
    clients_served?: number | null;
    combinations: number;
    failures: number;
    fewest_mounted: number;
    max_active: number;
    /**
     * Whether every set of this many failed servers leaves every database mounted and, with a namespace,
     * reached by clients.
     */
    tolerated: boolean;
    with_quorum: number;
    /**
     * The set of this many failed servers that leaves the fewest databases mounted (then the most active
     * on one server): the first such, in the order the sets are tried.
     */
    worst: string[];
  }
  /** The matrix as the CLI prints it. */
  export interface MatrixReport {
    rows?: RowReport[] | null;
    summary: Summary;
  }
  export interface ModeOutcome {
    dismounted: number;
    mounted: number;
    quorum: boolean;
  }
  /** One failure mode in each design (`-` where a design has no such mode). */
  export interface ModePair {
    mode: string;
    plan?: ModeOutcome | null;
    running?: ModeOutcome | null;
  }
  /**
   * One moment of a played script, as `clusterplan simulate --at` prints it: the time asked for, the steps
   * told then (those at the time of the last step up to it), and the design as it stands then — what a
   * player shows at that time, every part of it.
   */
  export interface Moment {
    /** The design as it stands. */
    state: Outcome;
    /** The steps told at this moment, in the order they are told. */
    steps: Entry[];
    /** The time, in ms on the virtual clock (seconds in JSON, as `t`). */
    t: number;
  }
  /** AutoDatabaseMountDial. */
  export type MountDial = "lossless" | "good-availability" | "best-availability";
  /** Whether a database is mounted. */
  export type MountState = "mounted" | "dismounted" | "failing-over";
  /**
   * The namespace clients connect to (`mail.contoso.com`) and the virtual IP addresses DNS hands out for it,
   * each on a load balancer in front of a site's Mailbox servers. Exchange 2013 and later clients get every
   * address and try the next when one fails hard (about 20 s later); Exchange 2010 clients reach the first one
   * only, until an administrator changes DNS (a namespace switchover).
   */
  export interface Namespace {
    /** The fully qualified name clients use. */
    name: string;
    /** The time to live of its DNS records, in seconds (Microsoft's advice for Exchange 2010: 5 minutes). */
    ttl_seconds?: number;
    /** The virtual IP addresses, in the order DNS gives them. */
    vips: Vip[];
  }
  /**
   * The copy a mounted database would move to if its active copy failed now, and why — or why none could take
   * it.
   */
  export interface NextCopyReport {
    /** `criteria-N` (`lagged-criteria-N`) as for a mount, or the exclusion of the copy that came closest. */
    criterion: string;
    reason: string;
    /** The server of the copy best copy selection would activate; none when no copy could be. */
    server?: string | null;
  }
  /** The state of a DAG after a sequence of events. */
  export interface Outcome {
    /** Who reaches the mailboxes through the namespace, when the design has one. */
    clients?: ClientsReport | null;
    databases: DatabaseReport[];
    dismounted: number;
    events: EventReport[];
    mounted: number;
    partitions: PartitionReport[];
    quorum: QuorumReport;
    servers: ServerReport[];
    sites: SiteReport[];
    /** Every pair of sites' WAN link. */
    wan: WanReport[];
    witness: WitnessReport;
  }
  export interface PartitionReport {
    members: string[];
    needed: number;
    quorum: boolean;
    sites: string[];
    votes: number;
    witness: boolean;
  }
  /** A position on the diagram. */
  export interface Position {
    x: number;
    y: number;
  }
  /** Which quorum model the member count gives. */
  export type QuorumModel = "node-majority" | "node-and-file-share-majority";
  export interface QuorumReport {
    held: boolean;
    /** `node-majority` (odd member count) or `node-and-file-share-majority` (even: the witness votes). */
    model: QuorumModel;
    needed: number;
    reason: string;
    source: string;
    /**
     * Members stopped by a datacenter switchover that came back where the running DAG cannot reach them and,
     * counting the votes they last knew, hold quorum in their own eyes.
     */
    stale?: StaleQuorumReport | null;
    /**
     * The test that decided quorum at the last change, before dynamic quorum made the survivors' votes the
     * whole: `votes` of `total`, `needed` to hold.
     */
    test: QuorumTestReport;
    /** Every vote there is now (under dynamic quorum, the votes of the last membership that held quorum). */
    total: number;
    /** `static`, `dynamic-quorum` (Windows Server 2012) or `dynamic-quorum-and-witness` (2012 R2 and later). */
    vote_model: VoteModelWord;
    /** The votes of the partition holding quorum, or of the strongest partition when none does. */
    votes: number;
    /** The Windows Server version the members run. */
    windows: string;
  }
  /**
   * The test that decided quorum: a partition's votes against a majority of every vote there was before the
   * change.
   */
  export interface QuorumTestReport {
    /** Which members (and whether the witness) gave those votes. */
    members: string[];
    needed: number;
    total: number;
    votes: number;
    witness: boolean;
  }
  /** One row with names. */
  export interface RowReport {
    /** Active databases per server, in server order (failed servers show 0). */
    active: number[];
    /** With a namespace: clients reach every database. */
    clients?: boolean | null;
    failed: string[];
    mounted: number;
    quorum: boolean;
  }
  /** A Mailbox server, member of the DAG, with its activation settings (Set-MailboxServer). */
  export interface Server {
    /** DatabaseCopyAutoActivationPolicy (default: unrestricted). */
    activation_policy?: ActivationPolicy;
    /**
     * Down at the start: a running DAG's member that is not up (Get-ClusterNode's State Down). The
     * simulation starts without it, its vote already taken away where dynamic quorum does so.
     */
    down?: boolean;
    /** MaximumActiveDatabases: a hard cap on databases mounted here (none by default). */
    max_active?: number | null;
    /** MaximumPreferredActiveDatabases: a soft cap, honoured by best copy selection (2013 and later). */
    max_preferred_active?: number | null;
    /** AutoDatabaseMountDial: how many missing logs an automatic mount accepts (default: good-availability). */
    mount_dial?: MountDial;
    name: string;
    /** The site it stands in. */
    site: string;
    /**
     * Spare volumes AutoReseed may use (Exchange 2013 and later): a copy failed for 30 minutes is reseeded
     * onto one of them.
     */
    spare_volumes?: number;
    /**
     * The Windows Server version this member runs, when it differs from the DAG's (`windows`): only a
     * running DAG's import says so, and the rules then report the mix (the engine models the DAG's).
     */
    windows?: WindowsVersion | null;
  }
  export interface ServerReport {
    /** Databases mounted here. */
    active: number;
    /** The DACP bit, in DAC mode. */
    dacp?: boolean | null;
    /** The server itself failed (an event), as opposed to its site. */
    failed: boolean;
    /** In maintenance (StartDagServerMaintenance.ps1). */
    maintenance?: boolean;
    name: string;
    site: string;
    /** `up`, `down`, `stopped` (Stop-DatabaseAvailabilityGroup) or `cut-off` (up, outside the quorum partition). */
    state: ServerState;
    /** Whether it has a vote now (its DynamicWeight under dynamic quorum). */
    vote: boolean;
  }
  /** A member server's state. */
  export type ServerState = "up" | "down" | "stopped" | "cut-off" | "unnoticed";
  /** How much a finding matters. */
  export type Severity = "error" | "warning" | "info";
  /** A datacenter or other location. */
  export interface Site {
    name: string;
    /**
     * The site's network carries traffic between other sites (a WAN hub). A site with no DAG member (an
     * empty one, or the witness's own) routes nothing unless this says so.
     */
    routes?: boolean;
  }
  export interface SiteReport {
    name: string;
    up: boolean;
  }
  /** One subnet of a DAG network, in one site. */
  export interface SiteSubnet {
    /** The subnet, if known; addresses are then assigned from it. */
    cidr?: string | null;
    site: string;
  }
  /** Stopped members holding quorum under the configuration they last knew. */
  export interface StaleQuorumReport {
    members: string[];
    /** Databases they mount a second time (split brain): none in DAC mode, where their DACP bit is 0. */
    mounts: string[];
    needed: number;
    reason: string;
    sites: string[];
    source: string;
    total: number;
    votes: number;
  }
  /** What a finding is about. */
  export type SubjectKind = "cluster" | "node" | "network" | "disk" | "group" | "resource" | "storage-group" | "front-end" | "server" | "site" | "witness" | "database" | "copy" | "dag";
  export interface SubnetPlan {
    /** Holder and address (when the subnet is known), in order: the DAG first, then the servers. */
    addresses: Address[];
    cidr?: string | null;
    network: string;
    site: string;
  }
  /** The summary of a DAG matrix. */
  export interface Summary {
    combinations: number;
    databases: number;
    levels: Level[];
    max_failures: number;
    /** The Role Requirements Calculator's failure modes, computed exhaustively. */
    modes: FailureMode[];
    /** Which quorum model the results assume, and what happens at once and what one after the other. */
    quorum_note: string;
    servers: number;
    /**
     * The largest k such that any k failed servers leave every database mounted (and, with a namespace,
     * reached by clients).
     */
    tolerates_any: number;
  }
  /** A DAG failure script unfolded, and the outcome it ends in (equal to `simulate`'s). */
  export interface Timeline {
    final: Outcome;
    timeline: Entry[];
  }
  /** The findings of `validate`, and the design's mode in words (which the text output shows first). */
  export interface Validation {
    findings: Finding[];
  }
  /** A load-balanced virtual IP address of the namespace, in front of one site's Mailbox servers. */
  export interface Vip {
    /** Its address, when the design names one; otherwise the IP plan assigns it from the site's MAPI subnet. */
    address?: string | null;
    /** What events call it (`fail-vip:NAME`). */
    name: string;
    /** The site whose load balancer holds it. */
    site: string;
  }
  /** A virtual IP address of the namespace. */
  export interface VipReport {
    /** Clients are given it: every address for Exchange 2013 and later; for Exchange 2010 the one DNS points at. */
    in_dns: boolean;
    name: string;
    site: string;
    state: VipState;
  }
  /** Whether a virtual IP address answers, and why not. */
  export type VipState = "up" | "failed" | "site-down" | "no-servers";
  /** How votes behave as members come and go. */
  export type VoteModelWord = "static" | "dynamic-quorum" | "dynamic-quorum-and-witness";
  export interface WanReport {
    sites: string[];
    up: boolean;
  }
  /** The Windows Server version of the DAG members. */
  export type WindowsVersion = "2008" | "2008-r2" | "2012" | "2012-r2" | "2016" | "2019" | "2022" | "2025";
  /** A witness server (a file share on a server that is not a DAG member). */
  export interface Witness {
    /**
     * The witness directory on that server (New-DatabaseAvailabilityGroup -WitnessDirectory); none given,
     * clusterplan writes `C:\DAGFileShareWitnesses\<DAG name>`.
     */
    directory?: string | null;
    /** A file share on that server (the default), or Windows' cloud witness, which Exchange does not support. */
    kind?: WitnessKind;
    server: string;
    site: string;
  }
  /** Which witness the DAG uses. */
  export type WitnessInUse = "primary" | "alternate";
  /** What a witness is. */
  export type WitnessKind = "file-share" | "cloud";
  export interface WitnessReport {
    /** The witness server itself failed (an event), as opposed to its site. */
    failed: boolean;
    /** `primary` or `alternate`. */
    in_use: WitnessInUse;
    server: string;
    site: string;
    up: boolean;
    /** Why it votes or not, in a few words (`votes`, `no vote: odd member count`, …). */
    vote_note: string;
    /**
     * Whether the witness has a vote now (even member count; under dynamic witness, an even number of
     * voting members too).
     */
    votes: boolean;
  }
  export type Scenario = DagScenario;
}

/** What both families share. */
export namespace Shared {
  /** A rule: what it checks and where it comes from. */
  export interface Rule {
    id: string;
    severity: Severity;
    source: string;
    summary: string;
  }
  /** Every rule of both families, with its id, severity and source, as `rules` prints them. */
  export interface Rules {
    rules: Rule[];
  }
  /** How much a finding matters. */
  export type Severity = "error" | "warning" | "info";
}
