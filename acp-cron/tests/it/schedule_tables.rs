//! Expected values transcribed from robfig/cron v3.0.1's `spec_test.go` / `parser_test.go`
//! (5-field forms of its 6-field cases; facts only), confirmed against robfig v3.0.1's `Next`, plus
//! the seed's worked examples and DST / leap-year / day-rule edge cases.

use acp_cron::{DayRule, DstRule, ParseOptions, Schedule};
use jiff::{Timestamp, civil::DateTime, tz::TimeZone};

use crate::support::ts;

fn zone(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap()
}

/// Local wall-clock `YYYY-MM-DDTHH:MM` in `tz` → instant (earlier of a fold).
fn local(s: &str, tz: &TimeZone) -> Timestamp {
    let dt: DateTime = s.parse().unwrap();
    tz.to_ambiguous_timestamp(dt).compatible().unwrap()
}

fn next(spec: &str, from: Timestamp, tz: &TimeZone) -> Option<Timestamp> {
    Schedule::parse(spec).unwrap().next_after(from, tz)
}

fn fires(spec: &str, from: &str, tz: &TimeZone, n: usize) -> Vec<String> {
    Schedule::parse(spec)
        .unwrap()
        .iter_after(ts(from), tz)
        .take(n)
        .map(|t| t.to_string())
        .collect()
}

#[test]
fn robfig_activation_table() {
    // (local time in UTC, spec, fires at that minute?) — robfig spec_test.go TestActivation.
    let utc = TimeZone::UTC;
    let cases = [
        ("2012-07-09T15:00", "0/15 * * * *", true),
        ("2012-07-09T15:45", "0/15 * * * *", true),
        ("2012-07-09T15:40", "0/15 * * * *", false),
        ("2012-07-09T15:05", "5/15 * * * *", true),
        ("2012-07-09T15:20", "5/15 * * * *", true),
        ("2012-07-09T15:50", "5/15 * * * *", true),
        ("2012-07-15T15:00", "0/15 * * Jul *", true),
        ("2012-07-15T15:00", "0/15 * * Jun *", false),
        ("2012-07-15T08:30", "30 08 ? Jul Sun", true),
        ("2012-07-15T08:30", "30 08 15 Jul ?", true),
        ("2012-07-16T08:30", "30 08 ? Jul Sun", false),
        ("2012-07-16T08:30", "30 08 15 Jul ?", false),
        ("2012-07-09T15:00", "@hourly", true),
        ("2012-07-09T15:04", "@hourly", false),
        ("2012-07-09T15:00", "@daily", false),
        ("2012-07-09T00:00", "@daily", true),
        ("2012-07-09T00:00", "@weekly", false),
        ("2012-07-08T00:00", "@weekly", true),
        ("2012-07-08T01:00", "@weekly", false),
        ("2012-07-08T00:00", "@monthly", false),
        ("2012-07-01T00:00", "@monthly", true),
        // Both day fields restricted: either suffices.
        ("2012-07-15T00:00", "* * 1,15 * Sun", true),
        ("2012-06-15T00:00", "* * 1,15 * Sun", true),
        ("2012-08-01T00:00", "* * 1,15 * Sun", true),
        ("2012-07-15T00:00", "* * */10 * Sun", true),
        // One day field is a star: both must match.
        ("2012-07-15T00:00", "* * * * Mon", false),
        ("2012-07-09T00:00", "* * 1,15 * *", false),
        ("2012-07-15T00:00", "* * 1,15 * *", true),
        ("2012-07-15T00:00", "* * */2 * Sun", true),
    ];
    for (at, spec, expected) in cases {
        let t = local(at, &utc);
        let s = Schedule::parse(spec).unwrap();
        let got = s.next_after(t - jiff::SignedDuration::from_secs(1), &utc) == Some(t);
        assert_eq!(got, expected, "{spec} at {at}");
        assert_eq!(s.matches(t, &utc), expected, "matches {spec} at {at}");
    }
}

#[test]
fn robfig_next_table_utc() {
    // robfig spec_test.go TestNext, the cases whose seconds field is 0, as 5-field specs.
    let utc = TimeZone::UTC;
    let cases = [
        ("2012-07-09T14:45", "0/15 * * * *", "2012-07-09T15:00"),
        ("2012-07-09T14:59", "0/15 * * * *", "2012-07-09T15:00"),
        ("2012-07-09T15:45", "20-35/15 * * * *", "2012-07-09T16:20"),
        ("2012-07-09T23:46", "*/15 * * * *", "2012-07-10T00:00"),
        ("2012-07-09T23:45", "20-35/15 * * * *", "2012-07-10T00:20"),
        ("2012-07-09T23:35", "0 0 9 Apr-Oct ?", "2012-08-09T00:00"),
        (
            "2012-07-09T23:35",
            "0 0 */5 Apr,Aug,Oct Mon",
            "2012-08-01T00:00",
        ),
        ("2012-07-09T23:35", "0 0 */5 Oct Mon", "2012-10-01T00:00"),
        ("2012-07-09T23:35", "0 0 * Feb Mon", "2013-02-04T00:00"),
        ("2012-07-09T23:35", "0 0 * Feb Mon/2", "2013-02-01T00:00"),
        ("2012-12-31T23:59", "* * * * *", "2013-01-01T00:00"),
        ("2012-07-09T23:35", "0 0 29 Feb ?", "2016-02-29T00:00"),
    ];
    for (from, spec, want) in cases {
        assert_eq!(
            next(spec, local(from, &utc), &utc),
            Some(local(want, &utc)),
            "{spec} from {from}"
        );
    }
    // The seconds-bearing robfig case "Mon Jul 9 14:59:59" → 15:00.
    assert_eq!(
        next("0/15 * * * *", ts("2012-07-09T14:59:59Z"), &utc),
        Some(ts("2012-07-09T15:00:00Z"))
    );
    // Unsatisfiable.
    assert_eq!(next("0 0 30 Feb ?", ts("2012-07-09T23:35:00Z"), &utc), None);
    assert_eq!(next("0 0 31 Apr ?", ts("2012-07-09T23:35:00Z"), &utc), None);
}

#[test]
fn robfig_next_with_fixed_offset_input() {
    // robfig TestNextWithTz: +05:30 inputs, schedule in the input's zone.
    let ist = TimeZone::fixed(jiff::tz::Offset::from_seconds(19_800).unwrap());
    for (from, want) in [
        ("2016-01-03T13:09:03+05:30", "2016-01-03T14:14:00+05:30"),
        ("2016-01-03T04:09:03+05:30", "2016-01-03T14:14:00+05:30"),
        ("2016-01-03T14:09:03+05:30", "2016-01-03T14:14:00+05:30"),
        ("2016-01-03T14:00:00+05:30", "2016-01-03T14:14:00+05:30"),
    ] {
        assert_eq!(next("14 14 * * *", ts(from), &ist), Some(ts(want)));
        assert_eq!(next("14 14 * * ?", ts(from), &ist), Some(ts(want)));
    }
}

#[test]
#[allow(
    clippy::too_many_lines,
    reason = "robfig/cron New York DST table, one data literal"
)]
fn robfig_dst_new_york() {
    // robfig TestNext DST cases (2012), times as offsets.
    let ny = zone("America/New_York");
    let cases = [
        // Spring forward 2012-03-11 02:00 EST → 03:00 EDT.
        (
            "2012-03-11T00:00:00-05:00",
            "30 2 11 Mar ?",
            "2013-03-11T02:30:00-04:00",
        ),
        (
            "2012-03-11T00:00:00-05:00",
            "0 * * * ?",
            "2012-03-11T01:00:00-05:00",
        ),
        (
            "2012-03-11T01:00:00-05:00",
            "0 * * * ?",
            "2012-03-11T03:00:00-04:00",
        ),
        (
            "2012-03-11T03:00:00-04:00",
            "0 * * * ?",
            "2012-03-11T04:00:00-04:00",
        ),
        (
            "2012-03-11T04:00:00-04:00",
            "0 * * * ?",
            "2012-03-11T05:00:00-04:00",
        ),
        (
            "2012-03-11T00:00:00-05:00",
            "0 1 * * ?",
            "2012-03-11T01:00:00-05:00",
        ),
        (
            "2012-03-11T01:00:00-05:00",
            "0 1 * * ?",
            "2012-03-12T01:00:00-04:00",
        ),
        // 02:00 does not exist that day: skipped.
        (
            "2012-03-11T00:00:00-05:00",
            "0 2 * * ?",
            "2012-03-12T02:00:00-04:00",
        ),
        // Fall back 2012-11-04 02:00 EDT → 01:00 EST.
        (
            "2012-11-04T00:00:00-04:00",
            "30 2 04 Nov ?",
            "2012-11-04T02:30:00-05:00",
        ),
        (
            "2012-11-04T01:45:00-04:00",
            "30 1 04 Nov ?",
            "2012-11-04T01:30:00-05:00",
        ),
        (
            "2012-11-04T00:00:00-04:00",
            "0 * * * ?",
            "2012-11-04T01:00:00-04:00",
        ),
        (
            "2012-11-04T01:00:00-04:00",
            "0 * * * ?",
            "2012-11-04T01:00:00-05:00",
        ),
        (
            "2012-11-04T01:00:00-05:00",
            "0 * * * ?",
            "2012-11-04T02:00:00-05:00",
        ),
        // 01:00 happens twice: fires twice.
        (
            "2012-11-04T00:00:00-04:00",
            "0 1 * * ?",
            "2012-11-04T01:00:00-04:00",
        ),
        (
            "2012-11-04T01:00:00-04:00",
            "0 1 * * ?",
            "2012-11-04T01:00:00-05:00",
        ),
        (
            "2012-11-04T01:00:00-05:00",
            "0 1 * * ?",
            "2012-11-05T01:00:00-05:00",
        ),
        (
            "2012-11-04T00:00:00-04:00",
            "0 2 * * ?",
            "2012-11-04T02:00:00-05:00",
        ),
        (
            "2012-11-04T02:00:00-05:00",
            "0 2 * * ?",
            "2012-11-05T02:00:00-05:00",
        ),
        (
            "2012-11-04T00:00:00-04:00",
            "0 3 * * ?",
            "2012-11-04T03:00:00-05:00",
        ),
        (
            "2012-11-04T03:00:00-05:00",
            "0 3 * * ?",
            "2012-11-05T03:00:00-05:00",
        ),
        (
            "2012-11-04T00:00:00-04:00",
            "0 3 3 * ?",
            "2012-12-03T03:00:00-05:00",
        ),
        // TZ= / CRON_TZ= prefixes parse and are ignored by next_after (the caller resolves them).
        (
            "2012-03-11T01:00:00-05:00",
            "CRON_TZ=America/New_York 0 * * * ?",
            "2012-03-11T03:00:00-04:00",
        ),
        (
            "2012-03-11T01:00:00-05:00",
            "TZ=America/New_York 0 * * * ?",
            "2012-03-11T03:00:00-04:00",
        ),
    ];
    for (from, spec, want) in cases {
        assert_eq!(
            next(spec, ts(from), &ny),
            Some(ts(want)),
            "{spec} from {from}"
        );
    }
    // 01:30 on the fall-back day, both passes (confirmed with robfig v3.0.1).
    assert_eq!(
        fires("30 1 * * *", "2012-11-04T04:30:00Z", &ny, 3),
        [
            "2012-11-04T05:30:00Z",
            "2012-11-04T06:30:00Z",
            "2012-11-05T06:30:00Z"
        ]
    );
    assert_eq!(
        fires("0 2 * 3 0", "2012-03-11T05:30:00Z", &ny, 3),
        [
            "2012-03-18T06:00:00Z",
            "2012-03-25T06:00:00Z",
            "2013-03-03T07:00:00Z"
        ]
    );
}

#[test]
fn dst_london() {
    let london = zone("Europe/London");
    // Spring 2024-03-31 01:00 GMT → 02:00 BST: 01:30 does not exist.
    assert_eq!(
        fires("30 1 * * *", "2024-03-31T00:30:00Z", &london, 2),
        ["2024-04-01T00:30:00Z", "2024-04-02T00:30:00Z"]
    );
    assert_eq!(
        fires("30 2 * * *", "2024-03-31T00:30:00Z", &london, 2),
        ["2024-03-31T01:30:00Z", "2024-04-01T01:30:00Z"]
    );
    // Autumn 2024-10-27 02:00 BST → 01:00 GMT: 01:30 happens twice.
    assert_eq!(
        fires("30 1 * * *", "2024-10-27T00:00:00Z", &london, 3),
        [
            "2024-10-27T00:30:00Z",
            "2024-10-27T01:30:00Z",
            "2024-10-28T01:30:00Z"
        ]
    );
    assert_eq!(
        fires("0 * * * *", "2024-10-26T23:30:00Z", &london, 3),
        [
            "2024-10-27T00:00:00Z",
            "2024-10-27T01:00:00Z",
            "2024-10-27T02:00:00Z"
        ]
    );
}

#[test]
fn day_without_midnight_is_skipped() {
    // São Paulo 2018-11-04: 00:00 → 01:00; Cairo 2023-04-28: 00:00 → 01:00 (robfig v3.0.1 agrees).
    assert_eq!(
        fires(
            "0 0 * * *",
            "2018-11-03T12:00:00Z",
            &zone("America/Sao_Paulo"),
            2
        ),
        ["2018-11-05T02:00:00Z", "2018-11-06T02:00:00Z"]
    );
    assert_eq!(
        fires(
            "0 0 * * *",
            "2023-04-27T20:00:00Z",
            &zone("Africa/Cairo"),
            2
        ),
        ["2023-04-28T21:00:00Z", "2023-04-29T21:00:00Z"]
    );
    // robfig/cron GitHub issue #157 cases.
    let sp = zone("America/Sao_Paulo");
    assert_eq!(
        next("0 9 10 * ?", ts("2018-10-17T05:00:00-04:00"), &sp),
        Some(ts("2018-11-10T06:00:00-05:00"))
    );
    assert_eq!(
        next("0 9 22 * ?", ts("2018-02-14T05:00:00-05:00"), &sp),
        Some(ts("2018-02-22T07:00:00-05:00"))
    );
}

fn wall_fires(spec: &str, from: &str, tz: &TimeZone, n: usize) -> Vec<String> {
    Schedule::parse(spec)
        .unwrap()
        .with_dst_rule(DstRule::WallClock)
        .iter_after(ts(from), tz)
        .take(n)
        .map(|t| t.to_string())
        .collect()
}

#[test]
fn wall_clock_rule_differs_from_robfig_where_robfig_walks_elapsed_time() {
    // robfig v3.0.1's hour loop crosses São Paulo's midnight gap without re-checking the day:
    // it fires on Sunday 2018-11-04 (neither the 25th nor a Saturday). Values from robfig.
    let sp = zone("America/Sao_Paulo");
    let from = "2018-11-03T12:00:00Z";
    assert_eq!(
        fires("30 18 25 * 6", from, &sp, 2),
        ["2018-11-03T21:30:00Z", "2018-11-04T20:30:00Z"]
    );
    assert_eq!(
        wall_fires("30 18 25 * 6", from, &sp, 2),
        ["2018-11-03T21:30:00Z", "2018-11-10T20:30:00Z"]
    );
    // Lord Howe's 30-minute fall-back (2024-04-07 02:00 → 01:30): robfig skips the 8th for
    // `0 0 * * *` (first fire 2024-04-09 00:00 +10:30); midnight of the 8th exists once.
    let lh = zone("Australia/Lord_Howe");
    let from = "2024-04-06T14:00:00Z";
    assert_eq!(
        fires("0 0 * * *", from, &lh, 2),
        ["2024-04-08T13:30:00Z", "2024-04-09T13:30:00Z"]
    );
    assert_eq!(
        wall_fires("0 0 * * *", from, &lh, 2),
        ["2024-04-07T13:30:00Z", "2024-04-08T13:30:00Z"]
    );
}

#[test]
fn five_year_limit_and_leap_years() {
    let utc = TimeZone::UTC;
    assert_eq!(
        fires("0 0 29 2 *", "2023-01-01T00:00:00Z", &utc, 3),
        [
            "2024-02-29T00:00:00Z",
            "2028-02-29T00:00:00Z",
            "2032-02-29T00:00:00Z"
        ]
    );
    // 2100 is not a leap year; 2104 is beyond 2097 + 5.
    assert_eq!(next("0 0 29 2 *", ts("2097-01-01T00:00:00Z"), &utc), None);
    assert_eq!(next("0 0 29 2 *", ts("2096-03-01T00:00:00Z"), &utc), None);
    assert_eq!(
        next("0 0 29 2 *", ts("2095-06-01T00:00:00Z"), &utc),
        Some(ts("2096-02-29T00:00:00Z"))
    );
    // Feb 29 OR Monday in February.
    assert_eq!(
        fires("0 0 29 2 1", "2023-01-01T00:00:00Z", &utc, 3),
        [
            "2023-02-06T00:00:00Z",
            "2023-02-13T00:00:00Z",
            "2023-02-20T00:00:00Z"
        ]
    );
    assert_eq!(next("0 0 31 2 *", ts("2023-01-01T00:00:00Z"), &utc), None);
    assert!(
        Schedule::parse("0 0 31 2 *")
            .unwrap()
            .fields()
            .unwrap()
            .never_fires()
    );
    assert!(
        !Schedule::parse("0 0 29 2 *")
            .unwrap()
            .fields()
            .unwrap()
            .never_fires()
    );
    // Year boundaries.
    assert_eq!(
        next("0 0 1 1 *", ts("2020-01-01T00:00:00Z"), &utc),
        Some(ts("2021-01-01T00:00:00Z"))
    );
    assert_eq!(
        next("0 0 1 1 *", ts("2019-12-31T23:59:59Z"), &utc),
        Some(ts("2020-01-01T00:00:00Z"))
    );
}

#[test]
fn day_rule_edge_cases() {
    let utc = TimeZone::UTC;
    let from = "2012-07-10T00:00:00Z"; // a Tuesday
    // `*/1` keeps the star: AND → Mondays only.
    assert_eq!(
        fires("* * */1 * 1", from, &utc, 1),
        ["2012-07-16T00:00:00Z"]
    );
    assert_eq!(
        fires("0 0 */1 * 1", from, &utc, 2),
        ["2012-07-16T00:00:00Z", "2012-07-23T00:00:00Z"]
    );
    // `*/2` is not a star: odd days OR Mondays.
    assert_eq!(
        fires("0 0 */2 * 1", from, &utc, 3),
        [
            "2012-07-11T00:00:00Z",
            "2012-07-13T00:00:00Z",
            "2012-07-15T00:00:00Z"
        ]
    );
    // `1-31` is not a star: every day.
    assert_eq!(
        fires("0 0 1-31 * 1", from, &utc, 2),
        ["2012-07-11T00:00:00Z", "2012-07-12T00:00:00Z"]
    );
    // `1,*` contains a star: AND.
    assert_eq!(
        fires("0 0 1,* * 1", from, &utc, 2),
        ["2012-07-16T00:00:00Z", "2012-07-23T00:00:00Z"]
    );
    // Star-stepped day-of-week.
    assert_eq!(
        fires("0 0 15 * */2", from, &utc, 3),
        [
            "2012-07-12T00:00:00Z",
            "2012-07-14T00:00:00Z",
            "2012-07-15T00:00:00Z"
        ]
    );
    // robfig v1.2 (tkestack): `*/2` is a star → AND → odd days that are Mondays.
    let legacy = ParseOptions::default().with_day_rule(DayRule::RobfigV1);
    let s = Schedule::parse_with("0 0 */2 * 1", legacy).unwrap();
    let got: Vec<String> = s
        .iter_after(ts(from), &utc)
        .take(2)
        .map(|t| t.to_string())
        .collect();
    assert_eq!(got, ["2012-07-23T00:00:00Z", "2012-08-13T00:00:00Z"]);
}

#[test]
fn every_descriptor() {
    let utc = TimeZone::UTC;
    assert_eq!(
        fires("@every 90m", "2012-07-10T00:00:00.5Z", &utc, 2),
        ["2012-07-10T01:30:00Z", "2012-07-10T03:00:00Z"]
    );
    // Below one second → one second; fractions dropped.
    assert_eq!(
        fires("@every 10ms", "2012-07-10T00:00:00Z", &utc, 1),
        ["2012-07-10T00:00:01Z"]
    );
    assert_eq!(
        fires("@every 1.9s", "2012-07-10T00:00:00Z", &utc, 1),
        ["2012-07-10T00:00:01Z"]
    );
    assert_eq!(
        fires("@weekly", "2012-07-10T00:00:00Z", &utc, 1),
        ["2012-07-15T00:00:00Z"]
    );
}

#[test]
fn seed_worked_examples() {
    // seed 003:15391-15409, evaluated in Asia/Shanghai from 2025-01-01.
    let sh = zone("Asia/Shanghai");
    let from = local("2025-01-01T00:00", &sh);
    let at = |spec: &str, n: usize| -> Vec<String> {
        Schedule::parse(spec)
            .unwrap()
            .iter_after(from, &sh)
            .take(n)
            .map(|t| t.to_zoned(sh.clone()).datetime().to_string())
            .collect()
    };
    // 12 月 25 日 18:30:00
    assert_eq!(
        at("30 18 25 12 *", 2),
        ["2025-12-25T18:30:00", "2026-12-25T18:30:00"]
    );
    // The seed says "每周六的 18:30:00"; robfig fires on the 25th OR Saturdays.
    assert_eq!(
        at("30 18 25 * 6", 5),
        [
            "2025-01-04T18:30:00",
            "2025-01-11T18:30:00",
            "2025-01-18T18:30:00",
            "2025-01-25T18:30:00",
            "2025-02-01T18:30:00"
        ]
    );
    assert_eq!(
        Schedule::parse("30 18 25 * 6")
            .unwrap()
            .next_after(local("2025-02-02T00:00", &sh), &sh)
            .map(|t| t.to_zoned(sh.clone()).datetime().to_string()),
        Some("2025-02-08T18:30:00".to_string())
    );
    assert_eq!(
        Schedule::parse("30 18 25 * 6")
            .unwrap()
            .next_after(local("2025-03-23T00:00", &sh), &sh)
            .map(|t| t.to_zoned(sh.clone()).datetime().to_string()),
        Some("2025-03-25T18:30:00".to_string()) // a Tuesday, the 25th
    );
    assert_eq!(
        at("30 18 * * 6", 2),
        ["2025-01-04T18:30:00", "2025-01-11T18:30:00"]
    );
    assert_eq!(
        at("* 18 * * *", 3),
        [
            "2025-01-01T18:00:00",
            "2025-01-01T18:01:00",
            "2025-01-01T18:02:00"
        ]
    );
    assert_eq!(
        at("0 18 1,10,22 * *", 4),
        [
            "2025-01-01T18:00:00",
            "2025-01-10T18:00:00",
            "2025-01-22T18:00:00",
            "2025-02-01T18:00:00"
        ]
    );
    let halves = at("0,30 18-23 * * *", 13);
    assert_eq!(halves[0], "2025-01-01T18:00:00");
    assert_eq!(halves[1], "2025-01-01T18:30:00");
    assert_eq!(halves[11], "2025-01-01T23:30:00");
    assert_eq!(halves[12], "2025-01-02T18:00:00");
    assert_eq!(
        at("* */1 * * *", 2),
        ["2025-01-01T00:01:00", "2025-01-01T00:02:00"]
    );
    let early = at("* 2-7/1 * * *", 361);
    assert_eq!(early[0], "2025-01-01T02:00:00");
    assert_eq!(early[359], "2025-01-01T07:59:00");
    assert_eq!(early[360], "2025-01-02T02:00:00");
    // 每月 4 日与每周一到周三的 11 点: 2025-01-01 is a Wednesday.
    assert_eq!(
        at("0 11 4 * mon-wed", 5),
        [
            "2025-01-01T11:00:00",
            "2025-01-04T11:00:00",
            "2025-01-06T11:00:00",
            "2025-01-07T11:00:00",
            "2025-01-08T11:00:00"
        ]
    );
}

#[test]
fn parse_errors_name_field_token_and_range() {
    for (spec, robfig) in [
        ("xyz", "expected exactly 5 fields, found 1: [xyz]"),
        ("60 0 * * *", "end of range (60) above maximum (59): 60"),
        ("0 60 * * *", "end of range (60) above maximum (23): 60"),
        (
            "0 0 * * XYZ",
            "failed to parse int from XYZ: strconv.Atoi: parsing \"XYZ\": invalid syntax",
        ),
        ("0 0 * * 7", "end of range (7) above maximum (6): 7"),
        ("0 0 0 * *", "beginning of range (0) below minimum (1): 0"),
        ("0 0 * 13 *", "end of range (13) above maximum (12): 13"),
        (
            "5-1 * * * *",
            "beginning of range (5) beyond end of range (1): 5-1",
        ),
        (
            "15/0 * * * *",
            "step of range should be a positive number: 15/0",
        ),
        ("1-2-3 * * * *", "too many hyphens: 1-2-3"),
        ("*/2/3 * * * *", "too many slashes: */2/3"),
        ("*/-1 * * * *", "negative number (-1) not allowed: -1"),
        ("", "empty spec string"),
        ("@fortnightly", "unrecognized descriptor: @fortnightly"),
        (
            "@every 1x",
            "failed to parse duration @every 1x: time: unknown unit \"x\" in duration \"1x\"",
        ),
        ("* * * *", "expected exactly 5 fields, found 4: [* * * *]"),
    ] {
        let err = Schedule::parse(spec).unwrap_err();
        assert_eq!(err.robfig_message(), robfig, "{spec}");
    }
    let err = Schedule::parse("0 0 * * 7").unwrap_err().to_string();
    assert!(
        err.contains("day-of-week") && err.contains("\"7\"") && err.contains("0-6 or SUN-SAT"),
        "{err}"
    );
    // robfig panics here; we return an error.
    assert!(Schedule::parse("TZ=UTC").is_err());
    assert!(Schedule::parse("CRON_TZ=Asia/Shanghai").is_err());
    // Names are case-insensitive; `?` is a star; leading `+` and zeros are accepted like Go's Atoi.
    for ok in [
        "0 0 * JAN-dec Mon-FRI",
        "? ? ? ? ?",
        "+5 08 * * *",
        "*-5 * * * *",
        "0 0 1,,2 * *",
    ] {
        assert!(Schedule::parse(ok).is_ok(), "{ok}");
    }
    let s = Schedule::parse("TZ=Asia/Shanghai 0 8 * * *").unwrap();
    assert_eq!(s.time_zone_prefix(), Some("Asia/Shanghai"));
}

#[test]
fn prev_before_mirrors_next() {
    let ny = zone("America/New_York");
    let s = Schedule::parse("30 1 * * *").unwrap();
    // Both passes of the fold, newest first.
    let got: Vec<String> = s
        .iter_before(ts("2012-11-04T12:00:00Z"), &ny)
        .take(3)
        .map(|t| t.to_string())
        .collect();
    assert_eq!(
        got,
        [
            "2012-11-04T06:30:00Z",
            "2012-11-04T05:30:00Z",
            "2012-11-03T05:30:00Z"
        ]
    );
    assert_eq!(
        Schedule::parse("0 0 29 2 *")
            .unwrap()
            .prev_before(ts("2025-01-01T00:00:00Z"), &TimeZone::UTC),
        Some(ts("2024-02-29T00:00:00Z"))
    );
    assert_eq!(
        Schedule::parse("0 2 * * *")
            .unwrap()
            .prev_before(ts("2012-03-12T00:00:00Z"), &ny),
        Some(ts("2012-03-10T07:00:00Z"))
    );
}
