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
//! // The seed FAQ's namespace import: per resource, the minimum of the quotas that set it.
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
//! [`overcommit`], [`limitrange`], [`gpu`], [`uid_range`], [`node_isolation`].
//! Every rule names its source (a seed line, or the upstream file and function) in its module's
//! docs; where the ACP documentation and upstream disagree, upstream is the default and the
//! documentation's statement is described beside it.
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
pub mod resources;
pub mod uid_range;
pub mod usage;
