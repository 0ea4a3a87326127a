//! Unfolding one settled step into what an observer sees, in time: the entries people read (the failure, the
//! cluster noticing, quorum decided and recounted, each database dismounted, chosen, mounted and reached
//! again, clients following an address) and the changes [`super::Timeline::at`] folds, each at the time of
//! the entry that tells it.

use super::super::clients::ClientsReport as Clients;
use super::super::model::DagTiming;
use super::super::report::{DatabaseReport, MountState, Outcome, ServerState};
use super::Entry;
use super::moment::{Change, Changed, without_databases};
use crate::sources;

/// The parts of a database's way through a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Wave {
    Dismounted,
    Chosen,
    Mounted,
    Reconnected,
    SplitBrain,
}

/// Marks the first and last database of each wave key: the same part of the same step at the same time.
pub(super) fn mark_waves(entries: &mut [Entry]) {
    let mut start = 0;
    while start < entries.len() {
        let t = entries[start].t_ms;
        let end = start + entries[start..].iter().take_while(|e| e.t_ms == t).count();
        // Per wave at this time, its first and last entry.
        let mut waves: std::collections::BTreeMap<(usize, Wave), (usize, usize)> = Default::default();
        for (i, entry) in entries.iter().enumerate().take(end).skip(start) {
            if let Some(wave) = entry.wave {
                waves.entry((entry.event, wave)).and_modify(|(_, last)| *last = i).or_insert((i, i));
            }
        }
        for (first, last) in waves.into_values() {
            entries[first].key = true;
            entries[last].key = true;
        }
        start = end;
    }
}

/// The entries and changes being unfolded, step by step.
pub(super) struct Unfolding {
    pub(super) timing: DagTiming,
    pub(super) entries: Vec<Entry>,
    pub(super) changes: Vec<Change>,
    /// The step being unfolded: its place in the script, the DAG's own happenings counted too.
    pub(super) order: usize,
    /// When the cluster noticed the step before: it notices steps in order, so an administrator's action
    /// during a failure's missed heartbeats takes effect once that failure is noticed.
    pub(super) noticed: u64,
    /// Per database, when the last change shown for it lands: a step that moves nothing shows its copies'
    /// new states no earlier, so it cannot reveal a move still unfolding from the step before.
    pub(super) landed: Vec<u64>,
}

/// The subject of the entry saying when clients of a failed address reach the next one.
const CLIENTS_OF: &str = "clients of ";

/// How the cluster learns of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Learnt {
    /// A failure: after missed heartbeats (`timing.detection_ms`).
    Heartbeats,
    /// A member shut down on purpose: at once; its databases go through best copy selection.
    Leaving,
    /// An administrator's action, or what the DAG does by itself, that names what moves: at once, with no
    /// selection.
    ByHand,
}

impl Unfolding {
    fn entry(
        &mut self,
        t_ms: u64,
        event: usize,
        subject: String,
        change: String,
        reason: String,
        source: &'static str,
    ) {
        self.entries.push(Entry { t_ms, event, subject, change, reason, source, key: false, wave: None });
    }

    fn change(&mut self, t_ms: u64, what: Changed) {
        if let Changed::Database(index, _) = &what {
            self.landed[*index] = self.landed[*index].max(t_ms);
        }
        self.changes.push(Change { t_ms, order: self.order, what });
    }

    /// The entries and changes one settled step brings, from what differs between the reports before and
    /// after it.
    pub(super) fn settled(&mut self, at: u64, event: usize, learnt: Learnt, before: &Outcome, after: &Outcome) {
        self.order += 1;
        let timing = self.timing;
        // What an administrator does needs no detecting, nor a selection when the copy is named.
        let by_hand = learnt == Learnt::ByHand;
        let noticed = if learnt == Learnt::Heartbeats { at + timing.detection_ms } else { at }.max(self.noticed);
        self.noticed = noticed;
        let whole = Box::new(without_databases(after));
        self.change(at, Changed::World(whole.clone()));
        self.change(noticed, Changed::Cluster(whole));
        for (old, new) in before.servers.iter().zip(&after.servers) {
            if old.state != new.state {
                let why = match new.state {
                    ServerState::Down if learnt == Learnt::Leaving => "shut down: it leaves the cluster",
                    ServerState::Down => "missed heartbeats: the cluster removes it",
                    ServerState::CutOff => "it cannot reach the members that hold quorum",
                    ServerState::Stopped => "on the stopped list (Stop-DatabaseAvailabilityGroup)",
                    ServerState::Up | ServerState::Unnoticed => "it joins the members that hold quorum",
                };
                let change = new.state.word().to_string();
                self.entry(noticed, event, new.name.clone(), change, why.to_string(), sources::DAG_QUORUM);
            }
        }
        self.quorum(noticed, event, before, after);
        if before.witness.vote_note != after.witness.vote_note {
            let reason = format!(
                "the witness in use is {} ({})",
                after.witness.in_use,
                if after.witness.up { "up" } else { "down" }
            );
            let subject = format!("witness {}", after.witness.server);
            let note = after.witness.vote_note.clone();
            self.entry(noticed, event, subject, note, reason, sources::DYNAMIC_QUORUM);
        }
        match (&before.quorum.stale, &after.quorum.stale) {
            (old, Some(stale))
                if old.as_ref().map(|o| (&o.members, o.votes)) != Some((&stale.members, stale.votes)) =>
            {
                let change = format!(
                    "quorum in their own eyes: {} of {} votes they last knew, {} needed",
                    stale.votes, stale.total, stale.needed
                );
                self.entry(noticed, event, stale.members.join(", "), change, stale.reason.clone(), stale.source);
                self.entries.last_mut().expect("just pushed").key = true;
            }
            (Some(old), None) => {
                let change = "no longer believe they hold quorum".to_string();
                let reason = "they reach the running DAG and find themselves stopped".to_string();
                self.entry(noticed, event, old.members.join(", "), change, reason, sources::DAG_DAC);
                self.entries.last_mut().expect("just pushed").key = true;
            }
            _ => {}
        }
        for (index, (old, new)) in before.databases.iter().zip(&after.databases).enumerate() {
            if (old.state, &old.server) != (new.state, &new.server) {
                self.database(index, noticed, by_hand, event, old, new);
            } else if old != new {
                // Nothing moves, but something about it changed (a copy's state, split brain): it shows when
                // the cluster notices, a split brain when the stopped members have mounted.
                let t = if old.split_brain != new.split_brain { noticed + timing.mount_ms } else { noticed };
                // A move from a step before still unfolding (a switchover, a mount after a slot freed up):
                // until it lands the database runs nowhere, then it stands as this step leaves it.
                let landing = self.landed[index];
                if landing > t && new.state == MountState::Mounted {
                    let moving = DatabaseReport {
                        state: MountState::FailingOver,
                        server: None,
                        reason: format!("moving: {}", new.reason),
                        split_brain: None,
                        next: None,
                        ..new.clone()
                    };
                    self.change(t, Changed::Database(index, Box::new(moving)));
                }
                let t = t.max(landing);
                if let Some(also) = new.split_brain.as_ref().filter(|_| old.split_brain != new.split_brain) {
                    let reason = "mounted a second time by stopped members holding quorum in their own eyes: split \
                                  brain, which DAC mode prevents"
                        .to_string();
                    self.entry(t, event, new.name.clone(), format!("also mounted on {also}"), reason, sources::DAG_DAC);
                    self.entries.last_mut().expect("just pushed").wave = Some(Wave::SplitBrain);
                }
                self.change(t, Changed::Database(index, Box::new(new.clone())));
            }
        }
        if before.clients != after.clients
            && let Some(new) = &after.clients
        {
            self.clients(at, event, before.clients.as_ref(), new);
        }
    }

    /// Quorum decided when the cluster notices: the test that decides (the votes there were before), then,
    /// under dynamic quorum, the survivors' votes becoming the whole.
    fn quorum(&mut self, noticed: u64, event: usize, before: &Outcome, after: &Outcome) {
        let (q0, q1) = (&before.quorum, &after.quorum);
        // Told when quorum or the votes changed, or when the test counted a vote short (a member gone, the
        // recount then putting the total back where it was).
        let short = q1.test.votes < q1.test.total;
        if (q0.held, q0.votes, q0.total, q0.needed) == (q1.held, q1.votes, q1.total, q1.needed) && !short {
            return;
        }
        let test = &q1.test;
        let mut voters = test.members.clone();
        if test.witness {
            voters.push("the witness".into());
        }
        let (change, reason) = match q1.held {
            true => (
                format!("held: {} of {} votes, {} needed", test.votes, test.total, test.needed),
                format!(
                    "{} {} {} of the {} votes there were before the change: more than half",
                    crate::words::list(&voters),
                    if voters.len() == 1 { "holds" } else { "hold" },
                    test.votes,
                    test.total
                ),
            ),
            false => (
                format!("lost: {} of {} votes, {} needed", test.votes, test.total, test.needed),
                format!(
                    "no partition has more than half of the {} votes there were before the change (the strongest \
                     has {}): every database is dismounted",
                    test.total, test.votes
                ),
            ),
        };
        // The test is the quorum rule itself; the recount after it is dynamic quorum's.
        self.entry(noticed, event, "quorum".into(), change, reason, sources::DAG_QUORUM);
        self.entries.last_mut().expect("just pushed").key = true;
        if q1.held && (q1.votes, q1.total) != (test.votes, test.total) {
            let change = format!("recounted: {} of {} votes, {} needed from now on", q1.votes, q1.total, q1.needed);
            self.entry(noticed, event, "quorum".into(), change, q1.reason.clone(), q1.source);
            self.entries.last_mut().expect("just pushed").key = true;
        }
    }

    /// A database's way from its state before a step to its state after: dismounted (or failing over) when
    /// the cluster notices, then the selection, the mount and the clients; each with the change it brings.
    fn database(
        &mut self,
        index: usize,
        noticed: u64,
        by_hand: bool,
        event: usize,
        old: &DatabaseReport,
        new: &DatabaseReport,
    ) {
        let timing = self.timing;
        let name = &new.name;
        // The database as it stands between the failure and the mount: mounted nowhere.
        let failing_over = |change: &str, reason: &str| DatabaseReport {
            state: MountState::FailingOver,
            server: None,
            reason: format!("{change}: {reason}"),
            split_brain: None,
            next: None,
            ..new.clone()
        };
        let step = |unfolding: &mut Self,
                    t: u64,
                    wave: Wave,
                    change: String,
                    reason: String,
                    source: &'static str,
                    shown: Option<DatabaseReport>| {
            unfolding.entry(t, event, name.clone(), change, reason, source);
            unfolding.entries.last_mut().expect("just pushed").wave = Some(wave);
            if let Some(shown) = shown {
                unfolding.change(t, Changed::Database(index, Box::new(shown)));
            }
        };
        if let (MountState::Mounted, Some(from)) = (old.state, &old.server) {
            let why = match new.state {
                MountState::Mounted => format!("its copy on {from} can no longer run"),
                _ => new.reason.clone(),
            };
            let change = format!("dismounted on {from}");
            if new.state != MountState::Mounted {
                step(self, noticed, Wave::Dismounted, change, why, new.source, Some(new.clone()));
            } else if !by_hand {
                let shown = failing_over(&change, &why);
                step(self, noticed, Wave::Dismounted, change, why, new.source, Some(shown));
            }
        } else if new.state == MountState::Dismounted {
            let change = "dismounted".to_string();
            step(self, noticed, Wave::Dismounted, change, new.reason.clone(), new.source, Some(new.clone()));
        }
        if let (MountState::Mounted, Some(to)) = (new.state, &new.server) {
            let chosen = if by_hand { noticed } else { noticed + timing.selection_ms };
            if !by_hand {
                let change = format!("best copy selection chooses {to}");
                let shown = failing_over(&change, &new.reason);
                step(self, chosen, Wave::Chosen, change, new.reason.clone(), new.source, Some(shown));
            }
            let mounted = chosen + timing.mount_ms;
            let change = format!("mounted on {to}");
            step(self, mounted, Wave::Mounted, change, new.reason.clone(), new.source, Some(new.clone()));
            let reason = "a client tries the next address about 20 s after one fails".to_string();
            let change = format!("clients reconnected to {to}");
            let t = mounted + timing.reconnect_ms;
            step(self, t, Wave::Reconnected, change, reason, sources::DAG_CLIENT_RECONNECT, None);
        }
    }

    /// What clients of the namespace meet after a step: an address failing sends its clients to the next after
    /// about 21 s (Exchange 2013 and later); with no address left, or none in DNS (Exchange 2010), they are
    /// cut off; after a namespace switchover (Exchange 2010) they come as their DNS and browser caches expire.
    fn clients(&mut self, at: u64, event: usize, old: Option<&Clients>, new: &Clients) {
        let timing = self.timing;
        let say = |unfolding: &mut Self, t_ms: u64, subject: String, change: String, reason: String| {
            unfolding.entry(t_ms, event, subject, change, reason, sources::DAG_NAMESPACE);
            unfolding.entries.last_mut().expect("just pushed").key = true;
        };
        let Some(old) = old else {
            self.change(at, Changed::Clients(Box::new(new.clone())));
            return;
        };
        if new.through.is_empty() {
            if !old.through.is_empty() {
                say(self, at, new.namespace.clone(), "clients cut off".into(), new.reason.clone());
            }
            self.change(at, Changed::Clients(Box::new(new.clone())));
            return;
        }
        let moved: Vec<String> = old
            .vips
            .iter()
            .zip(&new.vips)
            .filter(|(o, n)| old.through.contains(&o.name) && !new.through.contains(&n.name) && o.in_dns == n.in_dns)
            .map(|(vip, _)| vip.name.clone())
            .collect();
        if moved.is_empty() {
            self.change(at, Changed::Clients(Box::new(new.clone())));
        } else {
            // Until they give up on it, the failed address's clients still wait on it.
            let waiting = Clients {
                served: false,
                reason: format!(
                    "clients of {} still wait on the failed address: about 21 s after it failed they try the next",
                    moved.join(", ")
                ),
                waiting: moved.clone(),
                ..new.clone()
            };
            self.change(at, Changed::Clients(Box::new(waiting)));
            let reconnected = at + timing.reconnect_ms + 1_000;
            for vip in &moved {
                say(
                    self,
                    reconnected,
                    format!("{CLIENTS_OF}{vip}"),
                    format!("reconnected through {}", new.through.join(", ")),
                    "a client waits about 20 s on an address that fails hard, then tries the next one: about 21 s, \
                     with no DNS change"
                        .into(),
                );
            }
            self.change(reconnected, Changed::Clients(Box::new(new.clone())));
        }
        let switched = old.vips.iter().zip(&new.vips).find(|(o, n)| !o.in_dns && n.in_dns);
        if let Some((_, vip)) = switched {
            let ttl_ms = u64::from(new.ttl_seconds) * 1_000;
            say(
                self,
                at + ttl_ms,
                new.namespace.clone(),
                format!("clients whose DNS cache expired reach {}", vip.name),
                format!("the DNS record's time to live is {} s", new.ttl_seconds),
            );
            say(
                self,
                at + ttl_ms.max(BROWSER_NAME_CACHE_MS),
                new.namespace.clone(),
                format!("browsers' name caches expired: every client reaches {}", vip.name),
                "browsers keep names about 30 minutes or more, whatever the TTL".into(),
            );
        }
    }
}

/// How long browsers keep a name: "about 30 minutes or more"; clusterplan takes 30 minutes.
const BROWSER_NAME_CACHE_MS: u64 = 30 * 60 * 1_000;
