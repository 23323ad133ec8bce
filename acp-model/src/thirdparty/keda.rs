//! `keda.sh/v1alpha1` **ScaledObject** (KEDA event-driven autoscaling), as the ACP developer
//! guide uses it, and KEDA's pause annotations.
// seed 003:8239-8866
//!
//! ```
//! use acp_model::thirdparty::keda::{PauseState, ScaledObject};
//! use acp_model::validation::Validate;
//!
//! let so: ScaledObject = serde_saphyr::from_str(r#"
//! apiVersion: keda.sh/v1alpha1
//! kind: ScaledObject
//! metadata:
//!   name: cpu-scaledobject
//!   annotations:
//!     autoscaling.keda.sh/paused-replicas: "0"
//! spec:
//!   scaleTargetRef:
//!     name: web
//!   triggers:
//!   - type: cpu
//!     metricType: Utilization
//!     metadata:
//!       value: "50"
//! "#).unwrap();
//! assert_eq!(so.spec.triggers[0].metadata_value("value"), Some("50"));
//! assert_eq!(so.pause_state(), PauseState::PausedAt(0));
//! assert!(so.validate().is_empty());
//! ```
//!
//! Modelled partially after `kedacore/keda` `apis/keda/v1alpha1/scaledobject_types.go` and
//! `scaletriggers_types.go`: every field the ACP documentation uses plus the common upstream ones; every
//! struct carries a `#[serde(flatten)] extra` map so unknown fields survive a round trip.

use std::collections::BTreeMap;

use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscalerBehavior;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::names::{NameRule, validate_object_meta};
use crate::validation::{ErrorList, FieldError, FieldPath, Validate};

// seed 003:8800, 8838
/// Annotation that pauses autoscaling after scaling the target to the given replica count:
/// `autoscaling.keda.sh/paused-replicas: "<number>"`
/// (upstream `PausedReplicasAnnotation`).
pub const PAUSED_REPLICAS_ANNOTATION: &str = "autoscaling.keda.sh/paused-replicas";

// seed 003:8793, 8816, 8832, 8844
/// Annotation that pauses autoscaling at the current replica count:
/// `autoscaling.keda.sh/paused: "true"`; `"false"` resumes
/// (upstream `PausedAnnotation`).
pub const PAUSED_ANNOTATION: &str = "autoscaling.keda.sh/paused";

/// Upstream default `pollingInterval` in seconds (KEDA docs / `scaledobject_types.go`).
pub const DEFAULT_POLLING_INTERVAL: i32 = 30;
/// Upstream default `cooldownPeriod` in seconds.
pub const DEFAULT_COOLDOWN_PERIOD: i32 = 300;
/// Upstream default `maxReplicaCount` (`defaultHPAMaxReplicas`).
pub const DEFAULT_MAX_REPLICA_COUNT: i32 = 100;

/// Spec of a KEDA `ScaledObject`.
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[kube(
    group = "keda.sh",
    version = "v1alpha1",
    kind = "ScaledObject",
    plural = "scaledobjects",
    shortname = "so",
    namespaced,
    derive = "PartialEq",
    status = "ScaledObjectStatus"
)]
#[serde(rename_all = "camelCase")]
pub struct ScaledObjectSpec {
    // seed 003:8305, 8717
    /// The workload to scale.
    pub scale_target_ref: ScaleTarget,
    // seed 003:8715
    /// Seconds between trigger polls; default 30 (ACP docs: "轮询 Prometheus 指标的间隔（秒）").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polling_interval: Option<i32>,
    // seed 003:8709
    /// Seconds to wait after the last active trigger before scaling to zero; default 300 (ACP docs:
    /// "缩容前等待时间（秒）").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cooldown_period: Option<i32>,
    /// Seconds to wait after creation before the first scale-to-zero (upstream).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_cooldown_period: Option<i32>,
    /// Replica count while no trigger is active; must be lower than `minReplicaCount` (upstream).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_replica_count: Option<i32>,
    // seed 003:8713
    /// Minimum replicas; default 0 (ACP docs: "最小副本数（注意：HPA 可能强制最小为 1）").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_replica_count: Option<i32>,
    // seed 003:8711
    /// Maximum replicas; default 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_replica_count: Option<i32>,
    /// Advanced options (upstream `AdvancedConfig`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advanced: Option<AdvancedConfig>,
    // seed 003:8309, seed 003:8719
    /// Event sources. At least one is required (upstream `ValidateTriggers`).
    pub triggers: Vec<ScaleTrigger>,
    /// Replicas to use when a scaler keeps failing (upstream `Fallback`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<Fallback>,
    /// Fields this crate does not model, kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// `spec.scaleTargetRef` (upstream `ScaleTarget`): `apiVersion`/`kind` default to
/// `apps/v1` `Deployment`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct ScaleTarget {
    /// Name of the target in the ScaledObject's namespace.
    pub name: String,
    /// API version of the target (default `apps/v1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// Kind of the target (default `Deployment`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Container whose environment scalers read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env_source_container_name: Option<String>,
    /// Fields this crate does not model, kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// `spec.advanced`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct AdvancedConfig {
    /// Settings of the HPA KEDA creates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizontal_pod_autoscaler_config: Option<HorizontalPodAutoscalerConfig>,
    /// Scale the target back to its original replica count when the ScaledObject is deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restore_to_original_replica_count: Option<bool>,
    /// Fields this crate does not model (e.g. `scalingModifiers`), kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// `spec.advanced.horizontalPodAutoscalerConfig`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct HorizontalPodAutoscalerConfig {
    /// The `autoscaling/v2` behavior copied into the generated HPA.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub behavior: Option<HorizontalPodAutoscalerBehavior>,
    /// Name of the generated HPA (default `keda-hpa-<scaledobject>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Fields this crate does not model, kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

open_enum! {
    // seed 003:8315
    /// A trigger's `metricType`: "Allowed types are 'Utilization' or 'AverageValue'" for the
    /// cpu/memory scalers; other scalers also accept `Value`
    /// (upstream `autoscalingv2.MetricTargetType`).
    MetricType {
        /// `Utilization`.
        Utilization => "Utilization",
        /// `AverageValue`.
        AverageValue => "AverageValue",
        /// `Value`.
        Value => "Value",
    }
}

/// One entry of `spec.triggers` (upstream `ScaleTriggers`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct ScaleTrigger {
    // seed 003:8311, seed 003:8745
    /// Scaler type: `cpu`, `memory`, `prometheus`, ….
    #[serde(rename = "type")]
    pub type_: String,
    /// Optional trigger name; unique within the object (upstream `ValidateTriggers`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Serve the metric from the cache (not allowed for cpu/memory/cron scalers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_cached_metrics: Option<bool>,
    // seed 003:8317, seed 003:8725-8743
    /// Scaler-specific settings; values are strings on the wire.
    /// Required by the KEDA CRD; optional here so an absent map round-trips as absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<BTreeMap<String, String>>,
    // seed 003:8721
    /// Credentials (`TriggerAuthentication` / `ClusterTriggerAuthentication`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_ref: Option<AuthenticationRef>,
    // seed 003:8315
    /// Metric target type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric_type: Option<MetricType>,
    /// Fields this crate does not model, kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl ScaleTrigger {
    /// The value of one `metadata` key.
    pub fn metadata_value(&self, key: &str) -> Option<&str> {
        self.metadata.as_ref()?.get(key).map(String::as_str)
    }
}

// seed 003:8721-8723
/// `triggers[].authenticationRef`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticationRef {
    /// Name of the (Cluster)TriggerAuthentication.
    pub name: String,
    /// `TriggerAuthentication` (default) or `ClusterTriggerAuthentication`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// `spec.fallback` (upstream `Fallback`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct Fallback {
    /// Consecutive scaler failures before the fallback applies.
    pub failure_threshold: i32,
    /// Replicas to run while falling back.
    pub replicas: i32,
    /// Fields this crate does not model (e.g. `behavior`), kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// `status` of a ScaledObject (upstream `ScaledObjectStatus`; the ACP documentation shows none).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct ScaledObjectStatus {
    /// Kind of the scaled workload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_target_kind: Option<String>,
    /// Replica count before KEDA took over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_replica_count: Option<i32>,
    /// Replica count KEDA holds while paused by [`PAUSED_REPLICAS_ANNOTATION`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused_replica_count: Option<i32>,
    /// When a trigger was last active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_active_time: Option<Time>,
    /// Name of the generated HPA.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hpa_name: Option<String>,
    /// Conditions `Ready`, `Active`, `Fallback`, `Paused`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Vec<ScaledObjectCondition>>,
    /// Fields this crate does not model, kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One entry of `status.conditions` (upstream `Condition`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct ScaledObjectCondition {
    /// `Ready`, `Active`, `Fallback` or `Paused`.
    #[serde(rename = "type")]
    pub type_: String,
    /// `True`, `False` or `Unknown`.
    pub status: String,
    /// Machine-readable reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// What the pause annotations ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PauseState {
    /// No pause annotation (or `paused: "false"`): KEDA scales normally.
    NotPaused,
    // seed 003:8793
    /// `paused` alone: stop scaling at the current replica count.
    Paused,
    // seed 003:8800, seed 003:8806-8810
    /// `paused-replicas: "<n>"` (with or without `paused`): scale to `n`, then stop (ACP docs:
    /// "KEDA 会将工作负载缩放到 paused-replicas 中定义的值。随后暂停自动扩缩容。").
    PausedAt(i32),
    /// `paused-replicas` is present but not an integer; KEDA fails to reconcile the object.
    InvalidPausedReplicas,
}

impl ScaledObject {
    // seed 003:8806-8810
    /// Reads the pause annotations with KEDA's precedence: `paused-replicas` wins over `paused`;
    /// `paused` holds when its value is `true` or not
    /// a boolean at all, as upstream `NeedToBePausedByAnnotation` does (`strconv.ParseBool`
    /// spellings: `1 t T TRUE true True` / `0 f F FALSE false False`).
    pub fn pause_state(&self) -> PauseState {
        let ann = self.metadata.annotations.as_ref();
        if let Some(v) = ann.and_then(|a| a.get(PAUSED_REPLICAS_ANNOTATION)) {
            return match v.trim().parse::<i32>() {
                Ok(n) => PauseState::PausedAt(n),
                Err(_) => PauseState::InvalidPausedReplicas,
            };
        }
        match ann
            .and_then(|a| a.get(PAUSED_ANNOTATION))
            .map(String::as_str)
        {
            None => PauseState::NotPaused,
            Some("0" | "f" | "F" | "FALSE" | "false" | "False") => PauseState::NotPaused,
            Some(_) => PauseState::Paused,
        }
    }
}

impl Validate for ScaledObject {
    // seed 003:8315
    /// Rules from `kedacore/keda` `apis/keda/v1alpha1`: `CheckReplicaCountBoundsAreValid`,
    /// `CheckFallbackValid`, `ValidateTriggers` (messages copied from there), plus: object name
    /// (DNS-1123 subdomain), `scaleTargetRef.name` required, non-negative intervals, the
    /// `paused-replicas` annotation an integer, and cpu/memory `metricType` limited to
    /// `Utilization`/`AverageValue`.
    ///
    /// The metadata namespace is not checked: documentation examples use placeholders such as
    /// `<your-namespace>`, and the apiserver assigns it.
    fn validate(&self) -> ErrorList {
        let mut errs = validate_object_meta(&self.metadata, NameRule::Dns1123Subdomain);
        if self.pause_state() == PauseState::InvalidPausedReplicas {
            let v = self
                .metadata
                .annotations
                .as_ref()
                .and_then(|a| a.get(PAUSED_REPLICAS_ANNOTATION))
                .cloned()
                .unwrap_or_default();
            errs.push(FieldError::invalid(
                &FieldPath::new("metadata")
                    .child("annotations")
                    .key(PAUSED_REPLICAS_ANNOTATION),
                v,
                "must be an integer",
            ));
        }
        let spec = &self.spec;
        let sp = FieldPath::new("spec");
        if spec.scale_target_ref.name.is_empty() {
            errs.push(FieldError::required(
                &sp.child("scaleTargetRef").child("name"),
                "",
            ));
        }
        for (field, v) in [
            ("pollingInterval", spec.polling_interval),
            ("cooldownPeriod", spec.cooldown_period),
            ("initialCooldownPeriod", spec.initial_cooldown_period),
            ("idleReplicaCount", spec.idle_replica_count),
            ("minReplicaCount", spec.min_replica_count),
            ("maxReplicaCount", spec.max_replica_count),
        ] {
            if let Some(v) = v
                && v < 0
            {
                errs.push(FieldError::invalid(
                    &sp.child(field),
                    v,
                    "must be greater than or equal to 0",
                ));
            }
        }
        errs.extend(check_replica_count_bounds_are_valid(spec, &sp));
        errs.extend(validate_triggers(spec, &sp));
        errs.extend(check_fallback_valid(spec, &sp));
        errs
    }
}

/// `CheckReplicaCountBoundsAreValid`: min is `GetHPAMinReplicas` (values ≤ 0 count as 1) when
/// set, 0 otherwise; max defaults to 100.
fn check_replica_count_bounds_are_valid(spec: &ScaledObjectSpec, sp: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let min = match spec.min_replica_count {
        Some(m) if m > 0 => m,
        Some(_) => 1,
        None => 0,
    };
    let max = spec.max_replica_count.unwrap_or(DEFAULT_MAX_REPLICA_COUNT);
    if min > max {
        errs.push(FieldError::invalid(
            &sp.child("minReplicaCount"),
            min,
            format!("MinReplicaCount={min} must be less than MaxReplicaCount={max}"),
        ));
    }
    if let Some(idle) = spec.idle_replica_count
        && idle >= min
    {
        errs.push(FieldError::invalid(
            &sp.child("idleReplicaCount"),
            idle,
            format!("IdleReplicaCount={idle} must be less than MinReplicaCount={min}"),
        ));
    }
    errs
}

/// `ValidateTriggers`, plus cpu/memory `metricType` limited to `Utilization`/`AverageValue`
/// and `authenticationRef.name` required.
fn validate_triggers(spec: &ScaledObjectSpec, sp: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let tp = sp.child("triggers");
    if spec.triggers.is_empty() {
        errs.push(FieldError::required(
            &tp,
            "no triggers defined in the ScaledObject/ScaledJob",
        ));
    }
    let mut names: Vec<&str> = Vec::new();
    for (i, t) in spec.triggers.iter().enumerate() {
        let p = tp.index(i);
        if t.type_.is_empty() {
            errs.push(FieldError::required(&p.child("type"), ""));
        }
        if let Some(n) = t.name.as_deref().filter(|n| !n.is_empty()) {
            if names.contains(&n) {
                errs.push(FieldError::duplicate(&p.child("name"), n));
            } else {
                names.push(n);
            }
        }
        if t.use_cached_metrics == Some(true)
            && matches!(t.type_.as_str(), "cpu" | "memory" | "cron")
        {
            errs.push(FieldError::invalid(
                &p.child("useCachedMetrics"),
                true,
                format!(
                    "property \"useCachedMetrics\" is not supported for {:?} scaler",
                    t.type_
                ),
            ));
        }
        if let Some(mt) = &t.metric_type {
            let allowed: &[&str] = if matches!(t.type_.as_str(), "cpu" | "memory") {
                &["Utilization", "AverageValue"]
            } else {
                MetricType::KNOWN
            };
            if !allowed.contains(&mt.as_str()) {
                errs.push(FieldError::not_supported(
                    &p.child("metricType"),
                    mt.as_str(),
                    allowed,
                ));
            }
        }
        if t.authentication_ref
            .as_ref()
            .is_some_and(|a| a.name.is_empty())
        {
            errs.push(FieldError::required(
                &p.child("authenticationRef").child("name"),
                "",
            ));
        }
    }
    errs
}

/// `CheckFallbackValid`.
fn check_fallback_valid(spec: &ScaledObjectSpec, sp: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let tp = sp.child("triggers");
    if let Some(fb) = &spec.fallback {
        let fp = sp.child("fallback");
        if fb.failure_threshold < 0 || fb.replicas < 0 {
            errs.push(FieldError::invalid(
                &fp,
                serde_json::json!({"failureThreshold": fb.failure_threshold, "replicas": fb.replicas}),
                format!(
                    "FailureThreshold={} & Replicas={} must both be greater than or equal to 0",
                    fb.failure_threshold, fb.replicas
                ),
            ));
        }
        for (i, t) in spec.triggers.iter().enumerate() {
            if matches!(t.type_.as_str(), "cpu" | "memory") {
                errs.push(FieldError::invalid(
                    &tp.index(i).child("type"),
                    t.type_.as_str(),
                    format!(
                        "type is {}, but fallback it is not supported by the CPU & memory scalers",
                        t.type_
                    ),
                ));
            } else if let Some(mt) = &t.metric_type
                && *mt != MetricType::AverageValue
            {
                // An absent metricType means AverageValue for external scalers.
                errs.push(FieldError::invalid(
                    &tp.index(i).child("metricType"),
                    mt.as_str(),
                    format!(
                        "MetricType={mt}, but Fallback can only be enabled for triggers with metric of type AverageValue"
                    ),
                ));
            }
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn so(v: serde_json::Value) -> ScaledObject {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn pause_precedence() {
        let mut o = so(serde_json::json!({
            "metadata": {"name": "a", "annotations": {PAUSED_ANNOTATION: "true"}},
            "spec": {"scaleTargetRef": {"name": "d"}, "triggers": [{"type": "cpu", "metadata": {"value": "50"}}]}
        }));
        assert_eq!(o.pause_state(), PauseState::Paused);
        fn set(o: &mut ScaledObject, k: &str, v: &str) {
            o.metadata
                .annotations
                .as_mut()
                .unwrap()
                .insert(k.into(), v.into());
        }
        set(&mut o, PAUSED_ANNOTATION, "false");
        assert_eq!(o.pause_state(), PauseState::NotPaused);
        set(&mut o, PAUSED_ANNOTATION, "yes");
        assert_eq!(o.pause_state(), PauseState::Paused);
        set(&mut o, PAUSED_REPLICAS_ANNOTATION, "3");
        assert_eq!(o.pause_state(), PauseState::PausedAt(3));
        set(&mut o, PAUSED_REPLICAS_ANNOTATION, "<number>");
        assert_eq!(o.pause_state(), PauseState::InvalidPausedReplicas);
        assert_eq!(
            o.validate().to_string(),
            r#"metadata.annotations[autoscaling.keda.sh/paused-replicas]: Invalid value: "<number>": must be an integer"#
        );
    }

    #[test]
    fn bounds_triggers_and_fallback() {
        let o = so(serde_json::json!({
            "metadata": {"name": "a"},
            "spec": {"scaleTargetRef": {"name": ""},
                     "minReplicaCount": 5, "maxReplicaCount": 2, "idleReplicaCount": 5,
                     "fallback": {"failureThreshold": 3, "replicas": 1},
                     "triggers": [
                        {"type": "cpu", "name": "t", "metricType": "Value", "metadata": {"value": "50"}},
                        {"type": "prometheus", "name": "t", "metricType": "Value", "metadata": {}}]}
        }));
        let msgs: Vec<String> = o.validate().iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            vec![
                "spec.scaleTargetRef.name: Required value",
                "spec.minReplicaCount: Invalid value: 5: MinReplicaCount=5 must be less than MaxReplicaCount=2",
                "spec.idleReplicaCount: Invalid value: 5: IdleReplicaCount=5 must be less than MinReplicaCount=5",
                r#"spec.triggers[0].metricType: Unsupported value: "Value": supported values: "Utilization", "AverageValue""#,
                r#"spec.triggers[1].name: Duplicate value: "t""#,
                r#"spec.triggers[0].type: Invalid value: "cpu": type is cpu, but fallback it is not supported by the CPU & memory scalers"#,
                r#"spec.triggers[1].metricType: Invalid value: "Value": MetricType=Value, but Fallback can only be enabled for triggers with metric of type AverageValue"#,
            ]
        );
    }

    #[test]
    fn no_triggers() {
        let o = so(serde_json::json!({
            "metadata": {"name": "a"},
            "spec": {"scaleTargetRef": {"name": "d"}, "triggers": []}
        }));
        assert_eq!(
            o.validate().to_string(),
            "spec.triggers: Required value: no triggers defined in the ScaledObject/ScaledJob"
        );
    }
}
