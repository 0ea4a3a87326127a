//! The app: the state reducer, its effects at the edges (autosave, the share link, keyboard shortcuts),
//! and the page layout of header, canvas and panels.

use gloo::events::EventListener;
use gloo::storage::{LocalStorage, Storage};
use gloo::timers::callback::Interval;
use std::rc::Rc;
use wasm_bindgen::JsCast;

use web_sys::KeyboardEvent;
use yew::prelude::*;

use crate::components::canvas::Canvas;
use crate::components::compare::CompareView;
use crate::components::header::Header;
use crate::components::inspector::Inspector;
use crate::components::panels::{Findings, IpPanel, Results};
use crate::components::player::TimelinePanel;
use crate::effects::{clear_fragment, history_key, notice_bar, use_autosave, use_keys, use_ready_mark};
use crate::share;
use crate::state::{Action, AppState, Notice, NoticeKind, Saved};
use yew::Reducible;

/// Where the autosave lives in local storage.
pub const STORAGE_KEY: &str = "clusterplan.design.v1";

/// The design to start with: a share link's, else the autosave, else the four-node preset. What could not
/// be read is said in a notice.
fn initial_state() -> AppState {
    let window = gloo::utils::window();
    let hash = window.location().hash().unwrap_or_default();
    let mut problems = Vec::new();
    let from_link = match share::from_fragment(&hash) {
        Ok(saved) => saved,
        Err(problem) => {
            problems.push(format!("The shared link could not be opened: {problem}."));
            None
        }
    };
    if !hash.is_empty() {
        clear_fragment();
    }
    let saved = from_link.or_else(|| match LocalStorage::raw().get_item(STORAGE_KEY) {
        Ok(Some(text)) => match share::from_json(&text) {
            Ok(saved) => Some(saved),
            Err(problem) => {
                problems.push(format!("The autosaved design could not be opened ({problem}); it was left in storage."));
                None
            }
        },
        _ => None,
    });
    let mut state = AppState::new(saved.unwrap_or_else(|| Saved::preset("four-node-3a1p").expect("the preset exists")));
    if !problems.is_empty() {
        state.notice = Some(Notice { kind: NoticeKind::Error, text: problems.join(" ") });
    }
    // A lesson link (#lesson=ID) opens the lesson, ready to play.
    if let Some(id) = hash.strip_prefix("#lesson=") {
        let opened = Rc::new(state).reduce(Action::OpenLesson(id.to_string()));
        return (*opened).clone();
    }
    state
}

/// What a key press means in the 2003 planner.
fn keys(event: &KeyboardEvent) -> Option<Action> {
    if let Some(action) = history_key(event, Action::Undo, Action::Redo, Action::Dismiss) {
        return Some(action);
    }
    // Space and the arrows drive the player, unless the focus is on something that uses them.
    let on_control = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| e.closest("svg, button, [role=button]").ok().flatten().is_some());
    match event.key().as_str() {
        " " if !on_control => Some(Action::TogglePlay),
        "ArrowLeft" if !on_control => Some(Action::StepBack),
        "ArrowRight" if !on_control => Some(Action::StepForward),
        _ => None,
    }
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    // One callback for the app's lifetime, so components whose own props did not change skip rendering.
    let dispatch = {
        let dispatcher = state.dispatcher();
        use_callback((), move |action: Action, _| dispatcher.dispatch(action))
    };

    // Autosave every change of the design or its failures; a full or blocked storage is said in a notice.
    use_autosave(STORAGE_KEY, state.saved.clone(), dispatch.reform(Action::Notify));

    // Ctrl+Z undoes, Ctrl+Shift+Z (or Ctrl+Y) redoes, Escape closes the notice; Space and the arrows drive
    // the player.
    use_keys(dispatch.clone(), keys);

    // A share link pasted into the address bar of an open tab changes only the fragment: open it too.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                let hash = gloo::utils::window().location().hash().unwrap_or_default();
                if let Some(id) = hash.strip_prefix("#lesson=") {
                    dispatch.emit(Action::OpenLesson(id.to_string()));
                    clear_fragment();
                    return;
                }
                match share::from_fragment(&hash) {
                    Ok(Some(saved)) => dispatch.emit(Action::Restore(saved)),
                    Ok(None) => return,
                    Err(problem) => dispatch.emit(Action::Notify(Notice {
                        kind: NoticeKind::Error,
                        text: format!("The shared link could not be opened: {problem}."),
                    })),
                }
                clear_fragment();
            });
            move || drop(listener)
        });
    }

    // While the player plays, the clock ticks ten times a second.
    {
        let dispatch = dispatch.clone();
        let playing = state.player.as_ref().is_some_and(|p| p.playing)
            || state.comparison.as_ref().is_some_and(|c| c.panes.iter().any(|p| p.player.playing));
        use_effect_with(playing, move |&playing| {
            let interval = playing.then(|| Interval::new(100, move || dispatch.emit(Action::Tick(100))));
            move || drop(interval)
        });
    }

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
    html! {
        <div class="app">
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
                        <TimelinePanel script={state.saved.scenario.script.clone()} player={state.player.clone()}
                            timing={state.saved.scenario.timing.clone()} kinds={kinds.clone()}
                            refusals={state.refusals} dispatch={dispatch.clone()} />
                    }
                    <Results state={state.clone()} dispatch={dispatch.clone()} />
                    if state.player.is_none() {
                        <TimelinePanel script={state.saved.scenario.script.clone()} player={state.player.clone()}
                            timing={state.saved.scenario.timing.clone()} kinds={kinds.clone()}
                            refusals={state.refusals} dispatch={dispatch.clone()} />
                    }
                    <Inspector state={state.clone()} dispatch={dispatch.clone()} />
                    <Findings findings={state.analysis.findings.clone()} dispatch={dispatch.clone()} />
                    <IpPanel plan={state.analysis.ips.clone()} {subnets} dispatch={dispatch.clone()} />
                </aside>
            </main>
            }
        </div>
    }
}
