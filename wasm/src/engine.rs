//! The planning verbs (feature `engine`): validate, simulate, timeline, analyze, ips, presets, preset,
//! rules and schema, each returning the object the command line prints as JSON.

use crate::{design, refusal_error, refused, set, thrown};
use clusterplan_core::read::Failure;
use clusterplan_core::scenario::{Family, quote};
use clusterplan_core::verbs::{self, Code, Options, Refusal};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The value as a plain object, exactly as `JSON.parse` reads the command line's JSON: maps as objects,
/// a missing value as `null`.
fn to_js(value: &impl Serialize) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| thrown(Code::Load, "", &format!("cannot hand the result to JavaScript: {error}")))
}

/// A large value as a plain object through JSON text: one `JSON.parse` of the text serde_json writes is
/// several times faster than building a million small objects property by property across the boundary.
fn to_js_via_json(value: &impl Serialize) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|error| thrown(Code::Load, "", &format!("cannot hand the result to JavaScript: {error}")))?;
    js_sys::JSON::parse(&text)
}

/// The events: an array of the command line's event strings (`"fail:node1@30s"`); none when not given.
fn events(value: &JsValue) -> Result<Vec<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    let wrong = || thrown(Code::Arguments, "events", "events are an array of strings such as \"fail:node1\"");
    if !js_sys::Array::is_array(value) {
        return Err(wrong());
    }
    js_sys::Array::from(value).iter().map(|event| event.as_string().ok_or_else(wrong)).collect()
}

/// Every option's name, as [`Options`] spells it in JavaScript.
const OPTIONS: &[&str] = &["clock", "hour", "maxFailures", "summary", "subnets", "reserve"];

/// The options: what the command line's flags carry, as `{clock, hour, maxFailures, summary, subnets,
/// reserve}`; the defaults when not given.
fn options(value: &JsValue) -> Result<Options, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    if !value.is_object() {
        return Err(thrown(Code::Arguments, "options", "the options are an object such as {\"maxFailures\": 2}"));
    }
    // A key that is no option is refused by name, so a misspelt option is not silently ignored; the
    // rest is read as JSON by the engine's reader, which drops a key whose value is `undefined` (so
    // `{summary: undefined}` means no summary).
    for key in js_sys::Object::keys(&js_sys::Object::from(value.clone())).iter() {
        let key = key.as_string().unwrap_or_default();
        if !OPTIONS.contains(&key.as_str()) {
            let message = format!("the options: unknown option {}; options are {}", quote(&key), OPTIONS.join(", "));
            return Err(thrown(Code::Arguments, "options", &message));
        }
    }
    let wrong = |message: &str| thrown(Code::Arguments, "options", &format!("the options: {message}"));
    let text = js_sys::JSON::stringify(value)
        .map_err(|_| wrong("they cannot be written as JSON (a cycle, or a BigInt)"))?
        .as_string()
        .unwrap_or_default();
    clusterplan_core::read::from_json::<Options>(&text).map_err(|failure| match failure {
        Failure::Read(error) if !error.path().is_empty() => wrong(&format!("{}: {}", error.path(), error.message())),
        Failure::Read(error) => wrong(error.message()),
        Failure::NotJson(error) | Failure::After(error) => wrong(&error.to_string()),
    })
}

/// Checks a design against every rule of its family: `{findings}`.
#[wasm_bindgen(skip_typescript)]
pub fn validate(design_value: JsValue) -> Result<JsValue, JsValue> {
    to_js(&verbs::validate(&design(&design_value)?))
}

/// Starts the healthy design, applies the events in order and reports the outcome.
#[wasm_bindgen(skip_typescript)]
pub fn simulate(design_value: JsValue, events_value: JsValue, options_value: JsValue) -> Result<JsValue, JsValue> {
    let loaded = design(&design_value)?;
    let simulated = verbs::simulate(&loaded, &events(&events_value)?, &options(&options_value)?).map_err(refused)?;
    to_js(&simulated)
}

/// How the events unfold second by second (either family's).
#[wasm_bindgen(skip_typescript)]
pub fn timeline(design_value: JsValue, events_value: JsValue, options_value: JsValue) -> Result<JsValue, JsValue> {
    let loaded = design(&design_value)?;
    let played = verbs::timeline(&loaded, &events(&events_value)?, &options(&options_value)?).map_err(refused)?;
    to_js(&played)
}

/// The design as it stands at a time of the script (`21s`, `10min`), and the steps told then: what a
/// player shows at that time.
#[wasm_bindgen(skip_typescript)]
pub fn moment(
    design_value: JsValue,
    events_value: JsValue,
    at: JsValue,
    options_value: JsValue,
) -> Result<JsValue, JsValue> {
    let loaded = design(&design_value)?;
    let Some(at) = at.as_string() else {
        return Err(thrown(Code::Arguments, "at", "the time is text such as \"21s\" or \"10min\""));
    };
    let moment = verbs::moment(&loaded, &events(&events_value)?, &options(&options_value)?, &at).map_err(refused)?;
    to_js(&moment)
}

/// Counts the static addresses and names and assigns them from the subnets.
#[wasm_bindgen(skip_typescript)]
pub fn ips(design_value: JsValue, options_value: JsValue) -> Result<JsValue, JsValue> {
    let loaded = design(&design_value)?;
    to_js(&verbs::ips(&loaded, &options(&options_value)?).map_err(refused)?)
}

/// Fails every set of up to `maxFailures` nodes or servers at once. `progress`, when a function, is
/// called now and then with the sets done and the sets in all.
#[wasm_bindgen(skip_typescript)]
pub fn analyze(design_value: JsValue, options_value: JsValue, progress: JsValue) -> Result<JsValue, JsValue> {
    let loaded = design(&design_value)?;
    let options = options(&options_value)?;
    let progress = progress.dyn_into::<js_sys::Function>().ok();
    let mut report = |done: u64, total: u64| {
        if let Some(progress) = &progress {
            // The listener's own failure is not the analysis's.
            let _ = progress.call2(&JsValue::NULL, &JsValue::from_f64(done as f64), &JsValue::from_f64(total as f64));
        }
    };
    verbs::analyze(&loaded, &options, &mut report, |analysis| to_js_via_json(&analysis)).map_err(too_large_error)?
}

/// A refused analysis, with the advice in the options' own words and, for programs, `fits` (the largest
/// `maxFailures` that fits, or `null`) and `summaryFits`.
fn too_large_error(mut refusal: Refusal) -> JsValue {
    let Some(too_large) = refusal.too_large.take() else { return refused(refusal) };
    let mut advice = Vec::new();
    if let Some(k) = too_large.fits {
        advice.push(format!("maxFailures: {k}"));
    }
    if too_large.summary_fits {
        advice.push("summary: true".to_string());
    }
    if let (Some(first), false) = (refusal.errors.first_mut(), advice.is_empty()) {
        first.message.push_str(&format!(": ask for {}", advice.join(" or ")));
    }
    let error = refusal_error(&refusal);
    set(&error, "fits", &too_large.fits.map_or(JsValue::NULL, |k| JsValue::from_f64(k as f64)));
    set(&error, "summaryFits", &JsValue::from_bool(too_large.summary_fits));
    error.into()
}

/// Every built-in preset's id, 2003 clusters first.
#[wasm_bindgen(skip_typescript)]
pub fn presets() -> Result<JsValue, JsValue> {
    to_js(&verbs::presets())
}

/// Every preset's scenario as compact JSON text, written by the build script from the engine's presets.
const PRESETS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/presets.rs"));

/// A preset's scenario object.
#[wasm_bindgen(skip_typescript)]
pub fn preset(id: JsValue) -> Result<JsValue, JsValue> {
    let id = id.as_string().ok_or_else(|| thrown(Code::Arguments, "id", "a preset id is a string"))?;
    match PRESETS.iter().find(|(known, _)| *known == id) {
        Some((_, text)) => js_sys::JSON::parse(text),
        None => Err(refused(verbs::unknown_preset(&id))),
    }
}

/// Every rule of both families, with its id, severity and source: `{rules}`.
#[wasm_bindgen(skip_typescript)]
pub fn rules() -> Result<JsValue, JsValue> {
    to_js(&verbs::rules())
}

/// The JSON Schema texts, made by the build script from the engine's types: the engine's schema generator
/// stays out of the module.
const CLUSTER_SCHEMA: &str = include_str!(concat!(env!("OUT_DIR"), "/cluster.schema.json"));
const DAG_SCHEMA: &str = include_str!(concat!(env!("OUT_DIR"), "/dag.schema.json"));

/// The JSON Schema of a scenario format, `"cluster"` (the default) or `"dag"`, as an object.
#[wasm_bindgen(skip_typescript)]
pub fn schema(kind: JsValue) -> Result<JsValue, JsValue> {
    let kind = match kind.as_string() {
        Some(kind) => Some(kind),
        None if kind.is_undefined() || kind.is_null() => None,
        None => return Err(thrown(Code::Arguments, "kind", "the kind is \"cluster\" or \"dag\"")),
    };
    let text = match verbs::schema_family(kind.as_deref()).map_err(refused)? {
        Family::Cluster => CLUSTER_SCHEMA,
        Family::Dag => DAG_SCHEMA,
    };
    js_sys::JSON::parse(text)
}
