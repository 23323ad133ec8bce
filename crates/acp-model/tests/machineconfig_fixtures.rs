//! Seed 004 fixtures (`tests/fixtures/004/`): each typed, re-serialised without losing a field,
//! and validated.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use acp_model::machineconfig::{
    self, MachineConfig, MachineConfigPool, MachineConfiguration, NodeConfigState,
    NodeConfigStatus, pool_conditions,
};
use acp_model::validation::Validate;
use k8s_openapi::api::core::v1::Node;
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/004")
}

fn read(name: &str) -> (String, Value) {
    let text = std::fs::read_to_string(dir().join(name)).unwrap();
    let value: Value = serde_saphyr::from_str(&text).unwrap();
    (text, value)
}

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: &Value) -> T {
    let typed: T = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(
        &serde_json::to_value(&typed).unwrap(),
        value,
        "lost or changed fields"
    );
    typed
}

#[test]
fn every_004_fixture_round_trips_and_validates() {
    let mut files: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 8, "{files:?}");
    for name in &files {
        let (text, value) = read(name);
        assert!(
            text.starts_with("# seed 004_eae964de5f555d72.txt:"),
            "{name}"
        );
        let errs = match value["kind"].as_str().unwrap() {
            "MachineConfig" => {
                let mc: MachineConfig = round_trip(&value);
                // from_yaml reads the same object (no octal scalars in these fixtures).
                assert_eq!(machineconfig::from_yaml(&text).unwrap(), mc);
                mc.validate()
            }
            "MachineConfigPool" => round_trip::<MachineConfigPool>(&value).validate(),
            "MachineConfiguration" => round_trip::<MachineConfiguration>(&value).validate(),
            "Node" => {
                let _: Node = round_trip(&value);
                Default::default()
            }
            other => panic!("{name}: unexpected kind {other}"),
        };
        assert!(errs.is_empty(), "{name}: {errs}");
    }
}

#[test]
fn pool_status_matches_the_seed_columns() {
    // seed 004:986–987: master all updated; worker updating, 2 of 3 done.
    let master: MachineConfigPool = round_trip(&read("L986-machineconfigpool-master.yaml").1);
    let status = master.status.unwrap();
    assert!(status.is_condition_true(pool_conditions::UPDATED));
    assert!(!status.is_condition_true(pool_conditions::UPDATING));
    assert_eq!(
        status.configuration.unwrap().name.as_deref(),
        Some("rendered-master-06c9c4")
    );
    assert_eq!(
        machineconfig::rendered_pool_name("rendered-master-06c9c4"),
        Some("master")
    );

    let worker: MachineConfigPool = round_trip(&read("L987-machineconfigpool-worker.yaml").1);
    let status = worker.status.unwrap();
    assert!(!status.is_condition_true(pool_conditions::UPDATED));
    assert!(status.is_condition_true(pool_conditions::UPDATING));
    assert!(!status.is_condition_true(pool_conditions::DEGRADED));
    assert_eq!(
        (
            status.machine_count,
            status.ready_machine_count,
            status.updated_machine_count,
            status.degraded_machine_count
        ),
        (Some(3), Some(2), Some(2), Some(0))
    );
    assert_eq!(worker.spec.max_unavailable_nodes(3), Some(1));
}

#[test]
fn node_states_match_the_seed_rows() {
    // seed 004:1030–1032 and the state reference at 1040–1041.
    let cases = [
        (
            "L1030-node-192.168.132.216.yaml",
            NodeConfigState::Degraded,
            false,
        ),
        (
            "L1031-node-192.168.135.83.yaml",
            NodeConfigState::Working,
            false,
        ),
        (
            "L1032-node-192.168.134.99.yaml",
            NodeConfigState::Done,
            true,
        ),
    ];
    for (file, state, up_to_date) in cases {
        let node: Node = round_trip(&read(file).1);
        let st = NodeConfigStatus::from_node(&node);
        assert_eq!(st.parsed_state(), Some(Ok(state)), "{file}");
        assert_eq!(st.is_up_to_date(), up_to_date, "{file}");
    }
    // The Degraded node has desired = current yet is not up to date: state decides.
    let node: Node = round_trip(&read("L1030-node-192.168.132.216.yaml").1);
    let st = NodeConfigStatus::from_node(&node);
    assert_eq!(st.desired_config, st.current_config);
    assert!(st.parsed_state().unwrap().unwrap().is_degraded());
}
