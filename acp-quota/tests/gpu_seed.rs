//! GPU unit equalities of the seed.
// seed 003:3741-3747, 3898-3913
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use acp_model::quantity::Quantity;
use acp_model::validation::FieldPath;
use acp_quota::gpu::*;
use k8s_openapi::api::core::v1::ResourceRequirements;
use proptest::prelude::*;
use serde_json::json;

fn q(s: &str) -> Quantity {
    s.parse().unwrap()
}

#[test]
fn seed_l3906_hundred_vgpu_make_one_pgpu() {
    assert_eq!(pgpu_to_vgpu(1), Some(100));
    assert_eq!(vgpu_to_pgpu(100), Ok(1));
    assert_eq!(vgpu_as_cards(100), q("1"));
    assert_eq!(vgpu_as_cards(30).to_string(), "300m");
}

#[test]
fn seed_l3908_pgpu_only_in_whole_numbers() {
    assert_eq!(vgpu_to_pgpu(300), Ok(3));
    assert_eq!(vgpu_to_pgpu(150), Err(GpuError::NotWholePgpu { vgpu: 150 }));
    assert_eq!(vgpu_to_pgpu(50), Err(GpuError::NotWholePgpu { vgpu: 50 }));
    assert!(vgpu_to_pgpu(-100).is_err());
    assert_eq!(pgpu_to_vgpu(i64::MAX), None);
}

#[test]
fn seed_l3912_one_memory_unit_is_256mi() {
    assert_eq!(memory_units_to_quantity(1).unwrap().to_string(), "256Mi");
    assert_eq!(quantity_to_memory_units(&q("256Mi")), Ok(1));
    assert_eq!(MEMORY_UNIT_BYTES, 268_435_456);
}

#[test]
fn seed_l3913_one_gib_is_four_memory_units() {
    assert_eq!(gib_to_memory_units(1), Some(4));
    assert_eq!(quantity_to_memory_units(&q("1Gi")), Ok(4));
    assert_eq!(quantity_to_memory_units(&q("1024Mi")), Ok(4));
    assert_eq!(memory_units_to_quantity(4).unwrap(), q("1Gi"));
    // not whole units: exact conversion refuses, the sizing rounds up
    assert!(matches!(
        quantity_to_memory_units(&q("300Mi")),
        Err(GpuError::NotWholeMemoryUnits(_))
    ));
    assert_eq!(memory_units_for(&q("300Mi")), Ok(2));
    assert_eq!(memory_units_for(&q("5Gi")), Ok(20));
    assert!(memory_units_for(&q("-1Gi")).is_err());
}

#[test]
fn seed_l3743_l3747_container_values_are_positive_integers() {
    let res: ResourceRequirements = serde_json::from_value(json!({
        "limits": {"tencent.com/vcuda-core": "50", "tencent.com/vcuda-memory": "0",
                   "nvidia.com/gpu": "1.5", "cpu": "0.5"},
        "requests": {"tencent.com/vcuda-core": "40"}
    }))
    .unwrap();
    let errs: Vec<String> = validate_container_gpu(
        &res,
        &FieldPath::new("spec")
            .child("containers")
            .index(0)
            .child("resources"),
    )
    .iter()
    .map(|e| e.to_string())
    .collect();
    assert_eq!(
        errs,
        vec![
            r#"spec.containers[0].resources.limits[nvidia.com/gpu]: Invalid value: "1.5": must be a positive integer"#,
            r#"spec.containers[0].resources.limits[tencent.com/vcuda-memory]: Invalid value: "0": must be a positive integer"#,
            r#"spec.containers[0].resources.requests: Invalid value: "40": must be equal to tencent.com/vcuda-core limit of 50"#,
        ]
    );
    let ok: ResourceRequirements = serde_json::from_value(json!({
        "limits": {"tencent.com/vcuda-core": "200", "tencent.com/vcuda-memory": "20", "nvidia.com/gpu": "2"}
    }))
    .unwrap();
    assert!(validate_container_gpu(&ok, &FieldPath::new("r")).is_empty());
    let over: ResourceRequirements =
        serde_json::from_value(json!({"limits": {"tencent.com/vcuda-core": "150"}})).unwrap();
    assert_eq!(validate_container_gpu(&over, &FieldPath::new("r")).len(), 1);
}

#[test]
fn seed_l3900_l3902_gpu_quota_rules() {
    let hard = serde_json::from_value(json!({
        "requests.tencent.com/vcuda-memory": "8", "requests.nvidia.com/gpu": "2", "pods": "10"
    }))
    .unwrap();
    let p = FieldPath::new("spec").child("hard");
    let msgs: Vec<String> = validate_gpu_quota(&hard, &p, true)
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert_eq!(
        msgs,
        vec![
            "spec.hard[requests.tencent.com/vcuda-memory]: Forbidden: a GPU memory quota can only be set together with a virtual GPU (tencent.com/vcuda-core) quota"
        ]
    );
    assert_eq!(validate_gpu_quota(&hard, &p, false).len(), 2);
    let hard = serde_json::from_value(json!({
        "requests.tencent.com/vcuda-core": "400", "requests.tencent.com/vcuda-memory": "8"
    }))
    .unwrap();
    assert!(validate_gpu_quota(&hard, &p, true).is_empty());
}

proptest! {
    #[test]
    fn pgpu_vgpu_round_trip(p in 0i64..1_000_000) {
        prop_assert_eq!(vgpu_to_pgpu(pgpu_to_vgpu(p).unwrap()), Ok(p));
    }

    #[test]
    fn memory_units_round_trip(u in 0i64..1_000_000) {
        let qty = memory_units_to_quantity(u).unwrap();
        prop_assert_eq!(quantity_to_memory_units(&qty), Ok(u));
        prop_assert_eq!(gib_to_memory_units(u), Some(u * 4));
    }
}
