//! The 2003 planner's state and its one reducer. Every user intent is an [`Action`]; the reducer asks the
//! engine (clusterplan-core) whether it is allowed and what follows, keeps undo/redo, and never holds a
//! design that does not load. Effects (storage, URL, files) live in components, not here.

use std::rc::Rc;

use clusterplan_core::cluster::edit::{self, Thing};
use clusterplan_core::cluster::model::{NetworkRole, Scenario};
use clusterplan_core::cluster::report::{self, Outcome};
use clusterplan_core::cluster::{Design, Event, Options, Simulation, explain, presets};
use clusterplan_core::finding::SubjectKind;
use clusterplan_core::scenario::{Family, Position};
use yew::Reducible;

pub use super::analysis::Analysis;
pub use super::playback::{Comparand, Comparison, Pane, Player, TimingField, play_script, with_timing};
use crate::shell::geometry::{Point, ViewBox};
use crate::shell::history::History;
pub use crate::shell::moment::Moment;
pub use crate::shell::notice::{Notice, NoticeKind, Problem};
pub use crate::shell::player::{PlayerAction, parse_seconds};
pub use crate::shell::presenter::{Escape, Opening, Presenter};
use crate::shell::same::{same, same_option};
use crate::shell::share;

/// What is saved, shared and undone: the design and the failures applied to it (events as text).
pub type Saved = share::Saved<Scenario>;

impl Saved {
    pub fn preset(id: &str) -> Option<Saved> {
        presets::preset(id).map(Saved::healthy)
    }
}

/// What the inspector shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    Cluster,
    Node(String),
    Group(String),
    Disk(String),
    Network(String),
}

/// Everything the user can ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    LoadPreset(String),
    /// Start from scratch: two nodes, two networks, a quorum disk.
    Blank,
    /// Open a scenario file's text (a bad one leaves everything as it was).
    Import(String),
    /// Replace the design and failures (from a share link or autosave).
    Restore(Saved),
    /// Apply an event, as core writes it (`fail:node3`, `move:EVS1=node4`).
    Apply(String),
    /// Undo every failure: back to the healthy cluster.
    Heal,
    /// Replace the design with an edited copy (the inspector's forms).
    Edit(Scenario),
    Rename(Thing, String, String),
    AddNode,
    RemoveNode(String),
    AddGroup,
    RemoveGroup(String),
    AddDisk,
    RemoveDisk(String),
    AddNetwork(NetworkRole),
    RemoveNetwork(String),
    /// Set (or clear) the subnet of a network, for the IP plan.
    SetSubnet(String, Option<ipnet::Ipv4Net>),
    /// A node dropped at a new diagram position.
    PlaceNode(String, Point),
    Select(Option<Selection>),
    /// Select what a finding is about.
    SelectSubject(SubjectKind, String),
    Undo,
    Redo,
    /// Replace the failure script (one timed event a line).
    SetScript(Vec<String>),
    /// A duration of the timeline, in seconds as typed.
    SetTiming(TimingField, String),
    /// Play the design's failure script on the timeline.
    PlayScript,
    /// Open a guided lesson: its design and script, ready to play.
    OpenLesson(String),
    /// Drive the player (or both panes side by side); `Close` closes the player.
    Player(PlayerAction),
    /// Put two designs side by side under the design's script.
    OpenComparison(Comparand, Comparand),
    CloseComparison,
    Notify(Notice),
    Dismiss,
    /// Presenter mode on: at the lesson named, else what the player plays, else the design's own script,
    /// else the first lesson.
    StartPresenting(Option<String>),
    StopPresenting,
    /// In presenter mode, the next lesson.
    NextLesson,
    SetView(ViewBox),
}

/// The whole state of the app.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Shared, not copied: every action clones the state, and a 16-node design is big.
    pub saved: Rc<Saved>,
    pub analysis: Rc<Analysis>,
    pub history: History<Saved>,
    pub selection: Option<Selection>,
    pub notice: Option<Notice>,
    pub view: ViewBox,
    /// How many actions were refused: forms reset their fields when it changes.
    pub refusals: u32,
    /// The timeline player, when a script is being played.
    pub player: Option<Rc<Player>>,
    /// Presenter mode, and the lesson it has open.
    pub presenter: Presenter,
    /// Two designs side by side under one script, when open.
    pub comparison: Option<Rc<Comparison>>,
}

/// States compare their shared parts by identity ([`crate::shell::same`]): every component's props hold
/// the state, and a 16-node design compared by its contents on each render costs more than it saves.
impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        let AppState { saved, analysis, history, selection, notice, view, refusals, player, presenter, comparison } =
            self;
        same(saved, &other.saved)
            && same(analysis, &other.analysis)
            && *history == other.history
            && *selection == other.selection
            && *notice == other.notice
            && *view == other.view
            && *refusals == other.refusals
            && same_option(player, &other.player)
            && *presenter == other.presenter
            && same_option(comparison, &other.comparison)
    }
}

impl AppState {
    /// The app started on `saved`, or on the four-node preset if `saved` does not load (with a notice).
    pub fn new(saved: Saved) -> AppState {
        match AppState::analyse(&saved, None) {
            Ok((saved, analysis, dropped)) => AppState { notice: dropped, ..AppState::bare(saved, analysis) },
            Err(problem) => {
                let fallback = Saved::preset("four-node-3a1p").expect("the preset exists");
                let (fallback, analysis, _) = AppState::analyse(&fallback, None).expect("the preset loads");
                AppState {
                    notice: Some(Notice::problem("The saved design could not be opened", &problem)),
                    ..AppState::bare(fallback, analysis)
                }
            }
        }
    }

    fn bare(saved: Saved, analysis: Analysis) -> AppState {
        let view = fitted_view(&saved.scenario, &analysis.moment(None));
        AppState {
            saved: Rc::new(saved),
            analysis: Rc::new(analysis),
            history: History::default(),
            selection: None,
            notice: None,
            view,
            refusals: 0,
            player: None,
            comparison: None,
            presenter: Presenter::default(),
        }
    }

    /// Loads the design and replays its events; events that no longer apply are dropped, with a notice.
    fn analyse(saved: &Saved, previous: Option<&Analysis>) -> Result<(Saved, Analysis, Option<Notice>), Problem> {
        let design = Design::new(saved.scenario.clone()).map_err(|errors| Problem::from(&errors))?;
        let mut events = Vec::with_capacity(saved.events.len());
        let mut kept = Vec::with_capacity(saved.events.len());
        let mut dropped = Vec::new();
        for text in &saved.events {
            match Event::parse(text, &design) {
                Ok(event) => {
                    events.push(event);
                    kept.push(text.clone());
                }
                Err(_) => dropped.push(text.clone()),
            }
        }
        let notice = (!dropped.is_empty()).then(|| {
            Notice::info(format!("These failures no longer match the design and were dropped: {}", dropped.join(", ")))
        });
        let saved = Saved { scenario: saved.scenario.clone(), events: kept };
        let outcome = report::simulate(&design, &events, Options::default());
        Ok((saved, Analysis::new(Rc::new(design), events, outcome, previous), notice))
    }

    /// The cluster as the player shows it, its failures made the applied ones, and the player closed:
    /// acting during playback acts on what is on screen (the script's events up to the player's time), not
    /// on the design as it was before the script.
    fn as_shown(self: Rc<Self>) -> Rc<Self> {
        let Some(player) = self.player.clone() else { return self };
        let design = &self.analysis.design;
        let events = player.timeline.events.iter().filter(|e| e.at.unwrap_or(0) <= player.time_ms);
        let saved =
            Saved { scenario: self.saved.scenario.clone(), events: events.map(|e| e.event.label(design)).collect() };
        match AppState::analyse(&saved, Some(&self.analysis)) {
            Ok((saved, analysis, _)) => Rc::new(AppState {
                saved: Rc::new(saved),
                analysis: Rc::new(analysis),
                player: None,
                ..(*self).clone()
            }),
            Err(_) => Rc::new(AppState { player: None, ..(*self).clone() }),
        }
    }

    /// Takes `saved` as the new current state (an undoable step), or keeps everything and says why not.
    fn commit(self: &Rc<Self>, saved: Saved, notice: Option<Notice>) -> Rc<Self> {
        match AppState::analyse(&saved, Some(&self.analysis)) {
            Ok((saved, analysis, dropped)) => self.commit_analysed(saved, analysis, dropped.or(notice)),
            Err(problem) => self.refuse(Notice::problem("That would break the design", &problem)),
        }
    }

    /// Takes `saved`, already analysed, as the new current state (an undoable step).
    fn commit_analysed(self: &Rc<Self>, saved: Saved, analysis: Analysis, notice: Option<Notice>) -> Rc<Self> {
        Rc::new(AppState {
            saved: Rc::new(saved),
            analysis: Rc::new(analysis),
            history: self.history.after_step(self.saved.clone()),
            notice,
            player: None,
            ..(**self).clone()
        })
    }

    fn refuse(self: &Rc<Self>, notice: Notice) -> Rc<Self> {
        Rc::new(AppState { notice: Some(notice), refusals: self.refusals + 1, ..(**self).clone() })
    }

    fn with_scenario(self: &Rc<Self>, result: Result<Scenario, String>) -> Rc<Self> {
        match result {
            Ok(scenario) => self.commit(Saved { scenario, events: self.saved.events.clone() }, None),
            Err(message) => self.refuse(Notice::error(message)),
        }
    }

    /// For each node, whether `group` may be dropped on it (the engine's answer to a planned move).
    pub fn move_verdicts(&self, group: &str) -> Vec<(String, Result<(), String>)> {
        let design = &self.analysis.design;
        let Some(group) = design.group_id(group) else { return Vec::new() };
        let mut simulation = Simulation::quiet(design, Options::default());
        for &event in &self.analysis.events {
            let _ = simulation.apply(event);
        }
        design
            .node_ids()
            .map(|node| {
                let verdict = simulation
                    .clone()
                    .apply(Event::Move(group, node))
                    .map_err(|refusal| explain::refusal(design, refusal).text);
                (design.node_name(node).to_string(), verdict)
            })
            .collect()
    }

    /// Applies an event: read once, replayed once with the failures before it; kept only if the engine
    /// accepts it, else refused with its reason.
    fn apply(self: &Rc<Self>, text: String) -> Rc<Self> {
        let design = &self.analysis.design;
        let event = match Event::parse(&text, design) {
            Ok(event) => event,
            Err(error) => return self.refuse(Notice::error(error.to_string())),
        };
        let mut events = self.analysis.events.clone();
        events.push(event);
        let outcome = report::simulate(design, &events, Options::default());
        if let Some(reason) = outcome.events.last().and_then(|e| e.refused.clone()) {
            let text = match event {
                Event::Move(group, node) => {
                    format!("Cannot move {} to {}: {reason}", design.group_name(group), design.node_name(node))
                }
                _ => format!("Cannot {text}: {reason}"),
            };
            return self.refuse(Notice::refused(text));
        }
        let mut saved = (*self.saved).clone();
        saved.events.push(event.label(design));
        let analysis = Analysis::new(design.clone(), events, outcome, Some(&self.analysis));
        self.commit_analysed(saved, analysis, None)
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let scenario = &self.saved.scenario;
        match action {
            Action::LoadPreset(id) => match Saved::preset(&id) {
                Some(saved) => self.commit(saved, None).refit(),
                None => self.refuse(Notice::error(format!("no preset \"{id}\""))),
            },
            Action::Blank => self.commit(Saved::healthy(presets::blank("New cluster", 2)), None).refit(),
            Action::Import(text) if Family::of(&text) == Family::Dag => self.refuse(Notice::error(
                "This file is a Database Availability Group (Exchange 2010–2019): open it in the DAG planner (dag/).",
            )),
            Action::Import(text) => match Design::from_json(&text) {
                Ok(design) => {
                    self.commit(Saved::healthy(design.scenario), Some(Notice::info("Design opened."))).refit()
                }
                Err(errors) => self
                    .refuse(Notice::problem("This file is not a design clusterplan can open", &Problem::from(&errors))),
            },
            Action::Restore(saved) => self.commit(saved, None).refit(),
            Action::Apply(text) => self.as_shown().apply(text),
            Action::SetScript(lines) => {
                let lines: Vec<String> =
                    lines.into_iter().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
                if lines == scenario.script {
                    return self;
                }
                let mut edited = scenario.clone();
                edited.script = lines;
                self.with_scenario(Ok(edited))
            }
            Action::SetTiming(field, text) => self.set_timing(field, &text),
            Action::PlayScript => self.play(),
            Action::OpenLesson(id) => match clusterplan_core::cluster::lessons::lesson(&id) {
                Some(lesson) => {
                    let opened = self
                        .commit(
                            Saved::healthy(lesson.scenario),
                            Some(Notice::info(format!("{}: {}", lesson.title, lesson.teaches))),
                        )
                        .refit();
                    let notice = opened.notice.clone();
                    let played = opened.play();
                    let presenter = played.presenter.opened(&clusterplan_core::cluster::lessons::ids(), &id);
                    let player = played.player.as_ref().map(|p| Rc::new((**p).clone().marked(lesson.moments)));
                    // A lesson replaces a comparison that was open: it plays on its own design.
                    Rc::new(AppState { notice, presenter, player, comparison: None, ..(*played).clone() })
                }
                None => self.refuse(Notice::error(format!("no lesson \"{id}\""))),
            },
            // Closing the player in presenter mode leaves it too: there is nothing left to present.
            Action::Player(PlayerAction::Close) => {
                if self.player.is_none() {
                    return self;
                }
                Rc::new(AppState { player: None, presenter: self.presenter.stopped(), ..(*self).clone() })
            }
            Action::Player(action) => self.with_players(|p, design| p.after(design, &action)),
            Action::OpenComparison(left, right) => self.compare(&left, &right),
            Action::CloseComparison => {
                if self.comparison.is_none() {
                    return self;
                }
                Rc::new(AppState { comparison: None, ..(*self).clone() })
            }
            Action::Heal => {
                if self.saved.events.is_empty() {
                    return self;
                }
                self.commit(Saved::healthy(scenario.clone()), None)
            }
            Action::Edit(edited) => {
                if &edited == scenario {
                    return self;
                }
                self.with_scenario(Ok(edited))
            }
            Action::Rename(thing, old, new) => self.rename(thing, &old, new.trim()),
            Action::AddNode => {
                let (scenario, name) = edit::add_node(scenario);
                self.with_scenario(Ok(scenario)).selecting(Selection::Node(name))
            }
            Action::RemoveNode(name) => self.deselect_after(edit::remove_node(scenario, &name)),
            Action::AddGroup => match edit::add_group(scenario) {
                Ok((scenario, name)) => self.with_scenario(Ok(scenario)).selecting(Selection::Group(name)),
                Err(message) => self.refuse(Notice::error(message)),
            },
            Action::RemoveGroup(name) => self.deselect_after(edit::remove_group(scenario, &name)),
            Action::AddDisk => {
                let (scenario, name) = edit::add_disk(scenario);
                self.with_scenario(Ok(scenario)).selecting(Selection::Disk(name))
            }
            Action::RemoveDisk(name) => self.deselect_after(edit::remove_disk(scenario, &name)),
            Action::AddNetwork(role) => {
                let (scenario, name) = edit::add_network(scenario, role);
                self.with_scenario(Ok(scenario)).selecting(Selection::Network(name))
            }
            Action::RemoveNetwork(name) => self.deselect_after(edit::remove_network(scenario, &name)),
            Action::SetSubnet(network, subnet) => {
                let mut edited = scenario.clone();
                match edited.networks.iter_mut().find(|n| n.name == network) {
                    Some(n) if n.subnet != subnet => n.subnet = subnet,
                    Some(_) => return self,
                    None => return self.refuse(Notice::error(format!("there is no network named \"{network}\""))),
                }
                self.with_scenario(Ok(edited))
            }
            Action::PlaceNode(name, at) => {
                if !scenario.nodes.iter().any(|n| n.name == name) {
                    return self;
                }
                let mut moved = scenario.clone();
                moved.layout.insert(name, Position { x: at.x.round(), y: at.y.round() });
                // Positions do not change what the engine says: keep the analysis.
                Rc::new(AppState {
                    saved: Rc::new(Saved { scenario: moved, events: self.saved.events.clone() }),
                    history: self.history.after_step(self.saved.clone()),
                    ..(*self).clone()
                })
            }
            Action::Select(selection) => {
                if selection == self.selection {
                    return self;
                }
                Rc::new(AppState { selection, ..(*self).clone() })
            }
            Action::SelectSubject(kind, subject) => self.selecting(selection_for(kind, &subject)),
            Action::Undo => self.step(true),
            Action::Redo => self.step(false),
            Action::Notify(notice) => Rc::new(AppState { notice: Some(notice), ..(*self).clone() }),
            Action::StopPresenting => Rc::new(AppState { presenter: self.presenter.stopped(), ..(*self).clone() }),
            Action::StartPresenting(lesson) => {
                // A comparison open is presented as it is, its two designs side by side.
                if self.comparison.is_some() && lesson.is_none() {
                    let presenter = Presenter { on: true, lesson: None };
                    return Rc::new(AppState { presenter, notice: None, ..(*self).clone() });
                }
                let playing = self.player.is_some();
                let has_script = !self.saved.scenario.script.is_empty();
                let shown =
                    match Presenter::opening(lesson, playing, has_script, &clusterplan_core::cluster::lessons::ids()) {
                        Opening::Lesson(id) => self.reduce(Action::OpenLesson(id)),
                        Opening::AsItIs => self,
                        Opening::OwnScript => self.play(),
                    };
                // The diagram fitted to the screen.
                Rc::new(AppState { presenter: shown.presenter.started(), ..(*shown).clone() }).refit()
            }
            Action::NextLesson => match self.presenter.next(&clusterplan_core::cluster::lessons::ids()) {
                Some(id) if self.presenter.on => self.reduce(Action::OpenLesson(id.to_string())),
                _ => self,
            },
            // Escape closes the notice, else leaves presenter mode, else lets go of what is selected.
            Action::Dismiss => match self.presenter.escape(self.notice.is_some(), self.selection.is_some()) {
                Escape::Leave => {
                    Rc::new(AppState { presenter: self.presenter.stopped(), notice: None, ..(*self).clone() })
                }
                Escape::CloseNotice => Rc::new(AppState { notice: None, ..(*self).clone() }),
                Escape::LetGo => Rc::new(AppState { selection: None, ..(*self).clone() }),
                Escape::Nothing => self,
            },
            Action::SetView(view) => {
                if view == self.view {
                    return self;
                }
                Rc::new(AppState { view, ..(*self).clone() })
            }
        }
    }
}

impl AppState {
    /// What every panel shows: the player's moment while a script plays, else the failures applied now.
    /// The only way to an outcome to show.
    pub fn moment(&self) -> Moment<Outcome> {
        self.analysis.moment(self.player.as_deref())
    }

    /// The same state with `selection` selected.
    fn selecting(self: Rc<Self>, selection: Selection) -> Rc<Self> {
        Rc::new(AppState { selection: Some(selection), ..(*self).clone() })
    }

    /// Renames a thing everywhere, the failures that name it too.
    fn rename(self: Rc<Self>, thing: Thing, old: &str, new: &str) -> Rc<Self> {
        if old == new {
            return self;
        }
        match edit::rename(&self.saved.scenario, thing, old, new) {
            Ok(scenario) => {
                let events = self.saved.events.iter().map(|e| clusterplan_core::cluster::event::rename(e, old, new));
                let selection = match thing {
                    Thing::Node => Selection::Node(new.to_string()),
                    Thing::Group => Selection::Group(new.to_string()),
                    Thing::Disk => Selection::Disk(new.to_string()),
                    Thing::Network => Selection::Network(new.to_string()),
                };
                self.commit(Saved { scenario, events: events.collect() }, None).selecting(selection)
            }
            Err(message) => self.refuse(Notice::error(message)),
        }
    }

    /// Sets one of the timeline's durations from the seconds typed.
    fn set_timing(self: Rc<Self>, field: TimingField, text: &str) -> Rc<Self> {
        match with_timing(&self.saved.scenario, field, text) {
            Ok(Some(edited)) => self.with_scenario(Ok(edited)),
            Ok(None) => self,
            Err(message) => self.refuse(Notice::error(message)),
        }
    }

    /// Starts the player on the design's script at 0 s, or says which line is wrong.
    fn play(self: Rc<Self>) -> Rc<Self> {
        match play_script(&self.analysis.design, &self.saved.scenario.script) {
            Ok(player) => Rc::new(AppState { player: Some(Rc::new(player)), ..(*self).clone() }),
            Err(message) => self.refuse(Notice::error(message)),
        }
    }

    /// Changes the player (or, side by side, both panes' players, which share one clock) with `change`;
    /// `None` from it means no change.
    fn with_players(self: Rc<Self>, change: impl Fn(&Player, &Design) -> Option<Player>) -> Rc<Self> {
        if let Some(player) = &self.player {
            return match change(player, &self.analysis.design) {
                Some(next) if next != **player => Rc::new(AppState { player: Some(Rc::new(next)), ..(*self).clone() }),
                _ => self,
            };
        }
        match self.comparison.as_ref().and_then(|c| c.changed(change)) {
            Some(comparison) => Rc::new(AppState { comparison: Some(Rc::new(comparison)), ..(*self).clone() }),
            None => self,
        }
    }

    /// Opens two designs side by side under the current design's script (or core's default script).
    fn compare(self: Rc<Self>, left: &Comparand, right: &Comparand) -> Rc<Self> {
        match Comparison::open(&self.saved.scenario, left, right) {
            // An earlier refusal's notice is about something else: the comparison replaces it.
            Ok(comparison) => Rc::new(AppState {
                comparison: Some(Rc::new(comparison)),
                player: None,
                notice: None,
                ..(*self).clone()
            }),
            Err(message) => self.refuse(Notice::error(message)),
        }
    }

    /// The same state with the view fitted to its diagram (after a whole new design arrives).
    fn refit(self: Rc<Self>) -> Rc<Self> {
        let view = fitted_view(&self.saved.scenario, &self.analysis.moment(None));
        if view == self.view {
            return self;
        }
        Rc::new(AppState { view, ..(*self).clone() })
    }

    fn deselect_after(self: &Rc<Self>, result: Result<Scenario, String>) -> Rc<Self> {
        let failed = result.is_err();
        let next = self.with_scenario(result);
        if failed {
            return next;
        }
        Rc::new(AppState { selection: None, ..(*next).clone() })
    }

    /// Undo (`back`) or redo one step; a step that no longer loads is refused with its reason.
    fn step(self: Rc<Self>, back: bool) -> Rc<Self> {
        let Some((saved, history)) = self.history.step(back, self.saved.clone()) else { return self };
        match AppState::analyse(&saved, Some(&self.analysis)) {
            Ok((saved, analysis, _)) => Rc::new(AppState {
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
}

/// Where a finding's subject is on screen.
pub fn selection_for(kind: SubjectKind, subject: &str) -> Selection {
    let group = || subject.split('/').next().unwrap_or(subject).to_string();
    match kind {
        SubjectKind::Node => Selection::Node(subject.to_string()),
        SubjectKind::Group | SubjectKind::Resource | SubjectKind::StorageGroup => Selection::Group(group()),
        SubjectKind::Disk => Selection::Disk(subject.to_string()),
        SubjectKind::Network => Selection::Network(subject.to_string()),
        SubjectKind::Cluster | SubjectKind::FrontEnd => Selection::Cluster,
        // DAG findings do not reach the 2003 planner.
        SubjectKind::Dag
        | SubjectKind::Server
        | SubjectKind::Site
        | SubjectKind::Witness
        | SubjectKind::Database
        | SubjectKind::Copy => Selection::Cluster,
    }
}

/// A view that shows the whole diagram of `scenario` with `outcome`.
fn fitted_view(scenario: &Scenario, outcome: &Outcome) -> ViewBox {
    ViewBox::around(super::layout::Diagram::new(scenario, outcome, None).bounds, 30.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clusterplan_core::cluster::event::rename as rename_in_event;
    use clusterplan_core::cluster::model::ResourceKind;
    use clusterplan_core::cluster::rules::Mode;

    fn start(id: &str) -> Rc<AppState> {
        Rc::new(AppState::new(Saved::preset(id).unwrap()))
    }

    fn preset(id: &str) -> Comparand {
        Comparand::Preset(id.into())
    }

    /// A link read as the page reads it (the format is core's; the page's codec is the browser's).
    fn from_fragment(fragment: &str) -> Result<Option<Saved>, String> {
        clusterplan_core::link::read(fragment)?.map(|text| share::saved_from_json(&text)).transpose()
    }

    fn owner(state: &AppState, group: &str) -> Option<String> {
        state.moment().groups.iter().find(|g| g.name == group).and_then(|g| g.owner.clone())
    }

    #[test]
    fn a_link_round_trips() {
        let mut saved = Saved::preset("four-node-3a1p").unwrap();
        saved.events = vec!["fail:node3".into()];
        let fragment = clusterplan_core::link::write(&share::to_json(&saved));
        assert!(fragment.chars().all(|c| c.is_ascii_alphanumeric() || "-_=".contains(c)), "URL-safe");
        assert_eq!(from_fragment(&format!("#{fragment}")).unwrap(), Some(saved));
    }

    #[test]
    fn other_fragments_carry_nothing_and_damage_is_reported() {
        use base64::Engine;
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        assert_eq!(from_fragment("").unwrap(), None);
        assert_eq!(from_fragment("#top").unwrap(), None);
        assert!(from_fragment("#design=***").unwrap_err().starts_with("the link is damaged"));
        let not_a_design = URL_SAFE_NO_PAD.encode("{\"scenario\": 3}");
        assert!(
            from_fragment(&format!("design={not_a_design}"))
                .unwrap_err()
                .starts_with("the design in it cannot be read")
        );
    }

    /// A panel button pressed during a lesson acts on the cluster the player shows: at 40 s of the single
    /// node failure node3 is down, so "Restore node3" restores it (it was refused as "already up", closed
    /// the player and brought back the healthy design).
    #[test]
    fn acting_during_a_lesson_acts_on_what_is_shown() {
        let lesson = start("four-node-3a1p")
            .reduce(Action::OpenLesson("single-node-failure".into()))
            .reduce(Action::Player(PlayerAction::Seek(40_000)));
        assert!(lesson.saved.events.is_empty());
        let restored = lesson.reduce(Action::Apply("restore:node3".into()));
        assert_eq!(restored.notice, None);
        assert!(restored.player.is_none());
        assert_eq!(restored.saved.events, ["fail:node3", "restore:node3"]);
        let undone = restored.reduce(Action::Undo);
        assert_eq!(undone.saved.events, ["fail:node3"], "undo takes back the click, not the lesson's failure");
    }

    /// Presenter mode: on at the first lesson (or the design's own script), N goes through the lessons in
    /// order and stops after the last, one Escape leaves.
    #[test]
    fn presenter_mode_goes_through_the_lessons() {
        use clusterplan_core::cluster::lessons::LESSONS;
        let on = start("four-node-3a1p").reduce(Action::StartPresenting(None));
        assert!(on.presenter.on);
        assert_eq!(on.presenter.lesson, Some(0));
        assert!(on.player.is_some());
        let mut state = on;
        for (index, _) in LESSONS.iter().enumerate().skip(1) {
            state = state.reduce(Action::NextLesson);
            assert_eq!(state.presenter.lesson, Some(index));
        }
        let last = state.clone().reduce(Action::NextLesson);
        assert!(Rc::ptr_eq(&state, &last), "after the last lesson N does nothing");
        assert!(last.notice.is_some(), "the lesson's notice");
        let off = last.reduce(Action::Dismiss);
        assert!(!off.presenter.on && off.notice.is_none(), "one Escape leaves, the notice with it");
        assert!(Rc::ptr_eq(&off, &off.clone().reduce(Action::NextLesson)), "N is only presenter mode's");
        let scripted = start("four-node-3a1p")
            .reduce(Action::SetScript(vec!["fail:node2@0s".into()]))
            .reduce(Action::StartPresenting(None));
        assert_eq!(scripted.presenter.lesson, None, "the design's own script plays");
        assert_eq!(scripted.saved.scenario.name, "Four-node cluster, 3 active / 1 passive");
        let at = start("four-node-3a1p").reduce(Action::StartPresenting(Some("active-active-failover".into())));
        assert_eq!(at.presenter.lesson, LESSONS.iter().position(|l| l.id == "active-active-failover"));
    }

    #[test]
    fn failing_a_node_moves_its_evs() {
        let state = start("four-node-3a1p").reduce(Action::Apply("fail:node3".into()));
        assert_eq!(owner(&state, "EVS3").as_deref(), Some("node4"));
        assert_eq!(state.saved.events, ["fail:node3"]);
        assert_eq!(state.history.undo.len(), 1);
        let healed = state.reduce(Action::Heal);
        assert_eq!(owner(&healed, "EVS3").as_deref(), Some("node3"));
        assert!(healed.saved.events.is_empty());
    }

    #[test]
    fn a_refused_move_changes_nothing_and_says_why() {
        let state = start("four-node-3a1p");
        let refused = state.clone().reduce(Action::Apply("move:EVS1=node2".into()));
        assert_eq!(refused.saved, state.saved);
        assert_eq!(refused.history.undo.len(), 0);
        let notice = refused.notice.clone().unwrap();
        assert_eq!(notice.kind, NoticeKind::Refused);
        assert_eq!(
            notice.text,
            "Cannot move EVS1 to node2: node2 already runs EVS2: a node of a cluster with more than two nodes runs one EVS at most"
        );
        let moved = state.reduce(Action::Apply("move:EVS1=node4".into()));
        assert_eq!(owner(&moved, "EVS1").as_deref(), Some("node4"));
    }

    #[test]
    fn drop_targets_follow_the_engine() {
        let verdicts = start("four-node-3a1p").move_verdicts("EVS1");
        let allowed: Vec<&str> = verdicts.iter().filter(|(_, v)| v.is_ok()).map(|(n, _)| n.as_str()).collect();
        assert_eq!(allowed, ["node4"], "only the passive node takes EVS1; its own node says it runs there already");
    }

    #[test]
    fn undo_and_redo_every_kind_of_step() {
        let state = start("four-node-3a1p");
        let steps = [
            Action::Apply("fail:node3".into()),
            Action::AddNode,
            Action::Rename(Thing::Node, "node5".into(), "spare".into()),
            Action::PlaceNode("spare".into(), Point::new(10.4, 20.6)),
            Action::AddGroup,
            Action::RemoveGroup("EVS4".into()),
            Action::AddDisk,
            Action::AddNetwork(NetworkRole::Private),
            Action::LoadPreset("two-node-active-active".into()),
        ];
        let mut history = vec![state.saved.clone()];
        let mut current = state;
        for step in steps {
            current = current.reduce(step.clone());
            assert_ne!(Some(&current.saved), history.last(), "{step:?} changed the design");
            history.push(current.saved.clone());
        }
        for expected in history.iter().rev().skip(1) {
            current = current.reduce(Action::Undo);
            assert_eq!(&current.saved, expected);
        }
        let same = current.clone().reduce(Action::Undo);
        assert_eq!(same.saved, current.saved, "nothing left to undo");
        for expected in history.iter().skip(1) {
            current = current.reduce(Action::Redo);
            assert_eq!(&current.saved, expected);
        }
        assert_eq!(current.saved.scenario.layout.get("spare"), None, "the preset replaced the design");
    }

    #[test]
    fn a_new_step_clears_redo() {
        let state = start("two-node-active-passive").reduce(Action::Apply("fail:node1".into())).reduce(Action::Undo);
        assert_eq!(state.history.redo.len(), 1);
        let state = state.reduce(Action::Apply("fail:node2".into()));
        assert!(state.history.redo.is_empty());
    }

    #[test]
    fn a_dag_file_is_sent_to_the_dag_planner() {
        let state = start("four-node-3a1p");
        let dag = serde_json::to_string(&clusterplan_core::dag::presets::preset("dag-2-member").unwrap()).unwrap();
        let after = state.clone().reduce(Action::Import(dag));
        assert_eq!(after.saved, state.saved);
        assert!(after.notice.clone().unwrap().text.contains("open it in the DAG planner"));
    }

    #[test]
    fn a_bad_file_leaves_the_design_as_it_was() {
        let state = start("four-node-3a1p").reduce(Action::Apply("fail:node1".into()));
        let after = state.clone().reduce(Action::Import("{\"version\": 1, \"name\": ".into()));
        assert_eq!(after.saved, state.saved);
        assert_eq!(after.history, state.history);
        let notice = after.notice.clone().unwrap();
        assert_eq!(notice.kind, NoticeKind::Error);
        assert!(notice.text.starts_with("This file is not a design clusterplan can open: "), "{}", notice.text);
        assert!(notice.text.contains("the file ends too early"), "{}", notice.text);
        let good = serde_json::to_string(&presets::preset("two-node-active-active").unwrap()).unwrap();
        let opened = after.reduce(Action::Import(good));
        assert_eq!(opened.saved.scenario.name, "Two-node cluster, active/active");
        assert!(opened.saved.events.is_empty());
    }

    #[test]
    fn edits_that_break_references_are_refused() {
        let state = start("four-node-3a1p");
        let renamed = state.clone().reduce(Action::Rename(Thing::Node, "node1".into(), "node2".into()));
        assert_eq!(renamed.saved, state.saved);
        assert_eq!(renamed.notice.as_ref().unwrap().text, "there is already a node named \"node2\"");
        let mut broken = state.saved.scenario.clone();
        broken.groups[0].owner = Some("node9".into());
        let edited = state.clone().reduce(Action::Edit(broken));
        assert_eq!(edited.saved, state.saved);
        // The words first; where in the file, in small print.
        let notice = edited.notice.as_ref().unwrap();
        assert_eq!(notice.text, "That would break the design: no node named \"node9\"");
        assert_eq!(notice.detail.as_deref(), Some("In the file: groups[0].owner"));
        let used = state.reduce(Action::RemoveDisk("Q".into()));
        assert!(used.notice.as_ref().unwrap().text.contains("used by the quorum"));
    }

    #[test]
    fn renames_carry_the_failures_along() {
        let state = start("four-node-3a1p")
            .reduce(Action::Apply("fail:node3".into()))
            .reduce(Action::Apply("move:EVS1=node2".into()));
        assert!(state.notice.is_some(), "node2 is busy");
        let state = state.reduce(Action::Rename(Thing::Node, "node3".into(), "alpha".into()));
        assert_eq!(state.saved.events, ["fail:alpha"]);
        assert_eq!(state.selection, Some(Selection::Node("alpha".into())));
        assert_eq!(owner(&state, "EVS3").as_deref(), Some("node4"));
        assert_eq!(rename_in_event("move:EVS1=node3", "node3", "x"), "move:EVS1=x");
        assert_eq!(rename_in_event("fail-nic:node3/public", "public", "lan"), "fail-nic:node3/lan");
        assert_eq!(rename_in_event("fail:node33", "node3", "x"), "fail:node33");
    }

    #[test]
    fn failures_reuse_what_the_design_alone_decides() {
        let state = start("four-node-3a1p");
        let failed = state.clone().reduce(Action::Apply("fail:node2".into()));
        assert!(Rc::ptr_eq(&state.analysis.findings, &failed.analysis.findings));
        assert!(Rc::ptr_eq(&state.analysis.ips, &failed.analysis.ips));
        let subnet = "10.1.0.0/24".parse().unwrap();
        let edited = failed.reduce(Action::SetSubnet("private".into(), Some(subnet)));
        assert!(!Rc::ptr_eq(&state.analysis.ips, &edited.analysis.ips), "a design edit recomputes");
        assert_eq!(
            edited.analysis.ips.assignments.iter().find(|a| a.holder == "node1 NIC on private").unwrap().address,
            Some("10.1.0.1".parse().unwrap())
        );
        assert_eq!(edited.saved.events, ["fail:node2"]);
    }

    #[test]
    fn placing_a_node_keeps_the_analysis() {
        let state = start("four-node-3a1p");
        let placed = state.clone().reduce(Action::PlaceNode("node2".into(), Point::new(300.2, 400.7)));
        assert!(Rc::ptr_eq(&state.analysis, &placed.analysis), "no re-analysis for a position");
        assert_eq!(placed.saved.scenario.layout["node2"], Position { x: 300.0, y: 401.0 });
    }

    #[test]
    fn findings_select_their_subject() {
        assert_eq!(selection_for(SubjectKind::Resource, "EVS1/Store"), Selection::Group("EVS1".into()));
        assert_eq!(selection_for(SubjectKind::StorageGroup, "EVS2/SG1"), Selection::Group("EVS2".into()));
        assert_eq!(selection_for(SubjectKind::Node, "node1"), Selection::Node("node1".into()));
        let state = start("four-node-3a1p").reduce(Action::SelectSubject(SubjectKind::Disk, "Q".into()));
        assert_eq!(state.selection, Some(Selection::Disk("Q".into())));
    }

    #[test]
    fn a_broken_save_falls_back_to_the_preset_with_a_notice() {
        let mut saved = Saved::preset("two-node-active-passive").unwrap();
        saved.scenario.groups[0].owner = Some("ghost".into());
        let state = AppState::new(saved);
        assert_eq!(state.saved.scenario.name, "Four-node cluster, 3 active / 1 passive");
        assert!(state.notice.unwrap().text.contains("no node named \"ghost\""));
        let mut stale = Saved::preset("two-node-active-passive").unwrap();
        stale.events = vec!["fail:node1".into(), "fail:node7".into()];
        let state = AppState::new(stale);
        assert_eq!(state.saved.events, ["fail:node1"]);
        assert!(state.notice.unwrap().text.contains("fail:node7"));
    }

    #[test]
    fn durations_are_edited_in_seconds_and_bad_ones_refused() {
        assert_eq!(parse_seconds("60"), Ok(60_000));
        assert_eq!(parse_seconds(" 2.5 s"), Ok(2_500));
        assert!(parse_seconds("-1").is_err() && parse_seconds("soon").is_err() && parse_seconds("NaN").is_err());
        let state = start("four-node-3a1p").reduce(Action::OpenLesson("single-node-failure".into()));
        assert_eq!(state.player.as_ref().unwrap().end_ms, 89_000);
        let slower = state.reduce(Action::SetTiming(TimingField::Online(ResourceKind::Store), "120".into()));
        assert_eq!(slower.saved.scenario.timing.of(ResourceKind::Store).online_ms, 120_000);
        assert_eq!(slower.saved.scenario.timing.of(ResourceKind::Store).offline_ms, 15_000, "offline kept");
        let played = slower.reduce(Action::PlayScript);
        assert_eq!(played.player.as_ref().unwrap().end_ms, 149_000, "the store takes 60 s longer to mount");
        let refused = played.clone().reduce(Action::SetTiming(TimingField::Detection, "later".into()));
        assert_eq!(refused.saved, played.saved);
        assert!(refused.notice.clone().unwrap().text.contains("number of seconds"));
    }

    #[test]
    fn the_player_plays_steps_and_seeks() {
        let state = start("four-node-3a1p").reduce(Action::OpenLesson("single-node-failure".into()));
        let player = state.player.clone().expect("a lesson opens the player");
        assert_eq!((player.time_ms, player.playing), (0, false));
        assert_eq!(owner_shown(&state, "EVS3"), Some("node3".into()), "at 0 s nothing has happened yet");
        assert_eq!(player.end_ms, 89_000, "EVS3 is online on node4 after 89 s");
        let state =
            state.reduce(Action::Player(PlayerAction::TogglePlay)).reduce(Action::Player(PlayerAction::Tick(1_000)));
        let player = state.player.clone().unwrap();
        assert!(player.playing);
        assert_eq!(player.time_ms, 8_000, "8x speed by default");
        assert_eq!(owner_shown(&state, "EVS3"), None, "failing over: EVS3 runs nowhere until it is online on node4");
        assert_eq!(player.moment().groups[2].state, "pending");
        let moment = player.moment();
        let resources: Vec<(&str, &str)> =
            moment.groups[2].resources.iter().map(|r| (r.name.as_str(), r.state.word())).take(3).collect();
        assert_eq!(
            resources,
            [("IP Address", "online"), ("Network Name", "pending"), ("Logs Disk", "pending")],
            "at 8 s the IP address is up on node4 (7 s), the network name not yet (9 s)"
        );
        let paused =
            state.reduce(Action::Player(PlayerAction::TogglePlay)).reduce(Action::Player(PlayerAction::Tick(1_000)));
        assert_eq!(paused.player.as_ref().unwrap().time_ms, 8_000, "a paused player does not move");
        let stepped = paused.reduce(Action::Player(PlayerAction::StepForward));
        assert_eq!(stepped.player.as_ref().unwrap().time_ms, 9_000, "the next step: network name, disks online");
        let back =
            stepped.reduce(Action::Player(PlayerAction::StepBack)).reduce(Action::Player(PlayerAction::StepBack));
        assert_eq!(back.player.as_ref().unwrap().time_ms, 6_000, "back to the failure being noticed");
        assert_eq!(back.player.as_ref().unwrap().current().unwrap().change, "failover begins");
        let seeked = back.reduce(Action::Player(PlayerAction::Seek(1_000_000)));
        assert_eq!(seeked.player.as_ref().unwrap().time_ms, 89_000, "seeking stops at the end");
        assert_eq!(owner_shown(&seeked, "EVS3"), Some("node4".into()));
        let fast = seeked.reduce(Action::Player(PlayerAction::SetSpeed(100.0)));
        assert_eq!(fast.player.as_ref().unwrap().speed, 64.0);
        let replay = fast.reduce(Action::Player(PlayerAction::TogglePlay));
        assert_eq!(replay.player.as_ref().unwrap().time_ms, 0, "play at the end starts again");
        let acted = replay.reduce(Action::Apply("fail:node1".into()));
        assert!(acted.player.is_none(), "acting on the cluster closes the player");
    }

    #[test]
    fn a_bad_script_says_which_line() {
        let state =
            start("four-node-3a1p").reduce(Action::SetScript(vec!["fail:node3@0s".into(), "fail:node9@1min".into()]));
        assert_eq!(state.saved.scenario.script.len(), 2, "the script is saved with the design");
        let refused = state.reduce(Action::PlayScript);
        assert!(refused.player.is_none());
        assert_eq!(
            refused.notice.as_ref().unwrap().text,
            "Script line 2: event \"fail:node9\": no node named \"node9\""
        );
        let empty = start("four-node-3a1p").reduce(Action::PlayScript);
        assert!(empty.notice.as_ref().unwrap().text.starts_with("The script is empty"));
    }

    #[test]
    fn side_by_side_on_one_clock() {
        let state = start("four-node-3a1p")
            .reduce(Action::OpenComparison(preset("two-node-active-active"), preset("two-node-active-passive")));
        let comparison = state.comparison.clone().expect("the comparison opens");
        assert_eq!(comparison.panes.len(), 2);
        assert_eq!(comparison.panes[0].player.end_ms, comparison.panes[1].player.end_ms, "one clock");
        assert!(comparison.sentence.contains("active/active loses less time per group."), "{}", comparison.sentence);
        assert!(comparison.sentence.contains("But the rules warn against"), "{}", comparison.sentence);
        assert!(!comparison.finished(), "the verdict waits for the end of the script");
        assert!(
            state.clone().reduce(Action::Player(PlayerAction::Seek(u64::MAX))).comparison.as_ref().unwrap().finished()
        );
        let moved = state.reduce(Action::Player(PlayerAction::Seek(90_000)));
        let panes = &moved.comparison.as_ref().unwrap().panes;
        assert!(panes.iter().all(|p| p.player.time_ms == 90_000), "both panes seek together");
        assert_eq!(panes[0].player.moment().groups[0].owner.as_deref(), Some("node2"), "A/A: EVS1 on node2 at 90 s");
        assert_eq!(panes[1].player.moment().groups[0].owner.as_deref(), Some("node2"), "A/P: EVS1 on node2 at 90 s");
        let refused = start("four-node-3a1p").reduce(Action::Notify(Notice::error("an earlier refusal")));
        let opened = refused.reduce(Action::OpenComparison(Comparand::Current, preset("two-node-active-passive")));
        assert!(opened.comparison.is_some() && opened.notice.is_none(), "the comparison replaces the old notice");
        // Presented as it is: the comparison stays, no lesson is opened over it; N opens the first lesson
        // in its place.
        let presented = moved.clone().reduce(Action::StartPresenting(None));
        assert!(presented.presenter.on && presented.presenter.lesson.is_none());
        assert!(Rc::ptr_eq(presented.comparison.as_ref().unwrap(), moved.comparison.as_ref().unwrap()));
        let next = presented.reduce(Action::NextLesson);
        assert!(next.comparison.is_none() && next.player.is_some() && next.presenter.lesson == Some(0));
        let closed = moved.reduce(Action::CloseComparison);
        assert!(closed.comparison.is_none());
        let unfit = start("eight-node-7a1p")
            .reduce(Action::SetScript(vec!["fail:node8@0s".into()]))
            .reduce(Action::OpenComparison(Comparand::Current, preset("two-node-active-passive")));
        assert!(unfit.comparison.is_none());
        assert!(
            unfit.notice.as_ref().unwrap().text.starts_with("The script does not fit Two-node cluster, active/passive")
        );
    }

    fn owner_shown(state: &AppState, group: &str) -> Option<String> {
        state.moment().groups.iter().find(|g| g.name == group).and_then(|g| g.owner.clone())
    }

    #[test]
    fn the_remaining_actions() {
        let state = start("four-node-3a1p");
        let blank = state.clone().reduce(Action::Blank);
        assert_eq!(blank.saved.scenario.nodes.len(), 2);
        assert!(blank.saved.scenario.groups.is_empty());
        let restored = blank.reduce(Action::Restore((*state.saved).clone()));
        assert_eq!(restored.saved, state.saved);
        let removed = state
            .clone()
            .reduce(Action::Select(Some(Selection::Node("node4".into()))))
            .reduce(Action::RemoveNode("node4".into()));
        assert_eq!(removed.saved.scenario.nodes.len(), 3);
        assert_eq!(removed.selection, None, "the removed thing is no longer selected");
        let refused = state.clone().reduce(Action::RemoveNetwork("public".into()));
        assert!(refused.notice.as_ref().unwrap().text.contains("EVS1/IP Address"));
        assert_eq!(refused.refusals, 1);
        let removed = state.clone().reduce(Action::RemoveNetwork("private".into()));
        assert_eq!(removed.saved.scenario.networks.len(), 1);
        assert!(removed.analysis.findings.iter().any(|f| f.rule == "network.no-private"));
        let noticed = state.clone().reduce(Action::Notify(Notice::info("hello")));
        assert_eq!(noticed.notice.as_ref().unwrap().text, "hello");
        assert_eq!(noticed.reduce(Action::Dismiss).notice, None);
        // Escape: the notice first, then the selection.
        let both = state
            .clone()
            .reduce(Action::Select(Some(Selection::Node("node2".into()))))
            .reduce(Action::Notify(Notice::info("hello")));
        let once = both.reduce(Action::Dismiss);
        assert_eq!((once.notice.is_none(), once.selection.clone()), (true, Some(Selection::Node("node2".into()))));
        assert_eq!(once.reduce(Action::Dismiss).selection, None);
        let view = ViewBox { x: 1.0, y: 2.0, width: 300.0, height: 200.0 };
        assert_eq!(state.clone().reduce(Action::SetView(view)).view, view);
        let same = state.clone().reduce(Action::Select(None));
        assert!(Rc::ptr_eq(&state, &same), "an action that changes nothing returns the same state");
        let unknown = state.reduce(Action::Apply("fail:node9".into()));
        assert_eq!(unknown.notice.as_ref().unwrap().text, "event \"fail:node9\": no node named \"node9\"");
    }

    #[test]
    fn active_active_and_active_passive_are_one_click_apart() {
        let aa = start("two-node-active-passive").reduce(Action::LoadPreset("two-node-active-active".into()));
        assert_eq!(aa.analysis.mode, Mode::ActiveActive);
        assert!(aa.analysis.findings.iter().any(|f| f.rule == "config.active-active"));
        let summary = clusterplan_core::cluster::matrix::Summary::compute(&aa.analysis.design, None).unwrap();
        assert!(summary.levels[1].tolerated, "active/active survives any single node failure");
        let ap = aa.reduce(Action::LoadPreset("two-node-active-passive".into()));
        assert_eq!(ap.analysis.mode, Mode::ActivePassive);
        assert_eq!(ap.analysis.ips.total, 6 + 3, "2n + e + 1 = 6, and the client tier's 3");
    }
}
