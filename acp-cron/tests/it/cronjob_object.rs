//! `decide_cronjob` / `read_cronjob`: a `batch/v1` CronJob as the controller reads it — the
//! time zone rules of `syncCronJob` / `formatSchedule` and the API server's schedule rule.

use acp_cron::cronjob::{ConcurrencyPolicy, Decision};
use acp_cron::cronjob_object::{CronJobObjectError, decide_cronjob, read_cronjob};
use jiff::Timestamp;
use jiff::tz::{TimeZone, TimeZoneDatabase};
use k8s_openapi::api::batch::v1::CronJob;
use serde_json::json;

fn db() -> TimeZoneDatabase {
    TimeZoneDatabase::bundled()
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn cronjob(spec: serde_json::Value) -> CronJob {
    let mut spec = spec;
    spec["jobTemplate"] = json!({"spec": {"template": {}}});
    serde_json::from_value(json!({
        "apiVersion": "batch/v1", "kind": "CronJob",
        "metadata": {"name": "nightly", "namespace": "demo", "creationTimestamp": "2025-03-01T00:00:00Z"},
        "spec": spec,
    }))
    .unwrap()
}

fn start_time(d: Decision) -> Option<Timestamp> {
    match d {
        Decision::Start { scheduled, .. } => Some(scheduled),
        _ => None,
    }
}

#[test]
fn time_zone_field_is_used() {
    let cj = cronjob(json!({"schedule": "30 2 * * *", "timeZone": "Asia/Shanghai"}));
    let input = read_cronjob(&cj, &TimeZone::UTC, &db()).unwrap();
    assert_eq!(input.schedule.time_zone_prefix(), Some("Asia/Shanghai"));
    assert!(!input.tz_in_schedule);
    // 02:30 in Shanghai is 18:30 UTC the day before.
    let d = decide_cronjob(&cj, &TimeZone::UTC, &db(), ts("2025-03-01T18:31:00Z")).unwrap();
    assert_eq!(start_time(d), Some(ts("2025-03-01T18:30:00Z")));
}

#[test]
fn missing_time_zone_means_the_controller_manager_zone() {
    // The deadline keeps older fires out: only a fire in the last minute is due.
    let cj = cronjob(json!({"schedule": "30 2 * * *", "startingDeadlineSeconds": 60}));
    let now = ts("2025-03-01T18:30:30Z");
    // A controller running in UTC waits for 02:30 UTC…
    let utc = decide_cronjob(&cj, &TimeZone::UTC, &db(), now).unwrap();
    assert_eq!(
        utc,
        Decision::Wait {
            next: Some(ts("2025-03-02T02:30:00Z"))
        }
    );
    // …one running in Shanghai started the Job at 02:30 local time.
    let shanghai = db().get("Asia/Shanghai").unwrap();
    let local = decide_cronjob(&cj, &shanghai, &db(), now).unwrap();
    assert_eq!(start_time(local), Some(ts("2025-03-01T18:30:00Z")));
    let input = read_cronjob(&cj, &shanghai, &db()).unwrap();
    assert_eq!(input.schedule.time_zone_prefix(), None);
    assert_eq!(input.time_zone, shanghai);
}

#[test]
fn unknown_time_zone_as_the_controller_reports_it() {
    let cj = cronjob(json!({"schedule": "0 * * * *", "timeZone": "Europe/Pariss"}));
    let err = decide_cronjob(&cj, &TimeZone::UTC, &db(), ts("2025-03-01T10:00:00Z")).unwrap_err();
    assert_eq!(
        err,
        CronJobObjectError::UnknownTimeZone {
            time_zone: "Europe/Pariss".into()
        }
    );
    assert_eq!(
        err.to_string(),
        r#"invalid timeZone: "Europe/Pariss": unknown time zone Europe/Pariss"#
    );
    // The zone check comes before `suspend`, as in syncCronJob.
    let suspended =
        cronjob(json!({"schedule": "0 * * * *", "timeZone": "Europe/Pariss", "suspend": true}));
    assert!(
        decide_cronjob(
            &suspended,
            &TimeZone::UTC,
            &db(),
            ts("2025-03-01T10:00:00Z")
        )
        .is_err()
    );
}

/// validateScheduleFormat: TZ in the schedule together with timeZone.
#[test]
fn validate_schedule_format_tz_with_time_zone_is_rejected() {
    for schedule in ["TZ=UTC 0 * * * *", "CRON_TZ=Asia/Shanghai 0 * * * *"] {
        let cj = cronjob(json!({"schedule": schedule, "timeZone": "UTC"}));
        let err = read_cronjob(&cj, &TimeZone::UTC, &db()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "spec.schedule: Invalid value: \"{schedule}\": cannot use both timeZone field and TZ or CRON_TZ in schedule"
            )
        );
    }
}

/// An object stored before the rule keeps its TZ= schedule; the controller uses that zone and
/// warns UnsupportedSchedule.
#[test]
fn legacy_tz_in_schedule_uses_its_own_zone() {
    let cj = cronjob(json!({"schedule": "CRON_TZ=Asia/Shanghai 30 2 * * *"}));
    let input = read_cronjob(&cj, &TimeZone::UTC, &db()).unwrap();
    assert!(input.tz_in_schedule);
    let d = decide_cronjob(&cj, &TimeZone::UTC, &db(), ts("2025-03-01T18:31:00Z")).unwrap();
    assert_eq!(start_time(d), Some(ts("2025-03-01T18:30:00Z")));
    // A zone the database lacks is robfig's parse error.
    let bad = cronjob(json!({"schedule": "TZ=Mars/Olympus 0 * * * *"}));
    assert_eq!(
        read_cronjob(&bad, &TimeZone::UTC, &db())
            .unwrap_err()
            .to_string(),
        r#"unparseable schedule: "TZ=Mars/Olympus 0 * * * *" : provided bad location Mars/Olympus: unknown time zone Mars/Olympus"#
    );
}

#[test]
fn unparseable_schedule_as_the_controller_reports_it() {
    let cj = cronjob(json!({"schedule": "61 * * * *"}));
    let err = decide_cronjob(&cj, &TimeZone::UTC, &db(), ts("2025-03-01T10:00:00Z")).unwrap_err();
    let CronJobObjectError::UnparseableSchedule { schedule, message } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(schedule, "61 * * * *");
    assert!(
        err.to_string()
            .starts_with(r#"unparseable schedule: "61 * * * *" : "#),
        "{err}"
    );
    assert!(!message.is_empty());
    // A suspended CronJob is not parsed at all.
    let suspended = cronjob(json!({"schedule": "61 * * * *", "suspend": true}));
    assert_eq!(
        decide_cronjob(
            &suspended,
            &TimeZone::UTC,
            &db(),
            ts("2025-03-01T10:00:00Z")
        )
        .unwrap(),
        Decision::Suspended
    );
}

#[test]
fn state_is_read_from_the_object() {
    let mut cj = cronjob(
        json!({"schedule": "0 * * * *", "concurrencyPolicy": "Forbid",
                                "startingDeadlineSeconds": 600}),
    );
    cj.status = Some(
        serde_json::from_value(json!({
            "lastScheduleTime": "2025-03-01T09:00:00Z",
            "active": [{"kind": "Job", "name": "nightly-29015460", "namespace": "demo"}]
        }))
        .unwrap(),
    );
    let input = read_cronjob(&cj, &TimeZone::UTC, &db()).unwrap();
    assert_eq!(input.state.creation, ts("2025-03-01T00:00:00Z"));
    assert_eq!(input.state.last_schedule, Some(ts("2025-03-01T09:00:00Z")));
    assert_eq!(input.state.starting_deadline_seconds, Some(600));
    assert_eq!(input.state.concurrency_policy, ConcurrencyPolicy::Forbid);
    assert_eq!(input.state.active_jobs, 1);
    let d = decide_cronjob(&cj, &TimeZone::UTC, &db(), ts("2025-03-01T10:00:10Z")).unwrap();
    assert_eq!(
        d,
        Decision::SkipForbidden {
            scheduled: ts("2025-03-01T10:00:00Z")
        }
    );
}

#[test]
fn missing_spec_is_required() {
    // Up to 1.35 the API types keep a missing `spec` as `None`; from 1.36 `spec` is required in
    // the types and a missing one reads as an empty spec, whose empty schedule is refused.
    let cj: CronJob = serde_json::from_value(json!({"metadata": {"name": "x"}})).unwrap();
    let err = read_cronjob(&cj, &TimeZone::UTC, &db()).unwrap_err();
    let want = if acp_model::kube_version::MINOR >= 36 {
        "unparseable schedule: \"\" : empty spec string"
    } else {
        "spec: Required value"
    };
    assert_eq!(err.to_string(), want);
}
