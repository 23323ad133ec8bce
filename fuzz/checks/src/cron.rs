//! Invariants of `acp_cron::Schedule` (fuzz target `cron`).
//!
//! For any input: parsing, describing and converting never panic. When the first line parses as a
//! crontab, in zones with and without DST (POSIX TZ rules, so no tz database is needed):
//! `next_after` is strictly increasing (robfig's walk, the default); under `DstRule::WallClock`
//! every result matches and `prev_before` of a fire is at or before the previous fire, matches,
//! and its `next_after` is that fire again. An `@every` schedule fires strictly later, at most
//! its delay after the (whole-second) start.

/// Panics when an invariant does not hold for `data`.
pub fn check(data: &[u8]) {
    use acp_cron::{DstRule, Kind, Schedule, convert, describe};
    use jiff::Timestamp;
    use jiff::tz::{Offset, TimeZone};

    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let line = text.lines().next().unwrap_or("");
    let Ok(s) = Schedule::parse(line) else {
        return;
    };
    let _ = s.to_string();
    let _ = describe::english(&s);
    let _ = describe::chinese(&s);
    let _ = convert::to_utc(&s, 480);
    let _ = convert::to_utc(&s, -570);
    let _ = s.next_after(Timestamp::MAX, &TimeZone::UTC);
    let _ = s.prev_before(Timestamp::MIN, &TimeZone::UTC);

    // The start instant comes from the input, so the fuzzer explores DST edges too.
    let seed = data
        .iter()
        .fold(0i64, |h, b| h.wrapping_mul(31).wrapping_add(i64::from(*b)));
    let start = Timestamp::from_second(946_684_800 + seed.rem_euclid(3_155_760_000))
        .unwrap_or(Timestamp::UNIX_EPOCH);
    if let Kind::Every { seconds } = s.kind() {
        let mut cur = start;
        for _ in 0..4 {
            let Some(n) = s.next_after(cur, &TimeZone::UTC) else {
                break;
            };
            assert!(n > cur, "{line}: next {n} not after {cur}");
            let gap = n.as_second() - cur.as_second();
            assert!(
                u64::try_from(gap).is_ok_and(|g| g <= *seconds),
                "{line}: gap {gap}s"
            );
            cur = n;
        }
        return;
    }

    let mut zones = vec![TimeZone::UTC];
    if let Ok(o) = Offset::from_seconds(5 * 3600 + 1800) {
        zones.push(TimeZone::fixed(o));
    }
    for rule in [
        "EST5EDT,M3.2.0,M11.1.0",
        "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0/2",
    ] {
        if let Ok(tz) = TimeZone::posix(rule) {
            zones.push(tz);
        }
    }
    for tz in &zones {
        let mut cur = start;
        for _ in 0..4 {
            let Some(n) = s.next_after(cur, tz) else {
                break;
            };
            assert!(n > cur, "{line}: next {n} not after {cur}");
            cur = n;
        }
    }
    let s = s.with_dst_rule(DstRule::WallClock);
    for tz in &zones {
        let mut cur = start;
        for _ in 0..4 {
            let Some(n) = s.next_after(cur, tz) else {
                break;
            };
            assert!(n > cur, "{line}: next {n} not after {cur}");
            assert!(s.matches(n, tz), "{line}: {n} does not match");
            if let Some(p) = s.prev_before(n, tz) {
                assert!(p <= cur, "{line}: prev {p} of {n} is after {cur}");
                assert!(s.matches(p, tz), "{line}: prev {p} does not match");
                assert_eq!(s.next_after(p, tz), Some(n), "{line}: next(prev({n}))");
            }
            cur = n;
        }
    }
}
