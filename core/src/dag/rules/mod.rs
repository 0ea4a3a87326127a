//! The DAG rules (docs/domain.md, "Database Availability Groups") as findings, like the 2003 rules: stable
//! ids, severity, subject, a sentence and a source. `validate` returns every finding at once and never
//! fails.

mod advice;
mod capacity;
mod copies;
mod members;
mod network;
mod sites;

pub use advice::{advice, advice_at};

use super::design::{Design, SiteId};
use super::ips;
use crate::finding::{Finding, rules};

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
    CLOUD_WITNESS = "dag.witness.cloud", Error, DAG_CLOUD_WITNESS, "Exchange Server does not support Windows' cloud witness: the witness is a file share on a server that is not a DAG member.";
    WITNESS_THIRD_SITE = "dag.witness.third-site", Info, DAG_SITE_RESILIENCE, "The witness in a third location lets the DAG fail over a whole datacenter automatically.";
    WITNESS_PRIMARY = "dag.witness.primary", Info, DAG_SITE_RESILIENCE, "With only two datacenters the witness stands in the primary one; losing it needs a datacenter switchover.";
    WITNESS_SECONDARY = "dag.witness.secondary", Warning, DAG_SITE_RESILIENCE, "With two datacenters, put the witness in the primary one (where the databases are active), not the secondary.";
    QUORUM_MODEL = "dag.quorum.model", Info, DAG_QUORUM, "Odd member count: node majority; even: node and file share majority, the witness breaks the tie.";
    WINDOWS_VERSION = "dag.windows.version", Error, EXCHANGE_SUPPORTABILITY, "Each Exchange version runs only on the Windows Server versions its supportability matrix lists.";
    WINDOWS_MIXED = "dag.windows.mixed", Error, DAG_OPERATING_SYSTEM, "Every DAG member runs the same Windows Server version.";
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
    IP_LESS_RECOMMENDED = "dag.ip.ip-less-recommended", Info, DAG_IP_LESS, "From Exchange 2016 on (on Windows Server 2012 R2 or later), a DAG without an administrative access point (IP-less) is recommended: no IP addresses, cluster name object or DNS record to manage.";
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

/// Per site, how many members stand there; and the sites with members, in order.
fn members_per_site(dag: &Design) -> (Vec<usize>, Vec<SiteId>) {
    let mut per_site: Vec<usize> = vec![0; dag.site_count()];
    for &site in &dag.server_site {
        per_site[site.index()] += 1;
    }
    let member_sites = dag.site_ids().filter(|s| per_site[s.index()] > 0).collect();
    (per_site, member_sites)
}

/// Every finding about a DAG design, errors first, then in rule order.
pub fn validate(dag: &Design) -> Vec<Finding> {
    let mut findings = Vec::new();
    let checks: &[fn(&Design, &mut Vec<Finding>)] = &[
        members::members_and_names,
        members::versions_and_votes,
        members::dac_mode,
        copies::copies,
        sites::witness_and_sites,
        network::networks_and_addresses,
        capacity::caps_and_placement,
    ];
    for check in checks {
        check(dag, &mut findings);
    }
    crate::finding::sort(&mut findings, RULES);
    findings
}
