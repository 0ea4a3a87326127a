//! What the engine says about the DAG planner's current design and events: the outcome, and what follows
//! from the design alone (findings, the address count), shared between analyses of one design. The failure
//! modes are worked out off the main thread (`shell::matrix`).

use std::rc::Rc;

use clusterplan_core::dag::event::Event;
use clusterplan_core::dag::model::Scenario;
use clusterplan_core::dag::report::{self, Outcome};
use clusterplan_core::dag::{self, Design};
use clusterplan_core::finding::Finding;

use crate::dag::playback::Player;
use crate::shell::moment::Moment;
use crate::shell::notice::Problem;

/// What follows from the design alone: shared between analyses of the same design, so an event recomputes
/// none of it.
#[derive(Debug, Clone, PartialEq)]
pub struct DesignFacts {
    pub findings: Rc<Vec<Finding>>,
    pub ip_total: u32,
    /// The design as the component's worker reads it (without the drawing), for the failure modes.
    pub design_text: Rc<String>,
}

/// What the engine says about the design and its events.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// Shared: an event keeps the design, so the next analysis takes it without a copy.
    pub dag: Rc<Design>,
    /// The events applied, read once.
    pub events: Vec<Event>,
    /// The outcome of the events applied: private, shown only as the planner's one [`Moment`].
    outcome: Rc<Outcome>,
    pub facts: Rc<DesignFacts>,
    /// The design's findings, then the engine's advice for the DAG as the events applied leave it (a member
    /// still stopped, the alternate witness still in use, databases away from their first preference).
    pub findings_and_advice: Rc<Vec<Finding>>,
}

impl Analysis {
    /// Resolves a design and runs its events; the problem says what is wrong when it cannot. What depends on the
    /// design alone is taken from `previous` when the design is the same.
    pub fn new(scenario: &Scenario, events: &[String], previous: Option<&Analysis>) -> Result<Analysis, Problem> {
        let dag = Design::new(scenario.clone()).map_err(|errors| Problem::from(&errors))?;
        let events = events
            .iter()
            .map(|text| Event::parse(text, &dag).map_err(|e| Problem::from(e.to_string())))
            .collect::<Result<Vec<_>, _>>()?;
        let outcome = report::simulate(&dag, &events);
        Ok(Analysis::with_outcome(Rc::new(dag), events, outcome, previous))
    }

    /// The analysis of `dag` after `events`, whose outcome the engine has given; what depends on the design
    /// alone is taken from `previous` when the design is the same.
    pub fn with_outcome(
        dag: Rc<Design>,
        events: Vec<Event>,
        outcome: Outcome,
        previous: Option<&Analysis>,
    ) -> Analysis {
        let same_design = |p: &Analysis| Rc::ptr_eq(&p.dag, &dag) || p.dag.scenario == dag.scenario;
        let facts = match previous {
            Some(previous) if same_design(previous) => previous.facts.clone(),
            _ => Rc::new(DesignFacts {
                findings: Rc::new(dag::rules::validate(&dag)),
                ip_total: dag::ips::plan(&dag, 0).total,
                design_text: Rc::new(worker_text(&dag.scenario)),
            }),
        };
        let advice = dag::rules::advice(&dag, &events);
        let findings_and_advice = crate::shell::findings::with_advice(&facts.findings, advice);
        Analysis { dag, events, outcome: Rc::new(outcome), facts, findings_and_advice }
    }

    /// What every panel shows: the player's moment while a script plays, else the events applied now.
    pub fn moment(&self, player: Option<&Player>) -> Moment<Outcome> {
        player.map_or_else(|| Moment::now(self.outcome.clone()), Player::moment)
    }
}

/// The scenario without its drawing, as JSON: what the failure modes depend on.
pub fn worker_text(scenario: &Scenario) -> String {
    let mut scenario = scenario.clone();
    scenario.layout.clear();
    crate::shell::share::to_json(&scenario)
}
