//! kubernetes/autoscaler VPA table cases, transcribed: `pkg/utils/vpa/capping_test.go`,
//! `pkg/utils/vpa/limit_and_request_scaling_test.go`,
//! `pkg/admission-controller/resource/pod/recommendation/recommendation_provider_test.go` and
//! `pkg/utils/limitrange/limit_range_calculator_test.go`. Upstream's fake LimitRange
//! calculator hands items over directly; here they are LimitRange objects of one namespace.
#![allow(clippy::type_complexity)]

use acp_model::quantity::{Format, Quantity};
use acp_model::thirdparty::vpa::{RecommendedPodResources, VerticalPodAutoscaler};
use acp_workload::vpa::{
    self, CappedRecommendation, ContainerResources, LimitRangeBounds, ResourceList,
    proportional_limit,
};
use k8s_openapi::api::core::v1::{LimitRange, Pod};
use serde_json::{Value, json};

use crate::support::q;

fn list(pairs: &[(&str, &str)]) -> ResourceList {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), q(v))).collect()
}

/// Same keys, equal values (upstream compares `resource.Quantity` values).
#[track_caller]
fn assert_list(got: &ResourceList, want: &[(&str, &str)], what: &str) {
    let want = list(want);
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>(),
        "{what}: {got:?}"
    );
    for (k, v) in &want {
        assert_eq!(&got[k], v, "{what}: {k} is {} not {v}", got[k]);
    }
}

fn vpa(policy: Value, recommendation: Value) -> VerticalPodAutoscaler {
    let mut doc = json!({"metadata": {"name": "vpa1"},
        "spec": {"targetRef": {"kind": "Deployment", "name": "d"}}});
    if !policy.is_null() {
        doc["spec"]["resourcePolicy"] = policy;
    }
    if !recommendation.is_null() {
        doc["status"] = json!({"recommendation": recommendation});
    }
    serde_json::from_value(doc).unwrap()
}

fn pod(containers: Value) -> Pod {
    serde_json::from_value(
        json!({"metadata": {"name": "pod1"}, "spec": {"containers": containers}}),
    )
    .unwrap()
}

fn pod_with_status(containers: Value, statuses: Value) -> Pod {
    let mut p = pod(containers);
    p.status = Some(serde_json::from_value(json!({"containerStatuses": statuses})).unwrap());
    p
}

fn container(name: &str, requests: Value, limits: Value) -> Value {
    json!({"name": name, "resources": {"requests": requests, "limits": limits}})
}

fn status(name: &str, requests: Value, limits: Value) -> Value {
    json!({"name": name, "image": "i", "imageID": "", "ready": true, "restartCount": 0,
           "resources": {"requests": requests, "limits": limits}})
}

fn limit_range(items: Value) -> LimitRange {
    serde_json::from_value(json!({"metadata": {"name": "lr"}, "spec": {"limits": items}})).unwrap()
}

fn policy_all(controlled_values: &str) -> Value {
    json!({"containerPolicies": [{"containerName": "*", "controlledValues": controlled_values}]})
}

// ---------------------------------------------------------------------------------------------
// limit_and_request_scaling_test.go
// ---------------------------------------------------------------------------------------------

type ScalingCase = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    bool,
);

/// (name, original limit, original request, recommended request, default limit, expected
/// limit, expect annotation) — shared by the CPU and memory tables except the last two rows.
const SCALING_CASES: &[ScalingCase] = &[
    (
        "scale proportionally",
        Some("2"),
        Some("1"),
        Some("10"),
        None,
        Some("20"),
        false,
    ),
    (
        "scale proportionally with default",
        None,
        Some("1"),
        Some("10"),
        Some("2"),
        Some("20"),
        false,
    ),
    (
        "no original limit",
        None,
        Some("1"),
        Some("10"),
        None,
        None,
        true,
    ),
    (
        "no original request",
        Some("2"),
        None,
        Some("10"),
        None,
        Some("10"),
        false,
    ),
    (
        "no recommendation",
        None,
        Some("1"),
        Some("0"),
        Some("2"),
        None,
        true,
    ),
    (
        "limit equal to request",
        Some("1"),
        Some("1"),
        Some("10"),
        None,
        Some("10"),
        false,
    ),
];

fn run_scaling(resource: &str, cases: &[ScalingCase]) {
    for &(name, limit, request, rec, default, want, note) in cases {
        let (l, r, c, d) = (limit.map(q), request.map(q), rec.map(q), default.map(q));
        let (got, annotation) =
            proportional_limit(resource, l.as_ref(), r.as_ref(), c.as_ref(), d.as_ref());
        match (want, &got) {
            (None, None) => {}
            (Some(w), Some(g)) => assert_eq!(g.milli_value(), q(w).milli_value(), "{name}"),
            _ => panic!("{name}: got {got:?}, want {want:?}"),
        }
        assert_eq!(annotation.is_some(), note, "{name}: {annotation:?}");
    }
}

/// TestGetProportionalResourceLimitCPU.
#[test]
fn upstream_get_proportional_resource_limit_cpu() {
    run_scaling("cpu", SCALING_CASES);
    run_scaling(
        "cpu",
        // (2000 × 1000) / 1500 = 1333.3m → 1.333
        &[(
            "handle non-integer ratios",
            Some("2"),
            Some("1.50"),
            Some("1"),
            None,
            Some("1.333"),
            false,
        )],
    );
    let (l, note) = proportional_limit(
        "cpu",
        Some(&q("10G")),
        Some(&q("1m")),
        Some(&q("10G")),
        None,
    );
    assert_eq!(l.unwrap().milli_value(), i64::MAX, "go over milli cap");
    assert_eq!(
        note.as_deref(),
        Some("cpu: failed to keep limit to request ratio; capping limit to int64")
    );
}

/// TestGetProportionalResourceLimitMem.
#[test]
fn upstream_get_proportional_resource_limit_mem() {
    run_scaling("memory", SCALING_CASES);
    run_scaling(
        "memory",
        &[(
            "handle non-integer ratios",
            Some("200"),
            Some("150"),
            Some("100"),
            None,
            Some("133"),
            false,
        )],
    );
    let (l, note) = proportional_limit(
        "memory",
        Some(&q("10G")),
        Some(&q("1m")),
        Some(&q("10G")),
        None,
    );
    assert_eq!(l.unwrap().value(), i64::MAX, "go over milli cap");
    assert_eq!(
        note.as_deref(),
        Some("memory: failed to keep limit to request ratio; capping limit to int64")
    );
}

#[test]
fn proportional_limit_annotation_texts() {
    let (_, n) = proportional_limit("cpu", None, Some(&q("1")), Some(&q("1")), None);
    assert_eq!(
        n.as_deref(),
        Some("cpu: limit NOT set since originalLimit is nil or 0")
    );
    let (_, n) = proportional_limit("memory", Some(&q("1")), None, None, None);
    assert_eq!(
        n.as_deref(),
        Some("memory: limit NOT set since recommendedRequest is nil or 0")
    );
    // The result keeps the limit's format (upstream `NewQuantity(…, scaledQuantity.Format)`).
    let (l, _) = proportional_limit(
        "memory",
        Some(&q("512Mi")),
        Some(&q("256Mi")),
        Some(&q("300Mi")),
        None,
    );
    let l = l.unwrap();
    assert_eq!(
        (l.to_string(), l.format()),
        ("600Mi".to_owned(), Format::BinarySI)
    );
}

// ---------------------------------------------------------------------------------------------
// capping_test.go
// ---------------------------------------------------------------------------------------------

fn only(v: &VerticalPodAutoscaler, p: &Pod, lrs: &[LimitRange]) -> CappedRecommendation {
    let mut r = vpa::capped_recommendation(v, p, lrs).unwrap();
    assert_eq!(r.len(), 1, "{r:?}");
    r.remove(0)
}

/// TestRecommendationNotAvailable: a recommendation for a container the pod lacks is dropped.
#[test]
fn upstream_recommendation_not_available() {
    let v = vpa(
        Value::Null,
        json!({"containerRecommendations": [{"containerName": "ctr-name-other",
            "target": {"cpu": "100m", "memory": "50000Mi"}}]}),
    );
    let p = pod(json!([{"name": "ctr-name"}]));
    let r = vpa::capped_recommendation(&v, &p, &[]).unwrap();
    assert!(r.is_empty());
}

/// TestRecommendationToLimitCapping, all four cases (NewScaledQuantity(3, 1) = 30 …).
#[test]
fn upstream_recommendation_to_limit_capping() {
    let rec = json!({"containerRecommendations": [{"containerName": "ctr-name",
        "target": {"cpu": "20", "memory": "80k"}, "upperBound": {"cpu": "100", "memory": "90k"}}]});
    let spec_pod = || {
        pod(json!([{"name": "ctr-name", "resources": {"limits": {"cpu": "30", "memory": "70k"}}}]))
    };
    let cases: Vec<(&str, Value, Pod, [(&str, &str); 2], [(&str, &str); 2], bool)> = vec![
        (
            "no capping for default policy",
            json!({}),
            spec_pod(),
            [("cpu", "20"), ("memory", "80k")],
            [("cpu", "100"), ("memory", "90k")],
            false,
        ),
        (
            "no capping for RequestsAndLimits policy",
            policy_all("RequestsAndLimits"),
            spec_pod(),
            [("cpu", "20"), ("memory", "80k")],
            [("cpu", "100"), ("memory", "90k")],
            false,
        ),
        (
            "capping for RequestsOnly policy",
            policy_all("RequestsOnly"),
            spec_pod(),
            [("cpu", "20"), ("memory", "70k")],
            [("cpu", "30"), ("memory", "70k")],
            true,
        ),
        (
            "capping for RequestsOnly policy for limits defined in containerStatus",
            policy_all("RequestsOnly"),
            pod_with_status(
                json!([{"name": "ctr-name", "resources": {"limits": {"cpu": "30", "memory": "70k"}}}]),
                json!([status(
                    "ctr-name",
                    json!({}),
                    json!({"cpu": "2.5", "memory": "60k"})
                )]),
            ),
            [("cpu", "2.5"), ("memory", "60k")],
            [("cpu", "2.5"), ("memory", "60k")],
            true,
        ),
    ];
    for (name, policy, p, target, upper, annotated) in cases {
        let v = vpa(policy, rec.clone());
        let r = only(&v, &p, &[]);
        assert_list(&r.target, &target, name);
        assert_list(&r.upper_bound, &upper, name);
        assert_eq!(
            r.annotations
                .contains(&"memory capped to container limit".to_owned()),
            annotated,
            "{name}: {:?}",
            r.annotations
        );
        assert_eq!(r.annotations.is_empty(), !annotated, "{name}");
    }
}

/// TestRecommendationCappedToMinMaxPolicy.
#[test]
fn upstream_recommendation_capped_to_min_max_policy() {
    let v = vpa(
        json!({"containerPolicies": [{"containerName": "ctr-name",
            "minAllowed": {"cpu": "40", "memory": "40k"}, "maxAllowed": {"cpu": "45", "memory": "45k"}}]}),
        json!({"containerRecommendations": [{"containerName": "ctr-name",
            "target": {"cpu": "30", "memory": "50k"}, "lowerBound": {"cpu": "20", "memory": "43k"},
            "upperBound": {"cpu": "50", "memory": "55k"}}]}),
    );
    let r = only(&v, &pod(json!([{"name": "ctr-name"}])), &[]);
    assert_list(&r.target, &[("cpu", "40"), ("memory", "45k")], "target");
    assert_list(&r.lower_bound, &[("cpu", "40"), ("memory", "43k")], "lower");
    assert_list(&r.upper_bound, &[("cpu", "45"), ("memory", "45k")], "upper");
    assert_eq!(
        r.annotations,
        ["cpu capped to minAllowed", "memory capped to maxAllowed"]
    );
}

/// TestApply: no recommendation and no policy → nothing; no policy → unchanged.
#[test]
fn upstream_apply() {
    let p = pod(json!([{"name": "ctr-name"}]));
    assert_eq!(
        vpa::capped_recommendation(&vpa(Value::Null, Value::Null), &p, &[]),
        None
    );
    let v = vpa(
        Value::Null,
        json!({"containerRecommendations": [{"containerName": "ctr-name",
            "target": {"cpu": "50", "memory": "100"}, "lowerBound": {"cpu": "50", "memory": "100"},
            "upperBound": {"cpu": "1500", "memory": "2k"}}]}),
    );
    let r = only(&v, &p, &[]);
    assert_list(&r.target, &[("cpu", "50"), ("memory", "100")], "target");
    assert_list(
        &r.upper_bound,
        &[("cpu", "1500"), ("memory", "2k")],
        "upper",
    );
    assert!(r.annotations.is_empty());
    // A policy without a recommendation: an empty result, not None.
    let v = vpa(policy_all("RequestsOnly"), Value::Null);
    assert_eq!(vpa::capped_recommendation(&v, &p, &[]), Some(vec![]));
}

/// TestApplyVPAPolicy, all seven cases (the recommender's capping).
#[test]
fn upstream_apply_vpa_policy() {
    let rec: RecommendedPodResources = serde_json::from_value(json!({"containerRecommendations": [{
        "containerName": "foo",
        "target": {"cpu": "42m", "memory": "42Mi"}, "lowerBound": {"cpu": "31m", "memory": "31Mi"},
        "upperBound": {"cpu": "53m", "memory": "53Mi"}, "uncappedTarget": {"cpu": "42m", "memory": "42Mi"}}]}))
    .unwrap();
    let policy = |p: Value| -> Option<acp_model::thirdparty::vpa::PodResourcePolicy> {
        Some(serde_json::from_value(json!({"containerPolicies": [p]})).unwrap())
    };
    type Row<'a> = (
        &'a str,
        Option<acp_model::thirdparty::vpa::PodResourcePolicy>,
        ResourceList,
        [&'a str; 6],
    );
    // expected (target cpu, target mem, lower cpu, lower mem, upper cpu, upper mem)
    let cases: Vec<Row> = vec![
        (
            "resource policy is nil and global max allowed is nil",
            None,
            ResourceList::new(),
            ["42m", "42Mi", "31m", "31Mi", "53m", "53Mi"],
        ),
        (
            "resource policy has min allowed and global max allowed is nil",
            policy(json!({"containerName": "foo", "minAllowed": {"cpu": "50m", "memory": "50Mi"}})),
            ResourceList::new(),
            ["50m", "50Mi", "50m", "50Mi", "53m", "53Mi"],
        ),
        (
            "resource policy has max allowed and global max allowed is nil",
            policy(json!({"containerName": "foo", "maxAllowed": {"cpu": "40m", "memory": "40Mi"}})),
            ResourceList::new(),
            ["40m", "40Mi", "31m", "31Mi", "40m", "40Mi"],
        ),
        (
            "resource policy is nil and global max allowed is set for cpu and memory",
            None,
            list(&[("cpu", "40m"), ("memory", "40Mi")]),
            ["40m", "40Mi", "31m", "31Mi", "40m", "40Mi"],
        ),
        (
            "resource policy has maxAllowed and global max allowed is set",
            policy(json!({"containerName": "foo", "minAllowed": {"cpu": "35m", "memory": "35Mi"}})),
            list(&[("cpu", "50m"), ("memory", "50Mi")]),
            ["42m", "42Mi", "35m", "35Mi", "50m", "50Mi"],
        ),
        (
            "resource policy has max allowed for cpu and global max allowed is set for memory",
            policy(json!({"containerName": "foo", "maxAllowed": {"cpu": "40m"}})),
            list(&[("memory", "40Mi")]),
            ["40m", "40Mi", "31m", "31Mi", "40m", "40Mi"],
        ),
        (
            "resource policy has max allowed for cpu and global max allowed is set for cpu and memory",
            policy(json!({"containerName": "foo", "maxAllowed": {"cpu": "40m"}})),
            list(&[("cpu", "30m"), ("memory", "30Mi")]),
            ["40m", "30Mi", "31m", "30Mi", "40m", "30Mi"],
        ),
    ];
    for (name, p, global, want) in cases {
        let before = p.clone();
        let out = vpa::apply_vpa_policy(&rec, p.as_ref(), &global);
        let c = &out.container_recommendations.as_ref().unwrap()[0];
        let get =
            |l: &Option<
                std::collections::BTreeMap<
                    String,
                    k8s_openapi::apimachinery::pkg::api::resource::Quantity,
                >,
            >,
             k: &str| { Quantity::try_from(&l.as_ref().unwrap()[k]).unwrap() };
        let got = [
            get(&c.target, "cpu"),
            get(&c.target, "memory"),
            get(&c.lower_bound, "cpu"),
            get(&c.lower_bound, "memory"),
            get(&c.upper_bound, "cpu"),
            get(&c.upper_bound, "memory"),
        ];
        for (g, w) in got.iter().zip(want) {
            assert_eq!(*g, q(w), "{name}");
        }
        assert_eq!(
            c.uncapped_target,
            rec.container_recommendations.as_ref().unwrap()[0].uncapped_target,
            "{name}"
        );
        assert_eq!(p, before, "{name}: the policy is not modified");
    }
}

/// TestApplyCapsToLimitRange: container LimitRange max cpu 1, min memory 500M.
#[test]
fn upstream_apply_caps_to_limit_range() {
    let v = vpa(
        Value::Null,
        json!({"containerRecommendations": [{"containerName": "container",
            "target": {"cpu": "2", "memory": "200M"}}]}),
    );
    let p = pod(json!([container(
        "container",
        json!({"cpu": "1", "memory": "1G"}),
        json!({"cpu": "1", "memory": "1G"})
    )]));
    let lr =
        limit_range(json!([{"type": "Container", "max": {"cpu": "1"}, "min": {"memory": "500M"}}]));
    let r = only(&v, &p, &[lr]);
    assert_list(
        &r.target,
        &[("cpu", "1000m"), ("memory", "500000000")],
        "target",
    );
    assert_eq!(
        r.annotations,
        [
            "cpu capped to fit Max in container LimitRange",
            "memory capped to fit Min in container LimitRange"
        ]
    );
}

/// TestApplyLimitRangeMinToRequest, all six cases.
#[test]
#[allow(
    clippy::too_many_lines,
    reason = "upstream TestApplyLimitRangeMinToRequest table, one data literal"
)]
fn upstream_apply_limit_range_min_to_request() {
    let one = |mem_req: &str, mem_lim: &str| {
        container(
            "container",
            json!({"cpu": "1", "memory": mem_req}),
            json!({"cpu": "1", "memory": mem_lim}),
        )
    };
    let target =
        |name: &str| json!({"containerName": name, "target": {"cpu": "1", "memory": "200M"}});
    let container_min = limit_range(json!([{"type": "Container", "min": {"memory": "500M"}}]));
    let pod_min = limit_range(json!([{"type": "Pod", "min": {"memory": "500M"}}]));
    struct Case {
        name: &'static str,
        recs: Value,
        pod: Pod,
        lrs: Vec<LimitRange>,
        policy: Value,
        expect: Vec<(
            &'static str,
            [(&'static str, &'static str); 2],
            Vec<&'static str>,
        )>,
    }
    let cases = vec![
        Case {
            name: "caps to min range if above container limit",
            recs: json!([target("container")]),
            pod: pod(json!([one("50M", "600M")])),
            lrs: vec![container_min.clone()],
            policy: Value::Null,
            expect: vec![(
                "container",
                [("cpu", "1"), ("memory", "500M")],
                vec!["memory capped to fit Min in container LimitRange"],
            )],
        },
        Case {
            name: "caps to container limit if below container limit",
            recs: json!([target("container")]),
            pod: pod(json!([one("50M", "100M")])),
            lrs: vec![container_min],
            policy: policy_all("RequestsOnly"),
            expect: vec![(
                "container",
                [("cpu", "1"), ("memory", "100M")],
                vec![
                    "memory capped to fit Min in container LimitRange",
                    "memory capped to container limit",
                ],
            )],
        },
        Case {
            name: "caps to pod limit if below pod limit",
            recs: json!([target("container")]),
            pod: pod(json!([one("50M", "100M")])),
            lrs: vec![pod_min.clone()],
            policy: policy_all("RequestsOnly"),
            expect: vec![(
                "container",
                [("cpu", "1"), ("memory", "100M")],
                vec!["memory capped to container limit"],
            )],
        },
        Case {
            name: "Should use container status limits when lower than both recommendation and pod limit range",
            recs: json!([target("container")]),
            pod: pod_with_status(
                json!([container(
                    "container",
                    json!({"cpu": "10", "memory": "1G"}),
                    json!({"cpu": "10", "memory": "1G"})
                )]),
                json!([status(
                    "container",
                    json!({"cpu": "5m", "memory": "50M"}),
                    json!({"cpu": "5m", "memory": "100M"})
                )]),
            ),
            lrs: vec![limit_range(
                json!([{"type": "Pod", "min": {"memory": "500M", "cpu": "2"}}]),
            )],
            policy: policy_all("RequestsOnly"),
            expect: vec![(
                "container",
                [("cpu", "5m"), ("memory", "100M")],
                vec![
                    "cpu capped to container limit",
                    "memory capped to container limit",
                ],
            )],
        },
        Case {
            name: "caps to pod limit if below pod limit one container with recommendation and one without",
            recs: json!([target("container1")]),
            pod: pod(json!([
                container(
                    "container1",
                    json!({"cpu": "1", "memory": "50M"}),
                    json!({"cpu": "1", "memory": "100M"})
                ),
                container(
                    "container2",
                    json!({"cpu": "1", "memory": "50M"}),
                    json!({"cpu": "1", "memory": "100M"})
                )
            ])),
            lrs: vec![pod_min.clone()],
            policy: policy_all("RequestsAndLimits"),
            expect: vec![
                (
                    "container1",
                    [("cpu", "1"), ("memory", "400000000")],
                    vec![],
                ),
                (
                    "container2",
                    [("cpu", "1"), ("memory", "100000000")],
                    vec![],
                ),
            ],
        },
        Case {
            name: "caps to pod limit if below pod limit two containers with recommendation",
            recs: json!([target("container1"), target("container2")]),
            pod: pod(json!([
                container(
                    "container1",
                    json!({"cpu": "1", "memory": "50M"}),
                    json!({"cpu": "1", "memory": "100M"})
                ),
                container(
                    "container2",
                    json!({"cpu": "1", "memory": "50M"}),
                    json!({"cpu": "1", "memory": "100M"})
                )
            ])),
            lrs: vec![pod_min],
            policy: policy_all("RequestsAndLimits"),
            expect: vec![
                (
                    "container1",
                    [("cpu", "1"), ("memory", "250000000")],
                    vec![],
                ),
                (
                    "container2",
                    [("cpu", "1"), ("memory", "250000000")],
                    vec![],
                ),
            ],
        },
    ];
    for c in cases {
        let v = vpa(c.policy, json!({"containerRecommendations": c.recs}));
        let r = vpa::capped_recommendation(&v, &c.pod, &c.lrs).unwrap();
        assert_eq!(r.len(), c.expect.len(), "{}", c.name);
        for (got, (name, target, notes)) in r.iter().zip(&c.expect) {
            assert_eq!(got.container, *name, "{}", c.name);
            assert_list(&got.target, target, c.name);
            assert_eq!(got.annotations, *notes, "{}", c.name);
        }
    }
}

/// TestCapPodMemoryWithUnderByteSplit: fractional bytes are floored when capping to the pod
/// max and (upstream's memory "round up" being a no-op) also when capping to the pod min.
#[test]
fn upstream_cap_pod_memory_with_under_byte_split() {
    let v = vpa(
        Value::Null,
        json!({"containerRecommendations": [
            {"containerName": "container-1", "target": {"memory": "1Gi"}},
            {"containerName": "container-2", "target": {"memory": "2Gi"}}]}),
    );
    let p = pod(json!([
        container(
            "container-1",
            json!({"memory": "50M"}),
            json!({"memory": "50M"})
        ),
        container(
            "container-2",
            json!({"memory": "50M"}),
            json!({"memory": "50M"})
        )
    ]));
    for (name, item, want) in [
        (
            "cap to max",
            json!({"type": "Pod", "max": {"memory": "1Gi"}}),
            [357_913_941, 715_827_882],
        ),
        (
            "cap to min",
            json!({"type": "Pod", "min": {"memory": "4Gi"}}),
            [1_431_655_765, 2_863_311_530],
        ),
    ] {
        let r = vpa::capped_recommendation(&v, &p, &[limit_range(json!([item]))]).unwrap();
        let got: Vec<(i64, Format)> = r
            .iter()
            .map(|c| (c.target["memory"].value(), c.target["memory"].format()))
            .collect();
        assert_eq!(
            got,
            [(want[0], Format::BinarySI), (want[1], Format::BinarySI)],
            "{name}"
        );
        assert_eq!(
            r[0].target["memory"].to_string(),
            want[0].to_string(),
            "{name}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// limit_range_calculator_test.go
// ---------------------------------------------------------------------------------------------

/// TestGetContainerLimitRangeItem. Upstream's fake clientset stores the objects without the
/// apiserver's defaulting; here each item is defaulted as stored (`default` ← `max`), which
/// shows up in `default` only.
#[test]
fn upstream_get_container_limit_range_item() {
    let res = |v: &str| Some(list(&[("cpu", v), ("memory", v)]));
    let bounds = |items: Value| vpa::limit_range_bounds(&[limit_range(items)], "Container");
    assert_eq!(
        bounds(json!([{"type": "PersistentVolumeClaim", "max": {"storage": "2"}}])),
        None
    );
    assert_eq!(
        bounds(json!([{"type": "Container", "max": {"cpu": "2", "memory": "2"}}])),
        Some(LimitRangeBounds {
            min: None,
            max: res("2"),
            default: res("2")
        })
    );
    assert_eq!(
        bounds(json!([{"type": "Container", "default": {"cpu": "2", "memory": "2"}}])),
        Some(LimitRangeBounds {
            min: None,
            max: None,
            default: res("2")
        })
    );
    assert_eq!(
        bounds(json!([{"type": "Container", "min": {"cpu": "2", "memory": "2"}}])),
        Some(LimitRangeBounds {
            min: res("2"),
            max: None,
            default: None
        })
    );
    assert_eq!(
        bounds(
            json!([{"type": "Container", "max": {"cpu": "2", "memory": "2"},
            "default": {"cpu": "1.5", "memory": "1.5"}, "min": {"cpu": "1", "memory": "1"}}])
        ),
        Some(LimitRangeBounds {
            min: res("1"),
            max: res("2"),
            default: res("1.5")
        })
    );
    // takes lowest max; takes highest min (two items)
    let b = bounds(
        json!([{"type": "Container", "max": {"cpu": "1.5", "memory": "1.5"}},
                          {"type": "Container", "max": {"cpu": "2.", "memory": "2."}}]),
    )
    .unwrap();
    assert_eq!(b.max, res("1.5"));
    let b = bounds(
        json!([{"type": "Container", "min": {"cpu": "1.5", "memory": "1.5"}},
                          {"type": "Container", "min": {"cpu": "1.", "memory": "1."}}]),
    )
    .unwrap();
    assert_eq!(b.min, res("1.5"));
    // across LimitRange objects too; other resources come from the first list only
    let b = vpa::limit_range_bounds(
        &[limit_range(json!([{"type": "Pod", "max": {"cpu": "4", "ephemeral-storage": "1Gi"}}])),
          limit_range(json!([{"type": "Pod", "max": {"cpu": "3", "memory": "1Gi", "ephemeral-storage": "2Gi"}}]))],
        "Pod",
    )
    .unwrap();
    assert_eq!(
        b.max,
        Some(list(&[
            ("cpu", "3"),
            ("memory", "1Gi"),
            ("ephemeral-storage", "1Gi")
        ]))
    );
    assert_eq!(b.default, None, "Pod items are not defaulted");
}

// ---------------------------------------------------------------------------------------------
// recommendation_provider_test.go
// ---------------------------------------------------------------------------------------------

fn provider_vpa(
    target: Value,
    min: Value,
    max: Value,
    controlled: Option<&str>,
) -> VerticalPodAutoscaler {
    let mut p = json!({"containerName": "container1", "minAllowed": min, "maxAllowed": max});
    if let Some(c) = controlled {
        p["controlledValues"] = json!(c);
    }
    vpa(
        json!({"containerPolicies": [p]}),
        json!({"containerRecommendations": [{"containerName": "container1", "target": target}]}),
    )
}

fn single(v: &VerticalPodAutoscaler, p: &Pod, lrs: &[LimitRange]) -> ContainerResources {
    let mut r = vpa::recommended_resources(v, p, lrs);
    assert_eq!(r.len(), 1, "{r:?}");
    r.remove(0)
}

/// TestUpdateResourceRequests (the cases that do not test Go-only error plumbing).
#[test]
#[allow(
    clippy::too_many_lines,
    reason = "upstream TestUpdateResourceRequests table, one data literal"
)]
fn upstream_update_resource_requests() {
    let base = || {
        provider_vpa(
            json!({"cpu": "2", "memory": "200Mi", "": "666"}),
            json!({"cpu": "1", "memory": "100Mi"}),
            json!({"cpu": "3", "memory": "1Gi"}),
            None,
        )
    };
    let c1 = |req: Value, lim: Value| pod(json!([container("container1", req, lim)]));
    let uninitialized = pod(json!([{"name": "container1"}]));
    let initialized = c1(json!({"cpu": "2", "memory": "100Mi"}), json!({}));
    let double = c1(
        json!({"cpu": "1", "memory": "100Mi"}),
        json!({"cpu": "2", "memory": "200Mi"}),
    );
    struct Case<'a> {
        name: &'a str,
        pod: &'a Pod,
        vpa: VerticalPodAutoscaler,
        lrs: Vec<LimitRange>,
        requests: [&'a str; 2],
        limits: [Option<&'a str>; 2],
        notes: Vec<&'a str>,
    }
    let guaranteed = c1(
        json!({"cpu": "2", "memory": "200Mi"}),
        json!({"cpu": "2", "memory": "200Mi"}),
    );
    let no_request = c1(json!({}), json!({"cpu": "2", "memory": "200Mi"}));
    let tenfold = c1(
        json!({"cpu": "1", "memory": "100Mi"}),
        json!({"cpu": "10", "memory": "1000Mi"}),
    );
    let cases = vec![
        Case {
            name: "uninitialized pod",
            pod: &uninitialized,
            vpa: base(),
            lrs: vec![],
            requests: ["2", "200Mi"],
            limits: [None, None],
            notes: vec![],
        },
        Case {
            name: "target below min",
            pod: &uninitialized,
            vpa: provider_vpa(
                json!({"cpu": "3", "memory": "150Mi"}),
                json!({"cpu": "4", "memory": "300Mi"}),
                json!({"cpu": "5", "memory": "1Gi"}),
                None,
            ),
            lrs: vec![],
            requests: ["4", "300Mi"],
            limits: [None, None],
            notes: vec!["cpu capped to minAllowed", "memory capped to minAllowed"],
        },
        Case {
            name: "target above max",
            pod: &uninitialized,
            vpa: provider_vpa(
                json!({"cpu": "7", "memory": "2Gi"}),
                json!({"cpu": "4", "memory": "300Mi"}),
                json!({"cpu": "5", "memory": "1Gi"}),
                None,
            ),
            lrs: vec![],
            requests: ["5", "1Gi"],
            limits: [None, None],
            notes: vec!["cpu capped to maxAllowed", "memory capped to maxAllowed"],
        },
        Case {
            name: "initialized pod",
            pod: &initialized,
            vpa: base(),
            lrs: vec![],
            requests: ["2", "200Mi"],
            limits: [None, None],
            notes: vec![],
        },
        Case {
            name: "high memory",
            pod: &initialized,
            vpa: provider_vpa(
                json!({"cpu": "2", "memory": "1000Mi"}),
                json!({}),
                json!({"cpu": "3", "memory": "3Gi"}),
                None,
            ),
            lrs: vec![],
            requests: ["2", "1000Mi"],
            limits: [None, None],
            notes: vec![],
        },
        Case {
            name: "guaranteed resources",
            pod: &guaranteed,
            vpa: base(),
            lrs: vec![],
            requests: ["2", "200Mi"],
            limits: [Some("2"), Some("200Mi")],
            notes: vec![],
        },
        Case {
            name: "guaranteed resources - no request",
            pod: &no_request,
            vpa: base(),
            lrs: vec![],
            requests: ["2", "200Mi"],
            limits: [Some("2"), Some("200Mi")],
            notes: vec![],
        },
        Case {
            name: "proportional limit - as default",
            pod: &double,
            vpa: base(),
            lrs: vec![],
            requests: ["2", "200Mi"],
            limits: [Some("4"), Some("400Mi")],
            notes: vec![],
        },
        Case {
            name: "proportional limit - set explicit",
            pod: &double,
            vpa: provider_vpa(
                json!({"cpu": "2", "memory": "200Mi"}),
                json!({"cpu": "1", "memory": "100Mi"}),
                json!({"cpu": "3", "memory": "1Gi"}),
                Some("RequestsAndLimits"),
            ),
            lrs: vec![],
            requests: ["2", "200Mi"],
            limits: [Some("4"), Some("400Mi")],
            notes: vec![],
        },
        Case {
            name: "disabled limit scaling",
            pod: &double,
            vpa: provider_vpa(
                json!({"cpu": "2", "memory": "200Mi"}),
                json!({"cpu": "1", "memory": "100Mi"}),
                json!({"cpu": "3", "memory": "1Gi"}),
                Some("RequestsOnly"),
            ),
            lrs: vec![],
            requests: ["2", "200Mi"],
            limits: [None, None],
            notes: vec![],
        },
        Case {
            name: "disabled limit scaling - requests capped at limit",
            pod: &double,
            vpa: provider_vpa(
                json!({"cpu": "3", "memory": "500Mi"}),
                json!({"cpu": "1", "memory": "100Mi"}),
                json!({"cpu": "5", "memory": "1Gi"}),
                Some("RequestsOnly"),
            ),
            lrs: vec![],
            requests: ["2", "200Mi"],
            limits: [None, None],
            notes: vec![
                "cpu capped to container limit",
                "memory capped to container limit",
            ],
        },
        Case {
            name: "limit over int64",
            pod: &tenfold,
            vpa: provider_vpa(
                json!({"cpu": "1Ei", "memory": "1Ei"}),
                json!({}),
                json!({"cpu": "1Ei", "memory": "1Ei"}),
                None,
            ),
            lrs: vec![],
            requests: ["1Ei", "1Ei"],
            limits: [Some("9223372036854775807m"), Some("9223372036854775807")],
            notes: vec![
                "cpu: failed to keep limit to request ratio; capping limit to int64",
                "memory: failed to keep limit to request ratio; capping limit to int64",
            ],
        },
        Case {
            name: "proportional limit from default",
            pod: &initialized,
            vpa: base(),
            lrs: vec![limit_range(
                json!([{"type": "Container", "default": {"cpu": "2", "memory": "100Mi"}}]),
            )],
            requests: ["2", "200Mi"],
            limits: [Some("2"), Some("200Mi")],
            notes: vec![],
        },
    ];
    for c in cases {
        let r = single(&c.vpa, c.pod, &c.lrs);
        assert!(
            !r.requests.contains_key(""),
            "{}: the empty resource is purged",
            c.name
        );
        assert_list(
            &r.requests,
            &[("cpu", c.requests[0]), ("memory", c.requests[1])],
            c.name,
        );
        for (res, want) in ["cpu", "memory"].into_iter().zip(c.limits) {
            assert_eq!(
                r.limits.get(res),
                want.map(q).as_ref(),
                "{}: {res} limit",
                c.name
            );
        }
        assert_eq!(r.annotations, c.notes, "{}", c.name);
    }
    // "empty recommendation", "nil recommendation": upstream returns one empty entry (no
    // patch); here no entry.
    let mut empty = base();
    empty.status.as_mut().unwrap().recommendation = Some(RecommendedPodResources::default());
    assert!(vpa::recommended_resources(&empty, &initialized, &[]).is_empty());
    empty.status = None;
    assert!(vpa::recommended_resources(&empty, &initialized, &[]).is_empty());
}

/// TestGetContainersResources, the `addAll: false` cases (the admission path); a missing
/// recommended resource gets no limit and the note says why.
#[test]
fn upstream_get_containers_resources() {
    let p = pod(json!([container(
        "container",
        json!({"cpu": "1", "memory": "1M"}),
        json!({"cpu": "10", "memory": "10M"})
    )]));
    let v = |target: Value| {
        vpa(
            Value::Null,
            json!({"containerRecommendations": [{"containerName": "container", "target": target}]}),
        )
    };
    let r = single(&v(json!({"cpu": "2", "memory": "2M"})), &p, &[]);
    assert_list(
        &r.requests,
        &[("cpu", "2"), ("memory", "2M")],
        "cpu and memory",
    );
    assert_list(
        &r.limits,
        &[("cpu", "20"), ("memory", "20M")],
        "cpu and memory",
    );
    let r = single(&v(json!({"cpu": "2"})), &p, &[]);
    assert_list(&r.requests, &[("cpu", "2")], "cpu only");
    assert_list(&r.limits, &[("cpu", "20")], "cpu only");
    assert_eq!(
        r.annotations,
        ["memory: limit NOT set since recommendedRequest is nil or 0"]
    );
    let r = single(&v(json!({"memory": "2M"})), &p, &[]);
    assert_list(&r.requests, &[("memory", "2M")], "memory only");
    assert_list(&r.limits, &[("memory", "20M")], "memory only");
    let p = pod(json!([container(
        "container",
        json!({"cpu": "1", "memory": "1M"}),
        json!({})
    )]));
    let r = single(&v(json!({"cpu": "2", "memory": "2M"})), &p, &[]);
    assert_list(
        &r.requests,
        &[("cpu", "2"), ("memory", "2M")],
        "only request set",
    );
    assert!(r.limits.is_empty());
    assert!(
        r.annotations.is_empty(),
        "no limit at all: upstream drops the notes"
    );
}
