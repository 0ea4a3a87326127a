//! The 2003 cluster's report (see [`crate::document`]): the diagram, the nodes and networks, each EVS with
//! its policies and its resources' dependency tree, the shared disks, the findings, the IP and name plan,
//! what survives every set of failed nodes, and the quorum model and timings it assumes.

use super::model::{Failback, Quorum, Resource};
use super::{Design, Options, drawing, ips, matrix, report, rules};
use crate::document::{Block, Document, Item, Section, addresses_section, findings_section};
use crate::duration;
use crate::matrix::Summarised;
use crate::sources;

/// The report of `design`, healthy.
pub fn document(design: &Design) -> Document {
    let scenario = &design.scenario;
    let healthy = report::simulate(design, &[], Options::default());
    let (_, mode) = rules::mode(design);
    let lead = format!(
        "{} on a {} cluster named {}: {} nodes, {} Exchange Virtual Servers. {mode}",
        scenario.exchange.title(),
        scenario.windows.title(),
        scenario.cluster_name,
        scenario.nodes.len(),
        scenario.groups.len()
    );
    let mut sections = vec![Section {
        id: "diagram",
        heading: "Diagram".into(),
        blocks: vec![Block::Figure {
            svg: drawing::svg(scenario, &healthy),
            caption: format!(
                "{} with every node up: networks, nodes with the EVS each runs, shared disks and their owners.",
                scenario.name
            ),
        }]
        .into_iter()
        .chain((!scenario.description.is_empty()).then(|| Block::Paragraph(scenario.description.clone())))
        .collect(),
    }];
    sections.push(nodes(design));
    sections.push(groups(design, &healthy));
    sections.push(disks(design));
    sections.push(findings_section(&rules::validate(design)));
    sections.push(addresses(design));
    sections.push(survival(design));
    sections.push(assumptions(design));
    Document { title: scenario.name.clone(), lead, sections }
}

fn nodes(design: &Design) -> Section {
    let scenario = &design.scenario;
    let nodes = Block::table(
        ["Node", "NICs (network)"],
        scenario.nodes.iter().map(|node| {
            let nics: Vec<String> = node
                .nics
                .iter()
                .map(|nic| if nic.dhcp { format!("{} (DHCP)", nic.network) } else { nic.network.clone() })
                .collect();
            [node.name.clone(), nics.join(", ")]
        }),
    );
    let networks = Block::table(
        ["Network", "Role", "Subnet"],
        scenario.networks.iter().map(|network| {
            let role = serde_json::to_value(network.role).ok().and_then(|v| v.as_str().map(str::to_string));
            [
                network.name.clone(),
                role.unwrap_or_default(),
                network.subnet.map_or("not given".into(), |s| s.to_string()),
            ]
        }),
    );
    let front_ends = &scenario.front_ends;
    let mut blocks = vec![nodes, networks];
    if !front_ends.servers.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "Front-end servers outside the cluster: {}{}.",
            front_ends.servers.join(", "),
            if front_ends.nlb { ", load-balanced by Network Load Balancing" } else { "" }
        )));
        blocks.push(Block::Note(format!("Source: {}.", sources::FRONT_END)));
    }
    Section { id: "nodes", heading: "Nodes and networks".into(), blocks }
}

fn failback(failback: &Failback) -> String {
    match failback {
        Failback::Never => "never (stays where it is)".into(),
        Failback::Immediately => "immediately".into(),
        Failback::Window { start_hour, end_hour } => format!("between {start_hour}:00 and {end_hour}:00"),
    }
}

/// A group's resources as a tree: the resources nothing else depends on at the top, each with what it
/// depends on under it; a resource met again is named "as above" instead of being spelled out twice.
fn dependency_tree(resources: &[Resource]) -> Vec<Item> {
    fn item(resources: &[Resource], resource: &Resource, path: &mut Vec<String>, shown: &mut Vec<String>) -> Item {
        let text = format!("{} ({})", resource.name, resource.kind.title());
        if path.contains(&resource.name) {
            return Item { text: format!("{text}: a dependency cycle"), children: Vec::new() };
        }
        if shown.contains(&resource.name) {
            let again = if resource.depends_on.is_empty() { text } else { format!("{text}, as above") };
            return Item { text: again, children: Vec::new() };
        }
        shown.push(resource.name.clone());
        path.push(resource.name.clone());
        let children = resource
            .depends_on
            .iter()
            .filter_map(|name| resources.iter().find(|r| &r.name == name))
            .map(|child| item(resources, child, path, shown))
            .collect();
        path.pop();
        Item { text, children }
    }
    let mut shown = Vec::new();
    resources
        .iter()
        .filter(|r| !resources.iter().any(|other| other.depends_on.contains(&r.name)))
        .map(|top| item(resources, top, &mut Vec::new(), &mut shown))
        .collect()
}

fn groups(design: &Design, healthy: &report::Outcome) -> Section {
    let scenario = &design.scenario;
    let table = Block::table(
        ["EVS", "Runs on", "Preferred owners", "Failover", "Failback", "Storage groups"],
        scenario.groups.iter().map(|group| {
            let runs = healthy.groups.iter().find(|g| g.name == group.name);
            let storage: Vec<String> = group
                .storage_groups
                .iter()
                .map(|sg| {
                    format!("{} ({} stores; logs {}, databases {})", sg.name, sg.stores, sg.log_disk, sg.database_disk)
                })
                .collect();
            [
                group.name.clone(),
                runs.and_then(|g| g.owner.clone()).unwrap_or_else(|| "nowhere".into()),
                if group.preferred_owners.is_empty() { "none".into() } else { group.preferred_owners.join(", ") },
                format!("{} failures in {} h", group.failover.threshold, group.failover.period_hours),
                failback(&group.failback),
                storage.join("; "),
            ]
        }),
    );
    let mut blocks = vec![table];
    for group in &scenario.groups {
        blocks.push(Block::Paragraph(format!("{}: its resources, each above what it depends on.", group.name)));
        blocks.push(Block::Tree(dependency_tree(&group.resources)));
    }
    blocks.push(Block::Note(format!("Source: {}.", sources::DEPENDENCIES)));
    Section { id: "groups", heading: "Exchange Virtual Servers".into(), blocks }
}

fn disks(design: &Design) -> Section {
    let scenario = &design.scenario;
    let quorum_disk = match &scenario.quorum {
        Quorum::Disk { disk } => Some(disk.as_str()),
        Quorum::MajorityNodeSet => None,
    };
    let table = Block::table(
        ["Disk", "RAID", "Holds"],
        scenario.disks.iter().map(|disk| {
            let mut holds: Vec<String> = scenario
                .groups
                .iter()
                .flat_map(|g| g.resources.iter().map(move |r| (g, r)))
                .filter(|(_, r)| r.disk.as_deref() == Some(disk.name.as_str()))
                .map(|(g, r)| format!("{}/{}", g.name, r.name))
                .collect();
            if quorum_disk == Some(disk.name.as_str()) {
                holds.insert(0, "the quorum".into());
            }
            [disk.name.clone(), if disk.raid { "yes" } else { "no" }.into(), holds.join(", ")]
        }),
    );
    Section {
        id: "disks",
        heading: "Shared disks".into(),
        blocks: vec![table, Block::Note(format!("Source: {}.", sources::SHARED_NOTHING))],
    }
}

fn addresses(design: &Design) -> Section {
    let plan = ips::plan(design, &ips::scenario_subnets(design), 0);
    let mut breakdown: Vec<[String; 2]> =
        plan.breakdown.iter().map(|l| [l.count.to_string(), l.item.clone()]).collect();
    breakdown.push([plan.total.to_string(), "in all".into()]);
    let blocks = vec![
        Block::table(["Static addresses", "For"], breakdown),
        Block::Paragraph(format!("Recommended: {} = {}.", plan.recommended.formula, plan.recommended.total)),
        Block::table(["Name", "Held by"], plan.names.iter().map(|n| [n.name.clone(), n.holder.clone()])),
        Block::table(
            ["Address", "Network", "Subnet", "Holder"],
            plan.assignments.iter().map(|a| {
                [
                    a.address.map_or_else(|| "not assigned (no subnet given)".into(), |x| x.to_string()),
                    a.network.clone().unwrap_or_default(),
                    a.subnet.map(|s| s.to_string()).unwrap_or_default(),
                    a.holder.clone(),
                ]
            }),
        ),
    ];
    addresses_section(blocks, &plan.findings, sources::IP_ADDRESSES)
}

fn survival(design: &Design) -> Section {
    let blocks = match matrix::Summary::compute(design, None) {
        Err(too_large) => vec![Block::Paragraph(format!("Not worked out here: {too_large}."))],
        Ok(summary) => {
            let levels = Block::table(
                ["Nodes failed", "Sets", "Every group up", "Tolerated", "Worst set"],
                summary.levels.iter().map(|level| {
                    let worst = &level.worst;
                    [
                        level.failures.to_string(),
                        level.combinations.to_string(),
                        level.every_group_survives.to_string(),
                        if level.tolerated { "yes" } else { "no" }.into(),
                        if worst.failed.is_empty() {
                            format!("{} of {} groups online", worst.online, summary.groups)
                        } else {
                            format!(
                                "{} failed: {} of {} groups online{}",
                                worst.failed.join(" + "),
                                worst.online,
                                summary.groups,
                                if worst.quorum { "" } else { ", quorum lost" }
                            )
                        },
                    ]
                }),
            );
            let mut blocks = vec![
                Block::Paragraph(format!(
                    "Every set of up to {} failed nodes ({} sets): the design tolerates any {}.",
                    summary.max_failures,
                    summary.combinations,
                    crate::words::count(
                        summary.tolerates_any,
                        "simultaneous node failure",
                        "simultaneous node failures"
                    )
                )),
                levels,
            ];
            if let Some(loss) = &summary.first_loss {
                blocks.push(Block::Paragraph(format!(
                    "The smallest failure that takes a group down: {} ({} of {} groups online).",
                    loss.failed.join(" + "),
                    loss.online,
                    summary.groups
                )));
            }
            blocks.push(Block::table(
                ["EVS", "Online in"],
                summary.survival.iter().map(|g| [g.name.clone(), format!("{} of {} sets", g.survives, g.of)]),
            ));
            blocks
        }
    };
    Section { id: "survival", heading: "What survives".into(), blocks }
}

fn assumptions(design: &Design) -> Section {
    let scenario = &design.scenario;
    let quorum = match &scenario.quorum {
        Quorum::Disk { disk } => format!(
            "Standard quorum on the shared disk {disk}: the node that owns it holds quorum, and the cluster runs while \
             that disk and one node that can reach it are up."
        ),
        Quorum::MajorityNodeSet => format!(
            "Majority Node Set: the quorum data on every node; more than half of the {} nodes ({}) must be up and \
             talking to each other.",
            scenario.nodes.len(),
            scenario.nodes.len() / 2 + 1
        ),
    };
    let timing = &scenario.timing;
    Section {
        id: "assumptions",
        heading: "Quorum and assumptions".into(),
        blocks: vec![
            Block::Paragraph(quorum),
            Block::Note(format!("Source: {}.", sources::QUORUM)),
            Block::Paragraph(format!(
                "Timings the failover timeline uses: missed heartbeats noticed after {} s, a returning node joins in {} s; \
                 each resource's time to come online is clusterplan's default unless the design sets it.",
                duration::seconds(timing.heartbeat_detection_ms),
                duration::seconds(timing.join_ms)
            )),
            Block::Note(format!("{}.", sources::CLUSTERPLAN_CHOICE)),
            Block::Paragraph(
                "Failover order: a group's candidates are its preferred owners in order, then every other node in \
                 design order; the scan starts after the node the group leaves and wraps around, and the first node \
                 that can take the group (up, in quorum, a possible owner of every resource, its NICs and disks up, \
                 running no other EVS on a cluster of more than two nodes) takes it. Without preferred owners Windows \
                 picks a node at random; clusterplan takes design order instead. Failback follows each group's policy."
                    .into(),
            ),
            Block::Note(format!("Source: {}.", sources::PREFERRED_OWNERS)),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::presets;
    use crate::document::markdown;

    #[test]
    fn the_report_holds_every_node_group_resource_disk_and_finding() {
        let design = Design::new(presets::preset("four-node-3a1p").unwrap()).unwrap();
        let text = markdown(&document(&design));
        for name in ["node1", "node4", "EVS1", "EVS3", "EVS3-data", "Q", "private"] {
            assert!(text.contains(name), "{name} in the report");
        }
        let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
        assert_eq!(
            headings,
            [
                "## Diagram",
                "## Nodes and networks",
                "## Exchange Virtual Servers",
                "## Shared disks",
                "## Findings",
                "## IP addresses and names",
                "## What survives",
                "## Quorum and assumptions"
            ]
        );
        // The Store depends on the System Attendant, which depends on the Network Name and the disks.
        let tree: Vec<&str> =
            text.lines().skip_while(|l| !l.starts_with("EVS1: its resources")).skip(2).take(8).collect();
        assert_eq!(
            tree,
            [
                "- Store (Exchange Information Store Instance)",
                "  - System Attendant (Exchange System Attendant)",
                "    - Network Name (Network Name)",
                "      - IP Address (IP Address)",
                "    - Logs Disk (Physical Disk)",
                "    - Data Disk (Physical Disk)",
                "- SMTP (SMTP Virtual Server Instance)",
                "  - System Attendant (Exchange System Attendant), as above",
            ]
        );
        assert!(text.contains("tolerates any 1 simultaneous node failure."), "{text}");
    }
}
