//! Timeline fixtures: each file in `fixtures/timelines` is a design and a timed failure script; its
//! `.timeline` file next to it is the expected timeline, step by step with times, and the final state.
//! `UPDATE_EXPECT=1` rewrites the expectations (review the diff: exact order and times are the test).

use std::path::Path;

use clusterplan_core::cluster::event::{TimedEvent, check_order};
use clusterplan_core::cluster::timeline::{self, Timeline};
use clusterplan_core::cluster::{Design, Options};
use clusterplan_core::duration::parse as parse_duration;
use clusterplan_tests::{design_value, fixture_files, load};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineFixture {
    #[allow(dead_code)]
    pub about: String,
    #[allow(dead_code)]
    pub source: String,
    pub design: Value,
    #[serde(default)]
    pub patch: Option<Value>,
    /// Time of day at 0 s, HH:MM.
    #[serde(default)]
    pub clock: Option<String>,
    pub events: Vec<String>,
}

impl TimelineFixture {
    pub fn read(path: &Path) -> TimelineFixture {
        serde_json::from_str(&std::fs::read_to_string(path).expect("readable fixture")).expect("well-formed fixture")
    }

    pub fn design(&self) -> Design {
        load(&design_value(&self.design, self.patch.as_ref()).expect("the design builds")).expect("the design loads")
    }

    pub fn options(&self) -> Options {
        let clock = self.clock.as_ref().map(|c| {
            let (h, m) = c.split_once(':').expect("HH:MM");
            h.parse::<u32>().unwrap() * 3600 + m.parse::<u32>().unwrap() * 60
        });
        Options { clock_start_s: clock, ..Options::default() }
    }

    pub fn events(&self, design: &Design) -> Vec<TimedEvent> {
        let events: Vec<TimedEvent> =
            self.events.iter().map(|e| TimedEvent::parse(e, design).expect("a known event")).collect();
        check_order(&events, design).expect("events in time order");
        events
    }
}

/// The timeline as the expectation files hold it: one line a step, then each group's final state.
fn render(played: &Timeline) -> String {
    let mut text = String::new();
    for entry in &played.timeline {
        text.push_str(&format!(
            "{:>9.1} s  {} — {} ({})\n",
            entry.t_ms as f64 / 1000.0,
            entry.subject,
            entry.change,
            entry.reason
        ));
    }
    text.push_str("final:\n");
    for group in &played.outcome.groups {
        text.push_str(&format!("  {} {} {}\n", group.name, group.state, group.owner.as_deref().unwrap_or("-")));
    }
    text
}

#[test]
fn timeline_fixtures() {
    let files = fixture_files("timelines");
    assert!(files.len() >= 10, "expected the timeline fixtures, found {}", files.len());
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for file in &files {
        let fixture = TimelineFixture::read(file);
        let design = fixture.design();
        let played = timeline::play(&design, &fixture.events(&design), fixture.options());
        let actual = render(&played);
        let expected_path = file.with_extension("timeline");
        if update {
            std::fs::write(&expected_path, &actual).expect("writable expectation");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!("{}:\n--- expected\n{expected}--- actual\n{actual}", file.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn times_parse_as_the_cli_writes_them() {
    assert_eq!(parse_duration("10min"), Ok(600_000));
}

/// Every lesson loads, is a supported design (or teaches why not), and its script plays to the end the
/// lesson describes.
#[test]
fn lessons_play_as_they_teach() {
    use clusterplan_core::cluster::lessons::{LESSONS, lesson};
    let expected = [
        ("single-node-failure", vec![("EVS3", "online", Some("node4"))]),
        ("second-failure-no-standby", vec![("EVS1", "failed", None), ("EVS3", "online", Some("node4"))]),
        ("active-active-failover", vec![("EVS1", "offline", None), ("EVS2", "offline", None)]),
        ("quorum-loss-majority-node-set", vec![("EVS1", "online", Some("node1")), ("EVS3", "online", Some("node3"))]),
        ("resource-keeps-failing", vec![("EVS1", "failed", None)]),
        ("front-end-behind-nlb", vec![("EVS1", "online", Some("node1")), ("EVS3", "online", Some("node3"))]),
        ("paused-node-is-no-standby", vec![("EVS2", "online", Some("node2")), ("EVS3", "online", Some("node4"))]),
        // node1 evicted, the majority node set counts 3 nodes: node2's failure leaves quorum with node3 and node4.
        (
            "evict-a-dead-node",
            vec![("EVS1", "online", Some("node4")), ("EVS2", "failed", None), ("EVS3", "online", Some("node3"))],
        ),
    ];
    assert_eq!(LESSONS.len(), expected.len());
    for (id, groups) in expected {
        let lesson = lesson(id).unwrap_or_else(|| panic!("lesson {id}"));
        let design = Design::new(lesson.scenario.clone()).unwrap_or_else(|e| panic!("{id}: {e}"));
        let findings = clusterplan_core::cluster::rules::validate(&design);
        assert!(!clusterplan_core::finding::has_errors(&findings), "{id} is a supported design");
        let events: Vec<TimedEvent> =
            lesson.scenario.script.iter().map(|e| TimedEvent::parse(e, &design).unwrap()).collect();
        let played = timeline::play(&design, &events, Options::default());
        for (group, state, owner) in groups {
            let report = played.outcome.groups.iter().find(|g| g.name == group).unwrap();
            assert_eq!((report.state.word(), report.owner.as_deref()), (state, owner), "{id}: {group}");
        }
        if id == "front-end-behind-nlb" {
            // Clients at each step: served through fe2, cut off with both down, served again.
            let clients: Vec<(u64, &str)> = played
                .timeline
                .iter()
                .filter(|e| e.subject == "clients")
                .map(|e| (e.t_ms, e.change.as_str()))
                .collect();
            assert_eq!(clients, [(0, "served"), (60_000, "not all served"), (300_000, "served")]);
            assert_eq!(played.outcome.clients.through, ["fe1"]);
        }
    }
}

/// The default comparison: active/active against active/passive, node1 failing, then node2 ten minutes on.
#[test]
fn active_active_beside_active_passive() {
    use clusterplan_core::cluster::compare::{comparison, verdict};
    let play = |id: &str| {
        let design = Design::new(clusterplan_core::cluster::presets::preset(id).unwrap()).unwrap();
        let events: Vec<TimedEvent> = ["fail:node1@0s", "restore:node1@5min", "fail:node2@10min"]
            .iter()
            .map(|e| TimedEvent::parse(e, &design).unwrap())
            .collect();
        let played = timeline::play(&design, &events, Options::default());
        (verdict(&design, &played), played)
    };
    let (aa, _) = play("two-node-active-active");
    let (ap, _) = play("two-node-active-passive");
    // A/A: node1 fails, EVS1 is down 89 s until online on node2; node1 returns (no failback), then node2 fails and
    // takes EVS1 and EVS2 down for 89 s each, both coming up on node1. A/P: EVS1 goes down twice, 89 s each.
    assert_eq!(aa.downtime_ms, [("EVS1".to_string(), 178_000), ("EVS2".to_string(), 89_000)]);
    assert_eq!((aa.online_at_end, aa.users_affected), (2, 3_000));
    assert_eq!(ap.downtime_ms, [("EVS1".to_string(), 178_000)]);
    assert_eq!((ap.online_at_end, ap.users_affected), (1, 3_000));
    expect_test::expect!["Two-node cluster, active/active: 2 of 2 groups online at the end, 3000 users affected, 267 s of downtime in all (133.5 s per group); Two-node cluster, active/passive: 1 of 1 group online at the end, 3000 users affected, 178 s of downtime in all (178 s per group). Under this script Two-node cluster, active/active loses less time per group. But the rules warn against Two-node cluster, active/active: Active/active is strongly discouraged: after a failover one node carries both EVS. Prefer active/passive."].assert_eq(&comparison(&aa, &ap));
}

/// Seen at a time, quorum changes when the cluster notices, as the groups do: in the active/active lesson
/// node1 fails at 10 min with node2 already down; until the missed heartbeats are noticed the cluster
/// still holds quorum and node1's groups still read online (the fault was a badge saying "quorum lost,
/// every group is offline" beside online groups), and from then on quorum is lost and every group is
/// offline.
#[test]
fn quorum_seen_at_a_time_changes_when_the_cluster_notices() {
    use clusterplan_core::cluster::lessons::lesson;
    use clusterplan_core::timeline::Played;
    let lesson = lesson("active-active-failover").unwrap();
    let design = Design::new(lesson.scenario.clone()).unwrap();
    let events: Vec<TimedEvent> =
        lesson.scenario.script.iter().map(|e| TimedEvent::parse(e, &design).unwrap()).collect();
    let played = timeline::play(&design, &events, Options::default());
    let noticed = played
        .timeline
        .iter()
        .find(|e| e.subject == "quorum" && e.change == "lost")
        .map(|e| e.t_ms)
        .expect("the lesson loses quorum");
    assert!(noticed > 600_000, "noticed after the failure, at {noticed}");
    let seen = |t: u64| {
        let outcome = played.at(&design, t);
        let groups: Vec<String> = outcome.groups.iter().map(|g| format!("{} {}", g.name, g.state.word())).collect();
        format!("{} s: quorum {}; {}", t / 1000, if outcome.quorum.held { "held" } else { "lost" }, groups.join(", "))
    };
    expect_test::expect![[r#"
        600 s: quorum held; EVS1 online, EVS2 online
        605 s: quorum held; EVS1 online, EVS2 online
        606 s: quorum lost; EVS1 offline, EVS2 offline"#]]
    .assert_eq(&[seen(600_000), seen(noticed - 1_000), seen(noticed)].join("\n"));
}
