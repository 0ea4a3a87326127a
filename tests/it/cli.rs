//! The `clusterplan` command through its real entry point (`clusterplan::run`), with in-memory streams.

use clusterplan_core::cluster::presets;
use clusterplan_core::dag;
use clusterplan_tests::run;
use expect_test::expect;
use serde_json::Value;

fn preset_json(id: &str) -> String {
    serde_json::to_string(&presets::preset(id).unwrap()).unwrap()
}

#[test]
fn presets_and_preset() {
    let listed = run(&["presets"], "");
    assert_eq!(listed.code, 0);
    expect![[r#"
        four-node-3a1p
        two-node-active-passive
        two-node-active-active
        eight-node-7a1p
        dag-pa-8
        dag-2site-no-third
        dag-2-member
    "#]]
    .assert_eq(&listed.stdout);
    for id in listed.stdout.lines() {
        let shown = run(&["preset", id], "");
        assert_eq!(shown.code, 0, "{id}");
        let expected = match presets::preset(id) {
            Some(scenario) => serde_json::to_value(scenario).unwrap(),
            None => serde_json::to_value(dag::presets::preset(id).unwrap()).unwrap(),
        };
        assert_eq!(shown.json(), expected);
    }
    let unknown = run(&["preset", "nine-node"], "");
    assert_eq!(unknown.code, 2);
    expect![[r#"
        clusterplan: no preset "nine-node"; presets: four-node-3a1p, two-node-active-passive, two-node-active-active, eight-node-7a1p, dag-pa-8, dag-2site-no-third, dag-2-member
    "#]]
    .assert_eq(&unknown.stderr);
}

/// docs/domain.md, "Reference numbers", through the command line, with the JSON shape the issue promises.
#[test]
fn simulate_answers_the_reference_examples() {
    let four = preset_json("four-node-3a1p");
    let out = run(&["simulate", "-", "fail:node3"], &four);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = out.json();
    assert_eq!(json["quorum"]["held"], true);
    assert_eq!(json["quorum"]["owner"], "node1");
    assert_eq!(json["groups"][2]["name"], "EVS3");
    assert_eq!(json["groups"][2]["state"], "online");
    assert_eq!(json["groups"][2]["owner"], "node4");
    assert!(json["groups"][2]["reason"].as_str().unwrap().contains("node3 failed"));
    // 2n + e + 1 = 12 for the cluster, and fe1, fe2 and the NLB address outside it.
    assert_eq!(json["ips"]["total"], 15);

    let out = run(&["simulate", "-", "fail:node3", "fail:node1"], &four).json();
    assert_eq!(out["groups"][0]["state"], "failed");
    assert_eq!(out["groups"][0]["owner"], Value::Null);

    let aa = preset_json("two-node-active-active");
    let out = run(&["simulate", "-", "fail:node2"], &aa).json();
    assert_eq!(
        (out["groups"][0]["owner"].as_str(), out["groups"][1]["owner"].as_str()),
        (Some("node1"), Some("node1"))
    );
    // 2n + e + 1 = 7, and the client tier's 3.
    assert_eq!(out["ips"]["total"], 10);
    let out = run(&["simulate", "-", "fail:node2", "fail:node1"], &aa).json();
    assert_eq!(out["quorum"]["held"], false);
    assert_eq!(out["quorum"]["owner"], Value::Null);
    assert!(out["groups"].as_array().unwrap().iter().all(|g| g["state"] == "offline"));

    let eight = run(&["simulate", "-"], &preset_json("eight-node-7a1p")).json();
    assert_eq!(eight["ips"]["total"], 24 + 3, "2n + e + 1 = 24, and the client tier's 3");
}

#[test]
fn simulate_text_reads_like_a_log() {
    let out = run(
        &["simulate", "-", "fail:node3", "fail:node1", "move:EVS2=node1", "--format", "text"],
        &preset_json("four-node-3a1p"),
    );
    assert_eq!(out.code, 0);
    expect![[r#"
        > fail:node3
          EVS3: online on node4 (failed over from node3 to node4 because node3 failed; node4 is the next node in its preferred-owner order that can take it)

        > fail:node1
          quorum: held by node2 (node2 owns the quorum disk Q)
          EVS1: failed (failed: node1 failed and no node can take it (node4 already runs EVS3; node2 already runs EVS2; node3 is down; a node of a cluster with more than two nodes runs one EVS at most))

        > move:EVS2=node1
          refused: node1 is down

        Quorum: held by node2 (node2 owns the quorum disk Q)
        Nodes: node1 (down), node2, node3 (down), node4

        GROUP  STATE   OWNER  WHY
        EVS1   failed  -      failed: node1 failed and no node can take it (node4 already runs EVS3; node2 already runs EVS2; node3 is down; a node of a cluster with more than two nodes runs one EVS at most)
        EVS2   online  node2  started on node2, the owner the design gives it
        EVS3   online  node4  failed over from node3 to node4 because node3 failed; node4 is the next node in its preferred-owner order that can take it

        Clients: not all served (Internet clients through fe1, fe2 (NLB spreads them))
          EVS1: EVS1 is failed: no client reaches its mailboxes

        Static IP addresses: 15
    "#]].assert_eq(&out.stdout);
}

#[test]
fn validate_exit_codes() {
    let ok = run(&["validate", "-"], &preset_json("four-node-3a1p"));
    assert_eq!(ok.code, 0);
    assert!(ok.json()["findings"].as_array().unwrap().iter().all(|f| f["severity"] != "error"));
    for field in ["rule", "severity", "subject", "message", "source"] {
        assert!(ok.json()["findings"][0].get(field).is_some(), "findings carry {field}");
    }

    let broken = preset_json("four-node-3a1p").replace("server-2003-enterprise", "server-2003-standard");
    let bad = run(&["validate", "-", "--format", "text"], &broken);
    assert_eq!(bad.code, 1);
    expect![[r#"
        Active/passive: 3 active, 1 passive node.

        error    edition.windows-not-clusterable  [EXCLUSTER]
                 Windows Server 2003 Standard Edition cannot run a server cluster: use Enterprise or Datacenter Edition.
                 source: Exchange Server 2003 clustering guide, "Windows and Exchange Edition Requirements"; Microsoft KB 288778
        info     config.mode  [EXCLUSTER]
                 Active/passive: 3 active, 1 passive node.
                 source: Exchange Server 2003 clustering guide, "Cluster Configurations"
        info     failover.threshold-above-nodes  [EXCLUSTER]
                 Failover thresholds above the cluster's 4 nodes: EVS1 (10 in 6 h), EVS2 (10 in 6 h), EVS3 (10 in 6 h). The guidance keeps them at 4 or fewer, so a group that keeps failing stops once it has tried every node.
                 source: Windows Server 2003 Technical Reference, "Planning for failover and failback" (learn.microsoft.com, cc737785)

        1 error, 0 warnings, 2 info
    "#]]
    .assert_eq(&bad.stdout);

    let truncated = run(&["validate", "-"], &preset_json("four-node-3a1p")[..900]);
    assert_eq!(truncated.code, 2);
    assert_eq!(truncated.stdout, "");
    expect![[r#"
        clusterplan: <stdin>: groups[0]: the file ends too early (cut short?) at line 1, column 900
        clusterplan: <stdin>: read as a 2003 cluster design because it has no "kind": "dag" at the top
    "#]]
    .assert_eq(&truncated.stderr);

    let missing = run(&["validate", "/no/such/design.json"], "");
    assert_eq!(missing.code, 2);
    expect![[r#"
        clusterplan: cannot read /no/such/design.json: No such file or directory (os error 2)
    "#]]
    .assert_eq(&missing.stderr);
}

#[test]
fn unknown_names_in_events_exit_2() {
    let out = run(&["simulate", "-", "fail:node3", "fail:node9"], &preset_json("four-node-3a1p"));
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    expect![[r#"
        clusterplan: <stdin>: event "fail:node9": no node named "node9"
    "#]]
    .assert_eq(&out.stderr);
}

#[test]
fn ips_plan_and_subnets() {
    let four = preset_json("four-node-3a1p");
    let plan = run(&["ips", "-"], &four);
    assert_eq!(plan.code, 0);
    let json = plan.json();
    // The seed's 2n + e + 1 = 12 for the cluster; the client tier's 3 addresses on lines of their own.
    assert_eq!(json["total"], 15);
    assert_eq!(json["recommended"]["total"], 12);
    assert_eq!(json["assignments"][0]["address"], "192.168.10.1");

    let small = run(
        &[
            "ips",
            "-",
            "--subnet",
            "public=192.168.1.0/29",
            "--subnet",
            "private=10.0.0.0/29",
            "--reserve",
            "1",
            "--format",
            "text",
        ],
        &four,
    );
    assert_eq!(
        small.code, 1,
        "a public /29 has 6 usable addresses, 5 after the reserved gateway; the design needs 8 there"
    );
    expect![[r#"
        COUNT  FOR
        8      node NICs (4 nodes, public and private)
        1      cluster IP address (Cluster Group)
        3      EVS IP addresses (3 EVS)
        2      front-end servers (2, outside the cluster)
        1      NLB virtual IP address (the front-end servers' shared address)
        15     in all
        Recommended: 2n + e + 1 = 2×4 + 3 + 1 = 12
        Names (10): EXCLUSTER, node1, node2, node3, node4, EVS1, EVS2, EVS3, fe1, fe2

        ADDRESS      NETWORK  HOLDER
        192.168.1.2  public   cluster EXCLUSTER
        192.168.1.3  public   EVS1/IP Address
        192.168.1.4  public   EVS2/IP Address
        192.168.1.5  public   EVS3/IP Address
        192.168.1.6  public   node1 NIC on public
        10.0.0.2     private  node1 NIC on private
        -            public   node2 NIC on public
        10.0.0.3     private  node2 NIC on private
        -            public   node3 NIC on public
        10.0.0.4     private  node3 NIC on private
        -            public   node4 NIC on public
        10.0.0.5     private  node4 NIC on private
        -            public   front-end fe1
        -            public   front-end fe2
        -            public   NLB virtual IP (front-end servers)

        error: Subnet 192.168.1.0/29 of network public has 5 usable addresses after 1 reserved; the design needs 11 there. (ip.subnet-too-small)
    "#]].assert_eq(&small.stdout);

    let plain = run(&["ips", "-", "--subnet", "172.16.0.0/24", "--subnet", "10.0.0.0/28"], &four).json();
    assert_eq!(plain["assignments"][1]["address"], "172.16.0.2", "plain subnets go to networks in design order");
    assert_eq!(plain["assignments"][5]["address"], "10.0.0.1");

    let bad = run(&["ips", "-", "--subnet", "public=10.0.0.0/33"], &four);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("is not an IPv4 subnet in CIDR form"), "{}", bad.stderr);
    let six = run(&["ips", "-", "--subnet", "fd00::/64"], &four);
    assert_eq!(six.code, 2);
    assert!(six.stderr.contains("IPv6"), "{}", six.stderr);
    let unknown = run(&["ips", "-", "--subnet", "lan=10.0.0.0/24"], &four);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("no network named \"lan\""), "{}", unknown.stderr);
}

#[test]
fn analyze_the_eight_node_cluster() {
    let out = run(&["analyze", "-"], &preset_json("eight-node-7a1p"));
    assert_eq!(out.code, 0);
    let json = out.json();
    assert_eq!(json["rows"].as_array().unwrap().len(), 256);
    assert_eq!(json["summary"]["tolerates_any"], 1);
    let summary =
        run(&["analyze", "-", "--max-failures", "2", "--summary", "--format", "text"], &preset_json("four-node-3a1p"));
    expect![[r#"
        4 nodes, 3 groups, 11 node sets (up to 2 failing at once)

        FAILED  SETS  ALL UP  TOLERATED  WORST
        0       1     1       yes        3 online with no failure
        1       4     4       yes        3 online when node1 fails
        2       6     0       no         2 online when node1+node2 fail

        Tolerates any 1 simultaneous node failure.
        Smallest failure that takes a group down: node1+node2 (2 of 3 groups online).
        Survives in: EVS1 10/11, EVS2 9/11, EVS3 8/11
    "#]]
    .assert_eq(&summary.stdout);
}

#[test]
fn help_and_usage_errors() {
    let help = run(&["--help"], "");
    assert_eq!(help.code, 0);
    for needle in ["simulate", "fail-resource:GROUP/RESOURCE", "move:GROUP=NODE", "Exit status"] {
        assert!(help.stdout.contains(needle), "--help mentions {needle}");
    }
    let nothing = run(&[], "");
    assert_eq!(nothing.code, 2);
    assert!(nothing.stderr.contains("Usage"));
    let bad_hour = run(&["simulate", "-", "--hour", "24"], &preset_json("four-node-3a1p"));
    assert_eq!(bad_hour.code, 2);
    assert!(bad_hour.stderr.contains("24"), "{}", bad_hour.stderr);
}

#[test]
fn timed_events_and_the_timeline() {
    let four = preset_json("four-node-3a1p");
    let out = run(
        &["simulate", "--timeline", "-", "fail:node3@0s", "fail-resource:EVS1/Store@30s", "restore:node3@10min"],
        &four,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = out.json();
    let steps = json["timeline"].as_array().unwrap();
    for field in ["t", "subject", "change", "reason", "source"] {
        assert!(steps.iter().all(|s| s.get(field).is_some()), "every step has {field}");
    }
    let evs3 = steps.iter().find(|s| s["subject"] == "EVS3" && s["change"] == "online on node4").unwrap();
    assert_eq!(evs3["t"], 89.0, "6 s to notice, then IP, name, disks, attendant and the 60 s store mount");
    assert_eq!(json["final"]["groups"][2]["owner"], "node4");
    assert_eq!(json["final"]["quorum"]["held"], true);

    let backwards = run(&["simulate", "-", "fail:node3@10min", "fail:node1@5min"], &four);
    assert_eq!(backwards.code, 2);
    expect![[r#"
        clusterplan: <stdin>: event "fail:node1@5min": it comes before the event at 10min: list events in time order
    "#]]
    .assert_eq(&backwards.stderr);
    let bad_time = run(&["simulate", "-", "fail:node3@soon"], &four);
    assert_eq!(bad_time.code, 2, "an unreadable time leaves an unknown event name");
    let bad_clock = run(&["simulate", "-", "--clock", "25:00"], &four);
    assert_eq!(bad_clock.code, 2);
}

fn dag_json(id: &str) -> String {
    serde_json::to_string(&dag::presets::preset(id).unwrap()).unwrap()
}

/// The issue's "done when": load the Preferred Architecture, fail the primary site, and the databases come
/// up in the other site; with the witness in the failed site they stay down, with the reason.
#[test]
fn dag_simulate_site_failure() {
    let out = run(&["simulate", "-", "fail-site:dc1"], &dag_json("dag-pa-8"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = out.json();
    assert_eq!(json["quorum"]["held"], true);
    assert_eq!(json["quorum"]["votes"], 5);
    assert_eq!(json["quorum"]["needed"], 3, "dynamic quorum: 5 votes left, 3 needed");
    let databases = json["databases"].as_array().unwrap();
    assert_eq!(databases.len(), 16);
    for database in databases {
        assert_eq!(database["state"], "mounted", "{database}");
        let server: u32 = database["server"].as_str().unwrap()[2..].parse().unwrap();
        assert!(server >= 5, "{database} is mounted in dc2");
        assert!(database["reason"].is_string() && database["criterion"].is_string());
    }
    assert_eq!(databases[0]["criterion"], "criteria-1");

    let out = run(&["simulate", "-", "fail-site:dc1"], &dag_json("dag-2site-no-third"));
    let json = out.json();
    assert_eq!(json["quorum"]["held"], false);
    assert_eq!(json["quorum"]["votes"], 4);
    for database in json["databases"].as_array().unwrap() {
        assert_eq!(database["state"], "dismounted");
        assert_eq!(database["server"], Value::Null);
        assert_eq!(database["criterion"], "no-quorum");
    }
}

#[test]
fn dag_simulate_text_and_refusals() {
    let out =
        run(&["simulate", "-", "fail:ex2", "fail:ex1", "fail:ex1", "--format", "text"], &dag_json("dag-2-member"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    expect![[r#"
        quorum: lost (0 votes, 2 needed; node-and-file-share-majority)
          no partition has 2 of 2 votes; the strongest has 0; dynamic quorum on Windows Server 2025: the votes are those of the last membership that held quorum

        witness: fsw in dc1 (primary, up, votes)

        SERVER  SITE  STATE  DACP  ACTIVE
        ex1     dc1   down   0     0
        ex2     dc1   down   0     0

        DATABASE  STATE       SERVER  CRITERION  NEXT  WHY
        db1       dismounted  -       no-quorum  -     dismounted: the DAG has no quorum, so every database is dismounted
        db2       dismounted  -       no-quorum  -     dismounted: the DAG has no quorum, so every database is dismounted

        0 mounted, 2 dismounted
        refused: fail:ex1: ex1 is already down
    "#]]
    .assert_eq(&out.stdout);
}

#[test]
fn dag_validate_ips_and_analyze() {
    let pa = dag_json("dag-pa-8");
    let validate = run(&["validate", "-"], &pa);
    assert_eq!(validate.code, 0, "{}", validate.stdout);
    let findings = validate.json();
    let rules: Vec<&str> =
        findings["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    // The preset keeps its DAG addresses to teach the IP plan, so Exchange SE's advice to go IP-less shows.
    let expected = ["dag.witness.third-site", "dag.quorum.model", "dag.quorum.dynamic", "dag.ip.ip-less-recommended"];
    assert_eq!(rules, expected);
    let broken = pa.replace("\"dag_name\":\"DAG1\"", "\"dag_name\":\"A-DAG-NAME-TOO-LONG\"");
    assert_eq!(run(&["validate", "-"], &broken).code, 1);

    let ips = run(&["ips", "-"], &pa);
    assert_eq!(ips.code, 0);
    // 2 for the DAG (one per MAPI subnet), 8 for the members, 2 for the namespace (vip-dc1, vip-dc2).
    assert_eq!(ips.json()["total"], 12);
    assert_eq!(ips.json()["dag_addresses"], 2);
    assert_eq!(ips.json()["vip_addresses"], 2);
    let refused = run(&["ips", "-", "--subnet", "10.0.0.0/24"], &pa);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("per site, in the file"), "{}", refused.stderr);

    let analyze = run(&["analyze", "-", "--summary"], &pa);
    assert_eq!(analyze.code, 0, "{}", analyze.stderr);
    let summary = &analyze.json()["summary"];
    assert_eq!(summary["combinations"], 256);
    assert_eq!(summary["tolerates_any"], 3);
    let modes: Vec<(String, bool, u64)> = summary["modes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (m["mode"].as_str().unwrap().to_string(), m["quorum"].as_bool().unwrap(), m["mounted"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(modes[0], ("normal".into(), true, 16));
    assert_eq!(modes[3], ("site dc1".into(), true, 16));
    // One after the other: dynamic quorum made dc2's 5 votes the whole, so one more member lost still
    // leaves a majority (with static votes it was 4 of 9).
    assert_eq!(modes[4], ("site dc1, then a server".into(), true, 16), "3 of 5 votes after dc1, then a member");
}

#[test]
fn dag_bad_input_exits_2_with_where() {
    let pa = dag_json("dag-pa-8");
    let unknown = run(&["simulate", "-", "fail-site:dc9"], &pa);
    assert_eq!(unknown.code, 2);
    expect![[r#"
        clusterplan: <stdin>: event "fail-site:dc9": no site named "dc9"
    "#]]
    .assert_eq(&unknown.stderr);
    let vip = run(&["simulate", "-", "fail-vip:vip-dc9"], &pa);
    assert_eq!(vip.code, 2);
    expect![[r#"
        clusterplan: <stdin>: event "fail-vip:vip-dc9": no virtual IP address named "vip-dc9"; the namespace has vip-dc1, vip-dc2
    "#]].assert_eq(&vip.stderr);
    let no_namespace = run(&["simulate", "-", "fail-vip:vip-dc1"], &dag_json("dag-2-member"));
    assert_eq!(no_namespace.code, 2);
    expect![[r#"
        clusterplan: <stdin>: event "fail-vip:vip-dc1": the design has no namespace (no virtual IP addresses)
    "#]]
    .assert_eq(&no_namespace.stderr);
    // Timed DAG events must come in time order, as the 2003 ones.
    let timeline = run(&["simulate", "--timeline", "-", "fail:ex1@1min", "fail:ex2@30s"], &pa);
    assert_eq!(timeline.code, 2);
    assert!(timeline.stderr.contains("list events in time order"), "{}", timeline.stderr);
    let broken =
        pa.replacen("\"server\":\"ex1\"", "\"server\":\"ex99\"", 1).replace("\"site\":\"dc2\"}", "\"site\":\"dc7\"}");
    let load = run(&["validate", "-"], &broken);
    assert_eq!(load.code, 2);
    expect![[r#"
        clusterplan: <stdin>: servers[4].site: no site named "dc7"
        clusterplan: <stdin>: servers[5].site: no site named "dc7"
        clusterplan: <stdin>: servers[6].site: no site named "dc7"
        clusterplan: <stdin>: servers[7].site: no site named "dc7"
        clusterplan: <stdin>: alternate_witness.site: no site named "dc7"
        clusterplan: <stdin>: namespace.vips[1].site: no site named "dc7"
        clusterplan: <stdin>: databases[0].copies[0].server: no server named "ex99"
    "#]]
    .assert_eq(&load.stderr);
}

/// `simulate --at` is the moment a player shows: at 11 s dc1 has failed and been noticed, its databases are
/// between the failure and the mount; the steps told then are those of 10 s, the last before it. A time
/// that is no time is refused with the flag's name.
#[test]
fn simulate_at_a_time_prints_that_moment() {
    let design = dag_json("dag-pa-8");
    let moment = run(&["simulate", "--at", "11s", "-", "fail-site:dc1@0s"], &design).json();
    assert_eq!(moment["t"], 11.0);
    let told: Vec<&str> = moment["steps"].as_array().unwrap().iter().map(|s| s["change"].as_str().unwrap()).collect();
    assert!(told.contains(&"held: 5 of 9 votes, 5 needed"), "{told:?}");
    assert!(moment["steps"].as_array().unwrap().iter().all(|s| s["t"] == 10.0));
    let state = &moment["state"];
    assert_eq!((state["mounted"].as_u64(), state["servers"][0]["state"].as_str()), (Some(8), Some("down")));
    assert_eq!(state["databases"][0]["state"], "failing-over");
    let at_zero = run(&["simulate", "--at", "0s", "-", "fail-site:dc1@0s"], &design).json();
    assert_eq!(at_zero["state"]["servers"][0]["state"], "unnoticed");
    let wrong = run(&["simulate", "--at", "soon", "-", "fail-site:dc1@0s"], &design);
    assert_eq!(wrong.code, 2);
    expect![[r#"
        clusterplan: <stdin>: --at: "soon" is not a time on the script's clock, such as 21s, 10min or 1h
    "#]]
    .assert_eq(&wrong.stderr);
    let both = run(&["simulate", "--at", "1s", "--timeline", "-"], &design);
    assert_eq!(both.code, 2, "--at and --timeline are two views: one at a time");
}

/// A DAG script unfolds second by second: the failure, the cluster noticing it, best copy selection, the
/// mount and the clients, with the durations the design states; `final` is what `simulate` reports.
#[test]
fn dag_timeline_unfolds_and_ends_where_simulate_does() {
    let design = dag_json("dag-2-member");
    let out = run(&["simulate", "--timeline", "-", "fail:ex1@0s", "restore:ex1@5min", "--format", "text"], &design);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let table: String = out.stdout.lines().take(10).map(|line| format!("{}\n", line.trim_end())).collect();
    expect![[r#"
        TIME             SUBJECT  CHANGE                                         WHY
        0.0 s            ex1      fails                                          the failure script says so
        10.0 s           ex1      down                                           missed heartbeats: the cluster removes it
        10.0 s           quorum   held: 2 of 3 votes, 2 needed                   ex2 and the witness hold 2 of the 3 votes there were before the change: more than half
        10.0 s           quorum   recounted: 2 of 2 votes, 2 needed from now on  2 of 2 votes in dc1 (ex2 and the witness); 2 needed; dynamic quorum on Windows Server 2025: the votes are those of the last membership that held quorum; the last voting member keeps the witness's vote beside its own, and needs it: Windows does not adjust the votes below three with a witness
        10.0 s           db1      dismounted on ex1                              its copy on ex1 can no longer run
        12.0 s           db1      best copy selection chooses ex2                moved from ex1: ex1 is down; best copy selection chose ex2: criteria set 1 (content index healthy, copy queue < 10, replay queue < 50)
        22.0 s           db1      mounted on ex2                                 moved from ex1: ex1 is down; best copy selection chose ex2: criteria set 1 (content index healthy, copy queue < 10, replay queue < 50)
        42.0 s           db1      clients reconnected to ex2                     a client tries the next address about 20 s after one fails
        5 min 00 s       ex1      comes back                                     the failure script says so
    "#]]
    .assert_eq(&table);
    let played = run(&["simulate", "--timeline", "-", "fail:ex1@0s", "fail:ex2@0s"], &design).json();
    let simulated = run(&["simulate", "-", "fail:ex1@0s", "fail:ex2@0s"], &design).json();
    assert_eq!(played["final"], simulated);
    // At once: 1 of 3 votes (the witness) is no majority, even on dynamic quorum.
    assert_eq!(simulated["quorum"]["held"], false);
    let one_after_the_other = run(&["simulate", "-", "fail:ex1@0s", "fail:ex2@1min"], &design).json();
    assert_eq!(one_after_the_other["quorum"]["held"], false, "two members and a witness survive one failure only");
}

/// `link` writes the fragment both planners open: the design and its checked events, compressed; under 2,000
/// characters for every preset; a DAG's page is under `dag/` of the base address.
#[test]
fn link_writes_a_share_link_both_planners_open() {
    for id in clusterplan_core::verbs::presets() {
        let design = run(&["preset", id], "").stdout;
        let linked = run(&["link", "-"], &design);
        assert_eq!(linked.code, 0, "{id}: {}", linked.stderr);
        let fragment = linked.stdout.trim_end();
        assert!(fragment.starts_with("#z=") && fragment.len() < 2000, "{id}: {} characters", fragment.len());
        let saved: Value = serde_json::from_str(&clusterplan_core::link::read(fragment).unwrap().unwrap()).unwrap();
        assert_eq!(saved["scenario"], serde_json::from_str::<Value>(&design).unwrap(), "{id}");
        assert_eq!(saved["events"], serde_json::json!([]));
    }
    let dag = dag_json("dag-pa-8");
    let linked = run(&["link", "-", "fail-site:dc1", "--base", "https://example.org/clusterplan"], &dag);
    assert!(linked.stdout.starts_with("https://example.org/clusterplan/dag/#z="), "{}", linked.stdout);
    let fragment = &linked.stdout[linked.stdout.find('#').unwrap()..];
    let saved: Value =
        serde_json::from_str(&clusterplan_core::link::read(fragment.trim_end()).unwrap().unwrap()).unwrap();
    assert_eq!(saved["events"], serde_json::json!(["fail-site:dc1"]));
    // An event the design does not know is refused as simulate refuses it, and no link is written.
    let refused = run(&["link", "-", "fail:ex99"], &dag);
    assert_eq!(refused.code, 2);
    assert_eq!(refused.stdout, "");
    expect![[r#"
        clusterplan: <stdin>: event "fail:ex99": no server named "ex99"
    "#]]
    .assert_eq(&refused.stderr);
}

/// `export --to powershell` writes a DAG's Exchange Management Shell commands. Checked by hand once against
/// Microsoft's cmdlet references (learn.microsoft.com/powershell/module/exchange/): New-DatabaseAvailabilityGroup
/// (-Name, -WitnessServer, -WitnessDirectory, -DatabaseAvailabilityGroupIpAddresses, whose value None makes a
/// DAG without an administrative access point), Add-DatabaseAvailabilityGroupServer (-Identity,
/// -MailboxServer), Set-DatabaseAvailabilityGroup (-DatacenterActivationMode DagOnly,
/// -AlternateWitnessServer, -AlternateWitnessDirectory), Set-MailboxServer (-AutoDatabaseMountDial,
/// -DatabaseCopyAutoActivationPolicy, -MaximumActiveDatabases, -MaximumPreferredActiveDatabases),
/// New-MailboxDatabase (-Name, -Server, -EdbFilePath, -LogFolderPath: AutoReseed's layout unless the design
/// gives paths), Mount-Database (a new database is dismounted; its copies are seeded from it mounted) and
/// Add-MailboxDatabaseCopy (-ActivationPreference, no larger than the copies the database then has, hence
/// preference order; -ReplayLagTime as dd.hh:mm:ss, at most 14 days).
#[test]
fn export_writes_a_dags_shell_commands_and_the_ip_plan() {
    let mut design: Value = serde_json::from_str(&dag_json("dag-2-member")).unwrap();
    design["dac_mode"] = false.into();
    design["ip_less"] = true.into();
    design["alternate_witness"] = serde_json::json!({"server": "fsw-2", "site": "dc1"});
    design["servers"][1]["mount_dial"] = "lossless".into();
    design["servers"][1]["activation_policy"] = "blocked".into();
    design["servers"][1]["max_active"] = 10.into();
    design["databases"][1]["name"] = "Mailbox Database 01".into();
    design["databases"][1]["copies"][1]["replay_lag_days"] = 7.into();
    let script = run(&["export", "-", "--to", "powershell"], &design.to_string());
    assert_eq!(script.code, 0, "{}", script.stderr);
    expect![[r##"
        # Exchange SE for "Two-member DAG": the Exchange Management Shell commands that build it, written by clusterplan.
        # Run them in order on an Exchange server of the organisation; check names and paths first.

        # The DAG, with its witness fsw in dc1 ("Create a database availability group").
        # If fsw is not an Exchange server: first add the Exchange Trusted Subsystem group to its local Administrators group.
        # IP-less (no cluster administrative access point): no address, no name in DNS.
        New-DatabaseAvailabilityGroup -Name DAG1 -WitnessServer fsw -WitnessDirectory 'C:\DAGFileShareWitnesses\DAG1' -DatabaseAvailabilityGroupIpAddresses ([System.Net.IPAddress])::None

        # Its members, site by site.
        Add-DatabaseAvailabilityGroupServer -Identity DAG1 -MailboxServer ex1
        Add-DatabaseAvailabilityGroupServer -Identity DAG1 -MailboxServer ex2

        # The alternate witness fsw-2 in dc1, for a datacenter switchover.
        # If fsw-2 is not an Exchange server: add the Exchange Trusted Subsystem group to its local Administrators group.
        Set-DatabaseAvailabilityGroup -Identity DAG1 -AlternateWitnessServer fsw-2 -AlternateWitnessDirectory 'C:\DAGFileShareWitnesses\DAG1'

        # Members whose mount dial, activation policy or caps differ from the defaults.
        Set-MailboxServer -Identity ex2 -AutoDatabaseMountDial Lossless -DatabaseCopyAutoActivationPolicy Blocked -MaximumActiveDatabases 10

        # Each database's file and logs: the design's paths, else AutoReseed's layout ("Configure AutoReseed for a database availability group", Step 8): C:\ExchangeDatabases\<db>\<db>.db\<db>.edb and <db>.log, the same on every server holding a copy.

        # db1: 2 copies in preference order.
        New-MailboxDatabase -Name db1 -Server ex1 -EdbFilePath 'C:\ExchangeDatabases\db1\db1.db\db1.edb' -LogFolderPath 'C:\ExchangeDatabases\db1\db1.log'
        Mount-Database -Identity db1
        Add-MailboxDatabaseCopy -Identity db1 -MailboxServer ex2 -ActivationPreference 2

        # Mailbox Database 01: 2 copies in preference order, lagged on ex1 (7 days).
        New-MailboxDatabase -Name 'Mailbox Database 01' -Server ex2 -EdbFilePath 'C:\ExchangeDatabases\Mailbox Database 01\Mailbox Database 01.db\Mailbox Database 01.edb' -LogFolderPath 'C:\ExchangeDatabases\Mailbox Database 01\Mailbox Database 01.log'
        Mount-Database -Identity 'Mailbox Database 01'
        Add-MailboxDatabaseCopy -Identity 'Mailbox Database 01' -MailboxServer ex1 -ActivationPreference 2 -ReplayLagTime 7.00:00:00
    "##]]
    .assert_eq(&script.stdout);
    // The design's own paths and witness directory, where it gives them.
    design["witness"]["directory"] = "E:\\Witness\\DAG1".into();
    design["databases"][0]["edb_path"] = "E:\\DB\\db1.edb".into();
    design["databases"][0]["log_path"] = "F:\\Logs\\db1".into();
    let script = run(&["export", "-", "--to", "powershell"], &design.to_string());
    let given: Vec<&str> = script
        .stdout
        .lines()
        .filter(|l| l.starts_with("New-") && l.contains("db1") || l.contains("-WitnessServer"))
        .collect();
    expect![[r#"
        [
            "New-DatabaseAvailabilityGroup -Name DAG1 -WitnessServer fsw -WitnessDirectory 'E:\\Witness\\DAG1' -DatabaseAvailabilityGroupIpAddresses ([System.Net.IPAddress])::None",
            "New-MailboxDatabase -Name db1 -Server ex1 -EdbFilePath 'E:\\DB\\db1.edb' -LogFolderPath 'F:\\Logs\\db1'",
        ]
    "#]]
    .assert_debug_eq(&given);
    // With addresses: one on each MAPI subnet, from the design's subnets; one without a CIDR is left to fill in.
    let mut addressed: Value = serde_json::from_str(&dag_json("dag-pa-8")).unwrap();
    addressed["networks"][0]["subnets"][1].as_object_mut().unwrap().remove("cidr");
    let script = run(&["export", "-", "--to", "powershell"], &addressed.to_string()).stdout;
    let lines: Vec<&str> = script
        .lines()
        .filter(|l| l.contains("MAPI") || l.contains("CIDR") || l.starts_with("New-DatabaseAvailabilityGroup"))
        .collect();
    expect![[r##"
        [
            "# The MapiNetwork subnet in dc2 has no CIDR in the design: put the DAG's address there in place of the <…> below.",
            "# One static address on each MAPI subnet (the DAG's name in DNS resolves to them).",
            "New-DatabaseAvailabilityGroup -Name DAG1 -WitnessServer fsw -WitnessDirectory 'C:\\DAGFileShareWitnesses\\DAG1' -DatabaseAvailabilityGroupIpAddresses 10.1.0.1,<the DAG's address in dc2>",
        ]
    "##]]
    .assert_debug_eq(&lines);
    // The IP plan as CSV, either family; a name a spreadsheet would take for a formula is kept as text.
    let csv = run(&["export", "-", "--to", "csv"], &dag_json("dag-2-member"));
    expect![[r#"
        holder,network,site,subnet,address
        DAG1,MapiNetwork,dc1,10.1.0.0/24,10.1.0.1
        ex1,MapiNetwork,dc1,10.1.0.0/24,10.1.0.2
        ex2,MapiNetwork,dc1,10.1.0.0/24,10.1.0.3
    "#]]
    .assert_eq(&csv.stdout.replace("\r\n", "\n"));
    assert!(csv.stdout.ends_with("\r\n"), "RFC 4180 line ends");
    let formula = preset_json("two-node-active-passive").replace("\"public\"", "\"=SUM(1),\\\"x\\\"\"");
    let rows = run(&["export", "-", "--to", "csv"], &formula);
    assert_eq!(rows.code, 0, "{}", rows.stderr);
    assert_eq!(
        rows.stdout.lines().nth(1),
        Some("cluster EXCLUSTER,\"'=SUM(1),\"\"x\"\"\",,192.168.10.0/24,192.168.10.1")
    );
    // What cannot be exported is refused with the option's name.
    let refused = run(&["export", "-", "--to", "powershell"], &preset_json("two-node-active-passive"));
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("--to: Windows Server 2003 clusters have no failover-cluster PowerShell"),
        "{}",
        refused.stderr
    );
}

/// `export --to cluster-exe` writes a 2003 cluster's cluster.exe commands. Checked by hand once against the
/// Windows Server 2003 command-line reference (learn.microsoft.com, "Cluster group": /create,
/// /setowners, /prop with FailoverThreshold, FailoverPeriod in hours, AutoFailbackType, FailbackWindowStart
/// and FailbackWindowEnd; "Cluster resource": /create /group /type, /priv, /adddep, /removeowner, /moveto,
/// /prop with RestartAction, RestartThreshold and RestartPeriod in milliseconds) and the Exchange Server
/// 2003 clustering guide ("Exchange Virtual Servers": the System Attendant resource creates the others).
#[test]
fn export_writes_a_clusters_cluster_exe_commands() {
    let mut design: Value = serde_json::from_str(&preset_json("two-node-active-passive")).unwrap();
    let group = &mut design["groups"][0];
    group["failover"] = serde_json::json!({"threshold": 2, "period_hours": 1});
    group["failback"] = serde_json::json!({"type": "window", "start_hour": 22, "end_hour": 4});
    group["resources"][0]["possible_owners"] = serde_json::json!(["node1"]);
    group["resources"][0]["restart"] = serde_json::json!({"action": "restart", "threshold": 5, "period_s": 600});
    let script = run(&["export", "-", "--to", "cluster-exe"], &design.to_string());
    assert_eq!(script.code, 0, "{}", script.stderr);
    assert!(
        script.stdout.lines().count() > 1 && script.stdout.split("\r\n").count() == script.stdout.lines().count() + 1,
        "CRLF"
    );
    expect![[r#"
        @rem Exchange 2003 cluster EXCLUSTER for "Two-node cluster, active/passive": its groups and resources, written by clusterplan.
        @rem Form the cluster and join the nodes first (Cluster Administrator or cluster /create).
        @rem Nodes: node1, node2.

        @rem EVS1: preferred owners node1, node2.
        cluster /cluster:EXCLUSTER group "EVS1" /create
        cluster /cluster:EXCLUSTER group "EVS1" /setowners:node1,node2
        cluster /cluster:EXCLUSTER group "EVS1" /prop FailoverThreshold=2 FailoverPeriod=1 AutoFailbackType=1 FailbackWindowStart=22 FailbackWindowEnd=4
        cluster /cluster:EXCLUSTER resource "EVS1 IP Address" /create /group:"EVS1" /type:"IP Address"
        cluster /cluster:EXCLUSTER resource "EVS1 IP Address" /priv Address=192.168.10.2 SubnetMask=255.255.255.0 Network="public"
        cluster /cluster:EXCLUSTER resource "EVS1 IP Address" /removeowner:node2
        cluster /cluster:EXCLUSTER resource "EVS1 IP Address" /prop RestartAction=1 RestartThreshold=5 RestartPeriod=600000
        cluster /cluster:EXCLUSTER resource "EVS1 Network Name" /create /group:"EVS1" /type:"Network Name"
        cluster /cluster:EXCLUSTER resource "EVS1 Network Name" /priv Name=EVS1
        cluster /cluster:EXCLUSTER resource "EVS1 Network Name" /adddep:"EVS1 IP Address"
        @rem Disk EVS1-logs: the cluster made its Physical Disk resource when it was formed; named "EVS1 Logs Disk", it moves in:
        cluster /cluster:EXCLUSTER resource "EVS1 Logs Disk" /moveto:"EVS1"
        @rem Disk EVS1-data: the cluster made its Physical Disk resource when it was formed; named "EVS1 Data Disk", it moves in:
        cluster /cluster:EXCLUSTER resource "EVS1 Data Disk" /moveto:"EVS1"
        @rem "EVS1 System Attendant" (Exchange System Attendant): add it in Cluster Administrator (its wizard asks for the data path and the administrative and routing groups); Exchange then creates the resources below.
        @rem   It depends on "EVS1 Network Name", "EVS1 Logs Disk", "EVS1 Data Disk".
        @rem "EVS1 Store" (Exchange Information Store Instance) is created by Exchange with the System Attendant.
        @rem   It depends on "EVS1 System Attendant".
        @rem "EVS1 SMTP" (SMTP Virtual Server Instance) is created by Exchange with the System Attendant.
        @rem   It depends on "EVS1 System Attendant".
        @rem "EVS1 HTTP" (Exchange HTTP Virtual Server Instance) is created by Exchange with the System Attendant.
        @rem   It depends on "EVS1 System Attendant".
        @rem "EVS1 MS Search" (Microsoft Search Service Instance) is created by Exchange with the System Attendant.
        @rem   It depends on "EVS1 System Attendant".
        @rem "EVS1 Routing" (Exchange Routing Service Instance) is created by Exchange with the System Attendant.
        @rem   It depends on "EVS1 System Attendant".
        @rem "EVS1 MTA" (Exchange Message Transfer Agent Instance) is created by Exchange with the System Attendant.
        @rem   It depends on "EVS1 System Attendant".
    "#]]
    .assert_eq(&script.stdout.replace("\r\n", "\n"));
    let refused = run(&["export", "-", "--to", "cluster-exe"], &dag_json("dag-2-member"));
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("--to: a DAG is built with the Exchange Management Shell"), "{}", refused.stderr);
}
