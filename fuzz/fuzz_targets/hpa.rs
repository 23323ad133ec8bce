//! Fuzz target: HPA inputs never panic (`cargo fuzz run hpa -s none`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| acp_fuzz_checks::hpa::check(data));
