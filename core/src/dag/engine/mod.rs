//! Active Manager on a virtual DAG: events fail and restore servers, sites, WAN links, the witness and
//! copies; after each one the DAG settles: partitions and their votes, which partition holds quorum, the
//! DACP bits in DAC mode, and for every database the mounted copy (best copy selection) or why none is.
//!
//! Everything is deterministic: databases are settled in file order, ties go to the lower activation
//! preference, then to the copy listed first.

mod quorum;
mod selection;
mod state;

pub use quorum::settle;
pub(crate) use selection::best_copy_alone;
pub use selection::{copy_exclusion, meets, next_to_activate};
pub use state::*;

use super::design::{CopyId, DatabaseId, Design, ServerId, SiteId, VipId, VoteModel};
use super::event::{Choices, Event};
use selection::Context;

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
        let copies = PerCopy::new(dag, false);
        let mut state = State {
            server_ok: vec![true; servers],
            site_up: vec![true; sites],
            wan_down: vec![false; sites * sites],
            witness_ok: true,
            alternate_in_use: false,
            copy_failed: copies.clone(),
            suspended: copies.clone(),
            seeding: copies.clone(),
            spares_used: vec![0; servers],
            maintenance: vec![false; servers],
            played_down: copies,
            stopped: vec![false; servers],
            dacp: vec![true; servers],
            down_at: vec![0; servers],
            witness_up_since: 0,
            step: 0,
            vote: vec![true; servers],
            witness_weight: servers > 0 && servers.is_multiple_of(2),
            pam: None,
            active: dag.start_active.clone(),
            lost_logs: vec![0; dag.database_count()],
            known: None,
            vip_ok: vec![true; dag.vip_site.len()],
            dns_vip: VipId(0),
            up: vec![true; servers],
            witness_up: true,
            site_partition: vec![None; sites],
            partitions: Vec::new(),
            witness_partition: None,
            quorum: None,
            databases: Vec::new(),
            load: vec![0; servers],
            stale: None,
            tested: QuorumTest::default(),
        };
        // Members down at the start (a running DAG's): gone before the story begins, so dynamic quorum has
        // already taken their votes away, as it does one failure at a time.
        let up: Vec<ServerId> = dag.server_ids().filter(|s| !dag.scenario.servers[s.index()].down).collect();
        if up.len() < servers {
            for server in dag.server_ids().filter(|s| !up.contains(s)) {
                state.server_ok[server.index()] = false;
            }
            if let VoteModel::Dynamic { witness } = dag.vote_model() {
                quorum::dynamic_votes(&mut state, &up, true, witness);
            }
        }
        settle(dag, &mut state);
        Simulation { dag, state }
    }

    /// The simulation of `dag` where it left off in `state`, a state a simulation of `dag` reached.
    pub fn resume(dag: &'d Design, state: State) -> Simulation<'d> {
        Simulation { dag, state }
    }

    pub fn design(&self) -> &'d Design {
        self.dag
    }

    pub fn into_state(self) -> State {
        self.state
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// Applies one event and settles; a refused event changes nothing.
    pub fn apply(&mut self, event: Event) -> Result<(), Refusal> {
        self.change(event)?;
        self.state.step += 1;
        settle(self.dag, &mut self.state);
        Ok(())
    }

    /// Applies events that happen at once, then settles once: quorum counts the votes there were before all
    /// of them. Each refused event changes nothing; the result per event, in order.
    pub fn apply_together(&mut self, events: &[Event]) -> Vec<Result<(), Refusal>> {
        let results: Vec<Result<(), Refusal>> = events.iter().map(|&event| self.change(event)).collect();
        if results.iter().any(Result::is_ok) {
            self.state.step += 1;
            settle(self.dag, &mut self.state);
        }
        results
    }

    /// What an event changes before the DAG settles; refused when it cannot happen.
    fn change(&mut self, event: Event) -> Result<(), Refusal> {
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
            Event::ShutDownServer(server) => {
                switch(true, Part::Server(server), !s.server_ok[server.index()])?;
                s.server_ok[server.index()] = false;
                // Graceful: under dynamic quorum the cluster moves the member's vote before it leaves ("If the
                // voting node is gracefully powered down, the vote is transferred to the other node",
                // "Understand cluster and pool quorum"), so the others are counted as the whole.
                if let (VoteModel::Dynamic { witness }, Some(q)) = (dag.vote_model(), s.quorum) {
                    let others: Vec<ServerId> =
                        s.partitions[q].members.iter().copied().filter(|&m| m != server).collect();
                    let reached = s.witness_partition == Some(q);
                    quorum::dynamic_votes(s, &others, reached, witness);
                }
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
                s.copy_failed[copy] = fail;
            }
            Event::MoveToSite(site) => move_to_site(dag, s, site)?,
            Event::Redistribute => {
                let mut trial = s.clone();
                if rebalance(dag, &mut trial, Selection::Redistributed).is_empty() {
                    return Err(Refusal::NothingToMove);
                }
                *s = trial;
            }
            Event::StartMaintenance(server) => {
                if s.maintenance[server.index()] {
                    return Err(Refusal::AlreadyInMaintenance(server));
                }
                if !s.is_up(server) || s.quorum.is_none() || s.server_partition(dag, server) != s.quorum {
                    return Err(Refusal::MaintenanceUnreachable(server));
                }
                // The script moves every active database off first and stops when one cannot move: tried on
                // a copy of the DAG, so that a refusal changes nothing.
                let mut trial = s.clone();
                trial.maintenance[server.index()] = true;
                settle(dag, &mut trial);
                let stranded = dag.database_ids().find(|&d| {
                    s.mounted_on(dag, d) == Some(server) && trial.mounted_on(dag, d).is_none_or(|on| on == server)
                });
                if let Some(database) = stranded {
                    return Err(Refusal::CannotMoveOff(server, database));
                }
                s.maintenance[server.index()] = true;
                // The primary active manager moves to another member that holds quorum.
                if s.pam == Some(server) {
                    let members = s.quorum.map(|q| s.partitions[q].members.clone()).unwrap_or_default();
                    s.pam = members.into_iter().find(|&m| m != server);
                }
            }
            Event::EndMaintenance(server) => {
                if !s.maintenance[server.index()] {
                    return Err(Refusal::NotInMaintenance(server));
                }
                s.maintenance[server.index()] = false;
            }
            Event::SuspendCopy(copy) | Event::ResumeCopy(copy) => {
                let suspend = matches!(event, Event::SuspendCopy(_));
                let suspended = &mut s.suspended[copy];
                if *suspended == suspend {
                    return Err(if suspend { Refusal::AlreadySuspended(copy) } else { Refusal::NotSuspended(copy) });
                }
                if suspend
                    && s.active[copy.database.index()] == Some(copy)
                    && s.mounted_on(dag, copy.database).is_some()
                {
                    return Err(Refusal::SuspendActive(copy));
                }
                s.suspended[copy] = suspend;
            }
            Event::Reseed(copy) => {
                let server = dag.copy_server(copy);
                if s.seeding[copy] {
                    return Err(Refusal::AlreadySeeding(copy));
                }
                if !s.suspended[copy] {
                    return Err(Refusal::NotSuspendedToSeed(copy));
                }
                if s.mounted_on(dag, copy.database).is_none() {
                    return Err(Refusal::NoSeedSource(copy));
                }
                if !s.is_up(server) || s.quorum.is_none() || s.server_partition(dag, server) != s.quorum {
                    return Err(Refusal::SeedUnreachable(copy));
                }
                s.seeding[copy] = true;
            }
            Event::Switchover(copy, choices) => switchover(dag, s, copy, Selection::Switchover, choices)?,
            Event::DatacenterSwitchover { site, primary_witness } => {
                datacenter_switchover(dag, s, site, primary_witness)?
            }
            Event::StartDag(site) => start_dag(dag, s, site)?,
            Event::FailVip(vip) | Event::RestoreVip(vip) => {
                let fail = matches!(event, Event::FailVip(_));
                switch(fail, Part::Vip(vip), !s.vip_ok[vip.index()])?;
                s.vip_ok[vip.index()] = !fail;
            }
            Event::SwitchNamespace(vip) => {
                if dag.clients_try_every_vip() {
                    return Err(Refusal::NoSwitchNeeded);
                }
                if s.dns_vip == vip {
                    return Err(Refusal::AlreadyInDns(vip));
                }
                s.dns_vip = vip;
            }
        }
        Ok(())
    }

    /// PreferenceMoveFrequency's pass: every mounted database not on its preference-1 copy goes back to it
    /// with a lossless switchover (that copy's queue empty) when a switchover there would be allowed, each
    /// move counted before the next (MaximumActiveDatabases), and not onto a server already at its
    /// MaximumPreferredActiveDatabases ("honored ... when rebalancing the DAG", Set-MailboxServer); then the
    /// DAG settles once. The databases moved, in file order.
    pub fn rebalance(&mut self) -> Vec<DatabaseId> {
        let moved = rebalance(self.dag, &mut self.state, Selection::Rebalanced);
        if !moved.is_empty() {
            self.state.step += 1;
            settle(self.dag, &mut self.state);
        }
        moved
    }

    /// The copies being reseeded.
    pub fn seeding(&self) -> Vec<CopyId> {
        let dag = self.dag;
        dag.database_ids().flat_map(|d| dag.copy_ids(d)).filter(|c| self.state.seeding[*c]).collect()
    }

    /// Whether AutoReseed can reseed `copy` onto a spare volume now: Exchange 2013 or later, a spare left on
    /// its server, the server up in the partition with quorum, its database mounted to seed from.
    pub fn can_auto_reseed(&self, copy: CopyId) -> bool {
        let (dag, s) = (self.dag, &self.state);
        let server = dag.copy_server(copy);
        dag.scenario.exchange >= super::model::ExchangeVersion::Exchange2013
            && s.spares_used[server.index()] < dag.scenario.servers[server.index()].spare_volumes
            && s.is_up(server)
            && s.quorum.is_some()
            && s.server_partition(dag, server) == s.quorum
            && s.mounted_on(dag, copy.database).is_some()
    }

    /// AutoReseed: each of `copies` that it can reseed ([`Simulation::can_auto_reseed`]) reseeded onto a
    /// spare volume of its server. The copies it started.
    pub fn auto_reseed(&mut self, copies: &[CopyId]) -> Vec<CopyId> {
        let mut started = Vec::new();
        for &copy in copies {
            if self.can_auto_reseed(copy) {
                let server = self.dag.copy_server(copy);
                self.state.spares_used[server.index()] += 1;
                self.state.seeding[copy] = true;
                started.push(copy);
            }
        }
        started
    }

    /// Reseeds done: each copy healthy again (failed no more) and resumed, as Update-MailboxDatabaseCopy
    /// does without -ManualResume; then the DAG settles.
    pub fn reseeded(&mut self, copies: &[CopyId]) {
        for &copy in copies {
            self.state.seeding[copy] = false;
            self.state.suspended[copy] = false;
            self.state.copy_failed[copy] = false;
        }
        if !copies.is_empty() {
            self.state.step += 1;
            settle(self.dag, &mut self.state);
        }
    }

    /// The Replay Lag Manager's play down: the database's lagged copies that can run replay their logs and
    /// become copies without lag; then the DAG settles. The copies played down.
    pub fn play_down(&mut self, database: DatabaseId) -> Vec<CopyId> {
        let dag = self.dag;
        let state = &self.state;
        let copies: Vec<CopyId> = dag
            .copy_ids(database)
            .filter(|&c| state.lagged(dag, c) && copy_exclusion(dag, state, c).is_none())
            .collect();
        for copy in &copies {
            self.state.played_down[*copy] = true;
        }
        if !copies.is_empty() {
            self.state.step += 1;
            settle(dag, &mut self.state);
        }
        copies
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

/// Moves a database's active copy to `copy` (Move-ActiveMailboxDatabase, or rebalancing's lossless
/// switchover), refused when that copy could not be activated now.
/// The moves of a rebalancing pass ([`Simulation::rebalance`]), before the DAG settles: the databases moved.
fn rebalance(dag: &Design, s: &mut State, selection: Selection) -> Vec<DatabaseId> {
    let mut moved = Vec::new();
    for database in dag.database_ids() {
        let Some(first) = dag.first_active[database.index()] else { continue };
        let health = &dag.scenario.databases[database.index()].copies[first.index as usize];
        let on = s.mounted_on(dag, database);
        let target = dag.copy_server(first);
        if on.is_none() || on == Some(target) || health.copy_queue > 0 {
            continue;
        }
        if selection::at_preferred(dag, &s.load, target) {
            continue;
        }
        if switchover(dag, s, first, selection, Choices::default()).is_ok() {
            moved.push(database);
        }
    }
    moved
}

/// Every mounted database outside `site` switched over, in the design's order, to its most preferred copy in
/// `site` that a switchover may take; refused (nothing changed) when one has none.
fn move_to_site(dag: &Design, s: &mut State, site: SiteId) -> Result<(), Refusal> {
    let mut trial = s.clone();
    let mut moved = false;
    for database in dag.database_ids() {
        let Some(on) = trial.mounted_on(dag, database) else { continue };
        if dag.site_of(on) == site {
            continue;
        }
        let mut copies: Vec<CopyId> =
            dag.copy_ids(database).filter(|&c| dag.site_of(dag.copy_server(c)) == site).collect();
        crate::order::sort_by_key(&mut copies, |c| {
            dag.scenario.databases[database.index()].copies[c.index as usize].preference
        });
        if !copies
            .into_iter()
            .any(|copy| switchover(dag, &mut trial, copy, Selection::Switchover, Choices::default()).is_ok())
        {
            return Err(Refusal::NoCopyInSite(database, site));
        }
        moved = true;
    }
    if !moved {
        return Err(Refusal::NothingToMove);
    }
    *s = trial;
    Ok(())
}

fn switchover(
    dag: &Design,
    s: &mut State,
    copy: CopyId,
    selection: Selection,
    choices: Choices,
) -> Result<(), Refusal> {
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
    // -SkipHealthChecks: a copy in the Failed state may be activated; mounted, it is the active copy and
    // fails no more. Any other reason it cannot run still holds.
    let forced = choices.skip_health_checks && s.copy_failed(copy);
    if let Some(exclusion) = ctx.switchover_exclusion(copy, &load, choices.skip_health_checks) {
        return Err(Refusal::CannotActivate(copy, exclusion));
    }
    // With the active copy running, its logs are copied to the target first: nothing is lost, whatever the
    // dial. Without, the target mounts only missing no more logs than -MountDialOverride accepts (Lossless,
    // the cmdlet's default: none), and the logs it misses are lost.
    let health = &dag.scenario.databases[database.index()].copies[copy.index as usize];
    let source_running = s.mounted_on(dag, database).is_some();
    if !source_running {
        let server_dial = dag.scenario.servers[server.index()].mount_dial;
        if health.copy_queue > choices.mount_dial.max_missing_logs(server_dial) {
            return Err(Refusal::LogsMissing(copy, health.copy_queue, choices.mount_dial));
        }
    }
    if forced {
        s.copy_failed[copy] = false;
    }
    s.activate(dag, copy, selection);
    if !source_running {
        s.lost_logs[database.index()] = health.copy_queue;
    }
    Ok(())
}

/// Stop-DatabaseAvailabilityGroup for every member the site cannot reach, then Restore-DatabaseAvailabilityGroup
/// in the site. Without DAC mode there are no such cmdlets: the administrator forces quorum with the cluster
/// tools, to the same effect here, and nothing keeps the stopped members from mounting if they come back.
fn datacenter_switchover(dag: &Design, s: &mut State, site: SiteId, primary_witness: bool) -> Result<(), Refusal> {
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
    // The stopped members keep what they knew; a second switchover before they rejoin changes nothing of it.
    if s.known.is_none() {
        s.known = Some(Known { vote: s.vote.clone(), witness_weight: s.witness_weight, active: s.active.clone() });
    }
    for server in to_stop {
        s.stopped[server.index()] = true;
    }
    // Restore-DatabaseAvailabilityGroup: the cluster shrinks to the survivors, with the alternate witness when
    // they are even or a single member ("if there is an even number of surviving DAG members, or a single
    // surviving DAG member", its cmdlet reference) unless -UsePrimaryWitnessServer, as long as the alternate
    // stands where they can reach it.
    let survivors: Vec<ServerId> = dag.server_ids().filter(|&server| !s.stopped[server.index()]).collect();
    if (survivors.len().is_multiple_of(2) || survivors.len() == 1)
        && !primary_witness
        && let Some(alternate) = dag.alternate_site
        && s.reaches(dag, partition, alternate)
    {
        s.alternate_in_use = true;
    }
    // Quorum is forced among the survivors: every one of them votes, and the witness when they are even.
    for server in dag.server_ids() {
        s.vote[server.index()] = !s.stopped[server.index()];
    }
    s.witness_weight = survivors.len().is_multiple_of(2);
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
    if !s.stopped.contains(&true) {
        s.known = None;
    }
    // Back to the primary witness once the running DAG reaches it (clusterplan's choice: Set-DAG by habit).
    if s.alternate_in_use && s.witness_ok && s.reaches(dag, quorum, dag.witness_site) {
        s.alternate_in_use = false;
    }
    Ok(())
}
