//! Forks, for both families: a played script (the trunk) and a branch that leaves it at a moment with other
//! steps, on the same design and the same clock ("what if I had done it the other way at 10 minutes?"); what
//! each leaves of the service at its end (a [`Verdict`]: what serves users at the end, downtime, data at
//! risk) and a sentence comparing the two.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::duration;
use crate::read::Read;
use crate::scenario::LoadError;
use crate::timeline::{Played, Script, Step};

/// Where a fork leaves the script and what it does from there, as a lesson file and the app write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fork {
    /// What the fork does differently, in a few words (`Patched without maintenance mode`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The moment it leaves the script (`0s`, `10min`): the script's steps before then are its own too; from
    /// then on (that moment's steps included) it plays its own.
    pub at: String,
    /// Its own steps from then on, one event each (`fail:ex1@1min`); one without a time happens at the fork.
    #[serde(default)]
    pub steps: Vec<String>,
}

/// A fork made ready to play: its moment and its whole script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Branch {
    pub name: String,
    /// The fork's moment, in ms (seconds in JSON, as `at`).
    #[serde(rename = "at", serialize_with = "crate::timeline::seconds")]
    #[schemars(with = "f64")]
    pub at_ms: u64,
    /// The trunk's steps before the fork's moment, then the fork's own.
    pub script: Vec<String>,
    /// The fork's own steps, the first with its time.
    #[serde(skip)]
    pub steps: Vec<String>,
}

/// The name a fork goes by when it was given none.
pub fn name_of(fork: &Fork) -> String {
    match fork.name.trim() {
        "" => format!("Fork at {}", duration::clock(duration::parse(&fork.at).unwrap_or(0))),
        name => name.to_string(),
    }
}

/// `fork` of the `trunk` script (its lines, as the design holds them) on `design`: the trunk's steps before the
/// fork's moment, then the fork's, which may not come before it. Where it is wrong, the path of the field
/// (`fork.at`, `fork.steps[1]`) and why.
pub fn branch<A: Script>(design: &A::Design, trunk: &[String], fork: &Fork) -> Result<Branch, LoadError> {
    let wrong = |path: String, message: String| LoadError { path, message };
    let at_ms = duration::parse(&fork.at).map_err(|message| wrong("fork.at".into(), message))?;
    let (mut script, _) = split::<A>(design, trunk, at_ms);
    let kept = script.len();
    let mut events = Vec::with_capacity(trunk.len() + fork.steps.len());
    for line in &script {
        events.extend(A::parse_event(line, design).ok());
    }
    for (i, line) in fork.steps.iter().enumerate() {
        let path = || format!("fork.steps[{i}]");
        let event = A::parse_event(line, design).map_err(|message| wrong(path(), message))?;
        let line = match A::at_ms(&event) {
            Some(ms) if ms < at_ms => {
                let message = format!(
                    "{} is at {}, before the fork at {}: a fork changes only what comes after it",
                    crate::scenario::quote(line.trim()),
                    duration::clock(ms),
                    duration::clock(at_ms)
                );
                return Err(wrong(path(), message));
            }
            Some(_) => line.trim().to_string(),
            // Without a time, at the fork (not with the trunk's step before it).
            None if i == 0 => format!("{}@{}", line.trim(), duration::text(at_ms)),
            None => line.trim().to_string(),
        };
        events.push(A::parse_event(&line, design).map_err(|message| wrong(path(), message))?);
        script.push(line);
    }
    if let Some((index, message)) = A::out_of_order(&events, design) {
        return Err(wrong(format!("fork.steps[{}]", index.saturating_sub(kept)), message));
    }
    let steps = script[kept..].to_vec();
    Ok(Branch { name: name_of(fork), at_ms, script, steps })
}

/// The `trunk` script's lines before `at_ms` (a fork keeps them), and those from then on (what a fork may do
/// differently, its own moment's steps too); each line's time carried from the one before when it has none.
pub fn split<A: Script>(design: &A::Design, trunk: &[String], at_ms: u64) -> (Vec<String>, Vec<String>) {
    let mut now = 0;
    let kept = trunk
        .iter()
        .take_while(|line| {
            let Ok(event) = A::parse_event(line, design) else { return false };
            now = A::at_ms(&event).unwrap_or(now).max(now);
            now < at_ms
        })
        .count();
    (trunk[..kept].to_vec(), trunk[kept..].to_vec())
}

/// What a design serves users with, read from a played script: the groups of a 2003 cluster, the databases
/// of a DAG.
pub trait Service: Played {
    /// What serves, singular and plural (`group`, `groups`).
    const SERVES: (&'static str, &'static str);
    /// Each thing that serves, in the design's order, and whether it serves users in `outcome`.
    fn serving(outcome: &Self::Outcome) -> Vec<(String, bool)>;
    /// When script event `index` happens, in ms.
    fn event_ms(&self, index: usize) -> u64;
    /// The script event a step follows from, if one does.
    fn cause(entry: &Self::Entry) -> Option<usize>;
    /// What the end of the script leaves at risk of being lost, each with why.
    fn at_risk(&self, design: &Self::Design) -> Vec<AtRisk>;
}

/// Data a script's end leaves at risk: where, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AtRisk {
    pub subject: String,
    pub why: String,
}

/// How much service a script left: what serves users at its end, how long each thing did not, and the data
/// it leaves at risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// What serves, singular and plural.
    #[serde(skip)]
    pub serves: (&'static str, &'static str),
    pub serving_at_end: usize,
    pub of: usize,
    /// Each thing that serves, and how long it did not (failing over counts as down), in ms.
    pub downtime_ms: Vec<(String, u64)>,
    pub at_risk: Vec<AtRisk>,
}

impl Verdict {
    pub fn total_downtime_ms(&self) -> u64 {
        self.downtime_ms.iter().map(|(_, ms)| ms).sum()
    }

    /// The verdict in words: what serves at the end, the downtime, the data at risk.
    pub fn summary(&self) -> String {
        let (one, many) = self.serves;
        let down = match self.downtime_ms.iter().filter(|(_, ms)| *ms > 0).count() {
            0 => "none went down".to_string(),
            n => format!("{n} went down, {} s of downtime in all", duration::seconds(self.total_downtime_ms())),
        };
        let risk = match self.at_risk.len() {
            0 => "no data at risk".to_string(),
            n => format!("data at risk in {}", crate::words::count(n, one, many)),
        };
        let noun = if self.of == 1 { one } else { many };
        format!("{} of {} {noun} serving at the end; {down}; {risk}", self.serving_at_end, self.of)
    }
}

/// How long each thing that serves did not, through `played` up to `end` (two branches are judged to the
/// same end): from the script event that set off the step it stopped at (a server fails at once; the
/// cluster notices later), or from that step when no event did, until the step it serves again, or `end`.
pub fn downtime<P: Service>(played: &P, design: &P::Design, end: u64) -> Vec<(String, u64)> {
    let steps = played.steps();
    let mut times: Vec<u64> = steps.iter().map(Step::t_ms).collect();
    times.dedup();
    let start = P::serving(&played.at(design, 0));
    let mut down_since: Vec<Option<u64>> = start.iter().map(|(_, up)| (!up).then_some(0)).collect();
    let mut total = vec![0u64; start.len()];
    for &t in times.iter().filter(|&&t| t > 0 && t <= end) {
        for (i, (name, up)) in P::serving(&played.at(design, t)).into_iter().enumerate().take(total.len()) {
            match (up, down_since[i]) {
                (true, Some(since)) => {
                    total[i] += t - since;
                    down_since[i] = None;
                }
                (false, None) => {
                    let caused = played.moment(t).iter().filter(|e| e.subject() == name).find_map(|e| P::cause(e));
                    down_since[i] = Some(caused.map_or(t, |event| played.event_ms(event).min(t)));
                }
                _ => {}
            }
        }
    }
    for (i, since) in down_since.into_iter().enumerate() {
        if let Some(since) = since {
            total[i] += end.saturating_sub(since);
        }
    }
    start.into_iter().zip(total).map(|((name, _), ms)| (name, ms)).collect()
}

/// The verdict of `played` on `design`, at `end_ms` (its own end, or the later of two branches').
pub fn verdict<P: Service>(played: &P, design: &P::Design, end_ms: u64) -> Verdict {
    let end = P::serving(&played.at(design, end_ms));
    Verdict {
        serves: P::SERVES,
        serving_at_end: end.iter().filter(|(_, up)| *up).count(),
        of: end.len(),
        downtime_ms: downtime(played, design, end_ms),
        at_risk: played.at_risk(design),
    }
}

/// One sentence on the trunk's and the fork's verdicts, and which kept more: more serving at the end, else
/// less data at risk, else less downtime.
pub fn compared(trunk: (&str, &Verdict), fork: (&str, &Verdict)) -> String {
    use std::cmp::Ordering;
    let ((a, va), (b, vb)) = (trunk, fork);
    let many = va.serves.1;
    let better = match (
        va.serving_at_end.cmp(&vb.serving_at_end),
        vb.at_risk.len().cmp(&va.at_risk.len()),
        vb.total_downtime_ms().cmp(&va.total_downtime_ms()),
    ) {
        (Ordering::Greater, _, _) => format!("{a} ends with more {many} serving."),
        (Ordering::Less, _, _) => format!("{b} ends with more {many} serving."),
        (_, Ordering::Greater, _) => format!("{a} leaves less data at risk."),
        (_, Ordering::Less, _) => format!("{b} leaves less data at risk."),
        (_, _, Ordering::Greater) => format!("{a} loses less time."),
        (_, _, Ordering::Less) => format!("{b} loses less time."),
        _ => "Both come through the same.".to_string(),
    };
    format!("{a}: {}. {b}: {}. {better}", va.summary(), vb.summary())
}
