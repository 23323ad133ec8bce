//! The ACP **node isolation policy** (节点隔离策略): a project-level policy that reserves cluster
//! nodes for projects.
// seed 003:17525-17740
//!
//! The ACP documentation describes the policy only through its console form (安全 > 节点隔离策略): project
//! exclusivity, projects, nodes. It gives no API group, version or kind, so
// seed 003:17631-17700
//! this is a plain documented struct, not a CRD; the permission table names the function
//! `acp-nodegroups` ([`PERMISSION_RESOURCE`]).
//!
//! ```
//! use acp_model::thirdparty::node_isolation::{NodeIsolationPolicy, validate_policies};
//! use acp_model::validation::Validate;
//!
//! let policy = NodeIsolationPolicy {
//!     name: "gpu-team".into(),
//!     exclusive: true,
//!     projects: vec!["ai".into()],
//!     nodes: vec!["192.168.1.10".into(), "192.168.1.11".into()],
//! };
//! assert!(policy.validate().is_empty());
//! assert!(policy.admits_project("ai", "192.168.1.10"));
//! assert!(!policy.admits_project("web", "192.168.1.10"));
//!
//! // A node belongs to at most one policy.
// seed 003:17686
//! let other = NodeIsolationPolicy { name: "b".into(), projects: vec!["web".into()], ..policy.clone() };
//! assert_eq!(validate_policies(&[policy, other]).len(), 2);
//! ```

use serde::{Deserialize, Serialize};

use crate::names::{NameRule, validate_object_name};
use crate::validation::{ErrorList, FieldError, FieldPath, Validate};

// seed 003:17716-17746
/// The permission (role-template function) name of node isolation policies in the permission
/// table: "节点隔离策略 acp-nodegroups" — platform administrators may view, create, update and
/// delete; the other roles may only view.
pub const PERMISSION_RESOURCE: &str = "acp-nodegroups";

// seed 003:17641-17647
/// Default of the project-exclusivity switch: "默认开启" (on).
pub const DEFAULT_EXCLUSIVE: bool = true;

/// One node isolation policy, as the console form describes it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct NodeIsolationPolicy {
    /// The policy's name (how the console lists it).
    pub name: String,
    // seed 003:17641-17651; seed 003:17585-17588
    /// 项目独占性 (project exclusivity), default on: when on, only pods of the policy's projects
    /// may run on its nodes; when off, pods of other projects may also run there.
    /// Pods of the policy's projects are always forced
    /// onto its nodes.
    #[serde(default = "default_exclusive")]
    pub exclusive: bool,
    // seed 003:17664-17676
    /// 项目 (projects) that use the policy's nodes; a project has at most one policy.
    pub projects: Vec<String>,
    // seed 003:17678-17690
    /// 节点 (nodes): the IP addresses of the compute nodes assigned to the projects; a node
    /// belongs to at most one policy.
    pub nodes: Vec<String>,
}

fn default_exclusive() -> bool {
    DEFAULT_EXCLUSIVE
}

impl NodeIsolationPolicy {
    // seed 003:17585-17588; seed 003:17641-17651; seed 003:17692-17700
    /// Whether the policy lets a pod of `project` run on `node`, considering this policy alone:
    /// pods of the policy's projects only on its nodes;
    /// pods of other projects not on its nodes while exclusive.
    ///
    /// Existing pods are not moved: they follow the policy when recreated, and exclusivity does
    /// not evict pods already on a node.
    pub fn admits_project(&self, project: &str, node: &str) -> bool {
        let member = self.projects.iter().any(|p| p == project);
        let own_node = self.nodes.iter().any(|n| n == node);
        if member {
            own_node
        } else {
            !(own_node && self.exclusive)
        }
    }
}

impl Validate for NodeIsolationPolicy {
    /// Structural checks: a name (DNS-1123 subdomain, the usual rule for platform objects), at
    /// least one project and one node, no repeated entries. Node addresses are not parsed: the
    /// console lists nodes by IP but clusters may name them otherwise.
    fn validate(&self) -> ErrorList {
        let mut errs = validate_object_name(
            &FieldPath::new("name"),
            Some(self.name.as_str()),
            NameRule::Dns1123Subdomain,
        );
        for (field, items) in [("projects", &self.projects), ("nodes", &self.nodes)] {
            let p = FieldPath::new(field);
            if items.is_empty() {
                errs.push(FieldError::required(&p, ""));
            }
            for (i, item) in items.iter().enumerate() {
                if item.is_empty() {
                    errs.push(FieldError::required(&p.index(i), ""));
                } else if items[..i].contains(item) {
                    errs.push(FieldError::duplicate(&p.index(i), item.as_str()));
                }
            }
        }
        errs
    }
}

// seed 003:17672, 17686
/// Cross-policy rules of one cluster: "一个项目只能设置一个节点隔离政策" (a project has at most
/// one policy) and "一个节点只能属于一个隔离政策" (a node belongs to at most one policy),
/// plus unique policy names. Paths are
/// `policies[i].projects[j]` / `policies[i].nodes[j]`; every policy is validated too.
pub fn validate_policies(policies: &[NodeIsolationPolicy]) -> ErrorList {
    let mut errs = ErrorList::new();
    let root = FieldPath::new("policies");
    for (i, p) in policies.iter().enumerate() {
        let pp = root.index(i);
        for e in p.validate() {
            let mut e = e;
            e.field = format!("{}.{}", pp, e.field);
            errs.push(e);
        }
        let earlier = &policies[..i];
        if earlier.iter().any(|q| q.name == p.name) {
            errs.push(FieldError::duplicate(&pp.child("name"), p.name.as_str()));
        }
        for (j, project) in p.projects.iter().enumerate() {
            if earlier.iter().any(|q| q.projects.contains(project)) {
                errs.push(FieldError::invalid(
                    &pp.child("projects").index(j),
                    project.as_str(),
                    "a project can be assigned to only one node isolation policy",
                ));
            }
        }
        for (j, node) in p.nodes.iter().enumerate() {
            if earlier.iter().any(|q| q.nodes.contains(node)) {
                errs.push(FieldError::invalid(
                    &pp.child("nodes").index(j),
                    node.as_str(),
                    "a node can belong to only one node isolation policy",
                ));
            }
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pol(name: &str, exclusive: bool, projects: &[&str], nodes: &[&str]) -> NodeIsolationPolicy {
        NodeIsolationPolicy {
            name: name.into(),
            exclusive,
            projects: projects.iter().map(|s| s.to_string()).collect(),
            nodes: nodes.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn shared_policy_admits_other_projects() {
        let p = pol("a", false, &["ai"], &["n1"]);
        assert!(p.admits_project("web", "n1"));
        assert!(!p.admits_project("ai", "n2"));
        assert!(p.admits_project("web", "n2"));
    }

    #[test]
    fn exclusive_defaults_on() {
        let p: NodeIsolationPolicy =
            serde_json::from_str(r#"{"name":"a","projects":["x"],"nodes":["n"]}"#).unwrap();
        assert!(p.exclusive);
    }

    #[test]
    fn cross_policy_conflicts() {
        let msgs: Vec<String> = validate_policies(&[
            pol("a", true, &["ai"], &["n1"]),
            pol("a", true, &["ai", "ai"], &["n1", ""]),
        ])
        .iter()
        .map(|e| e.to_string())
        .collect();
        assert_eq!(
            msgs,
            vec![
                r#"policies[1].projects[1]: Duplicate value: "ai""#,
                "policies[1].nodes[1]: Required value",
                r#"policies[1].name: Duplicate value: "a""#,
                r#"policies[1].projects[0]: Invalid value: "ai": a project can be assigned to only one node isolation policy"#,
                r#"policies[1].projects[1]: Invalid value: "ai": a project can be assigned to only one node isolation policy"#,
                r#"policies[1].nodes[0]: Invalid value: "n1": a node can belong to only one node isolation policy"#,
            ]
        );
    }
}
