//! What the integration tests share: the workspace's seed fixtures (the unit tests in `src/`
//! read them through the same `testdata` module).

mod testdata;

pub(crate) use testdata::{read, yaml};

use acp_model::quantity::Quantity;
use jiff::Timestamp;

/// The fixed "now" of the tests that need a clock: 2025-06-01T12:00:00Z.
pub(crate) fn now() -> Timestamp {
    "2025-06-01T12:00:00Z".parse().unwrap()
}

/// A quantity from its text; panics when it does not parse.
pub(crate) fn q(s: &str) -> Quantity {
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
