//! The DAG planner: its family of designs for the shared planner ([`crate::shell::planner`]) and its own
//! actions — servers, copies and the witness moved, added and removed, their settings, the DAG's
//! options, the generator. Every decision comes from core; a refused event, an impossible edit or a bad
//! file leaves the design as it was and says why.

use std::rc::Rc;

use clusterplan_core::dag::event::Event;
use clusterplan_core::dag::model::{ActivationPolicy, ContentIndex, CopyStatus, MountDial, Scenario};
use clusterplan_core::dag::questions::Servers as Asking;
use clusterplan_core::dag::report::{self, Outcome};
use clusterplan_core::dag::timeline::Timeline;
use clusterplan_core::dag::{self, Design, lessons, presets, rules};
use clusterplan_core::edit::Refused;
use clusterplan_core::finding::SubjectKind;

pub use super::files::{from_json, read_file};
pub use super::playback::{Player, TimingField, play_script, with_timing};
use crate::shell::files::Brought;
use crate::shell::files::Reading;
pub use crate::shell::moment::Moment;
pub use crate::shell::notice::{Notice, NoticeKind, Problem};
pub use crate::shell::planner::Family;
use crate::shell::planner::{self, Planner};
pub use crate::shell::player::PlayerAction;
pub use crate::shell::presenter::Presenter;
use crate::shell::share;

/// What autosave, export and share links keep: the design and the events applied to it.
pub type Saved = share::Saved<Scenario>;
/// The DAG planner's state.
pub type AppState = Planner<Dag>;
/// Everything the user can ask of the DAG planner.
pub type Action = planner::Action<Dag>;
/// What the engine says about the design and its events.
pub type Analysis = planner::Analysis<Dag>;

/// The Database Availability Group family (Exchange 2010 to SE).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dag;

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
    /// AutoReseed's spare volumes as typed: empty for none.
    SpareVolumes(String),
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

/// The DAG planner's own actions.
#[derive(Debug, Clone, PartialEq)]
pub enum DagAction {
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
    /// The design compared with a running DAG (worked out in the component's worker).
    CompareRunning(Rc<Compared>),
    CloseComparison,
}

/// The design compared with a running DAG: what differs, as of the design it was compared with.
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    /// The design as it was compared; once the design changes, the comparison is out of date.
    pub plan: Scenario,
    pub running: String,
    pub drift: dag::drift::Drift,
}

impl From<DagAction> for Action {
    fn from(action: DagAction) -> Action {
        Action::Family(action)
    }
}

/// What follows from a DAG alone, beside its findings.
#[derive(Debug, Clone, PartialEq)]
pub struct DagFacts {
    /// How many addresses the DAG needs.
    pub ip_total: u32,
}

impl Family for Dag {
    crate::shell::planner::alike_in_both_families!();

    type Facts = DagFacts;
    type Applied = report::Applied;
    /// The comparison with a running DAG, when one is open.
    type Own = Option<Rc<Compared>>;
    type Action = DagAction;

    const FALLBACK: &'static str = "dag-pa-8";
    /// Apart from the 2003 planner's.
    const STORAGE_KEY: &'static str = "clusterplan.dag.v1";

    fn read_file(text: &str) -> Result<Saved, Problem> {
        read_file(text)
    }

    const IMPORTS: bool = true;
    const SEVERAL_FILES: &'static str = ": a design is one file, the Calculator's export its CSV files";

    fn reading(files: &[Brought]) -> Reading {
        crate::dag::files::reading(files)
    }

    fn imported(kind: &str, result: &str) -> Result<(Saved, Notice), Problem> {
        crate::dag::files::imported(kind, result)
    }

    fn read_saved(text: &str) -> Result<Saved, String> {
        from_json(text)
    }

    fn replay(design: &Design, events: &[Event]) -> Self::Applied {
        report::Applied::replay(design, events)
    }

    fn then(design: &Design, applied: &Self::Applied, event: Event) -> Self::Applied {
        applied.then(design, event)
    }

    fn outcome(design: &Design, applied: &Self::Applied) -> Outcome {
        applied.outcome(design)
    }

    fn advice(design: &Design, applied: &Self::Applied) -> Vec<clusterplan_core::finding::Finding> {
        dag::rules::advice_at(design, applied.state())
    }

    fn facts(design: &Design) -> DagFacts {
        DagFacts { ip_total: dag::ips::plan(design, 0).total }
    }

    /// Sites and servers, by their names.
    fn failing(design: &Design, names: &[String]) -> Vec<String> {
        names
            .iter()
            .filter_map(|name| match design.site_id(name) {
                Some(site) => Some(Event::FailSite(site)),
                None => design.server_id(name).map(Event::FailServer),
            })
            .map(|event| event.label(design))
            .collect()
    }

    fn own(_saved: &Saved, _analysis: &Analysis) -> Option<Rc<Compared>> {
        None
    }

    fn reduce(state: Rc<AppState>, action: DagAction) -> Rc<AppState> {
        match action {
            DagAction::MoveCopy { database, from, to } => {
                let next = state.edit(|scenario| dag::edit::move_copy(scenario, &database, &from, &to));
                // The selected copy moves with it.
                let moved = Selection::Copy { database: database.clone(), server: from };
                if next.changed_from(&state) && next.selection == moved {
                    return next.selecting(Selection::Copy { database, server: to });
                }
                next
            }
            DagAction::MoveServer { server, site } => {
                state.edit(|scenario| dag::edit::move_server(scenario, &server, &site))
            }
            DagAction::AddCopy { database, server } => {
                state.edit(|scenario| dag::edit::add_copy(scenario, &database, &server))
            }
            DagAction::RemoveCopy { database, server } => {
                let next = state.edit(|scenario| dag::edit::remove_copy(scenario, &database, &server));
                if next.changed_from(&state) { next.selecting(Selection::Dag) } else { next }
            }
            DagAction::AddServer(site) => match state.adding(|scenario| dag::edit::add_server(scenario, &site)) {
                (next, Some(name)) => next.selecting(Selection::Server(name)),
                (next, None) => next,
            },
            DagAction::RemoveServer(server) => {
                let next = state.edit(|scenario| dag::edit::remove_server(scenario, &server));
                if next.changed_from(&state) && next.selection == Selection::Server(server) {
                    return next.selecting(Selection::Dag);
                }
                next
            }
            DagAction::MoveWitness { site, alternate } => {
                state.edit(|scenario| dag::edit::move_witness(scenario, &site, alternate))
            }
            DagAction::Generate(form) => generate(&state, &form),
            DagAction::SetIpLess(on) => state.edit(|scenario| {
                scenario.ip_less = on;
                Ok(())
            }),
            DagAction::SetNamespace(on) => state.edit(|scenario| dag::edit::set_namespace(scenario, on)),
            DagAction::SetDacMode(on) => state.edit(|scenario| {
                scenario.dac_mode = on;
                Ok(())
            }),
            DagAction::SetWindows(id) => state.edit(|scenario| {
                scenario.windows = match id.as_str() {
                    "" => None,
                    id => Some(
                        dag::model::WindowsVersion::from_id(id)
                            .ok_or_else(|| Refused::Invalid(format!("no Windows Server {id}")))?,
                    ),
                };
                Ok(())
            }),
            DagAction::SetExchange(id) => state.edit(|scenario| {
                scenario.exchange = dag::model::ExchangeVersion::from_id(&id)
                    .ok_or_else(|| Refused::Invalid(format!("no Exchange version {id}")))?;
                Ok(())
            }),
            DagAction::SetStaticVotes(on) => state.edit(|scenario| {
                scenario.static_votes = on;
                Ok(())
            }),
            DagAction::CompareRunning(compared) => {
                // The comparison replaces the notice that it was under way.
                Rc::new(Planner { own: Some(compared), notice: None, ..(*state).clone() })
            }
            DagAction::CloseComparison => state.with_own(None),
            DagAction::SetServer { server, setting } => set_server(&state, &server, setting),
            DagAction::SetCopy { database, server, setting } => set_copy(&state, &database, &server, setting),
        }
    }
}

fn parse_count(text: &str, what: &str) -> Result<u32, Refused> {
    text.trim()
        .parse::<u32>()
        .map_err(|_| Refused::Invalid(format!("{what} must be a whole number of 0 or more, not \"{text}\"")))
}

/// Sets a server's activation settings.
fn set_server(state: &Rc<AppState>, server: &str, setting: ServerSetting) -> Rc<AppState> {
    state.edit(|scenario| {
        let entry = scenario
            .servers
            .iter_mut()
            .find(|s| s.name == server)
            .ok_or_else(|| Refused::Missing(format!("there is no server named {server}")))?;
        match setting {
            ServerSetting::MountDial(dial) => entry.mount_dial = dial,
            ServerSetting::Policy(policy) => entry.activation_policy = policy,
            ServerSetting::MaxActive(text) if text.trim().is_empty() => entry.max_active = None,
            ServerSetting::MaxActive(text) => entry.max_active = Some(parse_count(&text, "MaximumActiveDatabases")?),
            ServerSetting::MaxPreferredActive(text) if text.trim().is_empty() => entry.max_preferred_active = None,
            ServerSetting::MaxPreferredActive(text) => {
                entry.max_preferred_active = Some(parse_count(&text, "MaximumPreferredActiveDatabases")?)
            }
            ServerSetting::SpareVolumes(text) if text.trim().is_empty() => entry.spare_volumes = 0,
            ServerSetting::SpareVolumes(text) => entry.spare_volumes = parse_count(&text, "Spare volumes")?,
        }
        Ok(())
    })
}

/// Sets a copy's activation preference, or its health (what-if teaching).
fn set_copy(state: &Rc<AppState>, database: &str, server: &str, setting: CopySetting) -> Rc<AppState> {
    if let CopySetting::Preference(text) = &setting {
        return state.edit(|scenario| {
            let preference = parse_count(text, "The activation preference")?;
            dag::edit::set_preference(scenario, database, server, preference)
        });
    }
    state.edit(|scenario| {
        let copy = scenario
            .databases
            .iter_mut()
            .find(|d| d.name == database)
            .and_then(|d| d.copies.iter_mut().find(|c| c.server == server))
            .ok_or_else(|| Refused::Missing(format!("{database} has no copy on {server}")))?;
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

/// A new symmetric DAG of the shape the form gives, or why not.
fn generate(state: &Rc<AppState>, form: &GeneratorForm) -> Rc<AppState> {
    let shape = match form.shape() {
        Ok(shape) => shape,
        Err(problem) => return state.refuse(Notice::error(problem)),
    };
    let name = format!("{} members over two datacenters, witness in {}", shape.per_site * 2, shape.witness_site);
    let scenario = dag::presets::generate(&shape, &name, "");
    state.open(Saved::healthy(scenario), None)
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
    use crate::shell::planner::analyse;
    use clusterplan_core::matrix::Summarised;
    use yew::Reducible;

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
    fn a_set_of_the_matrix_fails_exactly_its_members_in_one_undoable_step() {
        let before = start("dag-pa-8").reduce(Action::Apply("fail:ex1".into()));
        let set = before.reduce(Action::FailOnly(vec!["dc1".into(), "ex5".into()]));
        assert_eq!(set.saved.events, ["fail-site:dc1", "fail:ex5"], "the set's failures and nothing else");
        assert_eq!(set.analysis.events.len(), 2);
        assert_eq!(set.reduce(Action::Undo).saved.events, ["fail:ex1"]);
    }

    #[test]
    fn undo_and_redo_keep_the_design_and_end_where_loading_the_step_afresh_does() {
        // More events than the analysis keeps states for, so the undos run out of kept states.
        let applied: Vec<String> = (0..40)
            .map(|i| ["fail-site:dc1", "fail:ex5", "restore-site:dc1", "restore:ex5"][i % 4].to_string())
            .collect();
        let failed = applied.iter().fold(start("dag-pa-8"), |state, event| state.reduce(Action::Apply(event.clone())));
        // One more click after each step, to check the engine state each goes on from, not only what it shows.
        let clicked = |state: &Rc<AppState>| state.clone().reduce(Action::Apply("fail:ex9".into()));
        let same_as_afresh = |state: &Rc<AppState>, before: &Rc<AppState>| {
            for state in [state.clone(), clicked(state)] {
                assert!(
                    Rc::ptr_eq(&state.analysis.design, &before.analysis.design),
                    "an undone failure builds no design"
                );
                let (_, afresh, _) = analyse::<Dag>(&state.saved, None).unwrap();
                assert_eq!(*state.analysis, afresh, "after {:?}", state.saved.events);
            }
        };
        let mut state = failed.clone();
        for undone in 1..=applied.len() {
            state = state.reduce(Action::Undo);
            assert_eq!(state.saved.events, applied[..applied.len() - undone]);
            same_as_afresh(&state, &failed);
        }
        for _ in 0..applied.len() {
            state = state.reduce(Action::Redo);
            same_as_afresh(&state, &failed);
        }
        assert_eq!(state.saved, failed.saved);
        // Healing takes back several events at once: all 40 (more than kept), or 3 (kept).
        same_as_afresh(&failed.clone().reduce(Action::Heal), &failed);
        let three =
            applied[..3].iter().fold(start("dag-pa-8"), |state, event| state.reduce(Action::Apply(event.clone())));
        let healed = three.clone().reduce(Action::Heal);
        assert!(healed.saved.events.is_empty());
        same_as_afresh(&healed, &three);
        same_as_afresh(&healed.reduce(Action::Undo), &three);
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

    /// A lesson's fork plays beside its script on the player's one clock: the panels show either branch, the
    /// verdicts say which kept more, a fork of one's own replaces it, and one that cannot be played is
    /// refused with the step and why, the player as it was.
    #[test]
    fn a_fork_plays_beside_the_script_on_one_clock() {
        use clusterplan_core::fork::Fork;
        let state = start("dag-pa-8").reduce(Action::OpenLesson("patch-with-or-without-maintenance".into()));
        let player = state.player.clone().unwrap();
        let fork = player.fork.clone().expect("the lesson's fork plays beside its script");
        assert_eq!((fork.name.as_str(), fork.at_ms, fork.shown), ("Patched without maintenance mode", 0, false));
        assert_eq!(&*fork.steps, ["fail:ex1@1min", "restore:ex1@5min", "redistribute@7min"]);
        // At 75 s: the script moved db1 to ex2 before the reboot; the fork rebooted ex1 with db1 on it, and
        // the cluster, having noticed at 70 s, is failing it over.
        let at = state.reduce(Action::Player(PlayerAction::Seek(75_000)));
        assert_eq!(shown(&at, "db1"), (MountStateWord::Mounted, Some("ex2".into())));
        let fork_shown = at.clone().reduce(Action::Player(PlayerAction::ShowFork(true)));
        assert_eq!(shown(&fork_shown, "db1"), (MountStateWord::FailingOver, None));
        // Stepping stops at the fork's steps too: its mount of db1 on ex2 at 82 s.
        let stepped = fork_shown.reduce(Action::Player(PlayerAction::StepForward));
        assert_eq!(stepped.player.as_ref().unwrap().time_ms, 82_000);
        assert_eq!(shown(&stepped, "db1"), (MountStateWord::Mounted, Some("ex2".into())));
        let (script, forked, sentence) = &*fork.verdicts;
        assert_eq!(script.total_downtime_ms(), 0);
        assert_eq!(forked.downtime_ms, [("db1".to_string(), 22_000), ("db2".to_string(), 0)]);
        assert!(sentence.ends_with("The script loses less time."), "{sentence}");
        let closed = stepped.reduce(Action::Player(PlayerAction::CloseFork));
        let player = closed.player.as_ref().unwrap();
        assert!(player.fork.is_none());
        assert_eq!(shown(&closed, "db1"), (MountStateWord::Mounted, Some("ex2".into())), "the script again");
        // A fork of one's own at 2 min: the script's steps before then are kept, its own follow.
        let own = Fork { name: String::new(), at: "2min".into(), steps: vec!["fail:ex2@3min".into()] };
        let forked = at.clone().reduce(Action::Player(PlayerAction::Fork(own)));
        let fork = forked.player.as_ref().unwrap().fork.clone().unwrap();
        assert_eq!((fork.name.as_str(), fork.at_ms), ("Fork at 2 min 00 s", 120_000));
        assert_eq!(fork.timeline.events.len(), 3, "maintenance, the reboot, then ex2 fails");
        let early = Fork { name: "Too early".into(), at: "2min".into(), steps: vec!["fail:ex2@1min".into()] };
        let refused = at.clone().reduce(Action::Player(PlayerAction::Fork(early)));
        assert_eq!(refused.player, at.player, "the player as it was");
        assert_eq!(
            refused.notice.as_ref().unwrap().text,
            "This fork cannot be played: its step 1: \"fail:ex2@1min\" is at 60.0 s, before the fork at 2 min 00 s: a fork changes only what comes after it"
        );
        let unknown = Fork { name: "Unknown".into(), at: "2min".into(), steps: vec!["fail:ex99@3min".into()] };
        let refused = at.clone().reduce(Action::Player(PlayerAction::Fork(unknown)));
        assert_eq!(refused.player, at.player);
        assert!(refused.notice.as_ref().unwrap().text.contains("no server named \"ex99\""));
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
            .reduce(Action::Family(DagAction::MoveCopy {
                database: "db1".into(),
                from: "ex2".into(),
                to: "ex4".into(),
            }));
        assert_eq!(selected.selection, Selection::Copy { database: "db1".into(), server: "ex4".into() });
        let state = start("dag-pa-8").reduce(Action::Family(DagAction::MoveCopy {
            database: "db1".into(),
            from: "ex2".into(),
            to: "ex3".into(),
        }));
        assert_eq!(state.saved.scenario.databases[0].copies[1].server, "ex3");
        let refused = state.clone().reduce(Action::Family(DagAction::MoveCopy {
            database: "db1".into(),
            from: "ex3".into(),
            to: "ex5".into(),
        }));
        assert_eq!(refused.saved, state.saved);
        assert!(refused.notice.clone().unwrap().text.contains("already has a copy on ex5"));
        let moved = state.reduce(Action::Family(DagAction::MoveServer { server: "ex4".into(), site: "dc2".into() }));
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
        let added = state.reduce(Action::Family(DagAction::AddServer("dc1".into())));
        assert_eq!(added.selection, Selection::Server("ex3".into()));
        // Three members, ex2 down: dynamic quorum counts ex1 and ex3, and takes ex3's vote to keep the total odd.
        assert_eq!(added.moment().quorum.needed, 1, "1 vote of 1");
        let static_votes = added.clone().reduce(Action::Family(DagAction::SetStaticVotes(true)));
        assert_eq!(static_votes.moment().quorum.needed, 2, "static votes: node majority, 2 of 3");
        let windows = added.clone().reduce(Action::Family(DagAction::SetWindows("2008-r2".into())));
        assert_eq!(windows.saved.scenario.windows, Some(clusterplan_core::dag::model::WindowsVersion::Windows2008R2));
        assert_eq!(windows.moment().quorum.needed, 2, "no dynamic quorum before Windows Server 2012");
        let refused = added.clone().reduce(Action::Family(DagAction::SetWindows("95".into())));
        assert_eq!(refused.saved, added.saved, "an unknown version changes nothing");
        let copied = added.reduce(Action::Family(DagAction::AddCopy { database: "db1".into(), server: "ex3".into() }));
        assert_eq!(copied.saved.scenario.databases[0].copies[2].preference, 3);
        let removed = copied.reduce(Action::Family(DagAction::RemoveServer("ex2".into())));
        assert!(removed.saved.events.is_empty(), "fail:ex2 means nothing once ex2 is gone");
        assert!(removed.notice.clone().unwrap().text.contains("fail:ex2"));
        let refused = removed
            .clone()
            .reduce(Action::Family(DagAction::RemoveCopy { database: "db2".into(), server: "ex1".into() }));
        assert!(refused.notice.clone().unwrap().text.contains("only copy"));
        let moved = removed.reduce(Action::Family(DagAction::MoveWitness { site: "dc1".into(), alternate: true }));
        assert_eq!(moved.saved.scenario.alternate_witness.as_ref().unwrap().site, "dc1");
    }

    #[test]
    fn a_generated_dag_and_its_failure_modes() {
        let state = start("dag-2-member")
            .reduce(Action::Family(DagAction::Generate(GeneratorForm::preferred("3", "12", "dc3"))));
        assert_eq!(state.saved.scenario.servers.len(), 6);
        assert_eq!(state.saved.scenario.databases.len(), 12);
        let tolerance = clusterplan_core::dag::matrix::Summary::compute(&state.analysis.design, Some(3)).unwrap();
        assert_eq!(tolerance.modes[0].mode, "normal");
        assert!(tolerance.modes.iter().any(|m| m.mode == "site dc1" && m.quorum && m.mounted == 12));
        let facts = state.analysis.facts.clone();
        let failed = state.reduce(Action::Apply("fail:ex1".into()));
        assert!(Rc::ptr_eq(&facts, &failed.analysis.facts), "an event does not recompute the design's facts");
        let bad = failed.clone().reduce(Action::Family(DagAction::Generate(GeneratorForm::preferred("9", "1", "dc3"))));
        assert_eq!(bad.saved, failed.saved);
        assert_eq!(bad.notice.as_ref().unwrap().text, "Members per datacenter: 1 to 8 (a DAG has at most 16), not 9.");
        let typo =
            failed.clone().reduce(Action::Family(DagAction::Generate(GeneratorForm::preferred("four", "1", "dc3"))));
        assert_eq!(typo.notice.as_ref().unwrap().text, "Members per datacenter: a whole number, not \"four\".");
        // Two copies a datacenter with the actives in dc1 and the namespace kept: dc2 holds passive copies.
        let primary = failed.reduce(Action::Family(DagAction::Generate(GeneratorForm {
            copies_per_site: "1".into(),
            lagged: false,
            actives_in_primary: true,
            namespace: true,
            ..GeneratorForm::preferred("2", "4", "dc1")
        })));
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
        let state = start("dag-pa-8").reduce(Action::Family(DagAction::SetCopy {
            database: "db1".into(),
            server: "ex5".into(),
            setting: CopySetting::Preference("1".into()),
        }));
        let db1 = &state.saved.scenario.databases[0];
        let order: Vec<(&str, u32)> = db1.copies.iter().map(|c| (c.server.as_str(), c.preference)).collect();
        assert_eq!(order, [("ex1", 2), ("ex2", 3), ("ex5", 1), ("ex6", 4)]);
        let refused = state.clone().reduce(Action::Family(DagAction::SetCopy {
            database: "db1".into(),
            server: "ex5".into(),
            setting: CopySetting::Preference("9".into()),
        }));
        assert_eq!(refused.saved, state.saved);
        assert_eq!(refused.notice.as_ref().unwrap().text, "db1's activation preferences run from 1 to 4, not 9");
        let older = state.reduce(Action::Family(DagAction::SetExchange("2010".into())));
        assert_eq!(older.saved.scenario.exchange, dag::model::ExchangeVersion::Exchange2010);
        assert!(older.analysis.facts.findings.iter().any(|f| f.rule == "dag.witness.third-site-2010"));
        let unknown = older.clone().reduce(Action::Family(DagAction::SetExchange("2007".into())));
        assert_eq!(unknown.saved, older.saved);
    }

    #[test]
    fn a_servers_spare_volumes_are_set_in_the_inspector() {
        let set = |state: Rc<AppState>, text: &str| {
            state.reduce(Action::Family(DagAction::SetServer {
                server: "ex2".into(),
                setting: ServerSetting::SpareVolumes(text.into()),
            }))
        };
        let two = set(start("dag-2-member"), "2");
        assert_eq!(two.saved.scenario.servers[1].spare_volumes, 2);
        let wrong = set(two.clone(), "many");
        assert_eq!(wrong.saved, two.saved, "a bad number changes nothing");
        assert!(
            wrong.notice.as_ref().unwrap().text.contains("Spare volumes must be a whole number"),
            "{:?}",
            wrong.notice
        );
        assert_eq!(set(two, " ").saved.scenario.servers[1].spare_volumes, 0, "empty is none");
    }

    #[test]
    fn settings_change_the_outcome_and_bad_numbers_are_refused() {
        let state = start("dag-2-member")
            .reduce(Action::Family(DagAction::SetCopy {
                database: "db1".into(),
                server: "ex2".into(),
                setting: CopySetting::CopyQueue("8".into()),
            }))
            .reduce(Action::Apply("fail:ex1".into()));
        let moment = state.moment();
        let db1 = &moment.databases[0];
        assert_eq!((db1.state.word(), db1.criterion.as_str()), ("dismounted", "mount-dial"));
        let best = state.reduce(Action::Family(DagAction::SetServer {
            server: "ex2".into(),
            setting: ServerSetting::MountDial(MountDial::BestAvailability),
        }));
        assert_eq!(place(&best, "db1").as_deref(), Some("ex2"));
        let bad = best.clone().reduce(Action::Family(DagAction::SetServer {
            server: "ex2".into(),
            setting: ServerSetting::MaxActive("two".into()),
        }));
        assert_eq!(bad.saved, best.saved);
        assert!(bad.notice.clone().unwrap().text.contains("whole number"));
        let capped = best.reduce(Action::Family(DagAction::SetServer {
            server: "ex2".into(),
            setting: ServerSetting::MaxActive("1".into()),
        }));
        assert_eq!(capped.saved.scenario.servers[1].max_active, Some(1));
        let preferred = capped.reduce(Action::Family(DagAction::SetServer {
            server: "ex1".into(),
            setting: ServerSetting::MaxPreferredActive("3".into()),
        }));
        assert_eq!(preferred.saved.scenario.servers[0].max_preferred_active, Some(3));
        let ip_less = preferred.reduce(Action::Family(DagAction::SetIpLess(true)));
        assert_eq!(ip_less.analysis.facts.family.ip_total, 2, "IP-less: the members' addresses only");
        // A namespace adds its address (one site with members) to the plan and a clients report (ex2's cap of
        // one active database leaves one dismounted: not every client is served); off again, none.
        let with = ip_less.reduce(Action::Family(DagAction::SetNamespace(true)));
        assert_eq!(with.analysis.facts.family.ip_total, 3);
        let clients = with.moment().clients.clone().expect("a clients report");
        assert_eq!((clients.through.as_slice(), clients.served), (&["vip-dc1".to_string()][..], false));
        assert_eq!(with.moment().dismounted, 1);
        assert!(with.reduce(Action::Family(DagAction::SetNamespace(false))).moment().clients.is_none());
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

    fn calculator_files() -> Vec<crate::shell::files::Brought> {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/calculator/two-datacenters");
        ["DAGInfo.csv", "MailboxDatabases.csv", "MailboxDatabaseCopies.csv", "Servers.csv"]
            .iter()
            .map(|name| (name.to_string(), std::fs::read(format!("{folder}/{name}")).unwrap()))
            .collect()
    }

    /// What the component's worker answers for `files` of `kind`: `importFrom`'s result as JSON.
    fn worker_answer(kind: &str, files: &[crate::shell::files::Brought]) -> String {
        let sources: Vec<clusterplan_core::dag::import::Source<'_>> =
            files.iter().map(|(name, bytes)| clusterplan_core::dag::import::Source { name, bytes }).collect();
        serde_json::to_string(&clusterplan_core::verbs::import(kind, &sources, None).unwrap()).unwrap()
    }

    #[test]
    fn files_brought_are_read_where_they_belong() {
        use crate::shell::files::Reading;
        let ems =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/ems/local-5.1-utf16.json")).unwrap();
        fn file(scenario: &impl serde::Serialize) -> Vec<crate::shell::files::Brought> {
            vec![("design.json".to_string(), serde_json::to_vec(scenario).unwrap())]
        }
        assert_eq!(Dag::reading(&calculator_files()), Reading::Import("calculator"));
        assert_eq!(Dag::reading(&[("clusterplan-dag.json".into(), ems)]), Reading::Import("ems"));
        assert_eq!(Dag::reading(&file(&presets::preset("dag-2-member").unwrap())), Reading::Here);
        let cluster = clusterplan_core::cluster::presets::preset("two-node-active-passive").unwrap();
        assert_eq!(Dag::reading(&file(&cluster)), Reading::Elsewhere("../"));
        // A broken file of either family is read here, and refused with its reason.
        assert_eq!(Dag::reading(&[("broken.json".into(), b"{\"nodes\": [".to_vec())]), Reading::Here);
    }

    #[test]
    fn the_calculators_files_open_as_a_design_with_what_was_assumed() {
        let state = start("dag-pa-8");
        let (saved, notice) = Dag::imported("calculator", &worker_answer("calculator", &calculator_files())).unwrap();
        let opened = state.clone().reduce(Action::Opened(Box::new(saved), notice));
        assert_eq!(opened.saved.scenario.dag_name, "DAG-01");
        let notice = opened.notice.clone().unwrap();
        assert_eq!(notice.kind, NoticeKind::Info);
        assert!(
            notice
                .text
                .starts_with("Imported DAG-01 from the Role Requirements Calculator's files: 4 members, 8 databases")
        );
        assert!(notice.detail.unwrap().contains("Assumed (DAGInfo.csv): the witness's site"));
        // One undoable step.
        assert_eq!(opened.reduce(Action::Undo).saved, state.saved);
        // An answer that is not the importer's: refused, nothing opened.
        assert!(Dag::imported("calculator", "{\"design\": 1}").is_err());
        // One design file still opens as one, here.
        let file = serde_json::to_vec(&presets::preset("dag-2-member").unwrap()).unwrap();
        let one = state.reduce(Action::ImportFiles(vec![("dag.json".into(), file)]));
        assert_eq!(one.saved.scenario.servers.len(), 2);
    }

    #[test]
    fn a_running_dag_compares_with_the_design_until_it_changes() {
        let running =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/ems/remote-utf8.json")).unwrap();
        let running =
            crate::dag::files::read_imported(&worker_answer("ems", &[("clusterplan-dag.json".into(), running)]))
                .unwrap()
                .scenario;
        let state = start("dag-2-member");
        // What the worker's diff answers, read as the page reads it.
        let plan = Design::new(state.saved.scenario.clone()).unwrap();
        let drift = serde_json::to_string(&dag::drift::diff(&plan, &Design::new(running.clone()).unwrap()).unwrap());
        let drift = clusterplan_core::read::from_json::<dag::drift::Drift>(&drift.unwrap()).unwrap();
        let compared = Compared { plan: plan.scenario, running: running.name, drift };
        let waiting = state.clone().reduce(Action::Notify(Notice::info("Comparing…")));
        let compared = waiting.reduce(Action::Family(DagAction::CompareRunning(Rc::new(compared))));
        assert_eq!(compared.saved, state.saved, "comparing changes no design");
        assert_eq!(compared.notice, None, "the comparison replaces the notice that it was under way");
        let drift = &compared.own.as_ref().unwrap().drift;
        assert!(!drift.same);
        assert!(
            drift.differences.iter().any(|d| d.subject == "EX3" && d.plan == "none" && d.running == "dc2"),
            "{:?}",
            drift.differences
        );
        let closed = compared.reduce(Action::Family(DagAction::CloseComparison));
        assert!(closed.own.is_none());
    }
}
