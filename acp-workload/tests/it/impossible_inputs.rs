//! Impossible inputs are errors, in the API server's words, instead of a replica count.

use acp_workload::hpa::{self, HpaError, HpaHistory, HpaInput, HpaOptions, MetricSample};
use acp_workload::keda::{self, KedaError};
use acp_workload::planner::{self, PlanError, PlanOptions, QuotaLimits};
use acp_workload::rolling::DeploymentParams;
use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler;
use serde_json::json;

use crate::support::now;

fn hpa_bounds(min: Option<i32>, max: i32) -> HorizontalPodAutoscaler {
    serde_json::from_value(json!({
        "metadata": {"name": "web"},
        "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "minReplicas": min,
                 "maxReplicas": max,
                 "metrics": [{"type": "Resource", "resource": {"name": "cpu",
                              "target": {"type": "Utilization", "averageUtilization": 60}}}]}
    }))
    .unwrap()
}

fn compute(
    h: &HorizontalPodAutoscaler,
    spec: i32,
    status: i32,
) -> Result<hpa::HpaDecision, HpaError> {
    let pods = vec![hpa::fixtures::ready_pod("a", "100m", now())];
    let samples = vec![MetricSample::PodResources(vec![hpa::fixtures::pod_usage(
        "a",
        "cpu",
        "50m",
        now(),
    )])];
    hpa::compute(
        &HpaInput {
            hpa: h,
            spec_replicas: spec,
            status_replicas: status,
            pods: &pods,
            metrics: &samples,
            history: &HpaHistory::default(),
            now: now(),
        },
        &HpaOptions::default(),
    )
}

fn message(r: Result<hpa::HpaDecision, HpaError>) -> String {
    match r {
        Err(e @ HpaError::Invalid(_)) => e.to_string(),
        other => panic!("expected HpaError::Invalid, got {other:?}"),
    }
}

/// ValidateHorizontalPodAutoscalerSpec's replica bounds.
#[test]
fn validate_horizontal_pod_autoscaler_spec_bounds() {
    assert!(compute(&hpa_bounds(Some(1), 5), 1, 1).is_ok());
    assert!(compute(&hpa_bounds(None, 1), 1, 1).is_ok());
    assert_eq!(
        message(compute(&hpa_bounds(Some(7), 5), 3, 3)),
        "spec.maxReplicas: Invalid value: 5: must be greater than or equal to `minReplicas`"
    );
    assert_eq!(
        message(compute(&hpa_bounds(Some(1), 0), 1, 1)),
        "[spec.maxReplicas: Invalid value: 0: must be greater than 0, spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`]"
    );
    assert_eq!(
        message(compute(&hpa_bounds(Some(-1), 5), 1, 1)),
        "spec.minReplicas: Invalid value: -1: must be greater than or equal to 0"
    );
    // minReplicas 0 (the HPAScaleToZero bound) is computed.
    assert!(compute(&hpa_bounds(Some(0), 5), 1, 1).is_ok());
}

/// ValidateScale: the scale subresource's replica counts are never negative.
#[test]
fn validate_scale_negative_replicas() {
    let h = hpa_bounds(Some(1), 5);
    assert_eq!(
        message(compute(&h, -1, 1)),
        "scale.spec.replicas: Invalid value: -1: must be greater than or equal to 0"
    );
    assert_eq!(
        message(compute(&h, 1, -2)),
        "scale.status.replicas: Invalid value: -2: must be greater than or equal to 0"
    );
    let errs = hpa::validate_input(&HpaInput {
        hpa: &h,
        spec_replicas: 0,
        status_replicas: 0,
        pods: &[],
        metrics: &[],
        history: &HpaHistory::default(),
        now: now(),
    });
    assert!(errs.is_empty(), "{errs}");
}

fn scaled_object(min: Option<i32>, max: Option<i32>) -> acp_model::thirdparty::keda::ScaledObject {
    serde_json::from_value(json!({
        "metadata": {"name": "so"},
        "spec": {"scaleTargetRef": {"name": "web"}, "minReplicaCount": min, "maxReplicaCount": max,
                 "triggers": [{"type": "cpu", "metricType": "Utilization", "metadata": {"value": "50"}}]}
    }))
    .unwrap()
}

/// CheckReplicaCountBoundsAreValid, and the CRD's non-negative counts.
#[test]
fn check_replica_count_bounds_are_valid() {
    assert_eq!(
        keda::hpa_bounds(&scaled_object(Some(2), Some(5))).unwrap(),
        (2, 5)
    );
    assert_eq!(
        keda::hpa_bounds(&scaled_object(Some(0), Some(1))).unwrap(),
        (1, 1)
    );
    let err = keda::hpa_bounds(&scaled_object(Some(5), Some(3))).unwrap_err();
    assert!(matches!(err, KedaError::Invalid(_)));
    assert_eq!(
        err.to_string(),
        "spec.minReplicaCount: Invalid value: 5: MinReplicaCount=5 must be less than MaxReplicaCount=3"
    );
    assert_eq!(
        keda::hpa_bounds(&scaled_object(None, Some(-1)))
            .unwrap_err()
            .to_string(),
        "spec.maxReplicaCount: Invalid value: -1: must be greater than or equal to 0"
    );
    assert_eq!(
        keda::hpa_bounds(&scaled_object(Some(-2), None))
            .unwrap_err()
            .to_string(),
        "spec.minReplicaCount: Invalid value: -2: must be greater than or equal to 0"
    );
    // Without a minimum KEDA admits maxReplicaCount 0; the HPA it would create is refused.
    assert_eq!(
        keda::hpa_bounds(&scaled_object(None, Some(0)))
            .unwrap_err()
            .to_string(),
        "spec.maxReplicaCount: Invalid value: 0: must be greater than 0"
    );
    // The generated HPA fails the same way.
    assert!(keda::generated_hpa(&scaled_object(Some(5), Some(3))).is_err());
}

#[test]
fn planner_rejects_negative_current_replicas() {
    let d: k8s_openapi::api::apps::v1::Deployment = serde_json::from_value(json!({
        "spec": {"replicas": 3, "selector": {}, "template": {}}
    }))
    .unwrap();
    let params = DeploymentParams::from_deployment(&d);
    let opts = PlanOptions::default();
    let quotas = QuotaLimits::none();
    assert!(planner::plan_deployment_from(&params, 3, &opts, &quotas).is_ok());
    let err = planner::plan_deployment_from(&params, -1, &opts, &quotas).unwrap_err();
    assert!(matches!(err, PlanError::Invalid(_)));
    assert_eq!(
        err.to_string(),
        "status.replicas: Invalid value: -1: must be greater than or equal to 0"
    );
}

/// argo `ValidateRolloutSpec`: `spec.replicas` is non-negative.
#[test]
fn argo_plan_canary_rejects_negative_replicas() {
    use acp_workload::argo::{ArgoError, CanaryParams, plan_canary};
    let ok = CanaryParams::new(4, 1, 0);
    assert!(plan_canary(&ok, &PlanOptions::default()).is_ok());
    let err = plan_canary(&CanaryParams::new(-3, 1, 0), &PlanOptions::default()).unwrap_err();
    assert!(matches!(err, ArgoError::Invalid(_)));
    assert_eq!(
        err.to_string(),
        "spec.replicas: Invalid value: -3: must be greater than or equal to 0"
    );
}

#[test]
fn keda_scale_action_rejects_negative_current_replicas() {
    use acp_workload::keda::KedaState;
    let so = scaled_object(Some(1), Some(5));
    let state = |current_replicas| KedaState {
        current_replicas,
        active: true,
        last_active: None,
        now: now(),
    };
    assert!(keda::scale_action(&so, &state(0)).is_ok());
    assert_eq!(
        keda::scale_action(&so, &state(-1)).unwrap_err().to_string(),
        "status.replicas: Invalid value: -1: must be greater than or equal to 0"
    );
}

/// `ValidateStatefulSetSpec`: replicas and partition are non-negative, `maxUnavailable` is
/// at least 1; the planner refuses what the API server refuses.
#[test]
fn statefulset_planner_rejects_what_validation_refuses() {
    use acp_model::intstr::IntOrPercent;
    use acp_workload::rolling::{StatefulSetParams, StatefulSetStrategy};
    let opts = PlanOptions::default();
    let q = QuotaLimits::none();
    assert!(planner::plan_statefulset(&StatefulSetParams::rolling(3, 0), &opts, &q).is_ok());
    let msg = |p: &StatefulSetParams| {
        planner::plan_statefulset(p, &opts, &q)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        msg(&StatefulSetParams::rolling(-2, 0)),
        "spec.replicas: Invalid value: -2: must be greater than or equal to 0"
    );
    assert_eq!(
        msg(&StatefulSetParams::rolling(3, -1)),
        "spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0"
    );
    for (n, want) in [
        (0, "cannot be 0"),
        (-4, "must be greater than or equal to 0"),
    ] {
        let mut p = StatefulSetParams::rolling(3, 0);
        p.strategy = StatefulSetStrategy::RollingUpdate {
            partition: 0,
            max_unavailable: Some(IntOrPercent::Int(n)),
        };
        assert_eq!(
            msg(&p),
            format!("spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: {n}: {want}")
        );
    }
}

/// A DaemonSet's node count and resolved bounds are never negative.
#[test]
fn daemonset_planner_rejects_negative_nodes_and_bounds() {
    use acp_model::intstr::IntOrPercent;
    use acp_workload::rolling::{DaemonSetParams, DaemonSetStrategy};
    let opts = PlanOptions::default();
    let q = QuotaLimits::none();
    let ds = DaemonSetParams::rolling(0, 1);
    assert!(planner::plan_daemonset(&ds, 3, &opts, &q).is_ok());
    assert_eq!(
        planner::plan_daemonset(&ds, -1, &opts, &q)
            .unwrap_err()
            .to_string(),
        "desiredNumberScheduled: Invalid value: -1: must be greater than or equal to 0"
    );
    let mut bad = DaemonSetParams::rolling(0, 1);
    bad.strategy = DaemonSetStrategy::RollingUpdate {
        max_surge: Some(IntOrPercent::Int(-2)),
        max_unavailable: Some(IntOrPercent::Int(1)),
    };
    assert_eq!(
        planner::plan_daemonset(&bad, 3, &opts, &q)
            .unwrap_err()
            .to_string(),
        "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: -2: must be greater than or equal to 0"
    );
}

/// `MaxUnavailableStatefulSet` is on by default from Kubernetes 1.35 (beta), off before
/// (alpha): a StatefulSet's `maxUnavailable` counts only where the gate is on.
#[test]
fn statefulset_max_unavailable_follows_the_selected_minor() {
    use acp_model::intstr::IntOrPercent;
    use acp_workload::rolling::{
        MAX_UNAVAILABLE_STATEFULSET_DEFAULT, StatefulSetParams, StatefulSetStrategy,
    };
    assert_eq!(
        MAX_UNAVAILABLE_STATEFULSET_DEFAULT,
        acp_model::kube_version::MINOR >= 35
    );
    let mut p = StatefulSetParams::rolling(10, 0);
    p.strategy = StatefulSetStrategy::RollingUpdate {
        partition: 0,
        max_unavailable: Some(IntOrPercent::Int(3)),
    };
    let want = if acp_model::kube_version::MINOR >= 35 {
        3
    } else {
        1
    };
    assert_eq!(p.max_unavailable().unwrap(), want);
}
