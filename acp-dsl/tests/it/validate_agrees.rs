//! A Rule's own validation (acp-model's `Rule::validate`) and this crate's compiler agree on
//! every `dslx`: a generated list is reported by `Rule::validate` exactly when
//! [`RuleSet::compile`] rejects it, with the same messages.

use acp_dsl::acp_model::alb::Rule;
use acp_dsl::acp_model::validation::Validate;
use acp_dsl::wire::DslxTerm;
use acp_dsl::{RuleInput, RuleSet};
use proptest::prelude::*;

use crate::support::proptest_config;

const KINDS: &[&str] = &[
    "HOST", "URL", "SRC_IP", "METHOD", "HEADER", "PARAM", "COOKIE", "PATH", "",
];
const OPS: &[&str] = &[
    "EQ",
    "IN",
    "STARTS_WITH",
    "ENDS_WITH",
    "REGEX",
    "EXIST",
    "RANGE",
    "LIKE",
    "",
];
const ARGS: &[&str] = &[
    "/a",
    "a.com",
    "1.1.1.1",
    "1.1.1.9",
    "::1",
    "[::2]",
    "x",
    "",
    "^/a(b|c)$",
    "(?=a)b",
    "(a)\\1",
    "(a",
    "(?<!x)y",
    "\\d+",
];

fn row() -> impl Strategy<Value = Vec<String>> {
    (
        proptest::sample::select(OPS),
        proptest::collection::vec(proptest::sample::select(ARGS), 0..4),
    )
        .prop_map(|(op, args)| std::iter::once(op).chain(args).map(str::to_owned).collect())
}

fn term() -> impl Strategy<Value = DslxTerm> {
    (
        proptest::sample::select(KINDS),
        proptest::option::of(proptest::sample::select(&["", "k", "X-Canary"][..])),
        proptest::collection::vec(prop_oneof![9 => row(), 1 => Just(Vec::new())], 0..3),
    )
        .prop_map(|(kind, key, values)| DslxTerm {
            kind: kind.to_owned(),
            key: key.map(str::to_owned),
            values,
        })
}

/// Well-formed terms, so that whole lists are often valid.
fn good_term() -> impl Strategy<Value = DslxTerm> {
    let t = |kind: &str, key: Option<&str>, row: &[&str]| DslxTerm {
        kind: kind.to_owned(),
        key: key.map(str::to_owned),
        values: vec![row.iter().map(|s| (*s).to_owned()).collect()],
    };
    proptest::sample::select(vec![
        t("URL", None, &["STARTS_WITH", "/a"]),
        t("URL", None, &["REGEX", "^/a(b|c)$"]),
        t("HOST", None, &["ENDS_WITH", "*.a.com"]),
        t("METHOD", None, &["IN", "GET", "POST"]),
        t("HEADER", Some("X-Canary"), &["EQ", "x"]),
        t("COOKIE", Some("k"), &["EXIST"]),
        t("SRC_IP", None, &["RANGE", "1.1.1.1", "1.1.1.9"]),
    ])
}

fn dslx() -> impl Strategy<Value = Vec<DslxTerm>> {
    proptest::collection::vec(prop_oneof![3 => good_term(), 1 => term()], 0..4)
}

fn rule(dslx: &[DslxTerm]) -> Rule {
    serde_json::from_value(serde_json::json!({
        "apiVersion": "crd.alauda.io/v1", "kind": "Rule",
        "metadata": {"name": "alb-demo-00080-x", "namespace": "cpaas-system",
                     "labels": {"alb2.cpaas.io/name": "alb-demo",
                                "alb2.cpaas.io/frontend": "alb-demo-00080"}},
        "spec": {"priority": 5, "dslx": dslx}
    }))
    .unwrap()
}

fn messages<'a>(
    errs: impl IntoIterator<Item = &'a acp_dsl::acp_model::validation::FieldError>,
) -> Vec<String> {
    errs.into_iter().map(ToString::to_string).collect()
}

proptest! {
    #![proptest_config(proptest_config(2000))]

    #[test]
    fn rule_validate_agrees_with_rule_set_compile(dslx in dslx()) {
        let own = rule(&dslx).validate();
        let set = RuleSet::compile(vec![RuleInput::new("alb-demo-00080-x", Some(5), dslx.clone())]);
        match set.rejected() {
            [] => prop_assert!(own.is_empty(), "compiled, but Rule::validate says {own}"),
            [r] => prop_assert_eq!(messages(&own), messages(&r.errors)),
            more => prop_assert!(false, "{} rejections for one rule", more.len()),
        }
    }
}

// The generator reaches both outcomes, so the property above is not vacuous.
#[test]
fn generated_lists_are_both_valid_and_invalid() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = dslx();
    let (mut valid, mut invalid) = (0, 0);
    for _ in 0..2000 {
        let dslx = strategy.new_tree(&mut runner).unwrap().current();
        if rule(&dslx).validate().is_empty() {
            valid += 1;
        } else {
            invalid += 1;
        }
    }
    eprintln!("generated dslx lists: {valid} valid, {invalid} invalid");
    assert!(
        valid >= 200 && invalid >= 200,
        "valid {valid}, invalid {invalid}"
    );
}
