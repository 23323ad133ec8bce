//! Fuzz target: arbitrary bytes → Ignition parse/validate never panics (`cargo fuzz run ignition_parse -s none`).
#![no_main]

include!("../checks/ignition_parse.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| check(data));
