//! # acp-ignition — Ignition v3.4.0 and MachineConfig rendering
//!
//! Know before applying: is this MachineConfig valid Ignition (in Ignition's own words), does ACP
//! apply what it asks for, what will each pool's `rendered-<pool>-<hash>` config be, which nodes
//! update in which order, and why is this node Degraded.
//!
//! ```
//! use acp_ignition::{policy, render::render_pool, validate};
//! use acp_model::machineconfig::{MachineConfig, MachineConfigPool};
//! use serde_json::json;
//!
//! // Ignition's messages and paths, every problem at once.
//! let bad = br#"{"ignition":{"version":"3.4.0"},"storage":{"files":[{"path":"etc/motd"}]}}"#;
//! let Err(validate::ParseError::Invalid(report)) = validate::parse(bad) else { panic!() };
//! assert_eq!(report.to_string().trim(),
//!     "error at $.storage.files.0.path, line 1 col 61: path not absolute");
//!
//! // `mode: 0644` reads as 420, as kubectl reads it; the policy accepts a file under /etc.
//! let yaml = "apiVersion: machineconfiguration.alauda.io/v1alpha1\nkind: MachineConfig\n\
//!     metadata: {name: 99-worker-motd, labels: {machineconfiguration.alauda.io/role: worker}}\n\
//!     spec: {config: {ignition: {version: 3.4.0}, storage: {files: [\
//!     {path: /etc/motd, mode: 0644, contents: {source: 'data:,hello'}}]}}}\n";
//! let (motd, parsed) = validate::parse_machine_config_yaml(yaml).unwrap();
//! assert_eq!(parsed.config.storage.files[0].mode, Some(420));
//! assert!(policy::check(&parsed.config, &policy::Policy::default()).is_empty());
//!
//! // The worker pool renders its configs into one named MachineConfig.
//! let pool: MachineConfigPool = serde_json::from_value(json!({
//!     "metadata": {"name": "worker"},
//!     "spec": {"machineConfigSelector":
//!         {"matchLabels": {"machineconfiguration.alauda.io/role": "worker"}}}})).unwrap();
//! let base: MachineConfig = serde_json::from_value(json!({
//!     "metadata": {"name": "00-worker", "labels": {"machineconfiguration.alauda.io/role": "worker"}},
//!     "spec": {"config": {"ignition": {"version": "3.4.0"}}}})).unwrap();
//! let rendered = render_pool(&pool, &[base, motd]).unwrap();
//! assert!(rendered.name.starts_with("rendered-worker-"));
//! assert_eq!(rendered.sources, ["00-worker", "99-worker-motd"]);
//! ```
//!
//! Modules: [`types`] (the whole v3.4.0 spec), [`validate`] (parse + validation exactly like
//! Ignition), [`policy`] (what ACP manages), [`merge`] (Ignition merge and the operator's
//! `MergeMachineConfigs`), [`render`] (pool rendering), [`plan`] (node update order),
//! [`status`] (pool status), [`drift`] (on-disk drift), [`diff`] (what a new rendered config
//! changes and the disruption it needs). Each module names the ACP documentation's rule and the
//! upstream coreos/ignition and openshift/machine-config-operator code it follows.
// seed 004
//!
//! # Deviations from upstream
//!
//! Each is marked `DEVIATION:` next to the code.
//!
//! * DEVIATION: the rendered name's hash is the MD5 of the merged spec's canonical JSON; MCO
//!   hashes a salt followed by the spec's YAML, so names differ from MCO's.
//! * DEVIATION: custom pools inherit the worker MachineConfigs by default, as ACP describes
//!   ([`render::RenderOptions::inherit_worker`]); upstream selects by the pool's selector only.
//! * DEVIATION: drift lists every drifted item (the daemon stops at the first), and
//!   gzip-compressed contents are undecidable (no inflate implementation).
//! * DEVIATION: the ACP policy rejects `passwordHash`, `ignition.proxy`, `ignition.security`
//!   and `ignition.timeouts`, which upstream MCO accepts.
//! * DEVIATION: output order is fixed where Go's is random or unstable: unused-key warnings,
//!   colliding partition numbers, diff lists, nodes with equal creation times.
//! * DEVIATION: a key given twice with different letter case (`"files"` and `"Files"`) is
//!   decoded in order as Go does, but the unused-key walk looks at the exact-case key only.
//! * DEVIATION: `net/url.Parse` is re-implemented for what decides success; Go 1.25's extra
//!   IPv6-literal checks are not modelled.
//! * DEVIATION: `strconv.Quote` (used in unit names of two warnings) treats unassigned code
//!   points as printable.
//! * DEVIATION: [`ParseError::Invalid`] prints Ignition's
//!   `config is not valid` followed by every report entry (path, line, column); Ignition
//!   returns the report separately.
//! * DEVIATION: an unknown key longer than `acp_model::validation::MAX_ECHOED_BYTES` is cut in
//!   the `unused key` warning and in printed report paths (`…(N bytes)` after it); the whole key
//!   stays in [`validate::PathElem::Key`].
#![forbid(unsafe_code)]

pub use acp_model;

pub mod diff;
pub mod drift;
pub mod merge;
pub mod plan;
pub mod policy;
pub mod render;
pub mod status;
pub mod types;
pub mod validate;

pub use diff::{ConfigDiff, DiffError};
pub use merge::{MergeError, MergedMachineConfigs, merge_machine_configs};
pub use plan::{PlanError, PlanOptions, UpdatePlan, plan_update};
pub use render::{RenderError, RenderOptions, Rendered, render_pool};
pub use types::Config;
pub use validate::{
    MachineConfigError, ParseError, Parsed, Report, parse, parse_machine_config,
    parse_machine_config_yaml, parse_value,
};

mod dataurl;
