//! Criterion benchmarks: planning a 10,000-replica Deployment rollout.
//!
//! `rollout/plan_10k_*` run [`acp_workload::planner::plan_deployment`]; `rollout/naive_10k_25_25`
//! is a baseline that keeps every pod as its own record and steps every tick, making the same
//! controller decisions through [`acp_workload::rolling::rolling_sync`] (checked to reach the
//! same peak and minimum availability).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::hint::black_box;

use acp_workload::planner::{PlanOptions, QuotaLimits, plan_deployment};
use acp_workload::rolling::{
    DeploymentParams, ReplicaSetState, RollingSync, RsRef, resolve_fenceposts, rolling_sync,
};
use criterion::{Criterion, criterion_group, criterion_main};

#[derive(Clone, Copy)]
struct Pod {
    new: bool,
    ready_at: u64,
}

/// Per-pod, tick-by-tick: the straightforward way to simulate the same controllers.
fn naive_plan(d: &DeploymentParams, ready_after: u64) -> (i64, i64, u64) {
    let r = i64::from(d.replicas);
    let mut pods: Vec<Pod> = (0..r)
        .map(|_| Pod {
            new: false,
            ready_at: 0,
        })
        .collect();
    let (mut old_spec, mut new_spec) = (d.replicas, 0i32);
    let (mut peak, mut min_available) = (r, r);
    let mut tick = 0u64;
    loop {
        tick += 1;
        loop {
            let count = |pods: &[Pod], new: bool, avail: bool| {
                pods.iter()
                    .filter(|p| p.new == new && (!avail || p.ready_at <= tick))
                    .count() as i32
            };
            let old = [ReplicaSetState::new(
                "old",
                old_spec,
                count(&pods, false, true),
            )];
            let new_rs = ReplicaSetState::new("new", new_spec, count(&pods, true, true));
            let changed = match rolling_sync(d, &new_rs, &old).unwrap() {
                RollingSync::ScaledNew(n) => {
                    new_spec = n;
                    true
                }
                RollingSync::ScaledOld(down) => {
                    for a in &down.actions {
                        if a.target == RsRef::Old(0) {
                            old_spec = a.to;
                        }
                    }
                    true
                }
                RollingSync::Idle => false,
                other => panic!("a sync outcome this benchmark does not model: {other:?}"),
            };
            // ReplicaSet controller: delete old pods above spec, create new ones below.
            let mut old_n = count(&pods, false, false);
            while old_n > old_spec {
                let i = pods.iter().position(|p| !p.new).unwrap();
                pods.swap_remove(i);
                old_n -= 1;
            }
            let mut new_n = count(&pods, true, false);
            while new_n < new_spec {
                pods.push(Pod {
                    new: true,
                    ready_at: tick + ready_after,
                });
                new_n += 1;
            }
            peak = peak.max(pods.len() as i64);
            let available = pods.iter().filter(|p| p.ready_at <= tick).count() as i64;
            min_available = min_available.min(available);
            if !changed {
                break;
            }
        }
        let done = new_spec == d.replicas
            && pods.iter().all(|p| p.new && p.ready_at <= tick)
            && pods.len() as i64 == r;
        if done {
            return (peak, min_available, tick);
        }
    }
}

fn bench(c: &mut Criterion) {
    let d = DeploymentParams::rolling(10_000, "25%", "25%");
    let opts = PlanOptions::ready_after(3);
    let plan = plan_deployment(&d, &opts, &QuotaLimits::none()).unwrap();
    assert!(plan.completed());
    let (peak, min_available, _) = naive_plan(&d, 3);
    assert_eq!((plan.peak_total, plan.min_available), (peak, min_available));

    let mut g = c.benchmark_group("rollout");
    g.bench_function("plan_10k_25_25", |b| {
        b.iter(|| plan_deployment(black_box(&d), &opts, &QuotaLimits::none()).unwrap())
    });
    g.bench_function("naive_10k_25_25", |b| {
        b.iter(|| naive_plan(black_box(&d), 3))
    });
    let quota = QuotaLimits::pods("pods", 10_000, 0);
    g.bench_function("plan_10k_25_25_pods_quota", |b| {
        b.iter(|| plan_deployment(black_box(&d), &opts, &quota).unwrap())
    });
    let one = DeploymentParams::rolling(10_000, 1, 0);
    g.sample_size(10);
    g.bench_function("plan_10k_surge_1", |b| {
        b.iter(|| plan_deployment(black_box(&one), &opts, &QuotaLimits::none()).unwrap())
    });
    g.sample_size(100);
    let (s, u) = ("25%".into(), "25%".into());
    g.bench_function("resolve_fenceposts", |b| {
        b.iter(|| resolve_fenceposts(Some(black_box(&s)), Some(black_box(&u)), black_box(10_000)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
