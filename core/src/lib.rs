//! clusterplan-core: Exchange high-availability designs modelled, validated and failed.
//!
//! A pure engine: no IO, no clock, no DOM. The scenario format ([`model`]) is resolved into a
//! [`Design`]; [`rules`] validates it, [`engine`] fails it, [`matrix`] fails it every way at once,
//! [`ips`] counts and assigns its addresses, and [`report`] turns results into serialisable reports.

pub mod compare;
pub mod dag;
pub mod design;
pub mod edit;
pub mod engine;
pub mod event;
pub mod explain;
pub mod graph;
pub mod ips;
pub mod lessons;
pub mod matrix;
pub mod model;
pub mod presets;
pub mod report;
pub mod rules;
pub mod schema;
pub mod sources;
pub mod timeline;

pub use design::{Design, LoadError, LoadErrors};
pub use engine::{Event, Options, Simulation};
pub use model::Scenario;
