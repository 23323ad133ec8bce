//! Pod Security Admission, evaluated as the API server's `PodSecurity` plugin
//! (`k8s.io/pod-security-admission`) does: the Pod Security Standards checks at every level and
//! version, the namespace labels, the modes and exemptions, and — beyond upstream — the
//! smallest `securityContext` fix for a refused pod.
//!
//! ```
//! use acp_model::psa::{self, Level, LevelVersion};
//! use k8s_openapi::api::core::v1::Pod;
//!
//! let pod: Pod = serde_json::from_value(serde_json::json!({
//!     "metadata": {"name": "web"},
//!     "spec": {"containers": [{"name": "app", "image": "nginx"}]}
//! })).unwrap();
//! let (meta, spec) = (&pod.metadata, pod.spec.as_ref().unwrap());
//! let restricted = LevelVersion::latest(Level::Restricted);
//!
//! let verdict = psa::evaluate(restricted, meta, spec);
//! assert_eq!(verdict.to_string(), concat!(
//!     r#"violates PodSecurity "restricted:latest": "#,
//!     r#"allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), "#,
//!     r#"unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), "#,
//!     r#"runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), "#,
//!     r#"seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")"#,
//! ));
//!
//! let fix = psa::fix(restricted, meta, spec).unwrap();
//! assert!(psa::passes(restricted, &fix.metadata, &fix.spec));
//! assert_eq!(fix.patch(), serde_json::json!([
//!     {"op": "add", "path": "/spec/containers/0/securityContext",
//!      "value": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}},
//!     {"op": "add", "path": "/spec/securityContext",
//!      "value": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}}},
//! ]));
//! ```
//!
//! # Levels, versions, checks
//!
//! [`evaluate`] runs the checks of a [`LevelVersion`] ([`checks_for`]): none at `privileged`;
//! every baseline check that exists at the version; at `restricted` also the restricted checks,
//! each replacing the baseline check it tightens (`restrictedVolumes` replaces
//! `hostPathVolumes`, `seccompProfile_restricted` the baseline seccomp check from v1.19,
//! `capabilities_restricted` the baseline capabilities check from v1.22,
//! `procMount_restricted` the baseline `procMount` from v1.35). Each [`CheckId`] lists the
//! minimum versions of its variants ([`CheckId::versions`]): host probe and lifecycle hosts are
//! checked from v1.34; `container_engine_t` is an allowed SELinux type from v1.31; the sysctl
//! allow-list grows at v1.27, v1.29, v1.32 and v1.37; from v1.25 `os.name: windows` pods skip
//! `allowPrivilegeEscalation`, capabilities and seccomp; from v1.35 `hostUsers: false` pods
//! skip `runAsNonRoot`, `runAsUser` and baseline's `procMount`. Seccomp is read from the
//! deprecated annotations before v1.19. `latest`, and any version newer than the Kubernetes
//! minor of this build, are evaluated as [`latest_minor`].
//!
//! The reasons and details are upstream's words; [`Evaluation`]'s `Display` is the enforce
//! error (`violates PodSecurity "<level>:<version>": <reason> (<detail>), …`).
//!
//! Restricted implies baseline with one upstream exception: a `windows` pod that sets
//! `seccompProfile` or `capabilities` (Linux-only fields API validation refuses there) passes
//! restricted from v1.25 yet fails baseline's checks of those fields.
//!
//! Objects are evaluated as given. The API server defaults before admission, for instance a
//! volume without a source becomes `emptyDir`; such a volume here is a restricted volume of
//! type `unknown`, as the check itself reports it.
//!
//! The ACP documentation summarises baseline as blocking "unrestricted hostPath volumes";
//! upstream baseline forbids every `hostPath` volume, and so does this module.
//!
//! # Namespaces and modes
//!
//! [`Policy::from_labels`] reads the `pod-security.kubernetes.io/{enforce,audit,warn}` labels
//! and their `-version` labels with upstream's errors and fallbacks. An [`Admission`] holds the
//! cluster defaults and exemptions (from a `PodSecurityConfiguration` with
//! `Admission::from_config`) and decides requests: [`Admission::admit_pod`] (the only request
//! `enforce` refuses), [`Admission::admit_pod_controller`] (workloads with a pod template:
//! audit and warn only), [`Admission::admit_namespace`] (label validation, and warnings for the
//! existing pods when the enforce level tightens,
//! [`Admission::evaluate_pods_in_namespace`]).
//!
//! # The fix
//!
//! [`fix`] returns the least `securityContext` edits (and deprecated-annotation edits) that
//! make a pod pass, as typed [`Change`]s and as an RFC 6902 JSON Patch ([`Fix::patch`],
//! [`Fix::patch_at`] for a template inside a workload), or [`Unfixable`] naming the failures
//! no such edit can remove: host namespaces, host ports, `hostPath` and other restricted
//! volume types, probe and lifecycle hosts.
//!
//! # Deviations
//!
//! * DEVIATION: [`Admission::evaluate_pods_in_namespace`] has no time budget (upstream stops
//!   after one second or half the request's deadline); only the pod count is bounded.
//! * DEVIATION: a version minor beyond `u32` is refused as malformed; upstream accepts any Go
//!   `int` (every such version is evaluated as the newest policy anyway).
//! * DEVIATION: the caller passes the namespace's labels and pods; upstream reads them from the
//!   API, and answers a failed lookup with an error response this module cannot produce.

mod admission;
mod api;
mod checks;
mod fix;

pub use admission::*;
pub use api::*;
pub use checks::*;
pub use fix::*;
