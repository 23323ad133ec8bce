//! `resource.alauda.io/v1` **NamespaceResourceRatio**: the per-namespace CPU and memory
//! overcommit ratio (limits / requests).
// seed 003:4800-4935
//!
//! ```
//! use acp_model::ratio::{NamespaceResourceRatio, Ratio, effective_ratio};
//! use acp_model::validation::Validate;
//!
//! let r: NamespaceResourceRatio = serde_saphyr::from_str(r#"
//! apiVersion: resource.alauda.io/v1
//! kind: NamespaceResourceRatio
//! metadata:
//!   namespace: example
//!   name: example-namespace-overcommit
//! spec:
//!   cpu: 3
//! status:
//!   clusterCPU: 2
//!   clusterMemory: 3
//! "#).unwrap();
//! assert_eq!(r.effective_cpu(), Ratio::Ratio(3));
//! assert_eq!(r.effective_memory(), Ratio::Ratio(3)); // inherited from the cluster
//! assert_eq!(effective_ratio(Some(0), Some(4)), Ratio::Unlimited);
//! assert!(r.validate().is_empty());
//! ```
//!
//! The rule (the CRD example's comments): a missing `spec.cpu` / `spec.memory`
// seed 003:4883-4885
//! inherits the cluster ratio ("缺失该字段表示继承集群超售比"); `0` means no limit ("0 表示不限制").
//! The cluster's own ratios are reported in `status.clusterCPU` / `status.clusterMemory`.
//! The console calls the same `0` "留空表示禁用该命名空间的超售" (leave the custom
// seed 003:4887-4891
//! value empty to disable overcommit for the namespace): no ratio is imposed.
// seed 003:4926-4928

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::names::{NameRule, validate_object_meta};
use crate::validation::{ErrorList, FieldError, FieldPath, Validate};

// seed 003:4924
/// Spec of a `NamespaceResourceRatio`. Ratios are integers (ACP docs:
/// "整数"); negative values have no meaning, so they are `u32` and a negative number is a
/// deserialisation error.
#[derive(
    CustomResource, Serialize, Deserialize, Clone, Debug, PartialEq, Eq, JsonSchema, Default,
)]
#[kube(
    group = "resource.alauda.io",
    version = "v1",
    kind = "NamespaceResourceRatio",
    plural = "namespaceresourceratios",
    namespaced,
    derive = "PartialEq",
    status = "NamespaceResourceRatioStatus"
)]
#[serde(rename_all = "camelCase")]
pub struct NamespaceResourceRatioSpec {
    // seed 003:4883, 4924
    /// CPU limit / request ratio. Absent: inherit the cluster ratio; `0`: unlimited; otherwise an
    /// integer greater than 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<u32>,
    // seed 003:4885, seed 003:4924
    /// Memory limit / request ratio, with the same rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<u32>,
}

// seed 003:4887-4891
/// Status of a `NamespaceResourceRatio`: the cluster's ratios.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, JsonSchema, Default)]
pub struct NamespaceResourceRatioStatus {
    /// The cluster CPU overcommit ratio ("集群超售比").
    #[serde(
        rename = "clusterCPU",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub cluster_cpu: Option<u32>,
    /// The cluster memory overcommit ratio.
    #[serde(
        rename = "clusterMemory",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub cluster_memory: Option<u32>,
}

/// The overcommit ratio that applies to a namespace for one resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ratio {
    // seed 003:4883
    /// `0` was set (on the namespace, or inherited from the cluster): no ratio is imposed, requests
    /// are not derived from limits (ACP docs: "0 表示不限制").
    Unlimited,
    // seed 003:4861
    /// Requests are limits divided by this ratio ("CPU 请求 = CPU 限制 / 超售比";
    /// 4c / 2 = 2c). The arithmetic (units, rounding) belongs to `acp-quota`.
    Ratio(u32),
    /// Neither the namespace nor the cluster sets a ratio: overcommit is not configured.
    None,
}

// seed 003:4883-4885
/// The ratio in force for one resource: the namespace value when present (`0` =
/// [`Ratio::Unlimited`]), else the cluster value (`0` = [`Ratio::Unlimited`]), else
/// [`Ratio::None`] (ACP docs: "缺失该字段表示继承集群超售比；0 表示不限制",
/// "命名空间继承集群的超售比").
// seed 003:4912-4918
pub fn effective_ratio(ns: Option<u32>, cluster: Option<u32>) -> Ratio {
    match ns.or(cluster) {
        Some(0) => Ratio::Unlimited,
        Some(n) => Ratio::Ratio(n),
        None => Ratio::None,
    }
}

impl NamespaceResourceRatio {
    /// The CPU ratio in force, using `status.clusterCPU` as the cluster ratio.
    pub fn effective_cpu(&self) -> Ratio {
        effective_ratio(
            self.spec.cpu,
            self.status.as_ref().and_then(|s| s.cluster_cpu),
        )
    }

    /// The memory ratio in force, using `status.clusterMemory` as the cluster ratio.
    pub fn effective_memory(&self) -> Ratio {
        effective_ratio(
            self.spec.memory,
            self.status.as_ref().and_then(|s| s.cluster_memory),
        )
    }
}

/// The message for a namespace ratio that is neither `0` nor greater than 1.
pub const RATIO_MESSAGE: &str = "must be 0 (unlimited) or an integer greater than 1";

impl Validate for NamespaceResourceRatio {
    // seed 003:4924; seed 003:4883
    /// `metadata.name` is a DNS-1123 subdomain (the apiserver's rule for custom resources);
    /// `spec.cpu` / `spec.memory`, when set, are `0` or an integer greater than 1: the console's
    /// custom ratio is "整数且大于 1" (an integer and greater than 1 — so 1 is not allowed)
    /// and `0` means unlimited. The status is
    /// written by the platform and not checked.
    fn validate(&self) -> ErrorList {
        let mut errs = validate_object_meta(&self.metadata, NameRule::Dns1123Subdomain);
        let sp = FieldPath::new("spec");
        for (field, v) in [("cpu", self.spec.cpu), ("memory", self.spec.memory)] {
            if v == Some(1) {
                errs.push(FieldError::invalid(&sp.child(field), 1u32, RATIO_MESSAGE));
            }
        }
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inheritance_table() {
        assert_eq!(effective_ratio(None, None), Ratio::None);
        assert_eq!(effective_ratio(None, Some(4)), Ratio::Ratio(4));
        assert_eq!(effective_ratio(None, Some(0)), Ratio::Unlimited);
        assert_eq!(effective_ratio(Some(2), Some(4)), Ratio::Ratio(2));
        assert_eq!(effective_ratio(Some(0), None), Ratio::Unlimited);
        assert_eq!(effective_ratio(Some(3), Some(0)), Ratio::Ratio(3));
    }

    #[test]
    fn one_is_rejected_zero_allowed() {
        let mut r = NamespaceResourceRatio::new(
            "x",
            NamespaceResourceRatioSpec {
                cpu: Some(1),
                memory: Some(0),
            },
        );
        assert_eq!(
            r.validate().to_string(),
            "spec.cpu: Invalid value: 1: must be 0 (unlimited) or an integer greater than 1"
        );
        r.spec.cpu = Some(2);
        assert!(r.validate().is_empty());
        r.metadata.name = Some("Bad_Name".into());
        assert_eq!(r.validate().len(), 1);
    }

    #[test]
    fn negative_ratio_is_a_parse_error() {
        let e = serde_json::from_value::<NamespaceResourceRatio>(serde_json::json!({
            "metadata": {"name": "x"}, "spec": {"cpu": -1}
        }))
        .unwrap_err();
        assert!(e.to_string().contains("-1"), "{e}");
    }
}
