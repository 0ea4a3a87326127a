//! The DAG planner's header: the design's name and Exchange version, the way back to the 2003 planner,
//! presets, and the shared toolbar (undo, redo, heal, import, export, share).

use yew::prelude::*;

use super::PanelProps;
use crate::dag::state::Action;
use crate::dag::state::Dag;
use crate::shell::findings::findings_count;
use crate::shell::planner::worker_text;
use crate::shell::presenter::{presenter_header, use_lesson_titles};
use crate::shell::same::Same;
use crate::shell::toolbar::{PresetButton, Toolbar, design_callbacks, preset_buttons, use_current_preset};

/// The presets the header offers: short labels, what each is as the button's title (the engine's words).
const PRESETS: &[PresetButton] = &[
    ("dag-pa-8", "8 members, witness in a third site", clusterplan_core::dag::presets::PRESETS[0].1),
    ("dag-2site-no-third", "8 members, two sites only", clusterplan_core::dag::presets::PRESETS[1].1),
    ("dag-2-member", "2 members and a witness", clusterplan_core::dag::presets::PRESETS[2].1),
];

/// A preset as the design's own text is compared with it (without the drawing).
fn preset_text(id: &str) -> Option<String> {
    clusterplan_core::dag::presets::preset(id).map(|scenario| worker_text::<Dag>(&scenario))
}

#[component]
pub fn Header(props: &PanelProps) -> Html {
    let state = &props.state;
    let dispatch = props.dispatch.clone();
    let titles = use_lesson_titles(clusterplan_core::dag::lessons::LESSONS);
    let current = use_current_preset(state.analysis.facts.design_text.clone(), PRESETS, preset_text);
    let presets = preset_buttons(PRESETS, *current, &dispatch.reform(Action::LoadPreset));
    let (export, share) = design_callbacks(&state.saved.scenario.name, &state.saved);
    if state.presenter.on {
        let title = &state.saved.scenario.name;
        return presenter_header(
            title,
            state.presenter,
            &titles,
            &dispatch,
            Action::NextLesson,
            Action::StopPresenting,
        );
    }
    html! {
        <header class="header">
            <div class="title">
                <h1>{ "clusterplan" }</h1>
                <span class="design-name">{ state.saved.scenario.name.clone() }</span>
                <span class="mode active-passive">{ format!("DAG, {}", state.saved.scenario.exchange.title()) }</span>
                { findings_count(&state.analysis.findings_and_advice) }
                <a class="mode-link" href="../">{ "Exchange 2003 cluster planner" }</a>
            </div>
            <Toolbar can_undo={state.history.can_undo()} can_redo={state.history.can_redo()} can_heal={!state.saved.events.is_empty()}
                onundo={dispatch.reform(|_| Action::Undo)} onredo={dispatch.reform(|_| Action::Redo)} onheal={dispatch.reform(|_| Action::Heal)}
                onimport={dispatch.reform(Action::Import)} notify={dispatch.reform(Action::Notify)} {export} {share} design={Same(state.saved.clone() as std::rc::Rc<dyn std::any::Any>)} report="../report/#dag">
                { presets }
                <button class="present" onclick={dispatch.reform(|_| Action::StartPresenting(None))}
                    title="Large type for a room: the diagram and the narration, driven by the keyboard (Space, arrows, N for the next lesson, Esc)">
                    { "Present" }</button>
            </Toolbar>
        </header>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_offers_every_preset_of_the_engine_in_its_order() {
        let ids: Vec<_> = PRESETS.iter().map(|(id, _, _)| *id).collect();
        let engine: Vec<_> = clusterplan_core::dag::presets::PRESETS.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, engine);
        for (id, _, _) in PRESETS {
            let loaded = crate::dag::state::Saved::preset(id).expect("the preset exists");
            assert_eq!(preset_text(id), Some(worker_text::<Dag>(&loaded.scenario)));
        }
    }
}
