//! The Exchange 2003 cluster planner, the page at `/`: [`state`] (its family for the shared planner and its
//! own actions) with [`playback`] (its side of the timeline player, and comparisons), [`layout`] (where everything
//! is drawn: core's, shared with the report's drawing), [`drag`] (what a drag means), the [`components`]
//! one a file, and [`app`], which wires the reducer to its effects.

pub mod app;
pub mod components;
pub mod drag;
pub use clusterplan_core::cluster::layout;
pub mod playback;
pub mod state;
