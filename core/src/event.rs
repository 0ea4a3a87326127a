//! Events as text (`fail:node3`, `move:EVS1=node4`): parsing with messages that name what is unknown,
//! and printing back.

use std::fmt;

use crate::design::Design;
use crate::engine::Event;

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
    ("online:GROUP", "an administrator brings a failed group online"),
];

/// Why an event's text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventError {
    pub text: String,
    pub message: String,
}

impl fmt::Display for EventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "event \"{}\": {}", self.text, self.message)
    }
}

impl std::error::Error for EventError {}

impl Event {
    /// Reads an event such as `fail:node3` against a design.
    pub fn parse(text: &str, design: &Design) -> Result<Event, EventError> {
        let error = |message: String| EventError { text: text.to_string(), message };
        let (verb, argument) = text
            .split_once(':')
            .ok_or_else(|| error("expected VERB:ARGUMENT, such as fail:node3 (see --help for the list)".to_string()))?;
        let node = |name: &str| design.node_id(name).ok_or_else(|| error(format!("no node named \"{name}\"")));
        let network = |name: &str| design.network_id(name).ok_or_else(|| error(format!("no network named \"{name}\"")));
        let disk = |name: &str| design.disk_id(name).ok_or_else(|| error(format!("no disk named \"{name}\"")));
        let group = |name: &str| design.group_id(name).ok_or_else(|| error(format!("no group named \"{name}\"")));
        let pair = |separator: char, form: &str| {
            argument.split_once(separator).ok_or_else(|| error(format!("expected {verb}:{form}")))
        };
        Ok(match verb {
            "fail" => Event::FailNode(node(argument)?),
            "restore" => Event::RestoreNode(node(argument)?),
            "fail-network" => Event::FailNetwork(network(argument)?),
            "restore-network" => Event::RestoreNetwork(network(argument)?),
            "fail-disk" => Event::FailDisk(disk(argument)?),
            "restore-disk" => Event::RestoreDisk(disk(argument)?),
            "online" => Event::Online(group(argument)?),
            "fail-resource" => {
                let (group_name, resource_name) = pair('/', "GROUP/RESOURCE")?;
                group(group_name)?;
                let resource = design
                    .resource_id(argument)
                    .ok_or_else(|| error(format!("no resource named \"{resource_name}\" in {group_name}")))?;
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
                return Err(error(format!("unknown event \"{verb}\"; known: {}", known.join(", "))));
            }
        })
    }

    /// The event as text, the inverse of [`Event::parse`].
    pub fn label(&self, design: &Design) -> String {
        match *self {
            Event::FailNode(node) => format!("fail:{}", design.node_name(node)),
            Event::RestoreNode(node) => format!("restore:{}", design.node_name(node)),
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
    /// Reads `fail:node3@30s`; without `@TIME` the event happens when the one before it does.
    pub fn parse(text: &str, design: &Design) -> Result<TimedEvent, EventError> {
        if let Some((event, time)) = text.rsplit_once('@')
            && let Ok(at) = parse_duration(time)
        {
            return Ok(TimedEvent { event: Event::parse(event, design)?, at: Some(at) });
        }
        Ok(TimedEvent { event: Event::parse(text, design)?, at: None })
    }

    /// The event as text, with its time when it has one.
    pub fn label(&self, design: &Design) -> String {
        match self.at {
            Some(at) => format!("{}@{}", self.event.label(design), format_duration(at)),
            None => self.event.label(design),
        }
    }
}

/// Checks that timed events come in time order; names the first that does not.
pub fn check_order(events: &[TimedEvent], design: &Design) -> Result<(), EventError> {
    let mut last = 0;
    for event in events {
        if let Some(at) = event.at {
            if at < last {
                return Err(EventError {
                    text: event.label(design),
                    message: format!(
                        "it comes before the event at {}: list events in time order",
                        format_duration(last)
                    ),
                });
            }
            last = at;
        }
    }
    Ok(())
}

/// Reads a duration: `500ms`, `30s`, `10min`, `2h`, `1.5h`; a bare number is seconds. Decimal, exact to the
/// millisecond (integer arithmetic: no float parsing, which also keeps the app small).
pub fn parse_duration(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let not_a_time = || format!("\"{text}\" is not a time such as 30s, 10min or 2h");
    let scale: u128 = match unit.trim() {
        "ms" => 1,
        "" | "s" => 1_000,
        "min" | "m" => 60_000,
        "h" => 3_600_000,
        other => return Err(format!("\"{other}\" is not a unit of time: use ms, s, min or h")),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if (whole.is_empty() && fraction.is_empty()) || fraction.contains('.') || fraction.len() > 9 {
        return Err(not_a_time());
    }
    let digits = |part: &str| if part.is_empty() { Some(0) } else { part.parse::<u128>().ok() };
    let (Some(whole), Some(fraction_value)) = (digits(whole), digits(fraction)) else { return Err(not_a_time()) };
    let denominator = 10u128.pow(fraction.len() as u32);
    // Round half up to the millisecond.
    let ms = whole * scale + (fraction_value * scale * 2 + denominator) / (denominator * 2);
    u64::try_from(ms)
        .ok()
        .filter(|&ms| ms <= 1_000_000_000_000_000)
        .ok_or_else(|| format!("\"{text}\" is too long a time"))
}

/// Writes a duration the way `parse_duration` reads it, in the largest whole unit.
pub fn format_duration(ms: u64) -> String {
    match ms {
        0 => "0s".into(),
        ms if ms % 3_600_000 == 0 => format!("{}h", ms / 3_600_000),
        ms if ms % 60_000 == 0 => format!("{}min", ms / 60_000),
        ms if ms % 1_000 == 0 => format!("{}s", ms / 1_000),
        ms => format!("{ms}ms"),
    }
}

#[cfg(test)]
mod tests {
    use super::{format_duration, parse_duration};

    #[test]
    fn durations() {
        assert_eq!(parse_duration("0s"), Ok(0));
        assert_eq!(parse_duration("30s"), Ok(30_000));
        assert_eq!(parse_duration("10min"), Ok(600_000));
        assert_eq!(parse_duration("1.5h"), Ok(5_400_000));
        assert_eq!(parse_duration("250ms"), Ok(250));
        assert_eq!(parse_duration("45"), Ok(45_000));
        assert!(parse_duration("soon").is_err());
        assert_eq!(parse_duration("2.5"), Ok(2_500));
        assert_eq!(parse_duration(".5s"), Ok(500));
        assert_eq!(parse_duration("0.0005s"), Ok(1), "rounds half up to the millisecond");
        assert_eq!(parse_duration("1.2.3").unwrap_err(), "\"1.2.3\" is not a time such as 30s, 10min or 2h");
        assert!(parse_duration(".").is_err() && parse_duration("").is_err());
        assert!(parse_duration("99999999999999999999999h").unwrap_err().contains("too long"));
        assert!(parse_duration("3 weeks").unwrap_err().contains("not a unit of time"));
        for ms in [0, 250, 30_000, 600_000, 7_200_000, 90_500] {
            assert_eq!(parse_duration(&format_duration(ms)), Ok(ms));
        }
    }
}
