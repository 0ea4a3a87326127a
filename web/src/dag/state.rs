//! The DAG planner's state and its one reducer: the saved design (scenario and applied events), what the
//! engine says about it, undo/redo, the selection and the notice. Every decision comes from core; a refused
//! event, an impossible edit or a bad file leaves the design as it was and says why.

use std::rc::Rc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use clusterplan_core::dag::event::Event;
use clusterplan_core::dag::matrix::{FailureMatrix, Summary};
use clusterplan_core::dag::model::{ActivationPolicy, ContentIndex, CopyStatus, MountDial, Scenario};
use clusterplan_core::dag::report::{self, Outcome};
use clusterplan_core::dag::{self, Design as Dag};
use clusterplan_core::finding::Finding;
use serde::{Deserialize, Serialize};
use yew::Reducible;

use crate::state::{Notice, NoticeKind};

/// How many steps undo remembers.
const UNDO_DEPTH: usize = 100;

/// What autosave, export and share links keep: the design and the events applied to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DagSaved {
    pub scenario: Scenario,
    #[serde(default)]
    pub events: Vec<String>,
}

impl DagSaved {
    pub fn preset(id: &str) -> Option<DagSaved> {
        dag::presets::preset(id).map(|scenario| DagSaved { scenario, events: Vec::new() })
    }
}

/// The most servers failing at once that the app's failure modes look at.
pub const MODES_MAX_FAILURES: usize = 3;

/// What follows from the design alone: shared between analyses of the same design, so an event recomputes
/// none of it.
#[derive(Debug, Clone, PartialEq)]
pub struct DesignFacts {
    pub findings: Vec<Finding>,
    pub ip_total: u32,
    /// The failure matrix up to [`MODES_MAX_FAILURES`] servers: its summary, with the failure modes.
    pub tolerance: Option<Summary>,
}

/// What the engine says about the design and its events.
#[derive(Debug, Clone, PartialEq)]
pub struct DagAnalysis {
    pub dag: Dag,
    pub outcome: Outcome,
    pub facts: Rc<DesignFacts>,
}

impl DagAnalysis {
    /// Resolves and runs a saved design; the message says what is wrong when it cannot. What depends on the
    /// design alone is taken from `previous` when the design is the same.
    pub fn new(saved: &DagSaved, previous: Option<&DagAnalysis>) -> Result<DagAnalysis, String> {
        let dag = Dag::new(saved.scenario.clone()).map_err(|errors| errors.to_string())?;
        let events = saved
            .events
            .iter()
            .map(|text| Event::parse(text, &dag).map_err(|e| format!("event \"{text}\": {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        let outcome = report::simulate(&dag, &events);
        let facts = match previous {
            Some(previous) if previous.dag.scenario == dag.scenario => previous.facts.clone(),
            _ => Rc::new(DesignFacts {
                findings: dag::rules::validate(&dag),
                ip_total: dag::ips::plan(&dag, 0).total,
                tolerance: FailureMatrix::compute(&dag, Some(MODES_MAX_FAILURES)).ok().map(|m| m.summary(&dag)),
            }),
        };
        Ok(DagAnalysis { dag, outcome, facts })
    }
}

/// What is selected: its inspector shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum DagSelection {
    #[default]
    Dag,
    Server(String),
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
    CopyQueue(String),
    ReplayQueue(String),
    LagDays(String),
    ContentIndex(ContentIndex),
    Status(CopyStatus),
}

#[derive(Debug, Clone, PartialEq)]
pub enum DagAction {
    LoadPreset(String),
    /// Apply an event such as `fail-site:dc1`.
    Apply(String),
    /// Forget every applied event: the healthy DAG.
    ResetEvents,
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
    /// A new symmetric DAG in the Preferred Architecture's shape: members per site, databases, the witness's
    /// site, as typed.
    Generate {
        per_site: String,
        databases: String,
        witness_site: String,
    },

    SetDacMode(bool),
    SetIpLess(bool),
    Select(DagSelection),
    /// A file's text or a share link's design.
    Import(String),
    Restore(Box<DagSaved>),
    Undo,
    Redo,
    Notify(Notice),
    Dismiss,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DagState {
    pub saved: Rc<DagSaved>,
    pub analysis: Rc<DagAnalysis>,
    pub undo: Vec<Rc<DagSaved>>,
    pub redo: Vec<Rc<DagSaved>>,
    pub selection: DagSelection,
    pub notice: Option<Notice>,
}

fn error(text: String) -> Option<Notice> {
    Some(Notice { kind: NoticeKind::Error, text })
}

fn parse_count(text: &str, what: &str) -> Result<u32, String> {
    text.trim().parse::<u32>().map_err(|_| format!("{what} must be a whole number of 0 or more, not \"{text}\""))
}

impl DagState {
    /// A state for a design that is known to load (a preset); otherwise the healthy PA is used.
    pub fn new(saved: DagSaved) -> DagState {
        let (saved, analysis) = match DagAnalysis::new(&saved, None) {
            Ok(analysis) => (saved, analysis),
            Err(_) => {
                let fallback = DagSaved::preset("dag-pa-8").expect("the preset exists");
                let analysis = DagAnalysis::new(&fallback, None).expect("the preset loads");
                (fallback, analysis)
            }
        };
        DagState {
            saved: Rc::new(saved),
            analysis: Rc::new(analysis),
            undo: Vec::new(),
            redo: Vec::new(),
            selection: DagSelection::Dag,
            notice: None,
        }
    }

    /// Makes `saved` the design, remembering the current one for undo; if it does not load, nothing changes
    /// and the notice says why.
    fn commit(self: &Rc<Self>, saved: DagSaved, notice: Option<Notice>) -> Rc<Self> {
        match DagAnalysis::new(&saved, Some(&self.analysis)) {
            Ok(analysis) => self.commit_analysed(saved, analysis, notice),
            Err(problem) => self.with_notice(error(format!("That change would break the design: {problem}"))),
        }
    }

    /// Makes `saved`, already analysed, the design, remembering the current one for undo.
    fn commit_analysed(self: &Rc<Self>, saved: DagSaved, analysis: DagAnalysis, notice: Option<Notice>) -> Rc<Self> {
        let mut undo = self.undo.clone();
        undo.push(self.saved.clone());
        if undo.len() > UNDO_DEPTH {
            undo.remove(0);
        }
        Rc::new(DagState {
            saved: Rc::new(saved),
            analysis: Rc::new(analysis),
            undo,
            redo: Vec::new(),
            selection: self.selection.clone(),
            notice,
        })
    }

    fn with_notice(self: &Rc<Self>, notice: Option<Notice>) -> Rc<Self> {
        Rc::new(DagState { notice, ..(**self).clone() })
    }

    /// Changes the design; events that no longer mean anything (a removed server's) are dropped, and the
    /// notice says which.
    fn edit(self: &Rc<Self>, change: impl FnOnce(&mut Scenario) -> Result<(), String>) -> Rc<Self> {
        let mut saved = (*self.saved).clone();
        if let Err(problem) = change(&mut saved.scenario) {
            return self.with_notice(error(problem));
        }
        if saved == *self.saved {
            return self.clone();
        }
        let mut notice = None;
        if let Ok(dag) = Dag::new(saved.scenario.clone()) {
            let (kept, dropped): (Vec<String>, Vec<String>) =
                saved.events.iter().cloned().partition(|text| Event::parse(text, &dag).is_ok());
            if !dropped.is_empty() {
                saved.events = kept;
                notice = Some(Notice {
                    kind: NoticeKind::Info,
                    text: format!("Dropped the events that no longer apply: {}.", dropped.join(", ")),
                });
            }
        }
        self.commit(saved, notice)
    }

    fn step(self: &Rc<Self>, back: bool) -> Rc<Self> {
        let (mut from, mut to) =
            if back { (self.undo.clone(), self.redo.clone()) } else { (self.redo.clone(), self.undo.clone()) };
        let Some(saved) = from.pop() else { return self.clone() };
        let Ok(analysis) = DagAnalysis::new(&saved, Some(&self.analysis)) else { return self.clone() };
        to.push(self.saved.clone());
        let (undo, redo) = if back { (from, to) } else { (to, from) };
        Rc::new(DagState {
            saved,
            analysis: Rc::new(analysis),
            undo,
            redo,
            selection: self.selection.clone(),
            notice: None,
        })
    }
}

impl Reducible for DagState {
    type Action = DagAction;

    fn reduce(self: Rc<Self>, action: DagAction) -> Rc<Self> {
        match action {
            DagAction::LoadPreset(id) => match DagSaved::preset(&id) {
                Some(saved) => {
                    let mut next = self.commit(saved, None);
                    Rc::make_mut(&mut next).selection = DagSelection::Dag;
                    next
                }
                None => self.with_notice(error(format!("There is no preset \"{id}\"."))),
            },
            DagAction::Apply(text) => {
                let dag = &self.analysis.dag;
                let event = match Event::parse(&text, dag) {
                    Ok(event) => event,
                    Err(problem) => return self.with_notice(error(format!("\"{text}\": {problem}"))),
                };
                // The engine decides: replay the events with this one added, and keep it only if it applied.
                let mut saved = (*self.saved).clone();
                saved.events.push(event.label(dag));
                let analysis = match DagAnalysis::new(&saved, Some(&self.analysis)) {
                    Ok(analysis) => analysis,
                    Err(problem) => return self.with_notice(error(problem)),
                };
                match analysis.outcome.events.last().and_then(|e| e.refused.clone()) {
                    Some(refusal) => self.with_notice(Some(Notice {
                        kind: NoticeKind::Refused,
                        text: format!("{}: refused: {refusal}.", event.label(dag)),
                    })),
                    None => self.commit_analysed(saved, analysis, None),
                }
            }
            DagAction::ResetEvents => {
                if self.saved.events.is_empty() {
                    return self;
                }
                let saved = DagSaved { scenario: self.saved.scenario.clone(), events: Vec::new() };
                self.commit(saved, None)
            }
            DagAction::MoveCopy { database, from, to } => {
                let mut next = self.edit(|scenario| dag::edit::move_copy(scenario, &database, &from, &to));
                // The selected copy moves with it.
                let moved = DagSelection::Copy { database: database.clone(), server: from };
                if next.saved != self.saved && next.selection == moved {
                    Rc::make_mut(&mut next).selection = DagSelection::Copy { database, server: to };
                }
                next
            }
            DagAction::MoveServer { server, site } => {
                self.edit(|scenario| dag::edit::move_server(scenario, &server, &site))
            }
            DagAction::AddCopy { database, server } => {
                self.edit(|scenario| dag::edit::add_copy(scenario, &database, &server))
            }
            DagAction::RemoveCopy { database, server } => {
                let mut next = self.edit(|scenario| dag::edit::remove_copy(scenario, &database, &server));
                if next.saved != self.saved {
                    Rc::make_mut(&mut next).selection = DagSelection::Dag;
                }
                next
            }
            DagAction::AddServer(site) => {
                let mut added = None;
                let mut next =
                    self.edit(|scenario| dag::edit::add_server(scenario, &site).map(|name| added = Some(name)));
                if let Some(name) = added.filter(|_| next.saved != self.saved) {
                    Rc::make_mut(&mut next).selection = DagSelection::Server(name);
                }
                next
            }
            DagAction::RemoveServer(server) => {
                let mut next = self.edit(|scenario| dag::edit::remove_server(scenario, &server));
                if next.saved != self.saved && next.selection == DagSelection::Server(server) {
                    Rc::make_mut(&mut next).selection = DagSelection::Dag;
                }
                next
            }
            DagAction::MoveWitness { site, alternate } => {
                self.edit(|scenario| dag::edit::move_witness(scenario, &site, alternate))
            }
            DagAction::Generate { per_site, databases, witness_site } => {
                let per_site = match per_site.trim().parse::<usize>() {
                    Ok(n) if (1..=8).contains(&n) => n,
                    _ => {
                        return self.with_notice(error(format!("Members per datacenter: 1 to 8, not \"{per_site}\".")));
                    }
                };
                let databases = match databases.trim().parse::<usize>() {
                    Ok(n) if (1..=500).contains(&n) => n,
                    _ => return self.with_notice(error(format!("Databases: 1 to 500, not \"{databases}\"."))),
                };
                let name = format!("{} members over two datacenters, witness in {witness_site}", per_site * 2);
                let scenario = dag::presets::preferred_architecture(per_site, databases, &name, "", &witness_site);
                let mut next = self.commit(DagSaved { scenario, events: Vec::new() }, None);
                Rc::make_mut(&mut next).selection = DagSelection::Dag;
                next
            }

            DagAction::SetIpLess(on) => self.edit(|scenario| {
                scenario.ip_less = on;
                Ok(())
            }),
            DagAction::SetDacMode(on) => self.edit(|scenario| {
                scenario.dac_mode = on;
                Ok(())
            }),
            DagAction::SetServer { server, setting } => self.edit(|scenario| {
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
                    ServerSetting::MaxPreferredActive(text) if text.trim().is_empty() => {
                        entry.max_preferred_active = None
                    }
                    ServerSetting::MaxPreferredActive(text) => {
                        entry.max_preferred_active = Some(parse_count(&text, "MaximumPreferredActiveDatabases")?)
                    }
                }
                Ok(())
            }),
            DagAction::SetCopy { database, server, setting } => self.edit(|scenario| {
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
                }
                Ok(())
            }),
            DagAction::Select(selection) => {
                if selection == self.selection {
                    return self;
                }
                Rc::new(DagState { selection, ..(*self).clone() })
            }
            DagAction::Import(text) => match from_json(&text) {
                Ok(saved) => self.reduce(DagAction::Restore(Box::new(saved))),
                Err(problem) => self.with_notice(error(format!("That file could not be opened: {problem}"))),
            },
            DagAction::Restore(saved) => {
                let mut next = self.commit(*saved, None);
                if next.saved != self.saved {
                    Rc::make_mut(&mut next).selection = DagSelection::Dag;
                }
                next
            }
            DagAction::Undo => self.step(true),
            DagAction::Redo => self.step(false),
            DagAction::Notify(notice) => self.with_notice(Some(notice)),
            DagAction::Dismiss => {
                if self.notice.is_none() {
                    return self;
                }
                self.with_notice(None)
            }
        }
    }
}

/// Reads a saved DAG (autosave, export, link) or a bare DAG scenario file, with the field path of what is
/// wrong.
pub fn from_json(text: &str) -> Result<DagSaved, String> {
    if clusterplan_core::scenario::Family::of(text) == clusterplan_core::scenario::Family::Dag {
        return Dag::from_json(text)
            .map(|dag| DagSaved { scenario: dag.scenario, events: Vec::new() })
            .map_err(|errors| errors.to_string());
    }
    if !text.contains("\"scenario\"") {
        return Err(
            "it is not a DAG design (a DAG file says \"kind\": \"dag\"; 2003 clusters open in the cluster planner)"
                .into(),
        );
    }
    let deserializer = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(deserializer).map_err(|e| format!("the design in it cannot be read: {e}"))
}

/// The fragment (without `#`) that carries `saved`: `design=` and base64url of its JSON, as in the 2003 planner.
pub fn to_fragment(saved: &DagSaved) -> String {
    let json = serde_json::to_string_pretty(saved).expect("a saved design serialises");
    format!("{}{}", crate::share::FRAGMENT_KEY, URL_SAFE_NO_PAD.encode(json))
}

/// Reads a fragment (with or without `#`): `Ok(None)` when it carries no design.
pub fn from_fragment(fragment: &str) -> Result<Option<DagSaved>, String> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let Some(encoded) = fragment.strip_prefix(crate::share::FRAGMENT_KEY) else { return Ok(None) };
    let bytes = URL_SAFE_NO_PAD
        .decode(encoded.trim_end_matches('='))
        .map_err(|e| format!("the link is damaged (not base64url: {e})"))?;
    let text = String::from_utf8(bytes).map_err(|_| "the link is damaged (not UTF-8 text)".to_string())?;
    from_json(&text).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(id: &str) -> Rc<DagState> {
        Rc::new(DagState::new(DagSaved::preset(id).unwrap()))
    }

    fn place(state: &DagState, database: &str) -> Option<String> {
        state.analysis.outcome.databases.iter().find(|d| d.name == database).and_then(|d| d.server.clone())
    }

    #[test]
    fn failing_the_primary_site_moves_the_databases_or_stops_the_dag() {
        let state = start("dag-pa-8").reduce(DagAction::Apply("fail-site:dc1".into()));
        assert_eq!(state.saved.events, ["fail-site:dc1"]);
        assert_eq!(place(&state, "db1").as_deref(), Some("ex5"));
        assert_eq!(state.analysis.outcome.mounted, 16);
        let state = start("dag-2site-no-third").reduce(DagAction::Apply("fail-site:dc1".into()));
        assert!(!state.analysis.outcome.quorum.held);
        assert_eq!(state.analysis.outcome.mounted, 0);
    }

    #[test]
    fn a_refused_event_changes_nothing_and_says_why() {
        let state = start("dag-pa-8").reduce(DagAction::Apply("fail:ex1".into()));
        let again = state.clone().reduce(DagAction::Apply("fail:ex1".into()));
        assert_eq!(again.saved, state.saved);
        assert_eq!(again.undo.len(), state.undo.len());
        let notice = again.notice.clone().unwrap();
        assert_eq!(notice.kind, NoticeKind::Refused);
        assert!(notice.text.contains("ex1 is already down"), "{}", notice.text);
        let unknown = state.clone().reduce(DagAction::Apply("fail:ex99".into()));
        assert_eq!(unknown.saved, state.saved);
        assert!(unknown.notice.clone().unwrap().text.contains("no server named \"ex99\""));
    }

    #[test]
    fn moving_copies_and_servers_with_undo_and_redo() {
        let selected = start("dag-pa-8")
            .reduce(DagAction::Select(DagSelection::Copy { database: "db1".into(), server: "ex2".into() }))
            .reduce(DagAction::MoveCopy { database: "db1".into(), from: "ex2".into(), to: "ex4".into() });
        assert_eq!(selected.selection, DagSelection::Copy { database: "db1".into(), server: "ex4".into() });
        let state = start("dag-pa-8").reduce(DagAction::MoveCopy {
            database: "db1".into(),
            from: "ex2".into(),
            to: "ex3".into(),
        });
        assert_eq!(state.saved.scenario.databases[0].copies[1].server, "ex3");
        let refused =
            state.clone().reduce(DagAction::MoveCopy { database: "db1".into(), from: "ex3".into(), to: "ex5".into() });
        assert_eq!(refused.saved, state.saved);
        assert!(refused.notice.clone().unwrap().text.contains("already has a copy on ex5"));
        let moved = state.reduce(DagAction::MoveServer { server: "ex4".into(), site: "dc2".into() });
        assert_eq!(moved.saved.scenario.servers[3].site, "dc2");
        assert!(moved.analysis.facts.findings.iter().any(|f| f.rule == "dag.members.uneven-sites"));
        let back = moved.clone().reduce(DagAction::Undo).reduce(DagAction::Undo);
        assert_eq!(*back.saved, DagSaved::preset("dag-pa-8").unwrap());
        let again = back.reduce(DagAction::Redo).reduce(DagAction::Redo);
        assert_eq!(again.saved, moved.saved);
    }

    #[test]
    fn servers_copies_and_the_witness_are_edited_and_stale_events_dropped() {
        let state = start("dag-2-member").reduce(DagAction::Apply("fail:ex2".into()));
        let added = state.reduce(DagAction::AddServer("dc1".into()));
        assert_eq!(added.selection, DagSelection::Server("ex3".into()));
        assert_eq!(added.analysis.outcome.quorum.needed, 2, "3 members: node majority, 2 of 3");
        let copied = added.reduce(DagAction::AddCopy { database: "db1".into(), server: "ex3".into() });
        assert_eq!(copied.saved.scenario.databases[0].copies[2].preference, 3);
        let removed = copied.reduce(DagAction::RemoveServer("ex2".into()));
        assert!(removed.saved.events.is_empty(), "fail:ex2 means nothing once ex2 is gone");
        assert!(removed.notice.clone().unwrap().text.contains("fail:ex2"));
        let refused = removed.clone().reduce(DagAction::RemoveCopy { database: "db2".into(), server: "ex1".into() });
        assert!(refused.notice.clone().unwrap().text.contains("only copy"));
        let moved = removed.reduce(DagAction::MoveWitness { site: "dc1".into(), alternate: true });
        assert_eq!(moved.saved.scenario.alternate_witness.as_ref().unwrap().site, "dc1");
    }

    #[test]
    fn a_generated_dag_and_its_failure_modes() {
        let state = start("dag-2-member").reduce(DagAction::Generate {
            per_site: "3".into(),
            databases: "12".into(),
            witness_site: "dc3".into(),
        });
        assert_eq!(state.saved.scenario.servers.len(), 6);
        assert_eq!(state.saved.scenario.databases.len(), 12);
        let tolerance = state.analysis.facts.tolerance.clone().unwrap();
        assert_eq!(tolerance.modes[0].mode, "normal");
        assert!(tolerance.modes.iter().any(|m| m.mode == "site dc1" && m.quorum && m.mounted == 12));
        let facts = state.analysis.facts.clone();
        let failed = state.reduce(DagAction::Apply("fail:ex1".into()));
        assert!(Rc::ptr_eq(&facts, &failed.analysis.facts), "an event does not recompute the design's facts");
        let bad = failed.clone().reduce(DagAction::Generate {
            per_site: "9".into(),
            databases: "1".into(),
            witness_site: "dc3".into(),
        });
        assert_eq!(bad.saved, failed.saved);
    }

    #[test]
    fn settings_change_the_outcome_and_bad_numbers_are_refused() {
        let state = start("dag-2-member")
            .reduce(DagAction::SetCopy {
                database: "db1".into(),
                server: "ex2".into(),
                setting: CopySetting::CopyQueue("8".into()),
            })
            .reduce(DagAction::Apply("fail:ex1".into()));
        let db1 = &state.analysis.outcome.databases[0];
        assert_eq!((db1.state.word(), db1.criterion.as_str()), ("dismounted", "mount-dial"));
        let best = state.clone().reduce(DagAction::SetServer {
            server: "ex2".into(),
            setting: ServerSetting::MountDial(MountDial::BestAvailability),
        });
        assert_eq!(place(&best, "db1").as_deref(), Some("ex2"));
        let bad = best
            .clone()
            .reduce(DagAction::SetServer { server: "ex2".into(), setting: ServerSetting::MaxActive("two".into()) });
        assert_eq!(bad.saved, best.saved);
        assert!(bad.notice.clone().unwrap().text.contains("whole number"));
        let capped =
            best.reduce(DagAction::SetServer { server: "ex2".into(), setting: ServerSetting::MaxActive("1".into()) });
        assert_eq!(capped.saved.scenario.servers[1].max_active, Some(1));
        let preferred = capped.reduce(DagAction::SetServer {
            server: "ex1".into(),
            setting: ServerSetting::MaxPreferredActive("3".into()),
        });
        assert_eq!(preferred.saved.scenario.servers[0].max_preferred_active, Some(3));
        let ip_less = preferred.reduce(DagAction::SetIpLess(true));
        assert_eq!(ip_less.analysis.facts.ip_total, 2, "IP-less: the members' addresses only");
    }

    #[test]
    fn imports_and_links_that_cannot_be_read_leave_the_design() {
        let state = start("dag-pa-8").reduce(DagAction::Apply("fail:ex1".into()));
        for text in ["{\"version\": 1, \"kind\": \"dag\", \"name\": ", "{\"version\":1,\"name\":\"a cluster\"}", "[]"] {
            let after = state.clone().reduce(DagAction::Import(text.into()));
            assert_eq!(after.saved, state.saved, "{text}");
            assert_eq!(after.notice.clone().unwrap().kind, NoticeKind::Error);
        }
        let file = serde_json::to_string(&dag::presets::preset("dag-2-member").unwrap()).unwrap();
        let opened = state.reduce(DagAction::Import(file));
        assert_eq!(opened.saved.scenario.servers.len(), 2);
        assert!(opened.saved.events.is_empty());
        let saved = serde_json::to_string(&*opened.saved).unwrap();
        assert_eq!(from_json(&saved).unwrap(), *opened.saved);
    }

    #[test]
    fn a_link_round_trips_and_damage_is_reported() {
        let state = start("dag-pa-8").reduce(DagAction::Apply("fail-site:dc1".into()));
        let fragment = to_fragment(&state.saved);
        assert_eq!(from_fragment(&format!("#{fragment}")).unwrap().as_ref(), Some(&*state.saved));
        assert_eq!(from_fragment("#top").unwrap(), None);
        assert!(from_fragment("#design=***").unwrap_err().starts_with("the link is damaged"));
    }
}
