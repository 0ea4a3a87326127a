//! The client-access tier of a DAG: the namespace clients use and its load-balanced virtual IP addresses.
//! Exchange 2013 and later clients get every address and, when one fails hard, try the next about 20 s
//! later (about 21 s in all), with no DNS change; Exchange 2010 clients reach the one address DNS points the
//! namespace at, until an administrator changes DNS and the clients' caches expire. Who reaches which
//! database now, and why not — and whether mail is lost (Safety Net, shadow redundancy).

use schemars::JsonSchema;
use serde::Serialize;

use super::design::{Design, VipId};
use super::engine::State;
use super::model::ExchangeVersion;
use crate::sources;
use crate::words::words;

words! {
    /// Whether a virtual IP address answers, and why not.
    VipState {
        Up = "up",
        /// The address itself (or its load balancer) failed: an event.
        Failed = "failed",
        /// Its site is down.
        SiteDown = "site-down",
        /// No Mailbox server of its site is up behind the load balancer.
        NoServers = "no-servers",
    }
}

/// Who reaches the DAG's mailboxes through the namespace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ClientsReport {
    /// The name clients use.
    pub namespace: String,
    pub ttl_seconds: u32,
    /// Every database is mounted and reached through an address clients use.
    pub served: bool,
    /// Every address, in DNS order.
    pub vips: Vec<VipReport>,
    /// The addresses clients reach the DAG through now.
    pub through: Vec<String>,
    /// Addresses that failed less than about 21 s ago: their clients still wait before trying the next (only
    /// in a timeline's view at a time).
    pub waiting: Vec<String>,
    /// Per database, whether clients reach it.
    pub databases: Vec<DatabaseClients>,
    /// How clients get in, or why they cannot.
    pub reason: String,
    pub source: &'static str,
    /// Is mail lost when a database fails over: what transport keeps.
    pub mail: String,
    pub mail_source: &'static str,
}

/// A virtual IP address of the namespace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct VipReport {
    pub name: String,
    pub site: String,
    pub state: VipState,
    /// Clients are given it: every address for Exchange 2013 and later; for Exchange 2010 the one DNS points at.
    pub in_dns: bool,
}

/// Whether clients reach one database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DatabaseClients {
    pub name: String,
    pub served: bool,
    pub reason: String,
}

/// The client tier as `state` leaves it; `None` without a namespace.
pub fn report(dag: &Design, state: &State) -> Option<ClientsReport> {
    let namespace = dag.scenario.namespace.as_ref()?;
    let every = dag.clients_try_every_vip();
    let vips: Vec<(VipId, VipReport)> = dag
        .vip_ids()
        .map(|v| {
            let site = dag.vip_site[v.index()];
            let vip_state = if !state.vip_ok[v.index()] {
                VipState::Failed
            } else if !state.site_up[site.index()] {
                VipState::SiteDown
            } else if !dag.servers_in(site).any(|s| state.up[s.index()]) {
                VipState::NoServers
            } else {
                VipState::Up
            };
            let report = VipReport {
                name: dag.vip_name(v).to_string(),
                site: dag.site_name(site).to_string(),
                state: vip_state,
                in_dns: every || state.dns_vip == v,
            };
            (v, report)
        })
        .collect();
    let usable: Vec<VipId> =
        vips.iter().filter(|(_, r)| r.in_dns && r.state == VipState::Up).map(|&(v, _)| v).collect();
    let why_not = |r: &VipReport| match r.state {
        VipState::Up => "it answers".to_string(),
        VipState::Failed => "it failed".to_string(),
        VipState::SiteDown => format!("site {} is down", r.site),
        VipState::NoServers => format!("no Mailbox server of {} is up behind it", r.site),
    };
    let names = |list: &[VipId]| list.iter().map(|&v| dag.vip_name(v)).collect::<Vec<_>>().join(", ");
    let name = &namespace.name;
    let reason = if every {
        let down: Vec<&VipReport> = vips.iter().map(|(_, r)| r).filter(|r| r.state != VipState::Up).collect();
        match (usable.is_empty(), down.is_empty()) {
            (true, _) => format!("no address of {name} answers: no client reaches the DAG"),
            (false, true) => {
                format!("clients get every address of {name} ({}) and use one that answers", names(&usable))
            }
            (false, false) => {
                let failed: Vec<String> = down.iter().map(|r| format!("{} ({})", r.name, why_not(r))).collect();
                format!(
                    "{} does not answer: a client that tried it waits about 20 s and tries the next address, about \
                     21 s in all, with no DNS change; clients use {}",
                    failed.join(", "),
                    names(&usable)
                )
            }
        }
    } else {
        let (target, report) = &vips[state.dns_vip.index()];
        if usable.is_empty() {
            format!(
                "DNS points {name} at {}, which does not answer ({}): Exchange 2010 clients know no other address \
                 until an administrator points DNS at another (a namespace switchover), and then reach it as their \
                 DNS caches (TTL {} s) and browsers' name caches (about 30 minutes or more) expire",
                dag.vip_name(*target),
                why_not(report),
                namespace.ttl_seconds
            )
        } else {
            format!(
                "DNS points {name} at {} ({}): Exchange 2010 clients know only that address",
                report.name, report.site
            )
        }
    };
    let databases: Vec<DatabaseClients> = dag
        .database_ids()
        .map(|d| (dag.database_name(d), state.mounted_on(dag, d).map(|s| dag.site_of(s))))
        .map(|(database, mounted)| {
            let (served, reason) = match mounted {
                None => (false, format!("{database} is not mounted: no client reaches it")),
                Some(_) if usable.is_empty() => (false, "clients reach no address of the namespace".to_string()),
                Some(site) => {
                    // The Mailbox servers behind an address proxy to the server the database is mounted on:
                    // they must reach its site.
                    let reach = usable.iter().copied().find(|&v| {
                        let from = dag.vip_site[v.index()];
                        state.site_partition[from.index()].is_some()
                            && state.site_partition[from.index()] == state.site_partition[site.index()]
                    });
                    match reach {
                        Some(v) => (true, format!("through {}", dag.vip_name(v))),
                        None => (
                            false,
                            format!(
                                "the servers behind {} cannot reach {}'s site {}",
                                names(&usable),
                                database,
                                dag.site_name(site)
                            ),
                        ),
                    }
                }
            };
            DatabaseClients { name: database.to_string(), served, reason }
        })
        .collect();
    let (mail, mail_source) = mail(dag.scenario.exchange);
    Some(ClientsReport {
        namespace: name.clone(),
        ttl_seconds: namespace.ttl_seconds,
        served: databases.iter().all(|d| d.served),
        through: usable.iter().map(|&v| dag.vip_name(v).to_string()).collect(),
        vips: vips.into_iter().map(|(_, r)| r).collect(),
        waiting: Vec::new(),
        databases,
        reason,
        source: sources::DAG_NAMESPACE,
        mail,
        mail_source,
    })
}

/// Whether clients still reach the DAG when the servers `failed` are down and nothing else changed (every
/// address answering, DNS at the first address): some address clients use has a server of its site up
/// behind it. Server failures split no site from another, so the servers behind it reach every mounted
/// database. `None` without a namespace. What the failure matrix counts, without building reports.
pub fn reached_despite(dag: &Design, failed: &[super::design::ServerId]) -> Option<bool> {
    dag.scenario.namespace.as_ref()?;
    let every = dag.clients_try_every_vip();
    let backed = |v: VipId| dag.servers_in(dag.vip_site[v.index()]).any(|s| !failed.contains(&s));
    Some(dag.vip_ids().filter(|v| every || v.index() == 0).any(backed))
}

/// What transport keeps when a database fails over, for "is mail lost?".
fn mail(exchange: ExchangeVersion) -> (String, &'static str) {
    let keeper = if exchange == ExchangeVersion::Exchange2010 {
        "the transport dumpster (Safety Net's forerunner)"
    } else {
        "Safety Net (2 days by default)"
    };
    (
        format!(
            "Messages in transit are kept by shadow redundancy until they are delivered; messages delivered \
             recently are kept by {keeper} and delivered again to a copy mounted after a lossy failover."
        ),
        sources::DAG_TRANSPORT,
    )
}
