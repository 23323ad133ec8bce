//! Node update planning: which nodes of a pool the controller targets next, in
//! which order, within the `maxUnavailable` budget, and the steps each node goes through.
//!
//! ```
//! use acp_ignition::plan::{self, PoolNode, UpdateStep};
//! use acp_model::machineconfig::MachineConfigPool;
//!
//! let pool: MachineConfigPool = serde_json::from_value(serde_json::json!({
//!     "apiVersion": "machineconfiguration.alauda.io/v1alpha1",
//!     "kind": "MachineConfigPool",
//!     "metadata": {"name": "worker"},
//!     "spec": {"configuration": {"name": "rendered-worker-new"}, "maxUnavailable": 1}
//! }))
//! .unwrap();
//! let nodes = [
//!     PoolNode::new("w2", 2_000).with_config("rendered-worker-old", "rendered-worker-old", "Done"),
//!     PoolNode::new("w1", 1_000).with_config("rendered-worker-old", "rendered-worker-old", "Done"),
//! ];
//! let plan = plan::plan_update(&pool, &nodes).unwrap();
//! // Oldest first, one at a time.
//! assert_eq!(plan.batch.len(), 1);
//! assert_eq!(plan.batch[0].node, "w1");
//! assert_eq!(plan.batch[0].steps, UpdateStep::FULL.to_vec());
//! assert_eq!(plan.waiting, ["w2"]);
//! ```
//!
//! # Sources
//!
//! The selection is upstream openshift/machine-config-operator `pkg/controller/node/
//! node_controller.go` (`updatePools`, `getAllCandidateMachines`, `updateCandidateMachines`,
//! `sortNodeList`, `maxUnavailable`) over the node predicates of `pkg/controller/common/
//! layered_node_state.go` (`IsNodeDone`, `IsUnavailableForUpdate`, `IsNodeMCDFailing`,
//! `CheckNodeReady`, `CheckNodeCandidacyForUpdate`), non-layered pools only (ACP has no on-cluster
//! image builds):
//!
//! 1. The budget is [`MachineConfigPoolSpec::max_unavailable_nodes`] over all nodes of the pool:
//!    default 1, a percentage rounds down, 0 becomes 1 (ACP docs:
//!    "maxUnavailable … controls how many nodes update simultaneously").
// seed 004:939
//! 2. Nodes *unavailable for update* use the budget up: not ready/unschedulable, or not `Done` on
//!    their desired config unless the daemon has given up on it (`Degraded`/`Unreconcilable` with
//!    current ≠ desired). So updating nodes and nodes degraded by drift (current = desired,
//!    `Degraded`) count against it.
//! 3. Nodes already targeting the pool's config but failing to reach it (`Degraded` /
//!    `Unreconcilable`, current ≠ desired) also count against it ("it might be a transient
//!    issue").
//! 4. Candidates are the ready nodes whose desired config is not the pool's target.
//! 5. Candidates are ordered zone-labelled first (`topology.kubernetes.io/zone`, by zone name),
//!    then the unlabelled ones; within each group oldest first (ACP docs: "updates nodes by
// seed 004:939
//!    age, starting with the oldest"). Upstream sorts with Go's unstable `sort.Slice`, so equal
//!    creation times come out in no defined order; here ties go by node name.
//! 6. The first `capacity` candidates form the next batch.
//!
//! A paused pool (`spec.paused`) starts nothing (upstream `updatePools`).
//!
//! **Degraded candidates.** Upstream also targets a ready node that is `Degraded` on an older
//! config (it is a candidate like any other). The ACP documentation says "Degraded nodes remain operational
//! but cannot receive updates": the daemon refuses to update
// seed 004:933
//! a node whose on-disk state drifted. [`plan_update`] follows upstream and flags such nodes
//! ([`NodeUpdate::degraded`]); [`PlanOptions::skip_degraded`] leaves them out of the batch
//! instead, so the budget goes to nodes that can update.
//!
//! Not modelled: the master pool's deferral of the node running the operator pod
//! (`filterControlPlaneCandidateNodes`), arbiter pools, and layered (image-mode) pools.
//!
//! [`MachineConfigPoolSpec::max_unavailable_nodes`]:
//!     acp_model::machineconfig::MachineConfigPoolSpec::max_unavailable_nodes

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

use acp_model::machineconfig::{
    MachineConfigPool, NodeConfigState, NodeConfigStatus, NodeDisruptionActionType,
    NodeDisruptionPolicyAction,
};

/// The node label whose value is the node's zone (upstream `zoneLabel` in
/// `pkg/controller/node/node_controller.go`).
pub const ZONE_LABEL: &str = "topology.kubernetes.io/zone";

// seed 004:1025
/// Node annotation where the daemon explains a `Degraded` / `Unreconcilable` state. The key is
/// assumed by analogy with the three annotations the ACP documentation shows;
/// upstream's is `machineconfiguration.openshift.io/reason`
/// (`MachineConfigDaemonReasonAnnotationKey`).
pub const REASON_ANNOTATION: &str = "machineconfiguration.alauda.io/reason";

/// One node of a pool, as the planner and [`crate::status`] see it: the facts of a
/// `k8s_openapi::api::core::v1::Node` they use.
///
/// From a kube-rs `Node`:
///
/// ```text
/// let ready = plan::is_node_ready(
///     node.status.iter().flat_map(|s| s.conditions.iter().flatten())
///         .map(|c| (c.type_.as_str(), c.status.as_str())),
///     node.spec.as_ref().and_then(|s| s.unschedulable).unwrap_or(false),
/// );
/// let created = node.metadata.creation_timestamp.as_ref().map_or(0, |t| t.0.as_second());
/// let pool_node = PoolNode::from_metadata(
///     node.metadata.name.clone().unwrap_or_default(), created,
///     node.metadata.labels.as_ref(), node.metadata.annotations.as_ref(), ready);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PoolNode {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.creationTimestamp` in seconds since the Unix epoch (Kubernetes stores it at
    /// second precision).
    pub created: i64,
    /// The value of the [`ZONE_LABEL`] label; `Some("")` (label present, empty) counts as
    /// zone-labelled, as upstream.
    pub zone: Option<String>,
    /// The desired/current/state annotations.
    pub config: NodeConfigStatus,
    /// The [`REASON_ANNOTATION`] annotation.
    pub reason: Option<String>,
    /// Whether the node can take workloads: see [`is_node_ready`].
    pub ready: bool,
}

/// Upstream `CheckNodeReady` (`pkg/controller/common/layered_node_state.go`): a node is ready
/// unless a `Ready` condition is not `True`, a `DiskPressure` or `NetworkUnavailable` condition is
/// not `False`, or `spec.unschedulable` is set. Absent conditions do not count.
///
/// ```
/// use acp_ignition::plan::is_node_ready;
/// assert!(is_node_ready([("Ready", "True"), ("DiskPressure", "False")], false));
/// assert!(!is_node_ready([("Ready", "Unknown")], false));
/// assert!(!is_node_ready([("Ready", "True")], true)); // cordoned
/// assert!(is_node_ready([], false));
/// ```
pub fn is_node_ready<'a>(
    conditions: impl IntoIterator<Item = (&'a str, &'a str)>,
    unschedulable: bool,
) -> bool {
    let conditions_ok = conditions.into_iter().all(|(type_, status)| match type_ {
        "Ready" => status == "True",
        "DiskPressure" | "NetworkUnavailable" => status == "False",
        _ => true,
    });
    conditions_ok && !unschedulable
}

impl PoolNode {
    /// A ready node with no zone label and no machine-config annotations.
    pub fn new(name: impl Into<String>, created: i64) -> Self {
        PoolNode {
            name: name.into(),
            created,
            ready: true,
            ..PoolNode::default()
        }
    }

    /// Sets the desired config, current config and state annotations.
    pub fn with_config(
        mut self,
        desired: impl Into<String>,
        current: impl Into<String>,
        state: impl Into<String>,
    ) -> Self {
        self.config = NodeConfigStatus {
            desired_config: Some(desired.into()),
            current_config: Some(current.into()),
            state: Some(state.into()),
        };
        self
    }

    /// Sets the zone label.
    pub fn with_zone(mut self, zone: impl Into<String>) -> Self {
        self.zone = Some(zone.into());
        self
    }

    /// Sets the readiness ([`is_node_ready`]).
    pub fn with_ready(mut self, ready: bool) -> Self {
        self.ready = ready;
        self
    }

    /// Sets the daemon's reason annotation.
    pub fn with_reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    /// Reads a node from its metadata: the zone from [`ZONE_LABEL`], the machine-config
    /// annotations, the reason from [`REASON_ANNOTATION`].
    pub fn from_metadata(
        name: impl Into<String>,
        created: i64,
        labels: Option<&BTreeMap<String, String>>,
        annotations: Option<&BTreeMap<String, String>>,
        ready: bool,
    ) -> Self {
        PoolNode {
            name: name.into(),
            created,
            zone: labels.and_then(|l| l.get(ZONE_LABEL)).cloned(),
            config: annotations
                .map(NodeConfigStatus::from_annotations)
                .unwrap_or_default(),
            reason: annotations.and_then(|a| a.get(REASON_ANNOTATION)).cloned(),
            ready,
        }
    }

    fn desired(&self) -> &str {
        self.config.desired_config.as_deref().unwrap_or_default()
    }

    fn current(&self) -> &str {
        self.config.current_config.as_deref().unwrap_or_default()
    }

    fn state_is(&self, state: NodeConfigState) -> bool {
        self.config.state.as_deref() == Some(state.as_str())
    }

    /// Upstream `IsNodeDone`: current and desired set, equal, and the state is `Done`.
    pub fn is_done(&self) -> bool {
        !self.current().is_empty()
            && self.current() == self.desired()
            && self.state_is(NodeConfigState::Done)
    }

    /// Upstream `IsNodeMCDFailing`: the daemon gave up reaching its desired config
    /// (`Degraded` or `Unreconcilable` with current ≠ desired).
    pub fn is_failing(&self) -> bool {
        self.current() != self.desired() && self.is_degraded()
    }

    // seed 004:999
    /// The state is `Degraded` or `Unreconcilable` (counted in `degradedMachineCount`).
    pub fn is_degraded(&self) -> bool {
        self.state_is(NodeConfigState::Degraded) || self.state_is(NodeConfigState::Unreconcilable)
    }

    /// Upstream `IsUnavailableForUpdate`: not ready, or not done and not failing (working, or
    /// degraded on its own config).
    pub fn is_unavailable(&self) -> bool {
        !self.ready || (!self.is_done() && !self.is_failing())
    }

    /// Done on the pool's `target` config (upstream `IsDone` for non-layered pools).
    pub fn is_updated(&self, target: &str) -> bool {
        self.is_done() && self.desired() == target
    }
}

// seed 004:971-975
/// A step the machine-config daemon takes on a node,
/// plus the post-change service actions of a node disruption policy.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UpdateStep {
    // seed 004:971
    /// "Mark node unschedulable for new workloads".
    Cordon,
    // seed 004:972
    /// "Terminate existing workloads and reschedule them elsewhere".
    Drain,
    // seed 004:973
    /// "Write the new configuration to disk".
    Apply,
    /// `systemctl reload` of a service (disruption policy `Reload`).
    Reload(String),
    /// `systemctl restart` of a service (disruption policy `Restart`).
    Restart(String),
    /// `systemctl daemon-reload` (disruption policy `DaemonReload`).
    DaemonReload,
    // seed 004:974
    /// "Restart the node to activate changes".
    Reboot,
    // seed 004:975
    /// "Mark node schedulable again".
    Uncordon,
}

impl UpdateStep {
    // seed 004:971-975
    /// The five steps of a full update.
    pub const FULL: [UpdateStep; 5] = [
        UpdateStep::Cordon,
        UpdateStep::Drain,
        UpdateStep::Apply,
        UpdateStep::Reboot,
        UpdateStep::Uncordon,
    ];

    /// The steps for the final disruption actions of an update (as [`crate::diff`] computes
    /// them): upstream `pkg/daemon/update.go` `update` — drain (cordon + drain) when the actions
    /// hold `Reboot` or `Drain` (`isDrainRequiredForNodeDisruptionActions`), then apply, then
    /// either reboot or the service actions in order (`performPostConfigChangeNodeDisruptionAction`),
    /// then uncordon if cordoned. `Special` (upstream's registries.conf rule) is taken as drain
    /// plus a reload of `crio.service`: whether upstream drains depends on the registries.conf
    /// contents, so the plan assumes the disruptive case. No actions, or only `None`, means
    /// apply only.
    ///
    /// ```
    /// use acp_ignition::plan::UpdateStep;
    /// use acp_model::machineconfig::{NodeDisruptionActionType, NodeDisruptionPolicyAction};
    /// let none = NodeDisruptionPolicyAction {
    ///     type_: NodeDisruptionActionType::None, reload: None, restart: None };
    /// assert_eq!(UpdateStep::for_actions(&[none]), [UpdateStep::Apply]);
    /// assert_eq!(UpdateStep::for_actions(&[]), [UpdateStep::Apply]);
    /// ```
    pub fn for_actions(actions: &[NodeDisruptionPolicyAction]) -> Vec<UpdateStep> {
        use NodeDisruptionActionType as T;
        if actions.iter().any(|a| a.type_ == T::Reboot) {
            return UpdateStep::FULL.to_vec();
        }
        let drain = actions
            .iter()
            .any(|a| matches!(a.type_, T::Drain | T::Special));
        let mut steps = Vec::new();
        if drain {
            steps.extend([UpdateStep::Cordon, UpdateStep::Drain]);
        }
        steps.push(UpdateStep::Apply);
        for a in actions {
            let service = |t: &Option<acp_model::machineconfig::ServiceTarget>| {
                t.as_ref()
                    .map(|s| s.service_name.clone())
                    .unwrap_or_default()
            };
            match &a.type_ {
                T::Reload => steps.push(UpdateStep::Reload(service(&a.reload))),
                T::Restart => steps.push(UpdateStep::Restart(service(&a.restart))),
                T::DaemonReload => steps.push(UpdateStep::DaemonReload),
                T::Special => steps.push(UpdateStep::Reload("crio.service".to_owned())),
                _ => {}
            }
        }
        if drain {
            steps.push(UpdateStep::Uncordon);
        }
        steps
    }
}

impl fmt::Display for UpdateStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UpdateStep::Cordon => f.write_str("cordon"),
            UpdateStep::Drain => f.write_str("drain"),
            UpdateStep::Apply => f.write_str("apply"),
            UpdateStep::Reload(s) => write!(f, "reload {s}"),
            UpdateStep::Restart(s) => write!(f, "restart {s}"),
            UpdateStep::DaemonReload => f.write_str("daemon-reload"),
            UpdateStep::Reboot => f.write_str("reboot"),
            UpdateStep::Uncordon => f.write_str("uncordon"),
        }
    }
}

/// Options of [`plan_update_with`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PlanOptions {
    // seed 004:933
    /// Leave `Degraded` / `Unreconcilable` candidates out of the batch, as the ACP documentation's "Degraded
    /// nodes … cannot receive updates" suggests; upstream
    /// targets them (default `false`).
    pub skip_degraded: bool,
    /// The steps each node goes through; `None` means the full sequence
    /// ([`UpdateStep::FULL`]). Use [`UpdateStep::for_actions`] over [`crate::diff`]'s result to
    /// plan a less disruptive update.
    pub steps: Option<Vec<UpdateStep>>,
}

impl PlanOptions {
    /// Sets [`skip_degraded`](PlanOptions::skip_degraded).
    #[must_use]
    pub fn with_skip_degraded(mut self, skip_degraded: bool) -> Self {
        self.skip_degraded = skip_degraded;
        self
    }

    /// Sets [`steps`](PlanOptions::steps).
    #[must_use]
    pub fn with_steps(mut self, steps: Option<Vec<UpdateStep>>) -> Self {
        self.steps = steps;
        self
    }
}

/// One node of the next batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeUpdate {
    /// The node's name.
    pub node: String,
    /// Its current config (`currentConfig` annotation).
    pub from: Option<String>,
    /// The pool's target config the node will be given as `desiredConfig`.
    pub to: String,
    // seed 004:933
    /// The node is `Degraded` / `Unreconcilable`: upstream targets it, but its daemon will not
    /// update it until the drift is resolved.
    pub degraded: bool,
    /// The steps the daemon takes.
    pub steps: Vec<UpdateStep>,
}

/// The result of [`plan_update`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpdatePlan {
    /// The pool's target rendered config (`spec.configuration.name`).
    pub target: String,
    /// The pool is paused: nothing starts.
    pub paused: bool,
    /// The budget: [`MachineConfigPoolSpec::max_unavailable_nodes`] over all nodes.
    ///
    /// [`MachineConfigPoolSpec::max_unavailable_nodes`]:
    ///     acp_model::machineconfig::MachineConfigPoolSpec::max_unavailable_nodes
    pub max_unavailable: u32,
    /// Nodes unavailable for update (not ready, or working), which use the budget, by name.
    pub unavailable: Vec<String>,
    /// Nodes targeting the pool's config but failing to reach it, which also use the budget.
    pub failing: Vec<String>,
    /// How many nodes may start now: the budget less the unavailable and failing nodes.
    pub capacity: u32,
    /// The next nodes to update, in order.
    pub batch: Vec<NodeUpdate>,
    /// The remaining candidates, in update order, for later batches.
    pub waiting: Vec<String>,
    /// Nodes that need the update but are not candidates now (not ready, or degraded with
    /// [`PlanOptions::skip_degraded`]), by name.
    pub blocked: Vec<String>,
    /// Nodes whose desired config already is the target, by name.
    pub targeted: Vec<String>,
}

/// Why a plan could not be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlanError {
    /// The pool has no rendered config to roll out yet.
    #[error(
        "pool {pool:?} has no target config: spec.configuration.name is empty (render the pool first)"
    )]
    NoTarget {
        /// The pool's name.
        pool: String,
    },
    /// `spec.maxUnavailable` is negative or not a valid percentage.
    #[error(
        "pool {pool:?}: spec.maxUnavailable {value:?} is invalid: must be an integer >= 0 or a percentage like \"25%\""
    )]
    MaxUnavailable {
        /// The pool's name.
        pool: String,
        /// The value as written.
        value: String,
    },
}

/// Plans the next batch with default [`PlanOptions`] (upstream behaviour, full step sequence).
pub fn plan_update(pool: &MachineConfigPool, nodes: &[PoolNode]) -> Result<UpdatePlan, PlanError> {
    plan_update_with(pool, nodes, &PlanOptions::default())
}

/// The update order of candidates (rule 5 of the module docs).
// DEVIATION: nodes with equal creation times are ordered by name; upstream uses Go's unstable
// `sort.Slice`, so their order is undefined.
pub fn update_order(a: &PoolNode, b: &PoolNode) -> Ordering {
    match (&a.zone, &b.zone) {
        (Some(za), Some(zb)) => za.cmp(zb),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then(a.created.cmp(&b.created))
    .then_with(|| a.name.cmp(&b.name))
}

/// Plans the next batch of node updates of `pool` over its `nodes` (see the module docs).
pub fn plan_update_with(
    pool: &MachineConfigPool,
    nodes: &[PoolNode],
    options: &PlanOptions,
) -> Result<UpdatePlan, PlanError> {
    let pool_name = pool.metadata.name.clone().unwrap_or_default();
    let target = pool
        .spec
        .configuration
        .as_ref()
        .and_then(|c| c.name.clone())
        .filter(|n| !n.is_empty())
        .ok_or_else(|| PlanError::NoTarget {
            pool: pool_name.clone(),
        })?;
    let count = u32::try_from(nodes.len()).unwrap_or(u32::MAX);
    let max_unavailable =
        pool.spec
            .max_unavailable_nodes(count)
            .ok_or_else(|| PlanError::MaxUnavailable {
                pool: pool_name.clone(),
                value: match &pool.spec.max_unavailable {
                    Some(k8s) => serde_json::to_value(k8s)
                        .map(|v| match v {
                            serde_json::Value::String(s) => s,
                            other => other.to_string(),
                        })
                        .unwrap_or_default(),
                    None => String::new(),
                },
            })?;

    let mut plan = UpdatePlan {
        target: target.clone(),
        paused: pool.spec.paused.unwrap_or(false),
        max_unavailable,
        unavailable: Vec::new(),
        failing: Vec::new(),
        capacity: 0,
        batch: Vec::new(),
        waiting: Vec::new(),
        blocked: Vec::new(),
        targeted: Vec::new(),
    };

    let mut candidates: Vec<&PoolNode> = Vec::new();
    for node in nodes {
        if node.is_unavailable() {
            plan.unavailable.push(node.name.clone());
        }
        if node.desired() == target {
            if node.is_failing() {
                plan.failing.push(node.name.clone());
            }
            plan.targeted.push(node.name.clone());
        } else if !node.ready || (options.skip_degraded && node.is_degraded()) {
            plan.blocked.push(node.name.clone());
        } else {
            candidates.push(node);
        }
    }
    candidates.sort_by(|a, b| update_order(a, b));

    let used = plan.unavailable.len().saturating_add(plan.failing.len());
    let capacity = usize::try_from(max_unavailable)
        .unwrap_or(usize::MAX)
        .saturating_sub(used);
    plan.capacity = if plan.paused {
        0
    } else {
        u32::try_from(capacity).unwrap_or(u32::MAX)
    };
    let take = usize::try_from(plan.capacity).unwrap_or(usize::MAX);
    let steps = options
        .steps
        .clone()
        .unwrap_or_else(|| UpdateStep::FULL.to_vec());
    for (i, node) in candidates.into_iter().enumerate() {
        if i < take {
            plan.batch.push(NodeUpdate {
                node: node.name.clone(),
                from: node.config.current_config.clone(),
                to: target.clone(),
                degraded: node.is_degraded(),
                steps: steps.clone(),
            });
        } else {
            plan.waiting.push(node.name.clone());
        }
    }
    Ok(plan)
}

impl fmt::Display for UpdatePlan {
    /// A human-readable summary: the budget, then one line per node of the batch.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "target {}: maxUnavailable {}, {} unavailable, {} failing, capacity {}{}",
            self.target,
            self.max_unavailable,
            self.unavailable.len(),
            self.failing.len(),
            self.capacity,
            if self.paused { " (paused)" } else { "" }
        )?;
        for (i, u) in self.batch.iter().enumerate() {
            let steps: Vec<String> = u.steps.iter().map(ToString::to_string).collect();
            writeln!(
                f,
                "{}. {} {} -> {}{}: {}",
                i.saturating_add(1),
                u.node,
                u.from.as_deref().unwrap_or("<none>"),
                u.to,
                if u.degraded { " (degraded)" } else { "" },
                steps.join(" → ")
            )?;
        }
        if !self.waiting.is_empty() {
            writeln!(f, "waiting: {}", self.waiting.join(", "))?;
        }
        if !self.blocked.is_empty() {
            writeln!(f, "blocked: {}", self.blocked.join(", "))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readiness_rules() {
        assert!(is_node_ready(
            [("Ready", "True"), ("PIDPressure", "True")],
            false
        ));
        assert!(!is_node_ready([("DiskPressure", "True")], false));
        assert!(!is_node_ready([("DiskPressure", "Unknown")], false));
        assert!(!is_node_ready([("NetworkUnavailable", "True")], false));
        assert!(is_node_ready([("NetworkUnavailable", "False")], false));
    }

    #[test]
    fn node_predicates() {
        let done = PoolNode::new("a", 0).with_config("r1", "r1", "Done");
        assert!(done.is_done() && !done.is_unavailable() && done.is_updated("r1"));
        assert!(!done.is_updated("r2"));
        let working = PoolNode::new("a", 0).with_config("r2", "r1", "Working");
        assert!(!working.is_done() && working.is_unavailable() && !working.is_failing());
        let failing = PoolNode::new("a", 0).with_config("r2", "r1", "Degraded");
        assert!(failing.is_failing() && !failing.is_unavailable());
        let drifted = PoolNode::new("a", 0).with_config("r1", "r1", "Degraded");
        assert!(!drifted.is_failing() && drifted.is_unavailable() && drifted.is_degraded());
        let unreconcilable = PoolNode::new("a", 0).with_config("r2", "r1", "Unreconcilable");
        assert!(unreconcilable.is_failing());
        // Empty annotations are not "done" even though they are equal.
        let blank = PoolNode::new("a", 0).with_config("", "", "Done");
        assert!(!blank.is_done() && blank.is_unavailable());
        // A node without annotations has not been managed yet: unavailable.
        assert!(PoolNode::new("a", 0).is_unavailable());
        // Cordoned Done node: unavailable.
        let cordoned = PoolNode::new("a", 0)
            .with_config("r1", "r1", "Done")
            .with_ready(false);
        assert!(cordoned.is_unavailable());
    }

    #[test]
    fn order_zone_then_age_then_name() {
        let mut nodes = [
            PoolNode::new("n-old-nozone", 1),
            PoolNode::new("n-b", 5).with_zone("b"),
            PoolNode::new("n-a-young", 9).with_zone("a"),
            PoolNode::new("n-a-old", 3).with_zone("a"),
            PoolNode::new("n-empty-zone", 100).with_zone(""),
            PoolNode::new("n-tie-2", 7),
            PoolNode::new("n-tie-1", 7),
        ];
        nodes.sort_by(update_order);
        let names: Vec<&str> = nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "n-empty-zone",
                "n-a-old",
                "n-a-young",
                "n-b",
                "n-old-nozone",
                "n-tie-1",
                "n-tie-2"
            ]
        );
    }

    #[test]
    fn steps_for_actions() {
        use acp_model::machineconfig::ServiceTarget;
        let act = |t: NodeDisruptionActionType| NodeDisruptionPolicyAction {
            type_: t,
            reload: None,
            restart: None,
        };
        assert_eq!(
            UpdateStep::for_actions(&[act(NodeDisruptionActionType::Reboot)]),
            UpdateStep::FULL.to_vec()
        );
        assert_eq!(
            UpdateStep::for_actions(&[act(NodeDisruptionActionType::Drain)]),
            [
                UpdateStep::Cordon,
                UpdateStep::Drain,
                UpdateStep::Apply,
                UpdateStep::Uncordon
            ]
        );
        let reload = NodeDisruptionPolicyAction {
            type_: NodeDisruptionActionType::Reload,
            reload: Some(ServiceTarget {
                service_name: "chronyd.service".into(),
            }),
            restart: None,
        };
        assert_eq!(
            UpdateStep::for_actions(&[act(NodeDisruptionActionType::DaemonReload), reload]),
            [
                UpdateStep::Apply,
                UpdateStep::DaemonReload,
                UpdateStep::Reload("chronyd.service".into())
            ]
        );
        assert_eq!(
            UpdateStep::for_actions(&[act(NodeDisruptionActionType::Special)]),
            [
                UpdateStep::Cordon,
                UpdateStep::Drain,
                UpdateStep::Apply,
                UpdateStep::Reload("crio.service".into()),
                UpdateStep::Uncordon
            ]
        );
    }
}
