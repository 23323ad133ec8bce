//! The metrics APIs' lists as the API server sends them (`testdata/metrics/`), read into the HPA's
//! metric samples the way the controller's metrics client (`client.go`) reads them.

use acp_workload::hpa::metrics_api::{
    ExternalMetricValueList, GoDuration, MetricValueList, PodMetricsList,
};
use acp_workload::hpa::{self, HpaHistory, HpaInput, HpaOptions, MetricSample};
use jiff::SignedDuration;
use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler;
use serde_json::json;

use crate::support::{self, now, q};

fn pod_metrics() -> PodMetricsList {
    serde_json::from_str(&support::read("metrics/pod-metrics-list.json")).unwrap()
}

fn hpa_with(metric: serde_json::Value) -> HorizontalPodAutoscaler {
    serde_json::from_value(json!({
        "metadata": {"name": "web", "namespace": "demo"},
        "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "minReplicas": 1,
                 "maxReplicas": 10, "metrics": [metric]}
    }))
    .unwrap()
}

fn run(h: &HorizontalPodAutoscaler, sample: MetricSample) -> hpa::HpaDecision {
    let pods: Vec<_> = ["web-a", "web-b", "web-c"]
        .iter()
        .map(|n| hpa::fixtures::ready_pod(n, "500m", now()))
        .collect();
    hpa::compute(
        &HpaInput {
            hpa: h,
            spec_replicas: 3,
            status_replicas: 3,
            pods: &pods,
            metrics: &[sample],
            history: &HpaHistory::default(),
            now: now(),
        },
        &HpaOptions::default(),
    )
    .unwrap()
}

#[test]
fn pod_metrics_list_reads_as_sent() {
    let list = pod_metrics();
    assert_eq!(list.kind.as_deref(), Some("PodMetricsList"));
    assert_eq!(list.items.len(), 3);
    let windows: Vec<SignedDuration> = list.items.iter().map(|m| m.window.0).collect();
    assert_eq!(
        windows,
        [
            SignedDuration::from_millis(15_011),
            SignedDuration::from_secs(30),
            SignedDuration::from_millis(60_500),
        ]
    );
    // What GetResourceMetric returns beside the values: the first item's timestamp.
    assert_eq!(
        list.timestamp(),
        Some("2025-06-01T11:59:48Z".parse().unwrap())
    );
    let MetricSample::PodResources(pods) = list.to_sample() else {
        panic!("not a pod sample");
    };
    assert_eq!(pods[0].pod, "web-a");
    assert_eq!(pods[0].namespace, "demo");
    assert_eq!(pods[0].containers[1].usage["cpu"], q("4123870n"));
    assert!(pods[2].containers.is_empty());
    // The window is written back as Go prints it.
    let back = serde_json::to_value(&list).unwrap();
    assert_eq!(back["items"][2]["window"], "1m0.5s");
    assert_eq!(back["items"][0]["window"], "15.011s");
}

/// `getPodMetrics`: a pod's value is the sum of its containers' `MilliValue`s (rounded up
/// each: 251430041n → 252m, 4123870n → 5m); a pod with no containers has no value. Averaged
/// over the two pods with values: (257 + 184) / 2 = 220m (int64 division).
#[test]
fn get_pod_metrics_sums_containers_and_drops_empty_pods() {
    let h = hpa_with(json!({"type": "Resource", "resource": {"name": "cpu",
        "target": {"type": "AverageValue", "averageValue": "200m"}}}));
    let d = run(&h, pod_metrics().to_sample());
    let current = &d.status.current_metrics.as_ref().unwrap()[0];
    let average = current
        .resource
        .as_ref()
        .unwrap()
        .current
        .average_value
        .as_ref();
    assert_eq!(average.map(|v| v.0.as_str()), Some("220m"));
    // Ratio 220/200 = 1.1 wants more; with the empty pod counted as 0 the ratio falls to
    // 147/200, below 1: the direction flips, so the replica count stays.
    assert_eq!(d.desired_replicas, 3);
}

/// `getContainerMetrics`: a pod whose sample lacks the container fails the whole metric, naming
/// the pod as `namespace/name`.
#[test]
fn get_container_metrics_missing_container_is_an_error() {
    let h = hpa_with(
        json!({"type": "ContainerResource", "containerResource": {"name": "cpu",
        "container": "istio-proxy", "target": {"type": "AverageValue", "averageValue": "10m"}}}),
    );
    let d = run(&h, pod_metrics().to_sample());
    let active = d.condition("ScalingActive").unwrap();
    assert_eq!(active.status, "False");
    let message = active.message.as_deref().unwrap_or_default();
    assert!(
        message.contains(
            "failed to get container metrics: container istio-proxy not present in metrics for pod demo/web-c"
        ),
        "{message}"
    );
}

#[test]
fn empty_pod_metrics_list_is_no_metrics() {
    let list: PodMetricsList = serde_json::from_value(json!({
        "kind": "PodMetricsList", "apiVersion": "metrics.k8s.io/v1beta1", "metadata": {}, "items": []
    }))
    .unwrap();
    assert_eq!(list.timestamp(), None);
    let h = hpa_with(json!({"type": "Resource", "resource": {"name": "cpu",
        "target": {"type": "Utilization", "averageUtilization": 60}}}));
    let d = run(&h, list.to_sample());
    let message = d
        .condition("ScalingActive")
        .unwrap()
        .message
        .clone()
        .unwrap();
    assert!(
        message.contains("no metrics returned from resource metrics API"),
        "{message}"
    );
}

#[test]
fn window_uses_go_duration_grammar() {
    let item = |window: &str| {
        serde_json::from_value::<PodMetricsList>(json!({"items": [{
            "metadata": {"name": "p"}, "timestamp": "2025-06-01T11:59:48Z", "window": window,
            "containers": []
        }]}))
    };
    for (text, want) in [
        ("30s", SignedDuration::from_secs(30)),
        ("1m30s", SignedDuration::from_secs(90)),
        ("1.5s", SignedDuration::from_millis(1500)),
        ("0s", SignedDuration::ZERO),
        ("0", SignedDuration::ZERO),
        ("500ms", SignedDuration::from_millis(500)),
    ] {
        assert_eq!(
            item(text).unwrap().items[0].window,
            GoDuration(want),
            "{text}"
        );
    }
    for (text, message) in [
        ("30", r#"time: missing unit in duration "30""#),
        ("1d", r#"time: unknown unit "d" in duration "1d""#),
        ("", r#"time: invalid duration """#),
        ("s", r#"time: invalid duration "s""#),
    ] {
        let err = item(text).unwrap_err().to_string();
        assert!(err.starts_with(message), "{text}: {err}");
    }
    // A number is not a metav1.Duration.
    assert!(serde_json::from_value::<PodMetricsList>(json!({"items": [{"window": 30}]})).is_err());
}

#[test]
fn missing_timestamp_is_go_zero_time() {
    let list: PodMetricsList =
        serde_json::from_value(json!({"items": [{"metadata": {"name": "p"}, "window": "30s"}]}))
            .unwrap();
    let MetricSample::PodResources(pods) = list.to_sample() else {
        panic!()
    };
    assert_eq!(pods[0].timestamp.to_string(), "0001-01-01T00:00:00Z");
}

/// `GetRawMetric`: value per described object; `windowSeconds` absent means one minute.
#[test]
fn get_raw_metric_reads_custom_metrics() {
    let list: MetricValueList =
        serde_json::from_str(&support::read("metrics/custom-metrics-list.json")).unwrap();
    assert_eq!(list.items[0].window(), SignedDuration::from_mins(2));
    assert_eq!(list.items[1].window(), SignedDuration::from_mins(1));
    assert_eq!(list.items[0].metric.name, "http_requests_per_second");
    assert_eq!(
        list.timestamp(),
        Some("2025-06-01T11:59:50Z".parse().unwrap())
    );
    assert_eq!(
        list.to_pods_sample(),
        MetricSample::PerPod(vec![
            ("web-a".into(), q("12500m")),
            ("web-b".into(), q("7500m")),
        ])
    );
    // Pods metric, target 5 per pod: (12.5 + 7.5) / 2 = 10 → ratio 2 over the two pods with
    // values; web-c has none and counts as 0 on scale-up: 20 / 3 = 6.667 → ratio 1.333…,
    // ceil(1.333… × 3) = 4.
    let h = hpa_with(
        json!({"type": "Pods", "pods": {"metric": {"name": "http_requests_per_second"},
        "target": {"type": "AverageValue", "averageValue": "5"}}}),
    );
    let d = run(&h, list.to_pods_sample());
    assert_eq!(d.desired_replicas, 4);
    let empty = MetricValueList::default();
    assert_eq!(
        empty.to_pods_sample(),
        MetricSample::Unavailable("no metrics returned from custom metrics API".into())
    );
}

/// `GetObjectMetric`: the single value of the described object.
#[test]
fn get_object_metric_wants_exactly_one_value() {
    let list: MetricValueList =
        serde_json::from_str(&support::read("metrics/custom-metrics-object.json")).unwrap();
    assert_eq!(list.to_object_sample(), MetricSample::Object(q("2400")));
    let mut two = list.clone();
    two.items.push(list.items[0].clone());
    assert_eq!(
        two.to_object_sample(),
        MetricSample::Unavailable(
            "unable to fetch metrics from custom metrics API: the custom metrics API server returned 2 results when we asked for exactly one"
                .into()
        )
    );
}

/// `GetExternalMetric`: every value in order (the HPA sums them).
#[test]
fn get_external_metric_reads_every_series() {
    let list: ExternalMetricValueList =
        serde_json::from_str(&support::read("metrics/external-metrics-list.json")).unwrap();
    assert_eq!(list.items[0].window_seconds, Some(60));
    assert_eq!(list.items[1].window_seconds, None);
    assert_eq!(list.items[0].metric_labels["queue"], "orders");
    assert_eq!(
        list.to_sample(),
        MetricSample::External(vec![q("42"), q("8")])
    );
    // External Value target 10: 50 / 10 = ratio 5 → ceil(5 × 3) = 15, limited to the scale-up
    // limit max(2 × 3, 4) = 6.
    let h = hpa_with(
        json!({"type": "External", "external": {"metric": {"name": "queue_messages_ready"},
        "target": {"type": "Value", "value": "10"}}}),
    );
    let d = run(&h, list.to_sample());
    assert_eq!(d.desired_replicas, 6);
    assert_eq!(
        ExternalMetricValueList::default().to_sample(),
        MetricSample::Unavailable("no metrics returned from external metrics API".into())
    );
}
