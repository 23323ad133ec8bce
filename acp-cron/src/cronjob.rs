//! Kubernetes CronJob arithmetic and validation (kubernetes `pkg/controller/cronjob/utils.go`,
//! `cronjob_controllerv2.go` and `pkg/apis/batch/validation/validation.go`).
//!
//! ```
//! use acp_cron::{Schedule, cronjob::{self, ConcurrencyPolicy, CronJobState, Decision}};
//! use jiff::{Timestamp, tz::TimeZone};
//!
//! let s = Schedule::parse("0 * * * *")?;
//! let state = CronJobState {
//!     creation: "2025-01-01T00:00:00Z".parse()?,
//!     last_schedule: Some("2025-01-01T09:00:00Z".parse()?),
//!     starting_deadline_seconds: Some(600),
//!     concurrency_policy: ConcurrencyPolicy::Forbid,
//!     active_jobs: 0,
//!     suspend: false,
//! };
//! let now: Timestamp = "2025-01-01T12:05:00Z".parse()?;
//! // Three hourly starts were missed; the latest (12:00) is within the 600 s deadline.
//! let d = cronjob::decide(&s, &TimeZone::UTC, &state, now)?;
//! assert_eq!(d, Decision::Start {
//!     scheduled: "2025-01-01T12:00:00Z".parse()?,
//!     replace_active: false,
//!     too_many_missed: false,
//! });
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use acp_model::validation::{ErrorList, FieldError, FieldPath};
use jiff::tz::{TimeZone, TimeZoneDatabase};
use jiff::{SignedDuration, Timestamp};

use crate::Schedule;

// seed 003:12995
/// Upstream default of `spec.successfulJobsHistoryLimit` (kubernetes `pkg/apis/batch/v1`
/// `SetDefaults_CronJob`). The ACP console pre-fills 20.
pub const SUCCESSFUL_JOBS_HISTORY_LIMIT_DEFAULT: i32 = 3;
// seed 003:12997
/// Upstream default of `spec.failedJobsHistoryLimit`. The ACP console pre-fills 20.
pub const FAILED_JOBS_HISTORY_LIMIT_DEFAULT: i32 = 1;
// seed 003:12991-12997
/// The ACP console's pre-filled value for both history limits,
/// offered for callers reproducing the console.
pub const CONSOLE_HISTORY_LIMIT_DEFAULT: i32 = 20;
/// More missed starts than this raise the `TooManyMissedTimes` warning (kubernetes
/// `utils.go` `mostRecentScheduleTime`).
pub const TOO_MANY_MISSED: i64 = 100;
/// Padding the controller adds to its requeue delay (`nextScheduleDelta`, 100 ms).
pub const NEXT_SCHEDULE_DELTA: SignedDuration = SignedDuration::from_millis(100);

/// How many starts were missed since the last schedule (upstream `missedSchedulesType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MissedSchedules {
    /// None missed.
    None,
    /// Between 1 and 100 (estimated).
    Few,
    /// More than 100 (estimated): the controller warns `TooManyMissedTimes`.
    Many,
}

/// Result of [`most_recent_schedule_time`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MostRecent {
    /// Where the search started: last schedule time, else creation time, raised to
    /// `now - startingDeadlineSeconds` when that is later.
    pub earliest: Timestamp,
    /// The latest fire in `(earliest, now]`, if any.
    pub most_recent: Option<Timestamp>,
    /// Missed-start estimate.
    pub missed: MissedSchedules,
    /// The estimated number of missed starts (0 when fewer than two fires are due).
    pub missed_count: i64,
}

/// Errors of the CronJob arithmetic.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CronJobError {
    /// Two consecutive fires are less than a second apart or the second does not exist
    /// (e.g. `59 23 31 2 *`); upstream's exact message.
    #[error("time difference between two schedules is less than 1 second")]
    TooClose,
}

/// Upstream `mostRecentScheduleTime`: the most recent fire in `(earliest, now]` and the missed
/// count estimate `(now - t1) / (t2 - t1) + 1` where `t1`, `t2` are the first two fires after
/// `earliest`.
///
// DEVIATION: a schedule with no fire after `earliest` means nothing is due (no error); robfig
// returns the zero time, which upstream feeds back into `Next`.
/// Deviation: when the schedule has no fire at all after `earliest` (robfig returns the zero
/// time, which upstream then feeds back into `Next`), nothing is due and no error is returned.
pub fn most_recent_schedule_time(
    schedule: &Schedule,
    tz: &TimeZone,
    creation: Timestamp,
    last_schedule: Option<Timestamp>,
    starting_deadline_seconds: Option<i64>,
    now: Timestamp,
    include_starting_deadline: bool,
) -> Result<MostRecent, CronJobError> {
    let mut earliest = last_schedule.unwrap_or(creation);
    if include_starting_deadline && let Some(sds) = starting_deadline_seconds {
        let deadline = now
            .saturating_sub(SignedDuration::from_secs(sds))
            .unwrap_or(Timestamp::MIN);
        if deadline > earliest {
            earliest = deadline;
        }
    }
    let mut out = MostRecent {
        earliest,
        most_recent: None,
        missed: MissedSchedules::None,
        missed_count: 0,
    };
    // DEVIATION: no fire at all after `earliest` means nothing is due (robfig's zero time).
    let Some(t1) = schedule.next_after(earliest, tz) else {
        return Ok(out);
    };
    if now < t1 {
        return Ok(out);
    }
    let t2 = schedule.next_after(t1, tz);
    if let Some(t2) = t2
        && now < t2
    {
        out.most_recent = Some(t1);
        return Ok(out);
    }
    let Some(t2) = t2 else {
        return Err(CronJobError::TooClose);
    };
    // Durations between fires are whole seconds, so Go's Round(time.Second) is exact.
    let between = t2.duration_since(t1).as_secs();
    if between < 1 {
        return Err(CronJobError::TooClose);
    }
    let elapsed = now.duration_since(t1).as_secs();
    let missed = elapsed / between + 1;
    let potential = t1.saturating_add(SignedDuration::from_secs(
        (missed - 2).saturating_mul(between),
    ));
    let potential = potential.unwrap_or(t1);
    let mut t = schedule.next_after(potential, tz);
    while let Some(x) = t
        && x <= now
    {
        out.most_recent = Some(x);
        t = schedule.next_after(x, tz);
    }
    out.missed_count = missed;
    out.missed = if missed > TOO_MANY_MISSED {
        MissedSchedules::Many
    } else {
        MissedSchedules::Few
    };
    Ok(out)
}

/// `spec.concurrencyPolicy`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ConcurrencyPolicy {
    /// Start new Jobs while others run (the default).
    #[default]
    Allow,
    /// Skip a start while a Job is active.
    Forbid,
    /// Delete the active Jobs, then start.
    Replace,
}

/// The parts of a CronJob the controller's decision depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CronJobState {
    /// `metadata.creationTimestamp`.
    pub creation: Timestamp,
    /// `status.lastScheduleTime`.
    pub last_schedule: Option<Timestamp>,
    /// `spec.startingDeadlineSeconds`.
    pub starting_deadline_seconds: Option<i64>,
    /// `spec.concurrencyPolicy`.
    pub concurrency_policy: ConcurrencyPolicy,
    /// Number of Jobs in `status.active`.
    pub active_jobs: usize,
    /// `spec.suspend`.
    pub suspend: bool,
}

/// What the controller does at `now` (kubernetes `cronjob_controllerv2.go` `syncCronJob`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Decision {
    /// Suspended: nothing is started.
    Suspended,
    /// Nothing due; requeue at `next` (+ [`NEXT_SCHEDULE_DELTA`]).
    Wait {
        /// The next fire, if any.
        next: Option<Timestamp>,
    },
    /// The most recent due time is older than `startingDeadlineSeconds` ("Missed starting window").
    MissedDeadline {
        /// The missed time.
        scheduled: Timestamp,
    },
    /// `Forbid` with an active Job: this start is skipped.
    SkipForbidden {
        /// The skipped time.
        scheduled: Timestamp,
    },
    /// Create the Job for `scheduled`.
    Start {
        /// The nominal start time (the Job name suffix is `scheduled` in Unix minutes).
        scheduled: Timestamp,
        /// `Replace`: delete the active Jobs first.
        replace_active: bool,
        /// More than 100 starts were missed (warning event `TooManyMissedTimes`).
        too_many_missed: bool,
    },
}

/// The controller's decision for one sync at `now`.
pub fn decide(
    schedule: &Schedule,
    tz: &TimeZone,
    state: &CronJobState,
    now: Timestamp,
) -> Result<Decision, CronJobError> {
    if state.suspend {
        return Ok(Decision::Suspended);
    }
    let mr = most_recent_schedule_time(
        schedule,
        tz,
        state.creation,
        state.last_schedule,
        state.starting_deadline_seconds,
        now,
        true,
    )?;
    let Some(scheduled) = mr.most_recent else {
        return Ok(Decision::Wait {
            next: schedule.next_after(now, tz),
        });
    };
    // Upstream's `tooLate` (`scheduled + startingDeadlineSeconds` before `now`). The search
    // above already starts at `now - startingDeadlineSeconds` and returns a time after it, so
    // this cannot hold (short of `now` at the last representable instant); kept as upstream
    // keeps it.
    if let Some(sds) = state.starting_deadline_seconds
        && scheduled
            .saturating_add(SignedDuration::from_secs(sds))
            .ok()
            < Some(now)
    {
        return Ok(Decision::MissedDeadline { scheduled });
    }
    if state.concurrency_policy == ConcurrencyPolicy::Forbid && state.active_jobs > 0 {
        return Ok(Decision::SkipForbidden { scheduled });
    }
    Ok(Decision::Start {
        scheduled,
        replace_active: state.concurrency_policy == ConcurrencyPolicy::Replace
            && state.active_jobs > 0,
        too_many_missed: mr.missed == MissedSchedules::Many,
    })
}

/// The Job name the controller creates for `scheduled`: `<cronjob>-<unix minutes>` (upstream
/// `getJobName` / `getTimeHashInMinutes`).
pub fn job_name(cronjob_name: &str, scheduled: Timestamp) -> String {
    format!("{cronjob_name}-{}", scheduled.as_second().div_euclid(60))
}

/// Validates `spec.schedule` like the API server (`validateScheduleFormat` with TZ not allowed):
/// every message, in upstream order (parse error first, then the `TZ` rule, which fires for any
/// `TZ` substring). The check lives with the object in acp-model, so that the object's own
/// validation ([`acp_model::crontab::validate_cronjob`]) runs it too.
pub use acp_model::crontab::validate_cronjob_schedule as validate_schedule;

/// Validates `spec.timeZone` like the API server (`validateTimeZone`): non-empty, IANA name
/// characters, not `Local`, and known to `db` (upstream: `time.LoadLocation`).
pub fn validate_time_zone(time_zone: &str, db: &TimeZoneDatabase) -> Vec<String> {
    if time_zone.is_empty() {
        return vec!["timeZone must be nil or non-empty string".to_string()];
    }
    if !time_zone_name_ok(time_zone) {
        return vec![format!("unknown time zone {time_zone}")];
    }
    let mut errs = Vec::new();
    if time_zone.eq_ignore_ascii_case("local") {
        errs.push(
            "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"
                .to_string(),
        );
    }
    if time_zone != "UTC" && !time_zone.eq_ignore_ascii_case("local") && db.get(time_zone).is_err()
    {
        errs.push(format!("unknown time zone {time_zone}"));
    }
    errs
}

/// `validateTimeZone`'s name rule, checked before the database: every `/`-separated part is
/// 1 to 14 characters of `A-Za-z0-9._+-`, neither `.` nor `..`, and does not start with `-`.
fn time_zone_name_ok(time_zone: &str) -> bool {
    time_zone.split('/').all(|p| {
        p != "."
            && p != ".."
            && !p.starts_with('-')
            && (1..=14).contains(&p.len())
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'+'))
    })
}

/// Every check the crates know for a CronJob: its own checks in acp-model
/// ([`acp_model::workload::validate_cron_job`]: metadata, `spec.schedule` and the job
/// template) plus `spec.timeZone`
/// against `db` ([`validate_time_zone`]), reported as the API server reports it
/// (`spec.timeZone: Invalid value: …`).
pub fn validate(
    cronjob: &k8s_openapi::api::batch::v1::CronJob,
    db: &TimeZoneDatabase,
) -> ErrorList {
    use acp_model::kube_version::WithSpec;
    let mut errs = acp_model::workload::validate_cron_job(cronjob);
    if let Some(tz) = cronjob.spec_ref().and_then(|s| s.time_zone.as_deref()) {
        let path = FieldPath::new("spec").child("timeZone");
        for msg in validate_time_zone(tz, db) {
            errs.push(FieldError::invalid(&path, tz, msg));
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn most_recent_and_missed_counts() {
        let s = Schedule::parse("0 * * * *").unwrap();
        let utc = TimeZone::UTC;
        let created = ts("2025-01-01T00:00:00Z");
        // Nothing due yet.
        let r = most_recent_schedule_time(
            &s,
            &utc,
            created,
            None,
            None,
            ts("2025-01-01T00:30:00Z"),
            true,
        )
        .unwrap();
        assert_eq!((r.most_recent, r.missed), (None, MissedSchedules::None));
        // One due.
        let r = most_recent_schedule_time(
            &s,
            &utc,
            created,
            None,
            None,
            ts("2025-01-01T01:30:00Z"),
            true,
        )
        .unwrap();
        assert_eq!(
            (r.most_recent, r.missed),
            (Some(ts("2025-01-01T01:00:00Z")), MissedSchedules::None)
        );
        // Five due: (05:30 - 01:00) / 1h + 1 = 5.
        let r = most_recent_schedule_time(
            &s,
            &utc,
            created,
            None,
            None,
            ts("2025-01-01T05:30:00Z"),
            true,
        )
        .unwrap();
        assert_eq!(
            (r.most_recent, r.missed, r.missed_count),
            (Some(ts("2025-01-01T05:00:00Z")), MissedSchedules::Few, 5)
        );
        // 101 hours: too many.
        let r = most_recent_schedule_time(
            &s,
            &utc,
            created,
            None,
            None,
            ts("2025-01-05T05:00:00Z"),
            true,
        )
        .unwrap();
        assert_eq!((r.missed_count, r.missed), (101, MissedSchedules::Many));
        assert_eq!(r.most_recent, Some(ts("2025-01-05T05:00:00Z")));
        // A starting deadline bounds the search.
        let r = most_recent_schedule_time(
            &s,
            &utc,
            created,
            None,
            Some(3600),
            ts("2025-01-05T05:00:00Z"),
            true,
        )
        .unwrap();
        assert_eq!((r.missed_count, r.missed), (0, MissedSchedules::None));
        assert_eq!(r.earliest, ts("2025-01-05T04:00:00Z"));
        // Irregular schedule (upstream comment's `30 6-16/4 * * 1-5`).
        let s2 = Schedule::parse("30 6-16/4 * * 1-5").unwrap();
        let r = most_recent_schedule_time(
            &s2,
            &utc,
            ts("2025-01-06T00:00:00Z"),
            None,
            None,
            ts("2025-01-08T12:00:00Z"),
            false,
        )
        .unwrap();
        assert_eq!(r.most_recent, Some(ts("2025-01-08T10:30:00Z")));
        // Second fire missing → upstream error text.
        let s3 = Schedule::parse("0 0 29 2 *").unwrap();
        let e = most_recent_schedule_time(
            &s3,
            &utc,
            ts("2096-01-01T00:00:00Z"),
            None,
            None,
            ts("2099-01-01T00:00:00Z"),
            false,
        );
        assert_eq!(
            e.unwrap_err().to_string(),
            "time difference between two schedules is less than 1 second"
        );
    }

    #[test]
    fn decisions() {
        let s = Schedule::parse("*/10 * * * *").unwrap();
        let mut st = CronJobState {
            creation: ts("2025-01-01T00:00:00Z"),
            last_schedule: Some(ts("2025-01-01T10:00:00Z")),
            starting_deadline_seconds: None,
            concurrency_policy: ConcurrencyPolicy::Allow,
            active_jobs: 1,
            suspend: false,
        };
        let utc = TimeZone::UTC;
        let now = ts("2025-01-01T10:25:00Z");
        let start = Decision::Start {
            scheduled: ts("2025-01-01T10:20:00Z"),
            replace_active: false,
            too_many_missed: false,
        };
        assert_eq!(decide(&s, &utc, &st, now).unwrap(), start);
        st.concurrency_policy = ConcurrencyPolicy::Forbid;
        assert_eq!(
            decide(&s, &utc, &st, now).unwrap(),
            Decision::SkipForbidden {
                scheduled: ts("2025-01-01T10:20:00Z")
            }
        );
        st.concurrency_policy = ConcurrencyPolicy::Replace;
        assert_eq!(
            decide(&s, &utc, &st, now).unwrap(),
            Decision::Start {
                scheduled: ts("2025-01-01T10:20:00Z"),
                replace_active: true,
                too_many_missed: false
            }
        );
        // The deadline also narrows the search (upstream passes includeStartingDeadlineSeconds):
        // 10:20 is older than now - 200 s, so nothing is due.
        st.starting_deadline_seconds = Some(200);
        assert_eq!(
            decide(&s, &utc, &st, now).unwrap(),
            Decision::Wait {
                next: Some(ts("2025-01-01T10:30:00Z"))
            }
        );
        st.starting_deadline_seconds = Some(400);
        assert_eq!(
            decide(&s, &utc, &st, now).unwrap(),
            Decision::Start {
                scheduled: ts("2025-01-01T10:20:00Z"),
                replace_active: true,
                too_many_missed: false
            }
        );
        st.last_schedule = Some(ts("2025-01-01T10:20:00Z"));
        assert_eq!(
            decide(&s, &utc, &st, now).unwrap(),
            Decision::Wait {
                next: Some(ts("2025-01-01T10:30:00Z"))
            }
        );
        st.suspend = true;
        assert_eq!(decide(&s, &utc, &st, now).unwrap(), Decision::Suspended);
        assert_eq!(
            job_name("hello", ts("2025-01-01T10:20:00Z")),
            "hello-28928780"
        );
    }

    /// Upstream `mostRecentScheduleTime` compares with `Before`/`After`: a sync exactly at a fire
    /// time counts that fire as due (`now.Before(t1)` is false), and `!t.After(now)` includes it.
    #[test]
    fn most_recent_schedule_time_at_fire_boundaries() {
        let s = Schedule::parse("0 * * * *").unwrap();
        let utc = TimeZone::UTC;
        let created = ts("2025-01-01T00:00:00Z");
        let at = |now: &str| {
            most_recent_schedule_time(&s, &utc, created, None, None, ts(now), true).unwrap()
        };
        // One second before t1: nothing; exactly t1: t1 due, none missed.
        let r = at("2025-01-01T00:59:59Z");
        assert_eq!((r.most_recent, r.missed), (None, MissedSchedules::None));
        let r = at("2025-01-01T01:00:00Z");
        assert_eq!(
            (r.most_recent, r.missed, r.missed_count),
            (Some(ts("2025-01-01T01:00:00Z")), MissedSchedules::None, 0)
        );
        // Exactly t2: two due, t2 the most recent, (t2 - t1) / 1h + 1 = 2.
        let r = at("2025-01-01T02:00:00Z");
        assert_eq!(
            (r.most_recent, r.missed, r.missed_count),
            (Some(ts("2025-01-01T02:00:00Z")), MissedSchedules::Few, 2)
        );
        // 100 missed is still "few", 101 "many" (upstream: > 100).
        let r = at("2025-01-05T04:59:59Z");
        assert_eq!((r.missed_count, r.missed), (100, MissedSchedules::Few));
        let r = at("2025-01-05T05:00:00Z");
        assert_eq!((r.missed_count, r.missed), (101, MissedSchedules::Many));
        // The deadline raises `earliest` only when it is later (`schedulingDeadline.After`).
        let r = most_recent_schedule_time(
            &s,
            &utc,
            created,
            Some(ts("2025-01-01T03:00:00Z")),
            Some(3600),
            ts("2025-01-01T03:30:00Z"),
            true,
        )
        .unwrap();
        assert_eq!(r.earliest, ts("2025-01-01T03:00:00Z"));
        let r = most_recent_schedule_time(
            &s,
            &utc,
            created,
            Some(ts("2025-01-01T03:00:00Z")),
            Some(3600),
            ts("2025-01-01T04:30:00Z"),
            false,
        )
        .unwrap();
        assert_eq!(r.earliest, ts("2025-01-01T03:00:00Z"));
        assert_eq!(r.most_recent, Some(ts("2025-01-01T04:00:00Z")));
    }

    /// `syncCronJob`: too late when `scheduled + startingDeadlineSeconds` is strictly before
    /// `now`; a sync exactly at the deadline still starts the Job.
    #[test]
    fn sync_cron_job_at_the_starting_deadline() {
        let s = Schedule::parse("0 * * * *").unwrap();
        let utc = TimeZone::UTC;
        let st = CronJobState {
            creation: ts("2025-01-01T00:00:00Z"),
            last_schedule: Some(ts("2025-01-01T00:00:00Z")),
            starting_deadline_seconds: Some(0),
            concurrency_policy: ConcurrencyPolicy::Allow,
            active_jobs: 0,
            suspend: false,
        };
        let start = Decision::Start {
            scheduled: ts("2025-01-01T01:00:00Z"),
            replace_active: false,
            too_many_missed: false,
        };
        // Deadline 0 s: the search starts at `now`, so even a sync exactly at the fire finds
        // nothing due (upstream: `Next(now)` is after `now`).
        assert_eq!(
            decide(&s, &utc, &st, ts("2025-01-01T01:00:00Z")).unwrap(),
            Decision::Wait {
                next: Some(ts("2025-01-01T02:00:00Z"))
            }
        );
        // Without the deadline narrowing the search, one second late is "missed".
        let mr = most_recent_schedule_time(
            &s,
            &utc,
            st.creation,
            st.last_schedule,
            Some(0),
            ts("2025-01-01T01:00:01Z"),
            false,
        )
        .unwrap();
        assert_eq!(mr.most_recent, Some(ts("2025-01-01T01:00:00Z")));
        let st = CronJobState {
            starting_deadline_seconds: Some(60),
            ..st
        };
        assert_eq!(
            decide(&s, &utc, &st, ts("2025-01-01T01:00:59Z")).unwrap(),
            start
        );
        assert_eq!(
            decide(&s, &utc, &st, ts("2025-01-01T01:01:00Z")).unwrap(),
            Decision::Wait {
                next: Some(ts("2025-01-01T02:00:00Z"))
            }
        );
        // Forbid skips only with an active Job; Replace replaces only an active Job.
        let forbid = CronJobState {
            concurrency_policy: ConcurrencyPolicy::Forbid,
            ..st
        };
        assert_eq!(
            decide(&s, &utc, &forbid, ts("2025-01-01T01:00:30Z")).unwrap(),
            start
        );
        let replace = CronJobState {
            concurrency_policy: ConcurrencyPolicy::Replace,
            ..st
        };
        assert_eq!(
            decide(&s, &utc, &replace, ts("2025-01-01T01:00:30Z")).unwrap(),
            start
        );
        let allow_active = CronJobState {
            active_jobs: 2,
            ..st
        };
        assert_eq!(
            decide(&s, &utc, &allow_active, ts("2025-01-01T01:00:30Z")).unwrap(),
            start
        );
        // Many missed starts are flagged on the Start decision.
        let old = CronJobState {
            last_schedule: None,
            starting_deadline_seconds: None,
            ..st
        };
        assert_eq!(
            decide(&s, &utc, &old, ts("2025-01-10T00:00:00Z")).unwrap(),
            Decision::Start {
                scheduled: ts("2025-01-10T00:00:00Z"),
                replace_active: false,
                too_many_missed: true,
            }
        );
    }

    /// `validateTimeZone`: `Local` in any case is refused with the IANA message and without the
    /// "unknown" one; `UTC` needs no database entry; names with a bad part are unknown.
    #[test]
    fn validate_runs_the_object_checks_and_the_time_zone() {
        let cj: k8s_openapi::api::batch::v1::CronJob = serde_json::from_value(serde_json::json!({
            "metadata": {"name": "backup"},
            "spec": {"schedule": "*/0 * * * *", "timeZone": "Mars/Olympus",
                     "jobTemplate": {"spec": {"template": {"spec": {"restartPolicy": "OnFailure",
                         "containers": [{"name": "backup", "image": "busybox:1.36"}]}}}}}
        }))
        .unwrap();
        let db = jiff::tz::db();
        assert_eq!(
            validate(&cj, db).to_string(),
            "[spec.schedule: Invalid value: \"*/0 * * * *\": step of range should be a positive \
             number: */0, spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone \
             Mars/Olympus]"
        );
        use acp_model::kube_version::WithSpec;
        let mut ok = cj.clone();
        if let Some(spec) = ok.spec_mut() {
            spec.schedule = "0 3 * * *".into();
            spec.time_zone = Some("Asia/Shanghai".into());
        }
        assert!(validate(&ok, db).is_empty());
    }

    #[test]
    fn validate_time_zone_name_rules() {
        let db = TimeZoneDatabase::none();
        assert!(validate_time_zone("UTC", &db).is_empty());
        assert_eq!(
            validate_time_zone("Asia/Shanghai", &db),
            ["unknown time zone Asia/Shanghai"]
        );
        for local in ["Local", "local", "LOCAL"] {
            assert_eq!(
                validate_time_zone(local, &db),
                [
                    "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"
                ],
                "{local}"
            );
        }
        let bundled = TimeZoneDatabase::bundled();
        for bad in [
            "-Asia/Shanghai",
            "Asia/.",
            "Asia/..",
            "America/Argentina_Buenos_Air",
            "a b",
        ] {
            assert!(!validate_time_zone(bad, &bundled).is_empty(), "{bad}");
        }
        assert!(validate_time_zone("Etc/GMT+5", &bundled).is_empty());
        assert!(validate_time_zone("America/Argentina/Buenos_Aires", &bundled).is_empty());
    }

    #[test]
    fn validation_messages() {
        assert!(validate_schedule("0 8 * * 1-5").is_empty());
        assert_eq!(
            validate_schedule("CRON_TZ=UTC * * * * *"),
            ["cannot use TZ or CRON_TZ in schedule, use timeZone field instead"]
        );
        assert_eq!(
            validate_schedule("TZ=UTC 0 * * * *"),
            ["cannot use TZ or CRON_TZ in schedule, use timeZone field instead"]
        );
        assert_eq!(
            validate_schedule("61 * * * *"),
            ["end of range (61) above maximum (59): 61"]
        );
        let db = TimeZoneDatabase::bundled();
        assert!(validate_time_zone("Asia/Shanghai", &db).is_empty());
        assert!(validate_time_zone("UTC", &db).is_empty());
        assert_eq!(
            validate_time_zone("", &db),
            ["timeZone must be nil or non-empty string"]
        );
        assert_eq!(
            validate_time_zone("Europe/Pariss", &db),
            ["unknown time zone Europe/Pariss"]
        );
        assert_eq!(
            validate_time_zone("../etc", &db),
            ["unknown time zone ../etc"]
        );
        assert_eq!(
            validate_time_zone("America/Argentina_Buenos_Aires_Long", &db),
            ["unknown time zone America/Argentina_Buenos_Aires_Long"]
        );
        assert_eq!(
            validate_time_zone("Local", &db),
            [
                "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"
            ]
        );
    }

    /// `mostRecentScheduleTime` refuses fires less than a second apart
    /// (`timeBetweenTwoSchedules < 1`); `@every 1s` fires exactly one second apart and is
    /// counted like any other schedule.
    #[test]
    fn most_recent_schedule_time_one_second_apart() {
        let s = Schedule::parse("@every 1s").unwrap();
        let r = most_recent_schedule_time(
            &s,
            &TimeZone::UTC,
            ts("2025-01-01T00:00:00Z"),
            None,
            None,
            ts("2025-01-01T00:00:10Z"),
            false,
        )
        .unwrap();
        // t1 = 00:00:01, t2 = 00:00:02: (10 s - 1 s) / 1 s + 1 = 10 missed.
        assert_eq!(
            (r.most_recent, r.missed, r.missed_count),
            (Some(ts("2025-01-01T00:00:10Z")), MissedSchedules::Few, 10)
        );
    }

    /// `validateTimeZone`'s part rule on its own: the zone database (whose names keep to the
    /// same rule) cannot tell a rejected part from an unknown zone.
    #[test]
    fn validate_time_zone_part_rule() {
        for ok in [
            "UTC",
            "Etc/GMT+5",
            "America/Argentina/Buenos_Aires",
            "Abcdefghijklmn",
            "a.b/c-d/e_f/g+h/0",
        ] {
            assert!(time_zone_name_ok(ok), "{ok}");
        }
        for bad in [
            "Abcdefghijklmno",
            "Asia/Abcdefghijklmno",
            ".",
            "..",
            "Asia/.",
            "Asia/..",
            "-Asia",
            "Asia/-x",
            "a b",
            "Asia/Sh@nghai",
            "",
            "Asia//x",
            "Asia/",
        ] {
            assert!(!time_zone_name_ok(bad), "{bad}");
        }
    }
}
