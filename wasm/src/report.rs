//! The documents (feature `report`): the design's report and what `export --to` writes, as text.

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
