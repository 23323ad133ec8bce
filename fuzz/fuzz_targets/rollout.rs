//! Fuzz target: rolling-update and planner inputs never panic (`cargo fuzz run rollout -s none`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| acp_fuzz_checks::rollout::check(data));
