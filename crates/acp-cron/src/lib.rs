//! # acp-cron — crontab schedules with Kubernetes (robfig/cron v3) semantics
//!
//! **Status: planned** (issue 7): parser, matching, time zones and DST, CronJob missed-schedule
//! arithmetic and CronHPA target resolution. The CronHPA wire type already lives in
//! [`acp_model::cronhpa`]:
//!
//! ```
//! use acp_model::cronhpa::CronHpaSpec;
//! let spec: CronHpaSpec = serde_json::from_str(r#"{
//!     "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
//!     "crons": [{"schedule": "0 9 * * *", "targetReplicas": 3}]
//! }"#).unwrap();
//! assert_eq!(spec.crons[0].target_replicas, 3);
//! ```
#![forbid(unsafe_code)]

pub use acp_model;
