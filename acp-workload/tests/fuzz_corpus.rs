//! Replays the fuzz corpora of this crate (`fuzz/corpus/<target>/`) through each fuzz target's
//! own check (`fuzz/checks/<target>.rs`), on stable Rust, as ordinary tests.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

include!("../../fuzz/checks/replay.rs");

#[allow(unreachable_pub, dead_code)]
mod hpa {
    include!("../../fuzz/checks/hpa.rs");
}

#[test]
fn hpa_corpus() {
    replay("hpa", hpa::check);
}

#[allow(unreachable_pub, dead_code)]
mod rollout {
    include!("../../fuzz/checks/rollout.rs");
}

#[test]
fn rollout_corpus() {
    replay("rollout", rollout::check);
}
