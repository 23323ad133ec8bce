//! The integration tests of acp-cron, one test binary: each `it/<name>.rs` is a module (upstream
//! test tables named after the upstream function, seed examples named `seed_…`), and
//! `support/` holds what they share (the workspace `testdata/` folder, common builders).
//!
//! Seed fixtures live in the workspace's `testdata/` and are read through `support` only.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod it {
    mod api;
    mod cronjob_object;
    mod properties;
    mod robfig_v3_next;
    mod schedule_tables;
    mod seed_cronhpa;
    mod validate_agrees;
}
