//! Built-in DAG designs: the Preferred Architecture with the witness in a third site or in the primary one,
//! and the smallest DAG. Servers are `ex1`…`exN`, databases `db1`…, sites `dc1`, `dc2`, `dc3`.

use super::model::{
    Copy, DagKind, DagNetwork, DagNetworkRole, Database, ExchangeVersion, Namespace, Scenario, Server, Site,
    SiteSubnet, Vip, Witness,
};
use crate::scenario::FORMAT_VERSION;

/// DAG preset ids with what each shows.
pub const PRESETS: &[(&str, &str)] = &[
    (
        "dag-pa-8",
        "The Preferred Architecture: 8 members over two datacenters, the witness in a third, 4 copies per database \
         (2 per site, one lagged 7 days).",
    ),
    (
        "dag-2site-no-third",
        "The same DAG with only two datacenters: the witness in the primary one, so losing it stops the DAG.",
    ),
    ("dag-2-member", "Two members and a witness: the smallest DAG."),
];

/// The DAG preset with this id.
pub fn preset(id: &str) -> Option<Scenario> {
    Some(match id {
        "dag-pa-8" => {
            let mut scenario = preferred_architecture(
                4,
                16,
                "Preferred Architecture, 8 members, witness in a third site",
                "Two datacenters with four members each, the file share witness in dc3: losing either datacenter \
                 moves its databases to the other automatically, and clients follow through the other \
                 datacenter's address of mail.contoso.com in about 21 seconds.",
                "dc3",
            );
            scenario.namespace = Some(two_site_namespace());
            scenario
        }
        "dag-2site-no-third" => {
            let mut scenario = preferred_architecture(
                4,
                16,
                "Two datacenters, witness in the primary",
                "No third location: the witness stands in dc1, the primary datacenter. Losing dc1 costs 5 of 9 \
                 votes and stops the DAG until a datacenter switchover to dc2.",
                "dc1",
            );
            scenario.sites.retain(|site| site.name != "dc3");
            scenario
        }
        "dag-2-member" => two_member(),
        _ => return None,
    })
}

/// One namespace for both datacenters, a load-balanced address in each (the Preferred Architecture's
/// unbound namespace): `vip-dc1` and `vip-dc2`, their addresses from the plan.
fn two_site_namespace() -> Namespace {
    let vip = |site: &str| Vip { name: format!("vip-{site}"), site: site.into(), address: None };
    Namespace { name: "mail.contoso.com".into(), ttl_seconds: 300, vips: vec![vip("dc1"), vip("dc2")] }
}

fn server(name: String, site: &str) -> Server {
    Server {
        name,
        site: site.into(),
        mount_dial: Default::default(),
        activation_policy: Default::default(),
        max_active: None,
        max_preferred_active: None,
        windows: None,
        down: false,
        spare_volumes: 0,
    }
}

fn copy(server: usize, preference: u32, replay_lag_days: u32) -> Copy {
    Copy {
        server: format!("ex{}", server + 1),
        preference,
        replay_lag_days,
        copy_queue: 0,
        replay_queue: 0,
        content_index: Default::default(),
        status: Default::default(),
    }
}

fn mapi(sites: &[(&str, &str)]) -> DagNetwork {
    DagNetwork {
        name: "MapiNetwork".into(),
        role: DagNetworkRole::Mapi,
        subnets: sites
            .iter()
            .map(|(site, cidr)| SiteSubnet { site: (*site).into(), cidr: cidr.parse().ok() })
            .collect(),
    }
}

fn dag(name: &str, description: &str, sites: &[&str], servers: Vec<Server>, witness_site: &str) -> Scenario {
    Scenario {
        version: FORMAT_VERSION,
        kind: DagKind::Dag,
        name: name.into(),
        description: description.into(),
        // Every preset and generated design is for the Exchange supported today: Exchange SE, on its default
        // Windows Server 2025.
        exchange: ExchangeVersion::ExchangeSe,
        windows: None,
        static_votes: false,
        dag_name: "DAG1".into(),
        dac_mode: true,
        ip_less: false,
        sites: sites.iter().map(|s| Site { name: (*s).into(), routes: false }).collect(),
        servers,
        witness: Witness { server: "fsw".into(), site: witness_site.into(), directory: None, kind: Default::default() },
        alternate_witness: None,
        networks: Vec::new(),
        databases: Vec::new(),
        namespace: None,
        script: Vec::new(),
        timing: Default::default(),
        layout: Default::default(),
    }
}

/// Where a generated DAG's databases are active in the healthy DAG.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actives {
    /// Spread over the members of both datacenters (the Preferred Architecture: each serves its own users).
    Balanced,
    /// All in the primary datacenter, dc1; dc2 holds passive copies only (active/passive datacenters).
    Primary,
}

/// A symmetric DAG's shape, as the generator takes it: `per_site` members in each of dc1 and dc2, `databases`
/// databases with `copies_per_site` copies in each datacenter, the last copy lagged 7 days when `lagged`,
/// the active copies balanced or in dc1, the witness in `witness_site` (dc3, a third site, or dc1), and a
/// client namespace with an address in each datacenter when `namespace`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    pub per_site: usize,
    pub databases: usize,
    pub copies_per_site: usize,
    pub lagged: bool,
    pub actives: Actives,
    pub witness_site: String,
    pub namespace: bool,
}

impl Shape {
    /// The Preferred Architecture at this size: 2 copies in each datacenter, the fourth lagged, actives
    /// balanced, no namespace.
    pub fn preferred(per_site: usize, databases: usize, witness_site: &str) -> Shape {
        Shape {
            per_site,
            databases,
            copies_per_site: 2,
            lagged: true,
            actives: Actives::Balanced,
            witness_site: witness_site.to_string(),
            namespace: false,
        }
    }

    /// Why a generator could not build this shape, in its fields' words.
    pub fn check(&self) -> Result<(), String> {
        if !(1..=8).contains(&self.per_site) {
            return Err(format!("Members per datacenter: 1 to 8 (a DAG has at most 16), not {}.", self.per_site));
        }
        if !(1..=500).contains(&self.databases) {
            return Err(format!("Databases: 1 to 500, not {}.", self.databases));
        }
        if !(1..=self.per_site).contains(&self.copies_per_site) {
            return Err(format!(
                "Copies per datacenter: 1 to {} (a server holds one copy of a database), not {}.",
                self.per_site, self.copies_per_site
            ));
        }
        if !["dc1", "dc3"].contains(&self.witness_site.as_str()) {
            return Err(format!(
                "The witness stands in dc3 (a third site) or dc1, not {}.",
                crate::scenario::quote(&self.witness_site)
            ));
        }
        Ok(())
    }
}

/// A symmetric DAG of this shape (checked with [`Shape::check`]): ex1… in dc1, then dc2's; the witness fsw in
/// the shape's site, the alternate witness fsw2 in dc2. Database i is preferred on server i mod n (balanced)
/// or i mod the members per site (in dc1), then on neighbours in the same datacenter (rotating with i div n,
/// so the second preferences spread too), then on the matching servers of the other datacenter; the last
/// preference is lagged when asked. `dag-pa-8` is this with 4 members a site, 16 databases, the witness in
/// dc3: two databases active per server.
pub fn generate(shape: &Shape, name: &str, description: &str) -> Scenario {
    let per_site = shape.per_site;
    let n = per_site * 2;
    let servers = (0..n).map(|i| server(format!("ex{}", i + 1), if i < per_site { "dc1" } else { "dc2" })).collect();
    let sites: &[&str] = if shape.witness_site == "dc3" { &["dc1", "dc2", "dc3"] } else { &["dc1", "dc2"] };
    let mut scenario = dag(name, description, sites, servers, &shape.witness_site);
    scenario.alternate_witness =
        Some(Witness { server: "fsw2".into(), site: "dc2".into(), directory: None, kind: Default::default() });
    scenario.networks = vec![mapi(&[("dc1", "10.1.0.0/24"), ("dc2", "10.2.0.0/24")])];
    if shape.namespace {
        scenario.namespace = Some(two_site_namespace());
    }
    let copies = shape.copies_per_site;
    scenario.databases = (0..shape.databases)
        .map(|i| {
            let primary = match shape.actives {
                Actives::Balanced => i % n,
                Actives::Primary => i % per_site,
            };
            let (site, other) = (primary / per_site * per_site, (1 - primary / per_site) * per_site);
            let place = primary % per_site;
            // The places of the other copies in a datacenter: the primary's neighbours, rotating.
            let rotation = (i / n) % (per_site - 1).max(1);
            let neighbours: Vec<usize> =
                (0..per_site - 1).map(|j| (place + 1 + (rotation + j) % (per_site - 1)) % per_site).collect();
            let own = std::iter::once(place).chain(neighbours.iter().copied()).take(copies).map(|p| site + p);
            let across = std::iter::once(place).chain(neighbours.iter().copied()).take(copies).map(|p| other + p);
            let last = 2 * copies;
            Database {
                name: format!("db{}", i + 1),
                edb_path: None,
                log_path: None,
                active: None,
                size_gb: None,
                copies: own
                    .chain(across)
                    .enumerate()
                    .map(|(k, server)| {
                        let preference = k as u32 + 1;
                        let lag = if shape.lagged && k + 1 == last && last > 1 { 7 } else { 0 };
                        copy(server, preference, lag)
                    })
                    .collect(),
            }
        })
        .collect();
    scenario
}

/// The Preferred Architecture's shape at any size ([`Shape::preferred`]).
pub fn preferred_architecture(
    per_site: usize,
    databases: usize,
    name: &str,
    description: &str,
    witness_site: &str,
) -> Scenario {
    generate(&Shape::preferred(per_site, databases, witness_site), name, description)
}

fn two_member() -> Scenario {
    let servers = vec![server("ex1".into(), "dc1"), server("ex2".into(), "dc1")];
    let mut scenario = dag(
        "Two-member DAG",
        "Two members and a file share witness: 3 votes, 2 needed; either member can fail, not both.",
        &["dc1"],
        servers,
        "dc1",
    );
    scenario.networks = vec![mapi(&[("dc1", "10.1.0.0/24")])];
    scenario.databases = (0..2)
        .map(|i| Database {
            name: format!("db{}", i + 1),
            copies: vec![copy(i, 1, 0), copy(1 - i, 2, 0)],
            edb_path: None,
            log_path: None,
            active: None,
            size_gb: None,
        })
        .collect();
    scenario
}
