//! RFC 2397 `data:` URLs as Ignition and the machine-config daemon read them (Go package
//! vincent-petithory/dataurl `DecodeString`, which both use): the grammar of its lexer, its error
//! texts, base64 (`encoding/base64` `StdEncoding`: padded, line feeds and carriage returns
//! skipped, lenient about the unused bits of the last symbol) or percent-encoded (RFC 2396
//! `Unescape`) data. One implementation for the validator (decode and discard) and the drift
//! check (decode).

use base64::Engine as _;

/// Why a `data:` URL could not be decoded; `Display` is the Go library's error text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub(crate) struct DataUrlError(pub(crate) String);

impl From<String> for DataUrlError {
    fn from(s: String) -> Self {
        DataUrlError(s)
    }
}

fn is_token(c: char) -> bool {
    c.is_ascii()
        && !c.is_ascii_control()
        && c != ' '
        && !matches!(
            c,
            '(' | ')'
                | '<'
                | '>'
                | '@'
                | ','
                | ';'
                | ':'
                | '\\'
                | '"'
                | '/'
                | '['
                | ']'
                | '?'
                | '='
        )
}

fn is_url_char(c: char) -> bool {
    c.is_ascii()
        && !c.is_ascii_control()
        && !matches!(
            c,
            ' ' | '<' | '>' | '#' | '"' | '{' | '}' | '|' | '\\' | '^' | '[' | ']' | '`'
        )
}

fn is_base64_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '\n')
}

/// dataurl's `Unescape` (RFC 2396 escapes; `%` must be followed by two hex digits), writing the
/// unescaped bytes to `out` when given.
fn rfc2396_unescape(s: &str, mut out: Option<&mut Vec<u8>>) -> Result<(), String> {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if !c.is_ascii() {
            return Err("rfc2396: non-ASCII char detected".to_owned());
        }
        if c == b'%' {
            let mut byte = 0u8;
            for k in 1..=2 {
                match b.get(i + k).and_then(|h| char::from(*h).to_digit(16)) {
                    // A hex digit is < 16.
                    Some(d) => {
                        byte = byte
                            .wrapping_mul(16)
                            .wrapping_add(u8::try_from(d).unwrap_or(0))
                    }
                    None if b.get(i + k).is_none() => {
                        return Err("rfc2396: unexpected end of unescape sequence".to_owned());
                    }
                    // dataurl formats the `%` itself (0x25) into this message.
                    None => return Err("rfc2396: invalid char 0x25 in unescape sequence".into()),
                }
            }
            if let Some(out) = out.as_deref_mut() {
                out.push(byte);
            }
            i += 3;
        } else {
            if let Some(out) = out.as_deref_mut() {
                out.push(c);
            }
            i += 1;
        }
    }
    Ok(())
}

/// Go's `strconv.Unquote` of `"` + `s` + `"`: whether it succeeds.
fn go_unquote_ok(s: &str) -> bool {
    if s.contains('\n') {
        return false;
    }
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => return false,
            b'\\' => {
                let Some(&e) = b.get(i + 1) else {
                    return false;
                };
                let hex = |n: usize| -> Option<u32> {
                    let h = b.get(i + 2..i + 2 + n)?;
                    if !h.iter().all(u8::is_ascii_hexdigit) {
                        return None;
                    }
                    u32::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()
                };
                match e {
                    b'a' | b'b' | b'f' | b'n' | b'r' | b't' | b'v' | b'\\' | b'"' => i += 2,
                    b'x' => {
                        if hex(2).is_none() {
                            return false;
                        }
                        i += 4;
                    }
                    b'u' | b'U' => {
                        let n = if e == b'u' { 4 } else { 8 };
                        match hex(n) {
                            Some(v) if char::from_u32(v).is_some() => i += 2 + n,
                            _ => return false,
                        }
                    }
                    b'0'..=b'7' => {
                        let Some(o) = b.get(i + 1..i + 4) else {
                            return false;
                        };
                        if !o.iter().all(|d| (b'0'..=b'7').contains(d)) {
                            return false;
                        }
                        let v = o.iter().fold(0u32, |acc, d| acc * 8 + u32::from(d - b'0'));
                        if v > 255 {
                            return false;
                        }
                        i += 4;
                    }
                    _ => return false,
                }
            }
            _ => i += 1,
        }
    }
    true
}

/// Go's `base64.StdEncoding.DecodeString` error, if any
/// (`illegal base64 data at input byte N`).
pub(crate) fn base64_std_error(src: &[u8]) -> Option<String> {
    let corrupt = |n: usize| Some(format!("illegal base64 data at input byte {n}"));
    let is_b64 = |c: u8| c.is_ascii_alphanumeric() || c == b'+' || c == b'/';
    let mut si = 0;
    while si < src.len() {
        // One quantum (Go's decodeQuantum).
        let mut j = 0;
        while j < 4 {
            let Some(&c) = src.get(si) else {
                return match j {
                    0 => None,
                    _ => corrupt(si - j),
                };
            };
            si += 1;
            if is_b64(c) {
                j += 1;
                continue;
            }
            if c == b'\n' || c == b'\r' {
                continue;
            }
            if c != b'=' {
                return corrupt(si - 1);
            }
            match j {
                0 | 1 => return corrupt(si - 1),
                2 => {
                    while matches!(src.get(si), Some(b'\n' | b'\r')) {
                        si += 1;
                    }
                    match src.get(si) {
                        None => return corrupt(src.len()),
                        Some(b'=') => si += 1,
                        Some(_) => return corrupt(si - 1),
                    }
                }
                _ => {}
            }
            while matches!(src.get(si), Some(b'\n' | b'\r')) {
                si += 1;
            }
            if si < src.len() {
                return corrupt(si);
            }
            return None;
        }
    }
    None
}

/// vincent-petithory/dataurl `DecodeString(s)` for the validator: the library's error, if any;
/// the data are checked but not kept.
pub(crate) fn check(s: &str) -> Result<(), DataUrlError> {
    parse(s, None).map_err(DataUrlError)
}

/// vincent-petithory/dataurl `DecodeString(s)`: the decoded data, or the library's error.
pub(crate) fn decode(s: &str) -> Result<Vec<u8>, DataUrlError> {
    let mut out = Vec::new();
    parse(s, Some(&mut out)).map_err(DataUrlError)?;
    Ok(out)
}

/// The lexer and parser of vincent-petithory/dataurl `DecodeString(s)`: `Err(message)` when it
/// fails; the decoded data go to `out` when given.
fn parse(s: &str, out: Option<&mut Vec<u8>>) -> Result<(), String> {
    let err = |m: &str| Err(m.to_owned());
    let Some(after) = s.strip_prefix("data:") else {
        return err("missing data prefix");
    };
    // Every character dataurl accepts is ASCII, so bytes (non-ASCII ones read as U+0080..U+00FF,
    // which no rule accepts) give the same verdicts and messages as runes.
    let bytes = after.as_bytes();
    let at = |i: usize| bytes.get(i).map(|&b| char::from(b));
    let text = |a: usize, b: usize| after.get(a..b).unwrap_or_default();
    let mut i = lex_media_type(after, 0)?;
    // Parameters and `;base64`.
    let mut base64 = false;
    while at(i) == Some(';') {
        i += 1;
        match at(i) {
            None | Some('=') | Some(',') => return err("unterminated parameter sequence"),
            Some(c) if is_token(c) => {}
            Some(_) => return err("invalid character for parameter attribute"),
        }
        let start = i;
        loop {
            match at(i) {
                Some('=') => break,
                Some(',') => {
                    let v = text(start, i);
                    if v != "base64" {
                        return Err(format!("expected base64, got {v}"));
                    }
                    base64 = true;
                    break;
                }
                None => return err("unterminated parameter sequence"),
                Some(c) if is_token(c) => i += 1,
                Some(_) => return err("invalid character for parameter attribute"),
            }
        }
        if base64 {
            break;
        }
        i = lex_param_val(after, i + 1)?; // after the '='
        match at(i) {
            Some(';') => {}
            Some(',') => break,
            None => return err("missing comma before data"),
            Some(_) => return err("expected semicolon or comma"),
        }
    }
    match at(i) {
        Some(',') => i += 1,
        None => return err("missing comma before data"),
        Some(_) => return err("expected semicolon or comma"),
    }
    lex_data(after.get(i..).unwrap_or_default(), base64, out)
}

/// dataurl's `lexMediaType` and `lexMediaSubType` from `i`: the position of the `;` or `,` that
/// ends the media type.
fn lex_media_type(after: &str, mut i: usize) -> Result<usize, String> {
    let err = |m: &str| Err(m.to_owned());
    let bytes = after.as_bytes();
    let at = |i: usize| bytes.get(i).map(|&b| char::from(b));
    let text = |a: usize, b: usize| after.get(a..b).unwrap_or_default();
    match at(i) {
        Some(';') | Some(',') => {}
        None => return err("missing comma before data"),
        Some(c) if c == 'x' || c == 'X' || is_token(c) => {
            let start = i;
            let x_token = (c == 'x' || c == 'X') && at(i + 1) == Some('-');
            // After `x`/`X` dataurl consumes the next character whatever it is.
            i += if c == 'x' || c == 'X' { 2 } else { 1 };
            loop {
                match at(i) {
                    Some('/') => break,
                    None => return err("missing media type slash"),
                    Some(c) if is_token(c) => i += 1,
                    Some(_) => return err("invalid character for media type"),
                }
            }
            if !x_token {
                let t = text(start, i);
                let known = [
                    "text",
                    "image",
                    "audio",
                    "video",
                    "application",
                    "message",
                    "multipart",
                ];
                if !known.iter().any(|k| t.starts_with(k)) {
                    return err("invalid media type");
                }
            }
            i += 1; // the slash
            loop {
                match at(i) {
                    Some(';') | Some(',') => break,
                    None => return err("incomplete media type"),
                    Some(c) if is_token(c) => i += 1,
                    Some(_) => return err("invalid character for media subtype"),
                }
            }
        }
        Some(_) => return err("invalid character after data prefix"),
    }
    Ok(i)
}

/// dataurl's `lexParamVal` (with `lexQuotedString` and `lexEscaped`) from `i`, just after the
/// `=`: the position after the value.
fn lex_param_val(after: &str, mut i: usize) -> Result<usize, String> {
    let err = |m: &str| Err(m.to_owned());
    let bytes = after.as_bytes();
    let at = |i: usize| bytes.get(i).map(|&b| char::from(b));
    let text = |a: usize, b: usize| after.get(a..b).unwrap_or_default();
    match at(i) {
        Some('"') => {
            i += 1;
            let start = i;
            loop {
                match at(i) {
                    None => return err("unclosed quoted string"),
                    Some('\\') => {
                        i += 1;
                        match at(i) {
                            // dataurl's escape state treats EOF (-1) as ASCII and goes
                            // back to the string state, which then reports:
                            None => return err("unclosed quoted string"),
                            Some(c) if c.is_ascii() => i += 1,
                            Some(_) => return err("invalid escaped character"),
                        }
                    }
                    Some('"') => break,
                    Some(c) if c.is_ascii() => i += 1,
                    Some(_) => return err("invalid character for parameter value"),
                }
            }
            let v = text(start, i);
            if !go_unquote_ok(v) {
                return err("invalid syntax");
            }
            i += 1; // closing quote
        }
        None => return err("missing comma before data"),
        Some(c) if is_token(c) => {
            let start = i;
            i += 1;
            loop {
                match at(i) {
                    Some(';') | Some(',') => break,
                    None => return err("missing comma before data"),
                    Some(c) if is_token(c) => i += 1,
                    Some(_) => return err("invalid character for parameter value"),
                }
            }
            rfc2396_unescape(text(start, i), None)?;
        }
        Some(_) => return err("invalid character for parameter value"),
    }
    Ok(i)
}

/// dataurl's `lexData` and the decoding of `DecodeString`: the data after the comma.
fn lex_data(data: &str, base64: bool, out: Option<&mut Vec<u8>>) -> Result<(), String> {
    let err = |m: &str| Err(m.to_owned());
    if base64 {
        if !data.chars().all(is_base64_char) {
            return err("invalid data character");
        }
        if let Some(e) = base64_std_error(data.as_bytes()) {
            return Err(e);
        }
        if let Some(out) = out {
            // Go's `StdEncoding` skips line feeds and carriage returns and ignores the unused
            // bits of the last symbol; `base64_std_error` has accepted the input.
            let engine = base64::engine::GeneralPurpose::new(
                &base64::alphabet::STANDARD,
                base64::engine::GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true),
            );
            let clean: Vec<u8> = data
                .bytes()
                .filter(|b| !matches!(b, b'\n' | b'\r'))
                .collect();
            *out = engine
                .decode(clean)
                .map_err(|e| format!("illegal base64 data: {e}"))?;
        }
    } else {
        if !data.chars().all(is_url_char) {
            return err("invalid data character");
        }
        rfc2396_unescape(data, out)?;
    }
    Ok(())
}
#[cfg(test)]
mod tests {
    use super::*;

    fn dataurl_check(s: &str) -> Result<(), String> {
        check(s).map_err(|e| e.0)
    }

    #[test]
    fn dataurl_like_vincent_petithory() {
        assert_eq!(dataurl_check("data:,hello%20world"), Ok(()));
        assert_eq!(dataurl_check("data:;base64,aGVsbG8="), Ok(()));
        assert_eq!(
            dataurl_check("data:text/plain;charset=utf-8;base64,aGk="),
            Ok(())
        );
        assert_eq!(dataurl_check("data:text/plain;a=\"b c\",x"), Ok(()));
        assert_eq!(
            dataurl_check("data:"),
            Err("missing comma before data".into())
        );
        assert_eq!(dataurl_check("DATA:,x"), Err("missing data prefix".into()));
        assert_eq!(
            dataurl_check("data:foo/bar,x"),
            Err("invalid media type".into())
        );
        assert_eq!(
            dataurl_check("data:,a b"),
            Err("invalid data character".into())
        );
        assert_eq!(
            dataurl_check("data:,%4"),
            Err("rfc2396: unexpected end of unescape sequence".into())
        );
        assert_eq!(
            dataurl_check("data:,%zz"),
            Err("rfc2396: invalid char 0x25 in unescape sequence".into())
        );
        assert_eq!(
            dataurl_check("data:;base64,abc"),
            Err("illegal base64 data at input byte 0".into())
        );
        assert_eq!(
            dataurl_check("data:;base64,ab=c"),
            Err("illegal base64 data at input byte 2".into())
        );
        assert_eq!(
            dataurl_check("data:;bas,x"),
            Err("expected base64, got bas".into())
        );
        // These four checked against vincent-petithory/dataurl DecodeString.
        assert_eq!(
            dataurl_check("data:x/plain,x"),
            Err("invalid character for media type".into())
        );
        assert_eq!(
            dataurl_check("data:text/plain;a=\"b\\"),
            Err("unclosed quoted string".into())
        );
        assert_eq!(
            dataurl_check("data:text/plain;a=\"\\q\",x"),
            Err("invalid syntax".into())
        );
        assert_eq!(
            dataurl_check("data:text/plain"),
            Err("incomplete media type".into())
        );
    }

    #[test]
    fn base64_offsets_like_go() {
        assert_eq!(base64_std_error(b"aGVsbG8="), None);
        assert_eq!(base64_std_error(b"aGVs\nbG8="), None);
        assert_eq!(
            base64_std_error(b"aGVsbG8"),
            Some("illegal base64 data at input byte 4".into())
        );
        assert_eq!(
            base64_std_error(b"aG=="),
            None,
            "two padding characters after two data characters"
        );
        assert_eq!(
            base64_std_error(b"aG==x"),
            Some("illegal base64 data at input byte 4".into())
        );
        assert_eq!(
            base64_std_error(b"a==="),
            Some("illegal base64 data at input byte 1".into())
        );
        assert_eq!(
            base64_std_error(b"aG=x"),
            Some("illegal base64 data at input byte 2".into())
        );
    }

    #[test]
    fn decodes_what_ignition_accepts() {
        assert_eq!(decode("data:,hello").unwrap(), b"hello");
        assert_eq!(decode("data:,").unwrap(), b"");
        assert_eq!(decode("data:,a%20b%0A").unwrap(), b"a b\n");
        assert_eq!(decode("data:;base64,aGk=").unwrap(), b"hi");
        // Go ignores the unused low bits of the last symbol.
        assert_eq!(decode("data:;base64,aGl=").unwrap(), b"hi");
        assert_eq!(
            decode("data:text/plain;charset=utf-8;base64,aGk=").unwrap(),
            b"hi"
        );
        assert_eq!(decode("data:text/plain;charset=\"utf-8\",x").unwrap(), b"x");
        assert_eq!(decode("data:x-foo/bar,x").unwrap(), b"x");
        assert_eq!(decode("data:application/octet-stream,%00").unwrap(), [0]);
    }

    #[test]
    fn go_error_texts() {
        let e = |s: &str| decode(s).unwrap_err().to_string();
        assert_eq!(e("http://x"), "missing data prefix");
        assert_eq!(e("data:"), "missing comma before data");
        assert_eq!(e("data:foo/bar,x"), "invalid media type");
        assert_eq!(e("data:text,x"), "invalid character for media type");
        assert_eq!(e("data:text"), "missing media type slash");
        assert_eq!(e("data:text/plain"), "incomplete media type");
        assert_eq!(e("data:;b64,x"), "expected base64, got b64");
        assert_eq!(e("data:;,x"), "unterminated parameter sequence");
        assert_eq!(e("data:,a b"), "invalid data character");
        assert_eq!(
            e("data:,%zz"),
            "rfc2396: invalid char 0x25 in unescape sequence"
        );
        assert_eq!(
            e("data:,%4"),
            "rfc2396: unexpected end of unescape sequence"
        );
        assert_eq!(e("data:;base64,aGk"), "illegal base64 data at input byte 0");
        // dataurl's lexer accepts a line feed in base64 data (isBase64Rune) and Go's decoder
        // skips it; a carriage return is not a base64 data character.
        assert_eq!(decode("data:;base64,a\nGk=").unwrap(), b"hi");
        assert_eq!(e("data:;base64,a\rGk="), "invalid data character");
        assert_eq!(e("data: ,x"), "invalid character after data prefix");
    }
}
