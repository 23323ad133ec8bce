//! Pool status computed from its nodes: the machine counts and the
//! `Updated` / `Updating` / `NodeDegraded` / `Degraded` conditions, as `kubectl get
//! machineconfigpool` shows them.
//!
//! ```
//! use acp_ignition::plan::PoolNode;
//! use acp_ignition::status::{self, pool_status};
//! use acp_model::machineconfig::MachineConfigPool;
//!
//! let pool: MachineConfigPool = serde_json::from_value(serde_json::json!({
//!     "apiVersion": "machineconfiguration.alauda.io/v1alpha1",
//!     "kind": "MachineConfigPool",
//!     "metadata": {"name": "worker"},
//!     "spec": {"configuration": {"name": "rendered-worker-2"}},
//!     "status": {"configuration": {"name": "rendered-worker-1"}}
//! }))
//! .unwrap();
//! let nodes = [
//!     PoolNode::new("a", 1).with_config("rendered-worker-2", "rendered-worker-2", "Done"),
//!     PoolNode::new("b", 2).with_config("rendered-worker-2", "rendered-worker-1", "Working"),
//! ];
//! let st = pool_status(&pool, &nodes);
//! assert_eq!((st.machine_count, st.updated_machine_count), (Some(2), Some(1)));
//! assert!(st.is_condition_true("Updating"));
//! // CONFIG stays on the old rendered config until every node is updated.
//! assert_eq!(st.configuration.unwrap().name.as_deref(), Some("rendered-worker-1"));
//! ```
//!
//! # Source
//!
//! Upstream openshift/machine-config-operator `pkg/controller/node/status.go` `calculateStatus`
//! on the node-annotation path (`ctrlcommon.GetMachinesByState` in `pkg/controller/common/
//! helpers.go`; the MachineConfigNode path is feature-gated upstream and ACP has no
//! MachineConfigNode kind):
//!
//! * `machineCount`: the pool's nodes.
// seed 004:996
//! * `updatedMachineCount`: nodes `Done` with current = desired = the pool's target
//!   `spec.configuration.name`. See [`PoolNode::is_updated`].
// seed 004:998
//! * `readyMachineCount`: updated nodes that are also ready and schedulable.
// seed 004:997
//! * `unavailableMachineCount`: [`PoolNode::is_unavailable`].
//! * `degradedMachineCount`: state `Degraded` or `Unreconcilable`.
// seed 004:999
//! * `Updated` is `True` iff all nodes are updated and ready and none unavailable — message
//!   `All nodes are updated with MachineConfig <target>`, and `status.configuration` becomes the
//!   target (column CONFIG); otherwise `False`, and `Updating` is `True` with
// seed 004:992
//!   `All nodes are updating to MachineConfig <target>`, or `False` with `Pool is paused; will not
//!   update to MachineConfig <target>` when paused.
// seed 004:993-994
//! * `NodeDegraded` is `True` with reason `<n> nodes are reporting degraded status on sync` and
//!   the message `Node <name> is reporting: "<reason annotation>"` joined by `, `.
//! * `Degraded` is `True` iff `NodeDegraded` or the pool's existing `RenderDegraded` is,
//!   with `NodeDegraded`'s message.
// seed 004:995
//!
//! Conditions are set as upstream `SetMachineConfigPoolCondition`: an unchanged condition is kept
//! as it is; a changed one moves to the end of the list, keeping `lastTransitionTime` when its
//! status did not change. When the status changed the time is left `None` for the caller to stamp
//! (this crate reads no clock). `certExpirys` (from the controller config upstream) and unknown
//! fields are carried over from the pool's current status.
//!
//! [`PoolNode::is_updated`]: crate::plan::PoolNode::is_updated
//! [`PoolNode::is_unavailable`]: crate::plan::PoolNode::is_unavailable

use acp_model::machineconfig::{
    MachineConfigPool, MachineConfigPoolCondition, MachineConfigPoolStatus, pool_conditions,
};

use acp_model::go;

use crate::plan::PoolNode;

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Upstream `SetMachineConfigPoolCondition`.
fn set_condition(
    conditions: &mut Vec<MachineConfigPoolCondition>,
    type_: &str,
    status: &str,
    reason: &str,
    message: &str,
) {
    let existing = conditions.iter().rev().find(|c| c.type_ == type_);
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    if let Some(cur) = existing
        && cur.status == status
        && cur.reason.as_deref().unwrap_or_default() == reason
        && cur.message.as_deref().unwrap_or_default() == message
    {
        return;
    }
    let last_transition_time = existing
        .filter(|cur| cur.status == status)
        .and_then(|cur| cur.last_transition_time.clone());
    conditions.retain(|c| c.type_ != type_);
    conditions.push(MachineConfigPoolCondition {
        type_: type_.to_owned(),
        status: status.to_owned(),
        last_transition_time,
        reason: opt(reason),
        message: opt(message),
    });
}

/// Computes a pool's status from its nodes (see the module docs).
pub fn pool_status(pool: &MachineConfigPool, nodes: &[PoolNode]) -> MachineConfigPoolStatus {
    let previous = pool.status.clone().unwrap_or_default();
    let target = pool
        .spec
        .configuration
        .as_ref()
        .and_then(|c| c.name.as_deref())
        .unwrap_or_default();

    let updated: Vec<&PoolNode> = nodes.iter().filter(|n| n.is_updated(target)).collect();
    let ready = updated.iter().filter(|n| n.ready).count();
    let degraded: Vec<&PoolNode> = nodes.iter().filter(|n| n.is_degraded()).collect();
    let unavailable = nodes.iter().filter(|n| n.is_unavailable()).count();
    let total = nodes.len();

    let mut status = MachineConfigPoolStatus {
        observed_generation: pool.metadata.generation,
        configuration: previous.configuration.clone(),
        machine_count: Some(count(total)),
        updated_machine_count: Some(count(updated.len())),
        ready_machine_count: Some(count(ready)),
        unavailable_machine_count: Some(count(unavailable)),
        degraded_machine_count: Some(count(degraded.len())),
        conditions: None,
        cert_expirys: previous.cert_expirys.clone(),
        extra: previous.extra.clone(),
    };
    let mut conditions = previous.conditions.clone().unwrap_or_default();

    let update_line = format!("MachineConfig {target}");
    let all_updated = updated.len() == total && ready == total && unavailable == 0;
    if all_updated {
        set_condition(
            &mut conditions,
            pool_conditions::UPDATED,
            "True",
            "",
            &format!("All nodes are updated with {update_line}"),
        );
        set_condition(&mut conditions, pool_conditions::UPDATING, "False", "", "");
        let spec_cfg = pool.spec.configuration.as_ref();
        let differs = match (status.configuration.as_ref(), spec_cfg) {
            (Some(st), Some(sp)) => st.name != sp.name || st.source != sp.source,
            (None, None) => false,
            _ => true,
        };
        if differs {
            status.configuration = spec_cfg.cloned();
        }
    } else {
        set_condition(&mut conditions, pool_conditions::UPDATED, "False", "", "");
        if pool.spec.paused.unwrap_or(false) {
            set_condition(
                &mut conditions,
                pool_conditions::UPDATING,
                "False",
                "",
                &format!("Pool is paused; will not update to {update_line}"),
            );
        } else {
            set_condition(
                &mut conditions,
                pool_conditions::UPDATING,
                "True",
                "",
                &format!("All nodes are updating to {update_line}"),
            );
        }
    }

    set_degraded_conditions(&mut conditions, &degraded, &previous);
    status.conditions = Some(conditions);
    status
}

/// The degraded part of upstream `calculateStatus`: `NodeDegraded` from the degraded nodes'
/// reasons, `Degraded` when nodes or the render are degraded.
fn set_degraded_conditions(
    conditions: &mut Vec<MachineConfigPoolCondition>,
    degraded: &[&PoolNode],
    previous: &MachineConfigPoolStatus,
) {
    let reasons: Vec<String> = degraded
        .iter()
        .filter_map(|n| {
            n.reason
                .as_deref()
                .filter(|r| !r.is_empty())
                .map(|r| format!("Node {} is reporting: {}", n.name, go::quote(r)))
        })
        .collect();
    let node_degraded = !degraded.is_empty();
    let node_degraded_message = reasons.join(", ");
    if node_degraded {
        set_condition(
            conditions,
            pool_conditions::NODE_DEGRADED,
            "True",
            &format!(
                "{} nodes are reporting degraded status on sync",
                degraded.len()
            ),
            &node_degraded_message,
        );
    } else {
        set_condition(conditions, pool_conditions::NODE_DEGRADED, "False", "", "");
    }
    let render_degraded = previous.is_condition_true(pool_conditions::RENDER_DEGRADED);
    if node_degraded || render_degraded {
        let message = if node_degraded {
            node_degraded_message.as_str()
        } else {
            ""
        };
        set_condition(conditions, pool_conditions::DEGRADED, "True", "", message);
    } else {
        set_condition(conditions, pool_conditions::DEGRADED, "False", "", "");
    }
}

// seed 004:985
/// The columns `kubectl get machineconfigpool` prints before `AGE`
/// (the CRD's printer columns in `acp_model::machineconfig`):
/// NAME, CONFIG, UPDATED, UPDATING, DEGRADED, MACHINECOUNT, READYMACHINECOUNT,
/// UPDATEDMACHINECOUNT, DEGRADEDMACHINECOUNT. Absent values print empty, as kubectl does.
///
/// ```
/// use acp_ignition::status::printer_columns;
/// use acp_model::machineconfig::MachineConfigPool;
/// let pool: MachineConfigPool = serde_json::from_value(serde_json::json!({
///     "apiVersion": "machineconfiguration.alauda.io/v1alpha1", "kind": "MachineConfigPool",
///     "metadata": {"name": "master"}, "spec": {},
///     "status": {"machineCount": 3}
/// })).unwrap();
/// assert_eq!(printer_columns(&pool)[..2], ["master".to_owned(), String::new()]);
/// assert_eq!(printer_columns(&pool)[5], "3");
/// ```
pub fn printer_columns(pool: &MachineConfigPool) -> [String; 9] {
    let st = pool.status.clone().unwrap_or_default();
    let cond = |t: &str| {
        st.condition(t)
            .map(|c| c.status.clone())
            .unwrap_or_default()
    };
    let num = |n: Option<i32>| n.map(|n| n.to_string()).unwrap_or_default();
    [
        pool.metadata.name.clone().unwrap_or_default(),
        st.configuration
            .as_ref()
            .and_then(|c| c.name.clone())
            .unwrap_or_default(),
        cond(pool_conditions::UPDATED),
        cond(pool_conditions::UPDATING),
        cond(pool_conditions::DEGRADED),
        num(st.machine_count),
        num(st.ready_machine_count),
        num(st.updated_machine_count),
        num(st.degraded_machine_count),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_condition_keeps_time_when_status_unchanged() {
        let time: MachineConfigPoolCondition = serde_json::from_value(serde_json::json!({
            "type": "Updating", "status": "True", "lastTransitionTime": "2024-01-01T00:00:00Z",
            "message": "old"
        }))
        .unwrap();
        let mut conds = vec![time.clone()];
        set_condition(&mut conds, "Updating", "True", "", "new");
        assert_eq!(conds[0].last_transition_time, time.last_transition_time);
        assert_eq!(conds[0].message.as_deref(), Some("new"));
        set_condition(&mut conds, "Updating", "False", "", "");
        assert_eq!(conds[0].last_transition_time, None);
        assert_eq!(conds[0].message, None);
        // Unchanged: untouched (time kept even though status equal and nothing changed).
        let mut same = vec![time.clone()];
        set_condition(&mut same, "Updating", "True", "", "old");
        assert_eq!(same, vec![time]);
    }
}
