//! Where everything is drawn on the 2003 diagram, computed from the design, its saved node positions and the
//! engine's outcome. Networks run as lines across the top, nodes sit below with a NIC stub up to each
//! network, EVS are drawn inside the node that runs them, shared disks sit in a row below with a line to
//! the node that owns each, and groups that run nowhere wait in a tray at the bottom. The client tier, when
//! the design has front-end servers, stands in a band above the networks: the NLB cluster, then the
//! front-end servers, each outside the cluster.

use crate::cluster::design::{DiskId, FrontEndId, GroupId, NetworkId, NodeId};
use crate::cluster::model::{Quorum, Scenario};
use crate::cluster::report::Outcome;
use crate::scenario::Position;

use crate::geometry::{Point, Rect};

pub const NODE_WIDTH: f64 = 170.0;
pub const NODE_HEIGHT: f64 = 120.0;
const NODE_GAP: f64 = 40.0;
const NETWORK_TOP: f64 = 44.0;
const NETWORK_SPACING: f64 = 30.0;
const CHIP_HEIGHT: f64 = 26.0;
const DISK_WIDTH: f64 = 90.0;
const DISK_HEIGHT: f64 = 44.0;
/// The band above the networks where the client tier (NLB, front-end servers) stands, when there is one.
const CLIENT_BAND: f64 = 64.0;
const FRONT_END_WIDTH: f64 = 170.0;
const FRONT_END_HEIGHT: f64 = 36.0;

/// A front-end server (outside the cluster), or the NLB cluster in front of them: the way Internet clients
/// come in.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontEndShape {
    /// `None` for the NLB cluster.
    pub id: Option<FrontEndId>,
    /// What it is called on the diagram (`fe1`, `NLB cluster`).
    pub name: String,
    /// What it is, for its control and for people: `front-end fe1`, `NLB cluster`.
    pub label: String,
    pub rect: Rect,
    pub up: bool,
}

/// Where the networks start: below the client tier's band when the design has front-end servers.
fn network_top(scenario: &Scenario) -> f64 {
    NETWORK_TOP + if scenario.front_ends.servers.is_empty() { 0.0 } else { CLIENT_BAND }
}

/// A node and what runs on it.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeShape {
    pub id: NodeId,
    pub name: String,
    pub rect: Rect,
    /// `up`, `paused`, `down`, `out-of-cluster`, `evicted` or (on the timeline) `unnoticed`, as the engine
    /// reports it.
    pub state: &'static str,
    /// The state as the box says it (`out of cluster`, `not noticed`).
    pub label: &'static str,
    /// The node itself is down, noticed or not: its control restores it.
    pub failed: bool,
    pub groups: Vec<ChipShape>,
    pub nics: Vec<NicShape>,
}

/// An EVS drawn as a chip.
#[derive(Debug, Clone, PartialEq)]
pub struct ChipShape {
    pub id: GroupId,
    pub group: String,
    pub rect: Rect,
    /// `online`, `failed` or `offline`.
    pub state: &'static str,
    /// Each resource's name and state, when they tell more than the group's state (some resource is not
    /// online and not all are offline: a failover unfolding, a failed resource); otherwise empty.
    pub resources: Vec<(String, &'static str)>,
}

/// A group's resources as marks on its chip, when some is neither online nor all offline.
fn resource_marks(outcome: &Outcome, group: &str) -> Vec<(String, &'static str)> {
    let Some(report) = outcome.groups.iter().find(|g| g.name == group) else { return Vec::new() };
    let telling =
        report.resources.iter().any(|r| r.state != "online") && report.resources.iter().any(|r| r.state != "offline");
    if !telling {
        return Vec::new();
    }
    report.resources.iter().map(|r| (r.name.clone(), r.state.word())).collect()
}

/// A NIC: a stub from the node up to its network.
#[derive(Debug, Clone, PartialEq)]
pub struct NicShape {
    pub network: String,
    pub from: Point,
    pub to: Point,
    pub up: bool,
}

/// A network line.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkShape {
    pub id: NetworkId,
    pub name: String,
    pub role: &'static str,
    pub y: f64,
    pub x1: f64,
    pub x2: f64,
    pub up: bool,
}

/// A shared disk, and the line to the node that owns it.
#[derive(Debug, Clone, PartialEq)]
pub struct DiskShape {
    pub id: DiskId,
    pub name: String,
    pub rect: Rect,
    pub ok: bool,
    pub quorum: bool,
    pub owner: Option<String>,
    pub owner_line: Option<(Point, Point)>,
}

/// The whole drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    pub networks: Vec<NetworkShape>,
    pub nodes: Vec<NodeShape>,
    pub disks: Vec<DiskShape>,
    /// The client tier above the networks: the NLB cluster first when there is one, then the front-end servers.
    pub client_tier: Vec<FrontEndShape>,
    /// Groups that run nowhere (failed or offline).
    pub stranded: Vec<ChipShape>,
    pub tray: Rect,
    pub bounds: Rect,
}

/// Where node `index` goes when the design gives it no position: side by side below the networks.
pub fn default_position(scenario: &Scenario, index: usize) -> Position {
    let top = network_top(scenario) + NETWORK_SPACING * scenario.networks.len() as f64 + 40.0;
    Position { x: 40.0 + index as f64 * (NODE_WIDTH + NODE_GAP), y: top }
}

/// The position of a node: the saved one, or the default.
pub fn node_position(scenario: &Scenario, index: usize) -> Position {
    scenario.layout.get(&scenario.nodes[index].name).copied().unwrap_or_else(|| default_position(scenario, index))
}

fn group_state(outcome: &Outcome, group: &str) -> &'static str {
    outcome.groups.iter().find(|g| g.name == group).map_or("offline", |g| g.state.word())
}

/// A group's id, by its name.
fn group_id(scenario: &Scenario, group: &str) -> GroupId {
    GroupId(scenario.groups.iter().position(|g| g.name == group).unwrap_or(0) as u32)
}

impl Diagram {
    /// Lays out `scenario` in the state `outcome` describes; `moving` draws one node at a dragged position.
    pub fn new(scenario: &Scenario, outcome: &Outcome, moving: Option<(&str, Point)>) -> Diagram {
        let mut nodes = Vec::with_capacity(scenario.nodes.len());
        for (index, node) in scenario.nodes.iter().enumerate() {
            let position = match moving {
                Some((name, at)) if name == node.name => Position { x: at.x, y: at.y },
                _ => node_position(scenario, index),
            };
            let rect = Rect::new(position.x, position.y, NODE_WIDTH, NODE_HEIGHT);
            let report = outcome.nodes.iter().find(|n| n.name == node.name);
            let groups = report
                .map(|r| r.groups.as_slice())
                .unwrap_or_default()
                .iter()
                .enumerate()
                .map(|(k, group)| ChipShape {
                    id: group_id(scenario, group),
                    group: group.clone(),
                    rect: Rect::new(
                        rect.x + 10.0,
                        rect.y + 40.0 + k as f64 * (CHIP_HEIGHT + 4.0),
                        NODE_WIDTH - 20.0,
                        CHIP_HEIGHT,
                    ),
                    state: group_state(outcome, group),
                    resources: resource_marks(outcome, group),
                })
                .collect();
            nodes.push(NodeShape {
                id: NodeId(index as u32),
                name: node.name.clone(),
                rect,
                state: report.map_or("down", |r| r.state.word()),
                label: report.map_or("down", |r| r.state.label()),
                failed: report.is_none_or(|r| r.state.failed()),
                groups,
                nics: Vec::new(),
            });
        }
        let nodes_box = nodes.iter().map(|n| n.rect).reduce(|a, b| a.union(&b));
        let (left, right) = nodes_box.map_or((20.0, 400.0), |b| (b.x - 20.0, b.right() + 20.0));
        let networks: Vec<NetworkShape> = scenario
            .networks
            .iter()
            .enumerate()
            .map(|(i, network)| NetworkShape {
                id: NetworkId(i as u32),
                name: network.name.clone(),
                role: network.role.word(),
                y: network_top(scenario) + NETWORK_SPACING * i as f64,
                x1: left,
                x2: right,
                up: outcome.networks.iter().find(|n| n.name == network.name).is_none_or(|n| n.up),
            })
            .collect();
        for node in &mut nodes {
            let report = outcome.nodes.iter().find(|n| n.name == node.name);
            let nic_count = scenario.nodes.iter().find(|n| n.name == node.name).map_or(0, |n| n.nics.len());
            let nics: Vec<NicShape> = scenario
                .nodes
                .iter()
                .find(|n| n.name == node.name)
                .map(|n| n.nics.as_slice())
                .unwrap_or_default()
                .iter()
                .enumerate()
                .filter_map(|(k, nic)| {
                    let line = networks.iter().find(|n| n.name == nic.network)?;
                    let x = node.rect.x + (k as f64 + 1.0) * NODE_WIDTH / (nic_count as f64 + 1.0);
                    let up = report.and_then(|r| r.nics.iter().find(|u| u.name == nic.network)).is_none_or(|u| u.up);
                    Some(NicShape {
                        network: nic.network.clone(),
                        from: Point::new(x, node.rect.y),
                        to: Point::new(x, line.y),
                        up,
                    })
                })
                .collect();
            node.nics = nics;
        }

        let disk_top = nodes_box.map_or(300.0, |b| b.bottom()) + 70.0;
        let quorum_disk = match &scenario.quorum {
            Quorum::Disk { disk } => Some(disk.as_str()),
            Quorum::MajorityNodeSet => None,
        };
        let disks = scenario
            .disks
            .iter()
            .enumerate()
            .map(|(j, disk)| {
                let rect = Rect::new(left + 20.0 + j as f64 * (DISK_WIDTH + 14.0), disk_top, DISK_WIDTH, DISK_HEIGHT);
                let report = outcome.disks.iter().find(|d| d.name == disk.name);
                let owner = report.and_then(|d| d.owner.clone());
                let owner_line = owner.as_ref().and_then(|owner| {
                    let node = nodes.iter().find(|n| &n.name == owner)?;
                    Some((Point::new(node.rect.center().x, node.rect.bottom()), Point::new(rect.center().x, rect.y)))
                });
                DiskShape {
                    id: DiskId(j as u32),
                    name: disk.name.clone(),
                    rect,
                    ok: report.is_none_or(|d| d.ok),
                    quorum: quorum_disk == Some(disk.name.as_str()),
                    owner,
                    owner_line,
                }
            })
            .collect::<Vec<_>>();

        let clients = &outcome.clients;
        let nlb = clients.nlb.map(|up| (None, "NLB cluster".to_string(), "NLB cluster".to_string(), up));
        let front_ends = clients
            .front_ends
            .iter()
            .enumerate()
            .map(|(i, f)| (Some(FrontEndId(i as u32)), f.name.clone(), format!("front-end {}", f.name), f.up));
        let client_tier: Vec<FrontEndShape> = nlb
            .into_iter()
            .chain(front_ends)
            .enumerate()
            .map(|(k, (id, name, label, up))| FrontEndShape {
                id,
                name,
                label,
                rect: Rect::new(left + k as f64 * (FRONT_END_WIDTH + 14.0), 24.0, FRONT_END_WIDTH, FRONT_END_HEIGHT),
                up,
            })
            .collect();

        let tray_top = disk_top + DISK_HEIGHT + 40.0;
        let stranded: Vec<ChipShape> = outcome
            .groups
            .iter()
            .filter(|g| g.owner.is_none())
            .enumerate()
            .map(|(k, g)| ChipShape {
                id: group_id(scenario, &g.name),
                group: g.name.clone(),
                rect: Rect::new(
                    left + 20.0 + k as f64 * (NODE_WIDTH - 10.0),
                    tray_top + 24.0,
                    NODE_WIDTH - 20.0,
                    CHIP_HEIGHT,
                ),
                state: g.state.word(),
                resources: resource_marks(outcome, &g.name),
            })
            .collect();
        let tray = Rect::new(left, tray_top, (right - left).max(NODE_WIDTH * 2.0), CHIP_HEIGHT + 36.0);

        // The networks' fail/restore controls sit just right of their lines.
        let mut bounds = Rect::new(left, 0.0, right - left + 70.0, tray.bottom());
        for rect in disks.iter().map(|d| d.rect).chain(client_tier.iter().map(|f| f.rect)) {
            bounds = bounds.union(&rect);
        }
        Diagram { networks, nodes, disks, client_tier, stranded, tray, bounds }
    }

    /// The node whose box holds `point`, the topmost (last drawn) first.
    pub fn node_at(&self, point: Point) -> Option<&str> {
        self.nodes.iter().rev().find(|n| n.rect.contains(point)).map(|n| n.name.as_str())
    }

    /// Where a group's chip is drawn (on its node, or in the tray).
    pub fn chip(&self, group: &str) -> Option<&ChipShape> {
        self.nodes.iter().flat_map(|n| n.groups.iter()).chain(&self.stranded).find(|c| c.group == group)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::{Design, Event, Options, presets, report};

    fn diagram(id: &str, events: &[&str]) -> (Scenario, Diagram) {
        let scenario = presets::preset(id).unwrap();
        let design = Design::new(scenario.clone()).unwrap();
        let events: Vec<Event> = events.iter().map(|e| Event::parse(e, &design).unwrap()).collect();
        let outcome = report::simulate(&design, &events, Options::default());
        let diagram = Diagram::new(&scenario, &outcome, None);
        (scenario, diagram)
    }

    #[test]
    fn the_client_tier_stands_above_the_networks_when_there_is_one() {
        // The preset has two front-end servers behind NLB; the same cluster without them draws no band.
        let (scenario, _) = diagram("four-node-3a1p", &[]);
        let mut bare = scenario.clone();
        bare.front_ends = Default::default();
        let healthy = report::simulate(&Design::new(bare.clone()).unwrap(), &[], Options::default());
        let without = Diagram::new(&bare, &healthy, None);
        assert!(without.client_tier.is_empty());
        assert_eq!(without.networks[0].y, NETWORK_TOP);
        let design = Design::new(scenario.clone()).unwrap();
        let failed = [Event::parse("fail-frontend:fe2", &design).unwrap()];
        let outcome = report::simulate(&design, &failed, Options::default());
        let with = Diagram::new(&scenario, &outcome, None);
        let labels: Vec<(&str, bool)> = with.client_tier.iter().map(|f| (f.label.as_str(), f.up)).collect();
        assert_eq!(labels, [("NLB cluster", true), ("front-end fe1", true), ("front-end fe2", false)]);
        let lowest = with.client_tier.iter().map(|f| f.rect.bottom()).fold(0.0, f64::max);
        assert!(lowest < with.networks[0].y - 10.0, "the client tier is drawn above the networks");
        assert!(with.nodes[0].rect.y > without.nodes[0].rect.y, "and everything below it moves down");
        assert!(with.client_tier.iter().all(|f| with.bounds.contains(f.rect.center())));
    }

    #[test]
    fn evs_are_drawn_on_the_node_that_runs_them() {
        let (_, healthy) = diagram("four-node-3a1p", &[]);
        assert_eq!(healthy.nodes.len(), 4);
        assert_eq!(healthy.nodes[2].groups[0].group, "EVS3");
        let (_, failed) = diagram("four-node-3a1p", &["fail:node3"]);
        assert_eq!(failed.nodes[2].state, "down");
        assert!(failed.nodes[2].groups.is_empty());
        assert_eq!(failed.nodes[3].groups[0].group, "EVS3");
        assert!(failed.nodes[3].rect.contains(failed.chip("EVS3").unwrap().rect.center()));
        let (_, worse) = diagram("four-node-3a1p", &["fail:node3", "fail:node1"]);
        assert_eq!(worse.stranded.len(), 1, "EVS1 waits in the tray");
        assert_eq!(worse.stranded[0].state, "failed");
        assert!(worse.tray.contains(worse.chip("EVS1").unwrap().rect.center()));
    }

    #[test]
    fn nics_reach_their_networks_and_disks_their_owners() {
        let (_, d) = diagram("two-node-active-active", &["fail-nic:node2/private"]);
        let node2 = &d.nodes[1];
        assert_eq!(node2.nics.len(), 2);
        assert_eq!(node2.nics[1].to.y, d.networks[1].y);
        assert!(node2.nics[0].up && !node2.nics[1].up);
        let q = d.disks.iter().find(|disk| disk.quorum).unwrap();
        assert_eq!(q.owner.as_deref(), Some("node1"));
        let (from, to) = q.owner_line.unwrap();
        assert_eq!(from.x, d.nodes[0].rect.center().x);
        assert_eq!(to.y, q.rect.y);
    }

    #[test]
    fn positions_come_from_the_layout_or_the_default_row() {
        let (mut scenario, d) = diagram("two-node-active-passive", &[]);
        assert_eq!(d.nodes[1].rect.x - d.nodes[0].rect.x, NODE_WIDTH + NODE_GAP);
        scenario.layout.insert("node2".into(), Position { x: 500.0, y: 400.0 });
        let design = Design::new(scenario.clone()).unwrap();
        let outcome = report::simulate(&design, &[], Options::default());
        let moved = Diagram::new(&scenario, &outcome, None);
        assert_eq!((moved.nodes[1].rect.x, moved.nodes[1].rect.y), (500.0, 400.0));
        assert_eq!(moved.node_at(Point::new(510.0, 410.0)), Some("node2"));
        assert_eq!(moved.node_at(Point::new(5.0, 5.0)), None);
        let dragged = Diagram::new(&scenario, &outcome, Some(("node1", Point::new(900.0, 100.0))));
        assert_eq!(dragged.nodes[0].rect.x, 900.0);
    }
}
