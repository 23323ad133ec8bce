#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::rolling::{DaemonSetParams, DeploymentParams, PodManagementPolicy, StatefulSetParams};
use acp_model::kube_version::WithSpec;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::ResourceQuota;
use proptest::prelude::*;

fn deployment(replicas: i32, surge: &str, unavailable: &str) -> Deployment {
    let v = |s: &str| match s.parse::<i64>() {
        Ok(n) => serde_json::json!(n),
        Err(_) => serde_json::json!(s),
    };
    serde_json::from_value(serde_json::json!({
        "metadata": {"name": "web", "namespace": "demo"},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": "web"}},
            "strategy": {"type": "RollingUpdate",
                "rollingUpdate": {"maxSurge": v(surge), "maxUnavailable": v(unavailable)}},
            "template": {"metadata": {"labels": {"app": "web"}},
                "spec": {"containers": [{"name": "web", "image": "web:1"}]}}
        }
    }))
    .unwrap()
}

fn changed(d: &Deployment) -> Deployment {
    let mut n = d.clone();
    n.spec_mut()
        .unwrap()
        .template
        .spec
        .as_mut()
        .unwrap()
        .containers[0]
        .image = Some("web:2".into());
    n
}

fn pods_quota(name: &str, hard: i64, used: i64) -> ResourceQuota {
    serde_json::from_value(serde_json::json!({
        "metadata": {"name": name, "namespace": "demo"},
        "spec": {"hard": {"pods": hard.to_string()}},
        "status": {"hard": {"pods": hard.to_string()}, "used": {"pods": used.to_string()}}
    }))
    .unwrap()
}

// ---------------------------------------------------------------------------------------
// Acceptance: a 10-replica Deployment under a `pods` quota
// ---------------------------------------------------------------------------------------

#[test]
fn surge_25_unavailable_0_completes_with_a_pods_quota_of_13() {
    let old = deployment(10, "25%", "0");
    let v = fits_quota(
        &old,
        &changed(&old),
        &PlanOptions::default(),
        &[pods_quota("pods", 13, 10)],
    )
    .unwrap();
    assert!(v.fits(), "{}", v.plan.outcome);
    assert!(v.plan.completed());
    assert_eq!(v.plan.max_surge, 3);
    assert_eq!(v.plan.max_unavailable, 0);
    assert_eq!(v.plan.peak_total, 13);
    assert_eq!(v.plan.peak_extra_pods(), 3);
    assert_eq!(v.plan.min_available, 10);
    for s in &v.plan.steps {
        assert!(s.total() <= 13 && s.available >= 10, "{s}");
    }
    let last = v.plan.steps.last().unwrap();
    assert_eq!((last.old_pods, last.new_pods, last.available), (0, 10, 10));
}

#[test]
fn surge_25_unavailable_0_stalls_with_a_pods_quota_of_10() {
    let old = deployment(10, "25%", "0");
    let v = fits_quota(
        &old,
        &changed(&old),
        &PlanOptions::default(),
        &[pods_quota("pods-10", 10, 10)],
    )
    .unwrap();
    assert!(!v.fits());
    let s = v.shortfall.clone().unwrap();
    assert_eq!(s.quota, "pods-10");
    assert_eq!(s.resource, "pods");
    assert_eq!(s.pods_short, 3);
    assert_eq!(
        s.to_string(),
        "ResourceQuota \"pods-10\" is 3 pods short: pods would need 13, hard limit 10"
    );
    assert_eq!(
        v.plan.outcome.to_string(),
        "stalled at tick 1: ResourceQuota \"pods-10\" is 3 pods short: pods would need 13, hard limit 10"
    );
    // The new ReplicaSet wants 3 pods, none could be created, no old pod may go.
    let last = v.plan.steps.last().unwrap();
    assert_eq!(
        (last.old_pods, last.new_desired, last.new_pods, last.blocked),
        (10, 3, 0, 3)
    );
}

#[test]
fn surge_25_unavailable_25_completes_with_a_pods_quota_of_10_through_unavailability() {
    let old = deployment(10, "25%", "25%");
    let v = fits_quota(
        &old,
        &changed(&old),
        &PlanOptions::default(),
        &[pods_quota("pods-10", 10, 10)],
    )
    .unwrap();
    assert!(v.fits(), "{}", v.plan.outcome);
    assert!(v.plan.completed());
    // Never more than the quota…
    assert_eq!(v.plan.peak_total, 10);
    assert_eq!(v.plan.peak_extra_pods(), 0);
    // …by going down to replicas − maxUnavailable = 8 available pods: the dip shows.
    assert_eq!(v.plan.min_available, 8);
    let first = &v.plan.steps[1];
    assert_eq!((first.old_pods, first.new_pods, first.available), (8, 2, 8));
    assert!(
        v.plan
            .steps
            .iter()
            .any(|s| s.available == 8 && s.total() == 10)
    );
    assert!(
        v.plan
            .steps
            .iter()
            .all(|s| s.available >= 8 && s.total() <= 10)
    );
}

#[test]
fn without_quota_25_25_surges_to_13() {
    let d = DeploymentParams::rolling(10, "25%", "25%");
    let plan = plan_deployment(&d, &PlanOptions::default(), &QuotaLimits::none()).unwrap();
    assert!(plan.completed());
    assert_eq!(plan.peak_total, 13);
    assert_eq!(plan.min_available, 8);
    let first = &plan.steps[1];
    assert_eq!((first.old_pods, first.new_pods, first.available), (8, 5, 8));
    assert_eq!(plan.steps.len(), 4);
}

#[test]
fn other_pods_in_the_namespace_count() {
    // 3 pods of something else leave no room for a surge pod.
    let old = deployment(10, "25%", "0");
    let v = fits_quota(
        &old,
        &changed(&old),
        &PlanOptions::default(),
        &[pods_quota("pods", 13, 13)],
    )
    .unwrap();
    assert_eq!(v.shortfall.unwrap().pods_short, 3);
    // 2 leave room for one: the rollout goes one pod at a time instead of three.
    let v = fits_quota(
        &old,
        &changed(&old),
        &PlanOptions::default(),
        &[pods_quota("pods", 13, 12)],
    )
    .unwrap();
    assert!(v.fits());
    assert_eq!(v.plan.peak_total, 11);
}

#[test]
fn quota_on_requests_cpu_of_the_seed_deployment() {
    // seed 003:11397: 3 replicas requesting 100m cpu / 128Mi.
    let old: Deployment = crate::testdata::yaml("003/L11397-deployment-nginx-deployment.yaml");
    let mut new = old.clone();
    new.spec_mut()
        .unwrap()
        .template
        .spec
        .as_mut()
        .unwrap()
        .containers[0]
        .image = Some("nginx:1.16.1".into());
    let plan = plan_deployment_change(&old, &new, &PlanOptions::default(), &[]).unwrap();
    assert!(plan.completed());
    // Defaults 25% / 25% of 3: surge 1, unavailable 0 → one extra pod at the peak.
    assert_eq!((plan.max_surge, plan.max_unavailable), (1, 0));
    assert_eq!(
        plan.peak_extra.to_string(),
        "count/pods=1,cpu=100m,limits.cpu=200m,limits.memory=256Mi,memory=128Mi,pods=1,requests.cpu=100m,requests.memory=128Mi"
    );
    let quota: ResourceQuota = serde_json::from_value(serde_json::json!({
        "metadata": {"name": "compute"},
        "spec": {"hard": {"requests.cpu": "350m", "limits.memory": "2Gi"}},
        "status": {"used": {"requests.cpu": "300m", "limits.memory": "768Mi"}}
    }))
    .unwrap();
    let v = fits_quota(&old, &new, &PlanOptions::default(), &[quota]).unwrap();
    let s = v.shortfall.unwrap();
    assert_eq!(
        s.to_string(),
        "ResourceQuota \"compute\" is 1 pod short: requests.cpu would need 400m, hard limit 350m"
    );
}

#[test]
fn a_quota_that_requires_requests_refuses_the_new_pods() {
    let old = deployment(2, "1", "0");
    let quota: ResourceQuota = serde_json::from_value(serde_json::json!({
        "metadata": {"name": "compute"},
        "spec": {"hard": {"requests.cpu": "10"}},
    }))
    .unwrap();
    let v = fits_quota(&old, &changed(&old), &PlanOptions::default(), &[quota]).unwrap();
    let s = v.shortfall.unwrap();
    assert_eq!(
        s.to_string(),
        "ResourceQuota \"compute\" refuses the new pods (must specify requests.cpu for: web): 1 pod missing"
    );
}

#[test]
fn new_pods_that_never_become_available() {
    let d = DeploymentParams::rolling(10, "25%", "25%");
    let plan = plan_deployment(&d, &PlanOptions::never_ready(), &QuotaLimits::none()).unwrap();
    assert_eq!(
        plan.outcome,
        PlanOutcome::Stalled {
            tick: 1,
            reason: StallReason::NeverAvailable { pods: 5 }
        }
    );
    assert_eq!(plan.min_available, 8);
}

#[test]
fn terminating_pods_keep_their_quota_until_gone() {
    let opts = PlanOptions {
        terminating_ticks: 2,
        ..PlanOptions::ready_after(3)
    };
    let d = DeploymentParams::rolling(10, "25%", "25%");
    let plan = plan_deployment(&d, &opts, &QuotaLimits::pods("pods", 10, 0)).unwrap();
    assert!(plan.completed());
    assert_eq!(plan.peak_charged, 10);
    let first = &plan.steps[1];
    // The 2 deleted old pods still hold their quota: no new pod yet.
    assert_eq!(
        (first.old_pods, first.terminating, first.new_pods),
        (8, 2, 0)
    );
    assert_eq!(first.blocked, 5);
}

#[test]
fn recreate_goes_to_zero() {
    let plan = plan_deployment(
        &DeploymentParams::recreate(4),
        &PlanOptions::default(),
        &QuotaLimits::none(),
    )
    .unwrap();
    assert!(plan.completed());
    assert_eq!((plan.min_available, plan.peak_total), (0, 4));
    assert_eq!(plan.steps[1].total(), 4); // new pods created at once: old ones went at once
}

#[test]
fn paused_deployment_does_not_roll() {
    let mut d = DeploymentParams::rolling(3, 1, 0);
    d.paused = true;
    let plan = plan_deployment(&d, &PlanOptions::default(), &QuotaLimits::none()).unwrap();
    assert_eq!(
        plan.outcome,
        PlanOutcome::Stalled {
            tick: 0,
            reason: StallReason::Paused
        }
    );
}

#[test]
fn scaling_with_the_template_change() {
    let d = DeploymentParams::rolling(10, "25%", "25%");
    let plan = plan_deployment_from(&d, 4, &PlanOptions::default(), &QuotaLimits::none()).unwrap();
    assert!(plan.completed(), "{}", plan.outcome);
    let last = plan.steps.last().unwrap();
    assert_eq!((last.new_pods, last.old_pods), (10, 0));
}

#[test]
fn steps_display() {
    let d = DeploymentParams::rolling(4, 1, 1);
    let plan = plan_deployment(&d, &PlanOptions::default(), &QuotaLimits::none()).unwrap();
    let lines: Vec<String> = plan.steps.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines[0],
        "tick   0: old   4 new   0 available   4 total   4"
    );
    assert_eq!(
        lines[1],
        "tick   1: old   3 new   2 available   3 total   5"
    );
}

// ---------------------------------------------------------------------------------------
// DaemonSet and StatefulSet
// ---------------------------------------------------------------------------------------

#[test]
fn daemonset_without_surge_keeps_max_unavailable() {
    let plan = plan_daemonset(
        &DaemonSetParams::rolling(0, 2),
        10,
        &PlanOptions::ready_after(2),
        &QuotaLimits::none(),
    )
    .unwrap();
    assert!(plan.completed());
    assert_eq!((plan.min_available, plan.peak_total), (8, 10));
    assert_eq!((plan.max_surge, plan.max_unavailable), (0, 2));
}

#[test]
fn daemonset_with_surge_needs_quota_for_the_surge() {
    let ds = DaemonSetParams::rolling("20%", 0);
    let plan = plan_daemonset(&ds, 10, &PlanOptions::default(), &QuotaLimits::none()).unwrap();
    assert!(plan.completed());
    assert_eq!((plan.min_available, plan.peak_total), (10, 12));
    let plan = plan_daemonset(
        &ds,
        10,
        &PlanOptions::default(),
        &QuotaLimits::pods("q", 11, 0),
    )
    .unwrap();
    assert!(plan.completed(), "{}", plan.outcome);
    assert_eq!(plan.peak_total, 11);
    let plan = plan_daemonset(
        &ds,
        10,
        &PlanOptions::default(),
        &QuotaLimits::pods("q", 10, 0),
    )
    .unwrap();
    assert_eq!(plan.quota_shortfall().unwrap().pods_short, 2);
}

#[test]
fn daemonset_on_delete_does_nothing() {
    let ds = DaemonSetParams {
        strategy: crate::rolling::DaemonSetStrategy::OnDelete,
        ..DaemonSetParams::rolling(0, 1)
    };
    let plan = plan_daemonset(&ds, 3, &PlanOptions::default(), &QuotaLimits::none()).unwrap();
    assert!(matches!(
        plan.outcome,
        PlanOutcome::Stalled {
            reason: StallReason::NoProgress,
            ..
        }
    ));
}

#[test]
fn statefulset_ordered_one_at_a_time_from_the_top() {
    let p = StatefulSetParams::rolling(3, 0);
    let plan = plan_statefulset(&p, &PlanOptions::default(), &QuotaLimits::none()).unwrap();
    assert!(plan.completed());
    assert_eq!(
        (plan.min_available, plan.peak_total, plan.max_surge),
        (2, 3, 0)
    );
    // Each tick: the highest old pod is replaced, then waits to become ready.
    let news: Vec<i64> = plan.steps.iter().map(|s| s.new_pods).collect();
    assert_eq!(news, vec![0, 1, 2, 3, 3]);
    let available: Vec<i64> = plan.steps.iter().map(|s| s.available).collect();
    assert_eq!(available, vec![3, 2, 2, 2, 3]);
}

#[test]
fn statefulset_parallel_max_unavailable() {
    let mut p = StatefulSetParams::rolling(10, 0);
    p.max_unavailable_feature = true;
    p.pod_management_policy = PodManagementPolicy::Parallel;
    p.strategy = crate::rolling::StatefulSetStrategy::RollingUpdate {
        partition: 0,
        max_unavailable: Some("30%".into()),
    };
    let plan = plan_statefulset(&p, &PlanOptions::default(), &QuotaLimits::none()).unwrap();
    assert!(plan.completed());
    assert_eq!((plan.min_available, plan.max_unavailable), (7, 3));
}

#[test]
fn seed_l12674_statefulset_partition_keeps_low_ordinals() {
    let plan = plan_statefulset(
        &StatefulSetParams::rolling(5, 3),
        &PlanOptions::default(),
        &QuotaLimits::none(),
    )
    .unwrap();
    assert!(plan.completed());
    let last = plan.steps.last().unwrap();
    assert_eq!((last.old_pods, last.new_pods, last.available), (3, 2, 5));
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

fn bound() -> impl Strategy<Value = acp_model::intstr::IntOrPercent> {
    prop_oneof![
        (0i32..6).prop_map(acp_model::intstr::IntOrPercent::Int),
        (0i32..=100).prop_map(acp_model::intstr::IntOrPercent::from_percent),
    ]
}

proptest! {
    // 300 cases, unless `PROPTEST_CASES` asks for another count (as the integration tests'
    // `support::proptest_config`).
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(300),
        ..ProptestConfig::default()
    })]

    /// The planner never exceeds replicas + maxSurge pods nor drops below
    /// replicas − maxUnavailable available ones, and finishes when pods become ready.
    #[test]
    fn deployment_plan_respects_fenceposts_and_terminates(
        replicas in 0i32..120,
        surge in bound(),
        unavailable in bound(),
        ready in 1u32..4,
        terminating in 0u32..3,
    ) {
        let d = DeploymentParams::rolling(replicas, surge, unavailable);
        let opts = PlanOptions { terminating_ticks: terminating, ..PlanOptions::ready_after(ready) };
        let plan = plan_deployment(&d, &opts, &QuotaLimits::none()).unwrap();
        let r = i64::from(replicas);
        prop_assert!(plan.completed(), "{}", plan.outcome);
        prop_assert!(plan.peak_total <= r + plan.max_surge, "{} > {} + {}", plan.peak_total, r, plan.max_surge);
        prop_assert!(plan.min_available >= r - plan.max_unavailable);
        for s in &plan.steps {
            prop_assert!(s.total() <= r + plan.max_surge);
            prop_assert!(s.available >= r - plan.max_unavailable);
        }
        let last = plan.steps.last().unwrap();
        prop_assert_eq!((last.new_pods, last.old_pods, last.available), (r, 0, r));
    }

    /// Under a pods quota the plan always ends; it completes whenever the quota leaves room
    /// for the surge or maxUnavailable lets old pods go first.
    #[test]
    fn deployment_plan_under_quota_ends(
        replicas in 1i32..60,
        surge in bound(),
        unavailable in bound(),
        room in 0i64..8,
        terminating in 0u32..3,
    ) {
        let d = DeploymentParams::rolling(replicas, surge, unavailable);
        let opts = PlanOptions { terminating_ticks: terminating, ..PlanOptions::default() };
        let hard = i64::from(replicas) + room;
        let plan = plan_deployment(&d, &opts, &QuotaLimits::pods("q", hard, 0)).unwrap();
        prop_assert!(plan.peak_charged <= hard);
        // One free pod is enough to make progress (one pod at a time); none, only when
        // old pods may go first.
        if room > 0 || d.max_unavailable().unwrap() > 0 {
            prop_assert!(plan.completed(), "{}", plan.outcome);
        } else {
            prop_assert!(plan.quota_shortfall().is_some(), "{}", plan.outcome);
        }
    }

    #[test]
    fn daemonset_plan_respects_fenceposts(
        nodes in 0i64..80,
        surge_pct in 0i32..=100,
        unavailable in 0i32..5,
        ready in 1u32..3,
    ) {
        let ds = if surge_pct > 0 {
            DaemonSetParams::rolling(acp_model::intstr::IntOrPercent::from_percent(surge_pct), 0)
        } else {
            DaemonSetParams::rolling(0, unavailable)
        };
        let plan = plan_daemonset(&ds, nodes, &PlanOptions::ready_after(ready), &QuotaLimits::none()).unwrap();
        prop_assert!(plan.completed(), "{}", plan.outcome);
        prop_assert!(plan.peak_total <= nodes + plan.max_surge);
        prop_assert!(plan.min_available >= nodes - plan.max_unavailable);
    }

    #[test]
    fn statefulset_plan_respects_max_unavailable(
        replicas in 0i32..60,
        partition in 0i32..70,
        pct in 1i32..=100,
        parallel in any::<bool>(),
    ) {
        let mut p = StatefulSetParams::rolling(replicas, partition);
        p.strategy = crate::rolling::StatefulSetStrategy::RollingUpdate {
            partition,
            max_unavailable: Some(acp_model::intstr::IntOrPercent::from_percent(pct)),
        };
        if parallel {
            p.pod_management_policy = PodManagementPolicy::Parallel;
        }
        let plan = plan_statefulset(&p, &PlanOptions::default(), &QuotaLimits::none()).unwrap();
        prop_assert!(plan.completed(), "{}", plan.outcome);
        prop_assert!(plan.peak_total <= i64::from(replicas));
        prop_assert!(plan.min_available >= i64::from(replicas) - plan.max_unavailable);
        let last = plan.steps.last().unwrap();
        prop_assert_eq!(last.new_pods, i64::from((replicas - partition).max(0)));
    }
}

#[test]
fn max_surge_2147483647_never_scales_up_and_the_plan_says_why() {
    // Valid: maxSurge is any non-negative int32. 10 + 2147483647 wraps in NewRSNewReplicas.
    let d = DeploymentParams::rolling(10, i32::MAX, 0);
    let plan = plan_deployment(&d, &PlanOptions::default(), &QuotaLimits::none()).unwrap();
    assert!(!plan.completed());
    assert_eq!(
        plan.outcome.to_string(),
        "stalled at tick 1: the controllers make no more progress"
    );
    assert_eq!(plan.steps.last().unwrap().new_pods, 0);
    assert_eq!(plan.peak_total, 10);
    assert_eq!(
        plan.warnings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "maxSurge 2147483647: replicas + maxSurge overflows int32 in NewRSNewReplicas \
          (10 + 2147483647 wraps to -2147483639); the controller never scales the new \
          ReplicaSet up"
        ]
    );
    // With unavailability the old pods go down to minAvailable and stay there.
    let d = DeploymentParams::rolling(10, i32::MAX, 3);
    let plan = plan_deployment(&d, &PlanOptions::default(), &QuotaLimits::none()).unwrap();
    assert!(!plan.completed());
    assert_eq!(plan.min_available, 7);
    assert_eq!(plan.steps.last().unwrap().new_pods, 0);
    assert_eq!(plan.warnings.len(), 1);
    // 2147483646 + 1 fits: the new ReplicaSet surges to all 10 at once, no warning.
    let d = DeploymentParams::rolling(10, i32::MAX - 10, 0);
    let plan = plan_deployment(&d, &PlanOptions::default(), &QuotaLimits::none()).unwrap();
    assert!(plan.completed());
    assert_eq!(plan.peak_total, 20);
    assert!(plan.warnings.is_empty());
}
