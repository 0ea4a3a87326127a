//! clusterplan-wasm: the engine as a WebAssembly component. A thin wasm-bindgen boundary over
//! [`clusterplan_core::verbs`]: values cross with serde-wasm-bindgen, each verb returns the object the
//! command line prints as JSON, and an unusable input throws a `ClusterplanError` with a `code` and
//! `errors` (`[{path, message}]`). Findings are data, never exceptions.
//!
//! The crate builds two modules from one source, by feature: `engine` (the planning verbs, the package's
//! main entry) and `report` (the documents: `report` and `exportTo`, the package's `clusterplan/report`
//! entry), so a page that plans does not download the report writers, the drawings and the deployment
//! scripts. Both are on by default (tests and the workspace build see every export). The JavaScript
//! package (`js/`) wraps the exports: it loads each module (at import in Node, with `init()` in a browser),
//! adds `version`, the declarations, and the worker for long analyses.

#[cfg(not(target_arch = "wasm32"))]
pub mod declarations;

#[cfg(feature = "engine")]
mod engine;
#[cfg(feature = "report")]
mod report;

use clusterplan_core::verbs::{self, Code, Loaded, Refusal};
use wasm_bindgen::prelude::*;

/// A `ClusterplanError`: `message` is every problem, one per line, as the command line prints them after
/// the file's name (a field path before a problem in the design; an event's problem names the event).
fn refusal_error(refusal: &Refusal) -> js_sys::Error {
    let lines: Vec<String> = refusal
        .errors
        .iter()
        .map(|problem| match refusal.code {
            Code::Load | Code::Arguments if !problem.path.is_empty() => {
                format!("{}: {}", problem.path, problem.message)
            }
            _ => problem.message.clone(),
        })
        .collect();
    let error = js_sys::Error::new(&lines.join("\n"));
    error.set_name("ClusterplanError");
    let code = match refusal.code {
        Code::Load => "load",
        Code::Event => "event",
        Code::Arguments => "arguments",
        Code::TooLarge => "too-large",
    };
    set(&error, "code", &JsValue::from_str(code));
    let errors = js_sys::Array::new();
    for problem in &refusal.errors {
        let entry = js_sys::Object::new();
        set(&entry, "path", &JsValue::from_str(&problem.path));
        set(&entry, "message", &JsValue::from_str(&problem.message));
        errors.push(&entry);
    }
    set(&error, "errors", &errors);
    error
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on an object made here cannot fail.
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}

fn thrown(code: Code, path: &str, message: &str) -> JsValue {
    let refusal = Refusal {
        code,
        errors: vec![clusterplan_core::scenario::LoadError { path: path.into(), message: message.into() }],
        too_large: None,
    };
    refusal_error(&refusal).into()
}

fn refused(refusal: Refusal) -> JsValue {
    refusal_error(&refusal).into()
}

/// A design given as a scenario object or its JSON text, read as the command line reads a file.
fn design(value: &JsValue) -> Result<Loaded, JsValue> {
    let text = match value.as_string() {
        Some(text) => text,
        None if value.is_object() && !value.is_function() => js_sys::JSON::stringify(value)
            .map_err(|_| thrown(Code::Load, "", "the design object cannot be written as JSON (a cycle, or a BigInt)"))?
            .as_string()
            .unwrap_or_default(),
        None => {
            return Err(thrown(Code::Load, "", "the design is neither a scenario object nor its JSON text"));
        }
    };
    verbs::load(&text).map_err(refused)
}

/// The engine's version, as `clusterplan --version` prints it after the name.
#[wasm_bindgen(js_name = engineVersion, skip_typescript)]
pub fn engine_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
