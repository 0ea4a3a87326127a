//! What a 2003 lesson's questions may be about (where a group runs, which groups are online, who holds
//! quorum, how many failed nodes the design tolerates, how many static addresses it needs), and the engine's
//! answer to each at a step of the lesson's script.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::design::Design;
use super::engine::{Options, Simulation};
use super::event::{TimedEvent, check_order};
use super::matrix::Summary;
use super::model::Scenario;
use super::report::{self, GroupState, Outcome};
use super::{ips, lessons};
use crate::matrix::Summarised;
use crate::quiz::{self, Answer, Failure, LessonFile, names_or_none};
use crate::read::Read;
use crate::scenario::{LoadError, LoadErrors, quote};
use crate::sources;
use crate::timeline::WrittenQuestion;

/// A 2003 lesson file.
pub type Lesson = LessonFile<Scenario, About, Keep>;

/// What a 2003 lesson's goal keeps online.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Keep {
    EveryGroup,
    Group { group: String },
}

impl Keep {
    /// The text form: `every-group`, `group:EVS1`.
    pub fn label(&self) -> String {
        match self {
            Keep::EveryGroup => "every-group".into(),
            Keep::Group { group } => format!("group:{group}"),
        }
    }

    /// Reads the text form.
    pub fn parse(text: &str) -> Result<Keep, String> {
        match text.split_once(':') {
            Some(("group", group)) => Ok(Keep::Group { group: group.to_string() }),
            None if text == "every-group" => Ok(Keep::EveryGroup),
            _ => Err(format!("{} is not what a 2003 goal keeps: every-group or group:GROUP", quote(text))),
        }
    }
}

/// What a question asks of the engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum About {
    /// Where the group runs, or `none`.
    Owner { group: String },
    /// Which groups are online.
    Survivors,
    /// Which node holds quorum, or `none` when the cluster lost it.
    Quorum,
    /// How many nodes may fail at once with every group still online.
    Tolerates,
    /// How many static IP addresses the design needs.
    IpCount,
}

impl About {
    /// The text form: `owner:EVS3`, `survivors`, `quorum`, `tolerates`, `ip-count`.
    pub fn label(&self) -> String {
        match self {
            About::Owner { group } => format!("owner:{group}"),
            About::Survivors => "survivors".into(),
            About::Quorum => "quorum".into(),
            About::Tolerates => "tolerates".into(),
            About::IpCount => "ip-count".into(),
        }
    }

    /// Reads the text form.
    pub fn parse(text: &str) -> Result<About, String> {
        Ok(match text.split_once(':') {
            Some(("owner", group)) => About::Owner { group: group.to_string() },
            None if text == "survivors" => About::Survivors,
            None if text == "quorum" => About::Quorum,
            None if text == "tolerates" => About::Tolerates,
            None if text == "ip-count" => About::IpCount,
            _ => {
                return Err(format!(
                    "{} is not a question about a 2003 cluster: owner:GROUP, survivors, quorum, tolerates or ip-count",
                    quote(text)
                ));
            }
        })
    }
}

/// The engine's answer to `about` once `events` have played on `design`; `about` names only what the
/// design has ([`quiz::check`] sees to it first).
fn answer(design: &Design, events: &[TimedEvent], about: &About) -> Answer {
    let outcome = || report::simulate_timed(design, events, Options::default());
    let nodes = || design.scenario.nodes.iter().map(|n| n.name.as_str());
    match about {
        About::Owner { group } => {
            let outcome = outcome();
            let report = outcome.groups.iter().find(|g| &g.name == group).expect("checked against the design");
            let value = report.owner.clone().filter(|_| report.state == GroupState::Online);
            let says = match &value {
                Some(node) => format!("{group} runs on {node}."),
                None => format!("{group} is {} and runs nowhere.", report.state.word()),
            };
            Answer {
                value: value.unwrap_or_else(|| "none".into()),
                says,
                why: report.reason.clone(),
                source: report.source.to_string(),
                choices: names_or_none(nodes()),
                several: false,
            }
        }
        About::Survivors => survivors(design, &outcome()),
        About::Quorum => {
            let quorum = outcome().quorum;
            let says = match &quorum.owner {
                Some(node) => format!("Quorum is held, by {node}."),
                None => "The cluster lost quorum.".to_string(),
            };
            Answer {
                value: quorum.owner.unwrap_or_else(|| "none".into()),
                says,
                why: quorum.reason,
                source: quorum.source.to_string(),
                choices: names_or_none(nodes()),
                several: false,
            }
        }
        About::Tolerates => tolerates(design),
        About::IpCount => {
            let plan = ips::plan(design, &ips::scenario_subnets(design), 0);
            let lines: Vec<String> =
                plan.breakdown.iter().map(|line| format!("{} {}", line.count, line.item)).collect();
            Answer {
                value: plan.total.to_string(),
                says: format!("The design needs {} static IP addresses.", plan.total),
                why: format!("{}; the guide's recommended layout: {}.", lines.join(", "), plan.recommended.formula),
                source: sources::IP_ADDRESSES.to_string(),
                choices: Vec::new(),
                several: false,
            }
        }
    }
}

fn survivors(design: &Design, outcome: &Outcome) -> Answer {
    let online: Vec<&str> =
        outcome.groups.iter().filter(|g| g.state == GroupState::Online).map(|g| g.name.as_str()).collect();
    let says =
        if online.is_empty() { "No group is online.".to_string() } else { format!("Online: {}.", online.join(", ")) };
    let why: Vec<String> = outcome.groups.iter().map(|g| format!("{}: {}.", g.name, g.reason)).collect();
    // The source of the first group not online says why it is not; with every group online, the first's.
    let cited = outcome.groups.iter().find(|g| g.state != GroupState::Online).or(outcome.groups.first());
    Answer {
        value: online.join(", "),
        says,
        why: why.join(" "),
        source: cited.map_or(sources::CLUSTER_GUIDE, |g| g.source).to_string(),
        choices: design.scenario.groups.iter().map(|g| g.name.clone()).collect(),
        several: true,
    }
}

fn tolerates(design: &Design) -> Answer {
    let nodes = design.node_count();
    let (value, why) = match Summary::compute(design, None) {
        Ok(summary) => {
            let why = match &summary.first_loss {
                Some(loss) => format!(
                    "Every set of up to {} failed nodes leaves every group online; {} failing at once leaves {} of {} groups online{}.",
                    summary.tolerates_any,
                    loss.failed.join(" + "),
                    loss.online,
                    summary.groups,
                    if loss.quorum { "" } else { " (quorum lost)" }
                ),
                None => format!("Every set of failed nodes leaves every group online ({} sets).", summary.combinations),
            };
            (summary.tolerates_any, why)
        }
        // Beyond the matrix's limits (only designs far larger than any real cluster): what the engine knows.
        Err(error) => (0, format!("not worked out: {error}")),
    };
    Answer {
        value: value.to_string(),
        says: match value {
            0 => "One failed node can already take a group down.".to_string(),
            n => format!(
                "Any {} may fail at once and every group stays online.",
                crate::words::count(n, "node", "nodes")
            ),
        },
        why,
        source: sources::FAILOVER_POLICY.to_string(),
        choices: quiz::counts(nodes),
        several: false,
    }
}

/// The 2003 cluster's side of its lessons' questions.
#[derive(Debug)]
pub enum Nodes {}

quiz::script_alike!(Nodes);

impl quiz::Asking for Nodes {
    quiz::asking_alike!();

    const FAMILY: &'static str = "cluster";

    fn missing(about: &About, design: &Design, path: &str) -> Option<LoadError> {
        match about {
            About::Owner { group } if design.group_id(group).is_none() => Some(LoadError {
                path: format!("{path}.group"),
                message: format!("no group named {} in the design", quote(group)),
            }),
            _ => None,
        }
    }

    fn answer(design: &Design, events: &[TimedEvent], about: &About) -> Answer {
        answer(design, events, about)
    }

    fn subjects(design: &Design) -> Vec<String> {
        let owners = design.scenario.groups.iter().map(|g| About::Owner { group: g.name.clone() });
        owners.chain([About::Survivors, About::Quorum, About::Tolerates, About::IpCount]).map(|a| a.label()).collect()
    }

    fn suggested_ask(about: &About) -> String {
        match about {
            About::Owner { group } => format!("Where does {group} run now?"),
            About::Survivors => "Which groups are online now?".into(),
            About::Quorum => "Which node holds quorum now, if any?".into(),
            About::Tolerates => "How many nodes may fail at once with every group still online?".into(),
            About::IpCount => "How many static IP addresses does this design need?".into(),
        }
    }

    fn keeps(design: &Design) -> Vec<String> {
        let groups = design.scenario.groups.iter().map(|g| Keep::Group { group: g.name.clone() });
        [Keep::EveryGroup].into_iter().chain(groups).map(|k| k.label()).collect()
    }

    fn keep_words(keep: &Keep) -> String {
        match keep {
            Keep::EveryGroup => "every group online".into(),
            Keep::Group { group } => format!("{group} online"),
        }
    }

    fn keep_missing(keep: &Keep, design: &Design, path: &str) -> Option<LoadError> {
        match keep {
            Keep::Group { group } if design.group_id(group).is_none() => Some(LoadError {
                path: format!("{path}.group"),
                message: format!("no group named {} in the design", quote(group)),
            }),
            _ => None,
        }
    }

    fn members(design: &Design) -> (usize, (&'static str, &'static str)) {
        (design.node_count(), ("node", "nodes"))
    }

    fn member_name(design: &Design, index: usize) -> String {
        design.scenario.nodes[index].name.clone()
    }

    fn lost(design: &Design, failure: Failure<'_, TimedEvent>, keep: &Keep) -> Option<String> {
        let outcome = match failure {
            Failure::AtOnce(failed) => {
                // As the failure matrix fails them: at once, then every group's failover settled.
                let mut simulation = Simulation::new(design, Options::default());
                let ids: Vec<_> = design.node_ids().collect();
                simulation.fail_nodes_at_once(failed.iter().map(|&i| ids[i]));
                report::outcome(design, simulation.state(), Vec::new())
            }
            Failure::Events(events) => report::simulate_timed(design, events, Options::default()),
        };
        let down = |g: &&report::GroupReport| g.state != GroupState::Online;
        let first = match keep {
            Keep::EveryGroup => outcome.groups.iter().find(down),
            Keep::Group { group } => outcome.groups.iter().filter(|g| &g.name == group).find(down),
        }?;
        Some(format!("{} is {}", first.name, first.state.word()))
    }
}
