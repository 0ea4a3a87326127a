//! Runs the 16-node failure matrix a few times, for profiling (`perf record`, callgrind).
use clusterplan_core::cluster::matrix::FailureMatrix;
use clusterplan_core::cluster::{Design, presets};

fn main() {
    let design = Design::new(presets::active_passive("sixteen", 16, 15)).expect("valid");
    let mut rows = 0;
    for _ in 0..10 {
        rows += FailureMatrix::compute(&design, None).expect("fits").len();
    }
    println!("{rows}");
}
