//! `--format text`: the same results as readable tables for people.

use std::fmt::Write;

use clusterplan_core::cluster::ips::IpPlan;
use clusterplan_core::cluster::matrix::MatrixReport;
use clusterplan_core::cluster::report::{NodeState, Outcome};
use clusterplan_core::cluster::timeline::Timeline;
use clusterplan_core::dag;
use clusterplan_core::duration;
use clusterplan_core::finding::{Finding, Rule, Severity};

/// Left-aligned columns, two spaces apart; the last column is not padded.
fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(columns) {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let mut text = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut out = String::new();
        for (i, cell) in cells.enumerate() {
            if i + 1 < columns {
                let _ = write!(out, "{cell:<width$}  ", width = widths[i]);
            } else {
                out.push_str(cell);
            }
        }
        text.push_str(out.trim_end());
        text.push('\n');
    };
    line(&mut header.iter().copied());
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    text
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 { format!("1 {word}") } else { format!("{count} {word}s") }
}

pub fn rules(rules: &[Rule]) -> String {
    let rows: Vec<Vec<String>> =
        rules.iter().map(|r| vec![r.id.to_string(), r.severity.word().to_string(), r.summary.to_string()]).collect();
    table(&["RULE", "SEVERITY", "CHECKS"], &rows)
}

pub fn findings(mode: &str, findings: &[Finding]) -> String {
    let mut text = format!("{mode}\n\n");
    for finding in findings {
        let _ = writeln!(
            text,
            "{:<8} {}  [{}]\n         {}\n         source: {}",
            finding.severity.word(),
            finding.rule,
            finding.subject,
            finding.message,
            finding.source
        );
    }
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    let _ = writeln!(
        text,
        "\n{}, {}, {} info",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        count(Severity::Info)
    );
    text
}

pub fn outcome(outcome: &Outcome) -> String {
    let mut text = String::new();
    for event in &outcome.events {
        let _ = writeln!(text, "> {}", event.event);
        if let Some(refused) = &event.refused {
            let _ = writeln!(text, "  refused: {refused}");
        }
        for change in &event.changes {
            let _ = writeln!(text, "  {}: {} ({})", change.subject, change.change, change.reason);
        }
        text.push('\n');
    }
    let quorum = &outcome.quorum;
    let held = match &quorum.owner {
        Some(owner) if quorum.held => format!("held by {owner}"),
        _ => "lost".to_string(),
    };
    let _ = writeln!(text, "Quorum: {held} ({})", quorum.reason);
    let nodes: Vec<String> = outcome
        .nodes
        .iter()
        .map(|n| if n.state == NodeState::Up { n.name.clone() } else { format!("{} ({})", n.name, n.state) })
        .collect();
    let _ = writeln!(text, "Nodes: {}\n", nodes.join(", "));
    let rows: Vec<Vec<String>> = outcome
        .groups
        .iter()
        .map(|g| {
            vec![g.name.clone(), g.state.to_string(), g.owner.clone().unwrap_or_else(|| "-".into()), g.reason.clone()]
        })
        .collect();
    text.push_str(&table(&["GROUP", "STATE", "OWNER", "WHY"], &rows));
    let _ = writeln!(text, "\nStatic IP addresses: {}", outcome.ips.total);
    text
}

pub fn timeline(played: &Timeline) -> String {
    let rows: Vec<Vec<String>> = played
        .timeline
        .iter()
        .map(|e| vec![duration::clock(e.t_ms), e.subject.clone(), e.change.clone(), e.reason.clone()])
        .collect();
    let mut text = table(&["TIME", "SUBJECT", "CHANGE", "WHY"], &rows);
    text.push('\n');
    text.push_str(&outcome(&played.outcome));
    text
}

pub fn ip_plan(plan: &IpPlan) -> String {
    let mut rows: Vec<Vec<String>> = plan.breakdown.iter().map(|l| vec![l.count.to_string(), l.item.clone()]).collect();
    rows.push(vec![plan.total.to_string(), "in all".into()]);
    let mut text = table(&["COUNT", "FOR"], &rows);
    let _ = writeln!(text, "Recommended: {} = {}", plan.recommended.formula, plan.recommended.total);
    let names: Vec<&str> = plan.names.iter().map(|n| n.name.as_str()).collect();
    let _ = writeln!(text, "Names ({}): {}\n", names.len(), names.join(", "));
    let rows: Vec<Vec<String>> = plan
        .assignments
        .iter()
        .map(|a| {
            vec![
                a.address.map_or_else(|| "-".to_string(), |address| address.to_string()),
                a.network.clone().unwrap_or_else(|| "-".into()),
                a.holder.clone(),
            ]
        })
        .collect();
    text.push_str(&table(&["ADDRESS", "NETWORK", "HOLDER"], &rows));
    for finding in &plan.findings {
        let _ = writeln!(text, "\n{}: {} ({})", finding.severity.word(), finding.message, finding.rule);
    }
    text
}

pub fn matrix(report: &MatrixReport) -> String {
    let summary = &report.summary;
    let mut text = format!(
        "{} nodes, {} groups, {} node sets (up to {} failing at once)\n\n",
        summary.nodes, summary.groups, summary.combinations, summary.max_failures
    );
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
    text.push_str(&table(&["FAILED", "SETS", "ALL UP", "TOLERATED", "WORST"], &rows));
    let _ = writeln!(text, "\nTolerates any {}.", plural(summary.tolerates_any, "simultaneous node failure"));
    if let Some(loss) = &summary.first_loss {
        let _ = writeln!(
            text,
            "Smallest failure that takes a group down: {} ({} of {} groups online).",
            loss.failed.join("+"),
            loss.online,
            summary.groups
        );
    }
    let survival: Vec<String> =
        summary.survival.iter().map(|g| format!("{} {}/{}", g.name, g.survives, g.of)).collect();
    let _ = writeln!(text, "Survives in: {}", survival.join(", "));
    if let Some(rows) = &report.rows {
        text.push('\n');
        let mut header = vec!["FAILED", "QUORUM"];
        header.extend(
            rows.first().map(|r| r.groups.iter().map(|g| g.name.as_str()).collect::<Vec<_>>()).unwrap_or_default(),
        );
        let body: Vec<Vec<String>> = rows
            .iter()
            .map(|row| {
                let mut cells = vec![
                    if row.failed.is_empty() { "none".to_string() } else { row.failed.join("+") },
                    if row.quorum { "yes" } else { "no" }.to_string(),
                ];
                cells.extend(row.groups.iter().map(|g| g.owner.clone().unwrap_or_else(|| "-".into())));
                cells
            })
            .collect();
        text.push_str(&table(&header, &body));
    }
    text
}

pub fn dag_outcome(outcome: &dag::report::Outcome) -> String {
    let quorum = &outcome.quorum;
    let mut text = format!(
        "quorum: {} ({} votes, {} needed; {})\n  {}\n\n",
        if quorum.held { "held" } else { "lost" },
        quorum.votes,
        quorum.needed,
        quorum.model,
        quorum.reason
    );
    let witness = &outcome.witness;
    let _ = writeln!(
        text,
        "witness: {} in {} ({}, {}{})\n",
        witness.server,
        witness.site,
        witness.in_use,
        if witness.up { "up" } else { "down" },
        if witness.votes { ", votes" } else { ", no vote: odd member count" }
    );
    let servers: Vec<Vec<String>> = outcome
        .servers
        .iter()
        .map(|s| {
            let dacp = s.dacp.map_or(String::new(), |bit| u8::from(bit).to_string());
            vec![s.name.clone(), s.site.clone(), s.state.to_string(), dacp, s.active.to_string()]
        })
        .collect();
    text.push_str(&table(&["SERVER", "SITE", "STATE", "DACP", "ACTIVE"], &servers));
    text.push('\n');
    let databases: Vec<Vec<String>> = outcome
        .databases
        .iter()
        .map(|d| {
            vec![
                d.name.clone(),
                d.state.to_string(),
                d.server.clone().unwrap_or_else(|| "-".into()),
                d.criterion.clone(),
                d.reason.clone(),
            ]
        })
        .collect();
    text.push_str(&table(&["DATABASE", "STATE", "SERVER", "CRITERION", "WHY"], &databases));
    let _ = writeln!(text, "\n{} mounted, {} dismounted", outcome.mounted, outcome.dismounted);
    for event in outcome.events.iter().filter(|e| !e.applied) {
        let _ = writeln!(text, "refused: {}: {}", event.event, event.refused.as_deref().unwrap_or(""));
    }
    text
}

pub fn dag_ip_plan(plan: &dag::ips::IpPlan) -> String {
    let mut rows = Vec::new();
    for subnet in &plan.subnets {
        for address in &subnet.addresses {
            rows.push(vec![
                subnet.network.clone(),
                subnet.site.clone(),
                subnet.cidr.clone().unwrap_or_else(|| "-".into()),
                address.holder.clone(),
                address.address.clone().unwrap_or_else(|| "-".into()),
            ]);
        }
    }
    let mut text = table(&["NETWORK", "SITE", "SUBNET", "HOLDER", "ADDRESS"], &rows);
    let _ = writeln!(
        text,
        "\n{} static addresses: {} for the DAG (one per MAPI subnet), {} for the members; {} DNS name",
        plan.total, plan.dag_addresses, plan.server_addresses, plan.names
    );
    for finding in &plan.findings {
        let _ = writeln!(text, "{}: {} [{}]", finding.severity.word(), finding.message, finding.subject);
    }
    text
}

pub fn dag_matrix(report: &dag::matrix::MatrixReport) -> String {
    let summary = &report.summary;
    let mut text = format!(
        "{} servers, {} databases, {} failed-server sets (up to {} at once); any {} may fail with every database mounted\n\n",
        summary.servers, summary.databases, summary.combinations, summary.max_failures, summary.tolerates_any
    );
    let modes: Vec<Vec<String>> = summary
        .modes
        .iter()
        .map(|m| {
            vec![
                m.mode.clone(),
                if m.failed.is_empty() { "-".into() } else { m.failed.join(" ") },
                if m.quorum { "yes".into() } else { "no".into() },
                format!("{}/{}", m.mounted, m.mounted + m.dismounted),
                m.busiest.as_ref().map_or("-".into(), |s| format!("{} on {s}", m.max_active)),
            ]
        })
        .collect();
    text.push_str(&table(&["MODE", "FAILED", "QUORUM", "MOUNTED", "MOST ACTIVE"], &modes));
    text.push('\n');
    let levels: Vec<Vec<String>> = summary
        .levels
        .iter()
        .map(|l| {
            vec![
                l.failures.to_string(),
                l.combinations.to_string(),
                l.with_quorum.to_string(),
                l.all_mounted.to_string(),
                l.fewest_mounted.to_string(),
                l.max_active.to_string(),
            ]
        })
        .collect();
    text.push_str(&table(&["FAILED", "SETS", "QUORUM", "ALL MOUNTED", "FEWEST MOUNTED", "MOST ACTIVE"], &levels));
    text
}
