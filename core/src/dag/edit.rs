//! Edits of a DAG design that keep it whole, for the app: move a copy to another server, a server to another
//! site. Each checks what would break and says so instead of changing anything.

use super::model::DagScenario;

/// Moves `database`'s copy from server `from` to server `to`, keeping its preference and health.
pub fn move_copy(scenario: &mut DagScenario, database: &str, from: &str, to: &str) -> Result<(), String> {
    if !scenario.servers.iter().any(|s| s.name == to) {
        return Err(format!("there is no server named {to}"));
    }
    let db = scenario
        .databases
        .iter_mut()
        .find(|d| d.name == database)
        .ok_or_else(|| format!("there is no database named {database}"))?;
    if from == to {
        return Ok(());
    }
    if db.copies.iter().any(|c| c.server == to) {
        return Err(format!("{database} already has a copy on {to}: a server holds at most one copy of a database"));
    }
    let copy =
        db.copies.iter_mut().find(|c| c.server == from).ok_or_else(|| format!("{database} has no copy on {from}"))?;
    copy.server = to.to_string();
    Ok(())
}

/// Moves a server to another site.
pub fn move_server(scenario: &mut DagScenario, server: &str, site: &str) -> Result<(), String> {
    if !scenario.sites.iter().any(|s| s.name == site) {
        return Err(format!("there is no site named {site}"));
    }
    let entry = scenario
        .servers
        .iter_mut()
        .find(|s| s.name == server)
        .ok_or_else(|| format!("there is no server named {server}"))?;
    entry.site = site.to_string();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dag::presets::dag_preset;

    #[test]
    fn moving_a_copy_keeps_its_preference_and_refuses_a_second_copy() {
        let mut scenario = dag_preset("dag-pa-8").unwrap();
        move_copy(&mut scenario, "db1", "ex2", "ex3").unwrap();
        assert_eq!(scenario.databases[0].copies[1].server, "ex3");
        assert_eq!(scenario.databases[0].copies[1].preference, 2);
        let before = scenario.clone();
        assert!(move_copy(&mut scenario, "db1", "ex3", "ex5").unwrap_err().contains("already has a copy on ex5"));
        assert!(move_copy(&mut scenario, "db1", "ex7", "ex8").unwrap_err().contains("no copy on ex7"));
        assert!(move_copy(&mut scenario, "db99", "ex1", "ex8").is_err());
        assert_eq!(scenario, before, "refused moves change nothing");
    }

    #[test]
    fn moving_a_server() {
        let mut scenario = dag_preset("dag-pa-8").unwrap();
        move_server(&mut scenario, "ex4", "dc2").unwrap();
        assert_eq!(scenario.servers[3].site, "dc2");
        assert!(move_server(&mut scenario, "ex4", "dc9").is_err());
        assert!(move_server(&mut scenario, "ex99", "dc1").is_err());
    }
}
