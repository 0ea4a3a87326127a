//! Events: what can happen to a DAG ([`Event`], by ids) and its one text form (`fail-site:dc1`,
//! `fail-copy:db1@ex2`, `switchover:db1=ex5`), parsed with messages that name what is unknown and printed
//! back. The app and the CLI never write an event's text themselves.

use super::design::{CopyId, DatabaseId, Design, ServerId, SiteId, VipId};
use crate::duration;
pub use crate::scenario::EventError;
use crate::scenario::quote;

/// Something that happens to the DAG.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    FailServer(ServerId),
    RestoreServer(ServerId),
    /// A member shut down on purpose (a planned restart): the cluster takes its vote away before it leaves,
    /// so the others' majority is counted without it. `restore` brings it back.
    ShutDownServer(ServerId),
    FailSite(SiteId),
    RestoreSite(SiteId),
    /// The WAN link between two sites.
    FailWan(SiteId, SiteId),
    RestoreWan(SiteId, SiteId),
    /// Every WAN link of a site: the site is cut off from all others.
    FailSiteWan(SiteId),
    RestoreSiteWan(SiteId),
    FailWitness,
    RestoreWitness,
    FailCopy(CopyId),
    RestoreCopy(CopyId),
    /// StartDagServerMaintenance.ps1: the server's copies blocked from activation, its active databases
    /// moved to other copies by best copy selection, the primary active manager moved off it; it keeps its
    /// vote (its cluster node is paused, not stopped).
    StartMaintenance(ServerId),
    /// StopDagServerMaintenance.ps1: its copies may be activated again; nothing moves back by itself.
    EndMaintenance(ServerId),
    /// A planned move of every active database into a site while both are up (Move-ActiveMailboxDatabase,
    /// one database at a time): each to its most preferred copy there that a switchover may take.
    MoveToSite(SiteId),
    /// RedistributeActiveDatabases.ps1 -BalanceDbsByActivationPreference: every database back to its
    /// preference-1 copy where a switchover may take it.
    Redistribute,
    /// Suspend-MailboxDatabaseCopy: replication and activation of this passive copy suspended.
    SuspendCopy(CopyId),
    /// Resume-MailboxDatabaseCopy: the copy replicates and may be activated again.
    ResumeCopy(CopyId),
    /// Update-MailboxDatabaseCopy of a suspended passive copy: seeded again from the mounted copy, for a
    /// time that grows with the database's size, then healthy and resumed.
    Reseed(CopyId),
    /// Move-ActiveMailboxDatabase: activate this copy by hand, with its choices.
    Switchover(CopyId, Choices),
    /// Stop-DatabaseAvailabilityGroup for every member the site cannot reach, then
    /// Restore-DatabaseAvailabilityGroup in the site: with the alternate witness when the survivors are even,
    /// unless `primary_witness` (-UsePrimaryWitnessServer) keeps the primary.
    DatacenterSwitchover {
        site: SiteId,
        primary_witness: bool,
    },
    /// Start-DatabaseAvailabilityGroup: the site's stopped members rejoin.
    StartDag(SiteId),
    /// A virtual IP address of the namespace stops answering (its load balancer, or the address on it).
    FailVip(VipId),
    RestoreVip(VipId),
    /// Exchange 2010: DNS now points the namespace at this address (a namespace switchover).
    SwitchNamespace(VipId),
}

/// Move-ActiveMailboxDatabase's -MountDialOverride: how many logs the target copy may miss and still mount
/// when they cannot be copied to it first (the active copy is gone). With the active copy running, they are
/// copied first and nothing is lost, whatever the dial.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DialOverride {
    /// The cmdlet's default: none missing.
    #[default]
    Lossless,
    GoodAvailability,
    BestAvailability,
    /// Whatever the copy queue.
    BestEffort,
    /// `-MountDialOverride None`: the target server's own AutoDatabaseMountDial.
    ServerDial,
}

impl DialOverride {
    pub const ALL: [DialOverride; 5] = [
        DialOverride::Lossless,
        DialOverride::GoodAvailability,
        DialOverride::BestAvailability,
        DialOverride::BestEffort,
        DialOverride::ServerDial,
    ];

    /// As the event writes it.
    pub fn word(self) -> &'static str {
        match self {
            DialOverride::Lossless => "lossless",
            DialOverride::GoodAvailability => "good-availability",
            DialOverride::BestAvailability => "best-availability",
            DialOverride::BestEffort => "best-effort",
            DialOverride::ServerDial => "server-dial",
        }
    }

    /// As the cmdlet takes it.
    pub fn parameter(self) -> &'static str {
        match self {
            DialOverride::Lossless => "Lossless",
            DialOverride::GoodAvailability => "GoodAvailability",
            DialOverride::BestAvailability => "BestAvailability",
            DialOverride::BestEffort => "BestEffort",
            DialOverride::ServerDial => "None",
        }
    }

    /// The most missing logs it mounts with; `server` is the target server's own dial.
    pub fn max_missing_logs(self, server: super::model::MountDial) -> u32 {
        match self {
            DialOverride::Lossless => 0,
            DialOverride::GoodAvailability => 6,
            DialOverride::BestAvailability => 12,
            DialOverride::BestEffort => u32::MAX,
            DialOverride::ServerDial => server.max_missing_logs(),
        }
    }
}

/// A switchover's choices: `-MountDialOverride`, and `-SkipHealthChecks` ("you can move the active copy to
/// a database copy that's in the Failed state").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Choices {
    pub mount_dial: DialOverride,
    pub skip_health_checks: bool,
}

/// The event forms, for help texts.
pub const EVENT_FORMS: &[(&str, &str)] = &[
    ("fail:SERVER", "a member server fails"),
    ("restore:SERVER", "it comes back"),
    ("shut-down:SERVER", "a member is shut down gracefully: the cluster moves its vote before it leaves"),
    ("fail-site:SITE", "a whole site fails: its servers, and the witness if it stands there"),
    ("restore-site:SITE", "the site comes back"),
    ("fail-wan:SITE-SITE", "the WAN link between two sites fails (traffic routes only through sites with members)"),
    ("restore-wan:SITE-SITE", "it comes back"),
    ("fail-wan:SITE", "every WAN link of a site fails: the site is cut off"),
    ("restore-wan:SITE", "they come back"),
    ("fail-witness", "the witness server fails"),
    ("restore-witness", "it comes back"),
    ("fail-copy:DB@SERVER", "one database copy fails"),
    ("restore-copy:DB@SERVER", "it is reseeded and healthy again"),
    (
        "suspend-copy:DB@SERVER",
        "suspend a passive copy (Suspend-MailboxDatabaseCopy): it is not activated until resumed",
    ),
    ("resume-copy:DB@SERVER", "resume it (Resume-MailboxDatabaseCopy)"),
    ("reseed:DB@SERVER", "reseed the suspended copy (Update-MailboxDatabaseCopy): healthy and resumed after a time"),
    ("switchover:DB=SERVER", "activate the copy on SERVER by hand (Move-ActiveMailboxDatabase, Lossless)"),
    (
        "switchover:DB=SERVER+best-effort",
        "... -MountDialOverride (good-availability, best-availability, best-effort, server-dial)",
    ),
    ("switchover:DB=SERVER+skip-health-checks", "... -SkipHealthChecks: to a copy in the Failed state"),
    ("datacenter-switchover:SITE", "Stop-DAG the unreachable members, Restore-DAG in SITE with the alternate witness"),
    (
        "datacenter-switchover:SITE+use-primary-witness",
        "the same, keeping the primary witness (-UsePrimaryWitnessServer)",
    ),
    ("start-dag:SITE", "Start-DAG: the site's stopped members rejoin"),
    ("fail-vip:VIP", "a virtual IP address of the namespace stops answering (its load balancer fails)"),
    ("restore-vip:VIP", "it answers again"),
    ("switch-namespace:VIP", "Exchange 2010: point the namespace's DNS record at VIP (a namespace switchover)"),
];

impl Event {
    /// Failing `server` when it works, restoring it when it has failed.
    pub fn toggle_server(server: ServerId, works: bool) -> Event {
        if works { Event::FailServer(server) } else { Event::RestoreServer(server) }
    }

    /// Failing `site` when it is up, restoring it when it is down.
    pub fn toggle_site(site: SiteId, up: bool) -> Event {
        if up { Event::FailSite(site) } else { Event::RestoreSite(site) }
    }

    /// Failing the WAN link between two sites when it is up, restoring it when it is down.
    pub fn toggle_wan(a: SiteId, b: SiteId, up: bool) -> Event {
        if up { Event::FailWan(a, b) } else { Event::RestoreWan(a, b) }
    }

    /// Failing the witness when it works, restoring it when it has failed.
    pub fn toggle_witness(works: bool) -> Event {
        if works { Event::FailWitness } else { Event::RestoreWitness }
    }

    /// Failing a copy when it works, restoring it when it has failed.
    pub fn toggle_copy(copy: CopyId, works: bool) -> Event {
        if works { Event::FailCopy(copy) } else { Event::RestoreCopy(copy) }
    }

    /// Reads an untimed event such as `fail-site:dc1`, `fail-copy:db1@ex2` or `switchover:db1=ex5` (the app's
    /// clicks); an event that reads once a trailing `@TIME` is dropped is refused as timed, not as a missing
    /// name. A script's events, which may carry times, are read by [`TimedEvent::parse`].
    pub fn parse(text: &str, dag: &Design) -> Result<Event, EventError> {
        Event::parse_untimed(text, dag).map_err(|error| match text.rsplit_once('@') {
            Some((event, time)) if duration::looks_like_a_time(time) && Event::parse_untimed(event, dag).is_ok() => {
                EventError {
                    text: text.to_string(),
                    message: format!(
                        "no time is taken here: write {} without {}",
                        quote(event.trim()),
                        quote(&format!("@{time}"))
                    ),
                }
            }
            _ => error,
        })
    }

    fn parse_untimed(text: &str, dag: &Design) -> Result<Event, EventError> {
        let error = |message: String| EventError { text: text.to_string(), message };
        let text = text.trim();
        let (verb, argument) = match text.split_once(':') {
            Some((verb, argument)) => (verb, Some(argument)),
            None => (text, None),
        };
        let server = |name: &str| dag.server_id(name).ok_or_else(|| error(format!("no server named {}", quote(name))));
        let site = |name: &str| dag.site_id(name).ok_or_else(|| error(format!("no site named {}", quote(name))));
        let vip = |name: &str| {
            dag.vip_id(name).ok_or_else(|| match &dag.scenario.namespace {
                None => error("the design has no namespace (no virtual IP addresses)".into()),
                Some(namespace) => {
                    let names: Vec<&str> = namespace.vips.iter().map(|v| v.name.as_str()).collect();
                    error(format!(
                        "no virtual IP address named {}; the namespace has {}",
                        quote(name),
                        names.join(", ")
                    ))
                }
            })
        };
        let database =
            |name: &str| dag.database_id(name).ok_or_else(|| error(format!("no database named {}", quote(name))));
        let copy = |argument: &str, separator: char| -> Result<CopyId, EventError> {
            let (db, host) = argument
                .split_once(separator)
                .ok_or_else(|| error(format!("{} is not DATABASE{separator}SERVER", quote(argument))))?;
            let (d, s): (DatabaseId, ServerId) = (database(db)?, server(host)?);
            dag.copy_on(d, s).ok_or_else(|| error(format!("{} has no copy on {}", quote(db), quote(host))))
        };
        let link = |argument: &str| -> Result<(SiteId, SiteId), EventError> {
            // Site names may hold '-': take the split where both halves are sites.
            for (i, _) in argument.match_indices('-') {
                if let (Some(a), Some(b)) = (dag.site_id(&argument[..i]), dag.site_id(&argument[i + 1..])) {
                    return if a == b {
                        Err(error(format!("{} joins a site to itself", quote(argument))))
                    } else {
                        Ok((a, b))
                    };
                }
            }
            Err(error(format!("{} is neither a site nor SITE-SITE with two of the design's sites", quote(argument))))
        };
        let needs = |argument: Option<&str>| -> Result<String, EventError> {
            argument
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .ok_or_else(|| error(format!("{} needs an argument: {verb}:…", quote(verb))))
        };
        let event = match verb {
            "fail" => Event::FailServer(server(&needs(argument)?)?),
            "restore" => Event::RestoreServer(server(&needs(argument)?)?),
            "shut-down" => Event::ShutDownServer(server(&needs(argument)?)?),
            "fail-site" => Event::FailSite(site(&needs(argument)?)?),
            "restore-site" => Event::RestoreSite(site(&needs(argument)?)?),
            "fail-wan" | "restore-wan" => {
                let argument = needs(argument)?;
                let fail = verb == "fail-wan";
                match dag.site_id(&argument) {
                    Some(site) if fail => Event::FailSiteWan(site),
                    Some(site) => Event::RestoreSiteWan(site),
                    None => {
                        let (a, b) = link(&argument)?;
                        if fail { Event::FailWan(a, b) } else { Event::RestoreWan(a, b) }
                    }
                }
            }
            "fail-witness" | "restore-witness" if argument.is_some() => {
                return Err(error(format!("{} takes no argument", quote(verb))));
            }
            "fail-witness" => Event::FailWitness,
            "restore-witness" => Event::RestoreWitness,
            "fail-copy" => Event::FailCopy(copy(&needs(argument)?, '@')?),
            "restore-copy" => Event::RestoreCopy(copy(&needs(argument)?, '@')?),
            "move-to-site" => Event::MoveToSite(site(&needs(argument)?)?),
            "redistribute" if argument.is_some() => {
                return Err(error(format!("{} takes no argument", quote(verb))));
            }
            "redistribute" => Event::Redistribute,
            "maintenance" => Event::StartMaintenance(server(&needs(argument)?)?),
            "end-maintenance" => Event::EndMaintenance(server(&needs(argument)?)?),
            "suspend-copy" => Event::SuspendCopy(copy(&needs(argument)?, '@')?),
            "resume-copy" => Event::ResumeCopy(copy(&needs(argument)?, '@')?),
            "reseed" => Event::Reseed(copy(&needs(argument)?, '@')?),
            "switchover" => {
                let argument = needs(argument)?;
                let mut parts = argument.split('+');
                let target = copy(parts.next().unwrap_or_default(), '=')?;
                let mut choices = Choices::default();
                for choice in parts {
                    if choice == "skip-health-checks" {
                        choices.skip_health_checks = true;
                        continue;
                    }
                    choices.mount_dial =
                        DialOverride::ALL.into_iter().find(|d| d.word() == choice).ok_or_else(|| {
                            let known: Vec<&str> = DialOverride::ALL.iter().map(|d| d.word()).collect();
                            let known = known.join(", ");
                            error(format!(
                                "unknown switchover choice {}; known: {known}, skip-health-checks",
                                quote(choice)
                            ))
                        })?;
                }
                Event::Switchover(target, choices)
            }
            "datacenter-switchover" => {
                let argument = needs(argument)?;
                let (name, primary_witness) = match argument.strip_suffix("+use-primary-witness") {
                    Some(name) => (name, true),
                    None => (argument.as_str(), false),
                };
                Event::DatacenterSwitchover { site: site(name)?, primary_witness }
            }
            "start-dag" => Event::StartDag(site(&needs(argument)?)?),
            "fail-vip" => Event::FailVip(vip(&needs(argument)?)?),
            "restore-vip" => Event::RestoreVip(vip(&needs(argument)?)?),
            "switch-namespace" => Event::SwitchNamespace(vip(&needs(argument)?)?),
            _ => {
                let mut verbs: Vec<&str> = Vec::new();
                for (form, _) in EVENT_FORMS {
                    let verb = form.split(':').next().unwrap_or(form);
                    if !verbs.contains(&verb) {
                        verbs.push(verb);
                    }
                }
                return Err(error(format!("unknown event {}; DAG events: {}", quote(verb), verbs.join(", "))));
            }
        };
        Ok(event)
    }

    /// The event in the form `parse` reads.
    pub fn label(&self, dag: &Design) -> String {
        let copy = |copy: CopyId, separator: char| {
            format!("{}{separator}{}", dag.database_name(copy.database), dag.server_name(dag.copy_server(copy)))
        };
        match *self {
            Event::FailServer(s) => format!("fail:{}", dag.server_name(s)),
            Event::RestoreServer(s) => format!("restore:{}", dag.server_name(s)),
            Event::ShutDownServer(s) => format!("shut-down:{}", dag.server_name(s)),
            Event::FailSite(s) => format!("fail-site:{}", dag.site_name(s)),
            Event::RestoreSite(s) => format!("restore-site:{}", dag.site_name(s)),
            Event::FailWan(a, b) => format!("fail-wan:{}-{}", dag.site_name(a), dag.site_name(b)),
            Event::RestoreWan(a, b) => format!("restore-wan:{}-{}", dag.site_name(a), dag.site_name(b)),
            Event::FailSiteWan(s) => format!("fail-wan:{}", dag.site_name(s)),
            Event::RestoreSiteWan(s) => format!("restore-wan:{}", dag.site_name(s)),
            Event::FailWitness => "fail-witness".into(),
            Event::RestoreWitness => "restore-witness".into(),
            Event::FailCopy(c) => format!("fail-copy:{}", copy(c, '@')),
            Event::RestoreCopy(c) => format!("restore-copy:{}", copy(c, '@')),
            Event::MoveToSite(site) => format!("move-to-site:{}", dag.site_name(site)),
            Event::Redistribute => "redistribute".to_string(),
            Event::StartMaintenance(server) => format!("maintenance:{}", dag.server_name(server)),
            Event::EndMaintenance(server) => format!("end-maintenance:{}", dag.server_name(server)),
            Event::SuspendCopy(c) => format!("suspend-copy:{}", copy(c, '@')),
            Event::ResumeCopy(c) => format!("resume-copy:{}", copy(c, '@')),
            Event::Reseed(c) => format!("reseed:{}", copy(c, '@')),
            Event::Switchover(c, choices) => {
                let dial = match choices.mount_dial {
                    DialOverride::Lossless => String::new(),
                    dial => format!("+{}", dial.word()),
                };
                let skip = if choices.skip_health_checks { "+skip-health-checks" } else { "" };
                format!("switchover:{}{dial}{skip}", copy(c, '='))
            }
            Event::DatacenterSwitchover { site, primary_witness } => format!(
                "datacenter-switchover:{}{}",
                dag.site_name(site),
                if primary_witness { "+use-primary-witness" } else { "" }
            ),
            Event::StartDag(s) => format!("start-dag:{}", dag.site_name(s)),
            Event::FailVip(v) => format!("fail-vip:{}", dag.vip_name(v)),
            Event::RestoreVip(v) => format!("restore-vip:{}", dag.vip_name(v)),
            Event::SwitchNamespace(v) => format!("switch-namespace:{}", dag.vip_name(v)),
        }
    }
}

/// A DAG event and, when the script gives one, its time on the virtual clock (milliseconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedEvent {
    pub event: Event,
    pub at: Option<u64>,
}

impl TimedEvent {
    /// Reads `fail:ex1@30s` (or `fail-copy:db1@ex2@30s`); without `@TIME` the event happens when the one
    /// before it does, as a step of its own.
    pub fn parse(text: &str, dag: &Design) -> Result<TimedEvent, EventError> {
        crate::duration::parse_timed(text, |text| Event::parse_untimed(text, dag))
            .map(|(event, at)| TimedEvent { event, at })
    }

    pub fn label(&self, dag: &Design) -> String {
        match self.at {
            Some(at) => format!("{}@{}", self.event.label(dag), duration::text(at)),
            None => self.event.label(dag),
        }
    }
}

/// Checks that timed events come in time order; names the first that does not, and its place.
pub fn check_order(events: &[TimedEvent], dag: &Design) -> Result<(), (usize, EventError)> {
    crate::duration::check_time_order(events.iter().map(|event| (event.at, event.label(dag))))
}

/// A step of a script: events that happen together, and the DAG settles once after them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// When, in ms on the virtual clock.
    pub at: u64,
    /// The script's events in this step (indices).
    pub events: std::ops::Range<usize>,
}

/// Splits a script into steps. An untimed event is a step of its own (each settled before the next, as a
/// user clicking one failure after another expects); failures and restores given the same time
/// (`fail:ex1@0s fail:ex2@0s`) are one step, simultaneous. An administrator's action (a switchover,
/// Stop-/Restore-/Start-DatabaseAvailabilityGroup) is always a step of its own.
pub fn steps(events: &[TimedEvent]) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    let mut now = 0;
    for (index, timed) in events.iter().enumerate() {
        let joins = timed.at.is_some_and(|at| at == now)
            && !timed.event.is_administrative()
            && index > 0
            && events[index - 1].at == timed.at
            && !events[index - 1].event.is_administrative();
        now = timed.at.unwrap_or(now);
        match steps.last_mut() {
            Some(step) if joins => step.events.end = index + 1,
            _ => steps.push(Step { at: now, events: index..index + 1 }),
        }
    }
    steps
}

impl Event {
    /// An administrator's action rather than a failure or a repair.
    pub fn is_administrative(self) -> bool {
        matches!(
            self,
            Event::Switchover(..)
                | Event::SuspendCopy(_)
                | Event::ResumeCopy(_)
                | Event::Reseed(_)
                | Event::StartMaintenance(_)
                | Event::EndMaintenance(_)
                | Event::MoveToSite(_)
                | Event::Redistribute
                | Event::DatacenterSwitchover { .. }
                | Event::StartDag(_)
                | Event::SwitchNamespace(_)
                | Event::ShutDownServer(_)
        )
    }

    /// An event of the client-access tier (the namespace and its addresses), which moves no database.
    pub fn is_client_tier(self) -> bool {
        matches!(self, Event::FailVip(_) | Event::RestoreVip(_) | Event::SwitchNamespace(_))
    }
}
