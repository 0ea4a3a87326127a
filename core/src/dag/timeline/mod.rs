//! The DAG timeline: a failure script played on the virtual clock, second by second.
//!
//! The engine settles each step ([`super::event::steps`]: events at the same time together); this module
//! unfolds what changed into what an administrator watching the DAG would see, with times from the design's
//! [`DagTiming`](super::model::DagTiming): the failure, the cluster noticing it (missed heartbeats: members down or cut off, quorum
//! decided and the votes recounted), Active Manager's best copy selection, the mount, and clients
//! reconnecting. The entries come from comparing the reports before and after each step, so `final` is
//! exactly what a plain `simulate` of the same script reports.
//!
//! Each entry brings a change to what an observer sees, and [`Timeline::at`] is the fold of the changes up
//! to a time over the healthy DAG — one moment for every part of it: what broke shows at once (a failed
//! server is `unnoticed` until the cluster notices), membership, votes and quorum when the cluster notices,
//! each database as its last step left it; the active databases per server, the copies' states and who
//! clients reach follow from the databases of that same moment.

mod moment;
mod unfold;

use schemars::JsonSchema;
use serde::Serialize;

use super::clock::{Clock, Happening};
use super::design::Design;
use super::engine::Simulation;
use super::event::{Event, TimedEvent, steps};
use super::report::{self, Outcome};
use crate::sources;
use crate::timeline::Played;
use moment::Change;
use unfold::{Learnt, Unfolding, Wave, mark_waves};

/// One step of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Entry {
    /// When, in ms on the virtual clock (seconds in JSON, as `t`).
    #[serde(rename = "t", serialize_with = "crate::timeline::seconds")]
    #[schemars(with = "f64")]
    pub t_ms: u64,
    /// The script event (its index) this step follows from.
    pub event: usize,
    /// What changes: a server, a site, `WAN dc1-dc2`, the witness, `quorum`, a database.
    pub subject: String,
    pub change: String,
    pub reason: String,
    pub source: &'static str,
    /// A step the story turns on (a failure, an administrator's action, quorum decided, the first and last
    /// database of a wave): a player narrates it large and lists the others beneath.
    pub key: bool,
    /// For a database's step: which part of its way it is, so that the first and last database of a wave
    /// (the same part of the same step at the same time) are marked key.
    #[serde(skip)]
    wave: Option<Wave>,
}

crate::timeline::step!(Entry);

/// A DAG failure script unfolded, and the outcome it ends in (equal to `simulate`'s).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Timeline {
    pub timeline: Vec<Entry>,
    #[serde(rename = "final")]
    pub outcome: Outcome,
    /// The script it played.
    #[serde(skip)]
    pub events: Vec<TimedEvent>,
    /// The healthy DAG: what [`Timeline::at`] folds the changes over.
    #[serde(skip)]
    healthy: Outcome,
    /// Every change to what an observer sees, in time order.
    #[serde(skip)]
    changes: Vec<Change>,
}

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

    /// The last step or change: some changes (a passive copy's state, say) are noticed after the last step
    /// anyone narrates.
    fn end_ms(&self) -> u64 {
        let last_entry = self.timeline.last().map_or(0, |e| e.t_ms);
        last_entry.max(self.changes.last().map_or(0, |c| c.t_ms))
    }

    /// The DAG as an observer sees it at `time_ms`: the changes up to then, folded over the healthy DAG,
    /// then what follows from them (active databases per server, copies, clients, the counts).
    fn at(&self, _dag: &Design, time_ms: u64) -> Outcome {
        let mut view = moment::fold(&self.healthy, &self.changes, time_ms);
        let mut now = 0;
        let decided = self
            .events
            .iter()
            .take_while(|e| {
                now = e.at.unwrap_or(now);
                now <= time_ms
            })
            .count();
        view.events = self.outcome.events[..decided].to_vec();
        view
    }
}

/// Plays a script on the healthy DAG.
pub fn play(dag: &Design, events: &[TimedEvent]) -> Timeline {
    let timing = dag.scenario.timing;
    let mut simulation = Simulation::new(dag);
    let healthy = report::outcome(dag, simulation.state(), Vec::new());
    let mut before = healthy.clone();
    let mut reports = Vec::with_capacity(events.len());
    let mut unfolding = Unfolding {
        timing,
        entries: Vec::new(),
        changes: Vec::new(),
        order: 0,
        noticed: 0,
        landed: vec![0; dag.database_count()],
    };
    let all = steps(events);
    let mut clock = Clock::new(dag, events);
    for (index, step) in all.iter().enumerate() {
        let first = step.events.start;
        let step_reports = report::apply_step(dag, &mut simulation, &events[step.events.clone()]);
        for (offset, (timed, applied)) in events[step.events.clone()].iter().zip(&step_reports).enumerate() {
            let (subject, change, by_hand) = what_happens(dag, timed.event);
            let (reason, source) = match &applied.refused {
                Some(why) => (format!("refused: {why}"), event_source(timed.event)),
                None if by_hand => ("an administrator runs it".to_string(), event_source(timed.event)),
                // A failure is not a behaviour any page documents: the script is its only source.
                None => ("the failure script says so".to_string(), sources::SCRIPTED),
            };
            unfolding.entries.push(Entry {
                t_ms: step.at,
                event: first + offset,
                subject,
                change,
                reason,
                source,
                key: true,
                wave: None,
            });
        }
        reports.extend(step_reports);
        let after = report::outcome(dag, simulation.state(), Vec::new());
        let step_events = &events[step.events.clone()];
        let learnt = if step_events.iter().all(|e| matches!(e.event, Event::ShutDownServer(_))) {
            Learnt::Leaving
        } else if step_events.iter().all(|e| e.event.is_administrative()) {
            Learnt::ByHand
        } else {
            Learnt::Heartbeats
        };
        unfolding.settled(step.at, first, learnt, &before, &after);
        before = after;
        // What the DAG does by itself before the next step: rebalancing, a lagged copy played down.
        let last = step.events.end - 1;
        for (t, happening) in clock.between(&mut simulation, step.at, all.get(index + 1).map(|next| next.at)) {
            let (subject, change, reason, source) = match &happening {
                Happening::Rebalanced(moved) => (
                    dag.scenario.dag_name.clone(),
                    format!(
                        "rebalances {}",
                        moved.iter().map(|&d| dag.database_name(d)).collect::<Vec<_>>().join(", ")
                    ),
                    format!(
                        "PreferenceMoveFrequency ({}) moves each database back to its preference-1 copy when that copy is healthy",
                        crate::duration::clock(timing.preference_move_ms)
                    ),
                    sources::DAG_REBALANCE,
                ),
                Happening::PlayedDown(copies) => (
                    copies.iter().map(|&c| dag.copy_path(c)).collect::<Vec<_>>().join(", "),
                    "lag played down: now a copy without lag".to_string(),
                    "the Replay Lag Manager: fewer than three healthy copies without lag for 24 hours".to_string(),
                    sources::DAG_REPLAY_LAG_MANAGER,
                ),
                Happening::AutoReseeding(copies) => (
                    copies.iter().map(|&c| dag.copy_path(c)).collect::<Vec<_>>().join(", "),
                    "AutoReseed reseeds it onto a spare volume".to_string(),
                    "failed for 15 minutes, then three tries to resume it 5 minutes apart; its server has a spare volume".to_string(),
                    sources::DAG_AUTORESEED,
                ),
                Happening::Reseeded(copies) => (
                    copies.iter().map(|&c| dag.copy_path(c)).collect::<Vec<_>>().join(", "),
                    "reseeded: healthy, and replicating again".to_string(),
                    format!(
                        "the seed has copied the database ({} a GB of it); Update-MailboxDatabaseCopy resumes the copy unless told -ManualResume",
                        crate::duration::clock(timing.reseed_ms_per_gb)
                    ),
                    sources::DAG_COPY_CMDLETS,
                ),
            };
            let entry = Entry { t_ms: t, event: last, subject, change, reason, source, key: true, wave: None };
            unfolding.entries.push(entry);
            let after = report::outcome(dag, simulation.state(), Vec::new());
            unfolding.settled(t, last, Learnt::ByHand, &before, &after);
            before = after;
        }
    }
    let Unfolding { mut entries, mut changes, .. } = unfolding;
    crate::order::sort_by_key(&mut entries, |e| e.t_ms);
    crate::order::sort_by_key(&mut changes, |c| c.t_ms);
    mark_waves(&mut entries);
    let outcome = report::outcome(dag, simulation.state(), reports);
    Timeline { timeline: entries, outcome, events: events.to_vec(), healthy, changes }
}

/// The page that documents what an administrator's action (or its refusal) does.
fn event_source(event: Event) -> &'static str {
    match event {
        Event::Switchover(..) => sources::DAG_ACTIVE_MANAGER,
        Event::Reseed(_) => sources::DAG_COPY_CMDLETS,
        Event::ShutDownServer(_) => sources::DYNAMIC_QUORUM,
        Event::DatacenterSwitchover { .. } | Event::StartDag(_) => sources::DAG_DAC,
        Event::SwitchNamespace(_) | Event::FailVip(_) | Event::RestoreVip(_) => sources::DAG_NAMESPACE,
        _ => sources::SCRIPTED,
    }
}

/// The subject and change of a script event, and whether an administrator does it.
fn what_happens(dag: &Design, event: Event) -> (String, String, bool) {
    let server = |s| dag.server_name(s).to_string();
    let site = |s| format!("site {}", dag.site_name(s));
    let (subject, change) = match event {
        Event::FailServer(s) => (server(s), "fails"),
        Event::RestoreServer(s) => (server(s), "comes back"),
        Event::ShutDownServer(s) => (server(s), "shut down (the cluster moves its vote first)"),
        Event::FailSite(s) => (site(s), "fails"),
        Event::RestoreSite(s) => (site(s), "comes back"),
        Event::FailWan(a, b) => (format!("WAN {}-{}", dag.site_name(a), dag.site_name(b)), "fails"),
        Event::RestoreWan(a, b) => (format!("WAN {}-{}", dag.site_name(a), dag.site_name(b)), "comes back"),
        Event::FailSiteWan(s) => (format!("every WAN link of {}", dag.site_name(s)), "fails"),
        Event::RestoreSiteWan(s) => (format!("every WAN link of {}", dag.site_name(s)), "comes back"),
        Event::FailWitness => (format!("witness {}", dag.scenario.witness.server), "fails"),
        Event::RestoreWitness => (format!("witness {}", dag.scenario.witness.server), "comes back"),
        Event::FailCopy(c) => (dag.copy_path(c), "fails"),
        Event::RestoreCopy(c) => (dag.copy_path(c), "is reseeded"),
        Event::MoveToSite(s) => {
            (site(s), "an administrator moves every active database here (Move-ActiveMailboxDatabase, one at a time)")
        }
        Event::Redistribute => (
            dag.scenario.dag_name.clone(),
            "RedistributeActiveDatabases.ps1: each database back to its preference-1 copy",
        ),
        Event::StartMaintenance(s) => {
            (dag.server_name(s).to_string(), "an administrator starts its maintenance (StartDagServerMaintenance.ps1)")
        }
        Event::EndMaintenance(s) => {
            (dag.server_name(s).to_string(), "an administrator ends its maintenance (StopDagServerMaintenance.ps1)")
        }
        Event::SuspendCopy(c) => (dag.copy_path(c), "is suspended by an administrator (Suspend-MailboxDatabaseCopy)"),
        Event::ResumeCopy(c) => (dag.copy_path(c), "is resumed (Resume-MailboxDatabaseCopy)"),
        Event::Reseed(c) => (dag.copy_path(c), "an administrator reseeds it (Update-MailboxDatabaseCopy)"),
        Event::Switchover(c, _) => {
            (dag.database_name(c.database).to_string(), "switchover requested (Move-ActiveMailboxDatabase)")
        }
        Event::DatacenterSwitchover { site: s, primary_witness: false } => {
            (site(s), "datacenter switchover (Stop-DatabaseAvailabilityGroup, Restore-DatabaseAvailabilityGroup)")
        }
        Event::DatacenterSwitchover { site: s, primary_witness: true } => (
            site(s),
            "datacenter switchover (Stop-DatabaseAvailabilityGroup, Restore-DatabaseAvailabilityGroup -UsePrimaryWitnessServer)",
        ),
        Event::StartDag(s) => (site(s), "Start-DatabaseAvailabilityGroup"),
        Event::FailVip(v) => (format!("address {}", dag.vip_name(v)), "stops answering"),
        Event::RestoreVip(v) => (format!("address {}", dag.vip_name(v)), "answers again"),
        Event::SwitchNamespace(v) => {
            let namespace = dag.scenario.namespace.as_ref().map_or_else(String::new, |n| n.name.clone());
            return (namespace, format!("namespace switchover: DNS now points at {}", dag.vip_name(v)), true);
        }
    };
    (subject, change.to_string(), event.is_administrative())
}

impl crate::fork::Service for Timeline {
    const SERVES: (&'static str, &'static str) = ("database", "databases");

    /// A database serves while it is mounted.
    fn serving(outcome: &Outcome) -> Vec<(String, bool)> {
        outcome.databases.iter().map(|d| (d.name.clone(), d.state == report::MountState::Mounted)).collect()
    }

    fn event_ms(&self, index: usize) -> u64 {
        crate::timeline::event_ms(self.events.iter().map(|e| e.at), index)
    }

    fn cause(entry: &Entry) -> Option<usize> {
        Some(entry.event)
    }

    /// At the end: a database whose mount lost logs (its active copy gone before they were copied: lost
    /// unless Safety Net delivers the mail again), and a mounted database no other copy could take over now
    /// (one more failure and it is down, or lost with its disk).
    fn at_risk(&self, _design: &Design) -> Vec<crate::fork::AtRisk> {
        let mut risks = Vec::new();
        for database in &self.outcome.databases {
            let Some(server) = database.server.as_deref() else { continue };
            if database.lost_logs > 0 {
                risks.push(crate::fork::AtRisk {
                    subject: database.name.clone(),
                    why: format!(
                        "mounted on {server} without {}: lost unless Safety Net delivers the mail again",
                        crate::words::count(database.lost_logs as usize, "log", "logs")
                    ),
                });
            } else if let Some(next) = database.next.as_ref().filter(|next| next.server.is_none()) {
                risks.push(crate::fork::AtRisk {
                    subject: database.name.clone(),
                    why: format!("mounted on {server} with no copy that could take it over: {}", next.reason),
                });
            }
        }
        risks
    }
}
