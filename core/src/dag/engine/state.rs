//! The state of a simulated DAG and the values Active Manager decides with: partitions and their votes,
//! why a copy cannot be activated, how a mounted copy was chosen, why a database is dismounted, and why an
//! event is refused.

use crate::dag::design::{CopyId, DatabaseId, Design, ServerId, SiteId, VipId};
use crate::dag::event::DialOverride;
use crate::dag::model::{CopyStatus, MountDial};
use std::ops::{Index, IndexMut};
use std::sync::Arc;

/// A value per database copy, every database's copies in one allocation (a state is copied at every click,
/// and hundreds of small allocations would be most of the copy), read and written by [`CopyId`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerCopy<T> {
    /// Per database: where its copies start in `values`; shared by every table of the same DAG.
    start: Arc<[u32]>,
    values: Vec<T>,
}

impl<T: Clone> PerCopy<T> {
    /// `value` for every copy of `dag`.
    pub fn new(dag: &Design, value: T) -> PerCopy<T> {
        let mut next = 0;
        let start = dag
            .copy_server
            .iter()
            .map(|copies| {
                let start = next;
                next += copies.len() as u32;
                start
            })
            .collect();
        PerCopy { start, values: vec![value; next as usize] }
    }
}

impl<T> PerCopy<T> {
    fn at(&self, copy: CopyId) -> usize {
        self.start[copy.database.index()] as usize + copy.index as usize
    }
}

impl<T> Index<CopyId> for PerCopy<T> {
    type Output = T;
    fn index(&self, copy: CopyId) -> &T {
        &self.values[self.at(copy)]
    }
}

impl<T> IndexMut<CopyId> for PerCopy<T> {
    fn index_mut(&mut self, copy: CopyId) -> &mut T {
        let at = self.at(copy);
        &mut self.values[at]
    }
}

/// A group of sites that can reach each other, with the votes its members and the witness give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partition {
    pub sites: Vec<SiteId>,
    /// Members (up, not stopped) in these sites.
    pub members: Vec<ServerId>,
    /// Whether the witness in use stands here, is up and gives a vote.
    pub witness_vote: bool,
    pub votes: u32,
    pub needed: u32,
}

impl Partition {
    pub fn held(&self) -> bool {
        self.votes >= self.needed
    }
}

/// Why a copy cannot be activated, in the order best copy selection meets them; the later, the closer the
/// copy came to being mounted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exclusion {
    ServerDown,
    /// Stop-DatabaseAvailabilityGroup took the server out.
    Stopped,
    /// Up, but in a partition without quorum.
    OutsideQuorum,
    CopyFailed,
    /// Suspend-MailboxDatabaseCopy suspended it.
    Suspended,
    /// Update-MailboxDatabaseCopy is reseeding it.
    Seeding,
    /// Its server is in maintenance (StartDagServerMaintenance.ps1).
    Maintenance,
    Status(CopyStatusKey),
    /// DAC mode: the server's DACP bit is 0.
    Dacp,
    Blocked,
    /// IntrasiteOnly, and the database was active in another site.
    IntrasiteOnly,
    /// MaximumActiveDatabases reached.
    MaxActive(u32),
    /// The copy queue is longer than the server's AutoDatabaseMountDial accepts.
    MountDial {
        copy_queue: u32,
        dial: MountDial,
    },
}

impl Exclusion {
    /// The active copy excluded this way is gone for the DAG (its server, its partition, the copy itself):
    /// the logs not yet copied from it cannot be, and a copy mounted instead loses them. Excluded otherwise
    /// (maintenance, a cap), it still runs and its logs are copied first.
    pub fn source_gone(self) -> bool {
        matches!(
            self,
            Exclusion::ServerDown
                | Exclusion::Stopped
                | Exclusion::OutsideQuorum
                | Exclusion::CopyFailed
                | Exclusion::Status(_)
                | Exclusion::Dacp
        )
    }
}

/// [`CopyStatus`] with an order, for [`Exclusion`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CopyStatusKey(pub u8);

impl CopyStatusKey {
    pub fn status(self) -> CopyStatus {
        CopyStatus::ALL[self.0 as usize]
    }
}

pub(super) fn status_key(status: CopyStatus) -> CopyStatusKey {
    CopyStatusKey(CopyStatus::ALL.iter().position(|&s| s == status).unwrap_or(0) as u8)
}

/// How a mounted copy came to be the one mounted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    /// It was the active copy and still can be.
    StillActive,
    /// Best copy selection: the criteria set (1–10) that picked it, and whether it is a lagged copy (taken only
    /// when no copy without lag qualified).
    Criteria { set: u8, lagged: bool },
    /// Activated by hand.
    Switchover,
    /// Moved back to its preference-1 copy by PreferenceMoveFrequency (a lossless switchover).
    Rebalanced,
    /// Moved back to its preference-1 copy by RedistributeActiveDatabases.ps1.
    Redistributed,
}

/// Why a database is dismounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dismount {
    /// No partition holds quorum: every database in the DAG is dismounted.
    NoQuorum,
    NoCopies,
    /// Every copy is excluded; per copy, why (the copy that came closest first).
    NoCandidate(Vec<(CopyId, Exclusion)>),
}

/// The state of one database after settling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseState {
    Mounted { copy: CopyId, selection: Selection, previous: Option<(CopyId, Exclusion)> },
    Dismounted(Dismount),
}

/// The configuration the members stopped by a datacenter switchover last knew: they were down or cut off
/// when it ran, so nobody told them. Kept until every stopped member has rejoined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    /// Per server: its vote before the switchover.
    pub vote: Vec<bool>,
    /// Whether the (primary) witness voted.
    pub witness_weight: bool,
    /// Per database: its active copy before the switchover.
    pub active: Vec<Option<CopyId>>,
}

/// Stopped members that came back where the running DAG cannot reach them and, counting the votes they last
/// knew, hold quorum in their own eyes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleQuorum {
    /// Their partition (an index into `partitions`).
    pub partition: usize,
    pub members: Vec<ServerId>,
    /// Whether the primary witness gives them its vote.
    pub witness: bool,
    pub votes: u32,
    /// Every vote they know of.
    pub total: u32,
    /// What they mount: without DAC mode, the databases whose active copy they last knew is on one of them
    /// (a second time: split brain); in DAC mode nothing, unless a member's DACP bit is 1.
    pub mounts: Vec<(DatabaseId, ServerId)>,
}

/// Everything that can change in a DAG.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// The server itself works (its site may still be down).
    pub server_ok: Vec<bool>,
    pub site_up: Vec<bool>,
    /// Per pair of sites (a * sites + b, both ways): the WAN link is down.
    pub wan_down: Vec<bool>,
    /// The witness server itself works.
    pub witness_ok: bool,
    /// The DAG uses the alternate witness (after a datacenter switchover).
    pub alternate_in_use: bool,
    /// Per database, per copy: failed by an event.
    pub copy_failed: PerCopy<bool>,
    /// Per database, per copy: suspended by an administrator (Suspend-MailboxDatabaseCopy).
    pub suspended: PerCopy<bool>,
    /// Per database, per copy: being reseeded (Update-MailboxDatabaseCopy) until the clock completes it.
    pub seeding: PerCopy<bool>,
    /// Per server: the spare volumes AutoReseed has taken.
    pub spares_used: Vec<u32>,
    /// Per server: in maintenance (StartDagServerMaintenance.ps1).
    pub maintenance: Vec<bool>,
    /// Per database, per copy: a lagged copy the Replay Lag Manager has played down (now without lag).
    pub played_down: PerCopy<bool>,
    /// Per server: on the stopped list (Stop-DatabaseAvailabilityGroup).
    pub stopped: Vec<bool>,
    /// Per server: the DACP bit (DAC mode).
    pub dacp: Vec<bool>,
    /// Per server: the step at which it last went down.
    pub down_at: Vec<u32>,
    /// The step at which the witness last came up.
    pub witness_up_since: u32,
    /// Applied events so far.
    pub step: u32,
    /// Per server: its current vote (the node's DynamicWeight under dynamic quorum; under static votes,
    /// every member not stopped).
    pub vote: Vec<bool>,
    /// Whether the witness currently has a vote (WitnessDynamicWeight under dynamic witness; under static
    /// votes, an even member count).
    pub witness_weight: bool,
    /// The Primary Active Manager: the member owning the cluster group, in the partition with quorum.
    pub pam: Option<ServerId>,
    /// Per database: the active copy (mounted or not).
    pub active: Vec<Option<CopyId>>,
    /// Per database: the logs its mount lost (the copy queue of a copy mounted after its active copy was
    /// gone, so its logs could not be copied first); 0 when nothing was lost, or once it moved losslessly.
    pub lost_logs: Vec<u32>,
    /// What the members stopped by a datacenter switchover last knew, until they all rejoin.
    pub known: Option<Known>,
    /// Per virtual IP address of the namespace: it works (its load balancer answers on it).
    pub vip_ok: Vec<bool>,
    /// The address DNS points the namespace at, for Exchange 2010 clients (moved by a namespace switchover).
    pub dns_vip: VipId,
    // What settling derives.
    pub up: Vec<bool>,
    pub witness_up: bool,
    /// Per site: its partition (an index into `partitions`), or None when the site is down.
    pub site_partition: Vec<Option<usize>>,
    pub partitions: Vec<Partition>,
    /// The partition the witness's vote went to: the one that reached it, or won the arbitration for it.
    pub witness_partition: Option<usize>,
    /// The partition holding quorum, if any.
    pub quorum: Option<usize>,
    pub databases: Vec<DatabaseState>,
    /// Per server: databases mounted there.
    pub load: Vec<u32>,
    /// Stopped members holding quorum under the configuration they last knew, if any.
    pub stale: Option<StaleQuorum>,
    /// The test that decided quorum when the DAG last settled, before dynamic quorum adjusted the votes.
    pub tested: QuorumTest,
}

/// The test that decides quorum as the DAG settles: the votes of the partition that holds it (else of the
/// strongest) against every vote there was before the step. Under dynamic quorum the survivors' votes then
/// become the whole, so the numbers the DAG runs on afterwards are smaller than those that decided.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuorumTest {
    pub votes: u32,
    pub total: u32,
    /// The members whose votes those were.
    pub voters: Vec<ServerId>,
    /// The witness's vote was among `votes`.
    pub witness: bool,
}

impl State {
    /// Whether a server is up (it works and its site is up).
    pub fn is_up(&self, server: ServerId) -> bool {
        self.up[server.index()]
    }

    /// The partition a server is in, if it is up.
    pub fn server_partition(&self, dag: &Design, server: ServerId) -> Option<usize> {
        if self.is_up(server) { self.site_partition[dag.site_of(server).index()] } else { None }
    }

    /// The server where a database is mounted.
    pub fn mounted_on(&self, dag: &Design, database: DatabaseId) -> Option<ServerId> {
        match self.databases[database.index()] {
            DatabaseState::Mounted { copy, .. } => Some(dag.copy_server(copy)),
            DatabaseState::Dismounted(_) => None,
        }
    }

    /// Mounts a database on `copy` at once (a switchover, a rebalancing move): its count of active
    /// databases moves with it, so the next move in the same step sees it.
    pub(super) fn activate(&mut self, dag: &Design, copy: CopyId, selection: Selection) {
        if let Some(previous) = self.mounted_on(dag, copy.database) {
            self.load[previous.index()] -= 1;
        }
        self.load[dag.copy_server(copy).index()] += 1;
        self.active[copy.database.index()] = Some(copy);
        self.databases[copy.database.index()] = DatabaseState::Mounted { copy, selection, previous: None };
        self.lost_logs[copy.database.index()] = 0;
    }

    pub fn mounted_count(&self) -> usize {
        self.databases.iter().filter(|d| matches!(d, DatabaseState::Mounted { .. })).count()
    }

    /// The witness in use: its site.
    pub fn witness_site(&self, dag: &Design) -> SiteId {
        match (self.alternate_in_use, dag.alternate_site) {
            (true, Some(site)) => site,
            _ => dag.witness_site,
        }
    }

    fn wan_index(&self, a: SiteId, b: SiteId) -> usize {
        a.index() * self.site_up.len() + b.index()
    }

    pub fn wan_up(&self, a: SiteId, b: SiteId) -> bool {
        !self.wan_down[self.wan_index(a, b)]
    }

    pub(super) fn set_wan(&mut self, a: SiteId, b: SiteId, down: bool) {
        let (ab, ba) = (self.wan_index(a, b), self.wan_index(b, a));
        self.wan_down[ab] = down;
        self.wan_down[ba] = down;
    }

    /// The members counted for quorum: servers not stopped.
    pub fn member_count(&self) -> u32 {
        self.stopped.iter().filter(|&&s| !s).count() as u32
    }

    /// Every vote there is now: the members' and the witness's.
    pub fn total_votes(&self) -> u32 {
        self.vote.iter().filter(|&&v| v).count() as u32 + u32::from(self.witness_weight)
    }

    /// Whether a partition reaches a site: the site is in it, or is a site that carries no member traffic
    /// (the witness's own, say) joined to one of the partition's sites by a working WAN link.
    pub fn reaches(&self, dag: &Design, partition: usize, site: SiteId) -> bool {
        if !self.site_up[site.index()] {
            return false;
        }
        if self.site_partition[site.index()] == Some(partition) {
            return true;
        }
        !dag.site_carries[site.index()]
            && self.partitions[partition].sites.iter().any(|&a| a != site && self.wan_up(a, site))
    }

    /// Whether a copy replays with a lag now: lagged in the design and not played down.
    pub fn lagged(&self, dag: &Design, copy: CopyId) -> bool {
        dag.scenario.databases[copy.database.index()].copies[copy.index as usize].replay_lag_days > 0
            && !self.played_down[copy]
    }

    /// Whether a copy failed by an event.
    pub fn copy_failed(&self, copy: CopyId) -> bool {
        self.copy_failed[copy]
    }
}

/// A part of the DAG an event fails or restores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Server(ServerId),
    Site(SiteId),
    Wan(SiteId, SiteId),
    /// Every WAN link of a site.
    SiteWan(SiteId),
    Witness,
    Copy(CopyId),
    /// A virtual IP address of the namespace.
    Vip(VipId),
}

/// Why an event could not be carried out; the state is unchanged. `explain::refusal` says it in
/// words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Failing what is already down (or failed).
    AlreadyDown(Part),
    /// Restoring what is not down.
    NotDown(Part),
    /// A switchover to the copy that is mounted already.
    AlreadyMounted(CopyId),
    /// Suspending the mounted copy: a database's active copy is not suspended (move the database first).
    SuspendActive(CopyId),
    AlreadySuspended(CopyId),
    NotSuspended(CopyId),
    /// A reseed of a copy that is not suspended: "You must suspend a database copy before you can update it".
    NotSuspendedToSeed(CopyId),
    AlreadySeeding(CopyId),
    /// A reseed while the database is mounted nowhere (no copy to seed from), or of a copy on a server that
    /// is down or cut off.
    NoSeedSource(CopyId),
    SeedUnreachable(CopyId),
    AlreadyInMaintenance(ServerId),
    NotInMaintenance(ServerId),
    /// Maintenance of a server that is down or outside the partition with quorum.
    MaintenanceUnreachable(ServerId),
    /// StartDagServerMaintenance.ps1 stops when a database cannot be moved off the server.
    CannotMoveOff(ServerId, DatabaseId),
    /// A planned move into a site where this database has no copy a switchover may take.
    NoCopyInSite(DatabaseId, SiteId),
    /// A planned move into a site where every database already is, or a redistribution with nothing to move.
    NothingToMove,
    /// A switchover while no partition holds quorum.
    NoQuorum(DatabaseId),
    /// A switchover to a copy that cannot be activated, and why.
    CannotActivate(CopyId, Exclusion),
    /// A switchover while the active copy is gone, to a copy missing more logs than -MountDialOverride
    /// accepts (Lossless, the default, accepts none).
    LogsMissing(CopyId, u32, DialOverride),
    SiteDown(SiteId),
    /// A datacenter switchover while these sites still hold quorum.
    QuorumHeldBy(Vec<SiteId>),
    /// A datacenter switchover to a site with no running member.
    NoRunningMember(SiteId),
    /// A datacenter switchover that would stop nobody.
    NothingToSwitch(SiteId),
    /// Start-DatabaseAvailabilityGroup in a site with no stopped member.
    NoneStopped(SiteId),
    /// Start-DatabaseAvailabilityGroup while the DAG has no quorum.
    NoQuorumToJoin,
    /// Start-DatabaseAvailabilityGroup cannot reach this stopped member.
    Unreachable(ServerId),
    /// A namespace switchover on Exchange 2013 or later, where clients try every address by themselves.
    NoSwitchNeeded,
    /// A namespace switchover to the address DNS already points at.
    AlreadyInDns(VipId),
}
