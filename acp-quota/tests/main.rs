//! The integration tests of acp-quota, one test binary: each `it/<name>.rs` is a module (upstream
//! test tables named after the upstream function, seed examples named `seed_…`), and
//! `support/` holds what they share (the workspace `testdata/` folder, common builders).
//!
//! Seed fixtures live in the workspace's `testdata/` and are read through `support` only.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod it {
    mod allocation_seed;
    mod api;
    mod gpu_seed;
    mod import_seed;
    mod limitrange_arbitrary;
    mod limitrange_upstream;
    mod node_isolation_seed;
    mod overcommit_seed;
    mod pressure_arbitrary;
    mod pressure_seed;
    mod pressure_upstream;
    mod uid_range_seed;
}
