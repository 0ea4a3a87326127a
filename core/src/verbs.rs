//! The command line's verbs as functions of text and options, for every shell over the engine (the
//! `clusterplan` command, the WebAssembly component): one place that reads a design, its events and the
//! flags, picks the family, and makes the report each verb prints. A shell only carries text in and the
//! report or the [`Refusal`] out.

use crate::matrix::Summarised;
use ipnet::Ipv4Net;
use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use crate::cluster::event::{TimedEvent, check_order};
use crate::cluster::{self, ips, matrix, presets, report, rules, timeline};
use crate::combinations::TooLarge;
use crate::dag;
use crate::finding::{Finding, Rule, has_errors};
use crate::read::Read;
use crate::scenario::{EventError, Family, LoadError, LoadErrors, Recognised, quote, size_error};

/// Why a verb could not run: a class a program can act on, and every problem with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: Code,
    /// Each problem: the field path in the design (`groups[2].owner`), the event (`events[1]`) or the
    /// option (`subnets`), and the message the command line prints.
    pub errors: Vec<LoadError>,
    /// For [`Code::TooLarge`]: the numbers, and how far the analysis fits, for the shell's advice.
    pub too_large: Option<Box<TooLarge>>,
}

/// What kind of input a [`Refusal`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// The design could not be read or resolved.
    Load,
    /// An event could not be read or is out of order.
    Event,
    /// An option (a flag on the command line) is wrong or does not apply to the design's family.
    Arguments,
    /// The analysis asked for is larger than the tool works out at once; `Refusal::too_large` says how far
    /// it fits.
    TooLarge,
}

impl Refusal {
    fn one(code: Code, path: &str, message: impl Into<String>) -> Refusal {
        Refusal { code, errors: vec![LoadError { path: path.to_string(), message: message.into() }], too_large: None }
    }

    fn arguments(option: &str, message: impl Into<String>) -> Refusal {
        Refusal::one(Code::Arguments, option, message)
    }

    fn event(index: usize, error: EventError) -> Refusal {
        Refusal::one(Code::Event, &format!("events[{index}]"), error.to_string())
    }

    /// An analysis that does not fit: the numbers, in the first error's message; a shell adds the advice
    /// in its own words (a flag, an option) from [`TooLarge::fits`] and [`TooLarge::summary_fits`].
    fn too_large(error: TooLarge) -> Refusal {
        Refusal { too_large: Some(Box::new(error)), ..Refusal::one(Code::TooLarge, "", error.to_string()) }
    }
}

/// A design read from JSON text: a 2003 cluster or a DAG.
#[derive(Debug, Clone)]
pub enum Loaded {
    Cluster(Box<cluster::Design>),
    Dag(Box<dag::Design>),
}

/// Reads and resolves a scenario of either family. A text over the size limit is refused first; when the
/// document is too broken to say plainly which family it is, the last error says which was assumed and why.
pub fn load(json: &str) -> Result<Loaded, Refusal> {
    if let Some(message) = size_error(json.len() as u64) {
        return Err(Refusal::one(Code::Load, "", message));
    }
    let recognised = Family::recognise(json);
    let refused = |errors: LoadErrors| {
        let mut errors = errors.0;
        if !recognised.certain {
            errors.push(LoadError { path: String::new(), message: assumed(&recognised) });
        }
        Refusal { code: Code::Load, errors, too_large: None }
    };
    match recognised.family {
        Family::Dag => dag::Design::from_json(json).map(|dag| Loaded::Dag(Box::new(dag))).map_err(refused),
        Family::Cluster => {
            cluster::Design::from_json(json).map(|design| Loaded::Cluster(Box::new(design))).map_err(refused)
        }
    }
}

/// Which format a broken document was read as, and why.
fn assumed(recognised: &Recognised) -> String {
    let family = match recognised.family {
        Family::Dag => "a DAG design (Exchange 2010 to SE)",
        Family::Cluster => "a 2003 cluster design",
    };
    format!("read as {family} because {}", recognised.why())
}

/// What the flags carry, for every verb; each verb reads what applies to it and refuses what does not
/// apply to the design's family. Field names as the component's JavaScript options spell them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Read)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    /// Time of day at 0 s on the virtual clock, `HH:MM` (2003 clusters).
    pub clock: Option<String>,
    /// Hour of day (0–23) untimed events happen at, for failback windows (2003 clusters).
    pub hour: Option<u8>,
    /// The most nodes or servers failing at once in an analysis (default: all of them).
    pub max_failures: Option<usize>,
    /// An analysis's summary only, without a row per failure set.
    pub summary: bool,
    /// Subnets for the IP plan, `NETWORK=CIDR` or `CIDR` for the next network in design order (2003
    /// clusters; a DAG's subnets are in its file).
    pub subnets: Vec<String>,
    /// Usable addresses left free at the start of each subnet (gateways).
    pub reserve: u32,
}

/// Reads a time of day, `HH:MM`, as seconds after midnight.
pub fn parse_clock(text: &str) -> Result<u32, String> {
    let wrong = || format!("{} is not a time of day such as 09:30", quote(text));
    let (hours, minutes) = text.split_once(':').ok_or_else(wrong)?;
    match (hours.parse::<u32>(), minutes.parse::<u32>()) {
        (Ok(h), Ok(m)) if h < 24 && m < 60 => Ok(h * 3600 + m * 60),
        _ => Err(wrong()),
    }
}

/// Reads a subnet given for the IP plan: `NETWORK=CIDR`, or `CIDR` for the next network in design order.
pub fn parse_subnet(text: &str) -> Result<(Option<String>, Ipv4Net), String> {
    let (network, cidr) = match text.split_once('=') {
        Some((network, cidr)) => (Some(network.to_string()), cidr),
        None => (None, text),
    };
    if cidr.contains(':') {
        return Err(format!("{} is IPv6: Windows Server 2003 cluster addresses are IPv4", quote(cidr)));
    }
    let subnet: Ipv4Net = cidr
        .parse()
        .map_err(|_| format!("{} is not an IPv4 subnet in CIDR form, such as 192.168.10.0/24", quote(cidr)))?;
    Ok((network, subnet.trunc()))
}

impl Options {
    fn engine_options(&self) -> Result<cluster::Options, Refusal> {
        if self.hour.is_some() && self.clock.is_some() {
            return Err(Refusal::arguments("hour", "give the hour or the clock, not both"));
        }
        if let Some(hour) = self.hour.filter(|&h| h > 23) {
            return Err(Refusal::arguments("hour", format!("{hour} is not an hour of the day (0-23)")));
        }
        let clock_start_s =
            self.clock.as_deref().map(parse_clock).transpose().map_err(|m| Refusal::arguments("clock", m))?;
        Ok(cluster::Options { hour_of_day: self.hour, clock_start_s })
    }

    fn refuse_clock_on_a_dag(&self) -> Result<(), Refusal> {
        match (self.hour, &self.clock) {
            (Some(_), _) => {
                Err(Refusal::arguments("hour", "applies to 2003 clusters' failback windows; a DAG has none"))
            }
            (_, Some(_)) => {
                Err(Refusal::arguments("clock", "applies to 2003 clusters' failback windows; a DAG has none"))
            }
            _ => Ok(()),
        }
    }
}

/// The findings of `validate`, and the design's mode in words (which the text output shows first).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Validation {
    pub findings: Vec<Finding>,
    #[serde(skip)]
    pub mode: String,
}

impl Validation {
    /// Whether any finding is an error (the command exits 1).
    pub fn has_errors(&self) -> bool {
        has_errors(&self.findings)
    }
}

/// Checks a design against every rule of its family.
pub fn validate(loaded: &Loaded) -> Validation {
    match loaded {
        Loaded::Cluster(design) => Validation { findings: rules::validate(design), mode: rules::mode(design).1 },
        Loaded::Dag(dag) => Validation { findings: dag::rules::validate(dag), mode: dag::rules::mode(dag) },
    }
}

/// The outcome of `simulate`: after every event, what runs where.
#[derive(Debug, Clone)]
pub enum Simulated {
    Cluster(Box<report::Outcome>),
    Dag(Box<dag::report::Outcome>),
}

/// Starts the healthy design, applies `events` (the command line's event strings) in order and reports the
/// outcome.
pub fn simulate(loaded: &Loaded, events: &[impl AsRef<str>], options: &Options) -> Result<Simulated, Refusal> {
    match loaded {
        Loaded::Cluster(design) => {
            let engine = options.engine_options()?;
            let events = cluster_events(design, events)?;
            Ok(Simulated::Cluster(Box::new(report::simulate_timed(design, &events, engine))))
        }
        Loaded::Dag(dag) => {
            options.refuse_clock_on_a_dag()?;
            let events = dag_events(dag, events)?;
            Ok(Simulated::Dag(Box::new(dag::report::simulate_timed(dag, &events))))
        }
    }
}

/// The runbook of `events`: each operator step as the commands that do it, with the check that should pass
/// before the next and what the simulation expects it to show; failures and repairs as what happens.
pub fn runbook(
    loaded: &Loaded,
    events: &[impl AsRef<str>],
    options: &Options,
) -> Result<crate::runbook::Runbook, Refusal> {
    match loaded {
        Loaded::Cluster(design) => {
            let engine = options.engine_options()?;
            let events = cluster_events(design, events)?;
            Ok(cluster::runbook::runbook(design, &events, engine))
        }
        Loaded::Dag(dag) => {
            options.refuse_clock_on_a_dag()?;
            let events = dag_events(dag, events)?;
            Ok(dag::runbook::runbook(dag, &events))
        }
    }
}

/// How `events` unfold second by second: every step with its time, subject, change, reason and source,
/// and the outcome (`final`, equal to `simulate`'s).
#[derive(Debug, Clone)]
pub enum Played {
    Cluster(Box<timeline::Timeline>),
    Dag(Box<dag::timeline::Timeline>),
}

/// A played script seen at one time, for either family: the time, the steps told then, and the design as it
/// stands.
#[derive(Debug, Clone)]
pub enum Moment {
    Cluster(Box<crate::timeline::Moment<timeline::Entry, report::Outcome>>),
    Dag(Box<crate::timeline::Moment<dag::timeline::Entry, dag::report::Outcome>>),
}

/// Plays `events` on the virtual clock and gives the moment at `at` (`21s`, `10min`, `1h`): what a player
/// shows then.
pub fn moment(loaded: &Loaded, events: &[impl AsRef<str>], options: &Options, at: &str) -> Result<Moment, Refusal> {
    let t_ms = crate::duration::parse(at).map_err(|_| {
        Refusal::arguments("at", format!("{} is not a time on the script's clock, such as 21s, 10min or 1h", quote(at)))
    })?;
    Ok(match loaded {
        Loaded::Cluster(design) => {
            let played = play_cluster(design, events, options)?;
            Moment::Cluster(Box::new(crate::timeline::Moment::of(&played, design, t_ms)))
        }
        Loaded::Dag(dag) => {
            Moment::Dag(Box::new(crate::timeline::Moment::of(&play_dag(dag, events, options)?, dag, t_ms)))
        }
    })
}

/// A rolling patch of the design, every member in turn, as a timed script (see each family's
/// `runbook::rolling_patch`): what `clusterplan runbook` then writes as commands.
pub fn rolling_patch(loaded: &Loaded, options: &Options) -> Result<Vec<String>, Refusal> {
    Ok(match loaded {
        Loaded::Cluster(design) => cluster::runbook::rolling_patch(design, options.engine_options()?),
        Loaded::Dag(dag) => {
            options.refuse_clock_on_a_dag()?;
            dag::runbook::rolling_patch(dag)
        }
    })
}

/// A script and its fork on one design, as `clusterplan fork` prints them: the fork's whole script, each
/// one's verdict and the sentence comparing them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Forked {
    pub fork: crate::fork::Branch,
    pub script: crate::fork::Verdict,
    #[serde(rename = "forked")]
    pub fork_verdict: crate::fork::Verdict,
    pub compared: String,
}

/// The design's own failure script and `fork` of it, both played: their verdicts compared.
pub fn fork(loaded: &Loaded, fork: &crate::fork::Fork, options: &Options) -> Result<Forked, Refusal> {
    fn both<A: crate::quiz::Asking, P: crate::fork::Service<Design = A::Design>>(
        design: &A::Design,
        trunk: &[String],
        fork: &crate::fork::Fork,
        play: impl Fn(&[String]) -> Result<P, Refusal>,
    ) -> Result<Forked, Refusal> {
        let branch = crate::fork::branch::<A>(design, trunk, fork).map_err(|error| match error.path.as_str() {
            "fork.at" => Refusal::arguments("at", error.message),
            _ => Refusal { code: Code::Event, errors: vec![error], too_large: None },
        })?;
        let (trunk_played, fork_played) = (play(trunk)?, play(&branch.script)?);
        let end = trunk_played.end_ms().max(fork_played.end_ms());
        let script = crate::fork::verdict(&trunk_played, design, end);
        let fork_verdict = crate::fork::verdict(&fork_played, design, end);
        let compared = crate::fork::compared(("The script", &script), (&branch.name, &fork_verdict));
        Ok(Forked { fork: branch, script, fork_verdict, compared })
    }
    match loaded {
        Loaded::Cluster(design) => {
            both::<cluster::questions::Nodes, _>(design, &design.scenario.script, fork, |events| {
                play_cluster(design, events, options)
            })
        }
        Loaded::Dag(dag) => {
            both::<dag::questions::Servers, _>(dag, &dag.scenario.script, fork, |events| play_dag(dag, events, options))
        }
    }
}

/// Plays `events` on the virtual clock, for either family.
pub fn timeline(loaded: &Loaded, events: &[impl AsRef<str>], options: &Options) -> Result<Played, Refusal> {
    Ok(match loaded {
        Loaded::Cluster(design) => Played::Cluster(Box::new(play_cluster(design, events, options)?)),
        Loaded::Dag(dag) => Played::Dag(Box::new(play_dag(dag, events, options)?)),
    })
}

fn play_cluster(
    design: &cluster::Design,
    events: &[impl AsRef<str>],
    options: &Options,
) -> Result<timeline::Timeline, Refusal> {
    let engine = options.engine_options()?;
    Ok(timeline::play(design, &cluster_events(design, events)?, engine))
}

fn play_dag(
    dag: &dag::Design,
    events: &[impl AsRef<str>],
    options: &Options,
) -> Result<dag::timeline::Timeline, Refusal> {
    options.refuse_clock_on_a_dag()?;
    Ok(dag::timeline::play(dag, &dag_events(dag, events)?))
}

fn dag_events(dag: &dag::Design, texts: &[impl AsRef<str>]) -> Result<Vec<dag::event::TimedEvent>, Refusal> {
    let events = texts
        .iter()
        .enumerate()
        .map(|(i, text)| dag::event::TimedEvent::parse(text.as_ref(), dag).map_err(|error| Refusal::event(i, error)))
        .collect::<Result<Vec<_>, _>>()?;
    dag::event::check_order(&events, dag).map_err(|(index, error)| Refusal::event(index, error))?;
    Ok(events)
}

fn cluster_events(design: &cluster::Design, texts: &[impl AsRef<str>]) -> Result<Vec<TimedEvent>, Refusal> {
    let events = texts
        .iter()
        .enumerate()
        .map(|(i, text)| TimedEvent::parse(text.as_ref(), design).map_err(|error| Refusal::event(i, error)))
        .collect::<Result<Vec<_>, _>>()?;
    check_order(&events, design).map_err(|(index, error)| Refusal::event(index, error))?;
    Ok(events)
}

/// The IP plan of `ips`: addresses and names counted, and assigned from subnets.
#[derive(Debug, Clone)]
pub enum Planned {
    Cluster(ips::IpPlan),
    Dag(dag::ips::IpPlan),
}

impl Planned {
    /// Whether any finding is an error (the command exits 1).
    pub fn has_errors(&self) -> bool {
        match self {
            Planned::Cluster(plan) => has_errors(&plan.findings),
            Planned::Dag(plan) => has_errors(&plan.findings),
        }
    }
}

/// Counts the static addresses and names a design needs and assigns them from its subnets (a 2003
/// cluster's may be given in `options.subnets`).
pub fn ips(loaded: &Loaded, options: &Options) -> Result<Planned, Refusal> {
    match loaded {
        Loaded::Cluster(design) => {
            let given = options
                .subnets
                .iter()
                .map(|text| parse_subnet(text))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|message| Refusal::arguments("subnets", message))?;
            let subnets =
                ips::match_subnets(design, &given).map_err(|message| Refusal::arguments("subnets", message))?;
            Ok(Planned::Cluster(ips::plan(design, &subnets, options.reserve)))
        }
        Loaded::Dag(dag) => {
            if !options.subnets.is_empty() {
                return Err(Refusal::arguments(
                    "subnets",
                    "a DAG's subnets are per site, in the file (networks[].subnets[].cidr)",
                ));
            }
            Ok(Planned::Dag(dag::ips::plan(dag, options.reserve)))
        }
    }
}

/// A failure matrix's report, with or without its rows, of either family; rows are made as they are
/// serialised.
pub enum Analysis<'a> {
    Cluster(matrix::MatrixReport<'a>),
    Dag(dag::matrix::MatrixReport<'a>),
}

/// Fails every set of up to `options.max_failures` nodes or servers at once, telling `progress` the sets
/// done and in all as it goes, and hands the report to `emit` (which may write it as it is made); refused
/// before any work when it is larger than the limits allow, the refusal carrying the [`TooLarge`] for the
/// shell's advice.
pub fn analyze<R>(
    loaded: &Loaded,
    options: &Options,
    progress: &mut dyn FnMut(u64, u64),
    emit: impl FnOnce(Analysis<'_>) -> R,
) -> Result<R, Refusal> {
    let refused = Refusal::too_large;
    let max = options.max_failures;
    Ok(match loaded {
        Loaded::Cluster(design) if options.summary => {
            let summary = matrix::Summary::compute_watched(design, max, progress).map_err(refused)?;
            emit(Analysis::Cluster(matrix::MatrixReport { summary, rows: None }))
        }
        Loaded::Cluster(design) => {
            let matrix = matrix::FailureMatrix::compute_watched(design, max, progress).map_err(refused)?;
            emit(Analysis::Cluster(matrix.report(design, true)))
        }
        Loaded::Dag(dag) if options.summary => {
            let summary = dag::matrix::Summary::compute_watched(dag, max, progress).map_err(refused)?;
            emit(Analysis::Dag(dag::matrix::MatrixReport { summary, rows: None }))
        }
        Loaded::Dag(dag) => {
            let matrix = dag::matrix::FailureMatrix::compute_watched(dag, max, progress).map_err(refused)?;
            emit(Analysis::Dag(matrix.report(dag, true)))
        }
    })
}

/// Every preset's id, 2003 clusters first.
/// The share link fragment (without `#`, see [`crate::link`]) that opens `loaded` with `events` applied in
/// either planner; the events are checked as `simulate` checks them. Written compactly: the page reads any
/// JSON, and a link is shorter without the spaces.
pub fn link(loaded: &Loaded, events: &[impl AsRef<str>]) -> Result<String, Refusal> {
    simulate(loaded, events, &Options::default())?;
    let events: Vec<&str> = events.iter().map(AsRef::as_ref).collect();
    let json = match loaded {
        Loaded::Cluster(design) => serde_json::to_string(&Shared { scenario: &design.scenario, events }),
        Loaded::Dag(dag) => serde_json::to_string(&Shared { scenario: &dag.scenario, events }),
    }
    .expect("a design serialises");
    Ok(crate::link::write(&json))
}

/// The report an architect hands on ([`crate::document`]), as `html` (a standalone page, its print
/// stylesheet inside) or `markdown`.
pub fn report(loaded: &Loaded, format: &str) -> Result<String, Refusal> {
    let document = match loaded {
        Loaded::Cluster(design) => cluster::document::document(design),
        Loaded::Dag(dag) => dag::document::document(dag),
    };
    match format {
        "html" => Ok(crate::document::html(&document, true)),
        "markdown" => Ok(crate::document::markdown(&document)),
        _ => Err(Refusal::arguments("format", format!("a report is html or markdown, not {}", quote(format)))),
    }
}

/// What a design is exported as: `powershell` (a DAG's Exchange Management Shell commands,
/// [`dag::deploy`]), `cluster-exe` (a 2003 cluster's cluster.exe commands, [`cluster::deploy`]), `csv` (the IP plan, either family: holder, network, site, subnet, address; a row for
/// each static address, without an address where the design gives no subnet) or `svg` (the healthy design's
/// diagram, either family, as the report draws it) or `runbook` (the design's own failure script as a
/// runbook, [`runbook`]).
pub fn export(loaded: &Loaded, to: &str) -> Result<String, Refusal> {
    match (to, loaded) {
        ("runbook", _) => {
            let script = match loaded {
                Loaded::Cluster(design) => design.scenario.script.clone(),
                Loaded::Dag(dag) => dag.scenario.script.clone(),
            };
            if script.is_empty() {
                return Err(Refusal::arguments(
                    "to",
                    "the design has no failure script to write as a runbook: write one in the planner's timeline panel",
                ));
            }
            Ok(crate::runbook::text(&runbook(loaded, &script, &Options::default())?))
        }
        ("powershell", Loaded::Dag(dag)) => Ok(dag::deploy::powershell(dag)),
        ("powershell", Loaded::Cluster(_)) => Err(Refusal::arguments(
            "to",
            "Windows Server 2003 clusters have no failover-cluster PowerShell: ask for cluster-exe",
        )),
        ("cluster-exe", Loaded::Cluster(design)) => Ok(cluster::deploy::cluster_exe(design)),
        ("cluster-exe", Loaded::Dag(_)) => Err(Refusal::arguments(
            "to",
            "a DAG is built with the Exchange Management Shell, not cluster.exe: ask for powershell",
        )),
        ("svg", Loaded::Cluster(design)) => {
            Ok(cluster::drawing::svg(&design.scenario, &report::simulate(design, &[], cluster::Options::default())))
        }
        ("svg", Loaded::Dag(dag)) => Ok(dag::drawing::svg(&dag.scenario, &dag::report::simulate(dag, &[]))),
        ("csv", Loaded::Cluster(design)) => {
            let plan = ips::plan(design, &ips::scenario_subnets(design), 0);
            let rows = plan.assignments.iter().map(|a| {
                let text = |value: Option<String>| value.unwrap_or_default();
                [
                    a.holder.clone(),
                    text(a.network.clone()),
                    String::new(),
                    text(a.subnet.map(|s| s.to_string())),
                    text(a.address.map(|s| s.to_string())),
                ]
            });
            Ok(csv(rows))
        }
        ("csv", Loaded::Dag(dag)) => {
            let plan = dag::ips::plan(dag, 0);
            let rows = plan.subnets.iter().flat_map(|subnet| {
                subnet.addresses.iter().map(|a| {
                    let cidr = subnet.cidr.clone().unwrap_or_default();
                    [
                        a.holder.clone(),
                        subnet.network.clone(),
                        subnet.site.clone(),
                        cidr,
                        a.address.clone().unwrap_or_default(),
                    ]
                })
            });
            Ok(csv(rows))
        }
        _ => Err(Refusal::arguments(
            "to",
            format!("no export named {}: powershell, cluster-exe, csv, svg, runbook or calculator", quote(to)),
        )),
    }
}

/// Reads designs users bring from elsewhere: `calculator` (the Role Requirements Calculator's CSV files) or
/// `ems` (the collector's JSON document of a running DAG); `dag` names the DAG when the files hold several.
/// A problem is refused with the file and the line or JSON path as its path.
pub fn import(
    from: &str,
    files: &[dag::import::Source<'_>],
    dag: Option<&str>,
) -> Result<dag::import::Imported, Refusal> {
    let refused = |problems: Vec<dag::import::Problem>| Refusal {
        code: Code::Load,
        errors: problems
            .into_iter()
            .map(|p| LoadError {
                path: if p.at.is_empty() { p.file } else { format!("{}, {}", p.file, p.at) },
                message: p.message,
            })
            .collect(),
        too_large: None,
    };
    match from {
        "calculator" => dag::import::calculator::import(files, dag).map_err(refused),
        "ems" => match files {
            [file] => dag::import::ems::import(file, dag).map_err(|p| refused(vec![p])),
            _ => Err(Refusal::arguments(
                "from",
                format!("the collector writes one document; {} files were given", files.len()),
            )),
        },
        _ => Err(Refusal::arguments("from", format!("no import named {}: calculator or ems", quote(from)))),
    }
}

/// What import reads `files` (name and bytes): `calculator` when any is a CSV file, `ems` for one document
/// that names the collector's cmdlets, `None` for a design file.
pub fn import_kind(files: &[(&str, &[u8])]) -> Option<&'static str> {
    if files.iter().any(|(name, _)| name.to_ascii_lowercase().ends_with(".csv")) {
        return Some("calculator");
    }
    match files {
        [(_, bytes)] => dag::import::decode(bytes)
            .is_ok_and(|(text, _)| text.contains("\"Get-DatabaseAvailabilityGroup\""))
            .then_some("ems"),
        _ => None,
    }
}

/// The files an export writes, where it writes several (`calculator`: the Role Requirements Calculator's
/// CSV files, for a DAG), and what they cannot hold.
pub fn export_files(loaded: &Loaded, to: &str) -> Result<dag::import::calculator::Exported, Refusal> {
    match (to, loaded) {
        ("calculator", Loaded::Dag(dag)) => dag::import::calculator::export(dag)
            .map_err(|p| Refusal::one(Code::Load, &p.at, format!("{}: {}", p.file, p.message))),
        ("calculator", Loaded::Cluster(_)) => Err(Refusal::arguments(
            "to",
            "the Role Requirements Calculator sizes DAGs; a Windows Server 2003 cluster has no such files",
        )),
        _ => Err(Refusal::arguments("to", format!("{} is not an export of several files: calculator", quote(to)))),
    }
}

/// What differs between a planned DAG and a running one.
pub fn diff(plan: &Loaded, running: &Loaded) -> Result<dag::drift::Drift, Refusal> {
    match (plan, running) {
        (Loaded::Dag(plan), Loaded::Dag(running)) => dag::drift::diff(plan, running).map_err(Refusal::too_large),
        _ => Err(Refusal::one(Code::Load, "", "drift compares two DAGs: a Windows Server 2003 cluster runs no DAG")),
    }
}

/// The collector that writes a running DAG's document for [`import`] (`ems`).
pub fn collector() -> &'static str {
    dag::import::ems::COLLECTOR
}

/// CSV (RFC 4180) with a header: a field with a comma, a quote or a line break is quoted, and one that a
/// spreadsheet would read as a formula (=, +, -, @ first) starts with an apostrophe.
fn csv(rows: impl Iterator<Item = [String; 5]>) -> String {
    let field = |text: &str| {
        let text = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_string() };
        if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
    };
    let mut out = String::from("holder,network,site,subnet,address\r\n");
    for row in rows {
        out.push_str(&row.iter().map(|f| field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// A design and its events as the planners save and share them.
#[derive(Serialize)]
struct Shared<'a, S> {
    scenario: &'a S,
    events: Vec<&'a str>,
}

pub fn presets() -> Vec<&'static str> {
    presets::PRESETS.iter().chain(dag::presets::PRESETS).map(|(id, _)| *id).collect()
}

/// A preset's scenario, of either family.
#[derive(Debug, Clone)]
pub enum Preset {
    Cluster(cluster::Scenario),
    Dag(dag::Scenario),
}

/// The scenario of the preset `id`.
pub fn preset(id: &str) -> Result<Preset, Refusal> {
    if let Some(scenario) = presets::preset(id) {
        return Ok(Preset::Cluster(scenario));
    }
    if let Some(scenario) = dag::presets::preset(id) {
        return Ok(Preset::Dag(scenario));
    }
    Err(unknown_preset(id))
}

/// The refusal of a preset id that names no preset.
pub fn unknown_preset(id: &str) -> Refusal {
    Refusal::arguments("id", format!("no preset {}; presets: {}", quote(id), presets().join(", ")))
}

/// Every rule of both families, with its id, severity and source, as `rules` prints them.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Rules {
    pub rules: Vec<Rule>,
}

pub fn rules() -> Rules {
    Rules { rules: rules::RULES.iter().chain(dag::rules::RULES).copied().collect() }
}

/// Which scenario format `schema` describes: `cluster` (the default) or `dag`.
pub fn schema_family(kind: Option<&str>) -> Result<Family, Refusal> {
    match kind {
        None | Some("cluster") => Ok(Family::Cluster),
        Some("dag") => Ok(Family::Dag),
        Some(other) => {
            Err(Refusal::arguments("kind", format!("{} is not a kind of design: cluster or dag", quote(other))))
        }
    }
}

/// The JSON Schema text of a scenario format: `cluster` (the default) or `dag`.
pub fn schema(kind: Option<&str>) -> Result<String, Refusal> {
    Ok(match schema_family(kind)? {
        Family::Cluster => cluster::model::schema(),
        Family::Dag => dag::model::schema(),
    })
}

/// A built-in lesson in the lesson list: its id, family and title.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ListedLesson {
    pub id: &'static str,
    /// `cluster` or `dag`.
    pub family: &'static str,
    pub title: &'static str,
    /// How many questions it asks.
    pub questions: usize,
}

/// Every built-in lesson of both families, in teaching order.
pub fn lessons() -> Vec<ListedLesson> {
    let cluster = cluster::lessons::LESSONS.iter().map(|l| ListedLesson {
        id: l.id,
        family: "cluster",
        title: l.title,
        questions: l.questions.len(),
    });
    let dags = dag::lessons::LESSONS.iter().map(|l| ListedLesson {
        id: l.id,
        family: "dag",
        title: l.title,
        questions: l.questions.len(),
    });
    cluster.chain(dags).collect()
}

/// A lesson file of either family.
#[derive(Debug, Clone, JsonSchema)]
#[serde(untagged)]
pub enum LessonOf {
    Cluster(Box<cluster::questions::Lesson>),
    Dag(Box<dag::questions::Lesson>),
}

/// The built-in lesson `id` as a lesson file.
pub fn lesson_file(id: &str) -> Result<LessonOf, Refusal> {
    crate::quiz::lesson_file::<cluster::questions::Nodes>(id)
        .map(|lesson| LessonOf::Cluster(Box::new(lesson)))
        .or_else(|| {
            crate::quiz::lesson_file::<dag::questions::Servers>(id).map(|lesson| LessonOf::Dag(Box::new(lesson)))
        })
        .ok_or_else(|| {
            let ids: Vec<&str> = lessons().iter().map(|l| l.id).collect();
            Refusal::arguments("id", format!("no lesson {}; lessons: {}", quote(id), ids.join(", ")))
        })
}

/// Reads a lesson file of either family (its design's `kind` says which): refused with the path of every
/// problem, as a design is.
pub fn load_lesson(json: &str) -> Result<LessonOf, Refusal> {
    if let Some(message) = size_error(json.len() as u64) {
        return Err(Refusal::one(Code::Load, "", message));
    }
    let refused = |errors: LoadErrors| Refusal { code: Code::Load, errors: errors.0, too_large: None };
    let value = serde_json::from_str::<serde_json::Value>(json).ok();
    // An answer key would go stale as the engine or the design changes: say so, not merely "unknown field".
    let questions = value.as_ref().and_then(|v| v.get("questions")?.as_array());
    if let Some(i) = questions.and_then(|qs| qs.iter().position(|q| q.get("answer").is_some())) {
        return Err(Refusal::one(
            Code::Load,
            &format!("questions[{i}].answer"),
            "a question stores no answer: the engine works it out at its step (clusterplan lesson check shows it)",
        ));
    }
    let dag = value
        .as_ref()
        .and_then(|value| value.get("design")?.get("kind")?.as_str().map(|kind| kind.eq_ignore_ascii_case("dag")))
        .unwrap_or(false);
    if dag {
        crate::scenario::parse_json(json).map(|lesson| LessonOf::Dag(Box::new(lesson))).map_err(refused)
    } else {
        crate::scenario::parse_json(json).map(|lesson| LessonOf::Cluster(Box::new(lesson))).map_err(refused)
    }
}

/// Every question of a lesson answered by the engine at its step, with the explanation and source; a
/// lesson that cannot be played (a design that does not resolve, an event or a question about something the
/// design lacks) is refused with the path of each problem.
pub fn check_lesson(lesson: &LessonOf) -> Result<crate::quiz::CheckedLesson, Refusal> {
    let checked = match lesson {
        LessonOf::Cluster(lesson) => crate::quiz::check::<cluster::questions::Nodes>(lesson),
        LessonOf::Dag(lesson) => crate::quiz::check::<dag::questions::Servers>(lesson),
    };
    checked.map_err(|errors| Refusal { code: Code::Load, errors, too_large: None })
}

/// The JSON Schema of a lesson file, of either family.
pub fn lesson_schema() -> String {
    crate::scenario::schema_text::<LessonOf>()
}

/// Each report serialises as its family's report does, with nothing around it.
macro_rules! serialize_as_inner {
    ($type:ty, $($variant:ident),+) => {
        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(Self::$variant(inner) => inner.serialize(serializer),)+
                }
            }
        }
    };
}

serialize_as_inner!(Simulated, Cluster, Dag);
serialize_as_inner!(Played, Cluster, Dag);
serialize_as_inner!(Moment, Cluster, Dag);
serialize_as_inner!(Planned, Cluster, Dag);
serialize_as_inner!(Preset, Cluster, Dag);
serialize_as_inner!(LessonOf, Cluster, Dag);
serialize_as_inner!(Analysis<'_>, Cluster, Dag);
