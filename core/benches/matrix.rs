//! The failure matrix benchmark: all 2^8 node sets of `eight-node-7a1p`, and all 2^16 of a 16-node
//! cluster (15 active, 1 passive: beyond Exchange 2003's limit, the size of the Windows cluster under a
//! full DAG). Goals: under 1 ms and under 10 ms on one core (issue 32; 37 ms before the sets were
//! settled with bitmasks, `cluster::engine::NodeSets`).
//!
//! Run: `cargo bench -p clusterplan-core --bench matrix`.

use clusterplan_core::cluster::matrix::FailureMatrix;
use clusterplan_core::cluster::{Design, presets};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn matrix(c: &mut Criterion) {
    let eight = Design::new(presets::preset("eight-node-7a1p").expect("preset")).expect("valid");
    let sixteen = Design::new(presets::active_passive("Sixteen nodes, 15 active / 1 passive", 16, 15)).expect("valid");
    assert_eq!(FailureMatrix::compute(&eight, None).expect("fits").len(), 256);
    assert_eq!(FailureMatrix::compute(&sixteen, None).expect("fits").len(), 65_536);

    let mut group = c.benchmark_group("failure-matrix");
    group.bench_function("eight-node-7a1p, 256 node sets", |b| {
        b.iter(|| FailureMatrix::compute(black_box(&eight), None).expect("fits"))
    });
    group.sample_size(20);
    group.bench_function("sixteen-node-15a1p, 65536 node sets", |b| {
        b.iter(|| FailureMatrix::compute(black_box(&sixteen), None).expect("fits"))
    });
    group.finish();
}

criterion_group!(benches, matrix);
criterion_main!(benches);
