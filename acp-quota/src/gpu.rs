//! GPU units.
// seed 003:3741-3747, 3898-3913
//!
//! ```
//! use acp_quota::gpu::{gib_to_memory_units, memory_units_to_quantity, vgpu_to_pgpu, pgpu_to_vgpu};
//!
//! assert_eq!(pgpu_to_vgpu(1), Some(100));            // 1 pGPU = 100 vGPU
// seed 003:3906
//! assert_eq!(vgpu_to_pgpu(200).unwrap(), 2);
//! assert!(vgpu_to_pgpu(150).is_err());               // pGPU only whole
// seed 003:3908
//! assert_eq!(gib_to_memory_units(1), Some(4));        // 1 GiB = 4 units
// seed 003:3913
//! assert_eq!(memory_units_to_quantity(4).unwrap().to_string(), "1Gi");
//! ```
//!
//! # Resource names
//!
//! The ACP documentation names the units (virtual GPU cores, physical GPUs, GPU memory units) but no resource
//! names. The units are those of tkestack **gpu-manager** (the GPU stack of the same TKE lineage
//! as the ACP documentation's `tkestack.io/v1` CronHPA): `tencent.com/vcuda-core` counts hundredths of a card
//! and `tencent.com/vcuda-memory` counts 256 MiB blocks; a whole physical GPU is the NVIDIA
//! device plugin's `nvidia.com/gpu`. In a ResourceQuota, extended resources appear only as
//! `requests.<name>` (kubernetes quota evaluator). These names are constants here
//! ([`VGPU_CORE`], [`VGPU_MEMORY`], [`PGPU`]); every function also takes plain numbers.
//!
//! # Rules
//!
//! * 100 vGPU = 1 pGPU (ACP docs: "100 个虚拟核心等于 1 个物理 GPU 核心").
// seed 003:3906, and seed 003:3741-3743
//! * pGPU are counted in whole numbers only. A vGPU amount is thus a fraction of one
// seed 003:3908
//!   card (1–99) or whole cards (a multiple of 100); a vGPU amount above 100 that is not a
//!   multiple of 100 would need a fractional pGPU and is rejected.
//! * 1 GPU memory unit = 256 MiB; 1 GiB = 4 units.
// seed 003:3912-3913, seed 003:3745-3747
//! * Virtual GPU and video-memory values are positive integers; extended
// seed 003:3743, seed 003:3747
//!   resources are integers and requests must equal limits anyway (kubernetes
//!   `ValidateResourceRequirements`, `IsOvercommitAllowed`).
//! * GPU quotas need GPUs in the cluster; a GPU-memory quota goes with a virtual-GPU quota.
// seed 003:3900-3902

use acp_model::quantity::{Format, Quantity};
use acp_model::resource_names;
use acp_model::validation::{ErrorList, FieldError, FieldPath};
use k8s_openapi::api::core::v1::ResourceRequirements;

use crate::resources::K8sResourceList;

/// Virtual GPU cores, hundredths of a card (tkestack gpu-manager).
// DEVIATION: the ACP documentation names no resource; the GPU resource names are tkestack
// gpu-manager's (`tencent.com/vcuda-core`, `tencent.com/vcuda-memory`) and the NVIDIA device
// plugin's (`nvidia.com/gpu`).
pub const VGPU_CORE: &str = resource_names::VCUDA_CORE;
/// GPU memory in units of 256 MiB (tkestack gpu-manager).
pub const VGPU_MEMORY: &str = resource_names::VCUDA_MEMORY;
/// Whole physical GPUs (NVIDIA device plugin).
pub const PGPU: &str = resource_names::NVIDIA_GPU;
// seed 003:3906
/// vGPU units in one pGPU.
pub const VGPU_PER_PGPU: i64 = 100;
// seed 003:3912
/// Bytes in one GPU memory unit: 256 MiB.
pub const MEMORY_UNIT_BYTES: i64 = 256 * 1024 * 1024;
// seed 003:3913
/// GPU memory units in one GiB.
pub const MEMORY_UNITS_PER_GIB: i64 = 4;

/// A GPU amount that is not allowed or not representable.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GpuError {
    /// A vGPU amount that is not a whole number of pGPU.
    #[error("{vgpu} vGPU is not a whole number of physical GPUs (100 vGPU = 1 pGPU)")]
    NotWholePgpu {
        /// The amount.
        vgpu: i64,
    },
    /// A memory size that is not a whole number of 256 MiB units.
    #[error("{0} is not a whole number of GPU memory units (1 unit = 256Mi)")]
    NotWholeMemoryUnits(String),
    /// A negative amount.
    #[error("{0} must not be negative")]
    Negative(String),
    /// Too large for an int64.
    #[error("{0} is too large")]
    Overflow(String),
}

/// pGPU → vGPU (`× 100`); `None` on overflow.
pub fn pgpu_to_vgpu(pgpu: i64) -> Option<i64> {
    pgpu.checked_mul(VGPU_PER_PGPU)
}

// seed 003:3908
/// vGPU → whole pGPU; an error unless the amount is a non-negative multiple of 100.
// DEVIATION: our reading of "pGPU are whole numbers": a vGPU amount above 100 must be a multiple of
// 100 (whole cards), below 100 it is a share of one card; other amounts are rejected.
pub fn vgpu_to_pgpu(vgpu: i64) -> Result<i64, GpuError> {
    if vgpu < 0 {
        return Err(GpuError::Negative(format!("{vgpu} vGPU")));
    }
    if vgpu % VGPU_PER_PGPU != 0 {
        return Err(GpuError::NotWholePgpu { vgpu });
    }
    Ok(vgpu / VGPU_PER_PGPU)
}

/// vGPU as an exact number of cards: `30` → `300m` (0.3), `200` → `2`.
pub fn vgpu_as_cards(vgpu: i64) -> Quantity {
    Quantity::from_scaled(vgpu, -2)
}

/// GiB → GPU memory units (`× 4`); `None` on overflow.
pub fn gib_to_memory_units(gib: i64) -> Option<i64> {
    gib.checked_mul(MEMORY_UNITS_PER_GIB)
}

/// GPU memory units → bytes, as a `BinarySI` quantity (`4` → `1Gi`, `1` → `256Mi`).
pub fn memory_units_to_quantity(units: i64) -> Result<Quantity, GpuError> {
    if units < 0 {
        return Err(GpuError::Negative(format!("{units} GPU memory units")));
    }
    units
        .checked_mul(MEMORY_UNIT_BYTES)
        .map(|b| Quantity::from_int(b, Format::BinarySI))
        .ok_or_else(|| GpuError::Overflow(format!("{units} GPU memory units")))
}

/// A memory size → GPU memory units, exactly: an error unless it is a whole number of 256 MiB.
pub fn quantity_to_memory_units(q: &Quantity) -> Result<i64, GpuError> {
    let units = memory_units_for(q)?;
    let back = memory_units_to_quantity(units)?;
    if back == *q {
        Ok(units)
    } else {
        Err(GpuError::NotWholeMemoryUnits(q.to_string()))
    }
}

/// The GPU memory units needed to hold a memory size: rounded up (`5Gi` → 20, `300Mi` → 2).
pub fn memory_units_for(q: &Quantity) -> Result<i64, GpuError> {
    if q.sign() < 0 {
        return Err(GpuError::Negative(q.to_string()));
    }
    let bytes = q
        .checked_scaled_value(0)
        .ok_or_else(|| GpuError::Overflow(q.to_string()))?;
    Ok(bytes / MEMORY_UNIT_BYTES + i64::from(bytes % MEMORY_UNIT_BYTES != 0))
}

// seed 003:3743, seed 003:3747; seed 003:3908
/// Checks one GPU value at `path`: a positive integer, and for vGPU either
/// below one card or whole cards.
fn check_value(resource: &str, raw: &str, path: &FieldPath, errs: &mut ErrorList) {
    let Ok(q) = Quantity::try_from(raw) else {
        errs.push(FieldError::invalid(path, raw, "must be a positive integer"));
        return;
    };
    let int = q
        .checked_scaled_value(0)
        .filter(|v| Quantity::from_int(*v, Format::DecimalSI) == q);
    match int {
        Some(v) if v > 0 => {
            if resource.ends_with(VGPU_CORE) && v > VGPU_PER_PGPU && v % VGPU_PER_PGPU != 0 {
                errs.push(FieldError::invalid(
                    path,
                    raw,
                    "above 100 (one physical GPU) must be a multiple of 100: physical GPUs are counted in whole numbers",
                ));
            }
        }
        _ => errs.push(FieldError::invalid(path, raw, "must be a positive integer")),
    }
}

fn is_gpu(name: &str) -> bool {
    name == VGPU_CORE || name == VGPU_MEMORY || name == PGPU
}

/// Validates the GPU entries of a container's resources: each a positive integer, vGPU below
/// one card or whole cards, and request = limit when both are set (extended resources cannot be
/// overcommitted; upstream message `must be equal to <name> limit of <limit>`). Paths are under
/// `path` (e.g. `spec.containers[0].resources`).
pub fn validate_container_gpu(res: &ResourceRequirements, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let empty = K8sResourceList::new();
    let limits = res.limits.as_ref().unwrap_or(&empty);
    let requests = res.requests.as_ref().unwrap_or(&empty);
    for (which, list) in [("limits", limits), ("requests", requests)] {
        for (k, v) in list.iter().filter(|(k, _)| is_gpu(k)) {
            check_value(k, &v.0, &path.child(which).key(k), &mut errs);
        }
    }
    for (k, req) in requests.iter().filter(|(k, _)| is_gpu(k)) {
        let (Some(lim), Ok(rq)) = (limits.get(k), Quantity::try_from(req)) else {
            continue;
        };
        if Quantity::try_from(lim).is_ok_and(|l| l != rq) {
            errs.push(FieldError::invalid(
                &path.child("requests"),
                req.0.as_str(),
                format!("must be equal to {k} limit of {}", lim.0),
            ));
        }
    }
    errs
}

// seed 003:3900; seed 003:3902
/// Validates the GPU entries of a ResourceQuota `hard` list (`requests.<gpu resource>` or the
/// bare name): positive integers, vGPU below one card or whole cards; with `cluster_has_gpu`
/// false any GPU quota is refused, and a GPU-memory quota needs a vGPU quota beside
/// it.
pub fn validate_gpu_quota(
    hard: &K8sResourceList,
    path: &FieldPath,
    cluster_has_gpu: bool,
) -> ErrorList {
    let mut errs = ErrorList::new();
    let base = |k: &str| {
        k.strip_prefix(resource_names::REQUESTS_PREFIX)
            .unwrap_or(k)
            .to_string()
    };
    let mut has_core = false;
    let mut memory_key = None;
    for (k, v) in hard {
        let name = base(k);
        if !is_gpu(&name) {
            continue;
        }
        let p = path.key(k);
        if !cluster_has_gpu {
            errs.push(FieldError::forbidden(
                &p,
                "GPU quotas can only be set when the cluster has GPU resources",
            ));
            continue;
        }
        check_value(&name, &v.0, &p, &mut errs);
        if name == VGPU_CORE {
            has_core = true;
        }
        if name == VGPU_MEMORY {
            memory_key = Some(p);
        }
    }
    if let Some(p) = memory_key
        && !has_core
    {
        errs.push(FieldError::forbidden(&p, "a GPU memory quota can only be set together with a virtual GPU (tencent.com/vcuda-core) quota"));
    }
    errs
}
