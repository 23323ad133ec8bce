#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::type_complexity
)]

use super::*;
use acp_model::kube_version::SpecField;

fn pct(s: &str) -> IntOrPercent {
    IntOrPercent::String(s.to_owned())
}

// ---------------------------------------------------------------------------------------
// Seed worked examples (seed 003)
// ---------------------------------------------------------------------------------------

#[test]
fn seed_l5348_max_surge_41_percent_of_10_is_5() {
    // "百分比计算方式： ceil(current_replicas × percentage) 。示例：从 10 个副本计算，4.1 → 5"
    let d = DeploymentParams::rolling(10, pct("41%"), 0);
    assert_eq!(d.max_surge().unwrap(), 5);
}

#[test]
fn seed_l11509_max_surge_41_percent_of_10_is_5_again() {
    let f = resolve_fenceposts(Some(&pct("41%")), Some(&pct("0%")), 10).unwrap();
    assert_eq!(f.max_surge, 5);
}

#[test]
fn seed_l5358_max_unavailable_49_percent_of_10_is_4() {
    // "floor(current_replicas × percentage) 。示例：从 10 个副本计算，4.9 → 4"
    let d = DeploymentParams::rolling(10, 0, pct("49%"));
    assert_eq!(d.max_unavailable().unwrap(), 4);
    assert_eq!(d.min_available().unwrap(), 6);
}

#[test]
fn seed_l5362_defaults_console_1_1_upstream_25_25() {
    let spec = DeploymentSpec {
        replicas: Some(10),
        ..Default::default()
    };
    let up = DeploymentParams::from_spec(&spec, Flavor::Upstream);
    assert_eq!(
        up.strategy,
        DeploymentStrategy::RollingUpdate {
            max_surge: Some(pct("25%")),
            max_unavailable: Some(pct("25%")),
        }
    );
    assert_eq!(
        up.fenceposts().unwrap(),
        Fenceposts {
            max_surge: 3,
            max_unavailable: 2
        }
    );
    let console = DeploymentParams::from_spec(&spec, Flavor::AcpConsole);
    assert_eq!(
        console.fenceposts().unwrap(),
        Fenceposts {
            max_surge: 1,
            max_unavailable: 1
        }
    );
    assert_eq!(up.progress_deadline_seconds, Some(600));
    assert_eq!(up.revision_history_limit, Some(10));
}

#[test]
fn seed_l5374_both_resolving_to_zero_gives_unavailable_1() {
    // "若两者百分比均计算为 0 ，Kubernetes 会强制设置 maxUnavailable=1"
    let d = DeploymentParams::rolling(10, pct("0%"), pct("9%"));
    assert_eq!(
        d.fenceposts().unwrap(),
        Fenceposts {
            max_surge: 0,
            max_unavailable: 1
        }
    );
}

#[test]
fn seed_l5380_surge_2_gives_12_pods_and_l5382_unavailable_3_gives_7() {
    let d = DeploymentParams::rolling(10, 2, 3);
    assert_eq!(d.max_replicas().unwrap(), 12);
    assert_eq!(d.min_available().unwrap(), 7);
}

// ---------------------------------------------------------------------------------------
// deployment_util_test.go
// ---------------------------------------------------------------------------------------

/// Cases from deployment_util_test.go TestResolveFenceposts.
#[test]
fn upstream_resolve_fenceposts() {
    let cases: &[(Option<&str>, Option<&str>, i32, Option<(i32, i32)>)] = &[
        (Some("0%"), Some("0%"), 0, Some((0, 1))),
        (Some("39%"), Some("39%"), 10, Some((4, 3))),
        (Some("oops"), Some("39%"), 10, None),
        (Some("55%"), Some("urg"), 10, None),
        (None, Some("39%"), 10, Some((0, 3))),
        (Some("39%"), None, 10, Some((4, 0))),
        (None, None, 10, Some((0, 1))),
    ];
    for &(ms, mu, desired, want) in cases {
        let ms = ms.map(pct);
        let mu = mu.map(pct);
        let got = resolve_fenceposts(ms.as_ref(), mu.as_ref(), desired)
            .ok()
            .map(|f| (f.max_surge, f.max_unavailable));
        assert_eq!(got, want, "{ms:?} {mu:?} {desired}");
    }
}

/// Cases from deployment_util_test.go TestNewRSNewReplicas (one other ReplicaSet of 5).
#[test]
fn upstream_new_rs_new_replicas() {
    let cases = [
        // name, recreate, depReplicas, newRSReplicas, maxSurge, expected
        ("can not scale up - to newRSReplicas", false, 1, 5, 1, 5),
        ("scale up - to depReplicas", false, 6, 2, 10, 6),
        ("recreate - to depReplicas", true, 3, 1, 1, 3),
    ];
    for (name, recreate, dep, new_replicas, surge, want) in cases {
        let mut d = DeploymentParams::rolling(dep, surge, 1);
        if recreate {
            d.strategy = DeploymentStrategy::Recreate;
        }
        let new_rs = ReplicaSetState::new("new", new_replicas, 0);
        let rs5 = ReplicaSetState::new("rs5", 5, 0);
        assert_eq!(
            new_rs_new_replicas(&d, &[rs5], &new_rs).unwrap(),
            want,
            "{name}"
        );
    }
    let d = DeploymentParams {
        strategy: DeploymentStrategy::Other("Canary".into()),
        ..DeploymentParams::rolling(3, 1, 1)
    };
    assert_eq!(
        new_rs_new_replicas(&d, &[], &ReplicaSetState::new("n", 0, 0))
            .unwrap_err()
            .to_string(),
        "deployment type Canary isn't supported"
    );
}

/// Cases from deployment_util_test.go TestMaxUnavailable (maxSurge 1).
#[test]
fn upstream_max_unavailable() {
    let cases: &[(&str, i32, IntOrPercent, i32)] = &[
        (
            "maxUnavailable less than replicas",
            10,
            IntOrPercent::Int(5),
            5,
        ),
        (
            "maxUnavailable equal replicas",
            10,
            IntOrPercent::Int(10),
            10,
        ),
        (
            "maxUnavailable greater than replicas",
            5,
            IntOrPercent::Int(10),
            5,
        ),
        (
            "maxUnavailable with replicas is 0",
            0,
            IntOrPercent::Int(10),
            0,
        ),
        (
            "maxUnavailable less than replicas with percents",
            10,
            pct("50%"),
            5,
        ),
        (
            "maxUnavailable equal replicas with percents",
            10,
            pct("100%"),
            10,
        ),
        (
            "maxUnavailable greater than replicas with percents",
            5,
            pct("100%"),
            5,
        ),
    ];
    for (name, replicas, mu, want) in cases {
        let d = DeploymentParams::rolling(*replicas, 1, mu.clone());
        assert_eq!(d.max_unavailable().unwrap(), *want, "{name}");
    }
    // "maxUnavailable with Recreate deployment strategy"
    assert_eq!(DeploymentParams::recreate(1).max_unavailable().unwrap(), 0);
}

/// Cases from deployment_util_test.go TestMinAvailable (maxSurge 1).
#[test]
fn upstream_min_available() {
    let cases: &[(i32, IntOrPercent, i32)] = &[
        (10, IntOrPercent::Int(5), 5),
        (10, IntOrPercent::Int(10), 0),
        (5, IntOrPercent::Int(10), 0),
        (0, IntOrPercent::Int(10), 0),
        (10, pct("60%"), 4),
        (10, pct("100%"), 0),
        (5, pct("100%"), 0),
    ];
    for (replicas, mu, want) in cases {
        let d = DeploymentParams::rolling(*replicas, 1, mu.clone());
        assert_eq!(d.min_available().unwrap(), *want, "{replicas} {mu}");
    }
    assert_eq!(DeploymentParams::recreate(10).min_available().unwrap(), 0);
}

/// Cases from deployment_util_test.go TestGetReplicaSetFraction (maxUnavailable 1).
#[test]
fn upstream_get_replica_set_fraction() {
    // name, deploymentReplicas, statusReplicas, maxSurge, rsReplicas, max-replicas, expected
    let cases: &[(&str, i32, i32, i32, i32, Option<&str>, i32)] = &[
        (
            "empty deployment always scales to 0",
            0,
            0,
            0,
            10,
            None,
            -10,
        ),
        ("unsynced, annotation missing", 10, 0, 0, 5, None, 0),
        ("unsynced, annotation 0", 10, 0, 0, 5, Some("0"), 0),
        (
            "scale up by 1/5, annotation missing",
            120,
            100,
            0,
            50,
            None,
            10,
        ),
        (
            "scale up by 1/5, annotation 0",
            120,
            100,
            0,
            50,
            Some("0"),
            10,
        ),
        ("scale up by 1/5", 120, 0, 0, 50, Some("100"), 10),
        (
            "scale up with maxSurge by 1/5",
            120,
            0,
            10,
            50,
            Some("110"),
            9,
        ),
        ("scale down by 1/6", 10, 0, 0, 6, Some("12"), -1),
        (
            "scale down with maxSurge by 1/6",
            100,
            0,
            10,
            50,
            Some("130"),
            -8,
        ),
    ];
    for &(name, replicas, status, surge, rs_replicas, ann, want) in cases {
        let d = DeploymentParams::rolling(replicas, surge, 1);
        let rs = ReplicaSetState {
            max_replicas_annotation: ann.and_then(parse_replicas_annotation),
            ..ReplicaSetState::new("rs", rs_replicas, 0)
        };
        assert_eq!(
            replica_set_fraction(&rs, &d, status).unwrap(),
            want,
            "{name}"
        );
    }
}

/// Cases from deployment_util_test.go TestGetNonNegativeInt32FromAnnotation.
#[test]
fn upstream_annotation_parsing() {
    assert_eq!(parse_replicas_annotation(""), None);
    assert_eq!(parse_replicas_annotation("invalid"), None);
    assert_eq!(parse_replicas_annotation("-1"), None);
    assert_eq!(parse_replicas_annotation("0"), Some(0));
    assert_eq!(parse_replicas_annotation("13"), Some(13));
    assert_eq!(parse_replicas_annotation("2147483647"), Some(i32::MAX));
    assert_eq!(parse_replicas_annotation("2147483648"), None);
    assert_eq!(parse_replicas_annotation("4294967296"), None);
    assert_eq!(parse_replicas_annotation("+1"), None);
}

/// deployment_util_test.go TestAnnotationUtils "IsSaturated".
#[test]
fn upstream_is_saturated() {
    let d = DeploymentParams::rolling(1, 1, 1);
    let rs = ReplicaSetState::new("rs", 1, 1).with_annotations(1, 2);
    assert!(is_saturated(&d, Some(&rs)));
    assert!(!is_saturated(&d, None));
    let no_ann = ReplicaSetState::new("rs", 1, 1);
    assert!(!is_saturated(&d, Some(&no_ann)));
    let unavailable = ReplicaSetState::new("rs", 1, 0).with_annotations(1, 2);
    assert!(!is_saturated(&d, Some(&unavailable)));
}

/// Cases from deployment_util_test.go TestDeploymentComplete
/// (desired, current, updated, available).
#[test]
fn upstream_deployment_complete() {
    let cases = [
        ((5, 5, 5, 4), false),
        ((5, 5, 5, 3), false),
        ((5, 5, 5, 5), true),
        ((5, 5, 4, 5), false),
        ((1, 2, 1, 1), false),
        ((1, 1, 1, 0), false),
    ];
    for ((desired, current, updated, available), want) in cases {
        let s = DeploymentStatusCounts {
            replicas: current,
            updated_replicas: updated,
            available_replicas: available,
            ..Default::default()
        };
        assert_eq!(deployment_complete(desired, 0, &s), want);
    }
}

/// Cases from deployment_util_test.go TestDeploymentProgressing
/// (current, updated, ready, available) before and after.
#[test]
fn upstream_deployment_progressing() {
    let c =
        |replicas, updated_replicas, ready_replicas, available_replicas| DeploymentStatusCounts {
            replicas,
            updated_replicas,
            ready_replicas,
            available_replicas,
            observed_generation: 0,
        };
    let cases = [
        (c(10, 4, 4, 4), c(10, 6, 4, 4), true),
        (c(10, 4, 4, 4), c(10, 4, 4, 4), false),
        (c(10, 4, 6, 6), c(8, 4, 6, 6), true),
        (c(10, 7, 3, 3), c(10, 6, 3, 3), false),
        (c(10, 4, 7, 7), c(8, 8, 5, 5), true),
        (c(10, 10, 9, 8), c(10, 10, 10, 8), true),
        (c(10, 10, 10, 9), c(10, 10, 10, 10), true),
    ];
    for (old, new, want) in cases {
        assert_eq!(
            deployment_progressing(&old, &new),
            want,
            "{old:?} → {new:?}"
        );
    }
}

/// Cases from deployment_util_test.go TestDeploymentTimedOut.
#[test]
fn upstream_deployment_timed_out() {
    let t = |min: i64, sec: i64| -> Timestamp {
        let base: Timestamp = "2016-01-01T00:00:00Z".parse().unwrap();
        base.checked_add(SignedDuration::from_secs(min * 60 + sec))
            .unwrap()
    };
    #[allow(
        clippy::useless_conversion,
        reason = "the condition fields are Option<String> from Kubernetes 1.37 on"
    )]
    let cond = |reason: &str, from: Timestamp| DeploymentCondition {
        type_: "Progressing".to_owned().into(),
        status: "True".to_owned().into(),
        reason: Some(reason.into()),
        last_update_time: Some(k8s_openapi::apimachinery::pkg::apis::meta::v1::Time(from)),
        ..Default::default()
    };
    assert!(!deployment_timed_out(None, &[cond("", t(1, 9))], t(1, 20)));
    assert!(!deployment_timed_out(
        Some(i32::MAX),
        &[cond("", t(1, 9))],
        t(1, 20)
    ));
    assert!(deployment_timed_out(
        Some(10),
        &[cond("", t(1, 9))],
        t(1, 20)
    ));
    assert!(!deployment_timed_out(
        Some(10),
        &[cond("", t(1, 11))],
        t(1, 20)
    ));
    assert!(!deployment_timed_out(
        Some(10),
        &[cond("NewReplicaSetAvailable", t(0, 0))],
        t(1, 20)
    ));
    assert!(deployment_timed_out(
        Some(10),
        &[cond("ProgressDeadlineExceeded", t(1, 19))],
        t(1, 20)
    ));
    assert!(!deployment_timed_out(Some(10), &[], t(1, 20)));
    // Exactly at the deadline is not yet "before now".
    assert!(!deployment_timed_out(
        Some(10),
        &[cond("", t(1, 10))],
        t(1, 20)
    ));
}

// ---------------------------------------------------------------------------------------
// rolling_test.go (maxUnavailable / maxSurge 0 unless stated, as upstream's newDeployment)
// ---------------------------------------------------------------------------------------

/// Cases from rolling_test.go TestDeploymentController_reconcileNewReplicaSet
/// (maxUnavailable 0; old ReplicaSet beside the new one).
#[test]
fn upstream_reconcile_new_replica_set() {
    let cases = [
        // deploymentReplicas, maxSurge, oldReplicas, newReplicas, expected (None: no scale)
        (10, 0, 10, 0, None),
        (10, 2, 10, 0, Some(2)),
        (10, 2, 5, 0, Some(7)),
        (10, 2, 10, 2, None),
        (10, 2, 2, 11, Some(10)),
    ];
    for (replicas, surge, old, new, want) in cases {
        let d = DeploymentParams::rolling(replicas, surge, 0);
        let new_rs = ReplicaSetState::new("foo-v2", new, 0);
        let old_rs = ReplicaSetState::new("foo-v1", old, 0);
        let all = [new_rs.clone(), old_rs];
        assert_eq!(
            reconcile_new_replica_set(&d, &all, &new_rs).unwrap(),
            want,
            "{replicas} {surge} {old} {new}"
        );
    }
}

/// Cases from rolling_test.go TestDeploymentController_reconcileOldReplicaSets (maxSurge 0).
#[test]
fn upstream_reconcile_old_replica_sets() {
    let cases = [
        // replicas, maxUnavailable, old, new, readyOld, readyNew, expected old (None: no scale)
        (10, 0, 10, 0, 10, 0, Some(9)),
        (10, 2, 10, 0, 10, 0, Some(8)),
        (10, 2, 10, 0, 8, 0, Some(8)),
        (10, 2, 10, 0, 9, 0, Some(8)),
        (10, 2, 8, 2, 8, 0, None),
    ];
    for (replicas, mu, old, new, ready_old, ready_new, want) in cases {
        let d = DeploymentParams::rolling(replicas, 0, mu);
        let new_rs = ReplicaSetState::new("foo-new", new, ready_new);
        let old_rs = ReplicaSetState::new("foo-old", old, ready_old);
        let r = reconcile_old_replica_sets(&d, std::slice::from_ref(&old_rs), &new_rs).unwrap();
        let got = r.actions.last().map(|a| a.to);
        assert_eq!(got, want, "{replicas} {mu} {old} {new} {ready_old}");
        assert_eq!(r.scaled(), want.is_some());
    }
}

/// Cases from rolling_test.go TestDeploymentController_cleanupUnhealthyReplicas.
#[test]
fn upstream_cleanup_unhealthy_replicas() {
    let cases = [
        // oldReplicas, readyPods, maxCleanupCount, cleanupCountExpected
        (10, 8, 1, 1),
        (10, 8, 3, 2),
        (10, 8, 0, 0),
        (10, 10, 3, 0),
    ];
    for (old, ready, max, want) in cases {
        let rs = ReplicaSetState::new("foo-v2", old, ready);
        let (actions, n) = cleanup_unhealthy_replicas(&[rs], max);
        assert_eq!(n, want);
        assert_eq!(actions.len(), usize::from(want > 0));
    }
}

/// Cases from rolling_test.go TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate
/// (maxSurge 0; the old ReplicaSet is the only one).
#[test]
fn upstream_scale_down_old_replica_sets_for_rolling_update() {
    let cases = [
        // replicas, maxUnavailable, readyPods, oldReplicas, expected
        (10, 0, 10, 10, Some(9)),
        (10, 2, 10, 10, Some(8)),
        (10, 2, 8, 10, None),
        (10, 2, 10, 0, None),
        (10, 2, 1, 10, None),
    ];
    for (replicas, mu, ready, old, want) in cases {
        let d = DeploymentParams::rolling(replicas, 0, mu);
        let rs = ReplicaSetState::new("foo-v2", old, ready);
        // Upstream passes the old ReplicaSet alone as allRSs: a new one with nothing.
        let none = ReplicaSetState::new("none", 0, 0);
        let (actions, n) =
            scale_down_old_replica_sets_for_rolling_update(&d, &[rs], &none).unwrap();
        assert_eq!(actions.last().map(|a| a.to), want);
        assert_eq!(n > 0, want.is_some());
    }
}

// ---------------------------------------------------------------------------------------
// sync_test.go TestScale
// ---------------------------------------------------------------------------------------

fn ts(hour: i32) -> Timestamp {
    jiff::civil::date(2016, 5, 20)
        .at(i8::try_from(hour).unwrap(), 0, 0, 0)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp()
}

/// Cases from sync_test.go TestScale. `newDeployment` defaults maxSurge and maxUnavailable
/// to 0; every ReplicaSet carries the annotations of the old Deployment (desired =
/// old replicas, max = desired + old maxSurge) unless a case overrides `desired`.
#[test]
#[allow(
    clippy::too_many_lines,
    reason = "upstream TestScale table, one data literal"
)]
fn upstream_scale() {
    struct Case {
        name: &'static str,
        replicas: i32,
        surge: i32,
        unavailable: i32,
        old_replicas: i32,
        old_surge: i32,
        new_rs: Option<(&'static str, i32, i32)>,
        old_rss: Vec<(&'static str, i32, i32)>,
        expected_new: Option<i32>,
        expected_old: Vec<i32>,
        desired_override: Option<(&'static str, i32)>,
        new_available: i32,
    }
    let c = |name, replicas, old_replicas, new_rs, old_rss, expected_new, expected_old| Case {
        name,
        replicas,
        surge: 0,
        unavailable: 0,
        old_replicas,
        old_surge: 0,
        new_rs,
        old_rss,
        expected_new,
        expected_old,
        desired_override: None,
        new_available: 0,
    };
    let cases = vec![
        c(
            "normal scaling event: 10 -> 12",
            12,
            10,
            Some(("foo-v1", 10, 2)),
            vec![],
            Some(12),
            vec![],
        ),
        c(
            "normal scaling event: 10 -> 5",
            5,
            10,
            Some(("foo-v1", 10, 2)),
            vec![],
            Some(5),
            vec![],
        ),
        c(
            "proportional scaling: 5 -> 10",
            10,
            5,
            Some(("foo-v2", 2, 2)),
            vec![("foo-v1", 3, 1)],
            Some(4),
            vec![6],
        ),
        c(
            "proportional scaling: 5 -> 3",
            3,
            5,
            Some(("foo-v2", 2, 2)),
            vec![("foo-v1", 3, 1)],
            Some(1),
            vec![2],
        ),
        c(
            "proportional scaling: 9 -> 4",
            4,
            9,
            Some(("foo-v2", 8, 2)),
            vec![("foo-v1", 1, 1)],
            Some(4),
            vec![0],
        ),
        c(
            "proportional scaling: 7 -> 10",
            10,
            7,
            Some(("foo-v3", 2, 2)),
            vec![("foo-v2", 3, 1), ("foo-v1", 2, 0)],
            Some(3),
            vec![4, 3],
        ),
        c(
            "proportional scaling: 13 -> 8",
            8,
            13,
            Some(("foo-v3", 2, 2)),
            vec![("foo-v2", 8, 1), ("foo-v1", 3, 0)],
            Some(1),
            vec![5, 2],
        ),
        c(
            "leftover distribution: 3 -> 4",
            4,
            3,
            Some(("foo-v3", 1, 2)),
            vec![("foo-v2", 1, 1), ("foo-v1", 1, 0)],
            Some(2),
            vec![1, 1],
        ),
        c(
            "leftover distribution: 3 -> 2",
            2,
            3,
            Some(("foo-v3", 1, 2)),
            vec![("foo-v2", 1, 1), ("foo-v1", 1, 0)],
            Some(1),
            vec![1, 0],
        ),
        c(
            "proportional scaling (no new rs): 4 -> 5",
            5,
            4,
            None,
            vec![("foo-v2", 2, 1), ("foo-v1", 2, 0)],
            None,
            vec![3, 2],
        ),
        c(
            "proportional scaling: 6 -> 0",
            0,
            6,
            Some(("foo-v3", 3, 2)),
            vec![("foo-v2", 2, 1), ("foo-v1", 1, 0)],
            Some(0),
            vec![0, 0],
        ),
        c(
            "proportional scaling: 0 -> 6",
            6,
            6,
            Some(("foo-v3", 0, 2)),
            vec![("foo-v2", 0, 1), ("foo-v1", 0, 0)],
            Some(6),
            vec![0, 0],
        ),
        Case {
            desired_override: Some(("foo-v2", 3)),
            ..c(
                "failed rs update",
                5,
                5,
                Some(("foo-v3", 2, 2)),
                vec![("foo-v2", 1, 1), ("foo-v1", 1, 0)],
                Some(2),
                vec![2, 1],
            )
        },
        Case {
            surge: 2,
            old_surge: 2,
            ..c(
                "deployment with surge pods",
                20,
                10,
                Some(("foo-v2", 6, 2)),
                vec![("foo-v1", 6, 1)],
                Some(11),
                vec![11],
            )
        },
        Case {
            surge: 6,
            old_surge: 3,
            ..c(
                "change both surge and size",
                50,
                10,
                Some(("foo-v2", 5, 2)),
                vec![("foo-v1", 8, 1)],
                Some(22),
                vec![34],
            )
        },
        c(
            "change both size and template",
            14,
            10,
            None,
            vec![("foo-v2", 7, 2), ("foo-v1", 3, 1)],
            None,
            vec![10, 4],
        ),
        Case {
            surge: 1,
            unavailable: 1,
            old_surge: 1,
            ..c(
                "saturated but broken new replica set does not affect old pods",
                2,
                2,
                Some(("foo-v2", 2, 2)),
                vec![("foo-v1", 1, 1)],
                Some(2),
                vec![1],
            )
        },
    ];
    for case in cases {
        let d = DeploymentParams::rolling(case.replicas, case.surge, case.unavailable);
        let annotate = |name: &str, replicas: i32, hour: i32| {
            let desired = match case.desired_override {
                Some((n, v)) if n == name => v,
                _ => case.old_replicas,
            };
            ReplicaSetState::new(name, replicas, 0)
                .with_annotations(desired, desired + case.old_surge)
                .created_at(ts(hour))
        };
        let new_rs = case.new_rs.map(|(n, r, h)| ReplicaSetState {
            available_replicas: case.new_available,
            ..annotate(n, r, h)
        });
        let old: Vec<ReplicaSetState> = case
            .old_rss
            .iter()
            .map(|&(n, r, h)| annotate(n, r, h))
            .collect();
        let actions = proportional_scale(&d, 0, new_rs.as_ref(), &old).unwrap();
        let size = |r: RsRef, before: i32| {
            actions
                .iter()
                .find(|a| a.target == r)
                .map_or(before, |a| a.to)
        };
        if let (Some(want), Some(rs)) = (case.expected_new, &new_rs) {
            assert_eq!(size(RsRef::New, rs.replicas), want, "{}: new", case.name);
        }
        for (i, (rs, want)) in old.iter().zip(&case.expected_old).enumerate() {
            assert_eq!(
                size(RsRef::Old(i), rs.replicas),
                *want,
                "{}: {}",
                case.name,
                rs.name
            );
        }
    }
}

#[test]
fn saturated_new_replica_set_scales_old_ones_to_zero() {
    let d = DeploymentParams::rolling(3, 1, 0);
    let new_rs = ReplicaSetState::new("new", 3, 3).with_annotations(3, 4);
    let old = [ReplicaSetState::new("old", 2, 2).with_annotations(3, 4)];
    let actions = proportional_scale(&d, 5, Some(&new_rs), &old).unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!((actions[0].target, actions[0].to), (RsRef::Old(0), 0));
}

#[test]
fn scaling_event_detection() {
    let d = DeploymentParams::rolling(5, 1, 0);
    let new_rs = ReplicaSetState::new("new", 2, 2).with_annotations(5, 6);
    let old = [ReplicaSetState::new("old", 3, 3).with_annotations(4, 5)];
    assert!(is_scaling_event(&d, Some(&new_rs), &old));
    let old = [ReplicaSetState::new("old", 0, 0).with_annotations(4, 5)];
    assert!(!is_scaling_event(&d, Some(&new_rs), &old));
}

// ---------------------------------------------------------------------------------------
// rolling_sync / recreate
// ---------------------------------------------------------------------------------------

#[test]
fn rolling_sync_scales_new_first_then_old() {
    let d = DeploymentParams::rolling(10, pct("25%"), pct("25%"));
    let old = [ReplicaSetState::new("old", 10, 10)];
    let new_rs = ReplicaSetState::new("new", 0, 0);
    assert_eq!(
        rolling_sync(&d, &new_rs, &old).unwrap(),
        RollingSync::ScaledNew(3)
    );
    let new_rs = ReplicaSetState::new("new", 3, 0);
    match rolling_sync(&d, &new_rs, &old).unwrap() {
        RollingSync::ScaledOld(down) => {
            assert_eq!(down.scaled_down, 2);
            assert_eq!(down.actions[0].to, 8);
        }
        other => panic!("{other:?}"),
    }
    let old = [ReplicaSetState::new("old", 8, 8)];
    let new_rs = ReplicaSetState::new("new", 5, 0);
    assert_eq!(rolling_sync(&d, &new_rs, &old).unwrap(), RollingSync::Idle);
}

#[test]
fn recreate_scales_old_down_then_waits_then_new_up() {
    let d = DeploymentParams::recreate(3);
    let old = [ReplicaSetState::new("old", 3, 3)];
    let new_rs = ReplicaSetState::new("new", 0, 0);
    let a = recreate_sync(&d, &new_rs, &old, true);
    assert_eq!((a[0].target, a[0].to), (RsRef::Old(0), 0));
    let old = [ReplicaSetState::new("old", 0, 0)];
    assert!(recreate_sync(&d, &new_rs, &old, true).is_empty());
    let a = recreate_sync(&d, &new_rs, &old, false);
    assert_eq!((a[0].target, a[0].to), (RsRef::New, 3));
}

#[test]
fn k8s_openapi_round_trip() {
    let mut spec = DeploymentSpec::default();
    apply_deployment_defaults(&mut spec, Flavor::Upstream);
    let s = spec.strategy.as_ref().unwrap();
    assert_eq!(s.type_.as_deref(), Some("RollingUpdate"));
    let ru = s.rolling_update.as_ref().unwrap();
    assert_eq!(ru.max_surge, Some(IntOrString::String("25%".into())));
    let rs = ReplicaSet {
        metadata: k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta {
            name: Some("web-1".into()),
            annotations: Some(
                [
                    (DESIRED_REPLICAS_ANNOTATION.to_owned(), "10".to_owned()),
                    (MAX_REPLICAS_ANNOTATION.to_owned(), "-3".to_owned()),
                ]
                .into(),
            ),
            ..Default::default()
        },
        spec: k8s_openapi::api::apps::v1::ReplicaSetSpec {
            replicas: Some(4),
            ..Default::default()
        }
        .into_field(),
        status: Some(k8s_openapi::api::apps::v1::ReplicaSetStatus {
            available_replicas: Some(3),
            replicas: 4,
            ..Default::default()
        }),
    };
    let st = ReplicaSetState::from_replica_set(&rs);
    assert_eq!(st.replicas, 4);
    assert_eq!(st.available_replicas, 3);
    assert_eq!(st.desired_replicas_annotation, Some(10));
    assert_eq!(st.max_replicas_annotation, None);
}
