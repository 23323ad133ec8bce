//! A `batch/v1` CronJob object as the CronJob controller reads it (kubernetes
//! `pkg/controller/cronjob/cronjob_controllerv2.go` `syncCronJob`, `utils.go` `formatSchedule`).
//!
//! [`decide_cronjob`] takes the object as the API server returns it: `spec.schedule`,
//! `spec.timeZone`, `spec.suspend`, `spec.concurrencyPolicy`, `spec.startingDeadlineSeconds`,
//! `metadata.creationTimestamp`, `status.lastScheduleTime` and `status.active`, and decides as
//! [`cronjob::decide`] does.
//!
//! Time zones, with Kubernetes' meaning:
//!
//! * `spec.timeZone` set: that IANA zone (the controller prefixes the schedule with
//!   `TZ=<zone>`). A zone the database does not know stops the controller with the warning
//!   event `UnknownTimeZone` — [`CronJobObjectError::UnknownTimeZone`], with the event's text.
//! * `spec.timeZone` missing: the kube-controller-manager's local time zone, which the caller
//!   passes as `controller_zone` (this crate reads no clock and no system zone).
//! * `TZ=`/`CRON_TZ=` in `spec.schedule`: the API server refuses it on new objects; an object
//!   stored before that rule keeps it and the controller uses the schedule's own zone with the
//!   warning `UnsupportedSchedule` ([`CronJobInput::tz_in_schedule`]). Together with
//!   `spec.timeZone` it is refused as the API server refuses it
//!   ([`CronJobObjectError::Invalid`]).
//!
//! ```
//! use acp_cron::cronjob::Decision;
//! use acp_cron::cronjob_object::{decide_cronjob, CronJobObjectError};
//! use jiff::tz::{TimeZone, TimeZoneDatabase};
//! use k8s_openapi::api::batch::v1::CronJob;
//!
//! let db = TimeZoneDatabase::bundled();
//! let cj: CronJob = serde_json::from_value(serde_json::json!({
//!     "metadata": {"name": "report", "creationTimestamp": "2025-01-01T00:00:00Z"},
//!     "spec": {"schedule": "0 9 * * *", "timeZone": "Asia/Shanghai",
//!              "jobTemplate": {"spec": {"template": {}}}}
//! }))?;
//! // 09:00 in Shanghai is 01:00 UTC.
//! let d = decide_cronjob(&cj, &TimeZone::UTC, &db, "2025-01-01T01:00:30Z".parse()?)?;
//! assert!(matches!(d, Decision::Start { scheduled, .. } if scheduled.to_string() == "2025-01-01T01:00:00Z"));
//!
//! let bad: CronJob = serde_json::from_value(serde_json::json!({
//!     "metadata": {"name": "report", "creationTimestamp": "2025-01-01T00:00:00Z"},
//!     "spec": {"schedule": "0 9 * * *", "timeZone": "Mars/Olympus",
//!              "jobTemplate": {"spec": {"template": {}}}}
//! }))?;
//! let err = decide_cronjob(&bad, &TimeZone::UTC, &db, "2025-01-01T01:00:30Z".parse()?).unwrap_err();
//! assert_eq!(err.to_string(), r#"invalid timeZone: "Mars/Olympus": unknown time zone Mars/Olympus"#);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use acp_model::validation::{FieldError, FieldPath};
use jiff::Timestamp;
use jiff::tz::{TimeZone, TimeZoneDatabase};
use k8s_openapi::api::batch::v1::CronJob;

use crate::Schedule;
use crate::cronjob::{self, ConcurrencyPolicy, CronJobError, CronJobState, Decision};

/// What the controller reads from a CronJob object.
#[derive(Clone, Debug)]
pub struct CronJobInput {
    /// The schedule the controller parses (with the `TZ=<spec.timeZone>` prefix it adds).
    pub schedule: Schedule,
    /// The zone the schedule is evaluated in.
    pub time_zone: TimeZone,
    /// The decision inputs.
    pub state: CronJobState,
    /// `spec.schedule` carries its own `TZ=`/`CRON_TZ=`: the controller warns
    /// `UnsupportedSchedule` ("CRON_TZ or TZ used in schedule … is not officially supported").
    pub tz_in_schedule: bool,
}

/// Why a CronJob object cannot be scheduled.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CronJobObjectError {
    /// The object fails the API server's validation (so no cluster could hold it): `spec`
    /// missing, or `TZ=`/`CRON_TZ=` in `spec.schedule` together with `spec.timeZone`.
    #[error("{0}")]
    Invalid(FieldError),
    /// `spec.timeZone` is not in the time zone database: the controller's `UnknownTimeZone`
    /// event, and nothing is started.
    #[error("invalid timeZone: {}: unknown time zone {time_zone}", acp_model::go::quote(.time_zone))]
    UnknownTimeZone {
        /// The zone name.
        time_zone: String,
    },
    /// The schedule does not parse: the controller's `UnparseableSchedule` event.
    #[error("unparseable schedule: {} : {message}", acp_model::go::quote(.schedule))]
    UnparseableSchedule {
        /// `spec.schedule`.
        schedule: String,
        /// robfig/cron's message.
        message: String,
    },
    /// The schedule's fires are too close (`InvalidSchedule`).
    #[error("invalid schedule: {schedule} : {source}")]
    InvalidSchedule {
        /// `spec.schedule`.
        schedule: String,
        /// The arithmetic's error.
        source: CronJobError,
    },
}

/// Go's `time.LoadLocation`: `""` and `"UTC"` are UTC, `"Local"` is the process's zone (here
/// `local`), anything else comes from `db`.
fn load_location(
    name: &str,
    local: &TimeZone,
    db: &TimeZoneDatabase,
) -> Result<TimeZone, CronJobObjectError> {
    match name {
        "" | "UTC" => Ok(TimeZone::UTC),
        "Local" => Ok(local.clone()),
        _ => db
            .get(name)
            .map_err(|_| CronJobObjectError::UnknownTimeZone {
                time_zone: name.to_owned(),
            }),
    }
}

/// Go's zero `time.Time`, what a missing `metav1.Time` reads as.
fn go_zero_time() -> Timestamp {
    Timestamp::from_second(-62_135_596_800).unwrap_or(Timestamp::MIN)
}

/// Reads the schedule, zone and decision state of `cj` as `syncCronJob` does (without the
/// `suspend` short cut, see [`decide_cronjob`]). `controller_zone` is the kube-controller-manager's
/// local zone, used when `spec.timeZone` is missing.
pub fn read_cronjob(
    cj: &CronJob,
    controller_zone: &TimeZone,
    db: &TimeZoneDatabase,
) -> Result<CronJobInput, CronJobObjectError> {
    let spec = check_spec(cj, controller_zone, db)?;
    let schedule_text = &spec.schedule;
    let tz_in_schedule = schedule_text.contains("TZ");
    // formatSchedule: the schedule's own TZ wins; else spec.timeZone becomes a TZ= prefix.
    let formatted = match spec.time_zone.as_deref() {
        Some(zone) if !tz_in_schedule => format!("TZ={zone} {schedule_text}"),
        _ => schedule_text.clone(),
    };
    let unparseable = |message: String| CronJobObjectError::UnparseableSchedule {
        schedule: schedule_text.clone(),
        message,
    };
    let schedule = Schedule::parse(&formatted).map_err(|e| unparseable(e.robfig_message()))?;
    // robfig loads a TZ= prefix with time.LoadLocation; without one it uses time.Local.
    let time_zone = match schedule.time_zone_prefix() {
        None => controller_zone.clone(),
        Some(name) => load_location(name, controller_zone, db).map_err(|_| {
            unparseable(format!(
                "provided bad location {name}: unknown time zone {name}"
            ))
        })?,
    };
    let status = cj.status.as_ref();
    let state = CronJobState {
        creation: cj
            .metadata
            .creation_timestamp
            .as_ref()
            .map_or_else(go_zero_time, |t| t.0),
        last_schedule: status
            .and_then(|s| s.last_schedule_time.as_ref())
            .map(|t| t.0),
        starting_deadline_seconds: spec.starting_deadline_seconds,
        // The controller tests for Forbid and Replace; any other value behaves as Allow.
        concurrency_policy: match spec.concurrency_policy.as_deref() {
            Some("Forbid") => ConcurrencyPolicy::Forbid,
            Some("Replace") => ConcurrencyPolicy::Replace,
            _ => ConcurrencyPolicy::Allow,
        },
        active_jobs: status.and_then(|s| s.active.as_ref()).map_or(0, Vec::len),
        suspend: spec.suspend.unwrap_or(false),
    };
    Ok(CronJobInput {
        schedule,
        time_zone,
        state,
        tz_in_schedule,
    })
}

/// The spec of `cj` (optional in the Kubernetes 1.35 API types and older, required from 1.36).
#[allow(clippy::needless_return)]
fn spec_of(cj: &CronJob) -> Option<&k8s_openapi::api::batch::v1::CronJobSpec> {
    k8s_openapi::k8s_if_le_1_35! {
        return cj.spec.as_ref();
    }
    k8s_openapi::k8s_if_ge_1_36! {
        return Some(&cj.spec);
    }
}

/// The checks `syncCronJob` makes before it parses: the spec is there, it would pass the API
/// server's schedule/time zone rule, and `spec.timeZone` loads.
fn check_spec<'a>(
    cj: &'a CronJob,
    controller_zone: &TimeZone,
    db: &TimeZoneDatabase,
) -> Result<&'a k8s_openapi::api::batch::v1::CronJobSpec, CronJobObjectError> {
    let spec_path = FieldPath::new("spec");
    // DEVIATION: Go's CronJob has a value `Spec`, so a missing spec reaches the parser as an
    // empty schedule (`UnparseableSchedule`); here it is the API server's `Required value`.
    let Some(spec) = spec_of(cj) else {
        return Err(CronJobObjectError::Invalid(FieldError::required(
            &spec_path, "",
        )));
    };
    // validateScheduleFormat with the old object's TZ allowance: a schedule with TZ may stay,
    // but never together with timeZone.
    if spec.schedule.contains("TZ") && spec.time_zone.is_some() {
        return Err(CronJobObjectError::Invalid(FieldError::invalid(
            &spec_path.child("schedule"),
            spec.schedule.as_str(),
            "cannot use both timeZone field and TZ or CRON_TZ in schedule",
        )));
    }
    if let Some(zone) = spec.time_zone.as_deref() {
        load_location(zone, controller_zone, db)?;
    }
    Ok(spec)
}

/// One `syncCronJob` decision for `cj` at `now`: the time zone check, then `spec.suspend`, then
/// the schedule, then [`cronjob::decide`]. `controller_zone` is the kube-controller-manager's
/// local zone (used when `spec.timeZone` is missing); `db` resolves zone names.
pub fn decide_cronjob(
    cj: &CronJob,
    controller_zone: &TimeZone,
    db: &TimeZoneDatabase,
    now: Timestamp,
) -> Result<Decision, CronJobObjectError> {
    let spec = check_spec(cj, controller_zone, db)?;
    if spec.suspend == Some(true) {
        return Ok(Decision::Suspended);
    }
    let input = read_cronjob(cj, controller_zone, db)?;
    cronjob::decide(&input.schedule, &input.time_zone, &input.state, now).map_err(|source| {
        CronJobObjectError::InvalidSchedule {
            schedule: spec.schedule.clone(),
            source,
        }
    })
}
