//! The replica calculator: one metric → one replica proposal.
//!
//! Follows kubernetes `pkg/controller/podautoscaler/replica_calculator.go` (the revision with
//! `Tolerances`, pod-level requests and the `max(100, target)` missing-pod fill) and
//! `pkg/controller/podautoscaler/metrics/utilization.go`. Where upstream computes in `float64`
//! (usage ratios, `math.Ceil`) this module performs the same `f64` operations in the same order;
//! integer sums and divisions are `i64` with Go's wrapping semantics (`wrapping_*`), so results
//! are bit-for-bit those of the controller, overflow included.

use std::collections::{BTreeMap, BTreeSet};

use acp_model::quantity::Quantity;
use acp_model::resource_names::{CPU, MEMORY};
use jiff::{SignedDuration, Timestamp};
use k8s_openapi::api::core::v1::{Container, Pod};

use super::{PodMetrics, Tolerances};

/// `PodMetric`: a usage value (milli-units) with its sample time and window.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PodMetric {
    pub(crate) value: i64,
    pub(crate) timestamp: Timestamp,
    pub(crate) window: SignedDuration,
}

/// Per-pod metrics keyed by pod name (`PodMetricsInfo`, a Go map).
pub(crate) type PodMetricsInfo = BTreeMap<String, PodMetric>;

/// The pod grouping of `groupPods`.
#[derive(Debug, Default)]
pub(crate) struct Groups {
    pub(crate) ready: i64,
    pub(crate) unready: BTreeSet<String>,
    pub(crate) missing: BTreeSet<String>,
    pub(crate) ignored: BTreeSet<String>,
}

/// Calculator settings (the controller's flags).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Calc {
    pub(crate) cpu_initialization_period: SignedDuration,
    pub(crate) initial_readiness_delay: SignedDuration,
    pub(crate) pod_level_resources: bool,
    pub(crate) now: Timestamp,
}

fn add(t: Timestamp, d: SignedDuration) -> Timestamp {
    t.checked_add(d).unwrap_or(if d.is_negative() {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

fn pod_name(p: &Pod) -> &str {
    p.metadata.name.as_deref().unwrap_or("")
}

fn phase(p: &Pod) -> &str {
    p.status
        .as_ref()
        .and_then(|s| s.phase.as_deref())
        .unwrap_or("")
}

/// The pod's `Ready` condition (`podutil.GetPodCondition`): `(status, lastTransitionTime)`.
fn ready_condition(p: &Pod) -> Option<(&str, Option<Timestamp>)> {
    let conds = p.status.as_ref()?.conditions.as_ref()?;
    let c = conds.iter().find(|c| c.type_ == "Ready")?;
    Some((
        c.status.as_str(),
        c.last_transition_time.as_ref().map(|t| t.0),
    ))
}

/// `podutil.IsPodReady`: the `Ready` condition is `True`.
pub(crate) fn is_pod_ready(p: &Pod) -> bool {
    matches!(ready_condition(p), Some(("True", _)))
}

/// `groupPods`: deleted or failed pods are ignored, pending pods unready, pods without a sample
/// missing; for `cpu`, a pod is also unready while it has no `Ready` condition or start time,
/// within the CPU initialization period when it is not ready or its sample predates the last
/// readiness transition plus the sample window, and after it when it has never been ready
/// (still `False` and the transition lies within the initial readiness delay of its start).
pub(crate) fn group_pods(
    pods: &[Pod],
    metrics: &PodMetricsInfo,
    resource: &str,
    c: &Calc,
) -> Groups {
    let mut g = Groups::default();
    for pod in pods {
        let name = pod_name(pod);
        if pod.metadata.deletion_timestamp.is_some() || phase(pod) == "Failed" {
            g.ignored.insert(name.to_owned());
            continue;
        }
        if phase(pod) == "Pending" {
            g.unready.insert(name.to_owned());
            continue;
        }
        let Some(metric) = metrics.get(name) else {
            g.missing.insert(name.to_owned());
            continue;
        };
        if resource == CPU {
            let start = pod.status.as_ref().and_then(|s| s.start_time.as_ref());
            let unready = match (ready_condition(pod), start) {
                (None, _) | (_, None) => true,
                (Some((status, ltt)), Some(start)) => {
                    // A condition without lastTransitionTime is Go's zero time.
                    let ltt = ltt.unwrap_or(go_zero_time());
                    if add(start.0, c.cpu_initialization_period) > c.now {
                        status == "False" || metric.timestamp < add(ltt, metric.window)
                    } else {
                        status == "False" && add(start.0, c.initial_readiness_delay) > ltt
                    }
                }
            };
            if unready {
                g.unready.insert(name.to_owned());
                continue;
            }
        }
        g.ready += 1;
    }
    g
}

/// Go's zero `time.Time` (0001-01-01T00:00:00Z), what an unset timestamp compares as.
pub(crate) fn go_zero_time() -> Timestamp {
    // -62135596800 s is within jiff's range; fall back to its minimum defensively.
    Timestamp::from_second(-62_135_596_800).unwrap_or(Timestamp::MIN)
}

fn milli(q: &k8s_openapi::apimachinery::pkg::api::resource::Quantity) -> Option<i64> {
    Quantity::try_from(q).ok().map(|q| q.milli_value())
}

fn container_request(c: &Container, resource: &str) -> Option<i64> {
    c.resources
        .as_ref()
        .and_then(|r| r.requests.as_ref())
        .and_then(|r| r.get(resource))
        .and_then(milli)
}

const POD_LEVEL_RESOURCES: &[&str] = &[CPU, MEMORY];

/// `resourcehelpers.IsPodLevelRequestsSet`: pod-level requests name a supported resource.
fn pod_level_requests_set(p: &Pod) -> bool {
    p.spec
        .as_ref()
        .and_then(|s| s.resources.as_ref())
        .and_then(|r| r.requests.as_ref())
        .is_some_and(|r| r.keys().any(|k| POD_LEVEL_RESOURCES.contains(&k.as_str())))
}

/// `calculateRequests`: per pod, the request of the named container, else the pod-level
/// request (when the `PodLevelResources` gate is on and the pod sets one), else the sum over
/// its containers and restartable (`restartPolicy: Always`) init containers.
pub(crate) fn calculate_requests(
    pods: &[Pod],
    container: &str,
    resource: &str,
    pod_level_resources: bool,
) -> Result<BTreeMap<String, i64>, String> {
    let mut out = BTreeMap::new();
    for pod in pods {
        let req = if pod_level_resources && container.is_empty() && pod_level_requests_set(pod) {
            pod_level_request(pod, resource)?
        } else {
            requests_from_containers(pod, container, resource)?
        };
        out.insert(pod_name(pod).to_owned(), req);
    }
    Ok(out)
}

/// `calculatePodLevelRequests`: `resourcehelpers.PodRequests` with pod-level requests overriding
/// the container aggregate for the resources they name.
fn pod_level_request(pod: &Pod, resource: &str) -> Result<i64, String> {
    let spec = pod.spec.as_ref();
    let pod_level = spec
        .and_then(|s| s.resources.as_ref())
        .and_then(|r| r.requests.as_ref())
        .and_then(|r| r.get(resource));
    if POD_LEVEL_RESOURCES.contains(&resource)
        && let Some(q) = pod_level
    {
        return milli(q).ok_or_else(|| bad_quantity(resource, pod));
    }
    aggregate_pod_request(pod, resource).ok_or_else(|| {
        format!(
            "missing pod-level request for {resource} in Pod {}",
            pod_name(pod)
        )
    })
}

fn bad_quantity(resource: &str, pod: &Pod) -> String {
    format!("invalid request for {resource} in Pod {}", pod_name(pod))
}

/// `resourcehelpers.PodRequests` for one resource without pod-level values: containers plus
/// sidecars, the largest init-container step, plus overhead. `None` when nothing requests it.
fn aggregate_pod_request(pod: &Pod, resource: &str) -> Option<i64> {
    let spec = pod.spec.as_ref()?;
    let mut seen = false;
    let mut get = |c: &Container| {
        let v = container_request(c, resource);
        seen |= v.is_some();
        v.unwrap_or(0)
    };
    let mut reqs: i64 = spec
        .containers
        .iter()
        .fold(0i64, |a, c| a.wrapping_add(get(c)));
    let mut sidecars = 0i64;
    let mut init_max = 0i64;
    for c in spec.init_containers.iter().flatten() {
        let mut r = get(c);
        if c.restart_policy.as_deref() == Some("Always") {
            reqs = reqs.wrapping_add(r);
            sidecars = sidecars.wrapping_add(r);
            r = sidecars;
        } else {
            r = r.wrapping_add(sidecars);
        }
        init_max = init_max.max(r);
    }
    reqs = reqs.max(init_max);
    if let Some(o) = spec.overhead.as_ref().and_then(|o| o.get(resource)) {
        seen = true;
        reqs = reqs.wrapping_add(milli(o).unwrap_or(0));
    }
    seen.then_some(reqs)
}

/// `calculatePodRequestsFromContainers`.
fn requests_from_containers(pod: &Pod, container: &str, resource: &str) -> Result<i64, String> {
    let empty = Vec::new();
    let spec = pod.spec.as_ref();
    let containers = spec.map(|s| &s.containers).unwrap_or(&empty);
    let sidecars = spec
        .and_then(|s| s.init_containers.as_ref())
        .unwrap_or(&empty)
        .iter()
        .filter(|c| c.restart_policy.as_deref() == Some("Always"));
    let mut request = 0i64;
    for c in containers.iter().chain(sidecars) {
        if container.is_empty() || container == c.name {
            let Some(r) = container_request(c, resource) else {
                return Err(format!(
                    "missing request for {resource} in container {} of Pod {}",
                    c.name,
                    pod_name(pod)
                ));
            };
            request = request.wrapping_add(r);
        }
        if container == c.name {
            return Ok(request);
        }
    }
    if !container.is_empty() {
        return Err(format!(
            "container {container} not found in Pod {}",
            pod_name(pod)
        ));
    }
    Ok(request)
}

/// `GetResourceUtilizationRatio`: `(ratio, utilization %, raw average)`.
fn resource_utilization_ratio(
    metrics: &PodMetricsInfo,
    requests: &BTreeMap<String, i64>,
    target: i32,
) -> Result<(f64, i32, i64), String> {
    let (mut total, mut req_total, mut n) = (0i64, 0i64, 0i64);
    for (name, m) in metrics {
        let Some(r) = requests.get(name) else {
            continue;
        };
        total = total.wrapping_add(m.value);
        req_total = req_total.wrapping_add(*r);
        n += 1;
    }
    if req_total == 0 {
        return Err("no metrics returned matched known pods".into());
    }
    // int32((metricsTotal * 100) / requestsTotal): Go wraps, then truncates to 32 bits.
    let utilization = total.wrapping_mul(100).wrapping_div(req_total) as i32;
    let raw = total.wrapping_div(n.max(1));
    Ok((f64::from(utilization) / f64::from(target), utilization, raw))
}

/// `GetMetricUsageRatio`: `(ratio, average usage)`.
fn metric_usage_ratio(metrics: &PodMetricsInfo, target: i64) -> (f64, i64) {
    let total = metrics.values().fold(0i64, |a, m| a.wrapping_add(m.value));
    let n = i64::try_from(metrics.len()).unwrap_or(i64::MAX).max(1);
    let usage = total.wrapping_div(n);
    (usage as f64 / target as f64, usage)
}

/// `int32(math.Ceil(x))`; out-of-range values saturate (Go's conversion is platform-defined).
pub(crate) fn ceil_i32(x: f64) -> i32 {
    x.ceil() as i32
}

fn len_f64(m: &PodMetricsInfo) -> f64 {
    m.len() as f64
}

/// Result of one utilization computation (`GetResourceReplicas`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ResourceResult {
    pub(crate) replicas: i32,
    pub(crate) utilization: i32,
    pub(crate) raw: i64,
}

/// `GetResourceReplicas` after the metrics fetch.
#[allow(clippy::too_many_arguments)]
pub(crate) fn resource_replicas(
    c: &Calc,
    current: i32,
    target: i32,
    resource: &str,
    tol: Tolerances,
    pods: &[Pod],
    mut metrics: PodMetricsInfo,
    container: &str,
) -> Result<ResourceResult, String> {
    if pods.is_empty() {
        return Err("no pods returned by selector while calculating replica count".into());
    }
    let g = group_pods(pods, &metrics, resource, c);
    for name in g.ignored.iter().chain(&g.unready) {
        metrics.remove(name);
    }
    if metrics.is_empty() {
        return Err("did not receive metrics for targeted pods (pods might be unready)".into());
    }
    let requests = calculate_requests(pods, container, resource, c.pod_level_resources)?;
    let (ratio, utilization, raw) = resource_utilization_ratio(&metrics, &requests, target)?;
    let done = |replicas| {
        Ok(ResourceResult {
            replicas,
            utilization,
            raw,
        })
    };
    let scale_up_with_unready = !g.unready.is_empty() && ratio > 1.0;
    if !scale_up_with_unready && g.missing.is_empty() {
        if tol.is_within(ratio) {
            return done(current);
        }
        return done(ceil_i32(ratio * g.ready as f64));
    }
    if !g.missing.is_empty() {
        if ratio < 1.0 {
            let fallback = i64::from(target.max(100));
            for name in &g.missing {
                let r = requests.get(name).copied().unwrap_or(0);
                metrics.insert(
                    name.clone(),
                    filled(r.wrapping_mul(fallback).wrapping_div(100)),
                );
            }
        } else if ratio > 1.0 {
            for name in &g.missing {
                metrics.insert(name.clone(), filled(0));
            }
        }
    }
    if scale_up_with_unready {
        for name in &g.unready {
            metrics.insert(name.clone(), filled(0));
        }
    }
    let (new_ratio, _, _) = resource_utilization_ratio(&metrics, &requests, target)?;
    if tol.is_within(new_ratio)
        || (ratio < 1.0 && new_ratio > 1.0)
        || (ratio > 1.0 && new_ratio < 1.0)
    {
        return done(current);
    }
    let new_replicas = ceil_i32(new_ratio * len_f64(&metrics));
    if (new_ratio < 1.0 && new_replicas > current) || (new_ratio > 1.0 && new_replicas < current) {
        return done(current);
    }
    done(new_replicas)
}

fn filled(value: i64) -> PodMetric {
    PodMetric {
        value,
        timestamp: go_zero_time(),
        window: SignedDuration::ZERO,
    }
}

/// `calcPlainMetricReplicas` (Pods metrics, and Resource metrics with an `averageValue`).
pub(crate) fn plain_metric_replicas(
    c: &Calc,
    current: i32,
    target: i64,
    resource: &str,
    tol: Tolerances,
    pods: &[Pod],
    mut metrics: PodMetricsInfo,
) -> Result<(i32, i64), String> {
    if pods.is_empty() {
        return Err("no pods returned by selector while calculating replica count".into());
    }
    let g = group_pods(pods, &metrics, resource, c);
    for name in g.ignored.iter().chain(&g.unready) {
        metrics.remove(name);
    }
    if metrics.is_empty() {
        return Err("did not receive metrics for targeted pods (pods might be unready)".into());
    }
    let (ratio, usage) = metric_usage_ratio(&metrics, target);
    let scale_up_with_unready = !g.unready.is_empty() && ratio > 1.0;
    if !scale_up_with_unready && g.missing.is_empty() {
        if tol.is_within(ratio) {
            return Ok((current, usage));
        }
        return Ok((ceil_i32(ratio * g.ready as f64), usage));
    }
    if !g.missing.is_empty() {
        if ratio < 1.0 {
            for name in &g.missing {
                metrics.insert(name.clone(), filled(target));
            }
        } else if ratio > 1.0 {
            for name in &g.missing {
                metrics.insert(name.clone(), filled(0));
            }
        }
    }
    if scale_up_with_unready {
        for name in &g.unready {
            metrics.insert(name.clone(), filled(0));
        }
    }
    let (new_ratio, _) = metric_usage_ratio(&metrics, target);
    if tol.is_within(new_ratio)
        || (ratio < 1.0 && new_ratio > 1.0)
        || (ratio > 1.0 && new_ratio < 1.0)
    {
        return Ok((current, usage));
    }
    let new_replicas = ceil_i32(new_ratio * len_f64(&metrics));
    if (new_ratio < 1.0 && new_replicas > current) || (new_ratio > 1.0 && new_replicas < current) {
        return Ok((current, usage));
    }
    Ok((new_replicas, usage))
}

/// `getReadyPodsCount`: running pods whose `Ready` condition is `True`.
fn ready_pods_count(pods: &[Pod]) -> Result<i64, String> {
    if pods.is_empty() {
        return Err("unable to calculate ready pods: no pods returned by selector while calculating replica count".into());
    }
    Ok(pods
        .iter()
        .filter(|p| phase(p) == "Running" && is_pod_ready(p))
        .count() as i64)
}

/// `getUsageRatioReplicaCount`.
pub(crate) fn usage_ratio_replica_count(
    current: i32,
    ratio: f64,
    tol: Tolerances,
    pods: &[Pod],
) -> Result<i32, String> {
    if current != 0 {
        if tol.is_within(ratio) {
            return Ok(current);
        }
        let ready = ready_pods_count(pods)?;
        let f = ratio * ready as f64;
        if f > f64::from(i32::MAX) {
            return Ok(i32::MAX);
        }
        Ok(ceil_i32(f))
    } else {
        Ok(ceil_i32(ratio))
    }
}

/// `GetObjectPerPodMetricReplicas` after the fetch: `(replicas, usage per pod)`.
pub(crate) fn object_per_pod_replicas(
    status_replicas: i32,
    target_avg: i64,
    usage: i64,
    tol: Tolerances,
) -> (i32, i64) {
    let mut replicas = status_replicas;
    let ratio = usage as f64 / (target_avg as f64 * f64::from(replicas));
    if !tol.is_within(ratio) {
        replicas = ceil_i32(usage as f64 / target_avg as f64);
    }
    let per_pod = (usage as f64 / f64::from(status_replicas)).ceil() as i64;
    (replicas, per_pod)
}

/// The external metric total of `GetExternalMetricReplicas` (positive overflow caps at
/// `MaxInt64`).
pub(crate) fn external_total(values: &[i64]) -> i64 {
    let mut usage = 0i64;
    for &v in values {
        if v > 0 && usage > i64::MAX - v {
            return i64::MAX;
        }
        usage = usage.wrapping_add(v);
    }
    usage
}

/// `GetExternalPerPodMetricReplicas` after the fetch: `(replicas, usage per pod)`.
pub(crate) fn external_per_pod_replicas(
    status_replicas: i32,
    target_per_pod: i64,
    values: &[i64],
    tol: Tolerances,
) -> (i32, i64) {
    let mut usage = 0i64;
    for &v in values {
        usage = usage.wrapping_add(v);
        if usage < 0 {
            usage = i64::MAX;
            break;
        }
    }
    let mut replicas = status_replicas;
    let ratio = usage as f64 / (target_per_pod as f64 * f64::from(replicas));
    if !tol.is_within(ratio) {
        let r = (usage as f64 / target_per_pod as f64).ceil();
        replicas = if r > f64::from(i32::MAX) {
            i32::MAX
        } else {
            r as i32
        };
    }
    let per_pod = if usage as f64 >= i64::MAX as f64 {
        i64::MAX
    } else {
        (usage as f64 / f64::from(status_replicas)).ceil() as i64
    };
    (replicas, per_pod)
}

/// The resource metrics client (`GetResourceMetric`): the pod's summed container usage, or the
/// named container's; pods whose sample lacks the resource in some container are left out (the
/// pod sum) or have no value (the container).
pub(crate) fn resource_metrics_info(
    samples: &[PodMetrics],
    resource: &str,
    container: &str,
) -> Result<PodMetricsInfo, String> {
    if samples.is_empty() {
        return Err("no metrics returned from resource metrics API".into());
    }
    let mut out = PodMetricsInfo::new();
    for m in samples {
        let metric = |value| PodMetric {
            value,
            timestamp: m.timestamp,
            window: m.window,
        };
        if container.is_empty() {
            let mut sum = 0i64;
            let mut missing = m.containers.is_empty();
            for c in &m.containers {
                match c.usage.get(resource) {
                    Some(q) => sum = sum.wrapping_add(q.milli_value()),
                    None => {
                        missing = true;
                        break;
                    }
                }
            }
            if !missing {
                out.insert(m.pod.clone(), metric(sum));
            }
        } else {
            let Some(c) = m.containers.iter().find(|c| c.name == container) else {
                return Err(format!(
                    "failed to get container metrics: container {container} not present in metrics for pod {}/{}",
                    m.namespace, m.pod
                ));
            };
            if let Some(q) = c.usage.get(resource) {
                out.insert(m.pod.clone(), metric(q.milli_value()));
            }
        }
    }
    Ok(out)
}
