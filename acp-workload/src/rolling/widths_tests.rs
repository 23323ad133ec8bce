//! The controllers' integer widths against what Kubernetes v1.35 computes
//! (`testdata/k8s_v1.35_int_widths.tsv`), and the `int32` paths against a naive wrapping model.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use acp_model::intstr::IntOrPercent;
use proptest::prelude::*;

use super::*;

const TABLE: &str = include_str!("testdata/k8s_v1.35_int_widths.tsv");

fn rows(kind: &str) -> Vec<Vec<&'static str>> {
    let rows: Vec<Vec<&str>> = TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|r| r[0] == kind)
        .map(|r| r[1..].to_vec())
        .collect();
    assert!(rows.len() > 50, "{kind}: only {} rows", rows.len());
    rows
}

fn value(s: &str) -> Option<IntOrPercent> {
    if s == "-" {
        None
    } else if let Some(i) = s.strip_prefix("i:") {
        Some(IntOrPercent::Int(i.parse().unwrap()))
    } else {
        Some(IntOrPercent::String(
            s.strip_prefix("s:").unwrap().to_owned(),
        ))
    }
}

fn num<T: std::str::FromStr>(s: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    s.parse().unwrap()
}

/// `ERR` or the number.
fn check<T: PartialEq + std::fmt::Debug + std::str::FromStr, E: std::fmt::Debug>(
    what: &str,
    got: Result<T, E>,
    want: &str,
) where
    T::Err: std::fmt::Debug,
{
    if want == "ERR" {
        assert!(got.is_err(), "{what}: want an error, got {got:?}");
    } else {
        assert_eq!(got.unwrap(), num::<T>(want), "{what}");
    }
}

fn deployment(
    replicas: i32,
    surge: Option<IntOrPercent>,
    unavailable: Option<IntOrPercent>,
) -> DeploymentParams {
    DeploymentParams {
        strategy: DeploymentStrategy::RollingUpdate {
            max_surge: surge,
            max_unavailable: unavailable,
        },
        ..DeploymentParams::rolling(replicas, 0, 0)
    }
}

#[test]
fn get_scaled_value_from_int_or_percent_v1_35() {
    for r in rows("scaled") {
        let v = value(r[0]);
        let got = scaled("f", v.as_ref(), num(r[1]), r[2] == "1");
        check(&r.join(" "), got, r[3]);
    }
}

#[test]
fn resolve_fenceposts_and_bounds_v1_35() {
    for r in rows("fenceposts") {
        let (s, u, replicas) = (value(r[0]), value(r[1]), num::<i32>(r[2]));
        let what = r.join(" ");
        let f = resolve_fenceposts(s.as_ref(), u.as_ref(), replicas);
        check(&what, f.clone().map(|f| f.max_surge), r[3]);
        check(&what, f.map(|f| f.max_unavailable), r[4]);
        if r[3] == "ERR" {
            continue;
        }
        let d = deployment(replicas, s, u);
        check(&what, d.max_surge(), r[5]);
        check(&what, d.max_unavailable(), r[6]);
        check(&what, d.min_available(), r[7]);
    }
}

#[test]
fn new_rs_new_replicas_v1_35() {
    let mut never_up = 0;
    for r in rows("newrs") {
        let replicas = num::<i32>(r[1]);
        let d = deployment(replicas, value(r[0]), Some(IntOrPercent::Int(0)));
        let all: Vec<ReplicaSetState> = r[2]
            .split(',')
            .map(|n| ReplicaSetState::new("rs", num(n), 0))
            .collect();
        let new_rs = ReplicaSetState::new("new", num(r[3]), 0);
        let got = new_rs_new_replicas(&d, &all, &new_rs);
        if r[0] == "i:2147483647" && replicas > 0 && got.as_ref().ok() == Some(&new_rs.replicas) {
            never_up += 1;
        }
        check(&r.join(" "), got, r[4]);
    }
    // maxSurge 2147483647 keeps the new ReplicaSet where it is in the recorded cases.
    assert!(never_up >= 30, "{never_up}");
}

#[test]
fn get_replica_set_fraction_and_proportion_v1_35() {
    for r in rows("fraction") {
        let d = DeploymentParams {
            replicas: num(r[1]),
            ..deployment(num(r[1]), value(r[0]), Some(IntOrPercent::Int(0)))
        };
        let status: i32 = num(r[2]);
        let ann: i32 = num(r[4]);
        let rs = ReplicaSetState {
            max_replicas_annotation: (ann >= 0).then_some(ann),
            ..ReplicaSetState::new("rs", num(r[3]), 0)
        };
        let what = r.join(" ");
        check(&what, replica_set_fraction(&rs, &d, status), r[7]);
        let got = replica_set_proportion(&rs, &d, status, num(r[5]), num(r[6]));
        check(&what, got, r[8]);
    }
}

#[test]
fn updated_desired_node_counts_v1_35() {
    for r in rows("daemonset") {
        let p = DaemonSetParams {
            strategy: DaemonSetStrategy::RollingUpdate {
                max_surge: value(r[0]),
                max_unavailable: value(r[1]),
            },
            ..DaemonSetParams::rolling(0, 1)
        };
        let what = r.join(" ");
        let f = p.fenceposts(num(r[2]));
        check(&what, f.clone().map(|f| f.max_surge), r[3]);
        check(&what, f.map(|f| f.max_unavailable), r[4]);
    }
}

#[test]
fn get_stateful_set_max_unavailable_v1_35() {
    for r in rows("statefulset") {
        let mut p = StatefulSetParams::rolling(num(r[1]), 0);
        p.max_unavailable_feature = true;
        p.strategy = StatefulSetStrategy::RollingUpdate {
            partition: 0,
            max_unavailable: value(r[0]),
        };
        check(&r.join(" "), p.max_unavailable(), r[2]);
    }
}

#[test]
fn max_surge_2147483647_stalls_and_says_why() {
    // Valid spec; 10 + 2147483647 wraps to -2147483639.
    let d = DeploymentParams::rolling(10, i32::MAX, 0);
    let new_rs = ReplicaSetState::new("new", 0, 0);
    let old = [ReplicaSetState::new("old", 10, 10)];
    let all = [new_rs.clone(), old[0].clone()];
    assert_eq!(new_rs_new_replicas(&d, &all, &new_rs).unwrap(), 0);
    assert_eq!(rolling_sync(&d, &new_rs, &old).unwrap(), RollingSync::Idle);
    assert_eq!(d.max_replicas().unwrap(), -2_147_483_639);
    let o = d.int32_overflows().unwrap();
    assert_eq!(o.len(), 1);
    assert_eq!(o[0].wrapped(), -2_147_483_639);
    assert!(
        o[0].to_string()
            .contains("never scales the new ReplicaSet up")
    );
    // One less replica and the sum fits: no overflow, the rollout surges.
    let d = DeploymentParams::rolling(0, i32::MAX, 0);
    assert!(d.int32_overflows().unwrap().is_empty());
}

#[test]
fn fencepost_wraps_are_reported() {
    // 300% of 1073741825 = 3221225475 → int32 −1073741821.
    let d = DeploymentParams::rolling(1_073_741_825, "300%", 0);
    assert_eq!(d.fenceposts().unwrap().max_surge, -1_073_741_821);
    let o = d.int32_overflows().unwrap();
    assert_eq!(
        o.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "maxSurge 300%: resolves to 3221225475 for 1073741825 replicas, which overflows \
             int32 in ResolveFenceposts; the controller uses -1073741821",
            "maxSurge 300%: replicas + maxSurge overflows int32 in NewRSNewReplicas \
             (1073741825 + 3221225475 wraps to 4); the controller keeps at most 4 pods, fewer \
             than replicas",
        ]
    );
    // 4294967296% of 100 is 2^32: int32 0, and the both-0 rule saw 2^32, so no forced 1.
    let d = DeploymentParams::rolling(100, "4294967296%", 0);
    let f = d.fenceposts().unwrap();
    assert_eq!((f.max_surge, f.max_unavailable), (0, 0));
    assert_eq!(
        o_wrapped(&d),
        [(Some("maxSurge"), 0), (None, 100)],
        "fencepost 0, maxTotalPods 100"
    );
    assert!(
        d.int32_overflows().unwrap()[1]
            .to_string()
            .ends_with("the controller allows at most 100 pods")
    );
    // Not rolling: nothing to report.
    assert!(
        DeploymentParams::recreate(5)
            .int32_overflows()
            .unwrap()
            .is_empty()
    );
}

fn o_wrapped(d: &DeploymentParams) -> Vec<(Option<&'static str>, i32)> {
    d.int32_overflows()
        .unwrap()
        .iter()
        .map(|o| match o {
            Int32Overflow::Fencepost { field, .. } => (Some(*field), o.wrapped()),
            Int32Overflow::MaxTotalPods { .. } => (None, o.wrapped()),
        })
        .collect()
}

#[test]
fn go_float_conversions_as_on_amd64() {
    assert_eq!(go_int_of_f64(f64::NAN), i64::MIN);
    assert_eq!(go_int_of_f64(f64::INFINITY), i64::MIN);
    assert_eq!(go_int_of_f64(9.223_372_036_854_776e18), i64::MIN);
    assert_eq!(go_int_of_f64(-9.223_372_036_854_776e18), i64::MIN);
    assert_eq!(
        go_int_of_f64(9.223_372_036_854_775e18),
        9_223_372_036_854_774_784
    );
    assert_eq!(go_int_of_f64(-2.9), -2);
    assert_eq!(go_int32_of_f64(2_147_483_647.9), i32::MAX);
    assert_eq!(go_int32_of_f64(2_147_483_648.0), i32::MIN);
    assert_eq!(go_int32_of_f64(-2_147_483_648.9), i32::MIN);
    assert_eq!(go_int32_of_f64(-2_147_483_647.9), -2_147_483_647);
    assert_eq!(go_int32_of_f64(-2_147_483_649.0), i32::MIN);
    assert_eq!(go_int32_of_f64(f64::NAN), i32::MIN);
    assert_eq!(go_int32_of_f64(3e9), i32::MIN);
    assert_eq!(go_int32(4_294_967_301), 5);
    assert_eq!(go_int32(3_221_225_475), -1_073_741_821);
}

/// Go's `int32(v)`, the naive way: reduce modulo 2^32 into [−2^31, 2^31).
fn wrap(v: i128) -> i32 {
    let m = v.rem_euclid(1 << 32);
    i32::try_from(if m >= 1 << 31 { m - (1 << 32) } else { m }).unwrap()
}

/// `NewRSNewReplicas` computed exactly in `i128`, reduced to `int32` after every operation.
fn naive_new_rs_new_replicas(replicas: i32, surge: i64, all: &[i32], new: i32) -> i32 {
    let current = all
        .iter()
        .fold(0i32, |acc, &r| wrap(i128::from(acc) + i128::from(r)));
    let max_total = wrap(i128::from(replicas) + i128::from(wrap(i128::from(surge))));
    if current >= max_total {
        return new;
    }
    let up = wrap(i128::from(max_total) - i128::from(current))
        .min(wrap(i128::from(replicas) - i128::from(new)));
    wrap(i128::from(new) + i128::from(up))
}

fn replicas_strategy() -> impl Strategy<Value = i32> {
    prop_oneof![
        0..=20i32,
        0..=i32::MAX,
        (i32::MAX - 20)..=i32::MAX,
        Just(1_073_741_824),
    ]
}

fn surge_strategy() -> impl Strategy<Value = IntOrPercent> {
    prop_oneof![
        any::<i32>().prop_map(IntOrPercent::Int),
        (0..=i32::MAX).prop_map(IntOrPercent::Int),
        (0..=400i64).prop_map(|p| IntOrPercent::String(format!("{p}%"))),
        any::<i64>().prop_map(|p| IntOrPercent::String(format!("{p}%"))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn new_rs_new_replicas_is_the_naive_int32_model(
        replicas in replicas_strategy(),
        surge in surge_strategy(),
        new in replicas_strategy(),
        old in proptest::collection::vec(replicas_strategy(), 0..3),
    ) {
        let d = deployment(replicas, Some(surge.clone()), Some(IntOrPercent::Int(0)));
        let new_rs = ReplicaSetState::new("new", new, 0);
        let mut all = vec![new_rs.clone()];
        all.extend(old.iter().map(|&r| ReplicaSetState::new("old", r, 0)));
        let resolved = scaled("maxSurge", Some(&surge), i64::from(replicas), true).unwrap();
        let counts: Vec<i32> = all.iter().map(|r| r.replicas).collect();
        prop_assert_eq!(
            new_rs_new_replicas(&d, &all, &new_rs).unwrap(),
            naive_new_rs_new_replicas(replicas, resolved, &counts, new)
        );
    }

    #[test]
    fn resolve_fenceposts_is_the_go_int_wrapped(
        replicas in replicas_strategy(),
        surge in surge_strategy(),
        unavailable in surge_strategy(),
    ) {
        let f = resolve_fenceposts(Some(&surge), Some(&unavailable), replicas).unwrap();
        let (s, u) = fencepost_ints(Some(&surge), Some(&unavailable), replicas).unwrap();
        prop_assert_eq!((f.max_surge, f.max_unavailable), (wrap(s.into()), wrap(u.into())));
        let d = deployment(replicas, Some(surge), Some(unavailable));
        let overflows = d.int32_overflows().unwrap();
        let fencepost_wraps = overflows
            .iter()
            .filter(|o| matches!(o, Int32Overflow::Fencepost { .. }))
            .count();
        prop_assert_eq!(
            fencepost_wraps,
            usize::from(i64::from(f.max_surge) != s) + usize::from(i64::from(f.max_unavailable) != u)
        );
    }

    /// Below 2^53 the float64 formula is exact: it agrees with integer ceil/floor division.
    #[test]
    fn scaled_percent_matches_exact_division_below_2_pow_53(
        p in -4_000_000i64..=4_000_000,
        total in any::<i32>(),
        up in any::<bool>(),
    ) {
        let got = scaled("f", Some(&IntOrPercent::String(format!("{p}%"))), i64::from(total), up).unwrap();
        let x = p * i64::from(total);
        let want = if up { -((-x).div_euclid(100)) } else { x.div_euclid(100) };
        prop_assert_eq!(got, want);
    }
}
