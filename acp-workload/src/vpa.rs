//! VerticalPodAutoscaler recommendations applied to a pod's containers, as
//! the VPA admission controller does it: the recommendation capped to the namespace's
//! LimitRanges and the container policies, requests set from it and limits kept at the
//! original limit:request ratio.
//!
//! ```
//! use acp_workload::vpa::{self, VpaAction};
//! use acp_model::thirdparty::vpa::VerticalPodAutoscaler;
//! use k8s_openapi::api::core::v1::{LimitRange, Pod};
//!
//! let v: VerticalPodAutoscaler = serde_json::from_value(serde_json::json!({
//!     "metadata": {"name": "my-deployment-vpa"},
//!     "spec": {"targetRef": {"kind": "Deployment", "name": "my-deployment"},
//!              "updatePolicy": {"updateMode": "Off"},
//!              "resourcePolicy": {"containerPolicies": [{"containerName": "*", "mode": "Auto"}]}},
//!     "status": {"recommendation": {"containerRecommendations": [
//!         {"containerName": "my-container", "target": {"cpu": "200m", "memory": "524288k"}}]}}
//! })).unwrap();
//! let pod: Pod = serde_json::from_value(serde_json::json!({
//!     "metadata": {"name": "p"},
//!     "spec": {"containers": [{"name": "my-container",
//!              "resources": {"requests": {"cpu": "100m", "memory": "256Mi"}, "limits": {"cpu": "200m"}}}]}
//! })).unwrap();
//! let r = vpa::recommended_resources(&v, &pod, &[]);
//! assert_eq!(r[0].requests["cpu"].to_string(), "200m");
//! assert_eq!(r[0].limits["cpu"].to_string(), "400m"); // RequestsAndLimits keeps limit:request 2:1
//!
//! // A namespace LimitRange with a container max of 300m cpu: the request is capped so that
//! // its proportional limit fits (150m → limit 300m).
//! let lr: LimitRange = serde_json::from_value(serde_json::json!({
//!     "metadata": {"name": "lr"},
//!     "spec": {"limits": [{"type": "Container", "max": {"cpu": "300m"}}]}
//! })).unwrap();
//! let r = vpa::recommended_resources(&v, &pod, &[lr]);
//! assert_eq!(r[0].requests["cpu"].to_string(), "150m");
//! assert_eq!(r[0].limits["cpu"].to_string(), "300m");
//! assert_eq!(r[0].annotations, [
//!     "cpu capped to fit Max in container LimitRange",
//!     "memory: limit NOT set since originalLimit is nil or 0", // upstream's note, kept
//! ]);
//!
//! // updateMode Off: recommend only.
// seed 003:9660
//! assert_eq!(vpa::action(&v, vpa::PodEvent::Running), VpaAction::Nothing);
//! ```
//!
//! # What happens, in upstream's order
//!
//! Sources are kubernetes/autoscaler `vertical-pod-autoscaler`:
//!
//! 1. **The recommendation as the recommender writes it** ([`capped_recommendation`]):
//!    containers whose policy has `mode: Off` get none and only `controlledResources`
//!    (default cpu and memory) are recommended (`pkg/recommender/model`
//!    `NeedsRecommendation`, `pkg/recommender/logic` `FilterControlledResources`). A status
//!    read from a cluster already has this shape; the step only matters for hand-written ones.
//! 2. **Pod LimitRange** (`pkg/utils/vpa/capping.go` `capProportionallyToPodLimitRange`,
//!    `applyPodLimitRange`): when the namespace has a `type: Pod` item, containers without a
//!    recommendation get their requests as one, and for the upper bound, target and lower
//!    bound, cpu then memory, the pod's summed proportional limits and summed requests are
//!    scaled into the item's `[min, max]`.
//! 3. **Per container** (`getCappedRecommendationForContainer`): the container LimitRange
//!    (`applyContainerLimitRange`: the request may not push the proportional limit over
//!    `max`, nor the limit or the request under `min` — "capped to fit Max/Min in container
//!    LimitRange"), then `minAllowed`/`maxAllowed` ("capped to minAllowed/maxAllowed"), then
//!    under `controlledValues: RequestsOnly` the container's current limit ("capped to
//!    container limit"). Annotations come from the target.
//! 4. **Requests and limits** ([`recommended_resources`],
//!    `pkg/admission-controller/resource/pod/recommendation` `GetContainersResources`): the
//!    requests are the capped target; under `RequestsAndLimits` (the default) the cpu and
//!    memory limits keep the original limit:request ratio ([`proportional_limit`], upstream
//!    `GetProportionalLimit`), the container LimitRange `default` standing in for a missing
//!    limit.
//!
//! The current requests and limits are the container status's when the kubelet reports them
//! (in-place resize), else the spec's (`resourcehelpers.ContainerRequestsAndLimits`). The
//! LimitRanges of the namespace are combined as upstream's `LimitRangeCalculator` does
//! ([`limit_range_bounds`]), each item first defaulted as the apiserver stores it
//! ([`acp_quota::limitrange::default_limit_range_item`]).
//!
//! The ACP documentation describes the update modes, the container modes and `minReplicas`
//! "必须大于 0" (checked by acp-model's `Validate`); it says nothing about LimitRanges and VPA.
// seed 003:9646-9660 and seed 003:9748-9758 (update modes), seed 003:9662-9668 (container
// modes), seed 003:9760-9762 (minReplicas)
//!
//! # Deviations
//!
//! * Upstream iterates Go maps, so the order of the annotations of one container varies; here
//!   it is fixed: container LimitRange, policy, container limit, then limit scaling, each by
//!   resource name.
//! * A milli-value or value beyond `int64` saturates at `±(2^63−1)` in the scaling (upstream
//!   reads `0` or a wrapped value, depending on how the quantity is stored).
//! * Where upstream would panic (a memory scaling dividing by zero, a write into a missing
//!   list, a pod container without recommendation when capping a pod to its limit bound —
//!   see [`capped_recommendation`]), the value is left unscaled, written, or the container
//!   left alone.
//! * [`recommended_resources`] lists only the containers that have a recommendation (upstream
//!   returns an empty entry for the others, which patches nothing), and ignores `updateMode`:
//!   under `Off` upstream computes the same and then discards it; ask [`action`] whether it
//!   is applied.
//! * In-place resize modes are modelled as the decision only; the CPU startup boost is not
//!   modelled.

mod capping;
mod scaling;
#[cfg(test)]
mod tests;

use acp_model::resource_names::{CPU, MEMORY};
use acp_model::thirdparty::vpa::{
    ContainerScalingMode, ControlledValues, PodResourcePolicy, RecommendedPodResources, UpdateMode,
    VerticalPodAutoscaler,
};
use k8s_openapi::api::core::v1::{LimitRange, Pod};

pub use scaling::proportional_limit;

pub use acp_quota::resources::ResourceList;

/// The resources the admission controller would set on one container.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContainerResources {
    /// The container name.
    pub container: String,
    /// New requests: the capped target.
    pub requests: ResourceList,
    /// New limits (cpu and memory, proportional under `RequestsAndLimits`; empty under
    /// `RequestsOnly` or when no limit can be computed).
    pub limits: ResourceList,
    /// Upstream's notes for the container, as in the pod's `vpaUpdates` annotation:
    /// `"cpu capped to maxAllowed"`, `"memory capped to fit Min in container LimitRange"`,
    /// `"cpu capped to container limit"`, `"memory: limit NOT set since originalLimit is nil
    /// or 0"`, `"cpu: failed to keep limit to request ratio; capping limit to int64"`.
    pub annotations: Vec<String>,
}

/// One container's recommendation after the admission controller's capping (upstream
/// `RecommendedContainerResources` returned by `cappingRecommendationProcessor.Apply`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CappedRecommendation {
    /// The container name.
    pub container: String,
    /// The capped target (what requests are set to).
    pub target: ResourceList,
    /// The capped lower bound.
    pub lower_bound: ResourceList,
    /// The capped upper bound.
    pub upper_bound: ResourceList,
    /// The capping notes of the target (`"cpu capped to minAllowed"`, …).
    pub annotations: Vec<String>,
}

/// What all LimitRange items of one type in a namespace allow together (upstream
/// `LimitRangeCalculator.GetContainerLimitRangeItem` / `GetPodLimitRangeItem`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LimitRangeBounds {
    /// The highest `min` of cpu and memory (other resources: the first item's).
    pub min: Option<ResourceList>,
    /// The lowest `max` of cpu and memory (other resources: the first item's).
    pub max: Option<ResourceList>,
    /// The last item's `default`.
    pub default: Option<ResourceList>,
}

/// The combined `type` items (`"Container"` or `"Pod"`) of a namespace's LimitRanges, as the
/// VPA reads them (kubernetes/autoscaler `pkg/utils/limitrange/limit_range_calculator.go`
/// `getLimitRangeItem`): items with `min`, `max` or `default`, each defaulted as the apiserver
/// stores it; the last `default` wins whole; `max` and `min` start as the first such item's
/// lists, and for cpu and memory the lower `max` / higher `min` of later items wins. `None`
/// when no item sets any of the three.
pub fn limit_range_bounds(
    limit_ranges: &[LimitRange],
    limit_type: &str,
) -> Option<LimitRangeBounds> {
    capping::limit_range_bounds(limit_ranges, limit_type)
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
#[non_exhaustive]
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

// seed 003:9648-9656
/// The decision of `updateMode` (default `Recreate` upstream when no update policy is set):
/// `Off` → nothing; `Initial` → set at creation only; `Recreate`/`Auto` → set at creation and
/// evict running pods (ACP docs: "Auto … 目前等同于 Recreate").
// DEVIATION: in-place resize modes are modelled as this decision only; the CPU startup boost is not
// modelled.
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

/// The recommendation as the recommender writes it: none for `mode: Off` containers, only the
/// controlled resources (default cpu and memory).
fn recommender_view(v: &VerticalPodAutoscaler) -> Option<Vec<CappedRecommendation>> {
    let rec = v.status.as_ref()?.recommendation.as_ref()?;
    let policy = v.spec.resource_policy.as_ref();
    let mut out = Vec::new();
    for r in rec.container_recommendations.iter().flatten() {
        let name = r.container_name.clone().unwrap_or_default();
        let p = capping::container_policy(&name, policy);
        if p.and_then(|p| p.mode.as_ref()) == Some(&ContainerScalingMode::Off) {
            continue;
        }
        let controlled: Vec<String> = p
            .and_then(|p| p.controlled_resources.clone())
            .unwrap_or_else(|| vec![CPU.into(), MEMORY.into()]);
        let list = |l: Option<&acp_quota::resources::K8sResourceList>| {
            let mut l = capping::parse_list(l);
            l.retain(|k, _| controlled.contains(k));
            l
        };
        out.push(CappedRecommendation {
            target: list(r.target.as_ref()),
            lower_bound: list(r.lower_bound.as_ref()),
            upper_bound: list(r.upper_bound.as_ref()),
            container: name,
            annotations: Vec::new(),
        });
    }
    Some(out)
}

/// The VPA's recommendation for `pod` after the admission controller's capping (upstream
/// `cappingRecommendationProcessor.Apply`, `pkg/utils/vpa/capping.go`), under the
/// namespace's `limit_ranges`: see the [module docs](self) steps 1–3. One entry per
/// recommendation whose container the pod has (plus, with a `Pod` LimitRange item, the pod's
/// containers that have requests and no recommendation), in recommendation order. `None` when
/// the VPA has neither a recommendation nor a resource policy (upstream returns nil).
///
/// Where upstream's pod-LimitRange pass would panic — a recommendation lacking the list being
/// capped (e.g. no `upperBound`), or a pod container with neither requests nor recommendation
/// when the pod is capped to its limit bound — the value is written into a new list, and that
/// container is left alone.
pub fn capped_recommendation(
    v: &VerticalPodAutoscaler,
    pod: &Pod,
    limit_ranges: &[LimitRange],
) -> Option<Vec<CappedRecommendation>> {
    let container = limit_range_bounds(limit_ranges, acp_quota::limitrange::LIMIT_TYPE_CONTAINER);
    capped(
        v,
        &capping::PodView::new(pod),
        limit_ranges,
        container.as_ref(),
    )
}

fn capped(
    v: &VerticalPodAutoscaler,
    pod: &capping::PodView,
    limit_ranges: &[LimitRange],
    container_bounds: Option<&LimitRangeBounds>,
) -> Option<Vec<CappedRecommendation>> {
    let policy = v.spec.resource_policy.as_ref();
    let recs = match recommender_view(v) {
        Some(r) => r,
        None if policy.is_none() => return None,
        None => Vec::new(),
    };
    let pod_bounds = limit_range_bounds(limit_ranges, acp_quota::limitrange::LIMIT_TYPE_POD);
    Some(capping::apply(
        recs,
        pod,
        policy,
        container_bounds,
        pod_bounds.as_ref(),
    ))
}

/// The requests and limits the VPA admission controller sets on each container of `pod` as it
/// is created in a namespace with `limit_ranges` (upstream
/// `recommendationProvider.GetContainersResourcesForPod`): the [`capped_recommendation`]'s
/// target as requests and, under `controlledValues: RequestsAndLimits` (the default), cpu and
/// memory limits at the original limit:request ratio ([`proportional_limit`], the container
/// LimitRange `default` standing in for a missing limit). Only containers with a
/// recommendation are listed, in pod order; an empty resource name is dropped (upstream
/// `RemoveEmptyResourceKeyIfAny`). `updateMode` is not consulted (see [`action`]).
// DEVIATION: annotations come in a fixed order (container LimitRange, policy, container limit,
// limit scaling, each by resource name) where upstream iterates Go maps; only containers with a
// recommendation are listed, and `updateMode` is not consulted (ask `action`).
pub fn recommended_resources(
    v: &VerticalPodAutoscaler,
    pod: &Pod,
    limit_ranges: &[LimitRange],
) -> Vec<ContainerResources> {
    let has_recommendation = v
        .status
        .as_ref()
        .is_some_and(|s| s.recommendation.is_some());
    let view = capping::PodView::new(pod);
    let bounds = limit_range_bounds(limit_ranges, acp_quota::limitrange::LIMIT_TYPE_CONTAINER);
    let capped = if has_recommendation {
        capped(v, &view, limit_ranges, bounds.as_ref()).unwrap_or_default()
    } else {
        Vec::new()
    };
    let default_limit = bounds.and_then(|b| b.default).unwrap_or_default();
    let policy = v.spec.resource_policy.as_ref();
    let mut out = Vec::new();
    for c in pod.spec.iter().flat_map(|s| s.containers.iter()) {
        let Some(rec) = capped.iter().find(|r| r.container == c.name) else {
            continue;
        };
        let Some((requests, limits)) = view.resources(&c.name) else {
            continue;
        };
        let mut res = ContainerResources {
            container: c.name.clone(),
            requests: rec.target.clone(),
            limits: ResourceList::new(),
            annotations: rec.annotations.clone(),
        };
        if capping::controlled_values(&c.name, policy) == ControlledValues::RequestsAndLimits {
            let mut notes = Vec::new();
            for name in [CPU, MEMORY] {
                let (limit, note) = proportional_limit(
                    name,
                    limits.get(name),
                    requests.get(name),
                    res.requests.get(name),
                    default_limit.get(name),
                );
                if let Some(l) = limit {
                    res.limits.insert(name.to_owned(), l);
                }
                notes.extend(note);
            }
            // Upstream keeps the notes only when at least one limit was set.
            if !res.limits.is_empty() {
                res.annotations.extend(notes);
            }
        }
        res.requests.remove("");
        res.limits.remove("");
        out.push(res);
    }
    out
}

/// What the recommender writes into the VPA status from a raw recommendation (upstream
/// `ApplyVPAPolicy`, `pkg/utils/vpa/capping.go`, run by the recommender's capping
/// post-processor): each container's target, lower and upper bound capped to its policy's
/// `minAllowed`, then to its `maxAllowed` completed by the recommender's
/// `global_max_allowed` (`--container-recommendation-max-allowed-*`) for the resources it
/// lacks. `uncappedTarget` and unknown fields are kept; quantities that do not parse are
/// dropped from the capped lists.
pub fn apply_vpa_policy(
    recommendation: &RecommendedPodResources,
    policy: Option<&PodResourcePolicy>,
    global_max_allowed: &ResourceList,
) -> RecommendedPodResources {
    let mut out = recommendation.clone();
    for r in out.container_recommendations.iter_mut().flatten() {
        let name = r.container_name.clone().unwrap_or_default();
        let p = capping::container_policy(&name, policy);
        for list in [&mut r.target, &mut r.lower_bound, &mut r.upper_bound] {
            if let Some(l) = list.as_mut() {
                let mut parsed = capping::parse_list(Some(l));
                capping::policy_caps(&mut parsed, p, global_max_allowed);
                *l = parsed.into_iter().map(|(k, q)| (k, q.into())).collect();
            }
        }
    }
    out
}
