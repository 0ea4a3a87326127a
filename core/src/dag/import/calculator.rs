//! The Exchange Server Role Requirements Calculator's exports, read into a DAG design and written back:
//! `DAGInfo.csv` (the DAG, its two datacenters' members, witnesses, caps and DAC mode), `MailboxDatabases.csv`
//! (each database and its preference-1 server), `MailboxDatabaseCopies.csv` (every other copy, with its
//! activation preference and replay lag) and `Servers.csv` (each server's disks, which clusterplan does not
//! model), as the Calculator's scripts (`CreateDAG.ps1`, `CreateMBDatabases.ps1`,
//! `CreateMBDatabaseCopies.ps1`, `Diskpart.ps1`) read them: a header row (columns in any order, any case,
//! with or without a space after each comma), a version row (`"SchemaVersion","2.3"`,
//! `"VersionNumber","2.1","7.6"`), TimeSpans as text, `255.255.255.255` in DAGIps for an IP-less DAG.
//! Files are told apart by their columns, not their names.

use std::collections::{BTreeSet, HashMap};

use csv::{QuoteStyle, ReaderBuilder, StringRecord, Terminator, Trim, WriterBuilder};

use super::{Imported, MAX_DATABASES, MAX_MEMBERS, Note, NoteKind, Problem, Source, lag_days, timespan_seconds};
use crate::dag::Design;
use crate::dag::model::{
    Copy, DagKind, DagNetwork, DagNetworkRole, Database, ExchangeVersion, MountDial, Scenario, Server, Site,
    SiteSubnet, Witness,
};

/// The schema versions the Calculator's scripts check: `CreateDAG.ps1` 2.3 (in DAGInfo.csv's DagIps column),
/// the database scripts 2.1 (MailboxDatabases.csv's Server, MailboxDatabaseCopies.csv's GC2).
const DAG_SCHEMA: &str = "2.3";
const DATABASE_SCHEMA: &str = "2.1";

/// The address `New-DatabaseAvailabilityGroup` takes for a DAG without an administrative access point
/// (`[System.Net.IPAddress]::None`).
const IP_LESS: &str = "255.255.255.255";

/// The rows a file may have: every copy of the most databases an import takes, and a little more.
const MAX_ROWS: usize = MAX_DATABASES * MAX_MEMBERS + 16;

/// The site names an import gives the Calculator's two datacenters.
const SITES: [&str; 2] = ["dc1", "dc2"];

/// Which of the Calculator's files a table is, by its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    DagInfo,
    Databases,
    Copies,
    Servers,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::DagInfo => "DAGInfo.csv",
            Kind::Databases => "MailboxDatabases.csv",
            Kind::Copies => "MailboxDatabaseCopies.csv",
            Kind::Servers => "Servers.csv",
        }
    }

    /// The columns clusterplan reads from this file; every other one is listed as left out.
    fn read(self) -> &'static [&'static str] {
        match self {
            Kind::DagInfo => &[
                "DagName",
                "DagIps",
                "Site1Servers",
                "Site2Servers",
                "WitnessServer",
                "WitnessDir",
                "AltWitnessServer",
                "AltWitnessDir",
                "DACMode",
                "MaximumActiveDatabasesSite1",
                "MaximumActiveDatabasesSite2",
                "MaximumPreferredActiveDatabasesSite1",
                "MaximumPreferredActiveDatabasesSite2",
                "AutoDatabaseMountDial",
                "DagMapiNetwork",
                "DagReplNetwork",
                "DagMapiNetworkName",
                "DagReplNetworkName",
            ],
            Kind::Databases => &["Name", "Server", "EDBFilePath", "DBFilePath", "LogFolderPath"],
            Kind::Copies => &["Name", "Server", "ActivationPreference", "ReplayLagTime"],
            Kind::Servers => &["ServerName", "DbMap"],
        }
    }
}

/// One CSV file: its columns (by lower-case name) and its rows with their line numbers, the version row
/// set apart.
struct Table<'a> {
    file: &'a str,
    kind: Kind,
    header: Vec<String>,
    columns: HashMap<String, usize>,
    rows: Vec<(u64, StringRecord)>,
    version: Option<String>,
}

impl<'a> Table<'a> {
    fn read(source: &Source<'a>) -> Result<Table<'a>, Problem> {
        let file = source.name;
        let (text, _) = super::decode(source.bytes).map_err(|message| Problem::new(file, "", message))?;
        if let Some(line) = unclosed_quote(&text) {
            return Err(Problem::new(
                file,
                format!("line {line}"),
                "a quoted cell opens here and is never closed: the file is cut short",
            ));
        }
        let text = spaces_before_quotes(&text);
        let mut reader = ReaderBuilder::new().flexible(true).trim(Trim::All).from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .map_err(|error| Problem::new(file, "line 1", format!("the header cannot be read: {error}")))?
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{FEFF}').to_string())
            .collect();
        let columns: HashMap<String, usize> =
            header.iter().enumerate().rev().map(|(i, name)| (name.to_ascii_lowercase(), i)).collect();
        let has = |name: &str| columns.contains_key(&name.to_ascii_lowercase());
        let kind = if has("DagName") && has("DagIps") {
            Kind::DagInfo
        } else if has("ActivationPreference") && has("Name") && has("Server") {
            Kind::Copies
        } else if has("ServerName") && has("DbMap") {
            Kind::Servers
        } else if has("Name") && ["Server", "EDBFilePath", "DBFilePath", "LogFolderPath"].iter().any(|c| has(c)) {
            Kind::Databases
        } else {
            let shown: Vec<&str> = header.iter().map(String::as_str).take(8).collect();
            return Err(Problem::new(
                file,
                "line 1",
                format!(
                    "this is not one of the Calculator's files (DAGInfo.csv, MailboxDatabases.csv, \
                     MailboxDatabaseCopies.csv, Servers.csv): its header is {}",
                    shown.join(", ")
                ),
            ));
        };
        let mut rows = Vec::new();
        let mut version = None;
        for record in reader.records() {
            let record = record.map_err(|error| {
                let line = error.position().map_or(0, |p| p.line() + 1);
                Problem::new(file, format!("line {line}"), format!("it cannot be read as CSV: {error}"))
            })?;
            // The reader counts a record's line before it passes the line end of the one before.
            let line = record.position().map_or(0, |p| p.line() + 1);
            if record.iter().all(str::is_empty) {
                continue;
            }
            if record
                .iter()
                .any(|cell| cell.eq_ignore_ascii_case("VersionNumber") || cell.eq_ignore_ascii_case("SchemaVersion"))
            {
                let is_version = |c: &&str| {
                    !c.is_empty() && c.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                };
                let numbers: Vec<&str> = record.iter().filter(is_version).collect();
                version = Some(numbers.join(", "));
                continue;
            }
            if rows.len() == MAX_ROWS {
                return Err(Problem::new(
                    file,
                    format!("line {line}"),
                    format!("more than {MAX_ROWS} rows: an import takes at most {MAX_DATABASES} databases"),
                ));
            }
            rows.push((line, record));
        }
        Ok(Table { file, kind, header, columns, rows, version })
    }

    fn index(&self, column: &str) -> Option<usize> {
        self.columns.get(&column.to_ascii_lowercase()).copied()
    }

    /// A cell by column name; empty where the column or the cell is missing.
    fn cell<'r>(&self, row: &'r StringRecord, column: &str) -> &'r str {
        self.index(column).and_then(|i| row.get(i)).unwrap_or("")
    }

    fn require(&self, columns: &[&str]) -> Result<(), Problem> {
        for column in columns {
            if self.index(column).is_none() {
                return Err(Problem::new(
                    self.file,
                    "line 1",
                    format!("it has no {column} column (its columns: {})", self.header.join(", ")),
                ));
            }
        }
        Ok(())
    }

    /// The note listing the columns clusterplan does not read.
    fn left_out(&self) -> Option<Note> {
        let read = self.kind.read();
        let others: Vec<&str> = self
            .header
            .iter()
            .map(String::as_str)
            .filter(|h| !h.is_empty() && !read.iter().any(|r| r.eq_ignore_ascii_case(h)))
            .collect();
        (!others.is_empty()).then(|| Note {
            file: self.file.to_string(),
            kind: NoteKind::LeftOut,
            message: format!("not modelled, so not imported: {}", others.join(", ")),
        })
    }
}

/// The text with the spaces before a quoted cell left out (`"A", "B,C"` as `"A","B,C"`, and at a line's
/// start), which a CSV reader would otherwise take as an unquoted cell that splits at the comma inside the
/// quotes and keeps its quotes.
fn spaces_before_quotes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(" \"") && !text.contains("\t\"") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let (mut quoted, mut cell_start) = (false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if cell_start && !quoted && (c == ' ' || c == '\t') {
            let mut spaces = String::from(c);
            while let Some(&next) = chars.peek().filter(|&&n| n == ' ' || n == '\t') {
                spaces.push(next);
                chars.next();
            }
            if chars.peek() != Some(&'"') {
                out.push_str(&spaces);
            }
            cell_start = false;
            continue;
        }
        out.push(c);
        match c {
            '"' => quoted = !quoted,
            ',' | '\n' if !quoted => {
                cell_start = true;
                continue;
            }
            _ => {}
        }
        cell_start = false;
    }
    out.into()
}

/// The line where a quoted cell opens that the text never closes (a CSV reader would take the rest of the
/// file into that cell).
fn unclosed_quote(text: &str) -> Option<usize> {
    let (mut line, mut opened, mut quoted) = (1, 0, false);
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                opened = line;
            }
            '\n' => line += 1,
            _ => {}
        }
    }
    quoted.then_some(opened)
}

/// A comma list as the Calculator writes one in a cell (`"EX1,EX2"`), without empty names.
fn list(cell: &str) -> Vec<String> {
    cell.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// A whole number cell; empty or 0 is none (the Calculator writes 0 for "no cap").
fn cap(table: &Table<'_>, row: &(u64, StringRecord), column: &str) -> Result<Option<u32>, Problem> {
    let text = table.cell(&row.1, column);
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(0) => Ok(None),
        Ok(n) => Ok(Some(n)),
        Err(_) => Err(Problem::new(
            table.file,
            format!("line {}", row.0),
            format!("{column} is {text:?}, not a whole number"),
        )),
    }
}

fn problem_at(table: &Table<'_>, line: u64, message: impl Into<String>) -> Problem {
    Problem::new(table.file, format!("line {line}"), message)
}

/// Reads the Calculator's files into one DAG design: `dag` names the DAG when DAGInfo.csv holds several
/// (the first one otherwise). Every problem found is returned; nothing is half-imported.
pub fn import(sources: &[Source<'_>], dag: Option<&str>) -> Result<Imported, Vec<Problem>> {
    let mut tables: Vec<Table<'_>> = Vec::new();
    let mut problems = Vec::new();
    for source in sources {
        match Table::read(source) {
            Ok(table) => {
                if let Some(other) = tables.iter().find(|t| t.kind == table.kind) {
                    problems.push(Problem::new(
                        table.file,
                        "",
                        format!("a second {}: {} is one already", table.kind.name(), other.file),
                    ));
                } else {
                    tables.push(table);
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    build(&tables, dag).map_err(|problem| vec![problem])
}

/// A note for the user: something the import assumed, or left out.
fn note(notes: &mut Vec<Note>, file: &str, kind: NoteKind, message: impl Into<String>) {
    notes.push(Note { file: file.to_string(), kind, message: message.into() });
}

/// The DAG as DAGInfo.csv describes it: its row, its name and its members in the two datacenters.
struct DagRow<'t> {
    info: &'t Table<'t>,
    row: &'t (u64, StringRecord),
    name: String,
    /// Each member and its datacenter (0 for Site1Servers, 1 for Site2Servers).
    members: Vec<(String, usize)>,
    two_sites: bool,
}

impl<'t> DagRow<'t> {
    /// The DAG named `dag`, or the first; the others are noted as left out.
    fn read(info: &'t Table<'t>, dag: Option<&str>, notes: &mut Vec<Note>) -> Result<DagRow<'t>, Problem> {
        let row = match dag {
            Some(name) => {
                info.rows.iter().find(|(_, r)| info.cell(r, "DagName").eq_ignore_ascii_case(name)).ok_or_else(|| {
                    let names: Vec<&str> = info.rows.iter().map(|(_, r)| info.cell(r, "DagName")).collect();
                    Problem::new(info.file, "", format!("no DAG named {name:?} (it has {})", names.join(", ")))
                })?
            }
            None => info
                .rows
                .first()
                .ok_or_else(|| Problem::new(info.file, "", "it holds no DAG: no row after its header"))?,
        };
        let others: Vec<&str> =
            info.rows.iter().filter(|r| r.0 != row.0).map(|(_, r)| info.cell(r, "DagName")).collect();
        if !others.is_empty() {
            let message = format!("also holds {}; import one of them by name", others.join(", "));
            note(notes, info.file, NoteKind::LeftOut, message);
        }
        let name = info.cell(&row.1, "DagName").to_string();
        if name.is_empty() {
            return Err(problem_at(info, row.0, "DagName is empty"));
        }
        let site_members = [list(info.cell(&row.1, "Site1Servers")), list(info.cell(&row.1, "Site2Servers"))];
        let mut members: Vec<(String, usize)> = Vec::new();
        for (site, names) in site_members.iter().enumerate() {
            for member in names {
                if members.iter().any(|(m, _)| m.eq_ignore_ascii_case(member)) {
                    return Err(problem_at(info, row.0, format!("{member} is listed twice among the DAG's servers")));
                }
                members.push((member.clone(), site));
            }
        }
        if members.is_empty() {
            return Err(problem_at(info, row.0, "Site1Servers names no server"));
        }
        if members.len() > MAX_MEMBERS {
            let message = format!("{} servers: a DAG has at most {MAX_MEMBERS}", members.len());
            return Err(problem_at(info, row.0, message));
        }
        Ok(DagRow { info, row, name, members, two_sites: !site_members[1].is_empty() })
    }

    fn cell(&self, column: &str) -> &'t str {
        self.info.cell(&self.row.1, column)
    }

    fn problem(&self, message: impl Into<String>) -> Problem {
        problem_at(self.info, self.row.0, message)
    }

    /// The member named `name` (in any case), as DAGInfo.csv spells it.
    fn member(&self, name: &str) -> Option<String> {
        self.members.iter().find(|(m, _)| m.eq_ignore_ascii_case(name)).map(|(m, _)| m.clone())
    }

    /// Whether `name` is a member of another DAG of the file (its databases are that DAG's, not this one's).
    fn in_other_dag(&self, name: &str) -> bool {
        self.info.rows.iter().filter(|r| r.0 != self.row.0).any(|(_, r)| {
            list(self.info.cell(r, "Site1Servers"))
                .iter()
                .chain(&list(self.info.cell(r, "Site2Servers")))
                .any(|m| m.eq_ignore_ascii_case(name))
        })
    }

    /// How many datacenters the DAG spans.
    fn sites(&self) -> usize {
        if self.two_sites { 2 } else { 1 }
    }

    /// DagIps (IP-less or not), DACMode, AutoDatabaseMountDial and each datacenter's caps.
    fn settings(&self, notes: &mut Vec<Note>) -> Result<Settings, Problem> {
        let ips = list(self.cell("DagIps"));
        let ip_less = ips.iter().any(|ip| ip == IP_LESS);
        if !ip_less && !ips.is_empty() {
            let message = format!(
                "DagIps {}: the IP plan gives the DAG one address per MAPI subnet, assigned from the subnets",
                ips.join(", ")
            );
            note(notes, self.info.file, NoteKind::LeftOut, message);
        }
        let dac = self.cell("DACMode");
        let dac_mode = match dac.to_ascii_lowercase().as_str() {
            "dagonly" | "true" | "1" => true,
            "off" | "false" | "0" | "" => false,
            _ => return Err(self.problem(format!("DACMode is {dac:?}: DagOnly or Off"))),
        };
        let dial = self.cell("AutoDatabaseMountDial");
        let mount_dial = match dial.to_ascii_lowercase().as_str() {
            "" => MountDial::default(),
            "lossless" => MountDial::Lossless,
            "goodavailability" => MountDial::GoodAvailability,
            "bestavailability" => MountDial::BestAvailability,
            _ => {
                return Err(self.problem(format!(
                    "AutoDatabaseMountDial is {dial:?}: Lossless, GoodAvailability or BestAvailability"
                )));
            }
        };
        let (info, row) = (self.info, self.row);
        let caps = [
            (cap(info, row, "MaximumActiveDatabasesSite1")?, cap(info, row, "MaximumPreferredActiveDatabasesSite1")?),
            (cap(info, row, "MaximumActiveDatabasesSite2")?, cap(info, row, "MaximumPreferredActiveDatabasesSite2")?),
        ];
        Ok(Settings { ip_less, dac_mode, mount_dial, caps })
    }

    /// The witness and the alternate witness, in the sites the files do not name (assumed, and noted).
    fn witnesses(&self, notes: &mut Vec<Note>) -> Result<(Witness, Option<Witness>), Problem> {
        let witness = |server: &str, dir: &str, site: usize| {
            let unused = server.is_empty() || server.eq_ignore_ascii_case("NOT USED");
            (!unused).then(|| Witness {
                server: server.to_string(),
                site: SITES[site].to_string(),
                directory: (!dir.is_empty()).then(|| dir.to_string()),
                kind: Default::default(),
            })
        };
        let primary = witness(self.cell("WitnessServer"), self.cell("WitnessDir"), 0)
            .ok_or_else(|| self.problem("WitnessServer is empty: a DAG needs a witness server"))?;
        let alternate = witness(self.cell("AltWitnessServer"), self.cell("AltWitnessDir"), 1);
        let alternate = if self.two_sites { alternate } else { None };
        let witness_note = if self.two_sites {
            "the witness's site: the files do not say; assumed in dc1, the primary datacenter (Site1Servers), where \
             Microsoft places it when there is no third location, and the alternate witness in dc2; move the \
             witness to a third site if it stands in one"
        } else {
            "the witness's site: the files do not say; assumed in dc1 with the members"
        };
        note(notes, self.info.file, NoteKind::Assumed, witness_note);
        Ok((primary, alternate))
    }

    /// The MAPI network (and a replication one) with a subnet per datacenter, from the CIDRs the file gives,
    /// in site order.
    fn networks(&self) -> Result<Vec<DagNetwork>, Problem> {
        let mut networks = Vec::new();
        for (column, name_column, role, default_name) in [
            ("DagMapiNetwork", "DagMapiNetworkName", DagNetworkRole::Mapi, "MapiNetwork"),
            ("DagReplNetwork", "DagReplNetworkName", DagNetworkRole::Replication, "ReplicationNetwork"),
        ] {
            let cidrs = list(self.cell(column));
            if role == DagNetworkRole::Replication && cidrs.is_empty() {
                continue;
            }
            let mut subnets = Vec::new();
            for (site, name) in SITES.iter().enumerate().take(self.sites()) {
                let cidr = match cidrs.get(site) {
                    Some(text) => Some(text.parse().map_err(|_| {
                        self.problem(format!("{column}: {text:?} is not a subnet such as 10.0.1.0/24"))
                    })?),
                    None => None,
                };
                subnets.push(SiteSubnet { site: name.to_string(), cidr });
            }
            let name = self.cell(name_column);
            let name = if name.is_empty() { default_name.to_string() } else { name.to_string() };
            networks.push(DagNetwork { name, role, subnets });
        }
        Ok(networks)
    }

    /// The members as the design's servers, each with its datacenter's caps and the DAG's mount dial.
    fn servers(&self, settings: &Settings) -> Vec<Server> {
        self.members
            .iter()
            .map(|(name, site)| Server {
                name: name.clone(),
                site: SITES[*site].to_string(),
                mount_dial: settings.mount_dial,
                activation_policy: Default::default(),
                max_active: settings.caps[*site].0,
                max_preferred_active: settings.caps[*site].1,
                windows: None,
                down: false,
                spare_volumes: 0,
            })
            .collect()
    }
}

/// What DAGInfo.csv sets for the whole DAG.
struct Settings {
    ip_less: bool,
    dac_mode: bool,
    mount_dial: MountDial,
    /// MaximumActiveDatabases and MaximumPreferredActiveDatabases, by datacenter.
    caps: [(Option<u32>, Option<u32>); 2],
}

/// Each database, by its lower-case name: where it is in the list and the line that names it.
type DatabaseLines = HashMap<String, (usize, u64)>;

/// MailboxDatabases.csv: each database of the DAG, with its preference-1 copy on its Server.
fn databases(table: &Table<'_>, dag: &DagRow<'_>) -> Result<(Vec<Database>, DatabaseLines), Problem> {
    let mut list: Vec<Database> = Vec::new();
    let mut lines = DatabaseLines::new();
    for (line, record) in &table.rows {
        let name = table.cell(record, "Name");
        let server = table.cell(record, "Server");
        if name.is_empty() || server.is_empty() {
            return Err(problem_at(table, *line, "a database needs its Name and its Server"));
        }
        let Some(server) = dag.member(server) else {
            if dag.in_other_dag(server) {
                continue;
            }
            let message = format!(
                "{name} is on {server}, which is not a member of {} (DAGInfo.csv's Site1Servers, Site2Servers)",
                dag.name
            );
            return Err(problem_at(table, *line, message));
        };
        if let Some((_, first)) = lines.get(&name.to_ascii_lowercase()) {
            return Err(problem_at(table, *line, format!("{name} is listed already, on line {first}")));
        }
        if list.len() == MAX_DATABASES {
            return Err(problem_at(table, *line, format!("more than {MAX_DATABASES} databases")));
        }
        let path = |column: &str| Some(table.cell(record, column)).filter(|p| !p.is_empty()).map(str::to_string);
        lines.insert(name.to_ascii_lowercase(), (list.len(), *line));
        list.push(Database {
            name: name.to_string(),
            copies: vec![Copy::new(server, 1)],
            edb_path: path("EDBFilePath").or_else(|| path("DBFilePath")),
            log_path: path("LogFolderPath"),
            active: None,
            size_gb: None,
        });
    }
    if list.is_empty() {
        return Err(Problem::new(table.file, "", format!("it names no database on a member of {}", dag.name)));
    }
    Ok((list, lines))
}

/// MailboxDatabaseCopies.csv: every other copy of the DAG's databases, with its preference and lag.
fn copies(
    table: &Table<'_>,
    dag: &DagRow<'_>,
    databases: &mut [Database],
    lines: &DatabaseLines,
    notes: &mut Vec<Note>,
) -> Result<(), Problem> {
    table.require(&["Name", "Server", "ActivationPreference"])?;
    let mut short_lags = BTreeSet::new();
    for (line, record) in &table.rows {
        let name = table.cell(record, "Name");
        let server = table.cell(record, "Server");
        let Some(&(index, first)) = lines.get(&name.to_ascii_lowercase()) else {
            if dag.in_other_dag(server) {
                continue;
            }
            return Err(problem_at(table, *line, format!("{name} is not in MailboxDatabases.csv")));
        };
        let Some(server) = dag.member(server) else {
            let message = format!("a copy of {name} on {server:?}, which is not a member of {}", dag.name);
            return Err(problem_at(table, *line, message));
        };
        let text = table.cell(record, "ActivationPreference");
        let preference = text.parse::<u32>().ok().filter(|&p| p >= 1).ok_or_else(|| {
            problem_at(table, *line, format!("ActivationPreference is {text:?}, not a number from 1"))
        })?;
        let database = &mut databases[index];
        if preference == 1 {
            let message = format!(
                "a second preference-1 copy of {name}: its preference 1 is on {} (MailboxDatabases.csv line {first})",
                database.copies[0].server
            );
            return Err(problem_at(table, *line, message));
        }
        if database.copies.iter().any(|c| c.server == server) {
            return Err(problem_at(table, *line, format!("{name} has a copy on {server} already")));
        }
        let lag = table.cell(record, "ReplayLagTime");
        let seconds = match lag {
            "" => 0,
            _ => timespan_seconds(lag).ok_or_else(|| {
                problem_at(table, *line, format!("ReplayLagTime is {lag:?}, not a TimeSpan such as 7.00:00:00"))
            })?,
        };
        if seconds > 0 && seconds % 86_400 != 0 {
            short_lags.insert(lag.to_string());
        }
        database.copies.push(Copy { replay_lag_days: lag_days(seconds), ..Copy::new(server, preference) });
    }
    if !short_lags.is_empty() {
        let lags: Vec<String> = short_lags.into_iter().collect();
        let message = format!(
            "ReplayLagTime {}: clusterplan counts replay lag in whole days (a lag under a day is one)",
            lags.join(", ")
        );
        note(notes, table.file, NoteKind::Assumed, message);
    }
    Ok(())
}

/// The DAG read from the Calculator's tables, with every note of what was assumed or left out.
fn build(tables: &[Table<'_>], dag: Option<&str>) -> Result<Imported, Problem> {
    let find = |kind: Kind| tables.iter().find(|t| t.kind == kind);
    let missing = |kind: Kind| {
        let message = format!("{} is missing: the Calculator exports it beside the others", kind.name());
        Problem::new("the files", "", message)
    };
    let info = find(Kind::DagInfo).ok_or_else(|| missing(Kind::DagInfo))?;
    let database_table = find(Kind::Databases).ok_or_else(|| missing(Kind::Databases))?;
    info.require(&["DagName", "DagIps", "Site1Servers", "WitnessServer"])?;
    database_table.require(&["Name", "Server"])?;
    let mut notes: Vec<Note> = Vec::new();

    let dag = DagRow::read(info, dag, &mut notes)?;
    let settings = dag.settings(&mut notes)?;
    let (witness, alternate_witness) = dag.witnesses(&mut notes)?;
    let networks = dag.networks()?;
    let (mut databases, lines) = databases(database_table, &dag)?;
    match find(Kind::Copies) {
        Some(table) => copies(table, &dag, &mut databases, &lines, &mut notes)?,
        None => {
            let message = "MailboxDatabaseCopies.csv is missing: every database has its preference-1 copy only";
            note(&mut notes, "the files", NoteKind::Assumed, message);
        }
    }
    if let Some(servers) = find(Kind::Servers) {
        for (line, record) in &servers.rows {
            let name = servers.cell(record, "ServerName");
            if dag.member(name).is_none() && !dag.in_other_dag(name) && !name.is_empty() {
                let message =
                    format!("line {line}: {name} is not a member of {}; its disks are not imported", dag.name);
                note(&mut notes, servers.file, NoteKind::LeftOut, message);
            }
        }
    }
    for table in tables {
        notes.extend(table.left_out());
    }
    let versions: Vec<String> =
        tables.iter().filter_map(|t| t.version.as_ref().map(|v| format!("{} {v}", t.file))).collect();
    let message = format!(
        "Exchange SE on Windows Server 2025: the files do not say (versions of the files: {})",
        if versions.is_empty() { "none".to_string() } else { versions.join("; ") }
    );
    note(&mut notes, "the files", NoteKind::Assumed, message);

    let sites = SITES.iter().take(dag.sites()).map(|name| Site { name: name.to_string(), routes: false }).collect();
    let scenario = Scenario {
        version: 1,
        kind: DagKind::Dag,
        name: format!("{} (Role Requirements Calculator)", dag.name),
        description: String::new(),
        exchange: ExchangeVersion::ExchangeSe,
        windows: None,
        static_votes: false,
        dac_mode: settings.dac_mode,
        ip_less: settings.ip_less,
        sites,
        servers: dag.servers(&settings),
        witness,
        alternate_witness,
        networks,
        databases,
        namespace: None,
        script: Vec::new(),
        timing: Default::default(),
        layout: Default::default(),
        dag_name: dag.name,
    };
    super::check(scenario, notes)
}

/// The Calculator's files for a design, and what they cannot say about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    /// File name and text (CRLF, every cell quoted, as Excel writes them).
    pub files: Vec<(String, String)>,
    pub notes: Vec<Note>,
}

/// Writes a design as the Calculator's files, which its scripts accept. Refused when the design does not
/// fit them: members in more than two sites.
pub fn export(dag: &Design) -> Result<Exported, Problem> {
    let scenario = &dag.scenario;
    let mut notes = Vec::new();
    let mut note = |message: String| notes.push(Note { file: "the files".into(), kind: NoteKind::LeftOut, message });
    let mut member_sites: Vec<&str> = Vec::new();
    for server in &scenario.servers {
        if !member_sites.contains(&server.site.as_str()) {
            member_sites.push(&server.site);
        }
    }
    if member_sites.len() > 2 {
        return Err(Problem::new(
            "the design",
            "servers",
            format!(
                "its members stand in {} sites ({}); the Calculator's files hold two datacenters",
                member_sites.len(),
                member_sites.join(", ")
            ),
        ));
    }
    let in_site = |i: usize| -> Vec<&Server> {
        member_sites.get(i).map_or_else(Vec::new, |site| scenario.servers.iter().filter(|s| s.site == *site).collect())
    };
    let sites = [in_site(0), in_site(1)];
    // One value per datacenter (caps) or per DAG (the mount dial): the first server's, with a note when
    // others differ.
    let per_site =
        |servers: &[&Server], what: &str, value: fn(&Server) -> Option<u32>, note: &mut dyn FnMut(String)| {
            let first = servers.first().and_then(|s| value(s));
            if servers.iter().any(|s| value(s) != first) {
                note(format!("{what} differs between servers of one datacenter; the files hold {first:?} for all"));
            }
            first.map_or_else(|| "0".to_string(), |n| n.to_string())
        };
    let dial = scenario.servers.first().map(|s| s.mount_dial).unwrap_or_default();
    if scenario.servers.iter().any(|s| s.mount_dial != dial) {
        note(format!("AutoDatabaseMountDial differs between servers; the files hold {} for all", dial.title()));
    }
    for server in scenario.servers.iter().filter(|s| s.activation_policy != Default::default()) {
        note(format!("{}'s DatabaseCopyAutoActivationPolicy {}", server.name, server.activation_policy.title()));
    }
    note(format!(
        "where the witness {} stands ({}), the Exchange version and the copies' health",
        scenario.witness.server, scenario.witness.site
    ));
    let names = |servers: &[&Server]| servers.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(",");
    let subnets = |role: DagNetworkRole| -> (String, String) {
        let Some(network) = scenario.networks.iter().find(|n| n.role == role) else {
            return (String::new(), String::new());
        };
        let cidrs: Vec<String> = member_sites
            .iter()
            .filter_map(|site| network.subnets.iter().find(|s| s.site == *site).and_then(|s| s.cidr))
            .map(|cidr| cidr.to_string())
            .collect();
        (cidrs.join(","), network.name.clone())
    };
    let (mapi, mapi_name) = subnets(DagNetworkRole::Mapi);
    let (repl, repl_name) = subnets(DagNetworkRole::Replication);
    let alternate = scenario.alternate_witness.as_ref();
    // The DAG's own addresses, where the IP plan assigns them (its MAPI subnets have CIDRs).
    let plan = crate::dag::ips::plan(dag, 0);
    let dag_ips: Vec<String> = plan
        .subnets
        .iter()
        .flat_map(|subnet| &subnet.addresses)
        .filter(|a| a.holder == scenario.dag_name)
        .filter_map(|a| a.address.clone())
        .collect();
    let mut caps = Vec::new();
    for servers in &sites {
        caps.push(per_site(servers, "MaximumActiveDatabases", |s| s.max_active, &mut note));
        caps.push(per_site(servers, "MaximumPreferredActiveDatabases", |s| s.max_preferred_active, &mut note));
    }
    let dag_info = table(
        &[
            "DagName",
            "DagIps",
            "Site1Servers",
            "Site2Servers",
            "DagMapiNetwork",
            "DagMapiNetworkName",
            "DagReplNetwork",
            "DagReplNetworkName",
            "WitnessServer",
            "WitnessDir",
            "AltWitnessServer",
            "AltWitnessDir",
            "GC",
            "GC2",
            "MaximumActiveDatabasesSite1",
            "MaximumPreferredActiveDatabasesSite1",
            "MaximumActiveDatabasesSite2",
            "MaximumPreferredActiveDatabasesSite2",
            "DACMode",
            "AutoDatabaseMountDial",
            "ReplayLagManagerEnabled",
            "ManualDagnetworkConfiguration",
            "NetworkEncryption",
            "NetworkCompression",
            "ReplicationPort",
            "LogIsolation",
            "AutoDAGVolumesRootFolderPath",
            "AutoDAGDatabasesRootFolderPath",
            "AutoDAGDatabaseCopiesPerVolume",
        ],
        &[vec!["SchemaVersion".into(), DAG_SCHEMA.into()]],
        vec![vec![
            scenario.dag_name.clone(),
            if scenario.ip_less { IP_LESS.to_string() } else { dag_ips.join(",") },
            names(&sites[0]),
            names(&sites[1]),
            mapi,
            mapi_name,
            repl,
            repl_name,
            scenario.witness.server.clone(),
            scenario.witness.directory.clone().unwrap_or_default(),
            alternate.map(|w| w.server.clone()).unwrap_or_default(),
            alternate.and_then(|w| w.directory.clone()).unwrap_or_default(),
            String::new(),
            "NOT USED".into(),
            caps[0].clone(),
            caps[1].clone(),
            caps[2].clone(),
            caps[3].clone(),
            if scenario.dac_mode { "DagOnly" } else { "Off" }.into(),
            dial.title().into(),
            // What clusterplan does not model, as Exchange's defaults, so CreateDAG.ps1 sets nothing new.
            "True".into(),
            "False".into(),
            "InterSubnetOnly".into(),
            "InterSubnetOnly".into(),
            "64327".into(),
            "False".into(),
            r"C:\ExchangeVolumes".into(),
            r"C:\ExchangeDatabases".into(),
            "1".into(),
        ]],
    );
    if !scenario.ip_less && dag_ips.is_empty() {
        note("DagIps: the design gives its MAPI subnets no CIDR, so the DAG has no addresses to write".into());
    }
    note("GC: the domain controller the scripts use; fill it in".into());
    let databases = table(
        &["Name", "Server", "EDBFilePath", "LogFolderPath", "GC", "CircularLoggingEnabled"],
        &[vec!["VersionNumber".into(), DATABASE_SCHEMA.into()]],
        scenario
            .databases
            .iter()
            .map(|d| {
                let first = d.copies.iter().min_by_key(|c| c.preference).map(|c| c.server.clone()).unwrap_or_default();
                vec![
                    d.name.clone(),
                    first,
                    d.edb_path.clone().unwrap_or_else(|| format!(r"C:\ExchangeDatabases\{0}\{0}.db\{0}.edb", d.name)),
                    d.log_path.clone().unwrap_or_else(|| format!(r"C:\ExchangeDatabases\{0}\{0}.log", d.name)),
                    String::new(),
                    "False".into(),
                ]
            })
            .collect(),
    );
    let mut copy_rows = Vec::new();
    for database in &scenario.databases {
        let mut copies: Vec<&Copy> = database.copies.iter().collect();
        copies.sort_by_key(|c| c.preference);
        for copy in copies.into_iter().skip(1) {
            copy_rows.push(vec![
                String::new(),
                "NOT USED".into(),
                database.name.clone(),
                copy.server.clone(),
                copy.preference.to_string(),
                super::timespan_text(copy.replay_lag_days),
                super::timespan_text(0),
            ]);
        }
    }
    let copies = table(
        &["GC", "GC2", "Name", "Server", "ActivationPreference", "ReplayLagTime", "TruncationLagTime"],
        &[vec!["VersionNumber".into(), DATABASE_SCHEMA.into()]],
        copy_rows,
    );
    let servers = table(
        &["ServerName", "DbMap"],
        &[vec!["VersionNumber".into(), DATABASE_SCHEMA.into()]],
        scenario
            .servers
            .iter()
            .map(|server| {
                let held: Vec<&str> = scenario
                    .databases
                    .iter()
                    .filter(|d| d.copies.iter().any(|c| c.server == server.name))
                    .map(|d| d.name.as_str())
                    .collect();
                vec![server.name.clone(), held.join(",")]
            })
            .collect(),
    );
    let files = vec![
        (Kind::DagInfo.name().to_string(), dag_info),
        (Kind::Databases.name().to_string(), databases),
        (Kind::Copies.name().to_string(), copies),
        (Kind::Servers.name().to_string(), servers),
    ];
    Ok(Exported { files, notes })
}

/// A CSV file as Excel writes it: every cell quoted, CRLF; `versions` rows after the header, padded.
fn table(header: &[&str], versions: &[Vec<String>], rows: Vec<Vec<String>>) -> String {
    let mut writer =
        WriterBuilder::new().quote_style(QuoteStyle::Always).terminator(Terminator::CRLF).from_writer(Vec::new());
    let width = header.len();
    let pad = |mut row: Vec<String>| {
        row.resize(width, String::new());
        row
    };
    // A CSV writer into memory cannot fail.
    writer.write_record(header).expect("writing into memory");
    for row in versions.iter().cloned().chain(rows) {
        writer.write_record(pad(row)).expect("writing into memory");
    }
    String::from_utf8(writer.into_inner().expect("writing into memory")).expect("CSV of UTF-8 cells is UTF-8")
}
