//! The typed `dslx` AST and its validation.
//!
//! The types live with the wire type in [`acp_model::alb::dslx`], so that a
//! `Rule`'s own validation in acp-model runs the same checks; this module names them
//! for users of this crate. [`Dslx::from_wire`] turns a wire list into a [`Dslx`] or returns
//! *every* problem with its field path.

pub use acp_model::alb::dslx::{
    Cond, Dslx, MAX_PATTERN_LEN, OPS, Pattern, PatternError, REGEX_DFA_SIZE_LIMIT,
    REGEX_SIZE_LIMIT, RangeBounds, TYPES, Target, Term, validate_dslx,
};
pub(crate) use acp_model::alb::dslx::{parse_v4, parse_v6};
