//! Human descriptions in English and Chinese.
//!
//! Wording follows the ACP documentation's examples
//! (`30 18 * * 6` → "每周六的 18:30:00"), and stays truthful where the ACP documentation is not: with both day
// seed 003:15391-15409
//! fields restricted robfig fires on either, so `30 18 25 * 6` is "每月 25 日或每周六的 18:30:00" /
//! "at 18:30 on day 25 of the month or every Saturday" (the ACP documentation says "每周六").
//!
//! ```
//! use acp_cron::{Schedule, describe};
//! let s = Schedule::parse("30 18 * * 6")?;
//! assert_eq!(describe::chinese(&s), "每周六的 18:30:00");
//! assert_eq!(describe::english(&s), "at 18:30 every Saturday");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::schedule::range_bits;
use crate::{CronFields, Kind, Schedule};

const EN_DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const ZH_DAYS: [&str; 7] = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];
const EN_MONTHS: [&str; 12] = [
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

/// Runs of consecutive set bits in `lo..=hi`.
fn runs(bits: u64, lo: u32, hi: u32) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for v in lo..=hi {
        if bits & (1 << v) != 0 {
            match out.last_mut() {
                Some((_, b)) if *b + 1 == v => *b = v,
                _ => out.push((v, v)),
            }
        }
    }
    out
}

fn single(bits: u64) -> Option<u32> {
    (bits.count_ones() == 1).then(|| bits.trailing_zeros())
}

fn join_en(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn list(
    bits: u64,
    lo: u32,
    hi: u32,
    name: &dyn Fn(u32) -> String,
    range_word: &str,
    sep: &str,
    en: bool,
) -> String {
    let parts: Vec<String> = runs(bits, lo, hi)
        .into_iter()
        .flat_map(|(a, b)| {
            if a == b {
                vec![name(a)]
            } else if b == a + 1 {
                vec![name(a), name(b)]
            } else {
                vec![format!("{}{range_word}{}", name(a), name(b))]
            }
        })
        .collect();
    if en { join_en(&parts) } else { parts.join(sep) }
}

fn every_minute(f: &CronFields) -> bool {
    f.minutes() == range_bits(0, 59)
}

fn step_of(bits: u64, lo: u32, hi: u32) -> Option<u32> {
    let vals: Vec<u32> = (lo..=hi).filter(|v| bits & (1 << v) != 0).collect();
    if vals.len() < 2 || vals[0] != lo {
        return None;
    }
    let s = vals[1] - vals[0];
    (s > 1 && vals.windows(2).all(|w| w[1] - w[0] == s) && vals[vals.len() - 1] + s > hi)
        .then_some(s)
}

/// English description.
pub fn english(schedule: &Schedule) -> String {
    let f = match schedule.kind() {
        Kind::Every { seconds } => return format!("every {seconds} seconds"),
        Kind::Cron(f) => f,
    };
    if f.never_fires() {
        return "never".to_string();
    }
    format!("{} {}", english_time(f), english_day(f))
}

/// The time-of-day part of [`english`].
fn english_time(f: &CronFields) -> String {
    let hours_all = f.hours() == range_bits(0, 23);
    match (single(f.minutes()), single(f.hours())) {
        (Some(m), Some(h)) => format!("at {h:02}:{m:02}"),
        _ if every_minute(f) && hours_all => "every minute".to_string(),
        _ if every_minute(f) => format!(
            "every minute during hour {}",
            list(
                f.hours(),
                0,
                23,
                &|h| format!("{h:02}:00–{h:02}:59"),
                "",
                ", ",
                true
            )
        ),
        (Some(m), None) if hours_all => format!("at minute {m} of every hour"),
        (None, _) if hours_all && step_of(f.minutes(), 0, 59).is_some() => {
            format!("every {} minutes", step_of(f.minutes(), 0, 59).unwrap_or(1))
        }
        _ => format!(
            "at minute {} past hour {}",
            list(f.minutes(), 0, 59, &|m| m.to_string(), "–", ", ", true),
            list(f.hours(), 0, 23, &|h| h.to_string(), "–", ", ", true)
        ),
    }
}

/// The day part of [`english`]: days of month and of week, months.
fn english_day(f: &CronFields) -> String {
    let months_all = f.months() == range_bits(1, 12);
    let month_text = list(
        f.months(),
        1,
        12,
        &|m| EN_MONTHS[(m - 1) as usize].to_string(),
        " through ",
        ", ",
        true,
    );
    let dom_text = |prefix: &str| {
        format!(
            "{prefix}{}",
            list(
                f.days_of_month(),
                1,
                31,
                &|d| d.to_string(),
                "–",
                ", ",
                true
            )
        )
    };
    let dow_text = format!(
        "every {}",
        list(
            f.days_of_week(),
            0,
            6,
            &|d| EN_DAYS[d as usize].to_string(),
            " through ",
            ", ",
            true
        )
    );
    let dom_r = !f.dom_is_star();
    let dow_r = !f.dow_is_star();
    match (dom_r, dow_r) {
        (false, false) if months_all => "every day".to_string(),
        (false, false) => format!("every day in {month_text}"),
        (true, false) if !months_all && single(f.months()).is_some() => {
            format!("on {month_text} {}", dom_text(""))
        }
        (true, false) if months_all => dom_text("on day ") + " of the month",
        (true, false) => format!("{} of {month_text}", dom_text("on day ")),
        (false, true) if months_all => dow_text,
        (false, true) => format!("{dow_text} in {month_text}"),
        (true, true) => {
            let m = if months_all {
                "the month".to_string()
            } else {
                month_text
            };
            format!(
                "on day {} of {m} or {dow_text}",
                list(
                    f.days_of_month(),
                    1,
                    31,
                    &|d| d.to_string(),
                    "–",
                    ", ",
                    true
                )
            )
        }
    }
}

/// Chinese description in the ACP documentation's style.
pub fn chinese(schedule: &Schedule) -> String {
    let f = match schedule.kind() {
        Kind::Every { seconds } => return format!("每 {seconds} 秒"),
        Kind::Cron(f) => f,
    };
    if f.never_fires() {
        return "永不触发".to_string();
    }
    let hours_all = f.hours() == range_bits(0, 23);
    let months_all = f.months() == range_bits(1, 12);
    let dom_r = !f.dom_is_star();
    let dow_r = !f.dow_is_star();
    let month_text = list(f.months(), 1, 12, &|m| format!("{m} 月"), "至", "、", false);
    let doms = list(
        f.days_of_month(),
        1,
        31,
        &|d| d.to_string(),
        "至",
        "、",
        false,
    );
    let dows = list(
        f.days_of_week(),
        0,
        6,
        &|d| ZH_DAYS[d as usize].to_string(),
        "到",
        "、",
        false,
    );
    let dows = format!("每{dows}");
    let specific_date = dom_r && !dow_r && !months_all && single(f.months()).is_some();
    let day = match (dom_r, dow_r) {
        (false, false) if months_all => "每天".to_string(),
        (false, false) => format!("每年 {month_text} 每天"),
        (true, false) if specific_date => format!("{month_text} {doms} 日"),
        (true, false) if months_all => format!("每月 {doms} 日"),
        (true, false) => format!("每年 {month_text} {doms} 日"),
        (false, true) if months_all => dows,
        (false, true) => format!("每年 {month_text} 的{dows}"),
        (true, true) if months_all => format!("每月 {doms} 日或{dows}"),
        (true, true) => format!("每年 {month_text} {doms} 日或{dows}"),
    };
    match (single(f.minutes()), single(f.hours())) {
        (Some(m), Some(h)) => {
            if specific_date {
                format!("{day} {h:02}:{m:02}:00")
            } else {
                format!("{day}的 {h:02}:{m:02}:00")
            }
        }
        _ if every_minute(f) && hours_all && day == "每天" => "每分钟".to_string(),
        _ if every_minute(f) => format!(
            "{day} {} 点之间，每分钟",
            list(f.hours(), 0, 23, &|h| h.to_string(), " 点到 ", "、", false)
        ),
        (Some(m), None) if hours_all => format!("{day}每小时的第 {m} 分"),
        (None, _) if hours_all && step_of(f.minutes(), 0, 59).is_some() => {
            format!("{day}每 {} 分钟", step_of(f.minutes(), 0, 59).unwrap_or(1))
        }
        _ => format!(
            "{day} {} 点之间，每个小时的 {} 分",
            list(
                f.hours(),
                0,
                23,
                &|h| format!("{h:02}:00"),
                " 至 ",
                "、",
                false
            ),
            list(
                f.minutes(),
                0,
                59,
                &|m| format!("{m:02}"),
                " 至 ",
                " 分和 ",
                false
            )
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(s: &str) -> (String, String) {
        let s = Schedule::parse(s).unwrap();
        (chinese(&s), english(&s))
    }

    #[test]
    fn seed_examples() {
        // seed 003:15391-15409
        assert_eq!(
            both("30 18 25 12 *"),
            (
                "12 月 25 日 18:30:00".into(),
                "at 18:30 on December 25".into()
            )
        );
        assert_eq!(
            both("30 18 25 * 6"),
            (
                "每月 25 日或每周六的 18:30:00".into(),
                "at 18:30 on day 25 of the month or every Saturday".into()
            )
        );
        assert_eq!(
            both("30 18 * * 6"),
            ("每周六的 18:30:00".into(), "at 18:30 every Saturday".into())
        );
        assert_eq!(both("* 18 * * *").0, "每天 18 点之间，每分钟");
        assert_eq!(
            both("* 18 * * *").1,
            "every minute during hour 18:00–18:59 every day"
        );
        assert_eq!(
            both("0 18 1,10,22 * *"),
            (
                "每月 1、10、22 日的 18:00:00".into(),
                "at 18:00 on day 1, 10 and 22 of the month".into()
            )
        );
        assert_eq!(
            both("0,30 18-23 * * *").0,
            "每天 18:00 至 23:00 点之间，每个小时的 00 分和 30 分"
        );
        assert_eq!(
            both("* */1 * * *"),
            ("每分钟".into(), "every minute every day".into())
        );
        assert_eq!(both("* 2-7/1 * * *").0, "每天 2 点到 7 点之间，每分钟");
        assert_eq!(
            both("0 11 4 * mon-wed"),
            (
                "每月 4 日或每周一到周三的 11:00:00".into(),
                "at 11:00 on day 4 of the month or every Monday through Wednesday".into()
            )
        );
        assert_eq!(
            both("*/5 * * * *"),
            ("每天每 5 分钟".into(), "every 5 minutes every day".into())
        );
        assert_eq!(
            both("0 8 * * 1-5").1,
            "at 08:00 every Monday through Friday"
        );
        assert_eq!(both("0 0 31 2 *"), ("永不触发".into(), "never".into()));
    }
}
