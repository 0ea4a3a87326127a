//! Best copy and server selection: which copies can run and which can be activated (activation policy,
//! caps, mount dial), the ten criteria sets, and each database settled on its copy or dismounted with why.

use super::{DatabaseState, Dismount, Exclusion, Selection, State, status_key};
use crate::dag::design::{CopyId, DatabaseId, Design, ServerId};
use crate::dag::model::{ActivationPolicy, ContentIndex, MountDial};

/// What best copy selection looks at.
#[derive(Clone, Copy)]
pub(super) struct Context<'a> {
    dag: &'a Design,
    s: &'a State,
    /// A copy taken as failed besides those the state says (to ask what would happen if it failed).
    failed_too: Option<CopyId>,
    /// A failed copy taken as healthy (a switchover with -SkipHealthChecks activates a copy in the Failed
    /// state).
    healed: Option<CopyId>,
}

impl<'a> Context<'a> {
    pub(super) fn new(dag: &'a Design, s: &'a State) -> Self {
        Context { dag, s, failed_too: None, healed: None }
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
        } else if s.seeding[copy] {
            Some(Exclusion::Seeding)
        } else if s.copy_failed(copy) && self.healed != Some(copy) || self.failed_too == Some(copy) {
            Some(Exclusion::CopyFailed)
        } else if s.maintenance[server.index()] {
            Some(Exclusion::Maintenance)
        } else if s.suspended[copy] {
            Some(Exclusion::Suspended)
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
    pub(super) fn exclusion(&self, copy: CopyId, load: &[u32], automatic: bool) -> Option<Exclusion> {
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
        if let Some(cap) = at_cap(dag, load, server) {
            return Some(cap);
        }
        if health.copy_queue > settings.mount_dial.max_missing_logs() {
            return Some(Exclusion::MountDial { copy_queue: health.copy_queue, dial: settings.mount_dial });
        }
        None
    }

    /// Why this copy cannot be activated by a switchover now (Move-ActiveMailboxDatabase): what keeps it from
    /// running — but its being failed, with `skip_health_checks` — and its server's cap. The activation policy
    /// binds only Active Manager; the mount dial is the switchover's own (see `switchover`).
    pub(super) fn switchover_exclusion(
        &self,
        copy: CopyId,
        load: &[u32],
        skip_health_checks: bool,
    ) -> Option<Exclusion> {
        let ctx = Context { healed: skip_health_checks.then_some(copy), ..*self };
        ctx.cannot_run(copy).or_else(|| at_cap(self.dag, load, self.dag.copy_server(copy)))
    }
}

/// Whether a server already runs as many databases as its MaximumActiveDatabases allows (`load`: the
/// databases mounted per server so far). The one count every activation checks: a database holding its
/// place as the DAG settles (the healthy DAG's first mounts too), failover, switchover and rebalancing.
pub(super) fn at_cap(dag: &Design, load: &[u32], server: ServerId) -> Option<Exclusion> {
    let max = dag.scenario.servers[server.index()].max_active?;
    (load[server.index()] >= max).then_some(Exclusion::MaxActive(max))
}

/// Whether a server already runs as many databases as its MaximumPreferredActiveDatabases (the soft cap):
/// best copy selection tries it after the others, and rebalancing moves nothing onto it.
pub(super) fn at_preferred(dag: &Design, load: &[u32], server: ServerId) -> bool {
    dag.scenario.servers[server.index()].max_preferred_active.is_some_and(|max| load[server.index()] >= max)
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

pub(super) fn settle_databases(dag: &Design, s: &mut State) {
    let mut load = vec![0u32; dag.server_count()];
    let mut result: Vec<Option<DatabaseState>> = vec![None; dag.database_count()];
    let ctx = Context::new(dag, s);
    // Per database: its active copy can run, but its server already runs its MaximumActiveDatabases ("the
    // Information Store on the server doesn't allow databases to be mounted", Set-MailboxServer).
    let mut over_cap: Vec<Option<Exclusion>> = vec![None; dag.database_count()];
    // First the databases whose active copy can stay mounted: they hold their places, in file order, as
    // long as their server's cap allows.
    for database in dag.database_ids() {
        let Some(copy) = s.active[database.index()] else { continue };
        if ctx.cannot_run(copy).is_none() {
            if let Some(cap) = at_cap(dag, &load, dag.copy_server(copy)) {
                over_cap[database.index()] = Some(cap);
                continue;
            }
            let selection = match s.databases.get(database.index()) {
                Some(&DatabaseState::Mounted {
                    copy: was,
                    selection: selection @ (Selection::Switchover | Selection::Rebalanced | Selection::Redistributed),
                    ..
                }) if was == copy => selection,
                _ => Selection::StillActive,
            };
            load[dag.copy_server(copy).index()] += 1;
            result[database.index()] = Some(DatabaseState::Mounted { copy, selection, previous: None });
        }
    }
    // Then, in file order, the ones that need a copy activated.
    let mut active = s.active.clone();
    let mut lost = s.lost_logs.clone();
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
                    let previous = s.active[database.index()]
                        .and_then(|c| ctx.cannot_run(c).or(over_cap[database.index()]).map(|e| (c, e)));
                    // The active copy gone, the logs it had not copied here are lost with it.
                    let gone = previous.is_some_and(|(was, why)| was != copy && why.source_gone());
                    lost[database.index()] = if gone {
                        dag.scenario.databases[database.index()].copies[copy.index as usize].copy_queue
                    } else {
                        0
                    };
                    DatabaseState::Mounted { copy, selection, previous }
                }
                Err(excluded) => DatabaseState::Dismounted(Dismount::NoCandidate(excluded)),
            }
        };
        *slot = Some(state);
    }
    s.active = active;
    s.lost_logs = lost;
    s.databases = result.into_iter().map(|r| r.expect("every database settled")).collect();
    s.load = load;
}

/// Best copy and server selection (docs/domain.md, "Best copy and server selection"): exclude what cannot
/// be activated, sort, then try the ten criteria sets in order against the copies without lag, then against
/// the lagged ones; a copy whose queue is beyond its server's mount dial is passed over for the next.
fn best_copy(ctx: &Context<'_>, database: DatabaseId, load: &[u32]) -> Chosen {
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
    crate::order::sort_by_key(&mut candidates, |&c| {
        let over_preferred = at_preferred(dag, load, dag.copy_server(c));
        let health = &copies[c.index as usize];
        let queue = if by_preference { 0 } else { health.copy_queue };
        (over_preferred, queue, health.preference, c.index)
    });
    for lagged in [false, true] {
        for set in 1..=10u8 {
            for &c in &candidates {
                let copy = &copies[c.index as usize];
                if ctx.s.lagged(dag, c) != lagged || !meets(set, copy.content_index, copy.copy_queue, copy.replay_queue)
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
    crate::order::sort_by(&mut excluded, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Err(excluded)
}

/// What best copy selection decides for a database: the copy and the criteria set that picked it, or every
/// copy with why it could not be activated (the closest first).
pub type Chosen = Result<(CopyId, Selection), Vec<(CopyId, Exclusion)>>;

/// What best copy selection would do if a mounted database's active copy failed now, everything else as it
/// is: the copy it would activate and the criteria set that picks it, or every copy with why it could not
/// be. `None` when the database is not mounted.
pub fn next_to_activate(dag: &Design, s: &State, database: DatabaseId) -> Option<Chosen> {
    let DatabaseState::Mounted { copy: active, .. } = s.databases[database.index()] else { return None };
    let ctx = Context { dag, s, failed_too: Some(active), healed: None };
    // Its own server no longer counts it among the databases mounted there.
    let mut load = s.load.clone();
    load[dag.copy_server(active).index()] -= 1;
    // The copy taken as failed is not one of the others that could not be.
    Some(best_copy(&ctx, database, &load).map_err(|mut excluded| {
        excluded.retain(|&(copy, _)| copy != active);
        excluded
    }))
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
