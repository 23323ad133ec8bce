//! VerticalPodAutoscaler recommendations applied to a pod's containers (issue 4 item 4).
//!
//! ```
//! use acp_quota::vpa::{self, VpaAction};
//! use acp_model::thirdparty::vpa::VerticalPodAutoscaler;
//!
//! let v: VerticalPodAutoscaler = serde_json::from_value(serde_json::json!({
//!     "metadata": {"name": "my-deployment-vpa"},
//!     "spec": {"targetRef": {"kind": "Deployment", "name": "my-deployment"},
//!              "updatePolicy": {"updateMode": "Off"},
//!              "resourcePolicy": {"containerPolicies": [{"containerName": "*", "mode": "Auto"}]}},
//!     "status": {"recommendation": {"containerRecommendations": [
//!         {"containerName": "my-container", "target": {"cpu": "200m", "memory": "524288k"}}]}}
//! })).unwrap();
//! let pod: k8s_openapi::api::core::v1::Pod = serde_json::from_value(serde_json::json!({
//!     "metadata": {"name": "p"},
//!     "spec": {"containers": [{"name": "my-container",
//!              "resources": {"requests": {"cpu": "100m", "memory": "256Mi"}, "limits": {"cpu": "200m"}}}]}
//! })).unwrap();
//! let r = vpa::recommended_resources(&v, &pod);
//! assert_eq!(r[0].requests["cpu"].to_string(), "200m");
//! assert_eq!(r[0].limits["cpu"].to_string(), "400m"); // RequestsAndLimits keeps limit:request 2:1
//! // updateMode Off (seed 003_86c1a2268e510be6.txt:9623): recommend only.
//! assert_eq!(vpa::action(&v, vpa::PodEvent::Running), VpaAction::Nothing);
//! ```
//!
//! Sources: kubernetes/autoscaler `vertical-pod-autoscaler/pkg/utils/vpa/capping.go`
//! (`ApplyVPAPolicy`: container policy by exact name, else `*`; mode `Off` drops the
//! container; `minAllowed`/`maxAllowed` clamp; only `controlledResources`, default cpu and
//! memory) and `pkg/admission-controller/resource/pod/recommendation` (requests from the
//! target; limits scaled by the original limit:request ratio under `RequestsAndLimits`, the
//! default; untouched under `RequestsOnly`). Seed: update modes :9646–9660 and :9748–9758,
//! container modes :9662–9668, `minReplicas` "必须大于 0" :9760–9762 (checked by acp-model's
//! `Validate`). Not modelled: LimitRange capping of the recommendation (`limitrange` module
//! integration is left for later), in-place resize modes beyond the decision.

use std::collections::BTreeMap;

use acp_model::quantity::{Format, Quantity};
use acp_model::thirdparty::vpa::{
    ALL_CONTAINERS, ContainerResourcePolicy, ContainerScalingMode, ControlledValues, UpdateMode,
    VerticalPodAutoscaler,
};
use k8s_openapi::api::core::v1::Pod;

/// The resources the admission controller would set on one container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerResources {
    /// The container name.
    pub container: String,
    /// New requests (only the controlled resources with a recommendation).
    pub requests: BTreeMap<String, Quantity>,
    /// New limits (proportional under `RequestsAndLimits`; empty under `RequestsOnly`).
    pub limits: BTreeMap<String, Quantity>,
}

/// When the decision is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PodEvent {
    /// The pod is being created (admission).
    Creating,
    /// The pod is running (updater).
    Running,
}

/// What VPA does to a pod.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VpaAction {
    /// Nothing (`Off`, or `Initial` on a running pod).
    Nothing,
    /// Set the recommended resources as the pod is created.
    SetAtCreation,
    /// Evict the running pod so it is recreated with the recommendation (`Recreate`, `Auto`).
    Evict,
    /// Resize the running pod in place (`InPlaceOrRecreate`, `InPlace`).
    ResizeInPlace,
}

/// The decision of `updateMode` (default `Recreate` upstream when no update policy is set):
/// `Off` → nothing; `Initial` → set at creation only; `Recreate`/`Auto` → set at creation and
/// evict running pods (seed :9648–9656: "Auto … 目前等同于 Recreate").
pub fn action(v: &VerticalPodAutoscaler, event: PodEvent) -> VpaAction {
    let mode = v
        .spec
        .update_policy
        .as_ref()
        .and_then(|p| p.update_mode.clone())
        .unwrap_or(UpdateMode::Recreate);
    match (mode, event) {
        (UpdateMode::Off, _) => VpaAction::Nothing,
        (_, PodEvent::Creating) => VpaAction::SetAtCreation,
        (UpdateMode::Initial, PodEvent::Running) => VpaAction::Nothing,
        (UpdateMode::InPlaceOrRecreate | UpdateMode::InPlace, PodEvent::Running) => {
            VpaAction::ResizeInPlace
        }
        (_, PodEvent::Running) => VpaAction::Evict,
    }
}

fn policy_for<'a>(
    v: &'a VerticalPodAutoscaler,
    container: &str,
) -> Option<&'a ContainerResourcePolicy> {
    let policies = v
        .spec
        .resource_policy
        .as_ref()
        .and_then(|r| r.container_policies.as_deref())
        .unwrap_or(&[]);
    policies
        .iter()
        .find(|p| p.container_name.as_deref() == Some(container))
        .or_else(|| {
            policies
                .iter()
                .find(|p| p.container_name.as_deref() == Some(ALL_CONTAINERS))
        })
}

fn exact(q: &k8s_openapi::apimachinery::pkg::api::resource::Quantity) -> Option<Quantity> {
    Quantity::try_from(q).ok()
}

/// `limit × newRequest / oldRequest` in milli-units (CPU) or units (others), rounded down as
/// upstream's `scaleQuantityProportionally` integer division does.
fn proportional(
    resource: &str,
    limit: &Quantity,
    old_req: &Quantity,
    new_req: &Quantity,
) -> Option<Quantity> {
    if resource == "cpu" {
        let (l, o, n) = (
            i128::from(limit.milli_value()),
            i128::from(old_req.milli_value()),
            i128::from(new_req.milli_value()),
        );
        let v = l.checked_mul(n)?.checked_div(o)?;
        Some(Quantity::from_millis(
            i64::try_from(v).unwrap_or(i64::MAX),
            Format::DecimalSI,
        ))
    } else {
        let (l, o, n) = (
            i128::from(limit.value()),
            i128::from(old_req.value()),
            i128::from(new_req.value()),
        );
        let v = l.checked_mul(n)?.checked_div(o)?;
        Some(Quantity::from_int(
            i64::try_from(v).unwrap_or(i64::MAX),
            limit.format(),
        ))
    }
}

/// The recommendation applied to each container of `pod` under the VPA's policies.
/// Containers without a recommendation, or with policy mode `Off`, are left out.
pub fn recommended_resources(v: &VerticalPodAutoscaler, pod: &Pod) -> Vec<ContainerResources> {
    let recs = v
        .status
        .as_ref()
        .and_then(|s| s.recommendation.as_ref())
        .and_then(|r| r.container_recommendations.as_deref())
        .unwrap_or(&[]);
    let mut out = Vec::new();
    let Some(spec) = pod.spec.as_ref() else {
        return out;
    };
    for c in &spec.containers {
        let Some(rec) = recs
            .iter()
            .find(|r| r.container_name.as_deref() == Some(c.name.as_str()))
        else {
            continue;
        };
        let policy = policy_for(v, &c.name);
        if policy.and_then(|p| p.mode.as_ref()) == Some(&ContainerScalingMode::Off) {
            continue;
        }
        let controlled: Vec<String> = policy
            .and_then(|p| p.controlled_resources.clone())
            .unwrap_or_else(|| vec!["cpu".into(), "memory".into()]);
        let values = policy
            .and_then(|p| p.controlled_values.clone())
            .unwrap_or(ControlledValues::RequestsAndLimits);
        let mut res = ContainerResources {
            container: c.name.clone(),
            requests: BTreeMap::new(),
            limits: BTreeMap::new(),
        };
        for (name, q) in rec.target.iter().flatten() {
            if !controlled.contains(name) {
                continue;
            }
            let Some(mut q) = exact(q) else {
                continue;
            };
            let bound = |m: Option<
                &BTreeMap<String, k8s_openapi::apimachinery::pkg::api::resource::Quantity>,
            >| { m.and_then(|m| m.get(name)).and_then(exact) };
            if let Some(min) = bound(policy.and_then(|p| p.min_allowed.as_ref()))
                && q < min
            {
                q = min;
            }
            if let Some(max) = bound(policy.and_then(|p| p.max_allowed.as_ref()))
                && q > max
            {
                q = max;
            }
            let resources = c.resources.as_ref();
            let old_req = resources
                .and_then(|r| r.requests.as_ref())
                .and_then(|r| r.get(name))
                .and_then(exact);
            let old_lim = resources
                .and_then(|r| r.limits.as_ref())
                .and_then(|r| r.get(name))
                .and_then(exact);
            if values == ControlledValues::RequestsAndLimits
                && let Some(lim) = old_lim
            {
                // A request defaults to the limit when only the limit is set.
                let base = old_req.unwrap_or_else(|| lim.clone());
                if let Some(l) = proportional(name, &lim, &base, &q) {
                    res.limits.insert(name.clone(), l);
                }
            }
            res.requests.insert(name.clone(), q);
        }
        out.push(res);
    }
    out
}
