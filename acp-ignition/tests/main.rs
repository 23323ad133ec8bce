//! The integration tests of acp-ignition, one test binary: each `it/<name>.rs` is a module (upstream
//! test tables named after the upstream function, seed examples named `seed_…`), and
//! `support/` holds what they share (the workspace `testdata/` folder, common builders).
//!
//! Seed fixtures live in the workspace's `testdata/` and are read through `support` only.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod it {
    mod api;
    mod diff_disruption;
    mod drift_node;
    mod ignition_v2_26_0;
    mod merge_fields;
    mod plan_update;
    mod render_pool;
    mod status_pool;
    mod validate_machineconfig;
    mod validate_rules;
}
