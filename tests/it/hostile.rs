//! Hostile and huge input, one test per class of bug found by mutating scenarios, event strings and design
//! sizes (issue 10): each reproduction now ends with exit 0, 1 or 2, the right answer or an honest refusal
//! with a message. Memory bounds are measured in `tests/memory.rs`.

use clusterplan_tests::{chain_design, cluster_design, dag_design, run};
use serde_json::{Value, json};

fn preset(id: &str) -> Value {
    clusterplan_tests::design_value(&json!(id), None).unwrap()
}

/// The longest line of `text`, in characters.
fn longest_line(text: &str) -> usize {
    text.lines().map(|line| line.chars().count()).max().unwrap_or(0)
}

#[test]
fn text_tables_take_names_of_65536_characters_and_more() {
    let long = "G".repeat(70_000);
    let attendant = "S".repeat(80_000);
    let mut design = preset("four-node-3a1p");
    design["groups"][0]["name"] = json!(long);
    design["groups"][0]["resources"][4]["name"] = json!(attendant);
    for resource in design["groups"][0]["resources"].as_array_mut().unwrap() {
        if let Some(depends_on) = resource.get_mut("depends_on").and_then(Value::as_array_mut) {
            for name in depends_on.iter_mut().filter(|n| *n == "System Attendant") {
                *name = json!(attendant);
            }
        }
    }
    let text = design.to_string();
    for args in [
        &["validate", "-", "--format", "text"][..],
        &["simulate", "-", "fail:node1", "--format", "text"],
        &["simulate", "--timeline", "-", "fail:node1@0s", "--format", "text"],
        &["analyze", "-", "--max-failures", "1", "--format", "text"],
        &["ips", "-", "--format", "text"],
    ] {
        let out = run(args, &text);
        assert!(out.code <= 1, "{args:?}: exit {}: {}", out.code, out.stderr);
        assert!(out.stdout.contains("GGGG…"), "{args:?}: the long name is shown cut:\n{}", out.stdout);
        assert!(longest_line(&out.stdout) <= 1200, "{args:?}: a line of {} characters", longest_line(&out.stdout));
    }
    // A DAG database name too.
    let mut dag = preset("dag-2-member");
    dag["databases"][0]["name"] = json!("D".repeat(70_000));
    let out = run(&["simulate", "-", "fail:ex1", "--format", "text"], &dag.to_string());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("DDDD…") && longest_line(&out.stdout) <= 1200);
}

#[test]
fn dag_matrix_counts_databases_past_65535() {
    // Counted in 16 bits, 66,000 databases showed as 464.
    let text = dag_design(2, 66_000).to_string();
    let summary = run(&["analyze", "-", "--summary"], &text).json()["summary"].clone();
    assert_eq!(summary["databases"], 66_000);
    assert_eq!(summary["modes"][0]["mode"], "normal");
    assert_eq!(summary["modes"][0]["mounted"], 66_000);
    assert_eq!(summary["modes"][0]["max_active"], 33_000);
    assert_eq!(summary["levels"][1]["fewest_mounted"], 66_000, "either member alone mounts every database");
    let outcome = run(&["simulate", "-", "fail:ex1"], &text).json();
    assert_eq!(outcome["mounted"], 66_000);
}

#[test]
fn an_event_time_too_large_for_the_clock_is_refused_not_wrapped() {
    let four = preset("four-node-3a1p").to_string();
    let out = run(&["simulate", "--timeline", "-", "fail:node3@42535295865117307932921825928971026462s"], &four);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("is too long a time: at most 277777777 hours"), "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert_eq!(run(&["simulate", "--timeline", "-", "fail:node3@277777778h"], &four).code, 2);
    // The longest time there is still plays, at that time.
    let played = run(&["simulate", "--timeline", "-", "fail:node3@277777777h"], &four).json();
    let failed = played["timeline"].as_array().unwrap().iter().find(|e| e["subject"] == "node3").unwrap().clone();
    assert_eq!(failed["t"], json!(999_999_997_200.0), "277,777,777 hours in seconds");
}

#[test]
fn text_after_the_design_is_refused() {
    let four = serde_json::to_string_pretty(&preset("four-node-3a1p")).unwrap();
    for text in [format!("{four}\nxyz"), format!("{four}{four}"), format!("{four},")] {
        let out = run(&["validate", "-"], &text);
        assert_eq!(out.code, 2, "{}", out.stdout);
        assert!(
            out.stderr.starts_with("clusterplan: <stdin>: text after the design (not valid JSON at line "),
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains("(trailing characters))"), "{}", out.stderr);
        assert!(!out.stderr.contains("read as"), "the design itself said what it is: {}", out.stderr);
    }
    assert_eq!(run(&["validate", "-"], &format!("{four}\n\n")).code, 0, "white space after it is fine");
}

#[test]
fn dag_syntax_errors_are_reported_in_dag_terms() {
    let pretty = serde_json::to_string_pretty(&preset("dag-2-member")).unwrap();
    let truncated = &pretty[..pretty.len() / 2];
    let stray_comma = pretty.replacen("\"dc1\"\n    }\n  ],", "\"dc1\"\n    },\n  ],", 1);
    assert_ne!(stray_comma, pretty);
    let upper = pretty.replace("\"kind\": \"dag\"", "\"kind\": \"DAG\"");
    let misspelt = pretty.replace("\"kind\": \"dag\"", "\"kind\": \"dga\"");
    let cases = [
        // Keys in order, so "kind" comes after "dag_name": cut before it, the DAG's own fields tell.
        (truncated, "the file ends too early", "because it has no \"kind\" but has DAG fields (dac_mode, dag_name"),
        (&stray_comma, "trailing comma", "because it says \"kind\": \"dag\""),
        (&upper, "kind: unknown variant `DAG`, expected `dag`", "because it says \"kind\": \"DAG\""),
        (
            &misspelt,
            "kind: unknown variant `dga`, expected `dag`",
            "its \"kind\" is \"dga\", not \"dag\", but has DAG fields",
        ),
    ];
    for (text, error, why) in cases {
        let out = run(&["validate", "-"], text);
        assert_eq!(out.code, 2);
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert!(lines[0].contains(error), "{}", out.stderr);
        assert!(!out.stderr.contains("windows"), "no 2003 field list: {}", out.stderr);
        assert!(lines.last().unwrap().contains("read as a DAG design") && out.stderr.contains(why), "{}", out.stderr);
    }
}

#[test]
fn a_bad_time_is_reported_as_a_time_not_a_missing_node() {
    let four = preset("four-node-3a1p").to_string();
    for (event, message) in [
        ("fail:node1@-5s", "\"-5s\" is before the start: times count from 0s"),
        ("fail:node1@5x", "\"x\" is not a unit of time"),
        ("fail:node1@", "\"\" is not a time such as 30s"),
        ("fail:node1@1.2.3s", "\"1.2.3s\" is not a time such as 30s"),
    ] {
        let out = run(&["simulate", "-", event], &four);
        assert_eq!(out.code, 2);
        assert!(out.stderr.contains(message), "{event}: {}", out.stderr);
        assert!(!out.stderr.contains("no node named"), "{event}: {}", out.stderr);
    }
    // A name may hold '@': it is still found.
    let mut design = preset("four-node-3a1p");
    design["nodes"][0]["name"] = json!("node@1");
    for group in design["groups"].as_array_mut().unwrap() {
        for owner in group["preferred_owners"].as_array_mut().into_iter().flatten().filter(|o| *o == "node1") {
            *owner = json!("node@1");
        }
        if group["owner"] == "node1" {
            group["owner"] = json!("node@1");
        }
    }
    let out = run(&["simulate", "-", "fail:node@1"], &design.to_string());
    assert_eq!(out.code, 0, "{}", out.stderr);
    // A DAG's events take times too, and a bad one is reported as a time, not as a missing server.
    let dag = preset("dag-2-member").to_string();
    assert_eq!(run(&["simulate", "-", "fail:ex1@30s"], &dag).code, 0);
    let out = run(&["simulate", "-", "fail:ex1@-5s"], &dag);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("\"fail:ex1@-5s\""), "{}", out.stderr);
    assert!(!out.stderr.contains("no server named"), "{}", out.stderr);
    // A copy's path holds '@' as well: it is still read, with or without a time.
    assert_eq!(run(&["simulate", "-", "fail-copy:db1@ex2", "fail-copy:db2@ex1@1min"], &dag).code, 0);
}

#[test]
fn dag_analysis_goes_past_32_servers_and_its_advice_works() {
    let text = dag_design(40, 80).to_string();
    let refused = run(&["analyze", "-"], &text);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("1099511627776 server sets to try")
            && refused
                .stderr
                .ends_with("at most 4 simultaneous failures fit (102091 sets): ask for --max-failures 4\n"),
        "{}",
        refused.stderr
    );
    let summary = run(&["analyze", "-", "--max-failures", "4", "--summary"], &text).json()["summary"].clone();
    assert_eq!(summary["combinations"], 102_091);
    assert_eq!(summary["servers"], 40);
    // Any single member may fail: every database has a second copy on another member.
    assert_eq!(summary["tolerates_any"], 1);
    let rows = run(&["analyze", "-", "--max-failures", "1"], &text).json();
    let rows = rows["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 41);
    assert_eq!(rows[40]["failed"], json!(["ex40"]), "server sets name members past the 32nd");
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let mut design = preset("four-node-3a1p");
    design["groups"][1]["name"] = json!("EVS2\nEVS9  online  node1  forged\u{1b}[31m\u{202e}");
    let text = design.to_string();
    let plain = run(&["simulate", "-", "fail:node1", "--format", "text"], &preset("four-node-3a1p").to_string());
    let out = run(&["simulate", "-", "fail:node1", "--format", "text"], &text);
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout.lines().count(), plain.stdout.lines().count(), "a newline in a name forges no row");
    assert!(out.stdout.contains(r"EVS2\nEVS9  online  node1  forged\u{1b}[31m\u{202e}"), "{}", out.stdout);
    assert!(!out.stdout.chars().any(|c| c.is_control() && c != '\n'));
    // Messages quote what the user typed with its escapes, on one line.
    let out = run(&["simulate", "-", "fail:node1\u{1b}[31m\nclusterplan: all good"], &text);
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains(r#"no node named "node1\u{1b}[31m\nclusterplan: all good""#), "{}", out.stderr);
    // clap's own errors too.
    let out = run(&["simulate", "-", "--format", "\u{1b}[2J"], &text);
    assert_eq!(out.code, 2);
    assert!(!out.stderr.chars().any(|c| c.is_control() && c != '\n'), "{}", out.stderr);
}

#[test]
fn echoed_names_are_cut_in_messages() {
    let name = "x".repeat(70_000);
    let out = run(&["simulate", "-", &format!("fail:{name}")], &preset("four-node-3a1p").to_string());
    assert_eq!(out.code, 2);
    assert!(out.stderr.len() < 400, "{} bytes", out.stderr.len());
    assert!(out.stderr.contains("…\" (70005 characters)") && out.stderr.contains("…\" (70000 characters)"));
    let mut design = preset("four-node-3a1p");
    design["groups"][0]["preferred_owners"] = json!([name]);
    let out = run(&["validate", "-"], &design.to_string());
    assert!(out.stderr.contains("no node named \"xxxx") && out.stderr.len() < 400, "{}", out.stderr);
}

#[test]
fn analysis_cost_is_checked_before_it_runs_and_its_advice_works() {
    // 20 nodes × 1,500 EVSs: 2^20 sets of 1,500 groups used to need 12 GB.
    let text = cluster_design(20, 1500).to_string();
    let out = run(&["analyze", "-"], &text);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "clusterplan: <stdin>: 1048576 node sets of 1500 groups = 1572864000 placements, more than the 67108864 \
         this tool works out at once; at most 3 simultaneous failures fit (1351 sets): ask for --max-failures 3\n"
    );
    let summary = run(&["analyze", "-", "--summary"], &text);
    assert!(summary.stderr.ends_with("at most 5 simultaneous failures fit (21700 sets): ask for --max-failures 5\n"));
    // The advice runs: 1,351 rows of 1,500 groups (about 100 MB of JSON, written as it is made).
    let (mut stderr, mut input) = (Vec::new(), text.as_bytes());
    let args = ["clusterplan", "analyze", "-", "--max-failures", "3"];
    assert_eq!(clusterplan::run(args, &mut input, &mut std::io::sink(), &mut stderr), 0);
    let summary = run(&["analyze", "-", "--max-failures", "3", "--summary"], &text).json();
    assert_eq!(summary["summary"]["combinations"], 1351);
    // Listing rows has its own limit; then the summary alone is the way forward.
    let text = cluster_design(16, 100).to_string();
    let out = run(&["analyze", "-"], &text);
    assert!(
        out.stderr.contains("6553600 values to list row by row")
            && out.stderr.ends_with("--max-failures 8 or --summary\n")
    );
}

#[test]
fn reserved_addresses_are_skipped_by_arithmetic() {
    let mut dag = preset("dag-2-member");
    dag["networks"][0]["subnets"][0]["cidr"] = json!("0.0.0.0/0");
    let plan = run(&["ips", "-", "--reserve", "4294967290"], &dag.to_string()).json();
    let addresses: Vec<&Value> =
        plan["subnets"][0]["addresses"].as_array().unwrap().iter().map(|a| &a["address"]).collect();
    assert_eq!(addresses, [&json!("255.255.255.251"), &json!("255.255.255.252"), &json!("255.255.255.253")]);
    let mut four = preset("four-node-3a1p");
    four["networks"][0]["subnet"] = json!("0.0.0.0/1");
    four["networks"][1]["subnet"] = json!("128.0.0.0/1");
    let plan = run(&["ips", "-", "--reserve", "2147483630"], &four.to_string()).json();
    assert_eq!(plan["assignments"][0]["address"], "127.255.255.239", "the first address after 2147483630 reserved");
    // One more than the subnet holds leaves none.
    let plan = run(&["ips", "-", "--reserve", "4294967295"], &dag.to_string());
    assert_eq!(plan.code, 1);
    assert!(plan.stdout.contains("dag.ip.subnet-too-small"));
}

#[test]
fn the_timeline_of_a_group_of_30000_resources() {
    // Scheduling looked up every resource against every other: 8 s for one group of 30,000.
    let design = chain_design(30_000);
    let played = run(&["simulate", "--timeline", "-", "fail:n0@0s"], &design.to_string()).json();
    let online: Vec<&Value> = played["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["change"] == "online on n1" && e["subject"].as_str().unwrap().starts_with("EVS0/R"))
        .collect();
    assert_eq!(online.len(), 30_000);
    // Each comes online after the one it depends on, in a chain.
    assert_eq!(online[1]["reason"], "took 5 s, after R0", "an SMTP resource takes 5 s");
    assert_eq!(online[29_999]["subject"], "EVS0/R29999");
    assert!(online.windows(2).all(|w| w[0]["t"].as_f64() < w[1]["t"].as_f64()));
}

#[test]
fn stdin_over_the_size_limit_is_refused_before_it_is_read_whole() {
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let mut endless = std::io::repeat(b' ');
    let code = clusterplan::run(["clusterplan", "validate", "-"], &mut endless, &mut stdout, &mut stderr);
    assert_eq!(code, 2);
    assert_eq!(
        String::from_utf8(stderr).unwrap(),
        "clusterplan: <stdin>: it is more than the 33554432 bytes (32 MiB) a scenario may be\n"
    );
}
