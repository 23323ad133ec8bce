//! Argo Rollouts' count calculations, one function per upstream function of
//! `argoproj/argo-rollouts` `utils/replicaset/canary.go`, `utils/rollout` and
//! `utils/defaults`, with upstream's argument order, `int32` widths and wrapping.
//!
//! [`plan_canary`] runs them in the controller's order; use these only to
//! reproduce or inspect a single step. Their signatures follow upstream's and may change when
//! upstream's do.

#![allow(clippy::wildcard_imports)]

use super::*;

/// argo's legacy `intstr.GetValueFromIntOrPercent`: an integer as is; **any** string is a
/// percentage once every `%` is removed (`"25"` is 25%), scaled by `total` rounding up or
/// down. Parsing and rounding are [`IntOrPercent::scaled_value`]'s.
pub fn legacy_scaled_value(
    v: &IntOrPercent,
    total: i32,
    round_up: bool,
) -> Result<i64, IntOrPercentError> {
    match v {
        IntOrPercent::Int(i) => Ok(i64::from(*i)),
        IntOrPercent::String(s) => {
            IntOrPercent::String(format!("{}%", s.replace('%', ""))).scaled_value(total, round_up)
        }
    }
}

/// `GetCurrentCanaryStep`: the step at `status.currentStepIndex`, or `None` past the last.
pub(crate) fn current_step<'a>(
    p: &'a CanaryParams,
    s: &CanaryStatus,
) -> (Option<&'a CanaryStep>, usize) {
    let i = usize::try_from(s.current_step_index.unwrap_or(0).max(0)).unwrap_or(usize::MAX);
    (p.steps.get(i), i)
}

/// `GetCurrentSetWeight`: 0 when aborted; the last `setWeight` at or before the current step;
/// `maxTrafficWeight` past the last step (or with no steps).
pub fn current_set_weight(p: &CanaryParams, s: &CanaryStatus) -> i32 {
    if s.abort {
        return 0;
    }
    let (step, i) = current_step(p, s);
    if step.is_none() {
        return p.max_traffic_weight;
    }
    p.steps
        .iter()
        .take(i + 1)
        .rev()
        .find_map(|st| st.set_weight)
        .unwrap_or(0)
}

/// `UseSetCanaryScale`: the `setCanaryScale` in effect (traffic routing only; not when
/// aborted unless `abortScaleDownDelaySeconds: 0`; `matchTrafficWeight` cancels it).
pub(crate) fn use_set_canary_scale(p: &CanaryParams, s: &CanaryStatus) -> Option<SetCanaryScale> {
    if !p.traffic_routing {
        return None;
    }
    if s.abort && p.abort_delay().0.is_some() {
        return None;
    }
    let (step, i) = current_step(p, s);
    step?;
    for st in p.steps.iter().take(i + 1).rev() {
        if let Some(scs) = st.set_canary_scale {
            if scs.match_traffic_weight {
                return None;
            }
            return Some(scs);
        }
    }
    None
}

/// `trafficWeightToReplicas`: `ceil(weight × replicas / maxWeight)` in `float64`, converted
/// to `int32` as Go converts on amd64 (out of range or NaN: `-2147483648`).
pub fn traffic_weight_to_replicas(replicas: i32, weight: i32, max_weight: i32) -> i32 {
    go_int32_of_f64((f64::from(weight) * f64::from(replicas) / f64::from(max_weight)).ceil())
}

/// Argo's `int32` arithmetic: every operation wraps as Go's does, and each one that
/// overflows is recorded once.
#[derive(Debug, Default)]
pub(crate) struct Go32 {
    pub(crate) wraps: Vec<Int32Overflow>,
}

impl Go32 {
    pub(crate) fn record(&mut self, o: Int32Overflow) {
        if !self.wraps.contains(&o) {
            self.wraps.push(o);
        }
    }

    fn op(
        &mut self,
        function: &'static str,
        expression: &'static str,
        lhs: i32,
        op: char,
        rhs: i32,
    ) -> i32 {
        let (v, overflowed) = match op {
            '+' => lhs.overflowing_add(rhs),
            '-' => lhs.overflowing_sub(rhs),
            _ => lhs.overflowing_mul(rhs),
        };
        if overflowed {
            self.record(Int32Overflow::Arithmetic {
                function,
                expression,
                lhs,
                op,
                rhs,
            });
        }
        v
    }

    /// `GetReplicaCountForReplicaSets` / `GetAvailableReplicaCountForReplicaSets`: an `int32`
    /// sum in order.
    fn sum<'a>(
        &mut self,
        function: &'static str,
        values: impl IntoIterator<Item = &'a RsCounts>,
        field: impl Fn(&RsCounts) -> i32,
    ) -> i32 {
        values.into_iter().fold(0, |total, rs| {
            self.op(function, "total += replicas", total, '+', field(rs))
        })
    }
}

/// `GetDesiredCanaryWeight`: on abort with `dynamicStableScale`, the weight of the last step
/// whose replicas are below the canary pods still needed; else [`current_set_weight`].
pub(crate) fn desired_canary_weight(
    go: &mut Go32,
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
) -> i32 {
    if let (true, true, Some(new_rs), Some(stable_rs)) =
        (s.abort, p.dynamic_stable_scale, new_rs, stable_rs)
    {
        let expected = go.op(
            "GetDesiredCanaryWeight",
            "rolloutSpecReplica - stableRS.Status.AvailableReplicas",
            p.replicas,
            '-',
            stable_rs.available,
        );
        let mut canary = expected.max(new_rs.available);
        let (delay, was_set) = p.abort_delay();
        if was_set && delay.is_some() {
            canary = expected;
        }
        for st in p.steps.iter().rev() {
            if let Some(w) = st.set_weight {
                let r = traffic_weight_to_replicas(p.replicas, w, p.max_traffic_weight);
                if r < canary {
                    return w;
                }
            }
        }
        return 0;
    }
    current_set_weight(p, s)
}

/// `GetCanaryReplicasOrWeight`: an explicit canary replica count (`setCanaryScale.replicas`),
/// or the weight to aim for (`maxTrafficWeight` when promoting fully or with no update in
/// progress).
pub fn canary_replicas_or_weight(
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
) -> (Option<i32>, i32) {
    canary_replicas_or_weight_go(&mut Go32::default(), p, s, new_rs, stable_rs)
}

pub(crate) fn canary_replicas_or_weight_go(
    go: &mut Go32,
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
) -> (Option<i32>, i32) {
    if s.promote_full || s.stable_is_current {
        return (None, p.max_traffic_weight);
    }
    if let Some(scs) = use_set_canary_scale(p, s) {
        if scs.replicas.is_some() {
            return (scs.replicas, 0);
        } else if let Some(w) = scs.weight {
            return (None, w);
        }
    }
    (None, desired_canary_weight(go, p, s, new_rs, stable_rs))
}

/// `floorCeilingTied`.
pub(crate) fn floor_ceiling_tied(desired: i32, max_weight: i32, total: i32) -> bool {
    let x = f64::from(total) * (f64::from(desired) / f64::from(max_weight));
    x.fract() == 0.5
}

/// `weightDelta`.
pub(crate) fn weight_delta(
    go: &mut Go32,
    desired: i32,
    max_weight: i32,
    canary: i32,
    total: i32,
) -> f64 {
    let product = go.op(
        "weightDelta",
        "canaryReplicas*maxWeight",
        canary,
        '*',
        max_weight,
    );
    let actual = f64::from(product) / f64::from(total);
    (actual - f64::from(desired)).abs()
}

/// Upstream `approximateWeightedCanaryStableReplicaCounts`: the canary and stable counts
/// closest to `desired_weight`, trying `replicas` and (with surge) `replicas + 1` pods, the
/// canary rounded up or down; a weight strictly between 0 and the maximum never gives 0
/// canary or 0 stable pods when 2+ pods (surge included) are possible; ties go to the larger
/// canary.
///
/// The arithmetic is argo's `int32`: `specReplicas*desiredWeight` wraps past 2³¹ − 1 (30
/// million replicas at weight 100 give a negative canary), as do `replicas + 1` and
/// `canary*maxWeight`; [`canary_int32_overflows`] names each overflow.
pub fn approximate_weighted_canary_stable_replica_counts(
    spec_replicas: i32,
    desired_weight: i32,
    max_weight: i32,
    max_surge: i32,
) -> (i32, i32) {
    approximate_go(
        &mut Go32::default(),
        spec_replicas,
        desired_weight,
        max_weight,
        max_surge,
    )
}

pub(crate) fn approximate_go(
    go: &mut Go32,
    spec_replicas: i32,
    desired_weight: i32,
    max_weight: i32,
    max_surge: i32,
) -> (i32, i32) {
    const F: &str = "approximateWeightedCanaryStableReplicaCounts";
    if spec_replicas == 0 {
        return (0, 0);
    }
    if max_weight <= 0 {
        return (0, spec_replicas);
    }
    let product = go.op(
        F,
        "specReplicas*desiredWeight",
        spec_replicas,
        '*',
        desired_weight,
    );
    let q = f64::from(product) / f64::from(max_weight);
    let ceil = go_int32_of_f64(q.ceil());
    let floor = go_int32_of_f64(q.floor());
    let tied = floor_ceiling_tied(desired_weight, max_weight, spec_replicas);
    let zero_allowed = desired_weight == max_weight
        || desired_weight == 0
        || (spec_replicas == 1 && max_surge == 0);
    let mut options: Vec<(i32, i32)> = Vec::with_capacity(4);
    if ceil < spec_replicas || zero_allowed {
        options.push((ceil, spec_replicas));
    }
    if !tied && (floor != 0 || zero_allowed) {
        options.push((floor, spec_replicas));
    }
    if max_surge > 0 {
        let with_surge = go.op(F, "specReplicas + 1", spec_replicas, '+', 1);
        options.push((ceil, with_surge));
        let surge_tied = floor_ceiling_tied(desired_weight, max_weight, with_surge);
        if !surge_tied && (floor != 0 || zero_allowed) {
            options.push((floor, with_surge));
        }
    }
    let Some(&first) = options.first() else {
        return (0, spec_replicas);
    };
    let mut best = first;
    let mut best_delta = weight_delta(go, desired_weight, max_weight, best.0, best.1);
    for &o in options.iter().skip(1) {
        let d = weight_delta(go, desired_weight, max_weight, o.0, o.1);
        if d < best_delta {
            best = o;
            best_delta = d;
        }
    }
    let stable = go.op(
        F,
        "bestOption.total - bestOption.canary",
        best.1,
        '-',
        best.0,
    );
    (best.0, stable)
}

/// `GetReplicasForScaleDown`: `spec.replicas` when fewer than available or when availability
/// may be ignored; else the available replicas.
pub(crate) fn replicas_for_scale_down(rs: Option<&RsCounts>, ignore_availability: bool) -> i32 {
    let Some(rs) = rs else { return 0 };
    if rs.replicas < rs.available || ignore_availability {
        return rs.replicas;
    }
    rs.available
}

/// `calculateScaleDownReplicaCount`.
pub(crate) fn scale_down_count(
    go: &mut Go32,
    drain: Option<&RsCounts>,
    desired: i32,
    scale_down: i32,
    current: i32,
) -> i32 {
    match drain {
        Some(rs) if rs.replicas > desired => desired.max(go.op(
            "calculateScaleDownReplicaCount",
            "drainRS.Spec.Replicas - scaleDownCount",
            rs.replicas,
            '-',
            scale_down,
        )),
        _ => current,
    }
}

/// `adjustReplicaWithinLimits`.
pub(crate) fn adjust_within_limits(
    go: &mut Go32,
    drain: Option<&RsCounts>,
    adjust: Option<&RsCounts>,
    mut drain_count: i32,
    mut adjust_count: i32,
    max_allowed: i32,
    min_available: i32,
) -> (i32, i32) {
    const F: &str = "adjustReplicaWithinLimits";
    let over_limit = |go: &mut Go32, adjust_count: i32, drain_count: i32| {
        let both = go.op(
            F,
            "adjustRSReplicaCount + drainRSReplicaCount",
            adjust_count,
            '+',
            drain_count,
        );
        go.op(F, "… - maxReplicaCountAllowed", both, '-', max_allowed)
            .max(0)
    };
    let mut over = over_limit(go, adjust_count, drain_count);
    let mut total_available = 0;
    if let Some(d) = drain {
        total_available = go.op(
            F,
            "totalAvailableReplicas + min(drainRS available, drainRSReplicaCount)",
            total_available,
            '+',
            d.available.min(drain_count),
        );
    }
    if let Some(a) = adjust {
        adjust_count = go.op(
            F,
            "adjustRSReplicaCount - overTheLimitVal",
            adjust_count,
            '-',
            over,
        );
        total_available = go.op(
            F,
            "totalAvailableReplicas + min(adjustRS available, adjustRSReplicaCount)",
            total_available,
            '+',
            a.available.min(adjust_count),
        );
        let extra = go
            .op(
                F,
                "adjustRS.Status.AvailableReplicas - adjustRSReplicaCount",
                a.available,
                '-',
                adjust_count,
            )
            .max(0);
        let more_needed = go
            .op(
                F,
                "minAvailableReplicaCount - totalAvailableReplicas",
                min_available,
                '-',
                total_available,
            )
            .max(0);
        adjust_count = go.op(
            F,
            "adjustRSReplicaCount + min(extra, moreToNeed)",
            adjust_count,
            '+',
            extra.min(more_needed),
        );
        over = over_limit(go, adjust_count, drain_count);
        drain_count = go.op(
            F,
            "drainRSReplicaCount - overTheLimitVal",
            drain_count,
            '-',
            over,
        );
    }
    (drain_count, adjust_count)
}

/// `CheckStableRSExists`: a stable ReplicaSet distinct from the new one.
pub(crate) fn stable_exists(new_rs: Option<&RsCounts>, stable_rs: Option<&RsCounts>) -> bool {
    match (new_rs, stable_rs) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(n), Some(s)) => n.name != s.name,
    }
}

/// Upstream `CalculateReplicaCountsForBasicCanary`: `(canary, stable)` replica counts for a
/// canary without traffic routing, where the weight is the share of pods.
///
/// The desired split comes from [`approximate_weighted_canary_stable_replica_counts`]. Up
/// to `replicas + maxSurge` pods the stable is scaled up first, then the canary; older
/// ReplicaSets are scaled down before either; then whichever side is shrinking is scaled down
/// as far as `replicas − maxUnavailable` available pods allow. Every step is argo's `int32`
/// arithmetic, wrapping where argo's does ([`canary_int32_overflows`] names each overflow).
///
/// ```
/// use acp_workload::argo::{CanaryParams, CanaryStatus, RsCounts};
/// use acp_workload::argo::upstream::basic_canary_replica_counts;
/// // canary_test.go "Use Max Surge and Max Unavailable": 10 replicas, weight 50, surge 2,
/// // unavailable 1 → canary 2, stable 9.
/// let mut p = CanaryParams::new(10, 2, 1);
/// p.steps = vec![acp_workload::argo::CanaryStep { set_weight: Some(50), ..Default::default() }];
/// let counts = basic_canary_replica_counts(
///     &p,
///     &CanaryStatus::default(),
///     Some(&RsCounts::new("canary", 0, 0)),
///     Some(&RsCounts::new("stable", 10, 10)),
///     &[],
/// )?;
/// assert_eq!(counts, (2, 9));
/// # Ok::<(), acp_workload::argo::ArgoError>(())
/// ```
pub fn basic_canary_replica_counts(
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
    older: &[RsCounts],
) -> Result<(i32, i32), ArgoError> {
    basic_go(&mut Go32::default(), p, s, new_rs, stable_rs, older)
}

pub(crate) fn basic_go(
    go: &mut Go32,
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
    older: &[RsCounts],
) -> Result<(i32, i32), ArgoError> {
    const F: &str = "CalculateReplicaCountsForBasicCanary";
    let spec = p.replicas;
    let (_, desired_weight) = canary_replicas_or_weight_go(go, p, s, new_rs, stable_rs);
    let max_surge = p.max_surge_go(go)?;
    let (mut desired_new, mut desired_stable) =
        approximate_go(go, spec, desired_weight, p.max_traffic_weight, max_surge);
    let mut new_count = new_rs.map_or(0, |r| r.replicas);
    let scale_stable = stable_exists(new_rs, stable_rs);
    let mut stable_count = 0;
    if scale_stable {
        stable_count = stable_rs.map_or(0, |r| r.replicas);
    } else {
        desired_new = spec;
        desired_stable = 0;
    }
    let max_allowed = go.op(F, "rolloutSpecReplica + maxSurge", spec, '+', max_surge);
    let current = older
        .iter()
        .chain(new_rs)
        .chain(stable_rs.filter(|_| scale_stable));
    let total = go.sum("GetReplicaCountForReplicaSets", current, |r| r.replicas);
    let scale_up = go.op(
        F,
        "maxReplicaCountAllowed - totalCurrentReplicaCount",
        max_allowed,
        '-',
        total,
    );
    (new_count, stable_count) = scale_up_counts(
        go,
        new_rs,
        stable_rs.filter(|_| scale_stable),
        (desired_new, desired_stable),
        (new_count, stable_count),
        scale_up,
    );
    if go.sum("GetReplicaCountForReplicaSets", older, |r| r.replicas) > 0 {
        return Ok((new_count, stable_count));
    }
    let max_unavailable = p.max_unavailable_go(go)?;
    let min_available = go.op(
        F,
        "rolloutSpecReplica - MaxUnavailable(rollout)",
        spec,
        '-',
        max_unavailable,
    );
    let increasing = new_rs.is_none_or(|r| desired_new >= r.replicas);
    let to_scale_down = go.op(
        F,
        "GetReplicasForScaleDown(newRS) + GetReplicasForScaleDown(stableRS)",
        replicas_for_scale_down(new_rs, !increasing),
        '+',
        replicas_for_scale_down(stable_rs, increasing),
    );
    if to_scale_down <= min_available {
        return Ok((new_count, stable_count));
    }
    let scale_down = go.op(
        F,
        "replicasToScaleDown - minAvailableReplicaCount",
        to_scale_down,
        '-',
        min_available,
    );
    if !increasing {
        new_count = scale_down_count(go, new_rs, desired_new, scale_down, new_count);
        (new_count, stable_count) = adjust_within_limits(
            go,
            new_rs,
            stable_rs,
            new_count,
            stable_count,
            max_allowed,
            min_available,
        );
    } else if scale_stable {
        stable_count = scale_down_count(go, stable_rs, desired_stable, scale_down, stable_count);
        (stable_count, new_count) = adjust_within_limits(
            go,
            stable_rs,
            new_rs,
            stable_count,
            new_count,
            max_allowed,
            min_available,
        );
    }
    Ok((new_count, stable_count))
}

/// The scale-up half of `CalculateReplicaCountsForBasicCanary`: within `scale_up` more pods,
/// the stable (when distinct) up to its desired count first, then the canary.
pub(crate) fn scale_up_counts(
    go: &mut Go32,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
    (desired_new, desired_stable): (i32, i32),
    (mut new_count, mut stable_count): (i32, i32),
    mut scale_up: i32,
) -> (i32, i32) {
    const F: &str = "CalculateReplicaCountsForBasicCanary";
    if let Some(st) = stable_rs
        && st.replicas < desired_stable
        && scale_up > 0
    {
        let reach = go.op(
            F,
            "stableRS.Spec.Replicas + scaleUpCount",
            st.replicas,
            '+',
            scale_up,
        );
        if reach < desired_stable {
            stable_count = reach;
            scale_up = 0;
        } else {
            stable_count = desired_stable;
            let used = go.op(
                F,
                "desiredStableRSReplicaCount - stableRS.Spec.Replicas",
                desired_stable,
                '-',
                st.replicas,
            );
            scale_up = go.op(F, "scaleUpCount - (…)", scale_up, '-', used);
        }
    }
    if let Some(nr) = new_rs
        && nr.replicas < desired_new
        && scale_up > 0
    {
        let reach = go.op(
            F,
            "newRS.Spec.Replicas + scaleUpCount",
            nr.replicas,
            '+',
            scale_up,
        );
        new_count = if reach < desired_new {
            reach
        } else {
            desired_new
        };
    }
    (new_count, stable_count)
}

/// `CheckMinPodsPerReplicaSet`: a non-zero count is at least `minPodsPerReplicaSet` (capped
/// at `replicas`), with traffic routing only.
pub(crate) fn check_min_pods(p: &CanaryParams, count: i32) -> i32 {
    if count == 0 || !p.traffic_routing {
        return count;
    }
    match p.min_pods_per_replica_set {
        Some(min) => count.max(min.min(p.replicas)),
        None => count,
    }
}

// seed 003:7750
/// Upstream `CalculateReplicaCountsForTrafficRoutedCanary`: `(canary, stable)` with traffic
/// routing. The canary is `setCanaryScale.replicas`, or `ceil(weight × replicas /
/// maxWeight)`; the stable stays at `replicas` unless `dynamicStableScale`, which scales it
/// by the remaining weight (never below what the actual stable traffic needs, and on abort
/// never shrinking the canary below its actual traffic).
///
/// ```
/// use acp_workload::argo::{CanaryParams, CanaryStep, CanaryStatus};
/// use acp_workload::argo::upstream::traffic_routed_canary_replica_counts;
/// // 2 replicas at setWeight 50 → 1 canary, 2 stable.
/// let mut p = CanaryParams::new(2, "25%", 0);
/// p.traffic_routing = true;
/// p.steps = vec![CanaryStep { set_weight: Some(50), ..Default::default() }];
/// assert_eq!(traffic_routed_canary_replica_counts(&p, &CanaryStatus::default(), None, None), (1, 2));
/// ```
pub fn traffic_routed_canary_replica_counts(
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
) -> (i32, i32) {
    traffic_routed_go(&mut Go32::default(), p, s, new_rs, stable_rs)
}

pub(crate) fn traffic_routed_go(
    go: &mut Go32,
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
) -> (i32, i32) {
    let spec = p.replicas;
    let (set_replicas, desired_weight) = canary_replicas_or_weight_go(go, p, s, new_rs, stable_rs);
    let max_weight = p.max_traffic_weight;
    let mut canary = match set_replicas {
        Some(r) => r,
        None => check_min_pods(
            p,
            traffic_weight_to_replicas(spec, desired_weight, max_weight),
        ),
    };
    if !p.dynamic_stable_scale {
        return (canary, spec);
    }
    let stable_weight = go.op(
        "CalculateReplicaCountsForTrafficRoutedCanary",
        "maxWeight-desiredWeight",
        max_weight,
        '-',
        desired_weight,
    );
    let mut stable = traffic_weight_to_replicas(spec, stable_weight, max_weight);
    if let Some(w) = s.weights {
        stable = stable.max(traffic_weight_to_replicas(spec, w.stable, max_weight));
        if s.abort {
            canary = canary.max(traffic_weight_to_replicas(spec, w.canary, max_weight));
        }
    }
    (check_min_pods(p, canary), check_min_pods(p, stable))
}

/// The `(canary, stable)` counts the controller aims for now: traffic-routed or basic.
pub fn canary_replica_counts(
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
    older: &[RsCounts],
) -> Result<(i32, i32), ArgoError> {
    canary_replica_counts_go(&mut Go32::default(), p, s, new_rs, stable_rs, older)
}

pub(crate) fn canary_replica_counts_go(
    go: &mut Go32,
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
    older: &[RsCounts],
) -> Result<(i32, i32), ArgoError> {
    if p.traffic_routing {
        Ok(traffic_routed_go(go, p, s, new_rs, stable_rs))
    } else {
        basic_go(go, p, s, new_rs, stable_rs, older)
    }
}

/// Where argo's `int32` arithmetic overflows while computing [`canary_replica_counts`] for
/// this state (each place once, in the order argo reaches it); empty for almost every
/// Rollout.
///
/// ```
/// use acp_workload::argo::{CanaryParams, CanaryStatus, CanaryStep, RsCounts, canary_int32_overflows};
/// // 2000000000 replicas with maxSurge 25% (500000000) at setWeight 0: replicas + maxSurge
/// // overflows.
/// let mut p = CanaryParams::new(2_000_000_000, "25%", 0);
/// p.steps = vec![CanaryStep { set_weight: Some(0), ..Default::default() }];
/// let stable = RsCounts::new("stable", 2_000_000_000, 2_000_000_000);
/// let o = canary_int32_overflows(&p, &CanaryStatus::default(), None, Some(&stable), &[])?;
/// assert_eq!(
///     o[0].to_string(),
///     "rolloutSpecReplica + maxSurge overflows int32 in CalculateReplicaCountsForBasicCanary \
///      (2000000000 + 500000000 = 2500000000 wraps to -1794967296)"
/// );
/// # Ok::<(), acp_workload::argo::ArgoError>(())
/// ```
pub fn canary_int32_overflows(
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
    older: &[RsCounts],
) -> Result<Vec<Int32Overflow>, ArgoError> {
    let mut go = Go32::default();
    canary_replica_counts_go(&mut go, p, s, new_rs, stable_rs, older)?;
    Ok(go.wraps)
}

/// Upstream `AtDesiredReplicaCountsForCanary` (no `replicaProgressThreshold`): the canary
/// has its desired replicas all available; the stable (unless traffic routing with
/// `dynamicStableScale`) has its desired replicas all created; without traffic routing the
/// older ReplicaSets' available pods sum (in `int32`) to 0.
// DEVIATION: `replicaProgressThreshold` is not modelled: every desired canary replica must be
// available.
pub fn at_desired_replica_counts_for_canary(
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
    older: &[RsCounts],
) -> Result<bool, ArgoError> {
    at_desired_go(&mut Go32::default(), p, s, new_rs, stable_rs, older)
}

pub(crate) fn at_desired_go(
    go: &mut Go32,
    p: &CanaryParams,
    s: &CanaryStatus,
    new_rs: Option<&RsCounts>,
    stable_rs: Option<&RsCounts>,
    older: &[RsCounts],
) -> Result<bool, ArgoError> {
    let (dn, ds) = canary_replica_counts_go(go, p, s, new_rs, stable_rs, older)?;
    let all_available = new_rs.is_some_and(|r| r.replicas == dn && r.available == dn);
    if !all_available {
        return Ok(false);
    }
    if (!p.traffic_routing || !p.dynamic_stable_scale)
        && !stable_rs.is_some_and(|r| r.replicas == ds && r.status_replicas == ds)
    {
        return Ok(false);
    }
    if !p.traffic_routing
        && go.sum("GetAvailableReplicaCountForReplicaSets", older, |r| {
            r.available
        }) != 0
    {
        return Ok(false);
    }
    Ok(true)
}
