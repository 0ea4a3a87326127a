//! The Exchange Management Shell commands that build a designed DAG: the DAG with its witness and
//! addresses, its members, DAC mode and the alternate witness, the members' mount dial, activation policy
//! and caps, and each database with its copies in activation preference order (with replay lag). Every
//! command comes from one part of the design, and a comment above it says which. The syntax is that of the
//! cmdlet references (learn.microsoft.com/powershell/module/exchange/): New-DatabaseAvailabilityGroup,
//! Add-DatabaseAvailabilityGroupServer, Set-DatabaseAvailabilityGroup, Set-MailboxServer,
//! New-MailboxDatabase (with its file and log paths: the design's, else AutoReseed's layout), Mount-Database
//! (a copy is seeded from the mounted database) and Add-MailboxDatabaseCopy. What the Exchange cmdlets do
//! not set (the load balancers' virtual addresses, DNS, the Exchange Trusted Subsystem on a witness that is
//! no Exchange server) is said in comments.

use super::design::Design;
use super::ips;
use super::model::{ActivationPolicy, MountDial};

/// The script, one command a line, with comments.
pub fn powershell(dag: &Design) -> String {
    let scenario = &dag.scenario;
    let name = arg(&scenario.dag_name);
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line(format!(
        "# {} for \"{}\": the Exchange Management Shell commands that build it, written by clusterplan.",
        scenario.exchange.title(),
        scenario.name
    ));
    line("# Run them in order on an Exchange server of the organisation; check names and paths first.".into());
    line(String::new());

    // The DAG, its witness and its addresses.
    let witness = &scenario.witness;
    line(format!(
        "# The DAG, with its witness {} in {} (\"Create a database availability group\").",
        witness.server, witness.site
    ));
    line(format!(
        "# If {} is not an Exchange server: first add the Exchange Trusted Subsystem group to its local Administrators group.",
        witness.server
    ));
    let addresses = if scenario.ip_less {
        line("# IP-less (no cluster administrative access point): no address, no name in DNS.".into());
        " -DatabaseAvailabilityGroupIpAddresses ([System.Net.IPAddress])::None".to_string()
    } else {
        let plan = ips::plan(dag, 0);
        let mut known = Vec::new();
        for subnet in plan.subnets.iter().filter(|s| s.addresses.first().is_some_and(|a| a.holder == scenario.dag_name))
        {
            match &subnet.addresses[0].address {
                Some(address) => known.push(address.clone()),
                None => {
                    line(format!(
                        "# The {} subnet in {} has no CIDR in the design: put the DAG's address there in place of the <…> below.",
                        subnet.network, subnet.site
                    ));
                    known.push(format!("<the DAG's address in {}>", subnet.site));
                }
            }
        }
        line("# One static address on each MAPI subnet (the DAG's name in DNS resolves to them).".into());
        format!(" -DatabaseAvailabilityGroupIpAddresses {}", known.join(","))
    };
    line(format!(
        "New-DatabaseAvailabilityGroup -Name {name} -WitnessServer {} -WitnessDirectory {}{addresses}",
        arg(&witness.server),
        arg(&witness_directory(witness, &scenario.dag_name))
    ));
    line(String::new());

    line("# Its members, site by site.".into());
    for site in &scenario.sites {
        for server in scenario.servers.iter().filter(|s| s.site == site.name) {
            line(format!("Add-DatabaseAvailabilityGroupServer -Identity {name} -MailboxServer {}", arg(&server.name)));
        }
    }
    if scenario.dac_mode {
        line(String::new());
        line(
            "# Datacenter Activation Coordination mode: a member mounts nothing until it can reach the others.".into(),
        );
        line(format!("Set-DatabaseAvailabilityGroup -Identity {name} -DatacenterActivationMode DagOnly"));
    }
    if let Some(alternate) = &scenario.alternate_witness {
        line(String::new());
        line(format!(
            "# The alternate witness {} in {}, for a datacenter switchover.",
            alternate.server, alternate.site
        ));
        line(format!(
            "# If {} is not an Exchange server: add the Exchange Trusted Subsystem group to its local Administrators group.",
            alternate.server
        ));
        line(format!(
            "Set-DatabaseAvailabilityGroup -Identity {name} -AlternateWitnessServer {} -AlternateWitnessDirectory {}",
            arg(&alternate.server),
            arg(&witness_directory(alternate, &scenario.dag_name))
        ));
    }

    // The members' own settings, where the design differs from Exchange's defaults.
    let settings: Vec<(String, String)> = scenario
        .servers
        .iter()
        .filter_map(|server| {
            let mut parameters = String::new();
            if server.mount_dial != MountDial::default() {
                parameters.push_str(&format!(" -AutoDatabaseMountDial {}", server.mount_dial.title()));
            }
            if server.activation_policy != ActivationPolicy::default() {
                parameters
                    .push_str(&format!(" -DatabaseCopyAutoActivationPolicy {}", server.activation_policy.title()));
            }
            if let Some(max) = server.max_active {
                parameters.push_str(&format!(" -MaximumActiveDatabases {max}"));
            }
            if let Some(max) = server.max_preferred_active {
                parameters.push_str(&format!(" -MaximumPreferredActiveDatabases {max}"));
            }
            (!parameters.is_empty()).then(|| (server.name.clone(), parameters))
        })
        .collect();
    if !settings.is_empty() {
        line(String::new());
        line("# Members whose mount dial, activation policy or caps differ from the defaults.".into());
        for (server, parameters) in settings {
            line(format!("Set-MailboxServer -Identity {}{parameters}", arg(&server)));
        }
    }

    // The databases: created on the copy of preference 1 with their paths, mounted (the copies are seeded from
    // the mounted database), then a copy for each next preference (a copy's preference may not exceed the
    // number of copies the database has).
    if !scenario.databases.is_empty() {
        line(String::new());
        line(
            "# Each database's file and logs: the design's paths, else AutoReseed's layout (\"Configure AutoReseed for a database availability group\", Step 8): C:\\ExchangeDatabases\\<db>\\<db>.db\\<db>.edb and <db>.log, the same on every server holding a copy."
                .into(),
        );
    }
    for database in &scenario.databases {
        let mut copies: Vec<_> = database.copies.iter().collect();
        copies.sort_by_key(|copy| copy.preference);
        let Some((first, rest)) = copies.split_first() else { continue };
        line(String::new());
        let lagged: Vec<String> = copies
            .iter()
            .filter(|c| c.replay_lag_days > 0)
            .map(|c| format!("{} ({} days)", c.server, c.replay_lag_days))
            .collect();
        line(format!(
            "# {}: {} cop{} in preference order{}.",
            database.name,
            copies.len(),
            if copies.len() == 1 { "y" } else { "ies" },
            if lagged.is_empty() { String::new() } else { format!(", lagged on {}", lagged.join(", ")) }
        ));
        let (edb, logs) = database_paths(database);
        line(format!(
            "New-MailboxDatabase -Name {} -Server {} -EdbFilePath {} -LogFolderPath {}",
            arg(&database.name),
            arg(&first.server),
            arg(&edb),
            arg(&logs)
        ));
        // New-MailboxDatabase leaves it dismounted; its copies are seeded from it mounted.
        line(format!("Mount-Database -Identity {}", arg(&database.name)));
        for copy in rest {
            let lag = if copy.replay_lag_days > 0 {
                format!(" -ReplayLagTime {}.00:00:00", copy.replay_lag_days)
            } else {
                String::new()
            };
            line(format!(
                "Add-MailboxDatabaseCopy -Identity {} -MailboxServer {} -ActivationPreference {}{lag}",
                arg(&database.name),
                arg(&copy.server),
                copy.preference
            ));
        }
    }

    if let Some(namespace) = &scenario.namespace {
        line(String::new());
        line(format!(
            "# The namespace {} (TTL {} s) is DNS and the load balancers' work, not Exchange's: {}.",
            namespace.name,
            namespace.ttl_seconds,
            namespace.vips.iter().map(|v| format!("{} in {}", v.name, v.site)).collect::<Vec<_>>().join(", ")
        ));
    }
    out
}

/// The witness directory: the design's, else `C:\DAGFileShareWitnesses\<DAG name>` (New-DatabaseAvailabilityGroup
/// would make `%SystemDrive%\DAGFileShareWitnesses\<DAG FQDN>`; the script names it, so it is known).
fn witness_directory(witness: &super::model::Witness, dag_name: &str) -> String {
    witness.directory.clone().unwrap_or_else(|| format!("C:\\DAGFileShareWitnesses\\{dag_name}"))
}

/// A database's file and log folder: the design's, else AutoReseed's layout.
fn database_paths(database: &super::model::Database) -> (String, String) {
    let name = &database.name;
    let root = format!("C:\\ExchangeDatabases\\{name}");
    (
        database.edb_path.clone().unwrap_or_else(|| format!("{root}\\{name}.db\\{name}.edb")),
        database.log_path.clone().unwrap_or_else(|| format!("{root}\\{name}.log")),
    )
}

/// A PowerShell argument: as it is when it is a plain name, else in single quotes (a quote doubled).
pub(crate) fn arg(text: &str) -> String {
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_quoted_when_they_must_be() {
        assert_eq!(arg("ex1"), "ex1");
        assert_eq!(arg("Mailbox Database 01"), "'Mailbox Database 01'");
        assert_eq!(arg("O'Brien; Remove-Item"), "'O''Brien; Remove-Item'");
        assert_eq!(arg(""), "''");
    }
}
