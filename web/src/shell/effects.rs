//! What both planners do at their edges: the design to start with (the autosave), share links (the one the
//! page was opened with, and links pasted into an open tab, read asynchronously), autosave to local storage (and another tab saving over it, said),
//! keyboard shortcuts outside text fields, the inspector brought into view on a selection, and the mark of
//! the first render for the measurements.

use std::rc::Rc;

use gloo::storage::{LocalStorage, Storage};
use gloo::timers::callback::Timeout;
use serde::Serialize;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use super::link;
use super::notice::Notice;
use super::same::Same;

/// The design to start with: the autosave under `storage_key`, if any; what could not be read is said in
/// the notice. A design or lesson link in the address is left there for [`use_hash_change`] to open (links
/// are read asynchronously); any other fragment is removed, so a reload shows the latest edits (read the address
/// before calling this to see other fragments, such as a lesson's).
pub fn initial_design<T>(storage_key: &str, read: impl Fn(&str) -> Result<T, String>) -> (Option<T>, Option<Notice>) {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    if !hash.is_empty() && !link::is_design_link(&hash) && link::lesson_link(&hash).is_none() {
        clear_fragment();
    }
    match LocalStorage::raw().get_item(storage_key) {
        Ok(Some(text)) => match read(&text) {
            Ok(design) => (Some(design), None),
            Err(problem) => (
                None,
                Some(Notice::error(format!(
                    "The autosaved design could not be opened ({problem}); it was left in storage."
                ))),
            ),
        },
        _ => (None, None),
    }
}

/// Opens a design link (`#z=…`, or an older `#design=…`): `restore` gets its design once it is read,
/// `notify` the notice of a damaged link; the fragment is removed at once. A fragment that carries no
/// design is left alone.
pub fn follow_link<T: 'static>(
    hash: &str,
    read: fn(&str) -> Result<T, String>,
    restore: &Callback<T>,
    notify: &Callback<Notice>,
) {
    if !link::is_design_link(hash) {
        return;
    }
    clear_fragment();
    let (hash, restore, notify) = (hash.to_string(), restore.clone(), notify.clone());
    wasm_bindgen_futures::spawn_local(async move {
        match link::read(&hash).await.and_then(|text| text.map(|text| read(&text)).transpose()) {
            Ok(Some(design)) => restore.emit(design),
            Ok(None) => {}
            Err(problem) => notify.emit(Notice::error(format!("The shared link could not be opened: {problem}."))),
        }
    });
}

/// Hands every new fragment of the address (a link pasted into an open tab) to `changed`, and at start-up
/// the design or lesson link the page was opened with, if any.
#[hook]
pub fn use_hash_change(changed: Callback<String>) {
    use_effect_with((), move |_| {
        let window = gloo::utils::window();
        let hash = window.location().hash().unwrap_or_default();
        if link::is_design_link(&hash) || link::lesson_link(&hash).is_some() {
            changed.emit(hash);
        }
        let listener = gloo::events::EventListener::new(&window, "hashchange", move |_| {
            changed.emit(gloo::utils::window().location().hash().unwrap_or_default());
        });
        move || drop(listener)
    });
}

/// Reads a lesson link (`#lesson=z=…`) and hands the lesson file's text to `open`; a damaged link is said in
/// a notice. The fragment is dropped either way.
pub fn follow_lesson_link(hash: &str, open: &Callback<String>, notify: &Callback<Notice>) -> bool {
    let Some(payload) = link::lesson_link(hash) else { return false };
    clear_fragment();
    let (payload, open, notify) = (payload.to_string(), open.clone(), notify.clone());
    wasm_bindgen_futures::spawn_local(async move {
        match link::read(&payload).await {
            Ok(Some(text)) => open.emit(text),
            Ok(None) => {}
            Err(problem) => notify.emit(Notice::error(format!("The lesson link could not be opened: {problem}."))),
        }
    });
    true
}

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
/// press means, if any, knowing whether presenter mode is on (there the player's keys act wherever the
/// focus is); the press is then kept from the browser — its release too, so that Space taken from a focused
/// button does not click it when the key comes up.
#[hook]
pub fn use_keys<A: 'static>(dispatch: Callback<A>, presenting: bool, keys: fn(&KeyboardEvent, bool) -> Option<A>) {
    let mode = use_mut_ref(|| presenting);
    *mode.borrow_mut() = presenting;
    use_effect_with((), move |_| {
        // Not passive: a press the planner takes is kept from the browser (Space would scroll the page).
        let options = gloo::events::EventListenerOptions::enable_prevent_default();
        let window = gloo::utils::window();
        let taken = Rc::new(std::cell::Cell::new(false));
        let down = {
            let taken = taken.clone();
            gloo::events::EventListener::new_with_options(&window, "keydown", options, move |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else { return };
                if typing(event) {
                    return;
                }
                if let Some(action) = keys(event, *mode.borrow()) {
                    event.prevent_default();
                    taken.set(event.key() == " ");
                    dispatch.emit(action);
                }
            })
        };
        let up = gloo::events::EventListener::new_with_options(&window, "keyup", options, move |event| {
            if let Some(event) = event.dyn_ref::<KeyboardEvent>()
                && event.key() == " "
                && taken.replace(false)
            {
                event.prevent_default();
            }
        });
        move || drop((down, up))
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
/// before then replaces the pending save, which would have been overwritten anyway), or at once when the
/// page is hidden before then (a reload or a closed tab right after an edit loses nothing). A full or
/// blocked storage is handed to `refused` as a notice.
#[hook]
pub fn use_autosave<T: Serialize + PartialEq + 'static>(key: &'static str, value: Rc<T>, refused: Callback<Notice>) {
    // The latest value not saved yet, if any.
    let unsaved = use_mut_ref(|| None::<Rc<T>>);
    let pending = use_mut_ref(|| None::<Timeout>);
    {
        let (unsaved, refused) = (unsaved.clone(), refused.clone());
        use_effect_with((), move |_| {
            let listener = gloo::events::EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                save(key, &unsaved, &refused);
            });
            move || drop(listener)
        });
    }
    // Compared by identity: a new value is a new `Rc` (comparing a big design's contents costs a frame).
    use_effect_with(Same(value), move |Same(value)| {
        *unsaved.borrow_mut() = Some(value.clone());
        *pending.borrow_mut() = Some(Timeout::new(0, move || save(key, &unsaved, &refused)));
    });
}

/// Lets go of the value `value` replaced just after the frame that shows the new one, not while drawing it:
/// freeing a DAG's outcome at real scale (hundreds of databases' reports) was a third of a millisecond of a
/// click. A second change before then lets go of the first at once.
#[hook]
pub fn use_let_go_after_paint<T: 'static>(value: Rc<T>) {
    // The value shown: it outlives the render that replaces it, whatever else held it.
    let shown = use_mut_ref(|| None::<Rc<T>>);
    let pending = use_mut_ref(|| None::<Timeout>);
    use_effect_with(Same(value), move |Same(value)| {
        if let Some(previous) = shown.borrow_mut().replace(value.clone()) {
            *pending.borrow_mut() = Some(Timeout::new(0, move || drop(previous)));
        }
    });
}

/// Saves the value not saved yet, if any.
fn save<T: Serialize>(key: &str, unsaved: &std::cell::RefCell<Option<Rc<T>>>, refused: &Callback<Notice>) {
    let Some(value) = unsaved.borrow_mut().take() else { return };
    let text = serde_json::to_string_pretty(&*value).expect("a saved design serialises");
    if LocalStorage::raw().set_item(key, &text).is_err() {
        refused.emit(Notice::error(
            "This browser refused to save the design (storage full or blocked): export it to keep it.",
        ));
    }
}

/// Brings the element `selector` finds into view (the least scrolling that shows it) and gives it the
/// keyboard focus whenever `selected` becomes something other than the design as a whole (its default), after the render that shows it: selecting a thing
/// on the diagram, in a table or in the findings leads to its inspector, wherever the panels are scrolled,
/// and Tab goes on from there (it stayed in the table, a hundred stops from the inspector's buttons).
#[hook]
pub fn use_reveal<T: PartialEq + Default + 'static>(selected: T, selector: &'static str) {
    use_effect_with(selected, move |selected| {
        if *selected != T::default()
            && let Ok(Some(element)) = gloo::utils::document().query_selector(selector)
        {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            element.scroll_into_view_with_scroll_into_view_options(&options);
            if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
                let focus = web_sys::FocusOptions::new();
                focus.set_prevent_scroll(true);
                let _ = element.focus_with_options(&focus);
            }
        }
    });
}

/// Links to the page's parts, first in the tab order and shown when focused: a keyboard gets past the
/// diagram's many controls in one step. Each target has the id and `tabindex="-1"`, so it takes the focus.
pub fn skip_links(links: &[(&'static str, &'static str)]) -> Html {
    html! {
        <nav class="skip-links" aria-label="Skip to">
            { for links.iter().map(|(id, label)| html! { <a href={format!("#{id}")}>{ *label }</a> }) }
        </nav>
    }
}

/// Says when another tab of the same planner saves its design under `key`: the autosave keeps the design
/// of whichever tab changed last, so this tab is told rather than overwriting it unawares.
#[hook]
pub fn use_other_tab(key: &'static str, notify: Callback<Notice>) {
    use_effect_with((), move |_| {
        let listener = gloo::events::EventListener::new(&gloo::utils::window(), "storage", move |event| {
            let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else { return };
            if event.key().as_deref() == Some(key) {
                notify.emit(Notice::info(ANOTHER_TAB));
            }
        });
        move || drop(listener)
    });
}

/// What a tab is told when another one saved its design over this one's autosave.
pub const ANOTHER_TAB: &str = "Another tab of this planner has just saved its design: the autosave now holds that tab's \
     design, and this tab's next change will save over it. Export this design to keep both, or reload to open the other.";

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
