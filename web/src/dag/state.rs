//! The DAG planner's state and its one reducer, built like the 2003 planner's: the saved design (scenario
//! and applied events), what the engine says about it, undo/redo, the selection and the notice. Every
//! decision comes from core; a refused event, an impossible edit or a bad file leaves the design as it was
//! and says why.

use std::rc::Rc;

use clusterplan_core::dag::event::Event;
use clusterplan_core::dag::model::{ActivationPolicy, ContentIndex, CopyStatus, MountDial, Scenario};
use clusterplan_core::dag::report::{self, Outcome};
use clusterplan_core::dag::{self, Design};
use clusterplan_core::finding::SubjectKind;
use yew::Reducible;

pub use super::analysis::{Analysis, DesignFacts};
pub use super::files::{from_json, read_file};
pub use super::playback::{Player, TimingField, play_script, with_timing};
use crate::shell::history::History;
pub use crate::shell::moment::Moment;
pub use crate::shell::notice::{Notice, NoticeKind, Problem};
pub use crate::shell::player::PlayerAction;
pub use crate::shell::presenter::{Escape, Opening, Presenter};
use crate::shell::same::{same, same_option};
use crate::shell::share;

/// What autosave, export and share links keep: the design and the events applied to it.
pub type Saved = share::Saved<Scenario>;

impl Saved {
    pub fn preset(id: &str) -> Option<Saved> {
        dag::presets::preset(id).map(Saved::healthy)
    }
}

/// What is selected: its inspector shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Selection {
    #[default]
    Dag,
    Server(String),
    Database(String),
    Copy {
        database: String,
        server: String,
    },
}

/// A server setting the inspector edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerSetting {
    MountDial(MountDial),
    Policy(ActivationPolicy),
    /// MaximumActiveDatabases as typed: empty for none.
    MaxActive(String),
    /// MaximumPreferredActiveDatabases as typed: empty for none.
    MaxPreferredActive(String),
}

/// A copy's health, as the inspector edits it (numbers as typed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopySetting {
    /// The activation preference as typed; the other copies are renumbered around it.
    Preference(String),
    CopyQueue(String),
    ReplayQueue(String),
    LagDays(String),
    ContentIndex(ContentIndex),
    Status(CopyStatus),
}

/// The generator's form as filled in: numbers as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratorForm {
    pub per_site: String,
    pub databases: String,
    pub copies_per_site: String,
    pub lagged: bool,
    pub actives_in_primary: bool,
    pub witness_site: String,
    pub namespace: bool,
}

impl GeneratorForm {
    /// The Preferred Architecture's form at this size (what the form opens with, but the namespace).
    pub fn preferred(per_site: &str, databases: &str, witness_site: &str) -> GeneratorForm {
        GeneratorForm {
            per_site: per_site.into(),
            databases: databases.into(),
            copies_per_site: "2".into(),
            lagged: true,
            actives_in_primary: false,
            witness_site: witness_site.into(),
            namespace: false,
        }
    }

    /// The shape asked for, or what is wrong in the fields' words.
    fn shape(&self) -> Result<dag::presets::Shape, String> {
        let number = |text: &str, what: &str| {
            text.trim().parse::<usize>().map_err(|_| format!("{what}: a whole number, not \"{}\".", text.trim()))
        };
        let shape = dag::presets::Shape {
            per_site: number(&self.per_site, "Members per datacenter")?,
            databases: number(&self.databases, "Databases")?,
            copies_per_site: number(&self.copies_per_site, "Copies per datacenter")?,
            lagged: self.lagged,
            actives: if self.actives_in_primary {
                dag::presets::Actives::Primary
            } else {
                dag::presets::Actives::Balanced
            },
            witness_site: self.witness_site.clone(),
            namespace: self.namespace,
        };
        shape.check().map(|()| shape)
    }
}

/// Everything the user can ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    LoadPreset(String),
    /// Apply an event, as core writes it (`fail-site:dc1`).
    Apply(String),
    /// Forget every applied event: the healthy DAG.
    Heal,
    MoveCopy {
        database: String,
        from: String,
        to: String,
    },
    MoveServer {
        server: String,
        site: String,
    },
    SetServer {
        server: String,
        setting: ServerSetting,
    },
    SetCopy {
        database: String,
        server: String,
        setting: CopySetting,
    },
    AddCopy {
        database: String,
        server: String,
    },
    RemoveCopy {
        database: String,
        server: String,
    },
    AddServer(String),
    RemoveServer(String),
    /// Put the witness (or the alternate witness) in a site.
    MoveWitness {
        site: String,
        alternate: bool,
    },
    /// A new symmetric DAG of the shape the generator's form gives.
    Generate(GeneratorForm),
    SetDacMode(bool),
    SetIpLess(bool),
    /// A namespace for clients, with an address in each site with members, or none.
    SetNamespace(bool),
    /// The members' Windows Server version, by its id (`2012-r2`); empty for the Exchange version's default.
    SetWindows(String),
    /// The members' Exchange version, by its id (`2019`).
    SetExchange(String),
    /// Dynamic quorum turned off (DynamicQuorum = 0).
    SetStaticVotes(bool),
    /// Replace the failure script (one timed event a line).
    SetScript(Vec<String>),
    /// Set one of the timeline's durations, in seconds as typed.
    SetTiming(TimingField, String),
    /// Play the design's failure script on the timeline.
    PlayScript,
    /// Open a guided lesson: its design and script, ready to play.
    OpenLesson(String),
    /// Drive the player; `Close` closes it.
    Player(PlayerAction),
    Select(Selection),
    /// Select what a finding is about.
    SelectSubject(SubjectKind, String),
    /// A file's text or a share link's design.
    Import(String),
    Restore(Box<Saved>),
    Undo,
    Redo,
    Notify(Notice),
    Dismiss,
    /// Presenter mode on: at the lesson named, else what the player plays, else the design's own script,
    /// else the first lesson.
    StartPresenting(Option<String>),
    StopPresenting,
    /// In presenter mode, the next lesson.
    NextLesson,
}

/// The whole state of the DAG planner.
#[derive(Debug, Clone)]
pub struct AppState {
    pub saved: Rc<Saved>,
    pub analysis: Rc<Analysis>,
    pub history: History<Saved>,
    pub selection: Selection,
    pub notice: Option<Notice>,
    /// How many actions were refused: forms reset their fields when it changes.
    pub refusals: u32,
    /// The timeline player, when a script is being played.
    pub player: Option<Rc<Player>>,
    /// Presenter mode, and the lesson it has open.
    pub presenter: Presenter,
}

/// States compare their shared parts by identity ([`crate::shell::same`]): every component's props hold
/// the state, and comparing a 200-database design by its contents on each render cost more than drawing it.
impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        let AppState { saved, analysis, history, selection, notice, refusals, player, presenter } = self;
        same(saved, &other.saved)
            && same(analysis, &other.analysis)
            && *history == other.history
            && *selection == other.selection
            && *notice == other.notice
            && *refusals == other.refusals
            && same_option(player, &other.player)
            && *presenter == other.presenter
    }
}

fn parse_count(text: &str, what: &str) -> Result<u32, String> {
    text.trim().parse::<u32>().map_err(|_| format!("{what} must be a whole number of 0 or more, not \"{text}\""))
}

impl AppState {
    /// The planner started on `saved`, or on the Preferred Architecture if `saved` does not load (with a
    /// notice).
    pub fn new(saved: Saved) -> AppState {
        let (saved, analysis, notice) = match Analysis::new(&saved.scenario, &saved.events, None) {
            Ok(analysis) => (saved, analysis, None),
            Err(problem) => {
                let fallback = Saved::preset("dag-pa-8").expect("the preset exists");
                let analysis = Analysis::new(&fallback.scenario, &fallback.events, None).expect("the preset loads");
                (fallback, analysis, Some(Notice::problem("The saved design could not be opened", &problem)))
            }
        };
        AppState {
            saved: Rc::new(saved),
            analysis: Rc::new(analysis),
            history: History::default(),
            selection: Selection::Dag,
            notice,
            refusals: 0,
            player: None,
            presenter: Presenter::default(),
        }
    }

    /// Makes `saved` the design, remembering the current one for undo; if it does not load, nothing changes
    /// and the notice says why.
    fn commit(self: &Rc<Self>, saved: Saved, notice: Option<Notice>) -> Rc<Self> {
        match Analysis::new(&saved.scenario, &saved.events, Some(&self.analysis)) {
            Ok(analysis) => self.commit_analysed(saved, analysis, notice),
            Err(problem) => self.refuse(Notice::problem("That change would break the design", &problem)),
        }
    }

    /// Makes `saved`, already analysed, the design, remembering the current one for undo.
    fn commit_analysed(self: &Rc<Self>, saved: Saved, analysis: Analysis, notice: Option<Notice>) -> Rc<Self> {
        Rc::new(AppState {
            saved: Rc::new(saved),
            analysis: Rc::new(analysis),
            history: self.history.after_step(self.saved.clone()),
            notice,
            // A changed design or new failures end the time travel.
            player: None,
            ..(**self).clone()
        })
    }

    fn refuse(self: &Rc<Self>, notice: Notice) -> Rc<Self> {
        Rc::new(AppState { notice: Some(notice), refusals: self.refusals + 1, ..(**self).clone() })
    }

    /// The same state with `selection` selected.
    fn selecting(self: Rc<Self>, selection: Selection) -> Rc<Self> {
        if selection == self.selection {
            return self;
        }
        Rc::new(AppState { selection, ..(*self).clone() })
    }

    /// Changes the design; events that no longer mean anything (a removed server's) are dropped, and the
    /// notice says which.
    fn edit(self: &Rc<Self>, change: impl FnOnce(&mut Scenario) -> Result<(), String>) -> Rc<Self> {
        let mut saved = (*self.saved).clone();
        if let Err(problem) = change(&mut saved.scenario) {
            return self.refuse(Notice::error(problem));
        }
        if saved == *self.saved {
            return self.clone();
        }
        let mut notice = None;
        if let Ok(dag) = Design::new(saved.scenario.clone()) {
            let (kept, dropped): (Vec<String>, Vec<String>) =
                saved.events.iter().cloned().partition(|text| Event::parse(text, &dag).is_ok());
            if !dropped.is_empty() {
                saved.events = kept;
                notice =
                    Some(Notice::info(format!("Dropped the events that no longer apply: {}.", dropped.join(", "))));
            }
        }
        self.commit(saved, notice)
    }

    /// Applies an event: read once, replayed once with the events before it; kept only if the engine
    /// accepts it, else refused with its reason.
    /// The DAG as the player shows it, its events made the applied ones, and the player closed: acting
    /// during playback acts on what is on screen (the script's events up to the player's time).
    fn as_shown(self: Rc<Self>) -> Rc<Self> {
        let Some(player) = self.player.clone() else { return self };
        let dag = &self.analysis.dag;
        let events = player.timeline.events.iter().filter(|e| e.at.unwrap_or(0) <= player.time_ms);
        let saved =
            Saved { scenario: self.saved.scenario.clone(), events: events.map(|e| e.event.label(dag)).collect() };
        match Analysis::new(&saved.scenario, &saved.events, Some(&self.analysis)) {
            Ok(analysis) => Rc::new(AppState {
                saved: Rc::new(saved),
                analysis: Rc::new(analysis),
                player: None,
                ..(*self).clone()
            }),
            Err(_) => Rc::new(AppState { player: None, ..(*self).clone() }),
        }
    }

    fn apply(self: &Rc<Self>, text: &str) -> Rc<Self> {
        let dag = &self.analysis.dag;
        let event = match Event::parse(text, dag) {
            Ok(event) => event,
            Err(error) => return self.refuse(Notice::error(error.to_string())),
        };
        let mut events = self.analysis.events.clone();
        events.push(event);
        let outcome = report::simulate(dag, &events);
        if let Some(reason) = outcome.events.last().and_then(|e| e.refused.clone()) {
            return self.refuse(Notice::refused(format!("Cannot {}: {reason}", event.label(dag))));
        }
        let mut saved = (*self.saved).clone();
        saved.events.push(event.label(dag));
        let analysis = Analysis::with_outcome(dag.clone(), events, outcome, Some(&self.analysis));
        self.commit_analysed(saved, analysis, None)
    }

    /// Undo (`back`) or redo one step; a step that no longer loads is refused with its reason.
    fn step(self: &Rc<Self>, back: bool) -> Rc<Self> {
        let Some((saved, history)) = self.history.step(back, self.saved.clone()) else { return self.clone() };
        match Analysis::new(&saved.scenario, &saved.events, Some(&self.analysis)) {
            Ok(analysis) => Rc::new(AppState {
                saved,
                analysis: Rc::new(analysis),
                history,
                notice: None,
                player: None,
                ..(**self).clone()
            }),
            Err(problem) => self.refuse(Notice::problem("That step cannot be taken", &problem)),
        }
    }

    /// Sets a server's activation settings.
    fn set_server(self: &Rc<Self>, server: &str, setting: ServerSetting) -> Rc<Self> {
        self.edit(|scenario| {
            let entry = scenario
                .servers
                .iter_mut()
                .find(|s| s.name == server)
                .ok_or_else(|| format!("there is no server named {server}"))?;
            match setting {
                ServerSetting::MountDial(dial) => entry.mount_dial = dial,
                ServerSetting::Policy(policy) => entry.activation_policy = policy,
                ServerSetting::MaxActive(text) if text.trim().is_empty() => entry.max_active = None,
                ServerSetting::MaxActive(text) => {
                    entry.max_active = Some(parse_count(&text, "MaximumActiveDatabases")?)
                }
                ServerSetting::MaxPreferredActive(text) if text.trim().is_empty() => entry.max_preferred_active = None,
                ServerSetting::MaxPreferredActive(text) => {
                    entry.max_preferred_active = Some(parse_count(&text, "MaximumPreferredActiveDatabases")?)
                }
            }
            Ok(())
        })
    }

    /// Sets a copy's activation preference, or its health (what-if teaching).
    fn set_copy(self: &Rc<Self>, database: &str, server: &str, setting: CopySetting) -> Rc<Self> {
        if let CopySetting::Preference(text) = &setting {
            return self.edit(|scenario| {
                let preference = parse_count(text, "The activation preference")?;
                dag::edit::set_preference(scenario, database, server, preference)
            });
        }
        self.edit(|scenario| {
            let copy = scenario
                .databases
                .iter_mut()
                .find(|d| d.name == database)
                .and_then(|d| d.copies.iter_mut().find(|c| c.server == server))
                .ok_or_else(|| format!("{database} has no copy on {server}"))?;
            match setting {
                CopySetting::CopyQueue(text) => copy.copy_queue = parse_count(&text, "The copy queue")?,
                CopySetting::ReplayQueue(text) => copy.replay_queue = parse_count(&text, "The replay queue")?,
                CopySetting::LagDays(text) => copy.replay_lag_days = parse_count(&text, "The replay lag")?,
                CopySetting::ContentIndex(state) => copy.content_index = state,
                CopySetting::Status(status) => copy.status = status,
                CopySetting::Preference(_) => {}
            }
            Ok(())
        })
    }

    /// Starts the player on the design's script at 0 s, or says which line is wrong.
    fn play(self: Rc<Self>) -> Rc<Self> {
        match play_script(&self.analysis.dag, &self.saved.scenario.script) {
            Ok(player) => Rc::new(AppState { player: Some(Rc::new(player)), ..(*self).clone() }),
            Err(message) => self.refuse(Notice::error(message)),
        }
    }

    /// What every panel shows: the player's moment while a script plays, else the events applied now. The
    /// only way to an outcome to show.
    pub fn moment(&self) -> Moment<Outcome> {
        self.analysis.moment(self.player.as_deref())
    }

    /// A new symmetric DAG of the shape the form gives, or why not.
    fn generate(self: &Rc<Self>, form: &GeneratorForm) -> Rc<Self> {
        let shape = match form.shape() {
            Ok(shape) => shape,
            Err(problem) => return self.refuse(Notice::error(problem)),
        };
        let name = format!("{} members over two datacenters, witness in {}", shape.per_site * 2, shape.witness_site);
        let scenario = dag::presets::generate(&shape, &name, "");
        self.commit(Saved::healthy(scenario), None).selecting(Selection::Dag)
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::LoadPreset(id) => match Saved::preset(&id) {
                Some(saved) => self.commit(saved, None).selecting(Selection::Dag),
                None => self.refuse(Notice::error(format!("There is no preset \"{id}\"."))),
            },
            Action::Apply(text) => self.as_shown().apply(&text),
            Action::Heal => {
                if self.saved.events.is_empty() {
                    return self;
                }
                self.commit(Saved::healthy(self.saved.scenario.clone()), None)
            }
            Action::MoveCopy { database, from, to } => {
                let next = self.edit(|scenario| dag::edit::move_copy(scenario, &database, &from, &to));
                // The selected copy moves with it.
                let moved = Selection::Copy { database: database.clone(), server: from };
                if next.saved != self.saved && next.selection == moved {
                    return next.selecting(Selection::Copy { database, server: to });
                }
                next
            }
            Action::MoveServer { server, site } => {
                self.edit(|scenario| dag::edit::move_server(scenario, &server, &site))
            }
            Action::AddCopy { database, server } => {
                self.edit(|scenario| dag::edit::add_copy(scenario, &database, &server))
            }
            Action::RemoveCopy { database, server } => {
                let next = self.edit(|scenario| dag::edit::remove_copy(scenario, &database, &server));
                if next.saved != self.saved { next.selecting(Selection::Dag) } else { next }
            }
            Action::AddServer(site) => {
                let mut added = None;
                let next = self.edit(|scenario| dag::edit::add_server(scenario, &site).map(|name| added = Some(name)));
                match added.filter(|_| next.saved != self.saved) {
                    Some(name) => next.selecting(Selection::Server(name)),
                    None => next,
                }
            }
            Action::RemoveServer(server) => {
                let next = self.edit(|scenario| dag::edit::remove_server(scenario, &server));
                if next.saved != self.saved && next.selection == Selection::Server(server) {
                    return next.selecting(Selection::Dag);
                }
                next
            }
            Action::MoveWitness { site, alternate } => {
                self.edit(|scenario| dag::edit::move_witness(scenario, &site, alternate))
            }
            Action::Generate(form) => self.generate(&form),
            Action::SetIpLess(on) => self.edit(|scenario| {
                scenario.ip_less = on;
                Ok(())
            }),
            Action::SetNamespace(on) => self.edit(|scenario| {
                dag::edit::set_namespace(scenario, on);
                Ok(())
            }),
            Action::SetDacMode(on) => self.edit(|scenario| {
                scenario.dac_mode = on;
                Ok(())
            }),
            Action::SetWindows(id) => self.edit(|scenario| {
                scenario.windows = match id.as_str() {
                    "" => None,
                    id => {
                        Some(dag::model::WindowsVersion::from_id(id).ok_or_else(|| format!("no Windows Server {id}"))?)
                    }
                };
                Ok(())
            }),
            Action::SetExchange(id) => self.edit(|scenario| {
                scenario.exchange =
                    dag::model::ExchangeVersion::from_id(&id).ok_or_else(|| format!("no Exchange version {id}"))?;
                Ok(())
            }),
            Action::SetStaticVotes(on) => self.edit(|scenario| {
                scenario.static_votes = on;
                Ok(())
            }),
            Action::SetScript(lines) => {
                let lines: Vec<String> =
                    lines.into_iter().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
                if lines == self.saved.scenario.script {
                    return self;
                }
                self.edit(|scenario| {
                    scenario.script = lines;
                    Ok(())
                })
            }
            Action::SetTiming(field, text) => match with_timing(&self.saved.scenario, field, &text) {
                Ok(Some(edited)) => self.edit(|scenario| {
                    *scenario = edited;
                    Ok(())
                }),
                Ok(None) => self,
                Err(message) => self.refuse(Notice::error(message)),
            },
            Action::PlayScript => self.play(),
            Action::OpenLesson(id) => match dag::lessons::lesson(&id) {
                Some(lesson) => {
                    let notice = Notice::info(format!("{}: {}", lesson.title, lesson.teaches));
                    let opened = self.commit(Saved::healthy(lesson.scenario), None).selecting(Selection::Dag);
                    let played = opened.play();
                    let presenter = played.presenter.opened(&dag::lessons::ids(), &id);
                    let player = played.player.as_ref().map(|p| Rc::new((**p).clone().marked(lesson.moments)));
                    Rc::new(AppState { notice: Some(notice), presenter, player, ..(*played).clone() })
                }
                None => self.refuse(Notice::error(format!("There is no lesson \"{id}\"."))),
            },
            // Closing the player in presenter mode leaves it too: there is nothing left to present.
            Action::Player(PlayerAction::Close) => {
                if self.player.is_none() {
                    return self;
                }
                Rc::new(AppState { player: None, presenter: self.presenter.stopped(), ..(*self).clone() })
            }
            Action::Player(action) => {
                let Some(player) = &self.player else { return self };
                match player.after(&self.analysis.dag, &action) {
                    Some(next) if next != **player => {
                        Rc::new(AppState { player: Some(Rc::new(next)), ..(*self).clone() })
                    }
                    _ => self,
                }
            }
            Action::SetServer { server, setting } => self.set_server(&server, setting),
            Action::SetCopy { database, server, setting } => self.set_copy(&database, &server, setting),
            Action::Select(selection) => self.selecting(selection),
            Action::SelectSubject(kind, subject) => self.selecting(selection_for(kind, &subject)),
            Action::Import(text) => {
                let opened = read_file(&text).and_then(|saved| {
                    Analysis::new(&saved.scenario, &saved.events, Some(&self.analysis))
                        .map(|analysis| (saved, analysis))
                });
                match opened {
                    Ok((saved, analysis)) => self.commit_analysed(saved, analysis, None).selecting(Selection::Dag),
                    Err(problem) => self.refuse(Notice::problem("That file could not be opened", &problem)),
                }
            }
            Action::Restore(saved) => {
                let next = self.commit(*saved, None);
                if next.saved != self.saved { next.selecting(Selection::Dag) } else { next }
            }
            Action::Undo => self.step(true),
            Action::Redo => self.step(false),
            Action::Notify(notice) => Rc::new(AppState { notice: Some(notice), ..(*self).clone() }),
            Action::StopPresenting => Rc::new(AppState { presenter: self.presenter.stopped(), ..(*self).clone() }),
            Action::StartPresenting(lesson) => {
                let playing = self.player.is_some();
                let has_script = !self.saved.scenario.script.is_empty();
                let shown = match Presenter::opening(lesson, playing, has_script, &dag::lessons::ids()) {
                    Opening::Lesson(id) => self.reduce(Action::OpenLesson(id)),
                    Opening::AsItIs => self,
                    Opening::OwnScript => self.play(),
                };
                Rc::new(AppState { presenter: shown.presenter.started(), ..(*shown).clone() })
            }
            Action::NextLesson => match self.presenter.next(&dag::lessons::ids()) {
                Some(id) if self.presenter.on => self.reduce(Action::OpenLesson(id.to_string())),
                _ => self,
            },
            Action::Dismiss => match self.presenter.escape(self.notice.is_some(), self.selection != Selection::Dag) {
                Escape::Leave => {
                    Rc::new(AppState { presenter: self.presenter.stopped(), notice: None, ..(*self).clone() })
                }
                Escape::CloseNotice => Rc::new(AppState { notice: None, ..(*self).clone() }),
                Escape::LetGo => Rc::new(AppState { selection: Selection::Dag, ..(*self).clone() }),
                Escape::Nothing => self,
            },
        }
    }
}

/// Where a finding's subject is on screen: a server, a database, a copy (`db1@ex2`), or the DAG.
pub fn selection_for(kind: SubjectKind, subject: &str) -> Selection {
    match kind {
        SubjectKind::Server => Selection::Server(subject.to_string()),
        SubjectKind::Database => Selection::Database(subject.to_string()),
        SubjectKind::Copy => match subject.split_once('@') {
            Some((database, server)) => Selection::Copy { database: database.into(), server: server.into() },
            None => Selection::Dag,
        },
        // The DAG, its sites, the witness and the networks are edited in the DAG's inspector.
        _ => Selection::Dag,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(id: &str) -> Rc<AppState> {
        Rc::new(AppState::new(Saved::preset(id).unwrap()))
    }

    #[test]
    fn presenter_mode_goes_through_the_dag_lessons() {
        let on = start("dag-pa-8").reduce(Action::StartPresenting(None));
        assert_eq!((on.presenter.on, on.presenter.lesson), (true, Some(0)));
        assert_eq!(on.saved.scenario.name, dag::lessons::lesson(dag::lessons::LESSONS[0].id).unwrap().scenario.name);
        let next = on.reduce(Action::NextLesson);
        assert_eq!(next.presenter.lesson, Some(1));
        let off = next.reduce(Action::Dismiss);
        assert!(!off.presenter.on && off.notice.is_none(), "one Escape leaves, the notice with it");
        let closed =
            start("dag-pa-8").reduce(Action::StartPresenting(None)).reduce(Action::Player(PlayerAction::Close));
        assert!(closed.player.is_none() && !closed.presenter.on, "closing the player leaves presenter mode");
    }

    #[test]
    fn escape_lets_go_of_the_selection() {
        let selected = start("dag-2-member").reduce(Action::Select(Selection::Server("ex1".into())));
        assert_eq!(selected.selection, Selection::Server("ex1".into()));
        assert_eq!(selected.reduce(Action::Dismiss).selection, Selection::Dag);
    }

    /// Where the events applied (not the player) leave a database.
    fn place(state: &AppState, database: &str) -> Option<String> {
        state.analysis.moment(None).databases.iter().find(|d| d.name == database).and_then(|d| d.server.clone())
    }

    fn shown(state: &AppState, database: &str) -> (MountStateWord, Option<String>) {
        let moment = state.moment();
        let report = moment.databases.iter().find(|d| d.name == database).unwrap();
        (report.state, report.server.clone())
    }
    use clusterplan_core::dag::report::MountState as MountStateWord;

    #[test]
    fn a_lesson_link_opens_its_design_and_plays_it_second_by_second() {
        let state = start("dag-2-member").reduce(Action::OpenLesson("third-site-witness-failover".into()));
        assert_eq!(state.saved.scenario.script, ["fail-site:dc1@0s"]);
        assert!(state.notice.as_ref().unwrap().text.starts_with("A datacenter fails"));
        let player = state.player.clone().expect("a lesson opens the player");
        assert_eq!((player.time_ms, player.playing, player.end_ms), (0, false, 42_000));
        // At 0 s dc1 has failed but nobody has noticed: db1 still shows on ex1.
        assert_eq!(shown(&state, "db1"), (MountStateWord::Mounted, Some("ex1".into())));
        // Between the notice (10 s) and the mount (22 s) it fails over, running nowhere.
        let noticed = state.reduce(Action::Player(PlayerAction::Seek(12_000)));
        assert_eq!(shown(&noticed, "db1"), (MountStateWord::FailingOver, None));
        assert!(noticed.player.as_ref().unwrap().current().unwrap().change.starts_with("best copy selection chooses"));
        // About 21 s after dc1 failed, the clients of its address have tried vip-dc2 by themselves.
        let reconnected = noticed.reduce(Action::Player(PlayerAction::StepForward));
        let player = reconnected.player.as_ref().unwrap();
        assert_eq!(player.time_ms, 21_000);
        assert_eq!(player.current().unwrap().subject, "clients of vip-dc1");
        let mounted = reconnected.reduce(Action::Player(PlayerAction::StepForward));
        assert_eq!(mounted.player.as_ref().unwrap().time_ms, 22_000);
        assert_eq!(shown(&mounted, "db1"), (MountStateWord::Mounted, Some("ex5".into())));
        // The applied events are untouched by time travel; acting on the DAG acts on it as shown (dc1 failed
        // by the script) and closes the player.
        assert_eq!(place(&mounted, "db1").as_deref(), Some("ex1"));
        let playing =
            mounted.reduce(Action::Player(PlayerAction::TogglePlay)).reduce(Action::Player(PlayerAction::Tick(1_000)));
        assert_eq!(playing.player.as_ref().unwrap().time_ms, 30_000, "8× speed");
        let acted = playing.reduce(Action::Apply("fail:ex6".into()));
        assert!(acted.player.is_none());
        assert_eq!(acted.saved.events, ["fail-site:dc1", "fail:ex6"], "the script's event, then the click's");
        assert_ne!(place(&acted, "db2").as_deref(), Some("ex6"), "db2 leaves ex6, and dc1 stays down");
        assert!(place(&acted, "db2").is_some_and(|server| ["ex5", "ex7", "ex8"].contains(&server.as_str())));
    }

    #[test]
    fn a_bad_script_or_duration_says_what_is_wrong_and_keeps_the_design() {
        let state = start("dag-pa-8").reduce(Action::SetScript(vec![
            "fail:ex1@0s".into(),
            " fail:ex99@1min ".into(),
            "".into(),
        ]));
        assert_eq!(state.saved.scenario.script, ["fail:ex1@0s", "fail:ex99@1min"], "saved, trimmed");
        let refused = state.clone().reduce(Action::PlayScript);
        assert!(refused.player.is_none());
        assert_eq!(
            refused.notice.as_ref().unwrap().text,
            "Script line 2: event \"fail:ex99\": no server named \"ex99\""
        );
        let empty = start("dag-pa-8").reduce(Action::PlayScript);
        assert!(empty.notice.as_ref().unwrap().text.starts_with("The script is empty"));
        let slow = state.reduce(Action::SetTiming(TimingField::Mount, "45".into()));
        assert_eq!(slow.saved.scenario.timing.mount_ms, 45_000);
        let wrong = slow.clone().reduce(Action::SetTiming(TimingField::Mount, "soon".into()));
        assert_eq!(wrong.saved, slow.saved);
        assert!(wrong.notice.as_ref().unwrap().text.starts_with("A duration is a number of seconds"));
        let unknown = slow.reduce(Action::OpenLesson("nope".into()));
        assert_eq!(unknown.notice.as_ref().unwrap().text, "There is no lesson \"nope\".");
    }

    #[test]
    fn every_dag_lesson_opens_and_plays_to_its_end() {
        for id in clusterplan_core::dag::lessons::ids() {
            let state = start("dag-pa-8").reduce(Action::OpenLesson(id.to_string()));
            let player = state.player.clone().unwrap_or_else(|| panic!("{id}: {:?}", state.notice));
            let end = state.reduce(Action::Player(PlayerAction::Seek(u64::MAX)));
            let played = end.player.as_ref().unwrap();
            assert_eq!(played.time_ms, player.end_ms, "{id}");
            assert_eq!(played.moment().mounted, player.timeline.outcome.mounted, "{id}: the end is the outcome");
        }
    }

    #[test]
    fn failing_the_primary_site_moves_the_databases_or_stops_the_dag() {
        let state = start("dag-pa-8").reduce(Action::Apply("fail-site:dc1".into()));
        assert_eq!(state.saved.events, ["fail-site:dc1"]);
        assert_eq!(place(&state, "db1").as_deref(), Some("ex5"));
        assert_eq!(state.moment().mounted, 16);
        let state = start("dag-2site-no-third").reduce(Action::Apply("fail-site:dc1".into()));
        assert!(!state.moment().quorum.held);
        assert_eq!(state.moment().mounted, 0);
    }

    #[test]
    fn a_refused_event_changes_nothing_and_says_why() {
        let state = start("dag-pa-8").reduce(Action::Apply("fail:ex1".into()));
        let again = state.clone().reduce(Action::Apply("fail:ex1".into()));
        assert_eq!(again.saved, state.saved);
        assert_eq!(again.history.undo.len(), state.history.undo.len());
        let notice = again.notice.clone().unwrap();
        assert_eq!(notice.kind, NoticeKind::Refused);
        assert!(notice.text.contains("ex1 is already down"), "{}", notice.text);
        let unknown = state.clone().reduce(Action::Apply("fail:ex99".into()));
        assert_eq!(unknown.saved, state.saved);
        assert!(unknown.notice.clone().unwrap().text.contains("no server named \"ex99\""));
    }

    #[test]
    fn moving_copies_and_servers_with_undo_and_redo() {
        let selected = start("dag-pa-8")
            .reduce(Action::Select(Selection::Copy { database: "db1".into(), server: "ex2".into() }))
            .reduce(Action::MoveCopy { database: "db1".into(), from: "ex2".into(), to: "ex4".into() });
        assert_eq!(selected.selection, Selection::Copy { database: "db1".into(), server: "ex4".into() });
        let state =
            start("dag-pa-8").reduce(Action::MoveCopy { database: "db1".into(), from: "ex2".into(), to: "ex3".into() });
        assert_eq!(state.saved.scenario.databases[0].copies[1].server, "ex3");
        let refused =
            state.clone().reduce(Action::MoveCopy { database: "db1".into(), from: "ex3".into(), to: "ex5".into() });
        assert_eq!(refused.saved, state.saved);
        assert!(refused.notice.clone().unwrap().text.contains("already has a copy on ex5"));
        let moved = state.reduce(Action::MoveServer { server: "ex4".into(), site: "dc2".into() });
        assert_eq!(moved.saved.scenario.servers[3].site, "dc2");
        assert!(moved.analysis.facts.findings.iter().any(|f| f.rule == "dag.members.uneven-sites"));
        let back = moved.clone().reduce(Action::Undo).reduce(Action::Undo);
        assert_eq!(*back.saved, Saved::preset("dag-pa-8").unwrap());
        let again = back.reduce(Action::Redo).reduce(Action::Redo);
        assert_eq!(again.saved, moved.saved);
    }

    #[test]
    fn servers_copies_and_the_witness_are_edited_and_stale_events_dropped() {
        let state = start("dag-2-member").reduce(Action::Apply("fail:ex2".into()));
        let added = state.reduce(Action::AddServer("dc1".into()));
        assert_eq!(added.selection, Selection::Server("ex3".into()));
        // Three members, ex2 down: dynamic quorum counts ex1 and ex3, and takes ex3's vote to keep the total odd.
        assert_eq!(added.moment().quorum.needed, 1, "1 vote of 1");
        let static_votes = added.clone().reduce(Action::SetStaticVotes(true));
        assert_eq!(static_votes.moment().quorum.needed, 2, "static votes: node majority, 2 of 3");
        let windows = added.clone().reduce(Action::SetWindows("2008-r2".into()));
        assert_eq!(windows.saved.scenario.windows, Some(clusterplan_core::dag::model::WindowsVersion::Windows2008R2));
        assert_eq!(windows.moment().quorum.needed, 2, "no dynamic quorum before Windows Server 2012");
        let refused = added.clone().reduce(Action::SetWindows("95".into()));
        assert_eq!(refused.saved, added.saved, "an unknown version changes nothing");
        let copied = added.reduce(Action::AddCopy { database: "db1".into(), server: "ex3".into() });
        assert_eq!(copied.saved.scenario.databases[0].copies[2].preference, 3);
        let removed = copied.reduce(Action::RemoveServer("ex2".into()));
        assert!(removed.saved.events.is_empty(), "fail:ex2 means nothing once ex2 is gone");
        assert!(removed.notice.clone().unwrap().text.contains("fail:ex2"));
        let refused = removed.clone().reduce(Action::RemoveCopy { database: "db2".into(), server: "ex1".into() });
        assert!(refused.notice.clone().unwrap().text.contains("only copy"));
        let moved = removed.reduce(Action::MoveWitness { site: "dc1".into(), alternate: true });
        assert_eq!(moved.saved.scenario.alternate_witness.as_ref().unwrap().site, "dc1");
    }

    #[test]
    fn a_generated_dag_and_its_failure_modes() {
        let state = start("dag-2-member").reduce(Action::Generate(GeneratorForm::preferred("3", "12", "dc3")));
        assert_eq!(state.saved.scenario.servers.len(), 6);
        assert_eq!(state.saved.scenario.databases.len(), 12);
        let tolerance = clusterplan_core::dag::matrix::Summary::compute(&state.analysis.dag, Some(3)).unwrap();
        assert_eq!(tolerance.modes[0].mode, "normal");
        assert!(tolerance.modes.iter().any(|m| m.mode == "site dc1" && m.quorum && m.mounted == 12));
        let facts = state.analysis.facts.clone();
        let failed = state.reduce(Action::Apply("fail:ex1".into()));
        assert!(Rc::ptr_eq(&facts, &failed.analysis.facts), "an event does not recompute the design's facts");
        let bad = failed.clone().reduce(Action::Generate(GeneratorForm::preferred("9", "1", "dc3")));
        assert_eq!(bad.saved, failed.saved);
        assert_eq!(bad.notice.as_ref().unwrap().text, "Members per datacenter: 1 to 8 (a DAG has at most 16), not 9.");
        let typo = failed.clone().reduce(Action::Generate(GeneratorForm::preferred("four", "1", "dc3")));
        assert_eq!(typo.notice.as_ref().unwrap().text, "Members per datacenter: a whole number, not \"four\".");
        // Two copies a datacenter with the actives in dc1 and the namespace kept: dc2 holds passive copies.
        let primary = failed.reduce(Action::Generate(GeneratorForm {
            copies_per_site: "1".into(),
            lagged: false,
            actives_in_primary: true,
            namespace: true,
            ..GeneratorForm::preferred("2", "4", "dc1")
        }));
        let scenario = &primary.saved.scenario;
        assert!(scenario.namespace.is_some());
        assert!(
            scenario
                .databases
                .iter()
                .all(|d| d.copies.len() == 2 && ["ex1", "ex2"].contains(&d.copies[0].server.as_str()))
        );
        assert_eq!(primary.moment().mounted, 4);
    }

    #[test]
    fn a_copys_preference_and_the_exchange_version_are_edited_in_the_page() {
        let state = start("dag-pa-8").reduce(Action::SetCopy {
            database: "db1".into(),
            server: "ex5".into(),
            setting: CopySetting::Preference("1".into()),
        });
        let db1 = &state.saved.scenario.databases[0];
        let order: Vec<(&str, u32)> = db1.copies.iter().map(|c| (c.server.as_str(), c.preference)).collect();
        assert_eq!(order, [("ex1", 2), ("ex2", 3), ("ex5", 1), ("ex6", 4)]);
        let refused = state.clone().reduce(Action::SetCopy {
            database: "db1".into(),
            server: "ex5".into(),
            setting: CopySetting::Preference("9".into()),
        });
        assert_eq!(refused.saved, state.saved);
        assert_eq!(refused.notice.as_ref().unwrap().text, "db1's activation preferences run from 1 to 4, not 9");
        let older = state.reduce(Action::SetExchange("2010".into()));
        assert_eq!(older.saved.scenario.exchange, dag::model::ExchangeVersion::Exchange2010);
        assert!(older.analysis.facts.findings.iter().any(|f| f.rule == "dag.witness.third-site-2010"));
        let unknown = older.clone().reduce(Action::SetExchange("2007".into()));
        assert_eq!(unknown.saved, older.saved);
    }

    #[test]
    fn settings_change_the_outcome_and_bad_numbers_are_refused() {
        let state = start("dag-2-member")
            .reduce(Action::SetCopy {
                database: "db1".into(),
                server: "ex2".into(),
                setting: CopySetting::CopyQueue("8".into()),
            })
            .reduce(Action::Apply("fail:ex1".into()));
        let moment = state.moment();
        let db1 = &moment.databases[0];
        assert_eq!((db1.state.word(), db1.criterion.as_str()), ("dismounted", "mount-dial"));
        let best = state.reduce(Action::SetServer {
            server: "ex2".into(),
            setting: ServerSetting::MountDial(MountDial::BestAvailability),
        });
        assert_eq!(place(&best, "db1").as_deref(), Some("ex2"));
        let bad = best
            .clone()
            .reduce(Action::SetServer { server: "ex2".into(), setting: ServerSetting::MaxActive("two".into()) });
        assert_eq!(bad.saved, best.saved);
        assert!(bad.notice.clone().unwrap().text.contains("whole number"));
        let capped =
            best.reduce(Action::SetServer { server: "ex2".into(), setting: ServerSetting::MaxActive("1".into()) });
        assert_eq!(capped.saved.scenario.servers[1].max_active, Some(1));
        let preferred = capped
            .reduce(Action::SetServer { server: "ex1".into(), setting: ServerSetting::MaxPreferredActive("3".into()) });
        assert_eq!(preferred.saved.scenario.servers[0].max_preferred_active, Some(3));
        let ip_less = preferred.reduce(Action::SetIpLess(true));
        assert_eq!(ip_less.analysis.facts.ip_total, 2, "IP-less: the members' addresses only");
        // A namespace adds its address (one site with members) to the plan and a clients report (ex2's cap of
        // one active database leaves one dismounted: not every client is served); off again, none.
        let with = ip_less.reduce(Action::SetNamespace(true));
        assert_eq!(with.analysis.facts.ip_total, 3);
        let clients = with.moment().clients.clone().expect("a clients report");
        assert_eq!((clients.through.as_slice(), clients.served), (&["vip-dc1".to_string()][..], false));
        assert_eq!(with.moment().dismounted, 1);
        assert!(with.reduce(Action::SetNamespace(false)).moment().clients.is_none());
    }

    #[test]
    fn imports_and_links_that_cannot_be_read_leave_the_design() {
        let state = start("dag-pa-8").reduce(Action::Apply("fail:ex1".into()));
        for text in ["{\"version\": 1, \"kind\": \"dag\", \"name\": ", "{\"version\":1,\"name\":\"a cluster\"}", "[]"] {
            let after = state.clone().reduce(Action::Import(text.into()));
            assert_eq!(after.saved, state.saved, "{text}");
            assert_eq!(after.notice.clone().unwrap().kind, NoticeKind::Error);
        }
        let file = serde_json::to_string(&dag::presets::preset("dag-2-member").unwrap()).unwrap();
        let opened = state.reduce(Action::Import(file));
        assert_eq!(opened.saved.scenario.servers.len(), 2);
        assert!(opened.saved.events.is_empty());
        let saved = serde_json::to_string(&*opened.saved).unwrap();
        assert_eq!(from_json(&saved).unwrap(), *opened.saved);
    }

    #[test]
    fn a_link_round_trips_and_damage_is_reported() {
        let state = start("dag-pa-8").reduce(Action::Apply("fail-site:dc1".into()));
        let from_fragment =
            |fragment: &str| clusterplan_core::link::read(fragment)?.map(|text| from_json(&text)).transpose();
        let fragment = clusterplan_core::link::write(&share::to_json(&*state.saved));
        assert_eq!(from_fragment(&format!("#{fragment}")).unwrap().as_ref(), Some(&*state.saved));
        assert_eq!(from_fragment("#top").unwrap(), None);
        assert!(from_fragment("#design=***").unwrap_err().starts_with("the link is damaged"));
    }
}
