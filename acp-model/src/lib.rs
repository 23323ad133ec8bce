//! # acp-model — the Alauda Container Platform API as Rust types
//!
//! Every ACP custom resource as a serde + schemars type with kube's `CustomResource` derive, the
//! exact Kubernetes [`Quantity`](quantity::Quantity) and [`IntOrPercent`](intstr::IntOrPercent)
//! value types, and Kubernetes-style field validation ([`validation::ErrorList`]).
//!
//! The crate is pure: no I/O, no clocks, no randomness. Built-in Kubernetes types come from
//! [`k8s_openapi`]; pick its API version in your binary as k8s-openapi documents.
//!
//! ```
//! use acp_model::quantity::Quantity;
//!
//! let q: Quantity = "0.1".parse().unwrap();
//! assert_eq!(q.to_string(), "100m");
//! ```
#![forbid(unsafe_code)]

#[macro_use]
mod open_enum;

pub mod alb;
pub mod app_status;
pub mod application;
pub mod cronhpa;
pub mod dr;
pub mod go;
pub mod intstr;
pub mod labels;
pub mod machineconfig;
pub mod names;
pub mod object;
pub mod quantity;
pub mod ratio;
pub mod resource_names;
mod schema_util;
pub mod thirdparty;
pub mod validation;
pub mod yaml;
