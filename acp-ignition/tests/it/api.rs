//! The public error types compose: each is a `std::error::Error + Send + Sync + 'static` and
//! works with `?` into `Box<dyn Error>`; a parse error prints its whole report.

use std::error::Error;

use acp_ignition::validate::{self, ParseError};

fn is_error<E: Error + Send + Sync + 'static>() {}

#[test]
fn every_public_error_type_is_a_std_error() {
    is_error::<acp_ignition::merge::MergeError>();
    is_error::<acp_ignition::validate::ParseError>();
    is_error::<acp_ignition::validate::MachineConfigError>();
    is_error::<acp_ignition::diff::DiffError>();
    is_error::<acp_ignition::plan::PlanError>();
    is_error::<acp_ignition::render::RenderError>();
}

fn files(raw: &str) -> Result<usize, Box<dyn Error + Send + Sync>> {
    Ok(validate::parse(raw.as_bytes())?.config.storage.files.len())
}

#[test]
fn a_parse_error_prints_every_entry_with_path_line_and_column() {
    let raw = r#"{"ignition": {"version": "3.4.0"},
 "storage": {"files": [{"path": "a"}, {"path": "b"}]}}"#;
    let e = files(raw).unwrap_err();
    assert_eq!(
        e.to_string(),
        "config is not valid: error at $.storage.files.0.path, line 2 col 33: path not absolute; \
         error at $.storage.files.1.path, line 2 col 48: path not absolute"
    );
    let parsed = e.downcast::<ParseError>().unwrap();
    let ParseError::Invalid(report) = *parsed else {
        panic!("{parsed:?}")
    };
    assert_eq!(report.errors().count(), 2);
    assert_eq!(files(r#"{"ignition": {"version": "3.4.0"}}"#).unwrap(), 0);
}
