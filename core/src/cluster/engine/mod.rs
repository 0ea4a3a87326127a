//! The failure outcome: a healthy cluster, a sequence of events, and the state that results, with the
//! reason for every change.
//!
//! Events are applied one at a time. Untimed, they all happen at the same instant (every restart and
//! failover count falls inside its period); `apply_at` gives each a time on a virtual clock, so counts
//! expire with their periods and failback windows open and close. After each event the cluster
//! recomputes who is a member and who holds quorum, then moves every group that must move, in design
//! order.

mod placement;
mod quorum;
mod sets;
mod state;

pub use placement::in_window;
pub use sets::{NodeSets, Scratch};
use state::NodeLoad;
pub use state::*;

use super::design::{Design, NetworkId, NodeId};
use super::event::Event;
use super::model::Failback;
use crate::partition::Partitions;

/// Storage groups one node can mount (KB 259197).
pub const MAX_STORAGE_GROUPS_PER_NODE: u32 = 4;

/// Settings of a simulation that are not part of the design.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// The hour of day (0–23) untimed events happen at, for failback windows; `None` leaves windowed
    /// failback waiting.
    pub hour_of_day: Option<u8>,
    /// The time of day at the start of the virtual clock, in seconds after midnight. When given, the hour
    /// follows the clock (and overrides `hour_of_day`), and waiting failbacks happen when their window opens.
    pub clock_start_s: Option<u32>,
}

/// Milliseconds in an hour and in a day.
const HOUR_MS: u64 = 3_600_000;
const DAY_MS: u64 = 24 * HOUR_MS;

/// A simulated cluster: the design, its state, and the log of what happened.
#[derive(Debug, Clone)]
pub struct Simulation<'d> {
    design: &'d Design,
    options: Options,
    state: State,
    log: Vec<Change>,
    /// Whether to keep the log and per-node explanations (off for the failure matrix).
    record: bool,
    /// The event being applied.
    current_event: Option<usize>,
    events_applied: usize,
    /// Reused union-find buffer for partitions.
    partitions: Partitions,
}

impl<'d> Simulation<'d> {
    /// The healthy cluster: every node, network and disk up, every group placed.
    pub fn new(design: &'d Design, options: Options) -> Simulation<'d> {
        Simulation::start(design, options, true)
    }

    /// The healthy cluster without a log or explanations: for running many scenarios fast.
    pub fn quiet(design: &'d Design, options: Options) -> Simulation<'d> {
        Simulation::start(design, options, false)
    }

    fn start(design: &'d Design, options: Options, record: bool) -> Simulation<'d> {
        let scenario = &design.scenario;
        let nodes = scenario.nodes.len();
        let mut state = State {
            node_up: vec![true; nodes],
            network_up: vec![true; scenario.networks.len()],
            nic_up: vec![true; nodes * scenario.networks.len()],
            disk_ok: vec![true; scenario.disks.len()],
            front_end_up: vec![true; scenario.front_ends.servers.len()],
            nlb_up: true,
            member: vec![false; nodes],
            paused: vec![false; nodes],
            evicted: vec![false; nodes],
            quorum: QuorumState { owner: None, reason: QuorumReason::NoNodeUp },
            groups: Vec::with_capacity(scenario.groups.len()),
            load: vec![NodeLoad::default(); nodes],
            restarts: vec![0; design.resource_count()],
            restart_window_start: vec![0; design.resource_count()],
            now: 0,
            resource_failed: vec![false; design.resource_count()],
            free_members: 0,
        };
        state.groups.resize(
            scenario.groups.len(),
            GroupState {
                status: GroupStatus::Offline,
                reason: Reason::QuorumLost,
                failovers: 0,
                failover_window_start: 0,
                failback_waiting: false,
            },
        );
        let mut simulation = Simulation {
            design,
            options,
            state,
            log: Vec::new(),
            record,
            current_event: None,
            events_applied: 0,
            partitions: Partitions::new(nodes),
        };
        simulation.update_membership();
        if simulation.state.quorum.held() {
            for group in design.group_ids() {
                simulation.place(group, Cause::Start);
            }
        }
        simulation
    }

    pub fn design(&self) -> &'d Design {
        self.design
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn log(&self) -> &[Change] {
        &self.log
    }

    /// Resets this simulation to `state` (for running many scenarios from one start without allocating).
    pub fn reset_to(&mut self, state: &State) {
        self.state.clone_from(state);
        self.log.clear();
    }

    /// Applies one event; a refused event leaves the state as it was.
    pub fn apply(&mut self, event: Event) -> Result<(), Refusal> {
        self.current_event = Some(self.events_applied);
        self.events_applied += 1;
        let result = self.apply_event(event);
        self.current_event = None;
        result
    }

    /// Applies one event at `at` milliseconds on the virtual clock (never before the previous event): first
    /// the clock advances (periods expire, failback windows open), then the event happens.
    pub fn apply_at(&mut self, event: Event, at: u64) -> Result<(), Refusal> {
        self.current_event = Some(self.events_applied);
        self.advance_to(at);
        self.current_event = None;
        self.apply(event)
    }

    /// Moves the clock forward to `at`, failing groups back whose failback window opens on the way.
    pub fn advance_to(&mut self, at: u64) {
        let at = at.max(self.state.now);
        while let Some(opens) = self.next_window_opening().filter(|&opens| opens <= at) {
            self.state.now = opens;
            self.fail_back_waiting();
        }
        self.state.now = at;
    }

    /// After the last event: lets the clock run up to a day on, so that failbacks waiting for their
    /// window happen when it opens. Nothing happens when none waits or the time of day is unknown.
    pub fn settle(&mut self) {
        if self.options.clock_start_s.is_some() && self.state.groups.iter().any(|g| g.failback_waiting) {
            let until = self.next_window_opening().unwrap_or(self.state.now);
            self.advance_to(until);
        }
    }

    /// The hour of day now, if known.
    fn hour(&self) -> Option<u8> {
        match self.options.clock_start_s {
            Some(start) => Some((((start as u64 * 1000 + self.state.now) % DAY_MS) / HOUR_MS) as u8),
            None => self.options.hour_of_day,
        }
    }

    /// When the earliest window of a waiting failback opens next (after now), on a known clock.
    fn next_window_opening(&self) -> Option<u64> {
        let start = self.options.clock_start_s? as u64 * 1000;
        let design = self.design;
        design
            .group_ids()
            .filter(|g| self.state.groups[g.index()].failback_waiting)
            .filter_map(|g| match design.scenario.groups[g.index()].failback {
                Failback::Window { start_hour, .. } => {
                    let day_time = (start + self.state.now) % DAY_MS;
                    let opens_at = start_hour as u64 % 24 * HOUR_MS;
                    let wait = if opens_at > day_time { opens_at - day_time } else { DAY_MS - day_time + opens_at };
                    Some(self.state.now + wait)
                }
                _ => None,
            })
            .min()
    }

    /// Fails several nodes at the same instant (the failure matrix's question).
    pub fn fail_nodes_at_once(&mut self, nodes: impl IntoIterator<Item = NodeId>) {
        for node in nodes {
            self.state.node_up[node.index()] = false;
        }
        self.reconcile(false);
    }

    fn apply_event(&mut self, event: Event) -> Result<(), Refusal> {
        let design = self.design;
        let nic = |node: NodeId, network: NetworkId| {
            if design.has_nic(node, network) {
                Ok(node.index() * design.scenario.networks.len() + network.index())
            } else {
                Err(Refusal::NoSuchNic(node, network))
            }
        };
        match event {
            // A node failure cannot cut a running group off its network or disks: no fault scan.
            Event::FailNode(node) => {
                self.switch(|s| &mut s.node_up[node.index()], false, Refusal::NodeAlreadyDown(node), false)
            }
            Event::RestoreNode(node) if self.state.evicted[node.index()] => Err(Refusal::NodeEvicted(node)),
            Event::RestoreNode(node) => {
                self.switch(|s| &mut s.node_up[node.index()], true, Refusal::NodeAlreadyUp(node), false)
            }
            Event::FailNetwork(network) => {
                self.switch(|s| &mut s.network_up[network.index()], false, Refusal::NetworkAlreadyDown(network), true)
            }
            Event::RestoreNetwork(network) => {
                self.switch(|s| &mut s.network_up[network.index()], true, Refusal::NetworkAlreadyUp(network), true)
            }
            Event::FailNic(node, network) => {
                let slot = nic(node, network)?;
                self.switch(|s| &mut s.nic_up[slot], false, Refusal::NicAlreadyDown(node, network), true)
            }
            Event::RestoreNic(node, network) => {
                let slot = nic(node, network)?;
                self.switch(|s| &mut s.nic_up[slot], true, Refusal::NicAlreadyUp(node, network), true)
            }
            Event::FailDisk(disk) => {
                self.switch(|s| &mut s.disk_ok[disk.index()], false, Refusal::DiskAlreadyFailed(disk), true)
            }
            Event::RestoreDisk(disk) => {
                self.switch(|s| &mut s.disk_ok[disk.index()], true, Refusal::DiskAlreadyOk(disk), true)
            }
            // The client tier is outside the cluster: no group notices.
            Event::FailFrontEnd(front_end) => self.switch(
                |s| &mut s.front_end_up[front_end.index()],
                false,
                Refusal::FrontEndAlreadyDown(front_end),
                false,
            ),
            Event::RestoreFrontEnd(front_end) => self.switch(
                |s| &mut s.front_end_up[front_end.index()],
                true,
                Refusal::FrontEndAlreadyUp(front_end),
                false,
            ),
            Event::FailNlb => self.switch(|s| &mut s.nlb_up, false, Refusal::NlbAlreadyDown, false),
            Event::RestoreNlb => self.switch(|s| &mut s.nlb_up, true, Refusal::NlbAlreadyUp, false),
            Event::FailResource(resource) => self.fail_resource(resource),
            Event::Move(group, node) => self.move_group(group, node),
            Event::EvictNode(node) => {
                if self.state.evicted[node.index()] {
                    return Err(Refusal::NodeEvicted(node));
                }
                // "Stop the Cluster service if the node being evicted is not the last node in the cluster":
                // the node is down (its groups have failed over already); the last node evicts itself.
                let others_in = design.node_ids().any(|n| n != node && !self.state.evicted[n.index()]);
                if self.state.node_up[node.index()] && others_in {
                    return Err(Refusal::EvictUpNode(node));
                }
                // The cluster that evicts it has to be running: a node is evicted through it.
                if others_in && !self.state.quorum.held() {
                    return Err(Refusal::EvictWithoutQuorum);
                }
                self.state.evicted[node.index()] = true;
                self.state.paused[node.index()] = false;
                if self.state.node_up[node.index()] {
                    self.state.node_up[node.index()] = false;
                }
                self.reconcile(false);
                Ok(())
            }
            Event::PauseNode(node) | Event::ResumeNode(node) => {
                let pause = matches!(event, Event::PauseNode(_));
                if !self.state.node_up[node.index()] {
                    return Err(Refusal::NodeAlreadyDown(node));
                }
                if self.state.paused[node.index()] == pause {
                    return Err(if pause { Refusal::NodeAlreadyPaused(node) } else { Refusal::NodeNotPaused(node) });
                }
                // Pausing and resuming move no group: a group that failed while the node was paused stays
                // failed until an administrator brings it online, as after any failure.
                self.state.paused[node.index()] = pause;
                Ok(())
            }
            Event::Online(group) => self.bring_online(group),
        }
    }

    /// Turns a piece of the cluster on (a repair) or off (a failure), refusing when it already is so.
    /// `faults` says whether the change can cut running groups off their networks or disks.
    fn switch(
        &mut self,
        flag: impl Fn(&mut State) -> &mut bool,
        up: bool,
        already: Refusal,
        faults: bool,
    ) -> Result<(), Refusal> {
        if *flag(&mut self.state) == up {
            return Err(already);
        }
        if up {
            self.restore(|state| *flag(state) = true, faults);
        } else {
            *flag(&mut self.state) = false;
            self.reconcile(faults);
        }
        Ok(())
    }

    /// Repairs something, then lets groups fail back to nodes that joined the cluster because of it.
    fn restore(&mut self, repair: impl FnOnce(&mut State), faults: bool) {
        let members_before = self.state.member.clone();
        repair(&mut self.state);
        self.reconcile(faults);
        let joined: Vec<bool> =
            self.state.member.iter().zip(&members_before).map(|(&now, &before)| now && !before).collect();
        if joined.iter().any(|&j| j) {
            self.fail_back(&joined);
        }
    }

    fn record(&mut self, what: ChangeKind) {
        if self.record {
            self.log.push(Change { event: self.current_event, at: self.state.now, what });
        }
    }
}
