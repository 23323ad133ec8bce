//! The `rollout` fuzz target's check: rolling-update resolution, NewRSNewReplicas, proportional scaling,
//! the planners and the Argo counts never panic on any input, and the planners end (with the
//! fenceposts kept when pods become ready).

use acp_model::intstr::IntOrPercent;
use acp_workload::argo::upstream::{
    approximate_weighted_canary_stable_replica_counts, basic_canary_replica_counts,
    traffic_routed_canary_replica_counts,
};
use acp_workload::argo::{CanaryParams, CanaryStatus, CanaryStep, RsCounts, plan_canary};
use acp_workload::planner::{
    PlanOptions, QuotaLimits, Readiness, plan_daemonset, plan_deployment, plan_statefulset,
};
use acp_workload::rolling::{
    DaemonSetParams, DeploymentParams, PodManagementPolicy, ReplicaSetState, StatefulSetParams,
    StatefulSetStrategy, new_rs_new_replicas, proportional_scale, resolve_fenceposts, rolling_sync,
};

/// Reads the input a byte at a time; zeros when it runs out.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn u8(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    fn u16(&mut self) -> u16 {
        u16::from(self.u8()) << 8 | u16::from(self.u8())
    }

    fn i32(&mut self) -> i32 {
        i32::from_be_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
    }

    /// An int-or-percent: small ints, percentages, wild ints, and odd strings.
    fn bound(&mut self) -> IntOrPercent {
        match self.u8() % 6 {
            0 => IntOrPercent::Int(i32::from(self.u8() % 8)),
            1 | 2 => IntOrPercent::from_percent(i32::from(self.u8())),
            3 => IntOrPercent::Int(self.i32()),
            4 => IntOrPercent::from_percent(self.i32()),
            _ => {
                let n = usize::from(self.u8() % 6);
                let s: String = (0..n)
                    .map(|_| char::from(b"0123456789%-+ x"[usize::from(self.u8() % 15)]))
                    .collect();
                IntOrPercent::String(s)
            }
        }
    }
}

/// Panics when an invariant breaks on `data`.
#[allow(
    clippy::too_many_lines,
    reason = "fuzz harness: one linear decoder of the input bytes"
)]
pub fn check(data: &[u8]) {
    let mut b = Bytes(data);
    let replicas = match b.u8() % 4 {
        0 => i32::from(b.u8()),
        1 => i32::from(b.u16() % 3000),
        2 => b.i32(),
        _ => i32::from(b.u8() % 20),
    };
    let surge = b.bound();
    let unavailable = b.bound();
    let _ = resolve_fenceposts(Some(&surge), Some(&unavailable), replicas);
    let d = DeploymentParams::rolling(replicas, surge.clone(), unavailable.clone());
    let new_replicas = i32::from(b.u8()) - 20;
    let old_replicas = i32::from(b.u8()) - 20;
    let new_rs = ReplicaSetState::new("new", new_replicas, i32::from(b.u8() % 50))
        .with_annotations(i32::from(b.u8()), i32::from(b.u8()));
    let old = [ReplicaSetState::new(
        "old",
        old_replicas,
        i32::from(b.u8() % 50),
    )];
    if let Ok(n) = new_rs_new_replicas(&d, &[new_rs.clone(), old[0].clone()], &new_rs)
        && replicas >= 0
        && new_replicas >= 0
        && new_replicas <= replicas
    {
        assert!(
            n >= new_replicas && n <= replicas,
            "NewRSNewReplicas {n} out of [{new_replicas}, {replicas}]"
        );
    }
    let _ = rolling_sync(&d, &new_rs, &old);
    let _ = proportional_scale(&d, i32::from(b.u8()), Some(&new_rs), &old);

    // The planners, on bounded sizes.
    let opts = PlanOptions::default()
        .with_new_pods(match b.u8() % 5 {
            0 => Readiness::Never,
            n => Readiness::After(u32::from(n)),
        })
        .with_old_pods(Readiness::After(1))
        .with_terminating_ticks(u32::from(b.u8() % 3))
        .with_max_steps(20_000);
    let small = replicas.clamp(-2, 400);
    let quota = match b.u8() % 3 {
        0 => QuotaLimits::none(),
        _ => QuotaLimits::pods("q", i64::from(b.u8()), i64::from(b.u8() % 4)),
    };
    let dp = DeploymentParams::rolling(small, surge.clone(), unavailable.clone());
    if let Ok(plan) = plan_deployment(&dp, &opts, &quota) {
        assert!(!plan.steps.is_empty());
        let r = i64::from(small.max(0));
        for s in &plan.steps {
            assert!(
                s.total() <= r + plan.max_surge.max(0),
                "{s} above {r} + {}",
                plan.max_surge
            );
        }
        if quota.is_empty()
            && opts.new_pods != Readiness::Never
            && plan.max_surge >= 0
            && plan.max_unavailable >= 0
            // An int32 overflow can stop the controller (maxSurge 2147483647).
            && plan.warnings.is_empty()
        {
            assert!(plan.completed(), "{}", plan.outcome);
            assert!(plan.min_available >= r - plan.max_unavailable);
        }
    }
    let nodes = i64::from(b.u8() % 200);
    let ds = if b.u8() % 2 == 0 {
        DaemonSetParams::rolling(surge.clone(), 0)
    } else {
        DaemonSetParams::rolling(0, unavailable.clone())
    };
    if let Ok(plan) = plan_daemonset(&ds, nodes, &opts, &quota) {
        assert!(plan.peak_total <= nodes + plan.max_surge.max(0));
    }
    let mut sts = StatefulSetParams::rolling(small.min(150), i32::from(b.u8()) - 5);
    sts.strategy = StatefulSetStrategy::RollingUpdate {
        partition: sts.partition(),
        max_unavailable: Some(unavailable.clone()),
    };
    if b.u8() % 2 == 0 {
        sts.pod_management_policy = PodManagementPolicy::Parallel;
    }
    if let Ok(plan) = plan_statefulset(&sts, &opts, &quota) {
        assert!(plan.peak_total <= i64::from(sts.replicas.max(0)));
    }

    // Argo.
    let weight = i32::from(b.u8()) - 10;
    let max_weight = match b.u8() % 4 {
        0 => 0,
        1 => i32::from(b.u8()),
        _ => 100,
    };
    let (c, s) = approximate_weighted_canary_stable_replica_counts(
        small,
        weight,
        max_weight,
        i32::from(b.u8() % 3),
    );
    if small >= 0 && (0..=max_weight).contains(&weight) && max_weight > 0 {
        assert!(c >= 0 && s >= 0, "{c} {s}");
    }
    let mut p = CanaryParams::new(small, surge, unavailable);
    p.max_traffic_weight = max_weight;
    p.traffic_routing = b.u8() % 2 == 0;
    p.dynamic_stable_scale = b.u8() % 2 == 0;
    p.steps = (0..b.u8() % 4)
        .map(|_| CanaryStep {
            set_weight: Some(i32::from(b.u8()) - 5),
            ..Default::default()
        })
        .collect();
    let st = CanaryStatus {
        current_step_index: Some(i32::from(b.u8() % 5)),
        abort: b.u8() % 4 == 0,
        ..CanaryStatus::default()
    };
    let canary = RsCounts::new("canary", i32::from(b.u8()), i32::from(b.u8()));
    let stable = RsCounts::new("stable", i32::from(b.u8()), i32::from(b.u8()));
    let _ = basic_canary_replica_counts(&p, &st, Some(&canary), Some(&stable), &[]);
    let _ = traffic_routed_canary_replica_counts(&p, &st, Some(&canary), Some(&stable));
    if (0..=100).contains(&small) && max_weight > 0 {
        let _ = plan_canary(&p, &opts);
    }
}
