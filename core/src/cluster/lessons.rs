//! Guided lessons built from the sources: a design, a failure script and what to look for. The app opens
//! them by URL (`#lesson=ID`) and plays them on the timeline.

use super::model::{FailoverPolicy, FrontEnds, Quorum, Scenario};
use super::presets;
use crate::sources;
use crate::timeline::KeyMoment;

/// A lesson on a 2003 cluster.
pub type Lesson = crate::timeline::Lesson<Scenario>;

/// The lesson ids, in teaching order.
pub const LESSONS: &[&str] = &[
    "single-node-failure",
    "second-failure-no-standby",
    "active-active-failover",
    "quorum-loss-majority-node-set",
    "resource-keeps-failing",
    "front-end-behind-nlb",
];

fn with_script(mut scenario: Scenario, name: &str, script: &[&str]) -> Scenario {
    scenario.name = name.to_string();
    scenario.script = script.iter().map(|s| s.to_string()).collect();
    scenario
}

/// The lesson with this id.
pub fn lesson(id: &str) -> Option<Lesson> {
    let preset = |id: &str| presets::preset(id).expect("the presets exist");
    Some(match id {
        "single-node-failure" => Lesson {
            id: "single-node-failure",
            title: "One node fails in a 3 active / 1 passive cluster",
            teaches: "node3 fails. The cluster notices the missed heartbeats, then brings EVS3 online on the passive node4, resource by resource in dependency order: the store, mounting its databases, takes longest.",
            source: "Exchange Server 2003 clustering guide, \"Active/Passive Clustering\"",
            moments: &[
                KeyMoment {
                    at_ms: 6000,
                    say: "The cluster notices node3 is gone and starts EVS3 on the passive node4",
                },
                KeyMoment {
                    at_ms: 89000,
                    say: "EVS3 is online on node4: its resources came up in dependency order, the store last",
                },
            ],
            scenario: with_script(preset("four-node-3a1p"), "Lesson: one node fails", &["fail:node3@0s"]),
        },
        "second-failure-no-standby" => Lesson {
            id: "second-failure-no-standby",
            title: "A second failure with no standby left",
            teaches: "After EVS3 has moved to node4, node1 fails too. Every other node already runs an EVS, and a node of a cluster with more than two nodes runs one at most: EVS1 is left failed.",
            source: "Exchange Server 2003 clustering guide, \"Active/Passive Clustering\"; Microsoft KB 329208",
            moments: &[KeyMoment {
                at_ms: 306000,
                say: "node1 fails with no standby left: every other node runs an EVS, so EVS1 stays failed",
            }],
            scenario: with_script(
                preset("four-node-3a1p"),
                "Lesson: a second failure, no standby",
                &["fail:node3@0s", "fail:node1@5min"],
            ),
        },
        "active-active-failover" => Lesson {
            id: "active-active-failover",
            title: "Active/active: one node carries both",
            teaches: "node2 fails and node1 runs EVS1 and EVS2: twice the users and storage groups on one node, which is why active/active allows at most 1,900 MAPI users and 40 % store CPU per node, and 4 storage groups in all. Then node1 fails too, and the whole cluster is down.",
            source: "Exchange Server 2003 clustering guide, \"Active/Active Clustering\"",
            moments: &[
                KeyMoment { at_ms: 89000, say: "node1 now runs EVS1 and EVS2: twice the users on one node" },
                KeyMoment { at_ms: 606000, say: "node1 fails too: quorum is lost and the whole cluster is down" },
            ],
            scenario: with_script(
                preset("two-node-active-active"),
                "Lesson: active/active failover",
                &["fail:node2@0s", "fail:node1@10min"],
            ),
        },
        "quorum-loss-majority-node-set" => Lesson {
            id: "quorum-loss-majority-node-set",
            title: "Quorum loss with a majority node set",
            teaches: "With a majority node set, 3 of 4 nodes must be up. The first failure is survived; the second takes quorum, and with it every group, offline. When a node returns, the cluster forms again and brings its groups back.",
            source: "Exchange Server 2003 clustering guide, \"Quorum Disk Resource\" (majority node set quorum)",
            moments: &[
                KeyMoment { at_ms: 6000, say: "3 of 4 nodes are up: the majority node set holds quorum" },
                KeyMoment { at_ms: 126000, say: "2 of 4: quorum is lost, and every group goes offline" },
                KeyMoment { at_ms: 610000, say: "node3 is back: 3 of 4, and the cluster forms again" },
            ],
            scenario: {
                let mut scenario = with_script(
                    preset("four-node-3a1p"),
                    "Lesson: quorum loss, majority node set",
                    &["fail:node4@0s", "fail:node3@2min", "restore:node3@10min"],
                );
                scenario.quorum = Quorum::MajorityNodeSet;
                scenario
            },
        },
        "resource-keeps-failing" => Lesson {
            id: "resource-keeps-failing",
            title: "A resource that keeps failing",
            teaches: "The store fails every 30 s. Three restarts in place (RestartThreshold 3 in 900 s), then the group fails over; on the other node the same again; after the failover threshold (2 in 6 h here) the group is left failed.",
            source: "Exchange Server 2003 clustering guide, \"Understanding Failovers\"",
            moments: &[
                KeyMoment {
                    at_ms: 285000,
                    say: "A third failure in 900 s: the store is no longer restarted in place, and the group fails over",
                },
                KeyMoment { at_ms: 967000, say: "The failover threshold is passed: EVS1 stays failed" },
            ],
            scenario: {
                let mut scenario = with_script(
                    preset("two-node-active-passive"),
                    "Lesson: a resource that keeps failing",
                    &[
                        "fail-resource:EVS1/Store@0s",
                        "fail-resource:EVS1/Store@30s",
                        "fail-resource:EVS1/Store@1min",
                        "fail-resource:EVS1/Store@90s",
                        "fail-resource:EVS1/Store@5min",
                        "fail-resource:EVS1/Store@330s",
                        "fail-resource:EVS1/Store@6min",
                        "fail-resource:EVS1/Store@390s",
                        "fail-resource:EVS1/Store@10min",
                        "fail-resource:EVS1/Store@630s",
                        "fail-resource:EVS1/Store@11min",
                        "fail-resource:EVS1/Store@690s",
                    ],
                );
                scenario.groups[0].failover = FailoverPolicy { threshold: 2, period_hours: 6 };
                scenario
            },
        },
        "front-end-behind-nlb" => Lesson {
            id: "front-end-behind-nlb",
            title: "Front-end servers behind NLB, outside the cluster",
            teaches: "Two front-end servers behind Network Load Balancing relay Outlook Web Access, POP3 and IMAP4 to the EVS; they are never clustered. fe1 fails and Internet clients go on through fe2. Then fe2 fails too: every EVS is still online and Outlook clients, which connect to the EVS directly, are still served, but Internet clients reach nothing until fe1 returns.",
            source: sources::FRONT_END,
            moments: &[KeyMoment {
                at_ms: 60000,
                say: "Both front-end servers are down: Internet clients reach nothing, while Outlook clients still reach every EVS",
            }],
            scenario: {
                let mut scenario = with_script(
                    preset("four-node-3a1p"),
                    "Lesson: front-end servers behind NLB",
                    &["fail-frontend:fe1@0s", "fail-frontend:fe2@1min", "restore-frontend:fe1@5min"],
                );
                scenario.front_ends = FrontEnds { servers: vec!["fe1".into(), "fe2".into()], nlb: true };
                scenario
            },
        },
        _ => return None,
    })
}
