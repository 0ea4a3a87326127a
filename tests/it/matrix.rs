//! The failure matrix on the presets: counts, tolerance, worst cases, and agreement with the simulation.

use clusterplan_core::cluster::matrix::FailureMatrix;
use clusterplan_core::cluster::{Design, Event, Options, presets, report};
use clusterplan_core::combinations::count as combinations;

fn design(id: &str) -> Design {
    Design::new(presets::preset(id).unwrap()).unwrap()
}

#[test]
fn counts_every_subset() {
    assert_eq!(combinations(8, 8), 256);
    assert_eq!(combinations(16, 16), 65_536);
    assert_eq!(combinations(4, 2), 11);
    assert_eq!(combinations(3, 9), 8, "more failures than nodes means all of them");
    let matrix = FailureMatrix::compute(&design("eight-node-7a1p"), None).unwrap();
    assert_eq!(matrix.len(), 256);
    let summary = matrix.summary(&design("eight-node-7a1p"));
    let per_level: Vec<u64> = summary.levels.iter().map(|l| l.combinations).collect();
    assert_eq!(per_level, vec![1, 8, 28, 56, 70, 56, 28, 8, 1]);
}

#[test]
fn one_passive_node_tolerates_exactly_one_failure() {
    for id in ["four-node-3a1p", "eight-node-7a1p", "two-node-active-passive", "two-node-active-active"] {
        let design = design(id);
        let summary = FailureMatrix::compute(&design, None).unwrap().summary(&design);
        assert_eq!(summary.tolerates_any, 1, "{id}");
        assert!(summary.levels[1].tolerated && !summary.levels[2].tolerated, "{id}");
    }
    let design = design("eight-node-7a1p");
    let summary = FailureMatrix::compute(&design, None).unwrap().summary(&design);
    let first_loss = summary.first_loss.unwrap();
    assert_eq!(first_loss.failed, ["node1", "node2"], "EVS1 takes the passive node8, EVS2 has nowhere to go");
    assert_eq!(first_loss.online, 6);
    // With every node failed nothing runs and there is no quorum.
    let last = summary.levels.last().unwrap();
    assert_eq!((last.worst.online, last.worst.quorum), (0, false));
}

#[test]
fn majority_node_set_loses_quorum_at_two_of_four() {
    let mut scenario = presets::preset("four-node-3a1p").unwrap();
    scenario.quorum = clusterplan_core::cluster::model::Quorum::MajorityNodeSet;
    let design = Design::new(scenario).unwrap();
    let matrix = FailureMatrix::compute(&design, Some(2)).unwrap();
    for row in matrix.rows() {
        assert_eq!(row.quorum, row.failed.len() < 2, "{:?}", row.failed);
        if !row.quorum {
            assert_eq!(row.online(), 0);
        }
    }
}

/// A single failure in the matrix is the same as `fail:NODE` in the simulation.
#[test]
fn single_failures_agree_with_the_simulation() {
    for (id, _) in presets::PRESETS {
        let design = design(id);
        let matrix = FailureMatrix::compute(&design, Some(1)).unwrap();
        for node in design.node_ids() {
            let row = matrix.row(1 + node.index());
            assert_eq!(row.failed, [node]);
            let event = Event::parse(&format!("fail:{}", design.node_name(node)), &design).unwrap();
            let outcome = report::simulate(&design, &[event], Options::default());
            let owners: Vec<Option<String>> = outcome.groups.iter().map(|g| g.owner.clone()).collect();
            let from_matrix: Vec<Option<String>> =
                row.owners.iter().map(|o| o.map(|n| design.node_name(n).to_string())).collect();
            assert_eq!(owners, from_matrix, "{id}, {}", design.node_name(node));
        }
    }
}
