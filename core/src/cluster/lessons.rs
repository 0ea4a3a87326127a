//! Guided lessons built from the sources: a design, a failure script and what to look for. The app opens
//! them by URL (`#lesson=ID`) and plays them on the timeline.

use super::model::{FailoverPolicy, FrontEnds, Quorum, Scenario};
use super::presets;
use crate::sources;
use crate::timeline::{KeyMoment, Written, WrittenFork, WrittenQuestion, as_preset};

/// A lesson on a 2003 cluster.
pub type Lesson = crate::timeline::Lesson<Scenario>;

/// The lessons, in teaching order.
pub const LESSONS: &[Written<Scenario>] = &[
    Written {
        id: "single-node-failure",
        title: "One node fails in a 3 active / 1 passive cluster",
        teaches: "node3 fails. The cluster notices the missed heartbeats, then brings EVS3 online on the passive node4, resource by resource in dependency order: the store, mounting its databases, takes longest.",
        source: "Exchange Server 2003 clustering guide, \"Active/Passive Clustering\"",
        moments: &[
            KeyMoment { at_ms: 6000, say: "The cluster notices node3 is gone and starts EVS3 on the passive node4" },
            KeyMoment {
                at_ms: 89000,
                say: "EVS3 is online on node4: its resources came up in dependency order, the store last",
            },
        ],
        preset: "four-node-3a1p",
        name: "Lesson: one node fails",
        script: &["fail:node3@0s"],
        adjust: as_preset,
        questions: &[
            WrittenQuestion {
                after: 0,
                ask: "node3 has failed. Once the cluster has settled, where does EVS3 run?",
                about: "owner:EVS3",
            },
            WrittenQuestion {
                after: 0,
                ask: "How many nodes of this cluster can fail at once with every EVS still online?",
                about: "tolerates",
            },
        ],
        fork: None,
    },
    Written {
        id: "second-failure-no-standby",
        title: "A second failure with no standby left",
        teaches: "After EVS3 has moved to node4, node1 fails too. Every other node already runs an EVS, and a node of a cluster with more than two nodes runs one at most: EVS1 is left failed.",
        source: "Exchange Server 2003 clustering guide, \"Active/Passive Clustering\"; Microsoft KB 329208",
        moments: &[KeyMoment {
            at_ms: 306000,
            say: "node1 fails with no standby left: every other node runs an EVS, so EVS1 stays failed",
        }],
        preset: "four-node-3a1p",
        name: "Lesson: a second failure, no standby",
        script: &["fail:node3@0s", "fail:node1@5min"],
        adjust: as_preset,
        questions: &[
            WrittenQuestion { after: 1, ask: "node1 fails too. Where does EVS1 run now?", about: "owner:EVS1" },
            WrittenQuestion { after: 1, ask: "Which EVSs are still online?", about: "survivors" },
        ],
        fork: None,
    },
    Written {
        id: "active-active-failover",
        title: "Active/active: one node carries both",
        teaches: "node2 fails and node1 runs EVS1 and EVS2: twice the users and storage groups on one node, which is why active/active allows at most 1,900 MAPI users and 40 % store CPU per node, and 4 storage groups in all. Then node1 fails too, and the whole cluster is down.",
        source: "Exchange Server 2003 clustering guide, \"Active/Active Clustering\"",
        moments: &[
            KeyMoment { at_ms: 89000, say: "node1 now runs EVS1 and EVS2: twice the users on one node" },
            KeyMoment { at_ms: 606000, say: "node1 fails too: quorum is lost and the whole cluster is down" },
        ],
        preset: "two-node-active-active",
        name: "Lesson: active/active failover",
        script: &["fail:node2@0s", "fail:node1@10min"],
        adjust: as_preset,
        questions: &[
            WrittenQuestion { after: 0, ask: "node2 has failed. Where does EVS2 run?", about: "owner:EVS2" },
            WrittenQuestion { after: 1, ask: "node1 fails too. Which node holds quorum now?", about: "quorum" },
        ],
        fork: None,
    },
    Written {
        id: "quorum-loss-majority-node-set",
        title: "Quorum loss with a majority node set",
        teaches: "With a majority node set, 3 of 4 nodes must be up. The first failure is survived; the second takes quorum, and with it every group, offline. When a node returns, the cluster forms again and brings its groups back.",
        source: "Exchange Server 2003 clustering guide, \"Quorum Disk Resource\" (majority node set quorum)",
        moments: &[
            KeyMoment { at_ms: 6000, say: "3 of 4 nodes are up: the majority node set holds quorum" },
            KeyMoment { at_ms: 126000, say: "2 of 4: quorum is lost, and every group goes offline" },
            KeyMoment { at_ms: 610000, say: "node3 is back: 3 of 4, and the cluster forms again" },
        ],
        preset: "four-node-3a1p",
        name: "Lesson: quorum loss, majority node set",
        script: &["fail:node4@0s", "fail:node3@2min", "restore:node3@10min"],
        adjust: majority_node_set,
        questions: &[
            WrittenQuestion { after: 0, ask: "node4 has failed. Which node holds quorum?", about: "quorum" },
            WrittenQuestion {
                after: 1,
                ask: "node3 fails too: 2 of 4 nodes are up. Which node holds quorum now?",
                about: "quorum",
            },
            WrittenQuestion { after: 2, ask: "node3 is back. Which EVSs are online?", about: "survivors" },
        ],
        fork: None,
    },
    Written {
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
        preset: "two-node-active-passive",
        name: "Lesson: a resource that keeps failing",
        script: &[
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
        adjust: fails_over_twice_in_six_hours,
        questions: &[
            WrittenQuestion {
                after: 3,
                ask: "The store has failed a fourth time within 900 s. Where does EVS1 run now?",
                about: "owner:EVS1",
            },
            WrittenQuestion { after: 11, ask: "After the last failure, where does EVS1 run?", about: "owner:EVS1" },
        ],
        fork: None,
    },
    Written {
        id: "front-end-behind-nlb",
        title: "Front-end servers behind NLB, outside the cluster",
        teaches: "Two front-end servers behind Network Load Balancing relay Outlook Web Access, POP3 and IMAP4 to the EVS; they are never clustered. fe1 fails and Internet clients go on through fe2. Then fe2 fails too: every EVS is still online and Outlook clients, which connect to the EVS directly, are still served, but Internet clients reach nothing until fe1 returns.",
        source: sources::FRONT_END,
        moments: &[KeyMoment {
            at_ms: 60000,
            say: "Both front-end servers are down: Internet clients reach nothing, while Outlook clients still reach every EVS",
        }],
        preset: "four-node-3a1p",
        name: "Lesson: front-end servers behind NLB",
        script: &["fail-frontend:fe1@0s", "fail-frontend:fe2@1min", "restore-frontend:fe1@5min"],
        adjust: two_front_ends_behind_nlb,
        questions: &[
            WrittenQuestion {
                after: 1,
                ask: "Both front-end servers are down. Which EVSs are still online?",
                about: "survivors",
            },
            WrittenQuestion {
                after: 0,
                ask: "How many static IP addresses does this design need, the front-end servers and the NLB address included?",
                about: "ip-count",
            },
        ],
        fork: None,
    },
    Written {
        id: "paused-node-is-no-standby",
        title: "A paused passive node is no standby",
        teaches: "Before patching node4, the passive node, an administrator pauses it (cluster node node4 /pause). A paused node keeps what it runs but takes no group by failover. node3 fails a minute later: EVS3 has nowhere to go and fails. Resuming node4 moves nothing back; an administrator brings EVS3 online, and only then does it run on node4. Patch the passive node when the others can spare it, and resume it before anything else.",
        source: sources::PAUSE_NODE,
        moments: &[
            KeyMoment {
                at_ms: 66000,
                say: "node3 is noticed gone; node4, the passive node, is paused: EVS3 has nowhere to go and fails",
            },
            KeyMoment {
                at_ms: 300000,
                say: "node4 is resumed: it takes groups again, but EVS3 stays failed; resuming moves nothing",
            },
            KeyMoment { at_ms: 443000, say: "Brought online by hand, EVS3 runs on node4" },
        ],
        preset: "four-node-3a1p",
        name: "Lesson: a paused node is no standby",
        script: &["pause:node4@0s", "fail:node3@1min", "resume:node4@5min", "online:EVS3@6min"],
        adjust: as_preset,
        questions: &[
            WrittenQuestion {
                after: 1,
                ask: "node4 is paused and node3 fails. Where does EVS3 run once the cluster has settled?",
                about: "owner:EVS3",
            },
            WrittenQuestion {
                after: 3,
                ask: "node4 is resumed and EVS3 brought online. Where does it run?",
                about: "owner:EVS3",
            },
        ],
        fork: None,
    },
    Written {
        id: "evict-a-dead-node",
        title: "Evict a dead node before the next failure (majority node set): a fork",
        teaches: "A four-node cluster with a majority node set needs 3 of its 4 nodes. node1 dies and will not come back soon. The script evicts it (cluster node node1 /evict, its Cluster service stopped): the cluster now has three nodes and needs 2, so node2's failure later leaves node3 and node4 holding quorum, and EVS1 and EVS3 run on. The fork leaves node1 in the cluster: node2's failure leaves 2 of 4, no majority, and every EVS goes offline. An evicted node leaves for good: it is added back as a new node.",
        source: sources::EVICT_NODE,
        moments: &[
            KeyMoment { at_ms: 300000, say: "node1 is evicted: the majority node set now counts 3 nodes, 2 needed" },
            KeyMoment {
                at_ms: 606000,
                say: "node2 is noticed gone: 2 of 3 nodes keep quorum in the script; 2 of 4 lose it in the fork",
            },
        ],
        preset: "four-node-3a1p",
        name: "Lesson: evict a dead node",
        script: &["fail:node1@0s", "evict:node1@5min", "fail:node2@10min"],
        adjust: majority_node_set,
        questions: &[
            WrittenQuestion { after: 1, ask: "node1 is evicted. Which node holds quorum now?", about: "quorum" },
            WrittenQuestion {
                after: 2,
                ask: "node2 fails too. Which groups are online once the cluster has settled?",
                about: "survivors",
            },
        ],
        fork: Some(WrittenFork { name: "node1 left in the cluster", at: "5min", steps: &["fail:node2@10min"] }),
    },
];

crate::timeline::lessons!(LESSONS);

/// Quorum by a majority node set: 3 of 4 nodes must be up.
fn majority_node_set(scenario: &mut Scenario) {
    scenario.quorum = Quorum::MajorityNodeSet;
}

/// EVS1 fails over at most twice in 6 hours.
fn fails_over_twice_in_six_hours(scenario: &mut Scenario) {
    scenario.groups[0].failover = FailoverPolicy { threshold: 2, period_hours: 6 };
}

/// Two front-end servers behind Network Load Balancing.
fn two_front_ends_behind_nlb(scenario: &mut Scenario) {
    scenario.front_ends = FrontEnds { servers: vec!["fe1".into(), "fe2".into()], nlb: true };
}
