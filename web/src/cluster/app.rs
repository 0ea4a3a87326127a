//! The 2003 planner's page: the shared planner ([`crate::shell::page`]) on the 2003 family, and the layout
//! of header, canvas and panels.

use yew::prelude::*;

use crate::cluster::components::canvas::Canvas;
use crate::cluster::components::compare::CompareView;
use crate::cluster::components::header::Header;
use crate::cluster::components::inspector::Inspector;
use crate::cluster::components::panels::{IpPanel, Results};
use crate::cluster::state::Cluster;
use crate::shell::effects::skip_links;
use crate::shell::findings::Findings;
use crate::shell::matrix::{Tolerance, read_json, use_failure_matrix};
use crate::shell::page::{Page, use_planner};
use crate::shell::same::Same;
use crate::shell::timeline::{Timed, TimelinePanel};

/// The skip links, in the page's order: a keyboard gets to each part in one step.
const SKIP_LINKS: &[(&str, &str)] = &[
    ("diagram", "Diagram"),
    ("results", "What survives"),
    ("timeline", "Lessons and player"),
    ("inspector", "Inspector"),
    ("findings", "Findings"),
];

#[component]
pub fn App() -> Html {
    let Page { state, dispatch, notice, fail_set, select_subject, ondragover, ondrop } = use_planner::<Cluster>();

    // What the design tolerates: every set of failed nodes, worked out in the component's worker whenever
    // the design (not its drawing) changes.
    let matrix = use_failure_matrix(
        state.analysis.facts.design_text.clone(),
        read_json::<clusterplan_core::cluster::matrix::Summary>,
    );

    let subnets: Vec<_> = state.saved.scenario.networks.iter().map(|n| (n.name.clone(), n.subnet)).collect();
    let timeline = html! {
        <TimelinePanel<Cluster> script={state.saved.scenario.script.clone()} durations={Cluster::durations(&state.saved.scenario)}
            player={state.player.clone()} refusals={state.refusals} design={Same(state.analysis.design.clone())}
            goal={state.goal.clone()} dispatch={dispatch.clone()} />
    };
    html! {
        <div class={classes!("app", state.presenter.on.then_some("presenting"))} {ondragover} {ondrop}>
            { skip_links(SKIP_LINKS) }
            <Header state={state.clone()} dispatch={dispatch.clone()} />
            { notice }
            if state.own.comparison.is_some() {
                <CompareView state={state.clone()} dispatch={dispatch.clone()} />
            } else {
            <main class="workspace">
                <Canvas state={state.clone()} dispatch={dispatch.clone()} />
                <aside class="panels" aria-label="Results and editing">
                    // While a script plays, the player comes first: it is what the room is watching.
                    if state.player.is_some() {
                        { timeline.clone() }
                    }
                    <Results state={state.clone()} dispatch={dispatch.clone()} />
                    if state.player.is_none() {
                        { timeline }
                    }
                    <Inspector state={state.clone()} dispatch={dispatch.clone()} />
                    // Below the inspector, as on the DAG page: the matrix grows when the worker answers,
                    // and would push a just-selected thing's inspector out of view.
                    <Tolerance<clusterplan_core::cluster::matrix::Summary> {matrix} apply={fail_set} />
                    <Findings findings={state.analysis.findings_and_advice.clone()}
                        onselect={select_subject} />
                    <IpPanel plan={state.analysis.facts.family.ips.clone()} {subnets} dispatch={dispatch.clone()} />
                </aside>
            </main>
            }
        </div>
    }
}
