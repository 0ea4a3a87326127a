//! The timeline player both planners share: a played script (core's [`Played`], either family), the time
//! shown and how it moves — playing, paused, stepping, seeking, the speed — with its controls, the narration
//! of what just happened and why, the list of every step, the keys that drive it and the clock that ticks
//! while it plays. What the design looks like at a time is core's answer (`Played::at`); this module only
//! keeps the clock.

use std::rc::Rc;

use super::forms::choose_then;
use super::moment::Moment;
use clusterplan_core::duration::clock as seconds;
use clusterplan_core::fork::{Fork, Verdict};
use clusterplan_core::quiz::Checked;
use clusterplan_core::quiz::Mark;
use clusterplan_core::timeline::{Played, Step};
use gloo::timers::callback::Interval;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

/// The playback speeds offered (a log scale), and as the menu shows them (no float formatting in the app:
/// it costs size).
pub const SPEEDS: &[f64] = &[0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0];
const SPEED_LABELS: &[&str] = &["0.25×", "0.5×", "1×", "2×", "4×", "8×", "16×", "32×", "64×"];

/// The speed a player starts at: a failover of a minute and a half plays in about ten seconds.
const START_SPEED: f64 = 8.0;

/// What the user (or the clock) does to a player.
#[derive(Debug, Clone, PartialEq)]
pub enum PlayerAction {
    TogglePlay,
    /// Real milliseconds passed while playing.
    Tick(u64),
    Seek(u64),
    StepForward,
    StepBack,
    SetSpeed(f64),
    /// The learner's answer to question `.0` of the lesson, asked at the moment shown.
    Answer(usize, String),
    /// The answer to the first question at the moment shown not answered yet, shown without grading (the
    /// room answered aloud).
    Reveal,
    /// Open (or shut) the form that forks the script at the moment shown.
    Forking(bool),
    /// Play this fork beside the script (the planner plays it: it needs the family).
    Fork(Fork),
    /// Whether the diagram and panels show the fork (else the script).
    ShowFork(bool),
    CloseFork,
    Close,
}

/// A fork played beside the script, on the player's clock.
#[derive(Debug)]
pub struct Forked<T: Played> {
    pub name: String,
    pub at_ms: u64,
    /// Its own steps, as written.
    pub steps: Rc<[String]>,
    pub timeline: Rc<T>,
    /// The design as the fork stands at the player's time.
    outcome: Rc<T::Outcome>,
    /// The diagram and the panels show the fork, not the script.
    pub shown: bool,
    /// Where the player ended before the fork.
    trunk_end_ms: u64,
    /// The script's verdict, the fork's, and a sentence comparing them: worked out once, when it is made.
    pub verdicts: Rc<(Verdict, Verdict, String)>,
}

impl<T: Played> Clone for Forked<T> {
    fn clone(&self) -> Self {
        Forked {
            name: self.name.clone(),
            steps: self.steps.clone(),
            timeline: self.timeline.clone(),
            outcome: self.outcome.clone(),
            verdicts: self.verdicts.clone(),
            ..*self
        }
    }
}

impl<T: Played> PartialEq for Forked<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.timeline, &other.timeline)
            && Rc::ptr_eq(&self.outcome, &other.outcome)
            && (self.at_ms, self.shown) == (other.at_ms, other.shown)
    }
}

impl<T: Played> Forked<T> {
    /// The steps told at the player's time `time_ms`.
    pub fn narrated(&self, time_ms: u64) -> &[T::Entry] {
        self.timeline.moment(time_ms)
    }

    /// The design as the fork stands at the player's time.
    pub fn outcome(&self) -> &T::Outcome {
        &self.outcome
    }
}

/// The timeline player: a failure script played on a design, and the time shown.
#[derive(Debug)]
pub struct Player<T: Played> {
    pub timeline: Rc<T>,
    pub time_ms: u64,
    pub end_ms: u64,
    pub playing: bool,
    /// Virtual seconds per real second, 0.25 to 64.
    pub speed: f64,
    /// The design as it stands at `time_ms`: private, so that it is shown only as the planner's one
    /// [`Moment`].
    outcome: Rc<T::Outcome>,
    /// The moments the lesson being played marks, with what to watch there (none for a script of one's own).
    pub marks: Rc<[Mark]>,
    /// The lesson's questions with the engine's answers, and what was given to each: `Some("")` for an
    /// answer revealed without grading.
    pub questions: Rc<[Checked]>,
    pub given: Rc<[Option<String>]>,
    /// The form that forks the script at the moment shown is open.
    pub forking: bool,
    /// A fork playing beside the script, on the same clock.
    pub fork: Option<Rc<Forked<T>>>,
}

impl<T: Played> Clone for Player<T> {
    fn clone(&self) -> Self {
        Player {
            timeline: self.timeline.clone(),
            outcome: self.outcome.clone(),
            questions: self.questions.clone(),
            given: self.given.clone(),
            marks: self.marks.clone(),
            fork: self.fork.clone(),
            ..*self
        }
    }
}

// The timeline and the outcome by identity: a player makes a new outcome only when its time moves, and
// comparing two outcomes field by field cost the 2003 page 2 KB of code for no render it saved.
impl<T: Played> PartialEq for Player<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.timeline, &other.timeline)
            && (self.time_ms, self.end_ms, self.playing, self.speed)
                == (other.time_ms, other.end_ms, other.playing, other.speed)
            && Rc::ptr_eq(&self.outcome, &other.outcome)
            && self.marks == other.marks
            && Rc::ptr_eq(&self.questions, &other.questions)
            && self.given == other.given
            && self.forking == other.forking
            && crate::shell::same::same_option(&self.fork, &other.fork)
    }
}

impl<T: Played> Player<T> {
    /// A paused player at 0 s on a played script, running to `end_ms`.
    pub fn new(design: &T::Design, timeline: Rc<T>, end_ms: u64) -> Player<T> {
        let outcome = Rc::new(timeline.at(design, 0));
        let (questions, given) = (Rc::from(Vec::new()), Rc::from(Vec::new()));
        Player {
            timeline,
            time_ms: 0,
            end_ms,
            playing: false,
            speed: START_SPEED,
            outcome,
            marks: Rc::from(Vec::new()),
            questions,
            given,
            forking: false,
            fork: None,
        }
    }

    /// A paused player at 0 s on a whole played script.
    pub fn whole(design: &T::Design, timeline: T) -> Player<T> {
        let end_ms = timeline.end_ms();
        Player::new(design, Rc::new(timeline), end_ms)
    }

    /// The player at `time_ms` (never past the end), its fork too.
    pub fn at(&self, design: &T::Design, time_ms: u64) -> Player<T> {
        let time_ms = time_ms.min(self.end_ms);
        let fork = self
            .fork
            .as_ref()
            .map(|fork| Rc::new(Forked { outcome: Rc::new(fork.timeline.at(design, time_ms)), ..(**fork).clone() }));
        Player { time_ms, outcome: Rc::new(self.timeline.at(design, time_ms)), fork, ..self.clone() }
    }

    /// The design at the player's time: the fork's when it is the one shown.
    pub fn moment(&self) -> Moment<T::Outcome> {
        let outcome = match &self.fork {
            Some(fork) if fork.shown => fork.outcome.clone(),
            _ => self.outcome.clone(),
        };
        Moment { outcome, time_ms: Some(self.time_ms) }
    }

    /// The design as the script (not its fork) stands at the player's time.
    pub fn trunk(&self) -> &T::Outcome {
        &self.outcome
    }

    /// The same player with the fork `name` beside the script, made at `at_ms` with its own `steps` and
    /// played as `timeline`; `verdicts`: the script's, the fork's and the sentence comparing them. It runs to
    /// the later end of the two.
    pub fn forked(
        &self,
        design: &T::Design,
        (name, at_ms, steps): (String, u64, Vec<String>),
        timeline: Rc<T>,
        verdicts: (Verdict, Verdict, String),
    ) -> Player<T> {
        let end_ms = self.timeline.end_ms().max(timeline.end_ms()).max(self.end_ms);
        let trunk_end_ms = self.fork.as_ref().map_or(self.end_ms, |before| before.trunk_end_ms);
        let fork = Forked {
            name,
            at_ms,
            steps: steps.into(),
            outcome: Rc::new(timeline.at(design, self.time_ms)),
            timeline,
            shown: false,
            trunk_end_ms,
            verdicts: Rc::new(verdicts),
        };
        Player { end_ms, fork: Some(Rc::new(fork)), forking: false, playing: false, ..self.clone() }
    }

    /// The same player without its fork, at the same time or the script's end.
    fn unforked(&self, design: &T::Design) -> Option<Player<T>> {
        let end_ms = self.fork.as_ref()?.trunk_end_ms;
        Some(Player { fork: None, end_ms, ..self.clone() }.at(design, self.time_ms))
    }

    /// The time of the next step after `time_ms`, the script's or the fork's.
    fn next_step(&self, time_ms: u64) -> Option<u64> {
        let fork = self.fork.as_ref().and_then(|fork| fork.timeline.next_step(time_ms));
        match (self.timeline.next_step(time_ms), fork) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The time of the last step before `time_ms`, the script's or the fork's.
    fn previous_step(&self, time_ms: u64) -> u64 {
        let fork = self.fork.as_ref().map_or(0, |fork| fork.timeline.previous_step(time_ms));
        self.timeline.previous_step(time_ms).max(fork)
    }

    /// The last step shown by `time_ms`.
    pub fn current(&self) -> Option<&T::Entry> {
        self.timeline.current(self.time_ms)
    }

    /// Every step of the moment shown: the narration.
    pub fn narrated(&self) -> &[T::Entry] {
        self.timeline.moment(self.time_ms)
    }

    /// The lesson's mark of the moment shown, if it marks it.
    pub fn mark(&self) -> Option<&Mark> {
        let at = self.narrated().first().map(Step::t_ms)?;
        self.marks.iter().find(|mark| mark.at_ms == at)
    }

    /// The same player with the lesson's marks.
    pub fn marked(self, marks: Rc<[Mark]>) -> Player<T> {
        Player { marks, ..self }
    }

    /// The same player asking the lesson's `questions`, none answered yet.
    pub fn asking(self, questions: Vec<Checked>) -> Player<T> {
        let given = vec![None; questions.len()].into();
        Player { questions: questions.into(), given, ..self }
    }

    /// Where the player stops to ask question `index`.
    fn pause_of(&self, index: usize) -> u64 {
        self.questions[index].pause_ms.min(self.end_ms)
    }

    /// The first question not answered yet whose stop is after `from` and at or before `to`: playing or
    /// stepping from `from` to `to` stops there.
    fn stop_between(&self, from: u64, to: u64) -> Option<u64> {
        (0..self.questions.len())
            .filter(|&i| self.given[i].is_none())
            .map(|i| self.pause_of(i))
            .filter(|&stop| stop > from && stop <= to)
            .min()
    }

    /// The questions asked at the moment shown, by index: each asked until answered, then graded.
    pub fn questions_here(&self) -> Vec<usize> {
        (0..self.questions.len()).filter(|&i| self.pause_of(i) == self.time_ms).collect()
    }

    /// Whether a question of the moment shown waits for its answer: the script does not play on until then.
    pub fn waiting(&self) -> bool {
        self.questions_here().into_iter().any(|i| self.given[i].is_none())
    }

    /// Right answers of those graded, and the questions in all.
    pub fn score(&self) -> (usize, usize) {
        let right = self
            .questions
            .iter()
            .zip(self.given.iter())
            .filter(|(q, given)| given.as_deref().is_some_and(|g| !g.is_empty() && q.answer.grade(g)))
            .count();
        (right, self.questions.len())
    }

    /// Question `index` of the moment shown, answered with `given` (empty: revealed); once only.
    fn answered(&self, index: usize, given: String) -> Option<Player<T>> {
        let open = self.questions_here().contains(&index) && self.given[index].is_none();
        open.then(|| {
            let mut all = self.given.to_vec();
            all[index] = Some(given);
            Player { given: all.into(), playing: false, ..self.clone() }
        })
    }

    /// Play or pause; play at the end starts again.
    pub fn toggled(&self) -> Player<T> {
        let from_start = !self.playing && self.time_ms >= self.end_ms;
        Player { playing: !self.playing, time_ms: if from_start { 0 } else { self.time_ms }, ..self.clone() }
    }

    /// `real_ms` of real time later, when playing.
    pub fn ticked(&self, design: &T::Design, real_ms: u64) -> Option<Player<T>> {
        if !self.playing {
            return None;
        }
        let next = self.time_ms + (real_ms as f64 * self.speed).round() as u64;
        // A question not answered yet stops the play where it is asked.
        if let Some(stop) = self.stop_between(self.time_ms, next) {
            return Some(Player { playing: false, ..self.at(design, stop) });
        }
        let mut moved = self.at(design, next);
        moved.playing = next < self.end_ms;
        Some(moved)
    }

    /// Paused at the next step, if there is one.
    pub fn stepped_forward(&self, design: &T::Design) -> Option<Player<T>> {
        let next = self.next_step(self.time_ms).unwrap_or(self.end_ms);
        let next = self.stop_between(self.time_ms, next).unwrap_or(next);
        (next > self.time_ms).then(|| Player { playing: false, ..self.at(design, next) })
    }

    /// Paused at the step before.
    pub fn stepped_back(&self, design: &T::Design) -> Player<T> {
        Player { playing: false, ..self.at(design, self.previous_step(self.time_ms)) }
    }

    pub fn with_speed(&self, speed: f64) -> Player<T> {
        Player { speed: speed.clamp(0.25, 64.0), ..self.clone() }
    }

    /// The player after `action`; `None` when it changes nothing (and for `Close`, which the page handles).
    pub fn after(&self, design: &T::Design, action: &PlayerAction) -> Option<Player<T>> {
        match *action {
            // A question waits for its answer (or its reveal) before the script plays on.
            // A question waits for its answer (or its reveal) before the script plays on.
            PlayerAction::TogglePlay if self.waiting() => None,
            PlayerAction::TogglePlay => Some(self.toggled()),
            PlayerAction::Tick(real_ms) => self.ticked(design, real_ms),
            PlayerAction::Seek(time) => Some(self.at(design, time)),
            PlayerAction::StepForward => self.stepped_forward(design),
            PlayerAction::StepBack => Some(self.stepped_back(design)),
            PlayerAction::SetSpeed(speed) => Some(self.with_speed(speed)),
            PlayerAction::Answer(index, ref given) => self.answered(index, given.clone()),
            PlayerAction::Reveal => {
                let first = self.questions_here().into_iter().find(|&i| self.given[i].is_none())?;
                self.answered(first, String::new())
            }
            PlayerAction::Forking(open) => Some(Player { forking: open, playing: false, ..self.clone() }),
            PlayerAction::ShowFork(shown) => {
                let fork = self.fork.as_ref()?;
                Some(Player { fork: Some(Rc::new(Forked { shown, ..(**fork).clone() })), ..self.clone() })
            }
            PlayerAction::CloseFork => self.unforked(design),
            PlayerAction::Fork(_) | PlayerAction::Close => None,
        }
    }
}

/// A failure script's lines read as timed events and checked for order; the message says which line is
/// wrong, or that the script is empty (with an `example` of a line).
pub fn read_script<E, Error: std::fmt::Display>(
    script: &[String],
    parse: impl Fn(&str) -> Result<E, Error>,
    check_order: impl Fn(&[E]) -> Result<(), (usize, Error)>,
    example: &str,
) -> Result<Vec<E>, String> {
    let mut events = Vec::with_capacity(script.len());
    for (line, text) in script.iter().enumerate() {
        events.push(parse(text).map_err(|error| format!("Script line {}: {error}", line + 1))?);
    }
    check_order(&events).map_err(|(_, error)| format!("Script: {error}"))?;
    if events.is_empty() {
        return Err(format!("The script is empty: add a timed event such as {example}."));
    }
    Ok(events)
}

/// Seconds as typed ("60", "2.5", "2.5 s", or with a unit: "2min") in ms; the message says what is wrong.
pub fn parse_seconds(text: &str) -> Result<u64, String> {
    clusterplan_core::duration::parse(text)
        .ok()
        .filter(|&ms| ms <= 86_400_000)
        .ok_or_else(|| format!("A duration is a number of seconds from 0 to 86400, such as 60 or 2.5, not \"{text}\"."))
}

/// A step in words: what, what happened to it, why, and the page that documents it (none for a failure
/// the script asks for).
fn told(entry: &impl Step) -> Html {
    html! {
        <>
            <span class="what">{ format!("{} — {}", entry.subject(), entry.change()) }</span>
            <span class="why">{ format!(": {}", entry.reason()) }</span>
            if !entry.source().is_empty() {
                <span class="source">{ format!(" ({})", entry.source()) }</span>
            }
        </>
    }
}

/// The narration of the moment shown: when; the lesson's words for it, if it marks it; the steps the story
/// turns on, large; the others at the same moment listed beneath.
pub fn narration<E: Step>(moment: &[E], mark: Option<&Mark>) -> Html {
    let Some(first) = moment.first() else { return html! {} };
    let (key, also): (Vec<&E>, Vec<&E>) = moment.iter().partition(|e| e.key());
    let also_count = also.len();
    html! {
        <div class="narration" role="status" aria-live="polite">
            <span class="when">{ seconds(first.t_ms()) }</span>
            if let Some(mark) = mark {
                <p class="watch"><strong>{ "Watch: " }</strong>{ mark.say.clone() }</p>
            }
            <ul class="key">{ for key.into_iter().map(|e| html! { <li>{ told(e) }</li> }) }</ul>
            if also_count > 0 {
                <details class="also">
                    <summary>{ clusterplan_core::words::count(also_count, "more step at this moment", "more steps at this moment") }</summary>
                    <ul>{ for also.into_iter().map(|e| html! { <li>{ told(e) }</li> }) }</ul>
                </details>
            }
        </div>
    }
}

/// Play, pause, step, speed, the clock, a close button and the seek slider of a player.
pub fn controls<T: Played>(player: &Player<T>, dispatch: &Callback<PlayerAction>) -> Html {
    let onseek = dispatch.reform(|event: InputEvent| {
        PlayerAction::Seek(event.target_unchecked_into::<HtmlInputElement>().value().parse().unwrap_or(0))
    });
    let onspeed = dispatch.reform(|event: Event| {
        let index: usize = event.target_unchecked_into::<HtmlSelectElement>().value().parse().unwrap_or(2);
        PlayerAction::SetSpeed(SPEEDS.get(index).copied().unwrap_or(1.0))
    });
    html! {
        <>
            <div class="controls" role="toolbar" aria-label="Player">
                <button onclick={dispatch.reform(|_| PlayerAction::StepBack)} aria-label="Step back" aria-keyshortcuts="ArrowLeft">{ "◀ Step" }</button>
                <button onclick={dispatch.reform(|_| PlayerAction::TogglePlay)} aria-label={if player.playing { "Pause" } else { "Play" }}
                    aria-keyshortcuts="Space">{ if player.playing { "Pause" } else { "Play" } }</button>
                <button onclick={dispatch.reform(|_| PlayerAction::StepForward)} aria-label="Step forward" aria-keyshortcuts="ArrowRight">{ "Step ▶" }</button>
                <label for="speed" class="visually-hidden">{ "Speed" }</label>
                <select id="speed" onchange={onspeed}>
                    { for SPEEDS.iter().zip(SPEED_LABELS).enumerate().map(|(i, (s, label))| html! { <option value={i.to_string()} selected={*s == player.speed}>{ *label }</option> }) }
                </select>
                <span class="clock" data-time-ms={player.time_ms.to_string()}>{ format!("{} / {}", seconds(player.time_ms), seconds(player.end_ms)) }</span>
                <button onclick={dispatch.reform(|_| PlayerAction::Close)}>{ "Close" }</button>
            </div>
            <label for="seek" class="visually-hidden">{ "Time" }</label>
            <input id="seek" type="range" min="0" max={player.end_ms.to_string()} step="500" value={player.time_ms.to_string()} oninput={onseek} />
        </>
    }
}

/// The whole player: its controls, the narration of the moment shown, every step (each a button that seeks
/// to it; those shown so far marked past, the moment shown marked current, the key ones and the lesson's
/// marks set apart), and the family's `progress` at the player's time.
pub fn player_view<T: Played>(player: &Player<T>, dispatch: &Callback<PlayerAction>, progress: Html) -> Html {
    let steps = player.timeline.steps();
    let now = player.narrated().first().map(Step::t_ms);
    let mut marks = player.marks.iter().peekable();
    let items = steps.iter().enumerate().map(|(index, entry)| {
        let t = entry.t_ms();
        let when = if Some(t) == now { "current" } else if t <= player.time_ms { "past" } else { "future" };
        let first_at_t = index == 0 || steps[index - 1].t_ms() != t;
        // A lesson's mark comes before the first step at its time.
        let mut mark = None;
        while first_at_t && marks.peek().is_some_and(|m| m.at_ms <= t) {
            mark = marks.next().filter(|m| m.at_ms == t);
        }
        let seek = dispatch.reform(move |_| PlayerAction::Seek(t));
        html! {
            <>
                if let Some(mark) = mark {
                    <li class={classes!("mark", when)}>
                        <button onclick={seek.clone()}>{ format!("{} · Watch: {}", seconds(t), mark.say) }</button>
                    </li>
                }
                <li class={classes!(when, entry.key().then_some("key"))}>
                    <button onclick={seek}>{ format!("{} · {} — {}", seconds(t), entry.subject(), entry.change()) }</button>
                </li>
            </>
        }
    });
    html! {
        <div class="player">
            { controls(player, dispatch) }
            { for player.questions_here().into_iter().map(|i| asked(i, &player.questions[i], player.given[i].as_deref(), dispatch)) }
            if !player.questions_here().is_empty() && !player.waiting() && !player.playing {
                <button class="go-on" onclick={dispatch.reform(|_| PlayerAction::TogglePlay)}>{ "Continue ▶" }</button>
            }
            { score(player) }
            { narration(player.narrated(), player.mark()) }
            <details class="all-steps">
                <summary>{ format!("All {} steps (a click goes to one)", steps.len()) }</summary>
                <ol class="steps">{ for items }</ol>
            </details>
            { progress }
        </div>
    }
}

/// A question of the lesson: asked, with its choices (buttons; boxes to tick when the answer is several;
/// a number typed when it has none) and a button that reveals the answer ungraded; or, once `given`, graded,
/// with the engine's answer, why and the source.
fn asked(index: usize, question: &Checked, given: Option<&str>, dispatch: &Callback<PlayerAction>) -> Html {
    let answer = &question.answer;
    let body = match given {
        None if answer.several => {
            let choices = answer.choices.clone();
            let submit = dispatch.reform(move |event: SubmitEvent| {
                event.prevent_default();
                let ticked = choices
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| input(&format!("choice-{index}-{i}")).is_some_and(|i| i.checked()));
                PlayerAction::Answer(index, ticked.map(|(_, c)| c.as_str()).collect::<Vec<_>>().join(", "))
            });
            html! {
                <form class="choices" onsubmit={submit}>
                    { for answer.choices.iter().enumerate().map(|(i, c)| html! {
                        <label><input type="checkbox" id={format!("choice-{index}-{i}")} />{ format!(" {c}") }</label>
                    }) }
                    <button type="submit">{ "Answer" }</button>
                </form>
            }
        }
        None if answer.choices.is_empty() => {
            let submit = dispatch.reform(move |event: SubmitEvent| {
                event.prevent_default();
                PlayerAction::Answer(index, input(&format!("answer-{index}")).map(|i| i.value()).unwrap_or_default())
            });
            html! {
                <form class="choices" onsubmit={submit}>
                    <label>{ "Your answer " }<input type="text" id={format!("answer-{index}")} inputmode="numeric" /></label>
                    <button type="submit">{ "Answer" }</button>
                </form>
            }
        }
        None => html! {
            <div class="choices" role="group" aria-label="Choices">
                { for answer.choices.iter().map(|c| { let choice = c.clone(); html! {
                    <button onclick={dispatch.reform(move |_| PlayerAction::Answer(index, choice.clone()))}>{ c.clone() }</button>
                } }) }
            </div>
        },
        Some(given) => {
            let verdict = if given.is_empty() {
                "The answer:".to_string()
            } else if answer.grade(given) {
                "Right.".to_string()
            } else {
                format!(
                    "Not this time: the answer is {}.",
                    if answer.value.is_empty() { "none" } else { &answer.value }
                )
            };
            let right = !given.is_empty() && answer.grade(given);
            html! {
                <div class={classes!("graded", right.then_some("right"), given.is_empty().then_some("revealed"))} role="status">
                    <p class="verdict"><strong>{ verdict }</strong>{ format!(" {}", answer.says) }</p>
                    <p class="why">{ answer.why.clone() }</p>
                    <p class="source">{ answer.source.clone() }</p>
                </div>
            }
        }
    };
    html! {
        <section class="question" aria-label="Question">
            <p class="ask"><strong>{ "Predict: " }</strong>{ question.ask.clone() }</p>
            { body }
            if given.is_none() {
                <button class="reveal" onclick={dispatch.reform(move |_| PlayerAction::Answer(index, String::new()))} aria-keyshortcuts="R">{ "Reveal the answer" }</button>
            }
        </section>
    }
}

/// The page's input with this id.
fn input(id: &str) -> Option<HtmlInputElement> {
    gloo::utils::document().get_element_by_id(id)?.dyn_into().ok()
}

/// The learner's score once every question has been answered or revealed.
fn score<T: Played>(player: &Player<T>) -> Html {
    let (right, all) = player.score();
    if all == 0 || player.given.iter().any(Option::is_none) {
        return html! {};
    }
    html! { <p class="score" role="status">{ format!("Score: {right} of {all} predicted right.") }</p> }
}

/// The lesson menu: a lesson is chosen, then opened with its button.
pub fn lesson_menu(lessons: &[(&'static str, &'static str)], open: &Callback<String>) -> Html {
    let options: Vec<(String, String)> =
        lessons.iter().map(|(id, title)| (id.to_string(), title.to_string())).collect();
    html! {
        <div class="field">
            { choose_then("lesson", "Lessons", "Choose a lesson…", &options, "Open lesson", open.clone()) }
        </div>
    }
}

/// A duration in seconds, editable; it resets when a refusal (`refusals`) leaves the value as it was.
pub fn duration_field(label: &str, ms: u64, refusals: u32, changed: Callback<String>) -> Html {
    let onchange = changed.reform(|event: Event| event.target_unchecked_into::<HtmlInputElement>().value());
    html! {
        <label class="duration">{ label.to_string() }
            <input type="text" inputmode="decimal" key={format!("{label}{ms}-{refusals}")}
                value={clusterplan_core::duration::seconds(ms)} {onchange} />
        </label>
    }
}

/// Space plays or pauses, the arrows step. In presenter mode they do so wherever the focus is, as its hint
/// says (a button just clicked keeps the focus, and Space would click it again); otherwise not on something
/// that uses them: Space on a button, a link or a disclosure's summary, the arrows on the diagram.
pub fn player_key(event: &KeyboardEvent, presenting: bool) -> Option<PlayerAction> {
    let within = |selector: &str| {
        !presenting
            && event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|e| e.closest(selector).ok().flatten().is_some())
    };
    match event.key().as_str() {
        " " if !within("svg, button, a, summary, [role=button]") => Some(PlayerAction::TogglePlay),
        "ArrowLeft" if !within("svg") => Some(PlayerAction::StepBack),
        "ArrowRight" if !within("svg") => Some(PlayerAction::StepForward),
        // In presenter mode the room answers aloud, and R reveals.
        "r" | "R" if presenting => Some(PlayerAction::Reveal),
        _ => None,
    }
}

/// While `playing`, the clock ticks ten times a second.
#[hook]
pub fn use_player_clock(playing: bool, dispatch: Callback<PlayerAction>) {
    use_effect_with(playing, move |&playing| {
        let interval = playing.then(|| Interval::new(100, move || dispatch.emit(PlayerAction::Tick(100))));
        move || drop(interval)
    });
}
