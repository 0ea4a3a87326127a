//! The JSON Schemas of the scenario formats, generated from the types in [`crate::model`] and
//! [`crate::dag::model`].

/// The schema as JSON text (pretty-printed, ending in a newline).
pub fn scenario_schema() -> String {
    let schema = schemars::schema_for!(crate::model::Scenario);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    text.push('\n');
    text
}

/// The schema of the DAG scenario format ([`crate::dag::model`]).
pub fn dag_schema() -> String {
    let schema = schemars::schema_for!(crate::dag::model::DagScenario);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    text.push('\n');
    text
}
