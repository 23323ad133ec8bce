// seed 003
//! The documentation's fixtures of the kinds in `ratio`, `cronhpa` and `thirdparty::*`: each parses into its
//! typed value, re-serialises without losing a field, and validates as the seed intends.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use acp_model::cronhpa::CronHpa;
use acp_model::ratio::{NamespaceResourceRatio, Ratio};
use acp_model::thirdparty::keda::{PauseState, ScaledObject};
use acp_model::thirdparty::pod_security::PodSecurityConfiguration;
use acp_model::thirdparty::rollout::{PauseDuration, Rollout, ScaleDown};
use acp_model::thirdparty::vpa::{ContainerScalingMode, UpdateMode, VerticalPodAutoscaler};
use acp_model::validation::{ErrorList, Validate};
use serde::Serialize;
use serde::de::DeserializeOwned;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/003")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(dir().join(name)).unwrap()
}

/// Parses `name` as `T`, checks the JSON round trip is lossless, returns the value.
fn round_trip<T: DeserializeOwned + Serialize>(name: &str) -> T {
    let text = read(name);
    let raw: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let typed: T = serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let back = serde_json::to_value(&typed).unwrap();
    assert_eq!(back, raw, "{name}: round trip changed the object");
    typed
}

fn assert_valid(name: &str, errs: ErrorList) {
    assert!(errs.is_empty(), "{name}: {errs}");
}

#[test]
fn ratio_example() {
    let name = "L4871-namespaceresourceratio-example-namespace-overcommit.yaml";
    let r: NamespaceResourceRatio = round_trip(name);
    assert_eq!((r.spec.cpu, r.spec.memory), (Some(3), Some(4)));
    assert_eq!(r.effective_cpu(), Ratio::Ratio(3));
    assert_eq!(r.effective_memory(), Ratio::Ratio(4));
    let status = r.status.as_ref().unwrap();
    assert_eq!(
        (status.cluster_cpu, status.cluster_memory),
        (Some(2), Some(3))
    );
    assert_valid(name, r.validate());
}

#[test]
fn cronhpa_example() {
    let name = "L9881-cronhpa-my-deployment-cronhpa.yaml";
    let h: CronHpa = round_trip(name);
    let got: Vec<(&str, i32)> = h
        .spec
        .crons
        .iter()
        .map(|c| (c.schedule.as_str(), c.target_replicas))
        .collect();
    assert_eq!(
        got,
        vec![("0 0 * * *", 0), ("0 8 * * 1-5", 3), ("0 18 * * 1-5", 1)]
    );
    assert_eq!(h.spec.scale_target_ref.kind, "Deployment");
    assert_valid(name, h.validate());
}

#[test]
fn vpa_example() {
    let name = "L9601-verticalpodautoscaler-my-deployment-vpa.yaml";
    let v: VerticalPodAutoscaler = round_trip(name);
    assert_eq!(
        v.spec.update_policy.as_ref().unwrap().update_mode,
        Some(UpdateMode::Off)
    );
    let cp = &v
        .spec
        .resource_policy
        .as_ref()
        .unwrap()
        .container_policies
        .as_ref()
        .unwrap()[0];
    assert_eq!(cp.container_name.as_deref(), Some("*"));
    assert_eq!(cp.mode, Some(ContainerScalingMode::Auto));
    assert_valid(name, v.validate());
}

#[test]
fn keda_examples() {
    let name = "L8297-scaledobject-cpu-scaledobject.yaml";
    let so: ScaledObject = round_trip(name);
    assert_eq!(so.spec.triggers[0].type_, "cpu");
    assert_eq!(so.spec.triggers[0].metadata_value("value"), Some("50"));
    assert_eq!(so.pause_state(), PauseState::NotPaused);
    // The seed keeps `<your-namespace>` as a placeholder: the only problem.
    let placeholder_only = |errs: acp_model::validation::ErrorList| {
        assert_eq!(errs.len(), 1, "{errs}");
        assert!(
            errs.0[0]
                .to_string()
                .starts_with("metadata.namespace: Invalid value: \"<your-namespace>\"")
        );
    };
    placeholder_only(so.validate());

    let name = "L8701-scaledobject-prometheus-scaledobject.yaml";
    let so: ScaledObject = round_trip(name);
    let t = &so.spec.triggers[0];
    assert_eq!(t.metadata_value("threshold"), Some("1024000"));
    assert!(
        t.metadata_value("query")
            .unwrap()
            .ends_with(r#"pod=~"<your-deployment-name>.*"})"#)
    );
    assert_eq!(
        t.authentication_ref.as_ref().unwrap().kind.as_deref(),
        Some("ClusterTriggerAuthentication")
    );
    assert_eq!(
        (so.spec.min_replica_count, so.spec.max_replica_count),
        (Some(1), Some(5))
    );
    placeholder_only(so.validate());

    // The pause example shows metadata only: no spec, so it is not a complete ScaledObject.
    let text = read("L8853-scaledobject-example-scaledobject.yaml");
    let e = serde_saphyr::from_str::<ScaledObject>(&text)
        .unwrap_err()
        .to_string();
    assert!(e.contains("spec"), "{e}");
}

#[test]
fn rollout_examples() {
    let name = "L7020-rollout-rollout-bluegreen.yaml";
    let r: Rollout = round_trip(name);
    let bg = r
        .spec
        .strategy
        .as_ref()
        .unwrap()
        .blue_green
        .as_ref()
        .unwrap();
    assert_eq!(bg.active_service.as_deref(), Some("web"));
    assert_eq!(bg.auto_promotion_enabled, Some(false));
    assert_eq!(
        r.spec.workload_ref.as_ref().unwrap().scale_down,
        Some(ScaleDown::OnSuccess)
    );
    assert_valid(name, r.validate());

    let name = "L7750-rollout-rollout-canary.yaml";
    let r: Rollout = round_trip(name);
    let c = r.spec.strategy.as_ref().unwrap().canary.as_ref().unwrap();
    let steps = c.steps.as_ref().unwrap();
    assert_eq!(steps.len(), 3);
    assert_eq!(steps[0].set_weight, Some(50));
    assert_eq!(
        steps[1].pause.as_ref().unwrap().duration(),
        PauseDuration::Indefinite
    );
    let plugins = c
        .traffic_routing
        .as_ref()
        .unwrap()
        .plugins
        .as_ref()
        .unwrap();
    assert_eq!(plugins["argoproj-labs/gatewayAPI"]["httpRoute"], "web");
    assert_valid(name, r.validate());
}

#[test]
fn pod_security_example() {
    let name = "L4654-podsecurityconfiguration-exemptions.yaml";
    let c: PodSecurityConfiguration = round_trip(name);
    let ex = c.exemptions.as_ref().unwrap();
    assert_eq!(ex.usernames.as_deref(), Some(&["admin".to_string()][..]));
    assert_eq!(
        ex.runtime_classes.as_deref(),
        Some(&["nvidia".to_string()][..])
    );
    assert!(c.defaults.is_none());
    assert_valid(name, c.validate());
}

#[test]
fn crds_generate_with_the_expected_names() {
    use kube::CustomResourceExt;
    let names = [
        NamespaceResourceRatio::crd().metadata.name,
        CronHpa::crd().metadata.name,
        VerticalPodAutoscaler::crd().metadata.name,
        ScaledObject::crd().metadata.name,
        Rollout::crd().metadata.name,
    ];
    assert_eq!(
        names.map(|n| n.unwrap()),
        [
            "namespaceresourceratios.resource.alauda.io",
            "cronhpas.tkestack.io",
            "verticalpodautoscalers.autoscaling.k8s.io",
            "scaledobjects.keda.sh",
            "rollouts.argoproj.io",
        ]
    );
}
