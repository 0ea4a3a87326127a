//! Writes the JSON Schema of each scenario format and every preset's scenario into OUT_DIR, where the module
//! embeds them as compact text: both are the engine's own (the same as `clusterplan schema` and `clusterplan
//! preset`), while the schema generator, the presets' constructors and the scenario formats' serializers stay
//! out of the module.

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    // Written without the indentation (a third of the text): the module hands the schema to `JSON.parse`.
    let write = |name: &str, text: String| {
        let schema: serde_json::Value = serde_json::from_str(&text).expect("the engine writes its schema as JSON");
        std::fs::write(out.join(name), schema.to_string()).expect("OUT_DIR is writable");
    };
    write("cluster.schema.json", clusterplan_core::cluster::model::schema());
    write("dag.schema.json", clusterplan_core::dag::model::schema());
    // `(id, compact JSON)` pairs, as Rust source the module `include!`s.
    let presets: Vec<(&str, String)> = clusterplan_core::verbs::presets()
        .into_iter()
        .map(|id| {
            let preset = clusterplan_core::verbs::preset(id).expect("the engine lists its own presets");
            (id, serde_json::to_string(&preset).expect("a scenario is JSON"))
        })
        .collect();
    std::fs::write(out.join("presets.rs"), format!("&{presets:?}")).expect("OUT_DIR is writable");
    println!("cargo::rerun-if-changed=build.rs");
}
