//! Ingress → Rule/Frontend translation: one test per path type, host form and TLS case.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use acp_dsl::ingress::{IngressConfig, SslStrategy, Translation, translate};
use acp_dsl::{Request, RuleInput, RuleSet};
use k8s_openapi::api::networking::v1::Ingress;
use serde_json::{Value, json};

fn ingress(annotations: Value, spec: Value) -> Ingress {
    serde_json::from_value(json!({
        "metadata": {"name": "web", "namespace": "shop", "annotations": annotations},
        "spec": spec,
    }))
    .unwrap()
}

fn one_path(host: Option<&str>, path: &str, path_type: &str) -> Value {
    let mut rule = json!({"http": {"paths": [{"path": path, "pathType": path_type,
        "backend": {"service": {"name": "svc", "port": {"number": 8080}}}}]}});
    if let Some(h) = host {
        rule["host"] = json!(h);
    }
    json!({"rules": [rule]})
}

fn run(ing: &Ingress, cfg: &IngressConfig) -> Translation {
    translate(ing, cfg, &mut |s| {
        format!("R{}{}", s.rule_index, s.path_index)
    })
}

fn cfg() -> IngressConfig {
    IngressConfig::new("alb-demo", "cpaas-system")
}

fn dslx_json(t: &Translation, i: usize) -> Value {
    serde_json::to_value(&t.rules[i].dslx).unwrap()
}

#[test]
fn prefix_path_with_exact_host() {
    let t = run(
        &ingress(json!({}), one_path(Some("a.com"), "/api", "Prefix")),
        &cfg(),
    );
    assert_eq!(t.rules.len(), 1);
    let r = &t.rules[0];
    assert_eq!(r.name, "alb-demo-00080-r00");
    assert_eq!(r.namespace, "cpaas-system");
    assert_eq!(r.frontend, "alb-demo-00080");
    assert_eq!(r.priority, 5);
    assert_eq!(
        dslx_json(&t, 0),
        json!([{"type": "URL", "values": [["STARTS_WITH", "/api"]]},
               {"type": "HOST", "values": [["EQ", "a.com"]]}])
    );
    assert_eq!(r.dsl, "[{[[STARTS_WITH /api]] URL } {[[EQ a.com]] HOST }]");
    assert_eq!(r.description, "shop/web:80:0");
    assert_eq!(r.url, "/api");
    assert_eq!(r.backends[0].port, 8080);
    assert_eq!(r.backends[0].weight, 100);
    assert_eq!(r.backends[0].namespace, "shop");
    assert_eq!(r.labels["alb2.cpaas.io/name"], "alb-demo");
    assert_eq!(r.labels["alb2.cpaas.io/frontend"], "alb-demo-00080");
    assert_eq!(r.labels["alb2.cpaas.io/source-type"], "ingress");
    assert_eq!(r.labels["alb2.cpaas.io/source-index"], "0-0");
    assert_eq!(
        r.annotations["alb2.cpaas.io/source-ingress-rule-index"],
        "0"
    );
    assert_eq!(r.certificate_name, "");
    let ft = t.http.as_ref().unwrap();
    assert_eq!(
        (ft.name.as_str(), ft.port, ft.protocol.as_str()),
        ("alb-demo-00080", 80, "http")
    );
    assert!(t.https.is_none());
}

#[test]
fn exact_path() {
    let t = run(
        &ingress(json!({}), one_path(None, "/login", "Exact")),
        &cfg(),
    );
    assert_eq!(
        dslx_json(&t, 0),
        json!([{"type": "URL", "values": [["EQ", "/login"]]}])
    );
}

#[test]
fn implementation_specific_plain_path_is_a_prefix() {
    let t = run(
        &ingress(
            json!({}),
            one_path(None, "/static", "ImplementationSpecific"),
        ),
        &cfg(),
    );
    assert_eq!(
        dslx_json(&t, 0),
        json!([{"type": "URL", "values": [["STARTS_WITH", "/static"]]}])
    );
}

#[test]
fn implementation_specific_regex_path_gets_an_anchor() {
    let t = run(
        &ingress(
            json!({}),
            one_path(None, "/v[0-9]+/(a|b)", "ImplementationSpecific"),
        ),
        &cfg(),
    );
    assert_eq!(
        dslx_json(&t, 0),
        json!([{"type": "URL", "values": [["REGEX", "^/v[0-9]+/(a|b)"]]}])
    );
    let t = run(
        &ingress(json!({}), one_path(None, "^/x$", "ImplementationSpecific")),
        &cfg(),
    );
    assert_eq!(
        dslx_json(&t, 0),
        json!([{"type": "URL", "values": [["REGEX", "^/x$"]]}])
    );
}

#[test]
fn wildcard_host_is_ends_with() {
    let t = run(
        &ingress(json!({}), one_path(Some("*.app.com"), "/", "Prefix")),
        &cfg(),
    );
    assert_eq!(
        dslx_json(&t, 0),
        json!([{"type": "URL", "values": [["STARTS_WITH", "/"]]},
               {"type": "HOST", "values": [["ENDS_WITH", "*.app.com"]]}])
    );
    // and it routes like ALB
    let set = RuleSet::compile(vec![RuleInput::new(
        &t.rules[0].name,
        Some(5),
        t.rules[0].dslx.clone(),
    )]);
    assert!(
        set.matching(&Request::new("GET", "x.app.com", "/"))
            .is_some()
    );
    assert!(
        set.matching(&Request::new("GET", "y.x.app.com", "/"))
            .is_none()
    );
}

#[test]
fn empty_path_and_no_host_gives_no_terms() {
    let t = run(&ingress(json!({}), one_path(None, "", "Prefix")), &cfg());
    assert_eq!(dslx_json(&t, 0), json!([]));
}

#[test]
fn priority_annotation_per_rule_and_path() {
    let spec = json!({"rules": [{"http": {"paths": [
        {"path": "/a", "pathType": "Prefix", "backend": {"service": {"name": "s", "port": {"number": 1}}}},
        {"path": "/b", "pathType": "Prefix", "backend": {"service": {"name": "s", "port": {"number": 1}}}},
        {"path": "/c", "pathType": "Prefix", "backend": {"service": {"name": "s", "port": {"number": 1}}}}
    ]}}]});
    let t = run(
        &ingress(
            json!({"alb.cpaas.io/ingress-rule-priority-0-1": "2",
                   "alb.cpaas.io/ingress-rule-priority-0-2": "x"}),
            spec,
        ),
        &cfg(),
    );
    let p: Vec<i64> = t.rules.iter().map(|r| r.priority).collect();
    assert_eq!(p, vec![5, 2, 5]);
}

#[test]
fn tls_host_goes_to_443_with_namespaced_cert() {
    let mut spec = one_path(Some("a.com"), "/", "Prefix");
    spec["tls"] = json!([{"hosts": ["a.com"], "secretName": "a-tls"}]);
    let mut c = cfg();
    c.default_ssl_cert = "cpaas-system/default".into();
    let t = run(&ingress(json!({}), spec), &c);
    assert!(t.http.is_none());
    let https = t.https.as_ref().unwrap();
    assert_eq!(https.name, "alb-demo-00443");
    assert_eq!(https.protocol, "https");
    assert_eq!(https.certificate_name, "cpaas-system_default");
    assert_eq!(t.rules.len(), 1);
    assert_eq!(t.rules[0].frontend, "alb-demo-00443");
    assert_eq!(t.rules[0].certificate_name, "shop_a-tls");
    assert_eq!(t.rules[0].description, "shop/web:443:0");
}

#[test]
fn tls_annotation_gives_cert_when_spec_tls_has_none() {
    let t = run(
        &ingress(
            json!({"alb.networking.cpaas.io/tls": "a.com=cpaas-system/dex.tls"}),
            one_path(Some("a.com"), "/", "Prefix"),
        ),
        &cfg(),
    );
    assert!(t.http.is_none());
    assert_eq!(t.rules[0].certificate_name, "cpaas-system/dex.tls");
}

#[test]
fn ssl_strategies() {
    let plain = one_path(Some("a.com"), "/", "Prefix");
    let fts = |strategy: SslStrategy, ann: Value| {
        let mut c = cfg();
        c.default_ssl_strategy = strategy;
        let t = run(&ingress(ann, plain.clone()), &c);
        (t.http.is_some(), t.https.is_some(), t.rules.len())
    };
    assert_eq!(fts(SslStrategy::Request, json!({})), (true, false, 1));
    assert_eq!(
        fts(
            SslStrategy::Request,
            json!({"alb.networking.cpaas.io/enable-https": "true"})
        ),
        (false, true, 1)
    );
    assert_eq!(fts(SslStrategy::Always, json!({})), (false, true, 1));
    assert_eq!(
        fts(
            SslStrategy::Always,
            json!({"alb.networking.cpaas.io/enable-https": "false"})
        ),
        (true, false, 1)
    );
    assert_eq!(fts(SslStrategy::Both, json!({})), (true, true, 2));
    assert_eq!(
        fts(
            SslStrategy::Never,
            json!({"alb.networking.cpaas.io/enable-https": "true"})
        ),
        (true, false, 1)
    );
    // A closed port removes its frontend.
    let mut c = cfg();
    c.default_ssl_strategy = SslStrategy::Both;
    c.https_port = 0;
    let t = run(&ingress(json!({}), plain), &c);
    assert!(t.https.is_none() && t.http.is_some());
}

#[test]
fn default_backend_only_for_ruleless_ingresses() {
    let spec = json!({"defaultBackend": {"service": {"name": "fallback", "port": {"number": 80}}}});
    let t = run(&ingress(json!({}), spec), &cfg());
    assert!(t.rules.is_empty());
    let ft = t.http.as_ref().unwrap();
    assert_eq!(ft.default_backends.len(), 1);
    assert_eq!(ft.default_backends[0].name, "fallback");
    assert_eq!(ft.default_backends[0].weight, 100);

    let mut spec = one_path(None, "/", "Prefix");
    spec["defaultBackend"] = json!({"service": {"name": "fallback", "port": {"number": 80}}});
    let t = run(&ingress(json!({}), spec), &cfg());
    assert!(t.http.as_ref().unwrap().default_backends.is_empty());
    assert_eq!(t.rules.len(), 1);
}

#[test]
fn named_ports_and_bad_backends() {
    let spec = json!({"rules": [{"http": {"paths": [
        {"path": "/a", "pathType": "Prefix", "backend": {"service": {"name": "s", "port": {"name": "web"}}}},
        {"path": "/b", "pathType": "Prefix", "backend": {"service": {"name": "s", "port": {"name": "nope"}}}},
        {"path": "/c", "pathType": "Prefix", "backend": {"resource": {"kind": "Bucket", "name": "b"}}}
    ]}}]});
    let mut c = cfg();
    c.named_ports.insert("s/web".into(), 8443);
    let t = run(&ingress(json!({}), spec), &c);
    assert_eq!(t.rules.len(), 1);
    assert_eq!(t.rules[0].backends[0].port, 8443);
    assert_eq!(t.skipped.len(), 2);
    assert_eq!((t.skipped[0].rule_index, t.skipped[0].path_index), (0, 1));
    let t = run(
        &ingress(
            json!({"nginx.ingress.kubernetes.io/backend-protocol": "GRPC"}),
            one_path(None, "/", "Prefix"),
        ),
        &cfg(),
    );
    assert!(t.rules.is_empty());
    assert_eq!(t.skipped[0].reason, "unsupported backend protocol grpc");
}

#[test]
fn project_label_and_annotations_copied() {
    let mut c = cfg();
    c.project = Some("p1".into());
    let t = run(
        &ingress(
            json!({"nginx.ingress.kubernetes.io/rewrite-target": "/",
                   "nginx.ingress.kubernetes.io/enable-cors": "true",
                   "nginx.ingress.kubernetes.io/backend-protocol": "HTTPS"}),
            one_path(None, "/", "Prefix"),
        ),
        &c,
    );
    let r = &t.rules[0];
    assert_eq!(r.labels["cpaas.io/project"], "p1");
    assert_eq!(r.rewrite_target, "/");
    assert!(r.enable_cors);
    assert_eq!(r.backend_protocol, "https");
}

#[test]
fn rules_without_http_are_skipped_and_exact_host_beats_wildcard() {
    let spec = json!({"rules": [
        {"host": "nohttp.com"},
        {"host": "*.a.com", "http": {"paths": [{"path": "/", "pathType": "Prefix",
            "backend": {"service": {"name": "wild", "port": {"number": 1}}}}]}},
        {"host": "x.a.com", "http": {"paths": [{"path": "/", "pathType": "Prefix",
            "backend": {"service": {"name": "exact", "port": {"number": 1}}}}]}}
    ]});
    let t = run(&ingress(json!({}), spec), &cfg());
    assert_eq!(t.rules.len(), 2);
    let set = RuleSet::compile(
        t.rules
            .iter()
            .map(|r| RuleInput::new(&r.name, Some(r.priority), r.dslx.clone())),
    );
    let hit = set.matching(&Request::new("GET", "x.a.com", "/")).unwrap();
    assert_eq!(hit.name(), "alb-demo-00080-r20");
    let hit = set.matching(&Request::new("GET", "y.a.com", "/")).unwrap();
    assert_eq!(hit.name(), "alb-demo-00080-r10");
}
