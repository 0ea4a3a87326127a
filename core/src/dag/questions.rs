//! What a DAG lesson's questions may be about (which server mounts a database, whether the DAG keeps
//! quorum and with whose votes, how many databases are mounted, how many failed members the DAG tolerates,
//! how many static addresses it needs), and the engine's answer to each at a step of the lesson's script.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::design::Design;
use super::engine::Simulation;
use super::event::{TimedEvent, check_order};
use super::matrix::Summary;
use super::model::Scenario;
use super::report::{self, MountState};
use super::{ips, lessons};
use crate::matrix::Summarised;
use crate::quiz::{self, Answer, Failure, LessonFile, names_or_none, yes_no};
use crate::read::Read;
use crate::scenario::{LoadError, LoadErrors, quote};
use crate::sources;
use crate::timeline::WrittenQuestion;
use crate::words::count;

/// A DAG lesson file.
pub type Lesson = LessonFile<Scenario, About, Keep>;

/// What a DAG lesson's goal keeps mounted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Keep {
    EveryDatabase,
    Database { database: String },
}

impl Keep {
    /// The text form: `every-database`, `database:db1`.
    pub fn label(&self) -> String {
        match self {
            Keep::EveryDatabase => "every-database".into(),
            Keep::Database { database } => format!("database:{database}"),
        }
    }

    /// Reads the text form.
    pub fn parse(text: &str) -> Result<Keep, String> {
        match text.split_once(':') {
            Some(("database", database)) => Ok(Keep::Database { database: database.to_string() }),
            None if text == "every-database" => Ok(Keep::EveryDatabase),
            _ => Err(format!("{} is not what a DAG goal keeps: every-database or database:DATABASE", quote(text))),
        }
    }
}

/// What a question asks of the engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum About {
    /// Which server mounts the database, or `none`.
    WhichCopy { database: String },
    /// Whether the DAG holds quorum (`yes` or `no`); the answer says whose votes.
    Quorum,
    /// How many databases are mounted.
    Mounted,
    /// How many members may fail at once with every database still mounted.
    Tolerates,
    /// How many static IP addresses the DAG needs.
    IpCount,
}

impl About {
    /// The text form: `which-copy:db1`, `quorum`, `mounted`, `tolerates`, `ip-count`.
    pub fn label(&self) -> String {
        match self {
            About::WhichCopy { database } => format!("which-copy:{database}"),
            About::Quorum => "quorum".into(),
            About::Mounted => "mounted".into(),
            About::Tolerates => "tolerates".into(),
            About::IpCount => "ip-count".into(),
        }
    }

    /// Reads the text form.
    pub fn parse(text: &str) -> Result<About, String> {
        Ok(match text.split_once(':') {
            Some(("which-copy", database)) => About::WhichCopy { database: database.to_string() },
            None if text == "quorum" => About::Quorum,
            None if text == "mounted" => About::Mounted,
            None if text == "tolerates" => About::Tolerates,
            None if text == "ip-count" => About::IpCount,
            _ => {
                return Err(format!(
                    "{} is not a question about a DAG: which-copy:DATABASE, quorum, mounted, tolerates or ip-count",
                    quote(text)
                ));
            }
        })
    }
}

/// The engine's answer to `about` once `events` have played on `dag`; `about` names only what the DAG has
/// ([`quiz::check`] sees to it first).
fn answer(dag: &Design, events: &[TimedEvent], about: &About) -> Answer {
    let outcome = || report::simulate_timed(dag, events);
    let databases = dag.scenario.databases.len();
    match about {
        About::WhichCopy { database } => {
            let outcome = outcome();
            let report = outcome.databases.iter().find(|d| &d.name == database).expect("checked against the design");
            let value = report.server.clone().filter(|_| report.state == MountState::Mounted);
            let says = match &value {
                Some(server) => format!("{database} is mounted on {server}."),
                None => format!("{database} is dismounted."),
            };
            Answer {
                value: value.unwrap_or_else(|| "none".into()),
                says,
                why: format!("{} ({})", report.reason, report.criterion),
                source: report.source.to_string(),
                choices: names_or_none(dag.scenario.servers.iter().map(|s| s.name.as_str())),
                several: false,
            }
        }
        About::Quorum => {
            let quorum = outcome().quorum;
            let held = if quorum.held { "The DAG holds quorum" } else { "The DAG has no quorum" };
            Answer {
                value: yes_no(quorum.held).into(),
                says: format!("{held}: {} of {} votes, {} needed.", quorum.votes, quorum.total, quorum.needed),
                // The reason names the members (and the witness) whose votes count.
                why: quorum.reason,
                source: quorum.source.to_string(),
                choices: vec!["yes".into(), "no".into()],
                several: false,
            }
        }
        About::Mounted => {
            let outcome = outcome();
            // The dismounted databases by reason, in design order: the reasons repeat across databases.
            let mut reasons: Vec<(&str, Vec<&str>)> = Vec::new();
            for database in outcome.databases.iter().filter(|d| d.state != MountState::Mounted) {
                match reasons.iter_mut().find(|(reason, _)| *reason == database.reason) {
                    Some((_, names)) => names.push(&database.name),
                    None => reasons.push((&database.reason, vec![&database.name])),
                }
            }
            let dismounted: Vec<String> =
                reasons.iter().map(|(reason, names)| format!("{}: {reason}.", names.join(", "))).collect();
            Answer {
                value: outcome.mounted.to_string(),
                says: format!("{} of {databases} databases are mounted.", outcome.mounted),
                why: if dismounted.is_empty() {
                    "Every database has a copy mounted.".into()
                } else {
                    dismounted.join(" ")
                },
                source: outcome
                    .databases
                    .iter()
                    .find(|d| d.state != MountState::Mounted)
                    .map_or(sources::DAG_ACTIVE_MANAGER, |d| d.source)
                    .to_string(),
                choices: quiz::counts(databases),
                several: false,
            }
        }
        About::Tolerates => tolerates(dag),
        About::IpCount => {
            let plan = ips::plan(dag, 0);
            Answer {
                value: plan.total.to_string(),
                says: format!("The DAG needs {} static IP addresses.", plan.total),
                why: format!(
                    "{} for the DAG (one per MAPI subnet, none when IP-less), {} for the members' networks, {} for the namespace's addresses.",
                    plan.dag_addresses, plan.server_addresses, plan.vip_addresses
                ),
                source: sources::DAG_IP.to_string(),
                choices: Vec::new(),
                several: false,
            }
        }
    }
}

fn tolerates(dag: &Design) -> Answer {
    let servers = dag.server_count();
    let (value, why) = match Summary::compute(dag, None) {
        Ok(summary) => {
            let first_loss = summary.levels.iter().find(|level| !level.tolerated);
            let why = match first_loss {
                Some(level) => format!(
                    "Every set of up to {} failed members leaves every database mounted; {} failing at once leaves {} of {} mounted. {}",
                    summary.tolerates_any,
                    level.worst.join(" "),
                    level.fewest_mounted,
                    summary.databases,
                    summary.quorum_note
                ),
                None => format!("Every set of failed members leaves every database mounted. {}", summary.quorum_note),
            };
            (summary.tolerates_any, why)
        }
        // Beyond the matrix's limits: what the engine knows.
        Err(error) => (0, format!("not worked out: {error}")),
    };
    Answer {
        value: value.to_string(),
        says: match value {
            0 => "One failed member can already leave a database dismounted.".to_string(),
            n => format!("Any {} may fail at once and every database stays mounted.", count(n, "member", "members")),
        },
        why,
        source: sources::DAG_QUORUM.to_string(),
        choices: quiz::counts(servers),
        several: false,
    }
}

/// The DAG's side of its lessons' questions.
#[derive(Debug)]
pub enum Servers {}

quiz::script_alike!(Servers);

impl quiz::Asking for Servers {
    quiz::asking_alike!();

    const FAMILY: &'static str = "dag";

    fn missing(about: &About, dag: &Design, path: &str) -> Option<LoadError> {
        match about {
            About::WhichCopy { database } if dag.database_id(database).is_none() => Some(LoadError {
                path: format!("{path}.database"),
                message: format!("no database named {} in the design", quote(database)),
            }),
            _ => None,
        }
    }

    fn answer(dag: &Design, events: &[TimedEvent], about: &About) -> Answer {
        answer(dag, events, about)
    }

    fn subjects(dag: &Design) -> Vec<String> {
        let copies = dag.scenario.databases.iter().map(|d| About::WhichCopy { database: d.name.clone() });
        copies.chain([About::Quorum, About::Mounted, About::Tolerates, About::IpCount]).map(|a| a.label()).collect()
    }

    fn suggested_ask(about: &About) -> String {
        match about {
            About::WhichCopy { database } => format!("Which server mounts {database} now, if any?"),
            About::Quorum => "Does the DAG keep quorum now?".into(),
            About::Mounted => "How many databases are mounted now?".into(),
            About::Tolerates => "How many members may fail at once with every database still mounted?".into(),
            About::IpCount => "How many static IP addresses does this DAG need?".into(),
        }
    }

    fn keeps(dag: &Design) -> Vec<String> {
        let databases = dag.scenario.databases.iter().map(|d| Keep::Database { database: d.name.clone() });
        [Keep::EveryDatabase].into_iter().chain(databases).map(|k| k.label()).collect()
    }

    fn keep_words(keep: &Keep) -> String {
        match keep {
            Keep::EveryDatabase => "every database mounted".into(),
            Keep::Database { database } => format!("{database} mounted"),
        }
    }

    fn keep_missing(keep: &Keep, dag: &Design, path: &str) -> Option<LoadError> {
        match keep {
            Keep::Database { database } if dag.database_id(database).is_none() => Some(LoadError {
                path: format!("{path}.database"),
                message: format!("no database named {} in the design", quote(database)),
            }),
            _ => None,
        }
    }

    fn members(dag: &Design) -> (usize, (&'static str, &'static str)) {
        (dag.server_count(), ("member", "members"))
    }

    fn member_name(dag: &Design, index: usize) -> String {
        dag.scenario.servers[index].name.clone()
    }

    fn lost(dag: &Design, failure: Failure<'_, TimedEvent>, keep: &Keep) -> Option<String> {
        let outcome = match failure {
            Failure::AtOnce(failed) => {
                // As the failure matrix fails them: at once, then every database's selection settled.
                let mut simulation = Simulation::new(dag);
                let ids: Vec<_> = dag.server_ids().collect();
                simulation.fail_servers(failed.iter().map(|&i| ids[i]));
                report::outcome(dag, simulation.state(), Vec::new())
            }
            Failure::Events(events) => report::simulate_timed(dag, events),
        };
        let down = |d: &&report::DatabaseReport| d.state != MountState::Mounted;
        let first = match keep {
            Keep::EveryDatabase => outcome.databases.iter().find(down),
            Keep::Database { database } => outcome.databases.iter().filter(|d| &d.name == database).find(down),
        }?;
        Some(format!("{} is {}", first.name, first.state.word()))
    }
}
