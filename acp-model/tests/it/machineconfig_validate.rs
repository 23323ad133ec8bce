//! `Validate` for MachineConfig, MachineConfigPool and MachineConfiguration: every rule, with
//! the exact message.

use acp_model::machineconfig::{MachineConfig, MachineConfigPool, MachineConfiguration};
use acp_model::validation::Validate;
use serde_json::json;

fn mc(v: serde_json::Value) -> MachineConfig {
    serde_json::from_value(v).unwrap()
}
fn pool(v: serde_json::Value) -> MachineConfigPool {
    serde_json::from_value(v).unwrap()
}
fn conf(v: serde_json::Value) -> MachineConfiguration {
    serde_json::from_value(v).unwrap()
}
fn msgs(errs: acp_model::validation::ErrorList) -> Vec<String> {
    errs.iter().map(ToString::to_string).collect()
}

#[test]
fn machineconfig_rules() {
    let ok = mc(
        json!({"metadata": {"name": "99-worker-x", "labels": {"machineconfiguration.alauda.io/role": "worker"}},
        "spec": {"config": {"ignition": {"version": "3.4.0"}}}}),
    );
    assert!(ok.validate().is_empty());

    let bad = mc(json!({"metadata": {"name": "99_Worker"},
        "spec": {"config": {"ignition": {"version": "3.2.0"}}}}));
    let m = msgs(bad.validate());
    assert_eq!(m.len(), 3, "{m:?}");
    assert!(
        m[0].starts_with(
            "metadata.name: Invalid value: \"99_Worker\": a lowercase RFC 1123 subdomain"
        ),
        "{m:?}"
    );
    assert_eq!(
        m[1],
        "metadata.labels[machineconfiguration.alauda.io/role]: Required value: a MachineConfig is applied only by the pools whose machineConfigSelector selects its role label"
    );
    assert_eq!(
        m[2],
        "spec.config.ignition.version: Unsupported value: \"3.2.0\": supported values: \"3.4.0\""
    );

    let m = msgs(
        mc(
            json!({"metadata": {"name": "a", "labels": {"machineconfiguration.alauda.io/role": ""}},
        "spec": {"config": {"storage": {}}}}),
        )
        .validate(),
    );
    assert_eq!(
        m,
        [
            "metadata.labels[machineconfiguration.alauda.io/role]: Invalid value: \"\": must name a pool role, e.g. \"worker\"",
            "spec.config.ignition.version: Required value",
        ]
    );

    let m = msgs(mc(json!({"metadata": {"name": "a", "labels": {"machineconfiguration.alauda.io/role": "worker"}},
        "spec": {"config": "ignition"}})).validate());
    assert_eq!(
        m,
        ["spec.config: Invalid value: \"ignition\": must be an Ignition config object"]
    );

    let m = msgs(mc(json!({"metadata": {}, "spec": {}})).validate());
    assert_eq!(
        m[0],
        "metadata.name: Required value: name or generateName is required"
    );

    // A rendered config owned by its pool needs no role label; no spec.config is fine.
    let rendered = mc(
        json!({"metadata": {"name": "rendered-worker-bad", "ownerReferences": [
        {"apiVersion": "machineconfiguration.alauda.io/v1alpha1", "kind": "MachineConfigPool", "name": "worker", "uid": "u"}]},
        "spec": {"config": {"ignition": {"version": "3.4.0"}}}}),
    );
    assert!(rendered.validate().is_empty());
    assert!(mc(json!({"metadata": {"name": "k", "labels": {"machineconfiguration.alauda.io/role": "worker"}},
        "spec": {"kernelArguments": ["nosmt"]}})).validate().is_empty());
}

#[test]
fn pool_rules() {
    let base = |name: &str, node_sel: serde_json::Value, mu: serde_json::Value| {
        pool(json!({"metadata": {"name": name}, "spec": {
            "machineConfigSelector": {"matchLabels": {"machineconfiguration.alauda.io/role": name}},
            "nodeSelector": node_sel, "maxUnavailable": mu}}))
    };
    let worker_sel = json!({"matchLabels": {"node-role.kubernetes.io/worker": ""}});
    for mu in [
        json!(1),
        json!(0),
        json!(3),
        json!("0%"),
        json!("25%"),
        json!("100%"),
    ] {
        assert!(
            base("infra", worker_sel.clone(), mu.clone())
                .validate()
                .is_empty(),
            "{mu}"
        );
    }
    assert_eq!(
        msgs(base("infra", worker_sel.clone(), json!(-1)).validate()),
        ["spec.maxUnavailable: Invalid value: -1: must be greater than or equal to 0"]
    );
    assert_eq!(
        msgs(base("infra", worker_sel.clone(), json!("101%")).validate()),
        ["spec.maxUnavailable: Invalid value: \"101%\": must not be greater than 100%"]
    );
    let m = msgs(base("infra", worker_sel.clone(), json!("two")).validate());
    assert_eq!(m.len(), 1);
    assert!(
        m[0].starts_with(
            "spec.maxUnavailable: Invalid value: \"two\": a valid percent string must be"
        ),
        "{m:?}"
    );

    // Master nodes cannot use custom pools (seed 004:927) — but the master pool may select them.
    for sel in [
        json!({"matchLabels": {"node-role.kubernetes.io/master": ""}}),
        json!({"matchLabels": {"node-role.kubernetes.io/control-plane": ""}}),
        json!({"matchExpressions": [{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists"}]}),
    ] {
        assert_eq!(
            msgs(base("infra", sel.clone(), json!(1)).validate()),
            ["spec.nodeSelector: Forbidden: master nodes cannot use custom pools"],
            "{sel}"
        );
        assert!(base("master", sel, json!(1)).validate().is_empty());
    }
    let not_master = json!({"matchExpressions": [{"key": "node-role.kubernetes.io/master", "operator": "DoesNotExist"}]});
    assert!(base("infra", not_master, json!(1)).validate().is_empty());

    // Selectors required; expressions checked.
    let m = msgs(pool(json!({"metadata": {"name": "p"}, "spec": {}})).validate());
    assert_eq!(
        m,
        [
            "spec.machineConfigSelector: Required value",
            "spec.nodeSelector: Required value"
        ]
    );
    let m = msgs(
        base(
            "infra",
            json!({"matchExpressions": [
        {"key": "a", "operator": "In"},
        {"key": "b", "operator": "Exists", "values": ["x"]},
        {"key": "c", "operator": "Gt", "values": ["1"]}]}),
            json!(1),
        )
        .validate(),
    );
    assert_eq!(
        m,
        [
            "spec.nodeSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
            "spec.nodeSelector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            "spec.nodeSelector.matchExpressions[2].operator: Invalid value: \"Gt\": not a valid selector operator",
        ]
    );
}

#[test]
fn max_unavailable_arithmetic() {
    let p = |mu: serde_json::Value| {
        pool(json!({"metadata": {"name": "w"}, "spec": {"maxUnavailable": mu}}))
    };
    assert_eq!(p(json!(2)).spec.max_unavailable_nodes(5), Some(2));
    assert_eq!(p(json!("50%")).spec.max_unavailable_nodes(5), Some(2));
    assert_eq!(p(json!("100%")).spec.max_unavailable_nodes(5), Some(5));
    assert_eq!(p(json!("10%")).spec.max_unavailable_nodes(0), Some(1));
    assert_eq!(p(json!(-1)).spec.max_unavailable_nodes(5), None);
    assert_eq!(p(json!("x%")).spec.max_unavailable_nodes(5), None);
}

#[test]
fn node_disruption_policy_rules() {
    let ok = conf(
        json!({"metadata": {"name": "cluster"}, "spec": {"nodeDisruptionPolicy": {
        "files": [{"path": "/etc/chrony.conf", "actions": [{"type": "Restart", "restart": {"serviceName": "chronyd.service"}}]}],
        "units": [{"name": "crio.service", "actions": [{"type": "Drain"}, {"type": "Reload", "reload": {"serviceName": "crio.service"}}, {"type": "DaemonReload"}]}],
        "sshkey": {"actions": [{"type": "None"}]}}}}),
    );
    assert!(ok.validate().is_empty(), "{}", ok.validate());
    // The raw ACP field and unknown fields survive a round trip.
    let v = json!({"apiVersion": "machineconfiguration.alauda.io/v1alpha1", "kind": "MachineConfiguration",
        "metadata": {"name": "cluster"},
        "spec": {"defaultNodeDisruptionPolicySpecAction": {"files": [{"type": "Reboot"}]}, "logLevel": "Normal"},
        "status": {"nodeDisruptionPolicyStatus": {"clusterPolicies": {"files": [{"path": "/etc/containers/registries.conf", "actions": [{"type": "Special"}]}]}},
                   "observedGeneration": 9, "readyReplicas": 0}});
    let c = conf(v.clone());
    assert_eq!(serde_json::to_value(&c).unwrap(), v);
    assert!(c.validate().is_empty());

    let bad = conf(
        json!({"metadata": {"name": "cluster"}, "spec": {"nodeDisruptionPolicy": {
        "files": [
            {"path": "/etc/a", "actions": [{"type": "Reboot"}, {"type": "Drain"}]},
            {"path": "/etc/a", "actions": [{"type": "Reload"}]},
            {"path": "/etc/b"}
        ],
        "units": [{"name": "crio", "actions": [{"type": "Special"}, {"type": "None"}, {"type": "Drain", "restart": {"serviceName": "x.service"}}]}],
        "sshkey": {"actions": []}}}}),
    );
    assert_eq!(
        msgs(bad.validate()),
        [
            "spec.nodeDisruptionPolicy.files[0].actions: Invalid value: \"array\": Reboot action can only be specified standalone, as it will override any other actions",
            "spec.nodeDisruptionPolicy.files[1]: Duplicate value: {\"path\":\"/etc/a\"}",
            "spec.nodeDisruptionPolicy.files[1].actions[0]: Invalid value: \"object\": reload is required when type is Reload, and forbidden otherwise",
            "spec.nodeDisruptionPolicy.files[2].actions: Required value",
            "spec.nodeDisruptionPolicy.units[0].name: Invalid value: \"string\": Invalid ${SERVICETYPE} in service name. Expected format is ${NAME}${SERVICETYPE}, where ${SERVICETYPE} must be one of \".service\", \".socket\", \".device\", \".mount\", \".automount\", \".swap\", \".target\", \".path\", \".timer\",\".snapshot\", \".slice\" or \".scope\".",
            "spec.nodeDisruptionPolicy.units[0].name: Invalid value: \"string\": Invalid ${NAME} in service name. Expected format is ${NAME}${SERVICETYPE}, where {NAME} must be atleast 1 character long and can only consist of alphabets, digits, \":\", \"-\", \"_\", \".\", and \"\\\"",
            "spec.nodeDisruptionPolicy.units[0].actions: Invalid value: \"array\": None action can only be specified standalone, as it will override any other actions",
            "spec.nodeDisruptionPolicy.units[0].actions[0].type: Unsupported value: \"Special\": supported values: \"Reboot\", \"Drain\", \"Reload\", \"Restart\", \"DaemonReload\", \"None\"",
            "spec.nodeDisruptionPolicy.units[0].actions[2]: Invalid value: \"object\": restart is required when type is Restart, and forbidden otherwise",
        ]
    );

    let many: Vec<_> = (0..51)
        .map(|i| json!({"path": format!("/etc/f{i}"), "actions": [{"type": "None"}]}))
        .collect();
    let eleven: Vec<_> = (0..11).map(|_| json!({"type": "Drain"})).collect();
    let m = msgs(
        conf(
            json!({"metadata": {"name": "cluster"}, "spec": {"nodeDisruptionPolicy": {
        "files": many, "sshkey": {"actions": eleven}}}}),
        )
        .validate(),
    );
    assert_eq!(
        m,
        [
            "spec.nodeDisruptionPolicy.files: Too many: 51: must have at most 50 items",
            "spec.nodeDisruptionPolicy.sshkey.actions: Too many: 11: must have at most 10 items",
        ]
    );
    // An unknown type reads (kept verbatim) and is rejected by validation.
    let odd = conf(
        json!({"metadata": {"name": "cluster"}, "spec": {"nodeDisruptionPolicy": {"sshkey": {"actions": [{"type": "Explode"}]}}}}),
    );
    assert_eq!(
        serde_json::to_value(&odd).unwrap()["spec"]["nodeDisruptionPolicy"]["sshkey"]["actions"][0]
            ["type"],
        "Explode"
    );
    assert_eq!(msgs(odd.validate()).len(), 1);
}

#[test]
fn label_syntax_is_checked() {
    let m = msgs(
        mc(json!({"metadata": {"name": "a", "labels": {"machineconfiguration.alauda.io/role": "bad value!"}}, "spec": {}}))
            .validate(),
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].starts_with(
            "metadata.labels[machineconfiguration.alauda.io/role]: Invalid value: \"bad value!\""
        ),
        "{m:?}"
    );
    // generateName without a name is fine
    assert!(
        pool(json!({"metadata": {"generateName": "p-"}, "spec": {
        "machineConfigSelector": {}, "nodeSelector": {}}}))
        .validate()
        .is_empty()
    );
}
