//! The JSON Schema in `docs/` is the one generated from the types, and presets round-trip through the format.

use clusterplan_core::cluster::{Design, Scenario, presets};
use clusterplan_core::dag;
use clusterplan_core::scenario::Family;
use expect_test::expect_file;

#[test]
fn schema_file_is_up_to_date() {
    // UPDATE_EXPECT=1 cargo test rewrites docs/scenario.schema.json from the types.
    expect_file!["../../docs/scenario.schema.json"].assert_eq(&clusterplan_core::cluster::model::schema());
}

#[test]
fn schema_names_every_top_level_field() {
    let schema: serde_json::Value = serde_json::from_str(&clusterplan_core::cluster::model::schema()).unwrap();
    let properties = schema["properties"].as_object().expect("an object schema");
    for field in [
        "version",
        "name",
        "windows",
        "exchange",
        "cluster_name",
        "quorum",
        "nodes",
        "networks",
        "disks",
        "groups",
        "layout",
    ] {
        assert!(properties.contains_key(field), "schema lacks {field}");
    }
    assert_eq!(schema["additionalProperties"], false, "unknown fields are refused, and the schema says so");
}

#[test]
fn presets_round_trip_through_json() {
    for (id, _) in presets::PRESETS {
        let scenario = presets::preset(id).unwrap();
        let text = serde_json::to_string_pretty(&scenario).unwrap();
        let again: Scenario = serde_json::from_str(&text).unwrap();
        assert_eq!(scenario, again, "{id}");
        Design::from_json(&text).unwrap_or_else(|e| panic!("{id}: {e}"));
    }
}

#[test]
fn dag_schema_file_is_up_to_date() {
    // UPDATE_EXPECT=1 cargo test rewrites docs/dag.schema.json from the types.
    expect_file!["../../docs/dag.schema.json"].assert_eq(&dag::model::schema());
}

#[test]
fn dag_presets_round_trip_and_are_told_apart_from_clusters() {
    for (id, _) in dag::presets::PRESETS {
        let scenario = dag::presets::preset(id).unwrap();
        let text = serde_json::to_string_pretty(&scenario).unwrap();
        assert!(Family::of(&text) == Family::Dag, "{id} reads as a DAG");
        let again: dag::Scenario = serde_json::from_str(&text).unwrap();
        assert_eq!(scenario, again, "{id}");
        dag::Design::from_json(&text).unwrap_or_else(|e| panic!("{id}: {e}"));
    }
    for (id, _) in presets::PRESETS {
        assert!(
            Family::of(&serde_json::to_string(&presets::preset(id).unwrap()).unwrap()) != Family::Dag,
            "{id} is a cluster"
        );
    }
    assert!(
        !(Family::of("{\"kind\": \"cluster\"}") == Family::Dag)
            && !(Family::of("not json") == Family::Dag)
            && !(Family::of("{\"kind\": 3}") == Family::Dag)
    );
}
