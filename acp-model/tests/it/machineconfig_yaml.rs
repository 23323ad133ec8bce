//! `machineconfig::from_yaml`: file modes read as kubectl (YAML 1.1 / go-yaml v2) reads them.

use acp_model::machineconfig::{self, Error};
use serde_json::{Value, json};

fn doc(mode: &str) -> String {
    format!(
        "apiVersion: machineconfiguration.alauda.io/v1alpha1
kind: MachineConfig
metadata:
  name: 99-worker-chrony
  labels:
    machineconfiguration.alauda.io/role: worker
spec:
  config:
    ignition:
      version: 3.4.0
    storage:
      files:
        - path: /etc/chrony.conf
          mode: {mode}
          overwrite: true
          contents:
            source: data:text/plain;base64,c2VydmVyIDAuY2VudG9zLnBvb2wubnRwLm9yZyBpYnVyc3QK
      directories:
        - path: /etc/chrony.d
          mode: {mode}
"
    )
}

fn modes(mode: &str) -> (Value, Value) {
    let mc = machineconfig::from_yaml(&doc(mode)).unwrap();
    let c = mc.spec.config.unwrap();
    (
        c["storage"]["files"][0]["mode"].clone(),
        c["storage"]["directories"][0]["mode"].clone(),
    )
}

#[test]
fn octal_modes_as_kubectl_reads_them() {
    for (written, want) in [
        ("0644", json!(420)),
        ("0o644", json!(420)),
        ("420", json!(420)),
        ("0755", json!(493)),
        ("0", json!(0)),
        ("00", json!(0)),
        ("+0644", json!(420)),
        ("0_644", json!(420)),
        ("0x1A4", json!(420)),
        ("644", json!(644)),
        // not octal: go-yaml v2 falls back to its float rule; kubectl sends 888
        ("0888", json!(888)),
        ("09", json!(9)),
        // quoted / tagged: strings, never numbers
        ("\"0644\"", json!("0644")),
        ("'0644'", json!("0644")),
        ("!!str 0644", json!("0644")),
    ] {
        let (file, dir) = modes(written);
        assert_eq!(file, want, "files[].mode {written}");
        assert_eq!(dir, want, "directories[].mode {written}");
        // integers stay integers on the wire
        assert_eq!(file.to_string(), want.to_string(), "{written}");
    }
}

#[test]
fn plain_yaml_1_2_reading_gets_0644_wrong() {
    // What this function exists for: serde-saphyr's default (YAML 1.2) reads 0644 as 644.
    let v: Value = serde_saphyr::from_str(&doc("0644")).unwrap();
    assert_eq!(
        v["spec"]["config"]["storage"]["files"][0]["mode"].as_f64(),
        Some(644.0)
    );
}

#[test]
fn other_fields_survive_and_strings_stay_strings() {
    let mc = machineconfig::from_yaml(&doc("0644")).unwrap();
    let c = mc.spec.config.as_ref().unwrap();
    assert_eq!(c["ignition"]["version"], "3.4.0");
    assert_eq!(c["storage"]["files"][0]["overwrite"], true);
    assert_eq!(mc.metadata.name.as_deref(), Some("99-worker-chrony"));
    assert_eq!(mc.role(), Some("worker"));
    assert_eq!(mc.ignition_version(), Some("3.4.0"));
}

#[test]
fn wrong_kind_and_bad_yaml_are_errors() {
    let err = machineconfig::from_yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n")
        .unwrap_err();
    assert!(matches!(err, Error::WrongKind { .. }), "{err}");
    assert!(err.to_string().contains("ConfigMap"));
    let err = machineconfig::from_yaml(
        "apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata: {name: x}\n",
    )
    .unwrap_err();
    assert!(matches!(err, Error::WrongKind { .. }), "{err}");
    assert!(matches!(
        machineconfig::from_yaml("a: [").unwrap_err(),
        Error::Yaml(_)
    ));
    assert!(matches!(
        machineconfig::from_yaml("").unwrap_err(),
        Error::WrongKind { .. } | Error::Yaml(_)
    ));
    let err = machineconfig::from_yaml(
        "apiVersion: machineconfiguration.alauda.io/v1alpha1\nkind: MachineConfig\nmetadata: {name: x}\nspec: {kernelArguments: 3}\n",
    )
    .unwrap_err();
    assert!(matches!(err, Error::Schema(_)), "{err}");
}

#[test]
fn json_round_trip_of_config_is_exact() {
    let v = json!({
        "apiVersion": "machineconfiguration.alauda.io/v1alpha1",
        "kind": "MachineConfig",
        "metadata": {"name": "99-x", "labels": {"machineconfiguration.alauda.io/role": "worker"}},
        "spec": {
            "config": {"ignition": {"version": "3.4.0"}, "systemd": {"units": [{"name": "chronyd.service", "enabled": false, "mask": true}]}, "x-unknown": [1, 2.5, null]},
            "kernelArguments": ["loglevel=7"],
            "extensions": ["usbguard"],
            "fips": false,
            "kernelType": "realtime",
            "osImageURL": "registry.example/os@sha256:00",
            "baseOSExtensionsContainerImage": "registry.example/ext@sha256:00"
        }
    });
    let mc: machineconfig::MachineConfig = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(serde_json::to_value(&mc).unwrap(), v);
}
