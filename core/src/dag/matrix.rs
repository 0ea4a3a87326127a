//! The DAG failure matrix: every set of up to k member servers failing at once from the healthy DAG, with
//! quorum, the databases mounted and the active databases per server after each; and the failure modes of
//! the Role Requirements Calculator (normal, single server, double server, site, site + server, worst),
//! computed exhaustively.
//!
//! Without MaximumActiveDatabases or MaximumPreferredActiveDatabases caps a database's fate depends only on
//! which of its copies' servers are up, so each database gets a table, built once by the engine's own
//! selection, indexed by that bit pattern; with caps every set is settled by the engine.

use serde::Serialize;

use super::design::{Design, ServerId};
use super::engine::{Simulation, State, best_copy_alone};
use super::event::Event;
use crate::combinations::{self, MAX_COMBINATIONS, TooLarge};

/// No server: the database is dismounted.
const NONE: u8 = u8::MAX;

/// The matrix, flat: row i failed the servers in `failed[i]` (a bit set) and left `load[i * servers + s]`
/// databases active on server s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailureMatrix {
    pub servers: usize,
    pub max_failures: usize,
    pub failed: Vec<u32>,
    pub quorum: Vec<bool>,
    pub mounted: Vec<u16>,
    pub load: Vec<u16>,
}

/// The most members the matrix handles (sets are bit sets in a u32; a DAG has at most 16).
pub const MAX_MATRIX_SERVERS: usize = 32;

impl FailureMatrix {
    /// Fails every set of up to `max_failures` servers (all when `None`) at once, from the healthy DAG.
    pub fn compute(dag: &Design, max_failures: Option<usize>) -> Result<FailureMatrix, TooLarge> {
        let n = dag.server_count();
        let max_failures = max_failures.unwrap_or(n).min(n);
        let total = TooLarge::check(n, max_failures, "server")?;
        if n > MAX_MATRIX_SERVERS {
            let fits =
                (0..=max_failures).take_while(|&k| combinations::count(n, k) <= MAX_COMBINATIONS).last().unwrap_or(0);
            return Err(TooLarge { combinations: total, fits, of: "server" });
        }
        let healthy = Simulation::new(dag);
        let mut matrix = FailureMatrix {
            servers: n,
            max_failures,
            failed: Vec::with_capacity(total as usize),
            quorum: Vec::with_capacity(total as usize),
            mounted: Vec::with_capacity(total as usize),
            load: Vec::with_capacity(total as usize * n),
        };
        let tables = Tables::build(dag, healthy.state());
        let mut simulation = healthy.clone();
        let mut chosen: Vec<usize> = Vec::with_capacity(max_failures);
        let mut load = vec![0u16; n];
        for k in 0..=max_failures {
            chosen.clear();
            chosen.extend(0..k);
            loop {
                let failed = chosen.iter().fold(0u32, |set, &s| set | 1 << s);
                let (quorum, mounted) = match &tables {
                    Some(tables) => tables.row(failed, &mut load),
                    None => {
                        simulation.clone_from(&healthy);
                        simulation.fail_servers(chosen.iter().map(|&s| ServerId(s as u32)));
                        let state = simulation.state();
                        for (slot, &l) in load.iter_mut().zip(&state.load) {
                            *slot = l as u16;
                        }
                        (state.quorum.is_some(), state.mounted_count() as u16)
                    }
                };
                matrix.failed.push(failed);
                matrix.quorum.push(quorum);
                matrix.mounted.push(mounted);
                matrix.load.extend_from_slice(&load);
                if !combinations::next(&mut chosen, n) {
                    break;
                }
            }
        }
        Ok(matrix)
    }

    pub fn len(&self) -> usize {
        self.failed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.failed.is_empty()
    }

    /// Row i's active databases per server.
    pub fn load(&self, row: usize) -> &[u16] {
        &self.load[row * self.servers..(row + 1) * self.servers]
    }
}

/// Per database, which server runs it for each pattern of its copies' servers being up.
struct Tables {
    /// Per database: its copies' servers.
    servers: Vec<Vec<u8>>,
    /// Per database: 2^copies entries, the server or NONE.
    choice: Vec<Vec<u8>>,
    /// Members of the healthy DAG (none stopped), the votes needed, whether the witness votes.
    members: u32,
    needed: u32,
    witness_vote: bool,
    databases: u16,
}

impl Tables {
    /// The tables, when the DAG allows them: no caps, one partition with quorum, copies few enough.
    fn build(dag: &Design, healthy: &State) -> Option<Tables> {
        let caps = dag.scenario.servers.iter().any(|s| s.max_active.is_some() || s.max_preferred_active.is_some());
        if caps
            || healthy.partitions.len() != 1
            || healthy.quorum.is_none()
            || dag.copy_server.iter().any(|c| c.len() > 12)
        {
            return None;
        }
        let mut scratch = healthy.clone();
        let mut choice = Vec::with_capacity(dag.copy_server.len());
        for database in dag.database_ids() {
            let copies = &dag.copy_server[database.index()];
            let mut table = vec![NONE; 1 << copies.len()];
            for (pattern, slot) in table.iter_mut().enumerate() {
                for (bit, &server) in copies.iter().enumerate() {
                    scratch.up[server.index()] = pattern & (1 << bit) != 0;
                }
                *slot = best_copy_alone(dag, &scratch, database).map_or(NONE, |copy| dag.copy_server(copy).0 as u8);
                for &server in copies {
                    scratch.up[server.index()] = true;
                }
            }
            choice.push(table);
        }
        let members = healthy.member_count();
        Some(Tables {
            servers: dag.copy_server.iter().map(|c| c.iter().map(|&s| s.0 as u8).collect()).collect(),
            choice,
            members,
            needed: healthy.partitions[0].needed,
            witness_vote: healthy.partitions[0].witness_vote,
            databases: dag.copy_server.len() as u16,
        })
    }

    /// Quorum and mounted count for one failed set; `load` gets the active databases per server.
    fn row(&self, failed: u32, load: &mut [u16]) -> (bool, u16) {
        load.fill(0);
        let votes = self.members - failed.count_ones() + u32::from(self.witness_vote);
        if votes < self.needed {
            return (false, 0);
        }
        let up = !failed;
        let mut mounted = self.databases;
        for (servers, table) in self.servers.iter().zip(&self.choice) {
            let mut pattern = 0usize;
            for (bit, &server) in servers.iter().enumerate() {
                pattern |= ((up >> server) as usize & 1) << bit;
            }
            match table[pattern] {
                NONE => mounted -= 1,
                server => load[server as usize] += 1,
            }
        }
        (true, mounted)
    }
}

/// One failure mode and what it leaves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailureMode {
    /// `normal`, `single server`, `double server`, `site dc1`, `site dc1 + server`, `worst`.
    pub mode: String,
    /// What failed, in the worst case of this mode.
    pub failed: Vec<String>,
    pub quorum: bool,
    pub mounted: usize,
    pub dismounted: usize,
    /// The most databases active on one server, and the first server with that many.
    pub max_active: u32,
    pub busiest: Option<String>,
}

/// The answer for one number of simultaneous server failures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Level {
    pub failures: usize,
    pub combinations: u64,
    pub all_mounted: u64,
    pub with_quorum: u64,
    /// Whether every set of this many failed servers leaves every database mounted.
    pub tolerated: bool,
    pub fewest_mounted: usize,
    pub max_active: u32,
}

/// The summary of a DAG matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub servers: usize,
    pub databases: usize,
    pub max_failures: usize,
    pub combinations: u64,
    /// The largest k such that any k failed servers leave every database mounted.
    pub tolerates_any: usize,
    pub levels: Vec<Level>,
    /// The Role Requirements Calculator's failure modes, computed exhaustively.
    pub modes: Vec<FailureMode>,
}

/// One row with names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowReport {
    pub failed: Vec<String>,
    pub quorum: bool,
    pub mounted: usize,
    /// Active databases per server, in server order (failed servers show 0).
    pub active: Vec<u16>,
}

/// The matrix as the CLI prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatrixReport {
    pub summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<RowReport>>,
}

fn names(dag: &Design, set: u32) -> Vec<String> {
    dag.server_ids().filter(|s| set & (1 << s.index()) != 0).map(|s| dag.server_name(s).to_string()).collect()
}

/// The worse of two outcomes: fewer databases mounted, then more on the busiest server.
fn worse(a: (usize, u32), b: (usize, u32)) -> bool {
    a.0 < b.0 || (a.0 == b.0 && a.1 > b.1)
}

impl FailureMatrix {
    fn busiest(&self, row: usize) -> (u32, Option<ServerId>) {
        let load = self.load(row);
        let max = load.iter().copied().max().unwrap_or(0);
        (max as u32, load.iter().position(|&l| l == max && max > 0).map(|s| ServerId(s as u32)))
    }

    fn mode_of_row(&self, dag: &Design, mode: &str, row: usize) -> FailureMode {
        let (max_active, busiest) = self.busiest(row);
        let mounted = self.mounted[row] as usize;
        FailureMode {
            mode: mode.into(),
            failed: names(dag, self.failed[row]),
            quorum: self.quorum[row],
            mounted,
            dismounted: dag.scenario.databases.len() - mounted,
            max_active,
            busiest: busiest.map(|s| dag.server_name(s).to_string()),
        }
    }

    /// The worst row with exactly `k` failures (or any, for `None`), in row order.
    fn worst_row(&self, k: Option<usize>) -> Option<usize> {
        let mut worst: Option<usize> = None;
        for row in 0..self.len() {
            if k.is_some_and(|k| self.failed[row].count_ones() as usize != k) {
                continue;
            }
            let score = (self.mounted[row] as usize, self.busiest(row).0);
            if worst.is_none_or(|w| worse(score, (self.mounted[w] as usize, self.busiest(w).0))) {
                worst = Some(row);
            }
        }
        worst
    }

    pub fn summary(&self, dag: &Design) -> Summary {
        let databases = dag.scenario.databases.len();
        let mut levels: Vec<Level> = (0..=self.max_failures)
            .map(|k| Level {
                failures: k,
                combinations: 0,
                all_mounted: 0,
                with_quorum: 0,
                tolerated: true,
                fewest_mounted: databases,
                max_active: 0,
            })
            .collect();
        for row in 0..self.len() {
            let level = &mut levels[self.failed[row].count_ones() as usize];
            let mounted = self.mounted[row] as usize;
            level.combinations += 1;
            level.all_mounted += u64::from(mounted == databases);
            level.with_quorum += u64::from(self.quorum[row]);
            level.tolerated &= mounted == databases;
            level.fewest_mounted = level.fewest_mounted.min(mounted);
            level.max_active = level.max_active.max(self.busiest(row).0);
        }
        let tolerates_any = levels.iter().take_while(|l| l.tolerated).count().saturating_sub(1);
        let mut modes = Vec::new();
        for (k, mode) in [(0, "normal"), (1, "single server"), (2, "double server")] {
            if let Some(row) = self.worst_row(Some(k)) {
                modes.push(self.mode_of_row(dag, mode, row));
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
                    &format!("site {site_name} + server"),
                    &[Event::FailSite(site), Event::FailServer(server)],
                );
                if worst.as_ref().is_none_or(|w| worse((mode.mounted, mode.max_active), (w.mounted, w.max_active))) {
                    worst = Some(mode);
                }
            }
            modes.extend(worst);
        }
        let overall = self.worst_row(None).map(|row| self.mode_of_row(dag, "worst", row));
        let worst_of_modes = modes.iter().skip(1).fold(overall, |worst, mode| match worst {
            Some(w) if !worse((mode.mounted, mode.max_active), (w.mounted, w.max_active)) => Some(w),
            _ => Some(FailureMode { mode: "worst".into(), ..mode.clone() }),
        });
        modes.extend(worst_of_modes);
        Summary {
            servers: self.servers,
            databases,
            max_failures: self.max_failures,
            combinations: self.len() as u64,
            tolerates_any,
            levels,
            modes,
        }
    }

    /// The summary, with every row when `rows` is true.
    pub fn report(&self, dag: &Design, rows: bool) -> MatrixReport {
        MatrixReport {
            summary: self.summary(dag),
            rows: rows.then(|| {
                (0..self.len())
                    .map(|row| RowReport {
                        failed: names(dag, self.failed[row]),
                        quorum: self.quorum[row],
                        mounted: self.mounted[row] as usize,
                        active: self.load(row).to_vec(),
                    })
                    .collect()
            }),
        }
    }
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
        max_active: max,
        busiest: state
            .load
            .iter()
            .position(|&l| l == max && max > 0)
            .map(|s| dag.server_name(ServerId(s as u32)).to_string()),
    }
}
