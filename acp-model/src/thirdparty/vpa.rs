//! `autoscaling.k8s.io/v1` **VerticalPodAutoscaler** (the Kubernetes autoscaler project's VPA),
//! as the ACP developer guide uses it.
// seed 003:9523-9780
//!
//! ```
//! use acp_model::thirdparty::vpa::{UpdateMode, VerticalPodAutoscaler};
//! use acp_model::validation::Validate;
//!
//! let vpa: VerticalPodAutoscaler = serde_saphyr::from_str(r#"
//! apiVersion: autoscaling.k8s.io/v1
//! kind: VerticalPodAutoscaler
//! metadata:
//!   name: my-deployment-vpa
//! spec:
//!   targetRef:
//!     apiVersion: apps/v1
//!     kind: Deployment
//!     name: my-deployment
//!   updatePolicy:
//!     updateMode: 'Off'
//! "#).unwrap();
//! let mode = vpa.spec.update_policy.as_ref().and_then(|p| p.update_mode.clone());
//! assert_eq!(mode, Some(UpdateMode::Off));
//! assert!(vpa.validate().is_empty());
//! ```
//!
//! Modelled partially: every field the ACP documentation uses plus the commonly used upstream fields; every
//! struct carries a `#[serde(flatten)] extra` map so fields this crate does not know survive a
//! round trip. Upstream type definitions: `kubernetes/autoscaler`
//! `vertical-pod-autoscaler/pkg/apis/autoscaling.k8s.io/v1/types.go`.
//!
//! Closed sets (`updateMode`, container `mode`, `controlledValues`) are enums with an
//! `Other(String)` fallback: the VPA project keeps adding update modes (`InPlaceOrRecreate`,
//! `InPlace`), so a newer cluster's value must still deserialise and round-trip;
//! [`Validate`] reports unknown values.

use std::collections::BTreeMap;

use k8s_openapi::api::autoscaling::v1::CrossVersionObjectReference;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::names::{NameRule, validate_object_meta};
use crate::validation::{ErrorList, FieldError, FieldPath, Validate};

// seed 003:9634-9638
/// Target workload kinds the ACP guide lists as supported by VPA: "DaemonSet、Deployment、
/// ReplicaSet、StatefulSet、ReplicationController、Job 和 CronJob".
/// The list says "包括" (include), and upstream VPA also
/// accepts any resource with a `scale` subresource, so [`Validate`] does not reject other kinds.
pub const SEED_SUPPORTED_TARGET_KINDS: &[&str] = &[
    "DaemonSet",
    "Deployment",
    "ReplicaSet",
    "StatefulSet",
    "ReplicationController",
    "Job",
    "CronJob",
];

// seed 003:9650, 9766
/// The container name that makes a container policy apply to every container of the pod:
/// `containerName: "*"`.
pub const ALL_CONTAINERS: &str = "*";

/// Spec of a `VerticalPodAutoscaler` (`autoscaling.k8s.io/v1`).
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[kube(
    group = "autoscaling.k8s.io",
    version = "v1",
    kind = "VerticalPodAutoscaler",
    plural = "verticalpodautoscalers",
    shortname = "vpa",
    namespaced,
    derive = "PartialEq",
    status = "VerticalPodAutoscalerStatus"
)]
#[serde(rename_all = "camelCase")]
pub struct VerticalPodAutoscalerSpec {
    // seed 003:9609, 9634
    /// The workload whose pods VPA controls; VPA finds the pods through the workload's selector.
    /// Required on create (upstream
    /// `validateVPASpec`); optional here so that [`Validate`] can report it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_ref: Option<CrossVersionObjectReference>,
    // seed 003:9617, 9640-9660
    /// How recommendations are applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_policy: Option<PodUpdatePolicy>,
    // seed 003:9621, 9658-9662
    /// Per-container policies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_policy: Option<PodResourcePolicy>,
    /// Recommenders to use (upstream; at most one is supported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommenders: Option<Vec<RecommenderSelector>>,
    /// Fields this crate does not model, kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

open_enum! {
    // seed 003:9640-9660, 9750-9758
    /// `spec.updatePolicy.updateMode`.
    UpdateMode {
        /// `Off`: only recommend, never change pods ("不自动修改 Pod 资源请求").
        Off => "Off",
        /// `Initial`: set requests only when a pod is created.
        Initial => "Initial",
        /// `Recreate`: set requests at creation and evict running pods to update them.
        Recreate => "Recreate",
        // seed 003:9642
        /// `Auto`: currently the same as `Recreate`; deprecated upstream.
        Auto => "Auto",
        /// `InPlaceOrRecreate`: resize in place, evict when that is impossible (upstream).
        InPlaceOrRecreate => "InPlaceOrRecreate",
        /// `InPlace`: resize in place only (upstream, behind a feature gate).
        InPlace => "InPlace",
    }
}

open_enum! {
    // seed 003:9658-9662, 9768-9770
    /// `containerPolicies[].mode`: `Auto` computes recommendations for the container, `Off` does
    /// not.
    ContainerScalingMode {
        /// `Auto`.
        Auto => "Auto",
        /// `Off`.
        Off => "Off",
    }
}

open_enum! {
    /// `containerPolicies[].controlledValues` (upstream `ContainerControlledValues`).
    ControlledValues {
        /// `RequestsAndLimits` (the upstream default): scale limits proportionally.
        RequestsAndLimits => "RequestsAndLimits",
        /// `RequestsOnly`: change requests only.
        RequestsOnly => "RequestsOnly",
    }
}

/// `spec.updatePolicy`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct PodUpdatePolicy {
    // seed 003:9619
    /// The update mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_mode: Option<UpdateMode>,
    // seed 003:9760-9762
    /// The minimum number of live replicas the updater keeps while evicting; "必须大于 0" (must
    /// be greater than 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_replicas: Option<i32>,
    /// Fields this crate does not model (e.g. `evictionRequirements`), kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// `spec.resourcePolicy`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct PodResourcePolicy {
    // seed 003:9623
    /// Per-container policies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_policies: Option<Vec<ContainerResourcePolicy>>,
    /// Fields this crate does not model, kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One entry of `spec.resourcePolicy.containerPolicies`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct ContainerResourcePolicy {
    // seed 003:9625, 9766
    /// The container, or [`ALL_CONTAINERS`] (`*`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_name: Option<String>,
    // seed 003:9627, seed 003:9662
    /// Whether recommendations are computed for the container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<ContainerScalingMode>,
    /// Lower bound of the recommendation per resource (upstream).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_allowed: Option<BTreeMap<String, Quantity>>,
    /// Upper bound of the recommendation per resource (upstream).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_allowed: Option<BTreeMap<String, Quantity>>,
    /// Resources VPA computes recommendations for (`cpu`, `memory`; upstream default both).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controlled_resources: Option<Vec<String>>,
    /// Which values VPA controls (upstream default `RequestsAndLimits`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controlled_values: Option<ControlledValues>,
    /// Fields this crate does not model, kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One entry of `spec.recommenders`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct RecommenderSelector {
    /// The recommender's name.
    pub name: String,
    /// Fields this crate does not model, kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

// seed 003:9718-9746
/// `status` of a `VerticalPodAutoscaler`, as `kubectl describe vpa` shows it
/// (`Status: Recommendation: Container Recommendations:`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct VerticalPodAutoscalerStatus {
    /// The latest recommendation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommendation: Option<RecommendedPodResources>,
    /// Conditions (`RecommendationProvided`, `LowConfidence`, …; upstream).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Vec<VerticalPodAutoscalerCondition>>,
    /// Fields this crate does not model, kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// `status.recommendation`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct RecommendedPodResources {
    // seed 003:9722
    /// One recommendation per container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_recommendations: Option<Vec<RecommendedContainerResources>>,
    /// Fields this crate does not model, kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

// seed 003:9724-9746
/// One entry of `status.recommendation.containerRecommendations`
/// (Container Name, Lower Bound, Target, Upper Bound).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct RecommendedContainerResources {
    /// The container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_name: Option<String>,
    /// The recommended requests (`Target`, e.g. `cpu: 200m`, `memory: 524288k`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<BTreeMap<String, Quantity>>,
    /// The minimum recommended requests (`Lower Bound`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lower_bound: Option<BTreeMap<String, Quantity>>,
    /// The maximum recommended requests (`Upper Bound`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper_bound: Option<BTreeMap<String, Quantity>>,
    /// The recommendation before `minAllowed`/`maxAllowed` capping (upstream).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncapped_target: Option<BTreeMap<String, Quantity>>,
    /// Fields this crate does not model, kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One entry of `status.conditions` (upstream `VerticalPodAutoscalerCondition`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct VerticalPodAutoscalerCondition {
    /// Condition type (`RecommendationProvided`, `LowConfidence`, `NoPodsMatched`, …).
    #[serde(rename = "type")]
    pub type_: String,
    /// `True`, `False` or `Unknown`.
    pub status: String,
    /// When the condition last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_transition_time: Option<Time>,
    /// Machine-readable reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Update modes upstream accepts, in the order its `GetUpdateModesList` prints them (the
/// deprecated `Auto` is accepted but not listed).
const SUPPORTED_UPDATE_MODES: &[&str] =
    &["InPlace", "InPlaceOrRecreate", "Initial", "Off", "Recreate"];

impl Validate for VerticalPodAutoscaler {
    /// Upstream rules: `kubernetes/autoscaler`
    /// `vertical-pod-autoscaler/pkg/admission-controller/resource/vpa` `validateVPASpec`,
    /// `validateVPASpecUpdatePolicy`, `validateVPASpecResourcePolicy` (messages copied from
    /// there), plus `metadata.name` as a DNS-1123 subdomain.
    ///
    /// Not checked (need exact quantity arithmetic or cluster state): `maxAllowed` ≥ `minAllowed`,
    /// the milli-CPU / whole-byte resolution of the bounds, feature-gated fields (`InPlace` is
    /// accepted).
    fn validate(&self) -> ErrorList {
        let mut errs = validate_object_meta(&self.metadata, NameRule::Dns1123Subdomain);
        let spec_path = FieldPath::new("spec");
        let spec = &self.spec;
        match &spec.target_ref {
            None => errs.push(FieldError::required(
                &spec_path.child("targetRef"),
                "If you're using v1beta1 version of the API, please migrate to v1",
            )),
            Some(r) => {
                let p = spec_path.child("targetRef");
                if r.kind.is_empty() {
                    errs.push(FieldError::required(&p.child("kind"), ""));
                }
                if r.name.is_empty() {
                    errs.push(FieldError::required(&p.child("name"), ""));
                }
            }
        }
        if let Some(policy) = &spec.update_policy {
            let p = spec_path.child("updatePolicy");
            match &policy.update_mode {
                None => errs.push(FieldError::required(
                    &p.child("updateMode"),
                    "updateMode is required if UpdatePolicy is used",
                )),
                Some(mode) if !mode.is_known() => errs.push(FieldError::not_supported(
                    &p.child("updateMode"),
                    mode.as_str(),
                    SUPPORTED_UPDATE_MODES,
                )),
                Some(_) => {}
            }
            if let Some(min) = policy.min_replicas
                && min <= 0
            {
                errs.push(FieldError::invalid(
                    &p.child("minReplicas"),
                    min,
                    "minReplicas has to be positive",
                ));
            }
        }
        if let Some(rp) = &spec.resource_policy {
            let p = spec_path.child("resourcePolicy").child("containerPolicies");
            for (i, cp) in rp.container_policies.iter().flatten().enumerate() {
                let cpp = p.index(i);
                if cp.container_name.as_deref().unwrap_or("").is_empty() {
                    errs.push(FieldError::required(&cpp.child("containerName"), ""));
                }
                if let Some(mode) = &cp.mode {
                    if !mode.is_known() {
                        errs.push(FieldError::not_supported(
                            &cpp.child("mode"),
                            mode.as_str(),
                            ContainerScalingMode::KNOWN,
                        ));
                    }
                    if *mode == ContainerScalingMode::Off
                        && cp.controlled_values == Some(ControlledValues::RequestsAndLimits)
                    {
                        errs.push(FieldError::forbidden(
                            &cpp.child("controlledValues"),
                            "controlledValues shouldn't be specified if container scaling mode is off",
                        ));
                    }
                }
                if let Some(cv) = &cp.controlled_values
                    && !cv.is_known()
                {
                    errs.push(FieldError::not_supported(
                        &cpp.child("controlledValues"),
                        cv.as_str(),
                        ControlledValues::KNOWN,
                    ));
                }
            }
        }
        if let Some(r) = &spec.recommenders
            && r.len() > 1
        {
            errs.push(FieldError::too_many(
                &spec_path.child("recommenders"),
                r.len(),
                1,
            ));
        }
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_update_mode_round_trips_and_is_reported() {
        let v: VerticalPodAutoscaler = serde_json::from_value(serde_json::json!({
            "apiVersion": "autoscaling.k8s.io/v1", "kind": "VerticalPodAutoscaler",
            "metadata": {"name": "v"},
            "spec": {"targetRef": {"kind": "Deployment", "name": "d"},
                     "updatePolicy": {"updateMode": "Sometimes", "minReplicas": 0},
                     "resourcePolicy": {"containerPolicies": [
                        {"mode": "Off", "controlledValues": "RequestsAndLimits"}]},
                     "recommenders": [{"name": "a"}, {"name": "b"}]}
        }))
        .unwrap();
        let back = serde_json::to_value(&v).unwrap();
        assert_eq!(back["spec"]["updatePolicy"]["updateMode"], "Sometimes");
        let msgs: Vec<String> = v.validate().iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            vec![
                r#"spec.updatePolicy.updateMode: Unsupported value: "Sometimes": supported values: "InPlace", "InPlaceOrRecreate", "Initial", "Off", "Recreate""#,
                "spec.updatePolicy.minReplicas: Invalid value: 0: minReplicas has to be positive",
                "spec.resourcePolicy.containerPolicies[0].containerName: Required value",
                "spec.resourcePolicy.containerPolicies[0].controlledValues: Forbidden: controlledValues shouldn't be specified if container scaling mode is off",
                "spec.recommenders: Too many: 2: must have at most 1 item",
            ]
        );
    }

    #[test]
    fn missing_target_ref_and_update_mode() {
        let v = VerticalPodAutoscaler::new(
            "v",
            VerticalPodAutoscalerSpec {
                update_policy: Some(PodUpdatePolicy::default()),
                ..Default::default()
            },
        );
        let msgs: Vec<String> = v.validate().iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            vec![
                "spec.targetRef: Required value: If you're using v1beta1 version of the API, please migrate to v1",
                "spec.updatePolicy.updateMode: Required value: updateMode is required if UpdatePolicy is used",
            ]
        );
    }

    #[test]
    fn enum_spellings() {
        assert_eq!(
            UpdateMode::from("InPlaceOrRecreate"),
            UpdateMode::InPlaceOrRecreate
        );
        assert_eq!(UpdateMode::from("x").as_str(), "x");
        assert!(!UpdateMode::from("x").is_known());
        assert_eq!(ContainerScalingMode::KNOWN, &["Auto", "Off"]);
    }
}
