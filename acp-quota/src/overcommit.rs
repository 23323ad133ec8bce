//! Overcommit: container requests derived from limits through the namespace's
//! `NamespaceResourceRatio`.
// seed 003:4838-4932
//!
//! ```
//! use acp_model::quantity::Quantity;
//! use acp_model::ratio::Ratio;
//! use acp_quota::overcommit::{Overcommit, cpu_request};
//! use k8s_openapi::api::core::v1::PodSpec;
//!
//! // The ACP documentation's example: ratio 2, limit 4c → request 2c.
// seed 003:4861
//! let four: Quantity = "4".parse().unwrap();
//! assert_eq!(cpu_request(&four, 2).unwrap().to_string(), "2");
//!
//! let mut spec: PodSpec = serde_json::from_value(serde_json::json!({"containers": [
//!     {"name": "app", "resources": {"limits": {"cpu": "200m", "memory": "256Mi"}}}
//! ]})).unwrap();
//! let report = Overcommit::new(Ratio::Ratio(3), Ratio::Ratio(4))
//!     .apply_to_pod_spec(&mut spec, &[])
//!     .unwrap();
//! let req = spec.containers[0].resources.as_ref().unwrap().requests.clone().unwrap();
//! assert_eq!(req["cpu"].0, "67m"); // 200m / 3 = 66.67m, rounded up to the milli-core
//! assert_eq!(req["memory"].0, "64Mi");
//! assert_eq!(report.changes.len(), 2);
//! ```
//!
//! # Rules
//!
//! * **Which ratio** ([`Overcommit::from_ratio`], built on [`acp_model::ratio::effective_ratio`]):
//!   the namespace's `spec.cpu` / `spec.memory`, absent → the cluster's (`status.clusterCPU` /
//!   `status.clusterMemory`), `0` → no overcommit. Only integers
// seed 003:4883-4885, seed 003:4912-4928
//!   greater than 1 are valid namespace values, which acp-model's `Validate` for
// seed 003:4924
//!   `NamespaceResourceRatio` checks; the arithmetic here accepts 1 (the identity).
//! * **Request = limit / ratio** ("CPU 请求 = CPU 限制 / 超售比"; console: "请求自动计算为
// seed 003:4861
//!   Limits / 超售比（不可修改）"), for `cpu` and `memory` only, in every container and
// seed 003:5533
//!   init container. A request the user set is replaced: with overcommit on, requests cannot be
//!   set by hand ("超售比启用时禁用手动请求配置").
// seed 003:5541
//! * **No limit**: the namespace's default container limit is used ("若未设置限制，则使用命名空间
//!   默认容器配额"): the LimitRanges' `Container` `default`, the first LimitRange
// seed 003:4920
//!   (in the order given) that has one winning, as LimitRanger fills missing keys in that order.
//!   The default limit is written into the container too, so the result is what LimitRanger
//!   would leave. With no limit at all the resource is left alone and reported in
//!   [`OvercommitReport::no_limit`].
//! * Existing pods keep their requests until recreated: apply this when a pod (or a
// seed 003:4932
//!   workload's pod template) is created.
//!
//! # Rounding (exact, never a float)
//!
//! The ACP documentation gives no rounding. Requests are rounded **up**: `cpu` to the milli-core
//! ([`cpu_request`]), `memory` to the byte ([`memory_request`]). Rounding up keeps
//! `limit / request ≤ ratio`, so a LimitRange `maxLimitRequestRatio` equal to the namespace
//! ratio never rejects the result, and a non-zero limit never yields a zero request. A limit
//! finer than the unit (e.g. `0.5m`) is clamped so that the request never exceeds the limit.
//! Pod-level `spec.resources` is not changed.

use std::collections::BTreeMap;

use acp_model::quantity::{MILLI, Quantity};
use acp_model::ratio::{NamespaceResourceRatio, Ratio, effective_ratio};
use acp_model::resource_names::{CPU, MEMORY};
use acp_model::validation::FieldPath;
use k8s_openapi::api::core::v1::{Container, LimitRange, Pod, PodSpec};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as K8sQuantity;

use crate::limitrange::container_defaults;

/// Why a request could not be derived.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OvercommitError {
    /// A ratio of 0 was passed to the arithmetic (0 means "no overcommit"; see [`Ratio`]).
    #[error("overcommit ratio must be at least 1, got 0")]
    ZeroRatio,
    /// The limit is negative.
    #[error(
        "{}Invalid value: \"{limit}\": a limit must not be negative",
        at(field)
    )]
    NegativeLimit {
        /// Where the limit is (e.g. `spec.containers[0].resources.limits[cpu]`).
        field: String,
        /// The limit.
        limit: String,
    },
    /// The limit does not fit an int64 in the unit of the rounding (milli-cores or bytes).
    #[error(
        "{}Invalid value: \"{limit}\": too large to divide by the overcommit ratio",
        at(field)
    )]
    TooLarge {
        /// Where the limit is.
        field: String,
        /// The limit.
        limit: String,
    },
    /// The limit is not a quantity.
    #[error("{}Invalid value: \"{limit}\": {reason}", at(field))]
    BadQuantity {
        /// Where the limit is.
        field: String,
        /// The text.
        limit: String,
        /// The parse error.
        reason: String,
    },
}

fn divide_up(
    limit: &Quantity,
    ratio: u32,
    scale: i32,
    build: impl Fn(i64) -> Quantity,
) -> Result<Quantity, OvercommitError> {
    if ratio == 0 {
        return Err(OvercommitError::ZeroRatio);
    }
    if limit.sign() < 0 {
        return Err(OvercommitError::NegativeLimit {
            field: String::new(),
            limit: limit.to_string(),
        });
    }
    if ratio == 1 {
        return Ok(limit.clone());
    }
    let units = limit
        .checked_scaled_value(scale)
        .ok_or_else(|| OvercommitError::TooLarge {
            field: String::new(),
            limit: limit.to_string(),
        })?;
    let r = i64::from(ratio);
    // units ≥ 0 and r ≥ 2: neither the division nor the +1 can overflow.
    let q = units / r + i64::from(units % r != 0);
    let request = build(q);
    Ok(if request > *limit {
        limit.clone()
    } else {
        request
    })
}

/// `"<field>: "`, or nothing for an error not (yet) tied to a field.
fn at(field: &str) -> String {
    if field.is_empty() {
        String::new()
    } else {
        format!("{field}: ")
    }
}

/// CPU request for `limit` at `ratio`: `limit / ratio` rounded up to the milli-core, never above
/// the limit; ratio 1 returns the limit unchanged. Keeps the limit's format.
// DEVIATION: our choice where neither the ACP documentation nor upstream gives one: limit / ratio
// rounds up to the milli-core, never above the limit.
pub fn cpu_request(limit: &Quantity, ratio: u32) -> Result<Quantity, OvercommitError> {
    divide_up(limit, ratio, MILLI, |m| {
        Quantity::from_millis(m, limit.format())
    })
}

/// Memory request for `limit` at `ratio`: `limit / ratio` rounded up to the byte, never above
/// the limit; ratio 1 returns the limit unchanged. Keeps the limit's format (`1Gi / 2` =
/// `512Mi`).
// DEVIATION: our choice where neither the ACP documentation nor upstream gives one: limit / ratio
// rounds up to the byte, never above the limit.
pub fn memory_request(limit: &Quantity, ratio: u32) -> Result<Quantity, OvercommitError> {
    divide_up(limit, ratio, 0, |b| Quantity::from_int(b, limit.format()))
}

/// Where a container's limit came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitSource {
    /// The container set it.
    Container,
    // seed 003:4920
    /// The namespace's LimitRange `Container` default; it was written into the
    /// container.
    LimitRangeDefault,
}

/// One request set by [`Overcommit::apply_to_pod_spec`].
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The container, e.g. `spec.containers[0]` or `spec.initContainers[1]`.
    pub container: String,
    /// The container's name.
    pub name: String,
    /// `cpu` or `memory`.
    pub resource: String,
    /// The limit the request was derived from.
    pub limit: Quantity,
    /// Where the limit came from.
    pub limit_source: LimitSource,
    /// The ratio applied.
    pub ratio: u32,
    /// The new request.
    pub request: Quantity,
    /// The request the container had before (replaced), if any.
    pub previous_request: Option<String>,
}

/// What [`Overcommit::apply_to_pod_spec`] did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OvercommitReport {
    /// Every request set, containers then init containers, cpu before memory.
    pub changes: Vec<Change>,
    /// `(container, resource)` pairs with a ratio in force but no limit anywhere: left alone.
    pub no_limit: Vec<(String, String)>,
}

/// The ratios in force in one namespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overcommit {
    /// The CPU ratio.
    pub cpu: Ratio,
    /// The memory ratio.
    pub memory: Ratio,
}

impl Overcommit {
    /// From two ratios already resolved.
    pub fn new(cpu: Ratio, memory: Ratio) -> Self {
        Overcommit { cpu, memory }
    }

    /// From a namespace's `NamespaceResourceRatio` (its spec and the cluster values in its
    /// status).
    pub fn from_ratio(r: &NamespaceResourceRatio) -> Self {
        Overcommit {
            cpu: r.effective_cpu(),
            memory: r.effective_memory(),
        }
    }

    /// From the namespace values and the cluster values separately (absent namespace value →
    /// cluster value; `0` → no overcommit).
    pub fn resolve(
        ns_cpu: Option<u32>,
        ns_memory: Option<u32>,
        cluster_cpu: Option<u32>,
        cluster_memory: Option<u32>,
    ) -> Self {
        Overcommit {
            cpu: effective_ratio(ns_cpu, cluster_cpu),
            memory: effective_ratio(ns_memory, cluster_memory),
        }
    }

    /// `true` when neither resource has a ratio in force (nothing to do).
    pub fn is_off(&self) -> bool {
        !matches!(self.cpu, Ratio::Ratio(_)) && !matches!(self.memory, Ratio::Ratio(_))
    }

    /// Derives the requests of every container and init container of `spec` (a Pod's or a
    /// workload's pod template) from their limits, or from the LimitRanges' default container
    /// limit when a container sets none. Nothing is changed when any limit is unusable: every
    /// problem is returned at once.
    pub fn apply_to_pod_spec(
        &self,
        spec: &mut PodSpec,
        limit_ranges: &[LimitRange],
    ) -> Result<OvercommitReport, Vec<OvercommitError>> {
        let mut defaults: BTreeMap<String, K8sQuantity> = BTreeMap::new();
        for lr in limit_ranges {
            for (k, v) in container_defaults(lr).limits {
                defaults.entry(k).or_insert(v);
            }
        }
        let sp = FieldPath::new("spec");
        let mut report = OvercommitReport::default();
        let mut errs = Vec::new();
        let groups = [
            (spec.containers.as_slice(), sp.child("containers")),
            (
                spec.init_containers.as_deref().unwrap_or_default(),
                sp.child("initContainers"),
            ),
        ];
        // (is init container, index) of each change, in step with report.changes
        let mut targets = Vec::new();
        for (init, (cs, base)) in groups.into_iter().enumerate() {
            for (i, c) in cs.iter().enumerate() {
                let before = report.changes.len();
                self.plan(c, &base.index(i), &defaults, &mut report, &mut errs);
                let added = report.changes.len().saturating_sub(before);
                targets.extend(std::iter::repeat_n((init == 1, i), added));
            }
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        for (ch, &(init, i)) in report.changes.iter().zip(&targets) {
            let list = if init {
                spec.init_containers.get_or_insert_with(Vec::new)
            } else {
                &mut spec.containers
            };
            let Some(c) = list.get_mut(i) else { continue };
            let r = c.resources.get_or_insert_with(Default::default);
            if ch.limit_source == LimitSource::LimitRangeDefault
                && let Some(q) = defaults.get(&ch.resource)
            {
                r.limits
                    .get_or_insert_with(BTreeMap::new)
                    .insert(ch.resource.clone(), q.clone());
            }
            r.requests
                .get_or_insert_with(BTreeMap::new)
                .insert(ch.resource.clone(), K8sQuantity::from(&ch.request));
        }
        Ok(report)
    }

    /// [`Overcommit::apply_to_pod_spec`] on a Pod's spec (a Pod without spec is left alone).
    pub fn apply_to_pod(
        &self,
        pod: &mut Pod,
        limit_ranges: &[LimitRange],
    ) -> Result<OvercommitReport, Vec<OvercommitError>> {
        match pod.spec.as_mut() {
            Some(spec) => self.apply_to_pod_spec(spec, limit_ranges),
            None => Ok(OvercommitReport::default()),
        }
    }

    fn plan(
        &self,
        c: &Container,
        path: &FieldPath,
        defaults: &BTreeMap<String, K8sQuantity>,
        report: &mut OvercommitReport,
        errs: &mut Vec<OvercommitError>,
    ) {
        let res = c.resources.as_ref();
        for (resource, ratio) in [(CPU, self.cpu), (MEMORY, self.memory)] {
            let Ratio::Ratio(n) = ratio else { continue };
            let own = res
                .and_then(|r| r.limits.as_ref())
                .and_then(|l| l.get(resource));
            let (raw, source) = match (own, defaults.get(resource)) {
                (Some(q), _) => (q, LimitSource::Container),
                (None, Some(q)) => (q, LimitSource::LimitRangeDefault),
                (None, None) => {
                    report
                        .no_limit
                        .push((path.to_string(), resource.to_string()));
                    continue;
                }
            };
            let field = match source {
                LimitSource::Container => path.child("resources").child("limits").key(resource),
                LimitSource::LimitRangeDefault => {
                    FieldPath::new("limitRange").child("default").key(resource)
                }
            }
            .to_string();
            let limit = match Quantity::try_from(raw) {
                Ok(q) => q,
                Err(e) => {
                    errs.push(OvercommitError::BadQuantity {
                        field,
                        limit: raw.0.clone(),
                        reason: e.to_string(),
                    });
                    continue;
                }
            };
            let computed = if resource == CPU {
                cpu_request(&limit, n)
            } else {
                memory_request(&limit, n)
            };
            match computed {
                Ok(request) => report.changes.push(Change {
                    container: path.to_string(),
                    name: c.name.clone(),
                    resource: resource.to_string(),
                    limit,
                    limit_source: source,
                    ratio: n,
                    request,
                    previous_request: res
                        .and_then(|r| r.requests.as_ref())
                        .and_then(|r| r.get(resource))
                        .map(|q| q.0.clone()),
                }),
                Err(e) => errs.push(with_field(e, field)),
            }
        }
    }
}

fn with_field(e: OvercommitError, f: String) -> OvercommitError {
    match e {
        OvercommitError::NegativeLimit { limit, .. } => {
            OvercommitError::NegativeLimit { field: f, limit }
        }
        OvercommitError::TooLarge { limit, .. } => OvercommitError::TooLarge { field: f, limit },
        other => other,
    }
}
