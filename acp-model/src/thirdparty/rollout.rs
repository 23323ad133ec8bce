//! `argoproj.io/v1alpha1` **Rollout** (Argo Rollouts), as the ACP developer guide uses it for
//! blue-green and canary releases.
// seed 003:6780-7260; seed 003:7262-8138
//!
//! ```
//! use acp_model::thirdparty::rollout::{PauseDuration, Rollout};
//! use acp_model::validation::Validate;
//!
//! let ro: Rollout = serde_saphyr::from_str(r#"
//! apiVersion: argoproj.io/v1alpha1
//! kind: Rollout
//! metadata:
//!   name: rollout-canary
//! spec:
//!   replicas: 2
//!   selector:
//!     matchLabels:
//!       app: web
//!   workloadRef:
//!     apiVersion: apps/v1
//!     kind: Deployment
//!     name: web
//!   strategy:
//!     canary:
//!       steps:
//!       - setWeight: 50
//!       - pause: {}
//!       - pause: {duration: 1h}
//! "#).unwrap();
//! let steps = ro.spec.strategy.as_ref().unwrap().canary.as_ref().unwrap().steps.as_ref().unwrap();
//! assert_eq!(steps[0].set_weight, Some(50));
//! assert_eq!(steps[1].pause.as_ref().unwrap().duration(), PauseDuration::Indefinite);
//! assert_eq!(steps[2].pause.as_ref().unwrap().duration(), PauseDuration::Seconds(3600));
//! assert!(ro.validate().is_empty());
//! ```
//!
//! Modelled partially after `argoproj/argo-rollouts` `pkg/apis/rollouts/v1alpha1/types.go`:
//! every field the ACP documentation uses plus the common upstream ones; every struct carries a
//! `#[serde(flatten)] extra` map, so analysis, experiments, anti-affinity, traffic-routing
//! providers and the rest survive a round trip untyped.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::PodTemplateSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, Time};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::names::{NameRule, validate_object_meta};
use crate::validation::{BadValue, ErrorList, FieldError, FieldPath, Validate};

/// Upstream default `spec.replicas` (`utils/defaults.DefaultReplicas`).
pub const DEFAULT_REPLICAS: i32 = 1;
/// Upstream default `spec.revisionHistoryLimit` (`DefaultRevisionHistoryLimit`).
pub const DEFAULT_REVISION_HISTORY_LIMIT: i32 = 10;
/// Upstream default `spec.progressDeadlineSeconds` (`DefaultProgressDeadlineSeconds`).
pub const DEFAULT_PROGRESS_DEADLINE_SECONDS: i32 = 600;
/// Upstream default canary `maxSurge` and `maxUnavailable` (`DefaultMaxSurge`,
/// `DefaultMaxUnavailable`): `25%`.
pub const DEFAULT_MAX_SURGE_UNAVAILABLE_PERCENT: i32 = 25;
/// Upstream default maximum traffic weight (`weightutil.MaxTrafficWeight` without
/// `trafficRouting.maxTrafficWeight`).
pub const DEFAULT_MAX_TRAFFIC_WEIGHT: i32 = 100;

/// Spec of an Argo `Rollout`.
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[kube(
    group = "argoproj.io",
    version = "v1alpha1",
    kind = "Rollout",
    plural = "rollouts",
    shortname = "ro",
    namespaced,
    derive = "PartialEq",
    status = "RolloutStatus"
)]
#[serde(rename_all = "camelCase")]
pub struct RolloutSpec {
    // seed 003:6998
    /// Desired pods; default 1 (ACP docs: "spec.replicas").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
    // seed 003:6986-6990
    /// Pod selector; must match the pod template labels. Required unless
    /// `workloadRef` is set (upstream `ValidateRolloutSpec`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    /// Pod template; must be empty when `workloadRef` is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<PodTemplateSpec>,
    // seed 003:6992-7004
    /// Reference to a Deployment whose template the Rollout uses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload_ref: Option<WorkloadRef>,
    // seed 003:7758
    /// Seconds a new pod must be ready to count as available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_ready_seconds: Option<i32>,
    // seed 003:7026, seed 003:7762
    /// Old ReplicaSets to keep; default 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_history_limit: Option<i32>,
    /// Pause the rollout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused: Option<bool>,
    /// Seconds before a stuck update is reported as failed; default 600.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress_deadline_seconds: Option<i32>,
    /// Abort the update when the progress deadline passes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress_deadline_abort: Option<bool>,
    /// Restart all pods after this time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restart_at: Option<Time>,
    // seed 003:7006, seed 003:7764
    /// Deployment strategy: `blueGreen` or `canary`. Required upstream;
    /// optional here so [`Validate`] can report it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<RolloutStrategy>,
    /// Fields this crate does not model (e.g. `analysis`, `rollbackWindow`), kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

open_enum! {
    // seed 003:6994-7002, 7850-7856
    /// `workloadRef.scaleDown`: what happens to the referenced Deployment after migrating to the
    /// Rollout.
    ScaleDown {
        /// `never`: leave the Deployment as it is.
        Never => "never",
        /// `onsuccess`: scale the Deployment down once the Rollout is healthy.
        OnSuccess => "onsuccess",
        /// `progressively`: scale the Deployment down as the Rollout scales up, restore it if the
        /// Rollout fails.
        Progressively => "progressively",
    }
}

/// `spec.workloadRef` (upstream `ObjectRef`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct WorkloadRef {
    /// API version of the workload (`apps/v1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// Kind of the workload (`Deployment`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Name of the workload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Scale-down policy for the referenced workload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_down: Option<ScaleDown>,
}

// seed 003:7006
/// `spec.strategy`: exactly one of `blueGreen` and `canary` (ACP docs:
/// "支持 BlueGreen 和 Canary").
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct RolloutStrategy {
    /// Blue-green strategy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blue_green: Option<BlueGreenStrategy>,
    /// Canary strategy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canary: Option<CanaryStrategy>,
}

/// `spec.strategy.blueGreen`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct BlueGreenStrategy {
    // seed 003:7010-7012
    /// Service switched to the new template hash on promotion; "此字段为蓝绿策略必填" (required
    /// for blue-green).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_service: Option<String>,
    /// Service that selects the new version before promotion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview_service: Option<String>,
    /// Replicas of the new version before promotion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview_replica_count: Option<i32>,
    // seed 003:7044-7048
    /// `false` pauses before promotion until `kubectl argo rollouts promote`; default `true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_promotion_enabled: Option<bool>,
    /// Seconds before automatic promotion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_promotion_seconds: Option<i32>,
    /// Maximum unavailable pods during the update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<IntOrString>,
    /// Seconds before the old ReplicaSet is scaled down after promotion (default 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_down_delay_seconds: Option<i32>,
    /// Old ReplicaSets kept scaled up during the delay; at most `revisionHistoryLimit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_down_delay_revision_limit: Option<i32>,
    /// Seconds before scaling down the preview ReplicaSet after an abort.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abort_scale_down_delay_seconds: Option<i32>,
    /// Fields this crate does not model (analyses, anti-affinity, metadata), kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// `spec.strategy.canary`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct CanaryStrategy {
    // seed 003:7766, 7862
    /// Service the controller points at canary pods; needed for traffic routing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canary_service: Option<String>,
    // seed 003:7772, seed 003:7864
    /// Service the controller points at stable pods; needed for traffic routing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stable_service: Option<String>,
    // seed 003:7774-7780, seed 003:7866
    /// The step sequence, skipped on the first deployment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<Vec<CanaryStep>>,
    // seed 003:7782-7786
    /// Traffic routing (the `argoproj-labs/gatewayAPI` plugin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic_routing: Option<RolloutTrafficRouting>,
    // seed 003:7768
    /// Extra pods above `replicas` during the update; default `25%`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_surge: Option<IntOrString>,
    // seed 003:7770
    /// Pods that may be unavailable during the update; default `25%`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<IntOrString>,
    /// Seconds before scaling down the old stable ReplicaSet (traffic routing only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_down_delay_seconds: Option<i32>,
    /// Old ReplicaSets kept scaled up during the delay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_down_delay_revision_limit: Option<i32>,
    /// Seconds before scaling down the canary after an abort.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abort_scale_down_delay_seconds: Option<i32>,
    /// Scale the stable ReplicaSet down as traffic moves (traffic routing only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamic_stable_scale: Option<bool>,
    /// Minimum pods per ReplicaSet when traffic routing is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_pods_per_replica_set: Option<i32>,
    /// Fields this crate does not model (analysis, anti-affinity, pingPong, …), kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One entry of `spec.strategy.canary.steps`. Exactly one kind of step should be set.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct CanaryStep {
    // seed 003:7776, 7868
    /// Percentage of traffic (or of replicas without traffic routing) for the canary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_weight: Option<i32>,
    // seed 003:7778, seed 003:7870
    /// Pause; `{}` pauses until promoted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pause: Option<RolloutPause>,
    /// Scale the canary independently of the traffic weight (needs traffic routing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_canary_scale: Option<SetCanaryScale>,
    /// Inline analysis step (kept untyped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::schema_util::raw_object")]
    pub analysis: Option<serde_json::Value>,
    /// Experiment step (kept untyped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::schema_util::raw_object")]
    pub experiment: Option<serde_json::Value>,
    /// Header-based route step (kept untyped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::schema_util::raw_object")]
    pub set_header_route: Option<serde_json::Value>,
    /// Mirror route step (kept untyped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::schema_util::raw_object")]
    pub set_mirror_route: Option<serde_json::Value>,
    /// Plugin step (kept untyped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::schema_util::raw_object")]
    pub plugin: Option<serde_json::Value>,
    /// Fields this crate does not model, kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A canary `pause` step.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct RolloutPause {
    // seed 003:7870
    /// How long to pause: an integer number of seconds, or a string with unit `s`, `m` or `h`
    /// (ACP docs: "支持单位 s、m、h， {} 表示无限期暂停"). Absent: pause
    /// until promoted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<IntOrString>,
}

/// The meaning of a pause step's `duration`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PauseDuration {
    // seed 003:7870
    /// No duration: pause until promoted.
    Indefinite,
    /// Pause this many seconds (may be negative when written so; [`Validate`] reports it).
    Seconds(i64),
    /// A string that is neither an integer nor a duration with units `s`/`m`/`h`.
    Invalid,
}

impl RolloutPause {
    /// Interprets `duration` as upstream `RolloutPause.DurationSeconds` does: an integer, a
    /// string of digits, or a Go-style duration; this crate accepts the units the ACP documentation names
    /// (`s`, `m`, `h`, possibly combined like `1h30m`).
    pub fn duration(&self) -> PauseDuration {
        match &self.duration {
            None => PauseDuration::Indefinite,
            Some(IntOrString::Int(i)) => PauseDuration::Seconds(i64::from(*i)),
            Some(IntOrString::String(s)) => parse_duration_seconds(s)
                .map(PauseDuration::Seconds)
                .unwrap_or(PauseDuration::Invalid),
        }
    }
}

/// `"30"` → 30, `"10s"` → 10, `"5m"` → 300, `"1h30m"` → 5400; anything else → `None`.
fn parse_duration_seconds(s: &str) -> Option<i64> {
    if let Ok(n) = s.parse::<i64>() {
        return Some(n);
    }
    let mut total: i64 = 0;
    let mut num = String::new();
    let mut saw_unit = false;
    for c in s.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let mult = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            _ => return None,
        };
        let n: i64 = num.parse().ok()?;
        total = total.checked_add(n.checked_mul(mult)?)?;
        num.clear();
        saw_unit = true;
    }
    (saw_unit && num.is_empty()).then_some(total)
}

/// A `setCanaryScale` step.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct SetCanaryScale {
    /// Canary replicas as a percentage of `spec.replicas`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<i32>,
    /// Canary replicas as an absolute number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
    /// Scale the canary to match the current traffic weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub match_traffic_weight: Option<bool>,
}

/// `spec.strategy.canary.trafficRouting`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct RolloutTrafficRouting {
    // seed 003:7782-7786
    /// Traffic-router plugins by name, each with its own configuration
    /// (`argoproj-labs/gatewayAPI: {httpRoute, namespace}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plugins: Option<BTreeMap<String, serde_json::Value>>,
    /// The weight that means "all traffic" (default 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_traffic_weight: Option<i32>,
    /// Routes managed by header/mirror steps (kept untyped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::schema_util::raw_object_list")]
    pub managed_routes: Option<Vec<serde_json::Value>>,
    /// Built-in providers (`istio`, `nginx`, `alb`, `smi`, …), kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

open_enum! {
    // seed 003:7138
    /// `status.phase`, the health `kubectl argo rollouts get` prints (ACP docs:
    /// "✔ Healthy", "॥ Paused", "✖ Degraded").
    // seed 003:7186; seed 003:8090
    RolloutPhase {
        /// `Healthy`.
        Healthy => "Healthy",
        /// `Progressing`.
        Progressing => "Progressing",
        /// `Paused`.
        Paused => "Paused",
        /// `Degraded`.
        Degraded => "Degraded",
    }
}

// seed 003:7134-7160
/// `status` of a Rollout: the fields `kubectl argo rollouts get` shows
/// (Status, Message, Step, SetWeight, Replicas Desired /
/// Current / Updated / Ready / Available).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct RolloutStatus {
    /// Health phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<RolloutPhase>,
    /// Why the phase is what it is (`BlueGreenPause`, `CanaryPauseStep`, `RolloutAborted: …`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Index of the current canary step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_step_index: Option<i32>,
    /// The update was aborted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abort: Option<bool>,
    /// Total pods (`Current`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
    /// Pods of the newest template (`Updated`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_replicas: Option<i32>,
    /// Ready pods (`Ready`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready_replicas: Option<i32>,
    /// Available pods (`Available`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_replicas: Option<i32>,
    /// Pod-template hash of the newest ReplicaSet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_pod_hash: Option<String>,
    /// Pod-template hash of the stable ReplicaSet.
    #[serde(default, rename = "stableRS", skip_serializing_if = "Option::is_none")]
    pub stable_rs: Option<String>,
    /// Fields this crate does not model (`pauseConditions`, `canary`, `blueGreen`,
    /// `conditions`, `observedGeneration` — a string in Argo), kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// Integer value of an int-or-percent, as upstream `getIntOrPercentValue`: `"25%"` → 25, an
/// integer as itself, any other string 0.
fn int_or_percent_value(v: &IntOrString) -> i64 {
    match v {
        IntOrString::Int(i) => i64::from(*i),
        IntOrString::String(s) => s.strip_suffix('%').unwrap_or(s).parse::<i64>().unwrap_or(0),
    }
}

fn nonnegative(errs: &mut ErrorList, path: &FieldPath, v: Option<i32>) {
    if let Some(v) = v
        && v < 0
    {
        errs.push(FieldError::invalid(
            path,
            v,
            "must be greater than or equal to 0",
        ));
    }
}

/// Upstream `InvalidStepMessage`.
const INVALID_STEP: &str =
    "Step must have one of the following set: experiment, setWeight, setCanaryScale or pause";

impl Validate for Rollout {
    // seed 003:7010-7012
    /// Rules and messages from `argoproj/argo-rollouts` `pkg/apis/rollouts/validation/validation.go`
    /// (`ValidateRolloutSpec`, `ValidateRolloutStrategy`, `ValidateRolloutStrategyBlueGreen`,
    /// `ValidateRolloutStrategyCanary`), plus the ACP documentation's "activeService is required for
    /// blue-green" and `metadata.name` as a DNS-1123
    /// subdomain.
    ///
    /// Deviation: upstream reports strategy errors under `spec.strategy.<field>` without the
    /// `blueGreen`/`canary` segment; this crate puts them under the field's real path
    /// (`spec.strategy.canary.steps[0].setWeight`). Pod-template validation is limited to the
    /// selector matching the template labels; analysis/experiment/header-route checks and
    /// cross-object checks (services exist) are not done.
    // DEVIATION: strategy errors carry the real path (`spec.strategy.canary.steps[0].setWeight`);
    // argo-rollouts omits the `blueGreen`/`canary` segment. Analysis, experiment, header-route and
    // cross-object checks are not done.
    fn validate(&self) -> ErrorList {
        let mut errs = validate_object_meta(&self.metadata, NameRule::Dns1123Subdomain);
        let spec = &self.spec;
        let sp = FieldPath::new("spec");
        nonnegative(&mut errs, &sp.child("replicas"), spec.replicas);
        if spec.workload_ref.is_none() {
            match &spec.selector {
                None => errs.push(FieldError::required(
                    &sp.child("selector"),
                    "Rollout has missing field '.spec.selector'",
                )),
                Some(sel) => {
                    let n = sel.match_labels.as_ref().map_or(0, BTreeMap::len)
                        + sel.match_expressions.as_ref().map_or(0, Vec::len);
                    if n == 0 {
                        errs.push(FieldError::invalid(
                            &sp.child("selector"),
                            serde_json::to_value(sel).unwrap_or_default(),
                            "empty selector is invalid for deployment",
                        ));
                    }
                }
            }
            if let (Some(sel), Some(t)) = (&spec.selector, &spec.template) {
                let labels = t.metadata.as_ref().and_then(|m| m.labels.as_ref());
                let matches = sel
                    .match_labels
                    .iter()
                    .flatten()
                    .all(|(k, v)| labels.and_then(|l| l.get(k)) == Some(v));
                if !matches {
                    errs.push(FieldError::invalid(
                        &sp.child("template").child("metadata").child("labels"),
                        serde_json::to_value(labels).unwrap_or_default(),
                        "`selector` does not match template `labels`",
                    ));
                }
            }
        } else if spec
            .template
            .as_ref()
            .is_some_and(|t| *t != PodTemplateSpec::default())
        {
            errs.push(FieldError::internal(
                &sp.child("template"),
                "template must be empty for workload reference rollout",
            ));
        }
        nonnegative(
            &mut errs,
            &sp.child("minReadySeconds"),
            spec.min_ready_seconds,
        );
        nonnegative(
            &mut errs,
            &sp.child("revisionHistoryLimit"),
            spec.revision_history_limit,
        );
        nonnegative(
            &mut errs,
            &sp.child("progressDeadlineSeconds"),
            spec.progress_deadline_seconds,
        );
        let pds = spec
            .progress_deadline_seconds
            .unwrap_or(DEFAULT_PROGRESS_DEADLINE_SECONDS);
        if pds <= spec.min_ready_seconds.unwrap_or(0) {
            errs.push(FieldError::invalid(
                &sp.child("progressDeadlineSeconds"),
                pds,
                "must be greater than minReadySeconds",
            ));
        }
        let stp = sp.child("strategy");
        let rhl = spec
            .revision_history_limit
            .unwrap_or(DEFAULT_REVISION_HISTORY_LIMIT);
        match spec.strategy.as_ref().map(|s| (&s.blue_green, &s.canary)) {
            None | Some((None, None)) => errs.push(FieldError::required(
                &stp,
                "Rollout has missing field '.spec.strategy.canary or .spec.strategy.blueGreen'",
            )),
            Some((Some(_), Some(_))) => errs.push(FieldError::invalid(
                &stp,
                "blueGreen: true canary: true",
                "Multiple Strategies can not be listed",
            )),
            Some((Some(bg), None)) => {
                validate_blue_green(&mut errs, &stp.child("blueGreen"), bg, rhl)
            }
            Some((None, Some(c))) => validate_canary(&mut errs, &stp.child("canary"), c),
        }
        errs
    }
}

fn validate_blue_green(errs: &mut ErrorList, p: &FieldPath, bg: &BlueGreenStrategy, rhl: i32) {
    let active = bg.active_service.as_deref().unwrap_or("");
    let preview = bg.preview_service.as_deref().unwrap_or("");
    if active.is_empty() {
        errs.push(FieldError::required(&p.child("activeService"), ""));
    } else if active == preview {
        errs.push(FieldError::invalid(
            &p.child("activeService"),
            active,
            "This rollout uses the same service for the active and preview services, but two different services are required.",
        ));
    }
    if let Some(l) = bg.scale_down_delay_revision_limit
        && rhl < l
    {
        errs.push(FieldError::invalid(
            &p.child("scaleDownDelayRevisionLimit"),
            l,
            "This rollout's revision history limit can not be smaller than the rollout's scale down limit",
        ));
    }
}

fn validate_canary(errs: &mut ErrorList, p: &FieldPath, c: &CanaryStrategy) {
    let default = IntOrString::String(format!("{DEFAULT_MAX_SURGE_UNAVAILABLE_PERCENT}%"));
    let surge = c.max_surge.as_ref().unwrap_or(&default);
    let unavailable = c.max_unavailable.as_ref().unwrap_or(&default);
    if int_or_percent_value(surge) == 0 && int_or_percent_value(unavailable) == 0 {
        let bad = match surge {
            IntOrString::Int(i) => BadValue::from(*i),
            IntOrString::String(s) => BadValue::from(s.as_str()),
        };
        errs.push(FieldError::invalid(
            &p.child("maxSurge"),
            bad,
            "MaxSurge and MaxUnavailable both can not be zero",
        ));
    }
    let canary_svc = c.canary_service.as_deref().unwrap_or("");
    let stable_svc = c.stable_service.as_deref().unwrap_or("");
    if !canary_svc.is_empty() && canary_svc == stable_svc {
        errs.push(FieldError::invalid(
            &p.child("stableService"),
            stable_svc,
            "This rollout uses the same service for the stable and canary services, but two different services are required.",
        ));
    }
    let tr = c.traffic_routing.as_ref();
    if tr.is_none() {
        if let Some(d) = c.scale_down_delay_seconds {
            errs.push(FieldError::invalid(
                &p.child("scaleDownDelaySeconds"),
                d,
                "Canary scaleDownDelaySeconds can only be used with traffic routing",
            ));
        }
        if c.dynamic_stable_scale == Some(true) {
            errs.push(FieldError::invalid(
                &p.child("dynamicStableScale"),
                true,
                "Canary dynamicStableScale can only be used with traffic routing",
            ));
        }
    } else if c.scale_down_delay_seconds.is_some() && c.dynamic_stable_scale == Some(true) {
        errs.push(FieldError::invalid(
            &p.child("dynamicStableScale"),
            true,
            "Canary dynamicStableScale cannot be used with scaleDownDelaySeconds",
        ));
    }
    let max_weight = tr
        .and_then(|t| t.max_traffic_weight)
        .unwrap_or(DEFAULT_MAX_TRAFFIC_WEIGHT);
    for (i, step) in c.steps.iter().flatten().enumerate() {
        let sp = p.child("steps").index(i);
        validate_canary_step(errs, p, &sp, step, max_weight, tr.is_some());
    }
}

/// One entry of `spec.strategy.canary.steps` (the body of `ValidateRolloutStrategyCanary`'s
/// steps loop): one step kind, a known kind, `setWeight` in range, a valid pause duration,
/// `setCanaryScale` only with traffic routing.
fn validate_canary_step(
    errs: &mut ErrorList,
    p: &FieldPath,
    sp: &FieldPath,
    step: &CanaryStep,
    max_weight: i32,
    traffic_routing: bool,
) {
    let kinds = [
        step.set_weight.is_some(),
        step.pause.is_some(),
        step.experiment.is_some(),
        step.analysis.is_some(),
    ];
    if kinds.iter().filter(|k| **k).count() > 1 {
        errs.push(FieldError::invalid(
            sp,
            format!(
                "step.Experiment: {} step.Pause: {} step.SetWeight: {} step.Analysis: {}",
                kinds[2], kinds[1], kinds[0], kinds[3]
            ),
            INVALID_STEP,
        ));
    }
    let any = kinds.iter().any(|k| *k)
        || step.set_canary_scale.is_some()
        || step.set_header_route.is_some()
        || step.set_mirror_route.is_some()
        || step.plugin.is_some();
    if !any {
        errs.push(FieldError::invalid(sp, BadValue::Omitted, INVALID_STEP));
    }
    if let Some(w) = step.set_weight
        && !(0..=max_weight).contains(&w)
    {
        errs.push(FieldError::invalid(
            &sp.child("setWeight"),
            w,
            format!("SetWeight needs to be between 0 and {max_weight}"),
        ));
    }
    if let Some(pause) = &step.pause {
        let bad = match pause.duration() {
            PauseDuration::Seconds(s) if s < 0 => Some(BadValue::Int(s)),
            PauseDuration::Invalid => Some(match &pause.duration {
                Some(IntOrString::String(s)) => BadValue::from(s.as_str()),
                _ => BadValue::Omitted,
            }),
            _ => None,
        };
        if let Some(bad) = bad {
            errs.push(FieldError::invalid(
                &sp.child("pause").child("duration"),
                bad,
                "Duration needs to be greater than 0",
            ));
        }
    }
    if step.set_canary_scale.is_some() && !traffic_routing {
        errs.push(FieldError::required(
            &p.child("trafficRouting"),
            "SetCanaryScale requires TrafficRouting to be set",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration_seconds("30"), Some(30));
        assert_eq!(parse_duration_seconds("10s"), Some(10));
        assert_eq!(parse_duration_seconds("5m"), Some(300));
        assert_eq!(parse_duration_seconds("1h30m"), Some(5400));
        assert_eq!(parse_duration_seconds("-5"), Some(-5));
        assert_eq!(parse_duration_seconds("5d"), None);
        assert_eq!(parse_duration_seconds("h"), None);
        assert_eq!(parse_duration_seconds("5m3"), None);
        assert_eq!(parse_duration_seconds(""), None);
        assert_eq!(parse_duration_seconds("99999999999999999999h"), None);
    }

    fn ro(v: serde_json::Value) -> Rollout {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn canary_rules() {
        let r = ro(serde_json::json!({
            "metadata": {"name": "r"},
            "spec": {"selector": {"matchLabels": {"app": "web"}},
                     "template": {"metadata": {"labels": {"app": "other"}}},
                     "minReadySeconds": 700,
                     "strategy": {"canary": {
                        "maxSurge": 0, "maxUnavailable": "0%",
                        "canaryService": "s", "stableService": "s",
                        "scaleDownDelaySeconds": 5,
                        "steps": [{"setWeight": 120}, {}, {"setWeight": 10, "pause": {}},
                                  {"pause": {"duration": "5d"}}, {"setCanaryScale": {"replicas": 1}}]}}}
        }));
        let msgs: Vec<String> = r.validate().iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            vec![
                r#"spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`"#,
                "spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds",
                "spec.strategy.canary.maxSurge: Invalid value: 0: MaxSurge and MaxUnavailable both can not be zero",
                r#"spec.strategy.canary.stableService: Invalid value: "s": This rollout uses the same service for the stable and canary services, but two different services are required."#,
                "spec.strategy.canary.scaleDownDelaySeconds: Invalid value: 5: Canary scaleDownDelaySeconds can only be used with traffic routing",
                "spec.strategy.canary.steps[0].setWeight: Invalid value: 120: SetWeight needs to be between 0 and 100",
                "spec.strategy.canary.steps[1]: Invalid value: Step must have one of the following set: experiment, setWeight, setCanaryScale or pause",
                r#"spec.strategy.canary.steps[2]: Invalid value: "step.Experiment: false step.Pause: true step.SetWeight: true step.Analysis: false": Step must have one of the following set: experiment, setWeight, setCanaryScale or pause"#,
                r#"spec.strategy.canary.steps[3].pause.duration: Invalid value: "5d": Duration needs to be greater than 0"#,
                "spec.strategy.canary.trafficRouting: Required value: SetCanaryScale requires TrafficRouting to be set",
            ]
        );
    }

    #[test]
    fn strategy_and_selector_rules() {
        let r = ro(serde_json::json!({"metadata": {"name": "r"}, "spec": {"replicas": -1}}));
        let msgs: Vec<String> = r.validate().iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            vec![
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                "spec.selector: Required value: Rollout has missing field '.spec.selector'",
                "spec.strategy: Required value: Rollout has missing field '.spec.strategy.canary or .spec.strategy.blueGreen'",
            ]
        );
        let r = ro(serde_json::json!({"metadata": {"name": "r"}, "spec": {
            "workloadRef": {"name": "web"}, "revisionHistoryLimit": 1,
            "strategy": {"blueGreen": {"previewService": "p", "scaleDownDelayRevisionLimit": 2}}}}));
        let msgs: Vec<String> = r.validate().iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            vec![
                "spec.strategy.blueGreen.activeService: Required value",
                "spec.strategy.blueGreen.scaleDownDelayRevisionLimit: Invalid value: 2: This rollout's revision history limit can not be smaller than the rollout's scale down limit",
            ]
        );
        let r = ro(serde_json::json!({"metadata": {"name": "r"}, "spec": {
            "workloadRef": {"name": "web"}, "template": {"metadata": {"labels": {"a": "b"}}},
            "strategy": {"blueGreen": {"activeService": "a", "previewService": "a"}, "canary": {}}}}));
        let msgs: Vec<String> = r.validate().iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            vec![
                "spec.template: Internal error: template must be empty for workload reference rollout",
                r#"spec.strategy: Invalid value: "blueGreen: true canary: true": Multiple Strategies can not be listed"#,
            ]
        );
    }
}
