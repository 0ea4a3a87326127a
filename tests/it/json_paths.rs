//! The field paths of JSON reading errors (`core/src/json_path.rs`) held to `serde_path_to_error`, the
//! tracking deserializer the engine used before: every preset of both families, broken every way a hand
//! edit breaks a file (a value of the wrong type, a field removed or unknown, the text cut short, a stray
//! character), must name the same path with both.

use clusterplan_core::scenario::parse_json;
use clusterplan_core::verbs::{self, Preset};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// The path `serde_path_to_error` names, as the engine used to print it ("" for the document).
fn reference<T: DeserializeOwned>(text: &str) -> Option<String> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let error = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Ok(_) => return deserializer.end().err().map(|_| String::new()),
        Err(error) => error,
    };
    let path = error.path().to_string();
    let path = path.trim_end_matches('?').trim_end_matches('.');
    Some(if path == "." { "" } else { path }.to_string())
}

/// The path the engine names now.
fn ours<T: DeserializeOwned>(text: &str) -> Option<String> {
    parse_json::<T>(text).err().map(|errors| errors.0[0].path.clone())
}

/// Every pointer into `value`, the document's own ("") first.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                pointers(child, format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The broken copies of one design: values of another type, fields removed and unknown, then the text
/// cut short and given a stray character at many places.
fn broken_copies(design: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut all = Vec::new();
    pointers(design, String::new(), &mut all);
    for pointer in &all {
        let node = design.pointer(pointer).expect("a pointer found in it");
        let replacements = match node {
            Value::String(_) => vec![json!(12345), json!(["x"]), json!("no such thing")],
            Value::Number(_) => vec![json!("x"), json!(-1), json!(1.5), json!({})],
            Value::Bool(_) | Value::Null => vec![json!("x"), json!([])],
            Value::Array(_) => vec![json!({}), json!("x"), json!([{}])],
            Value::Object(_) => vec![json!([]), json!(7)],
        };
        for replacement in replacements {
            let mut copy = design.clone();
            *copy.pointer_mut(pointer).expect("a pointer found in it") = replacement;
            out.push(serde_json::to_string_pretty(&copy).expect("JSON"));
        }
        if let Value::Object(map) = node {
            let mut copy = design.clone();
            if let Some(Value::Object(target)) = copy.pointer_mut(pointer) {
                target.insert("no_such_field".into(), json!(1));
            }
            out.push(serde_json::to_string_pretty(&copy).expect("JSON"));
            for key in map.keys() {
                let mut copy = design.clone();
                if let Some(Value::Object(target)) = copy.pointer_mut(pointer) {
                    target.remove(key);
                }
                out.push(serde_json::to_string_pretty(&copy).expect("JSON"));
            }
        }
    }
    let text = serde_json::to_string_pretty(design).expect("JSON");
    let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).step_by(11).collect();
    for &at in &boundaries {
        out.push(text[..at].to_string());
        for stray in [",", "x", "}", "\"", "1"] {
            out.push(format!("{}{stray}{}", &text[..at], &text[at..]));
        }
    }
    out
}

/// Checks every broken copy of `design` read as `T`; returns how many were refused.
fn check<T: DeserializeOwned>(id: &str, design: &Value, mismatches: &mut Vec<String>) -> usize {
    let mut refused = 0;
    for text in broken_copies(design) {
        let (expected, found) = (reference::<T>(&text), ours::<T>(&text));
        refused += usize::from(found.is_some());
        if expected != found && mismatches.len() < 12 {
            let error = serde_json::from_str::<T>(&text).err().map(|e| e.to_string());
            mismatches.push(format!("{id}: expected {expected:?}, found {found:?} ({error:?})"));
        }
    }
    refused
}

#[test]
fn error_paths_are_the_tracking_deserializers() {
    let mut mismatches = Vec::new();
    let mut refused = 0;
    for id in verbs::presets() {
        refused += match verbs::preset(id).expect("a preset") {
            Preset::Cluster(scenario) => {
                let design = serde_json::to_value(scenario).expect("JSON");
                check::<clusterplan_core::cluster::Scenario>(id, &design, &mut mismatches)
            }
            Preset::Dag(scenario) => {
                let design = serde_json::to_value(scenario).expect("JSON");
                check::<clusterplan_core::dag::Scenario>(id, &design, &mut mismatches)
            }
        };
    }
    assert!(mismatches.is_empty(), "paths differ:\n{}", mismatches.join("\n"));
    // The copies are broken: most of them must be refused, or the comparison compares little.
    assert!(refused > 20_000, "only {refused} broken copies were refused");
}
