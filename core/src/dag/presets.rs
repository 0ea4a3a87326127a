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
        exchange: ExchangeVersion::Exchange2019,
        windows: None,
        static_votes: false,
        dag_name: "DAG1".into(),
        dac_mode: true,
        ip_less: false,
        sites: sites.iter().map(|s| Site { name: (*s).into(), routes: false }).collect(),
        servers,
        witness: Witness { server: "fsw".into(), site: witness_site.into() },
        alternate_witness: None,
        networks: Vec::new(),
        databases: Vec::new(),
        namespace: None,
        script: Vec::new(),
        timing: Default::default(),
        layout: Default::default(),
    }
}

/// The Preferred Architecture's shape at any size: `per_site` members in each of dc1 and dc2 (ex1… in dc1),
/// the witness in `witness_site`, the alternate witness fsw2 in dc2, `databases` databases with 4 copies each.
/// Database i prefers server i mod n, then a neighbour in the same site (rotating with i div n), then the
/// matching server in the other site, and last a lagged copy (7 days) on the neighbour's match there.
/// `dag-pa-8` is `preferred_architecture(4, 16, …, "dc3")`: two databases active per server.
pub fn preferred_architecture(
    per_site: usize,
    databases: usize,
    name: &str,
    description: &str,
    witness_site: &str,
) -> Scenario {
    let n = per_site * 2;
    let servers = (0..n).map(|i| server(format!("ex{}", i + 1), if i < per_site { "dc1" } else { "dc2" })).collect();
    let mut scenario = dag(name, description, &["dc1", "dc2", "dc3"], servers, witness_site);
    scenario.alternate_witness = Some(Witness { server: "fsw2".into(), site: "dc2".into() });
    scenario.networks = vec![mapi(&[("dc1", "10.1.0.0/24"), ("dc2", "10.2.0.0/24")])];
    scenario.databases = (0..databases)
        .map(|i| {
            let primary = i % n;
            let (site, other) = (primary / per_site * per_site, (1 - primary / per_site) * per_site);
            let neighbour = (primary % per_site + 1 + (i / n) % (per_site - 1).max(1)) % per_site;
            Database {
                name: format!("db{}", i + 1),
                copies: vec![
                    copy(primary, 1, 0),
                    copy(site + neighbour, 2, 0),
                    copy(other + primary % per_site, 3, 0),
                    copy(other + neighbour, 4, 7),
                ],
            }
        })
        .collect();
    scenario
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
        .map(|i| Database { name: format!("db{}", i + 1), copies: vec![copy(i, 1, 0), copy(1 - i, 2, 0)] })
        .collect();
    scenario
}
