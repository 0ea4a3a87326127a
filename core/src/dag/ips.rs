//! The DAG's IP and name plan: one address per MAPI subnet for the DAG (none when IP-less), one per DAG
//! network per member in each site the network reaches, and, where subnets are given, which address goes
//! to whom. The namespace's virtual IP addresses take addresses from the MAPI subnet of their site, after
//! the members (clusterplan's choice: the sources put load balancers in front of each datacenter's servers
//! and say nothing of their subnets).

use schemars::JsonSchema;
use serde::Serialize;

use super::design::Design;
use super::model::DagNetworkRole;
use crate::finding::{Finding, SubjectKind, rules};
use crate::subnet;

rules! {
    SUBNET_TOO_SMALL = "dag.ip.subnet-too-small", Error, DAG_IP, "A subnet must hold every address the DAG and its members put on it.";
}

/// The DAG's static addresses: one per MAPI subnet for the DAG (none when IP-less), one per network per
/// member in each site the network reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct IpPlan {
    pub total: u32,
    pub dag_addresses: u32,
    pub server_addresses: u32,
    /// The namespace's virtual IP addresses (on the load balancers, from the MAPI subnet of their site).
    pub vip_addresses: u32,
    /// Names in DNS: the DAG's (none when IP-less) and the namespace's.
    pub names: u32,
    pub subnets: Vec<SubnetPlan>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SubnetPlan {
    pub network: String,
    pub site: String,
    pub cidr: Option<String>,
    /// Holder and address (when the subnet is known), in order: the DAG first, then the servers.
    pub addresses: Vec<Address>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Address {
    pub holder: String,
    pub address: Option<String>,
}

/// Counts and, where subnets are given, assigns the DAG's addresses (`reserve`: usable addresses left free at
/// the start of each subnet).
pub fn plan(dag: &Design, reserve: u32) -> IpPlan {
    let scenario = &dag.scenario;
    let mut subnets = Vec::new();
    let mut findings = Vec::new();
    let (mut dag_addresses, mut server_addresses) = (0, 0);
    // Every address of the namespace counts, whether or not the design gives its site a subnet.
    let vip_addresses = dag.vip_site.len() as u32;
    for network in &scenario.networks {
        for subnet in &network.subnets {
            let Some(site) = dag.site_id(&subnet.site) else { continue };
            let mut holders = Vec::new();
            if network.role == DagNetworkRole::Mapi && !scenario.ip_less {
                holders.push((scenario.dag_name.clone(), None));
                dag_addresses += 1;
            }
            for server in dag.servers_in(site) {
                holders.push((dag.server_name(server).to_string(), None));
                server_addresses += 1;
            }
            if network.role == DagNetworkRole::Mapi {
                for vip in dag.vip_ids().filter(|v| dag.vip_site[v.index()] == site) {
                    let given = scenario.namespace.as_ref().and_then(|n| n.vips[vip.index()].address);
                    holders.push((format!("{} (load balancer)", dag.vip_name(vip)), given));
                }
            }
            let addresses: Vec<Address> = holders
                .into_iter()
                .enumerate()
                .map(|(i, (holder, given))| Address {
                    holder,
                    address: given
                        .or_else(|| subnet.cidr.and_then(|cidr| subnet::host(cidr, u64::from(reserve) + i as u64)))
                        .map(|a| a.to_string()),
                })
                .collect();
            if let Some(cidr) = subnet.cidr
                && addresses.iter().any(|a| a.address.is_none())
            {
                findings.push(Finding::new(
                    &SUBNET_TOO_SMALL,
                    SubjectKind::Network,
                    format!("{}/{}", network.name, subnet.site),
                    format!(
                        "{cidr} has room for fewer than the {} addresses {} needs in {}{}",
                        addresses.len(),
                        network.name,
                        subnet.site,
                        if reserve > 0 { format!(" after {reserve} reserved") } else { String::new() }
                    ),
                ));
            }
            subnets.push(SubnetPlan {
                network: network.name.clone(),
                site: subnet.site.clone(),
                cidr: subnet.cidr.map(|c| c.to_string()),
                addresses,
            });
        }
    }
    IpPlan {
        total: dag_addresses + server_addresses + vip_addresses,
        dag_addresses,
        server_addresses,
        vip_addresses,
        names: u32::from(!scenario.ip_less) + u32::from(scenario.namespace.is_some()),
        subnets,
        findings,
    }
}
