//! Fuzz target: crontab parsing and next/prev iteration (`cargo fuzz run cron`).
#![no_main]

include!("../checks/cron.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| check(data));
