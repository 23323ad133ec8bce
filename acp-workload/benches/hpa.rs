//! Criterion benchmarks: one HPA controller sync over 1,000 pods with three metrics (CPU
//! utilization, memory average value, a Pods metric), against a naive baseline in the same
//! group (the console formula `ceil(sum / threshold)` over the same numbers); and the VPA
//! admission of a 10-container pod under a Container and a Pod LimitRange, against a naive
//! baseline (the targets copied as requests, limits scaled by the old ratio, no capping).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use acp_workload::hpa::{
    self, ConsoleInput, ConsolePolicy, HpaHistory, HpaInput, HpaOptions, MetricSample,
};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let now = jiff::Timestamp::from_second(1_700_000_000).unwrap();
    let h: k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler =
        serde_json::from_value(serde_json::json!({
            "metadata": {"name": "web"},
            "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "minReplicas": 1, "maxReplicas": 5000,
                     "metrics": [
                        {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 60}}},
                        {"type": "Resource", "resource": {"name": "memory", "target": {"type": "AverageValue", "averageValue": "200Mi"}}},
                        {"type": "Pods", "pods": {"metric": {"name": "qps"}, "target": {"type": "AverageValue", "averageValue": "100"}}}]}
        }))
        .unwrap();
    let names: Vec<String> = (0..1000).map(|i| format!("web-{i}")).collect();
    let pods: Vec<_> = names
        .iter()
        .map(|n| hpa::fixtures::ready_pod(n, "100m", now))
        .collect();
    let cpu: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, n)| hpa::fixtures::pod_usage(n, "cpu", &format!("{}m", 50 + i % 40), now))
        .collect();
    let mem: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, n)| hpa::fixtures::pod_usage(n, "memory", &format!("{}Mi", 150 + i % 100), now))
        .collect();
    let qps: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), format!("{}", 80 + i % 50).parse().unwrap()))
        .collect();
    let samples = vec![
        MetricSample::PodResources(cpu),
        MetricSample::PodResources(mem),
        MetricSample::PerPod(qps),
    ];
    let history = HpaHistory::default();
    let config = HpaOptions::default();
    let mut g = c.benchmark_group("hpa/1000_pods_3_metrics");
    g.bench_function("acp_workload::hpa::compute", |b| {
        b.iter(|| {
            let d = hpa::compute(
                black_box(&HpaInput {
                    hpa: &h,
                    spec_replicas: 1000,
                    status_replicas: 1000,
                    pods: &pods,
                    metrics: &samples,
                    history: &history,
                    now,
                }),
                &config,
            )
            .unwrap();
            black_box(d.desired_replicas)
        })
    });
    let console = ConsoleInput {
        current_replicas: 1000,
        min_replicas: 1,
        max_replicas: 5000,
        policies: vec![
            ConsolePolicy {
                name: "cpu".into(),
                actual: (0..1000).map(|i| 50 + i % 40).collect(),
                target: 60,
            },
            ConsolePolicy {
                name: "memory".into(),
                actual: (0..1000).map(|i| 150 + i % 100).collect(),
                target: 200,
            },
            ConsolePolicy {
                name: "qps".into(),
                actual: (0..1000).map(|i| 80 + i % 50).collect(),
                target: 100,
            },
        ],
        tolerance_percent: 10,
    };
    g.bench_function("naive console formula (ceil(sum/threshold))", |b| {
        b.iter(|| black_box(hpa::console_replicas(black_box(&console)).unwrap().replicas))
    });
    g.finish();
}

fn bench_vpa(c: &mut Criterion) {
    use acp_workload::vpa;
    use k8s_openapi::api::core::v1::{LimitRange, Pod};
    let names: Vec<String> = (0..10).map(|i| format!("c{i}")).collect();
    let containers: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            serde_json::json!({"name": n, "resources": {
                "requests": {"cpu": format!("{}m", 100 + i * 10), "memory": format!("{}Mi", 128 + i)},
                "limits": {"cpu": format!("{}m", 200 + i * 20), "memory": format!("{}Mi", 256 + i * 3)}}})
        })
        .collect();
    let pod: Pod = serde_json::from_value(
        serde_json::json!({"metadata": {"name": "p"}, "spec": {"containers": containers}}),
    )
    .unwrap();
    let recs: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            serde_json::json!({"containerName": n,
                "target": {"cpu": format!("{}m", 300 + i * 7), "memory": format!("{}Mi", 400 + i * 11)},
                "lowerBound": {"cpu": "50m", "memory": "64Mi"},
                "upperBound": {"cpu": "2", "memory": "4Gi"}})
        })
        .collect();
    let v: acp_model::thirdparty::vpa::VerticalPodAutoscaler =
        serde_json::from_value(serde_json::json!({
            "metadata": {"name": "v"},
            "spec": {"targetRef": {"kind": "Deployment", "name": "d"},
                     "resourcePolicy": {"containerPolicies": [{"containerName": "*",
                         "minAllowed": {"cpu": "50m"}, "maxAllowed": {"memory": "8Gi"}}]}},
            "status": {"recommendation": {"containerRecommendations": recs}}
        }))
        .unwrap();
    let lrs: Vec<LimitRange> = vec![
        serde_json::from_value(serde_json::json!({"metadata": {"name": "c"}, "spec": {"limits": [
            {"type": "Container", "max": {"cpu": "600m", "memory": "1Gi"}, "min": {"cpu": "10m"}}]}}))
        .unwrap(),
        serde_json::from_value(serde_json::json!({"metadata": {"name": "p"}, "spec": {"limits": [
            {"type": "Pod", "max": {"cpu": "6", "memory": "8Gi"}}]}}))
        .unwrap(),
    ];
    let mut g = c.benchmark_group("vpa/admission_10_containers");
    g.bench_function("acp_workload::vpa::recommended_resources", |b| {
        b.iter(|| black_box(vpa::recommended_resources(black_box(&v), &pod, &lrs).len()))
    });
    g.bench_function(
        "naive (target as requests, limit × target / request)",
        |b| {
            b.iter(|| {
                let mut n = 0usize;
                let status = v.status.as_ref().unwrap().recommendation.as_ref().unwrap();
                for (c, r) in pod
                    .spec
                    .as_ref()
                    .unwrap()
                    .containers
                    .iter()
                    .zip(status.container_recommendations.as_ref().unwrap())
                {
                    let res = c.resources.as_ref().unwrap();
                    for (k, t) in r.target.as_ref().unwrap() {
                        let t = acp_model::quantity::Quantity::try_from(t).unwrap();
                        let req = acp_model::quantity::Quantity::try_from(
                            &res.requests.as_ref().unwrap()[k],
                        )
                        .unwrap();
                        let lim = acp_model::quantity::Quantity::try_from(
                            &res.limits.as_ref().unwrap()[k],
                        )
                        .unwrap();
                        let l = i128::from(lim.milli_value()) * i128::from(t.milli_value())
                            / i128::from(req.milli_value());
                        n += usize::from(l > 0);
                    }
                }
                black_box(n)
            })
        },
    );
    g.finish();
}

criterion_group!(benches, bench, bench_vpa);
criterion_main!(benches);
