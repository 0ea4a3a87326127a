//! Designs brought in from the Role Requirements Calculator's files and a running DAG's cmdlet output:
//! each fixture folder imported and checked, round trips through the Calculator's files, and every kind of
//! bad input refused with its file and line or JSON path.

use std::path::Path;

use clusterplan_core::dag::Design;
use clusterplan_core::dag::import::{Imported, Source, calculator, ems};
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

fn import_ems(file: &str) -> Imported {
    let files = fixture_files("ems");
    let (name, bytes) = files.iter().find(|(n, _)| n == file).unwrap();
    ems::import(&Source { name, bytes }, None).unwrap_or_else(|problem| panic!("{problem}"))
}

/// The live state in a few lines: members down, where each database is mounted, copies not healthy.
fn live(imported: &Imported) -> String {
    let s = &imported.scenario;
    let mut out = format!(
        "windows={:?} sites={:?}\n",
        s.windows.map(|w| w.title()),
        s.sites.iter().map(|x| x.name.as_str()).collect::<Vec<_>>()
    );
    for server in
        s.servers.iter().filter(|m| m.down || m.windows.is_some() || m.activation_policy != Default::default())
    {
        out.push_str(&format!(
            "server {} down={} windows={:?} policy={}\n",
            server.name,
            server.down,
            server.windows.map(|w| w.title()),
            server.activation_policy.title()
        ));
    }
    for database in &s.databases {
        let copies: Vec<String> = database
            .copies
            .iter()
            .map(|c| {
                format!(
                    "{}:{} {:?} cq={} rq={} ci={:?}",
                    c.preference, c.server, c.status, c.copy_queue, c.replay_queue, c.content_index
                )
            })
            .collect();
        out.push_str(&format!("{} active={:?} [{}]\n", database.name, database.active, copies.join("; ")));
    }
    out
}

#[test]
fn running_dags_import() {
    // Windows PowerShell 5.1 in a local shell, Out-File's UTF-16LE: enums as numbers, ADObjectId objects,
    // TimeSpan objects, {"Key","Value"} pairs.
    let local = import_ems("local-5.1-utf16.json");
    expect![[r#"
        DAG1 Exchange SE dac=true ip_less=true witness=fsw.contoso.com@dc3 alternate=None
        server EX1 dc1 GoodAvailability max=None preferred=None
        server EX2 dc1 GoodAvailability max=None preferred=None
        server EX3 dc2 GoodAvailability max=None preferred=None
        server EX4 dc2 Lossless max=None preferred=None
        network MapiNetwork Mapi dc1=None dc2=None
        DB1 1:EX1 2:EX3 3:EX2 4:EX4(lag 7d) edb=Some("C:\\ExchangeDatabases\\DB1\\DB1.db\\DB1.edb")
        DB2 1:EX3 2:EX1 3:EX4 4:EX2(lag 7d) edb=Some("C:\\ExchangeDatabases\\DB2\\DB2.db\\DB2.edb")
        note local-5.1-utf16.json Assumed: ContentIndexState NotApplicable: taken as Healthy: it does not hold activation back (Exchange 2019 and SE index in the mailbox, and report NotApplicable)
        note local-5.1-utf16.json Assumed: the DAG networks: one MAPI network with a subnet in each site with members, no CIDR (Get-DatabaseAvailabilityGroupNetwork is not collected)
        windows=Some("Windows Server 2025") sites=["dc1", "dc2", "dc3"]
        server EX4 down=false windows=None policy=Blocked
        DB1 active=None [1:EX1 Healthy cq=0 rq=0 ci=Healthy; 2:EX3 Healthy cq=0 rq=0 ci=Healthy; 3:EX2 Healthy cq=0 rq=0 ci=Healthy; 4:EX4 Healthy cq=0 rq=4000 ci=Healthy]
        DB2 active=None [1:EX3 Healthy cq=0 rq=0 ci=Healthy; 2:EX1 Healthy cq=0 rq=0 ci=Healthy; 3:EX4 Healthy cq=0 rq=0 ci=Healthy; 4:EX2 Healthy cq=0 rq=4000 ci=Healthy]
    "#]].assert_eq(&(summary(&local) + &live(&local)));
    // A remote session to UTF-8: text everywhere, "[EX1, 1]" pairs, AD paths; EX2 down, DB2 mounted on its
    // preference 2, copies failed, suspended, behind.
    let remote = import_ems("remote-utf8.json");
    expect![[r#"
        DAG2 Exchange 2019 dac=true ip_less=false witness=EXFSW.contoso.com@dc1 alternate=Some("EXFSW2.contoso.com@dc2")
        server EX1 dc1 BestAvailability max=None preferred=None
        server EX2 dc1 BestAvailability max=None preferred=None
        server EX3 dc2 BestAvailability max=Some(20) preferred=None
        network MapiNetwork Mapi dc1=None dc2=None
        DB1 1:EX1 2:EX2 3:EX3(lag 7d) edb=Some("D:\\DB1\\DB1.edb")
        DB2 1:EX2 2:EX1 3:EX3 edb=Some("D:\\DB2\\DB2.edb")
        DB3 1:EX3 2:EX1 edb=Some("D:\\DB3\\DB3.edb")
        note remote-utf8.json Assumed: the witness's site: EXFSW.contoso.com is no Exchange server of the document, so assumed in dc1; move it if it stands elsewhere
        note remote-utf8.json Assumed: the alternate witness's site: EXFSW2.contoso.com is no Exchange server of the document, so assumed in dc2; move it if it stands elsewhere
        note remote-utf8.json Assumed: ContentIndexState Failed: taken as Failed: best copy selection counts it as not healthy
        note remote-utf8.json Assumed: ContentIndexState Unknown: taken as Failed: best copy selection counts it as not healthy
        note remote-utf8.json Assumed: the DAG networks: one MAPI network with a subnet in each site with members, no CIDR (Get-DatabaseAvailabilityGroupNetwork is not collected)
        windows=Some("Windows Server 2022") sites=["dc1", "dc2"]
        server EX2 down=true windows=None policy=Unrestricted
        server EX3 down=false windows=Some("Windows Server 2019") policy=Unrestricted
        DB1 active=None [1:EX1 Healthy cq=0 rq=0 ci=Healthy; 2:EX2 ServiceDown cq=0 rq=0 ci=Failed; 3:EX3 Healthy cq=12 rq=3200 ci=Healthy]
        DB2 active=Some("EX1") [1:EX2 ServiceDown cq=0 rq=0 ci=Failed; 2:EX1 Healthy cq=0 rq=0 ci=Healthy; 3:EX3 Healthy cq=0 rq=0 ci=Healthy]
        DB3 active=None [1:EX3 Healthy cq=0 rq=0 ci=Healthy; 2:EX1 FailedAndSuspended cq=0 rq=0 ci=Failed]
    "#]].assert_eq(&(summary(&remote) + &live(&remote)));
}

#[test]
fn a_running_dag_starts_where_it_stands() {
    use clusterplan_core::dag::report::{MountState, simulate};
    let remote = import_ems("remote-utf8.json");
    let design = Design::new(remote.scenario).unwrap();
    let today = simulate(&design, &[]);
    let mounted: Vec<(String, Option<String>)> = today
        .databases
        .iter()
        .map(|d| (d.name.clone(), (d.state == MountState::Mounted).then(|| d.server.clone().unwrap())))
        .collect();
    // DB2 stays where Get-MailboxDatabase says it is (EX1, its preference 2): EX2 is down.
    assert_eq!(
        mounted,
        [("DB1".into(), Some("EX1".into())), ("DB2".into(), Some("EX1".into())), ("DB3".into(), Some("EX3".into()))]
    );
    // What if EX1 fails now: EX2 went down first, so dynamic quorum left EX1 and EX3 voting, two of an
    // odd three with no witness configured, and took the last one's vote (EX3's) to keep the total odd: EX1
    // holds the only vote, and with it gone EX3 alone holds none. Everything dismounts.
    let events = [clusterplan_core::dag::Event::parse("fail:EX1", &design).unwrap()];
    let after = simulate(&design, &events);
    assert!(after.databases.iter().all(|d| d.state != MountState::Mounted));
    assert!(!after.quorum.held, "{:?}", after.quorum);
}

/// A change to the remote fixture's JSON, and the message it must give.
fn ems_refuses(change: impl FnOnce(&mut serde_json::Value), expect: Expect) {
    let files = fixture_files("ems");
    let bytes = &files.iter().find(|(n, _)| n == "remote-utf8.json").unwrap().1;
    let mut value: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    change(&mut value);
    let text = serde_json::to_string_pretty(&value).unwrap();
    let problem = ems::import(&Source { name: "dag.json", bytes: text.as_bytes() }, None).expect_err("refused");
    expect.assert_eq(&problem.to_string());
}

#[test]
fn running_dag_bad_input_names_the_json_path() {
    use serde_json::json;
    ems_refuses(
        |v| {
            v["Get-MailboxDatabase"][1]["ActivationPreference"] = json!(
                "System.Collections.Generic.KeyValuePair`2[Microsoft.Exchange.Data.Directory.ADObjectId,System.Int32][]"
            )
        },
        expect![[
            r#"dag.json, $["Get-MailboxDatabase"][1].ActivationPreference: "System.Collections.Generic.KeyValuePair`2[Microsoft.Exchange.Data.Directory.ADObjectId,System.Int32][]" is a type's name, not the list: ConvertTo-Json stopped at its depth limit; run the collector, which asks for enough depth"#
        ]],
    );
    ems_refuses(
        |v| v["Get-MailboxDatabase"][0]["ActivationPreference"][2] = json!("[EX7, 3]"),
        expect![[
            r#"dag.json, $["Get-MailboxDatabase"][0].ActivationPreference[2]: a copy of DB1 on EX7, which is not a member of DAG2"#
        ]],
    );
    ems_refuses(
        |v| v["Get-MailboxDatabase"][0]["ActivationPreference"][1] = json!("[EX2, 1]"),
        expect![[
            r#"dag.json, $["Get-MailboxDatabase"][0].ActivationPreference[1]: two copies of DB1 with preference 1"#
        ]],
    );
    ems_refuses(
        |v| v["Get-MailboxDatabaseCopyStatus"][2]["Status"] = json!(7),
        expect![[
            r#"dag.json, $["Get-MailboxDatabaseCopyStatus"][2].Status: 7: a number clusterplan cannot name; the collector writes this value's name"#
        ]],
    );
    ems_refuses(
        |v| v["Get-MailboxDatabaseCopyStatus"][2]["Status"] = json!("Sleeping"),
        expect![[
            r#"dag.json, $["Get-MailboxDatabaseCopyStatus"][2].Status: "Sleeping" is no copy status Exchange reports"#
        ]],
    );
    ems_refuses(
        |v| v["Get-MailboxDatabase"][0]["ReplayLagTimes"][2] = json!("[EX3, a week]"),
        expect![[r#"dag.json, $["Get-MailboxDatabase"][0].ReplayLagTimes[2]: "a week" is not a TimeSpan"#]],
    );
    ems_refuses(
        |v| {
            v.as_object_mut().unwrap().remove("Get-ExchangeServer");
        },
        expect![[r#"dag.json, $: it has no "Get-ExchangeServer": the collector writes it"#]],
    );
    // A file from another cmdlet: Get-Mailbox's output, an array at the top.
    ems_refuses(
        |v| *v = json!([{"Name": "Alice", "Database": "DB1"}]),
        expect![
            "dag.json, $: this is not the collector's document: it is a list without the keys Get-DatabaseAvailabilityGroup, Get-ExchangeServer, Get-MailboxServer, Get-MailboxDatabase, Get-MailboxDatabaseCopyStatus (print the collector with clusterplan collector)"
        ],
    );
    let problem = ems::import(
        &Source { name: "cut.json", bytes: b"{\"Get-DatabaseAvailabilityGroup\": {\"Name\": \"DAG2\"," },
        None,
    )
    .unwrap_err();
    expect!["cut.json, line 1, column 50: not JSON: EOF while parsing a value at line 1 column 50"]
        .assert_eq(&problem.to_string());
}

#[test]
fn drift_between_a_plan_and_the_running_dag() {
    use clusterplan_core::dag::drift;
    let running = import_ems("remote-utf8.json").scenario;
    // The plan: the same DAG as it was meant to run, every member up, every copy healthy, each database on
    // its first preference, one Windows version, and a lagged copy of DB2 the running DAG lacks.
    let mut plan = running.clone();
    for server in &mut plan.servers {
        (server.down, server.windows) = (false, None);
    }
    for database in &mut plan.databases {
        database.active = None;
        for copy in &mut database.copies {
            (copy.status, copy.copy_queue, copy.replay_queue, copy.content_index) = Default::default();
        }
    }
    plan.databases[1].copies[2].replay_lag_days = 7;
    let (plan, running) = (Design::new(plan).unwrap(), Design::new(running).unwrap());
    let found = drift::diff(&plan, &running).unwrap();
    assert!(!found.same);
    expect![[r#"
        state        EX2: planned up, running down
        settings     EX3 Windows: planned Windows Server 2022, running Windows Server 2019
        state        DB1 on EX2: planned healthy, running service-down, content index failed
        state        DB1 on EX3: planned healthy, running healthy, copy queue 12, replay queue 3200
        state        DB2 on EX2: planned healthy, running service-down, content index failed
        lag          DB2 on EX3: planned 7 days, running 0 days
        state        DB2 mounted on: planned EX2, running EX1
        state        DB3 on EX1: planned healthy, running failed-and-suspended, content index failed

        Tolerates any 1 member(s) failing at once as planned, 0 as it runs.
        normal                       planned 3 mounted, 0 dismounted            running 3 mounted, 0 dismounted
        single server                planned 3 mounted, 0 dismounted            running 0 mounted, 3 dismounted, no quorum
        double server                planned 0 mounted, 3 dismounted, no quorum running 0 mounted, 3 dismounted, no quorum
        site dc1                     planned 0 mounted, 3 dismounted, no quorum running 0 mounted, 3 dismounted, no quorum
        site dc1, then a server      planned 0 mounted, 3 dismounted, no quorum running 0 mounted, 3 dismounted, no quorum
        site dc2                     planned 3 mounted, 0 dismounted            running 2 mounted, 1 dismounted
        site dc2, then a server      planned 0 mounted, 3 dismounted, no quorum running 0 mounted, 3 dismounted, no quorum
        worst                        planned 0 mounted, 3 dismounted, no quorum running 0 mounted, 3 dismounted, no quorum
    "#]].assert_eq(&drift::text(&found));
    // As JSON (the component's diff, in its worker), read back by the page's reader as it was.
    let json = serde_json::to_string(&found).unwrap();
    assert_eq!(clusterplan_core::read::from_json::<drift::Drift>(&json).unwrap(), found);
    let cut = json.replace(r#""tolerates":[1,0]"#, r#""tolerates":[1]"#);
    assert_ne!(cut, json);
    assert!(clusterplan_core::read::from_json::<drift::Drift>(&cut).is_err());
    // A design against itself has no drift.
    let same = drift::diff(&plan, &plan).unwrap();
    assert!(same.same && same.differences.is_empty(), "{:?}", same.differences);
}

#[test]
fn import_export_collector_and_diff_on_the_command_line() {
    use clusterplan_tests::run;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let calc = dir.join("calculator/two-datacenters");
    let files: Vec<String> = ["DAGInfo.csv", "MailboxDatabases.csv", "MailboxDatabaseCopies.csv"]
        .iter()
        .map(|f| calc.join(f).display().to_string())
        .collect();
    let mut args = vec!["import", "--from", "calculator"];
    args.extend(files.iter().map(String::as_str));
    let imported = run(&args, "");
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    assert_eq!(imported.json()["dag_name"], "DAG-01");
    assert!(imported.stderr.contains("note: the files: assumed: Exchange SE"), "{}", imported.stderr);
    // Export into a folder, and back.
    let out = std::env::temp_dir().join(format!("clusterplan-calculator-{}", std::process::id()));
    let exported = run(&["export", "-", "--to", "calculator", out.to_str().unwrap()], &imported.stdout);
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    assert_eq!(exported.stdout.lines().count(), 4);
    let back: Vec<String> = exported.stdout.lines().map(str::to_string).collect();
    let mut args = vec!["import", "--from", "calculator"];
    args.extend(back.iter().map(String::as_str));
    let again = run(&args, "");
    assert_eq!(again.json(), imported.json(), "import after export");
    std::fs::remove_dir_all(&out).unwrap();
    // Bad input: exit 2, nothing on stdout, the file and line on stderr.
    let mut args = vec!["import", "--from", "calculator", files[0].as_str()];
    let bad = run(&args, "");
    assert_eq!((bad.code, bad.stdout.as_str()), (2, ""));
    assert!(bad.stderr.contains("MailboxDatabases.csv is missing"), "{}", bad.stderr);
    args[2] = "spreadsheet";
    assert!(run(&args, "").stderr.contains("--from: no import named \"spreadsheet\": calculator or ems"));
    let cluster = run(
        &["export", "-", "--to", "calculator", "x"],
        &serde_json::to_string(&clusterplan_core::cluster::presets::preset("two-node-active-passive").unwrap())
            .unwrap(),
    );
    assert_eq!((cluster.code, cluster.stdout.as_str()), (2, ""));
    // The collector, and drift from its document as it is.
    let collector = run(&["collector"], "");
    assert!(
        collector.stdout.contains("Get-MailboxDatabaseCopyStatus")
            && collector.stdout.contains("ConvertTo-Json -Depth 8")
    );
    assert!(!collector.stdout.contains("Set-") && !collector.stdout.contains("Remove-"), "read-only");
    let running = dir.join("ems/remote-utf8.json").display().to_string();
    let plan = run(&["import", "--from", "ems", &running], "");
    assert_eq!(run(&["diff", "-", &running], &plan.stdout).code, 0, "a running DAG against its own import");
    let drift = run(&["diff", "-", &running], &imported.stdout);
    assert_eq!(drift.code, 1);
    assert!(drift.json()["differences"].as_array().unwrap().iter().any(|d| d["area"] == "members"));
}

#[test]
fn quoted_cells_after_a_space_keep_their_commas() {
    // `"A", "B,C"`: a space between the comma and the quote, as hand-written and some exported files have.
    let dag = b"\"DAGName\", \"DAGIps\", \"WitnessServer\", \"Site1Servers\"\r\n\"VersionNumber\",\"2.1\",\"7.6\"\r\n\"DAG1\", \"255.255.255.255\", \"FSW1\", \"EX1,EX2\"\r\n";
    let databases = b"Name, Server\r\nDB1, EX2\r\n";
    let files = [Source { name: "DAGInfo.csv", bytes: dag }, Source { name: "MailboxDatabases.csv", bytes: databases }];
    let imported = calculator::import(&files, None).unwrap();
    let names: Vec<&str> = imported.scenario.servers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["EX1", "EX2"]);
    assert_eq!(imported.scenario.databases[0].copies[0].server, "EX2");
    assert!(imported.scenario.ip_less);
}
