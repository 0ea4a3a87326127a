//! Data-driven DAG tests: each file in `fixtures/dags` is a DAG design, steps of events, and the expected
//! outcome after each step (quorum, where each database is mounted or why not, servers, refusals);
//! [`check`] is the one helper that runs and compares them.

use clusterplan_core::matrix::Summarised;
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
    /// Database → the logs its mount lost; every database not named lost none.
    #[serde(default)]
    lost_logs: BTreeMap<String, u32>,
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
    /// Stopped members holding quorum under the configuration they last knew: whether they do, and with
    /// what, and a phrase of the reason.
    #[serde(default)]
    stale_quorum: Option<StaleQuorum>,
    /// Database → the server that mounts it a second time (split brain).
    #[serde(default)]
    split_brain: BTreeMap<String, String>,
    /// The client tier: whether clients reach every database, through which addresses, and why.
    #[serde(default)]
    clients: Option<Clients>,
    /// Entries the timeline of the script so far must hold: time in seconds, subject, a phrase of the change
    /// or of why.
    #[serde(default)]
    timeline: Vec<(f64, String, String)>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Clients {
    served: bool,
    /// The addresses clients use, in DNS order.
    through: Vec<String>,
    /// A phrase of the reason.
    reason: String,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct StaleQuorum {
    held: bool,
    #[serde(default)]
    members: Option<Vec<String>>,
    #[serde(default)]
    votes: Option<u32>,
    #[serde(default)]
    total: Option<u32>,
    /// How many databases they mount a second time.
    #[serde(default)]
    mounts: Option<usize>,
    #[serde(default)]
    reason: Option<String>,
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
        let mut found = compare(&outcome, &start, &step.expect, first_of_step);
        if !step.expect.timeline.is_empty() {
            let played = dag::timeline::play(&dag, &events);
            for (t, subject, change) in &step.expect.timeline {
                let at = (t * 1000.0).round() as u64;
                let hit = played.timeline.iter().any(|e| {
                    e.t_ms == at
                        && &e.subject == subject
                        && (e.change.contains(change.as_str()) || e.reason.contains(change.as_str()))
                });
                if !hit {
                    let near: Vec<String> = played
                        .timeline
                        .iter()
                        .filter(|e| &e.subject == subject)
                        .map(|e| format!("{} s {}", e.t_ms as f64 / 1000.0, e.change))
                        .collect();
                    found.push(format!("timeline: no {subject} {change:?} at {t} s; {subject} has {near:?}"));
                }
            }
        }
        for problem in found {
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
    if let Some(expected) = &expect.stale_quorum {
        let actual = &outcome.quorum.stale;
        let matches = match actual {
            None => !expected.held,
            Some(stale) => {
                expected.held
                    && expected.members.as_ref().is_none_or(|m| *m == stale.members)
                    && expected.votes.is_none_or(|v| v == stale.votes)
                    && expected.total.is_none_or(|t| t == stale.total)
                    && expected.mounts.is_none_or(|m| m == stale.mounts.len())
                    && expected.reason.as_ref().is_none_or(|r| stale.reason.contains(r.as_str()))
            }
        };
        if !matches {
            problems.push(format!("stale quorum: expected {expected:?}, got {actual:?}"));
        }
    }
    for database in &outcome.databases {
        let lost = expect.lost_logs.get(&database.name).copied().unwrap_or(0);
        if lost != database.lost_logs {
            problems.push(format!("{}: expected {lost} logs lost, got {}", database.name, database.lost_logs));
        }
        let expected = expect.split_brain.get(&database.name);
        if expected != database.split_brain.as_ref() {
            problems
                .push(format!("{}: expected split brain {expected:?}, got {:?}", database.name, database.split_brain));
        }
    }
    if let Some(expected) = &expect.clients {
        match &outcome.clients {
            Some(c)
                if c.served == expected.served
                    && c.through == expected.through
                    && c.reason.contains(&expected.reason) => {}
            other => problems.push(format!(
                "clients: expected {expected:?}, got {:?}",
                other.as_ref().map(|c| (c.served, &c.through, &c.reason))
            )),
        }
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

/// Every DAG lesson loads, is a supported design, and its script plays to what the lesson teaches — at the
/// end, and at the moment the lesson points to.
#[test]
fn dag_lessons_play_as_they_teach() {
    use clusterplan_core::dag::lessons::{ids, lesson};
    use clusterplan_core::timeline::Played;
    struct Seen {
        /// When (ms), or `None` for the end.
        at: Option<u64>,
        quorum: bool,
        mounted: usize,
        /// A database and the server it is mounted on, with its criterion.
        database: Option<(&'static str, &'static str, &'static str)>,
        /// Stale quorum (votes, second mounts).
        stale: Option<(u32, usize)>,
    }
    let seen = |at, quorum, mounted, database, stale| Seen { at, quorum, mounted, database, stale };
    let expected = [
        ("third-site-witness-failover", vec![seen(None, true, 16, Some(("db1", "ex5", "criteria-1")), None)]),
        (
            "witness-in-primary-switchover",
            vec![
                seen(Some(60_000), false, 0, None, None),
                seen(None, true, 16, Some(("db1", "ex5", "criteria-1")), None),
            ],
        ),
        (
            "dac-stops-split-brain",
            vec![
                seen(Some(3_700_000), true, 16, Some(("db1", "ex5", "active")), Some((5, 0))),
                seen(None, true, 16, None, None),
            ],
        ),
        (
            "dynamic-quorum-last-man-standing",
            vec![seen(Some(300_000), true, 16, None, None), seen(None, false, 0, None, None)],
        ),
        ("lagged-copy-last-resort", vec![seen(None, true, 16, Some(("db1", "ex6", "lagged-criteria-1")), None)]),
        (
            "vip-fails-clients-reconnect",
            vec![seen(Some(20_000), true, 16, Some(("db1", "ex1", "active")), None), seen(None, true, 16, None, None)],
        ),
        (
            "maintenance-mode-patching",
            vec![
                seen(Some(20_000), true, 2, Some(("db1", "ex2", "criteria-1")), None),
                seen(Some(320_000), true, 0, None, None),
                seen(None, true, 2, Some(("db2", "ex1", "criteria-1")), None),
            ],
        ),
        (
            "patch-with-or-without-maintenance",
            vec![
                seen(Some(20_000), true, 2, Some(("db1", "ex2", "criteria-1")), None),
                // ex1 rebooting for its patch runs nothing: both databases stay mounted on ex2.
                seen(Some(90_000), true, 2, Some(("db2", "ex2", "active")), None),
                seen(None, true, 2, Some(("db1", "ex1", "redistributed")), None),
            ],
        ),
        (
            "planned-site-switchover-and-back",
            vec![
                seen(Some(10_000), true, 16, Some(("db1", "ex5", "switchover")), None),
                seen(None, true, 16, Some(("db1", "ex1", "redistributed")), None),
            ],
        ),
    ];
    assert_eq!(ids(), expected.iter().map(|(id, _)| *id).collect::<Vec<_>>());
    for (id, moments) in expected {
        let lesson = lesson(id).unwrap_or_else(|| panic!("lesson {id}"));
        let design = dag::Design::new(lesson.scenario.clone()).unwrap_or_else(|e| panic!("{id}: {e}"));
        let findings = dag::rules::validate(&design);
        assert!(!clusterplan_core::finding::has_errors(&findings), "{id} is a supported design");
        let events: Vec<TimedEvent> =
            lesson.scenario.script.iter().map(|e| TimedEvent::parse(e, &design).unwrap()).collect();
        let played = dag::timeline::play(&design, &events);
        assert!(played.outcome.events.iter().all(|e| e.applied), "{id}: every event applies");
        for moment in moments {
            let outcome = match moment.at {
                Some(t) => played.at(&design, t),
                None => played.outcome.clone(),
            };
            let at = moment.at.map_or("the end".to_string(), |t| format!("{t} ms"));
            assert_eq!((outcome.quorum.held, outcome.mounted), (moment.quorum, moment.mounted), "{id} at {at}");
            if let Some((name, server, criterion)) = moment.database {
                let database = outcome.databases.iter().find(|d| d.name == name).unwrap();
                assert_eq!(
                    (database.server.as_deref(), database.criterion.as_str()),
                    (Some(server), criterion),
                    "{id} at {at}: {name}"
                );
            }
            let stale = outcome.quorum.stale.as_ref().map(|s| (s.votes, s.mounts.len()));
            assert_eq!(stale, moment.stale, "{id} at {at}: stale quorum");
        }
    }
    // The comparison the dynamic quorum lesson offers: with static votes the fifth failure stops the DAG.
    let mut scenario = lesson("dynamic-quorum-last-man-standing").unwrap().scenario;
    scenario.static_votes = true;
    let design = dag::Design::new(scenario.clone()).unwrap();
    let events: Vec<TimedEvent> = scenario.script.iter().map(|e| TimedEvent::parse(e, &design).unwrap()).collect();
    let played = dag::timeline::play(&design, &events);
    assert!(played.at(&design, 230_000).quorum.held, "static: four failures leave 5 of 9 votes");
    assert!(!played.at(&design, 300_000).quorum.held, "static: the fifth leaves 4 of 9");
}

/// The address lesson, seen at a time: between the address failing and about 21 s later its clients wait;
/// then they are served through the other datacenter's address.
#[test]
fn clients_wait_on_a_failed_address_for_about_21_seconds() {
    use clusterplan_core::timeline::Played;
    let lesson = dag::lessons::lesson("vip-fails-clients-reconnect").expect("the lesson");
    let design = dag::Design::new(lesson.scenario.clone()).expect("it loads");
    let events: Vec<TimedEvent> =
        lesson.scenario.script.iter().map(|e| TimedEvent::parse(e, &design).unwrap()).collect();
    let played = dag::timeline::play(&design, &events);
    // Served, the addresses used, the addresses whose clients still wait.
    let clients = |t: u64| {
        let clients = played.at(&design, t).clients.expect("dag-pa-8 has a namespace");
        (clients.served, clients.through.join(" "), clients.waiting.join(" "), clients.reason)
    };
    let (served, through, waiting, _) = clients(5_000);
    assert_eq!((served, through.as_str(), waiting.as_str()), (true, "vip-dc1 vip-dc2", ""));
    let (served, _, waiting, reason) = clients(30_000);
    assert_eq!((served, waiting.as_str()), (false, "vip-dc1"));
    assert!(reason.contains("still wait on the failed address"), "{reason}");
    let (served, through, waiting, _) = clients(31_000);
    assert_eq!((served, through.as_str(), waiting.as_str()), (true, "vip-dc2", ""));
    // dc1 fails at 3 min: its address's clients wait again, then follow the databases to dc2.
    assert_eq!(clients(200_000).2, "vip-dc1");
    let (served, through, waiting, _) = clients(played.end_ms());
    assert_eq!((served, through.as_str(), waiting.as_str()), (true, "vip-dc2", ""));
}

/// The failure matrix counts clients when the design has a namespace: with dc1's four servers down every
/// database still mounts in dc2, but Exchange 2010 clients, whose DNS points at vip-dc1, reach nothing; from
/// Exchange 2013 they reach vip-dc2.
#[test]
fn the_failure_matrix_counts_a_set_tolerated_only_when_clients_are_served() {
    let row_without_dc1 = |exchange: &str| {
        let mut scenario = dag::presets::preset("dag-pa-8").expect("the preset");
        scenario.exchange = serde_json::from_value(serde_json::json!(exchange)).expect("a version");
        let design = dag::Design::new(scenario).expect("it loads");
        let matrix = dag::matrix::FailureMatrix::compute(&design, Some(4)).expect("it fits");
        let dc1: Vec<String> = ["ex1", "ex2", "ex3", "ex4"].map(String::from).to_vec();
        let report = matrix.report(&design, true);
        let row = report.rows.expect("rows").iter().find(|r| r.failed == dc1).expect("the row");
        (row.mounted, row.clients, report.summary.levels[4].clone())
    };
    let (mounted, clients, level) = row_without_dc1("2010");
    assert_eq!((mounted, clients), (16, Some(false)));
    assert!(!level.tolerated);
    assert!(level.clients_served.expect("counted") < level.all_mounted, "{level:?}");
    let (mounted, clients, _) = row_without_dc1("2019");
    assert_eq!((mounted, clients), (16, Some(true)));
    let mut plain = dag::presets::preset("dag-pa-8").expect("the preset");
    plain.namespace = None;
    let design = dag::Design::new(plain).expect("it loads");
    let summary = dag::matrix::Summary::compute(&design, Some(2)).expect("it fits");
    assert!(summary.levels.iter().all(|l| l.clients_served.is_none()), "no namespace, no count");
}

/// For each mounted database, the copy best copy selection would take if its active copy failed now,
/// everything else as it is: preference 2 in the healthy Preferred Architecture; with ex2 down, the copy in
/// the other datacenter; with every copy without lag gone, the lagged one; with nothing left, why not.
#[test]
fn each_mounted_database_says_which_copy_is_next() {
    let design = dag::Design::new(dag::presets::preset("dag-pa-8").expect("the preset")).expect("it loads");
    let next = |events: &[&str]| {
        let events: Vec<dag::Event> = events.iter().map(|e| dag::Event::parse(e, &design).unwrap()).collect();
        let outcome = report::simulate(&design, &events);
        let db1 = &outcome.databases[0];
        db1.next.as_ref().map(|n| format!("{} {}: {}", n.server.as_deref().unwrap_or("none"), n.criterion, n.reason))
    };
    expect_test::expect![[r#"
        Some("ex2 criteria-1: if its active copy failed now, best copy selection would choose ex2: criteria set 1 (content index healthy, copy queue < 10, replay queue < 50)")
        Some("ex5 criteria-1: if its active copy failed now, best copy selection would choose ex5: criteria set 1 (content index healthy, copy queue < 10, replay queue < 50)")
        Some("ex6 lagged-criteria-1: if its active copy failed now, best copy selection would choose ex6: the lagged copy, as no copy without lag qualified; criteria set 1 (content index healthy, copy queue < 10, replay queue < 50)")
        Some("none server-down: if its active copy failed now, no other copy could be mounted: ex2 is down; ex5 is down; ex6 is down")
        None"#]]
    .assert_eq(
        &[
            next(&[]),
            next(&["fail:ex2"]),
            next(&["fail:ex2", "fail:ex5"]),
            next(&["fail:ex2", "fail:ex5", "fail:ex6"]),
            next(&["fail-site:dc1", "fail-site:dc2"]),
        ]
        .map(|n| format!("{n:?}"))
        .join("\n"),
    );
}

/// The generator's shapes: every one of 1–4 members a site, 1 to all copies a site, lagged or not, actives
/// balanced or in dc1, builds a supported design whose databases have their copies where the shape says
/// (each datacenter its share, the last preference lagged when asked, preference 1 on a server of dc1 or of
/// either datacenter) and whose every database mounts; a shape out of range says which field and why.
#[test]
fn generated_dags_have_the_shape_asked_for() {
    use dag::presets::{Actives, Shape, generate};
    for per_site in 1..=4 {
        for copies_per_site in 1..=per_site {
            for lagged in [false, true] {
                for actives in [Actives::Balanced, Actives::Primary] {
                    for witness_site in ["dc3", "dc1"] {
                        let shape = Shape {
                            per_site,
                            databases: 12,
                            copies_per_site,
                            lagged,
                            actives,
                            witness_site: witness_site.into(),
                            namespace: per_site > 2,
                        };
                        shape.check().unwrap_or_else(|e| panic!("{shape:?}: {e}"));
                        let scenario = generate(&shape, "generated", "");
                        let what = format!("{shape:?}");
                        let design = dag::Design::new(scenario.clone()).unwrap_or_else(|e| panic!("{what}: {e}"));
                        let errors: Vec<_> = dag::rules::validate(&design)
                            .into_iter()
                            .filter(|f| f.severity == clusterplan_core::finding::Severity::Error)
                            .collect();
                        assert!(errors.is_empty(), "{what}: {errors:?}");
                        assert_eq!(report::simulate(&design, &[]).mounted, 12, "{what}");
                        assert_eq!(scenario.namespace.is_some(), shape.namespace, "{what}");
                        assert_eq!(scenario.sites.len(), if witness_site == "dc3" { 3 } else { 2 }, "{what}");
                        let site =
                            |server: &str| scenario.servers.iter().find(|s| s.name == server).unwrap().site.clone();
                        let mut first_sites = std::collections::BTreeSet::new();
                        for database in &scenario.databases {
                            let in_site = |s: &str| database.copies.iter().filter(|c| site(&c.server) == s).count();
                            assert_eq!((in_site("dc1"), in_site("dc2")), (copies_per_site, copies_per_site), "{what}");
                            let prefs: Vec<u32> = database.copies.iter().map(|c| c.preference).collect();
                            assert_eq!(prefs, (1..=2 * copies_per_site as u32).collect::<Vec<_>>(), "{what}");
                            let lags: Vec<u32> = database.copies.iter().map(|c| c.replay_lag_days).collect();
                            let expected_lags: Vec<u32> = (0..2 * copies_per_site)
                                .map(|k| if lagged && k + 1 == 2 * copies_per_site { 7 } else { 0 })
                                .collect();
                            assert_eq!(lags, expected_lags, "{what}");
                            first_sites.insert(site(&database.copies[0].server));
                        }
                        let expected: &[&str] = match actives {
                            Actives::Primary => &["dc1"],
                            Actives::Balanced => &["dc1", "dc2"],
                        };
                        assert_eq!(first_sites.iter().map(String::as_str).collect::<Vec<_>>(), expected, "{what}");
                    }
                }
            }
        }
    }
    let wrong = |shape: Shape| shape.check().unwrap_err();
    let base = Shape::preferred(4, 16, "dc3");
    assert_eq!(
        wrong(Shape { per_site: 9, ..base.clone() }),
        "Members per datacenter: 1 to 8 (a DAG has at most 16), not 9."
    );
    assert_eq!(wrong(Shape { databases: 0, ..base.clone() }), "Databases: 1 to 500, not 0.");
    assert_eq!(
        wrong(Shape { copies_per_site: 5, ..base.clone() }),
        "Copies per datacenter: 1 to 4 (a server holds one copy of a database), not 5."
    );
    assert_eq!(
        wrong(Shape { witness_site: "dc2".into(), ..base }),
        "The witness stands in dc3 (a third site) or dc1, not \"dc2\"."
    );
}
