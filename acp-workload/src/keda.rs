//! KEDA ScaledObject → the HPA KEDA generates, pause annotations, idle replicas and scale to
//! zero.
//!
//! ```
//! use acp_workload::keda;
//! use acp_model::thirdparty::keda::ScaledObject;
//!
//! // a cpu trigger at 50 % utilization.
// seed 003:8297
//! let so: ScaledObject = serde_json::from_value(serde_json::json!({
//!     "metadata": {"name": "cpu-scaledobject", "namespace": "demo"},
//!     "spec": {"scaleTargetRef": {"name": "web"},
//!              "triggers": [{"type": "cpu", "metricType": "Utilization", "metadata": {"value": "50"}}]}
//! })).unwrap();
//! let hpa = keda::generated_hpa(&so).unwrap();
//! assert_eq!(hpa.metadata.name.as_deref(), Some("keda-hpa-cpu-scaledobject"));
//! let v = serde_json::to_value(&hpa).unwrap();
//! assert_eq!(v["spec"]["minReplicas"], 1);   // KEDA's HPA minimum (minReplicaCount 0 → 1)
//! assert_eq!(v["spec"]["maxReplicas"], 100); // defaultHPAMaxReplicas
//! assert_eq!(v["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"], 50);
//! ```
//!
//! Sources: kedacore/keda `controllers/keda/hpa.go` (`newHPAForScaledObject`, `getHPAName`,
//! `getHPAMinReplicas` — `minReplicaCount` when > 0 else 1, `getHPAMaxReplicas` — 100,
//! `getScaledObjectMetricSpecs` — external metrics get the `scaledobject.keda.sh/name`
//! selector, specs sorted by type), `pkg/scalers/cpu_memory_scaler.go` (Resource metrics with
//! `Utilization` or `AverageValue`), `pkg/scalers/scaler.go` `GenerateMetricNameWithIndex`
//! (`s<index>-<name>`) and `GetMetricTargetMili` (external targets in milli-units, `AverageValue`
//! unless `metricType: Value`), `pkg/scaling/executor/scale_scaledobjects.go` (activation, idle
//! replicas, scale to zero after `cooldownPeriod`). External metric names are those of the
//! scalers we could confirm (prometheus: `s<i>-prometheus`; others: `s<i>-<type>`, which is
//! what most scalers use but not all — a scaler's own `metricName` logic is not modelled).
//!
//! Defaults: upstream `pollingInterval` 30, `cooldownPeriod` 300, `minReplicaCount` 0,
//! `maxReplicaCount` 100; the ACP documentation's example sets 300 / 5 / 1 / 30, and notes
// seed 003:8709-8719
//! "HPA 可能强制最小为 1" — KEDA's HPA never has `minReplicas: 0`; zero is reached by KEDA
//! itself scaling the workload, not by the HPA.

use std::collections::BTreeMap;

use acp_model::quantity::{Format, Quantity};
use acp_model::thirdparty::keda::{
    DEFAULT_COOLDOWN_PERIOD, DEFAULT_MAX_REPLICA_COUNT, PauseState, ScaleTrigger, ScaledObject,
};
use jiff::{SignedDuration, Timestamp};
use k8s_openapi::api::autoscaling::v2::{
    CrossVersionObjectReference, ExternalMetricSource, HorizontalPodAutoscaler,
    HorizontalPodAutoscalerSpec, MetricIdentifier, MetricSpec, MetricTarget, ResourceMetricSource,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};

/// Label KEDA puts on external metric selectors (`scaledobject.keda.sh/name`).
pub const SCALED_OBJECT_NAME_LABEL: &str = "scaledobject.keda.sh/name";

/// Why no HPA can be generated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum KedaError {
    /// A cpu/memory trigger's `value` is missing or not a number for its `metricType`.
    #[error("spec.triggers[{index}].metadata.value: Invalid value: {value:?}: {reason}")]
    BadValue {
        /// Trigger index.
        index: usize,
        /// The value given.
        value: String,
        /// What is expected.
        reason: String,
    },
    /// Two triggers produce the same external metric name.
    #[error("metricName {0} defined multiple times in ScaledObject")]
    DuplicateMetric(String),
    /// The `paused-replicas` annotation is not an integer.
    #[error(
        "metadata.annotations[autoscaling.keda.sh/paused-replicas]: Invalid value: must be an integer"
    )]
    BadPausedReplicas,
    /// An impossible input: replica bounds KEDA's admission webhook or the CRD schema refuse
    /// (a negative `minReplicaCount`/`maxReplicaCount`, a minimum above the maximum —
    /// `CheckReplicaCountBoundsAreValid`), or a negative current replica count.
    #[error("{0}")]
    Invalid(acp_model::validation::FieldError),
}

fn trim63(s: &str) -> String {
    s.chars().take(63).collect()
}

/// `getHPAName`: `advanced.horizontalPodAutoscalerConfig.name`, else `keda-hpa-<name>` (63 chars
/// at most).
pub fn hpa_name(so: &ScaledObject) -> String {
    let custom = so
        .spec
        .advanced
        .as_ref()
        .and_then(|a| a.horizontal_pod_autoscaler_config.as_ref())
        .and_then(|c| c.name.as_deref())
        .filter(|n| !n.is_empty());
    match custom {
        Some(n) => n.to_owned(),
        None => trim63(&format!(
            "keda-hpa-{}",
            so.metadata.name.as_deref().unwrap_or("")
        )),
    }
}

/// `(minReplicas, maxReplicas)` of the generated HPA: `minReplicaCount` when > 0 else 1,
/// `maxReplicaCount` else 100; a `paused-replicas` count `n` sets both to `n` (0 → 1).
///
/// Bounds that could not have been admitted are an error instead of an HPA: a negative count
/// (`spec.maxReplicaCount: Invalid value: -1: must be greater than or equal to 0`) or
/// `MinReplicaCount=5 must be less than MaxReplicaCount=3`.
pub fn hpa_bounds(so: &ScaledObject) -> Result<(i32, i32), KedaError> {
    use acp_model::validation::{FieldError, FieldPath};
    let sp = FieldPath::new("spec");
    for (field, v) in [
        ("minReplicaCount", so.spec.min_replica_count),
        ("maxReplicaCount", so.spec.max_replica_count),
    ] {
        if let Some(v) = v
            && v < 0
        {
            return Err(KedaError::Invalid(FieldError::invalid(
                &sp.child(field),
                v,
                "must be greater than or equal to 0",
            )));
        }
    }
    let min = so.spec.min_replica_count.filter(|m| *m > 0).unwrap_or(1);
    let max = so
        .spec
        .max_replica_count
        .unwrap_or(DEFAULT_MAX_REPLICA_COUNT);
    // CheckReplicaCountBoundsAreValid compares with min 0 when minReplicaCount is unset.
    let checked_min = if so.spec.min_replica_count.is_some() {
        min
    } else {
        0
    };
    if checked_min > max {
        return Err(KedaError::Invalid(FieldError::invalid(
            &sp.child("minReplicaCount"),
            checked_min,
            format!("MinReplicaCount={checked_min} must be less than MaxReplicaCount={max}"),
        )));
    }
    // KEDA admits `maxReplicaCount: 0` without a minimum, but the HPA it then creates is refused
    // by the API server (`maxReplicas` must be greater than 0).
    if max < 1 && !matches!(so.pause_state(), PauseState::PausedAt(_)) {
        return Err(KedaError::Invalid(FieldError::invalid(
            &sp.child("maxReplicaCount"),
            max,
            "must be greater than 0",
        )));
    }
    match so.pause_state() {
        PauseState::PausedAt(n) => {
            let n = if n == 0 { 1 } else { n };
            Ok((n, n))
        }
        PauseState::InvalidPausedReplicas => Err(KedaError::BadPausedReplicas),
        _ => Ok((min, max)),
    }
}

fn metric_spec(index: usize, t: &ScaleTrigger, so_name: &str) -> Result<MetricSpec, KedaError> {
    let value = t.metadata_value("value").unwrap_or("");
    let metric_type = t
        .metric_type
        .as_ref()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_else(|| "AverageValue".into());
    if t.type_ == "cpu" || t.type_ == "memory" {
        let mut target = MetricTarget {
            type_: metric_type.clone(),
            ..Default::default()
        };
        if metric_type == "Utilization" {
            let v: i32 = value.trim().parse().map_err(|_| KedaError::BadValue {
                index,
                value: value.into(),
                reason: "Utilization needs an integer percentage".into(),
            })?;
            target.average_utilization = Some(v);
        } else {
            let q: Quantity = value.parse().map_err(|_| KedaError::BadValue {
                index,
                value: value.into(),
                reason: "AverageValue needs a quantity".into(),
            })?;
            target.average_value = Some((&q).into());
        }
        return Ok(MetricSpec {
            type_: "Resource".into(),
            resource: Some(ResourceMetricSource {
                name: t.type_.clone(),
                target,
            }),
            ..Default::default()
        });
    }
    // External scalers: GetMetricTargetMili(metricType, threshold) on the trigger's threshold.
    let threshold = t
        .metadata_value("threshold")
        .or_else(|| t.metadata_value("value"))
        .unwrap_or("0");
    let q: Quantity = threshold.trim().parse().map_err(|_| KedaError::BadValue {
        index,
        value: threshold.into(),
        reason: "the threshold must be a number".into(),
    })?;
    let milli = Quantity::from_millis(q.milli_value(), Format::DecimalSI);
    let mut target = MetricTarget {
        type_: if metric_type == "Value" {
            "Value".into()
        } else {
            "AverageValue".into()
        },
        ..Default::default()
    };
    if target.type_ == "Value" {
        target.value = Some((&milli).into());
    } else {
        target.average_value = Some((&milli).into());
    }
    Ok(MetricSpec {
        type_: "External".into(),
        external: Some(ExternalMetricSource {
            metric: MetricIdentifier {
                name: format!("s{index}-{}", t.type_),
                selector: Some(LabelSelector {
                    match_labels: Some(BTreeMap::from([(
                        SCALED_OBJECT_NAME_LABEL.to_owned(),
                        trim63(so_name),
                    )])),
                    ..Default::default()
                }),
            },
            target,
        }),
        ..Default::default()
    })
}

/// The `autoscaling/v2` HPA KEDA creates for a ScaledObject (`newHPAForScaledObject`).
pub fn generated_hpa(so: &ScaledObject) -> Result<HorizontalPodAutoscaler, KedaError> {
    let name = hpa_name(so);
    let so_name = so.metadata.name.clone().unwrap_or_default();
    let (min, max) = hpa_bounds(so)?;
    let mut metrics = Vec::new();
    let mut external_names: Vec<String> = Vec::new();
    for (i, t) in so.spec.triggers.iter().enumerate() {
        let m = metric_spec(i, t, &so_name)?;
        if let Some(e) = &m.external {
            if external_names.contains(&e.metric.name) {
                return Err(KedaError::DuplicateMetric(e.metric.name.clone()));
            }
            external_names.push(e.metric.name.clone());
        }
        metrics.push(m);
    }
    metrics.sort_by(|a, b| a.type_.cmp(&b.type_));
    let mut labels = BTreeMap::from([
        ("app.kubernetes.io/name".to_owned(), name.clone()),
        ("app.kubernetes.io/part-of".to_owned(), trim63(&so_name)),
        (
            "app.kubernetes.io/managed-by".to_owned(),
            "keda-operator".to_owned(),
        ),
    ]);
    labels.extend(so.metadata.labels.clone().unwrap_or_default());
    let target = &so.spec.scale_target_ref;
    let spec = HorizontalPodAutoscalerSpec {
        min_replicas: Some(min),
        max_replicas: max,
        metrics: Some(metrics),
        behavior: so
            .spec
            .advanced
            .as_ref()
            .and_then(|a| a.horizontal_pod_autoscaler_config.as_ref())
            .and_then(|c| c.behavior.clone()),
        scale_target_ref: CrossVersionObjectReference {
            name: target.name.clone(),
            kind: target.kind.clone().unwrap_or_else(|| "Deployment".into()),
            api_version: Some(
                target
                    .api_version
                    .clone()
                    .unwrap_or_else(|| "apps/v1".into()),
            ),
        },
    };
    let metadata = ObjectMeta {
        name: Some(name),
        namespace: so.metadata.namespace.clone(),
        labels: Some(labels),
        annotations: so.metadata.annotations.clone(),
        ..Default::default()
    };
    Ok(make(metadata, spec))
}

#[allow(clippy::needless_return)]
fn make(metadata: ObjectMeta, spec: HorizontalPodAutoscalerSpec) -> HorizontalPodAutoscaler {
    k8s_openapi::k8s_if_le_1_35! {
        return HorizontalPodAutoscaler { metadata, spec: Some(spec), status: None };
    }
    k8s_openapi::k8s_if_ge_1_36! {
        return HorizontalPodAutoscaler { metadata, spec, status: None };
    }
}

/// What KEDA's scale loop does to the workload in one poll.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KedaAction {
    /// Leave the replica count to the HPA (or unchanged).
    None,
    /// Set the workload to this many replicas.
    ScaleTo(i32),
    // seed 003:8793
    /// Autoscaling is paused: nothing changes (`paused: "true"`).
    Paused,
}

/// The inputs of one KEDA poll.
#[derive(Clone, Copy, Debug)]
pub struct KedaState {
    /// The workload's current replicas.
    pub current_replicas: i32,
    /// Whether any trigger is active.
    pub active: bool,
    /// When a trigger was last active (`status.lastActiveTime`).
    pub last_active: Option<Timestamp>,
    /// The current time.
    pub now: Timestamp,
}

// seed 003:8806-8810
/// One poll of `scale_scaledobjects.go` `RequestScale`: pause annotations first
/// (`paused-replicas` wins over `paused`), then activation from zero or idle to
/// `max(minReplicaCount, 1)`, then scale to `idleReplicaCount` (or 0) once no trigger has been
/// active for `cooldownPeriod`, and up to `minReplicaCount` when below it.
pub fn scale_action(so: &ScaledObject, s: &KedaState) -> Result<KedaAction, KedaError> {
    if s.current_replicas < 0 {
        // The scale subresource's `status.replicas`, as `ValidateScale` bounds it.
        return Err(KedaError::Invalid(
            acp_model::validation::FieldError::invalid(
                &acp_model::validation::FieldPath::new("status").child("replicas"),
                s.current_replicas,
                "must be greater than or equal to 0",
            ),
        ));
    }
    match so.pause_state() {
        PauseState::PausedAt(n) => {
            return Ok(if s.current_replicas == n {
                KedaAction::Paused
            } else {
                KedaAction::ScaleTo(n)
            });
        }
        PauseState::Paused => return Ok(KedaAction::Paused),
        PauseState::InvalidPausedReplicas => return Err(KedaError::BadPausedReplicas),
        PauseState::NotPaused => {}
    }
    let min = so.spec.min_replica_count.unwrap_or(0);
    let idle = so.spec.idle_replica_count;
    let cooldown = i64::from(so.spec.cooldown_period.unwrap_or(DEFAULT_COOLDOWN_PERIOD));
    if s.active {
        let at_rest = s.current_replicas == 0 || idle == Some(s.current_replicas);
        if at_rest {
            return Ok(KedaAction::ScaleTo(min.max(1)));
        }
        return Ok(KedaAction::None);
    }
    let may_rest = min == 0 || idle.is_some();
    let rest = idle.unwrap_or(0);
    if may_rest && s.current_replicas > rest {
        let cooled = s.last_active.is_none_or(|t| {
            t.checked_add(SignedDuration::from_secs(cooldown))
                .is_ok_and(|end| end < s.now)
        });
        return Ok(if cooled {
            KedaAction::ScaleTo(rest)
        } else {
            KedaAction::None
        });
    }
    if idle.is_none() && s.current_replicas < min {
        return Ok(KedaAction::ScaleTo(min));
    }
    Ok(KedaAction::None)
}
