//! The resource dependency graph: online order respects every dependency, offline is its reverse, cycles
//! have no order, and a failed resource takes its dependents with it.

use clusterplan_core::cluster::design::{Dependency, GroupId};
use clusterplan_core::cluster::graph::DependencyGraph;
use clusterplan_core::cluster::{Design, presets};

fn design(id: &str) -> Design {
    Design::new(presets::preset(id).unwrap()).unwrap()
}

#[test]
fn online_order_puts_dependencies_first() {
    for (id, _) in presets::PRESETS {
        let design = design(id);
        for group in design.group_ids() {
            let graph = DependencyGraph::new(&design, group);
            let order = graph.online_order().expect("presets have no cycle");
            assert_eq!(order.len(), design.group(group).resources.len());
            let position = |r: u32| order.iter().position(|&o| o == r).unwrap();
            for (index, resource) in design.group(group).resources.iter().enumerate() {
                for dependency in &resource.depends_on {
                    let Dependency::Local(required) = *dependency else { panic!("presets stay in their group") };
                    assert!(position(required) < position(index as u32), "{id}: {required} before {index}");
                }
            }
            let mut offline = graph.offline_order().unwrap();
            offline.reverse();
            assert_eq!(offline, order);
        }
    }
}

#[test]
fn the_system_attendant_carries_the_exchange_resources() {
    let design = design("four-node-3a1p");
    let evs1 = GroupId(0);
    let names = |indices: Vec<u32>| -> Vec<String> {
        indices.into_iter().map(|i| design.scenario.groups[0].resources[i as usize].name.clone()).collect()
    };
    let graph = DependencyGraph::new(&design, evs1);
    assert_eq!(names(graph.dependents_of(4)), ["Store", "SMTP", "HTTP", "MS Search", "Routing", "MTA"]);
    assert_eq!(
        names(graph.dependents_of(0)),
        ["Network Name", "System Attendant", "Store", "SMTP", "HTTP", "MS Search", "Routing", "MTA"],
        "everything but the disks needs the IP address"
    );
    assert!(graph.cycles().is_empty());
}

#[test]
fn a_cycle_has_no_order() {
    let mut scenario = presets::preset("two-node-active-passive").unwrap();
    scenario.groups[0].resources[0].depends_on = vec!["System Attendant".into()];
    let design = Design::new(scenario).unwrap();
    let graph = DependencyGraph::new(&design, GroupId(0));
    assert_eq!(graph.online_order(), None);
    assert_eq!(graph.cycles(), [vec![0, 1, 4]], "IP Address → Network Name → System Attendant → IP Address");
}
