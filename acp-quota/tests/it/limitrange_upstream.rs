//! LimitRange defaulting, LimitRanger mutation/validation and `ValidateLimitRange`, with cases
//! transcribed as facts from kubernetes `plugin/pkg/admission/limitranger/admission_test.go`
//! (TestDefaultContainerResourceRequirements, TestMergePodResourceRequirements, TestPodLimitFunc)
//! and `pkg/apis/core/v1/defaults_test.go` (TestSetDefaultLimitRangeItem), plus the seed's
//! LimitRange.
// seed 003:4108

use acp_quota::limitrange::{
    LIMIT_RANGER_ANNOTATION, LimitRanger, Violation, container_defaults, default_limit_range,
    default_pod_requests, validate_limit_range,
};
use acp_quota::usage::FeatureGates;
use k8s_openapi::api::core::v1::{LimitRange, PersistentVolumeClaim, Pod};
use serde_json::{Value, json};

use crate::support;

fn list(cpu: &str, memory: &str) -> Value {
    let mut m = serde_json::Map::new();
    if !cpu.is_empty() {
        m.insert("cpu".into(), json!(cpu));
    }
    if !memory.is_empty() {
        m.insert("memory".into(), json!(memory));
    }
    Value::Object(m)
}

fn storage(s: &str) -> Value {
    json!({ "ephemeral-storage": s })
}

fn res(requests: Value, limits: Value) -> Value {
    json!({"requests": requests, "limits": limits})
}

/// upstream `createLimitRange(type, min, max, default, defaultRequest, ratio)`.
fn lr(t: &str, min: Value, max: Value, def: Value, def_req: Value, ratio: Value) -> LimitRange {
    serde_json::from_value(json!({
        "metadata": {"name": "abc", "namespace": "test"},
        "spec": {"limits": [{"type": t, "min": min, "max": max, "default": def,
            "defaultRequest": def_req, "maxLimitRequestRatio": ratio}]}
    }))
    .unwrap()
}

fn none() -> Value {
    json!({})
}

/// upstream `validLimitRange()`.
fn valid_limit_range() -> LimitRange {
    serde_json::from_value(json!({
        "metadata": {"name": "abc", "namespace": "test"},
        "spec": {"limits": [
            {"type": "Pod", "max": list("200m", "4Gi"), "min": list("50m", "2Mi")},
            {"type": "Container", "max": list("100m", "2Gi"), "min": list("25m", "1Mi"),
             "default": list("75m", "10Mi"), "defaultRequest": list("50m", "5Mi")}
        ]}
    }))
    .unwrap()
}

/// upstream `validPod(name, n, resources)` plus `validPodInit(pod, inits...)`.
fn pod(name: &str, n: usize, r: Value, inits: &[Value]) -> Pod {
    let cs: Vec<Value> = (0..n)
        .map(|i| json!({"name": format!("foo-{i}"), "image": format!("foo:V{i}"), "resources": r}))
        .collect();
    let is: Vec<Value> = inits
        .iter()
        .enumerate()
        .map(|(i, r)| json!({"name": format!("foo-{i}"), "image": format!("foo:V{i}"), "resources": r}))
        .collect();
    let mut spec = json!({"containers": cs});
    if !is.is_empty() {
        spec["initContainers"] = json!(is);
    }
    serde_json::from_value(json!({"metadata": {"name": name, "namespace": "test"}, "spec": spec}))
        .unwrap()
}

fn resources_of(p: &Pod, i: usize) -> Value {
    serde_json::to_value(
        p.spec.as_ref().unwrap().containers[i]
            .resources
            .as_ref()
            .unwrap(),
    )
    .unwrap()
}

fn annotation(p: &Pod) -> Option<String> {
    p.metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(LIMIT_RANGER_ANNOTATION).cloned())
}

#[test]
fn default_container_resource_requirements() {
    let d = container_defaults(&valid_limit_range());
    assert_eq!(
        serde_json::to_value(&d.requests).unwrap(),
        list("50m", "5Mi")
    );
    assert_eq!(
        serde_json::to_value(&d.limits).unwrap(),
        list("75m", "10Mi")
    );
}

#[test]
fn merge_pod_resource_requirements() {
    let lrg = valid_limit_range();
    let ranger = LimitRanger::default();

    // no resources: everything from the defaults
    let mut p = pod("empty-resources", 1, res(none(), none()), &[]);
    ranger.mutate_pod(&lrg, &mut p);
    assert_eq!(
        resources_of(&p, 0),
        res(list("50m", "5Mi"), list("75m", "10Mi"))
    );
    assert_eq!(
        annotation(&p).unwrap(),
        "LimitRanger plugin set: cpu, memory request for container foo-0; cpu, memory limit for container foo-0"
    );

    // some resources: only the empty keys are merged, init containers too
    let input = res(list("", "512Mi"), none());
    let mut p = pod("limit-memory", 1, input.clone(), &[input]);
    ranger.mutate_pod(&lrg, &mut p);
    let expected = res(list("50m", "512Mi"), list("75m", "10Mi"));
    assert_eq!(resources_of(&p, 0), expected);
    let init = p.spec.as_ref().unwrap().init_containers.as_ref().unwrap()[0].clone();
    assert_eq!(
        serde_json::to_value(init.resources.unwrap()).unwrap(),
        expected
    );
    assert_eq!(
        annotation(&p).unwrap(),
        "LimitRanger plugin set: cpu request for container foo-0; cpu, memory limit for container foo-0; \
         cpu request for init container foo-0; cpu, memory limit for init container foo-0"
    );

    // everything set: nothing merged, no annotation
    let input = res(list("100m", "512Mi"), list("200m", "1G"));
    let init = res(list("200m", "1G"), list("400m", "2G"));
    let mut p = pod("limit-memory", 1, input.clone(), &[init]);
    assert_eq!(ranger.mutate_pod(&lrg, &mut p), None);
    assert_eq!(resources_of(&p, 0), input);
    assert_eq!(annotation(&p), None);
}

#[test]
#[allow(
    clippy::too_many_lines,
    reason = "upstream TestPodLimitFunc success cases table, one data literal"
)]
fn pod_limit_func_success_cases() {
    let ctr = "Container";
    let podt = "Pod";
    let r = res;
    let l = list;
    let s = storage;
    let cases: Vec<(Pod, LimitRange)> = vec![
        (
            pod("ctr-min-cpu-request", 1, r(l("100m", ""), none()), &[]),
            lr(ctr, l("50m", ""), none(), none(), none(), none()),
        ),
        (
            pod(
                "ctr-min-cpu-request-limit",
                1,
                r(l("100m", ""), l("200m", "")),
                &[],
            ),
            lr(ctr, l("50m", ""), none(), none(), none(), none()),
        ),
        (
            pod("ctr-min-memory-request", 1, r(l("", "60Mi"), none()), &[]),
            lr(ctr, l("", "50Mi"), none(), none(), none(), none()),
        ),
        (
            pod(
                "ctr-min-memory-request-limit",
                1,
                r(l("", "60Mi"), l("", "100Mi")),
                &[],
            ),
            lr(ctr, l("", "50Mi"), none(), none(), none(), none()),
        ),
        (
            pod(
                "ctr-max-cpu-request-limit",
                1,
                r(l("500m", ""), l("1", "")),
                &[],
            ),
            lr(ctr, none(), l("2", ""), none(), none(), none()),
        ),
        (
            pod("ctr-max-cpu-limit", 1, r(none(), l("1", "")), &[]),
            lr(ctr, none(), l("2", ""), none(), none(), none()),
        ),
        (
            pod(
                "ctr-max-mem-request-limit",
                1,
                r(l("", "250Mi"), l("", "500Mi")),
                &[],
            ),
            lr(ctr, none(), l("", "1Gi"), none(), none(), none()),
        ),
        (
            pod("ctr-max-cpu-ratio", 1, r(l("500m", ""), l("750m", "")), &[]),
            lr(ctr, none(), none(), none(), none(), l("1.5", "")),
        ),
        (
            pod("ctr-max-mem-limit", 1, r(none(), l("", "500Mi")), &[]),
            lr(ctr, none(), l("", "1Gi"), none(), none(), none()),
        ),
        (
            pod("pod-min-cpu-request", 2, r(l("75m", ""), none()), &[]),
            lr(podt, l("100m", ""), none(), none(), none(), none()),
        ),
        (
            pod(
                "pod-min-cpu-request-limit",
                2,
                r(l("75m", ""), l("200m", "")),
                &[],
            ),
            lr(podt, l("100m", ""), none(), none(), none(), none()),
        ),
        (
            pod("pod-min-memory-request", 2, r(l("", "60Mi"), none()), &[]),
            lr(podt, l("", "100Mi"), none(), none(), none(), none()),
        ),
        (
            pod(
                "pod-min-memory-request-limit",
                2,
                r(l("", "60Mi"), l("", "100Mi")),
                &[],
            ),
            lr(podt, l("", "100Mi"), none(), none(), none(), none()),
        ),
        (
            pod(
                "pod-init-min-memory-request",
                2,
                r(l("", "60Mi"), none()),
                &[r(l("", "100Mi"), none())],
            ),
            lr(podt, l("", "100Mi"), none(), none(), none(), none()),
        ),
        (
            pod(
                "pod-init-min-memory-request-limit",
                2,
                r(l("", "60Mi"), l("", "100Mi")),
                &[r(l("", "80Mi"), l("", "100Mi"))],
            ),
            lr(podt, l("", "100Mi"), none(), none(), none(), none()),
        ),
        (
            pod(
                "pod-max-cpu-request-limit",
                2,
                r(l("500m", ""), l("1", "")),
                &[],
            ),
            lr(podt, none(), l("2", ""), none(), none(), none()),
        ),
        (
            pod("pod-max-cpu-limit", 2, r(none(), l("1", "")), &[]),
            lr(podt, none(), l("2", ""), none(), none(), none()),
        ),
        (
            pod(
                "pod-init-max-cpu-request-limit",
                2,
                r(l("500m", ""), l("1", "")),
                &[r(l("1", ""), l("2", "")), r(l("1", ""), l("1", ""))],
            ),
            lr(podt, none(), l("2", ""), none(), none(), none()),
        ),
        (
            pod(
                "pod-init-max-cpu-limit",
                2,
                r(none(), l("1", "")),
                &[r(none(), l("2", "")), r(none(), l("2", ""))],
            ),
            lr(podt, none(), l("2", ""), none(), none(), none()),
        ),
        (
            pod(
                "pod-max-mem-request-limit",
                2,
                r(l("", "250Mi"), l("", "500Mi")),
                &[],
            ),
            lr(podt, none(), l("", "1Gi"), none(), none(), none()),
        ),
        (
            pod("pod-max-mem-limit", 2, r(none(), l("", "500Mi")), &[]),
            lr(podt, none(), l("", "1Gi"), none(), none(), none()),
        ),
        (
            pod(
                "pod-max-mem-ratio",
                3,
                r(l("", "300Mi"), l("", "450Mi")),
                &[],
            ),
            lr(podt, none(), l("", "2Gi"), none(), none(), l("", "1.5")),
        ),
        (
            pod(
                "ctr-1-min-local-ephemeral-storage-request",
                1,
                r(s("60Mi"), none()),
                &[],
            ),
            lr(ctr, s("50Mi"), none(), none(), none(), none()),
        ),
        (
            pod(
                "ctr-1-min-local-ephemeral-storage-request-limit",
                1,
                r(s("60Mi"), s("100Mi")),
                &[],
            ),
            lr(ctr, s("50Mi"), none(), none(), none(), none()),
        ),
        (
            pod(
                "ctr-1-max-local-ephemeral-storage-request-limit",
                1,
                r(s("250Mi"), s("500Mi")),
                &[],
            ),
            lr(ctr, none(), s("1Gi"), none(), none(), none()),
        ),
        (
            pod(
                "ctr-1-max-local-ephemeral-storage-limit",
                1,
                r(none(), s("500Mi")),
                &[],
            ),
            lr(ctr, none(), s("1Gi"), none(), none(), none()),
        ),
        (
            pod(
                "ctr-2-max-local-ephemeral-storage-request-limit",
                2,
                r(s("250Mi"), s("500Mi")),
                &[],
            ),
            lr(ctr, none(), s("600Mi"), none(), none(), none()),
        ),
        (
            pod(
                "pod-min-local-ephemeral-storage-request",
                2,
                r(s("60Mi"), none()),
                &[],
            ),
            lr(podt, s("100Mi"), none(), none(), none(), none()),
        ),
        (
            pod(
                "pod-init-min-local-ephemeral-storage-request",
                2,
                r(s("60Mi"), none()),
                &[r(s("100Mi"), none())],
            ),
            lr(podt, s("100Mi"), none(), none(), none(), none()),
        ),
        (
            pod(
                "pod-max-local-ephemeral-storage-request-limit",
                2,
                r(s("250Mi"), s("500Mi")),
                &[],
            ),
            lr(podt, none(), s("1Gi"), none(), none(), none()),
        ),
        (
            pod(
                "pod-max-local-ephemeral-storage-ratio",
                3,
                r(s("300Mi"), s("450Mi")),
                &[],
            ),
            lr(podt, none(), s("2Gi"), none(), none(), s("1.5")),
        ),
    ];
    let ranger = LimitRanger::default();
    for (mut p, lrg) in cases {
        ranger.mutate_pod(&lrg, &mut p);
        let name = p.metadata.name.clone().unwrap();
        assert_eq!(ranger.validate_pod(&lrg, &p), Ok(()), "{name}");
    }
}

#[test]
#[allow(
    clippy::too_many_lines,
    reason = "upstream TestPodLimitFunc error cases table, one data literal"
)]
fn pod_limit_func_error_cases_with_upstream_texts() {
    let ctr = "Container";
    let podt = "Pod";
    let r = res;
    let l = list;
    let s = storage;
    let cases: Vec<(Pod, LimitRange, &str)> = vec![
        (
            pod("ctr-min-cpu-request", 1, r(l("40m", ""), none()), &[]),
            lr(ctr, l("50m", ""), none(), none(), none(), none()),
            "minimum cpu usage per Container is 50m, but request is 40m",
        ),
        (
            pod(
                "ctr-min-cpu-request-limit",
                1,
                r(l("40m", ""), l("200m", "")),
                &[],
            ),
            lr(ctr, l("50m", ""), none(), none(), none(), none()),
            "minimum cpu usage per Container is 50m, but request is 40m",
        ),
        (
            pod("ctr-min-cpu-no-request-limit", 1, r(none(), none()), &[]),
            lr(ctr, l("50m", ""), none(), none(), none(), none()),
            "minimum cpu usage per Container is 50m.  No request is specified",
        ),
        (
            pod("ctr-min-memory-request", 1, r(l("", "40Mi"), none()), &[]),
            lr(ctr, l("", "50Mi"), none(), none(), none(), none()),
            "minimum memory usage per Container is 50Mi, but request is 40Mi",
        ),
        (
            pod("ctr-min-memory-no-request-limit", 1, r(none(), none()), &[]),
            lr(ctr, l("", "50Mi"), none(), none(), none(), none()),
            "minimum memory usage per Container is 50Mi.  No request is specified",
        ),
        (
            pod(
                "ctr-max-cpu-request-limit",
                1,
                r(l("500m", ""), l("2500m", "")),
                &[],
            ),
            lr(ctr, none(), l("2", ""), none(), none(), none()),
            "maximum cpu usage per Container is 2, but limit is 2500m",
        ),
        (
            pod("ctr-max-cpu-limit", 1, r(none(), l("2500m", "")), &[]),
            lr(ctr, none(), l("2", ""), none(), none(), none()),
            "maximum cpu usage per Container is 2, but limit is 2500m",
        ),
        (
            pod("ctr-max-cpu-no-request-limit", 1, r(none(), none()), &[]),
            lr(ctr, none(), l("2", ""), none(), none(), none()),
            "maximum cpu usage per Container is 2.  No limit is specified",
        ),
        (
            pod(
                "ctr-max-cpu-ratio",
                1,
                r(l("1250m", ""), l("2500m", "")),
                &[],
            ),
            lr(ctr, none(), none(), none(), none(), l("1", "")),
            "cpu max limit to request ratio per Container is 1, but provided ratio is 2.000000",
        ),
        (
            pod(
                "ctr-max-mem-request-limit",
                1,
                r(l("", "250Mi"), l("", "2Gi")),
                &[],
            ),
            lr(ctr, none(), l("", "1Gi"), none(), none(), none()),
            "maximum memory usage per Container is 1Gi, but limit is 2Gi",
        ),
        (
            pod("ctr-max-mem-no-request-limit", 1, r(none(), none()), &[]),
            lr(ctr, none(), l("", "1Gi"), none(), none(), none()),
            "maximum memory usage per Container is 1Gi.  No limit is specified",
        ),
        (
            pod("pod-min-cpu-request", 1, r(l("75m", ""), none()), &[]),
            lr(podt, l("100m", ""), none(), none(), none(), none()),
            "minimum cpu usage per Pod is 100m, but request is 75m",
        ),
        (
            pod(
                "pod-min-memory-request-limit",
                1,
                r(l("", "60Mi"), l("", "100Mi")),
                &[],
            ),
            lr(podt, l("", "100Mi"), none(), none(), none(), none()),
            "minimum memory usage per Pod is 100Mi, but request is 60Mi",
        ),
        (
            pod(
                "pod-max-cpu-request-limit",
                3,
                r(l("500m", ""), l("1", "")),
                &[],
            ),
            lr(podt, none(), l("2", ""), none(), none(), none()),
            "maximum cpu usage per Pod is 2, but limit is 3",
        ),
        (
            pod(
                "pod-max-mem-request-limit",
                3,
                r(l("", "250Mi"), l("", "500Mi")),
                &[],
            ),
            lr(podt, none(), l("", "1Gi"), none(), none(), none()),
            "maximum memory usage per Pod is 1Gi, but limit is 1500Mi",
        ),
        (
            pod(
                "pod-init-max-mem-limit",
                1,
                r(none(), l("", "500Mi")),
                &[r(none(), l("", "1.5Gi"))],
            ),
            lr(podt, none(), l("", "1Gi"), none(), none(), none()),
            "maximum memory usage per Pod is 1Gi, but limit is 1536Mi",
        ),
        (
            pod(
                "pod-max-mem-ratio",
                3,
                r(l("", "250Mi"), l("", "500Mi")),
                &[],
            ),
            lr(podt, none(), l("", "2Gi"), none(), none(), l("", "1.5")),
            "memory max limit to request ratio per Pod is 1500m, but provided ratio is 2.000000",
        ),
        (
            pod(
                "ctr-1-min-local-ephemeral-storage-request",
                1,
                r(s("40Mi"), none()),
                &[],
            ),
            lr(ctr, s("50Mi"), none(), none(), none(), none()),
            "minimum ephemeral-storage usage per Container is 50Mi, but request is 40Mi",
        ),
    ];
    let ranger = LimitRanger::default();
    for (mut p, lrg, msg) in cases {
        ranger.mutate_pod(&lrg, &mut p);
        let name = p.metadata.name.clone().unwrap();
        let errs = ranger.validate_pod(&lrg, &p).expect_err(&name);
        assert_eq!(errs.as_slice()[0].to_string(), msg, "{name}");
    }
}

#[test]
fn rejection_text_is_the_apiservers() {
    let lrg = lr(
        "Container",
        none(),
        list("1", "1Gi"),
        none(),
        none(),
        none(),
    );
    let mut p = pod("web", 2, res(none(), list("2", "")), &[]);
    let e = LimitRanger::default()
        .admit_pod(&[lrg], &mut p)
        .unwrap_err();
    // two containers, identical messages deduplicated as utilerrors.NewAggregate does
    assert_eq!(
        e.to_string(),
        r#"pods "web" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 1Gi.  No limit is specified]"#
    );
    assert_eq!(e.violations.len(), 4);
    assert_eq!(e.limit_range, "abc");
}

#[test]
fn sidecars_and_init_containers_aggregate_like_limitranger() {
    // containers 100m; sidecar 50m (restartPolicy Always); regular init 200m, after the sidecar.
    let p: Pod = serde_json::from_value(json!({
        "metadata": {"name": "p"},
        "spec": {
            "containers": [{"name": "a", "resources": {"requests": {"cpu": "100m"}}}],
            "initContainers": [
                {"name": "side", "restartPolicy": "Always", "resources": {"requests": {"cpu": "50m"}}},
                {"name": "init", "resources": {"requests": {"cpu": "200m"}}}
            ]
        }
    }))
    .unwrap();
    let r = LimitRanger::default().pod_requests(&p).unwrap();
    // max(100m + 50m, 200m + 50m)
    assert_eq!(r["cpu"].to_string(), "250m");
}

#[test]
fn pod_level_resources_override_the_sums_when_enabled() {
    let p: Pod = serde_json::from_value(json!({
        "metadata": {"name": "p"},
        "spec": {
            "resources": {"limits": {"cpu": "4"}},
            "containers": [{"name": "a", "resources": {"limits": {"cpu": "1", "memory": "1Gi"}}}]
        }
    }))
    .unwrap();
    let on = LimitRanger {
        gates: FeatureGates::all_enabled(),
    };
    let off = LimitRanger {
        gates: FeatureGates::all_enabled().with_pod_level_resources(false),
    };
    assert_eq!(on.pod_limits(&p).unwrap()["cpu"].to_string(), "4");
    assert_eq!(on.pod_limits(&p).unwrap()["memory"].to_string(), "1Gi");
    assert_eq!(off.pod_limits(&p).unwrap()["cpu"].to_string(), "1");
}

#[test]
fn pod_overhead_is_not_counted() {
    let p: Pod = serde_json::from_value(json!({
        "metadata": {"name": "p"},
        "spec": {"overhead": {"cpu": "250m"},
                 "containers": [{"name": "a", "resources": {"requests": {"cpu": "100m"}}}]}
    }))
    .unwrap();
    assert_eq!(
        LimitRanger::default().pod_requests(&p).unwrap()["cpu"].to_string(),
        "100m"
    );
}

#[test]
fn pvc_min_and_max_apply_to_requests_only() {
    let lrg: LimitRange = serde_json::from_value(json!({
        "metadata": {"name": "storage"},
        "spec": {"limits": [{"type": "PersistentVolumeClaim",
            "min": {"storage": "1Gi"}, "max": {"storage": "10Gi"}}]}
    }))
    .unwrap();
    let claim = |req: Value| -> PersistentVolumeClaim {
        serde_json::from_value(json!({"metadata": {"name": "data"},
            "spec": {"resources": {"requests": req, "limits": {"storage": "100Gi"}}}}))
        .unwrap()
    };
    let ranger = LimitRanger::default();
    assert_eq!(
        ranger.admit_pvc(
            std::slice::from_ref(&lrg),
            &claim(json!({"storage": "5Gi"}))
        ),
        Ok(())
    );
    assert_eq!(
        ranger
            .admit_pvc(
                std::slice::from_ref(&lrg),
                &claim(json!({"storage": "500Mi"}))
            )
            .unwrap_err()
            .to_string(),
        r#"persistentvolumeclaims "data" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi"#
    );
    assert_eq!(
        ranger
            .validate_pvc(&lrg, &claim(json!({"storage": "20Gi"})))
            .unwrap_err()
            .as_slice()[0]
            .to_string(),
        "maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi"
    );
    assert_eq!(
        ranger
            .validate_pvc(&lrg, &claim(json!({})))
            .unwrap_err()
            .iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>(),
        vec![
            "minimum storage usage per PersistentVolumeClaim is 1Gi.  No request is specified",
            "maximum storage usage per PersistentVolumeClaim is 10Gi.  No request is specified",
        ]
    );
}

#[test]
fn milli_value_comparison_and_whole_unit_fallback() {
    // 1.0001 cpu and 1001m: milli values 1001 and 1001, so equal for the constraint
    let lrg = lr(
        "Container",
        none(),
        list("1001m", ""),
        none(),
        none(),
        none(),
    );
    let p = pod("p", 1, res(none(), list("1.0001", "")), &[]);
    assert_eq!(LimitRanger::default().validate_pod(&lrg, &p), Ok(()));
    // above MaxMilliValue the comparison is in whole units rounded up: a request half a unit
    // below min passes
    let lrg = lr(
        "Container",
        json!({"memory": "9E"}),
        none(),
        none(),
        none(),
        none(),
    );
    let p = pod(
        "p",
        1,
        res(json!({"memory": "8999999999999999999.5"}), none()),
        &[],
    );
    assert_eq!(LimitRanger::default().validate_pod(&lrg, &p), Ok(()));
    let p = pod(
        "p",
        1,
        res(json!({"memory": "8999999999999999998.5"}), none()),
        &[],
    );
    assert!(LimitRanger::default().validate_pod(&lrg, &p).is_err());
}

#[test]
fn unparsable_quantities_are_reported_not_panicked_on() {
    let lrg = lr("Container", none(), list("1", ""), none(), none(), none());
    let p = pod("p", 1, res(none(), list("lots", "")), &[]);
    let errs = LimitRanger::default().validate_pod(&lrg, &p).unwrap_err();
    assert!(matches!(
        errs.as_slice()[0],
        Violation::InvalidQuantity { .. }
    ));
    assert_eq!(
        errs.as_slice()[0].to_string(),
        "spec.containers[0].resources.limits[cpu]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    );
}

#[test]
fn set_default_limit_range_item() {
    // defaults_test.go TestSetDefaultLimitRangeItem: max cpu 100m, min memory 100Mi
    let mut lrg = lr(
        "Container",
        list("", "100Mi"),
        list("100m", ""),
        none(),
        none(),
        none(),
    );
    default_limit_range(&mut lrg);
    let item = &lrg.spec.as_ref().unwrap().limits[0];
    assert_eq!(
        serde_json::to_value(&item.default).unwrap(),
        list("100m", "")
    );
    assert_eq!(
        serde_json::to_value(&item.default_request).unwrap(),
        list("100m", "100Mi")
    );
    // Pod items are not defaulted
    let mut lrg = lr(
        "Pod",
        list("", "100Mi"),
        list("100m", ""),
        none(),
        none(),
        none(),
    );
    default_limit_range(&mut lrg);
    assert_eq!(
        serde_json::to_value(&lrg.spec.unwrap().limits[0].default).unwrap(),
        none()
    );
    // existing keys are kept: default 50m stays although max is 100m
    let mut lrg = lr(
        "Container",
        none(),
        list("100m", ""),
        list("50m", ""),
        none(),
        none(),
    );
    default_limit_range(&mut lrg);
    let item = &lrg.spec.as_ref().unwrap().limits[0];
    assert_eq!(
        serde_json::to_value(&item.default_request).unwrap(),
        list("50m", "")
    );
}

#[test]
fn pod_requests_default_to_limits() {
    let mut p = pod(
        "p",
        1,
        res(list("100m", ""), list("200m", "1Gi")),
        &[res(none(), list("1", ""))],
    );
    default_pod_requests(p.spec.as_mut().unwrap());
    assert_eq!(
        resources_of(&p, 0),
        res(list("100m", "1Gi"), list("200m", "1Gi"))
    );
    let init = p.spec.as_ref().unwrap().init_containers.as_ref().unwrap()[0].clone();
    assert_eq!(
        serde_json::to_value(init.resources.unwrap()).unwrap(),
        res(list("1", ""), list("1", ""))
    );
}

#[test]
fn seed_l4108_limitrange_defaults_a_bare_pod_and_rejects_a_big_one() {
    let mut lrg: LimitRange = support::yaml("003/L4108-limitrange-example-limitrange.yaml");
    assert!(validate_limit_range(&lrg).is_empty());
    default_limit_range(&mut lrg);
    let ranger = LimitRanger::default();

    let mut bare = pod("bare", 1, Value::Null, &[]);
    ranger
        .create_pod(std::slice::from_ref(&lrg), &mut bare)
        .unwrap();
    assert_eq!(
        resources_of(&bare, 0),
        res(list("50m", "50Mi"), list("100m", "100Mi"))
    );

    let mut big = pod("big", 1, res(none(), list("2", "")), &[]);
    let e = ranger
        .create_pod(std::slice::from_ref(&lrg), &mut big)
        .unwrap_err();
    // "1000m" is not canonical, so apimachinery prints it as "1"
    assert_eq!(
        e.to_string(),
        r#"pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2"#
    );
    // the pod's own default made request = limit = 2 before LimitRanger ran
    assert_eq!(resources_of(&big, 0)["requests"]["cpu"], "2");
}

fn errs_of(limits: Value) -> Vec<String> {
    let lrg: LimitRange = serde_json::from_value(json!({
        "metadata": {"name": "abc", "namespace": "test"}, "spec": {"limits": limits}
    }))
    .unwrap();
    validate_limit_range(&lrg)
        .iter()
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn validate_limit_range_messages() {
    assert_eq!(
        errs_of(json!([{"type": "Container", "min": list("100m", ""), "max": list("10m", "")}])),
        vec![
            r#"spec.limits[0].min[cpu]: Invalid value: "100m": min value 100m is greater than max value 10m"#
        ]
    );
    assert_eq!(
        errs_of(
            json!([{"type": "Container", "min": list("", "10Mi"), "max": list("", "1Gi"),
            "default": list("", "2Gi"), "defaultRequest": list("", "5Mi")}])
        ),
        vec![
            r#"spec.limits[0].defaultRequest[memory]: Invalid value: "5Mi": min value 10Mi is greater than default request value 5Mi"#,
            r#"spec.limits[0].default[memory]: Invalid value: "1Gi": default value 2Gi is greater than max value 1Gi"#,
        ]
    );
    assert_eq!(
        errs_of(
            json!([{"type": "Container", "max": list("1", ""), "default": list("500m", ""),
            "defaultRequest": list("2", "")}])
        ),
        vec![
            r#"spec.limits[0].defaultRequest[cpu]: Invalid value: "2": default request value 2 is greater than max value 1"#,
            r#"spec.limits[0].defaultRequest[cpu]: Invalid value: "2": default request value 2 is greater than default limit value 500m"#,
        ]
    );
    assert_eq!(
        errs_of(
            json!([{"type": "Container", "min": list("200m", ""), "default": list("100m", "")}])
        ),
        vec![
            r#"spec.limits[0].default[cpu]: Invalid value: "200m": min value 200m is greater than default value 100m"#
        ]
    );
    assert_eq!(
        errs_of(
            json!([{"type": "Pod", "maxLimitRequestRatio": list("800m", ""),
            "default": list("1", ""), "defaultRequest": list("1", "")}])
        ),
        vec![
            "spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'",
            "spec.limits[0].defaultRequest: Forbidden: may not be specified when `type` is 'Pod'",
            r#"spec.limits[0].maxLimitRequestRatio[cpu]: Invalid value: "800m": ratio 800m is less than 1"#,
        ]
    );
    assert_eq!(
        errs_of(
            json!([{"type": "Container", "min": list("100m", ""), "max": list("1", ""),
            "maxLimitRequestRatio": list("20", "")}])
        ),
        vec![
            r#"spec.limits[0].maxLimitRequestRatio[cpu]: Invalid value: "20": ratio 20 is greater than max/min = 10.000000"#
        ]
    );
    assert_eq!(
        errs_of(json!([{"type": "PersistentVolumeClaim", "max": {"cpu": "1"}}])),
        vec![
            "spec.limits[0].limits: Required value: either minimum or maximum storage value is required, but neither was provided"
        ]
    );
    assert_eq!(
        errs_of(
            json!([{"type": "Container", "default": {"example.com/gpu": "2"},
            "defaultRequest": {"example.com/gpu": "1"}}])
        ),
        vec![
            r#"spec.limits[0].defaultRequest[example.com/gpu]: Invalid value: "1": default value 2 must equal to defaultRequest value 1 in example.com/gpu"#
        ]
    );
    assert_eq!(
        errs_of(
            json!([{"type": "Container", "max": {"pods": "1", "foo": "1"}}, {"type": "Container"}, {"type": "Node"}])
        ),
        vec![
            r#"spec.limits[0].max[foo]: Invalid value: "foo": must be a standard resource type or fully qualified"#,
            r#"spec.limits[0].max[foo]: Invalid value: "foo": must be a standard resource for containers"#,
            r#"spec.limits[0].max[pods]: Invalid value: "pods": must be a standard resource for containers"#,
            r#"spec.limits[1].type: Duplicate value: "Container""#,
            r#"spec.limits[2].type: Invalid value: "Node": must be a standard limit type or fully qualified"#,
        ]
    );
    assert_eq!(
        errs_of(json!([{"type": "example.com/custom", "max": {"example.com/bad_": "1"}}])).len(),
        1
    );
}

#[test]
fn pod_level_hugepages_do_not_override_unlike_component_helpers() {
    let p: Pod = serde_json::from_value(json!({
        "metadata": {"name": "p"},
        "spec": {
            "resources": {"limits": {"hugepages-2Mi": "8Mi", "memory": "2Gi"}},
            "containers": [{"name": "a", "resources": {"limits": {"hugepages-2Mi": "2Mi", "memory": "1Gi"}}}]
        }
    }))
    .unwrap();
    let l = LimitRanger {
        gates: FeatureGates::all_enabled(),
    }
    .pod_limits(&p)
    .unwrap();
    assert_eq!(l["hugepages-2Mi"].to_string(), "2Mi");
    assert_eq!(l["memory"].to_string(), "2Gi");
}

/// `PodLevelResources` is off by default before 1.34 (alpha) and on from 1.34 (beta): the
/// default LimitRanger follows the minor this build selects.
#[test]
fn default_limit_ranger_follows_the_selected_minor() {
    let p: Pod = serde_json::from_value(json!({
        "metadata": {"name": "p"},
        "spec": {
            "resources": {"limits": {"cpu": "4"}},
            "containers": [{"name": "a", "resources": {"limits": {"cpu": "1"}}}]
        }
    }))
    .unwrap();
    let want = if acp_model::kube_version::MINOR >= 34 {
        "4"
    } else {
        "1"
    };
    assert_eq!(
        LimitRanger::default().pod_limits(&p).unwrap()["cpu"].to_string(),
        want
    );
}
