//! TypeScript declarations of everything the component takes and returns, generated from the JSON Schemas
//! that schemars derives from the engine's own types (the scenario formats and every report), so the
//! declarations cannot drift from the JSON: a test compares them with the committed `js/types.d.ts`.

use std::collections::BTreeSet;
use std::fmt::Write;

use clusterplan_core::cluster::{self, ips, matrix, report, timeline};
use clusterplan_core::dag;
use clusterplan_core::timeline::Moment;
use clusterplan_core::verbs;
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{Map, Value};

/// One family's types: its name as a TypeScript namespace, and its root types with their names there.
struct Family {
    namespace: &'static str,
    doc: &'static str,
    roots: Vec<(&'static str, Value)>,
    definitions: Map<String, Value>,
}

fn family(namespace: &'static str, doc: &'static str, add: impl FnOnce(&mut Roots)) -> Family {
    let mut roots = Roots { generator: SchemaSettings::draft2020_12().into_generator(), roots: Vec::new() };
    add(&mut roots);
    let definitions = roots.generator.take_definitions(true);
    Family { namespace, doc, roots: roots.roots, definitions }
}

struct Roots {
    generator: SchemaGenerator,
    roots: Vec<(&'static str, Value)>,
}

impl Roots {
    fn add<T: JsonSchema>(&mut self, name: &'static str) {
        let schema = self.generator.subschema_for::<T>();
        self.roots.push((name, schema.to_value()));
    }
}

/// The declarations of `js/types.d.ts`.
pub fn types() -> String {
    let families = [
        family("Cluster", "An Exchange 2003 cluster on Windows clustering: the scenario and every report.", |r| {
            r.add::<cluster::Scenario>("Scenario");
            r.add::<verbs::Validation>("Validation");
            r.add::<report::Outcome>("Outcome");
            r.add::<timeline::Timeline>("Timeline");
            r.add::<Moment<timeline::Entry, report::Outcome>>("Moment");
            r.add::<ips::IpPlan>("IpPlan");
            r.add::<matrix::MatrixReport<'static>>("MatrixReport");
        }),
        family("Dag", "An Exchange 2010 to SE Database Availability Group: the scenario and every report.", |r| {
            r.add::<dag::Scenario>("Scenario");
            r.add::<verbs::Validation>("Validation");
            r.add::<dag::report::Outcome>("Outcome");
            r.add::<dag::timeline::Timeline>("Timeline");
            r.add::<Moment<dag::timeline::Entry, dag::report::Outcome>>("Moment");
            r.add::<dag::ips::IpPlan>("IpPlan");
            r.add::<dag::matrix::MatrixReport<'static>>("MatrixReport");
            r.add::<dag::drift::Drift>("Drift");
        }),
        family("Shared", "What both families share.", |r| {
            r.add::<verbs::Rules>("Rules");
        }),
    ];
    let mut out = String::from(
        "// Generated from the engine's types by `clusterplan_wasm::declarations::types` (wasm/src/declarations.rs).\n\
         // Do not edit: `UPDATE_EXPECT=1 cargo test -p clusterplan-wasm` writes it again.\n",
    );
    for family in &families {
        let _ = writeln!(out, "\n/** {} */\nexport namespace {} {{", family.doc, family.namespace);
        let mut declared = BTreeSet::new();
        for (name, schema) in &family.roots {
            // A root that refers to a definition is declared with the definitions (and aliased below when
            // its name there differs).
            if reference(schema).is_some() {
                continue;
            }
            declare(&mut out, name, schema);
            declared.insert(name.to_string());
        }
        for (name, schema) in &family.definitions {
            if declared.insert(name.clone()) {
                declare(&mut out, name, schema);
            }
        }
        for (name, schema) in &family.roots {
            if let Some(target) = reference(schema).filter(|target| target != name) {
                let _ = writeln!(out, "  export type {name} = {target};");
            }
        }
        out.push_str("}\n");
    }
    out
}

fn reference(schema: &Value) -> Option<String> {
    schema.get("$ref")?.as_str()?.rsplit('/').next().map(str::to_string)
}

/// `export interface` for an object with properties, `export type` for anything else; with its doc.
fn declare(out: &mut String, name: &str, schema: &Value) {
    doc(out, schema, "  ");
    match schema.get("properties").and_then(Value::as_object) {
        Some(properties) if is_plain_object(schema) => {
            let _ = writeln!(out, "  export interface {name} {}", object(schema, properties, "  "));
        }
        _ => {
            let _ = writeln!(out, "  export type {name} = {};", ts(schema, "  "));
        }
    }
}

fn is_plain_object(schema: &Value) -> bool {
    ["oneOf", "anyOf", "allOf", "enum", "const", "$ref"].iter().all(|key| schema.get(key).is_none())
}

fn doc(out: &mut String, schema: &Value, indent: &str) {
    let Some(text) = schema.get("description").and_then(Value::as_str) else { return };
    let text = text.replace("*/", "* /");
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() == 1 {
        let _ = writeln!(out, "{indent}/** {} */", lines[0]);
    } else {
        let _ = writeln!(out, "{indent}/**");
        for line in lines {
            let _ = writeln!(out, "{indent} * {line}").map(|_| ());
        }
        let _ = writeln!(out, "{indent} */");
    }
}

/// `{ name: Type; other?: Type; }`, each property with its doc, at `indent`.
fn object(schema: &Value, properties: &Map<String, Value>, indent: &str) -> String {
    let required: BTreeSet<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let inner = format!("{indent}  ");
    let mut out = String::from("{\n");
    for (name, property) in properties {
        doc(&mut out, property, &inner);
        let optional = if required.contains(name.as_str()) { "" } else { "?" };
        let _ = writeln!(out, "{inner}{}{optional}: {};", key(name), ts(property, &inner));
    }
    if let Some(extra) = schema.get("additionalProperties").filter(|extra| extra.is_object()) {
        let _ = writeln!(out, "{inner}[key: string]: {};", ts(extra, &inner));
    }
    out.push_str(indent);
    out.push('}');
    out
}

fn key(name: &str) -> String {
    let plain = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain { name.to_string() } else { Value::from(name).to_string() }
}

/// The TypeScript type a schema describes.
fn ts(schema: &Value, indent: &str) -> String {
    let Some(map) = schema.as_object() else {
        return if schema == &Value::Bool(false) { "never".into() } else { "unknown".into() };
    };
    if let Some(target) = reference(schema) {
        return target;
    }
    if let Some(value) = map.get("const") {
        return value.to_string();
    }
    if let Some(values) = map.get("enum").and_then(Value::as_array) {
        return union(values.iter().map(Value::to_string));
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = map.get(key).and_then(Value::as_array) {
            return union(options.iter().map(|option| ts(option, indent)));
        }
    }
    if let Some(parts) = map.get("allOf").and_then(Value::as_array) {
        return parts.iter().map(|part| ts(part, indent)).collect::<Vec<_>>().join(" & ");
    }
    match map.get("type") {
        Some(Value::Array(types)) => union(types.iter().map(|t| of_type(map, t.as_str().unwrap_or(""), indent))),
        Some(Value::String(t)) => of_type(map, t, indent),
        _ => "unknown".into(),
    }
}

fn of_type(map: &Map<String, Value>, type_name: &str, indent: &str) -> String {
    match type_name {
        "string" => "string".into(),
        "integer" | "number" => "number".into(),
        "boolean" => "boolean".into(),
        "null" => "null".into(),
        "array" => {
            if let Some(items) = map.get("prefixItems").and_then(Value::as_array) {
                let items: Vec<String> = items.iter().map(|item| ts(item, indent)).collect();
                return format!("[{}]", items.join(", "));
            }
            match map.get("items") {
                Some(items) => {
                    let item = ts(items, indent);
                    if item.contains(' ') { format!("Array<{item}>") } else { format!("{item}[]") }
                }
                None => "unknown[]".into(),
            }
        }
        "object" => match map.get("properties").and_then(Value::as_object) {
            Some(properties) => object(&Value::Object(map.clone()), properties, indent),
            None => match map.get("additionalProperties") {
                Some(extra) if extra.is_object() => format!("{{ [key: string]: {} }}", ts(extra, indent)),
                _ => "{ [key: string]: unknown }".into(),
            },
        },
        _ => "unknown".into(),
    }
}

fn union(types: impl Iterator<Item = String>) -> String {
    let mut seen = Vec::new();
    for t in types {
        if !seen.contains(&t) {
            seen.push(t);
        }
    }
    seen.join(" | ")
}
