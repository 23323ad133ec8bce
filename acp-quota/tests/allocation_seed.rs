//! Project → namespace allocation over the seed's statements
//! (the namespace chapter). Each test names the seed line it checks.
// seed 003:3780-5290
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use acp_quota::allocation::{
    AllocationProblem, FORBIDDEN_OTHER_QUOTA_KEYS, ProjectAllocation, QuotaRequest,
    other_quota_key_problems,
};
use acp_quota::resources::ResourceList;
use k8s_openapi::api::core::v1::ResourceQuota;

fn rl(p: &[(&str, &str)]) -> ResourceList {
    ResourceList::parse_pairs(p.iter().copied()).unwrap()
}

// seed 003:4081
/// The seed's example namespace quota as a request.
fn example_quota() -> ResourceList {
    let path = format!(
        "{}/../acp-model/tests/fixtures/003/L4081-resourcequota-example-resourcequota.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let q: ResourceQuota = serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    ResourceList::try_from(q.spec.unwrap().hard.as_ref().unwrap()).unwrap()
}

// seed 003:3892
/// A namespace quota may not exceed what the project has left on the cluster.
#[test]
fn seed_l3892_namespace_quota_within_project_remaining() {
    let mut project = ProjectAllocation::new(rl(&[
        ("limits.cpu", "40"),
        ("limits.memory", "40Gi"),
        ("requests.cpu", "4"),
        ("requests.memory", "4Gi"),
        ("pods", "1000"),
    ]));
    // the seed's example quota (seed 003:4081) fits an empty project
    let first = project
        .allocate(&QuotaRequest::new("example", example_quota()))
        .unwrap();
    assert_eq!(first.effective, example_quota());
    assert_eq!(
        project.remaining(None).to_string(),
        "limits.cpu=20,limits.memory=20Gi,pods=500,requests.cpu=2,requests.memory=2Gi"
    );
    // a second copy still fits exactly; a third does not
    project
        .allocate(&QuotaRequest::new("example-2", example_quota()))
        .unwrap();
    let err = project
        .check(&QuotaRequest::new(
            "example-3",
            rl(&[("requests.cpu", "1")]),
        ))
        .unwrap_err();
    assert!(matches!(
        &err.problems[0],
        AllocationProblem::NothingLeft { .. }
    ));
}

// seed 003:3894 and seed 003:4322
/// A resource with nothing left blocks namespace creation, naming it.
#[test]
fn seed_l3894_zero_remaining_blocks_creation() {
    let mut project = ProjectAllocation::new(rl(&[
        ("requests.cpu", "2"),
        ("pods", "10"),
        ("requests.memory", "4Gi"),
    ]));
    project
        .allocate(&QuotaRequest::new(
            "a",
            rl(&[("requests.cpu", "2"), ("pods", "10")]),
        ))
        .unwrap();
    let err = project
        .check(&QuotaRequest::new("b", rl(&[("requests.memory", "1Gi")])))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "namespace b: the project has no pods, requests.cpu left on this cluster, so no namespace \
         can be created; ask the platform administrator to raise the project quota"
    );
}

// seed 003:4322 (same rule, quota page)
/// The failure names every exhausted resource even when the
/// request does not mention them.
#[test]
fn seed_l4322_exhausted_resources_named_even_if_not_requested() {
    let project = ProjectAllocation::new(rl(&[("limits.memory", "0")]));
    let err = project
        .check(&QuotaRequest::new("x", ResourceList::new()))
        .unwrap_err();
    assert_eq!(
        err.problems,
        [AllocationProblem::NothingLeft {
            resources: vec!["limits.memory".into()]
        }]
    );
}

// seed 003:3917-3919 and seed 003:4326
/// An unspecified resource is unlimited within what is left.
#[test]
fn seed_l3917_unspecified_is_unlimited_within_remaining() {
    let mut project =
        ProjectAllocation::new(rl(&[("requests.cpu", "8"), ("requests.memory", "16Gi")]));
    project
        .allocate(&QuotaRequest::new("a", rl(&[("requests.memory", "10Gi")])))
        .unwrap();
    let ok = project
        .check(&QuotaRequest::new("b", rl(&[("requests.cpu", "2")])))
        .unwrap();
    assert_eq!(
        ok.effective.to_string(),
        "requests.cpu=2,requests.memory=6Gi"
    );
    assert_eq!(
        ok.remaining.to_string(),
        "requests.cpu=8,requests.memory=6Gi"
    );
}

// seed 003:5162
/// Deleting a namespace frees its quota.
#[test]
fn seed_l5162_deleting_a_namespace_frees_its_quota() {
    let mut project = ProjectAllocation::new(rl(&[("requests.cpu", "4")]));
    project
        .allocate(&QuotaRequest::new("a", rl(&[("requests.cpu", "4")])))
        .unwrap();
    assert!(
        project
            .check(&QuotaRequest::new("b", rl(&[("requests.cpu", "1")])))
            .is_err()
    );
    let freed = project.delete("a").unwrap();
    assert_eq!(freed.hard, rl(&[("requests.cpu", "4")]));
    assert_eq!(project.remaining(None).to_string(), "requests.cpu=4");
    assert!(
        project
            .check(&QuotaRequest::new("b", rl(&[("requests.cpu", "4")])))
            .is_ok()
    );
    assert!(project.delete("a").is_none());
}

// seed 003:4008-4040
/// The standard quotas may not be used as "other quotas".
#[test]
fn seed_l4008_forbidden_other_quota_keys() {
    // the seed lists them at lines 4012, 4014, 4016, 4034, 4036, 4038, 4040
    assert_eq!(
        FORBIDDEN_OTHER_QUOTA_KEYS,
        [
            "limits.cpu",
            "limits.memory",
            "requests.cpu",
            "requests.memory",
            "pods",
            "cpu",
            "memory"
        ]
    );
    for key in FORBIDDEN_OTHER_QUOTA_KEYS {
        let p = other_quota_key_problems(key);
        assert_eq!(p.len(), 1, "{key}: {p:?}");
        assert!(
            p[0].starts_with(&format!("{key} is a standard quota")),
            "{p:?}"
        );
    }
    // their neighbours are fine
    for key in [
        "requests.storage",
        "limits.ephemeral-storage",
        "count/deployments.apps",
        "services",
    ] {
        assert!(other_quota_key_problems(key).is_empty(), "{key}");
    }
    let project = ProjectAllocation::new(ResourceList::new());
    let err = project
        .check(&QuotaRequest::new("n", ResourceList::new()).with_other(rl(&[("pods", "5")])))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("other quota \"pods\": pods is a standard quota"),
        "{err}"
    );
}

// seed 003:4390-4392
/// Without `/`, a name of at most 63 characters, alphanumeric at both ends,
/// `-`, `_`, `.` inside.
#[test]
fn seed_l4390_other_quota_name_without_slash() {
    for ok in ["gpu", "my.quota_1", "A-b.c_d", "x", &"a".repeat(63)] {
        assert!(other_quota_key_problems(ok).is_empty(), "{ok}");
    }
    assert_eq!(
        other_quota_key_problems(&"a".repeat(64)),
        ["name part must be no more than 63 bytes"]
    );
    let bad = other_quota_key_problems("-quota");
    assert_eq!(bad.len(), 1);
    assert!(
        bad[0].starts_with("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"),
        "{bad:?}"
    );
    assert_eq!(other_quota_key_problems("quota_").len(), 1);
    assert_eq!(other_quota_key_problems("has space").len(), 1);
}

// seed 003:4394-4404
/// With `/`, a DNS-subdomain prefix (labels of at most 63, at most 253 in all,
/// lower case) and a qualified name.
#[test]
fn seed_l4394_other_quota_name_with_prefix() {
    for ok in ["example.com/gpu-quota", "nvidia.com/gpu", "a.b-c.d/X_y.z"] {
        assert!(other_quota_key_problems(ok).is_empty(), "{ok}");
    }
    let upper = other_quota_key_problems("Example.com/gpu");
    assert_eq!(upper.len(), 1);
    assert!(
        upper[0].starts_with("prefix part a lowercase RFC 1123 subdomain"),
        "{upper:?}"
    );
    let long_prefix = format!("{}/gpu", vec!["a".repeat(63); 4].join("."));
    assert_eq!(long_prefix.len(), 255 + 4);
    assert!(
        other_quota_key_problems(&long_prefix)
            .iter()
            .any(|p| p == "prefix part must be no more than 253 bytes"),
        "{:?}",
        other_quota_key_problems(&long_prefix)
    );
    assert_eq!(
        other_quota_key_problems("/gpu"),
        ["prefix part must be non-empty"]
    );
    // upstream reports the empty name and the pattern both
    let empty_name = other_quota_key_problems("example.com/");
    assert_eq!(empty_name.len(), 2);
    assert_eq!(empty_name[0], "name part must be non-empty");
    assert_eq!(other_quota_key_problems("a/b/c").len(), 1);
}
