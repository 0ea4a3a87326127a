//! What the 2003 timeline panel ([`crate::shell::timeline`]) shows of its own: the guided lessons, the
//! durations (heartbeats, joining, and each resource type the design uses), and the groups at the player's
//! time.

use clusterplan_core::cluster::lessons::LESSONS;
use clusterplan_core::cluster::model::Scenario;
use clusterplan_core::cluster::report::{Outcome, ResourceState};
use clusterplan_core::timeline::Written;
use yew::prelude::*;

use crate::cluster::state::{Cluster, TimingField};
use crate::shell::timeline::{Duration, Timed};

impl Timed for Cluster {
    const LESSONS: &'static [Written<Scenario>] = LESSONS;
    const SCRIPT_HINT: &'static str = "fail:node3@0s, restore:node3@10min";
    const ROLLING_TITLE: &'static str =
        "Every node in turn: cluster node /pause, its groups moved to another node, its reboot, cluster node /resume";

    fn rolling_patch(design: &clusterplan_core::cluster::Design) -> Vec<String> {
        clusterplan_core::cluster::runbook::rolling_patch(design, Default::default())
    }

    /// The detection and join times, then each resource type's online and offline times, for the types
    /// the design uses in the order they first appear.
    fn durations(scenario: &Scenario) -> Vec<Duration<TimingField>> {
        let timing = &scenario.timing;
        let duration = |label: String, ms: u64, field: TimingField| Duration { label, ms, field };
        let mut durations = vec![
            duration(
                "Missed heartbeats before a node is noticed".into(),
                timing.heartbeat_detection_ms,
                TimingField::Detection,
            ),
            duration("A returning node joins after".into(), timing.join_ms, TimingField::Join),
        ];
        let mut kinds = Vec::new();
        for resource in scenario.groups.iter().flat_map(|g| &g.resources) {
            if !kinds.contains(&resource.kind) {
                kinds.push(resource.kind);
            }
        }
        for kind in kinds {
            let of = timing.of(kind);
            durations.push(duration(format!("{} online", kind.title()), of.online_ms, TimingField::Online(kind)));
            durations.push(duration(format!("{} offline", kind.title()), of.offline_ms, TimingField::Offline(kind)));
        }
        durations
    }

    /// Where each group stands: its state, where it runs, and how many of its resources are online.
    fn progress(outcome: &Outcome) -> Html {
        let groups = outcome.groups.iter().map(|group| {
            let online = group.resources.iter().filter(|r| r.state == ResourceState::Online).count();
            let place = group.owner.as_deref().map(|owner| format!(" on {owner}")).unwrap_or_default();
            html! {
                <li class={classes!("progress-group", group.state.word())}>
                    <strong>{ group.name.clone() }</strong>
                    { format!(" {}{place} · {online} of {} resources online", group.state.word(), group.resources.len()) }
                </li>
            }
        });
        html! { <ul class="progress" aria-label="Groups at this time">{ for groups }</ul> }
    }
}
