//! What the integration tests share: the workspace's seed fixtures (`testdata/` at the
//! repository root; `testdata/README.md` describes the layout).

use std::path::Path;

/// The text of `testdata/<rel>`; panics naming the file when it cannot be read.
pub(crate) fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// An instant from its RFC 3339 text; panics when it does not parse.
pub(crate) fn ts(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
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
