//! Drift: what differs between a planned DAG and a running one (most often one imported from the collector):
//! members and their sites, the witnesses, databases and their copies, preferences and lag, the settings,
//! the live state (members down, databases away from their first preference, copies not healthy) and what
//! each design tolerates, their failure modes side by side. Names are matched without regard to case, as
//! Windows and Exchange match them.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Design;
use super::matrix::{FailureMode, Summary};
use super::model::{Copy, CopyStatus, Database, Scenario, Server};
use crate::combinations::TooLarge;
use crate::matrix::Summarised;
use crate::read::Read;

/// Every difference, and both designs' failure modes. Read back (the component's `diff`, in its worker, to
/// the DAG page) as it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
pub struct Drift {
    /// No difference at all (the failure modes then agree too).
    pub same: bool,
    pub differences: Vec<Difference>,
    /// The largest number of members that may fail at once with every database still mounted: in the plan,
    /// in the running DAG.
    pub tolerates: [usize; 2],
    /// The Role Requirements Calculator's failure modes of each, side by side.
    pub modes: Vec<ModePair>,
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
pub struct Difference {
    pub area: Area,
    /// What it is about: a server, a database, a copy (`DB1 on EX2`), a setting.
    pub subject: String,
    /// As planned; `none` when the plan lacks it.
    pub plan: String,
    /// As it runs; `none` when the running DAG lacks it.
    pub running: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Read, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    Members,
    Sites,
    Witness,
    Copies,
    Preferences,
    Lag,
    Settings,
    State,
}

impl Area {
    pub fn word(self) -> &'static str {
        match self {
            Area::Members => "members",
            Area::Sites => "sites",
            Area::Witness => "witness",
            Area::Copies => "copies",
            Area::Preferences => "preferences",
            Area::Lag => "lag",
            Area::Settings => "settings",
            Area::State => "state",
        }
    }
}

/// One failure mode in each design (`-` where a design has no such mode).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
pub struct ModePair {
    pub mode: String,
    pub plan: Option<ModeOutcome>,
    pub running: Option<ModeOutcome>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
pub struct ModeOutcome {
    pub quorum: bool,
    pub mounted: usize,
    pub dismounted: usize,
}

const NONE: &str = "none";

fn key(name: &str) -> String {
    name.to_ascii_lowercase()
}

/// What differs between `plan` and `running`; refused only when a design is too large for its failure
/// matrix.
pub fn diff(plan: &Design, running: &Design) -> Result<Drift, TooLarge> {
    let mut differences = Vec::new();
    let (a, b) = (&plan.scenario, &running.scenario);
    let mut push = |area: Area, subject: String, plan: String, running: String| {
        // Names differ in case between a plan and what Windows reports; Exchange does not mind.
        if !plan.eq_ignore_ascii_case(&running) {
            differences.push(Difference { area, subject, plan, running });
        }
    };
    settings(a, b, &mut push);
    members(plan, running, &mut push);
    databases(plan, running, &mut push);
    let summaries = [Summary::compute(plan, None)?, Summary::compute(running, None)?];
    let mut modes: Vec<ModePair> = Vec::new();
    for (side, summary) in summaries.iter().enumerate() {
        for mode in &summary.modes {
            let outcome = outcome(mode);
            match modes.iter_mut().find(|m| m.mode == mode.mode) {
                Some(pair) if side == 1 => pair.running = Some(outcome),
                Some(_) => {}
                None if side == 0 => {
                    modes.push(ModePair { mode: mode.mode.clone(), plan: Some(outcome), running: None })
                }
                None => modes.push(ModePair { mode: mode.mode.clone(), plan: None, running: Some(outcome) }),
            }
        }
    }
    let tolerates = [summaries[0].tolerates_any, summaries[1].tolerates_any];
    Ok(Drift { same: differences.is_empty(), differences, tolerates, modes })
}

fn outcome(mode: &FailureMode) -> ModeOutcome {
    ModeOutcome { quorum: mode.quorum, mounted: mode.mounted, dismounted: mode.dismounted }
}

type Push<'p> = dyn FnMut(Area, String, String, String) + 'p;

fn yes(flag: bool) -> String {
    if flag { "on" } else { "off" }.to_string()
}

fn settings(a: &Scenario, b: &Scenario, push: &mut Push<'_>) {
    push(Area::Settings, "DAG name".into(), a.dag_name.clone(), b.dag_name.clone());
    push(Area::Settings, "Exchange".into(), a.exchange.title().into(), b.exchange.title().into());
    let windows = |s: &Scenario| s.windows.unwrap_or(s.exchange.default_windows()).title().to_string();
    push(Area::Settings, "Windows".into(), windows(a), windows(b));
    push(Area::Settings, "DatacenterActivationMode".into(), dac(a.dac_mode), dac(b.dac_mode));
    push(Area::Settings, "IP-less".into(), yes(a.ip_less), yes(b.ip_less));
    let witness = |w: Option<&super::model::Witness>| {
        w.map_or_else(|| NONE.to_string(), |w| format!("{} in {}", short(&w.server), w.site))
    };
    push(Area::Witness, "witness".into(), witness(Some(&a.witness)), witness(Some(&b.witness)));
    push(
        Area::Witness,
        "alternate witness".into(),
        witness(a.alternate_witness.as_ref()),
        witness(b.alternate_witness.as_ref()),
    );
}

fn dac(on: bool) -> String {
    if on { "DagOnly" } else { "Off" }.to_string()
}

/// A host name without its domain: `fsw.contoso.com` and `FSW` are one server.
fn short(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

/// The things of two lists matched by name without regard to case: the plan's, in name order, then those
/// only the running DAG has; each with the name shown (the plan's spelling where both have it).
fn paired<'a, T>(
    plan: &'a [T],
    running: &'a [T],
    name: impl Fn(&T) -> &str,
) -> Vec<(String, Option<&'a T>, Option<&'a T>)> {
    let by_name =
        |items: &'a [T]| -> BTreeMap<String, &'a T> { items.iter().map(|item| (key(name(item)), item)).collect() };
    let (a, b) = (by_name(plan), by_name(running));
    let keys = a.keys().chain(b.keys().filter(|k| !a.contains_key(*k)));
    keys.map(|k| {
        let (x, y) = (a.get(k).copied(), b.get(k).copied());
        let shown = x.or(y).map(|item| name(item).to_string()).unwrap_or_default();
        (shown, x, y)
    })
    .collect()
}

fn members(plan: &Design, running: &Design, push: &mut Push<'_>) {
    for (shown, x, y) in paired(&plan.scenario.servers, &running.scenario.servers, |s| &s.name) {
        let (Some(x), Some(y)) = (x, y) else {
            let site = |s: Option<&Server>| s.map_or_else(|| NONE.to_string(), |s| s.site.clone());
            push(Area::Members, shown, site(x), site(y));
            continue;
        };
        push(Area::Sites, shown.clone(), x.site.clone(), y.site.clone());
        push(
            Area::Settings,
            format!("{shown} AutoDatabaseMountDial"),
            x.mount_dial.title().into(),
            y.mount_dial.title().into(),
        );
        push(
            Area::Settings,
            format!("{shown} DatabaseCopyAutoActivationPolicy"),
            x.activation_policy.title().into(),
            y.activation_policy.title().into(),
        );
        let cap = |c: Option<u32>| c.map_or_else(|| "unlimited".to_string(), |c| c.to_string());
        push(Area::Settings, format!("{shown} MaximumActiveDatabases"), cap(x.max_active), cap(y.max_active));
        push(
            Area::Settings,
            format!("{shown} MaximumPreferredActiveDatabases"),
            cap(x.max_preferred_active),
            cap(y.max_preferred_active),
        );
        let windows = |d: &Design, s: &Server| s.windows.unwrap_or(d.windows()).title().to_string();
        push(Area::Settings, format!("{shown} Windows"), windows(plan, x), windows(running, y));
        let up = |s: &Server| if s.down { "down" } else { "up" }.to_string();
        push(Area::State, shown, up(x), up(y));
    }
}

fn databases(plan: &Design, running: &Design, push: &mut Push<'_>) {
    for (shown, x, y) in paired(&plan.scenario.databases, &running.scenario.databases, |d| &d.name) {
        let (Some(x), Some(y)) = (x, y) else {
            let copies =
                |d: Option<&Database>| d.map_or_else(|| NONE.to_string(), |d| format!("{} copies", d.copies.len()));
            push(Area::Copies, shown, copies(x), copies(y));
            continue;
        };
        for (on, p, q) in paired(&x.copies, &y.copies, |c| &c.server) {
            let subject = format!("{shown} on {on}");
            let (Some(p), Some(q)) = (p, q) else {
                let copy =
                    |c: Option<&Copy>| c.map_or_else(|| NONE.to_string(), |c| format!("preference {}", c.preference));
                push(Area::Copies, subject, copy(p), copy(q));
                continue;
            };
            push(Area::Preferences, subject.clone(), p.preference.to_string(), q.preference.to_string());
            let lag = |c: &Copy| format!("{} days", c.replay_lag_days);
            push(Area::Lag, subject.clone(), lag(p), lag(q));
            let health = |c: &Copy| {
                let mut words = vec![status(c.status)];
                if c.copy_queue > 0 {
                    words.push(format!("copy queue {}", c.copy_queue));
                }
                if c.replay_queue > 0 {
                    words.push(format!("replay queue {}", c.replay_queue));
                }
                if c.content_index != Default::default() {
                    words.push(format!("content index {:?}", c.content_index).to_lowercase());
                }
                words.join(", ")
            };
            push(Area::State, subject, health(p), health(q));
        }
        let start = |d: &Design, db: &Database| {
            let index = d.scenario.databases.iter().position(|other| other.name == db.name).expect("its own database");
            d.start_active[index]
                .map_or_else(|| NONE.to_string(), |c| d.scenario.servers[d.copy_server(c).index()].name.clone())
        };
        push(Area::State, format!("{shown} mounted on"), start(plan, x), start(running, y));
    }
}

fn status(status: CopyStatus) -> String {
    serde_json::to_value(status).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Drift in words, one line a difference, then the failure modes side by side.
pub fn text(drift: &Drift) -> String {
    let mut out = String::new();
    if drift.same {
        out.push_str("The running DAG is as planned.\n");
    }
    for d in &drift.differences {
        out.push_str(&format!("{:<12} {}: planned {}, running {}\n", d.area.word(), d.subject, d.plan, d.running));
    }
    out.push_str(&format!(
        "\nTolerates any {} member(s) failing at once as planned, {} as it runs.\n",
        drift.tolerates[0], drift.tolerates[1]
    ));
    let side = |o: &Option<ModeOutcome>| {
        o.as_ref().map_or_else(
            || "-".to_string(),
            |o| {
                format!(
                    "{} mounted, {} dismounted{}",
                    o.mounted,
                    o.dismounted,
                    if o.quorum { "" } else { ", no quorum" }
                )
            },
        )
    };
    for mode in &drift.modes {
        out.push_str(&format!("{:<28} planned {:<34} running {}\n", mode.mode, side(&mode.plan), side(&mode.running)));
    }
    out
}
