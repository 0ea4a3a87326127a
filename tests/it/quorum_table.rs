//! Quorum at the smallest memberships against Windows' own table ("Understand cluster and pool quorum",
//! windowsserverdocs, "Cluster quorum overview"): for 2 to 5 members, on every Windows version modelled and
//! with static votes, whether the DAG survives one server failure, one then another, and two at once. A DAG
//! has a witness in the cluster when its members are even (Exchange's rule), so its rows are "2 + Witness",
//! "3", "4 + Witness" and "5 and above". Where the table says 50/50 (which node's vote Windows zeroed), the
//! engine's choice is deterministic, so some failures of the row survive and some do not.

use clusterplan_core::dag::Design;
use clusterplan_core::dag::design::VoteModel;
use clusterplan_core::dag::engine::Simulation;
use clusterplan_core::dag::event::Event;
use clusterplan_core::dag::model::{ExchangeVersion, WindowsVersion};
use clusterplan_tests::{design_value, load_dag};
use serde_json::{Value, json};

/// A cell of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Yes,
    No,
    FiftyFifty,
}

/// The verdict over every way the failures can fall: all survive, none do, or some.
fn verdict(survived: impl IntoIterator<Item = bool>) -> Verdict {
    let survived: Vec<bool> = survived.into_iter().collect();
    match (survived.iter().all(|&s| s), survived.iter().any(|&s| s)) {
        (true, _) => Verdict::Yes,
        (false, true) => Verdict::FiftyFifty,
        (false, false) => Verdict::No,
    }
}

/// A DAG of `members` servers in one site, the witness in it, one database with a copy on each server.
fn dag(members: usize, windows: WindowsVersion, static_votes: bool) -> Design {
    let exchange = ExchangeVersion::ALL
        .into_iter()
        .find(|e| e.windows_versions().contains(&windows))
        .expect("an Exchange version runs on every Windows version modelled");
    let servers: Vec<Value> = (1..=members).map(|i| json!({ "name": format!("ex{i}"), "site": "dc1" })).collect();
    let copies: Vec<Value> = (1..=members).map(|i| json!({ "server": format!("ex{i}"), "preference": i })).collect();
    let patch = json!([
        { "op": "replace", "path": "/exchange", "value": exchange.id() },
        { "op": "add", "path": "/windows", "value": windows.id() },
        { "op": "add", "path": "/static_votes", "value": static_votes },
        { "op": "replace", "path": "/servers", "value": servers },
        { "op": "replace", "path": "/databases", "value": [{ "name": "db1", "copies": copies }] },
    ]);
    load_dag(&design_value(&json!("dag-2-member"), Some(&patch)).expect("the patch applies")).expect("it loads")
}

/// Whether the DAG holds quorum after `steps`, each a set of servers failing at once, settled in turn.
fn survives(dag: &Design, steps: &[&[usize]]) -> bool {
    let mut simulation = Simulation::new(dag);
    let servers: Vec<_> = dag.server_ids().collect();
    for step in steps {
        let events: Vec<Event> = step.iter().map(|&i| Event::FailServer(servers[i])).collect();
        simulation.apply_together(&events);
    }
    simulation.state().quorum.is_some()
}

/// The row of the table the engine gives: one failure, one then another, two at once.
fn row(dag: &Design) -> [Verdict; 3] {
    let n = dag.server_count();
    let pairs = || (0..n).flat_map(move |a| (0..n).filter(move |&b| b != a).map(move |b| (a, b)));
    [
        verdict((0..n).map(|a| survives(dag, &[&[a]]))),
        verdict(pairs().map(|(a, b)| survives(dag, &[&[a], &[b]]))),
        verdict(pairs().map(|(a, b)| survives(dag, &[&[a, b]]))),
    ]
}

#[test]
fn quorum_at_two_to_five_members_is_windows_table() {
    use Verdict::*;
    let mut problems = Vec::new();
    for windows in WindowsVersion::ALL {
        for static_votes in [false, true] {
            let dynamic = windows.has_dynamic_quorum() && !static_votes;
            for members in 2..=5 {
                let dag = dag(members, windows, static_votes);
                assert_eq!(matches!(dag.vote_model(), VoteModel::Dynamic { .. }), dynamic);
                let expected = match members {
                    // 2 + Witness: the survivor has 2/3; the second failure leaves nobody.
                    2 => [Yes, No, No],
                    // 3, no witness: dynamic quorum zeroes one of the last two votes (50/50); static votes
                    // leave 1 of 3.
                    3 if dynamic => [Yes, FiftyFifty, No],
                    3 => [Yes, No, No],
                    // 4 + Witness and 5: 3 of 5 after two failures, together or not.
                    _ => [Yes, Yes, Yes],
                };
                let got = row(&dag);
                if got != expected {
                    let votes = if static_votes { "static votes" } else { "default votes" };
                    problems.push(format!(
                        "{members} members on {} ({votes}): expected {expected:?}, got {got:?}",
                        windows.title()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Where last-man-standing stops with a witness: members failing one at a time down to the last one leave it
/// running with the witness's vote, which it then needs ("We will not dynamically adjust the votes below
/// three in a multi-node cluster with a witness", the Failover Clustering team, "Behavior of Dynamic Witness
/// on Windows Server 2012 R2 Failover Clustering"). Under static votes the last member never got that far.
#[test]
fn the_last_member_needs_the_witness() {
    let mut problems = Vec::new();
    for windows in WindowsVersion::ALL.into_iter().filter(|w| w.has_dynamic_quorum()) {
        for members in [2, 4] {
            let dag = dag(members, windows, false);
            let mut simulation = Simulation::new(&dag);
            let servers: Vec<_> = dag.server_ids().collect();
            for &server in servers[1..].iter().rev() {
                simulation.apply(Event::FailServer(server)).expect("it was up");
            }
            let state = simulation.state();
            let running = state.quorum.is_some() && state.witness_weight && state.partitions[0].needed == 2;
            simulation.apply(Event::FailWitness).expect("it was up");
            let after = simulation.state().quorum.is_some();
            if !running || after {
                problems.push(format!(
                    "{members} members on {}: the last one running with the witness's vote: {running}; still running without the witness: {after}",
                    windows.title()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Two nodes without a witness (the witness has failed): one node's vote is zeroed, so losing the voting
/// node suddenly stops the cluster and losing the other does not; a graceful shutdown of the voting node
/// moves its vote to the other first, and the cluster survives ("Understand cluster and pool quorum", "Two
/// nodes without a witness"). From Windows Server 2012 R2, where a failed witness loses its vote (dynamic
/// witness); on 2012 it keeps its configured vote.
#[test]
fn two_nodes_without_a_witness_sudden_and_graceful() {
    let mut problems = Vec::new();
    for windows in WindowsVersion::ALL.into_iter().filter(|w| w.has_dynamic_witness()) {
        let dag = dag(2, windows, false);
        let mut without_witness = Simulation::new(&dag);
        without_witness.apply(Event::FailWitness).expect("it was up");
        let state = without_witness.state();
        let voting: Vec<_> = dag.server_ids().filter(|s| state.vote[s.index()]).collect();
        let [voter] = voting[..] else {
            problems.push(format!("{}: one vote expected, got {voting:?}", windows.title()));
            continue;
        };
        let other = dag.server_ids().find(|&s| s != voter).expect("two members");
        let after = |event: Event| {
            let mut simulation = without_witness.clone();
            simulation.apply(event).expect("it was up");
            simulation.state().quorum.is_some()
        };
        let got =
            (after(Event::FailServer(voter)), after(Event::FailServer(other)), after(Event::ShutDownServer(voter)));
        if got != (false, true, true) {
            problems.push(format!(
                "{}: the voting node failing / the other failing / the voting node shut down gracefully: expected (false, true, true), got {got:?}",
                windows.title()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
