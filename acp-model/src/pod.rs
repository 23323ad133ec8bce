//! Pods and pod templates as the API server validates them on create, the subset acp-model
//! models, with the API server's field paths and messages (`ValidatePodSpec` and its helpers in
//! Kubernetes' `pkg/apis/core/validation`).
//!
//! Checked, after the API server's defaulting (`restartPolicy` `Always`, port `protocol` `TCP`,
//! probe thresholds): containers present; container names (required, DNS-1123 labels, unique
//! across init and regular containers); `image` present (and, for a bare Pod, without leading or
//! trailing whitespace); `imagePullPolicy` one of the three; container ports (IANA name, unique
//! per container, `containerPort` and `hostPort` 1–65535, protocol `TCP`/`UDP`/`SCTP`); volume
//! names (required, DNS-1123 labels, unique) and one source each; `hostPath` (path required,
//! no `..` element, a known `type`); `restartPolicy`; probes (exactly one handler, non-negative
//! numbers, `successThreshold` 1 for liveness and startup probes).
//!
//! Not checked here: resources (see `acp-quota`), security contexts (Pod Security), env var
//! names, volume mounts, affinity, DNS, and the other `ValidatePodSpec` rules.
//!
//! The image grammar is **not** an API server rule: see [`crate::image`] for that lint.
//! [`validate_env_from_secret_types`] is the ACP console's rule for `envFrom` Secrets, not the
//! API server's.
//!
//! ```
//! use acp_model::pod::validate_pod;
//! use k8s_openapi::api::core::v1::Pod;
//!
//! let pod: Pod = serde_json::from_value(serde_json::json!({
//!     "metadata": {"name": "redis"},
//!     "spec": {"containers": [{"name": "redis", "image": "redis:7",
//!         "ports": [{"name": "redis", "containerPort": 6379}, {"name": "Redis_TLS", "containerPort": 0}]}]}
//! })).unwrap();
//! let errs = validate_pod(&pod).to_string();
//! assert!(errs.contains(r#"spec.containers[0].ports[1].name: Invalid value: "Redis_TLS": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"#));
//! assert!(errs.contains("spec.containers[0].ports[1].containerPort: Required value"));
//! ```

use std::collections::BTreeSet;

use k8s_openapi::api::core::v1::{
    Container, ContainerPort, Pod, PodSpec, PodTemplateSpec, Probe, Secret, Volume,
};

use crate::image::PULL_POLICIES;
use crate::names::{
    NameRule, is_dns1123_label, is_valid_port_name, is_valid_port_num, validate_labels,
    validate_nonnegative, validate_object_meta,
};
use crate::secret::{TYPE_BASIC_AUTH, TYPE_OPAQUE, secret_type};
use crate::validation::{ErrorList, FieldError, FieldPath};

/// The restart policies a Pod accepts, in the API server's order.
pub const RESTART_POLICIES: [&str; 3] = ["Always", "OnFailure", "Never"];

/// The port protocols the API server accepts, sorted as it lists them.
pub const PORT_PROTOCOLS: [&str; 3] = ["SCTP", "TCP", "UDP"];

/// The `hostPath.type` values, sorted as the API server lists them (`""` is "no check").
pub const HOST_PATH_TYPES: [&str; 8] = [
    "",
    "BlockDevice",
    "CharDevice",
    "Directory",
    "DirectoryOrCreate",
    "File",
    "FileOrCreate",
    "Socket",
];

/// The Secret types the ACP console lets a container take whole through `envFrom`.
pub const ENV_FROM_SECRET_TYPES: [&str; 2] = [TYPE_OPAQUE, TYPE_BASIC_AUTH];

/// Volume source fields in the order the API server examines them; a second one present is
/// `Forbidden`.
const VOLUME_SOURCES: [&str; 30] = [
    "hostPath",
    "emptyDir",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "gitRepo",
    "secret",
    "nfs",
    "iscsi",
    "glusterfs",
    "persistentVolumeClaim",
    "rbd",
    "flexVolume",
    "cinder",
    "cephfs",
    "flocker",
    "downwardAPI",
    "fc",
    "azureFile",
    "configMap",
    "vsphereVolume",
    "quobyte",
    "azureDisk",
    "photonPersistentDisk",
    "projected",
    "portworxVolume",
    "scaleIO",
    "storageos",
    "csi",
    "ephemeral",
    "image",
];

/// Whether the spec belongs to a bare Pod (some rules apply only there) or a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Owner {
    Pod,
    Template,
}

/// The API server's checks of a new Pod: metadata (name a DNS-1123 subdomain) and the spec
/// rules of the [module docs](self), including the Pod-only image whitespace rule.
pub fn validate_pod(pod: &Pod) -> ErrorList {
    let mut errs = validate_object_meta(&pod.metadata, NameRule::Dns1123Subdomain);
    let empty = PodSpec::default();
    let spec = pod.spec.as_ref().unwrap_or(&empty);
    errs.extend(validate_spec(spec, &FieldPath::new("spec"), Owner::Pod));
    errs
}

/// `ValidatePodTemplateSpec`: the template's labels (reported at `<path>.labels`, as upstream
/// does), then its pod spec, at `path` (`spec.template`).
pub fn validate_pod_template_spec(template: &PodTemplateSpec, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if let Some(labels) = template.metadata.as_ref().and_then(|m| m.labels.as_ref()) {
        // Upstream's path for a template's labels is `<template>.labels`.
        errs.extend(validate_labels(&path.child("labels"), labels));
    }
    let empty = PodSpec::default();
    let spec = template.spec.as_ref().unwrap_or(&empty);
    errs.extend(validate_spec(spec, &path.child("spec"), Owner::Template));
    errs
}

/// The pod-spec rules of the [module docs](self) for a template's spec at `path`
/// (`spec.template.spec`).
pub fn validate_pod_spec(spec: &PodSpec, path: &FieldPath) -> ErrorList {
    validate_spec(spec, path, Owner::Template)
}

fn validate_spec(spec: &PodSpec, path: &FieldPath, owner: Owner) -> ErrorList {
    // DEVIATION: volumes first, then each container's rules together; upstream's order
    // differs when several rules fail at once.
    let mut errs = validate_volumes(
        spec.volumes.as_deref().unwrap_or_default(),
        &path.child("volumes"),
    );
    let containers_path = path.child("containers");
    if spec.containers.is_empty() {
        errs.push(FieldError::required(&containers_path, ""));
    }
    let mut names = BTreeSet::new();
    for (i, c) in spec.containers.iter().enumerate() {
        let p = containers_path.index(i);
        errs.extend(validate_container(c, &p, owner));
        if !c.name.is_empty() && !names.insert(c.name.as_str()) {
            errs.push(FieldError::duplicate(&p.child("name"), c.name.as_str()));
        }
        for (name, probe) in [
            ("livenessProbe", &c.liveness_probe),
            ("readinessProbe", &c.readiness_probe),
            ("startupProbe", &c.startup_probe),
        ] {
            if let Some(probe) = probe {
                errs.extend(validate_probe(probe, &p.child(name)));
            }
        }
        for (name, probe) in [
            ("livenessProbe", &c.liveness_probe),
            ("startupProbe", &c.startup_probe),
        ] {
            // successThreshold defaults to 1 when unset or 0.
            let st = probe
                .as_ref()
                .and_then(|p| p.success_threshold)
                .filter(|&v| v != 0);
            if let Some(v) = st.filter(|&v| v != 1) {
                errs.push(FieldError::invalid(
                    &p.child(name).child("successThreshold"),
                    v,
                    "must be 1",
                ));
            }
        }
    }
    let init_path = path.child("initContainers");
    for (i, c) in spec.init_containers.iter().flatten().enumerate() {
        let p = init_path.index(i);
        errs.extend(validate_container(c, &p, owner));
        if !c.name.is_empty() && !names.insert(c.name.as_str()) {
            errs.push(FieldError::duplicate(&p.child("name"), c.name.as_str()));
        }
    }
    let restart = restart_policy(spec);
    if !RESTART_POLICIES.contains(&restart) {
        errs.push(FieldError::not_supported(
            &path.child("restartPolicy"),
            restart,
            &RESTART_POLICIES,
        ));
    }
    if let Some(ads) = spec.active_deadline_seconds
        && !(1..=i64::from(i32::MAX)).contains(&ads)
    {
        errs.push(FieldError::invalid(
            &path.child("activeDeadlineSeconds"),
            ads,
            "must be between 1 and 2147483647, inclusive",
        ));
    }
    errs
}

/// The pod's restart policy after the API server's defaulting: `Always` when unset or empty.
pub fn restart_policy(spec: &PodSpec) -> &str {
    spec.restart_policy
        .as_deref()
        .filter(|p| !p.is_empty())
        .unwrap_or("Always")
}

fn validate_container(c: &Container, path: &FieldPath, owner: Owner) -> ErrorList {
    let mut errs = ErrorList::new();
    let name_path = path.child("name");
    if c.name.is_empty() {
        errs.push(FieldError::required(&name_path, ""));
    } else {
        for msg in is_dns1123_label(&c.name) {
            errs.push(FieldError::invalid(&name_path, c.name.as_str(), msg));
        }
    }
    let image = c.image.as_deref().unwrap_or("");
    let image_path = path.child("image");
    if image.is_empty() {
        errs.push(FieldError::required(&image_path, ""));
    } else if owner == Owner::Pod && image.trim() != image {
        errs.push(FieldError::invalid(
            &image_path,
            image,
            "must not have leading or trailing whitespace",
        ));
    }
    errs.extend(validate_container_ports(
        c.ports.as_deref().unwrap_or_default(),
        &path.child("ports"),
    ));
    // An unset or empty policy is defaulted from the image
    // (crate::image::default_pull_policy).
    if let Some(policy) = c.image_pull_policy.as_deref().filter(|p| !p.is_empty())
        && !PULL_POLICIES.contains(&policy)
    {
        errs.push(FieldError::not_supported(
            &path.child("imagePullPolicy"),
            policy,
            &PULL_POLICIES,
        ));
    }
    errs
}

/// `validateContainerPorts`: the ports of one container, at `path`
/// (`spec.containers[0].ports`). Names are IANA service names, unique within the container;
/// `containerPort` is required and 1–65535, a set `hostPort` 1–65535, the protocol (default
/// `TCP`) one of [`PORT_PROTOCOLS`].
///
/// ```
/// use acp_model::pod::validate_container_ports;
/// use acp_model::validation::FieldPath;
/// use k8s_openapi::api::core::v1::ContainerPort;
///
/// let port = |name: &str, n| ContainerPort { name: Some(name.into()), container_port: n, ..Default::default() };
/// let errs = validate_container_ports(&[port("http", 80), port("http", 8080)], &FieldPath::new("ports"));
/// assert_eq!(errs.to_string(), r#"ports[1].name: Duplicate value: "http""#);
/// ```
pub fn validate_container_ports(ports: &[ContainerPort], path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let mut names = BTreeSet::new();
    for (i, port) in ports.iter().enumerate() {
        let p = path.index(i);
        if let Some(name) = port.name.as_deref().filter(|n| !n.is_empty()) {
            let msgs = is_valid_port_name(name);
            if !msgs.is_empty() {
                for msg in msgs {
                    errs.push(FieldError::invalid(&p.child("name"), name, msg));
                }
            } else if !names.insert(name) {
                errs.push(FieldError::duplicate(&p.child("name"), name));
            }
        }
        if port.container_port == 0 {
            errs.push(FieldError::required(&p.child("containerPort"), ""));
        } else {
            for msg in is_valid_port_num(i64::from(port.container_port)) {
                errs.push(FieldError::invalid(
                    &p.child("containerPort"),
                    port.container_port,
                    msg,
                ));
            }
        }
        if let Some(hp) = port.host_port.filter(|&hp| hp != 0) {
            for msg in is_valid_port_num(i64::from(hp)) {
                errs.push(FieldError::invalid(&p.child("hostPort"), hp, msg));
            }
        }
        // Unset or empty, the API server defaults the protocol to TCP.
        let protocol = port
            .protocol
            .as_deref()
            .filter(|p| !p.is_empty())
            .unwrap_or("TCP");
        if !PORT_PROTOCOLS.contains(&protocol) {
            errs.push(FieldError::not_supported(
                &p.child("protocol"),
                protocol,
                &PORT_PROTOCOLS,
            ));
        }
    }
    errs
}

/// `ValidateVolumes`: each volume's name (required, a DNS-1123 label, unique) and source, at
/// `path` (`spec.volumes`). A volume with an error does not count for the uniqueness check,
/// as upstream.
pub fn validate_volumes(volumes: &[Volume], path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let mut names = BTreeSet::new();
    for (i, v) in volumes.iter().enumerate() {
        let p = path.index(i);
        let name_path = p.child("name");
        let mut el = validate_volume_source(v, &p);
        if v.name.is_empty() {
            el.push(FieldError::required(&name_path, ""));
        } else {
            for msg in is_dns1123_label(&v.name) {
                el.push(FieldError::invalid(&name_path, v.name.as_str(), msg));
            }
        }
        if names.contains(v.name.as_str()) {
            el.push(FieldError::duplicate(&name_path, v.name.as_str()));
        }
        if el.is_empty() {
            names.insert(v.name.as_str());
        } else {
            errs.extend(el);
        }
    }
    errs
}

fn validate_volume_source(v: &Volume, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    // Which sources are set, whatever this Kubernetes minor's Volume type has.
    let set: Vec<&str> = match serde_json::to_value(v) {
        Ok(serde_json::Value::Object(map)) => VOLUME_SOURCES
            .iter()
            .copied()
            .filter(|k| map.get(*k).is_some_and(|x| !x.is_null()))
            .collect(),
        _ => Vec::new(),
    };
    // None set: the API server defaults the volume to an emptyDir.
    for extra in set.iter().skip(1) {
        errs.push(FieldError::forbidden(
            &path.child(extra),
            "may not specify more than 1 volume type",
        ));
    }
    if set.first() == Some(&"hostPath")
        && let Some(hp) = &v.host_path
    {
        let hp_path = path.child("hostPath");
        // seed 003:12266: `hostPath.path: /var/log`. The API server requires a path and
        // refuses `..` elements; it does not require the path to be absolute.
        if hp.path.is_empty() {
            errs.push(FieldError::required(&hp_path.child("path"), ""));
            return errs;
        }
        if hp.path.split('/').any(|part| part == "..") {
            errs.push(FieldError::invalid(
                &hp_path.child("path"),
                hp.path.as_str(),
                "must not contain '..'",
            ));
        }
        if let Some(t) = hp.type_.as_deref()
            && !HOST_PATH_TYPES.contains(&t)
        {
            errs.push(FieldError::not_supported(
                &hp_path.child("type"),
                t,
                &HOST_PATH_TYPES,
            ));
        }
    }
    errs
}

/// `validateProbe`: exactly one handler (`exec`, `httpGet`, `tcpSocket`, `grpc`), non-negative
/// delays, timeouts, periods and thresholds, a positive `terminationGracePeriodSeconds`.
pub fn validate_probe(probe: &Probe, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let handlers = [
        ("exec", probe.exec.is_some()),
        ("httpGet", probe.http_get.is_some()),
        ("tcpSocket", probe.tcp_socket.is_some()),
        ("grpc", probe.grpc.is_some()),
    ];
    let mut n = 0;
    for (name, set) in handlers {
        if set {
            if n > 0 {
                errs.push(FieldError::forbidden(
                    &path.child(name),
                    "may not specify more than 1 handler type",
                ));
            } else {
                n += 1;
            }
        }
    }
    if n == 0 {
        errs.push(FieldError::required(path, "must specify a handler type"));
    }
    for (name, v) in [
        ("initialDelaySeconds", probe.initial_delay_seconds),
        ("timeoutSeconds", probe.timeout_seconds),
        ("periodSeconds", probe.period_seconds),
        ("successThreshold", probe.success_threshold),
        ("failureThreshold", probe.failure_threshold),
    ] {
        errs.extend(validate_nonnegative(
            &path.child(name),
            i64::from(v.unwrap_or(0)),
        ));
    }
    if let Some(t) = probe.termination_grace_period_seconds
        && t <= 0
    {
        errs.push(FieldError::invalid(
            &path.child("terminationGracePeriodSeconds"),
            t,
            "must be greater than 0",
        ));
    }
    errs
}

// seed 003:5630, 11780
/// The ACP console's rule for `envFrom`: a container takes a whole Secret as
/// environment only from an `Opaque` or `kubernetes.io/basic-auth` Secret, and only from its own
/// namespace.
///
/// `spec` is the pod spec at `path` (`spec`, `spec.template.spec`, …) of an object in
/// `namespace`; `secrets` are the Secrets that may be referenced (others are ignored: a Secret
/// whose namespace is set and differs from `namespace` does not count). A reference to a Secret
/// of another type is `Unsupported value` at `…envFrom[i].secretRef.name`; a reference to no
/// Secret of `secrets` in the namespace is `Not found` unless the reference is `optional`.
///
/// ```
/// use acp_model::pod::validate_env_from_secret_types;
/// use acp_model::validation::FieldPath;
/// use k8s_openapi::api::core::v1::{PodSpec, Secret};
///
/// let spec: PodSpec = serde_json::from_value(serde_json::json!({"containers": [
///     {"name": "app", "image": "app:1", "envFrom": [{"secretRef": {"name": "tls"}}]}]})).unwrap();
/// let tls: Secret = serde_json::from_value(serde_json::json!({
///     "metadata": {"name": "tls", "namespace": "demo"}, "type": "kubernetes.io/tls"})).unwrap();
/// assert_eq!(
///     validate_env_from_secret_types(&spec, &FieldPath::new("spec"), "demo", &[tls]).to_string(),
///     r#"spec.containers[0].envFrom[0].secretRef.name: Unsupported value: "kubernetes.io/tls": supported values: "Opaque", "kubernetes.io/basic-auth""#
/// );
/// ```
pub fn validate_env_from_secret_types(
    spec: &PodSpec,
    path: &FieldPath,
    namespace: &str,
    secrets: &[Secret],
) -> ErrorList {
    let mut errs = ErrorList::new();
    let lists = [
        (
            "initContainers",
            spec.init_containers.as_deref().unwrap_or_default(),
        ),
        ("containers", spec.containers.as_slice()),
    ];
    for (list, containers) in lists {
        for (i, c) in containers.iter().enumerate() {
            for (j, ef) in c.env_from.iter().flatten().enumerate() {
                let Some(sr) = &ef.secret_ref else { continue };
                let p = path
                    .child(list)
                    .index(i)
                    .child("envFrom")
                    .index(j)
                    .child("secretRef")
                    .child("name");
                let found = secrets.iter().find(|s| {
                    s.metadata.name.as_deref() == Some(sr.name.as_str())
                        && s.metadata
                            .namespace
                            .as_deref()
                            .is_none_or(|ns| ns.is_empty() || ns == namespace)
                });
                match found {
                    Some(s) => {
                        let t = secret_type(s);
                        if !ENV_FROM_SECRET_TYPES.contains(&t) {
                            errs.push(FieldError::not_supported(&p, t, &ENV_FROM_SECRET_TYPES));
                        }
                    }
                    None if sr.optional == Some(true) => {}
                    // DEVIATION: the console's rule; the wording is ours.
                    None => errs.push(FieldError::new(
                        crate::validation::ErrorType::NotFound,
                        &p,
                        sr.name.as_str(),
                        format!(
                            "no Secret of that name in namespace {}",
                            crate::go::quote(namespace)
                        ),
                    )),
                }
            }
        }
    }
    errs
}
