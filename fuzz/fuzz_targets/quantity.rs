//! Fuzz target: `Quantity` parsing and printing (`cargo fuzz run quantity`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| acp_fuzz_checks::quantity::check(data));
