//! The IP and name plan: how many static addresses and names the design needs (2n + e + 1 in the
//! recommended layout, plus the front-end servers and their NLB virtual address on lines of their own), and
//! given subnets, which address goes where.

use std::collections::HashSet;
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use schemars::JsonSchema;
use serde::Serialize;

use super::design::{Design, NetworkId, ResourceId};
use super::model::{MsdtcPlacement, ResourceKind};
use crate::finding::{Finding, SubjectKind, rules};
use crate::subnet;

rules! {
    SUBNET_TOO_SMALL = "ip.subnet-too-small", Error, IP_ADDRESSES, "A subnet must hold every static address the design puts on its network.";
    SUBNETS_OVERLAP = "ip.subnets-overlap", Error, IP_ADDRESSES, "Each cluster network needs a subnet of its own.";
}

/// One static address the design needs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Need {
    kind: NeedKind,
    network: Option<NetworkId>,
    holder: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NeedKind {
    Cluster,
    Evs,
    Msdtc,
    NodeNic,
    /// A front-end server's address (outside the cluster, on the client network).
    FrontEnd,
    /// The Network Load Balancing cluster's virtual address.
    NlbVirtual,
}

/// A line of the count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Line {
    pub item: String,
    pub count: u32,
}

/// The count the clustering guide recommends: 2n + e + 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Recommended {
    pub formula: String,
    pub nodes: u32,
    pub evs: u32,
    pub total: u32,
}

/// A name the design needs registered (NetBIOS and DNS).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct NameNeed {
    pub name: String,
    pub holder: String,
}

/// A static address and who holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Assignment {
    pub holder: String,
    pub network: Option<String>,
    pub subnet: Option<Ipv4Net>,
    /// `None` when the network has no subnet or its subnet is full.
    pub address: Option<Ipv4Addr>,
}

/// The whole plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct IpPlan {
    pub total: u32,
    pub breakdown: Vec<Line>,
    pub recommended: Recommended,
    pub names: Vec<NameNeed>,
    pub assignments: Vec<Assignment>,
    pub findings: Vec<Finding>,
}

/// Subnets per network, in network order.
pub type Subnets = Vec<Option<Ipv4Net>>;

/// The subnets the scenario itself gives its networks.
pub fn scenario_subnets(design: &Design) -> Subnets {
    design.scenario.networks.iter().map(|n| n.subnet).collect()
}

/// Matches subnets given as `NETWORK=CIDR` or plain `CIDR` to networks: named ones first, then plain ones
/// to the remaining networks in design order. Networks left over keep the scenario's subnet.
pub fn match_subnets(design: &Design, given: &[(Option<String>, Ipv4Net)]) -> Result<Subnets, String> {
    let mut subnets = scenario_subnets(design);
    let mut set = vec![false; subnets.len()];
    for (name, subnet) in given {
        if let Some(name) = name {
            let network = design.network_id(name).ok_or_else(|| format!("no network named \"{name}\""))?;
            if set[network.index()] {
                return Err(format!("two subnets given for network \"{name}\""));
            }
            subnets[network.index()] = Some(*subnet);
            set[network.index()] = true;
        }
    }
    let mut free = (0..subnets.len()).filter(|&i| !set[i]).collect::<Vec<_>>().into_iter();
    for (_, subnet) in given.iter().filter(|(name, _)| name.is_none()) {
        let network = free.next().ok_or_else(|| {
            format!("subnet {subnet} is one more than the design has networks ({})", design.scenario.networks.len())
        })?;
        subnets[network] = Some(*subnet);
    }
    Ok(subnets)
}

fn needs(design: &Design) -> Vec<Need> {
    let scenario = &design.scenario;
    let mut needs = Vec::new();
    needs.push(Need {
        kind: NeedKind::Cluster,
        network: design.cluster_network,
        holder: format!("cluster {}", scenario.cluster_name),
    });
    for group in design.group_ids() {
        for (index, resource) in design.group(group).resources.iter().enumerate() {
            if scenario.groups[group.index()].resources[index].kind == ResourceKind::IpAddress {
                needs.push(Need {
                    kind: NeedKind::Evs,
                    network: resource.network,
                    holder: design.resource_path(ResourceId { group, index: index as u32 }),
                });
            }
        }
    }
    if scenario.cluster_group.msdtc.placement == MsdtcPlacement::OwnGroup {
        needs.push(Need { kind: NeedKind::Msdtc, network: design.cluster_network, holder: "MSDTC group".into() });
    }
    for node in design.node_ids() {
        for nic in &scenario.nodes[node.index()].nics {
            needs.push(Need {
                kind: NeedKind::NodeNic,
                network: design.network_id(&nic.network),
                holder: format!("{} NIC on {}", design.node_name(node), nic.network),
            });
        }
    }
    // The client tier stands outside the cluster, on the network clients use (the cluster address's).
    for front_end in &scenario.front_ends.servers {
        needs.push(Need {
            kind: NeedKind::FrontEnd,
            network: design.cluster_network,
            holder: format!("front-end {front_end}"),
        });
    }
    if scenario.front_ends.nlb && !scenario.front_ends.servers.is_empty() {
        needs.push(Need {
            kind: NeedKind::NlbVirtual,
            network: design.cluster_network,
            holder: "NLB virtual IP (front-end servers)".into(),
        });
    }
    needs
}

/// How many static addresses the design needs, without assigning any.
pub fn count(design: &Design) -> u32 {
    needs(design).len() as u32
}

/// The static addresses of the cluster itself, as the clustering guide counts them (2n + e + 1 in the
/// recommended layout): the client tier's front-end servers and NLB address, outside the cluster, left out.
pub fn count_cluster(design: &Design) -> u32 {
    needs(design).iter().filter(|n| !matches!(n.kind, NeedKind::FrontEnd | NeedKind::NlbVirtual)).count() as u32
}

/// Findings about the subnets: too small for what the design puts on them, or overlapping.
pub fn subnet_findings(design: &Design, subnets: &Subnets) -> Vec<Finding> {
    subnet_findings_with_reserve(design, subnets, 0)
}

fn subnet_findings_with_reserve(design: &Design, subnets: &Subnets, reserve: u32) -> Vec<Finding> {
    let mut findings = Vec::new();
    let needs = needs(design);
    for (n, subnet) in subnets.iter().enumerate() {
        let Some(subnet) = subnet else { continue };
        let name = design.network_name(NetworkId(n as u32));
        let wanted = needs.iter().filter(|need| need.network == Some(NetworkId(n as u32))).count() as u64;
        let room = subnet::usable(*subnet).saturating_sub(reserve as u64);
        if wanted > room {
            let reserved = if reserve > 0 { format!(" after {reserve} reserved") } else { String::new() };
            findings.push(Finding::new(
                &SUBNET_TOO_SMALL,
                SubjectKind::Network,
                name,
                format!(
                    "Subnet {subnet} of network {name} has {room} usable addresses{reserved}; the design needs {wanted} there."
                ),
            ));
        }
        for (m, other) in subnets.iter().enumerate().skip(n + 1) {
            if let Some(other) = other
                && subnet::overlap(*subnet, *other)
            {
                let other_name = design.network_name(NetworkId(m as u32));
                findings.push(Finding::new(
                    &SUBNETS_OVERLAP,
                    SubjectKind::Network,
                    other_name,
                    format!(
                        "Networks {name} ({subnet}) and {other_name} ({other}) overlap: each network needs a subnet of its own."
                    ),
                ));
            }
        }
    }
    findings
}

/// The plan: the count, its breakdown, the names, and an address for each holder where a subnet is known.
/// The first `reserve` usable addresses of each subnet (gateways, say) are left alone.
pub fn plan(design: &Design, subnets: &Subnets, reserve: u32) -> IpPlan {
    let scenario = &design.scenario;
    let needs = needs(design);
    let nodes = scenario.nodes.len() as u32;
    let evs = scenario.groups.len() as u32;
    let of_kind = |kind: NeedKind| needs.iter().filter(|n| n.kind == kind).count() as u32;
    let (nics, evs_ips, msdtc) = (of_kind(NeedKind::NodeNic), of_kind(NeedKind::Evs), of_kind(NeedKind::Msdtc));
    let mut breakdown = vec![
        Line { item: format!("node NICs ({nodes} nodes, public and private)"), count: nics },
        Line { item: "cluster IP address (Cluster Group)".into(), count: 1 },
        Line { item: format!("EVS IP addresses ({evs} EVS)"), count: evs_ips },
    ];
    if msdtc == 1 {
        breakdown.push(Line { item: "MSDTC in its own group".into(), count: 1 });
    }
    // The client tier: its own lines, apart from the cluster's 2n + e + 1.
    let (front_ends, nlb) = (of_kind(NeedKind::FrontEnd), of_kind(NeedKind::NlbVirtual));
    if front_ends > 0 {
        breakdown
            .push(Line { item: format!("front-end servers ({front_ends}, outside the cluster)"), count: front_ends });
    }
    if nlb > 0 {
        breakdown
            .push(Line { item: "NLB virtual IP address (the front-end servers' shared address)".into(), count: 1 });
    }

    let mut names: Vec<NameNeed> =
        vec![NameNeed { name: scenario.cluster_name.clone(), holder: "cluster (Cluster Group)".into() }];
    names.extend(scenario.nodes.iter().map(|n| NameNeed { name: n.name.clone(), holder: "node".into() }));
    names.extend(scenario.groups.iter().map(|g| NameNeed { name: g.name.clone(), holder: "EVS".into() }));
    if msdtc == 1 {
        names.push(NameNeed { name: "MSDTC".into(), holder: "MSDTC group".into() });
    }
    names.extend(
        scenario.front_ends.servers.iter().map(|s| NameNeed { name: s.clone(), holder: "front-end server".into() }),
    );

    let mut used: HashSet<Ipv4Addr> = HashSet::new();
    let mut next: Vec<u64> = vec![0; subnets.len()];
    let mut assignments = Vec::with_capacity(needs.len());
    for need in &needs {
        let subnet = need.network.and_then(|n| subnets[n.index()]);
        let mut address = None;
        if let (Some(network), Some(subnet)) = (need.network, subnet) {
            // The first `reserve` usable addresses are left alone; addresses another network took are skipped.
            let cursor = &mut next[network.index()];
            *cursor = (*cursor).max(reserve as u64);
            while let Some(candidate) = subnet::host(subnet, *cursor) {
                *cursor += 1;
                if used.insert(candidate) {
                    address = Some(candidate);
                    break;
                }
            }
        }
        assignments.push(Assignment {
            holder: need.holder.clone(),
            network: need.network.map(|n| design.network_name(n).to_string()),
            subnet,
            address,
        });
    }

    IpPlan {
        total: needs.len() as u32,
        breakdown,
        recommended: Recommended {
            formula: format!("2n + e + 1 = 2×{nodes} + {evs} + 1"),
            nodes,
            evs,
            total: 2 * nodes + evs + 1,
        },
        names,
        assignments,
        findings: subnet_findings_with_reserve(design, subnets, reserve),
    }
}
