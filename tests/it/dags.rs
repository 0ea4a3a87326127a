//! Data-driven DAG tests: each file in `fixtures/dags` is a DAG design, steps of events, and the expected
//! outcome after each step (quorum, where each database is mounted or why not, servers, refusals);
//! [`check`] is the one helper that runs and compares them.

use std::collections::BTreeMap;
use std::path::Path;

use clusterplan_core::dag;
use clusterplan_core::dag::event::TimedEvent;
use clusterplan_core::dag::report::{self, Outcome};
use clusterplan_tests::{FindingsExpectation, check_fixtures, check_refusals, design_value, load_dag};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    #[allow(dead_code)]
    about: String,
    #[allow(dead_code)]
    source: String,
    design: Value,
    #[serde(default)]
    patch: Option<Value>,
    /// Static addresses in all.
    #[serde(default)]
    ips: Option<u32>,
    #[serde(default)]
    findings: Option<FindingsExpectation>,
    #[serde(default)]
    steps: Vec<Step>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    events: Vec<String>,
    expect: Expectation,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expectation {
    #[serde(default)]
    quorum: Option<Quorum>,
    /// Database → the server it is mounted on, or `dismounted`.
    #[serde(default)]
    databases: BTreeMap<String, String>,
    /// Every database not named in `databases` is mounted on the same server as at the start.
    #[serde(default)]
    others_unmoved: bool,
    /// Database → its criterion (`active`, `criteria-1`, `lagged-criteria-1`, `no-quorum`, `dacp`, …).
    #[serde(default)]
    criteria: BTreeMap<String, String>,
    /// Database → a phrase its reason contains.
    #[serde(default)]
    reasons: BTreeMap<String, String>,
    /// Server → `up`, `down`, `stopped` or `cut-off`.
    #[serde(default)]
    servers: BTreeMap<String, String>,
    /// Server → its DACP bit.
    #[serde(default)]
    dacp: BTreeMap<String, bool>,
    /// Server → databases active on it.
    #[serde(default)]
    active: BTreeMap<String, u32>,
    #[serde(default)]
    mounted: Option<usize>,
    /// `primary` or `alternate`.
    #[serde(default)]
    witness: Option<String>,
    /// Event text → a phrase its refusal (in this step) contains.
    #[serde(default)]
    refused: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Quorum {
    held: bool,
    #[serde(default)]
    votes: Option<u32>,
    #[serde(default)]
    needed: Option<u32>,
}

fn check(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("readable fixture");
    let fixture: Fixture = match serde_json::from_str(&text) {
        Ok(fixture) => fixture,
        Err(error) => return vec![format!("bad fixture: {error}")],
    };
    let dag = match design_value(&fixture.design, fixture.patch.as_ref()).and_then(|v| load_dag(&v)) {
        Ok(dag) => dag,
        Err(error) => return vec![format!("design does not load: {error}")],
    };
    let mut problems = Vec::new();
    if let Some(expected) = fixture.ips {
        let total = dag::ips::plan(&dag, 0).total;
        if total != expected {
            problems.push(format!("ips: expected {expected}, got {total}"));
        }
    }
    if let Some(expected) = &fixture.findings {
        problems.extend(expected.check(&dag::rules::validate(&dag)));
    }
    let start = report::simulate(&dag, &[]);
    let mut texts: Vec<String> = Vec::new();
    for (s, step) in fixture.steps.iter().enumerate() {
        let first_of_step = texts.len();
        texts.extend(step.events.iter().cloned());
        let events: Result<Vec<TimedEvent>, _> = texts.iter().map(|t| TimedEvent::parse(t, &dag)).collect();
        let events = match events {
            Ok(events) => events,
            Err(error) => {
                problems.push(format!("step {s}: {error}"));
                break;
            }
        };
        let outcome = report::simulate_timed(&dag, &events);
        for problem in compare(&outcome, &start, &step.expect, first_of_step) {
            problems.push(format!("step {s} ({}): {problem}", step.events.join(" ")));
        }
    }
    problems
}

fn compare(outcome: &Outcome, start: &Outcome, expect: &Expectation, first_of_step: usize) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(quorum) = &expect.quorum {
        let actual = &outcome.quorum;
        if quorum.held != actual.held
            || quorum.votes.is_some_and(|v| v != actual.votes)
            || quorum.needed.is_some_and(|n| n != actual.needed)
        {
            problems.push(format!(
                "quorum: expected held {} votes {:?} needed {:?}, got {} {} {} ({})",
                quorum.held, quorum.votes, quorum.needed, actual.held, actual.votes, actual.needed, actual.reason
            ));
        }
    }
    let place = |d: &report::DatabaseReport| d.server.clone().unwrap_or_else(|| "dismounted".into());
    for database in &outcome.databases {
        let expected = match expect.databases.get(&database.name) {
            Some(expected) => expected.clone(),
            None if expect.others_unmoved => {
                place(start.databases.iter().find(|d| d.name == database.name).expect("same databases"))
            }
            None => continue,
        };
        if place(database) != expected {
            problems.push(format!(
                "{}: expected {expected}, got {} ({})",
                database.name,
                place(database),
                database.reason
            ));
        }
    }
    for name in expect.databases.keys() {
        if !outcome.databases.iter().any(|d| &d.name == name) {
            problems.push(format!("no database {name}"));
        }
    }
    let database = |name: &str| outcome.databases.iter().find(|d| d.name == name);
    for (name, criterion) in &expect.criteria {
        match database(name) {
            Some(d) if &d.criterion == criterion => {}
            other => problems.push(format!(
                "{name}: expected criterion {criterion}, got {:?}",
                other.map(|d| (&d.criterion, &d.reason))
            )),
        }
    }
    for (name, phrase) in &expect.reasons {
        match database(name) {
            Some(d) if d.reason.contains(phrase.as_str()) => {}
            other => problems
                .push(format!("{name}: expected a reason containing {phrase:?}, got {:?}", other.map(|d| &d.reason))),
        }
    }
    let server = |name: &str| outcome.servers.iter().find(|s| s.name == name);
    for (name, state) in &expect.servers {
        if server(name).map(|s| s.state.word()) != Some(state.as_str()) {
            problems.push(format!("{name}: expected {state}, got {:?}", server(name).map(|s| s.state.word())));
        }
    }
    for (name, bit) in &expect.dacp {
        if server(name).and_then(|s| s.dacp) != Some(*bit) {
            problems.push(format!("{name}: expected DACP {bit}, got {:?}", server(name).map(|s| s.dacp)));
        }
    }
    for (name, count) in &expect.active {
        if server(name).map(|s| s.active) != Some(*count) {
            problems.push(format!("{name}: expected {count} active, got {:?}", server(name).map(|s| s.active)));
        }
    }
    if expect.mounted.is_some_and(|m| m != outcome.mounted) {
        problems.push(format!("mounted: expected {:?}, got {}", expect.mounted, outcome.mounted));
    }
    if let Some(witness) = &expect.witness
        && outcome.witness.in_use != witness.as_str()
    {
        problems.push(format!("witness: expected {witness}, got {}", outcome.witness.in_use));
    }
    let this_step = &outcome.events[first_of_step..];
    problems
        .extend(check_refusals(this_step.iter().map(|e| (e.event.as_str(), e.refused.as_deref())), &expect.refused));
    problems
}

#[test]
fn dag_fixtures() {
    check_fixtures("dags", 15, check);
}
