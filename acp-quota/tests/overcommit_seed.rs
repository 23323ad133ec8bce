//! Overcommit over the seed's examples and its laws.
// seed 003:4838-4932
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use acp_model::kube_version::WithSpec;
use acp_model::quantity::{Format, Quantity};
use acp_model::ratio::{NamespaceResourceRatio, Ratio};
use acp_quota::limitrange::{LimitRanger, default_limit_range};
use acp_quota::overcommit::{
    LimitSource, Overcommit, OvercommitError, cpu_request, memory_request,
};
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{LimitRange, Pod, PodSpec};
use proptest::prelude::*;
use serde_json::json;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../acp-model/tests/fixtures/003/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn q(s: &str) -> Quantity {
    s.parse().unwrap()
}

fn spec(v: serde_json::Value) -> PodSpec {
    serde_json::from_value(v).unwrap()
}

fn resources(spec: &PodSpec, i: usize) -> serde_json::Value {
    serde_json::to_value(spec.containers[i].resources.as_ref().unwrap()).unwrap()
}

#[test]
fn seed_l4861_four_cores_at_ratio_two_request_two_cores() {
    assert_eq!(cpu_request(&q("4"), 2).unwrap(), q("2"));
    assert_eq!(cpu_request(&q("4"), 2).unwrap().to_string(), "2");
}

#[test]
fn seed_l4871_ratio_object_applied_to_the_seed_deployment_template() {
    let r: NamespaceResourceRatio = serde_saphyr::from_str(&fixture(
        "L4871-namespaceresourceratio-example-namespace-overcommit.yaml",
    ))
    .unwrap();
    let oc = Overcommit::from_ratio(&r);
    assert_eq!(oc, Overcommit::new(Ratio::Ratio(3), Ratio::Ratio(4)));

    let mut d: Deployment =
        serde_saphyr::from_str(&fixture("L11397-deployment-nginx-deployment.yaml")).unwrap();
    let tpl = d.spec_mut().unwrap().template.spec.as_mut().unwrap();
    let report = oc.apply_to_pod_spec(tpl, &[]).unwrap();
    // limits 200m / 256Mi: 200m / 3 = 66.67m → 67m; 256Mi / 4 = 64Mi. The user's requests
    // (100m / 128Mi) are replaced: manual requests are disabled under overcommit (seed 003:5541).
    assert_eq!(
        resources(tpl, 0)["requests"],
        json!({"cpu": "67m", "memory": "64Mi"})
    );
    assert_eq!(report.changes[0].previous_request.as_deref(), Some("100m"));
    assert_eq!(report.changes[1].previous_request.as_deref(), Some("128Mi"));
    assert!(
        report
            .changes
            .iter()
            .all(|c| c.limit_source == LimitSource::Container)
    );
}

#[test]
fn seed_l4916_namespace_inherits_the_cluster_ratio() {
    let r: NamespaceResourceRatio = serde_json::from_value(json!({
        "apiVersion": "resource.alauda.io/v1", "kind": "NamespaceResourceRatio",
        "metadata": {"name": "x", "namespace": "example"}, "spec": {},
        "status": {"clusterCPU": 4, "clusterMemory": 4}
    }))
    .unwrap();
    assert_eq!(
        Overcommit::from_ratio(&r),
        Overcommit::new(Ratio::Ratio(4), Ratio::Ratio(4))
    );
    assert_eq!(cpu_request(&q("4"), 4).unwrap().to_string(), "1");
}

#[test]
fn seed_l4920_no_limit_takes_the_limitrange_default() {
    let mut lr: LimitRange =
        serde_saphyr::from_str(&fixture("L4108-limitrange-example-limitrange.yaml")).unwrap();
    default_limit_range(&mut lr);
    let mut pod: Pod = serde_json::from_value(json!({
        "metadata": {"name": "bare"},
        "spec": {"containers": [{"name": "app", "image": "nginx"}]}
    }))
    .unwrap();
    let oc = Overcommit::resolve(None, None, Some(2), Some(2));
    let report = oc
        .apply_to_pod(&mut pod, std::slice::from_ref(&lr))
        .unwrap();
    assert!(
        report
            .changes
            .iter()
            .all(|c| c.limit_source == LimitSource::LimitRangeDefault)
    );
    let s = pod.spec.as_ref().unwrap();
    assert_eq!(
        resources(s, 0),
        json!({"limits": {"cpu": "100m", "memory": "100Mi"}, "requests": {"cpu": "50m", "memory": "50Mi"}})
    );
    // LimitRanger then finds nothing to fill and admits the pod.
    LimitRanger::default().create_pod(&[lr], &mut pod).unwrap();
    assert_eq!(pod.metadata.annotations, None);
}

#[test]
fn seed_l4926_cluster_four_namespace_two_divides_by_two() {
    let oc = Overcommit::resolve(Some(2), Some(2), Some(4), Some(4));
    let mut s = spec(
        json!({"containers": [{"name": "a", "resources": {"limits": {"cpu": "1", "memory": "1Gi"}}}]}),
    );
    oc.apply_to_pod_spec(&mut s, &[]).unwrap();
    assert_eq!(
        resources(&s, 0)["requests"],
        json!({"cpu": "500m", "memory": "512Mi"})
    );
}

#[test]
fn seed_l4928_zero_disables_overcommit() {
    let oc = Overcommit::resolve(Some(0), Some(0), Some(4), Some(4));
    assert!(oc.is_off());
    let mut s = spec(json!({"containers": [{"name": "a", "resources": {"limits": {"cpu": "1"}}}]}));
    let before = s.clone();
    let report = oc.apply_to_pod_spec(&mut s, &[]).unwrap();
    assert!(report.changes.is_empty());
    assert_eq!(s, before);
}

#[test]
fn init_containers_are_overcommitted_and_missing_limits_reported() {
    let oc = Overcommit::new(Ratio::Ratio(2), Ratio::None);
    let mut s = spec(json!({
        "containers": [{"name": "a"}],
        "initContainers": [{"name": "i", "resources": {"limits": {"cpu": "3"}}}]
    }));
    let report = oc.apply_to_pod_spec(&mut s, &[]).unwrap();
    assert_eq!(
        report.no_limit,
        vec![("spec.containers[0]".to_string(), "cpu".to_string())]
    );
    assert_eq!(report.changes.len(), 1);
    assert_eq!(report.changes[0].container, "spec.initContainers[0]");
    let init = s.init_containers.as_ref().unwrap()[0]
        .resources
        .as_ref()
        .unwrap();
    assert_eq!(init.requests.as_ref().unwrap()["cpu"].0, "1500m");
    assert_eq!(s.containers[0].resources, None);
}

#[test]
fn unusable_limits_change_nothing_and_are_all_reported() {
    let oc = Overcommit::new(Ratio::Ratio(2), Ratio::Ratio(2));
    let mut s = spec(json!({"containers": [
        {"name": "a", "resources": {"limits": {"cpu": "-1", "memory": "1Gi"}}},
        {"name": "b", "resources": {"limits": {"memory": "much"}}}
    ]}));
    let before = s.clone();
    let errs = oc.apply_to_pod_spec(&mut s, &[]).unwrap_err();
    assert_eq!(s, before);
    let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        msgs[0],
        r#"spec.containers[0].resources.limits[cpu]: Invalid value: "-1": a limit must not be negative"#
    );
    assert!(msgs[1].starts_with(r#"spec.containers[1].resources.limits[memory]: Invalid value: "much": quantities must match"#));
    assert_eq!(cpu_request(&q("1"), 0), Err(OvercommitError::ZeroRatio));
    assert!(matches!(
        memory_request(&q("100E"), 3),
        Err(OvercommitError::TooLarge { .. })
    ));
}

#[test]
fn rounding_is_up_to_the_milli_core_and_to_the_byte() {
    assert_eq!(cpu_request(&q("100m"), 3).unwrap().to_string(), "34m");
    assert_eq!(cpu_request(&q("1"), 3).unwrap().to_string(), "334m");
    assert_eq!(
        memory_request(&q("1Gi"), 3).unwrap().to_string(),
        "357913942"
    );
    assert_eq!(memory_request(&q("1Gi"), 4).unwrap().to_string(), "256Mi");
    assert_eq!(
        memory_request(&q("1G"), 3).unwrap().to_string(),
        "333333334"
    );
    // finer than a milli-core: clamped to the limit, never above it
    assert_eq!(cpu_request(&q("0.5m"), 2).unwrap(), q("0.5m"));
    assert_eq!(cpu_request(&q("0"), 5).unwrap(), q("0"));
}

proptest! {
    #[test]
    fn request_never_exceeds_limit(millis in 0i64..=4_000_000_000_000i64, ratio in 1u32..64) {
        let limit = Quantity::from_millis(millis, Format::DecimalSI);
        let r = cpu_request(&limit, ratio).unwrap();
        prop_assert!(r <= limit);
        // rounded up: request × ratio covers the limit (limit / request ≤ ratio)
        prop_assert!(r.milli_value() as i128 * i128::from(ratio) >= i128::from(millis));
        let bytes = Quantity::from_int(millis, Format::BinarySI);
        let m = memory_request(&bytes, ratio).unwrap();
        prop_assert!(m <= bytes);
        prop_assert!(m.value() as i128 * i128::from(ratio) >= i128::from(millis));
    }

    #[test]
    fn ratio_one_is_the_identity(s in "[0-9]{1,12}(\\.[0-9]{1,9})?(m|Ki|Mi|Gi|k|M|G)?") {
        let limit: Quantity = s.parse().unwrap();
        prop_assert_eq!(cpu_request(&limit, 1).unwrap().to_string(), limit.to_string());
        prop_assert_eq!(memory_request(&limit, 1).unwrap().to_string(), limit.to_string());
    }

    #[test]
    fn higher_ratio_never_raises_the_request(millis in 0i64..=1_000_000_000i64, a in 1u32..32, b in 1u32..32) {
        let limit = Quantity::from_millis(millis, Format::DecimalSI);
        let (lo, hi) = (a.min(b), a.max(b));
        prop_assert!(cpu_request(&limit, hi).unwrap() <= cpu_request(&limit, lo).unwrap());
    }
}
