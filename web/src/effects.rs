//! What both planners do at their edges: autosave to local storage, forget a link's fragment once read,
//! tell a key press in a text field, mark the first render for the measurements, and show the notice.

use std::rc::Rc;

use gloo::storage::{LocalStorage, Storage};
use gloo::timers::callback::Timeout;
use serde::Serialize;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use crate::state::{Notice, NoticeKind};

/// Drops the fragment from the address once a link has been read, so a reload shows the latest edits.
pub fn clear_fragment() {
    let window = gloo::utils::window();
    if let Ok(history) = window.history() {
        let path = window.location().pathname().unwrap_or_else(|_| "/".into());
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}

/// Whether a key press belongs to a text field (undo there is the field's own).
pub fn typing(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// Turns key presses anywhere on the page (but in text fields) into actions: `keys` says which action a
/// press means, if any; the press is then kept from the browser.
#[hook]
pub fn use_keys<A: 'static>(dispatch: Callback<A>, keys: fn(&KeyboardEvent) -> Option<A>) {
    use_effect_with((), move |_| {
        let listener = gloo::events::EventListener::new(&gloo::utils::window(), "keydown", move |event| {
            let Some(event) = event.dyn_ref::<KeyboardEvent>() else { return };
            if typing(event) {
                return;
            }
            if let Some(action) = keys(event) {
                event.prevent_default();
                dispatch.emit(action);
            }
        });
        move || drop(listener)
    });
}

/// Undo, redo and dismiss, as both planners read them: Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y, Escape.
pub fn history_key<A>(event: &KeyboardEvent, undo: A, redo: A, dismiss: A) -> Option<A> {
    let command = event.ctrl_key() || event.meta_key();
    match event.key().to_ascii_lowercase().as_str() {
        "z" if command && event.shift_key() => Some(redo),
        "z" if command => Some(undo),
        "y" if command => Some(redo),
        "escape" => Some(dismiss),
        _ => None,
    }
}

/// Saves `value` as JSON under `key` after every change, just after the frame that shows it (a new change
/// before then replaces the pending save, which would have been overwritten anyway). A full or blocked
/// storage is handed to `refused` as a notice.
#[hook]
pub fn use_autosave<T: Serialize + PartialEq + 'static>(key: &'static str, value: Rc<T>, refused: Callback<Notice>) {
    let pending = use_mut_ref(|| None::<Timeout>);
    use_effect_with(value, move |value| {
        let value = value.clone();
        *pending.borrow_mut() = Some(Timeout::new(0, move || {
            let text = serde_json::to_string_pretty(&*value).expect("a saved design serialises");
            if LocalStorage::raw().set_item(key, &text).is_err() {
                refused.emit(Notice {
                    kind: NoticeKind::Error,
                    text: "This browser refused to save the design (storage full or blocked): export it to keep it."
                        .into(),
                });
            }
        }));
    });
}

/// Marks the first rendered page for the load-time measurement (`clusterplan-ready`, `body[data-ready]`).
#[hook]
pub fn use_ready_mark() {
    use_effect_with((), |_| {
        if let Some(performance) = gloo::utils::window().performance() {
            let _ = performance.mark("clusterplan-ready");
        }
        if let Some(body) = gloo::utils::document().body() {
            let _ = body.set_attribute("data-ready", "true");
        }
    });
}

/// The notice bar: what was refused or went wrong, with a button to dismiss it.
pub fn notice_bar(notice: Option<&Notice>, dismiss: Callback<MouseEvent>) -> Html {
    let Some(notice) = notice else { return html! {} };
    let class = match notice.kind {
        NoticeKind::Error => "notice error",
        NoticeKind::Refused => "notice refused",
        NoticeKind::Info => "notice info",
    };
    html! {
        <div class={class} role="alert">
            <span class="notice-text">{ notice.text.clone() }</span>
            <button class="dismiss" aria-label="Dismiss message" onclick={dismiss}>{ "×" }</button>
        </div>
    }
}
