//! Reading a DAG from a file, a link or the autosave, and why one cannot be read: a bare DAG scenario or a
//! saved design (the scenario and its events); the Role Requirements Calculator's CSV files and the
//! collector's document of a running DAG, read by the component's importer in its worker, with what their
//! import assumed.

use clusterplan_core::dag::Design;
use clusterplan_core::dag::model::Scenario;
use clusterplan_core::scenario::Family;

use clusterplan_core::dag::import::{Imported, NoteKind};

use crate::shell::files::Brought;
use crate::shell::files::{Reading, import_kind, one_design_of};
use crate::shell::notice::{Notice, Problem};
use crate::shell::share;

type Saved = share::Saved<Scenario>;

/// A design file's DAG, or why not in words (and where in the file).
pub fn read_file(text: &str) -> Result<Saved, Problem> {
    if Family::of(text) == Family::Dag {
        return Design::from_json(text)
            .map(|dag| Saved::healthy(dag.scenario))
            .map_err(|errors| Problem::from(&errors));
    }
    from_json(text).map_err(Problem::from)
}

/// Reads a saved DAG (autosave, export, link) or a bare DAG scenario file, with the field path of what is
/// wrong.
pub fn from_json(text: &str) -> Result<Saved, String> {
    if Family::of(text) == Family::Dag {
        return Design::from_json(text).map(|dag| Saved::healthy(dag.scenario)).map_err(|errors| errors.to_string());
    }
    if let Some(problem) = clusterplan_core::scenario::not_a_design(text) {
        return Err(problem);
    }
    if !text.contains("\"scenario\"") {
        return Err(
            "it is not a DAG design (a DAG file says \"kind\": \"dag\"; 2003 clusters open in the cluster planner)"
                .into(),
        );
    }
    share::saved_from_json(text)
}

/// Where files brought to the DAG planner are read: the Calculator's CSV files and the collector's document
/// by the component's importer, in its worker; a 2003 cluster's design file by the cluster planner; a DAG's
/// design file here.
pub fn reading(files: &[Brought]) -> Reading {
    match import_kind(files) {
        Some(kind) => Reading::Import(kind),
        None if one_design_of(files, Family::Cluster) => Reading::Elsewhere("../"),
        None => Reading::Here,
    }
}

/// What the component's importer read (`{design, notes}` as JSON), or why it cannot be read.
pub fn read_imported(result: &str) -> Result<Imported, Problem> {
    clusterplan_core::read::from_json::<Imported>(result)
        .map_err(|_| Problem::from("the importer's answer cannot be read".to_string()))
}

/// The design an import of `kind` made, with the notice of what it assumed and left out.
pub fn imported(kind: &str, result: &str) -> Result<(Saved, Notice), Problem> {
    let imported = read_imported(result)?;
    let notice = imported_notice(kind, &imported);
    Ok((Saved::healthy(imported.scenario), notice))
}

/// What an import made and assumed, for the notice bar: what was read, then each assumption and each
/// property left out in small print.
pub fn imported_notice(kind: &str, imported: &Imported) -> Notice {
    let from = match kind {
        "calculator" => "the Role Requirements Calculator's files",
        _ => "the running DAG's document",
    };
    let s = &imported.scenario;
    let mut notice = Notice::info(format!(
        "Imported {} from {from}: {} members, {} databases. What the files do not say was assumed; see below.",
        s.dag_name,
        s.servers.len(),
        s.databases.len()
    ));
    let lines: Vec<String> = imported
        .notes
        .iter()
        .map(|note| {
            let kind = if note.kind == NoteKind::Assumed { "Assumed" } else { "Left out" };
            format!("{kind} ({}): {}", note.file, note.message)
        })
        .collect();
    notice.detail = Some(lines.join(" · "));
    notice
}
