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
//! * [`upstream::basic_canary_replica_counts`] (`CalculateReplicaCountsForBasicCanary`: the closest
//!   canary/stable split to the weight within `replicas + maxSurge`, scaling stable before
//!   canary up and older ReplicaSets first down, never below `replicas − maxUnavailable`
//!   available), [`upstream::approximate_weighted_canary_stable_replica_counts`],
//!   [`upstream::traffic_routed_canary_replica_counts`] (`CalculateReplicaCountsForTrafficRoutedCanary`:
//!   canary = `ceil(weight × replicas / maxWeight)`, stable stays at `replicas` unless
//!   `dynamicStableScale`), `setCanaryScale`, `minPodsPerReplicaSet`, [`upstream::canary_replicas_or_weight`]
//!   (`GetCanaryReplicasOrWeight`, `GetCurrentSetWeight`, `UseSetCanaryScale`, the abort path of
//!   `GetDesiredCanaryWeight`) and [`upstream::at_desired_replica_counts_for_canary`].
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

pub mod upstream;
pub use upstream::canary_int32_overflows;
#[allow(clippy::wildcard_imports)]
use upstream::*;

#[cfg(test)]
mod tests;
