//! A DAG's runbook ([`crate::runbook`]): maintenance mode as its scripts (StartDagServerMaintenance.ps1,
//! StopDagServerMaintenance.ps1), copies suspended and resumed, switchovers, and datacenter switchovers as
//! the Exchange Management Shell cmdlets of their references, each checked with Get-MailboxDatabaseCopyStatus
//! or Get-DatabaseAvailabilityGroup -Status and what the simulation expects them to show.

use super::deploy::arg;
use super::design::{CopyId, Design, ServerId};
use super::event::{DialOverride, Event, TimedEvent};
use super::report::{self, CopyState, MountState, Outcome, ServerState};
use crate::runbook::{self, Runbook, Written};
use crate::sources;

/// The runbook of `events` on `dag`.
pub fn runbook(dag: &Design, events: &[TimedEvent]) -> Runbook {
    let name = arg(&dag.scenario.dag_name);
    let labels = events.iter().map(|e| e.label(dag)).collect();
    let outcome_after = |k: usize| report::simulate_timed(dag, &events[..k]);
    let refused_in = |after: &Outcome, i: usize| after.events[i].refused.clone();
    runbook::write("dag", dag.scenario.name.clone(), labels, outcome_after, refused_in, |i, before, outcome| {
        let refused = outcome.events[i].refused.is_some();
        let copy_id =
            |copy: CopyId| format!("{}\\{}", dag.database_name(copy.database), dag.server_name(dag.copy_server(copy)));
        let copy_status = |copy: CopyId| format!("Get-MailboxDatabaseCopyStatus -Identity {}", arg(&copy_id(copy)));
        let (commands, check, expect, source) = match events[i].event {
            Event::StartMaintenance(server) => {
                let server_name = arg(dag.server_name(server));
                (
                    vec![
                        "cd $exscripts".to_string(),
                        format!(".\\StartDagServerMaintenance.ps1 -serverName {server_name}"),
                    ],
                    Some(format!(
                        "Get-MailboxDatabaseCopyStatus -Server {server_name} | Format-Table Name,Status,ActiveCopy"
                    )),
                    held_by(dag, outcome, server, "no copy on it is active"),
                    sources::DAG_MAINTENANCE,
                )
            }
            Event::EndMaintenance(server) => {
                let server_name = arg(dag.server_name(server));
                let policy = dag.scenario.servers[server.index()].activation_policy;
                (
                    vec![
                        "cd $exscripts".to_string(),
                        format!(".\\StopDagServerMaintenance.ps1 -serverName {server_name}"),
                    ],
                    Some(format!("Get-MailboxServer {server_name} | Format-List DatabaseCopyAutoActivationPolicy")),
                    format!(
                        "DatabaseCopyAutoActivationPolicy {policy:?}, as the design has it; {}",
                        held_by(dag, outcome, server, "its copies may be activated again")
                    ),
                    sources::DAG_MAINTENANCE,
                )
            }
            Event::Reseed(copy) => (
                vec![format!(
                    "Update-MailboxDatabaseCopy -Identity {} -DeleteExistingFiles -Confirm:$false",
                    arg(&copy_id(copy))
                )],
                Some(copy_status(copy)),
                copy_line(dag, outcome, copy, false),
                sources::DAG_COPY_CMDLETS,
            ),
            Event::SuspendCopy(copy) => (
                vec![format!(
                    "Suspend-MailboxDatabaseCopy -Identity {} -SuspendComment 'Rehearsed with clusterplan' -Confirm:$false",
                    arg(&copy_id(copy))
                )],
                Some(copy_status(copy)),
                copy_line(dag, outcome, copy, !refused),
                sources::DAG_COPY_CMDLETS,
            ),
            Event::ResumeCopy(copy) => (
                vec![format!("Resume-MailboxDatabaseCopy -Identity {}", arg(&copy_id(copy)))],
                Some(copy_status(copy)),
                copy_line(dag, outcome, copy, false),
                sources::DAG_COPY_CMDLETS,
            ),
            Event::Switchover(copy, choices) => {
                let database = arg(dag.database_name(copy.database));
                let dial = match choices.mount_dial {
                    DialOverride::Lossless => String::new(),
                    dial => format!(" -MountDialOverride {}", dial.parameter()),
                };
                let skip = if choices.skip_health_checks { " -SkipHealthChecks" } else { "" };
                (
                    vec![format!(
                        "Move-ActiveMailboxDatabase -Identity {database} -ActivateOnServer {}{dial}{skip} -Confirm:$false",
                        arg(dag.server_name(dag.copy_server(copy)))
                    )],
                    Some(format!("Get-MailboxDatabaseCopyStatus -Identity {database}\\* | Format-Table Name,Status")),
                    database_line(outcome, dag.database_name(copy.database)),
                    sources::DAG_COPY_CMDLETS,
                )
            }
            Event::DatacenterSwitchover { site, primary_witness } => {
                let stopped_sites = stopped_sites(dag, outcome, dag.site_name(site));
                let mut commands: Vec<String> = stopped_sites
                        .iter()
                        .map(|other| {
                            format!(
                                "Stop-DatabaseAvailabilityGroup -Identity {name} -ActiveDirectorySite {} -ConfigurationOnly",
                                arg(other)
                            )
                        })
                        .collect();
                let witness = match (&dag.scenario.alternate_witness, primary_witness) {
                    (_, true) => " -UsePrimaryWitnessServer".to_string(),
                    (Some(alternate), false) => format!(" -AlternateWitnessServer {}", arg(&alternate.server)),
                    (None, false) => String::new(),
                };
                commands.push(format!(
                    "Restore-DatabaseAvailabilityGroup -Identity {name} -ActiveDirectorySite {}{witness}",
                    arg(dag.site_name(site))
                ));
                (commands, Some(dag_status(&name)), members_line(outcome), sources::DAG_SWITCHOVER_CMDLETS)
            }
            Event::MoveToSite(site) => {
                // One Move-ActiveMailboxDatabase for each database the simulation moved, to where it went.
                let commands: Vec<String> = outcome
                    .databases
                    .iter()
                    .zip(&before.databases)
                    .filter(|(now, was)| now.server != was.server)
                    .filter_map(|(now, _)| {
                        Some(format!(
                            "Move-ActiveMailboxDatabase -Identity {} -ActivateOnServer {} -Confirm:$false",
                            arg(&now.name),
                            arg(now.server.as_deref()?)
                        ))
                    })
                    .collect();
                let commands = if commands.is_empty() {
                    vec![format!(
                        "# Move-ActiveMailboxDatabase for each database mounted outside {}",
                        dag.site_name(site)
                    )]
                } else {
                    commands
                };
                (
                    commands,
                    Some(
                        "Get-MailboxDatabaseCopyStatus * | Where-Object Status -eq Mounted | Format-Table Name"
                            .to_string(),
                    ),
                    format!("every mounted database on a member in {}; {}", dag.site_name(site), summary(outcome)),
                    sources::DAG_COPY_CMDLETS,
                )
            }
            Event::Redistribute => (
                vec![
                    "cd $exscripts".to_string(),
                    format!(
                        ".\\RedistributeActiveDatabases.ps1 -DagName {name} -BalanceDbsByActivationPreference -Confirm:$false"
                    ),
                ],
                Some(
                    "Get-MailboxDatabaseCopyStatus * | Where-Object Status -eq Mounted | Format-Table Name".to_string(),
                ),
                format!("each database on its preference-1 copy where a switchover may take it; {}", summary(outcome)),
                sources::DAG_MAINTENANCE,
            ),
            Event::StartDag(site) => (
                vec![format!(
                    "Start-DatabaseAvailabilityGroup -Identity {name} -ActiveDirectorySite {}",
                    arg(dag.site_name(site))
                )],
                Some(dag_status(&name)),
                members_line(outcome),
                sources::DAG_SWITCHOVER_CMDLETS,
            ),
            _ => (Vec::new(), None, summary(outcome), sources::SCRIPTED),
        };
        Written { commands, check, expect, source }
    })
}

fn dag_status(name: &str) -> String {
    format!(
        "Get-DatabaseAvailabilityGroup -Identity {name} -Status | Format-List StartedMailboxServers,StoppedMailboxServers,WitnessServer"
    )
}

/// Where the databases with a copy on `server` are mounted, after `lead`.
fn held_by(dag: &Design, outcome: &Outcome, server: ServerId, lead: &str) -> String {
    let server_name = dag.server_name(server);
    let places: Vec<String> = outcome
        .databases
        .iter()
        .filter(|d| d.copies.iter().any(|c| c.server == server_name))
        .map(|d| match (&d.server, d.state) {
            (Some(on), MountState::Mounted) => format!("{} mounted on {on}", d.name),
            _ => format!("{} dismounted", d.name),
        })
        .collect();
    let active = outcome.servers.iter().find(|s| s.name == server_name).map_or(0, |s| s.active);
    format!("{lead}; {active} active on {server_name}; {}", places.join(", "))
}

/// A copy as Get-MailboxDatabaseCopyStatus lists it (`suspended`: a suspension just took).
fn copy_line(dag: &Design, outcome: &Outcome, copy: CopyId, suspended: bool) -> String {
    let (database, server) = (dag.database_name(copy.database), dag.server_name(dag.copy_server(copy)));
    let state = outcome
        .databases
        .iter()
        .find(|d| d.name == database)
        .and_then(|d| d.copies.iter().find(|c| c.server == server))
        .map(|c| c.state);
    let status = match state {
        Some(CopyState::CopyFailed) if suspended => "FailedAndSuspended",
        _ if suspended => "Suspended",
        Some(CopyState::Mounted) => "Mounted",
        Some(CopyState::Suspended) => "Suspended",
        Some(CopyState::Seeding) => "Seeding",
        Some(CopyState::Maintenance) => "Healthy, activation suspended (its server is in maintenance)",
        Some(CopyState::CopyFailed) => "Failed",
        Some(CopyState::ServerDown) => "ServiceDown",
        _ => "Healthy",
    };
    format!("{database}\\{server} {status}")
}

/// A database: where it is mounted.
fn database_line(outcome: &Outcome, database: &str) -> String {
    match outcome.databases.iter().find(|d| d.name == database) {
        Some(d) if d.state == MountState::Mounted => {
            format!("{database} Mounted on {}", d.server.as_deref().unwrap_or("?"))
        }
        Some(d) => format!("{database} Dismounted ({})", d.reason),
        None => String::new(),
    }
}

/// The sites whose members end up stopped by a datacenter switchover to `site`.
fn stopped_sites(dag: &Design, outcome: &Outcome, site: &str) -> Vec<String> {
    let mut sites: Vec<String> = Vec::new();
    for server in outcome.servers.iter().filter(|s| s.state == ServerState::Stopped || s.site != site) {
        let has_members = dag.scenario.servers.iter().any(|s| s.site == server.site);
        if server.site != site && has_members && !sites.contains(&server.site) {
            sites.push(server.site.clone());
        }
    }
    sites
}

/// The members started and stopped, the witness, and the databases mounted.
fn members_line(outcome: &Outcome) -> String {
    let names = |state: ServerState| -> Vec<&str> {
        outcome.servers.iter().filter(|s| s.state == state).map(|s| s.name.as_str()).collect()
    };
    let (stopped, started) = (names(ServerState::Stopped), names(ServerState::Up));
    format!(
        "started: {}; stopped: {}; witness {}; {}",
        if started.is_empty() { "none".to_string() } else { started.join(", ") },
        if stopped.is_empty() { "none".to_string() } else { stopped.join(", ") },
        outcome.witness.server,
        summary(outcome)
    )
}

/// Where things stand: databases mounted, and quorum.
fn summary(outcome: &Outcome) -> String {
    format!(
        "{} of {} databases mounted; quorum {}",
        outcome.mounted,
        outcome.databases.len(),
        if outcome.quorum.held { "held" } else { "lost" }
    )
}

/// A rolling patch of every member in turn, as "Manage database availability groups" has it ("Performing
/// maintenance on DAG members"): StartDagServerMaintenance.ps1, the reboot for the patch (down at 3 min,
/// back at 6 min), StopDagServerMaintenance.ps1 at 8 min; the next member 10 minutes after; then
/// RedistributeActiveDatabases.ps1 puts the databases back on their preferred copies.
pub fn rolling_patch(dag: &Design) -> Vec<String> {
    runbook::rolling(
        dag.server_ids(),
        |server| {
            let name = dag.server_name(server);
            vec![
                (0, format!("maintenance:{name}")),
                (180_000, format!("fail:{name}")),
                (360_000, format!("restore:{name}")),
                (480_000, format!("end-maintenance:{name}")),
            ]
        },
        || vec!["redistribute".to_string()],
    )
}
