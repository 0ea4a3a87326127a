//! Scenario edits keep every reference whole: after each, the design still loads.

use clusterplan_core::cluster::edit::{self, Thing};
use clusterplan_core::cluster::model::NetworkRole;
use clusterplan_core::cluster::{Design, Scenario, presets, rules};

fn four() -> Scenario {
    presets::preset("four-node-3a1p").unwrap()
}

fn loads(scenario: &Scenario) -> Design {
    Design::new(scenario.clone()).unwrap_or_else(|e| panic!("the edited design does not load: {e}"))
}

#[test]
fn renaming_a_node_renames_every_reference() {
    let mut scenario = four();
    scenario.layout.insert("node4".into(), clusterplan_core::scenario::Position { x: 1.0, y: 2.0 });
    scenario.groups[0].resources[0].possible_owners = Some(vec!["node1".into(), "node4".into()]);
    let renamed = edit::rename(&scenario, Thing::Node, "node4", "standby").unwrap();
    loads(&renamed);
    let text = serde_json::to_string(&renamed).unwrap();
    assert!(!text.contains("\"node4\""), "no reference to node4 is left: {text}");
    assert_eq!(renamed.groups[0].preferred_owners, ["node1", "standby"]);
    assert!(renamed.layout.contains_key("standby"));
    assert_eq!(
        edit::rename(&scenario, Thing::Node, "node4", "node1").unwrap_err(),
        "there is already a node named \"node1\""
    );
    assert_eq!(edit::rename(&scenario, Thing::Node, "node4", "  ").unwrap_err(), "a node needs a name");
}

#[test]
fn renaming_groups_networks_and_disks() {
    let scenario = four();
    let renamed = edit::rename(&scenario, Thing::Group, "EVS1", "MAIL1").unwrap();
    assert_eq!(loads(&renamed).group_name(clusterplan_core::cluster::design::GroupId(0)), "MAIL1");
    let renamed = edit::rename(&scenario, Thing::Network, "public", "lan").unwrap();
    let text = serde_json::to_string(&renamed).unwrap();
    assert!(!text.contains("\"public\"") && text.contains("\"lan\""));
    loads(&renamed);
    let renamed = edit::rename(&scenario, Thing::Disk, "Q", "Quorum").unwrap();
    assert!(matches!(&renamed.quorum, clusterplan_core::cluster::model::Quorum::Disk { disk } if disk == "Quorum"));
    let renamed = edit::rename(&renamed, Thing::Disk, "EVS2-logs", "L2").unwrap();
    assert_eq!(renamed.groups[1].storage_groups[0].log_disk, "L2");
    loads(&renamed);
    assert!(edit::rename(&scenario, Thing::Group, "EVS1", "A/B").is_err());
}

#[test]
fn adding_and_removing_nodes() {
    let (scenario, name) = edit::add_node(&four());
    assert_eq!(name, "node5");
    assert_eq!(scenario.nodes[4].nics.len(), 2, "a NIC on every network");
    loads(&scenario);
    let removed = edit::remove_node(&four(), "node4").unwrap();
    let design = loads(&removed);
    assert!(design.scenario.groups.iter().all(|g| !g.preferred_owners.contains(&"node4".to_string())));
    let removed = edit::remove_node(&removed, "node1").unwrap();
    assert_eq!(removed.groups[0].owner, None, "the owner that left is forgotten");
    loads(&removed);
    assert!(edit::remove_node(&four(), "node9").is_err());
}

#[test]
fn adding_and_removing_evs() {
    let (scenario, name) = edit::add_group(&four()).unwrap();
    assert_eq!(name, "EVS4");
    assert_eq!(scenario.groups[3].preferred_owners, ["node4"], "the node nobody prefers");
    assert!(!scenario.groups[3].resources.iter().any(|r| r.name == "MTA"), "the cluster has its MTA already");
    let design = loads(&scenario);
    assert!(rules::validate(&design).iter().any(|f| f.rule == "config.too-many-evs"));
    let removed = edit::remove_group(&scenario, "EVS2").unwrap();
    assert!(!removed.disks.iter().any(|d| d.name.starts_with("EVS2-")), "its disks go with it");
    loads(&removed);
    let blank = presets::blank("scratch", 2);
    let (first, _) = edit::add_group(&blank).unwrap();
    assert!(first.groups[0].resources.iter().any(|r| r.name == "MTA"), "the first EVS carries the MTA");
    assert!(!clusterplan_core::finding::has_errors(&rules::validate(&loads(&first))));
}

#[test]
fn disks_and_networks_in_use_are_kept() {
    assert_eq!(edit::remove_disk(&four(), "Q").unwrap_err(), "disk Q is used by the quorum: change those first");
    assert!(edit::remove_disk(&four(), "EVS1-logs").unwrap_err().contains("EVS1/Logs Disk, EVS1/SG1"));
    let (scenario, disk) = edit::add_disk(&four());
    loads(&edit::remove_disk(&scenario, &disk).unwrap());
    assert!(edit::remove_network(&four(), "public").unwrap_err().contains("EVS1/IP Address"));
    let without_private = edit::remove_network(&four(), "private").unwrap();
    assert!(without_private.nodes.iter().all(|n| n.nics.len() == 1));
    loads(&without_private);
    let (scenario, network) = edit::add_network(&four(), NetworkRole::Private);
    assert_eq!(network, "network1");
    loads(&scenario);
}
