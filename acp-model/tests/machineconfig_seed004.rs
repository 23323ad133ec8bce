// seed 004
//! The MachineConfig documentation has no YAML examples — only prose and `kubectl` output.
//! The objects below are reconstructed from that output (each one's first line says from which
//! seed lines and what was assumed); they are kept here rather than under `tests/fixtures/`,
//! which holds the seeds' own examples only. Each is typed, re-serialised without losing a
//! field, and validated.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use acp_model::machineconfig::{
    self, MachineConfig, MachineConfigPool, MachineConfiguration, NodeConfigState,
    NodeConfigStatus, pool_conditions,
};
use acp_model::validation::Validate;
use k8s_openapi::api::core::v1::Node;
use serde_json::Value;

const OBJECTS: &[(&str, &str)] = &[
    (
        "L1030-node-192.168.132.216.yaml",
        r#"# seed 004:1030 — reconstructed from the `kubectl get node -o custom-columns=…` row (1030) over the annotations of 1025; only those annotations are shown
apiVersion: v1
kind: Node
metadata:
  name: 192.168.132.216
  annotations:
    machineconfiguration.alauda.io/desiredConfig: rendered-master-98db9ca4f4b4cd
    machineconfiguration.alauda.io/currentConfig: rendered-master-98db9ca4f4b4cd
    machineconfiguration.alauda.io/state: Degraded
"#,
    ),
    (
        "L1031-node-192.168.135.83.yaml",
        r#"# seed 004:1031 — reconstructed from the `kubectl get node -o custom-columns=…` row (1031) over the annotations of 1025; only those annotations are shown
apiVersion: v1
kind: Node
metadata:
  name: 192.168.135.83
  annotations:
    machineconfiguration.alauda.io/desiredConfig: rendered-worker-05f27341ba49cf86dc4b
    machineconfiguration.alauda.io/currentConfig: rendered-master-e08d9cab50e383
    machineconfiguration.alauda.io/state: Working
"#,
    ),
    (
        "L1032-node-192.168.134.99.yaml",
        r#"# seed 004:1032 — reconstructed from the `kubectl get node -o custom-columns=…` row (1032) over the annotations of 1025; only those annotations are shown
apiVersion: v1
kind: Node
metadata:
  name: 192.168.134.99
  annotations:
    machineconfiguration.alauda.io/desiredConfig: rendered-worker-05f27341ba49cf86dc4b
    machineconfiguration.alauda.io/currentConfig: rendered-worker-05f27341ba49cf86dc4b
    machineconfiguration.alauda.io/state: Done
"#,
    ),
    (
        "L925-machineconfig-00-master.yaml",
        r#"# seed 004:925 — reconstructed: the seed has no YAML; "two empty MachineConfigs (00-master and 00-worker)" (925), managed by the master pool (925) through the role label (923), IGNITIONVERSION 3.4.0 (1014)
apiVersion: machineconfiguration.alauda.io/v1alpha1
kind: MachineConfig
metadata:
  name: 00-master
  labels:
    machineconfiguration.alauda.io/role: master
spec:
  config:
    ignition:
      version: 3.4.0
"#,
    ),
    (
        "L925-machineconfig-00-worker.yaml",
        r#"# seed 004:925 — reconstructed: the seed has no YAML; "two empty MachineConfigs (00-master and 00-worker)" (925), managed by the worker pool (925) through the role label (923), IGNITIONVERSION 3.4.0 (1015)
apiVersion: machineconfiguration.alauda.io/v1alpha1
kind: MachineConfig
metadata:
  name: 00-worker
  labels:
    machineconfiguration.alauda.io/role: worker
spec:
  config:
    ignition:
      version: 3.4.0
"#,
    ),
    (
        "L931-machineconfiguration-cluster.yaml",
        r#"# seed 004:931 — reconstructed: "a default MachineConfiguration CR named cluster for setting global node update policies" (931); the seed shows no spec, so it is empty
apiVersion: machineconfiguration.alauda.io/v1alpha1
kind: MachineConfiguration
metadata:
  name: cluster
spec: {}
"#,
    ),
    (
        "L986-machineconfigpool-master.yaml",
        r#"# seed 004:986 — reconstructed from the `kubectl get machineconfigpool` row (986) and the column meanings (992-999); the selectors are assumed (the seed says only that pools select by role labels, 923): MachineConfigs by machineconfiguration.alauda.io/role, nodes by node-role.kubernetes.io/<role> as upstream MCO does
apiVersion: machineconfiguration.alauda.io/v1alpha1
kind: MachineConfigPool
metadata:
  name: master
spec:
  machineConfigSelector:
    matchLabels:
      machineconfiguration.alauda.io/role: master
  nodeSelector:
    matchLabels:
      node-role.kubernetes.io/master: ""
status:
  configuration:
    name: rendered-master-06c9c4
  conditions:
    - type: Updated
      status: "True"
    - type: Updating
      status: "False"
    - type: Degraded
      status: "False"
  machineCount: 3
  readyMachineCount: 3
  updatedMachineCount: 3
  degradedMachineCount: 0
"#,
    ),
    (
        "L987-machineconfigpool-worker.yaml",
        r#"# seed 004:987 — reconstructed from the `kubectl get machineconfigpool` row (987) and the column meanings (992-999, 1001: two of three nodes updated, one in progress); the selectors are assumed (the seed says only that pools select by role labels, 923): MachineConfigs by machineconfiguration.alauda.io/role, nodes by node-role.kubernetes.io/<role> as upstream MCO does
apiVersion: machineconfiguration.alauda.io/v1alpha1
kind: MachineConfigPool
metadata:
  name: worker
spec:
  machineConfigSelector:
    matchLabels:
      machineconfiguration.alauda.io/role: worker
  nodeSelector:
    matchLabels:
      node-role.kubernetes.io/worker: ""
status:
  configuration:
    name: rendered-worker-f4b64
  conditions:
    - type: Updated
      status: "False"
    - type: Updating
      status: "True"
    - type: Degraded
      status: "False"
  machineCount: 3
  readyMachineCount: 2
  updatedMachineCount: 2
  degradedMachineCount: 0
"#,
    ),
];

fn read(name: &str) -> (String, Value) {
    let text = OBJECTS
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap()
        .1
        .to_owned();
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
    let files: Vec<&str> = OBJECTS.iter().map(|(n, _)| *n).collect();
    assert_eq!(files.len(), 8, "{files:?}");
    for name in &files {
        let (text, value) = read(name);
        assert!(text.starts_with("# seed 004:"), "{name}");
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
    // seed 004:986-987: master all updated; worker updating, 2 of 3 done.
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
    // seed 004:1030-1032 and the state reference at 1040–1041.
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
