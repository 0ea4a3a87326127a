//! The failover timeline: a failure script played on the virtual clock, second by second.
//!
//! The engine decides (on its clock: restart and failover counts expire with their periods, failback
//! windows open and close); this module unfolds each decision into what an observer of the cluster
//! would see, with times: the failure noticed (missed heartbeats, an IsAlive check), resources going
//! offline dependents first, the group moving, resources coming online in dependency order, each taking
//! its time (`Timing`). A group's steps never overlap: a later decision about a group starts when its
//! earlier one has finished unfolding. The last entry of each group is its state in the engine's outcome.

use schemars::JsonSchema;
use serde::Serialize;

use super::design::{Design, GroupId, NodeId, ResourceId};
use super::engine::{Cause, Change, ChangeKind, GroupStatus, Options, Reason, Simulation};
use super::event::{Event, TimedEvent};
use super::explain::{self, Explanation};
use super::graph::DependencyGraph;
use super::report::{self, GroupReport, GroupState, NodeState, Outcome, ResourceState};
use crate::timeline::Played;
use crate::{duration, sources};

/// One step of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Entry {
    /// When, in ms on the virtual clock (seconds in JSON, as `t`).
    #[serde(rename = "t", serialize_with = "crate::timeline::seconds")]
    pub t_ms: u64,
    /// The script event (its index) this step follows from; `None` for a failback window opening.
    pub event: Option<usize>,
    /// What changes: a node, a group, `GROUP/RESOURCE`, `quorum`.
    pub subject: String,
    pub change: String,
    pub reason: String,
    pub policy: &'static str,
    pub source: &'static str,
    /// For group steps: the group's state after it (`online`, `failed`, `offline`) and its node.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_state: Option<(GroupState, Option<String>)>,
    /// A step the story turns on (a failure, the cluster noticing it, quorum, a group starting to move and
    /// where it ends up): a player narrates it large and lists the others (each resource) beneath.
    pub key: bool,
    /// The cluster noticing something: missed heartbeats, a node leaving or joining, quorum. Until its step,
    /// [`Timeline::at`] shows membership and quorum as they were before the event.
    #[serde(skip)]
    noticing: bool,
}

/// A played script: its steps in time order, and the final state (what `simulate` gives).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Timeline {
    pub timeline: Vec<Entry>,
    #[serde(rename = "final")]
    pub outcome: Outcome,
    /// The script it played, and its options: what [`Timeline::at`] replays.
    #[serde(skip)]
    pub events: Vec<TimedEvent>,
    #[serde(skip)]
    pub options: Options,
}

crate::timeline::step!(Entry);

impl Played for Timeline {
    type Design = Design;
    type Outcome = Outcome;
    type Entry = Entry;

    fn steps(&self) -> &[Entry] {
        &self.timeline
    }

    fn happened(&self, design: &Design, time_ms: u64) -> Vec<String> {
        self.events.iter().filter(|e| e.at.unwrap_or(0) <= time_ms).map(|e| e.event.label(design)).collect()
    }

    /// The cluster as an observer sees it at `time_ms`: networks, disks and whether each node is up as the
    /// script has left them by then; membership and quorum as the cluster knows them — as they stood before
    /// an event whose missed heartbeats or quorum step has not come yet, so a failed node it has not noticed
    /// is `unnoticed`, still a member running its groups; each group where its last step up to then put it,
    /// `pending` and running nowhere while a move is still unfolding; and its resources as the steps left
    /// them, pending while their group fails over, then online one by one in dependency order.
    fn at(&self, design: &Design, time_ms: u64) -> Outcome {
        let decided: Vec<TimedEvent> = self.events.iter().copied().filter(|e| e.at.unwrap_or(0) <= time_ms).collect();
        let mut outcome = report::simulate_timed(design, &decided, self.options);
        // Membership and quorum change when the cluster notices, as the groups do: until an event's
        // noticing steps come, the cluster knows itself as it was before that event.
        let unnoticed = self
            .timeline
            .iter()
            .filter(|e| e.noticing && e.t_ms > time_ms)
            .filter_map(|e| e.event)
            .filter(|&event| event < decided.len())
            .min();
        if let Some(event) = unnoticed {
            let known = report::simulate_timed(design, &decided[..event], self.options);
            outcome.quorum = known.quorum;
            for (node, was) in outcome.nodes.iter_mut().zip(known.nodes) {
                node.state = match (node.state, was.state) {
                    (NodeState::Down, NodeState::Up | NodeState::Paused | NodeState::OutOfCluster) => {
                        NodeState::Unnoticed
                    }
                    (_, known) => known,
                };
            }
        }
        let steps = || self.timeline.iter().take_while(|e| e.t_ms <= time_ms);
        for group in &mut outcome.groups {
            // Where the engine has it once the events so far have played out.
            let (decided_state, decided_resources) = (group.state, group.resources.clone());
            match steps().filter(|e| e.subject == group.name).last() {
                Some(Entry { group_state: Some((state, owner)), reason, .. }) => {
                    group.state = *state;
                    group.owner = owner.clone();
                    group.reason = reason.clone();
                }
                Some(entry) => {
                    group.state = GroupState::Pending;
                    group.owner = None;
                    group.reason = format!("{}: {}", entry.change, entry.reason);
                }
                None => {}
            }
            let prefix = format!("{}/", group.name);
            for entry in steps() {
                if entry.subject == group.name && entry.group_state.is_none() {
                    group.resources.iter_mut().for_each(|r| r.state = ResourceState::Pending);
                } else if let Some(name) = entry.subject.strip_prefix(&prefix)
                    && let Some(resource) = group.resources.iter_mut().find(|r| r.name == name)
                {
                    resource.state = match entry.change.as_str() {
                        "failed" => ResourceState::Failed,
                        "offline" => ResourceState::Offline,
                        _ => ResourceState::Online,
                    };
                }
            }
            // A group left failed or offline has its resources as the engine left them: none is still
            // pending once the group has nowhere to go.
            if group.state != GroupState::Online && group.state == decided_state {
                group.resources = decided_resources;
            }
        }
        for node in &mut outcome.nodes {
            node.groups = outcome
                .groups
                .iter()
                .filter(|g| g.owner.as_ref() == Some(&node.name))
                .map(|g| g.name.clone())
                .collect();
        }
        let (front_ends, nlb) = (outcome.clients.front_ends.clone(), outcome.clients.nlb.unwrap_or(true));
        outcome.clients = super::clients::tier(design, front_ends, nlb, outcome.groups.iter().map(GroupReport::as_evs));
        outcome
    }
}

/// Plays `events` on the healthy cluster and unfolds every decision in time.
pub fn play(design: &Design, events: &[TimedEvent], options: Options) -> Timeline {
    let mut simulation = Simulation::new(design, options);
    let mut player = Player {
        design,
        entries: Vec::new(),
        busy_until: vec![0; design.scenario.groups.len()],
        status: simulation.state().groups.iter().map(|g| g.status).collect(),
        graphs: design.group_ids().map(|g| DependencyGraph::new(design, g)).collect(),
    };
    // The healthy start, at 0 s: where each group runs (or why it cannot).
    for group in design.group_ids() {
        let state = &simulation.state().groups[group.index()];
        player.settled(None, 0, group, state.status, &state.reason);
    }
    let mut seen = simulation.log().len();
    let mut previous = 0;
    let mut refusals = Vec::with_capacity(events.len());
    for (index, timed) in events.iter().enumerate() {
        let at = timed.at.unwrap_or(previous).max(previous);
        previous = at;
        let result = simulation.apply_at(timed.event, at);
        player.scripted(index, timed.event, at, result.err().map(|r| explain::refusal(design, r)));
        if result.is_ok() && timed.event.is_client_tier() {
            // Outside the cluster: clients find the change at once.
            let clients = report::outcome(design, simulation.state(), Vec::new()).clients;
            let change = if clients.served { "served" } else { "not all served" };
            let why = Explanation { text: clients.reason, policy: "clients", source: clients.source };
            player.push(at, Some(index), "clients".into(), change.into(), why);
            player.key();
        }
        refusals.push(result.err());
        let detection = detection_ms(design, timed.event);
        if result.is_ok() {
            player.noticed(index, timed.event, at + detection, detection);
        }
        for change in &simulation.log()[seen..] {
            let delay = if change.event == Some(index) { detection } else { 0 };
            player.unfold(change, change.at + delay);
        }
        seen = simulation.log().len();
    }
    simulation.settle();
    for change in &simulation.log()[seen..] {
        player.unfold(change, change.at);
    }
    crate::order::sort_by_key(&mut player.entries, |e| e.t_ms);
    let log = simulation.log();
    let reports = events
        .iter()
        .enumerate()
        .map(|(i, event)| report::EventReport {
            event: event.label(design),
            applied: refusals[i].is_none(),
            refused: refusals[i].map(|r| explain::refusal(design, r).text),
            changes: log.iter().filter(|c| c.event == Some(i)).map(|c| report::change(design, c)).collect(),
        })
        .collect();
    Timeline {
        timeline: player.entries,
        outcome: report::outcome(design, simulation.state(), reports),
        events: events.to_vec(),
        options,
    }
}

/// How long the cluster takes to notice what an event did.
fn detection_ms(design: &Design, event: Event) -> u64 {
    let timing = &design.scenario.timing;
    // The clustering guide ("Understanding Failovers"): Resource Monitor discovers a failed resource at the
    // next IsAlive check.
    let is_alive = |resource: ResourceId| {
        design.scenario.groups[resource.group.index()].resources[resource.index as usize].health.is_alive_s as u64
            * 1000
    };
    match event {
        Event::FailNode(_) | Event::FailNic(..) | Event::FailNetwork(_) => timing.heartbeat_detection_ms,
        Event::FailResource(resource) => is_alive(resource),
        Event::FailDisk(disk) => design
            .group_ids()
            .flat_map(|g| (0..design.group(g).resources.len() as u32).map(move |index| ResourceId { group: g, index }))
            .find(|&r| design.group(r.group).resources[r.index as usize].disk == Some(disk))
            .map_or(60_000, is_alive),
        Event::RestoreNode(_) | Event::RestoreNic(..) | Event::RestoreNetwork(_) | Event::RestoreDisk(_) => {
            timing.join_ms
        }
        Event::Move(..) | Event::Online(_) | Event::PauseNode(_) | Event::ResumeNode(_) | Event::EvictNode(_) => 0,
        // The client tier is outside the cluster: clients notice at once.
        Event::FailFrontEnd(_) | Event::RestoreFrontEnd(_) | Event::FailNlb | Event::RestoreNlb => 0,
    }
}

struct Player<'d> {
    design: &'d Design,
    entries: Vec<Entry>,
    /// Per group: when its last unfolding ends.
    busy_until: Vec<u64>,
    /// Per group: where it was after the last change seen.
    status: Vec<GroupStatus>,
    graphs: Vec<DependencyGraph>,
}

impl Player<'_> {
    fn push(&mut self, t_ms: u64, event: Option<usize>, subject: String, change: String, why: Explanation) {
        self.entries.push(Entry {
            t_ms,
            event,
            subject,
            change,
            reason: why.text,
            policy: why.policy,
            source: why.source,
            group_state: None,
            key: false,
            noticing: false,
        });
    }

    /// The step just pushed is one the story turns on.
    fn key(&mut self) {
        self.entries.last_mut().expect("a step was pushed").key = true;
    }

    /// The step just pushed is the cluster noticing something.
    fn noticing(&mut self) {
        self.entries.last_mut().expect("a step was pushed").noticing = true;
    }

    /// The scripted event itself.
    fn scripted(&mut self, index: usize, event: Event, at: u64, refused: Option<Explanation>) {
        let design = self.design;
        let (subject, change) = match event {
            Event::FailNode(node) => (design.node_name(node).to_string(), "fails".to_string()),
            Event::RestoreNode(node) => (design.node_name(node).to_string(), "comes back".to_string()),
            Event::FailResource(resource) => (design.resource_path(resource), "fails".to_string()),
            Event::FailNetwork(network) => (format!("network {}", design.network_name(network)), "fails".to_string()),
            Event::RestoreNetwork(network) => {
                (format!("network {}", design.network_name(network)), "comes back".to_string())
            }
            Event::FailNic(node, network) => {
                (format!("{}'s NIC on {}", design.node_name(node), design.network_name(network)), "fails".to_string())
            }
            Event::RestoreNic(node, network) => (
                format!("{}'s NIC on {}", design.node_name(node), design.network_name(network)),
                "comes back".to_string(),
            ),
            Event::FailDisk(disk) => (format!("disk {}", design.disk_name(disk)), "fails".to_string()),
            Event::RestoreDisk(disk) => (format!("disk {}", design.disk_name(disk)), "is repaired".to_string()),
            Event::Move(group, node) => (
                design.group_name(group).to_string(),
                format!("an administrator moves it to {}", design.node_name(node)),
            ),
            Event::Online(group) => {
                (design.group_name(group).to_string(), "an administrator brings it online".to_string())
            }
            Event::PauseNode(node) => (
                design.node_name(node).to_string(),
                "an administrator pauses it: it keeps its groups and takes no other".to_string(),
            ),
            Event::ResumeNode(node) => {
                (design.node_name(node).to_string(), "an administrator resumes it: it takes groups again".to_string())
            }
            Event::EvictNode(node) => (
                design.node_name(node).to_string(),
                "an administrator evicts it: it is no longer a node of the cluster".to_string(),
            ),
            Event::FailFrontEnd(front_end) => {
                (format!("front-end {}", design.front_end_name(front_end)), "fails".to_string())
            }
            Event::RestoreFrontEnd(front_end) => {
                (format!("front-end {}", design.front_end_name(front_end)), "comes back".to_string())
            }
            Event::FailNlb => ("NLB cluster".to_string(), "fails".to_string()),
            Event::RestoreNlb => ("NLB cluster".to_string(), "comes back".to_string()),
        };
        let why = match refused {
            Some(refusal) => Explanation { text: format!("refused: {}", refusal.text), ..refusal },
            // Pausing and resuming are an administrator's, with their source, as a DAG's operator steps are.
            None if matches!(event, Event::PauseNode(_) | Event::ResumeNode(_)) => Explanation {
                text: "an administrator runs it".into(),
                policy: "operator.pause",
                source: sources::PAUSE_NODE,
            },
            None if matches!(event, Event::EvictNode(_)) => Explanation {
                text: "an administrator runs it, its Cluster service stopped".into(),
                policy: "operator.evict",
                source: sources::EVICT_NODE,
            },
            None => {
                Explanation { text: "the failure script says so".into(), policy: "script", source: sources::SCRIPTED }
            }
        };
        self.push(at, Some(index), subject, change, why);
        self.key();
    }

    /// When the cluster notices a failure: missed heartbeats for nodes, NICs and networks.
    fn noticed(&mut self, index: usize, event: Event, at: u64, after: u64) {
        let design = self.design;
        let subject = match event {
            Event::FailNode(node) | Event::FailNic(node, _) => design.node_name(node).to_string(),
            Event::FailNetwork(network) => format!("network {}", design.network_name(network)),
            _ => return,
        };
        let why = Explanation {
            text: format!("no heartbeat for {} s (timing.heartbeat_detection_ms)", duration::seconds(after)),
            policy: "timing.heartbeat",
            source: sources::CLUSTERPLAN_CHOICE,
        };
        self.push(at, Some(index), subject, "noticed by the cluster".into(), why);
        self.key();
        self.noticing();
    }

    /// Unfolds one engine decision, noticed at `t`.
    fn unfold(&mut self, change: &Change, t: u64) {
        let design = self.design;
        match &change.what {
            ChangeKind::Quorum(quorum) => {
                let what = match quorum.owner {
                    Some(owner) => format!("held by {}", design.node_name(owner)),
                    None => "lost".into(),
                };
                self.push(t, change.event, "quorum".into(), what, explain::quorum(design, quorum));
                self.key();
                self.noticing();
            }
            ChangeKind::Membership { node, member } => {
                let (what, text) = if *member {
                    ("joins the cluster", "it is in contact with the nodes that hold quorum")
                } else {
                    ("leaves the cluster", "it is cut off from the nodes that hold quorum; its cluster service stops")
                };
                let why = Explanation { text: text.into(), policy: "quorum.membership", source: sources::QUORUM };
                self.push(t, change.event, design.node_name(*node).to_string(), what.into(), why);
                self.noticing();
            }
            ChangeKind::Restarted { resource, count, threshold } => {
                let group = resource.group;
                let GroupStatus::Online(node) = self.status[group.index()] else { return };
                let start = t.max(self.busy_until[group.index()]);
                let period = design.scenario.groups[group.index()].resources[resource.index as usize].restart.period_s;
                let why = Explanation {
                    text: format!(
                        "IsAlive noticed; restart {count} of {threshold} allowed in {period} s on the same node"
                    ),
                    policy: "restart.threshold",
                    source: sources::FAILOVER_POLICY,
                };
                self.push(start, change.event, design.resource_path(*resource), "failed".into(), why);
                self.key();
                let mut affected = self.graphs[group.index()].dependents_of(resource.index);
                affected.push(resource.index);
                let offline_end = self.schedule(group, &affected, None, start, change.event);
                let end = self.schedule(group, &affected, Some(node), offline_end, change.event);
                self.busy_until[group.index()] = end;
            }
            ChangeKind::Group { group, status, reason } => self.group(change.event, *group, *status, reason, t),
            ChangeKind::FailbackWaits { group, .. } => {
                let why = explain_change(design, change);
                self.push(t, change.event, design.group_name(*group).to_string(), "failback waits".into(), why);
                self.key();
            }
        }
    }

    fn group(&mut self, event: Option<usize>, group: GroupId, status: GroupStatus, reason: &Reason, t: u64) {
        let design = self.design;
        let all: Vec<u32> = (0..design.group(group).resources.len() as u32).collect();
        let before = self.status[group.index()];
        let mut at = t.max(self.busy_until[group.index()]);
        // Resources leave a node gracefully (dependents first) when it is still running the group: a
        // planned move, a failback, a resource fault. A failed or cut-off node just loses them.
        let graceful_from = match (before, reason) {
            (GroupStatus::Online(_), Reason::FailedOver { cause: Cause::NodeDown(_) | Cause::LeftCluster(_), .. })
            | (GroupStatus::Online(_), Reason::NoNode { cause: Cause::NodeDown(_) | Cause::LeftCluster(_), .. })
            | (
                GroupStatus::Online(_),
                Reason::ThresholdReached { cause: Cause::NodeDown(_) | Cause::LeftCluster(_), .. },
            )
            | (GroupStatus::Online(_), Reason::QuorumLost) => None,
            (GroupStatus::Online(from), _) if status != before => Some(from),
            _ => None,
        };
        if before != status {
            let begins = match reason {
                Reason::FailedOver { .. } => "failover begins",
                Reason::Moved { .. } => "planned move begins",
                Reason::FailedBack { .. } => "failback begins",
                Reason::Placed { .. } => "coming online",
                Reason::QuorumLost => "going offline",
                Reason::NoNode { .. } | Reason::ThresholdReached { .. } | Reason::ResourceDown { .. } => "failing",
            };
            let why = explain::cause_of(design, reason);
            self.push(at, event, design.group_name(group).to_string(), begins.into(), why);
            self.key();
        }
        match (reason, status) {
            (Reason::ResourceDown { resource, .. }, GroupStatus::Online(_)) => {
                let mut affected = self.graphs[group.index()].dependents_of(resource.index);
                affected.retain(|&r| r != resource.index);
                let why = explain::reason(design, group, status, reason);
                self.push(at, event, design.resource_path(*resource), "failed".into(), why);
                self.key();
                at = self.schedule(group, &affected, None, at, event);
            }
            _ => {
                if graceful_from.is_some() {
                    at = self.schedule(group, &all, None, at, event);
                }
                if let GroupStatus::Online(node) = status
                    && before != status
                {
                    at = self.schedule(group, &all, Some(node), at, event);
                }
            }
        }
        self.settled(event, at, group, status, reason);
        self.busy_until[group.index()] = at;
        self.status[group.index()] = status;
    }

    /// The step that leaves a group in `status`.
    fn settled(&mut self, event: Option<usize>, at: u64, group: GroupId, status: GroupStatus, reason: &Reason) {
        let design = self.design;
        let why = explain::reason(design, group, status, reason);
        let owner = match status {
            GroupStatus::Online(node) => Some(design.node_name(node).to_string()),
            GroupStatus::Failed | GroupStatus::Offline => None,
        };
        let word = GroupState::of(status);
        let what = match &owner {
            Some(node) => format!("online on {node}"),
            None => word.to_string(),
        };
        self.entries.push(Entry {
            t_ms: at,
            event,
            subject: design.group_name(group).to_string(),
            change: what,
            reason: why.text,
            policy: why.policy,
            source: why.source,
            group_state: Some((word, owner)),
            // Where a group ends up after something happened is what the story is about; the healthy
            // start, where every group is, is not.
            key: event.is_some() || at > 0,
            noticing: false,
        });
    }

    /// Brings `resources` of `group` online on `node` (or offline when `node` is `None`) from `start`, each
    /// as soon as its dependencies (dependents, going offline) are done, each taking its time. Returns when
    /// the last is done.
    fn schedule(
        &mut self,
        group: GroupId,
        resources: &[u32],
        node: Option<NodeId>,
        start: u64,
        event: Option<usize>,
    ) -> u64 {
        let design = self.design;
        let spec = &design.scenario.groups[group.index()];
        let graph = &self.graphs[group.index()];
        let order = if node.is_some() { graph.online_order() } else { graph.offline_order() };
        let Some(order) = order else {
            // A dependency cycle: nothing of the group can come online (the rules report the cycle).
            return start;
        };
        // Where each resource stands in `resources` (u32::MAX: not moving): linear in the group, not quadratic.
        let mut position: Vec<u32> = vec![u32::MAX; spec.resources.len()];
        for (i, &resource) in resources.iter().enumerate().rev() {
            position[resource as usize] = i as u32;
        }
        let mut done: Vec<Option<u64>> = vec![None; spec.resources.len()];
        let mut end = start;
        let mut steps = Vec::new();
        for index in order.into_iter().filter(|&i| position[i as usize] != u32::MAX) {
            // What it waits for, in the order of `resources`, each once: their places there, sorted.
            let mut places: Vec<u32> = graph
                .direct(index, node.is_some())
                .map(|other| position[other as usize])
                .filter(|&place| place != u32::MAX)
                .collect();
            crate::order::sort_dedup(&mut places);
            let waits_for: Vec<u32> = places.iter().map(|&p| resources[p as usize]).collect();
            let ready = waits_for.iter().filter_map(|&w| done[w as usize]).max().unwrap_or(start).max(start);
            let timing = design.scenario.timing.of(spec.resources[index as usize].kind);
            let finish = ready + if node.is_some() { timing.online_ms } else { timing.offline_ms };
            done[index as usize] = Some(finish);
            end = end.max(finish);
            let names: Vec<&str> = waits_for.iter().map(|&w| spec.resources[w as usize].name.as_str()).collect();
            let taken = duration::seconds(finish - ready);
            let (change, text) = match node {
                Some(node) => (
                    format!("online on {}", design.node_name(node)),
                    if names.is_empty() {
                        format!("took {taken} s")
                    } else {
                        format!("took {taken} s, after {}", names.join(", "))
                    },
                ),
                None => (
                    "offline".to_string(),
                    if names.is_empty() {
                        format!("took {taken} s")
                    } else {
                        format!("took {taken} s, after its dependents {}", names.join(", "))
                    },
                ),
            };
            steps.push((finish, index, format!("{}/{}", spec.name, spec.resources[index as usize].name), change, text));
        }
        // Steps that finish together are listed in the group's resource order.
        crate::order::sort_by_key(&mut steps, |&(finish, index, ..)| (finish, index));
        for (finish, _, subject, change, text) in steps {
            let why = Explanation { text, policy: "dependency-order", source: sources::DEPENDENCIES };
            self.push(finish, event, subject, change, why);
        }
        end
    }
}

fn explain_change(design: &Design, change: &Change) -> Explanation {
    let report = report::change(design, change);
    Explanation { text: report.reason, policy: report.policy, source: report.source }
}

impl crate::fork::Service for Timeline {
    const SERVES: (&'static str, &'static str) = ("group", "groups");

    /// A group serves while it is online (partially online too: its mailboxes are reached).
    fn serving(outcome: &Outcome) -> Vec<(String, bool)> {
        outcome.groups.iter().map(|g| (g.name.clone(), g.state == GroupState::Online)).collect()
    }

    fn event_ms(&self, index: usize) -> u64 {
        crate::timeline::event_ms(self.events.iter().map(|e| e.at), index)
    }

    fn cause(entry: &Entry) -> Option<usize> {
        entry.event
    }

    /// The groups with a resource on a shared disk that has failed: what was on it comes back only from a
    /// backup (the cluster fails over the service, not the storage).
    fn at_risk(&self, design: &Design) -> Vec<crate::fork::AtRisk> {
        let failed = |disk: &str| self.outcome.disks.iter().any(|d| d.name == disk && !d.ok);
        design
            .scenario
            .groups
            .iter()
            .filter_map(|group| {
                let disk = group.resources.iter().filter_map(|r| r.disk.as_deref()).find(|&d| failed(d))?;
                Some(crate::fork::AtRisk {
                    subject: group.name.clone(),
                    why: format!("its disk {disk} has failed: what was on it comes back only from a backup"),
                })
            })
            .collect()
    }
}
