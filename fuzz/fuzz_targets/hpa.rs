//! Fuzz target: HPA inputs never panic (`cargo fuzz run hpa -s none`).
#![no_main]

include!("../checks/hpa.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| check(data));
