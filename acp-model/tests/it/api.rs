//! The public error types compose: each is a `std::error::Error + Send + Sync + 'static`, works
//! with `?` into `Box<dyn Error>`, and prints a bounded message whatever the input's size.

use std::collections::BTreeMap;
use std::error::Error;

use acp_model::validation::{ErrorList, FieldError, FieldPath, MAX_ECHOED_BYTES};

fn is_error<E: Error + Send + Sync + 'static>() {}

#[test]
fn every_public_error_type_is_a_std_error() {
    is_error::<acp_model::validation::FieldError>();
    is_error::<acp_model::validation::ErrorList>();
    is_error::<acp_model::object::ObjectError>();
    is_error::<acp_model::quantity::ParseQuantityError>();
    is_error::<acp_model::go::NumError>();
    is_error::<acp_model::machineconfig::Error>();
    is_error::<acp_model::machineconfig::UnknownNodeState>();
    is_error::<acp_model::intstr::IntOrPercentError>();
}

fn parse_two(a: &str, b: &str) -> Result<String, Box<dyn Error + Send + Sync>> {
    let a: acp_model::quantity::Quantity = a.parse()?;
    let b: acp_model::quantity::Quantity = b.parse()?;
    let objects = acp_model::object::parse_yaml("kind: Nope\napiVersion: v1\n")?;
    Ok(format!("{a} {b} {}", objects.len()))
}

#[test]
fn errors_compose_with_question_mark() {
    let err = parse_two("1", "lots").unwrap_err();
    assert!(err.to_string().contains("quantities must match"), "{err}");
    let mut list = ErrorList::new();
    list.push(FieldError::required(&FieldPath::new("spec"), ""));
    let boxed: Box<dyn Error + Send + Sync> = list.into();
    assert_eq!(boxed.to_string(), "spec: Required value");
}

#[test]
fn a_list_prints_every_problem_with_its_path_and_keeps_them() {
    let mut list = ErrorList::new();
    list.push(FieldError::required(&FieldPath::new("spec").child("a"), ""));
    list.push(FieldError::invalid(
        &FieldPath::new("spec").child("b"),
        "x",
        "bad",
    ));
    assert_eq!(
        list.to_string(),
        r#"[spec.a: Required value, spec.b: Invalid value: "x": bad]"#
    );
    assert_eq!(list.as_slice().len(), 2);
    assert_eq!(list.iter().count(), 2);
    let v = list.into_vec();
    assert_eq!(v[1].field, "spec.b");
}

#[test]
fn no_message_starts_with_an_empty_field_path() {
    let e = FieldError::forbidden(&FieldPath::root(), "not here");
    assert_eq!(e.to_string(), "Forbidden: not here");
    let e = FieldError::invalid(&FieldPath::root(), "v", "why");
    assert_eq!(e.to_string(), r#"Invalid value: "v": why"#);
}

#[test]
fn a_megabyte_label_value_gives_a_short_message() {
    let value = "a".repeat(1 << 20);
    let labels = BTreeMap::from([("app".to_owned(), value)]);
    let errs =
        acp_model::names::validate_labels(&FieldPath::new("metadata").child("labels"), &labels);
    assert!(!errs.is_empty());
    let msg = errs.to_string();
    assert!(msg.len() < 1024, "{} bytes: {msg}", msg.len());
    assert!(
        msg.starts_with("metadata.labels[app]: Invalid value: \"aaaa"),
        "{msg}"
    );
    assert!(msg.contains("…(1048576 bytes)"), "{msg}");
    // The value itself is kept whole.
    match &errs.as_slice()[0].bad_value {
        acp_model::validation::BadValue::Str(s) => assert_eq!(s.len(), 1 << 20),
        other => panic!("{other:?}"),
    }
}

#[test]
fn echo_cuts_at_a_char_boundary() {
    // 'é' is two bytes: a cut in the middle of one moves back to its start.
    let s = "é".repeat(MAX_ECHOED_BYTES);
    let e = acp_model::validation::echo(&s);
    let kept = e.split('…').next().unwrap();
    assert_eq!(kept.len(), MAX_ECHOED_BYTES);
    assert!(e.ends_with(&format!("…({} bytes)", s.len())));
    let odd = format!("x{s}");
    let kept = acp_model::validation::echo(&odd)
        .split('…')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(kept.len(), MAX_ECHOED_BYTES - 1);
    assert_eq!(
        acp_model::validation::echo(&s[..MAX_ECHOED_BYTES]),
        &s[..MAX_ECHOED_BYTES]
    );
}
