//! The `clusterplan` command: a thin shell over clusterplan-core for scripts and CI pipelines.
//!
//! [`run`] takes the arguments and the three standard streams and returns the exit code, so tests drive
//! the real command without spawning a process. Exit codes: 0 fine, 1 the design has an error finding,
//! 2 the input or the arguments could not be used (the message is on stderr).

mod text;

use std::ffi::OsString;
use std::io::{Read, Write};

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use clusterplan_core::cluster::event::EVENT_FORMS;
use clusterplan_core::dag;
use clusterplan_core::scenario::{MAX_SCENARIO_BYTES, size_error};
use clusterplan_core::verbs::{self, Analysis, Code, Loaded, Options, Planned, Refusal, Simulated};
use dag::import::Source;
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
         clusterplan simulate dag.json fail-site:dc1 --format text\n  \
         clusterplan link dag.json fail-site:dc1 --base https://example.org/clusterplan/",
    );
    help
}

/// Plans Exchange 2003 clusters and Exchange 2010 to SE DAGs: validate a design, fail it, count its addresses,
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
    /// A lesson file, of either family.
    Lesson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Text,
    /// The report's formats (`clusterplan report`).
    Html,
    Markdown,
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
        #[arg(long, conflicts_with = "at")]
        timeline: bool,
        /// Print the design as it stands at this time of the script (21s, 10min, 1h), and the steps told
        /// then: what the planner's player shows at that time.
        #[arg(long)]
        at: Option<String>,
        /// Hour of day (0-23) untimed events happen at, for failback windows.
        #[arg(long, value_parser = clap::value_parser!(u8).range(0..=23), conflicts_with = "clock")]
        hour: Option<u8>,
        /// Time of day (HH:MM) at 0 s on the virtual clock: failback windows then open and close with it.
        #[arg(long, value_parser = parse_clock)]
        clock: Option<String>,
    },
    /// Count the static IP addresses and names, and assign addresses from subnets.
    Ips {
        /// Scenario file, or - for standard input.
        file: String,
        /// A subnet as NETWORK=CIDR, or CIDR for the next network in design order (repeatable).
        #[arg(long = "subnet", value_parser = parse_subnet)]
        subnets: Vec<String>,
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
    /// Write a script's operator steps as the commands that do them (the Exchange Management Shell and the
    /// maintenance scripts for a DAG, cluster.exe for a 2003 cluster), in order, each with the check to run
    /// before the next and what the simulation expects it to show; failures in the script are what happens.
    Runbook {
        /// Scenario file, or - for standard input.
        file: String,
        /// The script: operator steps (maintenance:ex1, suspend-copy:db1@ex2, pause:node4, move:EVS1=node2)
        /// and failures, each optionally at a time.
        events: Vec<String>,
    },
    /// Print a rolling patch of the design as a timed script, one event a line: every node paused, its
    /// groups moved off, rebooted and resumed in turn (2003); every member in maintenance, rebooted and out of
    /// it in turn, then the databases redistributed (DAG). Pass it to runbook for the commands.
    RollingPatch {
        /// Scenario file, or - for standard input.
        file: String,
    },
    /// Play the design's own failure script and a fork of it on the same clock: the fork keeps the script's
    /// steps before --at and from then on plays its own. Prints the fork's whole script, what each leaves of the
    /// service (what serves at the end, downtime, data at risk) and which kept more.
    Fork {
        /// Scenario file, or - for standard input.
        file: String,
        /// The moment the fork leaves the script, such as 0s or 10min.
        #[arg(long)]
        at: String,
        /// What the fork does differently, in a few words.
        #[arg(long, default_value = "")]
        name: String,
        /// The fork's own steps, each at or after --at (fail:ex1@1min, restore:ex1@5min).
        steps: Vec<String>,
    },
    /// Print a share link's fragment (#z=…) that opens the design, with these events applied, in the
    /// browser planner: append it to the planner's address (or pass --base).
    Link {
        /// Scenario file, or - for standard input.
        file: String,
        /// Events such as fail:node3, as the planner applies them (no times).
        events: Vec<String>,
        /// The planner's address to put before the fragment, such as https://example.org/clusterplan/.
        #[arg(long, default_value = "")]
        base: String,
    },
    /// Write the design's report, to send or print: the diagram, the design, the findings with their
    /// sources, the IP and name plan, what survives and the assumptions (--format html, the default here,
    /// or markdown).
    Report {
        /// Scenario file, or - for standard input.
        file: String,
    },
    /// Write what an architect hands on: a DAG's Exchange Management Shell commands (powershell), a 2003
    /// cluster's cluster.exe commands (cluster-exe), the IP plan as CSV (csv), the diagram (svg), or a DAG as
    /// the Role Requirements Calculator's files (calculator, into DIR).
    Export {
        /// Scenario file, or - for standard input.
        file: String,
        /// What to write: powershell (DAGs), cluster-exe (2003 clusters), csv, svg, runbook (the design's own
        /// failure script, as `clusterplan runbook` writes it) or calculator (DAGs).
        #[arg(long)]
        to: String,
        /// The folder the calculator export writes DAGInfo.csv, MailboxDatabases.csv,
        /// MailboxDatabaseCopies.csv and Servers.csv into (made if missing).
        dir: Option<String>,
    },
    /// Read a DAG from elsewhere and print its scenario JSON; what was assumed or left out goes to stderr.
    /// --from calculator: the Role Requirements Calculator's CSV files (DAGInfo.csv, MailboxDatabases.csv,
    /// MailboxDatabaseCopies.csv, Servers.csv); --from ems: the document `clusterplan collector` writes from
    /// a running DAG.
    Import {
        /// calculator or ems.
        #[arg(long)]
        from: String,
        /// The DAG to import when the files hold several (default: the first).
        #[arg(long)]
        dag: Option<String>,
        /// The files, or - for standard input (one document).
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Print the read-only PowerShell collector that writes a running DAG's document for
    /// `clusterplan import --from ems` (run it in the Exchange Management Shell on a DAG member).
    Collector,
    /// Compare a planned DAG with a running one (a scenario, or the collector's document): members, sites,
    /// copies, preferences, lag, settings, live state, and the failure modes side by side. Exit 1 when they
    /// differ.
    Diff {
        /// The planned DAG's scenario file.
        plan: String,
        /// The running DAG: a scenario file or the collector's document.
        running: String,
    },
    /// The built-in lessons, and lessons as files: their questions answered by the engine.
    #[command(subcommand)]
    Lesson(LessonCommand),
    /// Print the JSON Schema of the scenario format (a 2003 cluster, or with `dag` a DAG), or with `lesson`
    /// of a lesson file.
    Schema {
        #[arg(value_enum, default_value_t = SchemaKind::Cluster)]
        kind: SchemaKind,
    },
    /// List every rule with its id, severity and source.
    Rules,
}

#[derive(Debug, Subcommand)]
enum LessonCommand {
    /// List the built-in lessons of both families: id, family, questions and title.
    List,
    /// Print a built-in lesson as a lesson file, to edit or to share.
    Show {
        /// A lesson id, as `clusterplan lesson list` lists them.
        id: String,
    },
    /// Play a lesson (a file, - for standard input, or a built-in lesson's id) and answer every question at
    /// its step, with the engine's explanation and source. Exit 2, with the path of each problem, for a
    /// lesson that cannot be played.
    Check {
        /// A lesson file, - for standard input, or a built-in lesson's id.
        lesson: String,
    },
}

/// Checks a `--clock` as the option is read, so clap names the flag; the text goes on to the verb.
fn parse_clock(text: &str) -> Result<String, String> {
    verbs::parse_clock(text).map(|_| text.to_string())
}

/// Checks a `--subnet` as the option is read, so clap names the flag; the text goes on to the verb.
fn parse_subnet(text: &str) -> Result<String, String> {
    verbs::parse_subnet(text).map(|_| text.to_string())
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
    let result = execute(cli, stdin, &mut stdout, stderr);
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

fn execute(cli: Cli, stdin: &mut dyn Read, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<i32, Failure> {
    let format = cli.format;
    let report = matches!(cli.command, Command::Report { .. });
    if matches!(format, Format::Html | Format::Markdown) && !report {
        return Err(Failure::new("--format: html and markdown are the report's; this command prints json or text"));
    }
    let mut out = Output { stdout, format };
    match cli.command {
        Command::Presets => {
            let mut text = String::new();
            for id in verbs::presets() {
                text.push_str(id);
                text.push('\n');
            }
            out.raw(&text)?;
            Ok(0)
        }
        Command::Preset { id } => {
            let preset = verbs::preset(&id).map_err(|refusal| refused(None, refusal))?;
            out.json(&preset)?;
            Ok(0)
        }
        Command::Schema { kind } => {
            let schema = match kind {
                SchemaKind::Cluster => verbs::schema(Some("cluster")),
                SchemaKind::Dag => verbs::schema(Some("dag")),
                SchemaKind::Lesson => Ok(verbs::lesson_schema()),
            };
            out.raw(&schema.map_err(|refusal| refused(None, refusal))?)?;
            Ok(0)
        }
        Command::Lesson(LessonCommand::List) => {
            let lessons = verbs::lessons();
            out.emit(&lessons, |out| text::lessons(out, &lessons))?;
            Ok(0)
        }
        Command::Lesson(LessonCommand::Show { id }) => {
            out.json(&verbs::lesson_file(&id).map_err(|refusal| refused(None, refusal))?)?;
            Ok(0)
        }
        Command::Lesson(LessonCommand::Check { lesson }) => {
            // A built-in lesson's id, unless a file of that name is there.
            let built_in = lesson != "-" && !std::path::Path::new(&lesson).exists();
            let file = if built_in {
                verbs::lesson_file(&lesson).map_err(|refusal| refused(None, refusal))?
            } else {
                let bytes = read_bytes(&lesson, stdin, "lesson")?;
                let json = String::from_utf8(bytes).map_err(|_| {
                    Failure::new(format!("{}: a lesson file is UTF-8 JSON text", display_name(&lesson)))
                })?;
                verbs::load_lesson(&json).map_err(|refusal| refused(Some(&lesson), refusal))?
            };
            let checked =
                verbs::check_lesson(&file).map_err(|refusal| refused((!built_in).then_some(&lesson), refusal))?;
            out.emit(&checked, |out| text::checked_lesson(out, &checked))?;
            Ok(0)
        }
        Command::Rules => {
            let all = verbs::rules();
            out.emit(&all, |out| text::rules(out, &all.rules))?;
            Ok(0)
        }
        Command::Validate { file } => {
            let validation = verbs::validate(&load(&file, stdin)?);
            out.emit(&validation, |out| text::findings(out, &validation.mode, &validation.findings))?;
            Ok(if validation.has_errors() { 1 } else { 0 })
        }
        Command::Simulate { file, events, timeline, at, hour, clock } => {
            let loaded = load(&file, stdin)?;
            let options = Options { hour, clock, ..Options::default() };
            let refused = |refusal| refused(Some(&file), refusal);
            if let Some(at) = at {
                let moment = verbs::moment(&loaded, &events, &options, &at).map_err(refused)?;
                out.emit(&moment, |out| text::moment(out, &moment))?;
            } else if timeline {
                let played = verbs::timeline(&loaded, &events, &options).map_err(refused)?;
                match &played {
                    verbs::Played::Cluster(timeline) => out.emit(&played, |out| text::timeline(out, timeline))?,
                    verbs::Played::Dag(timeline) => out.emit(&played, |out| text::dag_timeline(out, timeline))?,
                }
            } else {
                match verbs::simulate(&loaded, &events, &options).map_err(refused)? {
                    Simulated::Cluster(outcome) => out.emit(&outcome, |out| text::outcome(out, &outcome))?,
                    Simulated::Dag(outcome) => out.emit(&outcome, |out| text::dag_outcome(out, &outcome))?,
                }
            }
            Ok(0)
        }
        Command::Runbook { file, events } => {
            let loaded = load(&file, stdin)?;
            let runbook = verbs::runbook(&loaded, &events, &Options::default()).map_err(|r| refused(Some(&file), r))?;
            out.emit(&runbook, |out| write!(out, "{}", clusterplan_core::runbook::text(&runbook)))?;
            Ok(if runbook.steps.iter().any(|s| s.refused.is_some() && s.operator) { 1 } else { 0 })
        }
        Command::RollingPatch { file } => {
            let loaded = load(&file, stdin)?;
            let script = verbs::rolling_patch(&loaded, &Options::default()).map_err(|r| refused(Some(&file), r))?;
            out.emit(&script, |out| script.iter().try_for_each(|line| writeln!(out, "{line}")))?;
            Ok(0)
        }
        Command::Fork { file, at, name, steps } => {
            let loaded = load(&file, stdin)?;
            let fork = clusterplan_core::fork::Fork { name, at, steps };
            let forked = verbs::fork(&loaded, &fork, &Options::default()).map_err(|r| refused(Some(&file), r))?;
            out.emit(&forked, |out| text::forked(out, &forked))?;
            Ok(0)
        }
        Command::Link { file, events, base } => {
            let loaded = load(&file, stdin)?;
            let fragment = verbs::link(&loaded, &events).map_err(|refusal| refused(Some(&file), refusal))?;
            // The DAG planner lives under dag/ of the 2003 planner's address.
            let page = match (&loaded, base.is_empty()) {
                (verbs::Loaded::Dag(_), false) => format!("{}/dag/", base.trim_end_matches('/')),
                _ => base,
            };
            out.raw(&format!("{page}#{fragment}\n"))?;
            Ok(0)
        }
        Command::Report { file } => {
            if out.format == Format::Text {
                return Err(Failure::new("--format: a report is html (the default) or markdown".to_string()));
            }
            let format = if out.format == Format::Markdown { "markdown" } else { "html" };
            let loaded = load(&file, stdin)?;
            out.raw(&verbs::report(&loaded, format).map_err(|refusal| refused(Some(&file), refusal))?)?;
            Ok(0)
        }
        Command::Export { file, to, dir } => {
            let loaded = load(&file, stdin)?;
            if to != "calculator" {
                if dir.is_some() {
                    return Err(Failure::new("a folder is for --to calculator; this export prints on stdout"));
                }
                out.raw(&verbs::export(&loaded, &to).map_err(|refusal| refused(Some(&file), refusal))?)?;
                return Ok(0);
            }
            let exported = verbs::export_files(&loaded, &to).map_err(|refusal| refused(Some(&file), refusal))?;
            let Some(dir) = dir else {
                return Err(Failure::new("--to calculator writes four files: name the folder after the file"));
            };
            let dir = std::path::Path::new(&dir);
            std::fs::create_dir_all(dir)
                .map_err(|error| Failure::new(format!("cannot make {}: {error}", dir.display())))?;
            for (name, text) in &exported.files {
                let path = dir.join(name);
                std::fs::write(&path, text)
                    .map_err(|error| Failure::new(format!("cannot write {}: {error}", path.display())))?;
                out.raw(&format!("{}\n", path.display()))?;
            }
            notes(stderr, &exported.notes);
            Ok(0)
        }
        Command::Import { from, dag, files } => {
            let mut read = Vec::with_capacity(files.len());
            for file in &files {
                read.push((display_name(file).to_string(), read_bytes(file, stdin, "file")?));
            }
            let sources: Vec<Source<'_>> = read.iter().map(|(name, bytes)| Source { name, bytes }).collect();
            let imported = verbs::import(&from, &sources, dag.as_deref()).map_err(|refusal| refused(None, refusal))?;
            notes(stderr, &imported.notes);
            out.json(&imported.scenario)?;
            Ok(0)
        }
        Command::Collector => {
            out.raw(verbs::collector())?;
            Ok(0)
        }
        Command::Diff { plan, running } => {
            let planned = load(&plan, stdin)?;
            let bytes = read_bytes(&running, stdin, "file")?;
            let name = display_name(&running);
            // The collector's document as it is, or a scenario.
            let running_design = match verbs::import("ems", &[Source { name, bytes: &bytes }], None) {
                Ok(imported) => verbs::Loaded::Dag(Box::new(
                    dag::Design::new(imported.scenario).map_err(|errors| Failure::new(format!("{name}: {errors}")))?,
                )),
                Err(_) if verbs::import_kind(&[(name, &bytes)]).is_none() => load(&running, &mut bytes.as_slice())?,
                Err(refusal) => return Err(refused(None, refusal)),
            };
            let drift = verbs::diff(&planned, &running_design).map_err(|refusal| refused(Some(&running), refusal))?;
            out.emit(&drift, |out| out.write_all(dag::drift::text(&drift).as_bytes()))?;
            Ok(if drift.same { 0 } else { 1 })
        }
        Command::Ips { file, subnets, reserve } => {
            let loaded = load(&file, stdin)?;
            let options = Options { subnets, reserve, ..Options::default() };
            let plan = verbs::ips(&loaded, &options).map_err(|refusal| refused(Some(&file), refusal))?;
            match &plan {
                Planned::Cluster(plan) => out.emit(plan, |out| text::ip_plan(out, plan))?,
                Planned::Dag(plan) => out.emit(plan, |out| text::dag_ip_plan(out, plan))?,
            }
            Ok(if plan.has_errors() { 1 } else { 0 })
        }
        Command::Analyze { file, max_failures, summary } => {
            let loaded = load(&file, stdin)?;
            let options = Options { max_failures, summary, ..Options::default() };
            let written = verbs::analyze(&loaded, &options, &mut |_, _| {}, |analysis| match &analysis {
                Analysis::Cluster(report) => out.emit(&analysis, |out| text::matrix(out, report)),
                Analysis::Dag(report) => out.emit(&analysis, |out| text::dag_matrix(out, report)),
            });
            match written {
                Ok(written) => written.map(|()| 0),
                Err(refusal) => {
                    let mut advice = Vec::new();
                    if let Some(too_large) = &refusal.too_large {
                        if let Some(k) = too_large.fits {
                            advice.push(format!("--max-failures {k}"));
                        }
                        if too_large.summary_fits {
                            advice.push("--summary".to_string());
                        }
                    }
                    let mut failure = refused(Some(&file), refusal);
                    if let (Some(line), false) = (failure.0.first_mut(), advice.is_empty()) {
                        line.push_str(&format!(": ask for {}", advice.join(" or ")));
                    }
                    Err(failure)
                }
            }
        }
    }
}

/// A refusal as the command line says it: each problem after the file's name, with its field path in the
/// design, and an option named by its flag.
fn refused(file: Option<&str>, refusal: Refusal) -> Failure {
    let lines = refusal.errors.into_iter().map(|error| {
        let flag = match error.path.as_str() {
            "subnets" => Some("--subnet"),
            "hour" => Some("--hour"),
            "clock" => Some("--clock"),
            "timeline" => Some("--timeline"),
            "at" => Some("--at"),
            "to" => Some("--to"),
            "from" => Some("--from"),
            _ => None,
        };
        let line = match (refusal.code, flag) {
            (Code::Load, _) if !error.path.is_empty() => format!("{}: {}", error.path, error.message),
            (Code::Arguments, Some(flag)) => format!("{flag}: {}", error.message),
            _ => error.message,
        };
        match file {
            Some(file) => format!("{}: {line}", display_name(file)),
            None => line,
        }
    });
    Failure(lines.collect())
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
            // Refused before any command runs.
            Format::Html | Format::Markdown => Err(Failure::new("--format: a report's format")),
        }
    }
}

fn display_name(file: &str) -> &str {
    if file == "-" { "<stdin>" } else { file }
}

/// What an import assumed or left out, on stderr, one line each.
fn notes(stderr: &mut dyn Write, notes: &[dag::import::Note]) {
    for note in notes {
        let kind = match note.kind {
            dag::import::NoteKind::Assumed => "assumed",
            dag::import::NoteKind::LeftOut => "left out",
        };
        let _ = writeln!(stderr, "clusterplan: note: {}: {kind}: {}", note.file, text::shown(&note.message));
    }
}

/// A file's bytes (or standard input's), refused over [`MAX_SCENARIO_BYTES`] before they are read whole.
fn read_bytes(file: &str, stdin: &mut dyn Read, what: &str) -> Result<Vec<u8>, Failure> {
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
            "{name}: it is more than the {MAX_SCENARIO_BYTES} bytes ({} MiB) a {what} may be",
            MAX_SCENARIO_BYTES >> 20
        )));
    }
    Ok(bytes)
}

/// Reads a scenario file (or standard input) and hands its text to [`verbs::load`]; every error names the
/// file. A file over [`MAX_SCENARIO_BYTES`] is refused before it is read whole.
fn load(file: &str, stdin: &mut dyn Read) -> Result<Loaded, Failure> {
    let name = display_name(file);
    let bytes = read_bytes(file, stdin, "scenario")?;
    let text = String::from_utf8(bytes).map_err(|error| {
        Failure::new(format!("{name}: it is not UTF-8 text (byte {})", error.utf8_error().valid_up_to()))
    })?;
    verbs::load(&text).map_err(|refusal| refused(Some(file), refusal))
}
