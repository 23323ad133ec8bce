//! HorizontalPodAutoscaler replica arithmetic, exactly as `kube-controller-manager` computes it.
//!
//! ```
//! use acp_workload::hpa::{self, HpaOptions, HpaHistory, HpaInput, MetricSample};
//! use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler;
//! use k8s_openapi::api::core::v1::Pod;
//!
//! // The ACP documentation's example: three pods at 80 %, 80 % and 90 %
// seed 003:9431-9437
//! // of a 100m CPU request, target 60 %.
//! let hpa: HorizontalPodAutoscaler = serde_json::from_value(serde_json::json!({
//!     "metadata": {"name": "web"},
//!     "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "minReplicas": 1, "maxReplicas": 10,
//!              "metrics": [{"type": "Resource", "resource": {"name": "cpu",
//!                           "target": {"type": "Utilization", "averageUtilization": 60}}}]}
//! })).unwrap();
//! let now = jiff::Timestamp::from_second(1_700_000_000).unwrap();
//! let pods: Vec<Pod> = ["a", "b", "c"].iter().map(|n| hpa::fixtures::ready_pod(n, "100m", now)).collect();
//! let samples = vec![MetricSample::PodResources(vec![
//!     hpa::fixtures::pod_usage("a", "cpu", "80m", now), hpa::fixtures::pod_usage("b", "cpu", "80m", now),
//!     hpa::fixtures::pod_usage("c", "cpu", "90m", now),
//! ])];
//! let d = hpa::compute(&HpaInput {
//!     hpa: &hpa, spec_replicas: 3, status_replicas: 3, pods: &pods, metrics: &samples,
//!     history: &HpaHistory::default(), now,
//! }, &HpaOptions::default()).unwrap();
//! // utilization int32(250*100/300) = 83 %; ratio 83/60 = 1.383…; ceil(1.383… × 3) = 5
//! assert_eq!(d.desired_replicas, 5);
//! assert!(d.rescale);
//! assert_eq!(d.condition("ScalingLimited").unwrap().reason.as_deref(), Some("DesiredWithinRange"));
//! ```
//!
//! # What is reproduced
//!
//! One sync of the HPA controller (`pkg/controller/podautoscaler/horizontal.go`
//! `reconcileAutoscaler`) from pure inputs: the HPA (`autoscaling/v2`, as users have it — the
//! apiserver's defaults of `pkg/apis/autoscaling/v2/defaults.go` are applied first), the scale
//! subresource's `spec.replicas` / `status.replicas`, the pods the selector matches, one
//! [`MetricSample`] per `spec.metrics` entry, the controller's in-memory history
//! ([`HpaHistory`]: recommendations and scale events, which the controller keeps per HPA and
//! loses on restart) and `now`. The result ([`HpaDecision`]) is the replica count written to
//! the scale subresource, the updated history, the metric statuses and the conditions
//! (`AbleToScale`, `ScalingActive`, `ScalingLimited` with upstream's reasons and messages:
//! `ScaleUpLimit`, `ScaleDownLimit`, `TooManyReplicas`, `TooFewReplicas`, `DesiredWithinRange`,
//! `ScaleUpStabilized`, `ScaleDownStabilized`, `ReadyForNewScale`, `ValidMetricFound`,
//! `ScalingDisabled`, `Failed…Metric`, …).
//!
//! * **Replica calculator** (`replica_calculator.go`): pod grouping (deleted/failed ignored,
//!   pending unready, no sample missing, CPU initialization period and initial readiness delay),
//!   requests (container, restartable init containers, pod-level requests), the utilization
//!   `int32(sum(usage)·100 / sum(requests))` truncation, the missing-pod fill (`max(100, target)`
//!   % of the request on scale-down, 0 on scale-up), unready pods as 0 on scale-up, the
//!   direction-flip guards, every source (Resource / ContainerResource `Utilization` and
//!   `AverageValue`, Pods, Object `Value`/`AverageValue`, External `Value`/`AverageValue`).
//! * **Several metrics** (`computeReplicasForMetrics`): the maximum proposal; when some metrics
//!   fail the controller still scales *up* on the others, but not down.
//! * **No `behavior`**: `stabilizeRecommendation` over the downscale window, then
//!   `[minReplicas, min(maxReplicas, max(2·current, 4))]`.
//! * **`behavior`**: stabilization windows over the recommendation history, `Pods`/`Percent`
//!   policies over the scale-event history, `selectPolicy` `Max`/`Min`/`Disabled`, per-direction
//!   `tolerance` (feature gate `HPAConfigurableTolerance`, beta and on in 1.35).
//!
//! # Floating point
//!
//! Upstream computes usage ratios, tolerances, `Percent` policies and the `max(2·current, 4)`
//! limit in `float64`. This module performs the same IEEE-754 double operations in the same
//! order (that is the fidelity: `100` replicas `+10%` allow **111**, `10` replicas `-80%` allow
//! **1**); quantities stay exact ([`Quantity`]) and are converted with `MilliValue()` where
//! upstream does. Float → int32 conversions saturate (Go's are platform-defined out of range).
//!
//! # Versions and sources
//!
//! `replica_calculator.go` was read at the revision with `Tolerances`, pod-level requests and the
//! `max(100, target)` fill (Kubernetes 1.34/1.35); `horizontal.go` at its latest revision
//! available here (1.32, before `tolerancesForHpa`) plus `tolerancesForHpa` as 1.33+ has it
//! (per-direction tolerance from `spec.behavior.scale{Up,Down}.tolerance`, read with
//! `AsApproximateFloat64`). Controller defaults: `pkg/controller/podautoscaler/config/v1alpha1`
//! (`tolerance` 0.1, CPU initialization period 5 min, initial readiness delay 30 s, downscale
//! stabilization 5 min).
//!
//! The ACP console states the same rule in simpler terms;
//! [`console_replicas`] reproduces that formulation and
// seed 003:9427-9451
//! explains it in words. [`v1_to_v2`] / [`v2_to_v1`] convert between `autoscaling/v1` and
//! `autoscaling/v2` as the apiserver does, and [`parse_v2`] reads an `autoscaling/v2` manifest
//! and reports v1 fields (the ACP documentation's `targetCPUUtilizationPercentage`) with the field to use.

mod behavior;
mod calc;
mod console;
mod convert;
pub mod metrics_api;

use std::collections::BTreeMap;

use acp_model::quantity::{Format, Quantity};
use acp_model::resource_names::CPU;
use acp_quota::usage::FeatureGates;
use jiff::{SignedDuration, Timestamp};
use k8s_openapi::api::autoscaling::v2::{
    ContainerResourceMetricStatus, ExternalMetricStatus, HPAScalingRules, HorizontalPodAutoscaler,
    HorizontalPodAutoscalerBehavior, HorizontalPodAutoscalerCondition, HorizontalPodAutoscalerSpec,
    HorizontalPodAutoscalerStatus, MetricIdentifier, MetricSpec, MetricStatus, MetricTarget,
    MetricValueStatus, ObjectMetricStatus, PodsMetricStatus, ResourceMetricSource,
    ResourceMetricStatus,
};
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use serde::{Deserialize, Serialize};

pub use behavior::{
    POLICY_PERCENT, POLICY_PODS, SELECT_DISABLED, SELECT_MAX, SELECT_MIN, default_scale_down_rules,
    default_scale_up_rules, defaulted_behavior,
};
use behavior::{
    convert_desired_replicas_with_behavior_rate, convert_desired_replicas_with_rules,
    store_scale_event,
};

/// The controller's individual steps, one function per upstream function of
/// `pkg/controller/podautoscaler/horizontal.go` (stabilisation windows, scale-up and
/// scale-down limits, the scale-event record), with upstream's argument order and integer
/// widths.
///
/// [`compute`] runs all of them in upstream's order; use these only to reproduce or inspect a
/// single step. Their signatures follow upstream and may change when upstream's do.
pub mod upstream {
    pub use super::behavior::{
        convert_desired_replicas_with_behavior_rate, convert_desired_replicas_with_rules,
        replicas_change_per_period, scale_down_limit_with_rules, scale_up_limit,
        scale_up_limit_with_rules, stabilize_recommendation, stabilize_with_behaviors,
        store_scale_event,
    };
}

/// Ready-made pods and metric samples for examples, tests and benchmarks.
///
/// Not part of the controller's arithmetic: production callers pass the pods and
/// [`PodMetrics`] their cluster reports.
pub mod fixtures {
    use std::collections::BTreeMap;

    use jiff::{SignedDuration, Timestamp};
    use k8s_openapi::api::core::v1::Pod;

    use super::{ContainerUsage, PodMetrics};

    /// A running, ready pod named `name` requesting `cpu_request` of CPU in one container, started
    /// an hour before `now`.
    pub fn ready_pod(name: &str, cpu_request: &str, now: Timestamp) -> Pod {
        let started = now
            .checked_sub(SignedDuration::from_hours(1))
            .unwrap_or(now);
        serde_json::from_value(serde_json::json!({
            "metadata": {"name": name},
            "spec": {"containers": [{"name": "app", "resources": {"requests": {"cpu": cpu_request}}}]},
            "status": {"phase": "Running", "startTime": started.to_string(),
                       "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": started.to_string()}]}
        }))
        .unwrap_or_default()
    }

    /// A [`PodMetrics`] sample with one container (`app`) using `value` of `resource`, taken at
    /// `now` over a 1-minute window. Unparsable values count as zero.
    pub fn pod_usage(pod: &str, resource: &str, value: &str, now: Timestamp) -> PodMetrics {
        PodMetrics {
            pod: pod.into(),
            namespace: String::new(),
            timestamp: now,
            window: SignedDuration::from_mins(1),
            containers: vec![ContainerUsage {
                name: "app".into(),
                usage: BTreeMap::from([(resource.to_owned(), value.parse().unwrap_or_default())]),
            }],
        }
    }
}

pub use console::{ConsoleError, ConsoleInput, ConsolePolicy, ConsoleResult, console_replicas};
pub use convert::{
    BEHAVIOR_SPECS_ANNOTATION, CONDITIONS_ANNOTATION, ConversionError, DEFAULT_CPU_UTILIZATION,
    HpaManifestError, METRIC_SPECS_ANNOTATION, METRIC_STATUSES_ANNOTATION, parse_v2, v1_to_v2,
    v2_to_v1,
};

/// The `autoscaling/v2` HPA type this module reads (re-exported for callers without a direct
/// `k8s-openapi` dependency).
pub use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler as HpaV2;

use calc::Calc;

/// The controller's flags and feature gates that change the arithmetic.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct HpaOptions {
    // seed 003:9372
    /// `--horizontal-pod-autoscaler-tolerance` (default `0.1`): ratios within `[1 − t, 1 + t]`
    /// leave the replica count unchanged. The ACP documentation's "±10%".
    pub tolerance: f64,
    /// `--horizontal-pod-autoscaler-cpu-initialization-period` (default 5 min).
    pub cpu_initialization_period: SignedDuration,
    /// `--horizontal-pod-autoscaler-initial-readiness-delay` (default 30 s).
    pub initial_readiness_delay: SignedDuration,
    // seed 003:9126
    /// `--horizontal-pod-autoscaler-downscale-stabilization` (default 5 min; the ACP documentation's "默认 300
    /// 秒"). Whole seconds are used, as upstream converts it.
    pub downscale_stabilization: SignedDuration,
    /// The feature gates; the controller reads `HPAConfigurableTolerance` (honour
    /// `spec.behavior.scale{Up,Down}.tolerance`) and `PodLevelResources` (use pod-level
    /// requests).
    pub gates: FeatureGates,
}

impl HpaOptions {
    /// Sets [`tolerance`](HpaOptions::tolerance).
    #[must_use]
    pub fn with_tolerance(mut self, tolerance: f64) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Sets [`cpu_initialization_period`](HpaOptions::cpu_initialization_period).
    #[must_use]
    pub fn with_cpu_initialization_period(
        mut self,
        cpu_initialization_period: SignedDuration,
    ) -> Self {
        self.cpu_initialization_period = cpu_initialization_period;
        self
    }

    /// Sets [`initial_readiness_delay`](HpaOptions::initial_readiness_delay).
    #[must_use]
    pub fn with_initial_readiness_delay(mut self, initial_readiness_delay: SignedDuration) -> Self {
        self.initial_readiness_delay = initial_readiness_delay;
        self
    }

    /// Sets [`downscale_stabilization`](HpaOptions::downscale_stabilization).
    #[must_use]
    pub fn with_downscale_stabilization(mut self, downscale_stabilization: SignedDuration) -> Self {
        self.downscale_stabilization = downscale_stabilization;
        self
    }

    /// Sets [`gates`](HpaOptions::gates).
    #[must_use]
    pub fn with_gates(mut self, gates: FeatureGates) -> Self {
        self.gates = gates;
        self
    }
}

impl Default for HpaOptions {
    fn default() -> Self {
        HpaOptions {
            tolerance: 0.1,
            cpu_initialization_period: SignedDuration::from_mins(5),
            initial_readiness_delay: SignedDuration::from_secs(30),
            downscale_stabilization: SignedDuration::from_mins(5),
            gates: FeatureGates::default(),
        }
    }
}

impl HpaOptions {
    /// The settings of upstream's unit tests (`defaultTestingTolerance` 0.1,
    /// `defaultTestingCPUInitializationPeriod` 2 min, `defaultTestingDelayOfInitialReadinessStatus`
    /// 10 s).
    pub fn upstream_testing() -> Self {
        HpaOptions {
            cpu_initialization_period: SignedDuration::from_mins(2),
            initial_readiness_delay: SignedDuration::from_secs(10),
            ..HpaOptions::default()
        }
    }
}

/// Scale-down and scale-up tolerances (upstream `Tolerances`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tolerances {
    /// Ratios down to `1 − scale_down` are within tolerance.
    pub scale_down: f64,
    /// Ratios up to `1 + scale_up` are within tolerance.
    pub scale_up: f64,
}

impl Tolerances {
    /// `isWithin`: `1 − down ≤ ratio ≤ 1 + up` (in `float64`).
    pub fn is_within(self, ratio: f64) -> bool {
        (1.0 - self.scale_down) <= ratio && ratio <= (1.0 + self.scale_up)
    }

    /// `tolerancesForHpa`: the controller tolerance in both directions, overridden per direction
    /// by `spec.behavior.scale{Up,Down}.tolerance` when the `HPAConfigurableTolerance` gate is on.
    pub fn for_hpa(spec: &HorizontalPodAutoscalerSpec, config: &HpaOptions) -> Tolerances {
        let mut t = Tolerances {
            scale_down: config.tolerance,
            scale_up: config.tolerance,
        };
        if !config.gates.hpa_configurable_tolerance {
            return t;
        }
        let Some(b) = spec.behavior.as_ref() else {
            return t;
        };
        let tol = |r: &Option<HPAScalingRules>| {
            r.as_ref()
                .and_then(|r| r.tolerance.as_ref())
                .and_then(approximate_f64)
        };
        if let Some(v) = tol(&b.scale_down) {
            t.scale_down = v;
        }
        if let Some(v) = tol(&b.scale_up) {
            t.scale_up = v;
        }
        t
    }
}

/// One container's usage in a [`PodMetrics`] sample (`metrics.k8s.io` `ContainerMetrics`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContainerUsage {
    /// Container name.
    pub name: String,
    /// Usage per resource (`cpu`, `memory`).
    pub usage: BTreeMap<String, Quantity>,
}

/// A pod's resource usage sample (`metrics.k8s.io/v1beta1` `PodMetrics`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PodMetrics {
    /// Pod name.
    pub pod: String,
    /// Pod namespace (upstream prints it in the missing-container error); empty when unknown.
    #[serde(default)]
    pub namespace: String,
    /// When the sample was taken.
    pub timestamp: Timestamp,
    /// The sample window (metrics-server: typically 15 s–1 min).
    pub window: SignedDuration,
    /// Per-container usage.
    pub containers: Vec<ContainerUsage>,
}

/// The metric values the controller fetched for one `spec.metrics` entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MetricSample {
    /// `metrics.k8s.io` pod samples, for `Resource` and `ContainerResource` metrics.
    PodResources(Vec<PodMetrics>),
    /// `custom.metrics.k8s.io` per-pod values, for `Pods` metrics: `(pod name, value)`.
    PerPod(Vec<(String, Quantity)>),
    /// `custom.metrics.k8s.io` value of the described object, for `Object` metrics.
    Object(Quantity),
    /// `external.metrics.k8s.io` values (summed), for `External` metrics.
    External(Vec<Quantity>),
    /// The fetch failed with this message (the metric counts as invalid).
    Unavailable(String),
}

/// A recommendation the controller remembers (`timestampedRecommendation`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimestampedRecommendation {
    /// The unstabilized replica recommendation.
    pub replicas: i32,
    /// When it was made.
    pub timestamp: Timestamp,
}

/// A scale event the controller remembers for rate policies (`timestampedScaleEvent`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleEvent {
    /// Absolute replica change.
    pub replica_change: i32,
    /// When it happened.
    pub timestamp: Timestamp,
    /// Older than the longest policy period; the slot is reused by the next event.
    pub outdated: bool,
}

/// The controller's in-memory state for one HPA. Persist it between calls; an empty history is
/// what the controller has after a restart.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HpaHistory {
    /// Recent recommendations (stabilization windows).
    pub recommendations: Vec<TimestampedRecommendation>,
    /// Scale-up events (behavior policies).
    pub scale_up_events: Vec<ScaleEvent>,
    /// Scale-down events (behavior policies).
    pub scale_down_events: Vec<ScaleEvent>,
}

/// Everything one controller sync reads.
#[derive(Clone, Copy, Debug)]
pub struct HpaInput<'a> {
    /// The HPA as stored (`autoscaling/v2`); apiserver defaults are applied here.
    pub hpa: &'a HorizontalPodAutoscaler,
    /// The scale subresource's `spec.replicas` (the current replica count).
    pub spec_replicas: i32,
    /// The scale subresource's `status.replicas` (used by Object/External `AverageValue`).
    pub status_replicas: i32,
    /// The pods the target's selector matches.
    pub pods: &'a [Pod],
    /// One sample per `spec.metrics` entry, in order; a missing entry counts as unavailable.
    pub metrics: &'a [MetricSample],
    /// The controller's history for this HPA.
    pub history: &'a HpaHistory,
    /// The current time.
    pub now: Timestamp,
}

/// The proposal of one metric.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum MetricOutcome {
    /// The metric produced a replica count.
    Proposal {
        /// Proposed replicas.
        replicas: i32,
        /// The controller's name for it (`cpu resource utilization (percentage of request)`).
        name: String,
    },
    /// The metric failed.
    Failed {
        /// Condition reason (`FailedGetResourceMetric`, …).
        reason: String,
        /// The error text.
        message: String,
    },
}

/// What one controller sync decides.
#[derive(Clone, Debug, PartialEq)]
pub struct HpaDecision {
    /// The replica count after this sync (written to the scale subresource when
    /// [`rescale`](Self::rescale), else the current count).
    pub desired_replicas: i32,
    /// Whether the controller updates the scale subresource.
    pub rescale: bool,
    /// The maximum over the metrics before normalization, when metrics were computed.
    pub metric_desired_replicas: Option<i32>,
    /// The event reason text (`cpu resource utilization (percentage of request) above target`,
    /// `All metrics below target`, `Current number of replicas above Spec.MaxReplicas`, …).
    pub rescale_reason: String,
    /// Per-metric outcomes, in `spec.metrics` order.
    pub metrics: Vec<MetricOutcome>,
    /// The HPA status the controller writes.
    pub status: HorizontalPodAutoscalerStatus,
    /// The error the sync returns (all metrics invalid, or some invalid while scaling up).
    pub error: Option<String>,
    /// The updated history.
    pub history: HpaHistory,
}

impl HpaDecision {
    /// The status condition of the given type.
    pub fn condition(&self, type_: &str) -> Option<&HorizontalPodAutoscalerCondition> {
        self.status
            .conditions
            .as_ref()?
            .iter()
            .find(|c| c.type_ == type_)
    }
}

/// Why an HPA cannot be computed at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum HpaError {
    /// The object has no `spec`.
    #[error("spec: Required value: the HorizontalPodAutoscaler has no spec")]
    MissingSpec,
    /// The inputs are impossible: replica bounds the API server would refuse (`minReplicas`
    /// negative, `maxReplicas` below 1 or below `minReplicas`) or a negative replica count of
    /// the scale subresource. Messages are the API server's.
    #[error("{0}")]
    Invalid(acp_model::validation::ErrorList),
}

/// The API server's checks of the numbers [`compute`] works with: `minReplicas` and
/// `maxReplicas` as `ValidateHorizontalPodAutoscalerSpec` checks them, the scale subresource's
/// replica counts as `ValidateScale` checks `spec.replicas`.
// DEVIATION: `minReplicas: 0` is accepted (upstream's bound with the `HPAScaleToZero` gate on);
// without that alpha gate the API server asks for at least 1.
pub fn validate_input(input: &HpaInput<'_>) -> acp_model::validation::ErrorList {
    use acp_model::validation::{ErrorList, FieldError, FieldPath};
    let mut errs = ErrorList::new();
    let Some(spec) = spec_of(input.hpa) else {
        errs.push(FieldError::required(&FieldPath::new("spec"), ""));
        return errs;
    };
    let path = FieldPath::new("spec");
    if let Some(min) = spec.min_replicas
        && min < 0
    {
        errs.push(FieldError::invalid(
            &path.child("minReplicas"),
            min,
            "must be greater than or equal to 0",
        ));
    }
    if spec.max_replicas < 1 {
        errs.push(FieldError::invalid(
            &path.child("maxReplicas"),
            spec.max_replicas,
            "must be greater than 0",
        ));
    }
    if let Some(min) = spec.min_replicas
        && spec.max_replicas < min
    {
        errs.push(FieldError::invalid(
            &path.child("maxReplicas"),
            spec.max_replicas,
            "must be greater than or equal to `minReplicas`",
        ));
    }
    for (field, value) in [
        ("spec_replicas", input.spec_replicas),
        ("status_replicas", input.status_replicas),
    ] {
        if value < 0 {
            // The scale subresource's `spec.replicas` / `status.replicas`.
            let scale_path = if field == "spec_replicas" {
                FieldPath::new("scale").child("spec").child("replicas")
            } else {
                FieldPath::new("scale").child("status").child("replicas")
            };
            errs.push(FieldError::invalid(
                &scale_path,
                value,
                "must be greater than or equal to 0",
            ));
        }
    }
    errs
}

#[allow(clippy::needless_return)]
fn spec_of(hpa: &HorizontalPodAutoscaler) -> Option<&HorizontalPodAutoscalerSpec> {
    k8s_openapi::k8s_if_le_1_35! {
        return hpa.spec.as_ref();
    }
    k8s_openapi::k8s_if_ge_1_36! {
        return Some(&hpa.spec);
    }
}

/// `SetDefaults_HorizontalPodAutoscaler`: `minReplicas` 1, CPU 80 % when there are no metrics,
/// and the behavior rules filled.
pub fn defaulted_spec(
    spec: &HorizontalPodAutoscalerSpec,
    config: &HpaOptions,
) -> HorizontalPodAutoscalerSpec {
    let mut s = spec.clone();
    if s.min_replicas.is_none() {
        s.min_replicas = Some(1);
    }
    if s.metrics.as_ref().is_none_or(Vec::is_empty) {
        s.metrics = Some(vec![cpu_utilization_metric(DEFAULT_CPU_UTILIZATION)]);
    }
    if let Some(b) = &s.behavior {
        s.behavior = Some(defaulted_behavior(b, stabilization_seconds(config)));
    }
    s
}

fn stabilization_seconds(config: &HpaOptions) -> i32 {
    i32::try_from(config.downscale_stabilization.as_secs()).unwrap_or(i32::MAX)
}

/// A `Resource` `cpu` metric with an `averageUtilization` target.
pub fn cpu_utilization_metric(percent: i32) -> MetricSpec {
    MetricSpec {
        type_: "Resource".into(),
        resource: Some(ResourceMetricSource {
            name: CPU.into(),
            target: MetricTarget {
                type_: "Utilization".into(),
                average_utilization: Some(percent),
                ..MetricTarget::default()
            },
        }),
        ..MetricSpec::default()
    }
}

/// Runs one controller sync. See the module docs. Impossible inputs ([`validate_input`]: replica
/// bounds the API server refuses, negative replica counts) are [`HpaError::Invalid`].
// Upstream: `reconcileAutoscaler`; its metric branch is `desired_from_metrics` here.
pub fn compute(input: &HpaInput<'_>, config: &HpaOptions) -> Result<HpaDecision, HpaError> {
    let raw_spec = spec_of(input.hpa).ok_or(HpaError::MissingSpec)?;
    let errs = validate_input(input);
    if !errs.is_empty() {
        return Err(HpaError::Invalid(errs));
    }
    let spec = defaulted_spec(raw_spec, config);
    let now = input.now;
    let old_status = input.hpa.status.clone().unwrap_or_default();
    let mut conds = Conditions {
        list: old_status.conditions.clone().unwrap_or_default(),
        now,
    };
    let mut history = input.history.clone();
    conds.set(
        "AbleToScale",
        "True",
        "SucceededGetScale",
        "the HPA controller was able to get the target's current scale".into(),
    );
    let current = input.spec_replicas;
    if history.recommendations.is_empty() {
        history.recommendations.push(TimestampedRecommendation {
            replicas: current,
            timestamp: now,
        });
    }
    let min = spec.min_replicas.unwrap_or(1);
    let max = spec.max_replicas;
    let mut decision = HpaDecision::keeping(current);
    let mut desired;
    let mut statuses = Vec::new();
    let rescale;
    if current == 0 && min != 0 {
        desired = 0;
        rescale = false;
        conds.set(
            "ScalingActive",
            "False",
            "ScalingDisabled",
            "scaling is disabled since the replica count of the target is zero".into(),
        );
    } else if current > max {
        decision.rescale_reason = "Current number of replicas above Spec.MaxReplicas".into();
        desired = max;
        rescale = true;
    } else if current < min {
        decision.rescale_reason = "Current number of replicas below Spec.MinReplicas".into();
        desired = min;
        rescale = true;
    } else {
        let (metric_desired, metric_statuses) = desired_from_metrics(
            &spec,
            input,
            config,
            &mut conds,
            &mut history,
            &mut decision,
        );
        statuses = metric_statuses;
        let Some(metric_desired) = metric_desired else {
            // All metrics invalid (or some invalid while scaling down): no rescale
            // (`setCurrentReplicasAndMetricsInStatus`: desired count and last scale time stay).
            decision.desired_replicas = current;
            decision.status = set_status(
                &old_status,
                current,
                old_status.desired_replicas,
                statuses,
                conds.list,
                old_status.last_scale_time.clone(),
            );
            decision.history = history;
            return Ok(decision);
        };
        desired = metric_desired;
        rescale = desired != current;
    }
    let mut last_scale_time = old_status.last_scale_time.clone();
    if rescale {
        record_rescale(&spec, &mut conds, &mut history, current, desired);
        last_scale_time = Some(Time(now));
    } else {
        desired = current;
    }
    decision.desired_replicas = desired;
    decision.rescale = rescale;
    decision.status = set_status(
        &old_status,
        current,
        desired,
        statuses,
        conds.list,
        last_scale_time,
    );
    decision.history = history;
    Ok(decision)
}

impl HpaDecision {
    /// A decision that keeps `current` replicas, before the sync fills it in.
    fn keeping(current: i32) -> Self {
        HpaDecision {
            desired_replicas: current,
            rescale: false,
            metric_desired_replicas: None,
            rescale_reason: String::new(),
            metrics: Vec::new(),
            status: HorizontalPodAutoscalerStatus::default(),
            error: None,
            history: HpaHistory::default(),
        }
    }
}

/// What `reconcileAutoscaler` records of a rescale: the `SucceededRescale` condition and the
/// scale event (`storeScaleEvent`).
fn record_rescale(
    spec: &HorizontalPodAutoscalerSpec,
    conds: &mut Conditions,
    history: &mut HpaHistory,
    current: i32,
    desired: i32,
) {
    conds.set(
        "AbleToScale",
        "True",
        "SucceededRescale",
        format!("the HPA controller was able to update the target scale to {desired}"),
    );
    let HpaHistory {
        scale_up_events,
        scale_down_events,
        ..
    } = history;
    store_scale_event(
        spec.behavior.as_ref(),
        scale_up_events,
        scale_down_events,
        current,
        desired,
        conds.now,
    );
}

/// The metric branch of `reconcileAutoscaler`: `computeReplicasForMetrics`, the rescale reason,
/// then `normalizeDesiredReplicas` (no `behavior`) or `normalizeDesiredReplicasWithBehaviors`.
/// The desired count is `None` when the metrics allow no decision.
fn desired_from_metrics(
    spec: &HorizontalPodAutoscalerSpec,
    input: &HpaInput<'_>,
    config: &HpaOptions,
    conds: &mut Conditions,
    history: &mut HpaHistory,
    decision: &mut HpaDecision,
) -> (Option<i32>, Vec<MetricStatus>) {
    let current = input.spec_replicas;
    let min = spec.min_replicas.unwrap_or(1);
    let max = spec.max_replicas;
    let tol = Tolerances::for_hpa(spec, config);
    let calc = Calc {
        cpu_initialization_period: config.cpu_initialization_period,
        initial_readiness_delay: config.initial_readiness_delay,
        pod_level_resources: config.gates.pod_level_resources,
        now: input.now,
    };
    let specs = spec.metrics.clone().unwrap_or_default();
    let m = compute_for_metrics(&specs, input, &calc, tol, conds);
    decision.metrics = m.outcomes;
    decision.error = m.error;
    let Some(metric_desired) = m.replicas else {
        return (None, m.statuses);
    };
    decision.metric_desired_replicas = Some(metric_desired);
    let mut desired = 0;
    let mut rescale_metric = String::new();
    if metric_desired > desired {
        desired = metric_desired;
        rescale_metric = m.name;
    }
    if desired > current {
        decision.rescale_reason = format!("{rescale_metric} above target");
    }
    if desired < current {
        decision.rescale_reason = "All metrics below target".into();
    }
    let desired = match &spec.behavior {
        None => normalize(spec, history, conds, current, desired, min, config),
        Some(b) => normalize_with_behaviors(b, history, conds, current, desired, min, max),
    };
    (Some(desired), m.statuses)
}

/// `setStatus`: the status written back after a sync.
fn set_status(
    old_status: &HorizontalPodAutoscalerStatus,
    current: i32,
    desired: i32,
    statuses: Vec<MetricStatus>,
    conditions: Vec<HorizontalPodAutoscalerCondition>,
    last_scale_time: Option<Time>,
) -> HorizontalPodAutoscalerStatus {
    HorizontalPodAutoscalerStatus {
        current_replicas: Some(current),
        desired_replicas: desired,
        last_scale_time,
        current_metrics: Some(statuses),
        conditions: Some(conditions),
        observed_generation: old_status.observed_generation,
    }
}

fn normalize(
    spec: &HorizontalPodAutoscalerSpec,
    history: &mut HpaHistory,
    conds: &mut Conditions,
    current: i32,
    prenormalized: i32,
    min: i32,
    config: &HpaOptions,
) -> i32 {
    let stabilized = behavior::stabilize_recommendation(
        &mut history.recommendations,
        prenormalized,
        config.downscale_stabilization.as_secs(),
        conds.now,
    );
    if stabilized != prenormalized {
        conds.set(
            "AbleToScale",
            "True",
            "ScaleDownStabilized",
            "recent recommendations were higher than current one, applying the highest recent recommendation".into(),
        );
    } else {
        conds.set(
            "AbleToScale",
            "True",
            "ReadyForNewScale",
            "recommended size matches current size".into(),
        );
    }
    let (desired, reason, msg) =
        convert_desired_replicas_with_rules(current, stabilized, min, spec.max_replicas);
    let status = if desired == stabilized {
        "False"
    } else {
        "True"
    };
    conds.set("ScalingLimited", status, reason, msg.into());
    desired
}

fn normalize_with_behaviors(
    b: &HorizontalPodAutoscalerBehavior,
    history: &mut HpaHistory,
    conds: &mut Conditions,
    current: i32,
    prenormalized: i32,
    min: i32,
    max: i32,
) -> i32 {
    let up = b.scale_up.clone().unwrap_or_else(default_scale_up_rules);
    let down = b
        .scale_down
        .clone()
        .unwrap_or_else(default_scale_down_rules);
    let (stabilized, reason, msg) = behavior::stabilize_with_behaviors(
        &mut history.recommendations,
        current,
        prenormalized,
        up.stabilization_window_seconds.unwrap_or(0),
        down.stabilization_window_seconds.unwrap_or(0),
        conds.now,
    );
    if stabilized != prenormalized {
        conds.set("AbleToScale", "True", reason, msg.into());
    } else {
        conds.set(
            "AbleToScale",
            "True",
            "ReadyForNewScale",
            "recommended size matches current size".into(),
        );
    }
    let (desired, reason, msg) = convert_desired_replicas_with_behavior_rate(
        current,
        stabilized,
        min,
        max,
        &up,
        &down,
        &history.scale_up_events,
        &history.scale_down_events,
        conds.now,
    );
    let status = if desired == stabilized {
        "False"
    } else {
        "True"
    };
    conds.set("ScalingLimited", status, reason, msg.into());
    desired
}

/// `setConditionInList`: updates or appends; the transition time changes with the status.
struct Conditions {
    list: Vec<HorizontalPodAutoscalerCondition>,
    now: Timestamp,
}

impl Conditions {
    fn set(&mut self, type_: &str, status: &str, reason: &str, message: String) {
        let idx = match self.list.iter().position(|c| c.type_ == type_) {
            Some(i) => i,
            None => {
                self.list.push(HorizontalPodAutoscalerCondition {
                    type_: type_.into(),
                    ..Default::default()
                });
                self.list.len() - 1
            }
        };
        if let Some(c) = self.list.get_mut(idx) {
            if c.status != status {
                c.last_transition_time = Some(Time(self.now));
            }
            c.status = status.into();
            c.reason = Some(reason.into());
            c.message = Some(message);
        }
    }
}

struct MetricsResult {
    replicas: Option<i32>,
    name: String,
    statuses: Vec<MetricStatus>,
    outcomes: Vec<MetricOutcome>,
    error: Option<String>,
}

/// `computeReplicasForMetrics`.
fn compute_for_metrics(
    specs: &[MetricSpec],
    input: &HpaInput<'_>,
    calc: &Calc,
    tol: Tolerances,
    conds: &mut Conditions,
) -> MetricsResult {
    let mut replicas = 0i32;
    let mut name = String::new();
    let mut statuses = Vec::with_capacity(specs.len());
    let mut outcomes = Vec::with_capacity(specs.len());
    let mut invalid = 0usize;
    let mut first: Option<(String, String)> = None;
    for (i, spec) in specs.iter().enumerate() {
        let sample = input.metrics.get(i);
        match compute_for_metric(spec, sample, input, calc, tol) {
            Ok((r, n, status)) => {
                statuses.push(status);
                if replicas == 0 || r > replicas {
                    replicas = r;
                    name.clone_from(&n);
                }
                outcomes.push(MetricOutcome::Proposal {
                    replicas: r,
                    name: n,
                });
            }
            Err((reason, message)) => {
                statuses.push(MetricStatus::default());
                if first.is_none() {
                    first = Some((reason.clone(), message.clone()));
                }
                invalid += 1;
                outcomes.push(MetricOutcome::Failed { reason, message });
            }
        }
    }
    let error = first.as_ref().map(|(_, m)| {
        format!(
            "invalid metrics ({invalid} invalid out of {}), first error is: {m}",
            specs.len()
        )
    });
    if invalid >= specs.len() || (invalid > 0 && replicas < input.spec_replicas) {
        if let Some((reason, message)) = &first {
            conds.set(
                "ScalingActive",
                "False",
                reason,
                format!("the HPA was unable to compute the replica count: {message}"),
            );
        }
        return MetricsResult {
            replicas: None,
            name: String::new(),
            statuses,
            outcomes,
            error,
        };
    }
    conds.set(
        "ScalingActive",
        "True",
        "ValidMetricFound",
        format!("the HPA was able to successfully calculate a replica count from {name}"),
    );
    MetricsResult {
        replicas: Some(replicas),
        name,
        statuses,
        outcomes,
        error,
    }
}

type MetricErr = (String, String);

fn fail(reason: &str, message: impl Into<String>) -> MetricErr {
    (reason.to_owned(), message.into())
}

fn milli_quantity(v: i64) -> k8s_openapi::apimachinery::pkg::api::resource::Quantity {
    (&Quantity::from_millis(v, Format::DecimalSI)).into()
}

fn target_milli(
    q: Option<&k8s_openapi::apimachinery::pkg::api::resource::Quantity>,
) -> Option<i64> {
    q.and_then(|q| Quantity::try_from(q).ok())
        .map(|q| q.milli_value())
}

fn unavailable(sample: Option<&MetricSample>) -> String {
    match sample {
        Some(MetricSample::Unavailable(m)) => m.clone(),
        Some(_) => "the metric sample does not match the metric type".into(),
        None => "no metric sample supplied".into(),
    }
}

/// One metric's proposal: `(replicas, metric name, status)`.
type Proposal = (i32, String, MetricStatus);

/// `computeReplicasForMetric`: the `computeStatusFor…Metric` function of the metric's source
/// type.
fn compute_for_metric(
    spec: &MetricSpec,
    sample: Option<&MetricSample>,
    input: &HpaInput<'_>,
    calc: &Calc,
    tol: Tolerances,
) -> Result<Proposal, MetricErr> {
    match spec.type_.as_str() {
        "Object" => compute_status_for_object_metric(spec, sample, input, tol),
        "Pods" => compute_status_for_pods_metric(spec, sample, input, calc, tol),
        "Resource" => compute_status_for_resource_metric(spec, sample, input, calc, tol),
        "ContainerResource" => {
            compute_status_for_container_resource_metric(spec, sample, input, calc, tol)
        }
        "External" => compute_status_for_external_metric(spec, sample, input, tol),
        other => Err(fail(
            "InvalidMetricSourceType",
            format!("unknown metric source type {other:?}"),
        )),
    }
}

/// `computeStatusForObjectMetric`: `GetObjectMetricReplicas` for a `Value` target,
/// `GetObjectPerPodMetricReplicas` for an `AverageValue` target.
fn compute_status_for_object_metric(
    spec: &MetricSpec,
    sample: Option<&MetricSample>,
    input: &HpaInput<'_>,
    tol: Tolerances,
) -> Result<Proposal, MetricErr> {
    const R: &str = "FailedGetObjectMetric";
    let Some(o) = &spec.object else {
        return Err(fail(
            R,
            "invalid object metric source: the object field is not set",
        ));
    };
    let Some(MetricSample::Object(q)) = sample else {
        return Err(fail(
            R,
            format!(
                "unable to get metric {}: {} on {} {}/{}",
                o.metric.name,
                unavailable(sample),
                o.described_object.kind,
                input.hpa.metadata.namespace.as_deref().unwrap_or(""),
                o.described_object.name
            ),
        ));
    };
    let usage = q.milli_value();
    let metric = MetricIdentifier {
        name: o.metric.name.clone(),
        selector: o.metric.selector.clone(),
    };
    if let (true, Some(target)) = (
        o.target.type_ == "Value",
        target_milli(o.target.value.as_ref()),
    ) {
        let ratio = usage as f64 / target as f64;
        let r = calc::usage_ratio_replica_count(input.spec_replicas, ratio, tol, input.pods)
            .map_err(|e| fail(R, e))?;
        let status = MetricStatus {
            type_: "Object".into(),
            object: Some(ObjectMetricStatus {
                described_object: o.described_object.clone(),
                metric,
                current: MetricValueStatus {
                    value: Some(milli_quantity(usage)),
                    ..Default::default()
                },
            }),
            ..Default::default()
        };
        let name = format!("{} metric {}", o.described_object.kind, o.metric.name);
        return Ok((r, name, status));
    }
    if let (true, Some(target)) = (
        o.target.type_ == "AverageValue",
        target_milli(o.target.average_value.as_ref()),
    ) {
        let (r, per_pod) = calc::object_per_pod_replicas(input.status_replicas, target, usage, tol);
        let status = MetricStatus {
            type_: "Object".into(),
            object: Some(ObjectMetricStatus {
                described_object: Default::default(),
                metric,
                current: MetricValueStatus {
                    average_value: Some(milli_quantity(per_pod)),
                    ..Default::default()
                },
            }),
            ..Default::default()
        };
        let name = format!(
            "external metric {}({})",
            o.metric.name,
            selector_text(&o.metric)
        );
        return Ok((r, name, status));
    }
    Err(fail(
        R,
        "invalid object metric source: neither a value target nor an average value target was set",
    ))
}

/// `computeStatusForPodsMetric`: `GetMetricReplicas` over the per-pod samples.
fn compute_status_for_pods_metric(
    spec: &MetricSpec,
    sample: Option<&MetricSample>,
    input: &HpaInput<'_>,
    calc: &Calc,
    tol: Tolerances,
) -> Result<Proposal, MetricErr> {
    const R: &str = "FailedGetPodsMetric";
    let Some(p) = &spec.pods else {
        return Err(fail(
            R,
            "invalid pods metric source: the pods field is not set",
        ));
    };
    let Some(target) = target_milli(p.target.average_value.as_ref()) else {
        return Err(fail(
            R,
            "invalid pods metric source: no average value target was set",
        ));
    };
    let Some(MetricSample::PerPod(values)) = sample else {
        return Err(fail(
            R,
            format!(
                "unable to get metric {}: {}",
                p.metric.name,
                unavailable(sample)
            ),
        ));
    };
    let metrics = values
        .iter()
        .map(|(pod, q)| {
            (
                pod.clone(),
                calc::PodMetric {
                    value: q.milli_value(),
                    timestamp: input.now,
                    window: SignedDuration::from_mins(1),
                },
            )
        })
        .collect();
    let (r, usage) = calc::plain_metric_replicas(
        calc,
        input.spec_replicas,
        target,
        "",
        tol,
        input.pods,
        metrics,
    )
    .map_err(|e| fail(R, e))?;
    let status = MetricStatus {
        type_: "Pods".into(),
        pods: Some(PodsMetricStatus {
            metric: MetricIdentifier {
                name: p.metric.name.clone(),
                selector: p.metric.selector.clone(),
            },
            current: MetricValueStatus {
                average_value: Some(milli_quantity(usage)),
                ..Default::default()
            },
        }),
        ..Default::default()
    };
    Ok((r, format!("pods metric {}", p.metric.name), status))
}

/// `computeStatusForResourceMetric`.
fn compute_status_for_resource_metric(
    spec: &MetricSpec,
    sample: Option<&MetricSample>,
    input: &HpaInput<'_>,
    calc: &Calc,
    tol: Tolerances,
) -> Result<Proposal, MetricErr> {
    let Some(r) = &spec.resource else {
        return Err(fail(
            "FailedGetResourceMetric",
            "invalid resource metric source: the resource field is not set",
        ));
    };
    let source = ResourceSource {
        name: &r.name,
        container: None,
        target: &r.target,
    };
    let (replicas, metric_name, current) =
        compute_status_for_resource_metric_generic(&source, sample, input, calc, tol)?;
    let status = MetricStatus {
        type_: "Resource".into(),
        resource: Some(ResourceMetricStatus {
            name: r.name.clone(),
            current,
        }),
        ..Default::default()
    };
    Ok((replicas, metric_name, status))
}

/// `computeStatusForContainerResourceMetric`.
fn compute_status_for_container_resource_metric(
    spec: &MetricSpec,
    sample: Option<&MetricSample>,
    input: &HpaInput<'_>,
    calc: &Calc,
    tol: Tolerances,
) -> Result<Proposal, MetricErr> {
    let Some(c) = &spec.container_resource else {
        return Err(fail(
            "FailedGetContainerResourceMetric",
            "invalid container resource metric source: the containerResource field is not set",
        ));
    };
    let source = ResourceSource {
        name: &c.name,
        container: Some(&c.container),
        target: &c.target,
    };
    let (replicas, metric_name, current) =
        compute_status_for_resource_metric_generic(&source, sample, input, calc, tol)?;
    let status = MetricStatus {
        type_: "ContainerResource".into(),
        container_resource: Some(ContainerResourceMetricStatus {
            name: c.name.clone(),
            container: c.container.clone(),
            current,
        }),
        ..Default::default()
    };
    Ok((replicas, metric_name, status))
}

/// The arguments of `computeStatusForResourceMetricGeneric` that name the metric: the resource,
/// the container (`ContainerResource` sources only) and the target.
struct ResourceSource<'a> {
    name: &'a str,
    container: Option<&'a str>,
    target: &'a MetricTarget,
}

/// `computeStatusForResourceMetricGeneric`: `GetRawResourceReplicas` for an `AverageValue`
/// target, `GetResourceReplicas` for a `Utilization` target; `(replicas, metric name, current)`.
fn compute_status_for_resource_metric_generic(
    source: &ResourceSource<'_>,
    sample: Option<&MetricSample>,
    input: &HpaInput<'_>,
    calc: &Calc,
    tol: Tolerances,
) -> Result<(i32, String, MetricValueStatus), MetricErr> {
    let name = source.name;
    let container = source.container.unwrap_or("");
    let reason = if source.container.is_some() {
        "FailedGetContainerResourceMetric"
    } else {
        "FailedGetResourceMetric"
    };
    let fetch = |sample: Option<&MetricSample>| match sample {
        Some(MetricSample::PodResources(s)) => calc::resource_metrics_info(s, name, container),
        other => Err(unavailable(other)),
    };
    if let Some(avg) = source.target.average_value.as_ref() {
        let target = target_milli(Some(avg)).unwrap_or(0);
        let metrics = fetch(sample).map_err(|e| {
            fail(
                reason,
                format!(
                    "failed to get {name} usage: unable to get metrics for resource {name}: {e}"
                ),
            )
        })?;
        let (r, usage) = calc::plain_metric_replicas(
            calc,
            input.spec_replicas,
            target,
            name,
            tol,
            input.pods,
            metrics,
        )
        .map_err(|e| fail(reason, format!("failed to get {name} usage: {e}")))?;
        let status = MetricValueStatus {
            average_value: Some(milli_quantity(usage)),
            ..Default::default()
        };
        return Ok((r, format!("{name} resource"), status));
    }
    let Some(target) = source.target.average_utilization else {
        return Err(fail(
            reason,
            "invalid resource metric source: neither an average utilization target nor an average value (usage) target was set",
        ));
    };
    let metrics = fetch(sample).map_err(|e| {
        fail(
            reason,
            format!(
                "failed to get {name} utilization: unable to get metrics for resource {name}: {e}"
            ),
        )
    })?;
    let res = calc::resource_replicas(
        calc,
        input.spec_replicas,
        target,
        name,
        tol,
        input.pods,
        metrics,
        container,
    )
    .map_err(|e| fail(reason, format!("failed to get {name} utilization: {e}")))?;
    let metric_name = if source.container.is_some() {
        format!("{name} container resource utilization (percentage of request)")
    } else {
        format!("{name} resource utilization (percentage of request)")
    };
    let status = MetricValueStatus {
        average_utilization: Some(res.utilization),
        average_value: Some(milli_quantity(res.raw)),
        ..Default::default()
    };
    Ok((res.replicas, metric_name, status))
}

/// `computeStatusForExternalMetric`: `GetExternalPerPodMetricReplicas` for an `AverageValue`
/// target, `GetExternalMetricReplicas` for a `Value` target.
fn compute_status_for_external_metric(
    spec: &MetricSpec,
    sample: Option<&MetricSample>,
    input: &HpaInput<'_>,
    tol: Tolerances,
) -> Result<Proposal, MetricErr> {
    const R: &str = "FailedGetExternalMetric";
    let Some(e) = &spec.external else {
        return Err(fail(
            R,
            "invalid external metric source: the external field is not set",
        ));
    };
    let metric = MetricIdentifier {
        name: e.metric.name.clone(),
        selector: e.metric.selector.clone(),
    };
    let values = || match sample {
        Some(MetricSample::External(v)) => {
            Ok(v.iter().map(Quantity::milli_value).collect::<Vec<_>>())
        }
        other => Err(fail(
            R,
            format!(
                "unable to get external metric {}/{}/{}: {}",
                input.hpa.metadata.namespace.as_deref().unwrap_or(""),
                e.metric.name,
                selector_text(&e.metric),
                unavailable(other)
            ),
        )),
    };
    let name = format!(
        "external metric {}({})",
        e.metric.name,
        selector_text(&e.metric)
    );
    let external = |current| MetricStatus {
        type_: "External".into(),
        external: Some(ExternalMetricStatus {
            metric: metric.clone(),
            current,
        }),
        ..Default::default()
    };
    if let Some(avg) = e.target.average_value.as_ref() {
        let target = target_milli(Some(avg)).unwrap_or(0);
        let (r, per_pod) =
            calc::external_per_pod_replicas(input.status_replicas, target, &values()?, tol);
        let status = external(MetricValueStatus {
            average_value: Some(milli_quantity(per_pod)),
            ..Default::default()
        });
        return Ok((r, name, status));
    }
    if let Some(v) = e.target.value.as_ref() {
        let target = target_milli(Some(v)).unwrap_or(0);
        let usage = calc::external_total(&values()?);
        let ratio = usage as f64 / target as f64;
        let r = calc::usage_ratio_replica_count(input.spec_replicas, ratio, tol, input.pods)
            .map_err(|e| fail(R, e))?;
        let status = external(MetricValueStatus {
            value: Some(milli_quantity(usage)),
            ..Default::default()
        });
        return Ok((r, name, status));
    }
    Err(fail(
        R,
        "invalid external metric source: neither a value target nor an average value target was set",
    ))
}

/// Go's `%+v` of a `*metav1.LabelSelector` as the controller prints it in metric names.
fn selector_text(m: &MetricIdentifier) -> String {
    match &m.selector {
        None => "<nil>".into(),
        Some(s) => {
            let labels = s
                .match_labels
                .as_ref()
                .map(|l| {
                    l.iter()
                        .map(|(k, v)| format!("{k}:{v}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default();
            format!(
                "&LabelSelector{{MatchLabels:map[string]string{{{labels}}},MatchExpressions:[]LabelSelectorRequirement{{}},}}"
            )
        }
    }
}

/// `Quantity.AsApproximateFloat64` of a canonical quantity: its `int64Amount` mantissa times
/// Go's `math.Pow10(scale)`.
fn approximate_f64(q: &k8s_openapi::apimachinery::pkg::api::resource::Quantity) -> Option<f64> {
    let q = Quantity::try_from(q).ok()?;
    let s = q.to_canonical_string();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '+'))
        .unwrap_or(s.len());
    let (num, suffix) = s.split_at(split);
    let mantissa: i64 = num.parse().ok()?;
    let (base, exp): (f64, i32) = match suffix {
        "" => (mantissa as f64, 0),
        "n" => (mantissa as f64, -9),
        "u" => (mantissa as f64, -6),
        "m" => (mantissa as f64, -3),
        "k" => (mantissa as f64, 3),
        "M" => (mantissa as f64, 6),
        "G" => (mantissa as f64, 9),
        "T" => (mantissa as f64, 12),
        "P" => (mantissa as f64, 15),
        "E" => (mantissa as f64, 18),
        "Ki" | "Mi" | "Gi" | "Ti" | "Pi" | "Ei" => {
            let shift = 10
                * (1 + ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
                    .iter()
                    .position(|x| *x == suffix)?);
            (mantissa.checked_shl(u32::try_from(shift).ok()?)? as f64, 0)
        }
        e if e.starts_with(['e', 'E']) => (mantissa as f64, e.get(1..)?.parse().ok()?),
        _ => return None,
    };
    if exp == 0 {
        return Some(base);
    }
    Some(base * go_pow10(exp))
}

/// Go's `math.Pow10`, table for table.
fn go_pow10(n: i32) -> f64 {
    let tab = |i: i32| format!("1e{i}").parse::<f64>().unwrap_or(0.0);
    if (0..=308).contains(&n) {
        return tab(32 * (n / 32)) * tab(n % 32);
    }
    if (-323..=0).contains(&n) {
        let m = -n;
        return tab(-32 * (m / 32)) / tab(m % 32);
    }
    if n > 0 { f64::INFINITY } else { 0.0 }
}
