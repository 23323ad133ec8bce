//! Go compatibility: the few `strconv` and `fmt` behaviours whose exact results show in
//! upstream's messages and decisions — decimal integer parsing, string quoting, float printing,
//! `time.Duration` text, and `encoding/json`'s syntax and type errors.
//!
//! ```
//! use acp_model::go;
//!
//! assert_eq!(go::atoi("+42"), Ok(42));
//! assert_eq!(go::atoi("4 2"), Err(go::NumError::Syntax));
//! assert_eq!(go::atoi_lossy("99999999999999999999"), i64::MAX);
//! assert_eq!(go::quote("a\tb"), r#""a\tb""#);
//! assert_eq!(go::format_f(1.5), "1.500000");
//! ```

use std::fmt;

mod duration;
mod json;

pub use duration::{DurationError, format_duration, parse_duration};
pub use json::json_unmarshal_map_error;

/// Why Go's `strconv.Atoi` / `strconv.ParseInt(s, 10, 64)` refused its input
/// (`strconv.ErrSyntax` / `strconv.ErrRange`); `Display` is Go's error text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NumError {
    /// Not an optionally signed run of decimal digits.
    #[error("invalid syntax")]
    Syntax,
    /// Outside the `int64` range.
    #[error("value out of range")]
    Range,
}

/// Go's `strconv.Atoi` on a 64-bit platform, which is `strconv.ParseInt(s, 10, 64)`: an
/// optional `+` or `-`, then one or more ASCII digits, nothing else (no spaces, no `_`).
pub fn atoi(s: &str) -> Result<i64, NumError> {
    atoi_bytes(s.as_bytes())
}

/// [`atoi`] over bytes.
pub fn atoi_bytes(b: &[u8]) -> Result<i64, NumError> {
    let (neg, digits) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, b),
    };
    if digits.is_empty() {
        return Err(NumError::Syntax);
    }
    // `ParseUint` reads left to right and stops at the first byte that is not a digit (syntax)
    // or at the digit that overflows 64 unsigned bits (range), whichever comes first: so
    // `99999999999999999999x` is out of range while `9223372036854775808x` is a syntax error.
    let mut n: u64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return Err(NumError::Syntax);
        }
        n = n
            .checked_mul(10)
            .and_then(|m| m.checked_add(u64::from(d - b'0')))
            .ok_or(NumError::Range)?;
    }
    let n = i128::from(n);
    i64::try_from(if neg { -n } else { n }).map_err(|_| NumError::Range)
}

/// `v, _ := strconv.Atoi(s)`: the value Go returns beside the error — 0 for a syntax error,
/// `i64::MAX` / `i64::MIN` (by the sign) when out of range.
pub fn atoi_lossy(s: &str) -> i64 {
    match atoi(s) {
        Ok(v) => v,
        Err(NumError::Syntax) => 0,
        Err(NumError::Range) if s.starts_with('-') => i64::MIN,
        Err(NumError::Range) => i64::MAX,
    }
}

/// Go's `unicode.IsPrint` for the characters `strconv.Quote` keeps as they are: letters,
/// marks, numbers, punctuation, symbols and the ASCII space. Without Unicode category tables
/// this treats every assigned-looking code point as printable except controls, separators
/// other than U+0020, format characters of common use, private use and noncharacters
/// (an approximation for unassigned code points, which Go escapes).
fn is_go_print(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(u32::from(c),
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x890..=0x891 | 0x8E2 | 0x180E
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF
        | 0xFFF9..=0xFFFB | 0xE000..=0xF8FF | 0xFDD0..=0xFDEF | 0xFFFE..=0xFFFF
        | 0xF0000..=0x10FFFF | 0xE0001 | 0xE0020..=0xE007F)
}

/// Writes `s` quoted as Go's `strconv.Quote` (and `%q` of a string) does: `"`, `\` and the
/// C-style escapes, other ASCII controls as `\xNN`, other non-printable characters (see
/// [`is_go_print`]) as `\uNNNN` / `\UNNNNNNNN`, everything else as is.
fn write_quoted(out: &mut impl fmt::Write, s: &str) -> fmt::Result {
    out.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => out.write_str("\\\"")?,
            '\\' => out.write_str("\\\\")?,
            '\n' => out.write_str("\\n")?,
            '\t' => out.write_str("\\t")?,
            '\r' => out.write_str("\\r")?,
            '\u{7}' => out.write_str("\\a")?,
            '\u{8}' => out.write_str("\\b")?,
            '\u{c}' => out.write_str("\\f")?,
            '\u{b}' => out.write_str("\\v")?,
            c if is_go_print(c) => out.write_char(c)?,
            c if u32::from(c) < 0x20 || c == '\u{7f}' => write!(out, "\\x{:02x}", u32::from(c))?,
            c if u32::from(c) < 0x10000 => write!(out, "\\u{:04x}", u32::from(c))?,
            c => write!(out, "\\U{:08x}", u32::from(c))?,
        }
    }
    out.write_char('"')
}

/// Go's `strconv.Quote` (`%q` of a string), as a new `String`.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    // Writing into a String cannot fail.
    let _ = write_quoted(&mut out, s);
    out
}

/// Go's `%f` of a float64 (`fmt.Sprintf("%f", x)`): six decimals; `+Inf`, `-Inf` and `NaN`
/// spelled as Go does.
pub fn format_f(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        }
    } else {
        format!("{x:.6}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values: Go 1.19 strconv.Atoi / ParseInt(s, 10, 64).
    #[test]
    fn atoi_matches_go() {
        for (s, want) in [
            ("0", Ok(0)),
            ("5", Ok(5)),
            ("+5", Ok(5)),
            ("-5", Ok(-5)),
            ("007", Ok(7)),
            ("9223372036854775807", Ok(i64::MAX)),
            ("-9223372036854775808", Ok(i64::MIN)),
            ("9223372036854775808", Err(NumError::Range)),
            ("-9223372036854775809", Err(NumError::Range)),
            ("99999999999999999999999", Err(NumError::Range)),
            ("", Err(NumError::Syntax)),
            ("+", Err(NumError::Syntax)),
            ("-", Err(NumError::Syntax)),
            ("5%", Err(NumError::Syntax)),
            (" 5", Err(NumError::Syntax)),
            ("1_000", Err(NumError::Syntax)),
            ("0x10", Err(NumError::Syntax)),
            ("--5", Err(NumError::Syntax)),
        ] {
            assert_eq!(atoi(s), want, "{s:?}");
            assert_eq!(atoi_bytes(s.as_bytes()), want, "{s:?}");
        }
    }

    #[test]
    fn atoi_lossy_matches_go() {
        assert_eq!(atoi_lossy("5"), 5);
        assert_eq!(atoi_lossy("+5"), 5);
        assert_eq!(atoi_lossy("-5"), -5);
        assert_eq!(atoi_lossy("5%"), 0);
        assert_eq!(atoi_lossy(""), 0);
        assert_eq!(atoi_lossy("99999999999999999999999"), i64::MAX);
        assert_eq!(atoi_lossy("-99999999999999999999999"), i64::MIN);
        // ParseUint stops at the first overflowing digit, before a later bad byte ...
        assert_eq!(atoi_lossy("99999999999999999999x"), i64::MAX);
        // ... but a value that fits 64 unsigned bits reaches the bad byte: a syntax error.
        assert_eq!(atoi_lossy("9223372036854775808x"), 0);
        assert_eq!(atoi_lossy("9300000000000000000x"), 0);
        assert_eq!(atoi_lossy("9223372036854775808"), i64::MAX);
        assert_eq!(atoi_lossy("-9223372036854775808"), i64::MIN);
    }

    #[test]
    fn quote_escapes_controls() {
        assert_eq!(quote("a\u{1}b\n"), r#""a\x01b\n""#);
        assert_eq!(quote("ünï"), "\"ünï\"");
        // Non-printable Unicode is escaped as Go's strconv.Quote does.
        assert_eq!(quote("é\u{a0}"), "\"é\\u00a0\"");
        assert_eq!(quote("\u{200b}\u{10ffff}"), r#""\u200b\U0010ffff""#);
        assert_eq!(quote("a\"b\\c\n\x01\x7f"), r#""a\"b\\c\n\x01\x7f""#);
    }

    #[test]
    fn format_f_matches_go() {
        assert_eq!(format_f(2.0), "2.000000");
        assert_eq!(format_f(1.0 / 3.0), "0.333333");
        assert_eq!(format_f(-0.5), "-0.500000");
        assert_eq!(format_f(f64::INFINITY), "+Inf");
        assert_eq!(format_f(f64::NEG_INFINITY), "-Inf");
        assert_eq!(format_f(f64::NAN), "NaN");
    }
}
