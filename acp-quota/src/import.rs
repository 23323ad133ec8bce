//! The namespace-import quota merge.
//!
//! When a namespace is imported into a project, the platform replaces its ResourceQuotas by a
//! single one named `default` holding, for each resource, the minimum over the quotas that set
//! it, and copies a single LimitRange into one named `default`
//! (the FAQ "为什么导入命名空间时不应存在多个
// seed 003:17753-17874
//! ResourceQuota / LimitRange？").
//!
//! ```
//! use acp_quota::import::merge_quotas;
//! use k8s_openapi::api::core::v1::ResourceQuota;
//!
//! let q = |name: &str, cpu: &str, mem: &str| -> ResourceQuota {
//!     serde_json::from_value(serde_json::json!({
//!         "metadata": {"name": name, "namespace": "to-import"},
//!         "spec": {"hard": {"requests.cpu": cpu, "requests.memory": mem}}
//!     })).unwrap()
//! };
//! let merged = merge_quotas("to-import", &[q("a", "1", "500Mi"), q("b", "2", "300Mi")])?;
//! assert_eq!(merged.hard.to_string(), "requests.cpu=1,requests.memory=300Mi");
//! assert_eq!(merged.merged_from, ["a", "b"]);
//! let default = merged.resource_quota().unwrap();
//! assert_eq!(default.metadata.name.as_deref(), Some("default"));
//! # Ok::<(), acp_quota::import::ImportError>(())
//! ```
//!
//! # Rules
//!
//! * Only unscoped quotas (no `spec.scopes`, no `spec.scopeSelector`) are merged: a scoped
//!   quota limits a subset of the pods, and folding its limits into an unscoped quota would
//!   limit every pod. Scoped quotas are listed in [`QuotaMerge::skipped_scoped`] with the
//!   reason; the ACP documentation does not discuss them.
//! * The merge reads `spec.hard` and takes, per resource, the smallest value among the quotas
//!   that set it (a resource set by one quota only is kept as is). The merge is commutative,
//!   associative and idempotent ([`ResourceList::min_merge`]).
//! * After the import, every quota other than `default` should be deleted: Kubernetes checks
//!   each quota independently;
// seed 003:17850
//!   [`QuotaMerge::to_delete`] lists them.
//! * One LimitRange is copied into `default`; several are an error naming them.
// seed 003:17856-17870

use std::fmt;

use acp_model::quantity::Quantity;
use acp_model::validation::{ErrorList, FieldError, FieldPath};
use k8s_openapi::api::core::v1::{LimitRange, ResourceQuota, ResourceQuotaSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use crate::resources::ResourceList;

/// The name of the merged ResourceQuota and of the copied LimitRange.
pub const DEFAULT_NAME: &str = "default";

/// A quota left out of the merge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedQuota {
    /// Its name.
    pub name: String,
    /// Why it was not merged.
    pub reason: String,
}

/// The result of merging a namespace's ResourceQuotas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotaMerge {
    /// The namespace.
    pub namespace: String,
    /// The merged `spec.hard` of `default` (empty when no unscoped quota exists).
    pub hard: ResourceList,
    /// The quotas merged, in input order.
    pub merged_from: Vec<String>,
    /// The scoped quotas, not merged.
    pub skipped_scoped: Vec<SkippedQuota>,
    /// The quotas to delete after the import (every merged quota not named `default`).
    pub to_delete: Vec<String>,
}

impl QuotaMerge {
    /// The `default` ResourceQuota to create, or `None` when there was nothing to merge.
    pub fn resource_quota(&self) -> Option<ResourceQuota> {
        if self.merged_from.is_empty() {
            return None;
        }
        Some(ResourceQuota {
            metadata: ObjectMeta {
                name: Some(DEFAULT_NAME.to_owned()),
                namespace: Some(self.namespace.clone()),
                ..ObjectMeta::default()
            },
            spec: Some(ResourceQuotaSpec {
                hard: Some(self.hard.to_k8s()),
                ..ResourceQuotaSpec::default()
            }),
            status: None,
        })
    }
}

impl fmt::Display for QuotaMerge {
    /// A one-paragraph summary for logs and UIs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.merged_from.is_empty() {
            write!(
                f,
                "no unscoped ResourceQuota to merge in namespace {}",
                self.namespace
            )?;
        } else {
            write!(
                f,
                "ResourceQuota {}/{DEFAULT_NAME} = minimum of {}: {}",
                self.namespace,
                self.merged_from.join(", "),
                self.hard
            )?;
        }
        for s in &self.skipped_scoped {
            write!(f, "; {} not merged: {}", s.name, s.reason)?;
        }
        Ok(())
    }
}

/// Why an import cannot proceed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// More than one LimitRange exists.
    #[error(
        "namespace {namespace} has {} LimitRanges ({}): the platform cannot merge them into one \
         LimitRange named default, because Kubernetes validates each LimitRange independently and \
         which one's defaults it applies is unpredictable; keep a single LimitRange before importing",
        names.len(),
        names.join(", ")
    )]
    MultipleLimitRanges {
        /// The namespace.
        namespace: String,
        /// The LimitRanges found.
        names: Vec<String>,
    },
    /// A quota has quantities that do not parse.
    #[error("ResourceQuota {name}: {errors}")]
    InvalidQuota {
        /// The quota.
        name: String,
        /// Every unparsable quantity.
        errors: ErrorList,
    },
}

/// Why a quota is scoped, if it is.
fn scope_reason(q: &ResourceQuota) -> Option<String> {
    let spec = q.spec.as_ref()?;
    let mut parts = Vec::new();
    if let Some(s) = spec.scopes.as_ref().filter(|s| !s.is_empty()) {
        parts.push(format!("scopes {}", s.join(", ")));
    }
    if let Some(sel) = spec.scope_selector.as_ref() {
        let n = sel.match_expressions.as_ref().map_or(0, Vec::len);
        parts.push(format!("a scopeSelector with {n} expression(s)"));
    }
    if parts.is_empty() {
        return None;
    }
    Some(format!(
        "it has {}; a scoped quota limits only the pods it selects, so its limits cannot be \
         folded into the unscoped quota default",
        parts.join(" and ")
    ))
}

/// Merges the namespace's ResourceQuotas into `default` (see the module docs).
///
/// # Errors
/// A quota whose `spec.hard` has a quantity that does not parse.
pub fn merge_quotas(namespace: &str, quotas: &[ResourceQuota]) -> Result<QuotaMerge, ImportError> {
    let mut out = QuotaMerge {
        namespace: namespace.to_owned(),
        hard: ResourceList::new(),
        merged_from: Vec::new(),
        skipped_scoped: Vec::new(),
        to_delete: Vec::new(),
    };
    for q in quotas {
        let name = q.metadata.name.clone().unwrap_or_default();
        if let Some(reason) = scope_reason(q) {
            out.skipped_scoped.push(SkippedQuota { name, reason });
            continue;
        }
        // parse and fold in one pass (no intermediate list per quota)
        let mut errors = ErrorList::new();
        let path = FieldPath::new("spec").child("hard");
        for (k, v) in q
            .spec
            .as_ref()
            .and_then(|s| s.hard.as_ref())
            .into_iter()
            .flatten()
        {
            match Quantity::try_from(v) {
                Ok(v) => out.hard.insert_min(k, v),
                Err(e) => errors.push(FieldError::invalid(&path.key(k), &v.0, e.to_string())),
            }
        }
        if !errors.is_empty() {
            return Err(ImportError::InvalidQuota { name, errors });
        }
        if name != DEFAULT_NAME {
            out.to_delete.push(name.clone());
        }
        out.merged_from.push(name);
    }
    Ok(out)
}

/// The LimitRange `default` to create: a copy of the namespace's only LimitRange (its spec,
/// with fresh metadata), or `None` when there is none.
///
/// # Errors
/// [`ImportError::MultipleLimitRanges`] when there is more than one.
pub fn import_limit_range(
    namespace: &str,
    limit_ranges: &[LimitRange],
) -> Result<Option<LimitRange>, ImportError> {
    match limit_ranges {
        [] => Ok(None),
        [one] => Ok(Some(LimitRange {
            metadata: ObjectMeta {
                name: Some(DEFAULT_NAME.to_owned()),
                namespace: Some(namespace.to_owned()),
                ..ObjectMeta::default()
            },
            spec: one.spec.clone(),
        })),
        many => Err(ImportError::MultipleLimitRanges {
            namespace: namespace.to_owned(),
            names: many
                .iter()
                .map(|l| l.metadata.name.clone().unwrap_or_default())
                .collect(),
        }),
    }
}

/// Everything an import creates.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan {
    /// The quota merge.
    pub quotas: QuotaMerge,
    /// The LimitRange `default` to create, if the namespace has one.
    pub limit_range: Option<LimitRange>,
}

/// Plans the import of a namespace: [`merge_quotas`] and [`import_limit_range`].
///
/// # Errors
/// Several LimitRanges, or an unparsable quota.
pub fn plan_import(
    namespace: &str,
    quotas: &[ResourceQuota],
    limit_ranges: &[LimitRange],
) -> Result<ImportPlan, ImportError> {
    let limit_range = import_limit_range(namespace, limit_ranges)?;
    Ok(ImportPlan {
        quotas: merge_quotas(namespace, quotas)?,
        limit_range,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn q(v: serde_json::Value) -> ResourceQuota {
        serde_json::from_value(v).unwrap()
    }

    fn lr(name: &str) -> LimitRange {
        serde_json::from_value(json!({"metadata": {"name": name, "namespace": "ns"},
            "spec": {"limits": [{"type": "Container", "default": {"cpu": "100m"}}]}}))
        .unwrap()
    }

    #[test]
    fn scoped_quotas_are_not_merged() {
        let quotas = [
            q(
                json!({"metadata": {"name": "a"}, "spec": {"hard": {"pods": "10", "requests.cpu": "4"}}}),
            ),
            q(
                json!({"metadata": {"name": "be"}, "spec": {"hard": {"pods": "1"}, "scopes": ["BestEffort"]}}),
            ),
            q(
                json!({"metadata": {"name": "hi"}, "spec": {"hard": {"pods": "2"}, "scopeSelector": {
                "matchExpressions": [{"scopeName": "PriorityClass", "operator": "In", "values": ["high"]}]}}}),
            ),
            q(json!({"metadata": {"name": "default"}, "spec": {"hard": {"requests.cpu": "2"}}})),
        ];
        let m = merge_quotas("ns", &quotas).unwrap();
        assert_eq!(m.hard.to_string(), "pods=10,requests.cpu=2");
        assert_eq!(m.merged_from, ["a", "default"]);
        assert_eq!(m.to_delete, ["a"]);
        let skipped: Vec<&str> = m.skipped_scoped.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(skipped, ["be", "hi"]);
        assert!(
            m.skipped_scoped[0]
                .reason
                .starts_with("it has scopes BestEffort;")
        );
        assert!(
            m.to_string()
                .contains("be not merged: it has scopes BestEffort")
        );
    }

    #[test]
    fn nothing_to_merge() {
        let m = merge_quotas("ns", &[]).unwrap();
        assert!(m.resource_quota().is_none());
        assert_eq!(
            m.to_string(),
            "no unscoped ResourceQuota to merge in namespace ns"
        );
    }

    #[test]
    fn limit_ranges() {
        assert_eq!(import_limit_range("ns", &[]).unwrap(), None);
        let one = import_limit_range("ns", &[lr("mine")]).unwrap().unwrap();
        assert_eq!(one.metadata.name.as_deref(), Some("default"));
        assert_eq!(one.spec, lr("mine").spec);
        let e = import_limit_range("ns", &[lr("a"), lr("b")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "namespace ns has 2 LimitRanges (a, b): the platform cannot merge them into one \
             LimitRange named default, because Kubernetes validates each LimitRange independently \
             and which one's defaults it applies is unpredictable; keep a single LimitRange before \
             importing"
        );
        assert!(plan_import("ns", &[], &[lr("a"), lr("b")]).is_err());
    }

    #[test]
    fn invalid_quota_is_reported() {
        let e = merge_quotas(
            "ns",
            &[q(
                json!({"metadata": {"name": "x"}, "spec": {"hard": {"cpu": "one"}}}),
            )],
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("ResourceQuota x: spec.hard[cpu]: Invalid value: \"one\""),
            "{e}"
        );
    }
}
