//! `SetDefaults_Deployment` / `SetDefaults_DaemonSet` (kubernetes `pkg/apis/apps/v1/defaults.go`)
//! as the rollout parameters and the validation see them: set fields are kept, unset ones
//! defaulted.

use acp_model::intstr::IntOrPercent;
use acp_workload::rolling::{
    DaemonSetParams, DaemonSetStrategy, DeploymentParams, DeploymentStrategy, Flavor,
    validate_daemonset_update_strategy, validate_deployment_rollout,
};
use k8s_openapi::api::apps::v1::{DaemonSetSpec, DeploymentSpec};
use serde_json::json;

#[test]
fn set_defaults_deployment_keeps_every_set_field() {
    let spec: DeploymentSpec = serde_json::from_value(json!({
        "replicas": 7,
        "selector": {},
        "template": {},
        "minReadySeconds": 5,
        "progressDeadlineSeconds": 120,
        "revisionHistoryLimit": 3,
        "paused": true,
        "strategy": {"type": "Recreate"}
    }))
    .unwrap();
    let p = DeploymentParams::from_spec(&spec, Flavor::Upstream);
    assert_eq!(
        (
            p.replicas,
            &p.strategy,
            p.min_ready_seconds,
            p.progress_deadline_seconds,
            p.revision_history_limit,
            p.paused
        ),
        (
            7,
            &DeploymentStrategy::Recreate,
            5,
            Some(120),
            Some(3),
            true
        )
    );
    let p = DeploymentParams::from_spec(&DeploymentSpec::default(), Flavor::Upstream);
    assert_eq!(
        (
            p.replicas,
            p.min_ready_seconds,
            p.progress_deadline_seconds,
            p.revision_history_limit,
            p.paused
        ),
        (1, 0, Some(600), Some(10), false)
    );
    assert_eq!(
        p.strategy,
        DeploymentStrategy::RollingUpdate {
            max_surge: Some(IntOrPercent::String("25%".to_owned())),
            max_unavailable: Some(IntOrPercent::String("25%".to_owned())),
        }
    );
}

#[test]
fn set_defaults_daemon_set_keeps_every_set_field() {
    let spec: DaemonSetSpec = serde_json::from_value(json!({
        "selector": {},
        "template": {},
        "minReadySeconds": 9,
        "updateStrategy": {"type": "OnDelete"}
    }))
    .unwrap();
    let p = DaemonSetParams::from_spec(&spec, Flavor::Upstream);
    assert_eq!(
        (&p.strategy, p.min_ready_seconds),
        (&DaemonSetStrategy::OnDelete, 9)
    );
    let p = DaemonSetParams::from_spec(&DaemonSetSpec::default(), Flavor::Upstream);
    assert_eq!(
        (&p.strategy, p.min_ready_seconds),
        (
            &DaemonSetStrategy::RollingUpdate {
                max_surge: Some(IntOrPercent::Int(0)),
                max_unavailable: Some(IntOrPercent::Int(1)),
            },
            0
        )
    );
}

fn msgs(e: &acp_model::validation::ErrorList) -> Vec<String> {
    e.iter().map(ToString::to_string).collect()
}

/// `ValidateDeploymentSpec` checks the spec's own `progressDeadlineSeconds` (not the
/// default 600) against `minReadySeconds`.
#[test]
fn validate_deployment_spec_progress_deadline() {
    let spec: DeploymentSpec = serde_json::from_value(json!({
        "selector": {},
        "template": {},
        "minReadySeconds": 10,
        "progressDeadlineSeconds": 5
    }))
    .unwrap();
    assert_eq!(
        msgs(&validate_deployment_rollout(&spec)),
        ["spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds"]
    );
}

/// `ValidateDaemonSetSpec`: `minReadySeconds` and `revisionHistoryLimit` are non-negative.
#[test]
fn validate_daemon_set_spec_numbers() {
    let spec: DaemonSetSpec = serde_json::from_value(json!({
        "selector": {},
        "template": {},
        "minReadySeconds": -1,
        "revisionHistoryLimit": -2
    }))
    .unwrap();
    assert_eq!(
        msgs(&validate_daemonset_update_strategy(&spec)),
        [
            "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
            "spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0",
        ]
    );
}
