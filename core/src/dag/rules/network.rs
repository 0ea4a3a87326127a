//! The DAG's networks and addresses: one MAPI network with a subnet in every site with members, and an
//! IP-less DAG only where Exchange and Windows allow it; the address plan's own findings.

use super::*;
use crate::dag::design::Design;
use crate::dag::ips;
use crate::dag::model::{DagNetworkRole, ExchangeVersion, WindowsVersion};
use crate::finding::{Finding, Rule, SubjectKind};

/// MAPI networks, subnets and an IP-less DAG.
pub(super) fn networks_and_addresses(dag: &Design, findings: &mut Vec<Finding>) {
    let scenario = &dag.scenario;
    let name = scenario.dag_name.as_str();
    let mut push = |rule: &Rule, kind: SubjectKind, subject: &str, message: String| {
        findings.push(Finding::new(rule, kind, subject, message));
    };
    let (_, member_sites) = members_per_site(dag);
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
    let windows = dag.windows();
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
    if !scenario.ip_less
        && scenario.exchange >= ExchangeVersion::Exchange2016
        && windows >= WindowsVersion::Windows2012R2
    {
        let message = format!(
            "{} recommends a DAG without an administrative access point (no IP address, no cluster name \
             object): give it the address [System.Net.IPAddress]::None when it is made.",
            scenario.exchange.title()
        );
        push(&IP_LESS_RECOMMENDED, SubjectKind::Dag, name, message);
    }
    findings.extend(ips::plan(dag, 0).findings);
}
