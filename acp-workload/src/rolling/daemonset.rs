//! DaemonSet rolling updates: `pkg/controller/daemon` and `pkg/apis/apps/v1/defaults.go`.

use acp_model::intstr::IntOrPercent;
use k8s_openapi::api::apps::v1::{DaemonSetSpec, DaemonSetUpdateStrategy, RollingUpdateDaemonSet};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::{Flavor, RollingError, scaled};

/// `spec.updateStrategy` of a DaemonSet, after defaulting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DaemonSetStrategy {
    /// `RollingUpdate` with its two bounds.
    RollingUpdate {
        /// `maxSurge`: extra pods per node allowed (a node runs old and new pod at once).
        max_surge: Option<IntOrPercent>,
        /// `maxUnavailable`: nodes allowed without an available pod.
        max_unavailable: Option<IntOrPercent>,
    },
    /// `OnDelete`: pods are replaced only when deleted by hand.
    OnDelete,
    /// Any other `type`.
    Other(String),
}

/// The rollout-relevant part of a DaemonSet spec, defaulted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DaemonSetParams {
    /// `spec.updateStrategy`.
    pub strategy: DaemonSetStrategy,
    /// `spec.minReadySeconds`.
    pub min_ready_seconds: i32,
    // seed 003:12303-12305
    /// Upstream rounding, or the console's documented one ([`Flavor::AcpConsole`]: a
    /// `maxUnavailable` percentage rounded down).
    pub flavor: Flavor,
}

/// `maxSurge` and `maxUnavailable` of a DaemonSet resolved against the nodes that should run
/// it (`updatedDesiredNodeCounts`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DaemonSetFenceposts {
    /// Nodes that may run an old and a new pod at once.
    pub max_surge: i64,
    /// Nodes that may be without an available pod.
    pub max_unavailable: i64,
    /// `desiredNumberScheduled`: nodes that should run the DaemonSet's pod.
    pub desired_number_scheduled: i64,
}

// seed 003:12309-12311
/// Fills the fields `SetDefaults_DaemonSet` fills: strategy `RollingUpdate` with
/// `maxUnavailable` 1 and `maxSurge` 0 (the ACP documentation agrees: "maxSurge 默认为 0， maxUnavailable
/// 默认为 1"), `revisionHistoryLimit` 10.
pub fn apply_daemonset_defaults(spec: &mut DaemonSetSpec) {
    let s = spec
        .update_strategy
        .get_or_insert_with(DaemonSetUpdateStrategy::default);
    if s.type_.as_deref().is_none_or(str::is_empty) {
        s.type_ = Some("RollingUpdate".to_owned());
    }
    if s.type_.as_deref() == Some("RollingUpdate") {
        let ru = s
            .rolling_update
            .get_or_insert_with(RollingUpdateDaemonSet::default);
        if ru.max_unavailable.is_none() {
            ru.max_unavailable = Some(IntOrString::Int(1));
        }
        if ru.max_surge.is_none() {
            ru.max_surge = Some(IntOrString::Int(0));
        }
    }
    if spec.revision_history_limit.is_none() {
        spec.revision_history_limit = Some(10);
    }
}

impl DaemonSetParams {
    /// A `RollingUpdate` DaemonSet with the given bounds.
    pub fn rolling(
        max_surge: impl Into<IntOrPercent>,
        max_unavailable: impl Into<IntOrPercent>,
    ) -> Self {
        DaemonSetParams {
            strategy: DaemonSetStrategy::RollingUpdate {
                max_surge: Some(max_surge.into()),
                max_unavailable: Some(max_unavailable.into()),
            },
            min_ready_seconds: 0,
            flavor: Flavor::Upstream,
        }
    }

    /// The parameters of `spec` after [`apply_daemonset_defaults`].
    pub fn from_spec(spec: &DaemonSetSpec, flavor: Flavor) -> Self {
        let mut spec = DaemonSetSpec {
            update_strategy: spec.update_strategy.clone(),
            min_ready_seconds: spec.min_ready_seconds,
            ..Default::default()
        };
        apply_daemonset_defaults(&mut spec);
        let s = spec.update_strategy.unwrap_or_default();
        let strategy = match s.type_.as_deref().unwrap_or_default() {
            "RollingUpdate" => {
                let ru = s.rolling_update.unwrap_or_default();
                DaemonSetStrategy::RollingUpdate {
                    max_surge: ru.max_surge.map(IntOrPercent::from),
                    max_unavailable: ru.max_unavailable.map(IntOrPercent::from),
                }
            }
            "OnDelete" => DaemonSetStrategy::OnDelete,
            other => DaemonSetStrategy::Other(other.to_owned()),
        };
        DaemonSetParams {
            strategy,
            min_ready_seconds: spec.min_ready_seconds.unwrap_or(0),
            flavor,
        }
    }

    /// Upstream `SurgeCount`: `maxSurge` of `number_to_schedule` nodes rounded **up**; 0 unless
    /// `RollingUpdate`, 0 when unset.
    pub fn surge_count(&self, number_to_schedule: i64) -> Result<i64, RollingError> {
        match &self.strategy {
            DaemonSetStrategy::RollingUpdate {
                max_surge: Some(s), ..
            } => scaled("maxSurge", Some(s), number_to_schedule, true),
            _ => Ok(0),
        }
    }

    // seed 003:12305
    /// Upstream `UnavailableCount`: `maxUnavailable` of `number_to_schedule` nodes rounded
    /// **up** (so 15% of 10 nodes is 2); 0 unless `RollingUpdate`. With
    /// [`Flavor::AcpConsole`], rounded down as the console documents ("floor(10 * 0.1) = 1").
    pub fn unavailable_count(&self, number_to_schedule: i64) -> Result<i64, RollingError> {
        match &self.strategy {
            DaemonSetStrategy::RollingUpdate {
                max_unavailable, ..
            } => scaled(
                "maxUnavailable",
                max_unavailable.as_ref(),
                number_to_schedule,
                self.flavor == Flavor::Upstream,
            ),
            _ => Ok(0),
        }
    }

    /// Upstream `updatedDesiredNodeCounts`: both counts for `desired_number_scheduled` nodes;
    /// when both are 0 on a non-empty DaemonSet, `maxUnavailable` becomes 1 ("obey the default
    /// of unavailable=1"; the ACP documentation says the same).
    // seed 003:12317-12321
    pub fn fenceposts(
        &self,
        desired_number_scheduled: i64,
    ) -> Result<DaemonSetFenceposts, RollingError> {
        let mut max_unavailable = self.unavailable_count(desired_number_scheduled)?;
        let max_surge = self.surge_count(desired_number_scheduled)?;
        if desired_number_scheduled > 0 && max_unavailable == 0 && max_surge == 0 {
            max_unavailable = 1;
        }
        Ok(DaemonSetFenceposts {
            max_surge,
            max_unavailable,
            desired_number_scheduled,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[test]
    fn seed_l12305_ten_nodes_ten_percent_is_one_either_way() {
        let up = DaemonSetParams::rolling(0, "10%");
        assert_eq!(up.unavailable_count(10).unwrap(), 1);
        let console = DaemonSetParams {
            flavor: Flavor::AcpConsole,
            ..up
        };
        assert_eq!(console.unavailable_count(10).unwrap(), 1);
    }

    #[test]
    fn seed_l12305_upstream_rounds_up_where_console_rounds_down() {
        let up = DaemonSetParams::rolling(0, "15%");
        assert_eq!(up.unavailable_count(10).unwrap(), 2);
        let console = DaemonSetParams {
            flavor: Flavor::AcpConsole,
            ..up.clone()
        };
        assert_eq!(console.unavailable_count(10).unwrap(), 1);
        // 1% of 10 nodes: upstream 1, console 0 → the both-zero rule gives 1 anyway.
        let up = DaemonSetParams::rolling(0, "1%");
        assert_eq!(up.unavailable_count(10).unwrap(), 1);
        let console = DaemonSetParams {
            flavor: Flavor::AcpConsole,
            ..up
        };
        assert_eq!(console.unavailable_count(10).unwrap(), 0);
        assert_eq!(console.fenceposts(10).unwrap().max_unavailable, 1);
    }

    #[test]
    fn seed_l12309_defaults_surge_0_unavailable_1() {
        let p = DaemonSetParams::from_spec(&DaemonSetSpec::default(), Flavor::Upstream);
        assert_eq!(
            p.strategy,
            DaemonSetStrategy::RollingUpdate {
                max_surge: Some(IntOrPercent::Int(0)),
                max_unavailable: Some(IntOrPercent::Int(1)),
            }
        );
        let f = p.fenceposts(5).unwrap();
        assert_eq!((f.max_surge, f.max_unavailable), (0, 1));
    }

    #[test]
    fn seed_l12319_both_zero_resolve_to_unavailable_1() {
        let p = DaemonSetParams::rolling("0%", "0%");
        assert_eq!(p.fenceposts(3).unwrap().max_unavailable, 1);
        // No node to schedule: nothing to update, no forced 1.
        assert_eq!(p.fenceposts(0).unwrap().max_unavailable, 0);
    }

    #[test]
    fn surge_rounds_up_and_on_delete_is_zero() {
        let p = DaemonSetParams::rolling("10%", 0);
        assert_eq!(p.surge_count(11).unwrap(), 2);
        assert_eq!(p.fenceposts(11).unwrap().max_unavailable, 0);
        let p = DaemonSetParams {
            strategy: DaemonSetStrategy::OnDelete,
            ..p
        };
        assert_eq!(p.surge_count(11).unwrap(), 0);
        assert_eq!(p.unavailable_count(11).unwrap(), 0);
    }

    #[test]
    fn bad_percentages_are_errors() {
        let p = DaemonSetParams::rolling(0, "x%");
        assert!(p.unavailable_count(3).is_err());
        let p = DaemonSetParams {
            strategy: DaemonSetStrategy::RollingUpdate {
                max_surge: None,
                max_unavailable: None,
            },
            ..p
        };
        assert_eq!(p.surge_count(3).unwrap(), 0);
        assert_eq!(
            p.unavailable_count(3).unwrap_err().to_string(),
            "maxUnavailable: nil value for IntOrString"
        );
    }
}
