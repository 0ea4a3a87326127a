//! Active Manager on a virtual DAG: events fail and restore servers, sites, WAN links, the witness and
//! copies; after each one the DAG settles: partitions and their votes, which partition holds quorum, the
//! DACP bits in DAC mode, and for every database the mounted copy (best copy selection) or why none is.
//!
//! Everything is deterministic: databases are settled in file order, ties go to the lower activation
//! preference, then to the copy listed first.

use super::design::{CopyId, DatabaseId, Design, ServerId, SiteId};
use super::event::Event;
use super::model::{ActivationPolicy, ContentIndex, CopyStatus, MountDial};
use crate::partition::Partitions;

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

/// [`CopyStatus`] with an order, for [`Exclusion`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CopyStatusKey(pub u8);

impl CopyStatusKey {
    pub fn status(self) -> CopyStatus {
        CopyStatus::ALL[self.0 as usize]
    }
}

fn status_key(status: CopyStatus) -> CopyStatusKey {
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
    pub copy_failed: Vec<Vec<bool>>,
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
    /// Per database: the active copy (mounted or not).
    pub active: Vec<Option<CopyId>>,
    // What settling derives.
    pub up: Vec<bool>,
    pub witness_up: bool,
    /// Per site: its partition (an index into `partitions`), or None when the site is down.
    pub site_partition: Vec<Option<usize>>,
    pub partitions: Vec<Partition>,
    /// The partition holding quorum, if any.
    pub quorum: Option<usize>,
    pub databases: Vec<DatabaseState>,
    /// Per server: databases mounted there.
    pub load: Vec<u32>,
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

    fn set_wan(&mut self, a: SiteId, b: SiteId, down: bool) {
        let (ab, ba) = (self.wan_index(a, b), self.wan_index(b, a));
        self.wan_down[ab] = down;
        self.wan_down[ba] = down;
    }

    /// The members counted for quorum: servers not stopped.
    pub fn member_count(&self) -> u32 {
        self.stopped.iter().filter(|&&s| !s).count() as u32
    }

    /// Whether a copy failed by an event.
    pub fn copy_failed(&self, copy: CopyId) -> bool {
        self.copy_failed[copy.database.index()][copy.index as usize]
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
}

/// Why an event could not be carried out; the state is unchanged. [`super::explain::refusal`] says it in
/// words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Failing what is already down (or failed).
    AlreadyDown(Part),
    /// Restoring what is not down.
    NotDown(Part),
    /// A switchover to the copy that is mounted already.
    AlreadyMounted(CopyId),
    /// A switchover while no partition holds quorum.
    NoQuorum(DatabaseId),
    /// A switchover to a copy that cannot be activated, and why.
    CannotActivate(CopyId, Exclusion),
    /// A datacenter switchover needs DAC mode.
    NeedsDacMode,
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
}

/// A simulated DAG.
#[derive(Debug, Clone)]
pub struct Simulation<'d> {
    dag: &'d Design,
    state: State,
}

impl<'d> Simulation<'d> {
    /// The healthy DAG: everything up, each database active on its preferred copy, settled.
    pub fn new(dag: &'d Design) -> Simulation<'d> {
        let servers = dag.server_count();
        let sites = dag.site_count();
        let mut state = State {
            server_ok: vec![true; servers],
            site_up: vec![true; sites],
            wan_down: vec![false; sites * sites],
            witness_ok: true,
            alternate_in_use: false,
            copy_failed: dag.copy_server.iter().map(|copies| vec![false; copies.len()]).collect(),
            stopped: vec![false; servers],
            dacp: vec![true; servers],
            down_at: vec![0; servers],
            witness_up_since: 0,
            step: 0,
            active: dag.first_active.clone(),
            up: vec![true; servers],
            witness_up: true,
            site_partition: vec![None; sites],
            partitions: Vec::new(),
            quorum: None,
            databases: Vec::new(),
            load: vec![0; servers],
        };
        settle(dag, &mut state);
        Simulation { dag, state }
    }

    pub fn design(&self) -> &'d Design {
        self.dag
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// Applies one event and settles; a refused event changes nothing.
    pub fn apply(&mut self, event: Event) -> Result<(), Refusal> {
        let dag = self.dag;
        let s = &mut self.state;
        // Turns a part down (`fail`) or up, refusing when it already is so.
        let switch = |down: bool, part: Part, is_down: bool| match (down, is_down) {
            (true, true) => Err(Refusal::AlreadyDown(part)),
            (false, false) => Err(Refusal::NotDown(part)),
            _ => Ok(()),
        };
        match event {
            Event::FailServer(server) | Event::RestoreServer(server) => {
                let fail = matches!(event, Event::FailServer(_));
                switch(fail, Part::Server(server), !s.server_ok[server.index()])?;
                s.server_ok[server.index()] = !fail;
            }
            Event::FailSite(site) | Event::RestoreSite(site) => {
                let fail = matches!(event, Event::FailSite(_));
                switch(fail, Part::Site(site), !s.site_up[site.index()])?;
                s.site_up[site.index()] = !fail;
            }
            Event::FailWan(a, b) | Event::RestoreWan(a, b) => {
                let fail = matches!(event, Event::FailWan(..));
                switch(fail, Part::Wan(a, b), !s.wan_up(a, b))?;
                s.set_wan(a, b, fail);
            }
            Event::FailSiteWan(site) | Event::RestoreSiteWan(site) => {
                let fail = matches!(event, Event::FailSiteWan(_));
                let others: Vec<SiteId> = dag.site_ids().filter(|&o| o != site).collect();
                // Refused only when every link already is as asked.
                let all_so = others.iter().all(|&o| s.wan_up(site, o) != fail);
                switch(fail, Part::SiteWan(site), if fail { all_so } else { !all_so })?;
                for o in others {
                    s.set_wan(site, o, fail);
                }
            }
            Event::FailWitness | Event::RestoreWitness => {
                let fail = event == Event::FailWitness;
                switch(fail, Part::Witness, !s.witness_ok)?;
                s.witness_ok = !fail;
            }
            Event::FailCopy(copy) | Event::RestoreCopy(copy) => {
                let fail = matches!(event, Event::FailCopy(_));
                switch(fail, Part::Copy(copy), s.copy_failed(copy))?;
                s.copy_failed[copy.database.index()][copy.index as usize] = fail;
            }
            Event::Switchover(copy) => switchover(dag, s, copy)?,
            Event::DatacenterSwitchover(site) => datacenter_switchover(dag, s, site)?,
            Event::StartDag(site) => start_dag(dag, s, site)?,
        }
        s.step += 1;
        settle(dag, s);
        Ok(())
    }

    /// Fails several servers at once from the current state (the failure matrix's step).
    pub fn fail_servers(&mut self, servers: impl IntoIterator<Item = ServerId>) {
        for server in servers {
            self.state.server_ok[server.index()] = false;
        }
        self.state.step += 1;
        settle(self.dag, &mut self.state);
    }
}

fn switchover(dag: &Design, s: &mut State, copy: CopyId) -> Result<(), Refusal> {
    let database = copy.database;
    let server = dag.copy_server(copy);
    if s.mounted_on(dag, database) == Some(server) {
        return Err(Refusal::AlreadyMounted(copy));
    }
    if s.quorum.is_none() {
        return Err(Refusal::NoQuorum(database));
    }
    let ctx = Context::new(dag, s);
    // A switchover ignores the activation policy (it blocks only automatic activation), not the rest.
    let mut load = s.load.clone();
    if let Some(previous) = s.mounted_on(dag, database) {
        load[previous.index()] -= 1;
    }
    if let Some(exclusion) = ctx.exclusion(copy, &load, false) {
        return Err(Refusal::CannotActivate(copy, exclusion));
    }
    s.active[database.index()] = Some(copy);
    s.databases[database.index()] = DatabaseState::Mounted { copy, selection: Selection::Switchover, previous: None };
    Ok(())
}

fn datacenter_switchover(dag: &Design, s: &mut State, site: SiteId) -> Result<(), Refusal> {
    if !dag.scenario.dac_mode {
        return Err(Refusal::NeedsDacMode);
    }
    let Some(partition) = s.site_partition[site.index()] else {
        return Err(Refusal::SiteDown(site));
    };
    if let Some(quorum) = s.quorum
        && quorum != partition
    {
        return Err(Refusal::QuorumHeldBy(s.partitions[quorum].sites.clone()));
    }
    if !dag.servers_in(site).any(|server| s.is_up(server) && !s.stopped[server.index()]) {
        return Err(Refusal::NoRunningMember(site));
    }
    let reach = |server: ServerId| s.is_up(server) && s.site_partition[dag.site_of(server).index()] == Some(partition);
    let to_stop: Vec<ServerId> =
        dag.server_ids().filter(|&server| !s.stopped[server.index()] && !reach(server)).collect();
    if to_stop.is_empty() {
        return Err(Refusal::NothingToSwitch(site));
    }
    for server in to_stop {
        s.stopped[server.index()] = true;
    }
    let witness_reachable = s.witness_ok && s.site_partition[dag.witness_site.index()] == Some(partition);
    if !witness_reachable
        && let Some(alternate) = dag.alternate_site
        && s.site_partition[alternate.index()] == Some(partition)
    {
        s.alternate_in_use = true;
    }
    Ok(())
}

fn start_dag(dag: &Design, s: &mut State, site: SiteId) -> Result<(), Refusal> {
    let stopped: Vec<ServerId> = dag.servers_in(site).filter(|&server| s.stopped[server.index()]).collect();
    if stopped.is_empty() {
        return Err(Refusal::NoneStopped(site));
    }
    let Some(quorum) = s.quorum else {
        return Err(Refusal::NoQuorumToJoin);
    };
    if let Some(&server) = stopped.iter().find(|&&server| s.server_partition(dag, server) != Some(quorum)) {
        return Err(Refusal::Unreachable(server));
    }
    for server in stopped {
        s.stopped[server.index()] = false;
    }
    // Back to the primary witness once the running DAG reaches it (clusterplan's choice: Set-DAG by habit).
    if s.alternate_in_use && s.witness_ok && s.site_partition[dag.witness_site.index()] == Some(quorum) {
        s.alternate_in_use = false;
    }
    Ok(())
}

/// Recomputes everything derived: who is up, partitions and votes, quorum, DACP bits, databases.
pub fn settle(dag: &Design, s: &mut State) {
    let sites = dag.site_count();
    for server in dag.server_ids() {
        let i = server.index();
        let up = s.server_ok[i] && s.site_up[dag.site_of(server).index()];
        if s.up[i] && !up {
            s.down_at[i] = s.step;
            s.dacp[i] = false;
        }
        s.up[i] = up;
    }
    let witness_site = s.witness_site(dag);
    // The alternate witness has no event of its own: it is up while its site is.
    let witness_ok = if s.alternate_in_use && dag.alternate_site.is_some() { true } else { s.witness_ok };
    let witness_up = witness_ok && s.site_up[witness_site.index()];
    if witness_up && !s.witness_up {
        s.witness_up_since = s.step;
    }
    s.witness_up = witness_up;

    // Partitions: sites joined by working WAN links, each numbered by its first site.
    let mut joined = Partitions::new(sites);
    for a in dag.site_ids() {
        for b in dag.site_ids().filter(|b| b.index() > a.index()) {
            if s.site_up[a.index()] && s.site_up[b.index()] && s.wan_up(a, b) {
                joined.join(a.index(), b.index());
            }
        }
    }
    let members = s.member_count();
    let witness_counts = members > 0 && members.is_multiple_of(2);
    let needed = (members + u32::from(witness_counts)) / 2 + 1;
    s.partitions.clear();
    s.site_partition = vec![None; sites];
    for site in dag.site_ids() {
        if !s.site_up[site.index()] {
            continue;
        }
        let root = joined.root(site.index());
        let index = match s.site_partition[root] {
            Some(index) if root != site.index() => index,
            _ => {
                s.partitions.push(Partition {
                    sites: Vec::new(),
                    members: Vec::new(),
                    witness_vote: false,
                    votes: 0,
                    needed,
                });
                s.partitions.len() - 1
            }
        };
        s.site_partition[site.index()] = Some(index);
        s.partitions[index].sites.push(site);
    }
    for server in dag.server_ids() {
        if s.is_up(server) && !s.stopped[server.index()] {
            let index = s.site_partition[dag.site_of(server).index()].expect("an up server's site is up");
            s.partitions[index].members.push(server);
        }
    }
    for (index, partition) in s.partitions.iter_mut().enumerate() {
        partition.witness_vote = witness_counts && witness_up && s.site_partition[witness_site.index()] == Some(index);
        partition.votes = partition.members.len() as u32 + u32::from(partition.witness_vote);
    }
    s.quorum = s.partitions.iter().position(Partition::held);

    // DACP: a starting member sets its bit once it reaches a member whose bit is 1, or every member, or (two
    // members) a witness that has been up since before the member went down.
    if dag.scenario.dac_mode {
        for (index, partition) in s.partitions.iter().enumerate() {
            let any_set = partition.members.iter().any(|&m| s.dacp[m.index()]);
            let all_members = partition.members.len() as u32 == members;
            let witness_here = witness_up && s.site_partition[witness_site.index()] == Some(index);
            for &m in &partition.members {
                let witness_older = members == 2 && witness_here && s.witness_up_since < s.down_at[m.index()];
                if any_set || all_members || witness_older {
                    s.dacp[m.index()] = true;
                }
            }
        }
    }
    settle_databases(dag, s);
}

/// What best copy selection looks at.
struct Context<'a> {
    dag: &'a Design,
    s: &'a State,
}

impl<'a> Context<'a> {
    fn new(dag: &'a Design, s: &'a State) -> Self {
        Context { dag, s }
    }

    /// Why a copy cannot run at all now: its server, its partition, the copy itself, or DACP. This is what
    /// keeps a mounted copy from staying mounted; the policy, the caps and the mount dial govern activation.
    fn cannot_run(&self, copy: CopyId) -> Option<Exclusion> {
        let (dag, s) = (self.dag, self.s);
        let server = dag.copy_server(copy);
        let health = &dag.scenario.databases[copy.database.index()].copies[copy.index as usize];
        if !s.is_up(server) {
            Some(Exclusion::ServerDown)
        } else if s.stopped[server.index()] {
            Some(Exclusion::Stopped)
        } else if s.quorum.is_none() || s.server_partition(dag, server) != s.quorum {
            Some(Exclusion::OutsideQuorum)
        } else if s.copy_failed(copy) {
            Some(Exclusion::CopyFailed)
        } else if !health.status.activatable() {
            Some(Exclusion::Status(status_key(health.status)))
        } else if dag.scenario.dac_mode && !s.dacp[server.index()] {
            Some(Exclusion::Dacp)
        } else {
            None
        }
    }

    /// Why this copy cannot be activated now, if it cannot (`automatic`: by Active Manager, not by hand,
    /// which the activation policy does not restrict). `load` is the databases mounted per server so far.
    fn exclusion(&self, copy: CopyId, load: &[u32], automatic: bool) -> Option<Exclusion> {
        if let Some(exclusion) = self.cannot_run(copy) {
            return Some(exclusion);
        }
        let (dag, s) = (self.dag, self.s);
        let server = dag.copy_server(copy);
        let settings = &dag.scenario.servers[server.index()];
        let health = &dag.scenario.databases[copy.database.index()].copies[copy.index as usize];
        if automatic {
            match settings.activation_policy {
                ActivationPolicy::Unrestricted => {}
                ActivationPolicy::Blocked => return Some(Exclusion::Blocked),
                ActivationPolicy::IntrasiteOnly => {
                    let previous = s.active[copy.database.index()].map(|c| dag.site_of(dag.copy_server(c)));
                    if previous.is_some_and(|site| site != dag.site_of(server)) {
                        return Some(Exclusion::IntrasiteOnly);
                    }
                }
            }
        }
        if let Some(max) = settings.max_active
            && load[server.index()] >= max
        {
            return Some(Exclusion::MaxActive(max));
        }
        if health.copy_queue > settings.mount_dial.max_missing_logs() {
            return Some(Exclusion::MountDial { copy_queue: health.copy_queue, dial: settings.mount_dial });
        }
        None
    }
}

/// Criteria set `set` (1–10) of best copy selection: whether the copy's health meets it.
pub fn meets(set: u8, content_index: ContentIndex, copy_queue: u32, replay_queue: u32) -> bool {
    let healthy = content_index == ContentIndex::Healthy;
    let crawling = content_index == ContentIndex::Crawling;
    let (cq, rq) = (copy_queue < 10, replay_queue < 50);
    match set {
        1 => healthy && cq && rq,
        2 => crawling && cq && rq,
        3 => healthy && rq,
        4 => crawling && rq,
        5 => rq,
        6 => healthy && cq,
        7 => crawling && cq,
        8 => healthy,
        9 => crawling,
        _ => true,
    }
}

fn settle_databases(dag: &Design, s: &mut State) {
    let mut load = vec![0u32; dag.server_count()];
    let mut result: Vec<Option<DatabaseState>> = vec![None; dag.database_count()];
    let ctx = Context::new(dag, s);
    // First the databases whose active copy can stay mounted: they hold their places.
    for database in dag.database_ids() {
        let Some(copy) = s.active[database.index()] else { continue };
        if ctx.cannot_run(copy).is_none() {
            let selection = match s.databases.get(database.index()) {
                Some(&DatabaseState::Mounted { copy: was, selection: Selection::Switchover, .. }) if was == copy => {
                    Selection::Switchover
                }
                _ => Selection::StillActive,
            };
            load[dag.copy_server(copy).index()] += 1;
            result[database.index()] = Some(DatabaseState::Mounted { copy, selection, previous: None });
        }
    }
    // Then, in file order, the ones that need a copy activated.
    let mut active = s.active.clone();
    for database in dag.database_ids() {
        let slot = &mut result[database.index()];
        if slot.is_some() {
            continue;
        }
        let state = if dag.copy_server[database.index()].is_empty() {
            DatabaseState::Dismounted(Dismount::NoCopies)
        } else if s.quorum.is_none() {
            DatabaseState::Dismounted(Dismount::NoQuorum)
        } else {
            match best_copy(&ctx, database, &load) {
                Ok((copy, selection)) => {
                    load[dag.copy_server(copy).index()] += 1;
                    active[database.index()] = Some(copy);
                    let previous = s.active[database.index()].and_then(|c| ctx.cannot_run(c).map(|e| (c, e)));
                    DatabaseState::Mounted { copy, selection, previous }
                }
                Err(excluded) => DatabaseState::Dismounted(Dismount::NoCandidate(excluded)),
            }
        };
        *slot = Some(state);
    }
    s.active = active;
    s.databases = result.into_iter().map(|r| r.expect("every database settled")).collect();
    s.load = load;
}

/// Best copy and server selection (docs/domain.md, "Best copy and server selection"): exclude what cannot
/// be activated, sort, then try the ten criteria sets in order against the copies without lag, then against
/// the lagged ones; a copy whose queue is beyond its server's mount dial is passed over for the next.
fn best_copy(
    ctx: &Context,
    database: DatabaseId,
    load: &[u32],
) -> Result<(CopyId, Selection), Vec<(CopyId, Exclusion)>> {
    let dag = ctx.dag;
    let copies = &dag.scenario.databases[database.index()].copies;
    let mut candidates = Vec::with_capacity(copies.len());
    let mut excluded = Vec::new();
    for copy in dag.copy_ids(database) {
        match ctx.exclusion(copy, load, true) {
            // The mount dial is checked last, when a criteria set reaches the copy.
            Some(Exclusion::MountDial { .. }) | None => candidates.push(copy),
            Some(exclusion) => excluded.push((copy, exclusion)),
        }
    }
    let servers = &dag.scenario.servers;
    let by_preference =
        candidates.iter().any(|&c| servers[dag.copy_server(c).index()].mount_dial == MountDial::Lossless);
    candidates.sort_by_key(|&c| {
        let server = dag.copy_server(c).index();
        let over_preferred = servers[server].max_preferred_active.is_some_and(|max| load[server] >= max);
        let health = &copies[c.index as usize];
        let queue = if by_preference { 0 } else { health.copy_queue };
        (over_preferred, queue, health.preference, c.index)
    });
    for lagged in [false, true] {
        for set in 1..=10u8 {
            for &c in &candidates {
                let copy = &copies[c.index as usize];
                if (copy.replay_lag_days > 0) != lagged
                    || !meets(set, copy.content_index, copy.copy_queue, copy.replay_queue)
                {
                    continue;
                }
                if ctx.exclusion(c, load, true).is_none() {
                    return Ok((c, Selection::Criteria { set, lagged }));
                }
            }
        }
    }
    for &c in &candidates {
        if let Some(exclusion) = ctx.exclusion(c, load, true) {
            excluded.push((c, exclusion));
        }
    }
    excluded.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Err(excluded)
}

/// Why a copy cannot run now (its server, its partition, the copy itself, or DACP), if it cannot.
pub fn copy_exclusion(dag: &Design, s: &State, copy: CopyId) -> Option<Exclusion> {
    Context::new(dag, s).cannot_run(copy)
}

/// Where a database runs when nothing else competes for the servers (no caps): its active copy while that can
/// run, else best copy selection. The failure matrix builds its tables with this; with no caps it is what
/// settling decides.
pub(crate) fn best_copy_alone(dag: &Design, s: &State, database: DatabaseId) -> Option<CopyId> {
    let ctx = Context::new(dag, s);
    if let Some(copy) = s.active[database.index()]
        && ctx.cannot_run(copy).is_none()
    {
        return Some(copy);
    }
    best_copy(&ctx, database, &s.load).ok().map(|(copy, _)| copy)
}
