//! A DAG scenario loaded and resolved: every name turned into an id (sites, servers, databases, copies),
//! every reference checked, with errors that name the path of the offending field
//! (`databases[0].copies[2].server: no server named "ex9"`), all at once.

use std::collections::HashMap;

use super::model::{ExchangeVersion, Scenario, WindowsVersion, Witness};
use crate::scenario::{LoadError, LoadErrors, id_type, index_names, parse_json, quote, version_error};

id_type!(
    /// A site: its position in `Scenario::sites`.
    SiteId
);
id_type!(
    /// A member server: its position in `Scenario::servers`.
    ServerId
);
id_type!(
    /// A mailbox database: its position in `Scenario::databases`.
    DatabaseId
);
id_type!(
    /// A virtual IP address of the namespace: its position in `Namespace::vips`.
    VipId
);

/// A database copy: its database and its position in the database's `copies`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CopyId {
    pub database: DatabaseId,
    pub index: u32,
}

/// A DAG design ready for the engine: the scenario plus ids for every reference in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    pub scenario: Scenario,
    /// Per server: its site.
    pub server_site: Vec<SiteId>,
    /// The witness server's site.
    pub witness_site: SiteId,
    /// The alternate witness's site, if there is one.
    pub alternate_site: Option<SiteId>,
    /// Per database, per copy: the server holding it.
    pub copy_server: Vec<Vec<ServerId>>,
    /// Per database: its first activation preference (the lowest preference number), where it runs in the
    /// healthy DAG and where rebalancing moves it back.
    pub first_active: Vec<Option<CopyId>>,
    /// Per database: the copy active at the start: the one on its `active` server (a running DAG's state),
    /// else its first activation preference.
    pub start_active: Vec<Option<CopyId>>,
    /// Per site: its network carries member traffic between sites (it has members, or says it routes).
    pub site_carries: Vec<bool>,
    /// Per virtual IP address of the namespace: its site (none without a namespace).
    pub vip_site: Vec<SiteId>,
}

/// How the members' votes behave as members come and go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteModel {
    /// Every member keeps its vote (Windows Server 2008 R2 and earlier, or DynamicQuorum = 0).
    Static,
    /// Dynamic quorum (Windows Server 2012 and later): votes follow membership; `witness` when the witness's
    /// vote is adjusted too (dynamic witness, Windows Server 2012 R2 and later).
    Dynamic { witness: bool },
}

impl Design {
    /// How often PreferenceMoveFrequency moves databases back to their preference-1 copies, when it runs:
    /// Exchange 2016 (CU2) and later, not turned off.
    pub fn preference_move_every(&self) -> Option<u64> {
        let every = self.scenario.timing.preference_move_ms;
        (self.scenario.exchange >= ExchangeVersion::Exchange2016 && every > 0).then_some(every)
    }

    /// Reads and resolves a DAG scenario from JSON text.
    pub fn from_json(json: &str) -> Result<Design, LoadErrors> {
        Design::new(parse_json(json)?)
    }

    /// Resolves every name; reports every broken reference at once.
    pub fn new(scenario: Scenario) -> Result<Design, LoadErrors> {
        if let Some(errors) = version_error(scenario.version) {
            return Err(errors);
        }
        let mut errors = Vec::new();
        let sites = index_names("sites", scenario.sites.iter().map(|s| s.name.as_str()), &mut errors);
        let servers = index_names("servers", scenario.servers.iter().map(|s| s.name.as_str()), &mut errors);
        index_names("databases", scenario.databases.iter().map(|d| d.name.as_str()), &mut errors);
        index_names("networks", scenario.networks.iter().map(|n| n.name.as_str()), &mut errors);
        let mut error = |path: String, message: String| errors.push(LoadError { path, message });

        let site = |path: String, name: &str, error: &mut dyn FnMut(String, String)| {
            let found = sites.get(name).map(|&i| SiteId(i as u32));
            if found.is_none() {
                error(path, format!("no site named {}", quote(name)));
            }
            found
        };
        let server_site: Vec<SiteId> = scenario
            .servers
            .iter()
            .enumerate()
            .map(|(i, server)| site(format!("servers[{i}].site"), &server.site, &mut error).unwrap_or(SiteId(0)))
            .collect();
        let witness = |path: &str, witness: &Witness, error: &mut dyn FnMut(String, String)| {
            if witness.server.trim().is_empty() {
                error(format!("{path}.server"), "a name must not be empty".into());
            }
            site(format!("{path}.site"), &witness.site, error)
        };
        let witness_site = witness("witness", &scenario.witness, &mut error).unwrap_or(SiteId(0));
        let alternate_site =
            scenario.alternate_witness.as_ref().and_then(|w| witness("alternate_witness", w, &mut error));
        for (n, network) in scenario.networks.iter().enumerate() {
            let mut seen = HashMap::new();
            for (i, subnet) in network.subnets.iter().enumerate() {
                let path = format!("networks[{n}].subnets[{i}].site");
                if site(path.clone(), &subnet.site, &mut error).is_some()
                    && seen.insert(subnet.site.as_str(), i).is_some()
                {
                    error(path, format!("{} already has a subnet in {}", quote(&network.name), quote(&subnet.site)));
                }
            }
        }
        let mut vip_site = Vec::new();
        if let Some(namespace) = &scenario.namespace {
            if namespace.name.trim().is_empty() {
                error("namespace.name".into(), "a name must not be empty".into());
            }
            if namespace.vips.is_empty() {
                error("namespace.vips".into(), "a namespace needs at least one virtual IP address".into());
            }
            let mut seen = HashMap::new();
            for (v, vip) in namespace.vips.iter().enumerate() {
                let path = format!("namespace.vips[{v}]");
                if vip.name.trim().is_empty() {
                    error(format!("{path}.name"), "a name must not be empty".into());
                } else if let Some(first) = seen.insert(vip.name.as_str(), v) {
                    error(format!("{path}.name"), format!("{} is already the name of vips[{first}]", quote(&vip.name)));
                }
                vip_site.push(site(format!("{path}.site"), &vip.site, &mut error).unwrap_or(SiteId(0)));
            }
        }
        let mut copy_server = Vec::with_capacity(scenario.databases.len());
        let mut first_active = Vec::with_capacity(scenario.databases.len());
        let mut start_active = Vec::with_capacity(scenario.databases.len());
        for (d, database) in scenario.databases.iter().enumerate() {
            let mut holders: Vec<ServerId> = Vec::with_capacity(database.copies.len());
            for (c, copy) in database.copies.iter().enumerate() {
                let path = format!("databases[{d}].copies[{c}].server");
                match servers.get(copy.server.as_str()).map(|&s| ServerId(s as u32)) {
                    None => error(path, format!("no server named {}", quote(&copy.server))),
                    Some(server) if holders.contains(&server) => {
                        error(path, format!("{} already has a copy on {}", quote(&database.name), quote(&copy.server)))
                    }
                    Some(server) => holders.push(server),
                }
            }
            let database_id = DatabaseId(d as u32);
            first_active.push(
                database
                    .copies
                    .iter()
                    .enumerate()
                    .min_by_key(|(c, copy)| (copy.preference, *c))
                    .map(|(c, _)| CopyId { database: database_id, index: c as u32 }),
            );
            let active = database.active.as_ref().map(|name| {
                let at = database.copies.iter().position(|copy| copy.server == *name);
                if at.is_none() {
                    let message = format!("{} has no copy on {}", quote(&database.name), quote(name));
                    error(format!("databases[{d}].active"), message);
                }
                at.map(|c| CopyId { database: database_id, index: c as u32 })
            });
            start_active.push(active.flatten().or(*first_active.last().expect("just pushed")));
            copy_server.push(holders);
        }
        if !errors.is_empty() {
            return Err(LoadErrors(errors));
        }
        let mut site_carries: Vec<bool> = scenario.sites.iter().map(|site| site.routes).collect();
        for site in &server_site {
            site_carries[site.index()] = true;
        }
        Ok(Design {
            scenario,
            server_site,
            witness_site,
            alternate_site,
            copy_server,
            first_active,
            start_active,
            site_carries,
            vip_site,
        })
    }

    /// The Windows Server version of the members: the design's, or its Exchange version's default.
    pub fn windows(&self) -> WindowsVersion {
        self.scenario.windows.unwrap_or_else(|| self.scenario.exchange.default_windows())
    }

    /// How votes behave: dynamic where Windows has dynamic quorum and the design has not turned it off.
    pub fn vote_model(&self) -> VoteModel {
        let windows = self.windows();
        if windows.has_dynamic_quorum() && !self.scenario.static_votes {
            VoteModel::Dynamic { witness: windows.has_dynamic_witness() }
        } else {
            VoteModel::Static
        }
    }

    pub fn server_count(&self) -> usize {
        self.scenario.servers.len()
    }

    pub fn site_count(&self) -> usize {
        self.scenario.sites.len()
    }

    pub fn database_count(&self) -> usize {
        self.scenario.databases.len()
    }

    pub fn server_ids(&self) -> impl Iterator<Item = ServerId> + '_ {
        (0..self.server_count() as u32).map(ServerId)
    }

    pub fn site_ids(&self) -> impl Iterator<Item = SiteId> + '_ {
        (0..self.site_count() as u32).map(SiteId)
    }

    pub fn database_ids(&self) -> impl Iterator<Item = DatabaseId> + '_ {
        (0..self.database_count() as u32).map(DatabaseId)
    }

    /// The copies of a database, in the file's order.
    pub fn copy_ids(&self, database: DatabaseId) -> impl Iterator<Item = CopyId> + '_ {
        (0..self.copy_server[database.index()].len() as u32).map(move |index| CopyId { database, index })
    }

    pub fn server_name(&self, server: ServerId) -> &str {
        &self.scenario.servers[server.index()].name
    }

    pub fn site_name(&self, site: SiteId) -> &str {
        &self.scenario.sites[site.index()].name
    }

    pub fn database_name(&self, database: DatabaseId) -> &str {
        &self.scenario.databases[database.index()].name
    }

    /// `DB@SERVER`, as events and findings name a copy.
    pub fn copy_path(&self, copy: CopyId) -> String {
        format!("{}@{}", self.database_name(copy.database), self.server_name(self.copy_server(copy)))
    }

    pub fn server_id(&self, name: &str) -> Option<ServerId> {
        self.scenario.servers.iter().position(|s| s.name == name).map(|i| ServerId(i as u32))
    }

    pub fn site_id(&self, name: &str) -> Option<SiteId> {
        self.scenario.sites.iter().position(|s| s.name == name).map(|i| SiteId(i as u32))
    }

    pub fn database_id(&self, name: &str) -> Option<DatabaseId> {
        self.scenario.databases.iter().position(|d| d.name == name).map(|i| DatabaseId(i as u32))
    }

    /// The server a copy is on.
    pub fn copy_server(&self, copy: CopyId) -> ServerId {
        self.copy_server[copy.database.index()][copy.index as usize]
    }

    /// The site a server stands in.
    pub fn site_of(&self, server: ServerId) -> SiteId {
        self.server_site[server.index()]
    }

    /// The copy of `database` on `server`, if it has one.
    pub fn copy_on(&self, database: DatabaseId, server: ServerId) -> Option<CopyId> {
        self.copy_server[database.index()]
            .iter()
            .position(|&s| s == server)
            .map(|index| CopyId { database, index: index as u32 })
    }

    /// The namespace's virtual IP addresses, in DNS order (none without a namespace).
    pub fn vip_ids(&self) -> impl Iterator<Item = VipId> + '_ {
        (0..self.vip_site.len() as u32).map(VipId)
    }

    pub fn vip_name(&self, vip: VipId) -> &str {
        self.scenario.namespace.as_ref().map_or("", |n| n.vips[vip.index()].name.as_str())
    }

    pub fn vip_id(&self, name: &str) -> Option<VipId> {
        let namespace = self.scenario.namespace.as_ref()?;
        namespace.vips.iter().position(|v| v.name == name).map(|i| VipId(i as u32))
    }

    /// Clients get every address and try the next when one fails (Exchange 2013 and later); Exchange 2010
    /// clients reach only the address DNS points the namespace at.
    pub fn clients_try_every_vip(&self) -> bool {
        self.scenario.exchange >= ExchangeVersion::Exchange2013
    }

    /// The servers of a site, in order.
    pub fn servers_in(&self, site: SiteId) -> impl Iterator<Item = ServerId> + '_ {
        self.server_ids().filter(move |&s| self.site_of(s) == site)
    }
}
