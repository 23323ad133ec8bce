//! Validation of ALB2, Frontend and Rule: each rule fails with the exact apimachinery-style
//! message, and all problems are reported at once.

use acp_model::alb::{Alb2, Frontend, Rule};
use acp_model::validation::Validate;
use serde_json::{Value, json};

fn frontend(v: Value) -> Frontend {
    serde_json::from_value(v).unwrap()
}

fn rule(v: Value) -> Rule {
    serde_json::from_value(v).unwrap()
}

fn alb2(v: Value) -> Alb2 {
    serde_json::from_value(v).unwrap()
}

fn messages(errs: acp_model::validation::ErrorList) -> Vec<String> {
    errs.iter().map(ToString::to_string).collect()
}

fn ft(name: &str, spec: Value) -> Frontend {
    frontend(json!({
        "apiVersion": "crd.alauda.io/v1", "kind": "Frontend",
        "metadata": {"name": name, "namespace": "cpaas-system",
                     "labels": {"alb2.cpaas.io/name": "alb-demo"}},
        "spec": spec
    }))
}

#[test]
fn frontend_valid_examples() {
    let ok = [
        ft("alb-demo-00080", json!({"port": 80, "protocol": "http"})),
        ft(
            "alb-demo-00443",
            json!({"port": 443, "protocol": "https", "certificate_name": "cpaas-system/tls",
                   "backendProtocol": "HTTPS"}),
        ),
        ft(
            "alb-demo-00053",
            json!({"port": 53, "protocol": "udp", "serviceGroup": {"services": [
                {"name": "dns", "namespace": "kube-system", "port": 53, "weight": 0}]}}),
        ),
        ft(
            "alb-demo-65535",
            json!({"port": 65535, "protocol": "grpcs", "certificate_name": "ns_legacy",
                   "source": {"type": "ingress", "name": "i", "namespace": "n"},
                   "serviceGroup": {"session_affinity_policy": "cookie",
                                    "session_affinity_attribute": "sid", "services": []},
                   "config": {"redirect": {"code": 308, "port": 443}}}),
        ),
    ];
    for f in ok {
        assert!(f.validate().is_empty(), "{}", f.validate());
    }
}

#[test]
fn frontend_port_and_protocol() {
    let f = ft("alb-demo-00000", json!({"port": 0, "protocol": "HTTP"}));
    assert_eq!(
        messages(f.validate()),
        [
            "spec.port: Invalid value: 0: must be between 1 and 65535, inclusive",
            r#"metadata.name: Invalid value: "alb-demo-00000": must be <ALB name>-<port as 5 digits>, e.g. "alb-demo-00080""#,
            r#"spec.protocol: Unsupported value: "HTTP": supported values: "http", "https", "grpc", "grpcs", "tcp", "udp""#,
        ]
    );
    let f = ft("alb-demo-00080", json!({}));
    assert_eq!(
        messages(f.validate()),
        ["spec.port: Required value", "spec.protocol: Required value"]
    );
    let f = ft("alb-demo-00080", json!({"port": 65536, "protocol": "http"}));
    assert_eq!(
        messages(f.validate()),
        ["spec.port: Invalid value: 65536: must be between 1 and 65535, inclusive"]
    );
}

#[test]
fn frontend_name_must_match_alb_and_port() {
    let f = ft("alb-demo-00081", json!({"port": 80, "protocol": "http"}));
    assert_eq!(
        messages(f.validate()),
        [
            r#"metadata.name: Invalid value: "alb-demo-00081": must be "alb-demo-00080" (<ALB name>-<port as 5 digits>)"#
        ]
    );
    let f = ft("other-00080", json!({"port": 80, "protocol": "http"}));
    assert_eq!(f.validate().len(), 1);
    let f = frontend(json!({
        "apiVersion": "crd.alauda.io/v1", "kind": "Frontend",
        "metadata": {"name": "Alb_80"},
        "spec": {"port": 80, "protocol": "http"}
    }));
    let m = messages(f.validate());
    assert_eq!(m.len(), 3, "{m:?}");
    assert!(m[0].starts_with(
        r#"metadata.name: Invalid value: "Alb_80": a lowercase RFC 1123 subdomain must consist of"#
    ));
    assert_eq!(
        m[1],
        "metadata.labels[alb2.cpaas.io/name]: Required value: the ALB this Frontend belongs to"
    );
    assert_eq!(
        m[2],
        r#"metadata.name: Invalid value: "Alb_80": must be <ALB name>-<port as 5 digits>, e.g. "alb-demo-00080""#
    );
    let f = frontend(json!({"apiVersion": "crd.alauda.io/v1", "kind": "Frontend",
        "metadata": {"labels": {"alb2.cpaas.io/name": "a"}}, "spec": {"port": 80, "protocol": "http"}}));
    assert_eq!(
        messages(f.validate()),
        ["metadata.name: Required value: name or generateName is required"]
    );
}

#[test]
fn metadata_labels_are_checked() {
    let f = frontend(json!({
        "apiVersion": "crd.alauda.io/v1", "kind": "Frontend",
        "metadata": {"name": "alb-demo-00080",
                     "labels": {"alb2.cpaas.io/name": "alb-demo", "project.cpaas.io/p": "not ok!"}},
        "spec": {"port": 80, "protocol": "http"}
    }));
    let m = messages(f.validate());
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].starts_with(r#"metadata.labels[project.cpaas.io/p]: Invalid value: "not ok!": a valid label must be"#),
        "{m:?}"
    );
}

#[test]
fn l4_frontends_need_a_service_group() {
    let f = ft("alb-demo-00053", json!({"port": 53, "protocol": "tcp"}));
    assert_eq!(
        messages(f.validate()),
        ["spec.serviceGroup: Required value: tcp and udp frontends need a serviceGroup"]
    );
    let f = ft(
        "alb-demo-00053",
        json!({"port": 53, "protocol": "udp", "serviceGroup": {"services": []}}),
    );
    assert_eq!(
        messages(f.validate()),
        ["spec.serviceGroup.services: Required value: tcp and udp frontends need a serviceGroup"]
    );
    // L7 frontends may leave it out (seed 001:1086).
    let f = ft("alb-demo-00053", json!({"port": 53, "protocol": "grpc"}));
    assert!(f.validate().is_empty());
}

#[test]
fn services_backend_protocol_certificate_source_redirect() {
    let f = ft(
        "alb-demo-00443",
        json!({
            "port": 443, "protocol": "https",
            "backendProtocol": "ftp",
            "certificate_name": "just-a-name",
            "source": {"type": "gateway"},
            "serviceGroup": {"session_affinity_policy": "random", "services": [
                {"name": "a", "namespace": "b", "port": 80, "weight": 101},
                {"port": 0, "weight": -1},
            ]},
            "config": {"redirect": {"code": 200, "port": 70000}}
        }),
    );
    assert_eq!(
        messages(f.validate()),
        [
            r#"spec.serviceGroup.session_affinity_policy: Unsupported value: "random": supported values: "", "sip-hash", "cookie", "header""#,
            "spec.serviceGroup.services[0].weight: Invalid value: 101: must be between 0 and 100, inclusive",
            "spec.serviceGroup.services[1].name: Required value",
            "spec.serviceGroup.services[1].namespace: Required value",
            "spec.serviceGroup.services[1].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.serviceGroup.services[1].weight: Invalid value: -1: must be between 0 and 100, inclusive",
            r#"spec.backendProtocol: Unsupported value: "ftp": supported values: "http", "https", "grpc", "grpcs""#,
            r#"spec.certificate_name: Invalid value: "just-a-name": must be <secret namespace>/<secret name>"#,
            r#"spec.source.type: Unsupported value: "gateway": supported values: "ingress""#,
            r#"spec.config.redirect.code: Unsupported value: 200: supported values: "0", "301", "302", "303", "307", "308""#,
            "spec.config.redirect.port: Invalid value: 70000: must be between 1 and 65535, inclusive",
        ]
    );
    let f = ft(
        "alb-demo-00080",
        json!({"port": 80, "protocol": "http", "serviceGroup": {"services": [{"name": "a", "namespace": "b"}]}}),
    );
    assert_eq!(
        messages(f.validate()),
        ["spec.serviceGroup.services[0].port: Required value"]
    );
}

fn rl(labels: Value, spec: Value) -> Rule {
    rule(json!({
        "apiVersion": "crd.alauda.io/v1", "kind": "Rule",
        "metadata": {"name": "alb-demo-00080-abcd", "namespace": "cpaas-system", "labels": labels},
        "spec": spec
    }))
}

fn good_labels() -> Value {
    json!({"alb2.cpaas.io/name": "alb-demo", "alb2.cpaas.io/frontend": "alb-demo-00080"})
}

#[test]
fn rule_labels() {
    let r = rl(json!({}), json!({}));
    assert_eq!(
        messages(r.validate()),
        [
            "metadata.labels[alb2.cpaas.io/name]: Required value: the ALB this rule belongs to",
            "metadata.labels[alb2.cpaas.io/frontend]: Required value: the Frontend this rule belongs to",
        ]
    );
    let r = rl(
        json!({"alb2.cpaas.io/name": "alb-demo", "alb2.cpaas.io/frontend": "alb-demo-80"}),
        json!({}),
    );
    assert_eq!(
        messages(r.validate()),
        [
            r#"metadata.labels[alb2.cpaas.io/frontend]: Invalid value: "alb-demo-80": must be <ALB name>-<port as 5 digits>, e.g. "alb-demo-00080""#
        ]
    );
    let r = rl(
        json!({"alb2.cpaas.io/name": "alb-demo", "alb2.cpaas.io/frontend": "alb-other-00080"}),
        json!({}),
    );
    assert_eq!(
        messages(r.validate()),
        [
            r#"metadata.labels[alb2.cpaas.io/frontend]: Invalid value: "alb-other-00080": must be a Frontend of ALB "alb-demo" ("alb-demo-<port>")"#
        ]
    );
    assert!(
        rl(good_labels(), json!({"priority": 1}))
            .validate()
            .is_empty()
    );
}

#[test]
fn rule_priority_dslx_and_redirects() {
    let r = rl(
        good_labels(),
        json!({
            "priority": 11,
            "dslx": [
                {"type": "", "values": []},
                {"type": "URL", "values": [[], [""], ["EQ", "/"]]},
                {"type": "HOST", "values": null},
            ],
            "redirectCode": 304,
            "config": {"redirect": {"code": 301}},
            "backendProtocol": "GRPC",
            "certificate_name": "a/b/c",
            "serviceGroup": {"services": [{"name": "a", "namespace": "b", "port": 80, "weight": 50}]}
        }),
    );
    assert_eq!(
        messages(r.validate()),
        [
            "spec.priority: Invalid value: 11: must be between 1 and 10, inclusive",
            r#"spec.dslx[0].type: Unsupported value: "": supported values: "HOST", "URL", "SRC_IP", "METHOD", "HEADER", "PARAM", "COOKIE""#,
            "spec.dslx[0].values: Required value: at least one row is required",
            "spec.dslx[1].values[0]: Required value: a row needs an operator",
            r#"spec.dslx[1].values[1][0]: Unsupported value: "": supported values: "EQ", "IN", "STARTS_WITH", "ENDS_WITH", "REGEX", "EXIST", "RANGE""#,
            "spec.dslx[2].values: Required value: at least one row is required",
            r#"spec.certificate_name: Invalid value: "a/b/c": must be <secret namespace>/<secret name>"#,
            r#"spec.redirectCode: Unsupported value: 304: supported values: "0", "301", "302", "303", "307", "308""#,
        ]
    );
    let r = rl(good_labels(), json!({"priority": 0, "redirectCode": 0}));
    assert_eq!(
        messages(r.validate()),
        ["spec.priority: Invalid value: 0: must be between 1 and 10, inclusive"]
    );
}

#[test]
fn alb2_config_rules() {
    let a = alb2(json!({
        "apiVersion": "crd.alauda.io/v2beta1", "kind": "ALB2",
        "metadata": {"name": "alb.demo", "namespace": "kube-system"},
        "spec": {"type": "nginx", "config": {
            "networkMode": "bridge",
            "replicas": -1,
            "ingressHTTPPort": 0,
            "metricsPort": 1936,
            "goMonitorPort": 100000,
            "projects": ["ALL_ALL", "", "ALL_ALL"],
            "defaultSSLStrategy": "Sometimes",
            "vip": {"lbSvcIpFamilyPolicy": "DualStack"},
            "gateway": {"mode": "exclusive"},
            "portProjects": "[{\"port\":\"333-113\",\"projects\":[\"p\"]},{\"port\":\"80\"}]"
        }}
    }));
    assert_eq!(
        messages(a.validate()),
        [
            r#"spec.config.networkMode: Unsupported value: "bridge": supported values: "host", "container""#,
            "spec.config.replicas: Invalid value: -1: must be greater than or equal to 0",
            "spec.config.ingressHTTPPort: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.config.goMonitorPort: Invalid value: 100000: must be between 1 and 65535, inclusive",
            "spec.config.projects[1]: Required value",
            r#"spec.config.projects[2]: Duplicate value: "ALL_ALL""#,
            r#"spec.config.defaultSSLStrategy: Unsupported value: "Sometimes": supported values: "Always", "Never", "Request", "Both""#,
            r#"spec.config.vip.lbSvcIpFamilyPolicy: Unsupported value: "DualStack": supported values: "SingleStack", "PreferDualStack", "RequireDualStack""#,
            r#"spec.config.gateway.mode: Unsupported value: "exclusive": supported values: "shared", "standalone""#,
            r#"spec.config.portProjects[0].port: Invalid value: "333-113": must be a port or a range <start>-<end> with 1 <= start < end <= 65535"#,
        ]
    );
    let a = alb2(json!({
        "apiVersion": "crd.alauda.io/v2beta1", "kind": "ALB2",
        "metadata": {"name": "alb"}, "spec": {"config": {"portProjects": "not json"}}
    }));
    let m = messages(a.validate());
    assert_eq!(m.len(), 1);
    assert!(
        m[0].starts_with(
            r#"spec.config.portProjects: Invalid value: "not json": must be a JSON list"#
        ),
        "{m:?}"
    );
}

#[test]
fn alb2_type_is_a_closed_set() {
    let r: Result<Alb2, _> = serde_json::from_value(json!({
        "apiVersion": "crd.alauda.io/v2beta1", "kind": "ALB2",
        "metadata": {"name": "a"}, "spec": {"type": "haproxy"}
    }));
    assert!(r.is_err());
}
