//! ResourceQuota admission.
//!
//! [`admit`] answers what the apiserver's ResourceQuota admission plugin answers for a new pod
//! or PVC, given the namespace's quotas *with their status* (`status.hard` and
//! `status.used`, as the quota controller keeps them): either the new `status.used` of every
//! quota, or the rejection with the apiserver's exact message. [`check_request`] handles
//! updates and subresources as well. Source: `k8s.io/apiserver`
//! `pkg/admission/plugin/resourcequota/controller.go` `CheckRequest` (v0.35), with the pod and
//! PVC evaluators of [`crate::usage`].
//!
//! ```
//! use acp_quota::admission::{admit, AdmissionOptions};
//! use k8s_openapi::api::core::v1::{Pod, ResourceQuota};
//!
//! let quota: ResourceQuota = serde_json::from_value(serde_json::json!({
//!     "metadata": {"name": "compute", "namespace": "team-a"},
//!     "status": {"hard": {"requests.cpu": "2", "pods": "10"},
//!                "used": {"requests.cpu": "1500m", "pods": "3"}}
//! }))?;
//! let pod: Pod = serde_json::from_value(serde_json::json!({
//!     "metadata": {"name": "web-1"},
//!     "spec": {"containers": [{"name": "app", "resources": {"requests": {"cpu": "1"}}}]}
//! }))?;
//! let opts = AdmissionOptions::new(jiff::Timestamp::UNIX_EPOCH);
//! let err = admit(&[quota.clone()], &pod, &opts).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "pods \"web-1\" is forbidden: exceeded quota: compute, requested: requests.cpu=1, \
//!      used: requests.cpu=1500m, limited: requests.cpu=2"
//! );
//!
//! let small: Pod = serde_json::from_value(serde_json::json!({
//!     "metadata": {"name": "web-2"},
//!     "spec": {"containers": [{"name": "app", "resources": {"requests": {"cpu": "500m"}}}]}
//! }))?;
//! let ok = admit(&[quota], &small, &opts)?;
//! assert_eq!(ok.quotas[0].used.to_string(), "pods=4,requests.cpu=2");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Fidelity
//!
//! * Every quota is evaluated on its own: a quota *matches* when its `status.hard` names a
//!   resource the evaluator tracks and every one of its scopes selects the object
//!   (`generic.Matches`). Quotas are checked in the order given; the first one that would be
//!   exceeded rejects the request, as upstream.
//! * A quota that tracks `cpu`/`memory` (requests or limits) requires every container to set
//!   it: `failed quota: <name>: must specify limits.cpu for: a,b` (`Constraints`).
//! * A matching quota without `status.used` for a tracked resource rejects:
//!   `status unknown for quota: <name>, resources: <names>`. A quota whose `status.hard` is
//!   empty matches nothing — upstream waits for the quota controller; use [`synced`] to admit
//!   against a quota written by hand (status = spec, used = 0).
//! * Only the resources the quota limits are charged and compared (`Mask`), so a quota already
//!   over its limit for an unrelated resource does not block the request.
//! * Rejection texts are upstream's, with the `pods "<name>" is forbidden: ` prefix of
//!   `admission.NewForbidden` (`<name>` falls back to `generateName`, then `Unknown`); resource
//!   lists print sorted, `name=quantity` joined by `,` (`prettyPrint`), quantities as Go prints
//!   them. The uncovered-scope error is not wrapped, as upstream.
//! * Upstream quirks kept: an error while matching the configured limited scopes admits the
//!   request unchanged; a PVC `status` update is always evaluated (upstream compares two fresh
//!   pointers in `RequiresQuotaReplenish`).

use std::collections::BTreeSet;

use acp_model::quantity::Quantity;
use acp_model::resource_names::{PERSISTENT_VOLUME_CLAIMS, PODS};
use std::fmt;

use acp_model::validation::{ErrorList, FieldPath};
use k8s_openapi::api::core::v1::{
    PersistentVolumeClaim, Pod, ResourceQuota, ResourceQuotaStatus,
    ScopedResourceSelectorRequirement,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use crate::resources::ResourceList;
use crate::usage::{self, FeatureGates, GoSelector, PodScopeError};

/// The object being admitted.
#[derive(Clone, Copy, Debug)]
pub enum QuotaObject<'a> {
    /// A pod (evaluator `pods`).
    Pod(&'a Pod),
    /// A PersistentVolumeClaim (evaluator `persistentvolumeclaims`).
    PersistentVolumeClaim(&'a PersistentVolumeClaim),
}

impl<'a> From<&'a Pod> for QuotaObject<'a> {
    fn from(p: &'a Pod) -> Self {
        QuotaObject::Pod(p)
    }
}

impl<'a> From<&'a PersistentVolumeClaim> for QuotaObject<'a> {
    fn from(p: &'a PersistentVolumeClaim) -> Self {
        QuotaObject::PersistentVolumeClaim(p)
    }
}

impl QuotaObject<'_> {
    /// The API resource (`pods`, `persistentvolumeclaims`).
    pub fn resource(&self) -> &'static str {
        match self {
            QuotaObject::Pod(_) => PODS,
            QuotaObject::PersistentVolumeClaim(_) => PERSISTENT_VOLUME_CLAIMS,
        }
    }

    fn meta(&self) -> &ObjectMeta {
        match self {
            QuotaObject::Pod(p) => &p.metadata,
            QuotaObject::PersistentVolumeClaim(p) => &p.metadata,
        }
    }

    /// The name upstream prints in a rejection (`extractResourceName`): `metadata.name`, else
    /// `metadata.generateName`, else `Unknown`.
    pub fn display_name(&self) -> &str {
        let m = self.meta();
        m.name
            .as_deref()
            .filter(|s| !s.is_empty())
            .or(m.generate_name.as_deref().filter(|s| !s.is_empty()))
            .unwrap_or("Unknown")
    }

    fn usage(&self, opts: &AdmissionOptions) -> Result<ResourceList, ErrorList> {
        match self {
            QuotaObject::Pod(p) => usage::pod_usage(p, opts.now, &opts.gates),
            QuotaObject::PersistentVolumeClaim(p) => usage::pvc_usage(p),
        }
    }

    fn matching_resources<'n>(&self, names: &[&'n str]) -> Vec<&'n str> {
        match self {
            QuotaObject::Pod(_) => usage::pod_matching_resources_ref(names),
            QuotaObject::PersistentVolumeClaim(_) => usage::pvc_matching_resources_ref(names),
        }
    }

    fn matches_scope(
        &self,
        sel: &ScopedResourceSelectorRequirement,
        gates: &FeatureGates,
    ) -> Result<bool, PodScopeError> {
        match self {
            QuotaObject::Pod(p) => usage::pod_matches_scope(sel, p, gates),
            QuotaObject::PersistentVolumeClaim(p) => {
                usage::pvc_matches_scope(sel, p, gates).map_err(PodScopeError::Selector)
            }
        }
    }

    /// `MatchingScopes`: the selectors among `sels` that select this object (PVCs: none
    /// without the `VolumeAttributesClass` gate).
    fn matching_scopes(
        &self,
        sels: &[ScopedResourceSelectorRequirement],
        gates: &FeatureGates,
    ) -> Result<Vec<ScopedResourceSelectorRequirement>, ScopeMatchError> {
        let mut out = Vec::new();
        for s in sels {
            match self.matches_scope(s, gates) {
                Ok(true) => out.push(s.clone()),
                Ok(false) => {}
                Err(source) => {
                    return Err(ScopeMatchError {
                        selector: s.clone(),
                        source,
                    });
                }
            }
        }
        Ok(out)
    }
}

/// The operation being admitted.
#[derive(Clone, Copy, Debug)]
pub enum Operation<'a> {
    /// `CREATE`.
    Create,
    /// `UPDATE` from the stored object `old`.
    Update {
        /// The object as stored before the update (its `metadata.resourceVersion` decides
        /// whether the update is charged as a delta or as a create).
        old: QuotaObject<'a>,
    },
}

/// One admission request (upstream `admission.Attributes`, the parts quota reads).
#[derive(Clone, Copy, Debug)]
pub struct AdmissionRequest<'a> {
    /// The new object.
    pub object: QuotaObject<'a>,
    /// Create or update.
    pub operation: Operation<'a>,
    /// The subresource (`""`, `resize` for pods, `status` for PVCs).
    pub subresource: &'a str,
}

impl<'a> AdmissionRequest<'a> {
    /// A `CREATE` of `object`.
    pub fn create(object: impl Into<QuotaObject<'a>>) -> Self {
        AdmissionRequest {
            object: object.into(),
            operation: Operation::Create,
            subresource: "",
        }
    }

    /// An `UPDATE` of `old` to `object`.
    pub fn update(object: impl Into<QuotaObject<'a>>, old: impl Into<QuotaObject<'a>>) -> Self {
        AdmissionRequest {
            object: object.into(),
            operation: Operation::Update { old: old.into() },
            subresource: "",
        }
    }

    /// The same request on a subresource (`resize`, `status`).
    #[must_use]
    pub fn with_subresource(mut self, subresource: &'a str) -> Self {
        self.subresource = subresource;
        self
    }

    /// Whether the evaluator looks at this request at all (`Handles`).
    pub fn handled(&self) -> bool {
        match (self.object, self.operation, self.subresource) {
            (QuotaObject::Pod(_), Operation::Create, "") => true,
            (QuotaObject::Pod(new), Operation::Update { old }, "") => match old {
                QuotaObject::Pod(old) => usage::is_terminating(old) != usage::is_terminating(new),
                QuotaObject::PersistentVolumeClaim(_) => false,
            },
            (QuotaObject::Pod(_), Operation::Update { .. }, "resize") => true,
            (QuotaObject::PersistentVolumeClaim(_), _, "") => true,
            (QuotaObject::PersistentVolumeClaim(_), Operation::Update { old }, "status") => {
                matches!(old, QuotaObject::PersistentVolumeClaim(_))
            }
            _ => false,
        }
    }
}

/// A resource whose consumption needs a covering quota (the admission plugin's
/// `Configuration.limitedResources`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LimitedResource {
    /// API group of the resource (`""` for core).
    pub api_group: String,
    /// The resource (`pods`, `persistentvolumeclaims`).
    pub resource: String,
    /// A consumed resource whose name contains one of these needs a quota that tracks it.
    pub match_contains: Vec<String>,
    /// An object matching one of these scopes needs a quota with that scope.
    pub match_scopes: Vec<ScopedResourceSelectorRequirement>,
}

/// What the admission decision depends on besides the quotas and the object.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct AdmissionOptions {
    /// The current time (a pod past its deletion grace period is not charged).
    pub now: jiff::Timestamp,
    /// Feature gates (default: Kubernetes 1.35).
    pub gates: FeatureGates,
    /// The plugin's limited resources (default: none).
    pub limited_resources: Vec<LimitedResource>,
}

impl AdmissionOptions {
    /// Sets [`now`](AdmissionOptions::now).
    #[must_use]
    pub fn with_now(mut self, now: jiff::Timestamp) -> Self {
        self.now = now;
        self
    }

    /// Sets [`gates`](AdmissionOptions::gates).
    #[must_use]
    pub fn with_gates(mut self, gates: FeatureGates) -> Self {
        self.gates = gates;
        self
    }

    /// Sets [`limited_resources`](AdmissionOptions::limited_resources).
    #[must_use]
    pub fn with_limited_resources(mut self, limited_resources: Vec<LimitedResource>) -> Self {
        self.limited_resources = limited_resources;
        self
    }
}

impl AdmissionOptions {
    /// Defaults at time `now`.
    pub fn new(now: jiff::Timestamp) -> Self {
        AdmissionOptions {
            now,
            gates: FeatureGates::default(),
            limited_resources: Vec::new(),
        }
    }
}

/// The outcome for one quota.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotaUsage {
    /// `metadata.name` of the quota.
    pub name: String,
    /// Whether the quota matched the object (tracks one of its resources, scopes select it).
    pub matched: bool,
    /// What this request adds to the quota (masked to the quota's resources; empty when
    /// nothing).
    pub charged: ResourceList,
    /// The quota's `status.used` after the request (unchanged when nothing is charged).
    pub used: ResourceList,
}

/// An admitted request: the new usage of every quota, in input order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Admission {
    /// One entry per input quota.
    pub quotas: Vec<QuotaUsage>,
}

impl Admission {
    /// The quotas whose usage changes.
    pub fn changed(&self) -> impl Iterator<Item = &QuotaUsage> {
        self.quotas.iter().filter(|q| !q.charged.is_empty())
    }

    /// Writes the new `status.used` into `quotas` (the same slice, same order, that was
    /// admitted against); quotas without a change are left untouched.
    pub fn apply_to(&self, quotas: &mut [ResourceQuota]) {
        for (q, u) in quotas.iter_mut().zip(&self.quotas) {
            if !u.charged.is_empty() {
                q.status.get_or_insert_with(Default::default).used = Some(u.used.to_k8s());
            }
        }
    }
}

/// A scope selector that could not be evaluated against the object.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("error on matching scope {}: {source}", GoSelector(&self.selector))]
#[non_exhaustive]
pub struct ScopeMatchError {
    /// The selector.
    pub selector: ScopedResourceSelectorRequirement,
    /// Why.
    pub source: PodScopeError,
}

/// Why a request is forbidden (the text after `is forbidden: `).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ForbiddenReason {
    /// A quota tracks cpu/memory and a container does not set it.
    FailedQuota {
        /// The quota.
        quota: String,
        /// `must specify …`.
        message: String,
    },
    /// A matching quota has no `status.used` for a resource it tracks.
    StatusUnknown {
        /// The quota.
        quota: String,
        /// The resources the quota tracks for this object.
        resources: Vec<String>,
    },
    /// The object would consume a negative amount.
    NegativeUsage {
        /// The negative resources.
        resources: Vec<String>,
    },
    /// A limited resource is consumed without a quota that tracks it.
    InsufficientQuota {
        /// The uncovered resources.
        resources: Vec<String>,
    },
    /// The request would exceed a quota.
    Exceeded {
        /// The quota.
        quota: String,
        /// What the request asks for, of the exceeded resources.
        requested: ResourceList,
        /// The quota's usage of them.
        used: ResourceList,
        /// The quota's limits for them.
        limited: ResourceList,
    },
}

/// Sorted and joined by `,` (upstream `prettyPrintResourceNames`; no deduplication).
fn sorted_join(names: &[String]) -> String {
    let mut v: Vec<&str> = names.iter().map(String::as_str).collect();
    v.sort_unstable();
    v.join(",")
}

impl fmt::Display for ForbiddenReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ForbiddenReason::FailedQuota { quota, message } => {
                write!(f, "failed quota: {quota}: {message}")
            }
            ForbiddenReason::StatusUnknown { quota, resources } => write!(
                f,
                "status unknown for quota: {quota}, resources: {}",
                sorted_join(resources)
            ),
            ForbiddenReason::NegativeUsage { resources } => write!(
                f,
                "quota usage is negative for resource(s): {}",
                sorted_join(resources)
            ),
            ForbiddenReason::InsufficientQuota { resources } => {
                let set: BTreeSet<&str> = resources.iter().map(String::as_str).collect();
                let v: Vec<&str> = set.into_iter().collect();
                write!(f, "insufficient quota to consume: {}", v.join(","))
            }
            ForbiddenReason::Exceeded {
                quota,
                requested,
                used,
                limited,
            } => write!(
                f,
                "exceeded quota: {quota}, requested: {requested}, used: {used}, limited: {limited}"
            ),
        }
    }
}

/// Why a request is not admitted.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AdmissionError {
    /// Rejected (HTTP 403): `<resource> "<name>" is forbidden: <reason>`.
    #[error("{resource} {name:?} is forbidden: {reason}")]
    Forbidden {
        /// `pods` or `persistentvolumeclaims`.
        resource: &'static str,
        /// The object's name (see [`QuotaObject::display_name`]).
        name: String,
        /// Why (boxed: the exceeded lists are large).
        reason: Box<ForbiddenReason>,
    },
    /// Limited scopes the object matches have no quota with that scope.
    #[error("insufficient quota to match these scopes: [{}]", .scopes.iter().map(|s| GoSelector(s).to_string()).collect::<Vec<_>>().join(" "))]
    UncoveredScopes {
        /// The uncovered scopes.
        scopes: Vec<ScopedResourceSelectorRequirement>,
    },
    /// A quota's scope selector could not be evaluated.
    #[error("error matching scopes of quota {quota}, err: {source}")]
    ScopeMatch {
        /// The quota.
        quota: String,
        /// Why (boxed).
        source: Box<ScopeMatchError>,
    },
    /// The object has quantities that do not parse.
    #[error("invalid object: {0}")]
    InvalidObject(ErrorList),
    /// A quota has quantities that do not parse.
    #[error("invalid quota {quota}: {errors}")]
    InvalidQuota {
        /// The quota.
        quota: String,
        /// Every unparsable quantity.
        errors: ErrorList,
    },
}

/// What the quota controller would write for a quota known only by its spec: `status.hard`
/// = `spec.hard`, `status.used` = the existing used values, `0` for the others.
pub fn synced(quota: &ResourceQuota) -> ResourceQuota {
    let mut q = quota.clone();
    let hard = q
        .spec
        .as_ref()
        .and_then(|s| s.hard.clone())
        .unwrap_or_default();
    let old_used = q
        .status
        .as_ref()
        .and_then(|s| s.used.clone())
        .unwrap_or_default();
    let used = hard
        .keys()
        .map(|k| {
            let v = old_used.get(k).cloned().unwrap_or_else(|| {
                k8s_openapi::apimachinery::pkg::api::resource::Quantity("0".into())
            });
            (k.clone(), v)
        })
        .collect();
    q.status = Some(ResourceQuotaStatus {
        hard: Some(hard),
        used: Some(used),
    });
    q
}

impl ParsedQuota<'_> {
    fn names(&self) -> Vec<&str> {
        self.hard.as_map().keys().map(String::as_str).collect()
    }
}

struct ParsedQuota<'a> {
    name: &'a str,
    hard: ResourceList,
    used: ResourceList,
    selectors: Vec<ScopedResourceSelectorRequirement>,
}

fn parse_quota(q: &ResourceQuota) -> Result<ParsedQuota<'_>, AdmissionError> {
    let name = q.metadata.name.as_deref().unwrap_or("");
    let st = q.status.as_ref();
    let parse = |m: Option<&crate::resources::K8sResourceList>, field: &'static str| match m {
        Some(m) => ResourceList::from_k8s_at(m, || FieldPath::new("status").child(field)),
        None => Ok(ResourceList::new()),
    };
    let hard = parse(st.and_then(|s| s.hard.as_ref()), "hard");
    let used = parse(st.and_then(|s| s.used.as_ref()), "used");
    match (hard, used) {
        (Ok(hard), Ok(used)) => Ok(ParsedQuota {
            name,
            hard,
            used,
            selectors: usage::quota_scope_selectors(q),
        }),
        (h, u) => {
            let mut errors = ErrorList::new();
            if let Err(e) = h {
                errors.extend(e);
            }
            if let Err(e) = u {
                errors.extend(e);
            }
            Err(AdmissionError::InvalidQuota {
                quota: name.to_owned(),
                errors,
            })
        }
    }
}

/// Admits the creation of `object` against the namespace's `quotas` (see the module docs).
///
/// # Errors
/// The rejection, with the apiserver's message.
pub fn admit<'a>(
    quotas: &[ResourceQuota],
    object: impl Into<QuotaObject<'a>>,
    opts: &AdmissionOptions,
) -> Result<Admission, AdmissionError> {
    check_request(quotas, &AdmissionRequest::create(object), opts)
}

/// The outcome when nothing is charged: every quota's usage as it was.
fn unchanged(parsed: Vec<ParsedQuota<'_>>) -> Admission {
    Admission {
        quotas: parsed
            .into_iter()
            .map(|q| QuotaUsage {
                name: q.name.to_owned(),
                matched: false,
                charged: ResourceList::new(),
                used: q.used,
            })
            .collect(),
    }
}

/// `CheckRequest`: admits any request (create, update, subresource) against `quotas`.
///
/// # Errors
/// The rejection, with the apiserver's message.
pub fn check_request(
    quotas: &[ResourceQuota],
    req: &AdmissionRequest<'_>,
    opts: &AdmissionOptions,
) -> Result<Admission, AdmissionError> {
    let parsed = quotas
        .iter()
        .map(parse_quota)
        .collect::<Result<Vec<_>, _>>()?;
    if !req.handled() {
        return Ok(unchanged(parsed));
    }
    let obj = req.object;
    // scopes of the limited resources (all of them, as upstream); an error admits unchanged
    let Ok(limited_scopes) = matched_limited_scopes(obj, opts) else {
        return Ok(unchanged(parsed));
    };
    let input_usage = obj.usage(opts).map_err(AdmissionError::InvalidObject)?;
    let limited_names = limited_by_default(obj, &input_usage, opts);
    let matched = match_quotas(obj, &parsed, !limited_names.is_empty(), &opts.gates)?;
    let negative = input_usage.is_negative();
    if !negative.is_empty() {
        return Err(forbidden(
            obj,
            ForbiddenReason::NegativeUsage {
                resources: negative,
            },
        ));
    }
    let Some(deltas) = delta_usage(req, &parsed, &matched.interesting, &input_usage, opts)? else {
        return Ok(unchanged(parsed));
    };
    check_coverage(obj, &limited_names, &matched, limited_scopes, &opts.gates)?;
    let charges = check_quotas(req, &parsed, &matched.interesting, &deltas)?;
    Ok(charged(parsed, charges, matched.interesting))
}

/// `admission.NewForbidden` for the request's object.
fn forbidden(obj: QuotaObject<'_>, reason: ForbiddenReason) -> AdmissionError {
    AdmissionError::Forbidden {
        resource: obj.resource(),
        name: obj.display_name().to_owned(),
        reason: Box::new(reason),
    }
}

/// `getMatchedLimitedScopes`: the limited resources' scopes that select the object.
fn matched_limited_scopes(
    obj: QuotaObject<'_>,
    opts: &AdmissionOptions,
) -> Result<Vec<ScopedResourceSelectorRequirement>, ScopeMatchError> {
    let mut limited_scopes = Vec::new();
    for lr in &opts.limited_resources {
        limited_scopes.extend(obj.matching_scopes(&lr.match_scopes, &opts.gates)?);
    }
    Ok(limited_scopes)
}

/// `limitedByDefault` over `filterLimitedResourcesByGroupResource`: the consumed resources that
/// need a covering quota.
fn limited_by_default(
    obj: QuotaObject<'_>,
    input_usage: &ResourceList,
    opts: &AdmissionOptions,
) -> BTreeSet<String> {
    let mut limited_names: BTreeSet<String> = BTreeSet::new();
    for lr in opts
        .limited_resources
        .iter()
        .filter(|lr| lr.api_group.is_empty() && lr.resource == obj.resource())
    {
        for (k, v) in input_usage {
            if v.sign() > 0 && lr.match_contains.iter().any(|m| k.contains(m.as_str())) {
                limited_names.insert(k.clone());
            }
        }
    }
    limited_names
}

/// The quotas pertinent to a request (`CheckRequest`'s `interestingQuotaIndexes` loop).
struct MatchedQuotas {
    /// Indexes of the quotas that track one of the object's resources and select it.
    interesting: Vec<usize>,
    /// Resources tracked by those quotas (collected only when some are limited by default).
    restricted_all: BTreeSet<String>,
    /// Every quota scope that selects the object.
    restricted_scopes: Vec<ScopedResourceSelectorRequirement>,
}

/// The quota-matching phase of `CheckRequest`: rejects when a matching quota's constraints fail
/// or its usage is not known yet.
fn match_quotas(
    obj: QuotaObject<'_>,
    parsed: &[ParsedQuota<'_>],
    track_restricted: bool,
    gates: &FeatureGates,
) -> Result<MatchedQuotas, AdmissionError> {
    let mut m = MatchedQuotas {
        interesting: Vec::new(),
        restricted_all: BTreeSet::new(),
        restricted_scopes: Vec::new(),
    };
    for (i, q) in parsed.iter().enumerate() {
        let matched_scopes = obj.matching_scopes(&q.selectors, gates).map_err(|source| {
            AdmissionError::ScopeMatch {
                quota: q.name.to_owned(),
                source: Box::new(source),
            }
        })?;
        let all_scopes = matched_scopes.len() == q.selectors.len();
        m.restricted_scopes.extend(matched_scopes);
        let names = q.names();
        let restricted = obj.matching_resources(&names);
        if restricted.is_empty() || !all_scopes {
            continue;
        }
        if let QuotaObject::Pod(p) = obj
            && let Some(message) = usage::pod_constraints(&restricted, p, gates)
        {
            return Err(forbidden(
                obj,
                ForbiddenReason::FailedQuota {
                    quota: q.name.to_owned(),
                    message,
                },
            ));
        }
        // every tracked resource of status.hard needs a status.used value
        if !restricted.iter().all(|h| q.used.contains_key(h)) {
            return Err(forbidden(
                obj,
                ForbiddenReason::StatusUnknown {
                    quota: q.name.to_owned(),
                    resources: restricted.iter().map(|s| (*s).to_owned()).collect(),
                },
            ));
        }
        m.interesting.push(i);
        if track_restricted {
            m.restricted_all
                .extend(restricted.iter().map(|s| (*s).to_owned()));
        }
    }
    Ok(m)
}

/// The `deltaUsage` phase of `CheckRequest`: the non-zero delta charged to each interesting
/// quota (the input usage, or on an update of a stored object that matched the quota too, what
/// grew since). `None` when the request changes no usage.
fn delta_usage(
    req: &AdmissionRequest<'_>,
    parsed: &[ParsedQuota<'_>],
    interesting: &[usize],
    input_usage: &ResourceList,
    opts: &AdmissionOptions,
) -> Result<Option<Vec<Option<ResourceList>>>, AdmissionError> {
    let mut deltas: Vec<Option<&ResourceList>> = vec![None; parsed.len()];
    for &i in interesting {
        if let Some(d) = deltas.get_mut(i) {
            *d = Some(input_usage);
        }
    }
    let mut delta_no_quota = match req.operation {
        Operation::Create if interesting.is_empty() => Some(input_usage.clone()),
        _ => None,
    };
    let mut update_delta = None;
    if let Operation::Update { old } = req.operation {
        let has_rv = old
            .meta()
            .resource_version
            .as_deref()
            .is_some_and(|s| !s.is_empty());
        if has_rv {
            let prev = old.usage(opts).map_err(AdmissionError::InvalidObject)?;
            let delta = input_usage.subtract_non_negative(&prev);
            if interesting.is_empty() {
                delta_no_quota = Some(delta.clone());
            }
            update_delta = Some(delta);
        } else if interesting.is_empty() {
            delta_no_quota = Some(input_usage.clone());
        }
    }
    if let (Some(delta), Operation::Update { old }) = (update_delta.as_ref(), req.operation) {
        for &i in interesting {
            let Some(q) = parsed.get(i) else { continue };
            let sels_match = old
                .matching_scopes(&q.selectors, &opts.gates)
                .map_err(|source| AdmissionError::ScopeMatch {
                    quota: q.name.to_owned(),
                    source: Box::new(source),
                })?
                .len()
                == q.selectors.len();
            let res_match = !old.matching_resources(&q.names()).is_empty();
            if sels_match
                && res_match
                && let Some(d) = deltas.get_mut(i)
            {
                *d = Some(delta);
            }
        }
    }
    let deltas: Vec<Option<ResourceList>> = deltas
        .into_iter()
        .map(|d| {
            d.map(ResourceList::remove_zeros)
                .filter(|nz| !nz.is_empty())
        })
        .collect();
    if !interesting.is_empty() {
        if deltas.iter().all(Option::is_none) {
            return Ok(None);
        }
    } else if delta_no_quota.is_none_or(|d| d.remove_zeros().is_empty()) {
        return Ok(None);
    }
    Ok(Some(deltas))
}

/// `CheckRequest`'s coverage checks: every resource limited by default needs a quota tracking
/// it, every limited scope that selects the object a quota with that scope.
fn check_coverage(
    obj: QuotaObject<'_>,
    limited_names: &BTreeSet<String>,
    matched: &MatchedQuotas,
    limited_scopes: Vec<ScopedResourceSelectorRequirement>,
    gates: &FeatureGates,
) -> Result<(), AdmissionError> {
    let uncovered: Vec<String> = limited_names
        .difference(&matched.restricted_all)
        .cloned()
        .collect();
    if !uncovered.is_empty() {
        return Err(forbidden(
            obj,
            ForbiddenReason::InsufficientQuota {
                resources: uncovered,
            },
        ));
    }
    // a PVC's scopes only count with the VolumeAttributesClass gate
    let scopes_apply =
        !matches!(obj, QuotaObject::PersistentVolumeClaim(_)) || gates.volume_attributes_class;
    let uncovered_scopes: Vec<ScopedResourceSelectorRequirement> = limited_scopes
        .into_iter()
        .filter(|l| {
            scopes_apply
                && !matched
                    .restricted_scopes
                    .iter()
                    .any(|r| r.scope_name == l.scope_name)
        })
        .collect();
    if !uncovered_scopes.is_empty() {
        return Err(AdmissionError::UncoveredScopes {
            scopes: uncovered_scopes,
        });
    }
    Ok(())
}

/// `CheckRequest`'s per-quota check: every interesting quota, in order, before changing
/// anything; the charge of each (masked to its `status.hard`) or the `exceeded quota` error.
fn check_quotas(
    req: &AdmissionRequest<'_>,
    parsed: &[ParsedQuota<'_>],
    interesting: &[usize],
    deltas: &[Option<ResourceList>],
) -> Result<Vec<Option<ResourceList>>, AdmissionError> {
    let mut charges: Vec<Option<ResourceList>> = vec![None; parsed.len()];
    for &i in interesting {
        let (Some(q), Some(Some(delta))) = (parsed.get(i), deltas.get(i)) else {
            continue;
        };
        let requested: ResourceList = delta
            .iter()
            .filter(|(k, _)| q.hard.contains_key(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if req.subresource != "status" {
            let exceeded: Vec<String> = requested
                .iter()
                .filter(|(k, r)| {
                    let used = q.used.get(k).unwrap_or(&Quantity::ZERO);
                    q.hard.get(k).is_some_and(|h| &(used + *r) > h)
                })
                .map(|(k, _)| k.clone())
                .collect();
            if !exceeded.is_empty() {
                return Err(forbidden(
                    req.object,
                    ForbiddenReason::Exceeded {
                        quota: q.name.to_owned(),
                        requested: requested.mask(&exceeded),
                        used: q.used.mask(&exceeded),
                        limited: q.hard.mask(&exceeded),
                    },
                ));
            }
        }
        if let Some(c) = charges.get_mut(i) {
            *c = Some(requested);
        }
    }
    Ok(charges)
}

/// The admitted outcome: each quota's `status.used` plus its charge.
fn charged(
    parsed: Vec<ParsedQuota<'_>>,
    charges: Vec<Option<ResourceList>>,
    interesting: Vec<usize>,
) -> Admission {
    let matched: BTreeSet<usize> = interesting.into_iter().collect();
    let quotas = parsed
        .into_iter()
        .zip(charges)
        .enumerate()
        .map(|(i, (q, charge))| {
            let mut used = q.used;
            let charged = match charge {
                Some(c) => {
                    used.add_assign(&c);
                    c
                }
                None => ResourceList::new(),
            };
            QuotaUsage {
                name: q.name.to_owned(),
                matched: matched.contains(&i),
                charged,
                used,
            }
        })
        .collect();
    Admission { quotas }
}

#[cfg(test)]
mod tests;
