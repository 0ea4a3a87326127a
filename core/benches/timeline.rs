//! The timeline benchmarks: a 24-hour script on `eight-node-7a1p` in which EVS1's store fails every
//! minute (1,440 events), goal under 100 ms; and one group of 30,000 resources in a chain failing over
//! (once 8 s: scheduling was quadratic in the group's resources), goal under 1 s.
//! Run: `cargo bench -p clusterplan-core --bench timeline`.

use clusterplan_core::cluster::event::TimedEvent;
use clusterplan_core::cluster::model::{Resource, ResourceKind};
use clusterplan_core::cluster::{Design, Event, Options, presets, timeline};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn day_of_failures(c: &mut Criterion) {
    let design = Design::new(presets::preset("eight-node-7a1p").expect("preset")).expect("valid");
    let store = Event::parse("fail-resource:EVS1/Store", &design).expect("a resource of the preset");
    let script: Vec<TimedEvent> =
        (0..24 * 60).map(|minute| TimedEvent { event: store, at: Some(minute * 60_000) }).collect();
    let played = timeline::play(&design, &script, Options::default());
    assert!(played.timeline.len() > 1_000, "the day unfolds in many steps");
    c.bench_function("timeline: 24 h, a store failure every minute, 8 nodes", |b| {
        b.iter(|| timeline::play(black_box(&design), black_box(&script), Options::default()))
    });
}

fn a_group_of_30000_resources(c: &mut Criterion) {
    let mut scenario = presets::preset("two-node-active-passive").expect("preset");
    let group = &mut scenario.groups[0];
    let template = group.resources.iter().find(|r| r.kind == ResourceKind::Smtp).expect("an SMTP resource").clone();
    let first = template.depends_on.clone();
    for i in 0..30_000 {
        let depends_on = if i == 0 { first.clone() } else { vec![format!("R{}", i - 1)] };
        group.resources.push(Resource { name: format!("R{i}"), depends_on, ..template.clone() });
    }
    let design = Design::new(scenario).expect("valid");
    let owner = design.scenario.groups[0].owner.clone().unwrap_or_else(|| "node1".into());
    let script = [TimedEvent { event: Event::parse(&format!("fail:{owner}"), &design).expect("a node"), at: Some(0) }];
    let played = timeline::play(&design, &script, Options::default());
    assert!(played.timeline.len() > 30_000, "every resource comes online on the other node");
    let mut group = c.benchmark_group("timeline-large");
    group.sample_size(10);
    group.bench_function("timeline: one group of 30,000 resources fails over", |b| {
        b.iter(|| timeline::play(black_box(&design), black_box(&script), Options::default()))
    });
    group.finish();
}

criterion_group!(benches, day_of_failures, a_group_of_30000_resources);
criterion_main!(benches);
