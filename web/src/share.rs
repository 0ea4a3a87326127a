//! Designs in a URL fragment (`#design=…`, base64url of the saved JSON) and in local storage, with
//! messages that say what was wrong when a link or a save cannot be read.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::state::Saved;

/// The key of the fragment that carries a design.
pub const FRAGMENT_KEY: &str = "design=";

/// The fragment (without `#`) that carries `saved`.
pub fn to_fragment(saved: &Saved) -> String {
    // Pretty, like exports and the autosave: one serializer in the app, not two.
    let json = serde_json::to_string_pretty(saved).expect("a saved design serialises");
    format!("{FRAGMENT_KEY}{}", URL_SAFE_NO_PAD.encode(json))
}

/// Reads a fragment (with or without `#`): `Ok(None)` when it carries no design.
pub fn from_fragment(fragment: &str) -> Result<Option<Saved>, String> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let Some(encoded) = fragment.strip_prefix(FRAGMENT_KEY) else { return Ok(None) };
    let bytes = URL_SAFE_NO_PAD
        .decode(encoded.trim_end_matches('='))
        .map_err(|e| format!("the link is damaged (not base64url: {e})"))?;
    let text = String::from_utf8(bytes).map_err(|_| "the link is damaged (not UTF-8 text)".to_string())?;
    from_json(&text).map(Some)
}

/// Reads a saved design (the autosave and the link format). It goes through the same deserializer as
/// scenario files (`serde_path_to_error` over `serde_json`), which also keeps the app smaller: the scenario
/// types are deserialized by one instantiation of their code, not two.
pub fn from_json(text: &str) -> Result<Saved, String> {
    let deserializer = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(deserializer).map_err(|e| format!("the design in it cannot be read: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_round_trips() {
        let mut saved = Saved::preset("four-node-3a1p").unwrap();
        saved.events = vec!["fail:node3".into()];
        let fragment = to_fragment(&saved);
        assert!(fragment.chars().all(|c| c.is_ascii_alphanumeric() || "-_=".contains(c)), "URL-safe");
        assert_eq!(from_fragment(&format!("#{fragment}")).unwrap(), Some(saved));
    }

    #[test]
    fn other_fragments_carry_nothing_and_damage_is_reported() {
        assert_eq!(from_fragment("").unwrap(), None);
        assert_eq!(from_fragment("#top").unwrap(), None);
        assert!(from_fragment("#design=***").unwrap_err().starts_with("the link is damaged"));
        let not_a_design = URL_SAFE_NO_PAD.encode("{\"scenario\": 3}");
        assert!(
            from_fragment(&format!("design={not_a_design}"))
                .unwrap_err()
                .starts_with("the design in it cannot be read")
        );
    }
}
