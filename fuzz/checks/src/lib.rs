//! The invariants the acp-rs fuzz targets check, one module per target, each with
//! `pub fn check(data: &[u8])` that panics when an invariant breaks.
//!
//! Two users, no copies: the cargo-fuzz targets (`fuzz/fuzz_targets/<name>.rs`, nightly) call
//! `<name>::check`, and this crate's tests replay every file of `fuzz/corpus/<name>/` through the
//! same function on stable Rust (`cargo test -p acp-fuzz-checks`, part of `cargo test
//! --workspace`). [`TARGETS`] lists them all; a test keeps it, the fuzz targets and the corpus
//! folders in step.
//!
//! Dev-only (`publish = false`): nothing here is part of the acp-rs API.

// Panicking is how a check reports a broken invariant to libFuzzer.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod cron;
pub mod dslx;
pub mod eviction_simulate;
pub mod eviction_thresholds;
pub mod hpa;
pub mod ignition_merge;
pub mod ignition_parse;
pub mod model_yaml;
pub mod object_validation;
pub mod psa;
pub mod quantity;
pub mod quota_admission;
pub mod rollout;

/// A check: panics when an invariant does not hold for the input.
pub type Check = fn(&[u8]);

/// Every fuzz target by name (the `[[bin]]` in `fuzz/Cargo.toml` and the folder under
/// `fuzz/corpus/`), with its check.
pub const TARGETS: &[(&str, Check)] = &[
    ("quantity", quantity::check),
    ("model_yaml", model_yaml::check),
    ("cron", cron::check),
    ("dslx", dslx::check),
    ("quota_admission", quota_admission::check),
    ("hpa", hpa::check),
    ("rollout", rollout::check),
    ("ignition_parse", ignition_parse::check),
    ("ignition_merge", ignition_merge::check),
    ("eviction_thresholds", eviction_thresholds::check),
    ("eviction_simulate", eviction_simulate::check),
    ("object_validation", object_validation::check),
    ("psa", psa::check),
];
