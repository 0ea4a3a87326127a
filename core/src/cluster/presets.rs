//! Built-in designs from the sources: the clustering guide's active/passive and active/active examples.
//! In every preset nodes are `node1`…`nodeN` and EVSi prefers nodei.

use super::edit;
use super::model::{
    Disk, ExchangeEdition, FrontEnds, Network, NetworkRole, Nic, Node, Quorum, Scenario, WindowsEdition,
};
use crate::scenario::FORMAT_VERSION;

/// Preset ids with what each shows.
pub const PRESETS: &[(&str, &str)] = &[
    ("four-node-3a1p", "Four nodes, three active and one passive: the clustering guide's active/passive example."),
    ("two-node-active-passive", "Two nodes, one EVS: the smallest active/passive cluster."),
    (
        "two-node-active-active",
        "Two nodes, two EVS: active/active, strongly discouraged; after a failover one node runs both.",
    ),
    ("eight-node-7a1p", "Eight nodes, seven active and one passive: active/passive at the limit."),
];

/// The preset with this id: each with the client tier KB 837852 recommends, two front-end servers behind
/// Network Load Balancing, outside the cluster.
pub fn preset(id: &str) -> Option<Scenario> {
    let mut scenario = back_end(id)?;
    scenario.front_ends = FrontEnds { servers: vec!["fe1".into(), "fe2".into()], nlb: true };
    Some(scenario)
}

/// The back-end cluster of the preset `id`.
fn back_end(id: &str) -> Option<Scenario> {
    Some(match id {
        "four-node-3a1p" => cluster("Four-node cluster, 3 active / 1 passive", 4, 3, PREFERENCE_PASSIVE),
        "two-node-active-passive" => {
            // The same 3,000 users as the active/active preset, on one EVS.
            let mut scenario = cluster("Two-node cluster, active/passive", 2, 1, PREFERENCE_PASSIVE);
            scenario.groups[0].mapi_users = 3000;
            scenario
        }
        "two-node-active-active" => {
            let mut scenario = cluster("Two-node cluster, active/active", 2, 2, PREFERENCE_PARTNER);
            for group in &mut scenario.groups {
                group.mapi_users = 1500;
            }
            scenario
        }
        "eight-node-7a1p" => cluster("Eight-node cluster, 7 active / 1 passive", 8, 7, PREFERENCE_PASSIVE),
        _ => return None,
    })
}

/// An active/passive cluster of `nodes` nodes and `evs` EVS built like the presets (EVSi on nodei,
/// preferring nodei then the passive nodes). Beyond 8 nodes it is no supported Exchange 2003 design,
/// but it is the size the benchmarks use.
pub fn active_passive(name: &str, nodes: usize, evs: usize) -> Scenario {
    cluster(name, nodes, evs, PREFERENCE_PASSIVE)
}

/// EVSi prefers nodei, then the passive nodes.
const PREFERENCE_PASSIVE: fn(usize, usize, usize) -> Vec<usize> =
    |evs, nodes, evs_count| std::iter::once(evs).chain(evs_count + 1..=nodes).collect();

/// EVSi prefers nodei, then the other node (active/active).
const PREFERENCE_PARTNER: fn(usize, usize, usize) -> Vec<usize> =
    |evs, nodes, _| std::iter::once(evs).chain((1..=nodes).filter(|&n| n != evs)).collect();

fn cluster(name: &str, nodes: usize, evs: usize, preference: fn(usize, usize, usize) -> Vec<usize>) -> Scenario {
    let node_name = |i: usize| format!("node{i}");
    let mut scenario = blank(name, nodes);
    for i in 1..=evs {
        let (mut group, disks) = edit::evs(&format!("EVS{i}"), "public", i == 1);
        group.owner = Some(node_name(i));
        group.preferred_owners = preference(i, nodes, evs).into_iter().map(node_name).collect();
        scenario.disks.extend(disks);
        scenario.groups.push(group);
    }
    scenario
}

/// A design to start from scratch: `nodes` nodes on a public (mixed) and a private network, a quorum
/// disk, no EVS yet.
pub fn blank(name: &str, nodes: usize) -> Scenario {
    let node_name = |i: usize| format!("node{i}");
    Scenario {
        version: FORMAT_VERSION,
        name: name.into(),
        description: String::new(),
        windows: WindowsEdition::Server2003Enterprise,
        exchange: ExchangeEdition::Exchange2003Enterprise,
        cluster_name: "EXCLUSTER".into(),
        quorum: Quorum::Disk { disk: "Q".into() },
        nodes: (1..=nodes)
            .map(|i| Node {
                name: node_name(i),
                nics: vec![
                    Nic { network: "public".into(), dhcp: false },
                    Nic { network: "private".into(), dhcp: false },
                ],
            })
            .collect(),
        networks: vec![
            Network {
                name: "public".into(),
                role: NetworkRole::Mixed,
                subnet: Some("192.168.10.0/24".parse().expect("valid subnet")),
            },
            Network {
                name: "private".into(),
                role: NetworkRole::Private,
                subnet: Some("10.10.10.0/24".parse().expect("valid subnet")),
            },
        ],
        disks: vec![Disk { name: "Q".into(), raid: true }],
        cluster_group: Default::default(),
        groups: Vec::new(),
        front_ends: Default::default(),
        script: Vec::new(),
        timing: Default::default(),
        layout: Default::default(),
    }
}
