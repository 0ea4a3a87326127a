//! The scenario reader (`core/src/read`) held to serde's derive, the reader it replaced, with
//! `serde_path_to_error` naming the path: every preset of both families, broken every way a hand edit
//! breaks a file (a value of the wrong type, a field removed or unknown, the text cut short, a stray
//! character), must be refused with the same words at the same path by both, or read by both; so must
//! the corners the presets do not reach. Three differences are by design: text that is not JSON is
//! reported as such even when serde's derive would have met a wrong value before the place it breaks
//! (then the path is the one `core/src/json_path.rs` finds for serde_json's syntax error, which these same
//! copies hold to `serde_path_to_error` wherever the syntax error is the first problem); a unit enum's
//! value of the wrong type (`"exchange": 2019`) is said to be one, where serde_json says "expected value"
//! as if the text were not JSON; and a value in a map keyed by a resource kind is named by its key. Where in the text differs too: the reader says
//! where the value, key or object begins, serde_json said where it stopped reading.

use clusterplan_core::json_path::path_of;
use clusterplan_core::read::Read;
use clusterplan_core::scenario::{describe_json_error, parse_json};
use clusterplan_core::verbs::{self, Preset};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// A refusal as the comparison sees it: the path, and what is wrong without where in the text (the
/// reader says where the value begins, serde_json where it stopped reading).
type Refusal = Option<(String, String)>;

/// What a message says is wrong, without the line and column.
fn what(message: &str) -> String {
    if message.starts_with("a scenario is a JSON object") {
        return "not an object".into();
    }
    if message.starts_with("not valid JSON at line") {
        let open = message.find(" (").map_or(0, |i| i + 2);
        return message[open..].trim_end_matches(')').to_string();
    }
    match message.rfind(" (at line ") {
        Some(i) if !message.starts_with("text after") => message[..i].to_string(),
        _ => message.to_string(),
    }
}

/// What serde's derive says, and the path `serde_path_to_error` names ("" for the document).
fn reference<T: DeserializeOwned>(text: &str) -> Refusal {
    // A file that plainly is no JSON (empty, CSV, UTF-16, HTML) is said to be what it is, before any reader.
    if let Some(message) = clusterplan_core::scenario::not_a_design(text) {
        return Some((String::new(), message));
    }
    if text.trim_start().chars().next().is_some_and(|first| first != '{') {
        return Some((String::new(), "not an object".into()));
    }
    // The first problem serde_json finds reading the document (not what follows it) as JSON.
    let syntax = Value::deserialize(&mut serde_json::Deserializer::from_str(text)).err();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let error = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Ok(_) => {
            let error = deserializer.end().err()?;
            return Some((String::new(), format!("text after the design ({})", describe_json_error(&error))));
        }
        Err(error) => error,
    };
    // serde's derive stopped before the text stops being JSON: the reader reports the syntax error.
    let before =
        |syntax: &serde_json::Error| (error.inner().line(), error.inner().column()) < (syntax.line(), syntax.column());
    if let Some(syntax) = syntax.filter(before) {
        return Some((path_of(text, &syntax), what(&describe_json_error(&syntax))));
    }
    let path = error.path().to_string();
    let path = path.trim_end_matches('?').trim_end_matches('.');
    let path = if path == "." { "" } else { path }.to_string();
    Some((path, what(&describe_json_error(error.inner()))))
}

/// What the engine says now.
fn ours<T: Read>(text: &str) -> Refusal {
    parse_json::<T>(text).err().map(|errors| (errors.0[0].path.clone(), what(&errors.0[0].message)))
}

/// Every pointer into `value`, the document's own ("") first.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                pointers(child, format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The broken copies of one design: values of another type, fields removed and unknown, then the text
/// cut short and given a stray character at many places.
fn broken_copies(design: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut all = Vec::new();
    pointers(design, String::new(), &mut all);
    for pointer in &all {
        let node = design.pointer(pointer).expect("a pointer found in it");
        let replacements = match node {
            Value::String(_) => vec![json!(12345), json!(["x"]), json!("no such thing")],
            Value::Number(_) => vec![json!("x"), json!(-1), json!(1.5), json!({})],
            Value::Bool(_) | Value::Null => vec![json!("x"), json!([])],
            Value::Array(_) => vec![json!({}), json!("x"), json!([{}])],
            Value::Object(_) => vec![json!([]), json!(7)],
        };
        for replacement in replacements {
            let mut copy = design.clone();
            *copy.pointer_mut(pointer).expect("a pointer found in it") = replacement;
            out.push(serde_json::to_string_pretty(&copy).expect("JSON"));
        }
        if let Value::Object(map) = node {
            let mut copy = design.clone();
            if let Some(Value::Object(target)) = copy.pointer_mut(pointer) {
                target.insert("no_such_field".into(), json!(1));
            }
            out.push(serde_json::to_string_pretty(&copy).expect("JSON"));
            for key in map.keys() {
                let mut copy = design.clone();
                if let Some(Value::Object(target)) = copy.pointer_mut(pointer) {
                    target.remove(key);
                }
                out.push(serde_json::to_string_pretty(&copy).expect("JSON"));
            }
        }
    }
    let text = serde_json::to_string_pretty(design).expect("JSON");
    let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).step_by(11).collect();
    for &at in &boundaries {
        out.push(text[..at].to_string());
        for stray in [",", "x", "}", "\"", "1"] {
            out.push(format!("{}{stray}{}", &text[..at], &text[at..]));
        }
    }
    out
}

/// Whether the reader says what serde's derive says; or, where serde_json calls a unit enum's value of the
/// wrong type "expected value" (as if the text were not JSON), says it is a value of the wrong type, at
/// the same path: the third difference by design.
fn agree(expected: &Refusal, found: &Refusal) -> bool {
    match (expected, found) {
        (Some((path, what)), Some((found_path, found_what))) if what == "expected value" => {
            path == found_path && (found_what == what || found_what.starts_with("invalid type: "))
        }
        _ => expected == found,
    }
}

/// How many copies each reader refused and both read.
#[derive(Default)]
struct Counts {
    refused: usize,
    read: usize,
}

/// Checks the design itself and every broken copy of `design` read as `T`: the same refusals, and where both
/// readers read a copy, the same value.
fn check<T: DeserializeOwned + Read + PartialEq + std::fmt::Debug>(
    id: &str,
    design: &Value,
    mismatches: &mut Vec<String>,
    counts: &mut Counts,
) {
    for text in std::iter::once(design.to_string()).chain(broken_copies(design)) {
        let (expected, found) = (reference::<T>(&text), ours::<T>(&text));
        counts.refused += usize::from(found.is_some());
        if !agree(&expected, &found) && mismatches.len() < 12 {
            mismatches.push(format!("{id}: expected {expected:?}, found {found:?}"));
        }
        if expected.is_none() && found.is_none() {
            counts.read += 1;
            let theirs: T = serde_json::from_str(&text).expect("serde's derive read it");
            let ours: T = parse_json(&text).expect("the reader read it");
            if theirs != ours && mismatches.len() < 12 {
                mismatches.push(format!("{id}: read as {ours:?}, serde's derive reads {theirs:?}, from {text}"));
            }
        }
    }
}

#[test]
fn the_reader_reads_and_refuses_what_serdes_derive_does_with_its_words_and_paths() {
    let mut mismatches = Vec::new();
    let mut counts = Counts::default();
    for id in verbs::presets() {
        match verbs::preset(id).expect("a preset") {
            Preset::Cluster(scenario) => {
                let design = serde_json::to_value(scenario).expect("JSON");
                check::<clusterplan_core::cluster::Scenario>(id, &design, &mut mismatches, &mut counts)
            }
            Preset::Dag(scenario) => {
                let design = serde_json::to_value(scenario).expect("JSON");
                check::<clusterplan_core::dag::Scenario>(id, &design, &mut mismatches, &mut counts)
            }
        };
    }
    assert!(mismatches.is_empty(), "the readers differ:\n{}", mismatches.join("\n"));
    // The copies are broken: most of them must be refused, or the comparison compares little; the presets
    // and the copies a mutation leaves valid are read by both, and compared value for value.
    assert!(counts.refused > 20_000, "only {} broken copies were refused", counts.refused);
    assert!(counts.read > 3_000, "only {} copies were read by both", counts.read);
}

/// One value read as `T` by the reader and by serde's derive: what each says (`"read"` when it reads it,
/// and when both read it, the reader's value `"read differently"` unless it is serde's).
fn both<T: DeserializeOwned + Read + PartialEq>(text: &str) -> [String; 2] {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let theirs = serde_path_to_error::deserialize::<_, T>(&mut deserializer);
    let expected = match &theirs {
        Ok(_) => "read".to_string(),
        Err(error) => {
            let path = error.path().to_string();
            let message = error.inner().to_string();
            let message = message.split(" at line ").next().unwrap_or_default().to_string();
            format!("{}: {message}", if path == "." || path == "?" { "" } else { path.trim_end_matches(".?") })
        }
    };
    let found = match clusterplan_core::read::from_json::<T>(text) {
        Ok(ours) if theirs.as_ref().is_ok_and(|theirs| *theirs != ours) => "read differently".to_string(),
        Ok(_) => "read".to_string(),
        Err(clusterplan_core::read::Failure::Read(error)) => format!("{}: {}", error.path(), error.message()),
        Err(other) => format!("not read as JSON: {other:?}"),
    };
    [expected, found]
}

/// The corners the broken presets do not reach, each value against serde's derive: an enum's other
/// spellings, internally tagged enums (whose variant serde reads from a copy, so a tracking deserializer
/// names the enum), a struct written as an array, map keys, numbers of every kind, and escapes.
#[test]
fn the_reader_reads_every_corner_as_serdes_derive_does() {
    use clusterplan_core::cluster::model::*;
    use clusterplan_core::dag::model::{Namespace, Witness};
    use clusterplan_core::scenario::Position;
    use std::collections::BTreeMap;
    use std::net::Ipv4Addr;

    let mut cases: Vec<(&str, [String; 2])> = Vec::new();
    let mut each = |texts: &[&'static str], read: fn(&str) -> [String; 2]| {
        cases.extend(texts.iter().map(|text| (*text, read(text))));
    };
    each(
        &[
            r#""2003-standard""#,
            r#""x""#,
            "5",
            "{}",
            "null",
            r#"["x"]"#,
            r#"{"2003-enterprise": null}"#,
            r#"{"2003-enterprise": 1}"#,
            r#"{"x": null}"#,
            r#"{"2003-enterprise": null, "y": 1}"#,
        ],
        both::<ExchangeEdition>,
    );
    each(
        &[
            "[]",
            r#"["a"]"#,
            r#"["a", true]"#,
            r#"["a", true, 3]"#,
            r#"["a", 5]"#,
            "5",
            r#""x""#,
            r#"{"name":"a","name":"b"}"#,
            r#"{"name":"a","bad":1}"#,
            r#"{"bad":1}"#,
            "{}",
            r#"{"na\u006de":"a"}"#,
        ],
        both::<Disk>,
    );
    each(
        &[
            r#"{"type":"disk","disk":"q"}"#,
            r#"{"disk":"q","type":"disk"}"#,
            r#"{"type":"disk"}"#,
            r#"{"type":"disk","disk":5}"#,
            r#"{"type":"disk","disk":1.5}"#,
            r#"{"type":"disk","disk":null}"#,
            r#"{"type":"disk","disk":"q","x":1}"#,
            r#"{"type":"disk","disk":"q","disk":"r"}"#,
            r#"{"type":"disk","type":"disk","disk":"q"}"#,
            r#"{"type":"majority-node-set","x":1}"#,
            r#"{"type":"nope"}"#,
            r#"{"type":5}"#,
            "{}",
            r#""x""#,
            "[]",
            r#"["disk","q"]"#,
            r#"["majority-node-set"]"#,
            r#"["majority-node-set", 1]"#,
        ],
        both::<Quorum>,
    );
    each(
        &[
            r#"{"type":"window","start_hour":300,"end_hour":1}"#,
            r#"{"type":"window","start_hour":-1,"end_hour":1}"#,
            r#"{"type":"window","start_hour":"x","end_hour":1}"#,
            r#"{"type":"window"}"#,
            r#"{"type":"never","start_hour":true}"#,
        ],
        both::<Failback>,
    );
    each(
        &[
            r#"{"heartbeat_detection_ms":1}"#,
            r#"{"x":1}"#,
            "[]",
            "[1,2,{}]",
            "[1,2,{},4]",
            r#"{"resources":{"store":{"online_ms":1,"offline_ms":2}}}"#,
            r#"{"resources":{"nope":{"online_ms":1,"offline_ms":2}}}"#,
        ],
        both::<Timing>,
    );
    each(
        &[
            r#"{"a":{"x":1,"y":2}}"#,
            r#"{"a":[1,2]}"#,
            r#"{"a":[1]}"#,
            r#"{"a":{"x":"a","y":1}}"#,
            r#"{"a.b":5}"#,
            r#"{"":5}"#,
        ],
        both::<BTreeMap<String, Position>>,
    );
    each(
        &[
            "1",
            "1.5",
            "-1",
            "-0",
            "1e2",
            "5000000000",
            "100000000000000000000",
            "0.0000001",
            r#""x""#,
            "true",
            "null",
            "[]",
        ],
        both::<u32>,
    );
    each(&["300", "-1"], both::<u8>);
    each(&["18446744073709551615", "18446744073709551616", "-1"], both::<u64>);
    each(&["5", "-5", "1.25", r#""x""#, "null"], both::<f64>);
    each(&["1", "null"], both::<bool>);
    each(&[r#""a\u0041\n\"""#, r#""\ud83d\ude00""#, "5", "-5", "1.5", "true", "{}"], both::<String>);
    each(&["{}", r#"["a", 5]"#], both::<Vec<String>>);
    each(&["null", r#""x""#], both::<Option<u32>>);
    each(&[r#""10.0.0.1/24""#, r#""10.0.0.0/33""#, r#""x""#, "5"], both::<ipnet::Ipv4Net>);
    each(&[r#""10.0.0.1""#, r#""10.0.0.300""#, "[10,0,0,1]"], both::<Ipv4Addr>);
    each(&[r#"{"name":"n","vips":[]}"#, r#"{"name":"n","vips":[],"ttl_seconds":null}"#], both::<Namespace>);
    each(&[r#"{"server":"a","site":"b","server":"c"}"#, r#"{"server":"a"}"#], both::<Witness>);
    // An `Option` without a default: `None` when the key is missing, too few elements as an array.
    each(
        &[
            r#"{"nodes":2,"groups":1,"max_failures":1,"combinations":2,"tolerates_any":1,"levels":[],"survival":[],"x":1}"#,
            "[2, 1, 1, 2, 1]",
            "[2, 1, 1, 2, 1, null]",
        ],
        both::<clusterplan_core::cluster::matrix::Summary>,
    );
    each(&[r#"{"name":"a","nics":[null]}"#, r#"{"name":"a","nics":[{"network":"n","dhcp":1}]}"#], both::<Node>);

    let differ: Vec<String> = cases
        .iter()
        .filter(|(_, [expected, found])| {
            let (path, what) = expected.split_once(": ").unwrap_or_default();
            let enum_of_wrong_type = what == "expected value" && found.starts_with(&format!("{path}: invalid type: "));
            expected != found && !enum_of_wrong_type
        })
        .map(|(text, [expected, found])| format!("{text}: serde's derive says {expected:?}, the reader {found:?}"))
        .collect();
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    // By design, a unit enum's value of the wrong type is said to be one, with the names it may be.
    assert_eq!(
        both::<ExchangeEdition>("5"),
        [
            ": expected value".to_string(),
            ": invalid type: integer `5`, expected `2003-enterprise` or `2003-standard`".to_string()
        ]
    );
    // By design too: a value in a map keyed by a resource kind is named by its key, where a
    // tracking deserializer, which sees the key read as an enum and not as text, can only name the map.
    let [serde, reader] = both::<Timing>(r#"{"resources":{"store":{"online_ms":1}}}"#);
    assert_eq!(
        [serde.as_str(), reader.as_str()],
        ["resources: missing field `offline_ms`", "resources.store: missing field `offline_ms`"]
    );
    // Both refuse most of these: the comparison is of refusals, not of agreement on reading.
    assert!(cases.iter().filter(|(_, [expected, _])| expected != "read").count() > 70);
}
