//! A DAG scenario with its names resolved to positions: sites, servers, copies. Loading reports every
//! broken reference at once, each with its path in the file.

use std::collections::HashMap;

use super::model::{DagScenario, Witness};
use crate::design::{LoadError, LoadErrors, parse_json};
use crate::model::FORMAT_VERSION;

/// A resolved DAG design. Servers, sites and databases are named by their position in the scenario's lists;
/// copies by their position in their database's `copies`.
#[derive(Debug, Clone, PartialEq)]
pub struct Dag {
    pub scenario: DagScenario,
    /// Per server: its site.
    pub server_site: Vec<usize>,
    /// The witness server's site.
    pub witness_site: usize,
    /// The alternate witness's site, if there is one.
    pub alternate_site: Option<usize>,
    /// Per database, per copy: the server holding it.
    pub copy_server: Vec<Vec<usize>>,
    /// Per database: the copy active at the start (the lowest activation preference number).
    pub first_active: Vec<Option<usize>>,
}

impl Dag {
    /// Reads and resolves a DAG scenario from JSON text.
    pub fn from_json(json: &str) -> Result<Dag, LoadErrors> {
        Dag::new(parse_json(json)?)
    }

    /// Resolves every name; reports every broken reference at once.
    pub fn new(scenario: DagScenario) -> Result<Dag, LoadErrors> {
        let mut errors = Vec::new();
        let mut error = |path: String, message: String| errors.push(LoadError { path, message });
        if scenario.version != FORMAT_VERSION {
            error(
                "version".into(),
                format!("this build reads scenario version {FORMAT_VERSION}, not {}", scenario.version),
            );
            return Err(LoadErrors(errors));
        }
        let sites = index("sites", scenario.sites.iter().map(|s| s.name.as_str()), &mut error);
        let servers = index("servers", scenario.servers.iter().map(|s| s.name.as_str()), &mut error);
        index("databases", scenario.databases.iter().map(|d| d.name.as_str()), &mut error);
        index("networks", scenario.networks.iter().map(|n| n.name.as_str()), &mut error);

        let site = |path: String, name: &str, error: &mut dyn FnMut(String, String)| {
            let found = sites.get(name).copied();
            if found.is_none() {
                error(path, format!("no site named \"{name}\""));
            }
            found
        };
        let server_site: Vec<usize> = scenario
            .servers
            .iter()
            .enumerate()
            .map(|(i, server)| site(format!("servers[{i}].site"), &server.site, &mut error).unwrap_or(0))
            .collect();
        let witness = |path: &str, witness: &Witness, error: &mut dyn FnMut(String, String)| {
            if witness.server.trim().is_empty() {
                error(format!("{path}.server"), "a name must not be empty".into());
            }
            site(format!("{path}.site"), &witness.site, error)
        };
        let witness_site = witness("witness", &scenario.witness, &mut error).unwrap_or(0);
        let alternate_site =
            scenario.alternate_witness.as_ref().and_then(|w| witness("alternate_witness", w, &mut error));
        for (n, network) in scenario.networks.iter().enumerate() {
            let mut seen = HashMap::new();
            for (i, subnet) in network.subnets.iter().enumerate() {
                let path = format!("networks[{n}].subnets[{i}].site");
                if site(path.clone(), &subnet.site, &mut error).is_some()
                    && seen.insert(subnet.site.as_str(), i).is_some()
                {
                    error(path, format!("{} already has a subnet in \"{}\"", network.name, subnet.site));
                }
            }
        }
        let mut copy_server = Vec::with_capacity(scenario.databases.len());
        let mut first_active = Vec::with_capacity(scenario.databases.len());
        for (d, database) in scenario.databases.iter().enumerate() {
            let mut holders: Vec<usize> = Vec::with_capacity(database.copies.len());
            for (c, copy) in database.copies.iter().enumerate() {
                let path = format!("databases[{d}].copies[{c}].server");
                match servers.get(copy.server.as_str()) {
                    None => error(path, format!("no server named \"{}\"", copy.server)),
                    Some(&server) if holders.contains(&server) => {
                        error(path, format!("{} already has a copy on \"{}\"", database.name, copy.server))
                    }
                    Some(&server) => holders.push(server),
                }
            }
            first_active
                .push(database.copies.iter().enumerate().min_by_key(|(c, copy)| (copy.preference, *c)).map(|(c, _)| c));
            copy_server.push(holders);
        }
        if !errors.is_empty() {
            return Err(LoadErrors(errors));
        }
        Ok(Dag { scenario, server_site, witness_site, alternate_site, copy_server, first_active })
    }

    pub fn server_count(&self) -> usize {
        self.scenario.servers.len()
    }

    pub fn site_count(&self) -> usize {
        self.scenario.sites.len()
    }

    pub fn server_name(&self, server: usize) -> &str {
        &self.scenario.servers[server].name
    }

    pub fn site_name(&self, site: usize) -> &str {
        &self.scenario.sites[site].name
    }

    pub fn database_name(&self, database: usize) -> &str {
        &self.scenario.databases[database].name
    }

    pub fn server_id(&self, name: &str) -> Option<usize> {
        self.scenario.servers.iter().position(|s| s.name == name)
    }

    pub fn site_id(&self, name: &str) -> Option<usize> {
        self.scenario.sites.iter().position(|s| s.name == name)
    }

    pub fn database_id(&self, name: &str) -> Option<usize> {
        self.scenario.databases.iter().position(|d| d.name == name)
    }

    /// The copy of `database` on `server`, if it has one.
    pub fn copy_on(&self, database: usize, server: usize) -> Option<usize> {
        self.copy_server[database].iter().position(|&s| s == server)
    }

    /// The servers of a site, in order.
    pub fn servers_in(&self, site: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.server_count()).filter(move |&s| self.server_site[s] == site)
    }
}

/// Indexes names, reporting empty and repeated ones.
fn index<'a>(
    list: &str,
    names: impl Iterator<Item = &'a str>,
    error: &mut dyn FnMut(String, String),
) -> HashMap<&'a str, usize> {
    let mut index = HashMap::new();
    for (i, name) in names.enumerate() {
        let path = format!("{list}[{i}].name");
        if name.trim().is_empty() {
            error(path, "a name must not be empty".into());
        } else if let Some(first) = index.get(name) {
            error(path, format!("\"{name}\" is already the name of {list}[{first}]"));
        } else {
            index.insert(name, i);
        }
    }
    index
}
