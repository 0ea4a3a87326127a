//! What every planner page does at its edges, once, whichever the family: the state it starts on (a lesson
//! or presenter link, a share link, the autosave, else the family's preset), the autosave and another tab
//! writing over it, the keyboard, links pasted into an open tab, the player's clock, the inspector brought
//! into view, the page marked ready, the notice bar and the matrix's worst sets turned into events.

use std::rc::Rc;

use clusterplan_core::finding::SubjectKind;
use web_sys::KeyboardEvent;
use yew::Reducible;
use yew::prelude::*;

use super::brought::{bring, take_handed};
use super::effects::{
    clear_fragment, follow_lesson_link, follow_link, history_key, initial_design, use_autosave, use_hash_change,
    use_keys, use_let_go_after_paint, use_other_tab, use_ready_mark, use_reveal,
};
use super::files::file_drop;
use super::link;
use super::notice::notice_bar;
use super::planner::{Action, Family, Planner};
use super::player::{player_key, use_player_clock};
use super::presenter;
use super::share::Saved;

/// A planner page's state and what its parts share.
pub struct Page<F: Family> {
    pub state: UseReducerHandle<Planner<F>>,
    /// One callback for the page's lifetime, so components whose own props did not change skip rendering.
    pub dispatch: Callback<Action<F>>,
    /// The notice bar, when there is a notice.
    pub notice: Html,
    /// A worst set of the failure matrix, clicked (the names it fails): the design with exactly those
    /// failed, one undoable step. One callback for the page's lifetime, as `dispatch`.
    pub fail_set: Callback<Vec<String>>,
    /// A finding clicked: what it is about, selected. One callback for the page's lifetime.
    pub select_subject: Callback<(SubjectKind, String)>,
    /// Files dragged over and dropped on the page: opened as Import… opens them.
    pub ondragover: Callback<DragEvent>,
    pub ondrop: Callback<DragEvent>,
}

/// The planner's state to start with: a share link's design, else the autosave, else the family's preset; a
/// lesson link (`#lesson=ID`) opens the lesson, ready to play, and a `#present` link presenter mode. What
/// could not be read is said in the notice.
fn initial_state<F: Family>() -> Planner<F> {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    let (saved, problem) = initial_design(F::STORAGE_KEY, F::read_saved);
    let saved = saved.unwrap_or_else(|| Saved::healthy(F::preset(F::FALLBACK).expect("the preset exists")));
    let mut state = Planner::<F>::new(saved);
    if problem.is_some() {
        state.notice = problem;
    }
    // A lesson link (`#lesson=z=…`) is read once the page runs (the browser decompresses it).
    if let Some(id) = hash.strip_prefix("#lesson=").filter(|_| link::lesson_link(&hash).is_none()) {
        return (*Rc::new(state).reduce(Action::OpenLesson(id.to_string()))).clone();
    }
    if let Some(lesson) = presenter::link(&hash) {
        clear_fragment();
        return (*Rc::new(state).reduce(Action::StartPresenting(lesson))).clone();
    }
    state
}

/// What a key press means in a planner: undo, redo, dismiss, the next lesson, and the player's keys.
fn keys<F: Family>(event: &KeyboardEvent, presenting: bool) -> Option<Action<F>> {
    history_key(event, Action::Undo, Action::Redo, Action::Dismiss)
        .or_else(|| presenter::next_key(event).then_some(Action::NextLesson))
        .or_else(|| player_key(event, presenting).map(Action::Player))
}

/// The planner of family `F`, with its effects at the edges.
#[hook]
pub fn use_planner<F: Family>() -> Page<F> {
    let state = use_reducer(initial_state::<F>);
    let dispatch = {
        let dispatcher = state.dispatcher();
        use_callback((), move |action: Action<F>, _| dispatcher.dispatch(action))
    };

    // Autosave every change of the design or its events; a full or blocked storage is said in a notice.
    use_autosave(F::STORAGE_KEY, state.saved.clone(), dispatch.reform(Action::Notify));
    // What the engine said before a change is freed once the change is on screen.
    use_let_go_after_paint(state.analysis.clone());
    // Another tab saving over the same autosave is said, not silent.
    use_other_tab(F::STORAGE_KEY, dispatch.reform(Action::Notify));

    // Ctrl+Z undoes, Ctrl+Shift+Z (or Ctrl+Y) redoes, Escape closes the notice; Space and the arrows drive
    // the player; not while typing.
    use_keys(dispatch.clone(), state.presenter.on, keys::<F>);

    // A share or lesson link pasted into the address bar of an open tab changes only the fragment: open it.
    use_hash_change({
        let dispatch = dispatch.clone();
        Callback::from(move |hash: String| {
            if follow_lesson_link(&hash, &dispatch.reform(Action::OpenLessonText), &dispatch.reform(Action::Notify)) {
                return;
            }
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
            follow_link(&hash, F::read_saved, &restore, &dispatch.reform(Action::Notify));
        })
    });

    // While the player plays, the clock ticks ten times a second.
    let playing = state.player.as_ref().is_some_and(|p| p.playing) || F::playing_beside(&state.own);
    use_player_clock(playing, dispatch.reform(Action::Player));

    // Selecting a thing leads to its inspector.
    use_reveal(state.selection.clone(), ".inspector");

    use_ready_mark();
    let notice = notice_bar(state.notice.as_ref(), dispatch.reform(|_| Action::Dismiss));
    // Made once: a panel that gets them re-renders only when its own things change, not at every click.
    let fail_set = use_memo((), |()| dispatch.reform(Action::FailOnly));
    let select_subject = use_memo((), |()| dispatch.reform(|(kind, subject)| Action::SelectSubject(kind, subject)));
    // Files dropped on the page open as the Import… button opens them.
    let readers = use_mut_ref(Vec::new);
    let (ondragover, ondrop) = file_drop(readers, bring::<F>(dispatch.clone()), dispatch.reform(Action::Notify));
    // Files the other planner was handed and passed on open as though brought here.
    {
        let bring = bring::<F>(dispatch.clone());
        use_effect_with((), move |()| {
            if let Some(files) = take_handed::<F>() {
                bring.emit(files);
            }
        });
    }
    Page {
        state,
        dispatch,
        notice,
        fail_set: (*fail_set).clone(),
        select_subject: (*select_subject).clone(),
        ondragover,
        ondrop,
    }
}

/// What every part of a planner page gets: the state, and where to send actions.
#[derive(Properties, PartialEq, Clone)]
pub struct PanelProps<F: Family> {
    pub state: UseReducerHandle<Planner<F>>,
    pub dispatch: Callback<Action<F>>,
}

/// The action that applies `event` to the current design (core writes the event's text).
pub fn apply<F: Family>(state: &Planner<F>, event: F::Event) -> Action<F> {
    Action::Apply(F::label(event, &state.analysis.design))
}

/// A click handler that applies `event`.
pub fn apply_on_click<F: Family>(props: &PanelProps<F>, event: F::Event) -> Callback<MouseEvent> {
    let action = apply(&props.state, event);
    props.dispatch.reform(move |_| action.clone())
}
