//! Ingress → Rules/Frontends translation, as ALB's leader does it.
//!
//! "We will create Rule for each path in the Ingress" and "if Ingress has certificate we will
//! create FT 443 (HTTPS), if Ingress has no certificate we will create FT 80 (HTTP)".
//! The details follow alauda/alb
// seed 001:1284-1304
//! `ingress/ingress_sync.go` (`generateExpect`, `generateExpectFrontend`, `GenerateRule`,
//! `GetDSLX`), `ingress/need.go` (`getIngressFtTypes`), `ingress/util/util.go`
//! (`ParseSSLAnnotation`) and `ingress/const.go`:
//!
//! * one Rule per (rule index, path index, frontend); rules without `http` are skipped;
//! * `Exact` → `URL EQ`, `Prefix` → `URL STARTS_WITH`, `ImplementationSpecific` (or no path
//!   type) → `URL REGEX` (with `^` prepended when missing) if the path holds one of
//!   `^$():?[]*\`, else `URL STARTS_WITH`; an empty path gives no `URL` term;
//! * host `*.x` → `HOST ENDS_WITH *.x`, any other non-empty host → `HOST EQ`;
//! * priority 5 unless `alb.<domain>/ingress-rule-priority-<rule>-<path>` holds a non-zero
//!   integer; as in ALB, a number beyond 64 bits gives `i64::MAX` (or `i64::MIN`), the value Go's
//!   `strconv.ParseInt` returns with its range error;
//! * frontends `<alb>-00080` (http) and `<alb>-00443` (https), chosen per rule host by TLS, the
//!   `alb.networking.<domain>/tls` annotation, the default SSL strategy and
//!   `alb.networking.<domain>/enable-https`;
//! * certificate names `<ns>_<secret>` from `spec.tls` (the annotation's `host=ns/name` entries
//!   only where `spec.tls` has none);
//! * the default backend only for rule-less ingresses: no Rule, the Frontends' `serviceGroup`.
//!
//! The result is a [`Translation`] of real `crd.alauda.io/v1` objects
//! ([`acp_model::alb::Frontend`], [`acp_model::alb::Rule`]) with `metadata` and `spec` as ALB
//! writes them, ready to serialise for `kubectl apply` or kube-rs; each passes the model's
//! [`Validate`](acp_model::validation::Validate) unless the Ingress itself is broken (a TLS entry
//! without `secretName` gives ALB's certificate name `<ns>_`, which validation reports).
//!
//! Rule names are `<frontend>-<suffix>` lower-cased, with the suffix supplied by the caller (ALB
//! draws four random characters). Backend ports given by name are resolved through
//! [`IngressOptions::named_ports`] (ALB reads the Service).

use std::collections::BTreeMap;

use acp_model::alb::{
    BackendService, DslxTerm, Frontend, FrontendProtocol, FrontendSpec, Rule, RuleConfig, RuleSpec,
    ServiceGroup, Source, SourceType, frontend_name,
};
use k8s_openapi::api::networking::v1::{
    HTTPIngressPath, Ingress, IngressRule, IngressSpec, IngressTLS, ServiceBackendPort,
};

/// ALB's default SSL strategy setting (`ingress/const.go`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SslStrategy {
    /// HTTPS only, for every ingress not opting out with `enable-https: "false"`.
    Always,
    /// HTTP only.
    Never,
    /// HTTP, unless the ingress says `enable-https: "true"` (ALB's default).
    #[default]
    Request,
    /// Both HTTP and HTTPS, unless the ingress opts out.
    Both,
}

/// What the translating ALB knows about itself.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct IngressOptions {
    /// The ALB2 name (`alb-demo`).
    pub alb_name: String,
    /// The ALB2 namespace (where Frontends and Rules are created).
    pub alb_namespace: String,
    /// The label/annotation domain (`cpaas.io`).
    pub domain: String,
    /// The ingress HTTP port (80); 0 disables HTTP.
    pub http_port: u16,
    /// The ingress HTTPS port (443); 0 disables HTTPS.
    pub https_port: u16,
    /// The default SSL strategy.
    pub default_ssl_strategy: SslStrategy,
    /// The default certificate `ns/name` (written `ns_name` on the HTTPS Frontend).
    pub default_ssl_cert: String,
    /// The project label value for created Rules, if any.
    pub project: Option<String>,
    /// Service port numbers by `"<service>/<port name>"`, for backends that name their port.
    pub named_ports: BTreeMap<String, i32>,
}

impl IngressOptions {
    /// Sets [`alb_name`](IngressOptions::alb_name).
    #[must_use]
    pub fn with_alb_name(mut self, alb_name: impl Into<String>) -> Self {
        self.alb_name = alb_name.into();
        self
    }

    /// Sets [`alb_namespace`](IngressOptions::alb_namespace).
    #[must_use]
    pub fn with_alb_namespace(mut self, alb_namespace: impl Into<String>) -> Self {
        self.alb_namespace = alb_namespace.into();
        self
    }

    /// Sets [`domain`](IngressOptions::domain).
    #[must_use]
    pub fn with_domain(mut self, domain: impl Into<String>) -> Self {
        self.domain = domain.into();
        self
    }

    /// Sets [`http_port`](IngressOptions::http_port).
    #[must_use]
    pub fn with_http_port(mut self, http_port: u16) -> Self {
        self.http_port = http_port;
        self
    }

    /// Sets [`https_port`](IngressOptions::https_port).
    #[must_use]
    pub fn with_https_port(mut self, https_port: u16) -> Self {
        self.https_port = https_port;
        self
    }

    /// Sets [`default_ssl_strategy`](IngressOptions::default_ssl_strategy).
    #[must_use]
    pub fn with_default_ssl_strategy(mut self, default_ssl_strategy: SslStrategy) -> Self {
        self.default_ssl_strategy = default_ssl_strategy;
        self
    }

    /// Sets [`default_ssl_cert`](IngressOptions::default_ssl_cert).
    #[must_use]
    pub fn with_default_ssl_cert(mut self, default_ssl_cert: impl Into<String>) -> Self {
        self.default_ssl_cert = default_ssl_cert.into();
        self
    }

    /// Sets [`project`](IngressOptions::project).
    #[must_use]
    pub fn with_project(mut self, project: Option<String>) -> Self {
        self.project = project;
        self
    }

    /// Sets [`named_ports`](IngressOptions::named_ports).
    #[must_use]
    pub fn with_named_ports(mut self, named_ports: BTreeMap<String, i32>) -> Self {
        self.named_ports = named_ports;
        self
    }
}

impl IngressOptions {
    /// Defaults of an ALB named `alb_name` in `alb_namespace`: domain `cpaas.io`, ports 80/443,
    /// strategy `Request`, no default certificate.
    pub fn new(alb_name: &str, alb_namespace: &str) -> IngressOptions {
        IngressOptions {
            alb_name: alb_name.to_owned(),
            alb_namespace: alb_namespace.to_owned(),
            domain: "cpaas.io".to_owned(),
            http_port: 80,
            https_port: 443,
            default_ssl_strategy: SslStrategy::Request,
            default_ssl_cert: String::new(),
            project: None,
            named_ports: BTreeMap::new(),
        }
    }

    fn ft_name(&self, port: u16) -> String {
        frontend_name(&self.alb_name, port)
    }
}

/// A path that produced no Rule, and why (ALB logs and skips these).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Index in `spec.rules`.
    pub rule_index: usize,
    /// Index in `http.paths`.
    pub path_index: usize,
    /// Why.
    pub reason: String,
}

/// Everything an ingress translates to: `crd.alauda.io/v1` objects ready to apply.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Translation {
    /// The HTTP Frontend, when needed.
    pub http: Option<Frontend>,
    /// The HTTPS Frontend, when needed.
    pub https: Option<Frontend>,
    /// The HTTP rules, then the HTTPS rules, each in (rule index, path index) order.
    pub rules: Vec<Rule>,
    /// Paths without a Rule.
    pub skipped: Vec<Skipped>,
}

impl Translation {
    /// The Frontends: HTTP, then HTTPS.
    pub fn frontends(&self) -> impl Iterator<Item = &Frontend> {
        self.http.iter().chain(self.https.iter())
    }
}

/// `host=ns/name,host2=ns/name2` (ALB `ParseSSLAnnotation`: any malformed or conflicting entry
/// discards the whole annotation).
pub fn parse_ssl_annotation(s: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if s.is_empty() {
        return out;
    }
    for part in s.split(',') {
        let kv: Vec<&str> = part.trim().split('=').collect();
        let [k, v] = kv.as_slice() else {
            return BTreeMap::new();
        };
        if let Some(old) = out.get(*k)
            && old != v
        {
            return BTreeMap::new();
        }
        out.insert((*k).to_owned(), (*v).to_owned());
    }
    out
}

/// The `dslx` ALB generates for a host and path (ALB `GetDSLX`).
pub fn dslx_for(host: &str, path: &str, path_type: &str) -> Vec<DslxTerm> {
    let url = |op: &str, v: String| DslxTerm::new("URL", vec![vec![op.to_owned(), v]]);
    let mut out = Vec::new();
    if !path.is_empty() {
        match path_type {
            "Exact" => out.push(url("EQ", path.to_owned())),
            "Prefix" => out.push(url("STARTS_WITH", path.to_owned())),
            _ => {
                if path.contains(['^', '$', '(', ')', ':', '?', '[', ']', '*', '\\']) {
                    let re = if path.starts_with('^') {
                        path.to_owned()
                    } else {
                        format!("^{path}")
                    };
                    out.push(url("REGEX", re));
                } else {
                    out.push(url("STARTS_WITH", path.to_owned()));
                }
            }
        }
    }
    if !host.is_empty() {
        let op = if host.starts_with('*') {
            "ENDS_WITH"
        } else {
            "EQ"
        };
        out.push(DslxTerm::new(
            "HOST",
            vec![vec![op.to_owned(), host.to_owned()]],
        ));
    }
    out
}

/// Go's `fmt.Sprintf("%v", dslx)` (ALB's `spec.dsl` searchable string).
pub fn go_fmt_dslx(dslx: &[DslxTerm]) -> String {
    let terms: Vec<String> = dslx
        .iter()
        .map(|t| {
            let rows: Vec<String> = t
                .values
                .iter()
                .map(|r| format!("[{}]", r.join(" ")))
                .collect();
            format!(
                "{{[{}] {} {}}}",
                rows.join(" "),
                t.kind,
                t.key.as_deref().unwrap_or("")
            )
        })
        .collect();
    format!("[{}]", terms.join(" "))
}

fn resolve_port(cfg: &IngressOptions, svc: &str, port: Option<&ServiceBackendPort>) -> Option<i64> {
    let p = port?;
    match p.number {
        Some(n) if n != 0 => Some(i64::from(n)),
        _ => {
            let name = p.name.as_deref()?;
            cfg.named_ports
                .get(&format!("{svc}/{name}"))
                .map(|n| i64::from(*n))
        }
    }
}

/// The identity of one generated rule, for the caller's name suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleSlot<'a> {
    /// The frontend name.
    pub frontend: &'a str,
    /// Index in `spec.rules`.
    pub rule_index: usize,
    /// Index in `http.paths`.
    pub path_index: usize,
}

/// One `serviceGroup.services` entry: weight 100, as ALB writes it.
fn backend(namespace: &str, name: &str, port: i64) -> ServiceGroup {
    ServiceGroup {
        services: Some(vec![BackendService {
            name: Some(name.to_owned()),
            namespace: Some(namespace.to_owned()),
            port: Some(port),
            weight: Some(100),
        }]),
        ..ServiceGroup::default()
    }
}

/// `Some(s)` unless `s` is empty: for Go fields tagged `omitempty`.
fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

/// Translates one ingress. `suffix` supplies the random part of each rule name.
///
/// The objects are what ALB creates, field for field: Go fields without `omitempty` are written
/// even when empty (`certificate_name: ""`, `enableCORS: false`, `redirectCode: 0`, …), fields
/// with it (`rewrite_base`, `rewrite_target`, `serviceGroup`) only when set; an empty `dslx`
/// (Go's `null`, which the API server prunes) is left out. Not reproduced: owner references
/// (they need the UIDs of the ALB2 and Frontend objects), the `config` filled from the
/// `alb.ingress.<domain>/*` extension annotations (ALB writes `config: {}` without them), and the
/// reuse of an existing Frontend of the same port.
///
/// ```
/// use acp_dsl::acp_model::alb::FrontendProtocol;
/// use acp_dsl::acp_model::validation::Validate;
/// use acp_dsl::ingress::{translate, IngressOptions};
/// let ing: k8s_openapi::api::networking::v1::Ingress = serde_json::from_value(serde_json::json!({
///   "metadata": {"name": "hello-world", "namespace": "default"},
///   "spec": {"rules": [{"http": {"paths": [{"path": "/", "pathType": "Prefix",
///     "backend": {"service": {"name": "hello-world", "port": {"number": 80}}}}]}}]}
/// })).unwrap();
/// let t = translate(&ing, &IngressOptions::new("alb-demo", "cpaas-system"), &mut |_| "abcd".into());
/// let http = t.http.as_ref().unwrap();
/// assert_eq!(http.metadata.name.as_deref(), Some("alb-demo-00080"));
/// assert_eq!(http.spec.protocol, Some(FrontendProtocol::Http));
/// assert!(t.https.is_none());
/// let rule = &t.rules[0];
/// assert_eq!(rule.metadata.name.as_deref(), Some("alb-demo-00080-abcd"));
/// assert_eq!(rule.frontend_name(), Some("alb-demo-00080"));
/// assert_eq!(rule.spec.priority, Some(5));
/// assert_eq!(rule.spec.dsl.as_deref(), Some("[{[[STARTS_WITH /]] URL }]"));
/// assert!(http.validate().is_empty() && rule.validate().is_empty());
/// // Ready to send: apiVersion and kind come with the type.
/// let json = serde_json::to_value(rule).unwrap();
/// assert_eq!((json["apiVersion"].as_str(), json["kind"].as_str()), (Some("crd.alauda.io/v1"), Some("Rule")));
/// ```
// DEVIATION: rule names take a caller-supplied suffix instead of ALB's random one, and backend
// ports given by name must be resolved by the caller (ALB reads the Service).
pub fn translate(
    ingress: &Ingress,
    cfg: &IngressOptions,
    suffix: &mut dyn FnMut(RuleSlot<'_>) -> String,
) -> Translation {
    let ns = ingress.metadata.namespace.clone().unwrap_or_default();
    let name = ingress.metadata.name.clone().unwrap_or_default();
    let empty = BTreeMap::new();
    let annotations = ingress.metadata.annotations.as_ref().unwrap_or(&empty);
    let ann = |k: &str| annotations.get(k).map(String::as_str).unwrap_or("");
    let d = &cfg.domain;
    let spec = ingress.spec.clone().unwrap_or_default();
    let rules = spec.rules.clone().unwrap_or_default();
    let tls = spec.tls.clone().unwrap_or_default();
    let source = Source {
        kind: Some(SourceType::Ingress),
        name: Some(name.clone()),
        namespace: Some(ns.clone()),
    };

    let ssl_map = parse_ssl_annotation(ann(&format!("alb.networking.{d}/tls")));
    let has_default_backend = rules.is_empty()
        && spec
            .default_backend
            .as_ref()
            .is_some_and(|b| b.resource.is_none() && b.service.is_some());
    let (need_http, need_https) = get_ingress_ft_types(
        cfg,
        &rules,
        &tls,
        &ssl_map,
        ann(&format!("alb.networking.{d}/enable-https")),
        has_default_backend,
    );
    let alb_label = format!("alb2.{d}/name");
    let mut out = Translation {
        http: need_http.then(|| {
            generate_expect_frontend(
                cfg,
                cfg.http_port,
                FrontendProtocol::Http,
                String::new(),
                &source,
            )
        }),
        https: need_https.then(|| {
            generate_expect_frontend(
                cfg,
                cfg.https_port,
                FrontendProtocol::Https,
                cfg.default_ssl_cert.replace('/', "_"),
                &source,
            )
        }),
        ..Translation::default()
    };

    let backend_protocol = ann("nginx.ingress.kubernetes.io/backend-protocol").to_lowercase();
    if has_default_backend {
        set_default_backend(&mut out, &spec, cfg, &ns, &backend_protocol);
    }

    let ctx = RuleContext {
        cfg,
        ns: &ns,
        name: &name,
        annotations,
        source: &source,
        certs: ingress_certificates(&ns, &tls, &ssl_map),
        backend_protocol: &backend_protocol,
        alb_label: &alb_label,
    };
    let mut frontends: Vec<(String, u16)> = Vec::new();
    if need_http {
        frontends.push((cfg.ft_name(cfg.http_port), cfg.http_port));
    }
    if need_https {
        frontends.push((cfg.ft_name(cfg.https_port), cfg.https_port));
    }
    for (ft_name, ft_port) in &frontends {
        for (ri, r) in rules.iter().enumerate() {
            let Some(http) = &r.http else { continue };
            let host = r.host.as_deref().unwrap_or("");
            for (pi, p) in http.paths.iter().enumerate() {
                let slot = RuleSlot {
                    frontend: ft_name,
                    rule_index: ri,
                    path_index: pi,
                };
                match generate_rule(&ctx, slot, *ft_port, host, p, suffix) {
                    Ok(rule) => out.rules.push(rule),
                    Err(reason) => out.skipped.push(Skipped {
                        rule_index: ri,
                        path_index: pi,
                        reason,
                    }),
                }
            }
        }
    }
    out
}

/// The default backend part of ALB `generateExpectFrontend`: a rule-less ingress's backend
/// becomes the frontends' `serviceGroup`.
fn set_default_backend(
    out: &mut Translation,
    spec: &IngressSpec,
    cfg: &IngressOptions,
    ns: &str,
    backend_protocol: &str,
) {
    if let Some(svc) = spec
        .default_backend
        .as_ref()
        .and_then(|b| b.service.as_ref())
    {
        match resolve_port(cfg, &svc.name, svc.port.as_ref()) {
            Some(port) => {
                let group = backend(ns, &svc.name, port);
                for f in [out.http.as_mut(), out.https.as_mut()]
                    .into_iter()
                    .flatten()
                {
                    f.spec.service_group = Some(group.clone());
                    f.spec.backend_protocol = Some(backend_protocol.to_owned());
                }
            }
            None => out.skipped.push(Skipped {
                rule_index: 0,
                path_index: 0,
                reason: format!(
                    "default backend: cannot resolve the port of service {}",
                    svc.name
                ),
            }),
        }
    }
}

/// ALB `getIngressFtTypes`: whether the ingress needs the HTTP and the HTTPS frontend, chosen
/// per rule host by TLS, the `tls` annotation (`ssl_map`), the default SSL strategy and the
/// `enable-https` annotation (`ing_strategy`).
fn get_ingress_ft_types(
    cfg: &IngressOptions,
    rules: &[IngressRule],
    tls: &[IngressTLS],
    ssl_map: &BTreeMap<String, String>,
    ing_strategy: &str,
    has_default_backend: bool,
) -> (bool, bool) {
    let mut need_http = has_default_backend;
    let mut need_https = false;
    for r in rules {
        let host = r.host.as_deref().unwrap_or("");
        let mut found_tls = false;
        for t in tls {
            for h in t.hosts.iter().flatten() {
                if h.eq_ignore_ascii_case(host) {
                    need_https = true;
                    found_tls = true;
                }
            }
        }
        if ssl_map
            .iter()
            .any(|(h, c)| h.to_lowercase() == host.to_lowercase() && !c.is_empty())
        {
            need_https = true;
            found_tls = true;
        }
        if !found_tls {
            match cfg.default_ssl_strategy {
                SslStrategy::Both if ing_strategy != "false" => {
                    need_http = true;
                    need_https = true;
                }
                SslStrategy::Always if ing_strategy != "false" => need_https = true,
                SslStrategy::Request if ing_strategy == "true" => need_https = true,
                _ => need_http = true,
            }
        }
    }
    if cfg.http_port == 0 {
        need_http = false;
    }
    if cfg.https_port == 0 {
        need_https = false;
    }
    (need_http, need_https)
}

/// ALB `generateExpectFrontend`: `certificate_name` and `backendProtocol` have no `omitempty`.
fn generate_expect_frontend(
    cfg: &IngressOptions,
    port: u16,
    protocol: FrontendProtocol,
    cert: String,
    source: &Source,
) -> Frontend {
    let mut f = Frontend::new(
        &cfg.ft_name(port),
        FrontendSpec {
            backend_protocol: Some(String::new()),
            certificate_name: Some(cert),
            port: Some(i32::from(port)),
            protocol: Some(protocol),
            service_group: None,
            source: Some(source.clone()),
            config: None,
        },
    );
    f.metadata.namespace = Some(cfg.alb_namespace.clone());
    f.metadata.labels = Some(BTreeMap::from([(
        format!("alb2.{}/name", cfg.domain),
        cfg.alb_name.clone(),
    )]));
    f
}

/// The certificates of `GenerateRule`, by lower-cased host: `spec.tls` first, then the `tls`
/// annotation where `spec.tls` names none.
fn ingress_certificates(
    ns: &str,
    tls: &[IngressTLS],
    ssl_map: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let mut certs: BTreeMap<String, String> = BTreeMap::new();
    for t in tls {
        for h in t.hosts.iter().flatten() {
            certs.insert(
                h.to_lowercase(),
                format!("{ns}_{}", t.secret_name.as_deref().unwrap_or("")),
            );
        }
    }
    for (h, c) in ssl_map {
        let k = h.to_lowercase();
        if certs.get(&k).is_none_or(String::is_empty) {
            certs.insert(k, c.clone());
        }
    }
    certs
}

/// What every Rule of one ingress shares.
struct RuleContext<'a> {
    cfg: &'a IngressOptions,
    ns: &'a str,
    name: &'a str,
    annotations: &'a BTreeMap<String, String>,
    source: &'a Source,
    certs: BTreeMap<String, String>,
    backend_protocol: &'a str,
    alb_label: &'a str,
}

impl RuleContext<'_> {
    fn ann(&self, k: &str) -> &str {
        self.annotations.get(k).map(String::as_str).unwrap_or("")
    }
}

/// ALB `GenerateRule`: the Rule of one path on one frontend, or why the path gets none.
fn generate_rule(
    ctx: &RuleContext<'_>,
    slot: RuleSlot<'_>,
    ft_port: u16,
    host: &str,
    p: &HTTPIngressPath,
    suffix: &mut dyn FnMut(RuleSlot<'_>) -> String,
) -> Result<Rule, String> {
    let (cfg, ns, name, d) = (ctx.cfg, ctx.ns, ctx.name, &ctx.cfg.domain);
    let (ft_name, ri, pi) = (slot.frontend, slot.rule_index, slot.path_index);
    let backend_protocol = ctx.backend_protocol;
    if !backend_protocol.is_empty() && backend_protocol != "http" && backend_protocol != "https" {
        return Err(format!("unsupported backend protocol {backend_protocol}"));
    }
    let Some(svc) = &p.backend.service else {
        return Err("the backend is not a service".into());
    };
    let Some(port) = resolve_port(cfg, &svc.name, svc.port.as_ref()) else {
        return Err(format!("cannot resolve the port of service {}", svc.name));
    };
    let mut priority = 5;
    let pkey = format!("alb.{d}/ingress-rule-priority-{ri}-{pi}");
    let v = go_parse_int_value(ctx.ann(&pkey));
    if v != 0 {
        priority = v;
    }
    let url = p.path.clone().unwrap_or_default();
    let path_type = p.path_type.as_str();
    let dslx = dslx_for(host, &url, path_type);
    let mut labels = BTreeMap::from([
        (ctx.alb_label.to_owned(), cfg.alb_name.clone()),
        (format!("alb2.{d}/frontend"), ft_name.to_owned()),
        (format!("alb2.{d}/source-type"), "ingress".to_owned()),
        (format!("alb2.{d}/source-name"), cut(name, 63)),
        (format!("alb2.{d}/source-ns"), cut(ns, 63)),
        (format!("alb2.{d}/source-index"), format!("{ri}-{pi}")),
    ]);
    if let Some(project) = &cfg.project {
        labels.insert(format!("{d}/project"), project.clone());
    }
    // `rewrite_base`, `rewrite_target` are the only `omitempty` strings of alauda/alb `RuleSpec`.
    let rule_spec = RuleSpec {
        kind: Some(String::new()),
        description: Some(format!("{ns}/{name}:{ft_port}:{pi}")),
        domain: Some(host.to_owned()),
        dsl: Some(go_fmt_dslx(&dslx)),
        dslx: (!dslx.is_empty()).then_some(dslx),
        priority: Some(priority),
        url: Some(url.clone()),
        rewrite_base: non_empty(&url),
        rewrite_target: non_empty(ctx.ann("nginx.ingress.kubernetes.io/rewrite-target")),
        certificate_name: Some(ctx.certs.get(host).cloned().unwrap_or_default()),
        enable_cors: Some(ctx.ann("nginx.ingress.kubernetes.io/enable-cors") == "true"),
        cors_allow_headers: Some(
            ctx.ann("nginx.ingress.kubernetes.io/cors-allow-headers")
                .to_owned(),
        ),
        cors_allow_origin: Some(
            ctx.ann("nginx.ingress.kubernetes.io/cors-allow-origin")
                .to_owned(),
        ),
        backend_protocol: Some(backend_protocol.to_owned()),
        redirect_url: Some(String::new()),
        vhost: Some(
            ctx.ann("nginx.ingress.kubernetes.io/upstream-vhost")
                .to_owned(),
        ),
        redirect_code: Some(0),
        service_group: Some(backend(ns, &svc.name, port)),
        source: Some(ctx.source.clone()),
        config: Some(RuleConfig::default()),
    };
    let rule_name = format!("{ft_name}-{}", suffix(slot)).to_lowercase();
    let mut rule = Rule::new(&rule_name, rule_spec);
    rule.metadata.namespace = Some(cfg.alb_namespace.clone());
    rule.metadata.labels = Some(labels);
    rule.metadata.annotations = Some(BTreeMap::from([
        (
            format!("alb2.{d}/source-ingress-path-index"),
            pi.to_string(),
        ),
        (
            format!("alb2.{d}/source-ingress-rule-index"),
            ri.to_string(),
        ),
    ]));
    Ok(rule)
}

/// The value Go's `strconv.ParseInt(s, 10, 64)` returns, error or not: 0 for a syntax error,
/// the nearest of `i64::MIN`/`i64::MAX` when out of range. ALB uses it even when `err != nil`.
///
/// Go stops reading at the digit that overflows 64 bits, so `99999999999999999999x` is
/// `i64::MAX`, while `9223372036854775808x` (which fits 64 unsigned bits before the `x`) is a
/// syntax error.
pub(crate) fn go_parse_int_value(s: &str) -> i64 {
    acp_model::go::atoi_lossy(s)
}

/// The first `size` bytes (ALB `CutSize`), never splitting a character.
fn cut(s: &str, size: usize) -> String {
    let mut end = s.len().min(size);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_owned()
}
