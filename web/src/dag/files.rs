//! Reading a DAG from a file, a link or the autosave, and why one cannot be read: a bare DAG scenario or a
//! saved design (the scenario and its events).

use clusterplan_core::dag::Design;
use clusterplan_core::dag::model::Scenario;
use clusterplan_core::scenario::Family;

use crate::shell::notice::Problem;
use crate::shell::share;

type Saved = share::Saved<Scenario>;

/// A design file's DAG, or why not in words (and where in the file).
pub fn read_file(text: &str) -> Result<Saved, Problem> {
    if Family::of(text) == Family::Dag {
        return Design::from_json(text)
            .map(|dag| Saved::healthy(dag.scenario))
            .map_err(|errors| Problem::from(&errors));
    }
    from_json(text).map_err(Problem::from)
}

/// Reads a saved DAG (autosave, export, link) or a bare DAG scenario file, with the field path of what is
/// wrong.
pub fn from_json(text: &str) -> Result<Saved, String> {
    if Family::of(text) == Family::Dag {
        return Design::from_json(text).map(|dag| Saved::healthy(dag.scenario)).map_err(|errors| errors.to_string());
    }
    if let Some(problem) = clusterplan_core::scenario::not_a_design(text) {
        return Err(problem);
    }
    if !text.contains("\"scenario\"") {
        return Err(
            "it is not a DAG design (a DAG file says \"kind\": \"dag\"; 2003 clusters open in the cluster planner)"
                .into(),
        );
    }
    share::saved_from_json(text)
}
