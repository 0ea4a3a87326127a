//! Edits of a DAG design that keep it whole, for the app: move a copy to another server, a server to another
//! site, a namespace for clients. Each changes the scenario in place, or is refused ([`crate::edit::Refused`]) and
//! changes nothing.

use super::model::{Copy, Database, Namespace, Scenario, Server, Vip, Witness};
use crate::edit::{Edited, Refused};

/// Moves `database`'s copy from server `from` to server `to`, keeping its preference and health.
pub fn move_copy(scenario: &mut Scenario, database: &str, from: &str, to: &str) -> Edited {
    if !scenario.servers.iter().any(|s| s.name == to) {
        return Err(Refused::Missing(format!("there is no server named {to}")));
    }
    let db = database_mut(scenario, database)?;
    if from == to {
        return Ok(());
    }
    if db.copies.iter().any(|c| c.server == to) {
        return Err(Refused::Taken(format!(
            "{database} already has a copy on {to}: a server holds at most one copy of a database"
        )));
    }
    let copy = db
        .copies
        .iter_mut()
        .find(|c| c.server == from)
        .ok_or_else(|| Refused::Missing(format!("{database} has no copy on {from}")))?;
    copy.server = to.to_string();
    Ok(())
}

/// Moves a server to another site.
pub fn move_server(scenario: &mut Scenario, server: &str, site: &str) -> Edited {
    if !scenario.sites.iter().any(|s| s.name == site) {
        return Err(Refused::Missing(format!("there is no site named {site}")));
    }
    let entry = scenario
        .servers
        .iter_mut()
        .find(|s| s.name == server)
        .ok_or_else(|| Refused::Missing(format!("there is no server named {server}")))?;
    entry.site = site.to_string();
    Ok(())
}

/// Adds a copy of `database` on `server`, last in activation preference, healthy.
pub fn add_copy(scenario: &mut Scenario, database: &str, server: &str) -> Edited {
    if !scenario.servers.iter().any(|s| s.name == server) {
        return Err(Refused::Missing(format!("there is no server named {server}")));
    }
    let db = database_mut(scenario, database)?;
    if db.copies.iter().any(|c| c.server == server) {
        return Err(Refused::Taken(format!("{database} already has a copy on {server}")));
    }
    if db.copies.len() >= 16 {
        return Err(Refused::Limit(format!("{database} already has 16 copies, the most a database can have")));
    }
    let preference = db.copies.iter().map(|c| c.preference).max().unwrap_or(0) + 1;
    db.copies.push(Copy::new(server, preference));
    Ok(())
}

/// Removes `database`'s copy on `server`; the copies after it in activation preference move up one, as
/// Exchange renumbers them. The last copy of a database cannot be removed.
pub fn remove_copy(scenario: &mut Scenario, database: &str, server: &str) -> Edited {
    let db = database_mut(scenario, database)?;
    let index = db
        .copies
        .iter()
        .position(|c| c.server == server)
        .ok_or_else(|| Refused::Missing(format!("{database} has no copy on {server}")))?;
    if db.copies.len() == 1 {
        return Err(Refused::InUse(format!("{server} holds the only copy of {database}: remove the database instead")));
    }
    remove_copy_at(db, index);
    Ok(())
}

/// Gives `database`'s copy on `server` activation preference `preference` (1 to its number of copies); the
/// others keep their order around it and are renumbered 1, 2, 3…, as Set-MailboxDatabaseCopy
/// -ActivationPreference does.
pub fn set_preference(scenario: &mut Scenario, database: &str, server: &str, preference: u32) -> Edited {
    let db = database_mut(scenario, database)?;
    let count = db.copies.len() as u32;
    if !(1..=count).contains(&preference) {
        return Err(Refused::Invalid(format!(
            "{database}'s activation preferences run from 1 to {count}, not {preference}"
        )));
    }
    let mut order: Vec<usize> = (0..db.copies.len()).collect();
    crate::order::sort_by_key(&mut order, |&i| (db.copies[i].preference, i));
    let at = order
        .iter()
        .position(|&i| db.copies[i].server == server)
        .ok_or_else(|| Refused::Missing(format!("{database} has no copy on {server}")))?;
    let moved = order.remove(at);
    order.insert(preference as usize - 1, moved);
    for (rank, &i) in order.iter().enumerate() {
        db.copies[i].preference = rank as u32 + 1;
    }
    Ok(())
}

/// Adds a server, with default settings, to a site; it is named `exN` with the first free N.
pub fn add_server(scenario: &mut Scenario, site: &str) -> Edited<String> {
    if !scenario.sites.iter().any(|s| s.name == site) {
        return Err(Refused::Missing(format!("there is no site named {site}")));
    }
    if scenario.servers.len() >= 16 {
        return Err(Refused::Limit("the DAG already has 16 members, the most it can have".into()));
    }
    let name = (1..)
        .map(|n| format!("ex{n}"))
        .find(|name| !scenario.servers.iter().any(|s| &s.name == name) && *name != scenario.witness.server)
        .expect("a free name");
    scenario.servers.push(Server {
        name: name.clone(),
        site: site.to_string(),
        mount_dial: Default::default(),
        activation_policy: Default::default(),
        max_active: None,
        max_preferred_active: None,
        windows: None,
        down: false,
        spare_volumes: 0,
    });
    Ok(name)
}

/// Removes a server and its copies. A database whose only copy it holds keeps none (the rules say so).
pub fn remove_server(scenario: &mut Scenario, server: &str) -> Edited {
    let index = scenario
        .servers
        .iter()
        .position(|s| s.name == server)
        .ok_or_else(|| Refused::Missing(format!("there is no server named {server}")))?;
    scenario.servers.remove(index);
    for db in &mut scenario.databases {
        if let Some(copy) = db.copies.iter().position(|c| c.server == server) {
            remove_copy_at(db, copy);
        }
    }
    Ok(())
}

/// Puts the witness (or, with `alternate`, the alternate witness) in another site.
pub fn move_witness(scenario: &mut Scenario, site: &str, alternate: bool) -> Edited {
    if !scenario.sites.iter().any(|s| s.name == site) {
        return Err(Refused::Missing(format!("there is no site named {site}")));
    }
    match (alternate, &mut scenario.alternate_witness) {
        (false, _) => scenario.witness.site = site.to_string(),
        (true, Some(witness)) => witness.site = site.to_string(),
        (true, None) => {
            scenario.alternate_witness = Some(Witness {
                server: format!("{}2", scenario.witness.server),
                site: site.to_string(),
                directory: None,
                kind: Default::default(),
            })
        }
    }
    Ok(())
}

/// Gives the design a namespace clients use (`mail.contoso.com`, an address in each site with members), or
/// takes it away. A namespace already there is kept as it is.
pub fn set_namespace(scenario: &mut Scenario, on: bool) -> Edited {
    if !on {
        scenario.namespace = None;
        return Ok(());
    }
    if scenario.namespace.is_some() {
        return Ok(());
    }
    let vips = scenario
        .sites
        .iter()
        .filter(|site| scenario.servers.iter().any(|s| s.site == site.name))
        .map(|site| Vip { name: format!("vip-{}", site.name), site: site.name.clone(), address: None })
        .collect();
    scenario.namespace = Some(Namespace { name: "mail.contoso.com".into(), ttl_seconds: 300, vips });
    Ok(())
}

fn database_mut<'a>(scenario: &'a mut Scenario, database: &str) -> Result<&'a mut Database, Refused> {
    scenario
        .databases
        .iter_mut()
        .find(|d| d.name == database)
        .ok_or_else(|| Refused::Missing(format!("there is no database named {database}")))
}

/// Removes a copy; the copies after it in activation preference move up one, as Exchange renumbers them.
fn remove_copy_at(db: &mut Database, index: usize) {
    let removed = db.copies.remove(index).preference;
    for copy in &mut db.copies {
        if copy.preference > removed {
            copy.preference -= 1;
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_copy_takes_a_preference_and_the_others_are_renumbered_around_it() {
        let mut scenario = crate::dag::presets::preset("dag-pa-8").unwrap();
        let order = |s: &Scenario| {
            let mut copies: Vec<(u32, String)> =
                s.databases[0].copies.iter().map(|c| (c.preference, c.server.clone())).collect();
            copies.sort();
            copies.into_iter().map(|(p, server)| format!("{p}:{server}")).collect::<Vec<_>>().join(" ")
        };
        assert_eq!(order(&scenario), "1:ex1 2:ex2 3:ex5 4:ex6");
        set_preference(&mut scenario, "db1", "ex5", 1).unwrap();
        assert_eq!(order(&scenario), "1:ex5 2:ex1 3:ex2 4:ex6");
        set_preference(&mut scenario, "db1", "ex5", 4).unwrap();
        assert_eq!(order(&scenario), "1:ex1 2:ex2 3:ex6 4:ex5");
        let before = scenario.clone();
        assert_eq!(
            set_preference(&mut scenario, "db1", "ex5", 5).unwrap_err().to_string(),
            "db1's activation preferences run from 1 to 4, not 5"
        );
        assert_eq!(set_preference(&mut scenario, "db1", "ex3", 1).unwrap_err().to_string(), "db1 has no copy on ex3");
        assert_eq!(scenario, before, "a refused edit changes nothing");
    }

    use super::*;
    use crate::dag::presets::preset;

    #[test]
    fn a_namespace_gets_an_address_in_each_site_with_members_and_goes_whole() {
        let mut scenario = preset("dag-pa-8").unwrap();
        set_namespace(&mut scenario, false).unwrap();
        assert_eq!(scenario.namespace, None);
        set_namespace(&mut scenario, true).unwrap();
        let namespace = scenario.namespace.clone().expect("a namespace");
        let vips: Vec<(&str, &str)> = namespace.vips.iter().map(|v| (v.name.as_str(), v.site.as_str())).collect();
        assert_eq!(vips, [("vip-dc1", "dc1"), ("vip-dc2", "dc2")], "dc3 holds only the witness");
        assert!(crate::dag::Design::new(scenario.clone()).is_ok(), "the design still loads");
        scenario.namespace.as_mut().unwrap().ttl_seconds = 60;
        set_namespace(&mut scenario, true).unwrap();
        assert_eq!(scenario.namespace.unwrap().ttl_seconds, 60, "turning it on again keeps what is there");
    }

    #[test]
    fn moving_a_copy_keeps_its_preference_and_refuses_a_second_copy() {
        let mut scenario = preset("dag-pa-8").unwrap();
        move_copy(&mut scenario, "db1", "ex2", "ex3").unwrap();
        assert_eq!(scenario.databases[0].copies[1].server, "ex3");
        assert_eq!(scenario.databases[0].copies[1].preference, 2);
        let before = scenario.clone();
        assert!(
            move_copy(&mut scenario, "db1", "ex3", "ex5")
                .unwrap_err()
                .to_string()
                .contains("already has a copy on ex5")
        );
        assert!(move_copy(&mut scenario, "db1", "ex7", "ex8").unwrap_err().to_string().contains("no copy on ex7"));
        assert!(move_copy(&mut scenario, "db99", "ex1", "ex8").is_err());
        assert_eq!(scenario, before, "refused moves change nothing");
    }

    #[test]
    fn adding_and_removing_copies_keeps_preferences_in_order() {
        let mut scenario = preset("dag-pa-8").unwrap();
        add_copy(&mut scenario, "db1", "ex3").unwrap();
        assert_eq!(scenario.databases[0].copies[4].preference, 5);
        assert!(add_copy(&mut scenario, "db1", "ex3").unwrap_err().to_string().contains("already has a copy"));
        remove_copy(&mut scenario, "db1", "ex2").unwrap();
        let preferences: Vec<(&str, u32)> =
            scenario.databases[0].copies.iter().map(|c| (c.server.as_str(), c.preference)).collect();
        assert_eq!(preferences, [("ex1", 1), ("ex5", 2), ("ex6", 3), ("ex3", 4)]);
        let mut two = preset("dag-2-member").unwrap();
        remove_copy(&mut two, "db1", "ex2").unwrap();
        assert!(remove_copy(&mut two, "db1", "ex1").unwrap_err().to_string().contains("only copy"));
    }

    #[test]
    fn adding_and_removing_servers_and_placing_witnesses() {
        let mut scenario = preset("dag-2-member").unwrap();
        assert_eq!(add_server(&mut scenario, "dc1").unwrap(), "ex3");
        remove_server(&mut scenario, "ex1").unwrap();
        assert_eq!(scenario.servers.len(), 2);
        assert!(scenario.databases.iter().all(|d| d.copies.len() == 1 && d.copies[0].server == "ex2"));
        assert_eq!(scenario.databases[0].copies[0].preference, 1);
        assert_eq!(add_server(&mut scenario, "dc1").unwrap(), "ex1", "the first free name");
        move_witness(&mut scenario, "dc1", true).unwrap();
        assert_eq!(scenario.alternate_witness.as_ref().unwrap().server, "fsw2");
        assert!(move_witness(&mut scenario, "dc9", false).is_err());
    }

    #[test]
    fn moving_a_server() {
        let mut scenario = preset("dag-pa-8").unwrap();
        move_server(&mut scenario, "ex4", "dc2").unwrap();
        assert_eq!(scenario.servers[3].site, "dc2");
        assert!(move_server(&mut scenario, "ex4", "dc9").is_err());
        assert!(move_server(&mut scenario, "ex99", "dc1").is_err());
    }
}
