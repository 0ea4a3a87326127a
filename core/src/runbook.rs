//! The runbook of a failure script, for both families: each operator step as the commands that do it (the
//! Exchange Management Shell and the maintenance scripts for a DAG, cluster.exe for a 2003 cluster), in
//! order, each followed by the check that should pass before the next and what the simulation expects that
//! check to show. Failures and repairs in the script are not the operator's: they are listed as what
//! happens, with what the simulation expects then, so the runbook reads as the rehearsal it is.

use schemars::JsonSchema;
use serde::Serialize;

/// A script's runbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Runbook {
    /// `cluster` or `dag`.
    pub family: &'static str,
    /// The design's name.
    pub design: String,
    pub steps: Vec<RunbookStep>,
}

/// One event of the script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RunbookStep {
    /// The event as the script writes it.
    pub event: String,
    /// An operator's step (it has commands), or something that happens (a failure, a repair).
    pub operator: bool,
    /// The commands, in order (comments start with `#` or `@rem`, as the shell reads them).
    pub commands: Vec<String>,
    /// The command that checks the step before the next, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
    /// What the simulation expects then.
    pub expect: String,
    /// Where the commands come from.
    pub source: &'static str,
    /// Why the simulation refused the step, when it did: the runbook would fail here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
}

/// What a family writes for one event of a script: its commands (none when it is not an operator's step),
/// the check, what to expect and the source.
pub struct Written {
    pub commands: Vec<String>,
    pub check: Option<String>,
    pub expect: String,
    pub source: &'static str,
}

/// The runbook of a script, written once for both families: `outcome(k)` is the design after the first `k`
/// events (each worked out once), `refused(after, i)` why event `i` was refused in it, and `write(i, before,
/// after)` the family's step for event `i` between the outcomes before and after it.
pub fn write<O>(
    family: &'static str,
    design: String,
    labels: Vec<String>,
    outcome: impl Fn(usize) -> O,
    refused: impl Fn(&O, usize) -> Option<String>,
    write: impl Fn(usize, &O, &O) -> Written,
) -> Runbook {
    let mut before = outcome(0);
    let mut steps = Vec::with_capacity(labels.len());
    for (i, event) in labels.into_iter().enumerate() {
        let after = outcome(i + 1);
        let Written { commands, check, expect, source } = write(i, &before, &after);
        let refused = refused(&after, i);
        steps.push(RunbookStep { event, operator: !commands.is_empty(), commands, check, expect, source, refused });
        before = after;
    }
    Runbook { family, design, steps }
}

/// The runbook as text: numbered steps, commands indented, then the check and what to expect.
pub fn text(runbook: &Runbook) -> String {
    let mut out = format!("Runbook for {} ({})\n", runbook.design, runbook.family);
    for (i, step) in runbook.steps.iter().enumerate() {
        let kind = if step.operator { "operator step" } else { "happens" };
        out.push_str(&format!("\n{}. {} ({kind})\n", i + 1, step.event));
        for command in &step.commands {
            out.push_str(&format!("   {command}\n"));
        }
        if let Some(refused) = &step.refused {
            out.push_str(&format!("   REFUSED by the simulation: {refused}\n"));
        }
        if let Some(check) = &step.check {
            out.push_str(&format!("   check:  {check}\n"));
        }
        out.push_str(&format!("   expect: {}\n", step.expect));
        if step.operator {
            out.push_str(&format!("   source: {}\n", step.source));
        }
    }
    out
}

/// Where each member's steps start in a rolling patch: one member every 10 minutes, in the design's order.
pub const ROLLING_MEMBER_MS: u64 = 600_000;

/// A rolling patch as a timed script, written once for both families: each of `members` in turn, its steps
/// (`steps(member)`: each at its offset from the member's start, in order) one member every
/// [`ROLLING_MEMBER_MS`], then `after` once every member is done.
pub fn rolling<M>(
    members: impl IntoIterator<Item = M>,
    mut steps: impl FnMut(M) -> Vec<(u64, String)>,
    after: impl FnOnce() -> Vec<String>,
) -> Vec<String> {
    let mut script = Vec::new();
    let mut start = 0;
    for member in members {
        for (offset, event) in steps(member) {
            script.push(format!("{event}@{}", crate::duration::text(start + offset)));
        }
        start += ROLLING_MEMBER_MS;
    }
    script.extend(after().into_iter().map(|event| format!("{event}@{}", crate::duration::text(start))));
    script
}
