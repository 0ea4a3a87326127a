//! Text mutations for the fuzz tests of the command (`tests/it/fuzz.rs`) and of the planners' loaders
//! (`web/tests/loaders.rs`): cuts, deletions, stray tokens and repeated stretches, at byte positions.

use proptest::prelude::*;
use proptest::sample::Index;

/// One change to a text.
#[derive(Debug, Clone)]
pub enum TextEdit {
    Cut(Index),
    Delete(Index, u8),
    Insert(Index, &'static str),
    Duplicate(Index, u16),
    Append(&'static str),
}

/// Any one change, inserting or appending one of `tokens`.
pub fn text_edit(tokens: &'static [&'static str]) -> impl Strategy<Value = TextEdit> {
    let token = move || prop::sample::select(tokens);
    prop_oneof![
        any::<Index>().prop_map(TextEdit::Cut),
        (any::<Index>(), 1..40u8).prop_map(|(at, n)| TextEdit::Delete(at, n)),
        (any::<Index>(), token()).prop_map(|(at, t)| TextEdit::Insert(at, t)),
        (any::<Index>(), 1..1000u16).prop_map(|(at, n)| TextEdit::Duplicate(at, n)),
        token().prop_map(TextEdit::Append),
    ]
}

/// Applies `edit` to `bytes` (which may then not be UTF-8).
pub fn apply(bytes: &mut Vec<u8>, edit: &TextEdit) {
    let at = |index: &Index, bytes: &Vec<u8>| index.index(bytes.len() + 1);
    match edit {
        TextEdit::Cut(index) => bytes.truncate(at(index, bytes)),
        TextEdit::Delete(index, n) => {
            let start = at(index, bytes);
            let end = (start + *n as usize).min(bytes.len());
            bytes.drain(start..end);
        }
        TextEdit::Insert(index, token) => {
            let start = at(index, bytes);
            bytes.splice(start..start, token.bytes());
        }
        TextEdit::Duplicate(index, n) => {
            let start = at(index, bytes);
            let end = (start + *n as usize).min(bytes.len());
            let copy = bytes[start..end].to_vec();
            bytes.splice(end..end, copy);
        }
        TextEdit::Append(token) => bytes.extend_from_slice(token.as_bytes()),
    }
}

/// `text` with `edits` applied, as text (a split character becomes U+FFFD, as a browser reads it).
pub fn edited(text: &str, edits: &[TextEdit]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    edits.iter().for_each(|edit| apply(&mut bytes, edit));
    String::from_utf8_lossy(&bytes).into_owned()
}
