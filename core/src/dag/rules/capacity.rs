//! What the servers may run: MaximumActiveDatabases against the databases and the first preferences,
//! MaximumPreferredActiveDatabases against the Exchange version, and whether the healthy DAG mounts every
//! database.

use super::*;
use crate::dag::design::Design;
use crate::dag::engine::Simulation;
use crate::dag::model::ExchangeVersion;
use crate::dag::report::{MountState, database_report};
use crate::finding::{Finding, Rule, SubjectKind};

/// The servers' caps, and every database mounted on the healthy DAG.
pub(super) fn caps_and_placement(dag: &Design, findings: &mut Vec<Finding>) {
    let scenario = &dag.scenario;
    let name = scenario.dag_name.as_str();
    let mut push = |rule: &Rule, kind: SubjectKind, subject: &str, message: String| {
        findings.push(Finding::new(rule, kind, subject, message));
    };
    for server in &scenario.servers {
        if server.max_preferred_active.is_some() && scenario.exchange == ExchangeVersion::Exchange2010 {
            push(
                &PREFERRED_VERSION,
                SubjectKind::Server,
                &server.name,
                format!("{} sets MaximumPreferredActiveDatabases, which Exchange 2010 does not have.", server.name),
            );
        }
    }
    let capacity: Option<u32> = scenario.servers.iter().map(|s| s.max_active).sum();
    if let Some(capacity) = capacity
        && (capacity as usize) < scenario.databases.len()
    {
        push(
            &CAPACITY,
            SubjectKind::Dag,
            name,
            format!(
                "The MaximumActiveDatabases caps add up to {capacity}, for {} databases.",
                scenario.databases.len()
            ),
        );
    }
    for server in dag.server_ids() {
        let Some(max) = scenario.servers[server.index()].max_active else { continue };
        let first: Vec<&str> = dag
            .database_ids()
            .filter(|d| dag.first_active[d.index()].is_some_and(|c| dag.copy_server(c) == server))
            .map(|d| dag.database_name(d))
            .collect();
        if first.len() > max as usize {
            let server_name = dag.server_name(server);
            push(
                &PREFERRED_OVER_CAP,
                SubjectKind::Server,
                server_name,
                format!(
                    "{server_name} is the first activation preference of {} ({}), over its MaximumActiveDatabases ({max}): {} {} elsewhere.",
                    crate::words::count(first.len(), "database", "databases"),
                    crate::words::list(&first),
                    crate::words::list(&first[max as usize..]),
                    if first.len() - max as usize == 1 { "starts" } else { "start" },
                ),
            );
        }
    }
    let healthy = Simulation::new(dag);
    for d in dag.database_ids() {
        let report = database_report(dag, healthy.state(), d);
        if report.state != MountState::Mounted && !scenario.databases[d.index()].copies.is_empty() {
            push(
                &DISMOUNTED,
                SubjectKind::Database,
                &report.name,
                format!("{} does not mount on the healthy DAG: {}.", report.name, report.reason),
            );
        }
    }
}
