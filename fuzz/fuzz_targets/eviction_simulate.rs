//! Fuzz target: node + pods → the eviction simulator never panics and never evicts without need (`cargo fuzz run eviction_simulate -s none`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| acp_fuzz_checks::eviction_simulate::check(data));
