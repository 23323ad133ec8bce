//! Normalization of the metric proposal: stabilization, rate limits and min/max clamping.
//!
//! Follows kubernetes `pkg/controller/podautoscaler/horizontal.go`: `stabilizeRecommendation`,
//! `normalizeDesiredReplicas`, `convertDesiredReplicasWithRules`, `calculateScaleUpLimit`
//! (no `behavior`), and `stabilizeRecommendationWithBehaviors`,
//! `convertDesiredReplicasWithBehaviorRate`, `calculateScaleUpLimitWithScalingRules`,
//! `calculateScaleDownLimitWithBehaviors`, `getReplicasChangePerPeriod`, `storeScaleEvent`,
//! `markScaleEventsOutdated` (with `behavior`); defaults from
//! `pkg/apis/autoscaling/v2/defaults.go`. The `Percent` policy steps are upstream's `float64`
//! expressions, reproduced operation for operation: `ceil(start * (1 + pct/100))` up and
//! `trunc(start * (1 - pct/100))` down — so `100` pods `+10%` allow `111` (`1.1` is
//! `1.100000000000000088…`) and `10` pods `-80%` allow going down to `1` (`0.19999999999999996`).

use jiff::{SignedDuration, Timestamp};
use k8s_openapi::api::autoscaling::v2::{
    HPAScalingPolicy, HPAScalingRules, HorizontalPodAutoscalerBehavior,
};

use super::{ScaleEvent, TimestampedRecommendation};

/// `selectPolicy: Max` (the default).
pub const SELECT_MAX: &str = "Max";
/// `selectPolicy: Min`.
pub const SELECT_MIN: &str = "Min";
/// `selectPolicy: Disabled`.
pub const SELECT_DISABLED: &str = "Disabled";
/// `type: Pods` scaling policy.
pub const POLICY_PODS: &str = "Pods";
/// `type: Percent` scaling policy.
pub const POLICY_PERCENT: &str = "Percent";

/// Default scale-up rules (`defaultHPAScaleUpRules`): no stabilization, `Max` of 4 pods or
/// 100 % per 15 s.
pub fn default_scale_up_rules() -> HPAScalingRules {
    HPAScalingRules {
        stabilization_window_seconds: Some(0),
        select_policy: Some(SELECT_MAX.into()),
        policies: Some(vec![
            policy(POLICY_PODS, 4, 15),
            policy(POLICY_PERCENT, 100, 15),
        ]),
        tolerance: None,
    }
}

/// Default scale-down rules (`defaultHPAScaleDownRules`): `Max` of 100 % per 15 s; the window
/// is left unset here and filled from the controller's `--horizontal-pod-autoscaler-downscale-
/// stabilization` (300 s by default) by `maybeInitScaleDownStabilizationWindow`.
pub fn default_scale_down_rules() -> HPAScalingRules {
    HPAScalingRules {
        stabilization_window_seconds: None,
        select_policy: Some(SELECT_MAX.into()),
        policies: Some(vec![policy(POLICY_PERCENT, 100, 15)]),
        tolerance: None,
    }
}

fn policy(type_: &str, value: i32, period_seconds: i32) -> HPAScalingPolicy {
    HPAScalingPolicy {
        type_: type_.into(),
        value,
        period_seconds,
    }
}

/// `copyHPAScalingRules`: the set fields of `from` over `defaults`.
fn fill(from: Option<&HPAScalingRules>, mut defaults: HPAScalingRules) -> HPAScalingRules {
    if let Some(from) = from {
        if from.select_policy.is_some() {
            defaults.select_policy.clone_from(&from.select_policy);
        }
        if from.stabilization_window_seconds.is_some() {
            defaults.stabilization_window_seconds = from.stabilization_window_seconds;
        }
        if from.policies.is_some() {
            defaults.policies.clone_from(&from.policies);
        }
        if from.tolerance.is_some() {
            defaults.tolerance.clone_from(&from.tolerance);
        }
    }
    defaults
}

/// `SetDefaults_HorizontalPodAutoscalerBehavior` (`GenerateHPAScaleUpRules` /
/// `GenerateHPAScaleDownRules`) followed by the controller's
/// `maybeInitScaleDownStabilizationWindow`: every field set.
pub fn defaulted_behavior(
    b: &HorizontalPodAutoscalerBehavior,
    downscale_stabilization_seconds: i32,
) -> HorizontalPodAutoscalerBehavior {
    let up = fill(b.scale_up.as_ref(), default_scale_up_rules());
    let mut down = fill(b.scale_down.as_ref(), default_scale_down_rules());
    if down.stabilization_window_seconds.is_none() {
        down.stabilization_window_seconds = Some(downscale_stabilization_seconds);
    }
    HorizontalPodAutoscalerBehavior {
        scale_up: Some(up),
        scale_down: Some(down),
    }
}

fn minus_seconds(now: Timestamp, secs: i64) -> Timestamp {
    now.checked_sub(SignedDuration::from_secs(secs))
        .unwrap_or(if secs > 0 {
            Timestamp::MIN
        } else {
            Timestamp::MAX
        })
}

/// `stabilizeRecommendation` (no `behavior`): the highest recommendation within the window;
/// the new one replaces the last out-of-window entry or is appended.
pub fn stabilize_recommendation(
    recs: &mut Vec<TimestampedRecommendation>,
    prenormalized: i32,
    window_seconds: i64,
    now: Timestamp,
) -> i32 {
    let mut max = prenormalized;
    let cutoff = minus_seconds(now, window_seconds);
    let mut old = None;
    for (i, r) in recs.iter().enumerate() {
        if r.timestamp < cutoff {
            old = Some(i);
        } else if r.replicas > max {
            max = r.replicas;
        }
    }
    let new = TimestampedRecommendation {
        replicas: prenormalized,
        timestamp: now,
    };
    match old.and_then(|i| recs.get_mut(i)) {
        Some(slot) => *slot = new,
        None => recs.push(new),
    }
    max
}

/// `calculateScaleUpLimit`: `max(2 × current, 4)` in `float64`.
pub fn scale_up_limit(current: i32) -> i32 {
    (2.0 * f64::from(current)).max(4.0) as i32
}

/// `convertDesiredReplicasWithRules`: `(replicas, reason, message)`.
pub fn convert_desired_replicas_with_rules(
    current: i32,
    desired: i32,
    min: i32,
    max: i32,
) -> (i32, &'static str, &'static str) {
    let limit = scale_up_limit(current);
    let (maximum, cond, msg) = if max > limit {
        (
            limit,
            "ScaleUpLimit",
            "the desired replica count is increasing faster than the maximum scale rate",
        )
    } else {
        (
            max,
            "TooManyReplicas",
            "the desired replica count is more than the maximum replica count",
        )
    };
    if desired < min {
        return (
            min,
            "TooFewReplicas",
            "the desired replica count is less than the minimum replica count",
        );
    }
    if desired > maximum {
        return (maximum, cond, msg);
    }
    (
        desired,
        "DesiredWithinRange",
        "the desired count is within the acceptable range",
    )
}

/// `stabilizeRecommendationWithBehaviors`: the recommendation brought within the lowest recent
/// recommendation (scale-up window) and the highest (scale-down window), starting from
/// `current`; the unstabilized value is recorded. Returns `(replicas, reason, message)`.
pub fn stabilize_with_behaviors(
    recs: &mut Vec<TimestampedRecommendation>,
    current: i32,
    desired: i32,
    up_window: i32,
    down_window: i32,
    now: Timestamp,
) -> (i32, &'static str, &'static str) {
    let up_cutoff = minus_seconds(now, i64::from(up_window));
    let down_cutoff = minus_seconds(now, i64::from(down_window));
    let mut up = desired;
    let mut down = desired;
    let mut old = None;
    for (i, r) in recs.iter().enumerate() {
        if r.timestamp > up_cutoff {
            up = up.min(r.replicas);
        }
        if r.timestamp > down_cutoff {
            down = down.max(r.replicas);
        }
        if r.timestamp < up_cutoff && r.timestamp < down_cutoff {
            old = Some(i);
        }
    }
    let mut rec = current;
    if rec < up {
        rec = up;
    }
    if rec > down {
        rec = down;
    }
    let new = TimestampedRecommendation {
        replicas: desired,
        timestamp: now,
    };
    match old.and_then(|i| recs.get_mut(i)) {
        Some(slot) => *slot = new,
        None => recs.push(new),
    }
    if desired >= current {
        (
            rec,
            "ScaleUpStabilized",
            "recent recommendations were lower than current one, applying the lowest recent recommendation",
        )
    } else {
        (
            rec,
            "ScaleDownStabilized",
            "recent recommendations were higher than current one, applying the highest recent recommendation",
        )
    }
}

/// `getReplicasChangePerPeriod`: the replica changes of the events newer than `period` seconds
/// (int32, wrapping as Go does).
pub fn replicas_change_per_period(
    period_seconds: i32,
    events: &[ScaleEvent],
    now: Timestamp,
) -> i32 {
    let cutoff = minus_seconds(now, i64::from(period_seconds));
    events
        .iter()
        .filter(|e| e.timestamp > cutoff)
        .fold(0i32, |a, e| a.wrapping_add(e.replica_change))
}

fn policies(rules: &HPAScalingRules) -> &[HPAScalingPolicy] {
    rules.policies.as_deref().unwrap_or(&[])
}

fn select(rules: &HPAScalingRules) -> &str {
    rules.select_policy.as_deref().unwrap_or(SELECT_MAX)
}

/// `calculateScaleUpLimitWithScalingRules`: the highest replica count the policies allow now.
pub fn scale_up_limit_with_rules(
    current: i32,
    up_events: &[ScaleEvent],
    down_events: &[ScaleEvent],
    rules: &HPAScalingRules,
    now: Timestamp,
) -> i32 {
    let sel = select(rules);
    if sel == SELECT_DISABLED {
        return current;
    }
    let use_min = sel == SELECT_MIN;
    let mut result = if use_min { i32::MAX } else { i32::MIN };
    let mut proposed = 0i32;
    for p in policies(rules) {
        let added = replicas_change_per_period(p.period_seconds, up_events, now);
        let deleted = replicas_change_per_period(p.period_seconds, down_events, now);
        let start = current.wrapping_sub(added).wrapping_add(deleted);
        if p.type_ == POLICY_PODS {
            proposed = start.wrapping_add(p.value);
        } else if p.type_ == POLICY_PERCENT {
            proposed = (f64::from(start) * (1.0 + f64::from(p.value) / 100.0)).ceil() as i32;
        }
        result = if use_min {
            result.min(proposed)
        } else {
            result.max(proposed)
        };
    }
    result
}

/// `calculateScaleDownLimitWithBehaviors`: the lowest replica count the policies allow now.
pub fn scale_down_limit_with_rules(
    current: i32,
    up_events: &[ScaleEvent],
    down_events: &[ScaleEvent],
    rules: &HPAScalingRules,
    now: Timestamp,
) -> i32 {
    let sel = select(rules);
    if sel == SELECT_DISABLED {
        return current;
    }
    let use_min_change = sel == SELECT_MIN;
    let mut result = if use_min_change { i32::MIN } else { i32::MAX };
    let mut proposed = 0i32;
    for p in policies(rules) {
        let added = replicas_change_per_period(p.period_seconds, up_events, now);
        let deleted = replicas_change_per_period(p.period_seconds, down_events, now);
        let start = current.wrapping_sub(added).wrapping_add(deleted);
        if p.type_ == POLICY_PODS {
            proposed = start.wrapping_sub(p.value);
        } else if p.type_ == POLICY_PERCENT {
            proposed = (f64::from(start) * (1.0 - f64::from(p.value) / 100.0)) as i32;
        }
        result = if use_min_change {
            result.max(proposed)
        } else {
            result.min(proposed)
        };
    }
    result
}

/// `convertDesiredReplicasWithBehaviorRate`: `(replicas, reason, message)`.
#[allow(clippy::too_many_arguments)]
pub fn convert_desired_replicas_with_behavior_rate(
    current: i32,
    desired: i32,
    min: i32,
    max: i32,
    up: &HPAScalingRules,
    down: &HPAScalingRules,
    up_events: &[ScaleEvent],
    down_events: &[ScaleEvent],
    now: Timestamp,
) -> (i32, &'static str, &'static str) {
    if desired > current {
        let mut limit = scale_up_limit_with_rules(current, up_events, down_events, up, now);
        if limit < current {
            limit = current;
        }
        let (maximum, reason, msg) = if max > limit {
            (
                limit,
                "ScaleUpLimit",
                "the desired replica count is increasing faster than the maximum scale rate",
            )
        } else {
            (
                max,
                "TooManyReplicas",
                "the desired replica count is more than the maximum replica count",
            )
        };
        if desired > maximum {
            return (maximum, reason, msg);
        }
    } else if desired < current {
        let mut limit = scale_down_limit_with_rules(current, up_events, down_events, down, now);
        if limit > current {
            limit = current;
        }
        let (minimum, reason, msg) = if min < limit {
            (
                limit,
                "ScaleDownLimit",
                "the desired replica count is decreasing faster than the maximum scale rate",
            )
        } else {
            (
                min,
                "TooFewReplicas",
                "the desired replica count is less than the minimum replica count",
            )
        };
        if desired < minimum {
            return (minimum, reason, msg);
        }
    }
    (
        desired,
        "DesiredWithinRange",
        "the desired count is within the acceptable range",
    )
}

/// `getLongestPolicyPeriod`.
fn longest_policy_period(rules: &HPAScalingRules) -> i32 {
    policies(rules)
        .iter()
        .map(|p| p.period_seconds)
        .fold(0, i32::max)
}

/// `storeScaleEvent` with `markScaleEventsOutdated`: events older than the direction's longest
/// policy period are marked outdated; the new event replaces the last outdated one or is
/// appended. Nothing is stored without a `behavior`.
pub fn store_scale_event(
    behavior: Option<&HorizontalPodAutoscalerBehavior>,
    up_events: &mut Vec<ScaleEvent>,
    down_events: &mut Vec<ScaleEvent>,
    prev: i32,
    new: i32,
    now: Timestamp,
) {
    let Some(b) = behavior else {
        return;
    };
    let (rules, events, change) = if new > prev {
        (b.scale_up.as_ref(), up_events, new.wrapping_sub(prev))
    } else {
        (b.scale_down.as_ref(), down_events, prev.wrapping_sub(new))
    };
    let longest = rules.map(longest_policy_period).unwrap_or(0);
    let cutoff = minus_seconds(now, i64::from(longest));
    let mut old = None;
    for e in events.iter_mut() {
        if e.timestamp < cutoff {
            e.outdated = true;
        }
    }
    for (i, e) in events.iter().enumerate() {
        if e.outdated {
            old = Some(i);
        }
    }
    let event = ScaleEvent {
        replica_change: change,
        timestamp: now,
        outdated: false,
    };
    match old.and_then(|i| events.get_mut(i)) {
        Some(slot) => *slot = event,
        None => events.push(event),
    }
}
