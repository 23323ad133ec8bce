//! The `hpa` fuzz target's check: arbitrary bytes → an HPA spec (targets, bounds, behavior policies,
//! tolerance), pods (phase, readiness, requests) and metric samples (usage, object and external
//! values, failures) → `acp_workload::hpa::compute` never panics, and when the current replica count
//! is within [minReplicas, maxReplicas] the result is too. Input that is JSON is also read as an
//! HPA (arbitrary shapes) and computed with no samples, as a VPA and as a KEDA ScaledObject. The
//! same bytes also drive a VPA recommendation, a pod and the namespace's Container/Pod
//! LimitRanges through `acp_workload::vpa` (never panics; limits only for cpu and memory).

/// The VPA part of [`check`]: quantities of every size and sign through the capping and the
/// proportional limits.
fn check_vpa(data: &[u8]) {
    use acp_workload::vpa;

    let mut it = data.iter().rev().copied();
    let mut byte = move || it.next().unwrap_or(0);
    const QS: [&str; 16] = [
        "0",
        "1",
        "100m",
        "1m",
        "2",
        "1Gi",
        "500M",
        "1Ei",
        "9Ei",
        "-1",
        "-250m",
        "1e30",
        "3.5",
        "999999999999999999",
        "7Ki",
        "0.001m",
    ];
    let quantity = move |b: u8| QS[usize::from(b % 16)];
    let list = |b: u8, c: u8| {
        let mut m = serde_json::Map::new();
        if b & 1 != 0 {
            m.insert("cpu".into(), serde_json::json!(quantity(c)));
        }
        if b & 2 != 0 {
            m.insert(
                "memory".into(),
                serde_json::json!(quantity(c.rotate_left(3))),
            );
        }
        if b & 4 != 0 {
            m.insert(
                "ephemeral-storage".into(),
                serde_json::json!(quantity(c ^ b)),
            );
        }
        serde_json::Value::Object(m)
    };
    let mut containers = Vec::new();
    let mut recs = Vec::new();
    let mut statuses = Vec::new();
    for i in 0..(byte() % 4) {
        let name = format!("c{}", byte() % 3);
        let (f, a, b) = (byte(), byte(), byte());
        containers.push(serde_json::json!({"name": name,
            "resources": {"requests": list(a, b), "limits": list(a >> 3, b.wrapping_add(i))}}));
        if f & 1 != 0 {
            recs.push(
                serde_json::json!({"containerName": name, "target": list(f >> 1, a),
                "lowerBound": list(f >> 2, b), "upperBound": list(f >> 3, a ^ b)}),
            );
        }
        if f & 0x40 != 0 {
            statuses.push(serde_json::json!({"name": name, "image": "", "imageID": "",
                "ready": true, "restartCount": 0,
                "resources": {"requests": list(b, f), "limits": list(a, f)}}));
        }
    }
    let (p, cv, mode) = (byte(), byte(), byte());
    let policy = serde_json::json!({"containerPolicies": [{
        "containerName": (["*", "c0", "c1"][usize::from(p % 3)]),
        "mode": (["Auto", "Off", "Other"][usize::from(mode % 3)]),
        "controlledValues": (["RequestsAndLimits", "RequestsOnly", "X"][usize::from(cv % 3)]),
        "minAllowed": list(p >> 2, cv), "maxAllowed": list(p >> 4, mode)}]});
    let Ok(v) = serde_json::from_value::<acp_model::thirdparty::vpa::VerticalPodAutoscaler>(
        serde_json::json!({"metadata": {"name": "v"}, "spec": {"targetRef": {"kind": "Deployment", "name": "d"},
            "resourcePolicy": policy}, "status": {"recommendation": {"containerRecommendations": recs}}}),
    ) else {
        return;
    };
    let Ok(pod) = serde_json::from_value(serde_json::json!({
        "metadata": {"name": "p"}, "spec": {"containers": containers},
        "status": {"containerStatuses": statuses}}))
    else {
        return;
    };
    let mut items = Vec::new();
    for _ in 0..(byte() % 4) {
        let (t, a, b) = (byte(), byte(), byte());
        items.push(serde_json::json!({"type": (["Container", "Pod", "PersistentVolumeClaim"][usize::from(t % 3)]),
            "min": list(a, b), "max": list(a >> 3, b ^ t), "default": list(t >> 2, a)}));
    }
    let Ok(lr) = serde_json::from_value(
        serde_json::json!({"metadata": {"name": "lr"}, "spec": {"limits": items}}),
    ) else {
        return;
    };
    let lrs = [lr];
    let _ = vpa::capped_recommendation(&v, &pod, &lrs);
    for r in vpa::recommended_resources(&v, &pod, &lrs) {
        assert!(
            r.limits.keys().all(|k| k == "cpu" || k == "memory"),
            "limits beyond cpu and memory: {r:?}"
        );
    }
}

/// Panics when an invariant breaks on `data`.
#[allow(
    clippy::too_many_lines,
    reason = "fuzz harness: one linear decoder of the input bytes"
)]
pub fn check(data: &[u8]) {
    use acp_model::quantity::{Format, Quantity};
    use acp_workload::hpa::{self, HpaHistory, HpaInput, HpaOptions, MetricSample, ScaleEvent};

    let now = jiff::Timestamp::from_second(1_700_000_000).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(data)
        && let Ok(h) = serde_json::from_value::<hpa::HpaV2>(v)
    {
        let _ = hpa::compute(
            &HpaInput {
                hpa: &h,
                spec_replicas: 3,
                status_replicas: 3,
                pods: &[],
                metrics: &[],
                history: &HpaHistory::default(),
                now,
            },
            &HpaOptions::default(),
        );
        let _ = hpa::v2_to_v1(&h);
    }
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) {
        if let Ok(so) =
            serde_json::from_value::<acp_model::thirdparty::keda::ScaledObject>(v.clone())
        {
            let _ = acp_workload::keda::generated_hpa(&so);
            let state = acp_workload::keda::KedaState {
                current_replicas: 3,
                active: false,
                last_active: None,
                now,
            };
            let _ = acp_workload::keda::scale_action(&so, &state);
        }
        if let Ok(vp) =
            serde_json::from_value::<acp_model::thirdparty::vpa::VerticalPodAutoscaler>(v)
        {
            let pod = acp_workload::hpa::fixtures::ready_pod("p", "100m", now);
            let _ = acp_workload::vpa::recommended_resources(&vp, &pod, &[]);
        }
    }
    check_vpa(data);
    let mut it = data.iter().copied();
    let mut byte = move || it.next().unwrap_or(0);
    let min = i32::from(byte() % 8);
    let max = min + i32::from(byte() % 40);
    let current = i32::from(byte() % 50);
    let n_pods = usize::from(byte() % 12);
    let target = i32::from(byte()) - 8;
    let kind = byte() % 6;
    let with_behavior = byte() % 2 == 0;
    let pct = i32::from(byte()) * 3 - 100;
    let pods_v = i32::from(byte()) - 20;
    let period = i32::from(byte()) * 7 - 30;
    let window = i32::from(byte()) * 13 - 100;
    let select = ["Max", "Min", "Disabled", "Other"][usize::from(byte() % 4)];
    let tol = ["0", "0.05", "2", "-1", "1e400", "0.1"][usize::from(byte() % 6)];
    let metric = match kind {
        0 => {
            serde_json::json!({"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": target}}})
        }
        1 => {
            serde_json::json!({"type": "Resource", "resource": {"name": "cpu", "target": {"type": "AverageValue", "averageValue": format!("{target}m")}}})
        }
        2 => {
            serde_json::json!({"type": "ContainerResource", "containerResource": {"name": "cpu", "container": "app", "target": {"type": "Utilization", "averageUtilization": target}}})
        }
        3 => {
            serde_json::json!({"type": "Pods", "pods": {"metric": {"name": "qps"}, "target": {"type": "AverageValue", "averageValue": format!("{target}")}}})
        }
        4 => {
            serde_json::json!({"type": "Object", "object": {"metric": {"name": "qps"}, "describedObject": {"kind": "Service", "name": "s"}, "target": {"type": if target % 2 == 0 {"Value"} else {"AverageValue"}, "value": format!("{target}"), "averageValue": format!("{target}")}}})
        }
        _ => {
            serde_json::json!({"type": "External", "external": {"metric": {"name": "q"}, "target": {"type": "Value", if target % 2 == 0 {"value"} else {"averageValue"}: format!("{target}")}}})
        }
    };
    let mut spec = serde_json::json!({"scaleTargetRef": {"kind": "Deployment", "name": "d"},
        "minReplicas": min, "maxReplicas": max, "metrics": [metric]});
    if with_behavior {
        spec["behavior"] = serde_json::json!({
            "scaleUp": {"stabilizationWindowSeconds": window, "selectPolicy": select, "tolerance": tol,
                        "policies": [{"type": "Percent", "value": pct, "periodSeconds": period},
                                     {"type": "Pods", "value": pods_v, "periodSeconds": period / 2}]},
            "scaleDown": {"selectPolicy": select, "tolerance": tol,
                          "policies": [{"type": "Percent", "value": pct, "periodSeconds": period}]}});
    }
    let Ok(h) = serde_json::from_value::<hpa::HpaV2>(
        serde_json::json!({"metadata": {"name": "h"}, "spec": spec}),
    ) else {
        return;
    };
    let mut pods = Vec::new();
    let mut usage = Vec::new();
    let mut per_pod = Vec::new();
    for i in 0..n_pods {
        let name = format!("p{}", byte() % 16);
        let flags = byte();
        let mut p = hpa::fixtures::ready_pod(
            &name,
            ["100m", "1", "0", "7Gi"][usize::from(flags % 4)],
            now,
        );
        if let Some(s) = p.status.as_mut() {
            s.phase = Some(
                ["Running", "Pending", "Failed", "Unknown"][usize::from((flags >> 2) % 4)].into(),
            );
            if flags & 0x10 != 0 {
                s.start_time = None;
            }
        }
        if flags & 0x20 != 0
            && let Ok(mut v) = serde_json::to_value(&p)
        {
            v["metadata"]["deletionTimestamp"] = serde_json::json!(now.to_string());
            if let Ok(q) = serde_json::from_value(v) {
                p = q;
            }
        }
        let u = i64::from(byte()) * i64::from(byte()) - 1000;
        if flags & 0x40 == 0 {
            usage.push(hpa::fixtures::pod_usage(
                &name,
                "cpu",
                &format!("{u}m"),
                now,
            ));
            per_pod.push((name.clone(), Quantity::from_millis(u, Format::DecimalSI)));
        }
        if i % 5 != 4 {
            pods.push(p);
        }
    }
    let sample = match (kind, byte() % 8) {
        (_, 0) => MetricSample::Unavailable("down".into()),
        (0..=2, _) => MetricSample::PodResources(usage),
        (3, _) => MetricSample::PerPod(per_pod),
        (4, _) => MetricSample::Object(Quantity::from_millis(
            i64::from(byte()) << 20,
            Format::DecimalSI,
        )),
        _ => MetricSample::External(vec![
            Quantity::from_int(i64::MAX, Format::DecimalSI),
            Quantity::from_int(i64::from(byte()), Format::DecimalSI),
        ]),
    };
    let ev = |c: i32, s: i64| ScaleEvent {
        replica_change: c,
        timestamp: now
            .checked_sub(jiff::SignedDuration::from_secs(s))
            .unwrap_or(now),
        outdated: false,
    };
    let history = HpaHistory {
        recommendations: vec![],
        scale_up_events: vec![ev(i32::from(byte()), i64::from(byte())), ev(i32::MAX, 3)],
        scale_down_events: vec![ev(i32::from(byte()), i64::from(byte()))],
    };
    let Ok(d) = hpa::compute(
        &HpaInput {
            hpa: &h,
            spec_replicas: current,
            status_replicas: current,
            pods: &pods,
            metrics: &[sample],
            history: &history,
            now,
        },
        &HpaOptions::default(),
    ) else {
        return;
    };
    if current >= min && current <= max && current > 0 {
        assert!(
            d.desired_replicas >= min && d.desired_replicas <= max,
            "desired {} outside [{min}, {max}] (current {current})",
            d.desired_replicas
        );
    }
}
