//! Go's `time.Duration` text: `time.ParseDuration` and `Duration.String`, as Kubernetes uses them
//! for `metav1.Duration` fields (the `window` of `metrics.k8s.io` samples, `"30s"`, `"1m0.5s"`).

use std::fmt;

/// The largest magnitude a negative Go duration can have (`1 << 63` nanoseconds).
const NEG_LIMIT: u128 = 1 << 63;

/// Why `time.ParseDuration` refused its input; `Display` is Go's error text
/// (`time: invalid duration "x"`, `time: missing unit in duration "1"`,
/// `time: unknown unit "d" in duration "1d"`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DurationError {
    message: String,
}

impl DurationError {
    fn invalid(orig: &str) -> DurationError {
        DurationError {
            message: format!("time: invalid duration {}", super::quote(orig)),
        }
    }
}

/// Go's `time.ParseDuration`: an optional sign, then one or more decimal numbers (with an
/// optional fraction), each followed by a unit — `ns`, `us` (or `µs`), `ms`, `s`, `m`, `h` —
/// or the bare `0`. The result is in nanoseconds, within Go's `int64` range; fraction digits
/// finer than a nanosecond are dropped as Go drops them.
///
/// ```
/// use acp_model::go::parse_duration;
///
/// assert_eq!(parse_duration("30s"), Ok(30_000_000_000));
/// assert_eq!(parse_duration("1m0.5s"), Ok(60_500_000_000));
/// assert_eq!(
///     parse_duration("30").unwrap_err().to_string(),
///     r#"time: missing unit in duration "30""#
/// );
/// ```
pub fn parse_duration(orig: &str) -> Result<i64, DurationError> {
    let mut s = orig;
    let mut neg = false;
    if let Some(rest) = s.strip_prefix('-') {
        neg = true;
        s = rest;
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest;
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(DurationError::invalid(orig));
    }
    let mut total: u128 = 0;
    while !s.is_empty() {
        if !s.starts_with(|c: char| c == '.' || c.is_ascii_digit()) {
            return Err(DurationError::invalid(orig));
        }
        let int_len = s.bytes().take_while(u8::is_ascii_digit).count();
        let mut whole: u128 = 0;
        for d in s[..int_len].bytes() {
            whole = whole * 10 + u128::from(d - b'0');
            if whole > NEG_LIMIT {
                return Err(DurationError::invalid(orig));
            }
        }
        s = &s[int_len..];
        let mut frac: u128 = 0;
        let mut scale: u128 = 1;
        let mut frac_len = 0;
        if let Some(rest) = s.strip_prefix('.') {
            s = rest;
            frac_len = s.bytes().take_while(u8::is_ascii_digit).count();
            for d in s[..frac_len].bytes() {
                // Digits beyond what can change a nanosecond result are ignored.
                if scale >= 10u128.pow(20) {
                    continue;
                }
                frac = frac * 10 + u128::from(d - b'0');
                scale *= 10;
            }
            s = &s[frac_len..];
        }
        if int_len == 0 && frac_len == 0 {
            return Err(DurationError::invalid(orig));
        }
        let unit_len = s
            .find(|c: char| c == '.' || c.is_ascii_digit())
            .unwrap_or(s.len());
        let unit_text = &s[..unit_len];
        s = &s[unit_len..];
        let unit: u128 = match unit_text {
            "" => {
                return Err(DurationError {
                    message: format!("time: missing unit in duration {}", super::quote(orig)),
                });
            }
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(DurationError {
                    message: format!(
                        "time: unknown unit {} in duration {}",
                        super::quote(unit_text),
                        super::quote(orig)
                    ),
                });
            }
        };
        let value = whole * unit + frac * unit / scale;
        total += value;
        if whole * unit > NEG_LIMIT || total > NEG_LIMIT {
            return Err(DurationError::invalid(orig));
        }
    }
    let total = total as i128;
    let signed = if neg { -total } else { total };
    i64::try_from(signed).map_err(|_| DurationError::invalid(orig))
}

/// Go's `Duration.String`: `"0s"`, `"1.5ms"`, `"30s"`, `"1m0.5s"`, `"2h0m0s"`, `"-1µs"`.
///
/// ```
/// use acp_model::go::format_duration;
///
/// assert_eq!(format_duration(90_000_000_000), "1m30s");
/// assert_eq!(format_duration(1_500_000), "1.5ms");
/// assert_eq!(format_duration(0), "0s");
/// ```
pub fn format_duration(nanos: i64) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = write_duration(&mut out, nanos);
    out
}

fn write_duration(out: &mut impl fmt::Write, nanos: i64) -> fmt::Result {
    if nanos == 0 {
        return out.write_str("0s");
    }
    if nanos < 0 {
        out.write_char('-')?;
    }
    let u = nanos.unsigned_abs();
    if u < 1_000_000_000 {
        let (divisor, digits, unit) = match u {
            0..1_000 => (1, 0, "ns"),
            1_000..1_000_000 => (1_000, 3, "\u{b5}s"),
            _ => (1_000_000, 6, "ms"),
        };
        write!(out, "{}", u / divisor)?;
        write_fraction(out, u % divisor, digits)?;
        return out.write_str(unit);
    }
    let secs = u / 1_000_000_000;
    let (hours, minutes, seconds) = (secs / 3600, secs / 60 % 60, secs % 60);
    if hours > 0 {
        write!(out, "{hours}h")?;
    }
    if secs >= 60 {
        write!(out, "{minutes}m")?;
    }
    write!(out, "{seconds}")?;
    write_fraction(out, u % 1_000_000_000, 9)?;
    out.write_char('s')
}

/// `.ddd` of `frac` as a `digits`-digit fraction, trailing zeros (and the point) omitted.
fn write_fraction(out: &mut impl fmt::Write, frac: u64, digits: usize) -> fmt::Result {
    if frac == 0 {
        return Ok(());
    }
    let text = format!("{frac:0digits$}");
    write!(out, ".{}", text.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the `cron` fuzz target (`@every` durations): a long run of leading fraction
    /// zeros must not overflow the fraction's scale. Sub-nanosecond digits contribute nothing,
    /// as in Go.
    #[test]
    fn long_fractions_do_not_overflow() {
        let zeros = "0".repeat(60);
        assert_eq!(parse_duration(&format!("0.{zeros}1s")).ok(), Some(0));
        assert_eq!(
            parse_duration(&format!("1.{zeros}5h")).ok(),
            Some(3_600_000_000_000)
        );
        assert_eq!(
            parse_duration(&format!("2.5{zeros}9ms")).ok(),
            Some(2_500_000)
        );
    }

    // Expected values: Go 1.19 `time.ParseDuration` / `Duration.String`.
    #[test]
    fn parse_duration_table() {
        let ok: &[(&str, i64)] = &[
            ("0", 0),
            ("0s", 0),
            ("30s", 30_000_000_000),
            ("1m30s", 90_000_000_000),
            ("1.5s", 1_500_000_000),
            ("1m0.5s", 60_500_000_000),
            ("-2m", -120_000_000_000),
            ("+5ms", 5_000_000),
            (".5s", 500_000_000),
            ("5.s", 5_000_000_000),
            ("1h2m3s4ms5us6ns", 3_723_004_005_006),
            ("1\u{b5}s", 1_000),
            ("1\u{3bc}s", 1_000),
            ("0.000000001s", 1),
            ("0.0000000019s", 1),
            ("9223372036854775807ns", i64::MAX),
            ("-9223372036854775808ns", i64::MIN),
            ("2562047h47m16.854775807s", i64::MAX),
        ];
        for (text, want) in ok {
            assert_eq!(parse_duration(text), Ok(*want), "{text}");
        }
        let bad: &[(&str, &str)] = &[
            ("", r#"time: invalid duration """#),
            ("-", r#"time: invalid duration "-""#),
            ("s", r#"time: invalid duration "s""#),
            (".", r#"time: invalid duration ".""#),
            ("-.", r#"time: invalid duration "-.""#),
            (".s", r#"time: invalid duration ".s""#),
            ("30", r#"time: missing unit in duration "30""#),
            ("1d", r#"time: unknown unit "d" in duration "1d""#),
            ("1m 30s", r#"time: unknown unit "m " in duration "1m 30s""#),
            (
                "9223372036854775808ns",
                r#"time: invalid duration "9223372036854775808ns""#,
            ),
            ("3000000h", r#"time: invalid duration "3000000h""#),
        ];
        for (text, want) in bad {
            assert_eq!(
                parse_duration(text).map_err(|e| e.to_string()),
                Err((*want).to_owned()),
                "{text}"
            );
        }
    }

    #[test]
    fn duration_string_table() {
        let table: &[(i64, &str)] = &[
            (0, "0s"),
            (1, "1ns"),
            (1_100, "1.1\u{b5}s"),
            (2_200_000, "2.2ms"),
            (3_300_000_000, "3.3s"),
            (30_000_000_000, "30s"),
            (60_500_000_000, "1m0.5s"),
            (4 * 60_000_000_000 + 5_000_000_000, "4m5s"),
            (3_600_000_000_000, "1h0m0s"),
            (-1_000, "-1\u{b5}s"),
            (i64::MAX, "2562047h47m16.854775807s"),
            (i64::MIN, "-2562047h47m16.854775808s"),
        ];
        for (nanos, want) in table {
            assert_eq!(format_duration(*nanos), *want, "{nanos}");
        }
    }

    #[test]
    fn format_then_parse_round_trips() {
        for n in [
            0,
            1,
            999,
            1_000,
            1_234_567,
            59_999_999_999,
            86_400_000_000_000,
            -7,
        ] {
            assert_eq!(parse_duration(&format_duration(n)), Ok(n));
        }
    }
}
