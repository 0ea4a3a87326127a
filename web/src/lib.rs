//! clusterplan-web: the browser planner. A Yew app that renders and edits; every domain decision comes
//! from clusterplan-core. The pure parts (state, geometry, layout, drag, share) are tested natively.

pub mod app;
pub mod components;
pub mod dag;
pub mod drag;
pub mod effects;
pub mod geometry;
pub mod layout;
pub mod share;
pub mod state;
