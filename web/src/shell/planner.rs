//! One planner over both families. What every planner has is here, once: the saved design and what the
//! engine says of it, undo and redo, notices and refusals, the selection, opening presets, files, links
//! and lessons, applying events, the player and presenter mode. A family says what is its own through
//! [`Family`]: its design and events, how its engine answers, its lessons, and its own actions, which it
//! reduces with the shared steps ([`Planner::commit`], [`Planner::refuse`], [`Planner::edit`]).

use std::fmt::Debug;
use std::rc::Rc;

use clusterplan_core::edit::Edited;
use clusterplan_core::finding::{Finding, SubjectKind};
use clusterplan_core::fork::{Branch, Fork, Service};
use clusterplan_core::quiz::{self, Asking, Goal, Playable, Reached};
use clusterplan_core::timeline::Played;
use serde::Serialize;
use yew::Reducible;

use super::files::Brought;
use super::files::Reading;
use super::findings::with_advice;
use super::history::History;
use super::moment::Moment;
use super::notice::{Notice, Problem};
use super::player::{Player, PlayerAction};
use super::presenter::{Escape, Opening, Presenter};
use super::same::{same, same_option};
use super::share::{self, Saved};

/// What a family of designs brings to the planner.
pub trait Family: Sized + Copy + PartialEq + Debug + 'static {
    /// The design as saved and edited.
    type Scenario: Clone + PartialEq + Debug + Serialize;
    /// The design resolved by the engine.
    type Design: Debug + PartialEq;
    /// An event read against a design.
    type Event: Copy + Debug + PartialEq;
    /// What the engine says after the events applied.
    type Outcome: Debug + PartialEq;
    /// The engine after the events applied, kept so that the next event goes on from it (a DAG at real
    /// scale settles hundreds of databases an event: a click should not replay every event before it).
    type Applied: Debug;
    /// A failure script played second by second.
    type Timeline: Played<Design = Self::Design, Outcome = Self::Outcome> + Service + Debug + PartialEq;
    /// What follows from the design alone, beside its findings (the 2003 mode and IP plan).
    type Facts: Debug + PartialEq;
    /// What the inspector shows; the default is the design as a whole (nothing in particular selected).
    type Selection: Clone + PartialEq + Debug + Default;
    /// The family's own part of the state (the 2003 planner's view of its diagram and its comparison).
    type Own: Clone + PartialEq + Debug;
    /// The family's own actions: its edits of the design.
    type Action: Clone + PartialEq + Debug;
    /// A duration of the timeline the user can set.
    type TimingField: Clone + PartialEq + Debug;

    /// The preset a planner starts on when what it was given does not load.
    const FALLBACK: &'static str;
    /// Where the planner's autosave lives in local storage.
    const STORAGE_KEY: &'static str;

    /// What the family's lessons ask and set as goals (core's side of its lessons).
    type Asking: Asking<Scenario = Self::Scenario, Design = Self::Design, Keep: PartialEq + Debug> + Debug;

    fn preset(id: &str) -> Option<Self::Scenario>;
    fn lesson_ids() -> Vec<&'static str>;
    /// A design file's text, read as the family reads files, or why not.
    fn read_file(text: &str) -> Result<Saved<Self::Scenario>, Problem>;
    /// The files brought at once (opened or dropped), read as the family reads them, with a notice of what
    /// the reading assumed; by default one design file, as [`Family::read_file`] reads it.
    fn read_files(files: &[Brought]) -> Result<(Saved<Self::Scenario>, Option<Notice>), Problem> {
        match files {
            [(_, bytes)] => match std::str::from_utf8(bytes) {
                Ok(text) => Self::read_file(text).map(|saved| (saved, None)),
                Err(error) => Err(Problem::from(format!("it is not UTF-8 text (byte {})", error.valid_up_to()))),
            },
            _ => Err(Problem::from(format!("{} files were chosen{}", files.len(), Self::SEVERAL_FILES))),
        }
    }
    /// What [`Family::read_files`] says after "N files were chosen" when they are not one design.
    const SEVERAL_FILES: &'static str = "; a design is one file";
    /// Whether the planner reads other tools' files with the component's importer; one that does not carries
    /// none of that path (the 2003 page hands such files to the DAG page).
    const IMPORTS: bool = false;
    /// Where files brought to the planner are read; by default here, as [`Family::read_files`] reads them.
    fn reading(_files: &[Brought]) -> Reading {
        Reading::Here
    }
    /// The design the component's `importFrom` of `kind` read (its result as JSON, `{design, notes}`), with
    /// a notice of what it assumed; a family that imports nothing refuses.
    fn imported(_kind: &str, _result: &str) -> Result<(Saved<Self::Scenario>, Notice), Problem> {
        Err(Problem::from("this planner imports no other tool's files".to_string()))
    }
    /// A saved design (the autosave, a share link), or why not.
    fn read_saved(text: &str) -> Result<Saved<Self::Scenario>, String>;

    /// The design's name.
    fn name(scenario: &Self::Scenario) -> &str;
    fn script(scenario: &Self::Scenario) -> &[String];
    fn script_mut(scenario: &mut Self::Scenario) -> &mut Vec<String>;
    /// `scenario` with one of the timeline's durations set from the seconds typed; `None` when that
    /// changes nothing.
    fn with_timing(
        scenario: &Self::Scenario,
        field: Self::TimingField,
        text: &str,
    ) -> Result<Option<Self::Scenario>, String>;

    fn design(scenario: Self::Scenario) -> Result<Self::Design, Problem>;
    fn scenario(design: &Self::Design) -> &Self::Scenario;
    /// The scenario as the component's worker reads it: without its drawing.
    fn without_drawing(scenario: &Self::Scenario) -> Self::Scenario;
    fn parse(text: &str, design: &Self::Design) -> Result<Self::Event, String>;
    fn label(event: Self::Event, design: &Self::Design) -> String;
    /// `events` applied to the healthy design.
    fn replay(design: &Self::Design, events: &[Self::Event]) -> Self::Applied;
    /// `applied`, then `event`: what a click does, without replaying the events before it where the
    /// family's engine can go on from where it left off.
    fn then(design: &Self::Design, applied: &Self::Applied, event: Self::Event) -> Self::Applied;
    /// What the engine says of the design as the events applied leave it.
    fn outcome(design: &Self::Design, applied: &Self::Applied) -> Self::Outcome;
    /// Why the engine refused the last event of `outcome`, if it did.
    fn refused(outcome: &Self::Outcome) -> Option<String>;
    /// The refusal of `event` in words.
    fn refusal(design: &Self::Design, event: Self::Event, reason: &str) -> String {
        format!("Cannot {}: {reason}", Self::label(event, design))
    }
    fn validate(design: &Self::Design) -> Vec<Finding>;
    fn facts(design: &Self::Design) -> Self::Facts;
    /// The engine's advice for the design as the events applied leave it.
    fn advice(design: &Self::Design, applied: &Self::Applied) -> Vec<Finding>;
    /// The events that fail the members (or sites) named: a worst set of the failure matrix, as events.
    fn failing(design: &Self::Design, names: &[String]) -> Vec<String>;
    /// A paused player at 0 s on `script` played on `design`, or which line is wrong.
    fn play(design: &Self::Design, script: &[String]) -> Result<Player<Self::Timeline>, String>;

    /// Where a finding's subject is on screen.
    fn selection_for(kind: SubjectKind, subject: &str) -> Self::Selection;
    /// The family's own part of a new planner on `saved`.
    fn own(saved: &Saved<Self::Scenario>, analysis: &Analysis<Self>) -> Self::Own;
    /// The state after a whole new design arrives, or presenter mode starts (the diagram fitted to it).
    fn refit(state: Rc<Planner<Self>>) -> Rc<Planner<Self>> {
        state
    }
    /// Whether presenter mode shows what is open as it is, opening no lesson (a comparison).
    fn presented_as_it_is(_state: &Planner<Self>) -> bool {
        false
    }
    /// The family's own part when a lesson opens: a lesson plays on its own design alone.
    fn beside_a_lesson(own: &Self::Own) -> Self::Own {
        own.clone()
    }
    /// The family's own part after a player action when no player is open (the comparison's panes), if
    /// that changes it.
    fn played_beside(_state: &Planner<Self>, _action: &PlayerAction) -> Option<Self::Own> {
        None
    }
    /// Whether something beside the design plays (a comparison's panes): the player's clock ticks.
    fn playing_beside(_own: &Self::Own) -> bool {
        false
    }
    /// The family's own actions.
    fn reduce(state: Rc<Planner<Self>>, action: Self::Action) -> Rc<Planner<Self>>;
}

/// The part of a [`Family`] impl that reads the same in both families, written once. Each family's state
/// module names its own types and functions alike — `Scenario`, `Design`, `Event`, `Outcome`, `Timeline`,
/// `Selection`, `TimingField`, `Player`; core's `presets`, `lessons` and `rules`; its `with_timing`,
/// `play_script` and `selection_for` — and the impl says only what differs.
macro_rules! alike_in_both_families {
    () => {
        type Scenario = Scenario;
        type Design = Design;
        type Event = Event;
        type Outcome = Outcome;
        type Timeline = Timeline;
        type Selection = Selection;
        type TimingField = TimingField;

        fn preset(id: &str) -> Option<Scenario> {
            presets::preset(id)
        }

        type Asking = Asking;

        fn lesson_ids() -> Vec<&'static str> {
            lessons::ids()
        }

        fn name(scenario: &Scenario) -> &str {
            &scenario.name
        }

        fn script(scenario: &Scenario) -> &[String] {
            &scenario.script
        }

        fn script_mut(scenario: &mut Scenario) -> &mut Vec<String> {
            &mut scenario.script
        }

        fn with_timing(scenario: &Scenario, field: TimingField, text: &str) -> Result<Option<Scenario>, String> {
            with_timing(scenario, field, text)
        }

        fn design(scenario: Scenario) -> Result<Design, Problem> {
            Design::new(scenario).map_err(|errors| Problem::from(&errors))
        }

        fn scenario(design: &Design) -> &Scenario {
            &design.scenario
        }

        fn without_drawing(scenario: &Scenario) -> Scenario {
            Scenario { layout: Default::default(), ..scenario.clone() }
        }

        fn parse(text: &str, design: &Design) -> Result<Event, String> {
            Event::parse(text, design).map_err(|error| error.to_string())
        }

        fn label(event: Event, design: &Design) -> String {
            event.label(design)
        }

        fn refused(outcome: &Outcome) -> Option<String> {
            outcome.events.last().and_then(|e| e.refused.clone())
        }

        fn validate(design: &Design) -> Vec<clusterplan_core::finding::Finding> {
            rules::validate(design)
        }

        fn play(design: &Design, script: &[String]) -> Result<Player, String> {
            play_script(design, script)
        }

        fn selection_for(kind: clusterplan_core::finding::SubjectKind, subject: &str) -> Selection {
            selection_for(kind, subject)
        }
    };
}
pub(crate) use alike_in_both_families;

/// What the engine says about the current design and events.
#[derive(Debug)]
pub struct Analysis<F: Family> {
    /// Shared: an event keeps the design, so the next analysis takes it without a copy.
    pub design: Rc<F::Design>,
    /// The events applied, read once.
    pub events: Vec<F::Event>,
    /// The engine after them, which the next event goes on from, and after fewer of them, which an undo
    /// goes back to.
    applied: Steps<F::Applied>,
    /// The outcome of the events applied: private, shown only as the planner's one [`Moment`].
    outcome: Rc<F::Outcome>,
    /// What follows from the design alone: shared between analyses of the same design, so an event
    /// neither recomputes it nor re-renders the panels that show it.
    pub facts: Rc<Facts<F>>,
    /// The design's findings, then the engine's advice for the design as the events applied leave it.
    pub findings_and_advice: Rc<Vec<Finding>>,
}

/// What follows from a design alone.
#[derive(Debug)]
pub struct Facts<F: Family> {
    pub findings: Rc<Vec<Finding>>,
    /// The design as the component's worker reads it (without the drawing), for the failure analysis.
    pub design_text: Rc<String>,
    /// The family's own facts.
    pub family: F::Facts,
}

impl<F: Family> PartialEq for Facts<F> {
    fn eq(&self, other: &Self) -> bool {
        self.findings == other.findings && self.design_text == other.design_text && self.family == other.family
    }
}

impl<F: Family> PartialEq for Analysis<F> {
    fn eq(&self, other: &Self) -> bool {
        self.design == other.design
            && self.events == other.events
            && self.outcome == other.outcome
            && self.facts == other.facts
            && self.findings_and_advice == other.findings_and_advice
    }
}

/// How many states before the events applied an analysis keeps, so that as many undos in a row take the
/// state they go back to instead of applying every event again (at 16 members × 500 databases about
/// 10 µs an event natively, several times that in WebAssembly).
const STEPS_KEPT: usize = 32;

/// The engine after the events applied (`now`), and after each of the last [`STEPS_KEPT`] fewer: `earlier`'s
/// last is the state before the last event.
#[derive(Debug)]
pub struct Steps<A> {
    now: Rc<A>,
    earlier: Vec<Rc<A>>,
}

impl<A> Steps<A> {
    /// The engine after `events` on `design`, where `previous` (an analysis of the same design) left it: going
    /// on from its state when `events` add to its events, taking a state it kept when they are fewer (an undo),
    /// else applying every event again.
    fn after<F: Family<Applied = A>>(
        design: &F::Design,
        events: &[F::Event],
        previous: Option<&Analysis<F>>,
    ) -> Steps<A> {
        if let Some(previous) = previous {
            let Steps { now, earlier } = &previous.applied;
            if let Some(added) = events.strip_prefix(&previous.events[..]) {
                let (mut now, mut earlier) = (now.clone(), earlier.clone());
                for &event in added {
                    let next = Rc::new(F::then(design, &now, event));
                    earlier.push(std::mem::replace(&mut now, next));
                }
                earlier.drain(..earlier.len().saturating_sub(STEPS_KEPT));
                return Steps { now, earlier };
            }
            let back = previous.events.len().saturating_sub(events.len());
            if (1..=earlier.len()).contains(&back) && previous.events.starts_with(events) {
                let mut earlier = earlier.clone();
                let now = earlier.split_off(earlier.len() - back).swap_remove(0);
                return Steps { now, earlier };
            }
        }
        Steps { now: Rc::new(F::replay(design, events)), earlier: Vec::new() }
    }
}

impl<F: Family> Analysis<F> {
    /// The analysis of `design` after `events`, whose outcome the engine has given; what depends on the
    /// design alone is taken from `previous` when the design is the same (the same `Rc`).
    pub fn new(
        design: Rc<F::Design>,
        events: Vec<F::Event>,
        applied: Steps<F::Applied>,
        outcome: F::Outcome,
        previous: Option<&Analysis<F>>,
    ) -> Analysis<F> {
        // The same scenario is always the same design: `analyse` keeps it, and an event never changes it.
        let facts = match previous.filter(|previous| Rc::ptr_eq(&previous.design, &design)) {
            Some(previous) => previous.facts.clone(),
            None => Rc::new(Facts {
                findings: Rc::new(F::validate(&design)),
                design_text: Rc::new(worker_text::<F>(F::scenario(&design))),
                family: F::facts(&design),
            }),
        };
        let findings_and_advice = with_advice(&facts.findings, F::advice(&design, &applied.now));
        Analysis { design, events, applied, outcome: Rc::new(outcome), facts, findings_and_advice }
    }

    /// What every panel shows: the player's moment while a script plays, else the events applied now.
    pub fn moment(&self, player: Option<&Player<F::Timeline>>) -> Moment<F::Outcome> {
        player.map_or_else(|| Moment::now(self.outcome.clone()), Player::moment)
    }
}

/// The scenario without its drawing, as JSON: what the failure analysis depends on.
pub fn worker_text<F: Family>(scenario: &F::Scenario) -> String {
    share::to_json(&F::without_drawing(scenario))
}

/// A saved design as [`analyse`] kept it (without the events that no longer apply), what the engine says of
/// it, and the notice that names the events dropped.
pub type Analysed<F> = (Saved<<F as Family>::Scenario>, Analysis<F>, Option<Notice>);

/// Loads `saved`'s design and replays its events; events that no longer apply to it are dropped, and the
/// notice says which. When `previous` has the same design (an undone or redone failure), its design is kept
/// and, when `saved`'s events go on from its events, the engine goes on from where they left it.
pub fn analyse<F: Family>(saved: &Saved<F::Scenario>, previous: Option<&Analysis<F>>) -> Result<Analysed<F>, Problem> {
    let previous = previous.filter(|previous| F::scenario(&previous.design) == &saved.scenario);
    let design = match previous {
        Some(previous) => previous.design.clone(),
        None => Rc::new(F::design(saved.scenario.clone())?),
    };
    let mut events = Vec::with_capacity(saved.events.len());
    let mut kept = Vec::with_capacity(saved.events.len());
    let mut dropped = Vec::new();
    for text in &saved.events {
        match F::parse(text, &design) {
            Ok(event) => {
                events.push(event);
                kept.push(text.clone());
            }
            Err(_) => dropped.push(text.clone()),
        }
    }
    let notice = (!dropped.is_empty()).then(|| {
        Notice::info(format!("These events no longer match the design and were dropped: {}.", dropped.join(", ")))
    });
    let saved = Saved { scenario: saved.scenario.clone(), events: kept };
    let applied = Steps::after::<F>(&design, &events, previous);
    let outcome = F::outcome(&design, &applied.now);
    Ok((saved, Analysis::new(design, events, applied, outcome, previous), notice))
}

/// Everything the user can ask of a planner.
#[derive(Debug, Clone, PartialEq)]
pub enum Action<F: Family> {
    LoadPreset(String),
    /// Open a design file's text (a bad one leaves everything as it was).
    Import(String),
    /// Files opened or dropped at once: a design file, or what the family reads from several.
    ImportFiles(Vec<Brought>),
    /// A whole design read elsewhere (another tool's files, read in the component's worker), with what the
    /// reading assumed.
    Opened(Box<Saved<F::Scenario>>, Notice),
    /// Replace the design and events (from a share link, the autosave).
    Restore(Box<Saved<F::Scenario>>),
    /// Fail exactly the members (or sites) named, a set of the failure matrix: the design with those failed
    /// and nothing else, one undoable step.
    FailOnly(Vec<String>),
    /// Apply an event, as core writes it (`fail:node3`, `fail-site:dc1`).
    Apply(String),
    /// Undo every event: back to the healthy design.
    Heal,
    Select(F::Selection),
    /// Select what a finding is about.
    SelectSubject(SubjectKind, String),
    Undo,
    Redo,
    /// Replace the failure script (one timed event a line).
    SetScript(Vec<String>),
    /// A duration of the timeline, in seconds as typed.
    SetTiming(F::TimingField, String),
    /// Play the design's failure script on the timeline.
    PlayScript,
    /// Open a guided lesson: its design and script, ready to play.
    OpenLesson(String),
    /// Open a lesson file's text (chosen, dropped, or from a lesson link).
    OpenLessonText(String),
    /// Leave the lesson's goal.
    LeaveGoal,
    /// Drive the player; `Close` closes it.
    Player(PlayerAction),
    Notify(Notice),
    Dismiss,
    /// Presenter mode on: at the lesson named, else what the player plays, else the design's own script,
    /// else the first lesson.
    StartPresenting(Option<String>),
    StopPresenting,
    /// In presenter mode, the next lesson.
    NextLesson,
    /// The family's own action.
    Family(F::Action),
}

/// A lesson's goal being played: the goal, in words, the edits made since the lesson opened and whether the
/// design as it is now reaches it.
#[derive(Debug, PartialEq)]
pub struct GoalPlay<F: Family> {
    pub goal: Goal<<F::Asking as Asking>::Keep>,
    pub title: String,
    pub says: String,
    /// Changes of the design since the lesson opened (undo and redo included, as strokes count in golf;
    /// moving things on the diagram and the script are not the design).
    pub edits: usize,
    pub reached: Reached,
}

impl<F: Family> GoalPlay<F> {
    /// Where the goal stands on `design`, `counted` edits later.
    fn after(&self, design: &F::Design, counted: usize) -> GoalPlay<F> {
        GoalPlay {
            goal: self.goal.clone(),
            title: self.title.clone(),
            says: self.says.clone(),
            edits: self.edits + counted,
            reached: goal_reached::<F>(design, &self.goal),
        }
    }
}

/// Whether `design` reaches `goal`: not when the design no longer has what the goal keeps, or an event of
/// the goal no longer reads.
fn goal_reached<F: Family>(design: &F::Design, goal: &Goal<<F::Asking as Asking>::Keep>) -> Reached {
    if let Some(missing) = F::Asking::keep_missing(&goal.keep, design, "goal.keep") {
        return Reached {
            reached: false,
            says: format!("the design no longer has what the goal keeps: {}", missing.message),
        };
    }
    quiz::reach::<F::Asking>(design, goal).unwrap_or_else(|says| Reached { reached: false, says })
}

/// The text of a lesson file brought alone (`"kind": "lesson"`).
fn lesson_file(files: &[Brought]) -> Option<&str> {
    match files {
        [(_, bytes)] => std::str::from_utf8(bytes).ok().filter(|text| clusterplan_core::scenario::says_lesson(text)),
        _ => None,
    }
}

/// The whole state of a planner.
#[derive(Debug)]
pub struct Planner<F: Family> {
    /// Shared, not copied: every action clones the state, and a design at the limits is big.
    pub saved: Rc<Saved<F::Scenario>>,
    pub analysis: Rc<Analysis<F>>,
    pub history: History<Saved<F::Scenario>>,
    pub selection: F::Selection,
    pub notice: Option<Notice>,
    /// How many actions were refused: forms reset their fields when it changes.
    pub refusals: u32,
    /// The timeline player, when a script is being played.
    pub player: Option<Rc<Player<F::Timeline>>>,
    /// Presenter mode, and the lesson it has open.
    pub presenter: Presenter,
    /// The goal of the lesson open, if it sets one.
    pub goal: Option<Rc<GoalPlay<F>>>,
    /// The family's own part.
    pub own: F::Own,
}

impl<F: Family> Clone for Planner<F> {
    fn clone(&self) -> Self {
        Planner {
            saved: self.saved.clone(),
            analysis: self.analysis.clone(),
            history: self.history.clone(),
            selection: self.selection.clone(),
            notice: self.notice.clone(),
            refusals: self.refusals,
            player: self.player.clone(),
            presenter: self.presenter,
            goal: self.goal.clone(),
            own: self.own.clone(),
        }
    }
}

/// States compare their shared parts by identity ([`super::same`]): every component's props hold the
/// state, and comparing a 200-database design by its contents on each render costs more than drawing it.
impl<F: Family> PartialEq for Planner<F> {
    fn eq(&self, other: &Self) -> bool {
        let Planner { saved, analysis, history, selection, notice, refusals, player, presenter, goal, own } = self;
        same(saved, &other.saved)
            && same(analysis, &other.analysis)
            && *history == other.history
            && *selection == other.selection
            && *notice == other.notice
            && *refusals == other.refusals
            && same_option(player, &other.player)
            && *presenter == other.presenter
            && same_option(goal, &other.goal)
            && *own == other.own
    }
}

impl<F: Family> Planner<F> {
    /// The planner started on `saved`, or on the family's fallback preset if `saved` does not load (with a
    /// notice).
    pub fn new(saved: Saved<F::Scenario>) -> Planner<F> {
        let (saved, analysis, notice) = match analyse::<F>(&saved, None) {
            Ok(analysed) => analysed,
            Err(problem) => {
                let fallback = Saved::healthy(F::preset(F::FALLBACK).expect("the fallback preset exists"));
                let (fallback, analysis, _) = analyse::<F>(&fallback, None).expect("the fallback preset loads");
                (fallback, analysis, Some(Notice::problem("The saved design could not be opened", &problem)))
            }
        };
        Planner {
            own: F::own(&saved, &analysis),
            saved: Rc::new(saved),
            analysis: Rc::new(analysis),
            history: History::default(),
            selection: F::Selection::default(),
            notice,
            refusals: 0,
            player: None,
            presenter: Presenter::default(),
            goal: None,
        }
    }

    /// What every panel shows: the player's moment while a script plays, else the events applied now. The
    /// only way to an outcome to show.
    pub fn moment(&self) -> Moment<F::Outcome> {
        self.analysis.moment(self.player.as_deref())
    }

    /// The scenario being edited.
    pub fn scenario(&self) -> &F::Scenario {
        &self.saved.scenario
    }

    /// Makes `saved` the design (an undoable step); if it does not load, nothing changes and the notice
    /// says why. Events that no longer apply are dropped, and a notice says which.
    pub fn commit(self: &Rc<Self>, saved: Saved<F::Scenario>, notice: Option<Notice>) -> Rc<Self> {
        match analyse::<F>(&saved, Some(&self.analysis)) {
            Ok((saved, analysis, dropped)) => self.commit_analysed(saved, analysis, dropped.or(notice)),
            Err(problem) => self.refuse(Notice::problem("That would break the design", &problem)),
        }
    }

    /// Makes `saved`, already analysed, the design (an undoable step). A changed design or new events end
    /// the time travel: the player closes.
    pub fn commit_analysed(
        self: &Rc<Self>,
        saved: Saved<F::Scenario>,
        analysis: Analysis<F>,
        notice: Option<Notice>,
    ) -> Rc<Self> {
        Rc::new(Planner {
            goal: self.goal_after(&saved.scenario, &analysis.design),
            saved: Rc::new(saved),
            analysis: Rc::new(analysis),
            history: self.history.after_step(self.saved.clone()),
            notice,
            player: None,
            ..(**self).clone()
        })
    }

    /// The goal once the design is `scenario`: one edit more, and checked again, when the design itself
    /// changed (not only its drawing or its script).
    fn goal_after(&self, scenario: &F::Scenario, design: &F::Design) -> Option<Rc<GoalPlay<F>>> {
        let goal = self.goal.as_ref()?;
        let bare = |scenario: &F::Scenario| {
            let mut bare = F::without_drawing(scenario);
            F::Asking::take_script(&mut bare);
            bare
        };
        if bare(scenario) == bare(&self.saved.scenario) {
            return Some(goal.clone());
        }
        Some(Rc::new(goal.after(design, 1)))
    }

    /// Keeps everything and says why not.
    pub fn refuse(self: &Rc<Self>, notice: Notice) -> Rc<Self> {
        Rc::new(Planner { notice: Some(notice), refusals: self.refusals + 1, ..(**self).clone() })
    }

    /// The same state with `selection` selected.
    pub fn selecting(self: Rc<Self>, selection: F::Selection) -> Rc<Self> {
        if selection == self.selection {
            return self;
        }
        Rc::new(Planner { selection, ..(*self).clone() })
    }

    /// The same state with `own`, the family's own part.
    pub fn with_own(self: Rc<Self>, own: F::Own) -> Rc<Self> {
        if own == self.own {
            return self;
        }
        Rc::new(Planner { own, ..(*self).clone() })
    }

    /// Changes the design with `change` (an undoable step); a change that fails, or a design that would not
    /// load, is refused with its reason; a change that changes nothing keeps the state.
    pub fn edit(self: &Rc<Self>, change: impl FnOnce(&mut F::Scenario) -> Edited) -> Rc<Self> {
        self.adding(|scenario| change(scenario).map(|()| String::new())).0
    }

    /// [`Planner::edit`] for an edit that adds a thing: the state after it, and the new thing's name when
    /// the design took it.
    pub fn adding(self: &Rc<Self>, add: impl FnOnce(&mut F::Scenario) -> Edited<String>) -> (Rc<Self>, Option<String>) {
        let mut scenario = self.saved.scenario.clone();
        let name = match add(&mut scenario) {
            Ok(name) => name,
            Err(problem) => return (self.refuse(Notice::error(problem.to_string())), None),
        };
        if scenario == self.saved.scenario {
            return (self.clone(), None);
        }
        let next = self.commit(Saved { scenario, events: self.saved.events.clone() }, None);
        let added = next.changed_from(self).then_some(name);
        (next, added)
    }

    /// Whether the last action changed the design (or its events).
    pub fn changed_from(&self, before: &Planner<F>) -> bool {
        self.saved != before.saved
    }

    /// A whole new design: an undoable step, nothing selected, the diagram fitted to it.
    /// A lesson's goal ends with it.
    pub fn open(self: &Rc<Self>, saved: Saved<F::Scenario>, notice: Option<Notice>) -> Rc<Self> {
        let next = self.commit(saved, notice);
        let new_design = next.saved.scenario != self.saved.scenario;
        let next =
            if new_design && next.goal.is_some() { Rc::new(Planner { goal: None, ..(*next).clone() }) } else { next };
        F::refit(if new_design { next.selecting(F::Selection::default()) } else { next })
    }

    /// The design as the player shows it, its events made the applied ones, and the player closed: acting
    /// during playback acts on what is on screen (the script's events up to the player's time).
    fn as_shown(self: Rc<Self>) -> Rc<Self> {
        let Some(player) = self.player.clone() else { return self };
        let events = player.timeline.happened(&self.analysis.design, player.time_ms);
        let saved = Saved { scenario: self.saved.scenario.clone(), events };
        match analyse::<F>(&saved, Some(&self.analysis)) {
            Ok((saved, analysis, _)) => {
                Rc::new(Planner { saved: Rc::new(saved), analysis: Rc::new(analysis), player: None, ..(*self).clone() })
            }
            Err(_) => Rc::new(Planner { player: None, ..(*self).clone() }),
        }
    }

    /// Applies an event: read once, applied to the engine where the events before it left it; kept only if
    /// the engine accepts it, else refused with its reason.
    fn apply(self: &Rc<Self>, text: &str) -> Rc<Self> {
        let design = &self.analysis.design;
        let event = match F::parse(text, design) {
            Ok(event) => event,
            Err(error) => return self.refuse(Notice::error(error)),
        };
        let mut events = self.analysis.events.clone();
        events.push(event);
        let applied = Steps::after::<F>(design, &events, Some(&self.analysis));
        let outcome = F::outcome(design, &applied.now);
        if let Some(reason) = F::refused(&outcome) {
            return self.refuse(Notice::refused(F::refusal(design, event, &reason)));
        }
        let mut saved = (*self.saved).clone();
        saved.events.push(F::label(event, design));
        let analysis = Analysis::new(design.clone(), events, applied, outcome, Some(&self.analysis));
        self.commit_analysed(saved, analysis, None)
    }

    /// Undo (`back`) or redo one step; a step that no longer loads is refused with its reason.
    fn step(self: Rc<Self>, back: bool) -> Rc<Self> {
        let Some((saved, history)) = self.history.step(back, self.saved.clone()) else { return self };
        match analyse::<F>(&saved, Some(&self.analysis)) {
            Ok((saved, analysis, _)) => Rc::new(Planner {
                goal: self.goal_after(&saved.scenario, &analysis.design),
                saved: Rc::new(saved),
                analysis: Rc::new(analysis),
                history,
                notice: None,
                player: None,
                ..(*self).clone()
            }),
            Err(problem) => self.refuse(Notice::problem("That step cannot be taken", &problem)),
        }
    }

    /// Starts the player on the design's script at 0 s, or says which line is wrong.
    fn play(self: Rc<Self>) -> Rc<Self> {
        match F::play(&self.analysis.design, F::script(&self.saved.scenario)) {
            Ok(player) => Rc::new(Planner { player: Some(Rc::new(player)), ..(*self).clone() }),
            Err(message) => self.refuse(Notice::error(message)),
        }
    }

    /// Opens a lesson: its design, its words in the notice, the player on its script with its moments
    /// marked.
    fn open_lesson(self: Rc<Self>, id: &str) -> Rc<Self> {
        let lesson = quiz::lesson_file::<F::Asking>(id).and_then(|file| quiz::playable::<F::Asking>(&file).ok());
        let Some(lesson) = lesson else {
            return self.refuse(Notice::error(format!("There is no lesson \"{id}\".")));
        };
        let opened = self.open_playable(lesson);
        let presenter = opened.presenter.opened(&F::lesson_ids(), id);
        Rc::new(Planner { presenter, ..(*opened).clone() })
    }

    /// Opens a lesson file's text (chosen, dropped or from a lesson link); one that cannot be played is
    /// refused with the path of the problem, and the design stays as it was.
    fn open_lesson_text(self: Rc<Self>, text: &str) -> Rc<Self> {
        let playable = quiz::read_lesson::<F::Asking>(text)
            .map_err(|error| vec![error])
            .and_then(|file| quiz::playable::<F::Asking>(&file));
        match playable {
            Ok(lesson) => self.open_playable(lesson),
            Err(errors) => {
                let problem = Problem::from(&clusterplan_core::scenario::LoadErrors(errors));
                self.refuse(Notice::problem("This lesson cannot be played", &problem))
            }
        }
    }

    /// Opens a lesson ready to play: its design, its words in the notice, the player on its steps with its
    /// moments marked and its questions, and its goal.
    fn open_playable(self: Rc<Self>, lesson: Playable<F::Scenario, <F::Asking as Asking>::Keep>) -> Rc<Self> {
        let Playable { title, teaches, scenario, marks, checked, goal, .. } = lesson;
        let goal_says = checked.goal.as_ref().map(|g| g.says.clone());
        let words = [teaches.as_str(), goal_says.as_deref().unwrap_or("")]
            .iter()
            .filter(|w| !w.is_empty())
            .copied()
            .collect::<Vec<_>>();
        let notice =
            Notice::info(if words.is_empty() { title.clone() } else { format!("{title}: {}", words.join(" ")) });
        let has_steps = !F::script(&scenario).is_empty();
        let opened = self.open(Saved::healthy(scenario), None);
        let played = if has_steps { opened.play() } else { opened };
        let player =
            played.player.as_ref().map(|p| Rc::new((**p).clone().marked(marks.into()).asking(checked.questions)));
        let own = F::beside_a_lesson(&played.own);
        let goal = goal.zip(checked.goal).map(|(goal, checked)| {
            Rc::new(GoalPlay { goal, title, says: checked.says, edits: 0, reached: checked.start })
        });
        let opened = Rc::new(Planner { notice: Some(notice.clone()), player, own, goal, ..(*played).clone() });
        // A lesson's fork plays beside its steps from the start; it was checked with the lesson.
        match checked.fork {
            Some(branch) => match opened.forked(branch) {
                Ok(forked) => Rc::new(Planner { notice: Some(notice), ..(*forked).clone() }),
                Err(message) => opened.refuse(Notice::error(format!("The lesson's fork cannot be played: {message}"))),
            },
            None => opened,
        }
    }

    fn start_presenting(self: Rc<Self>, lesson: Option<String>) -> Rc<Self> {
        if lesson.is_none() && F::presented_as_it_is(&self) {
            let presenter = Presenter { on: true, lesson: None };
            return Rc::new(Planner { presenter, notice: None, ..(*self).clone() });
        }
        let playing = self.player.is_some();
        let has_script = !F::script(&self.saved.scenario).is_empty();
        let shown = match Presenter::opening(lesson, playing, has_script, &F::lesson_ids()) {
            Opening::Lesson(id) => self.open_lesson(&id),
            Opening::AsItIs => self,
            Opening::OwnScript => self.play(),
        };
        F::refit(Rc::new(Planner { presenter: shown.presenter.started(), ..(*shown).clone() }))
    }

    fn player_action(self: Rc<Self>, action: PlayerAction) -> Rc<Self> {
        let Some(player) = &self.player else {
            if action == PlayerAction::Close {
                return self;
            }
            return match F::played_beside(&self, &action) {
                Some(own) => self.with_own(own),
                None => self,
            };
        };
        // Closing the player in presenter mode leaves it too: there is nothing left to present.
        if action == PlayerAction::Close {
            return Rc::new(Planner { player: None, presenter: self.presenter.stopped(), ..(*self).clone() });
        }
        if let PlayerAction::Fork(fork) = action {
            return self.fork(&fork);
        }
        match player.after(&self.analysis.design, &action) {
            Some(next) if next != **player => Rc::new(Planner { player: Some(Rc::new(next)), ..(*self).clone() }),
            _ => self,
        }
    }

    /// Plays `fork` of the script being played beside it, or says why it cannot be played (the player and
    /// any fork it had stay as they were).
    fn fork(self: Rc<Self>, fork: &Fork) -> Rc<Self> {
        let design = &self.analysis.design;
        let branch = clusterplan_core::fork::branch::<F::Asking>(design, F::script(&self.saved.scenario), fork);
        match branch.map_err(|e| fork_error(&e)).and_then(|branch| self.forked(branch)) {
            Ok(planner) => planner,
            Err(message) => self.refuse(Notice::error(format!("This fork cannot be played: {message}"))),
        }
    }

    /// The player with `branch` played beside its script, both verdicts worked out.
    fn forked(&self, branch: Branch) -> Result<Rc<Self>, String> {
        let Some(player) = &self.player else { return Err("no script is playing".into()) };
        let design = &self.analysis.design;
        let played = F::play(design, &branch.script)?;
        let end = player.timeline.end_ms().max(played.timeline.end_ms());
        let trunk = clusterplan_core::fork::verdict(&*player.timeline, design, end);
        let other = clusterplan_core::fork::verdict(&*played.timeline, design, end);
        let sentence = clusterplan_core::fork::compared(("The script", &trunk), (&branch.name, &other));
        let fork = (branch.name, branch.at_ms, branch.steps);
        let player = Rc::new(player.forked(design, fork, played.timeline, (trunk, other, sentence)));
        Ok(Rc::new(Planner { player: Some(player), notice: None, ..self.clone() }))
    }
}

/// A fork's problem as the fork's form words it: `fork.steps[1]` is its second step.
fn fork_error(error: &clusterplan_core::scenario::LoadError) -> String {
    let step = error.path.strip_prefix("fork.steps[").and_then(|rest| rest.strip_suffix(']'));
    match step.and_then(|n| n.parse::<usize>().ok()) {
        Some(n) => format!("its step {}: {}", n + 1, error.message),
        None if error.path == "fork.at" => format!("its moment: {}", error.message),
        None => error.message.clone(),
    }
}

impl<F: Family> Reducible for Planner<F> {
    type Action = Action<F>;

    fn reduce(self: Rc<Self>, action: Action<F>) -> Rc<Self> {
        match action {
            Action::LoadPreset(id) => match F::preset(&id) {
                Some(scenario) => self.open(Saved::healthy(scenario), None),
                None => self.refuse(Notice::error(format!("There is no preset \"{id}\"."))),
            },
            Action::Import(text) => match F::read_file(&text) {
                Ok(saved) => self.open(saved, Some(Notice::info("Design opened."))),
                Err(problem) => {
                    self.refuse(Notice::problem("This file is not a design clusterplan can open", &problem))
                }
            },
            Action::ImportFiles(files) if lesson_file(&files).is_some() => {
                let text = lesson_file(&files).unwrap_or_default().to_string();
                self.open_lesson_text(&text)
            }
            Action::ImportFiles(files) => match F::read_files(&files) {
                Ok((saved, notice)) => self.open(saved, Some(notice.unwrap_or_else(|| Notice::info("Design opened.")))),
                Err(problem) => {
                    let lead = match files.len() {
                        1 => "This file is not a design clusterplan can open",
                        _ => "These files are not a design clusterplan can open",
                    };
                    self.refuse(Notice::problem(lead, &problem))
                }
            },
            Action::Opened(saved, notice) => self.open(*saved, Some(notice)),
            Action::Restore(saved) => self.open(*saved, None),
            Action::FailOnly(names) => {
                let events = F::failing(&self.analysis.design, &names);
                self.open(Saved { scenario: self.saved.scenario.clone(), events }, None)
            }
            Action::Apply(text) => self.as_shown().apply(&text),
            Action::Heal => {
                if self.saved.events.is_empty() {
                    return self;
                }
                self.commit(Saved::healthy(self.saved.scenario.clone()), None)
            }
            Action::Select(selection) => self.selecting(selection),
            Action::SelectSubject(kind, subject) => self.selecting(F::selection_for(kind, &subject)),
            Action::Undo => self.step(true),
            Action::Redo => self.step(false),
            Action::SetScript(lines) => {
                let lines: Vec<String> =
                    lines.into_iter().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
                self.edit(|scenario| {
                    *F::script_mut(scenario) = lines;
                    Ok(())
                })
            }
            Action::SetTiming(field, text) => match F::with_timing(&self.saved.scenario, field, &text) {
                Ok(Some(edited)) => self.edit(|scenario| {
                    *scenario = edited;
                    Ok(())
                }),
                Ok(None) => self,
                Err(message) => self.refuse(Notice::error(message)),
            },
            Action::PlayScript => self.play(),
            Action::OpenLesson(id) => self.open_lesson(&id),
            Action::OpenLessonText(text) => self.open_lesson_text(&text),
            Action::LeaveGoal => Rc::new(Planner { goal: None, ..(*self).clone() }),
            Action::Player(action) => self.player_action(action),
            Action::Notify(notice) => Rc::new(Planner { notice: Some(notice), ..(*self).clone() }),
            // Escape closes the notice, else leaves presenter mode, else lets go of what is selected.
            Action::Dismiss => {
                let selected = self.selection != F::Selection::default();
                match self.presenter.escape(self.notice.is_some(), selected) {
                    Escape::Leave => {
                        Rc::new(Planner { presenter: self.presenter.stopped(), notice: None, ..(*self).clone() })
                    }
                    Escape::CloseNotice => Rc::new(Planner { notice: None, ..(*self).clone() }),
                    Escape::LetGo => self.selecting(F::Selection::default()),
                    Escape::Nothing => self,
                }
            }
            Action::StartPresenting(lesson) => self.start_presenting(lesson),
            Action::StopPresenting => Rc::new(Planner { presenter: self.presenter.stopped(), ..(*self).clone() }),
            Action::NextLesson => match self.presenter.next(&F::lesson_ids()) {
                Some(id) if self.presenter.on => self.open_lesson(id),
                _ => self,
            },
            Action::Family(action) => F::reduce(self, action),
        }
    }
}
