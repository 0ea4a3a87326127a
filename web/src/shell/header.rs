//! The header's parts both planners share: the toolbar wired to a planner (the family's presets, the
//! present button, the family's own buttons, then undo, redo, heal, import, export, share and the report),
//! and the header presenter mode shows instead.

use std::any::Any;
use std::rc::Rc;

use yew::prelude::*;

use super::brought::bring;
use super::planner::{Action, Family, Planner, worker_text};
use super::presenter::{presenter_header, use_lesson_titles};
use super::same::Same;
use super::timeline::Timed;
use super::toolbar::{PresetButton, Toolbar, design_callbacks, preset_buttons, use_current_preset};

/// A preset of family `F` as the design's own text is compared with it (without the drawing).
pub fn preset_text<F: Family>(id: &str) -> Option<String> {
    F::preset(id).map(|scenario| worker_text::<F>(&scenario))
}

#[derive(Properties, PartialEq)]
pub struct PlannerToolbarProps<F: Family> {
    pub state: UseReducerHandle<Planner<F>>,
    pub dispatch: Callback<Action<F>>,
    /// The presets the header offers, in the engine's order.
    pub presets: &'static [PresetButton],
    /// The report view's address for this family, relative to the page (`report/#cluster`).
    pub report: &'static str,
    /// The family's own buttons, after the presets and the present button.
    #[prop_or_default]
    pub children: Html,
}

/// The toolbar of a planner: its presets (the current one marked), the present button, the family's own
/// buttons, then the shared toolbar.
#[component]
pub fn PlannerToolbar<F: Family>(props: &PlannerToolbarProps<F>) -> Html {
    let (state, dispatch) = (&props.state, &props.dispatch);
    let current = use_current_preset(state.analysis.facts.design_text.clone(), props.presets, preset_text::<F>);
    let presets = preset_buttons(props.presets, *current, &dispatch.reform(Action::LoadPreset));
    let (export, share) = design_callbacks(F::name(&state.saved.scenario), &state.saved);
    html! {
        <Toolbar can_undo={state.history.can_undo()} can_redo={state.history.can_redo()} can_heal={!state.saved.events.is_empty()}
            onundo={dispatch.reform(|_| Action::Undo)} onredo={dispatch.reform(|_| Action::Redo)} onheal={dispatch.reform(|_| Action::Heal)}
            onimport={bring::<F>(dispatch.clone())} notify={dispatch.reform(Action::Notify)} {export} {share}
            design={Same(state.saved.clone() as Rc<dyn Any>)} report={props.report}>
            { presets }
            <button class="present" onclick={dispatch.reform(|_| Action::StartPresenting(None))}
                title="Large type for a room: the diagram and the narration, driven by the keyboard (Space, arrows, N for the next lesson, Esc)">
                { "Present" }</button>
            { props.children.clone() }
        </Toolbar>
    }
}

#[derive(Properties, PartialEq)]
pub struct PresentingProps<F: Family> {
    /// What is presented when no lesson is open (the design's name, or the designs compared).
    pub title: String,
    pub state: UseReducerHandle<Planner<F>>,
    pub dispatch: Callback<Action<F>>,
}

/// The header in presenter mode: the open lesson's title (else `title`), the next lesson's, and the way
/// out.
#[component]
pub fn PresentingHeader<F: Timed>(props: &PresentingProps<F>) -> Html {
    let titles = use_lesson_titles(F::LESSONS);
    presenter_header(
        &props.title,
        props.state.presenter,
        &titles,
        &props.dispatch,
        Action::NextLesson,
        Action::StopPresenting,
    )
}
