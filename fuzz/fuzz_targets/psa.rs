//! Fuzz target: Pod Security evaluation and fixes never panic and keep their laws
//! (`cargo fuzz run psa -s none`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| acp_fuzz_checks::psa::check(data));
