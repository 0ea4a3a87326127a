//! Advice: what to do now, as the events applied leave the DAG (not faults of the design).

use super::*;
use crate::dag::design::Design;
use crate::dag::engine::{DatabaseState, State, copy_exclusion};
use crate::dag::event::Event;
use crate::finding::{Finding, SubjectKind};

/// What to do now, as `events` leave the DAG (advice, not faults of the design): members still stopped
/// after a datacenter switchover, the alternate witness still in use once the primary witness could vote
/// again, databases active away from a first preference that could run.
pub fn advice(dag: &Design, events: &[Event]) -> Vec<Finding> {
    advice_at(dag, crate::dag::report::Applied::replay(dag, events).state())
}

/// [`advice`] for the DAG in `state` (a simulation's of `dag`), where the events are already applied.
pub fn advice_at(dag: &Design, state: &State) -> Vec<Finding> {
    let name = dag.scenario.dag_name.as_str();
    let mut findings = Vec::new();
    let stopped: Vec<&str> =
        dag.server_ids().filter(|s| state.stopped[s.index()]).map(|s| dag.server_name(s)).collect();
    if !stopped.is_empty() {
        let message = format!(
            "{} {} stopped: {} nothing until Start-DatabaseAvailabilityGroup brings {} back, once {} reach the running DAG.",
            crate::words::list(&stopped),
            if stopped.len() == 1 { "is" } else { "are" },
            if stopped.len() == 1 { "it runs" } else { "they run" },
            if stopped.len() == 1 { "it" } else { "them" },
            if stopped.len() == 1 { "it can" } else { "they can" },
        );
        findings.push(Finding::new(&STOPPED, SubjectKind::Dag, name, message));
    }
    let primary_back = state.witness_ok && state.site_up[dag.witness_site.index()];
    if state.alternate_in_use && state.quorum.is_some() && primary_back {
        let message = format!(
            "The DAG runs on the alternate witness {} since the datacenter switchover, and the witness {} is back: put the witness there again (Set-DatabaseAvailabilityGroup -Identity {name}).",
            dag.scenario.alternate_witness.as_ref().map_or("", |w| w.server.as_str()),
            dag.scenario.witness.server,
        );
        findings.push(Finding::new(&ALTERNATE_IN_USE, SubjectKind::Witness, &dag.scenario.witness.server, message));
    }
    let away: Vec<&str> = dag
        .database_ids()
        .filter(|&d| match (&state.databases[d.index()], dag.first_active[d.index()]) {
            (DatabaseState::Mounted { copy, .. }, Some(first)) => {
                *copy != first && copy_exclusion(dag, state, first).is_none()
            }
            _ => false,
        })
        .map(|d| dag.database_name(d))
        .collect();
    if !away.is_empty() {
        const SHOWN: usize = 6;
        let names =
            if away.len() > SHOWN { format!("{}, …", away[..SHOWN].join(", ")) } else { crate::words::list(&away) };
        let message = format!(
            "{} active away from {} first activation preference while that copy could run ({names}): move {} back (Move-ActiveMailboxDatabase, or RedistributeActiveDatabases.ps1 -BalanceDbsByActivationPreference).",
            crate::words::count(away.len(), "database is", "databases are"),
            if away.len() == 1 { "its" } else { "their" },
            if away.len() == 1 { "it" } else { "them" },
        );
        findings.push(Finding::new(&NOT_ON_PREFERENCE, SubjectKind::Dag, name, message));
    }
    findings
}
