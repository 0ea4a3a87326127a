//! DAG results as data for people and programs: the outcome after events (quorum, partitions, servers,
//! each database's mounted copy or why none is, and which criterion chose it), with names instead of ids
//! and reasons in words, ready to serialise as the CLI's JSON and to render in the app.

use schemars::JsonSchema;
use serde::Serialize;

use super::clients::ClientsReport;
use super::design::{DatabaseId, Design, ServerId, VoteModel};
use super::engine::{DatabaseState, Dismount, Exclusion, Selection, Simulation, StaleQuorum, State, copy_exclusion};
use super::event::{Event, TimedEvent, steps};
use super::explain;
use crate::sources;
use crate::words::words;

words! {
    /// Which quorum model the member count gives.
    QuorumModel {
        /// An odd member count: the members alone vote.
        NodeMajority = "node-majority",
        /// An even member count: the witness breaks the tie.
        NodeAndFileShareMajority = "node-and-file-share-majority",
    }
}

words! {
    /// How votes behave as members come and go.
    VoteModelWord {
        /// Every member keeps its vote (Windows Server 2008 R2 and earlier, or DynamicQuorum = 0).
        Static = "static",
        /// Dynamic quorum (Windows Server 2012): votes follow membership.
        DynamicQuorum = "dynamic-quorum",
        /// Dynamic quorum and dynamic witness (Windows Server 2012 R2 and later).
        DynamicQuorumAndWitness = "dynamic-quorum-and-witness",
    }
}

words! {
    /// Which witness the DAG uses.
    WitnessInUse {
        Primary = "primary",
        /// After Restore-DatabaseAvailabilityGroup moved to the alternate witness.
        Alternate = "alternate",
    }
}

words! {
    /// A member server's state.
    ServerState {
        Up = "up",
        Down = "down",
        /// On the stopped list (Stop-DatabaseAvailabilityGroup).
        Stopped = "stopped",
        /// Up, but outside the partition that holds quorum.
        CutOff = "cut-off",
        /// Failed (or its site did), and the cluster has not noticed yet: it still counts as a member, with
        /// its vote and its databases, until the missed heartbeats are noticed. Only in a timeline's view at
        /// a time, never in a settled outcome.
        Unnoticed = "unnoticed",
    }
}

words! {
    /// Whether a database is mounted.
    MountState {
        Mounted = "mounted",
        Dismounted = "dismounted",
        /// Between the cluster noticing a failure and the mount of another copy: only in a timeline's view
        /// at a time, never in a settled outcome.
        FailingOver = "failing-over",
    }
}

words! {
    /// A copy's state: mounted, passive (could run), or why it cannot be activated.
    CopyState {
        Mounted = "mounted",
        Passive = "passive",
        ServerDown = "server-down",
        Stopped = "stopped",
        OutsideQuorum = "outside-quorum",
        CopyFailed = "copy-failed",
        Suspended = "suspended",
        Seeding = "seeding",
        Maintenance = "maintenance",
        CopyStatus = "copy-status",
        Dacp = "dacp",
        Blocked = "blocked",
        IntrasiteOnly = "intrasite-only",
        MaxActive = "max-active",
        MountDial = "mount-dial",
    }
}

impl CopyState {
    /// The state of a copy excluded for this reason (its code, for programs).
    pub fn of(exclusion: Exclusion) -> CopyState {
        match exclusion {
            Exclusion::ServerDown => CopyState::ServerDown,
            Exclusion::Stopped => CopyState::Stopped,
            Exclusion::OutsideQuorum => CopyState::OutsideQuorum,
            Exclusion::CopyFailed => CopyState::CopyFailed,
            Exclusion::Suspended => CopyState::Suspended,
            Exclusion::Seeding => CopyState::Seeding,
            Exclusion::Maintenance => CopyState::Maintenance,
            Exclusion::Status(_) => CopyState::CopyStatus,
            Exclusion::Dacp => CopyState::Dacp,
            Exclusion::Blocked => CopyState::Blocked,
            Exclusion::IntrasiteOnly => CopyState::IntrasiteOnly,
            Exclusion::MaxActive(_) => CopyState::MaxActive,
            Exclusion::MountDial { .. } => CopyState::MountDial,
        }
    }
}

/// The state of a DAG after a sequence of events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Outcome {
    pub quorum: QuorumReport,
    pub sites: Vec<SiteReport>,
    /// Every pair of sites' WAN link.
    pub wan: Vec<WanReport>,
    pub partitions: Vec<PartitionReport>,
    pub witness: WitnessReport,
    pub servers: Vec<ServerReport>,
    pub databases: Vec<DatabaseReport>,
    pub mounted: usize,
    pub dismounted: usize,
    pub events: Vec<EventReport>,
    /// Who reaches the mailboxes through the namespace, when the design has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clients: Option<ClientsReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct QuorumReport {
    pub held: bool,
    /// The votes of the partition holding quorum, or of the strongest partition when none does.
    pub votes: u32,
    pub needed: u32,
    /// Every vote there is now (under dynamic quorum, the votes of the last membership that held quorum).
    pub total: u32,
    /// `node-majority` (odd member count) or `node-and-file-share-majority` (even: the witness votes).
    pub model: QuorumModel,
    /// `static`, `dynamic-quorum` (Windows Server 2012) or `dynamic-quorum-and-witness` (2012 R2 and later).
    pub vote_model: VoteModelWord,
    /// The Windows Server version the members run.
    pub windows: String,
    pub reason: String,
    pub source: &'static str,
    /// Members stopped by a datacenter switchover that came back where the running DAG cannot reach them and,
    /// counting the votes they last knew, hold quorum in their own eyes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stale: Option<StaleQuorumReport>,
    /// The test that decided quorum at the last change, before dynamic quorum made the survivors' votes the
    /// whole: `votes` of `total`, `needed` to hold.
    pub test: QuorumTestReport,
}

/// The test that decided quorum: a partition's votes against a majority of every vote there was before the
/// change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct QuorumTestReport {
    pub votes: u32,
    pub total: u32,
    pub needed: u32,
    /// Which members (and whether the witness) gave those votes.
    pub members: Vec<String>,
    pub witness: bool,
}

/// Stopped members holding quorum under the configuration they last knew.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct StaleQuorumReport {
    pub sites: Vec<String>,
    pub members: Vec<String>,
    pub votes: u32,
    pub total: u32,
    pub needed: u32,
    /// Databases they mount a second time (split brain): none in DAC mode, where their DACP bit is 0.
    pub mounts: Vec<String>,
    pub reason: String,
    pub source: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SiteReport {
    pub name: String,
    pub up: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct WanReport {
    pub sites: [String; 2],
    pub up: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PartitionReport {
    pub sites: Vec<String>,
    pub members: Vec<String>,
    pub witness: bool,
    pub votes: u32,
    pub needed: u32,
    pub quorum: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct WitnessReport {
    pub server: String,
    pub site: String,
    pub up: bool,
    /// The witness server itself failed (an event), as opposed to its site.
    pub failed: bool,
    /// Whether the witness has a vote now (even member count; under dynamic witness, an even number of
    /// voting members too).
    pub votes: bool,
    /// Why it votes or not, in a few words (`votes`, `no vote: odd member count`, …).
    pub vote_note: String,
    /// `primary` or `alternate`.
    pub in_use: WitnessInUse,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ServerReport {
    pub name: String,
    pub site: String,
    /// `up`, `down`, `stopped` (Stop-DatabaseAvailabilityGroup) or `cut-off` (up, outside the quorum partition).
    pub state: ServerState,
    /// The server itself failed (an event), as opposed to its site.
    pub failed: bool,
    /// Whether it has a vote now (its DynamicWeight under dynamic quorum).
    pub vote: bool,
    /// The DACP bit, in DAC mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dacp: Option<bool>,
    /// Databases mounted here.
    pub active: u32,
    /// In maintenance (StartDagServerMaintenance.ps1).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub maintenance: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DatabaseReport {
    pub name: String,
    /// `mounted` or `dismounted` (`failing-over` in a timeline's view between a failure and the mount).
    pub state: MountState,
    pub server: Option<String>,
    pub reason: String,
    /// How the mounted copy was chosen: `active` (stayed), `switchover`, or `criteria-N` (best copy selection
    /// set N, `lagged-criteria-N` for a lagged copy); for a dismounted database, why: `no-quorum`, `no-copies`,
    /// or the exclusion of the copy that came closest (`dacp`, `blocked`, `mount-dial`, `max-active`, …).
    pub criterion: String,
    pub source: &'static str,
    /// Split brain: the server where stopped members holding quorum under the configuration they last knew
    /// mount it too (a datacenter switchover without DAC mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub split_brain: Option<String>,
    /// The logs its mount lost: the copy queue of a copy mounted after its active copy was gone (a lossy
    /// failover, or a switchover with -MountDialOverride); none when its logs were copied first.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub lost_logs: u32,
    /// Every copy, in the file's order.
    pub copies: Vec<CopyReport>,
    /// For a mounted database: what best copy selection would do if its active copy failed now, everything
    /// else as it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<NextCopyReport>,
}

/// The copy a mounted database would move to if its active copy failed now, and why — or why none could take
/// it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct NextCopyReport {
    /// The server of the copy best copy selection would activate; none when no copy could be.
    pub server: Option<String>,
    /// `criteria-N` (`lagged-criteria-N`) as for a mount, or the exclusion of the copy that came closest.
    pub criterion: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CopyReport {
    pub server: String,
    pub preference: u32,
    /// It replays with a lag now (lagged in the design, not played down).
    pub lagged: bool,
    /// The Replay Lag Manager played its lag down.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub played_down: bool,
    /// Suspended by an administrator (its state says what keeps it from running first: a failed copy
    /// suspended reads `copy-failed`, as Get-MailboxDatabaseCopyStatus says FailedAndSuspended).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suspended: bool,
    /// `mounted`, `passive` (could run), or why it cannot run: `server-down`, `stopped`, `outside-quorum`,
    /// `copy-failed`, `copy-status`, `dacp`.
    pub state: CopyState,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct EventReport {
    pub event: String,
    pub applied: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Runs `events` on the healthy DAG, one step each, and reports the outcome; refused events are reported
/// and change nothing.
pub fn simulate(dag: &Design, events: &[Event]) -> Outcome {
    Applied::replay(dag, events).outcome(dag)
}

/// The DAG after events applied one step each without a clock (as a planner's clicks apply them), kept so
/// that one more event is applied to it instead of every event replayed from the healthy DAG: the same
/// steps as [`simulate_timed`] takes for events without a time.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    state: State,
    events: Vec<EventReport>,
}

impl Applied {
    /// The healthy DAG, no event applied.
    pub fn healthy(dag: &Design) -> Applied {
        Applied { state: Simulation::new(dag).into_state(), events: Vec::new() }
    }

    /// `events` applied to the healthy DAG, one step each, on one state.
    pub fn replay(dag: &Design, events: &[Event]) -> Applied {
        events.iter().fold(Applied::healthy(dag), |applied, &event| applied.and(dag, event))
    }

    /// This, then `event` as one step; a refused event is reported and changes nothing. Without a clock a
    /// reseed started here is done at once, as in [`simulate_timed`].
    pub fn then(&self, dag: &Design, event: Event) -> Applied {
        self.clone().and(dag, event)
    }

    /// [`Applied::then`] on this state itself, not a copy of it.
    fn and(self, dag: &Design, event: Event) -> Applied {
        let timed = [TimedEvent { event, at: None }];
        let Applied { state, mut events } = self;
        let mut simulation = Simulation::resume(dag, state);
        events.extend(apply_step(dag, &mut simulation, &timed));
        super::clock::Clock::new(dag, &timed).between(&mut simulation, 0, None);
        Applied { state: simulation.into_state(), events }
    }

    /// The DAG as the events leave it.
    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn outcome(&self, dag: &Design) -> Outcome {
        outcome(dag, &self.state, self.events.clone())
    }
}

/// Runs a script on the healthy DAG step by step ([`steps`]: events at the same time together) and reports
/// the outcome.
pub fn simulate_timed(dag: &Design, events: &[TimedEvent]) -> Outcome {
    let mut simulation = Simulation::new(dag);
    let mut reports = Vec::with_capacity(events.len());
    let all = steps(events);
    let mut clock = super::clock::Clock::new(dag, events);
    for (index, step) in all.iter().enumerate() {
        reports.extend(apply_step(dag, &mut simulation, &events[step.events.clone()]));
        clock.between(&mut simulation, step.at, all.get(index + 1).map(|next| next.at));
    }
    outcome(dag, simulation.state(), reports)
}

/// Applies one step's events together; the report of each.
pub fn apply_step(dag: &Design, simulation: &mut Simulation<'_>, events: &[TimedEvent]) -> Vec<EventReport> {
    let plain: Vec<Event> = events.iter().map(|e| e.event).collect();
    let results = simulation.apply_together(&plain);
    events
        .iter()
        .zip(results)
        .map(|(event, result)| {
            let refused = result.err().map(|r| explain::refusal(dag, &r));
            EventReport { event: event.label(dag), applied: refused.is_none(), refused }
        })
        .collect()
}

/// The report of one database's state.
pub fn database_report(dag: &Design, state: &State, database: DatabaseId) -> DatabaseReport {
    let mut report = database_verdict(dag, state, database);
    report.split_brain = state.stale.as_ref().and_then(|stale| {
        let (_, server) = stale.mounts.iter().find(|(d, _)| *d == database)?;
        Some(dag.server_name(*server).to_string())
    });
    let mounted = state.mounted_on(dag, database);
    report.next = super::engine::next_to_activate(dag, state, database).map(|next| match next {
        Ok((copy, selection)) => {
            let server = dag.server_name(dag.copy_server(copy)).to_string();
            let (criterion, reason) = match selection {
                Selection::Criteria { set, lagged } => (
                    format!("{}criteria-{set}", if lagged { "lagged-" } else { "" }),
                    format!(
                        "if its active copy failed now, best copy selection would choose {server}: {}criteria set {set} ({})",
                        if lagged { "the lagged copy, as no copy without lag qualified; " } else { "" },
                        explain::criteria(set)
                    ),
                ),
                // Best copy selection picks by criteria set; any other way of mounting is by hand.
                _ => (String::new(), format!("if its active copy failed now, {server} would take it")),
            };
            NextCopyReport { server: Some(server), criterion, reason }
        }
        Err(excluded) => {
            let closest = excluded.first().map(|e| e.1);
            let texts: Vec<String> =
                excluded.iter().map(|&(c, e)| explain::exclusion(dag, dag.copy_server(c), e)).collect();
            NextCopyReport {
                server: None,
                criterion: closest.map_or("no-copies", |e| CopyState::of(e).word()).to_string(),
                reason: if texts.is_empty() {
                    "if its active copy failed now, it would have no other copy".to_string()
                } else {
                    format!("if its active copy failed now, no other copy could be mounted: {}", texts.join("; "))
                },
            }
        }
    });
    report.copies = dag
        .copy_ids(database)
        .map(|c| {
            let copy = &dag.scenario.databases[database.index()].copies[c.index as usize];
            CopyReport {
                server: copy.server.clone(),
                preference: copy.preference,
                lagged: state.lagged(dag, c),
                played_down: state.played_down[c],
                suspended: state.suspended[c],
                state: if mounted == Some(dag.copy_server(c)) {
                    CopyState::Mounted
                } else {
                    copy_exclusion(dag, state, c).map_or(CopyState::Passive, CopyState::of)
                },
            }
        })
        .collect();
    report
}

fn database_verdict(dag: &Design, state: &State, database: DatabaseId) -> DatabaseReport {
    let name = dag.database_name(database).to_string();
    match &state.databases[database.index()] {
        DatabaseState::Mounted { copy, selection, previous } => {
            let server = dag.copy_server(*copy);
            let host = dag.server_name(server);
            let moved = previous
                .map(|(c, why)| {
                    let from = dag.copy_server(c);
                    format!("moved from {}: {}; ", dag.server_name(from), explain::exclusion(dag, from, why))
                })
                .unwrap_or_default();
            let (criterion, reason, source) = match *selection {
                Selection::StillActive => {
                    ("active".to_string(), format!("mounted on {host}, its active copy"), sources::DAG_ACTIVE_MANAGER)
                }
                Selection::Switchover => {
                    ("switchover".to_string(), format!("moved to {host} by a switchover"), sources::DAG_ACTIVE_MANAGER)
                }
                Selection::Rebalanced => (
                    "rebalanced".to_string(),
                    format!(
                        "moved back to {host}, its first activation preference, by PreferenceMoveFrequency (a lossless switchover)"
                    ),
                    sources::DAG_REBALANCE,
                ),
                Selection::Redistributed => (
                    "redistributed".to_string(),
                    format!(
                        "moved back to {host}, its first activation preference, by RedistributeActiveDatabases.ps1 (a switchover)"
                    ),
                    sources::DAG_MAINTENANCE,
                ),
                Selection::Criteria { set, lagged } => {
                    let lag = if lagged { "the lagged copy, as no copy without lag qualified; " } else { "" };
                    (
                        format!("{}criteria-{set}", if lagged { "lagged-" } else { "" }),
                        format!(
                            "{moved}best copy selection chose {host}: {lag}criteria set {set} ({})",
                            explain::criteria(set)
                        ),
                        sources::DAG_ACTIVE_MANAGER,
                    )
                }
            };
            DatabaseReport {
                name,
                state: MountState::Mounted,
                server: Some(host.to_string()),
                reason,
                criterion,
                source,
                split_brain: None,
                lost_logs: state.lost_logs[database.index()],
                copies: Vec::new(),
                next: None,
            }
        }
        DatabaseState::Dismounted(why) => {
            let (criterion, reason, source) = match why {
                Dismount::NoQuorum => (
                    "no-quorum".to_string(),
                    "dismounted: the DAG has no quorum, so every database is dismounted".to_string(),
                    sources::DAG_QUORUM,
                ),
                Dismount::NoCopies => {
                    ("no-copies".to_string(), "dismounted: the database has no copies".into(), sources::DAG_OVERVIEW)
                }
                Dismount::NoCandidate(excluded) => {
                    let closest = excluded.first().map(|e| e.1);
                    let texts: Vec<String> =
                        excluded.iter().map(|&(c, e)| explain::exclusion(dag, dag.copy_server(c), e)).collect();
                    let source = match closest {
                        Some(Exclusion::Dacp) => sources::DAG_DAC,
                        Some(
                            Exclusion::Blocked
                            | Exclusion::IntrasiteOnly
                            | Exclusion::MaxActive(_)
                            | Exclusion::MountDial { .. },
                        ) => sources::DAG_MAILBOX_SERVER,
                        _ => sources::DAG_ACTIVE_MANAGER,
                    };
                    (
                        closest.map_or("no-copies", |e| CopyState::of(e).word()).to_string(),
                        format!("dismounted: no copy can be mounted: {}", texts.join("; ")),
                        source,
                    )
                }
            };
            DatabaseReport {
                name,
                state: MountState::Dismounted,
                server: None,
                reason,
                criterion,
                source,
                split_brain: None,
                lost_logs: 0,
                copies: Vec::new(),
                next: None,
            }
        }
    }
}

/// Stopped members holding quorum in their own eyes, and why they mount (or do not).
fn stale_report(dag: &Design, state: &State, stale: &StaleQuorum) -> StaleQuorumReport {
    let members: Vec<String> = stale.members.iter().map(|&m| dag.server_name(m).to_string()).collect();
    let sites: Vec<String> =
        state.partitions[stale.partition].sites.iter().map(|&s| dag.site_name(s).to_string()).collect();
    let needed = stale.total / 2 + 1;
    let held = format!(
        "{} {} not reached by the running DAG and never heard of the datacenter switchover: counting the votes they last knew, they hold {} of {}{}, so quorum in their own eyes",
        members.join(", "),
        if members.len() == 1 { "is" } else { "are" },
        stale.votes,
        stale.total,
        if stale.witness { " with the witness" } else { "" },
    );
    let mounts: Vec<String> = stale.mounts.iter().map(|&(d, _)| dag.database_name(d).to_string()).collect();
    let reason = if !mounts.is_empty() {
        format!(
            "{held}; {} mount {} a second time: split brain, which DAC mode prevents",
            if dag.scenario.dac_mode {
                "members whose DACP bit is 1"
            } else {
                "without DAC mode nothing stops them: they"
            },
            mounts.join(", ")
        )
    } else if dag.scenario.dac_mode {
        format!(
            "{held}; DAC mode: their DACP bit is 0 and no member whose bit is 1 is reachable, so they mount nothing"
        )
    } else {
        format!("{held}; none of them held an active copy, so they mount nothing")
    };
    StaleQuorumReport {
        sites,
        members,
        votes: stale.votes,
        total: stale.total,
        needed,
        mounts,
        reason,
        source: sources::DAG_DAC,
    }
}

/// The report of a state, with the given event log.
pub fn outcome(dag: &Design, state: &State, events: Vec<EventReport>) -> Outcome {
    let members = state.member_count();
    let even = members > 0 && members.is_multiple_of(2);
    let total = state.total_votes();
    let strongest = state
        .quorum
        .or_else(|| (0..state.partitions.len()).max_by_key(|&p| (state.partitions[p].votes, std::cmp::Reverse(p))));
    let (votes, needed) =
        strongest.map_or((0, total / 2 + 1), |p| (state.partitions[p].votes, state.partitions[p].needed));
    let model = if even { QuorumModel::NodeAndFileShareMajority } else { QuorumModel::NodeMajority };
    let names = |servers: &[ServerId]| servers.iter().map(|&s| dag.server_name(s).to_string()).collect::<Vec<_>>();
    let vote_model = match dag.vote_model() {
        VoteModel::Static => VoteModelWord::Static,
        VoteModel::Dynamic { witness: false } => VoteModelWord::DynamicQuorum,
        VoteModel::Dynamic { witness: true } => VoteModelWord::DynamicQuorumAndWitness,
    };
    let windows = dag.windows().title();
    let how = match vote_model {
        VoteModelWord::Static if dag.windows().has_dynamic_quorum() => {
            format!("static votes: dynamic quorum is turned off on {windows}")
        }
        VoteModelWord::Static => format!("static votes: {windows} has no dynamic quorum"),
        _ => format!("dynamic quorum on {windows}: the votes are those of the last membership that held quorum"),
    };
    let reason = match state.quorum {
        Some(p) => {
            let partition = &state.partitions[p];
            let silent: Vec<&str> =
                partition.members.iter().filter(|m| !state.vote[m.index()]).map(|&m| dag.server_name(m)).collect();
            let voters = partition.members.len() - silent.len();
            let last = if vote_model != VoteModelWord::Static && voters == 1 && partition.witness_vote {
                "; the last voting member keeps the witness's vote beside its own, and needs it: Windows does not adjust the votes below three with a witness"
            } else {
                ""
            };
            format!(
                "{votes} of {total} votes in {} ({}{}); {needed} needed; {how}{}{last}",
                partition.sites.iter().map(|&s| dag.site_name(s)).collect::<Vec<_>>().join("+"),
                names(&partition.members).join(", "),
                if partition.witness_vote { " and the witness" } else { "" },
                if silent.is_empty() {
                    String::new()
                } else {
                    format!("; {} has no vote, to keep the total odd", silent.join(", "))
                },
            )
        }
        None => format!("no partition has {needed} of {total} votes; the strongest has {votes}; {how}"),
    };
    let vote_note = if state.witness_weight && state.witness_up {
        "votes"
    } else if state.witness_weight {
        "down: no vote"
    } else if !even {
        "no vote: odd member count"
    } else if !state.witness_up {
        "down: no vote"
    } else if state.quorum.is_some() && state.witness_partition != state.quorum {
        "no vote: cut off from the members with quorum"
    } else {
        "no vote: dynamic witness, the voting members are odd"
    };
    let witness_site = state.witness_site(dag);
    let witness_server = match (state.alternate_in_use, &dag.scenario.alternate_witness) {
        (true, Some(alternate)) => alternate.server.clone(),
        _ => dag.scenario.witness.server.clone(),
    };
    let mounted = state.mounted_count();
    Outcome {
        quorum: QuorumReport {
            held: state.quorum.is_some(),
            votes,
            needed,
            total,
            model,
            vote_model,
            windows: windows.to_string(),
            reason,
            source: if vote_model == VoteModelWord::Static { sources::DAG_QUORUM } else { sources::DYNAMIC_QUORUM },
            stale: state.stale.as_ref().map(|stale| stale_report(dag, state, stale)),
            test: QuorumTestReport {
                votes: state.tested.votes,
                total: state.tested.total,
                needed: state.tested.total / 2 + 1,
                members: names(&state.tested.voters),
                witness: state.tested.witness,
            },
        },
        sites: dag
            .site_ids()
            .map(|s| SiteReport { name: dag.site_name(s).to_string(), up: state.site_up[s.index()] })
            .collect(),
        wan: dag
            .site_ids()
            .flat_map(|a| dag.site_ids().filter(move |b| b.index() > a.index()).map(move |b| (a, b)))
            .map(|(a, b)| WanReport {
                sites: [dag.site_name(a).to_string(), dag.site_name(b).to_string()],
                up: state.wan_up(a, b),
            })
            .collect(),
        partitions: state
            .partitions
            .iter()
            .map(|p| PartitionReport {
                sites: p.sites.iter().map(|&s| dag.site_name(s).to_string()).collect(),
                members: names(&p.members),
                witness: p.witness_vote,
                votes: p.votes,
                needed: p.needed,
                quorum: p.held(),
            })
            .collect(),
        witness: WitnessReport {
            server: witness_server,
            site: dag.site_name(witness_site).to_string(),
            up: state.witness_up,
            failed: !state.witness_ok,
            votes: state.witness_weight,
            vote_note: vote_note.to_string(),
            in_use: if state.alternate_in_use { WitnessInUse::Alternate } else { WitnessInUse::Primary },
        },
        servers: dag
            .server_ids()
            .map(|s| ServerReport {
                name: dag.server_name(s).to_string(),
                site: dag.site_name(dag.site_of(s)).to_string(),
                state: if !state.is_up(s) {
                    ServerState::Down
                } else if state.stopped[s.index()] {
                    ServerState::Stopped
                } else if state.server_partition(dag, s) != state.quorum {
                    ServerState::CutOff
                } else {
                    ServerState::Up
                },
                failed: !state.server_ok[s.index()],
                // A stopped member holding quorum in its own eyes counts the vote it last knew.
                vote: match (&state.stale, &state.known) {
                    (Some(stale), Some(known)) if stale.members.contains(&s) => known.vote[s.index()],
                    _ => state.vote[s.index()],
                },
                dacp: dag.scenario.dac_mode.then_some(state.dacp[s.index()]),
                active: state.load[s.index()],
                maintenance: state.maintenance[s.index()],
            })
            .collect(),
        clients: super::clients::report(dag, state),
        databases: dag.database_ids().map(|d| database_report(dag, state, d)).collect(),
        mounted,
        dismounted: dag.scenario.databases.len() - mounted,
        events,
    }
}
