//! Planning a StatefulSet rollout: `pkg/controller/statefulset/stateful_set_control.go`
//! (`updateStatefulSet`, `processReplica`, `updateStatefulSetAfterInvariantEstablished`), one
//! pod per ordinal.

use acp_model::intstr::IntOrPercent;
use acp_model::kube_version::WithSpec;
use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::ResourceQuota;

use super::quota::{Template, pods_only_usage, template_usage};
use super::{
    Plan, PlanError, PlanOptions, PlanStep, QuotaLimits, Recorder, Simulation, StallReason,
    run_events,
};
use crate::rolling::{PodManagementPolicy, StatefulSetParams, StatefulSetStrategy};
use acp_quota::resources::ResourceList;
use acp_quota::usage::FeatureGates;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    /// No pod.
    Empty,
    /// A pod of `Template`, available from tick `ready_at` (`u64::MAX`: never).
    Pod(Template, u64),
    /// A pod of `Template` terminating until `gone_at`.
    Terminating(Template, u64),
}

struct Sim<'a> {
    p: &'a StatefulSetParams,
    opts: &'a PlanOptions,
    quotas: &'a QuotaLimits,
    slots: Vec<Slot>,
    partition: usize,
    max_unavailable: i64,
    /// Pods refused by a quota in the last sync, and their template.
    refused: Option<(i64, Template)>,
    now: u64,
    rec: Recorder,
}

impl Sim<'_> {
    fn available(&self, s: Slot) -> bool {
        matches!(s, Slot::Pod(_, r) if r <= self.now)
    }

    fn charged(&self) -> (i64, i64) {
        let mut c = (0, 0);
        for s in &self.slots {
            match s {
                Slot::Pod(Template::Old, _) | Slot::Terminating(Template::Old, _) => c.0 += 1,
                Slot::Pod(Template::New, _) | Slot::Terminating(Template::New, _) => c.1 += 1,
                Slot::Empty => {}
            }
        }
        c
    }

    fn count_available(&self) -> i64 {
        let n = self.slots.iter().filter(|&&s| self.available(s)).count();
        i64::try_from(n).unwrap_or(i64::MAX)
    }

    fn total(&self) -> i64 {
        let n = self
            .slots
            .iter()
            .filter(|s| matches!(s, Slot::Pod(..)))
            .count();
        i64::try_from(n).unwrap_or(i64::MAX)
    }

    fn target(&self, i: usize) -> Template {
        if i < self.partition {
            Template::Old
        } else {
            Template::New
        }
    }

    /// One `updateStatefulSet` pass; `true` when pods changed.
    fn sync(&mut self) -> bool {
        let monotonic = self.p.pod_management_policy == PodManagementPolicy::OrderedReady;
        let mut changed = false;
        self.refused = None;
        for i in 0..self.slots.len() {
            let slot = self.slots.get(i).copied().unwrap_or(Slot::Empty);
            match slot {
                Slot::Empty => {
                    let t = self.target(i);
                    let (o, n) = self.charged();
                    if self.quotas.admissible(o, n, 1, t) == 1 {
                        if let Some(s) = self.slots.get_mut(i) {
                            *s = Slot::Pod(t, self.opts.ready_at(self.now, t));
                        }
                        let (o, n) = self.charged();
                        self.rec.created(self.total(), o, n);
                        changed = true;
                    } else {
                        // A failed create ends the sync (the error is returned).
                        let missing = self
                            .slots
                            .iter()
                            .enumerate()
                            .filter(|&(j, s)| *s == Slot::Empty && self.target(j) == t)
                            .count();
                        self.refused = Some((i64::try_from(missing).unwrap_or(1), t));
                        return changed;
                    }
                    if monotonic {
                        return changed;
                    }
                }
                Slot::Terminating(..) if monotonic => return changed,
                Slot::Pod(..) if monotonic && !self.available(slot) => return changed,
                _ => {}
            }
        }
        if !matches!(self.p.strategy, StatefulSetStrategy::RollingUpdate { .. }) {
            return changed;
        }
        let unavailable = self.slots.iter().filter(|&&s| !self.available(s)).count();
        let unavailable = i64::try_from(unavailable).unwrap_or(i64::MAX);
        if unavailable >= self.max_unavailable {
            return changed;
        }
        let mut to_delete = self.max_unavailable - unavailable;
        let gone_at = self
            .now
            .saturating_add(u64::from(self.opts.terminating_ticks));
        for i in (self.partition..self.slots.len()).rev() {
            if to_delete == 0 {
                break;
            }
            if let Some(s) = self.slots.get_mut(i)
                && let Slot::Pod(Template::Old, _) = *s
            {
                *s = if gone_at > self.now {
                    Slot::Terminating(Template::Old, gone_at)
                } else {
                    Slot::Empty
                };
                to_delete -= 1;
                changed = true;
            }
        }
        let a = self.count_available();
        self.rec.available(a);
        changed
    }

    fn advance(&mut self) {
        for s in &mut self.slots {
            if let Slot::Terminating(_, g) = *s
                && g <= self.now
            {
                *s = Slot::Empty;
            }
        }
    }

    fn next_event(&self) -> Option<u64> {
        self.slots
            .iter()
            .filter_map(|s| match *s {
                Slot::Pod(_, r) if r > self.now && r != u64::MAX => Some(r),
                Slot::Terminating(_, g) => Some(g),
                _ => None,
            })
            .min()
    }

    fn step(&self) -> PlanStep {
        let mut s = PlanStep {
            tick: self.now,
            ..PlanStep::default()
        };
        for (i, &slot) in self.slots.iter().enumerate() {
            match self.target(i) {
                Template::Old => s.old_desired += 1,
                Template::New => s.new_desired += 1,
            }
            match slot {
                Slot::Pod(Template::Old, _) => s.old_pods += 1,
                Slot::Pod(Template::New, _) => {
                    s.new_pods += 1;
                    if self.available(slot) {
                        s.new_available += 1;
                    }
                }
                Slot::Terminating(..) => s.terminating += 1,
                Slot::Empty => {}
            }
            if self.available(slot) {
                s.available += 1;
            }
        }
        s.blocked = self.refused.map_or(0, |(n, _)| n);
        s
    }

    fn complete(&self) -> bool {
        self.slots
            .iter()
            .enumerate()
            .all(|(i, &s)| match self.target(i) {
                Template::Old => self.available(s),
                Template::New => matches!(s, Slot::Pod(Template::New, _)) && self.available(s),
            })
    }

    fn run(mut self) -> Plan {
        let replicas = i64::try_from(self.slots.len()).unwrap_or(i64::MAX);
        let (o, n) = self.charged();
        self.rec.created(self.total(), o, n);
        let s = self.step();
        self.rec.step(s);
        let Ok(outcome) = run_events(&mut self, false);
        let mu = self.max_unavailable;
        self.rec.finish(replicas, 0, mu, replicas, outcome)
    }

    fn stall_reason(&self) -> StallReason {
        if let Some((n, t)) = self.refused {
            let (o, nw) = self.charged();
            if let Some(short) = self.quotas.shortfall(o, nw, n, t) {
                return StallReason::Quota(short);
            }
        }
        let never = self
            .slots
            .iter()
            .filter(|s| matches!(s, Slot::Pod(Template::New, u64::MAX)))
            .count();
        if never > 0 {
            return StallReason::NeverAvailable {
                pods: i64::try_from(never).unwrap_or(i64::MAX),
            };
        }
        StallReason::NoProgress
    }
}

impl Simulation for Sim<'_> {
    type Error = std::convert::Infallible;
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
    fn tick(&mut self) -> Result<(), Self::Error> {
        let inner = 64 + self.slots.len() * 2;
        self.advance();
        let a = self.count_available();
        self.rec.available(a);
        for _ in 0..inner {
            if !self.sync() {
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

fn plan_with_usage(
    p: &StatefulSetParams,
    opts: &PlanOptions,
    quotas: &QuotaLimits,
    old_usage: ResourceList,
    new_usage: ResourceList,
) -> Result<Plan, PlanError> {
    let max_unavailable = p.max_unavailable()?;
    // What `ValidateStatefulSetSpec` refuses is refused here too, before any arithmetic.
    super::nonnegative("spec.replicas", i64::from(p.replicas))?;
    if let StatefulSetStrategy::RollingUpdate {
        partition,
        max_unavailable,
    } = &p.strategy
    {
        super::nonnegative(
            "spec.updateStrategy.rollingUpdate.partition",
            i64::from(*partition),
        )?;
        if let Some(IntOrPercent::Int(n)) = max_unavailable
            && *n < 1
        {
            return Err(PlanError::Invalid(format!(
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: {n}: {}",
                if *n == 0 {
                    "cannot be 0"
                } else {
                    "must be greater than or equal to 0"
                }
            )));
        }
    }
    if p.replicas > super::MAX_STATEFULSET_REPLICAS {
        return Err(PlanError::TooLarge {
            what: "StatefulSet replicas",
            max: i64::from(super::MAX_STATEFULSET_REPLICAS),
        });
    }
    let replicas = usize::try_from(p.replicas.max(0)).unwrap_or(0);
    let partition = usize::try_from(p.partition()).unwrap_or(0);
    let sim = Sim {
        p,
        opts,
        quotas,
        slots: vec![Slot::Pod(Template::Old, 0); replicas],
        partition,
        max_unavailable,
        refused: None,
        now: 0,
        rec: Recorder::new(old_usage, new_usage),
    };
    Ok(sim.run())
}

// seed 003:12672-12674
/// Plans the rollout of a new pod template for a StatefulSet of `p.replicas` available old
/// pods, every pod charged `pods: 1`.
///
/// Pods at or above the partition are replaced from the highest ordinal down; up to
/// `maxUnavailable` at once (rounded down, at least 1); with `OrderedReady` only while every
/// pod is running and ready, and recreated one at a time in ordinal order. A StatefulSet
/// never surges: a replaced pod is recreated under the same name once the old one is gone.
///
/// ```
/// use acp_workload::planner::{PlanOptions, QuotaLimits, plan_statefulset};
/// use acp_workload::rolling::StatefulSetParams;
/// // replicas 5, partition 3.
/// let plan = plan_statefulset(&StatefulSetParams::rolling(5, 3), &PlanOptions::default(), &QuotaLimits::none())?;
/// assert!(plan.completed());
/// let last = plan.steps.last().unwrap();
/// assert_eq!((last.old_pods, last.new_pods), (3, 2));
/// # Ok::<(), acp_workload::planner::PlanError>(())
/// ```
pub fn plan_statefulset(
    p: &StatefulSetParams,
    opts: &PlanOptions,
    quotas: &QuotaLimits,
) -> Result<Plan, PlanError> {
    plan_with_usage(p, opts, quotas, pods_only_usage(), pods_only_usage())
}

/// Plans changing StatefulSet `old` into `new` under `quotas` (see
/// [`plan_deployment_change`](super::plan_deployment_change)).
pub fn plan_statefulset_change(
    old: &StatefulSet,
    new: &StatefulSet,
    opts: &PlanOptions,
    quotas: &[ResourceQuota],
) -> Result<Plan, PlanError> {
    let gates = FeatureGates::default();
    let tmpl = |d: &StatefulSet| {
        d.spec_ref()
            .map(|s| s.template.clone())
            .ok_or(PlanError::NoSpec("StatefulSet"))
    };
    let (ot, nt) = (tmpl(old)?, tmpl(new)?);
    let spec = new.spec_ref().cloned().unwrap_or_default();
    let p = StatefulSetParams::from_spec(&spec);
    let limits = QuotaLimits::from_quotas(quotas, &ot, &nt, i64::from(p.replicas.max(0)), &gates)?;
    plan_with_usage(
        &p,
        opts,
        &limits,
        template_usage(&ot, &gates)?,
        template_usage(&nt, &gates)?,
    )
}
