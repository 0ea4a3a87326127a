//! The DAG as an observer sees it at a time: the changes each step brings (what broke, at once; what the
//! cluster noticed, when it notices; each database as its steps leave it; who clients reach), folded over the
//! healthy DAG in time order, a later step's change winning over an earlier one's still unfolding; then what
//! follows from that one moment (active databases per server, copies, the counts, clients).

use super::super::clients::ClientsReport as Clients;
use super::super::report::{CopyState, DatabaseReport, MountState, Outcome, ServerState};

/// A change to what an observer sees, at a time; `order` is its step's place in the script (with the DAG's
/// own happenings between steps), and a later step's change wins over an earlier one's still unfolding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Change {
    pub(super) t_ms: u64,
    pub(super) order: usize,
    pub(super) what: Changed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Changed {
    /// What the step's events did to the world, at once: sites, WAN links, the witness server and the
    /// servers themselves up or failed, and in maintenance or not (taken from this outcome).
    World(Box<Outcome>),
    /// The cluster noticing: membership, votes, partitions, quorum, the DACP bits, the witness's vote and
    /// which witness is in use (taken from this outcome).
    Cluster(Box<Outcome>),
    /// A database as it stands after this change (its place in the design's list).
    Database(usize, Box<DatabaseReport>),
    /// Who reaches the mailboxes through the namespace.
    Clients(Box<Clients>),
}

/// The healthy DAG with every change up to `time_ms` folded in, and what follows from that moment.
pub(super) fn fold(healthy: &Outcome, changes: &[Change], time_ms: u64) -> Outcome {
    let mut view = healthy.clone();
    let mut latest = Latest { world: 0, cluster: 0, clients: 0, databases: vec![0; view.databases.len()] };
    for change in changes.iter().take_while(|c| c.t_ms <= time_ms) {
        latest.apply(&mut view, change);
    }
    follow(&mut view);
    view
}

/// Per part of the view, the order of the step whose change it shows.
struct Latest {
    world: usize,
    cluster: usize,
    clients: usize,
    databases: Vec<usize>,
}

impl Latest {
    fn apply(&mut self, view: &mut Outcome, change: &Change) {
        let newer = |shown: &mut usize| {
            let newer = change.order >= *shown;
            if newer {
                *shown = change.order;
            }
            newer
        };
        match &change.what {
            Changed::World(after) if newer(&mut self.world) => {
                view.sites.clone_from(&after.sites);
                view.wan.clone_from(&after.wan);
                view.witness.up = after.witness.up;
                view.witness.failed = after.witness.failed;
                for (server, new) in view.servers.iter_mut().zip(&after.servers) {
                    (server.failed, server.maintenance) = (new.failed, new.maintenance);
                }
            }
            Changed::Cluster(after) if newer(&mut self.cluster) => {
                view.quorum.clone_from(&after.quorum);
                view.partitions.clone_from(&after.partitions);
                let witness = &mut view.witness;
                witness.server.clone_from(&after.witness.server);
                witness.site.clone_from(&after.witness.site);
                witness.votes = after.witness.votes;
                witness.vote_note.clone_from(&after.witness.vote_note);
                witness.in_use = after.witness.in_use;
                for (server, new) in view.servers.iter_mut().zip(&after.servers) {
                    (server.state, server.vote, server.dacp) = (new.state, new.vote, new.dacp);
                }
            }
            Changed::Database(index, report) if newer(&mut self.databases[*index]) => {
                view.databases[*index].clone_from(report);
            }
            Changed::Clients(clients) if newer(&mut self.clients) => view.clients = Some((**clients).clone()),
            _ => {}
        }
    }
}

/// What follows from the databases and the world of one moment: a copy is mounted where its database is,
/// each server's active databases, a server that failed before the cluster noticed, the counts, and which
/// databases clients reach.
fn follow(view: &mut Outcome) {
    for database in &mut view.databases {
        for copy in &mut database.copies {
            let here = database.state == MountState::Mounted && database.server.as_ref() == Some(&copy.server);
            if here {
                copy.state = CopyState::Mounted;
            } else if copy.state == CopyState::Mounted {
                copy.state = CopyState::Passive;
            }
        }
    }
    for server in &mut view.servers {
        server.active = view
            .databases
            .iter()
            .filter(|d| d.state == MountState::Mounted && d.server.as_ref() == Some(&server.name))
            .count() as u32;
        let site_down = view.sites.iter().any(|site| site.name == server.site && !site.up);
        if matches!(server.state, ServerState::Up | ServerState::CutOff) && (server.failed || site_down) {
            server.state = ServerState::Unnoticed;
        }
    }
    view.mounted = view.databases.iter().filter(|d| d.state == MountState::Mounted).count();
    view.dismounted = view.databases.len() - view.mounted;
    if let Some(clients) = &mut view.clients {
        for (served, database) in clients.databases.iter_mut().zip(&view.databases) {
            if served.served && database.state != MountState::Mounted {
                served.served = false;
                served.reason = format!("{} is {}", database.name, database.state.word().replace('-', " "));
            }
        }
        clients.served = clients.served && clients.waiting.is_empty() && clients.databases.iter().all(|d| d.served);
    }
}

/// The outcome but its databases, events and clients, which change apart.
pub(super) fn without_databases(outcome: &Outcome) -> Outcome {
    Outcome {
        quorum: outcome.quorum.clone(),
        sites: outcome.sites.clone(),
        wan: outcome.wan.clone(),
        partitions: outcome.partitions.clone(),
        witness: outcome.witness.clone(),
        servers: outcome.servers.clone(),
        databases: Vec::new(),
        mounted: outcome.mounted,
        dismounted: outcome.dismounted,
        events: Vec::new(),
        clients: None,
    }
}
