//! The public error types compose: each is a `std::error::Error + Send + Sync + 'static` and
//! works with `?` into `Box<dyn Error>`; list errors print every problem and keep them.

use std::error::Error;

use acp_quota::limitrange::{LimitRanger, Violation};
use acp_quota::overcommit::{OvercommitError, cpu_request};
use k8s_openapi::api::core::v1::{LimitRange, Pod};
use serde_json::json;

fn is_error<E: Error + Send + Sync + 'static>() {}

#[test]
fn every_public_error_type_is_a_std_error() {
    is_error::<acp_quota::uid_range::UidRangeError>();
    is_error::<acp_quota::gpu::GpuError>();
    is_error::<acp_quota::usage::ScopeError>();
    is_error::<acp_quota::usage::PodScopeError>();
    is_error::<acp_quota::overcommit::OvercommitError>();
    is_error::<acp_quota::admission::ScopeMatchError>();
    is_error::<acp_quota::admission::AdmissionError>();
    is_error::<acp_quota::allocation::AllocationError>();
    is_error::<acp_quota::limitrange::Violation>();
    is_error::<acp_quota::limitrange::Violations>();
    is_error::<acp_quota::limitrange::Forbidden>();
    is_error::<acp_quota::import::ImportError>();
    is_error::<acp_model::validation::ErrorList>();
}

fn requests(limit: &str, ratio: u32, vgpu: i64) -> Result<String, Box<dyn Error>> {
    let q = acp_quota::overcommit::cpu_request(&limit.parse()?, ratio)?;
    let p = acp_quota::gpu::vgpu_to_pgpu(vgpu)?;
    Ok(format!("{q} {p}"))
}

#[test]
fn errors_compose_with_question_mark() {
    assert_eq!(requests("2", 2, 200).unwrap(), "1 2");
    assert_eq!(
        requests("2", 0, 200).unwrap_err().to_string(),
        "overcommit ratio must be at least 1, got 0"
    );
    assert!(
        requests("2", 2, 150)
            .unwrap_err()
            .to_string()
            .contains("150 vGPU")
    );
}

#[test]
fn an_error_without_a_field_does_not_start_with_a_colon() {
    let e = cpu_request(&"-1".parse().unwrap(), 2).unwrap_err();
    assert!(matches!(e, OvercommitError::NegativeLimit { .. }));
    assert_eq!(
        e.to_string(),
        "Invalid value: \"-1\": a limit must not be negative"
    );
}

#[test]
fn violations_print_every_problem_and_keep_them() {
    let lr: LimitRange = serde_json::from_value(json!({
        "metadata": {"name": "lr"},
        "spec": {"limits": [{"type": "Container", "max": {"cpu": "1", "memory": "1Gi"}}]}
    }))
    .unwrap();
    let pod: Pod = serde_json::from_value(json!({
        "metadata": {"name": "p"},
        "spec": {"containers": [{"name": "a", "resources": {"limits": {"cpu": "2"}}}]}
    }))
    .unwrap();
    let v = LimitRanger::default().validate_pod(&lr, &pod).unwrap_err();
    assert_eq!(
        v.to_string(),
        "[maximum cpu usage per Container is 1, but limit is 2, \
         maximum memory usage per Container is 1Gi.  No limit is specified]"
    );
    assert_eq!(v.len(), 2);
    assert!(!v.is_empty());
    assert!(matches!(v.as_slice()[0], Violation::MaxLimit { .. }));
    assert_eq!(v.iter().count(), 2);
    assert_eq!(v.into_vec().len(), 2);
}
