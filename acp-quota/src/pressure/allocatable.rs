//! Node allocatable: what the scheduler may place on a node (upstream
//! `GetNodeAllocatableReservation` in `pkg/kubelet/cm/node_container_manager_linux.go`,
//! `hardEvictionReservation` in `pkg/kubelet/cm/helpers.go`, and the kubelet's node status
//! `MachineInfo` setter).

use acp_model::quantity::{Format, Quantity};
use acp_model::resource_names::{EPHEMERAL_STORAGE, HUGEPAGES_PREFIX, MEMORY};

use super::thresholds::{EvictionConfig, Signal};
use crate::resources::ResourceList;

/// Whose arithmetic computes allocatable.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum AllocatableFlavour {
    /// The kubelet's: capacity − kube-reserved − system-reserved − the hard eviction
    /// threshold (`memory.available` for memory, `nodefs.available` for
    /// ephemeral-storage); memory also loses the hugepages capacity.
    #[default]
    Upstream,
    /// The ACP documentation's worked example: capacity − kube-reserved − system-reserved;
    /// the hard eviction threshold is not subtracted (a 10Gi node with 2Gi reserved gets
    /// 8Gi, where the kubelet reports 7.5Gi with `memory.available<.5Gi`).
    // seed 003:10854-10864
    Seed,
}

/// The reservations of a node (`kubeReserved`, `systemReserved`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Reservations {
    /// `kubeReserved`.
    pub kube_reserved: ResourceList,
    /// `systemReserved`.
    pub system_reserved: ResourceList,
    /// Which arithmetic.
    pub flavour: AllocatableFlavour,
}

impl Reservations {
    /// No reservation, upstream arithmetic.
    pub fn new() -> Reservations {
        Reservations::default()
    }

    /// Sets `kubeReserved`.
    pub fn with_kube_reserved(mut self, list: ResourceList) -> Self {
        self.kube_reserved = list;
        self
    }

    /// Sets `systemReserved`.
    pub fn with_system_reserved(mut self, list: ResourceList) -> Self {
        self.system_reserved = list;
        self
    }

    /// Sets the arithmetic.
    pub fn with_flavour(mut self, flavour: AllocatableFlavour) -> Self {
        self.flavour = flavour;
        self
    }
}

/// The amount held back for hard eviction, per resource (upstream `hardEvictionReservation`):
/// the hard `memory.available` threshold against the memory capacity and the hard
/// `nodefs.available` threshold against the ephemeral-storage capacity.
pub fn hard_eviction_reservation(config: &EvictionConfig, capacity: &ResourceList) -> ResourceList {
    let mut out = ResourceList::new();
    for t in config.hard() {
        let resource = match t.signal {
            Signal::MemoryAvailable => MEMORY,
            Signal::NodeFsAvailable => EPHEMERAL_STORAGE,
            _ => continue,
        };
        let cap = capacity.get(resource).cloned().unwrap_or_default();
        out.insert(resource, t.value.quantity_for(&cap));
    }
    out
}

/// The node's allocatable: for every resource of `capacity`, capacity − kube-reserved −
/// system-reserved (− the hard eviction reservation upstream), never below zero; upstream
/// also takes the hugepages capacity off memory. Every value is at most its capacity.
///
/// ```
/// use acp_quota::pressure::{AllocatableFlavour, EvictionSettings, Reservations, node_allocatable,
///     parse_threshold_config};
/// use acp_quota::ResourceList;
///
/// // The ACP documentation's worked example: a 10Gi node, 2Gi system-reserved,
/// // memory.available<.5Gi.
/// let capacity = ResourceList::parse_pairs([("memory", "10Gi")]).unwrap();
/// let config = parse_threshold_config(
///     &EvictionSettings::none().with_eviction_hard("memory.available<.5Gi").unwrap()).unwrap();
/// let reserved = Reservations::new()
///     .with_system_reserved(ResourceList::parse_pairs([("memory", "2Gi")]).unwrap());
/// let upstream = node_allocatable(&capacity, &reserved, &config);
/// assert_eq!(upstream.get("memory").unwrap().to_string(), "7680Mi"); // 7.5Gi
/// let seed = node_allocatable(&capacity, &reserved.with_flavour(AllocatableFlavour::Seed), &config);
/// assert_eq!(seed.get("memory").unwrap().to_string(), "8Gi");
/// ```
pub fn node_allocatable(
    capacity: &ResourceList,
    reservations: &Reservations,
    config: &EvictionConfig,
) -> ResourceList {
    let eviction = match reservations.flavour {
        AllocatableFlavour::Upstream => hard_eviction_reservation(config, capacity),
        AllocatableFlavour::Seed => ResourceList::new(),
    };
    let mut out = ResourceList::new();
    for (name, cap) in capacity.iter() {
        let mut value = cap.clone();
        for list in [
            &reservations.kube_reserved,
            &reservations.system_reserved,
            &eviction,
        ] {
            if let Some(r) = list.get(name) {
                value = &value - r;
            }
        }
        out.insert(name.clone(), clamp(value, cap));
    }
    if reservations.flavour == AllocatableFlavour::Upstream {
        let hugepages: Vec<Quantity> = capacity
            .iter()
            .filter(|(k, _)| k.starts_with(HUGEPAGES_PREFIX))
            .map(|(_, v)| v.clone())
            .collect();
        if let (Some(mem), Some(cap)) = (out.get(MEMORY).cloned(), capacity.get(MEMORY)) {
            let mut m = mem;
            for h in &hugepages {
                m = &m - h;
            }
            out.insert(MEMORY, clamp(m, cap));
        }
    }
    out
}

/// Zero when negative; at most the capacity (a negative reservation cannot raise it).
fn clamp(value: Quantity, capacity: &Quantity) -> Quantity {
    if value.sign() < 0 {
        Quantity::from_int(0, Format::DecimalSI)
    } else if value > *capacity {
        // DEVIATION: a negative reservation would raise allocatable above capacity upstream
        // (kubelet config validation refuses one); we cap at the capacity.
        capacity.clone()
    } else {
        value
    }
}
