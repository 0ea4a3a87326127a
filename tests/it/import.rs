//! Designs brought in from the Role Requirements Calculator's files and a running DAG's cmdlet output:
//! each fixture folder imported and checked, round trips through the Calculator's files, and every kind of
//! bad input refused with its file and line or JSON path.

use std::path::Path;

use clusterplan_core::dag::Design;
use clusterplan_core::dag::import::{Imported, Source, calculator};
use expect_test::{Expect, expect};

fn fixture_files(folder: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(folder);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

fn sources(files: &[(String, Vec<u8>)]) -> Vec<Source<'_>> {
    files.iter().map(|(name, bytes)| Source { name, bytes }).collect()
}

fn import_calculator(files: &[(String, Vec<u8>)]) -> Imported {
    calculator::import(&sources(files), None).unwrap_or_else(|problems| {
        panic!("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
    })
}

/// The design in a few lines a reader can check against the files.
fn summary(imported: &Imported) -> String {
    let s = &imported.scenario;
    let mut out = format!(
        "{} {} dac={} ip_less={} witness={}@{} alternate={:?}\n",
        s.dag_name,
        s.exchange.title(),
        s.dac_mode,
        s.ip_less,
        s.witness.server,
        s.witness.site,
        s.alternate_witness.as_ref().map(|w| format!("{}@{}", w.server, w.site))
    );
    for server in &s.servers {
        out.push_str(&format!(
            "server {} {} {} max={:?} preferred={:?}\n",
            server.name,
            server.site,
            server.mount_dial.title(),
            server.max_active,
            server.max_preferred_active
        ));
    }
    for network in &s.networks {
        let subnets: Vec<String> =
            network.subnets.iter().map(|n| format!("{}={:?}", n.site, n.cidr.map(|c| c.to_string()))).collect();
        out.push_str(&format!("network {} {:?} {}\n", network.name, network.role, subnets.join(" ")));
    }
    for database in &s.databases {
        let copies: Vec<String> = database
            .copies
            .iter()
            .map(|c| {
                format!(
                    "{}:{}{}",
                    c.preference,
                    c.server,
                    if c.replay_lag_days > 0 { format!("(lag {}d)", c.replay_lag_days) } else { String::new() }
                )
            })
            .collect();
        out.push_str(&format!("{} {} edb={:?}\n", database.name, copies.join(" "), database.edb_path));
    }
    for note in &imported.notes {
        out.push_str(&format!("note {} {:?}: {}\n", note.file, note.kind, note.message));
    }
    out
}

fn check_import(folder: &str, expect: Expect) {
    let imported = import_calculator(&fixture_files(folder));
    Design::new(imported.scenario.clone()).expect("an import loads as any design");
    expect.assert_eq(&summary(&imported));
}

#[test]
fn calculator_exports_import() {
    // Two datacenters, IP-less, DAC, caps per site, preference 1 from MailboxDatabases.csv and 2 to 4 from
    // MailboxDatabaseCopies.csv (the lagged fourth written "7.0:00:00"), BOM and CRLF, a header with spaces.
    check_import(
        "calculator/two-datacenters",
        expect![[r#"
            DAG-01 Exchange SE dac=true ip_less=true witness=FSW-01.contoso.com@dc1 alternate=Some("FSW-02.contoso.com@dc2")
            server MBX-01 dc1 GoodAvailability max=Some(6) preferred=Some(3)
            server MBX-02 dc1 GoodAvailability max=Some(6) preferred=Some(3)
            server MBX-03 dc2 GoodAvailability max=Some(6) preferred=Some(3)
            server MBX-04 dc2 GoodAvailability max=Some(6) preferred=Some(3)
            network MapiNetwork Mapi dc1=Some("10.1.0.0/24") dc2=Some("10.2.0.0/24")
            network ReplicationNetwork Replication dc1=Some("10.11.0.0/24") dc2=Some("10.12.0.0/24")
            DAG-01-DB01 1:MBX-01 2:MBX-02 3:MBX-03 4:MBX-04(lag 7d) edb=Some("E:\\ExchangeDatabases\\DAG-01-DB01\\DAG-01-DB01.db\\DAG-01-DB01.edb")
            DAG-01-DB02 1:MBX-02 2:MBX-01 3:MBX-04 4:MBX-03(lag 7d) edb=Some("E:\\ExchangeDatabases\\DAG-01-DB02\\DAG-01-DB02.db\\DAG-01-DB02.edb")
            DAG-01-DB03 1:MBX-03 2:MBX-04 3:MBX-01 4:MBX-02(lag 7d) edb=Some("E:\\ExchangeDatabases\\DAG-01-DB03\\DAG-01-DB03.db\\DAG-01-DB03.edb")
            DAG-01-DB04 1:MBX-04 2:MBX-03 3:MBX-02 4:MBX-01(lag 7d) edb=Some("E:\\ExchangeDatabases\\DAG-01-DB04\\DAG-01-DB04.db\\DAG-01-DB04.edb")
            DAG-01-DB05 1:MBX-01 2:MBX-02 3:MBX-03 4:MBX-04(lag 7d) edb=Some("E:\\ExchangeDatabases\\DAG-01-DB05\\DAG-01-DB05.db\\DAG-01-DB05.edb")
            DAG-01-DB06 1:MBX-02 2:MBX-01 3:MBX-04 4:MBX-03(lag 7d) edb=Some("E:\\ExchangeDatabases\\DAG-01-DB06\\DAG-01-DB06.db\\DAG-01-DB06.edb")
            DAG-01-DB07 1:MBX-03 2:MBX-04 3:MBX-01 4:MBX-02(lag 7d) edb=Some("E:\\ExchangeDatabases\\DAG-01-DB07\\DAG-01-DB07.db\\DAG-01-DB07.edb")
            DAG-01-DB08 1:MBX-04 2:MBX-03 3:MBX-02 4:MBX-01(lag 7d) edb=Some("E:\\ExchangeDatabases\\DAG-01-DB08\\DAG-01-DB08.db\\DAG-01-DB08.edb")
            note DAGInfo.csv Assumed: the witness's site: the files do not say; assumed in dc1, the primary datacenter (Site1Servers), where Microsoft places it when there is no third location, and the alternate witness in dc2; move the witness to a third site if it stands in one
            note DAGInfo.csv LeftOut: not modelled, so not imported: DagEbnNetwork, DagEbnNetworkName, GC, GC2, AutoDAGVolumesRootFolderPath, AutoDAGDatabasesRootFolderPath, AutoDAGDatabaseCopiesPerVolume, ManualDagnetworkConfiguration, ReplayLagManagerEnabled, NetworkEncryption, NetworkCompression, ReplicationPort, LogIsolation
            note MailboxDatabaseCopies.csv LeftOut: not modelled, so not imported: GC, GC2, TruncationLagTime
            note MailboxDatabases.csv LeftOut: not modelled, so not imported: DeletedItemRetention, GC, OAB, RetainDeletedItemsUntilBackup, IndexEnabled, CircularLoggingEnabled, ProhibitSendReceiveQuota, ProhibitSendQuota, IssueWarningQuota, AllowFileRestore, BackgroundDatabaseMaintenance, IsExcludedFromProvisioning, IsSuspendedFromProvisioning, MailboxRetention, MountAtStartup, EventHistoryRetentionPeriod, AutoDagExcludeFromMonitoring, CalendarLoggingQuota, IsExcludedFromInitialProvisioning, DataMoveReplicationConstraint, RecoverableItemsQuota, RecoverableItemsWarningQuota
            note Servers.csv LeftOut: not modelled, so not imported: StartDrive, DbPerVolume, AutoReseedVolumes, DbLogIsolation, VolumesRootFolder, DatabasesRootFolder
            note the files Assumed: Exchange SE on Windows Server 2025: the files do not say (versions of the files: DAGInfo.csv 2.3, 7.6; MailboxDatabaseCopies.csv 2.1, 7.6; MailboxDatabases.csv 2.1, 7.6; Servers.csv 2.1, 7.6)
        "#]],
    );
    // An older export: DBFilePath, LF, no BOM, no version rows, one datacenter, a DAG address, a lag of
    // fifteen minutes, an empty lag.
    check_import(
        "calculator/older-version",
        expect![[r#"
        LABDAG Exchange SE dac=false ip_less=false witness=CAS1@dc1 alternate=None
        server LAB1 dc1 GoodAvailability max=None preferred=None
        server LAB2 dc1 GoodAvailability max=None preferred=None
        network MapiNetwork Mapi dc1=None
        DB1 1:LAB1 2:LAB2(lag 1d) edb=Some("D:\\DB1\\DB1.edb")
        DB2 1:LAB2 2:LAB1 edb=Some("D:\\DB2\\DB2.edb")
        note DAGInfo.csv LeftOut: DagIps 192.168.10.50: the IP plan gives the DAG one address per MAPI subnet, assigned from the subnets
        note DAGInfo.csv Assumed: the witness's site: the files do not say; assumed in dc1 with the members
        note MailboxDatabaseCopies.csv Assumed: ReplayLagTime 00:15:00: clusterplan counts replay lag in whole days (a lag under a day is one)
        note DAGInfo.csv LeftOut: not modelled, so not imported: GC
        note MailboxDatabaseCopies.csv LeftOut: not modelled, so not imported: TruncationLagTime, GC, GC2
        note MailboxDatabases.csv LeftOut: not modelled, so not imported: GC
        note the files Assumed: Exchange SE on Windows Server 2025: the files do not say (versions of the files: none)
    "#]],
    );
}

#[test]
fn calculator_round_trip() {
    for folder in ["calculator/two-datacenters", "calculator/older-version"] {
        let imported = import_calculator(&fixture_files(folder));
        let design = Design::new(imported.scenario.clone()).unwrap();
        let exported = calculator::export(&design).unwrap();
        let files: Vec<(String, Vec<u8>)> =
            exported.files.iter().map(|(name, text)| (name.clone(), text.as_bytes().to_vec())).collect();
        let again = import_calculator(&files);
        assert_eq!(again.scenario, imported.scenario, "{folder}: import after export gives the same design");
        // The scripts' checks: CreateDAG.ps1 reads the schema version from the first row's DagIps, the
        // database scripts from MailboxDatabases.csv's Server and MailboxDatabaseCopies.csv's GC2.
        let first_row = |name: &str, column: &str| -> String {
            let text = &exported.files.iter().find(|(n, _)| n == name).unwrap().1;
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let at = reader.headers().unwrap().iter().position(|h| h == column).unwrap();
            reader.records().next().unwrap().unwrap()[at].to_string()
        };
        assert_eq!(first_row("DAGInfo.csv", "DagIps"), "2.3");
        assert_eq!(first_row("MailboxDatabases.csv", "Server"), "2.1");
        assert_eq!(first_row("MailboxDatabaseCopies.csv", "GC2"), "2.1");
        assert_eq!(first_row("MailboxDatabaseCopies.csv", "GC"), "VersionNumber");
        assert!(
            exported.files.iter().all(|(_, text)| text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'))
        );
    }
}

#[test]
fn a_preset_exports_to_the_calculator_and_back() {
    let preset = clusterplan_core::dag::presets::preset("dag-2site-no-third").unwrap();
    let design = Design::new(preset.clone()).unwrap();
    let exported = calculator::export(&design).unwrap();
    let files: Vec<(String, Vec<u8>)> =
        exported.files.iter().map(|(name, text)| (name.clone(), text.as_bytes().to_vec())).collect();
    let again = import_calculator(&files).scenario;
    // What the files hold comes back: members and their sites, copies, preferences, lags, DAC mode.
    let members = |s: &clusterplan_core::dag::Scenario| -> Vec<(String, String)> {
        s.servers.iter().map(|m| (m.name.clone(), m.site.clone())).collect()
    };
    assert_eq!(members(&again), members(&preset));
    assert_eq!(again.databases.len(), preset.databases.len());
    for (a, b) in again.databases.iter().zip(&preset.databases) {
        let copies = |d: &clusterplan_core::dag::model::Database| {
            let mut c: Vec<(u32, String, u32)> =
                d.copies.iter().map(|c| (c.preference, c.server.clone(), c.replay_lag_days)).collect();
            c.sort();
            c
        };
        assert_eq!((a.name.clone(), copies(a)), (b.name.clone(), copies(b)));
    }
    assert_eq!((again.dac_mode, again.ip_less), (preset.dac_mode, preset.ip_less));
    // The DAG's addresses come from the IP plan.
    let text = &exported.files[0].1;
    assert!(text.lines().nth(2).unwrap().split("\",\"").nth(1).unwrap().contains('.'), "{text}");
}

/// A mutation of the two-datacenter export, and the message it must give.
fn refuses(change: impl FnOnce(&mut Vec<(String, Vec<u8>)>), expect: Expect) {
    let mut files = fixture_files("calculator/two-datacenters");
    change(&mut files);
    let problems = calculator::import(&sources(&files), None).expect_err("refused");
    expect.assert_eq(&problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"));
}

fn edit(files: &mut [(String, Vec<u8>)], name: &str, from: &str, to: &str) {
    let file = files.iter_mut().find(|(n, _)| n == name).unwrap();
    let text = String::from_utf8(file.1.clone()).unwrap();
    assert!(text.contains(from), "{name} has no {from:?}");
    file.1 = text.replacen(from, to, 1).into_bytes();
}

#[test]
fn calculator_bad_input_names_the_file_and_line() {
    refuses(
        |f| edit(f, "MailboxDatabases.csv", "Name,Server,", "Name,Host,"),
        expect![
            "MailboxDatabases.csv, line 1: it has no Server column (its columns: Name, Host, EDBFilePath, LogFolderPath, DeletedItemRetention, GC, OAB, RetainDeletedItemsUntilBackup, IndexEnabled, CircularLoggingEnabled, ProhibitSendReceiveQuota, ProhibitSendQuota, IssueWarningQuota, AllowFileRestore, BackgroundDatabaseMaintenance, IsExcludedFromProvisioning, IsSuspendedFromProvisioning, MailboxRetention, MountAtStartup, EventHistoryRetentionPeriod, AutoDagExcludeFromMonitoring, CalendarLoggingQuota, IsExcludedFromInitialProvisioning, DataMoveReplicationConstraint, RecoverableItemsQuota, RecoverableItemsWarningQuota)"
        ],
    );
    refuses(
        |f| edit(f, "MailboxDatabaseCopies.csv", "\"DAG-01-DB03\",\"MBX-04\"", "\"DAG-01-DB03\",\"MBX-09\""),
        expect![[
            r#"MailboxDatabaseCopies.csv, line 9: a copy of DAG-01-DB03 on "MBX-09", which is not a member of DAG-01"#
        ]],
    );
    refuses(
        |f| {
            edit(f, "MailboxDatabaseCopies.csv", "\"DAG-01-DB02\",\"MBX-01\",\"2\"", "\"DAG-01-DB02\",\"MBX-01\",\"1\"")
        },
        expect![
            "MailboxDatabaseCopies.csv, line 6: a second preference-1 copy of DAG-01-DB02: its preference 1 is on MBX-02 (MailboxDatabases.csv line 4)"
        ],
    );
    refuses(
        |f| edit(f, "MailboxDatabaseCopies.csv", "\"7.0:00:00\"", "\"a week\""),
        expect![[r#"MailboxDatabaseCopies.csv, line 5: ReplayLagTime is "a week", not a TimeSpan such as 7.00:00:00"#]],
    );
    refuses(
        |f| edit(f, "MailboxDatabaseCopies.csv", "\"DAG-01-DB05\",\"MBX-02\"", "\"DAG-01-DB99\",\"MBX-02\""),
        expect!["MailboxDatabaseCopies.csv, line 15: DAG-01-DB99 is not in MailboxDatabases.csv"],
    );
    refuses(
        |f| edit(f, "DAGInfo.csv", "\"DagOnly\"", "\"Sometimes\""),
        expect![[r#"DAGInfo.csv, line 3: DACMode is "Sometimes": DagOnly or Off"#]],
    );
    refuses(
        |f| edit(f, "DAGInfo.csv", "\"6\",\"3\",\"6\"", "\"six\",\"3\",\"6\""),
        expect![[r#"DAGInfo.csv, line 3: MaximumActiveDatabasesSite1 is "six", not a whole number"#]],
    );
    refuses(
        |f| f.retain(|(n, _)| n != "DAGInfo.csv"),
        expect!["the files: DAGInfo.csv is missing: the Calculator exports it beside the others"],
    );
    // A file from another tool, and the same file twice.
    refuses(
        |f| f.push(("Get-Mailbox.csv".into(), b"DisplayName,PrimarySmtpAddress\r\nA,a@contoso.com\r\n".to_vec())),
        expect![
            "Get-Mailbox.csv, line 1: this is not one of the Calculator's files (DAGInfo.csv, MailboxDatabases.csv, MailboxDatabaseCopies.csv, Servers.csv): its header is DisplayName, PrimarySmtpAddress"
        ],
    );
    refuses(
        |f| {
            let copy = f.iter().find(|(n, _)| n == "MailboxDatabases.csv").unwrap().1.clone();
            f.push(("MailboxDatabases (2).csv".into(), copy));
        },
        expect!["MailboxDatabases (2).csv: a second MailboxDatabases.csv: MailboxDatabases.csv is one already"],
    );
    // A file cut inside a quoted cell, and one that is not text.
    refuses(
        |f| {
            let servers = f.iter_mut().find(|(n, _)| n == "Servers.csv").unwrap();
            servers.1.truncate(servers.1.len() - 40);
        },
        expect!["Servers.csv, line 6: a quoted cell opens here and is never closed: the file is cut short"],
    );
    refuses(
        |f| f[0].1 = vec![0, 159, 146, 150],
        expect!["DAGInfo.csv: it is not text (byte 1 is not UTF-8, UTF-16 or Windows-1252)"],
    );
}

#[test]
fn calculator_limits() {
    // A file of 100,000 databases is refused at the limit, with its line.
    let mut files = fixture_files("calculator/two-datacenters");
    let mut text = String::from("Name,Server\r\n");
    for i in 0..100_000 {
        text.push_str(&format!("DB{i},MBX-01\r\n"));
    }
    files.retain(|(n, _)| n != "MailboxDatabases.csv" && n != "MailboxDatabaseCopies.csv");
    files.push(("MailboxDatabases.csv".into(), text.into_bytes()));
    let problems = calculator::import(&sources(&files), None).unwrap_err();
    expect!["MailboxDatabases.csv, line 25618: more than 25616 rows: an import takes at most 1600 databases"]
        .assert_eq(&problems[0].to_string());
}
