//! The `cluster.exe` commands that build a designed Exchange 2003 cluster's groups (Windows Server 2003 has
//! no failover-cluster PowerShell): each EVS group with its preferred owners and failover and failback
//! policy, its IP Address and Network Name resources with their private properties, its disks moved in,
//! possible owners and restart policies where the design sets them, and the dependencies. The syntax is that
//! of the Windows Server 2003 command-line reference (learn.microsoft.com, "Cluster group" and "Cluster
//! resource"). The Exchange resources are not created here: the System Attendant resource is added in
//! Cluster Administrator (its wizard asks what cluster.exe cannot: the data path, the administrative and
//! routing groups) and then creates the others (Exchange Server 2003 clustering guide, "Exchange Virtual
//! Servers"), so they are said in comments with the dependencies the design gives them. A resource is named after its group and its own name ("EVS1 IP
//! Address"): names are cluster-wide.

use super::design::Design;
use super::ips;
use super::model::{Failback, FailoverPolicy, ResourceKind, RestartAction, RestartPolicy};

/// The script, as a Windows command file: one command a line, `@rem` comments.
pub fn cluster_exe(design: &Design) -> String {
    let scenario = &design.scenario;
    let plan = ips::plan(design, &ips::scenario_subnets(design), 0);
    let cluster = format!("cluster /cluster:{}", text(&scenario.cluster_name));
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push_str("\r\n");
    };
    line(format!(
        "@rem Exchange 2003 cluster {} for \"{}\": its groups and resources, written by clusterplan.",
        scenario.cluster_name,
        text(&scenario.name)
    ));
    line("@rem Form the cluster and join the nodes first (Cluster Administrator or cluster /create).".into());
    line(format!("@rem Nodes: {}.", scenario.nodes.iter().map(|n| n.name.as_str()).collect::<Vec<_>>().join(", ")));
    for group in &scenario.groups {
        let name = quoted(&group.name);
        line(String::new());
        line(format!("@rem {}: preferred owners {}.", group.name, group.preferred_owners.join(", ")));
        line(format!("{cluster} group {name} /create"));
        if !group.preferred_owners.is_empty() {
            line(format!(
                "{cluster} group {name} /setowners:{}",
                group.preferred_owners.iter().map(|n| text(n)).collect::<Vec<_>>().join(",")
            ));
        }
        let mut properties = Vec::new();
        if group.failover != FailoverPolicy::default() {
            properties.push(format!(
                "FailoverThreshold={} FailoverPeriod={}",
                group.failover.threshold, group.failover.period_hours
            ));
        }
        match group.failback {
            Failback::Never => {}
            Failback::Immediately => properties.push("AutoFailbackType=1".into()),
            Failback::Window { start_hour, end_hour } => properties
                .push(format!("AutoFailbackType=1 FailbackWindowStart={start_hour} FailbackWindowEnd={end_hour}")),
        }
        if !properties.is_empty() {
            line(format!("{cluster} group {name} /prop {}", properties.join(" ")));
        }
        let resource_name = |resource: &str| quoted(&format!("{} {resource}", group.name));
        for resource in &group.resources {
            let id = resource_name(&resource.name);
            match resource.kind {
                ResourceKind::IpAddress | ResourceKind::NetworkName => {
                    line(format!(
                        "{cluster} resource {id} /create /group:{name} /type:{}",
                        quoted(resource.kind.title())
                    ));
                    if resource.kind == ResourceKind::NetworkName {
                        line(format!("{cluster} resource {id} /priv Name={}", text(&group.name)));
                    } else {
                        let holder = format!("{}/{}", group.name, resource.name);
                        let assigned = plan.assignments.iter().find(|a| a.holder == holder);
                        match assigned.and_then(|a| Some((a.address?, a.subnet?))) {
                            Some((address, subnet)) => line(format!(
                                "{cluster} resource {id} /priv Address={address} SubnetMask={} Network={}",
                                subnet.netmask(),
                                quoted(resource.network.as_deref().unwrap_or_default())
                            )),
                            None => line(format!(
                                "@rem No subnet for the {} network in the design: set Address, SubnetMask and Network by hand.",
                                resource.network.as_deref().unwrap_or("public")
                            )),
                        }
                    }
                }
                ResourceKind::PhysicalDisk => {
                    line(format!(
                        "@rem Disk {}: the cluster made its Physical Disk resource when it was formed; named {id}, it moves in:",
                        resource.disk.as_deref().unwrap_or(&resource.name)
                    ));
                    line(format!("{cluster} resource {id} /moveto:{name}"));
                }
                ResourceKind::SystemAttendant => line(format!(
                    "@rem {id} ({}): add it in Cluster Administrator (its wizard asks for the data path and the administrative and routing groups); Exchange then creates the resources below.",
                    resource.kind.title()
                )),
                kind => line(format!("@rem {id} ({}) is created by Exchange with the System Attendant.", kind.title())),
            }
            let created_here = matches!(
                resource.kind,
                ResourceKind::IpAddress | ResourceKind::NetworkName | ResourceKind::PhysicalDisk
            );
            if !created_here {
                if !resource.depends_on.is_empty() {
                    line(format!(
                        "@rem   It depends on {}.",
                        resource.depends_on.iter().map(|d| resource_name(d)).collect::<Vec<_>>().join(", ")
                    ));
                }
                continue;
            }
            for dependency in &resource.depends_on {
                line(format!("{cluster} resource {id} /adddep:{}", resource_name(dependency)));
            }
            if let Some(owners) = &resource.possible_owners {
                for node in scenario.nodes.iter().filter(|n| !owners.contains(&n.name)) {
                    line(format!("{cluster} resource {id} /removeowner:{}", text(&node.name)));
                }
            }
            if resource.restart != RestartPolicy::default() {
                let action = match resource.restart.action {
                    RestartAction::DontRestart => 0,
                    RestartAction::Restart => 1,
                    RestartAction::RestartAffectGroup => 2,
                };
                line(format!(
                    "{cluster} resource {id} /prop RestartAction={action} RestartThreshold={} RestartPeriod={}",
                    resource.restart.threshold,
                    u64::from(resource.restart.period_s) * 1000
                ));
            }
        }
    }
    out
}

/// Text as a command file keeps it: `%` doubled (it would expand a variable), `"` dropped (cmd has no way
/// to put one inside a quoted argument).
fn text(value: &str) -> String {
    value.replace('%', "%%").replace('"', "")
}

/// An argument in double quotes.
pub(crate) fn quoted(value: &str) -> String {
    format!("\"{}\"", text(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_file_text_cannot_expand_or_break_out() {
        assert_eq!(quoted("EVS1 IP Address"), "\"EVS1 IP Address\"");
        assert_eq!(quoted("100% \"up\" & more"), "\"100%% up & more\"");
    }
}
