//! Database Availability Groups (Exchange 2010–2019), DOMAIN.md §2: the scenario format ([`model`]),
//! resolved designs ([`design`]), Active Manager's decisions ([`engine`]), the rules ([`rules`]), every
//! failure at once ([`matrix`]), reports ([`report`]) and presets ([`presets`]).

pub mod design;
pub mod edit;
pub mod engine;
pub mod matrix;
pub mod model;
pub mod presets;
pub mod report;
pub mod rules;

pub use design::Dag;
pub use engine::{DagEvent, DagSimulation, DagState};
pub use model::DagScenario;

/// Whether JSON text is a DAG design (`"kind": "dag"` at the top); anything else reads as a 2003 cluster,
/// whose reader then reports what is wrong with it.
pub fn is_dag(json: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct Probe {
        #[serde(default)]
        kind: Option<String>,
    }
    serde_json::from_str::<Probe>(json).is_ok_and(|probe| probe.kind.as_deref() == Some("dag"))
}
