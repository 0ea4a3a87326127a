//! The client tier (KB 837852): Outlook (MAPI) clients reach each EVS directly; Internet clients (Outlook Web
//! Access, POP3, IMAP4) through the front-end servers, which proxy to the EVS holding the mailbox — several of
//! them behind Network Load Balancing for fault tolerance, never clustered. Who reaches which EVS now, and
//! why not.

use schemars::JsonSchema;
use serde::Serialize;

use super::design::Design;
use super::engine::State;
use crate::sources;

/// Who reaches the cluster's mailboxes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ClientsReport {
    /// Every client, Outlook and Internet, reaches every EVS.
    pub served: bool,
    /// The front-end servers, up or down.
    pub front_ends: Vec<FrontEndState>,
    /// The Network Load Balancing cluster, when the design has one: whether it works.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nlb: Option<bool>,
    /// The front-end servers Internet clients go through now.
    pub through: Vec<String>,
    /// Per EVS, who reaches it.
    pub evs: Vec<EvsClients>,
    /// How Internet clients get in, or why they cannot.
    pub reason: String,
    pub source: &'static str,
}

/// A front-end server, up or down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct FrontEndState {
    pub name: String,
    pub up: bool,
}

/// An EVS as the clients meet it: its name, whether it is online, and its state in words.
pub type Evs<'a> = (&'a str, bool, &'a str);

/// Who reaches one EVS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct EvsClients {
    pub name: String,
    /// Outlook (MAPI) clients, which connect to the EVS directly.
    pub mapi: bool,
    /// Internet clients (Outlook Web Access, POP3, IMAP4), through a front-end server.
    pub internet: bool,
    pub reason: String,
}

/// The client tier as `state` leaves it, for the EVS as reported.
pub fn report<'a>(design: &Design, state: &State, evs: impl Iterator<Item = Evs<'a>>) -> ClientsReport {
    let front_ends: Vec<FrontEndState> = design
        .front_end_ids()
        .map(|f| FrontEndState { name: design.front_end_name(f).to_string(), up: state.front_end_up[f.index()] })
        .collect();
    tier(design, front_ends, state.nlb_up, evs)
}

/// The client tier from its parts: the front-end servers, the NLB cluster, and each EVS (also for a
/// timeline seen at a time, where the EVS move).
pub fn tier<'a>(
    design: &Design,
    front_ends: Vec<FrontEndState>,
    nlb_up: bool,
    evs: impl Iterator<Item = Evs<'a>>,
) -> ClientsReport {
    let tier = &design.scenario.front_ends;
    let up: Vec<String> = front_ends.iter().filter(|f| f.up).map(|f| f.name.clone()).collect();
    // Without NLB clients know one name: the first front-end server's (clusterplan's choice of which).
    let (through, blocked) = match (front_ends.first(), tier.nlb) {
        (None, _) => (Vec::new(), None),
        (Some(_), true) if !nlb_up => (Vec::new(), Some("the NLB cluster is down".to_string())),
        (Some(_), true) if up.is_empty() => (Vec::new(), Some("every front-end server is down".to_string())),
        (Some(_), true) => (up, None),
        (Some(first), false) if first.up => (vec![first.name.clone()], None),
        (Some(first), false) => {
            (Vec::new(), Some(format!("without NLB clients use {}, the name they know, and it is down", first.name)))
        }
    };
    let reason = match (&blocked, front_ends.is_empty()) {
        (Some(why), _) => format!("Internet clients reach no front-end server: {why}"),
        (None, true) => "no front-end servers: every client connects to its EVS directly".to_string(),
        (None, false) if tier.nlb => format!("Internet clients through {} (NLB spreads them)", through.join(", ")),
        (None, false) => format!("Internet clients through {}", through.join(", ")),
    };
    let evs: Vec<EvsClients> = evs
        .map(|(name, online, state)| {
            let internet = online && blocked.is_none();
            let reason = if !online {
                format!("{name} is {state}: no client reaches its mailboxes")
            } else if let Some(why) = &blocked {
                format!("Outlook clients connect directly; Internet clients cannot: {why}")
            } else {
                "every client reaches it".to_string()
            };
            EvsClients { name: name.to_string(), mapi: online, internet, reason }
        })
        .collect();
    ClientsReport {
        served: evs.iter().all(|e| e.mapi && e.internet),
        nlb: (!front_ends.is_empty() && tier.nlb).then_some(nlb_up),
        front_ends,
        through,
        evs,
        reason,
        source: sources::FRONT_END,
    }
}
