//! # acp-model — the Alauda Container Platform API as Rust types
//!
//! Every ACP custom resource as a serde + schemars type with kube's `CustomResource` derive, the
//! exact Kubernetes [`Quantity`] and [`IntOrPercent`]
//! value types, and Kubernetes-style field validation ([`validation::ErrorList`]).
//!
//! The crate is pure: no I/O, no clocks, no randomness. Built-in Kubernetes types come from
//! [`k8s_openapi`]; pick its API version in your binary as k8s-openapi documents.
//!
//! ```
//! use acp_model::quantity::Quantity;
//!
//! let q: Quantity = "0.1".parse().unwrap();
//! assert_eq!(q.to_string(), "100m");
//! ```
//!
//! # Deviations from upstream
//!
//! Each is marked `DEVIATION:` next to the code; the module docs give the details.
//!
//! * DEVIATION: [`Quantity::scaled_value`](quantity::Quantity::scaled_value) always rounds away
//!   from zero and returns 0 on `i64` overflow; upstream rounds `inf.Dec`-held negatives towards
//!   +∞ and may return a wrapped value.
//! * DEVIATION: quantity arithmetic is exact up to
//!   [`MAX_EXACT_DIGITS`](quantity::MAX_EXACT_DIGITS) digits, scales are exact 64-bit exponents
//!   after upstream's `int32` truncation, `-2^63` in `BinarySI` prints as `-8Ei`, and
//!   [`Quantity::set_format`](quantity::Quantity::set_format) drops the kept input string.
//! * DEVIATION: JSON numbers with a fraction or exponent deserialise from their decimal text,
//!   never through `float64`.
//! * DEVIATION: [`IntOrPercent::scaled_value`](intstr::IntOrPercent::scaled_value) is exact
//!   integer arithmetic (upstream: `float64` `math.Ceil`/`math.Floor`); they agree while
//!   `|value × total| < 2^53`, and overflow is an error.
//! * DEVIATION: [`alb::parse_certificate_name`] rejects empty namespace or name parts.
//! * DEVIATION: Argo Rollout validation reports strategy errors under their real path
//!   (`spec.strategy.canary.…`) and skips analysis, experiment and cross-object checks.
//! * DEVIATION: CronHPA uses the documented group `tkestack.io/v1`; upstream registers
//!   `extensions.tkestack.io/v1` (read with
//!   [`VersionedCronHpa`](cronhpa::VersionedCronHpa)).
//! * DEVIATION: an Application without `spec` reads as the empty spec and is written back as
//!   `spec: {}` (kube's derive makes `spec` mandatory).
//! * DEVIATION: a MachineConfigPool needs both selectors; upstream leaves them optional.
//! * DEVIATION: YAML reading (`yaml`) is bounded by `yaml::YamlLimits` (document size,
//!   count, depth, nodes, aliases); kubectl's reader has no such budget and reads larger or
//!   deeper manifests.
//! * DEVIATION: a [`FieldError`] about the whole object (empty path)
//!   prints its body alone (apimachinery prefixes `<nil>: `), and a value or detail longer than
//!   [`MAX_ECHOED_BYTES`](validation::MAX_ECHOED_BYTES) is shortened in messages
//!   ([`validation::echo`]); apimachinery prints both whole.
//! * DEVIATION: a Rule's `dslx` `REGEX` patterns are compiled with the linear-time `regex` crate
//!   ([`alb::dslx::Pattern`]); PCRE-only syntax (look-around, back-references) is a validation
//!   error that says so, where ALB uses PCRE.
//! * DEVIATION: an `apps/v1` workload without `spec.selector` reads as the empty selector
//!   (k8s-openapi defaults the required field), so [`workload`] reports `empty selector is
//!   invalid for <kind>` where the API server reports `spec.selector: Required value`.
//! * DEVIATION: [`pod`] and [`workload`] report the same errors as the API server for what
//!   they check, but not always in its order (map keys sorted, volumes first), and check a
//!   subset of `ValidatePodSpec` and `ValidateService` (the module docs list it).
//! * DEVIATION: the `envFrom` Secret-type rule ([`pod::validate_env_from_secret_types`]) is the
//!   ACP console's, not the API server's; its `Not found` detail is our wording.
//! * DEVIATION: a `TZ=`/`CRON_TZ=` prefix without a space after the zone is a
//!   [`crontab::ParseError`]; robfig/cron v3 panics on it.
//! * DEVIATION: Pod Security's namespace check ([`psa::Admission::evaluate_pods_in_namespace`])
//!   has no time budget, only upstream's pod-count bound.
//! * DEVIATION: a Pod Security version minor beyond `u32` (`v1.4294967296`) is refused as
//!   malformed; upstream accepts any Go `int`.
//! * DEVIATION: [`psa::Admission`] takes the namespace's labels and pods from the caller;
//!   upstream reads them from the API and has an error response for a failed lookup.
#![forbid(unsafe_code)]

#[macro_use]
mod open_enum;

pub mod alb;
#[cfg(feature = "crd")]
pub mod app_status;
#[cfg(feature = "crd")]
pub mod application;
#[cfg(feature = "crd")]
pub mod cronhpa;
pub mod crontab;
pub mod dr;
pub mod go;
pub mod image;
pub mod intstr;
pub mod kube_version;
pub mod labels;
#[cfg(feature = "crd")]
pub mod machineconfig;
pub mod names;
#[cfg(feature = "crd")]
pub mod object;
pub mod pod;
pub mod psa;
pub mod quantity;
#[cfg(feature = "crd")]
pub mod ratio;
pub mod resource_names;
#[cfg(feature = "crd")]
mod schema_util;
pub mod secret;
pub mod service;
#[cfg(feature = "crd")]
pub mod thirdparty;
pub mod validation;
pub mod workload;
#[cfg(feature = "yaml")]
pub mod yaml;

pub use intstr::{IntOrPercent, IntOrPercentError};
#[cfg(all(feature = "crd", feature = "yaml"))]
pub use object::parse_yaml;
#[cfg(feature = "crd")]
pub use object::{KnownObject, ObjectError};
pub use psa::{Admission, Evaluation, Fix, LevelVersion};
pub use quantity::{Format, ParseQuantityError, Quantity};
pub use validation::{ErrorList, FieldError, FieldPath, Validate};
