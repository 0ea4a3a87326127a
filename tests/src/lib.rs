//! Shared helpers of the integration tests: designs from presets plus JSON patches, fixture files, and the
//! command run through its real entry point with in-memory streams.

pub mod mutate;

use std::path::{Path, PathBuf};

use clusterplan_core::cluster::{Design, presets};
use clusterplan_core::dag;

use serde_json::{Value, json};

/// What one run of the command did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }
}

/// Runs `clusterplan ARGS` through `clusterplan::run`, the command's own entry point, with `stdin`.
pub fn run(args: &[&str], stdin: &str) -> Run {
    run_bytes(args, stdin.as_bytes())
}

/// [`run`] with any bytes on standard input.
pub fn run_bytes(args: &[&str], stdin: &[u8]) -> Run {
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let mut input = stdin;
    let code = clusterplan::run(
        std::iter::once("clusterplan").chain(args.iter().copied()),
        &mut input,
        &mut stdout,
        &mut stderr,
    );
    let text = |bytes: Vec<u8>, stream: &str| {
        String::from_utf8(bytes).unwrap_or_else(|e| panic!("{stream} is not UTF-8: {e}"))
    };
    Run { code, stdout: text(stdout, "stdout"), stderr: text(stderr, "stderr") }
}

/// The folder holding the fixture files.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// A design named by a preset id (a 2003 cluster or a DAG) or given inline, with an optional RFC 6902 JSON
/// Patch applied.
pub fn design_value(design: &Value, patch: Option<&Value>) -> Result<Value, String> {
    let mut value = match design {
        Value::String(id) => match presets::preset(id) {
            Some(scenario) => serde_json::to_value(scenario).map_err(|e| e.to_string())?,
            None => {
                let scenario = dag::presets::preset(id).ok_or_else(|| format!("no preset {id}"))?;
                serde_json::to_value(scenario).map_err(|e| e.to_string())?
            }
        },
        other => other.clone(),
    };
    if let Some(patch) = patch {
        let patch: json_patch::Patch = serde_json::from_value(patch.clone()).map_err(|e| format!("bad patch: {e}"))?;
        json_patch::patch(&mut value, &patch).map_err(|e| format!("patch does not apply: {e}"))?;
    }
    Ok(value)
}

/// A 2003 cluster of `nodes` nodes (n0, n1, …) and `groups` EVSs (EVS0, …), each with its own disk.
pub fn cluster_design(nodes: usize, groups: usize) -> Value {
    let mut design = design_value(&json!("four-node-3a1p"), None).expect("a preset");
    design["nodes"] = (0..nodes)
        .map(|n| json!({ "name": format!("n{n}"), "nics": [{ "network": "public" }, { "network": "private" }] }))
        .collect();
    design["disks"] = std::iter::once(json!({ "name": "Q" }))
        .chain((0..groups).map(|g| json!({ "name": format!("D{g}") })))
        .collect();
    design["groups"] = (0..groups)
        .map(|g| {
            json!({
                "name": format!("EVS{g}"),
                "resources": [
                    { "name": "IP Address", "kind": "ip-address", "network": "public" },
                    { "name": "Network Name", "kind": "network-name", "depends_on": ["IP Address"] },
                    { "name": "Disk", "kind": "physical-disk", "disk": format!("D{g}") },
                    { "name": "System Attendant", "kind": "system-attendant", "depends_on": ["Network Name", "Disk"] },
                    { "name": "Store", "kind": "store", "depends_on": ["System Attendant"] }
                ],
                "storage_groups": [{ "name": "SG1", "stores": 1, "log_disk": format!("D{g}"), "database_disk": format!("D{g}") }]
            })
        })
        .collect();
    design["cluster_group"] = json!({});
    design
}

/// A one-site DAG of `servers` members (ex1, …) and `databases` databases with two copies each.
pub fn dag_design(servers: usize, databases: usize) -> Value {
    let mut design = design_value(&json!("dag-2-member"), None).expect("a preset");
    design["servers"] = (1..=servers).map(|s| json!({ "name": format!("ex{s}"), "site": "dc1" })).collect();
    design["databases"] = (0..databases)
        .map(|d| {
            json!({ "name": format!("db{d}"), "copies": [
                { "server": format!("ex{}", d % servers + 1), "preference": 1 },
                { "server": format!("ex{}", (d + 1) % servers + 1), "preference": 2 }
            ]})
        })
        .collect();
    design
}

/// A two-node cluster with one EVS whose System Attendant has `resources` resources hanging off it in a
/// chain, each depending on the one before.
pub fn chain_design(resources: usize) -> Value {
    let mut design = cluster_design(2, 1);
    let list = design["groups"][0]["resources"].as_array_mut().expect("resources");
    for i in 0..resources {
        let after = if i == 0 { "System Attendant".to_string() } else { format!("R{}", i - 1) };
        list.push(json!({ "name": format!("R{i}"), "kind": "smtp", "depends_on": [after] }));
    }
    design
}

/// Loads a DAG design value, failing with the loader's message.
pub fn load_dag(value: &Value) -> Result<dag::Design, String> {
    dag::Design::from_json(&value.to_string()).map_err(|e| e.to_string())
}

/// Loads a design value, failing with the loader's message.
pub fn load(value: &Value) -> Result<Design, String> {
    Design::from_json(&value.to_string()).map_err(|e| e.to_string())
}

/// Every `.json` file in a fixture subfolder, sorted by name.
pub fn fixture_files(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures_dir().join(folder))
        .unwrap_or_else(|e| panic!("cannot list fixtures/{folder}: {e}"))
        .map(|entry| entry.expect("readable folder entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// Checks one step's events against the refusals a fixture expects (event text → a phrase of its refusal):
/// each expected refusal happened with that phrase, and every other event applied. `events` are the
/// step's events as (text, refusal).
pub fn check_refusals<'a>(
    events: impl Iterator<Item = (&'a str, Option<&'a str>)> + Clone,
    expected: &std::collections::BTreeMap<String, String>,
) -> Vec<String> {
    let mut problems = Vec::new();
    for (event, phrase) in expected {
        let refusals: Vec<&str> = events.clone().filter(|(e, _)| e == event).filter_map(|(_, r)| r).collect();
        if !refusals.iter().any(|r| r.contains(phrase.as_str())) {
            problems.push(format!("{event}: expected a refusal containing {phrase:?}, got {refusals:?}"));
        }
    }
    for (event, refusal) in events {
        if let Some(refusal) = refusal.filter(|_| !expected.contains_key(event)) {
            problems.push(format!("{event} was refused: {refusal}"));
        }
    }
    problems
}

/// Runs a check over every fixture file of a folder and fails with every problem found, file by file.
pub fn check_fixtures(folder: &str, at_least: usize, check: impl Fn(&Path) -> Vec<String>) {
    let files = fixture_files(folder);
    assert!(files.len() >= at_least, "expected the {folder} fixtures, found {}", files.len());
    let mut failures = Vec::new();
    for file in &files {
        for problem in check(file) {
            failures.push(format!("{}: {problem}", file.file_name().unwrap().to_string_lossy()));
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

/// What a fixture expects of a design's findings: how many errors, which rules fire, which do not.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingsExpectation {
    #[serde(default)]
    pub errors: Option<usize>,
    #[serde(default)]
    pub has: Vec<String>,
    #[serde(default)]
    pub lacks: Vec<String>,
}

impl FindingsExpectation {
    /// What differs between `findings` and this expectation.
    pub fn check(&self, findings: &[clusterplan_core::finding::Finding]) -> Vec<String> {
        let mut problems = Vec::new();
        let errors: Vec<&str> = findings
            .iter()
            .filter(|f| f.severity == clusterplan_core::finding::Severity::Error)
            .map(|f| f.message.as_str())
            .collect();
        if self.errors.is_some_and(|e| e != errors.len()) {
            problems.push(format!("errors: expected {:?}, got {}: {errors:?}", self.errors, errors.len()));
        }
        for rule in &self.has {
            if !findings.iter().any(|f| f.rule == rule) {
                problems.push(format!("findings: expected {rule}"));
            }
        }
        for rule in &self.lacks {
            if findings.iter().any(|f| f.rule == rule) {
                problems.push(format!("findings: did not expect {rule}"));
            }
        }
        problems
    }
}
