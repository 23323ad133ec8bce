//! Every check the enabled crates know for one object, in one call.
//!
//! [`KnownObject::validate`] runs what `acp-model` knows on its own. Some kinds have checks that
//! need more than one object's wire type — the LimitRange rules live with the LimitRanger, the
//! apps rollout rules with the rolling-update arithmetic, the Ignition grammar with the Ignition
//! parser, time zone names with a time zone database. [`Validator::validate`] runs all of them
//! for the crates this build enables, so a webhook or a linter asks one question:
//!
//! ```
//! use acp_rs::model::object::parse_yaml;
//! use acp_rs::validate::Validator;
//!
//! let docs = parse_yaml(r#"
//! apiVersion: apps/v1
//! kind: Deployment
//! metadata: {name: web}
//! spec:
//!   selector: {matchLabels: {app: web}}
//!   strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}
//!   template:
//!     metadata: {labels: {app: web}}
//!     spec: {containers: [{name: app, image: nginx}]}
//! "#)?;
//! let errs = Validator::new().validate(&docs[0]);
//! assert_eq!(
//!     errs.to_string(),
//!     "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: \
//!      may not be 0 when `maxSurge` is 0",
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! What each crate adds to [`KnownObject::validate`]:
//!
//! | kind | check | feature |
//! | --- | --- | --- |
//! | LimitRange | the API server's whole `ValidateLimitRange` (replaces the metadata-only check) | `quota` |
//! | Pod | the ACP GPU resource rules of every container and init container | `quota` |
//! | Deployment, DaemonSet, StatefulSet | the apps rollout and update-strategy rules, after defaulting | `workload` |
//! | MachineConfig | the embedded Ignition config (`spec.config`) in Ignition 3.4.0's words, then the ACP supported-field policy | `ignition` |
//! | CronJob, CronHPA | time zone names (`spec.timeZone`, `TZ=` / `CRON_TZ=` prefixes), when a database is given | `cron` |

use acp_model::object::KnownObject;
use acp_model::validation::ErrorList;

/// Runs every check the enabled crates know for an object (see the [module docs](self)).
///
/// `Validator::new()` checks everything that needs no outside data; time zone names are checked
/// only once a database is given with `with_time_zones` (feature `cron`), because reading the
/// system's database would be I/O. The MachineConfig policy is [`Policy::default`] unless set.
///
/// [`Policy::default`]: acp_ignition::policy::Policy
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Validator<'a> {
    #[cfg(feature = "cron")]
    zones: Option<&'a jiff::tz::TimeZoneDatabase>,
    /// The supported-field policy MachineConfigs are checked against; `None`: not checked.
    #[cfg(feature = "ignition")]
    machine_config_policy: Option<acp_ignition::policy::Policy>,
    /// Holds `'a` when no feature borrows anything.
    _zones: std::marker::PhantomData<&'a ()>,
}

impl Default for Validator<'_> {
    fn default() -> Self {
        Validator {
            #[cfg(feature = "cron")]
            zones: None,
            #[cfg(feature = "ignition")]
            machine_config_policy: Some(acp_ignition::policy::Policy::default()),
            _zones: std::marker::PhantomData,
        }
    }
}

impl<'a> Validator<'a> {
    /// Every check, time zone names excepted, with the default MachineConfig policy.
    pub fn new() -> Self {
        Self::default()
    }

    /// Also checks time zone names (a CronJob's `spec.timeZone`, a CronHPA's `TZ=` and
    /// `CRON_TZ=` prefixes) against this database, as the API server and the CronHPA controller
    /// do against theirs.
    #[cfg(feature = "cron")]
    pub fn with_time_zones(mut self, zones: &'a jiff::tz::TimeZoneDatabase) -> Self {
        self.zones = Some(zones);
        self
    }

    /// Checks MachineConfigs against this supported-field policy instead of the default one.
    #[cfg(feature = "ignition")]
    pub fn with_machine_config_policy(mut self, policy: acp_ignition::policy::Policy) -> Self {
        self.machine_config_policy = Some(policy);
        self
    }

    /// Checks MachineConfigs' Ignition configs only, not the supported-field policy (for
    /// configs meant for first boot rather than a running node).
    #[cfg(feature = "ignition")]
    pub fn without_machine_config_policy(mut self) -> Self {
        self.machine_config_policy = None;
        self
    }

    /// Every problem with the object, each with its field path, in the API server's words.
    pub fn validate(&self, object: &KnownObject) -> ErrorList {
        match object {
            #[cfg(feature = "quota")]
            KnownObject::LimitRange(lr) => acp_quota::limitrange::validate_limit_range(lr),
            #[cfg(feature = "quota")]
            KnownObject::Pod(pod) => {
                let mut errs = object.validate();
                if let Some(spec) = &pod.spec {
                    errs.extend(gpu_rules(spec));
                }
                errs
            }
            #[cfg(feature = "workload")]
            KnownObject::Deployment(_)
            | KnownObject::DaemonSet(_)
            | KnownObject::StatefulSet(_) => {
                let mut errs = object.validate();
                errs.extend(apps_rollout_rules(object));
                errs
            }
            #[cfg(feature = "ignition")]
            KnownObject::MachineConfig(mc) => {
                let mut errs = object.validate();
                let version_reported = errs
                    .iter()
                    .any(|e| e.field == "spec.config.ignition.version");
                errs.extend(self.machine_config(mc, version_reported));
                errs
            }
            #[cfg(feature = "cron")]
            KnownObject::CronJob(cj) => match self.zones {
                Some(db) => acp_cron::cronjob::validate(cj, db),
                None => object.validate(),
            },
            #[cfg(feature = "cron")]
            KnownObject::CronHpa(c) => match self.zones {
                Some(db) => acp_cron::cronhpa::validate(&c.object, db),
                None => object.validate(),
            },
            _ => object.validate(),
        }
    }

    #[cfg(feature = "ignition")]
    fn machine_config(
        &self,
        mc: &acp_model::machineconfig::MachineConfig,
        version_reported: bool,
    ) -> ErrorList {
        use acp_ignition::validate::{ParseError, parse_machine_config};
        use acp_model::validation::{FieldError, FieldPath};
        let root = FieldPath::new("spec").child("config");
        match parse_machine_config(mc) {
            Ok(parsed) => match &self.machine_config_policy {
                Some(policy) => acp_ignition::policy::check(&parsed.config, policy),
                None => ErrorList::new(),
            },
            Err(ParseError::Invalid(report)) => {
                let mut errs = ErrorList::new();
                for entry in report.errors() {
                    errs.push(FieldError::invalid(
                        &ignition_path(&root, &entry.path),
                        acp_model::validation::BadValue::Omitted,
                        entry.message.clone(),
                    ));
                }
                errs
            }
            // acp-model's own check already names the version it found.
            Err(ParseError::UnknownVersion) if version_reported => ErrorList::new(),
            Err(other) => {
                let mut errs = ErrorList::new();
                errs.push(FieldError::invalid(
                    &root.child("ignition").child("version"),
                    acp_model::validation::BadValue::Omitted,
                    other.to_string(),
                ));
                errs
            }
        }
    }
}

/// Every check the enabled crates know for the object: `Validator::new().validate(object)`.
pub fn validate(object: &KnownObject) -> ErrorList {
    Validator::new().validate(object)
}

/// The apps rollout and update-strategy rules of a Deployment, DaemonSet or StatefulSet spec
/// (`pkg/apis/apps/validation`, after defaulting); empty for any other object or a missing spec.
#[cfg(feature = "workload")]
fn apps_rollout_rules(object: &KnownObject) -> ErrorList {
    use acp_model::kube_version::WithSpec;
    use acp_workload::rolling;
    let errs = match object {
        KnownObject::Deployment(d) => d.spec_ref().map(rolling::validate_deployment_rollout),
        KnownObject::DaemonSet(d) => d
            .spec_ref()
            .map(rolling::validate_daemonset_update_strategy),
        KnownObject::StatefulSet(s) => s
            .spec_ref()
            .map(rolling::validate_statefulset_update_strategy),
        _ => None,
    };
    errs.unwrap_or_default()
}

#[cfg(feature = "quota")]
fn gpu_rules(spec: &k8s_openapi::api::core::v1::PodSpec) -> ErrorList {
    use acp_model::validation::FieldPath;
    let mut errs = ErrorList::new();
    let root = FieldPath::new("spec");
    let lists = [
        (
            "initContainers",
            spec.init_containers.as_deref().unwrap_or_default(),
        ),
        ("containers", spec.containers.as_slice()),
    ];
    for (field, containers) in lists {
        for (i, c) in containers.iter().enumerate() {
            if let Some(res) = &c.resources {
                let path = root.child(field).index(i).child("resources");
                errs.extend(acp_quota::gpu::validate_container_gpu(res, &path));
            }
        }
    }
    errs
}

/// An Ignition report path under `spec.config`, in apimachinery's syntax.
#[cfg(feature = "ignition")]
fn ignition_path(
    root: &acp_model::validation::FieldPath,
    path: &acp_ignition::validate::ContextPath,
) -> acp_model::validation::FieldPath {
    use acp_ignition::validate::PathElem;
    path.0.iter().fold(root.clone(), |p, e| match e {
        PathElem::Field(s) => p.child(s),
        PathElem::Key(s) => p.child(s),
        PathElem::Index(i) => p.index(*i),
    })
}
