//! What both scenario formats share: the format version, diagram positions, telling a 2003 cluster from a
//! DAG, reading JSON with errors that name the field path (`groups[2].owner: no node named "node9"`), the
//! name index every loader builds, and the JSON Schema as text.

use std::collections::HashMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The scenario format version this build reads and writes (both families).
pub const FORMAT_VERSION: u32 = 1;

/// Whether a field holds its default, so a saved file can leave it out.
pub(crate) fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A position on the diagram.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
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
    /// An Exchange 2010–2019 Database Availability Group (`"kind": "dag"`).
    Dag,
}

impl Family {
    /// Which family JSON text is: a DAG when it says `"kind": "dag"` at the top, else a 2003 cluster, whose
    /// reader then reports what is wrong with it.
    pub fn of(json: &str) -> Family {
        #[derive(Deserialize)]
        struct Probe {
            #[serde(default)]
            kind: Option<String>,
        }
        match serde_json::from_str::<Probe>(json) {
            Ok(probe) if probe.kind.as_deref() == Some("dag") => Family::Dag,
            _ => Family::Cluster,
        }
    }
}

/// One problem found while reading a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// Why an event's text (either family's) could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventError {
    pub text: String,
    pub message: String,
}

impl fmt::Display for EventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "event \"{}\": {}", self.text, self.message)
    }
}

impl std::error::Error for EventError {}

/// Reads a scenario of either family from JSON text, naming the path of the first syntax or type error.
pub fn parse_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, LoadErrors> {
    let trimmed = json.trim_start();
    if !trimmed.is_empty() && !trimmed.starts_with('{') {
        let found: String = trimmed.chars().take(20).collect();
        return Err(LoadErrors(vec![LoadError {
            path: String::new(),
            message: format!("a scenario is a JSON object {{ ... }}; the file starts with {found:?}"),
        }]));
    }
    let deserializer = &mut serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        // Where a syntax error stops the parser, the path ends in "?": keep the part that is known.
        let path = error.path().to_string();
        let path = path.trim_end_matches('?').trim_end_matches('.');
        let path = if path == "." { "" } else { path }.to_string();
        let message = describe_json_error(&error.into_inner());
        LoadErrors(vec![LoadError { path, message }])
    })
}

fn describe_json_error(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let text = error.to_string();
    // serde_json appends " at line L column C"; keep it, people need it for syntax errors.
    match error.classify() {
        Category::Eof => format!("the file ends too early (truncated?): {text}"),
        Category::Syntax => format!("not valid JSON: {text}"),
        Category::Data | Category::Io => text,
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
            errors.push(LoadError { path, message: format!("\"{name}\" is already the name of {list}[{first}]") });
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
