//! RFC 2397 `data:` URLs as Ignition and the machine-config daemon read them (Go package
//! vincent-petithory/dataurl `DecodeString`, which both use): the grammar of its lexer, its error
//! texts, base64 (standard alphabet, padded) or percent-encoded (RFC 2396 `Unescape`) data.

use base64::Engine as _;

/// Why a `data:` URL could not be decoded; `Display` is the Go library's error text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub(crate) struct DataUrlError(pub(crate) String);

fn err<T>(msg: impl Into<String>) -> Result<T, DataUrlError> {
    Err(DataUrlError(msg.into()))
}

fn is_tspecial(c: char) -> bool {
    matches!(
        c,
        '(' | ')' | '<' | '>' | '@' | ',' | ';' | ':' | '\\' | '"' | '/' | '[' | ']' | '?' | '='
    )
}

/// RFC 2045 token character: ASCII, not a control, not a space, not a tspecial.
fn is_token(c: char) -> bool {
    c.is_ascii() && !c.is_ascii_control() && !is_space(c) && !is_tspecial(c)
}

/// Go's `unicode.IsSpace` over ASCII.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{b}' | '\u{c}' | '\r')
}

fn is_url_char(c: char) -> bool {
    c.is_ascii()
        && !(c as u32 <= 0x1f || c as u32 == 0x7f)
        && !matches!(
            c,
            ' ' | '<' | '>' | '#' | '"' | '{' | '}' | '|' | '\\' | '^' | '[' | ']' | '`'
        )
}

fn is_base64_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=')
}

/// RFC 2396 `Unescape` of the Go library (its error for a bad escape names `0x25`, the `%`).
fn unescape(s: &str) -> Result<Vec<u8>, DataUrlError> {
    let mut out = Vec::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if !b.is_ascii() {
            return err("rfc2396: non-ASCII char detected");
        }
        if b == b'%' {
            let hex = |j: usize| -> Result<u8, DataUrlError> {
                match bytes.get(j) {
                    None => err("rfc2396: unexpected end of unescape sequence"),
                    Some(c) => match (*c as char).to_digit(16) {
                        // A hex digit is < 16.
                        Some(d) => Ok(u8::try_from(d).unwrap_or(0)),
                        None => err("rfc2396: invalid char 0x25 in unescape sequence"),
                    },
                }
            };
            let hi = hex(i.saturating_add(1))?;
            let lo = hex(i.saturating_add(2))?;
            out.push(hi.wrapping_mul(16).wrapping_add(lo));
            i = i.saturating_add(3);
        } else {
            out.push(b);
            i = i.saturating_add(1);
        }
    }
    Ok(out)
}

/// Go's `strconv.Unquote` of a quoted parameter value, reduced to what can fail: a backslash
/// escape must be one Go knows.
fn check_quoted(val: &str) -> Result<(), DataUrlError> {
    let mut chars = val.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('a' | 'b' | 'f' | 'n' | 'r' | 't' | 'v' | '\\' | '"') => {}
                Some('x') => {
                    for _ in 0..2 {
                        if !chars.next().is_some_and(|c| c.is_ascii_hexdigit()) {
                            return err("invalid syntax");
                        }
                    }
                }
                Some(d @ '0'..='7') => {
                    let mut v = d.to_digit(8).unwrap_or(0);
                    for _ in 0..2 {
                        match chars.next().and_then(|c| c.to_digit(8)) {
                            Some(x) => v = v.saturating_mul(8).saturating_add(x),
                            None => return err("invalid syntax"),
                        }
                    }
                    if v > 255 {
                        return err("invalid syntax");
                    }
                }
                Some('u') | Some('U') => return err("invalid syntax"),
                _ => return err("invalid syntax"),
            }
        }
    }
    Ok(())
}

/// Decodes a `data:` URL to its bytes.
pub(crate) fn decode(url: &str) -> Result<Vec<u8>, DataUrlError> {
    let Some(rest) = url.strip_prefix("data:") else {
        return err("missing data prefix");
    };
    let chars: Vec<char> = rest.chars().collect();
    let mut i = 0usize;
    let at = |i: usize| chars.get(i).copied();
    let mut base64 = false;

    // Media type.
    match at(i) {
        Some(';') | Some(',') => {}
        None => return err("missing comma before data"),
        Some(c) if is_token(c) => {
            let start = i;
            let x_token = matches!(c, 'x' | 'X') && at(i.saturating_add(1)) == Some('-');
            loop {
                match at(i) {
                    Some('/') => break,
                    None => return err("missing media type slash"),
                    Some(c) if is_token(c) => i = i.saturating_add(1),
                    Some(_) => return err("invalid character for media type"),
                }
            }
            let media: String = chars.get(start..i).unwrap_or_default().iter().collect();
            let known = [
                "text",
                "image",
                "audio",
                "video",
                "application",
                "message",
                "multipart",
            ];
            if !x_token && !known.iter().any(|k| media.starts_with(k)) {
                return err("invalid media type");
            }
            i = i.saturating_add(1); // '/'
            loop {
                match at(i) {
                    Some(';') | Some(',') => break,
                    None => return err("incomplete media type"),
                    Some(c) if is_token(c) => i = i.saturating_add(1),
                    Some(_) => return err("invalid character for media subtype"),
                }
            }
        }
        Some(_) => return err("invalid character after data prefix"),
    }

    // Parameters, then the comma.
    loop {
        match at(i) {
            Some(',') => {
                i = i.saturating_add(1);
                break;
            }
            Some(';') => {
                i = i.saturating_add(1);
                match at(i) {
                    None | Some('=') | Some(',') => {
                        return err("unterminated parameter sequence");
                    }
                    Some(c) if is_token(c) => {}
                    Some(_) => return err("invalid character for parameter attribute"),
                }
                let start = i;
                loop {
                    match at(i) {
                        Some('=') | Some(',') => break,
                        None => return err("unterminated parameter sequence"),
                        Some(c) if is_token(c) => i = i.saturating_add(1),
                        Some(_) => return err("invalid character for parameter attribute"),
                    }
                }
                let attr: String = chars.get(start..i).unwrap_or_default().iter().collect();
                if at(i) == Some(',') {
                    if attr != "base64" {
                        return err(format!("expected base64, got {attr}"));
                    }
                    base64 = true;
                    continue;
                }
                i = i.saturating_add(1); // '='
                match at(i) {
                    Some('"') => {
                        i = i.saturating_add(1);
                        let start = i;
                        loop {
                            match at(i) {
                                None => return err("unclosed quoted string"),
                                Some('\\') => match at(i.saturating_add(1)) {
                                    None => return err("unexpected eof"),
                                    Some(c) if c.is_ascii() => i = i.saturating_add(2),
                                    Some(_) => return err("invalid escaped character"),
                                },
                                Some('"') => break,
                                Some(c) if c.is_ascii() => i = i.saturating_add(1),
                                Some(_) => return err("invalid character for parameter value"),
                            }
                        }
                        let val: String = chars.get(start..i).unwrap_or_default().iter().collect();
                        i = i.saturating_add(1); // closing quote
                        check_quoted(&val)?;
                    }
                    None => return err("missing comma before data"),
                    Some(c) if is_token(c) => {
                        let start = i;
                        loop {
                            match at(i) {
                                Some(';') | Some(',') => break,
                                None => return err("missing comma before data"),
                                Some(c) if is_token(c) => i = i.saturating_add(1),
                                Some(_) => return err("invalid character for parameter value"),
                            }
                        }
                        let val: String = chars.get(start..i).unwrap_or_default().iter().collect();
                        unescape(&val)?;
                    }
                    Some(_) => return err("invalid character for parameter value"),
                }
                match at(i) {
                    Some(';') | Some(',') => {}
                    None => return err("missing comma before data"),
                    Some(_) => return err("expected semicolon or comma"),
                }
            }
            None => return err("missing comma before data"),
            Some(_) => return err("expected semicolon or comma"),
        }
    }

    let data: String = chars.get(i..).unwrap_or_default().iter().collect();
    if base64 {
        if !data.chars().all(is_base64_char) {
            return err("invalid data character");
        }
        // Go's `StdEncoding`: padded, and lenient about the unused bits of the last symbol.
        let engine = base64::engine::GeneralPurpose::new(
            &base64::alphabet::STANDARD,
            base64::engine::GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true),
        );
        engine
            .decode(data.as_bytes())
            .map_err(|e| DataUrlError(go_base64_error(&e)))
    } else {
        if !data.chars().all(is_url_char) {
            return err("invalid data character");
        }
        unescape(&data)
    }
}

/// Go's `base64.CorruptInputError` text: `illegal base64 data at input byte N`.
fn go_base64_error(e: &base64::DecodeError) -> String {
    let offset = match e {
        base64::DecodeError::InvalidByte(o, _) | base64::DecodeError::InvalidLastSymbol(o, _) => *o,
        base64::DecodeError::InvalidLength(len) => *len,
        base64::DecodeError::InvalidPadding => 0,
    };
    format!("illegal base64 data at input byte {offset}")
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(e("data:;base64,a\nGk="), "invalid data character");
        assert_eq!(e("data: ,x"), "invalid character after data prefix");
    }
}
