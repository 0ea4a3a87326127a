//! What the engine says about the 2003 planner's current design and failures: the outcome, and what follows
//! from the design alone (findings, mode, the IP plan), shared between analyses of one design. What the
//! design tolerates is worked out off the main thread (`shell::matrix`).

use std::rc::Rc;

use clusterplan_core::cluster::ips::{self, IpPlan};
use clusterplan_core::cluster::report::Outcome;
use clusterplan_core::cluster::rules::{self, Mode};
use clusterplan_core::cluster::{Design, Event};
use clusterplan_core::finding::Finding;

use crate::shell::matrix::property;

/// What the tolerance line reads of the summary the component's worker sends (the rest of it is not
/// needed here, and reading only this, by property, keeps the page small).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToleranceSummary {
    /// The largest k such that any k simultaneous node failures leave every group online.
    pub tolerates_any: usize,
    /// Whether every single node failure leaves every group online (`levels[1].tolerated`).
    pub survives_any_single_failure: bool,
}

impl ToleranceSummary {
    /// Reads `{tolerates_any, levels: [{tolerated}, …]}` out of the worker's summary.
    pub fn read(summary: &wasm_bindgen::JsValue) -> Result<ToleranceSummary, String> {
        let tolerates_any = property(summary, "tolerates_any").as_f64();
        let single = property(&property(summary, "levels"), "1");
        match tolerates_any {
            Some(k) if k >= 0.0 => Ok(ToleranceSummary {
                tolerates_any: k as usize,
                survives_any_single_failure: property(&single, "tolerated").as_bool() == Some(true),
            }),
            _ => Err("the analysis worker's answer has no tolerance".to_string()),
        }
    }
}

/// What the engine says about the current design and failures.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// Shared: a failure keeps the design, so the next analysis takes it without a copy.
    pub design: Rc<Design>,
    /// The failures applied, read once.
    pub events: Vec<Event>,
    pub outcome: Outcome,
    /// What follows from the design alone is shared between analyses of the same design, so a failure
    /// neither recomputes it nor re-renders the panels that show it.
    pub findings: Rc<Vec<Finding>>,
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
            return Analysis {
                design,
                events,
                outcome,
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
        Analysis { design, events, outcome, findings, mode, mode_text, ips, design_text }
    }
}

/// The scenario without its drawing, as JSON: what the failure analysis depends on.
pub fn worker_text(scenario: &clusterplan_core::cluster::model::Scenario) -> String {
    let mut scenario = scenario.clone();
    scenario.layout.clear();
    crate::shell::share::to_json(&scenario)
}
