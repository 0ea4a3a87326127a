//! The fail/restore control both diagrams draw on what can fail: an SVG button with the thing's name as
//! its accessible name, Enter and Space as its keys, and presses that do not start a drag.

use web_sys::{KeyboardEvent, PointerEvent};
use yew::prelude::*;

use super::geometry::{Point, tenths};

/// "Fail node1" or "Restore node1": the label of a fail/restore control.
pub fn toggle_label(up: bool, what: &str) -> String {
    format!("{} {what}", if up { "Fail" } else { "Restore" })
}

/// Whether the key activates a focused button-like element.
pub fn activates(event: &KeyboardEvent) -> bool {
    matches!(event.key().as_str(), "Enter" | " ")
}

/// Enter or Space on a focused element acting as a button sends `action` (and goes no further).
pub fn on_activate<A: Clone + 'static>(dispatch: &Callback<A>, action: A) -> Callback<KeyboardEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |event: KeyboardEvent| {
        if activates(&event) {
            event.prevent_default();
            event.stop_propagation();
            dispatch.emit(action.clone());
        }
    })
}

/// A fail/restore control at `at` (its top-left corner), `width` wide, reading `text` (by default "fail"
/// or "restore"), named `label`; a click or Enter sends `action`.
pub fn toggle<A: Clone + 'static>(
    at: Point,
    width: f64,
    text: Option<String>,
    up: bool,
    label: String,
    action: A,
    dispatch: &Callback<A>,
) -> Html {
    let onclick = {
        let action = action.clone();
        dispatch.reform(move |_: MouseEvent| action.clone())
    };
    let onkeydown = {
        let activate = on_activate(dispatch, action);
        // The control sits inside what it fails: the arrows (which move a node) are not passed on to it; other
        // keys, such as Ctrl+Z, go on to the page.
        Callback::from(move |event: KeyboardEvent| {
            if event.key().starts_with("Arrow") {
                event.stop_propagation();
            }
            activate.emit(event);
        })
    };
    let onpointerdown = Callback::from(|event: PointerEvent| event.stop_propagation());
    let text = text.unwrap_or_else(|| if up { "fail" } else { "restore" }.to_string());
    html! {
        <g class={classes!("toggle", (!up).then_some("down"))} role="button" tabindex="0" aria-label={label}
           {onclick} {onkeydown} {onpointerdown}>
            <rect x={tenths(at.x)} y={tenths(at.y)} width={tenths(width)} height="20" rx="10" />
            <text x={tenths(at.x + width / 2.0)} y={tenths(at.y + 14.0)}>{ text }</text>
        </g>
    }
}
