//! Memory is bounded by the input, measured: every allocation of this process is counted (peakmem-alloc),
//! and each case's peak, above what was allocated when it began, must stay under its bound. The cases are
//! the reproductions of issue 10 that once took gigabytes: loading and validating 20,000 nodes × 20,000
//! EVSs, analysing 20 nodes × 1,500 EVSs, printing a large matrix, a timeline of 30,000 resources, an
//! endless standard input, a DAG of 66,000 databases. Bytes, not time: the figure is the same on a busy
//! machine. Run with `cargo test -p clusterplan-tests --test memory`; it prints each peak.

use clusterplan_core::matrix::Summarised;
use std::alloc::System;
use std::io::Read;

use clusterplan_core::cluster::matrix::Summary;
use clusterplan_core::cluster::{Design, rules};
use clusterplan_tests::{chain_design, cluster_design, dag_design};
use peakmem_alloc::{INSTRUMENTED_SYSTEM, PeakMemAlloc, PeakMemAllocTrait};

#[global_allocator]
static GLOBAL: &PeakMemAlloc<System> = &INSTRUMENTED_SYSTEM;

const MB: usize = 1 << 20;

/// Runs the command with `stdin`, its output thrown away as it is written.
fn command(args: &[&str], stdin: &mut dyn Read) -> i32 {
    let mut stderr = Vec::new();
    let code = clusterplan::run(
        std::iter::once("clusterplan").chain(args.iter().copied()),
        stdin,
        &mut std::io::sink(),
        &mut stderr,
    );
    assert!(code <= 2, "exit {code}");
    code
}

/// Measures `case`'s peak above the start; fails above `bound`.
fn measure(name: &str, bound: usize, failures: &mut Vec<String>, case: impl FnOnce()) {
    GLOBAL.reset_peak_memory();
    case();
    let peak = GLOBAL.get_peak_memory();
    println!("{name:<70} {:>7.1} MB  (bound {} MB)", peak as f64 / MB as f64, bound / MB);
    if peak > bound {
        failures.push(format!("{name}: {} MB, over its bound of {} MB", peak / MB, bound / MB));
    }
}

fn main() {
    let mut failures = Vec::new();

    let big = cluster_design(20_000, 20_000).to_string();
    println!("20,000 nodes × 20,000 EVSs: {:.1} MB of JSON", big.len() as f64 / MB as f64);
    measure("load 20,000 nodes × 20,000 EVSs (was 4.9 GB)", 128 * MB, &mut failures, || {
        Design::from_json(&big).expect("loads");
    });
    let design = Design::from_json(&big).expect("loads");
    measure("validate them", 32 * MB, &mut failures, || {
        rules::validate(&design);
    });
    drop(design);
    measure("clusterplan simulate them, fail:n3", 192 * MB, &mut failures, || {
        command(&["simulate", "-", "fail:n3"], &mut big.as_bytes());
    });
    drop(big);

    let wide = cluster_design(20, 1500).to_string();
    let design = Design::from_json(&wide).expect("loads");
    measure("analyze 20 nodes × 1,500 EVSs, summary of 21,700 sets (was 12 GB)", 8 * MB, &mut failures, || {
        Summary::compute(&design, Some(5)).expect("fits");
    });
    measure("clusterplan analyze them refused before it runs", 16 * MB, &mut failures, || {
        assert_eq!(command(&["analyze", "-"], &mut wide.as_bytes()), 2);
    });
    measure("clusterplan analyze --max-failures 3: 1,351 rows, ~100 MB of JSON", 48 * MB, &mut failures, || {
        assert_eq!(command(&["analyze", "-", "--max-failures", "3"], &mut wide.as_bytes()), 0);
    });

    let chain = chain_design(30_000).to_string();
    measure("clusterplan simulate --timeline: one group of 30,000 resources", 64 * MB, &mut failures, || {
        assert_eq!(command(&["simulate", "--timeline", "-", "fail:n0@0s"], &mut chain.as_bytes()), 0);
    });

    measure("clusterplan validate - with an endless standard input", 80 * MB, &mut failures, || {
        assert_eq!(command(&["validate", "-"], &mut std::io::repeat(b' ')), 2);
    });

    let dag = dag_design(2, 66_000).to_string();
    measure("clusterplan analyze --summary: a DAG of 66,000 databases", 80 * MB, &mut failures, || {
        assert_eq!(command(&["analyze", "-", "--summary"], &mut dag.as_bytes()), 0);
    });

    assert!(failures.is_empty(), "over the bounds:\n{}", failures.join("\n"));
}
