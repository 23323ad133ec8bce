//! # acp-quota — namespace and project capacity of the Alauda Container Platform
//!
//! Answers what the cluster and the platform would answer, computed exactly on
//! [`acp_model::quantity::Quantity`] and on the k8s-openapi objects a controller already holds:
//! does this pod fit the namespace's quotas, what do its containers get from the LimitRange and
//! the overcommit ratio, what does importing a namespace do to its quotas, what does the project
//! have left. Replica arithmetic (HPA, rolling updates, the rollout planner) lives in
//! `acp-workload`, which builds on this crate.
//!
//! ```
//! use acp_quota::admission::{AdmissionOptions, QuotaObject, admit, synced};
//! use acp_quota::import::merge_quotas;
//! use k8s_openapi::api::core::v1::{Pod, ResourceQuota};
//! use serde_json::json;
//!
//! // The ACP documentation FAQ's namespace import: per resource, the minimum of the quotas that set it.
//! let quota = |name: &str, cpu: &str| -> ResourceQuota {
//!     serde_json::from_value(json!({"metadata": {"name": name},
//!         "spec": {"hard": {"requests.cpu": cpu, "pods": "4"}}})).unwrap()
//! };
//! let merged = merge_quotas("to-import", &[quota("a", "1"), quota("b", "2")]).unwrap();
//! assert_eq!(merged.hard.to_string(), "pods=4,requests.cpu=1");
//!
//! // Admission against the merged quota, with the apiserver's rejection text.
//! let default = synced(&merged.resource_quota().unwrap());
//! let pod: Pod = serde_json::from_value(json!({"metadata": {"name": "web"},
//!     "spec": {"containers": [{"name": "app",
//!         "resources": {"requests": {"cpu": "1500m"}}}]}})).unwrap();
//! let err = admit(&[default], QuotaObject::Pod(&pod), &AdmissionOptions::new(jiff::Timestamp::UNIX_EPOCH))
//!     .unwrap_err();
//! assert!(err.to_string().contains(
//!     "exceeded quota: default, requested: requests.cpu=1500m, used: requests.cpu=0, limited: requests.cpu=1"));
//! ```
//!
//! Modules: [`resources`], [`pod`], [`usage`], [`admission`], [`import`], [`allocation`],
//! [`overcommit`], [`limitrange`], [`gpu`], [`uid_range`], [`node_isolation`], [`pressure`].
//! Every rule names the upstream file and function it follows in its module's docs (the ACP
//! documentation line it implements is cited in a `//` comment beside it); where the ACP documentation and upstream disagree, upstream is the default and the
//! documentation's statement is described beside it.
//!
//! # Deviations from upstream
//!
//! Each is marked `DEVIATION:` next to the code.
//!
//! * DEVIATION: QoS follows Kubernetes 1.35 `ComputePodQOS` (requests and limits summed across
//!   containers; `spec.resources: {}` gives `BestEffort`), which later releases changed.
//! * DEVIATION (from the ACP documentation, upstream followed): a terminating pod is charged
//!   until `deletionTimestamp` + grace period has passed; the documentation says terminating
//!   pods are not counted.
//! * DEVIATION: overcommit requests (`limit / ratio`) round up to the milli-core or byte, never
//!   above the limit — our choice, as neither source gives a rounding.
//! * DEVIATION: the GPU resource names (`tencent.com/vcuda-core`, `tencent.com/vcuda-memory`,
//!   `nvidia.com/gpu`) are chosen here (the documentation names none), and "whole pGPU" is read
//!   as: a vGPU amount is below 100 or a multiple of 100.
//! * DEVIATION: the documentation's UID-range example contradicts itself (range
//!   `1000002000-1000011999`, pod assigned `1000000`); the first value of the range is assigned.
//! * DEVIATION: LimitRanger rejections list violations in a fixed order (upstream walks Go
//!   maps), an unparsable quantity is a field error instead of a panic, and pod-level request
//!   defaulting is not done (see [`limitrange`]).
//! * DEVIATION: node-pressure percentages are exact where the kubelet multiplies by a float32
//!   (`10%` of 10Gi: 1073741824 here, 1073741840 there); see [`pressure`].
//! * DEVIATION: eviction thresholds are listed in signal order, scalar fit reasons by name, and
//!   pods that rank equal for eviction keep their input order (upstream: Go map order and an
//!   unstable sort).
//! * DEVIATION: eviction percentages Go reads but cannot be kept exactly (`inf`, `nan`, hex
//!   floats, `_`) are refused; a negative reservation cannot raise allocatable above capacity.
//! * DEVIATION: OOM score arithmetic is 128-bit (upstream overflows above 9PB) and a sidecar in
//!   a pod without regular containers is not capped (upstream panics).
//! * DEVIATION: the eviction simulator frees an evicted pod's usage by the next cycle and runs
//!   node-level reclaim once per signal with the amounts given (the kubelet measures them).
#![forbid(unsafe_code)]

pub use acp_model;

pub mod admission;
pub mod allocation;
pub mod gpu;
pub mod import;
pub mod limitrange;
pub mod node_isolation;
pub mod overcommit;
pub mod pod;
pub mod pressure;
pub mod resources;
pub mod uid_range;
pub mod usage;

pub use admission::{
    Admission, AdmissionError, AdmissionOptions, AdmissionRequest, ForbiddenReason, admit,
    check_request,
};
pub use allocation::{AllocationCheck, AllocationError, ProjectAllocation, QuotaRequest};
pub use gpu::GpuError;
pub use import::{ImportError, merge_quotas};
pub use limitrange::{Forbidden, LimitRanger, Violation, Violations};
pub use overcommit::OvercommitError;
pub use pod::{PodResourcesOptions, QosClass, pod_limits, pod_requests, qos_class};
pub use pressure::{
    EvictionConfig, EvictionSettings, Signal, Threshold, ThresholdError,
    container_oom_score_adjust, fits_request, node_allocatable, parse_threshold_config,
    rank_memory_pressure, simulate,
};
pub use resources::ResourceList;
pub use uid_range::UidRangeError;
pub use usage::{FeatureGates, pod_usage};
