//! The generated CRDs carry the upstream names, scope, short names, print columns and
//! subresources (alauda/alb `deploy/chart/alb/crds/*.yaml`); properties and property tests of the
//! naming helpers.

use acp_model::alb::{
    Alb2, DslxTerm, Frontend, Rule, frontend_name, parse_certificate_name, parse_frontend_name,
    parse_port_range,
};
use kube::{CustomResourceExt, Resource};
use proptest::prelude::*;

fn columns(
    crd: &k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition,
) -> Vec<(String, String)> {
    crd.spec.versions[0]
        .additional_printer_columns
        .iter()
        .flatten()
        .map(|c| (c.name.clone(), c.json_path.clone()))
        .collect()
}

#[test]
fn alb2_crd() {
    let crd = Alb2::crd();
    assert_eq!(
        crd.metadata.name.as_deref(),
        Some("alaudaloadbalancer2.crd.alauda.io")
    );
    assert_eq!(crd.spec.group, "crd.alauda.io");
    assert_eq!(crd.spec.names.kind, "ALB2");
    assert_eq!(crd.spec.names.plural, "alaudaloadbalancer2");
    assert_eq!(crd.spec.names.short_names, Some(vec!["alb2".to_owned()]));
    assert_eq!(crd.spec.scope, "Namespaced");
    assert_eq!(crd.spec.versions[0].name, "v2beta1");
    assert!(
        crd.spec.versions[0]
            .subresources
            .as_ref()
            .unwrap()
            .status
            .is_some()
    );
    assert_eq!(
        columns(&crd),
        [
            ("manually-address", ".spec.address"),
            ("allocated-address", ".status.detail.address.msg"),
            ("state", ".status.state"),
            ("reason", ".status.reason"),
            ("mode", ".spec.config.networkMode"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(Alb2::api_version(&()), "crd.alauda.io/v2beta1");
    assert_eq!(Alb2::kind(&()), "ALB2");
    let schema = serde_json::to_value(&crd.spec.versions[0].schema).unwrap();
    let config = &schema["openAPIV3Schema"]["properties"]["spec"]["properties"]["config"];
    assert_eq!(
        config["x-kubernetes-preserve-unknown-fields"], true,
        "{config}"
    );
    let ty = &schema["openAPIV3Schema"]["properties"]["spec"]["properties"]["type"];
    assert_eq!(ty["enum"], serde_json::json!(["nginx"]), "{ty}");
}

#[test]
fn frontend_and_rule_crds() {
    let ft = Frontend::crd();
    assert_eq!(ft.metadata.name.as_deref(), Some("frontends.crd.alauda.io"));
    assert_eq!(ft.spec.names.short_names, Some(vec!["ft".to_owned()]));
    assert_eq!(ft.spec.versions[0].name, "v1");
    assert!(
        ft.spec.versions[0]
            .subresources
            .as_ref()
            .unwrap()
            .status
            .is_some()
    );
    assert_eq!(
        columns(&ft),
        [("protocol".to_owned(), ".spec.protocol".to_owned())]
    );
    let schema = serde_json::to_value(&ft.spec.versions[0].schema).unwrap();
    let spec = &schema["openAPIV3Schema"]["properties"]["spec"]["properties"];
    for key in [
        "certificate_name",
        "backendProtocol",
        "serviceGroup",
        "port",
        "protocol",
    ] {
        assert!(spec.get(key).is_some(), "{key} missing from {spec}");
    }
    assert_eq!(spec["protocol"]["type"], "string");
    let sg = &spec["serviceGroup"]["properties"];
    assert!(sg.get("session_affinity_policy").is_some(), "{sg}");

    let rl = Rule::crd();
    assert_eq!(rl.metadata.name.as_deref(), Some("rules.crd.alauda.io"));
    assert_eq!(rl.spec.names.short_names, Some(vec!["rl".to_owned()]));
    assert!(
        rl.spec.versions[0]
            .subresources
            .as_ref()
            .is_none_or(|s| s.status.is_none())
    );
    assert_eq!(
        columns(&rl).into_iter().map(|c| c.0).collect::<Vec<_>>(),
        [
            "priority",
            "matches",
            "source-type",
            "source-ns",
            "source-name"
        ]
    );
    let schema = serde_json::to_value(&rl.spec.versions[0].schema).unwrap();
    let spec = &schema["openAPIV3Schema"]["properties"]["spec"]["properties"];
    for key in [
        "dslx",
        "dsl",
        "priority",
        "enableCORS",
        "corsAllowHeaders",
        "corsAllowOrigin",
        "rewrite_base",
        "rewrite_target",
        "redirectURL",
        "redirectCode",
        "vhost",
        "certificate_name",
        "type",
    ] {
        assert!(spec.get(key).is_some(), "{key} missing from {spec}");
    }
}

proptest! {
    #[test]
    fn frontend_name_inverts(alb in "[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?", port in 1u16..) {
        let name = frontend_name(&alb, port);
        prop_assert_eq!(parse_frontend_name(&name), Some((alb.as_str(), port)));
    }

    #[test]
    fn parsers_never_panic(s in "\\PC{0,40}") {
        let _ = parse_frontend_name(&s);
        let _ = parse_certificate_name(&s);
        let _ = parse_port_range(&s);
    }

    #[test]
    fn certificate_names_split_back(ns in "[a-z0-9-]{1,20}", name in "[a-z0-9.-]{1,20}") {
        let joined = format!("{ns}/{name}");
        prop_assert_eq!(parse_certificate_name(&joined), Some((ns.as_str(), name.as_str())));
    }

    #[test]
    fn port_ranges_are_ordered(a in 1u16.., b in 1u16..) {
        let s = format!("{a}-{b}");
        match parse_port_range(&s) {
            Some((x, y)) => prop_assert!(x < y && x == a && y == b),
            None => prop_assert!(a >= b),
        }
    }

    #[test]
    fn dslx_terms_round_trip(
        kind in "[A-Z_]{1,8}",
        key in proptest::option::of("[a-zA-Z-]{1,8}"),
        values in proptest::collection::vec(proptest::collection::vec("\\PC{0,6}", 0..4), 0..4),
    ) {
        let t = DslxTerm { kind, key, values };
        let s = serde_json::to_string(&t).unwrap();
        prop_assert_eq!(serde_json::from_str::<DslxTerm>(&s).unwrap(), t);
    }
}
