//! UID/GID ranges over the seed's examples.
// seed 003:4683-4811

use acp_quota::uid_range::{UidRange, UidRangeError, namespace_range};
use k8s_openapi::api::core::v1::{Namespace, Pod};
use proptest::prelude::*;
use serde_json::json;

use crate::support;

fn fixture_pod(name: &str) -> Pod {
    support::yaml(&format!("003/{name}"))
}

#[test]
fn seed_l4712_annotation_parses_inclusive() {
    let r: UidRange = "1000002000-1000011999".parse().unwrap();
    assert_eq!(
        r,
        UidRange {
            start: 1000002000,
            end: 1000011999
        }
    );
    assert!(r.contains(1000002000) && r.contains(1000011999));
    assert!(!r.contains(1000001999) && !r.contains(1000012000));
    assert_eq!(r.len(), 10000);
    assert_eq!(r.to_string(), "1000002000-1000011999");
}

#[test]
fn bad_annotations_are_errors() {
    for s in ["", "1000", "a-b", "-5-10", "1 -2", "+1-2", "1-"] {
        assert!(
            matches!(s.parse::<UidRange>(), Err(UidRangeError::Format(_))),
            "{s}"
        );
    }
    assert!(matches!(
        "1-2147483648".parse::<UidRange>(),
        Err(UidRangeError::OutOfRange(_))
    ));
    assert!(matches!(
        "1-99999999999999999999".parse::<UidRange>(),
        Err(UidRangeError::OutOfRange(_))
    ));
    assert!(matches!(
        "10-5".parse::<UidRange>(),
        Err(UidRangeError::Reversed(_))
    ));
    assert_eq!(
        "0-2147483647".parse::<UidRange>().unwrap().len(),
        2147483648
    );
}

#[test]
fn seed_l4702_feature_is_enabled_by_the_label_only() {
    let ns = |labels: serde_json::Value, ann: serde_json::Value| -> Namespace {
        serde_json::from_value(
            json!({"metadata": {"name": "n", "labels": labels, "annotations": ann}}),
        )
        .unwrap()
    };
    let ann = json!({"security.cpaas.io/uid-range": "1000002000-1000011999"});
    assert_eq!(
        namespace_range(&ns(
            json!({"security.cpaas.io/enabled": "true"}),
            ann.clone()
        ))
        .unwrap(),
        Some(UidRange {
            start: 1000002000,
            end: 1000011999
        })
    );
    assert_eq!(
        namespace_range(&ns(
            json!({"security.cpaas.io/enabled": "false"}),
            ann.clone()
        ))
        .unwrap(),
        None
    );
    assert_eq!(namespace_range(&ns(json!({}), ann)).unwrap(), None);
    assert_eq!(
        namespace_range(&ns(json!({"security.cpaas.io/enabled": "true"}), json!({}))),
        Err(UidRangeError::Missing)
    );
}

#[test]
fn seed_l4732_bare_pod_gets_the_first_value_of_the_annotation_range() {
    let range: UidRange = "1000002000-1000011999".parse().unwrap();
    let mut pod = fixture_pod("L4732-pod-uid-gid-test-pod.yaml");
    let set = range.admit_pod(&mut pod).unwrap();
    assert_eq!(
        set,
        vec![
            "spec.containers[0].securityContext.runAsUser",
            "spec.securityContext.fsGroup"
        ]
    );
    let spec = pod.spec.unwrap();
    assert_eq!(
        spec.containers[0]
            .security_context
            .as_ref()
            .unwrap()
            .run_as_user,
        Some(1000002000)
    );
    assert_eq!(spec.security_context.unwrap().fs_group, Some(1000002000));
}

#[test]
fn seed_l4761_assigned_pod_is_reproduced_with_a_range_starting_at_1000000() {
    // The seed shows 1000000 assigned (seed 003:4771, seed 003:4779): a namespace whose range starts there.
    let range: UidRange = "1000000-1009999".parse().unwrap();
    let mut pod = fixture_pod("L4732-pod-uid-gid-test-pod.yaml");
    range.admit_pod(&mut pod).unwrap();
    let expected = fixture_pod("L4761-pod-uid-gid-test-pod.yaml");
    assert_eq!(pod.spec, expected.spec);
    // and the assigned pod passes as it is, unchanged
    let mut again = expected.clone();
    assert_eq!(range.admit_pod(&mut again).unwrap(), Vec::<String>::new());
    assert_eq!(again, expected);
}

#[test]
fn seed_l4787_out_of_range_pod_is_rejected_naming_fields_and_range() {
    let range: UidRange = "1000002000-1000011999".parse().unwrap();
    let mut pod = fixture_pod("L4787-pod-uid-gid-test-pod-invalid.yaml");
    let before = pod.clone();
    let errs = range.admit_pod(&mut pod).unwrap_err();
    assert_eq!(pod, before);
    let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        msgs,
        vec![
            "spec.securityContext.fsGroup: Invalid value: 2000000: must be in the namespace's UID/GID range 1000002000-1000011999 (security.cpaas.io/uid-range)",
            "spec.containers[0].securityContext.runAsUser: Invalid value: 2000000: must be in the namespace's UID/GID range 1000002000-1000011999 (security.cpaas.io/uid-range)",
        ]
    );
    // the seed's assigned pod (1000000) is out of the annotation's range too (seed inconsistency)
    let mut shown = fixture_pod("L4761-pod-uid-gid-test-pod.yaml");
    assert_eq!(range.admit_pod(&mut shown).unwrap_err().len(), 2);
}

#[test]
fn pod_level_run_as_user_and_init_containers() {
    let range: UidRange = "500-600".parse().unwrap();
    let mut pod: Pod = serde_json::from_value(json!({
        "metadata": {"name": "p"},
        "spec": {
            "securityContext": {"runAsUser": 550},
            "containers": [{"name": "a"}],
            "initContainers": [{"name": "i", "securityContext": {"runAsUser": 700}}],
            "ephemeralContainers": [{"name": "e", "securityContext": {"runAsUser": 1}}]
        }
    }))
    .unwrap();
    let errs = range.admit_pod(&mut pod).unwrap_err();
    let paths: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "spec.initContainers[0].securityContext.runAsUser",
            "spec.ephemeralContainers[0].securityContext.runAsUser"
        ]
    );
    let mut ok: Pod = serde_json::from_value(json!({
        "metadata": {"name": "p"},
        "spec": {"securityContext": {"runAsUser": 550}, "containers": [{"name": "a"}],
                 "initContainers": [{"name": "i"}]}
    }))
    .unwrap();
    // pod-level runAsUser covers the containers: only fsGroup is set
    assert_eq!(
        range.admit_pod(&mut ok).unwrap(),
        vec!["spec.securityContext.fsGroup"]
    );
    assert_eq!(
        ok.spec.as_ref().unwrap().containers[0].security_context,
        None
    );
}

proptest! {
    #[test]
    fn parse_display_round_trip_and_first_value_in_range(a in 0i64..=i64::from(i32::MAX), b in 0i64..=i64::from(i32::MAX)) {
        let (start, end) = (a.min(b), a.max(b));
        let r: UidRange = format!("{start}-{end}").parse().unwrap();
        prop_assert_eq!(r.to_string(), format!("{start}-{end}"));
        prop_assert!(r.contains(r.start));
        let mut pod: Pod = serde_json::from_value(json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a"}]}})).unwrap();
        r.admit_pod(&mut pod).unwrap();
        prop_assert!(r.validate_pod_spec(pod.spec.as_ref().unwrap()).is_empty());
    }

    #[test]
    fn parse_never_panics(s in "\\PC{0,24}") {
        let _ = s.parse::<UidRange>();
    }
}

fn namespace(labels: serde_json::Value, range: &str) -> Namespace {
    serde_json::from_value(json!({"metadata": {"name": "demo", "labels": labels,
        "annotations": {"security.cpaas.io/uid-range": range}}}))
    .unwrap()
}

#[test]
fn seed_l4690_uid_assignment_needs_enforce_restricted() {
    use acp_model::psa::{Admission, Level, LevelVersion, Policy};
    use acp_quota::uid_range::check_pod_security;
    let a = Admission::default();
    // The documented order: enforce restricted, then the label.
    let ok = namespace(
        json!({"security.cpaas.io/enabled": "true", "pod-security.kubernetes.io/enforce": "restricted"}),
        "1000002000-1000011999",
    );
    assert!(check_pod_security(&ok, &a).is_empty());
    let off = namespace(json!({"security.cpaas.io/enabled": "false"}), "0-10");
    assert!(check_pod_security(&off, &a).is_empty());
    let missing = namespace(
        json!({"security.cpaas.io/enabled": "true"}),
        "1000002000-1000011999",
    );
    assert_eq!(
        check_pod_security(&missing, &a).to_string(),
        "metadata.labels[pod-security.kubernetes.io/enforce]: Required value: must be restricted when security.cpaas.io/enabled is \"true\""
    );
    // A cluster default of restricted counts.
    let strict = Admission {
        defaults: Policy {
            enforce: LevelVersion::latest(Level::Restricted),
            ..Policy::default()
        },
        ..Admission::default()
    };
    assert!(check_pod_security(&missing, &strict).is_empty());
    let zero = namespace(
        json!({"security.cpaas.io/enabled": "true", "pod-security.kubernetes.io/enforce": "restricted"}),
        "0-999",
    );
    assert_eq!(
        check_pod_security(&zero, &a).to_string(),
        "metadata.annotations[security.cpaas.io/uid-range]: Invalid value: \"0-999\": must not start at 0: the first ID is assigned as runAsUser, and PodSecurity \"restricted\" refuses runAsUser=0"
    );
}

#[test]
fn seed_l4732_assigned_pod_still_needs_the_restricted_fields() {
    // The UID the namespace assigns is not enough for restricted: runAsNonRoot, seccomp,
    // capabilities and allowPrivilegeEscalation are still the pod's to set (the fix adds them).
    use acp_model::psa::{Level, LevelVersion, evaluate, fix};
    let mut pod = fixture_pod("L4732-pod-uid-gid-test-pod.yaml");
    "1000002000-1000011999"
        .parse::<UidRange>()
        .unwrap()
        .admit_pod(&mut pod)
        .unwrap();
    let lv = LevelVersion::latest(Level::Restricted);
    let spec = pod.spec.as_ref().unwrap();
    assert_eq!(
        evaluate(lv, &pod.metadata, spec).forbidden_reason(),
        "allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile"
    );
    let f = fix(lv, &pod.metadata, spec).unwrap();
    assert_eq!(
        f.spec.containers[0]
            .security_context
            .as_ref()
            .unwrap()
            .run_as_user,
        Some(1000002000)
    );
    assert_eq!(
        UidRange {
            start: 1000002000,
            end: 1000011999
        }
        .validate_pod_spec(&f.spec)
        .len(),
        0
    );
}
