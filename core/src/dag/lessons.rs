//! Guided DAG lessons built from the sources: a design, a failure script and what to look for. The app
//! opens them by URL (`#lesson=ID`) and plays them on the timeline, as it does the 2003 lessons.

use super::model::Scenario;
use super::presets;
use crate::sources;
use crate::timeline::{KeyMoment, Written, WrittenFork, WrittenQuestion, as_preset};

/// A lesson on a DAG.
pub type Lesson = crate::timeline::Lesson<Scenario>;

/// The lessons, in teaching order.
pub const LESSONS: &[Written<Scenario>] = &[
    Written {
        id: "third-site-witness-failover",
        title: "A datacenter fails; the witness in a third site keeps the DAG running",
        teaches: "dc1 fails with four of the eight members. dc2's four members and the witness in dc3 are 5 of 9 votes: quorum holds, and Active Manager mounts dc1's eight databases in dc2 by itself — no one has to act. Clients reach them again some 40 s after the failure.",
        source: sources::DAG_PREFERRED_ARCHITECTURE,
        moments: &[
            KeyMoment {
                at_ms: 10000,
                say: "dc2's four members and the witness hold 5 of the 9 votes there were: more than half, so quorum holds; Active Manager starts moving dc1's databases by itself",
            },
            KeyMoment { at_ms: 22000, say: "dc1's databases are mounted in dc2, and no one has acted" },
        ],
        preset: "dag-pa-8",
        name: "Lesson: third-site witness",
        script: &["fail-site:dc1@0s"],
        adjust: as_preset,
        questions: &[
            WrittenQuestion { after: 0, ask: "dc1 fails whole. Does the DAG keep quorum?", about: "quorum" },
            WrittenQuestion {
                after: 0,
                ask: "Once Active Manager has settled, which server mounts db1?",
                about: "which-copy:db1",
            },
            WrittenQuestion { after: 0, ask: "How many databases are mounted?", about: "mounted" },
        ],
        fork: None,
    },
    Written {
        id: "witness-in-primary-switchover",
        title: "The witness in the primary datacenter: a manual datacenter switchover",
        teaches: "The witness stands in dc1. When dc1 fails, dc2 holds 4 of 9 votes: no quorum, and every database is dismounted, even dc2's own. Ten minutes later an administrator stops dc1's members (Stop-DatabaseAvailabilityGroup) and restores the DAG in dc2 (Restore-DatabaseAvailabilityGroup), which takes the alternate witness fsw2 because four members are left; the databases mount in dc2.",
        source: sources::DAG_DAC,
        moments: &[
            KeyMoment {
                at_ms: 10000,
                say: "dc2 has 4 of the 9 votes: no quorum, so every database is dismounted, dc2's own too",
            },
            KeyMoment {
                at_ms: 600000,
                say: "The administrator stops dc1's members and restores the DAG in dc2 on the alternate witness: 5 of 5 votes",
            },
            KeyMoment { at_ms: 610000, say: "The databases are mounted in dc2 again" },
        ],
        preset: "dag-2site-no-third",
        name: "Lesson: witness in the primary datacenter",
        script: &["fail-site:dc1@0s", "datacenter-switchover:dc2@10min"],
        adjust: as_preset,
        questions: &[
            WrittenQuestion {
                after: 0,
                ask: "dc1, with the witness, has failed. Does the DAG keep quorum?",
                about: "quorum",
            },
            WrittenQuestion { after: 0, ask: "How many databases are mounted in dc2 now?", about: "mounted" },
            WrittenQuestion {
                after: 1,
                ask: "After the datacenter switchover, how many databases are mounted?",
                about: "mounted",
            },
        ],
        fork: None,
    },
    Written {
        id: "dac-stops-split-brain",
        title: "DAC mode stops a split brain when the primary datacenter returns",
        teaches: "dc1 fails with its WAN links, the DAG is switched over to dc2, and an hour later dc1's servers restart while the WAN is still down. They never heard of the switchover: with the witness they hold 5 of the 9 votes they last knew, so they hold quorum in their own eyes. What stops them mounting their databases a second time is DAC mode: their DACP bit starts at 0 and only a member whose bit is 1 can set it, and none is reachable. When the WAN returns, Start-DatabaseAvailabilityGroup brings them back.",
        source: sources::DAG_DAC,
        moments: &[
            KeyMoment { at_ms: 10000, say: "dc2 has 4 of the 9 votes: no quorum, every database dismounted" },
            KeyMoment { at_ms: 600000, say: "Datacenter switchover: dc1's members are stopped, the DAG runs in dc2" },
            KeyMoment {
                at_ms: 3610000,
                say: "dc1's members are back, cut off: with the witness they hold 5 of the 9 votes they last knew, and still mount nothing, because their DACP bit is 0",
            },
            KeyMoment {
                at_ms: 7800000,
                say: "Start-DatabaseAvailabilityGroup brings dc1's members back into the running DAG",
            },
        ],
        preset: "dag-2site-no-third",
        name: "Lesson: DAC stops split brain",
        script: &[
            "fail-site:dc1@0s",
            "fail-wan:dc1@0s",
            "datacenter-switchover:dc2@10min",
            "restore-site:dc1@1h",
            "restore-wan:dc1@2h",
            "start-dag:dc1@130min",
        ],
        adjust: as_preset,
        questions: &[WrittenQuestion {
            after: 3,
            ask: "dc1's servers restart while the WAN is still down. Which server mounts db1?",
            about: "which-copy:db1",
        }],
        fork: None,
    },
    Written {
        id: "dynamic-quorum-last-man-standing",
        title: "Dynamic quorum: one after another, not all at once",
        teaches: "Five members fail a minute apart. After each, Windows recounts the votes among the members left (dynamic quorum), and the witness votes only to make the total odd (dynamic witness): the DAG keeps quorum down to three members, where static votes stop it at the fifth failure (4 of 9 votes). Then ex6 and ex7 fail at the same moment: 2 of the 3 votes go at once, and ex8 alone cannot hold quorum. Had they failed one at a time, last-man standing stops one step short of alone: with a witness Windows does not adjust the votes below three, so the last member runs on with the witness's vote and stops if the witness fails. Turn on Static votes to compare.",
        source: sources::DYNAMIC_QUORUM,
        moments: &[
            KeyMoment { at_ms: 10000, say: "8 of 9 votes: held; then the 7 members left become the whole" },
            KeyMoment {
                at_ms: 250000,
                say: "The fifth failure: 4 of 5 votes, held; with static votes it would be 4 of 9, and lost",
            },
            KeyMoment { at_ms: 610000, say: "Two at once: 1 of 3 votes, and ex8 alone cannot hold quorum" },
        ],
        preset: "dag-pa-8",
        name: "Lesson: dynamic quorum",
        script: &[
            "fail:ex1@0s",
            "fail:ex2@1min",
            "fail:ex3@2min",
            "fail:ex4@3min",
            "fail:ex5@4min",
            "fail:ex6@10min",
            "fail:ex7@10min",
        ],
        adjust: as_preset,
        questions: &[
            WrittenQuestion {
                after: 4,
                ask: "Five members have failed, a minute apart. Does the DAG keep quorum?",
                about: "quorum",
            },
            WrittenQuestion {
                after: 6,
                ask: "ex6 and ex7 fail at the same moment. Does the DAG keep quorum?",
                about: "quorum",
            },
            WrittenQuestion {
                after: 0,
                ask: "How many members of this DAG can fail at once with every database still mounted?",
                about: "tolerates",
            },
        ],
        fork: None,
    },
    Written {
        id: "lagged-copy-last-resort",
        title: "A lagged copy, used only as the last resort",
        teaches: "db1 has three copies without lag (ex1, ex2, ex5) and one lagged 7 days (ex6). The copy on ex5 fails, then ex2 and ex1: best copy selection takes a copy without lag whenever one qualifies, and the lagged copy on ex6 only when none does — the Replay Lag Manager plays its logs down before it mounts.",
        source: sources::DAG_LAGGED,
        moments: &[KeyMoment {
            at_ms: 132000,
            say: "No copy of db1 without lag is left: best copy selection takes the lagged copy on ex6",
        }],
        preset: "dag-pa-8",
        name: "Lesson: a lagged copy",
        script: &["fail-copy:db1@ex5@0s", "fail:ex2@1min", "fail:ex1@2min"],
        adjust: as_preset,
        questions: &[
            WrittenQuestion {
                after: 1,
                ask: "db1's copy on ex5 has failed, then ex2. Which server mounts db1?",
                about: "which-copy:db1",
            },
            WrittenQuestion { after: 2, ask: "ex1 fails too. Which server mounts db1 now?", about: "which-copy:db1" },
        ],
        fork: None,
    },
    Written {
        id: "vip-fails-clients-reconnect",
        title: "An address of the namespace fails: clients reconnect in about 21 seconds",
        teaches: "mail.contoso.com has a load-balanced address in each datacenter, and DNS gives clients both. At 10 s vip-dc1 stops answering: no database moves, but its clients wait about 20 s on it and then try vip-dc2 — served again by 31 s, with no DNS change and no switchover. At 2 min the address is back; at 3 min all of dc1 fails, and clients follow its databases to dc2 the same way. Exchange 2010 clients knew one address only: there an administrator had to change DNS and wait out its TTL and the browsers' caches.",
        source: sources::DAG_NAMESPACE,
        moments: &[
            KeyMoment { at_ms: 10000, say: "vip-dc1 stops answering: no database moves" },
            KeyMoment {
                at_ms: 31000,
                say: "About 21 s later its clients have tried vip-dc2 by themselves: no DNS change",
            },
            KeyMoment { at_ms: 201000, say: "dc1 fails: clients follow its databases to dc2 the same way" },
        ],
        preset: "dag-pa-8",
        name: "Lesson: an address fails",
        script: &["fail-vip:vip-dc1@10s", "restore-vip:vip-dc1@2min", "fail-site:dc1@3min"],
        adjust: as_preset,
        questions: &[
            WrittenQuestion {
                after: 0,
                ask: "vip-dc1 stops answering. How many databases are mounted?",
                about: "mounted",
            },
            WrittenQuestion {
                after: 0,
                ask: "How many static IP addresses does this DAG need, the namespace's addresses included?",
                about: "ip-count",
            },
        ],
        fork: None,
    },
    Written {
        id: "maintenance-mode-patching",
        title: "Patching a member in maintenance mode: the DAG keeps running, without its spare",
        teaches: "Before patching ex1, an administrator runs StartDagServerMaintenance.ps1: db1 moves to ex2 by best copy selection and ex1's copies are blocked from activation, so nothing lands on the server being patched. Then ex2 fails. The DAG keeps quorum (ex1 and the witness), but ex1's copies may not be activated: every database is dismounted until StopDagServerMaintenance.ps1 ends the maintenance and best copy selection mounts them on ex1. Maintenance mode keeps a patch from taking databases down with it, at the price of the redundancy while it lasts.",
        source: sources::DAG_MAINTENANCE,
        moments: &[
            KeyMoment {
                at_ms: 10000,
                say: "The script has moved db1 to ex2: ex1 runs nothing, and its copies may not be activated",
            },
            KeyMoment {
                at_ms: 310000,
                say: "ex2 is gone and ex1 is in maintenance: quorum holds, but nothing may mount on ex1",
            },
            KeyMoment { at_ms: 610000, say: "Maintenance ends: best copy selection mounts both databases on ex1" },
        ],
        preset: "dag-2-member",
        name: "Lesson: maintenance mode",
        script: &["maintenance:ex1@0s", "fail:ex2@5min", "end-maintenance:ex1@10min"],
        adjust: as_preset,
        questions: &[
            WrittenQuestion {
                after: 0,
                ask: "ex1 goes into maintenance. Which server mounts db1 once the script has run?",
                about: "which-copy:db1",
            },
            WrittenQuestion {
                after: 1,
                ask: "ex2 fails while ex1 is in maintenance. How many databases are mounted?",
                about: "mounted",
            },
            WrittenQuestion { after: 1, ask: "Does the DAG keep quorum?", about: "quorum" },
            WrittenQuestion {
                after: 2,
                ask: "The maintenance ends. Which server mounts db2?",
                about: "which-copy:db2",
            },
        ],
        fork: None,
    },
    Written {
        id: "patch-with-or-without-maintenance",
        title: "Patching ex1 with maintenance mode, and without: a fork",
        teaches: "The script patches ex1 the supported way: StartDagServerMaintenance.ps1 first, so db1 moves to ex2 by a switchover while ex1 still runs, then the reboot, then StopDagServerMaintenance.ps1 and RedistributeActiveDatabases.ps1 to move db1 back. The fork, played beside it on the same clock, reboots ex1 with db1 still mounted on it: db1 is down from the reboot until the cluster notices and best copy selection mounts it on ex2. At the end the verdicts say which kept more: both branches end with every database mounted, and the fork lost db1 for the failover's seconds.",
        source: sources::DAG_MAINTENANCE,
        moments: &[
            KeyMoment { at_ms: 10000, say: "The script has moved db1 to ex2 before the patch: nothing runs on ex1" },
            KeyMoment {
                at_ms: 60000,
                say: "ex1 reboots for its patch: in the script it runs nothing; in the fork db1 goes down with it",
            },
        ],
        preset: "dag-2-member",
        name: "Lesson: patching with and without maintenance mode",
        script: &[
            "maintenance:ex1@0s",
            "fail:ex1@1min",
            "restore:ex1@5min",
            "end-maintenance:ex1@6min",
            "redistribute@7min",
        ],
        adjust: as_preset,
        questions: &[
            WrittenQuestion {
                after: 1,
                ask: "ex1 reboots for its patch, in maintenance. How many databases are mounted?",
                about: "mounted",
            },
            WrittenQuestion {
                after: 4,
                ask: "Maintenance has ended and the databases are redistributed. Which server mounts db1?",
                about: "which-copy:db1",
            },
        ],
        fork: Some(WrittenFork {
            name: "Patched without maintenance mode",
            at: "0s",
            steps: &["fail:ex1@1min", "restore:ex1@5min", "redistribute@7min"],
        }),
    },
    Written {
        id: "planned-site-switchover-and-back",
        title: "A planned datacenter switchover and its switchback, with a fork",
        teaches: "dc1 needs work while both sites are up: the administrator moves every active database to dc2 (Move-ActiveMailboxDatabase, one at a time, each to its most preferred copy there), so nothing is lost and clients reconnect. Half an hour later the switchback: RedistributeActiveDatabases.ps1 puts each database back on its preference-1 copy in dc1. The fork leaves the switchback to the DAG: on Exchange 2016 and later PreferenceMoveFrequency moves each database back by itself at its hourly tick, so dc1's work must be done within the hour, or the property set to 0 while it lasts.",
        source: sources::DAG_SWITCHBACK,
        moments: &[
            KeyMoment { at_ms: 10000, say: "Every database runs in dc2, moved by switchovers: nothing lost" },
            KeyMoment { at_ms: 1810000, say: "The switchback: each database back on its preference-1 copy in dc1" },
        ],
        preset: "dag-pa-8",
        name: "Lesson: a planned switchover and back",
        script: &["move-to-site:dc2@0s", "redistribute@30min"],
        adjust: as_preset,
        questions: &[
            WrittenQuestion {
                after: 0,
                ask: "Every active database moves to dc2, one switchover at a time. How many stay mounted?",
                about: "mounted",
            },
            WrittenQuestion { after: 1, ask: "The switchback. Which server mounts db1 now?", about: "which-copy:db1" },
        ],
        fork: Some(WrittenFork { name: "Switchback left to PreferenceMoveFrequency", at: "30min", steps: &[] }),
    },
];

crate::timeline::lessons!(LESSONS);
