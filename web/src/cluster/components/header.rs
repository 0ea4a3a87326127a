//! The header: the design's name and mode (active/passive or active/active, with the finding that
//! explains it), presets one click apart, undo/redo, import, export and the share link.

use clusterplan_core::cluster::rules::Mode;
use yew::prelude::*;

use super::PanelProps;
use crate::cluster::state::Action;
use crate::shell::toolbar::{Toolbar, design_callbacks};

/// The presets the header offers, with short labels.
const PRESETS: &[(&str, &str)] = &[
    ("four-node-3a1p", "4 nodes, 3 active / 1 passive"),
    ("two-node-active-passive", "2 nodes, active/passive"),
    ("two-node-active-active", "2 nodes, active/active"),
    ("eight-node-7a1p", "8 nodes, 7 active / 1 passive"),
];

#[component]
pub fn Header(props: &PanelProps) -> Html {
    let state = &props.state;
    let dispatch = props.dispatch.clone();

    let presets = PRESETS.iter().map(|(id, label)| {
        let onclick = dispatch.reform(move |_| Action::LoadPreset(id.to_string()));
        let current = state.saved.scenario.name == clusterplan_core::cluster::presets::preset(id).map(|p| p.name).unwrap_or_default();
        html! { <button class={classes!("preset", current.then_some("current"))} {onclick} data-preset={*id}>{ *label }</button> }
    });
    let (export, fragment) = design_callbacks(&state.saved.scenario.name, &state.saved);

    let analysis = &state.analysis;
    let mode_class = match analysis.mode {
        Mode::ActiveActive => "mode active-active",
        Mode::ActivePassive => "mode active-passive",
        Mode::Empty => "mode empty",
    };
    let explanation = analysis
        .findings
        .iter()
        .find(|f| f.rule == "config.active-active")
        .map(|f| html! { <span class="mode-finding" title={f.source}>{ f.message.clone() }</span> });

    html! {
        <header class="header">
            <div class="title">
                <h1>{ "clusterplan" }</h1>
                <span class="design-name">{ state.saved.scenario.name.clone() }</span>
                <span class={mode_class} role="status" aria-label="Configuration">{ analysis.mode_text.clone() }</span>
                { for explanation }
                <a class="mode-link" href="dag/">{ "Exchange 2010–2019 DAG planner" }</a>
            </div>
            <Toolbar can_undo={state.history.can_undo()} can_redo={state.history.can_redo()} can_heal={!state.saved.events.is_empty()}
                onundo={dispatch.reform(|_| Action::Undo)} onredo={dispatch.reform(|_| Action::Redo)} onheal={dispatch.reform(|_| Action::Heal)}
                onimport={dispatch.reform(Action::Import)} notify={dispatch.reform(Action::Notify)} {export} {fragment}>
                <span class="group-label">{ "Start from:" }</span>
                { for presets }
                <button onclick={dispatch.reform(|_| Action::Blank)}>{ "Empty cluster" }</button>
                <button onclick={dispatch.reform(|_| Action::OpenComparison("two-node-active-active".into(), "two-node-active-passive".into()))}
                    title="Both two-node presets under the same failure script">{ "Compare A/A with A/P" }</button>
            </Toolbar>
        </header>
    }
}
