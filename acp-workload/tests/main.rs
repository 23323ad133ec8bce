//! The integration tests of acp-workload, one test binary: each `it/<name>.rs` is a module (upstream
//! test tables named after the upstream function, seed examples named `seed_…`), and
//! `support/` holds what they share (the workspace `testdata/` folder, common builders).
//!
//! Seed fixtures live in the workspace's `testdata/` and are read through `support` only.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod it {
    mod api;
    mod argo_int32;
    mod hpa_behavior_props;
    mod hpa_metrics_api;
    mod hpa_seed;
    mod hpa_upstream;
    mod impossible_inputs;
    mod keda_vpa_seed;
    mod rolling_defaults;
    mod rollout_seed;
    mod rollout_tour;
    mod vpa_upstream;
}
