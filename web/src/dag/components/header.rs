//! The DAG planner's header: the design's name and Exchange version, the way back to the 2003 planner,
//! presets, and the shared toolbar (undo, redo, heal, import, export, share).

use clusterplan_core::dag::presets::PRESETS;
use yew::prelude::*;

use super::PanelProps;
use crate::dag::state::Action;
use crate::shell::toolbar::{Toolbar, design_callbacks};

#[component]
pub fn Header(props: &PanelProps) -> Html {
    let state = &props.state;
    let dispatch = props.dispatch.clone();
    let presets = PRESETS.iter().map(|(id, about)| {
        let onclick = dispatch.reform(move |_| Action::LoadPreset(id.to_string()));
        html! { <button class="preset" {onclick} data-preset={*id} title={*about}>{ *id }</button> }
    });
    let (export, fragment) = design_callbacks(&state.saved.scenario.name, &state.saved);
    html! {
        <header class="header">
            <div class="title">
                <h1>{ "clusterplan" }</h1>
                <span class="design-name">{ state.saved.scenario.name.clone() }</span>
                <span class="mode active-passive">{ format!("DAG, {}", state.saved.scenario.exchange.title()) }</span>
                <a class="mode-link" href="../">{ "Exchange 2003 cluster planner" }</a>
            </div>
            <Toolbar can_undo={state.history.can_undo()} can_redo={state.history.can_redo()} can_heal={!state.saved.events.is_empty()}
                onundo={dispatch.reform(|_| Action::Undo)} onredo={dispatch.reform(|_| Action::Redo)} onheal={dispatch.reform(|_| Action::Heal)}
                onimport={dispatch.reform(Action::Import)} notify={dispatch.reform(Action::Notify)} {export} {fragment}>
                <span class="group-label">{ "Start from:" }</span>
                { for presets }
            </Toolbar>
        </header>
    }
}
