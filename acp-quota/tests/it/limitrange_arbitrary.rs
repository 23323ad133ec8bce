//! Arbitrary quantities through LimitRange validation, LimitRanger admission and overcommit:
//! never a panic, and the laws that must hold whatever the input.

use acp_model::ratio::Ratio;
use acp_quota::limitrange::{LimitRanger, default_limit_range, validate_limit_range};
use acp_quota::overcommit::Overcommit;
use k8s_openapi::api::core::v1::{LimitRange, PersistentVolumeClaim, Pod};
use proptest::prelude::*;
use serde_json::json;

fn qty() -> impl Strategy<Value = String> {
    prop_oneof![
        "[+-]?[0-9]{0,20}(\\.[0-9]{0,12})?([eE][+-]?[0-9]{1,3}|Ki|Mi|Gi|Ti|Pi|Ei|m|u|n|k|M|G|T|P|E)?",
        "\\PC{0,6}",
    ]
}

fn list(keys: &[&str], vals: &[String]) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    for (k, v) in keys.iter().zip(vals) {
        if !v.is_empty() {
            m.insert((*k).to_string(), json!(v));
        }
    }
    serde_json::Value::Object(m)
}

const KEYS: [&str; 3] = ["cpu", "memory", "storage"];

proptest! {
    #![proptest_config(crate::support::proptest_config(300))]
    #[test]
    fn admission_never_panics(
        items in proptest::collection::vec((0usize..4, proptest::collection::vec(qty(), 15)), 0..3),
        ctr in proptest::collection::vec(qty(), 6),
        ratio in 0u32..5,
    ) {
        let types = ["Container", "Pod", "PersistentVolumeClaim", "Other"];
        let limits: Vec<serde_json::Value> = items.iter().map(|(t, v)| json!({
            "type": types[*t],
            "min": list(&KEYS, &v[0..3]), "max": list(&KEYS, &v[3..6]),
            "default": list(&KEYS, &v[6..9]), "defaultRequest": list(&KEYS, &v[9..12]),
            "maxLimitRequestRatio": list(&KEYS, &v[12..15]),
        })).collect();
        let mut lr: LimitRange = serde_json::from_value(json!({"metadata": {"name": "l"}, "spec": {"limits": limits}})).unwrap();
        let _ = validate_limit_range(&lr);
        default_limit_range(&mut lr);
        let spec = json!({"containers": [{"name": "a", "resources": {
            "requests": list(&KEYS, &ctr[0..3]), "limits": list(&KEYS, &ctr[3..6])}}],
            "initContainers": [{"name": "i", "restartPolicy": "Always", "resources": {"limits": list(&KEYS, &ctr[3..6])}}]});
        let mut pod: Pod = serde_json::from_value(json!({"metadata": {"name": "p"}, "spec": spec})).unwrap();
        let oc = Overcommit::new(Ratio::Ratio(ratio), Ratio::Ratio(ratio.saturating_add(1)));
        let _ = oc.apply_to_pod(&mut pod, std::slice::from_ref(&lr));
        let _ = LimitRanger::default().create_pod(std::slice::from_ref(&lr), &mut pod);
        let pvc: PersistentVolumeClaim = serde_json::from_value(json!({"metadata": {"name": "c"},
            "spec": {"resources": {"requests": list(&KEYS, &ctr[0..3])}}})).unwrap();
        let _ = LimitRanger::default().admit_pvc(std::slice::from_ref(&lr), &pvc);
    }

    #[test]
    fn mutation_fills_only_missing_keys(own in proptest::collection::vec(prop_oneof![Just(String::new()), "[1-9][0-9]{0,3}m"], 2)) {
        let lr: LimitRange = serde_json::from_value(json!({"metadata": {"name": "l"}, "spec": {"limits": [
            {"type": "Container", "default": {"cpu": "1", "memory": "1Gi"}, "defaultRequest": {"cpu": "1", "memory": "1Gi"}}]}})).unwrap();
        let mut pod: Pod = serde_json::from_value(json!({"metadata": {"name": "p"}, "spec": {"containers": [
            {"name": "a", "resources": {"limits": list(&KEYS, &own)}}]}})).unwrap();
        LimitRanger::default().mutate_pod(&lr, &mut pod);
        let l = pod.spec.unwrap().containers[0].resources.clone().unwrap().limits.unwrap();
        for (k, v) in KEYS.iter().zip(&own) {
            if !v.is_empty() { prop_assert_eq!(&l[*k].0, v); }
        }
        prop_assert_eq!(l.len(), 2);
    }
}
