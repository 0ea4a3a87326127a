//! Writes the JSON Schema of each scenario format into OUT_DIR, where the module embeds it as compact text: the
//! schemas are the engine's own (the same as `clusterplan schema`), the generator stays out of the module.

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    // Written without the indentation (a third of the text): the module hands the schema to `JSON.parse`.
    let write = |name: &str, text: String| {
        let schema: serde_json::Value = serde_json::from_str(&text).expect("the engine writes its schema as JSON");
        std::fs::write(out.join(name), schema.to_string()).expect("OUT_DIR is writable");
    };
    write("cluster.schema.json", clusterplan_core::cluster::model::schema());
    write("dag.schema.json", clusterplan_core::dag::model::schema());
    println!("cargo::rerun-if-changed=build.rs");
}
