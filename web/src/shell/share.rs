//! What both planners save, share and undo — a design and the events applied to it — as JSON: in local
//! storage, in files, and in share links (compressed by [`super::link`]), with messages that say what was
//! wrong when a save or a link cannot be read.

use clusterplan_core::read::Read;
use clusterplan_core::scenario::{LoadError, load_error, size_error};
use serde::Serialize;

/// A design (either family's scenario) and the events applied to it, as event texts.
#[derive(Debug, Clone, PartialEq, Serialize, Read)]
#[serde(deny_unknown_fields)]
pub struct Saved<S> {
    pub scenario: S,
    #[serde(default)]
    pub events: Vec<String>,
}

impl<S> Saved<S> {
    /// A design with nothing applied to it.
    pub fn healthy(scenario: S) -> Saved<S> {
        Saved { scenario, events: Vec::new() }
    }
}

/// The JSON of a saved design or a scenario (pretty, like exports and the autosave: one serializer in the
/// app, not two).
pub fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).expect("a design serialises")
}

/// Reads a saved design (the autosave and the link format) with the engine's scenario reader, as scenario
/// files are read (which also keeps the app smaller: one reader of the scenario types, not two).
/// Text after the saved design, or more than a scenario may hold, is refused like a scenario file's.
pub fn saved_from_json<S: Read>(text: &str) -> Result<Saved<S>, String> {
    let cannot = |problem: String| format!("the design in it cannot be read: {problem}");
    if let Some(problem) = size_error(text.len() as u64) {
        return Err(cannot(problem));
    }
    if let Some(problem) = clusterplan_core::scenario::not_a_design(text) {
        return Err(problem);
    }
    clusterplan_core::read::from_json(text).map_err(|failure| {
        let LoadError { path, message } = load_error(text, failure);
        cannot(if path.is_empty() { message } else { format!("{message}, in {path}") })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_design_reads_back_and_damage_is_said() {
        let saved = Saved { scenario: vec![1, 2], events: vec!["fail:node3".to_string()] };
        let text = to_json(&saved);
        assert_eq!(saved_from_json::<Vec<u8>>(&text).unwrap(), saved);
        assert!(
            saved_from_json::<Vec<u8>>("{\"scenario\": 3}").unwrap_err().starts_with("the design in it cannot be read")
        );
        let twice = format!("{text}{text}");
        assert!(
            saved_from_json::<Vec<u8>>(&twice)
                .unwrap_err()
                .contains("text after the design (not valid JSON at line 9, column 2 (trailing characters))")
        );
        // A design cut short says so in words, with where.
        let cut = &text[..text.len() - 3];
        expect_test::expect![
            "the design in it cannot be read: the file ends too early (cut short?) at line 8, column 2, in events"
        ]
        .assert_eq(&saved_from_json::<Vec<u8>>(cut).unwrap_err());
    }
}
