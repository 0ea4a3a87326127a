//! Reasons in words: every decision of Active Manager on the virtual DAG as a sentence — why a copy was
//! passed over, what a criteria set asks, why an event was refused.

use super::design::{CopyId, Design, ServerId};
use super::engine::{Exclusion, Part, Refusal};
use super::event::DialOverride;

/// What criteria set `set` (1–10) of best copy selection asks, in words.
pub fn criteria(set: u8) -> &'static str {
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

/// Why a copy on `server` was passed over, in words.
pub fn exclusion(dag: &Design, server: ServerId, exclusion: Exclusion) -> String {
    let name = dag.server_name(server);
    match exclusion {
        Exclusion::ServerDown => format!("{name} is down"),
        Exclusion::Stopped => format!("{name} is stopped (Stop-DatabaseAvailabilityGroup)"),
        Exclusion::OutsideQuorum => format!("{name} is cut off from the partition with quorum"),
        Exclusion::CopyFailed => format!("the copy on {name} has failed"),
        Exclusion::Suspended => format!("the copy on {name} is suspended (Suspend-MailboxDatabaseCopy)"),
        Exclusion::Seeding => format!("the copy on {name} is being reseeded (Update-MailboxDatabaseCopy)"),
        Exclusion::Maintenance => format!("{name} is in maintenance (StartDagServerMaintenance.ps1)"),
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

/// Why an event was refused.
pub fn refusal(dag: &Design, refusal: &Refusal) -> String {
    let part = |part: Part| match part {
        Part::Server(server) => dag.server_name(server).to_string(),
        Part::Site(site) => format!("site {}", dag.site_name(site)),
        Part::Wan(a, b) => format!("the WAN link {}-{}", dag.site_name(a), dag.site_name(b)),
        Part::SiteWan(site) => format!("every WAN link of {}", dag.site_name(site)),
        Part::Witness => format!("the witness {}", dag.scenario.witness.server),
        Part::Copy(copy) => {
            format!("the copy of {} on {}", dag.database_name(copy.database), dag.server_name(dag.copy_server(copy)))
        }
        Part::Vip(vip) => format!("the virtual IP address {}", dag.vip_name(vip)),
    };
    let copy = |copy: &CopyId| part(Part::Copy(*copy));
    match refusal {
        Refusal::SuspendActive(c) => {
            format!("{} is mounted: an active copy is not suspended (move the database first)", copy(c))
        }
        Refusal::AlreadySuspended(c) => format!("{} is already suspended", copy(c)),
        Refusal::NotSuspendedToSeed(c) => {
            format!("{} is not suspended: a copy is suspended before Update-MailboxDatabaseCopy reseeds it", copy(c))
        }
        Refusal::AlreadySeeding(c) => format!("{} is already being reseeded", copy(c)),
        Refusal::NoSeedSource(c) => {
            format!("{} has nothing to seed from: its database is mounted nowhere", copy(c))
        }
        Refusal::SeedUnreachable(c) => {
            format!("{} is on a server that is down or cut off from the members that hold quorum", copy(c))
        }
        Refusal::NotSuspended(c) => format!("{} is not suspended", copy(c)),
        Refusal::AlreadyInMaintenance(server) => format!("{} is already in maintenance", dag.server_name(*server)),
        Refusal::NotInMaintenance(server) => {
            format!("{} is not in maintenance: end only a maintenance that began", dag.server_name(*server))
        }
        Refusal::MaintenanceUnreachable(server) => format!(
            "{} is down or cut off from the members that hold quorum: the maintenance scripts run on a working member",
            dag.server_name(*server)
        ),
        Refusal::NoCopyInSite(database, site) => format!(
            "{} has no copy in {} that a switchover may take: the planned move stops there",
            dag.database_name(*database),
            dag.site_name(*site)
        ),
        Refusal::NothingToMove => "every database already is where this would put it: nothing to move".to_string(),
        Refusal::CannotMoveOff(server, database) => format!(
            "{} cannot be moved off {}: no other copy can be activated, and StartDagServerMaintenance.ps1 stops when a move fails",
            dag.database_name(*database),
            dag.server_name(*server)
        ),
        Refusal::AlreadyDown(p @ Part::Copy(_)) => format!("{} is already failed", part(*p)),
        Refusal::NotDown(p @ Part::Copy(_)) => format!("{} is not failed", part(*p)),
        Refusal::AlreadyDown(p) => format!("{} is already down", part(*p)),
        Refusal::NotDown(p) => format!("{} is not down", part(*p)),
        Refusal::AlreadyMounted(copy) => format!(
            "{} is already mounted on {}",
            dag.database_name(copy.database),
            dag.server_name(dag.copy_server(*copy))
        ),
        Refusal::NoQuorum(database) => {
            format!("the DAG has no quorum: {} cannot be mounted anywhere", dag.database_name(*database))
        }
        Refusal::CannotActivate(copy, why) => {
            let server = dag.copy_server(*copy);
            format!(
                "{} cannot move to {}: {}",
                dag.database_name(copy.database),
                dag.server_name(server),
                exclusion(dag, server, *why)
            )
        }
        Refusal::LogsMissing(target, missing, dial) => {
            let accepts = match dial {
                DialOverride::Lossless => "Lossless (the cmdlet's default) accepts none".to_string(),
                DialOverride::ServerDial => {
                    let server_dial = dag.scenario.servers[dag.copy_server(*target).index()].mount_dial;
                    format!(
                        "None (the server's AutoDatabaseMountDial, {}) accepts {}",
                        server_dial.title(),
                        server_dial.max_missing_logs()
                    )
                }
                dial => format!("{} accepts {}", dial.parameter(), dial.max_missing_logs(Default::default())),
            };
            format!(
                "{} misses {} and the active copy is gone, so they cannot be copied first: -MountDialOverride {accepts}; BestEffort mounts it, losing them",
                copy(target),
                crate::words::count(*missing as usize, "log", "logs")
            )
        }
        Refusal::SiteDown(site) => format!("site {} is down", dag.site_name(*site)),
        Refusal::QuorumHeldBy(sites) => {
            let names: Vec<&str> = sites.iter().map(|&s| dag.site_name(s)).collect();
            format!(
                "the DAG still holds quorum in {}: a datacenter switchover is for a DAG that has lost it",
                names.join("+")
            )
        }
        Refusal::NoRunningMember(site) => {
            format!("site {} has no running member to restore the DAG on", dag.site_name(*site))
        }
        Refusal::NothingToSwitch(site) => {
            format!("every member is up and reachable from {}: nothing to switch over", dag.site_name(*site))
        }
        Refusal::NoneStopped(site) => format!("no member in {} is stopped", dag.site_name(*site)),
        Refusal::NoQuorumToJoin => "the DAG has no quorum to add the members back to".into(),
        Refusal::Unreachable(server) => format!(
            "{} is down or cut off from the running DAG: Start-DatabaseAvailabilityGroup cannot reach it",
            dag.server_name(*server)
        ),
        Refusal::NoSwitchNeeded => format!(
            "{} clients get every address of the namespace and try the next when one fails: no namespace \
             switchover (DNS change) is needed",
            dag.scenario.exchange.title()
        ),
        Refusal::AlreadyInDns(vip) => format!("DNS already points the namespace at {}", dag.vip_name(*vip)),
    }
}
