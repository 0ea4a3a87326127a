//! The check that text is JSON, made by serde_json before the document is lexed: its syntax errors and
//! their places are serde_json's, worded as its map and sequence readers word them (as serde's derive met
//! them: a comma before a closing brace is a "trailing comma", not a "key must be a string"). It keeps
//! the floats serde_json reads, in document order, for the lexer, so the values are serde_json's own and
//! the module carries one float parser, not two.

use std::fmt;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};

/// A JSON value read and let go, its floats kept.
pub struct Check<'a>(pub &'a mut Vec<f64>);

impl<'de> DeserializeSeed<'de> for Check<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

// Every kind of value has its method, so that none falls back on serde's "invalid type" message (its
// words for a float alone are 13 KB of WebAssembly).
impl<'de> Visitor<'de> for Check<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, n: f64) -> Result<(), E> {
        self.0.push(n);
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Check(&mut *self.0))?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(Check(&mut *self.0))?.is_some() {
            map.next_value_seed(Check(&mut *self.0))?;
        }
        Ok(())
    }
}
