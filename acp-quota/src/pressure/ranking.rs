//! Who is evicted next (upstream `rankMemoryPressure`, `rankPIDPressure`,
//! `rankDiskPressureFunc`, `buildSignalToRankFunc`, `buildSignalToNodeReclaimFuncs`,
//! `evictionMessage` in `pkg/kubelet/eviction/helpers.go`).

use std::cmp::Ordering;

use acp_model::quantity::{Format, Quantity};

use super::signals::Observations;
use super::thresholds::{Signal, StarvedResource, Threshold};

/// A container's usage, for the eviction message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContainerUsage {
    /// The container's name.
    pub name: String,
    /// Its memory working set in bytes, if measured.
    pub memory_working_set: Option<u64>,
    /// Its rootfs + logs usage in bytes, if both were measured.
    pub disk_bytes: Option<u64>,
    /// Its memory request (absent: none).
    pub memory_request: Option<Quantity>,
    /// Its ephemeral-storage request (absent: none).
    pub ephemeral_storage_request: Option<Quantity>,
}

/// A pod's measured usage (the kubelet's pod stats).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PodStats {
    /// Memory working set in bytes.
    pub memory_working_set: u64,
    /// Bytes of the containers' writable layers.
    pub rootfs_bytes: u64,
    /// Bytes of the containers' logs.
    pub logs_bytes: u64,
    /// Bytes of the pod's local volumes (emptyDir, hostPath, …).
    pub local_volume_bytes: u64,
    /// Inodes of the writable layers.
    pub rootfs_inodes: u64,
    /// Inodes of the logs.
    pub logs_inodes: u64,
    /// Inodes of the local volumes.
    pub local_volume_inodes: u64,
    /// Processes running.
    pub processes: u64,
    /// Per container, for the eviction message.
    pub containers: Vec<ContainerUsage>,
}

/// A pod on the node as the eviction manager sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PodUsage {
    /// The pod's name.
    pub name: String,
    /// `spec.priority` (0 when unset).
    pub priority: i32,
    /// A critical pod (static, mirror, or priority ≥ 2000000000) is never evicted.
    pub critical: bool,
    /// The pod's memory request (containers and pod level, as the kubelet computes it).
    pub memory_request: Quantity,
    /// The pod's ephemeral-storage request.
    pub ephemeral_storage_request: Quantity,
    /// A pod-level memory request (`spec.resources.requests.memory`), if set.
    pub pod_level_memory_request: Option<Quantity>,
    /// `spec.terminationGracePeriodSeconds`, if set.
    pub termination_grace_period: Option<i64>,
    /// The measured usage; `None` when the kubelet has no stats for the pod.
    pub stats: Option<PodStats>,
}

impl PodUsage {
    /// A pod `name` using `working_set` bytes of memory with a memory `request`.
    pub fn memory(name: &str, priority: i32, request: &str, working_set: u64) -> PodUsage {
        PodUsage {
            name: name.to_owned(),
            priority,
            memory_request: request.parse().unwrap_or_default(),
            stats: Some(PodStats {
                memory_working_set: working_set,
                ..PodStats::default()
            }),
            ..PodUsage::default()
        }
    }
}

/// Which filesystems the node has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum FsLayout {
    /// One filesystem: nodefs holds images, writable layers, logs and volumes.
    #[default]
    Single,
    /// A dedicated imagefs holds images and writable layers.
    ImageFs,
    /// Images on imagefs, writable layers on the node filesystem (`KubeletSeparateDiskGC`).
    SplitImageFs,
}

/// Which of a pod's filesystem usage a disk ranking counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FsMeasure {
    /// Writable layers.
    pub root: bool,
    /// Logs.
    pub logs: bool,
    /// Local volumes.
    pub local_volumes: bool,
}

impl FsMeasure {
    /// Everything.
    pub const ALL: FsMeasure = FsMeasure {
        root: true,
        logs: true,
        local_volumes: true,
    };
}

/// How pods are ranked for a signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RankBy {
    /// Usage above request first, then lower priority, then usage − request, largest first.
    Memory,
    /// Lower priority first, then the most processes.
    Pids,
    /// Like memory, on the counted filesystem usage (bytes or inodes).
    Disk {
        /// What is counted.
        measure: FsMeasure,
        /// Inodes rather than bytes.
        inodes: bool,
    },
}

/// The ranking the kubelet uses for `signal` on a node with `layout` (upstream
/// `buildSignalToRankFunc`).
pub fn rank_for_signal(signal: Signal, layout: FsLayout) -> RankBy {
    let inodes = signal.is_inodes();
    let node_side = FsMeasure {
        root: false,
        logs: true,
        local_volumes: true,
    };
    let root_only = FsMeasure {
        root: true,
        logs: false,
        local_volumes: false,
    };
    let none = FsMeasure {
        root: false,
        logs: false,
        local_volumes: false,
    };
    let measure = match (signal, layout) {
        (Signal::MemoryAvailable | Signal::AllocatableMemoryAvailable, _) => return RankBy::Memory,
        (Signal::PidAvailable, _) => return RankBy::Pids,
        (_, FsLayout::Single) => FsMeasure::ALL,
        (Signal::NodeFsAvailable | Signal::NodeFsInodesFree, FsLayout::ImageFs) => node_side,
        (_, FsLayout::ImageFs) => root_only,
        (Signal::ImageFsAvailable | Signal::ImageFsInodesFree, FsLayout::SplitImageFs) => none,
        (_, FsLayout::SplitImageFs) => FsMeasure::ALL,
    };
    RankBy::Disk { measure, inodes }
}

/// What the kubelet frees on the node before evicting a pod.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeReclaim {
    /// Delete dead containers (and their pods' leftovers).
    DeleteUnusedContainers,
    /// Delete images no container uses.
    DeleteUnusedImages,
}

/// The node-level reclaim the kubelet tries for `signal` before ranking pods (upstream
/// `buildSignalToNodeReclaimFuncs`): none for memory and PIDs; on one filesystem, dead
/// containers then unused images for every disk signal; with an imagefs, both for the
/// imagefs and containerfs signals and nothing for nodefs; with split image and container
/// filesystems, unused images for imagefs and dead containers for the others.
// seed 003:10773-10781: the ACP documentation has dead containers reclaimed for nodefs with an
// imagefs too (an older kubelet); upstream's current rule is returned.
pub fn node_reclaim_for_signal(signal: Signal, layout: FsLayout) -> Vec<NodeReclaim> {
    use NodeReclaim::{DeleteUnusedContainers as C, DeleteUnusedImages as I};
    if matches!(
        signal.resource(),
        StarvedResource::Memory | StarvedResource::Pids
    ) {
        return Vec::new();
    }
    let image = matches!(signal, Signal::ImageFsAvailable | Signal::ImageFsInodesFree);
    let node = matches!(signal, Signal::NodeFsAvailable | Signal::NodeFsInodesFree);
    match layout {
        FsLayout::Single => vec![C, I],
        FsLayout::ImageFs if node => Vec::new(),
        FsLayout::ImageFs => vec![C, I],
        FsLayout::SplitImageFs if image => vec![I],
        FsLayout::SplitImageFs => vec![C],
    }
}

/// A pod's ranking key; pods are evicted in increasing key order.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Key {
    no_stats: bool,
    exceeds: bool,
    priority: i32,
    over: Quantity,
}

fn int(v: u64) -> Quantity {
    Quantity::from_int(i64::try_from(v).unwrap_or(i64::MAX), Format::BinarySI)
}

fn disk_usage(stats: &PodStats, measure: FsMeasure, inodes: bool) -> Quantity {
    let mut total: u64 = 0;
    let parts = if inodes {
        [
            (measure.root, stats.rootfs_inodes),
            (measure.logs, stats.logs_inodes),
            (measure.local_volumes, stats.local_volume_inodes),
        ]
    } else {
        [
            (measure.root, stats.rootfs_bytes),
            (measure.logs, stats.logs_bytes),
            (measure.local_volumes, stats.local_volume_bytes),
        ]
    };
    for (on, v) in parts {
        if on {
            total = total.saturating_add(v);
        }
    }
    int(total)
}

fn key(pod: &PodUsage, by: RankBy) -> Key {
    let Some(stats) = &pod.stats else {
        return Key {
            no_stats: true,
            exceeds: false,
            priority: pod.priority,
            over: Quantity::ZERO,
        };
    };
    match by {
        RankBy::Memory => {
            let usage = int(stats.memory_working_set);
            Key {
                no_stats: false,
                exceeds: usage > pod.memory_request,
                priority: pod.priority,
                over: &usage - &pod.memory_request,
            }
        }
        RankBy::Pids => Key {
            no_stats: false,
            exceeds: false,
            priority: pod.priority,
            over: int(stats.processes),
        },
        RankBy::Disk { measure, inodes } => {
            let usage = disk_usage(stats, measure, inodes);
            // Upstream compares inode usage with the pod's `inodes` request (never set, so
            // 0) for "exceeds", and subtracts the ephemeral-storage request in either case.
            let exceeds_request = if inodes {
                Quantity::ZERO
            } else {
                pod.ephemeral_storage_request.clone()
            };
            Key {
                no_stats: false,
                exceeds: usage > exceeds_request,
                priority: pod.priority,
                over: &usage - &pod.ephemeral_storage_request,
            }
        }
    }
}

fn cmp_keys(a: &Key, b: &Key, by: RankBy) -> Ordering {
    // Upstream `cmpBool` puts `true` first: pods without stats, then pods above their
    // request. For PIDs the priority comes first and the missing stats only break its ties.
    let no_stats = b.no_stats.cmp(&a.no_stats);
    let priority = a.priority.cmp(&b.priority);
    let over = b.over.cmp(&a.over);
    match by {
        RankBy::Pids => priority.then(no_stats).then(over),
        RankBy::Memory | RankBy::Disk { .. } => no_stats
            .then(b.exceeds.cmp(&a.exceeds))
            .then(priority)
            .then(over),
    }
}

/// Compares two pods for eviction under `by`: `Less` means `a` goes first. Pods without
/// stats go first; equal pods compare `Equal`.
pub fn compare(a: &PodUsage, b: &PodUsage, by: RankBy) -> Ordering {
    cmp_keys(&key(a, by), &key(b, by), by)
}

/// The pods in eviction order under `by`, as indices into `pods`; pods that compare equal
/// keep their input order.
// DEVIATION: upstream's `sort.Sort` is not stable, so equal pods come out in an order that
// depends on the sort algorithm; ours keep their input order.
pub fn rank(pods: &[PodUsage], by: RankBy) -> Vec<usize> {
    let keys: Vec<Key> = pods.iter().map(|p| key(p, by)).collect();
    let mut order: Vec<usize> = (0..pods.len()).collect();
    order.sort_by(|&i, &j| cmp_keys(&keys[i], &keys[j], by).then(i.cmp(&j)));
    order
}

/// [`rank`] for memory pressure (upstream `rankMemoryPressure`).
///
/// ```
/// use acp_quota::pressure::{PodUsage, rank_memory_pressure};
///
/// let mi = 1 << 20;
/// let pods = [
///     PodUsage::memory("within-request", 0, "500Mi", 400 * mi),
///     PodUsage::memory("low-priority-over", -10, "100Mi", 200 * mi),
///     PodUsage::memory("high-priority-over", 100, "100Mi", 900 * mi),
///     PodUsage::memory("best-effort", 0, "0", 300 * mi),
/// ];
/// let order: Vec<&str> = rank_memory_pressure(&pods).iter().map(|&i| pods[i].name.as_str()).collect();
/// assert_eq!(order, ["low-priority-over", "best-effort", "high-priority-over", "within-request"]);
/// ```
pub fn rank_memory_pressure(pods: &[PodUsage]) -> Vec<usize> {
    rank(pods, RankBy::Memory)
}

/// [`rank`] for PID pressure (upstream `rankPIDPressure`).
pub fn rank_pid_pressure(pods: &[PodUsage]) -> Vec<usize> {
    rank(pods, RankBy::Pids)
}

/// [`rank`] for disk pressure counting `measure` (upstream `rankDiskPressureFunc`).
pub fn rank_disk_pressure(pods: &[PodUsage], measure: FsMeasure, inodes: bool) -> Vec<usize> {
    rank(pods, RankBy::Disk { measure, inodes })
}

/// Orders met thresholds as the kubelet picks the one to reclaim (upstream
/// `byEvictionPriority`): memory signals first, the others in their order.
pub fn by_eviction_priority(thresholds: &mut [Threshold]) {
    thresholds.sort_by_key(|t| t.signal.resource() != StarvedResource::Memory);
}

/// The message the kubelet writes into an evicted pod's status (upstream
/// `evictionMessage`): `The node was low on resource: memory. Threshold quantity: 100Mi,
/// available: 51200Ki. Container app was using 600Mi, request is 100Mi, has larger
/// consumption of memory. `
pub fn eviction_message(
    resource: StarvedResource,
    pod: &PodUsage,
    thresholds: &[Threshold],
    observations: &Observations,
) -> String {
    let mut msg = format!("The node was low on resource: {resource}. ");
    if let Some((t, obs)) = thresholds
        .iter()
        .filter(|t| t.signal.resource() == resource)
        .find_map(|t| observations.get(t.signal).map(|o| (t, o)))
    {
        msg.push_str(&format!(
            "Threshold quantity: {}, available: {}. ",
            t.value.quantity_for(&obs.capacity),
            obs.available
        ));
    }
    let Some(stats) = &pod.stats else {
        return msg;
    };
    if let (StarvedResource::Memory, Some(req)) = (resource, &pod.pod_level_memory_request) {
        msg.push_str(&format!(
            "Pod {} was using {}, request is {}, has larger consumption of {resource}. ",
            pod.name,
            int(stats.memory_working_set),
            req
        ));
    }
    for c in &stats.containers {
        let (usage, request) = match resource {
            StarvedResource::Memory => (c.memory_working_set, &c.memory_request),
            StarvedResource::EphemeralStorage => (c.disk_bytes, &c.ephemeral_storage_request),
            _ => continue,
        };
        let request = request.clone().unwrap_or_default();
        if let Some(u) = usage.map(int).filter(|u| *u > request) {
            msg.push_str(&format!(
                "Container {} was using {u}, request is {request}, has larger consumption of {resource}. ",
                c.name
            ));
        }
    }
    msg
}

/// The grace period, in seconds, the kubelet gives an evicted pod (upstream `synchronize`):
/// 1 for a hard threshold; for a soft one `evictionMaxPodGracePeriod`, or the pod's own
/// `terminationGracePeriodSeconds` when that is shorter.
pub fn eviction_grace_period(
    threshold: &Threshold,
    max_pod_grace_period: i64,
    pod: &PodUsage,
) -> i64 {
    if threshold.is_hard() {
        return 1;
    }
    match pod.termination_grace_period {
        Some(own) => own.min(max_pod_grace_period),
        None => max_pod_grace_period,
    }
}
