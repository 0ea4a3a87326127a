//! Designs leaving and entering the page: export as a file download, import from a chosen file, and this
//! page's address with a share fragment.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, HtmlInputElement};
use yew::prelude::*;

use clusterplan_core::scenario::{self, size_error};

use super::notice::Notice;

/// A file name for the design: its name with anything unusual replaced.
pub fn file_name(name: &str) -> String {
    let safe: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }).collect();
    format!("{}.json", safe.trim_matches('-').to_ascii_lowercase())
}

/// Offers `text` as a file download of the `mime` type.
fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
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
    if let Err(problem) = download(&file_name(name), json, "application/json") {
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

/// A file brought to the page: its name and its bytes.
pub type Brought = (String, Vec<u8>);

/// Reads every file chosen in a file input (several at once: the Calculator's four CSV files) and hands
/// their names and bytes to `opened`, in the order chosen; a read error goes to `failed`. `readers` keep
/// the reads alive until they finish.
pub fn file_import(
    readers: Rc<RefCell<Vec<FileReader>>>,
    opened: Callback<Vec<Brought>>,
    failed: Callback<Notice>,
) -> Callback<Event> {
    Callback::from(move |event: Event| {
        let input: HtmlInputElement = event.target_unchecked_into();
        let Some(list) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        read_all(files, &readers, &opened, &failed);
    })
}

/// Files dropped on the page, read as [`file_import`] reads those chosen; the drag over the page is
/// accepted only when it carries files.
pub fn file_drop(
    readers: Rc<RefCell<Vec<FileReader>>>,
    opened: Callback<Vec<Brought>>,
    failed: Callback<Notice>,
) -> (Callback<DragEvent>, Callback<DragEvent>) {
    let over = Callback::from(|event: DragEvent| {
        if event.data_transfer().is_some_and(|t| t.types().includes(&"Files".into(), 0)) {
            event.prevent_default();
        }
    });
    let drop = Callback::from(move |event: DragEvent| {
        let Some(list) = event.data_transfer().and_then(|t| t.files()) else { return };
        if list.length() == 0 {
            return;
        }
        event.prevent_default();
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        read_all(files, &readers, &opened, &failed);
    });
    (over, drop)
}

fn read_all(
    files: Vec<web_sys::File>,
    readers: &Rc<RefCell<Vec<FileReader>>>,
    opened: &Callback<Vec<Brought>>,
    failed: &Callback<Notice>,
) {
    if files.is_empty() {
        return;
    }
    // Files larger than a scenario may be are refused before they are read into memory.
    let total: u64 = files.iter().map(|f| f.size() as u64).sum();
    if let Some(problem) = size_error(total) {
        let names: Vec<String> = files.iter().map(web_sys::File::name).collect();
        failed.emit(Notice::error(format!("{} cannot be opened: {problem}", names.join(", "))));
        return;
    }
    let read: Rc<RefCell<Vec<Option<Brought>>>> = Rc::new(RefCell::new(vec![None; files.len()]));
    let mut tasks = readers.borrow_mut();
    tasks.clear();
    for (i, file) in files.into_iter().enumerate() {
        let (read, opened, failed) = (read.clone(), opened.clone(), failed.clone());
        let name = file.name();
        let task = gloo::file::callbacks::read_as_bytes(&gloo::file::Blob::from(file), move |result| match result {
            Ok(bytes) => {
                let mut slots = read.borrow_mut();
                slots[i] = Some((name, bytes));
                if slots.iter().all(Option::is_some) {
                    opened.emit(slots.drain(..).flatten().collect());
                }
            }
            Err(error) => failed.emit(Notice::error(format!("{name} could not be read: {error}"))),
        });
        tasks.push(task);
    }
}

/// Where files brought to a planner are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// By the planner itself: a design file ([`Family::read_files`]).
    Here,
    /// By the component's `importFrom` of this kind (`calculator`, `ems`), in its worker.
    Import(&'static str),
    /// By the other family's planner, at this address relative to the page (`dag/`, `../`).
    Elsewhere(&'static str),
}

/// What another tool's files brought at once are, for the component's `importFrom`: the Role Requirements
/// Calculator's CSV files (`calculator`) or the collector's document of a running DAG (`ems`); `None` for a
/// design file.
pub fn import_kind(files: &[Brought]) -> Option<&'static str> {
    let named: Vec<(&str, &[u8])> = files.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())).collect();
    clusterplan_core::verbs::import_kind(&named)
}

/// Whether `files` is one design file plainly of `family`: its family said, its top level read cleanly.
pub fn one_design_of(files: &[Brought], family: scenario::Family) -> bool {
    match files {
        [(_, bytes)] => std::str::from_utf8(bytes).is_ok_and(|text| {
            let recognised = scenario::Family::recognise(text);
            recognised.certain && recognised.family == family
        }),
        _ => false,
    }
}

/// Offers `text` as a download named `name` (the collector, a plain text file).
pub fn offer(name: &str, text: &str, failed: &Callback<Notice>) {
    if let Err(problem) = download(name, text, "text/plain") {
        failed.emit(Notice::error(format!("The download failed: {problem}")));
    }
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
