//! Criterion benchmarks: Pod Security evaluation of a realistic 10-container pod (8 containers,
//! 2 init containers, probes, ports, volumes) at each level, the admission of a Pod request,
//! and the fix. Naive baselines in the same groups: every check evaluated (no early exit), and
//! each mode of a request evaluated separately (no sharing between enforce, audit and warn).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::hint::black_box;

use acp_model::psa::{self, Admission, Level, LevelVersion, Operation, Policy, Request};
use criterion::{Criterion, criterion_group, criterion_main};
use k8s_openapi::api::core::v1::Pod;
use serde_json::{Value, json};

/// A typical application pod; `hardened` adds what restricted asks for.
fn pod(hardened: bool) -> Pod {
    let sc = |i: usize| {
        if hardened {
            json!({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"], "add": if i == 0 { json!(["NET_BIND_SERVICE"]) } else { json!([]) }},
                "readOnlyRootFilesystem": true, "runAsUser": 1000 + i})
        } else {
            json!({"readOnlyRootFilesystem": i.is_multiple_of(2), "capabilities": {"add": if i == 3 { json!(["NET_ADMIN"]) } else { json!([]) }}})
        }
    };
    let container = |i: usize, init: bool| -> Value {
        let mut c = json!({"name": format!("{}{i}", if init { "init" } else { "app" }),
            "image": format!("registry.example.com/team/service-{i}:1.{i}.0"),
            "ports": [{"name": "http", "containerPort": 8080 + i}],
            "env": [{"name": "MODE", "value": "prod"}],
            "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "256Mi"}},
            "volumeMounts": [{"name": "config", "mountPath": "/etc/app"}, {"name": "cache", "mountPath": "/cache"}],
            "securityContext": sc(i)});
        if !init {
            c["livenessProbe"] = json!({"httpGet": {"path": "/healthz", "port": 8080 + i}});
            c["readinessProbe"] = json!({"tcpSocket": {"port": 8080 + i}});
        }
        c
    };
    let containers: Vec<Value> = (0..8).map(|i| container(i, false)).collect();
    let init: Vec<Value> = (0..2).map(|i| container(i, true)).collect();
    let pod_sc = if hardened {
        json!({"runAsNonRoot": true, "fsGroup": 2000, "seccompProfile": {"type": "RuntimeDefault"}})
    } else {
        json!({"fsGroup": 2000})
    };
    serde_json::from_value(json!({"metadata": {"name": "web-7c9f", "namespace": "shop",
            "labels": {"app": "web", "tier": "frontend"}, "annotations": {"prometheus.io/scrape": "true"}},
        "spec": {"securityContext": pod_sc, "containers": containers, "initContainers": init,
            "volumes": [{"name": "config", "configMap": {"name": "web"}}, {"name": "cache", "emptyDir": {}},
                {"name": "token", "projected": {"sources": [{"serviceAccountToken": {"path": "token"}}]}}]}}))
    .unwrap()
}

fn bench(c: &mut Criterion) {
    let (weak, hardened) = (pod(false), pod(true));
    let (wm, ws) = (&weak.metadata, weak.spec.as_ref().unwrap());
    let (hm, hs) = (&hardened.metadata, hardened.spec.as_ref().unwrap());
    assert!(psa::passes(LevelVersion::latest(Level::Restricted), hm, hs));
    assert!(!psa::passes(
        LevelVersion::latest(Level::Restricted),
        wm,
        ws
    ));

    let mut g = c.benchmark_group("psa_evaluate_10_containers");
    for level in Level::ALL {
        let lv = LevelVersion::latest(level);
        g.bench_function(format!("{level} (passing pod)"), |b| {
            b.iter(|| black_box(psa::evaluate(lv, black_box(hm), black_box(hs))))
        });
    }
    let r = LevelVersion::latest(Level::Restricted);
    g.bench_function(
        "restricted, failing pod: evaluate (every check, messages)",
        |b| b.iter(|| black_box(psa::evaluate(r, black_box(wm), black_box(ws)))),
    );
    g.bench_function(
        "restricted, failing pod: passes (first failure stops)",
        |b| b.iter(|| black_box(psa::passes(r, black_box(wm), black_box(ws)))),
    );
    g.finish();

    let labels = BTreeMap::from([
        (
            "pod-security.kubernetes.io/enforce".to_string(),
            "baseline".to_string(),
        ),
        (
            "pod-security.kubernetes.io/audit".to_string(),
            "restricted".to_string(),
        ),
        (
            "pod-security.kubernetes.io/warn".to_string(),
            "restricted".to_string(),
        ),
    ]);
    let admission = Admission::default();
    let req = Request {
        operation: Operation::Create,
        namespace: "shop",
        name: "web-7c9f",
        username: "ci",
        subresource: "",
        namespace_labels: &labels,
    };
    let mut g = c.benchmark_group("psa_admit_pod_10_containers");
    g.bench_function(
        "admit_pod (labels parsed, audit and warn share one evaluation)",
        |b| b.iter(|| black_box(admission.admit_pod(black_box(&req), black_box(&weak), None))),
    );
    g.bench_function("naive: labels parsed, each mode evaluated", |b| {
        b.iter(|| {
            let (p, _) = Policy::from_labels(black_box(&labels), &Policy::default());
            black_box((
                psa::evaluate(p.enforce, wm, ws),
                psa::evaluate(p.audit, wm, ws),
                psa::evaluate(p.warn, wm, ws),
            ))
        })
    });
    g.finish();

    let mut g = c.benchmark_group("psa_fix_10_containers");
    g.bench_function("fix to restricted (failing pod)", |b| {
        b.iter(|| black_box(psa::fix(r, black_box(wm), black_box(ws)).unwrap()))
    });
    g.bench_function("fix to restricted (passing pod, no change)", |b| {
        b.iter(|| black_box(psa::fix(r, black_box(hm), black_box(hs)).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
