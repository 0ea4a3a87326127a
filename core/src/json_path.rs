//! The field path of a JSON syntax error (`groups[0].resources[2]`: the scenario reader names the path
//! of every other problem itself), found by walking the text up to the line and column serde_json
//! reports. The path is the one a tracking deserializer gives: `tests/it/json_paths.rs` holds it to
//! `serde_path_to_error` over thousands of broken copies of every preset.

use serde_json::error::Category;

/// One open container in the text, and where in it the reader is.
enum Frame {
    /// An object: the key being read or last read, whether its colon was read, and whether its value is
    /// complete.
    Object { key: Option<String>, colon: bool, done: bool },
    /// An array: the element being read or last read (none yet before the first), whether that element has
    /// begun, and whether it is complete.
    Array { index: Option<usize>, begun: bool, done: bool },
}

/// The path of the container a syntax error (or the text ending too early) is in, in `text` ("" for the
/// document itself). Errors of the document's shape are the scenario reader's, which names their paths.
pub fn path_of(text: &str, error: &serde_json::Error) -> String {
    // Syntax errors are reported at the character that does not fit, which is not read yet; at the end
    // of the text there is none.
    let peeked = error.classify() != Category::Eof;
    let end = offset(text, error.line(), error.column()).saturating_sub(usize::from(peeked));
    // That character begins an element of an array, unless it closes the array after a comma.
    let begins_element = peeked && !error.to_string().starts_with("trailing comma");
    let frames = walk(&text.as_bytes()[..end]);
    let innermost = frames.len().saturating_sub(1);
    let mut path = String::new();
    for (depth, frame) in frames.iter().enumerate() {
        let last = depth == innermost;
        match frame {
            // A key counts once its colon is read.
            Frame::Object { key: Some(key), colon: true, done } => {
                if last && *done {
                    break;
                }
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Array { index, begun, done } => {
                // An element counts once its first character is there, even one that is not JSON; the end
                // of the text or the end of the element is not in any element.
                let counts = !last || (!*done && (*begun || begins_element));
                if !counts {
                    break;
                }
                path.push_str(&format!("[{}]", index.unwrap_or(0)));
            }
            Frame::Object { .. } => break,
        }
    }
    // An empty key, as a tracking deserializer prints it, leaves nothing after its dot.
    path.trim_end_matches('.').to_string()
}

/// The byte offset of serde_json's line and column: its column counts the bytes of the line before it.
fn offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = match line {
        0 | 1 => 0,
        _ => text.match_indices('\n').nth(line - 2).map_or(text.len(), |(i, _)| i + 1),
    };
    (line_start + column).min(text.len())
}

/// The containers open at the end of `read`, outermost first.
fn walk(read: &[u8]) -> Vec<Frame> {
    let mut frames: Vec<Frame> = Vec::new();
    // Whether the next string in an object is a key (after `{` or `,`) rather than a value (after `:`).
    let mut expect_key = false;
    let mut i = 0;
    while i < read.len() {
        match read[i] {
            b'{' => {
                start_value(&mut frames);
                frames.push(Frame::Object { key: None, colon: false, done: false });
                expect_key = true;
            }
            b'[' => {
                start_value(&mut frames);
                frames.push(Frame::Array { index: None, begun: false, done: false });
                expect_key = false;
            }
            b'}' | b']' => {
                frames.pop();
                finish_value(&mut frames);
                expect_key = false;
            }
            b':' => {
                if let Some(Frame::Object { colon, .. }) = frames.last_mut() {
                    *colon = true;
                }
                expect_key = false;
            }
            b',' => match frames.last_mut() {
                Some(Frame::Object { key, colon, done }) => {
                    *key = None;
                    *colon = false;
                    *done = false;
                    expect_key = true;
                }
                Some(Frame::Array { index, begun, done }) => {
                    *index = Some(index.map_or(1, |i| i + 1));
                    *begun = false;
                    *done = false;
                }
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i = start;
                while i < read.len() && read[i] != b'"' {
                    i += if read[i] == b'\\' { 2 } else { 1 };
                }
                let complete = i < read.len();
                if expect_key {
                    if let (Some(Frame::Object { key, .. }), true) = (frames.last_mut(), complete) {
                        *key = Some(unescape(&read[start..i]));
                    }
                    expect_key = false;
                } else {
                    start_value(&mut frames);
                    if complete {
                        finish_value(&mut frames);
                    }
                }
            }
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => {
                // A number, true, false or null: read to its end, where the reader stopped if it is whole.
                start_value(&mut frames);
                let start = i;
                while i + 1 < read.len() && !b",:]} \t\n\r\"[{".contains(&read[i + 1]) {
                    i += 1;
                }
                let literal = &read[start..=i];
                let whole =
                    matches!(literal, b"true" | b"false" | b"null") || literal.last().is_some_and(u8::is_ascii_digit);
                if i + 1 < read.len() || whole {
                    finish_value(&mut frames);
                }
            }
        }
        i += 1;
    }
    frames
}

/// A value begins in the innermost container: in an array, that is its first element if none began yet.
fn start_value(frames: &mut [Frame]) {
    if let Some(Frame::Array { index, begun, .. }) = frames.last_mut() {
        index.get_or_insert(0);
        *begun = true;
    }
}

/// The value being read in the innermost container is complete.
fn finish_value(frames: &mut [Frame]) {
    match frames.last_mut() {
        Some(Frame::Object { done, .. }) | Some(Frame::Array { done, .. }) => *done = true,
        None => {}
    }
}

/// A key's text as written, its escapes resolved (as the reader resolved them).
fn unescape(raw: &[u8]) -> String {
    let raw = String::from_utf8_lossy(raw);
    crate::read::tree::unescape(&raw).map_or_else(|_| raw.to_string(), |text| text.into_owned())
}
