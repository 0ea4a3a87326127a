//! Bad input gets a clear message naming where it is wrong, never a panic.

use clusterplan_core::cluster::matrix::FailureMatrix;
use clusterplan_core::cluster::rules;
use clusterplan_core::cluster::{Design, Event, Options, presets, report};
use expect_test::{Expect, expect};
use serde_json::{Value, json};

fn preset_value(id: &str) -> Value {
    serde_json::to_value(presets::preset(id).unwrap()).unwrap()
}

/// Loads `input` and shows the message (or `loaded`).
fn check(input: &str, expect: Expect) {
    let actual = match Design::from_json(input) {
        Ok(_) => "loaded".to_string(),
        Err(errors) => errors.to_string(),
    };
    expect.assert_eq(&actual);
}

fn with(mut value: Value, edit: impl FnOnce(&mut Value)) -> String {
    edit(&mut value);
    value.to_string()
}

/// A file that is no design at all is named for what it is: the Calculator's DAGInfo.csv (its header written
/// with a space after each comma, then its version row), text Windows PowerShell wrote as UTF-16LE with a
/// byte-order mark (read as UTF-8, a NUL after every character), an HTML page. A JSON design that merely
/// starts badly is still a JSON error with its line and column.
#[test]
fn other_kinds_of_file_say_what_they_are() {
    check(
        "\"DAGName\", \"DAGIps\", \"WitnessServer\", \"WitnessDir\"\r\n\"VersionNumber\",\"2.1\",\"7.6\"\r\n\"DAG1\",\"10.0.0.10\",\"FSW1\",\"C:\\DAG1\"\r\n",
        expect!["it is a CSV file, not a design: clusterplan opens a scenario file (JSON, as Export writes it)"],
    );
    let utf16: String = "{\"version\": 1}".chars().flat_map(|c| [c, '\0']).collect();
    check(
        &format!("\u{fffd}\u{fffd}{utf16}"),
        expect![
            "it is saved as UTF-16 (as Windows PowerShell's Out-File and > write text): save it as UTF-8 and open it again"
        ],
    );
    check(
        "<!DOCTYPE html><html><body>404</body></html>",
        expect![
            "it is an HTML or XML page, not a design: clusterplan opens a scenario file (JSON, as Export writes it)"
        ],
    );
    check("{\"version\": 1,, }", expect!["not valid JSON at line 1, column 15 (key must be a string)"]);
}

#[test]
fn truncated_json() {
    let text = serde_json::to_string_pretty(&preset_value("four-node-3a1p")).unwrap();
    check(
        &text[..text.len() / 2],
        expect![[r#"groups[1].resources[6].depends_on: the file ends too early (cut short?) at line 181, column 7"#]],
    );
    check(
        "",
        expect!["it is an empty file, not a design: clusterplan opens a scenario file (JSON, as Export writes it)"],
    );
}

#[test]
fn not_json() {
    check("nodes: [node1]", expect![[r#"a scenario is a JSON object { ... }; the file starts with "nodes: [node1]""#]]);
    check("[1, 2]", expect![[r#"a scenario is a JSON object { ... }; the file starts with "[1, 2]""#]]);
    check(r#"{"version": 1,}"#, expect!["not valid JSON at line 1, column 15 (trailing comma)"]);
}

#[test]
fn wrong_types_name_the_path() {
    let four = preset_value("four-node-3a1p");
    check(
        &with(four.clone(), |v| v["nodes"] = json!("node1")),
        expect![[r#"nodes: invalid type: string "node1", expected a sequence (at line 1, column 3263)"#]],
    );
    check(
        &with(four.clone(), |v| v["groups"][1]["mapi_users"] = json!("many")),
        expect![[r#"groups[1].mapi_users: invalid type: string "many", expected u32 (at line 1, column 1313)"#]],
    );
    check(
        &with(four.clone(), |v| v["groups"][0]["mapi_users"] = json!(-5)),
        expect!["groups[0].mapi_users: invalid value: integer `-5`, expected u32 (at line 1, column 365)"],
    );
    check(
        &with(four.clone(), |v| v["windows"] = json!("vista")),
        expect![
            "windows: unknown variant `vista`, expected one of `server-2003-enterprise`, `server-2003-datacenter`, `server-2003-standard`, `2000-advanced-server`, `2000-datacenter`, `2000-server` (at line 1, column 3599)"
        ],
    );
    check(
        &with(four, |v| v["networks"][0]["subnet"] = json!("192.168.1.0/33")),
        expect!["networks[0].subnet: invalid IP address syntax (at line 1, column 3174)"],
    );
}

#[test]
fn unknown_and_missing_fields() {
    let four = preset_value("four-node-3a1p");
    check(
        &with(four.clone(), |v| v["colour"] = json!("blue")),
        expect![
            "colour: unknown field `colour`, expected one of `version`, `name`, `description`, `windows`, `exchange`, `cluster_name`, `quorum`, `nodes`, `networks`, `disks`, `cluster_group`, `groups`, `front_ends`, `script`, `timing`, `layout` (at line 1, column 29)"
        ],
    );
    check(
        &with(four, |v| {
            v.as_object_mut().unwrap().remove("quorum");
        }),
        expect!["missing field `quorum` (at line 1, column 1)"],
    );
}

#[test]
fn unknown_names_are_all_reported_with_their_paths() {
    let four = preset_value("four-node-3a1p");
    check(
        &with(four.clone(), |v| v["groups"][2]["owner"] = json!("node9")),
        expect![[r#"groups[2].owner: no node named "node9""#]],
    );
    check(
        &with(four.clone(), |v| {
            v["groups"][0]["preferred_owners"][1] = json!("node7");
            v["groups"][1]["resources"][3]["disk"] = json!("Z");
            v["groups"][1]["resources"][5]["depends_on"][0] = json!("Attendant");
            v["quorum"]["disk"] = json!("QQ");
            v["nodes"][2]["nics"][0]["network"] = json!("lan");
        }),
        expect![[r#"
            nodes[2].nics[0].network: no network named "lan"
            quorum.disk: no disk named "QQ"
            groups[0].preferred_owners[1]: no node named "node7"
            groups[1].resources[3].disk: no disk named "Z"
            groups[1].resources[5].depends_on[0]: no resource named "Attendant" in "EVS2""#]],
    );
    check(
        &with(four.clone(), |v| v["nodes"][3]["name"] = json!("node1")),
        expect![[r#"
            nodes[3].name: "node1" is already the name of nodes[0]
            groups[0].preferred_owners[1]: no node named "node4"
            groups[1].preferred_owners[1]: no node named "node4"
            groups[2].preferred_owners[1]: no node named "node4""#]],
    );
    check(
        &with(four.clone(), |v| {
            v["groups"][0]["resources"][0].as_object_mut().unwrap().remove("network");
            v["groups"][0]["resources"][1]["disk"] = json!("EVS1-data");
        }),
        expect![[r#"
            groups[0].resources[0].network: an IP Address resource must name its network
            groups[0].resources[1].disk: only a Physical Disk resource names a disk"#]],
    );
    check(
        &with(four, |v| v["version"] = json!(2)),
        expect![[r#"version: this build reads scenario version 1, not 2"#]],
    );
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    let deep = format!(r#"{{"version": 1, "name": {}{}}}"#, "[".repeat(100_000), "]".repeat(100_000));
    check(
        &deep,
        expect![
            "name[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: not valid JSON at line 1, column 150 (recursion limit exceeded)"
        ],
    );
}

/// 10,000 nodes: loads, validates with a clear finding, simulates, and the matrix refuses with advice.
#[test]
fn ten_thousand_nodes() {
    let design = Design::from_json(&with(preset_value("four-node-3a1p"), |v| {
        let nodes: Vec<Value> = (1..=10_000)
            .map(|i| json!({ "name": format!("node{i}"), "nics": [{ "network": "public" }, { "network": "private" }] }))
            .collect();
        v["nodes"] = Value::Array(nodes);
    }))
    .expect("a large design still loads");
    let findings = rules::validate(&design);
    let too_many = findings.iter().find(|f| f.rule == "nodes.too-many").expect("too many nodes is reported");
    expect![[r#"10000 nodes, but Windows Server 2003 Enterprise Edition clusters Exchange 2003 on at most 8."#]]
        .assert_eq(&too_many.message);
    let outcome = report::simulate(&design, &[Event::parse("fail:node3", &design).unwrap()], Options::default());
    assert_eq!(outcome.groups[2].owner.as_deref(), Some("node4"), "EVS3 moves to its preferred passive node");
    let error = FailureMatrix::compute(&design, None).unwrap_err();
    expect!["more than 2^64 node sets to try, more than the 1048576 this tool tries at once; at most 1 simultaneous failures fit (10001 sets)"]
        .assert_eq(&error.to_string());
}

#[test]
fn event_text_errors_name_the_problem() {
    let design = Design::new(presets::preset("four-node-3a1p").unwrap()).unwrap();
    let check = |text: &str, expect: Expect| {
        let actual = match Event::parse(text, &design) {
            Ok(event) => format!("ok: {}", event.label(&design)),
            Err(error) => error.to_string(),
        };
        expect.assert_eq(&actual);
    };
    check("fail:node9", expect![[r#"event "fail:node9": no node named "node9""#]]);
    check(
        "kill:node1",
        expect![[
            r#"event "kill:node1": unknown event "kill"; known: fail, restore, fail-resource, fail-network, restore-network, fail-nic, restore-nic, fail-disk, restore-disk, move, pause, resume, evict, online, fail-frontend, restore-frontend, fail-nlb, restore-nlb"#
        ]],
    );
    check("node1", expect![[r#"event "node1": expected VERB:ARGUMENT, such as fail:node3 (see --help for the list)"#]]);
    check("move:EVS1", expect![[r#"event "move:EVS1": expected move:GROUP=NODE"#]]);
    check(
        "fail-resource:EVS1/Stor",
        expect![[r#"event "fail-resource:EVS1/Stor": no resource named "Stor" in "EVS1""#]],
    );
    check("fail-resource:EVS9/Store", expect![[r#"event "fail-resource:EVS9/Store": no group named "EVS9""#]]);
    check("fail-nic:node1/lan", expect![[r#"event "fail-nic:node1/lan": no network named "lan""#]]);
    check("move:EVS1=node4", expect![[r#"ok: move:EVS1=node4"#]]);
}

/// Loads `input` as a DAG and shows the message (or `loaded`).
fn check_dag(input: &str, expect: Expect) {
    let actual = match clusterplan_core::dag::Design::from_json(input) {
        Ok(_) => "loaded".to_string(),
        Err(errors) => errors.to_string(),
    };
    expect.assert_eq(&actual);
}

#[test]
fn bad_dag_files_name_the_path() {
    let pa = serde_json::to_value(clusterplan_core::dag::presets::preset("dag-pa-8").unwrap()).unwrap();
    check_dag(&pa.to_string(), expect!["loaded"]);
    let text = serde_json::to_string_pretty(&pa).unwrap();
    check_dag(
        &text[..text.len() / 3],
        expect!["databases[6].copies[1]: the file ends too early (cut short?) at line 149, column 18"],
    );
    // The version as a number, a common slip: said to be of the wrong type, with the versions there are.
    check_dag(
        &with(pa.clone(), |v| v["exchange"] = json!(2019)),
        expect![
            "exchange: invalid type: integer `2019`, expected one of `2010`, `2013`, `2016`, `2019`, `se` (at line 1, column 3162)"
        ],
    );
    check_dag(
        &with(pa.clone(), |v| v["databases"][2]["copies"][1]["copy_queue"] = json!("lots")),
        expect![[
            r#"databases[2].copies[1].copy_queue: invalid type: string "lots", expected u32 (at line 1, column 505)"#
        ]],
    );
    check_dag(
        &with(pa.clone(), |v| v["servers"][0]["mount_dial"] = json!("reckless")),
        expect![
            "servers[0].mount_dial: unknown variant `reckless`, expected one of `lossless`, `good-availability`, `best-availability` (at line 1, column 3520)"
        ],
    );
    check_dag(
        &with(pa.clone(), |v| v["servers"][1]["votes"] = json!(2)),
        expect![
            "servers[1].votes: unknown field `votes`, expected one of `name`, `site`, `mount_dial`, `activation_policy`, `max_active`, `max_preferred_active`, `windows`, `down`, `spare_volumes` (at line 1, column 3561)"
        ],
    );
    // A running DAG's state: a database mounted on a server that holds no copy of it.
    check_dag(
        &with(pa.clone(), |v| v["databases"][0]["active"] = json!("ex8")),
        expect![[r#"databases[0].active: "db1" has no copy on "ex8""#]],
    );
    check_dag(
        &with(pa.clone(), |v| v["servers"][7] = json!(null)),
        expect!["servers[7]: invalid type: null, expected struct Server (at line 1, column 3702)"],
    );
    // The namespace: an address in no site, two of one name, a name left empty, a TTL that is no number.
    check_dag(
        &with(pa.clone(), |v| {
            v["namespace"]["vips"][0]["site"] = json!("dc9");
            v["namespace"]["vips"][1]["name"] = json!("vip-dc1");
            v["namespace"]["name"] = json!(" ");
        }),
        expect![[r#"
            namespace.name: a name must not be empty
            namespace.vips[0].site: no site named "dc9"
            namespace.vips[1].name: "vip-dc1" is already the name of vips[0]"#]],
    );
    check_dag(
        &with(pa.clone(), |v| v["namespace"]["vips"] = json!([])),
        expect!["namespace.vips: a namespace needs at least one virtual IP address"],
    );
    check_dag(
        &with(pa.clone(), |v| v["namespace"]["ttl_seconds"] = json!("5 minutes")),
        expect![[r#"namespace.ttl_seconds: invalid type: string "5 minutes", expected u32 (at line 1, column 3301)"#]],
    );
    check_dag(
        &with(pa.clone(), |v| v["namespace"]["vips"][0]["address"] = json!("10.1.0.300")),
        expect!["namespace.vips[0].address: invalid IPv4 address syntax (at line 1, column 3306)"],
    );
    check_dag(
        &with(pa, |v| {
            v["databases"][0]["copies"][1]["server"] = json!("ex1");
            v["witness"]["site"] = json!("dc9");
            v["sites"][2]["name"] = json!("dc1");
        }),
        expect![[r#"
            sites[2].name: "dc1" is already the name of sites[0]
            witness.site: no site named "dc9"
            databases[0].copies[1].server: "db1" already has a copy on "ex1""#]],
    );
}
