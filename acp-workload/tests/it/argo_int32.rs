//! Argo Rollouts' canary arithmetic is `int32` and wraps as Go's does: expected values of
//! argo-rollouts `utils/replicaset/canary.go` (v1.10.0-rc1-70-g9f8d111d8, run with Go 1.19 on
//! amd64), and a naive `int32` model of `CalculateReplicaCountsForBasicCanary` over inputs
//! near 2³¹ − 1.

use acp_model::intstr::IntOrPercent;
use acp_workload::argo::upstream::{
    approximate_weighted_canary_stable_replica_counts, basic_canary_replica_counts,
    legacy_scaled_value, traffic_weight_to_replicas,
};
use acp_workload::argo::{
    CanaryParams, CanaryStatus, CanaryStep, Int32Overflow, RsCounts, canary_int32_overflows,
    plan_canary,
};
use acp_workload::planner::{PlanOptions, PlanWarning};
use proptest::prelude::*;

use crate::support::proptest_config;

const MAX: i32 = i32::MAX;

fn canary(replicas: i32, weight: i32, surge: i32, unavailable: i32) -> CanaryParams {
    let mut p = CanaryParams::new(replicas, surge, unavailable);
    p.steps = vec![CanaryStep {
        set_weight: Some(weight),
        ..Default::default()
    }];
    p
}

/// (replicas, weight, maxWeight, maxSurge → canary, stable) as argo computes them.
#[test]
fn approximate_weighted_canary_stable_replica_counts_wraps_like_argo() {
    let cases: &[(i32, i32, i32, i32, i32, i32)] = &[
        (30_000_000, 100, 100, 1, -12_949_672, 42_949_673),
        (30_000_000, 50, 100, 1, 15_000_000, 15_000_000),
        (MAX, 50, 100, 1, -1, -MAX),
        (MAX, 100, 100, 1, -1, -MAX),
        (MAX, 1, 100, 0, 21_474_836, 2_126_008_811),
        (21_474_837, 100, 100, 1, -21_474_835, 42_949_673),
        (21_474_836, 100, 100, 1, 21_474_836, 0),
        (21_474_837, 50, 100, 0, 10_737_419, 10_737_418),
        (1_000_000_000, 3, 100, 1, -12_949_672, 1_012_949_673),
        (MAX, 0, 100, 1, 0, MAX),
        (42_949_673, 50, 100, 1, -21_474_837, 64_424_511),
        (MAX, 99, 100, 1, 21_474_836, 2_126_008_811),
    ];
    for &(replicas, weight, max_weight, surge, c, s) in cases {
        assert_eq!(
            approximate_weighted_canary_stable_replica_counts(replicas, weight, max_weight, surge),
            (c, s),
            "replicas {replicas} weight {weight} surge {surge}"
        );
    }
}

/// (replicas, weight, maxSurge, maxUnavailable, canary (replicas, available), stable
/// (replicas, available), an older ReplicaSet's replicas → canary, stable) as argo computes them.
#[test]
fn calculate_replica_counts_for_basic_canary_wraps_like_argo() {
    type Rs = (i32, i32);
    type Case = (i32, i32, i32, i32, Rs, Rs, Option<i32>, i32, i32);
    let cases: &[Case] = &[
        (MAX, 50, MAX, 0, (0, 0), (MAX, MAX), None, 0, MAX),
        (
            2_000_000_000,
            50,
            500_000_000,
            0,
            (0, 0),
            (2_000_000_000, 2_000_000_000),
            None,
            12_157_522,
            2_000_000_000,
        ),
        (
            2_000_000_000,
            10,
            200_000_000,
            200_000_000,
            (0, 0),
            (2_000_000_000, 2_000_000_000),
            None,
            -14_748_364,
            -2_094_967_296,
        ),
        (
            2_000_000_000,
            100,
            200_000_000,
            0,
            (0, 0),
            (2_000_000_000, 2_000_000_000),
            None,
            0,
            -2_094_967_296,
        ),
        (
            1_500_000_000,
            50,
            1_500_000_000,
            0,
            (1_000_000_000, 1_000_000_000),
            (1_500_000_000, 1_500_000_000),
            None,
            1_000_000_000,
            1_500_000_000,
        ),
        (
            1_500_000_000,
            10,
            1,
            1,
            (1_500_000_000, 1_500_000_000),
            (1_500_000_000, 1_500_000_000),
            None,
            1_500_000_000,
            1_500_000_000,
        ),
        (
            1_500_000_000,
            50,
            1,
            1,
            (0, 0),
            (1_000_000_000, 1_000_000_000),
            Some(1_500_000_000),
            0,
            1_000_000_000,
        ),
        (10, 50, 2, 1, (0, 0), (10, 10), None, 2, 9),
    ];
    for &(replicas, weight, surge, unavailable, c, s, old, want_c, want_s) in cases {
        let p = canary(replicas, weight, surge, unavailable);
        let new_rs = RsCounts::new("canary", c.0, c.1);
        let stable = RsCounts::new("stable", s.0, s.1);
        let older: Vec<RsCounts> = old
            .map(|r| RsCounts::new("old", r, 0))
            .into_iter()
            .collect();
        let got = basic_canary_replica_counts(
            &p,
            &CanaryStatus::default(),
            Some(&new_rs),
            Some(&stable),
            &older,
        )
        .unwrap();
        assert_eq!(got, (want_c, want_s), "replicas {replicas} weight {weight}");
    }
}

/// `int32(math.Ceil(f))` out of range is `-2147483648` on amd64.
#[test]
fn traffic_weight_to_replicas_out_of_range() {
    assert_eq!(traffic_weight_to_replicas(MAX, 200, 100), i32::MIN);
    assert_eq!(traffic_weight_to_replicas(MAX, 100, 100), MAX);
    assert_eq!(traffic_weight_to_replicas(MAX, 1, 0), i32::MIN);
}

/// `resolveFenceposts` converts the resolved Go `int` to `int32`: 1000000% of 1000000
/// replicas is 10000000000, which argo uses as 1410065408.
#[test]
fn resolve_fenceposts_converts_to_int32() {
    let p = CanaryParams::new(1_000_000, "1000000%", 0);
    assert_eq!(p.max_surge().unwrap(), 1_410_065_408);
    let p = CanaryParams::new(1_000_000, 0, "1000000%");
    // Wrapped to 1410065408, then capped at replicas.
    assert_eq!(p.max_unavailable().unwrap(), 1_000_000);
    let p = CanaryParams::new(3_000_000, 0, "1000%");
    // 30000000 fits; 3000000 × 1000% … the cap applies.
    assert_eq!(p.max_unavailable().unwrap(), 3_000_000);
    let p = CanaryParams::new(2_000_000_000, "300%", 0);
    // 6000000000 wraps to 1705032704.
    assert_eq!(p.max_surge().unwrap(), 1_705_032_704);
    let stable = RsCounts::new("stable", 2_000_000_000, 2_000_000_000);
    let mut p = p;
    p.steps = vec![CanaryStep {
        set_weight: Some(0),
        ..Default::default()
    }];
    let o = canary_int32_overflows(&p, &CanaryStatus::default(), None, Some(&stable), &[]).unwrap();
    assert_eq!(
        o[0].to_string(),
        "maxSurge 300%: resolves to 6000000000 for 2000000000 replicas, which overflows int32 \
         in resolveFenceposts; argo uses 1705032704"
    );
    assert_eq!(o[0].wrapped(), 1_705_032_704);
}

#[test]
fn plan_canary_warns_where_argo_wraps() {
    // maxTrafficWeight 1000000000 with setWeight 300000000 (30 %): 10 × 300000000 wraps.
    let mut p = canary(10, 300_000_000, 1, 0);
    p.max_traffic_weight = 1_000_000_000;
    let plan = plan_canary(&p, &PlanOptions::default()).unwrap();
    let warnings: Vec<String> = plan.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings.first().map(String::as_str),
        Some(
            "specReplicas*desiredWeight overflows int32 in \
             approximateWeightedCanaryStableReplicaCounts (10 * 300000000 = 3000000000 wraps \
             to -1294967296)"
        ),
        "{warnings:?}"
    );
    assert!(
        plan.warnings
            .iter()
            .all(|w| matches!(w, PlanWarning::ArgoInt32Overflow(_)))
    );
    let small = plan_canary(&canary(10, 50, 1, 0), &PlanOptions::default()).unwrap();
    assert!(small.completed);
    assert!(small.warnings.is_empty());
}

/// Go's `int32(x)` of an exact value.
fn wrap(x: i128, hit: &mut bool) -> i32 {
    let m = x.rem_euclid(1 << 32);
    let v = i32::try_from(if m >= 1 << 31 { m - (1 << 32) } else { m }).unwrap();
    *hit |= i128::from(v) != x;
    v
}

/// `int32(math.Ceil(f))` / `int32(math.Floor(f))` for the finite in-range values that occur.
#[allow(clippy::cast_possible_truncation)]
fn f_to_i32(f: f64) -> i32 {
    if f.is_nan() || !(-2_147_483_648.0..=2_147_483_647.0).contains(&f) {
        return i32::MIN;
    }
    f as i32
}

/// A naive model of `approximateWeightedCanaryStableReplicaCounts`: exact values in `i128`,
/// each `int32` result wrapped.
fn approximate_model(spec: i32, w: i32, max_w: i32, surge: i32, hit: &mut bool) -> (i32, i32) {
    if spec == 0 {
        return (0, 0);
    }
    let product = wrap(i128::from(spec) * i128::from(w), hit);
    let q = f64::from(product) / f64::from(max_w);
    let (ceil, floor) = (f_to_i32(q.ceil()), f_to_i32(q.floor()));
    let tied = |total: i32| (f64::from(total) * (f64::from(w) / f64::from(max_w))).fract() == 0.5;
    let zero_ok = w == max_w || w == 0 || (spec == 1 && surge == 0);
    let mut options = Vec::new();
    if ceil < spec || zero_ok {
        options.push((ceil, spec));
    }
    if !tied(spec) && (floor != 0 || zero_ok) {
        options.push((floor, spec));
    }
    if surge > 0 {
        let more = wrap(i128::from(spec) + 1, hit);
        options.push((ceil, more));
        if !tied(more) && (floor != 0 || zero_ok) {
            options.push((floor, more));
        }
    }
    let mut best: Option<((i32, i32), f64)> = None;
    for (c, t) in options {
        let actual = f64::from(wrap(i128::from(c) * i128::from(max_w), hit)) / f64::from(t);
        let d = (actual - f64::from(w)).abs();
        if best.is_none_or(|(_, bd)| d < bd) {
            best = Some(((c, t), d));
        }
    }
    let ((c, t), _) = best.unwrap();
    (c, wrap(i128::from(t) - i128::from(c), hit))
}

/// A naive model of `CalculateReplicaCountsForBasicCanary` for a canary and a distinct stable
/// ReplicaSet, no older ones.
fn basic_model(
    p: &CanaryParams,
    w: i32,
    new_rs: &RsCounts,
    stable: &RsCounts,
    hit: &mut bool,
) -> (i32, i32) {
    let spec = p.replicas;
    let resolved = |v: &IntOrPercent, up: bool| legacy_scaled_value(v, spec, up).unwrap();
    let s = resolved(&p.max_surge, true);
    let mut u = resolved(&p.max_unavailable, false);
    if s == 0 && u == 0 {
        u = 1;
    }
    let surge = wrap(s.into(), hit);
    let unavailable = if spec == 0 {
        0
    } else {
        wrap(u.into(), hit).min(spec)
    };
    let (dn, ds) = approximate_model(spec, w, p.max_traffic_weight, surge, hit);
    let (mut n, mut st) = (new_rs.replicas, stable.replicas);
    let max_allowed = wrap(i128::from(spec) + i128::from(surge), hit);
    let total = wrap(
        i128::from(new_rs.replicas) + i128::from(stable.replicas),
        hit,
    );
    let mut up = wrap(i128::from(max_allowed) - i128::from(total), hit);
    if stable.replicas < ds && up > 0 {
        let reach = wrap(i128::from(stable.replicas) + i128::from(up), hit);
        if reach < ds {
            st = reach;
            up = 0;
        } else {
            st = ds;
            let used = wrap(i128::from(ds) - i128::from(stable.replicas), hit);
            up = wrap(i128::from(up) - i128::from(used), hit);
        }
    }
    if new_rs.replicas < dn && up > 0 {
        let reach = wrap(i128::from(new_rs.replicas) + i128::from(up), hit);
        n = reach.min(dn);
    }
    let min_available = wrap(i128::from(spec) - i128::from(unavailable), hit);
    let increasing = dn >= new_rs.replicas;
    let for_down = |rs: &RsCounts, ignore: bool| {
        if rs.replicas < rs.available || ignore {
            rs.replicas
        } else {
            rs.available
        }
    };
    let down = wrap(
        i128::from(for_down(new_rs, !increasing)) + i128::from(for_down(stable, increasing)),
        hit,
    );
    if down <= min_available {
        return (n, st);
    }
    let scale_down = wrap(i128::from(down) - i128::from(min_available), hit);
    let adjust = |drain: &RsCounts,
                  adj: &RsCounts,
                  mut dc: i32,
                  mut ac: i32,
                  hit: &mut bool|
     -> (i32, i32) {
        let over = |ac: i32, dc: i32, hit: &mut bool| {
            let both = wrap(i128::from(ac) + i128::from(dc), hit);
            wrap(i128::from(both) - i128::from(max_allowed), hit).max(0)
        };
        let mut o = over(ac, dc, hit);
        let mut avail = drain.available.min(dc);
        ac = wrap(i128::from(ac) - i128::from(o), hit);
        avail = wrap(i128::from(avail) + i128::from(adj.available.min(ac)), hit);
        let extra = wrap(i128::from(adj.available) - i128::from(ac), hit).max(0);
        let need = wrap(i128::from(min_available) - i128::from(avail), hit).max(0);
        ac = wrap(i128::from(ac) + i128::from(extra.min(need)), hit);
        o = over(ac, dc, hit);
        dc = wrap(i128::from(dc) - i128::from(o), hit);
        (dc, ac)
    };
    if !increasing {
        if new_rs.replicas > dn {
            n = dn.max(wrap(
                i128::from(new_rs.replicas) - i128::from(scale_down),
                hit,
            ));
        }
        (n, st) = adjust(new_rs, stable, n, st, hit);
    } else {
        if stable.replicas > ds {
            st = ds.max(wrap(
                i128::from(stable.replicas) - i128::from(scale_down),
                hit,
            ));
        }
        (st, n) = adjust(stable, new_rs, st, n, hit);
    }
    (n, st)
}

fn near_max() -> impl Strategy<Value = i32> {
    prop_oneof![
        0..=20i32,
        0..=MAX,
        (MAX - 20)..=MAX,
        (MAX / 2 - 10)..=(MAX / 2 + 10),
        Just(21_474_837),
    ]
}

fn bound() -> impl Strategy<Value = IntOrPercent> {
    prop_oneof![
        near_max().prop_map(IntOrPercent::Int),
        (0..=400i64).prop_map(|p| IntOrPercent::String(format!("{p}%"))),
        (0..=100_000i64).prop_map(|p| IntOrPercent::String(format!("{p}%"))),
    ]
}

proptest! {
    #![proptest_config(proptest_config(3000))]

    /// `CalculateReplicaCountsForBasicCanary` is the naive `int32` model, and an overflow is
    /// reported exactly when the model wraps.
    #[test]
    fn calculate_replica_counts_for_basic_canary_is_the_naive_int32_model(
        replicas in near_max(),
        weight in 0..=100i32,
        surge in bound(),
        unavailable in bound(),
        new in (near_max(), near_max()),
        stable in (near_max(), near_max()),
    ) {
        let mut p = CanaryParams::new(replicas, surge, unavailable);
        p.steps = vec![CanaryStep { set_weight: Some(weight), ..Default::default() }];
        let new_rs = RsCounts::new("canary", new.0, new.1);
        let stable_rs = RsCounts::new("stable", stable.0, stable.1);
        let s = CanaryStatus::default();
        let mut hit = false;
        let want = basic_model(&p, weight, &new_rs, &stable_rs, &mut hit);
        let got = basic_canary_replica_counts(&p, &s, Some(&new_rs), Some(&stable_rs), &[]).unwrap();
        prop_assert_eq!(got, want);
        let overflows = canary_int32_overflows(&p, &s, Some(&new_rs), Some(&stable_rs), &[]).unwrap();
        prop_assert_eq!(!overflows.is_empty(), hit);
        for o in &overflows {
            prop_assert_ne!(i64::from(o.wrapped()), o.exact());
            if let Int32Overflow::Arithmetic { lhs, rhs, .. } = o {
                prop_assert!(o.to_string().contains(&format!("{lhs}")), "{}", o);
                prop_assert!(o.to_string().contains(&format!("{rhs}")), "{}", o);
            }
        }
    }
}
