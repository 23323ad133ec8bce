//! Argo Rollouts canary and blue-green replica counts, as argo-rollouts computes them.
//!
//! ```
//! use acp_model::thirdparty::rollout::Rollout;
//! use acp_workload::argo::{CanaryParams, plan_canary};
//! use acp_workload::planner::PlanOptions;
//!
//! // The ACP documentation's canary Rollout: 2 replicas, maxSurge 25%,
// seed 003:7750
//! // maxUnavailable 0, steps setWeight 50 / pause / setWeight 100, Gateway API routing.
//! let ro: Rollout = serde_saphyr::from_str(include_str!(concat!(
//!     env!("CARGO_MANIFEST_DIR"),
//!     "/testdata/003/L7750-rollout-rollout-canary.yaml"
//! )))?;
//! let plan = plan_canary(&CanaryParams::from_rollout(&ro)?, &PlanOptions::default())?;
//! let paused = &plan.steps[1]; // "Step: 1/3", "SetWeight: 50", paused until promoted
//! assert_eq!(paused.to_string(), "step 1/3 pause (until promoted): setWeight 50, canary 1, stable 2 — Desired 2 Current 3 Updated 1 Ready 3 Available 3");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What is here
//!
//! From `argoproj/argo-rollouts` `utils/replicaset/canary.go`, `utils/replicaset/replicaset.go`,
//! `utils/defaults/defaults.go` and `rollout/{canary,bluegreen}.go`:
//!
//! * [`CanaryParams::max_surge`] / [`CanaryParams::max_unavailable`] (`MaxSurge`,
//!   `MaxUnavailable`, argo's own `resolveFenceposts`; defaults `"25"` — a string without `%`
//!   that argo's legacy `GetValueFromIntOrPercent` reads as 25%).
//! * [`basic_canary_replica_counts`] (`CalculateReplicaCountsForBasicCanary`: the closest
//!   canary/stable split to the weight within `replicas + maxSurge`, scaling stable before
//!   canary up and older ReplicaSets first down, never below `replicas − maxUnavailable`
//!   available), [`approximate_weighted_canary_stable_replica_counts`],
//!   [`traffic_routed_canary_replica_counts`] (`CalculateReplicaCountsForTrafficRoutedCanary`:
//!   canary = `ceil(weight × replicas / maxWeight)`, stable stays at `replicas` unless
//!   `dynamicStableScale`), `setCanaryScale`, `minPodsPerReplicaSet`, [`canary_replicas_or_weight`]
//!   (`GetCanaryReplicasOrWeight`, `GetCurrentSetWeight`, `UseSetCanaryScale`, the abort path of
//!   `GetDesiredCanaryWeight`) and [`at_desired_replica_counts_for_canary`].
//! * [`plan_canary`]: every step of a canary — `setWeight`, `pause` (until promoted or for a
//!   duration), `setCanaryScale` — with the counts `kubectl argo rollouts get` shows.
//! * [`plan_blue_green`]: preview and active counts, `previewReplicaCount`,
//!   `autoPromotionEnabled` / `autoPromotionSeconds`, `scaleDownDelaySeconds` (default 30).
//!
//! # Fidelity
//!
//! Argo computes weights with `float64` (`math.Ceil`, `math.Floor`, `math.Modf`,
//! `math.Abs`); the same `f64` steps are reproduced here, and a `float64` converted to `int32`
//! out of range gives `-2147483648` as Go's does on amd64. The replica arithmetic is argo's
//! `int32`: the fenceposts are converted from Go `int` to `int32`, and sums, differences and
//! products (`specReplicas*desiredWeight`, `rolloutSpecReplica + maxSurge`, the ReplicaSet
//! totals, …) wrap past 2³¹ − 1 exactly as argo's do. [`canary_int32_overflows`] and
//! [`CanaryPlan::warnings`] name every overflow ([`Int32Overflow`]). Where argo ignores an
//! unresolvable `maxSurge`/`maxUnavailable` ("Error caught by validation"), this module
//! returns the error.

use std::fmt;

use acp_model::intstr::{IntOrPercent, IntOrPercentError};
use acp_model::thirdparty::rollout::{
    DEFAULT_MAX_SURGE_UNAVAILABLE_PERCENT, DEFAULT_MAX_TRAFFIC_WEIGHT, DEFAULT_REPLICAS,
    PauseDuration, Rollout,
};

use crate::planner::PlanWarning;
use crate::planner::{PlanOptions, PodGroup, Template};
use crate::rolling::{go_int32, go_int32_of_f64, sat_i32};

/// argo-rollouts `DefaultScaleDownDelaySeconds`.
pub const DEFAULT_SCALE_DOWN_DELAY_SECONDS: i32 = 30;
/// argo-rollouts `DefaultAbortScaleDownDelaySeconds`.
pub const DEFAULT_ABORT_SCALE_DOWN_DELAY_SECONDS: i32 = 30;

/// Why Argo counts could not be computed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ArgoError {
    /// A `maxSurge`/`maxUnavailable` that does not resolve.
    #[error("{field}: {source}")]
    IntOrPercent {
        /// The field.
        field: &'static str,
        /// What is wrong.
        source: IntOrPercentError,
    },
    /// The Rollout has no canary strategy.
    #[error("the Rollout has no canary strategy")]
    NotCanary,
    /// The Rollout has no blue-green strategy.
    #[error("the Rollout has no blueGreen strategy")]
    NotBlueGreen,
    /// An impossible input, in the words of argo's `ValidateRolloutSpec` (`spec.replicas` must
    /// not be negative): the field error as text.
    #[error("{0}")]
    Invalid(String),
}

/// argo's legacy `intstr.GetValueFromIntOrPercent`: an integer as is; **any** string is a
/// percentage once every `%` is removed (`"25"` is 25%), scaled by `total` rounding up or
/// down. Parsing and rounding are [`IntOrPercent::scaled_value`]'s.
pub fn legacy_scaled_value(
    v: &IntOrPercent,
    total: i32,
    round_up: bool,
) -> Result<i64, IntOrPercentError> {
    match v {
        IntOrPercent::Int(i) => Ok(i64::from(*i)),
        IntOrPercent::String(s) => {
            IntOrPercent::String(format!("{}%", s.replace('%', ""))).scaled_value(total, round_up)
        }
    }
}

/// One canary step, as the count calculations read it (several fields may be set at once).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CanaryStep {
    /// `setWeight`.
    pub set_weight: Option<i32>,
    /// `setCanaryScale`.
    pub set_canary_scale: Option<SetCanaryScale>,
    /// `pause`.
    pub pause: Option<PauseDuration>,
    /// Any other step kind (`analysis`, `experiment`, …), by name.
    pub other: Option<String>,
}

/// A `setCanaryScale` step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SetCanaryScale {
    /// `replicas`.
    pub replicas: Option<i32>,
    /// `weight`.
    pub weight: Option<i32>,
    /// `matchTrafficWeight`.
    pub match_traffic_weight: bool,
}

/// The canary strategy of a Rollout, defaulted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CanaryParams {
    /// `spec.replicas` (default 1).
    pub replicas: i32,
    /// `maxSurge` (default `"25"`).
    pub max_surge: IntOrPercent,
    /// `maxUnavailable` (default `"25"`).
    pub max_unavailable: IntOrPercent,
    /// `steps`.
    pub steps: Vec<CanaryStep>,
    /// `trafficRouting` is set.
    pub traffic_routing: bool,
    /// `trafficRouting.maxTrafficWeight` (default 100).
    pub max_traffic_weight: i32,
    /// `dynamicStableScale`.
    pub dynamic_stable_scale: bool,
    /// `minPodsPerReplicaSet`.
    pub min_pods_per_replica_set: Option<i32>,
    /// `abortScaleDownDelaySeconds`.
    pub abort_scale_down_delay_seconds: Option<i32>,
    /// `scaleDownDelaySeconds`.
    pub scale_down_delay_seconds: Option<i32>,
}

/// What the calculations read of `status` (and of which ReplicaSet is which).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CanaryStatus {
    /// `status.currentStepIndex` (unset: 0).
    pub current_step_index: Option<i32>,
    /// `status.promoteFull` (`kubectl argo rollouts promote --full`).
    pub promote_full: bool,
    /// `status.abort`.
    pub abort: bool,
    /// No update in progress: `status.stableRS` is empty or equals `currentPodHash`.
    pub stable_is_current: bool,
    /// `status.canary.weights`: the traffic weights in effect, when known.
    pub weights: Option<TrafficWeights>,
}

/// Traffic weights in effect.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TrafficWeights {
    /// To the canary.
    pub canary: i32,
    /// To the stable.
    pub stable: i32,
}

/// What the calculations read of a ReplicaSet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RsCounts {
    /// `metadata.name` (the canary and the stable are the same ReplicaSet when equal).
    pub name: String,
    /// `spec.replicas`.
    pub replicas: i32,
    /// `status.replicas`.
    pub status_replicas: i32,
    /// `status.availableReplicas`.
    pub available: i32,
}

impl RsCounts {
    /// A ReplicaSet with `replicas` desired, all created, `available` available.
    pub fn new(name: &str, replicas: i32, available: i32) -> Self {
        RsCounts {
            name: name.to_owned(),
            replicas,
            status_replicas: replicas,
            available,
        }
    }
}

fn int_or_string(v: &k8s_openapi::apimachinery::pkg::util::intstr::IntOrString) -> IntOrPercent {
    IntOrPercent::from(v.clone())
}

fn default_bound() -> IntOrPercent {
    IntOrPercent::String(DEFAULT_MAX_SURGE_UNAVAILABLE_PERCENT.to_string())
}

impl CanaryParams {
    /// A canary of `replicas` with the given bounds, no steps, no traffic routing.
    pub fn new(
        replicas: i32,
        max_surge: impl Into<IntOrPercent>,
        max_unavailable: impl Into<IntOrPercent>,
    ) -> Self {
        CanaryParams {
            replicas,
            max_surge: max_surge.into(),
            max_unavailable: max_unavailable.into(),
            steps: Vec::new(),
            traffic_routing: false,
            max_traffic_weight: DEFAULT_MAX_TRAFFIC_WEIGHT,
            dynamic_stable_scale: false,
            min_pods_per_replica_set: None,
            abort_scale_down_delay_seconds: None,
            scale_down_delay_seconds: None,
        }
    }

    /// The canary strategy of `ro`, defaulted as argo defaults it.
    pub fn from_rollout(ro: &Rollout) -> Result<Self, ArgoError> {
        let c = ro
            .spec
            .strategy
            .as_ref()
            .and_then(|s| s.canary.as_ref())
            .ok_or(ArgoError::NotCanary)?;
        let steps = c
            .steps
            .iter()
            .flatten()
            .map(|s| CanaryStep {
                set_weight: s.set_weight,
                set_canary_scale: s.set_canary_scale.as_ref().map(|x| SetCanaryScale {
                    replicas: x.replicas,
                    weight: x.weight,
                    match_traffic_weight: x.match_traffic_weight.unwrap_or(false),
                }),
                pause: s.pause.as_ref().map(|p| p.duration()),
                other: [
                    ("analysis", s.analysis.is_some()),
                    ("experiment", s.experiment.is_some()),
                    ("setHeaderRoute", s.set_header_route.is_some()),
                    ("setMirrorRoute", s.set_mirror_route.is_some()),
                    ("plugin", s.plugin.is_some()),
                ]
                .into_iter()
                .find(|(_, set)| *set)
                .map(|(n, _)| n.to_owned()),
            })
            .collect();
        Ok(CanaryParams {
            replicas: ro.spec.replicas.unwrap_or(DEFAULT_REPLICAS),
            max_surge: c
                .max_surge
                .as_ref()
                .map_or_else(default_bound, int_or_string),
            max_unavailable: c
                .max_unavailable
                .as_ref()
                .map_or_else(default_bound, int_or_string),
            steps,
            traffic_routing: c.traffic_routing.is_some(),
            max_traffic_weight: c
                .traffic_routing
                .as_ref()
                .and_then(|t| t.max_traffic_weight)
                .unwrap_or(DEFAULT_MAX_TRAFFIC_WEIGHT),
            dynamic_stable_scale: c.dynamic_stable_scale.unwrap_or(false),
            min_pods_per_replica_set: c.min_pods_per_replica_set,
            abort_scale_down_delay_seconds: c.abort_scale_down_delay_seconds,
            scale_down_delay_seconds: c.scale_down_delay_seconds,
        })
    }

    /// argo's `resolveFenceposts`: surge rounded up, unavailable down, both 0 → unavailable 1;
    /// the resolved Go `int`s, before their conversion to `int32`.
    fn resolved_fenceposts(&self) -> Result<(i64, i64), ArgoError> {
        let surge =
            legacy_scaled_value(&self.max_surge, self.replicas, true).map_err(|source| {
                ArgoError::IntOrPercent {
                    field: "maxSurge",
                    source,
                }
            })?;
        let mut unavailable = legacy_scaled_value(&self.max_unavailable, self.replicas, false)
            .map_err(|source| ArgoError::IntOrPercent {
                field: "maxUnavailable",
                source,
            })?;
        if surge == 0 && unavailable == 0 {
            unavailable = 1;
        }
        Ok((surge, unavailable))
    }

    /// `resolveFenceposts` as argo returns it: both bounds converted to `int32` (wrapping),
    /// each conversion that wraps recorded in `go`.
    fn fenceposts(&self, go: &mut Go32) -> Result<(i32, i32), ArgoError> {
        let (surge, unavailable) = self.resolved_fenceposts()?;
        let mut convert = |field: &'static str, value: &IntOrPercent, resolved: i64| {
            let wrapped = go_int32(resolved);
            if i64::from(wrapped) != resolved {
                go.record(Int32Overflow::Fencepost {
                    field,
                    value: value.clone(),
                    replicas: self.replicas,
                    resolved,
                });
            }
            wrapped
        };
        let surge = convert("maxSurge", &self.max_surge, surge);
        let unavailable = convert("maxUnavailable", &self.max_unavailable, unavailable);
        Ok((surge, unavailable))
    }

    /// argo `MaxSurge` for a canary: the resolved bound converted to `int32` (a bound beyond
    /// `int32` wraps, as in argo; [`canary_int32_overflows`] reports it).
    pub fn max_surge(&self) -> Result<i32, ArgoError> {
        self.max_surge_go(&mut Go32::default())
    }

    fn max_surge_go(&self, go: &mut Go32) -> Result<i32, ArgoError> {
        Ok(self.fenceposts(go)?.0)
    }

    /// argo `MaxUnavailable` for a canary: the fencepost (an `int32`, wrapping like
    /// [`CanaryParams::max_surge`]), at most `replicas`; 0 for 0 replicas.
    pub fn max_unavailable(&self) -> Result<i32, ArgoError> {
        self.max_unavailable_go(&mut Go32::default())
    }

    fn max_unavailable_go(&self, go: &mut Go32) -> Result<i32, ArgoError> {
        if self.replicas == 0 {
            return Ok(0);
        }
        Ok(self.fenceposts(go)?.1.min(self.replicas))
    }

    /// `GetAbortScaleDownDelaySecondsOrDefault` for a canary: the delay (`None` when set to 0
    /// explicitly) and whether it was set.
    fn abort_delay(&self) -> (Option<i32>, bool) {
        if !self.traffic_routing {
            return (Some(0), false);
        }
        match self.abort_scale_down_delay_seconds {
            Some(0) => (None, true),
            Some(s) => (Some(s), true),
            None => (Some(DEFAULT_ABORT_SCALE_DOWN_DELAY_SECONDS), false),
        }
    }

    /// `GetScaleDownDelaySecondsOrDefault` for a canary: 30 s with traffic routing, else 0.
    pub fn scale_down_delay_seconds(&self) -> i32 {
        if self.traffic_routing {
            self.scale_down_delay_seconds
                .unwrap_or(DEFAULT_SCALE_DOWN_DELAY_SECONDS)
        } else {
            0
        }
    }
}

/// `GetCurrentCanaryStep`: the step at `status.currentStepIndex`, or `None` past the last.
fn current_step<'a>(p: &'a CanaryParams, s: &CanaryStatus) -> (Option<&'a CanaryStep>, usize) {
    let i = usize::try_from(s.current_step_index.unwrap_or(0).max(0)).unwrap_or(usize::MAX);
    (p.steps.get(i), i)
}

/// `GetCurrentSetWeight`: 0 when aborted; the last `setWeight` at or before the current step;
/// `maxTrafficWeight` past the last step (or with no steps).
pub fn current_set_weight(p: &CanaryParams, s: &CanaryStatus) -> i32 {
    if s.abort {
        return 0;
    }
    let (step, i) = current_step(p, s);
    if step.is_none() {
        return p.max_traffic_weight;
    }
    p.steps
        .iter()
        .take(i + 1)
        .rev()
        .find_map(|st| st.set_weight)
        .unwrap_or(0)
}

/// `UseSetCanaryScale`: the `setCanaryScale` in effect (traffic routing only; not when
/// aborted unless `abortScaleDownDelaySeconds: 0`; `matchTrafficWeight` cancels it).
fn use_set_canary_scale(p: &CanaryParams, s: &CanaryStatus) -> Option<SetCanaryScale> {
    if !p.traffic_routing {
        return None;
    }
    if s.abort && p.abort_delay().0.is_some() {
        return None;
    }
    let (step, i) = current_step(p, s);
    step?;
    for st in p.steps.iter().take(i + 1).rev() {
        if let Some(scs) = st.set_canary_scale {
            if scs.match_traffic_weight {
                return None;
            }
            return Some(scs);
        }
    }
    None
}

/// `trafficWeightToReplicas`: `ceil(weight × replicas / maxWeight)` in `float64`, converted
/// to `int32` as Go converts on amd64 (out of range or NaN: `-2147483648`).
pub fn traffic_weight_to_replicas(replicas: i32, weight: i32, max_weight: i32) -> i32 {
    go_int32_of_f64((f64::from(weight) * f64::from(replicas) / f64::from(max_weight)).ceil())
}

/// A place where Argo's `int32` arithmetic wraps for a Rollout ([`canary_int32_overflows`],
/// [`CanaryPlan::warnings`]); its `Display` names the overflow and the value argo computes
/// instead.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Int32Overflow {
    /// `resolveFenceposts` converts a resolved bound outside the `int32` range to `int32`
    /// (`MaxSurge` and `MaxUnavailable` use the wrapped value).
    Fencepost {
        /// `maxSurge` or `maxUnavailable`.
        field: &'static str,
        /// The field's value.
        value: IntOrPercent,
        /// `spec.replicas`.
        replicas: i32,
        /// The resolved bound (a Go `int`).
        resolved: i64,
    },
    /// An `int32` addition, subtraction or multiplication that overflows.
    Arithmetic {
        /// The argo function (`CalculateReplicaCountsForBasicCanary`, …).
        function: &'static str,
        /// The expression, in argo's names (`rolloutSpecReplica + maxSurge`).
        expression: &'static str,
        /// The left operand.
        lhs: i32,
        /// `+`, `-` or `*`.
        op: char,
        /// The right operand.
        rhs: i32,
    },
}

impl Int32Overflow {
    /// The exact result (what the expression means).
    pub fn exact(&self) -> i64 {
        match self {
            Int32Overflow::Fencepost { resolved, .. } => *resolved,
            Int32Overflow::Arithmetic { lhs, op, rhs, .. } => {
                let (l, r) = (i64::from(*lhs), i64::from(*rhs));
                match op {
                    '+' => l + r,
                    '-' => l - r,
                    _ => l * r,
                }
            }
        }
    }

    /// The `int32` argo computes instead.
    pub fn wrapped(&self) -> i32 {
        go_int32(self.exact())
    }
}

impl fmt::Display for Int32Overflow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let wrapped = self.wrapped();
        match self {
            Int32Overflow::Fencepost {
                field,
                value,
                replicas,
                resolved,
            } => write!(
                f,
                "{field} {value}: resolves to {resolved} for {replicas} replicas, which \
                 overflows int32 in resolveFenceposts; argo uses {wrapped}"
            ),
            Int32Overflow::Arithmetic {
                function,
                expression,
                lhs,
                op,
                rhs,
            } => write!(
                f,
                "{expression} overflows int32 in {function} ({lhs} {op} {rhs} = {} wraps to \
                 {wrapped})",
                self.exact()
            ),
        }
    }
}

/// Argo's `int32` arithmetic: every operation wraps as Go's does, and each one that
/// overflows is recorded once.
#[derive(Debug, Default)]
struct Go32 {
    wraps: Vec<Int32Overflow>,
}

impl Go32 {
    fn record(&mut self, o: Int32Overflow) {
        if !self.wraps.contains(&o) {
            self.wraps.push(o);
        }
    }

    fn op(
        &mut self,
        function: &'static str,
        expression: &'static str,
        lhs: i32,
        op: char,
        rhs: i32,
    ) -> i32 {
        let (v, overflowed) = match op {
            '+' => lhs.overflowing_add(rhs),
            '-' => lhs.overflowing_sub(rhs),
            _ => lhs.overflowing_mul(rhs),
        };
        if overflowed {
            self.record(Int32Overflow::Arithmetic {
                function,
                expression,
                lhs,
                op,
                rhs,
            });
        }
        v
    }

    /// `GetReplicaCountForReplicaSets` / `GetAvailableReplicaCountForReplicaSets`: an `int32`
    /// sum in order.
    fn sum<'a>(
        &mut self,
        function: &'static str,
        values: impl IntoIterator<Item = &'a RsCounts>,
        field: impl Fn(&RsCounts) -> i32,
    ) -> i32 {
        values.into_iter().fold(0, |total, rs| {
            self.op(function, "total += replicas", total, '+', field(rs))
        })
    }
}

/// `GetDesiredCanaryWeight`: on abort with `dynamicStableScale`, the weight of the last step
/// whose replicas are below the canary pods still needed; else [`current_set_weight`].
fn desired_canary_weight(
    go: &mut Go32,
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
) -> i32 {
    if let (true, true, Some(new_rs), Some(stable_rs)) =
        (s.abort, p.dynamic_stable_scale, new_rs, stable_rs)
    {
        let expected = go.op(
            "GetDesiredCanaryWeight",
            "rolloutSpecReplica - stableRS.Status.AvailableReplicas",
            p.replicas,
            '-',
            stable_rs.available,
        );
        let mut canary = expected.max(new_rs.available);
        let (delay, was_set) = p.abort_delay();
        if was_set && delay.is_some() {
            canary = expected;
        }
        for st in p.steps.iter().rev() {
            if let Some(w) = st.set_weight {
                let r = traffic_weight_to_replicas(p.replicas, w, p.max_traffic_weight);
                if r < canary {
                    return w;
                }
            }
        }
        return 0;
    }
    current_set_weight(p, s)
}

/// `GetCanaryReplicasOrWeight`: an explicit canary replica count (`setCanaryScale.replicas`),
/// or the weight to aim for (`maxTrafficWeight` when promoting fully or with no update in
/// progress).
pub fn canary_replicas_or_weight(
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
) -> (Option<i32>, i32) {
    canary_replicas_or_weight_go(&mut Go32::default(), p, s, new_rs, stable_rs)
}

fn canary_replicas_or_weight_go(
    go: &mut Go32,
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
) -> (Option<i32>, i32) {
    if s.promote_full || s.stable_is_current {
        return (None, p.max_traffic_weight);
    }
    if let Some(scs) = use_set_canary_scale(p, s) {
        if scs.replicas.is_some() {
            return (scs.replicas, 0);
        } else if let Some(w) = scs.weight {
            return (None, w);
        }
    }
    (None, desired_canary_weight(go, p, s, new_rs, stable_rs))
}

/// `floorCeilingTied`.
fn floor_ceiling_tied(desired: i32, max_weight: i32, total: i32) -> bool {
    let x = f64::from(total) * (f64::from(desired) / f64::from(max_weight));
    x.fract() == 0.5
}

/// `weightDelta`.
fn weight_delta(go: &mut Go32, desired: i32, max_weight: i32, canary: i32, total: i32) -> f64 {
    let product = go.op(
        "weightDelta",
        "canaryReplicas*maxWeight",
        canary,
        '*',
        max_weight,
    );
    let actual = f64::from(product) / f64::from(total);
    (actual - f64::from(desired)).abs()
}

/// Upstream `approximateWeightedCanaryStableReplicaCounts`: the canary and stable counts
/// closest to `desired_weight`, trying `replicas` and (with surge) `replicas + 1` pods, the
/// canary rounded up or down; a weight strictly between 0 and the maximum never gives 0
/// canary or 0 stable pods when 2+ pods (surge included) are possible; ties go to the larger
/// canary.
///
/// The arithmetic is argo's `int32`: `specReplicas*desiredWeight` wraps past 2³¹ − 1 (30
/// million replicas at weight 100 give a negative canary), as do `replicas + 1` and
/// `canary*maxWeight`; [`canary_int32_overflows`] names each overflow.
pub fn approximate_weighted_canary_stable_replica_counts(
    spec_replicas: i32,
    desired_weight: i32,
    max_weight: i32,
    max_surge: i32,
) -> (i32, i32) {
    approximate_go(
        &mut Go32::default(),
        spec_replicas,
        desired_weight,
        max_weight,
        max_surge,
    )
}

fn approximate_go(
    go: &mut Go32,
    spec_replicas: i32,
    desired_weight: i32,
    max_weight: i32,
    max_surge: i32,
) -> (i32, i32) {
    const F: &str = "approximateWeightedCanaryStableReplicaCounts";
    if spec_replicas == 0 {
        return (0, 0);
    }
    if max_weight <= 0 {
        return (0, spec_replicas);
    }
    let product = go.op(
        F,
        "specReplicas*desiredWeight",
        spec_replicas,
        '*',
        desired_weight,
    );
    let q = f64::from(product) / f64::from(max_weight);
    let ceil = go_int32_of_f64(q.ceil());
    let floor = go_int32_of_f64(q.floor());
    let tied = floor_ceiling_tied(desired_weight, max_weight, spec_replicas);
    let zero_allowed = desired_weight == max_weight
        || desired_weight == 0
        || (spec_replicas == 1 && max_surge == 0);
    let mut options: Vec<(i32, i32)> = Vec::with_capacity(4);
    if ceil < spec_replicas || zero_allowed {
        options.push((ceil, spec_replicas));
    }
    if !tied && (floor != 0 || zero_allowed) {
        options.push((floor, spec_replicas));
    }
    if max_surge > 0 {
        let with_surge = go.op(F, "specReplicas + 1", spec_replicas, '+', 1);
        options.push((ceil, with_surge));
        let surge_tied = floor_ceiling_tied(desired_weight, max_weight, with_surge);
        if !surge_tied && (floor != 0 || zero_allowed) {
            options.push((floor, with_surge));
        }
    }
    let Some(&first) = options.first() else {
        return (0, spec_replicas);
    };
    let mut best = first;
    let mut best_delta = weight_delta(go, desired_weight, max_weight, best.0, best.1);
    for &o in options.iter().skip(1) {
        let d = weight_delta(go, desired_weight, max_weight, o.0, o.1);
        if d < best_delta {
            best = o;
            best_delta = d;
        }
    }
    let stable = go.op(
        F,
        "bestOption.total - bestOption.canary",
        best.1,
        '-',
        best.0,
    );
    (best.0, stable)
}

/// `GetReplicasForScaleDown`: `spec.replicas` when fewer than available or when availability
/// may be ignored; else the available replicas.
fn replicas_for_scale_down(rs: Option<&RsCounts>, ignore_availability: bool) -> i32 {
    let Some(rs) = rs else { return 0 };
    if rs.replicas < rs.available || ignore_availability {
        return rs.replicas;
    }
    rs.available
}

/// `calculateScaleDownReplicaCount`.
fn scale_down_count(
    go: &mut Go32,
    drain: Option<&RsCounts>,
    desired: i32,
    scale_down: i32,
    current: i32,
) -> i32 {
    match drain {
        Some(rs) if rs.replicas > desired => desired.max(go.op(
            "calculateScaleDownReplicaCount",
            "drainRS.Spec.Replicas - scaleDownCount",
            rs.replicas,
            '-',
            scale_down,
        )),
        _ => current,
    }
}

/// `adjustReplicaWithinLimits`.
fn adjust_within_limits(
    go: &mut Go32,
    drain: Option<&RsCounts>,
    adjust: Option<&RsCounts>,
    mut drain_count: i32,
    mut adjust_count: i32,
    max_allowed: i32,
    min_available: i32,
) -> (i32, i32) {
    const F: &str = "adjustReplicaWithinLimits";
    let over_limit = |go: &mut Go32, adjust_count: i32, drain_count: i32| {
        let both = go.op(
            F,
            "adjustRSReplicaCount + drainRSReplicaCount",
            adjust_count,
            '+',
            drain_count,
        );
        go.op(F, "… - maxReplicaCountAllowed", both, '-', max_allowed)
            .max(0)
    };
    let mut over = over_limit(go, adjust_count, drain_count);
    let mut total_available = 0;
    if let Some(d) = drain {
        total_available = go.op(
            F,
            "totalAvailableReplicas + min(drainRS available, drainRSReplicaCount)",
            total_available,
            '+',
            d.available.min(drain_count),
        );
    }
    if let Some(a) = adjust {
        adjust_count = go.op(
            F,
            "adjustRSReplicaCount - overTheLimitVal",
            adjust_count,
            '-',
            over,
        );
        total_available = go.op(
            F,
            "totalAvailableReplicas + min(adjustRS available, adjustRSReplicaCount)",
            total_available,
            '+',
            a.available.min(adjust_count),
        );
        let extra = go
            .op(
                F,
                "adjustRS.Status.AvailableReplicas - adjustRSReplicaCount",
                a.available,
                '-',
                adjust_count,
            )
            .max(0);
        let more_needed = go
            .op(
                F,
                "minAvailableReplicaCount - totalAvailableReplicas",
                min_available,
                '-',
                total_available,
            )
            .max(0);
        adjust_count = go.op(
            F,
            "adjustRSReplicaCount + min(extra, moreToNeed)",
            adjust_count,
            '+',
            extra.min(more_needed),
        );
        over = over_limit(go, adjust_count, drain_count);
        drain_count = go.op(
            F,
            "drainRSReplicaCount - overTheLimitVal",
            drain_count,
            '-',
            over,
        );
    }
    (drain_count, adjust_count)
}

/// `CheckStableRSExists`: a stable ReplicaSet distinct from the new one.
fn stable_exists(new_rs: Option<&RsCounts>, stable_rs: Option<&RsCounts>) -> bool {
    match (new_rs, stable_rs) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(n), Some(s)) => n.name != s.name,
    }
}

/// Upstream `CalculateReplicaCountsForBasicCanary`: `(canary, stable)` replica counts for a
/// canary without traffic routing, where the weight is the share of pods.
///
/// The desired split comes from [`approximate_weighted_canary_stable_replica_counts`]. Up
/// to `replicas + maxSurge` pods the stable is scaled up first, then the canary; older
/// ReplicaSets are scaled down before either; then whichever side is shrinking is scaled down
/// as far as `replicas − maxUnavailable` available pods allow. Every step is argo's `int32`
/// arithmetic, wrapping where argo's does ([`canary_int32_overflows`] names each overflow).
///
/// ```
/// use acp_workload::argo::{CanaryParams, CanaryStatus, RsCounts, basic_canary_replica_counts};
/// // canary_test.go "Use Max Surge and Max Unavailable": 10 replicas, weight 50, surge 2,
/// // unavailable 1 → canary 2, stable 9.
/// let mut p = CanaryParams::new(10, 2, 1);
/// p.steps = vec![acp_workload::argo::CanaryStep { set_weight: Some(50), ..Default::default() }];
/// let counts = basic_canary_replica_counts(
///     &p,
///     &CanaryStatus::default(),
///     Some(&RsCounts::new("canary", 0, 0)),
///     Some(&RsCounts::new("stable", 10, 10)),
///     &[],
/// )?;
/// assert_eq!(counts, (2, 9));
/// # Ok::<(), acp_workload::argo::ArgoError>(())
/// ```
pub fn basic_canary_replica_counts(
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
    older: &[RsCounts],
) -> Result<(i32, i32), ArgoError> {
    basic_go(&mut Go32::default(), p, s, new_rs, stable_rs, older)
}

fn basic_go(
    go: &mut Go32,
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
    older: &[RsCounts],
) -> Result<(i32, i32), ArgoError> {
    const F: &str = "CalculateReplicaCountsForBasicCanary";
    let spec = p.replicas;
    let (_, desired_weight) = canary_replicas_or_weight_go(go, p, s, new_rs, stable_rs);
    let max_surge = p.max_surge_go(go)?;
    let (mut desired_new, mut desired_stable) =
        approximate_go(go, spec, desired_weight, p.max_traffic_weight, max_surge);
    let mut new_count = new_rs.map_or(0, |r| r.replicas);
    let scale_stable = stable_exists(new_rs, stable_rs);
    let mut stable_count = 0;
    if scale_stable {
        stable_count = stable_rs.map_or(0, |r| r.replicas);
    } else {
        desired_new = spec;
        desired_stable = 0;
    }
    let max_allowed = go.op(F, "rolloutSpecReplica + maxSurge", spec, '+', max_surge);
    let current = older
        .iter()
        .chain(new_rs)
        .chain(stable_rs.filter(|_| scale_stable));
    let total = go.sum("GetReplicaCountForReplicaSets", current, |r| r.replicas);
    let scale_up = go.op(
        F,
        "maxReplicaCountAllowed - totalCurrentReplicaCount",
        max_allowed,
        '-',
        total,
    );
    (new_count, stable_count) = scale_up_counts(
        go,
        new_rs,
        stable_rs.filter(|_| scale_stable),
        (desired_new, desired_stable),
        (new_count, stable_count),
        scale_up,
    );
    if go.sum("GetReplicaCountForReplicaSets", older, |r| r.replicas) > 0 {
        return Ok((new_count, stable_count));
    }
    let max_unavailable = p.max_unavailable_go(go)?;
    let min_available = go.op(
        F,
        "rolloutSpecReplica - MaxUnavailable(rollout)",
        spec,
        '-',
        max_unavailable,
    );
    let increasing = new_rs.is_none_or(|r| desired_new >= r.replicas);
    let to_scale_down = go.op(
        F,
        "GetReplicasForScaleDown(newRS) + GetReplicasForScaleDown(stableRS)",
        replicas_for_scale_down(new_rs, !increasing),
        '+',
        replicas_for_scale_down(stable_rs, increasing),
    );
    if to_scale_down <= min_available {
        return Ok((new_count, stable_count));
    }
    let scale_down = go.op(
        F,
        "replicasToScaleDown - minAvailableReplicaCount",
        to_scale_down,
        '-',
        min_available,
    );
    if !increasing {
        new_count = scale_down_count(go, new_rs, desired_new, scale_down, new_count);
        (new_count, stable_count) = adjust_within_limits(
            go,
            new_rs,
            stable_rs,
            new_count,
            stable_count,
            max_allowed,
            min_available,
        );
    } else if scale_stable {
        stable_count = scale_down_count(go, stable_rs, desired_stable, scale_down, stable_count);
        (stable_count, new_count) = adjust_within_limits(
            go,
            stable_rs,
            new_rs,
            stable_count,
            new_count,
            max_allowed,
            min_available,
        );
    }
    Ok((new_count, stable_count))
}

/// The scale-up half of `CalculateReplicaCountsForBasicCanary`: within `scale_up` more pods,
/// the stable (when distinct) up to its desired count first, then the canary.
fn scale_up_counts(
    go: &mut Go32,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
    (desired_new, desired_stable): (i32, i32),
    (mut new_count, mut stable_count): (i32, i32),
    mut scale_up: i32,
) -> (i32, i32) {
    const F: &str = "CalculateReplicaCountsForBasicCanary";
    if let Some(st) = stable_rs
        && st.replicas < desired_stable
        && scale_up > 0
    {
        let reach = go.op(
            F,
            "stableRS.Spec.Replicas + scaleUpCount",
            st.replicas,
            '+',
            scale_up,
        );
        if reach < desired_stable {
            stable_count = reach;
            scale_up = 0;
        } else {
            stable_count = desired_stable;
            let used = go.op(
                F,
                "desiredStableRSReplicaCount - stableRS.Spec.Replicas",
                desired_stable,
                '-',
                st.replicas,
            );
            scale_up = go.op(F, "scaleUpCount - (…)", scale_up, '-', used);
        }
    }
    if let Some(nr) = new_rs
        && nr.replicas < desired_new
        && scale_up > 0
    {
        let reach = go.op(
            F,
            "newRS.Spec.Replicas + scaleUpCount",
            nr.replicas,
            '+',
            scale_up,
        );
        new_count = if reach < desired_new {
            reach
        } else {
            desired_new
        };
    }
    (new_count, stable_count)
}

/// `CheckMinPodsPerReplicaSet`: a non-zero count is at least `minPodsPerReplicaSet` (capped
/// at `replicas`), with traffic routing only.
fn check_min_pods(p: &CanaryParams, count: i32) -> i32 {
    if count == 0 || !p.traffic_routing {
        return count;
    }
    match p.min_pods_per_replica_set {
        Some(min) => count.max(min.min(p.replicas)),
        None => count,
    }
}

// seed 003:7750
/// Upstream `CalculateReplicaCountsForTrafficRoutedCanary`: `(canary, stable)` with traffic
/// routing. The canary is `setCanaryScale.replicas`, or `ceil(weight × replicas /
/// maxWeight)`; the stable stays at `replicas` unless `dynamicStableScale`, which scales it
/// by the remaining weight (never below what the actual stable traffic needs, and on abort
/// never shrinking the canary below its actual traffic).
///
/// ```
/// use acp_workload::argo::{CanaryParams, CanaryStep, CanaryStatus, traffic_routed_canary_replica_counts};
/// // 2 replicas at setWeight 50 → 1 canary, 2 stable.
/// let mut p = CanaryParams::new(2, "25%", 0);
/// p.traffic_routing = true;
/// p.steps = vec![CanaryStep { set_weight: Some(50), ..Default::default() }];
/// assert_eq!(traffic_routed_canary_replica_counts(&p, &CanaryStatus::default(), None, None), (1, 2));
/// ```
pub fn traffic_routed_canary_replica_counts(
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
) -> (i32, i32) {
    traffic_routed_go(&mut Go32::default(), p, s, new_rs, stable_rs)
}

fn traffic_routed_go(
    go: &mut Go32,
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
) -> (i32, i32) {
    let spec = p.replicas;
    let (set_replicas, desired_weight) = canary_replicas_or_weight_go(go, p, s, new_rs, stable_rs);
    let max_weight = p.max_traffic_weight;
    let mut canary = match set_replicas {
        Some(r) => r,
        None => check_min_pods(
            p,
            traffic_weight_to_replicas(spec, desired_weight, max_weight),
        ),
    };
    if !p.dynamic_stable_scale {
        return (canary, spec);
    }
    let stable_weight = go.op(
        "CalculateReplicaCountsForTrafficRoutedCanary",
        "maxWeight-desiredWeight",
        max_weight,
        '-',
        desired_weight,
    );
    let mut stable = traffic_weight_to_replicas(spec, stable_weight, max_weight);
    if let Some(w) = s.weights {
        stable = stable.max(traffic_weight_to_replicas(spec, w.stable, max_weight));
        if s.abort {
            canary = canary.max(traffic_weight_to_replicas(spec, w.canary, max_weight));
        }
    }
    (check_min_pods(p, canary), check_min_pods(p, stable))
}

/// The `(canary, stable)` counts the controller aims for now: traffic-routed or basic.
pub fn canary_replica_counts(
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
    older: &[RsCounts],
) -> Result<(i32, i32), ArgoError> {
    canary_replica_counts_go(&mut Go32::default(), p, s, new_rs, stable_rs, older)
}

fn canary_replica_counts_go(
    go: &mut Go32,
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
    older: &[RsCounts],
) -> Result<(i32, i32), ArgoError> {
    if p.traffic_routing {
        Ok(traffic_routed_go(go, p, s, new_rs, stable_rs))
    } else {
        basic_go(go, p, s, new_rs, stable_rs, older)
    }
}

/// Where argo's `int32` arithmetic overflows while computing [`canary_replica_counts`] for
/// this state (each place once, in the order argo reaches it); empty for almost every
/// Rollout.
///
/// ```
/// use acp_workload::argo::{CanaryParams, CanaryStatus, CanaryStep, RsCounts, canary_int32_overflows};
/// // 2000000000 replicas with maxSurge 25% (500000000) at setWeight 0: replicas + maxSurge
/// // overflows.
/// let mut p = CanaryParams::new(2_000_000_000, "25%", 0);
/// p.steps = vec![CanaryStep { set_weight: Some(0), ..Default::default() }];
/// let stable = RsCounts::new("stable", 2_000_000_000, 2_000_000_000);
/// let o = canary_int32_overflows(&p, &CanaryStatus::default(), None, Some(&stable), &[])?;
/// assert_eq!(
///     o[0].to_string(),
///     "rolloutSpecReplica + maxSurge overflows int32 in CalculateReplicaCountsForBasicCanary \
///      (2000000000 + 500000000 = 2500000000 wraps to -1794967296)"
/// );
/// # Ok::<(), acp_workload::argo::ArgoError>(())
/// ```
pub fn canary_int32_overflows(
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
    older: &[RsCounts],
) -> Result<Vec<Int32Overflow>, ArgoError> {
    let mut go = Go32::default();
    canary_replica_counts_go(&mut go, p, s, new_rs, stable_rs, older)?;
    Ok(go.wraps)
}

/// Upstream `AtDesiredReplicaCountsForCanary` (no `replicaProgressThreshold`): the canary
/// has its desired replicas all available; the stable (unless traffic routing with
/// `dynamicStableScale`) has its desired replicas all created; without traffic routing the
/// older ReplicaSets' available pods sum (in `int32`) to 0.
// DEVIATION: `replicaProgressThreshold` is not modelled: every desired canary replica must be
// available.
pub fn at_desired_replica_counts_for_canary(
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
    older: &[RsCounts],
) -> Result<bool, ArgoError> {
    at_desired_go(&mut Go32::default(), p, s, new_rs, stable_rs, older)
}

fn at_desired_go(
    go: &mut Go32,
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
    older: &[RsCounts],
) -> Result<bool, ArgoError> {
    let (dn, ds) = canary_replica_counts_go(go, p, s, new_rs, stable_rs, older)?;
    let all_available = new_rs.is_some_and(|r| r.replicas == dn && r.available == dn);
    if !all_available {
        return Ok(false);
    }
    if (!p.traffic_routing || !p.dynamic_stable_scale)
        && !stable_rs.is_some_and(|r| r.replicas == ds && r.status_replicas == ds)
    {
        return Ok(false);
    }
    if !p.traffic_routing
        && go.sum("GetAvailableReplicaCountForReplicaSets", older, |r| {
            r.available
        }) != 0
    {
        return Ok(false);
    }
    Ok(true)
}

/// The counts `kubectl argo rollouts get` shows under `Replicas:`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RolloutCounts {
    /// `Desired`: `spec.replicas`.
    pub desired: i64,
    /// `Current`: pods of every ReplicaSet (`status.replicas`).
    pub current: i64,
    /// `Updated`: pods of the newest ReplicaSet.
    pub updated: i64,
    /// `Ready`.
    pub ready: i64,
    /// `Available`.
    pub available: i64,
}

impl fmt::Display for RolloutCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Desired {} Current {} Updated {} Ready {} Available {}",
            self.desired, self.current, self.updated, self.ready, self.available
        )
    }
}

/// What a step waits for before the rollout goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Wait {
    /// Nothing: the next step follows once the counts are reached.
    None,
    /// `kubectl argo rollouts promote`.
    Promote,
    /// This many seconds.
    Seconds(i64),
}

/// One step of a planned canary: the state once the controller has reached it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CanaryStepPlan {
    /// `status.currentStepIndex` (`Step: i/n`); `n` (the step count) once promoted.
    pub step_index: usize,
    /// The step count.
    pub step_count: usize,
    /// What the step is (`setWeight: 50`, `pause`, `promoted`).
    pub kind: String,
    /// `SetWeight` (the current weight).
    pub set_weight: i32,
    /// Canary ReplicaSet `spec.replicas`.
    pub canary_replicas: i32,
    /// Stable ReplicaSet `spec.replicas`.
    pub stable_replicas: i32,
    /// The status counts.
    pub counts: RolloutCounts,
    /// What the rollout waits for here.
    pub wait: Wait,
    /// The most pods at once on the way to this step.
    pub peak_pods: i64,
    /// The fewest available pods on the way to this step.
    pub min_available: i64,
}

impl fmt::Display for CanaryStepPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "step {}/{} {}",
            self.step_index, self.step_count, self.kind
        )?;
        match self.wait {
            Wait::None => {}
            Wait::Promote => f.write_str(" (until promoted)")?,
            Wait::Seconds(s) => write!(f, " ({s}s)")?,
        }
        write!(
            f,
            ": setWeight {}, canary {}, stable {} — {}",
            self.set_weight, self.canary_replicas, self.stable_replicas, self.counts
        )
    }
}

/// A planned canary rollout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CanaryPlan {
    /// Every step reached, then the promotion.
    pub steps: Vec<CanaryStepPlan>,
    /// `true` when the new version becomes stable.
    pub completed: bool,
    /// The most pods at once.
    pub peak_pods: i64,
    /// Seconds the old stable ReplicaSet keeps its pods after promotion
    /// (`scaleDownDelaySeconds`, traffic routing only).
    pub scale_down_delay_seconds: i32,
    /// Where argo's `int32` arithmetic overflowed on the way
    /// ([`PlanWarning::ArgoInt32Overflow`]), each place once; the counts above are the wrapped
    /// ones argo computes.
    pub warnings: Vec<PlanWarning>,
}

struct CanarySim<'a> {
    p: &'a CanaryParams,
    opts: &'a PlanOptions,
    status: CanaryStatus,
    stable: PodGroup,
    stable_spec: i64,
    canary: PodGroup,
    canary_spec: i64,
    now: u64,
    peak: i64,
    min_available: i64,
    go: Go32,
}

impl CanarySim<'_> {
    fn rs(&self, name: &str, g: &PodGroup, spec: i64) -> RsCounts {
        RsCounts {
            name: name.to_owned(),
            replicas: sat_i32(spec),
            status_replicas: sat_i32(g.pods()),
            available: sat_i32(g.available),
        }
    }

    fn views(&self) -> (RsCounts, Option<RsCounts>) {
        let new_rs = self.rs("canary", &self.canary, self.canary_spec);
        let stable = (!self.status.stable_is_current)
            .then(|| self.rs("stable", &self.stable, self.stable_spec));
        (new_rs, stable)
    }

    fn counts(&self) -> RolloutCounts {
        let stable_pods = if self.status.stable_is_current {
            0
        } else {
            self.stable.pods()
        };
        RolloutCounts {
            desired: i64::from(self.p.replicas),
            current: stable_pods + self.canary.pods(),
            updated: self.canary.pods(),
            ready: self.stable.available + self.canary.available,
            available: self.stable.available + self.canary.available,
        }
    }

    fn pods_sync(&mut self) -> bool {
        let mut changed = false;
        let now = self.now;
        for (g, spec, t) in [
            (&mut self.stable, self.stable_spec, Template::Old),
            (&mut self.canary, self.canary_spec, Template::New),
        ] {
            let diff = g.pods() - spec;
            if diff > 0 {
                if g.delete(diff, now, now) > 0 {
                    changed = true;
                }
            } else if diff < 0 {
                let ready_at = self.opts.ready_at(now, t);
                g.create(-diff, ready_at);
                changed = true;
            }
        }
        let total = self.stable.pods() + self.canary.pods();
        self.peak = self.peak.max(total);
        self.min_available = self
            .min_available
            .min(self.stable.available + self.canary.available);
        changed
    }

    /// One reconcile: stable first, then the canary (`reconcileCanaryReplicaSets`).
    fn reconcile(&mut self) -> Result<bool, ArgoError> {
        let (new_rs, stable) = self.views();
        let (dn, ds) = canary_replica_counts_go(
            &mut self.go,
            self.p,
            &self.status,
            Some(&new_rs),
            stable.as_ref(),
            &[],
        )?;
        if stable.is_some() && i64::from(ds) != self.stable_spec {
            self.stable_spec = i64::from(ds);
            return Ok(true);
        }
        if i64::from(dn) != self.canary_spec {
            self.canary_spec = i64::from(dn);
            return Ok(true);
        }
        Ok(false)
    }

    fn at_desired(&mut self) -> Result<bool, ArgoError> {
        let (new_rs, stable) = self.views();
        at_desired_go(
            &mut self.go,
            self.p,
            &self.status,
            Some(&new_rs),
            stable.as_ref(),
            &[],
        )
    }

    /// Runs controllers and pods until the counts for the current step are reached (or can
    /// never be). `Ok(false)`: stuck.
    fn settle(&mut self) -> Result<bool, ArgoError> {
        let limit = 10_000 + usize::try_from(self.p.replicas.max(0)).unwrap_or(0) * 4;
        for _ in 0..limit {
            let mut inner = 0;
            loop {
                let a = self.reconcile()?;
                let b = self.pods_sync();
                inner += 1;
                if (!a && !b) || inner > 64 {
                    break;
                }
            }
            if self.at_desired()? {
                return Ok(true);
            }
            let next = [self.stable.next_event(), self.canary.next_event()]
                .into_iter()
                .flatten()
                .min();
            match next {
                Some(t) => {
                    self.now = t.max(self.now + 1);
                    self.stable.advance(self.now);
                    self.canary.advance(self.now);
                    self.min_available = self
                        .min_available
                        .min(self.stable.available + self.canary.available);
                }
                None => return Ok(false),
            }
        }
        Ok(false)
    }

    fn record(
        &self,
        index: usize,
        kind: String,
        wait: Wait,
        peak: i64,
        min_av: i64,
    ) -> CanaryStepPlan {
        CanaryStepPlan {
            step_index: index,
            step_count: self.p.steps.len(),
            kind,
            set_weight: current_set_weight(self.p, &self.status),
            canary_replicas: sat_i32(self.canary_spec),
            stable_replicas: if self.status.stable_is_current {
                sat_i32(self.canary_spec)
            } else {
                sat_i32(self.stable_spec)
            },
            counts: self.counts(),
            wait,
            peak_pods: peak,
            min_available: min_av,
        }
    }
}

fn step_kind(st: &CanaryStep) -> (String, Wait) {
    if let Some(w) = st.set_weight {
        return (format!("setWeight: {w}"), Wait::None);
    }
    if let Some(scs) = st.set_canary_scale {
        let what = match (scs.replicas, scs.weight, scs.match_traffic_weight) {
            (_, _, true) => "matchTrafficWeight".to_owned(),
            (Some(r), _, _) => format!("replicas {r}"),
            (None, Some(w), _) => format!("weight {w}"),
            _ => String::new(),
        };
        return (format!("setCanaryScale: {what}"), Wait::None);
    }
    if let Some(p) = st.pause {
        return match p {
            PauseDuration::Seconds(s) => ("pause".to_owned(), Wait::Seconds(s)),
            _ => ("pause".to_owned(), Wait::Promote),
        };
    }
    (
        st.other.clone().unwrap_or_else(|| "step".to_owned()),
        Wait::None,
    )
}

/// Plans a canary update from `p.replicas` available stable pods: every step of
/// `p.steps` with the ReplicaSet sizes and status counts once the controller has reached it
/// (pods become available as `opts` says), then the promotion, when the canary becomes the
/// stable and the old stable is scaled to 0 (after `scaleDownDelaySeconds` with traffic
/// routing). A `pause` step without duration is assumed promoted by hand; analysis and
/// experiment steps are taken as passing. Quotas are not applied here.
// DEVIATION: analysis and experiment steps count as passing (no AnalysisRun or Experiment is
// modelled); a pause without duration is taken as promoted by hand.
pub fn plan_canary(p: &CanaryParams, opts: &PlanOptions) -> Result<CanaryPlan, ArgoError> {
    if p.replicas < 0 {
        return Err(ArgoError::Invalid(
            acp_model::validation::FieldError::invalid(
                &acp_model::validation::FieldPath::new("spec").child("replicas"),
                p.replicas,
                "must be greater than or equal to 0",
            )
            .to_string(),
        ));
    }
    let replicas = i64::from(p.replicas);
    let mut sim = CanarySim {
        p,
        opts,
        status: CanaryStatus {
            current_step_index: Some(0),
            ..CanaryStatus::default()
        },
        stable: PodGroup::with_available(replicas),
        stable_spec: replicas,
        canary: PodGroup::default(),
        canary_spec: 0,
        now: 1,
        peak: replicas,
        min_available: replicas,
        go: Go32::default(),
    };
    let mut steps = Vec::new();
    let mut completed = false;
    let mut peak_before = sim.peak;
    for i in 0..=p.steps.len() {
        sim.status.current_step_index = Some(i32::try_from(i).unwrap_or(i32::MAX));
        sim.min_available = sim.stable.available + sim.canary.available;
        sim.peak = sim.stable.pods() + sim.canary.pods();
        let reached = sim.settle()?;
        let (kind, wait) = match p.steps.get(i) {
            Some(st) => step_kind(st),
            None => ("promoted".to_owned(), Wait::None),
        };
        if p.traffic_routing {
            let w = current_set_weight(p, &sim.status);
            sim.status.weights = Some(TrafficWeights {
                canary: w,
                stable: p.max_traffic_weight.wrapping_sub(w),
            });
        }
        if !reached {
            steps.push(sim.record(i, kind, wait, sim.peak, sim.min_available));
            break;
        }
        if i == p.steps.len() {
            // Promotion: the canary becomes the stable; the old stable goes to 0.
            sim.status.stable_is_current = true;
            sim.stable_spec = 0;
            sim.pods_sync();
            completed = true;
        }
        peak_before = peak_before.max(sim.peak);
        steps.push(sim.record(i, kind, wait, sim.peak, sim.min_available));
    }
    let peak_pods = steps
        .iter()
        .map(|s| s.peak_pods)
        .max()
        .unwrap_or(replicas)
        .max(peak_before);
    Ok(CanaryPlan {
        steps,
        completed,
        peak_pods,
        scale_down_delay_seconds: p.scale_down_delay_seconds(),
        warnings: sim
            .go
            .wraps
            .into_iter()
            .map(PlanWarning::ArgoInt32Overflow)
            .collect(),
    })
}

/// The blue-green strategy of a Rollout, defaulted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlueGreenParams {
    /// `spec.replicas`.
    pub replicas: i32,
    /// `previewReplicaCount`: new pods before promotion (unset: `replicas`).
    pub preview_replica_count: Option<i32>,
    // seed 003:7044-7048
    /// `autoPromotionEnabled` (default `true`; `false` pauses before promotion).
    pub auto_promotion_enabled: bool,
    /// `autoPromotionSeconds`: pause this long before promoting automatically.
    pub auto_promotion_seconds: i32,
    /// `scaleDownDelaySeconds` (default 30): the old ReplicaSet keeps its pods this long after
    /// promotion.
    pub scale_down_delay_seconds: i32,
}

impl BlueGreenParams {
    /// The blue-green strategy of `ro`, defaulted as argo defaults it.
    pub fn from_rollout(ro: &Rollout) -> Result<Self, ArgoError> {
        let bg = ro
            .spec
            .strategy
            .as_ref()
            .and_then(|s| s.blue_green.as_ref())
            .ok_or(ArgoError::NotBlueGreen)?;
        Ok(BlueGreenParams {
            replicas: ro.spec.replicas.unwrap_or(DEFAULT_REPLICAS),
            preview_replica_count: bg.preview_replica_count,
            auto_promotion_enabled: bg.auto_promotion_enabled.unwrap_or(true),
            auto_promotion_seconds: bg.auto_promotion_seconds.unwrap_or(0),
            scale_down_delay_seconds: bg
                .scale_down_delay_seconds
                .unwrap_or(DEFAULT_SCALE_DOWN_DELAY_SECONDS),
        })
    }
}

/// A phase of a blue-green update.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlueGreenPhase {
    /// The new ReplicaSet is up (at `previewReplicaCount` or `replicas`) behind the preview
    /// service; the active service still points at the old one.
    Preview,
    /// Paused before promotion (`BlueGreenPause`): `autoPromotionEnabled: false` or
    /// `autoPromotionSeconds`.
    Paused,
    /// With `previewReplicaCount`, the new ReplicaSet scaled to `replicas` before the switch.
    ScaledUp,
    /// The active service points at the new ReplicaSet; the old one keeps its pods for
    /// `scaleDownDelaySeconds`.
    Promoted,
    /// The old ReplicaSet is scaled to 0.
    ScaledDown,
}

/// One phase of a planned blue-green update.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BlueGreenStepPlan {
    /// The phase.
    pub phase: BlueGreenPhase,
    /// Pods of the ReplicaSet the active service selects.
    pub active: i64,
    /// Pods of the new ReplicaSet (what the preview service selects).
    pub preview: i64,
    /// Pods of the old ReplicaSet.
    pub old: i64,
    /// The status counts (blue-green reports `Ready`/`Available` of the active ReplicaSet).
    pub counts: RolloutCounts,
    /// What it waits for.
    pub wait: Wait,
}

// seed 003:7020; seed 003:7205-7213
/// Plans a blue-green update from `p.replicas` old pods (every pod becomes available, as
/// `ReadyForPause` waits for).
///
/// ```
/// use acp_workload::argo::{BlueGreenParams, BlueGreenPhase, plan_blue_green};
/// // 2 replicas, autoPromotionEnabled false: paused with
/// // 4 pods (Desired 2, Current 4, Updated 2, Ready 2, Available 2).
/// let p = BlueGreenParams { replicas: 2, preview_replica_count: None, auto_promotion_enabled: false,
///     auto_promotion_seconds: 0, scale_down_delay_seconds: 30 };
/// let plan = plan_blue_green(&p);
/// let paused = plan.iter().find(|s| s.phase == BlueGreenPhase::Paused).unwrap();
/// assert_eq!(paused.counts.to_string(), "Desired 2 Current 4 Updated 2 Ready 2 Available 2");
/// ```
pub fn plan_blue_green(p: &BlueGreenParams) -> Vec<BlueGreenStepPlan> {
    let r = i64::from(p.replicas.max(0));
    let preview = p.preview_replica_count.map_or(r, |c| i64::from(c.max(0)));
    let mut out = Vec::new();
    let counts = |active: i64, new: i64, old: i64| RolloutCounts {
        desired: r,
        current: new + old,
        updated: new,
        ready: active,
        available: active,
    };
    out.push(BlueGreenStepPlan {
        phase: BlueGreenPhase::Preview,
        active: r,
        preview,
        old: r,
        counts: counts(r, preview, r),
        wait: Wait::None,
    });
    let pause = if !p.auto_promotion_enabled {
        Some(Wait::Promote)
    } else if p.auto_promotion_seconds > 0 {
        Some(Wait::Seconds(i64::from(p.auto_promotion_seconds)))
    } else {
        None
    };
    if let Some(wait) = pause {
        out.push(BlueGreenStepPlan {
            phase: BlueGreenPhase::Paused,
            active: r,
            preview,
            old: r,
            counts: counts(r, preview, r),
            wait,
        });
    }
    if preview != r {
        out.push(BlueGreenStepPlan {
            phase: BlueGreenPhase::ScaledUp,
            active: r,
            preview: r,
            old: r,
            counts: counts(r, r, r),
            wait: Wait::None,
        });
    }
    out.push(BlueGreenStepPlan {
        phase: BlueGreenPhase::Promoted,
        active: r,
        preview: r,
        old: r,
        counts: counts(r, r, r),
        wait: Wait::Seconds(i64::from(p.scale_down_delay_seconds)),
    });
    out.push(BlueGreenStepPlan {
        phase: BlueGreenPhase::ScaledDown,
        active: r,
        preview: r,
        old: 0,
        counts: counts(r, r, 0),
        wait: Wait::None,
    });
    out
}

#[cfg(test)]
mod tests;
