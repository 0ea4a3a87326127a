//! What the DAG's timeline panel ([`crate::shell::timeline`]) shows of its own: the DAG lessons, its
//! durations, and the databases at the player's time.

use clusterplan_core::dag::lessons::LESSONS;
use clusterplan_core::dag::model::Scenario;
use clusterplan_core::dag::report::{MountState, Outcome};
use clusterplan_core::timeline::Written;
use yew::prelude::*;

use crate::dag::state::{Dag, TimingField};
use crate::shell::timeline::{Duration, Timed};

impl Timed for Dag {
    const LESSONS: &'static [Written<Scenario>] = LESSONS;
    const SCRIPT_HINT: &'static str = "fail-site:dc1@0s, datacenter-switchover:dc2@10min";
    const ROLLING_TITLE: &'static str = "Every member in turn: StartDagServerMaintenance.ps1, its reboot, StopDagServerMaintenance.ps1; then RedistributeActiveDatabases.ps1";

    fn rolling_patch(dag: &clusterplan_core::dag::Design) -> Vec<String> {
        clusterplan_core::dag::runbook::rolling_patch(dag)
    }

    fn durations(scenario: &Scenario) -> Vec<Duration<TimingField>> {
        let duration =
            |field: TimingField| Duration { label: field.label().to_string(), ms: field.of(scenario), field };
        TimingField::ALL.into_iter().map(duration).collect()
    }

    /// How many databases are mounted, failing over or dismounted.
    fn progress(outcome: &Outcome) -> Html {
        let count = |state| outcome.databases.iter().filter(|d| d.state == state).count();
        let (mounted, moving, down) =
            (count(MountState::Mounted), count(MountState::FailingOver), count(MountState::Dismounted));
        html! {
            <p class="progress" role="status" aria-label="Databases at this time">
                <strong>{ format!("{mounted} of {} databases mounted", outcome.databases.len()) }</strong>
                { format!(" · {moving} failing over · {down} dismounted") }
            </p>
        }
    }
}
