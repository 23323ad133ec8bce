//! Fuzz target: rolling-update and planner inputs never panic (`cargo fuzz run rollout -s none`).
#![no_main]

include!("../checks/rollout.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| check(data));
