//! The app's components, one per file; they render the state and turn user intents into actions.

pub mod canvas;
pub mod compare;
pub mod header;
pub mod inspector;
pub mod panels;
pub mod player;

use yew::prelude::*;

use crate::state::{Action, AppState};

/// What every part of the page gets: the state, and where to send actions.
#[derive(Properties, PartialEq, Clone)]
pub struct PanelProps {
    pub state: UseReducerHandle<AppState>,
    pub dispatch: Callback<Action>,
}

/// "Fail node1" or "Restore node1": the label of a fail/restore control.
pub fn toggle_label(up: bool, what: &str) -> String {
    format!("{} {what}", if up { "Fail" } else { "Restore" })
}

/// A click handler that applies an event such as `fail:node1`.
pub fn apply_on_click(dispatch: &Callback<Action>, event: String) -> Callback<MouseEvent> {
    dispatch.reform(move |_| Action::Apply(event.clone()))
}
