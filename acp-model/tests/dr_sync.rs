//! Global DR etcd-sync scope and consistency check.
// seed 002
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use acp_model::dr::{
    ConsistencyReport, EXCLUDED_NAMESPACES, SyncScope, consistency_check, is_synced, parse_key,
};
use proptest::prelude::*;

#[test]
fn excluded_namespaces_are_the_seeds_fourteen() {
    // seed 002:950-963.
    assert_eq!(EXCLUDED_NAMESPACES.len(), 14);
    assert_eq!(EXCLUDED_NAMESPACES.first(), Some(&"cpaas-system"));
    assert_eq!(EXCLUDED_NAMESPACES.last(), Some(&"operators"));
    for ns in EXCLUDED_NAMESPACES {
        assert!(!is_synced(&format!("/registry/pods/{ns}/p")), "{ns}");
        assert!(!is_synced(&format!("/registry/namespaces/{ns}")), "{ns}");
        assert!(
            !is_synced(&format!("/registry/crd.alauda.io/rules/{ns}/r")),
            "{ns}"
        );
    }
}

#[test]
fn synced_keys() {
    for key in [
        "/registry/deployments/my-app/web",
        "/registry/namespaces/my-app",
        "/registry/clusterroles/admin",
        "/registry/minions/192.168.1.10",
        "/registry/apiextensions.k8s.io/customresourcedefinitions/alaudaloadbalancer2.crd.alauda.io",
        "/registry/crd.alauda.io/alaudaloadbalancer2/my-lb-ns/global-alb2",
        "/registry/app.k8s.io/applications/demo/shop",
        "/registry/machineconfiguration.alauda.io/machineconfigs/99-worker-chrony",
        "/registry/events/my-app/web.17a",
        "/registry/leases/my-app/leader",
        "/registry/services/specs/my-app/web",
        "/registry/ranges/serviceips",
        // "kube-systemx" is not "kube-system"
        "/registry/pods/kube-systemx/p",
    ] {
        assert!(is_synced(key), "{key}");
    }
}

#[test]
fn not_synced_keys() {
    for key in [
        "",
        "/",
        "/registry",
        "/registry/",
        "/registry/pods",
        "/registry/pods/",
        "/registry/pods/demo/web/",
        "/registry//demo/web",
        "/registry/pods/demo//web",
        "/registry/pods/a/b/c",
        "registry/pods/demo/web",
        "/Registry/pods/demo/web",
        "compact_rev_key",
        "/other/pods/demo/web",
        "/registry/crd.alauda.io/frontends",
        "/registry/services/specs",
        "/registry/leases/kube-node-lease/node-1",
        "/registry/configmaps/kube-system/coredns",
        "/registry/secrets/cpaas-system/etcd-sync",
        "/registry/services/endpoints/default/kubernetes",
    ] {
        assert!(!is_synced(key), "{key:?}");
    }
}

#[test]
fn parse_key_parts() {
    let k = parse_key("/registry/pods/demo/web").unwrap();
    assert_eq!(
        (k.resource, k.group, k.namespace, k.name),
        ("pods", None, Some("demo"), "web")
    );
    let k =
        parse_key("/registry/crd.alauda.io/alaudaloadbalancer2/cpaas-system/global-alb2").unwrap();
    assert_eq!(k.group, Some("crd.alauda.io"));
    // a group followed by only one segment is not an object key
    assert_eq!(parse_key("/registry/storage.k8s.io/x"), None);
    let k = parse_key("/registry/services/endpoints/demo/web").unwrap();
    assert_eq!(
        (k.resource, k.namespace),
        ("services/endpoints", Some("demo"))
    );
}

#[test]
fn consistency_check_reports_sorted_unique_in_scope_keys() {
    let primary = vec![
        "/registry/secrets/demo/z",
        "/registry/secrets/demo/a",
        "/registry/secrets/demo/a",
        "/registry/configmaps/kube-system/only-on-primary", // excluded: ignored
        "/registry/clusterroles/shared",
        "not-a-key",
    ];
    let standby = vec![
        "/registry/clusterroles/shared".to_owned(),
        "/registry/secrets/demo/extra".to_owned(),
        "/registry/pods/cpaas-system/etcd-sync-0".to_owned(), // excluded: ignored
    ];
    let r = consistency_check(primary, standby);
    assert_eq!(
        r.missed,
        ["/registry/secrets/demo/a", "/registry/secrets/demo/z"]
    );
    assert_eq!(r.surplus, ["/registry/secrets/demo/extra"]);
    assert!(!r.is_consistent());
    assert_eq!(
        r.to_string(),
        "LOCAL ETCD missed keys:\n/registry/secrets/demo/a\n/registry/secrets/demo/z\nLOCAL ETCD surplus keys:\n/registry/secrets/demo/extra\n"
    );
    let empty: [&str; 0] = [];
    let r = consistency_check(empty, empty);
    assert!(r.is_consistent());
    assert_eq!(r, ConsistencyReport::default());
    assert_eq!(
        r.to_string(),
        "LOCAL ETCD missed keys:\nLOCAL ETCD surplus keys:\n"
    );
}

#[test]
fn custom_scope() {
    let mut scope = SyncScope::default();
    scope.excluded_namespaces.insert("my-backup".into());
    assert!(!scope.is_synced("/registry/pods/my-backup/p"));
    assert!(is_synced("/registry/pods/my-backup/p"));
    scope.excluded_namespaces.remove("default");
    assert!(scope.is_synced("/registry/services/specs/default/kubernetes"));
}

proptest! {
    #[test]
    fn never_panics_and_agrees_with_parse(key in ".{0,80}") {
        let synced = is_synced(&key);
        if synced {
            prop_assert!(parse_key(&key).is_some());
        }
    }

    #[test]
    fn check_is_a_set_difference(
        p in proptest::collection::vec("/registry/(pods|secrets)/(demo|kube-system)/[a-c]", 0..8),
        s in proptest::collection::vec("/registry/(pods|secrets)/(demo|kube-system)/[a-c]", 0..8),
    ) {
        let r = consistency_check(&p, &s);
        for k in &r.missed { prop_assert!(p.contains(k) && !s.contains(k) && is_synced(k)); }
        for k in &r.surplus { prop_assert!(s.contains(k) && !p.contains(k) && is_synced(k)); }
        let back = consistency_check(&s, &p);
        prop_assert_eq!(back.missed, r.surplus);
        prop_assert_eq!(back.surplus, r.missed);
    }
}
