//! Cross-cutting labels and annotations the ACP documentation names.
//!
//! Kind-specific keys live beside their kind (for example `acp_model::alb::labels`,
//! `acp_model::machineconfig`); this module holds the platform-wide ones: projects, UID/GID
//! ranges, Pod Security Admission, console metadata, Helm-chart applications.
//!
//! ```
//! use acp_model::labels::{PROJECT, PSA_ENFORCE};
//! use std::collections::BTreeMap;
//!
//! let mut labels = BTreeMap::new();
//! labels.insert(PROJECT.to_string(), "demo".to_string());
//! labels.insert(PSA_ENFORCE.to_string(), "baseline".to_string());
//! assert_eq!(labels["cpaas.io/project"], "demo");
//! ```

// seed 003:5185
/// Namespace label naming the ACP project that owns the namespace; removing it detaches the
/// namespace from its project
/// (`kubectl label namespace <ns> cpaas.io/project- --overwrite`).
pub const PROJECT: &str = "cpaas.io/project";

// seed 003:4702-4704
/// Namespace label that turns on automatic UID/GID assignment when `"true"`; `"false"` or absent
/// turns it off.
pub const SECURITY_ENABLED: &str = "security.cpaas.io/enabled";

// seed 003:4710-4718
/// Namespace annotation holding the UID/GID range assigned to the namespace, e.g.
/// `1000002000-1000011999`; pods that set neither `runAsUser` nor `fsGroup` get the first value.
pub const SECURITY_UID_RANGE: &str = "security.cpaas.io/uid-range";

// seed 003:4077, 4634
/// Pod Security Admission: the level enforced on the namespace
/// (upstream `k8s.io/pod-security-admission/api` `EnforceLevelLabel`).
pub const PSA_ENFORCE: &str = "pod-security.kubernetes.io/enforce";
// seed 003:4073, 4636
/// Pod Security Admission: the level audited.
pub const PSA_AUDIT: &str = "pod-security.kubernetes.io/audit";
// seed 003:4079, 4638
/// Pod Security Admission: the level warned about.
pub const PSA_WARN: &str = "pod-security.kubernetes.io/warn";
/// Pod Security Admission: the policy version pinned for `enforce` (upstream
/// `EnforceVersionLabel`; values `latest` or `v1.x`).
pub const PSA_ENFORCE_VERSION: &str = "pod-security.kubernetes.io/enforce-version";
/// Pod Security Admission: the policy version pinned for `audit`.
pub const PSA_AUDIT_VERSION: &str = "pod-security.kubernetes.io/audit-version";
/// Pod Security Admission: the policy version pinned for `warn`.
pub const PSA_WARN_VERSION: &str = "pod-security.kubernetes.io/warn-version";
/// The three Pod Security Standards levels, in increasing strictness (upstream
/// `pod-security-admission/api` `Level`).
pub const PSA_LEVELS: [&str; 3] = ["privileged", "baseline", "restricted"];

// seed 003:16191
/// Display name shown by the console.
pub const DISPLAY_NAME: &str = "cpaas.io/display-name";
// seed 003:16450
/// Label selecting platform objects by cluster.
pub const CLUSTER_NAME: &str = "cpaas.io/cluster-name";
// seed 003:16450
/// Label selecting platform objects by module.
pub const MODULE_NAME: &str = "cpaas.io/module-name";
// seed 003:8567
/// Namespace label marking a namespace as part of a platform product, e.g.
/// `Container-Platform`.
pub const PRODUCT: &str = "cpaas.io/product";
// seed 003:8426
/// Operator-group annotation listing the namespaces an operator watches; `""` means all.
pub const TARGET_NAMESPACES: &str = "cpaas.io/target-namespaces";

// seed 003:13931
/// Annotation asking the platform to create an Application for a workload
/// (value `"true"`).
pub const CREATE_APP: &str = "alauda.io/create-app";
// seed 003:14156
/// Label marking a chart repository as a project catalog.
pub const PROJECT_CATALOG: &str = "project.cpaas.io/catalog";
// seed 003:14227
/// Annotation recording a Helm-chart application's chart source, e.g. `test/nginx`.
pub const CHART_SOURCE: &str = "app.cpaas.io/chart.source";
// seed 003:14229
/// Annotation recording a Helm-chart application's chart version.
pub const CHART_VERSION: &str = "app.cpaas.io/chart.version";
// seed 003:14231
/// Annotation recording a Helm-chart application's values as JSON.
pub const CHART_VALUES: &str = "app.cpaas.io/chart.values";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::is_qualified_name;

    #[test]
    fn every_key_is_a_qualified_name() {
        for key in [
            PROJECT,
            SECURITY_ENABLED,
            SECURITY_UID_RANGE,
            PSA_ENFORCE,
            PSA_AUDIT,
            PSA_WARN,
            PSA_ENFORCE_VERSION,
            PSA_AUDIT_VERSION,
            PSA_WARN_VERSION,
            DISPLAY_NAME,
            CLUSTER_NAME,
            MODULE_NAME,
            PRODUCT,
            TARGET_NAMESPACES,
            CREATE_APP,
            PROJECT_CATALOG,
            CHART_SOURCE,
            CHART_VERSION,
            CHART_VALUES,
        ] {
            assert!(is_qualified_name(key).is_empty(), "{key}");
        }
    }
}
