//! What the engine says about the 2003 planner's current design and failures: the outcome, and what follows
//! from the design alone (findings, mode, tolerance, the IP plan), shared between analyses of one design.

use std::rc::Rc;

use clusterplan_core::cluster::ips::{self, IpPlan};
use clusterplan_core::cluster::matrix::Summary;
use clusterplan_core::cluster::report::Outcome;
use clusterplan_core::cluster::rules::{self, Mode};
use clusterplan_core::cluster::{Design, Event};
use clusterplan_core::finding::Finding;

/// How many simultaneous node failures the design survives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tolerance {
    pub survives_any_single_failure: bool,
    pub tolerates: usize,
}

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
    /// Whether any single node failure leaves every group online, and the largest k with every k
    /// simultaneous failures survived (looked at up to 2); or why that was too large to work out.
    pub tolerance: Result<Tolerance, String>,
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
        let tolerance = Summary::compute(&design, Some(max))
            .map(|summary| Tolerance {
                survives_any_single_failure: summary.levels.get(1).is_some_and(|l| l.tolerated),
                tolerates: summary.tolerates_any,
            })
            // In short: the command line's analyze gives the whole message and what fits.
            .map_err(|too_large| {
                format!(
                    "{} node sets of {} groups are more than this page works out",
                    too_large.combinations, too_large.cost.per_set
                )
            });
        let ips = Rc::new(ips::plan(&design, &ips::scenario_subnets(&design), 0));
        Analysis { design, events, outcome, findings, mode, mode_text, tolerance, ips }
    }
}
