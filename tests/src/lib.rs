//! Shared helpers of the integration tests: designs from presets plus JSON patches, and fixture files.

use std::path::{Path, PathBuf};

use clusterplan_core::dag::{self, Dag};
use clusterplan_core::{Design, presets};
use serde_json::Value;

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
                let scenario = dag::presets::dag_preset(id).ok_or_else(|| format!("no preset {id}"))?;
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

/// Loads a DAG design value, failing with the loader's message.
pub fn load_dag(value: &Value) -> Result<Dag, String> {
    Dag::from_json(&value.to_string()).map_err(|e| e.to_string())
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
