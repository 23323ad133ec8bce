//! Validation of the rollout fields of Deployments, DaemonSets and StatefulSets, as
//! `pkg/apis/apps/validation/validation.go` does it (after defaulting, as the apiserver does).

use acp_model::go;
use acp_model::validation::{BadValue, ErrorList, FieldError, FieldPath};
use k8s_openapi::api::apps::v1::{DaemonSetSpec, DeploymentSpec, StatefulSetSpec};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_json::{Value, json};

use super::Flavor;
use super::daemonset::apply_daemonset_defaults;
use super::deployment::apply_deployment_defaults;

/// apimachinery `IsValidPercent`'s message (`RegexError` with its examples).
const PERCENT_MSG: &str = "a valid percent string must be a numeric string followed by an ending '%' \
                           (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
/// `ValidateNonnegativeField`'s message.
const NEGATIVE_MSG: &str = "must be greater than or equal to 0";

/// `^[0-9]+%$`.
fn is_valid_percent(s: &str) -> bool {
    s.strip_suffix('%')
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

/// The value as a JSON `IntOrString` prints in a field error.
fn bad(v: &IntOrString) -> BadValue {
    match v {
        IntOrString::Int(i) => BadValue::Json(json!(i)),
        IntOrString::String(s) => BadValue::Json(Value::String(s.clone())),
    }
}

/// The internal (non-pointer) `IntOrString` of an unset v1 field: `0`.
fn or_zero(v: Option<&IntOrString>) -> IntOrString {
    v.cloned().unwrap_or(IntOrString::Int(0))
}

/// `getPercentValue`.
fn percent_value(v: &IntOrString) -> Option<i64> {
    match v {
        IntOrString::String(s) if is_valid_percent(s) => Some(go::atoi_lossy(&s[..s.len() - 1])),
        _ => None,
    }
}

/// `getIntOrPercentValue`: the percentage, or `IntValue()` (a non-percent string through
/// `Atoi`, errors as 0).
fn int_or_percent_value(v: &IntOrString) -> i64 {
    match (percent_value(v), v) {
        (Some(p), _) => p,
        (None, IntOrString::Int(i)) => i64::from(*i),
        (None, IntOrString::String(s)) => go::atoi_lossy(s),
    }
}

/// `ValidatePositiveIntOrPercent`.
fn positive_int_or_percent(v: &IntOrString, path: &FieldPath, errs: &mut ErrorList) {
    match v {
        IntOrString::String(s) => {
            if !is_valid_percent(s) {
                errs.push(FieldError::invalid(path, bad(v), PERCENT_MSG));
            }
        }
        IntOrString::Int(i) => nonnegative(i64::from(*i), path, errs),
    }
}

/// `IsNotMoreThan100Percent`.
fn not_more_than_100_percent(v: &IntOrString, path: &FieldPath, errs: &mut ErrorList) {
    if percent_value(v).is_some_and(|p| p > 100) {
        errs.push(FieldError::invalid(
            path,
            bad(v),
            "must not be greater than 100%",
        ));
    }
}

/// `ValidateNonnegativeField`.
fn nonnegative(v: i64, path: &FieldPath, errs: &mut ErrorList) {
    if v < 0 {
        errs.push(FieldError::invalid(path, v, NEGATIVE_MSG));
    }
}

fn json_int_or_string(v: Option<&IntOrString>) -> Value {
    match v {
        None => Value::Null,
        Some(IntOrString::Int(i)) => json!(i),
        Some(IntOrString::String(s)) => Value::String(s.clone()),
    }
}

// seed 003:5370
// seed 003:5354
/// Validates the rollout fields of a Deployment spec as the apiserver does after defaulting
/// (`ValidateDeploymentSpec` without selector and template, `ValidateDeploymentStrategy`,
/// `ValidateRollingUpdateDeployment`), every problem at once:
///
/// * `spec.replicas`, `spec.minReadySeconds`, `spec.revisionHistoryLimit`,
///   `spec.progressDeadlineSeconds` ≥ 0, and `progressDeadlineSeconds` > `minReadySeconds`;
/// * `spec.strategy.type` `Recreate` or `RollingUpdate`; no `rollingUpdate` with `Recreate`;
/// * `maxSurge` / `maxUnavailable`: an integer ≥ 0 or `N%`; not both 0 ("may not be 0 when
///   `maxSurge` is 0"); `maxUnavailable` ≤ 100%.
///
/// ```
/// use acp_workload::rolling::validate_deployment_rollout;
/// use k8s_openapi::api::apps::v1::{DeploymentSpec, DeploymentStrategy, RollingUpdateDeployment};
/// use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
/// let spec = DeploymentSpec {
///     strategy: Some(DeploymentStrategy {
///         type_: Some("RollingUpdate".into()),
///         rolling_update: Some(RollingUpdateDeployment {
///             max_surge: Some(IntOrString::String("0%".into())),
///             max_unavailable: Some(IntOrString::Int(0)),
///         }),
///     }),
///     ..Default::default()
/// };
/// assert_eq!(
///     validate_deployment_rollout(&spec).to_string(),
///     "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"
/// );
/// ```
pub fn validate_deployment_rollout(spec: &DeploymentSpec) -> ErrorList {
    let mut spec = DeploymentSpec {
        replicas: spec.replicas,
        strategy: spec.strategy.clone(),
        min_ready_seconds: spec.min_ready_seconds,
        progress_deadline_seconds: spec.progress_deadline_seconds,
        revision_history_limit: spec.revision_history_limit,
        ..Default::default()
    };
    apply_deployment_defaults(&mut spec, Flavor::Upstream);
    let mut errs = ErrorList::new();
    let root = FieldPath::new("spec");
    nonnegative(
        i64::from(spec.replicas.unwrap_or(0)),
        &root.child("replicas"),
        &mut errs,
    );
    let sp = root.child("strategy");
    let strategy = spec.strategy.clone().unwrap_or_default();
    match strategy.type_.as_deref().unwrap_or_default() {
        "Recreate" => {
            if strategy.rolling_update.is_some() {
                errs.push(FieldError::forbidden(
                    &sp.child("rollingUpdate"),
                    "may not be specified when strategy `type` is 'Recreate'",
                ));
            }
        }
        "RollingUpdate" => match &strategy.rolling_update {
            None => errs.push(FieldError::required(
                &sp.child("rollingUpdate"),
                "this should be defaulted and never be nil",
            )),
            Some(ru) => {
                let rp = sp.child("rollingUpdate");
                let mu = or_zero(ru.max_unavailable.as_ref());
                let ms = or_zero(ru.max_surge.as_ref());
                positive_int_or_percent(&mu, &rp.child("maxUnavailable"), &mut errs);
                positive_int_or_percent(&ms, &rp.child("maxSurge"), &mut errs);
                if int_or_percent_value(&mu) == 0 && int_or_percent_value(&ms) == 0 {
                    errs.push(FieldError::invalid(
                        &rp.child("maxUnavailable"),
                        bad(&mu),
                        "may not be 0 when `maxSurge` is 0",
                    ));
                }
                not_more_than_100_percent(&mu, &rp.child("maxUnavailable"), &mut errs);
            }
        },
        other => {
            let ru = strategy.rolling_update.as_ref().map(|ru| {
                json!({
                    "MaxUnavailable": json_int_or_string(ru.max_unavailable.as_ref().or(Some(&IntOrString::Int(0)))),
                    "MaxSurge": json_int_or_string(ru.max_surge.as_ref().or(Some(&IntOrString::Int(0)))),
                })
            });
            errs.push(FieldError::not_supported(
                &sp,
                BadValue::Json(json!({"Type": other, "RollingUpdate": ru})),
                &["Recreate", "RollingUpdate"],
            ));
        }
    }
    let min_ready = i64::from(spec.min_ready_seconds.unwrap_or(0));
    nonnegative(min_ready, &root.child("minReadySeconds"), &mut errs);
    if let Some(rhl) = spec.revision_history_limit {
        nonnegative(
            i64::from(rhl),
            &root.child("revisionHistoryLimit"),
            &mut errs,
        );
    }
    if let Some(pds) = spec.progress_deadline_seconds {
        let path = root.child("progressDeadlineSeconds");
        nonnegative(i64::from(pds), &path, &mut errs);
        if i64::from(pds) <= min_ready {
            errs.push(FieldError::invalid(
                &path,
                pds,
                "must be greater than minReadySeconds",
            ));
        }
    }
    errs
}

// seed 003:12317
/// Validates the rollout fields of a DaemonSet spec after defaulting
/// (`ValidateDaemonSetSpec`'s `minReadySeconds`, `updateStrategy`, `revisionHistoryLimit`;
/// `ValidateDaemonSetUpdateStrategy`, `ValidateRollingUpdateDaemonSet`):
///
/// * both bounds an integer ≥ 0 or `N%` with N ≤ 100;
/// * exactly one non-zero: "may not be set when maxUnavailable is non-zero" on `maxSurge`, or
///   "cannot be 0 when maxSurge is 0" on `maxUnavailable` (ACP docs:
///   "不能同时为 0 或 0%");
/// * `type` `RollingUpdate` or `OnDelete`.
pub fn validate_daemonset_update_strategy(spec: &DaemonSetSpec) -> ErrorList {
    let mut spec = DaemonSetSpec {
        update_strategy: spec.update_strategy.clone(),
        min_ready_seconds: spec.min_ready_seconds,
        revision_history_limit: spec.revision_history_limit,
        ..Default::default()
    };
    apply_daemonset_defaults(&mut spec);
    let mut errs = ErrorList::new();
    let root = FieldPath::new("spec");
    nonnegative(
        i64::from(spec.min_ready_seconds.unwrap_or(0)),
        &root.child("minReadySeconds"),
        &mut errs,
    );
    let sp = root.child("updateStrategy");
    let s = spec.update_strategy.clone().unwrap_or_default();
    match s.type_.as_deref().unwrap_or_default() {
        "OnDelete" => {}
        "RollingUpdate" => match &s.rolling_update {
            None => errs.push(FieldError::required(&sp.child("rollingUpdate"), "")),
            Some(ru) => {
                let rp = sp.child("rollingUpdate");
                let mu = or_zero(ru.max_unavailable.as_ref());
                let ms = or_zero(ru.max_surge.as_ref());
                positive_int_or_percent(&mu, &rp.child("maxUnavailable"), &mut errs);
                positive_int_or_percent(&ms, &rp.child("maxSurge"), &mut errs);
                not_more_than_100_percent(&mu, &rp.child("maxUnavailable"), &mut errs);
                not_more_than_100_percent(&ms, &rp.child("maxSurge"), &mut errs);
                let has_unavailable = int_or_percent_value(&mu) != 0;
                let has_surge = int_or_percent_value(&ms) != 0;
                if has_unavailable && has_surge {
                    errs.push(FieldError::invalid(
                        &rp.child("maxSurge"),
                        bad(&ms),
                        "may not be set when maxUnavailable is non-zero",
                    ));
                } else if !has_unavailable && !has_surge {
                    errs.push(FieldError::required(
                        &rp.child("maxUnavailable"),
                        "cannot be 0 when maxSurge is 0",
                    ));
                }
            }
        },
        other => {
            let ru = s.rolling_update.as_ref().map(|ru| {
                json!({
                    "MaxUnavailable": json_int_or_string(ru.max_unavailable.as_ref().or(Some(&IntOrString::Int(0)))),
                    "MaxSurge": json_int_or_string(ru.max_surge.as_ref().or(Some(&IntOrString::Int(0)))),
                })
            });
            errs.push(FieldError::not_supported(
                &sp,
                BadValue::Json(json!({"Type": other, "RollingUpdate": ru})),
                &["RollingUpdate", "OnDelete"],
            ));
        }
    }
    if let Some(rhl) = spec.revision_history_limit {
        nonnegative(
            i64::from(rhl),
            &root.child("revisionHistoryLimit"),
            &mut errs,
        );
    }
    errs
}

/// Validates the rollout fields of a StatefulSet spec after defaulting
/// (`ValidateStatefulSetSpec`'s `podManagementPolicy`, `updateStrategy`, `replicas`,
/// `minReadySeconds`, `ordinals.start`; `validateRollingUpdateStatefulSet`):
///
/// * `podManagementPolicy` `OrderedReady` or `Parallel`;
/// * `updateStrategy.type` `RollingUpdate` or `OnDelete`, `rollingUpdate` only with
///   `RollingUpdate`;
/// * `partition` ≥ 0; `maxUnavailable` an integer ≥ 0 or `N%` ≤ 100%, and not 0 ("cannot be
///   0").
pub fn validate_statefulset_update_strategy(spec: &StatefulSetSpec) -> ErrorList {
    let mut errs = ErrorList::new();
    let root = FieldPath::new("spec");
    match spec.pod_management_policy.as_deref() {
        None | Some("") | Some("OrderedReady") | Some("Parallel") => {}
        Some(other) => errs.push(FieldError::invalid(
            &root.child("podManagementPolicy"),
            other,
            "must be 'OrderedReady' or 'Parallel'",
        )),
    }
    let sp = root.child("updateStrategy");
    let mut s = spec.update_strategy.clone().unwrap_or_default();
    // SetDefaults_StatefulSet: an empty type becomes RollingUpdate with an empty rollingUpdate;
    // a RollingUpdate's partition 0 and maxUnavailable 1.
    if s.type_.as_deref().is_none_or(str::is_empty) {
        s.type_ = Some("RollingUpdate".to_owned());
        s.rolling_update.get_or_insert_with(Default::default);
    }
    let internal_ru = |ru: &k8s_openapi::api::apps::v1::RollingUpdateStatefulSetStrategy| {
        json!({
            "Partition": ru.partition.unwrap_or(0),
            "MaxUnavailable": json_int_or_string(ru.max_unavailable.as_ref()),
        })
    };
    match s.type_.as_deref().unwrap_or_default() {
        "OnDelete" => {
            if let Some(ru) = &s.rolling_update {
                errs.push(FieldError::invalid(
                    &sp.child("rollingUpdate"),
                    BadValue::Json(internal_ru(ru)),
                    "only allowed for updateStrategy 'RollingUpdate'",
                ));
            }
        }
        "RollingUpdate" => {
            if let Some(ru) = &s.rolling_update {
                let rp = sp.child("rollingUpdate");
                nonnegative(
                    i64::from(ru.partition.unwrap_or(0)),
                    &rp.child("partition"),
                    &mut errs,
                );
                let mu = ru.max_unavailable.clone().unwrap_or(IntOrString::Int(1));
                let mp = rp.child("maxUnavailable");
                positive_int_or_percent(&mu, &mp, &mut errs);
                if int_or_percent_value(&mu) == 0 {
                    errs.push(FieldError::invalid(&mp, bad(&mu), "cannot be 0"));
                }
                not_more_than_100_percent(&mu, &mp, &mut errs);
            }
        }
        other => errs.push(FieldError::invalid(
            &sp,
            BadValue::Json(json!({
                "Type": other,
                "RollingUpdate": s.rolling_update.as_ref().map(internal_ru),
            })),
            "must be 'RollingUpdate' or 'OnDelete'",
        )),
    }
    nonnegative(
        i64::from(spec.replicas.unwrap_or(1)),
        &root.child("replicas"),
        &mut errs,
    );
    nonnegative(
        i64::from(spec.min_ready_seconds.unwrap_or(0)),
        &root.child("minReadySeconds"),
        &mut errs,
    );
    if let Some(start) = spec.ordinals.as_ref().and_then(|o| o.start) {
        nonnegative(i64::from(start), &root.child("ordinals.start"), &mut errs);
    }
    errs
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use k8s_openapi::api::apps::v1::{
        DaemonSetUpdateStrategy, DeploymentStrategy, RollingUpdateDaemonSet,
        RollingUpdateDeployment, RollingUpdateStatefulSetStrategy, StatefulSetUpdateStrategy,
    };

    fn s(v: &str) -> IntOrString {
        IntOrString::String(v.to_owned())
    }
    fn i(v: i32) -> IntOrString {
        IntOrString::Int(v)
    }

    fn rolling(ms: Option<IntOrString>, mu: Option<IntOrString>) -> DeploymentSpec {
        DeploymentSpec {
            strategy: Some(DeploymentStrategy {
                type_: Some("RollingUpdate".into()),
                rolling_update: Some(RollingUpdateDeployment {
                    max_surge: ms,
                    max_unavailable: mu,
                }),
            }),
            ..Default::default()
        }
    }

    fn msgs(e: &ErrorList) -> Vec<String> {
        e.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn defaults_are_valid() {
        assert!(validate_deployment_rollout(&DeploymentSpec::default()).is_empty());
        assert!(validate_deployment_rollout(&rolling(None, None)).is_empty());
        assert!(validate_daemonset_update_strategy(&DaemonSetSpec::default()).is_empty());
        assert!(validate_statefulset_update_strategy(&StatefulSetSpec::default()).is_empty());
    }

    #[test]
    fn seed_l5370_both_zero_forbidden() {
        // Cases from upstream validation_test.go TestValidateDeployment error cases.
        assert_eq!(
            msgs(&validate_deployment_rollout(&rolling(
                Some(s("0%")),
                Some(i(0))
            ))),
            [
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"
            ]
        );
        assert_eq!(
            msgs(&validate_deployment_rollout(&rolling(
                Some(i(0)),
                Some(s("0%"))
            ))),
            [
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0"
            ]
        );
    }

    #[test]
    fn seed_l5354_max_unavailable_at_most_100_percent() {
        assert_eq!(
            msgs(&validate_deployment_rollout(&rolling(
                None,
                Some(s("110%"))
            ))),
            [
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"110%\": must not be greater than 100%"
            ]
        );
        // maxSurge has no upper bound.
        assert!(validate_deployment_rollout(&rolling(Some(s("300%")), None)).is_empty());
        assert!(validate_deployment_rollout(&rolling(None, Some(s("100%")))).is_empty());
    }

    #[test]
    fn bad_percent_and_negative_all_reported() {
        let e = validate_deployment_rollout(&rolling(Some(s("20Percent")), Some(i(-1))));
        assert_eq!(
            msgs(&e),
            [
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0",
                "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"20Percent\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
            ]
        );
        // "abc" reads as 0 (IntValue of a non-number), so with maxSurge 0 both are "0".
        let e = validate_deployment_rollout(&rolling(Some(i(0)), Some(s("abc"))));
        assert_eq!(e.len(), 2);
        assert!(msgs(&e)[1].ends_with("may not be 0 when `maxSurge` is 0"));
    }

    #[test]
    fn recreate_with_rolling_update_and_unknown_type() {
        let mut spec = rolling(Some(i(1)), None);
        spec.strategy.as_mut().unwrap().type_ = Some("Recreate".into());
        assert_eq!(
            msgs(&validate_deployment_rollout(&spec)),
            [
                "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"
            ]
        );
        spec.strategy.as_mut().unwrap().type_ = Some("BlueGreen".into());
        assert_eq!(
            msgs(&validate_deployment_rollout(&spec)),
            [
                r#"spec.strategy: Unsupported value: {"RollingUpdate":{"MaxSurge":1,"MaxUnavailable":0},"Type":"BlueGreen"}: supported values: "Recreate", "RollingUpdate""#
            ]
        );
    }

    #[test]
    fn spec_numbers() {
        let spec = DeploymentSpec {
            replicas: Some(-1),
            min_ready_seconds: Some(600),
            progress_deadline_seconds: Some(600),
            revision_history_limit: Some(-2),
            ..Default::default()
        };
        assert_eq!(
            msgs(&validate_deployment_rollout(&spec)),
            [
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                "spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0",
                "spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds",
            ]
        );
    }

    fn ds(ms: Option<IntOrString>, mu: Option<IntOrString>) -> DaemonSetSpec {
        DaemonSetSpec {
            update_strategy: Some(DaemonSetUpdateStrategy {
                type_: Some("RollingUpdate".into()),
                rolling_update: Some(RollingUpdateDaemonSet {
                    max_surge: ms,
                    max_unavailable: mu,
                }),
            }),
            ..Default::default()
        }
    }

    #[test]
    fn seed_l12317_daemonset_exactly_one_non_zero() {
        assert_eq!(
            msgs(&validate_daemonset_update_strategy(&ds(
                Some(i(0)),
                Some(s("0%"))
            ))),
            [
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"
            ]
        );
        assert_eq!(
            msgs(&validate_daemonset_update_strategy(&ds(
                Some(i(1)),
                Some(i(1))
            ))),
            [
                "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero"
            ]
        );
        // Defaults (surge 0, unavailable 1) and surge-only are fine.
        assert!(validate_daemonset_update_strategy(&ds(Some(s("10%")), Some(i(0)))).is_empty());
        assert_eq!(
            msgs(&validate_daemonset_update_strategy(&ds(
                Some(s("101%")),
                Some(i(0))
            ))),
            [
                "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: \"101%\": must not be greater than 100%"
            ]
        );
    }

    #[test]
    fn daemonset_unknown_type() {
        let spec = DaemonSetSpec {
            update_strategy: Some(DaemonSetUpdateStrategy {
                type_: Some("Surge".into()),
                rolling_update: None,
            }),
            ..Default::default()
        };
        assert_eq!(
            msgs(&validate_daemonset_update_strategy(&spec)),
            [
                r#"spec.updateStrategy: Unsupported value: {"RollingUpdate":null,"Type":"Surge"}: supported values: "RollingUpdate", "OnDelete""#
            ]
        );
    }

    fn sts(type_: &str, ru: Option<RollingUpdateStatefulSetStrategy>) -> StatefulSetSpec {
        StatefulSetSpec {
            update_strategy: Some(StatefulSetUpdateStrategy {
                type_: Some(type_.into()),
                rolling_update: ru,
            }),
            ..Default::default()
        }
    }

    #[test]
    fn statefulset_max_unavailable_and_partition() {
        let ru = |p: i32, mu: Option<IntOrString>| RollingUpdateStatefulSetStrategy {
            partition: Some(p),
            max_unavailable: mu,
        };
        assert_eq!(
            msgs(&validate_statefulset_update_strategy(&sts(
                "RollingUpdate",
                Some(ru(-1, Some(i(0))))
            ))),
            [
                "spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0",
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0",
            ]
        );
        assert_eq!(
            msgs(&validate_statefulset_update_strategy(&sts(
                "RollingUpdate",
                Some(ru(0, Some(s("120%"))))
            ))),
            [
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"120%\": must not be greater than 100%"
            ]
        );
        assert_eq!(
            msgs(&validate_statefulset_update_strategy(&sts(
                "OnDelete",
                Some(ru(2, None))
            ))),
            [
                r#"spec.updateStrategy.rollingUpdate: Invalid value: {"MaxUnavailable":null,"Partition":2}: only allowed for updateStrategy 'RollingUpdate'"#
            ]
        );
        assert_eq!(
            msgs(&validate_statefulset_update_strategy(&sts("Canary", None))),
            [
                r#"spec.updateStrategy: Invalid value: {"RollingUpdate":null,"Type":"Canary"}: must be 'RollingUpdate' or 'OnDelete'"#
            ]
        );
        let mut spec = sts("RollingUpdate", None);
        spec.pod_management_policy = Some("Serial".into());
        assert_eq!(
            msgs(&validate_statefulset_update_strategy(&spec)),
            [
                "spec.podManagementPolicy: Invalid value: \"Serial\": must be 'OrderedReady' or 'Parallel'"
            ]
        );
    }
}
