//! What both scenario formats share: the format version, diagram positions, telling a 2003 cluster from a
//! DAG, reading JSON with errors that name the field path (`groups[2].owner: no node named "node9"`), the
//! name index every loader builds, and the JSON Schema as text.

use std::collections::HashMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::read::{Failure, Read};

/// The scenario format version this build reads and writes (both families).
pub const FORMAT_VERSION: u32 = 1;

/// Whether a field holds its default, so a saved file can leave it out.
pub(crate) fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A position on the diagram.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Read, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

/// The two families of design.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// An Exchange 2003 cluster on Windows clustering (a file without `kind`).
    Cluster,
    /// An Exchange 2010 to SE Database Availability Group (`"kind": "dag"`).
    Dag,
}

/// How a document was recognised as one family or the other; [`Recognised::why`] says it in words.
#[derive(Debug)]
pub struct Recognised {
    pub family: Family,
    /// Whether the document's top level read cleanly and said so plainly; when not, a reader's errors name
    /// the family assumed.
    pub certain: bool,
    evidence: Evidence,
}

/// What told the family, kept as data so that only a caller who asks pays for the words.
#[derive(Debug)]
enum Evidence {
    SaysDag,
    SaysDagInAnotherCase(String),
    /// Fields only a DAG has, beside a `kind` that is not "dag" or none.
    DagFields(Option<Kind>, Vec<String>),
    KindNotDag(Kind),
    NoKindAtTheTop,
    MentionsKindAndDag,
    MentionsDagField(&'static str),
    NoKind,
}

impl Recognised {
    /// Why, in words: `it says "kind": "dag"`, `it has no "kind": "dag" at the top`.
    pub fn why(&self) -> String {
        match &self.evidence {
            Evidence::SaysDag => "it says \"kind\": \"dag\"".into(),
            Evidence::SaysDagInAnotherCase(kind) => format!("it says \"kind\": {}", quote(kind)),
            Evidence::DagFields(kind, fields) => {
                let kind = match kind {
                    Some(other) => format!("its \"kind\" is {other}, not \"dag\", but"),
                    None => "it has no \"kind\" but".to_string(),
                };
                format!("{kind} has DAG fields ({})", fields.join(", "))
            }
            Evidence::KindNotDag(other) => format!("its \"kind\" is {other}, not \"dag\""),
            Evidence::NoKindAtTheTop => "it has no \"kind\": \"dag\" at the top".into(),
            Evidence::MentionsKindAndDag => "it mentions \"kind\" and \"dag\"".into(),
            Evidence::MentionsDagField(field) => format!("it mentions the DAG field \"{field}\""),
            Evidence::NoKind => "it has no \"kind\": \"dag\"".into(),
        }
    }
}

/// Top-level fields only a DAG design has, and only a 2003 cluster has.
const DAG_FIELDS: &[&str] =
    &["dag_name", "sites", "servers", "witness", "alternate_witness", "databases", "dac_mode", "ip_less"];
const CLUSTER_FIELDS: &[&str] =
    &["windows", "cluster_name", "quorum", "nodes", "disks", "groups", "cluster_group", "front_ends", "timing"];

impl Family {
    /// Which family JSON text is: a DAG when it says `"kind": "dag"` at the top, else a 2003 cluster, whose
    /// reader then reports what is wrong with it. [`Family::recognise`] says why.
    pub fn of(json: &str) -> Family {
        Family::recognise(json).family
    }

    /// Which family JSON text is meant to be, and why, even when it is broken: the top-level `kind` when it
    /// says DAG in any case (`"kind": "DAG"` still means a DAG), else the fields only one family has (a
    /// `kind` of another value beside DAG fields is a DAG misspelt; a 2003 cluster has no `kind`), else the
    /// words `"kind"` and `"dag"` anywhere in the text; a 2003 cluster otherwise.
    pub fn recognise(json: &str) -> Recognised {
        let top = TopLevel::read(json);
        let dag = |evidence: Evidence, certain: bool| Recognised { family: Family::Dag, certain, evidence };
        let cluster = |evidence: Evidence, certain: bool| Recognised { family: Family::Cluster, certain, evidence };
        match &top.kind {
            Some(Kind::Text(kind)) if kind == "dag" => return dag(Evidence::SaysDag, top.complete),
            Some(Kind::Text(kind)) if kind.trim().eq_ignore_ascii_case("dag") => {
                return dag(Evidence::SaysDagInAnotherCase(kind.clone()), false);
            }
            _ => {}
        }
        let has =
            |fields: &[&str]| top.fields.iter().filter(|f| fields.contains(&f.as_str())).cloned().collect::<Vec<_>>();
        let (dag_fields, cluster_fields) = (has(DAG_FIELDS), has(CLUSTER_FIELDS));
        if !dag_fields.is_empty() && cluster_fields.is_empty() {
            return dag(Evidence::DagFields(top.kind, dag_fields), false);
        }
        if let Some(other) = top.kind {
            return cluster(Evidence::KindNotDag(other), false);
        }
        if top.complete || !cluster_fields.is_empty() {
            return cluster(Evidence::NoKindAtTheTop, top.complete);
        }
        // The document broke before telling: look for the words themselves.
        let lower = json.to_ascii_lowercase();
        let quoted = |word: &str| lower.contains(&format!("\"{word}\""));
        if quoted("kind") && quoted("dag") {
            return dag(Evidence::MentionsKindAndDag, false);
        }
        if let Some(field) = DAG_FIELDS.iter().find(|f| quoted(f)) {
            return dag(Evidence::MentionsDagField(field), false);
        }
        cluster(Evidence::NoKind, false)
    }
}

/// The value of a document's `kind`, as far as recognising it needs: its text, or what else it is.
#[derive(Debug)]
enum Kind {
    Text(String),
    /// "a number", "an object", …
    Other(&'static str),
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::Text(text) => f.write_str(&quote(text)),
            Kind::Other(what) => f.write_str(what),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Kind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Kind, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
        struct KindVisitor;
        impl<'de> Visitor<'de> for KindVisitor {
            type Value = Kind;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E>(self, text: &str) -> Result<Kind, E> {
                Ok(Kind::Text(text.to_string()))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Kind, E> {
                Ok(Kind::Other("true or false"))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Kind, E> {
                Ok(Kind::Other("a number"))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Kind, E> {
                Ok(Kind::Other("a number"))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Kind, E> {
                Ok(Kind::Other("a number"))
            }
            fn visit_unit<E>(self) -> Result<Kind, E> {
                Ok(Kind::Other("null"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Kind, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Kind::Other("an array"))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Kind, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Kind::Other("an object"))
            }
        }
        deserializer.deserialize_any(KindVisitor)
    }
}

/// What the top level of a JSON object says, read as far as it goes: its `kind`, the field names met, and
/// whether the whole object read without error.
#[derive(Debug, Default)]
struct TopLevel {
    kind: Option<Kind>,
    fields: Vec<String>,
    complete: bool,
}

impl TopLevel {
    fn read(json: &str) -> TopLevel {
        use serde::Deserializer as _;
        use serde::de::{IgnoredAny, MapAccess, Visitor};
        struct Reader<'a>(&'a mut TopLevel);
        // Every kind of value has its method, so that none falls back on serde's "invalid type" message
        // (its words for a float alone are 13 KB of WebAssembly).
        fn not_an_object<E: serde::de::Error>() -> Result<(), E> {
            Err(E::custom("not an object"))
        }
        impl<'de> Visitor<'de> for Reader<'_> {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
                not_an_object()
            }
            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
                not_an_object()
            }
            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
                not_an_object()
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
                not_an_object()
            }
            fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<(), E> {
                not_an_object()
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
                not_an_object()
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
                not_an_object()
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
                while let Some(key) = map.next_key::<String>()? {
                    if key == "kind" {
                        self.0.kind = Some(map.next_value::<Kind>()?);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                    self.0.fields.push(key);
                }
                Ok(())
            }
        }
        let mut top = TopLevel::default();
        let read = serde_json::Deserializer::from_str(json).deserialize_any(Reader(&mut top));
        // Text after the object is the reader's error to report; the object itself said what it is.
        top.complete = read.is_ok();
        top
    }
}

/// One problem found while reading a scenario.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadError {
    /// Where in the file, as `groups[2].owner`; empty for the whole file.
    pub path: String,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() { write!(f, "{}", self.message) } else { write!(f, "{}: {}", self.path, self.message) }
    }
}

/// Every problem found while reading a scenario, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadErrors(pub Vec<LoadError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadErrors {}

/// How long a quoted name or text may be in a message before it is cut.
const QUOTE_LIMIT: usize = 64;

/// A name or text the user wrote, as a message quotes it: in double quotes with control characters and
/// quotes escaped (a newline cannot forge a line of output), and cut after 64 characters, saying how long it
/// was.
pub fn quote(text: &str) -> String {
    let count = text.chars().count();
    if count <= QUOTE_LIMIT {
        return format!("{text:?}");
    }
    let cut: String = text.chars().take(QUOTE_LIMIT).collect();
    let quoted = format!("{cut:?}");
    format!("{}…\" ({count} characters)", &quoted[..quoted.len() - 1])
}

/// Why an event's text (either family's) could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventError {
    pub text: String,
    pub message: String,
}

impl fmt::Display for EventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "event {}: {}", quote(&self.text), self.message)
    }
}

impl std::error::Error for EventError {}

/// The largest scenario either family reads: 32 MiB of JSON, room for a DAG of 100,000 databases or a
/// cluster of 100,000 nodes, while what is built from it stays within a few hundred megabytes.
pub const MAX_SCENARIO_BYTES: u64 = 32 << 20;

/// Why a scenario of `bytes` bytes is not read, when it is larger than [`MAX_SCENARIO_BYTES`].
pub fn size_error(bytes: u64) -> Option<String> {
    (bytes > MAX_SCENARIO_BYTES).then(|| {
        format!(
            "it is {bytes} bytes, more than the {MAX_SCENARIO_BYTES} bytes ({} MiB) a scenario may be",
            MAX_SCENARIO_BYTES >> 20
        )
    })
}

/// Reads a scenario of either family from JSON text, naming the path of the first problem: a syntax
/// error where serde_json finds it, with its line and column; a value of the wrong kind where the value
/// begins; then text after the document.
pub fn parse_json<T: Read>(json: &str) -> Result<T, LoadErrors> {
    if let Some(message) = size_error(json.len() as u64) {
        return Err(LoadErrors(vec![LoadError { path: String::new(), message }]));
    }
    if let Some(message) = not_a_design(json) {
        return Err(LoadErrors(vec![LoadError { path: String::new(), message }]));
    }
    let trimmed = json.trim_start();
    if !trimmed.is_empty() && !trimmed.starts_with('{') {
        let found: String = trimmed.chars().take(20).collect();
        return Err(LoadErrors(vec![LoadError {
            path: String::new(),
            message: format!("a scenario is a JSON object {{ ... }}; the file starts with {found:?}"),
        }]));
    }
    crate::read::from_json::<T>(json).map_err(|failure| LoadErrors(vec![load_error(json, failure)]))
}

/// Whether JSON text says `"kind": "lesson"` at its top level: a lesson file, not a design.
pub fn says_lesson(json: &str) -> bool {
    matches!(TopLevel::read(json).kind, Some(Kind::Text(kind)) if kind == "lesson")
}

/// What a file given as a design plainly is instead, when it is not JSON at all: a CSV export (the Role
/// Requirements Calculator's, a spreadsheet's), text Windows PowerShell saved as UTF-16 (`Out-File` and `>`
/// do), an HTML or XML page, nothing — said as such. `None` when it may be JSON, broken or not.
pub fn not_a_design(text: &str) -> Option<String> {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let first_line = start.lines().next().unwrap_or("");
    let kind = if start.is_empty() {
        "an empty file"
    } else if text.contains('\0') {
        // Read as UTF-8, UTF-16 text has a NUL beside every character: it may well hold a design.
        return Some(
            "it is saved as UTF-16 (as Windows PowerShell's Out-File and > write text): save it as UTF-8 and open \
             it again"
                .to_string(),
        );
    } else if start.starts_with('<') {
        "an HTML or XML page"
    } else if !start.starts_with(['{', '[']) && (first_line.contains(',') || first_line.contains(';')) {
        "a CSV file"
    } else {
        return None;
    };
    Some(format!("it is {kind}, not a design: clusterplan opens a scenario file (JSON, as Export writes it)"))
}

/// Why JSON text (a scenario, a saved design) could not be read, in a reader's words and with the path.
pub fn load_error(json: &str, failure: Failure) -> LoadError {
    match failure {
        Failure::NotJson(_) if let Some(message) = not_a_design(json) => LoadError { path: String::new(), message },
        Failure::NotJson(error) => {
            LoadError { path: crate::json_path::path_of(json, &error), message: describe_json_error(&error) }
        }
        Failure::Read(error) => LoadError { path: error.path(), message: describe_read_error(json, &error) },
        // Text after the document is an error too: a scenario twice, or a stray word, is not a scenario.
        Failure::After(error) => LoadError {
            path: String::new(),
            message: format!("text after the design ({})", describe_json_error(&error)),
        },
    }
}

/// A scenario reader's error as [`describe_json_error`] words serde_json's, at the line and column where
/// the value, key or object it is about begins.
fn describe_read_error(json: &str, error: &crate::read::Error) -> String {
    let before = &json[..error.at().min(json.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |newline| newline + 1) + 1;
    if error.is_syntax() {
        format!("not valid JSON at line {line}, column {column} ({})", error.message())
    } else {
        format!("{} (at line {line}, column {column})", error.message())
    }
}

/// A JSON reading error in a reader's words: where it is (line and column, which people need for syntax
/// errors), and what serde_json found, without its " at line L column C" suffix.
pub fn describe_json_error(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let what = text.strip_suffix(&suffix).unwrap_or(&text);
    let at = format!("line {}, column {}", error.line(), error.column());
    match error.classify() {
        Category::Eof => format!("the file ends too early (cut short?) at {at}"),
        Category::Syntax => format!("not valid JSON at {at} ({what})"),
        Category::Data | Category::Io => format!("{what} (at {at})"),
    }
}

/// The error of a file written for another format version, if it is one.
pub(crate) fn version_error(version: u32) -> Option<LoadErrors> {
    (version != FORMAT_VERSION).then(|| {
        LoadErrors(vec![LoadError {
            path: "version".into(),
            message: format!("this build reads scenario version {FORMAT_VERSION}, not {version}"),
        }])
    })
}

/// Declares an id type: the position of a thing in its list in the scenario.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            /// The position of the thing in its list in the scenario.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        /// The thing at a position in its list.
        impl From<usize> for $name {
            fn from(index: usize) -> $name {
                $name(index as u32)
            }
        }
    };
}
pub(crate) use id_type;

/// Indexes the names of one list of a scenario (`nodes`, `servers`, …) by position, reporting empty and
/// repeated names with their paths.
pub(crate) fn index_names<'a>(
    list: &str,
    names: impl Iterator<Item = &'a str>,
    errors: &mut Vec<LoadError>,
) -> HashMap<&'a str, usize> {
    let mut index = HashMap::new();
    for (i, name) in names.enumerate() {
        let path = format!("{list}[{i}].name");
        if name.trim().is_empty() {
            errors.push(LoadError { path, message: "a name must not be empty".into() });
        } else if let Some(first) = index.get(name) {
            errors.push(LoadError { path, message: format!("{} is already the name of {list}[{first}]", quote(name)) });
        } else {
            index.insert(name, i);
        }
    }
    index
}

/// Why `name` cannot be a NetBIOS name (node, cluster, EVS, DAG and member names are): 1 to 15
/// characters, none of `\/:*?"<>|` or white space (Microsoft KB 909264). `None` when it can be one.
pub fn netbios_problem(name: &str) -> Option<String> {
    let bad_character = name.chars().find(|c| "\\/:*?\"<>|".contains(*c) || c.is_whitespace());
    match bad_character {
        Some(c) => Some(format!("it contains '{c}'")),
        None if name.is_empty() => Some("it is empty".into()),
        None if name.chars().count() > 15 => Some(format!("it has {} characters, more than 15", name.chars().count())),
        None => None,
    }
}

/// The JSON Schema of a scenario type as text (pretty-printed, ending in a newline).
pub(crate) fn schema_text<T: JsonSchema>() -> String {
    let schema = schemars::schema_for!(T);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    text.push('\n');
    text
}
