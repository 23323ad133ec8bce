//! Every seed example of an `app.k8s.io/v1beta1` Application / ApplicationHistory
//! (`tests/fixtures/<seed>/L<line>-application*-<name>.yaml`) round-trips through the typed value
//! without losing, adding or changing a field — except the `spec: {}` written back for an example
//! without `spec` (kube's derive always writes `spec`; tolerated as `tests/fixtures/README.md`
//! tolerates a required field written back as `{}`) — unless a `.expected-error` file beside it
//! names the paths that differ; and validates as the table below says.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use acp_model::application::{Application, ApplicationHistory};
use acp_model::validation::Validate;
use serde_json::Value;

/// The expected `Validate` output of each fixture (file name → printed `ErrorList`, empty when
/// valid). Every Application fixture must be listed.
const EXPECTED_VALIDATION: &[(&str, &str)] = &[
    ("L6363-application-webapp.yaml", ""),
    ("L14215-application-test.yaml", ""),
    // A merge patch, not a whole object: the name lives in the request URL (seed 003:14262).
    (
        "L14268-application-unnamed.yaml",
        "metadata.name: Required value: name or generateName is required",
    ),
];

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for seed in std::fs::read_dir(&root).unwrap() {
        let seed = seed.unwrap().path();
        if !seed.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&seed).unwrap() {
            let f = f.unwrap().path();
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".yaml")
                && (name.contains("-application-") || name.contains("-applicationhistory-"))
            {
                out.push(f);
            }
        }
    }
    out.sort();
    out
}

/// Paths where `typed` differs from `raw`: `lost` (in raw only), `added` (in typed only),
/// `changed` (both, different).
fn diff(raw: &Value, typed: &Value, path: &str, out: &mut Vec<String>) {
    let join = |k: &str| {
        if path.is_empty() {
            k.to_owned()
        } else {
            format!("{path}.{k}")
        }
    };
    match (raw, typed) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, va) in a {
                match b.get(k) {
                    Some(vb) => diff(va, vb, &join(k), out),
                    None => out.push(format!("{}: lost", join(k))),
                }
            }
            for k in b.keys().filter(|k| !a.contains_key(*k)) {
                out.push(format!("{}: added", join(k)));
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (va, vb)) in a.iter().zip(b).enumerate() {
                diff(va, vb, &format!("{path}[{i}]"), out);
            }
        }
        _ if raw == typed => {}
        _ => out.push(format!("{path}: changed from {raw} to {typed}")),
    }
}

fn round_trip(text: &str) -> (Value, Value, Box<dyn Validate>) {
    let raw: Value = serde_saphyr::from_str(text).unwrap();
    match raw["kind"].as_str() {
        Some("Application") => {
            let typed: Application = serde_saphyr::from_str(text).unwrap();
            (raw, serde_json::to_value(&typed).unwrap(), Box::new(typed))
        }
        Some("ApplicationHistory") => {
            let typed: ApplicationHistory = serde_saphyr::from_str(text).unwrap();
            (raw, serde_json::to_value(&typed).unwrap(), Box::new(typed))
        }
        other => panic!("not an app.k8s.io kind: {other:?}"),
    }
}

#[test]
fn fixtures_round_trip_and_validate() {
    let files = fixtures();
    assert!(files.len() >= 3, "fixtures missing: {files:?}");
    let mut seen = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(f).unwrap();
        assert!(
            text.starts_with("# seed "),
            "{name}: first line must cite the seed"
        );
        let (raw, typed, obj) = round_trip(&text);
        assert_eq!(raw["apiVersion"], "app.k8s.io/v1beta1", "{name}");

        let mut diffs = Vec::new();
        diff(&raw, &typed, "", &mut diffs);
        let expected_error = f.with_extension("expected-error");
        if expected_error.exists() {
            let expected = std::fs::read_to_string(&expected_error).unwrap();
            assert!(!diffs.is_empty(), "{name}: round trip is exact now");
            let report = diffs.join("\n");
            for want in expected.lines().filter(|l| !l.trim().is_empty()) {
                assert!(report.contains(want), "{name}: {want:?} not in {report}");
            }
        } else {
            if raw.get("spec").is_none() {
                diffs.retain(|d| d != "spec: added");
            }
            assert!(diffs.is_empty(), "{name}: round trip differs: {diffs:#?}");
        }

        let (_, want) = EXPECTED_VALIDATION
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("{name}: add it to EXPECTED_VALIDATION"));
        assert_eq!(obj.validate().to_string(), *want, "{name}");
        seen.push(name);
    }
    for (n, _) in EXPECTED_VALIDATION {
        assert!(seen.iter().any(|s| s == n), "fixture {n} is missing");
    }
}

/// The only differences of the fixtures without `spec` are the `spec: {}` kube's derive always
/// writes (see the `application` module docs); everything else survives.
#[test]
fn specless_examples_only_gain_an_empty_spec() {
    for f in fixtures() {
        let text = std::fs::read_to_string(&f).unwrap();
        let (raw, typed, _) = round_trip(&text);
        let mut diffs = Vec::new();
        diff(&raw, &typed, "", &mut diffs);
        if raw.get("spec").is_none() {
            assert_eq!(diffs, vec!["spec: added".to_owned()], "{}", f.display());
            assert_eq!(typed["spec"], serde_json::json!({}));
        }
    }
}

#[test]
fn webapp_example_fields() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/003/L6363-application-webapp.yaml"),
    )
    .unwrap();
    let app: Application = serde_saphyr::from_str(&text).unwrap();
    let kinds = app.spec.component_kinds.unwrap();
    assert_eq!(kinds.len(), 2);
    assert_eq!(kinds[1].group.as_deref(), Some(""));
    assert_eq!(kinds[1].kind.as_deref(), Some("Service"));
    assert_eq!(app.spec.descriptor, Some(Default::default()));
}
