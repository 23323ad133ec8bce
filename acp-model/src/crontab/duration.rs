//! Go's `time.ParseDuration` grammar, needed for `@every <duration>` (robfig/cron v3 `parser.go`
//! `parseDescriptor` calls it). Integer arithmetic only.

const MAX: u128 = 1 << 63;

fn invalid(orig: &str) -> String {
    format!("time: invalid duration {orig:?}")
}

/// Parses a Go duration (`"1h30m"`, `"90s"`, `"1.5h"`, `"-2m"`) into signed nanoseconds, with Go's
/// error texts.
pub(super) fn parse_go_duration(orig: &str) -> Result<i128, String> {
    let mut s = orig;
    let mut neg = false;
    if let Some(c) = s.chars().next()
        && (c == '-' || c == '+')
    {
        neg = c == '-';
        s = &s[1..];
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid(orig));
    }
    let mut total: u128 = 0;
    while !s.is_empty() {
        let b = s.as_bytes()[0];
        if !(b == b'.' || b.is_ascii_digit()) {
            return Err(invalid(orig));
        }
        // Integer part.
        let int_len = s.bytes().take_while(u8::is_ascii_digit).count();
        let mut v: u128 = 0;
        for d in s[..int_len].bytes() {
            v = v * 10 + u128::from(d - b'0');
            if v > MAX {
                return Err(invalid(orig));
            }
        }
        let pre = int_len > 0;
        s = &s[int_len..];
        // Fraction.
        let (mut frac, mut scale, mut post) = (0u128, 1u128, false);
        if let Some(rest) = s.strip_prefix('.') {
            s = rest;
            let frac_len = s.bytes().take_while(u8::is_ascii_digit).count();
            let mut overflow = false;
            for d in s[..frac_len].bytes() {
                // Digits past what the nanosecond result can see are dropped, as Go's
                // `leadingFraction` does; `scale` is capped too, or leading zeros (".000…01s")
                // would overflow it while `frac` stays 0.
                if overflow || frac > (MAX - 1) / 10 || scale > u128::MAX / 10 {
                    overflow = true;
                    continue;
                }
                frac = frac * 10 + u128::from(d - b'0');
                scale *= 10;
            }
            post = frac_len > 0;
            s = &s[frac_len..];
        }
        if !pre && !post {
            return Err(invalid(orig));
        }
        let unit_len = s
            .char_indices()
            .find(|&(_, c)| c == '.' || c.is_ascii_digit())
            .map_or(s.len(), |(i, _)| i);
        let unit_text = &s[..unit_len];
        s = &s[unit_len..];
        if unit_text.is_empty() {
            return Err(format!("time: missing unit in duration {orig:?}"));
        }
        let unit: u128 = match unit_text {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(format!(
                    "time: unknown unit {unit_text:?} in duration {orig:?}"
                ));
            }
        };
        if v > MAX / unit {
            return Err(invalid(orig));
        }
        v *= unit;
        if frac > 0 {
            v += frac * unit / scale;
            if v > MAX {
                return Err(invalid(orig));
            }
        }
        total += v;
        if total > MAX {
            return Err(invalid(orig));
        }
    }
    if neg {
        return Ok(-(total as i128));
    }
    if total > MAX - 1 {
        return Err(invalid(orig));
    }
    Ok(total as i128)
}

#[cfg(test)]
mod tests {
    use super::parse_go_duration as p;

    /// Found by the `cron` fuzz target: a long run of leading fraction zeros overflowed the
    /// fraction's scale. Sub-nanosecond digits contribute nothing, as in Go.
    #[test]
    fn long_fractions_do_not_overflow() {
        let zeros = "0".repeat(60);
        assert_eq!(p(&format!("0.{zeros}1s")), Ok(0));
        assert_eq!(p(&format!("1.{zeros}5h")), Ok(3_600_000_000_000));
        assert_eq!(p(&format!("2.5{zeros}9ms")), Ok(2_500_000));
    }

    #[test]
    fn go_duration_grammar() {
        assert_eq!(p("1h30m"), Ok(5_400_000_000_000));
        assert_eq!(p("1.5h"), Ok(5_400_000_000_000));
        assert_eq!(p("90s"), Ok(90_000_000_000));
        assert_eq!(p("-2m"), Ok(-120_000_000_000));
        assert_eq!(p("0"), Ok(0));
        assert_eq!(p("300ms"), Ok(300_000_000));
        assert_eq!(p("1\u{b5}s"), Ok(1_000));
        assert_eq!(p(""), Err("time: invalid duration \"\"".into()));
        assert_eq!(p("1"), Err("time: missing unit in duration \"1\"".into()));
        assert_eq!(
            p("1x"),
            Err("time: unknown unit \"x\" in duration \"1x\"".into())
        );
        assert_eq!(p("."), Err("time: invalid duration \".\"".into()));
        assert!(p("99999999999999999999h").is_err());
        assert!(p("3000000h").is_err());
    }
}
