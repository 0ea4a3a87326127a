//! The DAG timeline benchmarks, at real scale: 16 members (8 a datacenter) and 200 databases, dc1 failing
//! with a server of dc2 five minutes later. Playing the script (what opening a lesson or pressing "Play the
//! script" costs), and the DAG seen at one time (what each tick of the page's player costs, ten a second
//! while it plays): at 15 s, halfway through the failover, and after the last step.
//! Run: `cargo bench -p clusterplan-core --bench dag_timeline`.

use clusterplan_core::dag::event::TimedEvent;
use clusterplan_core::dag::presets::preferred_architecture;
use clusterplan_core::dag::{Design, timeline};
use clusterplan_core::timeline::Played;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn datacenter_failure_at_scale(c: &mut Criterion) {
    let design = Design::new(preferred_architecture(8, 200, "16 members, 200 databases", "", "dc3")).expect("valid");
    let script: Vec<TimedEvent> = ["fail-site:dc1@0s", "fail:ex9@5min"]
        .iter()
        .map(|text| TimedEvent::parse(text, &design).expect("an event of the design"))
        .collect();
    let played = timeline::play(&design, &script);
    // dc1's 100 active databases and then ex9's each dismount, are chosen, mount and are reached again.
    assert!(played.timeline.len() > 500 && played.outcome.mounted == 200, "every database fails over and mounts");
    c.bench_function("DAG timeline: play dc1 failing, then ex9, 16 × 200", |b| {
        b.iter(|| timeline::play(black_box(&design), black_box(&script)))
    });
    c.bench_function("DAG timeline: the DAG at 15 s (mid-failover), 16 × 200", |b| {
        b.iter(|| played.at(black_box(&design), black_box(15_000)))
    });
    c.bench_function("DAG timeline: the DAG after the last step, 16 × 200", |b| {
        b.iter(|| played.at(black_box(&design), black_box(played.end_ms())))
    });
}

criterion_group!(benches, datacenter_failure_at_scale);
criterion_main!(benches);
