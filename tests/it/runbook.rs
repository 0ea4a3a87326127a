//! Runbooks of both families on the command line, as snapshots: each operator step's commands (checked
//! against the cmdlet and cluster.exe references: Suspend-MailboxDatabaseCopy -Identity DB\SERVER
//! -SuspendComment, Move-ActiveMailboxDatabase -ActivateOnServer, StartDagServerMaintenance.ps1 -serverName,
//! `cluster node NODE /pause`, `cluster group "GROUP" /move:NODE`), the check before the next step and what
//! the simulation expects it to show; a step the simulation refuses is marked, and the exit code is 1.

use clusterplan_tests::run;
use expect_test::expect;

fn preset(id: &str) -> String {
    run(&["preset", id], "").stdout
}

#[test]
fn a_dag_patched_with_maintenance_mode_as_a_runbook() {
    let dag = preset("dag-2-member");
    let script =
        ["maintenance:ex1", "suspend-copy:db1@ex2", "resume-copy:db1@ex2", "end-maintenance:ex1", "switchover:db1=ex1"];
    let mut args = vec!["--format", "text", "runbook", "-"];
    args.extend(script);
    let result = run(&args, &dag);
    assert_eq!(result.code, 1, "suspending db1's mounted copy on ex2 is refused: {}", result.stderr);
    expect![[r#"
        Runbook for Two-member DAG (dag)

        1. maintenance:ex1 (operator step)
           cd $exscripts
           .\StartDagServerMaintenance.ps1 -serverName ex1
           check:  Get-MailboxDatabaseCopyStatus -Server ex1 | Format-Table Name,Status,ActiveCopy
           expect: no copy on it is active; 0 active on ex1; db1 mounted on ex2, db2 mounted on ex2
           source: learn.microsoft.com, "Manage database availability groups" ("Performing maintenance on DAG members": StartDagServerMaintenance.ps1, StopDagServerMaintenance.ps1)

        2. suspend-copy:db1@ex2 (operator step)
           Suspend-MailboxDatabaseCopy -Identity 'db1\ex2' -SuspendComment 'Rehearsed with clusterplan' -Confirm:$false
           REFUSED by the simulation: the copy of db1 on ex2 is mounted: an active copy is not suspended (move the database first)
           check:  Get-MailboxDatabaseCopyStatus -Identity 'db1\ex2'
           expect: db1\ex2 Mounted
           source: Exchange Server PowerShell reference: Suspend-MailboxDatabaseCopy, Resume-MailboxDatabaseCopy, Update-MailboxDatabaseCopy, Move-ActiveMailboxDatabase, Get-MailboxDatabaseCopyStatus

        3. resume-copy:db1@ex2 (operator step)
           Resume-MailboxDatabaseCopy -Identity 'db1\ex2'
           REFUSED by the simulation: the copy of db1 on ex2 is not suspended
           check:  Get-MailboxDatabaseCopyStatus -Identity 'db1\ex2'
           expect: db1\ex2 Mounted
           source: Exchange Server PowerShell reference: Suspend-MailboxDatabaseCopy, Resume-MailboxDatabaseCopy, Update-MailboxDatabaseCopy, Move-ActiveMailboxDatabase, Get-MailboxDatabaseCopyStatus

        4. end-maintenance:ex1 (operator step)
           cd $exscripts
           .\StopDagServerMaintenance.ps1 -serverName ex1
           check:  Get-MailboxServer ex1 | Format-List DatabaseCopyAutoActivationPolicy
           expect: DatabaseCopyAutoActivationPolicy Unrestricted, as the design has it; its copies may be activated again; 0 active on ex1; db1 mounted on ex2, db2 mounted on ex2
           source: learn.microsoft.com, "Manage database availability groups" ("Performing maintenance on DAG members": StartDagServerMaintenance.ps1, StopDagServerMaintenance.ps1)

        5. switchover:db1=ex1 (operator step)
           Move-ActiveMailboxDatabase -Identity db1 -ActivateOnServer ex1 -Confirm:$false
           check:  Get-MailboxDatabaseCopyStatus -Identity db1\* | Format-Table Name,Status
           expect: db1 Mounted on ex1
           source: Exchange Server PowerShell reference: Suspend-MailboxDatabaseCopy, Resume-MailboxDatabaseCopy, Update-MailboxDatabaseCopy, Move-ActiveMailboxDatabase, Get-MailboxDatabaseCopyStatus
    "#]]
    .assert_eq(&result.stdout);
}

#[test]
fn a_2003_rolling_step_as_a_runbook() {
    let cluster = preset("four-node-3a1p");
    let result = run(
        &[
            "--format",
            "text",
            "runbook",
            "-",
            "pause:node4",
            "fail:node3",
            "resume:node4",
            "online:EVS3",
            "restore:node3",
            "move:EVS3=node3",
        ],
        &cluster,
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    expect![[r#"
        Runbook for Four-node cluster, 3 active / 1 passive (cluster)

        1. pause:node4 (operator step)
           cluster /cluster:EXCLUSTER node node4 /pause
           check:  cluster /cluster:EXCLUSTER node node4
           expect: node4 Paused; it runs nothing
           source: Windows Server 2003 command-line reference, "Cluster node" and "Cluster group"

        2. fail:node3 (happens)
           expect: 2 of 3 groups online (EVS1 on node1, EVS2 on node2); quorum held by node1

        3. resume:node4 (operator step)
           cluster /cluster:EXCLUSTER node node4 /resume
           check:  cluster /cluster:EXCLUSTER node node4
           expect: node4 Up; it runs nothing
           source: Windows Server 2003 command-line reference, "Cluster node" and "Cluster group"

        4. online:EVS3 (operator step)
           cluster /cluster:EXCLUSTER group "EVS3" /online
           check:  cluster /cluster:EXCLUSTER group "EVS3"
           expect: EVS3 Online on node4
           source: Windows Server 2003 command-line reference, "Cluster node" and "Cluster group"

        5. restore:node3 (happens)
           expect: 3 of 3 groups online (EVS1 on node1, EVS2 on node2, EVS3 on node4); quorum held by node1

        6. move:EVS3=node3 (operator step)
           cluster /cluster:EXCLUSTER group "EVS3" /move:node3
           check:  cluster /cluster:EXCLUSTER group "EVS3"
           expect: EVS3 Online on node3
           source: Windows Server 2003 command-line reference, "Cluster node" and "Cluster group"
    "#]]
    .assert_eq(&result.stdout);
    let json: serde_json::Value =
        serde_json::from_str(&run(&["runbook", "-", "pause:node4"], &cluster).stdout).unwrap();
    assert_eq!(json["steps"][0]["commands"][0], "cluster /cluster:EXCLUSTER node node4 /pause");
    assert_eq!(json["steps"][0]["expect"], "node4 Paused; it runs nothing");
    let bad = run(&["runbook", "-", "pause:node9"], &cluster);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("no node named \"node9\""), "{}", bad.stderr);
}

/// Evicting a dead node of a majority node set (`cluster node NODE /evict`, checked with `cluster node`, as
/// Windows Server 2003's "Evict a node from the cluster" has it): the nodes left and the majority they need.
/// Evicting a node that still runs the Cluster service is refused.
#[test]
fn a_2003_node_evicted_as_a_runbook() {
    let mut design: serde_json::Value = serde_json::from_str(&preset("four-node-3a1p")).unwrap();
    design["quorum"] = serde_json::json!({ "type": "majority-node-set" });
    let args = ["--format", "text", "runbook", "-", "fail:node1@0s", "evict:node1@5min", "evict:node2@6min"];
    let result = run(&args, &design.to_string());
    assert_eq!(result.code, 1, "evicting node2, which is up, is refused: {}", result.stderr);
    expect![[r#"
        Runbook for Four-node cluster, 3 active / 1 passive (cluster)

        1. fail:node1@0s (happens)
           expect: 3 of 3 groups online (EVS1 on node4, EVS2 on node2, EVS3 on node3); quorum held by node2

        2. evict:node1@5min (operator step)
           cluster /cluster:EXCLUSTER node node1 /evict
           check:  cluster /cluster:EXCLUSTER node
           expect: node1 not listed; node2 Up, node3 Up, node4 Up; quorum held: majority node set: 3 of 3 nodes are up and in contact (2 needed)
           source: Windows Server 2003 command-line reference, "Cluster node" and "Cluster group"

        3. evict:node2@6min (operator step)
           cluster /cluster:EXCLUSTER node node2 /evict
           REFUSED by the simulation: node2 runs the Cluster service: stop it first (only a node that is down is evicted, unless it is the last)
           check:  cluster /cluster:EXCLUSTER node
           expect: node2 Up, node3 Up, node4 Up; quorum held: majority node set: 3 of 3 nodes are up and in contact (2 needed)
           source: Windows Server 2003 command-line reference, "Cluster node" and "Cluster group"
    "#]].assert_eq(&result.stdout);
}

/// A switchover once the active copy is gone: Move-ActiveMailboxDatabase's -MountDialOverride as written
/// (Lossless, the default, is not), refused when the copy misses more logs than it accepts.
#[test]
fn a_dag_switchover_with_its_mount_dial_as_a_runbook() {
    let mut design: serde_json::Value = serde_json::from_str(&preset("dag-2-member")).unwrap();
    design["databases"][1]["copies"][1]["copy_queue"] = 9.into();
    let script = ["fail-copy:db2@ex2", "switchover:db2=ex1", "switchover:db2=ex1+best-effort"];
    let mut args = vec!["--format", "text", "runbook", "-"];
    args.extend(script);
    let result = run(&args, &design.to_string());
    assert_eq!(result.code, 1, "the lossless switchover is refused: {}", result.stderr);
    expect![[r#"
        Runbook for Two-member DAG (dag)

        1. fail-copy:db2@ex2 (happens)
           expect: 1 of 2 databases mounted; quorum held

        2. switchover:db2=ex1 (operator step)
           Move-ActiveMailboxDatabase -Identity db2 -ActivateOnServer ex1 -Confirm:$false
           REFUSED by the simulation: the copy of db2 on ex1 misses 9 logs and the active copy is gone, so they cannot be copied first: -MountDialOverride Lossless (the cmdlet's default) accepts none; BestEffort mounts it, losing them
           check:  Get-MailboxDatabaseCopyStatus -Identity db2\* | Format-Table Name,Status
           expect: db2 Dismounted (dismounted: no copy can be mounted: the copy on ex1 misses 9 logs, more than GoodAvailability allows (6); the copy on ex2 has failed)
           source: Exchange Server PowerShell reference: Suspend-MailboxDatabaseCopy, Resume-MailboxDatabaseCopy, Update-MailboxDatabaseCopy, Move-ActiveMailboxDatabase, Get-MailboxDatabaseCopyStatus

        3. switchover:db2=ex1+best-effort (operator step)
           Move-ActiveMailboxDatabase -Identity db2 -ActivateOnServer ex1 -MountDialOverride BestEffort -Confirm:$false
           check:  Get-MailboxDatabaseCopyStatus -Identity db2\* | Format-Table Name,Status
           expect: db2 Mounted on ex1
           source: Exchange Server PowerShell reference: Suspend-MailboxDatabaseCopy, Resume-MailboxDatabaseCopy, Update-MailboxDatabaseCopy, Move-ActiveMailboxDatabase, Get-MailboxDatabaseCopyStatus
    "#]].assert_eq(&result.stdout);
}

/// A rolling patch, written for either family by `clusterplan rolling-patch` (2003: each node paused, its
/// group moved to the first node that takes it, rebooted, resumed; DAG: each member in maintenance,
/// rebooted, out of it, then the databases redistributed): its runbook refuses no step, and at the end every
/// group is online, every database mounted.
#[test]
fn a_rolling_patch_of_either_family_keeps_everything_serving() {
    let rolling = |design: &str| {
        let result = run(&["--format", "text", "rolling-patch", "-"], design);
        assert_eq!(result.code, 0, "{}", result.stderr);
        result.stdout
    };
    let cluster = preset("four-node-3a1p");
    let dag = preset("dag-2-member");
    let (cluster_script, dag_script) = (rolling(&cluster), rolling(&dag));
    expect![[r#"
        pause:node1@0s
        move:EVS1=node4@30s
        fail:node1@3min
        restore:node1@6min
        resume:node1@8min
        pause:node2@10min
        move:EVS2=node1@630s
        fail:node2@13min
        restore:node2@16min
        resume:node2@18min
        pause:node3@20min
        move:EVS3=node2@1230s
        fail:node3@23min
        restore:node3@26min
        resume:node3@28min
        pause:node4@30min
        move:EVS1=node3@1830s
        fail:node4@33min
        restore:node4@36min
        resume:node4@38min
    "#]]
    .assert_eq(&cluster_script);
    expect![[r#"
        maintenance:ex1@0s
        fail:ex1@3min
        restore:ex1@6min
        end-maintenance:ex1@8min
        maintenance:ex2@10min
        fail:ex2@13min
        restore:ex2@16min
        end-maintenance:ex2@18min
        redistribute@20min
    "#]]
    .assert_eq(&dag_script);
    for (design, script) in [(&cluster, &cluster_script), (&dag, &dag_script)] {
        let mut args = vec!["runbook", "-"];
        args.extend(script.lines());
        let runbook = run(&args, design);
        assert_eq!(runbook.code, 0, "no step of the rolling patch is refused: {}", runbook.stdout);
        args[0] = "simulate";
        let outcome: serde_json::Value = serde_json::from_str(&run(&args, design).stdout).unwrap();
        let serving = |list: &str, state: &str| {
            outcome[list].as_array().is_some_and(|all| all.iter().all(|thing| thing["state"] == state))
        };
        assert!(serving("groups", "online") || serving("databases", "mounted"), "{outcome}");
    }
}

/// A failed copy reseeded: suspended first ("You must suspend a database copy before you can update it"),
/// then Update-MailboxDatabaseCopy, checked with Get-MailboxDatabaseCopyStatus once the seed is done.
#[test]
fn a_dag_copy_reseeded_as_a_runbook() {
    let script = ["fail-copy:db1@ex2", "reseed:db1@ex2", "suspend-copy:db1@ex2", "reseed:db1@ex2"];
    let mut args = vec!["--format", "text", "runbook", "-"];
    args.extend(script);
    let result = run(&args, &preset("dag-2-member"));
    assert_eq!(result.code, 1, "the reseed before the suspension is refused: {}", result.stderr);
    expect![[r#"
        Runbook for Two-member DAG (dag)

        1. fail-copy:db1@ex2 (happens)
           expect: 2 of 2 databases mounted; quorum held

        2. reseed:db1@ex2 (operator step)
           Update-MailboxDatabaseCopy -Identity 'db1\ex2' -DeleteExistingFiles -Confirm:$false
           REFUSED by the simulation: the copy of db1 on ex2 is not suspended: a copy is suspended before Update-MailboxDatabaseCopy reseeds it
           check:  Get-MailboxDatabaseCopyStatus -Identity 'db1\ex2'
           expect: db1\ex2 Failed
           source: Exchange Server PowerShell reference: Suspend-MailboxDatabaseCopy, Resume-MailboxDatabaseCopy, Update-MailboxDatabaseCopy, Move-ActiveMailboxDatabase, Get-MailboxDatabaseCopyStatus

        3. suspend-copy:db1@ex2 (operator step)
           Suspend-MailboxDatabaseCopy -Identity 'db1\ex2' -SuspendComment 'Rehearsed with clusterplan' -Confirm:$false
           check:  Get-MailboxDatabaseCopyStatus -Identity 'db1\ex2'
           expect: db1\ex2 FailedAndSuspended
           source: Exchange Server PowerShell reference: Suspend-MailboxDatabaseCopy, Resume-MailboxDatabaseCopy, Update-MailboxDatabaseCopy, Move-ActiveMailboxDatabase, Get-MailboxDatabaseCopyStatus

        4. reseed:db1@ex2 (operator step)
           Update-MailboxDatabaseCopy -Identity 'db1\ex2' -DeleteExistingFiles -Confirm:$false
           check:  Get-MailboxDatabaseCopyStatus -Identity 'db1\ex2'
           expect: db1\ex2 Healthy
           source: Exchange Server PowerShell reference: Suspend-MailboxDatabaseCopy, Resume-MailboxDatabaseCopy, Update-MailboxDatabaseCopy, Move-ActiveMailboxDatabase, Get-MailboxDatabaseCopyStatus
    "#]].assert_eq(&result.stdout);
}
