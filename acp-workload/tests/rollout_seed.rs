//! Rolling updates of the seed's workloads: validation, the
// seed 003
//! resolved bounds and the planned rollouts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use acp_model::kube_version::WithSpec;
use acp_model::thirdparty::rollout::Rollout;
use acp_workload::argo::{CanaryParams, plan_canary};
use acp_workload::planner::{
    PlanOptions, plan_daemonset_change, plan_deployment_change, plan_statefulset_change,
};
use acp_workload::rolling::{
    DaemonSetParams, DeploymentParams, Flavor, StatefulSetParams,
    validate_daemonset_update_strategy, validate_deployment_rollout,
    validate_statefulset_update_strategy,
};
use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, StatefulSet};
use k8s_openapi::api::core::v1::ResourceQuota;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../acp-model/tests/fixtures/003/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn first_doc(yaml: &str) -> &str {
    yaml.split("\n---").next().unwrap()
}

fn with_image<T: Clone>(obj: &T, set: impl FnOnce(&mut T)) -> T {
    let mut o = obj.clone();
    set(&mut o);
    o
}

#[test]
fn seed_l11397_deployment_plan() {
    let old: Deployment =
        serde_saphyr::from_str(&fixture("L11397-deployment-nginx-deployment.yaml")).unwrap();
    assert!(validate_deployment_rollout(old.spec_ref().unwrap()).is_empty());
    let new = with_image(&old, |d| {
        d.spec_mut()
            .unwrap()
            .template
            .spec
            .as_mut()
            .unwrap()
            .containers[0]
            .image = Some("nginx:1.16.1".into());
    });
    let plan = plan_deployment_change(&old, &new, &PlanOptions::default(), &[]).unwrap();
    assert!(plan.completed());
    let lines: Vec<String> = plan.steps.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "tick   0: old   3 new   0 available   3 total   3",
            "tick   1: old   3 new   1 available   3 total   4",
            "tick   2: old   2 new   2 available   3 total   4",
            "tick   3: old   1 new   3 available   3 total   4",
            "tick   4: old   0 new   3 available   3 total   3",
        ]
    );
    // The console's documented defaults (1/1) would go faster through unavailability.
    let console = DeploymentParams::from_spec(new.spec_ref().unwrap(), Flavor::AcpConsole);
    let f = console.fenceposts().unwrap();
    assert_eq!((f.max_surge, f.max_unavailable), (1, 1));
}

#[test]
fn seed_l11397_deployment_under_the_seed_quota() {
    // seed 003:4081 example-resourcequota: requests.cpu 2, pods 500 — 3 nginx pods fit easily.
    let old: Deployment =
        serde_saphyr::from_str(&fixture("L11397-deployment-nginx-deployment.yaml")).unwrap();
    let new = with_image(&old, |d| {
        d.spec_mut()
            .unwrap()
            .template
            .spec
            .as_mut()
            .unwrap()
            .containers[0]
            .image = Some("nginx:1.16.1".into());
    });
    let quota: ResourceQuota =
        serde_saphyr::from_str(&fixture("L4081-resourcequota-example-resourcequota.yaml")).unwrap();
    let v =
        acp_workload::planner::fits_quota(&old, &new, &PlanOptions::default(), &[quota]).unwrap();
    assert!(v.fits());
}

#[test]
fn seed_l12149_daemonset_plan() {
    let old: DaemonSet =
        serde_saphyr::from_str(&fixture("L12149-daemonset-fluentd-elasticsearch.yaml")).unwrap();
    let spec = old.spec_ref().unwrap();
    assert!(validate_daemonset_update_strategy(spec).is_empty());
    let f = DaemonSetParams::from_spec(spec, Flavor::Upstream)
        .fenceposts(10)
        .unwrap();
    assert_eq!((f.max_surge, f.max_unavailable), (0, 1));
    let new = with_image(&old, |d| {
        d.spec_mut()
            .unwrap()
            .template
            .spec
            .as_mut()
            .unwrap()
            .containers[0]
            .image = Some("quay.io/fluentd_elasticsearch/fluentd:v2.6.0".into());
    });
    let plan = plan_daemonset_change(&old, &new, 4, &PlanOptions::default(), &[]).unwrap();
    assert!(plan.completed());
    assert_eq!((plan.min_available, plan.peak_total), (3, 4));
}

#[test]
fn seed_l12498_statefulset_plan() {
    let yaml = fixture("L12498-statefulset-web.yaml");
    let old: StatefulSet = serde_saphyr::from_str(first_doc(&yaml)).unwrap();
    let spec = old.spec_ref().unwrap();
    assert!(validate_statefulset_update_strategy(spec).is_empty());
    let p = StatefulSetParams::from_spec(spec);
    assert_eq!(p.update_order(), vec![2, 1, 0]);
    let new = with_image(&old, |s| {
        s.spec_mut()
            .unwrap()
            .template
            .spec
            .as_mut()
            .unwrap()
            .containers[0]
            .image = Some("registry.k8s.io/nginx-slim:0.26".into());
    });
    let plan = plan_statefulset_change(&old, &new, &PlanOptions::ready_after(2), &[]).unwrap();
    assert!(plan.completed());
    assert_eq!((plan.min_available, plan.peak_total), (2, 3));
}

#[test]
fn seed_l7750_canary_plan_lines() {
    let ro: Rollout =
        serde_saphyr::from_str(&fixture("L7750-rollout-rollout-canary.yaml")).unwrap();
    let plan = plan_canary(
        &CanaryParams::from_rollout(&ro).unwrap(),
        &PlanOptions::default(),
    )
    .unwrap();
    let lines: Vec<String> = plan.steps.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "step 0/3 setWeight: 50: setWeight 50, canary 1, stable 2 — Desired 2 Current 3 Updated 1 Ready 3 Available 3",
            "step 1/3 pause (until promoted): setWeight 50, canary 1, stable 2 — Desired 2 Current 3 Updated 1 Ready 3 Available 3",
            "step 2/3 setWeight: 100: setWeight 100, canary 2, stable 2 — Desired 2 Current 4 Updated 2 Ready 4 Available 4",
            "step 3/3 promoted: setWeight 100, canary 2, stable 2 — Desired 2 Current 2 Updated 2 Ready 2 Available 2",
        ]
    );
}
