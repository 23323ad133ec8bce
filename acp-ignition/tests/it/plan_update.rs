//! Node update planning: maxUnavailable 1, 2, "34%" and 0 over pools with nodes
//! in mixed states.

use acp_ignition::plan::{
    self, PlanError, PlanOptions, PoolNode, UpdateStep, is_node_ready, plan_update,
    plan_update_with,
};
use acp_model::machineconfig::MachineConfigPool;
use serde_json::json;

const OLD: &str = "rendered-worker-0ld";
const NEW: &str = "rendered-worker-new";

fn pool(max_unavailable: serde_json::Value) -> MachineConfigPool {
    let mut spec = json!({
        "machineConfigSelector": {"matchLabels": {"machineconfiguration.alauda.io/role": "worker"}},
        "nodeSelector": {"matchLabels": {"node-role.kubernetes.io/worker": ""}},
        "configuration": {"name": NEW},
    });
    if !max_unavailable.is_null() {
        spec["maxUnavailable"] = max_unavailable;
    }
    serde_json::from_value(json!({
        "apiVersion": "machineconfiguration.alauda.io/v1alpha1",
        "kind": "MachineConfigPool",
        "metadata": {"name": "worker"},
        "spec": spec,
    }))
    .unwrap()
}

fn on_old(name: &str, created: i64) -> PoolNode {
    PoolNode::new(name, created).with_config(OLD, OLD, "Done")
}

/// Five nodes on the old config in two zones and none, one node mid-update (cordoned), one
/// node already updated.
fn mixed() -> Vec<PoolNode> {
    vec![
        on_old("a-young", 300).with_zone("zone-a"),
        on_old("a-old", 100).with_zone("zone-a"),
        on_old("b", 50).with_zone("zone-b"),
        on_old("x-oldest", 10),
        on_old("x", 200),
        PoolNode::new("working", 20)
            .with_config(NEW, OLD, "Working")
            .with_ready(false),
        PoolNode::new("updated", 5).with_config(NEW, NEW, "Done"),
    ]
}

fn batch(plan: &plan::UpdatePlan) -> Vec<&str> {
    plan.batch.iter().map(|u| u.node.as_str()).collect()
}

#[test]
fn max_unavailable_1_waits_for_the_updating_node() {
    let p = plan_update(&pool(json!(1)), &mixed()).unwrap();
    assert_eq!(p.max_unavailable, 1);
    assert_eq!(p.unavailable, ["working"]);
    assert_eq!(p.capacity, 0);
    assert!(p.batch.is_empty());
    // Zone-labelled first by zone, oldest first within; then unlabelled, oldest first.
    assert_eq!(p.waiting, ["a-old", "a-young", "b", "x-oldest", "x"]);
    assert_eq!(p.targeted, ["working", "updated"]);

    // Once the working node is done, the next one starts.
    let mut nodes = mixed();
    nodes[5] = PoolNode::new("working", 20).with_config(NEW, NEW, "Done");
    let p = plan_update(&pool(json!(1)), &nodes).unwrap();
    assert_eq!(p.capacity, 1);
    assert_eq!(batch(&p), ["a-old"]);
    assert_eq!(p.batch[0].from.as_deref(), Some(OLD));
    assert_eq!(p.batch[0].to, NEW);
    assert_eq!(p.batch[0].steps, UpdateStep::FULL);
}

#[test]
fn default_max_unavailable_is_1() {
    let p = plan_update(&pool(serde_json::Value::Null), &mixed()).unwrap();
    assert_eq!(p.max_unavailable, 1);
    assert_eq!(p.capacity, 0);
}

#[test]
fn max_unavailable_2_with_one_updating_starts_one() {
    let p = plan_update(&pool(json!(2)), &mixed()).unwrap();
    assert_eq!(p.capacity, 1);
    assert_eq!(batch(&p), ["a-old"]);
    assert_eq!(p.waiting, ["a-young", "b", "x-oldest", "x"]);
}

#[test]
fn max_unavailable_2_with_drifted_degraded_node() {
    // A node Degraded on its own config (drift) is unavailable: it uses the budget. It is still a
    // candidate upstream (its desired config is not the target) and is flagged.
    let mut nodes = mixed();
    nodes[5] = PoolNode::new("working", 20).with_config(NEW, NEW, "Done");
    nodes.push(
        PoolNode::new("drifted", 1)
            .with_config(OLD, OLD, "Degraded")
            .with_reason("content mismatch for file \"/etc/chrony.conf\""),
    );
    let p = plan_update(&pool(json!(2)), &nodes).unwrap();
    assert_eq!(p.unavailable, ["drifted"]);
    assert_eq!(p.capacity, 1);
    assert_eq!(batch(&p), ["a-old"]);
    assert_eq!(p.waiting.last().map(String::as_str), Some("x"));
    assert!(p.waiting.contains(&"drifted".to_owned()));

    let p = plan_update(&pool(json!(3)), &nodes).unwrap();
    assert_eq!(batch(&p), ["a-old", "a-young"]);

    // Unlabelled: the drifted node is the oldest of the unlabelled ones.
    let p = plan_update(&pool(json!(6)), &nodes).unwrap();
    assert_eq!(batch(&p), ["a-old", "a-young", "b", "drifted", "x-oldest"]);
    assert!(p.batch[3].degraded);
    assert!(!p.batch[0].degraded);

    // The seed's reading (seed 004:933): degraded nodes receive no updates.
    let opts = PlanOptions::default().with_skip_degraded(true);
    let p = plan_update_with(&pool(json!(6)), &nodes, &opts).unwrap();
    assert_eq!(batch(&p), ["a-old", "a-young", "b", "x-oldest", "x"]);
    assert_eq!(p.blocked, ["drifted"]);
}

#[test]
fn max_unavailable_34_percent_rounds_down_and_failing_nodes_count() {
    // 9 nodes: 34% of 9 = 3.06 → 3 (rounding up would give 4).
    let mut nodes = mixed();
    nodes.push(on_old("c", 70).with_zone("zone-c"));
    // Targeting the new config but failed: not unavailable, yet it uses the budget.
    nodes.push(
        PoolNode::new("failed", 30)
            .with_config(NEW, OLD, "Degraded")
            .with_zone("zone-a"),
    );
    assert_eq!(nodes.len(), 9);
    let p = plan_update(&pool(json!("34%")), &nodes).unwrap();
    assert_eq!(p.max_unavailable, 3);
    assert_eq!(p.unavailable, ["working"]);
    assert_eq!(p.failing, ["failed"]);
    assert_eq!(p.capacity, 1);
    assert_eq!(batch(&p), ["a-old"]);
    assert_eq!(p.waiting, ["a-young", "b", "c", "x-oldest", "x"]);

    // 34% of 2 nodes = 0.68 → 0 → 1.
    let p = plan_update(&pool(json!("34%")), &[on_old("p", 2), on_old("q", 1)]).unwrap();
    assert_eq!(p.max_unavailable, 1);
    assert_eq!(batch(&p), ["q"]);
}

#[test]
fn max_unavailable_0_acts_as_1() {
    let nodes = [on_old("n3", 30), on_old("n1", 10), on_old("n2", 20)];
    let p = plan_update(&pool(json!(0)), &nodes).unwrap();
    assert_eq!(p.max_unavailable, 1);
    assert_eq!(batch(&p), ["n1"]);
    assert_eq!(p.waiting, ["n2", "n3"]);
    let p = plan_update(&pool(json!("0%")), &nodes).unwrap();
    assert_eq!(batch(&p), ["n1"]);
    // 0 with one node updating: nothing starts.
    let mut nodes = nodes.to_vec();
    nodes[1] = PoolNode::new("n1", 10).with_config(NEW, OLD, "Working");
    let p = plan_update(&pool(json!(0)), &nodes).unwrap();
    assert!(p.batch.is_empty());
    assert_eq!(p.unavailable, ["n1"]);
}

#[test]
fn not_ready_nodes_are_not_candidates_and_use_the_budget() {
    let nodes = [
        on_old("cordoned", 1).with_ready(false),
        on_old("ok-1", 2),
        on_old("ok-2", 3),
    ];
    let p = plan_update(&pool(json!(2)), &nodes).unwrap();
    assert_eq!(p.unavailable, ["cordoned"]);
    assert_eq!(p.blocked, ["cordoned"]);
    assert_eq!(batch(&p), ["ok-1"]);
}

#[test]
fn everything_updated_plans_nothing() {
    let nodes = [
        PoolNode::new("a", 1).with_config(NEW, NEW, "Done"),
        PoolNode::new("b", 2).with_config(NEW, NEW, "Done"),
    ];
    let p = plan_update(&pool(json!(1)), &nodes).unwrap();
    assert!(p.batch.is_empty() && p.waiting.is_empty());
    assert_eq!(p.capacity, 1);
}

#[test]
fn paused_pool_starts_nothing() {
    let mut pl = pool(json!(5));
    pl.spec.paused = Some(true);
    let p = plan_update(&pl, &mixed()).unwrap();
    assert!(p.paused);
    assert!(p.batch.is_empty());
    assert_eq!(p.waiting.len(), 5);
}

#[test]
fn errors() {
    let mut pl = pool(json!(1));
    pl.spec.configuration = None;
    assert_eq!(
        plan_update(&pl, &[]).unwrap_err(),
        PlanError::NoTarget {
            pool: "worker".into()
        }
    );
    let err = plan_update(&pool(json!("ten")), &[]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "pool \"worker\": spec.maxUnavailable \"ten\" is invalid: must be an integer >= 0 or a percentage like \"25%\""
    );
    let err = plan_update(&pool(json!(-1)), &[]).unwrap_err();
    assert!(matches!(err, PlanError::MaxUnavailable { ref value, .. } if value == "-1"));
}

#[test]
fn custom_steps_from_disruption_actions() {
    let opts = PlanOptions::default().with_steps(Some(vec![UpdateStep::Apply]));
    let p = plan_update_with(&pool(json!(1)), &[on_old("n", 1)], &opts).unwrap();
    assert_eq!(p.batch[0].steps, [UpdateStep::Apply]);
}

#[test]
fn from_node_metadata() {
    let labels = [(plan::ZONE_LABEL.to_owned(), "z1".to_owned())].into();
    let annotations = [
        (
            "machineconfiguration.alauda.io/desiredConfig".to_owned(),
            NEW.to_owned(),
        ),
        (
            "machineconfiguration.alauda.io/currentConfig".to_owned(),
            OLD.to_owned(),
        ),
        (
            "machineconfiguration.alauda.io/state".to_owned(),
            "Degraded".to_owned(),
        ),
        (plan::REASON_ANNOTATION.to_owned(), "boom".to_owned()),
    ]
    .into();
    let ready = is_node_ready([("Ready", "True")], false);
    let n = PoolNode::from_metadata("n", 7, Some(&labels), Some(&annotations), ready);
    assert_eq!(n.zone.as_deref(), Some("z1"));
    assert_eq!(n.reason.as_deref(), Some("boom"));
    assert!(n.is_failing());
    assert_eq!(
        n,
        PoolNode::new("n", 7)
            .with_zone("z1")
            .with_config(NEW, OLD, "Degraded")
            .with_reason("boom")
    );
}

#[test]
fn display() {
    let p = plan_update(&pool(json!(2)), &mixed()).unwrap();
    assert_eq!(
        p.to_string(),
        "target rendered-worker-new: maxUnavailable 2, 1 unavailable, 0 failing, capacity 1\n\
         1. a-old rendered-worker-0ld -> rendered-worker-new: cordon → drain → apply → reboot → uncordon\n\
         waiting: a-young, b, x-oldest, x\n"
    );
}
