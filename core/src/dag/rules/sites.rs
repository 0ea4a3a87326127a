//! Sites and witnesses: where the witness and the alternate witness stand against the members, and how the
//! members are spread over datacenters.

use super::*;
use crate::dag::design::Design;
use crate::dag::model::{ExchangeVersion, WitnessKind};
use crate::finding::{Finding, Rule, SubjectKind};

/// The witness, the alternate witness and the datacenters.
pub(super) fn witness_and_sites(dag: &Design, findings: &mut Vec<Finding>) {
    let scenario = &dag.scenario;
    let name = scenario.dag_name.as_str();
    let mut push = |rule: &Rule, kind: SubjectKind, subject: &str, message: String| {
        findings.push(Finding::new(rule, kind, subject, message));
    };
    let witness = &scenario.witness;
    for (which, witness) in
        std::iter::once(("witness", witness)).chain(scenario.alternate_witness.iter().map(|w| ("alternate witness", w)))
    {
        if witness.kind == WitnessKind::Cloud {
            push(
                &CLOUD_WITNESS,
                SubjectKind::Witness,
                &witness.server,
                format!(
                    "The {which} of {name} is a cloud witness: Exchange Server doesn't support the Cloud Witness; use a file share witness."
                ),
            );
        }
    }
    if scenario.servers.iter().any(|s| s.name.eq_ignore_ascii_case(&witness.server)) {
        push(
            &WITNESS_MEMBER,
            SubjectKind::Witness,
            &witness.server,
            format!("{} is a DAG member and cannot be its witness.", witness.server),
        );
    }
    if let Some(alternate) = &scenario.alternate_witness
        && scenario.servers.iter().any(|s| s.name.eq_ignore_ascii_case(&alternate.server))
    {
        push(
            &WITNESS_MEMBER,
            SubjectKind::Witness,
            &alternate.server,
            format!("{} is a DAG member and cannot be its alternate witness.", alternate.server),
        );
    }
    let (per_site, member_sites) = members_per_site(dag);
    let mut active_per_site = vec![0usize; dag.site_count()];
    for &first in dag.first_active.iter().flatten() {
        active_per_site[dag.site_of(dag.copy_server(first)).index()] += 1;
    }
    let primary =
        member_sites.iter().copied().max_by_key(|&s| (active_per_site[s.index()], std::cmp::Reverse(s.index())));
    let witness_site = dag.witness_site;
    if member_sites.len() > 1 {
        let ws = dag.site_name(witness_site);
        if per_site[witness_site.index()] == 0 && scenario.exchange == ExchangeVersion::Exchange2010 {
            push(
                &THIRD_SITE_2010,
                SubjectKind::Witness,
                &witness.server,
                format!("The witness stands in {ws}, a third location, for an Exchange 2010 DAG."),
            );
        }
        if per_site[witness_site.index()] == 0 {
            push(
                &WITNESS_THIRD_SITE,
                SubjectKind::Witness,
                &witness.server,
                format!(
                    "The witness stands in {ws}, apart from the members: losing one datacenter fails over automatically."
                ),
            );
        } else if Some(witness_site) == primary {
            push(
                &WITNESS_PRIMARY,
                SubjectKind::Witness,
                &witness.server,
                format!(
                    "The witness stands in {ws}, the primary datacenter: losing {ws} stops the DAG until a datacenter switchover."
                ),
            );
        } else {
            let primary = primary.map_or("", |p| dag.site_name(p));
            push(
                &WITNESS_SECONDARY,
                SubjectKind::Witness,
                &witness.server,
                format!(
                    "The witness stands in {ws}, but the databases are active in {primary}: losing {ws} leaves {primary} without quorum."
                ),
            );
        }
        if member_sites.len() == 2 && per_site[member_sites[0].index()] != per_site[member_sites[1].index()] {
            push(
                &UNEVEN_SITES,
                SubjectKind::Dag,
                name,
                format!(
                    "{} has {} members and {} has {}; the Preferred Architecture splits them evenly.",
                    dag.site_name(member_sites[0]),
                    per_site[member_sites[0].index()],
                    dag.site_name(member_sites[1]),
                    per_site[member_sites[1].index()]
                ),
            );
        }
        match (dag.alternate_site, &scenario.alternate_witness) {
            (None, _) => push(
                &ALTERNATE_MISSING,
                SubjectKind::Dag,
                name,
                "No alternate witness for a datacenter switchover.".into(),
            ),
            (Some(site), Some(alternate)) if site == witness_site => push(
                &ALTERNATE_SAME_SITE,
                SubjectKind::Witness,
                &alternate.server,
                format!(
                    "The alternate witness {} stands in {} beside the witness.",
                    alternate.server,
                    dag.site_name(site)
                ),
            ),
            _ => {}
        }
    }
    if member_sites.len() > 2 {
        push(
            &SITES_MORE_THAN_TWO,
            SubjectKind::Dag,
            name,
            format!("The members stand in {} datacenters; the Preferred Architecture uses two.", member_sites.len()),
        );
    }
}
