//! The DAG as a whole: how many members, their names, the Windows version under them, how they vote, and
//! DAC mode.

use super::*;
use crate::dag::design::{Design, VoteModel};
use crate::finding::{Finding, Rule, SubjectKind};

/// Member count and NetBIOS names.
pub(super) fn members_and_names(dag: &Design, findings: &mut Vec<Finding>) {
    let scenario = &dag.scenario;
    let name = scenario.dag_name.as_str();
    let members = scenario.servers.len();
    let mut push = |rule: &Rule, kind: SubjectKind, subject: &str, message: String| {
        findings.push(Finding::new(rule, kind, subject, message));
    };
    if members == 0 {
        push(&NO_MEMBERS, SubjectKind::Dag, name, "The DAG has no members.".into());
    } else if members > 16 {
        push(&TOO_MANY_MEMBERS, SubjectKind::Dag, name, format!("{members} members; a DAG has at most 16."));
    }
    if !netbios_ok(name) {
        push(&NETBIOS_NAME, SubjectKind::Dag, name, format!("\"{name}\" is not a NetBIOS name (1 to 15 characters)."));
    }
    for server in &scenario.servers {
        if !netbios_ok(&server.name) {
            push(
                &NETBIOS_NAME,
                SubjectKind::Server,
                &server.name,
                format!("\"{}\" is not a NetBIOS name.", server.name),
            );
        }
    }
}

/// The Windows version the Exchange version needs, the quorum model and how votes change.
pub(super) fn versions_and_votes(dag: &Design, findings: &mut Vec<Finding>) {
    let scenario = &dag.scenario;
    let name = scenario.dag_name.as_str();
    let members = scenario.servers.len();
    let mut push = |rule: &Rule, kind: SubjectKind, subject: &str, message: String| {
        findings.push(Finding::new(rule, kind, subject, message));
    };
    let even = members > 0 && members.is_multiple_of(2);
    if members > 0 {
        let text = if even {
            format!(
                "{members} members: node and file share majority, {} votes, {} needed; the witness breaks the tie.",
                members + 1,
                members / 2 + 1
            )
        } else {
            format!(
                "{members} members: node majority, {members} votes, {} needed; the witness does not vote.",
                members / 2 + 1
            )
        };
        push(&QUORUM_MODEL, SubjectKind::Dag, name, text);
    }
    let windows = dag.windows();
    if !scenario.exchange.windows_versions().contains(&windows) {
        let allowed: Vec<&str> = scenario.exchange.windows_versions().iter().map(|w| w.title()).collect();
        push(
            &WINDOWS_VERSION,
            SubjectKind::Dag,
            name,
            format!(
                "{} does not run on {}; it runs on {}.",
                scenario.exchange.title(),
                windows.title(),
                allowed.join(", ")
            ),
        );
    }
    let mut differ: Vec<String> = Vec::new();
    for server in &scenario.servers {
        let theirs = server.windows.unwrap_or(windows);
        if theirs != windows {
            differ.push(format!("{} runs {}", server.name, theirs.title()));
        }
        if theirs != windows && !scenario.exchange.windows_versions().contains(&theirs) {
            let message =
                format!("{} does not run on {} ({}).", scenario.exchange.title(), theirs.title(), server.name);
            push(&WINDOWS_VERSION, SubjectKind::Server, &server.name, message);
        }
    }
    if !differ.is_empty() {
        let message = format!(
            "The DAG runs {} but {}: every member runs the same version; Windows is not upgraded in place under \
             Exchange, so a new version means new servers in a new DAG.",
            windows.title(),
            crate::words::list(&differ)
        );
        push(&WINDOWS_MIXED, SubjectKind::Dag, name, message);
    }
    if members > 1 {
        let text = match dag.vote_model() {
            VoteModel::Dynamic { witness } => format!(
                "{} has dynamic quorum{}: members failing one after another can go down to the last one; the failure modes count servers lost at once.",
                windows.title(),
                if witness { " and dynamic witness" } else { "" }
            ),
            VoteModel::Static if windows.has_dynamic_quorum() => {
                "Dynamic quorum is turned off (DynamicQuorum = 0): every member keeps its vote, as before Windows Server 2012.".into()
            }
            VoteModel::Static => format!("{} has no dynamic quorum: votes are static.", windows.title()),
        };
        push(&DYNAMIC_QUORUM, SubjectKind::Dag, name, text);
    }
}

/// DAC mode, recommended for every DAG of two or more members.
pub(super) fn dac_mode(dag: &Design, findings: &mut Vec<Finding>) {
    let scenario = &dag.scenario;
    let name = scenario.dag_name.as_str();
    let members = scenario.servers.len();
    let mut push = |rule: &Rule, kind: SubjectKind, subject: &str, message: String| {
        findings.push(Finding::new(rule, kind, subject, message));
    };
    let (_, member_sites) = members_per_site(dag);
    if members > 1 && !scenario.dac_mode {
        let span = if member_sites.len() > 1 { ", and the members span datacenters" } else { "" };
        push(&DAC_RECOMMENDED, SubjectKind::Dag, name, format!("DAC mode is off{span}."));
    }
}
