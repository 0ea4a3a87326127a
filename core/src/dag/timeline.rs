//! The DAG timeline: a failure script played on the virtual clock, second by second.
//!
//! The engine settles each step ([`super::event::steps`]: events at the same time together); this module
//! unfolds what changed into what an administrator watching the DAG would see, with times from the design's
//! [`DagTiming`]: the failure, the cluster noticing it (missed heartbeats: members down or cut off, quorum
//! and votes recounted), Active Manager's best copy selection, the mount, and clients reconnecting. The
//! entries come from comparing the reports before and after each step, so `final` is exactly what a plain
//! `simulate` of the same script reports. [`Timeline::at`] is the DAG as an observer sees it at any time.

use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use super::clients::ClientsReport as Clients;
use super::clock::{Clock, Happening};
use super::design::Design;
use super::engine::Simulation;
use super::event::{Event, TimedEvent, steps};
use super::model::DagTiming;
use super::report::{self, CopyState, DatabaseReport, MountState, Outcome};
use crate::sources;
use crate::timeline::Played;

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
    /// For database steps: the database's state after it, and its server.
    #[serde(skip)]
    pub database: Option<(MountState, Option<String>)>,
}

crate::timeline::step!(Entry);

/// A DAG failure script unfolded, and the outcome it ends in (equal to `simulate`'s).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Timeline {
    pub timeline: Vec<Entry>,
    #[serde(rename = "final")]
    pub outcome: Outcome,
    /// The script it played: what [`Timeline::at`] replays.
    #[serde(skip)]
    pub events: Vec<TimedEvent>,
    /// Each database in the healthy DAG: where [`Timeline::at`] shows it until a step reaches it.
    #[serde(skip)]
    pub healthy: Vec<DatabaseReport>,
}

impl Played for Timeline {
    type Design = Design;
    type Outcome = Outcome;
    type Entry = Entry;

    fn steps(&self) -> &[Entry] {
        &self.timeline
    }

    /// The DAG as an observer sees it at `time_ms`: servers, sites, links, the witness and quorum as the
    /// script has left them by then; each database where its last step up to then put it — still where it
    /// was until the cluster notices, `failing-over` (mounted nowhere) from then until the mount; when a
    /// later step reaches a database while an earlier one still unfolds, the later step wins.
    fn at(&self, dag: &Design, time_ms: u64) -> Outcome {
        let decided: Vec<TimedEvent> = self.events.iter().copied().filter(|e| e.at.unwrap_or(0) <= time_ms).collect();
        let mut outcome = report::simulate_timed(dag, &decided);
        let steps = || self.timeline.iter().take_while(|e| e.t_ms <= time_ms);
        for (database, before) in outcome.databases.iter_mut().zip(&self.healthy) {
            // A later step's entries win over an earlier step's still unfolding (clients reconnecting).
            let last = steps()
                .filter(|e| e.subject == database.name && e.database.is_some())
                .max_by_key(|e| (e.event, e.t_ms));
            match last {
                Some(Entry { database: Some((state, server)), change, reason, .. }) => {
                    if *state == MountState::FailingOver {
                        database.reason = format!("{change}: {reason}");
                    }
                    database.state = *state;
                    database.server = server.clone();
                }
                _ => {
                    database.state = before.state;
                    database.server.clone_from(&before.server);
                    database.reason.clone_from(&before.reason);
                    database.criterion.clone_from(&before.criterion);
                    database.source = before.source;
                }
            }
            // A copy is mounted where its database is mounted now.
            for copy in &mut database.copies {
                let here = database.state == MountState::Mounted && database.server.as_ref() == Some(&copy.server);
                if here {
                    copy.state = CopyState::Mounted;
                } else if copy.state == CopyState::Mounted {
                    copy.state = CopyState::Passive;
                }
            }
        }
        // Clients of an address that failed less than about 21 s ago still wait on it.
        if let Some(clients) = &mut outcome.clients {
            // The script is in time order: the events decided by now are its first `decided.len()`.
            for entry in self.timeline.iter().filter(|e| e.event < decided.len() && e.t_ms > time_ms) {
                if let Some(vip) = entry.subject.strip_prefix(CLIENTS_OF) {
                    clients.waiting.push(vip.to_string());
                    clients.served = false;
                }
            }
            if !clients.waiting.is_empty() {
                clients.reason = format!(
                    "clients of {} still wait on the failed address: about 21 s after it failed they try the next",
                    clients.waiting.join(", ")
                );
            }
        }
        outcome.mounted = outcome.databases.iter().filter(|d| d.state == MountState::Mounted).count();
        outcome.dismounted = outcome.databases.len() - outcome.mounted;
        outcome
    }
}

/// Plays a script on the healthy DAG.
pub fn play(dag: &Design, events: &[TimedEvent]) -> Timeline {
    let timing = dag.scenario.timing;
    let mut simulation = Simulation::new(dag);
    let mut before = report::outcome(dag, simulation.state(), Vec::new());
    let healthy = before.databases.clone();
    let mut reports = Vec::with_capacity(events.len());
    let mut entries = Vec::new();
    let all = steps(events);
    let mut clock = Clock::new(dag, events);
    for (index, step) in all.iter().enumerate() {
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
                database: None,
            });
        }
        reports.extend(step_reports);
        let after = report::outcome(dag, simulation.state(), Vec::new());
        let by_hand = events[step.events.clone()].iter().all(|e| e.event.is_administrative());
        unfold(&mut entries, &timing, step.at, first, by_hand, &before, &after);
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
            };
            entries.push(Entry { t_ms: t, event: last, subject, change, reason, source, database: None });
            let after = report::outcome(dag, simulation.state(), Vec::new());
            unfold(&mut entries, &timing, t, last, true, &before, &after);
            before = after;
        }
    }
    crate::order::sort_by_key(&mut entries, |e| e.t_ms);
    let outcome = report::outcome(dag, simulation.state(), reports);
    Timeline { timeline: entries, outcome, events: events.to_vec(), healthy }
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
        entries.push(Entry { t_ms, event, subject, change, reason, source, database: None });
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
    match (&before.quorum.stale, &after.quorum.stale) {
        (old, Some(stale)) if old.as_ref().map(|o| (&o.members, o.votes)) != Some((&stale.members, stale.votes)) => {
            let change = format!(
                "quorum in their own eyes: {} of {} votes they last knew, {} needed",
                stale.votes, stale.total, stale.needed
            );
            push(noticed, stale.members.join(", "), change, stale.reason.clone(), stale.source);
        }
        (Some(old), None) => {
            let change = "no longer believe they hold quorum".to_string();
            let reason = "they reach the running DAG and find themselves stopped".to_string();
            push(noticed, old.members.join(", "), change, reason, sources::DAG_DAC);
        }
        _ => {}
    }
    for (old, new) in before.databases.iter().zip(&after.databases) {
        if old.split_brain != new.split_brain
            && let Some(also) = &new.split_brain
        {
            let reason = "mounted a second time by stopped members holding quorum in their own eyes: split brain, \
                          which DAC mode prevents"
                .to_string();
            push(
                noticed + timing.mount_ms,
                new.name.clone(),
                format!("also mounted on {also}"),
                reason,
                sources::DAG_DAC,
            );
        }
    }
    for (old, new) in before.databases.iter().zip(&after.databases) {
        if (old.state, &old.server) == (new.state, &new.server) {
            continue;
        }
        database_steps(entries, timing, noticed, by_hand, event, old, new);
    }
    if let (Some(old), Some(new)) = (&before.clients, &after.clients) {
        client_steps(entries, timing, at, event, old, new);
    }
}

/// The subject of the entry saying when clients of a failed address reach the next one.
const CLIENTS_OF: &str = "clients of ";

/// What clients of the namespace meet after a step: an address failing sends its clients to the next after
/// about 21 s (Exchange 2013 and later); with no address left, or none in DNS (Exchange 2010), they are cut
/// off; after a namespace switchover (Exchange 2010) they come as their DNS and browser caches expire.
fn client_steps(entries: &mut Vec<Entry>, timing: &DagTiming, at: u64, event: usize, old: &Clients, new: &Clients) {
    let mut push = |t_ms: u64, subject: String, change: String, reason: String| {
        let source = sources::DAG_NAMESPACE;
        entries.push(Entry { t_ms, event, subject, change, reason, source, database: None });
    };
    if new.through.is_empty() {
        if !old.through.is_empty() {
            push(at, new.namespace.clone(), "clients cut off".into(), new.reason.clone());
        }
        return;
    }
    let moved = old
        .vips
        .iter()
        .zip(&new.vips)
        .filter(|(o, n)| old.through.contains(&o.name) && !new.through.contains(&n.name) && o.in_dns == n.in_dns);
    for (vip, _) in moved {
        push(
            at + timing.reconnect_ms + 1_000,
            format!("{CLIENTS_OF}{}", vip.name),
            format!("reconnected through {}", new.through.join(", ")),
            "a client waits about 20 s on an address that fails hard, then tries the next one: about 21 s, with \
             no DNS change"
                .into(),
        );
    }
    let switched = old.vips.iter().zip(&new.vips).find(|(o, n)| !o.in_dns && n.in_dns);
    if let Some((_, vip)) = switched {
        let ttl_ms = u64::from(new.ttl_seconds) * 1_000;
        push(
            at + ttl_ms,
            new.namespace.clone(),
            format!("clients whose DNS cache expired reach {}", vip.name),
            format!("the DNS record's time to live is {} s", new.ttl_seconds),
        );
        push(
            at + ttl_ms.max(BROWSER_NAME_CACHE_MS),
            new.namespace.clone(),
            format!("browsers' name caches expired: every client reaches {}", vip.name),
            "browsers keep names about 30 minutes or more, whatever the TTL".into(),
        );
    }
}

/// How long browsers keep a name: "about 30 minutes or more"; clusterplan takes 30 minutes.
const BROWSER_NAME_CACHE_MS: u64 = 30 * 60 * 1_000;

/// A database's way from its state before a step to its state after: dismounted (or failing over) when the
/// cluster notices, then the selection, the mount and the clients. Each step records the state it leaves.
fn database_steps(
    entries: &mut Vec<Entry>,
    timing: &DagTiming,
    noticed: u64,
    by_hand: bool,
    event: usize,
    old: &DatabaseReport,
    new: &DatabaseReport,
) {
    let name = &new.name;
    let mut push = |t_ms: u64, change: String, reason: String, source: &'static str, state: MountState| {
        let server = new.server.clone().filter(|_| state == MountState::Mounted);
        let database = Some((state, server));
        entries.push(Entry { t_ms, event, subject: name.clone(), change, reason, source, database });
    };
    let moving = if new.state == MountState::Mounted { MountState::FailingOver } else { MountState::Dismounted };
    if let (MountState::Mounted, Some(from)) = (old.state, &old.server) {
        let why = match new.state {
            MountState::Mounted => format!("its copy on {from} can no longer run"),
            _ => new.reason.clone(),
        };
        let change = format!("dismounted on {from}");
        if new.state != MountState::Mounted || !by_hand {
            push(noticed, change, why, new.source, moving);
        }
    } else if new.state == MountState::Dismounted {
        push(noticed, "dismounted".into(), new.reason.clone(), new.source, MountState::Dismounted);
    }
    if let (MountState::Mounted, Some(to)) = (new.state, &new.server) {
        let chosen = if by_hand { noticed } else { noticed + timing.selection_ms };
        if !by_hand {
            let change = format!("best copy selection chooses {to}");
            push(chosen, change, new.reason.clone(), new.source, MountState::FailingOver);
        }
        let mounted = chosen + timing.mount_ms;
        push(mounted, format!("mounted on {to}"), new.reason.clone(), new.source, MountState::Mounted);
        push(
            mounted + timing.reconnect_ms,
            format!("clients reconnected to {to}"),
            "a client tries the next address about 20 s after one fails".into(),
            sources::DAG_CLIENT_RECONNECT,
            MountState::Mounted,
        );
    }
}
