//! The documents (feature `report`): the design's report, what `export --to` writes, and designs brought
//! from the Role Requirements Calculator's files and a running DAG (`importFrom`), beside the planning verbs
//! so a page that only plans does not carry the readers.

use crate::{design, refused, set, thrown};
use clusterplan_core::verbs::{self, Code};
use wasm_bindgen::prelude::*;

/// The design's report, as the command line's `report` writes it: `"html"` (the default: a standalone page
/// with its print stylesheet) or `"markdown"`.
#[wasm_bindgen(skip_typescript)]
pub fn report(design_value: JsValue, format: JsValue) -> Result<String, JsValue> {
    let loaded = design(&design_value)?;
    let format = match format.as_string() {
        Some(format) => format,
        None if format.is_undefined() || format.is_null() => "html".to_string(),
        None => return Err(thrown(Code::Arguments, "format", "the format is \"html\" or \"markdown\"")),
    };
    verbs::report(&loaded, &format).map_err(refused)
}

/// What the command line's `export --to` writes: `"powershell"` (DAGs), `"cluster-exe"` (2003 clusters),
/// `"csv"` (the IP plan) or `"svg"` (the diagram), as text; `"calculator"` (DAGs) the Role Requirements
/// Calculator's files, as `{files: [{name, text}], notes}`.
#[wasm_bindgen(js_name = exportTo, skip_typescript)]
pub fn export_to(design_value: JsValue, to: JsValue) -> Result<JsValue, JsValue> {
    let loaded = design(&design_value)?;
    let to = to.as_string().ok_or_else(|| {
        thrown(Code::Arguments, "to", "what to export is a string: powershell, cluster-exe, csv, svg or calculator")
    })?;
    if to != "calculator" {
        return verbs::export(&loaded, &to).map(|text| JsValue::from_str(&text)).map_err(refused);
    }
    let exported = verbs::export_files(&loaded, &to).map_err(refused)?;
    let result = js_sys::Object::new();
    let files = js_sys::Array::new();
    for (name, text) in &exported.files {
        let file = js_sys::Object::new();
        set(&file, "name", &JsValue::from_str(name));
        set(&file, "text", &JsValue::from_str(text));
        files.push(&file);
    }
    set(&result, "files", &files);
    let notes = js_sys::Array::new();
    for note in &exported.notes {
        notes.push(&JsValue::from_str(&format!("{}: {}", note.file, note.message)));
    }
    set(&result, "notes", &notes);
    Ok(result.into())
}

/// One file handed to `importFrom`: its name and its bytes (text is taken as UTF-8).
fn import_file(value: JsValue, index: u32) -> Result<(String, Vec<u8>), JsValue> {
    let path = format!("files[{index}]");
    let wrong = || thrown(Code::Arguments, &path, "a file is {name, data}: data text, a Uint8Array or an ArrayBuffer");
    if !value.is_object() {
        return Err(wrong());
    }
    let get = |key: &str| js_sys::Reflect::get(&value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    let name = get("name").as_string().ok_or_else(wrong)?;
    let data = get("data");
    let bytes = if let Some(text) = data.as_string() {
        text.into_bytes()
    } else if data.is_instance_of::<js_sys::Uint8Array>() {
        js_sys::Uint8Array::from(data).to_vec()
    } else if data.is_instance_of::<js_sys::ArrayBuffer>() {
        js_sys::Uint8Array::new(&data).to_vec()
    } else {
        return Err(wrong());
    };
    Ok((name, bytes))
}

/// Reads a DAG from elsewhere, as `clusterplan import` does: `kind` is `"calculator"` (the Role Requirements
/// Calculator's CSV files) or `"ems"` (the collector's document of a running DAG); `files` an array of
/// `{name, data}`; `dag` names the DAG when the files hold several. `{design, notes}`.
#[wasm_bindgen(js_name = importFrom, skip_typescript)]
pub fn import_from(kind: JsValue, files: JsValue, dag: JsValue) -> Result<JsValue, JsValue> {
    let kind =
        kind.as_string().ok_or_else(|| thrown(Code::Arguments, "from", "the kind is \"calculator\" or \"ems\""))?;
    if !js_sys::Array::is_array(&files) {
        return Err(thrown(Code::Arguments, "files", "the files are an array of {name, data}"));
    }
    let read: Vec<(String, Vec<u8>)> =
        js_sys::Array::from(&files).iter().zip(0..).map(|(file, i)| import_file(file, i)).collect::<Result<_, _>>()?;
    let dag = match dag.as_string() {
        Some(name) => Some(name),
        None if dag.is_undefined() || dag.is_null() => None,
        None => return Err(thrown(Code::Arguments, "dag", "the DAG's name is a string")),
    };
    let sources: Vec<clusterplan_core::dag::import::Source<'_>> =
        read.iter().map(|(name, bytes)| clusterplan_core::dag::import::Source { name, bytes }).collect();
    let imported = verbs::import(&kind, &sources, dag.as_deref()).map_err(refused)?;
    let text = serde_json::to_string(&imported)
        .map_err(|error| thrown(Code::Load, "", &format!("cannot hand the result to JavaScript: {error}")))?;
    js_sys::JSON::parse(&text)
}

/// What differs between a planned DAG and a running one, as `clusterplan diff` says it: members, sites,
/// witnesses, copies, preferences, lag, settings, live state, and both designs' failure modes.
#[wasm_bindgen(skip_typescript)]
pub fn diff(plan: JsValue, running: JsValue) -> Result<JsValue, JsValue> {
    let (plan, running) = (design(&plan)?, design(&running)?);
    let drift = verbs::diff(&plan, &running).map_err(refused)?;
    let text = serde_json::to_string(&drift)
        .map_err(|error| thrown(Code::Load, "", &format!("cannot hand the result to JavaScript: {error}")))?;
    js_sys::JSON::parse(&text)
}
