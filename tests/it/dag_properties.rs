//! Property tests over random DAG designs and random event sequences: never a mount without quorum, never a
//! database mounted where it cannot run, refused events change nothing, the failure matrix equals the engine.

use clusterplan_core::dag::Design;
use clusterplan_core::dag::clients::VipState;
use clusterplan_core::dag::design::{CopyId, DatabaseId, ServerId, SiteId, VipId};
use clusterplan_core::dag::engine::{DatabaseState, Simulation};
use clusterplan_core::dag::event::{Choices, DialOverride, Event};
use clusterplan_core::dag::matrix::FailureMatrix;
use clusterplan_core::dag::model::{
    ActivationPolicy, ContentIndex, Copy, CopyStatus, DagKind, DagNetwork, DagNetworkRole, Database, ExchangeVersion,
    MountDial, Namespace, Scenario, Server, Site, SiteSubnet, Vip, WindowsVersion, Witness,
};
use clusterplan_core::dag::report::MountState;
use clusterplan_core::matrix::Summarised;
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct CopyParams {
    lagged: bool,
    copy_queue: u32,
    replay_queue: u32,
    content_index: u8,
    status: u8,
}

fn copy_params() -> impl Strategy<Value = CopyParams> {
    (proptest::bool::weighted(0.2), 0u32..16, 0u32..70, 0u8..3, proptest::option::weighted(0.15, 0u8..10)).prop_map(
        |(lagged, copy_queue, replay_queue, content_index, status)| CopyParams {
            lagged,
            copy_queue,
            replay_queue,
            content_index,
            status: status.unwrap_or(0),
        },
    )
}

#[derive(Debug, Clone)]
struct ServerParams {
    site: usize,
    dial: u8,
    policy: u8,
    max_active: Option<u32>,
    /// Down at the start (a running DAG's state).
    down: bool,
}

fn server_params(sites: usize, caps: bool) -> impl Strategy<Value = ServerParams> {
    (
        0..sites,
        0u8..3,
        proptest::option::weighted(0.8, Just(0u8)).prop_map(|p| p.unwrap_or(1)),
        0u8..3,
        1u32..4,
        proptest::bool::weighted(0.1),
    )
        .prop_map(move |(site, dial, policy_default, policy, max, down)| ServerParams {
            site,
            dial,
            policy: if policy_default == 0 { 0 } else { policy },
            max_active: (caps && max == 1).then_some(2),
            down,
        })
}

/// A random DAG: 2–10 members over 2–3 sites, the witness anywhere, up to 12 databases of 1–4 copies.
fn dag(caps: bool) -> impl Strategy<Value = Design> {
    (2usize..=10, 2usize..=3)
        .prop_flat_map(move |(servers, sites)| {
            (
                Just(sites),
                proptest::collection::vec(server_params(sites, caps), servers),
                0..sites,
                // DAC mode; the vote model (dynamic with dynamic witness, static, dynamic without dynamic
                // witness); whether the last site routes between the others.
                (any::<bool>(), 0u8..3, any::<bool>()),
                proptest::collection::vec(
                    (
                        Just((0..servers).collect::<Vec<_>>()).prop_shuffle(),
                        1usize..=4,
                        proptest::collection::vec(copy_params(), 4),
                    ),
                    1..12,
                ),
            )
        })
        .prop_map(|(sites, servers, witness_site, (dac_mode, votes, routes), databases)| {
            let site_name = |i: usize| format!("dc{}", i + 1);
            let statuses = CopyStatus::ALL;
            let scenario = Scenario {
                version: 1,
                kind: DagKind::Dag,
                name: "random".into(),
                description: String::new(),
                exchange: if votes == 2 { ExchangeVersion::Exchange2016 } else { ExchangeVersion::Exchange2019 },
                windows: (votes == 2).then_some(WindowsVersion::Windows2012),
                static_votes: votes == 1,
                dag_name: "DAG".into(),
                dac_mode,
                ip_less: false,
                sites: (0..sites).map(|i| Site { name: site_name(i), routes: routes && i + 1 == sites }).collect(),
                servers: servers
                    .iter()
                    .enumerate()
                    .map(|(i, p)| Server {
                        name: format!("ex{}", i + 1),
                        site: site_name(p.site),
                        mount_dial: [MountDial::GoodAvailability, MountDial::BestAvailability, MountDial::Lossless]
                            [p.dial as usize],
                        activation_policy: [
                            ActivationPolicy::Unrestricted,
                            ActivationPolicy::IntrasiteOnly,
                            ActivationPolicy::Blocked,
                        ][p.policy as usize],
                        max_active: p.max_active,
                        max_preferred_active: None,
                        windows: None,
                        down: p.down,
                        // AutoReseed's spares on every other member, so that timed scripts exercise it.
                        spare_volumes: (i % 2) as u32,
                    })
                    .collect(),
                witness: Witness {
                    server: "fsw".into(),
                    site: site_name(witness_site),
                    directory: None,
                    kind: Default::default(),
                },
                alternate_witness: Some(Witness {
                    server: "fsw2".into(),
                    site: site_name((witness_site + 1) % sites),
                    directory: None,
                    kind: Default::default(),
                }),
                networks: vec![DagNetwork {
                    name: "mapi".into(),
                    role: DagNetworkRole::Mapi,
                    subnets: (0..sites).map(|i| SiteSubnet { site: site_name(i), cidr: None }).collect(),
                }],
                databases: databases
                    .into_iter()
                    .enumerate()
                    .map(|(d, (order, count, params))| Database {
                        name: format!("db{}", d + 1),
                        edb_path: None,
                        log_path: None,
                        active: None,
                        size_gb: Some(1 + d as u32 % 3),
                        copies: order
                            .iter()
                            .take(count)
                            .zip(params)
                            .enumerate()
                            .map(|(c, (&server, p))| Copy {
                                server: format!("ex{}", server + 1),
                                preference: c as u32 + 1,
                                replay_lag_days: if p.lagged && c > 0 { 7 } else { 0 },
                                copy_queue: p.copy_queue,
                                replay_queue: p.replay_queue,
                                content_index: [ContentIndex::Healthy, ContentIndex::Crawling, ContentIndex::Failed]
                                    [p.content_index as usize],
                                status: statuses[p.status as usize],
                            })
                            .collect(),
                    })
                    .collect(),
                script: Vec::new(),
                timing: Default::default(),
                layout: Default::default(),
                // One load-balanced address per site.
                namespace: Some(Namespace {
                    name: "mail.example.com".into(),
                    ttl_seconds: 300,
                    vips: (0..sites)
                        .map(|i| Vip { name: format!("vip{}", i + 1), site: site_name(i), address: None })
                        .collect(),
                }),
            };
            Design::new(scenario).expect("random DAGs resolve")
        })
}

fn events() -> impl Strategy<Value = Vec<(u8, usize, usize)>> {
    proptest::collection::vec((0u8..27, any::<usize>(), any::<usize>()), 0..24)
}

fn to_events(dag: &Design, raw: &[(u8, usize, usize)]) -> Vec<Event> {
    let (servers, sites) = (dag.server_count(), dag.site_count());
    let server = |i: usize| ServerId((i % servers) as u32);
    let site = |i: usize| SiteId((i % sites) as u32);
    raw.iter()
        .map(|&(kind, a, b)| {
            let database = a % dag.scenario.databases.len();
            let copy =
                CopyId { database: DatabaseId(database as u32), index: (b % dag.copy_server[database].len()) as u32 };
            let other = (a % sites + 1 + b % (sites - 1)) % sites;
            match kind {
                0 | 1 => Event::FailServer(server(a)),
                2 | 3 => Event::RestoreServer(server(a)),
                4 => Event::FailSite(site(a)),
                5 => Event::RestoreSite(site(a)),
                6 => Event::FailWan(site(a), site(other)),
                7 => Event::RestoreWan(site(a), site(other)),
                8 => Event::FailSiteWan(site(a)),
                9 => Event::RestoreSiteWan(site(a)),
                10 => Event::FailWitness,
                11 => Event::RestoreWitness,
                12 => Event::FailCopy(copy),
                13 => Event::RestoreCopy(copy),
                14 => Event::Switchover(
                    copy,
                    Choices {
                        mount_dial: DialOverride::ALL[b % DialOverride::ALL.len()],
                        skip_health_checks: a % 2 == 0,
                    },
                ),
                15 => Event::DatacenterSwitchover { site: site(a), primary_witness: b % 2 == 1 },
                16 => Event::StartDag(site(a)),
                17 => Event::FailVip(VipId((a % dag.vip_site.len()) as u32)),
                18 => Event::RestoreVip(VipId((a % dag.vip_site.len()) as u32)),
                19 => Event::SuspendCopy(copy),
                20 => Event::ResumeCopy(copy),
                21 => Event::StartMaintenance(server(a)),
                22 => Event::EndMaintenance(server(a)),
                23 => Event::MoveToSite(site(a)),
                24 => Event::Redistribute,
                26 => Event::Reseed(copy),
                _ => Event::ShutDownServer(server(a)),
            }
        })
        .collect()
}

/// What must hold in every state.
fn check_invariants(dag: &Design, simulation: &Simulation<'_>) -> Result<(), TestCaseError> {
    let state = simulation.state();
    let held = state.partitions.iter().filter(|p| p.held()).count();
    prop_assert!(held <= 1, "two partitions hold quorum: {:?}", state.partitions);
    let mut load = vec![0u32; dag.server_count()];
    for database in dag.database_ids() {
        if let DatabaseState::Mounted { copy, .. } = state.databases[database.index()] {
            let quorum = state.quorum;
            prop_assert!(quorum.is_some(), "{} mounted without quorum", dag.database_name(database));
            let server = dag.copy_server(copy);
            load[server.index()] += 1;
            prop_assert!(
                state.is_up(server) && !state.stopped[server.index()],
                "{} mounted on a server that cannot run it",
                dag.database_name(database)
            );
            prop_assert_eq!(state.server_partition(dag, server), quorum, "mounted outside the quorum partition");
            prop_assert!(!state.copy_failed(copy), "mounted on a failed copy");
            prop_assert!(!state.suspended[copy], "mounted on a suspended copy");
            prop_assert!(!state.seeding[copy], "mounted on a copy being reseeded");
            prop_assert!(!state.maintenance[server.index()], "mounted on a server in maintenance");
            prop_assert!(
                !dag.scenario.dac_mode || state.dacp[server.index()],
                "mounted on a server whose DACP bit is 0"
            );
            prop_assert_eq!(state.active[database.index()], Some(copy), "the mounted copy is the active one");
        }
    }
    prop_assert_eq!(&load, &state.load, "active databases per server");
    for server in dag.server_ids() {
        let cap = dag.scenario.servers[server.index()].max_active;
        prop_assert!(
            cap.is_none_or(|max| load[server.index()] <= max),
            "{} runs {} databases over its MaximumActiveDatabases {cap:?}",
            dag.server_name(server),
            load[server.index()]
        );
    }
    // A second mount (split brain) only by stopped members the running DAG cannot reach, holding a majority
    // of the votes they last knew, and in DAC mode only where a DACP bit is 1.
    if let Some(stale) = &state.stale {
        prop_assert!(Some(stale.partition) != state.quorum && 2 * stale.votes > stale.total);
        for &(_, server) in &stale.mounts {
            prop_assert!(state.stopped[server.index()] && state.is_up(server));
            prop_assert_eq!(state.server_partition(dag, server), Some(stale.partition));
            prop_assert!(!dag.scenario.dac_mode || state.dacp[server.index()], "split brain past a DACP bit of 0");
        }
    }
    Ok(())
}

/// The preferred architecture's layout (the witness alone in a third site, a partition of its own): the
/// matrix takes the per-database tables there too, and every set agrees with the engine failing it.
#[test]
fn the_matrix_equals_the_engine_with_the_witness_in_a_site_of_its_own() {
    let mut scenario = clusterplan_core::dag::presets::preset("dag-pa-8").unwrap();
    // Lagged copies and a namespace as in the preset, and a running state: one member down at the start.
    scenario.servers[7].down = true;
    for scenario in [clusterplan_core::dag::presets::preset("dag-pa-8").unwrap(), scenario] {
        let dag = Design::new(scenario).unwrap();
        let matrix = FailureMatrix::compute(&dag, None).unwrap();
        let healthy = Simulation::new(&dag);
        assert!(healthy.state().partitions.len() > 1, "dc3 is a partition of its own");
        assert_eq!(matrix.len(), 256);
        for row in matrix.rows() {
            let mut simulation = healthy.clone();
            simulation.fail_servers(row.failed.iter().copied());
            let state = simulation.state();
            assert_eq!(row.quorum, state.quorum.is_some(), "quorum after failing {:?}", row.failed);
            assert_eq!(row.mounted as usize, state.mounted_count(), "mounted after failing {:?}", row.failed);
            assert_eq!(row.load, &state.load[..], "load after failing {:?}", row.failed);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_after_every_event(dag in dag(true), raw in events()) {
        let mut simulation = Simulation::new(&dag);
        check_invariants(&dag, &simulation)?;
        for event in to_events(&dag, &raw) {
            let before = simulation.state().clone();
            match simulation.apply(event) {
                Ok(()) => check_invariants(&dag, &simulation)?,
                Err(_) => prop_assert_eq!(&before, simulation.state(), "a refused event changed the state"),
            }
        }
    }

    #[test]
    fn same_events_same_outcome(dag in dag(true), raw in events()) {
        let events = to_events(&dag, &raw);
        let a = clusterplan_core::dag::report::simulate(&dag, &events);
        let b = clusterplan_core::dag::report::simulate(&dag, &events);
        prop_assert_eq!(a, b);
    }

    /// A planner's clicks: each event applied to the DAG the events before it left (never replayed from the
    /// healthy DAG) gives, after every click, the outcome the clock's path gives for the same events without
    /// times, and the advice for them.
    #[test]
    fn events_applied_one_by_one_end_where_the_replay_does(dag in dag(true), raw in events()) {
        use clusterplan_core::dag::event::TimedEvent;
        use clusterplan_core::dag::report::{Applied, simulate_timed};
        let events = to_events(&dag, &raw);
        let mut applied = Applied::healthy(&dag);
        for (index, &event) in events.iter().enumerate() {
            applied = applied.then(&dag, event);
            let untimed: Vec<TimedEvent> = events[..=index].iter().map(|&event| TimedEvent { event, at: None }).collect();
            prop_assert_eq!(applied.outcome(&dag), simulate_timed(&dag, &untimed), "after {} events", index + 1);
            prop_assert_eq!(
                clusterplan_core::dag::rules::advice_at(&dag, applied.state()),
                clusterplan_core::dag::rules::advice(&dag, &events[..=index])
            );
        }
    }

    /// Timed, some events together: the timeline's final state is `simulate`'s, its entries come in time
    /// order, and events at one time act at once (quorum counts the votes from before all of them).
    #[test]
    fn the_timeline_ends_where_simulate_does(dag in dag(true), raw in events(), times in proptest::collection::vec(0u64..4, 0..40)) {
        use clusterplan_core::dag::event::TimedEvent;
        let mut at = 0;
        let timed: Vec<TimedEvent> = to_events(&dag, &raw)
            .into_iter()
            .zip(times.iter().chain(std::iter::repeat(&1)))
            .map(|(event, &step)| {
                // 0: at once; 1: 30 s on; 2: untimed; 3: a day and an hour on (past a play down).
                at += if step == 3 { 25 * 3_600_000 } else { step * 30_000 };
                TimedEvent { event, at: (step != 2).then_some(at) }
            })
            .collect();
        let played = clusterplan_core::dag::timeline::play(&dag, &timed);
        prop_assert_eq!(&played.outcome, &clusterplan_core::dag::report::simulate_timed(&dag, &timed));
        prop_assert!(played.timeline.windows(2).all(|w| w[0].t_ms <= w[1].t_ms));
        let last = played.timeline.iter().map(|e| e.event).max();
        prop_assert!(last.is_none_or(|last| last < timed.len()));
        // The invariants hold with dynamic votes, simultaneous steps and the DAG's own clock (rebalancing, play
        // downs): at most one partition holds quorum, nothing is mounted without it or outside it.
        let outcome = &played.outcome;
        prop_assert!(outcome.partitions.iter().filter(|p| p.quorum).count() <= 1);
        prop_assert!(outcome.quorum.held || outcome.mounted == 0, "mounted without quorum");
        if let Some(holding) = outcome.partitions.iter().find(|p| p.quorum) {
            for database in outcome.databases.iter().filter(|d| d.state == MountState::Mounted) {
                let server = database.server.as_ref().expect("a mounted database has a server");
                prop_assert!(holding.members.contains(server), "{} mounted outside the quorum partition", database.name);
            }
        }
        // Clients are served only when every database is mounted, through exactly the addresses that answer.
        let clients = outcome.clients.as_ref().expect("random DAGs have a namespace");
        prop_assert!(!clients.served || outcome.dismounted == 0, "clients served while a database is dismounted");
        for vip in &clients.vips {
            prop_assert_eq!(clients.through.contains(&vip.name), vip.state == VipState::Up && vip.in_dns);
        }
        // Seen at the end, the DAG is the final outcome; seen at any time, a database failing over runs
        // nowhere, and a mounted one runs on a copy of its own.
        use clusterplan_core::timeline::Played;
        let end = played.at(&dag, played.end_ms());
        prop_assert_eq!(&end, &played.outcome);
        for t in played.timeline.iter().map(|e| e.t_ms).chain([played.end_ms() / 2, played.end_ms() / 3]) {
            let moment = played.at(&dag, t);
            crate::moments::check_dag_moment(&moment).map_err(|e| TestCaseError::fail(format!("at {t} ms: {e}")))?;
            // No server runs more databases than its MaximumActiveDatabases at any moment (rebalancing and
            // switchovers included).
            for (server, settings) in moment.servers.iter().zip(&dag.scenario.servers) {
                prop_assert!(settings.max_active.is_none_or(|max| server.active <= max), "at {t} ms {} runs {} over its cap", server.name, server.active);
            }
        }
    }

    #[test]
    fn the_matrix_equals_the_engine_on_every_set(dag in prop_oneof![dag(false), dag(true)]) {
        let matrix = FailureMatrix::compute(&dag, None).unwrap();
        let healthy = Simulation::new(&dag);
        for row in matrix.rows() {
            let mut simulation = healthy.clone();
            simulation.fail_servers(row.failed.iter().copied());
            let state = simulation.state();
            prop_assert_eq!(row.quorum, state.quorum.is_some());
            prop_assert_eq!(row.mounted as usize, state.mounted_count());
            prop_assert_eq!(row.load, &state.load[..], "load after failing {:?}", row.failed);
            // The matrix's quick count of clients agrees with the full report.
            let served = clusterplan_core::dag::clients::report(&dag, state).map(|clients| clients.served);
            prop_assert_eq!(row.clients, served, "clients after failing {:?}", row.failed);
        }
    }

    /// Each level's worst set has that many servers, and failing it in the engine leaves the level's fewest
    /// databases mounted.
    #[test]
    fn each_levels_worst_set_is_a_set_that_leaves_the_fewest_mounted(dag in prop_oneof![dag(false), dag(true)]) {
        let summary = clusterplan_core::dag::matrix::Summary::compute(&dag, None).unwrap();
        for level in &summary.levels {
            prop_assert_eq!(level.worst.len(), level.failures);
            let servers: Vec<_> = level
                .worst
                .iter()
                .map(|name| dag.server_ids().find(|&s| dag.server_name(s) == name.as_str()).unwrap())
                .collect();
            let mut simulation = Simulation::new(&dag);
            simulation.fail_servers(servers);
            prop_assert_eq!(simulation.state().mounted_count(), level.fewest_mounted, "failing {:?}", level.worst);
        }
    }
}
