//! Forks of both families on the command line (`clusterplan fork`), one table: a design (a preset given a
//! script), where the fork leaves it and its own steps, and what each branch leaves of the service —
//! checked by one helper against a snapshot read against the engine's timeline of each branch. A fork that
//! cannot be played is refused with the step and why, and changes nothing.

use clusterplan_tests::run;
use expect_test::{Expect, expect};

/// `preset` given `script`, forked at `at` into `steps` named `name`: the verdicts, as text.
fn check(preset: &str, script: &[&str], at: &str, name: &str, steps: &[&str], expected: Expect) {
    let mut design: serde_json::Value = serde_json::from_str(&run(&["preset", preset], "").stdout).unwrap();
    design["script"] = serde_json::json!(script);
    let mut args = vec!["--format", "text", "fork", "-", "--at", at, "--name", name];
    args.extend(steps);
    let result = run(&args, &design.to_string());
    assert_eq!(result.code, 0, "{}", result.stderr);
    expected.assert_eq(&result.stdout);
}

#[test]
fn a_dag_patched_with_maintenance_mode_and_without() {
    // With maintenance, db1 moves to ex2 by a switchover before the reboot: no downtime (the model counts a
    // switchover's mount as seamless, docs/choices.md). Without, ex1 fails at 60 s with db1 mounted: the
    // cluster notices at 70 s and best copy selection mounts db1 on ex2 at 82 s (22 s down); both end with
    // every database mounted, db1 back on ex1 by RedistributeActiveDatabases.ps1.
    check(
        "dag-2-member",
        &["maintenance:ex1@0s", "fail:ex1@1min", "restore:ex1@5min", "end-maintenance:ex1@6min", "redistribute@7min"],
        "0s",
        "Patched without maintenance mode",
        &["fail:ex1@1min", "restore:ex1@5min", "redistribute@7min"],
        expect![[r#"
            Patched without maintenance mode, from 0.0 s, plays:
              fail:ex1@1min
              restore:ex1@5min
              redistribute@7min

            The script: 2 of 2 databases serving at the end; none went down; no data at risk

            Patched without maintenance mode: 2 of 2 databases serving at the end; 1 went down, 22 s of downtime in all; no data at risk
              db1 down 22.0 s

            The script loses less time.
        "#]],
    );
}

#[test]
fn a_dag_in_maintenance_leaves_its_databases_without_a_spare() {
    // Forked at 5 min, while ex1 is in maintenance: the script ends it; the fork leaves it on, so at the end
    // no copy could take db1 or db2 over (ex1's copies are blocked from activation): data at risk.
    check(
        "dag-2-member",
        &["maintenance:ex1@0s", "end-maintenance:ex1@5min"],
        "5min",
        "Maintenance left on",
        &[],
        expect![[r#"
            Maintenance left on, from 5 min 00 s, plays:
              maintenance:ex1@0s

            The script: 2 of 2 databases serving at the end; none went down; no data at risk

            Maintenance left on: 2 of 2 databases serving at the end; none went down; data at risk in 2 databases
              at risk: db1 — mounted on ex2 with no copy that could take it over: if its active copy failed now, no other copy could be mounted: ex1 is in maintenance (StartDagServerMaintenance.ps1)
              at risk: db2 — mounted on ex2 with no copy that could take it over: if its active copy failed now, no other copy could be mounted: ex1 is in maintenance (StartDagServerMaintenance.ps1)

            The script leaves less data at risk.
        "#]],
    );
}

#[test]
fn a_paused_2003_node_takes_no_group() {
    // node2 paused, then node1 fails: EVS1 has nowhere to go (a paused node takes no group) and stays down.
    // The fork does not pause node2: EVS1 fails over to it. Both are judged to the fork's later end.
    check(
        "two-node-active-passive",
        &["pause:node2@0s", "fail:node1@1min"],
        "0s",
        "Without pausing node2",
        &["fail:node1@1min"],
        expect![[r#"
            Without pausing node2, from 0.0 s, plays:
              fail:node1@1min

            The script: 0 of 1 group serving at the end; 1 went down, 89 s of downtime in all; no data at risk
              EVS1 down 89.0 s

            Without pausing node2: 1 of 1 group serving at the end; 1 went down, 89 s of downtime in all; no data at risk
              EVS1 down 89.0 s

            Without pausing node2 ends with more groups serving.
        "#]],
    );
}

#[test]
fn a_2003_disk_failure_puts_its_group_s_data_at_risk() {
    check(
        "two-node-active-passive",
        &["fail:node1@0s", "restore:node1@5min"],
        "0s",
        "The data disk fails instead",
        &["fail-disk:EVS1-data@0s"],
        expect![[r#"
            The data disk fails instead, from 0.0 s, plays:
              fail-disk:EVS1-data@0s

            The script: 1 of 1 group serving at the end; 1 went down, 89 s of downtime in all; no data at risk
              EVS1 down 89.0 s

            The data disk fails instead: 0 of 1 group serving at the end; 1 went down, 310 s of downtime in all; data at risk in 1 group
              EVS1 down 5 min 10 s
              at risk: EVS1 — its disk EVS1-data has failed: what was on it comes back only from a backup

            The script ends with more groups serving.
        "#]],
    );
}

#[test]
fn a_fork_that_cannot_be_played_is_refused_with_its_step() {
    let design = run(&["preset", "dag-2-member"], "").stdout;
    for (args, says) in [
        (&["--at", "5min", "fail:ex1@1min"][..], r#""fail:ex1@1min" is at 60.0 s, before the fork at 5 min 00 s"#),
        (&["--at", "soon", "fail:ex1"][..], r#"--at: "soon" is not a time"#),
        (&["--at", "0s", "fail:ex9@1min"][..], r#"no server named "ex9""#),
        (&["--at", "0s", "fail:ex1@2min", "restore:ex1@1min"][..], "restore:ex1"),
    ] {
        let mut all = vec!["fork", "-"];
        all.extend(args);
        let result = run(&all, &design);
        assert_eq!(result.code, 2, "{args:?} is refused: {}", result.stdout);
        assert!(result.stderr.contains(says), "{args:?}: {}", result.stderr);
        assert!(result.stdout.is_empty(), "nothing is printed for a refused fork");
    }
}
