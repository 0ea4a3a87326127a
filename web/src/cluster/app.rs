//! The 2003 planner's page: the reducer, its effects at the edges (autosave, share and lesson links,
//! keyboard shortcuts, the player's clock), and the layout of header, canvas and panels.

use std::rc::Rc;

use web_sys::KeyboardEvent;
use yew::Reducible;
use yew::prelude::*;

use crate::cluster::components::canvas::Canvas;
use crate::cluster::components::compare::CompareView;
use crate::cluster::components::header::Header;
use crate::cluster::components::inspector::Inspector;
use crate::cluster::components::panels::{IpPanel, Results};
use crate::cluster::components::player::TimelinePanel;
use crate::cluster::components::tolerance::tolerance;
use crate::cluster::state::{Action, AppState, Saved};
use crate::shell::effects::{
    clear_fragment, follow_link, history_key, initial_design, skip_links, use_autosave, use_hash_change, use_keys,
    use_other_tab, use_ready_mark, use_reveal,
};
use crate::shell::findings::Findings;
use crate::shell::matrix::{read_json, use_failure_matrix};
use crate::shell::notice::notice_bar;
use crate::shell::player::{player_key, use_player_clock};
use crate::shell::presenter;
use crate::shell::share::saved_from_json;

/// Where the autosave lives in local storage.
pub const STORAGE_KEY: &str = "clusterplan.design.v1";

/// The skip links, in the page's order: a keyboard gets to each part in one step.
const SKIP_LINKS: &[(&str, &str)] = &[
    ("diagram", "Diagram"),
    ("results", "What survives"),
    ("timeline", "Lessons and player"),
    ("inspector", "Inspector"),
    ("findings", "Findings"),
];

/// The design to start with: a share link's, else the autosave, else the four-node preset; a lesson link
/// (`#lesson=ID`) opens the lesson, ready to play. What could not be read is said in a notice.
fn initial_state() -> AppState {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    let (saved, problem) = initial_design(STORAGE_KEY, saved_from_json);
    let mut state = AppState::new(saved.unwrap_or_else(|| Saved::preset("four-node-3a1p").expect("the preset exists")));
    if problem.is_some() {
        state.notice = problem;
    }
    if let Some(id) = hash.strip_prefix("#lesson=") {
        let opened = Rc::new(state).reduce(Action::OpenLesson(id.to_string()));
        return (*opened).clone();
    }
    if let Some(lesson) = presenter::link(&hash) {
        clear_fragment();
        return (*Rc::new(state).reduce(Action::StartPresenting(lesson))).clone();
    }
    state
}

/// What a key press means in the 2003 planner.
fn keys(event: &KeyboardEvent, presenting: bool) -> Option<Action> {
    if let Some(action) = history_key(event, Action::Undo, Action::Redo, Action::Dismiss) {
        return Some(action);
    }
    if presenter::next_key(event) {
        return Some(Action::NextLesson);
    }
    player_key(event, presenting).map(Action::Player)
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    // One callback for the app's lifetime, so components whose own props did not change skip rendering.
    let dispatch = {
        let dispatcher = state.dispatcher();
        use_callback((), move |action: Action, _| dispatcher.dispatch(action))
    };

    // What the design tolerates: every set of failed nodes, worked out in the component's worker whenever
    // the design (not its drawing) changes.
    let matrix =
        use_failure_matrix(state.analysis.design_text.clone(), read_json::<clusterplan_core::cluster::matrix::Summary>);

    // Autosave every change of the design or its failures; a full or blocked storage is said in a notice.
    use_autosave(STORAGE_KEY, state.saved.clone(), dispatch.reform(Action::Notify));
    // Another tab saving over the same autosave is said, not silent.
    use_other_tab(STORAGE_KEY, dispatch.reform(Action::Notify));

    // Ctrl+Z undoes, Ctrl+Shift+Z (or Ctrl+Y) redoes, Escape closes the notice; Space and the arrows drive
    // the player.
    use_keys(dispatch.clone(), state.presenter.on, keys);

    // A share or lesson link pasted into the address bar of an open tab changes only the fragment: open it.
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
            follow_link(&hash, saved_from_json, &dispatch.reform(Action::Restore), &dispatch.reform(Action::Notify));
        })
    });

    // While the player plays, the clock ticks ten times a second.
    let playing = state.player.as_ref().is_some_and(|p| p.playing)
        || state.comparison.as_ref().is_some_and(|c| c.panes.iter().any(|p| p.player.playing));
    use_player_clock(playing, dispatch.reform(Action::Player));

    // Selecting a thing leads to its inspector.
    use_reveal(state.selection.clone(), ".inspector");

    use_ready_mark();
    let notice = notice_bar(state.notice.as_ref(), dispatch.reform(|_| Action::Dismiss));

    // The resource types the design uses, in the order they first appear: their durations are editable.
    let mut kinds = Vec::new();
    for resource in state.saved.scenario.groups.iter().flat_map(|g| &g.resources) {
        if !kinds.contains(&resource.kind) {
            kinds.push(resource.kind);
        }
    }
    let subnets: Vec<_> = state.saved.scenario.networks.iter().map(|n| (n.name.clone(), n.subnet)).collect();
    // A worst set of the matrix, clicked: the design with exactly those nodes failed (one undoable step).
    // Core writes the events (`Event::label`), from the nodes' ids.
    let fail_set = {
        let (saved, design) = (state.saved.clone(), state.analysis.design.clone());
        dispatch.reform(move |nodes: Vec<String>| {
            let events = nodes
                .iter()
                .filter_map(|node| design.node_id(node))
                .map(|node| clusterplan_core::cluster::Event::FailNode(node).label(&design))
                .collect();
            Action::Restore(Saved { scenario: saved.scenario.clone(), events })
        })
    };
    let timeline = html! {
        <TimelinePanel script={state.saved.scenario.script.clone()} player={state.player.clone()}
            timing={state.saved.scenario.timing.clone()} {kinds} refusals={state.refusals} dispatch={dispatch.clone()} />
    };
    html! {
        <div class={classes!("app", state.presenter.on.then_some("presenting"))}>
            { skip_links(SKIP_LINKS) }
            <Header state={state.clone()} dispatch={dispatch.clone()} />
            { notice }
            if state.comparison.is_some() {
                <CompareView state={state.clone()} dispatch={dispatch.clone()} />
            } else {
            <main class="workspace">
                <Canvas state={state.clone()} dispatch={dispatch.clone()} />
                <aside class="panels" aria-label="Results and editing">
                    // While a script plays, the player comes first: it is what the room is watching.
                    if state.player.is_some() {
                        { timeline.clone() }
                    }
                    <Results state={state.clone()} dispatch={dispatch.clone()} />
                    if state.player.is_none() {
                        { timeline }
                    }
                    <Inspector state={state.clone()} dispatch={dispatch.clone()} />
                    // Below the inspector, as on the DAG page: the matrix grows when the worker answers,
                    // and would push a just-selected thing's inspector out of view.
                    { tolerance(&matrix, state.saved.scenario.groups.len(), &fail_set) }
                    <Findings findings={state.analysis.findings_and_advice.clone()}
                        onselect={dispatch.reform(|(kind, subject)| Action::SelectSubject(kind, subject))} />
                    <IpPanel plan={state.analysis.ips.clone()} {subnets} dispatch={dispatch.clone()} />
                </aside>
            </main>
            }
        </div>
    }
}
