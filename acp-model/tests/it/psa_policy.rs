//! Namespace labels, exemptions and modes: upstream `api/helpers_test.go` and
//! `admission/admission_test.go` (kubernetes/pod-security-admission at 8f84a87) as facts, with
//! real pods where upstream uses a fake evaluator.

use std::collections::BTreeMap;

use acp_model::psa::{
    Admission, Exemptions, Level, LevelVersion, Operation, PodController, Policy, Request, Version,
};
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Namespace, Pod};
use serde_json::{Value, json};

fn labels(kvs: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut m = BTreeMap::from([("other-label".to_string(), "foo-bar".to_string())]);
    for (k, v) in kvs {
        m.insert(format!("pod-security.kubernetes.io/{k}"), v.to_string());
    }
    m
}

fn lv(level: Level, version: Version) -> LevelVersion {
    LevelVersion::new(level, version)
}

const P: LevelVersion = LevelVersion {
    level: Level::Privileged,
    version: Version::Latest,
};

#[test]
fn test_parse_version() {
    for (s, v) in [
        ("latest", Version::Latest),
        ("v1.0", Version::V1(0)),
        ("v1.1", Version::V1(1)),
        ("v1.20", Version::V1(20)),
        ("v1.10000", Version::V1(10000)),
    ] {
        assert_eq!(s.parse::<Version>(), Ok(v));
        assert_eq!(v.to_string(), s);
    }
    for bad in ["foo", "", "v2.0", "v1", "1.1", "v1.01", "v1.-1", "Latest"] {
        assert_eq!(
            bad.parse::<Version>().unwrap_err().to_string(),
            r#"must be "latest" or "v1.x""#,
            "{bad}"
        );
    }
    assert_eq!(
        "Baseline".parse::<Level>().unwrap_err().to_string(),
        "must be one of privileged, baseline, restricted"
    );
}

#[test]
fn test_level_version_equals() {
    assert!(
        lv(Level::Privileged, Version::V1(1)).equivalent(&lv(Level::Privileged, Version::Latest))
    );
    assert!(!lv(Level::Baseline, Version::V1(1)).equivalent(&lv(Level::Baseline, Version::Latest)));
    assert!(
        lv(Level::Restricted, Version::V1(2)).equivalent(&lv(Level::Restricted, Version::V1(2)))
    );
    assert!(
        !lv(Level::Restricted, Version::V1(2)).equivalent(&lv(Level::Baseline, Version::V1(2)))
    );
}

/// Labels, the policy they give, whether they are in error.
type PolicyCase<'a> = (&'a [(&'a str, &'a str)], Policy, bool);

#[test]
#[allow(clippy::too_many_lines, reason = "one row per upstream case")]
fn test_policy_to_evaluate() {
    let b = |v| lv(Level::Baseline, v);
    let r = |v| lv(Level::Restricted, v);
    let cases: Vec<PolicyCase> = vec![
        (
            &[("enforce", "baseline")],
            Policy {
                enforce: b(Version::Latest),
                warn: b(Version::Latest),
                audit: P,
            },
            false,
        ),
        (
            &[("warn", "restricted")],
            Policy {
                enforce: P,
                warn: r(Version::Latest),
                audit: P,
            },
            false,
        ),
        (
            &[("audit", "baseline")],
            Policy {
                enforce: P,
                warn: P,
                audit: b(Version::Latest),
            },
            false,
        ),
        (
            &[("enforce", "baseline"), ("warn", "restricted")],
            Policy {
                enforce: b(Version::Latest),
                warn: r(Version::Latest),
                audit: P,
            },
            false,
        ),
        (
            &[("enforce", "baseline"), ("enforce-version", "v1.22")],
            Policy {
                enforce: b(Version::V1(22)),
                warn: b(Version::V1(22)),
                audit: P,
            },
            false,
        ),
        (
            &[
                ("enforce", "baseline"),
                ("enforce-version", "v1.22"),
                ("warn-version", "latest"),
            ],
            Policy {
                enforce: b(Version::V1(22)),
                warn: b(Version::Latest),
                audit: P,
            },
            false,
        ),
        (
            &[("enforce", "baseline"), ("warn-version", "v1.23")],
            Policy {
                enforce: b(Version::Latest),
                warn: b(Version::V1(23)),
                audit: P,
            },
            false,
        ),
        (
            &[
                ("enforce", "baseline"),
                ("enforce-version", "v1.20"),
                ("warn", "restricted"),
                ("warn-version", "v1.21"),
                ("audit", "restricted"),
                ("audit-version", "v1.22"),
            ],
            Policy {
                enforce: b(Version::V1(20)),
                warn: r(Version::V1(21)),
                audit: r(Version::V1(22)),
            },
            false,
        ),
        (
            &[("enforce", "baseline"), ("warn", "privileged")],
            Policy {
                enforce: b(Version::Latest),
                warn: P,
                audit: P,
            },
            false,
        ),
        (
            &[("enforce", "baseline"), ("warn", "foo")],
            Policy {
                enforce: b(Version::Latest),
                warn: P,
                audit: P,
            },
            true,
        ),
        (
            &[("enforce", "foo")],
            Policy {
                enforce: r(Version::Latest),
                warn: P,
                audit: P,
            },
            true,
        ),
    ];
    for (kvs, expect, err) in cases {
        let (p, errs) = Policy::from_labels(&labels(kvs), &Policy::default());
        assert_eq!(p, expect, "{kvs:?}");
        assert_eq!(!errs.is_empty(), err, "{kvs:?}");
    }
}

#[test]
fn label_errors_name_the_label_and_value() {
    let (_, errs) = Policy::from_labels(
        &labels(&[
            ("enforce", "foo"),
            ("enforce-version", "v1"),
            ("warn", "bar"),
            ("audit-version", "1.2"),
        ]),
        &Policy::default(),
    );
    let msgs: Vec<String> = errs.0.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        msgs,
        [
            r#"metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "foo": must be one of privileged, baseline, restricted"#,
            r#"metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: "v1": must be "latest" or "v1.x""#,
            r#"metadata.labels[pod-security.kubernetes.io/audit-version]: Invalid value: "1.2": must be "latest" or "v1.x""#,
            r#"metadata.labels[pod-security.kubernetes.io/warn]: Invalid value: "bar": must be one of privileged, baseline, restricted"#,
        ]
    );
}

fn ns(name: &str, l: &BTreeMap<String, String>) -> Namespace {
    serde_json::from_value(json!({"metadata": {"name": name, "labels": l}})).unwrap()
}

fn pod(v: Value) -> Pod {
    let mut v = v;
    if v["spec"].get("containers").is_none() {
        v["spec"]["containers"] = json!([]);
    }
    serde_json::from_value(v).unwrap()
}

fn admission(exempt_ns: &[&str], exempt_rc: &[&str]) -> Admission {
    Admission {
        exemptions: Exemptions {
            namespaces: exempt_ns.iter().map(|s| s.to_string()).collect(),
            runtime_classes: exempt_rc.iter().map(|s| s.to_string()).collect(),
            usernames: vec!["admin".into()],
        },
        ..Admission::default()
    }
}

fn req<'a>(op: Operation, l: &'a BTreeMap<String, String>) -> Request<'a> {
    Request {
        operation: op,
        namespace: "test",
        name: "test",
        username: "alice",
        subresource: "",
        namespace_labels: l,
    }
}

/// Pods failing restricted with distinct reasons, as upstream's table has them.
fn namespace_pods() -> Vec<Pod> {
    vec![
        pod(json!({"metadata": {"name": "noruntimeclasspod"}, "spec": {"hostNetwork": true}})),
        pod(
            json!({"metadata": {"name": "runtimeclass1pod"}, "spec": {"runtimeClassName": "runtimeclass1", "hostNetwork": true}}),
        ),
        pod(
            json!({"metadata": {"name": "runtimeclass2pod"}, "spec": {"runtimeClassName": "runtimeclass2", "hostNetwork": true}}),
        ),
        pod(
            json!({"metadata": {"name": "runtimeclass3pod"}, "spec": {"runtimeClassName": "runtimeclass3", "hostNetwork": true,
            "volumes": [{"name": "h", "hostPath": {"path": "/"}}]}}),
        ),
    ]
}

#[test]
#[allow(clippy::too_many_lines, reason = "upstream's table, case by case")]
fn test_validate_namespace() {
    let ok = |d: &acp_model::psa::Decision| assert!(d.allowed && d.warnings.is_empty(), "{d:?}");
    let a = admission(&[], &[]);
    let none: Vec<Pod> = Vec::new();
    // creation: labels only
    for kvs in [
        &[("enforce", "privileged"), ("enforce-version", "v1.0")][..],
        &[("enforce", "baseline")],
        &[("enforce", "restricted")],
    ] {
        let l = labels(kvs);
        ok(&a.admit_namespace(&req(Operation::Create, &l), &ns("test", &l), None, &none));
    }
    let l = labels(&[("enforce", "restricted")]);
    let d = admission(&["test"], &[]).admit_namespace(
        &req(Operation::Create, &l),
        &ns("test", &l),
        None,
        &none,
    );
    assert!(d.allowed);
    assert_eq!(
        d.warnings,
        [
            r#"namespace "test" is exempt from Pod Security, and the policy (enforce=restricted:latest) will be ignored"#
        ]
    );
    let l = labels(&[("enforce", "unknown")]);
    let d = a.admit_namespace(&req(Operation::Create, &l), &ns("test", &l), None, &none);
    let st = d.status.unwrap();
    assert_eq!((st.code, st.reason), (422, "Invalid"));
    assert_eq!(
        st.message,
        r#"Namespace "test" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "unknown": must be one of privileged, baseline, restricted"#
    );
    let l = labels(&[("enforce", "privileged"), ("enforce-version", "unknown")]);
    let d = a.admit_namespace(&req(Operation::Create, &l), &ns("test", &l), None, &none);
    assert!(
        d.status
            .unwrap()
            .message
            .ends_with(r#"must be "latest" or "v1.x""#)
    );

    // updates that do not tighten: no evaluation (the pods would warn otherwise)
    let pods = namespace_pods();
    for (new, old) in [
        (
            &[("enforce", "restricted"), ("enforce-version", "v1.0")][..],
            &[("enforce", "restricted"), ("enforce-version", "v1.0")][..],
        ),
        (&[("enforce", "unknown")], &[("enforce", "unknown")]),
        (
            &[("enforce", "baseline"), ("enforce-version", "unknown")],
            &[("enforce", "baseline"), ("enforce-version", "unknown")],
        ),
        (
            &[("enforce", "baseline"), ("enforce-version", "v1.0")],
            &[("enforce", "restricted"), ("enforce-version", "v1.0")],
        ),
        (
            &[("enforce", "baseline"), ("enforce-version", "latest")],
            &[("enforce", "restricted"), ("enforce-version", "latest")],
        ),
        (&[("enforce", "baseline")], &[("enforce", "restricted")]),
        (
            &[("enforce", "privileged")],
            &[("enforce", "restricted"), ("enforce-version", "v1.0")],
        ),
        (
            &[],
            &[("enforce", "restricted"), ("enforce-version", "v1.0")],
        ),
    ] {
        let (nl, ol) = (labels(new), labels(old));
        ok(&a.admit_namespace(
            &req(Operation::Update, &nl),
            &ns("test", &nl),
            Some(&ns("test", &ol)),
            &pods,
        ));
    }
    // an exempt namespace tightened: the warning, no evaluation
    let nl = labels(&[
        ("enforce", "restricted"),
        ("enforce-version", "v1.0"),
        ("audit", "restricted"),
        ("warn", "baseline"),
    ]);
    let d = admission(&["test"], &[]).admit_namespace(
        &req(Operation::Update, &nl),
        &ns("test", &nl),
        Some(&ns("test", &labels(&[]))),
        &pods,
    );
    assert_eq!(
        d.warnings,
        [
            r#"namespace "test" is exempt from Pod Security, and the policy (enforce=restricted:v1.0, audit=restricted:latest, warn=baseline:latest) will be ignored"#
        ]
    );
    // updates introducing label errors
    for (new, msg) in [
        (
            &[("enforce", "unknown")][..],
            "must be one of privileged, baseline, restricted",
        ),
        (
            &[("enforce", "privileged"), ("enforce-version", "unknown")],
            r#"must be "latest" or "v1.x""#,
        ),
    ] {
        let (nl, ol) = (
            labels(new),
            labels(&[("enforce", "restricted"), ("enforce-version", "v1.0")]),
        );
        let d = a.admit_namespace(
            &req(Operation::Update, &nl),
            &ns("test", &nl),
            Some(&ns("test", &ol)),
            &pods,
        );
        assert!(!d.allowed);
        assert!(d.status.unwrap().message.ends_with(msg));
    }
    // tightening: the existing pods are evaluated
    let defaults = Admission {
        defaults: Policy {
            enforce: lv(Level::Restricted, Version::Latest),
            ..Policy::default()
        },
        ..Admission::default()
    };
    let (nl, ol) = (
        labels(&[]),
        labels(&[("enforce", "baseline"), ("enforce-version", "v1.0")]),
    );
    let d = defaults.admit_namespace(
        &req(Operation::Update, &nl),
        &ns("test", &nl),
        Some(&ns("test", &ol)),
        &pods,
    );
    assert!(d.allowed);
    assert_eq!(
        d.warnings,
        [
            r#"existing pods in namespace "test" violate the new PodSecurity enforce level "restricted:latest""#,
            "noruntimeclasspod (and 2 other pods): host namespaces",
            "runtimeclass3pod: host namespaces, restricted volume types",
        ]
    );
    let (nl, ol) = (
        labels(&[("enforce", "restricted")]),
        labels(&[("enforce", "baseline")]),
    );
    let d = admission(&[], &["runtimeclass1"]).admit_namespace(
        &req(Operation::Update, &nl),
        &ns("test", &nl),
        Some(&ns("test", &ol)),
        &pods,
    );
    assert_eq!(
        d.warnings,
        [
            r#"existing pods in namespace "test" violate the new PodSecurity enforce level "restricted:latest""#,
            "noruntimeclasspod (and 1 other pod): host namespaces",
            "runtimeclass3pod: host namespaces, restricted volume types",
        ]
    );
}

#[test]
fn test_validate_namespace_bound_number_of_pods() {
    let a = Admission {
        max_pods_to_check: 4,
        ..Admission::default()
    };
    let pods: Vec<Pod> = (1..=5)
        .map(|i| pod(json!({"metadata": {"name": format!("pod{i}")}, "spec": {"hostPID": true}})))
        .collect();
    let w = a.evaluate_pods_in_namespace("test", lv(Level::Restricted, Version::Latest), &pods);
    assert_eq!(
        w,
        [
            "new PodSecurity enforce level only checked against the first 4 of 5 existing pods",
            r#"existing pods in namespace "test" violate the new PodSecurity enforce level "restricted:latest""#,
            "pod1 (and 3 other pods): host namespaces",
        ]
    );
}

#[test]
fn test_validate_namespace_prioritized_pods() {
    let a = Admission {
        max_pods_to_check: 4,
        ..admission(&[], &["runtimeclass1"])
    };
    // Each reason stands for upstream's per-pod message.
    let reasons = [
        json!({"hostPID": true}),
        json!({"hostIPC": true}),
        json!({"securityContext": {"sysctls": [{"name": "a", "value": "1"}]}}),
        json!({"volumes": [{"name": "v", "hostPath": {"path": "/"}}]}),
        json!({"securityContext": {"seLinuxOptions": {"type": "spc_t"}}}),
        json!({"securityContext": {"windowsOptions": {"hostProcess": true}}}),
        json!({"securityContext": {"seccompProfile": {"type": "Unconfined"}}}),
    ];
    let mut pods = Vec::new();
    for i in 1..=4 {
        let mut spec = reasons[0].clone();
        spec["runtimeClassName"] = json!("runtimeclass1");
        pods.push(pod(
            json!({"metadata": {"name": format!("exemptpod{i}")}, "spec": spec}),
        ));
    }
    for (rs, spec) in [(1, &reasons[1]), (2, &reasons[2])] {
        for i in 1..=4 {
            pods.push(pod(json!({"metadata": {"name": format!("replicaset{rs}pod{i}"), "ownerReferences": [
                {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "rs", "uid": rs.to_string(), "controller": true}]}, "spec": spec})));
        }
    }
    for i in 1..=4 {
        pods.push(pod(
            json!({"metadata": {"name": format!("uniquepod{i}")}, "spec": reasons[2 + i]}),
        ));
    }
    let w = a.evaluate_pods_in_namespace("test", lv(Level::Restricted, Version::Latest), &pods);
    assert_eq!(
        w,
        [
            "new PodSecurity enforce level only checked against the first 4 of 12 existing pods",
            r#"existing pods in namespace "test" violate the new PodSecurity enforce level "restricted:latest""#,
            "replicaset1pod1: host namespaces",
            "replicaset2pod1: forbidden sysctls",
            "uniquepod1: restricted volume types",
            "uniquepod2: seLinuxOptions",
        ]
    );
}

#[test]
fn test_exempt_namespace_warning() {
    let a = admission(&["test"], &[]);
    let none: Vec<Pod> = Vec::new();
    // privileged or default-equivalent policies do not warn
    for kvs in [
        &[("enforce", "privileged")][..],
        &[("audit", "privileged"), ("warn", "privileged")],
        &[],
    ] {
        let l = labels(kvs);
        let d = a.admit_namespace(&req(Operation::Create, &l), &ns("test", &l), None, &none);
        assert!(d.warnings.is_empty(), "{kvs:?}");
    }
    // only modes set by a label are listed
    let a = Admission {
        defaults: Policy {
            audit: lv(Level::Baseline, Version::Latest),
            ..Policy::default()
        },
        ..a
    };
    let l = labels(&[("warn-version", "v1.1"), ("enforce", "baseline")]);
    let d = a.admit_namespace(&req(Operation::Create, &l), &ns("test", &l), None, &none);
    assert_eq!(
        d.warnings,
        [
            r#"namespace "test" is exempt from Pod Security, and the policy (enforce=baseline:latest, warn=baseline:v1.1) will be ignored"#
        ]
    );
}

fn restricted_labels() -> BTreeMap<String, String> {
    BTreeMap::from([
        (
            "pod-security.kubernetes.io/enforce".into(),
            "baseline".into(),
        ),
        (
            "pod-security.kubernetes.io/audit".into(),
            "restricted".into(),
        ),
        (
            "pod-security.kubernetes.io/warn".into(),
            "restricted".into(),
        ),
    ])
}

#[test]
fn test_validate_pod_modes() {
    let a = admission(&["kube-system"], &["nvidia"]);
    let l = restricted_labels();
    let bad = pod(
        json!({"metadata": {"name": "p"}, "spec": {"hostNetwork": true, "containers": [{"name": "c", "image": "i"}]}}),
    );
    let d = a.admit_pod(&req(Operation::Create, &l), &bad, None);
    assert!(!d.allowed);
    let st = d.status.as_ref().unwrap();
    assert_eq!((st.code, st.reason), (403, "Forbidden"));
    assert_eq!(
        st.message,
        r#"pods "test" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true)"#
    );
    assert_eq!(d.audit_annotations["enforce-policy"], "baseline:latest");
    assert!(d.audit_annotations["audit-violations"].starts_with(r#"would violate PodSecurity "restricted:latest": host namespaces (hostNetwork=true), allowPrivilegeEscalation != false"#));
    assert!(d.warnings.is_empty(), "no warnings on a refused request");

    let warned = pod(
        json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": "i"}]}}),
    );
    let d = a.admit_pod(&req(Operation::Create, &l), &warned, None);
    assert!(d.allowed);
    let expect = r#"would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")"#;
    assert_eq!(d.warnings, [expect]);
    assert_eq!(d.audit_annotations["audit-violations"], expect);

    // exemptions
    let mut r = req(Operation::Create, &l);
    r.namespace = "kube-system";
    assert_eq!(
        a.admit_pod(&r, &bad, None).audit_annotations["exempt"],
        "namespace"
    );
    let mut r = req(Operation::Create, &l);
    r.username = "admin";
    assert_eq!(
        a.admit_pod(&r, &bad, None).audit_annotations["exempt"],
        "user"
    );
    let mut gpu = bad.clone();
    gpu.spec.as_mut().unwrap().runtime_class_name = Some("nvidia".into());
    let d = a.admit_pod(&req(Operation::Create, &l), &gpu, None);
    assert!(d.allowed);
    assert_eq!(d.audit_annotations["exempt"], "runtimeClass");
    // ignored subresources; others are evaluated
    let mut r = req(Operation::Update, &l);
    r.subresource = "status";
    assert!(a.admit_pod(&r, &bad, Some(&bad)).allowed);
    r.subresource = "ephemeralcontainers";
    let mut with_eph = bad.clone();
    with_eph.spec.as_mut().unwrap().ephemeral_containers = Some(vec![
        serde_json::from_value(json!({"name": "dbg", "image": "busybox"})).unwrap(),
    ]);
    assert!(!a.admit_pod(&r, &with_eph, Some(&bad)).allowed);
    // an update changing no image is not evaluated; one changing an image is
    let r = req(Operation::Update, &l);
    assert!(a.admit_pod(&r, &bad, Some(&bad)).allowed);
    let mut old = bad.clone();
    old.spec.as_mut().unwrap().containers[0].image = Some("old".into());
    assert!(!a.admit_pod(&r, &bad, Some(&old)).allowed);
    // fully privileged namespace
    let none = BTreeMap::new();
    let d = a.admit_pod(&req(Operation::Create, &none), &bad, None);
    assert!(d.allowed);
    assert_eq!(d.audit_annotations["enforce-policy"], "privileged:latest");
    // bad labels: enforce falls back to restricted, the error is annotated
    let badl = BTreeMap::from([(
        "pod-security.kubernetes.io/enforce".to_string(),
        "strict".to_string(),
    )]);
    let d = a.admit_pod(&req(Operation::Create, &badl), &warned, None);
    assert!(!d.allowed);
    assert_eq!(
        d.audit_annotations["error"],
        r#"Failed to parse policy: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted"#
    );
    assert_eq!(d.audit_annotations["enforce-policy"], "restricted:latest");
}

#[test]
fn test_validate_pod_controller() {
    let a = admission(&[], &[]);
    let l = restricted_labels();
    let d: Deployment =
        serde_json::from_value(json!({"metadata": {"name": "d"}, "spec": {"selector": {},
        "template": {"spec": {"hostPID": true, "containers": [{"name": "c", "image": "i"}]}}}}))
        .unwrap();
    let dec = a.admit_pod_controller(&req(Operation::Create, &l), PodController::Deployment(&d));
    assert!(dec.allowed, "enforce never refuses a workload");
    assert!(!dec.audit_annotations.contains_key("enforce-policy"));
    assert!(dec.warnings[0].starts_with(
        r#"would violate PodSecurity "restricted:latest": host namespaces (hostPID=true), "#
    ));
    // only enforce set: nothing evaluated for workloads
    let only = BTreeMap::from([
        (
            "pod-security.kubernetes.io/enforce".to_string(),
            "baseline".to_string(),
        ),
        (
            "pod-security.kubernetes.io/warn".to_string(),
            "privileged".to_string(),
        ),
    ]);
    assert_eq!(
        a.admit_pod_controller(
            &req(Operation::Create, &only),
            PodController::Deployment(&d)
        ),
        acp_model::psa::Decision {
            allowed: true,
            ..Default::default()
        }
    );
    let mut r = req(Operation::Update, &l);
    r.subresource = "scale";
    assert!(
        a.admit_pod_controller(&r, PodController::Deployment(&d))
            .warnings
            .is_empty()
    );
}

#[test]
fn seed_003_4658_exemptions_config() {
    // seed 003:4654-4664: usernames admin, runtime class nvidia, namespace kube-system.
    let cfg: acp_model::thirdparty::pod_security::PodSecurityConfiguration = serde_json::from_value(json!({
        "apiVersion": "pod-security.admission.config.k8s.io/v1", "kind": "PodSecurityConfiguration",
        "exemptions": {"usernames": ["admin"], "runtimeClasses": ["nvidia"], "namespaces": ["kube-system"]}})).unwrap();
    let a = Admission::from_config(&cfg).unwrap();
    assert_eq!(a.defaults, Policy::default());
    assert_eq!(
        a.exemptions,
        Exemptions {
            usernames: vec!["admin".into()],
            runtime_classes: vec!["nvidia".into()],
            namespaces: vec!["kube-system".into()]
        }
    );
    let bad: acp_model::thirdparty::pod_security::PodSecurityConfiguration =
        serde_json::from_value(json!({
        "apiVersion": "pod-security.admission.config.k8s.io/v1", "kind": "PodSecurityConfiguration",
        "defaults": {"enforce": "strict"}}))
        .unwrap();
    assert_eq!(
        Admission::from_config(&bad).unwrap_err().to_string(),
        r#"defaults.enforce: Invalid value: "strict": must be one of privileged, baseline, restricted"#
    );
}

#[test]
fn seed_003_4634_namespace_labels() {
    // seed 003:4630-4640: enforce restricted, audit baseline, warn baseline.
    let l = BTreeMap::from([
        (
            "pod-security.kubernetes.io/enforce".to_string(),
            "restricted".to_string(),
        ),
        (
            "pod-security.kubernetes.io/audit".to_string(),
            "baseline".to_string(),
        ),
        (
            "pod-security.kubernetes.io/warn".to_string(),
            "baseline".to_string(),
        ),
    ]);
    let (p, errs) = Policy::from_labels(&l, &Policy::default());
    assert!(errs.is_empty());
    assert_eq!(p.enforce.to_string(), "restricted:latest");
    assert_eq!(
        (p.audit.to_string(), p.warn.to_string()),
        ("baseline:latest".into(), "baseline:latest".into())
    );
}
