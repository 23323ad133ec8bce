//! Every seed example under the workspace's `testdata/` is read through [`acp_model::object::parse_yaml`]:
//! typed by its apiVersion/kind, re-serialised, and compared with the original (no field lost).
//!
//! A fixture with a sibling `<name>.expected-error` must be *rejected*, with an error containing
//! every non-empty line of that file — that is how a seed example that is itself wrong (for
//! instance `targetCPUUtilizationPercentage` under `autoscaling/v2`) is pinned to the clear error
//! we give. Every document that is read is also validated: it must be valid, unless a sibling
//! `<name>.expected-invalid` lists (one substring per line) the validation errors the seed example
//! really has. Kinds acp-model does not model at all are listed in `testdata/SKIPPED.md` and
//! are not stored as fixtures.

use acp_model::object::parse_yaml;

use crate::support;

#[test]
fn every_seed_fixture_is_typed_without_loss_or_rejected_as_expected() {
    let files = support::seed_files();
    // Guard against a vacuous pass (a moved folder would otherwise test nothing).
    assert!(files.len() >= 70, "only {} fixtures found", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(
            text.starts_with("# seed "),
            "{}: the first line must cite the seed file and line",
            file.display()
        );
        let expected = file.with_extension("expected-error");
        let invalid = std::fs::read_to_string(file.with_extension("expected-invalid")).ok();
        let result = parse_yaml(&text);
        match (std::fs::read_to_string(&expected).ok(), result) {
            (None, Ok(docs)) => {
                if docs.is_empty() {
                    failures.push(format!("{}: no document", file.display()));
                }
                let errors: Vec<String> = docs
                    .iter()
                    .flat_map(|d| d.validate())
                    .map(|e| e.to_string())
                    .collect();
                match &invalid {
                    None if !errors.is_empty() => failures.push(format!(
                        "{}: invalid: {}",
                        file.display(),
                        errors.join("; ")
                    )),
                    None => {}
                    Some(want) => {
                        let all = errors.join("\n");
                        if errors.is_empty() {
                            failures.push(format!(
                                "{}: expected validation errors, got none",
                                file.display()
                            ));
                        }
                        for line in want
                            .lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty() && !l.starts_with('#'))
                        {
                            if !all.contains(line) {
                                failures.push(format!(
                                    "{}: validation errors {all:?} lack {line:?}",
                                    file.display()
                                ));
                            }
                        }
                    }
                }
            }
            (None, Err(e)) => failures.push(format!("{}: {e}", file.display())),
            (Some(_), Ok(_)) => {
                failures.push(format!("{}: expected an error, read fine", file.display()))
            }
            (Some(want), Err(e)) => {
                let msg = e.to_string();
                for line in want
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                {
                    if !msg.contains(line) {
                        failures.push(format!("{}: error {msg:?} lacks {line:?}", file.display()));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
