//! Fuzz target: dslx validation, compiled vs naive matching, legacy strings (`cargo fuzz run dslx`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| acp_fuzz_checks::dslx::check(data));
