//! The 2003 diagram as a static SVG file, drawn from the same [`layout`](super::layout) as the app's
//! canvas: networks, NICs, nodes with the EVS they run, shared disks with their owners, the client tier
//! and the groups that run nowhere. No controls; colours say state, and every state is also written.

use super::layout::{ChipShape, Diagram, NODE_HEIGHT, NODE_WIDTH};
use super::model::Scenario;
use super::report::Outcome;
use crate::geometry::{Point, Rect};
use crate::svg::{Paint, Svg, Type, colour};

fn chip(svg: &mut Svg, chip: &ChipShape) {
    let paint = match chip.state {
        "online" => Paint::new(colour::ONLINE_BG, colour::ONLINE),
        "failed" => Paint::new(colour::FAILED_BG, colour::FAILED),
        "pending" => Paint::new(colour::WARN_BG, colour::WARN).dashed("4 3"),
        _ => Paint::new(colour::GREY_BG, colour::MUTED),
    };
    let r = chip.rect;
    svg.rect(r, 6.0, paint);
    svg.text(Point::new(r.x + 10.0, r.y + 17.0), Type::new(13.0, colour::INK).bold(), &chip.group);
    svg.text(Point::new(r.right() - 10.0, r.y + 17.0), Type::new(11.0, colour::INK).end(), chip.state);
}

/// The diagram of `scenario` in the state `outcome` describes, with a margin.
pub fn svg(scenario: &Scenario, outcome: &Outcome) -> String {
    let diagram = Diagram::new(scenario, outcome, None);
    let b = diagram.bounds;
    let view = Rect::new(b.x - 20.0, b.y - 10.0, b.width + 40.0, b.height + 30.0);
    let mut svg = Svg::new(view, &format!("Cluster diagram: {}", scenario.name));
    let quorum = &outcome.quorum;
    let (badge, badge_colour) = if quorum.held {
        (format!("Quorum held: {}", quorum.reason), colour::MUTED)
    } else {
        (format!("Quorum lost: {}: every group is offline", quorum.reason), colour::FAILED)
    };
    svg.text(Point::new(b.x, 12.0), Type::new(13.0, badge_colour), &badge);

    for front_end in &diagram.client_tier {
        let r = front_end.rect;
        let paint = if front_end.up {
            Paint::new(colour::ACCENT_BG, colour::ACCENT)
        } else {
            Paint::new(colour::FAILED_BG, colour::FAILED).dashed("6 4")
        };
        svg.rect(r, 4.0, paint);
        svg.text(Point::new(r.x + 8.0, r.y + 15.0), Type::new(13.0, colour::INK).bold(), &front_end.name);
        let what = if front_end.id.is_none() { "virtual IP" } else { "front-end" };
        let state = if front_end.up { "up" } else { "down" };
        svg.text(Point::new(r.x + 8.0, r.y + 29.0), Type::new(11.0, colour::MUTED), &format!("{what} · {state}"));
    }

    for network in &diagram.networks {
        let stroke = match (network.up, network.role) {
            (false, _) => colour::FAILED,
            (true, "private") => colour::VIOLET,
            _ => colour::ACCENT,
        };
        let paint = Paint::new("none", stroke).width(4.0).dashed(if network.up { "" } else { "8 6" });
        svg.line(Point::new(network.x1, network.y), Point::new(network.x2, network.y), paint);
        let label = format!("{} ({}){}", network.name, network.role, if network.up { "" } else { " · down" });
        svg.text(Point::new(network.x1 + 26.0, network.y - 6.0), Type::new(13.0, colour::MUTED), &label);
    }

    for disk in &diagram.disks {
        if let Some((from, to)) = disk.owner_line {
            svg.line(from, to, Paint::new("none", colour::MUTED).width(1.5).dashed("3 3"));
        }
    }

    for node in &diagram.nodes {
        for nic in &node.nics {
            let paint = Paint::new("none", if nic.up { colour::MUTED } else { colour::FAILED });
            svg.line(nic.from, nic.to, if nic.up { paint } else { paint.dashed("4 4") });
        }
        let r = node.rect;
        let paint = match node.state {
            "up" => Paint::new(colour::PANEL, colour::MUTED),
            "down" => Paint::new(colour::GREY_BG, colour::FAILED).dashed("6 4"),
            _ => Paint::new(colour::WARN_BG, colour::WARN).dashed("6 4"),
        };
        svg.rect(Rect::new(r.x, r.y, NODE_WIDTH, NODE_HEIGHT), 8.0, paint);
        svg.text(Point::new(r.x + 12.0, r.y + 24.0), Type::new(15.0, colour::INK).bold(), &node.name);
        let state_colour = if node.state == "down" { colour::FAILED } else { colour::MUTED };
        svg.text(Point::new(r.x + 12.0, r.bottom() - 10.0), Type::new(12.0, state_colour), node.label);
        for group in &node.groups {
            chip(&mut svg, group);
        }
    }

    for disk in &diagram.disks {
        let r = disk.rect;
        let stroke = if disk.quorum { colour::VIOLET } else { colour::MUTED };
        let paint = if disk.ok {
            Paint::new(colour::GREY_BG, stroke)
        } else {
            Paint::new(colour::FAILED_BG, colour::FAILED).dashed("5 4")
        };
        svg.rect(r, 10.0, paint);
        svg.text(Point::new(r.x + 8.0, r.y + 18.0), Type::new(12.0, colour::INK), &disk.name);
        let state = match (disk.quorum, disk.ok) {
            (true, true) => "quorum",
            (true, false) => "quorum · failed",
            (false, true) => "",
            (false, false) => "failed",
        };
        svg.text(Point::new(r.x + 8.0, r.y + 35.0), Type::new(12.0, colour::MUTED), state);
    }

    let tray = diagram.tray;
    svg.rect(tray, 6.0, Paint::new("none", colour::LINE).dashed("6 4"));
    svg.text(Point::new(tray.x + 10.0, tray.y + 16.0), Type::new(12.0, colour::MUTED), "Not running");
    for group in &diagram.stranded {
        chip(&mut svg, group);
    }
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::{Design, Event, Options, presets, report};

    fn drawn(events: &[&str]) -> String {
        let design = Design::new(presets::preset("four-node-3a1p").unwrap()).unwrap();
        let events: Vec<_> = events.iter().map(|e| Event::parse(e, &design).unwrap()).collect();
        let outcome = report::simulate(&design, &events, Options::default());
        svg(&design.scenario, &outcome)
    }

    #[test]
    fn the_drawing_shows_every_node_group_and_disk_in_its_state() {
        let healthy = drawn(&[]);
        for name in ["node1", "node4", "EVS1", "EVS3", "EVS3-data", "public (mixed)", "fe1", "NLB cluster"] {
            assert!(healthy.contains(&format!(">{name}</text>")), "{name} is drawn");
        }
        assert!(healthy.contains("Quorum held: node1 owns the quorum disk Q"));
        assert!(!healthy.contains(">down</text>"));
        let failed = drawn(&["fail:node3"]);
        assert!(failed.contains(">down</text>"), "the failed node says so");
        assert!(failed.contains(&format!("stroke=\"{}\"", colour::FAILED)));
        assert!(healthy.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(!healthy.contains("<script") && !healthy.contains("style="), "no script, no style attribute");
    }
}
