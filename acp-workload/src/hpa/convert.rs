//! `autoscaling/v1` ↔ `autoscaling/v2` HorizontalPodAutoscaler conversion as the apiserver does
//! it, and reading an `autoscaling/v2` manifest with v1 fields.
//!
//! Source: kubernetes `pkg/apis/autoscaling/v1/conversion.go`
//! (`Convert_v1_HorizontalPodAutoscaler_To_autoscaling_HorizontalPodAutoscaler` and back, the
//! per-source `Convert_*MetricSource*` / `*MetricStatus*` functions) and
//! `pkg/apis/autoscaling/annotations.go`. `autoscaling/v1` has a single field,
//! `targetCPUUtilizationPercentage`, which becomes a `Resource` `cpu` `Utilization` metric; every
//! other v2 field travels in annotations:
//!
//! * [`METRIC_SPECS_ANNOTATION`] — the metrics other than CPU utilization, in the v1 metric
//!   format (`targetAverageUtilization`, `targetAverageValue`, `metricName`, …);
//! * [`METRIC_STATUSES_ANNOTATION`] — `status.currentMetrics`;
//! * [`CONDITIONS_ANNOTATION`] — `status.conditions`;
//! * [`BEHAVIOR_SPECS_ANNOTATION`] — `spec.behavior`, marshalled from the *internal* Go type, so
//!   its keys are Go field names (`ScaleUp`, `StabilizationWindowSeconds`, …; Go's JSON decoder
//!   matches keys case-insensitively, and so does [`v1_to_v2`]).
//!
//! An HPA without metrics gets the implicit v1 default of 80 % CPU
//! ([`DEFAULT_CPU_UTILIZATION`]). Annotation JSON is written with Go's field order; quantities in
//! it print in canonical form (Go's `Quantity.String`).

use std::collections::BTreeMap;

use acp_model::object::{KnownObject, ObjectError};
use acp_model::quantity::Quantity as Exact;
use acp_model::resource_names::CPU;
use k8s_openapi::api::autoscaling::v1;
use k8s_openapi::api::autoscaling::v2;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, Time};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `autoscaling.MetricSpecsAnnotation`.
pub const METRIC_SPECS_ANNOTATION: &str = "autoscaling.alpha.kubernetes.io/metrics";
/// `autoscaling.MetricStatusesAnnotation`.
pub const METRIC_STATUSES_ANNOTATION: &str = "autoscaling.alpha.kubernetes.io/current-metrics";
/// `autoscaling.HorizontalPodAutoscalerConditionsAnnotation`.
pub const CONDITIONS_ANNOTATION: &str = "autoscaling.alpha.kubernetes.io/conditions";
/// `autoscaling.BehaviorSpecsAnnotation`.
pub const BEHAVIOR_SPECS_ANNOTATION: &str = "autoscaling.alpha.kubernetes.io/behavior";
/// `autoscaling.DefaultCPUUtilization`: the CPU target of an HPA without metrics.
pub const DEFAULT_CPU_UTILIZATION: i32 = 80;

/// A round-trip annotation that does not decode.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("metadata.annotations[{annotation}]: Invalid value: {message}")]
#[non_exhaustive]
pub struct ConversionError {
    /// The annotation key.
    pub annotation: String,
    /// The decoder's message.
    pub message: String,
}

/// Why a document is not a usable `autoscaling/v2` HorizontalPodAutoscaler.
#[derive(Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum HpaManifestError {
    /// The manifest uses the v1 field `spec.targetCPUUtilizationPercentage`.
    #[error(
        "{path}: {hint}; here: metrics: [{{type: Resource, resource: {{name: cpu, target: {{type: Utilization, averageUtilization: {percent}}}}}}}]"
    )]
    V1Field {
        /// The field (`spec.targetCPUUtilizationPercentage`).
        path: String,
        /// acp-model's hint for the field.
        hint: String,
        /// The percentage the manifest gives.
        percent: i64,
        /// The metric to write instead.
        replacement: Box<v2::MetricSpec>,
    },
    /// Any other problem, as acp-model reports it.
    #[error(transparent)]
    Object(#[from] ObjectError),
    /// The document is another kind.
    #[error("{0} is not an autoscaling/v2 HorizontalPodAutoscaler")]
    OtherKind(String),
}

// seed 003:9025 and seed 003:9152
/// Reads an `autoscaling/v2` HorizontalPodAutoscaler through [`KnownObject`], so every field
/// that would be dropped is an error. The v1 field `targetCPUUtilizationPercentage` (as in the
/// the ACP documentation's examples) is reported with acp-model's hint
/// and the exact metric to write instead.
pub fn parse_v2(doc: &Value) -> Result<v2::HorizontalPodAutoscaler, HpaManifestError> {
    match KnownObject::from_value(doc.clone()) {
        Ok(KnownObject::HorizontalPodAutoscaler(h)) => Ok(*h),
        Ok(other) => Err(HpaManifestError::OtherKind(other.kind().into())),
        Err(ObjectError::LostFields {
            api_version,
            kind,
            lost,
        }) => {
            let v1_field = lost
                .iter()
                .find(|(p, _)| p == "spec.targetCPUUtilizationPercentage");
            match v1_field {
                Some((path, hint)) => {
                    let percent = doc
                        .pointer("/spec/targetCPUUtilizationPercentage")
                        .and_then(Value::as_i64)
                        .unwrap_or(i64::from(DEFAULT_CPU_UTILIZATION));
                    let p32 = i32::try_from(percent).unwrap_or(DEFAULT_CPU_UTILIZATION);
                    Err(HpaManifestError::V1Field {
                        path: path.clone(),
                        hint: hint.unwrap_or("that is autoscaling/v1").into(),
                        percent,
                        replacement: Box::new(super::cpu_utilization_metric(p32)),
                    })
                }
                None => Err(HpaManifestError::Object(ObjectError::LostFields {
                    api_version,
                    kind,
                    lost,
                })),
            }
        }
        Err(e) => Err(e.into()),
    }
}

fn canonical(q: &Quantity) -> Quantity {
    match Exact::try_from(q) {
        Ok(x) => Quantity(x.to_string()),
        Err(_) => q.clone(),
    }
}

fn zero() -> Quantity {
    Quantity("0".into())
}

// --- The autoscaling/v1 metric format carried in annotations (k8s.io/api/autoscaling/v1). ---

#[derive(Serialize, Deserialize, Default, Clone, Debug)]
struct XRef {
    kind: String,
    name: String,
    #[serde(
        rename = "apiVersion",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    api_version: String,
}

/// v1's `CrossVersionObjectReference` has `apiVersion` as a plain string (empty: unset).
impl From<XRef> for v2::CrossVersionObjectReference {
    fn from(r: XRef) -> Self {
        v2::CrossVersionObjectReference {
            kind: r.kind,
            name: r.name,
            api_version: Some(r.api_version).filter(|s| !s.is_empty()),
        }
    }
}

impl From<&v2::CrossVersionObjectReference> for XRef {
    fn from(r: &v2::CrossVersionObjectReference) -> Self {
        XRef {
            kind: r.kind.clone(),
            name: r.name.clone(),
            api_version: r.api_version.clone().unwrap_or_default(),
        }
    }
}

#[derive(Serialize, Deserialize, Default, Clone, Debug)]
#[serde(rename_all = "camelCase")]
struct V1ObjectSource {
    target: XRef,
    metric_name: String,
    #[serde(default = "zero")]
    target_value: Quantity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    selector: Option<LabelSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    average_value: Option<Quantity>,
}

#[derive(Serialize, Deserialize, Default, Clone, Debug)]
#[serde(rename_all = "camelCase")]
struct V1PodsSource {
    metric_name: String,
    #[serde(default = "zero")]
    target_average_value: Quantity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    selector: Option<LabelSelector>,
}

#[derive(Serialize, Deserialize, Default, Clone, Debug)]
#[serde(rename_all = "camelCase")]
struct V1ResourceSource {
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target_average_utilization: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target_average_value: Option<Quantity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    container: Option<String>,
}

#[derive(Serialize, Deserialize, Default, Clone, Debug)]
#[serde(rename_all = "camelCase")]
struct V1ExternalSource {
    metric_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    metric_selector: Option<LabelSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target_value: Option<Quantity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target_average_value: Option<Quantity>,
}

#[derive(Serialize, Deserialize, Default, Clone, Debug)]
#[serde(rename_all = "camelCase")]
struct V1MetricSpec {
    #[serde(rename = "type")]
    type_: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    object: Option<V1ObjectSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pods: Option<V1PodsSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    resource: Option<V1ResourceSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    container_resource: Option<V1ResourceSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    external: Option<V1ExternalSource>,
}

#[derive(Serialize, Deserialize, Default, Clone, Debug)]
#[serde(rename_all = "camelCase")]
struct V1ObjectStatus {
    target: XRef,
    metric_name: String,
    #[serde(default = "zero")]
    current_value: Quantity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    selector: Option<LabelSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    average_value: Option<Quantity>,
}

#[derive(Serialize, Deserialize, Default, Clone, Debug)]
#[serde(rename_all = "camelCase")]
struct V1PodsStatus {
    metric_name: String,
    #[serde(default = "zero")]
    current_average_value: Quantity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    selector: Option<LabelSelector>,
}

#[derive(Serialize, Deserialize, Default, Clone, Debug)]
#[serde(rename_all = "camelCase")]
struct V1ResourceStatus {
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    current_average_utilization: Option<i32>,
    #[serde(default = "zero")]
    current_average_value: Quantity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    container: Option<String>,
}

#[derive(Serialize, Deserialize, Default, Clone, Debug)]
#[serde(rename_all = "camelCase")]
struct V1ExternalStatus {
    metric_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    metric_selector: Option<LabelSelector>,
    #[serde(default = "zero")]
    current_value: Quantity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    current_average_value: Option<Quantity>,
}

#[derive(Serialize, Deserialize, Default, Clone, Debug)]
#[serde(rename_all = "camelCase")]
struct V1MetricStatus {
    #[serde(rename = "type")]
    type_: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    object: Option<V1ObjectStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pods: Option<V1PodsStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    resource: Option<V1ResourceStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    container_resource: Option<V1ResourceStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    external: Option<V1ExternalStatus>,
}

#[derive(Serialize, Deserialize, Default, Clone, Debug)]
#[serde(rename_all = "camelCase")]
struct V1Condition {
    #[serde(rename = "type")]
    type_: String,
    status: String,
    #[serde(default)]
    last_transition_time: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

fn target(type_: &str) -> v2::MetricTarget {
    v2::MetricTarget {
        type_: type_.into(),
        ..Default::default()
    }
}

fn ident(name: &str, selector: Option<LabelSelector>) -> v2::MetricIdentifier {
    v2::MetricIdentifier {
        name: name.into(),
        selector,
    }
}

fn spec_v1_to_v2(m: V1MetricSpec) -> v2::MetricSpec {
    let mut out = v2::MetricSpec {
        type_: m.type_,
        ..Default::default()
    };
    if let Some(o) = m.object {
        let mut t = target(if o.average_value.is_none() {
            "Value"
        } else {
            "AverageValue"
        });
        t.value = Some(o.target_value);
        t.average_value = o.average_value;
        out.object = Some(v2::ObjectMetricSource {
            described_object: o.target.into(),
            metric: ident(&o.metric_name, o.selector),
            target: t,
        });
    }
    if let Some(p) = m.pods {
        let mut t = target("AverageValue");
        t.average_value = Some(p.target_average_value);
        out.pods = Some(v2::PodsMetricSource {
            metric: ident(&p.metric_name, p.selector),
            target: t,
        });
    }
    let res_target = |r: &V1ResourceSource| {
        let mut t = target(if r.target_average_utilization.is_none() {
            "AverageValue"
        } else {
            "Utilization"
        });
        t.average_utilization = r.target_average_utilization;
        t.average_value.clone_from(&r.target_average_value);
        t
    };
    if let Some(r) = m.resource {
        out.resource = Some(v2::ResourceMetricSource {
            target: res_target(&r),
            name: r.name,
        });
    }
    if let Some(r) = m.container_resource {
        out.container_resource = Some(v2::ContainerResourceMetricSource {
            target: res_target(&r),
            name: r.name,
            container: r.container.unwrap_or_default(),
        });
    }
    if let Some(e) = m.external {
        let mut t = target(if e.target_value.is_none() {
            "AverageValue"
        } else {
            "Value"
        });
        t.value = e.target_value;
        t.average_value = e.target_average_value;
        out.external = Some(v2::ExternalMetricSource {
            metric: ident(&e.metric_name, e.metric_selector),
            target: t,
        });
    }
    out
}

fn spec_v2_to_v1(m: &v2::MetricSpec) -> V1MetricSpec {
    let c = |q: &Option<Quantity>| q.as_ref().map(canonical);
    V1MetricSpec {
        type_: m.type_.clone(),
        object: m.object.as_ref().map(|o| V1ObjectSource {
            target: XRef::from(&o.described_object),
            metric_name: o.metric.name.clone(),
            target_value: c(&o.target.value).unwrap_or_else(zero),
            selector: o.metric.selector.clone(),
            average_value: c(&o.target.average_value),
        }),
        pods: m.pods.as_ref().map(|p| V1PodsSource {
            metric_name: p.metric.name.clone(),
            target_average_value: c(&p.target.average_value).unwrap_or_else(zero),
            selector: p.metric.selector.clone(),
        }),
        resource: m.resource.as_ref().map(|r| V1ResourceSource {
            name: r.name.clone(),
            target_average_utilization: r.target.average_utilization,
            target_average_value: c(&r.target.average_value),
            container: None,
        }),
        container_resource: m.container_resource.as_ref().map(|r| V1ResourceSource {
            name: r.name.clone(),
            target_average_utilization: r.target.average_utilization,
            target_average_value: c(&r.target.average_value),
            container: Some(r.container.clone()),
        }),
        external: m.external.as_ref().map(|e| V1ExternalSource {
            metric_name: e.metric.name.clone(),
            metric_selector: e.metric.selector.clone(),
            target_value: c(&e.target.value),
            target_average_value: c(&e.target.average_value),
        }),
    }
}

fn status_v1_to_v2(m: V1MetricStatus) -> v2::MetricStatus {
    let mut out = v2::MetricStatus {
        type_: m.type_,
        ..Default::default()
    };
    if let Some(o) = m.object {
        out.object = Some(v2::ObjectMetricStatus {
            described_object: o.target.into(),
            metric: ident(&o.metric_name, o.selector),
            current: v2::MetricValueStatus {
                value: Some(o.current_value),
                average_value: o.average_value,
                average_utilization: None,
            },
        });
    }
    if let Some(p) = m.pods {
        out.pods = Some(v2::PodsMetricStatus {
            metric: ident(&p.metric_name, p.selector),
            current: v2::MetricValueStatus {
                average_value: Some(p.current_average_value),
                ..Default::default()
            },
        });
    }
    let cur = |r: &V1ResourceStatus| v2::MetricValueStatus {
        average_value: Some(r.current_average_value.clone()),
        average_utilization: r.current_average_utilization,
        value: None,
    };
    if let Some(r) = m.resource {
        out.resource = Some(v2::ResourceMetricStatus {
            current: cur(&r),
            name: r.name,
        });
    }
    if let Some(r) = m.container_resource {
        out.container_resource = Some(v2::ContainerResourceMetricStatus {
            current: cur(&r),
            name: r.name,
            container: r.container.unwrap_or_default(),
        });
    }
    if let Some(e) = m.external {
        out.external = Some(v2::ExternalMetricStatus {
            metric: ident(&e.metric_name, e.metric_selector),
            current: v2::MetricValueStatus {
                value: Some(e.current_value),
                average_value: e.current_average_value,
                average_utilization: None,
            },
        });
    }
    out
}

fn status_v2_to_v1(m: &v2::MetricStatus) -> V1MetricStatus {
    let c = |q: &Option<Quantity>| q.as_ref().map(canonical);
    V1MetricStatus {
        type_: m.type_.clone(),
        object: m.object.as_ref().map(|o| V1ObjectStatus {
            target: XRef::from(&o.described_object),
            metric_name: o.metric.name.clone(),
            current_value: c(&o.current.value).unwrap_or_else(zero),
            selector: o.metric.selector.clone(),
            average_value: c(&o.current.average_value),
        }),
        pods: m.pods.as_ref().map(|p| V1PodsStatus {
            metric_name: p.metric.name.clone(),
            current_average_value: c(&p.current.average_value).unwrap_or_else(zero),
            selector: p.metric.selector.clone(),
        }),
        resource: m.resource.as_ref().map(|r| V1ResourceStatus {
            name: r.name.clone(),
            current_average_utilization: r.current.average_utilization,
            current_average_value: c(&r.current.average_value).unwrap_or_else(zero),
            container: None,
        }),
        container_resource: m.container_resource.as_ref().map(|r| V1ResourceStatus {
            name: r.name.clone(),
            current_average_utilization: r.current.average_utilization,
            current_average_value: c(&r.current.average_value).unwrap_or_else(zero),
            container: Some(r.container.clone()),
        }),
        external: m.external.as_ref().map(|e| V1ExternalStatus {
            metric_name: e.metric.name.clone(),
            metric_selector: e.metric.selector.clone(),
            current_value: c(&e.current.value).unwrap_or_else(zero),
            current_average_value: c(&e.current.average_value),
        }),
    }
}

/// Looks a key up case-insensitively, as Go's `encoding/json` does.
fn get_ci<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
        .filter(|v| !v.is_null())
}

fn rules_from_internal(v: Option<&Value>) -> Option<v2::HPAScalingRules> {
    let v = v?;
    let policies = get_ci(v, "Policies").and_then(Value::as_array).map(|a| {
        a.iter()
            .map(|p| v2::HPAScalingPolicy {
                type_: get_ci(p, "Type")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .into(),
                value: get_ci(p, "Value")
                    .and_then(Value::as_i64)
                    .and_then(|x| i32::try_from(x).ok())
                    .unwrap_or(0),
                period_seconds: get_ci(p, "PeriodSeconds")
                    .and_then(Value::as_i64)
                    .and_then(|x| i32::try_from(x).ok())
                    .unwrap_or(0),
            })
            .collect()
    });
    Some(v2::HPAScalingRules {
        stabilization_window_seconds: get_ci(v, "StabilizationWindowSeconds")
            .and_then(Value::as_i64)
            .and_then(|x| i32::try_from(x).ok()),
        select_policy: get_ci(v, "SelectPolicy")
            .and_then(Value::as_str)
            .map(str::to_owned),
        policies,
        tolerance: get_ci(v, "Tolerance")
            .and_then(Value::as_str)
            .map(|s| Quantity(s.to_owned())),
    })
}

/// The internal `HPAScalingRules` as Go's `encoding/json` writes it (Go field names, struct
/// order, `null` for unset pointers).
fn rules_json(r: &Option<v2::HPAScalingRules>) -> String {
    let Some(r) = r else {
        return "null".into();
    };
    let or_null = |v: Option<String>| v.unwrap_or_else(|| "null".into());
    let policies = r.policies.as_ref().map(|ps| {
        let items: Vec<String> = ps
            .iter()
            .map(|p| {
                format!(
                    "{{\"Type\":{},\"Value\":{},\"PeriodSeconds\":{}}}",
                    Value::from(p.type_.as_str()),
                    p.value,
                    p.period_seconds
                )
            })
            .collect();
        format!("[{}]", items.join(","))
    });
    format!(
        "{{\"StabilizationWindowSeconds\":{},\"SelectPolicy\":{},\"Policies\":{},\"Tolerance\":{}}}",
        or_null(r.stabilization_window_seconds.map(|w| w.to_string())),
        or_null(
            r.select_policy
                .as_deref()
                .map(|s| Value::from(s).to_string())
        ),
        or_null(policies),
        or_null(
            r.tolerance
                .as_ref()
                .map(|q| Value::from(canonical(q).0).to_string())
        ),
    )
}

/// The internal `HorizontalPodAutoscalerBehavior` as Go's `encoding/json` writes it.
fn behavior_json(b: &v2::HorizontalPodAutoscalerBehavior) -> String {
    format!(
        "{{\"ScaleUp\":{},\"ScaleDown\":{}}}",
        rules_json(&b.scale_up),
        rules_json(&b.scale_down)
    )
}

fn decode<T: for<'de> Deserialize<'de>>(
    annotations: &BTreeMap<String, String>,
    key: &str,
) -> Result<Option<T>, ConversionError> {
    match annotations.get(key) {
        None => Ok(None),
        Some(s) => serde_json::from_str(s)
            .map(Some)
            .map_err(|e| ConversionError {
                annotation: key.into(),
                message: e.to_string(),
            }),
    }
}

#[allow(clippy::needless_return)]
fn v1_spec(h: &v1::HorizontalPodAutoscaler) -> Option<&v1::HorizontalPodAutoscalerSpec> {
    k8s_openapi::k8s_if_le_1_35! {
        return h.spec.as_ref();
    }
    k8s_openapi::k8s_if_ge_1_36! {
        return Some(&h.spec);
    }
}

/// `autoscaling/v1` → `autoscaling/v2` (`Convert_v1_HorizontalPodAutoscaler_To_autoscaling_…`).
pub fn v1_to_v2(
    h: &v1::HorizontalPodAutoscaler,
) -> Result<v2::HorizontalPodAutoscaler, ConversionError> {
    let mut meta = h.metadata.clone();
    let mut annotations = meta.annotations.take().unwrap_or_default();
    let default_spec = v1::HorizontalPodAutoscalerSpec::default();
    let s = v1_spec(h).unwrap_or(&default_spec);
    let mut metrics: Vec<v2::MetricSpec> = Vec::new();
    if let Some(p) = s.target_cpu_utilization_percentage {
        metrics.push(super::cpu_utilization_metric(p));
    }
    let status_in = h.status.clone().unwrap_or_default();
    let mut status = v2::HorizontalPodAutoscalerStatus {
        observed_generation: status_in.observed_generation,
        last_scale_time: status_in.last_scale_time.clone(),
        current_replicas: Some(status_in.current_replicas),
        desired_replicas: status_in.desired_replicas,
        current_metrics: status_in.current_cpu_utilization_percentage.map(|u| {
            vec![v2::MetricStatus {
                type_: "Resource".into(),
                resource: Some(v2::ResourceMetricStatus {
                    name: CPU.into(),
                    current: v2::MetricValueStatus {
                        average_utilization: Some(u),
                        ..Default::default()
                    },
                }),
                ..Default::default()
            }]
        }),
        conditions: None,
    };
    if let Some(other) = decode::<Vec<V1MetricSpec>>(&annotations, METRIC_SPECS_ANNOTATION)? {
        let mut out: Vec<v2::MetricSpec> = other.into_iter().map(spec_v1_to_v2).collect();
        out.extend(metrics.into_iter().take(1));
        metrics = out;
        annotations.remove(METRIC_SPECS_ANNOTATION);
    }
    if let Some(cur) = decode::<Vec<V1MetricStatus>>(&annotations, METRIC_STATUSES_ANNOTATION)? {
        status.current_metrics = Some(cur.into_iter().map(status_v1_to_v2).collect());
        annotations.remove(METRIC_STATUSES_ANNOTATION);
    }
    if metrics.is_empty() {
        metrics.push(super::cpu_utilization_metric(DEFAULT_CPU_UTILIZATION));
    }
    if let Some(conds) = decode::<Vec<V1Condition>>(&annotations, CONDITIONS_ANNOTATION)? {
        status.conditions = Some(
            conds
                .into_iter()
                .map(|c| {
                    // Kubernetes 1.37 adds `observedGeneration`, which v1's annotation lacks.
                    #[allow(
                        clippy::needless_update,
                        reason = "the update fills fields only some Kubernetes minors have"
                    )]
                    v2::HorizontalPodAutoscalerCondition {
                        type_: c.type_,
                        status: c.status,
                        last_transition_time: c.last_transition_time,
                        reason: c.reason,
                        message: c.message,
                        ..Default::default()
                    }
                })
                .collect(),
        );
        annotations.remove(CONDITIONS_ANNOTATION);
    }
    let mut behavior = None;
    if let Some(b) = decode::<Value>(&annotations, BEHAVIOR_SPECS_ANNOTATION)? {
        let up = rules_from_internal(get_ci(&b, "ScaleUp"));
        let down = rules_from_internal(get_ci(&b, "ScaleDown"));
        if up.is_some() || down.is_some() {
            behavior = Some(v2::HorizontalPodAutoscalerBehavior {
                scale_up: up,
                scale_down: down,
            });
        }
        annotations.remove(BEHAVIOR_SPECS_ANNOTATION);
    }
    meta.annotations = (!annotations.is_empty()).then_some(annotations);
    let spec = v2::HorizontalPodAutoscalerSpec {
        scale_target_ref: v2::CrossVersionObjectReference {
            kind: s.scale_target_ref.kind.clone(),
            name: s.scale_target_ref.name.clone(),
            api_version: s.scale_target_ref.api_version.clone(),
        },
        min_replicas: s.min_replicas,
        max_replicas: s.max_replicas,
        metrics: Some(metrics),
        behavior,
    };
    let status = h.status.is_some().then_some(status);
    Ok(make_v2(meta, spec, status))
}

#[allow(clippy::needless_return)]
fn make_v2(
    metadata: k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
    spec: v2::HorizontalPodAutoscalerSpec,
    status: Option<v2::HorizontalPodAutoscalerStatus>,
) -> v2::HorizontalPodAutoscaler {
    k8s_openapi::k8s_if_le_1_35! {
        return v2::HorizontalPodAutoscaler { metadata, spec: Some(spec), status };
    }
    k8s_openapi::k8s_if_ge_1_36! {
        return v2::HorizontalPodAutoscaler { metadata, spec, status };
    }
}

#[allow(clippy::needless_return)]
fn make_v1(
    metadata: k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
    spec: v1::HorizontalPodAutoscalerSpec,
    status: Option<v1::HorizontalPodAutoscalerStatus>,
) -> v1::HorizontalPodAutoscaler {
    k8s_openapi::k8s_if_le_1_35! {
        return v1::HorizontalPodAutoscaler { metadata, spec: Some(spec), status };
    }
    k8s_openapi::k8s_if_ge_1_36! {
        return v1::HorizontalPodAutoscaler { metadata, spec, status };
    }
}

/// `autoscaling/v2` → `autoscaling/v1` (`Convert_autoscaling_HorizontalPodAutoscaler_To_v1_…`):
/// the first `Resource` `cpu` metric's utilization becomes `targetCPUUtilizationPercentage`;
/// everything else goes into the round-trip annotations (stale ones are dropped first).
pub fn v2_to_v1(h: &v2::HorizontalPodAutoscaler) -> v1::HorizontalPodAutoscaler {
    let mut meta = h.metadata.clone();
    let mut annotations = meta.annotations.take().unwrap_or_default();
    for k in [
        METRIC_SPECS_ANNOTATION,
        BEHAVIOR_SPECS_ANNOTATION,
        METRIC_STATUSES_ANNOTATION,
        CONDITIONS_ANNOTATION,
    ] {
        annotations.remove(k);
    }
    let default_spec = v2::HorizontalPodAutoscalerSpec::default();
    let s = super::spec_of(h).unwrap_or(&default_spec);
    let metrics = s.metrics.clone().unwrap_or_default();
    let is_cpu = |m: &v2::MetricSpec| {
        m.type_ == "Resource" && m.resource.as_ref().is_some_and(|r| r.name == CPU)
    };
    let target_cpu = metrics
        .iter()
        .find(|m| is_cpu(m))
        .and_then(|m| m.resource.as_ref())
        .and_then(|r| r.target.average_utilization);
    let other: Vec<V1MetricSpec> = metrics
        .iter()
        .filter(|m| {
            !(is_cpu(m)
                && m.resource
                    .as_ref()
                    .is_some_and(|r| r.target.average_utilization.is_some()))
        })
        .map(spec_v2_to_v1)
        .collect();
    let status_in = h.status.clone().unwrap_or_default();
    let current_metrics = status_in.current_metrics.clone().unwrap_or_default();
    let conditions = status_in.conditions.clone().unwrap_or_default();
    if !other.is_empty()
        && let Ok(s) = serde_json::to_string(&other)
    {
        annotations.insert(METRIC_SPECS_ANNOTATION.into(), s);
    }
    if !current_metrics.is_empty() {
        let v: Vec<V1MetricStatus> = current_metrics.iter().map(status_v2_to_v1).collect();
        if let Ok(s) = serde_json::to_string(&v) {
            annotations.insert(METRIC_STATUSES_ANNOTATION.into(), s);
        }
    }
    if let Some(b) = &s.behavior {
        annotations.insert(BEHAVIOR_SPECS_ANNOTATION.into(), behavior_json(b));
    }
    if !conditions.is_empty() {
        let v: Vec<V1Condition> = conditions
            .iter()
            .map(|c| V1Condition {
                type_: c.type_.clone(),
                status: c.status.clone(),
                last_transition_time: c.last_transition_time.clone(),
                reason: c.reason.clone(),
                message: c.message.clone(),
            })
            .collect();
        if let Ok(s) = serde_json::to_string(&v) {
            annotations.insert(CONDITIONS_ANNOTATION.into(), s);
        }
    }
    let current_cpu = current_metrics
        .iter()
        .filter(|m| m.type_ == "Resource" && m.resource.as_ref().is_some_and(|r| r.name == CPU))
        .filter_map(|m| {
            m.resource
                .as_ref()
                .and_then(|r| r.current.average_utilization)
        })
        .next_back();
    meta.annotations = (!annotations.is_empty()).then_some(annotations);
    let spec = v1::HorizontalPodAutoscalerSpec {
        scale_target_ref: v1::CrossVersionObjectReference {
            kind: s.scale_target_ref.kind.clone(),
            name: s.scale_target_ref.name.clone(),
            api_version: s.scale_target_ref.api_version.clone(),
        },
        min_replicas: s.min_replicas,
        max_replicas: s.max_replicas,
        target_cpu_utilization_percentage: target_cpu,
    };
    let status = h
        .status
        .as_ref()
        .map(|_| v1::HorizontalPodAutoscalerStatus {
            observed_generation: status_in.observed_generation,
            last_scale_time: status_in.last_scale_time.clone(),
            current_replicas: status_in.current_replicas.unwrap_or(0),
            desired_replicas: status_in.desired_replicas,
            current_cpu_utilization_percentage: current_cpu,
        });
    make_v1(meta, spec, status)
}
