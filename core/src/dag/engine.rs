//! Active Manager on a virtual DAG: events fail and restore servers, sites, WAN links, the witness and
//! copies; after each one the DAG settles: partitions and their votes, which partition holds quorum, the
//! DACP bits in DAC mode, and for every database the mounted copy (best copy selection) or why none is.
//!
//! Everything is deterministic: databases are settled in file order, ties go to the lower activation
//! preference, then to the copy listed first.

use super::design::Dag;
use super::model::{ActivationPolicy, ContentIndex, CopyStatus, MountDial};

/// Something that happens to the DAG.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DagEvent {
    FailServer(usize),
    RestoreServer(usize),
    FailSite(usize),
    RestoreSite(usize),
    /// The WAN link between two sites.
    FailWan(usize, usize),
    RestoreWan(usize, usize),
    /// Every WAN link of a site: the site is cut off from all others.
    FailSiteWan(usize),
    RestoreSiteWan(usize),
    FailWitness,
    RestoreWitness,
    FailCopy {
        database: usize,
        copy: usize,
    },
    RestoreCopy {
        database: usize,
        copy: usize,
    },
    /// Move-ActiveMailboxDatabase: activate this copy by hand.
    Switchover {
        database: usize,
        copy: usize,
    },
    /// Stop-DatabaseAvailabilityGroup for every member the site cannot reach, then
    /// Restore-DatabaseAvailabilityGroup in the site (with the alternate witness when the witness is lost).
    DatacenterSwitchover(usize),
    /// Start-DatabaseAvailabilityGroup: the site's stopped members rejoin.
    StartDag(usize),
}

/// The event forms, for help texts.
pub const DAG_EVENT_FORMS: &[(&str, &str)] = &[
    ("fail:SERVER", "a member server fails"),
    ("restore:SERVER", "it comes back"),
    ("fail-site:SITE", "a whole site fails: its servers, and the witness if it stands there"),
    ("restore-site:SITE", "the site comes back"),
    ("fail-wan:SITE-SITE", "the WAN link between two sites fails (traffic still routes through a third site)"),
    ("restore-wan:SITE-SITE", "it comes back"),
    ("fail-wan:SITE", "every WAN link of a site fails: the site is cut off"),
    ("restore-wan:SITE", "they come back"),
    ("fail-witness", "the witness server fails"),
    ("restore-witness", "it comes back"),
    ("fail-copy:DB@SERVER", "one database copy fails"),
    ("restore-copy:DB@SERVER", "it is reseeded and healthy again"),
    ("switchover:DB=SERVER", "activate the copy on SERVER by hand (Move-ActiveMailboxDatabase)"),
    ("datacenter-switchover:SITE", "Stop-DAG the unreachable members, Restore-DAG in SITE (needs DAC mode)"),
    ("start-dag:SITE", "Start-DAG: the site's stopped members rejoin"),
];

impl DagEvent {
    /// Reads an event such as `fail-site:dc1`, `fail-copy:db1@ex2` or `switchover:db1=ex5`.
    pub fn parse<'a>(text: &'a str, dag: &Dag) -> Result<DagEvent, String> {
        let text = text.trim();
        let (verb, argument) = match text.split_once(':') {
            Some((verb, argument)) => (verb, Some(argument)),
            None => (text, None),
        };
        let server = |name: &str| dag.server_id(name).ok_or_else(|| format!("no server named \"{name}\""));
        let site = |name: &str| dag.site_id(name).ok_or_else(|| format!("no site named \"{name}\""));
        let database = |name: &str| dag.database_id(name).ok_or_else(|| format!("no database named \"{name}\""));
        let copy = |argument: &str, separator: char| -> Result<(usize, usize), String> {
            let (db, host) = argument
                .split_once(separator)
                .ok_or_else(|| format!("\"{argument}\" is not DATABASE{separator}SERVER"))?;
            let (d, s) = (database(db)?, server(host)?);
            let c = dag.copy_on(d, s).ok_or_else(|| format!("{db} has no copy on {host}"))?;
            Ok((d, c))
        };
        let link = |argument: &str| -> Result<(usize, usize), String> {
            // Site names may hold '-': take the split where both halves are sites.
            for (i, _) in argument.match_indices('-') {
                if let (Some(a), Some(b)) = (dag.site_id(&argument[..i]), dag.site_id(&argument[i + 1..])) {
                    return if a == b { Err(format!("\"{argument}\" joins a site to itself")) } else { Ok((a, b)) };
                }
            }
            Err(format!("\"{argument}\" is neither a site nor SITE-SITE with two of the design's sites"))
        };
        let needs = |argument: Option<&'a str>| -> Result<&'a str, String> {
            argument.filter(|a| !a.is_empty()).ok_or_else(|| format!("\"{verb}\" needs an argument: {verb}:…"))
        };
        let event = match verb {
            "fail" => DagEvent::FailServer(server(needs(argument)?)?),
            "restore" => DagEvent::RestoreServer(server(needs(argument)?)?),
            "fail-site" => DagEvent::FailSite(site(needs(argument)?)?),
            "restore-site" => DagEvent::RestoreSite(site(needs(argument)?)?),
            "fail-wan" | "restore-wan" => {
                let argument = needs(argument)?;
                let fail = verb == "fail-wan";
                match dag.site_id(argument) {
                    Some(site) if fail => DagEvent::FailSiteWan(site),
                    Some(site) => DagEvent::RestoreSiteWan(site),
                    None => {
                        let (a, b) = link(argument)?;
                        if fail { DagEvent::FailWan(a, b) } else { DagEvent::RestoreWan(a, b) }
                    }
                }
            }
            "fail-witness" | "restore-witness" if argument.is_some() => {
                return Err(format!("\"{verb}\" takes no argument"));
            }
            "fail-witness" => DagEvent::FailWitness,
            "restore-witness" => DagEvent::RestoreWitness,
            "fail-copy" => {
                let (database, copy) = copy(needs(argument)?, '@')?;
                DagEvent::FailCopy { database, copy }
            }
            "restore-copy" => {
                let (database, copy) = copy(needs(argument)?, '@')?;
                DagEvent::RestoreCopy { database, copy }
            }
            "switchover" => {
                let (database, copy) = copy(needs(argument)?, '=')?;
                DagEvent::Switchover { database, copy }
            }
            "datacenter-switchover" => DagEvent::DatacenterSwitchover(site(needs(argument)?)?),
            "start-dag" => DagEvent::StartDag(site(needs(argument)?)?),
            _ => {
                let verbs: Vec<&str> =
                    DAG_EVENT_FORMS.iter().map(|(form, _)| form.split(':').next().unwrap_or(form)).collect();
                return Err(format!("unknown event \"{verb}\"; DAG events: {}", verbs.join(", ")));
            }
        };
        Ok(event)
    }

    /// The event in the form `parse` reads.
    pub fn label(&self, dag: &Dag) -> String {
        let copy = |d: usize, c: usize, sep: char| {
            format!("{}{sep}{}", dag.database_name(d), dag.server_name(dag.copy_server[d][c]))
        };
        match *self {
            DagEvent::FailServer(s) => format!("fail:{}", dag.server_name(s)),
            DagEvent::RestoreServer(s) => format!("restore:{}", dag.server_name(s)),
            DagEvent::FailSite(s) => format!("fail-site:{}", dag.site_name(s)),
            DagEvent::RestoreSite(s) => format!("restore-site:{}", dag.site_name(s)),
            DagEvent::FailWan(a, b) => format!("fail-wan:{}-{}", dag.site_name(a), dag.site_name(b)),
            DagEvent::RestoreWan(a, b) => format!("restore-wan:{}-{}", dag.site_name(a), dag.site_name(b)),
            DagEvent::FailSiteWan(s) => format!("fail-wan:{}", dag.site_name(s)),
            DagEvent::RestoreSiteWan(s) => format!("restore-wan:{}", dag.site_name(s)),
            DagEvent::FailWitness => "fail-witness".into(),
            DagEvent::RestoreWitness => "restore-witness".into(),
            DagEvent::FailCopy { database, copy: c } => format!("fail-copy:{}", copy(database, c, '@')),
            DagEvent::RestoreCopy { database, copy: c } => format!("restore-copy:{}", copy(database, c, '@')),
            DagEvent::Switchover { database, copy: c } => format!("switchover:{}", copy(database, c, '=')),
            DagEvent::DatacenterSwitchover(s) => format!("datacenter-switchover:{}", dag.site_name(s)),
            DagEvent::StartDag(s) => format!("start-dag:{}", dag.site_name(s)),
        }
    }
}

/// A group of sites that can reach each other, with the votes its members and the witness give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partition {
    pub sites: Vec<usize>,
    /// Members (up, not stopped) in these sites.
    pub members: Vec<usize>,
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
        STATUSES[self.0 as usize]
    }
}

const STATUSES: [CopyStatus; 10] = CopyStatus::ALL;

fn status_key(status: CopyStatus) -> CopyStatusKey {
    CopyStatusKey(STATUSES.iter().position(|&s| s == status).unwrap_or(0) as u8)
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
    NoCandidate(Vec<(usize, Exclusion)>),
}

/// The state of one database after settling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseState {
    Mounted { copy: usize, selection: Selection, previous: Option<(usize, Exclusion)> },
    Dismounted(Dismount),
}

/// Everything that can change in a DAG.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DagState {
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
    pub active: Vec<Option<usize>>,
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

impl DagState {
    pub fn server_partition(&self, dag: &Dag, server: usize) -> Option<usize> {
        if self.up[server] { self.site_partition[dag.server_site[server]] } else { None }
    }

    /// The server where a database is mounted.
    pub fn mounted_on(&self, dag: &Dag, database: usize) -> Option<usize> {
        match self.databases[database] {
            DatabaseState::Mounted { copy, .. } => Some(dag.copy_server[database][copy]),
            DatabaseState::Dismounted(_) => None,
        }
    }

    pub fn mounted_count(&self) -> usize {
        self.databases.iter().filter(|d| matches!(d, DatabaseState::Mounted { .. })).count()
    }

    /// The witness in use: its site.
    pub fn witness_site(&self, dag: &Dag) -> usize {
        match (self.alternate_in_use, dag.alternate_site) {
            (true, Some(site)) => site,
            _ => dag.witness_site,
        }
    }

    fn wan_index(&self, a: usize, b: usize) -> usize {
        a * self.site_up.len() + b
    }

    pub fn wan_up(&self, a: usize, b: usize) -> bool {
        !self.wan_down[self.wan_index(a, b)]
    }

    /// The members counted for quorum: servers not stopped.
    pub fn member_count(&self) -> u32 {
        self.stopped.iter().filter(|&&s| !s).count() as u32
    }
}

/// Why an event could not be carried out; the state is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DagRefusal(pub String);

/// A simulated DAG.
#[derive(Debug, Clone)]
pub struct DagSimulation<'d> {
    dag: &'d Dag,
    state: DagState,
}

impl<'d> DagSimulation<'d> {
    /// The healthy DAG: everything up, each database active on its preferred copy, settled.
    pub fn new(dag: &'d Dag) -> DagSimulation<'d> {
        let servers = dag.server_count();
        let sites = dag.site_count();
        let mut state = DagState {
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
        DagSimulation { dag, state }
    }

    pub fn dag(&self) -> &'d Dag {
        self.dag
    }

    pub fn state(&self) -> &DagState {
        &self.state
    }

    /// Applies one event and settles; a refused event changes nothing.
    pub fn apply(&mut self, event: DagEvent) -> Result<(), DagRefusal> {
        let dag = self.dag;
        let s = &mut self.state;
        let refuse = |text: String| Err(DagRefusal(text));
        match event {
            DagEvent::FailServer(server) => {
                if !s.server_ok[server] {
                    return refuse(format!("{} is already down", dag.server_name(server)));
                }
                s.server_ok[server] = false;
            }
            DagEvent::RestoreServer(server) => {
                if s.server_ok[server] {
                    return refuse(format!("{} is not down", dag.server_name(server)));
                }
                s.server_ok[server] = true;
            }
            DagEvent::FailSite(site) | DagEvent::RestoreSite(site) => {
                let fail = matches!(event, DagEvent::FailSite(_));
                if s.site_up[site] != fail {
                    let state = if fail { "already down" } else { "not down" };
                    return refuse(format!("site {} is {state}", dag.site_name(site)));
                }
                s.site_up[site] = !fail;
            }
            DagEvent::FailWan(a, b) | DagEvent::RestoreWan(a, b) => {
                let fail = matches!(event, DagEvent::FailWan(..));
                if s.wan_up(a, b) != fail {
                    let state = if fail { "already down" } else { "not down" };
                    return refuse(format!("the WAN link {}-{} is {state}", dag.site_name(a), dag.site_name(b)));
                }
                let (ab, ba) = (s.wan_index(a, b), s.wan_index(b, a));
                s.wan_down[ab] = fail;
                s.wan_down[ba] = fail;
            }
            DagEvent::FailSiteWan(site) | DagEvent::RestoreSiteWan(site) => {
                let fail = matches!(event, DagEvent::FailSiteWan(_));
                let others: Vec<usize> = (0..dag.site_count()).filter(|&o| o != site).collect();
                if others.iter().all(|&o| s.wan_up(site, o) != fail) {
                    let state = if fail { "already down" } else { "not down" };
                    return refuse(format!("every WAN link of {} is {state}", dag.site_name(site)));
                }
                for o in others {
                    let (ab, ba) = (s.wan_index(site, o), s.wan_index(o, site));
                    s.wan_down[ab] = fail;
                    s.wan_down[ba] = fail;
                }
            }
            DagEvent::FailWitness | DagEvent::RestoreWitness => {
                let fail = event == DagEvent::FailWitness;
                if s.witness_ok != fail {
                    let state = if fail { "already down" } else { "not down" };
                    return refuse(format!("the witness {} is {state}", dag.scenario.witness.server));
                }
                s.witness_ok = !fail;
            }
            DagEvent::FailCopy { database, copy } | DagEvent::RestoreCopy { database, copy } => {
                let fail = matches!(event, DagEvent::FailCopy { .. });
                if s.copy_failed[database][copy] == fail {
                    let state = if fail { "already failed" } else { "not failed" };
                    let server = dag.server_name(dag.copy_server[database][copy]);
                    return refuse(format!("the copy of {} on {server} is {state}", dag.database_name(database)));
                }
                s.copy_failed[database][copy] = fail;
            }
            DagEvent::Switchover { database, copy } => switchover(dag, s, database, copy)?,
            DagEvent::DatacenterSwitchover(site) => datacenter_switchover(dag, s, site)?,
            DagEvent::StartDag(site) => start_dag(dag, s, site)?,
        }
        s.step += 1;
        settle(dag, s);
        Ok(())
    }

    /// Fails several servers at once from the current state (the failure matrix's step).
    pub fn fail_servers(&mut self, servers: impl IntoIterator<Item = usize>) {
        for server in servers {
            self.state.server_ok[server] = false;
        }
        self.state.step += 1;
        settle(self.dag, &mut self.state);
    }
}

fn switchover(dag: &Dag, s: &mut DagState, database: usize, copy: usize) -> Result<(), DagRefusal> {
    let name = dag.database_name(database);
    let server = dag.copy_server[database][copy];
    let host = dag.server_name(server);
    if s.mounted_on(dag, database) == Some(server) {
        return Err(DagRefusal(format!("{name} is already mounted on {host}")));
    }
    if s.quorum.is_none() {
        return Err(DagRefusal(format!("the DAG has no quorum: {name} cannot be mounted anywhere")));
    }
    let ctx = Context::new(dag, s);
    // A switchover ignores the activation policy (it blocks only automatic activation), not the rest.
    let mut load = s.load.clone();
    if let Some(previous) = s.mounted_on(dag, database) {
        load[previous] -= 1;
    }
    if let Some(exclusion) = ctx.exclusion(database, copy, &load, false) {
        return Err(DagRefusal(format!("{name} cannot move to {host}: {}", exclusion_text(dag, server, exclusion))));
    }
    s.active[database] = Some(copy);
    s.databases[database] = DatabaseState::Mounted { copy, selection: Selection::Switchover, previous: None };
    Ok(())
}

fn datacenter_switchover(dag: &Dag, s: &mut DagState, site: usize) -> Result<(), DagRefusal> {
    let name = dag.site_name(site);
    if !dag.scenario.dac_mode {
        return Err(DagRefusal(
            "a datacenter switchover with Stop-/Restore-DatabaseAvailabilityGroup needs DAC mode (DagOnly)".into(),
        ));
    }
    let Some(partition) = s.site_partition[site] else {
        return Err(DagRefusal(format!("site {name} is down")));
    };
    if let Some(quorum) = s.quorum
        && quorum != partition
    {
        let sites: Vec<&str> = s.partitions[quorum].sites.iter().map(|&q| dag.site_name(q)).collect();
        return Err(DagRefusal(format!(
            "the DAG still holds quorum in {}: a datacenter switchover is for a DAG that has lost it",
            sites.join("+")
        )));
    }
    if !dag.servers_in(site).any(|server| s.up[server] && !s.stopped[server]) {
        return Err(DagRefusal(format!("site {name} has no running member to restore the DAG on")));
    }
    let reach = |server: usize| s.up[server] && s.site_partition[dag.server_site[server]] == Some(partition);
    let to_stop: Vec<usize> = (0..dag.server_count()).filter(|&server| !s.stopped[server] && !reach(server)).collect();
    if to_stop.is_empty() {
        return Err(DagRefusal(format!("every member is up and reachable from {name}: nothing to switch over")));
    }
    for server in to_stop {
        s.stopped[server] = true;
    }
    let witness_reachable = s.witness_ok && s.site_partition[dag.witness_site] == Some(partition);
    if !witness_reachable
        && let Some(alternate) = dag.alternate_site
        && s.site_partition[alternate] == Some(partition)
    {
        s.alternate_in_use = true;
    }
    Ok(())
}

fn start_dag(dag: &Dag, s: &mut DagState, site: usize) -> Result<(), DagRefusal> {
    let name = dag.site_name(site);
    let stopped: Vec<usize> = dag.servers_in(site).filter(|&server| s.stopped[server]).collect();
    if stopped.is_empty() {
        return Err(DagRefusal(format!("no member in {name} is stopped")));
    }
    let Some(quorum) = s.quorum else {
        return Err(DagRefusal("the DAG has no quorum to add the members back to".into()));
    };
    if let Some(&server) = stopped.iter().find(|&&server| s.server_partition(dag, server) != Some(quorum)) {
        return Err(DagRefusal(format!(
            "{} is down or cut off from the running DAG: Start-DatabaseAvailabilityGroup cannot reach it",
            dag.server_name(server)
        )));
    }
    for server in stopped {
        s.stopped[server] = false;
    }
    // Back to the primary witness once the running DAG reaches it (clusterplan's choice: Set-DAG by habit).
    if s.alternate_in_use && s.witness_ok && s.site_partition[dag.witness_site] == Some(quorum) {
        s.alternate_in_use = false;
    }
    Ok(())
}

/// Recomputes everything derived: who is up, partitions and votes, quorum, DACP bits, databases.
pub fn settle(dag: &Dag, s: &mut DagState) {
    let sites = dag.site_count();
    let servers = dag.server_count();
    for server in 0..servers {
        let up = s.server_ok[server] && s.site_up[dag.server_site[server]];
        if s.up[server] && !up {
            s.down_at[server] = s.step;
            s.dacp[server] = false;
        }
        s.up[server] = up;
    }
    let witness_site = s.witness_site(dag);
    // The alternate witness has no event of its own: it is up while its site is.
    let witness_ok = if s.alternate_in_use && dag.alternate_site.is_some() { true } else { s.witness_ok };
    let witness_up = witness_ok && s.site_up[witness_site];
    if witness_up && !s.witness_up {
        s.witness_up_since = s.step;
    }
    s.witness_up = witness_up;

    // Partitions: sites joined by working WAN links (union-find, smallest site first).
    let mut root: Vec<usize> = (0..sites).collect();
    fn find(root: &mut [usize], mut x: usize) -> usize {
        while root[x] != x {
            root[x] = root[root[x]];
            x = root[x];
        }
        x
    }
    for a in 0..sites {
        for b in a + 1..sites {
            if s.site_up[a] && s.site_up[b] && s.wan_up(a, b) {
                let (ra, rb) = (find(&mut root, a), find(&mut root, b));
                root[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let members = s.member_count();
    let witness_counts = members > 0 && members.is_multiple_of(2);
    let needed = (members + u32::from(witness_counts)) / 2 + 1;
    s.partitions.clear();
    s.site_partition = vec![None; sites];
    for site in 0..sites {
        if !s.site_up[site] {
            continue;
        }
        let r = find(&mut root, site);
        let index = match s.site_partition[r] {
            Some(index) if r != site => index,
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
        s.site_partition[site] = Some(index);
        s.partitions[index].sites.push(site);
    }
    for server in 0..servers {
        if s.up[server] && !s.stopped[server] {
            let index = s.site_partition[dag.server_site[server]].expect("an up server's site is up");
            s.partitions[index].members.push(server);
        }
    }
    for (index, partition) in s.partitions.iter_mut().enumerate() {
        partition.witness_vote = witness_counts && witness_up && s.site_partition[witness_site] == Some(index);
        partition.votes = partition.members.len() as u32 + u32::from(partition.witness_vote);
    }
    s.quorum = s.partitions.iter().position(Partition::held);

    // DACP: a starting member sets its bit once it reaches a member whose bit is 1, or every member, or (two
    // members) a witness that has been up since before the member went down.
    if dag.scenario.dac_mode {
        for (index, partition) in s.partitions.iter().enumerate() {
            let any_set = partition.members.iter().any(|&m| s.dacp[m]);
            let all_members = partition.members.len() as u32 == members;
            let witness_here = witness_up && s.site_partition[witness_site] == Some(index);
            for &m in &partition.members {
                let witness_older = members == 2 && witness_here && s.witness_up_since < s.down_at[m];
                if any_set || all_members || witness_older {
                    s.dacp[m] = true;
                }
            }
        }
    }
    settle_databases(dag, s);
}

/// What best copy selection looks at.
struct Context<'a> {
    dag: &'a Dag,
    s: &'a DagState,
}

impl<'a> Context<'a> {
    fn new(dag: &'a Dag, s: &'a DagState) -> Self {
        Context { dag, s }
    }

    /// Why a copy cannot run at all now: its server, its partition, the copy itself, or DACP. This is what
    /// keeps a mounted copy from staying mounted; the policy, the caps and the mount dial govern activation.
    fn cannot_run(&self, database: usize, copy: usize) -> Option<Exclusion> {
        let (dag, s) = (self.dag, self.s);
        let server = dag.copy_server[database][copy];
        let health = &dag.scenario.databases[database].copies[copy];
        if !s.up[server] {
            Some(Exclusion::ServerDown)
        } else if s.stopped[server] {
            Some(Exclusion::Stopped)
        } else if s.quorum.is_none() || s.server_partition(dag, server) != s.quorum {
            Some(Exclusion::OutsideQuorum)
        } else if s.copy_failed[database][copy] {
            Some(Exclusion::CopyFailed)
        } else if !health.status.activatable() {
            Some(Exclusion::Status(status_key(health.status)))
        } else if dag.scenario.dac_mode && !s.dacp[server] {
            Some(Exclusion::Dacp)
        } else {
            None
        }
    }

    /// Why this copy cannot be activated now, if it cannot (`automatic`: by Active Manager, not by hand,
    /// which the activation policy does not restrict). `load` is the databases mounted per server so far.
    fn exclusion(&self, database: usize, copy: usize, load: &[u32], automatic: bool) -> Option<Exclusion> {
        if let Some(exclusion) = self.cannot_run(database, copy) {
            return Some(exclusion);
        }
        let (dag, s) = (self.dag, self.s);
        let server = dag.copy_server[database][copy];
        let settings = &dag.scenario.servers[server];
        let health = &dag.scenario.databases[database].copies[copy];
        if automatic {
            match settings.activation_policy {
                ActivationPolicy::Unrestricted => {}
                ActivationPolicy::Blocked => return Some(Exclusion::Blocked),
                ActivationPolicy::IntrasiteOnly => {
                    let previous = s.active[database].map(|c| dag.server_site[dag.copy_server[database][c]]);
                    if previous.is_some_and(|site| site != dag.server_site[server]) {
                        return Some(Exclusion::IntrasiteOnly);
                    }
                }
            }
        }
        if let Some(max) = settings.max_active
            && load[server] >= max
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

/// What criteria set `set` asks, in words.
pub fn criteria_text(set: u8) -> &'static str {
    match set {
        1 => "content index healthy, copy queue < 10, replay queue < 50",
        2 => "content index crawling, copy queue < 10, replay queue < 50",
        3 => "content index healthy, replay queue < 50",
        4 => "content index crawling, replay queue < 50",
        5 => "replay queue < 50",
        6 => "content index healthy, copy queue < 10",
        7 => "content index crawling, copy queue < 10",
        8 => "content index healthy",
        9 => "content index crawling",
        _ => "any copy with an allowed status",
    }
}

fn settle_databases(dag: &Dag, s: &mut DagState) {
    let databases = dag.scenario.databases.len();
    let mut load = vec![0u32; dag.server_count()];
    let mut result: Vec<Option<DatabaseState>> = vec![None; databases];
    let ctx = Context::new(dag, s);
    // First the databases whose active copy can stay mounted: they hold their places.
    for database in 0..databases {
        let Some(copy) = s.active[database] else { continue };
        if ctx.cannot_run(database, copy).is_none() {
            let selection = match s.databases.get(database) {
                Some(&DatabaseState::Mounted { copy: was, selection: Selection::Switchover, .. }) if was == copy => {
                    Selection::Switchover
                }
                _ => Selection::StillActive,
            };
            load[dag.copy_server[database][copy]] += 1;
            result[database] = Some(DatabaseState::Mounted { copy, selection, previous: None });
        }
    }
    // Then, in file order, the ones that need a copy activated.
    let mut active = s.active.clone();
    for (database, slot) in result.iter_mut().enumerate() {
        if slot.is_some() {
            continue;
        }
        let state = if dag.copy_server[database].is_empty() {
            DatabaseState::Dismounted(Dismount::NoCopies)
        } else if s.quorum.is_none() {
            DatabaseState::Dismounted(Dismount::NoQuorum)
        } else {
            match best_copy(&ctx, database, &load) {
                Ok((copy, selection)) => {
                    load[dag.copy_server[database][copy]] += 1;
                    active[database] = Some(copy);
                    let previous = s.active[database].and_then(|c| ctx.cannot_run(database, c).map(|e| (c, e)));
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

/// Best copy and server selection (DOMAIN.md §2): exclude what cannot be activated, sort, then try the ten
/// criteria sets in order against the copies without lag, then against the lagged ones; a copy whose queue is
/// beyond its server's mount dial is passed over for the next.
fn best_copy(ctx: &Context, database: usize, load: &[u32]) -> Result<(usize, Selection), Vec<(usize, Exclusion)>> {
    let dag = ctx.dag;
    let copies = &dag.scenario.databases[database].copies;
    let mut candidates = Vec::with_capacity(copies.len());
    let mut excluded = Vec::new();
    for copy in 0..copies.len() {
        match ctx.exclusion(database, copy, load, true) {
            // The mount dial is checked last, when a criteria set reaches the copy.
            Some(Exclusion::MountDial { .. }) | None => candidates.push(copy),
            Some(exclusion) => excluded.push((copy, exclusion)),
        }
    }
    let servers = &dag.scenario.servers;
    let by_preference =
        candidates.iter().any(|&c| servers[dag.copy_server[database][c]].mount_dial == MountDial::Lossless);
    candidates.sort_by_key(|&c| {
        let server = dag.copy_server[database][c];
        let over_preferred = servers[server].max_preferred_active.is_some_and(|max| load[server] >= max);
        let queue = if by_preference { 0 } else { copies[c].copy_queue };
        (over_preferred, queue, copies[c].preference, c)
    });
    for lagged in [false, true] {
        for set in 1..=10u8 {
            for &c in &candidates {
                let copy = &copies[c];
                if (copy.replay_lag_days > 0) != lagged
                    || !meets(set, copy.content_index, copy.copy_queue, copy.replay_queue)
                {
                    continue;
                }
                if ctx.exclusion(database, c, load, true).is_none() {
                    return Ok((c, Selection::Criteria { set, lagged }));
                }
            }
        }
    }
    for &c in &candidates {
        if let Some(exclusion) = ctx.exclusion(database, c, load, true) {
            excluded.push((c, exclusion));
        }
    }
    excluded.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Err(excluded)
}

/// Why a copy on `server` was passed over, in words.
pub fn exclusion_text(dag: &Dag, server: usize, exclusion: Exclusion) -> String {
    let name = dag.server_name(server);
    match exclusion {
        Exclusion::ServerDown => format!("{name} is down"),
        Exclusion::Stopped => format!("{name} is stopped (Stop-DatabaseAvailabilityGroup)"),
        Exclusion::OutsideQuorum => format!("{name} is cut off from the partition with quorum"),
        Exclusion::CopyFailed => format!("the copy on {name} has failed"),
        Exclusion::Status(key) => format!("the copy on {name} is {:?}, not an activatable status", key.status()),
        Exclusion::Dacp => format!("{name}'s DACP bit is 0 (DAC mode: it has not reached a member whose bit is 1)"),
        Exclusion::Blocked => format!("{name} is Blocked (DatabaseCopyAutoActivationPolicy)"),
        Exclusion::IntrasiteOnly => {
            format!("{name} is IntrasiteOnly and the database was active in another site")
        }
        Exclusion::MaxActive(max) => format!("{name} already runs its MaximumActiveDatabases ({max})"),
        Exclusion::MountDial { copy_queue, dial } => format!(
            "the copy on {name} misses {copy_queue} logs, more than {} allows ({})",
            dial.title(),
            dial.max_missing_logs()
        ),
    }
}

/// Why a copy cannot run now (its server, its partition, the copy itself, or DACP), if it cannot.
pub fn copy_exclusion(dag: &Dag, s: &DagState, database: usize, copy: usize) -> Option<Exclusion> {
    Context::new(dag, s).cannot_run(database, copy)
}

/// Where a database runs when nothing else competes for the servers (no caps): its active copy while that can
/// run, else best copy selection. The failure matrix builds its tables with this; with no caps it is what
/// settling decides.
pub(crate) fn best_copy_alone(dag: &Dag, s: &DagState, database: usize) -> Option<usize> {
    let ctx = Context::new(dag, s);
    if let Some(copy) = s.active[database]
        && ctx.cannot_run(database, copy).is_none()
    {
        return Some(copy);
    }
    best_copy(&ctx, database, &s.load).ok().map(|(copy, _)| copy)
}
