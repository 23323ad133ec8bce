//! The rollout planner and its quota check: step the controllers'
//! arithmetic through a whole rollout before it runs.
//!
//! Given a Deployment (or DaemonSet, or StatefulSet), the change (a new pod template), a
//! readiness model (new pods become available after N ticks, or never) and the namespace's
//! ResourceQuotas, the planner runs the Deployment and ReplicaSet controllers (or the
//! DaemonSet / StatefulSet controller) tick by tick and returns every step's old / new /
//! available / total pods, the peak extra resources, and how the rollout ends: completed, or
//! stalled — and when a quota stalls it, which quota, which resource and how many pods short.
//!
//! ```
//! use acp_workload::planner::{PlanOptions, QuotaLimits, plan_deployment};
//! use acp_workload::rolling::DeploymentParams;
//!
//! // 10 replicas, maxSurge 25%, maxUnavailable 0, under a `pods: 10` quota: the 3 surge pods
//! // are refused and nothing can proceed.
//! let d = DeploymentParams::rolling(10, "25%", 0);
//! let plan = plan_deployment(&d, &PlanOptions::default(), &QuotaLimits::pods("compute", 10, 0))?;
//! assert!(!plan.completed());
//! assert_eq!(
//!     plan.outcome.to_string(),
//!     "stalled at tick 1: ResourceQuota \"compute\" is 3 pods short: pods would need 13, hard limit 10"
//! );
//!
//! // With maxUnavailable 25% it goes through unavailability instead: 2 old pods go first.
//! let d = DeploymentParams::rolling(10, "25%", "25%");
//! let plan = plan_deployment(&d, &PlanOptions::default(), &QuotaLimits::pods("compute", 10, 0))?;
//! assert!(plan.completed());
//! assert_eq!(plan.min_available, 8);
//! assert_eq!(plan.peak_total, 10);
//! # Ok::<(), acp_workload::planner::PlanError>(())
//! ```
//!
//! # The model
//!
//! * Time advances in **ticks**. Within a tick the controllers run to a fixed point (they react
//!   in milliseconds); between ticks pods become available and terminating pods go away.
//! * The **Deployment controller** is [`crate::rolling`]: [`rolling_sync`] for `RollingUpdate`,
//!   [`recreate_sync`] for `Recreate`, [`proportional_scale`] when `replicas` changes with the
//!   template. The **ReplicaSet controller** creates or deletes at most 500 pods per sync
//!   (`BurstReplicas`), deletes not-ready pods first and the newest first among those
//!   (`ActivePodsWithRanks`), and creates only what the quotas admit — a refused pod stays
//!   missing (`FailedCreate`) and is retried on the next sync.
//! * A **quota** ([`QuotaLimits`]) admits a pod when, for every resource of its `spec.hard`
//!   the pod is charged for, `used + cost ≤ hard` (the apiserver's quota admission). Pods
//!   are charged as [`acp_quota::usage::pod_usage`] charges them — a terminating pod until its
//!   grace period is over ([`PlanOptions::terminating_ticks`]).
//! * A pod **becomes available** [`Readiness::After`]`(n)` ticks after it is created (fold
//!   `minReadySeconds` into `n`), or [`Readiness::Never`].
//! * The plan **completes** when the controller would report the rollout complete
//!   ([`deployment_complete`](crate::rolling::deployment_complete): every replica updated and
//!   available, no old pod) and **stalls** when nothing can change any more: a quota refuses
//!   pods (→ [`StallReason::Quota`]), new pods never become available, or the Deployment is
//!   paused. A stalled Deployment reports `ProgressDeadlineExceeded` after
//!   `progressDeadlineSeconds` (default 600 s) without progress.
//!
//! Steps are recorded only for ticks where something happens; a tick where pods only wait is
//! skipped, so `tick` numbers jump.
//!
//! [`rolling_sync`]: crate::rolling::rolling_sync
//! [`recreate_sync`]: crate::rolling::recreate_sync
//! [`proportional_scale`]: crate::rolling::proportional_scale

mod daemonset;
mod deployment;
mod quota;
mod statefulset;

use std::fmt;

pub use daemonset::{plan_daemonset, plan_daemonset_change};
pub(crate) use deployment::PodGroup;
pub use deployment::{fits_quota, plan_deployment, plan_deployment_change, plan_deployment_from};
pub use quota::{QuotaLimits, QuotaLine, QuotaRefusal, QuotaShortfall, Template};
pub use statefulset::{plan_statefulset, plan_statefulset_change};

use acp_model::validation::ErrorList;

use crate::rolling::{Int32Overflow, RollingError};
use acp_quota::resources::ResourceList;

/// When a new pod becomes available.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Readiness {
    /// This many ticks after it is created (0 counts as 1: at the next tick).
    After(u32),
    /// Never (a crash-looping or never-ready image).
    Never,
}

/// How the planner runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct PlanOptions {
    /// When a pod of the new template becomes available. Default: after 1 tick.
    pub new_pods: Readiness,
    /// When a pod of the old template (created when `replicas` grows) becomes available.
    /// Default: after 1 tick.
    pub old_pods: Readiness,
    /// Ticks a deleted pod keeps running and being charged to quotas (its grace period).
    /// Default 0: gone at once.
    pub terminating_ticks: u32,
    /// The most ticks with activity before giving up ([`StallReason::StepLimit`]).
    /// Default 1,000,000.
    pub max_steps: usize,
}

impl PlanOptions {
    /// Sets [`new_pods`](PlanOptions::new_pods).
    #[must_use]
    pub fn with_new_pods(mut self, new_pods: Readiness) -> Self {
        self.new_pods = new_pods;
        self
    }

    /// Sets [`old_pods`](PlanOptions::old_pods).
    #[must_use]
    pub fn with_old_pods(mut self, old_pods: Readiness) -> Self {
        self.old_pods = old_pods;
        self
    }

    /// Sets [`terminating_ticks`](PlanOptions::terminating_ticks).
    #[must_use]
    pub fn with_terminating_ticks(mut self, terminating_ticks: u32) -> Self {
        self.terminating_ticks = terminating_ticks;
        self
    }

    /// Sets [`max_steps`](PlanOptions::max_steps).
    #[must_use]
    pub fn with_max_steps(mut self, max_steps: usize) -> Self {
        self.max_steps = max_steps;
        self
    }
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            new_pods: Readiness::After(1),
            old_pods: Readiness::After(1),
            terminating_ticks: 0,
            max_steps: 1_000_000,
        }
    }
}

impl PlanOptions {
    /// New (and old) pods become available `n` ticks after creation.
    pub fn ready_after(n: u32) -> Self {
        PlanOptions {
            new_pods: Readiness::After(n),
            old_pods: Readiness::After(n),
            ..PlanOptions::default()
        }
    }

    /// New pods never become available.
    pub fn never_ready() -> Self {
        PlanOptions {
            new_pods: Readiness::Never,
            ..PlanOptions::default()
        }
    }

    /// The tick a pod of template `t` created at `now` becomes available (`u64::MAX`: never).
    pub(crate) fn ready_at(&self, now: u64, t: Template) -> u64 {
        let r = match t {
            Template::Old => self.old_pods,
            Template::New => self.new_pods,
        };
        match r {
            Readiness::After(n) => now.saturating_add(u64::from(n.max(1))),
            Readiness::Never => u64::MAX,
        }
    }
}

/// The state after one tick.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PlanStep {
    /// The tick (0 is the state before the change).
    pub tick: u64,
    /// Old-template pods the controllers want (Deployment: old ReplicaSets' `spec.replicas`).
    pub old_desired: i64,
    /// New-template pods the controllers want.
    pub new_desired: i64,
    /// Old-template pods that exist and are not terminating.
    pub old_pods: i64,
    /// New-template pods that exist and are not terminating.
    pub new_pods: i64,
    /// Available pods, old and new.
    pub available: i64,
    /// Available new pods.
    pub new_available: i64,
    /// Pods terminating (still charged to quotas).
    pub terminating: i64,
    /// Pods the controllers want but quotas refused.
    pub blocked: i64,
}

impl PlanStep {
    /// `old_pods + new_pods` (the Deployment's `status.replicas`).
    pub fn total(&self) -> i64 {
        self.old_pods + self.new_pods
    }
}

impl fmt::Display for PlanStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "tick {:>3}: old {:>3} new {:>3} available {:>3} total {:>3}",
            self.tick,
            self.old_pods,
            self.new_pods,
            self.available,
            self.total()
        )?;
        if self.terminating > 0 {
            write!(f, " terminating {}", self.terminating)?;
        }
        if self.blocked > 0 {
            write!(f, " blocked {}", self.blocked)?;
        }
        Ok(())
    }
}

/// Why a rollout cannot finish.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StallReason {
    /// A quota refuses pods the controller needs.
    Quota(QuotaShortfall),
    /// New pods never become available (`pods` of them wait).
    NeverAvailable {
        /// New pods that exist but are not available.
        pods: i64,
    },
    /// The Deployment is paused (`spec.paused`).
    Paused,
    /// The controllers have nothing left to do but the rollout is not complete.
    NoProgress,
    /// [`PlanOptions::max_steps`] ticks passed.
    StepLimit,
}

impl fmt::Display for StallReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StallReason::Quota(s) => s.fmt(f),
            StallReason::NeverAvailable { pods } => {
                write!(f, "{pods} new pods never become available")
            }
            StallReason::Paused => f.write_str("the Deployment is paused"),
            StallReason::NoProgress => f.write_str("the controllers make no more progress"),
            StallReason::StepLimit => f.write_str("step limit reached"),
        }
    }
}

/// How a plan ends.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PlanOutcome {
    /// The rollout completes at `tick`.
    Completed {
        /// The tick at which it completes.
        tick: u64,
    },
    /// The rollout stops at `tick` for `reason`.
    Stalled {
        /// The last tick with activity.
        tick: u64,
        /// Why.
        reason: StallReason,
    },
}

impl fmt::Display for PlanOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanOutcome::Completed { tick } => write!(f, "completed at tick {tick}"),
            PlanOutcome::Stalled { tick, reason } => write!(f, "stalled at tick {tick}: {reason}"),
        }
    }
}

/// A planned rollout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The desired pods (`replicas`, or nodes for a DaemonSet).
    pub replicas: i64,
    /// The resolved surge bound (0 for a StatefulSet or `Recreate`).
    pub max_surge: i64,
    /// The resolved unavailability bound.
    pub max_unavailable: i64,
    /// Every tick with activity, starting with tick 0 (before the change).
    pub steps: Vec<PlanStep>,
    /// How it ends.
    pub outcome: PlanOutcome,
    /// The most pods existing at once (not terminating).
    pub peak_total: i64,
    /// The most pods charged to quotas at once (terminating ones included).
    pub peak_charged: i64,
    /// The fewest available pods at any moment.
    pub min_available: i64,
    /// The most extra quota usage at any moment over the usage before the change, per
    /// resource (each resource's own peak) — what the rollout needs on top of what runs.
    pub peak_extra: ResourceList,
    /// What the user should know about how the controllers treat this spec, such as an
    /// `int32` overflow that makes the controller behave unlike the spec reads.
    pub warnings: Vec<PlanWarning>,
}

/// Something that makes the controllers behave unlike the spec reads; the plan follows the
/// controllers, and the warning says why.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PlanWarning {
    /// The Deployment controller's `int32` arithmetic overflows for this spec.
    Int32Overflow(Int32Overflow),
    /// Argo Rollouts' `int32` arithmetic overflows for this canary.
    ArgoInt32Overflow(crate::argo::Int32Overflow),
}

impl fmt::Display for PlanWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanWarning::Int32Overflow(o) => o.fmt(f),
            PlanWarning::ArgoInt32Overflow(o) => o.fmt(f),
        }
    }
}

impl Plan {
    /// `true` when the rollout completes.
    pub fn completed(&self) -> bool {
        matches!(self.outcome, PlanOutcome::Completed { .. })
    }

    /// The quota shortfall that stalls the rollout, if that is why it stalls.
    pub fn quota_shortfall(&self) -> Option<&QuotaShortfall> {
        match &self.outcome {
            PlanOutcome::Stalled {
                reason: StallReason::Quota(s),
                ..
            } => Some(s),
            _ => None,
        }
    }

    /// Peak extra pods (`peak_charged` minus the pods charged before the change).
    pub fn peak_extra_pods(&self) -> i64 {
        let before = self.steps.first().map_or(0, |s| s.old_pods + s.new_pods);
        self.peak_charged - before
    }
}

/// What [`fits_quota`] predicts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotaVerdict {
    /// The plan under the quotas.
    pub plan: Plan,
    /// The quota that stalls it, if one does.
    pub shortfall: Option<QuotaShortfall>,
}

impl QuotaVerdict {
    /// `true` when no quota stalls the rollout.
    pub fn fits(&self) -> bool {
        self.shortfall.is_none()
    }
}

/// Why a plan could not be made.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum PlanError {
    /// The strategy's bounds do not resolve.
    #[error(transparent)]
    Rolling(#[from] RollingError),
    /// A quantity in a pod template or a quota does not parse.
    #[error("{0}")]
    Quantities(ErrorList),
    /// A quota's scope selector is invalid.
    #[error("{0}")]
    Scope(String),
    /// The object has no spec (or no template).
    #[error("{0} has no spec")]
    NoSpec(&'static str),
    /// A value validation refuses (negative replicas or bounds).
    #[error("{0}")]
    Invalid(String),
    /// The workload is too large to plan pod by pod.
    #[error("{what} above {max} are not planned")]
    TooLarge {
        /// What is too large.
        what: &'static str,
        /// The largest value planned.
        max: i64,
    },
}

/// `ValidateNonnegativeField`: refuses a negative `value` of `field` in the API server's words.
fn nonnegative(field: &str, value: i64) -> Result<(), PlanError> {
    if value < 0 {
        return Err(PlanError::Invalid(format!(
            "{field}: Invalid value: {value}: must be greater than or equal to 0"
        )));
    }
    Ok(())
}

/// The largest StatefulSet the planner steps through (it tracks every ordinal).
pub const MAX_STATEFULSET_REPLICAS: i32 = 1_000_000;

/// The parts of a planner's simulation that differ between workload kinds; [`run_events`] is
/// the event loop they share.
trait Simulation {
    /// Why a tick's controller work can fail.
    type Error;
    /// The simulated clock.
    fn now(&self) -> u64;
    /// Sets the simulated clock.
    fn set_now(&mut self, now: u64);
    /// The plan being recorded.
    fn recorder(&mut self) -> &mut Recorder;
    /// [`PlanOptions::max_steps`].
    fn max_steps(&self) -> usize;
    /// One tick's work: pods reach their state at `now`, availability is recorded, and the
    /// controllers sync until they have nothing left to do.
    fn tick(&mut self) -> Result<(), Self::Error>;
    /// The state after the tick.
    fn snapshot(&self) -> PlanStep;
    /// Whether the rollout is done.
    fn is_complete(&self) -> bool;
    /// The next tick at which a pod changes state by itself.
    fn next_change(&self) -> Option<u64>;
    /// Why nothing can happen any more (`last` is the last recorded step).
    fn stall(&self, last: &PlanStep) -> StallReason;
}

/// The event loop every planner runs from tick 1: tick, record the step, stop when the rollout
/// is complete (once no pod is terminating, when `wait_for_terminating`), else jump to the next
/// pod state change; stalled when nothing changes any more or after
/// [`PlanOptions::max_steps`] steps.
fn run_events<S: Simulation>(
    sim: &mut S,
    wait_for_terminating: bool,
) -> Result<PlanOutcome, S::Error> {
    sim.set_now(1);
    let mut completed_at: Option<u64> = None;
    loop {
        sim.tick()?;
        let s = sim.snapshot();
        sim.recorder().step(s);
        if completed_at.is_none() && sim.is_complete() {
            completed_at = Some(sim.now());
        }
        if let Some(tick) = completed_at
            && (!wait_for_terminating || s.terminating == 0)
        {
            return Ok(PlanOutcome::Completed { tick });
        }
        let now = sim.now();
        match sim.next_change() {
            Some(t) if sim.recorder().steps_len() < sim.max_steps() => {
                sim.set_now(t.max(now.saturating_add(1)));
            }
            Some(_) => {
                return Ok(PlanOutcome::Stalled {
                    tick: now,
                    reason: StallReason::StepLimit,
                });
            }
            None => {
                if let Some(tick) = completed_at {
                    return Ok(PlanOutcome::Completed { tick });
                }
                let reason = sim.stall(&s);
                return Ok(PlanOutcome::Stalled { tick: now, reason });
            }
        }
    }
}

/// Tracks peaks and steps common to all planners.
pub(crate) struct Recorder {
    steps: Vec<PlanStep>,
    peak_total: i64,
    peak_charged: i64,
    min_available: i64,
    /// `(old charged, new charged)` at every local maximum of the charge.
    charge_points: Vec<(i64, i64)>,
    old_usage: ResourceList,
    new_usage: ResourceList,
}

impl Recorder {
    pub(crate) fn new(old_usage: ResourceList, new_usage: ResourceList) -> Self {
        Recorder {
            steps: Vec::new(),
            peak_total: 0,
            peak_charged: 0,
            min_available: i64::MAX,
            charge_points: Vec::new(),
            old_usage,
            new_usage,
        }
    }

    /// After pods were created: `total` existing, `old`/`new` charged.
    pub(crate) fn created(&mut self, total: i64, old_charged: i64, new_charged: i64) {
        self.peak_total = self.peak_total.max(total);
        self.peak_charged = self.peak_charged.max(old_charged + new_charged);
        if self.charge_points.last() != Some(&(old_charged, new_charged)) {
            self.charge_points.push((old_charged, new_charged));
        }
    }

    /// After available pods changed.
    pub(crate) fn available(&mut self, available: i64) {
        self.min_available = self.min_available.min(available);
    }

    pub(crate) fn step(&mut self, s: PlanStep) {
        self.peak_total = self.peak_total.max(s.total());
        self.min_available = self.min_available.min(s.available);
        if let Some(last) = self.steps.last_mut()
            && last.tick == s.tick
        {
            *last = s;
            return;
        }
        self.steps.push(s);
    }

    pub(crate) fn steps_len(&self) -> usize {
        self.steps.len()
    }

    pub(crate) fn last_tick(&self) -> u64 {
        self.steps.last().map_or(0, |s| s.tick)
    }

    pub(crate) fn finish(
        self,
        replicas: i64,
        max_surge: i64,
        max_unavailable: i64,
        start_old_charged: i64,
        outcome: PlanOutcome,
    ) -> Plan {
        let mut peak_extra = ResourceList::new();
        let base = scale(&self.old_usage, start_old_charged);
        for &(o, n) in &self.charge_points {
            let mut charged = scale(&self.old_usage, o);
            charged.add_assign(&scale(&self.new_usage, n));
            let extra = charged.subtract(&base);
            peak_extra.max_assign(&extra);
        }
        let peak_extra = peak_extra
            .iter()
            .filter(|(_, q)| q.sign() > 0)
            .map(|(k, q)| (k.clone(), q.clone()))
            .collect();
        Plan {
            replicas,
            max_surge,
            max_unavailable,
            min_available: if self.min_available == i64::MAX {
                0
            } else {
                self.min_available
            },
            peak_total: self.peak_total,
            peak_charged: self.peak_charged,
            steps: self.steps,
            outcome,
            peak_extra,
            warnings: Vec::new(),
        }
    }
}

/// `list × n` per resource (saturating to the resource's value on overflow is not possible
/// with exact quantities; an overflowing entry is dropped).
fn scale(list: &ResourceList, n: i64) -> ResourceList {
    list.iter()
        .filter_map(|(k, q)| quota::mul(q, n).map(|v| (k.clone(), v)))
        .collect()
}

#[cfg(test)]
mod tests;
