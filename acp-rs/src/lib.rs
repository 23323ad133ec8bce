//! # acp-rs — the Alauda Container Platform, as Rust values
//!
//! One dependency for the whole acp-rs family: the wire types and validation of every ACP kind
//! ([`model`]), and behind default features the capacity arithmetic ([`quota`]), replica arithmetic
//! ([`workload`]), the ALB rule
//! language ([`dsl`]), Ignition / MachineConfig rendering ([`ignition`]) and crontab schedules
//! ([`cron`]). Every crate is pure: no I/O, no clocks, no randomness.
//!
//! ```
//! use acp_rs::model::quantity::Quantity;
//! let a: Quantity = "1.5Gi".parse().unwrap();
//! let b: Quantity = "512Mi".parse().unwrap();
//! assert_eq!((a + b).to_string(), "2Gi");
//! ```
#![forbid(unsafe_code)]

pub use acp_model as model;

#[cfg(feature = "cron")]
pub use acp_cron as cron;
#[cfg(feature = "dsl")]
pub use acp_dsl as dsl;
#[cfg(feature = "ignition")]
pub use acp_ignition as ignition;
#[cfg(feature = "quota")]
pub use acp_quota as quota;
#[cfg(feature = "workload")]
pub use acp_workload as workload;
