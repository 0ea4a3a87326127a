//! Bytes as the tools write them, into text: UTF-8 with or without a BOM, UTF-16 with a BOM (Windows
//! PowerShell 5.1's `Out-File` and `>`), UTF-16LE without one, and Windows-1252 (Excel's "CSV" in a western
//! locale) when the bytes are not UTF-8.

/// The text of `bytes`, and the encoding it was read as when that is not plain UTF-8.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<&'static str>), String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest).map(|text| (text, None));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes).map(|text| (text, Some("UTF-16LE")));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes).map(|text| (text, Some("UTF-16BE")));
    }
    // UTF-16LE without a BOM: ASCII text with a zero after every byte.
    if bytes.len() >= 4 && bytes[0] != 0 && bytes[1] == 0 && bytes[3] == 0 {
        return utf16(bytes, u16::from_le_bytes).map(|text| (text, Some("UTF-16LE")));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), None)),
        Err(_) if !bytes.contains(&0) => Ok((bytes.iter().map(|&b| windows_1252(b)).collect(), Some("Windows-1252"))),
        Err(error) => {
            Err(format!("it is not text (byte {} is not UTF-8, UTF-16 or Windows-1252)", error.valid_up_to()))
        }
    }
}

fn utf8(bytes: &[u8]) -> Result<String, String> {
    String::from_utf8(bytes.to_vec())
        .map_err(|error| format!("it is not UTF-8 text after its BOM (byte {})", error.utf8_error().valid_up_to() + 3))
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    if bytes.len() % 2 == 1 {
        return Err("it is cut short: UTF-16 text has an even number of bytes".into());
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .enumerate()
        .map(|(i, c)| c.map_err(|_| format!("it is not UTF-16 text (code unit {i} is half a pair)")))
        .collect()
}

/// A Windows-1252 byte: Latin-1, except 0x80–0x9F, where Windows puts typographic marks.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn every_encoding_the_tools_write() {
        let text = "Name,Server\r\nDB1,EX1\r\n";
        let utf16le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf16be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let cases: Vec<(Vec<u8>, Option<&str>)> = vec![
            (text.as_bytes().to_vec(), None),
            ([&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(), None),
            ([&[0xFF, 0xFE][..], &utf16le].concat(), Some("UTF-16LE")),
            ([&[0xFE, 0xFF][..], &utf16be].concat(), Some("UTF-16BE")),
            (utf16le.clone(), Some("UTF-16LE")),
        ];
        for (bytes, encoding) in cases {
            assert_eq!(decode(&bytes), Ok((text.to_string(), encoding)));
        }
        assert_eq!(decode(b"Caf\xe9 \x80").unwrap(), ("Café €".to_string(), Some("Windows-1252")));
        assert!(decode(&[0xFF, 0xFE, 0x41]).unwrap_err().contains("cut short"));
        assert!(decode(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]).unwrap_err().contains("half a pair"));
        assert!(decode(b"\x00\x9f\x92\x96").is_err());
    }
}
