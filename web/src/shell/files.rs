//! Designs leaving and entering the page: export as a file download, import from a chosen file, and this
//! page's address with a share fragment.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, HtmlInputElement};
use yew::prelude::*;

use clusterplan_core::scenario::size_error;

use super::notice::Notice;

/// A file name for the design: its name with anything unusual replaced.
pub fn file_name(name: &str) -> String {
    let safe: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }).collect();
    format!("{}.json", safe.trim_matches('-').to_ascii_lowercase())
}

/// Offers `text` as a file download.
fn download(name: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| "no Blob")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "no object URL")?;
    let document = gloo::utils::document();
    let anchor: HtmlAnchorElement = document.create_element("a").map_err(|_| "no anchor")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Offers `json` as a file named after the design; a failure is handed to `failed` as a notice.
pub fn export(name: &str, json: &str, failed: &Callback<Notice>) {
    if let Err(problem) = download(&file_name(name), json) {
        failed.emit(Notice::error(format!("Export failed: {problem}")));
    }
}

/// This page's address with `fragment`.
pub fn share_url(fragment: &str) -> String {
    let location = gloo::utils::window().location();
    format!(
        "{}{}#{fragment}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_else(|_| "/".into())
    )
}

/// Reads the file chosen in a file input and hands its text to `opened`; a read error goes to `failed`.
/// `reader` keeps the read alive until it finishes.
pub fn file_import(
    reader: Rc<RefCell<Option<FileReader>>>,
    opened: Callback<String>,
    failed: Callback<Notice>,
) -> Callback<Event> {
    Callback::from(move |event: Event| {
        let input: HtmlInputElement = event.target_unchecked_into();
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        let (opened, failed) = (opened.clone(), failed.clone());
        let name = file.name();
        // A file larger than a scenario may be is refused before it is read into memory.
        if let Some(problem) = size_error(file.size() as u64) {
            input.set_value("");
            failed.emit(Notice::error(format!("{name} cannot be opened: {problem}")));
            return;
        }
        let task = gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |result| match result {
            Ok(text) => opened.emit(text),
            Err(error) => failed.emit(Notice::error(format!("{name} could not be read: {error}"))),
        });
        *reader.borrow_mut() = Some(task);
        input.set_value("");
    })
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            file_name("Four-node cluster, 3 active / 1 passive"),
            "four-node-cluster--3-active---1-passive.json"
        );
        assert_eq!(file_name("<script>"), "script.json");
    }
}
