//! The real binary as scripts run it: arguments, standard input, exit status.

use std::io::Write;
use std::process::{Command, Stdio};

fn clusterplan(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_clusterplan"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("stdin accepts the design");
    let output = child.wait_with_output().expect("the binary finishes");
    (
        output.status.code().expect("exited, not killed by a signal"),
        String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    )
}

#[test]
fn a_pipeline_from_preset_to_simulation() {
    let (code, design, _) = clusterplan(&["preset", "four-node-3a1p"], "");
    assert_eq!(code, 0);
    let (code, out, err) = clusterplan(&["simulate", "-", "fail:node3"], &design);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON on stdout");
    assert_eq!(json["groups"][2]["owner"], "node4");
}

#[test]
fn exit_status_tells_valid_from_invalid_from_unreadable() {
    let (_, design, _) = clusterplan(&["preset", "eight-node-7a1p"], "");
    assert_eq!(clusterplan(&["validate", "-"], &design).0, 0);
    let unsupported = design.replace("\"2003-enterprise\"", "\"2003-standard\"");
    assert_eq!(clusterplan(&["validate", "-"], &unsupported).0, 1);
    let (code, out, err) = clusterplan(&["validate", "-"], "{\"version\": 1,");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.starts_with("clusterplan: <stdin>: "), "{err}");
    let (code, _, err) = clusterplan(&["simulate", "-", "fail:node42"], &design);
    assert_eq!(code, 2);
    assert!(err.contains("no node named \"node42\""), "{err}");
}
