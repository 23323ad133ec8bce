//! Fuzz target: merge never panics; render is order-independent (`cargo fuzz run ignition_merge -s none`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| acp_fuzz_checks::ignition_merge::check(data));
