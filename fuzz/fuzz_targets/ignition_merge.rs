//! Fuzz target: merge never panics; render is order-independent (`cargo fuzz run ignition_merge -s none`).
#![no_main]

include!("../checks/ignition_merge.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| check(data));
