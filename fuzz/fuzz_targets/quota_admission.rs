//! Fuzz target: quota + LimitRange + pod YAML → admission never panics (`cargo fuzz run quota_admission -s none`).
#![no_main]

include!("../checks/quota_admission.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| check(data));
