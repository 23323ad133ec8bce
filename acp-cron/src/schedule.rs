//! The parsed schedule, its matching rule and next/previous fire search.

use core::fmt;
use core::str::FromStr;

pub(crate) use acp_model::crontab::range_bits;
use acp_model::crontab::{self, LineKind};
use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, TimeZone, TimeZoneDatabase};

use crate::civil::{days_from_civil, days_in_month, weekday, year_of_minute};
use crate::error::TimeZoneError;
pub use acp_model::crontab::DayRule;
use acp_model::crontab::ParseError;

/// How [`Schedule::next_after`] walks the wall clock of a zone with offset transitions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DstRule {
    /// robfig/cron v3.0.1's `SpecSchedule.Next`, step for step, as Kubernetes CronJobs run it:
    /// it walks months and days on the calendar but hours and minutes in elapsed time, so in a
    /// zone whose offset changes by something other than a whole hour (Australia/Lord_Howe
    /// moves by 30 minutes) the walk can land on the half hour, skip days or weeks of fires,
    /// or return an instant whose wall-clock time does not match the schedule (`30 1 * * *`
    /// can fire at 02:30 on the spring-forward day). In zones that move by whole hours it
    /// agrees with [`DstRule::WallClock`].
    #[default]
    RobfigV3,
    /// The earliest whole-minute instant after the start whose wall-clock time in the zone
    /// matches: times in a spring-forward gap are skipped, times in an autumn overlap fire
    /// twice, and no matching day is ever skipped. Not what Kubernetes does; choose it
    /// explicitly when the intended wall-clock schedule matters more than fidelity.
    WallClock,
}

/// Parser options.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ParseOptions {
    /// Star rule for the day fields.
    pub day_rule: DayRule,
    /// How the next fire is searched across offset transitions.
    pub dst_rule: DstRule,
}

impl ParseOptions {
    /// Sets [`day_rule`](ParseOptions::day_rule).
    #[must_use]
    pub fn with_day_rule(mut self, day_rule: DayRule) -> Self {
        self.day_rule = day_rule;
        self
    }

    /// Sets [`dst_rule`](ParseOptions::dst_rule).
    #[must_use]
    pub fn with_dst_rule(mut self, dst_rule: DstRule) -> Self {
        self.dst_rule = dst_rule;
        self
    }
}

/// Bit sets of a 5-field schedule: bit `n` set means value `n` is allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CronFields {
    minute: u64,
    hour: u64,
    dom: u64,
    month: u64,
    dow: u64,
    dom_star: bool,
    dow_star: bool,
    /// `dow` repeated every 7 bits: bit `k` is set when weekday `k % 7` is in `dow`. Shifted right
    /// by the weekday `w` of the 1st and left by one, it gives the days of the month (bit `d`)
    /// whose weekday `(w + d - 1) % 7` is in `dow` (see [`CronFields::day_mask`]).
    dow_days: u64,
    /// `dow` allows every weekday or none, so the day mask does not depend on the weekday of the
    /// 1st and `day_mask` can skip the date arithmetic.
    dow_uniform: bool,
    /// No minute, hour, month or day can ever match.
    never: bool,
}

/// Bit 0 of every 7-bit block of a `u64` (0, 7, …, 56): multiplying a 7-bit weekday set by it
/// repeats the set without overlapping carries.
const EVERY_7TH_BIT: u64 = 0x0102_0408_1020_4081;

/// Months (bits 1–12) with 31 days, with 30 days, and February (29 days in a leap year).
const MONTHS_31: u64 = 1 << 1 | 1 << 3 | 1 << 5 | 1 << 7 | 1 << 8 | 1 << 10 | 1 << 12;
const MONTHS_30: u64 = 1 << 4 | 1 << 6 | 1 << 9 | 1 << 11;
const FEBRUARY: u64 = 1 << 2;

impl CronFields {
    /// Builds the field sets from bit masks (bits outside each field's range are ignored).
    /// `dom_star`/`dow_star` say whether the day fields count as stars (see [`DayRule`]).
    pub fn from_bits(
        minute: u64,
        hour: u64,
        dom: u64,
        month: u64,
        dow: u64,
        dom_star: bool,
        dow_star: bool,
    ) -> Self {
        let minute = minute & range_bits(0, 59);
        let hour = hour & range_bits(0, 23);
        let dom = dom & range_bits(1, 31);
        let month = month & range_bits(1, 12);
        let dow = dow & range_bits(0, 6);
        let mut f = CronFields {
            minute,
            hour,
            dom,
            month,
            dow,
            dom_star,
            dow_star,
            dow_days: dow * EVERY_7TH_BIT,
            dow_uniform: dow == 0 || dow == range_bits(0, 6),
            never: false,
        };
        f.never = minute == 0 || hour == 0 || !f.some_day_possible();
        f
    }

    /// Whether some (month, day) of some year can match.
    ///
    /// Every month starts on every weekday in some year (February included among leap years), so a
    /// day of month `d` can fall on any weekday: with the day fields ANDed a day is possible when
    /// some allowed day of month exists in an allowed month and some weekday is allowed; ORed,
    /// when either holds (every month is longer than a week). `day_possible_by_search` in the
    /// tests checks this against a search over every month and weekday of the 1st.
    fn some_day_possible(&self) -> bool {
        let dom_fits = (self.month & MONTHS_31 != 0 && self.dom != 0)
            || (self.month & MONTHS_30 != 0 && self.dom & range_bits(1, 30) != 0)
            || (self.month & FEBRUARY != 0 && self.dom & range_bits(1, 29) != 0);
        if self.days_anded() {
            dom_fits && self.dow != 0
        } else {
            self.month != 0 && (dom_fits || self.dow != 0)
        }
    }

    /// `true` when no instant can ever match (`0 0 31 2 *`, `0 0 30 2 *`, an empty list).
    pub fn never_fires(&self) -> bool {
        self.never
    }

    /// Allowed minutes (bits 0–59).
    pub fn minutes(&self) -> u64 {
        self.minute
    }
    /// Allowed hours (bits 0–23).
    pub fn hours(&self) -> u64 {
        self.hour
    }
    /// Allowed days of month (bits 1–31).
    pub fn days_of_month(&self) -> u64 {
        self.dom
    }
    /// Allowed months (bits 1–12).
    pub fn months(&self) -> u64 {
        self.month
    }
    /// Allowed days of week (bits 0–6, Sunday = 0).
    pub fn days_of_week(&self) -> u64 {
        self.dow
    }
    /// Whether day-of-month was written as a star.
    pub fn dom_is_star(&self) -> bool {
        self.dom_star
    }
    /// Whether day-of-week was written as a star.
    pub fn dow_is_star(&self) -> bool {
        self.dow_star
    }
    /// `true` when a day must satisfy both day fields (either is a star), `false` when either
    /// suffices (robfig/cron `spec.go` `dayMatches`).
    pub fn days_anded(&self) -> bool {
        self.dom_star || self.dow_star
    }

    /// Days (bit d, 1–31) of month `m` of year `y` on which the schedule may fire.
    #[inline]
    fn day_mask(&self, y: i64, m: u32) -> u64 {
        let dim = days_in_month(y, m);
        let valid = range_bits(1, dim);
        let first = if self.dow_uniform {
            0
        } else {
            weekday(days_from_civil(y, m, 1))
        };
        let dom = self.dom & valid;
        let dow = ((self.dow_days >> first) << 1) & valid;
        if self.days_anded() {
            dom & dow
        } else {
            dom | dow
        }
    }

    /// Whether a local civil minute matches.
    fn matches_civil(&self, y: i64, mo: u32, d: u32, h: u32, mi: u32) -> bool {
        self.month & (1 << mo) != 0
            && self.day_mask(y, mo) & (1 << d) != 0
            && self.hour & (1 << h) != 0
            && self.minute & (1 << mi) != 0
    }

    /// Smallest matching local minute `>= start` (minutes since the epoch, wall clock) whose year
    /// is at most `limit_year`.
    fn next_local_minute(&self, start: i64, limit_year: i64) -> Option<i64> {
        let (mut y, mut mo, mut d) = crate::civil::civil_from_days(start.div_euclid(1440));
        let tod = start.rem_euclid(1440) as u32;
        let (mut h, mut mi) = (tod / 60, tod % 60);
        'months: loop {
            if y > limit_year {
                return None;
            }
            let months = self.month >> mo;
            if months == 0 {
                y += 1;
                (mo, d, h, mi) = (1, 1, 0, 0);
                continue;
            }
            let skip = months.trailing_zeros();
            if skip > 0 {
                mo += skip;
                (d, h, mi) = (1, 0, 0);
            }
            // The day mask once per month: moving to the next day stays in this loop.
            let day_mask = self.day_mask(y, mo);
            loop {
                let days = day_mask >> d;
                if days == 0 {
                    if mo == 12 {
                        y += 1;
                        mo = 1;
                    } else {
                        mo += 1;
                    }
                    (d, h, mi) = (1, 0, 0);
                    continue 'months;
                }
                let skip = days.trailing_zeros();
                if skip > 0 {
                    d += skip;
                    (h, mi) = (0, 0);
                }
                let hours = self.hour >> h;
                if hours == 0 {
                    d += 1;
                    (h, mi) = (0, 0);
                    continue;
                }
                let skip = hours.trailing_zeros();
                if skip > 0 {
                    h += skip;
                    mi = 0;
                }
                let minutes = self.minute >> mi;
                if minutes == 0 {
                    h += 1;
                    mi = 0;
                    continue;
                }
                mi += minutes.trailing_zeros();
                return Some(days_from_civil(y, mo, d) * 1440 + i64::from(h * 60 + mi));
            }
        }
    }

    /// Largest matching local minute `<= end` whose year is at least `low_year`.
    fn prev_local_minute(&self, end: i64, low_year: i64) -> Option<i64> {
        let (mut y, mut mo, mut d) = crate::civil::civil_from_days(end.div_euclid(1440));
        let tod = end.rem_euclid(1440) as u32;
        let (mut h, mut mi) = (tod / 60, tod % 60);
        loop {
            if y < low_year {
                return None;
            }
            let months = self.month & upto(mo);
            if months == 0 {
                y -= 1;
                (mo, d, h, mi) = (12, 31, 23, 59);
                continue;
            }
            let top = 63 - months.leading_zeros();
            if top < mo {
                mo = top;
                (d, h, mi) = (31, 23, 59);
            }
            let days = self.day_mask(y, mo) & upto(d);
            if days == 0 {
                if mo == 1 {
                    y -= 1;
                    mo = 12;
                } else {
                    mo -= 1;
                }
                (d, h, mi) = (31, 23, 59);
                continue;
            }
            let top = 63 - days.leading_zeros();
            if top < d {
                d = top;
                (h, mi) = (23, 59);
            }
            let hours = self.hour & upto(h);
            if hours == 0 {
                d -= 1;
                (h, mi) = (23, 59);
                continue;
            }
            let top = 63 - hours.leading_zeros();
            if top < h {
                h = top;
                mi = 59;
            }
            let minutes = self.minute & upto(mi);
            if minutes == 0 {
                if h == 0 {
                    d -= 1;
                    h = 23;
                } else {
                    h -= 1;
                }
                mi = 59;
                continue;
            }
            mi = 63 - minutes.leading_zeros();
            return Some(days_from_civil(y, mo, d) * 1440 + i64::from(h * 60 + mi));
        }
    }
}

/// Bits `0..=n` set (`n <= 63`).
#[inline]
fn upto(n: u32) -> u64 {
    u64::MAX >> (63 - n.min(63))
}

/// What a schedule does.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A crontab expression or one of the `@yearly … @hourly` descriptors.
    Cron(CronFields),
    /// `@every <duration>`: fires `seconds` after the previous fire (robfig/cron
    /// `constantdelay.go`: durations below one second become one second, sub-second parts are
    /// dropped). Time zones do not apply.
    Every {
        /// The delay in whole seconds (at least 1).
        seconds: u64,
    },
}

// seed 003:15371-15386
/// A parsed schedule with robfig/cron v3.0.1 (`ParseStandard`) semantics: 5-field crontab,
/// descriptors, `@every`, an optional `TZ=`/`CRON_TZ=` prefix.
///
/// Field syntax follows the ACP documentation's table: minute
/// 0–59, hour 0–23, day-of-month 1–31, month 1–12 or JAN–DEC, day-of-week 0–6 or SUN–SAT (names
/// case-insensitive), `,` lists, `-` ranges, `*`, `/` steps where `n/m` means "from n every m"
/// (robfig: `N/S` is `N-max/S`), and `?` as a synonym of `*`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Schedule {
    source: String,
    time_zone: Option<String>,
    kind: Kind,
    dst_rule: DstRule,
}

impl FromStr for Schedule {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        Schedule::parse(s)
    }
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

impl Schedule {
    /// Parses like robfig/cron v3 `ParseStandard` (what Kubernetes uses for `spec.schedule`).
    ///
    /// ```
    /// use acp_cron::Schedule;
    /// assert!(Schedule::parse("0 8 * * 1-5").is_ok());
    /// let err = Schedule::parse("0 8 * * 7").unwrap_err();
    /// assert_eq!(err.robfig_message(), "end of range (7) above maximum (6): 7");
    /// assert!(err.to_string().contains("day-of-week"));
    /// ```
    pub fn parse(spec: &str) -> Result<Schedule, ParseError> {
        Schedule::parse_with(spec, ParseOptions::default())
    }

    /// Parses with explicit options (e.g. robfig v1.2's star rule for tkestack compatibility).
    pub fn parse_with(spec: &str, options: ParseOptions) -> Result<Schedule, ParseError> {
        let line = crontab::parse(spec, options.day_rule)?;
        let kind = match line.kind {
            LineKind::Fields(b) => Kind::Cron(CronFields::from_bits(
                b.minute,
                b.hour,
                b.day_of_month,
                b.month,
                b.day_of_week,
                b.dom_star,
                b.dow_star,
            )),
            LineKind::Every { seconds } => Kind::Every { seconds },
        };
        Ok(Schedule {
            source: spec.to_string(),
            time_zone: line.time_zone,
            kind,
            dst_rule: options.dst_rule,
        })
    }

    /// How the next fire is searched across offset transitions ([`DstRule::RobfigV3`] unless
    /// chosen otherwise).
    pub fn dst_rule(&self) -> DstRule {
        self.dst_rule
    }

    /// The same schedule with another [`DstRule`].
    #[must_use]
    pub fn with_dst_rule(mut self, rule: DstRule) -> Schedule {
        self.dst_rule = rule;
        self
    }

    /// The text the schedule was parsed from.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// What the schedule does.
    pub fn kind(&self) -> &Kind {
        &self.kind
    }

    /// The crontab field sets, `None` for `@every`.
    pub fn fields(&self) -> Option<&CronFields> {
        match &self.kind {
            Kind::Cron(f) => Some(f),
            Kind::Every { .. } => None,
        }
    }

    /// The zone name of a `TZ=`/`CRON_TZ=` prefix, if any (may be empty: robfig then uses UTC).
    pub fn time_zone_prefix(&self) -> Option<&str> {
        self.time_zone.as_deref()
    }

    /// The zone to evaluate this schedule in: its `TZ=` prefix looked up in `db` (Go's
    /// `time.LoadLocation`: `""` and `"UTC"` are UTC), or `default` without a prefix.
    pub fn resolve_time_zone(
        &self,
        db: &TimeZoneDatabase,
        default: &TimeZone,
    ) -> Result<TimeZone, TimeZoneError> {
        match self.time_zone.as_deref() {
            None => Ok(default.clone()),
            Some("") | Some("UTC") => Ok(TimeZone::UTC),
            Some(name) if name.eq_ignore_ascii_case("local") => {
                Err(TimeZoneError::Local(name.to_string()))
            }
            Some(name) => db
                .get(name)
                .map_err(|_| TimeZoneError::Unknown(name.to_string())),
        }
    }

    /// The first fire strictly after `t`, evaluated on the wall clock of `tz`; `None` when there is
    /// none within robfig's five-year search window (no fire in a local year later than the
    /// starting year + 5, so `0 0 29 2 *` from 2097 returns `None`).
    ///
    /// Offset transitions follow the schedule's [`DstRule`]. With both rules, in zones that move
    /// by whole hours, wall-clock times inside a spring-forward gap never happen and are skipped
    /// (`0 2 * * *` does not fire on that day in New York) and times in an autumn overlap happen
    /// twice and fire twice (`0 1 * * *` fires at 01:00 EDT and at 01:00 EST), as robfig/cron's
    /// tests pin it. In Australia/Lord_Howe (30-minute shifts) the default
    /// [`DstRule::RobfigV3`] reproduces robfig's skipped days and half-hour fires;
    /// [`DstRule::WallClock`] gives the earliest whole-minute instant after `t` whose
    /// wall-clock time matches.
    #[inline]
    pub fn next_after(&self, t: Timestamp, tz: &TimeZone) -> Option<Timestamp> {
        match &self.kind {
            Kind::Every { seconds } => {
                let secs = floor_seconds(t).checked_add(i64::try_from(*seconds).ok()?)?;
                Timestamp::from_second(secs).ok()
            }
            Kind::Cron(f) => match self.dst_rule {
                DstRule::RobfigV3 => robfig_next(f, t, tz),
                DstRule::WallClock => next_in_zone(f, t, tz),
            },
        }
    }

    /// The last fire strictly before `t`: the latest whole-minute instant before `t` whose
    /// wall-clock time in `tz` matches, with a five-year window backwards, whatever the
    /// [`DstRule`] (robfig/cron has no backward search). It is the inverse of
    /// [`Schedule::next_after`] under [`DstRule::WallClock`], and under the default rule in every
    /// zone whose offset moves by whole hours. For `@every`, the instant whose next fire is the
    /// first at or after `t`.
    #[inline]
    pub fn prev_before(&self, t: Timestamp, tz: &TimeZone) -> Option<Timestamp> {
        match &self.kind {
            Kind::Every { seconds } => {
                let ceil = if t.subsec_nanosecond() > 0 {
                    floor_seconds(t).checked_add(1)?
                } else {
                    floor_seconds(t)
                };
                Timestamp::from_second(ceil.checked_sub(i64::try_from(*seconds).ok()?)?).ok()
            }
            // DEVIATION: robfig has no backward search; this one reads the wall clock whatever
            // the DstRule.
            Kind::Cron(f) => prev_in_zone(f, t, tz),
        }
    }

    /// Whether the schedule fires exactly at `t` (a whole minute whose wall-clock time in `tz`
    /// matches). `@every` schedules have no fixed grid and never "match".
    pub fn matches(&self, t: Timestamp, tz: &TimeZone) -> bool {
        let Kind::Cron(f) = &self.kind else {
            return false;
        };
        if t.subsec_nanosecond() != 0 {
            return false;
        }
        let local = t.as_second() + i64::from(tz.to_offset(t).seconds());
        if local.rem_euclid(60) != 0 {
            return false;
        }
        let minute = local.div_euclid(60);
        let (y, mo, d) = crate::civil::civil_from_days(minute.div_euclid(1440));
        let tod = minute.rem_euclid(1440) as u32;
        f.matches_civil(y, mo, d, tod / 60, tod % 60)
    }

    /// The fires after `t`, in order (each strictly after the previous).
    pub fn iter_after<'a>(&'a self, t: Timestamp, tz: &'a TimeZone) -> FiresAfter<'a> {
        FiresAfter {
            schedule: self,
            tz,
            cursor: Some(t),
        }
    }

    /// The fires before `t`, newest first.
    pub fn iter_before<'a>(&'a self, t: Timestamp, tz: &'a TimeZone) -> FiresBefore<'a> {
        FiresBefore {
            schedule: self,
            tz,
            cursor: Some(t),
        }
    }
}

/// Iterator of [`Schedule::iter_after`].
#[derive(Clone, Debug)]
pub struct FiresAfter<'a> {
    schedule: &'a Schedule,
    tz: &'a TimeZone,
    cursor: Option<Timestamp>,
}

impl Iterator for FiresAfter<'_> {
    type Item = Timestamp;
    fn next(&mut self) -> Option<Timestamp> {
        let next = self.schedule.next_after(self.cursor?, self.tz);
        self.cursor = next;
        next
    }
}

/// Iterator of [`Schedule::iter_before`].
#[derive(Clone, Debug)]
pub struct FiresBefore<'a> {
    schedule: &'a Schedule,
    tz: &'a TimeZone,
    cursor: Option<Timestamp>,
}

impl Iterator for FiresBefore<'_> {
    type Item = Timestamp;
    fn next(&mut self) -> Option<Timestamp> {
        let prev = self.schedule.prev_before(self.cursor?, self.tz);
        self.cursor = prev;
        prev
    }
}

/// Whole seconds of `t`, rounded towards negative infinity.
#[inline]
fn floor_seconds(t: Timestamp) -> i64 {
    let s = t.as_second();
    if t.subsec_nanosecond() < 0 { s - 1 } else { s }
}

/// Civil date-time of a wall-clock minute count (`None` outside jiff's range).
fn civil_of_minute(c: i64) -> Option<DateTime> {
    let (y, mo, d) = crate::civil::civil_from_days(c.div_euclid(1440));
    let tod = c.rem_euclid(1440);
    DateTime::new(
        i16::try_from(y).ok()?,
        mo as i8,
        d as i8,
        (tod / 60) as i8,
        (tod % 60) as i8,
        0,
        0,
    )
    .ok()
}

/// Upper bound on offset periods visited by one search (a zone has a handful of transitions per
/// year; the window is six years).
const MAX_PERIODS: usize = 64;

fn next_in_zone(f: &CronFields, t: Timestamp, tz: &TimeZone) -> Option<Timestamp> {
    if f.never {
        return None;
    }
    let secs = floor_seconds(t);
    let mut off = i64::from(tz.to_offset(t).seconds());
    let local = secs + off;
    let mut from = local.div_euclid(60) + 1;
    // robfig: the limit is the local year of `t + 1s` plus five.
    let limit = year_of_minute((local + 1).div_euclid(60)) + 5;
    let first = tz.following(t).next();
    // Fast path: with no transition in the next 48 hours, no autumn overlap can bring back a
    // wall-clock time earlier than `from`, and the wall clock reaches matching times in civil
    // order; so the answer is the first instant of the earliest matching civil minute that
    // exists (gaps skipped), resolved once.
    let first_end = first.as_ref().map(|tr| tr.timestamp().as_second());
    if first_end.is_none_or(|e| e - secs > 48 * 3600) {
        let c = f.next_local_minute(from, limit)?;
        let u = c * 60 - off;
        if first_end.is_none_or(|e| u < e) {
            return Timestamp::from_second(u).ok();
        }
        let dt = civil_of_minute(c)?;
        match tz.to_ambiguous_timestamp(dt).offset() {
            AmbiguousOffset::Unambiguous { offset } => {
                return Timestamp::from_second(c * 60 - i64::from(offset.seconds())).ok();
            }
            AmbiguousOffset::Fold { before, after } => {
                let early = c * 60 - i64::from(before.seconds());
                let late = c * 60 - i64::from(after.seconds());
                return Timestamp::from_second(if early > secs { early } else { late }).ok();
            }
            // Rare: resolve gaps with the exact period walk below.
            AmbiguousOffset::Gap { .. } => {}
        }
    }
    let mut cursor = t;
    for i in 0..MAX_PERIODS {
        let transition = if i == 0 {
            first.clone()
        } else {
            tz.following(cursor).next()
        };
        let end = transition.as_ref().map(|tr| tr.timestamp().as_second());
        match f.next_local_minute(from, limit) {
            Some(c) => {
                let u = c * 60 - off;
                if end.is_none_or(|e| u < e) {
                    return Timestamp::from_second(u).ok();
                }
            }
            None => {
                // Only an autumn overlap can bring back earlier wall-clock times.
                let tr = transition.as_ref()?;
                let next_from =
                    (tr.timestamp().as_second() + i64::from(tr.offset().seconds()) + 59)
                        .div_euclid(60);
                if next_from >= from {
                    return None;
                }
            }
        }
        let tr = transition?;
        let e = tr.timestamp().as_second();
        off = i64::from(tr.offset().seconds());
        // First whole local minute at or after the transition.
        from = (e + off + 59).div_euclid(60);
        cursor = tr.timestamp();
    }
    None
}

/// Wall-clock fields of an instant in a zone (Go's `Time.Date`/`Time.Clock` after `In(loc)`).
#[derive(Clone, Copy)]
struct Wall {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
}

fn offset_at(tz: &TimeZone, unix: i64) -> Option<i64> {
    Some(i64::from(
        tz.to_offset(Timestamp::from_second(unix).ok()?).seconds(),
    ))
}

fn wall_of(tz: &TimeZone, unix: i64) -> Option<Wall> {
    let local = unix.checked_add(offset_at(tz, unix)?)?;
    let (year, month, day) = crate::civil::civil_from_days(local.div_euclid(86_400));
    let tod = local.rem_euclid(86_400) as u32;
    Some(Wall {
        year,
        month,
        day,
        hour: tod / 3600,
        minute: tod / 60 % 60,
        second: tod % 60,
    })
}

/// Go's `time.Date(y, mo, d, h, mi, s, 0, loc)` as a Unix second: out-of-range fields carry
/// (month 13 is January of the next year, day 32 the 1st of the next month), and a wall-clock
/// time in a gap or overlap takes the offset in force at "local time minus the offset in force
/// at local time read as UTC" — the two-step lookup of Go's `Date`.
fn go_date(tz: &TimeZone, y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> Option<i64> {
    let m0 = mo.checked_sub(1)?;
    let y = y.checked_add(m0.div_euclid(12))?;
    let mo = (m0.rem_euclid(12) + 1) as u32;
    if !(-1_000_000..=1_000_000).contains(&y) {
        return None;
    }
    let days = days_from_civil(y, mo, 1).checked_add(d.checked_sub(1)?)?;
    let local = days
        .checked_mul(86_400)?
        .checked_add(h * 3600 + mi * 60 + s)?;
    let guess = local.checked_sub(offset_at(tz, local)?)?;
    local.checked_sub(offset_at(tz, guess)?)
}

/// Upper bound on the steps of one [`robfig_next`] walk. The walk visits at most six years of
/// months, 31 days a month and 24 hours a day (minutes only within one hour), far below this;
/// the bound only guards zones whose transitions could keep an hour from ever reading 0.
const MAX_ROBFIG_STEPS: u32 = 4_000_000;

/// robfig/cron v3.0.1 `SpecSchedule.Next` (5-field schedules: second 0) in `tz`, with the
/// civil search of [`CronFields::next_local_minute`] as a fast path where no offset transition
/// can influence the walk.
fn robfig_next(f: &CronFields, t: Timestamp, tz: &TimeZone) -> Option<Timestamp> {
    if f.never {
        return None;
    }
    let secs = floor_seconds(t);
    let off = i64::from(tz.to_offset(t).seconds());
    let local = secs.checked_add(off)?;
    // The walk never goes back before the first day of the local month of `t + 1s` (robfig's
    // earliest reset) and never beyond its result. Without a transition in between (a day of
    // margin before) every step is calendar arithmetic on one offset: the civil search agrees.
    let (y, mo, _) = crate::civil::civil_from_days((local + 1).div_euclid(86_400));
    let month_start = days_from_civil(y, mo, 1) * 86_400 - off - 86_400;
    let quiet_before = tz
        .preceding(t)
        .next()
        .is_none_or(|tr| tr.timestamp().as_second() < month_start);
    if quiet_before {
        let from = local.div_euclid(60) + 1;
        let limit = year_of_minute((local + 1).div_euclid(60)) + 5;
        let next_transition = tz.following(t).next().map(|tr| tr.timestamp().as_second());
        match f.next_local_minute(from, limit) {
            Some(c) => {
                let u = c * 60 - off;
                if next_transition.is_none_or(|e| u < e) {
                    return Timestamp::from_second(u).ok();
                }
            }
            None if next_transition.is_none() => return None,
            None => {}
        }
    }
    robfig_walk(f, secs, tz)
}

/// The step-by-step walk of robfig/cron v3.0.1 `SpecSchedule.Next` from Unix second `secs`
/// (already floored): months and days move with `AddDate` (calendar), hours and minutes with
/// `Add` (elapsed time), and every field is read from the wall clock after each step.
#[allow(
    clippy::too_many_lines,
    reason = "one loop, as robfig's Next: the field walks share `continue 'wrap` and the step state"
)]
fn robfig_walk(f: &CronFields, secs: i64, tz: &TimeZone) -> Option<Timestamp> {
    let mut u = secs.checked_add(1)?;
    let mut w = wall_of(tz, u)?;
    let year_limit = w.year + 5;
    let mut added = false;
    let mut steps = 0u32;
    let mut step = |n: &mut i64, to: Option<i64>| -> Option<Wall> {
        // DEVIATION: robfig's loop has no step limit; this one gives up (no fire) after
        // MAX_ROBFIG_STEPS.
        steps += 1;
        if steps > MAX_ROBFIG_STEPS {
            return None;
        }
        *n = to?;
        wall_of(tz, *n)
    };
    'wrap: loop {
        if w.year > year_limit {
            return None;
        }
        while f.month & (1 << w.month) == 0 {
            if !added {
                added = true;
                let to = go_date(tz, w.year, i64::from(w.month), 1, 0, 0, 0);
                w = step(&mut u, to)?;
            }
            let to = go_date(
                tz,
                w.year,
                i64::from(w.month) + 1,
                i64::from(w.day),
                i64::from(w.hour),
                i64::from(w.minute),
                i64::from(w.second),
            );
            w = step(&mut u, to)?;
            if w.month == 1 {
                continue 'wrap;
            }
        }
        while f.day_mask(w.year, w.month) & (1 << w.day) == 0 {
            if !added {
                added = true;
                let to = go_date(tz, w.year, i64::from(w.month), i64::from(w.day), 0, 0, 0);
                w = step(&mut u, to)?;
            }
            let to = go_date(
                tz,
                w.year,
                i64::from(w.month),
                i64::from(w.day) + 1,
                i64::from(w.hour),
                i64::from(w.minute),
                i64::from(w.second),
            );
            w = step(&mut u, to)?;
            // robfig's correction for zones where midnight does not exist.
            if w.hour != 0 {
                let back = if w.hour > 12 {
                    i64::from(24 - w.hour)
                } else {
                    -i64::from(w.hour)
                };
                let to = u.checked_add(back * 3600);
                w = step(&mut u, to)?;
            }
            if w.day == 1 {
                continue 'wrap;
            }
        }
        while f.hour & (1 << w.hour) == 0 {
            if !added {
                added = true;
                // The hour's start; the step below reads the wall clock again.
                u = go_date(
                    tz,
                    w.year,
                    i64::from(w.month),
                    i64::from(w.day),
                    i64::from(w.hour),
                    0,
                    0,
                )?;
            }
            let to = u.checked_add(3600);
            w = step(&mut u, to)?;
            if w.hour == 0 {
                continue 'wrap;
            }
        }
        while f.minute & (1 << w.minute) == 0 {
            if !added {
                added = true;
                u = u.div_euclid(60) * 60;
            }
            let to = u.checked_add(60);
            w = step(&mut u, to)?;
            if w.minute == 0 {
                continue 'wrap;
            }
        }
        // Standard 5-field schedules allow second 0 only.
        while w.second != 0 {
            added = true;
            let to = u.checked_add(1);
            w = step(&mut u, to)?;
            if w.second == 0 {
                continue 'wrap;
            }
        }
        return Timestamp::from_second(u).ok();
    }
}

fn prev_in_zone(f: &CronFields, t: Timestamp, tz: &TimeZone) -> Option<Timestamp> {
    if f.never {
        return None;
    }
    let secs = floor_seconds(t);
    let before = Timestamp::from_second(secs - i64::from(t.subsec_nanosecond() == 0)).ok()?;
    let mut off = i64::from(tz.to_offset(before).seconds());
    let local = secs + off;
    // Last whole local minute strictly before `t`.
    let mut to = if t.subsec_nanosecond() == 0 && local.rem_euclid(60) == 0 {
        local.div_euclid(60) - 1
    } else {
        local.div_euclid(60)
    };
    let low = year_of_minute(local.div_euclid(60)) - 5;
    let mut cursor = t;
    for _ in 0..MAX_PERIODS {
        let transition = tz.preceding(cursor).next();
        let start = transition.as_ref().map(|tr| tr.timestamp().as_second());
        match f.prev_local_minute(to, low) {
            Some(c) => {
                let u = c * 60 - off;
                if start.is_none_or(|s| u >= s) {
                    return Timestamp::from_second(u).ok();
                }
            }
            None => {
                let tr = transition.as_ref()?;
                let s = tr.timestamp().as_second();
                let prev_off =
                    i64::from(tz.to_offset(Timestamp::from_second(s - 1).ok()?).seconds());
                if (s + prev_off - 1).div_euclid(60) <= to {
                    return None;
                }
            }
        }
        let tr = transition?;
        let s = tr.timestamp().as_second();
        off = i64::from(tz.to_offset(Timestamp::from_second(s - 1).ok()?).seconds());
        to = (s + off - 1).div_euclid(60);
        cursor = tr.timestamp();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Days 1–31 (bit d) whose weekday is in `dow` when the 1st is weekday `first`, day by day.
    fn dow_days_by_search(dow: u64, first: u32) -> u64 {
        (1..=31u32)
            .filter(|d| dow & (1 << ((first + d - 1) % 7)) != 0)
            .fold(0, |m, d| m | 1 << d)
    }

    /// The search over every month and weekday of the 1st that `some_day_possible` replaces.
    fn day_possible_by_search(f: &CronFields) -> bool {
        (1..=12u32).filter(|m| f.month & (1 << m) != 0).any(|m| {
            let longest = if m == 2 { 29 } else { days_in_month(2001, m) };
            let valid = range_bits(1, longest);
            (0..7).any(|w| {
                let dom = f.dom & valid;
                let dow = dow_days_by_search(f.dow, w) & valid;
                if f.days_anded() {
                    dom & dow != 0
                } else {
                    dom | dow != 0
                }
            })
        })
    }

    #[test]
    fn repeated_weekdays_match_the_day_by_day_masks() {
        for dow in 0..128u64 {
            let f = CronFields::from_bits(1, 1, 0, 0, dow, false, false);
            for first in 0..7 {
                let by_shift = ((f.dow_days >> first) << 1) & range_bits(1, 31);
                assert_eq!(by_shift, dow_days_by_search(dow, first), "{dow:#b} {first}");
            }
        }
    }

    #[test]
    fn closed_form_day_possibility_matches_the_search() {
        // Day-of-month sets that reach different month lengths, month sets that select 31-day,
        // 30-day and February months, every weekday set, both day rules.
        let doms = [
            0,
            1 << 31,
            1 << 30,
            1 << 29,
            1 << 30 | 1 << 31,
            1 << 29 | 1 << 31,
            1 << 1,
            range_bits(1, 31),
            range_bits(29, 31),
        ];
        for month in 0..(1u64 << 12) {
            for &dom in &doms {
                for dow in [0, 1, 0b100_0000, 0b11, range_bits(0, 6)] {
                    for (dom_star, dow_star) in [(false, false), (true, false), (false, true)] {
                        let f =
                            CronFields::from_bits(1, 1, dom, month << 1, dow, dom_star, dow_star);
                        assert_eq!(
                            f.some_day_possible(),
                            day_possible_by_search(&f),
                            "month {month:#b} dom {dom:#b} dow {dow:#b} {dom_star} {dow_star}"
                        );
                    }
                }
            }
        }
    }
}
