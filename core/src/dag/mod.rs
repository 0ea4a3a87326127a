//! Database Availability Groups, Exchange 2010 to SE (docs/domain.md, "Database Availability Groups"),
//! built module for module like the 2003 family (`cluster`): the scenario format ([`model`]), resolved designs
//! ([`design`]), events as text ([`event`]), Active Manager's decisions ([`engine`]) and their reasons in
//! words ([`explain`]), the rules ([`rules`]), the IP and name plan ([`ips`]), every failure at once
//! ([`matrix`]), reports ([`report`]), the timeline ([`timeline`]) and what the DAG does by itself on its clock ([`clock`]), edits ([`edit`]), presets ([`presets`]) and lessons
//! ([`lessons`]) with their questions ([`questions`]), and the client-access tier: the namespace and its addresses ([`clients`]).

pub mod clients;
pub mod clock;
pub mod deploy;
pub mod design;
pub mod document;
pub mod drawing;
pub mod drift;
pub mod edit;
pub mod engine;
pub mod event;
pub mod explain;
pub mod import;
pub mod ips;
pub mod layout;
pub mod lessons;
pub mod matrix;
pub mod model;
pub mod presets;
pub mod questions;
pub mod report;
pub mod rules;
pub mod runbook;
pub mod timeline;

pub use design::Design;
pub use engine::{Simulation, State};
pub use event::Event;
pub use model::Scenario;
