//! Local ↔ UTC conversion of crontab expressions for fixed-offset zones.
//!
//! The ACP documentation's procedure (ACP docs: "本地时间 - 时差 = UTC",
// seed 003:15348-15366
//! Beijing 09:42 → 01:42 UTC, 04:32 → 20:32 UTC of the previous day) done modulo 1440 minutes so
//! half-hour offsets work, carrying the day into day-of-month / day-of-week when the shift crosses
//! midnight. When the result is not expressible as crontab lines, an error says why; a zone with
//! DST transitions ahead is refused (its offset is not one number).
//!
//! ```
//! use acp_cron::{Schedule, convert::to_utc};
//! let beijing = 8 * 60;
//! let utc = to_utc(&Schedule::parse("42 9 * * *")?, beijing)?;
//! assert_eq!(utc[0].as_str(), "42 1 * * *");
//! let utc = to_utc(&Schedule::parse("32 4 * * 1")?, beijing)?;
//! assert_eq!(utc[0].as_str(), "32 20 * * 0"); // the previous day: Sunday
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::civil::days_in_month;
use crate::schedule::range_bits;
use crate::{CronFields, Schedule};

/// Why an expression cannot be converted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConvertError {
    /// The zone changes offset after the given instant (DST or a rule change).
    #[error(
        "time zone {zone} changes its UTC offset at {at}; a crontab shifted by one offset would fire an hour off for part of the year — keep the schedule local and set the CronJob's timeZone instead"
    )]
    NotFixed {
        /// Zone name (or `"<fixed>"`).
        zone: String,
        /// The first transition.
        at: Timestamp,
    },
    /// The offset is not a whole number of minutes or exceeds a day.
    #[error("offset {0} s is not a whole number of minutes within ±24 h")]
    BadOffset(i64),
    /// Shifting the day moves some fires into another month or to a day number whose meaning
    /// depends on the month length.
    #[error(
        "fires at {which} move to {direction}, which a day-of-month field cannot express: {detail}"
    )]
    DayNotExpressible {
        /// Which fires ("local times before 08:00").
        which: String,
        /// "the previous day" / "the next day".
        direction: &'static str,
        /// The precise reason.
        detail: String,
    },
}

/// Converts a local-time schedule at fixed `offset_minutes` east of UTC (Beijing: 480) into UTC
/// crontab line(s). `@every` schedules are returned unchanged. Several lines are returned when
/// the shifted hour/minute pairs are not one cartesian product or when only some fires cross
/// midnight; together they fire exactly when the local schedule does.
pub fn to_utc(schedule: &Schedule, offset_minutes: i32) -> Result<Vec<Schedule>, ConvertError> {
    shift(schedule, -i64::from(offset_minutes))
}

/// The inverse of [`to_utc`]: a UTC schedule expressed on a local wall clock `offset_minutes`
/// east of UTC.
pub fn from_utc(schedule: &Schedule, offset_minutes: i32) -> Result<Vec<Schedule>, ConvertError> {
    shift(schedule, i64::from(offset_minutes))
}

/// [`to_utc`] for a zone, refused when `tz` changes offset after `now`.
pub fn to_utc_in_zone(
    schedule: &Schedule,
    tz: &TimeZone,
    now: Timestamp,
) -> Result<Vec<Schedule>, ConvertError> {
    if let Some(tr) = tz.following(now).next() {
        return Err(ConvertError::NotFixed {
            zone: tz.iana_name().unwrap_or("<fixed>").to_string(),
            at: tr.timestamp(),
        });
    }
    let secs = i64::from(tz.to_offset(now).seconds());
    if secs % 60 != 0 {
        return Err(ConvertError::BadOffset(secs));
    }
    to_utc(schedule, (secs / 60) as i32)
}

fn shift(schedule: &Schedule, delta: i64) -> Result<Vec<Schedule>, ConvertError> {
    let Some(f) = schedule.fields() else {
        return Ok(vec![schedule.clone()]);
    };
    if delta.abs() >= 1440 {
        return Err(ConvertError::BadOffset(delta * 60));
    }
    // groups[day_shift + 1][utc_hour] = minute mask
    let mut groups = [[0u64; 24]; 3];
    for h in 0..24i64 {
        if f.hours() & (1 << h) == 0 {
            continue;
        }
        for m in 0..60i64 {
            if f.minutes() & (1 << m) == 0 {
                continue;
            }
            let total = h * 60 + m + delta;
            let day = total.div_euclid(1440);
            let tod = total.rem_euclid(1440);
            groups[(day + 1) as usize][(tod / 60) as usize] |= 1 << (tod % 60);
        }
    }
    let mut out = Vec::new();
    for (g, hours) in groups.iter().enumerate() {
        let day_shift = g as i64 - 1;
        if hours.iter().all(|m| *m == 0) {
            continue;
        }
        let day_fields = shift_days(f, day_shift, hours, delta)?;
        // Hours with identical minute sets share a line.
        let mut done = 0u64;
        for h in 0..24 {
            if hours[h] == 0 || done & (1 << h) != 0 {
                continue;
            }
            let mut hs = 0u64;
            for (h2, mask) in hours.iter().enumerate().skip(h) {
                if *mask == hours[h] {
                    hs |= 1 << h2;
                }
            }
            done |= hs;
            for days in &day_fields {
                let line = format!(
                    "{} {} {}",
                    format_set(hours[h], 0, 59, false),
                    format_set(hs, 0, 23, false),
                    days
                );
                if let Ok(s) = Schedule::parse(&line) {
                    out.push(s);
                }
            }
        }
    }
    Ok(out)
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// UTC days (bit d) of month `n` (1–12) on which a fire falls when local fires on days `dom`
/// of months `months` move by `day_shift` (±1) days, in a common or a leap year. A local fire
/// on the last day of a month moves to the 1st of the next, one on the 1st to the last day of
/// the previous; across the new year the neighbour is December or January, whose lengths do
/// not depend on the year.
fn shifted_days(dom: u64, months: u64, day_shift: i64, n: u32, leap: bool) -> u64 {
    let year = if leap { 2000 } else { 2001 };
    let len = |m: u32| days_in_month(year, m);
    let fires = |m: u32, d: u32| months & (1 << m) != 0 && dom & (1 << d) != 0;
    let mut out = 0u64;
    for u in 1..=len(n) {
        let local = if day_shift < 0 {
            // UTC day u is local day u + 1.
            if u < len(n) {
                (n, u + 1)
            } else {
                let next = n % 12 + 1;
                (next, 1)
            }
        } else if u > 1 {
            (n, u - 1)
        } else {
            let prev = (n + 10) % 12 + 1;
            (prev, len(prev))
        };
        if fires(local.0, local.1) {
            out |= 1 << u;
        }
    }
    out
}

/// For each UTC month, the day-of-month set that fires exactly when local days `dom` of
/// `months` shifted by `day_shift` do, in common and leap years alike; grouped into
/// (days, months) pairs. An error names a day whose fire would depend on the year being a leap
/// year, which no crontab line can express.
fn shifted_day_lines(
    dom: u64,
    months: u64,
    day_shift: i64,
    err: &dyn Fn(String) -> ConvertError,
) -> Result<Vec<(u64, u64)>, ConvertError> {
    let mut lines: Vec<(u64, u64)> = Vec::new();
    for n in 1..=12u32 {
        let common = shifted_days(dom, months, day_shift, n, false);
        let leap = shifted_days(dom, months, day_shift, n, true);
        let written = common | leap;
        for (is_leap, want, len) in [
            (false, common, days_in_month(2001, n)),
            (true, leap, days_in_month(2000, n)),
        ] {
            let extra = written & range_bits(1, len) & !want;
            // DEVIATION: refused rather than approximated (no upstream; see the crate docs).
            if extra != 0 {
                let (kind, other) = if is_leap {
                    ("leap", "common")
                } else {
                    ("common", "leap")
                };
                return Err(err(format!(
                    "UTC {} {} would have to fire in {other} years only, never in {kind} years (local days and months {} / {}); a crontab line cannot tell leap years apart",
                    MONTH_NAMES[n as usize - 1],
                    extra.trailing_zeros(),
                    format_set(dom, 1, 31, false),
                    format_set(months, 1, 12, false),
                )));
            }
        }
        if written == 0 {
            continue;
        }
        match lines.iter_mut().find(|(days, _)| *days == written) {
            Some((_, ms)) => *ms |= 1 << n,
            None => lines.push((written, 1 << n)),
        }
    }
    Ok(lines)
}

/// The `day-of-month month day-of-week` fields after moving every fire by `day_shift` days:
/// one or more triples that together fire on exactly the shifted days.
fn shift_days(
    f: &CronFields,
    day_shift: i64,
    hours: &[u64; 24],
    delta: i64,
) -> Result<Vec<String>, ConvertError> {
    let all_months = f.months() == range_bits(1, 12);
    let dom_text = |bits: u64| format_set(bits, 1, 31, f.dom_is_star());
    let dow_text = |bits: u64| format_set(bits, 0, 6, f.dow_is_star());
    let month_text = format_set(f.months(), 1, 12, all_months);
    let direction = if day_shift < 0 {
        "the previous day"
    } else {
        "the next day"
    };
    let which = {
        let first = hours.iter().position(|m| *m != 0).unwrap_or(0);
        format!("UTC hour {first:02} (local shift {delta:+} min)")
    };
    let err = |detail: String| ConvertError::DayNotExpressible {
        which: which.clone(),
        direction,
        detail,
    };
    // A star that does not allow every value (robfig v1's `*/2`) has no text that re-parses as
    // the same star under the default rule.
    if (f.dom_is_star() && f.days_of_month() != range_bits(1, 31))
        || (f.dow_is_star() && f.days_of_week() != range_bits(0, 6))
    {
        return Err(err(
            "a stepped star in a day field (robfig v1 rules) has no equivalent crontab text"
                .to_string(),
        ));
    }
    if day_shift == 0 {
        return Ok(vec![format!(
            "{} {} {}",
            dom_text(f.days_of_month()),
            month_text,
            dow_text(f.days_of_week())
        )]);
    }
    let dom_all = f.dom_is_star();
    let dow_all = f.dow_is_star();
    if dom_all && dow_all && all_months {
        return Ok(vec!["* * *".to_string()]);
    }
    // The weekday part: a fire on a month's first or last day moves into the neighbouring
    // month with its weekday, so it is exact only when every month is allowed.
    let dow_line = if dow_all {
        None
    } else {
        if !all_months {
            return Err(err(
                "with a restricted month, a weekday on the first/last day of a month would cross into another month"
                    .to_string(),
            ));
        }
        let bits = f.days_of_week();
        let shifted = if day_shift < 0 {
            ((bits >> 1) | (bits << 6)) & range_bits(0, 6)
        } else {
            ((bits << 1) | (bits >> 6)) & range_bits(0, 6)
        };
        Some(format!("* * {}", format_set(shifted, 0, 6, false)))
    };
    // With a starred day-of-month and a restricted weekday the days are ANDed: the weekday
    // alone decides.
    if dom_all && !dow_all {
        return Ok(dow_line.into_iter().collect());
    }
    // The day-of-month part (every day when both are stars), month by month: days 29–31 exist
    // only in some months, and fires on a month's first or last day move into the neighbour.
    let mut out: Vec<String> = shifted_day_lines(f.days_of_month(), f.months(), day_shift, &err)?
        .into_iter()
        .map(|(days, months)| {
            format!(
                "{} {} *",
                format_set(days, 1, 31, false),
                format_set(months, 1, 12, true)
            )
        })
        .collect();
    // ORed day fields: the weekday fires are a line of their own.
    out.extend(dow_line);
    Ok(out)
}

/// Compact crontab text of a bit set: `*` (only when `star`), an arithmetic progression
/// `a-b/s`, or a list of values and ranges.
pub(crate) fn format_set(bits: u64, lo: u32, hi: u32, star: bool) -> String {
    if star && bits == range_bits(lo, hi) {
        return "*".to_string();
    }
    let vals: Vec<u32> = (lo..=hi).filter(|v| bits & (1 << v) != 0).collect();
    if vals.len() >= 3 {
        let step = vals[1] - vals[0];
        if step > 1 && vals.windows(2).all(|w| w[1] - w[0] == step) {
            return format!("{}-{}/{}", vals[0], vals[vals.len() - 1], step);
        }
    }
    let mut parts = Vec::new();
    let mut i = 0;
    while i < vals.len() {
        let mut j = i;
        while j + 1 < vals.len() && vals[j + 1] == vals[j] + 1 {
            j += 1;
        }
        if j > i {
            parts.push(format!("{}-{}", vals[i], vals[j]));
        } else {
            parts.push(vals[i].to_string());
        }
        i = j + 1;
    }
    if parts.is_empty() {
        // An empty set (robfig accepts `,`): keep it empty.
        return ",".to_string();
    }
    parts.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(s: &str, off: i32) -> Result<Vec<String>, ConvertError> {
        to_utc(&Schedule::parse(s).unwrap(), off)
            .map(|v| v.iter().map(|s| s.as_str().to_string()).collect())
    }

    #[test]
    fn seed_examples_and_half_hours() {
        assert_eq!(conv("42 9 * * *", 480).unwrap(), ["42 1 * * *"]);
        assert_eq!(conv("32 4 * * *", 480).unwrap(), ["32 20 * * *"]);
        assert_eq!(conv("0 8 * * 1-5", 480).unwrap(), ["0 0 * * 1-5"]);
        assert_eq!(conv("0 0 * * 1-5", 480).unwrap(), ["0 16 * * 0-4"]);
        // India +05:30.
        assert_eq!(conv("0 9 * * *", 330).unwrap(), ["30 3 * * *"]);
        assert_eq!(conv("0 0 * * 6", 330).unwrap(), ["30 18 * * 5"]);
        // Some fires cross midnight, others do not: two lines.
        assert_eq!(
            conv("0 6,10 * * 1", 480).unwrap(),
            ["0 22 * * 0", "0 2 * * 1"]
        );
        // Minute sets differ per hour after a half-hour shift.
        assert_eq!(
            conv("0,30 9 * * *", 330).unwrap(),
            ["30 3 * * *", "0 4 * * *"]
        );
        // Day of month carried.
        assert_eq!(conv("0 4 15 * *", 480).unwrap(), ["0 20 14 * *"]);
        // Day 1 moves to the last day of the previous month: 28 February in common years but
        // 29 February in leap years, which one line cannot say.
        let e = conv("0 4 1 * *", 480).unwrap_err().to_string();
        assert!(
            e.contains("UTC February 28 would have to fire in common years only"),
            "{e}"
        );
        // Without February among the targets it is exact, month by month.
        assert_eq!(
            conv("0 4 1 1-2,4-12 *", 480).unwrap(),
            ["0 20 31 1,3,5,7-8,10,12 *", "0 20 30 4,6,9,11 *"]
        );
        // Local days 29–31 exist only in some months (`* */1 29 * *` at +01:15 must not fire
        // on 28 February): shifted per month, or refused when it depends on leap years.
        let e = conv("0 0 29 * *", 75).unwrap_err().to_string();
        assert!(e.contains("UTC February 28"), "{e}");
        assert_eq!(
            conv("0 0 31 * *", 255).unwrap(),
            ["45 19 30 1,3,5,7-8,10,12 *"]
        );
        assert_eq!(conv("0 0 30 * *", 60).unwrap(), ["0 23 29 1,3-12 *"]);
        // The next day: the last day of a month moves to the 1st of the next.
        assert_eq!(
            conv("0 23 30 * *", -120).unwrap(),
            ["0 1 31 1,3,8 *", "0 1 1,31 5,7,10,12 *"]
        );
        assert!(conv("0 4 * 3 *", 480).is_err());
        // From UTC back to Beijing.
        let back = from_utc(&Schedule::parse("32 20 * * 0").unwrap(), 480).unwrap();
        assert_eq!(back[0].as_str(), "32 4 * * 1");
        // Negative offsets (New York standard time −05:00).
        assert_eq!(conv("0 22 * * 5", -300).unwrap(), ["0 3 * * 6"]);
    }

    #[test]
    fn zones_with_dst_are_refused() {
        let now: Timestamp = "2025-01-01T00:00:00Z".parse().unwrap();
        let s = Schedule::parse("0 9 * * *").unwrap();
        let sh = TimeZone::get("Asia/Shanghai").unwrap();
        assert_eq!(
            to_utc_in_zone(&s, &sh, now).unwrap()[0].as_str(),
            "0 1 * * *"
        );
        let ny = TimeZone::get("America/New_York").unwrap();
        let e = to_utc_in_zone(&s, &ny, now).unwrap_err();
        assert!(e.to_string().contains("America/New_York"), "{e}");
    }
}
