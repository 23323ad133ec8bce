//! **CronHPA** (TKEStack's cron horizontal pod autoscaler): scale a workload to fixed replica
//! counts on crontab schedules.
// seed 003:9787-9952
//!
//! ```
//! use acp_model::cronhpa::{CronHpa, CronHpaApiVersion, VersionedCronHpa};
//! use acp_model::validation::Validate;
//!
//! let yaml = r#"
//! apiVersion: tkestack.io/v1
//! kind: CronHPA
//! metadata:
//!   name: my-deployment-cronhpa
//!   namespace: default
//! spec:
//!   scaleTargetRef:
//!     apiVersion: apps/v1
//!     kind: Deployment
//!     name: my-deployment
//!   crons:
//!     - schedule: '0 8 * * 1-5'
//!       targetReplicas: 3
//! "#;
//! let hpa: CronHpa = serde_saphyr::from_str(yaml).unwrap();
//! assert_eq!(hpa.spec.crons[0].target_replicas, 3);
//! assert!(hpa.validate().is_empty());
//!
//! // Upstream TKEStack serves the same kind as extensions.tkestack.io/v1; read either and
//! // write back the group that was read.
//! let upstream = yaml.replace("tkestack.io/v1", "extensions.tkestack.io/v1");
//! let v: VersionedCronHpa = serde_saphyr::from_str(&upstream).unwrap();
//! assert_eq!(v.api_version, CronHpaApiVersion::ExtensionsTkestackIoV1);
//! assert_eq!(serde_json::to_value(&v).unwrap()["apiVersion"], "extensions.tkestack.io/v1");
//! ```
//!
//! ## API group
//!
//! The ACP documentation creates CronHPA as `tkestack.io/v1` (ACP docs: "使用 tkestack.io/v1 API");
// seed 003:9855; seed 003:9881
//! upstream `tkestack/cron-hpa` registers `extensions.tkestack.io/v1`
//! (`deployment/cron-hpa-controller/crd.yaml`, `pkg/cronhpa/crd.go`). [`CronHpa`] derives with
//! the ACP documentation's group, so serialising a `CronHpa` always writes `tkestack.io/v1` — and
//! deserialising ignores `apiVersion`, so an upstream object reads fine but is normalised to the
//! the ACP documentation's group when written back. To keep the group the object came with, read it as
//! [`VersionedCronHpa`] (which checks the `apiVersion` is one of [`API_VERSIONS`] and the kind is
//! `CronHPA`).
//!
//! ## Semantics
//!
//! Schedules are standard 5-field crontabs (minute hour day month weekday), with the same rules
//! as Kubernetes CronJobs, in the cluster's time zone; parsing and
// seed 003:9867, seed 003:9946, seed 003:9951
//! next-fire computation live in crate `acp-cron`. When several rules fire at the same time the
//! one defined earlier wins; upstream's controller likewise scales
// seed 003:9836-9838, seed 003:9936-9940
//! by the first due rule in list order (`pkg/cronhpa/controller.go` `syncOne`). CronHPA runs
//! independently of HPA; both on one workload may conflict.
// seed 003:9942

use std::collections::BTreeMap;

use k8s_openapi::api::autoscaling::v1::CrossVersionObjectReference;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::crontab::DayRule;
use crate::names::{NameRule, validate_object_meta};
use crate::validation::{ErrorList, FieldError, FieldPath, Validate};

// seed 003:9881
/// The `apiVersion` the ACP documentation uses.
pub const API_VERSION: &str = "tkestack.io/v1";
/// The `apiVersion` upstream TKEStack registers (`tkestack/cron-hpa` `pkg/cronhpa/crd.go`).
pub const UPSTREAM_API_VERSION: &str = "extensions.tkestack.io/v1";
/// Every `apiVersion` accepted when reading a CronHPA.
pub const API_VERSIONS: [&str; 2] = [API_VERSION, UPSTREAM_API_VERSION];
// seed 003:9883
/// The kind, `CronHPA`.
pub const KIND: &str = "CronHPA";

// seed 003:9863
/// Target kinds a CronHPA may scale: "对象必须是 Deployment、ReplicaSet 或 StatefulSet".
/// Upstream scales anything with a `scale` subresource; ACP
/// restricts it to these.
pub const TARGET_KINDS: &[&str] = &["Deployment", "ReplicaSet", "StatefulSet"];

/// Spec of a CronHPA (upstream `CronHPASpec`).
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[kube(
    // DEVIATION: the group ACP documents (`tkestack.io/v1`); upstream tkestack/cron-hpa registers
    // `extensions.tkestack.io/v1` (read it with `VersionedCronHpa`).
    group = "tkestack.io",
    version = "v1",
    kind = "CronHPA",
    root = "CronHpa",
    plural = "cronhpas",
    namespaced,
    derive = "PartialEq",
    status = "CronHpaStatus"
)]
#[serde(rename_all = "camelCase")]
pub struct CronHpaSpec {
    // seed 003:9861; seed 003:9859, seed 003:9865; seed 003:9863
    /// The workload to scale: `apiVersion`, `kind` (one of [`TARGET_KINDS`]),
    /// `name`.
    pub scale_target_ref: CrossVersionObjectReference,
    // seed 003:9836-9838
    /// The schedule rules; earlier rules win when several fire at once.
    pub crons: Vec<CronRule>,
    /// Fields this crate does not model, kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One entry of `spec.crons` (upstream `Cron`). Upstream and the ACP documentation give rules no name, so
/// there is none here; an unknown field such as a name is kept in `extra`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct CronRule {
    // seed 003:9867
    /// 5-field crontab, `minute hour day month weekday`.
    pub schedule: String,
    // seed 003:9869; seed 003:9873
    /// Replicas to set when the schedule fires; `0` scales to zero.
    pub target_replicas: i32,
    /// Fields this crate does not model, kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// Status of a CronHPA (upstream `CronHPAStatus`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct CronHpaStatus {
    /// When a rule last scaled the target; the controller looks for fires after this time (or
    /// after the object's creation when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_schedule_time: Option<Time>,
    /// Fields this crate does not model, kept verbatim.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// Which group a CronHPA object was written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum CronHpaApiVersion {
    // seed 003:9881
    /// `tkestack.io/v1`, as the ACP documentation writes it.
    #[default]
    TkestackIoV1,
    /// `extensions.tkestack.io/v1`, as upstream TKEStack registers it.
    ExtensionsTkestackIoV1,
}

impl CronHpaApiVersion {
    /// The `apiVersion` string.
    pub fn as_str(self) -> &'static str {
        match self {
            CronHpaApiVersion::TkestackIoV1 => API_VERSION,
            CronHpaApiVersion::ExtensionsTkestackIoV1 => UPSTREAM_API_VERSION,
        }
    }

    /// Parses one of [`API_VERSIONS`].
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            API_VERSION => Some(CronHpaApiVersion::TkestackIoV1),
            UPSTREAM_API_VERSION => Some(CronHpaApiVersion::ExtensionsTkestackIoV1),
            _ => None,
        }
    }
}

/// A [`CronHpa`] together with the `apiVersion` it was read with, so that writing it back keeps
/// the group (`tkestack.io/v1` or `extensions.tkestack.io/v1`). Deserialising rejects any other
/// `apiVersion` and any kind but `CronHPA`.
#[derive(Clone, Debug, PartialEq)]
pub struct VersionedCronHpa {
    /// The `apiVersion` to write.
    pub api_version: CronHpaApiVersion,
    /// The object.
    pub object: CronHpa,
}

impl Serialize for VersionedCronHpa {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut v = serde_json::to_value(&self.object).map_err(serde::ser::Error::custom)?;
        if let Some(m) = v.as_object_mut() {
            m.insert(
                "apiVersion".into(),
                serde_json::Value::String(self.api_version.as_str().into()),
            );
        }
        v.serialize(s)
    }
}

impl<'de> Deserialize<'de> for VersionedCronHpa {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let v = serde_json::Value::deserialize(d)?;
        let api = v.get("apiVersion").and_then(|a| a.as_str()).unwrap_or("");
        let api_version = CronHpaApiVersion::parse(api).ok_or_else(|| {
            D::Error::custom(format!(
                "apiVersion: unsupported value {api:?} for CronHPA, expected one of {API_VERSIONS:?}"
            ))
        })?;
        let kind = v.get("kind").and_then(|k| k.as_str()).unwrap_or("");
        if kind != KIND {
            return Err(D::Error::custom(format!(
                "kind: expected {KIND:?}, found {kind:?}"
            )));
        }
        let object = serde_json::from_value(v).map_err(D::Error::custom)?;
        Ok(VersionedCronHpa {
            api_version,
            object,
        })
    }
}

impl Validate for CronHpa {
    // seed 003:9863
    /// `metadata.name` a DNS-1123 subdomain; `spec.scaleTargetRef`: `kind` one of
    /// [`TARGET_KINDS`], `name` a valid path segment and
    /// `apiVersion` a group/version when set (as apimachinery validates a
    /// `CrossVersionObjectReference` for HPA: `ValidateCrossVersionObjectReference`); `spec.crons`
    /// not empty, each `schedule` non-empty and a crontab line the Kubernetes (robfig/cron v3)
    /// parser accepts ([`crontab::parse`](crate::crontab::parse)), and `targetReplicas` ≥ 0.
    /// Whether a `TZ=`/`CRON_TZ=` prefix names a known zone needs a time zone database: crate
    /// `acp-cron` (`cronhpa::validate`) completes the check.
    fn validate(&self) -> ErrorList {
        let mut errs = validate_object_meta(&self.metadata, NameRule::Dns1123Subdomain);
        let sp = FieldPath::new("spec");
        let r = &self.spec.scale_target_ref;
        let rp = sp.child("scaleTargetRef");
        if r.kind.is_empty() {
            errs.push(FieldError::required(&rp.child("kind"), ""));
        } else if !TARGET_KINDS.contains(&r.kind.as_str()) {
            errs.push(FieldError::not_supported(
                &rp.child("kind"),
                r.kind.as_str(),
                TARGET_KINDS,
            ));
        }
        if r.name.is_empty() {
            errs.push(FieldError::required(&rp.child("name"), ""));
        } else {
            for msg in path_segment_name_problems(&r.name) {
                errs.push(FieldError::invalid(&rp.child("name"), r.name.as_str(), msg));
            }
        }
        if let Some(av) = r.api_version.as_deref()
            && !is_group_version(av)
        {
            errs.push(FieldError::invalid(
                &rp.child("apiVersion"),
                av,
                "must be a group/version such as apps/v1",
            ));
        }
        let cp = sp.child("crons");
        if self.spec.crons.is_empty() {
            errs.push(FieldError::required(
                &cp,
                "at least one schedule rule is required",
            ));
        }
        for (i, c) in self.spec.crons.iter().enumerate() {
            let p = cp.index(i);
            if c.schedule.trim().is_empty() {
                errs.push(FieldError::required(&p.child("schedule"), ""));
            } else if let Err(e) = crate::crontab::parse(&c.schedule, DayRule::RobfigV3) {
                errs.push(FieldError::invalid(
                    &p.child("schedule"),
                    c.schedule.as_str(),
                    e.to_string(),
                ));
            }
            if c.target_replicas < 0 {
                errs.push(FieldError::invalid(
                    &p.child("targetReplicas"),
                    c.target_replicas,
                    "must be greater than or equal to 0",
                ));
            }
        }
        errs
    }
}

impl Validate for VersionedCronHpa {
    fn validate(&self) -> ErrorList {
        self.object.validate()
    }
}

/// apimachinery `pkg/api/validation/path` `IsValidPathSegmentName` messages.
fn path_segment_name_problems(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    if name == "." || name == ".." {
        out.push(format!("may not be '{name}'"));
        return out;
    }
    for bad in ["/", "%"] {
        if name.contains(bad) {
            out.push(format!("may not contain '{bad}'"));
        }
    }
    out
}

/// `v1` or `<group>/<version>` with non-empty parts (apimachinery `schema.ParseGroupVersion`
/// accepts at most one `/`).
fn is_group_version(s: &str) -> bool {
    match s.split_once('/') {
        None => !s.is_empty(),
        Some((g, v)) => !g.is_empty() && !v.is_empty() && !v.contains('/'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hpa(v: serde_json::Value) -> CronHpa {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn acp_cron_doctest_shape() {
        let spec: CronHpaSpec = serde_json::from_str(
            r#"{"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                "crons": [{"schedule": "0 9 * * *", "targetReplicas": 3}]}"#,
        )
        .unwrap();
        assert_eq!(spec.crons[0].target_replicas, 3);
    }

    #[test]
    fn every_problem_at_once() {
        let h = hpa(serde_json::json!({
            "metadata": {"name": "x"},
            "spec": {"scaleTargetRef": {"apiVersion": "a/b/c", "kind": "DaemonSet", "name": "a/b"},
                     "crons": [{"schedule": " ", "targetReplicas": -1}]}
        }));
        let msgs: Vec<String> = h.validate().iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            vec![
                r#"spec.scaleTargetRef.kind: Unsupported value: "DaemonSet": supported values: "Deployment", "ReplicaSet", "StatefulSet""#,
                r#"spec.scaleTargetRef.name: Invalid value: "a/b": may not contain '/'"#,
                r#"spec.scaleTargetRef.apiVersion: Invalid value: "a/b/c": must be a group/version such as apps/v1"#,
                "spec.crons[0].schedule: Required value",
                "spec.crons[0].targetReplicas: Invalid value: -1: must be greater than or equal to 0",
            ]
        );
        let h = hpa(serde_json::json!({
            "metadata": {"name": "x"},
            "spec": {"scaleTargetRef": {"kind": "", "name": ""}, "crons": []}
        }));
        let msgs: Vec<String> = h.validate().iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            vec![
                "spec.scaleTargetRef.kind: Required value",
                "spec.scaleTargetRef.name: Required value",
                "spec.crons: Required value: at least one schedule rule is required",
            ]
        );
    }

    #[test]
    fn versioned_keeps_group_and_rejects_others() {
        let doc = serde_json::json!({
            "apiVersion": "extensions.tkestack.io/v1", "kind": "CronHPA",
            "metadata": {"name": "x"},
            "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "d"},
                     "crons": [{"schedule": "0 0 * * *", "targetReplicas": 0, "name": "night"}]},
            "status": {"lastScheduleTime": "2024-01-01T00:00:00Z"}
        });
        let v: VersionedCronHpa = serde_json::from_value(doc.clone()).unwrap();
        assert_eq!(v.api_version, CronHpaApiVersion::ExtensionsTkestackIoV1);
        assert_eq!(serde_json::to_value(&v).unwrap(), doc);
        // Plain CronHpa normalises to the seed's group.
        let plain: CronHpa = serde_json::from_value(doc.clone()).unwrap();
        assert_eq!(
            serde_json::to_value(&plain).unwrap()["apiVersion"],
            "tkestack.io/v1"
        );

        let mut bad = doc.clone();
        bad["apiVersion"] = "autoscaling/v2".into();
        let e = serde_json::from_value::<VersionedCronHpa>(bad).unwrap_err();
        assert!(e.to_string().contains("autoscaling/v2"), "{e}");
        let mut bad = doc;
        bad["kind"] = "HorizontalPodAutoscaler".into();
        assert!(serde_json::from_value::<VersionedCronHpa>(bad).is_err());
    }
}
