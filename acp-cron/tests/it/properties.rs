//! Replayable properties standing in for fuzz targets (the workspace has no `fuzz/` directory in
//! this branch): parsing never panics; `next_after` is strictly increasing; under
//! `DstRule::WallClock` every result matches and `next_after` and `prev_before` are inverse;
//! converted crontab lines fire exactly when the original does.

use acp_cron::{DstRule, Schedule, convert, describe};
use jiff::{Timestamp, tz::TimeZone};
use proptest::prelude::*;

fn field(max: u32) -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        Just("*".to_string()),
        (0..=max).prop_map(|v| v.to_string()),
        (0..=max, 0..=max).prop_map(|(a, b)| format!("{}-{}", a.min(b), a.max(b))),
        (0..=max, 1..=max + 1).prop_map(|(a, s)| format!("{a}/{s}")),
        (1..=max + 1).prop_map(|s| format!("*/{s}")),
    ];
    prop::collection::vec(atom, 1..3).prop_map(|v| v.join(","))
}

fn spec() -> impl Strategy<Value = String> {
    (field(59), field(23), field(31), field(12), field(6)).prop_map(|(a, b, c, d, e)| {
        let c = c.replace("0-", "1-").replace(",0,", ",1,");
        let c = if c == "0" || c.starts_with("0,") || c.starts_with("0/") {
            format!("1{}", &c[1..])
        } else {
            c
        };
        let d = d.replace("0-", "1-").replace(",0,", ",1,");
        let d = if d == "0" || d.starts_with("0,") || d.starts_with("0/") {
            format!("1{}", &d[1..])
        } else {
            d
        };
        format!("{a} {b} {c} {d} {e}")
    })
}

const ZONES: [&str; 6] = [
    "UTC",
    "America/New_York",
    "Europe/London",
    "Asia/Shanghai",
    "America/Sao_Paulo",
    "Australia/Lord_Howe",
];

proptest! {
    #![proptest_config(crate::support::proptest_config(400))]

    #[test]
    fn parse_never_panics(s in "\\PC{0,40}") {
        if let Ok(sched) = Schedule::parse(&s) {
            let _ = describe::english(&sched);
            let _ = describe::chinese(&sched);
            let _ = convert::to_utc(&sched, 480);
            let _ = convert::to_utc(&sched, -570);
            let _ = sched.next_after(Timestamp::MAX, &TimeZone::UTC);
            let _ = sched.prev_before(Timestamp::MIN, &TimeZone::UTC);
        }
    }

    #[test]
    fn parse_never_panics_on_cron_alphabet(s in "[0-9*?,/@ a-zA-Z=_-]{0,30}") {
        let _ = Schedule::parse(&s).map(|x| x.to_string());
    }

    #[test]
    fn next_is_increasing_matching_and_inverse_of_prev(
        spec in spec(),
        secs in 946_684_800i64..4_102_444_800,
        zone in 0usize..ZONES.len(),
    ) {
        let Ok(s) = Schedule::parse(&spec) else { return Ok(()); };
        let tz = TimeZone::get(ZONES[zone]).unwrap();
        let t = Timestamp::from_second(secs).unwrap();
        // robfig's walk (the default) only promises strictly later fires; in zones that move by
        // whole hours away from midnight it agrees with the wall-clock search (São Paulo moved
        // at midnight until 2019, Lord_Howe moves by 30 minutes).
        let mut cur = t;
        for _ in 0..4 {
            let Some(n) = s.next_after(cur, &tz) else { break };
            prop_assert!(n > cur, "{} not after {}", n, cur);
            if !matches!(ZONES[zone], "Australia/Lord_Howe" | "America/Sao_Paulo") {
                let exact = s.clone().with_dst_rule(DstRule::WallClock);
                prop_assert_eq!(exact.next_after(cur, &tz), Some(n));
            }
            cur = n;
        }
        let s = s.with_dst_rule(DstRule::WallClock);
        let mut cur = t;
        for _ in 0..4 {
            let Some(n) = s.next_after(cur, &tz) else { break };
            prop_assert!(n > cur, "{} not after {}", n, cur);
            prop_assert!(s.matches(n, &tz), "{} does not match {}", n, spec);
            let p = s.prev_before(n, &tz);
            prop_assert!(p.is_none_or(|p| p <= cur), "prev {:?} of {} is after {}", p, n, cur);
            if let Some(p) = p {
                prop_assert!(s.matches(p, &tz));
                prop_assert_eq!(s.next_after(p, &tz), Some(n));
            }
            cur = n;
        }
    }
}

/// Days since 1970-01-01 of a civil date.
fn days(y: i64, m: u32, d: u32) -> i64 {
    let date = jiff::civil::date(y as i16, m as i8, d as i8);
    date.since(jiff::civil::date(1970, 1, 1))
        .unwrap()
        .get_days()
        .into()
}

/// Whether `lines` (in `to`) fire at exactly the instants `original` (in `from`) fires: every
/// minute of a three-day window around the end of `month` in `year` (the wall clock of `from`),
/// then a chain of next fires from `start`.
fn same_fires(
    original: &Schedule,
    from: &TimeZone,
    lines: &[Schedule],
    to: &TimeZone,
    year: i64,
    month: u32,
    start: Timestamp,
) -> Result<(), TestCaseError> {
    let shown = || lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let first_next = days(ny, nm, 1);
    let off = i64::from(from.to_offset(Timestamp::UNIX_EPOCH).seconds());
    let begin = (first_next - 2) * 86_400 - off;
    for minute in 0..3 * 1440 {
        let t = Timestamp::from_second(begin + minute * 60).unwrap();
        let want = original.matches(t, from);
        let got = lines.iter().any(|l| l.matches(t, to));
        prop_assert_eq!(want, got, "{} at {}: {:?}", original, t, shown());
    }
    let mut t = start;
    for _ in 0..5 {
        let want = original.next_after(t, from);
        let got = lines.iter().filter_map(|l| l.next_after(t, to)).min();
        prop_assert_eq!(want, got, "{} after {}: {:?}", original, t, shown());
        let Some(w) = want else { break };
        t = w;
    }
    Ok(())
}

proptest! {
    #![proptest_config(crate::support::proptest_config(200))]

    /// A converted schedule fires at exactly the same instants as the original, in both
    /// directions, around month ends of common and leap years (February and March weighted).
    #[test]
    fn utc_conversion_is_exact(
        spec in spec(),
        secs in 946_684_800i64..4_102_444_800,
        off in -56i32..=56,
        year in 1971i64..2399,
        month in prop_oneof![Just(2u32), Just(3u32), 1u32..=12],
    ) {
        let off = off * 15;
        let Ok(s) = Schedule::parse(&spec) else { return Ok(()); };
        let local = TimeZone::fixed(jiff::tz::Offset::from_seconds(off * 60).unwrap());
        let utc = TimeZone::UTC;
        let start = Timestamp::from_second(secs).unwrap();
        if let Ok(lines) = convert::to_utc(&s, off) {
            same_fires(&s, &local, &lines, &utc, year, month, start)?;
        }
        if let Ok(lines) = convert::from_utc(&s, off) {
            same_fires(&s, &utc, &lines, &local, year, month, start)?;
        }
    }
}
