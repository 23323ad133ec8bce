//! Parse and next-fire benchmarks: acp-cron against croner, cron (6-field equivalents) and
//! saffron (UTC only) in the same groups. Results and the command: `BENCHMARKS.md`, `## acp-cron`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::str::FromStr;

use acp_cron::Schedule;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use jiff::{Timestamp, Zoned, tz::TimeZone};

/// (label, 5-field spec, 6-field `cron` crate spec with names so weekday numbering cannot differ).
const EXPRS: [(&str, &str, &str); 5] = [
    ("every5min", "*/5 * * * *", "0 */5 * * * *"),
    ("weekdays8", "0 8 * * 1-5", "0 0 8 * * Mon-Fri"),
    ("dom_or_dow", "0 11 4 * mon-wed", "0 0 11 4 * Mon-Wed"),
    ("leapday", "0 0 29 2 *", "0 0 0 29 Feb *"),
    ("seed_25_sat", "30 18 25 * 6", "0 30 18 25 * Sat"),
];

const START: &str = "2025-01-15T10:07:30Z";

fn parse(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    for (label, five, six) in EXPRS {
        g.bench_with_input(BenchmarkId::new("acp-cron", label), five, |b, s| {
            b.iter(|| Schedule::parse(black_box(s)).unwrap())
        });
        g.bench_with_input(BenchmarkId::new("croner", label), five, |b, s| {
            b.iter(|| croner::Cron::from_str(black_box(s)).unwrap())
        });
        g.bench_with_input(BenchmarkId::new("cron", label), six, |b, s| {
            b.iter(|| cron::Schedule::from_str(black_box(s)).unwrap())
        });
        g.bench_with_input(BenchmarkId::new("saffron", label), five, |b, s| {
            b.iter(|| saffron::Cron::from_str(black_box(s)).unwrap())
        });
    }
    g.finish();
}

fn next_in(c: &mut Criterion, group: &str, zone: &str) {
    let tz = if zone == "UTC" {
        TimeZone::UTC
    } else {
        TimeZone::get(zone).unwrap()
    };
    let start: Timestamp = START.parse().unwrap();
    let zoned: Zoned = start.to_zoned(tz.clone());
    let chrono_utc: chrono::DateTime<chrono::Utc> = START.parse().unwrap();
    let chrono_tz: chrono_tz::Tz = zone.parse().unwrap();
    let chrono_zoned = chrono_utc.with_timezone(&chrono_tz);
    let mut g = c.benchmark_group(group);
    for (label, five, six) in EXPRS {
        let ours = Schedule::parse(five).unwrap();
        g.bench_function(BenchmarkId::new("acp-cron", label), |b| {
            b.iter(|| ours.next_after(black_box(start), &tz))
        });
        let cr = croner::Cron::from_str(five).unwrap();
        g.bench_function(BenchmarkId::new("croner", label), |b| {
            b.iter(|| cr.find_next_occurrence(black_box(&zoned), false).ok())
        });
        let cs = cron::Schedule::from_str(six).unwrap();
        g.bench_function(BenchmarkId::new("cron", label), |b| {
            b.iter(|| cs.after(black_box(&chrono_zoned)).next())
        });
        if zone == "UTC" {
            let sf = saffron::Cron::from_str(five).unwrap();
            g.bench_function(BenchmarkId::new("saffron", label), |b| {
                b.iter(|| sf.next_after(black_box(chrono_utc)))
            });
        }
    }
    g.finish();
}

fn next_fire(c: &mut Criterion) {
    next_in(c, "next_utc", "UTC");
    next_in(c, "next_shanghai", "Asia/Shanghai");
    next_in(c, "next_new_york", "America/New_York");
}

criterion_group!(benches, parse, next_fire);
criterion_main!(benches);
