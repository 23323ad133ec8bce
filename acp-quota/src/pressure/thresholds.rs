//! Eviction thresholds: the kubelet's `evictionHard`, `evictionSoft`,
//! `evictionSoftGracePeriod` and `evictionMinimumReclaim` settings, parsed and validated
//! (upstream `ParseThresholdConfig` in `pkg/kubelet/eviction/helpers.go`).
//!
//! ```
//! use acp_quota::pressure::{EvictionSettings, Signal, parse_threshold_config};
//! use std::time::Duration;
//!
//! // The flag form, as in `--eviction-hard=...` or the ACP node configuration's list.
//! let settings = EvictionSettings::none()
//!     .with_eviction_hard("memory.available<100Mi,nodefs.available<10%").unwrap()
//!     .with_eviction_soft("memory.available<1Gi").unwrap()
//!     .with_eviction_soft_grace_period("memory.available=1m30s").unwrap();
//! let config = parse_threshold_config(&settings).unwrap();
//! let shown: Vec<String> = config.thresholds.iter().map(|t| t.to_string()).collect();
//! // The hard memory threshold is also applied to the pods' cgroup (enforceNodeAllocatable=pods).
//! assert_eq!(shown, ["memory.available<100Mi", "nodefs.available<10%", "memory.available<1Gi",
//!     "allocatableMemory.available<100Mi"]);
//! assert_eq!(config.thresholds[2].grace_period, Duration::from_secs(90));
//!
//! // The kubelet's own words for a mistake.
//! let bad = EvictionSettings::none().with_eviction_soft("memory.available<1Gi").unwrap();
//! assert_eq!(parse_threshold_config(&bad).unwrap_err().to_string(),
//!     "evictionSoftGracePeriod: grace period must be specified for the soft eviction threshold memory.available");
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use acp_model::go::parse_duration;
use acp_model::quantity::{Format, Quantity};

/// An eviction signal: what the kubelet measures on the node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Signal {
    /// `memory.available`: node memory capacity − working set.
    MemoryAvailable,
    /// `allocatableMemory.available`: pod-cgroup allocatable − working set of the pods.
    AllocatableMemoryAvailable,
    /// `nodefs.available`: free bytes of the kubelet's filesystem.
    NodeFsAvailable,
    /// `nodefs.inodesFree`: free inodes of the kubelet's filesystem.
    NodeFsInodesFree,
    /// `imagefs.available`: free bytes of the runtime's image filesystem.
    ImageFsAvailable,
    /// `imagefs.inodesFree`: free inodes of the runtime's image filesystem.
    ImageFsInodesFree,
    /// `containerfs.available`: free bytes of the filesystem of container writable layers.
    ContainerFsAvailable,
    /// `containerfs.inodesFree`: free inodes of that filesystem.
    ContainerFsInodesFree,
    /// `pid.available`: process IDs left.
    PidAvailable,
}

impl Signal {
    /// Every signal the kubelet accepts in its eviction settings.
    pub const ALL: [Signal; 9] = [
        Signal::MemoryAvailable,
        Signal::AllocatableMemoryAvailable,
        Signal::NodeFsAvailable,
        Signal::NodeFsInodesFree,
        Signal::ImageFsAvailable,
        Signal::ImageFsInodesFree,
        Signal::ContainerFsAvailable,
        Signal::ContainerFsInodesFree,
        Signal::PidAvailable,
    ];

    /// The name in the settings, e.g. `memory.available`.
    pub fn as_str(self) -> &'static str {
        match self {
            Signal::MemoryAvailable => "memory.available",
            Signal::AllocatableMemoryAvailable => "allocatableMemory.available",
            Signal::NodeFsAvailable => "nodefs.available",
            Signal::NodeFsInodesFree => "nodefs.inodesFree",
            Signal::ImageFsAvailable => "imagefs.available",
            Signal::ImageFsInodesFree => "imagefs.inodesFree",
            Signal::ContainerFsAvailable => "containerfs.available",
            Signal::ContainerFsInodesFree => "containerfs.inodesFree",
            Signal::PidAvailable => "pid.available",
        }
    }

    /// The signal of a name, `None` for a name the kubelet does not know (its
    /// `swap.available` has no eviction behaviour and is refused like any unknown name).
    pub fn parse(name: &str) -> Option<Signal> {
        Signal::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// The resource the kubelet reclaims for this signal.
    pub fn resource(self) -> StarvedResource {
        match self {
            Signal::MemoryAvailable | Signal::AllocatableMemoryAvailable => StarvedResource::Memory,
            Signal::NodeFsAvailable | Signal::ImageFsAvailable | Signal::ContainerFsAvailable => {
                StarvedResource::EphemeralStorage
            }
            Signal::NodeFsInodesFree
            | Signal::ImageFsInodesFree
            | Signal::ContainerFsInodesFree => StarvedResource::Inodes,
            Signal::PidAvailable => StarvedResource::Pids,
        }
    }

    /// The node condition reported while a threshold on this signal is met.
    pub fn node_condition(self) -> NodeCondition {
        match self.resource() {
            StarvedResource::Memory => NodeCondition::MemoryPressure,
            StarvedResource::Pids => NodeCondition::PidPressure,
            StarvedResource::EphemeralStorage | StarvedResource::Inodes => {
                NodeCondition::DiskPressure
            }
        }
    }

    /// Whether the signal counts inodes.
    pub fn is_inodes(self) -> bool {
        self.resource() == StarvedResource::Inodes
    }
}

impl fmt::Display for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The resource a signal starves, as named in eviction messages (`The node was low on
/// resource: memory.`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StarvedResource {
    /// `memory`.
    Memory,
    /// `ephemeral-storage`.
    EphemeralStorage,
    /// `inodes` (internal to the kubelet).
    Inodes,
    /// `pids` (internal to the kubelet).
    Pids,
}

impl StarvedResource {
    /// The name in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            StarvedResource::Memory => "memory",
            StarvedResource::EphemeralStorage => "ephemeral-storage",
            StarvedResource::Inodes => "inodes",
            StarvedResource::Pids => "pids",
        }
    }
}

impl fmt::Display for StarvedResource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A pressure condition of a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeCondition {
    /// `MemoryPressure`.
    MemoryPressure,
    /// `DiskPressure`.
    DiskPressure,
    /// `PIDPressure`.
    PidPressure,
}

impl NodeCondition {
    /// The condition type, e.g. `MemoryPressure`.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeCondition::MemoryPressure => "MemoryPressure",
            NodeCondition::DiskPressure => "DiskPressure",
            NodeCondition::PidPressure => "PIDPressure",
        }
    }

    /// The `NoSchedule` taint the node lifecycle controller puts on a node with this condition
    /// (`node.kubernetes.io/memory-pressure`, …), so the scheduler stops placing pods that do
    /// not tolerate it.
    pub fn taint_key(self) -> &'static str {
        match self {
            NodeCondition::MemoryPressure => "node.kubernetes.io/memory-pressure",
            NodeCondition::DiskPressure => "node.kubernetes.io/disk-pressure",
            NodeCondition::PidPressure => "node.kubernetes.io/pid-pressure",
        }
    }
}

impl fmt::Display for NodeCondition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A percentage of a capacity, kept exactly (to the billionth of a percent).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percentage {
    /// Percent × 10^9.
    nano_percent: i64,
    /// The text before `%`, as written.
    text: String,
}

impl Percentage {
    /// `percent`% (an integer percentage).
    pub fn from_percent(percent: u8) -> Percentage {
        Percentage {
            nano_percent: i64::from(percent) * 1_000_000_000,
            text: percent.to_string(),
        }
    }

    /// The percentage × 10^9 (`10%` → `10_000_000_000`).
    pub fn nano_percent(&self) -> i64 {
        self.nano_percent
    }

    /// `floor(capacity × percentage / 100)`, computed exactly.
    // DEVIATION: upstream multiplies a float64 capacity by a float32 fraction
    // (`GetThresholdQuantity`), e.g. 10% of 10Gi is 1073741840 there; ours is the exact 1Gi.
    pub fn of(&self, capacity: i64) -> i64 {
        let v = i128::from(capacity) * i128::from(self.nano_percent) / 100_000_000_000;
        i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
    }
}

impl fmt::Display for Percentage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.text)
    }
}

/// A threshold or minimum-reclaim amount: a quantity, or a percentage of the signal's
/// capacity (upstream `ThresholdValue`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ThresholdValue {
    /// An absolute amount, e.g. `100Mi`.
    Quantity(Quantity),
    /// A share of the capacity, e.g. `10%`.
    Percentage(Percentage),
}

impl ThresholdValue {
    /// The amount for a capacity (upstream `GetThresholdQuantity`): the quantity itself, or
    /// the percentage of `capacity` (its integer value), in `BinarySI`.
    pub fn quantity_for(&self, capacity: &Quantity) -> Quantity {
        match self {
            ThresholdValue::Quantity(q) => q.clone(),
            ThresholdValue::Percentage(p) => {
                Quantity::from_int(p.of(capacity.value()), Format::BinarySI)
            }
        }
    }
}

impl fmt::Display for ThresholdValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ThresholdValue::Quantity(q) => write!(f, "{q}"),
            ThresholdValue::Percentage(p) => write!(f, "{p}"),
        }
    }
}

/// One eviction threshold: evict when the signal's available amount drops below the value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Threshold {
    /// The signal measured.
    pub signal: Signal,
    /// The amount below which the threshold is met.
    pub value: ThresholdValue,
    /// How long it must be met before the kubelet acts; zero for a hard threshold.
    pub grace_period: Duration,
    /// What must be reclaimed beyond the threshold before it counts as resolved.
    pub min_reclaim: Option<ThresholdValue>,
}

impl Threshold {
    /// A hard threshold (no grace period) on `signal` at `value`.
    pub fn hard(signal: Signal, value: ThresholdValue) -> Threshold {
        Threshold {
            signal,
            value,
            grace_period: Duration::ZERO,
            min_reclaim: None,
        }
    }

    /// Whether the kubelet acts at once (upstream `isHardEvictionThreshold`: grace period 0).
    pub fn is_hard(&self) -> bool {
        self.grace_period.is_zero()
    }

    /// The same threshold with a minimum reclaim.
    pub fn with_min_reclaim(mut self, min_reclaim: ThresholdValue) -> Threshold {
        self.min_reclaim = Some(min_reclaim);
        self
    }

    /// The same threshold with a grace period (a soft threshold when non-zero).
    pub fn with_grace_period(mut self, grace_period: Duration) -> Threshold {
        self.grace_period = grace_period;
        self
    }
}

impl fmt::Display for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}<{}", self.signal, self.value)
    }
}

/// The operating system whose kubelet defaults apply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Os {
    /// Linux: `memory.available<100Mi`, `nodefs.available<10%`, `nodefs.inodesFree<5%`,
    /// `imagefs.available<15%`.
    #[default]
    Linux,
    /// Windows: `memory.available<500Mi`, `nodefs.available<10%`.
    Windows,
    /// Other systems: Linux's without `nodefs.inodesFree`.
    Other,
}

/// Which rules validate the settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rules {
    /// The kubelet's.
    #[default]
    Upstream,
    /// The ACP documentation's: the kubelet's, and `*.inodesFree` thresholds only as
    /// percentages.
    // seed 003:10568, seed 003:10640
    Acp,
}

/// The kubelet's default hard thresholds for `os` (upstream `DefaultEvictionHard`), as the
/// `evictionHard` map.
pub fn default_eviction_hard(os: Os) -> BTreeMap<String, String> {
    let pairs: &[(&str, &str)] = match os {
        Os::Linux => &[
            ("memory.available", "100Mi"),
            ("nodefs.available", "10%"),
            ("nodefs.inodesFree", "5%"),
            ("imagefs.available", "15%"),
        ],
        Os::Windows => &[("memory.available", "500Mi"), ("nodefs.available", "10%")],
        Os::Other => &[
            ("memory.available", "100Mi"),
            ("nodefs.available", "10%"),
            ("imagefs.available", "15%"),
        ],
    };
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// The eviction part of a KubeletConfiguration, as text (the map fields take the signal
/// names as keys). [`Default`] is the kubelet's default on Linux.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct EvictionSettings {
    /// `evictionHard`: signal → `100Mi` or `10%`.
    pub eviction_hard: BTreeMap<String, String>,
    /// `evictionSoft`.
    pub eviction_soft: BTreeMap<String, String>,
    /// `evictionSoftGracePeriod`: signal → Go duration (`1m30s`).
    pub eviction_soft_grace_period: BTreeMap<String, String>,
    /// `evictionMinimumReclaim`: signal → quantity or percentage.
    pub eviction_minimum_reclaim: BTreeMap<String, String>,
    /// `evictionPressureTransitionPeriod` (default 5m).
    pub eviction_pressure_transition_period: Duration,
    /// `evictionMaxPodGracePeriod` in seconds (default 0).
    pub eviction_max_pod_grace_period: i64,
    /// `enforceNodeAllocatable` (default `["pods"]`): with `pods`, the hard
    /// `memory.available` threshold is also applied to `allocatableMemory.available`.
    pub enforce_node_allocatable: Vec<String>,
    /// Which rules validate.
    pub rules: Rules,
}

impl Default for EvictionSettings {
    fn default() -> Self {
        EvictionSettings::kubelet_defaults(Os::Linux)
    }
}

impl EvictionSettings {
    /// The kubelet's defaults for `os`.
    pub fn kubelet_defaults(os: Os) -> EvictionSettings {
        EvictionSettings {
            eviction_hard: default_eviction_hard(os),
            eviction_soft: BTreeMap::new(),
            eviction_soft_grace_period: BTreeMap::new(),
            eviction_minimum_reclaim: BTreeMap::new(),
            eviction_pressure_transition_period: Duration::from_secs(300),
            eviction_max_pod_grace_period: 0,
            enforce_node_allocatable: vec!["pods".to_owned()],
            rules: Rules::Upstream,
        }
    }

    /// Settings with no threshold at all (what `evictionHard: {}` gives) and the other
    /// defaults.
    pub fn none() -> EvictionSettings {
        EvictionSettings {
            eviction_hard: BTreeMap::new(),
            ..EvictionSettings::default()
        }
    }

    /// Replaces `evictionHard` with the flag form (`memory.available<100Mi,nodefs.available<10%`).
    pub fn with_eviction_hard(mut self, flag: &str) -> Result<Self, ThresholdError> {
        self.eviction_hard = parse_langle_map(flag)?;
        Ok(self)
    }

    /// Replaces `evictionSoft` with the flag form.
    pub fn with_eviction_soft(mut self, flag: &str) -> Result<Self, ThresholdError> {
        self.eviction_soft = parse_langle_map(flag)?;
        Ok(self)
    }

    /// Replaces `evictionSoftGracePeriod` with the flag form (`memory.available=1m30s`).
    pub fn with_eviction_soft_grace_period(mut self, flag: &str) -> Result<Self, ThresholdError> {
        self.eviction_soft_grace_period = parse_eq_map(flag)?;
        Ok(self)
    }

    /// Replaces `evictionMinimumReclaim` with the flag form (`memory.available=0Mi`).
    pub fn with_eviction_minimum_reclaim(mut self, flag: &str) -> Result<Self, ThresholdError> {
        self.eviction_minimum_reclaim = parse_eq_map(flag)?;
        Ok(self)
    }

    /// Sets `evictionPressureTransitionPeriod`.
    pub fn with_pressure_transition_period(mut self, period: Duration) -> Self {
        self.eviction_pressure_transition_period = period;
        self
    }

    /// Sets `evictionMaxPodGracePeriod` (seconds).
    pub fn with_max_pod_grace_period(mut self, seconds: i64) -> Self {
        self.eviction_max_pod_grace_period = seconds;
        self
    }

    /// Sets `enforceNodeAllocatable`.
    pub fn with_enforce_node_allocatable(mut self, keys: Vec<String>) -> Self {
        self.enforce_node_allocatable = keys;
        self
    }

    /// Sets the validation rules.
    pub fn with_rules(mut self, rules: Rules) -> Self {
        self.rules = rules;
        self
    }
}

/// Validated eviction settings: the thresholds in force and the timing around them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvictionConfig {
    /// Hard thresholds (in signal order), then soft ones, then the allocatable copies of the
    /// hard `memory.available` threshold.
    pub thresholds: Vec<Threshold>,
    /// How long a pressure condition stays reported after its last observation.
    pub pressure_transition_period: Duration,
    /// The grace period, in seconds, given to pods evicted for a soft threshold.
    pub max_pod_grace_period: i64,
}

impl EvictionConfig {
    /// The hard thresholds.
    pub fn hard(&self) -> impl Iterator<Item = &Threshold> {
        self.thresholds.iter().filter(|t| t.is_hard())
    }

    /// The hard threshold on `signal`, if any.
    pub fn hard_threshold(&self, signal: Signal) -> Option<&Threshold> {
        self.hard().find(|t| t.signal == signal)
    }
}

/// Why eviction settings were refused; the texts are the kubelet's.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ThresholdError {
    /// A signal the kubelet does not know.
    #[error("{field}: unsupported eviction signal {signal}")]
    UnsupportedSignal {
        /// Where, e.g. `evictionHard[memory.avail]`.
        field: String,
        /// The name.
        signal: String,
    },
    /// A percentage below 0%.
    #[error("{field}: eviction percentage threshold {signal} must be >= 0%: {value}")]
    PercentageBelowZero {
        /// Where.
        field: String,
        /// The signal.
        signal: Signal,
        /// The text.
        value: String,
    },
    /// A percentage above 100%.
    #[error("{field}: eviction percentage threshold {signal} must be <= 100%: {value}")]
    PercentageAboveHundred {
        /// Where.
        field: String,
        /// The signal.
        signal: Signal,
        /// The text.
        value: String,
    },
    /// A quantity threshold of zero or less.
    #[error("{field}: eviction threshold {signal} must be positive: {value}")]
    NotPositive {
        /// Where.
        field: String,
        /// The signal.
        signal: Signal,
        /// The quantity.
        value: String,
    },
    /// A percentage or quantity that does not parse.
    #[error("{field}: {reason}")]
    BadValue {
        /// Where.
        field: String,
        /// The parser's message (Go's `strconv.ParseFloat: parsing "x": invalid syntax`, or
        /// the quantity parser's).
        reason: String,
    },
    /// A soft threshold without a grace period.
    #[error(
        "evictionSoftGracePeriod: grace period must be specified for the soft eviction threshold {signal}"
    )]
    MissingGracePeriod {
        /// The signal.
        signal: Signal,
    },
    /// A negative grace period.
    #[error("{field}: invalid eviction grace period specified: {value}, must be a positive value")]
    NegativeGracePeriod {
        /// Where.
        field: String,
        /// The text.
        value: String,
    },
    /// A grace period that does not parse as a Go duration.
    #[error("{field}: {reason}")]
    BadGracePeriod {
        /// Where.
        field: String,
        /// Go's `time: invalid duration "x"` text.
        reason: String,
    },
    /// A zero or negative percentage minimum reclaim.
    #[error("{field}: eviction percentage minimum reclaim {signal} must be positive: {value}")]
    MinReclaimNotPositive {
        /// Where.
        field: String,
        /// The signal.
        signal: Signal,
        /// The text.
        value: String,
    },
    /// A negative quantity minimum reclaim.
    #[error("{field}: negative eviction minimum reclaim specified for {signal}")]
    NegativeMinReclaim {
        /// Where.
        field: String,
        /// The signal.
        signal: Signal,
    },
    /// ACP rule: an inodes threshold given as a quantity.
    #[error("{field}: Invalid value: \"{value}\": {signal} must be a percentage (e.g. 5%)")]
    InodesNotPercentage {
        /// Where.
        field: String,
        /// The signal.
        signal: Signal,
        /// The text.
        value: String,
    },
    /// A pair of the flag form without its separator.
    #[error("malformed pair, expect string{separator}string: {pair:?}")]
    MalformedPair {
        /// The pair.
        pair: String,
        /// `<` or `=`.
        separator: char,
    },
}

fn split_map(flag: &str, separator: char) -> Result<BTreeMap<String, String>, ThresholdError> {
    let mut out = BTreeMap::new();
    for pair in flag.split(',') {
        if pair.is_empty() {
            continue;
        }
        let Some((k, v)) = pair.split_once(separator) else {
            return Err(ThresholdError::MalformedPair {
                pair: pair.to_owned(),
                separator,
            });
        };
        out.insert(k.trim().to_owned(), v.trim().to_owned());
    }
    Ok(out)
}

/// The flag form of `--eviction-hard`/`--eviction-soft`: `signal<value` pairs separated by
/// commas (upstream `LangleSeparatedMapStringString`); a later pair for the same signal
/// wins.
pub fn parse_langle_map(flag: &str) -> Result<BTreeMap<String, String>, ThresholdError> {
    split_map(flag, '<')
}

/// The flag form of `--eviction-soft-grace-period`/`--eviction-minimum-reclaim`:
/// `signal=value` pairs separated by commas (upstream `MapStringString`).
pub fn parse_eq_map(flag: &str) -> Result<BTreeMap<String, String>, ThresholdError> {
    split_map(flag, '=')
}

fn signal_of(field: &str, name: &str) -> Result<Signal, ThresholdError> {
    Signal::parse(name).ok_or_else(|| ThresholdError::UnsupportedSignal {
        field: format!("{field}[{name}]"),
        signal: name.to_owned(),
    })
}

/// Whether `s` is a number Go's `strconv.ParseFloat` reads as a finite decimal we can keep
/// exactly: digits with at most one `.`, an optional sign and an optional `e` exponent.
fn parse_percentage(field: &str, text: &str) -> Result<Percentage, ThresholdError> {
    // Go trims every trailing `%` (strings.TrimRight).
    let number = text.trim_end_matches('%');
    let bad = || ThresholdError::BadValue {
        field: field.to_owned(),
        reason: format!(
            "strconv.ParseFloat: parsing {}: invalid syntax",
            acp_model::go::quote(number)
        ),
    };
    let body = number.strip_prefix(['+', '-']).unwrap_or(number);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let digits_ok = !mantissa.is_empty()
        && mantissa != "."
        && mantissa.chars().filter(|c| *c == '.').count() <= 1
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.');
    let exp_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.len() <= 4 && e.chars().all(|c| c.is_ascii_digit())
    });
    // DEVIATION: Go also reads `inf`, `nan`, hexadecimal floats and `_` separators here
    // (and accepts `nan%`); we refuse them as invalid syntax.
    if !digits_ok || !exp_ok {
        return Err(bad());
    }
    let q: Quantity = number.parse().map_err(|_| bad())?;
    let nano = q
        .checked_scaled_value(-9)
        .unwrap_or(if q.sign() < 0 { i64::MIN } else { i64::MAX });
    Ok(Percentage {
        nano_percent: nano,
        text: number.to_owned(),
    })
}

fn parse_statement(
    field: &str,
    name: &str,
    value: &str,
    rules: Rules,
) -> Result<Option<Threshold>, ThresholdError> {
    let signal = signal_of(field, name)?;
    let at = format!("{field}[{name}]");
    if value.ends_with('%') {
        // The kubelet ignores 0% and 100% thresholds.
        if value == "0%" || value == "100%" {
            return Ok(None);
        }
        let p = parse_percentage(&at, value)?;
        if p.nano_percent < 0 {
            return Err(ThresholdError::PercentageBelowZero {
                field: at,
                signal,
                value: value.to_owned(),
            });
        }
        if p.nano_percent > 100_000_000_000 {
            return Err(ThresholdError::PercentageAboveHundred {
                field: at,
                signal,
                value: value.to_owned(),
            });
        }
        return Ok(Some(Threshold::hard(signal, ThresholdValue::Percentage(p))));
    }
    let q: Quantity = value
        .parse()
        .map_err(
            |e: acp_model::quantity::ParseQuantityError| ThresholdError::BadValue {
                field: at.clone(),
                reason: e.to_string(),
            },
        )?;
    if q.sign() <= 0 {
        return Err(ThresholdError::NotPositive {
            field: at,
            signal,
            value: q.to_string(),
        });
    }
    // seed 003:10568
    if rules == Rules::Acp && signal.is_inodes() {
        return Err(ThresholdError::InodesNotPercentage {
            field: at,
            signal,
            value: value.to_owned(),
        });
    }
    Ok(Some(Threshold::hard(signal, ThresholdValue::Quantity(q))))
}

fn parse_statements(
    field: &str,
    map: &BTreeMap<String, String>,
    rules: Rules,
) -> Result<Vec<Threshold>, ThresholdError> {
    let mut out = Vec::new();
    for (name, value) in map {
        if let Some(t) = parse_statement(field, name, value, rules)? {
            out.push(t);
        }
    }
    // DEVIATION: upstream walks Go maps (random order); we keep the signals' order.
    out.sort_by_key(|t| t.signal);
    Ok(out)
}

fn parse_min_reclaim(
    field: &str,
    name: &str,
    value: &str,
) -> Result<(Signal, ThresholdValue), ThresholdError> {
    let signal = signal_of(field, name)?;
    let at = format!("{field}[{name}]");
    if value.ends_with('%') {
        let p = parse_percentage(&at, value)?;
        if p.nano_percent <= 0 {
            return Err(ThresholdError::MinReclaimNotPositive {
                field: at,
                signal,
                value: value.to_owned(),
            });
        }
        return Ok((signal, ThresholdValue::Percentage(p)));
    }
    let q: Quantity = value
        .parse()
        .map_err(
            |e: acp_model::quantity::ParseQuantityError| ThresholdError::BadValue {
                field: at.clone(),
                reason: e.to_string(),
            },
        )?;
    if q.sign() < 0 {
        return Err(ThresholdError::NegativeMinReclaim { field: at, signal });
    }
    Ok((signal, ThresholdValue::Quantity(q)))
}

/// Parses and validates eviction settings (upstream `ParseThresholdConfig`): hard
/// thresholds, soft thresholds with their grace periods, minimum reclaims, and — when
/// `enforceNodeAllocatable` has `pods` — a copy of the hard `memory.available` threshold
/// on `allocatableMemory.available`.
pub fn parse_threshold_config(
    settings: &EvictionSettings,
) -> Result<EvictionConfig, ThresholdError> {
    let mut thresholds = parse_statements("evictionHard", &settings.eviction_hard, settings.rules)?;
    let mut soft = parse_statements("evictionSoft", &settings.eviction_soft, settings.rules)?;
    let mut grace: BTreeMap<Signal, Duration> = BTreeMap::new();
    for (name, value) in &settings.eviction_soft_grace_period {
        let field = "evictionSoftGracePeriod";
        let signal = signal_of(field, name)?;
        let at = format!("{field}[{name}]");
        let nanos = parse_duration(value).map_err(|e| ThresholdError::BadGracePeriod {
            field: at.clone(),
            reason: e.to_string(),
        })?;
        if nanos < 0 {
            return Err(ThresholdError::NegativeGracePeriod {
                field: at,
                value: value.clone(),
            });
        }
        grace.insert(signal, Duration::from_nanos(nanos.unsigned_abs()));
    }
    let mut reclaim: BTreeMap<Signal, ThresholdValue> = BTreeMap::new();
    for (name, value) in &settings.eviction_minimum_reclaim {
        let (signal, v) = parse_min_reclaim("evictionMinimumReclaim", name, value)?;
        reclaim.insert(signal, v);
    }
    for t in &mut soft {
        let Some(period) = grace.get(&t.signal) else {
            return Err(ThresholdError::MissingGracePeriod { signal: t.signal });
        };
        t.grace_period = *period;
    }
    thresholds.extend(soft);
    for t in &mut thresholds {
        if let Some(r) = reclaim.get(&t.signal) {
            t.min_reclaim = Some(r.clone());
        }
    }
    if settings
        .enforce_node_allocatable
        .iter()
        .any(|k| k == "pods")
    {
        let copies: Vec<Threshold> = thresholds
            .iter()
            .filter(|t| t.signal == Signal::MemoryAvailable && t.is_hard())
            .map(|t| Threshold {
                signal: Signal::AllocatableMemoryAvailable,
                value: t.value.clone(),
                grace_period: Duration::ZERO,
                min_reclaim: t.min_reclaim.clone(),
            })
            .collect();
        thresholds.extend(copies);
    }
    Ok(EvictionConfig {
        thresholds,
        pressure_transition_period: settings.eviction_pressure_transition_period,
        max_pod_grace_period: settings.eviction_max_pod_grace_period,
    })
}
