//! The DAG planner's components, one a file, like the 2003 planner's; they render the state and turn user
//! intents into actions. Events are always written by core (`Event::label`), never here.

pub mod clients;
pub mod databases;
pub mod generator;
pub mod header;
pub mod inspector;
pub mod status;
pub mod timeline;
pub mod tolerance;
pub mod topology;

use clusterplan_core::dag::Event;
use yew::prelude::*;

use crate::dag::state::{Action, AppState};

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
