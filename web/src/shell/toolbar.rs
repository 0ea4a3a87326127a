//! The toolbar both planners' headers share: what the family puts first (presets, its own buttons), then
//! undo, redo, heal, import, export, the share link and the report (with every other export, on its own
//! page: the engine that writes them is the component's, not this page's).

use std::any::Any;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use serde::Serialize;
use yew::prelude::*;

use super::files::{Brought, export, file_import, share_url};
use super::notice::Notice;
use super::same::Same;
use super::share::{Saved, to_json};

/// The toolbar's `export` and `share` for a saved design named `name`: its scenario as a file, and the
/// saved design (with its events) as a link carries it. Both are made only when asked for.
pub fn design_callbacks<S: Serialize + 'static>(
    name: &str,
    saved: &Rc<Saved<S>>,
) -> (Callback<(), (String, String)>, Callback<(), String>) {
    let export = {
        let (name, saved) = (name.to_string(), saved.clone());
        Callback::from(move |_| (name.clone(), to_json(&saved.scenario)))
    };
    let saved = saved.clone();
    (export, Callback::from(move |_| to_json(&*saved)))
}

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// The family's buttons, first in the toolbar.
    pub children: Html,
    pub can_undo: bool,
    pub can_redo: bool,
    /// Whether anything is applied that "Heal all" would take back.
    pub can_heal: bool,
    pub onundo: Callback<()>,
    pub onredo: Callback<()>,
    pub onheal: Callback<()>,
    /// The files chosen, to open: one design file, or a design the family reads from several (the
    /// Calculator's files).
    pub onimport: Callback<Vec<Brought>>,
    pub notify: Callback<Notice>,
    /// The design's name and its JSON, made when an export is asked for.
    pub export: Callback<(), (String, String)>,
    /// The JSON of the design and its events, made when a link is asked for.
    pub share: Callback<(), String>,
    /// The saved design (and events) the toolbar acts on, compared by identity: a link made for another one
    /// is not shown.
    pub design: Same<dyn Any>,
    /// The report view's address for this family, relative to the page (`report/#cluster`).
    pub report: &'static str,
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let reader = use_mut_ref(Vec::<FileReader>::new);
    // The link, and the design it was made for.
    let link = use_state(|| None::<(Same<dyn Any>, String)>);
    let onimport = file_import(reader, props.onimport.clone(), props.notify.clone());
    let onexport = {
        let failed = props.notify.clone();
        let design = props.export.clone();
        Callback::from(move |_| {
            let (name, json) = design.emit(());
            export(&name, &json, &failed)
        })
    };
    // The link is compressed by the browser, so it appears a moment after the click.
    let onshare = {
        let (link, share, notify, design) =
            (link.clone(), props.share.clone(), props.notify.clone(), props.design.clone());
        Callback::from(move |_| {
            let (link, json, notify, design) = (link.clone(), share.emit(()), notify.clone(), design.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match super::link::write(&json).await {
                    Ok(fragment) => link.set(Some((design, share_url(&fragment)))),
                    Err(problem) => notify.emit(Notice::error(format!("No link was made: {problem}."))),
                }
            });
        })
    };
    let shown = (*link).clone().filter(|(design, _)| *design == props.design).map(|(_, url)| url);
    let copied = use_state(|| None::<String>);
    let oncopy = {
        let (url, copied, notify) = (shown.clone(), copied.clone(), props.notify.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(url) = url.clone() else { return };
            let (copied, notify) = (copied.clone(), notify.clone());
            let written = gloo::utils::window().navigator().clipboard().write_text(&url);
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(written).await {
                    Ok(_) => copied.set(Some(url)),
                    Err(_) => notify.emit(Notice::error(
                        "This browser did not let the page copy the link: select it and copy it yourself.",
                    )),
                }
            });
        })
    };
    let click = |callback: &Callback<()>| callback.reform(|_: MouseEvent| ());
    html! {
        <>
            <nav class="toolbar" aria-label="Designs and history">
                { props.children.clone() }
                <span class="separator" />
                <button onclick={click(&props.onundo)} disabled={!props.can_undo}
                    aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">{ "Undo" }</button>
                <button onclick={click(&props.onredo)} disabled={!props.can_redo}
                    aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)">{ "Redo" }</button>
                <button onclick={click(&props.onheal)} disabled={!props.can_heal}>{ "Heal all" }</button>
                <span class="separator" />
                <label class="button file">
                    { "Import…" }
                    <input type="file" multiple=true accept=".json,.csv,application/json,text/csv" onchange={onimport}
                        aria-label="Import a design file" />
                </label>
                <button onclick={onexport}>{ "Export" }</button>
                <button onclick={onshare}>{ "Share link" }</button>
                <a class="button" href={props.report} target="_blank">{ "Report & exports" }</a>
            </nav>
            { for shown.map(|url| html! {
                <div class="share">
                    <label>{ "Link to this design: " }
                        <input type="text" readonly=true value={url.clone()} aria-label="Share link" />
                    </label>
                    <button onclick={oncopy}>{ "Copy" }</button>
                    <span role="status">{ if copied.as_deref() == Some(url.as_str()) { "Copied" } else { "" } }</span>
                </div>
            }) }
        </>
    }
}

/// A preset as the header offers it: its id, a short label, and what it is (the button's title).
pub type PresetButton = (&'static str, &'static str, &'static str);

/// Which of `presets` the design still is: the one whose scenario, without the drawing, reads as
/// `design_text` (`text_of` writes a preset that way). Worked out again only when the design changes, so an
/// edit takes the mark off and undoing it puts it back.
#[hook]
pub fn use_current_preset(
    design_text: Rc<String>,
    presets: &'static [PresetButton],
    text_of: fn(&str) -> Option<String>,
) -> Rc<Option<&'static str>> {
    use_memo(design_text, move |text| {
        presets.iter().map(|(id, _, _)| *id).find(|id| text_of(id).as_deref() == Some(text.as_str()))
    })
}

/// The preset buttons: `load` gets the id of the one clicked; the `current` one is marked (and pressed,
/// for assistive technology).
pub fn preset_buttons(presets: &'static [PresetButton], current: Option<&str>, load: &Callback<String>) -> Html {
    html! {
        <>
            <span class="group-label">{ "Start from:" }</span>
            { for presets.iter().map(|(id, label, about)| {
                let onclick = load.reform(move |_: MouseEvent| id.to_string());
                let pressed = current == Some(*id);
                html! {
                    <button class={classes!("preset", pressed.then_some("current"))} {onclick} data-preset={*id}
                        title={*about} aria-pressed={if pressed { "true" } else { "false" }}>{ *label }</button>
                }
            }) }
        </>
    }
}
