//! The 2003 planner's components, one a file; they render the state and turn user intents into actions.
//! Events are always written by core (`Event::label`), never here.

pub mod canvas;
pub mod compare;
pub mod header;
pub mod inspector;
pub mod panels;
pub mod player;
pub mod tolerance;

use clusterplan_core::cluster::Event;
use yew::prelude::*;

use crate::cluster::state::{Action, AppState};
pub use crate::shell::toggle::toggle_label;

/// What every part of the page gets: the state, and where to send actions.
#[derive(Properties, PartialEq, Clone)]
pub struct PanelProps {
    pub state: UseReducerHandle<AppState>,
    pub dispatch: Callback<Action>,
}

/// The action that applies `event` to the current design.
pub fn apply(state: &AppState, event: Event) -> Action {
    Action::Apply(event.label(&state.analysis.design))
}

/// A click handler that applies `event`.
pub fn apply_on_click(props: &PanelProps, event: Event) -> Callback<MouseEvent> {
    let action = apply(&props.state, event);
    props.dispatch.reform(move |_| action.clone())
}
