//! Events: what can happen to a cluster ([`Event`], by ids) and its one text form (`fail:node3`,
//! `move:EVS1=node4`, `fail:node3@30s` with a time), parsed with messages that name what is unknown and
//! printed back. The app and the CLI never write an event's text themselves.

use super::design::{Design, DiskId, FrontEndId, GroupId, NetworkId, NodeId, ResourceId};
use crate::duration;
pub use crate::scenario::EventError;
use crate::scenario::quote;

/// Something that happens to the cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    FailNode(NodeId),
    RestoreNode(NodeId),
    FailResource(ResourceId),
    FailNetwork(NetworkId),
    RestoreNetwork(NetworkId),
    /// One node's adapter on one network fails.
    FailNic(NodeId, NetworkId),
    RestoreNic(NodeId, NetworkId),
    FailDisk(DiskId),
    RestoreDisk(DiskId),
    /// A planned move of a group to a node.
    Move(GroupId, NodeId),
    /// An administrator pauses a node (`cluster node NODE /pause`): it keeps the groups it owns, but no group
    /// moves to it, fails over to it or comes online on it until it is resumed.
    PauseNode(NodeId),
    /// `cluster node NODE /resume`: the node takes groups again.
    ResumeNode(NodeId),
    /// `cluster node NODE /evict`: an administrator evicts a node whose Cluster service is stopped (it is
    /// down): it is no longer a node of the cluster, and a majority node set counts the nodes left.
    EvictNode(NodeId),
    /// An administrator brings a failed (or partly failed) group online.
    Online(GroupId),
    /// A front-end server fails (its clients are Outlook Web Access, POP3 and IMAP4 users).
    FailFrontEnd(FrontEndId),
    RestoreFrontEnd(FrontEndId),
    /// The Network Load Balancing cluster in front of the front-end servers fails as a whole.
    FailNlb,
    RestoreNlb,
}

/// The forms an event takes, for help texts.
pub const EVENT_FORMS: &[(&str, &str)] = &[
    ("fail:NODE", "a node fails"),
    ("restore:NODE", "a node comes back"),
    ("fail-resource:GROUP/RESOURCE", "a resource fails once (restarted up to its threshold)"),
    ("fail-network:NETWORK", "a whole network fails"),
    ("restore-network:NETWORK", "a network comes back"),
    ("fail-nic:NODE/NETWORK", "one node's adapter on a network fails"),
    ("restore-nic:NODE/NETWORK", "that adapter comes back"),
    ("fail-disk:DISK", "a shared disk fails"),
    ("restore-disk:DISK", "a shared disk is repaired"),
    ("move:GROUP=NODE", "an administrator moves a group (planned failover)"),
    ("pause:NODE", "an administrator pauses a node: it keeps its groups but takes no other"),
    ("resume:NODE", "the paused node takes groups again"),
    ("evict:NODE", "an administrator evicts a node that is down: it leaves the cluster for good"),
    ("online:GROUP", "an administrator brings a failed group online"),
    ("fail-frontend:SERVER", "a front-end server fails"),
    ("restore-frontend:SERVER", "it comes back"),
    ("fail-nlb", "the Network Load Balancing cluster in front of the front-end servers fails"),
    ("restore-nlb", "it comes back"),
];

impl Event {
    /// Failing `node` when it is up, restoring it when it is down.
    pub fn toggle_node(node: NodeId, up: bool) -> Event {
        if up { Event::FailNode(node) } else { Event::RestoreNode(node) }
    }

    /// Failing `network` when it is up, restoring it when it is down.
    pub fn toggle_network(network: NetworkId, up: bool) -> Event {
        if up { Event::FailNetwork(network) } else { Event::RestoreNetwork(network) }
    }

    /// Failing `node`'s NIC on `network` when it is up, restoring it when it is down.
    pub fn toggle_nic(node: NodeId, network: NetworkId, up: bool) -> Event {
        if up { Event::FailNic(node, network) } else { Event::RestoreNic(node, network) }
    }

    /// Failing `disk` when it works, repairing it when it has failed.
    pub fn toggle_disk(disk: DiskId, ok: bool) -> Event {
        if ok { Event::FailDisk(disk) } else { Event::RestoreDisk(disk) }
    }

    /// Whether it happens to the client tier (front-end servers, NLB), outside the cluster.
    pub fn is_client_tier(self) -> bool {
        matches!(self, Event::FailFrontEnd(_) | Event::RestoreFrontEnd(_) | Event::FailNlb | Event::RestoreNlb)
    }

    /// Reads an event such as `fail:node3` against a design.
    pub fn parse(text: &str, design: &Design) -> Result<Event, EventError> {
        let error = |message: String| EventError { text: text.to_string(), message };
        if let verb @ ("fail-nlb" | "restore-nlb") = text {
            if !design.scenario.front_ends.nlb {
                return Err(error("the design has no Network Load Balancing cluster (front_ends.nlb is off)".into()));
            }
            return Ok(if verb == "fail-nlb" { Event::FailNlb } else { Event::RestoreNlb });
        }
        let front_end = |name: &str| {
            design.front_end_id(name).ok_or_else(|| error(format!("no front-end server named {}", quote(name))))
        };
        let (verb, argument) = text
            .split_once(':')
            .ok_or_else(|| error("expected VERB:ARGUMENT, such as fail:node3 (see --help for the list)".to_string()))?;
        let node = |name: &str| design.node_id(name).ok_or_else(|| error(format!("no node named {}", quote(name))));
        let network =
            |name: &str| design.network_id(name).ok_or_else(|| error(format!("no network named {}", quote(name))));
        let disk = |name: &str| design.disk_id(name).ok_or_else(|| error(format!("no disk named {}", quote(name))));
        let group = |name: &str| design.group_id(name).ok_or_else(|| error(format!("no group named {}", quote(name))));
        let pair = |separator: char, form: &str| {
            argument.split_once(separator).ok_or_else(|| error(format!("expected {verb}:{form}")))
        };
        Ok(match verb {
            "fail" => Event::FailNode(node(argument)?),
            "restore" => Event::RestoreNode(node(argument)?),
            "pause" => Event::PauseNode(node(argument)?),
            "resume" => Event::ResumeNode(node(argument)?),
            "evict" => Event::EvictNode(node(argument)?),
            "fail-network" => Event::FailNetwork(network(argument)?),
            "restore-network" => Event::RestoreNetwork(network(argument)?),
            "fail-disk" => Event::FailDisk(disk(argument)?),
            "restore-disk" => Event::RestoreDisk(disk(argument)?),
            "online" => Event::Online(group(argument)?),
            "fail-frontend" => Event::FailFrontEnd(front_end(argument)?),
            "restore-frontend" => Event::RestoreFrontEnd(front_end(argument)?),
            "fail-nlb" | "restore-nlb" => return Err(error(format!("{} takes no argument", quote(verb)))),
            "fail-resource" => {
                let (group_name, resource_name) = pair('/', "GROUP/RESOURCE")?;
                group(group_name)?;
                let resource = design.resource_id(argument).ok_or_else(|| {
                    error(format!("no resource named {} in {}", quote(resource_name), quote(group_name)))
                })?;
                Event::FailResource(resource)
            }
            "fail-nic" | "restore-nic" => {
                let (node_name, network_name) = pair('/', "NODE/NETWORK")?;
                let (node, network) = (node(node_name)?, network(network_name)?);
                if verb == "fail-nic" { Event::FailNic(node, network) } else { Event::RestoreNic(node, network) }
            }
            "move" => {
                let (group_name, node_name) = pair('=', "GROUP=NODE")?;
                Event::Move(group(group_name)?, node(node_name)?)
            }
            _ => {
                let known: Vec<&str> =
                    EVENT_FORMS.iter().map(|(form, _)| form.split(':').next().unwrap_or("")).collect();
                return Err(error(format!("unknown event {}; known: {}", quote(verb), known.join(", "))));
            }
        })
    }

    /// The event as text, the inverse of [`Event::parse`].
    pub fn label(&self, design: &Design) -> String {
        match *self {
            Event::FailNode(node) => format!("fail:{}", design.node_name(node)),
            Event::RestoreNode(node) => format!("restore:{}", design.node_name(node)),
            Event::PauseNode(node) => format!("pause:{}", design.node_name(node)),
            Event::ResumeNode(node) => format!("resume:{}", design.node_name(node)),
            Event::EvictNode(node) => format!("evict:{}", design.node_name(node)),
            Event::FailResource(resource) => format!("fail-resource:{}", design.resource_path(resource)),
            Event::FailNetwork(network) => format!("fail-network:{}", design.network_name(network)),
            Event::RestoreNetwork(network) => format!("restore-network:{}", design.network_name(network)),
            Event::FailNic(node, network) => {
                format!("fail-nic:{}/{}", design.node_name(node), design.network_name(network))
            }
            Event::RestoreNic(node, network) => {
                format!("restore-nic:{}/{}", design.node_name(node), design.network_name(network))
            }
            Event::FailDisk(disk) => format!("fail-disk:{}", design.disk_name(disk)),
            Event::RestoreDisk(disk) => format!("restore-disk:{}", design.disk_name(disk)),
            Event::Move(group, node) => format!("move:{}={}", design.group_name(group), design.node_name(node)),
            Event::Online(group) => format!("online:{}", design.group_name(group)),
            Event::FailFrontEnd(front_end) => format!("fail-frontend:{}", design.front_end_name(front_end)),
            Event::RestoreFrontEnd(front_end) => format!("restore-frontend:{}", design.front_end_name(front_end)),
            Event::FailNlb => "fail-nlb".to_string(),
            Event::RestoreNlb => "restore-nlb".to_string(),
        }
    }
}

/// An event and, when the script gives one, the time it happens (milliseconds on the virtual clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedEvent {
    pub event: Event,
    pub at: Option<u64>,
}

impl TimedEvent {
    /// Reads `fail:node3@30s`; without `@TIME` the event happens when the one before it does. A time that
    /// cannot be read is said to be one (`fail:node1@-5s`: "-5s" is not a time), not taken for part of a name.
    pub fn parse(text: &str, design: &Design) -> Result<TimedEvent, EventError> {
        crate::duration::parse_timed(text, |text| Event::parse(text, design))
            .map(|(event, at)| TimedEvent { event, at })
    }

    /// The event as text, with its time when it has one.
    pub fn label(&self, design: &Design) -> String {
        match self.at {
            Some(at) => format!("{}@{}", self.event.label(design), duration::text(at)),
            None => self.event.label(design),
        }
    }
}

/// Checks that timed events come in time order; names the first that does not, and its place.
pub fn check_order(events: &[TimedEvent], design: &Design) -> Result<(), (usize, EventError)> {
    crate::duration::check_time_order(events.iter().map(|event| (event.at, event.label(design))))
}

/// Renames a whole name inside an event's text (`fail:old` → `fail:new`; names are separated by `:`, `/`
/// and `=`), so that failures survive a rename.
pub fn rename(event: &str, old: &str, new: &str) -> String {
    let Some((verb, argument)) = event.split_once(':') else { return event.to_string() };
    let mut out = String::from(verb);
    out.push(':');
    let mut part = String::new();
    for c in argument.chars() {
        if c == '/' || c == '=' || c == '@' {
            out.push_str(if part == old { new } else { &part });
            out.push(c);
            part.clear();
        } else {
            part.push(c);
        }
    }
    out.push_str(if part == old { new } else { &part });
    out
}
#[cfg(test)]
mod tests {
    use super::{Event, rename};
    use crate::cluster::{Design, presets};

    #[test]
    fn the_client_tier_events_read_back_and_say_what_is_wrong() {
        // The preset's two front-end servers behind NLB, and the same without NLB.
        let mut scenario = presets::preset("four-node-3a1p").unwrap();
        scenario.front_ends.nlb = false;
        let without_nlb = Design::new(scenario.clone()).unwrap();
        scenario.front_ends.nlb = true;
        let design = Design::new(scenario).unwrap();
        for text in ["fail-frontend:fe2", "restore-frontend:fe1", "fail-nlb", "restore-nlb"] {
            assert_eq!(Event::parse(text, &design).unwrap().label(&design), text);
        }
        let error = |text: &str, design: &Design| Event::parse(text, design).unwrap_err().to_string();
        assert_eq!(
            error("fail-frontend:fe9", &design),
            "event \"fail-frontend:fe9\": no front-end server named \"fe9\""
        );
        assert_eq!(error("fail-nlb:fe1", &design), "event \"fail-nlb:fe1\": \"fail-nlb\" takes no argument");
        assert_eq!(
            error("fail-nlb", &without_nlb),
            "event \"fail-nlb\": the design has no Network Load Balancing cluster (front_ends.nlb is off)"
        );
    }

    #[test]
    fn renames_inside_events() {
        assert_eq!(rename("move:EVS1=node3", "node3", "x"), "move:EVS1=x");
        assert_eq!(rename("fail-nic:node3/public", "public", "lan"), "fail-nic:node3/lan");
        assert_eq!(rename("fail:node33", "node3", "x"), "fail:node33");
        assert_eq!(rename("fail:node3@30s", "node3", "x"), "fail:x@30s", "the time stays");
    }
}
