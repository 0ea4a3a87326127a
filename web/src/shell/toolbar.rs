//! The toolbar both planners' headers share: what the family puts first (presets, its own buttons), then
//! undo, redo, heal, import, export and the share link.

use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use serde::Serialize;
use yew::prelude::*;

use super::files::{export, file_import, share_url};
use super::notice::Notice;
use super::share::{Saved, to_fragment, to_json};

/// The toolbar's `export` and `fragment` for a saved design named `name`: its scenario as a file, and the
/// link carrying it with its events. Both are made only when asked for.
pub fn design_callbacks<S: Serialize + 'static>(
    name: &str,
    saved: &Rc<Saved<S>>,
) -> (Callback<(), (String, String)>, Callback<(), String>) {
    let export = {
        let (name, saved) = (name.to_string(), saved.clone());
        Callback::from(move |_| (name.clone(), to_json(&saved.scenario)))
    };
    let saved = saved.clone();
    (export, Callback::from(move |_| to_fragment(&*saved)))
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
    /// A file's text, to open.
    pub onimport: Callback<String>,
    pub notify: Callback<Notice>,
    /// The design's name and its JSON, made when an export is asked for.
    pub export: Callback<(), (String, String)>,
    /// The share fragment of the design and its events, made when a link is asked for.
    pub fragment: Callback<(), String>,
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let reader = use_mut_ref(|| None::<FileReader>);
    let link = use_state(|| None::<String>);
    let onimport = file_import(reader, props.onimport.clone(), props.notify.clone());
    let onexport = {
        let failed = props.notify.clone();
        let design = props.export.clone();
        Callback::from(move |_| {
            let (name, json) = design.emit(());
            export(&name, &json, &failed)
        })
    };
    let onshare = {
        let link = link.clone();
        let fragment = props.fragment.clone();
        Callback::from(move |_| link.set(Some(share_url(&fragment.emit(())))))
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
