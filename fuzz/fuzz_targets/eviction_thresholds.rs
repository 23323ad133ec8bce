//! Fuzz target: kubelet eviction flags → thresholds never panic and round-trip (`cargo fuzz run eviction_thresholds -s none`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| acp_fuzz_checks::eviction_thresholds::check(data));
