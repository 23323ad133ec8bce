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

pub mod intstr;
pub mod quantity;
pub mod validation;
