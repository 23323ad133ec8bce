//! The public error types compose: each is a `std::error::Error + Send + Sync + 'static`, works
//! with `?` into `Box<dyn Error>`, and prints a bounded message whatever the input's size.

use std::error::Error;

use acp_cron::Schedule;

fn is_error<E: Error + Send + Sync + 'static>() {}

#[test]
fn every_public_error_type_is_a_std_error() {
    is_error::<acp_cron::ParseError>();
    is_error::<acp_cron::TimeZoneError>();
    is_error::<acp_cron::cronjob::CronJobError>();
    is_error::<acp_cron::cronhpa::RuleError>();
    is_error::<acp_cron::convert::ConvertError>();
}

fn fields(spec: &str) -> Result<String, Box<dyn Error + Send + Sync>> {
    let s = Schedule::parse(spec)?;
    Ok(format!("{s:?}").len().to_string())
}

#[test]
fn errors_compose_with_question_mark() {
    assert!(fields("*/5 * * * *").is_ok());
    let e = fields("61 * * * *").unwrap_err();
    assert!(e.to_string().contains("above maximum (59)"), "{e}");
}

#[test]
fn a_megabyte_schedule_gives_a_short_message() {
    for spec in [
        format!("{} * * * *", "1".repeat(1 << 20)),
        format!("{} * * * *", "x".repeat(1 << 20)),
        format!("@{}", "x".repeat(1 << 20)),
        "* ".repeat(1 << 19),
    ] {
        let e = Schedule::parse(&spec).unwrap_err();
        let msg = e.to_string();
        assert!(msg.len() < 2048, "{} bytes: {}", msg.len(), &msg[..200]);
        assert!(msg.contains("bytes)"), "{msg}");
    }
}
