//! # acp-workload — replica arithmetic of the Alauda Container Platform
//!
//! How many replicas the HorizontalPodAutoscaler wants, what the VerticalPodAutoscaler sets on a
//! pod, which HPA KEDA generates, how a Deployment, DaemonSet or StatefulSet rolls out — step by
//! step and under the namespace's quotas — and how an Argo Rollout splits canary and stable
//! pods. Every function is pure: the objects a controller holds and `now` in, a decision out.
//!
//! ```
//! use acp_workload::rolling::DeploymentParams;
//! use k8s_openapi::api::apps::v1::Deployment;
//!
//! // The upstream defaults: 25 % surge rounds up, 25 % unavailable rounds down.
//! let d: Deployment = serde_json::from_value(serde_json::json!({
//!     "spec": {"replicas": 10, "selector": {}, "template": {}}
//! })).unwrap();
//! let params = DeploymentParams::from_deployment(&d);
//! assert_eq!(params.max_surge().unwrap(), 3);
//! assert_eq!(params.max_unavailable().unwrap(), 2);
//! ```
//!
//! Modules: [`hpa`], [`vpa`], [`keda`], [`rolling`], [`planner`], [`argo`].
//! Capacity (quotas, LimitRanges, pod requests) comes from [`acp_quota`], which this crate builds
//! on; a program that needs only quota admission depends on `acp-quota` alone.
//!
//! # Deviations from upstream
//!
//! Each is marked `DEVIATION:` next to the code.
//!
//! * DEVIATION: rolling updates — a bound that cannot be resolved is an error where upstream's
//!   `MaxSurge`/`MaxUnavailable` use 0. (Integer widths are upstream's: the Deployment
//!   arithmetic wraps in `int32` as Go does, DaemonSet and StatefulSet counts are Go `int`.)
//! * DEVIATION: the HPA console explanation prints the exact quotient truncated to two decimals
//!   (`ceil(4.16)`) where the ACP documentation writes `ceil 4.1`; the result is the same.
//! * DEVIATION: VPA — three upstream panics (a zero base in the memory scaling, a write through
//!   a nil map, a missing recommendation when capping to the limit bound) become defined
//!   results; a value beyond `int64` saturates; annotations come in a fixed order; the CPU
//!   startup boost is not modelled and in-place resize is modelled as a decision only.
//! * DEVIATION: Argo Rollouts — analysis and experiment steps count as passing;
//!   `replicaProgressThreshold` is not modelled. (Integer widths are Argo's: the canary
//!   arithmetic wraps in `int32` as Go does.)
//! * DEVIATION: the HPA accepts `minReplicas: 0` (the API server's bound with the alpha
//!   `HPAScaleToZero` gate on; without it the API server asks for at least 1).
#![forbid(unsafe_code)]

pub use acp_quota;

pub mod argo;
pub mod hpa;
pub mod keda;
pub mod planner;
pub mod rolling;
pub mod vpa;

pub use argo::{ArgoError, CanaryParams, CanaryPlan, plan_canary};
pub use hpa::{HpaDecision, HpaError, HpaInput, HpaOptions, compute as compute_hpa};
pub use keda::{KedaAction, KedaError};
pub use planner::{Plan, PlanError, PlanOptions, PlanOutcome};
pub use rolling::{DeploymentParams, RollingError};
pub use vpa::VpaAction;

// The unit tests read the workspace's seed fixtures through the same helper as the integration
// tests.
#[cfg(test)]
#[path = "../tests/support/testdata.rs"]
mod testdata;
