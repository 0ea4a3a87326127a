//! The DAG rules (docs/domain.md, "Database Availability Groups") as findings, like the 2003 rules: stable
//! ids, severity, subject, a sentence and a source. `validate` returns every finding at once and never
//! fails.

use super::design::{Design, SiteId, VoteModel};
use super::engine::Simulation;
use super::ips;
use super::model::{DagNetworkRole, ExchangeVersion, WindowsVersion};
use super::report::{MountState, database_report};
use crate::finding::{Finding, Rule, SubjectKind, rules};

rules! {
    NO_MEMBERS = "dag.members.none", Error, DAG_OVERVIEW, "A DAG has 1 to 16 Mailbox servers.";
    TOO_MANY_MEMBERS = "dag.members.too-many", Error, DAG_OVERVIEW, "A DAG has at most 16 Mailbox servers.";
    NETBIOS_NAME = "dag.names.netbios", Error, NETBIOS_NAMES, "The DAG's and the servers' names are NetBIOS names: 1 to 15 characters, none of \\/:*?\"<>| or spaces.";
    NO_COPIES = "dag.copies.none", Error, DAG_OVERVIEW, "Every database needs a copy.";
    SINGLE_COPY = "dag.copies.single", Warning, DAG_OVERVIEW, "A database with one copy has nowhere to fail over to.";
    TOO_MANY_COPIES = "dag.copies.too-many", Error, DAG_OVERVIEW, "A database has at most 16 copies.";
    PREFERENCE = "dag.copies.preference", Error, DAG_ACTIVE_MANAGER, "A database's activation preferences run 1, 2, 3… with no gap or repeat.";
    ONE_SITE = "dag.copies.one-site", Warning, DAG_SITE_RESILIENCE, "In a DAG over several datacenters, every database needs copies in more than one.";
    LAG_TOO_LONG = "dag.lag.too-long", Error, DAG_LAGGED, "ReplayLagTime is at most 14 days.";
    ONLY_LAGGED = "dag.lag.only-lagged", Warning, DAG_LAGGED, "Besides its active copy a database needs a copy without lag: lagged copies are activated only as a last resort.";
    WITNESS_MEMBER = "dag.witness.member", Error, DAG_QUORUM, "The witness server is not a DAG member.";
    WITNESS_THIRD_SITE = "dag.witness.third-site", Info, DAG_SITE_RESILIENCE, "The witness in a third location lets the DAG fail over a whole datacenter automatically.";
    WITNESS_PRIMARY = "dag.witness.primary", Info, DAG_SITE_RESILIENCE, "With only two datacenters the witness stands in the primary one; losing it needs a datacenter switchover.";
    WITNESS_SECONDARY = "dag.witness.secondary", Warning, DAG_SITE_RESILIENCE, "With two datacenters, put the witness in the primary one (where the databases are active), not the secondary.";
    QUORUM_MODEL = "dag.quorum.model", Info, DAG_QUORUM, "Odd member count: node majority; even: node and file share majority, the witness breaks the tie.";
    WINDOWS_VERSION = "dag.windows.version", Error, EXCHANGE_SUPPORTABILITY, "Each Exchange version runs only on the Windows Server versions its supportability matrix lists.";
    DYNAMIC_QUORUM = "dag.quorum.dynamic", Info, DYNAMIC_QUORUM, "On Windows Server 2012 and later the votes follow membership: failures one after another can leave a single member running, but servers lost at once still need a majority of every vote, so size the DAG for simultaneous failures.";
    UNEVEN_SITES = "dag.members.uneven-sites", Warning, DAG_PREFERRED_ARCHITECTURE, "Split the members evenly over the two datacenters.";
    DAC_RECOMMENDED = "dag.dac.recommended", Warning, DAG_DAC, "Turn on DAC mode for every DAG of two or more members: it prevents split brain and enables datacenter switchovers.";
    ALTERNATE_MISSING = "dag.alternate-witness.missing", Warning, DAG_DAC, "Name an alternate witness in the second datacenter for Restore-DatabaseAvailabilityGroup.";
    ALTERNATE_SAME_SITE = "dag.alternate-witness.same-site", Warning, DAG_DAC, "The alternate witness belongs in another datacenter than the witness.";
    NO_MAPI = "dag.network.no-mapi", Error, DAG_IP, "A DAG needs a MAPI network for its clients.";
    MAPI_COUNT = "dag.network.mapi-count", Error, DAG_SITE_RESILIENCE, "A DAG has at most one MAPI network (with a subnet per site); every other DAG network is for replication.";
    SITES_MORE_THAN_TWO = "dag.sites.more-than-two", Warning, DAG_PREFERRED_ARCHITECTURE, "The Preferred Architecture stretches a DAG over two datacenters, never more; the witness stands in a third location.";
    NO_LAGGED_COPY = "dag.lag.none", Info, DAG_PREFERRED_ARCHITECTURE, "The Preferred Architecture gives each database four copies, one of them lagged (7 days), as protection against logical corruption.";
    THIRD_SITE_2010 = "dag.witness.third-site-2010", Warning, DAG_SITE_RESILIENCE, "Exchange 2010 does not recommend a witness in a third site: its clients' namespace is switched over by hand anyway, so automatic datacenter failover gains nothing.";
    MAPI_SUBNET = "dag.ip.mapi-subnet", Error, DAG_IP, "Every site with members needs a MAPI subnet: the DAG has one IP address per MAPI subnet.";
    IP_LESS_VERSION = "dag.ip.ip-less-version", Error, DAG_IP, "An IP-less DAG needs Exchange 2013 SP1 or later on Windows Server 2012 R2 or later.";
    PREFERRED_VERSION = "dag.server.preferred-version", Error, DAG_MAILBOX_SERVER, "MaximumPreferredActiveDatabases exists from Exchange 2013 on.";
    CAPACITY = "dag.server.capacity", Warning, DAG_MAILBOX_SERVER, "MaximumActiveDatabases caps must leave room for every database.";
    PREFERRED_OVER_CAP = "dag.server.preferred-over-cap", Warning, DAG_MAILBOX_SERVER, "A server is the first activation preference of no more databases than its MaximumActiveDatabases: the Information Store mounts no more, so the others start elsewhere.";
    DISMOUNTED = "dag.placement.dismounted", Error, DAG_ACTIVE_MANAGER, "Every database must mount on the healthy DAG.";
    STOPPED = "dag.state.stopped", Warning, DAG_SWITCHBACK, "Members stopped by a datacenter switchover run nothing until Start-DatabaseAvailabilityGroup brings them back, once their datacenter and its network are back.";
    ALTERNATE_IN_USE = "dag.state.alternate-witness", Warning, DAG_SWITCHBACK, "After a datacenter switchover the DAG runs on the alternate witness: once the primary datacenter is back, put the witness there again (Set-DatabaseAvailabilityGroup; with no other parameter when it is the same witness).";
    NOT_ON_PREFERENCE = "dag.state.not-on-preference", Info, DAG_REBALANCE, "A database active away from its first activation preference while that copy could run: move it back (Move-ActiveMailboxDatabase, or RedistributeActiveDatabases.ps1 -BalanceDbsByActivationPreference; from Exchange 2016 CU2 PreferenceMoveFrequency does it on its timer).";
    + [ips::SUBNET_TOO_SMALL]
}

fn netbios_ok(name: &str) -> bool {
    crate::scenario::netbios_problem(name).is_none()
}

/// The distinct sites among `sites`, in order.
fn sites_of(sites: impl Iterator<Item = SiteId>) -> Vec<SiteId> {
    let mut sites: Vec<SiteId> = sites.collect();
    crate::order::sort_dedup(&mut sites);
    sites
}

/// The design in words: the DAG, its members, sites and Exchange version.
pub fn mode(dag: &Design) -> String {
    format!(
        "DAG {}: {} members in {} sites, {}",
        dag.scenario.dag_name,
        dag.server_count(),
        sites_of(dag.server_site.iter().copied()).len(),
        dag.scenario.exchange.title()
    )
}

/// What to do now, as `events` leave the DAG (advice, not faults of the design): members still stopped
/// after a datacenter switchover, the alternate witness still in use once the primary witness could vote
/// again, databases active away from a first preference that could run.
pub fn advice(dag: &Design, events: &[super::Event]) -> Vec<Finding> {
    use super::engine::{DatabaseState, copy_exclusion};
    let mut simulation = Simulation::new(dag);
    for &event in events {
        let _ = simulation.apply(event);
    }
    let state = simulation.state();
    let name = dag.scenario.dag_name.as_str();
    let mut findings = Vec::new();
    let stopped: Vec<&str> =
        dag.server_ids().filter(|s| state.stopped[s.index()]).map(|s| dag.server_name(s)).collect();
    if !stopped.is_empty() {
        let message = format!(
            "{} {} stopped: {} nothing until Start-DatabaseAvailabilityGroup brings {} back, once {} reach the running DAG.",
            crate::words::list(&stopped),
            if stopped.len() == 1 { "is" } else { "are" },
            if stopped.len() == 1 { "it runs" } else { "they run" },
            if stopped.len() == 1 { "it" } else { "them" },
            if stopped.len() == 1 { "it can" } else { "they can" },
        );
        findings.push(Finding::new(&STOPPED, SubjectKind::Dag, name, message));
    }
    let primary_back = state.witness_ok && state.site_up[dag.witness_site.index()];
    if state.alternate_in_use && state.quorum.is_some() && primary_back {
        let message = format!(
            "The DAG runs on the alternate witness {} since the datacenter switchover, and the witness {} is back: put the witness there again (Set-DatabaseAvailabilityGroup -Identity {name}).",
            dag.scenario.alternate_witness.as_ref().map_or("", |w| w.server.as_str()),
            dag.scenario.witness.server,
        );
        findings.push(Finding::new(&ALTERNATE_IN_USE, SubjectKind::Witness, &dag.scenario.witness.server, message));
    }
    let away: Vec<&str> = dag
        .database_ids()
        .filter(|&d| match (&state.databases[d.index()], dag.first_active[d.index()]) {
            (DatabaseState::Mounted { copy, .. }, Some(first)) => {
                *copy != first && copy_exclusion(dag, state, first).is_none()
            }
            _ => false,
        })
        .map(|d| dag.database_name(d))
        .collect();
    if !away.is_empty() {
        const SHOWN: usize = 6;
        let names =
            if away.len() > SHOWN { format!("{}, …", away[..SHOWN].join(", ")) } else { crate::words::list(&away) };
        let message = format!(
            "{} active away from {} first activation preference while that copy could run ({names}): move {} back (Move-ActiveMailboxDatabase, or RedistributeActiveDatabases.ps1 -BalanceDbsByActivationPreference).",
            crate::words::count(away.len(), "database is", "databases are"),
            if away.len() == 1 { "its" } else { "their" },
            if away.len() == 1 { "it" } else { "them" },
        );
        findings.push(Finding::new(&NOT_ON_PREFERENCE, SubjectKind::Dag, name, message));
    }
    findings
}

/// Every finding about a DAG design, errors first, then in rule order.
pub fn validate(dag: &Design) -> Vec<Finding> {
    let mut findings = Vec::new();
    let scenario = &dag.scenario;
    let name = scenario.dag_name.as_str();
    let members = scenario.servers.len();
    let mut push = |rule: &Rule, kind: SubjectKind, subject: &str, message: String| {
        findings.push(Finding::new(rule, kind, subject, message));
    };
    if members == 0 {
        push(&NO_MEMBERS, SubjectKind::Dag, name, "The DAG has no members.".into());
    } else if members > 16 {
        push(&TOO_MANY_MEMBERS, SubjectKind::Dag, name, format!("{members} members; a DAG has at most 16."));
    }
    if !netbios_ok(name) {
        push(&NETBIOS_NAME, SubjectKind::Dag, name, format!("\"{name}\" is not a NetBIOS name (1 to 15 characters)."));
    }
    for server in &scenario.servers {
        if !netbios_ok(&server.name) {
            push(
                &NETBIOS_NAME,
                SubjectKind::Server,
                &server.name,
                format!("\"{}\" is not a NetBIOS name.", server.name),
            );
        }
        if server.max_preferred_active.is_some() && scenario.exchange == ExchangeVersion::Exchange2010 {
            push(
                &PREFERRED_VERSION,
                SubjectKind::Server,
                &server.name,
                format!("{} sets MaximumPreferredActiveDatabases, which Exchange 2010 does not have.", server.name),
            );
        }
    }

    // Copies.
    for (d, database) in scenario.databases.iter().enumerate() {
        let copies = database.copies.len();
        let db = database.name.as_str();
        match copies {
            0 => push(&NO_COPIES, SubjectKind::Database, db, format!("{db} has no copies.")),
            1 => push(&SINGLE_COPY, SubjectKind::Database, db, format!("{db} has one copy: nowhere to fail over to.")),
            17.. => push(&TOO_MANY_COPIES, SubjectKind::Database, db, format!("{db} has {copies} copies; at most 16.")),
            _ => {}
        }
        let mut preferences: Vec<u32> = database.copies.iter().map(|c| c.preference).collect();
        preferences.sort_unstable();
        if preferences.iter().enumerate().any(|(i, &p)| p != i as u32 + 1) {
            let listed: Vec<String> = preferences.iter().map(u32::to_string).collect();
            push(
                &PREFERENCE,
                SubjectKind::Database,
                db,
                format!("{db}'s activation preferences are {}; they must be 1 to {copies}.", listed.join(", ")),
            );
        }
        for copy in &database.copies {
            if copy.replay_lag_days > 14 {
                push(
                    &LAG_TOO_LONG,
                    SubjectKind::Copy,
                    &format!("{db}@{}", copy.server),
                    format!("The copy of {db} on {} lags {} days; at most 14.", copy.server, copy.replay_lag_days),
                );
            }
        }
        let first = dag.first_active[d].map(|c| c.index as usize);
        if copies > 1
            && database.copies.iter().enumerate().all(|(c, copy)| Some(c) == first || copy.replay_lag_days > 0)
        {
            push(&ONLY_LAGGED, SubjectKind::Database, db, format!("Every passive copy of {db} is lagged."));
        }
        let sites = sites_of(dag.copy_server[d].iter().map(|&s| dag.site_of(s)));
        let member_sites = sites_of(dag.server_site.iter().copied());
        if member_sites.len() > 1 && sites.len() == 1 && copies > 0 {
            let site = dag.site_name(sites[0]);
            push(
                &ONE_SITE,
                SubjectKind::Database,
                db,
                format!("Every copy of {db} is in {site}: losing {site} loses {db}."),
            );
        }
    }

    // Witness and sites.
    let witness = &scenario.witness;
    if scenario.servers.iter().any(|s| s.name.eq_ignore_ascii_case(&witness.server)) {
        push(
            &WITNESS_MEMBER,
            SubjectKind::Witness,
            &witness.server,
            format!("{} is a DAG member and cannot be its witness.", witness.server),
        );
    }
    if let Some(alternate) = &scenario.alternate_witness
        && scenario.servers.iter().any(|s| s.name.eq_ignore_ascii_case(&alternate.server))
    {
        push(
            &WITNESS_MEMBER,
            SubjectKind::Witness,
            &alternate.server,
            format!("{} is a DAG member and cannot be its alternate witness.", alternate.server),
        );
    }
    let mut per_site: Vec<usize> = vec![0; dag.site_count()];
    for &site in &dag.server_site {
        per_site[site.index()] += 1;
    }
    let member_sites: Vec<SiteId> = dag.site_ids().filter(|s| per_site[s.index()] > 0).collect();
    // The primary datacenter: where most databases are active at the start (ties: the site listed first).
    let mut active_per_site = vec![0usize; dag.site_count()];
    for &first in dag.first_active.iter().flatten() {
        active_per_site[dag.site_of(dag.copy_server(first)).index()] += 1;
    }
    let primary =
        member_sites.iter().copied().max_by_key(|&s| (active_per_site[s.index()], std::cmp::Reverse(s.index())));
    let witness_site = dag.witness_site;
    let even = members > 0 && members.is_multiple_of(2);
    if members > 0 {
        let text = if even {
            format!(
                "{members} members: node and file share majority, {} votes, {} needed; the witness breaks the tie.",
                members + 1,
                members / 2 + 1
            )
        } else {
            format!(
                "{members} members: node majority, {members} votes, {} needed; the witness does not vote.",
                members / 2 + 1
            )
        };
        push(&QUORUM_MODEL, SubjectKind::Dag, name, text);
    }
    let windows = dag.windows();
    if !scenario.exchange.windows_versions().contains(&windows) {
        let allowed: Vec<&str> = scenario.exchange.windows_versions().iter().map(|w| w.title()).collect();
        push(
            &WINDOWS_VERSION,
            SubjectKind::Dag,
            name,
            format!(
                "{} does not run on {}; it runs on {}.",
                scenario.exchange.title(),
                windows.title(),
                allowed.join(", ")
            ),
        );
    }
    if members > 1 {
        let text = match dag.vote_model() {
            VoteModel::Dynamic { witness } => format!(
                "{} has dynamic quorum{}: members failing one after another can go down to the last one; the failure modes count servers lost at once.",
                windows.title(),
                if witness { " and dynamic witness" } else { "" }
            ),
            VoteModel::Static if windows.has_dynamic_quorum() => {
                "Dynamic quorum is turned off (DynamicQuorum = 0): every member keeps its vote, as before Windows Server 2012.".into()
            }
            VoteModel::Static => format!("{} has no dynamic quorum: votes are static.", windows.title()),
        };
        push(&DYNAMIC_QUORUM, SubjectKind::Dag, name, text);
    }
    if member_sites.len() > 1 {
        let ws = dag.site_name(witness_site);
        if per_site[witness_site.index()] == 0 && scenario.exchange == ExchangeVersion::Exchange2010 {
            push(
                &THIRD_SITE_2010,
                SubjectKind::Witness,
                &witness.server,
                format!("The witness stands in {ws}, a third location, for an Exchange 2010 DAG."),
            );
        }
        if per_site[witness_site.index()] == 0 {
            push(
                &WITNESS_THIRD_SITE,
                SubjectKind::Witness,
                &witness.server,
                format!(
                    "The witness stands in {ws}, apart from the members: losing one datacenter fails over automatically."
                ),
            );
        } else if Some(witness_site) == primary {
            push(
                &WITNESS_PRIMARY,
                SubjectKind::Witness,
                &witness.server,
                format!(
                    "The witness stands in {ws}, the primary datacenter: losing {ws} stops the DAG until a datacenter switchover."
                ),
            );
        } else {
            let primary = primary.map_or("", |p| dag.site_name(p));
            push(
                &WITNESS_SECONDARY,
                SubjectKind::Witness,
                &witness.server,
                format!(
                    "The witness stands in {ws}, but the databases are active in {primary}: losing {ws} leaves {primary} without quorum."
                ),
            );
        }
        if member_sites.len() == 2 && per_site[member_sites[0].index()] != per_site[member_sites[1].index()] {
            push(
                &UNEVEN_SITES,
                SubjectKind::Dag,
                name,
                format!(
                    "{} has {} members and {} has {}; the Preferred Architecture splits them evenly.",
                    dag.site_name(member_sites[0]),
                    per_site[member_sites[0].index()],
                    dag.site_name(member_sites[1]),
                    per_site[member_sites[1].index()]
                ),
            );
        }
        match (dag.alternate_site, &scenario.alternate_witness) {
            (None, _) => push(
                &ALTERNATE_MISSING,
                SubjectKind::Dag,
                name,
                "No alternate witness for a datacenter switchover.".into(),
            ),
            (Some(site), Some(alternate)) if site == witness_site => push(
                &ALTERNATE_SAME_SITE,
                SubjectKind::Witness,
                &alternate.server,
                format!(
                    "The alternate witness {} stands in {} beside the witness.",
                    alternate.server,
                    dag.site_name(site)
                ),
            ),
            _ => {}
        }
    }

    // Networks and addresses.
    let mapi: Vec<_> = scenario.networks.iter().filter(|n| n.role == DagNetworkRole::Mapi).collect();
    if mapi.len() > 1 {
        let names: Vec<&str> = mapi.iter().map(|n| n.name.as_str()).collect();
        push(
            &MAPI_COUNT,
            SubjectKind::Dag,
            name,
            format!("{} MAPI networks ({}); a DAG has one.", mapi.len(), names.join(", ")),
        );
    }
    if member_sites.len() > 2 {
        push(
            &SITES_MORE_THAN_TWO,
            SubjectKind::Dag,
            name,
            format!("The members stand in {} datacenters; the Preferred Architecture uses two.", member_sites.len()),
        );
    }
    let lagged = scenario.databases.iter().any(|d| d.copies.iter().any(|c| c.replay_lag_days > 0));
    if scenario.exchange >= ExchangeVersion::Exchange2016 && !scenario.databases.is_empty() && !lagged {
        push(&NO_LAGGED_COPY, SubjectKind::Dag, name, "No database has a lagged copy.".into());
    }
    if mapi.is_empty() {
        push(&NO_MAPI, SubjectKind::Dag, name, "The DAG has no MAPI network.".into());
    } else {
        for &site in &member_sites {
            let site_name = dag.site_name(site);
            if !mapi.iter().any(|n| n.subnets.iter().any(|s| s.site == site_name)) {
                push(
                    &MAPI_SUBNET,
                    SubjectKind::Site,
                    site_name,
                    format!("{site_name} has members but no MAPI subnet."),
                );
            }
        }
    }
    if members > 1 && !scenario.dac_mode {
        let span = if member_sites.len() > 1 { ", and the members span datacenters" } else { "" };
        push(&DAC_RECOMMENDED, SubjectKind::Dag, name, format!("DAC mode is off{span}."));
    }
    if scenario.ip_less && scenario.exchange == ExchangeVersion::Exchange2010 {
        push(&IP_LESS_VERSION, SubjectKind::Dag, name, "Exchange 2010 DAGs need IP addresses.".into());
    } else if scenario.ip_less && windows < WindowsVersion::Windows2012R2 {
        push(
            &IP_LESS_VERSION,
            SubjectKind::Dag,
            name,
            format!("An IP-less DAG needs Windows Server 2012 R2 or later, not {}.", windows.title()),
        );
    }
    let capacity: Option<u32> = scenario.servers.iter().map(|s| s.max_active).sum();
    if let Some(capacity) = capacity
        && (capacity as usize) < scenario.databases.len()
    {
        push(
            &CAPACITY,
            SubjectKind::Dag,
            name,
            format!(
                "The MaximumActiveDatabases caps add up to {capacity}, for {} databases.",
                scenario.databases.len()
            ),
        );
    }

    // A preference-1 layout over a server's own cap.
    for server in dag.server_ids() {
        let Some(max) = scenario.servers[server.index()].max_active else { continue };
        let first: Vec<&str> = dag
            .database_ids()
            .filter(|d| dag.first_active[d.index()].is_some_and(|c| dag.copy_server(c) == server))
            .map(|d| dag.database_name(d))
            .collect();
        if first.len() > max as usize {
            let server_name = dag.server_name(server);
            push(
                &PREFERRED_OVER_CAP,
                SubjectKind::Server,
                server_name,
                format!(
                    "{server_name} is the first activation preference of {} ({}), over its MaximumActiveDatabases ({max}): {} {} elsewhere.",
                    crate::words::count(first.len(), "database", "databases"),
                    crate::words::list(&first),
                    crate::words::list(&first[max as usize..]),
                    if first.len() - max as usize == 1 { "starts" } else { "start" },
                ),
            );
        }
    }

    // The healthy DAG mounts everything.
    let healthy = Simulation::new(dag);
    for d in dag.database_ids() {
        let report = database_report(dag, healthy.state(), d);
        if report.state != MountState::Mounted && !scenario.databases[d.index()].copies.is_empty() {
            push(
                &DISMOUNTED,
                SubjectKind::Database,
                &report.name,
                format!("{} does not mount on the healthy DAG: {}.", report.name, report.reason),
            );
        }
    }
    findings.extend(ips::plan(dag, 0).findings);
    crate::finding::sort(&mut findings, RULES);
    findings
}
