//! Fuzz target: crontab parsing and next/prev iteration (`cargo fuzz run cron`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| acp_fuzz_checks::cron::check(data));
