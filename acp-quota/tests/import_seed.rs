//! The namespace-import merge over the seed's own example
//! (the FAQ on importing namespaces).
// seed 003:17753-17874
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use acp_quota::import::{merge_quotas, plan_import};
use acp_quota::resources::ResourceList;
use k8s_openapi::api::core::v1::{LimitRange, ResourceQuota};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../acp-model/tests/fixtures/003/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

// seed 003:17753-17848
/// Namespace `to-import` has quotas `a` (line 17778) and `b`; importing
/// it creates `default` (line 17824) with the minimum of each resource.
#[test]
fn seed_l17778_import_merges_a_and_b_into_default() {
    let quotas: Vec<ResourceQuota> =
        serde_saphyr::from_multiple(&fixture("L17778-resourcequota-a.yaml")).unwrap();
    let names: Vec<_> = quotas
        .iter()
        .map(|q| q.metadata.name.clone().unwrap())
        .collect();
    assert_eq!(names, ["a", "b"]);
    let expected: ResourceQuota =
        serde_saphyr::from_str(&fixture("L17824-resourcequota-default.yaml")).unwrap();

    let merged = merge_quotas("to-import", &quotas).unwrap();
    let got = merged.resource_quota().unwrap();
    // the same object as the seed's, field for field and string for string
    assert_eq!(got, expected);
    assert_eq!(
        serde_json::to_value(&got).unwrap(),
        serde_json::to_value(&expected).unwrap()
    );
    assert_eq!(
        merged.hard.to_string(),
        "limits.cpu=2,limits.memory=1Gi,requests.cpu=1,requests.memory=300Mi"
    );
    assert_eq!(merged.merged_from, ["a", "b"]);
    // seed 003:17850: delete every quota but default afterwards
    assert_eq!(merged.to_delete, ["a", "b"]);
    assert!(merged.skipped_scoped.is_empty());
}

// seed 003:17753
/// The merge does not depend on the order the quotas are listed in (ACP docs: "each
/// resource takes the minimum of a and b").
#[test]
fn seed_l17778_merge_is_order_independent() {
    let mut quotas: Vec<ResourceQuota> =
        serde_saphyr::from_multiple(&fixture("L17778-resourcequota-a.yaml")).unwrap();
    let ab = merge_quotas("to-import", &quotas).unwrap().hard;
    quotas.reverse();
    let ba = merge_quotas("to-import", &quotas).unwrap().hard;
    assert_eq!(ab, ba);
    // re-importing the result changes nothing
    let again = merge_quotas(
        "to-import",
        &[merge_quotas("to-import", &quotas)
            .unwrap()
            .resource_quota()
            .unwrap()],
    )
    .unwrap();
    assert_eq!(again.hard, ab);
    assert!(again.to_delete.is_empty());
    let _: &ResourceList = &again.hard;
}

// seed 003:17862; seed 003:4108
/// A single LimitRange is copied into `default` (the seed's example LimitRange).
#[test]
fn seed_l17862_single_limit_range_is_copied() {
    let lr: LimitRange =
        serde_saphyr::from_str(&fixture("L4108-limitrange-example-limitrange.yaml")).unwrap();
    let plan = plan_import("example", &[], std::slice::from_ref(&lr)).unwrap();
    let copied = plan.limit_range.unwrap();
    assert_eq!(copied.metadata.name.as_deref(), Some("default"));
    assert_eq!(copied.metadata.namespace.as_deref(), Some("example"));
    assert_eq!(copied.spec, lr.spec);
}

// seed 003:17856
/// Several LimitRanges cannot be merged; the error names them and says why.
#[test]
fn seed_l17856_several_limit_ranges_are_an_error() {
    let lr: LimitRange =
        serde_saphyr::from_str(&fixture("L4108-limitrange-example-limitrange.yaml")).unwrap();
    let mut other = lr.clone();
    other.metadata.name = Some("second".into());
    let err = plan_import("example", &[], &[lr, other])
        .unwrap_err()
        .to_string();
    assert!(err.contains("(example-limitrange, second)"), "{err}");
    assert!(err.contains("unpredictable"), "{err}");
}
