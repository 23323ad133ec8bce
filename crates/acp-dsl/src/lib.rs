//! # acp-dsl — the ALB `dslx` rule language
//!
//! **Status: planned** (issue 5): typed AST, validation, compiled rule sets, request matching, rule
//! ordering, Ingress translation and lints. The wire types already live in
//! [`acp_model::alb`]:
//!
//! ```
//! use acp_model::alb::DslxTerm;
//! let term: DslxTerm =
//!     serde_json::from_str(r#"{"type":"URL","values":[["STARTS_WITH","/api"]]}"#).unwrap();
//! assert_eq!(term.values[0][0], "STARTS_WITH");
//! ```
#![forbid(unsafe_code)]

pub use acp_model;
