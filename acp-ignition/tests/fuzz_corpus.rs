//! Replays the fuzz corpora of this crate (`fuzz/corpus/<target>/`) through each fuzz target's
//! own check (`fuzz/checks/<target>.rs`), on stable Rust, as ordinary tests.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

include!("../../fuzz/checks/replay.rs");

#[allow(unreachable_pub, dead_code)]
mod ignition_parse {
    include!("../../fuzz/checks/ignition_parse.rs");
}

#[test]
fn ignition_parse_corpus() {
    replay("ignition_parse", ignition_parse::check);
}

#[allow(unreachable_pub, dead_code)]
mod ignition_merge {
    include!("../../fuzz/checks/ignition_merge.rs");
}

#[test]
fn ignition_merge_corpus() {
    replay("ignition_merge", ignition_merge::check);
}
