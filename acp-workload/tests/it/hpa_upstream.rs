//! Kubernetes' own HPA test tables, transcribed as facts: replica_calculator_test.go
//! (TestReplicaCalc*) and horizontal_test.go (TestConvertDesiredReplicasWithRules,
//! TestCalculateScaleUpLimitWithScalingRules, TestCalculateScaleDownLimitWithBehaviors,
//! TestNormalizeDesiredReplicas, TestScalingWithRules, TestStoreScaleEvents,
//! TestNormalizeDesiredReplicasWithBehavior).

use acp_quota::usage::FeatureGates;
use acp_workload::hpa::{
    self, HpaHistory, HpaInput, HpaOptions, MetricOutcome, MetricSample, PodMetrics, ScaleEvent,
    TimestampedRecommendation,
};
use jiff::{SignedDuration, Timestamp};
use k8s_openapi::api::autoscaling::v2::{
    HPAScalingPolicy, HPAScalingRules, HorizontalPodAutoscaler,
};
use k8s_openapi::api::core::v1::Pod;
use serde_json::json;

use crate::support::{now, q};

fn ago(secs: i64) -> Timestamp {
    now().checked_sub(SignedDuration::from_secs(secs)).unwrap()
}

const GO_ZERO: &str = "0001-01-01T00:00:00Z";

#[derive(Clone, Copy)]
enum Start {
    Zero,
    /// coolCPUCreationTime: 3 minutes ago.
    Cool,
    /// hotCPUCreationTime: 1 minute ago.
    Hot,
}

/// One case of replica_calculator_test.go (resource metrics).
struct Case {
    current: i32,
    expected: i32,
    resource: &'static str,
    requests: Vec<&'static str>,
    levels: Vec<Vec<i64>>,
    target: i32,
    expected_util: i32,
    expected_value: i64,
    readiness: Vec<&'static str>,
    start: Vec<Start>,
    phase: Vec<&'static str>,
    deleted: Vec<bool>,
    container: &'static str,
    pod_names: Vec<&'static str>,
}

impl Default for Case {
    fn default() -> Self {
        Case {
            current: 0,
            expected: 0,
            resource: "cpu",
            requests: vec![],
            levels: vec![],
            target: 0,
            expected_util: 0,
            expected_value: 0,
            readiness: vec![],
            start: vec![],
            phase: vec![],
            deleted: vec![],
            container: "",
            pod_names: vec![],
        }
    }
}

/// makePodMetricLevels: both containers of each pod use the same amount.
fn both(levels: &[i64]) -> Vec<Vec<i64>> {
    levels.iter().map(|&l| vec![l, l]).collect()
}

fn pods_for(c: &Case) -> Vec<Pod> {
    let n = (c.current as usize).max(c.phase.len());
    (0..n)
        .map(|i| {
            let ready = c.readiness.get(i).copied().unwrap_or("True");
            let start = match c.start.get(i).copied().unwrap_or(Start::Zero) {
                Start::Zero => GO_ZERO.to_string(),
                Start::Cool => ago(180).to_string(),
                Start::Hot => ago(60).to_string(),
            };
            let phase = c.phase.get(i).copied().unwrap_or("Running");
            let mut containers = vec![json!({"name": "container1"}), json!({"name": "container2"})];
            if let Some(r) = c.requests.get(i) {
                for ct in &mut containers {
                    ct["resources"] = json!({"requests": {c.resource: r}});
                }
            }
            let mut meta = json!({"name": format!("test-pod-{i}")});
            if c.deleted.get(i).copied().unwrap_or(false) {
                meta["deletionTimestamp"] = json!(now().to_string());
            }
            serde_json::from_value(json!({
                "metadata": meta,
                "spec": {"containers": containers},
                "status": {"phase": phase, "startTime": start,
                           "conditions": [{"type": "Ready", "status": ready}]}
            }))
            .unwrap()
        })
        .collect()
}

fn samples_for(c: &Case) -> Vec<PodMetrics> {
    c.levels
        .iter()
        .enumerate()
        .map(|(i, lv)| PodMetrics {
            pod: c
                .pod_names
                .get(i)
                .map(|s| s.to_string())
                .unwrap_or(format!("test-pod-{i}")),
            namespace: String::new(),
            // tc.timestamp is Go's zero time in these tests.
            timestamp: GO_ZERO.parse().unwrap(),
            window: SignedDuration::from_mins(1),
            containers: lv
                .iter()
                .enumerate()
                .map(|(j, v)| hpa::ContainerUsage {
                    name: format!("container{}", j + 1),
                    usage: [(
                        c.resource.to_string(),
                        acp_model::quantity::Quantity::from_millis(
                            *v,
                            acp_model::quantity::Format::DecimalSI,
                        ),
                    )]
                    .into(),
                })
                .collect(),
        })
        .collect()
}

fn hpa_with(metric: serde_json::Value, min: i32, max: i32) -> HorizontalPodAutoscaler {
    serde_json::from_value(json!({
        "metadata": {"name": "test-hpa", "namespace": "test-namespace"},
        "spec": {"scaleTargetRef": {"kind": "ReplicationController", "name": "test-rc", "apiVersion": "v1"},
                 "minReplicas": min, "maxReplicas": max, "metrics": [metric]}
    }))
    .unwrap()
}

fn run(
    hpa: &HorizontalPodAutoscaler,
    current: i32,
    pods: &[Pod],
    samples: Vec<MetricSample>,
) -> hpa::HpaDecision {
    run_with(hpa, current, pods, samples, &HpaOptions::upstream_testing())
}

fn run_with(
    hpa: &HorizontalPodAutoscaler,
    current: i32,
    pods: &[Pod],
    samples: Vec<MetricSample>,
    options: &HpaOptions,
) -> hpa::HpaDecision {
    hpa::compute(
        &HpaInput {
            hpa,
            spec_replicas: current,
            status_replicas: current,
            pods,
            metrics: &samples,
            history: &HpaHistory::default(),
            now: now(),
        },
        options,
    )
    .unwrap()
}

fn proposal(d: &hpa::HpaDecision) -> Result<i32, String> {
    match &d.metrics[0] {
        MetricOutcome::Proposal { replicas, .. } => Ok(*replicas),
        MetricOutcome::Failed { message, .. } => Err(message.clone()),
        other => Err(format!("unexpected outcome {other:?}")),
    }
}

fn check(c: Case) {
    let metric = if c.container.is_empty() {
        json!({"type": "Resource", "resource": {"name": c.resource,
               "target": {"type": "Utilization", "averageUtilization": c.target}}})
    } else {
        json!({"type": "ContainerResource", "containerResource": {"name": c.resource, "container": c.container,
               "target": {"type": "Utilization", "averageUtilization": c.target}}})
    };
    let h = hpa_with(metric, 1, 1000);
    let pods = pods_for(&c);
    let d = run(
        &h,
        c.current,
        &pods,
        vec![MetricSample::PodResources(samples_for(&c))],
    );
    assert_eq!(proposal(&d), Ok(c.expected), "replicas");
    let st = &d.status.current_metrics.as_ref().unwrap()[0];
    let cur = st
        .resource
        .as_ref()
        .map(|r| &r.current)
        .or(st.container_resource.as_ref().map(|r| &r.current))
        .unwrap();
    assert_eq!(
        cur.average_utilization,
        Some(c.expected_util),
        "utilization"
    );
    let raw: acp_model::quantity::Quantity =
        cur.average_value.as_ref().unwrap().try_into().unwrap();
    assert_eq!(raw.milli_value(), c.expected_value, "raw value");
}

fn one(q: &'static str, n: usize) -> Vec<&'static str> {
    vec![q; n]
}

// --- replica_calculator_test.go ---

#[test]
fn replica_calc_disjoint_resources_metrics() {
    let c = Case {
        current: 1,
        requests: vec!["1.0"],
        levels: both(&[100]),
        pod_names: vec!["an-older-pod-name"],
        target: 100,
        ..Case::default()
    };
    let h = hpa_with(
        json!({"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 100}}}),
        1,
        10,
    );
    let d = run(
        &h,
        1,
        &pods_for(&c),
        vec![MetricSample::PodResources(samples_for(&c))],
    );
    let err = proposal(&d).unwrap_err();
    assert!(
        err.contains("no metrics returned matched known pods"),
        "{err}"
    );
    assert_eq!(d.desired_replicas, 1);
    assert!(!d.rescale);
    assert_eq!(
        d.condition("ScalingActive").unwrap().reason.as_deref(),
        Some("FailedGetResourceMetric")
    );
}

#[test]
fn replica_calc_scale_up() {
    check(Case {
        current: 3,
        expected: 5,
        requests: one("1.0", 3),
        levels: both(&[300, 500, 700]),
        target: 30,
        expected_util: 50,
        expected_value: 2 * 500,
        ..Case::default()
    });
}

#[test]
fn replica_calc_container_scale_up() {
    check(Case {
        current: 3,
        expected: 5,
        requests: one("1.0", 3),
        levels: vec![vec![1000, 300], vec![1000, 500], vec![1000, 700]],
        target: 30,
        expected_util: 50,
        expected_value: 500,
        container: "container2",
        ..Case::default()
    });
}

#[test]
fn replica_calc_scale_up_unready_less_scale() {
    check(Case {
        current: 3,
        expected: 4,
        readiness: vec!["False", "True", "True"],
        requests: one("1.0", 3),
        levels: both(&[300, 500, 700]),
        target: 30,
        expected_util: 60,
        expected_value: 2 * 600,
        ..Case::default()
    });
}

#[test]
fn replica_calc_scale_up_container_hot_cpu_less_scale() {
    check(Case {
        current: 3,
        expected: 4,
        start: vec![Start::Hot, Start::Cool, Start::Cool],
        requests: one("1.0", 3),
        levels: vec![vec![0, 300], vec![0, 500], vec![0, 700]],
        target: 30,
        expected_util: 60,
        expected_value: 600,
        container: "container2",
        ..Case::default()
    });
}

#[test]
fn replica_calc_scale_up_hot_cpu_less_scale() {
    check(Case {
        current: 3,
        expected: 4,
        start: vec![Start::Hot, Start::Cool, Start::Cool],
        requests: one("1.0", 3),
        levels: both(&[300, 500, 700]),
        target: 30,
        expected_util: 60,
        expected_value: 2 * 600,
        ..Case::default()
    });
}

#[test]
fn replica_calc_scale_up_unready_no_scale() {
    check(Case {
        current: 3,
        expected: 3,
        readiness: vec!["True", "False", "False"],
        requests: one("1.0", 3),
        levels: both(&[400, 500, 700]),
        target: 30,
        expected_util: 40,
        expected_value: 2 * 400,
        ..Case::default()
    });
}

#[test]
fn replica_calc_scale_hot_cpu_no_scale() {
    check(Case {
        current: 3,
        expected: 3,
        readiness: vec!["True", "False", "False"],
        start: vec![Start::Cool, Start::Hot, Start::Hot],
        requests: one("1.0", 3),
        levels: both(&[400, 500, 700]),
        target: 30,
        expected_util: 40,
        expected_value: 2 * 400,
        ..Case::default()
    });
}

#[test]
fn replica_calc_scale_up_ignores_failed_pods() {
    check(Case {
        current: 2,
        expected: 4,
        readiness: vec!["True", "True", "False", "False"],
        phase: vec!["Running", "Running", "Failed", "Failed"],
        requests: one("1.0", 4),
        levels: both(&[500, 700]),
        target: 30,
        expected_util: 60,
        expected_value: 2 * 600,
        ..Case::default()
    });
}

#[test]
fn replica_calc_scale_up_container_ignores_failed_pods() {
    check(Case {
        current: 2,
        expected: 4,
        readiness: vec!["True", "True", "False", "False"],
        phase: vec!["Running", "Running", "Failed", "Failed"],
        requests: one("1.0", 4),
        levels: vec![vec![1000, 500], vec![9000, 700]],
        target: 30,
        expected_util: 60,
        expected_value: 600,
        container: "container2",
        ..Case::default()
    });
}

#[test]
fn replica_calc_scale_up_ignores_deletion_pods() {
    check(Case {
        current: 2,
        expected: 4,
        readiness: vec!["True", "True", "False", "False"],
        phase: vec!["Running"; 4],
        deleted: vec![false, false, true, true],
        requests: one("1.0", 4),
        levels: both(&[500, 700]),
        target: 30,
        expected_util: 60,
        expected_value: 2 * 600,
        ..Case::default()
    });
}

// TestReplicaCalcScaleUpCM and friends: Pods metrics.
fn pods_metric_case(
    current: i32,
    levels: &[i64],
    target_milli: i64,
    readiness: Vec<&'static str>,
    start: Vec<Start>,
) -> (i32, i64) {
    let c = Case {
        current,
        readiness,
        start,
        ..Case::default()
    };
    let pods = pods_for(&c);
    let h = hpa_with(
        json!({"type": "Pods", "pods": {"metric": {"name": "qps"},
               "target": {"type": "AverageValue", "averageValue": format!("{target_milli}m")}}}),
        1,
        1000,
    );
    let values = levels
        .iter()
        .enumerate()
        .map(|(i, v)| {
            (
                format!("test-pod-{i}"),
                acp_model::quantity::Quantity::from_millis(
                    *v,
                    acp_model::quantity::Format::DecimalSI,
                ),
            )
        })
        .collect();
    let d = run(&h, current, &pods, vec![MetricSample::PerPod(values)]);
    let usage: acp_model::quantity::Quantity = d.status.current_metrics.as_ref().unwrap()[0]
        .pods
        .as_ref()
        .unwrap()
        .current
        .average_value
        .as_ref()
        .unwrap()
        .try_into()
        .unwrap();
    (proposal(&d).unwrap(), usage.milli_value())
}

#[test]
fn replica_calc_scale_up_cm() {
    assert_eq!(
        pods_metric_case(3, &[20000, 10000, 30000], 15000, vec![], vec![]),
        (4, 20000)
    );
}

#[test]
fn replica_calc_scale_up_cm_unready_hot_cpu_no_less_scale() {
    // Pods metrics ignore CPU readiness: the unready pod still counts.
    assert_eq!(
        pods_metric_case(
            3,
            &[50000, 10000, 30000],
            15000,
            vec!["True", "True", "False"],
            vec![Start::Cool, Start::Cool, Start::Hot]
        ),
        (6, 30000)
    );
}

#[test]
fn replica_calc_scale_down_cm() {
    assert_eq!(
        pods_metric_case(
            5,
            &[12000, 12000, 12000, 12000, 12000],
            20000,
            vec![],
            vec![]
        ),
        (3, 12000)
    );
}

#[test]
fn replica_calc_tolerance_cm() {
    assert_eq!(
        pods_metric_case(3, &[20000, 21000, 21000], 20000, vec![], vec![]),
        (3, 20666)
    );
}

#[test]
fn replica_calc_scale_down() {
    check(Case {
        current: 5,
        expected: 3,
        requests: one("1.0", 5),
        levels: both(&[100, 300, 500, 250, 250]),
        target: 50,
        expected_util: 28,
        expected_value: 2 * 280,
        ..Case::default()
    });
}

#[test]
fn replica_calc_scale_down_ignores_unready_pods() {
    check(Case {
        current: 5,
        expected: 2,
        readiness: vec!["True", "True", "True", "False", "False"],
        requests: one("1.0", 5),
        levels: both(&[100, 300, 500, 250, 250]),
        target: 50,
        expected_util: 30,
        expected_value: 2 * 300,
        ..Case::default()
    });
}

#[test]
fn replica_calc_scale_down_ignores_failed_pods() {
    check(Case {
        current: 5,
        expected: 3,
        readiness: vec!["True", "True", "True", "True", "True", "False", "False"],
        phase: vec![
            "Running", "Running", "Running", "Running", "Running", "Failed", "Failed",
        ],
        requests: one("1.0", 7),
        levels: both(&[100, 300, 500, 250, 250]),
        target: 50,
        expected_util: 28,
        expected_value: 2 * 280,
        ..Case::default()
    });
}

#[test]
fn replica_calc_tolerance() {
    check(Case {
        current: 3,
        expected: 3,
        requests: vec!["0.9", "1.0", "1.1"],
        levels: both(&[1010, 1030, 1020]),
        target: 100,
        expected_util: 102,
        expected_value: 2 * 1020,
        ..Case::default()
    });
}

#[test]
fn replica_calc_superfluous_metrics() {
    check(Case {
        current: 4,
        expected: 24,
        requests: one("1.0", 4),
        levels: both(&[4000, 9500, 3000, 7000, 3200, 2000]),
        target: 100,
        expected_util: 587,
        expected_value: 2 * 5875,
        ..Case::default()
    });
}

#[test]
fn replica_calc_missing_metrics() {
    check(Case {
        current: 4,
        expected: 3,
        requests: one("1.0", 4),
        levels: both(&[400, 95]),
        target: 100,
        expected_util: 24,
        // numContainersPerPod * 247, "for sufficiently large values of 247"
        expected_value: 495,
        ..Case::default()
    });
}

#[test]
fn replica_calc_empty_metrics() {
    let c = Case {
        current: 4,
        requests: one("1.0", 4),
        levels: vec![],
        target: 100,
        ..Case::default()
    };
    let h = hpa_with(
        json!({"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 100}}}),
        1,
        10,
    );
    let d = run(
        &h,
        4,
        &pods_for(&c),
        vec![MetricSample::PodResources(vec![])],
    );
    let err = proposal(&d).unwrap_err();
    assert!(
        err.contains("no metrics returned from resource metrics API"),
        "{err}"
    );
}

#[test]
fn replica_calc_empty_cpu_request() {
    let c = Case {
        current: 1,
        requests: vec![],
        levels: both(&[200]),
        target: 100,
        ..Case::default()
    };
    let h = hpa_with(
        json!({"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 100}}}),
        1,
        10,
    );
    let d = run(
        &h,
        1,
        &pods_for(&c),
        vec![MetricSample::PodResources(samples_for(&c))],
    );
    let err = proposal(&d).unwrap_err();
    assert!(err.contains("missing request for cpu"), "{err}");
}

#[test]
fn replica_calc_missing_metrics_no_change_eq() {
    check(Case {
        current: 2,
        expected: 2,
        requests: one("1.0", 2),
        levels: both(&[1000]),
        target: 100,
        expected_util: 100,
        expected_value: 2 * 1000,
        ..Case::default()
    });
}

#[test]
fn replica_calc_missing_metrics_no_change_gt() {
    check(Case {
        current: 2,
        expected: 2,
        requests: one("1.0", 2),
        levels: both(&[1900]),
        target: 100,
        expected_util: 190,
        expected_value: 2 * 1900,
        ..Case::default()
    });
}

#[test]
fn replica_calc_missing_metrics_no_change_lt() {
    check(Case {
        current: 2,
        expected: 2,
        requests: one("1.0", 2),
        levels: both(&[600]),
        target: 100,
        expected_util: 60,
        expected_value: 2 * 600,
        ..Case::default()
    });
}

#[test]
fn replica_calc_missing_metrics_unready_changed() {
    check(Case {
        current: 3,
        expected: 3,
        readiness: vec!["False", "True", "True"],
        requests: one("1.0", 3),
        levels: both(&[100, 450]),
        target: 50,
        expected_util: 45,
        expected_value: 2 * 450,
        ..Case::default()
    });
}

#[test]
fn replica_calc_missing_metrics_unready_scale_up() {
    check(Case {
        current: 3,
        expected: 4,
        readiness: vec!["False", "True", "True"],
        requests: one("1.0", 3),
        levels: both(&[100, 2000]),
        target: 50,
        expected_util: 200,
        expected_value: 2 * 2000,
        ..Case::default()
    });
}

#[test]
fn replica_calc_missing_metrics_hot_cpu_no_change() {
    check(Case {
        current: 3,
        expected: 3,
        start: vec![Start::Hot, Start::Cool, Start::Cool],
        requests: one("1.0", 3),
        levels: both(&[100, 450]),
        target: 50,
        expected_util: 45,
        expected_value: 2 * 450,
        ..Case::default()
    });
}

#[test]
fn replica_calc_missing_metrics_hot_cpu_scale_up() {
    check(Case {
        current: 3,
        expected: 4,
        readiness: vec!["False", "True", "True"],
        start: vec![Start::Hot, Start::Cool, Start::Cool],
        requests: one("1.0", 3),
        levels: both(&[100, 2000]),
        target: 50,
        expected_util: 200,
        expected_value: 2 * 2000,
        ..Case::default()
    });
}

#[test]
fn replica_calc_missing_metrics_unready_scale_down() {
    check(Case {
        current: 4,
        expected: 3,
        readiness: vec!["False", "True", "True", "True"],
        requests: one("1.0", 4),
        levels: both(&[100, 100, 100]),
        target: 50,
        expected_util: 10,
        expected_value: 2 * 100,
        ..Case::default()
    });
}

#[test]
fn replica_calc_missing_metrics_scale_down_target_over_100() {
    check(Case {
        current: 4,
        expected: 2,
        readiness: vec!["False", "True", "True", "True"],
        requests: vec!["1.0", "1.0", "2.0", "2.0"],
        levels: both(&[200, 100, 100]),
        target: 300,
        expected_util: 6,
        expected_value: 2 * 100,
        ..Case::default()
    });
}

#[test]
fn replica_calc_during_rolling_update_with_max_surge() {
    check(Case {
        current: 2,
        expected: 2,
        phase: vec!["Running"; 3],
        requests: one("1.0", 3),
        levels: both(&[100, 100]),
        target: 50,
        expected_util: 10,
        expected_value: 2 * 100,
        ..Case::default()
    });
}

#[test]
fn replica_calc_during_rolling_update_with_max_surge_cm() {
    let c = Case {
        current: 2,
        phase: vec!["Running"; 3],
        ..Case::default()
    };
    let h = hpa_with(
        json!({"type": "Pods", "pods": {"metric": {"name": "qps"},
               "target": {"type": "AverageValue", "averageValue": "17"}}}),
        1,
        1000,
    );
    let values = vec![
        ("test-pod-0".to_string(), q("10")),
        ("test-pod-1".to_string(), q("10")),
    ];
    let d = run(&h, 2, &pods_for(&c), vec![MetricSample::PerPod(values)]);
    assert_eq!(proposal(&d), Ok(2));
}

#[test]
fn plain_metric_replica_calc_missing_metrics_no_change_eq() {
    assert_eq!(
        pods_metric_case(5, &[20000, 19000, 21000], 20000, vec![], vec![]),
        (5, 20000)
    );
}

/// TestReplicaCalcConfigurableTolerance: per-direction tolerances from `spec.behavior`.
#[test]
fn replica_calc_configurable_tolerance() {
    for (name, down, up, levels, expected, util) in [
        (
            "Outside of a 0% tolerance",
            "0",
            "0",
            [909, 1010, 1111],
            4,
            101,
        ),
        (
            "Within a 200% scale-up tolerance",
            "0.1",
            "2",
            [1890, 1910, 1900],
            3,
            190,
        ),
        (
            "Outside 8% scale-up tolerance (and superfuous scale-down tolerance)",
            "2",
            "0.08",
            [1100, 1080, 1090],
            4,
            109,
        ),
        (
            "Within a 36% scale-down tolerance",
            "0.36",
            "0.1",
            [660, 640, 650],
            3,
            65,
        ),
        (
            "Outside a 34% scale-down tolerance",
            "0.34",
            "0.1",
            [660, 640, 650],
            2,
            65,
        ),
    ] {
        let c = Case {
            current: 3,
            requests: vec!["0.9", "1.0", "1.1"],
            levels: both(&levels),
            ..Case::default()
        };
        let h: HorizontalPodAutoscaler = serde_json::from_value(json!({
            "metadata": {"name": "test-hpa", "namespace": "test-namespace"},
            "spec": {"scaleTargetRef": {"kind": "ReplicationController", "name": "test-rc"},
                     "minReplicas": 1, "maxReplicas": 1000,
                     "behavior": {"scaleDown": {"tolerance": down}, "scaleUp": {"tolerance": up}},
                     "metrics": [{"type": "Resource", "resource": {"name": "cpu",
                                  "target": {"type": "Utilization", "averageUtilization": 100}}}]}
        }))
        .unwrap();
        // Upstream's test turns the feature gate on (it is on by default only from 1.35).
        let d = run_with(
            &h,
            3,
            &pods_for(&c),
            vec![MetricSample::PodResources(samples_for(&c))],
            &HpaOptions::upstream_testing().with_gates(FeatureGates::all_enabled()),
        );
        assert_eq!(proposal(&d), Ok(expected), "{name}");
        let cur = &d.status.current_metrics.as_ref().unwrap()[0]
            .resource
            .as_ref()
            .unwrap()
            .current;
        assert_eq!(cur.average_utilization, Some(util), "{name}");
        // With the feature gate off, the controller tolerance (0.1) applies in both directions.
        let off = HpaOptions::upstream_testing()
            .with_gates(FeatureGates::all_enabled().with_hpa_configurable_tolerance(false));
        let d2 = hpa::compute(
            &HpaInput {
                hpa: &h,
                spec_replicas: 3,
                status_replicas: 3,
                pods: &pods_for(&c),
                metrics: &[MetricSample::PodResources(samples_for(&c))],
                history: &HpaHistory::default(),
                now: now(),
            },
            &off,
        )
        .unwrap();
        let r = (f64::from(util) / 100.0 - 1.0).abs();
        if r <= 0.1 {
            assert_eq!(proposal(&d2), Ok(3), "{name} gate off");
        }
    }
}

// Object and External metrics (TestReplicaCalcScaleUpCMObject, …External…).

fn run_other(
    metric: serde_json::Value,
    current: i32,
    sample: MetricSample,
    ready: usize,
) -> hpa::HpaDecision {
    let c = Case {
        current: current.max(ready as i32),
        ..Case::default()
    };
    let pods = pods_for(&c);
    run(&hpa_with(metric, 1, 1000), current, &pods, vec![sample])
}

#[test]
fn replica_calc_scale_up_cm_object() {
    let d = run_other(
        json!({"type": "Object", "object": {"metric": {"name": "qps"},
               "describedObject": {"kind": "Deployment", "name": "some-deployment", "apiVersion": "apps/v1"},
               "target": {"type": "Value", "value": "10"}}}),
        3,
        MetricSample::Object(q("12")),
        3,
    );
    assert_eq!(proposal(&d), Ok(4));
}

#[test]
fn replica_calc_scale_up_cm_per_pod_object() {
    let d = run_other(
        json!({"type": "Object", "object": {"metric": {"name": "qps"},
               "describedObject": {"kind": "Deployment", "name": "some-deployment", "apiVersion": "apps/v1"},
               "target": {"type": "AverageValue", "averageValue": "10"}}}),
        3,
        MetricSample::Object(q("40")),
        3,
    );
    assert_eq!(proposal(&d), Ok(4));
}

#[test]
fn replica_calc_scale_down_cm_object() {
    let d = run_other(
        json!({"type": "Object", "object": {"metric": {"name": "qps"},
               "describedObject": {"kind": "Deployment", "name": "some-deployment", "apiVersion": "apps/v1"},
               "target": {"type": "Value", "value": "20"}}}),
        5,
        MetricSample::Object(q("12")),
        5,
    );
    assert_eq!(proposal(&d), Ok(3));
}

#[test]
fn replica_calc_scale_up_cm_external() {
    let d = run_other(
        json!({"type": "External", "external": {"metric": {"name": "qps", "selector": {"matchLabels": {"label": "value"}}},
               "target": {"type": "Value", "value": "4400m"}}}),
        1,
        MetricSample::External(vec![q("8600m")]),
        1,
    );
    assert_eq!(proposal(&d), Ok(2));
}

#[test]
fn replica_calc_scale_up_cm_external_no_labels() {
    let d = run_other(
        json!({"type": "External", "external": {"metric": {"name": "qps"},
               "target": {"type": "Value", "value": "4400m"}}}),
        1,
        MetricSample::External(vec![q("8600m")]),
        1,
    );
    assert_eq!(proposal(&d), Ok(2));
}

#[test]
fn replica_calc_scale_down_cm_external() {
    let d = run_other(
        json!({"type": "External", "external": {"metric": {"name": "qps"},
               "target": {"type": "Value", "value": "14334m"}}}),
        5,
        MetricSample::External(vec![q("8600m")]),
        5,
    );
    assert_eq!(proposal(&d), Ok(3));
}

#[test]
fn replica_calc_scale_up_per_pod_cm_external() {
    let d = run_other(
        json!({"type": "External", "external": {"metric": {"name": "qps"},
               "target": {"type": "AverageValue", "averageValue": "2150m"}}}),
        3,
        MetricSample::External(vec![q("8600m")]),
        3,
    );
    assert_eq!(proposal(&d), Ok(4));
    let avg = d.status.current_metrics.as_ref().unwrap()[0]
        .external
        .as_ref()
        .unwrap()
        .current
        .average_value
        .clone()
        .unwrap();
    assert_eq!(avg.0, "2867m");
}

/// Our own case.
#[test]
fn own_case_external_value_when_current_is_zero_is_ceil_ratio() {
    // getUsageRatioReplicaCount with currentReplicas = 0: ceil(usageRatio), no tolerance.
    let h = hpa_with(
        json!({"type": "External", "external": {"metric": {"name": "qps"},
               "target": {"type": "Value", "value": "4400m"}}}),
        0,
        10,
    );
    let pods = pods_for(&Case {
        current: 1,
        ..Case::default()
    });
    let d = run(&h, 0, &pods, vec![MetricSample::External(vec![q("8600m")])]);
    assert_eq!(proposal(&d), Ok(2));
}

// --- horizontal_test.go ---

fn rules(
    pods: i32,
    pods_period: i32,
    percent: i32,
    percent_period: i32,
    window: i32,
) -> HPAScalingRules {
    let mut p = Vec::new();
    if pods != 0 {
        p.push(HPAScalingPolicy {
            type_: "Pods".into(),
            value: pods,
            period_seconds: pods_period,
        });
    }
    if percent != 0 {
        p.push(HPAScalingPolicy {
            type_: "Percent".into(),
            value: percent,
            period_seconds: percent_period,
        });
    }
    HPAScalingRules {
        stabilization_window_seconds: Some(window),
        select_policy: Some("Max".into()),
        policies: Some(p),
        tolerance: None,
    }
}

/// generateEventsUniformDistribution(raw, 120).
fn events(raw: &[i32]) -> Vec<ScaleEvent> {
    let seg = 120.0 / raw.len() as f64;
    raw.iter()
        .enumerate()
        .map(|(i, &c)| {
            let boundary = (120.0 - seg * (i as f64 + 1.0) + seg / 2.0) as i64;
            ScaleEvent {
                replica_change: c,
                timestamp: ago(boundary),
                outdated: false,
            }
        })
        .collect()
}

#[test]
fn convert_desired_replicas_with_rules_table() {
    for (current, desired, min, max, expected, cond) in [
        (5, 7, 3, 8, 7, "DesiredWithinRange"),
        (3, 1, 2, 8, 2, "TooFewReplicas"),
        (1, 0, 0, 10, 0, "DesiredWithinRange"),
        (20, 1000, 1, 10, 10, "TooManyReplicas"),
        (
            3,
            1000,
            1,
            2000,
            hpa::upstream::scale_up_limit(3),
            "ScaleUpLimit",
        ),
    ] {
        let (r, c, _) =
            hpa::upstream::convert_desired_replicas_with_rules(current, desired, min, max);
        assert_eq!((r, c), (expected, cond), "{current} {desired}");
    }
    // calculateScaleUpLimit with the production factor 2: max(2·3, 4) = 6.
    assert_eq!(hpa::upstream::scale_up_limit(3), 6);
    assert_eq!(hpa::upstream::scale_up_limit(1), 4);
}

#[test]
fn calculate_scale_up_limit_with_scaling_rules() {
    let mut r = rules(2, 60, 50, 60, 300);
    r.select_policy = Some("Min".into());
    assert_eq!(
        hpa::upstream::scale_up_limit_with_rules(1, &[], &[], &r, now()),
        2
    );
}

#[test]
fn calculate_scale_down_limit_with_behaviors() {
    let mut r = rules(2, 60, 50, 60, 300);
    r.select_policy = Some("Min".into());
    assert_eq!(
        hpa::upstream::scale_down_limit_with_rules(5, &[], &[], &r, now()),
        3
    );
}

#[test]
fn percent_policy_float_steps_100_plus_10_is_111_and_10_minus_80_is_1() {
    // Upstream's float64: 100 · (1 + 10/100) = 110.00000000000001 → ceil 111 (confirmed with Go).
    let up = rules(0, 0, 10, 60, 0);
    assert_eq!(
        hpa::upstream::scale_up_limit_with_rules(100, &[], &[], &up, now()),
        111
    );
    // 10 · (1 − 80/100) = 1.9999999999999996 → int32 1 (confirmed with Go).
    let down = rules(0, 0, 80, 60, 0);
    assert_eq!(
        hpa::upstream::scale_down_limit_with_rules(10, &[], &[], &down, now()),
        1
    );
}

#[test]
fn normalize_desired_replicas_stabilization_table() {
    // TestNormalizeDesiredReplicas: downscale window 5 min.
    let rec = |r, secs| TimestampedRecommendation {
        replicas: r,
        timestamp: ago(secs),
    };
    for (name, recs, pre, expected, len) in [
        ("empty log", vec![], 5, 5, 1),
        ("stabilize", vec![rec(4, 120), rec(5, 60)], 3, 5, 3),
        ("no stabilize", vec![rec(1, 120), rec(2, 60)], 3, 3, 3),
        (
            "no stabilize - old recommendations",
            vec![rec(10, 600), rec(9, 540)],
            3,
            3,
            2,
        ),
        (
            "stabilize - old recommendations",
            vec![rec(10, 600), rec(4, 60), rec(5, 120), rec(9, 540)],
            3,
            5,
            4,
        ),
    ] {
        let mut recs = recs;
        let r = hpa::upstream::stabilize_recommendation(&mut recs, pre, 300, now());
        assert_eq!((r, recs.len()), (expected, len), "{name}");
    }
}

struct RuleCase {
    name: &'static str,
    up_events: Vec<ScaleEvent>,
    down_events: Vec<ScaleEvent>,
    min: i32,
    max: i32,
    up: Option<HPAScalingRules>,
    down: Option<HPAScalingRules>,
    current: i32,
    desired: i32,
    expected: i32,
    cond: &'static str,
}

fn rc(
    name: &'static str,
    current: i32,
    desired: i32,
    min: i32,
    max: i32,
    expected: i32,
    cond: &'static str,
) -> RuleCase {
    RuleCase {
        name,
        up_events: vec![],
        down_events: vec![],
        min,
        max,
        up: None,
        down: None,
        current,
        desired,
        expected,
        cond,
    }
}

#[test]
#[allow(
    clippy::too_many_lines,
    reason = "upstream TestScalingWithRules table, one data literal"
)]
fn scaling_with_rules_table() {
    let with_up = |mut c: RuleCase, r: HPAScalingRules| {
        c.up = Some(r);
        c
    };
    let with_down = |mut c: RuleCase, r: HPAScalingRules| {
        c.down = Some(r);
        c
    };
    let up_ev = |mut c: RuleCase, e: &[i32]| {
        c.up_events = events(e);
        c
    };
    let down_ev = |mut c: RuleCase, e: &[i32]| {
        c.down_events = events(e);
        c
    };
    let cases = vec![
        rc(
            "prenormalized desired replicas within range",
            5,
            7,
            3,
            8,
            7,
            "DesiredWithinRange",
        ),
        rc(
            "prenormalized desired replicas < minReplicas",
            3,
            1,
            2,
            8,
            2,
            "TooFewReplicas",
        ),
        rc(
            "within range when minReplicas is 0",
            1,
            0,
            0,
            10,
            0,
            "DesiredWithinRange",
        ),
        rc(
            "maxReplicas is the limit because maxReplicas < scaleUpLimit",
            20,
            1000,
            1,
            10,
            10,
            "TooManyReplicas",
        ),
        rc(
            "desired replica count is more than the maximum replica count",
            100,
            1000,
            100,
            150,
            150,
            "TooManyReplicas",
        ),
        with_up(
            rc(
                "scaleUpLimit < maxReplicas with user policies",
                3,
                1000,
                1,
                2000,
                4,
                "ScaleUpLimit",
            ),
            rules(0, 0, 1, 60, 0),
        ),
        rc(
            "scaleUp with default behavior",
            10,
            50,
            1,
            1000,
            20,
            "ScaleUpLimit",
        ),
        with_up(
            rc(
                "pods policy larger than percent policy",
                10,
                500,
                1,
                1000,
                110,
                "ScaleUpLimit",
            ),
            rules(100, 60, 100, 60, 0),
        ),
        with_up(
            rc(
                "percent policy larger than pods policy",
                10,
                500,
                1,
                1000,
                20,
                "ScaleUpLimit",
            ),
            rules(2, 60, 100, 60, 0),
        ),
        with_up(
            rc(
                "MaxReplicas limitation with large pod policy",
                10,
                50,
                1,
                1000,
                50,
                "DesiredWithinRange",
            ),
            rules(100, 60, 0, 0, 0),
        ),
        with_up(
            rc(
                "MaxReplicas limitation with large percent policy",
                10,
                50,
                1,
                1000,
                50,
                "DesiredWithinRange",
            ),
            rules(10000, 60, 0, 0, 0),
        ),
        with_up(
            rc(
                "scaleUp with pod policy limitation",
                10,
                50,
                1,
                1000,
                40,
                "ScaleUpLimit",
            ),
            rules(30, 60, 0, 0, 0),
        ),
        with_up(
            rc(
                "scaleUp with percent policy limitation",
                10,
                50,
                1,
                1000,
                30,
                "ScaleUpLimit",
            ),
            rules(0, 0, 200, 60, 0),
        ),
        with_down(
            rc(
                "scaleDown with percent policy larger than pod policy",
                100,
                2,
                1,
                1000,
                80,
                "ScaleDownLimit",
            ),
            rules(20, 60, 1, 60, 300),
        ),
        with_down(
            rc(
                "scaleDown with pod policy larger than percent policy",
                100,
                2,
                1,
                1000,
                98,
                "ScaleDownLimit",
            ),
            rules(2, 60, 1, 60, 300),
        ),
        with_down(
            rc(
                "scaleDown MinReplicas=nil with large pod policy",
                10,
                0,
                1,
                1000,
                1,
                "TooFewReplicas",
            ),
            rules(100, 60, 0, 0, 300),
        ),
        with_down(
            rc(
                "scaleDown MinReplicas limitation with large percent policy",
                10,
                2,
                5,
                1000,
                5,
                "TooFewReplicas",
            ),
            rules(0, 0, 100, 60, 300),
        ),
        with_down(
            rc(
                "scaleDown with pod policy limitation",
                10,
                2,
                1,
                1000,
                5,
                "ScaleDownLimit",
            ),
            rules(5, 60, 0, 0, 300),
        ),
        with_down(
            rc(
                "scaleDown with percent policy limitation",
                10,
                5,
                1,
                1000,
                5,
                "DesiredWithinRange",
            ),
            rules(0, 0, 50, 60, 300),
        ),
        up_ev(
            with_up(
                rc(
                    "MaxReplicas limitation with large pod policy and events",
                    100,
                    500,
                    1,
                    200,
                    200,
                    "TooManyReplicas",
                ),
                rules(300, 60, 0, 0, 0),
            ),
            &[1, 5, 9],
        ),
        up_ev(
            with_up(
                rc(
                    "MaxReplicas limitation with large percent policy and events",
                    100,
                    500,
                    1,
                    200,
                    200,
                    "TooManyReplicas",
                ),
                rules(0, 0, 10000, 60, 0),
            ),
            &[1, 5, 9],
        ),
        up_ev(
            with_up(
                rc(
                    "currentReplicas limitation with a lot of recent scale up events",
                    100,
                    500,
                    1,
                    1000,
                    100,
                    "ScaleUpLimit",
                ),
                rules(5, 120, 0, 0, 0),
            ),
            &[1, 5, 9],
        ),
        up_ev(
            with_up(
                rc(
                    "pod policy and previous scale up events",
                    100,
                    500,
                    1,
                    1000,
                    235,
                    "ScaleUpLimit",
                ),
                rules(150, 120, 0, 0, 0),
            ),
            &[1, 5, 9],
        ),
        up_ev(
            with_up(
                rc(
                    "percent policy and previous scale up events",
                    100,
                    500,
                    1,
                    1000,
                    255,
                    "ScaleUpLimit",
                ),
                rules(0, 0, 200, 120, 0),
            ),
            &[1, 5, 9],
        ),
        down_ev(
            up_ev(
                with_up(
                    rc(
                        "percent policy and previous scale up and down events",
                        6,
                        24,
                        1,
                        1000,
                        16,
                        "ScaleUpLimit",
                    ),
                    rules(0, 0, 300, 300, 0),
                ),
                &[4],
            ),
            &[2],
        ),
        down_ev(
            rc(
                "scaleDown with default policy and previous events",
                10,
                5,
                1,
                1000,
                5,
                "DesiredWithinRange",
            ),
            &[1, 5, 9],
        ),
        down_ev(
            with_down(
                rc(
                    "scaleDown MinReplicas=nil with large pod policy and previous events",
                    100,
                    0,
                    1,
                    1000,
                    1,
                    "TooFewReplicas",
                ),
                rules(115, 120, 0, 0, 300),
            ),
            &[1, 5, 9],
        ),
        down_ev(
            with_down(
                rc(
                    "scaleDown MinReplicas limitation with large pod policy and previous events",
                    100,
                    0,
                    5,
                    1000,
                    5,
                    "TooFewReplicas",
                ),
                rules(130, 120, 0, 0, 300),
            ),
            &[1, 5, 9],
        ),
        down_ev(
            with_down(
                rc(
                    "scaleDown MinReplicas limitation with large percent policy and previous events",
                    100,
                    2,
                    5,
                    1000,
                    5,
                    "TooFewReplicas",
                ),
                rules(0, 0, 100, 120, 300),
            ),
            &[1, 5, 9],
        ),
        down_ev(
            with_down(
                rc(
                    "scaleDown with pod policy limitation and previous events",
                    100,
                    2,
                    1,
                    1000,
                    100,
                    "ScaleDownLimit",
                ),
                rules(5, 120, 0, 0, 300),
            ),
            &[1, 5, 9],
        ),
        down_ev(
            with_down(
                rc(
                    "scaleDown with percent policy limitation and previous events",
                    100,
                    0,
                    1,
                    1000,
                    56,
                    "ScaleDownLimit",
                ),
                rules(0, 0, 50, 120, 300),
            ),
            &[2, 4, 6],
        ),
        down_ev(
            up_ev(
                with_down(
                    rc(
                        "scaleDown with percent policy and previous scale up and down events",
                        10,
                        1,
                        1,
                        1000,
                        6,
                        "ScaleDownLimit",
                    ),
                    rules(0, 0, 50, 180, 0),
                ),
                &[2],
            ),
            &[4],
        ),
        down_ev(
            with_down(
                rc(
                    "scaleDown with previous events preventing further scale down",
                    100,
                    0,
                    1,
                    1000,
                    100,
                    "ScaleDownLimit",
                ),
                rules(0, 0, 10, 120, 300),
            ),
            &[10, 10, 10],
        ),
        down_ev(
            with_down(
                rc(
                    "scaleDown with previous events still allowing more scale down",
                    10,
                    5,
                    1,
                    1000,
                    5,
                    "DesiredWithinRange",
                ),
                rules(0, 0, 1000, 120, 300),
            ),
            &[10, 10, 10],
        ),
        up_ev(
            with_up(
                rc(
                    "'outdated' flag for events for one behavior for up",
                    100,
                    200,
                    1,
                    1000,
                    200,
                    "DesiredWithinRange",
                ),
                rules(1000, 60, 0, 0, 0),
            ),
            &[8, 12, 9, 11],
        ),
        up_ev(
            with_up(
                rc(
                    "events not marked 'outdated' for two policies for up",
                    100,
                    200,
                    1,
                    1000,
                    200,
                    "DesiredWithinRange",
                ),
                rules(1000, 120, 100, 60, 0),
            ),
            &[8, 12, 9, 11],
        ),
        up_ev(
            with_up(
                rc(
                    "events marked 'outdated' for two policies for up",
                    100,
                    200,
                    1,
                    1000,
                    200,
                    "DesiredWithinRange",
                ),
                rules(1000, 30, 100, 60, 0),
            ),
            &[8, 12, 9, 11],
        ),
        down_ev(
            with_down(
                rc(
                    "'outdated' flag for events for one behavior for down",
                    100,
                    5,
                    1,
                    1000,
                    5,
                    "DesiredWithinRange",
                ),
                rules(1000, 60, 0, 0, 300),
            ),
            &[8, 12, 9, 11],
        ),
        down_ev(
            with_down(
                rc(
                    "events not marked 'outdated' for two policies for down",
                    100,
                    5,
                    1,
                    1000,
                    5,
                    "DesiredWithinRange",
                ),
                rules(1000, 120, 100, 60, 300),
            ),
            &[8, 12, 9, 11],
        ),
        down_ev(
            with_down(
                rc(
                    "events marked 'outdated' for two policies for down",
                    100,
                    5,
                    1,
                    1000,
                    5,
                    "DesiredWithinRange",
                ),
                rules(1000, 30, 100, 60, 300),
            ),
            &[8, 12, 9, 11],
        ),
    ];
    for c in cases {
        // GenerateHPAScaleUpRules / GenerateHPAScaleDownRules.
        let b = hpa::defaulted_behavior(
            &k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscalerBehavior {
                scale_up: c.up.clone(),
                scale_down: c.down.clone(),
            },
            300,
        );
        let (r, cond, _) = hpa::upstream::convert_desired_replicas_with_behavior_rate(
            c.current,
            c.desired,
            c.min,
            c.max,
            b.scale_up.as_ref().unwrap(),
            b.scale_down.as_ref().unwrap(),
            &c.up_events,
            &c.down_events,
            now(),
        );
        assert_eq!((r, cond), (c.expected, c.cond), "{}", c.name);
    }
}

#[test]
#[allow(
    clippy::too_many_lines,
    reason = "upstream TestStoreScaleEvents table, one data literal"
)]
fn store_scale_events_table() {
    let ev = |c, secs, outdated| ScaleEvent {
        replica_change: c,
        timestamp: ago(secs),
        outdated,
    };
    type T = (
        &'static str,
        Vec<ScaleEvent>,
        Vec<(i32, bool)>,
        Option<HPAScalingRules>,
        i32,
    );
    let cases: Vec<T> = vec![
        (
            "empty entries with default behavior",
            vec![],
            vec![],
            None,
            0,
        ),
        (
            "empty entries with two-policy-behavior",
            vec![],
            vec![(5, false)],
            Some(rules(10, 60, 100, 60, 0)),
            0,
        ),
        (
            "one outdated entry kept untouched without behavior",
            vec![ev(7, 61, false)],
            vec![(7, false)],
            None,
            0,
        ),
        (
            "one outdated entry replaced with behavior",
            vec![ev(7, 61, false)],
            vec![(5, false)],
            Some(rules(10, 60, 100, 60, 0)),
            0,
        ),
        (
            "one actual entry not touched with behavior",
            vec![ev(7, 58, false)],
            vec![(7, false), (5, false)],
            Some(rules(10, 60, 100, 60, 0)),
            7,
        ),
        (
            "two entries, one of them to be replaced",
            vec![ev(7, 61, false), ev(6, 59, false)],
            vec![(5, false), (6, false)],
            Some(rules(10, 60, 0, 0, 0)),
            6,
        ),
        (
            "replace one entry, use policies with different periods",
            vec![
                ev(8, 29, false),
                ev(6, 59, false),
                ev(7, 61, false),
                ev(9, 61, false),
            ],
            vec![(8, false), (6, false), (7, true), (5, false)],
            Some(rules(10, 60, 100, 30, 0)),
            14,
        ),
        (
            "two entries, both actual",
            vec![ev(7, 58, false), ev(6, 59, false)],
            vec![(7, false), (6, false), (5, false)],
            Some(rules(10, 120, 100, 30, 0)),
            13,
        ),
    ];
    for (name, prev, expected, rules, change) in cases {
        for up in [true, false] {
            let mut events = prev.clone();
            assert_eq!(
                hpa::upstream::replicas_change_per_period(60, &events, now()),
                change,
                "{name}"
            );
            let behavior = rules.clone().map(|r| {
                k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscalerBehavior {
                    scale_up: up.then(|| r.clone()),
                    scale_down: (!up).then_some(r),
                }
            });
            let mut other = Vec::new();
            if up {
                hpa::upstream::store_scale_event(
                    behavior.as_ref(),
                    &mut events,
                    &mut other,
                    10,
                    15,
                    now(),
                );
            } else {
                hpa::upstream::store_scale_event(
                    behavior.as_ref(),
                    &mut other,
                    &mut events,
                    10,
                    5,
                    now(),
                );
            }
            let got: Vec<(i32, bool)> = events
                .iter()
                .map(|e| (e.replica_change, e.outdated))
                .collect();
            assert_eq!(got, expected, "{name} up={up}");
            assert!(other.is_empty());
        }
    }
}

#[test]
#[allow(
    clippy::too_many_lines,
    reason = "upstream TestNormalizeDesiredReplicasWithBehavior table, one data literal"
)]
fn normalize_desired_replicas_with_behavior_table() {
    let rec = |r, secs| TimestampedRecommendation {
        replicas: r,
        timestamp: ago(secs),
    };
    type T = (
        &'static str,
        Vec<TimestampedRecommendation>,
        i32,
        i32,
        i32,
        Option<Vec<i32>>,
        i32,
        i32,
    );
    let cases: Vec<T> = vec![
        (
            "empty recommendations for scaling down",
            vec![],
            100,
            5,
            5,
            Some(vec![5]),
            0,
            0,
        ),
        (
            "simple scale down stabilization",
            vec![rec(4, 120), rec(5, 60)],
            100,
            3,
            5,
            Some(vec![4, 5, 3]),
            0,
            180,
        ),
        (
            "simple scale up stabilization",
            vec![rec(4, 120), rec(5, 60)],
            1,
            7,
            4,
            Some(vec![4, 5, 7]),
            300,
            0,
        ),
        (
            "no scale down stabilization",
            vec![rec(1, 120), rec(2, 60)],
            100,
            3,
            3,
            Some(vec![1, 2, 3]),
            300,
            0,
        ),
        (
            "no scale up stabilization",
            vec![rec(4, 120), rec(5, 60)],
            1,
            3,
            3,
            Some(vec![4, 5, 3]),
            0,
            300,
        ),
        (
            "no scale down stabilization, reuse recommendation element",
            vec![rec(10, 600), rec(9, 540)],
            100,
            3,
            3,
            Some(vec![10, 3]),
            0,
            0,
        ),
        (
            "no scale up stabilization, reuse recommendation element",
            vec![rec(10, 600), rec(9, 540)],
            1,
            100,
            100,
            Some(vec![10, 100]),
            0,
            0,
        ),
        (
            "scale down stabilization, reuse one of obsolete recommendation element",
            vec![rec(10, 600), rec(4, 60), rec(5, 120), rec(9, 540)],
            100,
            3,
            5,
            Some(vec![10, 4, 5, 3]),
            0,
            180,
        ),
        (
            "scale up stabilization, reuse one of obsolete recommendation element",
            vec![rec(10, 6000), rec(6, 60), rec(5, 120), rec(9, 180)],
            1,
            100,
            5,
            Some(vec![100, 6, 5, 9]),
            300,
            0,
        ),
        (
            "do not scale up when prenormalized rec goes down",
            vec![rec(2, 6000), rec(3, 180)],
            2,
            1,
            2,
            None,
            300,
            300,
        ),
        (
            "do not scale down when prenormalized rec goes up",
            vec![rec(2, 6000), rec(1, 180)],
            2,
            3,
            2,
            None,
            300,
            300,
        ),
    ];
    for (name, recs, current, pre, expected, stored, up_w, down_w) in cases {
        let mut recs = recs;
        let (r, _, _) =
            hpa::upstream::stabilize_with_behaviors(&mut recs, current, pre, up_w, down_w, now());
        assert_eq!(r, expected, "{name}");
        if let Some(stored) = stored {
            let got: Vec<i32> = recs.iter().map(|r| r.replicas).collect();
            assert_eq!(got, stored, "{name}");
        }
    }
}
