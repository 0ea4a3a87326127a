//! The Exchange 2003 cluster planner, the page at `/`: [`state`] (the reducer) with [`analysis`] (what the
//! engine says of the design) and [`playback`] (the timeline player's clock), [`layout`] (where everything
//! is drawn: core's, shared with the report's drawing), [`drag`] (what a drag means), the [`components`]
//! one a file, and [`app`], which wires the reducer to its effects.

pub mod analysis;
pub mod app;
pub mod components;
pub mod drag;
pub use clusterplan_core::cluster::layout;
pub mod playback;
pub mod state;
