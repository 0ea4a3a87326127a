//! What the engine says about the 2003 planner's current design and failures: the outcome, and what follows
//! from the design alone (findings, mode, the IP plan), shared between analyses of one design. What the
//! design tolerates is worked out off the main thread (`shell::matrix`).

use std::rc::Rc;

use clusterplan_core::cluster::ips::{self, IpPlan};
use clusterplan_core::cluster::report::Outcome;
use clusterplan_core::cluster::rules::{self, Mode};
use clusterplan_core::cluster::{Design, Event};
use clusterplan_core::finding::Finding;

use crate::cluster::playback::Player;
use crate::shell::moment::Moment;

/// What the engine says about the current design and failures.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// Shared: a failure keeps the design, so the next analysis takes it without a copy.
    pub design: Rc<Design>,
    /// The failures applied, read once.
    pub events: Vec<Event>,
    /// The outcome of the failures applied: private, shown only as the planner's one [`Moment`].
    outcome: Rc<Outcome>,
    /// What follows from the design alone is shared between analyses of the same design, so a failure
    /// neither recomputes it nor re-renders the panels that show it.
    pub findings: Rc<Vec<Finding>>,
    /// The design's findings, then the engine's advice for the cluster as the failures applied leave it (a
    /// group away from its preferred owner, which is back).
    pub findings_and_advice: Rc<Vec<Finding>>,
    pub mode: Mode,
    pub mode_text: String,
    pub ips: Rc<IpPlan>,
    /// The design as the component's worker reads it (without the drawing), for the failure analysis.
    pub design_text: Rc<String>,
}

impl Analysis {
    /// The analysis of `design` after `events`, whose outcome the engine has given; what depends on the
    /// design alone is taken from `previous` when the design is the same.
    pub fn new(design: Rc<Design>, events: Vec<Event>, outcome: Outcome, previous: Option<&Analysis>) -> Analysis {
        let same_design = |p: &&Analysis| Rc::ptr_eq(&p.design, &design) || p.design.scenario == design.scenario;
        if let Some(previous) = previous.filter(same_design) {
            let advice = rules::advice(&design, &events);
            return Analysis {
                findings_and_advice: crate::shell::findings::with_advice(&previous.findings, advice),
                design,
                events,
                outcome: Rc::new(outcome),
                findings: previous.findings.clone(),
                mode: previous.mode,
                mode_text: previous.mode_text.clone(),
                ips: previous.ips.clone(),
                design_text: previous.design_text.clone(),
            };
        }
        let findings = Rc::new(rules::validate(&design));
        let (mode, mode_text) = rules::mode(&design);
        let ips = Rc::new(ips::plan(&design, &ips::scenario_subnets(&design), 0));
        let design_text = Rc::new(worker_text(&design.scenario));
        let findings_and_advice = crate::shell::findings::with_advice(&findings, rules::advice(&design, &events));
        Analysis {
            design,
            events,
            outcome: Rc::new(outcome),
            findings,
            findings_and_advice,
            mode,
            mode_text,
            ips,
            design_text,
        }
    }

    /// What every panel shows: the player's moment while a script plays, else the failures applied now.
    pub fn moment(&self, player: Option<&Player>) -> Moment<Outcome> {
        player.map_or_else(|| Moment::now(self.outcome.clone()), Player::moment)
    }
}

/// The scenario without its drawing, as JSON: what the failure analysis depends on.
pub fn worker_text(scenario: &clusterplan_core::cluster::model::Scenario) -> String {
    let mut scenario = scenario.clone();
    scenario.layout.clear();
    crate::shell::share::to_json(&scenario)
}
