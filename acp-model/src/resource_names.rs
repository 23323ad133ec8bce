//! The Kubernetes resource names every crate speaks of: container resources (`cpu`,
//! `memory`, …), quota resource names (`requests.cpu`, `limits.memory`, `count/pods`, …), their
//! prefixes, and the GPU names ACP schedules.
//!
//! ```
//! use acp_model::resource_names::{CPU, REQUESTS_PREFIX, REQUESTS_CPU};
//!
//! assert_eq!(format!("{REQUESTS_PREFIX}{CPU}"), REQUESTS_CPU);
//! ```

/// `cpu` (as a quota resource, the same as `requests.cpu`).
pub const CPU: &str = "cpu";
/// `memory` (as a quota resource, the same as `requests.memory`).
pub const MEMORY: &str = "memory";
/// `ephemeral-storage` (as a quota resource, the same as `requests.ephemeral-storage`).
pub const EPHEMERAL_STORAGE: &str = "ephemeral-storage";
/// `storage` (the key of a PersistentVolumeClaim's request).
pub const STORAGE: &str = "storage";
/// `pods`: the number of non-terminal pods.
pub const PODS: &str = "pods";
/// `services`: the number of Services.
pub const SERVICES: &str = "services";
/// `persistentvolumeclaims`: the number of PersistentVolumeClaims.
pub const PERSISTENT_VOLUME_CLAIMS: &str = "persistentvolumeclaims";

/// `requests.cpu`.
pub const REQUESTS_CPU: &str = "requests.cpu";
/// `requests.memory`.
pub const REQUESTS_MEMORY: &str = "requests.memory";
/// `requests.ephemeral-storage`.
pub const REQUESTS_EPHEMERAL_STORAGE: &str = "requests.ephemeral-storage";
/// `requests.storage`: the storage all PersistentVolumeClaims request.
pub const REQUESTS_STORAGE: &str = "requests.storage";
/// `limits.cpu`.
pub const LIMITS_CPU: &str = "limits.cpu";
/// `limits.memory`.
pub const LIMITS_MEMORY: &str = "limits.memory";
/// `limits.ephemeral-storage`.
pub const LIMITS_EPHEMERAL_STORAGE: &str = "limits.ephemeral-storage";

/// `count/pods`: every pod in storage, whatever its phase.
pub const COUNT_PODS: &str = "count/pods";
/// `count/persistentvolumeclaims`.
pub const COUNT_PERSISTENT_VOLUME_CLAIMS: &str = "count/persistentvolumeclaims";
/// `count/` — the prefix of object-count quotas (`count/<resource>.<group>`).
pub const COUNT_PREFIX: &str = "count/";

/// `requests.` — the prefix of request quotas.
pub const REQUESTS_PREFIX: &str = "requests.";
/// `limits.` — the prefix of limit quotas.
pub const LIMITS_PREFIX: &str = "limits.";
/// `hugepages-` — the prefix of huge-page resources (`hugepages-2Mi`).
pub const HUGEPAGES_PREFIX: &str = "hugepages-";
/// `requests.hugepages-` — the prefix of huge-page request quotas.
pub const REQUESTS_HUGEPAGES_PREFIX: &str = "requests.hugepages-";
/// `.storageclass.storage.k8s.io/` — between a storage class name and the resource in a
/// per-class quota (`gold.storageclass.storage.k8s.io/requests.storage`).
pub const STORAGE_CLASS_SUFFIX: &str = ".storageclass.storage.k8s.io/";
/// `deviceclass.resource.kubernetes.io/` — the implicit extended resource of a DRA device class.
pub const DEVICE_CLASS_PREFIX: &str = "deviceclass.resource.kubernetes.io/";

/// `nvidia.com/gpu`: whole physical GPUs (NVIDIA device plugin).
pub const NVIDIA_GPU: &str = "nvidia.com/gpu";
/// `tencent.com/vcuda-core`: virtual GPU cores, hundredths of a card (tkestack gpu-manager).
pub const VCUDA_CORE: &str = "tencent.com/vcuda-core";
/// `tencent.com/vcuda-memory`: GPU memory in units of 256 MiB (tkestack gpu-manager).
pub const VCUDA_MEMORY: &str = "tencent.com/vcuda-memory";
