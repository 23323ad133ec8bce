//! Levels, versions and the namespace policy (upstream `k8s.io/pod-security-admission/api`).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use crate::labels;
use crate::validation::{ErrorList, FieldError, FieldPath};

/// A Pod Security Standards level, in increasing strictness.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// `privileged`: no checks.
    Privileged,
    /// `baseline`: blocks known privilege escalations.
    Baseline,
    /// `restricted`: baseline plus hardening best practices.
    Restricted,
}

impl Level {
    /// Every level, privileged first.
    pub const ALL: [Level; 3] = [Level::Privileged, Level::Baseline, Level::Restricted];

    /// The label value (`privileged`, `baseline`, `restricted`).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Privileged => "privileged",
            Level::Baseline => "baseline",
            Level::Restricted => "restricted",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A level or version that does not parse; prints upstream's message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Not one of the three levels.
    #[error("must be one of privileged, baseline, restricted")]
    Level,
    /// Neither `latest` nor `v1.<minor>`.
    #[error(r#"must be "latest" or "v1.x""#)]
    Version,
}

impl FromStr for Level {
    type Err = ParseError;

    /// Upstream `ParseLevel`: exact, case-sensitive.
    fn from_str(s: &str) -> Result<Self, ParseError> {
        match s {
            "privileged" => Ok(Level::Privileged),
            "baseline" => Ok(Level::Baseline),
            "restricted" => Ok(Level::Restricted),
            _ => Err(ParseError::Level),
        }
    }
}

/// The newest policy minor the checks of this crate know (`sysctls` changed in 1.37).
pub const NEWEST_POLICY_MINOR: u32 = 37;

/// The minor `latest` stands for: the Kubernetes minor this build targets
/// ([`crate::kube_version::MINOR`]), capped at [`NEWEST_POLICY_MINOR`]. The apiserver evaluates
/// `latest`, and any version newer than itself, as its own version.
pub fn latest_minor() -> u32 {
    crate::kube_version::MINOR.min(NEWEST_POLICY_MINOR)
}

/// A policy version: `latest` or `v1.<minor>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Version {
    /// `latest`: the newest policy the evaluating apiserver knows.
    Latest,
    /// `v1.<minor>`.
    V1(u32),
}

impl Version {
    /// The minor the checks evaluate: `latest` and versions newer than [`latest_minor`] are
    /// evaluated as [`latest_minor`].
    pub fn effective_minor(self) -> u32 {
        match self {
            Version::Latest => latest_minor(),
            Version::V1(m) => m.min(latest_minor()),
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Version::Latest => f.write_str("latest"),
            Version::V1(m) => write!(f, "v1.{m}"),
        }
    }
}

impl FromStr for Version {
    type Err = ParseError;

    /// Upstream `ParseVersion`: `latest`, or `v1.` and a minor without leading zero that fits
    /// Go's `int`.
    fn from_str(s: &str) -> Result<Self, ParseError> {
        if s == "latest" {
            return Ok(Version::Latest);
        }
        let minor = s.strip_prefix("v1.").ok_or(ParseError::Version)?;
        let digits = !minor.is_empty() && minor.bytes().all(|b| b.is_ascii_digit());
        if !digits || (minor.len() > 1 && minor.starts_with('0')) {
            return Err(ParseError::Version);
        }
        // DEVIATION: minors beyond u32 are refused (Go accepts up to int64); no such version
        // exists, and every one of them would be evaluated as the newest policy anyway.
        minor
            .parse::<u32>()
            .map(Version::V1)
            .map_err(|_| ParseError::Version)
    }
}

/// A level at a version (`restricted:latest`, `baseline:v1.25`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LevelVersion {
    /// The level.
    pub level: Level,
    /// The version.
    pub version: Version,
}

impl LevelVersion {
    /// `level` at `version`.
    pub fn new(level: Level, version: Version) -> Self {
        LevelVersion { level, version }
    }

    /// `level` at `latest`.
    pub fn latest(level: Level) -> Self {
        LevelVersion::new(level, Version::Latest)
    }

    /// Upstream `Equivalent`: both privileged (any versions), or equal.
    pub fn equivalent(&self, other: &LevelVersion) -> bool {
        (self.level == Level::Privileged && other.level == Level::Privileged) || self == other
    }
}

impl fmt::Display for LevelVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.level, self.version)
    }
}

impl FromStr for LevelVersion {
    type Err = ParseError;

    /// `level` or `level:version`.
    fn from_str(s: &str) -> Result<Self, ParseError> {
        match s.split_once(':') {
            Some((l, v)) => Ok(LevelVersion::new(l.parse()?, v.parse()?)),
            None => Ok(LevelVersion::latest(s.parse()?)),
        }
    }
}

/// The level and version per mode of a namespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Violations refuse the pod.
    pub enforce: LevelVersion,
    /// Violations are recorded in the audit annotation.
    pub audit: LevelVersion,
    /// Violations are returned to the client as a warning.
    pub warn: LevelVersion,
}

impl Default for Policy {
    /// Every mode `privileged:latest` (upstream's defaults when the configuration sets none).
    fn default() -> Self {
        let p = LevelVersion::latest(Level::Privileged);
        Policy {
            enforce: p,
            audit: p,
            warn: p,
        }
    }
}

impl Policy {
    /// Upstream `FullyPrivileged`: every mode is privileged.
    pub fn fully_privileged(&self) -> bool {
        self.enforce.level == Level::Privileged
            && self.audit.level == Level::Privileged
            && self.warn.level == Level::Privileged
    }

    /// Upstream `Equivalent`, mode by mode.
    pub fn equivalent(&self, other: &Policy) -> bool {
        self.enforce.equivalent(&other.enforce)
            && self.audit.equivalent(&other.audit)
            && self.warn.equivalent(&other.warn)
    }

    /// The policy a namespace with these labels gets (upstream `PolicyToEvaluate`), and the
    /// errors of its bad labels, at `metadata.labels[<label>]`.
    ///
    /// A bad `enforce` label enforces `restricted`; bad `audit`/`warn` labels fall back to
    /// `privileged`; a bad version label means `latest`. Without a `warn` label, `warn` is
    /// raised to a stricter valid `enforce` level (and takes its version unless `warn-version`
    /// is set).
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use acp_model::psa::{Level, Policy};
    ///
    /// let labels = BTreeMap::from([
    ///     ("pod-security.kubernetes.io/enforce".to_string(), "restricted".to_string()),
    ///     ("pod-security.kubernetes.io/audit".to_string(), "strict".to_string()),
    /// ]);
    /// let (p, errs) = Policy::from_labels(&labels, &Policy::default());
    /// assert_eq!(p.warn.level, Level::Restricted);
    /// assert_eq!(errs.to_string(), "metadata.labels[pod-security.kubernetes.io/audit]: \
    ///     Invalid value: \"strict\": must be one of privileged, baseline, restricted");
    /// ```
    pub fn from_labels(
        labels: &BTreeMap<String, String>,
        defaults: &Policy,
    ) -> (Policy, ErrorList) {
        let mut p = *defaults;
        let mut errs = ErrorList::new();
        if labels.is_empty() {
            return (p, errs);
        }
        let path = FieldPath::new("metadata").child("labels");
        let mut bad = |label: &str, value: &str, e: ParseError| {
            errs.push(FieldError::invalid(&path.key(label), value, e.to_string()));
        };
        let mut has_enforce_level = false;
        if let Some(v) = labels.get(labels::PSA_ENFORCE) {
            match v.parse() {
                Ok(l) => {
                    p.enforce.level = l;
                    has_enforce_level = true;
                }
                Err(e) => {
                    p.enforce.level = Level::Restricted;
                    bad(labels::PSA_ENFORCE, v, e);
                }
            }
        }
        if let Some(v) = labels.get(labels::PSA_ENFORCE_VERSION) {
            p.enforce.version = v.parse().unwrap_or_else(|e| {
                bad(labels::PSA_ENFORCE_VERSION, v, e);
                Version::Latest
            });
        }
        if let Some(v) = labels.get(labels::PSA_AUDIT) {
            p.audit.level = v.parse().unwrap_or_else(|e| {
                bad(labels::PSA_AUDIT, v, e);
                Level::Privileged
            });
        }
        if let Some(v) = labels.get(labels::PSA_AUDIT_VERSION) {
            p.audit.version = v.parse().unwrap_or_else(|e| {
                bad(labels::PSA_AUDIT_VERSION, v, e);
                Version::Latest
            });
        }
        let has_warn_level = labels.contains_key(labels::PSA_WARN);
        if let Some(v) = labels.get(labels::PSA_WARN) {
            p.warn.level = v.parse().unwrap_or_else(|e| {
                bad(labels::PSA_WARN, v, e);
                Level::Privileged
            });
        }
        let has_warn_version = labels.contains_key(labels::PSA_WARN_VERSION);
        if let Some(v) = labels.get(labels::PSA_WARN_VERSION) {
            p.warn.version = v.parse().unwrap_or_else(|e| {
                bad(labels::PSA_WARN_VERSION, v, e);
                Version::Latest
            });
        }
        if !has_warn_level && has_enforce_level && p.enforce.level > p.warn.level {
            p.warn.level = p.enforce.level;
            if !has_warn_version {
                p.warn.version = p.enforce.version;
            }
        }
        (p, errs)
    }
}
