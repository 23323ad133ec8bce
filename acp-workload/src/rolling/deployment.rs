//! Deployment rolling updates: `pkg/controller/deployment` and `pkg/apis/apps/v1/defaults.go`.

use acp_model::kube_version::{StrField, WithSpec};
use std::cmp::Ordering;

use acp_model::intstr::IntOrPercent;
use jiff::{SignedDuration, Timestamp};
use k8s_openapi::api::apps::v1::{
    Deployment, DeploymentCondition, DeploymentSpec, DeploymentStatus, ReplicaSet,
    RollingUpdateDeployment,
};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::{Flavor, RollingError, go_int32, go_int32_of_f64, scaled};

/// Default `maxSurge` (`SetDefaults_Deployment`): `25%`.
pub const DEFAULT_MAX_SURGE: &str = "25%";
/// Default `maxUnavailable` (`SetDefaults_Deployment`): `25%`.
pub const DEFAULT_MAX_UNAVAILABLE: &str = "25%";
/// Default `spec.progressDeadlineSeconds` (`SetDefaults_Deployment`).
pub const DEFAULT_PROGRESS_DEADLINE_SECONDS: i32 = 600;
/// Default `spec.revisionHistoryLimit` (`SetDefaults_Deployment`).
pub const DEFAULT_REVISION_HISTORY_LIMIT: i32 = 10;
// seed 003:5324
/// Default `spec.replicas` (`SetDefaults_Deployment`; the console agrees: "默认： 1").
pub const DEFAULT_REPLICAS: i32 = 1;
/// The ReplicaSet annotation holding the Deployment's `spec.replicas` when the ReplicaSet was
/// last scaled (`deployment_util.go` `DesiredReplicasAnnotation`).
pub const DESIRED_REPLICAS_ANNOTATION: &str = "deployment.kubernetes.io/desired-replicas";
/// The ReplicaSet annotation holding `spec.replicas + maxSurge` when the ReplicaSet was last
/// scaled (`deployment_util.go` `MaxReplicasAnnotation`).
pub const MAX_REPLICAS_ANNOTATION: &str = "deployment.kubernetes.io/max-replicas";

// seed 003:5362
/// The ACP console's documented default for both `maxSurge` and `maxUnavailable` (ACP docs:
/// "默认值：未显式设置时， maxSurge=1 ， maxUnavailable=1").
const ACP_CONSOLE_DEFAULT: i32 = 1;

/// `spec.strategy` of a Deployment, after defaulting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeploymentStrategy {
    /// `RollingUpdate` with its two bounds (unset only if the caller built it so).
    RollingUpdate {
        /// `maxSurge`.
        max_surge: Option<IntOrPercent>,
        /// `maxUnavailable`.
        max_unavailable: Option<IntOrPercent>,
    },
    /// `Recreate`: every old pod goes before any new one is created.
    Recreate,
    /// Any other `type` (refused by validation and by the controller).
    Other(String),
}

/// The rollout-relevant part of a Deployment spec, defaulted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeploymentParams {
    /// `spec.replicas`.
    pub replicas: i32,
    /// `spec.strategy`.
    pub strategy: DeploymentStrategy,
    /// `spec.minReadySeconds`.
    pub min_ready_seconds: i32,
    /// `spec.progressDeadlineSeconds`; `None` or `i32::MAX` means no deadline
    /// (`HasProgressDeadline`).
    pub progress_deadline_seconds: Option<i32>,
    /// `spec.revisionHistoryLimit`.
    pub revision_history_limit: Option<i32>,
    /// `spec.paused`.
    pub paused: bool,
}

/// `maxSurge` and `maxUnavailable` resolved to pod counts (`ResolveFenceposts`), as the
/// controller's `int32`s: a resolved value beyond the `int32` range wraps as Go's `int32(v)`
/// does (see [`DeploymentParams::int32_overflows`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fenceposts {
    /// Pods allowed above `replicas`.
    pub max_surge: i32,
    /// Pods allowed below `replicas` (before `MaxUnavailable` clamps it to `replicas`).
    pub max_unavailable: i32,
}

/// Upstream `ResolveFenceposts`: `maxSurge` scaled by `desired` rounding **up**,
/// `maxUnavailable` rounding **down**, an unset value counting as 0, and both 0 → unavailable
/// 1 "on the theory that surge might not work due to quota" (`deployment_util.go`;
/// the ACP documentation says the same).
// seed 003:5372-5374; the example: seed 003:5348 (4.1 → 5), seed 003:5358 (4.9 → 4)
///
/// ```
/// use acp_model::intstr::IntOrPercent;
/// use acp_workload::rolling::resolve_fenceposts;
/// let f = resolve_fenceposts(Some(&"41%".into()), Some(&"49%".into()), 10)?;
/// assert_eq!((f.max_surge, f.max_unavailable), (5, 4)); // 4.1 → 5, 4.9 → 4
/// let f = resolve_fenceposts(Some(&"0%".into()), Some(&"5%".into()), 10)?;
/// assert_eq!((f.max_surge, f.max_unavailable), (0, 1));
/// # Ok::<(), acp_workload::rolling::RollingError>(())
/// ```
///
/// Both values are computed as Go `int`s and then converted to `int32`, wrapping: `"300%"` of
/// 1073741825 replicas is 3221225475, which the controller holds as −1073741821. The both-0
/// rule looks at the values before that conversion, as upstream's does.
pub fn resolve_fenceposts(
    max_surge: Option<&IntOrPercent>,
    max_unavailable: Option<&IntOrPercent>,
    desired: i32,
) -> Result<Fenceposts, RollingError> {
    let (surge, unavailable) = fencepost_ints(max_surge, max_unavailable, desired)?;
    Ok(Fenceposts {
        max_surge: go_int32(surge),
        max_unavailable: go_int32(unavailable),
    })
}

/// [`resolve_fenceposts`] before the conversion to `int32`: the Go `int`s.
pub(crate) fn fencepost_ints(
    max_surge: Option<&IntOrPercent>,
    max_unavailable: Option<&IntOrPercent>,
    desired: i32,
) -> Result<(i64, i64), RollingError> {
    let zero = IntOrPercent::Int(0);
    let surge = scaled(
        "maxSurge",
        Some(max_surge.unwrap_or(&zero)),
        i64::from(desired),
        true,
    )?;
    let mut unavailable = scaled(
        "maxUnavailable",
        Some(max_unavailable.unwrap_or(&zero)),
        i64::from(desired),
        false,
    )?;
    if surge == 0 && unavailable == 0 {
        unavailable = 1;
    }
    Ok((surge, unavailable))
}

fn int_or_string(v: &IntOrString) -> IntOrPercent {
    IntOrPercent::from(v.clone())
}

// seed 003:5362
/// Fills the fields `SetDefaults_Deployment` fills (`pkg/apis/apps/v1/defaults.go`):
/// `replicas` 1, strategy `RollingUpdate` with `maxSurge` and `maxUnavailable` 25%,
/// `revisionHistoryLimit` 10, `progressDeadlineSeconds` 600. [`Flavor::AcpConsole`] fills
/// `maxSurge`/`maxUnavailable` with 1 instead.
pub fn apply_deployment_defaults(spec: &mut DeploymentSpec, flavor: Flavor) {
    if spec.replicas.is_none() {
        spec.replicas = Some(DEFAULT_REPLICAS);
    }
    let strategy = spec.strategy.get_or_insert_with(Default::default);
    if strategy.type_.as_deref().is_none_or(str::is_empty) {
        strategy.type_ = Some("RollingUpdate".to_owned());
    }
    if strategy.type_.as_deref() == Some("RollingUpdate") {
        let ru = strategy
            .rolling_update
            .get_or_insert_with(RollingUpdateDeployment::default);
        let default = |s: &str| match flavor {
            Flavor::Upstream => IntOrString::String(s.to_owned()),
            Flavor::AcpConsole => IntOrString::Int(ACP_CONSOLE_DEFAULT),
        };
        if ru.max_unavailable.is_none() {
            ru.max_unavailable = Some(default(DEFAULT_MAX_UNAVAILABLE));
        }
        if ru.max_surge.is_none() {
            ru.max_surge = Some(default(DEFAULT_MAX_SURGE));
        }
    }
    if spec.revision_history_limit.is_none() {
        spec.revision_history_limit = Some(DEFAULT_REVISION_HISTORY_LIMIT);
    }
    if spec.progress_deadline_seconds.is_none() {
        spec.progress_deadline_seconds = Some(DEFAULT_PROGRESS_DEADLINE_SECONDS);
    }
}

impl DeploymentParams {
    /// A `RollingUpdate` Deployment of `replicas` pods with the given bounds, no progress
    /// deadline, nothing else set.
    pub fn rolling(
        replicas: i32,
        max_surge: impl Into<IntOrPercent>,
        max_unavailable: impl Into<IntOrPercent>,
    ) -> Self {
        DeploymentParams {
            replicas,
            strategy: DeploymentStrategy::RollingUpdate {
                max_surge: Some(max_surge.into()),
                max_unavailable: Some(max_unavailable.into()),
            },
            min_ready_seconds: 0,
            progress_deadline_seconds: Some(DEFAULT_PROGRESS_DEADLINE_SECONDS),
            revision_history_limit: Some(DEFAULT_REVISION_HISTORY_LIMIT),
            paused: false,
        }
    }

    /// A `Recreate` Deployment of `replicas` pods.
    pub fn recreate(replicas: i32) -> Self {
        DeploymentParams {
            strategy: DeploymentStrategy::Recreate,
            ..DeploymentParams::rolling(replicas, 0, 0)
        }
    }

    /// The parameters of `spec` after [`apply_deployment_defaults`] with `flavor`.
    pub fn from_spec(spec: &DeploymentSpec, flavor: Flavor) -> Self {
        let mut spec = DeploymentSpec {
            replicas: spec.replicas,
            strategy: spec.strategy.clone(),
            min_ready_seconds: spec.min_ready_seconds,
            progress_deadline_seconds: spec.progress_deadline_seconds,
            revision_history_limit: spec.revision_history_limit,
            paused: spec.paused,
            ..Default::default()
        };
        apply_deployment_defaults(&mut spec, flavor);
        let strategy = spec.strategy.unwrap_or_default();
        let strategy = match strategy.type_.as_deref().unwrap_or_default() {
            "RollingUpdate" => {
                let ru = strategy.rolling_update.unwrap_or_default();
                DeploymentStrategy::RollingUpdate {
                    max_surge: ru.max_surge.as_ref().map(int_or_string),
                    max_unavailable: ru.max_unavailable.as_ref().map(int_or_string),
                }
            }
            "Recreate" => DeploymentStrategy::Recreate,
            other => DeploymentStrategy::Other(other.to_owned()),
        };
        DeploymentParams {
            replicas: spec.replicas.unwrap_or(DEFAULT_REPLICAS),
            strategy,
            min_ready_seconds: spec.min_ready_seconds.unwrap_or(0),
            progress_deadline_seconds: spec.progress_deadline_seconds,
            revision_history_limit: spec.revision_history_limit,
            paused: spec.paused.unwrap_or(false),
        }
    }

    /// [`DeploymentParams::from_spec`] of a Deployment (upstream defaults; an absent spec is
    /// an empty one).
    pub fn from_deployment(d: &Deployment) -> Self {
        match d.spec_ref() {
            Some(spec) => DeploymentParams::from_spec(spec, Flavor::Upstream),
            None => DeploymentParams::from_spec(&DeploymentSpec::default(), Flavor::Upstream),
        }
    }

    /// `true` for a `RollingUpdate` strategy (`IsRollingUpdate`).
    pub fn is_rolling_update(&self) -> bool {
        matches!(self.strategy, DeploymentStrategy::RollingUpdate { .. })
    }

    /// [`resolve_fenceposts`] of this Deployment's bounds and `replicas`; `(0, 1)` for a
    /// strategy that is not `RollingUpdate` (as for unset bounds).
    pub fn fenceposts(&self) -> Result<Fenceposts, RollingError> {
        match &self.strategy {
            DeploymentStrategy::RollingUpdate {
                max_surge,
                max_unavailable,
            } => resolve_fenceposts(max_surge.as_ref(), max_unavailable.as_ref(), self.replicas),
            _ => resolve_fenceposts(None, None, self.replicas),
        }
    }

    /// Upstream `MaxSurge`: the surge fencepost, 0 unless `RollingUpdate`.
    // DEVIATION: a bound that cannot be resolved is an error; upstream `MaxSurge` ignores the error
    // and uses 0.
    pub fn max_surge(&self) -> Result<i32, RollingError> {
        if !self.is_rolling_update() {
            return Ok(0);
        }
        Ok(self.fenceposts()?.max_surge)
    }

    /// Upstream `MaxUnavailable`: the unavailable fencepost clamped to `replicas`; 0 unless
    /// `RollingUpdate`, and 0 for 0 replicas.
    // DEVIATION: a bound that cannot be resolved is an error; upstream `MaxUnavailable` ignores the
    // error and uses 0.
    pub fn max_unavailable(&self) -> Result<i32, RollingError> {
        if !self.is_rolling_update() || self.replicas == 0 {
            return Ok(0);
        }
        let mu = self.fenceposts()?.max_unavailable;
        Ok(mu.min(self.replicas))
    }

    /// Upstream `MinAvailable`: `replicas − MaxUnavailable` (`int32`, wrapping), 0 unless
    /// `RollingUpdate`.
    pub fn min_available(&self) -> Result<i32, RollingError> {
        if !self.is_rolling_update() {
            return Ok(0);
        }
        Ok(self.replicas.wrapping_sub(self.max_unavailable()?))
    }

    /// `spec.replicas + MaxSurge` (`int32`, wrapping): the value of the `max-replicas`
    /// annotation the controller writes on every ReplicaSet it scales. A negative value is
    /// written too, and then ignored when read back ([`parse_replicas_annotation`]).
    pub fn max_replicas(&self) -> Result<i32, RollingError> {
        Ok(self.replicas.wrapping_add(self.max_surge()?))
    }

    /// Where the controller's `int32` arithmetic wraps for this Deployment, each with what the
    /// controller does because of it; empty for almost every Deployment (and unless
    /// `RollingUpdate`).
    ///
    /// ```
    /// use acp_workload::rolling::DeploymentParams;
    /// // maxSurge 2147483647 is valid, and 10 + 2147483647 overflows int32.
    /// let d = DeploymentParams::rolling(10, i32::MAX, 0);
    /// let o = d.int32_overflows()?;
    /// assert_eq!(
    ///     o[0].to_string(),
    ///     "maxSurge 2147483647: replicas + maxSurge overflows int32 in NewRSNewReplicas \
    ///      (10 + 2147483647 wraps to -2147483639); the controller never scales the new \
    ///      ReplicaSet up"
    /// );
    /// # Ok::<(), acp_workload::rolling::RollingError>(())
    /// ```
    pub fn int32_overflows(&self) -> Result<Vec<Int32Overflow>, RollingError> {
        let DeploymentStrategy::RollingUpdate {
            max_surge,
            max_unavailable,
        } = &self.strategy
        else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        let (surge, unavailable) =
            fencepost_ints(max_surge.as_ref(), max_unavailable.as_ref(), self.replicas)?;
        let zero = IntOrPercent::Int(0);
        for (field, value, resolved) in [
            ("maxSurge", max_surge, surge),
            ("maxUnavailable", max_unavailable, unavailable),
        ] {
            if i64::from(go_int32(resolved)) != resolved {
                out.push(Int32Overflow::Fencepost {
                    field,
                    value: value.as_ref().unwrap_or(&zero).clone(),
                    replicas: self.replicas,
                    resolved,
                });
            }
        }
        if let Some(ms) = max_surge {
            let surge = scaled("maxSurge", Some(ms), i64::from(self.replicas), true)?;
            let wrapped = self.replicas.wrapping_add(go_int32(surge));
            if i128::from(wrapped) != i128::from(self.replicas) + i128::from(surge) {
                out.push(Int32Overflow::MaxTotalPods {
                    max_surge: ms.clone(),
                    replicas: self.replicas,
                    surge,
                });
            }
        }
        Ok(out)
    }
}

/// A place where the Deployment controller's `int32` arithmetic overflows for a Deployment
/// ([`DeploymentParams::int32_overflows`]); its `Display` names the overflow and what the
/// controller does.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Int32Overflow {
    /// `ResolveFenceposts` converts a resolved bound outside the `int32` range to `int32`
    /// (`MaxSurge`, `MaxUnavailable`, the `max-replicas` annotation and proportional scaling
    /// use the wrapped value).
    Fencepost {
        /// `maxSurge` or `maxUnavailable`.
        field: &'static str,
        /// The field's value.
        value: IntOrPercent,
        /// `spec.replicas`.
        replicas: i32,
        /// The resolved bound (a Go `int`).
        resolved: i64,
    },
    /// `NewRSNewReplicas`: `replicas + maxSurge` (`maxTotalPods`) overflows `int32`.
    MaxTotalPods {
        /// `maxSurge`.
        max_surge: IntOrPercent,
        /// `spec.replicas`.
        replicas: i32,
        /// `maxSurge` resolved (a Go `int`, before its conversion to `int32`).
        surge: i64,
    },
}

impl Int32Overflow {
    /// The `int32` the controller computes instead.
    pub fn wrapped(&self) -> i32 {
        match self {
            Int32Overflow::Fencepost { resolved, .. } => go_int32(*resolved),
            Int32Overflow::MaxTotalPods {
                replicas, surge, ..
            } => replicas.wrapping_add(go_int32(*surge)),
        }
    }
}

impl std::fmt::Display for Int32Overflow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let wrapped = self.wrapped();
        match self {
            Int32Overflow::Fencepost {
                field,
                value,
                replicas,
                resolved,
            } => write!(
                f,
                "{field} {value}: resolves to {resolved} for {replicas} replicas, which \
                 overflows int32 in ResolveFenceposts; the controller uses {wrapped}"
            ),
            Int32Overflow::MaxTotalPods {
                max_surge,
                replicas,
                surge,
            } => {
                write!(
                    f,
                    "maxSurge {max_surge}: replicas + maxSurge overflows int32 in \
                     NewRSNewReplicas ({replicas} + {surge} wraps to {wrapped}); "
                )?;
                if wrapped < 0 {
                    f.write_str("the controller never scales the new ReplicaSet up")
                } else if wrapped < *replicas {
                    write!(
                        f,
                        "the controller keeps at most {wrapped} pods, fewer than replicas"
                    )
                } else {
                    write!(f, "the controller allows at most {wrapped} pods")
                }
            }
        }
    }
}

/// What the Deployment controller reads of one ReplicaSet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReplicaSetState {
    /// `metadata.name` (breaks creation-time ties, as upstream).
    pub name: String,
    /// `metadata.creationTimestamp`; `None` sorts first (Go's zero time).
    pub created: Option<Timestamp>,
    /// `spec.replicas`.
    pub replicas: i32,
    /// `status.availableReplicas`.
    pub available_replicas: i32,
    /// The [`DESIRED_REPLICAS_ANNOTATION`], when present and valid.
    pub desired_replicas_annotation: Option<i32>,
    /// The [`MAX_REPLICAS_ANNOTATION`], when present and valid.
    pub max_replicas_annotation: Option<i32>,
}

/// Parses a `desired-replicas` / `max-replicas` annotation value as the controller does: a
/// decimal number from 0 to `2^31 − 1`, no sign (`getNonNegativeInt32FromAnnotation`;
/// `"-1"` and `"2147483648"` are rejected).
pub fn parse_replicas_annotation(v: &str) -> Option<i32> {
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut acc: i64 = 0;
    for b in v.bytes() {
        acc = acc * 10 + i64::from(b - b'0');
        if acc > i64::from(i32::MAX) {
            return None;
        }
    }
    i32::try_from(acc).ok()
}

impl ReplicaSetState {
    /// A ReplicaSet named `name` with `replicas` desired and `available` available pods, no
    /// creation time and no annotations.
    pub fn new(name: impl Into<String>, replicas: i32, available: i32) -> Self {
        ReplicaSetState {
            name: name.into(),
            replicas,
            available_replicas: available,
            ..Default::default()
        }
    }

    /// Sets both annotations as the controller writes them for a Deployment of `desired`
    /// replicas and `max` = `desired + maxSurge` (`SetReplicasAnnotations`).
    #[must_use]
    pub fn with_annotations(mut self, desired: i32, max: i32) -> Self {
        self.desired_replicas_annotation = Some(desired);
        self.max_replicas_annotation = Some(max);
        self
    }

    /// Sets the creation time.
    #[must_use]
    pub fn created_at(mut self, t: Timestamp) -> Self {
        self.created = Some(t);
        self
    }

    /// Reads a k8s-openapi `ReplicaSet`.
    pub fn from_replica_set(rs: &ReplicaSet) -> Self {
        let ann = rs.metadata.annotations.as_ref();
        let get = |k: &str| {
            ann.and_then(|a| a.get(k))
                .and_then(|v| parse_replicas_annotation(v))
        };
        ReplicaSetState {
            name: rs.metadata.name.clone().unwrap_or_default(),
            created: rs.metadata.creation_timestamp.as_ref().map(|t| t.0),
            replicas: rs.spec_ref().and_then(|s| s.replicas).unwrap_or(1),
            available_replicas: rs
                .status
                .as_ref()
                .and_then(|s| s.available_replicas)
                .unwrap_or(0),
            desired_replicas_annotation: get(DESIRED_REPLICAS_ANNOTATION),
            max_replicas_annotation: get(MAX_REPLICAS_ANNOTATION),
        }
    }
}

/// Which ReplicaSet an action scales.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RsRef {
    /// The new ReplicaSet (the one whose template matches the Deployment's).
    New,
    /// The old ReplicaSet at this index of the slice given.
    Old(usize),
}

/// One ReplicaSet scaled from `from` to `to` replicas. The controller also writes both
/// replica annotations (`desired` = `spec.replicas`, `max` = `spec.replicas + maxSurge`) on
/// every ReplicaSet it scales (`scaleReplicaSet`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScaleAction {
    /// Which ReplicaSet.
    pub target: RsRef,
    /// Its name.
    pub name: String,
    /// `spec.replicas` before.
    pub from: i32,
    /// `spec.replicas` after.
    pub to: i32,
}

/// `GetReplicaCountForReplicaSets`: an `int32` sum, wrapping.
fn sum_replicas<'a>(rss: impl IntoIterator<Item = &'a ReplicaSetState>) -> i32 {
    rss.into_iter()
        .fold(0i32, |acc, rs| acc.wrapping_add(rs.replicas))
}

/// `ReplicaSetsByCreationTimestamp`: older first, then by name.
fn by_creation(a: &ReplicaSetState, b: &ReplicaSetState) -> Ordering {
    match (a.created, b.created) {
        (x, y) if x == y => a.name.cmp(&b.name),
        (None, _) => Ordering::Less,
        (_, None) => Ordering::Greater,
        (Some(x), Some(y)) => x.cmp(&y),
    }
}

/// Upstream `NewRSNewReplicas`: the replicas the new ReplicaSet should have now.
/// `RollingUpdate`: as many as fit under `replicas + maxSurge` counting every ReplicaSet's
/// `spec.replicas` (`all` includes the new one), never more than `replicas`. `Recreate`:
/// `replicas`.
///
/// `maxSurge` is scaled directly (rounding up) as upstream does here, not through the
/// fenceposts; an unset `maxSurge` is an error as upstream's `nil value for IntOrString`.
/// The sums are `int32`s and wrap as upstream's do: with `maxSurge: 2147483647`,
/// `replicas + maxSurge` is negative and the new ReplicaSet is never scaled up
/// ([`DeploymentParams::int32_overflows`] says so).
pub fn new_rs_new_replicas(
    d: &DeploymentParams,
    all: &[ReplicaSetState],
    new_rs: &ReplicaSetState,
) -> Result<i32, RollingError> {
    new_replicas_for_total(d, sum_replicas(all), new_rs)
}

/// [`new_rs_new_replicas`] with the sum of every ReplicaSet's `spec.replicas` given.
fn new_replicas_for_total(
    d: &DeploymentParams,
    current: i32,
    new_rs: &ReplicaSetState,
) -> Result<i32, RollingError> {
    match &d.strategy {
        DeploymentStrategy::RollingUpdate { max_surge, .. } => {
            let surge = scaled("maxSurge", max_surge.as_ref(), i64::from(d.replicas), true)?;
            let max_total = d.replicas.wrapping_add(go_int32(surge));
            if current >= max_total {
                return Ok(new_rs.replicas);
            }
            let up = max_total
                .wrapping_sub(current)
                .min(d.replicas.wrapping_sub(new_rs.replicas));
            Ok(new_rs.replicas.wrapping_add(up))
        }
        DeploymentStrategy::Recreate => Ok(d.replicas),
        DeploymentStrategy::Other(t) => Err(RollingError::UnsupportedStrategy(t.clone())),
    }
}

/// Upstream `IsSaturated`: the new ReplicaSet has `replicas` desired and available and its
/// `desired-replicas` annotation says `replicas`.
pub fn is_saturated(d: &DeploymentParams, rs: Option<&ReplicaSetState>) -> bool {
    let Some(rs) = rs else { return false };
    let Some(desired) = rs.desired_replicas_annotation else {
        return false;
    };
    rs.replicas == d.replicas && desired == d.replicas && rs.available_replicas == d.replicas
}

/// Upstream `reconcileNewReplicaSet`: the new scale of the new ReplicaSet, or `None` when it
/// stays. Above `replicas` it is scaled down to `replicas`; below, to
/// [`new_rs_new_replicas`].
pub fn reconcile_new_replica_set(
    d: &DeploymentParams,
    all: &[ReplicaSetState],
    new_rs: &ReplicaSetState,
) -> Result<Option<i32>, RollingError> {
    if new_rs.replicas == d.replicas {
        return Ok(None);
    }
    if new_rs.replicas > d.replicas {
        return Ok(Some(d.replicas));
    }
    let n = new_rs_new_replicas(d, all, new_rs)?;
    Ok((n != new_rs.replicas).then_some(n))
}

/// What [`reconcile_old_replica_sets`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OldReplicaSetsScaleDown {
    /// Every scale of an old ReplicaSet, in the order the controller issues them.
    pub actions: Vec<ScaleAction>,
    /// Replicas removed because they were unavailable (`cleanupUnhealthyReplicas`).
    pub cleaned_up: i32,
    /// Replicas removed while keeping `minAvailable` (`scaleDownOldReplicaSetsForRollingUpdate`).
    pub scaled_down: i32,
}

impl OldReplicaSetsScaleDown {
    /// `true` when the total scaled down is positive (`totalScaledDown > 0`, an `int32` sum).
    pub fn scaled(&self) -> bool {
        self.cleaned_up.wrapping_add(self.scaled_down) > 0
    }
}

/// Working copy of an old ReplicaSet during one pass.
#[derive(Clone)]
struct OldRs<'a> {
    index: usize,
    rs: &'a ReplicaSetState,
    replicas: i32,
}

/// Upstream `cleanupUnhealthyReplicas`: scales old ReplicaSets (oldest first) down by their
/// unavailable replicas, at most `max_cleanup` in total. Returns the actions and the count;
/// stops (keeping what it did) where upstream returns its "invalid request to scale down"
/// error (a ReplicaSet with more available than desired replicas).
///
/// `old` are the active old ReplicaSets (those with `spec.replicas > 0`); indices in the
/// actions refer to this slice.
pub fn cleanup_unhealthy_replicas(
    old: &[ReplicaSetState],
    max_cleanup: i32,
) -> (Vec<ScaleAction>, i32) {
    let mut work: Vec<OldRs<'_>> = old
        .iter()
        .enumerate()
        .map(|(index, rs)| OldRs {
            index,
            rs,
            replicas: rs.replicas,
        })
        .collect();
    let (actions, n, _) = cleanup(&mut work, max_cleanup);
    (actions, n)
}

fn cleanup(work: &mut [OldRs<'_>], max_cleanup: i32) -> (Vec<ScaleAction>, i32, bool) {
    work.sort_by(|a, b| by_creation(a.rs, b.rs));
    let mut actions = Vec::new();
    let mut total: i32 = 0;
    for w in work.iter_mut() {
        if total >= max_cleanup {
            break;
        }
        if w.replicas == 0 {
            continue;
        }
        let available = w.rs.available_replicas;
        if w.replicas == available {
            continue;
        }
        let n = max_cleanup
            .wrapping_sub(total)
            .min(w.replicas.wrapping_sub(available));
        let to = w.replicas.wrapping_sub(n);
        if to > w.replicas {
            // Upstream: "when cleaning up unhealthy replicas, got invalid request to scale
            // down"; reconcileOldReplicaSets then reports nothing more.
            return (actions, total, false);
        }
        actions.push(ScaleAction {
            target: RsRef::Old(w.index),
            name: w.rs.name.clone(),
            from: w.replicas,
            to,
        });
        w.replicas = to;
        total = total.wrapping_add(n);
    }
    (actions, total, true)
}

/// Upstream `scaleDownOldReplicaSetsForRollingUpdate`: scales old ReplicaSets (oldest first)
/// down by `available − minAvailable` in total, counting available pods of `old` and
/// `new_rs` (status, not spec).
pub fn scale_down_old_replica_sets_for_rolling_update(
    d: &DeploymentParams,
    old: &[ReplicaSetState],
    new_rs: &ReplicaSetState,
) -> Result<(Vec<ScaleAction>, i32), RollingError> {
    let mut work: Vec<OldRs<'_>> = old
        .iter()
        .enumerate()
        .map(|(index, rs)| OldRs {
            index,
            rs,
            replicas: rs.replicas,
        })
        .collect();
    scale_down(d, &mut work, new_rs)
}

fn scale_down(
    d: &DeploymentParams,
    work: &mut [OldRs<'_>],
    new_rs: &ReplicaSetState,
) -> Result<(Vec<ScaleAction>, i32), RollingError> {
    let min_available = d.replicas.wrapping_sub(d.max_unavailable()?);
    let available = work.iter().fold(new_rs.available_replicas, |acc, w| {
        acc.wrapping_add(w.rs.available_replicas)
    });
    if available <= min_available {
        return Ok((Vec::new(), 0));
    }
    work.sort_by(|a, b| by_creation(a.rs, b.rs));
    let target = available.wrapping_sub(min_available);
    let mut total: i32 = 0;
    let mut actions = Vec::new();
    for w in work.iter_mut() {
        if total >= target {
            break;
        }
        if w.replicas == 0 {
            continue;
        }
        let n = w.replicas.min(target.wrapping_sub(total));
        let to = w.replicas.wrapping_sub(n);
        if to > w.replicas {
            return Ok((actions, total));
        }
        actions.push(ScaleAction {
            target: RsRef::Old(w.index),
            name: w.rs.name.clone(),
            from: w.replicas,
            to,
        });
        w.replicas = to;
        total = total.wrapping_add(n);
    }
    Ok((actions, total))
}

/// Upstream `reconcileOldReplicaSets`: how far old ReplicaSets may shrink now.
///
/// `maxScaledDown = allPods − minAvailable − newRSUnavailable` counts `spec.replicas` of every
/// ReplicaSet and the new ReplicaSet's unavailable pods, so unready new pods never let the
/// old ones shrink further. Unhealthy old replicas go first
/// ([`cleanup_unhealthy_replicas`]), then available ones down to `minAvailable`
/// ([`scale_down_old_replica_sets_for_rolling_update`]). `old` are all old ReplicaSets; the
/// active ones (`spec.replicas > 0`) are considered, and action indices refer to `old`.
pub fn reconcile_old_replica_sets(
    d: &DeploymentParams,
    old: &[ReplicaSetState],
    new_rs: &ReplicaSetState,
) -> Result<OldReplicaSetsScaleDown, RollingError> {
    let mut work: Vec<OldRs<'_>> = old
        .iter()
        .enumerate()
        .filter(|(_, rs)| rs.replicas > 0)
        .map(|(index, rs)| OldRs {
            index,
            rs,
            replicas: rs.replicas,
        })
        .collect();
    let old_pods = work
        .iter()
        .fold(0i32, |acc, w| acc.wrapping_add(w.replicas));
    if old_pods == 0 {
        return Ok(OldReplicaSetsScaleDown::default());
    }
    let all_pods = sum_replicas(old).wrapping_add(new_rs.replicas);
    let min_available = d.replicas.wrapping_sub(d.max_unavailable()?);
    let new_unavailable = new_rs.replicas.wrapping_sub(new_rs.available_replicas);
    let max_scaled_down = all_pods
        .wrapping_sub(min_available)
        .wrapping_sub(new_unavailable);
    if max_scaled_down <= 0 {
        return Ok(OldReplicaSetsScaleDown::default());
    }
    let (mut actions, cleaned_up, ok) = cleanup(&mut work, max_scaled_down);
    if !ok {
        return Ok(OldReplicaSetsScaleDown::default());
    }
    let (more, scaled_down) = scale_down(d, &mut work, new_rs)?;
    actions.extend(more);
    Ok(OldReplicaSetsScaleDown {
        actions,
        cleaned_up,
        scaled_down,
    })
}

/// One rolling-update pass of the controller.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RollingSync {
    /// The new ReplicaSet was scaled to this many replicas; the pass ends there.
    ScaledNew(i32),
    /// Old ReplicaSets were scaled down.
    ScaledOld(OldReplicaSetsScaleDown),
    /// Nothing to do until pods change.
    Idle,
}

/// Upstream `rolloutRolling`: scale the new ReplicaSet up if possible
/// ([`reconcile_new_replica_set`]); otherwise scale old ones down
/// ([`reconcile_old_replica_sets`]).
pub fn rolling_sync(
    d: &DeploymentParams,
    new_rs: &ReplicaSetState,
    old: &[ReplicaSetState],
) -> Result<RollingSync, RollingError> {
    // reconcileNewReplicaSet over allRSs = old + new.
    let scaled_new = if new_rs.replicas == d.replicas {
        None
    } else if new_rs.replicas > d.replicas {
        Some(d.replicas)
    } else {
        let total = sum_replicas(old).wrapping_add(new_rs.replicas);
        let n = new_replicas_for_total(d, total, new_rs)?;
        (n != new_rs.replicas).then_some(n)
    };
    if let Some(n) = scaled_new {
        return Ok(RollingSync::ScaledNew(n));
    }
    let down = reconcile_old_replica_sets(d, old, new_rs)?;
    Ok(if down.scaled() {
        RollingSync::ScaledOld(down)
    } else {
        RollingSync::Idle
    })
}

/// Upstream `rolloutRecreate`: old ReplicaSets are scaled to 0 first; the new one is scaled to
/// `replicas` only once no old pod runs (`old_pods_running`: any old ReplicaSet with
/// `status.replicas > 0` or an old pod not yet terminal, `oldPodsRunning`).
pub fn recreate_sync(
    d: &DeploymentParams,
    new_rs: &ReplicaSetState,
    old: &[ReplicaSetState],
    old_pods_running: bool,
) -> Vec<ScaleAction> {
    let down: Vec<ScaleAction> = old
        .iter()
        .enumerate()
        .filter(|(_, rs)| rs.replicas > 0)
        .map(|(i, rs)| ScaleAction {
            target: RsRef::Old(i),
            name: rs.name.clone(),
            from: rs.replicas,
            to: 0,
        })
        .collect();
    if !down.is_empty() || old_pods_running {
        return down;
    }
    if new_rs.replicas == d.replicas {
        return Vec::new();
    }
    vec![ScaleAction {
        target: RsRef::New,
        name: new_rs.name.clone(),
        from: new_rs.replicas,
        to: d.replicas,
    }]
}

/// Upstream `isScalingEvent`: some active ReplicaSet's `desired-replicas` annotation differs
/// from `spec.replicas` (the user scaled the Deployment; proportional scaling runs instead of
/// the rollout).
pub fn is_scaling_event(
    d: &DeploymentParams,
    new_rs: Option<&ReplicaSetState>,
    old: &[ReplicaSetState],
) -> bool {
    old.iter()
        .chain(new_rs)
        .filter(|rs| rs.replicas > 0)
        .filter_map(|rs| rs.desired_replicas_annotation)
        .any(|desired| desired != d.replicas)
}

/// Upstream `FindActiveOrLatest`: the only active ReplicaSet, or the newest one when none is
/// active; `None` when several are active.
pub fn find_active_or_latest(
    new_rs: Option<&ReplicaSetState>,
    old: &[ReplicaSetState],
) -> Option<RsRef> {
    if new_rs.is_none() && old.is_empty() {
        return None;
    }
    let mut olds: Vec<usize> = (0..old.len()).collect();
    // sort.Reverse(ReplicaSetsByCreationTimestamp): newest first.
    olds.sort_by(|&a, &b| by_creation(&old[b], &old[a]));
    let mut active: Vec<RsRef> = olds
        .iter()
        .filter(|&&i| old[i].replicas > 0)
        .map(|&i| RsRef::Old(i))
        .collect();
    if new_rs.is_some_and(|rs| rs.replicas > 0) {
        active.push(RsRef::New);
    }
    match active.len() {
        0 => {
            if new_rs.is_some() {
                Some(RsRef::New)
            } else {
                olds.first().map(|&i| RsRef::Old(i))
            }
        }
        1 => active.first().copied(),
        _ => None,
    }
}

/// Upstream `getReplicaSetFraction`: how many replicas `rs` gains (or loses, negative) when
/// the Deployment is resized to `d.replicas`, in proportion to its share of the old
/// `max-replicas` annotation. A missing or zero annotation falls back to the Deployment's
/// `status.replicas` (`deployment_status_replicas`); 0 when that is 0 too. Scaling to zero
/// replicas removes the whole ReplicaSet.
///
/// `round(rs.replicas × (replicas + maxSurge) / maxReplicasBefore) − rs.replicas` exactly as
/// the controller computes it: the product and the sums are `int32`s and wrap, the division
/// and `math.Round` (halves away from zero) are `float64`, and the rounded `float64` becomes
/// an `int32` as Go does on amd64 (`math.MinInt32` when out of range).
pub fn replica_set_fraction(
    rs: &ReplicaSetState,
    d: &DeploymentParams,
    deployment_status_replicas: i32,
) -> Result<i32, RollingError> {
    if d.replicas == 0 {
        return Ok(rs.replicas.wrapping_neg());
    }
    let deployment_replicas = d.max_replicas()?;
    let annotated = match rs.max_replicas_annotation {
        Some(v) if v != 0 => v,
        _ => deployment_status_replicas,
    };
    if annotated == 0 {
        return Ok(0);
    }
    let size = f64::from(rs.replicas.wrapping_mul(deployment_replicas)) / f64::from(annotated);
    Ok(go_int32_of_f64(size.round()).wrapping_sub(rs.replicas))
}

/// Upstream `GetReplicaSetProportion`: [`replica_set_fraction`] limited to what is still to be
/// added (`to_add − added`, scaling up) or removed (scaling down); `int32`s, wrapping.
pub fn replica_set_proportion(
    rs: &ReplicaSetState,
    d: &DeploymentParams,
    deployment_status_replicas: i32,
    to_add: i32,
    added: i32,
) -> Result<i32, RollingError> {
    if rs.replicas == 0 || to_add == 0 || to_add == added {
        return Ok(0);
    }
    let fraction = replica_set_fraction(rs, d, deployment_status_replicas)?;
    let allowed = to_add.wrapping_sub(added);
    Ok(if to_add > 0 {
        fraction.min(allowed)
    } else {
        fraction.max(allowed)
    })
}

/// Upstream `sync.go` `scale`: resizes the ReplicaSets of a Deployment whose `spec.replicas`
/// changed (a scaling event, or any sync of a paused Deployment).
///
/// * One active ReplicaSet (or none: the newest) takes `replicas`.
/// * A saturated new ReplicaSet ([`is_saturated`]) scales every active old one to 0.
/// * Otherwise, for `RollingUpdate`, the difference between `replicas + maxSurge` and the
///   current total is spread over the active ReplicaSets in proportion to their size
///   ([`replica_set_proportion`]), largest first — newer first on ties when growing, older
///   first when shrinking — and any leftover goes to the first (largest) one.
///
/// Returns the ReplicaSets whose size changes, in the order the controller updates them.
pub fn proportional_scale(
    d: &DeploymentParams,
    deployment_status_replicas: i32,
    new_rs: Option<&ReplicaSetState>,
    old: &[ReplicaSetState],
) -> Result<Vec<ScaleAction>, RollingError> {
    let get = |r: RsRef| -> Option<&ReplicaSetState> {
        match r {
            RsRef::New => new_rs,
            RsRef::Old(i) => old.get(i),
        }
    };
    let action = |r: RsRef, to: i32| -> Option<ScaleAction> {
        let rs = get(r)?;
        (to != rs.replicas).then(|| ScaleAction {
            target: r,
            name: rs.name.clone(),
            from: rs.replicas,
            to,
        })
    };
    if let Some(r) = find_active_or_latest(new_rs, old) {
        return Ok(action(r, d.replicas).into_iter().collect());
    }
    if is_saturated(d, new_rs) {
        return Ok(old
            .iter()
            .enumerate()
            .filter(|(_, rs)| rs.replicas > 0)
            .filter_map(|(i, _)| action(RsRef::Old(i), 0))
            .collect());
    }
    if !d.is_rolling_update() {
        return Ok(Vec::new());
    }
    let mut active: Vec<RsRef> = old
        .iter()
        .enumerate()
        .filter(|(_, rs)| rs.replicas > 0)
        .map(|(i, _)| RsRef::Old(i))
        .collect();
    if new_rs.is_some_and(|rs| rs.replicas > 0) {
        active.push(RsRef::New);
    }
    let rs_of = |r: &RsRef| get(*r).cloned().unwrap_or_default();
    let total = active
        .iter()
        .fold(0i32, |acc, r| acc.wrapping_add(rs_of(r).replicas));
    let allowed_size = if d.replicas > 0 { d.max_replicas()? } else { 0 };
    let to_add = allowed_size.wrapping_sub(total);
    match to_add.cmp(&0) {
        // ReplicaSetsBySizeNewer: larger first, newer first on ties.
        Ordering::Greater => active.sort_by(|a, b| {
            let (a, b) = (rs_of(a), rs_of(b));
            b.replicas
                .cmp(&a.replicas)
                .then_with(|| by_creation(&b, &a))
        }),
        // ReplicaSetsBySizeOlder: larger first, older first on ties.
        Ordering::Less => active.sort_by(|a, b| {
            let (a, b) = (rs_of(a), rs_of(b));
            b.replicas
                .cmp(&a.replicas)
                .then_with(|| by_creation(&a, &b))
        }),
        Ordering::Equal => {}
    }
    let mut added: i32 = 0;
    let mut sizes: Vec<i32> = Vec::with_capacity(active.len());
    for r in &active {
        let rs = rs_of(r);
        if to_add != 0 {
            let p = replica_set_proportion(&rs, d, deployment_status_replicas, to_add, added)?;
            sizes.push(rs.replicas.wrapping_add(p));
            added = added.wrapping_add(p);
        } else {
            sizes.push(rs.replicas);
        }
    }
    if to_add != 0
        && let Some(first) = sizes.first_mut()
    {
        *first = first.wrapping_add(to_add.wrapping_sub(added)).max(0);
    }
    Ok(active
        .iter()
        .zip(sizes)
        .filter_map(|(r, size)| action(*r, size))
        .collect())
}

/// The status counts the progress functions compare.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct DeploymentStatusCounts {
    /// `status.replicas`: pods of every ReplicaSet (not terminating).
    pub replicas: i32,
    /// `status.updatedReplicas`: pods of the new ReplicaSet.
    pub updated_replicas: i32,
    /// `status.readyReplicas`.
    pub ready_replicas: i32,
    /// `status.availableReplicas`.
    pub available_replicas: i32,
    /// `status.observedGeneration`.
    pub observed_generation: i64,
}

impl From<&DeploymentStatus> for DeploymentStatusCounts {
    fn from(s: &DeploymentStatus) -> Self {
        DeploymentStatusCounts {
            replicas: s.replicas.unwrap_or(0),
            updated_replicas: s.updated_replicas.unwrap_or(0),
            ready_replicas: s.ready_replicas.unwrap_or(0),
            available_replicas: s.available_replicas.unwrap_or(0),
            observed_generation: s.observed_generation.unwrap_or(0),
        }
    }
}

/// Upstream `DeploymentComplete`: every desired replica is updated and available, no old pod
/// remains, and the status is of the current `generation`.
pub fn deployment_complete(replicas: i32, generation: i64, s: &DeploymentStatusCounts) -> bool {
    s.updated_replicas == replicas
        && s.replicas == replicas
        && s.available_replicas == replicas
        && s.observed_generation >= generation
}

/// Upstream `DeploymentProgressing`: from `old` to `new` more pods were updated, old pods went
/// away, or more became ready or available.
pub fn deployment_progressing(old: &DeploymentStatusCounts, new: &DeploymentStatusCounts) -> bool {
    // int32 differences, wrapping as upstream's.
    let old_old = old.replicas.wrapping_sub(old.updated_replicas);
    let new_old = new.replicas.wrapping_sub(new.updated_replicas);
    new.updated_replicas > old.updated_replicas
        || new_old < old_old
        || new.ready_replicas > old.ready_replicas
        || new.available_replicas > old.available_replicas
}

/// Upstream `DeploymentTimedOut`: the `Progressing` condition's last update is more than
/// `progressDeadlineSeconds` before `now`. Never with no deadline (`None` or `i32::MAX`,
/// `HasProgressDeadline`) or no `Progressing` condition; never after `NewReplicaSetAvailable`;
/// always once `ProgressDeadlineExceeded` was reported.
pub fn deployment_timed_out(
    progress_deadline_seconds: Option<i32>,
    conditions: &[DeploymentCondition],
    now: Timestamp,
) -> bool {
    let Some(pds) = progress_deadline_seconds.filter(|&s| s != i32::MAX) else {
        return false;
    };
    let Some(cond) = conditions
        .iter()
        .find(|c| c.type_.go_str() == "Progressing")
    else {
        return false;
    };
    match cond.reason.as_deref() {
        Some("NewReplicaSetAvailable") => return false,
        Some("ProgressDeadlineExceeded") => return true,
        _ => {}
    }
    // Go's zero time for an unset lastUpdateTime: long ago.
    let from = cond
        .last_update_time
        .as_ref()
        .map_or(Timestamp::MIN, |t| t.0);
    match from.checked_add(SignedDuration::from_secs(i64::from(pds))) {
        Ok(deadline) => deadline < now,
        Err(_) => pds < 0,
    }
}

#[cfg(test)]
mod tests;
