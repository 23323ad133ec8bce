//! Golden CRDs: `crd()` of every ACP kind, committed under `crates/acp-model/crds/`, regenerated and
//! compared here; each must be a structural schema, and carry the group, version, kind and scope
//! the seeds give. Regenerate after an intended change with `ACP_BLESS=1 cargo test -p acp-model --test crds`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/structural.rs"]
mod structural;

use std::path::Path;

use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::CustomResourceExt;

fn crds() -> Vec<(
    CustomResourceDefinition,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
)> {
    // (crd, group, version, kind, scope) — the expected values come from the seeds.
    use acp_model::*;
    vec![
        (
            application::Application::crd(),
            "app.k8s.io",
            "v1beta1",
            "Application",
            "Namespaced",
        ),
        (
            application::application_history_crd(),
            "app.k8s.io",
            "v1beta1",
            "ApplicationHistory",
            "Namespaced",
        ),
        (
            alb::Alb2::crd(),
            "crd.alauda.io",
            "v2beta1",
            "ALB2",
            "Namespaced",
        ),
        (
            alb::Frontend::crd(),
            "crd.alauda.io",
            "v1",
            "Frontend",
            "Namespaced",
        ),
        (
            alb::Rule::crd(),
            "crd.alauda.io",
            "v1",
            "Rule",
            "Namespaced",
        ),
        (
            ratio::NamespaceResourceRatio::crd(),
            "resource.alauda.io",
            "v1",
            "NamespaceResourceRatio",
            "Namespaced",
        ),
        (
            cronhpa::CronHpa::crd(),
            "tkestack.io",
            "v1",
            "CronHPA",
            "Namespaced",
        ),
        (
            machineconfig::MachineConfig::crd(),
            "machineconfiguration.alauda.io",
            "v1alpha1",
            "MachineConfig",
            "Cluster",
        ),
        (
            machineconfig::MachineConfigPool::crd(),
            "machineconfiguration.alauda.io",
            "v1alpha1",
            "MachineConfigPool",
            "Cluster",
        ),
        (
            machineconfig::MachineConfiguration::crd(),
            "machineconfiguration.alauda.io",
            "v1alpha1",
            "MachineConfiguration",
            "Cluster",
        ),
        // Third-party kinds, as far as the seeds use them (unknown fields preserved).
        (
            thirdparty::vpa::VerticalPodAutoscaler::crd(),
            "autoscaling.k8s.io",
            "v1",
            "VerticalPodAutoscaler",
            "Namespaced",
        ),
        (
            thirdparty::keda::ScaledObject::crd(),
            "keda.sh",
            "v1alpha1",
            "ScaledObject",
            "Namespaced",
        ),
        (
            thirdparty::rollout::Rollout::crd(),
            "argoproj.io",
            "v1alpha1",
            "Rollout",
            "Namespaced",
        ),
    ]
}

#[test]
fn golden_crds_match_and_are_structural() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("crds");
    let bless = std::env::var_os("ACP_BLESS").is_some();
    let mut problems = Vec::new();
    for (crd, group, version, kind, scope) in crds() {
        let name = crd.metadata.name.clone().unwrap();
        assert_eq!(crd.spec.group, group, "{name}");
        assert_eq!(crd.spec.names.kind, kind, "{name}");
        assert_eq!(crd.spec.scope, scope, "{name}");
        assert!(
            crd.spec
                .versions
                .iter()
                .any(|v| v.name == version && v.served && v.storage),
            "{name}: {version}"
        );
        for v in &crd.spec.versions {
            let schema = v
                .schema
                .as_ref()
                .and_then(|s| s.open_api_v3_schema.as_ref())
                .expect("schema");
            let value = serde_json::to_value(schema).unwrap();
            for violation in structural::structural_violations(&value) {
                problems.push(format!("{name} {}: {violation}", v.name));
            }
        }
        let yaml = serde_saphyr::to_string(&crd).unwrap();
        let file = dir.join(format!("{name}.yaml"));
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&file, &yaml).unwrap();
        } else {
            match std::fs::read_to_string(&file) {
                Ok(golden) if golden == yaml => {}
                Ok(_) => problems.push(format!(
                    "{name}: differs from {} (ACP_BLESS=1 to regenerate)",
                    file.display()
                )),
                Err(_) => problems.push(format!(
                    "{name}: {} missing (ACP_BLESS=1 to generate)",
                    file.display()
                )),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
