//! Diff of two rendered configs and the disruption under the cluster's node disruption policy.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use acp_ignition::diff::{
    Change, ConfigDiff, DisruptionPolicy, ItemChange, diff_configs, diff_machine_configs,
    disruption,
};
use acp_ignition::plan::UpdateStep;
use acp_ignition::types::Config;
use acp_model::machineconfig::{
    MachineConfig, MachineConfigSpec, MachineConfiguration, NodeDisruptionActionType,
    NodeDisruptionPolicyAction,
};
use serde_json::{Value, json};

fn cfg(v: Value) -> Config {
    Config::from_value(&v).unwrap()
}

fn old() -> Config {
    cfg(json!({"ignition": {"version": "3.4.0"},
        "storage": {"files": [
            {"path": "/etc/chrony.conf", "contents": {"source": "data:,a"}},
            {"path": "/etc/removed", "contents": {"source": "data:,r"}},
            {"path": "/etc/same", "contents": {"source": "data:,s"}}]},
        "systemd": {"units": [{"name": "a.service", "enabled": true}, {"name": "gone.service"}]},
        "passwd": {"users": [{"name": "core", "sshAuthorizedKeys": ["k1"]}]}}))
}

fn new() -> Config {
    cfg(json!({"ignition": {"version": "3.4.0"},
        "storage": {"files": [
            {"path": "/etc/same", "contents": {"source": "data:,s"}},
            {"path": "/etc/chrony.conf", "contents": {"source": "data:,b"}},
            {"path": "/etc/added", "contents": {"source": "data:,n"}}]},
        "systemd": {"units": [{"name": "a.service", "enabled": false}, {"name": "new.service"}]},
        "passwd": {"users": [{"name": "core", "sshAuthorizedKeys": ["k1", "k2"]}]}}))
}

fn spec() -> MachineConfigSpec {
    MachineConfigSpec::default()
}

fn act(t: NodeDisruptionActionType) -> NodeDisruptionPolicyAction {
    NodeDisruptionPolicyAction {
        type_: t,
        reload: None,
        restart: None,
    }
}

fn types(actions: &[NodeDisruptionPolicyAction]) -> Vec<String> {
    actions
        .iter()
        .map(|a| a.type_.as_str().to_owned())
        .collect()
}

fn change(name: &str, change: Change) -> ItemChange {
    ItemChange {
        name: name.into(),
        change,
    }
}

#[test]
fn lists_files_units_and_ssh_keys() {
    let d = diff_configs(&spec(), &old(), &spec(), &new());
    assert_eq!(
        d.files,
        [
            change("/etc/added", Change::Added),
            change("/etc/chrony.conf", Change::Changed),
            change("/etc/removed", Change::Removed),
        ]
    );
    assert_eq!(
        d.units,
        [
            change("a.service", Change::Changed),
            change("gone.service", Change::Removed),
            change("new.service", Change::Added),
        ]
    );
    assert!(d.passwd);
    assert!(!d.kernel_arguments && !d.os_image && !d.fips && !d.kernel_type);
    assert!(d.unreconcilable.is_empty());
    assert!(diff_configs(&spec(), &old(), &spec(), &old()).is_empty());
}

#[test]
fn default_policy_reboots_for_files_and_units() {
    let d = diff_configs(&spec(), &old(), &spec(), &new());
    let dis = disruption(&d, &DisruptionPolicy::default());
    assert_eq!(types(&dis.actions), ["Reboot"]);
    assert_eq!(dis.steps, UpdateStep::FULL);
    assert!(dis.reboots());
    assert_eq!(dis.items.len(), 7);
    assert!(!dis.items[0].matched);
    assert_eq!(dis.items[0].item, "file /etc/added (added)");
    assert_eq!(dis.items[6].item, "ssh keys");
    assert_eq!(types(&dis.items[6].actions), ["None"]);
}

#[test]
fn ssh_key_change_alone_is_none() {
    let mut n = old();
    n.passwd.users[0].ssh_authorized_keys.push("k2".into());
    let d = diff_configs(&spec(), &old(), &spec(), &n);
    let dis = disruption(&d, &DisruptionPolicy::default());
    assert_eq!(types(&dis.actions), ["None"]);
    assert_eq!(dis.steps, [UpdateStep::Apply]);
}

#[test]
fn nothing_changed_is_none() {
    let dis = disruption(&ConfigDiff::default(), &DisruptionPolicy::default());
    assert_eq!(types(&dis.actions), ["None"]);
    assert!(dis.items.is_empty());
}

#[test]
fn os_level_changes_always_reboot() {
    let with = |v: Value| -> MachineConfigSpec { serde_json::from_value(v).unwrap() };
    for (a, b) in [
        (json!({}), json!({"osImageURL": "img@sha256:2"})),
        (
            json!({"kernelArguments": ["a"]}),
            json!({"kernelArguments": ["a", "b"]}),
        ),
        (json!({}), json!({"kernelType": "realtime"})),
        (json!({}), json!({"extensions": ["usbguard"]})),
    ] {
        let d = diff_configs(&with(a.clone()), &old(), &with(b.clone()), &old());
        let dis = disruption(
            &d,
            &DisruptionPolicy::default().with_unmatched_files(vec![]),
        );
        assert_eq!(types(&dis.actions), ["Reboot"], "{a} -> {b}");
    }
    // Equivalent values are no change.
    let d = diff_configs(
        &with(json!({"kernelType": ""})),
        &old(),
        &with(json!({"kernelType": "default", "kernelArguments": [], "extensions": []})),
        &old(),
    );
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn policies_by_closest_path_unit_name_and_ssh() {
    let mc: MachineConfiguration = serde_json::from_value(json!({
        "apiVersion": "machineconfiguration.alauda.io/v1alpha1", "kind": "MachineConfiguration",
        "metadata": {"name": "cluster"},
        "spec": {"nodeDisruptionPolicy": {
            "files": [
                {"path": "/etc/chrony.conf", "actions": [{"type": "Restart", "restart": {"serviceName": "chronyd.service"}}]},
                {"path": "/etc", "actions": [{"type": "None"}]},
                {"path": "/etc/added", "actions": [{"type": "DaemonReload"}, {"type": "Reload", "reload": {"serviceName": "crio.service"}}]}
            ],
            "units": [
                {"name": "a.service", "actions": [{"type": "Drain"}]},
                {"name": "gone.service", "actions": [{"type": "None"}]},
                {"name": "new.service", "actions": [{"type": "None"}]}
            ],
            "sshkey": {"actions": [{"type": "None"}]}
        }}
    }))
    .unwrap();
    let policy = DisruptionPolicy::from_machine_configuration(&mc);
    let d = diff_configs(&spec(), &old(), &spec(), &new());
    let dis = disruption(&d, &policy);
    // /etc/removed falls under the /etc policy (None); None dropped beside the others.
    assert_eq!(
        types(&dis.actions),
        ["DaemonReload", "Reload", "Restart", "Drain"]
    );
    assert!(dis.items.iter().all(|i| i.matched));
    assert_eq!(
        dis.steps,
        [
            UpdateStep::Cordon,
            UpdateStep::Drain,
            UpdateStep::Apply,
            UpdateStep::DaemonReload,
            UpdateStep::Reload("crio.service".into()),
            UpdateStep::Restart("chronyd.service".into()),
            UpdateStep::Uncordon,
        ]
    );
    // A unit without a policy reboots.
    let mut n = new();
    n.systemd
        .units
        .push(serde_json::from_value(json!({"name": "other.service"})).unwrap());
    let dis = disruption(&diff_configs(&spec(), &old(), &spec(), &n), &policy);
    assert_eq!(types(&dis.actions), ["Reboot"]);
}

#[test]
fn status_cluster_policies_win_over_spec() {
    let mc: MachineConfiguration = serde_json::from_value(json!({
        "apiVersion": "machineconfiguration.alauda.io/v1alpha1", "kind": "MachineConfiguration",
        "metadata": {"name": "cluster"},
        "spec": {"nodeDisruptionPolicy": {"files": [{"path": "/etc/chrony.conf", "actions": [{"type": "Reboot"}]}]}},
        "status": {"nodeDisruptionPolicyStatus": {"clusterPolicies": {
            "files": [{"path": "/etc/chrony.conf", "actions": [{"type": "None"}]}],
            "sshkey": {"actions": [{"type": "Drain"}]}}}}
    }))
    .unwrap();
    let policy = DisruptionPolicy::from_machine_configuration(&mc);
    assert_eq!(
        types(policy.file_actions("/etc/chrony.conf").unwrap()),
        ["None"]
    );
    assert_eq!(types(&policy.ssh_key), ["Drain"]);
    // An empty MachineConfiguration (seed 004:931, `spec: {}`) gives the defaults.
    let empty: MachineConfiguration = serde_json::from_value(json!({
        "apiVersion": "machineconfiguration.alauda.io/v1alpha1", "kind": "MachineConfiguration",
        "metadata": {"name": "cluster"}, "spec": {}
    }))
    .unwrap();
    assert_eq!(
        DisruptionPolicy::from_machine_configuration(&empty),
        DisruptionPolicy::default()
    );
}

#[test]
fn acp_documented_file_default_none() {
    // ACP docs: "By default, file changes do not trigger any disruption"; units still reboot.
    let policy =
        DisruptionPolicy::default().with_unmatched_files(vec![act(NodeDisruptionActionType::None)]);
    let mut n = old();
    n.storage.files[0].mode = Some(0o600);
    let dis = disruption(&diff_configs(&spec(), &old(), &spec(), &n), &policy);
    assert_eq!(types(&dis.actions), ["None"]);
    assert_eq!(dis.steps, [UpdateStep::Apply]);
    let dis = disruption(&diff_configs(&spec(), &old(), &spec(), &new()), &policy);
    assert_eq!(types(&dis.actions), ["Reboot"]);
}

#[test]
fn unreconcilable_changes() {
    let o = cfg(
        json!({"storage": {"directories": [{"path": "/var/d"}], "links": [{"path": "/l", "target": "/x"}]}}),
    );
    let n = cfg(json!({"kernelArguments": {"shouldExist": ["a"]},
        "passwd": {"groups": [{"name": "g"}]},
        "storage": {"disks": [{"device": "/dev/sdb"}], "directories": [{"path": "/var/e"}],
                    "files": [{"path": "/f", "append": [{"source": "data:,x"}]}]}}));
    let fips: MachineConfigSpec = serde_json::from_value(json!({"fips": true})).unwrap();
    let d = diff_configs(&spec(), &o, &fips, &n);
    assert_eq!(
        d.unreconcilable,
        [
            "invalid passwd change(s): ignition Passwd Groups section contains changes",
            "ignition kargs section contains changes",
            "ignition disks section contains changes",
            "ignition directories section contains changes",
            "ignition file /f includes append",
            "detected change to FIPS flag; refusing to modify FIPS on a running cluster",
        ]
    );
    let dis = disruption(&d, &DisruptionPolicy::default());
    assert!(dis.steps.is_empty());
    // Removing links is allowed (upstream keeps old configs' links removable).
    let d = diff_configs(
        &spec(),
        &o,
        &spec(),
        &cfg(json!({"storage": {"directories": [{"path": "/var/d"}]}})),
    );
    assert!(d.unreconcilable.is_empty());
}

#[test]
fn from_machine_configs() {
    let mc = |name: &str, config: Value| -> MachineConfig {
        serde_json::from_value(json!({
            "apiVersion": "machineconfiguration.alauda.io/v1alpha1", "kind": "MachineConfig",
            "metadata": {"name": name}, "spec": {"config": config}
        }))
        .unwrap()
    };
    let a = mc("rendered-worker-a", old().to_value());
    let b = mc("rendered-worker-b", new().to_value());
    assert_eq!(
        diff_machine_configs(&a, &b).unwrap(),
        diff_configs(&spec(), &old(), &spec(), &new())
    );
    let bad = mc("rendered-worker-x", json!({"storage": {"files": "no"}}));
    assert!(
        diff_machine_configs(&a, &bad)
            .unwrap_err()
            .to_string()
            .starts_with("MachineConfig rendered-worker-x: spec.config:")
    );
}
