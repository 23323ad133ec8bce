//! The tour's rollout section (`acp-rs/examples/tour.rs`), with the facade paths
//! `acp_rs::quota` / `acp_rs::model` written `acp_quota` / `acp_model`: plan the seed Deployment
//! to a new image, then under a `pods: 3` quota.
// seed 003:11397
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use acp_model::object::{KnownObject, parse_yaml};

fn rollout_plan() -> Vec<String> {
    use acp_model::kube_version::WithSpec;
    use acp_workload::planner::{PlanOptions, fits_quota};
    let mut out = vec!["== Rollout plan (acp-quota planner)".to_owned()];
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../acp-model/tests/fixtures/003");
    let text = std::fs::read_to_string(root.join("L11397-deployment-nginx-deployment.yaml"))
        .expect("seed Deployment");
    let Some(KnownObject::Deployment(old)) = parse_yaml(&text).expect("parses").pop() else {
        panic!("not a Deployment")
    };
    let mut new = old.clone();
    new.spec_mut()
        .expect("spec")
        .template
        .spec
        .as_mut()
        .expect("pod spec")
        .containers[0]
        .image = Some("nginx:1.16.1".into());
    let quota = "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: pods-3}\nspec: {hard: {pods: '3'}}\nstatus: {used: {pods: '3'}}\n";
    let Some(KnownObject::ResourceQuota(quota)) = parse_yaml(quota).expect("parses").pop() else {
        panic!("not a ResourceQuota")
    };
    let free = fits_quota(&old, &new, &PlanOptions::default(), &[]).expect("plan");
    out.push(format!(
        "  nginx-deployment -> nginx:1.16.1 (maxSurge {}, maxUnavailable {}):",
        free.plan.max_surge, free.plan.max_unavailable
    ));
    out.extend(free.plan.steps.iter().map(|s| format!("    {s}")));
    out.push(format!(
        "  {}; peak extra: {}",
        free.plan.outcome, free.plan.peak_extra
    ));
    let tight = fits_quota(&old, &new, &PlanOptions::default(), &[*quota]).expect("plan");
    out.push(format!("  under pods: 3 -> {}", tight.plan.outcome));
    out
}

#[test]
fn tour_rollout_section() {
    let lines = rollout_plan();
    for l in &lines {
        println!("{l}");
    }
    assert_eq!(
        lines,
        [
            "== Rollout plan (acp-quota planner)",
            "  nginx-deployment -> nginx:1.16.1 (maxSurge 1, maxUnavailable 0):",
            "    tick   0: old   3 new   0 available   3 total   3",
            "    tick   1: old   3 new   1 available   3 total   4",
            "    tick   2: old   2 new   2 available   3 total   4",
            "    tick   3: old   1 new   3 available   3 total   4",
            "    tick   4: old   0 new   3 available   3 total   3",
            "  completed at tick 4; peak extra: count/pods=1,cpu=100m,limits.cpu=200m,limits.memory=256Mi,memory=128Mi,pods=1,requests.cpu=100m,requests.memory=128Mi",
            "  under pods: 3 -> stalled at tick 1: ResourceQuota \"pods-3\" is 1 pod short: pods would need 4, hard limit 3",
        ]
    );
}
