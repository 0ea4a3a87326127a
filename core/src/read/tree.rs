//! A JSON document as a tree of values, each with the byte offset it begins at, lexed from text serde_json
//! has already read as JSON: its syntax, depth, escapes and number ranges are serde_json's errors to
//! report, and its floats are the ones serde_json read.

use std::borrow::Cow;

/// One value of the document and where it begins.
#[derive(Debug)]
pub struct Value<'t> {
    /// The byte offset of its first character (a scenario is at most 32 MiB).
    pub at: u32,
    pub kind: Kind<'t>,
}

/// What a value is, as serde_json tells numbers apart: an integer is unsigned when it is not negative,
/// signed when it is, and a float when it has a fraction or exponent or does not fit 64 bits.
#[derive(Debug)]
pub enum Kind<'t> {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    /// A string's text between its quotes, escapes still in it.
    Str(&'t str),
    Array(Box<[Value<'t>]>),
    /// The fields in document order, repeated keys kept: the key is a [`Kind::Str`].
    Object(Box<[(Value<'t>, Value<'t>)]>),
}

/// Lexes the first JSON value of `text`, which serde_json has read without error, taking its floats
/// from `floats` (serde_json's, in document order); `None` if it is not JSON after all.
pub fn lex<'t>(text: &'t str, floats: &[f64]) -> Option<Value<'t>> {
    let mut lexer = Lexer { text, at: 0, floats: floats.iter() };
    lexer.value()
}

struct Lexer<'t, 'f> {
    text: &'t str,
    at: usize,
    floats: std::slice::Iter<'f, f64>,
}

impl<'t> Lexer<'t, '_> {
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(self.at) {
            self.at += 1;
        }
        bytes.get(self.at).copied()
    }

    fn literal(&mut self, word: &str, kind: Kind<'t>) -> Option<Kind<'t>> {
        self.text[self.at..].starts_with(word).then(|| {
            self.at += word.len();
            kind
        })
    }

    fn value(&mut self) -> Option<Value<'t>> {
        let first = self.peek()?;
        let at = self.at;
        let kind = match first {
            b'n' => self.literal("null", Kind::Null)?,
            b't' => self.literal("true", Kind::Bool(true))?,
            b'f' => self.literal("false", Kind::Bool(false))?,
            b'"' => Kind::Str(self.string()?),
            b'[' => {
                let mut items = Vec::new();
                self.list(b']', |lexer| {
                    items.push(lexer.value()?);
                    Some(())
                })?;
                Kind::Array(items.into_boxed_slice())
            }
            b'{' => {
                let mut fields = Vec::new();
                self.list(b'}', |lexer| {
                    if lexer.peek()? != b'"' {
                        return None;
                    }
                    let key = Value { at: offset(lexer.at)?, kind: Kind::Str(lexer.string()?) };
                    if lexer.peek()? != b':' {
                        return None;
                    }
                    lexer.at += 1;
                    fields.push((key, lexer.value()?));
                    Some(())
                })?;
                Kind::Object(fields.into_boxed_slice())
            }
            b'-' | b'0'..=b'9' => self.number()?,
            _ => return None,
        };
        Some(Value { at: offset(at)?, kind })
    }

    /// The entries of an array or object, from its opening character to `close`, separated by commas:
    /// `entry` reads each.
    fn list(&mut self, close: u8, mut entry: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.at += 1;
        if self.peek()? == close {
            self.at += 1;
            return Some(());
        }
        loop {
            entry(self)?;
            match self.peek()? {
                b',' => self.at += 1,
                c if c == close => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// The text of a string between its quotes; the lexer stands after the closing quote.
    fn string(&mut self) -> Option<&'t str> {
        let bytes = self.text.as_bytes();
        let start = self.at + 1;
        let mut i = start;
        loop {
            match bytes.get(i)? {
                b'"' => break,
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
        self.at = i + 1;
        self.text.get(start..i)
    }

    fn number(&mut self) -> Option<Kind<'t>> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        while let Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') = bytes.get(self.at) {
            self.at += 1;
        }
        let text = &self.text[start..self.at];
        let integer = !text.contains(['.', 'e', 'E']);
        // serde_json reads "-0" as the float -0.0 and an integer too large for 64 bits as a float.
        if integer && text != "-0" {
            if let Ok(n) = text.parse::<u64>() {
                return Some(Kind::Unsigned(n));
            }
            if let Ok(n) = text.parse::<i64>() {
                return Some(Kind::Signed(n));
            }
        }
        self.floats.next().map(|n| Kind::Float(*n))
    }
}

/// A byte offset as a value keeps it; `None` past 4 GiB, which no scenario reaches.
fn offset(at: usize) -> Option<u32> {
    u32::try_from(at).ok()
}

/// Why a string's escapes do not make text, in serde_json's words, and the byte offset in the string's
/// text where it shows.
pub type EscapeError = (usize, &'static str);

/// The text of a string with its escapes replaced, borrowed when it has none.
pub fn unescape(raw: &str) -> Result<Cow<'_, str>, EscapeError> {
    if !raw.contains('\\') {
        return Ok(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(slash) = rest.find('\\') {
        out.push_str(&rest[..slash]);
        let escape = &rest[slash + 1..];
        let offset = raw.len() - escape.len();
        let (c, used) = match escape.as_bytes().first() {
            Some(b'"') => ('"', 1),
            Some(b'\\') => ('\\', 1),
            Some(b'/') => ('/', 1),
            Some(b'b') => ('\u{8}', 1),
            Some(b'f') => ('\u{c}', 1),
            Some(b'n') => ('\n', 1),
            Some(b'r') => ('\r', 1),
            Some(b't') => ('\t', 1),
            Some(b'u') => unicode(escape).map_err(|message| (offset, message))?,
            _ => return Err((offset, "invalid escape")),
        };
        out.push(c);
        rest = &escape[used..];
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

/// A `\u` escape (the text after its backslash): the character, and how many bytes it took, a surrogate
/// pair being two escapes.
fn unicode(escape: &str) -> Result<(char, usize), &'static str> {
    let hex = |at: usize| {
        escape.get(at..at + 4).and_then(|digits| u16::from_str_radix(digits, 16).ok()).ok_or("invalid escape")
    };
    let first = hex(1)?;
    match first {
        0xD800..=0xDBFF => {
            if !escape[5..].starts_with("\\u") {
                return Err("unexpected end of hex escape");
            }
            let second = hex(7)?;
            if !(0xDC00..=0xDFFF).contains(&second) {
                return Err("lone leading surrogate in hex escape");
            }
            let code = 0x10000 + ((u32::from(first) - 0xD800) << 10) + (u32::from(second) - 0xDC00);
            Ok((char::from_u32(code).ok_or("invalid escape")?, 11))
        }
        0xDC00..=0xDFFF => Err("lone leading surrogate in hex escape"),
        _ => Ok((char::from_u32(u32::from(first)).ok_or("invalid escape")?, 5)),
    }
}

#[cfg(test)]
mod tests {
    use super::{Kind, Value, lex, unescape};

    /// Each value of a document as `offset kind`, depth first.
    fn show(value: &Value<'_>, out: &mut Vec<String>) {
        let kind = match &value.kind {
            Kind::Null => "null".to_string(),
            Kind::Bool(b) => format!("bool {b}"),
            Kind::Unsigned(n) => format!("unsigned {n}"),
            Kind::Signed(n) => format!("signed {n}"),
            Kind::Float(n) => format!("float {n:?}"),
            Kind::Str(raw) => format!("string {raw:?}"),
            Kind::Array(items) => format!("array of {}", items.len()),
            Kind::Object(fields) => format!("object of {}", fields.len()),
        };
        out.push(format!("{} {kind}", value.at));
        match &value.kind {
            Kind::Array(items) => items.iter().for_each(|item| show(item, out)),
            Kind::Object(fields) => fields.iter().for_each(|(key, item)| {
                show(key, out);
                show(item, out);
            }),
            _ => {}
        }
    }

    #[test]
    fn numbers_are_told_apart_as_serde_json_tells_them_and_each_value_knows_where_it_begins() {
        // The floats are serde_json's, in document order: 1.5, -0.0, 1e20 (too large for 64 bits).
        let text = r#"{"a": [1, -2, 1.5, -0, 100000000000000000000], "b\"c": {"d": null, "e": true}}"#;
        let floats = [1.5, -0.0, 1e20];
        let mut out = Vec::new();
        show(&lex(text, &floats).expect("JSON"), &mut out);
        expect_test::expect![[r#"
            0 object of 2
            1 string "a"
            6 array of 5
            7 unsigned 1
            10 signed -2
            14 float 1.5
            19 float -0.0
            23 float 1e20
            47 string "b\\\"c"
            55 object of 2
            56 string "d"
            61 null
            67 string "e"
            72 bool true
        "#]]
        .assert_eq(&(out.join("\n") + "\n"));
    }

    #[test]
    fn escapes_are_read_and_half_a_surrogate_pair_is_refused_in_serde_jsons_words() {
        assert_eq!(unescape(r#"a\u0041\n\"\/\ud83d\ude00"#).as_deref(), Ok("aA\n\"/😀"));
        assert_eq!(unescape(r#"\ud83d"#), Err((1, "unexpected end of hex escape")));
        assert_eq!(unescape(r#"x\ud83d\u0041"#), Err((2, "lone leading surrogate in hex escape")));
        assert_eq!(unescape(r#"\ude00"#), Err((1, "lone leading surrogate in hex escape")));
    }
}
