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
