//! Node fit: whether a pod's requests fit what is left of a node's allocatable (upstream
//! `fitsRequest` in `pkg/scheduler/framework/plugins/noderesources/fit.go`, the
//! NodeResourcesFit filter).
// seed 003:4425-4431

use std::collections::{BTreeMap, BTreeSet};

use acp_model::quantity::Quantity;
use acp_model::resource_names::{CPU, EPHEMERAL_STORAGE, HUGEPAGES_PREFIX, MEMORY, PODS};
use acp_model::validation::ErrorList;
use k8s_openapi::api::core::v1::Pod;

use crate::pod::{PodResourcesOptions, pod_requests};
use crate::resources::ResourceList;

/// A resource the pod does not get, with the scheduler's reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InsufficientResource {
    /// The resource, e.g. `cpu`.
    pub resource_name: String,
    /// `Too many pods` or `Insufficient <resource>`.
    pub reason: String,
    /// What the pod asks (milli-cores for cpu, 1 for pods, the value otherwise).
    pub requested: i64,
    /// What the pods already on the node request.
    pub used: i64,
    /// The node's allocatable.
    pub capacity: i64,
}

/// Options of [`fits_request`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct FitOptions {
    /// Extended resources the filter ignores (`ignoredResources`).
    pub ignored_resources: BTreeSet<String>,
    /// Extended resource groups (the part before `/`) it ignores (`ignoredResourceGroups`).
    pub ignored_resource_groups: BTreeSet<String>,
    /// How pod requests are computed (the scheduler consults the pod status for in-place
    /// resize and counts pod-level resources and overhead).
    pub pod_resources: PodResourcesOptions,
}

impl FitOptions {
    /// The scheduler's defaults (Kubernetes 1.35: status resources consulted).
    pub fn new() -> Self {
        FitOptions {
            pod_resources: PodResourcesOptions::default().with_use_status_resources(true),
            ..FitOptions::default()
        }
    }

    /// Sets the ignored extended resources.
    pub fn with_ignored_resources(mut self, names: BTreeSet<String>) -> Self {
        self.ignored_resources = names;
        self
    }

    /// Sets the ignored resource groups.
    pub fn with_ignored_resource_groups(mut self, groups: BTreeSet<String>) -> Self {
        self.ignored_resource_groups = groups;
        self
    }
}

/// The scheduler's per-pod resource vector: cpu in milli-cores, the rest by `Value()`,
/// only the resources it tracks (cpu, memory, ephemeral-storage, and scalar resources:
/// extended, hugepages, `kubernetes.io/`-prefixed, attachable volumes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SchedulerResource {
    /// Milli-cores.
    pub milli_cpu: i64,
    /// Bytes.
    pub memory: i64,
    /// Bytes.
    pub ephemeral_storage: i64,
    /// Scalar resources by name.
    pub scalar: BTreeMap<String, i64>,
}

fn is_native(name: &str) -> bool {
    !name.contains('/') || name.contains("kubernetes.io/")
}

/// Whether the scheduler tracks `name` as a scalar resource (upstream `IsScalarResourceName`).
pub fn is_scalar_resource_name(name: &str) -> bool {
    is_extended_resource_name(name)
        || name.starts_with(HUGEPAGES_PREFIX)
        || name.starts_with("kubernetes.io/")
        || name.starts_with("attachable-volumes-")
}

/// Whether `name` is an extended resource (upstream `IsExtendedResourceName`): outside the
/// `kubernetes.io/` domain, with a domain, and not `requests.`-prefixed.
pub fn is_extended_resource_name(name: &str) -> bool {
    !is_native(name) && !name.starts_with("requests.")
}

impl SchedulerResource {
    /// From a resource list (upstream `Resource.Add`).
    pub fn from_list(list: &ResourceList) -> SchedulerResource {
        let mut r = SchedulerResource::default();
        r.add(list);
        r
    }

    /// Adds a resource list.
    pub fn add(&mut self, list: &ResourceList) {
        for (name, q) in list.iter() {
            match name.as_str() {
                CPU => self.milli_cpu = self.milli_cpu.saturating_add(q.milli_value()),
                MEMORY => self.memory = self.memory.saturating_add(q.value()),
                EPHEMERAL_STORAGE => {
                    self.ephemeral_storage = self.ephemeral_storage.saturating_add(q.value())
                }
                n if is_scalar_resource_name(n) => {
                    let e = self.scalar.entry(n.to_owned()).or_insert(0);
                    *e = e.saturating_add(q.value());
                }
                _ => {}
            }
        }
    }
}

/// What the filter needs of the node: its allocatable and what its pods request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NodeUsage {
    /// The node's allocatable (`status.allocatable`, including `pods`).
    pub allocatable: ResourceList,
    /// The sum of the requests of the pods on it.
    pub requested: SchedulerResource,
    /// How many pods are on it.
    pub pods: usize,
}

impl NodeUsage {
    /// A node with `allocatable` and `pods` already placed on it (their requests computed
    /// with `options`).
    pub fn new(
        allocatable: ResourceList,
        pods: &[Pod],
        options: &FitOptions,
    ) -> Result<NodeUsage, ErrorList> {
        let mut requested = SchedulerResource::default();
        for p in pods {
            requested.add(&pod_requests(p, &options.pod_resources)?);
        }
        Ok(NodeUsage {
            allocatable,
            requested,
            pods: pods.len(),
        })
    }
}

/// The resources `request` does not get on `node` (upstream `fitsRequest`), in the
/// scheduler's order: pods, cpu, memory, ephemeral-storage, then scalar resources by name.
/// Empty when the pod fits.
///
/// ```
/// use acp_quota::pressure::{FitOptions, NodeUsage, SchedulerResource, fits_request};
/// use acp_quota::ResourceList;
///
/// let node = NodeUsage {
///     allocatable: ResourceList::parse_pairs([("cpu", "2"), ("memory", "4Gi"), ("pods", "1")]).unwrap(),
///     requested: SchedulerResource { milli_cpu: 1500, ..Default::default() },
///     pods: 1,
/// };
/// let pod = SchedulerResource::from_list(&ResourceList::parse_pairs([("cpu", "1")]).unwrap());
/// let reasons: Vec<String> = fits_request(&pod, &node, &FitOptions::new()).into_iter().map(|r| r.reason).collect();
/// assert_eq!(reasons, ["Too many pods", "Insufficient cpu"]);
/// ```
pub fn fits_request(
    request: &SchedulerResource,
    node: &NodeUsage,
    options: &FitOptions,
) -> Vec<InsufficientResource> {
    let alloc = SchedulerResource::from_list(&node.allocatable);
    let allowed_pods = node.allocatable.get(PODS).map_or(0, Quantity::value);
    let mut out = Vec::new();
    let used_pods = i64::try_from(node.pods).unwrap_or(i64::MAX);
    if used_pods.saturating_add(1) > allowed_pods {
        out.push(InsufficientResource {
            resource_name: PODS.to_owned(),
            reason: "Too many pods".to_owned(),
            requested: 1,
            used: used_pods,
            capacity: allowed_pods,
        });
    }
    if request.milli_cpu == 0
        && request.memory == 0
        && request.ephemeral_storage == 0
        && request.scalar.is_empty()
    {
        return out;
    }
    let mut check = |name: &str, want: i64, cap: i64, used: i64| {
        if want > 0 && want > cap.saturating_sub(used) {
            out.push(InsufficientResource {
                resource_name: name.to_owned(),
                reason: format!("Insufficient {name}"),
                requested: want,
                used,
                capacity: cap,
            });
        }
    };
    check(
        CPU,
        request.milli_cpu,
        alloc.milli_cpu,
        node.requested.milli_cpu,
    );
    check(MEMORY, request.memory, alloc.memory, node.requested.memory);
    check(
        EPHEMERAL_STORAGE,
        request.ephemeral_storage,
        alloc.ephemeral_storage,
        node.requested.ephemeral_storage,
    );
    // DEVIATION: upstream walks the scalar resources in Go map order; ours are by name.
    for (name, want) in &request.scalar {
        if *want == 0 {
            continue;
        }
        if is_extended_resource_name(name) {
            let group = name.split('/').next().unwrap_or("");
            if options.ignored_resources.contains(name)
                || (!options.ignored_resource_groups.is_empty()
                    && options.ignored_resource_groups.contains(group))
            {
                continue;
            }
        }
        let cap = alloc.scalar.get(name).copied().unwrap_or(0);
        let used = node.requested.scalar.get(name).copied().unwrap_or(0);
        if *want > cap.saturating_sub(used) {
            out.push(InsufficientResource {
                resource_name: name.clone(),
                reason: format!("Insufficient {name}"),
                requested: *want,
                used,
                capacity: cap,
            });
        }
    }
    out
}

/// [`fits_request`] for a pod object.
pub fn pod_fits(
    pod: &Pod,
    node: &NodeUsage,
    options: &FitOptions,
) -> Result<Vec<InsufficientResource>, ErrorList> {
    let request = SchedulerResource::from_list(&pod_requests(pod, &options.pod_resources)?);
    Ok(fits_request(&request, node, options))
}
