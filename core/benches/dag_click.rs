//! What a planner's click costs the DAG engine at the largest real scale (16 members, 500 databases), with
//! 30 events already applied (dc1 failed and restored by turns): the click's event applied to the DAG the
//! events before it left (`Applied::then`, its outcome and advice: what the page does), beside replaying
//! every event from the healthy DAG twice, for the outcome and for the advice (what it did before); and an
//! undo, which applies the events before the last again from the healthy DAG.
//! Run: `cargo bench -p clusterplan-core --bench dag_click`.

use clusterplan_core::dag::presets::preferred_architecture;
use clusterplan_core::dag::report::{Applied, simulate};
use clusterplan_core::dag::{Design, Event, rules};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn click_at_scale(c: &mut Criterion) {
    let design = Design::new(preferred_architecture(8, 500, "16 members, 500 databases", "", "dc3")).expect("valid");
    let events: Vec<Event> = (0..31)
        .map(|i| Event::parse(if i % 2 == 0 { "fail-site:dc1" } else { "restore-site:dc1" }, &design).unwrap())
        .collect();
    let (before, click) = events.split_at(30);
    let applied = Applied::replay(&design, before);
    // The two ways agree: the click's outcome and advice are the replay's.
    let after = applied.then(&design, click[0]);
    assert_eq!(after.outcome(&design), simulate(&design, &events));
    assert_eq!(rules::advice_at(&design, after.state()), rules::advice(&design, &events));
    assert!(after.outcome(&design).mounted == 500, "dc1 failed: every database mounted in dc2");

    let mut group = c.benchmark_group("DAG click, 16 × 500, 30 events applied");
    group.bench_function("the click applied where the others left it", |b| {
        b.iter(|| {
            let next = black_box(&applied).then(&design, click[0]);
            (next.outcome(&design), rules::advice_at(&design, next.state()))
        })
    });
    group.bench_function("undo: the 30 events before the click applied again", |b| {
        b.iter(|| Applied::replay(&design, black_box(before)))
    });
    group.bench_function("every event replayed, twice", |b| {
        b.iter(|| (simulate(&design, black_box(&events)), rules::advice(&design, black_box(&events))))
    });
    group.finish();
}

criterion_group!(benches, click_at_scale);
criterion_main!(benches);
