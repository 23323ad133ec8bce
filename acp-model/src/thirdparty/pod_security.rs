//! `pod-security.admission.config.k8s.io/v1` **PodSecurityConfiguration**: the cluster-wide
//! defaults and exemptions of the Pod Security Admission plugin.
//! It is an apiserver configuration file, not a CRD, so this
// seed 003:4618-4666
//! is a plain serde type with its own `apiVersion`/`kind` fields.
//!
//! ```
//! use acp_model::thirdparty::pod_security::PodSecurityConfiguration;
//! use acp_model::validation::Validate;
//!
//! let cfg: PodSecurityConfiguration = serde_saphyr::from_str(r#"
//! apiVersion: pod-security.admission.config.k8s.io/v1
//! kind: PodSecurityConfiguration
//! defaults:
//!   enforce: baseline
//!   enforce-version: latest
//! exemptions:
//!   usernames: ['admin']
//!   runtimeClasses: ['nvidia']
//!   namespaces: ['kube-system']
//! "#).unwrap();
//! assert_eq!(cfg.exemptions.as_ref().unwrap().namespaces.as_deref(), Some(&["kube-system".to_string()][..]));
//! assert!(cfg.validate().is_empty());
//! ```
//!
//! The namespace labels (`pod-security.kubernetes.io/enforce` …) live in [`crate::labels`].
//! Upstream types: `kubernetes/kubernetes`
//! `staging/src/k8s.io/pod-security-admission/admission/api/v1/types.go`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::names::{is_dns1123_label, is_dns1123_subdomain};
use crate::validation::{ErrorList, FieldError, FieldPath, Validate};

// seed 003:4654
/// `pod-security.admission.config.k8s.io/v1`.
pub const API_VERSION: &str = "pod-security.admission.config.k8s.io/v1";
// seed 003:4656
/// `PodSecurityConfiguration`.
pub const KIND: &str = "PodSecurityConfiguration";

// seed 003:4580-4600
/// The three Pod Security Standards levels, in order of strictness
/// (Privileged, Baseline, Restricted).
pub const LEVELS: &[&str] = &["privileged", "baseline", "restricted"];
/// The version meaning "the running Kubernetes version's standard" (upstream `VersionLatest`).
pub const VERSION_LATEST: &str = "latest";

/// The Pod Security admission plugin's configuration.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct PodSecurityConfiguration {
    /// `pod-security.admission.config.k8s.io/v1` (older clusters: `v1beta1`, `v1alpha1`).
    pub api_version: String,
    /// `PodSecurityConfiguration`.
    pub kind: String,
    /// Levels applied when a namespace has no `pod-security.kubernetes.io/*` label. Upstream
    /// defaults every level to `privileged` and every version to `latest`
    /// (`v1/defaults.go` `SetDefaults_PodSecurityDefaults`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defaults: Option<PodSecurityDefaults>,
    // seed 003:4618
    /// Requests exempt from all checks (ACP docs: "对特定用户、命名空间或
    /// runtime classes 免除 PSA 检查").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemptions: Option<PodSecurityExemptions>,
    /// Fields this crate does not model, kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// `defaults`: level and version per mode. Strings rather than enums because the apiserver
/// validates them ([`Validate`] reports bad values with upstream's messages).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
pub struct PodSecurityDefaults {
    /// Level whose violations reject the pod.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enforce: Option<String>,
    /// Standard version for `enforce` (`latest` or `v1.<minor>`).
    #[serde(
        default,
        rename = "enforce-version",
        skip_serializing_if = "Option::is_none"
    )]
    pub enforce_version: Option<String>,
    /// Level whose violations are recorded in the audit log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<String>,
    /// Standard version for `audit`.
    #[serde(
        default,
        rename = "audit-version",
        skip_serializing_if = "Option::is_none"
    )]
    pub audit_version: Option<String>,
    /// Level whose violations produce a warning to the client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn: Option<String>,
    /// Standard version for `warn`.
    #[serde(
        default,
        rename = "warn-version",
        skip_serializing_if = "Option::is_none"
    )]
    pub warn_version: Option<String>,
}

// seed 003:4658-4664
/// `exemptions`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct PodSecurityExemptions {
    /// Authenticated user names exempt from checks (`['admin']`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usernames: Option<Vec<String>>,
    /// Runtime class names exempt from checks (`['nvidia']`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime_classes: Option<Vec<String>>,
    /// Namespaces exempt from checks (`['kube-system']`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespaces: Option<Vec<String>>,
}

/// Whether `version` is a valid Pod Security Standards version: `latest` or `v1.<minor>` with no
/// leading zero (upstream `k8s.io/pod-security-admission/api` `ParseVersion`,
/// `^v1\.([0-9]|[1-9][0-9]*)$`).
pub fn is_valid_version(version: &str) -> bool {
    if version == VERSION_LATEST {
        return true;
    }
    match version.strip_prefix("v1.") {
        Some(minor) => {
            !minor.is_empty()
                && minor.bytes().all(|b| b.is_ascii_digit())
                && (minor == "0" || !minor.starts_with('0'))
        }
        None => false,
    }
}

impl Validate for PodSecurityConfiguration {
    /// Upstream `k8s.io/pod-security-admission/admission/api/validation`
    /// `ValidatePodSecurityConfiguration` (paths from the configuration root, messages from
    /// `ParseLevel` / `ParseVersion`), applied as upstream does after defaulting: an absent
    /// level or version is valid. Also checks `apiVersion` and `kind`.
    fn validate(&self) -> ErrorList {
        let mut errs = ErrorList::new();
        let known_versions = [
            API_VERSION,
            "pod-security.admission.config.k8s.io/v1beta1",
            "pod-security.admission.config.k8s.io/v1alpha1",
        ];
        if !known_versions.contains(&self.api_version.as_str()) {
            errs.push(FieldError::not_supported(
                &FieldPath::new("apiVersion"),
                self.api_version.as_str(),
                &known_versions,
            ));
        }
        if self.kind != KIND {
            errs.push(FieldError::not_supported(
                &FieldPath::new("kind"),
                self.kind.as_str(),
                &[KIND],
            ));
        }
        if let Some(d) = &self.defaults {
            let p = FieldPath::new("defaults");
            for (name, level, vname, version) in [
                ("enforce", &d.enforce, "enforce-version", &d.enforce_version),
                ("warn", &d.warn, "warn-version", &d.warn_version),
                ("audit", &d.audit, "audit-version", &d.audit_version),
            ] {
                if let Some(l) = level.as_deref().filter(|l| !l.is_empty())
                    && !LEVELS.contains(&l)
                {
                    errs.push(FieldError::invalid(
                        &p.child(name),
                        l,
                        "must be one of privileged, baseline, restricted",
                    ));
                }
                if let Some(v) = version.as_deref().filter(|v| !v.is_empty())
                    && !is_valid_version(v)
                {
                    errs.push(FieldError::invalid(
                        &p.child(vname),
                        v,
                        r#"must be "latest" or "v1.x""#,
                    ));
                }
            }
        }
        if let Some(ex) = &self.exemptions {
            let p = FieldPath::new("exemptions");
            check_list(
                &mut errs,
                &p.child("namespaces"),
                ex.namespaces.as_deref(),
                is_dns1123_label,
            );
            check_list(
                &mut errs,
                &p.child("runtimeClasses"),
                ex.runtime_classes.as_deref(),
                is_dns1123_subdomain,
            );
            let mut seen: Vec<&str> = Vec::new();
            for (i, u) in ex.usernames.iter().flatten().enumerate() {
                let ip = p.child("usernames").index(i);
                if u.is_empty() {
                    errs.push(FieldError::required(&ip, ""));
                } else if seen.contains(&u.as_str()) {
                    errs.push(FieldError::duplicate(&ip, u.as_str()));
                } else {
                    seen.push(u);
                }
            }
        }
        errs
    }
}

/// Each entry must pass `check` (messages joined with `, ` as upstream does) and be unique.
fn check_list(
    errs: &mut ErrorList,
    path: &FieldPath,
    items: Option<&[String]>,
    check: impl Fn(&str) -> Vec<String>,
) {
    let mut seen: Vec<&str> = Vec::new();
    for (i, s) in items.unwrap_or_default().iter().enumerate() {
        let msgs = check(s);
        if !msgs.is_empty() {
            errs.push(FieldError::invalid(
                &path.index(i),
                s.as_str(),
                msgs.join(", "),
            ));
        } else if seen.contains(&s.as_str()) {
            errs.push(FieldError::duplicate(&path.index(i), s.as_str()));
        } else {
            seen.push(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        for ok in ["latest", "v1.0", "v1.25", "v1.100"] {
            assert!(is_valid_version(ok), "{ok}");
        }
        for bad in ["", "v1", "v1.", "v1.01", "v2.0", "1.25", "v1.2a", "Latest"] {
            assert!(!is_valid_version(bad), "{bad}");
        }
    }

    #[test]
    fn reports_every_problem() {
        let cfg: PodSecurityConfiguration = serde_json::from_value(serde_json::json!({
            "apiVersion": API_VERSION, "kind": "Nope",
            "defaults": {"enforce": "strict", "warn-version": "v1.x", "audit": "baseline"},
            "exemptions": {"usernames": ["a", "", "a"], "namespaces": ["Kube", "x", "x"],
                           "runtimeClasses": ["n.v"]}
        }))
        .unwrap();
        let msgs: Vec<String> = cfg.validate().iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs.len(), 7, "{msgs:#?}");
        assert_eq!(
            msgs[0],
            r#"kind: Unsupported value: "Nope": supported values: "PodSecurityConfiguration""#
        );
        assert_eq!(
            msgs[1],
            r#"defaults.enforce: Invalid value: "strict": must be one of privileged, baseline, restricted"#
        );
        assert_eq!(
            msgs[2],
            r#"defaults.warn-version: Invalid value: "v1.x": must be "latest" or "v1.x""#
        );
        assert!(msgs[3].starts_with(r#"exemptions.namespaces[0]: Invalid value: "Kube": "#));
        assert_eq!(msgs[4], r#"exemptions.namespaces[2]: Duplicate value: "x""#);
        assert_eq!(msgs[5], "exemptions.usernames[1]: Required value");
        assert_eq!(msgs[6], r#"exemptions.usernames[2]: Duplicate value: "a""#);
    }
}
