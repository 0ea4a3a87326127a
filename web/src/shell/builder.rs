//! "Make a lesson", in both planners: the design and its failure script as they are, questions added at
//! any step (what each is about picked from the design's own subjects) and a goal, saved as a lesson file or
//! a lesson link (`#lesson=z=…`, compressed as design links are). What a lesson is and whether it can be
//! played are core's ([`clusterplan_core::quiz`]); this module drafts one and offers it.

use clusterplan_core::fork::Fork;
use clusterplan_core::quiz::{self, Asking, FileOf, Goal, LessonKind, Question, Step, Survive};
use clusterplan_core::scenario::LoadErrors;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::files::{export, share_url};
use super::notice::Notice;
use super::planner::{Action, Family};
use super::same::Same;

/// A question as the author adds it: after which step (from 0), about what (its text form) and in what
/// words (empty: the suggested question).
#[derive(Debug, Clone, PartialEq)]
pub struct DraftQuestion {
    pub after: usize,
    pub about: String,
    pub ask: String,
}

/// A goal as the author sets it: what to keep (its text form), through how many members failing at once
/// (none: the script's events) and the edits allowed.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftGoal {
    pub keep: String,
    pub at_once: Option<usize>,
    pub edits: usize,
}

/// A lesson being made.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Draft {
    pub title: String,
    pub questions: Vec<DraftQuestion>,
    pub goal: Option<DraftGoal>,
    /// The fork played beside the script when the lesson is made: the lesson plays it too.
    pub fork: Option<Fork>,
}

/// A lesson id from its title: lower-case words joined by `-`.
fn id_of(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() { "my-lesson".into() } else { words.join("-") }
}

/// The lesson file `draft` makes of `scenario` (its script the lesson's steps), checked as core checks a
/// lesson: `Err` says what stops it being played, with the path in the file.
pub fn lesson_of<A: Asking>(draft: &Draft, scenario: &A::Scenario) -> Result<FileOf<A>, String> {
    let mut design = scenario.clone();
    let script = A::take_script(&mut design);
    let questions = draft
        .questions
        .iter()
        .map(|q| {
            let about = A::parse_about(&q.about)?;
            let ask = if q.ask.trim().is_empty() { A::suggested_ask(&about) } else { q.ask.trim().to_string() };
            Ok(Question { after: q.after, ask, about })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let goal = draft
        .goal
        .as_ref()
        .map(|g| {
            let survive = match g.at_once {
                Some(at_once) => Survive::Any { at_once },
                None => Survive::Events { events: script.clone() },
            };
            A::parse_keep(&g.keep).map(|keep| Goal { keep, survive, edits: g.edits })
        })
        .transpose()?;
    let title = if draft.title.trim().is_empty() { "My lesson".to_string() } else { draft.title.trim().to_string() };
    let lesson = FileOf::<A> {
        kind: LessonKind::Lesson,
        id: id_of(&title),
        title,
        teaches: String::new(),
        source: String::new(),
        design,
        steps: script.into_iter().map(|event| Step { event, say: String::new() }).collect(),
        moments: Vec::new(),
        questions,
        goal,
        fork: draft.fork.clone(),
    };
    quiz::check::<A>(&lesson).map_err(|errors| LoadErrors(errors).to_string())?;
    Ok(lesson)
}

#[derive(Properties)]
pub struct BuilderProps<F: Family> {
    /// The design as it is (shared, compared by identity: a failure does not re-render the builder).
    pub design: Same<F::Design>,
    /// The fork played beside the script, if one is.
    pub fork: Option<Fork>,
    pub dispatch: Callback<Action<F>>,
}

impl<F: Family> PartialEq for BuilderProps<F> {
    fn eq(&self, other: &Self) -> bool {
        self.design == other.design && self.fork == other.fork && self.dispatch == other.dispatch
    }
}

/// A select's options, the one `chosen` selected.
fn options(choices: &[(String, String)], chosen: &str) -> Html {
    choices
        .iter()
        .map(|(value, text)| html! { <option value={value.clone()} selected={value == chosen}>{ text.clone() }</option> })
        .collect()
}

/// Keeps what a select shows in `held`.
fn chosen(held: &UseStateHandle<String>) -> Callback<Event> {
    let held = held.clone();
    Callback::from(move |event: Event| {
        if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
            held.set(select.value());
        }
    })
}

/// The value of the form control `node` refers to.
fn value_of(node: &NodeRef) -> String {
    node.cast::<HtmlInputElement>()
        .map(|input| input.value())
        .or_else(|| node.cast::<HtmlSelectElement>().map(|select| select.value()))
        .unwrap_or_default()
}

/// "Make a lesson": the design and its script, questions at any step, a goal, saved as a file or a link.
#[component]
pub fn LessonBuilder<F: Family>(props: &BuilderProps<F>) -> Html {
    let scenario = F::scenario(&props.design);
    let script = F::script(scenario).to_vec();
    let subjects = F::Asking::subjects(&props.design);
    let keeps = F::Asking::keeps(&props.design);
    let (members, words) = F::Asking::members(&props.design);
    let draft = use_state(Draft::default);
    // The goal's choices, held here: a select re-rendered keeps what it shows only when its options say it.
    let kept = use_state(String::new);
    let through_chosen = use_state(|| "1".to_string());
    let after_chosen = use_state(|| "0".to_string());
    let about_chosen = use_state(String::new);
    let link = use_state(|| None::<String>);
    let (title, after, about, ask, keep, through, edits) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    // The draft with the title and the goal as the form has them now.
    let current = {
        let (draft, title, keep, through, edits) =
            (draft.clone(), title.clone(), keep.clone(), through.clone(), edits.clone());
        let fork = props.fork.clone();
        move || {
            let goal = match value_of(&keep).as_str() {
                "" => None,
                kept => Some(DraftGoal {
                    keep: kept.to_string(),
                    at_once: value_of(&through).parse().ok(),
                    edits: value_of(&edits).trim().parse().unwrap_or(0),
                }),
            };
            Draft { title: value_of(&title), goal, fork: fork.clone(), ..(*draft).clone() }
        }
    };
    let onadd = {
        let (draft, after, about, ask) = (draft.clone(), after.clone(), about.clone(), ask.clone());
        Callback::from(move |_: MouseEvent| {
            let question = DraftQuestion {
                after: value_of(&after).parse().unwrap_or(0),
                about: value_of(&about),
                ask: value_of(&ask),
            };
            let mut next = (*draft).clone();
            next.questions.push(question);
            draft.set(next);
            if let Some(input) = ask.cast::<HtmlInputElement>() {
                input.set_value("");
            }
        })
    };
    let notify = props.dispatch.reform(Action::Notify);
    let made = {
        let (scenario, notify) = (scenario.clone(), notify.clone());
        move |draft: &Draft| {
            let made = lesson_of::<F::Asking>(draft, &scenario);
            if let Err(problem) = &made {
                notify.emit(Notice::error(format!("The lesson cannot be made yet: {problem}")));
            }
            made.ok()
        }
    };
    let onsave = {
        let (current, made, notify) = (current.clone(), made.clone(), notify.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(lesson) = made(&current()) {
                export(&format!("{} lesson", lesson.id), &super::share::to_json(&lesson), &notify);
            }
        })
    };
    let onlink = {
        let (link, notify) = (link.clone(), notify);
        Callback::from(move |_: MouseEvent| {
            let Some(lesson) = made(&current()) else { return };
            let json = super::share::to_json(&lesson);
            let (link, notify) = (link.clone(), notify.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match super::link::write(&json).await {
                    Ok(fragment) => link.set(Some(share_url(&format!("lesson={fragment}")))),
                    Err(problem) => notify.emit(Notice::error(format!("No lesson link was made: {problem}."))),
                }
            });
        })
    };
    let remove = |index: usize| {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*draft).clone();
            next.questions.remove(index);
            draft.set(next);
        })
    };
    let drafted = draft.questions.iter().enumerate().map(|(i, q)| {
        let step = script.get(q.after).cloned().unwrap_or_default();
        let ask = if q.ask.trim().is_empty() {
            F::Asking::parse_about(&q.about).map(|a| F::Asking::suggested_ask(&a)).unwrap_or_default()
        } else {
            q.ask.clone()
        };
        html! {
            <li>
                <span>{ format!("After step {} ({step}): {ask} ", q.after + 1) }<code>{ q.about.clone() }</code></span>
                <button class="remove" onclick={remove(i)} aria-label={format!("Remove question {}", i + 1)}>{ "Remove" }</button>
            </li>
        }
    });
    let steps: Vec<(String, String)> =
        script.iter().enumerate().map(|(i, line)| (i.to_string(), format!("{}. {line}", i + 1))).collect();
    let subject_choices: Vec<(String, String)> = subjects.iter().map(|s| (s.clone(), s.clone())).collect();
    let keep_choices: Vec<(String, String)> = std::iter::once((String::new(), "no goal".to_string()))
        .chain(keeps.iter().map(|k| (k.clone(), k.clone())))
        .collect();
    let through_choices: Vec<(String, String)> = (1..=members.min(3))
        .map(|k| (k.to_string(), quiz::Survive::Any { at_once: k }.words(words)))
        .chain((!script.is_empty()).then(|| ("script".to_string(), "the failure script's events".to_string())))
        .collect();
    html! {
        <details class="builder">
            <summary>{ "Make a lesson" }</summary>
            <p class="hint">{ "The lesson plays this design and its failure script. Ask a question at any step (the engine works out the answer when it is played), or set a goal the learner reaches by editing the design." }</p>
            <div class="field">
                <label for="lesson-title">{ "Title" }</label>
                <input id="lesson-title" ref={title} type="text" placeholder="My lesson" />
            </div>
            <fieldset>
                <legend>{ "Ask a question" }</legend>
                if script.is_empty() {
                    <p class="hint">{ "Write a failure script above first: a question is asked as one of its steps happens." }</p>
                } else {
                    <div class="field"><label for="question-after">{ "As this step happens" }</label>
                        <select id="question-after" ref={after} onchange={chosen(&after_chosen)}>{ options(&steps, &after_chosen) }</select></div>
                    <div class="field"><label for="question-about">{ "About" }</label>
                        <select id="question-about" ref={about} onchange={chosen(&about_chosen)}>{ options(&subject_choices, &about_chosen) }</select></div>
                    <div class="field"><label for="question-ask">{ "In your words (optional)" }</label>
                        <input id="question-ask" ref={ask} type="text" placeholder="The suggested question" /></div>
                    <button onclick={onadd}>{ "Add the question" }</button>
                }
                if !draft.questions.is_empty() {
                    <ol class="drafted" aria-label="Questions of the lesson">{ for drafted }</ol>
                }
            </fieldset>
            <fieldset>
                <legend>{ "Goal" }</legend>
                <div class="field"><label for="goal-keep">{ "Keep" }</label>
                    <select id="goal-keep" ref={keep} onchange={chosen(&kept)}>
                        { options(&keep_choices, &kept) }
                    </select></div>
                <div class="field"><label for="goal-through">{ "Through" }</label>
                    <select id="goal-through" ref={through} onchange={chosen(&through_chosen)}>
                        { options(&through_choices, &through_chosen) }
                    </select></div>
                <div class="field"><label for="goal-edits">{ "Edits allowed" }</label>
                    <input id="goal-edits" ref={edits} type="number" min="0" value="2" /></div>
            </fieldset>
            <button onclick={onsave}>{ "Save the lesson file" }</button>
            <button onclick={onlink}>{ "Make a lesson link" }</button>
            { for (*link).clone().map(|url| html! {
                <div class="share">
                    <label>{ "Link to this lesson: " }
                        <input type="text" readonly=true value={url} aria-label="Lesson link" />
                    </label>
                </div>
            }) }
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clusterplan_core::cluster::questions::Nodes;
    use clusterplan_core::dag::questions::Servers;

    fn cluster_scenario() -> clusterplan_core::cluster::model::Scenario {
        let mut scenario = clusterplan_core::cluster::presets::preset("four-node-3a1p").unwrap();
        scenario.script = vec!["fail:node3@0s".into(), "fail:node1@2min".into()];
        scenario
    }

    #[test]
    fn a_draft_becomes_a_lesson_core_can_play() {
        let draft = Draft {
            title: "Two nodes, one passive".into(),
            questions: vec![
                DraftQuestion { after: 0, about: "owner:EVS3".into(), ask: String::new() },
                DraftQuestion { after: 1, about: "survivors".into(), ask: " Which survive? ".into() },
            ],
            goal: None,
            fork: None,
        };
        let lesson = lesson_of::<Nodes>(&draft, &cluster_scenario()).unwrap();
        assert_eq!(lesson.id, "two-nodes-one-passive");
        assert!(lesson.design.script.is_empty(), "the script is the lesson's steps");
        assert_eq!(
            lesson.steps.iter().map(|s| s.event.as_str()).collect::<Vec<_>>(),
            ["fail:node3@0s", "fail:node1@2min"]
        );
        assert_eq!(lesson.questions[0].ask, "Where does EVS3 run now?", "the suggested question when none is typed");
        assert_eq!(lesson.questions[1].ask, "Which survive?");
        let checked = quiz::check::<Nodes>(&lesson).unwrap();
        assert_eq!(
            checked.questions[0].answer.value, "node4",
            "what the learner predicts: the passive node takes EVS3"
        );
    }

    #[test]
    fn a_draft_that_cannot_be_played_says_why() {
        let reached = Draft {
            goal: Some(DraftGoal { keep: "every-group".into(), at_once: Some(1), edits: 1 }),
            ..Draft::default()
        };
        let refused = lesson_of::<Nodes>(&reached, &cluster_scenario()).unwrap_err();
        assert!(refused.starts_with("goal: the design already reaches the goal"), "{refused}");
        let mut dag = clusterplan_core::dag::presets::preset("dag-2-member").unwrap();
        dag.script.clear();
        let nothing = lesson_of::<Servers>(&Draft::default(), &dag).unwrap_err();
        assert!(nothing.contains("a lesson plays at least one step, or sets a goal"), "{nothing}");
        let goal = Draft {
            goal: Some(DraftGoal { keep: "every-database".into(), at_once: Some(2), edits: 3 }),
            ..Draft::default()
        };
        let lesson = lesson_of::<Servers>(&goal, &dag).unwrap();
        assert_eq!(lesson.goal.unwrap().survive, Survive::Any { at_once: 2 });
    }
}
