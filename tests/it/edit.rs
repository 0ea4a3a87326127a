//! Scenario edits keep every reference whole: after each, the design still loads; a refused edit changes
//! nothing.

use clusterplan_core::cluster::edit::{self, Thing};
use clusterplan_core::cluster::model::NetworkRole;
use clusterplan_core::cluster::{Design, Scenario, presets, rules};
use clusterplan_core::edit::Edited;

fn four() -> Scenario {
    presets::preset("four-node-3a1p").unwrap()
}

fn loads(scenario: &Scenario) -> Design {
    Design::new(scenario.clone()).unwrap_or_else(|e| panic!("the edited design does not load: {e}"))
}

/// `scenario` after `change`, which must be accepted, and what it gave back.
fn after<T>(scenario: &Scenario, change: impl FnOnce(&mut Scenario) -> Edited<T>) -> (Scenario, T) {
    let mut edited = scenario.clone();
    let given = change(&mut edited).unwrap_or_else(|refused| panic!("refused: {refused}"));
    (edited, given)
}

/// Why `change` is refused; the scenario must be as it was.
fn refused<T: std::fmt::Debug>(scenario: &Scenario, change: impl FnOnce(&mut Scenario) -> Edited<T>) -> String {
    let mut edited = scenario.clone();
    let refusal = change(&mut edited).expect_err("the edit is refused");
    assert_eq!(&edited, scenario, "a refused edit changes nothing");
    refusal.to_string()
}

#[test]
fn renaming_a_node_renames_every_reference() {
    let mut scenario = four();
    scenario.layout.insert("node4".into(), clusterplan_core::scenario::Position { x: 1.0, y: 2.0 });
    scenario.groups[0].resources[0].possible_owners = Some(vec!["node1".into(), "node4".into()]);
    let (renamed, ()) = after(&scenario, |s| edit::rename(s, Thing::Node, "node4", "standby"));
    loads(&renamed);
    let text = serde_json::to_string(&renamed).unwrap();
    assert!(!text.contains("\"node4\""), "no reference to node4 is left: {text}");
    assert_eq!(renamed.groups[0].preferred_owners, ["node1", "standby"]);
    assert!(renamed.layout.contains_key("standby"));
    assert_eq!(
        refused(&scenario, |s| edit::rename(s, Thing::Node, "node4", "node1")),
        "there is already a node named \"node1\""
    );
    assert_eq!(refused(&scenario, |s| edit::rename(s, Thing::Node, "node4", "  ")), "a node needs a name");
}

#[test]
fn renaming_groups_networks_and_disks() {
    let scenario = four();
    let (renamed, ()) = after(&scenario, |s| edit::rename(s, Thing::Group, "EVS1", "MAIL1"));
    assert_eq!(loads(&renamed).group_name(clusterplan_core::cluster::design::GroupId(0)), "MAIL1");
    let (renamed, ()) = after(&scenario, |s| edit::rename(s, Thing::Network, "public", "lan"));
    let text = serde_json::to_string(&renamed).unwrap();
    assert!(!text.contains("\"public\"") && text.contains("\"lan\""));
    loads(&renamed);
    let (renamed, ()) = after(&scenario, |s| edit::rename(s, Thing::Disk, "Q", "Quorum"));
    assert!(matches!(&renamed.quorum, clusterplan_core::cluster::model::Quorum::Disk { disk } if disk == "Quorum"));
    let (renamed, ()) = after(&renamed, |s| edit::rename(s, Thing::Disk, "EVS2-logs", "L2"));
    assert_eq!(renamed.groups[1].storage_groups[0].log_disk, "L2");
    loads(&renamed);
    assert_eq!(refused(&scenario, |s| edit::rename(s, Thing::Group, "EVS1", "A/B")), "an EVS name cannot contain '/'");
}

#[test]
fn adding_and_removing_nodes() {
    let (scenario, name) = after(&four(), edit::add_node);
    assert_eq!(name, "node5");
    assert_eq!(scenario.nodes[4].nics.len(), 2, "a NIC on every network");
    loads(&scenario);
    let (removed, ()) = after(&four(), |s| edit::remove_node(s, "node4"));
    let design = loads(&removed);
    assert!(design.scenario.groups.iter().all(|g| !g.preferred_owners.contains(&"node4".to_string())));
    let (removed, ()) = after(&removed, |s| edit::remove_node(s, "node1"));
    assert_eq!(removed.groups[0].owner, None, "the owner that left is forgotten");
    loads(&removed);
    assert_eq!(refused(&four(), |s| edit::remove_node(s, "node9")), "there is no node named \"node9\"");
}

#[test]
fn adding_and_removing_evs() {
    let (scenario, name) = after(&four(), edit::add_group);
    assert_eq!(name, "EVS4");
    assert_eq!(scenario.groups[3].preferred_owners, ["node4"], "the node nobody prefers");
    assert!(!scenario.groups[3].resources.iter().any(|r| r.name == "MTA"), "the cluster has its MTA already");
    let design = loads(&scenario);
    assert!(rules::validate(&design).iter().any(|f| f.rule == "config.too-many-evs"));
    let (removed, ()) = after(&scenario, |s| edit::remove_group(s, "EVS2"));
    assert!(!removed.disks.iter().any(|d| d.name.starts_with("EVS2-")), "its disks go with it");
    loads(&removed);
    let blank = presets::blank("scratch", 2);
    let (first, _) = after(&blank, edit::add_group);
    assert!(first.groups[0].resources.iter().any(|r| r.name == "MTA"), "the first EVS carries the MTA");
    assert!(!clusterplan_core::finding::has_errors(&rules::validate(&loads(&first))));
    // A disk already named as the new EVS's would be: refused whole, no disk added.
    let mut taken = four();
    taken.disks.push(clusterplan_core::cluster::model::Disk { name: "EVS4-data".into(), raid: true });
    assert_eq!(refused(&taken, edit::add_group), "a disk named \"EVS4-data\" exists already: rename it first");
}

#[test]
fn disks_and_networks_in_use_are_kept() {
    assert_eq!(refused(&four(), |s| edit::remove_disk(s, "Q")), "disk Q is used by the quorum: change those first");
    assert!(refused(&four(), |s| edit::remove_disk(s, "EVS1-logs")).contains("EVS1/Logs Disk, EVS1/SG1"));
    let (scenario, disk) = after(&four(), edit::add_disk);
    loads(&after(&scenario, |s| edit::remove_disk(s, &disk)).0);
    assert!(refused(&four(), |s| edit::remove_network(s, "public")).contains("EVS1/IP Address"));
    let (without_private, ()) = after(&four(), |s| edit::remove_network(s, "private"));
    assert!(without_private.nodes.iter().all(|n| n.nics.len() == 1));
    loads(&without_private);
    let (scenario, network) = after(&four(), |s| edit::add_network(s, NetworkRole::Private));
    assert_eq!(network, "network1");
    loads(&scenario);
}

#[test]
fn settings_change_one_thing_or_are_refused() {
    use clusterplan_core::cluster::edit::{FailbackKind, GroupSetting, Setting, set};
    use clusterplan_core::cluster::model::{Failback, RestartAction};
    let group = |setting| Setting::Group("EVS1".into(), setting);
    let (scenario, ()) = after(&four(), |s| set(s, group(GroupSetting::Failback(FailbackKind::Window))));
    assert_eq!(scenario.groups[0].failback, Failback::Window { start_hour: 22, end_hour: 4 }, "a night, by default");
    let (scenario, ()) = after(&scenario, |s| set(s, group(GroupSetting::WindowHour { end: true, hour: 6 })));
    assert_eq!(scenario.groups[0].failback, Failback::Window { start_hour: 22, end_hour: 6 });
    let (scenario, ()) = after(&scenario, |s| set(s, group(GroupSetting::Failback(FailbackKind::Window))));
    assert_eq!(scenario.groups[0].failback, Failback::Window { start_hour: 22, end_hour: 6 }, "a window is kept");
    let (scenario, ()) = after(&scenario, |s| set(s, group(GroupSetting::Restart(0, RestartAction::DontRestart))));
    assert_eq!(scenario.groups[0].resources[0].restart.action, RestartAction::DontRestart);
    let (scenario, ()) = after(&scenario, |s| set(s, group(GroupSetting::AddStorageGroup)));
    let added = scenario.groups[0].storage_groups.last().unwrap();
    assert_eq!((added.name.as_str(), added.stores), ("SG2", 1));
    loads(&scenario);
    let (scenario, ()) = after(&scenario, |s| set(s, group(GroupSetting::RemoveStorageGroup(1))));
    assert_eq!(scenario.groups[0].storage_groups.len(), 1);
    let (scenario, ()) = after(&scenario, |s| set(s, Setting::ClusterName("  CLUSTER2 ".into())));
    assert_eq!(scenario.cluster_name, "CLUSTER2", "trimmed");
    assert_eq!(
        refused(&four(), |s| set(s, group(GroupSetting::WindowHour { end: false, hour: 1 }))),
        "EVS1 fails back without a window of hours"
    );
    assert_eq!(
        refused(&four(), |s| set(s, group(GroupSetting::Stores(5, 2)))),
        "EVS1 has no storage group at position 6"
    );
    assert_eq!(
        refused(&four(), |s| set(s, Setting::Group("EVS9".into(), GroupSetting::MapiUsers(1)))),
        "there is no EVS named \"EVS9\""
    );
    assert_eq!(refused(&four(), |s| set(s, Setting::Raid("Z".into(), true))), "there is no disk named \"Z\"");
    assert_eq!(refused(&four(), |s| set(s, Setting::Subnet("lan".into(), None))), "there is no network named \"lan\"");
}
