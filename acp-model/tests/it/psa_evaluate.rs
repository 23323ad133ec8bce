//! Levels and versions evaluated as a whole: which checks run where (upstream `registry.go`),
//! the minimal valid pods of upstream `test/fixtures.go` at each policy step, the aggregated
//! messages, the seed's pods, and the fix.

use acp_model::kube_version::WithSpec;
use acp_model::object::{KnownObject, parse_yaml};
use acp_model::psa::{
    CheckId, Level, LevelVersion, NEWEST_POLICY_MINOR, Version, apply_patch, checks_for, evaluate,
    fix, latest_minor, passes,
};
use k8s_openapi::api::core::v1::PodSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde_json::{Value, json};

use super::psa_checks::pod;
use crate::support;

fn at(level: Level, minor: u32) -> LevelVersion {
    LevelVersion::new(level, Version::V1(minor))
}

fn ids(lv: LevelVersion) -> Vec<&'static str> {
    checks_for(lv).into_iter().map(CheckId::as_str).collect()
}

#[test]
fn check_ids_are_in_upstream_order() {
    // Baseline checks first, then restricted, each group sorted bytewise by identifier.
    for level in [Level::Baseline, Level::Restricted] {
        let group: Vec<&str> = CheckId::ALL
            .iter()
            .filter(|c| c.level() == level)
            .map(|c| c.as_str())
            .collect();
        let mut sorted = group.clone();
        sorted.sort_unstable();
        assert_eq!(group, sorted);
    }
    assert_eq!(
        CheckId::ALL
            .iter()
            .filter(|c| c.level() == Level::Baseline)
            .count(),
        12
    );
}

#[test]
fn test_populate_baseline() {
    let v1_0 = [
        "appArmorProfile",
        "capabilities_baseline",
        "hostNamespaces",
        "hostPathVolumes",
        "hostPorts",
        "privileged",
        "procMount",
        "seLinuxOptions",
        "seccompProfile_baseline",
        "sysctls",
        "windowsHostProcess",
    ];
    assert_eq!(ids(at(Level::Baseline, 0)), v1_0);
    assert_eq!(ids(at(Level::Baseline, 33)), v1_0);
    let mut v1_34 = v1_0.to_vec();
    v1_34.insert(5, "hostProbesAndHostLifecycle");
    if latest_minor() >= 34 {
        assert_eq!(ids(at(Level::Baseline, 34)), v1_34);
    } else {
        // A version newer than the build's is evaluated as the build's latest.
        assert_eq!(ids(at(Level::Baseline, 34)), v1_0);
    }
    assert!(ids(at(Level::Privileged, 34)).is_empty());
}

#[test]
fn test_populate_restricted() {
    // restrictedVolumes replaces hostPathVolumes from 1.0 on; seccompProfile_restricted the
    // baseline seccomp check from 1.19; capabilities_restricted the baseline one from 1.22;
    // procMount_restricted the baseline procMount from 1.35.
    assert_eq!(
        ids(at(Level::Restricted, 0)),
        [
            "appArmorProfile",
            "capabilities_baseline",
            "hostNamespaces",
            "hostPorts",
            "privileged",
            "procMount",
            "seLinuxOptions",
            "seccompProfile_baseline",
            "sysctls",
            "windowsHostProcess",
            "restrictedVolumes",
            "runAsNonRoot"
        ]
    );
    assert_eq!(
        ids(at(Level::Restricted, 8))[10..],
        [
            "allowPrivilegeEscalation",
            "restrictedVolumes",
            "runAsNonRoot"
        ]
    );
    assert_eq!(
        ids(at(Level::Restricted, 19)),
        [
            "appArmorProfile",
            "capabilities_baseline",
            "hostNamespaces",
            "hostPorts",
            "privileged",
            "procMount",
            "seLinuxOptions",
            "sysctls",
            "windowsHostProcess",
            "allowPrivilegeEscalation",
            "restrictedVolumes",
            "runAsNonRoot",
            "seccompProfile_restricted"
        ]
    );
    assert_eq!(
        ids(at(Level::Restricted, 23)),
        [
            "appArmorProfile",
            "hostNamespaces",
            "hostPorts",
            "privileged",
            "procMount",
            "seLinuxOptions",
            "sysctls",
            "windowsHostProcess",
            "allowPrivilegeEscalation",
            "capabilities_restricted",
            "restrictedVolumes",
            "runAsNonRoot",
            "runAsUser",
            "seccompProfile_restricted"
        ]
    );
    if latest_minor() < 35 {
        // A version newer than the build's is evaluated as the build's latest.
        assert_eq!(
            ids(at(Level::Restricted, 35)),
            ids(LevelVersion::latest(Level::Restricted))
        );
        return;
    }
    assert_eq!(
        ids(at(Level::Restricted, 35)),
        [
            "appArmorProfile",
            "hostNamespaces",
            "hostPorts",
            "hostProbesAndHostLifecycle",
            "privileged",
            "seLinuxOptions",
            "sysctls",
            "windowsHostProcess",
            "allowPrivilegeEscalation",
            "capabilities_restricted",
            "procMount_restricted",
            "restrictedVolumes",
            "runAsNonRoot",
            "runAsUser",
            "seccompProfile_restricted"
        ]
    );
}

#[test]
fn latest_is_this_builds_minor() {
    assert_eq!(
        latest_minor(),
        acp_model::kube_version::MINOR.min(NEWEST_POLICY_MINOR)
    );
    assert_eq!(Version::Latest.effective_minor(), latest_minor());
    assert_eq!(Version::V1(1000).effective_minor(), latest_minor());
    assert_eq!(
        checks_for(LevelVersion::latest(Level::Restricted)),
        checks_for(at(Level::Restricted, latest_minor()))
    );
}

/// Upstream `test/fixtures.go`'s minimal valid pods, each with the first minor it is for.
fn minimal_restricted() -> Vec<(u32, Value)> {
    let base = |c_sc: Value, pod_sc: Value| {
        json!({"spec": {"securityContext": pod_sc,
        "initContainers": [{"name": "initcontainer1", "image": "registry.k8s.io/pause", "securityContext": c_sc}],
        "containers": [{"name": "container1", "image": "registry.k8s.io/pause", "securityContext": c_sc}]}})
    };
    vec![
        (0, base(json!({}), json!({"runAsNonRoot": true}))),
        (
            8,
            base(
                json!({"allowPrivilegeEscalation": false}),
                json!({"runAsNonRoot": true}),
            ),
        ),
        (
            19,
            base(
                json!({"allowPrivilegeEscalation": false}),
                json!({"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}}),
            ),
        ),
        (
            22,
            base(
                json!({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}),
                json!({"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}}),
            ),
        ),
    ]
}

#[test]
fn test_fixtures_minimal_valid_pods() {
    let baseline = json!({"spec": {"initContainers": [{"name": "initcontainer1", "image": "registry.k8s.io/pause"}],
        "containers": [{"name": "container1", "image": "registry.k8s.io/pause"}]}});
    let (m, s) = pod(baseline);
    for minor in 0..=latest_minor() {
        assert!(
            passes(at(Level::Baseline, minor), &m, &s),
            "baseline v1.{minor}"
        );
    }
    let pods = minimal_restricted();
    for (i, (first, p)) in pods.iter().enumerate() {
        let (m, s) = pod(p.clone());
        let next = pods.get(i + 1).map_or(latest_minor() + 1, |(n, _)| *n);
        for minor in *first..next.min(latest_minor() + 1) {
            assert!(
                passes(at(Level::Restricted, minor), &m, &s),
                "restricted fixture {first} at v1.{minor}"
            );
        }
        if next <= latest_minor() {
            assert!(
                !passes(at(Level::Restricted, next), &m, &s),
                "restricted fixture {first} at v1.{next}"
            );
        }
    }
    // From 1.25 a windows pod needs only runAsNonRoot; a linux one needs the full set.
    let windows = json!({"spec": {"os": {"name": "windows"}, "securityContext": {"runAsNonRoot": true},
        "containers": [{"name": "container1", "image": "registry.k8s.io/pause"}]}});
    let (m, s) = pod(windows);
    assert!(passes(at(Level::Restricted, 25), &m, &s));
    assert!(!passes(at(Level::Restricted, 24), &m, &s));
    let mut linux = pods[3].1.clone();
    linux["spec"]["os"] = json!({"name": "linux"});
    let (m, s) = pod(linux);
    assert!(passes(at(Level::Restricted, 25), &m, &s));
}

#[test]
fn test_fixtures_user_namespace_relaxations() {
    // From 1.35 on, hostUsers: false relaxes runAsNonRoot, runAsUser and baseline's procMount
    // (restricted still forbids an unmasked /proc).
    let p = json!({"spec": {"hostUsers": false, "securityContext": {"runAsUser": 0, "seccompProfile": {"type": "RuntimeDefault"}},
        "containers": [{"name": "c", "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}}]}});
    let (m, s) = pod(p.clone());
    if latest_minor() < 35 {
        // A version newer than the build's is evaluated as the build's latest (upstream's
        // policy lookup): the relaxation does not exist yet.
        assert!(!passes(at(Level::Restricted, 35), &m, &s));
        return;
    }
    assert!(passes(at(Level::Restricted, 35), &m, &s));
    let e = evaluate(at(Level::Restricted, 34), &m, &s);
    assert_eq!(e.forbidden_reason(), "runAsNonRoot != true, runAsUser=0");
    let mut unmasked = p;
    unmasked["spec"]["containers"][0]["securityContext"]["procMount"] = json!("Unmasked");
    let (m, s) = pod(unmasked);
    assert!(passes(at(Level::Baseline, 35), &m, &s));
    assert!(!passes(at(Level::Baseline, 34), &m, &s));
    assert_eq!(
        evaluate(at(Level::Restricted, 35), &m, &s).forbidden_reason(),
        "procMount"
    );
}

#[test]
fn golden_aggregated_messages() {
    let (m, s) = pod(
        json!({"metadata": {"name": "web"}, "spec": {"hostNetwork": true, "hostPID": true,
        "volumes": [{"name": "data", "hostPath": {"path": "/data"}}],
        "containers": [{"name": "app", "image": "nginx", "ports": [{"containerPort": 80, "hostPort": 80}],
            "securityContext": {"privileged": true, "capabilities": {"add": ["NET_ADMIN"]}}}]}}),
    );
    let b = evaluate(at(Level::Baseline, 33), &m, &s);
    assert_eq!(
        b.to_string(),
        concat!(
            r#"violates PodSecurity "baseline:v1.33": "#,
            r#"non-default capabilities (container "app" must not include "NET_ADMIN" in securityContext.capabilities.add), "#,
            r#"host namespaces (hostNetwork=true, hostPID=true), hostPath volumes (volume "data"), "#,
            r#"hostPort (container "app" uses hostPort 80), privileged (container "app" must not set securityContext.privileged=true)"#
        )
    );
    assert_eq!(
        b.forbidden_reason(),
        "non-default capabilities, host namespaces, hostPath volumes, hostPort, privileged"
    );
    let r = evaluate(at(Level::Restricted, 33), &m, &s);
    assert_eq!(
        r.to_string(),
        concat!(
            r#"violates PodSecurity "restricted:v1.33": "#,
            r#"host namespaces (hostNetwork=true, hostPID=true), hostPort (container "app" uses hostPort 80), "#,
            r#"privileged (container "app" must not set securityContext.privileged=true), "#,
            r#"allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), "#,
            r#"unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]; container "app" must not include "NET_ADMIN" in securityContext.capabilities.add), "#,
            r#"restricted volume types (volume "data" uses restricted volume type "hostPath"), "#,
            r#"runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), "#,
            r#"seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")"#
        )
    );
    let ok = evaluate(at(Level::Privileged, 33), &m, &s);
    assert!(ok.allowed() && ok.results.is_empty());
    assert_eq!(
        ok.to_string(),
        r#"allowed by PodSecurity "privileged:v1.33""#
    );
}

/// Every seed example with a pod or pod template: (file, passes baseline, passes restricted).
fn seed_pods() -> Vec<(String, ObjectMeta, PodSpec)> {
    let mut out = Vec::new();
    for file in support::seed_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let Ok(docs) = parse_yaml(&text) else {
            continue;
        };
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        for d in docs {
            let (m, s) = match &d {
                KnownObject::Pod(p) => (p.metadata.clone(), p.spec.clone().unwrap_or_default()),
                other => match acp_model::psa::PodController::from_known(other)
                    .and_then(|c| c.pod_template())
                {
                    Some((m, s)) => (m.into_owned(), s.into_owned()),
                    None => continue,
                },
            };
            out.push((name.clone(), m, s));
        }
    }
    out
}

#[test]
fn seed_003_pods_at_every_level() {
    let pods = seed_pods();
    assert!(pods.len() >= 20, "only {} seed pods", pods.len());
    let mut restricted_ok = Vec::new();
    for (name, m, s) in &pods {
        let r = passes(LevelVersion::latest(Level::Restricted), m, s);
        let b = passes(LevelVersion::latest(Level::Baseline), m, s);
        assert!(!r || b, "{name}: restricted but not baseline");
        if r {
            restricted_ok.push(name.as_str());
        }
        // every one can be fixed to baseline unless it uses host namespaces/paths/ports
        if let Ok(f) = fix(LevelVersion::latest(Level::Restricted), m, s) {
            assert!(
                passes(
                    LevelVersion::latest(Level::Restricted),
                    &f.metadata,
                    &f.spec
                ),
                "{name}"
            );
        }
    }
    // The seed's hardened examples are the only ones that pass restricted as written.
    assert!(
        restricted_ok.iter().all(|n| !n.contains("uid-gid")),
        "{restricted_ok:?}"
    );
}

#[test]
fn seed_003_4732_uid_gid_pod_is_refused_by_restricted() {
    // seed 003:4732 — the UID/GID page asks for enforce: restricted (seed 003:4690); its example
    // pod sets nothing, so restricted refuses it as written.
    let text = support::read("003/L4732-pod-uid-gid-test-pod.yaml");
    let Some(KnownObject::Pod(p)) = parse_yaml(&text).unwrap().into_iter().next() else {
        panic!()
    };
    let e = evaluate(
        LevelVersion::latest(Level::Restricted),
        &p.metadata,
        p.spec.as_ref().unwrap(),
    );
    assert_eq!(
        e.to_string(),
        concat!(
            r#"violates PodSecurity "restricted:latest": "#,
            r#"allowPrivilegeEscalation != false (container "test-container" must set securityContext.allowPrivilegeEscalation=false), "#,
            r#"unrestricted capabilities (container "test-container" must set securityContext.capabilities.drop=["ALL"]), "#,
            r#"runAsNonRoot != true (pod or container "test-container" must set securityContext.runAsNonRoot=true), "#,
            r#"seccompProfile (pod or container "test-container" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")"#
        )
    );
    assert!(passes(
        LevelVersion::latest(Level::Baseline),
        &p.metadata,
        p.spec.as_ref().unwrap()
    ));
    let f = fix(
        LevelVersion::latest(Level::Restricted),
        &p.metadata,
        p.spec.as_ref().unwrap(),
    )
    .unwrap();
    assert_eq!(
        f.patch(),
        json!([
            {"op": "add", "path": "/spec/containers/0/securityContext",
                "value": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}},
            {"op": "add", "path": "/spec/securityContext", "value": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}}},
        ])
    );
    let changes: Vec<String> = f.changes.iter().map(ToString::to_string).collect();
    assert_eq!(
        changes,
        [
            "spec.containers[0].securityContext.allowPrivilegeEscalation: set false",
            r#"spec.containers[0].securityContext.capabilities.drop: add "ALL""#,
            "spec.securityContext.runAsNonRoot: set true",
            r#"spec.securityContext.seccompProfile: set {"type":"RuntimeDefault"}"#,
        ]
    );
}

#[test]
fn seed_003_4590_baseline_blocks_every_host_path() {
    // seed 003:4588 says baseline blocks "unrestricted" hostPath volumes; upstream (and this
    // crate) refuse every hostPath volume at baseline, read-only or not.
    let (m, s) = pod(
        json!({"spec": {"volumes": [{"name": "logs", "hostPath": {"path": "/var/log", "type": "Directory"}}],
        "containers": [{"name": "c", "image": "i", "volumeMounts": [{"name": "logs", "mountPath": "/l", "readOnly": true}]}]}}),
    );
    assert_eq!(
        evaluate(LevelVersion::latest(Level::Baseline), &m, &s).forbidden_detail(),
        r#"hostPath volumes (volume "logs")"#
    );
}

#[test]
fn fix_reports_what_cannot_be_fixed() {
    let (m, s) = pod(
        json!({"spec": {"hostNetwork": true, "containers": [{"name": "c", "securityContext": {"privileged": true}}]}}),
    );
    let e = fix(LevelVersion::latest(Level::Baseline), &m, &s).unwrap_err();
    assert_eq!(
        e.failures.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        [CheckId::HostNamespaces]
    );
    assert_eq!(
        e.to_string(),
        r#"no securityContext change makes the pod pass PodSecurity "baseline:latest": host namespaces (hostNetwork=true)"#
    );
}

#[test]
fn fix_minimal_edits() {
    // The 1.35 checks (a build of an older minor evaluates v1.35 as its own latest, where
    // procMount is checked after the capabilities; see below).
    let lv = at(Level::Restricted, 35);
    let original = json!({"metadata": {"annotations": {"container.apparmor.security.beta.kubernetes.io/c": "unconfined"}},
        "spec": {"securityContext": {"runAsUser": 0, "sysctls": [{"name": "kernel.shm_rmid_forced", "value": "1"}, {"name": "net.core.somaxconn", "value": "1"}],
            "seLinuxOptions": {"type": "spc_t", "level": "s0:c1"}},
        "containers": [{"name": "c", "securityContext": {"privileged": true, "allowPrivilegeEscalation": true, "runAsNonRoot": false,
            "capabilities": {"add": ["NET_BIND_SERVICE", "SYS_ADMIN"], "drop": ["NET_RAW"]}, "procMount": "Unmasked",
            "seccompProfile": {"type": "Unconfined"}, "windowsOptions": {"hostProcess": true}}}]}});
    let (m, s) = pod(original.clone());
    let f = fix(lv, &m, &s).unwrap();
    assert!(passes(lv, &f.metadata, &f.spec));
    let changes: Vec<String> = f.changes.iter().map(ToString::to_string).collect();
    if latest_minor() < 35 {
        assert_eq!(
            changes,
            [
                r#"metadata.annotations[container.apparmor.security.beta.kubernetes.io/c]: set "runtime/default""#,
                "spec.containers[0].securityContext.privileged: set false",
                r#"spec.containers[0].securityContext.procMount: set "Default""#,
                "spec.securityContext.seLinuxOptions.type: remove",
                r#"spec.securityContext.sysctls: remove "net.core.somaxconn""#,
                "spec.containers[0].securityContext.windowsOptions.hostProcess: set false",
                "spec.containers[0].securityContext.allowPrivilegeEscalation: set false",
                r#"spec.containers[0].securityContext.capabilities.drop: add "ALL""#,
                r#"spec.containers[0].securityContext.capabilities.add: remove "SYS_ADMIN""#,
                "spec.containers[0].securityContext.runAsNonRoot: set true",
                "spec.securityContext.runAsUser: remove",
                r#"spec.containers[0].securityContext.seccompProfile: set {"type":"RuntimeDefault"}"#,
            ]
        );
    } else {
        assert_eq!(
            changes,
            [
                r#"metadata.annotations[container.apparmor.security.beta.kubernetes.io/c]: set "runtime/default""#,
                "spec.containers[0].securityContext.privileged: set false",
                "spec.securityContext.seLinuxOptions.type: remove",
                r#"spec.securityContext.sysctls: remove "net.core.somaxconn""#,
                "spec.containers[0].securityContext.windowsOptions.hostProcess: set false",
                "spec.containers[0].securityContext.allowPrivilegeEscalation: set false",
                r#"spec.containers[0].securityContext.capabilities.drop: add "ALL""#,
                r#"spec.containers[0].securityContext.capabilities.add: remove "SYS_ADMIN""#,
                r#"spec.containers[0].securityContext.procMount: set "Default""#,
                "spec.containers[0].securityContext.runAsNonRoot: set true",
                "spec.securityContext.runAsUser: remove",
                r#"spec.containers[0].securityContext.seccompProfile: set {"type":"RuntimeDefault"}"#,
            ]
        );
    }
    // The patch turns the original into the fixed pod; a workload's patch is prefixed.
    let mut doc =
        json!({"metadata": original["metadata"], "spec": serde_json::to_value(&s).unwrap()});
    apply_patch(&mut doc, &f.patch()).unwrap();
    assert_eq!(doc, json!({"metadata": f.metadata, "spec": f.spec}));
    assert!(
        f.patch_at("/spec/template")
            .as_array()
            .unwrap()
            .iter()
            .all(|op| op["path"].as_str().unwrap().starts_with("/spec/template/"))
    );
    // A passing pod needs no change.
    let g = fix(lv, &f.metadata, &f.spec).unwrap();
    assert!(g.changes.is_empty() && g.patch() == json!([]));
}

#[test]
fn fix_workload_template() {
    let text = support::read("003/L11397-deployment-nginx-deployment.yaml");
    let Some(KnownObject::Deployment(d)) = parse_yaml(&text).unwrap().into_iter().next() else {
        panic!()
    };
    let t = d.spec_ref().unwrap().template.clone();
    let f = fix(
        LevelVersion::latest(Level::Restricted),
        &t.metadata.clone().unwrap_or_default(),
        t.spec.as_ref().unwrap(),
    )
    .unwrap();
    let mut doc = serde_json::to_value(&*d).unwrap();
    apply_patch(&mut doc, &f.patch_at("/spec/template")).unwrap();
    let fixed: k8s_openapi::api::apps::v1::Deployment = serde_json::from_value(doc).unwrap();
    let ft = fixed.spec_ref().unwrap().template.clone();
    assert!(passes(
        LevelVersion::latest(Level::Restricted),
        &ft.metadata.unwrap_or_default(),
        ft.spec.as_ref().unwrap()
    ));
}
