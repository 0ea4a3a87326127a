//! Exchange 2003 on a Windows Server 2003 cluster (docs/domain.md, "Exchange 2003 clusters"): the
//! scenario format ([`model`]), resolved designs ([`design`]) and their dependency graph ([`graph`]), events
//! as text ([`event`]), the failure engine ([`engine`]) and its reasons in words ([`explain`]), the rules
//! ([`rules`]), the IP and name plan ([`ips`]), every failure at once ([`matrix`]), the failover timeline
//! ([`timeline`]), reports ([`report`]) with who reaches the mailboxes ([`clients`]), edits ([`edit`]),
//! presets and lessons with their questions ([`questions`]), two designs side by side ([`compare`]), where things are drawn ([`layout`]), and
//! the documents: the drawing ([`drawing`]), the report ([`document`]) and the cluster.exe script
//! ([`deploy`]).

pub mod clients;
pub mod compare;
pub mod deploy;
pub mod design;
pub mod document;
pub mod drawing;
pub mod edit;
pub mod engine;
pub mod event;
pub mod explain;
pub mod graph;
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
pub use engine::{Options, Simulation};
pub use event::{Event, TimedEvent};
pub use model::Scenario;
