//! The admission decisions of the Pod Security plugin (upstream
//! `k8s.io/pod-security-admission/admission`), without I/O: the caller passes the namespace's
//! labels and, for namespace updates, its pods.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::core::v1::{
    Container, Namespace, Pod, PodSpec, PodTemplate, PodTemplateSpec, ReplicationController,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::api::{Level, LevelVersion, Policy};
use super::checks::{Evaluation, evaluate};
use crate::kube_version::WithSpec;
use crate::labels;
use crate::validation::ErrorList;

/// How many pods of a namespace upstream checks when its enforce level changes.
pub const NAMESPACE_MAX_PODS_TO_CHECK: usize = 3000;

/// The audit annotation naming the enforced policy (`enforce-policy`). The apiserver records
/// each annotation key prefixed with `pod-security.kubernetes.io/`.
pub const ENFORCE_POLICY_ANNOTATION: &str = "enforce-policy";
/// The audit annotation with the audit level's violations (`audit-violations`).
pub const AUDIT_VIOLATIONS_ANNOTATION: &str = "audit-violations";
/// The audit annotation naming why a request was exempt (`exempt`: `user`, `namespace`,
/// `runtimeClass`).
pub const EXEMPT_ANNOTATION: &str = "exempt";
/// The audit annotation with a label parsing error (`error`).
pub const ERROR_ANNOTATION: &str = "error";

/// Who and what is exempt from every check.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exemptions {
    /// Authenticated user names.
    pub usernames: Vec<String>,
    /// `spec.runtimeClassName` values.
    pub runtime_classes: Vec<String>,
    /// Namespace names.
    pub namespaces: Vec<String>,
}

/// The operation of a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    /// `CREATE`.
    Create,
    /// `UPDATE`.
    Update,
}

/// What the plugin knows about a request besides the object.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// Create or update.
    pub operation: Operation,
    /// The object's namespace (for a Namespace, its name).
    pub namespace: &'a str,
    /// The object's name (may be empty with `generateName`).
    pub name: &'a str,
    /// The requesting user.
    pub username: &'a str,
    /// The subresource (`""` for the object itself, `status`, `ephemeralcontainers` …).
    pub subresource: &'a str,
    /// The labels of the object's namespace (ignored for Namespace requests).
    pub namespace_labels: &'a BTreeMap<String, String>,
}

/// How a request was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// 403 (`Forbidden`, a pod violating `enforce`) or 422 (`Invalid`, bad namespace labels).
    pub code: u16,
    /// `Forbidden` or `Invalid`.
    pub reason: &'static str,
    /// The message the client prints (`pods "p" is forbidden: violates PodSecurity …`).
    pub message: String,
}

/// The plugin's answer to a request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decision {
    /// Whether the request is admitted.
    pub allowed: bool,
    /// Why not, when refused.
    pub status: Option<Status>,
    /// The audit annotations (keys without the `pod-security.kubernetes.io/` prefix).
    pub audit_annotations: BTreeMap<String, String>,
    /// Warnings returned to the client.
    pub warnings: Vec<String>,
}

impl Decision {
    fn allow() -> Self {
        Decision {
            allowed: true,
            ..Default::default()
        }
    }

    fn annotated(key: &str, value: impl Into<String>) -> Self {
        let mut d = Decision::allow();
        d.audit_annotations.insert(key.to_owned(), value.into());
        d
    }
}

/// An object with a pod template that audit and warn evaluate.
#[derive(Clone, Copy, Debug)]
pub enum PodController<'a> {
    /// `v1 PodTemplate`.
    PodTemplate(&'a PodTemplate),
    /// `v1 ReplicationController`.
    ReplicationController(&'a ReplicationController),
    /// `apps/v1 ReplicaSet`.
    ReplicaSet(&'a ReplicaSet),
    /// `apps/v1 Deployment`.
    Deployment(&'a Deployment),
    /// `apps/v1 DaemonSet`.
    DaemonSet(&'a DaemonSet),
    /// `apps/v1 StatefulSet`.
    StatefulSet(&'a StatefulSet),
    /// `batch/v1 Job`.
    Job(&'a Job),
    /// `batch/v1 CronJob`.
    CronJob(&'a CronJob),
}

fn template(t: &PodTemplateSpec) -> (Cow<'_, ObjectMeta>, Cow<'_, PodSpec>) {
    let meta = t
        .metadata
        .as_ref()
        .map_or_else(|| Cow::Owned(ObjectMeta::default()), Cow::Borrowed);
    let spec = t
        .spec
        .as_ref()
        .map_or_else(|| Cow::Owned(PodSpec::default()), Cow::Borrowed);
    (meta, spec)
}

fn empty<'x>() -> (Cow<'x, ObjectMeta>, Cow<'x, PodSpec>) {
    (
        Cow::Owned(ObjectMeta::default()),
        Cow::Owned(PodSpec::default()),
    )
}

impl<'a> PodController<'a> {
    /// The pod template's metadata and spec, as upstream extracts them; `None` for a
    /// ReplicationController without a template (nothing to evaluate). A missing spec reads as
    /// the empty one.
    pub fn pod_template(&self) -> Option<(Cow<'a, ObjectMeta>, Cow<'a, PodSpec>)> {
        Some(match *self {
            PodController::PodTemplate(o) => o.template.as_ref().map_or_else(empty, template),
            PodController::ReplicationController(o) => {
                template(o.spec.as_ref().and_then(|s| s.template.as_ref())?)
            }
            PodController::ReplicaSet(o) => o
                .spec_ref()
                .and_then(|s| s.template.as_ref())
                .map_or_else(empty, template),
            PodController::Deployment(o) => {
                o.spec_ref().map_or_else(empty, |s| template(&s.template))
            }
            PodController::DaemonSet(o) => {
                o.spec_ref().map_or_else(empty, |s| template(&s.template))
            }
            PodController::StatefulSet(o) => {
                o.spec_ref().map_or_else(empty, |s| template(&s.template))
            }
            PodController::Job(o) => o
                .spec
                .as_ref()
                .map_or_else(empty, |s| template(&s.template)),
            PodController::CronJob(o) => o
                .spec_ref()
                .and_then(|s| s.job_template.spec.as_ref())
                .map_or_else(empty, |s| template(&s.template)),
        })
    }

    /// The object as a pod controller, when its kind has a pod template.
    #[cfg(feature = "crd")]
    pub fn from_known(o: &'a crate::object::KnownObject) -> Option<Self> {
        use crate::object::KnownObject as K;
        Some(match o {
            K::Deployment(d) => PodController::Deployment(d),
            K::StatefulSet(d) => PodController::StatefulSet(d),
            K::DaemonSet(d) => PodController::DaemonSet(d),
            K::ReplicaSet(d) => PodController::ReplicaSet(d),
            K::Job(d) => PodController::Job(d),
            K::CronJob(d) => PodController::CronJob(d),
            _ => return None,
        })
    }
}

/// The Pod Security admission plugin: the cluster's default policy and exemptions.
///
/// ```
/// use std::collections::BTreeMap;
/// use acp_model::psa::{Admission, Operation, Request};
/// use k8s_openapi::api::core::v1::Pod;
///
/// let labels = BTreeMap::from([
///     ("pod-security.kubernetes.io/enforce".to_string(), "baseline".to_string()),
/// ]);
/// let pod: Pod = serde_json::from_value(serde_json::json!({
///     "metadata": {"name": "p"},
///     "spec": {"hostNetwork": true, "containers": [{"name": "c", "image": "nginx"}]}
/// })).unwrap();
/// let req = Request { operation: Operation::Create, namespace: "demo", name: "p", username: "alice",
///                     subresource: "", namespace_labels: &labels };
/// let d = Admission::default().admit_pod(&req, &pod, None);
/// assert!(!d.allowed);
/// assert_eq!(d.status.unwrap().message,
///     r#"pods "p" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true)"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Admission {
    /// The policy of namespaces without labels (`defaults`).
    pub defaults: Policy,
    /// The exemptions.
    pub exemptions: Exemptions,
    /// How many pods a namespace update checks (upstream: 3000).
    pub max_pods_to_check: usize,
}

impl Default for Admission {
    /// Every mode `privileged:latest`, no exemptions.
    fn default() -> Self {
        Admission {
            defaults: Policy::default(),
            exemptions: Exemptions::default(),
            max_pods_to_check: NAMESPACE_MAX_PODS_TO_CHECK,
        }
    }
}

fn deny(code: u16, reason: &'static str, message: String) -> Decision {
    Decision {
        allowed: false,
        status: Some(Status {
            code,
            reason,
            message,
        }),
        ..Default::default()
    }
}

impl Admission {
    /// The plugin configured by a `PodSecurityConfiguration`: its errors (upstream
    /// `ValidatePodSecurityConfiguration`) refuse it; absent levels default to `privileged`
    /// and absent versions to `latest`.
    #[cfg(feature = "crd")]
    pub fn from_config(
        cfg: &crate::thirdparty::pod_security::PodSecurityConfiguration,
    ) -> Result<Admission, ErrorList> {
        use crate::validation::Validate;
        let errs = cfg.validate();
        if !errs.is_empty() {
            return Err(errs);
        }
        let d = cfg.defaults.clone().unwrap_or_default();
        let level = |s: &Option<String>| {
            s.as_deref()
                .filter(|s| !s.is_empty())
                .and_then(|s| s.parse().ok())
                .unwrap_or(Level::Privileged)
        };
        let version = |s: &Option<String>| {
            s.as_deref()
                .filter(|s| !s.is_empty())
                .and_then(|s| s.parse().ok())
                .unwrap_or(super::api::Version::Latest)
        };
        let ex = cfg.exemptions.clone().unwrap_or_default();
        Ok(Admission {
            defaults: Policy {
                enforce: LevelVersion::new(level(&d.enforce), version(&d.enforce_version)),
                audit: LevelVersion::new(level(&d.audit), version(&d.audit_version)),
                warn: LevelVersion::new(level(&d.warn), version(&d.warn_version)),
            },
            exemptions: Exemptions {
                usernames: ex.usernames.unwrap_or_default(),
                runtime_classes: ex.runtime_classes.unwrap_or_default(),
                namespaces: ex.namespaces.unwrap_or_default(),
            },
            max_pods_to_check: NAMESPACE_MAX_PODS_TO_CHECK,
        })
    }

    /// The policy of a namespace with these labels, and the label errors
    /// ([`Policy::from_labels`] over [`defaults`](Self::defaults)).
    pub fn policy(&self, namespace_labels: &BTreeMap<String, String>) -> (Policy, ErrorList) {
        Policy::from_labels(namespace_labels, &self.defaults)
    }

    fn exempt_namespace(&self, ns: &str) -> bool {
        !ns.is_empty() && self.exemptions.namespaces.iter().any(|n| n == ns)
    }

    fn exempt_user(&self, user: &str) -> bool {
        !user.is_empty() && self.exemptions.usernames.iter().any(|n| n == user)
    }

    fn exempt_runtime_class(&self, rc: Option<&str>) -> bool {
        rc.is_some_and(|rc| {
            !rc.is_empty() && self.exemptions.runtime_classes.iter().any(|n| n == rc)
        })
    }

    /// A Pod create or update (upstream `ValidatePod`): the only request `enforce` refuses.
    ///
    /// Exempt namespaces, users and runtime classes are admitted with an `exempt` annotation;
    /// the `exec`, `attach`, `binding`, `eviction`, `log`, `portforward`, `proxy` and `status`
    /// subresources are not evaluated; an update that changes no container image and adds no
    /// container is admitted unevaluated.
    // DEVIATION: the namespace's labels come with the request (upstream reads the namespace
    // and answers a failed lookup with an error response).
    pub fn admit_pod(&self, req: &Request, pod: &Pod, old: Option<&Pod>) -> Decision {
        const IGNORED: [&str; 8] = [
            "exec",
            "attach",
            "binding",
            "eviction",
            "log",
            "portforward",
            "proxy",
            "status",
        ];
        if IGNORED.contains(&req.subresource) {
            return Decision::allow();
        }
        if self.exempt_namespace(req.namespace) {
            return Decision::annotated(EXEMPT_ANNOTATION, "namespace");
        }
        if self.exempt_user(req.username) {
            return Decision::annotated(EXEMPT_ANNOTATION, "user");
        }
        let (policy, errs) = self.policy(req.namespace_labels);
        if errs.is_empty() && policy.fully_privileged() {
            return Decision::annotated(
                ENFORCE_POLICY_ANNOTATION,
                LevelVersion::latest(Level::Privileged).to_string(),
            );
        }
        if req.operation == Operation::Update
            && let Some(old) = old
            && !significant_pod_update(pod, old)
        {
            return Decision::allow();
        }
        let default_spec;
        let spec = match pod.spec.as_ref() {
            Some(s) => s,
            None => {
                default_spec = PodSpec::default();
                &default_spec
            }
        };
        self.evaluate_pod(req, &policy, &errs, &pod.metadata, spec, true)
    }

    /// A workload with a pod template (upstream `ValidatePodController`): evaluated for
    /// `audit` and `warn` only, never refused.
    pub fn admit_pod_controller(&self, req: &Request, obj: PodController) -> Decision {
        if !req.subresource.is_empty() {
            return Decision::allow();
        }
        if self.exempt_namespace(req.namespace) {
            return Decision::annotated(EXEMPT_ANNOTATION, "namespace");
        }
        if self.exempt_user(req.username) {
            return Decision::annotated(EXEMPT_ANNOTATION, "user");
        }
        let (policy, errs) = self.policy(req.namespace_labels);
        if errs.is_empty()
            && policy.warn.level == Level::Privileged
            && policy.audit.level == Level::Privileged
        {
            return Decision::allow();
        }
        let Some((meta, spec)) = obj.pod_template() else {
            return Decision::allow();
        };
        self.evaluate_pod(req, &policy, &errs, &meta, &spec, false)
    }

    /// Upstream `EvaluatePod`: enforce (when `enforce`), then audit, then warn (only when not
    /// refused), each level evaluated once.
    fn evaluate_pod(
        &self,
        req: &Request,
        policy: &Policy,
        errs: &ErrorList,
        meta: &ObjectMeta,
        spec: &PodSpec,
        enforce: bool,
    ) -> Decision {
        if self.exempt_runtime_class(spec.runtime_class_name.as_deref()) {
            return Decision::annotated(EXEMPT_ANNOTATION, "runtimeClass");
        }
        let mut d = Decision::allow();
        if !errs.is_empty() {
            d.audit_annotations.insert(
                ERROR_ANNOTATION.into(),
                format!("Failed to parse policy: {errs}"),
            );
        }
        let mut cache: Vec<Evaluation> = Vec::with_capacity(3);
        let eval_cached = |lv: LevelVersion, cache: &mut Vec<Evaluation>| -> usize {
            if let Some(i) = cache.iter().position(|e| e.level_version == lv) {
                return i;
            }
            cache.push(evaluate(lv, meta, spec));
            cache.len() - 1
        };
        if enforce {
            d.audit_annotations
                .insert(ENFORCE_POLICY_ANNOTATION.into(), policy.enforce.to_string());
            let i = eval_cached(policy.enforce, &mut cache);
            if !cache[i].allowed() {
                d = Decision {
                    audit_annotations: d.audit_annotations,
                    ..deny(
                        403,
                        "Forbidden",
                        format!(
                            "pods {} is forbidden: {}",
                            crate::go::quote(req.name),
                            cache[i]
                        ),
                    )
                };
            }
        }
        let i = eval_cached(policy.audit, &mut cache);
        if !cache[i].allowed() {
            d.audit_annotations
                .insert(AUDIT_VIOLATIONS_ANNOTATION.into(), would_violate(&cache[i]));
        }
        if d.allowed {
            let i = eval_cached(policy.warn, &mut cache);
            if !cache[i].allowed() {
                d.warnings.push(would_violate(&cache[i]));
            }
        }
        d
    }

    /// A Namespace create or update (upstream `ValidateNamespace`).
    ///
    /// Bad labels refuse a create, and an update whose label errors are new. When an update
    /// tightens the enforce level or changes its version, the namespace's `pods` are evaluated
    /// at the new level and the violations come back as warnings
    /// ([`evaluate_pods_in_namespace`](Self::evaluate_pods_in_namespace)). An exempt namespace
    /// with a non-privileged policy gets a warning that the policy is ignored.
    pub fn admit_namespace(
        &self,
        req: &Request,
        namespace: &Namespace,
        old: Option<&Namespace>,
        pods: &[Pod],
    ) -> Decision {
        if !req.subresource.is_empty() {
            return Decision::allow();
        }
        let empty = BTreeMap::new();
        let name = namespace.metadata.name.as_deref().unwrap_or("");
        let ns_labels = namespace.metadata.labels.as_ref().unwrap_or(&empty);
        let (new_policy, new_errs) = self.policy(ns_labels);
        let invalid =
            |errs: &ErrorList| deny(422, "Invalid", errs.invalid_message("Namespace", "", name));
        let exempt_warning = |d: Decision| {
            if let Some(w) = self.exempt_namespace_warning(name, &new_policy, ns_labels) {
                let mut d = Decision::allow();
                d.warnings.push(w);
                d
            } else {
                d
            }
        };
        match (req.operation, old) {
            (Operation::Create, _) | (Operation::Update, None) => {
                if !new_errs.is_empty() {
                    return invalid(&new_errs);
                }
                if self.exempt_namespace(req.namespace) {
                    return exempt_warning(Decision::allow());
                }
                Decision::allow()
            }
            (Operation::Update, Some(old)) => {
                let old_labels = old.metadata.labels.as_ref().unwrap_or(&empty);
                let (old_policy, old_errs) = self.policy(old_labels);
                if !new_errs.is_empty() && (old_errs.is_empty() || new_errs != old_errs) {
                    return invalid(&new_errs);
                }
                if new_policy.enforce == old_policy.enforce
                    || new_policy.enforce.level == Level::Privileged
                    || (new_policy.enforce.version == old_policy.enforce.version
                        && new_policy.enforce.level <= old_policy.enforce.level)
                {
                    return Decision::allow();
                }
                if self.exempt_namespace(req.namespace) {
                    return exempt_warning(Decision::allow());
                }
                let mut d = Decision::allow();
                d.warnings = self.evaluate_pods_in_namespace(name, new_policy.enforce, pods);
                d
            }
        }
    }

    /// Upstream `exemptNamespaceWarning`.
    fn exempt_namespace_warning(
        &self,
        namespace: &str,
        policy: &Policy,
        ns_labels: &BTreeMap<String, String>,
    ) -> Option<String> {
        if policy.fully_privileged() || policy.equivalent(&self.defaults) {
            return None;
        }
        let mut parts: Vec<String> = Vec::new();
        for (mode, lv, level_label, version_label) in [
            (
                "enforce",
                policy.enforce,
                labels::PSA_ENFORCE,
                labels::PSA_ENFORCE_VERSION,
            ),
            (
                "audit",
                policy.audit,
                labels::PSA_AUDIT,
                labels::PSA_AUDIT_VERSION,
            ),
            (
                "warn",
                policy.warn,
                labels::PSA_WARN,
                labels::PSA_WARN_VERSION,
            ),
        ] {
            if lv.level != Level::Privileged
                && (ns_labels.contains_key(level_label) || ns_labels.contains_key(version_label))
            {
                parts.push(format!("{mode}={lv}"));
            }
        }
        Some(format!(
            "namespace {} is exempt from Pod Security, and the policy ({}) will be ignored",
            crate::go::quote(namespace),
            parts.join(", ")
        ))
    }

    /// The warnings for a namespace's existing pods under a new enforce level (upstream
    /// `EvaluatePodsInNamespace`).
    ///
    /// Pods of exempt runtime classes are skipped; one pod per controller is checked before the
    /// other replicas; at most [`max_pods_to_check`](Self::max_pods_to_check) pods are checked.
    /// Pods failing with the same reasons share one warning, prefixed by the lexically first pod
    /// name and the count of the others; the warnings are sorted.
    pub fn evaluate_pods_in_namespace(
        &self,
        namespace: &str,
        enforce: LevelVersion,
        pods: &[Pod],
    ) -> Vec<String> {
        // DEVIATION: no time budget (upstream: one second or half the request's deadline); no
        // clock here, so only the pod count bounds the work.
        let prioritized = self.prioritize_pods(pods);
        let total = prioritized.len();
        let checked = total.min(self.max_pods_to_check);
        let mut order: Vec<String> = Vec::new();
        let mut counts: HashMap<String, (String, usize)> = HashMap::new();
        let default_spec = PodSpec::default();
        for pod in &prioritized[..checked] {
            let spec = pod.spec.as_ref().unwrap_or(&default_spec);
            let r = evaluate(enforce, &pod.metadata, spec);
            if r.allowed() {
                continue;
            }
            let warning = r.forbidden_reason();
            let name = pod.metadata.name.clone().unwrap_or_default();
            match counts.get_mut(&warning) {
                Some((first, n)) => {
                    if name < *first {
                        *first = name;
                    }
                    *n += 1;
                }
                None => {
                    order.push(warning.clone());
                    counts.insert(warning, (name, 1));
                }
            }
        }
        let mut warnings = Vec::new();
        if checked < total {
            warnings.push(format!(
                "new PodSecurity enforce level only checked against the first {checked} of {total} existing pods"
            ));
        }
        if !order.is_empty() {
            warnings.push(format!(
                "existing pods in namespace {} violate the new PodSecurity enforce level {}",
                crate::go::quote(namespace),
                crate::go::quote(&enforce.to_string())
            ));
        }
        let mut pod_warnings: Vec<String> = order
            .into_iter()
            .map(|w| {
                let (first, n) = &counts[&w];
                match n {
                    1 => format!("{first}: {w}"),
                    2 => format!("{first} (and 1 other pod): {w}"),
                    n => format!("{first} (and {} other pods): {w}", n - 1),
                }
            })
            .collect();
        pod_warnings.sort();
        warnings.extend(pod_warnings);
        warnings
    }

    /// Upstream `prioritizePods`: exempt runtime classes dropped, the first pod of each
    /// controller first, then the other replicas.
    fn prioritize_pods<'p>(&self, pods: &'p [Pod]) -> Vec<&'p Pod> {
        let mut first = Vec::new();
        let mut duplicates = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for pod in pods {
            let rc = pod
                .spec
                .as_ref()
                .and_then(|s| s.runtime_class_name.as_deref());
            if self.exempt_runtime_class(rc) {
                continue;
            }
            let controller = pod
                .metadata
                .owner_references
                .iter()
                .flatten()
                .find(|o| o.controller == Some(true));
            match controller {
                None => first.push(pod),
                Some(o) if seen.contains(&o.uid.as_str()) => duplicates.push(pod),
                Some(o) => {
                    seen.push(&o.uid);
                    first.push(pod);
                }
            }
        }
        first.extend(duplicates);
        first
    }
}

/// Upstream `isSignificantPodUpdate`: a container added or removed, an image changed, or an
/// ephemeral container added or changed.
pub fn significant_pod_update(pod: &Pod, old: &Pod) -> bool {
    let none = PodSpec::default();
    let new = pod.spec.as_ref().unwrap_or(&none);
    let old = old.spec.as_ref().unwrap_or(&none);
    let init = |s: &PodSpec| s.init_containers.as_deref().unwrap_or(&[]).len();
    if new.containers.len() != old.containers.len() || init(new) != init(old) {
        return true;
    }
    let image = |c: &Container| c.image.clone().unwrap_or_default();
    let changed =
        |a: &[Container], b: &[Container]| a.iter().zip(b).any(|(x, y)| image(x) != image(y));
    if changed(&new.containers, &old.containers)
        || changed(
            new.init_containers.as_deref().unwrap_or(&[]),
            old.init_containers.as_deref().unwrap_or(&[]),
        )
    {
        return true;
    }
    for c in new.ephemeral_containers.iter().flatten() {
        match old
            .ephemeral_containers
            .iter()
            .flatten()
            .find(|o| o.name == c.name)
        {
            None => return true,
            Some(o) if o.image.as_deref().unwrap_or("") != c.image.as_deref().unwrap_or("") => {
                return true;
            }
            Some(_) => {}
        }
    }
    false
}

/// `would violate PodSecurity "<level>:<version>": <details>` (audit annotation and warning).
fn would_violate(e: &Evaluation) -> String {
    format!(
        "would violate PodSecurity \"{}\": {}",
        e.level_version,
        e.forbidden_detail()
    )
}
