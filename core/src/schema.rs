//! The JSON Schema of the scenario format, generated from the types in [`crate::model`].

/// The schema as JSON text (pretty-printed, ending in a newline).
pub fn scenario_schema() -> String {
    let schema = schemars::schema_for!(crate::model::Scenario);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    text.push('\n');
    text
}
