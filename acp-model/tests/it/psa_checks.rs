//! The Pod Security checks, case by case: upstream `k8s.io/pod-security-admission/policy`
//! `check_*_test.go` tables (kubernetes/pod-security-admission at 8f84a87), transcribed as
//! facts: the pods, the variant (minimum version) and the expected reason and detail.

use acp_model::psa::{CheckId, CheckResult};
use k8s_openapi::api::core::v1::PodSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde_json::{Value, json};

/// `{"metadata": …, "spec": …}` (both optional; `spec.containers` defaults to `[]`).
pub(crate) fn pod(v: Value) -> (ObjectMeta, PodSpec) {
    let meta = serde_json::from_value(v.get("metadata").cloned().unwrap_or(json!({}))).unwrap();
    let mut spec = v.get("spec").cloned().unwrap_or(json!({}));
    if spec.get("containers").is_none() {
        spec["containers"] = json!([]);
    }
    (meta, serde_json::from_value(spec).unwrap())
}

fn run(id: CheckId, minor: u32, v: Value) -> CheckResult {
    let (m, s) = pod(v);
    id.check(minor, &m, &s)
}

#[track_caller]
fn forbidden(id: CheckId, minor: u32, v: Value, reason: &str, detail: &str) {
    let r = run(id, minor, v);
    assert!(!r.allowed, "{id} at 1.{minor} allowed");
    assert_eq!(r.forbidden_reason, reason);
    assert_eq!(r.forbidden_detail, detail);
}

#[track_caller]
fn allowed(id: CheckId, minor: u32, v: Value) {
    let r = run(id, minor, v);
    assert_eq!(r, CheckResult::ALLOWED, "{id} at 1.{minor}");
}

fn c(name: &str, sc: Value) -> Value {
    json!({"name": name, "securityContext": sc})
}

#[test]
fn test_allow_privilege_escalation_1_25() {
    let containers = json!([{"name": "a"}, c("b", json!({})),
        c("c", json!({"allowPrivilegeEscalation": true})), c("d", json!({"allowPrivilegeEscalation": false}))]);
    for minor in [8, 25] {
        forbidden(
            CheckId::AllowPrivilegeEscalation,
            minor,
            json!({"spec": {"containers": containers}}),
            "allowPrivilegeEscalation != false",
            r#"containers "a", "b", "c" must set securityContext.allowPrivilegeEscalation=false"#,
        );
    }
    allowed(
        CheckId::AllowPrivilegeEscalation,
        25,
        json!({"spec": {"os": {"name": "windows"}, "containers": [{"name": "a"}]}}),
    );
    forbidden(
        CheckId::AllowPrivilegeEscalation,
        25,
        json!({"spec": {"os": {"name": "linux"}, "containers": [{"name": "a"}]}}),
        "allowPrivilegeEscalation != false",
        r#"container "a" must set securityContext.allowPrivilegeEscalation=false"#,
    );
    // test_allow_privilege_escalation_1_8: the windows exemption is 1.25's.
    forbidden(
        CheckId::AllowPrivilegeEscalation,
        24,
        json!({"spec": {"os": {"name": "windows"}, "containers": [{"name": "a"}]}}),
        "allowPrivilegeEscalation != false",
        r#"container "a" must set securityContext.allowPrivilegeEscalation=false"#,
    );
    allowed(
        CheckId::AllowPrivilegeEscalation,
        7,
        json!({"spec": {"containers": [{"name": "a"}]}}),
    );
}

#[test]
fn test_check_app_armor_allowed() {
    let p = "container.apparmor.security.beta.kubernetes.io/";
    for meta in [
        json!({"annotations": {format!("{p}test"): "runtime/default", "env": "prod"}}),
        json!({"annotations": {format!("{p}test"): "localhost/sec-profile01", "env": "dev"}}),
        json!({"annotations": {"env": "dev"}}),
        json!({}),
    ] {
        allowed(CheckId::AppArmorProfile, 0, json!({"metadata": meta}));
    }
    allowed(
        CheckId::AppArmorProfile,
        0,
        json!({"spec": {"securityContext": {"appArmorProfile": {"type": "RuntimeDefault"}}}}),
    );
    allowed(
        CheckId::AppArmorProfile,
        0,
        json!({"spec": {"containers": [c("foo", json!({"appArmorProfile": {"type": "RuntimeDefault"}}))]}}),
    );
}

#[test]
fn test_check_app_armor_forbidden() {
    let id = CheckId::AppArmorProfile;
    forbidden(
        id,
        0,
        json!({"spec": {"securityContext": {"appArmorProfile": {"type": "Unconfined"}}}}),
        "forbidden AppArmor profile",
        r#"pod must not set AppArmor profile type to "Unconfined""#,
    );
    forbidden(
        id,
        0,
        json!({"spec": {"securityContext": {"appArmorProfile": {"type": "RuntimeDefault"}},
            "containers": [c("foo", json!({"appArmorProfile": {"type": "Unconfined"}}))]}}),
        "forbidden AppArmor profile",
        r#"container "foo" must not set AppArmor profile type to "Unconfined""#,
    );
    forbidden(
        id,
        0,
        json!({"spec": {"securityContext": {"appArmorProfile": {"type": "RuntimeDefault"}},
            "containers": [{"name": "foo"}],
            "initContainers": [c("bar", json!({"appArmorProfile": {"type": "Unconfined"}}))]}}),
        "forbidden AppArmor profile",
        r#"container "bar" must not set AppArmor profile type to "Unconfined""#,
    );
    let p = "container.apparmor.security.beta.kubernetes.io/";
    forbidden(
        id,
        0,
        json!({"metadata": {"annotations": {
            p: "bogus", format!("{p}a"): "", format!("{p}b"): "runtime/default",
            format!("{p}c"): "localhost/", format!("{p}d"): "localhost/foo",
            format!("{p}e"): "unconfined", format!("{p}f"): "unknown"}}}),
        "forbidden AppArmor profiles",
        &format!(
            r#"annotations must not set AppArmor profile type to "{p}="bogus"", "{p}e="unconfined"", "{p}f="unknown"""#
        ),
    );
    // Pod, container and annotation together: setters joined by " and ", values sorted, then
    // the annotations.
    forbidden(
        id,
        0,
        json!({"metadata": {"annotations": {format!("{p}x"): "unconfined"}},
            "spec": {"securityContext": {"appArmorProfile": {"type": "Unconfined"}},
            "containers": [c("a", json!({"appArmorProfile": {"type": "Bogus"}}))]}}),
        "forbidden AppArmor profiles",
        &format!(
            r#"pod and container "a" and annotation must not set AppArmor profile type to "Bogus", "Unconfined", "{p}x="unconfined"""#
        ),
    );
}

#[test]
fn test_capabilities_baseline() {
    forbidden(
        CheckId::CapabilitiesBaseline,
        0,
        json!({"spec": {"containers": [
            c("a", json!({"capabilities": {"add": ["FOO", "BAR"]}})),
            c("b", json!({"capabilities": {"add": ["BAR", "BAZ"]}})),
            c("c", json!({"capabilities": {"add": ["NET_BIND_SERVICE", "CHOWN"]}}))]}}),
        "non-default capabilities",
        r#"containers "a", "b" must not include "BAR", "BAZ", "FOO" in securityContext.capabilities.add"#,
    );
}

fn capabilities_restricted_pod() -> Value {
    json!({"spec": {"containers": [
        c("a", json!({"capabilities": {"add": ["FOO", "BAR"]}})),
        c("b", json!({"capabilities": {"add": ["BAR", "BAZ"]}})),
        c("c", json!({"capabilities": {"add": ["NET_BIND_SERVICE", "CHOWN"], "drop": ["ALL", "FOO"]}}))]}})
}

#[test]
fn test_capabilities_restricted_1_25() {
    let detail = r#"containers "a", "b" must set securityContext.capabilities.drop=["ALL"]; containers "a", "b", "c" must not include "BAR", "BAZ", "CHOWN", "FOO" in securityContext.capabilities.add"#;
    forbidden(
        CheckId::CapabilitiesRestricted,
        25,
        capabilities_restricted_pod(),
        "unrestricted capabilities",
        detail,
    );
    allowed(
        CheckId::CapabilitiesRestricted,
        25,
        json!({"spec": {"os": {"name": "windows"}, "containers": [{"name": "a"}]}}),
    );
    forbidden(
        CheckId::CapabilitiesRestricted,
        25,
        json!({"spec": {"os": {"name": "linux"}, "containers": [{"name": "a"}]}}),
        "unrestricted capabilities",
        r#"container "a" must set securityContext.capabilities.drop=["ALL"]"#,
    );
}

#[test]
fn test_capabilities_restricted_1_22() {
    let detail = r#"containers "a", "b" must set securityContext.capabilities.drop=["ALL"]; containers "a", "b", "c" must not include "BAR", "BAZ", "CHOWN", "FOO" in securityContext.capabilities.add"#;
    forbidden(
        CheckId::CapabilitiesRestricted,
        22,
        capabilities_restricted_pod(),
        "unrestricted capabilities",
        detail,
    );
    // Before 1.25 a windows pod is not exempt; before 1.22 the check does not exist.
    forbidden(
        CheckId::CapabilitiesRestricted,
        24,
        json!({"spec": {"os": {"name": "windows"}, "containers": [{"name": "a"}]}}),
        "unrestricted capabilities",
        r#"container "a" must set securityContext.capabilities.drop=["ALL"]"#,
    );
    allowed(
        CheckId::CapabilitiesRestricted,
        21,
        capabilities_restricted_pod(),
    );
}

#[test]
fn test_host_namespaces() {
    forbidden(
        CheckId::HostNamespaces,
        0,
        json!({"spec": {"hostNetwork": true, "hostIPC": true, "hostPID": true}}),
        "host namespaces",
        "hostNetwork=true, hostPID=true, hostIPC=true",
    );
    allowed(
        CheckId::HostNamespaces,
        0,
        json!({"spec": {"hostNetwork": false}}),
    );
}

#[test]
fn test_host_path_volumes() {
    forbidden(
        CheckId::HostPathVolumes,
        0,
        json!({"spec": {"volumes": [
            {"name": "a", "hostPath": {"path": "/a"}}, {"name": "b", "hostPath": {"path": "/b"}},
            {"name": "c", "emptyDir": {}}]}}),
        "hostPath volumes",
        r#"volumes "a", "b""#,
    );
    forbidden(
        CheckId::HostPathVolumes,
        0,
        json!({"spec": {"volumes": [{"name": "a", "hostPath": {"path": "/a"}}]}}),
        "hostPath volumes",
        r#"volume "a""#,
    );
}

#[test]
fn test_host_port() {
    forbidden(
        CheckId::HostPorts,
        0,
        json!({"spec": {"containers": [
            {"name": "a", "ports": [{"containerPort": 1, "hostPort": 0}]},
            {"name": "b", "ports": [{"containerPort": 1, "hostPort": 0}, {"containerPort": 2, "hostPort": 20}]}]}}),
        "hostPort",
        r#"container "b" uses hostPort 20"#,
    );
    forbidden(
        CheckId::HostPorts,
        0,
        json!({"spec": {"containers": [
            {"name": "a", "ports": [{"containerPort": 1, "hostPort": 0}]},
            {"name": "b", "ports": [{"containerPort": 1}, {"containerPort": 2, "hostPort": 10}, {"containerPort": 3, "hostPort": 20}]},
            {"name": "c", "ports": [{"containerPort": 1}, {"containerPort": 2, "hostPort": 10}, {"containerPort": 3, "hostPort": 30}]}]}}),
        "hostPort",
        r#"containers "b", "c" use hostPorts 10, 20, 30"#,
    );
    // The ports sort as text, as upstream sorts them.
    forbidden(
        CheckId::HostPorts,
        0,
        json!({"spec": {"containers": [
            {"name": "a", "ports": [{"containerPort": 1, "hostPort": 8080}, {"containerPort": 2, "hostPort": 10000}]}]}}),
        "hostPort",
        r#"container "a" uses hostPorts 10000, 8080"#,
    );
}

fn probe_http(host: &str) -> Value {
    json!({"httpGet": {"port": 80, "host": host}})
}

fn probe_tcp(host: &str) -> Value {
    json!({"tcpSocket": {"port": 80, "host": host}})
}

#[test]
fn test_host_probes_and_host_lifecycle() {
    let id = CheckId::HostProbesAndHostLifecycle;
    let reason = "probe or lifecycle host";
    allowed(
        id,
        34,
        json!({"spec": {"containers": [{"name": "a",
        "livenessProbe": {"httpGet": {"port": 80}}, "readinessProbe": {"tcpSocket": {"port": 80}},
        "lifecycle": {"postStart": {"httpGet": {"port": 80}}}}]}}),
    );
    forbidden(
        id,
        34,
        json!({"spec": {"containers": [{"name": "a", "livenessProbe": probe_http("127.0.0.1"),
            "readinessProbe": probe_tcp("::1"), "startupProbe": probe_http("localhost")}]}}),
        reason,
        r#"container "a" uses probe or lifecycle hosts "127.0.0.1", "::1", "localhost""#,
    );
    forbidden(
        id,
        34,
        json!({"spec": {"containers": [{"name": "a", "livenessProbe": probe_http("invalid.host")}]}}),
        reason,
        r#"container "a" uses probe or lifecycle host "invalid.host""#,
    );
    forbidden(
        id,
        34,
        json!({"spec": {"containers": [{"name": "b", "readinessProbe": probe_tcp("invalid.host")}]}}),
        reason,
        r#"container "b" uses probe or lifecycle host "invalid.host""#,
    );
    forbidden(
        id,
        34,
        json!({"spec": {"containers": [{"name": "c", "startupProbe": probe_http("invalid.host")}]}}),
        reason,
        r#"container "c" uses probe or lifecycle host "invalid.host""#,
    );
    forbidden(
        id,
        34,
        json!({"spec": {"containers": [{"name": "d", "lifecycle": {"postStart": probe_tcp("invalid.host")}}]}}),
        reason,
        r#"container "d" uses probe or lifecycle host "invalid.host""#,
    );
    forbidden(
        id,
        34,
        json!({"spec": {"containers": [{"name": "e", "lifecycle": {"preStop": probe_http("another.invalid.host")}}]}}),
        reason,
        r#"container "e" uses probe or lifecycle host "another.invalid.host""#,
    );
    forbidden(
        id,
        34,
        json!({"spec": {"containers": [{"name": "valid"},
            {"name": "invalid1", "livenessProbe": probe_http("a.com")},
            {"name": "invalid2", "lifecycle": {"preStop": probe_tcp("b.com")}, "startupProbe": probe_http("a.com")}]}}),
        reason,
        r#"containers "invalid1", "invalid2" use probe or lifecycle hosts "a.com", "b.com""#,
    );
    forbidden(
        id,
        34,
        json!({"spec": {"containers": [{"name": "a", "livenessProbe": probe_http("8.8.8.8")}]}}),
        reason,
        r#"container "a" uses probe or lifecycle host "8.8.8.8""#,
    );
    forbidden(
        id,
        34,
        json!({"spec": {"containers": [{"name": "a", "livenessProbe": probe_tcp("2001:4860:4860::8888")}]}}),
        reason,
        r#"container "a" uses probe or lifecycle host "2001:4860:4860::8888""#,
    );
    forbidden(
        id,
        34,
        json!({"spec": {"initContainers": [{"name": "init", "livenessProbe": probe_http("invalid.init.host")}]}}),
        reason,
        r#"container "init" uses probe or lifecycle host "invalid.init.host""#,
    );
}

#[test]
fn test_host_probes_and_host_lifecycle_emulation() {
    // The check starts at 1.34: a probe host passes baseline:v1.33.
    let id = CheckId::HostProbesAndHostLifecycle;
    let p =
        json!({"spec": {"containers": [{"name": "", "startupProbe": probe_http("localhost")}]}});
    allowed(id, 33, p.clone());
    assert!(!run(id, 34, p).allowed);
}

#[test]
fn test_privileged() {
    forbidden(
        CheckId::Privileged,
        0,
        json!({"spec": {"containers": [{"name": "a"}, c("b", json!({})),
            c("c", json!({"privileged": false})), c("d", json!({"privileged": true})), c("e", json!({"privileged": true}))]}}),
        "privileged",
        r#"containers "d", "e" must not set securityContext.privileged=true"#,
    );
}

fn proc_mount_pod(host_users: bool) -> Value {
    json!({"spec": {"hostUsers": host_users, "containers": [{"name": "a"}, c("b", json!({})),
        c("c", json!({"procMount": "Default"})), c("d", json!({"procMount": "Unmasked"})), c("e", json!({"procMount": "other"}))]}})
}

#[test]
fn test_proc_mount_baseline() {
    let detail =
        r#"containers "d", "e" must not set securityContext.procMount to "Unmasked", "other""#;
    forbidden(
        CheckId::ProcMount,
        35,
        proc_mount_pod(true),
        "procMount",
        detail,
    );
    allowed(CheckId::ProcMount, 35, proc_mount_pod(false));
    // Before 1.35 user namespaces do not relax baseline.
    forbidden(
        CheckId::ProcMount,
        34,
        proc_mount_pod(false),
        "procMount",
        detail,
    );
}

#[test]
fn test_proc_mount_restricted() {
    let detail =
        r#"containers "d", "e" must not set securityContext.procMount to "Unmasked", "other""#;
    for userns in [true, false] {
        forbidden(
            CheckId::ProcMountRestricted,
            35,
            proc_mount_pod(userns),
            "procMount",
            detail,
        );
    }
    allowed(CheckId::ProcMountRestricted, 34, proc_mount_pod(true));
}

#[test]
fn test_restricted_volumes() {
    let mut volumes: Vec<Value> = Vec::new();
    for (i, t) in [
        "emptyDir",
        "secret",
        "persistentVolumeClaim",
        "downwardAPI",
        "configMap",
        "projected",
        "csi",
        "ephemeral",
        "image",
    ]
    .iter()
    .enumerate()
    {
        let src = match *t {
            "persistentVolumeClaim" => json!({"claimName": "x"}),
            "csi" => json!({"driver": "x"}),
            _ => json!({}),
        };
        volumes.push(json!({"name": format!("a{}", i + 1), *t: src}));
    }
    let restricted = [
        ("hostPath", json!({"path": "/"})),
        ("gcePersistentDisk", json!({"pdName": "x"})),
        ("awsElasticBlockStore", json!({"volumeID": "x"})),
        ("gitRepo", json!({"repository": "x"})),
        ("nfs", json!({"server": "x", "path": "/"})),
        ("iscsi", json!({"targetPortal": "x", "iqn": "x", "lun": 0})),
        ("glusterfs", json!({"endpoints": "x", "path": "x"})),
        ("rbd", json!({"monitors": [], "image": "x"})),
        ("flexVolume", json!({"driver": "x"})),
        ("cinder", json!({"volumeID": "x"})),
        ("cephfs", json!({"monitors": []})),
        ("flocker", json!({})),
        ("fc", json!({})),
        ("azureFile", json!({"secretName": "x", "shareName": "x"})),
        ("vsphereVolume", json!({"volumePath": "x"})),
        ("quobyte", json!({"registry": "x", "volume": "x"})),
        ("azureDisk", json!({"diskName": "x", "diskURI": "x"})),
        ("photonPersistentDisk", json!({"pdID": "x"})),
        ("portworxVolume", json!({"volumeID": "x"})),
        (
            "scaleIO",
            json!({"gateway": "x", "system": "x", "secretRef": {}}),
        ),
        ("storageos", json!({})),
    ];
    for (i, (t, src)) in restricted.iter().enumerate() {
        volumes.push(json!({"name": format!("b{}", i + 1), *t: src}));
    }
    volumes.push(json!({"name": "c1"}));
    forbidden(
        CheckId::RestrictedVolumes,
        0,
        json!({"spec": {"volumes": volumes}}),
        "restricted volume types",
        concat!(
            r#"volumes "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10", "b11", "b12", "b13", "b14", "b15", "b16", "b17", "b18", "b19", "b20", "b21", "c1""#,
            r#" use restricted volume types "awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "fc", "flexVolume", "flocker", "gcePersistentDisk", "gitRepo", "glusterfs", "#,
            r#""hostPath", "iscsi", "nfs", "photonPersistentDisk", "portworxVolume", "quobyte", "rbd", "scaleIO", "storageos", "unknown", "vsphereVolume""#
        ),
    );
    forbidden(
        CheckId::RestrictedVolumes,
        0,
        json!({"spec": {"volumes": [{"name": "h", "hostPath": {"path": "/"}}]}}),
        "restricted volume types",
        r#"volume "h" uses restricted volume type "hostPath""#,
    );
}

#[test]
fn test_run_as_non_root() {
    let id = CheckId::RunAsNonRoot;
    let reason = "runAsNonRoot != true";
    for minor in [0, 35] {
        forbidden(
            id,
            minor,
            json!({"spec": {"containers": [{"name": "a"}]}}),
            reason,
            r#"pod or container "a" must set securityContext.runAsNonRoot=true"#,
        );
        forbidden(
            id,
            minor,
            json!({"spec": {"securityContext": {"runAsNonRoot": false}, "containers": [{"name": "a"}]}}),
            reason,
            "pod must not set securityContext.runAsNonRoot=false",
        );
        forbidden(
            id,
            minor,
            json!({"spec": {"securityContext": {"runAsNonRoot": true}, "containers": [
                {"name": "a"}, c("b", json!({})), c("c", json!({"runAsNonRoot": false})), c("d", json!({"runAsNonRoot": false})),
                c("e", json!({"runAsNonRoot": true})), c("f", json!({"runAsNonRoot": true}))]}}),
            reason,
            r#"containers "c", "d" must not set securityContext.runAsNonRoot=false"#,
        );
        forbidden(
            id,
            minor,
            json!({"spec": {"containers": [{"name": "a"}, c("b", json!({})),
                c("d", json!({"runAsNonRoot": true})), c("e", json!({"runAsNonRoot": true}))]}}),
            reason,
            r#"pod or containers "a", "b" must set securityContext.runAsNonRoot=true"#,
        );
    }
    allowed(
        id,
        35,
        json!({"spec": {"hostUsers": false, "containers": [{"name": "a"}]}}),
    );
    forbidden(
        id,
        34,
        json!({"spec": {"hostUsers": false, "containers": [{"name": "a"}]}}),
        reason,
        r#"pod or container "a" must set securityContext.runAsNonRoot=true"#,
    );
}

#[test]
fn test_run_as_user() {
    let id = CheckId::RunAsUser;
    for minor in [23, 35] {
        forbidden(
            id,
            minor,
            json!({"spec": {"securityContext": {"runAsUser": 0}, "containers": [{"name": "a"}]}}),
            "runAsUser=0",
            "pod must not set runAsUser=0",
        );
        allowed(
            id,
            minor,
            json!({"spec": {"securityContext": {"runAsUser": 1000}, "containers": [{"name": "a"}]}}),
        );
        allowed(
            id,
            minor,
            json!({"spec": {"securityContext": {}, "containers": [{"name": "a"}]}}),
        );
        forbidden(
            id,
            minor,
            json!({"spec": {"securityContext": {"runAsUser": 1000}, "containers": [{"name": "a"}, c("b", json!({})),
                c("c", json!({"runAsUser": 0})), c("d", json!({"runAsUser": 0})), c("e", json!({"runAsUser": 1})), c("f", json!({"runAsUser": 1}))]}}),
            "runAsUser=0",
            r#"containers "c", "d" must not set runAsUser=0"#,
        );
        allowed(
            id,
            minor,
            json!({"spec": {"containers": [c("c", json!({"runAsUser": 1})), c("d", json!({"runAsUser": 2})),
            c("e", json!({"runAsUser": 3})), c("f", json!({"runAsUser": 4}))]}}),
        );
    }
    allowed(
        id,
        35,
        json!({"spec": {"hostUsers": false, "securityContext": {"runAsUser": 0}}}),
    );
    assert!(
        !run(
            id,
            34,
            json!({"spec": {"hostUsers": false, "securityContext": {"runAsUser": 0}}})
        )
        .allowed
    );
    allowed(
        id,
        22,
        json!({"spec": {"securityContext": {"runAsUser": 0}}}),
    );
}

#[test]
fn test_se_linux_options() {
    let id = CheckId::SeLinuxOptions;
    let ok = [
        c("a", json!({"seLinuxOptions": {"type": "container_t"}})),
        c("b", json!({"seLinuxOptions": {"type": "container_init_t"}})),
        c("c", json!({"seLinuxOptions": {"type": "container_kvm_t"}})),
        c(
            "d",
            json!({"seLinuxOptions": {"type": "container_engine_t"}}),
        ),
    ];
    let bad = [
        c("e", json!({"seLinuxOptions": {"type": "bar"}})),
        c("f", json!({"seLinuxOptions": {"user": "bar"}})),
        c("g", json!({"seLinuxOptions": {"role": "baz"}})),
    ];
    let all: Vec<Value> = ok.iter().chain(bad.iter()).cloned().collect();
    let bad_pod = json!({"seLinuxOptions": {"type": "foo", "user": "bar", "role": "baz"}});
    forbidden(
        id,
        31,
        json!({"spec": {"securityContext": bad_pod, "containers": all}}),
        "seLinuxOptions",
        r#"pod and containers "e", "f", "g" set forbidden securityContext.seLinuxOptions: types "bar", "foo"; user may not be set; role may not be set"#,
    );
    forbidden(
        id,
        31,
        json!({"spec": {"securityContext": bad_pod, "containers": ok}}),
        "seLinuxOptions",
        r#"pod set forbidden securityContext.seLinuxOptions: type "foo"; user may not be set; role may not be set"#,
    );
    forbidden(
        id,
        31,
        json!({"spec": {"containers": all}}),
        "seLinuxOptions",
        r#"containers "e", "f", "g" set forbidden securityContext.seLinuxOptions: type "bar"; user may not be set; role may not be set"#,
    );
    forbidden(
        id,
        31,
        json!({"spec": {"securityContext": {"seLinuxOptions": {"type": "bad"}}}}),
        "seLinuxOptions",
        r#"pod set forbidden securityContext.seLinuxOptions: type "bad""#,
    );
    forbidden(
        id,
        31,
        json!({"spec": {"securityContext": {"seLinuxOptions": {"user": "bad"}}}}),
        "seLinuxOptions",
        "pod set forbidden securityContext.seLinuxOptions: user may not be set",
    );
    forbidden(
        id,
        31,
        json!({"spec": {"securityContext": {"seLinuxOptions": {"role": "bad"}}}}),
        "seLinuxOptions",
        "pod set forbidden securityContext.seLinuxOptions: role may not be set",
    );
    // container_engine_t is allowed from 1.31 on.
    forbidden(
        id,
        30,
        json!({"spec": {"containers": ok}}),
        "seLinuxOptions",
        r#"container "d" set forbidden securityContext.seLinuxOptions: type "container_engine_t""#,
    );
}

#[test]
fn test_seccomp_profile_baseline_1_0() {
    let id = CheckId::SeccompProfileBaseline;
    forbidden(
        id,
        0,
        json!({"metadata": {"annotations": {"seccomp.security.alpha.kubernetes.io/pod": "unconfined"}}}),
        "seccompProfile",
        r#"forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined""#,
    );
    let abc = json!([{"name": "a"}, {"name": "b"}, {"name": "c"}]);
    forbidden(
        id,
        0,
        json!({"metadata": {"annotations": {
            "container.seccomp.security.alpha.kubernetes.io/a": "unconfined",
            "container.seccomp.security.alpha.kubernetes.io/b": "unknown"}}, "spec": {"containers": abc}}),
        "seccompProfile",
        r#"forbidden annotations container.seccomp.security.alpha.kubernetes.io/a="unconfined", container.seccomp.security.alpha.kubernetes.io/b="unknown""#,
    );
    forbidden(
        id,
        18,
        json!({"metadata": {"annotations": {
            "seccomp.security.alpha.kubernetes.io/pod": "unconfined",
            "container.seccomp.security.alpha.kubernetes.io/a": "unconfined",
            "container.seccomp.security.alpha.kubernetes.io/b": "unknown"}}, "spec": {"containers": abc}}),
        "seccompProfile",
        r#"forbidden annotations container.seccomp.security.alpha.kubernetes.io/a="unconfined", container.seccomp.security.alpha.kubernetes.io/b="unknown", seccomp.security.alpha.kubernetes.io/pod="unconfined""#,
    );
    // From 1.19 on the annotations are not looked at.
    allowed(
        id,
        19,
        json!({"metadata": {"annotations": {"seccomp.security.alpha.kubernetes.io/pod": "unconfined"}}}),
    );
}

fn seccomp_containers() -> Value {
    json!([{"name": "a"}, c("b", json!({})),
        c("c", json!({"seccompProfile": {"type": "Unconfined"}})), c("d", json!({"seccompProfile": {"type": "Unconfined"}})),
        c("e", json!({"seccompProfile": {"type": "RuntimeDefault"}})), c("f", json!({"seccompProfile": {"type": "RuntimeDefault"}}))])
}

#[test]
fn test_seccomp_profile_baseline_1_19() {
    let id = CheckId::SeccompProfileBaseline;
    forbidden(
        id,
        19,
        json!({"spec": {"securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": [{"name": "a"}]}}),
        "seccompProfile",
        r#"pod must not set securityContext.seccompProfile.type to "Unconfined""#,
    );
    forbidden(
        id,
        19,
        json!({"spec": {"securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}, "containers": seccomp_containers()}}),
        "seccompProfile",
        r#"containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined""#,
    );
    forbidden(
        id,
        19,
        json!({"spec": {"securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": seccomp_containers()}}),
        "seccompProfile",
        r#"pod and containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined""#,
    );
    allowed(id, 19, json!({"spec": {"containers": [{"name": "a"}]}}));
}

#[test]
fn test_seccomp_profile_restricted_1_19() {
    let id = CheckId::SeccompProfileRestricted;
    for minor in [19, 25] {
        forbidden(
            id,
            minor,
            json!({"spec": {"containers": [{"name": "a"}]}}),
            "seccompProfile",
            r#"pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost""#,
        );
        forbidden(
            id,
            minor,
            json!({"spec": {"securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": [{"name": "a"}]}}),
            "seccompProfile",
            r#"pod must not set securityContext.seccompProfile.type to "Unconfined""#,
        );
        forbidden(
            id,
            minor,
            json!({"spec": {"securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}, "containers": seccomp_containers()}}),
            "seccompProfile",
            r#"containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined""#,
        );
        forbidden(
            id,
            minor,
            json!({"spec": {"containers": [{"name": "a"}, c("b", json!({})),
                c("d", json!({"seccompProfile": {"type": "RuntimeDefault"}})), c("e", json!({"seccompProfile": {"type": "RuntimeDefault"}}))]}}),
            "seccompProfile",
            r#"pod or containers "a", "b" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost""#,
        );
    }
}

#[test]
fn test_seccomp_profile_restricted_1_25() {
    let id = CheckId::SeccompProfileRestricted;
    allowed(
        id,
        25,
        json!({"spec": {"os": {"name": "windows"}, "containers": [{"name": "a"}]}}),
    );
    forbidden(
        id,
        25,
        json!({"spec": {"os": {"name": "linux"}, "containers": [{"name": "a"}]}}),
        "seccompProfile",
        r#"pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost""#,
    );
    assert!(
        !run(
            id,
            24,
            json!({"spec": {"os": {"name": "windows"}, "containers": [{"name": "a"}]}})
        )
        .allowed
    );
}

fn sysctls(names: &[&str]) -> Value {
    let list: Vec<Value> = names
        .iter()
        .map(|n| json!({"name": n, "value": "1"}))
        .collect();
    json!({"spec": {"securityContext": {"sysctls": list}}})
}

#[test]
fn test_sysctls() {
    let id = CheckId::Sysctls;
    for variant in [0, 27, 29, 32, 37] {
        forbidden(
            id,
            variant,
            sysctls(&["a", "b"]),
            "forbidden sysctls",
            "a, b",
        );
    }
    // Each sysctl with the variant that allows it first.
    for (name, first) in [
        ("kernel.shm_rmid_forced", 0),
        ("net.ipv4.ip_local_port_range", 0),
        ("net.ipv4.tcp_syncookies", 0),
        ("net.ipv4.ping_group_range", 0),
        ("net.ipv4.ip_unprivileged_port_start", 0),
        ("net.ipv4.ip_local_reserved_ports", 27),
        ("net.ipv4.tcp_keepalive_time", 29),
        ("net.ipv4.tcp_fin_timeout", 29),
        ("net.ipv4.tcp_keepalive_intvl", 29),
        ("net.ipv4.tcp_keepalive_probes", 29),
        ("net.ipv4.tcp_rmem", 32),
        ("net.ipv4.tcp_wmem", 32),
        ("net.ipv4.tcp_slow_start_after_idle", 37),
        ("net.ipv4.tcp_notsent_lowat", 37),
    ] {
        allowed(id, first, sysctls(&[name]));
        if first > 0 {
            forbidden(id, first - 1, sysctls(&[name]), "forbidden sysctls", name);
        }
    }
}

#[test]
fn test_windows_host_process() {
    forbidden(
        CheckId::WindowsHostProcess,
        0,
        json!({"spec": {"securityContext": {"windowsOptions": {"hostProcess": true}},
            "containers": [{"name": "a"}, c("b", json!({})), c("c", json!({"windowsOptions": {}})),
            c("d", json!({"windowsOptions": {"hostProcess": false}})), c("e", json!({"windowsOptions": {"hostProcess": true}})),
            c("f", json!({"windowsOptions": {"hostProcess": true}}))]}}),
        "hostProcess",
        r#"pod and containers "e", "f" must not set securityContext.windowsOptions.hostProcess=true"#,
    );
}

#[test]
fn ephemeral_containers_are_visited_last() {
    // upstream visitContainers: init containers, containers, then ephemeral containers.
    forbidden(
        CheckId::Privileged,
        0,
        json!({"spec": {
            "ephemeralContainers": [c("eph", json!({"privileged": true}))],
            "containers": [c("main", json!({"privileged": true}))],
            "initContainers": [c("init", json!({"privileged": true}))]}}),
        "privileged",
        r#"containers "init", "main", "eph" must not set securityContext.privileged=true"#,
    );
}
