//! Each crate's errors travel through `?` into `anyhow` and `Box<dyn Error>` with their whole
//! message.

use std::error::Error;

#[test]
fn quota_admission_refusal_carries_the_apiserver_text() {
    let quota = r#"{"metadata": {"name": "team"}, "spec": {"hard": {"requests.cpu": "1"}}}"#;
    let pod = r#"{"metadata": {"name": "web"}, "spec": {"containers": [
        {"name": "app", "resources": {"requests": {"cpu": "1500m"}}}]}}"#;
    let refused = acp_rs_dependent::admit_pod(quota, pod).unwrap_err();
    assert!(
        refused.to_string().contains(
            "exceeded quota: team, requested: requests.cpu=1500m, used: requests.cpu=0, limited: requests.cpu=1"
        ),
        "{refused}"
    );
    let small = pod.replace("1500m", "500m");
    acp_rs_dependent::admit_pod(quota, &small).unwrap();
}

#[test]
fn dslx_validation_lists_every_problem_with_its_path() {
    let err = acp_rs_dependent::check_dslx(
        r#"[{"type": "URL", "values": [["LIKE", "/a"]]}, {"type": "NOPE", "values": [["EQ", "x"]]}]"#,
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("spec.dslx[0]"), "{text}");
    assert!(text.contains("spec.dslx[1]"), "{text}");
    let ok =
        acp_rs_dependent::check_dslx(r#"[{"type": "URL", "values": [["STARTS_WITH", "/a"]]}]"#);
    assert!(ok.is_ok());
}

#[test]
fn ignition_report_shows_path_line_and_column() {
    let bad = br#"{"ignition":{"version":"3.4.0"},"storage":{"files":[{"path":"etc/motd"}]}}"#;
    let err: Box<dyn Error + Send + Sync> =
        acp_rs_dependent::ignition_files(bad).unwrap_err().into();
    let text = err.to_string();
    assert!(text.contains("$.storage.files.0.path"), "{text}");
    assert!(text.contains("path not absolute"), "{text}");
    let good = br#"{"ignition":{"version":"3.4.0"},"storage":{"files":[{"path":"/etc/motd"}]}}"#;
    assert_eq!(
        acp_rs_dependent::ignition_files(good).unwrap(),
        ["/etc/motd"]
    );
}

#[test]
fn cron_schedule_and_its_errors() {
    let fires =
        acp_rs_dependent::next_fires("30 18 * * 6", "Asia/Shanghai", "2025-01-20T00:00:00Z", 2)
            .unwrap();
    assert_eq!(fires, ["2025-01-25T10:30:00Z", "2025-02-01T10:30:00Z"]);
    let err =
        acp_rs_dependent::next_fires("*/0 * * * *", "UTC", "2025-01-20T00:00:00Z", 1).unwrap_err();
    assert!(!err.to_string().is_empty());
    let err = acp_rs_dependent::next_fires("* * * * *", "Mars/Olympus", "2025-01-20T00:00:00Z", 1)
        .unwrap_err();
    assert!(err.to_string().contains("Mars/Olympus"), "{err}");
}

#[test]
fn recorded_pod_metrics_response_deserializes() {
    let body = include_str!("data/pod-metrics-list.json");
    let pods = acp_rs_dependent::pod_cpu_millis(body).unwrap();
    assert_eq!(pods[0], ("web-a".to_owned(), 252 + 5, "15.011s".to_owned()));
    let err = acp_rs_dependent::pod_cpu_millis(&body.replace("15.011s", "15 s")).unwrap_err();
    assert!(err.to_string().contains("15 s"), "{err}");
}
