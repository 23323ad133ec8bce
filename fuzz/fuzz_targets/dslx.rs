//! Fuzz target: dslx validation, compiled vs naive matching, legacy strings (`cargo fuzz run dslx`).
#![no_main]

include!("../checks/dslx.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| check(data));
