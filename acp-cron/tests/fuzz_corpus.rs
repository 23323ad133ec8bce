//! Replays the `cron` fuzz corpus (`fuzz/corpus/cron/`) through the fuzz target's own check
//! (`fuzz/checks/cron.rs`), on stable Rust, as an ordinary test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[allow(unreachable_pub, dead_code)]
mod cron {
    include!("../../fuzz/checks/cron.rs");
}

include!("../../fuzz/checks/replay.rs");

#[test]
fn cron_corpus() {
    replay("cron", cron::check);
}
