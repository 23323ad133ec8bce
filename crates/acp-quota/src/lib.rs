//! # acp-quota — capacity and replica arithmetic of the Alauda Container Platform
//!
//! **Status: planned.** This crate will own ResourceQuota merge and fit, project → namespace
//! allocation, the overcommit ratio, LimitRange defaulting and validation, GPU units, UID/GID
//! ranges and node-isolation placement (issue 3), and the replica arithmetic of HPA, VPA, KEDA and
//! rolling updates (issue 4). Its vocabulary types already live in [`acp_model`]:
//!
//! ```
//! use acp_model::quantity::Quantity;
//! let q: Quantity = "1.5Gi".parse().unwrap();
//! assert_eq!(q.to_string(), "1536Mi");
//! ```
#![forbid(unsafe_code)]

pub use acp_model;

pub mod admission;
pub mod allocation;
pub mod argo;
pub mod gpu;
pub mod hpa;
pub mod import;
pub mod keda;
pub mod limitrange;
pub mod node_isolation;
pub mod overcommit;
pub mod planner;
pub mod pod;
pub mod resources;
pub mod rolling;
pub mod uid_range;
pub mod usage;
pub mod vpa;
