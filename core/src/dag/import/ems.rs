//! A running DAG, from the collector's one JSON document: an object whose keys are the cmdlets
//! `Get-DatabaseAvailabilityGroup` (with `-Status`), `Get-ExchangeServer`, `Get-MailboxServer`,
//! `Get-MailboxDatabase`, `Get-MailboxDatabaseCopyStatus` and `Get-ClusterNode`, each holding what
//! `ConvertTo-Json` writes for the cmdlet's output (an object for one, an array for several). It reads what
//! PowerShell really writes, Exchange 2013 to SE, locally or through a remote session: names as text or as
//! objects with a `Name`, AD paths (`contoso.com/Configuration/Sites/dc1`), enums as names or numbers,
//! TimeSpans as text or as objects, server/value lists as `{"Key","Value"}` objects or `"[EX1, 1]"` text.
//! The live state (members down, copies' status and queues, where each database is mounted) is where the
//! simulation starts.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Imported, MAX_DATABASES, MAX_MEMBERS, Note, NoteKind, Problem, Source, lag_days, timespan_seconds};
use crate::dag::model::{
    ActivationPolicy, ContentIndex, Copy, CopyStatus, DagKind, DagNetwork, DagNetworkRole, Database, ExchangeVersion,
    MountDial, Scenario, Server, Site, SiteSubnet, WindowsVersion, Witness,
};

/// The cmdlets the collector runs, as the document's keys; the last is optional (a DAG member without the
/// FailoverClusters module cannot run it).
pub const CMDLETS: [&str; 6] = [
    "Get-DatabaseAvailabilityGroup",
    "Get-ExchangeServer",
    "Get-MailboxServer",
    "Get-MailboxDatabase",
    "Get-MailboxDatabaseCopyStatus",
    "Get-ClusterNode",
];

/// The read-only collector: run in the Exchange Management Shell on a DAG member, it writes the one JSON
/// document [`import`] reads.
pub const COLLECTOR: &str = include_str!("collector.ps1");

/// A value and its JSON path, for messages.
#[derive(Clone)]
struct At<'v> {
    value: &'v Value,
    path: String,
}

impl<'v> At<'v> {
    fn child(&self, key: &str, value: &'v Value) -> At<'v> {
        let path = if key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            format!("{}.{key}", self.path)
        } else {
            format!("{}[{key:?}]", self.path)
        };
        At { value, path }
    }
}

/// The reading of one document: its file name, for messages.
struct Reader<'a> {
    file: &'a str,
}

impl Reader<'_> {
    fn problem(&self, path: &str, message: impl Into<String>) -> Problem {
        Problem::new(self.file, path, message)
    }

    /// A property, its name matched without regard to case (PowerShell's own way).
    fn field<'v>(&self, item: &At<'v>, name: &str) -> Option<At<'v>> {
        let object = item.value.as_object()?;
        let (key, value) = object.iter().find(|(k, _)| k.eq_ignore_ascii_case(name))?;
        if value.is_null() {
            return None;
        }
        Some(item.child(key, value))
    }

    /// A name: text (its last segment when it is an AD path), or an object's `Name`.
    fn name(&self, at: &At<'_>) -> Result<String, Problem> {
        match at.value {
            Value::String(text) => Ok(last_segment(text).to_string()),
            Value::Object(object) => {
                // An ADObjectId has its Name; a path (WitnessDirectory, EdbFilePath) its PathName.
                let named = |key: &str| object.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v);
                match named("Name").or_else(|| named("PathName")) {
                    Some(Value::String(name)) => Ok(name.clone()),
                    _ => Err(self.problem(&at.path, "an object with no Name")),
                }
            }
            other => Err(self.problem(&at.path, format!("{} where a name belongs", kind(other)))),
        }
    }

    /// A list: an array, or one item on its own (ConvertTo-Json writes a list of one as that one).
    fn list<'v>(&self, at: &At<'v>) -> Result<Vec<At<'v>>, Problem> {
        match at.value {
            Value::Array(items) => {
                Ok(items.iter().enumerate().map(|(i, value)| At { value, path: format!("{}[{i}]", at.path) }).collect())
            }
            Value::String(text) if is_type_name(text) => Err(self.problem(
                &at.path,
                format!(
                    "{text:?} is a type's name, not the list: ConvertTo-Json stopped at its depth limit; run the \
                     collector, which asks for enough depth"
                ),
            )),
            _ => Ok(vec![at.clone()]),
        }
    }

    fn whole(&self, at: &At<'_>) -> Result<u64, Problem> {
        match at.value {
            Value::Number(n) if n.as_u64().is_some() => Ok(n.as_u64().unwrap_or_default()),
            Value::String(text) if text.trim().parse::<u64>().is_ok() => Ok(text.trim().parse().unwrap_or_default()),
            // Unlimited (an Unlimited<int> as text) is no cap.
            other => Err(self.problem(&at.path, format!("{} where a whole number belongs", kind(other)))),
        }
    }

    /// A TimeSpan: text (`7.00:00:00`) or the object ConvertTo-Json writes (`TotalSeconds`, or `Days`…).
    fn seconds(&self, at: &At<'_>) -> Result<u64, Problem> {
        let bad = || self.problem(&at.path, "not a TimeSpan (7.00:00:00, or an object with TotalSeconds)");
        match at.value {
            Value::String(text) => timespan_seconds(text).ok_or_else(bad),
            Value::Object(object) => {
                let get =
                    |key: &str| object.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).and_then(|(_, v)| v.as_f64());
                if let Some(total) = get("TotalSeconds") {
                    return (total >= 0.0).then_some(total as u64).ok_or_else(bad);
                }
                let part = |key: &str| get(key).unwrap_or(0.0).max(0.0) as u64;
                Ok(part("Days") * 86_400 + part("Hours") * 3_600 + part("Minutes") * 60 + part("Seconds"))
            }
            _ => Err(bad()),
        }
    }

    /// An enum: its name, or its number where the number is documented (`names[n]`).
    fn word(&self, at: &At<'_>, names: &[(i64, &str)]) -> Result<String, Problem> {
        match at.value {
            Value::String(text) => Ok(text.trim().to_string()),
            Value::Number(n) => n
                .as_i64()
                .and_then(|n| names.iter().find(|(value, _)| *value == n))
                .map(|(_, name)| name.to_string())
                .ok_or_else(|| {
                    self.problem(
                        &at.path,
                        format!("{n}: a number clusterplan cannot name; the collector writes this value's name"),
                    )
                }),
            other => Err(self.problem(&at.path, format!("{} where a name or number belongs", kind(other)))),
        }
    }

    /// A server/value pair of a list such as ActivationPreference: `{"Key": …, "Value": …}` or `"[EX1, 1]"`.
    fn pair<'v>(&self, at: &At<'v>) -> Result<(String, PairValue<'v>), Problem> {
        match at.value {
            Value::String(text) => {
                let inner = text.trim().strip_prefix('[').and_then(|t| t.strip_suffix(']'));
                let (key, value) = inner
                    .and_then(|t| t.split_once(','))
                    .ok_or_else(|| self.problem(&at.path, format!("{text:?} is not a pair such as \"[EX1, 1]\"")))?;
                Ok((last_segment(key.trim()).to_string(), PairValue::Text(value.trim().to_string(), at.path.clone())))
            }
            Value::Object(_) => {
                let key = self.field(at, "Key").ok_or_else(|| self.problem(&at.path, "a pair with no Key"))?;
                let value = self.field(at, "Value").ok_or_else(|| self.problem(&at.path, "a pair with no Value"))?;
                Ok((self.name(&key)?, PairValue::Json(value)))
            }
            other => Err(self.problem(&at.path, format!("{} where a server/value pair belongs", kind(other)))),
        }
    }
}

/// The value half of a pair, as it came.
enum PairValue<'v> {
    Text(String, String),
    Json(At<'v>),
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The last segment of an AD path (`contoso.com/Configuration/Sites/dc1` → `dc1`), or a CN of a
/// distinguished name; other text as it is.
fn last_segment(text: &str) -> &str {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix("CN=") {
        return rest.split(',').next().unwrap_or(rest);
    }
    text.rsplit('/').next().unwrap_or(text)
}

/// The name of a .NET type where ConvertTo-Json wrote one instead of a value past its depth limit.
fn is_type_name(text: &str) -> bool {
    (text.starts_with("System.") || text.starts_with("Microsoft.")) && !text.contains(' ')
}

/// The Exchange version of an AdminDisplayVersion: `Version 15.2 (Build 2562.17)` or an object with Major,
/// Minor and Build. Exchange SE is 15.2 from build 2562 (its RTM); 2019 CU15 is 15.2.1748.
fn exchange_version(value: &Value) -> Option<ExchangeVersion> {
    let (major, minor, build) = match value {
        Value::String(text) => {
            let numbers: Vec<u64> = text
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .filter_map(|s| s.parse().ok())
                .collect();
            (*numbers.first()?, *numbers.get(1)?, numbers.get(2).copied().unwrap_or(0))
        }
        Value::Object(object) => {
            let get =
                |key: &str| object.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).and_then(|(_, v)| v.as_u64());
            (get("Major")?, get("Minor")?, get("Build").unwrap_or(0))
        }
        _ => return None,
    };
    Some(match (major, minor) {
        (14, _) => ExchangeVersion::Exchange2010,
        (15, 0) => ExchangeVersion::Exchange2013,
        (15, 1) => ExchangeVersion::Exchange2016,
        (15, 2) if build >= 2562 => ExchangeVersion::ExchangeSe,
        (15, _) => ExchangeVersion::Exchange2019,
        _ => return None,
    })
}

/// The Windows Server version of a cluster node's BuildNumber.
fn windows_version(build: u64) -> Option<WindowsVersion> {
    Some(match build {
        6001..=6003 => WindowsVersion::Windows2008,
        7600 | 7601 => WindowsVersion::Windows2008R2,
        9200 => WindowsVersion::Windows2012,
        9600 => WindowsVersion::Windows2012R2,
        14393 => WindowsVersion::Windows2016,
        17763 => WindowsVersion::Windows2019,
        20348 => WindowsVersion::Windows2022,
        26100 => WindowsVersion::Windows2025,
        _ => return None,
    })
}

/// Everything read about one member before the design is made.
#[derive(Default)]
struct Member {
    site: Option<String>,
    version: Option<ExchangeVersion>,
    mount_dial: MountDial,
    policy: ActivationPolicy,
    max_active: Option<u32>,
    max_preferred_active: Option<u32>,
    down: bool,
    windows: Option<WindowsVersion>,
}

/// Reads the collector's document into a DAG design; `dag` names the DAG when the document holds several.
pub fn import(source: &Source<'_>, dag: Option<&str>) -> Result<Imported, Problem> {
    let file = source.name;
    let reader = Reader { file };
    let (text, _) = super::decode(source.bytes).map_err(|message| Problem::new(file, "", message))?;
    let root: Value = serde_json::from_str(&text).map_err(|error| {
        Problem::new(file, format!("line {}, column {}", error.line(), error.column()), format!("not JSON: {error}"))
    })?;
    let root_at = At { value: &root, path: "$".to_string() };
    if !root.is_object() || CMDLETS[..5].iter().all(|c| reader.field(&root_at, c).is_none()) {
        return Err(reader.problem(
            "$",
            format!(
                "this is not the collector's document: it is {} without the keys {} (print the collector with \
                 clusterplan collector)",
                kind(&root),
                CMDLETS[..5].join(", ")
            ),
        ));
    }
    let cmdlet = |name: &str| -> Result<Vec<At<'_>>, Problem> {
        match reader.field(&root_at, name) {
            Some(at) => reader.list(&at),
            None => Err(reader.problem("$", format!("it has no {name:?}: the collector writes it"))),
        }
    };
    let mut notes = Vec::new();
    let mut note = |kind: NoteKind, message: String| notes.push(Note { file: file.to_string(), kind, message });

    // The DAG.
    let dags = cmdlet("Get-DatabaseAvailabilityGroup")?;
    let mut dag_at = None;
    for at in &dags {
        let name =
            reader.name(&reader.field(at, "Name").ok_or_else(|| reader.problem(&at.path, "a DAG with no Name"))?)?;
        if dag.is_none_or(|wanted| wanted.eq_ignore_ascii_case(&name)) && dag_at.is_none() {
            dag_at = Some((at.clone(), name));
        }
    }
    let Some((dag_at, dag_name)) = dag_at else {
        return Err(match dag {
            Some(wanted) => reader.problem("$[\"Get-DatabaseAvailabilityGroup\"]", format!("no DAG named {wanted:?}")),
            None => reader.problem("$[\"Get-DatabaseAvailabilityGroup\"]", "it holds no DAG"),
        });
    };
    if dags.len() > 1 {
        note(NoteKind::LeftOut, format!("the other DAGs of the document ({} in all): import one by name", dags.len()));
    }
    let servers_at =
        reader.field(&dag_at, "Servers").ok_or_else(|| reader.problem(&dag_at.path, "the DAG has no Servers"))?;
    let mut members: Vec<(String, Member)> = Vec::new();
    for at in reader.list(&servers_at)? {
        let name = reader.name(&at)?;
        if members.iter().any(|(m, _)| m.eq_ignore_ascii_case(&name)) {
            return Err(reader.problem(&at.path, format!("{name} is listed twice")));
        }
        members.push((name, Member::default()));
    }
    if members.is_empty() || members.len() > MAX_MEMBERS {
        return Err(
            reader.problem(&servers_at.path, format!("{} members: a DAG has 1 to {MAX_MEMBERS}", members.len()))
        );
    }
    let index_of =
        |members: &[(String, Member)], name: &str| members.iter().position(|(m, _)| m.eq_ignore_ascii_case(name));
    let text_field = |at: &At<'_>, name: &str| -> Result<Option<String>, Problem> {
        reader.field(at, name).map(|f| reader.name(&f)).transpose().map(|n| n.filter(|n| !n.is_empty()))
    };
    let dac = match reader.field(&dag_at, "DatacenterActivationMode") {
        Some(at) => reader.word(&at, &[(0, "Off"), (1, "DagOnly")])?,
        None => "Off".into(),
    };
    let dac_mode = dac.eq_ignore_ascii_case("DagOnly");
    let mut ip_less = false;
    if let Some(at) = reader.field(&dag_at, "DatabaseAvailabilityGroupIpAddresses") {
        for ip in reader.list(&at)? {
            let text = match ip.value {
                Value::String(text) => text.clone(),
                _ => text_field(&ip, "IPAddressToString")?.unwrap_or_default(),
            };
            ip_less |= text == "255.255.255.255";
        }
    }
    let witness_server = text_field(&dag_at, "WitnessServer")?;
    let witness_dir = text_field(&dag_at, "WitnessDirectory")?;
    let alternate_server = text_field(&dag_at, "AlternateWitnessServer")?;
    let alternate_dir = text_field(&dag_at, "AlternateWitnessDirectory")?;
    // An enum whose numbers are not documented: read only as a name, as the collector writes it.
    let in_use = reader.field(&dag_at, "WitnessShareInUse").and_then(|at| at.value.as_str().map(str::to_string));
    if let Some(in_use) = in_use.filter(|w| !w.eq_ignore_ascii_case("Primary")) {
        note(NoteKind::LeftOut, format!("WitnessShareInUse {in_use}: the simulation starts on the primary witness"));
    }
    if let Some(stopped) = reader.field(&dag_at, "StoppedMailboxServers") {
        let names: Vec<String> =
            reader.list(&stopped)?.into_iter().map(|s| reader.name(&s)).collect::<Result<_, _>>()?;
        if !names.is_empty() {
            note(
                NoteKind::LeftOut,
                format!("StoppedMailboxServers {}: the simulation starts with every member started", names.join(", ")),
            );
        }
    }

    // Sites and versions.
    let mut server_sites: BTreeMap<String, String> = BTreeMap::new();
    for at in cmdlet("Get-ExchangeServer")? {
        let Some(name) = text_field(&at, "Name")? else { continue };
        let site = text_field(&at, "Site")?;
        if let Some(site) = &site {
            server_sites.insert(name.to_ascii_lowercase(), site.clone());
        }
        if let Some(i) = index_of(&members, &name) {
            members[i].1.site = site;
            if let Some(version) = reader.field(&at, "AdminDisplayVersion") {
                members[i].1.version = Some(exchange_version(version.value).ok_or_else(|| {
                    reader.problem(&version.path, "not an Exchange version such as \"Version 15.2 (Build 2562.17)\"")
                })?);
            }
        }
    }
    for (name, member) in &members {
        if member.site.is_none() {
            return Err(
                reader.problem("$[\"Get-ExchangeServer\"]", format!("{name} is a DAG member but has no Site here"))
            );
        }
    }

    // Activation settings.
    for at in cmdlet("Get-MailboxServer")? {
        let Some(name) = text_field(&at, "Name")? else { continue };
        let Some(i) = index_of(&members, &name) else { continue };
        let member = &mut members[i].1;
        if let Some(f) = reader.field(&at, "AutoDatabaseMountDial") {
            let word = reader.word(&f, &[(0, "Lossless"), (6, "GoodAvailability"), (12, "BestAvailability")])?;
            member.mount_dial = match word.to_ascii_lowercase().as_str() {
                "lossless" => MountDial::Lossless,
                "goodavailability" => MountDial::GoodAvailability,
                "bestavailability" => MountDial::BestAvailability,
                _ => {
                    return Err(
                        reader.problem(&f.path, format!("{word:?}: Lossless, GoodAvailability or BestAvailability"))
                    );
                }
            };
        }
        if let Some(f) = reader.field(&at, "DatabaseCopyAutoActivationPolicy") {
            let word = reader.word(&f, &[(0, "Unrestricted"), (1, "IntrasiteOnly"), (2, "Blocked")])?;
            member.policy = match word.to_ascii_lowercase().as_str() {
                "unrestricted" => ActivationPolicy::Unrestricted,
                "intrasiteonly" => ActivationPolicy::IntrasiteOnly,
                "blocked" => ActivationPolicy::Blocked,
                _ => return Err(reader.problem(&f.path, format!("{word:?}: Unrestricted, IntrasiteOnly or Blocked"))),
            };
        }
        let cap = |name: &str| -> Result<Option<u32>, Problem> {
            match reader.field(&at, name) {
                Some(f) if f.value.as_str().is_some_and(|t| t.eq_ignore_ascii_case("Unlimited")) => Ok(None),
                Some(f) => Ok(Some(reader.whole(&f)?.min(u64::from(u32::MAX)) as u32)),
                None => Ok(None),
            }
        };
        member.max_active = cap("MaximumActiveDatabases")?;
        member.max_preferred_active = cap("MaximumPreferredActiveDatabases")?;
    }

    // Cluster nodes: down members and each one's Windows version.
    match reader.field(&root_at, "Get-ClusterNode") {
        Some(at) => {
            for node in reader.list(&at)? {
                let Some(name) = text_field(&node, "Name")? else { continue };
                let Some(i) = index_of(&members, &name) else { continue };
                if let Some(f) = reader.field(&node, "State") {
                    let state =
                        reader.word(&f, &[(-1, "Unknown"), (0, "Up"), (1, "Down"), (2, "Paused"), (3, "Joining")])?;
                    members[i].1.down = state.eq_ignore_ascii_case("Down");
                    if state.eq_ignore_ascii_case("Paused") {
                        note(
                            NoteKind::LeftOut,
                            format!("{name} is Paused in the cluster: the simulation treats it as up"),
                        );
                    }
                }
                if let Some(f) = reader.field(&node, "BuildNumber") {
                    members[i].1.windows = windows_version(reader.whole(&f)?);
                }
            }
        }
        None => note(NoteKind::Assumed, "no Get-ClusterNode: every member is taken as up".into()),
    }

    // Sites in the order the members name them; the witnesses where their servers stand when they are
    // Exchange servers, else assumed.
    let mut sites: Vec<String> = Vec::new();
    for (_, member) in &members {
        let site = member.site.clone().unwrap_or_default();
        if !sites.contains(&site) {
            sites.push(site);
        }
    }
    let witness_at = |server: &Option<String>,
                      dir: Option<String>,
                      fallback: usize,
                      what: &str,
                      notes: &mut dyn FnMut(String)| {
        let server = server.clone()?;
        let short = server.split('.').next().unwrap_or(&server).to_ascii_lowercase();
        let site = match server_sites.get(&short) {
            Some(site) => site.clone(),
            None => {
                let site = sites[fallback.min(sites.len() - 1)].clone();
                notes(format!(
                    "the {what}'s site: {server} is no Exchange server of the document, so assumed in {site}; move it if it stands elsewhere"
                ));
                site
            }
        };
        Some(Witness { server, site, directory: dir, kind: Default::default() })
    };
    let mut assumed = Vec::new();
    let witness = witness_at(&witness_server, witness_dir, 0, "witness", &mut |m| assumed.push(m))
        .ok_or_else(|| reader.problem(&dag_at.path, "the DAG has no WitnessServer"))?;
    let alternate = witness_at(&alternate_server, alternate_dir, 1, "alternate witness", &mut |m| assumed.push(m));
    for message in assumed {
        note(NoteKind::Assumed, message);
    }
    for extra in [&witness.site].into_iter().chain(alternate.as_ref().map(|w| &w.site)) {
        if !sites.contains(extra) {
            sites.push(extra.clone());
        }
    }

    // Databases of this DAG, their copies and where each is mounted.
    let mut databases: Vec<Database> = Vec::new();
    for at in cmdlet("Get-MailboxDatabase")? {
        let Some(name) = text_field(&at, "Name")? else { continue };
        let owner = text_field(&at, "MasterServerOrAvailabilityGroup")?;
        if owner.as_ref().is_some_and(|o| !o.eq_ignore_ascii_case(&dag_name)) {
            continue;
        }
        if databases.len() == MAX_DATABASES {
            return Err(reader.problem(&at.path, format!("more than {MAX_DATABASES} databases")));
        }
        let preference_at = reader
            .field(&at, "ActivationPreference")
            .ok_or_else(|| reader.problem(&at.path, "no ActivationPreference"))?;
        let mut copies: Vec<Copy> = Vec::new();
        for pair_at in reader.list(&preference_at)? {
            let (server, value) = reader.pair(&pair_at)?;
            let preference = match value {
                PairValue::Text(text, path) => {
                    text.parse::<u32>().map_err(|_| reader.problem(&path, format!("{text:?} is not a preference")))?
                }
                PairValue::Json(v) => reader.whole(&v)?.min(u64::from(u32::MAX)) as u32,
            };
            let Some(i) = index_of(&members, &server) else {
                return Err(reader.problem(
                    &pair_at.path,
                    format!("a copy of {name} on {server}, which is not a member of {dag_name}"),
                ));
            };
            if copies.iter().any(|c| c.preference == preference) {
                return Err(reader.problem(&pair_at.path, format!("two copies of {name} with preference {preference}")));
            }
            copies.push(Copy::new(members[i].0.clone(), preference));
        }
        if let Some(lags) = reader.field(&at, "ReplayLagTimes") {
            for pair_at in reader.list(&lags)? {
                let (server, value) = reader.pair(&pair_at)?;
                let seconds = match value {
                    PairValue::Text(text, path) => timespan_seconds(&text)
                        .ok_or_else(|| reader.problem(&path, format!("{text:?} is not a TimeSpan")))?,
                    PairValue::Json(v) => reader.seconds(&v)?,
                };
                if let Some(copy) = copies.iter_mut().find(|c| c.server.eq_ignore_ascii_case(&server)) {
                    copy.replay_lag_days = lag_days(seconds);
                }
            }
        }
        let active = text_field(&at, "Server")?
            .and_then(|s| copies.iter().find(|c| c.server.eq_ignore_ascii_case(&s)).map(|c| c.server.clone()));
        let path = |key: &str| -> Result<Option<String>, Problem> {
            Ok(match reader.field(&at, key) {
                Some(f) => match f.value {
                    Value::String(text) => Some(text.clone()),
                    _ => text_field(&f, "PathName")?,
                },
                None => None,
            })
        };
        let first = copies.iter().min_by_key(|c| c.preference).map(|c| c.server.clone());
        databases.push(Database {
            name,
            edb_path: path("EdbFilePath")?,
            log_path: path("LogFolderPath")?,
            active: active.filter(|a| Some(a) != first.as_ref()),
            size_gb: None,
            copies,
        });
    }

    // Each copy's live state.
    let mut mapped: BTreeMap<String, String> = BTreeMap::new();
    for at in cmdlet("Get-MailboxDatabaseCopyStatus")? {
        let (database, server) = match (text_field(&at, "DatabaseName")?, text_field(&at, "MailboxServer")?) {
            (Some(d), Some(s)) => (d, s),
            _ => {
                let name = text_field(&at, "Name")?.unwrap_or_default();
                match name.split_once('\\') {
                    Some((d, s)) => (d.to_string(), s.to_string()),
                    None => {
                        return Err(reader.problem(&at.path, "a copy status with no DatabaseName and MailboxServer"));
                    }
                }
            }
        };
        let Some(db) = databases.iter_mut().find(|d| d.name.eq_ignore_ascii_case(&database)) else { continue };
        let Some(copy) = db.copies.iter_mut().find(|c| c.server.eq_ignore_ascii_case(&server)) else {
            return Err(reader.problem(
                &at.path,
                format!("a status for a copy of {database} on {server}, which Get-MailboxDatabase does not list"),
            ));
        };
        if let Some(f) = reader.field(&at, "Status") {
            let word = reader.word(&f, &[])?;
            let (status, how) = copy_status(&word)
                .ok_or_else(|| reader.problem(&f.path, format!("{word:?} is no copy status Exchange reports")))?;
            copy.status = status;
            if let Some(how) = how {
                mapped.insert(format!("Status {word}"), how.to_string());
            }
        }
        if let Some(f) = reader.field(&at, "CopyQueueLength") {
            copy.copy_queue = reader.whole(&f)?.min(u64::from(u32::MAX)) as u32;
        }
        if let Some(f) = reader.field(&at, "ReplayQueueLength") {
            copy.replay_queue = reader.whole(&f)?.min(u64::from(u32::MAX)) as u32;
        }
        if let Some(f) = reader.field(&at, "ContentIndexState") {
            let word = reader.word(&f, &[])?;
            let (state, how) = content_index(&word).ok_or_else(|| {
                reader.problem(&f.path, format!("{word:?} is no content index state Exchange reports"))
            })?;
            copy.content_index = state;
            if let Some(how) = how {
                mapped.insert(format!("ContentIndexState {word}"), how.to_string());
            }
        }
    }
    for (what, how) in mapped {
        note(NoteKind::Assumed, format!("{what}: {how}"));
    }

    // Versions: the members' Exchange (the oldest if they differ) and Windows (the most common).
    let versions: Vec<ExchangeVersion> = members.iter().filter_map(|(_, m)| m.version).collect();
    let exchange = versions.iter().min().copied().unwrap_or_else(|| {
        note(NoteKind::Assumed, "Exchange SE: no member's AdminDisplayVersion says otherwise".into());
        ExchangeVersion::ExchangeSe
    });
    if versions.iter().any(|v| *v != exchange) {
        note(
            NoteKind::LeftOut,
            format!("members run different Exchange versions; the design runs the oldest, {}", exchange.title()),
        );
    }
    let mut counts: BTreeMap<WindowsVersion, usize> = BTreeMap::new();
    for (_, member) in &members {
        if let Some(w) = member.windows {
            *counts.entry(w).or_default() += 1;
        }
    }
    let windows = counts.iter().max_by_key(|(w, n)| (**n, std::cmp::Reverse(**w))).map(|(w, _)| *w);
    if windows.is_none() {
        note(
            NoteKind::Assumed,
            format!("{}: no cluster node's BuildNumber says which Windows", exchange.default_windows().title()),
        );
    }
    note(NoteKind::Assumed, "the DAG networks: one MAPI network with a subnet in each site with members, no CIDR (Get-DatabaseAvailabilityGroupNetwork is not collected)".into());

    let member_sites: Vec<&String> =
        sites.iter().filter(|s| members.iter().any(|(_, m)| m.site.as_ref() == Some(*s))).collect();
    let scenario = Scenario {
        version: 1,
        kind: DagKind::Dag,
        name: format!("{dag_name} (running)"),
        description: String::new(),
        exchange,
        windows,
        static_votes: false,
        dag_name,
        dac_mode,
        ip_less,
        sites: sites.iter().map(|name| Site { name: name.clone(), routes: false }).collect(),
        servers: members
            .into_iter()
            .map(|(name, m)| Server {
                name,
                site: m.site.unwrap_or_default(),
                mount_dial: m.mount_dial,
                activation_policy: m.policy,
                max_active: m.max_active,
                max_preferred_active: m.max_preferred_active,
                windows: m.windows.filter(|w| Some(*w) != windows),
                down: m.down,
                spare_volumes: 0,
            })
            .collect(),
        witness,
        alternate_witness: alternate,
        networks: vec![DagNetwork {
            name: "MapiNetwork".into(),
            role: DagNetworkRole::Mapi,
            subnets: member_sites.iter().map(|s| SiteSubnet { site: (*s).clone(), cidr: None }).collect(),
        }],
        databases,
        namespace: None,
        script: Vec::new(),
        timing: Default::default(),
        layout: Default::default(),
    };
    super::check(scenario, notes).map_err(|mut problem| {
        problem.file = format!("{file} (as a design)");
        problem
    })
}

/// A copy's Status as clusterplan models it, and how, when it is not the same word.
fn copy_status(word: &str) -> Option<(CopyStatus, Option<&'static str>)> {
    let lower = word.to_ascii_lowercase();
    Some(match lower.as_str() {
        "healthy" => (CopyStatus::Healthy, None),
        "mounted" | "mounting" => (CopyStatus::Healthy, None),
        "disconnectedandhealthy" => (CopyStatus::DisconnectedAndHealthy, None),
        "disconnectedandresynchronizing" => (CopyStatus::DisconnectedAndResynchronizing, None),
        "seedingsource" => (CopyStatus::SeedingSource, None),
        "resynchronizing" => (CopyStatus::Resynchronizing, None),
        "initializing" => (CopyStatus::Initializing, None),
        "seeding" => (CopyStatus::Initializing, Some("taken as Initializing: a copy being seeded cannot be activated")),
        "singlepagerestore" => {
            (CopyStatus::Resynchronizing, Some("taken as Resynchronizing: not activatable until it ends"))
        }
        "suspended" => (CopyStatus::Suspended, None),
        "failed" => (CopyStatus::Failed, None),
        "failedandsuspended" => (CopyStatus::FailedAndSuspended, None),
        "servicedown" => (CopyStatus::ServiceDown, None),
        "dismounted" | "dismounting" => (
            CopyStatus::Failed,
            Some(
                "taken as Failed: clusterplan starts a database mounted wherever a copy can run, so a dismounted active copy is one that cannot",
            ),
        ),
        "misconfigured" | "unknown" => {
            (CopyStatus::Failed, Some("taken as Failed: not a copy Active Manager would activate"))
        }
        _ => return None,
    })
}

/// A copy's ContentIndexState as clusterplan models it, and how, when it is not the same word.
fn content_index(word: &str) -> Option<(ContentIndex, Option<&'static str>)> {
    let lower = word.to_ascii_lowercase();
    Some(match lower.as_str() {
        "healthy" => (ContentIndex::Healthy, None),
        "notapplicable" | "healthyandupgrading" | "disabled" => (
            ContentIndex::Healthy,
            Some(
                "taken as Healthy: it does not hold activation back (Exchange 2019 and SE index in the mailbox, and report NotApplicable)",
            ),
        ),
        "crawling" | "seeding" => (ContentIndex::Crawling, None),
        "failed" | "failedandsuspended" | "suspended" | "unknown" => {
            (ContentIndex::Failed, Some("taken as Failed: best copy selection counts it as not healthy"))
        }
        _ => return None,
    })
}
