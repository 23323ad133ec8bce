//! Unit tests of the private scaling and pod-LimitRange steps (upstream tables that call
//! unexported functions directly).

use acp_model::quantity::{Format, Quantity};
use k8s_openapi::api::core::v1::Pod;
use serde_json::json;

use super::capping::{Field, PodView, apply_pod_limit_range};
use super::scaling::{Rounding, Scaled, scale_cpu, scale_mem};
use super::{CappedRecommendation, LimitRangeBounds, ResourceList};

fn q(s: &str) -> Quantity {
    s.parse().unwrap()
}

fn list(pairs: &[(&str, &str)]) -> ResourceList {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), q(v))).collect()
}

fn target(name: &str, pairs: &[(&str, &str)]) -> CappedRecommendation {
    CappedRecommendation {
        container: name.to_owned(),
        target: list(pairs),
        ..CappedRecommendation::default()
    }
}

/// A pod whose containers have `requests` = `limits`-style maps given as JSON.
fn pod(containers: serde_json::Value) -> Pod {
    serde_json::from_value(json!({"metadata": {"name": "p"}, "spec": {"containers": containers}}))
        .unwrap()
}

fn c(name: &str, res: &str, request: &str, limit: &str) -> serde_json::Value {
    json!({"name": name, "resources": {"requests": {res: request}, "limits": {res: limit}}})
}

/// limit_and_request_scaling_test.go TestScaleQuantityProportionallyCPU: a zero base returns
/// the scaled quantity, flagged.
#[test]
fn scale_cpu_zero_base_returns_scaled_quantity() {
    let (r, how) = scale_cpu(&q("1"), &q("0"), &q("20"), Rounding::Up);
    assert_eq!(how, Scaled::DivisionByZero);
    assert_eq!(r.to_string(), "1");
}

#[test]
fn scale_cpu_rounds_up_only_with_a_remainder() {
    let (r, _) = scale_cpu(&q("15m"), &q("115m"), &q("150m"), Rounding::Up);
    assert_eq!(r.milli_value(), 20); // 19.56 → 20
    let (r, _) = scale_cpu(&q("15m"), &q("115m"), &q("150m"), Rounding::None);
    assert_eq!(r.milli_value(), 19);
    let (r, _) = scale_cpu(&q("100m"), &q("100m"), &q("150m"), Rounding::Up);
    assert_eq!(r.milli_value(), 150);
}

/// upstream's memory "round up" is `RoundUp(0)` of a whole number — a no-op (the quotient is
/// floored); capping_test.go TestCapPodMemoryWithUnderByteSplit "cap to min" shows it:
/// 1Gi × 4Gi / 3Gi = 1431655765.33 → 1431655765.
#[test]
fn scale_mem_round_up_is_floor() {
    let (r, capped) = scale_mem(&q("1Gi"), &q("3Gi"), &q("4Gi"), Rounding::Up);
    assert!(!capped);
    assert_eq!(r.value(), 1_431_655_765);
    assert_eq!(r.format(), Format::BinarySI);
}

/// `Sub(999m)` + `RoundUp(0)`: positive whole numbers stay, zero becomes −1 (−0.999 rounded
/// away from zero), negative ones step down; past `MaxInt64/1000` the inf.Dec path rounds away
/// from zero. Values confirmed with apimachinery's `resource` package in Go.
#[test]
fn scale_mem_round_down_quirks() {
    let down = |v: &str| scale_mem(&q(v), &q("1"), &q("1"), Rounding::Down).0.value();
    assert_eq!(down("5"), 5);
    assert_eq!(down("1"), 1);
    assert_eq!(down("0"), -1);
    assert_eq!(down("-5"), -6);
    let big = i64::MAX / 1000 + 7;
    assert_eq!(down(&big.to_string()), big);
    assert_eq!(down(&(-big).to_string()), -big - 1);
}

#[test]
fn scale_mem_caps_to_int64_and_survives_zero_base() {
    let (r, capped) = scale_mem(&q("10G"), &q("1m"), &q("10G"), Rounding::None);
    assert!(capped);
    assert_eq!(r.value(), i64::MAX);
    let (r, capped) = scale_mem(&q("7"), &q("0"), &q("10G"), Rounding::None);
    assert!(!capped);
    assert_eq!(r.to_string(), "7");
}

struct PodLimitCase {
    name: &'static str,
    recs: Vec<CappedRecommendation>,
    pod: Pod,
    bounds: LimitRangeBounds,
    resource: &'static str,
    expect: Vec<(&'static str, &'static str, &'static str)>,
}

fn bounds(min: &[(&str, &str)], max: &[(&str, &str)]) -> LimitRangeBounds {
    let opt = |p: &[(&str, &str)]| (!p.is_empty()).then(|| list(p));
    LimitRangeBounds {
        min: opt(min),
        max: opt(max),
        default: None,
    }
}

/// capping_test.go TestApplyPodLimitRange, every case (the target list).
#[test]
#[allow(
    clippy::too_many_lines,
    reason = "upstream TestApplyPodLimitRange table, one data literal"
)]
fn upstream_apply_pod_limit_range_table() {
    let two_cpu = || {
        pod(json!([
            c("container1", "cpu", "1", "1"),
            c("container2", "cpu", "1", "1")
        ]))
    };
    let tiny_cpu = || {
        pod(json!([
            c("container1", "cpu", "1m", "1m"),
            c("container2", "cpu", "1m", "1m")
        ]))
    };
    let cases = vec![
        PodLimitCase {
            name: "cap target cpu to max",
            recs: vec![
                target("container1", &[("cpu", "1")]),
                target("container2", &[("cpu", "1")]),
            ],
            pod: two_cpu(),
            bounds: bounds(&[], &[("cpu", "1")]),
            resource: "cpu",
            expect: vec![("container1", "cpu", "500m"), ("container2", "cpu", "500m")],
        },
        PodLimitCase {
            name: "cap mem to min",
            recs: vec![
                target("container1", &[("memory", "1G")]),
                target("container2", &[("memory", "1G")]),
            ],
            pod: pod(json!([
                c("container1", "memory", "1", "1"),
                c("container2", "memory", "1", "1")
            ])),
            bounds: bounds(&[("memory", "4G")], &[]),
            resource: "memory",
            expect: vec![
                ("container1", "memory", "2G"),
                ("container2", "memory", "2G"),
            ],
        },
        PodLimitCase {
            name: "cap mem request to pod min",
            recs: vec![
                target("container1", &[("memory", "1G")]),
                target("container2", &[("memory", "1G")]),
            ],
            pod: pod(json!([
                c("container1", "memory", "1", "2"),
                c("container2", "memory", "1", "2")
            ])),
            bounds: bounds(&[("memory", "4G")], &[("memory", "10G")]),
            resource: "memory",
            expect: vec![
                ("container1", "memory", "2G"),
                ("container2", "memory", "2G"),
            ],
        },
        PodLimitCase {
            // Upstream marks this result as known-wrong (the pod's summed requests stay 3G,
            // under the 4G minimum); it is what the function computes.
            name: "cap mem request to pod min, only one container with recommendation",
            recs: vec![target("container1", &[("memory", "1G")])],
            pod: pod(json!([
                c("container1", "memory", "1G", "2G"),
                c("container2", "memory", "1G", "2G")
            ])),
            bounds: bounds(&[("memory", "4G")], &[("memory", "10G")]),
            resource: "memory",
            expect: vec![("container1", "memory", "2G")],
        },
        PodLimitCase {
            name: "cap mem request to pod min, extra recommendation",
            recs: vec![
                target("container1", &[("memory", "1G")]),
                target("container2", &[("memory", "1G")]),
            ],
            pod: pod(json!([c("container2", "memory", "1", "2")])),
            bounds: bounds(&[("memory", "4G")], &[("memory", "10G")]),
            resource: "memory",
            expect: vec![
                ("container1", "memory", "1G"),
                ("container2", "memory", "4G"),
            ],
        },
        PodLimitCase {
            name: "cap target cpu to pod min",
            recs: vec![
                target("container1", &[("cpu", "15m")]),
                target("container2", &[("cpu", "100m")]),
            ],
            pod: tiny_cpu(),
            bounds: bounds(&[("cpu", "150m")], &[]),
            resource: "cpu",
            // ceil(15 × 150 / 115), ceil(100 × 150 / 115)
            expect: vec![("container1", "cpu", "20m"), ("container2", "cpu", "131m")],
        },
        PodLimitCase {
            name: "cap target cpu to pod max",
            recs: vec![
                target("container1", &[("cpu", "15m")]),
                target("container2", &[("cpu", "100m")]),
            ],
            pod: tiny_cpu(),
            bounds: bounds(&[], &[("cpu", "90m")]),
            resource: "cpu",
            // floor(15 × 90 / 115), floor(100 × 90 / 115)
            expect: vec![("container1", "cpu", "11m"), ("container2", "cpu", "78m")],
        },
    ];
    for mut case in cases {
        apply_pod_limit_range(
            &mut case.recs,
            &PodView::new(&case.pod),
            &case.bounds,
            case.resource,
            Field::Target,
        );
        assert_eq!(case.recs.len(), case.expect.len(), "{}", case.name);
        for (rec, (container, res, want)) in case.recs.iter().zip(&case.expect) {
            assert_eq!(rec.container, *container, "{}", case.name);
            assert_eq!(rec.target.len(), 1, "{}", case.name);
            assert_eq!(rec.target[*res].to_string(), *want, "{}", case.name);
        }
    }
}

/// The deviation where upstream panics: capping the pod to its limit bound writes into a
/// list — here a container recommended for cpu only gets memory −1, upstream's round-down of
/// 0, which upstream writes too when the list exists — and skips a pod container with no
/// recommendation (upstream: nil dereference).
#[test]
fn pod_limit_range_max_with_missing_lists_does_not_panic() {
    let mut recs = vec![
        target("a", &[("memory", "1G")]),
        target("b", &[("cpu", "1")]),
    ];
    let p = pod(json!([
        c("a", "memory", "1G", "2G"),
        {"name": "b"},
        {"name": "c"}
    ]));
    apply_pod_limit_range(
        &mut recs,
        &PodView::new(&p),
        &bounds(&[], &[("memory", "1G")]),
        "memory",
        Field::Target,
    );
    // a: 1G × 1G / 2G
    assert_eq!(recs[0].target["memory"].to_string(), "500M");
    assert_eq!(recs[1].target["memory"].value(), -1);
    assert_eq!(recs.len(), 2);
}
