//! OOM score adjustment: how the kubelet biases the kernel's OOM killer per container
//! (upstream `GetContainerOOMScoreAdjust` in `pkg/kubelet/qos/policy.go`, Kubernetes 1.35).

use acp_model::validation::ErrorList;
use k8s_openapi::api::core::v1::{Container, Pod};

use crate::pod::{PodResourcesOptions, QosClass, pod_requests, qos_class};

/// `oom_score_adj` of the kubelet itself.
pub const KUBELET_OOM_SCORE_ADJ: i32 = -999;
/// `oom_score_adj` of kube-proxy.
pub const KUBE_PROXY_OOM_SCORE_ADJ: i32 = -999;
/// `oom_score_adj` of Guaranteed and node-critical containers.
pub const GUARANTEED_OOM_SCORE_ADJ: i32 = -997;
/// `oom_score_adj` of BestEffort containers.
pub const BESTEFFORT_OOM_SCORE_ADJ: i32 = 1000;
/// The seed's (an older kubelet's) `oom_score_adj` of Guaranteed containers.
// seed 003:10818
pub const SEED_GUARANTEED_OOM_SCORE_ADJ: i32 = -998;

/// Which formula.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum OomFlavour {
    /// Kubernetes 1.35: node-critical and Guaranteed −997, BestEffort 1000, Burstable
    /// `1000 − 1000 × request / capacity` clamped to [3, 999], with the pod-level request
    /// shared out and sidecars capped at the smallest regular container's value.
    #[default]
    Upstream,
    /// The ACP documentation's (an older kubelet's): Guaranteed −998, BestEffort 1000,
    /// Burstable `min(max(2, 1000 − 1000 × request / capacity), 999)` on the container's own
    /// request.
    // seed 003:10814-10825
    Seed,
}

/// Why no score could be computed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum OomError {
    /// The memory capacity is not positive (upstream divides by it).
    #[error("memoryCapacity: Invalid value: {0}: must be greater than 0")]
    Capacity(i64),
    /// A quantity of the pod does not parse.
    #[error("{0}")]
    Pod(ErrorList),
}

/// The Burstable formula: `1000 − 1000 × request / capacity` in 64-bit integer arithmetic
/// (Go's truncating division), before clamping.
pub fn burstable_linear(memory_request: i64, memory_capacity: i64) -> i64 {
    // DEVIATION: 128-bit arithmetic; upstream's int64 `1000 * request` overflows above 9PB.
    let product = i128::from(memory_request) * 1000;
    let q = product / i128::from(memory_capacity.max(1));
    let v = 1000 - q;
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

/// Clamps a Burstable value: below `1000 + guaranteed` it is raised to that, and 1000 becomes
/// 999.
pub fn burstable_clamp(linear: i64, flavour: OomFlavour) -> i32 {
    let floor = match flavour {
        OomFlavour::Upstream => 1000 + GUARANTEED_OOM_SCORE_ADJ,
        OomFlavour::Seed => 1000 + SEED_GUARANTEED_OOM_SCORE_ADJ,
    };
    if linear < i64::from(floor) {
        return floor;
    }
    if linear == i64::from(BESTEFFORT_OOM_SCORE_ADJ) {
        return BESTEFFORT_OOM_SCORE_ADJ - 1;
    }
    i32::try_from(linear).unwrap_or(BESTEFFORT_OOM_SCORE_ADJ - 1)
}

fn memory_request(c: &Container) -> i64 {
    c.resources
        .as_ref()
        .and_then(|r| r.requests.as_ref())
        .and_then(|r| r.get("memory"))
        .and_then(|q| q.0.parse::<acp_model::quantity::Quantity>().ok())
        .map_or(0, |q| q.value())
}

/// Whether the pod is node-critical (upstream `IsNodeCriticalPod`): critical (static,
/// mirror, or priority ≥ 2000000000) with priority class `system-node-critical`.
pub fn is_node_critical(pod: &Pod) -> bool {
    is_critical(pod)
        && pod
            .spec
            .as_ref()
            .and_then(|s| s.priority_class_name.as_deref())
            == Some("system-node-critical")
}

/// Whether the pod is critical (upstream `IsCriticalPod`): a static pod (its
/// `kubernetes.io/config.source` annotation is not `api`), a mirror pod, or priority at least
/// 2000000000.
pub fn is_critical(pod: &Pod) -> bool {
    let ann = pod.metadata.annotations.as_ref();
    let source = ann.and_then(|a| a.get("kubernetes.io/config.source"));
    let is_static = source.is_some_and(|s| s != "api");
    let is_mirror = ann.is_some_and(|a| a.contains_key("kubernetes.io/config.mirror"));
    let priority = pod.spec.as_ref().and_then(|s| s.priority);
    is_static || is_mirror || priority.is_some_and(|p| p >= 2_000_000_000)
}

/// The `oom_score_adj` the kubelet gives `container` of `pod` on a node with
/// `memory_capacity` bytes.
///
/// ```
/// use acp_quota::pressure::{OomFlavour, container_oom_score_adjust};
/// use k8s_openapi::api::core::v1::Pod;
///
/// let pod: Pod = serde_json::from_value(serde_json::json!({"spec": {"containers": [
///     {"name": "app", "resources": {"requests": {"memory": "1Gi"}}}]}})).unwrap();
/// let c = &pod.spec.as_ref().unwrap().containers[0];
/// // Burstable, 1Gi of a 10Gi node: 1000 − 1000 × 1/10.
/// assert_eq!(container_oom_score_adjust(&pod, c, 10 << 30, OomFlavour::Upstream).unwrap(), 900);
/// ```
pub fn container_oom_score_adjust(
    pod: &Pod,
    container: &Container,
    memory_capacity: i64,
    flavour: OomFlavour,
) -> Result<i32, OomError> {
    if memory_capacity <= 0 {
        return Err(OomError::Capacity(memory_capacity));
    }
    let guaranteed = match flavour {
        OomFlavour::Upstream => GUARANTEED_OOM_SCORE_ADJ,
        OomFlavour::Seed => SEED_GUARANTEED_OOM_SCORE_ADJ,
    };
    if flavour == OomFlavour::Upstream && is_node_critical(pod) {
        return Ok(GUARANTEED_OOM_SCORE_ADJ);
    }
    match qos_class(pod).map_err(OomError::Pod)? {
        QosClass::Guaranteed => return Ok(guaranteed),
        QosClass::BestEffort => return Ok(BESTEFFORT_OOM_SCORE_ADJ),
        QosClass::Burstable => {}
    }
    let own = memory_request(container);
    if flavour == OomFlavour::Seed {
        return Ok(burstable_clamp(
            burstable_linear(own, memory_capacity),
            flavour,
        ));
    }
    let spec = pod.spec.clone().unwrap_or_default();
    let pod_level = spec
        .resources
        .as_ref()
        .and_then(|r| r.requests.as_ref())
        .and_then(|r| r.get("memory"))
        .and_then(|q| q.0.parse::<acp_model::quantity::Quantity>().ok())
        .filter(|q| !q.is_zero());
    let mut remaining = 0i64;
    if let Some(pod_mem) = pod_level {
        let n = spec.containers.len() + spec.init_containers.as_ref().map_or(0, Vec::len);
        let containers = pod_requests(
            pod,
            &PodResourcesOptions::default()
                .with_skip_pod_level_resources(true)
                .with_exclude_overhead(true),
        )
        .map_err(OomError::Pod)?;
        let agg = containers.get("memory").map_or(0, |q| q.value());
        let n = i64::try_from(n.max(1)).unwrap_or(i64::MAX);
        remaining = pod_mem.value().saturating_sub(agg) / n;
    }
    let mut adj = burstable_linear(own.saturating_add(remaining), memory_capacity);
    let is_sidecar = container.restart_policy.as_deref() == Some("Always")
        && spec
            .init_containers
            .as_ref()
            .is_some_and(|ics| ics.iter().any(|c| c.name == container.name));
    if is_sidecar {
        // DEVIATION: upstream indexes the first regular container and would panic on a pod
        // without one; we skip the sidecar cap then.
        if let Some(min) = spec.containers.iter().map(memory_request).min() {
            let min_adj = burstable_linear(min.saturating_add(remaining), memory_capacity);
            adj = adj.min(min_adj);
        }
    }
    Ok(burstable_clamp(adj, flavour))
}
