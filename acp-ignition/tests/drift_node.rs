//! Drift between a rendered config and what a node has.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use acp_ignition::drift::{DriftTarget, NodeObservation, Observed, check_drift};
use acp_ignition::plan::PoolNode;
use acp_ignition::status::pool_status;
use acp_ignition::types::Config;
use acp_model::machineconfig::{MachineConfigPool, NodeConfigState};
use serde_json::json;

const CFG: &str = "rendered-worker-5e2a";

fn config() -> Config {
    Config::from_value(&json!({
        "ignition": {"version": "3.4.0"},
        "storage": {"files": [
            {"path": "/etc/chrony.conf", "mode": 420, "contents": {"source": "data:text/plain;base64,c2VydmVyIGEK"}},
            {"path": "/etc/motd", "contents": {"source": "data:,hello%0A"}},
            {"path": "/etc/empty"}
        ]},
        "systemd": {"units": [
            {"name": "chronyd.service", "enabled": true, "contents": "[Service]\nExecStart=/usr/sbin/chronyd\n",
             "dropins": [{"name": "10-env.conf", "contents": "[Service]\nEnvironment=A=1\n"},
                         {"name": "20-empty.conf"}]},
            {"name": "kdump.service", "enabled": false, "contents": "[Unit]\n"},
            {"name": "debug.service", "mask": true, "contents": "[Unit]\n"},
            {"name": "only-enabled.service", "enabled": true}
        ]}
    }))
    .unwrap()
}

/// What a node with exactly the config looks like.
fn clean() -> NodeObservation {
    let mut o = NodeObservation::default();
    o.files.insert(
        "/etc/chrony.conf".into(),
        Observed::file(0o644, "server a\n"),
    );
    o.files
        .insert("/etc/motd".into(), Observed::file(0o644, "hello\n"));
    o.files
        .insert("/etc/empty".into(), Observed::file(0o644, ""));
    o.files.insert(
        "/etc/systemd/system/chronyd.service".into(),
        Observed::file(0o644, "[Service]\nExecStart=/usr/sbin/chronyd\n"),
    );
    o.files.insert(
        "/etc/systemd/system/chronyd.service.d/10-env.conf".into(),
        Observed::file(0o644, "[Service]\nEnvironment=A=1\n"),
    );
    o.files.insert(
        "/etc/systemd/system/chronyd.service.d/20-empty.conf".into(),
        Observed::Missing,
    );
    o.files.insert(
        "/etc/systemd/system/kdump.service".into(),
        Observed::file(0o644, "[Unit]\n"),
    );
    o.files.insert(
        "/etc/systemd/system/debug.service".into(),
        Observed::Symlink {
            target: "/dev/null".into(),
        },
    );
    o.unit_states
        .insert("chronyd.service".into(), "enabled".into());
    o.unit_states
        .insert("kdump.service".into(), "disabled".into());
    o
}

fn messages(o: &NodeObservation) -> Vec<String> {
    check_drift(CFG, &config(), o)
        .drifts
        .into_iter()
        .map(|d| d.message)
        .collect()
}

#[test]
fn clean_node_has_no_drift() {
    let r = check_drift(CFG, &config(), &clean());
    assert_eq!(r.drifts, []);
    assert_eq!(r.undecidable, []);
    assert_eq!(r.node_state(), NodeConfigState::Done);
    assert_eq!(r.reason(), None);
}

#[test]
fn every_drifted_item_is_listed_in_upstream_order() {
    let mut o = clean();
    o.files.insert(
        "/etc/chrony.conf".into(),
        Observed::file(0o600, "server evil\n"),
    );
    o.files.insert("/etc/motd".into(), Observed::Missing);
    o.files.insert(
        "/etc/systemd/system/chronyd.service.d/10-env.conf".into(),
        Observed::file(0o644, "[Service]\n"),
    );
    o.files.insert(
        "/etc/systemd/system/debug.service".into(),
        Observed::file(0o644, "[Unit]\n"),
    );
    o.unit_states
        .insert("chronyd.service".into(), "disabled".into());
    o.unit_states
        .insert("kdump.service".into(), "enabled-runtime".into());
    assert_eq!(
        messages(&o),
        [
            "mode mismatch for file: \"/etc/chrony.conf\"; expected: -rw-r--r--/420/0644; received: -rw-------/384/0600",
            "content mismatch for file \"/etc/chrony.conf\"",
            "could not stat file \"/etc/motd\": lstat /etc/motd: no such file or directory",
            "content mismatch for file \"/etc/systemd/system/chronyd.service.d/10-env.conf\"",
            "unit \"chronyd.service\" expected enabled=true, but systemd reports \"disabled\"",
            "unit \"kdump.service\" expected enabled=false, but systemd reports \"enabled-runtime\"",
            "state validation: invalid unit masked setting. path: \"/etc/systemd/system/debug.service\"; expected: /dev/null; received: /etc/systemd/system/debug.service",
        ]
    );
    let r = check_drift(CFG, &config(), &o);
    assert_eq!(r.drifts[2].target, DriftTarget::File("/etc/motd".into()));
    assert_eq!(
        r.drifts[4].target,
        DriftTarget::Unit("chronyd.service".into())
    );
    assert_eq!(
        r.reason().unwrap(),
        "unexpected on-disk state validating against rendered-worker-5e2a: mode mismatch for file: \"/etc/chrony.conf\"; expected: -rw-r--r--/420/0644; received: -rw-------/384/0600"
    );
}

#[test]
fn enablement_rules() {
    for (state, drift) in [
        ("enabled", false),
        ("static", false),
        ("indirect", false),
        ("disabled", true),
        ("masked", true),
        ("masked-runtime", true),
        ("not-found", true),
    ] {
        let mut o = clean();
        o.unit_states.insert("chronyd.service".into(), state.into());
        assert_eq!(!messages(&o).is_empty(), drift, "{state}");
    }
    for (state, drift) in [("disabled", false), ("static", false), ("enabled", true)] {
        let mut o = clean();
        o.unit_states.insert("kdump.service".into(), state.into());
        assert_eq!(!messages(&o).is_empty(), drift, "{state}");
    }
}

#[test]
fn file_kinds_and_special_modes() {
    let mut o = clean();
    o.files
        .insert("/etc/motd".into(), Observed::Directory { mode: 0o755 });
    o.files.insert(
        "/etc/empty".into(),
        Observed::Symlink {
            target: "/tmp/x".into(),
        },
    );
    assert_eq!(
        messages(&o),
        [
            "mode mismatch for file: \"/etc/motd\"; expected: -rw-r--r--/420/0644; received: drwxr-xr-x/2147484141/020000000755",
            "could not read file \"/etc/motd\": read /etc/motd: is a directory",
            "mode mismatch for file: \"/etc/empty\"; expected: -rw-r--r--/420/0644; received: Lrwxrwxrwx/134218239/01000000777",
        ]
    );
    // A setuid file never matches, as upstream (Go keeps setuid in another bit).
    let suid = Config::from_value(&json!({"storage": {"files": [
        {"path": "/usr/local/bin/x", "mode": 2541, "contents": {"source": "data:,x"}}]}}))
    .unwrap();
    let mut o = NodeObservation::default();
    o.files
        .insert("/usr/local/bin/x".into(), Observed::file(0o4755, "x"));
    let r = check_drift(CFG, &suid, &o);
    assert_eq!(
        r.drifts[0].message,
        "mode mismatch for file: \"/usr/local/bin/x\"; expected: -rwxr-xr-x/2541/04755; received: urwxr-xr-x/8389101/040000755"
    );
}

#[test]
fn masked_unit_resolution() {
    let mut o = clean();
    o.files.insert(
        "/etc/systemd/system/debug.service".into(),
        Observed::Missing,
    );
    assert_eq!(
        messages(&o),
        [
            "state validation: error while evaluation symlink for path \"/etc/systemd/system/debug.service\": lstat /etc/systemd/system/debug.service: no such file or directory"
        ]
    );
    // A chain of links ending at /dev/null is fine.
    let mut o = clean();
    o.files.insert(
        "/etc/systemd/system/debug.service".into(),
        Observed::Symlink {
            target: "/etc/alt".into(),
        },
    );
    o.files.insert(
        "/etc/alt".into(),
        Observed::Symlink {
            target: "/dev/null".into(),
        },
    );
    assert!(messages(&o).is_empty());
}

#[test]
fn empty_dropin_may_exist_empty_but_not_with_content() {
    let mut o = clean();
    o.files.insert(
        "/etc/systemd/system/chronyd.service.d/20-empty.conf".into(),
        Observed::file(0o644, ""),
    );
    assert!(messages(&o).is_empty());
    o.files.insert(
        "/etc/systemd/system/chronyd.service.d/20-empty.conf".into(),
        Observed::file(0o644, "x"),
    );
    assert_eq!(
        messages(&o),
        ["content mismatch for file \"/etc/systemd/system/chronyd.service.d/20-empty.conf\""]
    );
}

#[test]
fn undecidable_items() {
    let cfg = Config::from_value(&json!({"storage": {"files": [
        {"path": "/etc/gz", "mode": 384, "contents": {"source": "data:;base64,H4sIAAAAAAACA8tIzcnJBwCGphA2BQAAAA==", "compression": "gzip"}},
        {"path": "/etc/unseen", "contents": {"source": "data:,x"}}
    ]}, "systemd": {"units": [{"name": "a.service", "enabled": true, "contents": "[Unit]\n"}]}}))
    .unwrap();
    let mut o = NodeObservation::default();
    o.files
        .insert("/etc/gz".into(), Observed::file(0o644, "hello"));
    o.files.insert(
        "/etc/systemd/system/a.service".into(),
        Observed::file(0o644, "[Unit]\n"),
    );
    let r = check_drift(CFG, &cfg, &o);
    // The gzip'd file's mode is still checked.
    assert_eq!(
        r.drifts[0].message,
        "mode mismatch for file: \"/etc/gz\"; expected: -rw-------/384/0600; received: -rw-r--r--/420/0644"
    );
    assert_eq!(r.drifts.len(), 1);
    let targets: Vec<String> = r.undecidable.iter().map(|u| u.target.to_string()).collect();
    assert_eq!(
        targets,
        ["file /etc/gz", "file /etc/unseen", "unit a.service"]
    );
    assert!(r.undecidable[0].reason.contains("gzip"));
}

#[test]
fn undecodable_and_append_are_degrading_errors() {
    let cfg = Config::from_value(&json!({"storage": {"files": [
        {"path": "/etc/remote", "contents": {"source": "https://example.com/x"}},
        {"path": "/etc/bad", "contents": {"source": "data:;base64,!!"}},
        {"path": "/etc/z", "contents": {"source": "data:,x", "compression": "zstd"}},
        {"path": "/etc/appended", "append": [{"source": "data:,more"}]}
    ]}}))
    .unwrap();
    let r = check_drift(CFG, &cfg, &NodeObservation::default());
    let msgs: Vec<&str> = r.drifts.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        msgs,
        [
            "couldn't decode file \"/etc/remote\": could not decode file content string: missing data prefix",
            "couldn't decode file \"/etc/bad\": could not decode file content string: invalid data character",
            "couldn't decode file \"/etc/z\": unsupported compression type \"zstd\"",
            "found an append section when checking files. Append is not supported",
        ]
    );
}

// seed 004:945
/// "machine-config-daemon marks the node as Degraded but
/// doesn't overwrite the modified files"; 933 — degraded "until an administrator resolves the
/// issue". The drift reason flows into the node's annotations and the pool's Degraded
/// condition; nothing in the report rewrites the file, and the drifted file stays drifted.
#[test]
fn seed_l945_drift_degrades_and_is_not_overwritten() {
    let mut o = clean();
    o.files.insert(
        "/etc/motd".into(),
        Observed::file(0o644, "edited by hand\n"),
    );
    let before = o.clone();
    let r = check_drift(CFG, &config(), &o);
    assert_eq!(r.node_state(), NodeConfigState::Degraded);
    assert_eq!(o, before);
    // Checking again later finds the same drift: it was not repaired.
    assert_eq!(check_drift(CFG, &config(), &o), r);

    let node = PoolNode::new("192.168.134.99", 1)
        .with_config(CFG, CFG, r.node_state().as_str())
        .with_reason(r.reason().unwrap());
    let pool: MachineConfigPool = serde_json::from_value(json!({
        "apiVersion": "machineconfiguration.alauda.io/v1alpha1", "kind": "MachineConfigPool",
        "metadata": {"name": "worker"}, "spec": {"configuration": {"name": CFG}}
    }))
    .unwrap();
    let st = pool_status(&pool, &[node]);
    assert_eq!(st.degraded_machine_count, Some(1));
    let degraded = st.condition("Degraded").unwrap();
    assert_eq!(degraded.status, "True");
    assert_eq!(
        degraded.message.as_deref(),
        Some(
            "Node 192.168.134.99 is reporting: \"unexpected on-disk state validating against rendered-worker-5e2a: content mismatch for file \\\"/etc/motd\\\"\""
        )
    );
}
