//! LimitRange defaulting, LimitRanger mutation and validation, exactly as the apiserver does it.
//!
//! ```
//! use acp_quota::limitrange::{LimitRanger, default_limit_range};
//! use k8s_openapi::api::core::v1::{LimitRange, Pod};
//!
//! // The ACP documentation's LimitRange.
// seed 003:4108
//! let mut lr: LimitRange = serde_json::from_value(serde_json::json!({
//!     "metadata": {"name": "example-limitrange", "namespace": "example"},
//!     "spec": {"limits": [{"type": "Container",
//!         "default": {"cpu": "100m", "memory": "100Mi"},
//!         "defaultRequest": {"cpu": "50m", "memory": "50Mi"},
//!         "max": {"cpu": "1000m", "memory": "1000Mi"}}]}
//! })).unwrap();
//! default_limit_range(&mut lr); // what the apiserver stores
//!
//! let mut pod: Pod = serde_json::from_value(serde_json::json!({
//!     "metadata": {"name": "web"},
//!     "spec": {"containers": [{"name": "app", "resources": {"limits": {"cpu": "500m"}}}]}
//! })).unwrap();
//! LimitRanger::default().create_pod(&[lr], &mut pod).unwrap();
//! let res = pod.spec.as_ref().unwrap().containers[0].resources.clone().unwrap();
//! // the pod's own default: request = limit; LimitRanger fills only the missing memory keys
//! assert_eq!(res.requests.unwrap()["cpu"].0, "500m");
//! assert_eq!(res.limits.unwrap()["memory"].0, "100Mi");
//! assert_eq!(
//!     pod.metadata.annotations.unwrap()["kubernetes.io/limit-ranger"],
//!     "LimitRanger plugin set: memory request for container app; memory limit for container app"
//! );
//! ```
//!
//! # What happens to a pod, in the apiserver's order
//!
//! 1. **Defaulting** at decode (`pkg/apis/core/v1/defaults.go` `SetDefaults_Pod`): a container
//!    (or init container) that sets a limit but no request for a resource gets request = limit
//!    ([`default_pod_requests`]).
//! 2. **LimitRanger mutation** (`plugin/pkg/admission/limitranger/admission.go`
//!    `PodMutateLimitFunc`), once per LimitRange of the namespace, in list order: the `Container`
//!    items' `default` / `defaultRequest` fill only keys a container does not set, and the pod is
//!    annotated `kubernetes.io/limit-ranger: LimitRanger plugin set: …`
//!    ([`LimitRanger::mutate_pod`]).
//! 3. **LimitRanger validation** (`PodValidateLimitFunc`), once per LimitRange; the first
//!    LimitRange that fails rejects the pod with every violation it found
//!    ([`LimitRanger::validate_pod`], [`LimitRanger::admit_pod`]).
//!
//! [`LimitRanger::create_pod`] runs all three. The LimitRange objects themselves are read as the
//! apiserver stores them, i.e. after [`default_limit_range`] (`SetDefaults_LimitRangeItem`); call
//! it on objects parsed from YAML.
//!
//! LimitRanger handles pod **creation** only: it skips pod updates (containers are immutable)
//! and every subresource but `resize` (`SupportsAttributes`); PersistentVolumeClaims are
//! validated on create and update ([`LimitRanger::admit_pvc`]).
//!
//! # Deviations
//!
//! * Upstream walks Go maps, so the order of several violations in one rejection varies from
//!   call to call; here it is fixed: LimitRange items in order, containers then init containers,
//!   and within each `min`, `max`, `maxLimitRequestRatio`, each by resource name.
//! * A quantity that does not parse cannot reach upstream (decoding rejects it); here it is
//!   reported as [`Violation::InvalidQuantity`] / an `Invalid value` field error instead of a
//!   panic.
//! * Pod-level defaulting of `spec.resources.requests` from pod-level limits (`defaultPodRequests`,
//!   `PodLevelResources`) is not done by [`default_pod_requests`]; the pod-level override of the
//!   aggregated requests/limits used by `Pod` items is (see [`LimitRanger::pod_requests`]).

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use crate::pod::{PodResourcesOptions, pod_limits, pod_requests};
use crate::resources::{K8sResourceList, ResourceList};
use crate::usage::{FeatureGates, is_extended_resource_name, is_native_resource};
use acp_model::go;
use acp_model::names::{NameRule, is_qualified_name, validate_object_meta};
use acp_model::quantity::{Format, Quantity};
use acp_model::resource_names::{
    CPU, EPHEMERAL_STORAGE, HUGEPAGES_PREFIX, LIMITS_CPU, LIMITS_EPHEMERAL_STORAGE, LIMITS_MEMORY,
    MEMORY, PERSISTENT_VOLUME_CLAIMS, PODS, REQUESTS_CPU, REQUESTS_EPHEMERAL_STORAGE,
    REQUESTS_HUGEPAGES_PREFIX, REQUESTS_MEMORY, REQUESTS_STORAGE, SERVICES, STORAGE,
};
use acp_model::validation::{BadValue, ErrorList, FieldError, FieldPath};
use k8s_openapi::api::core::v1::{
    Container, LimitRange, LimitRangeItem, PersistentVolumeClaim, Pod, PodSpec,
};

/// The annotation LimitRanger writes on a pod it changed (upstream `limitRangerAnnotation`).
pub const LIMIT_RANGER_ANNOTATION: &str = "kubernetes.io/limit-ranger";
/// `type: Pod` (upstream `LimitTypePod`).
pub const LIMIT_TYPE_POD: &str = "Pod";
/// `type: Container` (upstream `LimitTypeContainer`).
pub const LIMIT_TYPE_CONTAINER: &str = "Container";
/// `type: PersistentVolumeClaim` (upstream `LimitTypePersistentVolumeClaim`).
pub const LIMIT_TYPE_PVC: &str = "PersistentVolumeClaim";
/// apimachinery `resource.MaxMilliValue` (`math.MaxInt64 / 1000`): above it, comparisons fall
/// back from milli-units to whole units.
pub const MAX_MILLI_VALUE: i64 = i64::MAX / 1000;

// ---------------------------------------------------------------------------------------------
// API defaulting
// ---------------------------------------------------------------------------------------------

fn fill_missing(target: &mut Option<K8sResourceList>, from: Option<&K8sResourceList>) {
    let Some(from) = from else { return };
    for (k, v) in from {
        let t = target.get_or_insert_with(BTreeMap::new);
        if !t.contains_key(k) {
            t.insert(k.clone(), v.clone());
        }
    }
}

/// `SetDefaults_LimitRangeItem` (kubernetes `pkg/apis/core/v1/defaults.go`): for a `Container`
/// item only, `default` ← `max` for each key `default` lacks, then `defaultRequest` ← `default`,
/// then `defaultRequest` ← `min`. Other item types are left alone. Like Go's `omitempty`, an
/// empty map stays absent.
pub fn default_limit_range_item(item: &mut LimitRangeItem) {
    if item.type_ != LIMIT_TYPE_CONTAINER {
        return;
    }
    fill_missing(&mut item.default, item.max.as_ref());
    fill_missing(&mut item.default_request, item.default.as_ref());
    fill_missing(&mut item.default_request, item.min.as_ref());
}

/// [`default_limit_range_item`] on every item: the LimitRange as the apiserver stores it.
pub fn default_limit_range(lr: &mut LimitRange) {
    if let Some(spec) = lr.spec.as_mut() {
        spec.limits.iter_mut().for_each(default_limit_range_item);
    }
}

/// The pod's own request default (`SetDefaults_Pod`, kubernetes `pkg/apis/core/v1/defaults.go`):
/// in every container and init container that has limits, each resource with a limit and no
/// request gets request = limit. (Upstream does this for Pods only, not for pod templates.)
// DEVIATION: pod-level `spec.resources.requests` are not defaulted from pod-level limits (upstream
// `defaultPodRequests` under `PodLevelResources`).
pub fn default_pod_requests(spec: &mut PodSpec) {
    let inits = spec.init_containers.iter_mut().flatten();
    for c in spec.containers.iter_mut().chain(inits) {
        if let Some(r) = c.resources.as_mut() {
            let limits = r.limits.clone();
            fill_missing(&mut r.requests, limits.as_ref());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// LimitRanger mutation
// ---------------------------------------------------------------------------------------------

/// The requests and limits a LimitRange gives containers that do not set them (upstream
/// `defaultContainerResourceRequirements`): the union of the `Container` items' `defaultRequest`
/// and `default`, a later item overriding an earlier one for the same key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContainerDefaults {
    /// Default requests (`defaultRequest`).
    pub requests: K8sResourceList,
    /// Default limits (`default`).
    pub limits: K8sResourceList,
}

/// [`ContainerDefaults`] of one LimitRange.
pub fn container_defaults(lr: &LimitRange) -> ContainerDefaults {
    let mut d = ContainerDefaults::default();
    for item in lr.spec.iter().flat_map(|s| &s.limits) {
        if item.type_ == LIMIT_TYPE_CONTAINER {
            for (k, v) in item.default_request.iter().flatten() {
                d.requests.insert(k.clone(), v.clone());
            }
            for (k, v) in item.default.iter().flatten() {
                d.limits.insert(k.clone(), v.clone());
            }
        }
    }
    d
}

/// Fills the missing keys of one container; returns the annotation parts (upstream
/// `mergeContainerResources`).
fn merge_container(c: &mut Container, d: &ContainerDefaults, prefix: &str, out: &mut Vec<String>) {
    let mut set_limits = Vec::new();
    let mut set_requests = Vec::new();
    if !d.limits.is_empty() || !d.requests.is_empty() {
        let r = c.resources.get_or_insert_with(Default::default);
        for (k, v) in &d.limits {
            let l = r.limits.get_or_insert_with(BTreeMap::new);
            if !l.contains_key(k) {
                l.insert(k.clone(), v.clone());
                set_limits.push(k.as_str());
            }
        }
        for (k, v) in &d.requests {
            let q = r.requests.get_or_insert_with(BTreeMap::new);
            if !q.contains_key(k) {
                q.insert(k.clone(), v.clone());
                set_requests.push(k.as_str());
            }
        }
    }
    // BTreeMap iteration is already sorted, as upstream's sort.Strings.
    if !set_requests.is_empty() {
        out.push(format!(
            "{} request for {prefix} {}",
            set_requests.join(", "),
            c.name
        ));
    }
    if !set_limits.is_empty() {
        out.push(format!(
            "{} limit for {prefix} {}",
            set_limits.join(", "),
            c.name
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// Violations
// ---------------------------------------------------------------------------------------------

/// One LimitRange constraint a pod or claim breaks; `Display` is upstream's error text
/// (`minConstraint`, `maxConstraint`, `maxRequestConstraint`, `limitRequestRatioConstraint`).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Violation {
    /// `min` is set but the request is missing.
    #[error("minimum {resource} usage per {limit_type} is {min}.  No request is specified")]
    MinNoRequest {
        /// Resource name.
        resource: String,
        /// `Container`, `Pod` or `PersistentVolumeClaim`.
        limit_type: String,
        /// The LimitRange's minimum.
        min: Quantity,
    },
    /// The request is below `min`.
    #[error("minimum {resource} usage per {limit_type} is {min}, but request is {request}")]
    MinRequest {
        /// Resource name.
        resource: String,
        /// Item type.
        limit_type: String,
        /// The minimum.
        min: Quantity,
        /// The observed request.
        request: Quantity,
    },
    /// The limit is below `min`.
    #[error("minimum {resource} usage per {limit_type} is {min}, but limit is {limit}")]
    MinLimit {
        /// Resource name.
        resource: String,
        /// Item type.
        limit_type: String,
        /// The minimum.
        min: Quantity,
        /// The observed limit.
        limit: Quantity,
    },
    /// `max` is set on a `PersistentVolumeClaim` item but the claim requests nothing.
    #[error("maximum {resource} usage per {limit_type} is {max}.  No request is specified")]
    MaxNoRequest {
        /// Resource name.
        resource: String,
        /// Item type.
        limit_type: String,
        /// The maximum.
        max: Quantity,
    },
    /// `max` is set but the limit is missing.
    #[error("maximum {resource} usage per {limit_type} is {max}.  No limit is specified")]
    MaxNoLimit {
        /// Resource name.
        resource: String,
        /// Item type.
        limit_type: String,
        /// The maximum.
        max: Quantity,
    },
    /// The limit is above `max`.
    #[error("maximum {resource} usage per {limit_type} is {max}, but limit is {limit}")]
    MaxLimit {
        /// Resource name.
        resource: String,
        /// Item type.
        limit_type: String,
        /// The maximum.
        max: Quantity,
        /// The observed limit.
        limit: Quantity,
    },
    /// The request is above `max`.
    #[error("maximum {resource} usage per {limit_type} is {max}, but request is {request}")]
    MaxRequest {
        /// Resource name.
        resource: String,
        /// Item type.
        limit_type: String,
        /// The maximum.
        max: Quantity,
        /// The observed request.
        request: Quantity,
    },
    /// `maxLimitRequestRatio` is set but the request is missing or zero.
    #[error(
        "{resource} max limit to request ratio per {limit_type} is {ratio}, but no request is specified or request is 0"
    )]
    RatioNoRequest {
        /// Resource name.
        resource: String,
        /// Item type.
        limit_type: String,
        /// The maximum ratio.
        ratio: Quantity,
    },
    /// `maxLimitRequestRatio` is set but the limit is missing or zero.
    #[error(
        "{resource} max limit to request ratio per {limit_type} is {ratio}, but no limit is specified or limit is 0"
    )]
    RatioNoLimit {
        /// Resource name.
        resource: String,
        /// Item type.
        limit_type: String,
        /// The maximum ratio.
        ratio: Quantity,
    },
    /// limit / request is above `maxLimitRequestRatio`. The observed ratio is upstream's
    /// float64 quotient, printed with `%f`.
    #[error(
        "{resource} max limit to request ratio per {limit_type} is {ratio}, but provided ratio is {}",
        go::format_f(*observed)
    )]
    Ratio {
        /// Resource name.
        resource: String,
        /// Item type.
        limit_type: String,
        /// The maximum ratio.
        ratio: Quantity,
        /// limit / request as upstream computes it (float64, as upstream).
        observed: f64,
    },
    /// A quantity in the object or the LimitRange does not parse (the apiserver's decoder would
    /// have refused the object; reported here instead), e.g.
    /// `spec.containers[0].resources.limits[cpu]: Invalid value: "lots": quantities must match …`.
    #[error("{0}")]
    InvalidQuantity(FieldError),
}

/// Every constraint of one LimitRange an object breaks, in a fixed order; never empty.
///
/// `Display` is apimachinery's aggregate of the violations (one alone, several bracketed and
/// comma-separated, exact duplicates dropped), as the apiserver prints them after
/// `is forbidden: `.
#[derive(Clone, Debug, PartialEq)]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// The violations, in order.
    pub fn as_slice(&self) -> &[Violation] {
        &self.0
    }

    /// Iterates the violations.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// How many violations (at least one).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always `false`: a `Violations` error holds at least one violation.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The violations, owned.
    pub fn into_vec(self) -> Vec<Violation> {
        self.0
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&aggregate(&self.0))
    }
}

impl std::error::Error for Violations {}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

fn violations(v: Vec<Violation>) -> Result<(), Violations> {
    if v.is_empty() {
        Ok(())
    } else {
        Err(Violations(v))
    }
}

/// The apiserver's rejection of an object by LimitRanger: `admission.NewForbidden` around the
/// aggregate of one LimitRange's violations, e.g.
/// `pods "web" is forbidden: maximum cpu usage per Container is 1, but limit is 2`.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error(
    "{resource} {} is forbidden: {}",
    go::quote(name),
    aggregate(violations)
)]
#[non_exhaustive]
pub struct Forbidden {
    /// `pods` or `persistentvolumeclaims`.
    pub resource: String,
    /// The object's name, else its `generateName`, else `Unknown` (upstream
    /// `extractResourceName`).
    pub name: String,
    /// The LimitRange that rejected the object.
    pub limit_range: String,
    /// Every violation of that LimitRange.
    pub violations: Vec<Violation>,
}

/// apimachinery `utilerrors.NewAggregate(errs).Error()`: one message alone, several deduplicated
/// and bracketed, comma-separated.
fn aggregate(v: &[Violation]) -> String {
    let mut set = HashSet::new();
    let mut seen: Vec<String> = Vec::new();
    for m in v.iter().map(ToString::to_string) {
        if set.insert(m.clone()) {
            seen.push(m);
        }
    }
    match seen.len() {
        1 => seen.remove(0),
        _ => format!("[{}]", seen.join(", ")),
    }
}

fn object_name(meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta) -> String {
    meta.name
        .clone()
        .filter(|n| !n.is_empty())
        .or_else(|| meta.generate_name.clone().filter(|n| !n.is_empty()))
        .unwrap_or_else(|| "Unknown".into())
}

// ---------------------------------------------------------------------------------------------
// Constraint checks
// ---------------------------------------------------------------------------------------------

fn parse_list(
    list: Option<&K8sResourceList>,
    field: &FieldPath,
    errs: &mut Vec<Violation>,
) -> ResourceList {
    let mut out = ResourceList::new();
    for (k, v) in list.into_iter().flatten() {
        match Quantity::try_from(v) {
            Ok(q) => {
                out.insert(k.clone(), q);
            }
            // DEVIATION: a quantity that does not parse is reported as a violation; upstream never
            // sees one (decoding rejects it) and would panic.
            Err(e) => errs.push(Violation::InvalidQuantity(FieldError::invalid(
                &field.key(k),
                v.0.as_str(),
                e.to_string(),
            ))),
        }
    }
    out
}

/// upstream `requestLimitEnforcedValues`: whole units, or milli-units when all three fit.
fn enforced_values(
    req: Option<&Quantity>,
    lim: Option<&Quantity>,
    enf: &Quantity,
) -> (i64, i64, i64) {
    let zero = Quantity::ZERO;
    let (req, lim) = (req.unwrap_or(&zero), lim.unwrap_or(&zero));
    let (r, l, e) = (req.value(), lim.value(), enf.value());
    if r <= MAX_MILLI_VALUE && l <= MAX_MILLI_VALUE && e <= MAX_MILLI_VALUE {
        (req.milli_value(), lim.milli_value(), enf.milli_value())
    } else {
        (r, l, e)
    }
}

fn min_constraint(
    t: &str,
    k: &str,
    enf: &Quantity,
    req: &ResourceList,
    lim: &ResourceList,
) -> Option<Violation> {
    let (r, l) = (req.get(k), lim.get(k));
    let (rv, lv, ev) = enforced_values(r, l, enf);
    let (resource, limit_type, min) = (k.to_owned(), t.to_owned(), enf.clone());
    match (r, l) {
        (None, _) => Some(Violation::MinNoRequest {
            resource,
            limit_type,
            min,
        }),
        (Some(r), _) if rv < ev => Some(Violation::MinRequest {
            resource,
            limit_type,
            min,
            request: r.clone(),
        }),
        (_, Some(l)) if lv < ev => Some(Violation::MinLimit {
            resource,
            limit_type,
            min,
            limit: l.clone(),
        }),
        _ => None,
    }
}

fn max_constraint(
    t: &str,
    k: &str,
    enf: &Quantity,
    req: &ResourceList,
    lim: &ResourceList,
) -> Option<Violation> {
    let (r, l) = (req.get(k), lim.get(k));
    let (rv, lv, ev) = enforced_values(r, l, enf);
    let (resource, limit_type, max) = (k.to_owned(), t.to_owned(), enf.clone());
    match (r, l) {
        (_, None) => Some(Violation::MaxNoLimit {
            resource,
            limit_type,
            max,
        }),
        (_, Some(l)) if lv > ev => Some(Violation::MaxLimit {
            resource,
            limit_type,
            max,
            limit: l.clone(),
        }),
        (Some(r), _) if rv > ev => Some(Violation::MaxRequest {
            resource,
            limit_type,
            max,
            request: r.clone(),
        }),
        _ => None,
    }
}

fn max_request_constraint(
    t: &str,
    k: &str,
    enf: &Quantity,
    req: &ResourceList,
) -> Option<Violation> {
    let r = req.get(k);
    let (rv, _, ev) = enforced_values(r, None, enf);
    let (resource, limit_type, max) = (k.to_owned(), t.to_owned(), enf.clone());
    match r {
        None => Some(Violation::MaxNoRequest {
            resource,
            limit_type,
            max,
        }),
        Some(r) if rv > ev => Some(Violation::MaxRequest {
            resource,
            limit_type,
            max,
            request: r.clone(),
        }),
        _ => None,
    }
}

/// upstream `limitRequestRatioConstraint`, float64 steps included.
fn ratio_constraint(
    t: &str,
    k: &str,
    enf: &Quantity,
    req: &ResourceList,
    lim: &ResourceList,
) -> Option<Violation> {
    let (r, l) = (req.get(k), lim.get(k));
    let (rv, lv, _) = enforced_values(r, l, enf);
    let (resource, limit_type, ratio) = (k.to_owned(), t.to_owned(), enf.clone());
    if r.is_none() || rv == 0 {
        return Some(Violation::RatioNoRequest {
            resource,
            limit_type,
            ratio,
        });
    }
    if l.is_none() || lv == 0 {
        return Some(Violation::RatioNoLimit {
            resource,
            limit_type,
            ratio,
        });
    }
    let mut observed = lv as f64 / rv as f64;
    let display = observed;
    let mut max = enf.value() as f64;
    if enf.value() <= MAX_MILLI_VALUE {
        observed *= 1000.0;
        max = enf.milli_value() as f64;
    }
    (observed > max).then_some(Violation::Ratio {
        resource,
        limit_type,
        ratio,
        observed: display,
    })
}

fn check_all(item: &ParsedItem, req: &ResourceList, lim: &ResourceList, out: &mut Vec<Violation>) {
    let t = item.type_.as_str();
    for (k, v) in &item.min {
        out.extend(min_constraint(t, k, v, req, lim));
    }
    for (k, v) in &item.max {
        out.extend(max_constraint(t, k, v, req, lim));
    }
    for (k, v) in &item.ratio {
        out.extend(ratio_constraint(t, k, v, req, lim));
    }
}

struct ParsedItem {
    type_: String,
    min: ResourceList,
    max: ResourceList,
    ratio: ResourceList,
}

fn parse_item(item: &LimitRangeItem, path: &FieldPath, errs: &mut Vec<Violation>) -> ParsedItem {
    ParsedItem {
        type_: item.type_.clone(),
        min: parse_list(item.min.as_ref(), &path.child("min"), errs),
        max: parse_list(item.max.as_ref(), &path.child("max"), errs),
        ratio: parse_list(
            item.max_limit_request_ratio.as_ref(),
            &path.child("maxLimitRequestRatio"),
            errs,
        ),
    }
}

/// Resources pod-level `spec.resources` may set (upstream `supportedPodLevelResources`).
const POD_LEVEL_RESOURCES: [&str; 2] = [CPU, MEMORY];

// ---------------------------------------------------------------------------------------------
// The plugin
// ---------------------------------------------------------------------------------------------

/// The LimitRanger admission plugin (kubernetes `plugin/pkg/admission/limitranger`) under a set
/// of feature gates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LimitRanger {
    /// The feature gates; LimitRanger reads `PodLevelResources`: pod-level `spec.resources`
    /// cpu/memory override the container sums that `Pod` items check.
    pub gates: FeatureGates,
}

impl LimitRanger {
    /// `PodMutateLimitFunc` for one LimitRange: fills missing container and init-container
    /// requests/limits from the LimitRange's `Container` defaults and, when anything was set,
    /// writes the [`LIMIT_RANGER_ANNOTATION`] (replacing an earlier value). Returns the
    /// annotation text written, if any.
    pub fn mutate_pod(&self, lr: &LimitRange, pod: &mut Pod) -> Option<String> {
        let d = container_defaults(lr);
        let spec = pod.spec.as_mut()?;
        let mut parts = Vec::new();
        for c in &mut spec.containers {
            merge_container(c, &d, "container", &mut parts);
        }
        for c in spec.init_containers.iter_mut().flatten() {
            merge_container(c, &d, "init container", &mut parts);
        }
        if parts.is_empty() {
            return None;
        }
        let value = format!("LimitRanger plugin set: {}", parts.join("; "));
        pod.metadata
            .annotations
            .get_or_insert_with(BTreeMap::new)
            .insert(LIMIT_RANGER_ANNOTATION.into(), value.clone());
        Some(value)
    }

    /// The pod's aggregate requests as LimitRanger computes them for `Pod` items (its own
    /// `podRequests`, "a simplified version of PodRequests"): the container aggregation of
    /// component-helpers `PodRequests` — containers summed, sidecars (restartable init
    /// containers) added and carried into later init phases, the largest init phase as a floor —
    /// computed by [`crate::pod::pod_requests`] with **no pod overhead** and no status; then, with
    /// the `PodLevelResources` gate, pod-level `spec.resources.requests` for `cpu` and `memory` replace
    /// the sums (component-helpers would also take pod-level hugepages; limitranger does not).
    pub fn pod_requests(&self, pod: &Pod) -> Result<ResourceList, Violations> {
        let mut errs = Vec::new();
        let r = self.aggregate(pod, false, &mut errs);
        violations(errs).map(|()| r)
    }

    /// The pod's aggregate limits, by the same rule as [`LimitRanger::pod_requests`] (upstream
    /// `podLimits`).
    pub fn pod_limits(&self, pod: &Pod) -> Result<ResourceList, Violations> {
        let mut errs = Vec::new();
        let r = self.aggregate(pod, true, &mut errs);
        violations(errs).map(|()| r)
    }

    fn aggregate(&self, pod: &Pod, limits: bool, errs: &mut Vec<Violation>) -> ResourceList {
        // component-helpers PodRequests/PodLimits (crate::pod) without overhead, status or
        // pod-level resources is exactly limitranger's container aggregation.
        let opts = PodResourcesOptions {
            exclude_overhead: true,
            skip_pod_level_resources: true,
            ..PodResourcesOptions::default()
        };
        let computed = if limits {
            pod_limits(pod, &opts)
        } else {
            pod_requests(pod, &opts)
        };
        let mut total = match computed {
            Ok(list) => list,
            Err(list) => {
                errs.extend(list.iter().cloned().map(Violation::InvalidQuantity));
                return ResourceList::new();
            }
        };
        // limitranger's own pod-level override: cpu and memory only (not hugepages, unlike
        // component-helpers).
        if self.gates.pod_level_resources
            && let Some(spec) = pod.spec.as_ref()
        {
            let which = if limits { "limits" } else { "requests" };
            let pl = spec.resources.as_ref().and_then(|r| {
                if limits {
                    r.limits.as_ref()
                } else {
                    r.requests.as_ref()
                }
            });
            let sp = FieldPath::new("spec");
            let parsed = parse_list(pl, &sp.child("resources").child(which), errs);
            for (k, v) in parsed {
                if POD_LEVEL_RESOURCES.contains(&k.as_str()) {
                    total.insert(k, v);
                }
            }
        }
        total
    }

    /// `PodValidateLimitFunc` for one LimitRange: `Container` items against every container and
    /// init container, `Pod` items against the aggregates of [`LimitRanger::pod_requests`] /
    /// [`LimitRanger::pod_limits`]. All violations, in a fixed order (see the module docs).
    // DEVIATION: violations come in a fixed order (items in order, containers then init containers,
    // min/max/ratio, each by resource name); upstream walks Go maps, so its order varies.
    pub fn validate_pod(&self, lr: &LimitRange, pod: &Pod) -> Result<(), Violations> {
        let mut out = Vec::new();
        let lp = FieldPath::new("spec").child("limits");
        for (i, item) in lr.spec.iter().flat_map(|s| &s.limits).enumerate() {
            let item = parse_item(item, &lp.index(i), &mut out);
            if item.type_ == LIMIT_TYPE_CONTAINER {
                let Some(spec) = pod.spec.as_ref() else {
                    continue;
                };
                let sp = FieldPath::new("spec");
                let groups = [
                    (spec.containers.as_slice(), sp.child("containers")),
                    (
                        spec.init_containers.as_deref().unwrap_or_default(),
                        sp.child("initContainers"),
                    ),
                ];
                for (cs, base) in groups {
                    for (j, c) in cs.iter().enumerate() {
                        let rp = base.index(j).child("resources");
                        let res = c.resources.as_ref();
                        let req = parse_list(
                            res.and_then(|r| r.requests.as_ref()),
                            &rp.child("requests"),
                            &mut out,
                        );
                        let lim = parse_list(
                            res.and_then(|r| r.limits.as_ref()),
                            &rp.child("limits"),
                            &mut out,
                        );
                        check_all(&item, &req, &lim, &mut out);
                    }
                }
            } else if item.type_ == LIMIT_TYPE_POD {
                let req = self.aggregate(pod, false, &mut out);
                let lim = self.aggregate(pod, true, &mut out);
                check_all(&item, &req, &lim, &mut out);
            }
        }
        violations(out)
    }

    /// `PersistentVolumeClaimValidateLimitFunc`: for `PersistentVolumeClaim` items, `min` against
    /// `spec.resources.requests` (limits are ignored) and `max` against the requests only
    /// (`maxRequestConstraint`). Claims are never mutated.
    pub fn validate_pvc(
        &self,
        lr: &LimitRange,
        pvc: &PersistentVolumeClaim,
    ) -> Result<(), Violations> {
        let mut out = Vec::new();
        let lp = FieldPath::new("spec").child("limits");
        let res = pvc.spec.as_ref().and_then(|s| s.resources.as_ref());
        let rp = FieldPath::new("spec").child("resources").child("requests");
        let req = parse_list(res.and_then(|r| r.requests.as_ref()), &rp, &mut out);
        let none = ResourceList::new();
        for (i, item) in lr.spec.iter().flat_map(|s| &s.limits).enumerate() {
            if item.type_ != LIMIT_TYPE_PVC {
                continue;
            }
            let item = parse_item(item, &lp.index(i), &mut out);
            for (k, v) in &item.min {
                out.extend(min_constraint(&item.type_, k, v, &req, &none));
            }
            for (k, v) in &item.max {
                out.extend(max_request_constraint(&item.type_, k, v, &req));
            }
        }
        violations(out)
    }

    /// The mutating then validating admission of a pod **creation** against a namespace's
    /// LimitRanges: [`LimitRanger::mutate_pod`] with each, then [`LimitRanger::validate_pod`]
    /// with each; the first LimitRange with violations rejects the pod.
    pub fn admit_pod(&self, limit_ranges: &[LimitRange], pod: &mut Pod) -> Result<(), Forbidden> {
        for lr in limit_ranges {
            self.mutate_pod(lr, pod);
        }
        for lr in limit_ranges {
            if let Err(violations) = self.validate_pod(lr, pod) {
                return Err(Forbidden {
                    resource: PODS.into(),
                    name: object_name(&pod.metadata),
                    limit_range: lr.metadata.name.clone().unwrap_or_default(),
                    violations: violations.into_vec(),
                });
            }
        }
        Ok(())
    }

    /// What happens to a pod sent to the apiserver: [`default_pod_requests`] (decode-time
    /// defaulting), then [`LimitRanger::admit_pod`].
    pub fn create_pod(&self, limit_ranges: &[LimitRange], pod: &mut Pod) -> Result<(), Forbidden> {
        if let Some(spec) = pod.spec.as_mut() {
            default_pod_requests(spec);
        }
        self.admit_pod(limit_ranges, pod)
    }

    /// Admission of a claim (create or update): [`LimitRanger::validate_pvc`] with each
    /// LimitRange, the first failing one rejects.
    pub fn admit_pvc(
        &self,
        limit_ranges: &[LimitRange],
        pvc: &PersistentVolumeClaim,
    ) -> Result<(), Forbidden> {
        for lr in limit_ranges {
            if let Err(violations) = self.validate_pvc(lr, pvc) {
                return Err(Forbidden {
                    resource: PERSISTENT_VOLUME_CLAIMS.into(),
                    name: object_name(&pvc.metadata),
                    limit_range: lr.metadata.name.clone().unwrap_or_default(),
                    violations: violations.into_vec(),
                });
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// ValidateLimitRange
// ---------------------------------------------------------------------------------------------

/// Resource names the core API knows (kubernetes `pkg/apis/core/helper` `standardResources`).
const STANDARD_RESOURCES: [&str; 20] = [
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
    "resourcequotas",
    SERVICES,
    "replicationcontrollers",
    "secrets",
    "configmaps",
    PERSISTENT_VOLUME_CLAIMS,
    STORAGE,
    REQUESTS_STORAGE,
    "services.nodeports",
    "services.loadbalancers",
];

fn is_huge_page(name: &str) -> bool {
    name.starts_with(HUGEPAGES_PREFIX)
}

/// helper `IsStandardResourceName`.
fn is_standard_resource(name: &str) -> bool {
    STANDARD_RESOURCES.contains(&name)
        || name.starts_with(HUGEPAGES_PREFIX)
        || name.starts_with(REQUESTS_HUGEPAGES_PREFIX)
}

/// helper `IsOvercommitAllowed`: native and not hugepages.
pub(crate) fn is_overcommit_allowed(name: &str) -> bool {
    is_native_resource(name) && !is_huge_page(name)
}

/// validation `validateResourceName`.
fn validate_resource_name(value: &str, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    for msg in is_qualified_name(value) {
        errs.push(FieldError::invalid(path, value, msg));
    }
    if errs.is_empty() && !value.contains('/') && !is_standard_resource(value) {
        errs.push(FieldError::invalid(
            path,
            value,
            "must be a standard resource type or fully qualified",
        ));
    }
    errs
}

/// validation `validateContainerResourceName`.
fn validate_container_resource_name(value: &str, path: &FieldPath) -> ErrorList {
    let mut errs = validate_resource_name(value, path);
    if !value.contains('/') {
        if ![CPU, MEMORY, EPHEMERAL_STORAGE].contains(&value) && !is_huge_page(value) {
            errs.push(FieldError::invalid(
                path,
                value,
                "must be a standard resource for containers",
            ));
        }
    } else if !is_native_resource(value) && !is_extended_resource_name(value) {
        errs.push(FieldError::invalid(
            path,
            value,
            "doesn't follow extended resource name standard",
        ));
    }
    errs
}

fn validate_limit_range_resource_name(t: &str, value: &str, path: &FieldPath) -> ErrorList {
    if t == LIMIT_TYPE_POD || t == LIMIT_TYPE_CONTAINER {
        validate_container_resource_name(value, path)
    } else {
        validate_resource_name(value, path)
    }
}

fn qv(q: &Quantity) -> BadValue {
    BadValue::Str(q.to_string())
}

/// `ValidateLimitRange` (kubernetes `pkg/apis/core/validation/validation.go`): metadata (name a
/// DNS-1123 subdomain), each item's `type` (a qualified name; unprefixed only `Pod`,
/// `Container`, `PersistentVolumeClaim`; no type twice), resource names (container resources
/// for `Pod`/`Container` items), no `default`/`defaultRequest` on `Pod` items, `min` or `max`
/// `storage` on claim items, and per resource: min ≤ max, min ≤ defaultRequest ≤ max,
/// defaultRequest ≤ default, min ≤ default ≤ max, ratio ≥ 1, ratio ≤ max/min (upstream's float64
/// steps), default = defaultRequest for resources that cannot be overcommitted. Messages and
/// paths as upstream; resources are visited in name order (upstream: Go map order).
pub fn validate_limit_range(lr: &LimitRange) -> ErrorList {
    let mut errs = validate_object_meta(&lr.metadata, NameRule::Dns1123Subdomain);
    let lp = FieldPath::new("spec").child("limits");
    let mut seen_types: Vec<&str> = Vec::new();
    for (i, item) in lr.spec.iter().flat_map(|s| &s.limits).enumerate() {
        let ip = lp.index(i);
        let t = item.type_.as_str();
        let tp = ip.child("type");
        errs.extend(validate_limit_range_type_name(t, &tp));
        if seen_types.contains(&t) {
            errs.push(FieldError::duplicate(&tp, t));
        }
        seen_types.push(t);
        let values = limit_range_item_values(item, &ip, &mut errs);
        let mut keys: Vec<&String> = values
            .max
            .keys()
            .chain(values.min.keys())
            .chain(values.defaults.keys())
            .chain(values.default_requests.keys())
            .chain(values.ratios.keys())
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            errs.extend(validate_limit_range_key(k, &values, &ip));
        }
    }
    errs
}

/// validation `validateLimitRangeTypeName`: a qualified name; unprefixed only the standard
/// limit types.
fn validate_limit_range_type_name(t: &str, tp: &FieldPath) -> ErrorList {
    let mut type_errs = ErrorList::new();
    for msg in is_qualified_name(t) {
        type_errs.push(FieldError::invalid(tp, t, msg));
    }
    if type_errs.is_empty()
        && !t.contains('/')
        && ![LIMIT_TYPE_POD, LIMIT_TYPE_CONTAINER, LIMIT_TYPE_PVC].contains(&t)
    {
        type_errs.push(FieldError::invalid(
            tp,
            t,
            "must be a standard limit type or fully qualified",
        ));
    }
    type_errs
}

/// One limit item's parsed lists (the `min`, `max`, `defaults`, `defaultRequests` and
/// `maxLimitRequestRatios` maps of `ValidateLimitRange`).
struct LimitRangeItemValues {
    max: ResourceList,
    min: ResourceList,
    defaults: ResourceList,
    default_requests: ResourceList,
    ratios: ResourceList,
}

/// The per-list part of `ValidateLimitRange`'s item loop: resource names and quantities of
/// every list, no `default`/`defaultRequest` on `Pod` items, `min` or `max` `storage` on claim
/// items. Problems go to `errs` in upstream's order.
fn limit_range_item_values(
    item: &LimitRangeItem,
    ip: &FieldPath,
    errs: &mut ErrorList,
) -> LimitRangeItemValues {
    let t = item.type_.as_str();
    let parse =
        |name: &str, list: Option<&K8sResourceList>, errs: &mut ErrorList| -> ResourceList {
            let mut out = ResourceList::new();
            for (k, v) in list.into_iter().flatten() {
                let p = ip.child(name).key(k);
                errs.extend(validate_limit_range_resource_name(t, k, &p));
                match Quantity::try_from(v) {
                    Ok(q) => {
                        out.insert(k.clone(), q);
                    }
                    Err(e) => errs.push(FieldError::invalid(&p, v.0.as_str(), e.to_string())),
                }
            }
            out
        };
    let max = parse("max", item.max.as_ref(), errs);
    let min = parse("min", item.min.as_ref(), errs);
    let (mut defaults, mut default_requests) = (ResourceList::new(), ResourceList::new());
    if t == LIMIT_TYPE_POD {
        if item.default.as_ref().is_some_and(|m| !m.is_empty()) {
            errs.push(FieldError::forbidden(
                &ip.child("default"),
                "may not be specified when `type` is 'Pod'",
            ));
        }
        if item.default_request.as_ref().is_some_and(|m| !m.is_empty()) {
            errs.push(FieldError::forbidden(
                &ip.child("defaultRequest"),
                "may not be specified when `type` is 'Pod'",
            ));
        }
    } else {
        defaults = parse("default", item.default.as_ref(), errs);
        default_requests = parse("defaultRequest", item.default_request.as_ref(), errs);
    }
    if t == LIMIT_TYPE_PVC && !min.contains_key(STORAGE) && !max.contains_key(STORAGE) {
        errs.push(FieldError::required(
            &ip.child("limits"),
            "either minimum or maximum storage value is required, but neither was provided",
        ));
    }
    let ratios = parse(
        "maxLimitRequestRatio",
        item.max_limit_request_ratio.as_ref(),
        errs,
    );
    LimitRangeItemValues {
        max,
        min,
        defaults,
        default_requests,
        ratios,
    }
}

/// The body of `ValidateLimitRange`'s `for k := range keys` loop: how one resource's values
/// relate across the lists.
fn validate_limit_range_key(k: &str, values: &LimitRangeItemValues, ip: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let (mn, mx) = (values.min.get(k), values.max.get(k));
    let (df, dr) = (values.defaults.get(k), values.default_requests.get(k));
    let ra = values.ratios.get(k);
    let p = |f: &str| ip.child(f).key(k);
    // Each pair that must be ordered (lower ≤ upper), the field it is reported under and the
    // value upstream shows as bad (for default > max upstream shows the max), in upstream's
    // order (kubernetes `pkg/apis/core/validation` `ValidateLimitRange`).
    let ordered = [
        ("min", (mn, "min value"), (mx, "max value"), mn),
        (
            "defaultRequest",
            (mn, "min value"),
            (dr, "default request value"),
            dr,
        ),
        (
            "defaultRequest",
            (dr, "default request value"),
            (mx, "max value"),
            dr,
        ),
        (
            "defaultRequest",
            (dr, "default request value"),
            (df, "default limit value"),
            dr,
        ),
        ("default", (mn, "min value"), (df, "default value"), mn),
        ("default", (df, "default value"), (mx, "max value"), mx),
    ];
    for (field, (lo, lo_name), (hi, hi_name), bad) in ordered {
        if let (Some(lo), Some(hi), Some(bad)) = (lo, hi, bad)
            && lo > hi
        {
            errs.push(FieldError::invalid(
                &p(field),
                qv(bad),
                format!("{lo_name} {lo} is greater than {hi_name} {hi}"),
            ));
        }
    }
    if let Some(ra) = ra
        && *ra < Quantity::from_int(1, Format::DecimalSI)
    {
        errs.push(FieldError::invalid(
            &p("maxLimitRequestRatio"),
            qv(ra),
            format!("ratio {ra} is less than 1"),
        ));
    }
    if let (Some(ra), Some(mn), Some(mx)) = (ra, mn, mx)
        && let Some(e) = ratio_above_max_over_min(ra, mn, mx, &p("maxLimitRequestRatio"))
    {
        errs.push(e);
    }
    if let (Some(df), Some(dr)) = (df, dr)
        && !is_overcommit_allowed(k)
        && df != dr
    {
        errs.push(FieldError::invalid(
            &p("defaultRequest"),
            qv(dr),
            format!("default value {df} must equal to defaultRequest value {dr} in {k}"),
        ));
    }
    errs
}

/// `ValidateLimitRange`'s `maxLimitRequestRatio` check against `max / min`, compared in milli
/// units when all three fit, as upstream does.
fn ratio_above_max_over_min(
    ra: &Quantity,
    mn: &Quantity,
    mx: &Quantity,
    path: &FieldPath,
) -> Option<FieldError> {
    let mut ratio_value = ra.value() as f64;
    let (mut min_value, mut max_value) = (mn.value(), mx.value());
    if ra.value() < MAX_MILLI_VALUE && min_value < MAX_MILLI_VALUE && max_value < MAX_MILLI_VALUE {
        ratio_value = ra.milli_value() as f64 / 1000.0;
        min_value = mn.milli_value();
        max_value = mx.milli_value();
    }
    let limit = max_value as f64 / min_value as f64;
    (ratio_value > limit).then(|| {
        FieldError::invalid(
            path,
            qv(ra),
            format!(
                "ratio {ra} is greater than max/min = {}",
                go::format_f(limit)
            ),
        )
    })
}
