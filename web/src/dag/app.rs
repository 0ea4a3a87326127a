//! The DAG planner page: the reducer, its effects at the edges (autosave, share links, keyboard), and the
//! layout of header, topology, databases and panels.

use gloo::events::EventListener;
use gloo::storage::{LocalStorage, Storage};
use std::rc::Rc;
use yew::prelude::*;

use super::state::{DagAction, DagSaved, DagState, from_fragment, from_json};
use super::view::{DagFindings, DagHeader, DagInspector, Databases, Shared, Status, Tolerance, Topology};
use crate::effects::{clear_fragment, history_key, notice_bar, use_autosave, use_keys, use_ready_mark};
use crate::state::{Notice, NoticeKind};

/// Where the DAG planner's autosave lives (apart from the 2003 planner's).
pub const DAG_STORAGE_KEY: &str = "clusterplan.dag.v1";

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

    // Autosave each change; a full or blocked storage is said in a notice.
    use_autosave(DAG_STORAGE_KEY, state.saved.clone(), dispatch.reform(DagAction::Notify));

    // Ctrl+Z, Ctrl+Shift+Z (Ctrl+Y), Escape; not while typing in a field.
    use_keys(dispatch.clone(), |event| history_key(event, DagAction::Undo, DagAction::Redo, DagAction::Dismiss));

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

    use_ready_mark();

    let shared = Shared(Rc::new((*state).clone()));
    let notice = notice_bar(state.notice.as_ref(), dispatch.reform(|_| DagAction::Dismiss));
    html! {
        <div class="app dag-app">
            <DagHeader state={shared.clone()} dispatch={dispatch.clone()} />
            { notice }
            <main class="workspace">
                <div class="dag-main">
                    <Topology state={shared.clone()} dispatch={dispatch.clone()} />
                    <Databases state={shared.clone()} dispatch={dispatch.clone()} />
                </div>
                <aside class="panels" aria-label="Results and editing">
                    <Status state={shared.clone()} dispatch={dispatch.clone()} />
                    <DagInspector state={shared.clone()} dispatch={dispatch.clone()} />
                    <Tolerance facts={state.analysis.facts.clone()} />
                    <DagFindings facts={state.analysis.facts.clone()} />
                </aside>
            </main>
        </div>
    }
}
