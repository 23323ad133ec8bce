//! Cases transcribed (as facts) from kubernetes `plugin/pkg/admission/resourcequota/admission_test.go`
//! (each test names its upstream test), plus ours and the monotonicity property.

use super::*;
use proptest::prelude::*;
use serde_json::{Value, json};

fn quota(name: &str, spec: Value, hard: Value, used: Value) -> ResourceQuota {
    serde_json::from_value(json!({
        "metadata": {"name": name, "namespace": "test", "resourceVersion": "124"},
        "spec": spec,
        "status": {"hard": hard, "used": used}
    }))
    .unwrap()
}

/// upstream `validPod(name, n, requirements)`: `n` unnamed containers with the same resources.
fn valid_pod(name: &str, n: usize, req: Value, lim: Value) -> Pod {
    let c: Vec<Value> = (0..n)
        .map(|i| json!({"name": "", "image": format!("foo:V{i}"), "resources": {"requests": req, "limits": lim}}))
        .collect();
    serde_json::from_value(
        json!({"metadata": {"name": name, "namespace": "test"}, "spec": {"containers": c}}),
    )
    .unwrap()
}

fn with_priority(mut p: Pod, pc: &str) -> Pod {
    if let Some(s) = p.spec.as_mut() {
        s.priority_class_name = Some(pc.into());
    }
    p
}

fn rl(p: &[(&str, &str)]) -> ResourceList {
    ResourceList::parse_pairs(p.iter().copied()).unwrap()
}

fn opts() -> AdmissionOptions {
    AdmissionOptions::new("2025-01-01T00:00:00Z".parse().unwrap())
}

fn cpu_mem(cpu: &str, mem: &str) -> Value {
    let mut m = serde_json::Map::new();
    if !cpu.is_empty() {
        m.insert("cpu".into(), json!(cpu));
    }
    if !mem.is_empty() {
        m.insert("memory".into(), json!(mem));
    }
    Value::Object(m)
}

fn standard_quota(name: &str, spec: Value) -> ResourceQuota {
    quota(
        name,
        spec,
        json!({"cpu": "3", "memory": "100Gi", "pods": "5"}),
        json!({"cpu": "1", "memory": "50Gi", "pods": "3"}),
    )
}

// TestAdmitBelowQuotaLimit
#[test]
fn upstream_admit_below_quota_limit() {
    let q = standard_quota("quota", json!({}));
    let p = valid_pod("allowed-pod", 1, cpu_mem("100m", "2Gi"), cpu_mem("", ""));
    let a = admit(&[q], &p, &opts()).unwrap();
    assert_eq!(
        a.quotas[0].used,
        rl(&[("cpu", "1100m"), ("memory", "52Gi"), ("pods", "4")])
    );
    assert_eq!(a.quotas[0].used.to_string(), "cpu=1100m,memory=52Gi,pods=4");
    assert!(a.quotas[0].matched);
}

// TestAdmitExceedQuotaLimit, TestAdmitDryRun ("too-large-pod")
#[test]
fn upstream_admit_exceed_quota_limit() {
    let q = standard_quota("quota", json!({}));
    let p = valid_pod("not-allowed-pod", 1, cpu_mem("3", "2Gi"), cpu_mem("", ""));
    let e = admit(std::slice::from_ref(&q), &p, &opts()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "pods \"not-allowed-pod\" is forbidden: exceeded quota: quota, requested: cpu=3, used: cpu=1, limited: cpu=3"
    );
    let p = valid_pod("too-large-pod", 1, cpu_mem("100m", "60Gi"), cpu_mem("", ""));
    let e = admit(&[q], &p, &opts()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "pods \"too-large-pod\" is forbidden: exceeded quota: quota, requested: memory=60Gi, used: memory=50Gi, limited: memory=100Gi"
    );
}

#[test]
fn exceeded_lists_every_exceeded_resource_sorted() {
    let q = quota(
        "compute",
        json!({}),
        json!({"requests.cpu": "1", "requests.memory": "1Gi", "limits.cpu": "2", "pods": "10"}),
        json!({"requests.cpu": "900m", "requests.memory": "1000Mi", "limits.cpu": "1", "pods": "1"}),
    );
    let p = valid_pod("p", 2, cpu_mem("100m", "64Mi"), cpu_mem("500m", ""));
    let e = admit(&[q], &p, &opts()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "pods \"p\" is forbidden: exceeded quota: compute, requested: requests.cpu=200m,requests.memory=128Mi, \
         used: requests.cpu=900m,requests.memory=1000Mi, limited: requests.cpu=1,requests.memory=1Gi"
    );
}

// TestAdmitEnforceQuotaConstraints
#[test]
fn upstream_admit_enforce_quota_constraints() {
    let q = quota(
        "quota",
        json!({}),
        json!({"cpu": "3", "memory": "100Gi", "limits.memory": "200Gi", "pods": "5"}),
        json!({"cpu": "1", "memory": "50Gi", "limits.memory": "100Gi", "pods": "3"}),
    );
    let p = valid_pod(
        "not-allowed-pod",
        1,
        cpu_mem("100m", "2Gi"),
        cpu_mem("200m", ""),
    );
    let e = admit(&[q], &p, &opts()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "pods \"not-allowed-pod\" is forbidden: failed quota: quota: must specify limits.memory for: "
    );
}

#[test]
fn must_specify_names_containers() {
    let q = quota(
        "compute",
        json!({}),
        json!({"limits.cpu": "4", "requests.memory": "4Gi"}),
        json!({"limits.cpu": "0", "requests.memory": "0"}),
    );
    let p: Pod = serde_json::from_value(json!({"metadata": {"generateName": "web-"}, "spec": {
        "initContainers": [{"name": "init", "resources": {"limits": {"cpu": "1"}}}],
        "containers": [{"name": "b", "resources": {}}, {"name": "a", "resources": {"requests": {"memory": "1Gi"}}}]}}))
    .unwrap();
    let e = admit(&[q], &p, &opts()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "pods \"web-\" is forbidden: failed quota: compute: must specify limits.cpu for: a,b; requests.memory for: b,init"
    );
}

// TestAdmitPodInNamespaceWithoutQuota
#[test]
fn upstream_admit_without_quota() {
    let p = valid_pod(
        "allowed-pod",
        1,
        cpu_mem("100m", "2Gi"),
        cpu_mem("200m", ""),
    );
    let a = admit(&[], &p, &opts()).unwrap();
    assert!(a.quotas.is_empty());
}

// TestAdmitBelowTerminatingQuotaLimit
#[test]
fn upstream_admit_terminating_scopes() {
    let nt = standard_quota(
        "quota-non-terminating",
        json!({"scopes": ["NotTerminating"]}),
    );
    let t = standard_quota("quota-terminating", json!({"scopes": ["Terminating"]}));
    let mut p = valid_pod("allowed-pod", 1, cpu_mem("100m", "2Gi"), cpu_mem("", ""));
    if let Some(s) = p.spec.as_mut() {
        s.active_deadline_seconds = Some(30);
    }
    let a = admit(&[t, nt], &p, &opts()).unwrap();
    let changed: Vec<&str> = a.changed().map(|q| q.name.as_str()).collect();
    assert_eq!(changed, ["quota-terminating"]);
    assert_eq!(
        a.quotas[0].used,
        rl(&[("cpu", "1100m"), ("memory", "52Gi"), ("pods", "4")])
    );
    assert_eq!(
        a.quotas[1].used,
        rl(&[("cpu", "1"), ("memory", "50Gi"), ("pods", "3")])
    );
    assert!(!a.quotas[1].matched);
}

// TestAdmitBelowBestEffortQuotaLimit, TestAdmitBestEffortQuotaLimitIgnoresBurstable
#[test]
fn upstream_admit_best_effort_scopes() {
    let be = quota(
        "quota-besteffort",
        json!({"scopes": ["BestEffort"]}),
        json!({"pods": "5"}),
        json!({"pods": "3"}),
    );
    let nbe = quota(
        "quota-not-besteffort",
        json!({"scopes": ["NotBestEffort"]}),
        json!({"pods": "5"}),
        json!({"pods": "3"}),
    );
    let p = valid_pod("allowed-pod", 1, cpu_mem("", ""), cpu_mem("", ""));
    let a = admit(&[be.clone(), nbe], &p, &opts()).unwrap();
    let changed: Vec<(&str, String)> = a
        .changed()
        .map(|q| (q.name.as_str(), q.used.to_string()))
        .collect();
    assert_eq!(changed, [("quota-besteffort", "pods=4".to_owned())]);
    let p = valid_pod("allowed-pod", 1, cpu_mem("100m", "1Gi"), cpu_mem("", ""));
    let a = admit(&[be], &p, &opts()).unwrap();
    assert_eq!(a.changed().count(), 0);
}

// TestAdmitRejectsNegativeUsage
#[test]
fn upstream_admit_rejects_negative_usage() {
    let q = quota(
        "quota",
        json!({}),
        json!({"persistentvolumeclaims": "3", "requests.storage": "100Gi"}),
        json!({"persistentvolumeclaims": "1", "requests.storage": "10Gi"}),
    );
    let pvc = |s: &str| -> PersistentVolumeClaim {
        serde_json::from_value(
            json!({"metadata": {"name": "not-allowed-pvc", "namespace": "test"},
            "spec": {"resources": {"requests": {"storage": s}}}}),
        )
        .unwrap()
    };
    let e = admit(std::slice::from_ref(&q), &pvc("-1Gi"), &opts()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "persistentvolumeclaims \"not-allowed-pvc\" is forbidden: quota usage is negative for resource(s): requests.storage"
    );
    let a = admit(&[q], &pvc("1Gi"), &opts()).unwrap();
    assert_eq!(
        a.quotas[0].used,
        rl(&[
            ("persistentvolumeclaims", "2"),
            ("requests.storage", "11Gi")
        ])
    );
}

// TestAdmitWhenUnrelatedResourceExceedsQuota
#[test]
fn upstream_unrelated_resource_exceeding() {
    let q = quota(
        "quota",
        json!({}),
        json!({"services": "3", "pods": "4"}),
        json!({"services": "4", "pods": "1"}),
    );
    let p = valid_pod("allowed-pod", 1, cpu_mem("", ""), cpu_mem("", ""));
    let a = admit(&[q], &p, &opts()).unwrap();
    assert_eq!(a.quotas[0].used, rl(&[("services", "4"), ("pods", "2")]));
    assert_eq!(a.quotas[0].charged, rl(&[("pods", "1")]));
}

fn pvc_quota() -> ResourceQuota {
    quota(
        "quota",
        json!({}),
        json!({"persistentvolumeclaims": "3", "requests.storage": "100Gi"}),
        json!({"persistentvolumeclaims": "1", "requests.storage": "10Gi"}),
    )
}

fn pvc(size: &str, rv: Option<&str>) -> PersistentVolumeClaim {
    serde_json::from_value(
        json!({"metadata": {"name": "pvc-to-update", "namespace": "test", "resourceVersion": rv},
        "spec": {"resources": {"requests": {"storage": size}}}}),
    )
    .unwrap()
}

// TestAdmitHandlesNegativePVCUpdates, TestAdmitHandlesPVCUpdates
#[test]
fn upstream_pvc_updates() {
    let old = pvc("10Gi", Some("1"));
    let a = check_request(
        &[pvc_quota()],
        &AdmissionRequest::update(&pvc("5Gi", None), &old),
        &opts(),
    )
    .unwrap();
    assert_eq!(a.changed().count(), 0);
    let a = check_request(
        &[pvc_quota()],
        &AdmissionRequest::update(&pvc("15Gi", None), &old),
        &opts(),
    )
    .unwrap();
    assert_eq!(
        a.quotas[0].used,
        rl(&[
            ("persistentvolumeclaims", "1"),
            ("requests.storage", "15Gi")
        ])
    );
    // an "update" whose old object has no resourceVersion is charged as a create
    // (TestAdmitHandlesCreatingUpdates)
    let a = check_request(
        &[pvc_quota()],
        &AdmissionRequest::update(&pvc("15Gi", None), &pvc("10Gi", None)),
        &opts(),
    )
    .unwrap();
    assert_eq!(
        a.quotas[0].used,
        rl(&[
            ("persistentvolumeclaims", "2"),
            ("requests.storage", "25Gi")
        ])
    );
    // the status subresource is never limited, only charged
    let full = quota(
        "quota",
        json!({}),
        json!({"requests.storage": "10Gi"}),
        json!({"requests.storage": "10Gi"}),
    );
    let mut grown = pvc("10Gi", None);
    grown.status =
        Some(serde_json::from_value(json!({"allocatedResources": {"storage": "20Gi"}})).unwrap());
    let req = AdmissionRequest::update(&grown, &old).with_subresource("status");
    let a = check_request(std::slice::from_ref(&full), &req, &opts()).unwrap();
    assert_eq!(a.quotas[0].used, rl(&[("requests.storage", "20Gi")]));
    assert!(check_request(&[full], &AdmissionRequest::update(&grown, &old), &opts()).is_err());
}

fn scoped(name: &str, spec: Value, hard: Value, used: Value) -> ResourceQuota {
    quota(name, spec, hard, used)
}

fn limited(scopes: Vec<ScopedResourceSelectorRequirement>, contains: &[&str]) -> LimitedResource {
    LimitedResource {
        api_group: String::new(),
        resource: "pods".into(),
        match_contains: contains.iter().map(|s| (*s).to_owned()).collect(),
        match_scopes: scopes,
    }
}

fn sel(scope: &str, op: &str, values: &[&str]) -> ScopedResourceSelectorRequirement {
    ScopedResourceSelectorRequirement {
        scope_name: scope.into(),
        operator: op.into(),
        values: (!values.is_empty()).then(|| values.iter().map(|s| (*s).to_owned()).collect()),
    }
}

fn pc_selector_spec(op: &str, values: &[&str]) -> Value {
    json!({"scopeSelector": {"matchExpressions": [
        {"scopeName": "PriorityClass", "operator": op, "values": (!values.is_empty()).then_some(values)}]}})
}

// TestAdmitLimitedScopeWithCoverQuota (every case, with its expected error text)
#[test]
#[allow(
    clippy::too_many_lines,
    reason = "upstream TestAdmitLimitedScopeWithCoverQuota table, one data literal"
)]
fn upstream_limited_scope_with_cover_quota() {
    let exists = || vec![sel("PriorityClass", "Exists", &[])];
    let be = || vec![sel("BestEffort", "Exists", &[])];
    let pc_in = |v: &[&str]| vec![sel("PriorityClass", "In", v)];
    let empty_quota = || ResourceQuota::default();
    let be_quota = || {
        scoped(
            "quota-besteffort",
            json!({"scopes": ["BestEffort"]}),
            json!({"pods": "5"}),
            json!({"pods": "3"}),
        )
    };
    let burst = |name: &str, pc: &str| {
        with_priority(valid_pod(name, 1, cpu_mem("3", "2Gi"), cpu_mem("", "")), pc)
    };
    let besteffort = |pc: &str| {
        with_priority(
            valid_pod("allowed-pod", 1, cpu_mem("", ""), cpu_mem("", "")),
            pc,
        )
    };
    let small = |pc: &str| {
        with_priority(
            valid_pod("allowed-pod", 1, cpu_mem("100m", "1Gi"), cpu_mem("", "")),
            pc,
        )
    };
    // the empty-status scoped quotas of the upstream table never match (no status.hard)
    let exists_quota = || {
        scoped(
            "quota",
            pc_selector_spec("Exists", &[]),
            json!({}),
            json!({}),
        )
    };
    let in_quota = |v: &[&str]| scoped("quota", pc_selector_spec("In", v), json!({}), json!({}));
    let two = || {
        vec![
            limited(be(), &[]),
            limited(pc_in(&["cluster-services"]), &[]),
        ]
    };
    type Case<'a> = (
        &'a str,
        Pod,
        Vec<ResourceQuota>,
        Vec<LimitedResource>,
        &'a str,
    );
    let cases: Vec<Case> = vec![
        (
            "covering quota exists for PriorityClass Exists",
            burst("allowed-pod", "fake-priority"),
            vec![exists_quota()],
            vec![limited(exists(), &[])],
            "",
        ),
        (
            "limited cpu without covering quota",
            burst("not-allowed-pod", "fake-priority"),
            vec![exists_quota()],
            vec![limited(exists(), &["requests.cpu"])],
            "insufficient quota to consume: requests.cpu",
        ),
        (
            "no covering quota for PriorityClass Exists",
            burst("not-allowed-pod", "fake-priority"),
            vec![empty_quota()],
            vec![limited(exists(), &[])],
            "insufficient quota to match these scopes: [{PriorityClass Exists []}]",
        ),
        (
            "no covering quota for BestEffort",
            besteffort("fake-priority"),
            vec![empty_quota()],
            vec![limited(be(), &[])],
            "insufficient quota to match these scopes: [{BestEffort Exists []}]",
        ),
        (
            "covering quota for BestEffort",
            besteffort("fake-priority"),
            vec![be_quota()],
            vec![limited(be(), &[])],
            "",
        ),
        (
            "neither limited scope matches",
            small("fake-priority"),
            vec![empty_quota()],
            two(),
            "",
        ),
        (
            "only BestEffort matches, uncovered",
            besteffort("fake-priority"),
            vec![empty_quota()],
            two(),
            "insufficient quota to match these scopes: [{BestEffort Exists []}]",
        ),
        (
            "only PriorityClass matches, uncovered",
            small("cluster-services"),
            vec![empty_quota()],
            two(),
            "insufficient quota to match these scopes: [{PriorityClass In [cluster-services]}]",
        ),
        (
            "both match, both uncovered",
            besteffort("cluster-services"),
            vec![empty_quota()],
            two(),
            "insufficient quota to match these scopes: [{BestEffort Exists []} {PriorityClass In [cluster-services]}]",
        ),
        (
            "both match, BestEffort covered",
            besteffort("cluster-services"),
            vec![be_quota()],
            two(),
            "insufficient quota to match these scopes: [{PriorityClass In [cluster-services]}]",
        ),
        (
            "both match, PriorityClass covered",
            besteffort("cluster-services"),
            vec![in_quota(&["cluster-services"])],
            two(),
            "insufficient quota to match these scopes: [{BestEffort Exists []}]",
        ),
        (
            "both match, both covered",
            besteffort("cluster-services"),
            vec![be_quota(), in_quota(&["cluster-services"])],
            two(),
            "",
        ),
        (
            "no limited scope configured",
            burst("allowed-pod", "fake-priority"),
            vec![empty_quota()],
            vec![],
            "",
        ),
        (
            "quota fails though the scope is covered",
            with_priority(
                valid_pod("not-allowed-pod", 1, cpu_mem("3", "20Gi"), cpu_mem("", "")),
                "fake-priority",
            ),
            vec![scoped(
                "quota",
                pc_selector_spec("Exists", &[]),
                json!({"memory": "10Gi"}),
                json!({"memory": "1Gi"}),
            )],
            vec![limited(exists(), &[])],
            "forbidden: exceeded quota: quota, requested: memory=20Gi, used: memory=1Gi, limited: memory=10Gi",
        ),
        (
            "different priority class than limited",
            burst("allowed-pod", "fake-priority"),
            vec![in_quota(&["cluster-services"])],
            vec![limited(pc_in(&["cluster-services"]), &[])],
            "",
        ),
        (
            "limited class covered",
            burst("allowed-pod", "cluster-services"),
            vec![in_quota(&["cluster-services"])],
            vec![limited(
                pc_in(&["another-priorityclass-name", "cluster-services"]),
                &[],
            )],
            "",
        ),
        (
            "limited class not covered",
            burst("not-allowed-pod", "cluster-services"),
            vec![in_quota(&["another-priorityclass-name"])],
            vec![limited(
                pc_in(&["another-priorityclass-name", "cluster-services"]),
                &[],
            )],
            "insufficient quota to match these scopes: [{PriorityClass In [another-priorityclass-name cluster-services]}]",
        ),
        (
            "other limited class covered",
            burst("allowed-pod", "another-priorityclass-name"),
            vec![in_quota(&["another-priorityclass-name"])],
            vec![limited(
                pc_in(&["another-priorityclass-name", "cluster-services"]),
                &[],
            )],
            "",
        ),
        (
            "limited class, no quota",
            burst("not-allowed-pod", "cluster-services"),
            vec![empty_quota()],
            vec![limited(
                pc_in(&["another-priorityclass-name", "cluster-services"]),
                &[],
            )],
            "insufficient quota to match these scopes: [{PriorityClass In [another-priorityclass-name cluster-services]}]",
        ),
        (
            "limited class covered by Exists",
            burst("allowed-pod", "cluster-services"),
            vec![exists_quota()],
            vec![limited(
                pc_in(&["another-priorityclass-name", "cluster-services"]),
                &[],
            )],
            "",
        ),
    ];
    for (name, pod, quotas, lrs, want) in cases {
        let o = AdmissionOptions {
            limited_resources: lrs,
            ..opts()
        };
        let got = admit(&quotas, &pod, &o);
        if want.is_empty() {
            assert!(got.is_ok(), "{name}: {got:?}");
        } else {
            let e = got.unwrap_err().to_string();
            assert!(e.contains(want), "{name}: {e}");
        }
    }
}

// TestAdmitLimitedResourceNoQuota / WithQuota / WithMultipleQuota / NoQuotaIfNoMatch
// (limited pod requests.cpu), and the covering-quota requirement of TestAdmitRejectIncrease…
#[test]
fn limited_resources_need_a_covering_quota() {
    let lr = vec![limited(vec![], &["cpu"])];
    let o = AdmissionOptions {
        limited_resources: lr,
        ..opts()
    };
    let p = valid_pod("not-allowed-pod", 1, cpu_mem("3", "2Gi"), cpu_mem("", ""));
    let e = admit(&[], &p, &o).unwrap_err();
    assert_eq!(
        e.to_string(),
        "pods \"not-allowed-pod\" is forbidden: insufficient quota to consume: cpu,requests.cpu"
    );
    let q = quota(
        "quota",
        json!({}),
        json!({"requests.cpu": "10", "cpu": "10"}),
        json!({"requests.cpu": "1", "cpu": "1"}),
    );
    assert!(admit(&[q], &p, &o).is_ok());
    // a memory-only quota does not cover cpu
    let q = quota(
        "quota",
        json!({}),
        json!({"memory": "10Gi"}),
        json!({"memory": "1Gi"}),
    );
    assert!(admit(&[q], &p, &o).is_err());
    // a pod that consumes no cpu needs no quota
    let p = valid_pod("allowed-pod", 1, cpu_mem("", "1Gi"), cpu_mem("", ""));
    assert!(admit(&[], &p, &o).is_ok());
}

// TestAdmitZeroDeltaUsageWithoutCoveringQuota / Reject… / Allow… (with PVCs for services)
#[test]
fn limited_resource_updates_charge_the_delta() {
    let o = AdmissionOptions {
        limited_resources: vec![LimitedResource {
            resource: "persistentvolumeclaims".into(),
            match_contains: vec!["requests.storage".into()],
            ..Default::default()
        }],
        ..opts()
    };
    let old = pvc("10Gi", Some("1"));
    assert!(check_request(&[], &AdmissionRequest::update(&pvc("10Gi", None), &old), &o).is_ok());
    assert!(check_request(&[], &AdmissionRequest::update(&pvc("5Gi", None), &old), &o).is_ok());
    let e =
        check_request(&[], &AdmissionRequest::update(&pvc("20Gi", None), &old), &o).unwrap_err();
    assert_eq!(
        e.to_string(),
        "persistentvolumeclaims \"pvc-to-update\" is forbidden: insufficient quota to consume: requests.storage"
    );
}

#[test]
fn status_unknown_and_unsynced_quotas() {
    let q = quota(
        "quota",
        json!({}),
        json!({"cpu": "3", "pods": "5"}),
        json!({"pods": "1"}),
    );
    let p = valid_pod("p", 1, cpu_mem("1", ""), cpu_mem("", ""));
    assert_eq!(
        admit(&[q], &p, &opts()).unwrap_err().to_string(),
        "pods \"p\" is forbidden: status unknown for quota: quota, resources: cpu,pods"
    );
    // spec only: upstream ignores the quota until its status is written; `synced` fills it
    let spec_only: ResourceQuota = serde_json::from_value(json!({"metadata": {"name": "q"},
        "spec": {"hard": {"requests.cpu": "500m"}}}))
    .unwrap();
    assert_eq!(
        admit(std::slice::from_ref(&spec_only), &p, &opts())
            .unwrap()
            .changed()
            .count(),
        0
    );
    let e = admit(&[synced(&spec_only)], &p, &opts()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "pods \"p\" is forbidden: exceeded quota: q, requested: requests.cpu=1, used: requests.cpu=0, limited: requests.cpu=500m"
    );
}

#[test]
fn pod_updates_and_subresources() {
    let q = standard_quota("quota", json!({"scopes": ["Terminating"]}));
    let mut old = valid_pod("p", 1, cpu_mem("100m", "1Gi"), cpu_mem("", ""));
    old.metadata.resource_version = Some("7".into());
    let mut new = old.clone();
    // an update that does not change the Terminating scope is not evaluated
    let a = check_request(
        std::slice::from_ref(&q),
        &AdmissionRequest::update(&new, &old),
        &opts(),
    )
    .unwrap();
    assert_eq!(a.changed().count(), 0);
    // setting activeDeadlineSeconds moves the pod into the Terminating quota: charged in full,
    // since the old pod did not match that quota
    if let Some(s) = new.spec.as_mut() {
        s.active_deadline_seconds = Some(60);
    }
    let a = check_request(
        std::slice::from_ref(&q),
        &AdmissionRequest::update(&new, &old),
        &opts(),
    )
    .unwrap();
    assert_eq!(
        a.quotas[0].charged,
        rl(&[("cpu", "100m"), ("memory", "1Gi"), ("pods", "1")])
    );
    // a resize is evaluated on the delta (100m → 3: 2900m more)
    let mut bigger = new.clone();
    if let Some(c) = bigger.spec.as_mut().and_then(|s| s.containers.first_mut()) {
        c.resources = Some(
            serde_json::from_value(json!({"requests": {"cpu": "3", "memory": "1Gi"}})).unwrap(),
        );
    }
    let mut old_t = new.clone();
    old_t.metadata.resource_version = Some("8".into());
    let req = AdmissionRequest::update(&bigger, &old_t).with_subresource("resize");
    let e = check_request(std::slice::from_ref(&q), &req, &opts()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "pods \"p\" is forbidden: exceeded quota: quota, requested: cpu=2900m, used: cpu=1, limited: cpu=3"
    );
    // other subresources are ignored
    let req = AdmissionRequest::update(&bigger, &old_t).with_subresource("status");
    assert_eq!(
        check_request(&[q], &req, &opts())
            .unwrap()
            .changed()
            .count(),
        0
    );
}

#[test]
fn scope_selector_errors() {
    let q = scoped(
        "bad",
        pc_selector_spec("Gt", &["1"]),
        json!({"pods": "5"}),
        json!({"pods": "0"}),
    );
    let p = with_priority(valid_pod("p", 1, cpu_mem("", ""), cpu_mem("", "")), "x");
    assert_eq!(
        admit(&[q], &p, &opts()).unwrap_err().to_string(),
        "error matching scopes of quota bad, err: error on matching scope {PriorityClass Gt [1]}: \
         failed to parse and convert selector: \"Gt\" is not a valid scope selector operator"
    );
}

#[test]
fn invalid_quantities_are_errors_not_panics() {
    let q = quota(
        "quota",
        json!({}),
        json!({"cpu": "lots"}),
        json!({"cpu": "0"}),
    );
    let p = valid_pod("p", 1, cpu_mem("1", ""), cpu_mem("", ""));
    let e = admit(&[q], &p, &opts()).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("invalid quota quota: status.hard[cpu]: Invalid value: \"lots\""),
        "{e}"
    );
    let q = standard_quota("quota", json!({}));
    let p = valid_pod("p", 1, cpu_mem("1x", ""), cpu_mem("", ""));
    assert!(matches!(
        admit(&[q], &p, &opts()),
        Err(AdmissionError::InvalidObject(_))
    ));
}

#[test]
fn apply_to_writes_status_used() {
    let mut qs = vec![standard_quota("quota", json!({}))];
    let p = valid_pod("p", 2, cpu_mem("250m", "1Gi"), cpu_mem("", ""));
    let a = admit(&qs, &p, &opts()).unwrap();
    a.apply_to(&mut qs);
    let used = &qs[0].status.as_ref().unwrap().used.as_ref().unwrap();
    assert_eq!(used["cpu"].0, "1500m");
    assert_eq!(used["memory"].0, "52Gi");
    // admitting again starts from the new usage
    let a = admit(&qs, &p, &opts()).unwrap();
    assert_eq!(a.quotas[0].used.to_string(), "cpu=2,memory=54Gi,pods=5");
}

fn arb_quota(i: usize) -> impl Strategy<Value = ResourceQuota> {
    let keys = prop::sample::subsequence(
        vec![
            "cpu",
            "memory",
            "requests.cpu",
            "requests.memory",
            "limits.cpu",
            "limits.memory",
            "pods",
            "count/pods",
        ],
        1..5,
    );
    let scope = prop::sample::select(vec![
        None,
        Some("BestEffort"),
        Some("NotBestEffort"),
        Some("Terminating"),
        Some("NotTerminating"),
    ]);
    (keys, prop::collection::vec((1i64..40, 0i64..40), 8), scope).prop_map(
        move |(keys, vals, scope)| {
            let mut hard = serde_json::Map::new();
            let mut used = serde_json::Map::new();
            for (k, (h, u)) in keys.iter().zip(vals) {
                hard.insert((*k).into(), json!(format!("{h}")));
                used.insert((*k).into(), json!(format!("{}", u.min(h))));
            }
            let spec = match scope {
                Some(s) => json!({"scopes": [s]}),
                None => json!({}),
            };
            quota(
                &format!("q{i}"),
                spec,
                Value::Object(hard),
                Value::Object(used),
            )
        },
    )
}

fn pod_with(values: &[(i64, i64, i64, i64)], terminating: bool) -> Pod {
    let c: Vec<Value> = values
        .iter()
        .enumerate()
        .map(|(i, (rc, rm, lc, lm))| {
            json!({"name": format!("c{i}"), "resources": {
                "requests": {"cpu": format!("{rc}00m"), "memory": format!("{rm}")},
                "limits": {"cpu": format!("{lc}00m"), "memory": format!("{lm}")}}})
        })
        .collect();
    let mut spec = json!({"containers": c});
    if terminating {
        spec["activeDeadlineSeconds"] = json!(10);
    }
    serde_json::from_value(json!({"metadata": {"name": "p"}, "spec": spec})).unwrap()
}

proptest! {
    /// Admission is monotone: shrinking any request or limit of a pod that was admitted (same
    /// resources set, values stay positive) never turns it into a rejection.
    #[test]
    fn admission_is_monotone(
        q0 in arb_quota(0), q1 in arb_quota(1), q2 in arb_quota(2),
        big in prop::collection::vec((1i64..20, 1i64..20, 1i64..20, 1i64..20), 1..4),
        shrink in prop::collection::vec((0i64..20, 0i64..20, 0i64..20, 0i64..20), 4),
        terminating in any::<bool>(),
    ) {
        let quotas = [q0, q1, q2];
        let small: Vec<(i64, i64, i64, i64)> = big
            .iter()
            .zip(shrink.iter().cycle())
            .map(|(b, s)| ((b.0 - s.0).max(1), (b.1 - s.1).max(1), (b.2 - s.2).max(1), (b.3 - s.3).max(1)))
            .collect();
        let big_ok = admit(&quotas, &pod_with(&big, terminating), &opts()).is_ok();
        let small_res = admit(&quotas, &pod_with(&small, terminating), &opts());
        if big_ok {
            prop_assert!(small_res.is_ok(), "{:?}", small_res);
        }
    }
}
