//! The DAG planner's page, built like the 2003 planner's: the reducer, its effects at the edges (autosave,
//! share links, keyboard shortcuts), and the layout of header, topology, databases and panels.

use yew::prelude::*;

use crate::dag::components::databases::Databases;
use crate::dag::components::header::Header;
use crate::dag::components::inspector::Inspector;
use crate::dag::components::status::Status;
use crate::dag::components::tolerance::Tolerance;
use crate::dag::components::topology::Topology;
use crate::dag::state::{Action, AppState, Saved, from_json};
use crate::shell::effects::{
    follow_link, history_key, initial_design, use_autosave, use_hash_change, use_keys, use_ready_mark,
};
use crate::shell::findings::Findings;
use crate::shell::matrix::{read_json, use_failure_matrix};
use crate::shell::notice::notice_bar;

/// Where the DAG planner's autosave lives (apart from the 2003 planner's).
pub const DAG_STORAGE_KEY: &str = "clusterplan.dag.v1";

/// A share link's design, else the autosave, else the Preferred Architecture; problems go in the notice.
fn initial_state() -> AppState {
    let (saved, problem) = initial_design(DAG_STORAGE_KEY, from_json);
    let mut state = AppState::new(saved.unwrap_or_else(|| Saved::preset("dag-pa-8").expect("the preset exists")));
    if problem.is_some() {
        state.notice = problem;
    }
    state
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    // One callback for the app's lifetime, so components whose own props did not change skip rendering.
    let dispatch = {
        let dispatcher = state.dispatcher();
        use_callback((), move |action: Action, _| dispatcher.dispatch(action))
    };

    // The failure modes: every set of failed servers, worked out in the component's worker whenever the
    // design (not its drawing) changes.
    let matrix = use_failure_matrix(
        state.analysis.facts.design_text.clone(),
        read_json::<clusterplan_core::dag::matrix::Summary>,
    );

    // Autosave each change; a full or blocked storage is said in a notice.
    use_autosave(DAG_STORAGE_KEY, state.saved.clone(), dispatch.reform(Action::Notify));

    // Ctrl+Z, Ctrl+Shift+Z (Ctrl+Y), Escape; not while typing in a field.
    use_keys(dispatch.clone(), |event| history_key(event, Action::Undo, Action::Redo, Action::Dismiss));

    // A share link pasted into an open tab.
    use_hash_change({
        let dispatch = dispatch.clone();
        Callback::from(move |hash: String| {
            let restore = dispatch.reform(|saved| Action::Restore(Box::new(saved)));
            follow_link(&hash, from_json, &restore, &dispatch.reform(Action::Notify));
        })
    });

    use_ready_mark();

    let notice = notice_bar(state.notice.as_ref(), dispatch.reform(|_| Action::Dismiss));
    html! {
        <div class="app dag-app">
            <Header state={state.clone()} dispatch={dispatch.clone()} />
            { notice }
            <main class="workspace">
                <div class="dag-main">
                    <Topology state={state.clone()} dispatch={dispatch.clone()} />
                    <Databases state={state.clone()} dispatch={dispatch.clone()} />
                </div>
                <aside class="panels" aria-label="Results and editing">
                    <Status state={state.clone()} dispatch={dispatch.clone()} />
                    <Inspector state={state.clone()} dispatch={dispatch.clone()} />
                    <Tolerance matrix={matrix} />
                    <Findings findings={state.analysis.facts.findings.clone()}
                        onselect={dispatch.reform(|(kind, subject)| Action::SelectSubject(kind, subject))} />
                </aside>
            </main>
        </div>
    }
}
