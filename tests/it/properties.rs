//! Property tests over random valid designs and random event sequences.

use std::collections::BTreeSet;

use clusterplan_core::cluster::design::NodeId;
use clusterplan_core::cluster::engine::{Options, Simulation};
use clusterplan_core::cluster::event::Event;
use clusterplan_core::cluster::event::TimedEvent;
use clusterplan_core::cluster::matrix::FailureMatrix;
use clusterplan_core::cluster::model::{Failback, NetworkRole, Quorum, Scenario, StorageGroup};
use clusterplan_core::cluster::report::{self, disk_holders};
use clusterplan_core::cluster::timeline;
use clusterplan_core::cluster::{Design, presets};
use proptest::prelude::*;

/// What varies per EVS in a random design.
#[derive(Debug, Clone)]
struct GroupParams {
    preference: Vec<usize>,
    preferred: usize,
    owner: Option<usize>,
    failback: u8,
    window: (u8, u8),
    possible: Option<u8>,
}

fn group_params(nodes: usize) -> impl Strategy<Value = GroupParams> {
    (
        Just((0..nodes).collect::<Vec<_>>()).prop_shuffle(),
        0..=nodes,
        proptest::option::of(0..nodes),
        0u8..3,
        (0u8..24, 0u8..24),
        proptest::option::weighted(0.3, any::<u8>()),
    )
        .prop_map(|(preference, preferred, owner, failback, window, possible)| GroupParams {
            preference,
            preferred,
            owner,
            failback,
            window,
            possible,
        })
}

/// A random design: 2 to 8 nodes, as many EVS as the configuration allows, either quorum model.
/// `restricted` allows possible-owner limits on the IP Address resource.
fn design(restricted: bool) -> impl Strategy<Value = Design> {
    (2usize..=8)
        .prop_flat_map(|nodes| {
            let most = if nodes == 2 { 2 } else { nodes - 1 };
            (Just(nodes), 1..=most, any::<bool>(), proptest::collection::vec(group_params(nodes), most))
        })
        .prop_map(move |(nodes, evs, majority, params)| {
            let mut scenario: Scenario = presets::preset("eight-node-7a1p").unwrap();
            let name = |i: usize| format!("node{}", i + 1);
            scenario.nodes.truncate(nodes);
            scenario.groups.truncate(evs);
            if majority {
                scenario.quorum = Quorum::MajorityNodeSet;
            }
            for (group, p) in scenario.groups.iter_mut().zip(params) {
                group.preferred_owners = p.preference[..p.preferred].iter().map(|&i| name(i)).collect();
                group.owner = p.owner.map(name);
                group.failback = match p.failback {
                    0 => Failback::Never,
                    1 => Failback::Immediately,
                    _ => Failback::Window { start_hour: p.window.0, end_hour: p.window.1 },
                };
                if restricted && let Some(mask) = p.possible {
                    let owners: Vec<String> = (0..nodes).filter(|i| mask & (1 << i) != 0).map(name).collect();
                    if !owners.is_empty() {
                        group.resources[0].possible_owners = Some(owners);
                    }
                }
            }
            Design::new(scenario).expect("generated designs resolve")
        })
}

/// Events as (kind, a, b); turned into text against the design so every name exists.
fn events() -> impl Strategy<Value = Vec<(u8, usize, usize)>> {
    proptest::collection::vec((0u8..16, any::<usize>(), any::<usize>()), 0..16)
}

fn to_events(design: &Design, raw: &[(u8, usize, usize)]) -> Vec<Event> {
    let s = &design.scenario;
    let node = |i: usize| s.nodes[i % s.nodes.len()].name.clone();
    let network = |i: usize| s.networks[i % s.networks.len()].name.clone();
    let disk = |i: usize| s.disks[i % s.disks.len()].name.clone();
    let group = |i: usize| &s.groups[i % s.groups.len()];
    raw.iter()
        .map(|&(kind, a, b)| {
            let text = match kind {
                0 | 1 => format!("fail:{}", node(a)),
                2 | 3 => format!("restore:{}", node(a)),
                4 => format!("fail-network:{}", network(a)),
                5 => format!("restore-network:{}", network(a)),
                6 => format!("fail-nic:{}/{}", node(a), network(b)),
                7 => format!("restore-nic:{}/{}", node(a), network(b)),
                8 => format!("fail-disk:{}", disk(a)),
                9 => format!("restore-disk:{}", disk(a)),
                10 => {
                    let g = group(a);
                    format!("fail-resource:{}/{}", g.name, g.resources[b % g.resources.len()].name)
                }
                11 => format!("move:{}={}", group(a).name, node(b)),
                12 => format!("pause:{}", node(a)),
                13 => format!("resume:{}", node(a)),
                14 => format!("evict:{}", node(a)),
                _ => format!("online:{}", group(a).name),
            };
            Event::parse(&text, design).expect("generated events name real things")
        })
        .collect()
}

fn run<'d>(design: &'d Design, events: &[Event]) -> Simulation<'d> {
    let mut simulation = Simulation::new(design, Options { hour_of_day: Some(3), ..Options::default() });
    for &event in events {
        let _ = simulation.apply(event);
    }
    simulation
}

/// After every event, not only at the end.
fn check_invariants(design: &Design, simulation: &Simulation<'_>) -> Result<(), TestCaseError> {
    let state = simulation.state();
    for (disk, holders) in disk_holders(design, state).iter().enumerate() {
        let distinct: BTreeSet<_> = holders.iter().collect();
        prop_assert!(distinct.len() <= 1, "disk {} held by {:?}", design.scenario.disks[disk].name, distinct);
    }
    if !state.quorum.held() {
        prop_assert!(design.group_ids().all(|g| state.owner(g).is_none()), "a group is online without quorum");
    }
    for node in design.node_ids() {
        let running = state.groups_on(node).count();
        if design.node_count() > 2 {
            prop_assert!(running <= 1, "{} runs {running} EVS", design.node_name(node));
        }
        if running > 0 {
            prop_assert!(state.member[node.index()], "{} runs a group but is not a member", design.node_name(node));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_after_every_event(design in design(true), raw in events()) {
        let events = to_events(&design, &raw);
        let mut simulation = Simulation::new(&design, Options::default());
        check_invariants(&design, &simulation)?;
        for event in events {
            let before = simulation.state().clone();
            if simulation.apply(event).is_err() {
                prop_assert_eq!(&before, simulation.state(), "a refused event changed the state");
            }
            check_invariants(&design, &simulation)?;
            // A node paused before and after the event took no group it did not run (PauseClusterNode).
            // An evicted node stays evicted, down and out of the cluster.
            for node in design.node_ids() {
                if before.evicted[node.index()] {
                    let after = simulation.state();
                    prop_assert!(after.evicted[node.index()] && !after.node_up[node.index()] && !after.member[node.index()], "evicted {} came back", design.node_name(node));
                }
                if before.paused[node.index()] && simulation.state().paused[node.index()] {
                    for group in simulation.state().groups_on(node) {
                        prop_assert!(before.groups_on(node).any(|g| g == group), "paused {} took {}", design.node_name(node), design.group_name(group));
                    }
                }
            }
        }
    }

    #[test]
    fn same_input_same_output(design in design(true), raw in events()) {
        let events = to_events(&design, &raw);
        let first = report::simulate(&design, &events, Options::default());
        let second = report::simulate(&design, &events, Options::default());
        prop_assert_eq!(first, second);
    }

    #[test]
    fn restoring_everything_and_bringing_groups_online_runs_every_group(design in design(false), raw in events()) {
        // Evicting is for good (kind 14): the nodes left may not run every group.
        let raw: Vec<_> = raw.into_iter().filter(|&(kind, ..)| kind != 14).collect();
        let events = to_events(&design, &raw);
        let mut simulation = run(&design, &events);
        let s = &design.scenario;
        let mut repairs: Vec<String> = Vec::new();
        repairs.extend(s.disks.iter().map(|d| format!("restore-disk:{}", d.name)));
        repairs.extend(s.networks.iter().map(|n| format!("restore-network:{}", n.name)));
        for node in &s.nodes {
            repairs.extend(node.nics.iter().map(|nic| format!("restore-nic:{}/{}", node.name, nic.network)));
            repairs.push(format!("restore:{}", node.name));
            repairs.push(format!("resume:{}", node.name));
        }
        repairs.extend(s.groups.iter().map(|g| format!("online:{}", g.name)));
        for text in repairs {
            // Refusals ("already up", "already online") are expected here.
            let _ = simulation.apply(Event::parse(&text, &design).unwrap());
        }
        let outcome = report::outcome(&design, simulation.state(), Vec::new());
        prop_assert!(outcome.quorum.held);
        for group in &outcome.groups {
            prop_assert_eq!(group.state, "online", "{}: {}", group.name, group.reason);
            prop_assert!(group.resources.iter().all(|r| r.state == "online"), "{} has a resource down", group.name);
        }
    }

    #[test]
    fn matrix_single_failures_match_the_simulation(design in design(true), node in any::<usize>()) {
        let node = clusterplan_core::cluster::design::NodeId((node % design.node_count()) as u32);
        let matrix = FailureMatrix::compute(&design, Some(1)).unwrap();
        let simulation = run(&design, &[Event::FailNode(node)]);
        let expected: Vec<_> = design.group_ids().map(|g| simulation.state().owner(g)).collect();
        prop_assert_eq!(matrix.row(1 + node.index()).owners, &expected[..]);
    }
}

/// A design for the failure matrix: a random [`design`], and per node whether it lacks its private and its
/// public NIC (partitions, groups that cannot run there); whether the public network carries heartbeats;
/// per group, its storage groups (1–4), a failover threshold of zero, a resource too slow for its pending
/// timeout; the Cluster Group's preferred owners.
fn matrix_design() -> impl Strategy<Value = Design> {
    (
        design(true),
        proptest::collection::vec((proptest::bool::weighted(0.2), proptest::bool::weighted(0.1)), 8),
        any::<bool>(),
        proptest::collection::vec((1u32..=4, proptest::bool::weighted(0.1), proptest::bool::weighted(0.05)), 8),
        Just((0..8).collect::<Vec<usize>>()).prop_shuffle(),
        0usize..=3,
    )
        .prop_map(|(design, missing_nics, public_heartbeat, groups, order, preferred)| {
            let mut scenario = design.scenario;
            for (node, &(no_private, no_public)) in scenario.nodes.iter_mut().zip(&missing_nics) {
                node.nics
                    .retain(|nic| !(no_private && nic.network == "private" || no_public && nic.network == "public"));
            }
            if !public_heartbeat {
                scenario.networks[0].role = NetworkRole::Public;
            }
            for (group, &(storage_groups, no_failover, too_slow)) in scenario.groups.iter_mut().zip(&groups) {
                let first = group.storage_groups[0].clone();
                group.storage_groups =
                    (1..=storage_groups).map(|i| StorageGroup { name: format!("SG{i}"), ..first.clone() }).collect();
                if no_failover {
                    group.failover.threshold = 0;
                }
                if too_slow {
                    group.resources[0].health.pending_timeout_s = 0;
                }
            }
            let nodes = scenario.nodes.len();
            scenario.cluster_group.preferred_owners = order
                .into_iter()
                .filter(|&n| n < nodes)
                .take(preferred)
                .map(|n| scenario.nodes[n].name.clone())
                .collect();
            Design::new(scenario).expect("generated designs resolve")
        })
}

/// What the engine makes of failing `failed` at once from the healthy cluster: quorum, and where each
/// group runs.
fn replayed(design: &Design, failed: &[NodeId]) -> (bool, Vec<Option<NodeId>>) {
    let mut simulation = Simulation::quiet(design, Options::default());
    simulation.fail_nodes_at_once(failed.iter().copied());
    let state = simulation.state();
    (state.quorum.held(), design.group_ids().map(|g| state.owner(g)).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    /// The matrix settles each set with bitmasks; the engine replays it. They agree on every set.
    #[test]
    fn the_matrix_equals_the_engine_on_every_set(design in matrix_design()) {
        let matrix = FailureMatrix::compute(&design, None).unwrap();
        for row in matrix.rows() {
            let (quorum, owners) = replayed(&design, row.failed);
            prop_assert_eq!(row.quorum, quorum, "quorum after failing {:?}", row.failed);
            prop_assert_eq!(row.owners, &owners[..], "owners after failing {:?}", row.failed);
        }
    }
}

/// Events with increasing times: gaps from none to a few hours.
fn timed_events() -> impl Strategy<Value = Vec<(u8, usize, usize, u64)>> {
    proptest::collection::vec((0u8..13, any::<usize>(), any::<usize>(), 0u64..4 * 3_600_000), 0..12)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    /// The timeline's end state is the engine's outcome for the same timed events, and each group's last
    /// step on the timeline is its final state.
    #[test]
    fn the_timeline_ends_where_the_engine_does(design in design(true), raw in timed_events(), clock in proptest::option::of(0u32..86_400)) {
        let plain: Vec<(u8, usize, usize)> = raw.iter().map(|&(k, a, b, _)| (k, a, b)).collect();
        let mut at = 0;
        let events: Vec<TimedEvent> = to_events(&design, &plain)
            .into_iter()
            .zip(&raw)
            .map(|(event, &(_, _, _, gap))| {
                at += gap;
                TimedEvent { event, at: Some(at) }
            })
            .collect();
        let options = Options { clock_start_s: clock, ..Options::default() };
        let played = timeline::play(&design, &events, options);
        let outcome = report::simulate_timed(&design, &events, options);
        prop_assert_eq!(&played.outcome, &outcome);
        prop_assert!(played.timeline.windows(2).all(|w| w[0].t_ms <= w[1].t_ms), "steps are in time order");
        for group in &outcome.groups {
            let last = played.timeline.iter().rev().find_map(|e| {
                e.group_state.as_ref().filter(|_| e.subject == group.name)
            });
            let (state, owner) = last.expect("the timeline starts with every group's state");
            prop_assert_eq!(*state, group.state, "{}", group.name);
            prop_assert_eq!(owner, &group.owner, "{}", group.name);
        }
    }
}
