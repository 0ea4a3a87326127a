//! The DAG planner (Exchange 2010 to SE), the page at `/dag/` with its own bundle, built like the 2003
//! planner: [`state`] (its family for the shared planner and its own actions) with
//! [`playback`] (its side of the shared player), [`files`] (reading a DAG from a file, a link or the
//! autosave), [`layout`] (where the topology is drawn: core's, shared with the report's drawing), [`drag`]
//! (what a drag means), the [`components`] one a file, and [`app`], which wires the reducer to its effects.

pub mod app;
pub mod components;
pub mod drag;
pub mod files;
pub use clusterplan_core::dag::layout;
pub mod playback;
pub mod state;
