//! Replays the fuzz corpora under `fuzz/corpus/<target>/` through the same checks the fuzz
//! targets run (`fuzz/checks/<target>.rs`), on stable Rust, as an ordinary test.
//!
//! To add a target `<name>`: `#[allow(unreachable_pub)] mod <name> { include!(…); }` below
//! and a `#[test]` calling `replay("<name>", <name>::check)`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

#[allow(unreachable_pub, dead_code)]
mod quantity {
    include!("../../../fuzz/checks/quantity.rs");
}

#[allow(unreachable_pub, dead_code)]
mod model_yaml {
    include!("../../../fuzz/checks/model_yaml.rs");
}

/// Runs `check` on every file of `fuzz/corpus/<target>` (and of the `artifacts` cargo-fuzz
/// leaves for that target, when there are any).
fn replay(target: &str, check: fn(&[u8])) {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut seen = 0;
    for dir in [
        fuzz.join("corpus").join(target),
        fuzz.join("artifacts").join(target),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        paths.sort();
        for path in paths {
            let data = std::fs::read(&path).unwrap();
            let result = std::panic::catch_unwind(|| check(&data));
            assert!(
                result.is_ok(),
                "{target}: check failed on {}",
                path.display()
            );
            seen += 1;
        }
    }
    assert!(seen > 0, "no corpus for {target} under {}", fuzz.display());
}

#[test]
fn quantity_corpus() {
    replay("quantity", quantity::check);
}

#[test]
fn model_yaml_corpus() {
    replay("model_yaml", model_yaml::check);
}
