//! The house rules of the source tree, checked on every `cargo test`: every module opens with a `//!` line
//! saying what it is for; the two families (2003 clusters, DAGs) never import each other and the shared
//! layers import neither; no import circle between modules; no source file over 600 lines before its
//! tests; core stays pure (no IO, clock, randomness or wasm-bindgen).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The workspace root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the tests crate sits in the workspace").to_path_buf()
}

/// Every `.rs` file below `folder` (relative to the root), sorted.
fn rust_files(folder: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.map(|e| e.expect("a readable folder entry")) {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, files);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root().join(folder), &mut files);
    files.sort();
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The part of a file before its `#[cfg(test)]` module: what ships.
fn shipped(text: &str) -> &str {
    text.find("\n#[cfg(test)]").map_or(text, |end| &text[..end])
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).display().to_string()
}

/// The crates' sources, the integration tests, benches and examples.
const FOLDERS: &[&str] =
    &["core/src", "core/benches", "core/examples", "cli/src", "cli/tests", "web/src", "tests/src", "tests/it"];

#[test]
fn every_module_says_what_it_is_for() {
    let mut missing = Vec::new();
    for folder in FOLDERS {
        for file in rust_files(folder) {
            if !read(&file).starts_with("//! ") {
                missing.push(relative(&file));
            }
        }
    }
    assert!(missing.is_empty(), "these files do not open with a `//!` line: {missing:?}");
}

/// Which paths a part of the tree must never name, and why.
const FORBIDDEN: &[(&str, &[&str], &str)] = &[
    ("core/src/cluster", &["crate::dag", "clusterplan_core::dag"], "the 2003 family imports the DAG family"),
    ("core/src/dag", &["crate::cluster", "clusterplan_core::cluster"], "the DAG family imports the 2003 family"),
    ("web/src/cluster", &["crate::dag", "clusterplan_core::dag"], "the 2003 planner imports the DAG planner"),
    ("web/src/dag", &["crate::cluster", "clusterplan_core::cluster"], "the DAG planner imports the 2003 planner"),
    (
        "web/src/shell",
        &["crate::cluster", "crate::dag", "clusterplan_core::cluster", "clusterplan_core::dag"],
        "the shell imports a family",
    ),
];

#[test]
fn the_families_never_import_each_other() {
    let mut crossings = Vec::new();
    for (folder, paths, why) in FORBIDDEN {
        for file in rust_files(folder) {
            let text = read(&file);
            for path in paths.iter().filter(|path| shipped(&text).contains(*path)) {
                crossings.push(format!("{}: {why} ({path})", relative(&file)));
            }
        }
    }
    // Core's shared layer (the files at the root of core/src) imports neither family; the crate root and
    // the verbs, which put both families behind the command line's verbs, sit over them.
    for file in rust_files("core/src").into_iter().filter(|f| f.parent() == Some(&root().join("core/src"))) {
        let text = read(&file);
        if file.ends_with("lib.rs") || file.ends_with("verbs.rs") {
            continue;
        }
        for path in ["crate::cluster", "crate::dag"].into_iter().filter(|path| shipped(&text).contains(path)) {
            crossings.push(format!("{}: the shared layer imports a family ({path})", relative(&file)));
        }
    }
    assert!(crossings.is_empty(), "{}", crossings.join("\n"));
}

#[test]
fn core_is_pure() {
    let manifest = read(&root().join("core/Cargo.toml"));
    assert!(!manifest.contains("wasm-bindgen"), "core depends on wasm-bindgen");
    let mut impure = Vec::new();
    for file in rust_files("core/src") {
        let text = read(&file);
        for effect in ["std::fs", "std::time", "std::env", "std::net::Tcp", "std::process", "println!", "eprintln!"] {
            if shipped(&text).contains(effect) {
                impure.push(format!("{}: {effect}", relative(&file)));
            }
        }
    }
    assert!(impure.is_empty(), "core does IO or reads the clock: {impure:?}");
}

/// The path of a file's module below `src` (`cluster/engine/placement`, `cluster/engine` for its `mod.rs`).
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let mut parts: Vec<String> = file
        .strip_prefix(src)
        .expect("a file of the crate")
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    if parts.last().is_some_and(|last| last == "mod" || last == "lib" || last == "main") {
        parts.pop();
    }
    parts
}

/// A module path collapsed to the level where circles matter: a family's (or the shell's) modules with
/// everything below them (`cluster/engine`), and the crate root's modules (`finding`).
fn collapse(path: &[String]) -> String {
    let depth = if matches!(path.first().map(String::as_str), Some("cluster" | "dag" | "shell")) { 2 } else { 1 };
    path.iter().take(depth).cloned().collect::<Vec<_>>().join("/")
}

/// The modules a file's code names through `crate::…` and `super::…` paths.
fn named_modules(src: &Path, file: &Path, text: &str) -> BTreeSet<String> {
    let here = module_path(src, file);
    let mut named = BTreeSet::new();
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')) {
        let mut segments = word.split("::").filter(|s| !s.is_empty()).peekable();
        let mut path: Vec<String> = match segments.peek() {
            Some(&"crate") => {
                segments.next();
                Vec::new()
            }
            Some(&"super") => {
                let mut path = here.clone();
                while segments.peek() == Some(&"super") {
                    segments.next();
                    path.pop();
                }
                path
            }
            _ => continue,
        };
        path.extend(segments.map(str::to_string));
        if !path.is_empty() {
            named.insert(collapse(&path));
        }
    }
    named
}

/// The first circle of imports between the modules of a crate's source, if any.
fn circle(src_folder: &str) -> Option<Vec<String>> {
    let src = root().join(src_folder);
    let files = rust_files(src_folder);
    let modules: BTreeSet<String> =
        files.iter().map(|f| collapse(&module_path(&src, f))).filter(|m| !m.is_empty()).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let from = collapse(&module_path(&src, file));
        let text = read(file);
        let named = named_modules(&src, file, shipped(&text));
        let named: Vec<String> = named.into_iter().filter(|to| *to != from && modules.contains(to)).collect();
        edges.entry(from).or_default().extend(named);
    }
    // Depth-first search for a back edge.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut circle = path[start..].to_vec();
            circle.push(node.to_string());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, edges, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    modules.iter().find_map(|module| visit(module, &edges, &mut Vec::new(), &mut done))
}

#[test]
fn no_import_circles() {
    for src in ["core/src", "web/src"] {
        if let Some(circle) = circle(src) {
            panic!("{src}: modules import each other in a circle: {}", circle.join(" → "));
        }
    }
}

/// The sections a source document is cited by, as docs/domain.md lists them after "Its sections:".
fn listed_sections(domain: &str, document: &str) -> Vec<String> {
    let domain = domain.split_whitespace().collect::<Vec<_>>().join(" ");
    let start = domain.find(document).unwrap_or_else(|| panic!("docs/domain.md lists {document}"));
    let listing = &domain[start..];
    let listing = &listing[listing.find("Its sections:").expect("a list of sections")..];
    let listing =
        &listing[..listing.find(" - **").or_else(|| listing.find("Other public pages")).unwrap_or(listing.len())];
    listing.split('"').skip(1).step_by(2).map(str::to_string).collect()
}

#[test]
fn the_source_documents_are_cited_by_their_real_headings() {
    let domain = read(&root().join("docs/domain.md"));
    let guide = listed_sections(&domain, "**The clustering guide**");
    let overview = listed_sections(&domain, "**The HA overview**");
    assert!(
        guide.contains(&"Understanding Failovers".to_string()) && overview.contains(&"Site resilience".to_string())
    );
    let mut wrong = Vec::new();
    for file in ["core/src/sources.rs", "core/src/cluster/lessons.rs", "core/src/dag/lessons.rs"] {
        let text = read(&root().join(file));
        // A citation names several documents separated by ';': look at each part alone.
        for line in text.lines().flat_map(|line| line.split(';')) {
            let (sections, document) = if line.contains("clustering guide,") {
                (&guide, "the clustering guide")
            } else if line.contains("High availability and site resilience in Exchange Server") {
                (&overview, "the HA overview")
            } else {
                continue;
            };
            // Quoted headings in the line, after the document's name; the title itself is not a section.
            let quoted: Vec<&str> = line.split("\\\"").skip(1).step_by(2).collect();
            for heading in quoted {
                let title = heading == "Understanding Exchange Server 2003 Clustering"
                    || heading == "High availability and site resilience in Exchange Server";
                if !title && !sections.iter().any(|s| s == heading) {
                    wrong.push(format!("{file}: \"{heading}\" is not a section of {document}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
