//! The `clusterplan` command: a thin shell over clusterplan-core for scripts and CI pipelines.
//!
//! [`run`] takes the arguments and the three standard streams and returns the exit code, so tests drive
//! the real command without spawning a process. Exit codes: 0 fine, 1 the design has an error finding,
//! 2 the input or the arguments could not be used (the message is on stderr).

mod text;

use std::ffi::OsString;
use std::io::{Read, Write};

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use clusterplan_core::cluster::event::{EVENT_FORMS, TimedEvent, check_order};
use clusterplan_core::cluster::ips::{self, IpPlan};
use clusterplan_core::cluster::matrix::{self, FailureMatrix, MatrixReport};
use clusterplan_core::cluster::{self, Design, Options, presets, report, rules};
use clusterplan_core::combinations::TooLarge;
use clusterplan_core::dag;
use clusterplan_core::finding::{Finding, Rule, has_errors};
use clusterplan_core::scenario::{Family, LoadErrors, MAX_SCENARIO_BYTES, Recognised, quote, size_error};
use ipnet::Ipv4Net;
use serde::Serialize;

/// The text after the options in `--help`: files, events, exit codes, examples.
fn after_help() -> String {
    let mut help = String::from(
        "FILE is a scenario JSON file, or - for standard input; `clusterplan preset ID` prints one to start from.\n\n\
         Events for simulate, applied in order; each may end in @TIME (500ms, 30s, 10min, 2h) to happen at that\n\
         time on the virtual clock, otherwise it happens with the event before it:\n",
    );
    let width = EVENT_FORMS.iter().map(|(form, _)| form.len()).max().unwrap_or(0);
    for (form, meaning) in EVENT_FORMS {
        help.push_str(&format!("  {form:width$}  {meaning}\n"));
    }
    help.push_str("\nEvents on a DAG design (\"kind\": \"dag\"), applied in order, untimed:\n");
    let width = dag::event::EVENT_FORMS.iter().map(|(form, _)| form.len()).max().unwrap_or(0);
    for (form, meaning) in dag::event::EVENT_FORMS {
        help.push_str(&format!("  {form:width$}  {meaning}\n"));
    }
    help.push_str(
        "\nExit status: 0 fine; 1 the design has an error finding (validate, ips); 2 the input or the\n\
         arguments could not be used (the message on stderr names the file, the field path or the event).\n\n\
         Examples:\n  \
         clusterplan preset four-node-3a1p > design.json\n  \
         clusterplan validate design.json\n  \
         clusterplan simulate design.json fail:node3 fail:node1 --format text\n  \
         clusterplan simulate --timeline design.json fail:node3@0s fail-resource:EVS1/Store@30s restore:node3@10min\n  \
         clusterplan ips design.json --subnet public=192.168.10.0/24 --subnet private=10.0.0.0/29\n  \
         clusterplan analyze design.json --max-failures 2 --summary\n  \
         clusterplan preset dag-pa-8 > dag.json\n  \
         clusterplan simulate dag.json fail-site:dc1 --format text",
    );
    help
}

/// Plans Exchange 2003 clusters and Exchange 2010–2019 DAGs: validate a design, fail it, count its addresses,
/// and try every failure.
#[derive(Debug, Parser)]
#[command(name = "clusterplan", version)]
struct Cli {
    /// Output format: JSON for programs, text for people.
    #[arg(long, value_enum, default_value_t = Format::Json, global = true)]
    format: Format,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SchemaKind {
    Cluster,
    Dag,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Text,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the built-in presets, one id per line.
    Presets,
    /// Print a preset's scenario JSON.
    Preset {
        /// A preset id, as `clusterplan presets` lists them.
        id: String,
    },
    /// Check a design against every rule; exit 1 when any finding is an error.
    Validate {
        /// Scenario file, or - for standard input.
        file: String,
    },
    /// Start the healthy cluster, apply events in order, and print the outcome (or, with --timeline,
    /// how it unfolds second by second).
    Simulate {
        /// Scenario file, or - for standard input.
        file: String,
        /// Events such as fail:node3, each optionally at a time: fail:node3@0s restore:node3@10min.
        events: Vec<String>,
        /// Print the timeline: every step with its time, subject, change, reason and source.
        #[arg(long)]
        timeline: bool,
        /// Hour of day (0-23) untimed events happen at, for failback windows.
        #[arg(long, value_parser = clap::value_parser!(u8).range(0..=23), conflicts_with = "clock")]
        hour: Option<u8>,
        /// Time of day (HH:MM) at 0 s on the virtual clock: failback windows then open and close with it.
        #[arg(long, value_parser = parse_clock)]
        clock: Option<u32>,
    },
    /// Count the static IP addresses and names, and assign addresses from subnets.
    Ips {
        /// Scenario file, or - for standard input.
        file: String,
        /// A subnet as NETWORK=CIDR, or CIDR for the next network in design order (repeatable).
        #[arg(long = "subnet", value_parser = parse_subnet)]
        subnets: Vec<(Option<String>, Ipv4Net)>,
        /// Usable addresses to leave free at the start of each subnet (gateways).
        #[arg(long, default_value_t = 0)]
        reserve: u32,
    },
    /// Fail every set of up to K nodes (DAG: member servers) at once and report what survives.
    Analyze {
        /// Scenario file, or - for standard input.
        file: String,
        /// The most nodes failing at once (default: all of them).
        #[arg(long)]
        max_failures: Option<usize>,
        /// Print only the summary, not every node set.
        #[arg(long)]
        summary: bool,
    },
    /// Print the JSON Schema of the scenario format (a 2003 cluster, or with `dag` a DAG).
    Schema {
        #[arg(value_enum, default_value_t = SchemaKind::Cluster)]
        kind: SchemaKind,
    },
    /// List every rule with its id, severity and source.
    Rules,
}

fn parse_clock(text: &str) -> Result<u32, String> {
    let (hours, minutes) =
        text.split_once(':').ok_or_else(|| format!("\"{text}\" is not a time of day such as 09:30"))?;
    match (hours.parse::<u32>(), minutes.parse::<u32>()) {
        (Ok(h), Ok(m)) if h < 24 && m < 60 => Ok(h * 3600 + m * 60),
        _ => Err(format!("\"{text}\" is not a time of day such as 09:30")),
    }
}

fn parse_subnet(text: &str) -> Result<(Option<String>, Ipv4Net), String> {
    let (network, cidr) = match text.split_once('=') {
        Some((network, cidr)) => (Some(network.to_string()), cidr),
        None => (None, text),
    };
    if cidr.contains(':') {
        return Err(format!("\"{cidr}\" is IPv6: Windows Server 2003 cluster addresses are IPv4"));
    }
    let subnet: Ipv4Net =
        cidr.parse().map_err(|_| format!("\"{cidr}\" is not an IPv4 subnet in CIDR form, such as 192.168.10.0/24"))?;
    Ok((network, subnet.trunc()))
}

/// What went wrong, for stderr, one line each; always exit code 2.
struct Failure(Vec<String>);

impl Failure {
    fn new(message: impl Into<String>) -> Failure {
        Failure(vec![message.into()])
    }
}

/// Runs the command line `args` (the program name first) and returns the exit code.
pub fn run(
    args: impl IntoIterator<Item = impl Into<OsString> + Clone>,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let parsed = Cli::command()
        .after_help(after_help())
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => {
            // clap quotes what was typed but leaves control characters as they are: escape them, line by line.
            let rendered = error.render().to_string();
            let lines: Vec<String> = rendered.lines().map(|line| text::shown(line).into_owned()).collect();
            let stream: &mut dyn Write = if error.use_stderr() { stderr } else { stdout };
            let _ = writeln!(stream, "{}", lines.join("\n"));
            return error.exit_code();
        }
    };
    let mut stdout = std::io::BufWriter::new(stdout);
    let result = execute(cli, stdin, &mut stdout);
    let flushed = stdout.flush().map_err(|error| Failure::new(format!("cannot write the output: {error}")));
    match result.and_then(|code| flushed.map(|()| code)) {
        Ok(code) => code,
        Err(Failure(lines)) => {
            for line in lines {
                let _ = writeln!(stderr, "clusterplan: {}", text::shown(&line));
            }
            2
        }
    }
}

fn execute(cli: Cli, stdin: &mut dyn Read, stdout: &mut dyn Write) -> Result<i32, Failure> {
    let format = cli.format;
    let mut out = Output { stdout, format };
    match cli.command {
        Command::Presets => {
            let mut text = String::new();
            for (id, _) in presets::PRESETS.iter().chain(dag::presets::PRESETS) {
                text.push_str(id);
                text.push('\n');
            }
            out.raw(&text)?;
            Ok(0)
        }
        Command::Preset { id } => {
            if let Some(scenario) = presets::preset(&id) {
                out.json(&scenario)?;
            } else if let Some(scenario) = dag::presets::preset(&id) {
                out.json(&scenario)?;
            } else {
                let ids: Vec<&str> = presets::PRESETS.iter().chain(dag::presets::PRESETS).map(|(id, _)| *id).collect();
                return Err(Failure::new(format!("no preset {}; presets: {}", quote(&id), ids.join(", "))));
            }
            Ok(0)
        }
        Command::Schema { kind } => {
            out.raw(&match kind {
                SchemaKind::Cluster => cluster::model::schema(),
                SchemaKind::Dag => dag::model::schema(),
            })?;
            Ok(0)
        }
        Command::Rules => {
            let all: Vec<Rule> = rules::RULES.iter().chain(dag::rules::RULES).copied().collect();
            out.emit(&Rules { rules: &all }, |out| text::rules(out, &all))?;
            Ok(0)
        }
        Command::Validate { file } => match load(&file, stdin)? {
            Loaded::Cluster(design) => {
                let findings = rules::validate(&design);
                let (_, mode) = rules::mode(&design);
                out.emit(&Findings { findings: &findings }, |out| text::findings(out, &mode, &findings))?;
                Ok(if has_errors(&findings) { 1 } else { 0 })
            }
            Loaded::Dag(dag) => {
                let findings = dag::rules::validate(&dag);
                let mode = dag::rules::mode(&dag);
                out.emit(&Findings { findings: &findings }, |out| text::findings(out, &mode, &findings))?;
                Ok(if has_errors(&findings) { 1 } else { 0 })
            }
        },
        Command::Simulate { file, events, timeline, hour, clock } => match load(&file, stdin)? {
            Loaded::Cluster(design) => {
                let events = events
                    .iter()
                    .map(|text| TimedEvent::parse(text, &design))
                    .collect::<Result<Vec<_>, _>>()
                    .and_then(|events| check_order(&events, &design).map(|()| events))
                    .map_err(|error| Failure::new(format!("{}: {error}", display_name(&file))))?;
                let options = Options { hour_of_day: hour, clock_start_s: clock };
                if timeline {
                    let played = cluster::timeline::play(&design, &events, options);
                    out.emit(&played, |out| text::timeline(out, &played))?;
                } else {
                    let outcome = report::simulate_timed(&design, &events, options);
                    out.emit(&outcome, |out| text::outcome(out, &outcome))?;
                }
                Ok(0)
            }
            Loaded::Dag(dag) => {
                if timeline || hour.is_some() || clock.is_some() {
                    return Err(Failure::new(format!(
                        "{}: --timeline, --hour and --clock apply to 2003 clusters; a DAG's events are untimed",
                        display_name(&file)
                    )));
                }
                let events = events
                    .iter()
                    .map(|text| dag::Event::parse(text, &dag))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|error| Failure::new(format!("{}: {error}", display_name(&file))))?;
                let outcome = dag::report::simulate(&dag, &events);
                out.emit(&outcome, |out| text::dag_outcome(out, &outcome))?;
                Ok(0)
            }
        },
        Command::Ips { file, subnets, reserve } => match load(&file, stdin)? {
            Loaded::Cluster(design) => {
                let subnets = ips::match_subnets(&design, &subnets)
                    .map_err(|message| Failure::new(format!("--subnet: {message}")))?;
                let plan: IpPlan = ips::plan(&design, &subnets, reserve);
                out.emit(&plan, |out| text::ip_plan(out, &plan))?;
                Ok(if has_errors(&plan.findings) { 1 } else { 0 })
            }
            Loaded::Dag(dag) => {
                if !subnets.is_empty() {
                    return Err(Failure::new(
                        "--subnet: a DAG's subnets are per site, in the file (networks[].subnets[].cidr)",
                    ));
                }
                let plan = dag::ips::plan(&dag, reserve);
                out.emit(&plan, |out| text::dag_ip_plan(out, &plan))?;
                Ok(if has_errors(&plan.findings) { 1 } else { 0 })
            }
        },
        Command::Analyze { file, max_failures, summary } => {
            let too_large = |error: TooLarge| {
                let mut advice = Vec::new();
                if let Some(k) = error.fits {
                    advice.push(format!("--max-failures {k}"));
                }
                if error.summary_fits {
                    advice.push("--summary".to_string());
                }
                let advice =
                    if advice.is_empty() { String::new() } else { format!(": ask for {}", advice.join(" or ")) };
                Failure::new(format!("{}: {error}{advice}", display_name(&file)))
            };
            match load(&file, stdin)? {
                Loaded::Cluster(design) if summary => {
                    let summary = matrix::Summary::compute(&design, max_failures).map_err(too_large)?;
                    let report = MatrixReport { summary, rows: None };
                    out.emit(&report, |out| text::matrix(out, &report))?;
                }
                Loaded::Cluster(design) => {
                    let matrix = FailureMatrix::compute(&design, max_failures).map_err(too_large)?;
                    let report = matrix.report(&design, true);
                    out.emit(&report, |out| text::matrix(out, &report))?;
                }
                Loaded::Dag(dag) if summary => {
                    let summary = dag::matrix::Summary::compute(&dag, max_failures).map_err(too_large)?;
                    let report = dag::matrix::MatrixReport { summary, rows: None };
                    out.emit(&report, |out| text::dag_matrix(out, &report))?;
                }
                Loaded::Dag(dag) => {
                    let matrix = dag::matrix::FailureMatrix::compute(&dag, max_failures).map_err(too_large)?;
                    let report = matrix.report(&dag, true);
                    out.emit(&report, |out| text::dag_matrix(out, &report))?;
                }
            }
            Ok(0)
        }
    }
}

#[derive(Serialize)]
struct Findings<'a> {
    findings: &'a [Finding],
}

#[derive(Serialize)]
struct Rules<'a> {
    rules: &'a [Rule],
}

struct Output<'a> {
    stdout: &'a mut dyn Write,
    format: Format,
}

fn write_failure(error: impl std::fmt::Display) -> Failure {
    Failure::new(format!("cannot write the output: {error}"))
}

impl Output<'_> {
    fn raw(&mut self, text: &str) -> Result<(), Failure> {
        self.stdout.write_all(text.as_bytes()).map_err(write_failure)
    }

    /// Pretty JSON, written as it is made: a large report is never held whole.
    fn json(&mut self, value: &impl Serialize) -> Result<(), Failure> {
        serde_json::to_writer_pretty(&mut *self.stdout, value).map_err(write_failure)?;
        self.raw("\n")
    }

    /// JSON, or the text that `text` writes when `--format text` was asked for.
    fn emit(
        &mut self,
        value: &impl Serialize,
        text: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Failure> {
        match self.format {
            Format::Json => self.json(value),
            Format::Text => text(self.stdout).map_err(write_failure),
        }
    }
}

fn display_name(file: &str) -> &str {
    if file == "-" { "<stdin>" } else { file }
}

/// A design read from a file: a 2003 cluster or a DAG.
enum Loaded {
    Cluster(Box<Design>),
    Dag(Box<dag::Design>),
}

/// Reads and resolves a scenario; every error names the file and, where it can, the field path. A file
/// over [`MAX_SCENARIO_BYTES`] is refused before it is read whole; when the document is too broken to say
/// plainly which family it is, the errors end with the family assumed and why.
fn load(file: &str, stdin: &mut dyn Read) -> Result<Loaded, Failure> {
    let name = display_name(file);
    let cannot_read = |error: std::io::Error| Failure::new(format!("cannot read {name}: {error}"));
    let mut bytes = Vec::new();
    if file == "-" {
        stdin.take(MAX_SCENARIO_BYTES + 1).read_to_end(&mut bytes).map_err(cannot_read)?;
    } else {
        let opened = std::fs::File::open(file).map_err(cannot_read)?;
        if let Some(message) = opened.metadata().ok().and_then(|m| size_error(m.len())) {
            return Err(Failure::new(format!("{name}: {message}")));
        }
        opened.take(MAX_SCENARIO_BYTES + 1).read_to_end(&mut bytes).map_err(cannot_read)?;
    }
    if bytes.len() as u64 > MAX_SCENARIO_BYTES {
        return Err(Failure::new(format!(
            "{name}: it is more than the {MAX_SCENARIO_BYTES} bytes ({} MiB) a scenario may be",
            MAX_SCENARIO_BYTES >> 20
        )));
    }
    let text = String::from_utf8(bytes).map_err(|error| {
        Failure::new(format!("{name}: it is not UTF-8 text (byte {})", error.utf8_error().valid_up_to()))
    })?;
    let recognised = Family::recognise(&text);
    let failure = |errors: LoadErrors| {
        let mut lines: Vec<String> = errors.0.iter().map(|e| format!("{name}: {e}")).collect();
        if !recognised.certain {
            lines.push(format!("{name}: {}", assumed(&recognised)));
        }
        Failure(lines)
    };
    match recognised.family {
        Family::Dag => dag::Design::from_json(&text).map(|dag| Loaded::Dag(Box::new(dag))).map_err(failure),
        Family::Cluster => Design::from_json(&text).map(|design| Loaded::Cluster(Box::new(design))).map_err(failure),
    }
}

/// Which format a broken document was read as, and why.
fn assumed(recognised: &Recognised) -> String {
    let family = match recognised.family {
        Family::Dag => "a DAG design (Exchange 2010–2019)",
        Family::Cluster => "a 2003 cluster design",
    };
    format!("read as {family} because {}", recognised.why())
}
