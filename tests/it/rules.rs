//! Every rule against a design that breaks it and one that keeps it (`fixtures/rules.json`).

use std::collections::BTreeMap;

use clusterplan_core::cluster::rules::{self, RULES};
use clusterplan_core::dag;
use clusterplan_tests::{design_value, fixtures_dir, load, load_dag};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFixtures {
    #[allow(dead_code)]
    about: String,
    /// Rules that describe every design rather than judge it, with why.
    always: BTreeMap<String, String>,
    rules: Vec<RuleCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleCase {
    rule: String,
    failing: DesignCase,
    passing: DesignCase,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DesignCase {
    design: Value,
    #[serde(default)]
    patch: Option<Value>,
    #[serde(default)]
    message_contains: Option<String>,
    /// Events applied first: a rule of advice judges the design as they leave it.
    #[serde(default)]
    events: Vec<String>,
}

fn cluster_findings(case: &DesignCase) -> Result<Vec<clusterplan_core::finding::Finding>, String> {
    let value = design_value(&case.design, case.patch.as_ref())?;
    let design = load(&value)?;
    let events = case
        .events
        .iter()
        .map(|e| clusterplan_core::cluster::Event::parse(e, &design).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    let mut findings = rules::validate(&design);
    findings.extend(rules::advice(&design, &events));
    Ok(findings)
}

fn dag_findings(case: &DesignCase) -> Result<Vec<clusterplan_core::finding::Finding>, String> {
    let value = design_value(&case.design, case.patch.as_ref())?;
    let dag = load_dag(&value)?;
    let events = case
        .events
        .iter()
        .map(|e| dag::Event::parse(e, &dag).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    let mut findings = dag::rules::validate(&dag);
    findings.extend(dag::rules::advice(&dag, &events));
    Ok(findings)
}

#[test]
fn every_rule_has_a_failing_and_a_passing_design() {
    check_rule_fixtures("rules.json", RULES, cluster_findings);
}

#[test]
fn every_dag_rule_has_a_failing_and_a_passing_design() {
    check_rule_fixtures("dag-rules.json", dag::rules::RULES, dag_findings);
}

/// Each case's failing design has its rule's finding (with the rule's severity and source), the passing
/// one has not; every rule has a case or is listed as describing every design.
fn check_rule_fixtures(
    file: &str,
    all: &[clusterplan_core::finding::Rule],
    findings_of: fn(&DesignCase) -> Result<Vec<clusterplan_core::finding::Finding>, String>,
) {
    let text = std::fs::read_to_string(fixtures_dir().join(file)).expect(file);
    let fixtures: RuleFixtures = serde_json::from_str(&text).expect("rule fixtures are well-formed");
    let mut problems = Vec::new();
    for case in &fixtures.rules {
        let Some(rule) = all.iter().find(|r| r.id == case.rule) else {
            problems.push(format!("{}: no such rule", case.rule));
            continue;
        };
        match findings_of(&case.failing) {
            Err(error) => problems.push(format!("{}: failing design: {error}", case.rule)),
            Ok(findings) => {
                let hits: Vec<_> = findings.iter().filter(|f| f.rule == case.rule).collect();
                if hits.is_empty() {
                    problems.push(format!(
                        "{}: failing design has no such finding; it has {:?}",
                        case.rule,
                        findings.iter().map(|f| f.rule).collect::<Vec<_>>()
                    ));
                }
                for hit in &hits {
                    if hit.severity != rule.severity || hit.source != rule.source || hit.source.is_empty() {
                        problems.push(format!("{}: finding disagrees with the rule's severity or source", case.rule));
                    }
                }
                if let Some(phrase) = &case.failing.message_contains
                    && !hits.iter().any(|f| f.message.contains(phrase.as_str()))
                {
                    problems.push(format!(
                        "{}: no message contains {phrase:?}: {:?}",
                        case.rule,
                        hits.iter().map(|f| &f.message).collect::<Vec<_>>()
                    ));
                }
            }
        }
        match findings_of(&case.passing) {
            Err(error) => problems.push(format!("{}: passing design: {error}", case.rule)),
            Ok(findings) => {
                if let Some(hit) = findings.iter().find(|f| f.rule == case.rule) {
                    problems.push(format!("{}: passing design has the finding: {}", case.rule, hit.message));
                }
            }
        }
    }
    for rule in all {
        let covered = fixtures.rules.iter().filter(|c| c.rule == rule.id).count();
        if covered == 0 && !fixtures.always.contains_key(rule.id) {
            problems.push(format!("{}: no fixture", rule.id));
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn rule_ids_are_unique_and_every_rule_has_a_source() {
    let mut seen = std::collections::HashSet::new();
    for rule in RULES.iter().chain(dag::rules::RULES) {
        assert!(seen.insert(rule.id), "{} twice", rule.id);
        assert!(!rule.source.is_empty() && !rule.summary.is_empty(), "{} lacks a source or summary", rule.id);
    }
}

#[test]
fn presets_have_no_error_findings() {
    for (id, _) in clusterplan_core::cluster::presets::PRESETS {
        let design = load(&design_value(&Value::String(id.to_string()), None).unwrap()).unwrap();
        let errors: Vec<_> = rules::validate(&design)
            .into_iter()
            .filter(|f| f.severity == clusterplan_core::finding::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{id}: {errors:?}");
    }
    for (id, _) in dag::presets::PRESETS {
        let dag = load_dag(&design_value(&Value::String(id.to_string()), None).unwrap()).unwrap();
        let errors: Vec<_> = dag::rules::validate(&dag)
            .into_iter()
            .filter(|f| f.severity == clusterplan_core::finding::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{id}: {errors:?}");
    }
}

/// The configuration line names what the design is, and says so when it is neither configuration: EVS
/// added until no node is passive, past 7 EVS, past 2 on two nodes (the `config.too-many-evs` cases).
#[test]
fn the_mode_says_when_a_design_is_neither_configuration() {
    use clusterplan_core::cluster::edit;
    use clusterplan_core::cluster::{Design, presets};
    let mode_after = |id: &str, added_groups: usize, added_nodes: usize| {
        let mut scenario = presets::preset(id).unwrap();
        for _ in 0..added_nodes {
            edit::add_node(&mut scenario).unwrap();
        }
        for _ in 0..added_groups {
            edit::add_group(&mut scenario).unwrap();
        }
        let (mode, text) = rules::mode(&Design::new(scenario).unwrap());
        format!("{mode:?}: {text}")
    };
    let seen = [
        mode_after("four-node-3a1p", 0, 0),
        mode_after("four-node-3a1p", 1, 0),
        mode_after("eight-node-7a1p", 1, 1),
        mode_after("two-node-active-active", 0, 0),
        mode_after("two-node-active-active", 1, 0),
    ];
    expect_test::expect![[r#"
        ActivePassive: Active/passive: 3 active, 1 passive node.
        Unsupported: Not supported: 4 EVS on 4 nodes leave no passive node to fail over to.
        Unsupported: Not supported: 8 EVS on 9 nodes; an active/passive cluster runs at most 7.
        ActiveActive: Active/active: both nodes run an EVS; after a failover one node runs both.
        Unsupported: Not supported: 3 EVS on 2 nodes; a two-node cluster runs at most 2."#]]
    .assert_eq(&seen.join("\n"));
}
