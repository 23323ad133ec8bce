//! Deployments, ReplicaSets, DaemonSets, StatefulSets, Jobs and CronJobs as the API server
//! validates them on create: the selector and the pod template, with the API server's field
//! paths and messages (Kubernetes' `pkg/apis/apps/validation` and `pkg/apis/batch/validation`).
//!
//! * Deployment, ReplicaSet, StatefulSet: a non-empty `spec.selector` (`empty selector is
//!   invalid for deployment` — ReplicaSets print "deployment" too — or `… for statefulset`);
//!   DaemonSet: `… for daemonset`. A missing selector does not deserialise at all (the field is
//!   required in `apps/v1`).
//! * The selector must select the template's labels: `` `selector` does not match template
//!   `labels` `` at `spec.template.metadata.labels`.
//! * The template's `restartPolicy` must be `Always`; `activeDeadlineSeconds` is refused.
//! * Deployment, ReplicaSet and DaemonSet templates get the pod-spec checks of
//!   [`crate::pod`]. StatefulSet templates do not: the API server checks only their labels
//!   (at `spec.template.labels`, its path) and leaves the pod spec to the Pods.
//! * StatefulSet `serviceName` is optional in every Kubernetes minor acp-model builds for
//!   (1.33–1.37) and the API server does not check it; the ACP documentation's example sets
//!   it for the Pods' network identity.
//! * Job (and a CronJob's `spec.jobTemplate`): the pod spec, and `restartPolicy` `OnFailure` or
//!   `Never` (an unset policy is `Required value: valid values: "OnFailure", "Never"`).
//!
//! Rollout and update-strategy rules live in `acp-workload` (`rolling`).
//!
//! ```
//! use acp_model::workload::validate_deployment;
//! use k8s_openapi::api::apps::v1::Deployment;
//!
//! let d: Deployment = serde_json::from_value(serde_json::json!({
//!     "metadata": {"name": "web"},
//!     "spec": {"selector": {"matchLabels": {"app": "web"}},
//!              "template": {"metadata": {"labels": {"app": "nginx"}},
//!                           "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"}]}}}
//! })).unwrap();
//! assert_eq!(
//!     validate_deployment(&d).to_string(),
//!     r#"spec.template.metadata.labels: Invalid value: {"app":"nginx"}: `selector` does not match template `labels`"#
//! );
//! ```

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::batch::v1::{CronJob, Job, JobSpec};
use k8s_openapi::api::core::v1::PodTemplateSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use serde_json::{Value, json};

use crate::kube_version::WithSpec;
use crate::names::{
    NameRule, validate_label_selector, validate_labels, validate_nonnegative, validate_object_meta,
};
use crate::pod::validate_pod_template_spec;
use crate::validation::{ErrorList, FieldError, FieldPath};

const DOES_NOT_MATCH: &str = "`selector` does not match template `labels`";

/// The selector as the API server prints it: empty parts left out.
fn selector_json(sel: &LabelSelector) -> Value {
    let mut out = serde_json::Map::new();
    if let Some(ml) = sel.match_labels.as_ref().filter(|m| !m.is_empty()) {
        out.insert("matchLabels".into(), json!(ml));
    }
    if let Some(me) = sel.match_expressions.as_ref().filter(|m| !m.is_empty()) {
        let exprs: Vec<Value> = me
            .iter()
            .map(|r| {
                let mut o = serde_json::Map::new();
                o.insert("key".into(), json!(r.key));
                o.insert("operator".into(), json!(r.operator));
                if let Some(v) = r.values.as_ref().filter(|v| !v.is_empty()) {
                    o.insert("values".into(), json!(v));
                }
                Value::Object(o)
            })
            .collect();
        out.insert("matchExpressions".into(), Value::Array(exprs));
    }
    Value::Object(out)
}

fn is_empty_selector(sel: &LabelSelector) -> bool {
    sel.match_labels.as_ref().is_none_or(BTreeMap::is_empty)
        && sel.match_expressions.as_ref().is_none_or(Vec::is_empty)
}

/// Does the selector select these labels (`labels.Selector.Matches`)?
pub fn selector_matches(sel: &LabelSelector, labels: Option<&BTreeMap<String, String>>) -> bool {
    let get = |k: &str| labels.and_then(|l| l.get(k)).map(String::as_str);
    let labels_ok = sel
        .match_labels
        .iter()
        .flatten()
        .all(|(k, v)| get(k) == Some(v.as_str()));
    let exprs_ok = sel.match_expressions.iter().flatten().all(|r| {
        let values = r.values.as_deref().unwrap_or_default();
        let has = |v: &str| values.iter().any(|x| x == v);
        match r.operator.as_str() {
            "In" => get(&r.key).is_some_and(has),
            "NotIn" => get(&r.key).is_none_or(|v| !has(v)),
            "Exists" => get(&r.key).is_some(),
            "DoesNotExist" => get(&r.key).is_none(),
            _ => false,
        }
    });
    labels_ok && exprs_ok
}

fn template_labels(t: &PodTemplateSpec) -> Option<&BTreeMap<String, String>> {
    t.metadata.as_ref().and_then(|m| m.labels.as_ref())
}

/// The template labels as the API server prints them: `null` when unset.
fn labels_json(t: &PodTemplateSpec) -> Value {
    template_labels(t).map_or(Value::Null, |l| json!(l))
}

fn restart_policy(t: &PodTemplateSpec) -> &str {
    t.spec.as_ref().map_or("Always", crate::pod::restart_policy)
}

fn active_deadline(t: &PodTemplateSpec) -> bool {
    t.spec
        .as_ref()
        .is_some_and(|s| s.active_deadline_seconds.is_some())
}

/// The selector checks shared by Deployment, ReplicaSet and StatefulSet: the selector's own
/// rules, not empty, and (when valid and not empty) matching the template's labels.
fn selector_and_template(
    sel: &LabelSelector,
    template: &PodTemplateSpec,
    kind_word: &str,
    errs: &mut ErrorList,
) -> bool {
    let sel_path = FieldPath::new("spec").child("selector");
    let sel_errs = validate_label_selector(sel, &sel_path);
    let valid = sel_errs.is_empty();
    errs.extend(sel_errs);
    if !valid {
        // The selector cannot be turned into a label selector either.
        let detail = if kind_word == "statefulset" {
            ""
        } else {
            "invalid label selector"
        };
        errs.push(FieldError::invalid(&sel_path, selector_json(sel), detail));
    }
    // DEVIATION: an absent selector deserialises as the empty one; upstream reports an absent
    // selector as `Required value` instead.
    if is_empty_selector(sel) {
        errs.push(FieldError::invalid(
            &sel_path,
            selector_json(sel),
            format!("empty selector is invalid for {kind_word}"),
        ));
    } else if valid && !selector_matches(sel, template_labels(template)) {
        errs.push(FieldError::invalid(
            &FieldPath::new("spec")
                .child("template")
                .child("metadata")
                .child("labels"),
            labels_json(template),
            DOES_NOT_MATCH,
        ));
    }
    valid
}

/// `ValidatePodTemplateSpecForReplicaSet`: the pod template, `restartPolicy` `Always`, no
/// `activeDeadlineSeconds`.
fn replicated_template(template: &PodTemplateSpec, kind: &str, errs: &mut ErrorList) {
    let tp = FieldPath::new("spec").child("template");
    errs.extend(validate_pod_template_spec(template, &tp));
    always_and_no_deadline(template, kind, errs);
}

fn always_and_no_deadline(template: &PodTemplateSpec, kind: &str, errs: &mut ErrorList) {
    let sp = FieldPath::new("spec").child("template").child("spec");
    let rp = restart_policy(template);
    if rp != "Always" {
        errs.push(FieldError::not_supported(
            &sp.child("restartPolicy"),
            rp,
            &["Always"],
        ));
    }
    if active_deadline(template) {
        errs.push(FieldError::forbidden(
            &sp.child("activeDeadlineSeconds"),
            format!("activeDeadlineSeconds in {kind} is not Supported"),
        ));
    }
}

/// The API server's checks of a new Deployment (`ValidateDeployment`, without the rollout
/// rules of `acp-workload`).
pub fn validate_deployment(d: &Deployment) -> ErrorList {
    let mut errs = validate_object_meta(&d.metadata, NameRule::Dns1123Subdomain);
    if let Some(spec) = d.spec_ref() {
        let valid = selector_and_template(&spec.selector, &spec.template, "deployment", &mut errs);
        if valid {
            replicated_template(&spec.template, "ReplicaSet", &mut errs);
        }
    }
    errs
}

/// The API server's checks of a new ReplicaSet (`ValidateReplicaSet`).
pub fn validate_replica_set(rs: &ReplicaSet) -> ErrorList {
    let mut errs = validate_object_meta(&rs.metadata, NameRule::Dns1123Subdomain);
    if let Some(spec) = rs.spec_ref() {
        let root = FieldPath::new("spec");
        errs.extend(validate_nonnegative(
            &root.child("replicas"),
            i64::from(spec.replicas.unwrap_or(1)),
        ));
        errs.extend(validate_nonnegative(
            &root.child("minReadySeconds"),
            i64::from(spec.min_ready_seconds.unwrap_or(0)),
        ));
        let empty = PodTemplateSpec::default();
        let template = spec.template.as_ref().unwrap_or(&empty);
        // Upstream's ReplicaSet message says "deployment" as well.
        let valid = selector_and_template(&spec.selector, template, "deployment", &mut errs);
        if valid {
            replicated_template(template, "ReplicaSet", &mut errs);
        }
    }
    errs
}

/// The API server's checks of a new DaemonSet (`ValidateDaemonSet`, without the update
/// strategy rules of `acp-workload`).
pub fn validate_daemon_set(ds: &DaemonSet) -> ErrorList {
    let mut errs = validate_object_meta(&ds.metadata, NameRule::Dns1123Subdomain);
    if let Some(spec) = ds.spec_ref() {
        let sel_path = FieldPath::new("spec").child("selector");
        let sel_errs = validate_label_selector(&spec.selector, &sel_path);
        let valid = sel_errs.is_empty();
        errs.extend(sel_errs);
        // An empty selector selects everything, so only the "empty" error shows.
        if valid && !selector_matches(&spec.selector, template_labels(&spec.template)) {
            errs.push(FieldError::invalid(
                &FieldPath::new("spec")
                    .child("template")
                    .child("metadata")
                    .child("labels"),
                labels_json(&spec.template),
                DOES_NOT_MATCH,
            ));
        }
        if is_empty_selector(&spec.selector) {
            errs.push(FieldError::invalid(
                &sel_path,
                selector_json(&spec.selector),
                "empty selector is invalid for daemonset",
            ));
        }
        let tp = FieldPath::new("spec").child("template");
        errs.extend(validate_pod_template_spec(&spec.template, &tp));
        always_and_no_deadline(&spec.template, "DaemonSet", &mut errs);
    }
    errs
}

/// The API server's checks of a new StatefulSet (`ValidateStatefulSet`, without the update
/// strategy rules of `acp-workload`): name a DNS-1123 label, the selector, the template's labels,
/// `restartPolicy` `Always`, no `activeDeadlineSeconds`. The template's pod spec is not checked,
/// as upstream does not check it.
// seed 003:12498-12514: the documented StatefulSet sets serviceName; it is optional.
pub fn validate_stateful_set(sts: &StatefulSet) -> ErrorList {
    let mut errs = validate_object_meta(&sts.metadata, NameRule::Dns1123Label);
    if let Some(spec) = sts.spec_ref() {
        let valid = selector_and_template(&spec.selector, &spec.template, "statefulset", &mut errs);
        if valid && let Some(labels) = template_labels(&spec.template) {
            // Upstream's path for the template's labels here is `spec.template.labels`.
            errs.extend(validate_labels(
                &FieldPath::new("spec").child("template").child("labels"),
                labels,
            ));
        }
        always_and_no_deadline(&spec.template, "StatefulSet", &mut errs);
    }
    errs
}

/// The job-spec checks at `path` (`spec` of a Job, `spec.jobTemplate.spec` of a CronJob): the
/// pod template, then `restartPolicy` `OnFailure` or `Never` (`Never` when a
/// `podFailurePolicy` is set); with `manualSelector: true`, the selector as well.
fn validate_job_spec(spec: &JobSpec, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if spec.manual_selector == Some(true) {
        let sel_path = path.child("selector");
        match &spec.selector {
            None => errs.push(FieldError::required(&sel_path, "")),
            Some(sel) => {
                let sel_errs = validate_label_selector(sel, &sel_path);
                let valid = sel_errs.is_empty();
                errs.extend(sel_errs);
                if valid
                    && !is_empty_selector(sel)
                    && !selector_matches(sel, template_labels(&spec.template))
                {
                    errs.push(FieldError::invalid(
                        &path.child("template").child("metadata").child("labels"),
                        labels_json(&spec.template),
                        DOES_NOT_MATCH,
                    ));
                }
            }
        }
    }
    errs.extend(validate_pod_template_spec(
        &spec.template,
        &path.child("template"),
    ));
    let rp_path = path.child("template").child("spec").child("restartPolicy");
    // An unset policy is defaulted to `Always` first, so both read as "required".
    let rp = restart_policy(&spec.template);
    if rp == "Always" || rp.is_empty() {
        errs.push(FieldError::required(
            &rp_path,
            r#"valid values: "OnFailure", "Never""#,
        ));
    } else if rp != "OnFailure" && rp != "Never" {
        errs.push(FieldError::not_supported(
            &rp_path,
            rp,
            &["OnFailure", "Never"],
        ));
    } else if spec.pod_failure_policy.is_some() && rp != "Never" {
        errs.push(FieldError::invalid(
            &rp_path,
            rp,
            r#"only "Never" is supported when podFailurePolicy is specified"#,
        ));
    }
    errs
}

/// The API server's checks of a new Job (`ValidateJob`): metadata and the job spec of the
/// [module docs](self). The selector the API server generates (without `manualSelector`) is not
/// checked.
///
/// ```
/// use acp_model::workload::validate_job;
/// use k8s_openapi::api::batch::v1::Job;
/// let job: Job = serde_json::from_value(serde_json::json!({
///     "metadata": {"name": "pi"},
///     "spec": {"template": {"spec": {"containers": [{"name": "pi", "image": "perl:5.34"}]}}}
/// })).unwrap();
/// assert_eq!(
///     validate_job(&job).to_string(),
///     r#"spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never""#
/// );
/// ```
pub fn validate_job(job: &Job) -> ErrorList {
    let mut errs = validate_object_meta(&job.metadata, NameRule::Dns1123Subdomain);
    if let Some(spec) = &job.spec {
        errs.extend(validate_job_spec(spec, &FieldPath::new("spec")));
    }
    errs
}

/// The API server's checks of a new CronJob: [`crate::crontab::validate_cronjob`] (metadata and
/// schedule), then the job template's spec at `spec.jobTemplate.spec`, which must not set a
/// `selector` or `manualSelector: true`.
pub fn validate_cron_job(cj: &CronJob) -> ErrorList {
    let mut errs = crate::crontab::validate_cronjob(cj);
    if let Some(spec) = cj.spec_ref() {
        let path = FieldPath::new("spec").child("jobTemplate").child("spec");
        if let Some(js) = &spec.job_template.spec {
            errs.extend(validate_job_spec(js, &path));
            if let Some(sel) = &js.selector {
                errs.push(FieldError::invalid(
                    &path.child("selector"),
                    selector_json(sel),
                    "`selector` will be auto-generated",
                ));
            }
            if js.manual_selector == Some(true) {
                errs.push(FieldError::not_supported(
                    &path.child("manualSelector"),
                    true,
                    &["nil", "false"],
                ));
            }
        } else {
            errs.extend(validate_job_spec(&JobSpec::default(), &path));
        }
    }
    errs
}
