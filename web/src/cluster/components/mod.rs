//! The 2003 planner's components, one a file; they render the state and turn user intents into actions.
//! Events are always written by core (`Event::label`), never here.

pub mod canvas;
pub mod compare;
pub mod header;
pub mod inspector;
pub mod panels;
pub mod player;
pub mod tolerance;

use crate::cluster::state::Cluster;
pub use crate::shell::page::{apply, apply_on_click};
pub use crate::shell::toggle::toggle_label;

/// What every part of the page gets: the state, and where to send actions.
pub type PanelProps = crate::shell::page::PanelProps<Cluster>;
