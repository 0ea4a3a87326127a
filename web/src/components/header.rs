//! The header: the design's name and mode (active/passive or active/active, with the finding that
//! explains it), presets one click apart, undo/redo, import, export and the share link.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, HtmlInputElement};
use yew::prelude::*;

use crate::components::PanelProps;
use crate::share;
use crate::state::{Action, Notice, NoticeKind};
use clusterplan_core::cluster::rules::Mode;

/// The presets the header offers, with short labels.
const PRESETS: &[(&str, &str)] = &[
    ("four-node-3a1p", "4 nodes, 3 active / 1 passive"),
    ("two-node-active-passive", "2 nodes, active/passive"),
    ("two-node-active-active", "2 nodes, active/active"),
    ("eight-node-7a1p", "8 nodes, 7 active / 1 passive"),
];

/// A file name for the design: its name with anything unusual replaced.
pub(crate) fn file_name(name: &str) -> String {
    let safe: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }).collect();
    format!("{}.json", safe.trim_matches('-').to_ascii_lowercase())
}

/// Offers `text` as a file download.
pub(crate) fn download(name: &str, text: &str) -> Result<(), String> {
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

/// The JSON a scenario exports as (pretty, like the autosave: one serializer in the app).
pub(crate) fn scenario_json(scenario: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(scenario).expect("a scenario serialises")
}

/// Offers `json` as a file named after the design; a failure is handed to `failed` as a notice.
pub(crate) fn export(name: &str, json: &str, failed: &Callback<Notice>) {
    if let Err(problem) = download(&file_name(name), json) {
        failed.emit(Notice { kind: NoticeKind::Error, text: format!("Export failed: {problem}") });
    }
}

/// This page's address with `fragment`.
pub(crate) fn share_url(fragment: &str) -> String {
    let location = gloo::utils::window().location();
    format!(
        "{}{}#{fragment}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_else(|_| "/".into())
    )
}

/// Reads the file chosen in a file input and hands its text to `opened`; a read error goes to `failed`.
/// `reader` keeps the read alive until it finishes.
pub(crate) fn file_import(
    reader: Rc<RefCell<Option<FileReader>>>,
    opened: Callback<String>,
    failed: Callback<Notice>,
) -> Callback<Event> {
    Callback::from(move |event: Event| {
        let input: HtmlInputElement = event.target_unchecked_into();
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        let (opened, failed) = (opened.clone(), failed.clone());
        let name = file.name();
        let task = gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |result| match result {
            Ok(text) => opened.emit(text),
            Err(error) => {
                failed.emit(Notice { kind: NoticeKind::Error, text: format!("{name} could not be read: {error}") })
            }
        });
        *reader.borrow_mut() = Some(task);
        input.set_value("");
    })
}

#[component]
pub fn Header(props: &PanelProps) -> Html {
    let state = &props.state;
    let dispatch = props.dispatch.clone();
    let reader = use_mut_ref(|| None::<FileReader>);
    let link = use_state(|| None::<String>);

    let presets = PRESETS.iter().map(|(id, label)| {
        let onclick = dispatch.reform(move |_| Action::LoadPreset(id.to_string()));
        let current = state.saved.scenario.name == clusterplan_core::cluster::presets::preset(id).map(|p| p.name).unwrap_or_default();
        html! { <button class={classes!("preset", current.then_some("current"))} {onclick} data-preset={*id}>{ *label }</button> }
    });

    let onimport = file_import(reader, dispatch.reform(Action::Import), dispatch.reform(Action::Notify));
    let onexport = {
        let failed = dispatch.reform(Action::Notify);
        let scenario = state.saved.scenario.clone();
        Callback::from(move |_| export(&scenario.name, &scenario_json(&scenario), &failed))
    };
    let onshare = {
        let link = link.clone();
        let saved = state.saved.clone();
        Callback::from(move |_| link.set(Some(share_url(&share::to_fragment(&saved)))))
    };

    let analysis = &state.analysis;
    let mode_class = match analysis.mode {
        Mode::ActiveActive => "mode active-active",
        Mode::ActivePassive => "mode active-passive",
        Mode::Empty => "mode empty",
    };
    let explanation = analysis
        .findings
        .iter()
        .find(|f| f.rule == "config.active-active")
        .map(|f| html! { <span class="mode-finding" title={f.source}>{ f.message.clone() }</span> });

    html! {
        <header class="header">
            <div class="title">
                <h1>{ "clusterplan" }</h1>
                <span class="design-name">{ state.saved.scenario.name.clone() }</span>
                <span class={mode_class} role="status" aria-label="Configuration">{ analysis.mode_text.clone() }</span>
                { for explanation }
                <a class="mode-link" href="dag/">{ "Exchange 2010–2019 DAG planner" }</a>
            </div>
            <nav class="toolbar" aria-label="Designs and history">
                <span class="group-label">{ "Start from:" }</span>
                { for presets }
                <button onclick={dispatch.reform(|_| Action::Blank)}>{ "Empty cluster" }</button>
                <button onclick={dispatch.reform(|_| Action::OpenComparison("two-node-active-active".into(), "two-node-active-passive".into()))}
                    title="Both two-node presets under the same failure script">{ "Compare A/A with A/P" }</button>
                <span class="separator" />
                <button onclick={dispatch.reform(|_| Action::Undo)} disabled={state.undo.is_empty()}
                    aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">{ "Undo" }</button>
                <button onclick={dispatch.reform(|_| Action::Redo)} disabled={state.redo.is_empty()}
                    aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)">{ "Redo" }</button>
                <button onclick={dispatch.reform(|_| Action::Heal)} disabled={state.saved.events.is_empty()}>{ "Heal all" }</button>
                <span class="separator" />
                <label class="button file">
                    { "Import…" }
                    <input type="file" accept=".json,application/json" onchange={onimport} aria-label="Import a design file" />
                </label>
                <button onclick={onexport}>{ "Export" }</button>
                <button onclick={onshare}>{ "Share link" }</button>
            </nav>
            { for (*link).clone().map(|url| html! {
                <div class="share">
                    <label>{ "Link to this design: " }
                        <input type="text" readonly=true value={url} aria-label="Share link" />
                    </label>
                </div>
            }) }
        </header>
    }
}
