//! Criterion benchmarks: one HPA controller sync over 1,000 pods with three metrics (CPU
//! utilization, memory average value, a Pods metric), against a naive baseline in the same
//! group (the console formula `ceil(sum / threshold)` over the same numbers).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use acp_quota::hpa::{
    self, ConsoleInput, ConsolePolicy, HpaConfig, HpaHistory, HpaInput, MetricSample,
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
        .map(|n| hpa::ready_pod(n, "100m", now))
        .collect();
    let cpu: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, n)| hpa::pod_usage(n, "cpu", &format!("{}m", 50 + i % 40), now))
        .collect();
    let mem: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, n)| hpa::pod_usage(n, "memory", &format!("{}Mi", 150 + i % 100), now))
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
    let config = HpaConfig::default();
    let mut g = c.benchmark_group("hpa/1000_pods_3_metrics");
    g.bench_function("acp_quota::hpa::compute", |b| {
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

criterion_group!(benches, bench);
criterion_main!(benches);
