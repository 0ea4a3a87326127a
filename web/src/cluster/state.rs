//! The 2003 planner: its family of designs for the shared planner ([`crate::shell::planner`]) and its own
//! actions — nodes, groups, disks and networks added, removed and renamed, the diagram's view, two
//! designs compared. The engine (clusterplan-core) decides; effects (storage, URL, files) live in
//! components, not here.

use std::rc::Rc;

use clusterplan_core::cluster::edit::{self, Setting, Thing};
use clusterplan_core::cluster::ips::{self, IpPlan};
use clusterplan_core::cluster::model::{NetworkRole, Scenario};
use clusterplan_core::cluster::questions::Nodes as Asking;
use clusterplan_core::cluster::report::{self, Outcome};
use clusterplan_core::cluster::rules::{self, Mode};
use clusterplan_core::cluster::timeline::Timeline;
use clusterplan_core::cluster::{Design, Event, Options, Simulation, explain, lessons, presets};
use clusterplan_core::edit::Edited;
use clusterplan_core::finding::SubjectKind;
use clusterplan_core::scenario::{self as scenario_file, Position};

pub use super::playback::{Comparand, Comparison, Pane, Player, TimingField, play_script, with_timing};
use crate::shell::files::{Reading, import_kind, one_design_of};
use crate::shell::geometry::{Point, ViewBox};
pub use crate::shell::moment::Moment;
pub use crate::shell::notice::{Notice, NoticeKind, Problem};
pub use crate::shell::planner::Family;
use crate::shell::planner::{self, Planner};
pub use crate::shell::player::{PlayerAction, parse_seconds};
pub use crate::shell::presenter::Presenter;
use crate::shell::share;

/// What is saved, shared and undone: the design and the failures applied to it (events as text).
pub type Saved = share::Saved<Scenario>;
/// The 2003 planner's state.
pub type AppState = Planner<Cluster>;
/// Everything the user can ask of the 2003 planner.
pub type Action = planner::Action<Cluster>;
/// What the engine says about the design and its failures.
pub type Analysis = planner::Analysis<Cluster>;

impl Saved {
    pub fn preset(id: &str) -> Option<Saved> {
        presets::preset(id).map(Saved::healthy)
    }
}

/// The Exchange 2003 cluster family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cluster;

/// What the inspector shows; the cluster's own settings when nothing in particular is selected.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Selection {
    #[default]
    Cluster,
    Node(String),
    Group(String),
    Disk(String),
    Network(String),
}

/// What follows from a 2003 design alone, beside its findings.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterFacts {
    pub mode: Mode,
    pub mode_text: String,
    pub ips: Rc<IpPlan>,
}

/// The 2003 planner's own part of the state.
#[derive(Debug, Clone, PartialEq)]
pub struct Own {
    /// The part of the diagram in view.
    pub view: ViewBox,
    /// Two designs side by side under one script, when open.
    pub comparison: Option<Rc<Comparison>>,
}

/// The 2003 planner's own actions.
#[derive(Debug, Clone, PartialEq)]
pub enum ClusterAction {
    /// Start from scratch: two nodes, two networks, a quorum disk.
    Blank,
    /// Set one of the cluster's settings, or of one of its things (the inspector's forms).
    Set(Setting),
    Rename(Thing, String, String),
    AddNode,
    RemoveNode(String),
    AddGroup,
    RemoveGroup(String),
    AddDisk,
    RemoveDisk(String),
    AddNetwork(NetworkRole),
    RemoveNetwork(String),
    /// A node dropped at a new diagram position.
    PlaceNode(String, Point),
    SetView(ViewBox),
    /// Put two designs side by side under the design's script.
    OpenComparison(Comparand, Comparand),
    CloseComparison,
}

impl From<ClusterAction> for Action {
    fn from(action: ClusterAction) -> Action {
        Action::Family(action)
    }
}

impl Family for Cluster {
    crate::shell::planner::alike_in_both_families!();

    type Facts = ClusterFacts;
    /// The events themselves: a 2003 cluster replays them all in no time (16 nodes at most).
    type Applied = Vec<Event>;
    type Own = Own;
    type Action = ClusterAction;

    const FALLBACK: &'static str = "four-node-3a1p";
    const STORAGE_KEY: &'static str = "clusterplan.design.v1";

    fn read_file(text: &str) -> Result<Saved, Problem> {
        if scenario_file::Family::of(text) == scenario_file::Family::Dag {
            return Err(Problem::from(
                "it is a Database Availability Group (Exchange 2010 and later): open it in the DAG planner (dag/)"
                    .to_string(),
            ));
        }
        Design::from_json(text).map(|design| Saved::healthy(design.scenario)).map_err(|errors| Problem::from(&errors))
    }

    /// The files of a DAG (its design, the Calculator's files, a running DAG's document) go to the DAG
    /// planner, which reads them.
    fn reading(files: &[crate::shell::files::Brought]) -> Reading {
        if import_kind(files).is_some() || one_design_of(files, scenario_file::Family::Dag) {
            Reading::Elsewhere("dag/")
        } else {
            Reading::Here
        }
    }

    fn read_saved(text: &str) -> Result<Saved, String> {
        share::saved_from_json(text)
    }

    fn replay(_design: &Design, events: &[Event]) -> Self::Applied {
        events.to_vec()
    }

    fn then(_design: &Design, applied: &Self::Applied, event: Event) -> Self::Applied {
        applied.iter().copied().chain([event]).collect()
    }

    fn outcome(design: &Design, applied: &Self::Applied) -> Outcome {
        report::simulate(design, applied, Options::default())
    }

    fn advice(design: &Design, applied: &Self::Applied) -> Vec<clusterplan_core::finding::Finding> {
        rules::advice(design, applied)
    }

    fn refusal(design: &Design, event: Event, reason: &str) -> String {
        match event {
            Event::Move(group, node) => {
                format!("Cannot move {} to {}: {reason}", design.group_name(group), design.node_name(node))
            }
            _ => format!("Cannot {}: {reason}", event.label(design)),
        }
    }

    fn facts(design: &Design) -> ClusterFacts {
        let (mode, mode_text) = rules::mode(design);
        ClusterFacts { mode, mode_text, ips: Rc::new(ips::plan(design, &ips::scenario_subnets(design), 0)) }
    }

    fn failing(design: &Design, names: &[String]) -> Vec<String> {
        names.iter().filter_map(|node| design.node_id(node)).map(|node| Event::FailNode(node).label(design)).collect()
    }

    fn own(saved: &Saved, analysis: &Analysis) -> Own {
        Own { view: fitted_view(&saved.scenario, &analysis.moment(None)), comparison: None }
    }

    /// The view fitted to the diagram.
    fn refit(state: Rc<AppState>) -> Rc<AppState> {
        let view = fitted_view(&state.saved.scenario, &state.analysis.moment(None));
        let own = Own { view, ..state.own.clone() };
        state.with_own(own)
    }

    /// A comparison open is presented as it is, its two designs side by side.
    fn presented_as_it_is(state: &AppState) -> bool {
        state.own.comparison.is_some()
    }

    /// A lesson replaces a comparison that was open: it plays on its own design.
    fn beside_a_lesson(own: &Own) -> Own {
        Own { comparison: None, ..own.clone() }
    }

    fn playing_beside(own: &Own) -> bool {
        own.comparison.as_ref().is_some_and(|c| c.panes.iter().any(|p| p.player.playing))
    }

    /// Side by side, both panes' players, which share one clock.
    fn played_beside(state: &AppState, action: &PlayerAction) -> Option<Own> {
        let comparison = state.own.comparison.as_ref()?.changed(|player, design| player.after(design, action))?;
        Some(Own { comparison: Some(Rc::new(comparison)), ..state.own.clone() })
    }

    fn reduce(state: Rc<AppState>, action: ClusterAction) -> Rc<AppState> {
        let scenario = &state.saved.scenario;
        match action {
            ClusterAction::Blank => state.open(Saved::healthy(presets::blank("New cluster", 2)), None),
            ClusterAction::Set(setting) => state.edit(|scenario| edit::set(scenario, setting)),
            ClusterAction::Rename(thing, old, new) => rename(state, thing, &old, new.trim()),
            ClusterAction::AddNode => added(&state, edit::add_node, Selection::Node),
            ClusterAction::RemoveNode(name) => removed(&state, |s| edit::remove_node(s, &name)),
            ClusterAction::AddGroup => added(&state, edit::add_group, Selection::Group),
            ClusterAction::RemoveGroup(name) => removed(&state, |s| edit::remove_group(s, &name)),
            ClusterAction::AddDisk => added(&state, edit::add_disk, Selection::Disk),
            ClusterAction::RemoveDisk(name) => removed(&state, |s| edit::remove_disk(s, &name)),
            ClusterAction::AddNetwork(role) => added(&state, |s| edit::add_network(s, role), Selection::Network),
            ClusterAction::RemoveNetwork(name) => removed(&state, |s| edit::remove_network(s, &name)),
            ClusterAction::PlaceNode(name, at) => {
                if !scenario.nodes.iter().any(|n| n.name == name) {
                    return state;
                }
                let mut moved = scenario.clone();
                moved.layout.insert(name, Position { x: at.x.round(), y: at.y.round() });
                // Positions do not change what the engine says: keep the analysis.
                Rc::new(AppState {
                    saved: Rc::new(Saved { scenario: moved, events: state.saved.events.clone() }),
                    history: state.history.after_step(state.saved.clone()),
                    ..(*state).clone()
                })
            }
            ClusterAction::SetView(view) => {
                let own = Own { view, ..state.own.clone() };
                state.with_own(own)
            }
            ClusterAction::OpenComparison(left, right) => match Comparison::open(scenario, &left, &right) {
                // An earlier refusal's notice is about something else: the comparison replaces it.
                Ok(comparison) => Rc::new(AppState {
                    own: Own { comparison: Some(Rc::new(comparison)), ..state.own.clone() },
                    player: None,
                    notice: None,
                    ..(*state).clone()
                }),
                Err(message) => state.refuse(Notice::error(message)),
            },
            ClusterAction::CloseComparison => {
                let own = Own { comparison: None, ..state.own.clone() };
                state.with_own(own)
            }
        }
    }
}

/// The design after an edit that adds a thing, the new thing selected.
fn added(
    state: &Rc<AppState>,
    add: impl FnOnce(&mut Scenario) -> Edited<String>,
    select: fn(String) -> Selection,
) -> Rc<AppState> {
    match state.adding(add) {
        (next, Some(name)) => next.selecting(select(name)),
        (next, None) => next,
    }
}

/// The design after an edit that removes a thing, nothing selected.
fn removed(state: &Rc<AppState>, remove: impl FnOnce(&mut Scenario) -> Edited) -> Rc<AppState> {
    let next = state.edit(remove);
    if next.changed_from(state) { next.selecting(Selection::Cluster) } else { next }
}

/// Renames a thing everywhere, the failures that name it too.
fn rename(state: Rc<AppState>, thing: Thing, old: &str, new: &str) -> Rc<AppState> {
    if old == new {
        return state;
    }
    let mut scenario = state.saved.scenario.clone();
    match edit::rename(&mut scenario, thing, old, new) {
        Ok(()) => {
            let events = state.saved.events.iter().map(|e| clusterplan_core::cluster::event::rename(e, old, new));
            let selection = match thing {
                Thing::Node => Selection::Node(new.to_string()),
                Thing::Group => Selection::Group(new.to_string()),
                Thing::Disk => Selection::Disk(new.to_string()),
                Thing::Network => Selection::Network(new.to_string()),
            };
            state.commit(Saved { scenario, events: events.collect() }, None).selecting(selection)
        }
        Err(refused) => state.refuse(Notice::error(refused.to_string())),
    }
}

impl AppState {
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
    use clusterplan_core::cluster::edit::GroupSetting;
    use clusterplan_core::cluster::event::rename as rename_in_event;
    use clusterplan_core::cluster::model::ResourceKind;
    use clusterplan_core::cluster::rules::Mode;
    use clusterplan_core::matrix::Summarised;
    use yew::Reducible;

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
    fn a_dags_files_go_to_the_dag_planner_and_the_rest_are_read_here() {
        let fixture =
            |path: &str| std::fs::read(format!("{}/../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let named = |name: &str, bytes: Vec<u8>| vec![(name.to_string(), bytes)];
        let dag = serde_json::to_vec(&clusterplan_core::dag::presets::preset("dag-2-member").unwrap()).unwrap();
        let cluster = serde_json::to_vec(&Saved::preset("four-node-3a1p").unwrap().scenario).unwrap();
        for (files, reading) in [
            (named("DAGInfo.csv", fixture("calculator/two-datacenters/DAGInfo.csv")), Reading::Elsewhere("dag/")),
            // The collector's document as Windows PowerShell 5.1 writes it: UTF-16.
            (named("clusterplan-dag.json", fixture("ems/local-5.1-utf16.json")), Reading::Elsewhere("dag/")),
            (named("dag.json", dag.clone()), Reading::Elsewhere("dag/")),
            (named("cluster.json", cluster), Reading::Here),
            // A broken DAG design stays here, and is refused with the planner to open it in.
            (named("dag.json", dag[..dag.len() / 2].to_vec()), Reading::Here),
        ] {
            assert_eq!(Cluster::reading(&files), reading, "{}", files[0].0);
        }
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
            Action::Family(ClusterAction::AddNode),
            Action::Family(ClusterAction::Rename(Thing::Node, "node5".into(), "spare".into())),
            Action::Family(ClusterAction::PlaceNode("spare".into(), Point::new(10.4, 20.6))),
            Action::Family(ClusterAction::AddGroup),
            Action::Family(ClusterAction::RemoveGroup("EVS4".into())),
            Action::Family(ClusterAction::AddDisk),
            Action::Family(ClusterAction::AddNetwork(NetworkRole::Private)),
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
        let renamed =
            state.clone().reduce(Action::Family(ClusterAction::Rename(Thing::Node, "node1".into(), "node2".into())));
        assert_eq!(renamed.saved, state.saved);
        assert_eq!(renamed.notice.as_ref().unwrap().text, "there is already a node named \"node2\"");
        let broken = Setting::Group("EVS1".into(), GroupSetting::PreferredOwners(vec!["node1".into(), "node9".into()]));
        let edited = state.clone().reduce(Action::Family(ClusterAction::Set(broken)));
        assert_eq!(edited.saved, state.saved);
        // The words first; where in the file, in small print.
        let notice = edited.notice.as_ref().unwrap();
        assert_eq!(notice.text, "That would break the design: no node named \"node9\"");
        assert_eq!(notice.detail.as_deref(), Some("In the file: groups[0].preferred_owners[1]"));
        let missing = state.clone().reduce(Action::Family(ClusterAction::Set(Setting::Raid("Z".into(), false))));
        assert_eq!(
            (missing.saved == state.saved, missing.notice.clone().unwrap().text),
            (true, "there is no disk named \"Z\"".into())
        );
        let used = state.reduce(Action::Family(ClusterAction::RemoveDisk("Q".into())));
        assert!(used.notice.as_ref().unwrap().text.contains("used by the quorum"));
    }

    #[test]
    fn renames_carry_the_failures_along() {
        let state = start("four-node-3a1p")
            .reduce(Action::Apply("fail:node3".into()))
            .reduce(Action::Apply("move:EVS1=node2".into()));
        assert!(state.notice.is_some(), "node2 is busy");
        let state = state.reduce(Action::Family(ClusterAction::Rename(Thing::Node, "node3".into(), "alpha".into())));
        assert_eq!(state.saved.events, ["fail:alpha"]);
        assert_eq!(state.selection, Selection::Node("alpha".into()));
        assert_eq!(owner(&state, "EVS3").as_deref(), Some("node4"));
        assert_eq!(rename_in_event("move:EVS1=node3", "node3", "x"), "move:EVS1=x");
        assert_eq!(rename_in_event("fail-nic:node3/public", "public", "lan"), "fail-nic:node3/lan");
        assert_eq!(rename_in_event("fail:node33", "node3", "x"), "fail:node33");
    }

    #[test]
    fn failures_reuse_what_the_design_alone_decides() {
        let state = start("four-node-3a1p");
        let failed = state.clone().reduce(Action::Apply("fail:node2".into()));
        assert!(Rc::ptr_eq(&state.analysis.facts.findings, &failed.analysis.facts.findings));
        assert!(Rc::ptr_eq(&state.analysis.facts.family.ips, &failed.analysis.facts.family.ips));
        let subnet = "10.1.0.0/24".parse().unwrap();
        let edited = failed.reduce(Action::Family(ClusterAction::Set(Setting::Subnet("private".into(), Some(subnet)))));
        assert!(
            !Rc::ptr_eq(&state.analysis.facts.family.ips, &edited.analysis.facts.family.ips),
            "a design edit recomputes"
        );
        assert_eq!(
            edited
                .analysis
                .facts
                .family
                .ips
                .assignments
                .iter()
                .find(|a| a.holder == "node1 NIC on private")
                .unwrap()
                .address,
            Some("10.1.0.1".parse().unwrap())
        );
        assert_eq!(edited.saved.events, ["fail:node2"]);
    }

    #[test]
    fn placing_a_node_keeps_the_analysis() {
        let state = start("four-node-3a1p");
        let placed =
            state.clone().reduce(Action::Family(ClusterAction::PlaceNode("node2".into(), Point::new(300.2, 400.7))));
        assert!(Rc::ptr_eq(&state.analysis, &placed.analysis), "no re-analysis for a position");
        assert_eq!(placed.saved.scenario.layout["node2"], Position { x: 300.0, y: 401.0 });
    }

    #[test]
    fn findings_select_their_subject() {
        assert_eq!(selection_for(SubjectKind::Resource, "EVS1/Store"), Selection::Group("EVS1".into()));
        assert_eq!(selection_for(SubjectKind::StorageGroup, "EVS2/SG1"), Selection::Group("EVS2".into()));
        assert_eq!(selection_for(SubjectKind::Node, "node1"), Selection::Node("node1".into()));
        let state = start("four-node-3a1p").reduce(Action::SelectSubject(SubjectKind::Disk, "Q".into()));
        assert_eq!(state.selection, Selection::Disk("Q".into()));
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

    /// A lesson file that sets a goal: opened from its text, it counts the changes of the design (not moves
    /// on the diagram) and says when the design reaches the goal; a new design ends it; broken lessons and
    /// the other family's are refused with the design kept.
    #[test]
    fn a_lesson_goal_counts_edits_until_the_design_reaches_it() {
        use clusterplan_core::cluster::questions::Keep;
        use clusterplan_core::quiz::{Goal, Survive, lesson_file};
        let mut file = lesson_file::<Asking>("single-node-failure").unwrap();
        file.steps.clear();
        file.questions.clear();
        file.goal = Some(Goal { keep: Keep::EveryGroup, survive: Survive::Any { at_once: 2 }, edits: 1 });
        let text = serde_json::to_string(&file).unwrap();
        let state = start("two-node-active-passive").reduce(Action::OpenLessonText(text.clone()));
        let goal = state.goal.clone().expect("the lesson's goal");
        assert_eq!(goal.says, "Keep every group online through any 2 nodes failing at once, in at most 1 edit.");
        assert_eq!((goal.edits, goal.reached.reached), (0, false));
        assert_eq!(goal.reached.says, "with node1 + node2 failed, EVS2 is failed", "EVS1 takes the passive node");
        assert!(state.player.is_none(), "a goal alone has no script to play");
        let moved = state.reduce(ClusterAction::PlaceNode("node1".into(), Point { x: 40.0, y: 40.0 }).into());
        assert_eq!(moved.goal.as_ref().unwrap().edits, 0, "moving a node on the diagram is not an edit");
        let added = moved.reduce(ClusterAction::AddNode.into());
        let goal = added.goal.clone().unwrap();
        assert_eq!((goal.edits, goal.reached.reached), (1, true), "{}", goal.reached.says);
        let undone = added.reduce(Action::Undo);
        assert_eq!(
            undone.goal.as_ref().map(|g| (g.edits, g.reached.reached)),
            Some((2, false)),
            "undo is a stroke too"
        );
        let other = undone.clone().reduce(Action::LoadPreset("two-node-active-passive".into()));
        assert!(other.goal.is_none(), "another design ends the goal");

        let mut broken: serde_json::Value = serde_json::from_str(&text).unwrap();
        broken["goal"]["keep"] = serde_json::json!({ "kind": "group", "group": "EVS9" });
        let refused = undone.clone().reduce(Action::OpenLessonText(broken.to_string()));
        assert_eq!(refused.saved, undone.saved, "the design stays as it was");
        let notice = refused.notice.clone().unwrap().text;
        assert!(notice.contains("EVS9"), "{notice}");
        assert_eq!(refused.notice.clone().unwrap().detail.as_deref(), Some("In the file: goal.keep.group"));
        let dag = serde_json::to_string(&clusterplan_core::quiz::lesson_file::<
            clusterplan_core::dag::questions::Servers,
        >("lagged-copy-last-resort"))
        .unwrap();
        let elsewhere = undone.clone().reduce(Action::OpenLessonText(dag));
        assert_eq!(elsewhere.saved, undone.saved);
        let notice = elsewhere.notice.clone().unwrap().text;
        assert!(notice.contains("open it in the DAG planner"), "{notice}");
    }

    #[test]
    fn the_player_plays_steps_and_seeks() {
        let state = start("four-node-3a1p").reduce(Action::OpenLesson("single-node-failure".into()));
        // The lesson asks its two questions as node3 fails, at 0 s: both revealed.
        let reveal = |state: Rc<AppState>| state.reduce(Action::Player(PlayerAction::Reveal));
        assert_eq!(state.player.as_ref().unwrap().questions_here(), [0, 1]);
        let state = reveal(reveal(state));
        let player = state.player.clone().expect("a lesson opens the player");
        assert_eq!((player.time_ms, player.playing), (0, false));
        assert_eq!(player.given.iter().flatten().count(), 2);
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

    /// A lesson with questions stops as each asked-about step happens, before the cluster answers; grades
    /// the learner's answer with the engine's; scores at the end; a revealed answer is shown ungraded.
    #[test]
    fn the_player_stops_to_ask_grades_and_scores() {
        let play = |state: Rc<AppState>| state.reduce(Action::Player(PlayerAction::TogglePlay));
        let tick = |state: Rc<AppState>| state.reduce(Action::Player(PlayerAction::Tick(100_000)));
        let answer = |state: Rc<AppState>, index: usize, given: &str| {
            state.reduce(Action::Player(PlayerAction::Answer(index, given.into())))
        };
        // The majority node set lesson asks after each of its three steps: node4 failing at 0 s, node3 at
        // 2 min, node3 back at 10 min.
        let asked = start("four-node-3a1p").reduce(Action::OpenLesson("quorum-loss-majority-node-set".into()));
        let player = asked.player.clone().unwrap();
        assert_eq!(player.questions.iter().map(|q| q.pause_ms).collect::<Vec<_>>(), [0, 120_000, 600_000]);
        assert_eq!(player.questions_here(), [0], "the first is asked as the lesson opens");
        let question = &player.questions[0];
        assert_eq!(question.answer.value, "node1");
        assert_eq!(question.answer.choices, ["node1", "node2", "node3", "node4", "none"]);
        // Without an answer (or its reveal) the player does not play on.
        assert_eq!(play(asked.clone()).player, asked.player);
        assert_eq!(answer(asked.clone(), 1, "none").player, asked.player, "only a question of the moment shown");
        let wrong = answer(asked, 0, "node4");
        let player = wrong.player.clone().unwrap();
        assert_eq!(player.given[0].as_deref(), Some("node4"));
        assert!(!player.questions[0].answer.grade("node4"));
        assert_eq!(answer(wrong.clone(), 0, "node1").player, wrong.player, "an answer is given once");
        // Going on plays the step out, and stops as node3 fails, before the cluster notices.
        let second = tick(play(wrong));
        let player = second.player.clone().unwrap();
        assert_eq!((player.time_ms, player.playing), (120_000, false));
        assert_eq!(second.moment().quorum.owner.as_deref(), Some("node1"), "the cluster has not noticed yet");
        assert_eq!(player.questions_here(), [1]);
        assert_eq!(player.questions[1].answer.value, "none", "the engine's answer once it has");
        let revealed = second.reduce(Action::Player(PlayerAction::Reveal));
        assert_eq!(revealed.player.as_ref().unwrap().given[1].as_deref(), Some(""));
        let last = tick(tick(play(revealed)));
        let player = last.player.clone().unwrap();
        assert_eq!(player.time_ms, 600_000);
        assert_eq!(player.questions[2].answer.value, "EVS1, EVS2, EVS3");
        let done = answer(last, 2, "EVS3, evs2, EVS1");
        assert_eq!(done.player.as_ref().unwrap().score(), (1, 3), "one right, one wrong, one revealed");
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

    /// A 2003 script forked at its start: node2 paused, then node1 fails, against node1 failing alone. The
    /// fork's EVS1 fails over to node2; the script's has nowhere to go. Closed, the player is the script's.
    #[test]
    fn a_fork_of_a_2003_script_and_its_verdict() {
        use clusterplan_core::cluster::report::GroupState;
        use clusterplan_core::fork::Fork;
        let state = start("two-node-active-passive")
            .reduce(Action::SetScript(vec!["pause:node2@0s".into(), "fail:node1@1min".into()]))
            .reduce(Action::PlayScript);
        let opened = state.clone().reduce(Action::Player(PlayerAction::Forking(true)));
        assert!(opened.player.as_ref().unwrap().forking, "the form opens");
        let fork =
            Fork { name: "Without pausing node2".into(), at: "0s".into(), steps: vec!["fail:node1@1min".into()] };
        let forked = opened.reduce(Action::Player(PlayerAction::Fork(fork)));
        let player = forked.player.clone().unwrap();
        assert!(!player.forking, "the form closes once the fork plays");
        let fork = player.fork.clone().unwrap();
        let (script, other, sentence) = &*fork.verdicts;
        assert_eq!((script.serving_at_end, other.serving_at_end), (0, 1));
        assert_eq!(sentence.rsplit(". ").next(), Some("Without pausing node2 ends with more groups serving."));
        let end = forked.reduce(Action::Player(PlayerAction::Seek(u64::MAX)));
        let group = |state: &AppState| state.moment().groups[0].state;
        assert_eq!(group(&end), GroupState::Failed, "the script: EVS1 has nowhere to go");
        let fork_shown = end.reduce(Action::Player(PlayerAction::ShowFork(true)));
        assert_eq!(group(&fork_shown), GroupState::Online, "the fork: EVS1 on node2");
        let closed = fork_shown.reduce(Action::Player(PlayerAction::CloseFork));
        assert_eq!(closed.player.as_ref().unwrap().end_ms, state.player.as_ref().unwrap().end_ms);
        assert_eq!(group(&closed), GroupState::Failed);
    }

    #[test]
    fn side_by_side_on_one_clock() {
        let state = start("four-node-3a1p").reduce(Action::Family(ClusterAction::OpenComparison(
            preset("two-node-active-active"),
            preset("two-node-active-passive"),
        )));
        let comparison = state.own.comparison.clone().expect("the comparison opens");
        assert_eq!(comparison.panes.len(), 2);
        assert_eq!(comparison.panes[0].player.end_ms, comparison.panes[1].player.end_ms, "one clock");
        assert!(comparison.sentence.contains("active/active loses less time per group."), "{}", comparison.sentence);
        assert!(comparison.sentence.contains("But the rules warn against"), "{}", comparison.sentence);
        assert!(!comparison.finished(), "the verdict waits for the end of the script");
        assert!(
            state
                .clone()
                .reduce(Action::Player(PlayerAction::Seek(u64::MAX)))
                .own
                .comparison
                .as_ref()
                .unwrap()
                .finished()
        );
        let moved = state.reduce(Action::Player(PlayerAction::Seek(90_000)));
        let panes = &moved.own.comparison.as_ref().unwrap().panes;
        assert!(panes.iter().all(|p| p.player.time_ms == 90_000), "both panes seek together");
        assert_eq!(panes[0].player.moment().groups[0].owner.as_deref(), Some("node2"), "A/A: EVS1 on node2 at 90 s");
        assert_eq!(panes[1].player.moment().groups[0].owner.as_deref(), Some("node2"), "A/P: EVS1 on node2 at 90 s");
        let refused = start("four-node-3a1p").reduce(Action::Notify(Notice::error("an earlier refusal")));
        let opened = refused.reduce(Action::Family(ClusterAction::OpenComparison(
            Comparand::Current,
            preset("two-node-active-passive"),
        )));
        assert!(opened.own.comparison.is_some() && opened.notice.is_none(), "the comparison replaces the old notice");
        // Presented as it is: the comparison stays, no lesson is opened over it; N opens the first lesson
        // in its place.
        let presented = moved.clone().reduce(Action::StartPresenting(None));
        assert!(presented.presenter.on && presented.presenter.lesson.is_none());
        assert!(Rc::ptr_eq(presented.own.comparison.as_ref().unwrap(), moved.own.comparison.as_ref().unwrap()));
        let next = presented.reduce(Action::NextLesson);
        assert!(next.own.comparison.is_none() && next.player.is_some() && next.presenter.lesson == Some(0));
        let closed = moved.reduce(Action::Family(ClusterAction::CloseComparison));
        assert!(closed.own.comparison.is_none());
        let unfit = start("eight-node-7a1p").reduce(Action::SetScript(vec!["fail:node8@0s".into()])).reduce(
            Action::Family(ClusterAction::OpenComparison(Comparand::Current, preset("two-node-active-passive"))),
        );
        assert!(unfit.own.comparison.is_none());
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
        let blank = state.clone().reduce(Action::Family(ClusterAction::Blank));
        assert_eq!(blank.saved.scenario.nodes.len(), 2);
        assert!(blank.saved.scenario.groups.is_empty());
        let restored = blank.reduce(Action::Restore(Box::new((*state.saved).clone())));
        assert_eq!(restored.saved, state.saved);
        let removed = state
            .clone()
            .reduce(Action::Select(Selection::Node("node4".into())))
            .reduce(Action::Family(ClusterAction::RemoveNode("node4".into())));
        assert_eq!(removed.saved.scenario.nodes.len(), 3);
        assert_eq!(removed.selection, Selection::Cluster, "the removed thing is no longer selected");
        let refused = state.clone().reduce(Action::Family(ClusterAction::RemoveNetwork("public".into())));
        assert!(refused.notice.as_ref().unwrap().text.contains("EVS1/IP Address"));
        assert_eq!(refused.refusals, 1);
        let removed = state.clone().reduce(Action::Family(ClusterAction::RemoveNetwork("private".into())));
        assert_eq!(removed.saved.scenario.networks.len(), 1);
        assert!(removed.analysis.facts.findings.iter().any(|f| f.rule == "network.no-private"));
        let noticed = state.clone().reduce(Action::Notify(Notice::info("hello")));
        assert_eq!(noticed.notice.as_ref().unwrap().text, "hello");
        assert_eq!(noticed.reduce(Action::Dismiss).notice, None);
        // Escape: the notice first, then the selection.
        let both = state
            .clone()
            .reduce(Action::Select(Selection::Node("node2".into())))
            .reduce(Action::Notify(Notice::info("hello")));
        let once = both.reduce(Action::Dismiss);
        assert_eq!((once.notice.is_none(), once.selection.clone()), (true, Selection::Node("node2".into())));
        assert_eq!(once.reduce(Action::Dismiss).selection, Selection::Cluster);
        let view = ViewBox { x: 1.0, y: 2.0, width: 300.0, height: 200.0 };
        assert_eq!(state.clone().reduce(Action::Family(ClusterAction::SetView(view))).own.view, view);
        let same = state.clone().reduce(Action::Select(Selection::Cluster));
        assert!(Rc::ptr_eq(&state, &same), "an action that changes nothing returns the same state");
        let unknown = state.reduce(Action::Apply("fail:node9".into()));
        assert_eq!(unknown.notice.as_ref().unwrap().text, "event \"fail:node9\": no node named \"node9\"");
    }

    #[test]
    fn active_active_and_active_passive_are_one_click_apart() {
        let aa = start("two-node-active-passive").reduce(Action::LoadPreset("two-node-active-active".into()));
        assert_eq!(aa.analysis.facts.family.mode, Mode::ActiveActive);
        assert!(aa.analysis.facts.findings.iter().any(|f| f.rule == "config.active-active"));
        let summary = clusterplan_core::cluster::matrix::Summary::compute(&aa.analysis.design, None).unwrap();
        assert!(summary.levels[1].tolerated, "active/active survives any single node failure");
        let ap = aa.reduce(Action::LoadPreset("two-node-active-passive".into()));
        assert_eq!(ap.analysis.facts.family.mode, Mode::ActivePassive);
        assert_eq!(ap.analysis.facts.family.ips.total, 6 + 3, "2n + e + 1 = 6, and the client tier's 3");
    }
}
