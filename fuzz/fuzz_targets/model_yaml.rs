//! Fuzz target: arbitrary YAML into every kind acp-model knows (`cargo fuzz run model_yaml`).
#![no_main]

include!("../checks/model_yaml.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| check(data));
