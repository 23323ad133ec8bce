//! An eviction simulator: the kubelet's eviction manager stepped offline over a node and its
//! pods until the pressure clears, listing who is evicted, in order, and why.
//!
//! Each cycle (every `interval`, the kubelet's 10s housekeeping) does what upstream
//! `synchronize` does: observe the signals, track thresholds and conditions over time
//! ([`PressureState`]), pick the threshold to reclaim (memory first), try node-level
//! reclaim, then rank the pods and evict the first one that may be evicted (critical pods
//! are skipped). An evicted pod's usage is freed before the next cycle.

use std::time::Duration;

use acp_model::quantity::Quantity;
use jiff::{SignedDuration, Timestamp};

use super::ranking::{
    FsLayout, NodeReclaim, PodStats, PodUsage, by_eviction_priority, eviction_grace_period,
    eviction_message, node_reclaim_for_signal, rank, rank_for_signal,
};
use super::signals::{FsStats, NodeStats, PressureState, thresholds_met};
use super::thresholds::{EvictionConfig, Signal, StarvedResource, Threshold};

/// What node-level reclaim can free, per filesystem.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reclaimable {
    /// Bytes and inodes held by dead containers (on the filesystem of writable layers).
    pub dead_containers: (u64, u64),
    /// Bytes and inodes held by unused images (on imagefs, or nodefs without one).
    pub unused_images: (u64, u64),
}

/// Options of [`simulate`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SimulationOptions {
    /// When the episode starts.
    pub start: Timestamp,
    /// Time between two cycles (default 10s, the kubelet's housekeeping interval).
    pub interval: Duration,
    /// Cycles after which the simulation gives up (default 10,000).
    pub max_cycles: usize,
    /// The node's filesystems.
    pub layout: FsLayout,
    /// What node-level reclaim frees (default nothing).
    pub reclaimable: Reclaimable,
}

impl Default for SimulationOptions {
    fn default() -> Self {
        SimulationOptions {
            start: Timestamp::UNIX_EPOCH,
            interval: Duration::from_secs(10),
            max_cycles: 10_000,
            layout: FsLayout::Single,
            reclaimable: Reclaimable::default(),
        }
    }
}

impl SimulationOptions {
    /// Options starting at `start`.
    pub fn new(start: Timestamp) -> Self {
        SimulationOptions {
            start,
            ..SimulationOptions::default()
        }
    }

    /// Sets the cycle interval.
    pub fn with_interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// Sets the cycle limit.
    pub fn with_max_cycles(mut self, max_cycles: usize) -> Self {
        self.max_cycles = max_cycles;
        self
    }

    /// Sets the filesystem layout.
    pub fn with_layout(mut self, layout: FsLayout) -> Self {
        self.layout = layout;
        self
    }

    /// Sets what node-level reclaim frees.
    pub fn with_reclaimable(mut self, reclaimable: Reclaimable) -> Self {
        self.reclaimable = reclaimable;
        self
    }
}

/// One eviction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Eviction {
    /// When.
    pub at: Timestamp,
    /// The pod's name.
    pub pod: String,
    /// Its index in the input.
    pub index: usize,
    /// The threshold reclaimed.
    pub threshold: Threshold,
    /// The signal's available amount when the pod was picked.
    pub available: Quantity,
    /// The grace period the pod gets, in seconds.
    pub grace_period: i64,
    /// The message written into the pod's status.
    pub message: String,
}

/// One thing the eviction manager did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Node-level reclaim (dead containers, unused images) ran for a signal.
    Reclaimed {
        /// When.
        at: Timestamp,
        /// The signal.
        signal: Signal,
        /// What ran.
        actions: Vec<NodeReclaim>,
        /// Whether it resolved the pressure without evicting.
        resolved: bool,
    },
    /// A pod was evicted.
    Evicted(Eviction),
}

/// How the episode ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// No threshold is met any more (including minimum reclaims).
    Resolved {
        /// When.
        at: Timestamp,
    },
    /// A threshold is met but no pod can be evicted (none left, or only critical ones).
    NoPodToEvict {
        /// When.
        at: Timestamp,
        /// The signal.
        signal: Signal,
    },
    /// The cycle limit was reached (e.g. a soft threshold with a very long grace period).
    CycleLimit,
}

/// The result of [`simulate`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Simulation {
    /// What happened, in order.
    pub steps: Vec<Step>,
    /// How it ended.
    pub outcome: Outcome,
}

impl Simulation {
    /// The evictions, in order.
    pub fn evictions(&self) -> impl Iterator<Item = &Eviction> {
        self.steps.iter().filter_map(|s| match s {
            Step::Evicted(e) => Some(e),
            Step::Reclaimed { .. } => None,
        })
    }
}

fn add_fs(fs: &mut Option<FsStats>, bytes: u64, inodes: u64) {
    if let Some(f) = fs {
        f.available_bytes = f
            .available_bytes
            .saturating_add(bytes)
            .min(f.capacity_bytes);
        f.inodes_free = f.inodes_free.saturating_add(inodes).min(f.inodes);
    }
}

/// The node's stats once `pod`'s usage is gone.
pub fn free_pod(stats: &mut NodeStats, pod: &PodStats, layout: FsLayout) {
    if let Some((avail, ws)) = &mut stats.memory {
        let freed = pod.memory_working_set.min(*ws);
        *avail = avail.saturating_add(freed);
        *ws -= freed;
    }
    if let Some((avail, ws)) = &mut stats.allocatable_memory {
        let freed = pod.memory_working_set.min(*ws);
        *avail = avail.saturating_add(freed);
        *ws -= freed;
    }
    let node_bytes = pod.logs_bytes.saturating_add(pod.local_volume_bytes);
    let node_inodes = pod.logs_inodes.saturating_add(pod.local_volume_inodes);
    // Logs, local volumes and the writable layer together, where they share one filesystem.
    let all_bytes = node_bytes.saturating_add(pod.rootfs_bytes);
    let all_inodes = node_inodes.saturating_add(pod.rootfs_inodes);
    match layout {
        FsLayout::Single => {
            add_fs(&mut stats.nodefs, all_bytes, all_inodes);
            add_fs(&mut stats.imagefs, all_bytes, all_inodes);
            add_fs(&mut stats.containerfs, all_bytes, all_inodes);
        }
        FsLayout::ImageFs => {
            add_fs(&mut stats.nodefs, node_bytes, node_inodes);
            add_fs(&mut stats.imagefs, pod.rootfs_bytes, pod.rootfs_inodes);
            add_fs(&mut stats.containerfs, pod.rootfs_bytes, pod.rootfs_inodes);
        }
        FsLayout::SplitImageFs => {
            add_fs(&mut stats.nodefs, all_bytes, all_inodes);
            add_fs(&mut stats.containerfs, all_bytes, all_inodes);
        }
    }
    if let Some((_, running)) = &mut stats.pids {
        *running = running.saturating_sub(pod.processes);
    }
}

fn apply_reclaim(
    stats: &mut NodeStats,
    actions: &[NodeReclaim],
    r: &Reclaimable,
    layout: FsLayout,
) {
    for a in actions {
        let (bytes, inodes) = match a {
            NodeReclaim::DeleteUnusedContainers => r.dead_containers,
            NodeReclaim::DeleteUnusedImages => r.unused_images,
        };
        let containers_on_node = layout != FsLayout::ImageFs;
        let on_node = match a {
            NodeReclaim::DeleteUnusedContainers => containers_on_node,
            NodeReclaim::DeleteUnusedImages => layout == FsLayout::Single,
        };
        if on_node {
            add_fs(&mut stats.nodefs, bytes, inodes);
        }
        if !on_node || layout == FsLayout::Single {
            add_fs(&mut stats.imagefs, bytes, inodes);
        }
        if matches!(a, NodeReclaim::DeleteUnusedContainers) || layout == FsLayout::Single {
            add_fs(&mut stats.containerfs, bytes, inodes);
        }
    }
}

/// Steps the eviction manager over `stats` (the node with all of `pods` running) until no
/// threshold is met, listing node-level reclaims and evictions in order.
///
/// ```
/// use acp_quota::pressure::{EvictionSettings, NodeStats, Outcome, PodUsage, SimulationOptions,
///     parse_threshold_config, simulate};
///
/// let gi = 1u64 << 30;
/// let config = parse_threshold_config(
///     &EvictionSettings::none().with_eviction_hard("memory.available<500Mi").unwrap()).unwrap();
/// let pods = [
///     PodUsage::memory("steady", 0, "2Gi", gi),
///     PodUsage::memory("leaky", 0, "1Gi", 3 * gi),
///     PodUsage::memory("batch", -100, "1Gi", 2 * gi),
/// ];
/// // A 10Gi node with 9.8Gi in use (6Gi by the pods).
/// let stats = NodeStats::memory(10 * gi, 10 * gi - 200 * (1 << 20));
/// let sim = simulate(&config, &stats, &pods, &SimulationOptions::default());
/// let evicted: Vec<&str> = sim.evictions().map(|e| e.pod.as_str()).collect();
/// assert_eq!(evicted, ["batch"]); // over its request, lowest priority; frees 2Gi
/// assert!(matches!(sim.outcome, Outcome::Resolved { .. }));
/// ```
pub fn simulate(
    config: &EvictionConfig,
    stats: &NodeStats,
    pods: &[PodUsage],
    options: &SimulationOptions,
) -> Simulation {
    let mut stats = *stats;
    let mut state = PressureState::new();
    let mut alive: Vec<bool> = vec![true; pods.len()];
    let mut steps = Vec::new();
    let interval =
        SignedDuration::try_from(options.interval).unwrap_or(SignedDuration::from_secs(10));
    let mut now = options.start;
    let mut reclaimed: Vec<Signal> = Vec::new();
    let mut orders: Vec<(super::ranking::RankBy, Vec<usize>)> = Vec::new();
    for _ in 0..options.max_cycles {
        let observations = stats.observations();
        let assessment = state.observe(config, &observations, now);
        if assessment.thresholds.is_empty() {
            let pending = thresholds_met(&config.thresholds, &observations, false);
            if pending.is_empty() && state.thresholds_first_observed_at.is_empty() {
                return Simulation {
                    steps,
                    outcome: Outcome::Resolved { at: now },
                };
            }
        } else {
            let mut acting = assessment.thresholds.clone();
            by_eviction_priority(&mut acting);
            let threshold = acting[0].clone();
            let signal = threshold.signal;
            // DEVIATION: node-level reclaim frees `options.reclaimable` once per signal, and an
            // evicted pod's usage is gone by the next cycle; the kubelet measures both.
            let actions = node_reclaim_for_signal(signal, options.layout);
            // Node-level reclaim frees what it can once; later cycles find nothing left.
            if !actions.is_empty() && !reclaimed.contains(&signal) {
                reclaimed.push(signal);
                apply_reclaim(&mut stats, &actions, &options.reclaimable, options.layout);
                let after = stats.observations();
                let resolved = thresholds_met(&config.thresholds, &after, true).is_empty();
                steps.push(Step::Reclaimed {
                    at: now,
                    signal,
                    actions,
                    resolved,
                });
                if resolved {
                    now = now.saturating_add(interval).unwrap_or(now);
                    continue;
                }
            }
            // A pod's ranking key depends only on its own stats, which do not change during
            // the episode: each ranking is computed once and walked for the first pod left.
            let by = rank_for_signal(signal, options.layout);
            let order = match orders.iter().position(|(b, _)| *b == by) {
                Some(i) => &orders[i].1,
                None => {
                    orders.push((by, rank(pods, by)));
                    &orders[orders.len() - 1].1
                }
            };
            let Some(index) = order
                .iter()
                .copied()
                .find(|&i| alive[i] && !pods[i].critical)
            else {
                return Simulation {
                    steps,
                    outcome: Outcome::NoPodToEvict { at: now, signal },
                };
            };
            let pod = &pods[index];
            let available = observations
                .get(signal)
                .map(|o| o.available.clone())
                .unwrap_or_default();
            let resource: StarvedResource = signal.resource();
            steps.push(Step::Evicted(Eviction {
                at: now,
                pod: pod.name.clone(),
                index,
                threshold: threshold.clone(),
                available,
                grace_period: eviction_grace_period(&threshold, config.max_pod_grace_period, pod),
                message: eviction_message(resource, pod, &acting, &observations),
            }));
            alive[index] = false;
            if let Some(s) = &pod.stats {
                free_pod(&mut stats, s, options.layout);
            }
        }
        now = now.saturating_add(interval).unwrap_or(now);
    }
    Simulation {
        steps,
        outcome: Outcome::CycleLimit,
    }
}
