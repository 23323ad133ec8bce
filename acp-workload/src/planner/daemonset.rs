//! Planning a DaemonSet rollout: `pkg/controller/daemon/update.go` `rollingUpdate` and the
//! manage loop (`podsShouldBeOnNode`), one pod per node.

use acp_model::kube_version::WithSpec;
use std::collections::VecDeque;

use k8s_openapi::api::apps::v1::DaemonSet;
use k8s_openapi::api::core::v1::ResourceQuota;

use super::deployment::{BURST_REPLICAS, PodGroup};
use super::quota::{Template, pods_only_usage, template_usage};
use super::{
    Plan, PlanError, PlanOptions, PlanStep, QuotaLimits, Recorder, Simulation, StallReason,
    run_events,
};
use crate::rolling::{DaemonSetParams, DaemonSetStrategy, Flavor};
use acp_quota::resources::ResourceList;
use acp_quota::usage::FeatureGates;

struct Sim<'a> {
    opts: &'a PlanOptions,
    quotas: &'a QuotaLimits,
    nodes: i64,
    surge: i64,
    unavailable: i64,
    rolling: bool,
    /// Old pods on nodes without a new pod (all available).
    old_only: i64,
    /// Old pods on nodes that also run a new pod (surge), and their new pods.
    surge_old: i64,
    surge_new: PodGroup,
    /// New pods on nodes without an old pod.
    new: PodGroup,
    /// Old pods terminating on nodes without a new pod: the node gets its new pod when they
    /// are gone (`(gone_at, count)`).
    gap: VecDeque<(u64, i64)>,
    gap_total: i64,
    /// Old pods terminating on nodes that already run a new pod.
    covered: PodGroup,
    /// Nodes without any pod: the manage loop creates a new pod there.
    empty: i64,
    now: u64,
    rec: Recorder,
}

impl Sim<'_> {
    fn charged(&self) -> (i64, i64) {
        (
            self.old_only + self.surge_old + self.gap_total + self.covered.terminating_total,
            self.surge_new.pods() + self.new.pods(),
        )
    }

    fn available(&self) -> i64 {
        self.old_only + self.surge_old + self.new.available
    }

    fn total(&self) -> i64 {
        self.old_only + self.surge_old + self.surge_new.pods() + self.new.pods()
    }

    fn gone_at(&self) -> u64 {
        self.now
            .saturating_add(u64::from(self.opts.terminating_ticks))
    }

    /// Deletes `k` old pods from old-only nodes: they leave a gap until gone.
    fn delete_old_only(&mut self, k: i64) {
        if k <= 0 {
            return;
        }
        self.old_only -= k;
        let gone_at = self.gone_at();
        if gone_at > self.now {
            self.gap.push_back((gone_at, k));
            self.gap_total += k;
        } else {
            self.empty += k;
        }
        let a = self.available();
        self.rec.available(a);
    }

    /// One `rollingUpdate` + manage pass; `true` when pods changed.
    fn sync(&mut self) -> bool {
        let mut changed = false;
        let (old_c, new_c) = self.charged();
        // Manage loop: a node without any (non-terminating) pod gets a new one.
        if self.empty > 0 {
            let want = self.empty.min(BURST_REPLICAS);
            let n = self.quotas.admissible(old_c, new_c, want, Template::New);
            if n > 0 {
                self.empty -= n;
                let ready_at = self.opts.ready_at(self.now, Template::New);
                self.new.create(n, ready_at);
                let (o, nw) = self.charged();
                self.rec.created(self.total(), o, nw);
                changed = true;
            }
        }
        if !self.rolling {
            return changed;
        }
        if self.surge == 0 {
            // Unavailable: nodes with no pod (gap, empty) and new pods not yet available.
            let unavailable = self.gap_total + self.empty + self.new.pending_total;
            let k = (self.unavailable - unavailable).clamp(0, self.old_only);
            if k > 0 {
                self.delete_old_only(k);
                changed = true;
            }
        } else {
            // A surge node whose new pod is available: delete its old pod.
            let ready = self.surge_new.available;
            if ready > 0 {
                self.surge_new.available = 0;
                self.surge_old -= ready;
                self.new.available += ready;
                let gone_at = self.gone_at();
                if gone_at > self.now {
                    match self.covered.terminating.back_mut() {
                        Some((t, c)) if *t == gone_at => *c += ready,
                        _ => self.covered.terminating.push_back((gone_at, ready)),
                    }
                    self.covered.terminating_total += ready;
                }
                changed = true;
            }
            let num_surge = self.surge_new.pending_total;
            let want = (self.surge - num_surge).clamp(0, self.old_only);
            let (old_c, new_c) = self.charged();
            let n = self
                .quotas
                .admissible(old_c, new_c, want.min(BURST_REPLICAS), Template::New);
            if n > 0 {
                self.old_only -= n;
                self.surge_old += n;
                let ready_at = self.opts.ready_at(self.now, Template::New);
                self.surge_new.create(n, ready_at);
                let (o, nw) = self.charged();
                self.rec.created(self.total(), o, nw);
                changed = true;
            }
        }
        changed
    }

    fn blocked(&self) -> i64 {
        let (old_c, new_c) = self.charged();
        let surge_wanted = if self.rolling && self.surge > 0 {
            (self.surge - self.surge_new.pending_total).clamp(0, self.old_only)
        } else {
            0
        };
        let want = self.empty + surge_wanted;
        want - self.quotas.admissible(old_c, new_c, want, Template::New)
    }

    fn step(&self) -> PlanStep {
        PlanStep {
            tick: self.now,
            old_desired: self.old_only + self.surge_old,
            new_desired: self.surge_new.pods() + self.new.pods() + self.empty,
            old_pods: self.old_only + self.surge_old,
            new_pods: self.surge_new.pods() + self.new.pods(),
            available: self.available(),
            new_available: self.new.available + self.surge_new.available,
            terminating: self.gap_total + self.covered.terminating_total,
            blocked: self.blocked(),
        }
    }

    fn next_event(&self) -> Option<u64> {
        [
            self.surge_new.next_event(),
            self.new.next_event(),
            self.covered.next_event(),
            self.gap.front().map(|&(t, _)| t),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    fn advance(&mut self) {
        self.surge_new.advance(self.now);
        self.new.advance(self.now);
        self.covered.advance(self.now);
        while let Some(&(t, n)) = self.gap.front() {
            if t > self.now {
                break;
            }
            self.gap.pop_front();
            self.gap_total -= n;
            self.empty += n;
        }
    }

    fn complete(&self) -> bool {
        self.new.available == self.nodes
            && self.old_only == 0
            && self.surge_old == 0
            && self.gap_total == 0
    }

    fn run(mut self) -> Plan {
        let (o, n) = self.charged();
        self.rec.created(self.total(), o, n);
        let s = self.step();
        self.rec.step(s);
        let Ok(outcome) = run_events(&mut self, true);
        let (nodes, surge, unavailable) = (self.nodes, self.surge, self.unavailable);
        self.rec.finish(nodes, surge, unavailable, nodes, outcome)
    }

    fn stall_reason(&self, s: &PlanStep) -> StallReason {
        if s.blocked > 0 {
            let (old_c, new_c) = self.charged();
            if let Some(short) = self
                .quotas
                .shortfall(old_c, new_c, s.blocked, Template::New)
            {
                return StallReason::Quota(short);
            }
        }
        let never = self.new.never_ready() + self.surge_new.never_ready();
        if never > 0 {
            return StallReason::NeverAvailable { pods: never };
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
        let inner = 64 + usize::try_from(self.nodes / BURST_REPLICAS).unwrap_or(usize::MAX / 4) * 8;
        self.advance();
        let a = self.available();
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
    fn stall(&self, last: &PlanStep) -> StallReason {
        self.stall_reason(last)
    }
}

fn plan_with_usage(
    ds: &DaemonSetParams,
    nodes: i64,
    opts: &PlanOptions,
    quotas: &QuotaLimits,
    old_usage: ResourceList,
    new_usage: ResourceList,
) -> Result<Plan, PlanError> {
    // A node count is never negative; bounds the API server refuses are refused here too.
    super::nonnegative("desiredNumberScheduled", nodes)?;
    let f = ds.fenceposts(nodes)?;
    super::nonnegative("spec.updateStrategy.rollingUpdate.maxSurge", f.max_surge)?;
    super::nonnegative(
        "spec.updateStrategy.rollingUpdate.maxUnavailable",
        f.max_unavailable,
    )?;
    let sim = Sim {
        opts,
        quotas,
        nodes,
        surge: f.max_surge.max(0),
        unavailable: f.max_unavailable.max(0),
        rolling: matches!(ds.strategy, DaemonSetStrategy::RollingUpdate { .. }),
        old_only: nodes,
        surge_old: 0,
        surge_new: PodGroup::default(),
        new: PodGroup::default(),
        gap: VecDeque::new(),
        gap_total: 0,
        covered: PodGroup::default(),
        empty: 0,
        now: 0,
        rec: Recorder::new(old_usage, new_usage),
    };
    Ok(sim.run())
}

// seed 003:12177
/// Plans the rollout of a new pod template for a DaemonSet running one available old pod on
/// each of `nodes` nodes (`desiredNumberScheduled`), every pod charged `pods: 1`.
///
/// Without surge the controller deletes old pods while fewer than `maxUnavailable` nodes are
/// without an available pod, and a node gets its new pod once the old one is gone; with
/// `maxSurge` it starts new pods next to old ones on up to `maxSurge` nodes and deletes the
/// old pod when the new one is available (`rollingUpdate`, `updatedDesiredNodeCounts`).
///
/// ```
/// use acp_workload::planner::{PlanOptions, QuotaLimits, plan_daemonset};
/// use acp_workload::rolling::DaemonSetParams;
/// // The ACP documentation's DaemonSet (maxUnavailable 1) on 3 nodes.
/// let plan = plan_daemonset(&DaemonSetParams::rolling(0, 1), 3, &PlanOptions::default(), &QuotaLimits::none())?;
/// assert!(plan.completed());
/// assert_eq!((plan.min_available, plan.peak_total), (2, 3));
/// # Ok::<(), acp_workload::planner::PlanError>(())
/// ```
pub fn plan_daemonset(
    ds: &DaemonSetParams,
    nodes: i64,
    opts: &PlanOptions,
    quotas: &QuotaLimits,
) -> Result<Plan, PlanError> {
    plan_with_usage(
        ds,
        nodes,
        opts,
        quotas,
        pods_only_usage(),
        pods_only_usage(),
    )
}

/// Plans changing DaemonSet `old` into `new` on `nodes` nodes under `quotas` (see
/// [`plan_deployment_change`](super::plan_deployment_change)).
pub fn plan_daemonset_change(
    old: &DaemonSet,
    new: &DaemonSet,
    nodes: i64,
    opts: &PlanOptions,
    quotas: &[ResourceQuota],
) -> Result<Plan, PlanError> {
    let gates = FeatureGates::default();
    let tmpl = |d: &DaemonSet| {
        d.spec_ref()
            .map(|s| s.template.clone())
            .ok_or(PlanError::NoSpec("DaemonSet"))
    };
    let (ot, nt) = (tmpl(old)?, tmpl(new)?);
    let spec = new.spec_ref().cloned().unwrap_or_default();
    let ds = DaemonSetParams::from_spec(&spec, Flavor::Upstream);
    let limits = QuotaLimits::from_quotas(quotas, &ot, &nt, nodes.max(0), &gates)?;
    plan_with_usage(
        &ds,
        nodes,
        opts,
        &limits,
        template_usage(&ot, &gates)?,
        template_usage(&nt, &gates)?,
    )
}
