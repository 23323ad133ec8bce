//! Replayable properties standing in for fuzz targets (the workspace has no `fuzz/` directory in
//! this branch): parsing never panics; `next_after` is strictly increasing and every result
//! matches; `next_after` and `prev_before` are inverse.

use acp_cron::{Schedule, convert, describe};
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

proptest! {
    #![proptest_config(crate::support::proptest_config(200))]

    /// A converted schedule fires at exactly the same instants as the local one.
    #[test]
    fn utc_conversion_is_exact(spec in spec(), secs in 946_684_800i64..4_102_444_800, off in -47i32..=56) {
        let off = off * 15;
        let Ok(s) = Schedule::parse(&spec) else { return Ok(()); };
        let Ok(lines) = convert::to_utc(&s, off) else { return Ok(()); };
        let local = TimeZone::fixed(jiff::tz::Offset::from_seconds(off * 60).unwrap());
        let utc = TimeZone::UTC;
        let mut t = Timestamp::from_second(secs).unwrap();
        for _ in 0..5 {
            let want = s.next_after(t, &local);
            let got = lines.iter().filter_map(|l| l.next_after(t, &utc)).min();
            prop_assert_eq!(want, got, "{} at {} → {:?}", spec, off, lines.iter().map(|l| l.to_string()).collect::<Vec<_>>());
            let Some(w) = want else { break };
            t = w;
        }
    }
}
