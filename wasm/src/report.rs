//! The documents (feature `report`): the design's report and what `export --to` writes, as text.

use crate::{design, refused, thrown};
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
/// `"csv"` (the IP plan) or `"svg"` (the diagram), as text.
#[wasm_bindgen(js_name = exportTo, skip_typescript)]
pub fn export_to(design_value: JsValue, to: JsValue) -> Result<String, JsValue> {
    let loaded = design(&design_value)?;
    let to = to.as_string().ok_or_else(|| {
        thrown(Code::Arguments, "to", "what to export is a string: powershell, cluster-exe, csv or svg")
    })?;
    verbs::export(&loaded, &to).map_err(refused)
}
