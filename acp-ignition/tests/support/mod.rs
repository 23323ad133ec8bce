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
