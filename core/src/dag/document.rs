//! The DAG's report (see [`crate::document`]): the topology, the sites and member servers with their
//! activation settings, every database with its copies in preference order, the findings, the IP and name
//! plan, the failure modes and what survives every set of failed servers, and the quorum model and
//! timings it assumes.

use super::{Design, drawing, ips, matrix, report, rules};
use crate::document::{Block, Document, Section, addresses_section, findings_section};
use crate::duration;
use crate::matrix::Summarised;
use crate::sources;

/// The report of `dag`, healthy.
pub fn document(dag: &Design) -> Document {
    let scenario = &dag.scenario;
    let healthy = report::simulate(dag, &[]);
    let windows = scenario.windows.unwrap_or_else(|| scenario.exchange.default_windows());
    let lead = format!(
        "{} on {}; {} databases, the witness {} in {}{}{}.",
        rules::mode(dag),
        windows.title(),
        scenario.databases.len(),
        scenario.witness.server,
        scenario.witness.site,
        if scenario.dac_mode { "; DAC mode on" } else { "" },
        if scenario.ip_less { "; IP-less (no administrative access point)" } else { "" }
    );
    let mut diagram = vec![Block::Figure {
        svg: drawing::svg(scenario, &healthy),
        caption: format!(
            "{} with every server up: the sites, their servers and witness, the WAN links.",
            scenario.name
        ),
    }];
    if !scenario.description.is_empty() {
        diagram.push(Block::Paragraph(scenario.description.clone()));
    }
    let sections = vec![
        Section { id: "diagram", heading: "Topology".into(), blocks: diagram },
        servers(dag),
        databases(dag),
        findings_section(&rules::validate(dag)),
        addresses(dag),
        survival(dag),
        assumptions(dag),
    ];
    Document { title: scenario.name.clone(), lead, sections }
}

fn servers(dag: &Design) -> Section {
    let scenario = &dag.scenario;
    let sites = Block::table(
        ["Site", "Members", "Witness"],
        scenario.sites.iter().map(|site| {
            let members: Vec<&str> =
                scenario.servers.iter().filter(|s| s.site == site.name).map(|s| s.name.as_str()).collect();
            let witnesses: Vec<String> = [
                Some((&scenario.witness, "witness")),
                scenario.alternate_witness.as_ref().map(|w| (w, "alternate witness")),
            ]
            .into_iter()
            .flatten()
            .filter(|(w, _)| w.site == site.name)
            .map(|(w, role)| format!("{} ({role})", w.server))
            .collect();
            [site.name.clone(), members.join(", "), witnesses.join(", ")]
        }),
    );
    let servers = Block::table(
        ["Server", "Site", "Mount dial", "Activation policy", "Most active databases"],
        scenario.servers.iter().map(|server| {
            [
                server.name.clone(),
                server.site.clone(),
                server.mount_dial.title().to_string(),
                server.activation_policy.title().to_string(),
                server.max_active.map_or_else(|| "no limit".into(), |n| n.to_string()),
            ]
        }),
    );
    Section {
        id: "servers",
        heading: "Sites and servers".into(),
        blocks: vec![sites, servers, Block::Note(format!("Source: {}.", sources::DAG_MAILBOX_SERVER))],
    }
}

fn databases(dag: &Design) -> Section {
    let scenario = &dag.scenario;
    let table = Block::table(
        ["Database", "Copies, in activation preference order"],
        scenario.databases.iter().map(|database| {
            let mut copies: Vec<_> = database.copies.iter().collect();
            copies.sort_by_key(|c| c.preference);
            let copies: Vec<String> = copies
                .iter()
                .map(|c| {
                    let lag = if c.replay_lag_days > 0 {
                        format!(", lagged {} days", c.replay_lag_days)
                    } else {
                        String::new()
                    };
                    format!("{} ({}{lag})", c.server, c.preference)
                })
                .collect();
            [database.name.clone(), copies.join(", ")]
        }),
    );
    Section {
        id: "databases",
        heading: "Databases and copies".into(),
        blocks: vec![
            Block::Paragraph(format!("{} databases, every one listed.", scenario.databases.len())),
            table,
            Block::Note(format!("Source: {}.", sources::DAG_OVERVIEW)),
        ],
    }
}

fn addresses(dag: &Design) -> Section {
    let plan = ips::plan(dag, 0);
    let rows = plan.subnets.iter().flat_map(|subnet| {
        subnet.addresses.iter().map(|a| {
            [
                a.address.clone().unwrap_or_else(|| "not assigned (no subnet given)".into()),
                subnet.network.clone(),
                subnet.site.clone(),
                subnet.cidr.clone().unwrap_or_default(),
                a.holder.clone(),
            ]
        })
    });
    let blocks = vec![
        Block::Paragraph(format!(
            "{} static addresses: {} for the DAG (one per MAPI subnet), {} for the members, {} for the namespace; {}.",
            plan.total,
            plan.dag_addresses,
            plan.server_addresses,
            plan.vip_addresses,
            crate::words::count(plan.names as usize, "DNS name", "DNS names")
        )),
        Block::table(["Address", "Network", "Site", "Subnet", "Holder"], rows),
    ];
    addresses_section(blocks, &plan.findings, sources::DAG_IP)
}

fn survival(dag: &Design) -> Section {
    let blocks = match matrix::Summary::compute(dag, None) {
        Err(too_large) => vec![Block::Paragraph(format!("Not worked out here: {too_large}."))],
        Ok(summary) => {
            let modes = Block::table(
                ["Failure mode", "Failed", "Quorum", "Databases mounted", "Most active"],
                summary.modes.iter().map(|m| {
                    [
                        m.mode.clone(),
                        if m.failed.is_empty() { "nothing".into() } else { m.failed.join(", ") },
                        if m.quorum { "held" } else { "lost" }.into(),
                        format!(
                            "{} of {}{}",
                            m.mounted,
                            m.mounted + m.dismounted,
                            if m.clients == Some(false) { "; clients not all served" } else { "" }
                        ),
                        m.busiest.as_ref().map_or("-".into(), |s| format!("{} on {s}", m.max_active)),
                    ]
                }),
            );
            let levels = Block::table(
                ["Servers failed", "Sets", "With quorum", "Every database mounted", "Worst set", "Most active"],
                summary.levels.iter().map(|l| {
                    let worst = if l.worst.is_empty() { "none failed".to_string() } else { l.worst.join(" + ") };
                    [
                        l.failures.to_string(),
                        l.combinations.to_string(),
                        l.with_quorum.to_string(),
                        l.all_mounted.to_string(),
                        format!("{worst}: {} of {} mounted", l.fewest_mounted, summary.databases),
                        l.max_active.to_string(),
                    ]
                }),
            );
            vec![
                Block::Paragraph(format!(
                    "Every set of up to {} failed servers ({} sets): any {} may fail with every database mounted. {}",
                    summary.max_failures, summary.combinations, summary.tolerates_any, summary.quorum_note
                )),
                modes,
                levels,
            ]
        }
    };
    Section { id: "survival", heading: "What survives".into(), blocks }
}

fn assumptions(dag: &Design) -> Section {
    let scenario = &dag.scenario;
    let timing = &scenario.timing;
    let mut blocks = vec![
        Block::Paragraph(format!(
            "Quorum: node majority with the witness {} in {} as a vote when the members are even in number{}{}.",
            scenario.witness.server,
            scenario.witness.site,
            if scenario.static_votes {
                "; dynamic quorum off (every member keeps its vote)"
            } else {
                "; Windows' dynamic quorum and dynamic witness as the version has them"
            },
            scenario
                .alternate_witness
                .as_ref()
                .map_or(String::new(), |w| format!("; alternate witness {} in {}", w.server, w.site))
        )),
        Block::Note(format!("Sources: {}; {}.", sources::DAG_QUORUM, sources::DYNAMIC_QUORUM)),
    ];
    if scenario.dac_mode {
        blocks.push(Block::Paragraph(
            "DAC mode: a member that starts after a failure mounts no database until it can talk to a member whose \
             DACP bit is set, or to every member of the DAG, so a datacenter that comes back cut off mounts nothing."
                .into(),
        ));
        blocks.push(Block::Note(format!("Source: {}.", sources::DAG_DAC)));
    }
    blocks.push(Block::Paragraph(format!(
        "Timings the failover timeline uses: a failure noticed after {} s, best copy selection {} s, a mount {} s, \
         clients reconnecting {} s.",
        duration::seconds(timing.detection_ms),
        duration::seconds(timing.selection_ms),
        duration::seconds(timing.mount_ms),
        duration::seconds(timing.reconnect_ms)
    )));
    blocks.push(Block::Note(format!("{}.", sources::CLUSTERPLAN_CHOICE)));
    blocks.push(Block::Paragraph(
        "Best copy selection follows Active Manager: copies on reachable, allowed servers, by the criteria sets in \
         order, then activation preference."
            .into(),
    ));
    blocks.push(Block::Note(format!("Source: {}.", sources::DAG_ACTIVE_MANAGER)));
    Section { id: "assumptions", heading: "Quorum and assumptions".into(), blocks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dag::presets;
    use crate::document::markdown;

    #[test]
    fn the_report_lists_every_database_with_its_copies_and_every_server() {
        let dag = Design::new(presets::preset("dag-pa-8").unwrap()).unwrap();
        let text = markdown(&document(&dag));
        for database in &dag.scenario.databases {
            assert!(text.contains(&format!("| {} |", database.name)), "{} in the report", database.name);
        }
        for server in &dag.scenario.servers {
            assert!(text.contains(&format!("| {} |", server.name)));
        }
        assert!(
            text.contains("| db1 | ex1 (1), ex2 (2), ex5 (3), ex6 (4, lagged 7 days) |"),
            "copies in preference order"
        );
        let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
        assert_eq!(
            headings,
            [
                "## Topology",
                "## Sites and servers",
                "## Databases and copies",
                "## Findings",
                "## IP addresses and names",
                "## What survives",
                "## Quorum and assumptions"
            ]
        );
    }
}
