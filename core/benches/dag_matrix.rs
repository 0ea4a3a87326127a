//! The DAG failure matrix benchmark: a 16-member DAG (8 per datacenter, witness in a third) with 200
//! databases of 4 copies, all 65,536 server subsets with the active databases per server after each.
//! Goal: under 100 ms on one core. Also `dag-pa-8` (256 subsets), and the summary `analyze --summary`
//! writes for the largest real DAG, 16 members × 500 databases (goal: under 0.3 s).
//!
//! Run: `cargo bench -p clusterplan-core --bench dag_matrix`.

use clusterplan_core::dag::Design;
use clusterplan_core::dag::matrix::{FailureMatrix, Summary};
use clusterplan_core::dag::presets::{preferred_architecture, preset};
use clusterplan_core::matrix::Summarised;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn matrix(c: &mut Criterion) {
    let pa8 = Design::new(preset("dag-pa-8").expect("preset")).expect("valid");
    let big = Design::new(preferred_architecture(8, 200, "16 members, 200 databases", "", "dc3")).expect("valid");
    assert_eq!(FailureMatrix::compute(&pa8, None).expect("fits").len(), 256);
    let full = FailureMatrix::compute(&big, None).expect("fits");
    assert_eq!(full.len(), 65_536);
    assert_eq!(full.row(0).load.iter().map(|&l| l as usize).sum::<usize>(), 200);

    let largest = Design::new(preferred_architecture(8, 500, "16 members, 500 databases", "", "dc3")).expect("valid");
    assert_eq!(Summary::compute(&largest, None).expect("fits").combinations, 65_536);

    let mut group = c.benchmark_group("dag-failure-matrix");
    group.bench_function("dag-pa-8, 256 server sets", |b| b.iter(|| FailureMatrix::compute(black_box(&pa8), None)));
    group.sample_size(20);
    group.bench_function("16 members x 200 databases x 4 copies, 65536 server sets", |b| {
        b.iter(|| FailureMatrix::compute(black_box(&big), None))
    });
    group.bench_function("16 members x 500 databases, the summary of 65536 server sets", |b| {
        b.iter(|| Summary::compute(black_box(&largest), None))
    });
    group.finish();
}

criterion_group!(benches, matrix);
criterion_main!(benches);
