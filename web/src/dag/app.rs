//! The DAG planner's page: the shared planner ([`crate::shell::page`]) on the DAG family, and the layout of
//! header, topology, databases and panels.

use yew::prelude::*;

use crate::dag::components::clients::Clients;
use crate::dag::components::databases::Databases;
use crate::dag::components::drift::Drift;
use crate::dag::components::header::Header;
use crate::dag::components::inspector::Inspector;
use crate::dag::components::status::Status;
use crate::dag::components::topology::Topology;
use crate::dag::state::Dag;
use crate::shell::effects::skip_links;
use crate::shell::findings::Findings;
use crate::shell::matrix::{Tolerance, read_json, use_failure_matrix};
use crate::shell::page::{Page, use_planner};
use crate::shell::same::Same;
use crate::shell::timeline::{Timed, TimelinePanel};

/// The skip links, in the page's order: a keyboard gets to each part in one step.
const SKIP_LINKS: &[(&str, &str)] = &[
    ("topology", "Topology"),
    ("databases", "Databases"),
    ("quorum", "Quorum"),
    ("timeline", "Lessons and player"),
    ("inspector", "Inspector"),
    ("findings", "Findings"),
];

#[component]
pub fn App() -> Html {
    let Page { state, dispatch, notice, fail_set, select_subject, ondragover, ondrop } = use_planner::<Dag>();

    // The failure modes: every set of failed servers, worked out in the component's worker whenever the
    // design (not its drawing) changes.
    let matrix = use_failure_matrix(
        state.analysis.facts.design_text.clone(),
        read_json::<clusterplan_core::dag::matrix::Summary>,
    );

    let timeline = html! {
        <TimelinePanel<Dag> script={state.saved.scenario.script.clone()} durations={Dag::durations(&state.saved.scenario)}
            player={state.player.clone()} refusals={state.refusals} design={Same(state.analysis.design.clone())}
            goal={state.goal.clone()} dispatch={dispatch.clone()} />
    };
    html! {
        <div class={classes!("app", "dag-app", state.presenter.on.then_some("presenting"))} {ondragover} {ondrop}>
            { skip_links(SKIP_LINKS) }
            <Header state={state.clone()} dispatch={dispatch.clone()} />
            { notice }
            <main class="workspace">
                <div class="dag-main">
                    <Topology state={state.clone()} dispatch={dispatch.clone()} />
                    <Databases state={state.clone()} dispatch={dispatch.clone()} />
                </div>
                <aside class="panels" aria-label="Results and editing">
                    <Drift state={state.clone()} dispatch={dispatch.clone()} />
                    // While a script plays, the player comes first: it is what the room is watching; otherwise
                    // the lessons and the script come after quorum, above the inspector and the matrix.
                    if state.player.is_some() {
                        { timeline.clone() }
                    }
                    <Status state={state.clone()} dispatch={dispatch.clone()} />
                    if state.player.is_none() {
                        { timeline }
                    }
                    <Clients state={state.clone()} dispatch={dispatch.clone()} />
                    <Inspector state={state.clone()} dispatch={dispatch.clone()} />
                    <Tolerance<clusterplan_core::dag::matrix::Summary> {matrix} apply={fail_set} />
                    <Findings findings={state.analysis.findings_and_advice.clone()}
                        onselect={select_subject} />
                </aside>
            </main>
        </div>
    }
}
