//! The DAG failure matrix: every set of up to k member servers failing at once from the healthy DAG, with
//! quorum, the databases mounted and the active databases per server after each; and the failure modes of
//! the Role Requirements Calculator (normal, single server, double server, site, site then a server, worst),
//! computed exhaustively.
//!
//! Without MaximumActiveDatabases or MaximumPreferredActiveDatabases caps a database's fate depends only on
//! which of its copies' servers are up, so each database gets a table, built once by the engine's own
//! selection, indexed by that bit pattern; with caps every set is settled by the engine.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize, Serializer};

use crate::read::Read;

use super::design::{Design, ServerId, VoteModel};
use super::engine::{Simulation, State, best_copy_alone};
use super::event::Event;
use crate::combinations::Cost;

/// No server: the database is dismounted.
const NONE: u32 = u32::MAX;

/// The most entries the per-database tables may hold together (2^22, 16 MB); beyond it every set is
/// settled by the engine.
const MAX_TABLE_ENTRIES: usize = 1 << 22;

/// The DAG's side of the shared matrix ([`crate::matrix`]): sets of failed servers, and quorum, the
/// databases mounted, clients and the active databases per server after them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Servers {}

/// The matrix of a DAG.
pub type FailureMatrix = crate::matrix::FailureMatrix<Servers>;

/// One row: the servers that failed, quorum, the databases mounted and the active databases per server.
#[derive(Debug, Clone, Copy)]
pub struct Row<'m> {
    pub failed: &'m [ServerId],
    pub quorum: bool,
    pub mounted: u32,
    /// With a namespace: clients reach every database.
    pub clients: Option<bool>,
    /// Active databases per server, in server order (failed servers show 0).
    pub load: &'m [u32],
}

impl Row<'_> {
    /// The most databases active on one server, and the first server with that many.
    pub fn busiest(&self) -> (u32, Option<ServerId>) {
        let max = self.load.iter().copied().max().unwrap_or(0);
        (max, self.load.iter().position(|&l| l == max && max > 0).map(|s| ServerId(s as u32)))
    }
}

/// What the matrix keeps of each row: row i left `load[i * servers + s]` databases active on server s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    servers: usize,
    quorum: Vec<bool>,
    mounted: Vec<u32>,
    clients: Vec<Option<bool>>,
    load: Vec<u32>,
}

/// What settles a set: the per-database tables when the DAG allows them, else the engine from the healthy
/// DAG; and the active databases per server after the set being settled.
pub struct Settler<'d> {
    dag: &'d Design,
    healthy: Simulation<'d>,
    simulation: Simulation<'d>,
    tables: Option<Tables>,
    patterns: Vec<u32>,
    load: Vec<u32>,
}

impl crate::matrix::Family for Servers {
    type Design = Design;
    type Member = ServerId;
    type Columns = Columns;
    type Row<'m> = Row<'m>;
    type Settler<'d> = Settler<'d>;
    type Tally<'d> = Tally<'d>;
    type Summary = Summary;

    fn members(dag: &Design) -> usize {
        dag.server_count()
    }

    /// Sets × (servers + databases) placements, and when listed sets × servers values kept.
    fn cost(dag: &Design, listed: bool) -> Cost {
        let servers = dag.server_count();
        Cost {
            of: "server",
            per: "servers and databases",
            per_set: (servers + dag.scenario.databases.len()) as u64,
            listed: listed.then_some((servers as u64, "servers")),
        }
    }

    fn settler(dag: &Design) -> Settler<'_> {
        let healthy = Simulation::new(dag);
        let tables = Tables::build(dag, healthy.state());
        let simulation = healthy.clone();
        Settler { dag, healthy, simulation, tables, patterns: Vec::new(), load: vec![0; dag.server_count()] }
    }

    fn settle<'s>(settler: &'s mut Settler<'_>, failed: &'s [ServerId]) -> Row<'s> {
        let Settler { dag, healthy, simulation, tables, patterns, load } = settler;
        let (quorum, mounted) = match tables {
            Some(tables) => tables.row(failed, patterns, load),
            None => {
                simulation.clone_from(healthy);
                simulation.fail_servers(failed.iter().copied());
                let state = simulation.state();
                load.copy_from_slice(&state.load);
                (state.quorum.is_some(), state.mounted_count() as u32)
            }
        };
        let every = mounted as usize == dag.scenario.databases.len();
        let clients = super::clients::reached_despite(dag, failed).map(|reached| reached && every);
        Row { failed, quorum, mounted, clients, load }
    }

    fn columns(dag: &Design, rows: usize) -> Columns {
        let servers = dag.server_count();
        Columns {
            servers,
            quorum: Vec::with_capacity(rows),
            mounted: Vec::with_capacity(rows),
            clients: Vec::with_capacity(rows),
            load: Vec::with_capacity(rows * servers),
        }
    }

    fn keep(columns: &mut Columns, row: Row<'_>) {
        columns.quorum.push(row.quorum);
        columns.mounted.push(row.mounted);
        columns.clients.push(row.clients);
        columns.load.extend_from_slice(row.load);
    }

    fn kept<'m>(columns: &'m Columns, index: usize, failed: &'m [ServerId]) -> Row<'m> {
        let servers = columns.servers;
        Row {
            failed,
            quorum: columns.quorum[index],
            mounted: columns.mounted[index],
            clients: columns.clients[index],
            load: &columns.load[index * servers..(index + 1) * servers],
        }
    }

    fn tally(dag: &Design, max_failures: usize) -> Tally<'_> {
        Tally::new(dag, max_failures)
    }

    fn add(tally: &mut Tally<'_>, row: Row<'_>) {
        tally.add(row)
    }

    fn finish(tally: Tally<'_>) -> Summary {
        tally.finish()
    }
}

impl crate::matrix::Summarised for Summary {
    type Of = Servers;
}

impl FailureMatrix {
    /// The summary, with every row when `rows` is true.
    pub fn report<'m>(&'m self, dag: &'m Design, rows: bool) -> MatrixReport<'m> {
        MatrixReport { summary: self.summary(dag), rows: rows.then_some(Rows { matrix: self, dag }) }
    }
}

/// Per database, which server runs it for each pattern of its copies' servers being up, flat.
pub struct Tables {
    /// Per database: where its table starts in `choice`, and its pattern with every copy's server up.
    start: Vec<usize>,
    all_up: Vec<u32>,
    /// Per database, 2^copies entries: the server or NONE.
    choice: Vec<u32>,
    /// Per server: the (database, copy bit) of each copy it holds, to clear when it fails.
    copies_on: Vec<Vec<(u32, u8)>>,
    /// Per server: whether its vote is present at the start (not one of a member down at the start).
    vote: Vec<bool>,
    /// The members' votes present at the start, the votes needed, whether the witness votes.
    votes: u32,
    needed: u32,
    witness_vote: bool,
}

impl Tables {
    /// The tables, when the DAG allows them: no caps, every member in one partition with quorum (a site
    /// without members, the witness's own, is a partition of its own that only gives its vote), copies few
    /// enough.
    fn build(dag: &Design, healthy: &State) -> Option<Tables> {
        let caps = dag.scenario.servers.iter().any(|s| s.max_active.is_some() || s.max_preferred_active.is_some());
        let entries = dag
            .copy_server
            .iter()
            .try_fold(0usize, |sum, copies| (copies.len() <= 12).then(|| sum.saturating_add(1 << copies.len())));
        let mut with_members = healthy.partitions.iter().enumerate().filter(|(_, p)| !p.members.is_empty());
        let quorum = match (with_members.next(), with_members.next()) {
            (Some((index, partition)), None) if healthy.quorum == Some(index) => partition,
            _ => return None,
        };
        if caps || entries.is_none_or(|entries| entries > MAX_TABLE_ENTRIES) {
            return None;
        }
        let mut scratch = healthy.clone();
        let mut tables = Tables {
            start: Vec::with_capacity(dag.copy_server.len()),
            all_up: Vec::with_capacity(dag.copy_server.len()),
            choice: Vec::with_capacity(entries.unwrap_or(0)),
            copies_on: vec![Vec::new(); dag.server_count()],
            // The votes present: members of the partition (up, not stopped) that vote.
            vote: dag.server_ids().map(|s| healthy.vote[s.index()] && quorum.members.contains(&s)).collect(),
            votes: quorum.votes - u32::from(quorum.witness_vote),
            needed: quorum.needed,
            witness_vote: quorum.witness_vote,
        };
        for database in dag.database_ids() {
            let copies = &dag.copy_server[database.index()];
            tables.start.push(tables.choice.len());
            // A member down at the start (a running DAG's) is down in every set.
            let up =
                copies.iter().enumerate().filter(|(_, s)| healthy.is_up(**s)).fold(0, |bits, (bit, _)| bits | 1 << bit);
            tables.all_up.push(up);
            for (bit, server) in copies.iter().enumerate() {
                tables.copies_on[server.index()].push((database.0, bit as u8));
            }
            for pattern in 0..1usize << copies.len() {
                for (bit, &server) in copies.iter().enumerate() {
                    scratch.up[server.index()] = pattern & (1 << bit) != 0;
                }
                let choice = best_copy_alone(dag, &scratch, database).map_or(NONE, |copy| dag.copy_server(copy).0);
                tables.choice.push(choice);
                for &server in copies {
                    scratch.up[server.index()] = true;
                }
            }
        }
        Some(tables)
    }

    /// Quorum and mounted count for one set of `failed` servers; `load` gets the active databases per
    /// server. Only the failed servers' copies change their databases' patterns: `patterns` is scratch.
    fn row(&self, failed: &[ServerId], patterns: &mut Vec<u32>, load: &mut [u32]) -> (bool, u32) {
        load.fill(0);
        let lost = failed.iter().filter(|s| self.vote[s.index()]).count() as u32;
        let votes = self.votes - lost + u32::from(self.witness_vote);
        if votes < self.needed {
            return (false, 0);
        }
        patterns.clone_from(&self.all_up);
        for server in failed {
            for &(database, bit) in &self.copies_on[server.index()] {
                patterns[database as usize] &= !(1 << bit);
            }
        }
        let mut mounted = 0;
        for (&start, &pattern) in self.start.iter().zip(patterns.iter()) {
            let server = self.choice[start + pattern as usize];
            if server != NONE {
                load[server as usize] += 1;
                mounted += 1;
            }
        }
        (true, mounted)
    }
}

/// A row kept for the summary: the worst of a level or of all.
#[derive(Debug, Clone)]
struct Kept {
    failed: Vec<ServerId>,
    quorum: bool,
    mounted: u32,
    clients: Option<bool>,
    max_active: u32,
    busiest: Option<ServerId>,
}

impl Kept {
    fn of(row: Row<'_>) -> Kept {
        let (max_active, busiest) = row.busiest();
        let failed = row.failed.to_vec();
        Kept { failed, quorum: row.quorum, mounted: row.mounted, clients: row.clients, max_active, busiest }
    }

    fn score(&self) -> (usize, u32) {
        (self.mounted as usize, self.max_active)
    }

    fn mode(&self, dag: &Design, mode: &str) -> FailureMode {
        FailureMode {
            mode: mode.into(),
            failed: self.failed.iter().map(|&s| dag.server_name(s).to_string()).collect(),
            quorum: self.quorum,
            mounted: self.mounted as usize,
            dismounted: dag.scenario.databases.len() - self.mounted as usize,
            clients: self.clients,
            max_active: self.max_active,
            busiest: self.busiest.map(|s| dag.server_name(s).to_string()),
        }
    }
}

/// The summary being added up, row by row.
pub struct Tally<'d> {
    dag: &'d Design,
    max_failures: usize,
    rows: u64,
    levels: Vec<Level>,
    /// The worst row with each number of failures, and of all.
    worst_by_level: Vec<Option<Kept>>,
    worst: Option<Kept>,
}

impl<'d> Tally<'d> {
    fn new(dag: &'d Design, max_failures: usize) -> Tally<'d> {
        let databases = dag.scenario.databases.len();
        let levels = (0..=max_failures)
            .map(|k| Level {
                failures: k,
                combinations: 0,
                all_mounted: 0,
                with_quorum: 0,
                tolerated: true,
                clients_served: dag.scenario.namespace.as_ref().map(|_| 0),
                fewest_mounted: databases,
                max_active: 0,
                worst: Vec::new(),
            })
            .collect();
        let worst_by_level = (0..=max_failures).map(|_| None).collect();
        Tally { dag, max_failures, rows: 0, levels, worst_by_level, worst: None }
    }

    fn add(&mut self, row: Row<'_>) {
        let databases = self.dag.scenario.databases.len();
        let mounted = row.mounted as usize;
        let (max_active, _) = row.busiest();
        self.rows += 1;
        let k = row.failed.len();
        let level = &mut self.levels[k];
        level.combinations += 1;
        level.all_mounted += u64::from(mounted == databases);
        level.with_quorum += u64::from(row.quorum);
        // With a namespace a set is tolerated only when clients still reach every database.
        level.tolerated &= mounted == databases && row.clients != Some(false);
        if let (Some(served), Some(true)) = (&mut level.clients_served, row.clients) {
            *served += 1;
        }
        level.fewest_mounted = level.fewest_mounted.min(mounted);
        level.max_active = level.max_active.max(max_active);
        let score = (mounted, max_active);
        let slots = self.worst_by_level.get_mut(k).into_iter().chain([&mut self.worst]);
        for slot in slots {
            if slot.as_ref().is_none_or(|kept| worse(score, kept.score())) {
                *slot = Some(Kept::of(row));
            }
        }
    }

    fn finish(mut self) -> Summary {
        let dag = self.dag;
        for (level, kept) in self.levels.iter_mut().zip(&self.worst_by_level) {
            level.worst = kept.iter().flat_map(|k| &k.failed).map(|&s| dag.server_name(s).to_string()).collect();
        }
        let tolerates_any = self.levels.iter().take_while(|l| l.tolerated).count().saturating_sub(1);
        let mut modes = Vec::new();
        for (kept, mode) in self.worst_by_level.iter().zip(["normal", "single server", "double server"]) {
            if let Some(kept) = kept {
                modes.push(kept.mode(dag, mode));
            }
        }
        // Sites fail whole, with the witness when it stands there: the engine decides these.
        for site in dag.site_ids() {
            if dag.servers_in(site).next().is_none() {
                continue;
            }
            let site_name = dag.site_name(site);
            modes.push(event_mode(dag, &format!("site {site_name}"), &[Event::FailSite(site)]));
            let mut worst: Option<FailureMode> = None;
            for server in dag.server_ids().filter(|&s| dag.site_of(s) != site) {
                let mode = event_mode(
                    dag,
                    &format!("site {site_name}, then a server"),
                    &[Event::FailSite(site), Event::FailServer(server)],
                );
                if worst.as_ref().is_none_or(|w| worse((mode.mounted, mode.max_active), (w.mounted, w.max_active))) {
                    worst = Some(mode);
                }
            }
            modes.extend(worst);
        }
        let overall = self.worst.map(|kept| kept.mode(dag, "worst"));
        let worst_of_modes = modes.iter().skip(1).fold(overall, |worst, mode| match worst {
            Some(w) if !worse((mode.mounted, mode.max_active), (w.mounted, w.max_active)) => Some(w),
            _ => Some(FailureMode { mode: "worst".into(), ..mode.clone() }),
        });
        modes.extend(worst_of_modes);
        Summary {
            servers: dag.server_count(),
            databases: dag.scenario.databases.len(),
            max_failures: self.max_failures,
            combinations: self.rows,
            tolerates_any,
            levels: self.levels,
            modes,
            quorum_note: quorum_note(dag),
        }
    }
}

/// One failure mode and what it leaves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
pub struct FailureMode {
    /// `normal`, `single server`, `double server`, `site dc1`, `site dc1, then a server`, `worst`.
    pub mode: String,
    /// What failed, in the worst case of this mode.
    pub failed: Vec<String>,
    pub quorum: bool,
    pub mounted: usize,
    pub dismounted: usize,
    /// With a namespace: clients reach every database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clients: Option<bool>,
    /// The most databases active on one server, and the first server with that many.
    pub max_active: u32,
    pub busiest: Option<String>,
}

/// The answer for one number of simultaneous server failures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
pub struct Level {
    pub failures: usize,
    pub combinations: u64,
    pub all_mounted: u64,
    pub with_quorum: u64,
    /// Whether every set of this many failed servers leaves every database mounted and, with a namespace,
    /// reached by clients.
    pub tolerated: bool,
    /// With a namespace: the sets after which clients still reach every database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clients_served: Option<u64>,
    pub fewest_mounted: usize,
    pub max_active: u32,
    /// The set of this many failed servers that leaves the fewest databases mounted (then the most active
    /// on one server): the first such, in the order the sets are tried.
    pub worst: Vec<String>,
}

/// The summary of a DAG matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
pub struct Summary {
    pub servers: usize,
    pub databases: usize,
    pub max_failures: usize,
    pub combinations: u64,
    /// The largest k such that any k failed servers leave every database mounted (and, with a namespace,
    /// reached by clients).
    pub tolerates_any: usize,
    pub levels: Vec<Level>,
    /// The Role Requirements Calculator's failure modes, computed exhaustively.
    pub modes: Vec<FailureMode>,
    /// Which quorum model the results assume, and what happens at once and what one after the other.
    pub quorum_note: String,
}

/// One row with names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RowReport {
    pub failed: Vec<String>,
    pub quorum: bool,
    pub mounted: usize,
    /// With a namespace: clients reach every database.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clients: Option<bool>,
    /// Active databases per server, in server order (failed servers show 0).
    pub active: Vec<u32>,
}

/// The matrix as the CLI prints it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MatrixReport<'m> {
    pub summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Vec<RowReport>>")]
    pub rows: Option<Rows<'m>>,
}

/// The worse of two outcomes: fewer databases mounted, then more on the busiest server.
fn worse(a: (usize, u32), b: (usize, u32)) -> bool {
    a.0 < b.0 || (a.0 == b.0 && a.1 > b.1)
}

/// Every row with names, made one at a time as they are read or written.
#[derive(Debug, Clone, Copy)]
pub struct Rows<'m> {
    matrix: &'m FailureMatrix,
    dag: &'m Design,
}

impl<'m> Rows<'m> {
    pub fn len(&self) -> usize {
        self.matrix.len()
    }

    pub fn is_empty(&self) -> bool {
        self.matrix.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = RowReport> + 'm {
        let dag = self.dag;
        self.matrix.rows().map(move |row| RowReport {
            failed: row.failed.iter().map(|&s| dag.server_name(s).to_string()).collect(),
            quorum: row.quorum,
            mounted: row.mounted as usize,
            clients: row.clients,
            active: row.load.to_vec(),
        })
    }
}

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// What the results assume of votes: servers in a set fail at once (a majority of every vote must survive);
/// a site and then a server fail one after the other, which dynamic quorum can outlast.
pub fn quorum_note(dag: &Design) -> String {
    let windows = dag.windows().title();
    let votes = match dag.vote_model() {
        VoteModel::Static if dag.windows().has_dynamic_quorum() => {
            format!("static votes (dynamic quorum turned off on {windows})")
        }
        VoteModel::Static => format!("static votes ({windows} has no dynamic quorum)"),
        VoteModel::Dynamic { witness: true } => format!("dynamic quorum and dynamic witness ({windows})"),
        VoteModel::Dynamic { witness: false } => format!("dynamic quorum ({windows})"),
    };
    format!(
        "Servers in a set fail at once, so a majority of all the votes must survive; \
         \"then a server\" fails one after the site, each settled first. Votes: {votes}."
    )
}

/// A failure mode the engine plays: the events from the healthy DAG.
fn event_mode(dag: &Design, mode: &str, events: &[Event]) -> FailureMode {
    let mut simulation = Simulation::new(dag);
    for &event in events {
        let _ = simulation.apply(event);
    }
    let state = simulation.state();
    let max = state.load.iter().copied().max().unwrap_or(0);
    let failed = events
        .iter()
        .map(|event| match *event {
            Event::FailSite(site) => dag.site_name(site).to_string(),
            Event::FailServer(server) => dag.server_name(server).to_string(),
            other => other.label(dag),
        })
        .collect();
    let mounted = state.mounted_count();
    FailureMode {
        mode: mode.into(),
        failed,
        quorum: state.quorum.is_some(),
        mounted,
        dismounted: dag.scenario.databases.len() - mounted,
        clients: super::clients::report(dag, state).map(|clients| clients.served),
        max_active: max,
        busiest: state
            .load
            .iter()
            .position(|&l| l == max && max > 0)
            .map(|s| dag.server_name(ServerId(s as u32)).to_string()),
    }
}
