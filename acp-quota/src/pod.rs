//! Pod-level requests and limits and the QoS class, as the quota evaluator charges them.
//!
//! [`pod_requests`] and [`pod_limits`] follow component-helpers `resource/helpers.go`
//! (`PodRequests`, `PodLimits`, v0.35): the sum of the containers, raised to the largest init
//! container phase (a restartable "sidecar" init container keeps running, so it is added to
//! the containers *and* to every later init phase), then pod-level `spec.resources` for `cpu`,
//! `memory` and `hugepages-*`, then the pod overhead. [`qos_class`] is
//! `pkg/apis/core/v1/helper/qos` `GetPodQOS` / `ComputePodQOS` (Kubernetes 1.35).
//!
//! ```
//! use acp_quota::pod::{pod_requests, pod_limits, qos_class, PodResourcesOptions, QosClass};
//! use k8s_openapi::api::core::v1::Pod;
//!
//! let pod: Pod = serde_json::from_value(serde_json::json!({
//!     "spec": {
//!         "initContainers": [
//!             {"name": "migrate", "resources": {"requests": {"cpu": "2"}}},
//!             {"name": "proxy", "restartPolicy": "Always",
//!              "resources": {"requests": {"cpu": "500m"}, "limits": {"cpu": "1"}}}
//!         ],
//!         "containers": [
//!             {"name": "app", "resources": {"requests": {"cpu": "1", "memory": "1Gi"},
//!                                           "limits": {"cpu": "2", "memory": "1Gi"}}}
//!         ]
//!     }
//! }))?;
//! let opts = PodResourcesOptions::default();
//! // max(init phase 2, app 1 + sidecar 500m) = 2
//! assert_eq!(pod_requests(&pod, &opts)?.to_string(), "cpu=2,memory=1Gi");
//! assert_eq!(pod_limits(&pod, &opts)?.to_string(), "cpu=3,memory=1Gi");
//! assert_eq!(qos_class(&pod)?, QosClass::Burstable);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Fidelity and options
//!
//! [`PodResourcesOptions`] mirrors upstream's `PodResourcesOptions` (without `Reuse` and
//! `ContainerFn`, which are allocation and callback hooks). Its `Default` is upstream's zero
//! value; [`PodResourcesOptions::quota`] is what the quota evaluator passes on Kubernetes 1.35
//! with default feature gates (`InPlacePodVerticalScaling` GA → status resources are used;
//! `PodLevelResources` beta, on → pod-level resources are used).
//!
//! Where the pod status is consulted (`use_status_resources`), a container's request is the
//! per-resource maximum of its spec, its actuated (`status.containerStatuses[].resources`)
//! and its allocated (`allocatedResources`) values, or of the latter two only while a resize is
//! `Infeasible` (`determineEffectiveRequests` / `determineEffectiveLimits`). Only restartable
//! init containers consult their status, as upstream.
//!
//! Quantities come from k8s-openapi as strings; one that does not parse is reported with its
//! field path (all of them at once) instead of being charged as zero.

use acp_model::kube_version;
use acp_model::quantity::Quantity;
use acp_model::validation::{ErrorList, FieldPath};
use k8s_openapi::api::core::v1::{
    Container, ContainerStatus, Pod, PodSpec, PodStatus, ResourceRequirements,
};

use crate::resources::{K8sResourceList, ResourceList};

pub use acp_model::resource_names::{CPU, EPHEMERAL_STORAGE, HUGEPAGES_PREFIX, MEMORY};

/// Options of [`pod_requests`] / [`pod_limits`] (upstream `PodResourcesOptions`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PodResourcesOptions {
    /// Consult the pod status (in-place resize): a container counts the maximum of its spec,
    /// actuated and allocated resources (upstream `UseStatusResources`).
    pub use_status_resources: bool,
    /// Consult the pod-level status too (`status.resources`, `status.allocatedResources`;
    /// upstream `InPlacePodLevelResourcesVerticalScalingEnabled`, alpha in 1.35).
    pub in_place_pod_level_resources_vertical_scaling: bool,
    /// Leave `spec.overhead` out (upstream `ExcludeOverhead`).
    pub exclude_overhead: bool,
    /// Values used for a container's *missing* requests (not for explicit ones, even zero);
    /// empty means none (upstream `NonMissingContainerRequests`).
    pub non_missing_container_requests: ResourceList,
    /// Ignore pod-level `spec.resources` (upstream `SkipPodLevelResources`).
    pub skip_pod_level_resources: bool,
    /// Ignore the containers: only pod-level resources and overhead (upstream
    /// `SkipContainerLevelResources`; requests only, as upstream).
    pub skip_container_level_resources: bool,
}

impl PodResourcesOptions {
    /// Sets [`use_status_resources`](PodResourcesOptions::use_status_resources).
    #[must_use]
    pub fn with_use_status_resources(mut self, use_status_resources: bool) -> Self {
        self.use_status_resources = use_status_resources;
        self
    }

    /// Sets [`in_place_pod_level_resources_vertical_scaling`](PodResourcesOptions::in_place_pod_level_resources_vertical_scaling).
    #[must_use]
    pub fn with_in_place_pod_level_resources_vertical_scaling(
        mut self,
        in_place_pod_level_resources_vertical_scaling: bool,
    ) -> Self {
        self.in_place_pod_level_resources_vertical_scaling =
            in_place_pod_level_resources_vertical_scaling;
        self
    }

    /// Sets [`exclude_overhead`](PodResourcesOptions::exclude_overhead).
    #[must_use]
    pub fn with_exclude_overhead(mut self, exclude_overhead: bool) -> Self {
        self.exclude_overhead = exclude_overhead;
        self
    }

    /// Sets [`non_missing_container_requests`](PodResourcesOptions::non_missing_container_requests).
    #[must_use]
    pub fn with_non_missing_container_requests(
        mut self,
        non_missing_container_requests: ResourceList,
    ) -> Self {
        self.non_missing_container_requests = non_missing_container_requests;
        self
    }

    /// Sets [`skip_pod_level_resources`](PodResourcesOptions::skip_pod_level_resources).
    #[must_use]
    pub fn with_skip_pod_level_resources(mut self, skip_pod_level_resources: bool) -> Self {
        self.skip_pod_level_resources = skip_pod_level_resources;
        self
    }

    /// Sets [`skip_container_level_resources`](PodResourcesOptions::skip_container_level_resources).
    #[must_use]
    pub fn with_skip_container_level_resources(
        mut self,
        skip_container_level_resources: bool,
    ) -> Self {
        self.skip_container_level_resources = skip_container_level_resources;
        self
    }
}

impl PodResourcesOptions {
    /// What the quota evaluator passes on Kubernetes 1.35 with default feature gates
    /// (kubernetes `pkg/quota/v1/evaluator/core/pods.go` `PodUsageFunc`):
    /// `use_status_resources` on (`InPlacePodVerticalScaling`, GA), pod-level resources used
    /// (`PodLevelResources`, beta, on).
    pub fn quota() -> Self {
        PodResourcesOptions {
            use_status_resources: true,
            ..PodResourcesOptions::default()
        }
    }
}

/// A pod's quality-of-service class (upstream `PodQOSClass`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QosClass {
    /// Every container (or the pod level) sets equal non-zero cpu and memory requests and
    /// limits.
    Guaranteed,
    /// Anything between.
    Burstable,
    /// No cpu or memory request or limit anywhere.
    BestEffort,
}

impl QosClass {
    /// The API spelling (`Guaranteed`, `Burstable`, `BestEffort`).
    pub fn as_str(self) -> &'static str {
        match self {
            QosClass::Guaranteed => "Guaranteed",
            QosClass::Burstable => "Burstable",
            QosClass::BestEffort => "BestEffort",
        }
    }

    /// Parses the API spelling.
    pub fn from_api(s: &str) -> Option<QosClass> {
        match s {
            "Guaranteed" => Some(QosClass::Guaranteed),
            "Burstable" => Some(QosClass::Burstable),
            "BestEffort" => Some(QosClass::BestEffort),
            _ => None,
        }
    }
}

impl std::fmt::Display for QosClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `true` for `cpu`, `memory` and `hugepages-*`, the resources that may be set at pod level
/// (component-helpers `IsSupportedPodLevelResource`).
pub fn is_supported_pod_level_resource(name: &str) -> bool {
    name == CPU || name == MEMORY || name.starts_with(HUGEPAGES_PREFIX)
}

fn has_supported(map: Option<&K8sResourceList>) -> bool {
    map.is_some_and(|m| m.keys().any(|k| is_supported_pod_level_resource(k)))
}

/// `true` when `spec.resources` sets a supported resource in requests or limits
/// (component-helpers `IsPodLevelResourcesSet`).
pub fn is_pod_level_resources_set(spec: &PodSpec) -> bool {
    spec.resources
        .as_ref()
        .is_some_and(|r| has_supported(r.requests.as_ref()) || has_supported(r.limits.as_ref()))
}

/// `true` when `spec.resources.requests` sets a supported resource
/// (component-helpers `IsPodLevelRequestsSet`).
pub fn is_pod_level_requests_set(spec: &PodSpec) -> bool {
    spec.resources
        .as_ref()
        .is_some_and(|r| has_supported(r.requests.as_ref()))
}

/// `true` when a container's `restartPolicy` is `Always` (a sidecar).
pub fn is_restartable_init_container(c: &Container) -> bool {
    c.restart_policy.as_deref() == Some("Always")
}

/// `true` when the pod's `PodResizePending` condition says `Infeasible`
/// (component-helpers `IsPodResizeInfeasible`).
pub fn is_pod_resize_infeasible(status: Option<&PodStatus>) -> bool {
    status
        .and_then(|s| s.conditions.as_ref())
        .and_then(|cs| cs.iter().find(|c| c.type_ == "PodResizePending"))
        .is_some_and(|c| c.reason.as_deref() == Some("Infeasible"))
}

/// The pod's total requests (component-helpers `PodRequests`).
///
/// # Errors
/// Every quantity that does not parse, with its field path.
pub fn pod_requests(pod: &Pod, opts: &PodResourcesOptions) -> Result<ResourceList, ErrorList> {
    let empty = PodSpec::default();
    let spec = pod.spec.as_ref().unwrap_or(&empty);
    compute(spec, pod.status.as_ref(), opts, Kind::Requests)
}

/// The pod's total limits (component-helpers `PodLimits`): overhead is added only to
/// non-zero limits.
///
/// # Errors
/// Every quantity that does not parse, with its field path.
pub fn pod_limits(pod: &Pod, opts: &PodResourcesOptions) -> Result<ResourceList, ErrorList> {
    let empty = PodSpec::default();
    let spec = pod.spec.as_ref().unwrap_or(&empty);
    compute(spec, pod.status.as_ref(), opts, Kind::Limits)
}

/// [`pod_requests`] of a pod spec or pod template (no status is consulted).
///
/// # Errors
/// Every quantity that does not parse, with its field path (rooted at `spec`).
pub fn pod_spec_requests(
    spec: &PodSpec,
    opts: &PodResourcesOptions,
) -> Result<ResourceList, ErrorList> {
    compute(spec, None, opts, Kind::Requests)
}

/// [`pod_limits`] of a pod spec or pod template (no status is consulted).
///
/// # Errors
/// Every quantity that does not parse, with its field path (rooted at `spec`).
pub fn pod_spec_limits(
    spec: &PodSpec,
    opts: &PodResourcesOptions,
) -> Result<ResourceList, ErrorList> {
    compute(spec, None, opts, Kind::Limits)
}

/// The pod's QoS class (upstream `GetPodQOS`): `status.qosClass` when set to a known class,
/// otherwise [`compute_qos_class`] with pod-level resources honoured (the 1.35 default).
///
/// # Errors
/// Every cpu/memory quantity that does not parse, with its field path.
pub fn qos_class(pod: &Pod) -> Result<QosClass, ErrorList> {
    qos_class_with(pod, true)
}

/// [`qos_class`] with the `PodLevelResources` feature gate as a parameter (upstream `GetPodQOS`
/// reads the gate; the quota evaluator passes its own).
///
/// # Errors
/// Every cpu/memory quantity that does not parse, with its field path.
pub fn qos_class_with(pod: &Pod, pod_level_resources: bool) -> Result<QosClass, ErrorList> {
    if let Some(q) = pod
        .status
        .as_ref()
        .and_then(|s| s.qos_class.as_deref())
        .and_then(QosClass::from_api)
    {
        return Ok(q);
    }
    let empty = PodSpec::default();
    compute_qos_class(pod.spec.as_ref().unwrap_or(&empty), pod_level_resources)
}

/// Computes the QoS class from the spec (kubernetes `pkg/apis/core/v1/helper/qos`
/// `ComputePodQOS`, 1.35). Only `cpu` and `memory` count, and only values above zero.
///
/// With `pod_level_resources` (feature gate `PodLevelResources`) and `spec.resources` present,
/// only the pod level decides. Otherwise the requests and limits of all containers and init
/// containers are summed: `BestEffort` when both sums are empty; `Guaranteed` when every
/// container sets cpu and memory limits and the summed requests equal the summed limits
/// resource by resource; `Burstable` otherwise.
///
/// Note (1.35 behaviour, fixed upstream later): an empty `spec.resources: {}` makes the pod
/// `BestEffort` whatever its containers set.
///
/// # Errors
/// Every cpu/memory quantity that does not parse, with its field path.
// DEVIATION: pinned to Kubernetes 1.35 `ComputePodQOS`: container requests and limits are summed
// across containers before comparing, and an empty `spec.resources: {}` gives BestEffort; later
// upstream versions changed this.
pub fn compute_qos_class(spec: &PodSpec, pod_level_resources: bool) -> Result<QosClass, ErrorList> {
    let mut errs = ErrorList::new();
    let mut requests = ResourceList::new();
    let mut limits = ResourceList::new();
    let mut guaranteed = true;
    let root = FieldPath::new("spec");
    if let (true, Some(res)) = (pod_level_resources, spec.resources.as_ref()) {
        let p = root.child("resources");
        qos_sum(
            &mut requests,
            res.requests.as_ref(),
            &p.child("requests"),
            &mut errs,
        );
        if let Some(l) = res.limits.as_ref()
            && !qos_sum(&mut limits, Some(l), &p.child("limits"), &mut errs)
        {
            guaranteed = false;
        }
    } else {
        let all = spec
            .containers
            .iter()
            .enumerate()
            .map(|(i, c)| (root.child("containers").index(i), c))
            .chain(
                spec.init_containers
                    .iter()
                    .flatten()
                    .enumerate()
                    .map(|(i, c)| (root.child("initContainers").index(i), c)),
            );
        for (p, c) in all {
            let res = c.resources.as_ref();
            let p = p.child("resources");
            qos_sum(
                &mut requests,
                res.and_then(|r| r.requests.as_ref()),
                &p.child("requests"),
                &mut errs,
            );
            if !qos_sum(
                &mut limits,
                res.and_then(|r| r.limits.as_ref()),
                &p.child("limits"),
                &mut errs,
            ) {
                guaranteed = false;
            }
        }
    }
    errs.into_result()?;
    if requests.is_empty() && limits.is_empty() {
        return Ok(QosClass::BestEffort);
    }
    if guaranteed {
        guaranteed = requests
            .iter()
            .all(|(k, req)| limits.get(k).is_some_and(|l| l == req));
    }
    if guaranteed && requests.len() == limits.len() {
        Ok(QosClass::Guaranteed)
    } else {
        Ok(QosClass::Burstable)
    }
}

/// Adds the positive cpu/memory values of `map` into `sum`; returns whether `map` has both a
/// positive cpu and a positive memory value (upstream `processResourceList` +
/// `getQOSResources(..).HasAll(memory, cpu)`).
fn qos_sum(
    sum: &mut ResourceList,
    map: Option<&K8sResourceList>,
    path: &FieldPath,
    errs: &mut ErrorList,
) -> bool {
    let mut has_cpu = false;
    let mut has_mem = false;
    for (name, q) in map.into_iter().flatten() {
        if name != CPU && name != MEMORY {
            continue;
        }
        let q = match Quantity::try_from(q) {
            Ok(q) => q,
            Err(e) => {
                errs.push(acp_model::validation::FieldError::invalid(
                    &path.key(name),
                    &q.0,
                    e.to_string(),
                ));
                continue;
            }
        };
        if q.sign() > 0 {
            if name == CPU {
                has_cpu = true;
            } else {
                has_mem = true;
            }
            sum.add_assign(&std::iter::once((name.as_str(), q)).collect());
        }
    }
    has_cpu && has_mem
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Requests,
    Limits,
}

impl Kind {
    fn field(self) -> &'static str {
        match self {
            Kind::Requests => "requests",
            Kind::Limits => "limits",
        }
    }
    fn of(self, r: &ResourceRequirements) -> Option<&K8sResourceList> {
        match self {
            Kind::Requests => r.requests.as_ref(),
            Kind::Limits => r.limits.as_ref(),
        }
    }
}

/// Parses into a list, recording errors; absent → `None`.
fn parse_opt(
    map: Option<&K8sResourceList>,
    path: &FieldPath,
    errs: &mut ErrorList,
) -> Option<ResourceList> {
    parse_opt_at(map, || path.clone(), errs)
}

/// [`parse_opt`] building the path only on error.
fn parse_opt_at(
    map: Option<&K8sResourceList>,
    path: impl Fn() -> FieldPath,
    errs: &mut ErrorList,
) -> Option<ResourceList> {
    let m = map?;
    match ResourceList::from_k8s_at(m, path) {
        Ok(l) => Some(l),
        Err(e) => {
            errs.extend(e);
            Some(ResourceList::new())
        }
    }
}

/// upstream `max(a, b...)`: `a` (or empty), raised by each of `b`.
fn max_of(a: Option<ResourceList>, rest: &[Option<ResourceList>]) -> ResourceList {
    let mut out = a.unwrap_or_default();
    for r in rest.iter().flatten() {
        out.max_assign(r);
    }
    out
}

/// The last status named `name` (upstream builds a map, so the last one wins).
fn find_status<'a>(
    list: Option<&'a [ContainerStatus]>,
    name: &str,
) -> Option<(usize, &'a ContainerStatus)> {
    list?.iter().enumerate().rev().find(|(_, s)| s.name == name)
}

struct Ctx<'a> {
    spec: &'a PodSpec,
    status: Option<&'a PodStatus>,
    opts: &'a PodResourcesOptions,
    kind: Kind,
    infeasible: bool,
}

impl Ctx<'_> {
    /// The status of the container named `name` (init statuses win on a name clash, as in
    /// upstream's map, which is filled from container statuses first).
    fn status_of(&self, name: &str) -> Option<(&'_ ContainerStatus, FieldPath)> {
        let st = self.status?;
        let root = FieldPath::new("status");
        find_status(st.init_container_statuses.as_deref(), name)
            .map(|(i, s)| (s, root.child("initContainerStatuses").index(i)))
            .or_else(|| {
                find_status(st.container_statuses.as_deref(), name)
                    .map(|(i, s)| (s, root.child("containerStatuses").index(i)))
            })
    }

    /// One container's effective requests or limits.
    fn container(
        &self,
        c: &Container,
        (field, index): (&'static str, usize),
        use_status: bool,
        errs: &mut ErrorList,
    ) -> ResourceList {
        let spec_list = parse_opt_at(
            c.resources.as_ref().and_then(|r| self.kind.of(r)),
            || {
                FieldPath::new("spec")
                    .child(field)
                    .index(index)
                    .child("resources")
                    .child(self.kind.field())
            },
            errs,
        );
        let mut out = None;
        if use_status
            && self.opts.use_status_resources
            && let Some((cs, sp)) = self.status_of(&c.name)
            && let Some(r) = cs.resources.as_ref()
        {
            let actuated = parse_opt(
                self.kind.of(r),
                &sp.child("resources").child(self.kind.field()),
                errs,
            );
            out = Some(match self.kind {
                Kind::Requests => {
                    let allocated = parse_opt(
                        cs.allocated_resources.as_ref(),
                        &sp.child("allocatedResources"),
                        errs,
                    );
                    if self.infeasible {
                        max_of(actuated, &[allocated])
                    } else {
                        max_of(spec_list.clone(), &[actuated, allocated])
                    }
                }
                Kind::Limits => {
                    if self.infeasible {
                        actuated.unwrap_or_default()
                    } else {
                        max_of(spec_list.clone(), &[actuated])
                    }
                }
            });
        }
        let mut list = match out {
            Some(l) => l,
            None => spec_list.unwrap_or_default(),
        };
        if self.kind == Kind::Requests && !self.opts.non_missing_container_requests.is_empty() {
            for (k, v) in &self.opts.non_missing_container_requests {
                if !list.contains_key(k) {
                    list.insert(k.clone(), v.clone());
                }
            }
        }
        list
    }

    /// upstream `AggregateContainerRequests` / `AggregateContainerLimits`.
    fn aggregate(&self, errs: &mut ErrorList) -> ResourceList {
        let mut total = ResourceList::new();
        for (i, c) in self.spec.containers.iter().enumerate() {
            let l = self.container(c, ("containers", i), true, errs);
            total.add_assign(&l);
        }
        let mut sidecars = ResourceList::new();
        let mut init_peak = ResourceList::new();
        for (i, c) in self.spec.init_containers.iter().flatten().enumerate() {
            let restartable = is_restartable_init_container(c);
            let l = self.container(c, ("initContainers", i), restartable, errs);
            if restartable {
                total.add_assign(&l);
                sidecars.add_assign(&l);
                init_peak.max_assign(&sidecars);
            } else {
                let phase = l.add(&sidecars);
                init_peak.max_assign(&phase);
            }
        }
        total.max_assign(&init_peak);
        total
    }

    /// The pod-level values to apply, or `None` when the pod level is not used.
    fn pod_level(&self, errs: &mut ErrorList) -> Option<(ResourceList, Option<ResourceList>)> {
        if self.opts.skip_pod_level_resources {
            return None;
        }
        let set = match self.kind {
            Kind::Requests => is_pod_level_requests_set(self.spec),
            Kind::Limits => is_pod_level_resources_set(self.spec),
        };
        if !set {
            return None;
        }
        let res = self.spec.resources.as_ref()?;
        let path = FieldPath::new("spec")
            .child("resources")
            .child(self.kind.field());
        let spec_list = parse_opt(self.kind.of(res), &path, errs);
        let mut effective = None;
        if self.opts.in_place_pod_level_resources_vertical_scaling
            && self.opts.use_status_resources
            && let Some(sr) = self.status.and_then(kube_version::pod_status_resources)
        {
            let sp = FieldPath::new("status");
            let actuated = parse_opt(
                self.kind.of(sr),
                &sp.child("resources").child(self.kind.field()),
                errs,
            );
            effective = match self.kind {
                Kind::Requests => {
                    let allocated = parse_opt(
                        self.status
                            .and_then(kube_version::pod_status_allocated_resources),
                        &sp.child("allocatedResources"),
                        errs,
                    );
                    Some(if self.infeasible {
                        max_of(actuated, &[allocated])
                    } else {
                        max_of(spec_list.clone(), &[actuated, allocated])
                    })
                }
                // upstream copies a nil actuated list as nil: then the spec is used
                Kind::Limits => {
                    if self.infeasible {
                        actuated
                    } else {
                        Some(max_of(spec_list.clone(), &[actuated]))
                    }
                }
            };
        }
        Some((spec_list.unwrap_or_default(), effective))
    }
}

fn compute(
    spec: &PodSpec,
    status: Option<&PodStatus>,
    opts: &PodResourcesOptions,
    kind: Kind,
) -> Result<ResourceList, ErrorList> {
    let mut errs = ErrorList::new();
    let ctx = Ctx {
        spec,
        status,
        opts,
        kind,
        infeasible: opts.use_status_resources && is_pod_resize_infeasible(status),
    };
    // upstream skips containers for requests only; `AggregateContainerLimits` always runs
    let mut out = if kind == Kind::Requests && opts.skip_container_level_resources {
        ResourceList::new()
    } else {
        ctx.aggregate(&mut errs)
    };
    if let Some((spec_list, effective)) = ctx.pod_level(&mut errs) {
        for (name, q) in &spec_list {
            if is_supported_pod_level_resource(name) {
                // upstream reads `effective[name]`, a zero value when absent
                let v = match &effective {
                    Some(e) => e.get(name).cloned().unwrap_or(Quantity::ZERO),
                    None => q.clone(),
                };
                out.insert(name.clone(), v);
            }
        }
    }
    if !opts.exclude_overhead {
        let overhead = parse_opt(
            spec.overhead.as_ref(),
            &FieldPath::new("spec").child("overhead"),
            &mut errs,
        );
        if let Some(overhead) = overhead {
            match kind {
                Kind::Requests => out.add_assign(&overhead),
                Kind::Limits => {
                    for (name, q) in &overhead {
                        if out.get(name).is_some_and(|v| !v.is_zero()) {
                            out.add_assign(&std::iter::once((name.as_str(), q.clone())).collect());
                        }
                    }
                }
            }
        }
    }
    errs.into_result().map(|()| out)
}

#[cfg(test)]
mod tests;
