//! Fuzz target: `Quantity` parsing and printing (`cargo fuzz run quantity`).
#![no_main]

include!("../checks/quantity.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| check(data));
