//! # acp-cron — crontab schedules with Kubernetes (robfig/cron v3) semantics
//!
//! CronJobs and CronHPA rules on Alauda Container Platform use the 5-field crontab syntax
//! ("规则与 Kubernetes CronJobs 相同"). Kubernetes
// seed 003:15371-15386; seed 003:9946
//! evaluates it with robfig/cron v3.0.1; this crate implements the same semantics in integer
//! arithmetic, with time zones as [`jiff::tz::TimeZone`] values and time as [`jiff::Timestamp`]
//! parameters. No I/O, no clock.
//!
//! ```
//! use acp_cron::Schedule;
//! use jiff::{Timestamp, tz::TimeZone};
//!
//! // "30 18 25 * 6": robfig ORs day-of-month and day-of-week, so this fires on the 25th
//! // *and* on every Saturday.
// seed 003:15393
//! let s: Schedule = "30 18 25 * 6".parse()?;
//! let shanghai = TimeZone::get("Asia/Shanghai")?;
//! let now: Timestamp = "2025-01-20T00:00:00Z".parse()?;
//! let fires: Vec<String> = s
//!     .iter_after(now, &shanghai)
//!     .take(3)
//!     .map(|t| t.to_zoned(shanghai.clone()).datetime().to_string())
//!     .collect();
//! assert_eq!(fires, [
//!     "2025-01-25T18:30:00", // a Saturday *and* the 25th
//!     "2025-02-01T18:30:00", // Saturday
//!     "2025-02-08T18:30:00",
//! ]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Daylight-saving transitions
//!
//! [`Schedule::next_after`] reproduces robfig/cron v3.0.1 by default ([`DstRule::RobfigV3`]),
//! including what it does in zones whose offset moves by 30 minutes (Australia/Lord_Howe): skipped
//! days or weeks and fires on the half hour. [`DstRule::WallClock`] is the explicit alternative
//! that fires at every matching wall-clock minute.
//!
//! ## Deviations
//!
//! - DEVIATION: [`Schedule::prev_before`] has no robfig counterpart; it searches the wall clock
//!   under either [`DstRule`], so under the default rule in Australia/Lord_Howe it is not the
//!   inverse of [`Schedule::next_after`].
//! - DEVIATION: robfig's `Next` has no step limit; the emulation stops (no fire) after four
//!   million steps, which only a zone whose hours never read 0 could reach.
//! - DEVIATION: [`convert`] has no upstream; it refuses lines whose fires would depend on the
//!   year being a leap year instead of approximating them.
//! - DEVIATION: when a schedule has no fire after the search start, the CronJob arithmetic reports
//!   nothing due instead of feeding robfig's zero time back into `Next`
//!   ([`cronjob::most_recent_schedule_time`]).
//! - DEVIATION: [`cronjob_object`] reports a CronJob without `spec` as `spec: Required value`;
//!   upstream's value-typed spec would reach the schedule parser as an empty schedule.
//! - DEVIATION: a part of the schedule longer than
//!   [`MAX_ECHOED_BYTES`](acp_model::validation::MAX_ECHOED_BYTES) is shortened in
//!   [`ParseError`]'s messages (and [`ParseError::robfig_message`]); robfig repeats it whole.
#![forbid(unsafe_code)]

mod civil;
pub mod convert;
#[cfg(feature = "crd")]
pub mod cronhpa;
pub mod cronjob;
pub mod cronjob_object;
pub mod describe;
mod error;
mod schedule;

pub use acp_model::crontab::{Field, FieldErrorKind, ParseError};
pub use convert::ConvertError;
#[cfg(feature = "crd")]
pub use cronhpa::{CronHpaRules, RuleError};
pub use cronjob::CronJobError;
pub use error::TimeZoneError;
pub use schedule::{
    CronFields, DayRule, DstRule, FiresAfter, FiresBefore, Kind, ParseOptions, Schedule,
};

pub use acp_model;
pub use jiff;
