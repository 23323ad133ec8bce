//! Fuzz target: arbitrary YAML into every kind acp-model knows (`cargo fuzz run model_yaml`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| acp_fuzz_checks::model_yaml::check(data));
