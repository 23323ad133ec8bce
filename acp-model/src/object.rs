//! Any object the ACP documentation shows, read by its `apiVersion` and `kind`.
//!
//! [`KnownObject`] is one variant per kind we model: the ACP custom resources of this crate, the
//! third-party kinds the ACP documentation use, and the Kubernetes built-ins (from `k8s-openapi`). Reading is
//! *strict about loss*: [`KnownObject::from_value`] re-serialises what it read and reports every
//! field that did not survive (a misspelt field, or a field from another API version), because a
//! field Kubernetes silently drops is a field the user thinks is set.
//!
//! ```
//! use acp_model::object::{parse_yaml, KnownObject};
//!
//! let docs = parse_yaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n").unwrap();
//! assert!(matches!(docs[0], KnownObject::Namespace(_)));
//! assert_eq!(docs[0].kind(), "Namespace");
//!
//! // autoscaling/v2 has no targetCPUUtilizationPercentage (it is autoscaling/v1's field):
//! let err = parse_yaml(
//!     "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\n\
//!      spec: {maxReplicas: 3, scaleTargetRef: {kind: Deployment, name: d}, targetCPUUtilizationPercentage: 75}\n",
//! ).unwrap_err();
//! assert!(err.to_string().contains("spec.targetCPUUtilizationPercentage"));
//! assert!(err.to_string().contains("spec.metrics[].resource.target.averageUtilization"));
//! ```

use serde_json::Value;

use crate::validation::{ErrorList, FieldPath, Validate};
#[cfg(feature = "yaml")]
pub use crate::yaml::yaml_options;

/// Why a document could not be read as a [`KnownObject`].
#[derive(Debug, thiserror::Error, PartialEq)]
#[non_exhaustive]
pub enum ObjectError {
    /// The text is not YAML (or JSON).
    #[error("document {document}: not valid YAML: {message}")]
    Yaml {
        /// 0-based document index in a multi-document stream.
        document: usize,
        /// The parser's message.
        message: String,
    },
    /// The document is not a mapping with string `apiVersion` and `kind`.
    #[error("document {document}: missing or non-string apiVersion/kind")]
    NoTypeMeta {
        /// 0-based document index.
        document: usize,
    },
    /// A kind this crate does not model.
    #[error("{api_version} {kind} is not a kind acp-model knows")]
    Unknown {
        /// The document's apiVersion.
        api_version: String,
        /// The document's kind.
        kind: String,
    },
    /// An API version Kubernetes removed.
    #[error("{api_version} {kind} is no longer served by Kubernetes 1.35; use {replacement}")]
    NoLongerServed {
        /// The removed apiVersion.
        api_version: String,
        /// The kind.
        kind: String,
        /// The apiVersion to use instead.
        replacement: &'static str,
    },
    /// The document does not match the kind's schema (a wrong type, invalid base64 in a Secret's
    /// `data`, …).
    #[error("{api_version} {kind}: {}{message}", .path.as_deref().map(|p| format!("{p}: ")).unwrap_or_default())]
    Schema {
        /// The document's apiVersion.
        api_version: String,
        /// The document's kind.
        kind: String,
        /// The field the deserialiser stopped at, when it can be told (`data[api-key]`).
        path: Option<String>,
        /// The deserialiser's message.
        message: String,
    },
    /// The document parsed, but some fields did not survive: the kind has no such field.
    #[error("{api_version} {kind}: {}", describe_lost(.lost))]
    LostFields {
        /// The document's apiVersion.
        api_version: String,
        /// The document's kind.
        kind: String,
        /// The dropped fields, as `(path, hint)`.
        lost: Vec<(String, Option<&'static str>)>,
    },
}

fn describe_lost(lost: &[(String, Option<&'static str>)]) -> String {
    let parts: Vec<String> = lost
        .iter()
        .map(|(path, hint)| match hint {
            Some(h) => format!("unknown field \"{path}\" ({h})"),
            None => format!("unknown field \"{path}\""),
        })
        .collect();
    parts.join(", ")
}

/// Fields users commonly carry over from an older API version, with where the value belongs now.
/// Keyed by (apiVersion, kind, lost path with list indices written `[]`).
const FIELD_HINTS: &[(&str, &str, &str, &str)] = &[
    (
        "autoscaling/v2",
        "HorizontalPodAutoscaler",
        "spec.targetCPUUtilizationPercentage",
        "that is autoscaling/v1; in autoscaling/v2 use spec.metrics[].resource.target.averageUtilization \
         with type: Resource, resource.name: cpu, target.type: Utilization",
    ),
    (
        "autoscaling/v2",
        "HorizontalPodAutoscaler",
        "spec.metrics[].resource.targetAverageUtilization",
        "that is autoscaling/v2beta1; in autoscaling/v2 use spec.metrics[].resource.target.averageUtilization",
    ),
    (
        "autoscaling/v2",
        "HorizontalPodAutoscaler",
        "spec.metrics[].resource.targetAverageValue",
        "that is autoscaling/v2beta1; in autoscaling/v2 use spec.metrics[].resource.target.averageValue",
    ),
];

/// What a deserialisation failure at a path usually means, keyed by (kind, path prefix).
const SCHEMA_HINTS: &[(&str, &str, &str)] = &[(
    "Secret",
    "data[",
    "Secret data values must be base64-encoded; put plain text under stringData",
)];

/// API versions Kubernetes 1.35 no longer serves, with their replacement.
const REMOVED_VERSIONS: &[(&str, &str, &str)] = &[
    (
        "autoscaling/v2beta1",
        "HorizontalPodAutoscaler",
        "autoscaling/v2",
    ),
    (
        "autoscaling/v2beta2",
        "HorizontalPodAutoscaler",
        "autoscaling/v2",
    ),
    ("extensions/v1beta1", "Deployment", "apps/v1"),
    ("extensions/v1beta1", "DaemonSet", "apps/v1"),
    ("extensions/v1beta1", "ReplicaSet", "apps/v1"),
    ("extensions/v1beta1", "Ingress", "networking.k8s.io/v1"),
    ("apps/v1beta1", "Deployment", "apps/v1"),
    ("apps/v1beta2", "Deployment", "apps/v1"),
    ("apps/v1beta1", "StatefulSet", "apps/v1"),
    ("apps/v1beta2", "StatefulSet", "apps/v1"),
    ("apps/v1beta2", "DaemonSet", "apps/v1"),
    (
        "networking.k8s.io/v1beta1",
        "Ingress",
        "networking.k8s.io/v1",
    ),
    ("batch/v1beta1", "CronJob", "batch/v1"),
    ("policy/v1beta1", "PodDisruptionBudget", "policy/v1"),
    (
        "apiextensions.k8s.io/v1beta1",
        "CustomResourceDefinition",
        "apiextensions.k8s.io/v1",
    ),
];

macro_rules! known_objects {
    ($( $(#[$doc:meta])* $variant:ident => $ty:ty, [$($api:literal),+], $kind:literal, $validate:ident; )+) => {
        /// One object of a kind acp-model knows, typed. Large variants are boxed.
        #[derive(Clone, Debug, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        #[non_exhaustive]
        pub enum KnownObject {
            $( $(#[$doc])* $variant(Box<$ty>), )+
        }

        impl KnownObject {
            /// Every `(apiVersion, kind)` pair this enum reads.
            pub const KINDS: &'static [(&'static str, &'static str)] = &[ $( $( ($api, $kind), )+ )+ ];

            /// The kind, e.g. `"Frontend"`.
            pub fn kind(&self) -> &'static str {
                match self { $( KnownObject::$variant(_) => $kind, )+ }
            }

            /// The object as a JSON value (what it would be sent to the apiserver as).
            pub fn to_value(&self) -> Result<Value, serde_json::Error> {
                match self { $( KnownObject::$variant(o) => serde_json::to_value(o), )+ }
            }

            fn decode(api_version: &str, kind: &str, value: &Value) -> Option<Result<KnownObject, (Option<String>, String)>> {
                $(
                    if kind == $kind && [$($api),+].contains(&api_version) {
                        return Some(decode_as::<$ty>(value).map(|o| KnownObject::$variant(Box::new(o))));
                    }
                )+
                None
            }

            /// Every check this crate knows for the object, all problems at once, with
            /// apiserver-style field paths.
            ///
            /// For the ACP and third-party kinds this is the kind's [`Validate`] implementation:
            /// a Rule's `spec.dslx` gets the whole `dslx` check
            /// ([`Dslx::from_wire`](crate::alb::dslx::Dslx::from_wire)) and a CronHPA's
            /// schedules the crontab grammar ([`crontab::parse`](crate::crontab::parse)).
            /// For the Kubernetes built-ins, what the API server checks on create, as far as
            /// acp-model models it:
            /// - Pod: [`pod::validate_pod`](crate::pod::validate_pod) (containers, ports,
            ///   volumes, `hostPath`, probes, restart and pull policies);
            /// - Deployment, ReplicaSet, DaemonSet, StatefulSet, Job, CronJob: the
            ///   [`workload`](crate::workload) checks (selector, template labels, the pod
            ///   template, restart policy); for a CronJob also `spec.schedule`
            ///   ([`crontab::validate_cronjob`](crate::crontab::validate_cronjob));
            /// - Secret, ConfigMap: [`secret::validate_secret`](crate::secret::validate_secret),
            ///   [`secret::validate_config_map`](crate::secret::validate_config_map) (keys,
            ///   size, each Secret type's required keys);
            /// - Service: [`service::validate_service`](crate::service::validate_service)
            ///   (name a DNS-1035 label, ports);
            /// - the other built-ins: the object-meta rules (name, labels).
            ///
            /// Image grammar is not an API server rule and is not checked here: see
            /// [`image::lint_image`](crate::image::lint_image). The console's `envFrom` rule
            /// needs the referenced Secrets: [`KnownObject::validate_env_from_secrets`].
            ///
            /// Checks that need more than this crate has live in the crate that has it; the
            /// facade's `acp_rs::validate` runs this method and all of them in one call:
            /// - CronHPA (does a `TZ=`/`CRON_TZ=` prefix name a known zone?) and CronJob
            ///   (`spec.timeZone`) need a time zone database: `acp_cron::cronhpa::validate` and
            ///   `acp_cron::cronjob::validate` run this method's checks plus those, so each is
            ///   the complete check of its kind;
            /// - LimitRange: `acp_quota::limitrange::validate_limit_range` is the API server's
            ///   whole `ValidateLimitRange`, metadata included, and replaces this method for it;
            /// - MachineConfig: `acp_ignition::validate::parse_machine_config` checks the
            ///   embedded Ignition config (`spec.config`) in full, in Ignition's words; run it
            ///   in addition to this method;
            /// - Deployment, DaemonSet, StatefulSet: the apps rollout and update-strategy rules,
            ///   `acp_workload::rolling::{validate_deployment_rollout,
            ///   validate_daemonset_update_strategy, validate_statefulset_update_strategy}` on
            ///   the spec; run them in addition to this method;
            /// - Pod: the ACP GPU resource rules per container,
            ///   `acp_quota::gpu::validate_container_gpu`; run it in addition to this method.
            pub fn validate(&self) -> ErrorList {
                match self { $( KnownObject::$variant(o) => known_objects!(@validate $validate, o), )+ }
            }
        }
    };
    (@validate acp, $o:ident) => { Validate::validate(&**$o) };
    (@validate meta, $o:ident) => { validate_meta(k8s_openapi::Metadata::metadata(&**$o)) };
    (@validate meta_label, $o:ident) => { validate_meta_label(k8s_openapi::Metadata::metadata(&**$o)) };
    (@validate cronjob, $o:ident) => { crate::workload::validate_cron_job(&**$o) };
    (@validate job, $o:ident) => { crate::workload::validate_job(&**$o) };
    (@validate deployment, $o:ident) => { crate::workload::validate_deployment(&**$o) };
    (@validate replicaset, $o:ident) => { crate::workload::validate_replica_set(&**$o) };
    (@validate daemonset, $o:ident) => { crate::workload::validate_daemon_set(&**$o) };
    (@validate statefulset, $o:ident) => { crate::workload::validate_stateful_set(&**$o) };
    (@validate pod, $o:ident) => { crate::pod::validate_pod(&**$o) };
    (@validate service, $o:ident) => { crate::service::validate_service(&**$o) };
    (@validate secret, $o:ident) => { crate::secret::validate_secret(&**$o) };
    (@validate configmap, $o:ident) => { crate::secret::validate_config_map(&**$o) };
    (@validate none, $o:ident) => {{ let _ = $o; ErrorList::new() }};
}

use k8s_openapi::api::{
    apps::v1 as apps, autoscaling, batch::v1 as batch, core::v1 as core,
    networking::v1 as networking,
};

known_objects! {
    /// `app.k8s.io/v1beta1 Application`.
    Application => crate::application::Application, ["app.k8s.io/v1beta1"], "Application", acp;
    /// `app.k8s.io/v1beta1 ApplicationHistory`.
    ApplicationHistory => crate::application::ApplicationHistory, ["app.k8s.io/v1beta1"], "ApplicationHistory", acp;
    /// `crd.alauda.io/v2beta1 ALB2`.
    Alb2 => crate::alb::Alb2, ["crd.alauda.io/v2beta1"], "ALB2", acp;
    /// `crd.alauda.io/v1 Frontend`.
    Frontend => crate::alb::Frontend, ["crd.alauda.io/v1"], "Frontend", acp;
    /// `crd.alauda.io/v1 Rule`.
    Rule => crate::alb::Rule, ["crd.alauda.io/v1"], "Rule", acp;
    /// `machineconfiguration.alauda.io/v1alpha1 MachineConfig`.
    MachineConfig => crate::machineconfig::MachineConfig, ["machineconfiguration.alauda.io/v1alpha1"], "MachineConfig", acp;
    /// `machineconfiguration.alauda.io/v1alpha1 MachineConfigPool`.
    MachineConfigPool => crate::machineconfig::MachineConfigPool, ["machineconfiguration.alauda.io/v1alpha1"], "MachineConfigPool", acp;
    /// `machineconfiguration.alauda.io/v1alpha1 MachineConfiguration` (node disruption policy).
    MachineConfiguration => crate::machineconfig::MachineConfiguration, ["machineconfiguration.alauda.io/v1alpha1"], "MachineConfiguration", acp;
    /// `resource.alauda.io/v1 NamespaceResourceRatio`.
    NamespaceResourceRatio => crate::ratio::NamespaceResourceRatio, ["resource.alauda.io/v1"], "NamespaceResourceRatio", acp;
    /// `tkestack.io/v1 CronHPA` (the ACP documentation's group) or `extensions.tkestack.io/v1` (upstream's); the
    /// group read is the group written back.
    CronHpa => crate::cronhpa::VersionedCronHpa, ["tkestack.io/v1", "extensions.tkestack.io/v1"], "CronHPA", acp;
    /// `autoscaling.k8s.io/v1 VerticalPodAutoscaler`.
    VerticalPodAutoscaler => crate::thirdparty::vpa::VerticalPodAutoscaler, ["autoscaling.k8s.io/v1"], "VerticalPodAutoscaler", acp;
    /// `keda.sh/v1alpha1 ScaledObject`.
    ScaledObject => crate::thirdparty::keda::ScaledObject, ["keda.sh/v1alpha1"], "ScaledObject", acp;
    /// `argoproj.io/v1alpha1 Rollout`.
    Rollout => crate::thirdparty::rollout::Rollout, ["argoproj.io/v1alpha1"], "Rollout", acp;
    /// `pod-security.admission.config.k8s.io/v1 PodSecurityConfiguration` (an admission-plugin
    /// configuration file, not an API object).
    PodSecurityConfiguration => crate::thirdparty::pod_security::PodSecurityConfiguration, ["pod-security.admission.config.k8s.io/v1"], "PodSecurityConfiguration", acp;
    /// `v1 Namespace`.
    Namespace => core::Namespace, ["v1"], "Namespace", meta_label;
    /// `v1 ResourceQuota`.
    ResourceQuota => core::ResourceQuota, ["v1"], "ResourceQuota", meta;
    /// `v1 LimitRange`.
    LimitRange => core::LimitRange, ["v1"], "LimitRange", meta;
    /// `v1 Pod`.
    Pod => core::Pod, ["v1"], "Pod", pod;
    /// `v1 Service`.
    Service => core::Service, ["v1"], "Service", service;
    /// `v1 ConfigMap`.
    ConfigMap => core::ConfigMap, ["v1"], "ConfigMap", configmap;
    /// `v1 Secret`.
    Secret => core::Secret, ["v1"], "Secret", secret;
    /// `v1 ServiceAccount`.
    ServiceAccount => core::ServiceAccount, ["v1"], "ServiceAccount", meta;
    /// `v1 PersistentVolumeClaim`.
    PersistentVolumeClaim => core::PersistentVolumeClaim, ["v1"], "PersistentVolumeClaim", meta;
    /// `v1 Node`.
    Node => core::Node, ["v1"], "Node", meta;
    /// `apps/v1 Deployment`.
    Deployment => apps::Deployment, ["apps/v1"], "Deployment", deployment;
    /// `apps/v1 StatefulSet`.
    StatefulSet => apps::StatefulSet, ["apps/v1"], "StatefulSet", statefulset;
    /// `apps/v1 DaemonSet`.
    DaemonSet => apps::DaemonSet, ["apps/v1"], "DaemonSet", daemonset;
    /// `apps/v1 ReplicaSet`.
    ReplicaSet => apps::ReplicaSet, ["apps/v1"], "ReplicaSet", replicaset;
    /// `batch/v1 Job`.
    Job => batch::Job, ["batch/v1"], "Job", job;
    /// `batch/v1 CronJob`.
    CronJob => batch::CronJob, ["batch/v1"], "CronJob", cronjob;
    /// `autoscaling/v2 HorizontalPodAutoscaler`.
    HorizontalPodAutoscaler => autoscaling::v2::HorizontalPodAutoscaler, ["autoscaling/v2"], "HorizontalPodAutoscaler", meta;
    /// `autoscaling/v1 HorizontalPodAutoscaler`.
    HorizontalPodAutoscalerV1 => autoscaling::v1::HorizontalPodAutoscaler, ["autoscaling/v1"], "HorizontalPodAutoscaler", meta;
    /// `networking.k8s.io/v1 Ingress`.
    Ingress => networking::Ingress, ["networking.k8s.io/v1"], "Ingress", meta;
}

impl KnownObject {
    /// The pod spec of a Pod or of a workload's pod template, with its path (`spec`,
    /// `spec.template.spec`, `spec.jobTemplate.spec.template.spec`); `None` for other kinds.
    pub fn pod_spec(&self) -> Option<(FieldPath, &k8s_openapi::api::core::v1::PodSpec)> {
        use crate::kube_version::WithSpec;
        let t = FieldPath::new("spec").child("template").child("spec");
        match self {
            KnownObject::Pod(p) => p.spec.as_ref().map(|s| (FieldPath::new("spec"), s)),
            KnownObject::Deployment(d) => d
                .spec_ref()
                .and_then(|s| s.template.spec.as_ref())
                .map(|s| (t, s)),
            KnownObject::StatefulSet(d) => d
                .spec_ref()
                .and_then(|s| s.template.spec.as_ref())
                .map(|s| (t, s)),
            KnownObject::DaemonSet(d) => d
                .spec_ref()
                .and_then(|s| s.template.spec.as_ref())
                .map(|s| (t, s)),
            KnownObject::ReplicaSet(d) => d
                .spec_ref()
                .and_then(|s| s.template.as_ref())
                .and_then(|tpl| tpl.spec.as_ref())
                .map(|s| (t, s)),
            KnownObject::Job(j) => j
                .spec
                .as_ref()
                .and_then(|s| s.template.spec.as_ref())
                .map(|s| (t, s)),
            KnownObject::CronJob(c) => c
                .spec_ref()
                .and_then(|s| s.job_template.spec.as_ref())
                .and_then(|s| s.template.spec.as_ref())
                .map(|s| {
                    (
                        FieldPath::new("spec")
                            .child("jobTemplate")
                            .child("spec")
                            .child("template")
                            .child("spec"),
                        s,
                    )
                }),
            _ => None,
        }
    }

    /// The ACP console's `envFrom` rule
    /// ([`pod::validate_env_from_secret_types`](crate::pod::validate_env_from_secret_types))
    /// for this object's pod spec, in the object's namespace (`default` when unset), against
    /// `secrets`. Empty for kinds without a pod spec.
    pub fn validate_env_from_secrets(
        &self,
        secrets: &[k8s_openapi::api::core::v1::Secret],
    ) -> ErrorList {
        let Some((path, spec)) = self.pod_spec() else {
            return ErrorList::new();
        };
        let namespace = self.namespace().unwrap_or("default");
        crate::pod::validate_env_from_secret_types(spec, &path, namespace, secrets)
    }

    fn namespace(&self) -> Option<&str> {
        let meta = match self {
            KnownObject::Pod(o) => &o.metadata,
            KnownObject::Deployment(o) => &o.metadata,
            KnownObject::StatefulSet(o) => &o.metadata,
            KnownObject::DaemonSet(o) => &o.metadata,
            KnownObject::ReplicaSet(o) => &o.metadata,
            KnownObject::Job(o) => &o.metadata,
            KnownObject::CronJob(o) => &o.metadata,
            _ => return None,
        };
        meta.namespace.as_deref().filter(|n| !n.is_empty())
    }
}

fn validate_meta(meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta) -> ErrorList {
    crate::names::validate_object_meta(meta, crate::names::NameRule::Dns1123Subdomain)
}

fn validate_meta_label(
    meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
) -> ErrorList {
    crate::names::validate_object_meta(meta, crate::names::NameRule::Dns1123Label)
}

impl KnownObject {
    /// Reads one object from a JSON value, dispatching on `apiVersion` and `kind`, and fails with
    /// [`ObjectError::LostFields`] if any field of the input is not part of the kind.
    pub fn from_value(value: Value) -> Result<KnownObject, ObjectError> {
        Self::from_value_at(value, 0)
    }

    fn from_value_at(value: Value, document: usize) -> Result<KnownObject, ObjectError> {
        let (api_version, kind) = match (value.get("apiVersion"), value.get("kind")) {
            (Some(Value::String(a)), Some(Value::String(k))) => (a.clone(), k.clone()),
            _ => return Err(ObjectError::NoTypeMeta { document }),
        };
        if let Some((_, _, replacement)) = REMOVED_VERSIONS
            .iter()
            .find(|(a, k, _)| *a == api_version && *k == kind)
        {
            return Err(ObjectError::NoLongerServed {
                api_version,
                kind,
                replacement,
            });
        }
        let object = match Self::decode(&api_version, &kind, &value) {
            None => return Err(ObjectError::Unknown { api_version, kind }),
            Some(Err((path, mut message))) => {
                let at = path.as_deref().unwrap_or("");
                if let Some((_, _, hint)) = SCHEMA_HINTS
                    .iter()
                    .find(|(k, prefix, _)| *k == kind && at.starts_with(prefix))
                {
                    message = format!("{message} ({hint})");
                }
                return Err(ObjectError::Schema {
                    api_version,
                    kind,
                    path,
                    message,
                });
            }
            Some(Ok(o)) => o,
        };
        let back = object.to_value().map_err(|e| ObjectError::Schema {
            api_version: api_version.clone(),
            kind: kind.clone(),
            path: None,
            message: e.to_string(),
        })?;
        let lost = lost_fields(&value, &back);
        if lost.is_empty() {
            return Ok(object);
        }
        let lost = lost
            .into_iter()
            .map(|path| {
                let generic = strip_indices(&path);
                let hint = FIELD_HINTS
                    .iter()
                    .find(|(a, k, p, _)| *a == api_version && *k == kind && *p == generic)
                    .map(|(_, _, _, h)| *h);
                (path, hint)
            })
            .collect();
        Err(ObjectError::LostFields {
            api_version,
            kind,
            lost,
        })
    }
}

/// Deserialises `value` as `T`; on failure, finds the field the deserialiser stopped at.
///
/// serde_json's errors carry a line number but no path, so on failure the value is rendered as
/// JSON text with one scalar per line, each line remembering its field path, and deserialised
/// again: the failing line names the field. The happy path pays nothing for this.
fn decode_as<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, (Option<String>, String)> {
    let first = match T::deserialize(value) {
        Ok(t) => return Ok(t),
        Err(e) => e,
    };
    let mut lines = Vec::new();
    render_lines(value, &FieldPath::root(), String::new(), &mut lines);
    let text: Vec<&str> = lines.iter().map(|(l, _)| l.as_str()).collect();
    match serde_json::from_str::<T>(&text.join("\n")) {
        Ok(t) => Ok(t),
        Err(e) => {
            let path = e
                .line()
                .checked_sub(1)
                .and_then(|i| lines.get(i))
                .map(|(_, p)| p.as_str().to_owned())
                .filter(|p| !p.is_empty());
            let message = e.to_string();
            let message = match message.rsplit_once(" at line ") {
                Some((m, _)) => m.to_owned(),
                None => first.to_string(),
            };
            Err((path, message))
        }
    }
}

/// `value` as JSON text, one line per scalar or bracket, each line with its field path.
fn render_lines(
    value: &Value,
    path: &FieldPath,
    prefix: String,
    lines: &mut Vec<(String, FieldPath)>,
) {
    let (open, close, entries): (&str, &str, Vec<(FieldPath, String, &Value)>) = match value {
        Value::Object(map) if !map.is_empty() => (
            "{",
            "}",
            map.iter()
                .map(|(k, v)| {
                    (
                        map_child(path, k),
                        format!("{}: ", Value::String(k.clone())),
                        v,
                    )
                })
                .collect(),
        ),
        Value::Array(items) if !items.is_empty() => (
            "[",
            "]",
            items
                .iter()
                .enumerate()
                .map(|(i, v)| (path.index(i), String::new(), v))
                .collect(),
        ),
        _ => {
            lines.push((format!("{prefix}{value}"), path.clone()));
            return;
        }
    };
    lines.push((format!("{prefix}{open}"), path.clone()));
    let n = entries.len();
    for (i, (child, key, v)) in entries.into_iter().enumerate() {
        render_lines(v, &child, key, lines);
        if i + 1 < n
            && let Some((l, _)) = lines.last_mut()
        {
            l.push(',');
        }
    }
    lines.push((close.to_owned(), path.clone()));
}

/// Struct-like keys print as `.name`; other map keys (`app.kubernetes.io/name`, `limits.cpu`,
/// `api-key`) as `[key]`, the way `field.Path` prints map entries.
fn map_child(path: &FieldPath, key: &str) -> FieldPath {
    let simple = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if simple {
        path.child(key)
    } else {
        path.key(key)
    }
}

/// Reads every document of a YAML stream (`---`-separated) as a [`KnownObject`], with
/// [`yaml_options`] (YAML 1.1 octal integers, as kubectl) and the default
/// [`YamlLimits`](crate::yaml::YamlLimits). Empty and `null` documents are skipped. Stops at the
/// first document that fails; documents are numbered from 0 in the order they appear in the
/// stream, empty ones included (as [`crate::yaml`] numbers them).
#[cfg(feature = "yaml")]
pub fn parse_yaml(text: &str) -> Result<Vec<KnownObject>, ObjectError> {
    let docs = crate::yaml::from_yaml_documents::<Value>(text, &crate::yaml::YamlLimits::default())
        .map_err(|e| ObjectError::Yaml {
            document: e.document().unwrap_or(0),
            message: e.detail(),
        })?;
    let mut out = Vec::with_capacity(docs.len());
    for (index, value) in docs {
        let value = value.map_err(|e| ObjectError::Yaml {
            document: index,
            message: e.detail(),
        })?;
        if !value.is_null() {
            out.push(KnownObject::from_value_at(value, index)?);
        }
    }
    Ok(out)
}

/// `a.b[3].c` → `a.b[].c`.
fn strip_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

/// The paths of `original` that are missing or different in `roundtrip`, as JSON paths
/// (`spec.template.spec.containers[0].foo`). A `null` in the original that is absent after the
/// round trip is not a loss (Kubernetes treats both as unset); a number that changed only in
/// representation (`1` vs `1.0`) is not a loss either.
pub fn lost_fields(original: &Value, roundtrip: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk_lost(original, Some(roundtrip), &mut String::new(), &mut out);
    out
}

fn walk_lost(
    original: &Value,
    roundtrip: Option<&Value>,
    path: &mut String,
    out: &mut Vec<String>,
) {
    match (original, roundtrip) {
        (Value::Null, None | Some(Value::Null)) => {}
        (_, None) => out.push(path.clone()),
        (Value::Object(a), Some(Value::Object(b))) => {
            for (k, v) in a {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
                walk_lost(v, b.get(k), path, out);
                path.truncate(len);
            }
        }
        (Value::Array(a), Some(Value::Array(b))) => {
            for (i, v) in a.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk_lost(v, b.get(i), path, out);
                path.truncate(len);
            }
        }
        (Value::Number(a), Some(Value::Number(b))) => {
            if a != b && a.as_f64() != b.as_f64() {
                out.push(path.clone());
            }
        }
        (a, Some(b)) => {
            if a != b {
                out.push(path.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lost_fields_reports_paths() {
        let a = json!({"spec": {"x": 1, "list": [{"a": 1, "b": 2}], "n": null}});
        let b = json!({"spec": {"list": [{"a": 1}]}});
        assert_eq!(lost_fields(&a, &b), vec!["spec.list[0].b", "spec.x"]);
        assert!(lost_fields(&a, &a).is_empty());
        assert_eq!(
            strip_indices("spec.metrics[12].resource"),
            "spec.metrics[].resource"
        );
    }

    #[test]
    fn removed_versions_name_their_replacement() {
        let err = parse_yaml(
            "apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: a}\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "autoscaling/v2beta2 HorizontalPodAutoscaler is no longer served by Kubernetes 1.35; use autoscaling/v2"
        );
    }

    #[test]
    fn unknown_and_untyped_documents() {
        assert_eq!(
            parse_yaml("apiVersion: x/v1\nkind: Foo\n").unwrap_err(),
            ObjectError::Unknown {
                api_version: "x/v1".into(),
                kind: "Foo".into()
            }
        );
        assert_eq!(
            parse_yaml("a: 1\n").unwrap_err(),
            ObjectError::NoTypeMeta { document: 0 }
        );
        assert!(matches!(
            parse_yaml("a: [").unwrap_err(),
            ObjectError::Yaml { .. }
        ));
        assert!(parse_yaml("").unwrap().is_empty());
    }

    #[test]
    fn parse_yaml_names_the_failing_document() {
        let ns = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n";
        // Syntax error in the third document: index 2, and the line in the whole stream.
        let err = parse_yaml(&format!("{ns}---\n{ns}---\napiVersion: v1\nkind: [\n")).unwrap_err();
        let ObjectError::Yaml { document, message } = &err else {
            panic!("{err:?}");
        };
        assert_eq!(*document, 2);
        assert!(message.starts_with("line 10: "), "{message}");
        assert!(
            err.to_string()
                .starts_with("document 2: not valid YAML: line 10: "),
            "{err}"
        );
        // Missing type meta in the second document; an empty document before it keeps its
        // number.
        assert_eq!(
            parse_yaml(&format!("{ns}---\n# empty\n---\na: 1\n")).unwrap_err(),
            ObjectError::NoTypeMeta { document: 2 }
        );
        // A null document is skipped like an empty one.
        assert_eq!(parse_yaml(&format!("~\n---\n{ns}")).unwrap().len(), 1);
    }

    #[test]
    fn multi_document_stream_and_meta_validation() {
        let docs = parse_yaml(
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: Bad.Name\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  k: v\n",
        )
        .unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].kind(), "ConfigMap");
        let errs = docs[0].validate();
        assert_eq!(errs.len(), 1, "{errs}");
        assert!(
            errs.to_string().starts_with(
                "metadata.name: Invalid value: \"Bad.Name\": a lowercase RFC 1123 label"
            )
        );
        assert!(docs[1].validate().is_empty());
    }

    #[test]
    fn schema_errors_name_the_field() {
        let yaml =
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  api-key: <base64>\n";
        let err = parse_yaml(yaml).unwrap_err().to_string();
        assert!(
            err.starts_with("v1 Secret: data[api-key]: Invalid symbol 60"),
            "{err}"
        );
        assert!(
            err.ends_with(
                "(Secret data values must be base64-encoded; put plain text under stringData)"
            ),
            "{err}"
        );
        assert!(parse_yaml(&yaml.replace("<base64>", "bXl1c2Vy")).is_ok());
        let err = parse_yaml(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: many\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("apps/v1 Deployment: spec.replicas: invalid type: string \"many\""),
            "{err}"
        );
    }

    /// YAML 1.1 reads `0755` as octal 493 (kubectl); YAML 1.2 would not.
    #[test]
    fn leading_zero_integers_are_octal_as_in_kubectl() {
        let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: i}]\n  volumes:\n  - name: v\n    configMap: {name: cm, defaultMode: 0755}\n";
        let docs = parse_yaml(pod).unwrap();
        let v = docs[0].to_value().unwrap();
        assert_eq!(
            v.pointer("/spec/volumes/0/configMap/defaultMode"),
            Some(&serde_json::json!(493))
        );
        let yaml12: Value = serde_saphyr::from_str(pod).unwrap();
        assert_ne!(
            yaml12.pointer("/spec/volumes/0/configMap/defaultMode"),
            Some(&serde_json::json!(493))
        );
    }

    #[test]
    fn misspelt_field_is_reported() {
        let err =
            parse_yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndatum: {k: v}\n")
                .unwrap_err();
        assert_eq!(err.to_string(), "v1 ConfigMap: unknown field \"datum\"");
    }
}
