//! Criterion benchmarks of quota admission and the namespace-import merge.
//!
//! `cargo bench -p acp-quota --bench quota`
//!
//! * `quota/admit`: a pod of 10 containers against 10 quotas of 20 resources each (all match,
//!   all fit). `acp-quota` is [`acp_quota::admission::admit`] on k8s-openapi objects, parsing
//!   every quantity and returning the new usage of every quota; `naive` is a hand-written
//!   checker over `BTreeMap<String, String>` that re-parses each quantity string into `i128`
//!   milli-units every time (no scopes, no constraints, no exact printing) — the floor of what
//!   a controller doing it by hand would pay.
//! * `quota/import_merge_100`: [`acp_quota::import::merge_quotas`] of 100 quotas of 20
//!   resources; `naive` the same minimum over string maps, re-parsing each time.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::collections::BTreeMap;
use std::hint::black_box;

use acp_quota::admission::{AdmissionOptions, admit};
use acp_quota::import::merge_quotas;
use criterion::{Criterion, criterion_group, criterion_main};
use k8s_openapi::api::core::v1::{Pod, ResourceQuota};
use serde_json::{Value, json};

/// 20 quota resources, with a hard limit and a current usage each.
const RESOURCES: [(&str, &str, &str); 20] = [
    ("cpu", "200", "10"),
    ("memory", "400Gi", "20Gi"),
    ("requests.cpu", "200", "10"),
    ("requests.memory", "400Gi", "20Gi"),
    ("limits.cpu", "400", "20"),
    ("limits.memory", "800Gi", "40Gi"),
    ("pods", "1000", "50"),
    ("count/pods", "2000", "60"),
    ("ephemeral-storage", "1Ti", "10Gi"),
    ("requests.ephemeral-storage", "1Ti", "10Gi"),
    ("limits.ephemeral-storage", "2Ti", "20Gi"),
    ("requests.storage", "10Ti", "1Ti"),
    ("persistentvolumeclaims", "100", "10"),
    ("services", "50", "5"),
    ("secrets", "500", "40"),
    ("configmaps", "500", "40"),
    ("requests.nvidia.com/gpu", "16", "2"),
    ("hugepages-2Mi", "8Gi", "0"),
    ("requests.hugepages-2Mi", "8Gi", "0"),
    ("count/deployments.apps", "100", "10"),
];

fn quota_value(i: usize) -> Value {
    let hard: serde_json::Map<String, Value> = RESOURCES
        .iter()
        .map(|(k, h, _)| ((*k).to_owned(), json!(h)))
        .collect();
    let used: serde_json::Map<String, Value> = RESOURCES
        .iter()
        .map(|(k, _, u)| ((*k).to_owned(), json!(u)))
        .collect();
    json!({"metadata": {"name": format!("quota-{i}"), "namespace": "bench"},
           "spec": {"hard": hard.clone()},
           "status": {"hard": hard, "used": used}})
}

fn pod_value() -> Value {
    let containers: Vec<Value> = (0..10)
        .map(|i| {
            json!({"name": format!("c{i}"), "resources": {
                "requests": {"cpu": "250m", "memory": "256Mi", "ephemeral-storage": "1Gi"},
                "limits": {"cpu": "500m", "memory": "512Mi", "ephemeral-storage": "2Gi"}}})
        })
        .collect();
    json!({"metadata": {"name": "bench-pod", "namespace": "bench"}, "spec": {"containers": containers}})
}

/// A quantity string in milli-units, the naive way (suffix table, `i128`, no exponents).
fn naive_milli(s: &str) -> i128 {
    let suffixes: [(&str, i128); 12] = [
        ("Ki", 1 << 10),
        ("Mi", 1 << 20),
        ("Gi", 1 << 30),
        ("Ti", 1 << 40),
        ("Pi", 1 << 50),
        ("m", 0),
        ("k", 1_000),
        ("M", 1_000_000),
        ("G", 1_000_000_000),
        ("T", 1_000_000_000_000),
        ("P", 1_000_000_000_000_000),
        ("", 1),
    ];
    for (suf, mult) in suffixes {
        if let Some(num) = s.strip_suffix(suf) {
            let n: i128 = num.parse().unwrap();
            return if mult == 0 { n } else { n * mult * 1000 };
        }
    }
    panic!("{s}")
}

type NaiveList = BTreeMap<String, String>;

struct NaiveQuota {
    hard: NaiveList,
    used: NaiveList,
}

/// The naive admission: sum the containers' requests/limits, map them to quota keys, check
/// `used + requested <= hard` for every quota, return the new usage strings.
fn naive_admit(
    quotas: &[NaiveQuota],
    containers: &[(NaiveList, NaiveList)],
) -> Option<Vec<NaiveList>> {
    let mut req: BTreeMap<&str, i128> = BTreeMap::new();
    let mut lim: BTreeMap<&str, i128> = BTreeMap::new();
    for (r, l) in containers {
        for (k, v) in r {
            *req.entry(k.as_str()).or_default() += naive_milli(v);
        }
        for (k, v) in l {
            *lim.entry(k.as_str()).or_default() += naive_milli(v);
        }
    }
    let mut usage: BTreeMap<String, i128> = BTreeMap::new();
    usage.insert("pods".into(), 1000);
    usage.insert("count/pods".into(), 1000);
    for (k, v) in &req {
        usage.insert((*k).to_owned(), *v);
        usage.insert(format!("requests.{k}"), *v);
    }
    for (k, v) in &lim {
        usage.insert(format!("limits.{k}"), *v);
    }
    let mut out = Vec::with_capacity(quotas.len());
    for q in quotas {
        let mut new_used = q.used.clone();
        for (k, hard) in &q.hard {
            let Some(delta) = usage.get(k) else { continue };
            let used = q.used.get(k).map_or(0, |u| naive_milli(u));
            let total = used + delta;
            if total > naive_milli(hard) {
                return None;
            }
            new_used.insert(k.clone(), format!("{total}m"));
        }
        out.push(new_used);
    }
    Some(out)
}

fn bench_admit(c: &mut Criterion) {
    let quotas: Vec<ResourceQuota> = (0..10)
        .map(|i| serde_json::from_value(quota_value(i)).unwrap())
        .collect();
    let pod: Pod = serde_json::from_value(pod_value()).unwrap();
    let opts = AdmissionOptions::new(jiff::Timestamp::UNIX_EPOCH);
    let ok = admit(&quotas, &pod, &opts).unwrap();
    assert_eq!(ok.changed().count(), 10);
    assert_eq!(
        ok.quotas[0].used.get("requests.cpu").unwrap().to_string(),
        "12500m"
    );

    let naive_quotas: Vec<NaiveQuota> = (0..10)
        .map(|_| NaiveQuota {
            hard: RESOURCES
                .iter()
                .map(|(k, h, _)| ((*k).into(), (*h).into()))
                .collect(),
            used: RESOURCES
                .iter()
                .map(|(k, _, u)| ((*k).into(), (*u).into()))
                .collect(),
        })
        .collect();
    let naive_containers: Vec<(NaiveList, NaiveList)> = (0..10)
        .map(|_| {
            (
                [
                    ("cpu", "250m"),
                    ("memory", "256Mi"),
                    ("ephemeral-storage", "1Gi"),
                ]
                .iter()
                .map(|(k, v)| ((*k).into(), (*v).into()))
                .collect(),
                [
                    ("cpu", "500m"),
                    ("memory", "512Mi"),
                    ("ephemeral-storage", "2Gi"),
                ]
                .iter()
                .map(|(k, v)| ((*k).into(), (*v).into()))
                .collect(),
            )
        })
        .collect();
    let n = naive_admit(&naive_quotas, &naive_containers).unwrap();
    assert_eq!(n[0]["requests.cpu"], "12500m");

    let mut g = c.benchmark_group("quota/admit");
    g.bench_function("acp-quota", |b| {
        b.iter(|| admit(black_box(&quotas), black_box(&pod), &opts).unwrap())
    });
    g.bench_function("naive", |b| {
        b.iter(|| naive_admit(black_box(&naive_quotas), black_box(&naive_containers)).unwrap())
    });
    g.finish();
}

fn bench_import(c: &mut Criterion) {
    let quotas: Vec<ResourceQuota> = (0..100)
        .map(|i| {
            let mut v = quota_value(i);
            // vary the limits so the minimum moves around
            for (k, h, _) in RESOURCES {
                let scaled = if i % 3 == 0 {
                    h.to_owned()
                } else {
                    format!("{}", 50 + i)
                };
                v["spec"]["hard"][k] = json!(scaled);
            }
            serde_json::from_value(v).unwrap()
        })
        .collect();
    let naive: Vec<NaiveList> = quotas
        .iter()
        .map(|q| {
            q.spec
                .as_ref()
                .unwrap()
                .hard
                .as_ref()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.0.clone()))
                .collect()
        })
        .collect();
    let merged = merge_quotas("bench", &quotas).unwrap();
    assert_eq!(merged.merged_from.len(), 100);
    assert_eq!(merged.hard.get("pods").unwrap().to_string(), "51");

    let naive_merge = |qs: &[NaiveList]| -> NaiveList {
        let mut out: NaiveList = BTreeMap::new();
        for q in qs {
            for (k, v) in q {
                match out.get(k) {
                    Some(cur) if naive_milli(cur) <= naive_milli(v) => {}
                    _ => {
                        out.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        out
    };
    assert_eq!(naive_merge(&naive)["pods"], "51");

    let mut g = c.benchmark_group("quota/import_merge_100");
    g.bench_function("acp-quota", |b| {
        b.iter(|| merge_quotas("bench", black_box(&quotas)).unwrap())
    });
    g.bench_function("naive", |b| b.iter(|| naive_merge(black_box(&naive))));
    g.finish();
}

criterion_group!(benches, bench_admit, bench_import);
criterion_main!(benches);
