//! The crontab grammar: robfig/cron v3.0.1 `ParseStandard` (what Kubernetes CronJobs and CronHPA
//! schedules use) from text to the allowed values of each field.
//!
//! This is the syntax only, so that an object's own validation can check its schedules:
//! a CronHPA's `spec.crons[].schedule` and a CronJob's `spec.schedule` ([`validate_cronjob`]). Crate `acp-cron` builds its `Schedule` (next and
//! previous fire times, time zones) on this parser; its errors are this module's [`ParseError`].
//!
//! ```
//! use acp_model::crontab::{self, DayRule, LineKind};
//!
//! let line = crontab::parse("CRON_TZ=Asia/Shanghai 0 8 * * 1-5", DayRule::RobfigV3).unwrap();
//! assert_eq!(line.time_zone.as_deref(), Some("Asia/Shanghai"));
//! let LineKind::Fields(f) = line.kind else { panic!() };
//! assert_eq!(f.hour, 1 << 8);
//! assert_eq!(f.day_of_week, 0b11_1110);
//!
//! let err = crontab::parse("*/0 * * * *", DayRule::RobfigV3).unwrap_err();
//! assert_eq!(err.robfig_message(), "step of range should be a positive number: */0");
//! ```
// seed 003:15371-15386

mod error;

pub use error::{Field, FieldErrorKind, ParseError};

use crate::go;
use crate::validation::{ErrorList, FieldError, FieldPath};

/// How day-of-month and day-of-week combine, and which expressions count as a "star".
///
/// robfig/cron (`spec.go` `dayMatches`) ANDs the two day fields when either one was written as a
/// star, and ORs them otherwise (`30 18 25 * 6` fires on the 25th **or** on Saturdays). What counts
/// as a star differs between versions (`parser.go` `getRange`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DayRule {
    /// robfig/cron v3.0.1, what Kubernetes CronJobs run: a range beginning with `*` or `?` is a
    /// star unless it has a step greater than 1 (`*`, `?`, `*/1`, `1,*` are stars; `*/2`, `1-31`
    /// are not).
    #[default]
    RobfigV3,
    /// robfig/cron v1.2.0, what tkestack's cron-hpa controller vendors: every range beginning with
    /// `*` or `?` is a star, whatever its step (`*/2` is a star, so `* * */2 * 1` ANDs).
    RobfigV1,
}

/// Bits `lo..=hi` set (`lo <= hi <= 63`): the bit set of a field's whole range.
pub const fn range_bits(lo: u32, hi: u32) -> u64 {
    (u64::MAX >> (63 - hi)) & (u64::MAX << lo)
}

/// The allowed values of the five fields of one crontab line: bit `n` set means value `n` is
/// allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FieldBits {
    /// Minutes, bits 0–59.
    pub minute: u64,
    /// Hours, bits 0–23.
    pub hour: u64,
    /// Days of month, bits 1–31.
    pub day_of_month: u64,
    /// Months, bits 1–12.
    pub month: u64,
    /// Days of week, bits 0–6 (Sunday = 0).
    pub day_of_week: u64,
    /// Day-of-month counts as a star under the [`DayRule`] it was parsed with.
    pub dom_star: bool,
    /// Day-of-week counts as a star under the [`DayRule`] it was parsed with.
    pub dow_star: bool,
}

/// What a crontab line describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LineKind {
    /// Five fields, or one of the `@yearly … @hourly` descriptors.
    Fields(FieldBits),
    /// `@every <duration>`: a fixed delay in whole seconds (at least 1; robfig/cron
    /// `constantdelay.go` rounds durations below one second up to one second and drops
    /// sub-second parts).
    Every {
        /// The delay in whole seconds.
        seconds: u64,
    },
}

/// One parsed crontab line.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Line {
    /// The zone name of a `TZ=`/`CRON_TZ=` prefix, as written (not checked against any zone
    /// database here).
    pub time_zone: Option<String>,
    /// The schedule.
    pub kind: LineKind,
}

const MONTH_NAMES: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const DOW_NAMES: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/// Go's `strconv.Atoi` followed by robfig's `mustParseInt` negativity check: a cron-specific
/// wrapper over [`go::atoi`] because robfig reports both failures in its own words
/// (with the field and token) and refuses negative numbers.
fn parse_int(field: Field, expr: &str, text: &str) -> Result<u64, ParseError> {
    let err = |kind| ParseError::Field {
        field,
        token: expr.to_string(),
        kind,
    };
    let v = match go::atoi(text) {
        Ok(v) => v,
        Err(e) => {
            return Err(err(FieldErrorKind::NotANumber {
                text: text.to_string(),
                out_of_range: e == go::NumError::Range,
            }));
        }
    };
    if v < 0 {
        return Err(err(FieldErrorKind::Negative {
            value: v,
            text: text.to_string(),
        }));
    }
    Ok(v as u64)
}

fn parse_int_or_name(field: Field, expr: &str, text: &str) -> Result<u64, ParseError> {
    let names: &[&str] = match field {
        Field::Month => &MONTH_NAMES,
        Field::DayOfWeek => &DOW_NAMES,
        _ => &[],
    };
    if let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(text)) {
        return Ok(i as u64 + u64::from(field == Field::Month));
    }
    parse_int(field, expr, text)
}

/// Parses one field: returns (bits, star).
fn parse_field(field: Field, text: &str, rule: DayRule) -> Result<(u64, bool), ParseError> {
    if text == "*" {
        // The most common field by far; the same result as the general path below.
        return Ok((range_bits(field.min(), field.max()), true));
    }
    let (mut bits, mut star) = (0u64, false);
    let mut rest = Some(text);
    while let Some(list) = rest {
        let expr;
        (expr, rest) = match split_once_byte(list, b',') {
            Some((expr, tail)) => (expr, Some(tail)),
            None => (list, None),
        };
        if !expr.is_empty() {
            let (b, s) = parse_range(field, expr, rule)?;
            bits |= b;
            star |= s;
        }
    }
    Ok((bits, star))
}

/// The whitespace-separated words of `s` when there are exactly five (robfig splits with Go's
/// `strings.Fields`, which `str::split_whitespace` matches), without allocating.
///
/// An ASCII string (every real schedule) is scanned byte by byte with the same whitespace test
/// (`char::is_whitespace` on each byte as a char), several times faster than `split_whitespace`'s
/// char decoding; anything else takes `split_whitespace` itself.
fn five_fields(s: &str) -> Option<[&str; 5]> {
    let mut fields = [""; 5];
    let mut found = 0;
    if s.is_ascii() {
        let bytes = s.as_bytes();
        let is_space = |i: usize| (bytes[i] as char).is_whitespace();
        let mut i = 0;
        while i < bytes.len() {
            if is_space(i) {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && !is_space(i) {
                i += 1;
            }
            *fields.get_mut(found)? = &s[start..i];
            found += 1;
        }
    } else {
        for word in s.split_whitespace() {
            *fields.get_mut(found)? = word;
            found += 1;
        }
    }
    (found == 5).then_some(fields)
}

/// `s.split_once(sep)` for an ASCII separator, by a plain byte scan: on these 1–10 byte tokens
/// `str::split_once`'s `CharSearcher` set-up costs more than the scan (it dominated the parse
/// profile). Slicing at an ASCII byte always lands on a char boundary.
fn split_once_byte(s: &str, sep: u8) -> Option<(&str, &str)> {
    let i = s.bytes().position(|b| b == sep)?;
    Some((&s[..i], &s[i + 1..]))
}

/// One range expression: `number | name | * | ?` optionally `-end`, optionally `/step`
/// (robfig/cron v3 `parser.go` `getRange`).
fn parse_range(field: Field, expr: &str, rule: DayRule) -> Result<(u64, bool), ParseError> {
    let err = |kind| ParseError::Field {
        field,
        token: expr.to_string(),
        kind,
    };
    let (min, max) = (u64::from(field.min()), u64::from(field.max()));
    let (range, step_text) = match split_once_byte(expr, b'/') {
        Some((range, step)) => {
            if step.bytes().any(|b| b == b'/') {
                return Err(err(FieldErrorKind::TooManySlashes));
            }
            (range, Some(step))
        }
        None => (expr, None),
    };
    let (low, high) = match split_once_byte(range, b'-') {
        Some((low, high)) => (low, Some(high)),
        None => (range, None),
    };
    let single = high.is_none();
    let (start, mut end, mut star) = if low == "*" || low == "?" {
        // robfig ignores anything after `*-`.
        (min, max, true)
    } else {
        let start = parse_int_or_name(field, expr, low)?;
        let end = match high {
            None => start,
            Some(h) => {
                if h.bytes().any(|b| b == b'-') {
                    return Err(err(FieldErrorKind::TooManyHyphens));
                }
                parse_int_or_name(field, expr, h)?
            }
        };
        (start, end, false)
    };
    let mut step = 1;
    if let Some(st) = step_text {
        step = parse_int(field, expr, st)?;
        if single {
            end = max;
        }
        if step > 1 && rule == DayRule::RobfigV3 {
            star = false;
        }
    }
    if start < min {
        return Err(err(FieldErrorKind::BelowMinimum { start }));
    }
    if end > max {
        return Err(err(FieldErrorKind::AboveMaximum { end }));
    }
    if start > end {
        return Err(err(FieldErrorKind::Reversed { start, end }));
    }
    if step == 0 {
        return Err(err(FieldErrorKind::ZeroStep));
    }
    if step == 1 {
        // `min <= start <= end <= max <= 59` was checked above, so the casts are lossless.
        return Ok((range_bits(start as u32, end as u32), star));
    }
    let mut bits = 0u64;
    let mut i = start;
    while i <= end {
        bits |= 1 << i;
        i = i.saturating_add(step);
    }
    Ok((bits, star))
}

fn descriptor(spec: &str) -> Result<LineKind, ParseError> {
    let all = |f: Field| range_bits(f.min(), f.max());
    let fields = |minute, hour, day_of_month, month, day_of_week, dom_star, dow_star| {
        LineKind::Fields(FieldBits {
            minute,
            hour,
            day_of_month,
            month,
            day_of_week,
            dom_star,
            dow_star,
        })
    };
    Ok(match spec {
        "@yearly" | "@annually" => fields(1, 1, 1 << 1, 1 << 1, all(Field::DayOfWeek), false, true),
        "@monthly" => fields(
            1,
            1,
            1 << 1,
            all(Field::Month),
            all(Field::DayOfWeek),
            false,
            true,
        ),
        "@weekly" => fields(
            1,
            1,
            all(Field::DayOfMonth),
            all(Field::Month),
            1,
            true,
            false,
        ),
        "@daily" | "@midnight" => fields(
            1,
            1,
            all(Field::DayOfMonth),
            all(Field::Month),
            all(Field::DayOfWeek),
            true,
            true,
        ),
        "@hourly" => fields(
            1,
            all(Field::Hour),
            all(Field::DayOfMonth),
            all(Field::Month),
            all(Field::DayOfWeek),
            true,
            true,
        ),
        _ => {
            let Some(d) = spec.strip_prefix("@every ") else {
                return Err(ParseError::UnknownDescriptor(spec.to_string()));
            };
            let ns = go::parse_duration(d).map_err(|reason| ParseError::Duration {
                spec: spec.to_string(),
                reason: reason.to_string(),
            })?;
            let seconds = if ns < 1_000_000_000 {
                1
            } else {
                (ns / 1_000_000_000) as u64
            };
            LineKind::Every { seconds }
        }
    })
}

/// Parses a crontab line as robfig/cron v3.0.1 `ParseStandard` does: 5-field crontab,
/// descriptors, `@every`, an optional `TZ=`/`CRON_TZ=` prefix. `day_rule` decides only which
/// day fields count as stars ([`FieldBits::dom_star`], [`FieldBits::dow_star`]); whether a line
/// parses does not depend on it.
pub fn parse(spec: &str, day_rule: DayRule) -> Result<Line, ParseError> {
    if spec.is_empty() {
        return Err(ParseError::Empty);
    }
    let mut rest = spec;
    let mut time_zone = None;
    if spec.starts_with("TZ=") || spec.starts_with("CRON_TZ=") {
        let Some(space) = spec.find(' ') else {
            // DEVIATION: robfig/cron v3 panics here (it slices at a missing space's index).
            return Err(ParseError::TimeZoneWithoutSchedule(spec.to_string()));
        };
        let eq = spec.find('=').unwrap_or(0);
        time_zone = Some(spec[eq + 1..space].to_string());
        rest = spec[space..].trim();
    }
    let kind = if rest.starts_with('@') {
        descriptor(rest)?
    } else {
        let Some(fields) = five_fields(rest) else {
            let all: Vec<&str> = rest.split_whitespace().collect();
            return Err(ParseError::FieldCount {
                found: all.len(),
                fields: all.join(" "),
            });
        };
        let (minute, _) = parse_field(Field::Minute, fields[0], day_rule)?;
        let (hour, _) = parse_field(Field::Hour, fields[1], day_rule)?;
        let (day_of_month, dom_star) = parse_field(Field::DayOfMonth, fields[2], day_rule)?;
        let (month, _) = parse_field(Field::Month, fields[3], day_rule)?;
        let (day_of_week, dow_star) = parse_field(Field::DayOfWeek, fields[4], day_rule)?;
        LineKind::Fields(FieldBits {
            minute,
            hour,
            day_of_month,
            month,
            day_of_week,
            dom_star,
            dow_star,
        })
    };
    Ok(Line { time_zone, kind })
}

/// The message the Kubernetes API server gives for a CronJob's `spec.schedule`
/// (`validateScheduleFormat` with time zones in the schedule not allowed), every one, in
/// upstream's order: the parse error first, then the `TZ` rule, which fires for any `TZ`
/// substring. Empty when the schedule is accepted.
pub fn validate_cronjob_schedule(schedule: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if let Err(e) = parse(schedule, DayRule::RobfigV3) {
        errs.push(e.robfig_message());
    }
    if schedule.contains("TZ") {
        errs.push("cannot use TZ or CRON_TZ in schedule, use timeZone field instead".to_string());
    }
    errs
}

/// A CronJob's own checks, as the API server's `validateCronJobSpec` makes them for a new
/// object: the metadata (name a DNS-1123 subdomain, labels), then `spec.schedule` required and
/// [`validate_cronjob_schedule`]. `spec.timeZone` needs a time zone database; crate `acp-cron`
/// (`cronjob::validate`) adds that check.
pub fn validate_cronjob(cronjob: &k8s_openapi::api::batch::v1::CronJob) -> ErrorList {
    use crate::kube_version::WithSpec;
    let mut errs = crate::names::validate_object_meta(
        &cronjob.metadata,
        crate::names::NameRule::Dns1123Subdomain,
    );
    if let Some(spec) = cronjob.spec_ref() {
        let path = FieldPath::new("spec").child("schedule");
        if spec.schedule.is_empty() {
            errs.push(FieldError::required(&path, ""));
        } else {
            for msg in validate_cronjob_schedule(&spec.schedule) {
                errs.push(FieldError::invalid(&path, spec.schedule.as_str(), msg));
            }
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_fields_splits_like_split_whitespace() {
        for s in [
            "0 8 * * 1-5",
            "  0\t8\n*\x0b*\x0c1-5\r ",
            "0 8 * * 1-5 x",
            "0 8 * *",
            "",
            "   ",
            "0\u{a0}8 * * * *",
            "0\u{85}8 * * *",
            "0 8 * * mön",
            "0 8 * * 1-5\u{3000}",
        ] {
            let words: Vec<&str> = s.split_whitespace().collect();
            let want = <[&str; 5]>::try_from(words).ok();
            assert_eq!(five_fields(s), want, "{s:?}");
        }
    }
}
