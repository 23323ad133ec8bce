//! Object validation checked against upstream's own functions on generated inputs: the tables
//! under `testdata/upstream/` hold, per input, what upstream returned (`testdata/README.md`
//! names the versions). Each test is named after the upstream function.

use acp_model::go::json_unmarshal_map_error;
use acp_model::image::{parse, parse_normalized};
use acp_model::names::{is_config_map_key, is_valid_port_name};
use serde_json::Value;

use crate::support;

/// The `[input, result]` rows of `testdata/upstream/<name>`.
fn rows(name: &str) -> Vec<(String, Value)> {
    let text = support::read(&format!("upstream/{name}"));
    let rows: Vec<(String, Value)> = text
        .lines()
        .map(|l| serde_json::from_str::<(String, Value)>(l).unwrap())
        .collect();
    assert!(rows.len() >= 300, "{name}: only {} rows", rows.len());
    rows
}

fn messages(v: &Value) -> Vec<String> {
    match v {
        Value::Null => Vec::new(),
        Value::Array(a) => a.iter().map(|m| m.as_str().unwrap().to_owned()).collect(),
        other => panic!("not a message list: {other}"),
    }
}

#[test]
fn is_valid_port_name_matches_upstream() {
    let mut mismatches = Vec::new();
    for (input, want) in rows("objval-port.jsonl") {
        let got = is_valid_port_name(&input);
        if got != messages(&want) {
            mismatches.push(format!("{input:?}: got {got:?}, upstream {want}"));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn is_config_map_key_matches_upstream() {
    let mut mismatches = Vec::new();
    for (input, want) in rows("objval-key.jsonl") {
        let got = is_config_map_key(&input);
        if got != messages(&want) {
            mismatches.push(format!("{input:?}: got {got:?}, upstream {want}"));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn json_unmarshal_into_map_matches_go() {
    let mut mismatches = Vec::new();
    let mut errors = 0;
    for (input, want) in rows("objval-json.jsonl") {
        let got = json_unmarshal_map_error(input.as_bytes()).unwrap_or_default();
        if !got.is_empty() {
            errors += 1;
        }
        if got != want.as_str().unwrap() {
            mismatches.push(format!("{input:?}: got {got:?}, Go {want}"));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    // Both outcomes are exercised.
    assert!(errors > 100, "{errors}");
}

#[test]
fn reference_parse_and_normalize_match_distribution() {
    let mut mismatches = Vec::new();
    for (input, want) in rows("objval-ref.jsonl") {
        let field = |k: &str| want.get(k).and_then(Value::as_str).map(str::to_owned);
        match parse(&input) {
            Ok(r) => {
                let got = (
                    Some(r.to_string()),
                    Some(r.domain.clone()),
                    Some(r.path.clone()),
                    r.tag.clone(),
                    r.digest.clone(),
                );
                let up = (
                    field("str"),
                    field("domain"),
                    field("path"),
                    field("tag"),
                    field("digest"),
                );
                if got != up {
                    mismatches.push(format!("Parse({input:?}): got {got:?}, upstream {want}"));
                }
            }
            Err(e) => {
                if Some(e.to_string()) != field("err") {
                    mismatches.push(format!("Parse({input:?}): got error {e}, upstream {want}"));
                }
            }
        }
        match parse_normalized(&input) {
            Ok(r) => {
                let got = (Some(r.to_string()), Some(r.with_default_tag().to_string()));
                if got != (field("norm"), field("norm_tagged")) {
                    mismatches.push(format!(
                        "ParseNormalizedNamed({input:?}): got {got:?}, upstream {want}"
                    ));
                }
            }
            Err(e) => {
                if Some(e.to_string()) != field("norm_err") {
                    mismatches.push(format!(
                        "ParseNormalizedNamed({input:?}): got error {e}, upstream {want}"
                    ));
                }
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}
