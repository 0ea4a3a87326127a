//! The timeline panel both planners show, once: the family's lessons, the failure script (editable, saved
//! with the design), the durations the user can set, and the shared player ([`super::player`]). A family
//! says what is its own through [`Timed`]: its lessons, what a script's line looks like, its durations and
//! what the room sees of a moment.

use std::rc::Rc;

use clusterplan_core::timeline::Written;
use yew::prelude::*;

use super::builder::LessonBuilder;
use super::fork::fork_view;
use super::planner::{Action, Family, GoalPlay};
use super::player::{Player, duration_field, lesson_menu, player_view};
use super::presenter::use_lesson_titles;
use super::same::{Same, same_option};

/// One of a family's timeline durations, as its field shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Duration<T> {
    pub label: String,
    pub ms: u64,
    pub field: T,
}

/// What a family's timeline panel shows of its own.
pub trait Timed: Family {
    /// The family's lessons, in their order.
    const LESSONS: &'static [Written<Self::Scenario>];
    /// What a script's line looks like, for the script's label.
    const SCRIPT_HINT: &'static str;
    /// What "Write a rolling patch" writes, in a few words.
    const ROLLING_TITLE: &'static str;
    /// The durations of `scenario`'s timeline the user can set.
    fn durations(scenario: &Self::Scenario) -> Vec<Duration<Self::TimingField>>;
    /// Where things stand at the player's time, large enough for a room in presenter mode.
    fn progress(outcome: &Self::Outcome) -> Html;
    /// A rolling patch of the design, every member in turn, as a timed script (core's).
    fn rolling_patch(design: &Self::Design) -> Vec<String>;
}

/// What the timeline panel shows; narrow (the script and the durations by value, the design and the goal
/// by identity), so that failing a node or a server does not re-render it.
#[derive(Properties)]
pub struct TimelineProps<F: Timed> {
    pub script: Vec<String>,
    pub durations: Vec<Duration<F::TimingField>>,
    pub player: Option<Rc<Player<F::Timeline>>>,
    /// Refused actions so far: the script field and the durations reset when a refusal leaves them as they
    /// were.
    pub refusals: u32,
    /// The design, for the lesson builder.
    pub design: Same<F::Design>,
    /// The open lesson's goal.
    pub goal: Option<Rc<GoalPlay<F>>>,
    pub dispatch: Callback<Action<F>>,
}

impl<F: Timed> PartialEq for TimelineProps<F> {
    fn eq(&self, other: &Self) -> bool {
        self.script == other.script
            && self.durations == other.durations
            && self.player == other.player
            && self.refusals == other.refusals
            && self.design == other.design
            && same_option(&self.goal, &other.goal)
            && self.dispatch == other.dispatch
    }
}

/// A lesson's goal: what to do, the edits made against those allowed, and whether the design reaches it
/// now (or how it falls short).
fn goal_view<F: Family>(goal: &GoalPlay<F>, dispatch: &Callback<Action<F>>) -> Html {
    let budget = goal.goal.edits;
    let made = clusterplan_core::words::count(goal.edits, "edit", "edits");
    let (class, status) = match (goal.reached.reached, goal.edits <= budget) {
        (true, true) => ("reached", format!("Reached in {made}, within the {budget} allowed: {}.", goal.reached.says)),
        (true, false) => {
            let allowed = clusterplan_core::words::count(budget, "edit", "edits");
            ("over", format!("Reached, but in {made}: the goal allows {allowed}. Try it again in fewer."))
        }
        (false, _) => ("not-yet", format!("Not yet: {}.", goal.reached.says)),
    };
    html! {
        <div class={classes!("goal", class)}>
            <h3>{ format!("Goal: {}", goal.title) }</h3>
            <p>{ goal.says.clone() }</p>
            <p class="edits">{ format!("Edits: {} of {budget}", goal.edits) }</p>
            <p class="status" role="status" aria-live="polite">{ status }</p>
            <button onclick={dispatch.reform(|_| Action::LeaveGoal)}>{ "Leave the goal" }</button>
        </div>
    }
}

/// The timeline panel: lessons, the script, the durations and the player.
#[component]
pub fn TimelinePanel<F: Timed>(props: &TimelineProps<F>) -> Html {
    let dispatch = &props.dispatch;
    let script_ref = use_node_ref();
    let lessons = use_lesson_titles(F::LESSONS);
    let script = props.script.join("\n");
    let onplay = {
        let (script_ref, dispatch) = (script_ref.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = script_ref.cast::<web_sys::HtmlTextAreaElement>() {
                dispatch.emit(Action::SetScript(area.value().lines().map(str::to_string).collect()));
                dispatch.emit(Action::PlayScript);
            }
        })
    };
    // The rolling patch replaces the script (undo brings it back); the user plays it.
    let onrolling = {
        let (design, dispatch) = (props.design.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::SetScript(F::rolling_patch(&design))))
    };
    let durations = props.durations.iter().map(|duration| {
        let field = duration.field.clone();
        let changed = dispatch.reform(move |text| Action::SetTiming(field.clone(), text));
        duration_field(&duration.label, duration.ms, props.refusals, changed)
    });
    let player = props.player.as_ref().map(|player| {
        let to_player = dispatch.reform(Action::Player);
        let fork = fork_view::<F>(player, &props.script, &props.design, &to_player);
        player_view(player, &to_player, html! { <>{ fork }{ F::progress(&player.moment()) }</> })
    });
    // A lesson made while a fork plays takes the fork along.
    let fork = props.player.as_ref().and_then(|p| p.fork.as_ref()).map(|fork| clusterplan_core::fork::Fork {
        name: fork.name.clone(),
        at: clusterplan_core::duration::text(fork.at_ms),
        steps: fork.steps.to_vec(),
    });
    html! {
        <section id="timeline" tabindex="-1" class="panel timeline" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{ "Failover, second by second" }</h2>
            { lesson_menu(&lessons, &dispatch.reform(Action::OpenLesson)) }
            { for props.goal.as_ref().map(|goal| goal_view(goal, dispatch)) }
            <div class="field">
                <label for="script">{ format!("Failure script (one timed event a line: {})", F::SCRIPT_HINT) }</label>
                <textarea id="script" ref={script_ref} rows="4" key={format!("script-{}-{script}", props.refusals)} value={script.clone()} />
            </div>
            <div class="buttons">
                <button onclick={onplay}>{ "Play the script" }</button>
                <button onclick={onrolling} title={F::ROLLING_TITLE}>{ "Write a rolling patch" }</button>
            </div>
            <details class="durations">
                <summary>{ "Durations in seconds (clusterplan's defaults where the sources give none)" }</summary>
                { for durations }
            </details>
            { for player }
            <LessonBuilder<F> design={props.design.clone()} {fork} dispatch={dispatch.clone()} />
        </section>
    }
}
