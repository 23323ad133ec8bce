//! The public error types compose: each is a `std::error::Error + Send + Sync + 'static` and
//! works with `?` into `Box<dyn Error>`; list errors print every problem and keep them.

use std::error::Error;

use acp_workload::hpa::{ConsoleInput, console_replicas};

fn is_error<E: Error + Send + Sync + 'static>() {}

#[test]
fn every_public_error_type_is_a_std_error() {
    is_error::<acp_workload::hpa::HpaError>();
    is_error::<acp_workload::hpa::ConsoleError>();
    is_error::<acp_workload::hpa::ConversionError>();
    is_error::<acp_workload::hpa::HpaManifestError>();
    is_error::<acp_workload::argo::ArgoError>();
    is_error::<acp_workload::rolling::RollingError>();
    is_error::<acp_workload::planner::PlanError>();
    is_error::<acp_workload::keda::KedaError>();
}

fn console(input: &ConsoleInput) -> Result<i32, Box<dyn Error + Send + Sync>> {
    Ok(console_replicas(input)?.replicas)
}

#[test]
fn console_error_lists_every_problem_with_its_path() {
    let input = ConsoleInput {
        current_replicas: 1,
        min_replicas: 5,
        max_replicas: 2,
        policies: Vec::new(),
        tolerance_percent: 10,
    };
    let err = console_replicas(&input).unwrap_err();
    assert_eq!(
        err.to_string(),
        "[policies: Required value: at least one policy is needed, minReplicas: Invalid value: 5: \
         must be less than or equal to maxReplicas (2)]"
    );
    assert_eq!(err.errors().len(), 2);
    assert_eq!(err.clone().into_errors().into_vec()[1].field, "minReplicas");
    assert_eq!(console(&input).unwrap_err().to_string(), err.to_string());
}

#[test]
fn manifest_errors_compose_with_question_mark() {
    fn parse(doc: serde_json::Value) -> Result<String, Box<dyn Error>> {
        let h = acp_workload::hpa::parse_v2(&doc)?;
        Ok(h.metadata.name.unwrap_or_default())
    }
    assert!(parse(serde_json::json!({"apiVersion": "apps/v1", "kind": "Deployment"})).is_err());
}
