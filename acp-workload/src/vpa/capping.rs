//! The VPA admission controller's capping of a recommendation (kubernetes/autoscaler
//! `vertical-pod-autoscaler/pkg/utils/vpa/capping.go`, `cappingRecommendationProcessor.Apply`)
//! and the LimitRange view it reads (`pkg/utils/limitrange/limit_range_calculator.go`).

use acp_model::quantity::{Format, MILLI, Quantity};
use acp_model::resource_names::{CPU, MEMORY};
use acp_model::thirdparty::vpa::{
    ALL_CONTAINERS, ContainerResourcePolicy, ControlledValues, PodResourcePolicy,
};
use k8s_openapi::api::core::v1::{Container, LimitRange, Pod};

use super::scaling::{Rounding, boundary_request, saturated, scale_cpu, scale_mem};
use super::{CappedRecommendation, LimitRangeBounds, ResourceList, proportional_limit};
use acp_quota::limitrange::default_limit_range_item;
use acp_quota::resources::K8sResourceList;

/// A resource list with the quantities that parse (a quantity that does not parse cannot
/// reach upstream: decoding rejects the object).
pub(super) fn parse_list(list: Option<&K8sResourceList>) -> ResourceList {
    ResourceList::from_k8s_lossy(list)
}

/// An absent map or an empty one (an empty map does not survive the apiserver's storage).
fn non_empty(list: Option<&K8sResourceList>) -> Option<ResourceList> {
    list.filter(|m| !m.is_empty()).map(|m| parse_list(Some(m)))
}

/// Upstream `limitsChecker.getLimitRangeItem`: see [`super::limit_range_bounds`].
pub(super) fn limit_range_bounds(
    limit_ranges: &[LimitRange],
    limit_type: &str,
) -> Option<LimitRangeBounds> {
    fn merge(
        result: &mut Option<ResourceList>,
        item: Option<&ResourceList>,
        name: &str,
        pick_new: fn(&Quantity, &Quantity) -> bool,
    ) {
        let Some(item) = item else { return };
        let Some(res) = result.as_mut() else {
            *result = Some(item.clone());
            return;
        };
        if let Some(new) = item.get(name) {
            match res.get(name) {
                Some(old) if !pick_new(old, new) => {}
                _ => {
                    res.insert(name.to_owned(), new.clone());
                }
            }
        }
    }
    // pickLowerMax keeps the old one only when it is strictly lower; chooseHigherMin only when
    // it is strictly higher.
    let lower_max: fn(&Quantity, &Quantity) -> bool = |old, new| old >= new;
    let higher_min: fn(&Quantity, &Quantity) -> bool = |old, new| old <= new;
    let mut out = LimitRangeBounds::default();
    let items = limit_ranges
        .iter()
        .filter_map(|lr| lr.spec.as_ref())
        .flat_map(|s| s.limits.iter())
        .filter(|i| i.type_ == limit_type);
    for item in items {
        // As the apiserver stores it (`SetDefaults_LimitRangeItem`; idempotent).
        let mut item = item.clone();
        default_limit_range_item(&mut item);
        let (min, max, default) = (
            non_empty(item.min.as_ref()),
            non_empty(item.max.as_ref()),
            non_empty(item.default.as_ref()),
        );
        if min.is_none() && max.is_none() && default.is_none() {
            continue;
        }
        if default.is_some() {
            out.default = default;
        }
        for name in [CPU, MEMORY] {
            merge(&mut out.max, max.as_ref(), name, lower_max);
        }
        for name in [CPU, MEMORY] {
            merge(&mut out.min, min.as_ref(), name, higher_min);
        }
    }
    (out.min.is_some() || out.max.is_some() || out.default.is_some()).then_some(out)
}

/// Upstream `resourcehelpers.ContainerRequestsAndLimits`: the container status's resources
/// when the kubelet reports them (in-place resize), else the spec's.
fn container_requests_and_limits(name: &str, pod: &Pod) -> (ResourceList, ResourceList) {
    let status = pod
        .status
        .as_ref()
        .and_then(|s| s.container_statuses.as_ref())
        .and_then(|cs| cs.iter().find(|c| c.name == name))
        .and_then(|c| c.resources.as_ref());
    let resources = status.or_else(|| {
        pod.spec
            .as_ref()
            .and_then(|s| s.containers.iter().find(|c| c.name == name))
            .and_then(|c: &Container| c.resources.as_ref())
    });
    match resources {
        Some(r) => (
            parse_list(r.requests.as_ref()),
            parse_list(r.limits.as_ref()),
        ),
        None => (ResourceList::new(), ResourceList::new()),
    }
}

/// One pod container with its current requests and limits.
pub(super) struct ContainerView {
    name: String,
    requests: ResourceList,
    limits: ResourceList,
}

/// The pod's containers in spec order, each with [`container_requests_and_limits`] parsed
/// once.
pub(super) struct PodView {
    containers: Vec<ContainerView>,
}

impl PodView {
    pub(super) fn new(pod: &Pod) -> PodView {
        let containers = pod
            .spec
            .iter()
            .flat_map(|s| s.containers.iter())
            .map(|c| {
                let (requests, limits) = container_requests_and_limits(&c.name, pod);
                ContainerView {
                    name: c.name.clone(),
                    requests,
                    limits,
                }
            })
            .collect();
        PodView { containers }
    }

    /// The first container of that name.
    fn get(&self, name: &str) -> Option<&ContainerView> {
        self.containers.iter().find(|c| c.name == name)
    }

    /// `(requests, limits)` of the first container of that name.
    pub(super) fn resources(&self, name: &str) -> Option<(&ResourceList, &ResourceList)> {
        self.get(name).map(|c| (&c.requests, &c.limits))
    }
}

/// Upstream `GetContainerResourcePolicy`: the policy named for the container, else the last
/// `*` policy listed before it.
pub(super) fn container_policy<'a>(
    name: &str,
    policy: Option<&'a PodResourcePolicy>,
) -> Option<&'a ContainerResourcePolicy> {
    let mut default = None;
    for p in policy
        .and_then(|p| p.container_policies.as_deref())
        .unwrap_or(&[])
    {
        match p.container_name.as_deref() {
            Some(n) if n == name => return Some(p),
            Some(ALL_CONTAINERS) => default = Some(p),
            _ => {}
        }
    }
    default
}

/// Upstream `GetContainerControlledValues` (default `RequestsAndLimits`).
pub(super) fn controlled_values(
    name: &str,
    policy: Option<&PodResourcePolicy>,
) -> ControlledValues {
    container_policy(name, policy)
        .and_then(|p| p.controlled_values.clone())
        .unwrap_or(ControlledValues::RequestsAndLimits)
}

fn zero_of(name: &str) -> Quantity {
    // `ResourceList.Memory()` returns a `BinarySI` zero, `Cpu()` a `DecimalSI` one.
    if name == MEMORY {
        Quantity::ZERO.with_format(Format::BinarySI)
    } else {
        Quantity::ZERO
    }
}

fn get_or_zero(list: &ResourceList, name: &str) -> Quantity {
    list.get(name).cloned().unwrap_or_else(|| zero_of(name))
}

/// Upstream `maybeCapToMin`: a non-zero bound above the value replaces it.
fn cap_to_min(value: &Quantity, name: &str, bounds: &ResourceList) -> Option<Quantity> {
    bounds
        .get(name)
        .filter(|min| !min.is_zero() && value < *min)
        .cloned()
}

/// Upstream `maybeCapToMax`: a non-zero bound below the value replaces it.
fn cap_to_max(value: &Quantity, name: &str, bounds: &ResourceList) -> Option<Quantity> {
    bounds
        .get(name)
        .filter(|max| !max.is_zero() && value > *max)
        .cloned()
}

/// Caps every value of `rec` to `min` then `max`; annotations `"<r> <min_note>"` /
/// `"<r> <max_note>"` for each change.
fn cap_all(
    rec: &mut ResourceList,
    min: &ResourceList,
    max: &ResourceList,
    notes: (&str, &str),
) -> Vec<String> {
    let mut out = Vec::new();
    for (name, value) in rec.iter_mut() {
        if let Some(q) = cap_to_min(value, name, min) {
            *value = q;
            out.push(format!("{name} {}", notes.0));
        }
        if let Some(q) = cap_to_max(value, name, max) {
            *value = q;
            out.push(format!("{name} {}", notes.1));
        }
    }
    out
}

/// Upstream `getBoundaryRecommendation`: the cpu and memory requests whose limits hit
/// `boundary` (none at all without a boundary list).
fn boundary_recommendation(
    requests: &ResourceList,
    limits: &ResourceList,
    boundary: Option<&ResourceList>,
    default: Option<&ResourceList>,
) -> ResourceList {
    let Some(boundary) = boundary else {
        return ResourceList::new();
    };
    [CPU, MEMORY]
        .into_iter()
        .map(|name| {
            let q = boundary_request(
                name,
                requests.get(name),
                limits.get(name),
                boundary.get(name),
                default.and_then(|d| d.get(name)),
            );
            (name.to_owned(), q)
        })
        .collect()
}

/// Upstream `applyContainerLimitRange` with `getMaxAllowedRecommendation` /
/// `getMinAllowedRecommendation`: the request may neither push the proportional limit over
/// the container `max`, nor the limit or the request itself under the container `min`.
fn apply_container_limit_range(
    rec: &mut ResourceList,
    requests: &ResourceList,
    limits: &ResourceList,
    bounds: Option<&LimitRangeBounds>,
) -> Vec<String> {
    let Some(b) = bounds else {
        return Vec::new();
    };
    let default = b.default.as_ref();
    let max = boundary_recommendation(requests, limits, b.max.as_ref(), default);
    let mut min = boundary_recommendation(requests, limits, b.min.as_ref(), default);
    if let Some(min_req) = b.min.as_ref() {
        for name in [CPU, MEMORY] {
            let for_request = get_or_zero(min_req, name);
            if for_request > get_or_zero(&min, name) {
                min.insert(name.to_owned(), for_request);
            }
        }
    }
    cap_all(
        rec,
        &min,
        &max,
        (
            "capped to fit Min in container LimitRange",
            "capped to fit Max in container LimitRange",
        ),
    )
}

/// Upstream `applyVPAPolicy`: `minAllowed` then `maxAllowed` of the container policy (none
/// without a policy).
fn apply_policy(
    rec: &mut ResourceList,
    allowed: Option<&(ResourceList, ResourceList)>,
) -> Vec<String> {
    let Some((min, max)) = allowed else {
        return Vec::new();
    };
    cap_all(
        rec,
        min,
        max,
        ("capped to minAllowed", "capped to maxAllowed"),
    )
}

/// Upstream `capRecommendationToContainerLimit` (RequestsOnly): no request above the
/// container's current limit, compared in milli-units.
fn cap_to_container_limit(rec: &mut ResourceList, limits: &ResourceList) -> Vec<String> {
    let mut out = Vec::new();
    for (name, limit) in limits {
        if let Some(value) = rec.get_mut(name)
            && saturated(value, MILLI) > saturated(limit, MILLI)
        {
            *value = limit.clone();
            out.push(format!("{name} capped to container limit"));
        }
    }
    out
}

/// Upstream `getCappedRecommendationForContainer`: target, lower and upper bound each through
/// the container LimitRange, the container policy and (RequestsOnly) the container limit;
/// annotations from the target only.
fn cap_container(
    container: &ContainerView,
    rec: &mut CappedRecommendation,
    policy: Option<&PodResourcePolicy>,
    bounds: Option<&LimitRangeBounds>,
) {
    let container_policy = container_policy(&container.name, policy);
    let requests_only =
        controlled_values(&container.name, policy) == ControlledValues::RequestsOnly;
    let (requests, limits) = (&container.requests, &container.limits);
    let allowed = container_policy.map(|p| {
        (
            parse_list(p.min_allowed.as_ref()),
            parse_list(p.max_allowed.as_ref()),
        )
    });
    let process = |list: &mut ResourceList| {
        let mut notes = apply_container_limit_range(list, requests, limits, bounds);
        notes.extend(apply_policy(list, allowed.as_ref()));
        if requests_only {
            notes.extend(cap_to_container_limit(list, limits));
        }
        notes
    };
    rec.annotations.extend(process(&mut rec.target));
    process(&mut rec.lower_bound);
    process(&mut rec.upper_bound);
}

/// Which list of a recommendation a pod-level pass works on.
#[derive(Clone, Copy, Debug)]
pub(super) enum Field {
    Target,
    Lower,
    Upper,
}

fn field(rec: &CappedRecommendation, f: Field) -> &ResourceList {
    match f {
        Field::Target => &rec.target,
        Field::Lower => &rec.lower_bound,
        Field::Upper => &rec.upper_bound,
    }
}

fn field_mut(rec: &mut CappedRecommendation, f: Field) -> &mut ResourceList {
    match f {
        Field::Target => &mut rec.target,
        Field::Lower => &mut rec.lower_bound,
        Field::Upper => &mut rec.upper_bound,
    }
}

/// Upstream `applyPodLimitRange` for one resource (`cpu` or `memory`) and one list: when the
/// pod's summed proportional limits or summed requests leave the `Pod` item's `[min, max]`,
/// every container's value is scaled by the same factor — up to `min` over the summed
/// requests (CPU rounded up to the milli-core), or to the violated bound over the summed
/// limits (floored; memory through upstream's round-down, which turns `0` into `-1`).
///
/// Deviations: upstream writes the scaled value through a nil map (a Go panic) when a
/// container's recommendation lacks the list being capped, and dereferences a missing
/// recommendation (a panic) for a pod container without one when capping to the limit
/// bound; here the value is written into a new list, and such a container is left alone.
// DEVIATION: two upstream panics become defined results: a recommendation lacking the capped list
// gets a new list (upstream writes through a nil map), and a pod container without recommendation
// is left alone when capping to the limit bound (upstream dereferences nil).
pub(super) fn apply_pod_limit_range(
    recs: &mut [CappedRecommendation],
    pod: &PodView,
    bounds: &LimitRangeBounds,
    name: &str,
    f: Field,
) {
    let bound = |l: &Option<ResourceList>| {
        l.as_ref()
            .and_then(|l| l.get(name).cloned())
            .unwrap_or(Quantity::ZERO)
    };
    let (min, max, default) = (
        bound(&bounds.min),
        bound(&bounds.max),
        bound(&bounds.default),
    );
    // zipContainersWithRecommendations: each pod container with its first recommendation.
    let zipped: Vec<(&ContainerView, Option<usize>)> = pod
        .containers
        .iter()
        .map(|c| (c, recs.iter().position(|r| r.container == c.name)))
        .collect();
    let mut sum_limit = Quantity::ZERO;
    let mut sum_rec = Quantity::ZERO;
    for &(container, idx) in &zipped {
        let limit = container
            .limits
            .get(name)
            .cloned()
            .unwrap_or(Quantity::ZERO);
        let request = container
            .requests
            .get(name)
            .cloned()
            .unwrap_or(Quantity::ZERO);
        let recommendation = match idx.and_then(|i| recs.get(i)) {
            Some(r) => field(r, f).get(name).cloned().unwrap_or(Quantity::ZERO),
            None => request.clone(),
        };
        let (container_limit, _) = proportional_limit(
            name,
            Some(&limit),
            Some(&request),
            Some(&recommendation),
            Some(&default),
        );
        if let Some(l) = container_limit {
            sum_limit += l;
        }
        sum_rec += recommendation;
    }
    if min <= sum_limit && min <= sum_rec && (max.is_zero() || max >= sum_limit) {
        return;
    }
    let scale = |q: &Quantity, base: &Quantity, result: &Quantity, r: Rounding| {
        if name == MEMORY {
            scale_mem(q, base, result, r).0
        } else {
            scale_cpu(q, base, result, r).0
        }
    };
    if min > sum_rec && !sum_limit.is_zero() {
        for &(_, idx) in &zipped {
            if let Some(rec) = idx.and_then(|i| recs.get_mut(i)) {
                let list = field_mut(rec, f);
                let request = list.get(name).cloned().unwrap_or(Quantity::ZERO);
                list.insert(
                    name.to_owned(),
                    scale(&request, &sum_rec, &min, Rounding::Up),
                );
            }
        }
        return;
    }
    if sum_limit.is_zero() {
        return;
    }
    let mut target = Quantity::ZERO;
    if min > sum_limit {
        target = min;
    }
    if !max.is_zero() && max < sum_limit {
        target = max;
    }
    for &(_, idx) in &zipped {
        if let Some(rec) = idx.and_then(|i| recs.get_mut(i)) {
            let list = field_mut(rec, f);
            let value = list.get(name).cloned().unwrap_or(Quantity::ZERO);
            list.insert(
                name.to_owned(),
                scale(&value, &sum_limit, &target, Rounding::Down),
            );
        }
    }
}

/// Upstream `insertRequestsForMissingRecommendations`: a pod container with requests and no
/// recommendation gets one whose target is its requests.
fn insert_missing(recs: &mut Vec<CappedRecommendation>, pod: &PodView) {
    for c in &pod.containers {
        if recs.iter().any(|r| r.container == c.name) || c.requests.is_empty() {
            continue;
        }
        recs.push(CappedRecommendation {
            container: c.name.clone(),
            target: c.requests.clone(),
            ..CappedRecommendation::default()
        });
    }
}

/// Upstream `cappingRecommendationProcessor.Apply` over parsed recommendations.
pub(super) fn apply(
    recs: Vec<CappedRecommendation>,
    pod: &PodView,
    policy: Option<&PodResourcePolicy>,
    container_bounds: Option<&LimitRangeBounds>,
    pod_bounds: Option<&LimitRangeBounds>,
) -> Vec<CappedRecommendation> {
    let mut recs = recs;
    if let Some(b) = pod_bounds {
        insert_missing(&mut recs, pod);
        for f in [Field::Upper, Field::Target, Field::Lower] {
            for name in [CPU, MEMORY] {
                apply_pod_limit_range(&mut recs, pod, b, name, f);
            }
        }
    }
    let mut out = Vec::with_capacity(recs.len());
    for mut rec in recs {
        let Some(container) = pod.get(&rec.container) else {
            continue;
        };
        cap_container(container, &mut rec, policy, container_bounds);
        out.push(rec);
    }
    out
}

/// Upstream `applyVPAPolicyForContainer` (the recommender's capping post-processor): each
/// list capped to `minAllowed`, then to `maxAllowed` completed by `global_max_allowed` for
/// the resources it lacks (all of it when the policy has no `maxAllowed`).
pub(super) fn policy_caps(
    list: &mut ResourceList,
    policy: Option<&ContainerResourcePolicy>,
    global_max_allowed: &ResourceList,
) {
    let min = policy.map(|p| parse_list(p.min_allowed.as_ref()));
    let mut max: Option<ResourceList> = policy
        .and_then(|p| p.max_allowed.as_ref())
        .map(|m| parse_list(Some(m)));
    match max.as_mut() {
        None => max = Some(global_max_allowed.clone()),
        Some(m) => {
            for (k, v) in global_max_allowed {
                if !m.contains_key(k) {
                    m.insert(k.clone(), v.clone());
                }
            }
        }
    }
    for (name, value) in list.iter_mut() {
        if let Some(q) = min.as_ref().and_then(|m| cap_to_min(value, name, m)) {
            *value = q;
        }
        if let Some(q) = max.as_ref().and_then(|m| cap_to_max(value, name, m)) {
            *value = q;
        }
    }
}
