//! Prints the largest real DAG the benchmarks use, as scenario JSON: 16 members (8 in each datacenter, the
//! witness alone in dc3) with 500 databases of 4 copies (for scripts/bench-component).
use clusterplan_core::dag::presets::preferred_architecture;

fn main() {
    let scenario = preferred_architecture(8, 500, "16 members, 500 databases", "", "dc3");
    println!("{}", serde_json::to_string_pretty(&scenario).expect("a scenario is JSON"));
}
