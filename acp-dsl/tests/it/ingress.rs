//! Ingress → Rule/Frontend translation: one test per path type, host form and TLS case.

use acp_dsl::acp_model::alb::{BackendService, Frontend, FrontendProtocol, Rule};
use acp_dsl::acp_model::validation::Validate;
use acp_dsl::ingress::{IngressOptions, SslStrategy, Translation, translate};
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

/// Translates, and checks that every object passes the model's validation.
fn run(ing: &Ingress, cfg: &IngressOptions) -> Translation {
    let t = run_unchecked(ing, cfg);
    assert_valid(&t);
    t
}

fn run_unchecked(ing: &Ingress, cfg: &IngressOptions) -> Translation {
    translate(ing, cfg, &mut |s| {
        format!("R{}{}", s.rule_index, s.path_index)
    })
}

fn assert_valid(t: &Translation) {
    for f in t.frontends() {
        let errs = f.validate();
        assert!(errs.is_empty(), "{:?}: {errs}", f.metadata.name);
    }
    for r in &t.rules {
        let errs = r.validate();
        assert!(errs.is_empty(), "{:?}: {errs}", r.metadata.name);
    }
}

fn name(r: &Rule) -> &str {
    r.metadata.name.as_deref().unwrap()
}

fn label<'a>(r: &'a Rule, k: &str) -> &'a str {
    &r.metadata.labels.as_ref().unwrap()[k]
}

fn backends(r: &Rule) -> &[BackendService] {
    r.spec
        .service_group
        .as_ref()
        .unwrap()
        .services
        .as_deref()
        .unwrap()
}

fn ft_backends(f: &Frontend) -> &[BackendService] {
    f.spec
        .service_group
        .as_ref()
        .and_then(|g| g.services.as_deref())
        .unwrap_or(&[])
}

fn cfg() -> IngressOptions {
    IngressOptions::new("alb-demo", "cpaas-system")
}

fn dslx_json(t: &Translation, i: usize) -> Value {
    serde_json::to_value(t.rules[i].spec.dslx.clone().unwrap_or_default()).unwrap()
}

#[test]
fn prefix_path_with_exact_host() {
    let t = run(
        &ingress(json!({}), one_path(Some("a.com"), "/api", "Prefix")),
        &cfg(),
    );
    assert_eq!(t.rules.len(), 1);
    let r = &t.rules[0];
    assert_eq!(name(r), "alb-demo-00080-r00");
    assert_eq!(r.metadata.namespace.as_deref(), Some("cpaas-system"));
    assert_eq!(r.frontend_name(), Some("alb-demo-00080"));
    assert_eq!(r.spec.priority, Some(5));
    assert_eq!(
        dslx_json(&t, 0),
        json!([{"type": "URL", "values": [["STARTS_WITH", "/api"]]},
               {"type": "HOST", "values": [["EQ", "a.com"]]}])
    );
    assert_eq!(
        r.spec.dsl.as_deref(),
        Some("[{[[STARTS_WITH /api]] URL } {[[EQ a.com]] HOST }]")
    );
    assert_eq!(r.spec.description.as_deref(), Some("shop/web:80:0"));
    assert_eq!(r.spec.url.as_deref(), Some("/api"));
    assert_eq!(backends(r)[0].port, Some(8080));
    assert_eq!(backends(r)[0].weight, Some(100));
    assert_eq!(backends(r)[0].namespace.as_deref(), Some("shop"));
    assert_eq!(label(r, "alb2.cpaas.io/name"), "alb-demo");
    assert_eq!(label(r, "alb2.cpaas.io/frontend"), "alb-demo-00080");
    assert_eq!(label(r, "alb2.cpaas.io/source-type"), "ingress");
    assert_eq!(label(r, "alb2.cpaas.io/source-index"), "0-0");
    assert_eq!(
        r.metadata.annotations.as_ref().unwrap()["alb2.cpaas.io/source-ingress-rule-index"],
        "0"
    );
    assert_eq!(r.spec.certificate_name.as_deref(), Some(""));
    let ft = t.http.as_ref().unwrap();
    assert_eq!(
        (
            ft.metadata.name.as_deref(),
            ft.spec.port,
            ft.spec.protocol.clone()
        ),
        (
            Some("alb-demo-00080"),
            Some(80),
            Some(FrontendProtocol::Http)
        )
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
    let set = RuleSet::compile(vec![RuleInput::from(&t.rules[0])]);
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
    let p: Vec<Option<i64>> = t.rules.iter().map(|r| r.spec.priority).collect();
    assert_eq!(p, vec![Some(5), Some(2), Some(5)]);
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
    assert_eq!(https.metadata.name.as_deref(), Some("alb-demo-00443"));
    assert_eq!(https.spec.protocol, Some(FrontendProtocol::Https));
    assert_eq!(
        https.spec.certificate_name.as_deref(),
        Some("cpaas-system_default")
    );
    assert_eq!(t.rules.len(), 1);
    assert_eq!(t.rules[0].frontend_name(), Some("alb-demo-00443"));
    assert_eq!(
        t.rules[0].spec.certificate_name.as_deref(),
        Some("shop_a-tls")
    );
    assert_eq!(
        t.rules[0].spec.description.as_deref(),
        Some("shop/web:443:0")
    );
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
    assert_eq!(
        t.rules[0].spec.certificate_name.as_deref(),
        Some("cpaas-system/dex.tls")
    );
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
    assert_eq!(ft_backends(ft).len(), 1);
    assert_eq!(ft_backends(ft)[0].name.as_deref(), Some("fallback"));
    assert_eq!(ft_backends(ft)[0].weight, Some(100));

    let mut spec = one_path(None, "/", "Prefix");
    spec["defaultBackend"] = json!({"service": {"name": "fallback", "port": {"number": 80}}});
    let t = run(&ingress(json!({}), spec), &cfg());
    assert!(ft_backends(t.http.as_ref().unwrap()).is_empty());
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
    assert_eq!(backends(&t.rules[0])[0].port, Some(8443));
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
    assert_eq!(label(r, "cpaas.io/project"), "p1");
    assert_eq!(r.spec.rewrite_target.as_deref(), Some("/"));
    assert_eq!(r.spec.enable_cors, Some(true));
    assert_eq!(r.spec.backend_protocol.as_deref(), Some("https"));
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
    let set = RuleSet::compile(t.rules.iter().map(RuleInput::from));
    let hit = set.matching(&Request::new("GET", "x.a.com", "/")).unwrap();
    assert_eq!(hit.name(), "alb-demo-00080-r20");
    let hit = set.matching(&Request::new("GET", "y.a.com", "/")).unwrap();
    assert_eq!(hit.name(), "alb-demo-00080-r10");
}

#[test]
fn objects_serialise_as_alb_writes_them() {
    // Go fields without `omitempty` are written empty; `rewrite_target` (omitempty) is not.
    let t = run(
        &ingress(json!({}), one_path(Some("a.com"), "/api", "Prefix")),
        &cfg(),
    );
    assert_eq!(
        serde_json::to_value(&t.rules[0]).unwrap(),
        json!({
            "apiVersion": "crd.alauda.io/v1",
            "kind": "Rule",
            "metadata": {
                "name": "alb-demo-00080-r00",
                "namespace": "cpaas-system",
                "labels": {
                    "alb2.cpaas.io/name": "alb-demo",
                    "alb2.cpaas.io/frontend": "alb-demo-00080",
                    "alb2.cpaas.io/source-type": "ingress",
                    "alb2.cpaas.io/source-name": "web",
                    "alb2.cpaas.io/source-ns": "shop",
                    "alb2.cpaas.io/source-index": "0-0"
                },
                "annotations": {
                    "alb2.cpaas.io/source-ingress-path-index": "0",
                    "alb2.cpaas.io/source-ingress-rule-index": "0"
                }
            },
            "spec": {
                "type": "",
                "description": "shop/web:80:0",
                "domain": "a.com",
                "dsl": "[{[[STARTS_WITH /api]] URL } {[[EQ a.com]] HOST }]",
                "dslx": [
                    {"type": "URL", "values": [["STARTS_WITH", "/api"]]},
                    {"type": "HOST", "values": [["EQ", "a.com"]]}
                ],
                "priority": 5,
                "url": "/api",
                "rewrite_base": "/api",
                "certificate_name": "",
                "enableCORS": false,
                "corsAllowHeaders": "",
                "corsAllowOrigin": "",
                "backendProtocol": "",
                "redirectURL": "",
                "vhost": "",
                "redirectCode": 0,
                "serviceGroup": {"services": [
                    {"name": "svc", "namespace": "shop", "port": 8080, "weight": 100}
                ]},
                "source": {"type": "ingress", "name": "web", "namespace": "shop"},
                "config": {}
            }
        })
    );
    assert_eq!(
        serde_json::to_value(t.http.as_ref().unwrap()).unwrap(),
        json!({
            "apiVersion": "crd.alauda.io/v1",
            "kind": "Frontend",
            "metadata": {
                "name": "alb-demo-00080",
                "namespace": "cpaas-system",
                "labels": {"alb2.cpaas.io/name": "alb-demo"}
            },
            "spec": {
                "backendProtocol": "",
                "certificate_name": "",
                "port": 80,
                "protocol": "http",
                "source": {"type": "ingress", "name": "web", "namespace": "shop"}
            }
        })
    );

    // No path and no host: `dslx` is Go's nil (`null`, pruned by the API server), so absent;
    // `url` is written, `rewrite_base` (omitempty) is not.
    let t = run(&ingress(json!({}), one_path(None, "", "Prefix")), &cfg());
    let spec = serde_json::to_value(&t.rules[0].spec).unwrap();
    assert!(spec.get("dslx").is_none() && spec.get("rewrite_base").is_none());
    assert_eq!(
        (&spec["dsl"], &spec["url"], &spec["domain"]),
        (&json!("[]"), &json!(""), &json!(""))
    );
}

#[test]
fn default_backend_frontends_carry_the_service_group() {
    let spec = json!({"defaultBackend": {"service": {"name": "fallback", "port": {"number": 80}}}});
    let mut c = cfg();
    c.default_ssl_strategy = SslStrategy::Both;
    c.default_ssl_cert = "cpaas-system/default".into();
    let t = run(
        &ingress(
            json!({"nginx.ingress.kubernetes.io/backend-protocol": "HTTP"}),
            spec,
        ),
        &c,
    );
    // A rule-less ingress needs only HTTP, whatever the strategy.
    assert!(t.https.is_none());
    let ft = serde_json::to_value(t.http.as_ref().unwrap()).unwrap();
    assert_eq!(
        ft["spec"],
        json!({
            "backendProtocol": "http",
            "certificate_name": "",
            "port": 80,
            "protocol": "http",
            "serviceGroup": {"services": [
                {"name": "fallback", "namespace": "shop", "port": 80, "weight": 100}
            ]},
            "source": {"type": "ingress", "name": "web", "namespace": "shop"}
        })
    );
}

#[test]
fn every_object_of_a_busy_ingress_is_valid() {
    let svc = |n: &str| json!({"service": {"name": n, "port": {"number": 8080}}});
    let spec = json!({
        "tls": [{"hosts": ["secure.com"], "secretName": "secure-tls"}],
        "rules": [
            {"host": "secure.com", "http": {"paths": [
                {"path": "/", "pathType": "Prefix", "backend": svc("a")},
                {"path": "/v[0-9]+", "pathType": "ImplementationSpecific", "backend": svc("b")}
            ]}},
            {"host": "*.wild.com", "http": {"paths": [
                {"path": "/exact", "pathType": "Exact", "backend": svc("c")}
            ]}},
            {"http": {"paths": [{"pathType": "Prefix", "backend": svc("d")}]}}
        ]
    });
    let mut c = cfg();
    c.default_ssl_strategy = SslStrategy::Both;
    c.default_ssl_cert = "cpaas-system/default".into();
    c.project = Some("p1".into());
    let t = run_unchecked(
        &ingress(
            json!({"alb.cpaas.io/ingress-rule-priority-0-1": "1",
                   "nginx.ingress.kubernetes.io/rewrite-target": "/$1",
                   "nginx.ingress.kubernetes.io/enable-cors": "true",
                   "nginx.ingress.kubernetes.io/cors-allow-origin": "*",
                   "nginx.ingress.kubernetes.io/upstream-vhost": "internal",
                   "nginx.ingress.kubernetes.io/backend-protocol": "https"}),
            spec,
        ),
        &c,
    );
    // Both ports: secure.com has TLS, the others get both under `Both`.
    assert_eq!(t.frontends().count(), 2);
    assert_eq!(t.rules.len(), 8);
    for f in t.frontends() {
        assert_eq!(f.validate().to_string(), "", "{:?}", f.metadata.name);
    }
    for r in &t.rules {
        assert_eq!(r.validate().to_string(), "", "{}", name(r));
        // The matching side reads every generated rule, except the one without path and host:
        // ALB creates it with no `dslx` and then refuses it ("rule without matcher", alauda/alb
        // `controller/cli/policy_l7.go`, `InternalRuleToL7Policy`).
        let set = RuleSet::compile([RuleInput::from(r)]);
        if label(r, "alb2.cpaas.io/source-index") == "2-0" {
            assert!(r.spec.dslx.is_none());
            assert_eq!(
                set.rejected()[0].errors.to_string(),
                "spec.dslx: Required value: at least one term is required \
                 (ALB never matches a rule without dslx)"
            );
        } else {
            assert!(set.rejected().is_empty(), "{:?}", set.rejected());
        }
    }
    let secure = t
        .rules
        .iter()
        .find(|r| {
            r.frontend_name() == Some("alb-demo-00443")
                && label(r, "alb2.cpaas.io/source-index") == "0-1"
        })
        .unwrap();
    assert_eq!(
        secure.spec.certificate_name.as_deref(),
        Some("shop_secure-tls")
    );
    assert_eq!(secure.spec.priority, Some(1));
    assert_eq!(secure.spec.vhost.as_deref(), Some("internal"));
    assert_eq!(secure.spec.cors_allow_origin.as_deref(), Some("*"));
}

#[test]
fn tls_without_secret_name_gives_a_rule_validation_rejects() {
    // ALB writes `<ns>_` for a TLS entry without `secretName` (GenerateRule); the translation
    // keeps that, and the model's validation reports the broken certificate reference.
    let mut spec = one_path(Some("a.com"), "/", "Prefix");
    spec["tls"] = json!([{"hosts": ["a.com"]}]);
    let t = run_unchecked(&ingress(json!({}), spec), &cfg());
    let r = &t.rules[0];
    assert_eq!(r.spec.certificate_name.as_deref(), Some("shop_"));
    assert_eq!(
        r.validate().to_string(),
        "spec.certificate_name: Invalid value: \"shop_\": must be <secret namespace>/<secret name>"
    );
    assert!(t.https.as_ref().unwrap().validate().is_empty());
}
