//! The scenario reader: JSON text to the scenario types of both families, with serde's messages and the
//! field path of the first problem (`groups[2].resources[0].kind`). serde's derive writes a reader per type
//! and per deserializer, and inlines JSON parsing into each; this one lexes the document once
//! ([`tree`]) and reads it through one shared runtime, the types' code ([`Read`], written by
//! `#[derive(Read)]` from their own `#[serde]` attributes) only naming fields and variants. It reads what
//! serde's derive reads and refuses what it refuses, with the same words and paths but for three choices
//! (docs/choices.md: syntax first, a unit enum's value of the wrong type said to be one, map keys named):
//! `tests/it/json_paths.rs` holds it to serde's derive over thousands of broken copies of every preset.

mod check;
pub mod tree;

use std::collections::BTreeMap;
use std::fmt::Write as _;

pub use clusterplan_derive::Read;
pub use tree::{Kind, Value};

/// A type read from a JSON value.
///
/// `#[derive(Read)]` reads the serde attributes it implements and refuses, at compile time, every other one
/// that changes how serde's derive reads (an `alias`, say), so the two readers cannot drift apart:
///
/// ```compile_fail
/// #[derive(serde::Deserialize, clusterplan_core::read::Read)]
/// struct Node {
///     #[serde(alias = "host")]
///     name: String,
/// }
/// ```
///
/// while the attributes that only change how the type is written pass:
///
/// ```
/// #[derive(serde::Deserialize, serde::Serialize, clusterplan_core::read::Read)]
/// #[serde(deny_unknown_fields)]
/// struct Node {
///     #[serde(default, skip_serializing_if = "String::is_empty")]
///     name: String,
/// }
/// ```
pub trait Read: Sized {
    fn read(value: &Value<'_>) -> Result<Self, Error>;
}

/// The first problem met, where it begins, and the path to it (boxed: a reader's `Result` stays a word
/// wide, which keeps every type's reader small).
#[derive(Debug, Clone, PartialEq)]
pub struct Error(Box<Problem>);

#[derive(Debug, Clone, PartialEq)]
struct Problem {
    at: u32,
    syntax: bool,
    message: String,
    /// The path's steps, innermost first.
    steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

impl Error {
    #[cold]
    fn new(at: u32, message: String) -> Error {
        Error(Box::new(Problem { at, syntax: false, message, steps: Vec::new() }))
    }

    #[cold]
    fn syntax(at: u32, message: &str) -> Error {
        let mut error = Error::new(at, message.to_string());
        error.0.syntax = true;
        error
    }

    /// The error as the variant of an internally tagged enum reports it: at the enum itself, since serde
    /// reads the variant from a copy of the object and a tracking deserializer sees no deeper.
    pub fn here(mut self) -> Error {
        self.0.steps.clear();
        self
    }

    /// A value the derive made sure of is missing: not reached.
    #[cold]
    #[inline(never)]
    pub fn unreachable() -> Error {
        Error::new(0, "the reader lost a value it had read".into())
    }

    fn under(mut self, step: Step) -> Error {
        self.0.steps.push(step);
        self
    }

    /// The byte offset in the text of the value, key or object the problem is about.
    pub fn at(&self) -> usize {
        self.0.at as usize
    }

    /// Whether the text is not JSON after all there (a number out of range, half a surrogate pair), as
    /// serde_json reports it, rather than JSON of the wrong shape.
    pub fn is_syntax(&self) -> bool {
        self.0.syntax
    }

    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The path as a tracking deserializer prints it: `groups[2].owner`, "" for the document, a key's
    /// dot even before an empty key left off at the end.
    pub fn path(&self) -> String {
        let mut path = String::new();
        for step in self.0.steps.iter().rev() {
            match step {
                Step::Key(key) if path.is_empty() => path.push_str(key),
                Step::Key(key) => {
                    path.push('.');
                    path.push_str(key);
                }
                Step::Index(i) => {
                    let _ = write!(path, "[{i}]");
                }
            }
        }
        path.trim_end_matches('.').to_string()
    }
}

/// Why JSON text was not read as a type.
#[derive(Debug)]
pub enum Failure {
    /// It is not JSON (serde_json's error, with its line and column).
    NotJson(serde_json::Error),
    /// It is JSON, not of the type's shape.
    Read(Error),
    /// Something follows the document.
    After(serde_json::Error),
}

/// Reads `T` from JSON text: serde_json checks that it is JSON, the document is lexed and read, and only
/// then is text after it refused (as serde's derive refused it, after reading the document).
pub fn from_json<T: Read>(text: &str) -> Result<T, Failure> {
    use serde::de::DeserializeSeed as _;
    let mut floats = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    check::Check(&mut floats).deserialize(&mut deserializer).map_err(Failure::NotJson)?;
    let value = match tree::lex(text, &floats) {
        Some(value) => T::read(&value).map_err(Failure::Read)?,
        None => return Err(Failure::Read(Error::syntax(0, "expected value"))),
    };
    deserializer.end().map_err(Failure::After)?;
    Ok(value)
}

/// What a value is, as serde_json's messages say it: `string "x"`, `integer `5``, `map`, …
fn unexpected(value: &Value<'_>) -> String {
    match &value.kind {
        Kind::Null => "null".into(),
        Kind::Bool(b) => format!("boolean `{b}`"),
        Kind::Unsigned(n) => format!("integer `{n}`"),
        Kind::Signed(n) => format!("integer `{n}`"),
        Kind::Float(n) => format!("floating point `{}`", zmij::Buffer::new().format(*n)),
        Kind::Str(raw) => format!("string {:?}", tree::unescape(raw).unwrap_or_default()),
        Kind::Array(_) => "sequence".into(),
        Kind::Object(_) => "map".into(),
    }
}

/// `value` is not what `expected` names. A string with a bad escape is that error first, as serde_json
/// reads the value before it compares.
fn invalid_type(value: &Value<'_>, expected: &str) -> Error {
    if let Kind::Str(raw) = value.kind
        && let Err(escape) = tree::unescape(raw)
    {
        return escape_error(value, escape);
    }
    Error::new(value.at, format!("invalid type: {}, expected {expected}", unexpected(value)))
}

fn invalid_value(value: &Value<'_>, expected: &str) -> Error {
    Error::new(value.at, format!("invalid value: {}, expected {expected}", unexpected(value)))
}

/// A string's escape that makes no text, at its place in the string.
fn escape_error(value: &Value<'_>, (offset, message): tree::EscapeError) -> Error {
    Error::syntax(value.at + 1 + offset as u32, message)
}

/// The text of a string value, or why there is none.
fn text<'t>(value: &Value<'t>, expected: &str) -> Result<std::borrow::Cow<'t, str>, Error> {
    match value.kind {
        Kind::Str(raw) => tree::unescape(raw).map_err(|escape| escape_error(value, escape)),
        _ => Err(invalid_type(value, expected)),
    }
}

/// Which of `variants` a string value names, or an unknown variant.
fn identify(name_value: &Value<'_>, variants: &[&str]) -> Result<usize, Error> {
    let name = text(name_value, "variant identifier")?;
    variants.iter().position(|known| *known == name).ok_or_else(|| unknown(name_value.at, "variant", &name, variants))
}

/// `unknown field `x`, expected one of `a`, `b``, as serde words it (`kind` is "field" or "variant").
fn unknown(at: u32, kind: &str, name: &str, known: &[&str]) -> Error {
    let expected = match known {
        [] => format!("there are no {kind}s"),
        _ => format!("expected {}", one_of(known)),
    };
    Error::new(at, format!("unknown {kind} `{name}`, {expected}"))
}

/// Names as serde lists what it expected: "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
fn one_of(known: &[&str]) -> String {
    match known {
        [one] => format!("`{one}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => {
            let mut list = String::from("one of ");
            for (i, name) in known.iter().enumerate() {
                let _ = write!(list, "{}`{name}`", if i > 0 { ", " } else { "" });
            }
            list
        }
    }
}

/// A struct's entries: an object's fields, or an array's elements, which serde reads as the fields in
/// order.
pub enum Entries<'v, 't> {
    /// The object's fields, and where it begins.
    Fields(Vec<&'v (Value<'t>, Value<'t>)>, u32),
    /// The array's elements, and where it begins.
    Elements(&'v [Value<'t>], u32),
}

/// The entries of a value read as a struct (`expecting` is "struct Name").
pub fn entries<'v, 't>(value: &'v Value<'t>, expecting: &str) -> Result<Entries<'v, 't>, Error> {
    match &value.kind {
        Kind::Object(fields) => Ok(Entries::Fields(fields.iter().collect(), value.at)),
        Kind::Array(items) => Ok(Entries::Elements(items, value.at)),
        _ => Err(invalid_type(value, expecting)),
    }
}

/// What a struct's field is when the object or array has no entry for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Absent {
    /// Its default (`#[serde(default)]`).
    Default,
    /// Refused: a missing field (or, written as an array, too few elements).
    Refused,
    /// An `Option` with no default: `None` when the object has no such key, refused when an array is too
    /// short, as serde reads it.
    NoneByName,
}

/// Where a struct's reader keeps each field it has read, by the field's index.
pub trait Slots {
    fn put(&mut self, index: usize, value: &Value<'_>) -> Result<(), Error>;
}

/// Reads a struct's entries in document order, putting into `slots` each field's index and value, as
/// serde's derive does: an unknown field (with `deny_unknown_fields`) or a repeated one refused where it
/// is met, then the first required field missing in declaration order; by position, each element is the
/// next field, a required field past the end is missing and an element past the last field is refused.
pub fn fields<'v, 't>(
    entries: Entries<'v, 't>,
    expecting: &str,
    names: &[&str],
    absent: &[Absent],
    deny_unknown: bool,
    slots: &mut dyn Slots,
) -> Result<(), Error> {
    let mut seen = vec![false; names.len()];
    match entries {
        Entries::Fields(fields, at) => {
            for (key, value) in fields {
                let name = text(key, "a string")?;
                match names.iter().position(|known| *known == name) {
                    Some(i) if seen[i] => return Err(Error::new(key.at, format!("duplicate field `{name}`"))),
                    Some(i) => {
                        seen[i] = true;
                        slots.put(i, value).map_err(|error| error.under(Step::Key(name.into_owned())))?;
                    }
                    None if deny_unknown => {
                        let name = name.into_owned();
                        return Err(unknown(key.at, "field", &name, names).under(Step::Key(name)));
                    }
                    None => {}
                }
            }
            match (0..names.len()).find(|&i| absent[i] == Absent::Refused && !seen[i]) {
                Some(i) => Err(Error::new(at, format!("missing field `{}`", names[i]))),
                None => Ok(()),
            }
        }
        Entries::Elements(items, at) => {
            for (i, value) in items.iter().enumerate().take(names.len()) {
                slots.put(i, value).map_err(|error| error.under(Step::Index(i)))?;
            }
            if let Some(i) = (items.len()..names.len()).find(|&i| absent[i] != Absent::Default) {
                let message = format!("invalid length {}, expected {expecting} with {} elements", i, names.len());
                return Err(Error::new(at, message));
            }
            match items.get(names.len()) {
                Some(extra) => Err(Error::syntax(extra.at, "trailing characters")),
                None => Ok(()),
            }
        }
    }
}

/// Reads a field's value into its slot (one function per field type, not one per field).
#[inline(never)]
pub fn put<T: Read>(slot: &mut Option<T>, value: &Value<'_>) -> Result<(), Error> {
    *slot = Some(T::read(value)?);
    Ok(())
}

/// The field a required field's slot holds, which [`fields`] made sure of.
pub fn take<T>(slot: Option<T>) -> Result<T, Error> {
    slot.ok_or_else(Error::unreachable)
}

/// Which of `variants` a unit variant's value names: its string, or, as serde_json also reads an enum,
/// an object of one key whose value is null. Any other value is a value of the wrong type, listing the
/// names (serde_json calls it "expected value", as if the text were not JSON: `"exchange": 2019` is a
/// common slip, and that message does not help with it).
pub fn variant(value: &Value<'_>, variants: &[&str]) -> Result<usize, Error> {
    let (name_value, rest) = match &value.kind {
        Kind::Str(_) => (value, None),
        Kind::Object(fields) if !fields.is_empty() => (&fields[0].0, Some(fields)),
        _ => return Err(invalid_type(value, &one_of(variants))),
    };
    let index = identify(name_value, variants)?;
    if let Some(fields) = rest {
        let unit = &fields[0].1;
        if !matches!(unit.kind, Kind::Null) {
            return Err(invalid_type(unit, "unit").under(Step::Key(variants[index].to_string())));
        }
        if let Some((key, _)) = fields.get(1) {
            return Err(Error::syntax(key.at, "expected value"));
        }
    }
    Ok(index)
}

/// Which variant an internally tagged enum's value names in its `tag` field, and the rest of it, as
/// serde reads one: an object with the tag anywhere in it (or an array whose first element is the tag).
pub fn tagged<'v, 't>(
    value: &'v Value<'t>,
    expecting: &str,
    tag: &str,
    variants: &[&str],
) -> Result<(usize, Entries<'v, 't>), Error> {
    match &value.kind {
        Kind::Object(fields) => {
            let mut found = None;
            let mut rest = Vec::new();
            for field in fields {
                if text(&field.0, "a string")? == tag {
                    if found.is_some() {
                        return Err(Error::new(field.0.at, format!("duplicate field `{tag}`")));
                    }
                    found =
                        Some(identify(&field.1, variants).map_err(|error| error.under(Step::Key(tag.to_string())))?);
                } else {
                    rest.push(field);
                }
            }
            let index = found.ok_or_else(|| Error::new(value.at, format!("missing field `{tag}`")))?;
            Ok((index, Entries::Fields(rest, value.at)))
        }
        Kind::Array(items) => match items.split_first() {
            Some((first, rest)) => Ok((identify(first, variants)?, Entries::Elements(rest, value.at))),
            None => Err(Error::new(value.at, format!("missing field `{tag}`"))),
        },
        _ => Err(invalid_type(value, expecting)),
    }
}

/// The rest of a unit variant's value: any fields are let be, as serde lets them; elements are refused.
pub fn unit_variant(content: &Entries<'_, '_>) -> Result<(), Error> {
    match content {
        Entries::Elements(items, at) if !items.is_empty() => {
            Err(Error::new(*at, format!("invalid length {}, expected 0 elements in sequence", items.len())))
        }
        _ => Ok(()),
    }
}

impl Read for String {
    fn read(value: &Value<'_>) -> Result<String, Error> {
        text(value, "a string").map(|text| text.into_owned())
    }
}

impl Read for bool {
    fn read(value: &Value<'_>) -> Result<bool, Error> {
        match value.kind {
            Kind::Bool(b) => Ok(b),
            _ => Err(invalid_type(value, "a boolean")),
        }
    }
}

/// An unsigned integer of the type `name`: an integer out of its range is an invalid value, anything
/// else (a float too) an invalid type.
fn unsigned(value: &Value<'_>, name: &str, max: u64) -> Result<u64, Error> {
    match value.kind {
        Kind::Unsigned(n) if n <= max => Ok(n),
        Kind::Unsigned(_) | Kind::Signed(_) => Err(invalid_value(value, name)),
        _ => Err(invalid_type(value, name)),
    }
}

macro_rules! read_unsigned {
    ($($t:ty),*) => {$(
        impl Read for $t {
            fn read(value: &Value<'_>) -> Result<$t, Error> {
                // In range by the check in `unsigned`.
                unsigned(value, stringify!($t), <$t>::MAX as u64).map(|n| n as $t)
            }
        }
    )*};
}
read_unsigned!(u8, u32, u64, usize);

impl Read for f64 {
    fn read(value: &Value<'_>) -> Result<f64, Error> {
        match value.kind {
            Kind::Unsigned(n) => Ok(n as f64),
            Kind::Signed(n) => Ok(n as f64),
            Kind::Float(n) => Ok(n),
            _ => Err(invalid_type(value, "f64")),
        }
    }
}

impl<T: Read> Read for Option<T> {
    fn read(value: &Value<'_>) -> Result<Option<T>, Error> {
        match value.kind {
            Kind::Null => Ok(None),
            _ => T::read(value).map(Some),
        }
    }
}

impl<T: Read> Read for Vec<T> {
    fn read(value: &Value<'_>) -> Result<Vec<T>, Error> {
        match &value.kind {
            Kind::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(T::read(item).map_err(|error| error.under(Step::Index(i)))?);
                }
                Ok(out)
            }
            _ => Err(invalid_type(value, "a sequence")),
        }
    }
}

/// An array of exactly `N` values, in serde's words when it has another length.
impl<T: Read, const N: usize> Read for [T; N] {
    fn read(value: &Value<'_>) -> Result<[T; N], Error> {
        let items = Vec::<T>::read(value)?;
        let length = items.len();
        items
            .try_into()
            .map_err(|_| Error::new(value.at, format!("invalid length {length}, expected an array of length {N}")))
    }
}

/// A map's keys are read as strings (or a unit enum's names); a repeated key's last value counts, as in
/// serde's map. A key's own error names the map (a tracking deserializer cannot name a key it could not
/// read).
impl<K: Read + Ord, V: Read> Read for BTreeMap<K, V> {
    fn read(value: &Value<'_>) -> Result<BTreeMap<K, V>, Error> {
        match &value.kind {
            Kind::Object(fields) => {
                let mut map = BTreeMap::new();
                for (key, item) in fields {
                    let name = K::read(key)?;
                    let step = || Step::Key(tree::unescape(key_text(key)).unwrap_or_default().into_owned());
                    map.insert(name, V::read(item).map_err(|error| error.under(step()))?);
                }
                Ok(map)
            }
            _ => Err(invalid_type(value, "a map")),
        }
    }
}

fn key_text<'t>(key: &Value<'t>) -> &'t str {
    match key.kind {
        Kind::Str(raw) => raw,
        _ => "",
    }
}

impl Read for ipnet::Ipv4Net {
    fn read(value: &Value<'_>) -> Result<ipnet::Ipv4Net, Error> {
        let text = text(value, "IPv4 network address")?;
        text.parse().map_err(|error: ipnet::AddrParseError| Error::new(value.at, error.to_string()))
    }
}

impl Read for std::net::Ipv4Addr {
    fn read(value: &Value<'_>) -> Result<std::net::Ipv4Addr, Error> {
        let text = text(value, "IPv4 address")?;
        text.parse().map_err(|error: std::net::AddrParseError| Error::new(value.at, error.to_string()))
    }
}
