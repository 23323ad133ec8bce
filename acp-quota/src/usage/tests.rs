//! Cases transcribed (as facts) from kubernetes `pkg/quota/v1/evaluator/core/pods_test.go`
//! (`TestPodConstraintsFunc`, `TestPodEvaluatorUsage`, `TestPodEvaluatorUsageStats`,
//! `TestPodEvaluatorMatchingScopes`) and `persistent_volume_claims_test.go`, plus ours.

use super::*;
use serde_json::{Value, json};

fn pod(v: Value) -> Pod {
    serde_json::from_value(v).unwrap()
}

fn rl(p: &[(&str, &str)]) -> ResourceList {
    ResourceList::parse_pairs(p.iter().copied()).unwrap()
}

fn t0() -> jiff::Timestamp {
    "2025-01-01T00:00:00Z".parse().unwrap()
}

fn usage(p: &Pod) -> ResourceList {
    pod_usage(p, t0(), &FeatureGates::all_enabled()).unwrap()
}

fn one_container(field: &str, req: Value, lim: Value) -> Pod {
    pod(json!({"spec": {field: [{"name": "", "resources": {"requests": req, "limits": lim}}]}}))
}

// TestPodConstraintsFunc
#[test]
fn upstream_pod_constraints() {
    let g = FeatureGates::all_enabled();
    let cpu_only = json!({"requests": {"cpu": "1m"}, "limits": {"cpu": "2m"}});
    let p = pod(json!({"spec": {"initContainers": [{"name": "dummy", "resources": cpu_only}]}}));
    assert_eq!(
        pod_constraints(&["memory"], &p, &g).as_deref(),
        Some("must specify memory for: dummy")
    );
    let p = pod(json!({"spec": {"initContainers": [
        {"name": "foo", "resources": cpu_only}, {"name": "bar", "resources": cpu_only}]}}));
    assert_eq!(
        pod_constraints(&["memory"], &p, &g).as_deref(),
        Some("must specify memory for: bar,foo")
    );
    let p = pod(json!({"spec": {"containers": [{"name": "dummy", "resources": cpu_only}]}}));
    assert_eq!(
        pod_constraints(&["memory"], &p, &g).as_deref(),
        Some("must specify memory for: dummy")
    );
    let p = pod(json!({"spec": {"containers": [
        {"name": "foo", "resources": cpu_only}, {"name": "bar", "resources": cpu_only}]}}));
    assert_eq!(
        pod_constraints(&["memory"], &p, &g).as_deref(),
        Some("must specify memory for: bar,foo")
    );
    let p = pod(json!({"spec": {"containers": [
        {"name": "foo", "resources": {}}, {"name": "bar", "resources": {}}]}}));
    assert_eq!(
        pod_constraints(&["memory", "cpu"], &p, &g).as_deref(),
        Some("must specify cpu for: bar,foo; memory for: bar,foo")
    );
    let p = pod(
        json!({"spec": {"resources": {"requests": {"cpu": "1m"}}, "containers": [
        {"name": "foo", "resources": {}}, {"name": "bar", "resources": {}}]}}),
    );
    assert_eq!(pod_constraints(&["memory", "cpu"], &p, &g), None);
    // with the gate off the pod-level resources do not lift the constraint
    let off = FeatureGates {
        pod_level_resources: false,
        ..g
    };
    assert!(pod_constraints(&["memory", "cpu"], &p, &off).is_some());
    // resources outside the validation set are never required
    assert_eq!(
        pod_constraints(&["pods", "requests.storage", "ephemeral-storage"], &p, &off),
        None
    );
    // limits.cpu is required from the limit, not the request
    let p = pod(
        json!({"spec": {"containers": [{"name": "a", "resources": {"requests": {"cpu": "1"}}}]}}),
    );
    assert_eq!(
        pod_constraints(&["limits.cpu", "requests.cpu"], &p, &g).as_deref(),
        Some("must specify limits.cpu for: a")
    );
}

// TestPodEvaluatorUsage
#[test]
fn upstream_pod_usage_per_resource() {
    for field in ["initContainers", "containers"] {
        let p = one_container(field, json!({"cpu": "1m"}), json!({"cpu": "2m"}));
        assert_eq!(
            usage(&p),
            rl(&[
                ("requests.cpu", "1m"),
                ("limits.cpu", "2m"),
                ("pods", "1"),
                ("cpu", "1m"),
                ("count/pods", "1")
            ])
        );
        let p = one_container(field, json!({"memory": "1m"}), json!({"memory": "2m"}));
        assert_eq!(
            usage(&p),
            rl(&[
                ("requests.memory", "1m"),
                ("limits.memory", "2m"),
                ("pods", "1"),
                ("memory", "1m"),
                ("count/pods", "1")
            ])
        );
        let p = one_container(
            field,
            json!({"ephemeral-storage": "32Mi"}),
            json!({"ephemeral-storage": "64Mi"}),
        );
        assert_eq!(
            usage(&p),
            rl(&[
                ("ephemeral-storage", "32Mi"),
                ("requests.ephemeral-storage", "32Mi"),
                ("limits.ephemeral-storage", "64Mi"),
                ("pods", "1"),
                ("count/pods", "1")
            ])
        );
        let p = one_container(field, json!({"hugepages-2Mi": "100Mi"}), json!({}));
        assert_eq!(
            usage(&p),
            rl(&[
                ("hugepages-2Mi", "100Mi"),
                ("requests.hugepages-2Mi", "100Mi"),
                ("pods", "1"),
                ("count/pods", "1")
            ])
        );
        let p = one_container(
            field,
            json!({"example.com/dongle": "3"}),
            json!({"example.com/dongle": "3"}),
        );
        assert_eq!(
            usage(&p),
            rl(&[
                ("requests.example.com/dongle", "3"),
                ("pods", "1"),
                ("count/pods", "1")
            ])
        );
        let dc = "deviceclass.resource.kubernetes.io/dongle";
        let p = one_container(field, json!({dc: "3"}), json!({dc: "3"}));
        assert_eq!(
            usage(&p),
            rl(&[
                ("requests.deviceclass.resource.kubernetes.io/dongle", "3"),
                ("pods", "1"),
                ("count/pods", "1")
            ])
        );
    }
}

// TestPodEvaluatorUsage: terminal, init maximums, deletion grace, overhead, pod-level
#[test]
#[allow(
    clippy::too_many_lines,
    reason = "upstream TestPodEvaluatorUsage table, one data literal"
)]
fn upstream_pod_usage_lifecycle_and_levels() {
    let mut p = one_container(
        "containers",
        json!({"example.com/dongle": "3"}),
        json!({"example.com/dongle": "3"}),
    );
    p.status = Some(serde_json::from_value(json!({"phase": "Succeeded"})).unwrap());
    assert_eq!(usage(&p), rl(&[("count/pods", "1")]));
    p.status = Some(serde_json::from_value(json!({"phase": "Failed"})).unwrap());
    assert_eq!(usage(&p), rl(&[("count/pods", "1")]));

    let r =
        |cpu: &str, mem: &str, d: &str| json!({"cpu": cpu, "memory": mem, "example.com/dongle": d});
    let p = pod(json!({"spec": {
        "initContainers": [
            {"name": "", "resources": {"requests": r("4", "100M", "4"), "limits": r("8", "200M", "4")}},
            {"name": "", "resources": {"requests": r("1", "50M", "2"), "limits": r("2", "100M", "2")}}],
        "containers": [
            {"name": "", "resources": {"requests": r("1", "50M", "1"), "limits": r("2", "100M", "1")}},
            {"name": "", "resources": {"requests": r("2", "25M", "2"), "limits": r("5", "50M", "2")}}]}}));
    assert_eq!(
        usage(&p),
        rl(&[
            ("requests.cpu", "4"),
            ("requests.memory", "100M"),
            ("limits.cpu", "8"),
            ("limits.memory", "200M"),
            ("pods", "1"),
            ("cpu", "4"),
            ("memory", "100M"),
            ("requests.example.com/dongle", "4"),
            ("count/pods", "1")
        ])
    );

    // deletion timestamp 60s ago with a 30s grace period: only count/pods
    let past = t0()
        .checked_sub(jiff::SignedDuration::from_secs(60))
        .unwrap();
    let mk = |ts: jiff::Timestamp| {
        pod(json!({
            "metadata": {"deletionTimestamp": ts.to_string(), "deletionGracePeriodSeconds": 30},
            "status": {"reason": "NodeLost"},
            "spec": {"containers": [{"name": "", "resources": {
                "requests": {"cpu": "1"}, "limits": {"cpu": "2"}}}]}}))
    };
    assert_eq!(usage(&mk(past)), rl(&[("count/pods", "1")]));
    assert_eq!(
        usage(&mk(t0())),
        rl(&[
            ("requests.cpu", "1"),
            ("limits.cpu", "2"),
            ("pods", "1"),
            ("cpu", "1"),
            ("count/pods", "1")
        ])
    );
    // exactly at the end of the grace period: still charged (strictly after)
    let edge = t0()
        .checked_sub(jiff::SignedDuration::from_secs(30))
        .unwrap();
    assert!(is_charged(&mk(edge), t0()));

    let p = pod(
        json!({"spec": {"overhead": {"cpu": "1"}, "containers": [{"name": "", "resources": {
        "requests": {"cpu": "1"}, "limits": {"cpu": "2"}}}]}}),
    );
    assert_eq!(
        usage(&p),
        rl(&[
            ("requests.cpu", "2"),
            ("limits.cpu", "3"),
            ("pods", "1"),
            ("cpu", "2"),
            ("count/pods", "1")
        ])
    );

    let p = pod(
        json!({"spec": {"containers": [], "resources": {"requests": {"cpu": "1m"}, "limits": {"cpu": "2m"}}}}),
    );
    assert_eq!(
        usage(&p),
        rl(&[
            ("requests.cpu", "1m"),
            ("limits.cpu", "2m"),
            ("pods", "1"),
            ("cpu", "1m"),
            ("count/pods", "1")
        ])
    );
    let p = pod(json!({"spec": {
        "resources": {"requests": {"memory": "1Mi"}, "limits": {"memory": "2Mi"}},
        "containers": [{"name": "", "resources": {
            "requests": {"ephemeral-storage": "32Mi"}, "limits": {"ephemeral-storage": "64Mi"}}}]}}));
    assert_eq!(
        usage(&p),
        rl(&[
            ("ephemeral-storage", "32Mi"),
            ("requests.ephemeral-storage", "32Mi"),
            ("limits.ephemeral-storage", "64Mi"),
            ("pods", "1"),
            ("requests.memory", "1Mi"),
            ("limits.memory", "2Mi"),
            ("memory", "1Mi"),
            ("count/pods", "1")
        ])
    );
}

fn sel(scope: &str, op: &str, values: &[&str]) -> ScopedResourceSelectorRequirement {
    ScopedResourceSelectorRequirement {
        scope_name: scope.into(),
        operator: op.into(),
        values: (!values.is_empty()).then(|| values.iter().map(|s| (*s).to_owned()).collect()),
    }
}

fn matching(p: &Pod, sels: &[ScopedResourceSelectorRequirement]) -> Vec<String> {
    sels.iter()
        .filter(|s| pod_matches_scope(s, p, &FeatureGates::all_enabled()).unwrap())
        .map(|s| GoSelector(s).to_string())
        .collect()
}

// TestPodEvaluatorMatchingScopes (the scope names each pod matches)
#[test]
fn upstream_matching_scopes() {
    let all = [
        sel("Terminating", "Exists", &[]),
        sel("NotTerminating", "Exists", &[]),
        sel("BestEffort", "Exists", &[]),
        sel("NotBestEffort", "Exists", &[]),
        sel("PriorityClass", "In", &["class1"]),
        sel("CrossNamespacePodAffinity", "Exists", &[]),
    ];
    let empty = pod(json!({}));
    assert_eq!(
        matching(&empty, &all),
        ["{NotTerminating Exists []}", "{BestEffort Exists []}"]
    );
    let p = pod(json!({"spec": {"containers": [], "priorityClassName": "class1"}}));
    assert_eq!(
        matching(&p, &all),
        [
            "{NotTerminating Exists []}",
            "{BestEffort Exists []}",
            "{PriorityClass In [class1]}"
        ]
    );
    let p = one_container(
        "containers",
        json!({"cpu": "1", "memory": "50M", "example.com/dongle": "1"}),
        json!({"cpu": "2", "memory": "100M", "example.com/dongle": "1"}),
    );
    assert_eq!(
        matching(&p, &all),
        ["{NotTerminating Exists []}", "{NotBestEffort Exists []}"]
    );
    let p = pod(json!({"spec": {"containers": [], "activeDeadlineSeconds": 30}}));
    assert_eq!(
        matching(&p, &all),
        ["{Terminating Exists []}", "{BestEffort Exists []}"]
    );
    let p = pod(
        json!({"spec": {"containers": [], "affinity": {"podAffinity": {
        "requiredDuringSchedulingIgnoredDuringExecution": [{"topologyKey": "k", "namespaces": ["ns1"]}]}}}}),
    );
    assert_eq!(
        matching(&p, &all),
        [
            "{NotTerminating Exists []}",
            "{BestEffort Exists []}",
            "{CrossNamespacePodAffinity Exists []}"
        ]
    );
    let p = pod(
        json!({"spec": {"containers": [], "affinity": {"podAntiAffinity": {
        "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 1, "podAffinityTerm": {
            "topologyKey": "k", "namespaceSelector": {}}}]}}}}),
    );
    assert!(uses_cross_namespace_pod_affinity(&p));
    let p = pod(
        json!({"spec": {"containers": [], "affinity": {"podAffinity": {
        "requiredDuringSchedulingIgnoredDuringExecution": [{"topologyKey": "k"}]}}}}),
    );
    assert!(!uses_cross_namespace_pod_affinity(&p));
}

#[test]
fn priority_class_operators() {
    let with = pod(json!({"spec": {"containers": [], "priorityClassName": "high"}}));
    let without = pod(json!({"spec": {"containers": []}}));
    let g = FeatureGates::all_enabled();
    let m = |s: &ScopedResourceSelectorRequirement, p: &Pod| pod_matches_scope(s, p, &g).unwrap();
    assert!(m(&sel("PriorityClass", "In", &["high", "low"]), &with));
    assert!(!m(&sel("PriorityClass", "In", &["low"]), &with));
    assert!(!m(&sel("PriorityClass", "In", &["high"]), &without));
    assert!(!m(&sel("PriorityClass", "NotIn", &["high"]), &with));
    assert!(m(&sel("PriorityClass", "NotIn", &["low"]), &with));
    assert!(m(&sel("PriorityClass", "NotIn", &["high"]), &without));
    assert!(m(&sel("PriorityClass", "Exists", &[]), &with));
    assert!(!m(&sel("PriorityClass", "Exists", &[]), &without));
    assert!(!m(&sel("PriorityClass", "DoesNotExist", &[]), &with));
    assert!(m(&sel("PriorityClass", "DoesNotExist", &[]), &without));
    // invalid selectors
    let e = pod_matches_scope(&sel("PriorityClass", "Gt", &["1"]), &with, &g).unwrap_err();
    assert_eq!(
        e.to_string(),
        "failed to parse and convert selector: \"Gt\" is not a valid scope selector operator"
    );
    let e = pod_matches_scope(&sel("PriorityClass", "In", &[]), &with, &g).unwrap_err();
    assert!(e.to_string().contains("values set can't be empty"), "{e}");
    let e =
        pod_matches_scope(&sel("PriorityClass", "DoesNotExist", &["x"]), &with, &g).unwrap_err();
    assert!(e.to_string().contains("values set must be empty"), "{e}");
    // an unknown scope never matches
    assert!(!m(&sel("Whatever", "Exists", &[]), &with));
}

// TestPodEvaluatorUsageStats: the charged pods of a namespace, summed (the quota controller).
#[test]
fn upstream_usage_stats_sum() {
    let mk = |pc: &str, phase: &str, cpu: bool| {
        let res = if cpu {
            json!({"requests": {"cpu": "1"}, "limits": {"cpu": "1"}})
        } else {
            json!({})
        };
        pod(
            json!({"spec": {"priorityClassName": pc, "containers": [{"name": "c", "resources": res}]},
                   "status": {"phase": phase}}),
        )
    };
    let pods = [
        mk("high-priority", "Running", true),
        mk("high-priority", "Succeeded", true),
        mk("low-priority", "Running", true),
        mk("high-priority", "Failed", false),
    ];
    let g = FeatureGates::all_enabled();
    let stats = |sels: &[ScopedResourceSelectorRequirement]| {
        let mut sum = ResourceList::new();
        for p in &pods {
            if sels.iter().all(|s| pod_matches_scope(s, p, &g).unwrap()) {
                sum.add_assign(&pod_usage(p, t0(), &g).unwrap());
            }
        }
        sum
    };
    let hp = sel("PriorityClass", "In", &["high-priority"]);
    // the first three pods with the "In high-priority" selector
    let s = stats(std::slice::from_ref(&hp));
    assert_eq!(
        s.mask(&["pods", "count/pods", "cpu", "requests.cpu", "limits.cpu"]),
        rl(&[
            ("pods", "1"),
            ("count/pods", "3"),
            ("cpu", "1"),
            ("requests.cpu", "1"),
            ("limits.cpu", "1")
        ])
    );
    // PriorityClass Exists + BestEffort + In: only the failed best-effort pod, count only
    let s = stats(&[
        sel("PriorityClass", "Exists", &[]),
        sel("BestEffort", "Exists", &[]),
        hp,
    ]);
    assert_eq!(s, rl(&[("count/pods", "1")]));
}

#[test]
fn matching_resources() {
    let input = [
        "requests.storage",
        "pods",
        "cpu",
        "count/pods",
        "services",
        "hugepages-2Mi",
        "requests.hugepages-1Gi",
        "requests.example.com/gpu",
        "example.com/gpu",
        "limits.example.com/gpu",
        "requests.deviceclass.resource.kubernetes.io/gpu",
        "gold.storageclass.storage.k8s.io/requests.storage",
    ];
    assert_eq!(
        pod_matching_resources(&input),
        [
            "count/pods",
            "cpu",
            "pods",
            "hugepages-2Mi",
            "requests.hugepages-1Gi",
            "requests.example.com/gpu",
            "requests.deviceclass.resource.kubernetes.io/gpu"
        ]
    );
    assert_eq!(
        pvc_matching_resources(&input),
        [
            "requests.storage",
            "gold.storageclass.storage.k8s.io/requests.storage"
        ]
    );
    assert!(is_extended_resource_name("example.com/gpu"));
    assert!(!is_extended_resource_name("kubernetes.io/gpu"));
    assert!(!is_extended_resource_name("cpu"));
    assert!(!is_extended_resource_name("requests.example.com/gpu"));
    assert!(!is_extended_resource_name("example.com/-bad"));
}

fn pvc(v: Value) -> PersistentVolumeClaim {
    serde_json::from_value(v).unwrap()
}

// persistent_volume_claims_test.go TestPersistentVolumeClaimEvaluatorUsage
#[test]
fn upstream_pvc_usage() {
    let p = pvc(json!({"spec": {"resources": {"requests": {"storage": "10Gi"}}}}));
    assert_eq!(
        pvc_usage(&p).unwrap(),
        rl(&[
            ("requests.storage", "10Gi"),
            ("persistentvolumeclaims", "1"),
            ("count/persistentvolumeclaims", "1")
        ])
    );
    let p = pvc(
        json!({"spec": {"storageClassName": "gold", "resources": {"requests": {"storage": "10Gi"}}}}),
    );
    assert_eq!(
        pvc_usage(&p).unwrap(),
        rl(&[
            ("requests.storage", "10Gi"),
            ("persistentvolumeclaims", "1"),
            ("gold.storageclass.storage.k8s.io/requests.storage", "10Gi"),
            (
                "gold.storageclass.storage.k8s.io/persistentvolumeclaims",
                "1"
            ),
            ("count/persistentvolumeclaims", "1")
        ])
    );
    // a fractional request is rounded up to a whole byte
    let p = pvc(json!({"spec": {"resources": {"requests": {"storage": "1m"}}}}));
    assert_eq!(
        pvc_usage(&p)
            .unwrap()
            .get("requests.storage")
            .unwrap()
            .to_string(),
        "1"
    );
    // the allocated size counts when larger
    let p = pvc(
        json!({"spec": {"resources": {"requests": {"storage": "10Gi"}}},
                       "status": {"allocatedResources": {"storage": "20Gi"}}}),
    );
    assert_eq!(
        pvc_usage(&p)
            .unwrap()
            .get("requests.storage")
            .unwrap()
            .to_string(),
        "20Gi"
    );
    let p = pvc(
        json!({"spec": {"resources": {"requests": {"storage": "10Gi"}}},
                       "status": {"allocatedResources": {"storage": "5Gi"}}}),
    );
    assert_eq!(
        pvc_usage(&p)
            .unwrap()
            .get("requests.storage")
            .unwrap()
            .to_string(),
        "10Gi"
    );
    // the beta annotation wins over spec.storageClassName
    let p = pvc(
        json!({"metadata": {"annotations": {"volume.beta.kubernetes.io/storage-class": "silver"}},
                       "spec": {"storageClassName": "gold", "resources": {"requests": {"storage": "1Gi"}}}}),
    );
    assert_eq!(pvc_storage_class(&p), "silver");
    assert!(
        pvc_usage(&p)
            .unwrap()
            .contains_key("silver.storageclass.storage.k8s.io/requests.storage")
    );
}

#[test]
fn pvc_volume_attributes_class_scope() {
    let g = FeatureGates::all_enabled();
    let with = pvc(json!({"spec": {"volumeAttributesClassName": "fast"}}));
    let without = pvc(json!({"spec": {}}));
    let vac = |op: &str, v: &[&str]| sel("VolumeAttributesClass", op, v);
    assert!(pvc_matches_scope(&vac("Exists", &[]), &with, &g).unwrap());
    assert!(!pvc_matches_scope(&vac("Exists", &[]), &without, &g).unwrap());
    assert!(pvc_matches_scope(&vac("In", &["fast"]), &with, &g).unwrap());
    assert!(pvc_matches_scope(&vac("NotIn", &["fast"]), &without, &g).unwrap());
    assert!(!pvc_matches_scope(&sel("BestEffort", "Exists", &[]), &with, &g).unwrap());
    let off = FeatureGates {
        volume_attributes_class: false,
        ..g
    };
    assert!(!pvc_matches_scope(&vac("Exists", &[]), &with, &off).unwrap());
}

#[test]
fn quota_scope_selectors_order() {
    let q: ResourceQuota = serde_json::from_value(json!({"spec": {
        "scopes": ["BestEffort"],
        "scopeSelector": {"matchExpressions": [{"scopeName": "PriorityClass", "operator": "In", "values": ["a"]}]}}}))
    .unwrap();
    let s: Vec<String> = quota_scope_selectors(&q)
        .iter()
        .map(|s| GoSelector(s).to_string())
        .collect();
    assert_eq!(s, ["{BestEffort Exists []}", "{PriorityClass In [a]}"]);
}
