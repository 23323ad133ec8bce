//! Fuzz target: quota + LimitRange + pod YAML → admission never panics (`cargo fuzz run quota_admission -s none`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| acp_fuzz_checks::quota_admission::check(data));
