//! The DAG planner (Exchange 2010–2019): its own page and bundle, `dag/`, so the 2003 planner stays small.
//! [`state`] is the pure reducer; [`app`] the page with its effects; [`view`] the topology, the databases
//! and the panels.

pub mod app;
pub mod state;
pub mod view;
