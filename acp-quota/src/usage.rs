//! Quota usage of pods and PVCs, and quota scopes.
//!
//! What a pod or a PersistentVolumeClaim is charged against a ResourceQuota, exactly as the
//! kubernetes quota evaluators compute it (`pkg/quota/v1/evaluator/core/pods.go`,
//! `persistent_volume_claims.go`, Kubernetes 1.35), and whether a quota's scopes select it.
//!
//! ```
//! use acp_quota::usage::{pod_usage, FeatureGates};
//! use k8s_openapi::api::core::v1::Pod;
//!
//! let pod: Pod = serde_json::from_value(serde_json::json!({
//!     "metadata": {"name": "web"},
//!     "spec": {"containers": [{"name": "app", "resources": {
//!         "requests": {"cpu": "250m", "memory": "64Mi", "nvidia.com/gpu": "1"},
//!         "limits": {"cpu": "500m", "memory": "128Mi", "nvidia.com/gpu": "1"}}}]}
//! }))?;
//! let now = jiff::Timestamp::UNIX_EPOCH;
//! let usage = pod_usage(&pod, now, &FeatureGates::default())?;
//! assert_eq!(
//!     usage.to_string(),
//!     "count/pods=1,cpu=250m,limits.cpu=500m,limits.memory=128Mi,memory=64Mi,pods=1,\
//!      requests.cpu=250m,requests.memory=64Mi,requests.nvidia.com/gpu=1"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Fidelity
//!
//! * **Which pods count** (`QuotaV1Pod`): `count/pods` always; everything else only while the
//!   pod is not `Failed`/`Succeeded` and not past `deletionTimestamp +
//!   deletionGracePeriodSeconds` (strictly after, as Go's `Time.After`). The ACP documentation says pods
//!   "in the Terminating state" are excluded; upstream
// seed 003:4273
//!   keeps charging a terminating pod until its grace period has passed, and that is what we do.
//! * **What a pod is charged** (`podComputeUsageHelper` over `PodRequests`/`PodLimits`):
//!   `pods`=1; `cpu` and `requests.cpu` from the cpu request, `limits.cpu` from the cpu limit;
//!   the same for `memory` and `ephemeral-storage`; `hugepages-<size>` and
//!   `requests.hugepages-<size>` from the request; an extended resource (or a DRA device class,
//!   `deviceclass.resource.kubernetes.io/…`) only as `requests.<name>`.
//! * **PVCs**: `persistentvolumeclaims`, `count/persistentvolumeclaims`, `requests.storage`
//!   (rounded up to a whole byte; the allocated size when larger), and per storage class
//!   `<class>.storageclass.storage.k8s.io/requests.storage` and `…/persistentvolumeclaims`; the
//!   class is the beta annotation `volume.beta.kubernetes.io/storage-class` first, then
//!   `spec.storageClassName` (component-helpers `GetPersistentVolumeClaimClass`).
//! * **Scopes** (`podMatchesScopeFunc`): `Terminating` = `activeDeadlineSeconds >= 0`,
//!   `NotTerminating` its negation, `BestEffort`/`NotBestEffort` by the QoS class
//!   ([`crate::pod::qos_class`]), `PriorityClass` with `In`/`NotIn`/`Exists`/`DoesNotExist`
//!   over the pod's `priorityClassName`, `CrossNamespacePodAffinity` when an affinity or
//!   anti-affinity term names namespaces or a namespace selector; a PVC matches only
//!   `VolumeAttributesClass`. Unknown scopes never match.
//!
//! Feature gates that change these answers are fields of [`FeatureGates`]; the default is the
//! Kubernetes 1.35 default.

use std::fmt;

use acp_model::names;
use acp_model::quantity::Quantity;
use acp_model::validation::{ErrorList, FieldPath};
use k8s_openapi::api::core::v1::{
    PersistentVolumeClaim, Pod, PodAffinityTerm, ResourceQuota, ScopedResourceSelectorRequirement,
};

use crate::pod::{self, PodResourcesOptions, QosClass};
use crate::resources::{ResourceList, contains_prefix};

// The resource names live in acp-model; these re-exports keep the quota evaluators' vocabulary
// at the path it always had.
pub use acp_model::resource_names::{
    COUNT_PERSISTENT_VOLUME_CLAIMS, COUNT_PODS, CPU, DEVICE_CLASS_PREFIX, EPHEMERAL_STORAGE,
    HUGEPAGES_PREFIX, LIMITS_CPU, LIMITS_EPHEMERAL_STORAGE, LIMITS_MEMORY, MEMORY,
    PERSISTENT_VOLUME_CLAIMS, PODS, REQUESTS_CPU, REQUESTS_EPHEMERAL_STORAGE,
    REQUESTS_HUGEPAGES_PREFIX, REQUESTS_MEMORY, REQUESTS_PREFIX, REQUESTS_STORAGE, STORAGE,
    STORAGE_CLASS_SUFFIX,
};

/// The beta storage-class annotation of a PVC, read before `spec.storageClassName`.
pub const BETA_STORAGE_CLASS_ANNOTATION: &str = "volume.beta.kubernetes.io/storage-class";

/// The resources the pod evaluator tracks by name (`podResources`).
pub const POD_RESOURCES: [&str; 11] = [
    COUNT_PODS,
    CPU,
    MEMORY,
    EPHEMERAL_STORAGE,
    REQUESTS_CPU,
    REQUESTS_MEMORY,
    REQUESTS_EPHEMERAL_STORAGE,
    LIMITS_CPU,
    LIMITS_MEMORY,
    LIMITS_EPHEMERAL_STORAGE,
    PODS,
];

/// The quota resources that force every container to set them (`validationSet`; upstream
/// calls this "a mistake" kept for compatibility).
pub const VALIDATION_SET: [&str; 6] = [
    CPU,
    MEMORY,
    REQUESTS_CPU,
    REQUESTS_MEMORY,
    LIMITS_CPU,
    LIMITS_MEMORY,
];

/// The Kubernetes feature gates that change what this workspace computes: the quota evaluators,
/// the pod resource helpers, LimitRanger and the HPA controller all read this one type.
///
/// `Default` is the defaults of the Kubernetes minor this build targets
/// ([`acp_model::kube_version::MINOR`], chosen by k8s-openapi's version feature);
/// [`FeatureGates::for_minor`] gives any other minor's. The defaults differ between minors:
///
/// | gate | 1.33 | 1.34 | 1.35 – 1.37 |
/// | --- | --- | --- | --- |
/// | `InPlacePodVerticalScaling` | on (beta) | on (beta) | on (GA) |
/// | `PodLevelResources` | off (alpha) | on (beta) | on (beta) |
/// | `VolumeAttributesClass` | off (beta) | on (GA) | on (GA) |
/// | `HPAConfigurableTolerance` | off (alpha) | off (alpha) | on (beta) |
///
/// ```
/// use acp_quota::usage::FeatureGates;
///
/// let gates = FeatureGates::for_minor(33);
/// assert!(gates.in_place_pod_vertical_scaling && !gates.pod_level_resources);
/// assert!(FeatureGates::for_minor(35).hpa_configurable_tolerance);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeatureGates {
    /// `InPlacePodVerticalScaling` (beta in 1.33 and 1.34, GA from 1.35; on in all): a resized pod is charged the
    /// maximum of its spec and its actuated/allocated resources.
    pub in_place_pod_vertical_scaling: bool,
    /// `PodLevelResources` (alpha in 1.33, beta and default on from 1.34): `spec.resources` overrides the
    /// containers for cpu, memory and hugepages, decides the QoS class, lifts the quota's
    /// "must specify" constraint, replaces the container sums LimitRanger's `Pod` items check,
    /// and gives the HPA the pod-level requests.
    pub pod_level_resources: bool,
    /// `VolumeAttributesClass` (beta and off in 1.33, GA and on from 1.34): PVC quotas may use the
    /// `VolumeAttributesClass` scope.
    pub volume_attributes_class: bool,
    /// `HPAConfigurableTolerance` (alpha and off in 1.33 and 1.34, beta and on from 1.35): the HPA honours
    /// `spec.behavior.scale{Up,Down}.tolerance`.
    pub hpa_configurable_tolerance: bool,
}

impl Default for FeatureGates {
    /// The defaults of [`acp_model::kube_version::MINOR`].
    fn default() -> Self {
        FeatureGates::for_minor(acp_model::kube_version::MINOR)
    }
}

impl FeatureGates {
    // kubernetes pkg/features/kube_features.go (v1.33-v1.37): the versioned default of each gate.
    /// The defaults of Kubernetes `1.<minor>` (`kube-apiserver`, `kube-controller-manager` and the
    /// kubelet without `--feature-gates`). Minors before 1.33 get 1.33's defaults, minors after
    /// 1.37 get 1.37's.
    pub fn for_minor(minor: u32) -> Self {
        FeatureGates {
            in_place_pod_vertical_scaling: true,
            pod_level_resources: minor >= 34,
            volume_attributes_class: minor >= 34,
            hpa_configurable_tolerance: minor >= 35,
        }
    }

    /// Every gate on: the newest behaviour, whatever the build's Kubernetes minor.
    pub fn all_enabled() -> Self {
        FeatureGates {
            in_place_pod_vertical_scaling: true,
            pod_level_resources: true,
            volume_attributes_class: true,
            hpa_configurable_tolerance: true,
        }
    }

    /// The [`PodResourcesOptions`] the pod evaluator passes (`PodUsageFunc`).
    pub fn pod_resources_options(&self) -> PodResourcesOptions {
        PodResourcesOptions {
            use_status_resources: self.in_place_pod_vertical_scaling,
            skip_pod_level_resources: !self.pod_level_resources,
            ..PodResourcesOptions::default()
        }
    }
}

/// `true` for resources in the `kubernetes.io` namespace: no `/`, or containing
/// `kubernetes.io/` (kubernetes `v1/helper.IsNativeResource`).
pub fn is_native_resource(name: &str) -> bool {
    !name.contains('/') || name.contains("kubernetes.io/")
}

/// `true` for an extended resource: not native, not `requests.`-prefixed, and
/// `requests.<name>` is a qualified name (kubernetes `v1/helper.IsExtendedResourceName`).
pub fn is_extended_resource_name(name: &str) -> bool {
    if is_native_resource(name) || name.starts_with(REQUESTS_PREFIX) {
        return false;
    }
    names::is_qualified_name(&format!("{REQUESTS_PREFIX}{name}")).is_empty()
}

/// An extended resource, or the implicit one of a DRA device class
/// (`deviceclass.resource.kubernetes.io/<class>`; scheduler `util.IsDRAExtendedResourceName`).
pub fn is_dra_extended_resource_name(name: &str) -> bool {
    is_extended_resource_name(name) || name.starts_with(DEVICE_CLASS_PREFIX)
}

/// `true` when a quota key is an extended-resource quota the pod evaluator tracks
/// (`isExtendedResourceNameForQuota`: `requests.` + a non-native name, or
/// `requests.deviceclass.resource.kubernetes.io/…`).
pub fn is_extended_resource_name_for_quota(name: &str) -> bool {
    let non_native = !is_native_resource(name);
    let implicit = name.starts_with("requests.deviceclass.resource.kubernetes.io/");
    (non_native || implicit) && name.starts_with(REQUESTS_PREFIX)
}

/// The quota keys among `input` that the pod evaluator tracks (`MatchingResources`): the
/// named pod resources (deduplicated, sorted), then every `hugepages-*`/`requests.hugepages-*`
/// and extended-resource key in input order.
pub fn pod_matching_resources<S: AsRef<str>>(input: &[S]) -> Vec<String> {
    let refs: Vec<&str> = input.iter().map(AsRef::as_ref).collect();
    pod_matching_resources_ref(&refs)
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// [`pod_matching_resources`] without copying the names.
pub(crate) fn pod_matching_resources_ref<'a>(input: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = input
        .iter()
        .copied()
        .filter(|r| POD_RESOURCES.contains(r))
        .collect();
    out.sort_unstable();
    out.dedup();
    for r in input {
        if contains_prefix(&[HUGEPAGES_PREFIX, REQUESTS_HUGEPAGES_PREFIX], r) {
            out.push(r);
        }
        if is_extended_resource_name_for_quota(r) {
            out.push(r);
        }
    }
    out
}

/// The quota keys among `input` that the PVC evaluator tracks (`MatchingResources`):
/// `count/persistentvolumeclaims`, `persistentvolumeclaims`, `requests.storage` and their
/// `<class>.storageclass.storage.k8s.io/` forms.
pub fn pvc_matching_resources<S: AsRef<str>>(input: &[S]) -> Vec<String> {
    let refs: Vec<&str> = input.iter().map(AsRef::as_ref).collect();
    pvc_matching_resources_ref(&refs)
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// [`pvc_matching_resources`] without copying the names.
pub(crate) fn pvc_matching_resources_ref<'a>(input: &[&'a str]) -> Vec<&'a str> {
    input
        .iter()
        .copied()
        .filter(|r| {
            *r == COUNT_PERSISTENT_VOLUME_CLAIMS
                || *r == PERSISTENT_VOLUME_CLAIMS
                || *r == REQUESTS_STORAGE
                || [PERSISTENT_VOLUME_CLAIMS, REQUESTS_STORAGE]
                    .iter()
                    .any(|base| {
                        r.strip_suffix(base)
                            .is_some_and(|head| head.ends_with(STORAGE_CLASS_SUFFIX))
                    })
        })
        .collect()
}

/// `<class>.storageclass.storage.k8s.io/<resource>` (`V1ResourceByStorageClass`).
pub fn resource_by_storage_class(class: &str, resource: &str) -> String {
    format!("{class}{STORAGE_CLASS_SUFFIX}{resource}")
}

/// The quota usage of one set of requests and limits (`podComputeUsageHelper`): used for a
/// whole pod (from [`pod::pod_requests`]/[`pod::pod_limits`]) and for one container (the
/// "must specify" constraint).
pub fn compute_usage(requests: &ResourceList, limits: &ResourceList) -> ResourceList {
    let mut out = ResourceList::new();
    out.insert(
        PODS,
        Quantity::from_int(1, acp_model::quantity::Format::DecimalSI),
    );
    for (base, req_key, lim_key) in [
        (CPU, REQUESTS_CPU, LIMITS_CPU),
        (MEMORY, REQUESTS_MEMORY, LIMITS_MEMORY),
        (
            EPHEMERAL_STORAGE,
            REQUESTS_EPHEMERAL_STORAGE,
            LIMITS_EPHEMERAL_STORAGE,
        ),
    ] {
        if let Some(r) = requests.get(base) {
            out.insert(base, r.clone());
            out.insert(req_key, r.clone());
        }
        if let Some(l) = limits.get(base) {
            out.insert(lim_key, l.clone());
        }
    }
    for (name, q) in requests {
        if name.starts_with(HUGEPAGES_PREFIX) {
            out.insert(name.clone(), q.clone());
            out.insert(format!("{REQUESTS_PREFIX}{name}"), q.clone());
        }
        if is_dra_extended_resource_name(name) {
            out.insert(format!("{REQUESTS_PREFIX}{name}"), q.clone());
        }
    }
    out
}

/// Whether a pod's compute resources are charged (`QuotaV1Pod`): not when its phase is
/// `Failed` or `Succeeded`, nor when `now` is strictly after `deletionTimestamp +
/// deletionGracePeriodSeconds` (both must be set).
// DEVIATION: from the ACP documentation, not from upstream: the documentation says terminating pods
// are not counted; upstream (followed here) charges them until deletionTimestamp + grace period has
// passed.
pub fn is_charged(pod: &Pod, now: jiff::Timestamp) -> bool {
    let phase = pod.status.as_ref().and_then(|s| s.phase.as_deref());
    if matches!(phase, Some("Failed" | "Succeeded")) {
        return false;
    }
    let meta = &pod.metadata;
    if let (Some(ts), Some(grace)) = (
        meta.deletion_timestamp.as_ref(),
        meta.deletion_grace_period_seconds,
    ) {
        // Go: time.Duration(grace) * time.Second, which wraps in int64 nanoseconds
        let nanos = grace.wrapping_mul(1_000_000_000);
        let deadline = ts.0.checked_add(jiff::SignedDuration::from_nanos(nanos));
        let past = match deadline {
            Ok(d) => now > d,
            // beyond jiff's range: far future when positive, far past when negative
            Err(_) => nanos < 0,
        };
        if past {
            return false;
        }
    }
    true
}

/// `true` when `spec.activeDeadlineSeconds >= 0` (`IsTerminating`; the `Terminating` scope).
pub fn is_terminating(pod: &Pod) -> bool {
    pod.spec
        .as_ref()
        .and_then(|s| s.active_deadline_seconds)
        .is_some_and(|d| d >= 0)
}

/// The quota usage of a pod (`PodUsageFunc`): `count/pods` always, the compute usage while
/// [`is_charged`].
///
/// # Errors
/// Every quantity of the pod that does not parse, with its field path.
pub fn pod_usage(
    pod: &Pod,
    now: jiff::Timestamp,
    gates: &FeatureGates,
) -> Result<ResourceList, ErrorList> {
    let mut out = ResourceList::new();
    out.insert(
        COUNT_PODS,
        Quantity::from_int(1, acp_model::quantity::Format::DecimalSI),
    );
    if !is_charged(pod, now) {
        return Ok(out);
    }
    let opts = gates.pod_resources_options();
    let requests = pod::pod_requests(pod, &opts);
    let limits = pod::pod_limits(pod, &opts);
    let (requests, limits) = match (requests, limits) {
        (Ok(r), Ok(l)) => (r, l),
        (Err(e), Ok(_)) | (Ok(_), Err(e)) => return Err(e),
        (Err(mut e), Err(e2)) => {
            for x in e2 {
                if !e.0.contains(&x) {
                    e.push(x);
                }
            }
            return Err(e);
        }
    };
    out.add_assign(&compute_usage(&requests, &limits));
    Ok(out)
}

/// The storage class a PVC is charged to (component-helpers `GetPersistentVolumeClaimClass`):
/// the beta annotation when present (even empty), else `spec.storageClassName`, else `""`.
pub fn pvc_storage_class(pvc: &PersistentVolumeClaim) -> &str {
    if let Some(c) = pvc
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(BETA_STORAGE_CLASS_ANNOTATION))
    {
        return c;
    }
    pvc.spec
        .as_ref()
        .and_then(|s| s.storage_class_name.as_deref())
        .unwrap_or("")
}

/// `q` rounded up to a whole number (upstream `RoundUp(0)`, away from zero); unchanged when
/// already whole or too large for an `i64`.
fn round_up_whole(q: &Quantity) -> Quantity {
    match q.checked_scaled_value(0) {
        Some(v) => {
            let whole = Quantity::from_int(v, q.format());
            if whole == *q { q.clone() } else { whole }
        }
        None => q.clone(),
    }
}

/// The quota usage of a PVC (`pvcEvaluator.Usage`).
///
/// # Errors
/// A `storage` request or allocation that does not parse, with its field path.
pub fn pvc_usage(pvc: &PersistentVolumeClaim) -> Result<ResourceList, ErrorList> {
    let one = || Quantity::from_int(1, acp_model::quantity::Format::DecimalSI);
    let mut out = ResourceList::new();
    out.insert(PERSISTENT_VOLUME_CLAIMS, one());
    out.insert(COUNT_PERSISTENT_VOLUME_CLAIMS, one());
    let class = pvc_storage_class(pvc);
    if !class.is_empty() {
        out.insert(
            resource_by_storage_class(class, PERSISTENT_VOLUME_CLAIMS),
            one(),
        );
    }
    let requests = ResourceList::from_k8s_opt(
        pvc.spec
            .as_ref()
            .and_then(|s| s.resources.as_ref())
            .and_then(|r| r.requests.as_ref()),
        &FieldPath::new("spec").child("resources").child("requests"),
    )?;
    let allocated = ResourceList::from_k8s_opt(
        pvc.status
            .as_ref()
            .and_then(|s| s.allocated_resources.as_ref()),
        &FieldPath::new("status").child("allocatedResources"),
    )?;
    let mut storage = requests.get(STORAGE).map(round_up_whole);
    if let (Some(req), Some(alloc)) = (storage.as_ref(), allocated.get(STORAGE))
        && alloc > req
    {
        storage = Some(round_up_whole(alloc));
    }
    if let Some(s) = storage {
        if !class.is_empty() {
            out.insert(
                resource_by_storage_class(class, REQUESTS_STORAGE),
                s.clone(),
            );
        }
        out.insert(REQUESTS_STORAGE, s);
    }
    Ok(out)
}

/// Why a scope selector could not be evaluated.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScopeError {
    /// The operator is not `In`, `NotIn`, `Exists` or `DoesNotExist`.
    #[error(
        "failed to parse and convert selector: {operator:?} is not a valid scope selector operator"
    )]
    InvalidOperator {
        /// The operator given.
        operator: String,
    },
    /// The values do not fit the operator, or are not label values.
    #[error("failed to parse and convert selector: {detail}")]
    InvalidValues {
        /// What is wrong (apimachinery `labels.NewRequirement`'s checks).
        detail: String,
    },
}

/// A scope selector printed as Go prints the struct with `%v`:
/// `{PriorityClass In [cluster-services]}`.
pub struct GoSelector<'a>(pub &'a ScopedResourceSelectorRequirement);

impl fmt::Display for GoSelector<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let values = self.0.values.as_deref().unwrap_or_default().join(" ");
        write!(
            f,
            "{{{} {} [{}]}}",
            self.0.scope_name, self.0.operator, values
        )
    }
}

/// The selectors a quota's scopes stand for (`getScopeSelectorsFromQuota`): each
/// `spec.scopes` entry as `Exists`, then `spec.scopeSelector.matchExpressions`.
pub fn quota_scope_selectors(quota: &ResourceQuota) -> Vec<ScopedResourceSelectorRequirement> {
    let mut out = Vec::new();
    if let Some(spec) = quota.spec.as_ref() {
        for s in spec.scopes.iter().flatten() {
            out.push(ScopedResourceSelectorRequirement {
                scope_name: s.clone(),
                operator: "Exists".into(),
                values: None,
            });
        }
        if let Some(sel) = spec.scope_selector.as_ref() {
            out.extend(sel.match_expressions.iter().flatten().cloned());
        }
    }
    out
}

/// Evaluates a label-selector requirement with key `key` against a set holding at most that
/// key (`ScopedResourceSelectorRequirementsAsSelector` + `Matches`).
fn selector_matches(
    sel: &ScopedResourceSelectorRequirement,
    value: Option<&str>,
) -> Result<bool, ScopeError> {
    let values = sel.values.as_deref().unwrap_or_default();
    let mut problems = Vec::new();
    let key_errs = names::is_qualified_name(&sel.scope_name);
    if !key_errs.is_empty() {
        problems.push(format!(
            "key: Invalid value: {:?}: {}",
            sel.scope_name,
            key_errs.join("; ")
        ));
    }
    match sel.operator.as_str() {
        "In" | "NotIn" => {
            if values.is_empty() {
                problems.push(
                    "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"
                        .into(),
                );
            }
        }
        "Exists" | "DoesNotExist" => {
            if !values.is_empty() {
                problems.push(format!(
                    "values: Invalid value: {values:?}: values set must be empty for exists and does not exist"
                ));
            }
        }
        other => {
            return Err(ScopeError::InvalidOperator {
                operator: other.to_owned(),
            });
        }
    }
    for (i, v) in values.iter().enumerate() {
        let errs = names::is_label_value(v);
        if !errs.is_empty() {
            problems.push(format!(
                "values[{i}][{}]: Invalid value: {v:?}: {}",
                sel.scope_name,
                errs.join("; ")
            ));
        }
    }
    if !problems.is_empty() {
        let detail = if problems.len() == 1 {
            problems.remove(0)
        } else {
            format!("[{}]", problems.join(", "))
        };
        return Err(ScopeError::InvalidValues { detail });
    }
    Ok(match sel.operator.as_str() {
        "In" => value.is_some_and(|v| values.iter().any(|x| x == v)),
        "NotIn" => value.is_none_or(|v| values.iter().all(|x| x != v)),
        "Exists" => value.is_some(),
        _ => value.is_none(),
    })
}

fn cross_namespace_term(t: &PodAffinityTerm) -> bool {
    t.namespaces.as_ref().is_some_and(|n| !n.is_empty()) || t.namespace_selector.is_some()
}

/// `true` when a pod (anti-)affinity term names namespaces or a namespace selector
/// (`usesCrossNamespacePodAffinity`).
pub fn uses_cross_namespace_pod_affinity(pod: &Pod) -> bool {
    let Some(aff) = pod.spec.as_ref().and_then(|s| s.affinity.as_ref()) else {
        return false;
    };
    let check =
        |req: Option<&Vec<PodAffinityTerm>>,
         pref: Option<&Vec<k8s_openapi::api::core::v1::WeightedPodAffinityTerm>>| {
            req.into_iter().flatten().any(cross_namespace_term)
                || pref
                    .into_iter()
                    .flatten()
                    .any(|w| cross_namespace_term(&w.pod_affinity_term))
        };
    let affinity = aff.pod_affinity.as_ref().is_some_and(|a| {
        check(
            a.required_during_scheduling_ignored_during_execution
                .as_ref(),
            a.preferred_during_scheduling_ignored_during_execution
                .as_ref(),
        )
    });
    let anti = aff.pod_anti_affinity.as_ref().is_some_and(|a| {
        check(
            a.required_during_scheduling_ignored_during_execution
                .as_ref(),
            a.preferred_during_scheduling_ignored_during_execution
                .as_ref(),
        )
    });
    affinity || anti
}

/// Whether a pod matches one scope selector (`podMatchesScopeFunc`).
///
/// # Errors
/// An invalid `PriorityClass` selector (operator or values), or a pod whose QoS class cannot
/// be computed (unparsable cpu/memory quantity) for the `BestEffort` scopes.
pub fn pod_matches_scope(
    sel: &ScopedResourceSelectorRequirement,
    pod: &Pod,
    gates: &FeatureGates,
) -> Result<bool, PodScopeError> {
    let best_effort = || -> Result<bool, PodScopeError> {
        Ok(qos_of(pod, gates).map_err(PodScopeError::Quantities)? == QosClass::BestEffort)
    };
    Ok(match sel.scope_name.as_str() {
        "Terminating" => is_terminating(pod),
        "NotTerminating" => !is_terminating(pod),
        "BestEffort" => best_effort()?,
        "NotBestEffort" => !best_effort()?,
        "PriorityClass" => {
            let pc = pod
                .spec
                .as_ref()
                .and_then(|s| s.priority_class_name.as_deref())
                .filter(|s| !s.is_empty());
            if sel.operator == "Exists" {
                pc.is_some()
            } else {
                selector_matches(sel, pc).map_err(PodScopeError::Selector)?
            }
        }
        "CrossNamespacePodAffinity" => uses_cross_namespace_pod_affinity(pod),
        _ => false,
    })
}

/// The QoS class the quota evaluator uses (`qos.GetPodQOS` with the `PodLevelResources` gate).
fn qos_of(pod: &Pod, gates: &FeatureGates) -> Result<QosClass, ErrorList> {
    pod::qos_class_with(pod, gates.pod_level_resources)
}

/// Why a pod could not be matched against a scope.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PodScopeError {
    /// The selector is invalid.
    #[error(transparent)]
    Selector(#[from] ScopeError),
    /// The pod's cpu/memory quantities do not parse (needed for the QoS class).
    #[error("{0}")]
    Quantities(ErrorList),
}

/// The volume attributes classes a PVC references (spec, status, pending modification).
fn volume_attributes_classes(pvc: &PersistentVolumeClaim) -> Vec<&str> {
    let st = pvc.status.as_ref();
    let mut out: Vec<&str> = [
        pvc.spec
            .as_ref()
            .and_then(|s| s.volume_attributes_class_name.as_deref()),
        st.and_then(|s| s.current_volume_attributes_class_name.as_deref()),
        st.and_then(|s| s.modify_volume_status.as_ref())
            .and_then(|m| m.target_volume_attributes_class_name.as_deref()),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether a PVC matches one scope selector (`pvcMatchesScopeFunc`): only
/// `VolumeAttributesClass` can match, and only with the `VolumeAttributesClass` gate.
///
/// # Errors
/// An invalid selector.
pub fn pvc_matches_scope(
    sel: &ScopedResourceSelectorRequirement,
    pvc: &PersistentVolumeClaim,
    gates: &FeatureGates,
) -> Result<bool, ScopeError> {
    if !gates.volume_attributes_class || sel.scope_name != "VolumeAttributesClass" {
        return Ok(false);
    }
    let classes = volume_attributes_classes(pvc);
    if sel.operator == "Exists" {
        return Ok(!classes.is_empty());
    }
    if classes.is_empty() {
        return selector_matches(sel, None);
    }
    for c in classes {
        if selector_matches(sel, Some(c))? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether a container's quota usage ([`compute_usage`] of its own requests and limits) has
/// `key`, for the keys of [`VALIDATION_SET`]: only the presence of the request or limit counts.
fn container_sets(c: &k8s_openapi::api::core::v1::Container, key: &str) -> bool {
    let res = c.resources.as_ref();
    let has = |m: Option<&crate::resources::K8sResourceList>, k: &str| {
        m.is_some_and(|m| m.contains_key(k))
    };
    let req = res.and_then(|r| r.requests.as_ref());
    let lim = res.and_then(|r| r.limits.as_ref());
    match key {
        CPU | REQUESTS_CPU => has(req, CPU),
        MEMORY | REQUESTS_MEMORY => has(req, MEMORY),
        LIMITS_CPU => has(lim, CPU),
        LIMITS_MEMORY => has(lim, MEMORY),
        _ => true,
    }
}

/// Evaluates the pod quota constraint (`podEvaluator.Constraints`): when the quota tracks
/// `cpu`/`memory` (as requests or limits), every container and init container must set them.
/// Returns `None` when satisfied, else upstream's message
/// `must specify limits.cpu for: a,b; memory for: a` (resources and container names sorted).
/// With the `PodLevelResources` gate and pod-level resources set, nothing is required.
pub fn pod_constraints<S: AsRef<str>>(
    required: &[S],
    pod: &Pod,
    gates: &FeatureGates,
) -> Option<String> {
    let empty = k8s_openapi::api::core::v1::PodSpec::default();
    let spec = pod.spec.as_ref().unwrap_or(&empty);
    if gates.pod_level_resources && pod::is_pod_level_resources_set(spec) {
        return None;
    }
    let required: std::collections::BTreeSet<&str> = required
        .iter()
        .map(AsRef::as_ref)
        .filter(|r| VALIDATION_SET.contains(r))
        .collect();
    if required.is_empty() {
        return None;
    }
    let mut missing: std::collections::BTreeMap<&str, std::collections::BTreeSet<&str>> =
        std::collections::BTreeMap::new();
    for c in spec
        .containers
        .iter()
        .chain(spec.init_containers.iter().flatten())
    {
        for r in &required {
            if !container_sets(c, r) {
                missing.entry(r).or_default().insert(c.name.as_str());
            }
        }
    }
    if missing.is_empty() {
        return None;
    }
    let parts: Vec<String> = missing
        .iter()
        .map(|(r, names)| {
            format!(
                "{r} for: {}",
                names.iter().copied().collect::<Vec<_>>().join(",")
            )
        })
        .collect();
    Some(format!("must specify {}", parts.join("; ")))
}

#[cfg(test)]
mod tests;
