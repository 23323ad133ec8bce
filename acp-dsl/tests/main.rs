//! The integration tests of acp-dsl, one test binary: each `it/<name>.rs` is a module (upstream
//! test tables named after the upstream function, seed examples named `seed_…`), and
//! `support/` holds what they share (no test here reads the workspace's `testdata/` yet).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod it {
    mod api;
    mod ingress;
    mod laws;
    mod validate_agrees;
}
