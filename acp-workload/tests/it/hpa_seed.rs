//! Seed worked examples for the HPA, the v1 field in v2 manifests,
// seed 003
//! v1 ↔ v2 conversion, and the laws: result within [min, max]; within tolerance → unchanged.

use acp_workload::hpa::{
    self, ConsoleInput, ConsolePolicy, HpaHistory, HpaInput, HpaManifestError, HpaOptions,
    MetricSample,
};
use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler;
use proptest::prelude::*;
use serde_json::json;

use crate::support::{self, now};

fn cpu_hpa(target: i32, min: i32, max: i32) -> HorizontalPodAutoscaler {
    serde_json::from_value(json!({
        "metadata": {"name": "web"},
        "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "minReplicas": min, "maxReplicas": max,
                 "metrics": [{"type": "Resource", "resource": {"name": "cpu",
                              "target": {"type": "Utilization", "averageUtilization": target}}}]}
    }))
    .unwrap()
}

fn decide(h: &HorizontalPodAutoscaler, usage_milli: &[i64], current: i32) -> hpa::HpaDecision {
    let names: Vec<String> = (0..usage_milli.len()).map(|i| format!("p{i}")).collect();
    let pods: Vec<_> = names
        .iter()
        .map(|n| hpa::fixtures::ready_pod(n, "100m", now()))
        .collect();
    let samples = vec![MetricSample::PodResources(
        names
            .iter()
            .zip(usage_milli)
            .map(|(n, u)| hpa::fixtures::pod_usage(n, "cpu", &format!("{u}m"), now()))
            .collect(),
    )];
    hpa::compute(
        &HpaInput {
            hpa: h,
            spec_replicas: current,
            status_replicas: current,
            pods: &pods,
            metrics: &samples,
            history: &HpaHistory::default(),
            now: now(),
        },
        &HpaOptions::default(),
    )
    .unwrap()
}

// seed 003:9431-9437
/// Ceil[(80%+80%+90%)/60%] = ceil 4.1 = 5.
#[test]
fn seed_l9437_console_80_80_90_at_60_is_5() {
    let r = hpa::console_replicas(&ConsoleInput {
        current_replicas: 3,
        min_replicas: 1,
        max_replicas: 10,
        policies: vec![ConsolePolicy {
            name: "CPU 利用率".into(),
            actual: vec![80, 80, 90],
            target: 60,
        }],
        tolerance_percent: 10,
    })
    .unwrap();
    assert_eq!(r.replicas, 5);
    assert_eq!(r.per_policy, vec![Some(5)]);
    assert_eq!(
        r.explanation[0],
        "CPU 利用率: ceil((80 + 80 + 90) / 60) = ceil(250 / 60) = ceil(4.16) = 5 pods"
    );
    assert!(r.to_string().contains("within [1, 10]"));
}

/// The controller gives the same 5 for the seed's example (utilization truncated to 83 %).
#[test]
fn seed_l9437_controller_80_80_90_at_60_is_5() {
    let d = decide(&cpu_hpa(60, 1, 10), &[80, 80, 90], 3);
    assert_eq!(d.desired_replicas, 5);
    let cur = &d.status.current_metrics.as_ref().unwrap()[0]
        .resource
        .as_ref()
        .unwrap()
        .current;
    assert_eq!(cur.average_utilization, Some(83));
}

// seed 003:9441-9443
/// With maximum 4 the platform scales only to 4.
#[test]
fn seed_l9441_max_4_limits_to_4() {
    let d = decide(&cpu_hpa(60, 1, 4), &[80, 80, 90], 3);
    assert_eq!(d.desired_replicas, 4);
    let c = d.condition("ScalingLimited").unwrap();
    assert_eq!(
        (c.status.as_str(), c.reason.as_deref()),
        ("True", Some("TooManyReplicas"))
    );
    let r = hpa::console_replicas(&ConsoleInput {
        current_replicas: 3,
        min_replicas: 1,
        max_replicas: 4,
        policies: vec![ConsolePolicy {
            name: "cpu".into(),
            actual: vec![80, 80, 90],
            target: 60,
        }],
        tolerance_percent: 10,
    })
    .unwrap();
    assert_eq!(r.replicas, 4);
}

// seed 003:9451
/// Several policies → the maximum.
#[test]
fn seed_l9451_several_policies_take_the_maximum() {
    let r = hpa::console_replicas(&ConsoleInput {
        current_replicas: 3,
        min_replicas: 1,
        max_replicas: 20,
        policies: vec![
            ConsolePolicy {
                name: "cpu".into(),
                actual: vec![80, 80, 90],
                target: 60,
            },
            ConsolePolicy {
                name: "memory".into(),
                actual: vec![90, 90, 90],
                target: 30,
            },
        ],
        tolerance_percent: 10,
    })
    .unwrap();
    assert_eq!(r.per_policy, vec![Some(5), Some(9)]);
    assert_eq!(r.replicas, 9);
}

// seed 003:9372-9374
/// Only a deviation beyond ±10 % triggers scaling.
#[test]
fn seed_l9372_within_ten_percent_no_change() {
    let r = hpa::console_replicas(&ConsoleInput {
        current_replicas: 3,
        min_replicas: 1,
        max_replicas: 10,
        policies: vec![ConsolePolicy {
            name: "cpu".into(),
            actual: vec![65, 65, 66],
            target: 60,
        }],
        tolerance_percent: 10,
    })
    .unwrap();
    assert_eq!((r.replicas, r.per_policy.clone()), (3, vec![None]));
    let d = decide(&cpu_hpa(60, 1, 10), &[65, 65, 66], 3);
    assert_eq!((d.desired_replicas, d.rescale), (3, false));
}

#[test]
fn console_reports_every_problem() {
    let e = hpa::console_replicas(&ConsoleInput {
        current_replicas: 1,
        min_replicas: 5,
        max_replicas: 2,
        policies: vec![ConsolePolicy {
            name: "x".into(),
            actual: vec![1],
            target: 0,
        }],
        tolerance_percent: 10,
    })
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "[minReplicas: Invalid value: 5: must be less than or equal to maxReplicas (2), policies[0].target: Invalid value: 0: must be greater than 0]"
    );
}

// seed 003:9126-9127
/// The scale-down window is 300 s by default — a lower recommendation waits.
#[test]
fn seed_l9126_scale_down_waits_300s() {
    let h = cpu_hpa(60, 1, 10);
    let d = decide(&h, &[10, 10, 10, 10, 10], 5);
    assert_eq!(
        d.desired_replicas, 5,
        "the initial recommendation (5) holds for 300 s"
    );
    assert_eq!(
        d.condition("AbleToScale").unwrap().reason.as_deref(),
        Some("ScaleDownStabilized")
    );
}

// seed 003:9025 and seed 003:9152
/// V2 YAML with the v1 field gets an error naming the field to use.
#[test]
fn seed_l9025_v1_field_in_v2_yaml_is_an_error_with_the_replacement() {
    for (file, pct) in [
        ("L9025-horizontalpodautoscaler-hpa-demo.yaml", 75),
        ("L9152-horizontalpodautoscaler-nginx-app-nginx.yaml", 50),
    ] {
        let err =
            hpa::parse_v2(&support::yaml::<serde_json::Value>(&format!("003/{file}"))).unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("spec.targetCPUUtilizationPercentage: that is autoscaling/v1"),
            "{text}"
        );
        assert!(
            text.contains("spec.metrics[].resource.target.averageUtilization"),
            "{text}"
        );
        assert!(
            text.ends_with(&format!("averageUtilization: {pct}}}}}}}]")),
            "{text}"
        );
        match err {
            HpaManifestError::V1Field { replacement, .. } => {
                assert_eq!(
                    replacement.resource.unwrap().target.average_utilization,
                    Some(pct)
                );
            }
            other => panic!("{other:?}"),
        }
    }
    // v2beta1/v2beta2 manifests are no longer served.
    let err = hpa::parse_v2(&support::yaml::<serde_json::Value>(
        "003/L9319-horizontalpodautoscaler-nginx.yaml",
    ))
    .unwrap_err();
    assert!(err.to_string().contains("use autoscaling/v2"));
}

/// The seed's v1-style HPA read as autoscaling/v1 converts to the v2 metric the error suggests.
#[test]
fn seed_l9025_as_v1_converts_to_cpu_utilization_metric() {
    let mut doc =
        support::yaml::<serde_json::Value>("003/L9025-horizontalpodautoscaler-hpa-demo.yaml");
    doc["apiVersion"] = json!("autoscaling/v1");
    let v1: k8s_openapi::api::autoscaling::v1::HorizontalPodAutoscaler =
        serde_json::from_value(doc).unwrap();
    let v2 = hpa::v1_to_v2(&v1).unwrap();
    let v = serde_json::to_value(&v2).unwrap();
    assert_eq!(
        v["spec"]["metrics"],
        json!([{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 75}}}])
    );
    assert_eq!(
        (
            v["spec"]["minReplicas"].clone(),
            v["spec"]["maxReplicas"].clone()
        ),
        (json!(3), json!(7))
    );
    let back = hpa::v2_to_v1(&v2);
    assert_eq!(
        serde_json::to_value(&back).unwrap()["spec"]["targetCPUUtilizationPercentage"],
        json!(75)
    );
    assert!(back.metadata.annotations.is_none());
}

#[test]
fn v2_to_v1_to_v2_round_trips_other_metrics_and_behavior() {
    let v2: HorizontalPodAutoscaler = serde_json::from_value(json!({
        "metadata": {"name": "h"},
        "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "d", "apiVersion": "apps/v1"}, "maxReplicas": 5,
                 "metrics": [
                    {"type": "Resource", "resource": {"name": "memory", "target": {"type": "AverageValue", "averageValue": "200Mi"}}},
                    {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}}}],
                 "behavior": {"scaleDown": {"stabilizationWindowSeconds": 60, "policies": [{"type": "Pods", "value": 1, "periodSeconds": 30}]}}}
    }))
    .unwrap();
    let v1 = hpa::v2_to_v1(&v2);
    let ann = v1.metadata.annotations.clone().unwrap();
    assert_eq!(
        ann[hpa::METRIC_SPECS_ANNOTATION],
        r#"[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"200Mi"}}]"#
    );
    assert_eq!(
        ann[hpa::BEHAVIOR_SPECS_ANNOTATION],
        r#"{"ScaleUp":null,"ScaleDown":{"StabilizationWindowSeconds":60,"SelectPolicy":null,"Policies":[{"Type":"Pods","Value":1,"PeriodSeconds":30}],"Tolerance":null}}"#
    );
    let back = hpa::v1_to_v2(&v1).unwrap();
    let b = serde_json::to_value(&back).unwrap();
    assert_eq!(b["spec"]["metrics"][0]["resource"]["name"], json!("memory"));
    assert_eq!(
        b["spec"]["metrics"][0]["resource"]["target"]["type"],
        json!("AverageValue")
    );
    assert_eq!(
        b["spec"]["metrics"][1]["resource"]["target"]["averageUtilization"],
        json!(70)
    );
    assert_eq!(
        b["spec"]["behavior"]["scaleDown"]["stabilizationWindowSeconds"],
        json!(60)
    );
    assert!(back.metadata.annotations.is_none());
}

#[test]
fn v1_without_target_defaults_to_80_percent_cpu() {
    let v1: k8s_openapi::api::autoscaling::v1::HorizontalPodAutoscaler = serde_json::from_value(json!({
        "metadata": {"name": "h"}, "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "d"}, "maxReplicas": 3}
    }))
    .unwrap();
    let v2 = serde_json::to_value(hpa::v1_to_v2(&v1).unwrap()).unwrap();
    assert_eq!(
        v2["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"],
        json!(80)
    );
}

#[test]
fn partial_failure_scales_up_but_not_down() {
    let h: HorizontalPodAutoscaler = serde_json::from_value(json!({
        "metadata": {"name": "web"},
        "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "minReplicas": 1, "maxReplicas": 10,
                 "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 30}}},
                             {"type": "External", "external": {"metric": {"name": "qps"}, "target": {"type": "Value", "value": "100m"}}}]}
    }))
    .unwrap();
    let pods: Vec<_> = ["a", "b", "c"]
        .iter()
        .map(|n| hpa::fixtures::ready_pod(n, "1", now()))
        .collect();
    let run = |usage: &str| {
        let samples = vec![
            MetricSample::PodResources(
                ["a", "b", "c"]
                    .iter()
                    .map(|n| hpa::fixtures::pod_usage(n, "cpu", usage, now()))
                    .collect(),
            ),
            MetricSample::Unavailable("something went wrong".into()),
        ];
        hpa::compute(
            &HpaInput {
                hpa: &h,
                spec_replicas: 3,
                status_replicas: 3,
                pods: &pods,
                metrics: &samples,
                history: &HpaHistory::default(),
                now: now(),
            },
            &HpaOptions::default(),
        )
        .unwrap()
    };
    // TestScaleUpOneMetricEmpty: cpu 40% vs 30% → 4 despite the failed external metric.
    let up = run("400m");
    assert_eq!(up.desired_replicas, 4);
    assert!(
        up.error
            .unwrap()
            .starts_with("invalid metrics (1 invalid out of 2), first error is:")
    );
    // TestNoScaleDownOneMetricEmpty: a scale-down with a failed metric does not happen.
    let down = run("100m");
    assert_eq!((down.desired_replicas, down.rescale), (3, false));
    let c = down.condition("ScalingActive").unwrap();
    assert_eq!(
        (c.status.as_str(), c.reason.as_deref()),
        ("False", Some("FailedGetExternalMetric"))
    );
}

proptest! {
    #![proptest_config(crate::support::proptest_config(200))]

    /// The result is always within [minReplicas, maxReplicas] when the current count is.
    #[test]
    fn result_within_min_max(
        usage in proptest::collection::vec(0i64..5000, 1..12),
        target in 1i32..200,
        min in 1i32..5,
        span in 0i32..20,
        current_off in 0i32..25,
    ) {
        let max = min + span;
        let current = (min + current_off).min(max);
        let d = decide(&cpu_hpa(target, min, max), &usage, current);
        prop_assert!(d.desired_replicas >= min && d.desired_replicas <= max,
            "{} not in [{min}, {max}]", d.desired_replicas);
    }

    /// Utilization within the tolerance band leaves the replica count unchanged.
    #[test]
    fn within_tolerance_unchanged(
        n in 1usize..10,
        target in 10i64..150,
        pick in 0u32..1000,
    ) {
        // requests 100m, so usage in milli-CPU is the utilization in percent; stay strictly
        // inside (0.9·target, 1.1·target) so float rounding at the band's edge is not tested.
        let lo = target * 90 / 100 + 1;
        let hi = (target * 110 + 99) / 100 - 1;
        prop_assume!(lo <= hi);
        let u = lo + i64::from(pick) % (hi - lo + 1);
        let usage = vec![u; n];
        let current = n as i32;
        let d = decide(&cpu_hpa(target as i32, 1, 100), &usage, current);
        prop_assert_eq!(d.desired_replicas, current);
        prop_assert!(!d.rescale);
    }
}
