//! Laws of the HPA `behavior` path, checked on `hpa::compute` over random
//! `spec.behavior` rules (Pods/Percent policies, periods, `selectPolicy` Max/Min/Disabled,
//! stabilization windows, per-direction `tolerance`) and random multi-sync runs whose
//! controller history is carried from one sync to the next:
//!
//! * the result stays within `[minReplicas, maxReplicas]` when the current count is;
//! * a metric within the tolerance band leaves the replica count unchanged (and one clearly
//!   outside it moves it, when nothing else holds it back);
//! * a scale-up never exceeds what the policies allow over their periods — the most generous
//!   policy under `selectPolicy: Max`, the strictest under `Min` — and a scale-down never goes
//!   below it; the test keeps its own log of the scale events it observed;
//! * a `Disabled` direction never moves.
//!
//! The metric is an External `AverageValue` target of 1, so the proposal is
//! `ceil(total / 1)` when `total / current` is outside the tolerance (kubernetes
//! `replica_calculator.go` `GetExternalPerPodMetricReplicas`), independent of pods.

use acp_model::quantity::Quantity;
use acp_quota::usage::FeatureGates;
use acp_workload::hpa::{self, HpaDecision, HpaHistory, HpaInput, HpaOptions, MetricSample};
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use serde_json::{Value, json};

fn start() -> Timestamp {
    "2025-06-01T12:00:00Z".parse().unwrap()
}

#[derive(Clone, Debug)]
struct Policy {
    percent: bool,
    value: i32,
    period: i32,
}

#[derive(Clone, Debug)]
struct Rules {
    policies: Vec<Policy>,
    select: &'static str,
    window: i32,
    /// Tolerance in thousandths (`"<n>m"`); `None` uses the controller's 0.1.
    tolerance: Option<i32>,
}

impl Rules {
    fn to_json(&self) -> Value {
        let policies: Vec<Value> = self
            .policies
            .iter()
            .map(|p| {
                json!({"type": if p.percent {"Percent"} else {"Pods"}, "value": p.value,
                       "periodSeconds": p.period})
            })
            .collect();
        let mut r = json!({"stabilizationWindowSeconds": self.window, "selectPolicy": self.select,
                           "policies": policies});
        if let Some(t) = self.tolerance {
            r["tolerance"] = json!(format!("{t}m"));
        }
        r
    }

    /// The tolerance in thousandths the controller uses for this direction.
    fn tolerance_milli(&self) -> i64 {
        i64::from(self.tolerance.unwrap_or(100))
    }
}

fn policy(max_percent: i32) -> impl Strategy<Value = Policy> {
    (any::<bool>(), 1..=300i32, 1..=1800i32, 1..=max_percent).prop_map(
        move |(percent, pods, period, pct)| Policy {
            percent,
            value: if percent { pct } else { pods },
            period,
        },
    )
}

/// Rules for one direction; scale-down percentages stay within upstream's meaningful 1–100.
fn rules(max_percent: i32) -> impl Strategy<Value = Rules> {
    (
        proptest::collection::vec(policy(max_percent), 1..=3),
        prop_oneof![Just("Max"), Just("Min"), Just("Disabled")],
        prop_oneof![Just(0i32), 1..=600i32],
        proptest::option::of(0..=500i32),
    )
        .prop_map(|(policies, select, window, tolerance)| Rules {
            policies,
            select,
            window,
            tolerance,
        })
}

#[derive(Clone, Debug)]
struct Setup {
    min: i32,
    max: i32,
    current: i32,
    up: Rules,
    down: Rules,
}

fn setup() -> impl Strategy<Value = Setup> {
    (1..=5i32, 0..=80i32, 0..=80i32, rules(400), rules(100)).prop_map(
        |(min, span, off, up, down)| {
            let max = min + span;
            Setup {
                min,
                max,
                current: min + off % (span + 1),
                up,
                down,
            }
        },
    )
}

fn hpa_of(s: &Setup) -> hpa::HpaV2 {
    serde_json::from_value(json!({
        "metadata": {"name": "web", "namespace": "ns"},
        "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"},
                 "minReplicas": s.min, "maxReplicas": s.max,
                 "metrics": [{"type": "External", "external": {"metric": {"name": "queue"},
                              "target": {"type": "AverageValue", "averageValue": "1"}}}],
                 "behavior": {"scaleUp": s.up.to_json(), "scaleDown": s.down.to_json()}}
    }))
    .unwrap()
}

/// One sync with an external total of `total_milli` thousandths.
fn sync(
    h: &hpa::HpaV2,
    current: i32,
    total_milli: i64,
    history: &HpaHistory,
    now: Timestamp,
) -> HpaDecision {
    let samples = [MetricSample::External(vec![Quantity::from_millis(
        total_milli,
        acp_model::quantity::Format::DecimalSI,
    )])];
    hpa::compute(
        &HpaInput {
            hpa: h,
            spec_replicas: current,
            status_replicas: current,
            pods: &[],
            metrics: &samples,
            history,
            now,
        },
        // Per-direction tolerances need `HPAConfigurableTolerance`, on by default only from 1.35.
        &HpaOptions::default().with_gates(FeatureGates::all_enabled()),
    )
    .unwrap()
}

/// A scale event the test observed: `(when, signed change)`.
type Log = Vec<(Timestamp, i64)>;

/// Replicas at the start of a policy's period, as the policy sees them: the current count
/// minus what was added and plus what was removed in the last `period` seconds (events
/// strictly newer than `now − period`, as upstream's `getReplicasChangePerPeriod`).
fn period_start(current: i32, log: &Log, period: i32, now: Timestamp) -> i64 {
    let cutoff = now - SignedDuration::from_secs(i64::from(period));
    let net: i64 = log
        .iter()
        .filter(|(t, _)| *t > cutoff)
        .map(|(_, c)| c)
        .sum();
    i64::from(current) - net
}

/// The most replicas one policy allows: `start + value` pods, or `start · (100 + value) / 100`
/// rounded up. Upstream computes the percentage in float64, which allows one pod more when the
/// exact product is a whole number (100 +10% → 111): that slack is granted.
fn up_bound(p: &Policy, start: i64) -> i64 {
    if !p.percent {
        return start + i64::from(p.value);
    }
    let a = start * i64::from(100 + p.value);
    let ceil = -((-a).div_euclid(100));
    ceil + i64::from(a.rem_euclid(100) == 0)
}

/// The fewest replicas one policy allows: `start − value` pods, or `start · (100 − value) /
/// 100` truncated; float64 can allow one pod fewer when the exact product is whole (10 −80%
/// → 1): that slack is granted.
fn down_bound(p: &Policy, start: i64) -> i64 {
    if !p.percent {
        return start - i64::from(p.value);
    }
    let a = start * i64::from(100 - p.value);
    a / 100 - i64::from(a % 100 == 0)
}

/// What the direction's policies allow together (`selectPolicy` Max: the most generous one).
fn allowed(rules: &Rules, current: i32, log: &Log, now: Timestamp, up: bool) -> i64 {
    let bounds = rules.policies.iter().map(|p| {
        let s = period_start(current, log, p.period, now);
        if up { up_bound(p, s) } else { down_bound(p, s) }
    });
    let generous = rules.select == "Max";
    match (up, generous) {
        (true, true) | (false, false) => bounds.max().unwrap(),
        (true, false) | (false, true) => bounds.min().unwrap(),
    }
}

proptest! {
    #![proptest_config(crate::support::proptest_config(300))]

    /// Over a run of syncs with random metric values and gaps, every result lies in
    /// [min, max], moves up or down no further than the policies allow over their periods,
    /// and never moves in a `Disabled` direction.
    #[test]
    fn behavior_runs_respect_bounds_policies_and_disabled(
        s in setup(),
        steps in proptest::collection::vec((0i64..=200_000, 1i64..=120), 1..=14),
    ) {
        let h = hpa_of(&s);
        let mut history = HpaHistory::default();
        let mut log: Log = Vec::new();
        let mut current = s.current;
        let mut now = start();
        for (total, gap) in steps {
            now += SignedDuration::from_secs(gap);
            let d = sync(&h, current, total, &history, now);
            let new = d.desired_replicas;
            prop_assert!(s.min <= new && new <= s.max, "{new} not in [{}, {}]", s.min, s.max);
            if new > current {
                prop_assert!(s.up.select != "Disabled", "scaled up {current} → {new} while Disabled");
                let limit = allowed(&s.up, current, &log, now, true);
                prop_assert!(i64::from(new) <= limit,
                    "scaled up {current} → {new}, policies allow {limit} ({:?}, log {log:?})", s.up);
            }
            if new < current {
                prop_assert!(s.down.select != "Disabled", "scaled down {current} → {new} while Disabled");
                let limit = allowed(&s.down, current, &log, now, false);
                prop_assert!(i64::from(new) >= limit,
                    "scaled down {current} → {new}, policies allow {limit} ({:?}, log {log:?})", s.down);
            }
            prop_assert_eq!(d.rescale, new != current);
            if d.rescale {
                log.push((now, i64::from(new) - i64::from(current)));
            }
            history = d.history;
            current = new;
        }
    }

    /// After any run, a metric within the direction tolerances (configurable per direction,
    /// 0.1 by default) leaves the count unchanged; on a fresh controller with no scale-up
    /// window, one clearly above the band scales up.
    #[test]
    fn behavior_within_tolerance_unchanged(
        s in setup(),
        prefix in proptest::collection::vec((0i64..=200_000, 1i64..=120), 0..=6),
        pick in any::<u32>(),
    ) {
        let h = hpa_of(&s);
        let mut history = HpaHistory::default();
        let mut current = s.current;
        let mut now = start();
        for (total, gap) in prefix {
            now += SignedDuration::from_secs(gap);
            let d = sync(&h, current, total, &history, now);
            history = d.history;
            current = d.desired_replicas;
        }
        // ratio = total / (1000 · current) strictly inside (1 − down, 1 + up)
        let c = i64::from(current);
        let lo = (1000 - s.down.tolerance_milli()) * c + 1;
        let hi = (1000 + s.up.tolerance_milli()) * c - 1;
        prop_assume!(lo <= hi);
        let total = lo + i64::from(pick) % (hi - lo + 1);
        let d = sync(&h, current, total, &history, now + SignedDuration::from_secs(30));
        prop_assert_eq!(d.desired_replicas, current, "total {} within tolerance", total);
        prop_assert!(!d.rescale);

        // The converse, where nothing else holds the count back.
        if s.up.select != "Disabled" && s.up.window == 0 && s.current < s.max {
            let c = i64::from(s.current);
            let above = (1000 + s.up.tolerance_milli()) * c + 1000;
            let d = sync(&h, s.current, above, &HpaHistory::default(), start());
            prop_assert!(d.desired_replicas > s.current,
                "total {above} above the band left {} unchanged", s.current);
        }
    }
}

/// The laws' arithmetic on upstream's own float examples: 100 +10% → 111 and 10 −80% → 1 are
/// within the slack granted above, and the exact bounds hold elsewhere.
#[test]
fn law_bounds_match_upstream_float_examples() {
    let pct = |v| Policy {
        percent: true,
        value: v,
        period: 60,
    };
    assert_eq!(up_bound(&pct(10), 100), 111);
    assert_eq!(down_bound(&pct(80), 10), 1);
    assert_eq!(up_bound(&pct(50), 3), 5); // ceil(4.5)
    assert_eq!(down_bound(&pct(50), 3), 1); // trunc(1.5)
    assert_eq!(
        hpa::upstream::scale_up_limit_with_rules(
            100,
            &[],
            &[],
            &serde_json::from_value(json!({"selectPolicy": "Max",
                "policies": [{"type": "Percent", "value": 10, "periodSeconds": 60}]}))
            .unwrap(),
            start()
        ),
        111
    );
}
