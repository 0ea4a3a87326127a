//! Each database's copies: how many, their activation preferences, lag, and the sites they stand in.

use super::*;
use crate::dag::design::Design;
use crate::dag::model::ExchangeVersion;
use crate::finding::{Finding, Rule, SubjectKind};

/// Every database's copies.
pub(super) fn copies(dag: &Design, findings: &mut Vec<Finding>) {
    let scenario = &dag.scenario;
    let name = scenario.dag_name.as_str();
    let mut push = |rule: &Rule, kind: SubjectKind, subject: &str, message: String| {
        findings.push(Finding::new(rule, kind, subject, message));
    };
    for (d, database) in scenario.databases.iter().enumerate() {
        let copies = database.copies.len();
        let db = database.name.as_str();
        match copies {
            0 => push(&NO_COPIES, SubjectKind::Database, db, format!("{db} has no copies.")),
            1 => push(&SINGLE_COPY, SubjectKind::Database, db, format!("{db} has one copy: nowhere to fail over to.")),
            17.. => push(&TOO_MANY_COPIES, SubjectKind::Database, db, format!("{db} has {copies} copies; at most 16.")),
            _ => {}
        }
        let mut preferences: Vec<u32> = database.copies.iter().map(|c| c.preference).collect();
        preferences.sort_unstable();
        if preferences.iter().enumerate().any(|(i, &p)| p != i as u32 + 1) {
            let listed: Vec<String> = preferences.iter().map(u32::to_string).collect();
            push(
                &PREFERENCE,
                SubjectKind::Database,
                db,
                format!("{db}'s activation preferences are {}; they must be 1 to {copies}.", listed.join(", ")),
            );
        }
        for copy in &database.copies {
            if copy.replay_lag_days > 14 {
                push(
                    &LAG_TOO_LONG,
                    SubjectKind::Copy,
                    &format!("{db}@{}", copy.server),
                    format!("The copy of {db} on {} lags {} days; at most 14.", copy.server, copy.replay_lag_days),
                );
            }
        }
        let first = dag.first_active[d].map(|c| c.index as usize);
        if copies > 1
            && database.copies.iter().enumerate().all(|(c, copy)| Some(c) == first || copy.replay_lag_days > 0)
        {
            push(&ONLY_LAGGED, SubjectKind::Database, db, format!("Every passive copy of {db} is lagged."));
        }
        let sites = sites_of(dag.copy_server[d].iter().map(|&s| dag.site_of(s)));
        let member_sites = sites_of(dag.server_site.iter().copied());
        if member_sites.len() > 1 && sites.len() == 1 && copies > 0 {
            let site = dag.site_name(sites[0]);
            push(
                &ONE_SITE,
                SubjectKind::Database,
                db,
                format!("Every copy of {db} is in {site}: losing {site} loses {db}."),
            );
        }
    }
    let lagged = scenario.databases.iter().any(|d| d.copies.iter().any(|c| c.replay_lag_days > 0));
    if scenario.exchange >= ExchangeVersion::Exchange2016 && !scenario.databases.is_empty() && !lagged {
        push(&NO_LAGGED_COPY, SubjectKind::Dag, name, "No database has a lagged copy.".into());
    }
}
