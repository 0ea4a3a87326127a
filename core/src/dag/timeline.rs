//! The DAG timeline: a failure script played on the virtual clock, second by second.
//!
//! The engine settles each step ([`super::event::steps`]: events at the same time together); this module
//! unfolds what changed into what an administrator watching the DAG would see, with times from the design's
//! [`DagTiming`]: the failure, the cluster noticing it (missed heartbeats: members down or cut off, quorum
//! and votes recounted), Active Manager's best copy selection, the mount, and clients reconnecting. The
//! entries come from comparing the reports before and after each step, so `final` is exactly what a plain
//! `simulate` of the same script reports.

use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use super::design::Design;
use super::engine::Simulation;
use super::event::{Event, TimedEvent, steps};
use super::model::DagTiming;
use super::report::{self, DatabaseReport, MountState, Outcome};
use crate::sources;

fn seconds<S: Serializer>(ms: &u64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(*ms as f64 / 1000.0)
}

/// One step of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Entry {
    /// When, in ms on the virtual clock (seconds in JSON, as `t`).
    #[serde(rename = "t", serialize_with = "seconds")]
    #[schemars(with = "f64")]
    pub t_ms: u64,
    /// The script event (its index) this step follows from.
    pub event: usize,
    /// What changes: a server, a site, `WAN dc1-dc2`, the witness, `quorum`, a database.
    pub subject: String,
    pub change: String,
    pub reason: String,
    pub source: &'static str,
}

/// A DAG failure script unfolded, and the outcome it ends in (equal to `simulate`'s).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Timeline {
    pub timeline: Vec<Entry>,
    #[serde(rename = "final")]
    pub outcome: Outcome,
}

/// Plays a script on the healthy DAG.
pub fn play(dag: &Design, events: &[TimedEvent]) -> Timeline {
    let timing = dag.scenario.timing;
    let mut simulation = Simulation::new(dag);
    let mut before = report::outcome(dag, simulation.state(), Vec::new());
    let mut reports = Vec::with_capacity(events.len());
    let mut entries = Vec::new();
    for step in steps(events) {
        let first = step.events.start;
        let step_reports = report::apply_step(dag, &mut simulation, &events[step.events.clone()]);
        for (offset, (timed, applied)) in events[step.events.clone()].iter().zip(&step_reports).enumerate() {
            let (subject, change, by_hand) = what_happens(dag, timed.event);
            let reason = match &applied.refused {
                Some(why) => format!("refused: {why}"),
                None if by_hand => "an administrator runs it".to_string(),
                None => "the failure script says so".to_string(),
            };
            entries.push(Entry {
                t_ms: step.at,
                event: first + offset,
                subject,
                change,
                reason,
                source: sources::DAG_ACTIVE_MANAGER,
            });
        }
        reports.extend(step_reports);
        let after = report::outcome(dag, simulation.state(), Vec::new());
        let by_hand = events[step.events.clone()].iter().all(|e| e.event.is_administrative());
        unfold(&mut entries, &timing, step.at, first, by_hand, &before, &after);
        before = after;
    }
    entries.sort_by_key(|e| e.t_ms);
    Timeline { timeline: entries, outcome: report::outcome(dag, simulation.state(), reports) }
}

/// The subject and change of a script event, and whether an administrator does it.
fn what_happens(dag: &Design, event: Event) -> (String, String, bool) {
    let server = |s| dag.server_name(s).to_string();
    let site = |s| format!("site {}", dag.site_name(s));
    let (subject, change) = match event {
        Event::FailServer(s) => (server(s), "fails"),
        Event::RestoreServer(s) => (server(s), "comes back"),
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
        Event::Switchover(c) => {
            (dag.database_name(c.database).to_string(), "switchover requested (Move-ActiveMailboxDatabase)")
        }
        Event::DatacenterSwitchover(s) => {
            (site(s), "datacenter switchover (Stop-DatabaseAvailabilityGroup, Restore-DatabaseAvailabilityGroup)")
        }
        Event::StartDag(s) => (site(s), "Start-DatabaseAvailabilityGroup"),
    };
    (subject, change.to_string(), event.is_administrative())
}

/// The entries one settled step brings, from what differs between the reports before and after it.
fn unfold(
    entries: &mut Vec<Entry>,
    timing: &DagTiming,
    at: u64,
    event: usize,
    by_hand: bool,
    before: &Outcome,
    after: &Outcome,
) {
    // What an administrator does needs no detecting, nor a selection when the copy is named.
    let noticed = if by_hand { at } else { at + timing.detection_ms };
    let mut push = |t_ms: u64, subject: String, change: String, reason: String, source: &'static str| {
        entries.push(Entry { t_ms, event, subject, change, reason, source });
    };
    for (old, new) in before.servers.iter().zip(&after.servers) {
        if old.state != new.state {
            let why = match new.state.word() {
                "down" => "missed heartbeats: the cluster removes it",
                "cut-off" => "it cannot reach the members that hold quorum",
                "stopped" => "on the stopped list (Stop-DatabaseAvailabilityGroup)",
                _ => "it joins the members that hold quorum",
            };
            push(noticed, new.name.clone(), new.state.word().to_string(), why.to_string(), sources::DAG_QUORUM);
        }
    }
    let (q0, q1) = (&before.quorum, &after.quorum);
    if (q0.held, q0.votes, q0.total, q0.needed) != (q1.held, q1.votes, q1.total, q1.needed) {
        let change = if q1.held {
            format!("held: {} of {} votes, {} needed", q1.votes, q1.total, q1.needed)
        } else {
            format!("lost: {} of {} votes, {} needed", q1.votes, q1.total, q1.needed)
        };
        push(noticed, "quorum".into(), change, q1.reason.clone(), q1.source);
    }
    if before.witness.vote_note != after.witness.vote_note {
        push(
            noticed,
            format!("witness {}", after.witness.server),
            after.witness.vote_note.clone(),
            format!(
                "the witness in use is {} ({})",
                after.witness.in_use,
                if after.witness.up { "up" } else { "down" }
            ),
            sources::DYNAMIC_QUORUM,
        );
    }
    for (old, new) in before.databases.iter().zip(&after.databases) {
        if (old.state, &old.server) == (new.state, &new.server) {
            continue;
        }
        database_steps(&mut push, timing, noticed, by_hand, old, new);
    }
}

/// A database's way from its state before a step to its state after: dismounted when the cluster notices,
/// then the selection, the mount and the clients.
fn database_steps(
    push: &mut impl FnMut(u64, String, String, String, &'static str),
    timing: &DagTiming,
    noticed: u64,
    by_hand: bool,
    old: &DatabaseReport,
    new: &DatabaseReport,
) {
    let name = &new.name;
    if let (MountState::Mounted, Some(from)) = (old.state, &old.server) {
        let why = match new.state {
            MountState::Dismounted => new.reason.clone(),
            MountState::Mounted => format!("its copy on {from} can no longer run"),
        };
        let change = format!("dismounted on {from}");
        if new.state == MountState::Dismounted || !by_hand {
            push(noticed, name.clone(), change, why, new.source);
        }
    } else if new.state == MountState::Dismounted {
        push(noticed, name.clone(), "dismounted".into(), new.reason.clone(), new.source);
    }
    if let (MountState::Mounted, Some(to)) = (new.state, &new.server) {
        let chosen = if by_hand { noticed } else { noticed + timing.selection_ms };
        if !by_hand {
            push(chosen, name.clone(), format!("best copy selection chooses {to}"), new.reason.clone(), new.source);
        }
        let mounted = chosen + timing.mount_ms;
        push(mounted, name.clone(), format!("mounted on {to}"), new.reason.clone(), new.source);
        push(
            mounted + timing.reconnect_ms,
            name.clone(),
            format!("clients reconnected to {to}"),
            "a client tries the next address about 20 s after one fails".into(),
            sources::DAG_CLIENT_RECONNECT,
        );
    }
}
