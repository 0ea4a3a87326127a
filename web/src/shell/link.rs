//! Share links in the page, in core's format (`clusterplan_core::link`: `z=` and base64url of the design's
//! JSON compressed with raw DEFLATE; older `design=` links, uncompressed, still open). The browser's own
//! `CompressionStream("deflate-raw")`, `btoa` and `atob` do the work, so the page ships no codec; both
//! directions are therefore asynchronous. An effect at the edge: checked in Chromium by the browser tests,
//! against links the CLI writes.

use clusterplan_core::link::{self as format, COMPRESSED};
use clusterplan_core::scenario::MAX_SCENARIO_BYTES;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableStream, ReadableStreamDefaultReader, ReadableWritablePair};

#[wasm_bindgen]
extern "C" {
    /// `new CompressionStream(format)` (web-sys has it behind its unstable APIs).
    #[wasm_bindgen(js_name = CompressionStream)]
    type Compression;
    #[wasm_bindgen(constructor, js_class = "CompressionStream", catch)]
    fn new(format: &str) -> Result<Compression, JsValue>;

    /// `new DecompressionStream(format)`.
    #[wasm_bindgen(js_name = DecompressionStream)]
    type Decompression;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> Result<Decompression, JsValue>;
}

/// Why a link could not be made or read when the browser lacks what it takes (compression streams arrived
/// in Chromium 80, Firefox 113 and Safari 16.4).
const UNSUPPORTED: &str = "this browser cannot compress or decompress links";

/// Whether `fragment` (with or without `#`) is a design link, of either form.
pub fn is_design_link(fragment: &str) -> bool {
    format::payload(fragment).is_some()
}

/// What a lesson link (`#lesson=z=…`, a lesson file compressed as a design link is) carries for [`read`];
/// `None` for any other fragment, a built-in lesson's `#lesson=ID` among them.
pub fn lesson_link(fragment: &str) -> Option<&str> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment.strip_prefix("lesson=").filter(|rest| rest.starts_with(COMPRESSED))
}

/// The fragment (without `#`) that carries `json`, compressed.
pub async fn write(json: &str) -> Result<String, String> {
    let transform = Compression::new("deflate-raw").map_err(|_| UNSUPPORTED.to_string())?;
    let deflated =
        through(json.as_bytes(), transform.unchecked_into(), usize::MAX).await.map_err(|_| UNSUPPORTED.to_string())?;
    Ok(format!("{COMPRESSED}{}", to_base64url(&deflated)?))
}

/// The JSON text a fragment (with or without `#`) carries: `Ok(None)` when it is no design link, `Err` in
/// the words core uses when it is one but damaged.
pub async fn read(fragment: &str) -> Result<Option<String>, String> {
    let Some((encoded, compressed)) = format::payload(fragment) else { return Ok(None) };
    let bytes = from_base64url(encoded).ok_or_else(|| format::NOT_BASE64URL.to_string())?;
    let bytes = if compressed {
        let transform = Decompression::new("deflate-raw").map_err(|_| UNSUPPORTED.to_string())?;
        let limit = usize::try_from(MAX_SCENARIO_BYTES).unwrap_or(usize::MAX);
        through(&bytes, transform.unchecked_into(), limit).await.map_err(|failure| match failure {
            Through::TooLarge => format::too_large(),
            Through::Failed => format::CORRUPT.to_string(),
        })?
    } else {
        bytes
    };
    format::text(bytes).map(Some)
}

enum Through {
    /// More than the limit came out.
    TooLarge,
    /// The stream refused the bytes.
    Failed,
}

/// `bytes` through a transform stream (a compression or a decompression), read chunk by chunk so that at most
/// `limit` bytes are ever kept.
async fn through(bytes: &[u8], transform: ReadableWritablePair, limit: usize) -> Result<Vec<u8>, Through> {
    let failed = |_| Through::Failed;
    let blob = Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(bytes))).map_err(failed)?;
    let readable: ReadableStream = blob.stream().pipe_through(&transform);
    let reader: ReadableStreamDefaultReader = readable.get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(failed)?;
        if js_sys::Reflect::get(&chunk, &"done".into()).map_err(failed)?.is_truthy() {
            return Ok(out);
        }
        let value: Uint8Array = js_sys::Reflect::get(&chunk, &"value".into()).map_err(failed)?.unchecked_into();
        if out.len() + value.length() as usize > limit {
            let _ = reader.cancel();
            return Err(Through::TooLarge);
        }
        out.extend(value.to_vec());
    }
}

/// base64url without padding, by the browser's `btoa` (which takes bytes as a string of code points 0–255).
fn to_base64url(bytes: &[u8]) -> Result<String, String> {
    let binary: String = bytes.iter().copied().map(char::from).collect();
    let standard =
        gloo::utils::window().btoa(&binary).map_err(|_| "this browser could not encode the link".to_string())?;
    Ok(standard.trim_end_matches('=').replace('+', "-").replace('/', "_"))
}

/// The bytes of base64url text (padding optional; plain base64 is read too), by the browser's `atob`;
/// `None` when it is not base64 text.
fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let standard: String = text.trim_end_matches('=').replace('-', "+").replace('_', "/");
    let binary = gloo::utils::window().atob(&standard).ok()?;
    binary.chars().map(|c| u8::try_from(u32::from(c)).ok()).collect()
}
