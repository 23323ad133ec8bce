//! What the integration tests share: builders of Ignition configs and MachineConfigs.

use acp_ignition::types::Config;
use acp_model::machineconfig::MachineConfig;
use serde_json::{Value, json};

/// An Ignition config from its JSON; panics when it does not read.
pub(crate) fn cfg(v: Value) -> Config {
    Config::from_value(&v).unwrap()
}

/// A MachineConfig `name` for the pool `role` with the given `spec`.
pub(crate) fn mc(name: &str, role: &str, spec: Value) -> MachineConfig {
    serde_json::from_value(json!({
        "apiVersion": "machineconfiguration.alauda.io/v1alpha1",
        "kind": "MachineConfig",
        "metadata": {"name": name, "labels": {"machineconfiguration.alauda.io/role": role}},
        "spec": spec,
    }))
    .unwrap()
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
