//! Project → namespace quota allocation.
//!
//! A project holds a quota on each of its clusters; the namespaces it creates there share it.
//! A namespace quota may take at most what the project has left, a resource left unspecified
//! is unlimited within what is left, a resource with nothing left blocks the creation of new
//! namespaces, and deleting a namespace gives its quota back.
// seed 003:3892-3919; seed 003:4322-4326; seed 003:5162
//! Custom "other quotas" must not repeat the standard ones and must be qualified names.
// seed 003:4008-4040; seed 003:4388-4404
//!
//! ```
//! use acp_quota::allocation::{NamespaceQuota, ProjectAllocation, QuotaRequest};
//! use acp_quota::resources::ResourceList;
//!
//! let rl = |p: &[(&str, &str)]| ResourceList::parse_pairs(p.iter().copied()).unwrap();
//! let mut project = ProjectAllocation::new(rl(&[("limits.cpu", "20"), ("limits.memory", "40Gi")]));
//! project.allocate(&QuotaRequest::new("team-a", rl(&[("limits.cpu", "12")])))?;
//! assert_eq!(project.remaining(None).to_string(), "limits.cpu=8,limits.memory=40Gi");
//!
//! // asking for more than is left is refused, naming the resource
//! let err = project.check(&QuotaRequest::new("team-b", rl(&[("limits.cpu", "10")]))).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "namespace team-b: limits.cpu: requested 10 exceeds the 8 the project has left"
//! );
//! // an unspecified resource is unlimited within what is left
//! let ok = project.check(&QuotaRequest::new("team-b", rl(&[("limits.cpu", "8")])))?;
//! assert_eq!(ok.effective.to_string(), "limits.cpu=8,limits.memory=40Gi");
//! # Ok::<(), acp_quota::allocation::AllocationError>(())
//! ```
//!
//! Resource names are compared literally: a project quota on `limits.cpu` does not bound a
//! namespace's `cpu`. Requested resources the project does not limit are allowed and listed in
//! [`AllocationCheck::unbounded`].

use std::fmt;

use acp_model::names;
use acp_model::quantity::Quantity;
use acp_model::resource_names::{
    CPU, LIMITS_CPU, LIMITS_MEMORY, MEMORY, PODS, REQUESTS_CPU, REQUESTS_MEMORY,
};

use crate::resources::ResourceList;

// seed 003:4008-4040
/// The standard quotas an "other quota" may not repeat (ACP docs:
/// "为避免资源重复问题，以下配额类型不允许使用").
pub const FORBIDDEN_OTHER_QUOTA_KEYS: [&str; 7] = [
    LIMITS_CPU,
    LIMITS_MEMORY,
    REQUESTS_CPU,
    REQUESTS_MEMORY,
    PODS,
    CPU,
    MEMORY,
];

// seed 003:4388-4404
/// Why a custom ("other") quota name is refused; empty when it is accepted.
///
/// The rules are Kubernetes' qualified-name
/// rules (`IsQualifiedName`): without `/`, at most 63 characters of letters, digits, `-`, `_`
/// and `.`, starting and ending with a letter or digit; with `/`, a DNS-subdomain prefix of at
/// most 253 characters, then such a name. Messages are apimachinery's.
pub fn other_quota_key_problems(key: &str) -> Vec<String> {
    let mut out = Vec::new();
    if FORBIDDEN_OTHER_QUOTA_KEYS.contains(&key) {
        out.push(format!(
            "{key} is a standard quota and may not be set as another quota (not allowed: {})",
            FORBIDDEN_OTHER_QUOTA_KEYS.join(", ")
        ));
    }
    out.extend(names::is_qualified_name(key));
    out
}

/// A namespace of the project and its quota (`spec.hard`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamespaceQuota {
    /// The namespace.
    pub namespace: String,
    /// Its quota.
    pub hard: ResourceList,
}

/// A namespace quota to create or update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotaRequest {
    /// The namespace.
    pub namespace: String,
    /// The standard quotas (cpu, memory, pods, storage, storage classes, extended resources).
    pub hard: ResourceList,
    /// The custom "other quotas" (checked for their names, then allocated like the others).
    pub other: ResourceList,
}

impl QuotaRequest {
    /// A request with standard quotas only.
    pub fn new(namespace: impl Into<String>, hard: ResourceList) -> Self {
        QuotaRequest {
            namespace: namespace.into(),
            hard,
            other: ResourceList::new(),
        }
    }

    /// The same request with custom "other quotas".
    #[must_use]
    pub fn with_other(mut self, other: ResourceList) -> Self {
        self.other = other;
        self
    }
}

/// One reason a namespace quota is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AllocationProblem {
    // seed 003:3894; seed 003:4322
    /// Creating a namespace while some project resource has nothing left.
    NothingLeft {
        /// The exhausted resources, sorted.
        resources: Vec<String>,
    },
    // seed 003:3892
    /// More than the project has left.
    ExceedsRemaining {
        /// The resource.
        resource: String,
        /// The requested value.
        requested: Quantity,
        /// What is left.
        remaining: Quantity,
    },
    /// A negative quota.
    Negative {
        /// The resource.
        resource: String,
        /// The requested value.
        requested: Quantity,
    },
    /// A custom quota whose name is refused.
    InvalidOtherQuota {
        /// The name.
        key: String,
        /// Why.
        problems: Vec<String>,
    },
    /// A custom quota repeating a standard one of the same request.
    DuplicateOtherQuota {
        /// The name.
        key: String,
    },
}

impl fmt::Display for AllocationProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AllocationProblem::NothingLeft { resources } => write!(
                f,
                "the project has no {} left on this cluster, so no namespace can be created; \
                 ask the platform administrator to raise the project quota",
                resources.join(", ")
            ),
            AllocationProblem::ExceedsRemaining {
                resource,
                requested,
                remaining,
            } => write!(
                f,
                "{resource}: requested {requested} exceeds the {remaining} the project has left"
            ),
            AllocationProblem::Negative {
                resource,
                requested,
            } => write!(f, "{resource}: {requested} must not be negative"),
            AllocationProblem::InvalidOtherQuota { key, problems } => {
                write!(f, "other quota {key:?}: {}", problems.join("; "))
            }
            AllocationProblem::DuplicateOtherQuota { key } => {
                write!(f, "other quota {key:?} repeats a quota set above")
            }
        }
    }
}

/// Every reason a namespace quota is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("namespace {namespace}: {}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
#[non_exhaustive]
pub struct AllocationError {
    /// The namespace.
    pub namespace: String,
    /// The problems, all of them.
    pub problems: Vec<AllocationProblem>,
}

/// An accepted namespace quota.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllocationCheck {
    /// What the project had left for this namespace (its own current quota excluded).
    pub remaining: ResourceList,
    // seed 003:3917
    /// The effective limit per project resource: the requested value, or all that is left
    /// when unspecified (ACP docs: "若未指定某资源类型的配额，
    /// 则默认不设限", `4326`).
    pub effective: ResourceList,
    /// Requested resources the project does not limit.
    pub unbounded: Vec<String>,
}

/// A project's quota on one cluster and its namespaces' quotas there.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectAllocation {
    /// The project's quota on the cluster.
    pub cluster_quota: ResourceList,
    /// The namespaces' quotas.
    pub namespaces: Vec<NamespaceQuota>,
}

impl ProjectAllocation {
    /// A project with no namespaces yet.
    pub fn new(cluster_quota: ResourceList) -> Self {
        ProjectAllocation {
            cluster_quota,
            namespaces: Vec::new(),
        }
    }

    /// What is left per project resource: the project quota minus the sum of the namespaces'
    /// quotas for it, `excluding` one namespace (the one being updated); never below zero.
    pub fn remaining(&self, excluding: Option<&str>) -> ResourceList {
        let mut used = ResourceList::new();
        for ns in &self.namespaces {
            if Some(ns.namespace.as_str()) != excluding {
                used.add_assign(&ns.hard.mask_set(&self.cluster_quota.to_set()));
            }
        }
        self.cluster_quota
            .subtract_non_negative(&used)
            .mask_set(&self.cluster_quota.to_set())
    }

    /// Whether `namespace` already has a quota in this project (an update rather than a
    /// creation).
    pub fn contains(&self, namespace: &str) -> bool {
        self.namespaces.iter().any(|n| n.namespace == namespace)
    }

    /// Checks a namespace quota: a creation when the namespace is new, an update otherwise.
    ///
    /// # Errors
    /// Every problem: an exhausted project resource (creation only), a value above what is
    /// left, a negative value, a refused custom quota.
    pub fn check(&self, req: &QuotaRequest) -> Result<AllocationCheck, AllocationError> {
        let creating = !self.contains(&req.namespace);
        let remaining = self.remaining(Some(&req.namespace));
        let mut problems = Vec::new();
        if creating {
            let exhausted: Vec<String> = remaining
                .iter()
                .filter(|(_, v)| v.sign() <= 0)
                .map(|(k, _)| k.clone())
                .collect();
            if !exhausted.is_empty() {
                problems.push(AllocationProblem::NothingLeft {
                    resources: exhausted,
                });
            }
        }
        for key in req.other.as_map().keys() {
            let p = other_quota_key_problems(key);
            if !p.is_empty() {
                problems.push(AllocationProblem::InvalidOtherQuota {
                    key: key.clone(),
                    problems: p,
                });
            } else if req.hard.contains_key(key) {
                problems.push(AllocationProblem::DuplicateOtherQuota { key: key.clone() });
            }
        }
        let requested = req.hard.add(&req.other);
        let mut unbounded = Vec::new();
        for (k, v) in &requested {
            if v.sign() < 0 {
                problems.push(AllocationProblem::Negative {
                    resource: k.clone(),
                    requested: v.clone(),
                });
                continue;
            }
            match remaining.get(k) {
                Some(left) if v > left => problems.push(AllocationProblem::ExceedsRemaining {
                    resource: k.clone(),
                    requested: v.clone(),
                    remaining: left.clone(),
                }),
                Some(_) => {}
                None => unbounded.push(k.clone()),
            }
        }
        if !problems.is_empty() {
            return Err(AllocationError {
                namespace: req.namespace.clone(),
                problems,
            });
        }
        let mut effective = remaining.clone();
        for (k, v) in &requested {
            if effective.contains_key(k) {
                effective.insert(k.clone(), v.clone());
            }
        }
        Ok(AllocationCheck {
            remaining,
            effective,
            unbounded,
        })
    }

    /// [`ProjectAllocation::check`], then records the namespace's quota (replacing an existing
    /// one).
    ///
    /// # Errors
    /// As [`ProjectAllocation::check`]; nothing is recorded then.
    pub fn allocate(&mut self, req: &QuotaRequest) -> Result<AllocationCheck, AllocationError> {
        let check = self.check(req)?;
        let hard = req.hard.add(&req.other);
        match self
            .namespaces
            .iter_mut()
            .find(|n| n.namespace == req.namespace)
        {
            Some(n) => n.hard = hard,
            None => self.namespaces.push(NamespaceQuota {
                namespace: req.namespace.clone(),
                hard,
            }),
        }
        Ok(check)
    }

    // seed 003:5162
    /// Deletes a namespace, freeing its quota (deleting
    /// a namespace "会释放分配的资源配额"). Returns the freed quota.
    pub fn delete(&mut self, namespace: &str) -> Option<NamespaceQuota> {
        let i = self
            .namespaces
            .iter()
            .position(|n| n.namespace == namespace)?;
        Some(self.namespaces.remove(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rl(p: &[(&str, &str)]) -> ResourceList {
        ResourceList::parse_pairs(p.iter().copied()).unwrap()
    }

    #[test]
    fn update_excludes_its_own_quota() {
        let mut p = ProjectAllocation::new(rl(&[("requests.cpu", "10")]));
        p.allocate(&QuotaRequest::new("a", rl(&[("requests.cpu", "6")])))
            .unwrap();
        p.allocate(&QuotaRequest::new("b", rl(&[("requests.cpu", "4")])))
            .unwrap();
        // creating is blocked: nothing left
        let e = p
            .check(&QuotaRequest::new("c", ResourceList::new()))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "namespace c: the project has no requests.cpu left on this cluster, so no namespace \
             can be created; ask the platform administrator to raise the project quota"
        );
        // but `a` may be updated up to 6 (its own 6 excluded)
        assert!(
            p.check(&QuotaRequest::new("a", rl(&[("requests.cpu", "6")])))
                .is_ok()
        );
        let e = p
            .check(&QuotaRequest::new("a", rl(&[("requests.cpu", "6001m")])))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "namespace a: requests.cpu: requested 6001m exceeds the 6 the project has left"
        );
    }

    #[test]
    fn all_problems_at_once() {
        let p = ProjectAllocation::new(rl(&[("requests.cpu", "1"), ("pods", "0")]));
        let req = QuotaRequest::new(
            "n",
            rl(&[("requests.cpu", "2"), ("requests.storage", "-1")]),
        )
        .with_other(rl(&[
            ("cpu", "1"),
            ("example.com/x", "1"),
            ("requests.cpu", "1"),
        ]));
        let e = p.check(&req).unwrap_err();
        let kinds: Vec<String> = e.problems.iter().map(ToString::to_string).collect();
        assert_eq!(kinds.len(), 5, "{kinds:?}");
        assert!(kinds[0].starts_with("the project has no pods left"));
        assert!(kinds[1].starts_with("other quota \"cpu\": cpu is a standard quota"));
        assert!(
            kinds[2].starts_with("other quota \"requests.cpu\": requests.cpu is a standard quota")
        );
        assert_eq!(
            kinds[3],
            "requests.cpu: requested 3 exceeds the 1 the project has left"
        );
        assert_eq!(kinds[4], "requests.storage: -1 must not be negative");
    }

    #[test]
    fn unbounded_resources_are_reported() {
        let p = ProjectAllocation::new(rl(&[("requests.cpu", "4")]));
        let ok = p
            .check(&QuotaRequest::new(
                "n",
                rl(&[("requests.cpu", "1"), ("requests.storage", "10Gi")]),
            ))
            .unwrap();
        assert_eq!(ok.unbounded, ["requests.storage"]);
        assert_eq!(ok.effective, rl(&[("requests.cpu", "1")]));
    }

    fn arb_list() -> impl Strategy<Value = ResourceList> {
        let key = prop::sample::select(vec!["requests.cpu", "limits.cpu", "pods"]);
        prop::collection::btree_map(key, 0i64..20, 0..3).prop_map(|m| {
            m.into_iter()
                .map(|(k, v)| {
                    (
                        k.to_owned(),
                        Quantity::from_int(v, acp_model::quantity::Format::DecimalSI),
                    )
                })
                .collect()
        })
    }

    proptest! {
        /// Whatever is allocated, the namespaces' sum never exceeds the project quota, and
        /// deleting a namespace gives back exactly its quota (while not over-allocated).
        #[test]
        fn allocations_never_exceed_the_project(
            project in arb_list(),
            reqs in prop::collection::vec((0usize..4, arb_list()), 0..8),
        ) {
            let mut p = ProjectAllocation::new(project.clone());
            for (i, hard) in reqs {
                let _ = p.allocate(&QuotaRequest::new(format!("ns{i}"), hard));
            }
            let mut sum = ResourceList::new();
            for n in &p.namespaces {
                sum.add_assign(&n.hard.mask_set(&project.to_set()));
            }
            prop_assert!(sum.less_than_or_equal(&project).0);
            if let Some(first) = p.namespaces.first().cloned() {
                let before = p.remaining(None);
                p.delete(&first.namespace);
                let after = p.remaining(None);
                prop_assert_eq!(after, before.add(&first.hard.mask_set(&project.to_set())));
            }
        }
    }
}
