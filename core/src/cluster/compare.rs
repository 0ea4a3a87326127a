//! Two designs under the same failure script, on one clock: a timeline and a verdict for each (groups
//! online at the end, users affected, downtime per group) and a sentence comparing them.

use serde::Serialize;

use super::design::Design;
use super::engine::Options;
use super::event::TimedEvent;
use super::report::GroupState;
use super::timeline;
use super::timeline::Timeline;
use crate::finding::Severity;
use crate::timeline::Played;

/// How much service a design lost under a script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub name: String,
    pub groups: usize,
    pub online_at_end: usize,
    /// MAPI users of the groups that were down at some point.
    pub users_affected: u32,
    /// Per group: how long it was not online (failing over counts as down), in ms.
    pub downtime_ms: Vec<(String, u64)>,
    /// What the design's findings hold against it whatever the script: the first error (it is not
    /// supported), else the first warning; a script's outcome never outweighs it.
    pub caveat: Option<Caveat>,
}

/// The worst of a design's findings, for a verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Caveat {
    pub severity: Severity,
    pub message: String,
    /// How many findings of that severity the design has.
    pub count: usize,
}

/// The design's first error, else its first warning.
fn caveat(design: &Design) -> Option<Caveat> {
    let findings = super::rules::validate(design);
    [Severity::Error, Severity::Warning].into_iter().find_map(|severity| {
        let mut of = findings.iter().filter(|f| f.severity == severity);
        let first = of.next()?;
        Some(Caveat { severity, message: first.message.clone(), count: 1 + of.count() })
    })
}

impl Verdict {
    pub fn total_downtime_ms(&self) -> u64 {
        self.downtime_ms.iter().map(|(_, ms)| ms).sum()
    }
}

/// The verdict of a played script, up to its last step.
pub fn verdict(design: &Design, played: &Timeline) -> Verdict {
    let downtime_ms = crate::fork::downtime(played, design, played.end_ms());
    let users_affected = design
        .scenario
        .groups
        .iter()
        .zip(&downtime_ms)
        .filter(|(_, (_, ms))| *ms > 0)
        .map(|(group, _)| group.mapi_users)
        .sum();
    Verdict {
        name: design.scenario.name.clone(),
        groups: design.scenario.groups.len(),
        online_at_end: played.outcome.groups.iter().filter(|g| g.state == GroupState::Online).count(),
        users_affected,
        downtime_ms,
        caveat: caveat(design),
    }
}

/// One verdict in words: groups online at the end, users affected, downtime in all and per group (the
/// figure the comparison's "less time per group" rests on, so the sentence shows what it compares).
fn summary(v: &Verdict) -> String {
    let per_group = v.total_downtime_ms() / v.groups.max(1) as u64;
    format!(
        "{}: {} of {} online at the end, {} users affected, {} s of downtime in all ({} s per group)",
        v.name,
        v.online_at_end,
        crate::words::count(v.groups, "group", "groups"),
        v.users_affected,
        crate::duration::seconds(v.total_downtime_ms()),
        crate::duration::seconds(per_group)
    )
}

/// One sentence on both verdicts, and which design kept more service under the script: a larger share of
/// its groups running at the end, else less downtime per group; then what either design's findings hold
/// against it, so a script's luck never reads as a recommendation the rules contradict.
pub fn comparison(a: &Verdict, b: &Verdict) -> String {
    use std::cmp::Ordering;
    // Shares and averages compared by cross-multiplying: designs may have different numbers of groups.
    let (ga, gb) = (a.groups.max(1) as u64, b.groups.max(1) as u64);
    let running = (a.online_at_end as u64 * gb).cmp(&(b.online_at_end as u64 * ga));
    let downtime = (a.total_downtime_ms() * gb).cmp(&(b.total_downtime_ms() * ga));
    let better = match (running, downtime) {
        (Ordering::Greater, _) => format!("{} ends with a larger share of its groups running.", a.name),
        (Ordering::Less, _) => format!("{} ends with a larger share of its groups running.", b.name),
        (_, Ordering::Less) => format!("Under this script {} loses less time per group.", a.name),
        (_, Ordering::Greater) => format!("Under this script {} loses less time per group.", b.name),
        _ => "Both come through the same.".to_string(),
    };
    let caveats: String = [a, b]
        .iter()
        .filter_map(|v| v.caveat.as_ref().map(|c| (v, c)))
        .map(|(v, c)| {
            let more = match c.count {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            match c.severity {
                Severity::Error => format!(" But {} is not supported: {}{more}", v.name, c.message),
                _ => format!(" But the rules warn against {}: {}{more}", v.name, c.message),
            }
        })
        .collect();
    format!("{}; {}. {better}{caveats}", summary(a), summary(b))
}

/// The script two designs play side by side when the design has none: node1 fails, returns after 5 min,
/// then node2 fails at 10 min.
pub const DEFAULT_SCRIPT: &[&str] = &["fail:node1@0s", "restore:node1@5min", "fail:node2@10min"];

/// One design under the script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    pub timeline: Timeline,
    pub verdict: Verdict,
}

/// Two designs under one script: both timelines, one clock that runs to the later end, and the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub sides: [Side; 2],
    pub end_ms: u64,
    pub sentence: String,
}

/// Plays `script` (timed event texts) on both designs; the message says which design it does not fit.
pub fn side_by_side(designs: [&Design; 2], script: &[String]) -> Result<Comparison, String> {
    let side = |design: &Design| -> Result<Side, String> {
        let events = script
            .iter()
            .map(|text| TimedEvent::parse(text, design))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|error| format!("The script does not fit {}: {error}", design.scenario.name))?;
        let timeline = timeline::play(design, &events, Options::default());
        let verdict = verdict(design, &timeline);
        Ok(Side { timeline, verdict })
    };
    let sides = [side(designs[0])?, side(designs[1])?];
    let end_ms = sides.iter().map(|s| s.timeline.end_ms()).max().unwrap_or(0);
    let sentence = comparison(&sides[0].verdict, &sides[1].verdict);
    Ok(Comparison { sides, end_ms, sentence })
}
