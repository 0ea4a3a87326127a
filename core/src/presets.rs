//! Built-in designs from the sources: the clustering guide's active/passive and active/active examples.
//! In every preset nodes are `node1`…`nodeN` and EVSi prefers nodei.

use crate::model::{
    Disk, ExchangeEdition, FORMAT_VERSION, Group, Network, NetworkRole, Nic, Node, Quorum, Resource, ResourceKind,
    Scenario, StorageGroup, WindowsEdition,
};

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

/// The preset with this id.
pub fn preset(id: &str) -> Option<Scenario> {
    Some(match id {
        "four-node-3a1p" => cluster("Four-node cluster, 3 active / 1 passive", 4, 3, PREFERENCE_PASSIVE),
        "two-node-active-passive" => cluster("Two-node cluster, active/passive", 2, 1, PREFERENCE_PASSIVE),
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
    let mut disks = vec![Disk { name: "Q".into(), raid: true }];
    let mut groups = Vec::with_capacity(evs);
    for i in 1..=evs {
        let evs_name = format!("EVS{i}");
        let (logs, data) = (format!("{evs_name}-logs"), format!("{evs_name}-data"));
        disks.push(Disk { name: logs.clone(), raid: true });
        disks.push(Disk { name: data.clone(), raid: true });
        let resource = |name: &str, kind: ResourceKind, depends_on: &[&str]| Resource {
            name: name.into(),
            kind,
            depends_on: depends_on.iter().map(|d| d.to_string()).collect(),
            possible_owners: None,
            disk: None,
            network: None,
            restart: Default::default(),
            health: Default::default(),
        };
        let mut resources = vec![
            Resource { network: Some("public".into()), ..resource("IP Address", ResourceKind::IpAddress, &[]) },
            resource("Network Name", ResourceKind::NetworkName, &["IP Address"]),
            Resource { disk: Some(logs.clone()), ..resource("Logs Disk", ResourceKind::PhysicalDisk, &[]) },
            Resource { disk: Some(data.clone()), ..resource("Data Disk", ResourceKind::PhysicalDisk, &[]) },
            resource("System Attendant", ResourceKind::SystemAttendant, &["Network Name", "Logs Disk", "Data Disk"]),
            resource("Store", ResourceKind::Store, &["System Attendant"]),
            resource("SMTP", ResourceKind::Smtp, &["System Attendant"]),
            resource("HTTP", ResourceKind::Http, &["System Attendant"]),
            resource("MS Search", ResourceKind::MsSearch, &["System Attendant"]),
            resource("Routing", ResourceKind::Routing, &["System Attendant"]),
        ];
        if i == 1 {
            resources.push(resource("MTA", ResourceKind::Mta, &["System Attendant"]));
        }
        groups.push(Group {
            name: evs_name,
            role: Default::default(),
            owner: Some(node_name(i)),
            preferred_owners: preference(i, nodes, evs).into_iter().map(node_name).collect(),
            failover: Default::default(),
            failback: Default::default(),
            resources,
            storage_groups: vec![StorageGroup { name: "SG1".into(), stores: 2, log_disk: logs, database_disk: data }],
            mapi_users: 0,
            store_cpu_percent: None,
            components: Vec::new(),
        });
    }
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
        disks,
        cluster_group: Default::default(),
        groups,
        front_ends: Default::default(),
        layout: Default::default(),
    }
}
