//! Reading a DAG from a file, a link or the autosave, and why one cannot be read: a bare DAG scenario or a
//! saved design (the scenario and its events); the Role Requirements Calculator's CSV files and the
//! collector's document of a running DAG, with what their import assumed.

use clusterplan_core::dag::Design;
use clusterplan_core::dag::model::Scenario;
use clusterplan_core::scenario::Family;

use clusterplan_core::dag::import::{Imported, NoteKind, Source};

use crate::shell::files::Brought;
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

/// What the import of files of another tool is: the Calculator's CSV files or the collector's document;
/// `None` for a design file.
pub fn import_kind(files: &[Brought]) -> Option<&'static str> {
    let named: Vec<(&str, &[u8])> = files.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())).collect();
    clusterplan_core::verbs::import_kind(&named)
}

/// Files opened or dropped at once: the Calculator's files, the collector's document, or one design file.
pub fn read_brought(files: &[Brought]) -> Result<(Saved, Option<Notice>), Problem> {
    let Some(kind) = import_kind(files) else {
        return match files {
            [(_, bytes)] => match std::str::from_utf8(bytes) {
                Ok(text) => read_file(text).map(|saved| (saved, None)),
                Err(error) => Err(Problem::from(format!("it is not UTF-8 text (byte {})", error.valid_up_to()))),
            },
            _ => Err(Problem::from(format!(
                "{} files were chosen: a design is one file, the Calculator's export its CSV files",
                files.len()
            ))),
        };
    };
    let imported = import_files(kind, files)?;
    let notice = imported_notice(kind, &imported);
    Ok((Saved::healthy(imported.scenario), Some(notice)))
}

/// Imports `files` of `kind` (`calculator` or `ems`), or the problems with where they are.
pub fn import_files(kind: &str, files: &[Brought]) -> Result<Imported, Problem> {
    let sources: Vec<Source<'_>> = files.iter().map(|(name, bytes)| Source { name, bytes }).collect();
    clusterplan_core::verbs::import(kind, &sources, None).map_err(|refusal| {
        let words: Vec<&str> = refusal.errors.iter().map(|e| e.message.as_str()).collect();
        let places: Vec<&str> = refusal.errors.iter().map(|e| e.path.as_str()).filter(|p| !p.is_empty()).collect();
        Problem { words: words.join("; "), place: (!places.is_empty()).then(|| format!("In {}", places.join("; "))) }
    })
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
