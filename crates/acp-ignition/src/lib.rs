//! # acp-ignition — Ignition v3.4.0 and MachineConfig rendering
//!
//! **Status: planned** (issue 6): Ignition config types, validation with Ignition's messages, merge,
//! `rendered-<pool>-<hash>` rendering, supported-field checks and node update planning. The
//! MachineConfig wire types already live in [`acp_model::machineconfig`], with `spec.config` kept
//! as raw JSON that round-trips exactly:
//!
//! ```
//! use acp_model::machineconfig::MachineConfigSpec;
//! let spec: MachineConfigSpec =
//!     serde_json::from_str(r#"{"config":{"ignition":{"version":"3.4.0"}}}"#).unwrap();
//! assert!(spec.config.is_some());
//! ```
#![forbid(unsafe_code)]

pub use acp_model;

pub mod diff;
pub mod drift;
pub mod merge;
pub mod plan;
pub mod policy;
pub mod render;
pub mod status;
pub mod types;
pub mod validate;

mod dataurl;
