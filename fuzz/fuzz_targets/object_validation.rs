//! Fuzz target: object validation in the API server's words (`cargo fuzz run object_validation`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| acp_fuzz_checks::object_validation::check(data));
