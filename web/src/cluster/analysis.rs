//! What the engine says about the 2003 planner's current design and failures: the outcome, and what follows
//! from the design alone (findings, mode, tolerance, the IP plan), shared between analyses of one design.

use std::rc::Rc;

use clusterplan_core::cluster::ips::{self, IpPlan};
use clusterplan_core::cluster::matrix::FailureMatrix;
use clusterplan_core::cluster::report::Outcome;
use clusterplan_core::cluster::rules::{self, Mode};
use clusterplan_core::cluster::{Design, Event};
use clusterplan_core::finding::Finding;

/// What the engine says about the current design and failures.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub design: Design,
    /// The failures applied, read once.
    pub events: Vec<Event>,
    pub outcome: Outcome,
    /// What follows from the design alone is shared between analyses of the same design, so a failure
    /// neither recomputes it nor re-renders the panels that show it.
    pub findings: Rc<Vec<Finding>>,
    pub mode: Mode,
    pub mode_text: String,
    /// Any single node failure leaves every group online.
    pub survives_any_single_failure: bool,
    /// The largest k with every k simultaneous failures survived (looked at up to 2).
    pub tolerates: usize,
    pub ips: Rc<IpPlan>,
}

impl Analysis {
    /// The analysis of `design` after `events`, whose outcome the engine has given; what depends on the
    /// design alone is taken from `previous` when the design is the same.
    pub fn new(design: Design, events: Vec<Event>, outcome: Outcome, previous: Option<&Analysis>) -> Analysis {
        if let Some(previous) = previous.filter(|p| p.design.scenario == design.scenario) {
            return Analysis { design, events, outcome, ..previous.clone() };
        }
        let findings = Rc::new(rules::validate(&design));
        let (mode, mode_text) = rules::mode(&design);
        let max = 2.min(design.node_count());
        let (survives, tolerates) = match FailureMatrix::compute(&design, Some(max)) {
            Ok(matrix) => {
                let summary = matrix.summary(&design);
                (summary.levels.get(1).is_some_and(|l| l.tolerated), summary.tolerates_any)
            }
            Err(_) => (false, 0),
        };
        let ips = Rc::new(ips::plan(&design, &ips::scenario_subnets(&design), 0));
        Analysis {
            design,
            events,
            outcome,
            findings,
            mode,
            mode_text,
            survives_any_single_failure: survives,
            tolerates,
            ips,
        }
    }
}
