//! `Schedule::next_after` against robfig/cron v3.0.1 `SpecSchedule.Next`, the expected values
//! recorded in `tests/data/robfig_v3_0_1_next.tsv` (see its header): Australia/Lord_Howe, whose
//! daylight-saving shift is 30 minutes, and ordinary zones as control.

use acp_cron::{DstRule, Schedule};
use jiff::{Timestamp, tz::TimeZone};

const TABLE: &str = include_str!("../data/robfig_v3_0_1_next.tsv");

fn ts(secs: i64) -> Timestamp {
    Timestamp::from_second(secs).unwrap()
}

/// Every recorded chain is reproduced by the default rule; the wall-clock rule differs from
/// robfig only in Lord_Howe and, around its midnight transitions, São Paulo.
#[test]
fn spec_schedule_next_chains_match_robfig_v3_0_1() {
    let (mut cases, mut differ) = (0, 0);
    for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let tz = TimeZone::get(cols[0]).unwrap();
        let s = Schedule::parse(cols[1]).unwrap();
        assert_eq!(s.dst_rule(), DstRule::RobfigV3);
        let exact = s.clone().with_dst_rule(DstRule::WallClock);
        let mut t = ts(cols[2].parse().unwrap());
        let mut same = true;
        for want in cols[3].split(' ') {
            let want = (want != "-").then(|| ts(want.parse().unwrap()));
            assert_eq!(s.next_after(t, &tz), want, "{line}: after {t}");
            same &= exact.next_after(t, &tz) == want;
            let Some(w) = want else { break };
            t = w;
        }
        if !same {
            differ += 1;
            assert!(
                matches!(cols[0], "Australia/Lord_Howe" | "America/Sao_Paulo"),
                "{line}"
            );
        }
        cases += 1;
    }
    assert_eq!((cases, differ), (1323, 298));
}

fn local(s: &Schedule, from: &str, tz: &TimeZone, n: usize) -> Vec<String> {
    s.iter_after(from.parse().unwrap(), tz)
        .take(n)
        .map(|t| t.to_zoned(tz.clone()).strftime("%F %R %:z").to_string())
        .collect()
}

/// Around the autumn change of 2038-04-04 (02:00 +11:00 → 01:30 +10:30) robfig's walk skips
/// Sunday 4 April: after 28 March its hour steps are elapsed time, so it reaches 03:00 again
/// only a week later. The wall-clock rule fires that Sunday.
#[test]
fn lord_howe_weekly_fire_skips_a_week() {
    let tz = TimeZone::get("Australia/Lord_Howe").unwrap();
    let s = Schedule::parse("0 3 * * 0").unwrap();
    let from = "2038-03-20T00:00:00Z";
    assert_eq!(
        local(&s, from, &tz, 4),
        [
            "2038-03-21 03:00 +11:00",
            "2038-03-28 03:00 +11:00",
            "2038-04-11 03:00 +10:30",
            "2038-04-18 03:00 +10:30"
        ]
    );
    let exact = s.with_dst_rule(DstRule::WallClock);
    assert_eq!(
        local(&exact, from, &tz, 4),
        [
            "2038-03-21 03:00 +11:00",
            "2038-03-28 03:00 +11:00",
            "2038-04-04 03:00 +10:30",
            "2038-04-11 03:00 +10:30"
        ]
    );
}

/// On the spring-forward day (2025-10-05, 02:00 +10:30 → 02:30 +11:00) robfig's minute walk
/// steps from 01:59 to 02:30, whose minute matches `30 1 * * *`: it fires at 02:30, a wall-clock
/// time the schedule does not name — even right after that day's 01:30 fire. (Both chains also
/// checked against robfig/cron v3.0.1 directly.)
#[test]
fn lord_howe_fire_on_a_time_the_schedule_does_not_name() {
    let tz = TimeZone::get("Australia/Lord_Howe").unwrap();
    let s = Schedule::parse("30 1 * * *").unwrap();
    let from = "2025-10-04T14:45:00Z"; // 01:15 +10:30
    let got = local(&s, from, &tz, 3);
    let exact = local(&s.clone().with_dst_rule(DstRule::WallClock), from, &tz, 2);
    assert_eq!(
        got,
        [
            "2025-10-05 01:30 +10:30",
            "2025-10-05 02:30 +11:00",
            "2025-10-06 01:30 +11:00"
        ]
    );
    assert_eq!(
        exact,
        ["2025-10-05 01:30 +10:30", "2025-10-06 01:30 +11:00"]
    );
    let from = "2025-10-04T15:10:00Z"; // 01:40 +10:30, after that day's 01:30
    let got = local(&s, from, &tz, 2);
    let exact = local(&s.with_dst_rule(DstRule::WallClock), from, &tz, 2);
    assert_eq!(got, ["2025-10-05 02:30 +11:00", "2025-10-06 01:30 +11:00"]);
    assert_eq!(
        exact,
        ["2025-10-06 01:30 +11:00", "2025-10-07 01:30 +11:00"]
    );
}
