//! Signals, met thresholds and node conditions over time (upstream
//! `makeSignalObservations`, `thresholdsMet`, `thresholdsFirstObservedAt`,
//! `thresholdsMetGracePeriod`, `nodeConditions`, `nodeConditionsLastObservedAt`,
//! `nodeConditionsObservedSince` in `pkg/kubelet/eviction/helpers.go`, driven as
//! `synchronize` in `eviction_manager.go` drives them), and what a node under pressure
//! still admits (the eviction manager's `Admit`).
//!
//! ```
//! use acp_quota::pressure::{EvictionSettings, NodeCondition, NodeStats, PressureState,
//!     parse_threshold_config};
//! use jiff::Timestamp;
//!
//! let config = parse_threshold_config(&EvictionSettings::none()
//!     .with_eviction_hard("memory.available<500Mi").unwrap()).unwrap();
//! let mut state = PressureState::new();
//! let low = NodeStats::memory(8 << 30, (8 << 30) - (300 << 20)).observations();
//! let seen = state.observe(&config, &low, Timestamp::UNIX_EPOCH);
//! assert_eq!(seen.node_conditions, [NodeCondition::MemoryPressure]);
//! assert_eq!(seen.taints(), ["node.kubernetes.io/memory-pressure"]);
//! assert_eq!(seen.thresholds.len(), 1); // hard: acted on at once
//! ```

use std::collections::BTreeMap;
use std::time::Duration;

use acp_model::quantity::{Format, Quantity};
use jiff::Timestamp;

use super::thresholds::{EvictionConfig, NodeCondition, Signal, Threshold};
use crate::pod::QosClass;

/// One measured signal: what is available and out of what capacity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observation {
    /// Available amount (bytes, inodes or PIDs).
    pub available: Quantity,
    /// Capacity the percentages are taken of.
    pub capacity: Quantity,
}

/// A filesystem's stats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FsStats {
    /// Free bytes.
    pub available_bytes: u64,
    /// Size in bytes.
    pub capacity_bytes: u64,
    /// Free inodes.
    pub inodes_free: u64,
    /// Inodes in all.
    pub inodes: u64,
}

/// Node stats as the kubelet's summary API reports them; what is absent is not observed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct NodeStats {
    /// Node memory: (available bytes, working-set bytes). Capacity is their sum.
    pub memory: Option<(u64, u64)>,
    /// The pods cgroup's memory: (available bytes, working-set bytes).
    pub allocatable_memory: Option<(u64, u64)>,
    /// The kubelet's filesystem.
    pub nodefs: Option<FsStats>,
    /// The runtime's image filesystem.
    pub imagefs: Option<FsStats>,
    /// The filesystem of container writable layers.
    pub containerfs: Option<FsStats>,
    /// PIDs: (max PID, running processes).
    pub pids: Option<(u64, u64)>,
}

fn bin(v: u64) -> Quantity {
    Quantity::from_int(i64::try_from(v).unwrap_or(i64::MAX), Format::BinarySI)
}

fn dec(v: i128) -> Quantity {
    let v = v.clamp(i128::from(i64::MIN), i128::from(i64::MAX));
    Quantity::from_int(i64::try_from(v).unwrap_or(0), Format::DecimalSI)
}

impl NodeStats {
    /// Stats with only node memory: `capacity` bytes of which `working_set` are in use.
    pub fn memory(capacity: u64, working_set: u64) -> NodeStats {
        NodeStats {
            memory: Some((capacity.saturating_sub(working_set), working_set)),
            ..NodeStats::default()
        }
    }

    /// Sets the pods cgroup's memory (available, working set).
    pub fn with_allocatable_memory(mut self, available: u64, working_set: u64) -> Self {
        self.allocatable_memory = Some((available, working_set));
        self
    }

    /// Sets the nodefs stats.
    pub fn with_nodefs(mut self, fs: FsStats) -> Self {
        self.nodefs = Some(fs);
        self
    }

    /// Sets the imagefs stats.
    pub fn with_imagefs(mut self, fs: FsStats) -> Self {
        self.imagefs = Some(fs);
        self
    }

    /// Sets the containerfs stats.
    pub fn with_containerfs(mut self, fs: FsStats) -> Self {
        self.containerfs = Some(fs);
        self
    }

    /// Sets the PID stats (max PID, running processes).
    pub fn with_pids(mut self, max_pid: u64, running: u64) -> Self {
        self.pids = Some((max_pid, running));
        self
    }

    /// The observations of every signal the stats cover (upstream `makeSignalObservations`).
    pub fn observations(&self) -> Observations {
        let mut out = BTreeMap::new();
        let mem = |(avail, ws): (u64, u64)| Observation {
            available: bin(avail),
            capacity: bin(avail.saturating_add(ws)),
        };
        if let Some(m) = self.memory {
            out.insert(Signal::MemoryAvailable, mem(m));
        }
        if let Some(m) = self.allocatable_memory {
            out.insert(Signal::AllocatableMemoryAvailable, mem(m));
        }
        let fs = |out: &mut BTreeMap<Signal, Observation>,
                  fs: Option<FsStats>,
                  bytes: Signal,
                  inodes: Signal| {
            if let Some(f) = fs {
                out.insert(
                    bytes,
                    Observation {
                        available: bin(f.available_bytes),
                        capacity: bin(f.capacity_bytes),
                    },
                );
                out.insert(
                    inodes,
                    Observation {
                        available: dec(i128::from(f.inodes_free)),
                        capacity: dec(i128::from(f.inodes)),
                    },
                );
            }
        };
        fs(
            &mut out,
            self.nodefs,
            Signal::NodeFsAvailable,
            Signal::NodeFsInodesFree,
        );
        fs(
            &mut out,
            self.imagefs,
            Signal::ImageFsAvailable,
            Signal::ImageFsInodesFree,
        );
        fs(
            &mut out,
            self.containerfs,
            Signal::ContainerFsAvailable,
            Signal::ContainerFsInodesFree,
        );
        if let Some((max, running)) = self.pids {
            out.insert(
                Signal::PidAvailable,
                Observation {
                    available: dec(i128::from(max) - i128::from(running)),
                    capacity: dec(i128::from(max)),
                },
            );
        }
        Observations(out)
    }
}

/// The observed signals.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Observations(pub BTreeMap<Signal, Observation>);

impl Observations {
    /// The observation of `signal`.
    pub fn get(&self, signal: Signal) -> Option<&Observation> {
        self.0.get(&signal)
    }
}

/// The thresholds met by the observations, ignoring grace periods (upstream
/// `thresholdsMet`): a threshold is met when the available amount is below it; with
/// `enforce_min_reclaim`, below it plus its minimum reclaim. A threshold whose signal was
/// not observed is not met.
pub fn thresholds_met(
    thresholds: &[Threshold],
    observations: &Observations,
    enforce_min_reclaim: bool,
) -> Vec<Threshold> {
    thresholds
        .iter()
        .filter(|t| {
            let Some(obs) = observations.get(t.signal) else {
                return false;
            };
            let mut q = t.value.quantity_for(&obs.capacity);
            if let (true, Some(r)) = (enforce_min_reclaim, &t.min_reclaim) {
                q = &q + &r.quantity_for(&obs.capacity);
            }
            q > obs.available
        })
        .cloned()
        .collect()
}

/// The node conditions of a set of met thresholds, without duplicates, in the order first
/// met (upstream `nodeConditions`).
pub fn node_conditions(thresholds: &[Threshold]) -> Vec<NodeCondition> {
    let mut out = Vec::new();
    for t in thresholds {
        let c = t.signal.node_condition();
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

fn elapsed(now: Timestamp, since: Timestamp) -> Option<Duration> {
    // A `since` after `now` counts as no time elapsed.
    let d = now.duration_since(since);
    Some(Duration::try_from(d).unwrap_or(Duration::ZERO))
}

/// What the eviction manager remembers between two observations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PressureState {
    /// When each currently met threshold was first seen met.
    pub thresholds_first_observed_at: Vec<(Threshold, Timestamp)>,
    /// When each node condition was last seen.
    pub node_conditions_last_observed_at: BTreeMap<NodeCondition, Timestamp>,
    /// The thresholds that drove the last decision (grace periods met).
    pub thresholds_met: Vec<Threshold>,
}

/// The outcome of one observation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    /// The node conditions reported (met now, or within the transition period).
    pub node_conditions: Vec<NodeCondition>,
    /// The thresholds to act on now (met, soft ones for at least their grace period,
    /// and the ones previously acted on whose minimum reclaim is not yet reached).
    pub thresholds: Vec<Threshold>,
}

impl Assessment {
    /// The `NoSchedule` taints the node lifecycle controller keeps on the node for its
    /// conditions.
    pub fn taints(&self) -> Vec<&'static str> {
        self.node_conditions.iter().map(|c| c.taint_key()).collect()
    }
}

impl PressureState {
    /// A node seen for the first time.
    pub fn new() -> PressureState {
        PressureState::default()
    }

    /// One pass of the eviction manager at `now` (the threshold part of upstream
    /// `synchronize`): updates the state and says which conditions hold and which
    /// thresholds to act on.
    pub fn observe(
        &mut self,
        config: &EvictionConfig,
        observations: &Observations,
        now: Timestamp,
    ) -> Assessment {
        let mut met = thresholds_met(&config.thresholds, observations, false);
        if !self.thresholds_met.is_empty() {
            for t in thresholds_met(&self.thresholds_met, observations, true) {
                if !met.contains(&t) {
                    met.push(t);
                }
            }
        }
        let first: Vec<(Threshold, Timestamp)> = met
            .iter()
            .map(|t| {
                let at = self
                    .thresholds_first_observed_at
                    .iter()
                    .find(|(old, _)| old == t)
                    .map_or(now, |(_, at)| *at);
                (t.clone(), at)
            })
            .collect();
        let mut last = self.node_conditions_last_observed_at.clone();
        for c in node_conditions(&met) {
            last.insert(c, now);
        }
        let conditions: Vec<NodeCondition> = last
            .iter()
            .filter(|(_, at)| {
                elapsed(now, **at).is_some_and(|d| d < config.pressure_transition_period)
            })
            .map(|(c, _)| *c)
            .collect();
        let acting: Vec<Threshold> = first
            .iter()
            .filter(|(t, at)| elapsed(now, *at).is_some_and(|d| d >= t.grace_period))
            .map(|(t, _)| t.clone())
            .collect();
        self.thresholds_first_observed_at = first;
        self.node_conditions_last_observed_at = last;
        self.thresholds_met = acting.clone();
        Assessment {
            node_conditions: conditions,
            thresholds: acting,
        }
    }
}

/// Why the kubelet refuses a new pod on a node under pressure.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("The node had condition: [{}]. ", conditions.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" "))]
pub struct PressureRejection {
    /// The node's conditions.
    pub conditions: Vec<NodeCondition>,
}

impl PressureRejection {
    /// The pod status reason, `Evicted`.
    pub const REASON: &'static str = "Evicted";
}

/// Whether a node with `conditions` admits a new pod (the eviction manager's `Admit`):
/// everything without pressure; critical pods always; under memory pressure alone, every
/// pod but a BestEffort one that does not tolerate the memory-pressure taint; under any
/// other pressure, nothing.
// seed 003:10835, seed 003:10842
pub fn admit_under_pressure(
    conditions: &[NodeCondition],
    qos: QosClass,
    critical: bool,
    tolerates_memory_pressure: bool,
) -> Result<(), PressureRejection> {
    if conditions.is_empty() || critical {
        return Ok(());
    }
    if conditions
        .iter()
        .all(|c| *c == NodeCondition::MemoryPressure)
        && (qos != QosClass::BestEffort || tolerates_memory_pressure)
    {
        return Ok(());
    }
    Err(PressureRejection {
        conditions: conditions.to_vec(),
    })
}
