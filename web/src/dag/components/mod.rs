//! The DAG planner's components, one a file, like the 2003 planner's; they render the state and turn user
//! intents into actions. Events are always written by core (`Event::label`), never here.

pub mod clients;
pub mod databases;
pub mod drift;
pub mod generator;
pub mod header;
pub mod inspector;
pub mod status;
pub mod timeline;
pub mod tolerance;
pub mod topology;

use crate::dag::state::Dag;
pub use crate::shell::page::{apply, apply_on_click};

/// What every part of the page gets: the state, and where to send actions.
pub type PanelProps = crate::shell::page::PanelProps<Dag>;
