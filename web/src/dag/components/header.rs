//! The DAG planner's header: the design's name and Exchange version, the way back to the 2003 planner,
//! presets, and the shared toolbar (undo, redo, heal, import, export, share).

use std::rc::Rc;

use clusterplan_core::dag::drift::Drift;
use clusterplan_core::dag::model::Scenario;
use yew::prelude::*;

use super::PanelProps;
use crate::dag::files::read_imported;
use crate::dag::state::{Action, Compared, Dag, DagAction, Saved};
use crate::shell::brought::DocumentsWorker;
use crate::shell::files::{Brought, file_import, import_kind, offer};
use crate::shell::findings::findings_count;
use crate::shell::header::{PlannerToolbar, PresentingHeader};
use crate::shell::notice::{Notice, Problem};
use crate::shell::planner::Family;
use crate::shell::toolbar::PresetButton;

/// The presets the header offers: short labels, what each is as the button's title (the engine's words).
const PRESETS: &[PresetButton] = &[
    ("dag-pa-8", "8 members, witness in a third site", clusterplan_core::dag::presets::PRESETS[0].1),
    ("dag-2site-no-third", "8 members, two sites only", clusterplan_core::dag::presets::PRESETS[1].1),
    ("dag-2-member", "2 members and a witness", clusterplan_core::dag::presets::PRESETS[2].1),
];

/// Compares `plan`'s design with the files chosen, in the component's worker: the collector's document (or
/// the Calculator's files) read by its importer, or a design file; then what differs, and both designs'
/// failure modes. The design is copied when files are chosen, not at every render.
fn compare_with(plan: Rc<Saved>, dispatch: Callback<Action>) -> Callback<Vec<Brought>> {
    Callback::from(move |files: Vec<Brought>| {
        let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
        dispatch.emit(Action::Notify(Notice::info(format!("Comparing the design with {}…", names.join(", ")))));
        let (plan, dispatch) = (plan.scenario.clone(), dispatch.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let compared = compare(plan, &files).await;
            dispatch.emit(match compared {
                Ok(compared) => DagAction::CompareRunning(Rc::new(compared)).into(),
                Err(problem) => Action::Notify(Notice::problem("The running DAG cannot be compared", &problem)),
            })
        });
    })
}

async fn compare(plan: Scenario, files: &[Brought]) -> Result<Compared, Problem> {
    let worker = DocumentsWorker::start()?;
    let running = match import_kind(files) {
        Some(kind) => read_imported(&worker.import(kind, files).await?)?.scenario,
        None => Dag::read_files(files)?.0.scenario,
    };
    let to_json = |scenario: &Scenario| serde_json::to_string(scenario).unwrap_or_default();
    let drift = worker.diff(&to_json(&plan), &to_json(&running)).await?;
    let drift = clusterplan_core::read::from_json::<Drift>(&drift)
        .map_err(|_| Problem::from("the comparison's answer cannot be read".to_string()))?;
    Ok(Compared { plan, running: running.name, drift })
}

#[component]
pub fn Header(props: &PanelProps) -> Html {
    let (state, dispatch) = (&props.state, &props.dispatch);
    if state.presenter.on {
        return html! {
            <PresentingHeader<Dag> title={state.saved.scenario.name.clone()} state={state.clone()} dispatch={dispatch.clone()} />
        };
    }
    let reader = use_mut_ref(Vec::new);
    let compare =
        file_import(reader, compare_with(state.saved.clone(), dispatch.clone()), dispatch.reform(Action::Notify));
    let collector = {
        let failed = dispatch.reform(Action::Notify);
        Callback::from(move |_: MouseEvent| {
            offer("collect-dag.ps1", clusterplan_core::dag::import::ems::COLLECTOR, &failed)
        })
    };
    html! {
        <header class="header">
            <div class="title">
                <h1>{ "clusterplan" }</h1>
                <span class="design-name">{ state.saved.scenario.name.clone() }</span>
                <span class="mode active-passive">{ format!("DAG, {}", state.saved.scenario.exchange.title()) }</span>
                { findings_count(&state.analysis.findings_and_advice) }
                <a class="mode-link" href="../">{ "Exchange 2003 cluster planner" }</a>
            </div>
            <PlannerToolbar<Dag> state={state.clone()} dispatch={dispatch.clone()} presets={PRESETS} report="../report/#dag" />
            <div class="running" aria-label="A running DAG">
                <label class="button file" title="The collector's document (clusterplan-dag.json) or a design file">
                    { "Compare with a running DAG…" }
                    <input type="file" multiple=true accept=".json,.csv,application/json,text/csv" onchange={compare}
                        aria-label="Compare with a running DAG" />
                </label>
                <button onclick={collector} title="A read-only PowerShell script: run it in the Exchange Management Shell on a DAG member, then import or compare the document it writes">
                    { "Get the collector" }</button>
            </div>
        </header>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::header::preset_text;
    use crate::shell::planner::worker_text;

    #[test]
    fn the_header_offers_every_preset_of_the_engine_in_its_order() {
        let ids: Vec<_> = PRESETS.iter().map(|(id, _, _)| *id).collect();
        let engine: Vec<_> = clusterplan_core::dag::presets::PRESETS.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, engine);
        for (id, _, _) in PRESETS {
            let loaded = crate::dag::state::Saved::preset(id).expect("the preset exists");
            assert_eq!(preset_text::<Dag>(id), Some(worker_text::<Dag>(&loaded.scenario)));
        }
    }
}
