//! Data-driven scenario tests: each file in `fixtures/scenarios` is a design, steps of events, and the
//! expected outcome after each step; [`check`] is the one helper that runs and compares them.

use std::collections::BTreeMap;
use std::path::Path;

use clusterplan_core::cluster::report::{self, Outcome};
use clusterplan_core::cluster::rules;
use clusterplan_core::cluster::{Event, Options};
use clusterplan_tests::{FindingsExpectation, check_fixtures, check_refusals, design_value, load};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    /// What the fixture shows, in words.
    #[allow(dead_code)]
    about: String,
    /// Where the expected behaviour comes from.
    #[allow(dead_code)]
    source: String,
    design: Value,
    #[serde(default)]
    patch: Option<Value>,
    #[serde(default)]
    hour: Option<u8>,
    #[serde(default)]
    /// The cluster's own static addresses (the client tier, outside it, left out).
    ips: Option<u32>,
    /// Every static address, the client tier's included.
    #[serde(default)]
    ips_with_clients: Option<u32>,
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

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Expectation {
    #[serde(default)]
    quorum: Option<QuorumExpectation>,
    /// Every group: `online@NODE`, `partially-online@NODE`, `failed` or `offline`.
    #[serde(default)]
    groups: Option<BTreeMap<String, String>>,
    /// Group name → a phrase its reason contains.
    #[serde(default)]
    reasons: BTreeMap<String, String>,
    /// `GROUP/RESOURCE` → `online`, `offline` or `failed`.
    #[serde(default)]
    resources: BTreeMap<String, String>,
    /// Node name → `up`, `down` or `out-of-cluster`.
    #[serde(default)]
    nodes: BTreeMap<String, String>,
    /// Event text → a phrase the refusal of (one of) the events so written in this step contains.
    #[serde(default)]
    refused: BTreeMap<String, String>,
    /// Event text → a phrase one of the changes it caused contains.
    #[serde(default)]
    changes: BTreeMap<String, String>,
    /// Who reaches the mailboxes.
    #[serde(default)]
    clients: Option<ClientsExpectation>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct ClientsExpectation {
    served: bool,
    /// The front-end servers Internet clients go through.
    #[serde(default)]
    through: Option<Vec<String>>,
    /// A phrase the tier's reason contains.
    #[serde(default)]
    reason: Option<String>,
    /// EVS → `both`, `mapi` (Outlook only) or `none`.
    #[serde(default)]
    evs: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuorumExpectation {
    held: bool,
    #[serde(default, deserialize_with = "present")]
    owner: Option<Option<String>>,
}

/// Tells `"owner": null` (expect no owner) from a missing `owner` (don't check).
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

/// Runs one fixture; returns what differs from its expectations.
fn check(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("readable fixture");
    let fixture: Fixture = match serde_json::from_str(&text) {
        Ok(fixture) => fixture,
        Err(error) => return vec![format!("bad fixture: {error}")],
    };
    let design = match design_value(&fixture.design, fixture.patch.as_ref()).and_then(|v| load(&v)) {
        Ok(design) => design,
        Err(error) => return vec![format!("design does not load: {error}")],
    };
    let mut problems = Vec::new();
    if let Some(expected) = fixture.ips {
        // The cluster's own addresses, as the sources count them: the client tier stands outside it.
        let total = clusterplan_core::cluster::ips::count_cluster(&design);
        if total != expected {
            problems.push(format!("ips: expected {expected}, got {total}"));
        }
    }
    if let Some(expected) = fixture.ips_with_clients {
        let total = clusterplan_core::cluster::ips::count(&design);
        if total != expected {
            problems.push(format!("ips_with_clients: expected {expected}, got {total}"));
        }
    }
    if let Some(expected) = &fixture.findings {
        problems.extend(expected.check(&rules::validate(&design)));
    }
    let options = Options { hour_of_day: fixture.hour, ..Options::default() };
    let mut texts: Vec<String> = Vec::new();
    for (s, step) in fixture.steps.iter().enumerate() {
        let first_of_step = texts.len();
        texts.extend(step.events.iter().cloned());
        let events: Result<Vec<Event>, _> = texts.iter().map(|t| Event::parse(t, &design)).collect();
        let events = match events {
            Ok(events) => events,
            Err(error) => {
                problems.push(format!("step {s}: {error}"));
                break;
            }
        };
        let outcome = report::simulate(&design, &events, options);
        for problem in compare(&outcome, &step.expect, first_of_step) {
            problems.push(format!("step {s} ({}): {problem}", step.events.join(" ")));
        }
    }
    problems
}

fn compare(outcome: &Outcome, expect: &Expectation, first_of_step: usize) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(quorum) = &expect.quorum {
        if quorum.held != outcome.quorum.held {
            problems.push(format!(
                "quorum held: expected {}, got {} ({})",
                quorum.held, outcome.quorum.held, outcome.quorum.reason
            ));
        }
        if let Some(owner) = &quorum.owner
            && *owner != outcome.quorum.owner
        {
            problems.push(format!("quorum owner: expected {owner:?}, got {:?}", outcome.quorum.owner));
        }
    }
    if let Some(groups) = &expect.groups {
        let actual: BTreeMap<String, String> = outcome
            .groups
            .iter()
            .map(|g| {
                let label = g.state_label().replace(' ', "-");
                let state = match &g.owner {
                    Some(owner) => format!("{label}@{owner}"),
                    None => label,
                };
                (g.name.clone(), state)
            })
            .collect();
        if *groups != actual {
            let reasons: Vec<String> = outcome.groups.iter().map(|g| format!("{}: {}", g.name, g.reason)).collect();
            problems.push(format!("groups: expected {groups:?}, got {actual:?}; reasons: {reasons:#?}"));
        }
    }
    for (group, phrase) in &expect.reasons {
        match outcome.groups.iter().find(|g| &g.name == group) {
            Some(g) if g.reason.contains(phrase.as_str()) => {}
            Some(g) => problems.push(format!("reason of {group}: expected to contain {phrase:?}, got {:?}", g.reason)),
            None => problems.push(format!("no group {group}")),
        }
    }
    for (path, state) in &expect.resources {
        let (group, resource) = path.split_once('/').expect("GROUP/RESOURCE");
        let actual = outcome
            .groups
            .iter()
            .find(|g| g.name == group)
            .and_then(|g| g.resources.iter().find(|r| r.name == resource))
            .map(|r| r.state.word());
        if actual != Some(state.as_str()) {
            problems.push(format!("resource {path}: expected {state}, got {actual:?}"));
        }
    }
    if let Some(expected) = &expect.clients {
        let clients = &outcome.clients;
        let evs_ok = expected.evs.iter().all(|(name, reach)| {
            clients.evs.iter().find(|e| &e.name == name).is_some_and(|e| {
                let actual = match (e.mapi, e.internet) {
                    (true, true) => "both",
                    (true, false) => "mapi",
                    _ => "none",
                };
                actual == reach
            })
        });
        if expected.served != clients.served
            || expected.through.as_ref().is_some_and(|t| *t != clients.through)
            || expected.reason.as_ref().is_some_and(|r| !clients.reason.contains(r.as_str()))
            || !evs_ok
        {
            problems.push(format!("clients: expected {expected:?}, got {clients:?}"));
        }
    }
    for (node, state) in &expect.nodes {
        let actual = outcome.nodes.iter().find(|n| &n.name == node).map(|n| n.state.word());
        if actual != Some(state.as_str()) {
            problems.push(format!("node {node}: expected {state}, got {actual:?}"));
        }
    }
    let this_step = &outcome.events[first_of_step..];
    problems
        .extend(check_refusals(this_step.iter().map(|e| (e.event.as_str(), e.refused.as_deref())), &expect.refused));
    for (event, phrase) in &expect.changes {
        let changes: Vec<String> = this_step
            .iter()
            .filter(|e| &e.event == event)
            .flat_map(|e| e.changes.iter().map(|c| format!("{} {}: {}", c.subject, c.change, c.reason)))
            .collect();
        if !changes.iter().any(|c| c.contains(phrase.as_str())) {
            problems.push(format!("{event}: expected a change containing {phrase:?}, got {changes:#?}"));
        }
    }
    problems
}

#[test]
fn scenario_fixtures() {
    check_fixtures("scenarios", 30, check);
}
