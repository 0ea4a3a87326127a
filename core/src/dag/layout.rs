//! Where everything is drawn on the DAG's topology, computed from the design and the engine's outcome:
//! the sites side by side as regions, each with the namespace's addresses there (the way clients come in),
//! its servers and any witness standing there stacked inside,
//! and the WAN links as arcs above them, wider the farther apart the sites are. Plain Rust, tested natively;
//! the drag asks it which site lies under the pointer.

use crate::dag::clients::VipState;
use crate::dag::design::{ServerId, SiteId, VipId};
use crate::dag::model::Scenario;
use crate::dag::report::{Outcome, ServerState, WitnessInUse};

use crate::geometry::{Point, Rect};

pub const SITE_WIDTH: f64 = 240.0;
const SITE_GAP: f64 = 40.0;
pub const SERVER_HEIGHT: f64 = 56.0;
/// Inside a box (a server, an address, a witness): the name's baseline, on the row of the fail/restore
/// control (which starts at [`BOX_CONTROL_Y`]), and the detail's baseline on a row of its own below, so a
/// control never covers what the box says.
pub const BOX_NAME_Y: f64 = 19.0;
pub const BOX_CONTROL_Y: f64 = 5.0;
pub const BOX_DETAIL_Y: f64 = 40.0;
/// Where the first server of each site is drawn; the regions start 40 above, the WAN arcs above that.
const TOP: f64 = 110.0;

/// A member server's box in its site.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerShape {
    pub id: ServerId,
    pub name: String,
    /// Where the box is: its corner, and its size.
    pub rect: Rect,
    /// `up`, `down`, `stopped` or `cut-off`.
    pub state: &'static str,
    /// The server itself failed (an event), as opposed to its site.
    pub failed: bool,
    /// What it runs, and its DACP bit in DAC mode.
    pub detail: String,
}

/// The witness or the alternate witness, in its site.
#[derive(Debug, Clone, PartialEq)]
pub struct WitnessShape {
    pub primary: bool,
    /// What the box says: the witness server's host name (an FQDN's first label, shortened with `…` to fit
    /// the box).
    pub label: String,
    /// The witness server as the design names it, in full (for the box's tooltip).
    pub server: String,
    pub rect: Rect,
    pub up: bool,
    pub in_use: bool,
    /// The witness server itself failed (only the primary has events).
    pub failed: bool,
    pub detail: String,
}

/// The characters a witness's box has room for on its name line: fewer for the primary, whose box also
/// holds its fail/restore control (14 px bold type on a box the width of a site's, less its margins).
const WITNESS_LABEL_ROOM: [usize; 2] = [21, 14];

/// A witness's name line: its server's host name (an FQDN's first label; an address as it is), cut with `…`
/// where it would not fit its box.
fn witness_label(server: &str, primary: bool) -> String {
    let host =
        if server.parse::<std::net::IpAddr>().is_ok() { server } else { server.split('.').next().unwrap_or(server) };
    let room = WITNESS_LABEL_ROOM[usize::from(primary)];
    if host.chars().count() > room {
        host.chars().take(room - 1).chain(std::iter::once('…')).collect()
    } else {
        host.to_string()
    }
}

/// A load-balanced address of the namespace, drawn above its site's servers: the way clients come in.
#[derive(Debug, Clone, PartialEq)]
pub struct VipShape {
    pub id: VipId,
    pub name: String,
    pub rect: Rect,
    /// Clients use it now.
    pub used: bool,
    /// The address itself failed (an event).
    pub failed: bool,
    pub detail: String,
}

/// A site and what stands in it.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteShape {
    pub id: SiteId,
    pub name: String,
    pub up: bool,
    pub region: Rect,
    /// The namespace's addresses here, above the servers.
    pub vips: Vec<VipShape>,
    pub servers: Vec<ServerShape>,
    pub witnesses: Vec<WitnessShape>,
}

/// A WAN link between two sites, as an arc from one site's middle to the other's.
#[derive(Debug, Clone, PartialEq)]
pub struct WanShape {
    pub sites: [SiteId; 2],
    pub names: [String; 2],
    pub up: bool,
    /// The arc: from x, to x, the height it starts and ends at, the height of its control points.
    pub from_x: f64,
    pub to_x: f64,
    pub base: f64,
    pub control: f64,
    /// The middle of the arc's highest point, where its fail/restore control goes.
    pub middle: Point,
}

/// The whole topology.
#[derive(Debug, Clone, PartialEq)]
pub struct Topology {
    pub sites: Vec<SiteShape>,
    pub wan: Vec<WanShape>,
    pub width: f64,
    pub height: f64,
}

/// A server's state as its box says it.
fn state_words(state: ServerState) -> &'static str {
    match state {
        ServerState::Unnoticed => "not noticed",
        state => state.word(),
    }
}

fn site_x(index: usize) -> f64 {
    10.0 + index as f64 * (SITE_WIDTH + SITE_GAP)
}

impl Topology {
    /// Lays out `scenario` in the state `outcome` describes.
    pub fn new(scenario: &Scenario, outcome: &Outcome) -> Topology {
        let witnesses = [Some((&scenario.witness, true)), scenario.alternate_witness.as_ref().map(|w| (w, false))];
        let rows = scenario
            .sites
            .iter()
            .map(|site| {
                let servers = scenario.servers.iter().filter(|s| s.site == site.name).count();
                let vips = scenario.namespace.iter().flat_map(|n| &n.vips).filter(|v| v.site == site.name).count();
                vips + servers + witnesses.iter().flatten().filter(|(w, _)| w.site == site.name).count()
            })
            .max()
            .unwrap_or(0);
        let height = TOP + rows.max(1) as f64 * SERVER_HEIGHT + 30.0;
        let box_size = (SITE_WIDTH - 20.0, SERVER_HEIGHT - 8.0);
        let sites = outcome
            .sites
            .iter()
            .enumerate()
            .map(|(i, site)| {
                let x = site_x(i);
                let mut y = TOP;
                let mut next = || {
                    let rect = Rect::new(x + 10.0, y, box_size.0, box_size.1);
                    y += SERVER_HEIGHT;
                    rect
                };
                let vips = outcome
                    .clients
                    .iter()
                    .flat_map(|clients| clients.vips.iter().enumerate().map(move |(v, vip)| (v, vip, clients)))
                    .filter(|(_, vip, _)| vip.site == site.name)
                    .map(|(v, vip, clients)| {
                        let used = clients.through.contains(&vip.name);
                        let why = match vip.state {
                            VipState::Up if used => "clients use it",
                            VipState::Up => "not in DNS",
                            VipState::Failed => "failed",
                            VipState::SiteDown => "site down",
                            VipState::NoServers => "no server behind it",
                        };
                        VipShape {
                            id: VipId(v as u32),
                            name: vip.name.clone(),
                            rect: next(),
                            used,
                            failed: vip.state == VipState::Failed,
                            detail: format!("{} · {why}", clients.namespace),
                        }
                    })
                    .collect();
                let servers = outcome
                    .servers
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.site == site.name)
                    .map(|(s, server)| {
                        let dacp = server.dacp.map(|bit| format!(" · DACP {}", u8::from(bit))).unwrap_or_default();
                        let maintenance = if server.maintenance { " · maintenance" } else { "" };
                        ServerShape {
                            id: ServerId(s as u32),
                            name: server.name.clone(),
                            rect: next(),
                            state: server.state.word(),
                            failed: server.failed,
                            detail: format!(
                                "{} · {} active{dacp}{maintenance}",
                                state_words(server.state),
                                server.active
                            ),
                        }
                    })
                    .collect();
                let witnesses = witnesses
                    .iter()
                    .flatten()
                    .filter(|(w, _)| w.site == site.name)
                    .map(|&(w, primary)| {
                        let in_use = (outcome.witness.in_use == WitnessInUse::Primary) == primary;
                        let up = if primary { !outcome.witness.failed && site.up } else { site.up };
                        // The note's head ("no vote", "votes", "down"): why is the quorum panel's to say at length.
                        let note = &outcome.witness.vote_note;
                        let state = if in_use { note.split(':').next().unwrap_or(note) } else { "standby" };
                        let role = if primary { "witness" } else { "alternate witness" };
                        WitnessShape {
                            primary,
                            label: witness_label(&w.server, primary),
                            server: w.server.clone(),
                            rect: next(),
                            up,
                            in_use,
                            failed: primary && outcome.witness.failed,
                            detail: format!("{role} · {state}"),
                        }
                    })
                    .collect();
                SiteShape {
                    id: SiteId(i as u32),
                    name: site.name.clone(),
                    up: site.up,
                    region: Rect::new(x, TOP - 40.0, SITE_WIDTH, height - TOP + 30.0),
                    vips,
                    servers,
                    witnesses,
                }
            })
            .collect();
        let site_index = |name: &str| scenario.sites.iter().position(|s| s.name == name).unwrap_or(0);
        let wan = outcome
            .wan
            .iter()
            .map(|link| {
                let (a, b) = (site_index(&link.sites[0]), site_index(&link.sites[1]));
                let (from_x, to_x) = (site_x(a) + SITE_WIDTH / 2.0, site_x(b) + SITE_WIDTH / 2.0);
                let base = TOP - 40.0;
                let control = base - 25.0 * b.abs_diff(a) as f64;
                WanShape {
                    sites: [SiteId(a as u32), SiteId(b as u32)],
                    names: link.sites.clone(),
                    up: link.up,
                    from_x,
                    to_x,
                    base,
                    control,
                    middle: Point::new((from_x + to_x) / 2.0, 0.25 * base + 0.75 * control),
                }
            })
            .collect();
        Topology { sites, wan, width: site_x(scenario.sites.len()).max(300.0), height: height + 20.0 }
    }

    /// The site whose region holds `point`.
    pub fn site_at(&self, point: Point) -> Option<&str> {
        self.sites.iter().find(|s| s.region.contains(point)).map(|s| s.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dag::{Design, presets, report};

    fn topology(id: &str, events: &[&str]) -> Topology {
        let dag = Design::new(presets::preset(id).unwrap()).unwrap();
        let events: Vec<_> = events.iter().map(|e| crate::dag::Event::parse(e, &dag).unwrap()).collect();
        Topology::new(&dag.scenario, &report::simulate(&dag, &events))
    }

    #[test]
    fn a_witness_named_in_full_fits_its_box_and_keeps_its_name_for_the_tooltip() {
        assert_eq!(witness_label("fsw", true), "fsw");
        assert_eq!(witness_label("fsw01.contoso.com", true), "fsw01");
        assert_eq!(witness_label("10.0.0.9", true), "10.0.0.9");
        assert_eq!(witness_label("exchange-witness-01.corp.contoso.com", true), "exchange-witn…");
        assert_eq!(witness_label("exchange-witness-01", false), "exchange-witness-01");
        for (server, primary) in [("a".repeat(300), true), ("é".repeat(40), false)] {
            let label = witness_label(&server, primary);
            assert_eq!(label.chars().count(), WITNESS_LABEL_ROOM[usize::from(primary)], "{label}");
        }
        let mut scenario = presets::preset("dag-pa-8").unwrap();
        scenario.witness.server = "fsw01.contoso.com".into();
        let dag = Design::new(scenario).unwrap();
        let t = Topology::new(&dag.scenario, &report::simulate(&dag, &[]));
        let witness = &t.sites[2].witnesses[0];
        assert_eq!(
            (witness.label.as_str(), witness.server.as_str(), witness.detail.as_str()),
            ("fsw01", "fsw01.contoso.com", "witness · votes")
        );
    }

    #[test]
    fn sites_stand_side_by_side_with_their_servers_and_witness_inside() {
        let t = topology("dag-pa-8", &[]);
        let names: Vec<&str> = t.sites.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["dc1", "dc2", "dc3"]);
        assert!(t.sites[0].region.right() < t.sites[1].region.x, "regions do not overlap");
        let dc1 = &t.sites[0];
        assert_eq!(dc1.servers.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["ex1", "ex2", "ex3", "ex4"]);
        for server in &dc1.servers {
            assert!(dc1.region.contains(server.rect.center()), "{} is drawn inside dc1", server.name);
        }
        assert!(dc1.servers[0].rect.bottom() < dc1.servers[1].rect.y, "servers are stacked");
        assert_eq!(t.sites[2].witnesses.len(), 1, "the witness stands in dc3");
        assert_eq!(t.sites[2].witnesses[0].detail, "witness · votes");
        assert!(t.sites.iter().all(|s| s.region.bottom() <= t.height));
    }

    #[test]
    fn each_address_of_the_namespace_stands_above_its_sites_servers() {
        let t = topology("dag-pa-8", &[]);
        let dc1 = &t.sites[0];
        assert_eq!(dc1.vips.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["vip-dc1"]);
        assert!(dc1.vips[0].rect.bottom() < dc1.servers[0].rect.y, "the way in is drawn above the servers");
        assert!(dc1.region.contains(dc1.servers[3].rect.center()), "the last server still fits in its site");
        assert_eq!(dc1.vips[0].detail, "mail.contoso.com · clients use it");
        assert!(t.sites[2].vips.is_empty(), "dc3 has no address");
        let down = topology("dag-pa-8", &["fail-site:dc1", "fail-vip:vip-dc2"]);
        let (dc1, dc2) = (&down.sites[0].vips[0], &down.sites[1].vips[0]);
        assert_eq!((dc1.used, dc1.failed, dc1.detail.as_str()), (false, false, "mail.contoso.com · site down"));
        assert_eq!((dc2.used, dc2.failed, dc2.detail.as_str()), (false, true, "mail.contoso.com · failed"));
        assert!(topology("dag-2-member", &[]).sites.iter().all(|s| s.vips.is_empty()), "no namespace, no address");
    }

    #[test]
    fn failures_show_on_the_shapes_and_wan_arcs_span_their_sites() {
        let t = topology("dag-pa-8", &["fail-site:dc1", "fail-wan:dc2-dc3"]);
        assert!(!t.sites[0].up);
        assert_eq!(t.sites[0].servers[0].state, "down");
        assert!(!t.sites[0].servers[0].failed, "its site failed, not the server");
        let link = t.wan.iter().find(|w| w.names == ["dc2".to_string(), "dc3".to_string()]).unwrap();
        assert!(!link.up);
        assert_eq!((link.from_x, link.to_x), (t.sites[1].region.center().x, t.sites[2].region.center().x));
        let far = t.wan.iter().find(|w| w.names == ["dc1".to_string(), "dc3".to_string()]).unwrap();
        assert!(far.control < link.control, "the arc between sites farther apart rises higher");
    }

    #[test]
    fn the_site_under_a_point() {
        let t = topology("dag-2-member", &[]);
        let inside = t.sites[0].region.center();
        assert_eq!(t.site_at(inside), Some("dc1"));
        assert_eq!(t.site_at(Point::new(-50.0, -50.0)), None);
    }
}
