//! The Exchange 2003 cluster planner, the page at `/`: [`state`] (the reducer) with [`playback`] (the
//! timeline player's clock), [`layout`] (where everything is drawn: core's, shared with the report's drawing), [`drag`] (what a drag means), the
//! [`components`] one a file, and [`app`], which wires the reducer to its effects.

pub mod analysis;
pub mod app;
pub mod components;
pub mod drag;
pub use clusterplan_core::cluster::layout;
pub mod playback;
pub mod state;

use clusterplan_core::cluster::{Scenario, report::Outcome};

use crate::shell::geometry::ViewBox;

/// A view that shows the whole diagram of `scenario` with `outcome`.
pub fn fitted_view(scenario: &Scenario, outcome: &Outcome) -> ViewBox {
    ViewBox::around(layout::Diagram::new(scenario, outcome, None).bounds, 30.0)
}
