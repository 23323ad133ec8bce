//! Proleptic Gregorian calendar arithmetic on plain integers (days since 1970-01-01).
//!
//! The algorithms are the well-known "days from civil" / "civil from days" conversions
//! (public domain, H. Hinnant); they need no tables and no floating point.

/// Days since 1970-01-01 of the civil date `y-m-d` (`m` 1–12, `d` 1–31).
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Civil date `(year, month, day)` of a day number (inverse of [`days_from_civil`]).
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Whether `y` is a Gregorian leap year.
pub(crate) fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// Number of days of month `m` (1–12) in year `y`.
pub(crate) fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 => {
            if is_leap(y) {
                29
            } else {
                28
            }
        }
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Day of week of a day number, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
pub(crate) fn weekday(days: i64) -> u32 {
    (days + 4).rem_euclid(7) as u32
}

/// Year of a count of minutes since the epoch (local wall clock).
pub(crate) fn year_of_minute(minute: i64) -> i64 {
    civil_from_days(minute.div_euclid(1440)).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(weekday(days_from_civil(2012, 7, 9)), 1); // a Monday
        assert_eq!(weekday(days_from_civil(2024, 2, 29)), 4); // a Thursday
        for z in (-800_000..800_000).step_by(7919) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
            assert!(d <= days_in_month(y, m));
        }
        assert!(is_leap(2000) && !is_leap(2100) && is_leap(2024) && !is_leap(2023));
    }
}
