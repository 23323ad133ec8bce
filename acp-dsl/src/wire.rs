//! The `dslx` wire type: [`acp_model::alb::DslxTerm`], re-exported so that this crate and its
//! users name one type.

pub use acp_model::alb::DslxTerm;
