//! What a DAG does by itself on the virtual clock between a script's steps: PreferenceMoveFrequency moving
//! databases back to their preference-1 copies on its timer's ticks (Exchange 2016 and later), the Replay
//! Lag Manager playing down a lagged copy once its database has had fewer than three healthy copies without
//! lag for 24 hours (enabled by default from Exchange 2016), AutoReseed reseeding a copy failed for 30
//! minutes onto a spare volume (Exchange 2013 and later), and each reseed finishing after its database's
//! size. Only a script with times has a clock: clicks in the app and untimed `simulate` see none of it, but
//! for a reseed, which is done at once there. `simulate` with times and the timeline both go through
//! [`Clock`], so they agree.

use super::design::{CopyId, DatabaseId, Design};
use super::engine::{Simulation, State, copy_exclusion};
use super::event::TimedEvent;
use super::model::{AUTO_RESEED_AFTER_MS, DATABASE_GB, ExchangeVersion};

/// How long a database must have had fewer than three healthy copies without lag before the Replay Lag
/// Manager plays its lagged copy down.
pub const PLAY_DOWN_AFTER_MS: u64 = 24 * 3_600_000;

/// Healthy copies without lag below which the Replay Lag Manager starts counting.
pub const PLAY_DOWN_BELOW: usize = 3;

/// Something the DAG did by itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Happening {
    /// PreferenceMoveFrequency moved these databases back to their preference-1 copies.
    Rebalanced(Vec<DatabaseId>),
    /// The Replay Lag Manager played these lagged copies down.
    PlayedDown(Vec<CopyId>),
    /// These copies' reseeds (Update-MailboxDatabaseCopy, or AutoReseed's) finished.
    Reseeded(Vec<CopyId>),
    /// AutoReseed began reseeding these failed copies onto spare volumes.
    AutoReseeding(Vec<CopyId>),
}

/// The DAG's own timers over a script.
#[derive(Debug, Clone)]
pub struct Clock {
    /// The script has times.
    timed: bool,
    /// Per database: since when it has had fewer than three healthy copies without lag (while it still has
    /// a lagged copy to play down).
    short_since: Vec<Option<u64>>,
    /// Each copy being reseeded, and when its reseed finishes.
    seeds: Vec<(CopyId, u64)>,
    /// Each failed copy not being reseeded, and since when: AutoReseed's count.
    failed_since: Vec<(CopyId, u64)>,
}

impl Clock {
    pub fn new(dag: &Design, events: &[TimedEvent]) -> Clock {
        Clock {
            timed: events.iter().any(|e| e.at.is_some()),
            short_since: vec![None; dag.database_count()],
            seeds: Vec::new(),
            failed_since: Vec::new(),
        }
    }

    /// After a step settled at `at`, everything the DAG does by itself before `next` (the next step's time;
    /// `None` after the last step: then up to the next rebalancing tick), in time order, applied to
    /// `simulation`.
    pub fn between(&mut self, simulation: &mut Simulation<'_>, at: u64, next: Option<u64>) -> Vec<(u64, Happening)> {
        let mut happened = Vec::new();
        let dag = simulation.design();
        // A reseed started at this step finishes once its database is copied: at once without a clock (as a
        // click's failover settles at once), else after its size times the time per GB; after the last step
        // the clock runs on until every reseed is done.
        for copy in simulation.seeding() {
            if !self.seeds.iter().any(|&(c, _)| c == copy) {
                self.seeds.push((copy, at + Self::seed_ms(dag, copy)));
            }
        }
        if !self.timed {
            let done: Vec<CopyId> = self.seeds.drain(..).map(|(c, _)| c).collect();
            if !done.is_empty() {
                simulation.reseeded(&done);
                happened.push((at, Happening::Reseeded(done)));
            }
            return happened;
        }
        let mut now = at;
        loop {
            self.watch_failed(dag, simulation.state(), now);
            let done_at = self.seeds.iter().map(|&(_, t)| t).min();
            let auto_at = self.auto_reseed_due(simulation);
            let due = [done_at, auto_at].into_iter().flatten().min().filter(|&t| next.is_none_or(|next| t < next));
            let Some(t) = due else { break };
            // Between now and then, what else the DAG does by itself comes first.
            happened.extend(self.timers(simulation, now, Some(t)));
            if auto_at == Some(t) {
                let copies: Vec<CopyId> = self
                    .failed_since
                    .iter()
                    .filter(|&&(c, since)| since + AUTO_RESEED_AFTER_MS == t && simulation.can_auto_reseed(c))
                    .map(|&(c, _)| c)
                    .collect();
                let started = simulation.auto_reseed(&copies);
                self.failed_since.retain(|(c, _)| !started.contains(c));
                for &copy in &started {
                    self.seeds.push((copy, t + Self::seed_ms(dag, copy)));
                }
                if !started.is_empty() {
                    happened.push((t, Happening::AutoReseeding(started)));
                }
            }
            if done_at == Some(t) {
                let done: Vec<CopyId> = self.seeds.iter().filter(|&&(_, at)| at == t).map(|&(c, _)| c).collect();
                self.seeds.retain(|&(_, at)| at != t);
                simulation.reseeded(&done);
                happened.push((t, Happening::Reseeded(done)));
            }
            now = t;
        }
        happened.extend(self.timers(simulation, now, next));
        happened
    }

    /// How long a copy's reseed takes: its database's size (or clusterplan's 200 GB) times the time per GB.
    fn seed_ms(dag: &Design, copy: CopyId) -> u64 {
        let size = dag.scenario.databases[copy.database.index()].size_gb.unwrap_or(DATABASE_GB);
        size as u64 * dag.scenario.timing.reseed_ms_per_gb
    }

    /// Starts or stops each copy's count towards AutoReseed, as the DAG stands at `now`: a failed copy not
    /// being reseeded counts from when it is first seen failed.
    fn watch_failed(&mut self, dag: &Design, state: &State, now: u64) {
        self.failed_since.retain(|&(c, _)| state.copy_failed(c) && !state.seeding[c]);
        for database in dag.database_ids() {
            for copy in dag.copy_ids(database) {
                let seeding = state.seeding[copy];
                if state.copy_failed(copy) && !seeding && !self.failed_since.iter().any(|&(c, _)| c == copy) {
                    self.failed_since.push((copy, now));
                }
            }
        }
    }

    /// When AutoReseed next reseeds a failed copy onto a spare volume: only one it can reseed as the DAG
    /// stands (which nothing but the clock's own happenings changes before the next step), so that each due
    /// time starts a reseed and the clock moves on.
    fn auto_reseed_due(&self, simulation: &Simulation<'_>) -> Option<u64> {
        self.failed_since
            .iter()
            .filter(|&&(c, _)| simulation.can_auto_reseed(c))
            .map(|&(_, since)| since + AUTO_RESEED_AFTER_MS)
            .min()
    }

    /// PreferenceMoveFrequency's ticks and the Replay Lag Manager's play downs from `at` until `next` (`None`
    /// after the last step: up to the next rebalancing tick), in time order, applied to `simulation`.
    fn timers(&mut self, simulation: &mut Simulation<'_>, at: u64, next: Option<u64>) -> Vec<(u64, Happening)> {
        let mut happened = Vec::new();
        let dag = simulation.design();
        // After the last step the clock runs to PreferenceMoveFrequency's next tick, and no further: a
        // script that wants to see more (a play down after 24 hours) goes on that long.
        let end = next.or_else(|| dag.preference_move_every().map(|every| (at / every + 1) * every + 1));
        let before = |t: u64| end.is_some_and(|end| end > t);
        let mut now = at;
        let mut rebalanced = false;
        loop {
            self.watch(dag, simulation.state(), now);
            let play_down = self.short_since.iter().flatten().map(|&since| since + PLAY_DOWN_AFTER_MS).min();
            let play_down = play_down.filter(|&t| before(t));
            let tick = dag.preference_move_every().map(|every| (now / every + 1) * every);
            let tick = tick.filter(|&t| !rebalanced && before(t));
            match (play_down, tick) {
                (Some(t), tick) if tick.is_none_or(|tick| t <= tick) => {
                    let due: Vec<usize> = (0..self.short_since.len())
                        .filter(|&d| self.short_since[d].is_some_and(|since| since + PLAY_DOWN_AFTER_MS == t))
                        .collect();
                    let mut copies = Vec::new();
                    for d in due {
                        self.short_since[d] = None;
                        copies.extend(simulation.play_down(DatabaseId(d as u32)));
                    }
                    if !copies.is_empty() {
                        happened.push((t, Happening::PlayedDown(copies)));
                    }
                    now = t;
                }
                (_, Some(t)) => {
                    // One pass leaves nothing to move until the next step changes something.
                    rebalanced = true;
                    let moved = simulation.rebalance();
                    if !moved.is_empty() {
                        happened.push((t, Happening::Rebalanced(moved)));
                    }
                    now = t;
                }
                _ => return happened,
            }
        }
    }

    /// Starts or stops each database's count towards a play down, as the DAG stands at `now`.
    fn watch(&mut self, dag: &Design, state: &State, now: u64) {
        if dag.scenario.exchange < ExchangeVersion::Exchange2016 {
            return;
        }
        for database in dag.database_ids() {
            let copies = || dag.copy_ids(database);
            // A lagged copy that can run, to play down.
            let lagged = copies().any(|c| state.lagged(dag, c) && copy_exclusion(dag, state, c).is_none());
            let healthy =
                copies().filter(|&c| !state.lagged(dag, c) && copy_exclusion(dag, state, c).is_none()).count();
            let short = &mut self.short_since[database.index()];
            if lagged && healthy < PLAY_DOWN_BELOW {
                short.get_or_insert(now);
            } else {
                *short = None;
            }
        }
    }
}
