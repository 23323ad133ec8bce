//! Rolling-update arithmetic of Deployments, DaemonSets and StatefulSets, as the Kubernetes
//! controllers compute it.
//!
//! ```
//! use acp_workload::rolling::{DeploymentParams, Flavor};
//! use k8s_openapi::api::apps::v1::DeploymentSpec;
//!
//! // A Deployment that sets nothing: upstream defaults are 25% / 25%.
//! let d = DeploymentParams::from_spec(&DeploymentSpec { replicas: Some(10), ..Default::default() }, Flavor::Upstream);
//! let f = d.fenceposts()?;
//! assert_eq!((f.max_surge, f.max_unavailable), (3, 2)); // surge rounds up, unavailable down
//! assert_eq!(d.max_surge()? + 10, 13); // at most 13 pods during the update
//! assert_eq!(d.min_available()?, 8); // at least 8 available
//!
//! // The ACP console documents maxSurge = maxUnavailable = 1 as the defaults
//! //; offered as an explicit flavour.
// seed 003:5362
//! let console = DeploymentParams::from_spec(&DeploymentSpec { replicas: Some(10), ..Default::default() }, Flavor::AcpConsole);
//! let f = console.fenceposts()?;
//! assert_eq!((f.max_surge, f.max_unavailable), (1, 1));
//! # Ok::<(), acp_workload::rolling::RollingError>(())
//! ```
//!
//! # What is here
//!
//! * **Deployments** ([`DeploymentParams`], [`ReplicaSetState`]): defaults
//!   (`pkg/apis/apps/v1/defaults.go` `SetDefaults_Deployment`), [`resolve_fenceposts`]
//!   (`pkg/controller/deployment/util/deployment_util.go` `ResolveFenceposts`: surge rounds up,
//!   unavailable rounds down, both 0 → unavailable 1), `MaxSurge` / `MaxUnavailable` /
//!   `MinAvailable`, [`new_rs_new_replicas`], [`is_saturated`], one rolling-update pass
//!   ([`rolling_sync`], `rolling.go` `rolloutRolling`: `reconcileNewReplicaSet`,
//!   `reconcileOldReplicaSets`, `cleanupUnhealthyReplicas`,
//!   `scaleDownOldReplicaSetsForRollingUpdate`), proportional scaling of several ReplicaSets
//!   ([`proportional_scale`], `sync.go` `scale`, `GetReplicaSetProportion`,
//!   `getReplicaSetFraction` with the `max-replicas` / `desired-replicas` annotations),
//!   [`recreate_sync`] (`recreate.go`) and the progress deadline ([`deployment_complete`],
//!   [`deployment_progressing`], [`deployment_timed_out`], `progress.go`).
//! * **DaemonSets** ([`DaemonSetParams`]): `pkg/controller/daemon/util` `SurgeCount` /
//!   `UnavailableCount` (both round **up**) and `updatedDesiredNodeCounts` (both 0 →
//!   unavailable 1).
//! * **StatefulSets** ([`StatefulSetParams`]): partition, ordinal update order and
//!   `maxUnavailable` (rounds **down**, at least 1) as `pkg/controller/statefulset`
//!   `stateful_set_control.go` computes them.
//! * **Validation** ([`validate_deployment_rollout`], [`validate_daemonset_update_strategy`],
//!   [`validate_statefulset_update_strategy`]): `pkg/apis/apps/validation` with its exact
//!   messages and field paths.
//!
//! # Where the ACP docs and the cluster disagree
//!
//! The cluster's behaviour is the default; [`Flavor::AcpConsole`] reproduces the console's
//! documented numbers where a user might want them.
//!
//! | ACP documentation statement | upstream (default here) |
//! | --- | --- |
//! | Deployment defaults `maxSurge=1`, `maxUnavailable=1` | 25% / 25% (`SetDefaults_Deployment`) |
// seed 003:5362, seed 003:11528
//! | DaemonSet "floor(10 * 0.1) = 1 个 Pod 不可用" | `UnavailableCount` rounds **up** (`GetScaledValueFromIntOrPercent(…, true)`); 15% of 10 nodes is 2, not 1 |
// seed 003:12303-12305
//!
//! The ACP documentation agrees with upstream on the rest: surge `ceil` and unavailable `floor`,
//! "≤ 100%", both 0 forbidden and both-resolve-to-0 → unavailable 1,
// seed 003:5344-5358; seed 003:5354
//! DaemonSet defaults 0 / 1, StatefulSet partition.
// seed 003:5370-5374; seed 003:12309-12311
// seed 003:12664-12674
//!
//! # Integer width
//!
//! The numbers are the controllers' own, width for width (Kubernetes v1.35 on amd64):
//!
//! * **Deployments** keep replica counts in `int32`, and so does everything here: sums of
//!   ReplicaSets, `replicas + maxSurge`, `rs.replicas × maxReplicas`, … wrap as Go's do. A
//!   bound resolved beyond the `int32` range (`maxSurge: "300%"` of a billion replicas) is
//!   converted to `int32` by `ResolveFenceposts`, wrapping, and with the valid `maxSurge:
//!   2147483647` the controller never scales the new ReplicaSet up.
//!   [`DeploymentParams::int32_overflows`] names every such overflow and what it makes the
//!   controller do; the planner reports them as warnings.
//! * **DaemonSets** and **StatefulSets** resolve their bounds in Go's 64-bit `int`: `i64`
//!   here, never clamped to `i32`.
//! * `GetScaledValueFromIntOrPercent` computes a percentage in `float64`
//!   (`math.Ceil`/`math.Floor` of `p × total / 100`), and so does this module, converting the
//!   result back as Go on amd64 does (an out-of-range value becomes the type's minimum).
//!   Below 2^53 that is exactly the integer division; the `acp-model` helper that works in
//!   exact integers differs only beyond.
//! * `getReplicaSetFraction` divides and rounds in `float64`, here too.
//!
//! The tests hold a table of what the v1.35 functions return for thousands of inputs around
//! these boundaries.

mod daemonset;
mod deployment;
mod statefulset;
mod validate;

pub use daemonset::{
    DaemonSetFenceposts, DaemonSetParams, DaemonSetStrategy, apply_daemonset_defaults,
};
pub(crate) use deployment::fencepost_ints;
pub use deployment::{
    DEFAULT_MAX_SURGE, DEFAULT_MAX_UNAVAILABLE, DEFAULT_PROGRESS_DEADLINE_SECONDS,
    DEFAULT_REPLICAS, DEFAULT_REVISION_HISTORY_LIMIT, DESIRED_REPLICAS_ANNOTATION,
    DeploymentParams, DeploymentStatusCounts, DeploymentStrategy, Fenceposts, Int32Overflow,
    MAX_REPLICAS_ANNOTATION, OldReplicaSetsScaleDown, ReplicaSetState, RollingSync, RsRef,
    ScaleAction, apply_deployment_defaults, cleanup_unhealthy_replicas, deployment_complete,
    deployment_progressing, deployment_timed_out, find_active_or_latest, is_saturated,
    is_scaling_event, new_rs_new_replicas, parse_replicas_annotation, proportional_scale,
    reconcile_new_replica_set, reconcile_old_replica_sets, recreate_sync, replica_set_fraction,
    replica_set_proportion, resolve_fenceposts, rolling_sync,
    scale_down_old_replica_sets_for_rolling_update,
};
pub use statefulset::{
    MAX_UNAVAILABLE_STATEFULSET_DEFAULT, PodManagementPolicy, StatefulSetParams,
    StatefulSetStrategy,
};
pub use validate::{
    validate_daemonset_update_strategy, validate_deployment_rollout,
    validate_statefulset_update_strategy,
};

use acp_model::intstr::{IntOrPercent, IntOrPercentError};

/// Whose defaults and roundings to use where the ACP docs and the cluster disagree.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Flavor {
    /// What the cluster does (`k8s.io/kubernetes`): the default.
    #[default]
    Upstream,
    // seed 003:5362, seed 003:11528; seed 003:12303-12305
    /// What the ACP console documents: Deployment defaults `maxSurge=1`, `maxUnavailable=1`
    /// and DaemonSet `maxUnavailable` percentages
    /// rounded down. Everything else as upstream.
    AcpConsole,
}

/// Why a rolling-update number could not be computed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RollingError {
    /// A `maxSurge` / `maxUnavailable` value that is not an integer or a `N%` string
    /// (upstream `GetScaledValueFromIntOrPercent`'s error, prefixed with the field).
    #[error("{field}: {source}")]
    IntOrPercent {
        /// The field (`maxSurge`, `maxUnavailable`).
        field: &'static str,
        /// What is wrong with the value.
        source: IntOrPercentError,
    },
    /// A field the computation needs is unset and has no default at this point (upstream:
    /// `nil value for IntOrString`).
    #[error("{field}: nil value for IntOrString")]
    Missing {
        /// The field.
        field: &'static str,
    },
    /// A strategy type the controller does not know (upstream `NewRSNewReplicas`:
    /// `deployment type %v isn't supported`).
    #[error("deployment type {0} isn't supported")]
    UnsupportedStrategy(String),
}

/// Upstream `GetScaledValueFromIntOrPercent` with the field named in the error, computed as
/// the controllers compute it: Go's 64-bit `int` (no `int32` clamp of `total` or of the
/// result), a percentage as `math.Ceil` / `math.Floor` of `float64(p) * float64(total) / 100`,
/// and that `float64` converted back to `int` as a Go program on amd64 does
/// ([`go_int_of_f64`]).
pub(crate) fn scaled(
    field: &'static str,
    v: Option<&IntOrPercent>,
    total: i64,
    round_up: bool,
) -> Result<i64, RollingError> {
    let Some(v) = v else {
        return Err(RollingError::Missing { field });
    };
    let s = match v {
        IntOrPercent::Int(i) => return Ok(i64::from(*i)),
        IntOrPercent::String(s) => s,
    };
    let Some(Ok(percent)) = s.strip_suffix('%').map(str::parse::<i64>) else {
        // Not `<Atoi integer>%`: the model crate words the error as upstream does (a zero
        // total cannot overflow, so only the parse can fail there).
        let source = match v.scaled_value(0, round_up) {
            Err(e) => e,
            Ok(_) => IntOrPercentError::NotAPercentage,
        };
        return Err(RollingError::IntOrPercent { field, source });
    };
    #[allow(clippy::cast_precision_loss)]
    let x = percent as f64 * total as f64 / 100.0;
    Ok(go_int_of_f64(if round_up { x.ceil() } else { x.floor() }))
}

/// Go's `int(f)` for a `float64` on amd64 (`CVTTSD2SQ`): truncation toward zero, and
/// `math.MinInt64` when the truncated value does not fit (or `f` is NaN).
pub(crate) fn go_int_of_f64(f: f64) -> i64 {
    let t = f.trunc();
    // 2^63 is exactly representable; every f64 below it truncates into range.
    if (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&t) {
        #[allow(clippy::cast_possible_truncation)]
        return t as i64;
    }
    i64::MIN
}

/// Go's `int32(f)` for a `float64` on amd64 (`CVTTSD2SL`): truncation toward zero, and
/// `math.MinInt32` when the truncated value does not fit (or `f` is NaN).
pub(crate) fn go_int32_of_f64(f: f64) -> i32 {
    let t = f.trunc();
    if (-2_147_483_648.0..=2_147_483_647.0).contains(&t) {
        #[allow(clippy::cast_possible_truncation)]
        return t as i32;
    }
    i32::MIN
}

/// Go's `int32(v)` of an `int`: the low 32 bits, two's complement (wrapping).
pub(crate) fn go_int32(v: i64) -> i32 {
    #[allow(clippy::cast_possible_truncation)]
    let w = v as i32;
    w
}

/// `i64` → `i32`, saturating: the planner's pod counts handed to `int32` fields, and Argo
/// results that are replica counts.
pub(crate) fn sat_i32(v: i64) -> i32 {
    i32::try_from(v.clamp(i64::from(i32::MIN), i64::from(i32::MAX))).unwrap_or(0)
}

#[cfg(test)]
mod widths_tests;
