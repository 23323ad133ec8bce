//! Node isolation placement over a cluster's policies.
// seed 003:17525-17750
//!
//! The policy type, the single-policy rule ([`NodeIsolationPolicy::admits_project`]) and the
//! cross-policy validation ([`validate_policies`]) live in
//! [`acp_model::thirdparty::node_isolation`] and are re-exported here; this module answers the
//! cluster-wide question: may a pod of this project run on this node, and if not, which policy
//! says so.
//!
//! ```
//! use acp_quota::node_isolation::{NodeIsolationPolicy, PolicySet, Decision};
//!
//! let set = PolicySet::new(vec![
//!     NodeIsolationPolicy { name: "ai".into(), exclusive: true,
//!         projects: vec!["ai".into()], nodes: vec!["10.0.0.1".into()] },
//!     NodeIsolationPolicy { name: "web".into(), exclusive: false,
//!         projects: vec!["web".into()], nodes: vec!["10.0.0.2".into()] },
//! ]).unwrap();
//! assert!(set.may_run("ai", "10.0.0.1"));
//! assert!(!set.may_run("ai", "10.0.0.9"));   // forced onto its policy's nodes
//! assert!(!set.may_run("ops", "10.0.0.1"));  // exclusive node
//! assert!(set.may_run("ops", "10.0.0.2"));   // shared node (exclusivity off)
//! assert!(matches!(set.decide("ops", "10.0.0.1"), Decision::ReservedByExclusivePolicy { .. }));
//! ```
//!
//! # Rules
//!
//! * Pods of a project that has a policy run only on that policy's nodes.
// seed 003:17586-17588
//! * With project exclusivity on (the default) only the policy's projects may run
// seed 003:17647
//!   on its nodes; with it off, pods of other projects may run there too.
// seed 003:17649-17653
//! * A project has at most one policy, a node belongs to at most one policy:
//!   [`PolicySet::new`] refuses a set that breaks this, with acp-model's messages.
// seed 003:17672, seed 003:17686
//! * Nodes in no policy accept pods of projects that have no policy.
//! * The decision is for placing a pod (scheduling, or recreating). Existing pods are not moved
//!   when a policy is created: non-conforming pods of the project move when recreated, and
//!   pods of other projects already on an exclusive node are not evicted;
// seed 003:17696-17702
//!   deleting a policy lifts its restrictions.
// seed 003:17704

pub use acp_model::thirdparty::node_isolation::{
    DEFAULT_EXCLUSIVE, NodeIsolationPolicy, PERMISSION_RESOURCE, validate_policies,
};
use acp_model::validation::ErrorList;

/// Why a pod of a project may or may not run on a node.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Decision {
    /// Allowed: the node is one of the project's policy nodes.
    OwnPolicyNode {
        /// The project's policy.
        policy: String,
    },
    /// Allowed: neither the project nor the node is bound by an exclusive policy.
    Unrestricted,
    /// Allowed: the node belongs to another project's policy whose exclusivity is off.
    SharedNode {
        /// The node's (non-exclusive) policy.
        policy: String,
    },
    /// Refused: the project's policy confines its pods to that policy's nodes.
    OutsideProjectPolicy {
        /// The project's policy.
        policy: String,
    },
    /// Refused: the node belongs to an exclusive policy the project is not in.
    ReservedByExclusivePolicy {
        /// The node's policy.
        policy: String,
    },
}

impl Decision {
    /// Whether the pod may run on the node.
    pub fn allowed(&self) -> bool {
        matches!(
            self,
            Decision::OwnPolicyNode { .. } | Decision::Unrestricted | Decision::SharedNode { .. }
        )
    }
}

impl std::fmt::Display for Decision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Decision::OwnPolicyNode { policy } => {
                write!(
                    f,
                    "allowed: the node belongs to the project's node isolation policy {policy:?}"
                )
            }
            Decision::Unrestricted => f.write_str("allowed: no node isolation policy applies"),
            Decision::SharedNode { policy } => write!(
                f,
                "allowed: node isolation policy {policy:?} has project exclusivity off"
            ),
            Decision::OutsideProjectPolicy { policy } => write!(
                f,
                "refused: the project's node isolation policy {policy:?} confines its pods to the policy's nodes"
            ),
            Decision::ReservedByExclusivePolicy { policy } => write!(
                f,
                "refused: the node is reserved by node isolation policy {policy:?} (project exclusivity on)"
            ),
        }
    }
}

/// The node isolation policies of one cluster, checked by [`validate_policies`].
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PolicySet {
    policies: Vec<NodeIsolationPolicy>,
}

impl PolicySet {
    /// A validated set; every problem of [`validate_policies`] otherwise.
    pub fn new(policies: Vec<NodeIsolationPolicy>) -> Result<Self, ErrorList> {
        validate_policies(&policies).into_result()?;
        Ok(PolicySet { policies })
    }

    /// The policies.
    pub fn policies(&self) -> &[NodeIsolationPolicy] {
        &self.policies
    }

    /// The policy a project belongs to (at most one in a valid set).
    pub fn project_policy(&self, project: &str) -> Option<&NodeIsolationPolicy> {
        self.policies
            .iter()
            .find(|p| p.projects.iter().any(|x| x == project))
    }

    /// The policy a node belongs to (at most one in a valid set).
    pub fn node_policy(&self, node: &str) -> Option<&NodeIsolationPolicy> {
        self.policies
            .iter()
            .find(|p| p.nodes.iter().any(|x| x == node))
    }

    /// Why a pod of `project` may or may not run on `node`.
    pub fn decide(&self, project: &str, node: &str) -> Decision {
        if let Some(own) = self.project_policy(project) {
            return if own.nodes.iter().any(|n| n == node) {
                Decision::OwnPolicyNode {
                    policy: own.name.clone(),
                }
            } else {
                Decision::OutsideProjectPolicy {
                    policy: own.name.clone(),
                }
            };
        }
        match self.node_policy(node) {
            Some(p) if p.exclusive => Decision::ReservedByExclusivePolicy {
                policy: p.name.clone(),
            },
            Some(p) => Decision::SharedNode {
                policy: p.name.clone(),
            },
            None => Decision::Unrestricted,
        }
    }

    /// Whether a pod of `project` may run on `node`. Agrees with every policy's
    /// [`NodeIsolationPolicy::admits_project`].
    pub fn may_run(&self, project: &str, node: &str) -> bool {
        self.decide(project, node).allowed()
    }

    /// The nodes among `nodes` where a pod of `project` may run, in the given order.
    pub fn allowed_nodes<'n>(&self, project: &str, nodes: &'n [String]) -> Vec<&'n str> {
        nodes
            .iter()
            .map(String::as_str)
            .filter(|n| self.may_run(project, n))
            .collect()
    }
}

/// Placement over policies that were not validated: allowed only when every policy admits it
/// ([`NodeIsolationPolicy::admits_project`]). On a valid set this equals
/// [`PolicySet::may_run`]; on an invalid one (a project or node in two policies) it is the
/// strictest reading.
pub fn may_run(policies: &[NodeIsolationPolicy], project: &str, node: &str) -> bool {
    policies.iter().all(|p| p.admits_project(project, node))
}
