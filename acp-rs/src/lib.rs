//! # acp-rs — the Alauda Container Platform, as Rust values
//!
//! One dependency for the whole acp-rs family. Every crate is pure: no I/O, no clocks, no
//! randomness — time, time zones and names are parameters, so the same input gives the same
//! answer in a webhook, an operator, a CLI or a property test.
//!
//! | module | crate | feature | what it gives you |
//! | --- | --- | --- | --- |
//! | [`model`] | `acp-model` | always | every ACP kind as a typed value; exact `Quantity`; apiserver-style validation |
//! | `quota` | `acp-quota` | `quota` | ResourceQuota admission, LimitRange, overcommit, namespace import, GPU units, UID ranges |
//! | `workload` | `acp-workload` | `workload` (turns on `quota`) | HPA, VPA, KEDA, rolling updates, the rollout planner, Argo Rollouts |
//! | `dsl` | `acp-dsl` | `dsl` | the ALB `dslx` language: validation, matching, ordering, Ingress translation |
//! | `ignition` | `acp-ignition` | `ignition` | Ignition parsing and validation, MachineConfig merge and rendering, node update plans |
//! | `cron` | `acp-cron` | `cron` | crontab schedules with robfig/cron v3 semantics, CronJob decisions, CronHPA |
//!
//! All of the above are default features, as are these two:
//!
//! | feature | what it adds |
//! | --- | --- |
//! | `crd` | the ACP custom resources as kube `CustomResource` types with JSON schemas (`kube`, `schemars`), and the parts of `dsl` and `cron` that read them (`quota`, `workload` and `ignition` need it and turn it on) |
//! | `yaml` | reading YAML as kubectl does (`serde-saphyr`): `model::yaml`, `model::object::parse_yaml` |
//!
//! With `default-features = false, features = ["dsl"]` (or `["cron"]`) a build compiles the
//! language (or the schedule engine) without any YAML, JSON-schema or CRD-derive crate.
//!
//! Your binary chooses the Kubernetes version, as k8s-openapi asks: enable one of its `v1_33` …
//! `v1_37` features (or set `K8S_OPENAPI_ENABLED_VERSION`). Where Kubernetes behaves differently
//! between minors (feature gates that are on by default in one and off in another), the crates
//! follow the minor you chose.
//!
//! ## One example per crate
//!
//! Exact quantities ([`model`]):
//!
//! ```
//! use acp_rs::model::quantity::Quantity;
//!
//! let a: Quantity = "1.5Gi".parse()?;
//! let b: Quantity = "512Mi".parse()?;
//! assert_eq!((a + b).to_string(), "2Gi");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Quota admission with the apiserver's words (`quota`):
//!
//! ```
//! use acp_rs::quota::admission::{AdmissionOptions, QuotaObject, admit, synced};
//! use k8s_openapi::api::core::v1::{Pod, ResourceQuota};
//! use serde_json::json;
//!
//! let quota: ResourceQuota = serde_json::from_value(json!({"metadata": {"name": "team"},
//!     "spec": {"hard": {"requests.cpu": "1"}}}))?;
//! let pod: Pod = serde_json::from_value(json!({"metadata": {"name": "web"},
//!     "spec": {"containers": [{"name": "app", "resources": {"requests": {"cpu": "1500m"}}}]}}))?;
//! let options = AdmissionOptions::new(jiff::Timestamp::UNIX_EPOCH);
//! let refused = admit(&[synced(&quota)], QuotaObject::Pod(&pod), &options).unwrap_err();
//! assert!(refused.to_string().contains("exceeded quota: team, requested: requests.cpu=1500m"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A Deployment's rolling-update bounds (`workload`):
//!
//! ```
//! use acp_rs::workload::rolling::DeploymentParams;
//! use k8s_openapi::api::apps::v1::Deployment;
//!
//! let d: Deployment = serde_json::from_value(serde_json::json!({
//!     "spec": {"replicas": 10, "selector": {}, "template": {}}}))?;
//! let params = DeploymentParams::from_deployment(&d);
//! assert_eq!((params.max_surge()?, params.max_unavailable()?), (3, 2));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Matching a request against ALB rules (`dsl`):
//!
//! ```
//! use acp_rs::dsl::{Request, RuleInput, RuleSet, wire::DslxTerm};
//!
//! let dslx: Vec<DslxTerm> = serde_json::from_str(
//!     r#"[{"type": "URL", "values": [["STARTS_WITH", "/app-a"]]}]"#)?;
//! let rules = RuleSet::compile(vec![RuleInput::new("app-a", Some(4), dslx)]);
//! let hit = rules.matching(&Request::new("GET", "shop.app.com", "/app-a/cart"));
//! assert_eq!(hit.map(|r| r.name()), Some("app-a"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Parsing an Ignition config, every problem with its path, line and column (`ignition`):
//!
//! ```
//! use acp_rs::ignition::validate;
//!
//! let config = br#"{"ignition":{"version":"3.4.0"},"storage":{"files":[{"path":"/etc/motd"}]}}"#;
//! let parsed = validate::parse(config)?;
//! assert_eq!(parsed.config.storage.files[0].path, "/etc/motd");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The next fire times of a crontab in a time zone (`cron`):
//!
//! ```
//! use acp_rs::cron::Schedule;
//! use jiff::{Timestamp, tz::TimeZone};
//!
//! let schedule: Schedule = "30 18 * * 6".parse()?;
//! let shanghai = TimeZone::get("Asia/Shanghai")?;
//! let after: Timestamp = "2025-01-20T00:00:00Z".parse()?;
//! let next = schedule.iter_after(after, &shanghai).next().map(|t| t.to_string());
//! assert_eq!(next.as_deref(), Some("2025-01-25T10:30:00Z"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Every check the enabled crates know for one object, in one call ([`validate()`], feature `crd`):
//!
//! ```
//! use acp_rs::model::object::parse_yaml;
//!
//! let docs = parse_yaml("apiVersion: v1\nkind: LimitRange\nmetadata: {name: lr}\n\
//!     spec: {limits: [{type: Container, min: {cpu: '2'}, max: {cpu: '1'}}]}\n")?;
//! let errs = acp_rs::validate(&docs[0]);
//! assert!(errs.to_string().contains("min value 2 is greater than max value 1"), "{errs}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The `tour` example (`cargo run -p acp-rs --example tour`) walks every example of the product
//! documentation through the crates.
#![forbid(unsafe_code)]

pub use acp_model as model;

#[cfg(feature = "cron")]
pub use acp_cron as cron;
#[cfg(feature = "dsl")]
pub use acp_dsl as dsl;
#[cfg(feature = "ignition")]
pub use acp_ignition as ignition;
#[cfg(feature = "quota")]
pub use acp_quota as quota;
#[cfg(feature = "workload")]
pub use acp_workload as workload;

#[cfg(feature = "crd")]
pub mod validate;
#[cfg(feature = "crd")]
pub use validate::{Validator, validate};
