//! Replays the `dslx` fuzz corpus (`fuzz/corpus/dslx/`) through the fuzz target's own check
//! (`fuzz/checks/dslx.rs`), on stable Rust, as an ordinary test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[allow(unreachable_pub, dead_code)]
mod dslx {
    include!("../../fuzz/checks/dslx.rs");
}

include!("../../fuzz/checks/replay.rs");

#[test]
fn dslx_corpus() {
    replay("dslx", dslx::check);
}
