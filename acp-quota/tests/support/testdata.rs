//! The workspace's seed fixtures: `testdata/` at the repository root (`testdata/README.md`
//! describes the layout). Shared by the integration tests and the unit tests of this crate.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

/// `testdata/<rel>`.
pub(crate) fn path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(rel)
}

/// The text of `testdata/<rel>`; panics naming the file when it cannot be read.
pub(crate) fn read(rel: &str) -> String {
    let path = path(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The (first) YAML document of `testdata/<rel>` as a `T`; panics naming the file on error.
pub(crate) fn yaml<T: DeserializeOwned>(rel: &str) -> T {
    serde_saphyr::from_str(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}
