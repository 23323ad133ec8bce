//! Replays every fuzz corpus (`fuzz/corpus/<target>/`, and the `fuzz/artifacts/<target>/` that
//! cargo-fuzz leaves after a crash) through the target's own check, on stable Rust.
//!
//! To add a target `<name>`: a module `src/<name>.rs` with `pub fn check(data: &[u8])`, an
//! entry in `TARGETS`, a `[[bin]]` in `fuzz/Cargo.toml` with `fuzz/fuzz_targets/<name>.rs`, seed
//! inputs in `fuzz/corpus/<name>/`, and a `<name>_corpus` test below.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use acp_fuzz_checks::{Check, TARGETS};

/// The cargo-fuzz package: `fuzz/`.
fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The files of `dir`, sorted; none when it does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
}

/// Runs the check of `target` on every file of its corpus and artifacts; fails naming the first
/// input that panics, and when the corpus is empty.
fn replay(target: &str) {
    let check: Check = TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .map(|(_, check)| *check)
        .unwrap_or_else(|| panic!("{target} is not in TARGETS"));
    let fuzz = fuzz_dir();
    let corpus = files(&fuzz.join("corpus").join(target));
    assert!(
        !corpus.is_empty(),
        "no corpus for {target} under {}",
        fuzz.display()
    );
    let artifacts = files(&fuzz.join("artifacts").join(target));
    for path in corpus.iter().chain(&artifacts) {
        let data = std::fs::read(path).unwrap();
        let result = std::panic::catch_unwind(|| check(&data));
        assert!(
            result.is_ok(),
            "{target}: check failed on {}",
            path.display()
        );
    }
}

#[test]
fn quantity_corpus() {
    replay("quantity");
}

#[test]
fn model_yaml_corpus() {
    replay("model_yaml");
}

#[test]
fn cron_corpus() {
    replay("cron");
}

#[test]
fn dslx_corpus() {
    replay("dslx");
}

#[test]
fn quota_admission_corpus() {
    replay("quota_admission");
}

#[test]
fn hpa_corpus() {
    replay("hpa");
}

#[test]
fn rollout_corpus() {
    replay("rollout");
}

#[test]
fn ignition_parse_corpus() {
    replay("ignition_parse");
}

#[test]
fn ignition_merge_corpus() {
    replay("ignition_merge");
}

#[test]
fn object_validation_corpus() {
    replay("object_validation");
}

#[test]
fn psa_corpus() {
    replay("psa");
}

/// `TARGETS`, the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`), the corpus folders and the
/// `*_corpus` tests above name the same set.
#[test]
fn every_fuzz_target_is_replayed() {
    let stems = |dir: &Path, ext: Option<&str>| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| ext.is_none_or(|x| p.extension().is_some_and(|e| e == x)))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let mut listed: Vec<String> = TARGETS.iter().map(|(n, _)| (*n).to_owned()).collect();
    listed.sort();
    let fuzz = fuzz_dir();
    assert_eq!(stems(&fuzz.join("fuzz_targets"), Some("rs")), listed);
    assert_eq!(stems(&fuzz.join("corpus"), None), listed);
    let this = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/main.rs"))
        .unwrap();
    for name in &listed {
        assert!(
            this.contains(&format!("fn {name}_corpus()")),
            "no {name}_corpus test"
        );
    }
    let manifest = std::fs::read_to_string(fuzz.join("Cargo.toml")).unwrap();
    for name in &listed {
        assert!(
            manifest.contains(&format!("name = \"{name}\"")),
            "no [[bin]] {name} in fuzz/Cargo.toml"
        );
    }
}

#[test]
fn eviction_thresholds_corpus() {
    replay("eviction_thresholds");
}

#[test]
fn eviction_simulate_corpus() {
    replay("eviction_simulate");
}
