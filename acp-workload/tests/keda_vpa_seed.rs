//! Seed examples for KEDA and VPA.
// seed 003:8239-8866; seed 003:9529-9770
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use acp_model::thirdparty::keda::ScaledObject;
use acp_model::thirdparty::vpa::VerticalPodAutoscaler;
use acp_workload::keda::{self, KedaAction, KedaState};
use acp_workload::vpa::{self, PodEvent, VpaAction};
use jiff::Timestamp;
use serde_json::json;

fn fixture(name: &str) -> serde_json::Value {
    let path = format!(
        "{}/../acp-model/tests/fixtures/003/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn now() -> Timestamp {
    "2025-06-01T12:00:00Z".parse().unwrap()
}

// seed 003:8701-8751
/// The prometheus ScaledObject (min 1, max 5, threshold 1024000).
#[test]
fn seed_l8701_prometheus_scaledobject_generates_external_average_value_hpa() {
    let so: ScaledObject =
        serde_json::from_value(fixture("L8701-scaledobject-prometheus-scaledobject.yaml")).unwrap();
    let h = serde_json::to_value(keda::generated_hpa(&so).unwrap()).unwrap();
    assert_eq!(
        h["metadata"]["name"],
        json!("keda-hpa-prometheus-scaledobject")
    );
    assert_eq!(
        (
            h["spec"]["minReplicas"].clone(),
            h["spec"]["maxReplicas"].clone()
        ),
        (json!(1), json!(5))
    );
    let m = &h["spec"]["metrics"][0];
    assert_eq!(m["type"], json!("External"));
    assert_eq!(m["external"]["metric"]["name"], json!("s0-prometheus"));
    assert_eq!(
        m["external"]["metric"]["selector"]["matchLabels"]["scaledobject.keda.sh/name"],
        json!("prometheus-scaledobject")
    );
    assert_eq!(
        m["external"]["target"],
        json!({"type": "AverageValue", "averageValue": "1024k"})
    );
}

// seed 003:8297-8319
/// Cpu trigger, Utilization 50.
#[test]
fn seed_l8297_cpu_scaledobject_generates_resource_utilization() {
    let so: ScaledObject =
        serde_json::from_value(fixture("L8297-scaledobject-cpu-scaledobject.yaml")).unwrap();
    let h = serde_json::to_value(keda::generated_hpa(&so).unwrap()).unwrap();
    assert_eq!(
        h["spec"]["metrics"][0],
        json!({"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 50}}})
    );
    assert_eq!(
        (
            h["spec"]["minReplicas"].clone(),
            h["spec"]["maxReplicas"].clone()
        ),
        (json!(1), json!(100))
    );
    assert_eq!(
        h["spec"]["scaleTargetRef"],
        json!({"kind": "Deployment", "name": "<your-deployment>", "apiVersion": "apps/v1"})
    );
}

fn so_with(annotations: serde_json::Value, min: i32) -> ScaledObject {
    serde_json::from_value(json!({
        "metadata": {"name": "example-scaledobject", "annotations": annotations},
        "spec": {"scaleTargetRef": {"name": "web"}, "minReplicaCount": min, "maxReplicaCount": 10,
                 "triggers": [{"type": "cpu", "metricType": "Utilization", "metadata": {"value": "50"}}]}
    }))
    .unwrap()
}

// seed 003:8853-8865
/// Paused-replicas "0" scales to zero and pauses; the HPA holds 1 (KEDA's
/// HPA minimum), both bounds pinned.
#[test]
fn seed_l8865_paused_replicas_zero() {
    let so = so_with(json!({"autoscaling.keda.sh/paused-replicas": "0"}), 2);
    assert_eq!(keda::hpa_bounds(&so).unwrap(), (1, 1));
    let s = KedaState {
        current_replicas: 4,
        active: true,
        last_active: None,
        now: now(),
    };
    assert_eq!(keda::scale_action(&so, &s).unwrap(), KedaAction::ScaleTo(0));
    let s0 = KedaState {
        current_replicas: 0,
        ..s
    };
    assert_eq!(keda::scale_action(&so, &s0).unwrap(), KedaAction::Paused);
}

// seed 003:8793 (paused alone) and seed 003:8806-8810 (both: paused-replicas wins).
#[test]
fn seed_l8806_both_annotations_paused_replicas_wins() {
    let paused = so_with(json!({"autoscaling.keda.sh/paused": "true"}), 1);
    let s = KedaState {
        current_replicas: 4,
        active: true,
        last_active: None,
        now: now(),
    };
    assert_eq!(keda::scale_action(&paused, &s).unwrap(), KedaAction::Paused);
    let both = so_with(
        json!({"autoscaling.keda.sh/paused": "true", "autoscaling.keda.sh/paused-replicas": "3"}),
        1,
    );
    assert_eq!(
        keda::scale_action(&both, &s).unwrap(),
        KedaAction::ScaleTo(3)
    );
    assert_eq!(keda::hpa_bounds(&both).unwrap(), (3, 3));
    // seed 003:8816 paused "false" resumes.
    let resumed = so_with(json!({"autoscaling.keda.sh/paused": "false"}), 1);
    assert_eq!(keda::scale_action(&resumed, &s).unwrap(), KedaAction::None);
}

#[test]
fn scale_to_zero_after_cooldown_and_idle_replicas() {
    let so = so_with(json!({}), 0);
    let ten_min_ago = now()
        .checked_sub(jiff::SignedDuration::from_mins(10))
        .unwrap();
    let one_min_ago = now()
        .checked_sub(jiff::SignedDuration::from_mins(1))
        .unwrap();
    let idle = |last| KedaState {
        current_replicas: 3,
        active: false,
        last_active: Some(last),
        now: now(),
    };
    assert_eq!(
        keda::scale_action(&so, &idle(ten_min_ago)).unwrap(),
        KedaAction::ScaleTo(0)
    );
    assert_eq!(
        keda::scale_action(&so, &idle(one_min_ago)).unwrap(),
        KedaAction::None
    );
    let wake = KedaState {
        current_replicas: 0,
        active: true,
        last_active: None,
        now: now(),
    };
    assert_eq!(
        keda::scale_action(&so, &wake).unwrap(),
        KedaAction::ScaleTo(1)
    );
}

// seed 003:9601-9631 with the status shown at seed 003:9721-9745.
#[test]
fn seed_l9601_vpa_off_recommends_only() {
    let mut doc = fixture("L9601-verticalpodautoscaler-my-deployment-vpa.yaml");
    doc["status"] = json!({"recommendation": {"containerRecommendations": [{"containerName": "my-container",
        "lowerBound": {"cpu": "100m", "memory": "262144k"}, "target": {"cpu": "200m", "memory": "524288k"},
        "upperBound": {"cpu": "300m", "memory": "786432k"}}]}});
    let v: VerticalPodAutoscaler = serde_json::from_value(doc).unwrap();
    assert_eq!(vpa::action(&v, PodEvent::Running), VpaAction::Nothing);
    assert_eq!(vpa::action(&v, PodEvent::Creating), VpaAction::Nothing);
    let pod: k8s_openapi::api::core::v1::Pod = serde_json::from_value(json!({"metadata": {"name": "p"},
        "spec": {"containers": [{"name": "my-container", "resources": {"requests": {"cpu": "100m", "memory": "256Mi"},
                 "limits": {"memory": "512Mi"}}}]}})).unwrap();
    let r = vpa::recommended_resources(&v, &pod, &[]);
    assert_eq!(r[0].requests["cpu"].to_string(), "200m");
    assert_eq!(r[0].requests["memory"].to_string(), "524288k");
    // limit:request 2:1 kept: 512Mi × 524288000 / 268435456 = 1048576000
    assert_eq!(r[0].limits["memory"].value(), 1_048_576_000);
}

// seed 003:9646-9660
/// The update modes as decisions.
#[test]
fn seed_l9646_update_modes() {
    for (mode, creating, running) in [
        ("Off", VpaAction::Nothing, VpaAction::Nothing),
        ("Initial", VpaAction::SetAtCreation, VpaAction::Nothing),
        ("Recreate", VpaAction::SetAtCreation, VpaAction::Evict),
        ("Auto", VpaAction::SetAtCreation, VpaAction::Evict),
    ] {
        let v: VerticalPodAutoscaler = serde_json::from_value(json!({"metadata": {"name": "v"},
            "spec": {"targetRef": {"kind": "Deployment", "name": "d"}, "updatePolicy": {"updateMode": mode}}})).unwrap();
        assert_eq!(
            (
                vpa::action(&v, PodEvent::Creating),
                vpa::action(&v, PodEvent::Running)
            ),
            (creating, running),
            "{mode}"
        );
    }
}

#[test]
fn vpa_policies_off_min_max_controlled_resources_requests_only() {
    let v: VerticalPodAutoscaler = serde_json::from_value(json!({"metadata": {"name": "v"},
        "spec": {"targetRef": {"kind": "Deployment", "name": "d"},
                 "resourcePolicy": {"containerPolicies": [
                    {"containerName": "sidecar", "mode": "Off"},
                    {"containerName": "*", "minAllowed": {"cpu": "250m"}, "maxAllowed": {"memory": "1Gi"},
                     "controlledResources": ["cpu", "memory"], "controlledValues": "RequestsOnly"}]}},
        "status": {"recommendation": {"containerRecommendations": [
            {"containerName": "app", "target": {"cpu": "100m", "memory": "2Gi"}},
            {"containerName": "sidecar", "target": {"cpu": "1"}}]}}})).unwrap();
    let pod: k8s_openapi::api::core::v1::Pod = serde_json::from_value(json!({"metadata": {"name": "p"},
        "spec": {"containers": [{"name": "app", "resources": {"requests": {"cpu": "50m"}, "limits": {"cpu": "100m"}}},
                                {"name": "sidecar"}]}})).unwrap();
    let r = vpa::recommended_resources(&v, &pod, &[]);
    assert_eq!(r.len(), 1, "mode Off drops the sidecar");
    // minAllowed lifts cpu to 250m, then RequestsOnly caps it to the container's 100m limit
    // (upstream capRecommendationToContainerLimit).
    assert_eq!(r[0].requests["cpu"].to_string(), "100m");
    assert_eq!(r[0].requests["memory"].to_string(), "1Gi", "maxAllowed");
    assert!(r[0].limits.is_empty(), "RequestsOnly leaves limits");
    assert_eq!(
        r[0].annotations,
        [
            "cpu capped to minAllowed",
            "memory capped to maxAllowed",
            "cpu capped to container limit"
        ]
    );
}
