//! `--format text`: the same results as readable tables for people.
//!
//! Every text the user wrote (names, and messages that quote them) goes through [`shown`]: control and
//! bidirectional-override characters are escaped, so a name cannot forge a line or reach the terminal as
//! an escape sequence; table cells are also cut to [`MAX_CELL`] characters. Tables are padded by counting
//! characters, so no cell is too wide to print.

use std::borrow::Cow;
use std::io::{self, Write};

use clusterplan_core::cluster::ips::IpPlan;
use clusterplan_core::cluster::matrix::MatrixReport;
use clusterplan_core::cluster::report::{NodeState, Outcome};
use clusterplan_core::cluster::timeline::Timeline;
use clusterplan_core::dag;
use clusterplan_core::finding::{Finding, Rule, Severity};
use clusterplan_core::quiz::CheckedLesson;
use clusterplan_core::verbs::ListedLesson;
use clusterplan_core::{duration, verbs};

/// The most characters a padded table cell shows; a longer one is cut and ends in `…`.
pub const MAX_CELL: usize = 120;

/// The most characters the last column (the sentence saying why) shows.
pub const MAX_LAST_CELL: usize = 480;

/// Whether `c` must not reach a terminal as it is: C0/C1 controls (newline, escape, …) and the
/// bidirectional overrides that reorder what a line shows.
fn unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character escaped as Rust writes it (`\n`, `\u{1b}`).
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A table cell: [`shown`], cut to `limit` characters.
fn cell(text: &str, limit: usize) -> Cow<'_, str> {
    let text = shown(text);
    match text.char_indices().nth(limit) {
        Some((end, _)) => {
            let cut = text.char_indices().nth(limit - 1).map_or(end, |(i, _)| i);
            Cow::Owned(format!("{}…", &text[..cut]))
        }
        None => text,
    }
}

/// A sentence of free text (a message, a reason): [`shown`], cut to [`MAX_LAST_CELL`] characters.
fn sentence(text: &str) -> Cow<'_, str> {
    cell(text, MAX_LAST_CELL)
}

/// Left-aligned columns, two spaces apart; the last column is not padded. `rows` is called twice (widths,
/// then lines), so a long table is written as it is made rather than held.
fn table<R, C>(out: &mut dyn Write, header: &[&str], rows: impl Fn() -> R) -> io::Result<()>
where
    R: Iterator<Item = C>,
    C: AsRef<[String]>,
{
    let columns = header.len();
    let limit = |column: usize| if column + 1 < columns { MAX_CELL } else { MAX_LAST_CELL };
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows() {
        for (i, (width, text)) in widths.iter_mut().zip(row.as_ref()).enumerate().take(columns - 1) {
            *width = (*width).max(cell(text, limit(i)).chars().count());
        }
    }
    let mut line = String::new();
    let mut write_line = |out: &mut dyn Write, cells: &mut dyn Iterator<Item = Cow<'_, str>>| {
        line.clear();
        for (i, text) in cells.enumerate().take(columns) {
            line.push_str(&text);
            if i + 1 < columns {
                let pad = widths[i] - text.chars().count() + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        writeln!(out, "{}", line.trim_end())
    };
    write_line(out, &mut header.iter().map(|h| Cow::Borrowed(*h)))?;
    for row in rows() {
        write_line(out, &mut row.as_ref().iter().enumerate().map(|(i, text)| cell(text, limit(i))))?;
    }
    Ok(())
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 { format!("1 {word}") } else { format!("{count} {word}s") }
}

/// Names joined by `separator`, each [`shown`] and cut like a table cell.
fn joined<'a>(names: impl IntoIterator<Item = &'a String>, separator: &str) -> String {
    names.into_iter().map(|name| cell(name, MAX_CELL)).collect::<Vec<_>>().join(separator)
}

/// A table's rows held in a `Vec`.
fn held<'a>(rows: &'a [Vec<String>]) -> impl Fn() -> std::slice::Iter<'a, Vec<String>> {
    move || rows.iter()
}

pub fn rules(out: &mut dyn Write, rules: &[Rule]) -> io::Result<()> {
    let rows: Vec<Vec<String>> =
        rules.iter().map(|r| vec![r.id.to_string(), r.severity.word().to_string(), r.summary.to_string()]).collect();
    table(out, &["RULE", "SEVERITY", "CHECKS"], held(&rows))
}

pub fn lessons(out: &mut dyn Write, lessons: &[ListedLesson]) -> io::Result<()> {
    let rows: Vec<Vec<String>> = lessons
        .iter()
        .map(|l| vec![l.id.to_string(), l.family.to_string(), l.questions.to_string(), l.title.to_string()])
        .collect();
    table(out, &["LESSON", "FAMILY", "QUESTIONS", "TITLE"], held(&rows))
}

/// Each question of a lesson, after its step, with the engine's answer, why and the source.
pub fn checked_lesson(out: &mut dyn Write, lesson: &CheckedLesson) -> io::Result<()> {
    writeln!(out, "{} ({}, {} steps)", lesson.title, lesson.id, lesson.steps)?;
    for question in &lesson.questions {
        writeln!(out, "\nafter step {} ({}): {}", question.after, question.event, question.ask)?;
        writeln!(out, "  answer: {}  ({})", question.answer.value, question.answer.says)?;
        writeln!(out, "  why: {}", question.answer.why)?;
        writeln!(out, "  source: {}", question.answer.source)?;
    }
    if let Some(goal) = &lesson.goal {
        writeln!(out, "\ngoal: {}", goal.says)?;
        writeln!(out, "  as given: {}", goal.start.says)?;
    }
    if let Some(fork) = &lesson.fork {
        writeln!(out, "\nfork: {}, from {}, plays beside the steps:", fork.name, duration::clock(fork.at_ms))?;
        for line in &fork.script {
            writeln!(out, "  {line}")?;
        }
    }
    Ok(())
}

pub fn findings(out: &mut dyn Write, mode: &str, findings: &[Finding]) -> io::Result<()> {
    writeln!(out, "{}\n", sentence(mode))?;
    for finding in findings {
        writeln!(
            out,
            "{:<8} {}  [{}]\n         {}\n         source: {}",
            finding.severity.word(),
            finding.rule,
            cell(&finding.subject, MAX_CELL),
            sentence(&finding.message),
            finding.source
        )?;
    }
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    writeln!(
        out,
        "\n{}, {}, {} info",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        count(Severity::Info)
    )
}

pub fn outcome(out: &mut dyn Write, outcome: &Outcome) -> io::Result<()> {
    for event in &outcome.events {
        writeln!(out, "> {}", sentence(&event.event))?;
        if let Some(refused) = &event.refused {
            writeln!(out, "  refused: {}", sentence(refused))?;
        }
        for change in &event.changes {
            writeln!(
                out,
                "  {}: {} ({})",
                cell(&change.subject, MAX_CELL),
                sentence(&change.change),
                sentence(&change.reason)
            )?;
        }
        writeln!(out)?;
    }
    let quorum = &outcome.quorum;
    let held_by = match &quorum.owner {
        Some(owner) if quorum.held => format!("held by {}", cell(owner, MAX_CELL)),
        _ => "lost".to_string(),
    };
    writeln!(out, "Quorum: {held_by} ({})", sentence(&quorum.reason))?;
    let nodes: Vec<String> = outcome
        .nodes
        .iter()
        .map(|n| {
            let name = cell(&n.name, MAX_CELL);
            if n.state == NodeState::Up { name.into_owned() } else { format!("{name} ({})", n.state) }
        })
        .collect();
    writeln!(out, "Nodes: {}\n", nodes.join(", "))?;
    let rows: Vec<Vec<String>> = outcome
        .groups
        .iter()
        .map(|g| {
            vec![
                g.name.clone(),
                g.state_label().to_string(),
                g.owner.clone().unwrap_or_else(|| "-".into()),
                g.reason.clone(),
            ]
        })
        .collect();
    table(out, &["GROUP", "STATE", "OWNER", "WHY"], held(&rows))?;
    let clients = &outcome.clients;
    if !clients.front_ends.is_empty() {
        let served = if clients.served { "served" } else { "not all served" };
        writeln!(out, "\nClients: {served} ({})", sentence(&clients.reason))?;
        for evs in clients.evs.iter().filter(|e| !(e.mapi && e.internet)) {
            writeln!(out, "  {}: {}", cell(&evs.name, MAX_CELL), sentence(&evs.reason))?;
        }
    }
    writeln!(out, "\nStatic IP addresses: {}", outcome.ips.total)
}

pub fn timeline(out: &mut dyn Write, played: &Timeline) -> io::Result<()> {
    steps(out, || played.timeline.iter().map(|e| (e.t_ms, &e.subject, &e.change, &e.reason)))?;
    outcome(out, &played.outcome)
}

pub fn dag_timeline(out: &mut dyn Write, played: &dag::timeline::Timeline) -> io::Result<()> {
    steps(out, || played.timeline.iter().map(|e| (e.t_ms, &e.subject, &e.change, &e.reason)))?;
    dag_outcome(out, &played.outcome)
}

/// A played script seen at one time: when, the steps told then, and the design as it stands.
pub fn moment(out: &mut dyn Write, moment: &verbs::Moment) -> io::Result<()> {
    match moment {
        verbs::Moment::Cluster(moment) => {
            writeln!(out, "At {}:", duration::clock(moment.t_ms))?;
            steps(out, || moment.steps.iter().map(|e| (e.t_ms, &e.subject, &e.change, &e.reason)))?;
            outcome(out, &moment.state)
        }
        verbs::Moment::Dag(moment) => {
            writeln!(out, "At {}:", duration::clock(moment.t_ms))?;
            steps(out, || moment.steps.iter().map(|e| (e.t_ms, &e.subject, &e.change, &e.reason)))?;
            dag_outcome(out, &moment.state)
        }
    }
}

/// Either family's timeline steps as a table: time, subject, change, why; then a blank line.
fn steps<'a, I>(out: &mut dyn Write, entries: impl Fn() -> I) -> io::Result<()>
where
    I: Iterator<Item = (u64, &'a String, &'a String, &'a String)>,
{
    let rows = || {
        entries().map(|(t_ms, subject, change, why)| {
            vec![duration::clock(t_ms), subject.clone(), change.clone(), why.clone()]
        })
    };
    table(out, &["TIME", "SUBJECT", "CHANGE", "WHY"], rows)?;
    writeln!(out)
}

pub fn ip_plan(out: &mut dyn Write, plan: &IpPlan) -> io::Result<()> {
    let mut rows: Vec<Vec<String>> = plan.breakdown.iter().map(|l| vec![l.count.to_string(), l.item.clone()]).collect();
    rows.push(vec![plan.total.to_string(), "in all".into()]);
    table(out, &["COUNT", "FOR"], held(&rows))?;
    writeln!(out, "Recommended: {} = {}", sentence(&plan.recommended.formula), plan.recommended.total)?;
    writeln!(out, "Names ({}): {}\n", plan.names.len(), joined(plan.names.iter().map(|n| &n.name), ", "))?;
    let rows = || {
        plan.assignments.iter().map(|a| {
            vec![
                a.address.map_or_else(|| "-".to_string(), |address| address.to_string()),
                a.network.clone().unwrap_or_else(|| "-".into()),
                a.holder.clone(),
            ]
        })
    };
    table(out, &["ADDRESS", "NETWORK", "HOLDER"], rows)?;
    for finding in &plan.findings {
        writeln!(out, "\n{}: {} ({})", finding.severity.word(), sentence(&finding.message), finding.rule)?;
    }
    Ok(())
}

pub fn matrix(out: &mut dyn Write, report: &MatrixReport<'_>) -> io::Result<()> {
    let summary = &report.summary;
    writeln!(
        out,
        "{} nodes, {} groups, {} node sets (up to {} failing at once)\n",
        summary.nodes, summary.groups, summary.combinations, summary.max_failures
    )?;
    let rows: Vec<Vec<String>> = summary
        .levels
        .iter()
        .map(|level| {
            vec![
                level.failures.to_string(),
                level.combinations.to_string(),
                level.every_group_survives.to_string(),
                if level.tolerated { "yes" } else { "no" }.to_string(),
                match level.worst.failed.len() {
                    0 => format!("{} online with no failure", level.worst.online),
                    count => format!(
                        "{} online{} when {} {}",
                        level.worst.online,
                        if level.worst.quorum { "" } else { ", no quorum," },
                        level.worst.failed.join("+"),
                        if count == 1 { "fails" } else { "fail" }
                    ),
                },
            ]
        })
        .collect();
    table(out, &["FAILED", "SETS", "ALL UP", "TOLERATED", "WORST"], held(&rows))?;
    writeln!(out, "\nTolerates any {}.", plural(summary.tolerates_any, "simultaneous node failure"))?;
    if let Some(loss) = &summary.first_loss {
        writeln!(
            out,
            "Smallest failure that takes a group down: {} ({} of {} groups online).",
            joined(&loss.failed, "+"),
            loss.online,
            summary.groups
        )?;
    }
    let survival: Vec<String> =
        summary.survival.iter().map(|g| format!("{} {}/{}", cell(&g.name, MAX_CELL), g.survives, g.of)).collect();
    writeln!(out, "Survives in: {}", survival.join(", "))?;
    if let Some(rows) = &report.rows {
        writeln!(out)?;
        let mut header = vec!["FAILED", "QUORUM"];
        header.extend(summary.survival.iter().map(|g| g.name.as_str()));
        let header: Vec<Cow<'_, str>> = header.iter().map(|h| cell(h, MAX_CELL)).collect();
        let header: Vec<&str> = header.iter().map(|h| h.as_ref()).collect();
        let body = || {
            rows.iter().map(|row| {
                let mut cells = vec![
                    if row.failed.is_empty() { "none".to_string() } else { row.failed.join("+") },
                    if row.quorum { "yes" } else { "no" }.to_string(),
                ];
                cells.extend(row.groups.into_iter().map(|g| g.owner.unwrap_or_else(|| "-".into())));
                cells
            })
        };
        table(out, &header, body)?;
    }
    Ok(())
}

pub fn dag_outcome(out: &mut dyn Write, outcome: &dag::report::Outcome) -> io::Result<()> {
    let quorum = &outcome.quorum;
    writeln!(
        out,
        "quorum: {} ({} votes, {} needed; {})\n  {}\n",
        if quorum.held { "held" } else { "lost" },
        quorum.votes,
        quorum.needed,
        quorum.model,
        sentence(&quorum.reason)
    )?;
    if let Some(stale) = &quorum.stale {
        writeln!(
            out,
            "stale quorum in {}: {} of {} votes as they last knew them\n  {}\n",
            stale.sites.join("+"),
            stale.votes,
            stale.total,
            sentence(&stale.reason)
        )?;
    }
    let witness = &outcome.witness;
    writeln!(
        out,
        "witness: {} in {} ({}, {}, {})\n",
        cell(&witness.server, MAX_CELL),
        cell(&witness.site, MAX_CELL),
        witness.in_use,
        if witness.up { "up" } else { "down" },
        witness.vote_note
    )?;
    let servers = || {
        outcome.servers.iter().map(|s| {
            let dacp = s.dacp.map_or(String::new(), |bit| u8::from(bit).to_string());
            vec![s.name.clone(), s.site.clone(), s.state.to_string(), dacp, s.active.to_string()]
        })
    };
    table(out, &["SERVER", "SITE", "STATE", "DACP", "ACTIVE"], servers)?;
    writeln!(out)?;
    let databases = || {
        outcome.databases.iter().map(|d| {
            vec![
                d.name.clone(),
                d.state.to_string(),
                match (&d.server, &d.split_brain) {
                    (Some(server), Some(also)) => format!("{server} and {also}"),
                    (server, _) => server.clone().unwrap_or_else(|| "-".into()),
                },
                d.criterion.clone(),
                // If its active copy failed now: where it would go.
                match &d.next {
                    Some(next) => match &next.server {
                        Some(server) => format!("{server} ({})", next.criterion),
                        None => format!("none ({})", next.criterion),
                    },
                    None => "-".into(),
                },
                d.reason.clone(),
            ]
        })
    };
    table(out, &["DATABASE", "STATE", "SERVER", "CRITERION", "NEXT", "WHY"], databases)?;
    writeln!(out, "\n{} mounted, {} dismounted", outcome.mounted, outcome.dismounted)?;
    if let Some(clients) = &outcome.clients {
        let served = if clients.served { "served" } else { "not all served" };
        writeln!(out, "\nClients of {}: {served} ({})", cell(&clients.namespace, MAX_CELL), sentence(&clients.reason))?;
        let unserved: Vec<&str> = clients.databases.iter().filter(|d| !d.served).map(|d| d.name.as_str()).collect();
        if !unserved.is_empty() {
            writeln!(out, "  not reached: {}", cell(&unserved.join(", "), MAX_CELL * 4))?;
        }
        writeln!(out, "  is mail lost? {}", clients.mail)?;
    }
    for event in outcome.events.iter().filter(|e| !e.applied) {
        writeln!(out, "refused: {}: {}", sentence(&event.event), sentence(event.refused.as_deref().unwrap_or("")))?;
    }
    Ok(())
}

pub fn dag_ip_plan(out: &mut dyn Write, plan: &dag::ips::IpPlan) -> io::Result<()> {
    let rows = || {
        plan.subnets.iter().flat_map(|subnet| {
            subnet.addresses.iter().map(|address| {
                vec![
                    subnet.network.clone(),
                    subnet.site.clone(),
                    subnet.cidr.clone().unwrap_or_else(|| "-".into()),
                    address.holder.clone(),
                    address.address.clone().unwrap_or_else(|| "-".into()),
                ]
            })
        })
    };
    table(out, &["NETWORK", "SITE", "SUBNET", "HOLDER", "ADDRESS"], rows)?;
    writeln!(
        out,
        "\n{} static addresses: {} for the DAG (one per MAPI subnet), {} for the members, {} for the namespace; {} DNS \
         names",
        plan.total, plan.dag_addresses, plan.server_addresses, plan.vip_addresses, plan.names
    )?;
    for finding in &plan.findings {
        writeln!(
            out,
            "{}: {} [{}]",
            finding.severity.word(),
            sentence(&finding.message),
            cell(&finding.subject, MAX_CELL)
        )?;
    }
    Ok(())
}

pub fn dag_matrix(out: &mut dyn Write, report: &dag::matrix::MatrixReport<'_>) -> io::Result<()> {
    let summary = &report.summary;
    // With a namespace a set is tolerated only when clients still reach every database.
    let clients = summary.levels.first().is_some_and(|l| l.clients_served.is_some());
    writeln!(
        out,
        "{} servers, {} databases, {} failed-server sets (up to {} at once); any {} may fail with every database mounted{}\n{}\n",
        summary.servers,
        summary.databases,
        summary.combinations,
        summary.max_failures,
        summary.tolerates_any,
        if clients { " and reached by clients" } else { "" },
        sentence(&summary.quorum_note)
    )?;
    let modes: Vec<Vec<String>> = summary
        .modes
        .iter()
        .map(|m| {
            vec![
                m.mode.clone(),
                if m.failed.is_empty() { "-".into() } else { m.failed.join(" ") },
                if m.quorum { "yes".into() } else { "no".into() },
                format!(
                    "{}/{}{}",
                    m.mounted,
                    m.mounted + m.dismounted,
                    if m.clients == Some(false) { ", clients not all served" } else { "" }
                ),
                m.busiest.as_ref().map_or("-".into(), |s| format!("{} on {s}", m.max_active)),
            ]
        })
        .collect();
    table(out, &["MODE", "FAILED", "QUORUM", "MOUNTED", "MOST ACTIVE"], held(&modes))?;
    writeln!(out)?;
    let levels: Vec<Vec<String>> = summary
        .levels
        .iter()
        .map(|l| {
            let mut row = vec![
                l.failures.to_string(),
                l.combinations.to_string(),
                l.with_quorum.to_string(),
                l.all_mounted.to_string(),
                l.fewest_mounted.to_string(),
                l.max_active.to_string(),
            ];
            row.extend(l.clients_served.map(|served| served.to_string()));
            row
        })
        .collect();
    let mut header = vec!["FAILED", "SETS", "QUORUM", "ALL MOUNTED", "FEWEST MOUNTED", "MOST ACTIVE"];
    if clients {
        header.push("CLIENTS SERVED");
    }
    table(out, &header, held(&levels))
}

/// A script and its fork: the fork's whole script, then each verdict with its downtime and data at risk,
/// then which kept more.
pub fn forked(out: &mut dyn Write, forked: &verbs::Forked) -> io::Result<()> {
    writeln!(out, "{}, from {}, plays:", forked.fork.name, duration::clock(forked.fork.at_ms))?;
    for line in &forked.fork.script {
        writeln!(out, "  {line}")?;
    }
    for (name, verdict) in [("The script", &forked.script), (forked.fork.name.as_str(), &forked.fork_verdict)] {
        writeln!(out, "\n{name}: {}", verdict.summary())?;
        for (subject, ms) in verdict.downtime_ms.iter().filter(|(_, ms)| *ms > 0) {
            writeln!(out, "  {subject} down {}", duration::clock(*ms))?;
        }
        for risk in &verdict.at_risk {
            writeln!(out, "  at risk: {} — {}", risk.subject, risk.why)?;
        }
    }
    let better = forked.compared.rsplit_once(". ").map_or(forked.compared.as_str(), |(_, last)| last);
    writeln!(out, "\n{better}")
}
