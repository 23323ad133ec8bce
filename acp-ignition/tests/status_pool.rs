//! Pool status from nodes, including the ACP documentation's `kubectl get machineconfigpool`
//! output.
// seed 004:985-999
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use acp_ignition::plan::PoolNode;
use acp_ignition::status::{pool_status, printer_columns};
use acp_model::machineconfig::{MachineConfigPool, pool_conditions};
use serde_json::json;

fn pool(name: &str, target: &str, status_config: &str) -> MachineConfigPool {
    serde_json::from_value(json!({
        "apiVersion": "machineconfiguration.alauda.io/v1alpha1",
        "kind": "MachineConfigPool",
        "metadata": {"name": name, "generation": 4},
        "spec": {
            "machineConfigSelector": {"matchLabels": {"machineconfiguration.alauda.io/role": name}},
            "nodeSelector": {"matchLabels": {format!("node-role.kubernetes.io/{name}"): ""}},
            "configuration": {"name": target},
        },
        "status": {"configuration": {"name": status_config}},
    }))
    .unwrap()
}

fn columns(p: &MachineConfigPool) -> String {
    printer_columns(p).join(" ")
}

/// The first nine columns of a row of the seed's `kubectl get machineconfigpool` output.
fn row(seed_row: &str) -> String {
    seed_row
        .split_whitespace()
        .take(9)
        .collect::<Vec<_>>()
        .join(" ")
}

// seed 004:986
/// `master rendered-master-06c9c4 True False False 3 3 3 0`:
/// all three master nodes are current.
#[test]
fn seed_l986_master_all_updated() {
    let mut p = pool("master", "rendered-master-06c9c4", "rendered-master-06c9c4");
    let nodes: Vec<PoolNode> = (1..=3)
        .map(|i| {
            PoolNode::new(format!("m{i}"), i).with_config(
                "rendered-master-06c9c4",
                "rendered-master-06c9c4",
                "Done",
            )
        })
        .collect();
    p.status = Some(pool_status(&p, &nodes));
    // Verbatim from seed 004:986.
    let seed = "master   rendered-master-06c9c4    True     False     False     3             3                  3                    0                     4h42m";
    assert_eq!(columns(&p), row(seed));
    let st = p.status.as_ref().unwrap();
    assert_eq!(st.unavailable_machine_count, Some(0));
    assert_eq!(st.observed_generation, Some(4));
    assert_eq!(
        st.condition(pool_conditions::UPDATED)
            .unwrap()
            .message
            .as_deref(),
        Some("All nodes are updated with MachineConfig rendered-master-06c9c4")
    );
}

// seed 004:987; seed 004:1001
/// `worker rendered-worker-f4b64 False True False 3 2 2 0`:
/// "the worker pool is updating—two nodes are complete and one is in progress".
#[test]
fn seed_l987_worker_updating() {
    let target = "rendered-worker-05f27341ba49cf86dc4b";
    let mut p = pool("worker", target, "rendered-worker-f4b64");
    let nodes = [
        PoolNode::new("w1", 1).with_config(target, target, "Done"),
        PoolNode::new("w2", 2).with_config(target, target, "Done"),
        PoolNode::new("w3", 3)
            .with_config(target, "rendered-worker-f4b64", "Working")
            .with_ready(false),
    ];
    p.status = Some(pool_status(&p, &nodes));
    // Verbatim from seed 004:987.
    let seed = "worker   rendered-worker-f4b64     False    True      False     3             2                  2                    0                     4h42m";
    assert_eq!(columns(&p), row(seed));
    let st = p.status.as_ref().unwrap();
    assert_eq!(st.unavailable_machine_count, Some(1));
    assert_eq!(
        st.condition(pool_conditions::UPDATING)
            .unwrap()
            .message
            .as_deref(),
        Some("All nodes are updating to MachineConfig rendered-worker-05f27341ba49cf86dc4b")
    );

    // When the third node finishes, CONFIG moves to the target.
    let done = [
        nodes[0].clone(),
        nodes[1].clone(),
        PoolNode::new("w3", 3).with_config(target, target, "Done"),
    ];
    p.status = Some(pool_status(&p, &done));
    assert_eq!(
        columns(&p),
        format!("worker {target} True False False 3 3 3 0")
    );
}

// seed 004:1030
/// A node `Degraded` on its own config (drift): the pool
/// is degraded, the node is not updated, and the reason is reported.
#[test]
fn seed_l1030_degraded_node_degrades_the_pool() {
    let cfg = "rendered-master-98db9ca4f4b4cd";
    let mut p = pool("master", cfg, cfg);
    let nodes = [
        PoolNode::new("192.168.132.216", 1)
            .with_config(cfg, cfg, "Degraded")
            .with_reason("unexpected on-disk state validating against rendered-master-98db9ca4f4b4cd: content mismatch for file \"/etc/chrony.conf\""),
        PoolNode::new("m2", 2).with_config(cfg, cfg, "Done"),
        PoolNode::new("m3", 3).with_config(cfg, cfg, "Unreconcilable"),
    ];
    let st = pool_status(&p, &nodes);
    assert_eq!(st.degraded_machine_count, Some(2));
    assert_eq!(st.updated_machine_count, Some(1));
    assert_eq!(st.unavailable_machine_count, Some(2));
    let nd = st.condition(pool_conditions::NODE_DEGRADED).unwrap();
    assert_eq!(nd.status, "True");
    assert_eq!(
        nd.reason.as_deref(),
        Some("2 nodes are reporting degraded status on sync")
    );
    let msg = "Node 192.168.132.216 is reporting: \"unexpected on-disk state validating against rendered-master-98db9ca4f4b4cd: content mismatch for file \\\"/etc/chrony.conf\\\"\"";
    assert_eq!(nd.message.as_deref(), Some(msg));
    let d = st.condition(pool_conditions::DEGRADED).unwrap();
    assert_eq!(
        (d.status.as_str(), d.message.as_deref()),
        ("True", Some(msg))
    );
    p.status = Some(st);
    assert_eq!(columns(&p), format!("master {cfg} False True True 3 1 1 2"));
}

#[test]
fn paused_pool_is_not_updating() {
    let mut p = pool("worker", "rendered-worker-b", "rendered-worker-a");
    p.spec.paused = Some(true);
    let nodes =
        [PoolNode::new("w", 1).with_config("rendered-worker-a", "rendered-worker-a", "Done")];
    let st = pool_status(&p, &nodes);
    let u = st.condition(pool_conditions::UPDATING).unwrap();
    assert_eq!(u.status, "False");
    assert_eq!(
        u.message.as_deref(),
        Some("Pool is paused; will not update to MachineConfig rendered-worker-b")
    );
    assert!(!st.is_condition_true(pool_conditions::UPDATED));
}

#[test]
fn render_degraded_keeps_the_pool_degraded() {
    let mut p = pool("worker", "rendered-worker-a", "rendered-worker-a");
    p.status = Some(
        serde_json::from_value(json!({
            "configuration": {"name": "rendered-worker-a"},
            "conditions": [{"type": "RenderDegraded", "status": "True",
                            "message": "Failed to render configuration for pool worker"}]
        }))
        .unwrap(),
    );
    let nodes =
        [PoolNode::new("w", 1).with_config("rendered-worker-a", "rendered-worker-a", "Done")];
    let st = pool_status(&p, &nodes);
    assert!(st.is_condition_true(pool_conditions::DEGRADED));
    assert!(!st.is_condition_true(pool_conditions::NODE_DEGRADED));
    assert!(st.is_condition_true(pool_conditions::UPDATED));
    // Conditions keep upstream's order: RenderDegraded first (untouched), then the ones set.
    let types: Vec<&str> = st
        .conditions
        .as_ref()
        .unwrap()
        .iter()
        .map(|c| c.type_.as_str())
        .collect();
    assert_eq!(
        types,
        [
            "RenderDegraded",
            "Updated",
            "Updating",
            "NodeDegraded",
            "Degraded"
        ]
    );
}

#[test]
fn empty_pool_is_updated() {
    let p = pool("infra", "rendered-infra-a", "rendered-infra-0");
    let st = pool_status(&p, &[]);
    assert_eq!(st.machine_count, Some(0));
    assert!(st.is_condition_true(pool_conditions::UPDATED));
    assert_eq!(
        st.configuration.unwrap().name.as_deref(),
        Some("rendered-infra-a")
    );
}

#[test]
fn recomputing_is_stable() {
    let mut p = pool("worker", "rendered-worker-a", "rendered-worker-0");
    let nodes =
        [PoolNode::new("w", 1).with_config("rendered-worker-a", "rendered-worker-0", "Working")];
    let first = pool_status(&p, &nodes);
    p.status = Some(first.clone());
    assert_eq!(pool_status(&p, &nodes), first);
}
