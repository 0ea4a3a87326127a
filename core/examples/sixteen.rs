//! Prints the 16-node, 15 active / 1 passive design the benchmarks use, as scenario JSON (for the
//! component's benchmark against the CLI, scripts/bench-component).
use clusterplan_core::cluster::presets;

fn main() {
    let scenario = presets::active_passive("sixteen", 16, 15);
    println!("{}", serde_json::to_string_pretty(&scenario).expect("a scenario is JSON"));
}
