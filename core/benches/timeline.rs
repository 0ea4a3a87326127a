//! The timeline benchmark: a 24-hour script on `eight-node-7a1p` in which EVS1's store fails every
//! minute (1,440 events). Goal: under 100 ms. Run: `cargo bench -p clusterplan-core --bench timeline`.

use clusterplan_core::cluster::event::TimedEvent;
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

criterion_group!(benches, day_of_failures);
criterion_main!(benches);
