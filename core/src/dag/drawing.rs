//! The DAG's topology as a static SVG file, drawn from the same [`layout`](super::layout) as the app: the
//! sites side by side, each with its namespace addresses, member servers and any witness, and the WAN links
//! as arcs above them. No controls; colours say state, and every state is also written.

use super::layout::{BOX_DETAIL_Y, BOX_NAME_Y, Topology};
use super::model::Scenario;
use super::report::Outcome;
use crate::geometry::{Point, Rect, tenths};
use crate::svg::{Paint, Svg, Type, colour};

/// The topology of `scenario` in the state `outcome` describes.
pub fn svg(scenario: &Scenario, outcome: &Outcome) -> String {
    let layout = Topology::new(scenario, outcome);
    let mut svg =
        Svg::new(Rect::new(0.0, 0.0, layout.width, layout.height), &format!("DAG topology: {}", scenario.name));
    for link in &layout.wan {
        let d = format!(
            "M {} {} C {} {} {} {} {} {}",
            tenths(link.from_x),
            tenths(link.base),
            tenths(link.from_x),
            tenths(link.control),
            tenths(link.to_x),
            tenths(link.control),
            tenths(link.to_x),
            tenths(link.base)
        );
        let paint = Paint::new("none", if link.up { colour::ACCENT } else { colour::FAILED }).width(3.0);
        svg.path(&d, if link.up { paint } else { paint.dashed("8 6") });
        let [a, b] = &link.names;
        let label = format!("WAN {a}-{b}{}", if link.up { "" } else { " · down" });
        let set = Type::new(11.0, if link.up { colour::MUTED } else { colour::FAILED });
        svg.text(Point::new(link.middle.x - 40.0, link.middle.y - 4.0), set, &label);
    }
    for site in &layout.sites {
        let r = site.region;
        let paint = if site.up {
            Paint::new(colour::GREY_BG, colour::LINE)
        } else {
            Paint::new(colour::FAILED_BG, colour::FAILED).dashed("8 6")
        };
        svg.rect(r, 10.0, paint);
        let name = if site.up { site.name.clone() } else { format!("{} · down", site.name) };
        svg.text(Point::new(r.x + 12.0, r.y + 22.0), Type::new(15.0, colour::INK).bold(), &name);
        for vip in &site.vips {
            let paint = if vip.used {
                Paint::new(colour::ACCENT_BG, colour::ACCENT)
            } else {
                Paint::new(colour::FAILED_BG, colour::FAILED).dashed("6 4")
            };
            box_with_lines(&mut svg, vip.rect, 4.0, paint, &vip.name, &vip.detail);
        }
        for server in &site.servers {
            let paint = match server.state {
                "up" => Paint::new(colour::PANEL, colour::MUTED),
                "down" => Paint::new(colour::GREY_BG, colour::FAILED).dashed("6 4"),
                _ => Paint::new(colour::WARN_BG, colour::WARN).dashed("6 4"),
            };
            box_with_lines(&mut svg, server.rect, 6.0, paint, &server.name, &server.detail);
        }
        for witness in &site.witnesses {
            let paint = match (witness.up, witness.in_use) {
                (false, _) => Paint::new(colour::FAILED_BG, colour::FAILED),
                (true, true) => Paint::new(colour::VIOLET_BG, colour::VIOLET),
                (true, false) => Paint::new(colour::VIOLET_BG, colour::VIOLET).dashed("4 4"),
            };
            box_with_lines(&mut svg, witness.rect, 18.0, paint, &witness.label, &witness.detail);
        }
    }
    svg.finish()
}

/// A box with a name in bold and a line of detail under it.
fn box_with_lines(svg: &mut Svg, r: Rect, radius: f64, paint: Paint, name: &str, detail: &str) {
    svg.rect(r, radius, paint);
    svg.text(Point::new(r.x + 10.0, r.y + BOX_NAME_Y), Type::new(14.0, colour::INK).bold(), name);
    svg.text(Point::new(r.x + 10.0, r.y + BOX_DETAIL_Y), Type::new(11.0, colour::MUTED), detail);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dag::{Design, Event, presets, report};

    fn drawn(events: &[&str]) -> String {
        let dag = Design::new(presets::preset("dag-pa-8").unwrap()).unwrap();
        let events: Vec<_> = events.iter().map(|e| Event::parse(e, &dag).unwrap()).collect();
        svg(&dag.scenario, &report::simulate(&dag, &events))
    }

    #[test]
    fn the_topology_shows_every_site_server_and_witness_in_its_state() {
        let healthy = drawn(&[]);
        for name in ["dc1", "dc2", "dc3", "ex1", "ex8", "fsw", "witness · votes", "WAN dc1-dc2"] {
            assert!(healthy.contains(&format!(">{name}")), "{name} is drawn");
        }
        assert!(!healthy.contains("· down"));
        let failed = drawn(&["fail-site:dc1"]);
        assert!(failed.contains(">dc1 · down</text>"), "the failed site says so");
        assert!(!healthy.contains("<script") && !healthy.contains("style="));
    }
}
