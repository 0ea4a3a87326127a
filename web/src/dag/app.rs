//! The DAG planner's page, built like the 2003 planner's: the reducer, its effects at the edges (autosave,
//! share and lesson links, keyboard shortcuts, the player's clock), and the layout of header, topology,
//! databases and panels.

use std::rc::Rc;

use web_sys::KeyboardEvent;
use yew::Reducible;
use yew::prelude::*;

use crate::dag::components::clients::Clients;
use crate::dag::components::databases::Databases;
use crate::dag::components::header::Header;
use crate::dag::components::inspector::Inspector;
use crate::dag::components::status::Status;
use crate::dag::components::timeline::TimelinePanel;
use crate::dag::components::tolerance::Tolerance;
use crate::dag::components::topology::Topology;
use crate::dag::state::{Action, AppState, Saved, Selection, from_json};
use crate::shell::effects::{
    clear_fragment, follow_link, history_key, initial_design, skip_links, use_autosave, use_hash_change, use_keys,
    use_other_tab, use_ready_mark, use_reveal,
};
use crate::shell::findings::Findings;
use crate::shell::matrix::{read_json, use_failure_matrix};
use crate::shell::notice::notice_bar;
use crate::shell::player::{player_key, use_player_clock};
use crate::shell::presenter;
use crate::shell::same::Same;

/// Where the DAG planner's autosave lives (apart from the 2003 planner's).
pub const DAG_STORAGE_KEY: &str = "clusterplan.dag.v1";

/// The skip links, in the page's order: a keyboard gets to each part in one step.
const SKIP_LINKS: &[(&str, &str)] = &[
    ("topology", "Topology"),
    ("databases", "Databases"),
    ("quorum", "Quorum"),
    ("timeline", "Lessons and player"),
    ("inspector", "Inspector"),
    ("findings", "Findings"),
];

/// A share link's design, else the autosave, else the Preferred Architecture; a lesson link (`#lesson=ID`)
/// opens the lesson, ready to play. Problems go in the notice.
fn initial_state() -> AppState {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    let (saved, problem) = initial_design(DAG_STORAGE_KEY, from_json);
    let mut state = AppState::new(saved.unwrap_or_else(|| Saved::preset("dag-pa-8").expect("the preset exists")));
    if problem.is_some() {
        state.notice = problem;
    }
    if let Some(id) = hash.strip_prefix("#lesson=") {
        return (*Rc::new(state).reduce(Action::OpenLesson(id.to_string()))).clone();
    }
    if let Some(lesson) = presenter::link(&hash) {
        clear_fragment();
        return (*Rc::new(state).reduce(Action::StartPresenting(lesson))).clone();
    }
    state
}

/// What a key press means in the DAG planner: undo, redo, dismiss, and the player's keys.
fn keys(event: &KeyboardEvent, presenting: bool) -> Option<Action> {
    history_key(event, Action::Undo, Action::Redo, Action::Dismiss)
        .or_else(|| presenter::next_key(event).then_some(Action::NextLesson))
        .or_else(|| player_key(event, presenting).map(Action::Player))
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
    // Another tab saving over the same autosave is said, not silent.
    use_other_tab(DAG_STORAGE_KEY, dispatch.reform(Action::Notify));

    // Ctrl+Z, Ctrl+Shift+Z (Ctrl+Y), Escape; Space and the arrows drive the player; not while typing.
    use_keys(dispatch.clone(), state.presenter.on, keys);

    // A share or lesson link pasted into an open tab.
    use_hash_change({
        let dispatch = dispatch.clone();
        Callback::from(move |hash: String| {
            if let Some(id) = hash.strip_prefix("#lesson=") {
                dispatch.emit(Action::OpenLesson(id.to_string()));
                clear_fragment();
                return;
            }
            if let Some(lesson) = presenter::link(&hash) {
                dispatch.emit(Action::StartPresenting(lesson));
                clear_fragment();
                return;
            }
            let restore = dispatch.reform(|saved| Action::Restore(Box::new(saved)));
            follow_link(&hash, from_json, &restore, &dispatch.reform(Action::Notify));
        })
    });

    // While the player plays, the clock ticks ten times a second.
    use_player_clock(state.player.as_ref().is_some_and(|p| p.playing), dispatch.reform(Action::Player));

    // Selecting a server, database or site leads to its inspector.
    use_reveal((state.selection != Selection::Dag).then(|| state.selection.clone()), ".inspector");

    use_ready_mark();

    let notice = notice_bar(state.notice.as_ref(), dispatch.reform(|_| Action::Dismiss));
    // A failure mode's set, clicked: the design with exactly those sites and servers failed (one undoable
    // step).
    // Core writes the events (`Event::label`), from the sites' and servers' ids.
    let fail_set = {
        let (saved, dag) = (state.saved.clone(), state.analysis.dag.clone());
        dispatch.reform(move |names: Vec<String>| {
            use clusterplan_core::dag::Event;
            let events = names
                .iter()
                .filter_map(|name| match dag.site_id(name) {
                    Some(site) => Some(Event::FailSite(site)),
                    None => dag.server_id(name).map(Event::FailServer),
                })
                .map(|event| event.label(&dag))
                .collect();
            Action::Restore(Box::new(Saved { scenario: saved.scenario.clone(), events }))
        })
    };
    let timeline = html! {
        <TimelinePanel saved={Same(state.saved.clone())} player={state.player.clone()} refusals={state.refusals} dispatch={dispatch.clone()} />
    };
    html! {
        <div class={classes!("app", "dag-app", state.presenter.on.then_some("presenting"))}>
            { skip_links(SKIP_LINKS) }
            <Header state={state.clone()} dispatch={dispatch.clone()} />
            { notice }
            <main class="workspace">
                <div class="dag-main">
                    <Topology state={state.clone()} dispatch={dispatch.clone()} />
                    <Databases state={state.clone()} dispatch={dispatch.clone()} />
                </div>
                <aside class="panels" aria-label="Results and editing">
                    // While a script plays, the player comes first: it is what the room is watching; otherwise
                    // the lessons and the script come after quorum, above the inspector and the matrix.
                    if state.player.is_some() {
                        { timeline.clone() }
                    }
                    <Status state={state.clone()} dispatch={dispatch.clone()} />
                    if state.player.is_none() {
                        { timeline }
                    }
                    <Clients state={state.clone()} dispatch={dispatch.clone()} />
                    <Inspector state={state.clone()} dispatch={dispatch.clone()} />
                    <Tolerance matrix={matrix} apply={fail_set} />
                    <Findings findings={state.analysis.findings_and_advice.clone()}
                        onselect={dispatch.reform(|(kind, subject)| Action::SelectSubject(kind, subject))} />
                </aside>
            </main>
        </div>
    }
}
