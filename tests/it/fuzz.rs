//! The fuzz harness: real scenario files (every preset and every fixture's design) mutated as text and as
//! JSON, with hostile event strings and random options, driven through `clusterplan::run`, the entry point
//! the command uses. Every input must keep the command's promises:
//! - it ends with exit 0, 1 or 2, never a panic; exit 2 writes nothing on stdout and says why on stderr;
//! - JSON output is JSON, and `validate` and `ips` exit 1 exactly when a finding is an error;
//! - no control character of the user's reaches the terminal: text output and stderr hold none but newlines;
//! - the same input gives the same output, byte for byte;
//! - an event the engine refuses changes nothing: the outcome is the one without it.
//!
//! CI tries 10,000 inputs (two tests of 5,000, one per family), and 2,000 files for the importers (the
//! Calculator's CSV files and the collector's documents, mutated as text and written in every encoding). `FUZZ_CASES=1000000 cargo test --release -p
//! clusterplan-tests --test integration fuzz -- --nocapture` runs the long mode and prints how the inputs
//! ended. A failure is shrunk to a small input and printed; each bug found becomes a named test in
//! `hostile.rs`.

use std::sync::OnceLock;

use clusterplan_core::{cluster, dag};
use clusterplan_tests::mutate::{TextEdit, apply as apply_text, text_edit};
use clusterplan_tests::{Run, design_value, fixture_files};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Value, json};

/// How many inputs to try in all: `FUZZ_CASES`, else 10,000.
fn total_cases() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000)
}

/// The designs mutations start from, per family: the presets and every fixture's design.
struct Seeds {
    cluster: Vec<Value>,
    dag: Vec<Value>,
}

fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut seeds = Seeds { cluster: Vec::new(), dag: Vec::new() };
        let presets = cluster::presets::PRESETS.iter().chain(dag::presets::PRESETS).map(|(id, _)| json!(id));
        let fixtures = ["scenarios", "timelines", "dags"].into_iter().flat_map(fixture_files).filter_map(|file| {
            let text = std::fs::read_to_string(&file).ok()?;
            let fixture: Value = serde_json::from_str(&text).ok()?;
            design_value(fixture.get("design")?, fixture.get("patch")).ok()
        });
        for id in presets {
            let value = design_value(&id, None).expect("a preset");
            push_seed(&mut seeds, value);
        }
        fixtures.for_each(|value| push_seed(&mut seeds, value));
        seeds
    })
}

fn push_seed(seeds: &mut Seeds, value: Value) {
    let list = if value.get("kind") == Some(&json!("dag")) { &mut seeds.dag } else { &mut seeds.cluster };
    if !list.contains(&value) {
        list.push(value);
    }
}

/// Strings that break designs: names that collide, hold control characters, separators or bidirectional
/// overrides, or run long; subnets at the edges.
fn nasty_strings() -> Vec<Value> {
    [
        "",
        " ",
        "x\ny",
        "forged\n EVS9  online  node1",
        "\u{1b}[31mred",
        "a/b",
        "a@b",
        "a:b",
        "a-b",
        "a=b",
        "\u{202e}evil",
        "node1",
        "node2",
        "EVS1",
        "ex1",
        "ex2",
        "dc1",
        "dc2",
        "db1",
        "public",
        "private",
        "Q",
        "dag",
        "DAG",
        "0.0.0.0/0",
        "10.0.0.0/31",
        "10.0.0.0/32",
        "::1/128",
        "2019",
        "2010",
        "mapi",
    ]
    .into_iter()
    .map(Value::from)
    .chain([Value::from("N".repeat(300))])
    .collect()
}

/// Numbers at every width's edge.
fn nasty_numbers() -> Vec<Value> {
    vec![
        json!(0),
        json!(-1),
        json!(1),
        json!(2),
        json!(3),
        json!(9),
        json!(23),
        json!(24),
        json!(65_535),
        json!(65_536),
        json!(4_294_967_295u64),
        json!(4_294_967_296u64),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(1e308),
        json!(0.5),
    ]
}

/// Any JSON value, of the wrong type as often as not.
fn nasty_values() -> Vec<Value> {
    let mut values = nasty_strings();
    values.extend(nasty_numbers());
    values.extend([
        json!(true),
        json!(false),
        json!(null),
        json!([]),
        json!({}),
        json!(["node1", "node1"]),
        json!({ "name": "x" }),
    ]);
    values
}

/// A replacement for a value: of its own type (a string for a string, a number for a number), or, when
/// `wild`, of any type.
#[derive(Debug, Clone)]
struct Nasty {
    pick: Index,
    wild: bool,
}

impl Nasty {
    fn for_value(&self, old: &Value) -> Value {
        let pool = match old {
            _ if self.wild => nasty_values(),
            Value::String(_) => nasty_strings(),
            Value::Number(_) => nasty_numbers(),
            Value::Bool(b) => vec![json!(!b)],
            _ => nasty_values(),
        };
        pool[self.pick.index(pool.len())].clone()
    }
}

fn nasty() -> impl Strategy<Value = Nasty> {
    (any::<Index>(), prop::bool::weighted(0.15)).prop_map(|(pick, wild)| Nasty { pick, wild })
}

fn nasty_value() -> impl Strategy<Value = Value> {
    any::<Index>().prop_map(|pick| {
        let pool = nasty_values();
        pool[pick.index(pool.len())].clone()
    })
}

/// A place in a JSON document: which key or element to take at each level, as far as the value goes.
type Path = Vec<Index>;

/// One change to a design's JSON.
#[derive(Debug, Clone)]
enum Edit {
    Set(Path, Nasty),
    Remove(Path),
    /// Repeats the first array on the path's element `n` times, renaming the copies when asked.
    Grow(Path, u8, bool),
}

fn edit() -> impl Strategy<Value = Edit> {
    let path = || prop::collection::vec(any::<Index>(), 1..6);
    prop_oneof![
        6 => (path(), nasty()).prop_map(|(path, value)| Edit::Set(path, value)),
        1 => path().prop_map(Edit::Remove),
        1 => (path(), 1..40u8, any::<bool>()).prop_map(|(path, n, rename)| Edit::Grow(path, n, rename)),
    ]
}

/// The place `path` reaches in `value`, as JSON Pointer tokens: at each level the key (in key order) or
/// element it picks, as far as containers go.
fn tokens(value: &Value, path: &[Index]) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut at = value;
    for index in path {
        let (token, next) = match at {
            Value::Object(map) if !map.is_empty() => {
                let (key, next) = map.iter().nth(index.index(map.len())).expect("an entry");
                (key.replace('~', "~0").replace('/', "~1"), next)
            }
            Value::Array(items) if !items.is_empty() => {
                let i = index.index(items.len());
                (i.to_string(), &items[i])
            }
            _ => break,
        };
        tokens.push(token);
        at = next;
    }
    tokens
}

fn pointer(tokens: &[String]) -> String {
    tokens.iter().map(|t| format!("/{t}")).collect()
}

fn apply(value: &mut Value, edit: &Edit) {
    match edit {
        Edit::Set(path, new) => {
            let at = pointer(&tokens(value, path));
            if let Some(slot) = value.pointer_mut(&at) {
                *slot = new.for_value(slot);
            }
        }
        Edit::Remove(path) => {
            let tokens = tokens(value, path);
            let Some((last, parent)) = tokens.split_last() else { return };
            match value.pointer_mut(&pointer(parent)) {
                Some(Value::Object(map)) => {
                    map.remove(&last.replace("~1", "/").replace("~0", "~"));
                }
                Some(Value::Array(items)) => {
                    items.remove(last.parse::<usize>().expect("an element"));
                }
                _ => {}
            }
        }
        Edit::Grow(path, n, rename) => {
            let tokens = tokens(value, path);
            for i in 0..tokens.len() {
                if let Some(Value::Array(items)) = value.pointer_mut(&pointer(&tokens[..i])) {
                    let original = items[tokens[i].parse::<usize>().expect("an element")].clone();
                    for copy in 0..*n {
                        let mut item = original.clone();
                        if let (true, Some(Value::String(name))) = (*rename, item.get_mut("name")) {
                            name.push_str(&format!("-{copy}"));
                        }
                        items.push(item);
                    }
                    return;
                }
            }
        }
    }
}

/// Stray tokens for the text edits.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "null",
    "-",
    "1e999",
    "\\u0000",
    "\\ud800",
    "\u{0}",
    "\u{ff}",
    "\n",
    "xyz",
    "\"kind\": \"dag\",",
    "{\"version\": 1}",
];

/// An event as the user might type it: one of the family's event forms (sometimes the other family's),
/// its placeholders filled with the design's names (sometimes a hostile one), maybe a time.
#[derive(Debug, Clone)]
struct EventText {
    form: Index,
    foreign: bool,
    picks: (Index, Index),
    hostile: Option<Value>,
    time: Option<&'static str>,
}

const TIMES: &[&str] = &[
    "0s",
    "500ms",
    "30s",
    "10min",
    "1.5h",
    "2h",
    "-5s",
    "",
    "5 s",
    "10x",
    "1e3s",
    "0.0001s",
    "277777777h",
    "277777778h",
    "42535295865117307932921825928971026462s",
];

fn event_text() -> impl Strategy<Value = EventText> {
    (
        any::<Index>(),
        prop::bool::weighted(0.05),
        any::<(Index, Index)>(),
        prop::option::weighted(0.1, nasty_value()),
        prop::option::weighted(0.2, prop::sample::select(TIMES)),
    )
        .prop_map(|(form, foreign, picks, hostile, time)| EventText { form, foreign, picks, hostile, time })
}

/// The names of a design's list (`nodes`, `servers`, …), or of a group's resources.
fn names_of(list: Option<&Value>) -> Vec<String> {
    list.and_then(Value::as_array)
        .map(|items| items.iter().filter_map(|i| i.get("name")?.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// A name for an event form's placeholder (`NODE`, `GROUP/RESOURCE`, `SITE-SITE`, `DB@SERVER`, …).
fn fill(placeholder: &str, design: &Value, picks: &(Index, Index)) -> String {
    let one = |key: &str, pick: &Index| {
        let names = names_of(design.get(key));
        if names.is_empty() { "nothing".to_string() } else { names[pick.index(names.len())].clone() }
    };
    let list = |word: &str| match word {
        "NODE" => "nodes",
        "GROUP" => "groups",
        "NETWORK" => "networks",
        "DISK" => "disks",
        "SERVER" => "servers",
        "SITE" => "sites",
        _ => "databases",
    };
    if let Some((group_word, _)) = placeholder.split_once("/RESOURCE") {
        let group = one(list(group_word), &picks.0);
        let groups = design.get("groups").and_then(Value::as_array).cloned().unwrap_or_default();
        let resources = groups
            .iter()
            .find(|g| g.get("name").and_then(Value::as_str) == Some(group.as_str()))
            .map(|g| names_of(g.get("resources")))
            .unwrap_or_default();
        let resource = if resources.is_empty() {
            "nothing".to_string()
        } else {
            resources[picks.1.index(resources.len())].clone()
        };
        return format!("{group}/{resource}");
    }
    for separator in ['/', '=', '@', '-'] {
        if let Some((a, b)) = placeholder.split_once(separator) {
            return format!("{}{separator}{}", one(list(a), &picks.0), one(list(b), &picks.1));
        }
    }
    one(list(placeholder), &picks.0)
}

impl EventText {
    fn text(&self, design: &Value) -> String {
        let dag = (design.get("kind") == Some(&json!("dag"))) != self.foreign;
        let forms: Vec<&str> = if dag {
            dag::event::EVENT_FORMS.iter().map(|(form, _)| *form).collect()
        } else {
            cluster::event::EVENT_FORMS.iter().map(|(form, _)| *form).collect()
        };
        let form = forms[self.form.index(forms.len())];
        let mut text = match (form.split_once(':'), &self.hostile) {
            (None, _) => form.to_string(),
            (Some((verb, _)), Some(Value::String(name))) => format!("{verb}:{name}"),
            (Some((verb, _)), Some(other)) => format!("{verb}:{other}"),
            (Some((verb, placeholder)), None) => format!("{verb}:{}", fill(placeholder, design, &self.picks)),
        };
        // DAG events are untimed: a time on one is tried now and then, not every fifth event.
        if let Some(time) = self.time.filter(|_| !dag || self.foreign || self.picks.1.index(4) == 0) {
            text.push('@');
            text.push_str(time);
        }
        text
    }
}

/// What to ask of the design.
#[derive(Debug, Clone)]
enum Command {
    Validate,
    Simulate { events: Vec<EventText>, timeline: bool, hour: Option<u8> },
    Ips { subnets: Vec<&'static str>, reserve: Option<u64> },
    Analyze { max_failures: u8, summary: bool },
}

fn command() -> impl Strategy<Value = Command> {
    let subnet = prop::sample::select(vec![
        "192.168.10.0/24",
        "public=10.0.0.0/29",
        "private=10.0.0.0/31",
        "public=10.0.0.0/32",
        "0.0.0.0/0",
        "10.1.0.0/16",
        "public=10.0.0.0/24",
        "lan=10.0.0.0/24",
        "::1/128",
    ]);
    let reserve = prop::sample::select(vec![0u64, 1, 2, 250, 65_536, 4_294_967_295, 4_294_967_296]);
    prop_oneof![
        1 => Just(Command::Validate),
        4 => (prop::collection::vec(event_text(), 0..6), any::<bool>(), prop::option::weighted(0.2, 0..25u8))
            .prop_map(|(events, timeline, hour)| Command::Simulate { events, timeline, hour }),
        1 => (prop::collection::vec(subnet, 0..3), prop::option::of(reserve))
            .prop_map(|(subnets, reserve)| Command::Ips { subnets, reserve }),
        1 => (0..3u8, any::<bool>()).prop_map(|(max_failures, summary)| Command::Analyze { max_failures, summary }),
    ]
}

impl Command {
    /// The arguments; for a DAG the 2003-only options (`--timeline`, `--hour`, `--subnet`) are dropped
    /// unless `foreign` keeps them, to see them refused.
    fn args(&self, design: &Value, text: bool, foreign: bool) -> Vec<String> {
        let cluster_only = foreign || design.get("kind") != Some(&json!("dag"));
        let mut args: Vec<String> = match self {
            Command::Validate => vec!["validate".into(), "-".into()],
            Command::Simulate { events, timeline, hour } => {
                let mut args = vec!["simulate".to_string(), "-".to_string()];
                args.extend(events.iter().map(|e| e.text(design)));
                if *timeline && cluster_only {
                    args.push("--timeline".into());
                }
                if let Some(hour) = hour.filter(|_| cluster_only) {
                    args.push(format!("--hour={hour}"));
                }
                args
            }
            Command::Ips { subnets, reserve } => {
                let mut args = vec!["ips".to_string(), "-".to_string()];
                args.extend(subnets.iter().filter(|_| cluster_only).map(|s| format!("--subnet={s}")));
                args.extend(reserve.map(|r| format!("--reserve={r}")));
                args
            }
            Command::Analyze { max_failures, summary } => {
                let mut args = vec!["analyze".to_string(), "-".to_string(), format!("--max-failures={max_failures}")];
                if *summary {
                    args.push("--summary".into());
                }
                args
            }
        };
        if text {
            args.push("--format=text".into());
        }
        args
    }
}

/// One whole input: a seed design, its edits, the command, the output format.
#[derive(Debug, Clone)]
struct Input {
    seed: Index,
    edits: Vec<Edit>,
    text_edits: Vec<TextEdit>,
    pretty: bool,
    command: Command,
    text: bool,
    foreign: bool,
}

fn input() -> impl Strategy<Value = Input> {
    (
        any::<Index>(),
        prop_oneof![2 => Just(Vec::new()), 3 => prop::collection::vec(edit(), 1..3)],
        prop_oneof![4 => Just(Vec::new()), 1 => prop::collection::vec(text_edit(TOKENS), 1..3)],
        any::<bool>(),
        command(),
        prop::bool::weighted(0.3),
        prop::bool::weighted(0.05),
    )
        .prop_map(|(seed, edits, text_edits, pretty, command, text, foreign)| Input {
            seed,
            edits,
            text_edits,
            pretty,
            command,
            text,
            foreign,
        })
}

fn run(args: &[String], stdin: &[u8]) -> Run {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    clusterplan_tests::run_bytes(&args, stdin)
}

/// Whether any character but a newline is a control character or a bidirectional override.
fn unsafe_text(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

/// The promises, checked on one input: its exit code, or which promise broke.
fn check(input: &Input, seeds: &[Value]) -> Result<i32, String> {
    let mut design = seeds[input.seed.index(seeds.len())].clone();
    for edit in &input.edits {
        apply(&mut design, edit);
    }
    let args = input.command.args(&design, input.text, input.foreign);
    let mut bytes = if input.pretty { serde_json::to_vec_pretty(&design) } else { serde_json::to_vec(&design) }
        .expect("a JSON value writes");
    for edit in &input.text_edits {
        apply_text(&mut bytes, edit);
    }
    let first = run(&args, &bytes);
    let (stdout, stderr) = (&first.stdout, &first.stderr);
    let say = |what: &str| format!("{what}\nargs: {args:?}\nexit {}\nstderr: {stderr}", first.code);
    match first.code {
        0 | 1 => {
            if !stderr.is_empty() {
                return Err(say("a result with something on stderr"));
            }
        }
        2 => {
            if std::env::var("FUZZ_SHOW").is_ok() {
                eprintln!("{}", stderr.lines().next().unwrap_or_default().chars().take(150).collect::<String>());
            }
            if !stdout.is_empty() {
                return Err(say("exit 2 with output on stdout"));
            }
            if !(stderr.starts_with("clusterplan: ") || stderr.starts_with("error: ")) {
                return Err(say("exit 2 without a message"));
            }
        }
        other => return Err(say(&format!("exit code {other}"))),
    }
    if let Some(c) = unsafe_text(stderr) {
        return Err(say(&format!("stderr holds {c:?}")));
    }
    if input.text {
        if let Some(c) = unsafe_text(stdout) {
            return Err(say(&format!("text output holds {c:?}")));
        }
    } else if first.code != 2 {
        let output: Value = serde_json::from_str(stdout).map_err(|e| say(&format!("stdout is not JSON: {e}")))?;
        let errors = output
            .get("findings")
            .and_then(Value::as_array)
            .is_some_and(|findings| findings.iter().any(|f| f.get("severity") == Some(&json!("error"))));
        if matches!(input.command, Command::Validate | Command::Ips { .. }) && errors != (first.code == 1) {
            return Err(say("the exit code does not match the error findings"));
        }
        refusals_change_nothing(input, &args, &bytes, &output).map_err(|e| say(&e))?;
    }
    let second = run(&args, &bytes);
    if second != first {
        return Err(say("the same input gave a different output"));
    }
    Ok(first.code)
}

/// Simulating without the events the engine refused gives the same outcome.
fn refusals_change_nothing(input: &Input, args: &[String], stdin: &[u8], output: &Value) -> Result<(), String> {
    let Command::Simulate { events, timeline: false, .. } = &input.command else { return Ok(()) };
    if events.iter().any(|e| e.time.is_some()) {
        return Ok(());
    }
    let Some(reports) = output.get("events").and_then(Value::as_array) else { return Ok(()) };
    let refused = |report: &Value| {
        report.get("refused").is_some_and(|r| !r.is_null()) || report.get("applied") == Some(&json!(false))
    };
    if !reports.iter().any(refused) {
        return Ok(());
    }
    // The events follow the verb and the file, in order, before any option.
    let mut kept: Vec<String> = args[..2].to_vec();
    let mut report = reports.iter();
    for arg in &args[2..] {
        let option = arg.starts_with("--");
        if option || !report.next().is_some_and(refused) {
            kept.push(arg.clone());
        }
    }
    let again = run(&kept, stdin);
    let mut without: Value = serde_json::from_str(&again.stdout)
        .map_err(|e| format!("without the refused events, stdout is not JSON ({e}): exit {}", again.code))?;
    let mut with = output.clone();
    for value in [&mut with, &mut without] {
        if let Some(map) = value.as_object_mut() {
            map.remove("events");
        }
    }
    if with != without {
        return Err(format!("refused events changed the outcome; without them: {kept:?}"));
    }
    Ok(())
}

/// Tries `cases` inputs on one family's seeds; prints how they ended (see it with `--nocapture`).
fn fuzz(family: &str, seeds: &[Value], cases: u32) {
    let config =
        ProptestConfig { cases, max_shrink_iters: 2048, failure_persistence: None, ..ProptestConfig::default() };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let ended = std::cell::RefCell::new([0u32; 3]);
    let started = std::time::Instant::now();
    let result = runner.run(&input(), |input| {
        let code = check(&input, seeds).map_err(TestCaseError::fail)?;
        ended.borrow_mut()[code as usize] += 1;
        Ok(())
    });
    let [ok, findings, refused] = *ended.borrow();
    eprintln!(
        "fuzz {family}: {cases} inputs in {:.1} s: {ok} exit 0, {findings} exit 1, {refused} exit 2",
        started.elapsed().as_secs_f64()
    );
    if let Err(failure) = result {
        panic!("fuzz {family}: {failure}");
    }
}

#[test]
fn fuzz_cluster_designs() {
    fuzz("2003 clusters", &seeds().cluster, total_cases() / 2);
}

#[test]
fn fuzz_dag_designs() {
    fuzz("DAGs", &seeds().dag, total_cases() - total_cases() / 2);
}

#[test]
fn the_seeds_cover_both_families() {
    let seeds = seeds();
    assert!(seeds.cluster.len() >= 20, "{} cluster seeds", seeds.cluster.len());
    assert!(seeds.dag.len() >= 10, "{} DAG seeds", seeds.dag.len());
}

/// Files by name, as an import reads them.
type Files = Vec<(String, Vec<u8>)>;

/// The importers' seeds: the Calculator fixtures (each folder's files) and the collector's documents.
fn import_seeds() -> Vec<(&'static str, Files)> {
    let dir = clusterplan_tests::fixtures_dir();
    let read = |folder: &str| -> Files {
        let mut files: Files = std::fs::read_dir(dir.join(folder))
            .expect("a fixture folder")
            .map(|e| e.expect("an entry").path())
            .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
            .collect();
        files.sort();
        files
    };
    let mut seeds =
        vec![("calculator", read("calculator/two-datacenters")), ("calculator", read("calculator/older-version"))];
    for file in read("ems") {
        seeds.push(("ems", vec![file]));
    }
    seeds
}

/// Text in another encoding the tools write: UTF-8 with a BOM, UTF-16LE with and without one, UTF-16BE.
fn encode(bytes: &[u8], encoding: u8) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(bytes) else { return bytes.to_vec() };
    let units = || text.encode_utf16();
    match encoding % 5 {
        1 => [&[0xEF, 0xBB, 0xBF][..], bytes].concat(),
        2 => [0xFF, 0xFE].into_iter().chain(units().flat_map(u16::to_le_bytes)).collect(),
        3 => units().flat_map(u16::to_le_bytes).collect(),
        4 => [0xFE, 0xFF].into_iter().chain(units().flat_map(u16::to_be_bytes)).collect(),
        _ => bytes.to_vec(),
    }
}

const IMPORT_TOKENS: &[&str] = &[
    ",",
    "\"",
    "\r\n",
    "\n",
    "\"\"",
    ", \"",
    "VersionNumber",
    "SchemaVersion",
    "255.255.255.255",
    "7.00:00:00",
    "-1",
    "0",
    "99999999999999999999",
    "MBX-09",
    "EX9",
    "DagOnly",
    "\u{0}",
    "\u{202e}",
    "{",
    "}",
    "[",
    "]",
    ":",
    "null",
    "\"Key\"",
    "\"Value\"",
    "\"[EX1, 1]\"",
    "System.Object[]",
    "Down",
    "Mounted",
    "1e400",
    "\u{FEFF}",
];

#[test]
fn fuzz_importers() {
    use clusterplan_core::dag::import::Source;
    let seeds = import_seeds();
    let cases = (total_cases() / 5).max(1);
    let config = ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let strategy = (
        any::<Index>(),
        any::<Index>(),
        proptest::collection::vec(text_edit(IMPORT_TOKENS), 0..6),
        any::<u8>(),
        any::<bool>(),
    );
    let ended = std::cell::RefCell::new([0u32; 2]);
    let result = runner.run(&strategy, |(seed, file, edits, encoding, drop_one)| {
        let (kind, files) = &seeds[seed.index(seeds.len())];
        let mut files = files.clone();
        let chosen = file.index(files.len());
        for edit in &edits {
            apply_text(&mut files[chosen].1, edit);
        }
        files[chosen].1 = encode(&files[chosen].1, encoding);
        if drop_one && files.len() > 1 {
            files.remove(chosen);
        }
        let sources: Vec<Source<'_>> = files.iter().map(|(name, bytes)| Source { name, bytes }).collect();
        let first = clusterplan_core::verbs::import(kind, &sources, None);
        // The same files give the same answer.
        prop_assert_eq!(&first, &clusterplan_core::verbs::import(kind, &sources, None));
        match first {
            Ok(imported) => {
                // What an import prints is a design the engine loads as any file.
                let text = serde_json::to_string(&imported.scenario).unwrap();
                prop_assert!(clusterplan_core::verbs::load(&text).is_ok(), "an import that does not load: {text}");
                ended.borrow_mut()[0] += 1;
            }
            Err(refusal) => {
                // Refused with where: a file name (and a line or a JSON path) for each problem.
                prop_assert!(!refusal.errors.is_empty());
                for error in &refusal.errors {
                    prop_assert!(!error.message.is_empty());
                    prop_assert!(!error.path.is_empty() || error.message.contains(".csv"), "{:?}", error);
                }
                ended.borrow_mut()[1] += 1;
            }
        }
        Ok(())
    });
    let [imported, refused] = *ended.borrow();
    eprintln!("fuzz importers: {cases} inputs: {imported} imported, {refused} refused");
    if let Err(failure) = result {
        panic!("fuzz importers: {failure}");
    }
}
