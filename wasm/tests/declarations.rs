//! The committed TypeScript declarations are the ones the engine's types give today.

#[test]
fn declarations_match_the_engine_types() {
    expect_test::expect_file!["../js/types.d.ts"].assert_eq(&clusterplan_wasm::declarations::types());
}
