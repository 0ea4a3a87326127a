//! The header: the design's name and mode (active/passive or active/active, with the finding that
//! explains it), presets one click apart, undo/redo, import, export and the share link.

use std::rc::Rc;

use clusterplan_core::cluster::rules::Mode;
use yew::prelude::*;

use super::PanelProps;
use crate::cluster::state::Cluster;
use crate::cluster::state::{Action, ClusterAction, Comparand};
use crate::shell::files::{Brought, file_import};
use crate::shell::findings::findings_count;
use crate::shell::forms::choose_then;
use crate::shell::header::{PlannerToolbar, PresentingHeader};
use crate::shell::toolbar::PresetButton;

/// The presets the header offers, with short labels.
const PRESETS: &[PresetButton] = &[
    (
        "four-node-3a1p",
        "4 nodes, 3 active / 1 passive",
        "Four nodes: three EVS and one passive node to take any of them.",
    ),
    ("two-node-active-passive", "2 nodes, active/passive", "Two nodes: one EVS and a passive node."),
    (
        "two-node-active-active",
        "2 nodes, active/active",
        "Two nodes each running an EVS: after a failover one node runs both.",
    ),
    (
        "eight-node-7a1p",
        "8 nodes, 7 active / 1 passive",
        "Eight nodes: seven EVS, the most a cluster runs, and one passive node.",
    ),
];

#[component]
pub fn Header(props: &PanelProps) -> Html {
    let state = &props.state;
    let dispatch = props.dispatch.clone();
    let compare_options: Vec<(String, String)> =
        PRESETS.iter().map(|(id, label, _)| (id.to_string(), label.to_string())).collect();
    let compare_with =
        dispatch.reform(|id| Action::Family(ClusterAction::OpenComparison(Comparand::Current, Comparand::Preset(id))));
    let reader = use_mut_ref(Vec::new);
    let compare_file = file_import(
        reader,
        dispatch.reform(|files: Vec<Brought>| {
            // The first file chosen; a comparison is of one design file.
            let text = files.first().map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned()).unwrap_or_default();
            Action::Family(ClusterAction::OpenComparison(Comparand::Current, Comparand::File(Rc::new(text))))
        }),
        dispatch.reform(Action::Notify),
    );

    let analysis = &state.analysis;
    let mode_class = match analysis.facts.family.mode {
        Mode::ActiveActive => "mode active-active",
        Mode::ActivePassive => "mode active-passive",
        Mode::Empty => "mode empty",
        Mode::Unsupported => "mode unsupported",
    };
    let explanation = analysis
        .facts
        .findings
        .iter()
        .find(|f| f.rule == "config.active-active")
        .map(|f| html! { <span class="mode-finding" title={f.source}>{ f.message.clone() }</span> });

    if state.presenter.on {
        let compared = state.own.comparison.as_ref().map(|comparison| format!("Comparing {}", comparison.names()));
        let title = compared.unwrap_or_else(|| state.saved.scenario.name.clone());
        return html! { <PresentingHeader<Cluster> {title} state={state.clone()} {dispatch} /> };
    }
    html! {
        <header class="header">
            <div class="title">
                <h1>{ "clusterplan" }</h1>
                if let Some(comparison) = &state.own.comparison {
                    <span class="design-name">{ format!("Comparing {}", comparison.names()) }</span>
                } else {
                    <span class="design-name">{ state.saved.scenario.name.clone() }</span>
                    <span class={mode_class} role="status" aria-label="Configuration">{ analysis.facts.family.mode_text.clone() }</span>
                    { for explanation }
                }
                { findings_count(&analysis.findings_and_advice) }
                <a class="mode-link" href="dag/">{ "Exchange 2010 to SE DAG planner" }</a>
            </div>
            <PlannerToolbar<Cluster> state={state.clone()} dispatch={dispatch.clone()} presets={PRESETS} report="report/#cluster">
                <button onclick={dispatch.reform(|_| Action::Family(ClusterAction::Blank))}>{ "Empty cluster" }</button>
                <button onclick={dispatch.reform(|_| Action::Family(ClusterAction::OpenComparison(Comparand::Preset("two-node-active-active".into()), Comparand::Preset("two-node-active-passive".into()))))}
                    title="Both two-node presets under the same failure script">{ "Compare A/A with A/P" }</button>
                { choose_then("compare-with", "Compare this design with a preset", "Compare with…", &compare_options, "Compare", compare_with) }
                <label class="button file" title="This design beside a design file, under this design's failure script">
                    { "Compare with a file…" }
                    <input type="file" accept=".json,application/json" onchange={compare_file} aria-label="Compare with a design file" />
                </label>
            </PlannerToolbar<Cluster>>
        </header>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::state::Saved;
    use crate::shell::header::preset_text;
    use crate::shell::planner::worker_text;

    #[test]
    fn a_loaded_preset_reads_as_itself_and_no_other() {
        for (id, _, _) in PRESETS {
            let loaded = Saved::preset(id).expect("the header offers presets that exist");
            let text = worker_text::<Cluster>(&loaded.scenario);
            let matching: Vec<_> = PRESETS
                .iter()
                .filter(|(other, _, _)| preset_text::<Cluster>(other).as_deref() == Some(&text))
                .collect();
            assert_eq!(matching.len(), 1, "{id}");
            assert_eq!(matching[0].0, *id);
        }
    }
}
