//! Golden CRDs: `crd()` of every ACP kind, committed under `acp-model/crds/`, regenerated and
//! compared here; each must be a structural schema, and carry the group, version, kind and scope
//! the seeds give. Regenerate after an intended change with `ACP_BLESS=1 cargo test -p acp-model --test main crds`.

use crate::support::structural;

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
    // The committed CRDs embed Kubernetes 1.35's schemas of built-in types (a Rollout's pod
    // template, a ScaledObject's HPA behaviour); under another minor only their structure is
    // checked.
    let golden_minor = acp_model::kube_version::MINOR == 35;
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
        } else if golden_minor {
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

/// The checker itself: it accepts a structural schema and names each kind of violation.
#[test]
fn checker_accepts_structural_and_rejects_non_structural() {
    use serde_json::json;
    let good = json!({
        "type": "object",
        "properties": {
            "metadata": {"type": "object", "properties": {"name": {"type": "string", "maxLength": 63}}},
            "spec": {"type": "object", "properties": {
                "port": {"type": "integer"},
                "weights": {"type": "array", "items": {"type": "integer"}},
                "maxSurge": {"x-kubernetes-int-or-string": true, "anyOf": [{"type": "integer"}, {"type": "string"}]},
                "raw": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "oneField": {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
                    "oneOf": [{"required": ["a"]}, {"required": ["b"]}]}
            }}
        }
    });
    assert_eq!(
        structural::structural_violations(&good),
        Vec::<String>::new()
    );
    let bad = json!({
        "type": "object",
        "properties": {
            "metadata": {"type": "object", "properties": {"labels": {"type": "object"}}},
            "spec": {"properties": {
                "r": {"$ref": "#/definitions/X"},
                "l": {"type": "array"},
                "t": {"type": ["string", "null"]},
                "j": {"type": "object", "anyOf": [{"type": "string", "properties": {"zz": {}}}]}
            }}
        }
    });
    let v = structural::structural_violations(&bad);
    let has = |s: &str| v.iter().any(|m| m.contains(s));
    assert!(has(".properties.spec.type: Required value"), "{v:#?}");
    assert!(
        has(".properties.spec.properties.r: $ref is not allowed"),
        "{v:#?}"
    );
    assert!(
        has(".properties.spec.properties.l.items: Required value"),
        "{v:#?}"
    );
    assert!(
        has(".properties.spec.properties.t.type: must be a single string"),
        "{v:#?}"
    );
    assert!(has("anyOf[0].type: must not be set inside"), "{v:#?}");
    assert!(
        has("anyOf[0].properties.zz: must also be specified outside"),
        "{v:#?}"
    );
    assert!(
        has("metadata.properties.labels: only name and generateName"),
        "{v:#?}"
    );
}
