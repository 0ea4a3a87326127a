//! The DAG planner page: the reducer, its effects at the edges (autosave, share links, keyboard), and the
//! layout of header, topology, databases and panels.

use gloo::events::EventListener;
use gloo::storage::{LocalStorage, Storage};
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use super::state::{DagAction, DagSaved, DagState, from_fragment, from_json};
use super::view::{DagFindings, DagHeader, DagInspector, Databases, Shared, Status, Tolerance, Topology};
use crate::state::{Notice, NoticeKind};

/// Where the DAG planner's autosave lives (apart from the 2003 planner's).
pub const DAG_STORAGE_KEY: &str = "clusterplan.dag.v1";

fn clear_fragment() {
    let window = gloo::utils::window();
    if let Ok(history) = window.history() {
        let path = window.location().pathname().unwrap_or_else(|_| "/".into());
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}

/// A share link's design, else the autosave, else the Preferred Architecture; problems go in the notice.
fn initial_state() -> DagState {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    let mut problems = Vec::new();
    let from_link = from_fragment(&hash).unwrap_or_else(|problem| {
        problems.push(format!("The shared link could not be opened: {problem}."));
        None
    });
    if !hash.is_empty() {
        clear_fragment();
    }
    let saved = from_link.or_else(|| match LocalStorage::raw().get_item(DAG_STORAGE_KEY) {
        Ok(Some(text)) => from_json(&text)
            .map_err(|problem| {
                problems.push(format!("The autosaved design could not be opened ({problem}); it was left in storage."))
            })
            .ok(),
        _ => None,
    });
    let mut state = DagState::new(saved.unwrap_or_else(|| DagSaved::preset("dag-pa-8").expect("the preset exists")));
    if !problems.is_empty() {
        state.notice = Some(Notice { kind: NoticeKind::Error, text: problems.join(" ") });
    }
    state
}

#[component]
pub fn DagApp() -> Html {
    let state = use_reducer(initial_state);
    let dispatch = {
        let dispatcher = state.dispatcher();
        use_callback((), move |action: DagAction, _| dispatcher.dispatch(action))
    };

    // Autosave each change just after the frame that shows it.
    let pending_save = use_mut_ref(|| None::<Timeout>);
    {
        let dispatch = dispatch.clone();
        use_effect_with(state.saved.clone(), move |saved| {
            let saved = saved.clone();
            *pending_save.borrow_mut() = Some(Timeout::new(0, move || {
                let text = serde_json::to_string_pretty(&*saved).expect("a saved design serialises");
                if LocalStorage::raw().set_item(DAG_STORAGE_KEY, &text).is_err() {
                    dispatch.emit(DagAction::Notify(Notice {
                        kind: NoticeKind::Error,
                        text:
                            "This browser refused to save the design (storage full or blocked): export it to keep it."
                                .into(),
                    }));
                }
            }));
        });
    }

    // Ctrl+Z, Ctrl+Shift+Z (Ctrl+Y), Escape; not while typing in a field.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "keydown", move |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else { return };
                let typing = event
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
                if typing {
                    return;
                }
                let command = event.ctrl_key() || event.meta_key();
                let action = match event.key().to_ascii_lowercase().as_str() {
                    "z" if command && event.shift_key() => Some(DagAction::Redo),
                    "z" if command => Some(DagAction::Undo),
                    "y" if command => Some(DagAction::Redo),
                    "escape" => Some(DagAction::Dismiss),
                    _ => None,
                };
                if let Some(action) = action {
                    event.prevent_default();
                    dispatch.emit(action);
                }
            });
            move || drop(listener)
        });
    }

    // A share link pasted into an open tab.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                let hash = gloo::utils::window().location().hash().unwrap_or_default();
                match from_fragment(&hash) {
                    Ok(Some(saved)) => dispatch.emit(DagAction::Restore(Box::new(saved))),
                    Ok(None) => return,
                    Err(problem) => dispatch.emit(DagAction::Notify(Notice {
                        kind: NoticeKind::Error,
                        text: format!("The shared link could not be opened: {problem}."),
                    })),
                }
                clear_fragment();
            });
            move || drop(listener)
        });
    }

    use_effect_with((), |_| {
        if let Some(performance) = gloo::utils::window().performance() {
            let _ = performance.mark("clusterplan-ready");
        }
        if let Some(body) = gloo::utils::document().body() {
            let _ = body.set_attribute("data-ready", "true");
        }
    });

    let shared = Shared(Rc::new((*state).clone()));
    let notice = state.notice.clone().map(|notice| {
        let class = match notice.kind {
            NoticeKind::Error => "notice error",
            NoticeKind::Refused => "notice refused",
            NoticeKind::Info => "notice info",
        };
        html! {
            <div class={class} role="alert">
                <span class="notice-text">{ notice.text }</span>
                <button class="dismiss" aria-label="Dismiss message" onclick={dispatch.reform(|_| DagAction::Dismiss)}>{ "×" }</button>
            </div>
        }
    });
    html! {
        <div class="app dag-app">
            <DagHeader state={shared.clone()} dispatch={dispatch.clone()} />
            { for notice }
            <main class="workspace">
                <div class="dag-main">
                    <Topology state={shared.clone()} dispatch={dispatch.clone()} />
                    <Databases state={shared.clone()} dispatch={dispatch.clone()} />
                </div>
                <aside class="panels" aria-label="Results and editing">
                    <Status state={shared.clone()} dispatch={dispatch.clone()} />
                    <DagInspector state={shared.clone()} dispatch={dispatch.clone()} />
                    <Tolerance state={shared.clone()} dispatch={dispatch.clone()} />
                    <DagFindings state={shared} dispatch={dispatch.clone()} />
                </aside>
            </main>
        </div>
    }
}
