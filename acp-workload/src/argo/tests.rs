#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::type_complexity,
    clippy::too_many_arguments
)]

use super::*;

fn pct(s: &str) -> IntOrPercent {
    IntOrPercent::String(s.to_owned())
}
fn int(i: i32) -> IntOrPercent {
    IntOrPercent::Int(i)
}

/// canary_test.go `newRollout`: one step with `setWeight` (and `setCanaryScale`), status
/// stableRS "stable" / currentPodHash "canary".
fn rollout(
    replicas: i32,
    set_weight: i32,
    surge: IntOrPercent,
    unavailable: IntOrPercent,
    scs: Option<SetCanaryScale>,
    traffic_routing: bool,
) -> CanaryParams {
    let mut p = CanaryParams::new(replicas, surge, unavailable);
    p.steps = vec![CanaryStep {
        set_weight: Some(set_weight),
        set_canary_scale: scs,
        ..Default::default()
    }];
    p.traffic_routing = traffic_routing;
    p
}

struct Case {
    name: &'static str,
    replicas: i32,
    set_weight: i32,
    surge: IntOrPercent,
    unavailable: IntOrPercent,
    promote_full: bool,
    stable: (i32, i32),
    canary: (i32, i32),
    expected_stable: i32,
    expected_canary: i32,
    older: Option<(i32, i32)>,
    scs: Option<SetCanaryScale>,
    traffic_routing: bool,
    abort_delay: Option<i32>,
    abort: bool,
    min_pods: Option<i32>,
}

fn case(
    name: &'static str,
    replicas: i32,
    set_weight: i32,
    surge: IntOrPercent,
    unavailable: IntOrPercent,
    stable: (i32, i32),
    canary: (i32, i32),
    expected_stable: i32,
    expected_canary: i32,
) -> Case {
    Case {
        name,
        replicas,
        set_weight,
        surge,
        unavailable,
        promote_full: false,
        stable,
        canary,
        expected_stable,
        expected_canary,
        older: None,
        scs: None,
        traffic_routing: false,
        abort_delay: None,
        abort: false,
        min_pods: None,
    }
}

fn scs(
    replicas: Option<i32>,
    weight: Option<i32>,
    match_traffic_weight: bool,
) -> Option<SetCanaryScale> {
    Some(SetCanaryScale {
        replicas,
        weight,
        match_traffic_weight,
    })
}

/// Cases from canary_test.go TestCalculateReplicaCountsForCanary.
#[test]
#[allow(
    clippy::too_many_lines,
    reason = "upstream TestCalculateReplicaCountsForCanary table, one data literal"
)]
fn upstream_calculate_replica_counts_for_canary() {
    let cases = vec![
        case(
            "Do not add extra RSs in scaleDownCount when .Spec.Replica < AvailableReplicas",
            10,
            100,
            int(3),
            int(0),
            (7, 8),
            (6, 3),
            7,
            6,
        ),
        case(
            "Use max surge int to scale up canary",
            10,
            20,
            int(2),
            int(0),
            (10, 10),
            (0, 0),
            10,
            2,
        ),
        case(
            "Use max surge percentage to scale up canary",
            10,
            20,
            pct("20%"),
            int(0),
            (10, 10),
            (0, 0),
            10,
            2,
        ),
        case(
            "Scale down extra stable replicas",
            10,
            20,
            pct("20%"),
            int(0),
            (10, 10),
            (2, 2),
            8,
            2,
        ),
        case(
            "Do not go past max surge",
            10,
            30,
            int(2),
            int(0),
            (10, 10),
            (0, 0),
            10,
            2,
        ),
        case(
            "Use max unavailable int to scale down stableRS",
            10,
            20,
            int(0),
            int(2),
            (10, 10),
            (0, 0),
            8,
            0,
        ),
        case(
            "Use max surge percentage to scale down stableRS",
            10,
            20,
            int(0),
            pct("20%"),
            (10, 10),
            (0, 0),
            8,
            0,
        ),
        case(
            "Do not go past max unavailable",
            10,
            30,
            int(0),
            int(2),
            (10, 10),
            (0, 0),
            8,
            0,
        ),
        case(
            "Use Max Surge and Max Unavailable",
            10,
            50,
            int(2),
            int(1),
            (10, 10),
            (0, 0),
            9,
            2,
        ),
        case(
            "Scale canaryRS to zero on setWeight of 0%",
            10,
            0,
            int(1),
            int(1),
            (10, 10),
            (1, 1),
            10,
            0,
        ),
        case(
            "Scale stable to zero on setWeight of 100%",
            10,
            100,
            int(1),
            int(1),
            (1, 1),
            (10, 10),
            0,
            10,
        ),
        case(
            "Do not scale canaryRS down to zero on non-zero weight",
            1,
            20,
            int(1),
            int(0),
            (1, 1),
            (0, 0),
            1,
            1,
        ),
        case(
            "Do not scale canaryRS down to zero on non-100 weight",
            1,
            90,
            int(1),
            int(0),
            (1, 1),
            (0, 0),
            1,
            1,
        ),
        case(
            "Scale canaryRS to zero on <50 weight without surge",
            1,
            49,
            int(0),
            int(1),
            (1, 1),
            (0, 0),
            1,
            0,
        ),
        case(
            "Scale stableRS down to zero on >=50 weight without surge",
            1,
            51,
            int(0),
            int(1),
            (1, 1),
            (0, 0),
            0,
            0,
        ),
        case(
            "Scale canaryRS to one on >=50 weight without surge and stable replicas",
            1,
            51,
            int(0),
            int(1),
            (0, 0),
            (0, 0),
            0,
            1,
        ),
        Case {
            older: Some((3, 3)),
            ..case(
                "Scale up Stable before canaryRS",
                10,
                30,
                int(1),
                int(0),
                (1, 1),
                (0, 0),
                7,
                1,
            )
        },
        case(
            "Scale down canaryRS and stable",
            10,
            30,
            int(0),
            int(3),
            (8, 5),
            (4, 4),
            7,
            3,
        ),
        case(
            "Scale down stable and canary available",
            10,
            100,
            int(1),
            int(0),
            (10, 2),
            (10, 8),
            2,
            9,
        ),
        Case {
            older: Some((3, 3)),
            ..case(
                "Do not scale down canaryRS or stable when older RS count >= scaleDownCount",
                10,
                30,
                int(0),
                int(1),
                (8, 6),
                (4, 2),
                8,
                4,
            )
        },
        case(
            "Do not round past maxSurge with uneven setWeight divisor",
            10,
            5,
            int(0),
            int(1),
            (10, 10),
            (0, 0),
            9,
            0,
        ),
        case(
            "Do not round past maxSurge with uneven setWeight divisor (part 2)",
            10,
            5,
            int(0),
            int(1),
            (9, 9),
            (0, 0),
            9,
            1,
        ),
        case(
            "Use maxUnavailable of 1 when percentage of maxUnavailable and maxSurge result in 0 replicas",
            10,
            10,
            pct("0%"),
            pct("0%"),
            (10, 10),
            (0, 0),
            9,
            0,
        ),
        Case {
            scs: scs(Some(9), None, false),
            traffic_routing: true,
            ..case(
                "For canary replicas, use setCanaryScale.replicas when specified along with trafficRouting",
                1,
                100,
                int(0),
                int(0),
                (1, 1),
                (0, 0),
                1,
                9,
            )
        },
        Case {
            scs: scs(None, Some(200), false),
            traffic_routing: true,
            ..case(
                "Use setCanaryScale.weight for canary replicas when specified with trafficRouting",
                4,
                100,
                int(0),
                int(0),
                (4, 4),
                (0, 0),
                4,
                8,
            )
        },
        Case {
            scs: scs(Some(9), Some(100), true),
            traffic_routing: true,
            ..case(
                "Ignore setCanaryScale replicas/weight when matchTrafficWeight is true",
                10,
                20,
                pct("20%"),
                int(0),
                (10, 10),
                (0, 0),
                10,
                2,
            )
        },
        Case {
            scs: scs(Some(9), Some(100), false),
            ..case(
                "Ignore setCanaryScale when trafficRouting is missing and use setWeight for replicas",
                10,
                20,
                pct("20%"),
                int(0),
                (10, 10),
                (0, 0),
                10,
                2,
            )
        },
        case(
            "honor maxSurge during scale up when stableRS unavailable",
            4,
            100,
            int(1),
            int(0),
            (4, 1),
            (0, 0),
            4,
            1,
        ),
        case(
            "scale down to maxunavailable without exceeding maxSurge",
            3,
            99,
            int(0),
            int(2),
            (3, 3),
            (0, 0),
            1,
            0,
        ),
        case(
            "scale down to maxunavailable without exceeding maxSurge (part 2)",
            3,
            99,
            int(0),
            int(2),
            (1, 1),
            (0, 0),
            1,
            2,
        ),
        case(
            "honor maxUnavailable during scale down stableRS unavailable",
            4,
            100,
            int(1),
            int(0),
            (4, 1),
            (1, 1),
            3,
            1,
        ),
        case(
            "honor maxUnavailable when aborting or reducing weight part 1",
            4,
            0,
            int(1),
            int(0),
            (0, 0),
            (4, 4),
            1,
            4,
        ),
        case(
            "honor maxUnavailable when aborting or reducing weight part 2",
            4,
            0,
            int(1),
            int(0),
            (1, 0),
            (4, 4),
            1,
            4,
        ),
        case(
            "honor maxUnavailable when aborting or reducing weight part 3",
            4,
            0,
            int(1),
            int(0),
            (1, 1),
            (4, 4),
            1,
            3,
        ),
        Case {
            promote_full: true,
            ..case(
                "promote full does not consider weight",
                4,
                1,
                int(4),
                int(4),
                (4, 4),
                (0, 0),
                0,
                4,
            )
        },
        Case {
            promote_full: true,
            ..case(
                "promote full still honors maxSurge/maxUnavailable",
                4,
                1,
                int(3),
                int(0),
                (4, 4),
                (0, 0),
                4,
                3,
            )
        },
        Case {
            scs: scs(Some(1), None, false),
            traffic_routing: true,
            abort_delay: Some(0),
            abort: true,
            ..case(
                "aborted with abortScaleDownDelaySeconds:0 and setCanaryScale",
                1,
                0,
                int(0),
                int(0),
                (1, 1),
                (1, 1),
                1,
                1,
            )
        },
        Case {
            scs: scs(Some(1), None, false),
            traffic_routing: true,
            abort_delay: Some(30),
            abort: true,
            ..case(
                "aborted with abortScaleDownDelaySeconds>0 and setCanaryScale",
                1,
                0,
                int(0),
                int(0),
                (1, 1),
                (1, 1),
                1,
                0,
            )
        },
        Case {
            traffic_routing: true,
            min_pods: Some(2),
            ..case(
                "Honor MinPodsPerReplicaSet when using trafficRouting and starting canary",
                10,
                5,
                int(0),
                int(0),
                (10, 10),
                (0, 0),
                10,
                2,
            )
        },
        Case {
            traffic_routing: true,
            min_pods: Some(2),
            promote_full: true,
            ..case(
                "Cap MinPodsPerReplicaSet when it exceeds rollout replicas with trafficRouting",
                1,
                100,
                int(0),
                int(0),
                (1, 1),
                (0, 0),
                1,
                1,
            )
        },
    ];
    for c in cases {
        let mut p = rollout(
            c.replicas,
            c.set_weight,
            c.surge.clone(),
            c.unavailable.clone(),
            c.scs,
            c.traffic_routing,
        );
        p.abort_scale_down_delay_seconds = c.abort_delay;
        p.min_pods_per_replica_set = c.min_pods;
        let s = CanaryStatus {
            promote_full: c.promote_full,
            abort: c.abort,
            ..CanaryStatus::default()
        };
        let stable = RsCounts::new("stable", c.stable.0, c.stable.1);
        let canary = RsCounts::new("canary", c.canary.0, c.canary.1);
        let older: Vec<RsCounts> = c
            .older
            .iter()
            .map(|&(r, a)| RsCounts::new("older", r, a))
            .collect();
        let got = if c.traffic_routing {
            traffic_routed_canary_replica_counts(&p, &s, None, None)
        } else {
            basic_canary_replica_counts(&p, &s, Some(&canary), Some(&stable), &older).unwrap()
        };
        assert_eq!(got, (c.expected_canary, c.expected_stable), "{}", c.name);
    }
}

/// Cases from canary_test.go TestApproximateWeightedNewStableReplicaCounts
/// (replicas, weight, maxSurge → canary, stable; maxWeight 100).
#[test]
fn upstream_approximate_weighted_new_stable_replica_counts() {
    let cases: &[(i32, i32, i32, i32, i32)] = &[
        (0, 0, 0, 0, 0),
        (0, 50, 0, 0, 0),
        (0, 100, 0, 0, 0),
        (0, 0, 1, 0, 0),
        (0, 50, 1, 0, 0),
        (0, 100, 1, 0, 0),
        (1, 0, 0, 0, 1),
        (1, 1, 0, 0, 1),
        (1, 49, 0, 0, 1),
        (1, 50, 0, 1, 0),
        (1, 99, 0, 1, 0),
        (1, 100, 0, 1, 0),
        (1, 0, 1, 0, 1),
        (1, 1, 1, 1, 1),
        (1, 49, 1, 1, 1),
        (1, 50, 1, 1, 1),
        (1, 99, 1, 1, 1),
        (1, 100, 1, 1, 0),
        (2, 0, 0, 0, 2),
        (2, 1, 0, 1, 1),
        (2, 50, 0, 1, 1),
        (2, 99, 0, 1, 1),
        (2, 100, 0, 2, 0),
        (2, 0, 1, 0, 2),
        (2, 1, 1, 1, 2),
        (2, 50, 1, 1, 1),
        (2, 99, 1, 2, 1),
        (2, 100, 1, 2, 0),
        (3, 10, 0, 1, 2),
        (3, 25, 0, 1, 2),
        (3, 33, 0, 1, 2),
        (3, 34, 0, 1, 2),
        (3, 49, 0, 1, 2),
        (3, 50, 0, 2, 1),
        (3, 10, 1, 1, 3),
        (3, 25, 1, 1, 3),
        (3, 33, 1, 1, 2),
        (3, 34, 1, 1, 2),
        (3, 49, 1, 2, 2),
        (3, 50, 1, 2, 2),
        (10, 0, 1, 0, 10),
        (10, 1, 0, 1, 9),
        (10, 14, 0, 1, 9),
        (10, 15, 0, 2, 8),
        (10, 16, 0, 2, 8),
        (10, 99, 0, 9, 1),
        (10, 100, 1, 10, 0),
        (10, 0, 1, 0, 10),
        (10, 1, 1, 1, 10),
        (10, 18, 1, 2, 9),
        (10, 19, 1, 2, 9),
        (10, 20, 1, 2, 8),
        (10, 23, 1, 2, 8),
        (10, 24, 1, 3, 8),
        (10, 25, 1, 3, 8),
        (10, 99, 1, 10, 1),
        (10, 100, 1, 10, 0),
    ];
    for &(replicas, weight, surge, canary, stable) in cases {
        assert_eq!(
            approximate_weighted_canary_stable_replica_counts(replicas, weight, 100, surge),
            (canary, stable),
            "replicas {replicas} weight {weight} surge {surge}"
        );
    }
}

/// canary_test.go TestTrafficWeightToReplicas.
#[test]
fn upstream_traffic_weight_to_replicas() {
    assert_eq!(traffic_weight_to_replicas(10, 0, 100), 0);
    assert_eq!(traffic_weight_to_replicas(10, 20, 100), 2);
    assert_eq!(traffic_weight_to_replicas(10, 25, 100), 3);
    assert_eq!(traffic_weight_to_replicas(10, 33, 100), 4);
    assert_eq!(traffic_weight_to_replicas(10, 99, 100), 10);
    assert_eq!(traffic_weight_to_replicas(10, 100, 100), 10);
    assert_eq!(traffic_weight_to_replicas(23, 100_000_000, 100_000_000), 23);
}

/// canary_test.go TestCalculateReplicaCountsForNewDeployment and
/// TestCalculateReplicaCountsForCanaryStableRSdEdgeCases.
#[test]
fn upstream_stable_same_as_new_or_missing() {
    let p = rollout(10, 10, int(0), int(1), None, false);
    let s = CanaryStatus::default();
    let same = RsCounts::new("stable", 10, 0);
    assert_eq!(
        basic_canary_replica_counts(&p, &s, Some(&same), Some(&same), &[]).unwrap(),
        (10, 0)
    );
    let s = CanaryStatus {
        stable_is_current: true,
        ..CanaryStatus::default()
    };
    let new_rs = RsCounts::new("stable", 9, 9);
    assert_eq!(
        basic_canary_replica_counts(&p, &s, Some(&new_rs), None, &[]).unwrap(),
        (10, 0)
    );
    assert_eq!(
        basic_canary_replica_counts(&p, &s, Some(&new_rs), Some(&new_rs), &[]).unwrap(),
        (10, 0)
    );
}

/// canary_test.go TestCalculateReplicaCountsForCanaryTrafficRouting.
#[test]
fn upstream_traffic_routing_weight_10() {
    let p = rollout(10, 10, int(0), int(1), None, true);
    assert_eq!(
        traffic_routed_canary_replica_counts(&p, &CanaryStatus::default(), None, None),
        (1, 10)
    );
}

/// Cases from canary_test.go TestCalculateReplicaCountsForCanaryTrafficRoutingDynamicScale
/// (newRollout's second argument is the first step's setWeight).
#[test]
#[allow(
    clippy::too_many_lines,
    reason = "upstream TestCalculateReplicaCountsForCanaryTrafficRoutingDynamicScale table, one data literal"
)]
fn upstream_traffic_routing_dynamic_scale() {
    // (name, replicas, setWeight, abort, extra step weight, canaryW, stableW,
    //  canary rs (spec=available), stable rs (spec, available), expected canary, stable)
    let cases: &[(
        &str,
        i32,
        i32,
        bool,
        Option<i32>,
        i32,
        i32,
        i32,
        (i32, i32),
        i32,
        i32,
    )] = &[
        (
            "next expected canary downscale step, abort",
            10,
            20,
            true,
            Some(60),
            60,
            40,
            6,
            (4, 4),
            6,
            8,
        ),
        (
            "fewer canaries than expected, abort",
            10,
            20,
            true,
            Some(60),
            60,
            40,
            1,
            (4, 4),
            6,
            8,
        ),
        (
            "available stable replicas, abort",
            10,
            20,
            true,
            Some(60),
            60,
            40,
            2,
            (8, 4),
            6,
            8,
        ),
        (
            "no replica sets, abort",
            10,
            20,
            true,
            Some(60),
            60,
            40,
            0,
            (0, 0),
            6,
            10,
        ),
        (
            "Should scale down stable",
            10,
            10,
            false,
            None,
            10,
            90,
            0,
            (0, 0),
            1,
            9,
        ),
        (
            "Should take max of desired canary (20) > actual (10)",
            10,
            20,
            false,
            None,
            10,
            90,
            0,
            (0, 0),
            2,
            9,
        ),
        (
            "leave canary scaled up while traffic on abort",
            10,
            20,
            true,
            None,
            20,
            80,
            0,
            (0, 0),
            2,
            10,
        ),
        (
            "reduce canary when less traffic on abort",
            10,
            20,
            true,
            None,
            10,
            90,
            0,
            (0, 0),
            1,
            10,
        ),
    ];
    for &(name, replicas, weight, abort, extra, cw, sw, canary, stable, ec, es) in cases {
        let mut p = rollout(replicas, weight, int(0), int(1), None, true);
        p.dynamic_stable_scale = true;
        if let Some(w) = extra {
            p.steps.push(CanaryStep {
                set_weight: Some(w),
                ..Default::default()
            });
        }
        let s = CanaryStatus {
            abort,
            weights: Some(TrafficWeights {
                canary: cw,
                stable: sw,
            }),
            ..CanaryStatus::default()
        };
        let canary_rs = (canary > 0).then(|| RsCounts::new("canary", canary, canary));
        let stable_rs = (stable.0 > 0).then(|| RsCounts::new("stable", stable.0, stable.1));
        assert_eq!(
            traffic_routed_canary_replica_counts(&p, &s, canary_rs.as_ref(), stable_rs.as_ref()),
            (ec, es),
            "{name}"
        );
    }
}

/// canary_test.go TestGetCurrentSetWeight and TestGetCurrentCanaryStep.
#[test]
fn upstream_current_set_weight() {
    let p = rollout(10, 10, int(0), int(1), None, false);
    let mut s = CanaryStatus {
        current_step_index: Some(1),
        ..CanaryStatus::default()
    };
    assert_eq!(current_set_weight(&p, &s), 100);
    s.current_step_index = Some(0);
    assert_eq!(current_set_weight(&p, &s), 10);
    s.abort = true;
    assert_eq!(current_set_weight(&p, &s), 0);
}

/// Cases from canary_test.go TestGetCanaryReplicasOrWeight.
#[test]
fn upstream_get_canary_replicas_or_weight() {
    let s = CanaryStatus {
        promote_full: true,
        ..CanaryStatus::default()
    };
    assert_eq!(
        canary_replicas_or_weight(&CanaryParams::new(1, 0, 0), &s, None, None),
        (None, 100)
    );
    let mut p = CanaryParams::new(1, 0, 0);
    p.traffic_routing = true;
    p.steps = vec![
        CanaryStep {
            set_weight: Some(10),
            ..Default::default()
        },
        CanaryStep {
            set_canary_scale: scs(None, Some(20), false),
            ..Default::default()
        },
    ];
    let s = CanaryStatus {
        current_step_index: Some(1),
        ..CanaryStatus::default()
    };
    assert_eq!(canary_replicas_or_weight(&p, &s, None, None), (None, 20));
    p.steps[1].set_canary_scale = scs(Some(5), None, false);
    assert_eq!(canary_replicas_or_weight(&p, &s, None, None), (Some(5), 0));
    // An aborted rollout with no update in progress aims at the full weight.
    let s = CanaryStatus {
        abort: true,
        stable_is_current: true,
        ..CanaryStatus::default()
    };
    assert_eq!(canary_replicas_or_weight(&p, &s, None, None), (None, 100));
}

/// Cases from canary_test.go TestGetReplicasForScaleDown.
#[test]
fn upstream_get_replicas_for_scale_down() {
    assert_eq!(replicas_for_scale_down(None, false), 0);
    assert_eq!(
        replicas_for_scale_down(Some(&RsCounts::new("", 3, 5)), false),
        3
    );
    assert_eq!(
        replicas_for_scale_down(Some(&RsCounts::new("", 3, 2)), true),
        3
    );
    assert_eq!(
        replicas_for_scale_down(Some(&RsCounts::new("", 3, 2)), false),
        2
    );
}

/// Cases from canary_test.go TestAtDesiredReplicaCountsForCanary (basic canary; surge 1,
/// unavailable 1).
#[test]
fn upstream_at_desired_replica_counts_for_canary() {
    let rs = |name: &str, replicas, available, status_replicas| RsCounts {
        name: name.into(),
        replicas,
        status_replicas,
        available,
    };
    let s = CanaryStatus::default();
    let p = rollout(4, 50, int(1), int(1), scs(Some(2), Some(2), false), false);
    let at = |p: &CanaryParams, n: RsCounts, st: RsCounts| {
        at_desired_replica_counts_for_canary(p, &s, Some(&n), Some(&st), &[]).unwrap()
    };
    assert!(at(&p, rs("newRS", 2, 2, 2), rs("stableRS", 2, 2, 2)));
    assert!(!at(&p, rs("newRS", 2, 1, 2), rs("stableRS", 2, 2, 2)));
    let p75 = rollout(4, 75, int(1), int(1), scs(None, None, false), false);
    assert!(!at(&p75, rs("newRS", 3, 3, 3), rs("stableRS", 2, 2, 2)));
    assert!(at(&p75, rs("newRS", 3, 3, 1), rs("stableRS", 1, 0, 1)));
    assert!(!at(&p, rs("newRS", 2, 2, 2), rs("stableRS", 2, 2, 3)));
}

#[test]
fn argo_defaults_25_without_percent_sign() {
    let p = CanaryParams::new(10, pct("25"), pct("25"));
    assert_eq!(p.max_surge().unwrap(), 3);
    assert_eq!(p.max_unavailable().unwrap(), 2);
    assert_eq!(legacy_scaled_value(&pct("2%5"), 100, true).unwrap(), 25);
    assert!(legacy_scaled_value(&pct("x"), 100, true).is_err());
    assert_eq!(CanaryParams::new(0, 1, 1).max_unavailable().unwrap(), 0);
    assert_eq!(CanaryParams::new(3, 0, 10).max_unavailable().unwrap(), 3);
}

// ---------------------------------------------------------------------------------------
// Seed (seed 003 ~6780–8138)
// ---------------------------------------------------------------------------------------

fn seed_rollout(file: &str) -> Rollout {
    crate::testdata::yaml(&format!("003/{file}"))
}

#[test]
fn seed_l7951_two_replicas_weight_50_status_2_3_1_3_3() {
    let ro = seed_rollout("L7750-rollout-rollout-canary.yaml");
    let p = CanaryParams::from_rollout(&ro).unwrap();
    assert!(p.traffic_routing);
    assert_eq!(
        (p.max_surge().unwrap(), p.max_unavailable().unwrap()),
        (1, 0)
    );
    let plan = plan_canary(&p, &PlanOptions::default()).unwrap();
    assert!(plan.completed);
    // "Step: 1/3", "SetWeight: 50", Desired 2 Current 3 Updated 1 Ready 3 Available 3
    // (seed 003:7939-7959), paused until promoted ("CanaryPauseStep", seed 003:7935).
    let paused = &plan.steps[1];
    assert_eq!((paused.step_index, paused.step_count), (1, 3));
    assert_eq!(paused.set_weight, 50);
    assert_eq!(paused.wait, Wait::Promote);
    assert_eq!(
        paused.counts,
        RolloutCounts {
            desired: 2,
            current: 3,
            updated: 1,
            ready: 3,
            available: 3
        }
    );
    assert_eq!((paused.canary_replicas, paused.stable_replicas), (1, 2));
}

#[test]
fn seed_l8010_promoted_status_2_2_2_2_2() {
    let ro = seed_rollout("L7750-rollout-rollout-canary.yaml");
    let plan = plan_canary(
        &CanaryParams::from_rollout(&ro).unwrap(),
        &PlanOptions::default(),
    )
    .unwrap();
    // "Step: 3/3", "SetWeight: 100", all counts 2 (seed 003:8000-8018).
    let last = plan.steps.last().unwrap();
    assert_eq!(
        (last.step_index, last.step_count, last.set_weight),
        (3, 3, 100)
    );
    assert_eq!(
        last.counts.to_string(),
        "Desired 2 Current 2 Updated 2 Ready 2 Available 2"
    );
    // setWeight 100 with traffic routing: 2 canary + 2 stable before the switch.
    assert_eq!(plan.steps[2].counts.current, 4);
    assert_eq!(plan.peak_pods, 4);
    assert_eq!(plan.scale_down_delay_seconds, 30);
}

#[test]
fn seed_canary_without_traffic_routing_shares_pods() {
    let ro = seed_rollout("L7750-rollout-rollout-canary.yaml");
    let mut p = CanaryParams::from_rollout(&ro).unwrap();
    p.traffic_routing = false;
    let plan = plan_canary(&p, &PlanOptions::default()).unwrap();
    assert!(plan.completed);
    // Weight 50 of 2 pods: 1 canary, 1 stable, never more than replicas + maxSurge = 3.
    assert_eq!(
        (plan.steps[1].canary_replicas, plan.steps[1].stable_replicas),
        (1, 1)
    );
    assert_eq!(plan.peak_pods, 3);
    assert!(plan.steps.iter().all(|s| s.min_available >= 2));
    assert_eq!(plan.scale_down_delay_seconds, 0);
}

#[test]
fn canary_with_never_ready_pods_stops_at_the_first_step() {
    let ro = seed_rollout("L7750-rollout-rollout-canary.yaml");
    let plan = plan_canary(
        &CanaryParams::from_rollout(&ro).unwrap(),
        &PlanOptions::never_ready(),
    )
    .unwrap();
    assert!(!plan.completed);
    assert_eq!(plan.steps.len(), 1);
    assert_eq!(plan.steps[0].counts.updated, 1);
    assert_eq!(plan.steps[0].counts.available, 2);
}

#[test]
fn seed_l7205_blue_green_paused_2_4_2_2_2_and_l7270_promoted() {
    let ro = seed_rollout("L7020-rollout-rollout-bluegreen.yaml");
    let p = BlueGreenParams::from_rollout(&ro).unwrap();
    assert!(!p.auto_promotion_enabled);
    assert_eq!(p.scale_down_delay_seconds, 30);
    let plan = plan_blue_green(&p);
    let phases: Vec<BlueGreenPhase> = plan.iter().map(|s| s.phase).collect();
    assert_eq!(
        phases,
        [
            BlueGreenPhase::Preview,
            BlueGreenPhase::Paused,
            BlueGreenPhase::Promoted,
            BlueGreenPhase::ScaledDown
        ]
    );
    assert_eq!(plan[1].wait, Wait::Promote);
    assert_eq!(
        plan[1].counts.to_string(),
        "Desired 2 Current 4 Updated 2 Ready 2 Available 2"
    );
    assert_eq!(plan[2].wait, Wait::Seconds(30));
    assert_eq!(
        plan[3].counts.to_string(),
        "Desired 2 Current 2 Updated 2 Ready 2 Available 2"
    );
}

#[test]
fn blue_green_preview_replica_count_and_auto_promotion() {
    let p = BlueGreenParams {
        replicas: 4,
        preview_replica_count: Some(1),
        auto_promotion_enabled: true,
        auto_promotion_seconds: 60,
        scale_down_delay_seconds: 10,
    };
    let plan = plan_blue_green(&p);
    assert_eq!(plan[0].counts.current, 5);
    assert_eq!(plan[1].wait, Wait::Seconds(60));
    assert_eq!(plan[2].phase, BlueGreenPhase::ScaledUp);
    assert_eq!(plan[2].counts.current, 8);
    let p = BlueGreenParams {
        auto_promotion_seconds: 0,
        preview_replica_count: None,
        ..p
    };
    assert!(
        plan_blue_green(&p)
            .iter()
            .all(|s| s.phase != BlueGreenPhase::Paused)
    );
}

#[test]
fn not_the_right_strategy() {
    let ro = seed_rollout("L7020-rollout-rollout-bluegreen.yaml");
    assert_eq!(CanaryParams::from_rollout(&ro), Err(ArgoError::NotCanary));
    let ro = seed_rollout("L7750-rollout-rollout-canary.yaml");
    assert_eq!(
        BlueGreenParams::from_rollout(&ro),
        Err(ArgoError::NotBlueGreen)
    );
}
