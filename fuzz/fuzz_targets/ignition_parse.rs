//! Fuzz target: arbitrary bytes → Ignition parse/validate never panics (`cargo fuzz run ignition_parse -s none`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| acp_fuzz_checks::ignition_parse::check(data));
