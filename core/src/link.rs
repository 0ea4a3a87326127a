//! Share links: a saved design (`{"scenario": …, "events": […]}`, either family) in a URL fragment. The
//! link writes `z=` and the base64url (RFC 4648 §5, no padding) of the JSON compressed with raw DEFLATE
//! (RFC 1951); the older `design=` and base64url of the plain JSON is still read. Browsers write and read
//! the same bytes with their own `CompressionStream("deflate-raw")`, so the page ships no codec; this
//! module is what the CLI and the tests use.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::scenario::MAX_SCENARIO_BYTES;

/// The key of a compressed link's fragment.
pub const COMPRESSED: &str = "z=";
/// The key of an older, uncompressed link's fragment.
pub const PLAIN: &str = "design=";

/// The fragment (without `#`) that carries `json`, compressed.
pub fn write(json: &str) -> String {
    // Level 9: links are made once and read many times, and a smaller one fits more chat messages.
    let deflated = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("{COMPRESSED}{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// What a design link carries after its key, and whether it is compressed; `None` for any other fragment
/// (with or without `#`). The page reads links with the same split and the same words.
pub fn payload(fragment: &str) -> Option<(&str, bool)> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    match (fragment.strip_prefix(COMPRESSED), fragment.strip_prefix(PLAIN)) {
        (Some(encoded), _) => Some((encoded, true)),
        (None, Some(encoded)) => Some((encoded, false)),
        (None, None) => None,
    }
}

/// A link whose text is not base64url.
pub const NOT_BASE64URL: &str = "the link is damaged (cut short or changed: it is not base64url text)";
/// A compressed link whose data does not inflate.
pub const CORRUPT: &str = "the link is damaged (its compressed data is cut short or corrupt)";

/// A link that inflates past the largest scenario.
pub fn too_large() -> String {
    format!(
        "the design in it is larger than the {MAX_SCENARIO_BYTES} bytes ({} MiB) a scenario may be",
        MAX_SCENARIO_BYTES >> 20
    )
}

/// A link's bytes as the JSON text they must be.
pub fn text(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|_| "the link is damaged (not UTF-8 text)".to_string())
}

/// The JSON text a fragment (with or without `#`) carries: `Ok(None)` when it is not a design link,
/// `Err` in words when it is one but damaged.
pub fn read(fragment: &str) -> Result<Option<String>, String> {
    let Some((encoded, compressed)) = payload(fragment) else { return Ok(None) };
    let bytes = URL_SAFE_NO_PAD.decode(encoded.trim_end_matches('=')).map_err(|_| NOT_BASE64URL.to_string())?;
    let bytes = if compressed {
        // A design may be at most MAX_SCENARIO_BYTES however small its link: a link that inflates past it
        // is refused before it takes the memory.
        let limit = usize::try_from(MAX_SCENARIO_BYTES).unwrap_or(usize::MAX).saturating_add(1);
        miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, limit).map_err(|error| match error.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => too_large(),
            _ => CORRUPT.to_string(),
        })?
    } else {
        bytes
    };
    text(bytes).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_round_trips_and_older_links_still_read() {
        let json = r#"{"scenario":{"name":"Café"},"events":["fail:node3"]}"#;
        let fragment = write(json);
        assert!(fragment.starts_with("z="));
        assert!(fragment.chars().all(|c| c.is_ascii_alphanumeric() || "-_=".contains(c)), "URL-safe");
        assert_eq!(read(&format!("#{fragment}")).unwrap().as_deref(), Some(json));
        let plain = format!("#design={}", URL_SAFE_NO_PAD.encode(json));
        assert_eq!(read(&plain).unwrap().as_deref(), Some(json));
        // Padding left on by another encoder is accepted.
        assert_eq!(read(&format!("{plain}==")).unwrap().as_deref(), Some(json));
    }

    #[test]
    fn other_fragments_carry_nothing_and_damage_is_said() {
        assert_eq!(read("").unwrap(), None);
        assert_eq!(read("#top").unwrap(), None);
        assert_eq!(read("#lesson=aa-vs-ap").unwrap(), None);
        expect_test::expect!["the link is damaged (cut short or changed: it is not base64url text)"]
            .assert_eq(&read("#z=***").unwrap_err());
        let deflated = miniz_oxide::deflate::compress_to_vec(br#"{"scenario":{"name":"a design"},"events":[]}"#, 9);
        let cut = format!("z={}", URL_SAFE_NO_PAD.encode(&deflated[..deflated.len() - 3]));
        expect_test::expect!["the link is damaged (its compressed data is cut short or corrupt)"]
            .assert_eq(&read(&cut).unwrap_err());
        let latin1 = format!("#z={}", URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&[0xff, 0xfe], 9)));
        assert_eq!(read(&latin1).unwrap_err(), "the link is damaged (not UTF-8 text)");
    }

    #[test]
    fn a_link_that_inflates_past_the_largest_design_is_refused() {
        // 33 MiB of spaces deflate to a few dozen kilobytes.
        let bomb = vec![b' '; 33 << 20];
        let fragment = format!("z={}", URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&bomb, 9)));
        assert!(fragment.len() < bomb.len() / 100, "{} characters", fragment.len());
        expect_test::expect!["the design in it is larger than the 33554432 bytes (32 MiB) a scenario may be"]
            .assert_eq(&read(&fragment).unwrap_err());
    }
}
