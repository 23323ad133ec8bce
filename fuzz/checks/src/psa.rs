//! The `psa` fuzz target's check: arbitrary bytes → a Pod (JSON input is read as a Pod when it
//! parses; other bytes pick security-relevant fields from a palette) → Pod Security evaluated at
//! every level and version never panics; restricted passing implies baseline passing (but for
//! upstream's windows exception); the early-exit check agrees with the full evaluation; a fix
//! makes the pod pass and its JSON Patch turns the pod into the fixed one; the namespace label
//! parser never panics on the pod's labels and annotations.

use acp_model::psa::{
    CheckId, Level, LevelVersion, Policy, Version, apply_patch, evaluate, fix, latest_minor, passes,
};
use k8s_openapi::api::core::v1::{Pod, PodSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde_json::{Value, json};

/// A pod from bytes that are not a JSON Pod: each byte switches fields on.
fn palette_pod(data: &[u8]) -> Value {
    let mut it = data.iter().copied();
    let mut byte = move || it.next().unwrap_or(0);
    let mut containers = Vec::new();
    for i in 0..(byte() % 4) {
        let b = byte();
        let mut sc = serde_json::Map::new();
        if b & 1 != 0 {
            sc.insert("allowPrivilegeEscalation".into(), json!(b & 2 != 0));
        }
        if b & 4 != 0 {
            sc.insert("capabilities".into(), json!({"drop": ["ALL"], "add": if b & 8 != 0 { json!(["SYS_ADMIN"]) } else { json!([]) }}));
        }
        if b & 16 != 0 {
            sc.insert("runAsNonRoot".into(), json!(b & 32 != 0));
        }
        if b & 64 != 0 {
            const TYPES: [&str; 4] = ["RuntimeDefault", "Unconfined", "Localhost", ""];
            let t = TYPES[usize::from(byte() % 4)];
            sc.insert("seccompProfile".into(), json!({ "type": t }));
        }
        if b & 128 != 0 {
            sc.insert("privileged".into(), json!(true));
            sc.insert("procMount".into(), json!("Unmasked"));
            sc.insert("runAsUser".into(), json!(i64::from(byte() % 2)));
        }
        containers.push(json!({"name": format!("c{i}"), "securityContext": sc,
            "ports": [{"containerPort": 80, "hostPort": i32::from(byte() % 3)}]}));
    }
    let b = byte();
    json!({"metadata": {"name": "fuzz", "annotations": {"seccomp.security.alpha.kubernetes.io/pod": if b & 1 != 0 { "unconfined" } else { "runtime/default" }}},
        "spec": {"containers": containers, "hostNetwork": b & 2 != 0, "hostUsers": b & 4 == 0,
            "os": {"name": if b & 8 != 0 { "windows" } else { "linux" }},
            "securityContext": {"runAsNonRoot": b & 16 != 0, "sysctls": [{"name": if b & 32 != 0 { "net.core.somaxconn" } else { "kernel.shm_rmid_forced" }, "value": "1"}]},
            "volumes": if b & 64 != 0 { json!([{"name": "h", "hostPath": {"path": "/"}}]) } else { json!([{"name": "e", "emptyDir": {}}]) }}})
}

fn check_pod(meta: &ObjectMeta, spec: &PodSpec) {
    let mut versions: Vec<Version> = (0..=latest_minor() + 1).map(Version::V1).collect();
    versions.push(Version::Latest);
    for version in versions {
        let r = evaluate(LevelVersion::new(Level::Restricted, version), meta, spec);
        let b = evaluate(LevelVersion::new(Level::Baseline, version), meta, spec);
        assert!(evaluate(LevelVersion::new(Level::Privileged, version), meta, spec).allowed());
        if r.allowed() && !b.allowed() {
            assert_eq!(
                spec.os.as_ref().map(|o| o.name.as_str()),
                Some("windows"),
                "{b}"
            );
            assert!(
                b.failures().all(|(id, _)| matches!(
                    id,
                    CheckId::SeccompProfileBaseline | CheckId::CapabilitiesBaseline
                )),
                "{b}"
            );
        }
        for (level, e) in [(Level::Restricted, &r), (Level::Baseline, &b)] {
            let lv = LevelVersion::new(level, version);
            assert_eq!(passes(lv, meta, spec), e.allowed());
            let _ = (e.to_string(), e.forbidden_reason());
            match fix(lv, meta, spec) {
                Ok(f) => {
                    assert!(
                        passes(lv, &f.metadata, &f.spec),
                        "{}",
                        evaluate(lv, &f.metadata, &f.spec)
                    );
                    let mut doc = json!({"metadata": meta, "spec": spec});
                    apply_patch(&mut doc, &f.patch()).unwrap();
                    assert_eq!(doc, json!({"metadata": &f.metadata, "spec": &f.spec}));
                }
                Err(u) => assert!(
                    !u.failures.is_empty() && u.failures.iter().all(|(id, _)| !id.fixable())
                ),
            }
        }
    }
    let mut labels = meta.labels.clone().unwrap_or_default();
    labels.extend(meta.annotations.clone().unwrap_or_default());
    let _ = Policy::from_labels(&labels, &Policy::default());
}

/// Panics when an invariant does not hold for `data`.
pub fn check(data: &[u8]) {
    let value = match serde_json::from_slice::<Value>(data) {
        Ok(v) => v,
        Err(_) => palette_pod(data),
    };
    let Ok(pod) = serde_json::from_value::<Pod>(value) else {
        return;
    };
    let spec = pod.spec.clone().unwrap_or_default();
    check_pod(&pod.metadata, &spec);
}
