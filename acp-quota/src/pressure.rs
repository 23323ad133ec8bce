//! Node pressure: allocatable, eviction thresholds and signals, who is evicted next, OOM
//! score adjustments, and whether a pod still fits a node — the kubelet's eviction manager,
//! its `cm` allocatable and `qos` OOM code, and the scheduler's NodeResourcesFit filter
//! (Kubernetes 1.35), computed exactly and offline.
// seed 003:10470-10895, seed 003:4425-4431
//!
//! ```
//! use acp_quota::pressure::{AllocatableFlavour, EvictionSettings, NodeStats, PodUsage, Reservations,
//!     SimulationOptions, node_allocatable, parse_threshold_config, simulate};
//! use acp_quota::ResourceList;
//!
//! // The ACP documentation's example node: 10Gi, 2Gi system-reserved,
//! // hard memory.available<.5Gi, soft memory.available<1Gi for 30s.
//! let settings = EvictionSettings::none()
//!     .with_eviction_hard("memory.available<.5Gi").unwrap()
//!     .with_eviction_soft("memory.available<1Gi").unwrap()
//!     .with_eviction_soft_grace_period("memory.available=30s").unwrap();
//! let config = parse_threshold_config(&settings).unwrap();
//! let capacity = ResourceList::parse_pairs([("memory", "10Gi")]).unwrap();
//! let reserved = Reservations::new()
//!     .with_system_reserved(ResourceList::parse_pairs([("memory", "2Gi")]).unwrap());
//! assert_eq!(node_allocatable(&capacity, &reserved, &config).get("memory").unwrap().to_string(), "7680Mi");
//!
//! // 800Mi free: the soft threshold is met, and acted on once it has held for 30s.
//! let mi = 1u64 << 20;
//! let pods = [PodUsage::memory("cache", 0, "1Gi", 3 * 1024 * mi)];
//! let sim = simulate(&config, &NodeStats::memory(10240 * mi, 9440 * mi), &pods,
//!     &SimulationOptions::default());
//! let first = sim.evictions().next().unwrap();
//! assert_eq!(first.at.as_second(), 30);
//! assert!(first.message.starts_with("The node was low on resource: memory."));
//! ```
//!
//! # Parts
//!
//! * [`thresholds`]: eviction settings in both forms (flag text and KubeletConfiguration
//!   maps), every signal, quantities or percentages, the per-OS defaults, the kubelet's error
//!   texts ([`parse_threshold_config`]). [`Rules::Acp`] adds the ACP documentation's rule that
//!   `inodesFree` thresholds are percentages.
//! * [`allocatable`]: capacity − kube-reserved − system-reserved − hard eviction threshold
//!   ([`node_allocatable`]); [`AllocatableFlavour::Seed`] is the ACP documentation's model,
//!   which leaves the eviction threshold out (its 10Gi example: 8Gi, where the kubelet
//!   reports 7.5Gi).
//! * [`signals`]: observations from node stats, met thresholds (soft ones after their grace
//!   period), node conditions with the transition period ([`PressureState`]), their taints,
//!   and what a node under pressure still admits ([`admit_under_pressure`]).
//! * [`ranking`]: the eviction order per signal, node-level reclaim before any pod, the
//!   eviction message and grace period.
//! * [`simulate`](mod@simulate): the eviction manager stepped until the pressure clears.
//! * [`oom`]: `oom_score_adj` per container; [`OomFlavour::Seed`] gives the documentation's
//!   older values (Guaranteed −998, Burstable clamped to [2, 999]) where Kubernetes 1.35 has
//!   −997 and [3, 999].
//! * [`fit`]: the scheduler's `Insufficient <resource>` and `Too many pods` reasons.
//!
//! # Deviations
//!
//! * DEVIATION: percentages are exact (`floor(capacity × p / 100)`); the kubelet multiplies
//!   by a float32 fraction, so e.g. `10%` of 10Gi is 1073741840 there and 1073741824 here.
//! * DEVIATION: thresholds are listed in signal order and scalar fit reasons by name, where
//!   upstream walks Go maps; pods that rank equal keep their input order, where upstream's
//!   unstable sort leaves them in an unspecified order.
//! * DEVIATION: percentages in Go syntax we cannot keep exactly (`inf`, `nan`, hexadecimal,
//!   `_`) are refused; the kubelet accepts them (even `nan%`).
//! * DEVIATION: a negative reservation cannot raise allocatable above capacity.
//! * DEVIATION: OOM arithmetic is done in 128 bits (upstream's `1000 × request` overflows an
//!   int64 above 9PB), and a sidecar in a pod without regular containers gets no sidecar cap
//!   (upstream would panic).
//! * DEVIATION: the simulator frees an evicted pod's usage by the next cycle and runs
//!   node-level reclaim once per signal; the kubelet waits for the pod's cleanup and measures
//!   what reclaim actually freed.
// The ACP documentation also has dead containers reclaimed for nodefs with an imagefs (seed
// 003:10775); upstream's current kubelet reclaims nothing there, which is what we return.

pub mod allocatable;
pub mod fit;
pub mod oom;
pub mod ranking;
pub mod signals;
pub mod simulate;
pub mod thresholds;

pub use allocatable::{
    AllocatableFlavour, Reservations, hard_eviction_reservation, node_allocatable,
};
pub use fit::{
    FitOptions, InsufficientResource, NodeUsage, SchedulerResource, fits_request, pod_fits,
};
pub use oom::{OomError, OomFlavour, container_oom_score_adjust};
pub use ranking::{
    ContainerUsage, FsLayout, FsMeasure, NodeReclaim, PodStats, PodUsage, RankBy, compare,
    eviction_grace_period, eviction_message, node_reclaim_for_signal, rank, rank_disk_pressure,
    rank_for_signal, rank_memory_pressure, rank_pid_pressure,
};
pub use signals::{
    Assessment, FsStats, NodeStats, Observation, Observations, PressureRejection, PressureState,
    admit_under_pressure, node_conditions, thresholds_met,
};
pub use simulate::{Eviction, Outcome, Reclaimable, Simulation, SimulationOptions, Step, simulate};
pub use thresholds::{
    EvictionConfig, EvictionSettings, NodeCondition, Os, Percentage, Rules, Signal,
    StarvedResource, Threshold, ThresholdError, ThresholdValue, default_eviction_hard,
    parse_threshold_config,
};
