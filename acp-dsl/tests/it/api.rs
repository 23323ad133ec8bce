//! The public error types compose, and a `REGEX` argument has bounded costs: a pattern beyond
//! the documented limits gets a short error without being compiled.

use std::error::Error;
use std::time::Instant;

use acp_dsl::ast::{MAX_PATTERN_LEN, Pattern, PatternError, REGEX_SIZE_LIMIT};
use acp_dsl::wire::DslxTerm;
use acp_dsl::{Dslx, RuleInput, RuleSet};

fn is_error<E: Error + Send + Sync + 'static>() {}

#[test]
fn every_public_error_type_is_a_std_error() {
    is_error::<acp_dsl::ast::PatternError>();
    is_error::<acp_dsl::gateway::MatchTypeError>();
    is_error::<acp_dsl::ruleset::RuleError>();
    is_error::<acp_dsl::legacy::LegacyError>();
    is_error::<acp_model::validation::ErrorList>();
}

fn regex_term(pattern: &str) -> Vec<DslxTerm> {
    vec![DslxTerm {
        kind: "URL".into(),
        key: None,
        values: vec![vec!["REGEX".into(), pattern.into()]],
    }]
}

fn compile(pattern: &str) -> Result<usize, Box<dyn Error + Send + Sync>> {
    let d = Dslx::from_wire(&regex_term(pattern))?;
    let p = Pattern::new(pattern)?;
    Ok(d.terms().len() + p.as_str().len())
}

#[test]
fn errors_compose_with_question_mark() {
    assert_eq!(compile("^/a").unwrap(), 4);
    let e = compile("(?=a)").unwrap_err();
    assert!(e.to_string().contains("PCRE-only syntax"), "{e}");
    let e = acp_dsl::gateway::http_route_match_to_dslx(
        &[],
        &acp_dsl::gateway::HttpRouteMatch {
            method: Some("GET".into()),
            headers: vec![acp_dsl::gateway::StringMatch {
                kind: Some("Glob".into()),
                ..Default::default()
            }],
            ..Default::default()
        },
    )
    .unwrap_err();
    let boxed: Box<dyn Error> = e.into();
    assert_eq!(
        boxed.to_string(),
        "invalid header match: unsupported match type Glob"
    );
}

#[test]
fn a_megabyte_regex_gets_a_short_error_quickly() {
    let huge = "a".repeat(1 << 20);
    let started = Instant::now();
    assert_eq!(
        Pattern::new(&huge).unwrap_err(),
        PatternError::TooLong { len: 1 << 20 }
    );
    let errs = Dslx::from_wire(&regex_term(&huge)).unwrap_err();
    let msg = errs.to_string();
    assert_eq!(
        msg,
        format!(
            "spec.dslx[0].values[0][1]: Too long: may not be more than {MAX_PATTERN_LEN} bytes"
        )
    );
    let set = RuleSet::compile(vec![RuleInput::new("r", Some(1), regex_term(&huge))]);
    assert_eq!(set.rejected().len(), 1);
    assert!(set.rejected()[0].errors.to_string().len() < 1024);
    // Generous: refusing is a length check, compiling 1 MB would take far longer.
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn a_short_pattern_that_compiles_too_big_is_refused() {
    // 1000 × 1000 repetitions: a few bytes of pattern, far more than the size limit compiled.
    let p = "a{1000}{1000}";
    assert!(p.len() <= MAX_PATTERN_LEN);
    let e = Pattern::new(p).unwrap_err();
    assert_eq!(e, PatternError::TooBig);
    assert!(e.to_string().contains(&REGEX_SIZE_LIMIT.to_string()), "{e}");
    let errs = Dslx::from_wire(&regex_term(p)).unwrap_err();
    assert!(
        errs.to_string()
            .starts_with("spec.dslx[0].values[0][1]: Invalid value: \"a{1000}{1000}\"")
    );
}

#[test]
fn a_long_invalid_pattern_echoes_a_bounded_value() {
    // Within the length limit but invalid: the value is echoed, shortened.
    let p = format!("({}", "a".repeat(MAX_PATTERN_LEN - 1));
    let errs = Dslx::from_wire(&regex_term(&p)).unwrap_err();
    let msg = errs.to_string();
    assert!(msg.len() < 1024, "{} bytes: {msg}", msg.len());
    assert!(msg.contains("invalid regular expression"), "{msg}");
    assert!(
        msg.contains(&format!("…({MAX_PATTERN_LEN} bytes)")),
        "{msg}"
    );
}
