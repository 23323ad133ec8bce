//! What the integration tests share: the workspace's seed fixtures and the structural-schema
//! checker.

pub(crate) mod structural;

use std::path::{Path, PathBuf};

/// `testdata/<rel>`, the workspace's seed fixtures (`testdata/README.md` describes the layout).
pub(crate) fn testdata(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(rel)
}

/// The text of `testdata/<rel>`; panics naming the file when it cannot be read.
pub(crate) fn read(rel: &str) -> String {
    let path = testdata(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every seed example: the `*.yaml` files of the seed folders (`testdata/<3 digits>/`), sorted.
pub(crate) fn seed_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for seed in std::fs::read_dir(testdata("")).unwrap() {
        let seed = seed.unwrap().path();
        let is_seed = seed.file_name().is_some_and(|n| {
            n.len() == 3 && n.to_string_lossy().bytes().all(|b| b.is_ascii_digit())
        });
        if !seed.is_dir() || !is_seed {
            continue;
        }
        for f in std::fs::read_dir(&seed).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|x| x == "yaml") {
                out.push(f);
            }
        }
    }
    out.sort();
    out
}

/// The configuration of a `proptest!` block: `cases` cases, unless `PROPTEST_CASES` asks for
/// another count (longer runs on demand). The seed is `PROPTEST_RNG_SEED`'s, fixed for every
/// run in `.cargo/config.toml` unless the environment overrides it.
pub(crate) fn proptest_config(cases: u32) -> proptest::test_runner::Config {
    let config = proptest::test_runner::Config::default();
    if std::env::var_os("PROPTEST_CASES").is_some() {
        config
    } else {
        proptest::test_runner::Config { cases, ..config }
    }
}
