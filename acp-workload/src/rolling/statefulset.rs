//! StatefulSet rolling updates: `pkg/controller/statefulset/stateful_set_control.go` and
//! `pkg/apis/apps/v1/defaults.go`.

use acp_model::intstr::IntOrPercent;
use k8s_openapi::api::apps::v1::StatefulSetSpec;

use super::{RollingError, scaled};

/// `spec.podManagementPolicy`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PodManagementPolicy {
    /// `OrderedReady` (the default): pods are created one at a time in ordinal order, each
    /// after the previous one is running and ready, and an update only proceeds while every
    /// pod is healthy.
    #[default]
    OrderedReady,
    /// `Parallel`: pods are created and deleted without waiting for each other.
    Parallel,
}

/// `spec.updateStrategy` of a StatefulSet, after defaulting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatefulSetStrategy {
    /// `RollingUpdate`.
    RollingUpdate {
        // seed 003:12664-12668
        /// Pods with an ordinal index below `partition` keep the old revision.
        partition: i32,
        /// Pods that may be unavailable at once (`MaxUnavailableStatefulSet`); unset means 1.
        max_unavailable: Option<IntOrPercent>,
    },
    /// `OnDelete`: pods are replaced only when deleted by hand.
    OnDelete,
    /// Any other `type`.
    Other(String),
}

/// The rollout-relevant part of a StatefulSet spec, defaulted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatefulSetParams {
    /// `spec.replicas`.
    pub replicas: i32,
    /// `spec.updateStrategy`.
    pub strategy: StatefulSetStrategy,
    /// `spec.podManagementPolicy`.
    pub pod_management_policy: PodManagementPolicy,
    /// `spec.minReadySeconds`.
    pub min_ready_seconds: i32,
    /// `spec.ordinals.start`: the first pod's ordinal (pods are `<name>-<start>` …).
    pub start_ordinal: i32,
    /// Whether the `MaxUnavailableStatefulSet` feature gate is on. The constructors set it to
    /// [`MAX_UNAVAILABLE_STATEFULSET_DEFAULT`], the gate's default in the Kubernetes minor this
    /// build selects. Off, `maxUnavailable` is ignored and taken as 1.
    pub max_unavailable_feature: bool,
}

/// The `MaxUnavailableStatefulSet` feature gate's default in the Kubernetes minor this build
/// selects (`pkg/features/kube_features.go`): alpha and off from 1.24 to 1.34, beta and on from
/// 1.35.
pub const MAX_UNAVAILABLE_STATEFULSET_DEFAULT: bool = acp_model::kube_version::MINOR >= 35;

impl StatefulSetParams {
    /// A `RollingUpdate` StatefulSet of `replicas` pods with `partition`, `OrderedReady`.
    pub fn rolling(replicas: i32, partition: i32) -> Self {
        StatefulSetParams {
            replicas,
            strategy: StatefulSetStrategy::RollingUpdate {
                partition,
                max_unavailable: None,
            },
            pod_management_policy: PodManagementPolicy::OrderedReady,
            min_ready_seconds: 0,
            start_ordinal: 0,
            max_unavailable_feature: MAX_UNAVAILABLE_STATEFULSET_DEFAULT,
        }
    }

    /// The parameters of `spec` after upstream defaulting (`SetDefaults_StatefulSet`):
    /// `replicas` 1, `podManagementPolicy` `OrderedReady`, strategy `RollingUpdate` with
    /// `partition` 0 and `maxUnavailable` 1. An unknown policy reads as `OrderedReady` here;
    /// [`validate_statefulset_update_strategy`](super::validate_statefulset_update_strategy)
    /// reports it.
    pub fn from_spec(spec: &StatefulSetSpec) -> Self {
        let s = spec.update_strategy.clone().unwrap_or_default();
        let strategy = match s.type_.as_deref().unwrap_or_default() {
            "" | "RollingUpdate" => {
                let ru = s.rolling_update.unwrap_or_default();
                StatefulSetStrategy::RollingUpdate {
                    partition: ru.partition.unwrap_or(0),
                    max_unavailable: Some(
                        ru.max_unavailable
                            .map_or(IntOrPercent::Int(1), IntOrPercent::from),
                    ),
                }
            }
            "OnDelete" => StatefulSetStrategy::OnDelete,
            other => StatefulSetStrategy::Other(other.to_owned()),
        };
        StatefulSetParams {
            replicas: spec.replicas.unwrap_or(1),
            strategy,
            pod_management_policy: match spec.pod_management_policy.as_deref() {
                Some("Parallel") => PodManagementPolicy::Parallel,
                _ => PodManagementPolicy::OrderedReady,
            },
            min_ready_seconds: spec.min_ready_seconds.unwrap_or(0),
            start_ordinal: spec.ordinals.as_ref().and_then(|o| o.start).unwrap_or(0),
            max_unavailable_feature: MAX_UNAVAILABLE_STATEFULSET_DEFAULT,
        }
    }

    /// The partition (0 unless `RollingUpdate`; a negative one counts as 0).
    pub fn partition(&self) -> i32 {
        match &self.strategy {
            StatefulSetStrategy::RollingUpdate { partition, .. } => (*partition).max(0),
            _ => 0,
        }
    }

    /// Upstream `getStatefulSetMaxUnavailable`: `maxUnavailable` (unset: 1) of `replicas`
    /// rounded **down**, and at least 1 ("maxUnavailable might be zero for small percentage
    /// with round down"). 1 when the feature gate is off or the strategy is not
    /// `RollingUpdate`.
    pub fn max_unavailable(&self) -> Result<i64, RollingError> {
        let StatefulSetStrategy::RollingUpdate {
            max_unavailable, ..
        } = &self.strategy
        else {
            return Ok(1);
        };
        if !self.max_unavailable_feature {
            return Ok(1);
        }
        let one = IntOrPercent::Int(1);
        let n = scaled(
            "maxUnavailable",
            Some(max_unavailable.as_ref().unwrap_or(&one)),
            i64::from(self.replicas),
            false,
        )?;
        Ok(n.max(1))
    }

    /// The ordinals a `RollingUpdate` replaces, in the controller's order: from the highest
    /// down to the partition (`for target := len(replicas) - 1; target >= updateMin;
    /// target--`). Empty for `OnDelete`. With
    /// replicas 5 and partition 3: `web-4`, `web-3`.
    // seed 003:12672-12674
    pub fn update_order(&self) -> Vec<i64> {
        if !matches!(self.strategy, StatefulSetStrategy::RollingUpdate { .. }) {
            return Vec::new();
        }
        let start = i64::from(self.start_ordinal);
        (i64::from(self.partition())..i64::from(self.replicas.max(0)))
            .rev()
            .map(|i| start + i)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use k8s_openapi::api::apps::v1::{RollingUpdateStatefulSetStrategy, StatefulSetUpdateStrategy};
    use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

    #[test]
    fn seed_l12674_partition_3_of_5_updates_web_4_then_web_3() {
        let p = StatefulSetParams::rolling(5, 3);
        assert_eq!(p.update_order(), vec![4, 3]);
        let names: Vec<String> = p
            .update_order()
            .iter()
            .map(|o| format!("web-{o}"))
            .collect();
        assert_eq!(names, ["web-4", "web-3"]);
    }

    #[test]
    fn partition_zero_updates_all_highest_first_and_beyond_replicas_none() {
        assert_eq!(
            StatefulSetParams::rolling(3, 0).update_order(),
            vec![2, 1, 0]
        );
        assert!(StatefulSetParams::rolling(3, 5).update_order().is_empty());
        let mut p = StatefulSetParams::rolling(3, 1);
        p.start_ordinal = 10;
        assert_eq!(p.update_order(), vec![12, 11]);
    }

    #[test]
    fn max_unavailable_rounds_down_and_is_at_least_one() {
        let mut p = StatefulSetParams::rolling(10, 0);
        // The gate's default follows the minor (off before 1.35); this is the gate-on rule.
        p.max_unavailable_feature = true;
        assert_eq!(p.max_unavailable().unwrap(), 1);
        p.strategy = StatefulSetStrategy::RollingUpdate {
            partition: 0,
            max_unavailable: Some("25%".into()),
        };
        assert_eq!(p.max_unavailable().unwrap(), 2); // floor(2.5)
        p.strategy = StatefulSetStrategy::RollingUpdate {
            partition: 0,
            max_unavailable: Some("5%".into()),
        };
        assert_eq!(p.max_unavailable().unwrap(), 1); // floor(0.5) = 0 → 1
        p.max_unavailable_feature = false;
        assert_eq!(p.max_unavailable().unwrap(), 1);
    }

    #[test]
    fn seed_statefulset_defaults() {
        let spec = StatefulSetSpec {
            replicas: Some(3),
            min_ready_seconds: Some(10),
            ..Default::default()
        };
        let p = StatefulSetParams::from_spec(&spec);
        assert_eq!(p.pod_management_policy, PodManagementPolicy::OrderedReady);
        assert_eq!(p.partition(), 0);
        assert_eq!(p.max_unavailable().unwrap(), 1);
        assert_eq!(p.min_ready_seconds, 10);
        let spec = StatefulSetSpec {
            replicas: Some(4),
            pod_management_policy: Some("Parallel".into()),
            update_strategy: Some(StatefulSetUpdateStrategy {
                type_: Some("RollingUpdate".into()),
                rolling_update: Some(RollingUpdateStatefulSetStrategy {
                    partition: Some(2),
                    max_unavailable: Some(IntOrString::String("50%".into())),
                }),
            }),
            ..Default::default()
        };
        let mut p = StatefulSetParams::from_spec(&spec);
        p.max_unavailable_feature = true;
        assert_eq!(p.pod_management_policy, PodManagementPolicy::Parallel);
        assert_eq!(p.update_order(), vec![3, 2]);
        assert_eq!(p.max_unavailable().unwrap(), 2);
    }
}
