//! Replays the fuzz corpora of this crate (`fuzz/corpus/<target>/`) through each fuzz target's
//! own check (`fuzz/checks/<target>.rs`), on stable Rust, as ordinary tests.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

include!("../../fuzz/checks/replay.rs");

#[allow(unreachable_pub, dead_code)]
mod quota_admission {
    include!("../../fuzz/checks/quota_admission.rs");
}

#[test]
fn quota_admission_corpus() {
    replay("quota_admission", quota_admission::check);
}
