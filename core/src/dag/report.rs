//! DAG results as data: the outcome after events (quorum, partitions, servers, each database's mounted copy
//! or why none is, and which criterion chose it) and the DAG's IP plan, with names and reasons in words.

use serde::Serialize;

use super::design::Dag;
use super::engine::{
    DagEvent, DagSimulation, DagState, DatabaseState, Dismount, Exclusion, Selection, copy_exclusion, criteria_text,
    exclusion_text,
};
use super::model::DagNetworkRole;
use crate::rules::{Finding, Severity};
use crate::sources;

/// The state of a DAG after a sequence of events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DagOutcome {
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
    pub events: Vec<DagEventReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuorumReport {
    pub held: bool,
    /// The votes of the partition holding quorum, or of the strongest partition when none does.
    pub votes: u32,
    pub needed: u32,
    /// `node-majority` (odd member count) or `node-and-file-share-majority` (even: the witness votes).
    pub model: &'static str,
    pub reason: String,
    pub source: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SiteReport {
    pub name: String,
    pub up: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WanReport {
    pub sites: [String; 2],
    pub up: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartitionReport {
    pub sites: Vec<String>,
    pub members: Vec<String>,
    pub witness: bool,
    pub votes: u32,
    pub needed: u32,
    pub quorum: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WitnessReport {
    pub server: String,
    pub site: String,
    pub up: bool,
    /// The witness server itself failed (an event), as opposed to its site.
    pub failed: bool,
    /// Whether the witness casts a vote at all (even member count).
    pub votes: bool,
    /// `primary` or `alternate`.
    pub in_use: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServerReport {
    pub name: String,
    pub site: String,
    /// `up`, `down`, `stopped` (Stop-DatabaseAvailabilityGroup) or `cut-off` (up, outside the quorum partition).
    pub state: &'static str,
    /// The server itself failed (an event), as opposed to its site.
    pub failed: bool,
    /// The DACP bit, in DAC mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dacp: Option<bool>,
    /// Databases mounted here.
    pub active: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatabaseReport {
    pub name: String,
    /// `mounted` or `dismounted`.
    pub state: &'static str,
    pub server: Option<String>,
    pub reason: String,
    /// How the mounted copy was chosen: `active` (stayed), `switchover`, or `criteria-N` (best copy selection
    /// set N, `lagged-criteria-N` for a lagged copy); for a dismounted database, why: `no-quorum`, `no-copies`,
    /// or the exclusion of the copy that came closest (`dacp`, `blocked`, `mount-dial`, `max-active`, …).
    pub criterion: String,
    pub source: &'static str,
    /// Every copy, in the file's order.
    pub copies: Vec<CopyReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CopyReport {
    pub server: String,
    pub preference: u32,
    pub lagged: bool,
    /// `mounted`, `passive` (could run), or why it cannot run: `server-down`, `stopped`, `outside-quorum`,
    /// `copy-failed`, `copy-status`, `dacp`.
    pub state: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DagEventReport {
    pub event: String,
    pub applied: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
}

/// Runs `events` on the healthy DAG and reports the outcome; refused events are reported and change nothing.
pub fn simulate(dag: &Dag, events: &[DagEvent]) -> DagOutcome {
    let mut simulation = DagSimulation::new(dag);
    let reports = events
        .iter()
        .map(|event| {
            let refused = simulation.apply(*event).err().map(|r| r.0);
            DagEventReport { event: event.label(dag), applied: refused.is_none(), refused }
        })
        .collect();
    outcome(dag, simulation.state(), reports)
}

/// The code of an exclusion, for programs.
pub fn exclusion_code(exclusion: Exclusion) -> &'static str {
    match exclusion {
        Exclusion::ServerDown => "server-down",
        Exclusion::Stopped => "stopped",
        Exclusion::OutsideQuorum => "outside-quorum",
        Exclusion::CopyFailed => "copy-failed",
        Exclusion::Status(_) => "copy-status",
        Exclusion::Dacp => "dacp",
        Exclusion::Blocked => "blocked",
        Exclusion::IntrasiteOnly => "intrasite-only",
        Exclusion::MaxActive(_) => "max-active",
        Exclusion::MountDial { .. } => "mount-dial",
    }
}

/// The report of one database's state.
pub fn database_report(dag: &Dag, state: &DagState, database: usize) -> DatabaseReport {
    let mut report = database_verdict(dag, state, database);
    let mounted = state.mounted_on(dag, database);
    report.copies = dag.scenario.databases[database]
        .copies
        .iter()
        .enumerate()
        .map(|(c, copy)| CopyReport {
            server: copy.server.clone(),
            preference: copy.preference,
            lagged: copy.replay_lag_days > 0,
            state: if mounted == Some(dag.copy_server[database][c]) {
                "mounted"
            } else {
                copy_exclusion(dag, state, database, c).map_or("passive", exclusion_code)
            },
        })
        .collect();
    report
}

fn database_verdict(dag: &Dag, state: &DagState, database: usize) -> DatabaseReport {
    let name = dag.database_name(database).to_string();
    let copies = &dag.copy_server[database];
    match &state.databases[database] {
        DatabaseState::Mounted { copy, selection, previous } => {
            let server = copies[*copy];
            let host = dag.server_name(server);
            let moved = previous
                .map(|(c, why)| {
                    format!("moved from {}: {}; ", dag.server_name(copies[c]), exclusion_text(dag, copies[c], why))
                })
                .unwrap_or_default();
            let (criterion, reason, source) = match *selection {
                Selection::StillActive => {
                    ("active".to_string(), format!("mounted on {host}, its active copy"), sources::DAG_ACTIVE_MANAGER)
                }
                Selection::Switchover => {
                    ("switchover".to_string(), format!("moved to {host} by a switchover"), sources::DAG_ACTIVE_MANAGER)
                }
                Selection::Criteria { set, lagged } => {
                    let lag = if lagged { "the lagged copy, as no copy without lag qualified; " } else { "" };
                    (
                        format!("{}criteria-{set}", if lagged { "lagged-" } else { "" }),
                        format!(
                            "{moved}best copy selection chose {host}: {lag}criteria set {set} ({})",
                            criteria_text(set)
                        ),
                        sources::DAG_ACTIVE_MANAGER,
                    )
                }
            };
            DatabaseReport {
                name,
                state: "mounted",
                server: Some(host.to_string()),
                reason,
                criterion,
                source,
                copies: Vec::new(),
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
                    let texts: Vec<String> = excluded.iter().map(|&(c, e)| exclusion_text(dag, copies[c], e)).collect();
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
                        closest.map_or("no-copies", exclusion_code).to_string(),
                        format!("dismounted: no copy can be mounted: {}", texts.join("; ")),
                        source,
                    )
                }
            };
            DatabaseReport { name, state: "dismounted", server: None, reason, criterion, source, copies: Vec::new() }
        }
    }
}

/// The report of a state, with the given event log.
pub fn outcome(dag: &Dag, state: &DagState, events: Vec<DagEventReport>) -> DagOutcome {
    let members = state.member_count();
    let even = members > 0 && members.is_multiple_of(2);
    let strongest = state
        .quorum
        .or_else(|| (0..state.partitions.len()).max_by_key(|&p| (state.partitions[p].votes, std::cmp::Reverse(p))));
    let (votes, needed) =
        strongest.map_or((0, members.div_ceil(2).max(1)), |p| (state.partitions[p].votes, state.partitions[p].needed));
    let model = if even { "node-and-file-share-majority" } else { "node-majority" };
    let total = members + u32::from(even);
    let names = |servers: &[usize]| servers.iter().map(|&s| dag.server_name(s).to_string()).collect::<Vec<_>>();
    let reason = match state.quorum {
        Some(p) => format!(
            "{} of {total} votes in {} ({}{}); {needed} needed",
            votes,
            state.partitions[p].sites.iter().map(|&s| dag.site_name(s)).collect::<Vec<_>>().join("+"),
            names(&state.partitions[p].members).join(", "),
            if state.partitions[p].witness_vote { " and the witness" } else { "" },
        ),
        None => format!("no partition has {needed} of {total} votes; the strongest has {votes}"),
    };
    let witness_site = state.witness_site(dag);
    let witness_server = match (state.alternate_in_use, &dag.scenario.alternate_witness) {
        (true, Some(alternate)) => alternate.server.clone(),
        _ => dag.scenario.witness.server.clone(),
    };
    let mounted = state.mounted_count();
    DagOutcome {
        quorum: QuorumReport {
            held: state.quorum.is_some(),
            votes,
            needed,
            model,
            reason,
            source: sources::DAG_QUORUM,
        },
        sites: (0..dag.site_count())
            .map(|s| SiteReport { name: dag.site_name(s).to_string(), up: state.site_up[s] })
            .collect(),
        wan: (0..dag.site_count())
            .flat_map(|a| (a + 1..dag.site_count()).map(move |b| (a, b)))
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
            votes: even,
            in_use: if state.alternate_in_use { "alternate" } else { "primary" },
        },
        servers: (0..dag.server_count())
            .map(|s| ServerReport {
                name: dag.server_name(s).to_string(),
                site: dag.site_name(dag.server_site[s]).to_string(),
                state: if !state.up[s] {
                    "down"
                } else if state.stopped[s] {
                    "stopped"
                } else if state.server_partition(dag, s) != state.quorum {
                    "cut-off"
                } else {
                    "up"
                },
                failed: !state.server_ok[s],
                dacp: dag.scenario.dac_mode.then_some(state.dacp[s]),
                active: state.load[s],
            })
            .collect(),
        databases: (0..dag.scenario.databases.len()).map(|d| database_report(dag, state, d)).collect(),
        mounted,
        dismounted: dag.scenario.databases.len() - mounted,
        events,
    }
}

/// The DAG's static addresses: one per MAPI subnet for the DAG (none when IP-less), one per network per
/// member in each site the network reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DagIpPlan {
    pub total: u32,
    pub dag_addresses: u32,
    pub server_addresses: u32,
    /// Network names in DNS: the DAG's (none when IP-less).
    pub names: u32,
    pub subnets: Vec<SubnetPlan>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubnetPlan {
    pub network: String,
    pub site: String,
    pub cidr: Option<String>,
    /// Holder and address (when the subnet is known), in order: the DAG first, then the servers.
    pub addresses: Vec<Address>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Address {
    pub holder: String,
    pub address: Option<String>,
}

/// Counts and, where subnets are given, assigns the DAG's addresses (`reserve`: usable addresses left free at
/// the start of each subnet).
pub fn ip_plan(dag: &Dag, reserve: u32) -> DagIpPlan {
    let scenario = &dag.scenario;
    let mut subnets = Vec::new();
    let mut findings = Vec::new();
    let (mut dag_addresses, mut server_addresses) = (0, 0);
    for network in &scenario.networks {
        for subnet in &network.subnets {
            let Some(site) = dag.site_id(&subnet.site) else { continue };
            let mut holders = Vec::new();
            if network.role == DagNetworkRole::Mapi && !scenario.ip_less {
                holders.push(scenario.dag_name.clone());
                dag_addresses += 1;
            }
            for server in dag.servers_in(site) {
                holders.push(dag.server_name(server).to_string());
                server_addresses += 1;
            }
            let mut hosts = subnet.cidr.map(|cidr| cidr.hosts().skip(reserve as usize));
            let addresses: Vec<Address> = holders
                .into_iter()
                .map(|holder| Address { holder, address: hosts.as_mut().and_then(|h| h.next()).map(|a| a.to_string()) })
                .collect();
            if let Some(cidr) = subnet.cidr
                && addresses.iter().any(|a| a.address.is_none())
            {
                findings.push(Finding {
                    rule: "dag.ip.subnet-too-small",
                    severity: Severity::Error,
                    subject: format!("{}/{}", network.name, subnet.site),
                    subject_kind: crate::rules::SubjectKind::Network,
                    message: format!(
                        "{cidr} has room for fewer than the {} addresses {} needs in {}{}",
                        addresses.len(),
                        network.name,
                        subnet.site,
                        if reserve > 0 { format!(" after {reserve} reserved") } else { String::new() }
                    ),
                    source: sources::DAG_IP,
                });
            }
            subnets.push(SubnetPlan {
                network: network.name.clone(),
                site: subnet.site.clone(),
                cidr: subnet.cidr.map(|c| c.to_string()),
                addresses,
            });
        }
    }
    DagIpPlan {
        total: dag_addresses + server_addresses,
        dag_addresses,
        server_addresses,
        names: u32::from(!scenario.ip_less),
        subnets,
        findings,
    }
}
