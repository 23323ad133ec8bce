// TEMPORARY: replaced by a re-export of acp_model::alb::DslxTerm at merge
//! The `dslx` wire type (temporary stand-in for `acp_model::alb::DslxTerm`).
//!
//! Every use in this crate goes through `crate::wire::DslxTerm`, so replacing this file with
//! `pub use acp_model::alb::DslxTerm;` is the whole swap.

use serde::{Deserialize, Serialize};

/// One `dslx` term as it appears on the wire: `{type, key?, values}`
/// (seed 001_2a947f386b877637.txt:1118-1152).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct DslxTerm {
    /// `HOST`, `URL`, `SRC_IP`, `METHOD`, `HEADER`, `PARAM` or `COOKIE`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The header, parameter or cookie name (only for `HEADER`, `PARAM`, `COOKIE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The ORed rows, each `[OP, arg...]`.
    pub values: Vec<Vec<String>>,
}
