//! Planning a Deployment rollout: the Deployment controller ([`crate::rolling`]) and the
//! ReplicaSet controller, tick by tick.

use acp_model::kube_version::WithSpec;
use std::collections::VecDeque;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::ResourceQuota;

use super::quota::{Template, pods_only_usage, template_usage};
use super::{
    Plan, PlanError, PlanOptions, PlanOutcome, PlanStep, PlanWarning, QuotaLimits, QuotaVerdict,
    Recorder, Simulation, StallReason, run_events,
};
use crate::rolling::fencepost_ints;
use crate::rolling::{
    DeploymentParams, DeploymentStrategy, ReplicaSetState, RollingSync, RsRef, ScaleAction,
    is_scaling_event, proportional_scale, recreate_sync, rolling_sync,
};
use acp_quota::resources::ResourceList;
use acp_quota::usage::FeatureGates;

/// Pods the ReplicaSet controller creates or deletes per sync (`BurstReplicas`).
pub(crate) const BURST_REPLICAS: i64 = 500;

/// Pods of one template in one controller-owned group: available, waiting to become
/// available, terminating.
#[derive(Clone, Debug, Default)]
pub(crate) struct PodGroup {
    pub(crate) available: i64,
    /// `(ready_at, count)` in creation order.
    pub(crate) pending: VecDeque<(u64, i64)>,
    pub(crate) pending_total: i64,
    /// `(gone_at, count)` in deletion order.
    pub(crate) terminating: VecDeque<(u64, i64)>,
    pub(crate) terminating_total: i64,
}

impl PodGroup {
    pub(crate) fn with_available(n: i64) -> Self {
        PodGroup {
            available: n,
            ..Default::default()
        }
    }

    /// Pods that exist and are not terminating.
    pub(crate) fn pods(&self) -> i64 {
        self.available + self.pending_total
    }

    /// Pods charged to quotas.
    pub(crate) fn charged(&self) -> i64 {
        self.pods() + self.terminating_total
    }

    /// Pods that will become available at some tick.
    pub(crate) fn next_event(&self) -> Option<u64> {
        let ready = self
            .pending
            .front()
            .map(|&(t, _)| t)
            .filter(|&t| t != u64::MAX);
        let gone = self.terminating.front().map(|&(t, _)| t);
        match (ready, gone) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Moves pods whose time has come; `true` when something changed.
    pub(crate) fn advance(&mut self, now: u64) -> bool {
        let mut changed = false;
        while let Some(&(t, n)) = self.pending.front() {
            if t > now {
                break;
            }
            self.pending.pop_front();
            self.pending_total -= n;
            self.available += n;
            changed = true;
        }
        while let Some(&(t, n)) = self.terminating.front() {
            if t > now {
                break;
            }
            self.terminating.pop_front();
            self.terminating_total -= n;
            changed = true;
        }
        changed
    }

    pub(crate) fn create(&mut self, n: i64, ready_at: u64) {
        if n <= 0 {
            return;
        }
        match self.pending.back_mut() {
            Some((t, c)) if *t == ready_at => *c += n,
            _ => self.pending.push_back((ready_at, n)),
        }
        self.pending_total += n;
    }

    /// Deletes `n` pods, not-ready ones first and the newest first among those
    /// (`ActivePodsWithRanks`); they terminate until `gone_at` (now: gone at once).
    pub(crate) fn delete(&mut self, mut n: i64, now: u64, gone_at: u64) -> i64 {
        let mut deleted = 0;
        while n > 0 {
            let Some((_, c)) = self.pending.back_mut() else {
                break;
            };
            let k = (*c).min(n);
            *c -= k;
            n -= k;
            deleted += k;
            self.pending_total -= k;
            if *c == 0 {
                self.pending.pop_back();
            }
        }
        let k = self.available.min(n);
        self.available -= k;
        deleted += k;
        if gone_at > now && deleted > 0 {
            match self.terminating.back_mut() {
                Some((t, c)) if *t == gone_at => *c += deleted,
                _ => self.terminating.push_back((gone_at, deleted)),
            }
            self.terminating_total += deleted;
        }
        deleted
    }

    /// Pods that wait forever.
    pub(crate) fn never_ready(&self) -> i64 {
        self.pending
            .iter()
            .filter(|&&(t, _)| t == u64::MAX)
            .map(|&(_, c)| c)
            .sum()
    }
}

struct Rs {
    state: ReplicaSetState,
    template: Template,
    pods: PodGroup,
}

impl Rs {
    fn view(&self) -> ReplicaSetState {
        let mut v = self.state.clone();
        v.available_replicas = crate::rolling::sat_i32(self.pods.available);
        v
    }

    /// Brings `status.availableReplicas` up to date.
    fn sync_status(&mut self) {
        self.state.available_replicas = crate::rolling::sat_i32(self.pods.available);
    }
}

struct Sim<'a> {
    d: &'a DeploymentParams,
    opts: &'a PlanOptions,
    quotas: &'a QuotaLimits,
    old: Vec<Rs>,
    new: Option<Rs>,
    now: u64,
    /// The `max-replicas` annotation as the controller writes it and reads it back: `None`
    /// when `replicas + maxSurge` wrapped negative (`getMaxReplicasAnnotation` refuses it).
    max_replicas_ann: Option<i32>,
    rec: Recorder,
}

/// The `max-replicas` annotation the controller reads back after writing `max`: a negative
/// number does not parse as one (`getNonNegativeInt32FromAnnotation`).
fn readable_max(max: i32) -> Option<i32> {
    (max >= 0).then_some(max)
}

impl Sim<'_> {
    fn charged(&self) -> (i64, i64) {
        let old = self.old.iter().map(|r| r.pods.charged()).sum();
        let new = self.new.as_ref().map_or(0, |r| r.pods.charged());
        (old, new)
    }

    fn available(&self) -> i64 {
        self.old.iter().map(|r| r.pods.available).sum::<i64>()
            + self.new.as_ref().map_or(0, |r| r.pods.available)
    }

    fn total(&self) -> i64 {
        self.old.iter().map(|r| r.pods.pods()).sum::<i64>()
            + self.new.as_ref().map_or(0, |r| r.pods.pods())
    }

    fn old_views(&self) -> Vec<ReplicaSetState> {
        self.old.iter().map(Rs::view).collect()
    }

    fn apply(&mut self, actions: &[ScaleAction]) {
        let desired = self.d.replicas;
        let max = self.max_replicas_ann;
        for a in actions {
            let rs = match a.target {
                RsRef::New => self.new.as_mut(),
                RsRef::Old(i) => self.old.get_mut(i),
            };
            if let Some(rs) = rs {
                rs.state.replicas = a.to;
                rs.state.desired_replicas_annotation = Some(desired);
                rs.state.max_replicas_annotation = max;
            }
        }
    }

    /// One Deployment controller sync; `true` when it scaled something.
    fn deployment_sync(&mut self) -> Result<bool, PlanError> {
        if self.d.is_rolling_update()
            && self.old.len() == 1
            && let Some(done) = self.fast_rolling_sync()?
        {
            return Ok(done);
        }
        let old = self.old_views();
        let new = self.new.as_ref().map(Rs::view);
        if is_scaling_event(self.d, new.as_ref(), &old) {
            let status = crate::rolling::sat_i32(self.total());
            let actions = proportional_scale(self.d, status, new.as_ref(), &old)?;
            // `scale` rewrites the annotations of every ReplicaSet it touches.
            for rs in self.old.iter_mut().chain(self.new.as_mut()) {
                if rs.state.replicas > 0 {
                    rs.state.desired_replicas_annotation = Some(self.d.replicas);
                    rs.state.max_replicas_annotation = self.max_replicas_ann;
                }
            }
            self.apply(&actions);
            return Ok(!actions.is_empty());
        }
        match &self.d.strategy {
            DeploymentStrategy::Recreate => {
                let running = self
                    .old
                    .iter()
                    .any(|r| r.pods.pods() > 0 || r.pods.terminating_total > 0);
                let view = new.unwrap_or_else(|| ReplicaSetState::new("new", 0, 0));
                let actions = recreate_sync(self.d, &view, &old, running);
                if actions.iter().any(|a| a.target == RsRef::New) && self.new.is_none() {
                    self.create_new_rs();
                }
                self.apply(&actions);
                Ok(!actions.is_empty())
            }
            _ => {
                if self.new.is_none() {
                    self.create_new_rs();
                }
                let new_view = self.new.as_ref().map(Rs::view).unwrap_or_default();
                match rolling_sync(self.d, &new_view, &old)? {
                    RollingSync::ScaledNew(n) => {
                        self.apply(&[ScaleAction {
                            target: RsRef::New,
                            name: new_view.name.clone(),
                            from: new_view.replicas,
                            to: n,
                        }]);
                        Ok(true)
                    }
                    RollingSync::ScaledOld(down) => {
                        self.apply(&down.actions);
                        Ok(true)
                    }
                    RollingSync::Idle => Ok(false),
                }
            }
        }
    }

    /// The common case — one old ReplicaSet, `RollingUpdate`, no scaling event — without
    /// copying ReplicaSet views; `None` when the general path is needed.
    fn fast_rolling_sync(&mut self) -> Result<Option<bool>, PlanError> {
        if self.new.is_none() {
            self.create_new_rs();
        }
        let (Some(old), Some(new)) = (self.old.first_mut(), self.new.as_mut()) else {
            return Ok(None);
        };
        old.sync_status();
        new.sync_status();
        let scaling = is_scaling_event(self.d, Some(&new.state), std::slice::from_ref(&old.state));
        if scaling {
            return Ok(None);
        }
        let actions = match rolling_sync(self.d, &new.state, std::slice::from_ref(&old.state))? {
            RollingSync::ScaledNew(n) => vec![ScaleAction {
                target: RsRef::New,
                name: String::new(),
                from: new.state.replicas,
                to: n,
            }],
            RollingSync::ScaledOld(down) => down.actions,
            RollingSync::Idle => return Ok(Some(false)),
        };
        self.apply(&actions);
        Ok(Some(true))
    }

    fn create_new_rs(&mut self) {
        let mut state = ReplicaSetState::new("new", 0, 0);
        state.desired_replicas_annotation = Some(self.d.replicas);
        state.max_replicas_annotation = self.max_replicas_ann;
        self.new = Some(Rs {
            state,
            template: Template::New,
            pods: PodGroup::default(),
        });
    }

    /// One ReplicaSet controller sync of every ReplicaSet; `true` when pods changed.
    fn replica_set_sync(&mut self) -> bool {
        let mut changed = false;
        let gone_at = self
            .now
            .saturating_add(u64::from(self.opts.terminating_ticks));
        let n_old = self.old.len();
        for i in 0..=n_old {
            let (old_c, new_c) = self.charged();
            let now = self.now;
            let Some(rs) = (if i < n_old {
                self.old.get_mut(i)
            } else {
                self.new.as_mut()
            }) else {
                continue;
            };
            let diff = rs.pods.pods() - i64::from(rs.state.replicas);
            if diff > 0 {
                if rs.pods.delete(diff.min(BURST_REPLICAS), now, gone_at) > 0 {
                    changed = true;
                }
                let available = self.available();
                self.rec.available(available);
            } else if diff < 0 {
                let want = (-diff).min(BURST_REPLICAS);
                let t = rs.template;
                let n = self.quotas.admissible(old_c, new_c, want, t);
                if n > 0 {
                    let ready_at = self.opts.ready_at(now, t);
                    rs.pods.create(n, ready_at);
                    changed = true;
                    let total = self.total();
                    let (o, nw) = self.charged();
                    self.rec.created(total, o, nw);
                }
            }
        }
        changed
    }

    fn step(&self) -> PlanStep {
        let new = self.new.as_ref();
        let blocked: i64 = self
            .old
            .iter()
            .chain(new)
            .map(|r| (i64::from(r.state.replicas) - r.pods.pods()).max(0))
            .sum();
        PlanStep {
            tick: self.now,
            old_desired: self.old.iter().map(|r| i64::from(r.state.replicas)).sum(),
            new_desired: new.map_or(0, |r| i64::from(r.state.replicas)),
            old_pods: self.old.iter().map(|r| r.pods.pods()).sum(),
            new_pods: new.map_or(0, |r| r.pods.pods()),
            available: self.available(),
            new_available: new.map_or(0, |r| r.pods.available),
            terminating: self
                .old
                .iter()
                .chain(new)
                .map(|r| r.pods.terminating_total)
                .sum(),
            blocked,
        }
    }

    fn complete(&self) -> bool {
        let r = i64::from(self.d.replicas);
        let Some(new) = &self.new else {
            return r == 0 && self.old.iter().all(|o| o.pods.pods() == 0);
        };
        i64::from(new.state.replicas) == r
            && new.pods.available == r
            && new.pods.pods() == r
            && self.old.iter().all(|o| o.pods.pods() == 0)
    }

    fn next_event(&self) -> Option<u64> {
        self.old
            .iter()
            .chain(self.new.as_ref())
            .filter_map(|r| r.pods.next_event())
            .min()
    }

    fn run(mut self, start_old_charged: i64) -> Result<Plan, PlanError> {
        let (max_surge, max_unavailable) = if self.d.is_rolling_update() {
            (
                i64::from(self.d.max_surge()?),
                i64::from(self.d.max_unavailable()?),
            )
        } else {
            (0, i64::from(self.d.replicas))
        };
        let replicas = i64::from(self.d.replicas);
        let (o, n) = self.charged();
        self.rec.created(self.total(), o, n);
        let s = self.step();
        self.rec.step(s);
        let finish = |sim: Sim<'_>, outcome| {
            sim.rec.finish(
                replicas,
                max_surge,
                max_unavailable,
                start_old_charged,
                outcome,
            )
        };
        if self.d.paused {
            let tick = self.rec.last_tick();
            return Ok(finish(
                self,
                PlanOutcome::Stalled {
                    tick,
                    reason: StallReason::Paused,
                },
            ));
        }
        let outcome = run_events(&mut self, true)?;
        Ok(finish(self, outcome))
    }

    fn stall_reason(&self) -> StallReason {
        let (old_c, new_c) = self.charged();
        for rs in self.old.iter().chain(self.new.as_ref()) {
            let missing = i64::from(rs.state.replicas) - rs.pods.pods();
            if missing > 0
                && let Some(short) = self.quotas.shortfall(old_c, new_c, missing, rs.template)
            {
                return StallReason::Quota(short);
            }
        }
        let never = self.new.as_ref().map_or(0, |r| r.pods.never_ready());
        if never > 0 {
            return StallReason::NeverAvailable { pods: never };
        }
        StallReason::NoProgress
    }
}

impl Simulation for Sim<'_> {
    type Error = PlanError;
    fn now(&self) -> u64 {
        self.now
    }
    fn set_now(&mut self, now: u64) {
        self.now = now;
    }
    fn recorder(&mut self) -> &mut Recorder {
        &mut self.rec
    }
    fn max_steps(&self) -> usize {
        self.opts.max_steps
    }
    fn tick(&mut self) -> Result<(), PlanError> {
        let replicas = i64::from(self.d.replicas);
        let inner_limit =
            64 + usize::try_from(replicas / BURST_REPLICAS).unwrap_or(usize::MAX / 4) * 8;
        for rs in self.old.iter_mut().chain(self.new.as_mut()) {
            rs.pods.advance(self.now);
        }
        let available = self.available();
        self.rec.available(available);
        for _ in 0..inner_limit {
            let a = self.deployment_sync()?;
            let b = self.replica_set_sync();
            if !a && !b {
                break;
            }
        }
        Ok(())
    }
    fn snapshot(&self) -> PlanStep {
        self.step()
    }
    fn is_complete(&self) -> bool {
        self.complete()
    }
    fn next_change(&self) -> Option<u64> {
        self.next_event()
    }
    fn stall(&self, _last: &PlanStep) -> StallReason {
        self.stall_reason()
    }
}

/// Plans the rollout of a new pod template for `d`, starting from `current_replicas` old
/// pods (all available) in one old ReplicaSet. When `current_replicas` differs from
/// `d.replicas` the controller first scales proportionally, as it does when `replicas`
/// and the template change together. Every pod is charged `pods: 1` (see
/// [`plan_deployment_change`] for the templates' real requests).
pub fn plan_deployment_from(
    d: &DeploymentParams,
    current_replicas: i32,
    opts: &PlanOptions,
    quotas: &QuotaLimits,
) -> Result<Plan, PlanError> {
    plan_with_usage(
        d,
        current_replicas,
        None,
        opts,
        quotas,
        pods_only_usage(),
        pods_only_usage(),
    )
}

/// [`plan_deployment_from`] starting from `d.replicas` old pods.
pub fn plan_deployment(
    d: &DeploymentParams,
    opts: &PlanOptions,
    quotas: &QuotaLimits,
) -> Result<Plan, PlanError> {
    plan_deployment_from(d, d.replicas, opts, quotas)
}

fn plan_with_usage(
    d: &DeploymentParams,
    current_replicas: i32,
    old_max_replicas: Option<i32>,
    opts: &PlanOptions,
    quotas: &QuotaLimits,
    old_usage: ResourceList,
    new_usage: ResourceList,
) -> Result<Plan, PlanError> {
    // Fail early on bounds that do not resolve, and on what validation refuses (negative
    // values; a resolved bound that only wraps negative in int32 is planned as the controller
    // runs it, with a warning).
    let (surge, unavailable) = match &d.strategy {
        DeploymentStrategy::RollingUpdate {
            max_surge,
            max_unavailable,
        } => fencepost_ints(max_surge.as_ref(), max_unavailable.as_ref(), d.replicas)?,
        _ => (0, 1),
    };
    if d.replicas < 0 || surge < 0 || unavailable < 0 {
        return Err(PlanError::Invalid(format!(
            "replicas {}, maxSurge {surge}, maxUnavailable {unavailable}: must be greater than or equal to 0",
            d.replicas
        )));
    }
    let warnings: Vec<PlanWarning> = d
        .int32_overflows()?
        .into_iter()
        .map(PlanWarning::Int32Overflow)
        .collect();
    if current_replicas < 0 {
        // The old ReplicaSet's replica count, as `ValidateReplicaSetStatus` checks it.
        return Err(PlanError::Invalid(format!(
            "status.replicas: Invalid value: {current_replicas}: must be greater than or equal to 0"
        )));
    }
    let current = current_replicas;
    let old_max = match old_max_replicas {
        Some(m) => m,
        None => current.wrapping_add(d.max_surge()?),
    };
    let mut old_state = ReplicaSetState::new("old", current, current);
    old_state.desired_replicas_annotation = Some(current);
    old_state.max_replicas_annotation = readable_max(old_max);
    let old_rs = Rs {
        state: old_state,
        template: Template::Old,
        pods: PodGroup::with_available(i64::from(current)),
    };
    let sim = Sim {
        d,
        opts,
        quotas,
        old: vec![old_rs],
        new: None,
        now: 0,
        max_replicas_ann: readable_max(d.max_replicas()?),
        rec: Recorder::new(old_usage, new_usage),
    };
    let mut plan = sim.run(i64::from(current))?;
    plan.warnings = warnings;
    Ok(plan)
}

fn template_of(d: &Deployment) -> Result<&k8s_openapi::api::core::v1::PodTemplateSpec, PlanError> {
    d.spec_ref()
        .map(|s| &s.template)
        .ok_or(PlanError::NoSpec("Deployment"))
}

/// Plans changing Deployment `old` into `new` (its template, strategy and `replicas`) under
/// `quotas` (the namespace's ResourceQuotas, with `status.used` including `old`'s pods).
/// Pods are charged what their templates request ([`acp_quota::usage::pod_usage`]), and
/// `peak_extra` reports every resource.
pub fn plan_deployment_change(
    old: &Deployment,
    new: &Deployment,
    opts: &PlanOptions,
    quotas: &[ResourceQuota],
) -> Result<Plan, PlanError> {
    let gates = FeatureGates::default();
    let old_params = DeploymentParams::from_deployment(old);
    let d = DeploymentParams::from_deployment(new);
    let (ot, nt) = (template_of(old)?, template_of(new)?);
    let limits = QuotaLimits::from_quotas(quotas, ot, nt, i64::from(old_params.replicas), &gates)?;
    plan_with_usage(
        &d,
        old_params.replicas,
        old_params.max_replicas().ok(),
        opts,
        &limits,
        template_usage(ot, &gates)?,
        template_usage(nt, &gates)?,
    )
}

/// Predicts whether changing Deployment `old` into `new` stalls because the namespace's
/// ResourceQuotas refuse the pods the rollout needs (surge pods above all), and by how much.
///
/// ```
/// use acp_workload::planner::{PlanOptions, fits_quota};
/// use k8s_openapi::api::apps::v1::Deployment;
/// use acp_model::kube_version::WithSpec;
/// use k8s_openapi::api::core::v1::ResourceQuota;
///
/// let old: Deployment = serde_json::from_value(serde_json::json!({
///     "metadata": {"name": "web"},
///     "spec": {"replicas": 10, "selector": {"matchLabels": {"app": "web"}},
///         "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0}},
///         "template": {"metadata": {"labels": {"app": "web"}},
///             "spec": {"containers": [{"name": "web", "image": "web:1"}]}}}
/// }))?;
/// let mut new = old.clone();
/// new.spec_mut().unwrap().template.spec.as_mut().unwrap().containers[0].image = Some("web:2".into());
/// let quota: ResourceQuota = serde_json::from_value(serde_json::json!({
///     "metadata": {"name": "pods"}, "spec": {"hard": {"pods": "10"}},
///     "status": {"hard": {"pods": "10"}, "used": {"pods": "10"}}
/// }))?;
/// let verdict = fits_quota(&old, &new, &PlanOptions::default(), &[quota])?;
/// assert!(!verdict.fits());
/// assert_eq!(verdict.shortfall.unwrap().pods_short, 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn fits_quota(
    old: &Deployment,
    new: &Deployment,
    opts: &PlanOptions,
    quotas: &[ResourceQuota],
) -> Result<QuotaVerdict, PlanError> {
    let plan = plan_deployment_change(old, new, opts, quotas)?;
    let shortfall = plan.quota_shortfall().cloned();
    Ok(QuotaVerdict { plan, shortfall })
}
