//! Ingress → Rules/Frontends translation, as ALB's leader does it.
//!
//! "We will create Rule for each path in the Ingress" and "if Ingress has certificate we will
//! create FT 443 (HTTPS), if Ingress has no certificate we will create FT 80 (HTTP)"
//! (seed 001_2a947f386b877637.txt:1284-1304). The details follow alauda/alb
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
//!   integer;
//! * frontends `<alb>-00080` (http) and `<alb>-00443` (https), chosen per rule host by TLS, the
//!   `alb.networking.<domain>/tls` annotation, the default SSL strategy and
//!   `alb.networking.<domain>/enable-https`;
//! * certificate names `<ns>_<secret>` from `spec.tls` (the annotation's `host=ns/name` entries
//!   only where `spec.tls` has none);
//! * the default backend only for rule-less ingresses: no Rule, the Frontends' `serviceGroup`.
//!
//! Rule names are `<frontend>-<suffix>` lower-cased, with the suffix supplied by the caller (ALB
//! draws four random characters). Backend ports given by name are resolved through
//! [`IngressConfig::named_ports`] (ALB reads the Service).

use std::collections::BTreeMap;

use k8s_openapi::api::networking::v1::{Ingress, ServiceBackendPort};

use crate::ruleset::Backend;
use crate::wire::DslxTerm;

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
pub struct IngressConfig {
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

impl IngressConfig {
    /// Defaults of an ALB named `alb_name` in `alb_namespace`: domain `cpaas.io`, ports 80/443,
    /// strategy `Request`, no default certificate.
    pub fn new(alb_name: &str, alb_namespace: &str) -> IngressConfig {
        IngressConfig {
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
        format!("{}-{:05}", self.alb_name, port)
    }
}

/// Where a generated object came from (`spec.source`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Always `ingress`.
    pub kind: String,
    /// Ingress namespace.
    pub namespace: String,
    /// Ingress name.
    pub name: String,
}

/// A Frontend the ingress needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontendSpec {
    /// `<alb>-00080` / `<alb>-00443`.
    pub name: String,
    /// The ALB namespace.
    pub namespace: String,
    /// `alb2.<domain>/name: <alb>`.
    pub labels: BTreeMap<String, String>,
    /// The port.
    pub port: u16,
    /// `http` or `https`.
    pub protocol: String,
    /// The default certificate (`ns_name`) on HTTPS, empty on HTTP.
    pub certificate_name: String,
    /// The ingress.
    pub source: Source,
    /// Default backend (rule-less ingresses only): services of the `serviceGroup`.
    pub default_backends: Vec<Backend>,
    /// `backendProtocol` of the default backend.
    pub backend_protocol: String,
}

/// A Rule the ingress produces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSpec {
    /// `<frontend>-<suffix>`, lower-cased.
    pub name: String,
    /// The ALB namespace.
    pub namespace: String,
    /// The frontend it belongs to.
    pub frontend: String,
    /// Labels (ALB name, frontend, source type/name/namespace/index, project).
    pub labels: BTreeMap<String, String>,
    /// Annotations (source ingress rule and path index).
    pub annotations: BTreeMap<String, String>,
    /// `spec.priority`.
    pub priority: i64,
    /// `spec.dslx`.
    pub dslx: Vec<DslxTerm>,
    /// `spec.dsl`: Go's `%v` of the dslx (ALB's searchable string).
    pub dsl: String,
    /// `spec.domain`: the rule host as written.
    pub domain: String,
    /// `spec.url` and `spec.rewrite_base`: the path as written.
    pub url: String,
    /// `spec.rewrite_target` (`nginx.ingress.kubernetes.io/rewrite-target`).
    pub rewrite_target: String,
    /// `spec.backendProtocol` (lower-cased `nginx.ingress.kubernetes.io/backend-protocol`).
    pub backend_protocol: String,
    /// `spec.certificate_name`.
    pub certificate_name: String,
    /// `spec.enableCORS`.
    pub enable_cors: bool,
    /// `spec.corsAllowHeaders`.
    pub cors_allow_headers: String,
    /// `spec.corsAllowOrigin`.
    pub cors_allow_origin: String,
    /// `spec.vhost` (`nginx.ingress.kubernetes.io/upstream-vhost`).
    pub vhost: String,
    /// `spec.description`: `<ns>/<name>:<port>:<path index>`.
    pub description: String,
    /// `spec.serviceGroup.services` (one, weight 100).
    pub backends: Vec<Backend>,
    /// `spec.source`.
    pub source: Source,
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

/// Everything an ingress translates to.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Translation {
    /// The HTTP Frontend, when needed.
    pub http: Option<FrontendSpec>,
    /// The HTTPS Frontend, when needed.
    pub https: Option<FrontendSpec>,
    /// The HTTP rules, then the HTTPS rules, each in (rule index, path index) order.
    pub rules: Vec<RuleSpec>,
    /// Paths without a Rule.
    pub skipped: Vec<Skipped>,
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
    let url = |op: &str, v: String| DslxTerm {
        kind: "URL".into(),
        key: None,
        values: vec![vec![op.to_owned(), v]],
    };
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
        out.push(DslxTerm {
            kind: "HOST".into(),
            key: None,
            values: vec![vec![op.to_owned(), host.to_owned()]],
        });
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

fn resolve_port(cfg: &IngressConfig, svc: &str, port: Option<&ServiceBackendPort>) -> Option<i64> {
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

/// Translates one ingress. `suffix` supplies the random part of each rule name.
///
/// ```
/// use acp_dsl::ingress::{translate, IngressConfig};
/// let ing: k8s_openapi::api::networking::v1::Ingress = serde_json::from_value(serde_json::json!({
///   "metadata": {"name": "hello-world", "namespace": "default"},
///   "spec": {"rules": [{"http": {"paths": [{"path": "/", "pathType": "Prefix",
///     "backend": {"service": {"name": "hello-world", "port": {"number": 80}}}}]}}]}
/// })).unwrap();
/// let t = translate(&ing, &IngressConfig::new("alb-demo", "cpaas-system"), &mut |_| "abcd".into());
/// assert_eq!(t.http.as_ref().unwrap().name, "alb-demo-00080");
/// assert!(t.https.is_none());
/// assert_eq!(t.rules[0].name, "alb-demo-00080-abcd");
/// assert_eq!(t.rules[0].priority, 5);
/// assert_eq!(t.rules[0].dsl, "[{[[STARTS_WITH /]] URL }]");
/// ```
pub fn translate(
    ingress: &Ingress,
    cfg: &IngressConfig,
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
        kind: "ingress".into(),
        namespace: ns.clone(),
        name: name.clone(),
    };

    // Which frontends (ALB getIngressFtTypes).
    let ssl_map = parse_ssl_annotation(ann(&format!("alb.networking.{d}/tls")));
    let ing_strategy = ann(&format!("alb.networking.{d}/enable-https"));
    let has_default_backend = rules.is_empty()
        && spec
            .default_backend
            .as_ref()
            .is_some_and(|b| b.resource.is_none() && b.service.is_some());
    let mut need_http = has_default_backend;
    let mut need_https = false;
    for r in &rules {
        let host = r.host.as_deref().unwrap_or("");
        let mut found_tls = false;
        for t in &tls {
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

    let alb_label = format!("alb2.{d}/name");
    let ft = |port: u16, protocol: &str, cert: String| FrontendSpec {
        name: cfg.ft_name(port),
        namespace: cfg.alb_namespace.clone(),
        labels: BTreeMap::from([(alb_label.clone(), cfg.alb_name.clone())]),
        port,
        protocol: protocol.to_owned(),
        certificate_name: cert,
        source: source.clone(),
        default_backends: Vec::new(),
        backend_protocol: String::new(),
    };
    let mut out = Translation {
        http: need_http.then(|| ft(cfg.http_port, "http", String::new())),
        https: need_https.then(|| {
            ft(
                cfg.https_port,
                "https",
                cfg.default_ssl_cert.replace('/', "_"),
            )
        }),
        ..Translation::default()
    };

    let backend_protocol = ann("nginx.ingress.kubernetes.io/backend-protocol").to_lowercase();
    if has_default_backend
        && let Some(svc) = spec
            .default_backend
            .as_ref()
            .and_then(|b| b.service.as_ref())
    {
        match resolve_port(cfg, &svc.name, svc.port.as_ref()) {
            Some(port) => {
                let backends = vec![Backend {
                    namespace: ns.clone(),
                    name: svc.name.clone(),
                    port,
                    weight: 100,
                }];
                for f in [out.http.as_mut(), out.https.as_mut()]
                    .into_iter()
                    .flatten()
                {
                    f.default_backends = backends.clone();
                    f.backend_protocol = backend_protocol.clone();
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

    // Certificates: spec.tls first, then the annotation (ALB GenerateRule).
    let mut certs: BTreeMap<String, String> = BTreeMap::new();
    for t in &tls {
        for h in t.hosts.iter().flatten() {
            certs.insert(
                h.to_lowercase(),
                format!("{ns}_{}", t.secret_name.as_deref().unwrap_or("")),
            );
        }
    }
    for (h, c) in &ssl_map {
        let k = h.to_lowercase();
        if certs.get(&k).is_none_or(String::is_empty) {
            certs.insert(k, c.clone());
        }
    }

    let frontends: Vec<(String, u16)> = [out.http.as_ref(), out.https.as_ref()]
        .into_iter()
        .flatten()
        .map(|f| (f.name.clone(), f.port))
        .collect();
    for (ft_name, ft_port) in &frontends {
        for (ri, r) in rules.iter().enumerate() {
            let Some(http) = &r.http else { continue };
            let host = r.host.as_deref().unwrap_or("");
            for (pi, p) in http.paths.iter().enumerate() {
                let skip = |reason: String| Skipped {
                    rule_index: ri,
                    path_index: pi,
                    reason,
                };
                if !backend_protocol.is_empty()
                    && backend_protocol != "http"
                    && backend_protocol != "https"
                {
                    out.skipped.push(skip(format!(
                        "unsupported backend protocol {backend_protocol}"
                    )));
                    continue;
                }
                let Some(svc) = &p.backend.service else {
                    out.skipped
                        .push(skip("the backend is not a service".into()));
                    continue;
                };
                let Some(port) = resolve_port(cfg, &svc.name, svc.port.as_ref()) else {
                    out.skipped.push(skip(format!(
                        "cannot resolve the port of service {}",
                        svc.name
                    )));
                    continue;
                };
                let mut priority = 5;
                let pkey = format!("alb.{d}/ingress-rule-priority-{ri}-{pi}");
                if let Ok(v) = ann(&pkey).parse::<i64>()
                    && v != 0
                {
                    priority = v;
                }
                let url = p.path.clone().unwrap_or_default();
                let path_type = p.path_type.as_str();
                let dslx = dslx_for(host, &url, path_type);
                let slot = RuleSlot {
                    frontend: ft_name,
                    rule_index: ri,
                    path_index: pi,
                };
                let mut labels = BTreeMap::from([
                    (alb_label.clone(), cfg.alb_name.clone()),
                    (format!("alb2.{d}/frontend"), ft_name.clone()),
                    (format!("alb2.{d}/source-type"), "ingress".to_owned()),
                    (format!("alb2.{d}/source-name"), cut(&name, 63)),
                    (format!("alb2.{d}/source-ns"), cut(&ns, 63)),
                    (format!("alb2.{d}/source-index"), format!("{ri}-{pi}")),
                ]);
                if let Some(project) = &cfg.project {
                    labels.insert(format!("{d}/project"), project.clone());
                }
                out.rules.push(RuleSpec {
                    name: format!("{ft_name}-{}", suffix(slot)).to_lowercase(),
                    namespace: cfg.alb_namespace.clone(),
                    frontend: ft_name.clone(),
                    labels,
                    annotations: BTreeMap::from([
                        (
                            format!("alb2.{d}/source-ingress-path-index"),
                            pi.to_string(),
                        ),
                        (
                            format!("alb2.{d}/source-ingress-rule-index"),
                            ri.to_string(),
                        ),
                    ]),
                    priority,
                    dsl: go_fmt_dslx(&dslx),
                    dslx,
                    domain: host.to_owned(),
                    url: url.clone(),
                    rewrite_target: ann("nginx.ingress.kubernetes.io/rewrite-target").to_owned(),
                    backend_protocol: backend_protocol.clone(),
                    certificate_name: certs.get(host).cloned().unwrap_or_default(),
                    enable_cors: ann("nginx.ingress.kubernetes.io/enable-cors") == "true",
                    cors_allow_headers: ann("nginx.ingress.kubernetes.io/cors-allow-headers")
                        .to_owned(),
                    cors_allow_origin: ann("nginx.ingress.kubernetes.io/cors-allow-origin")
                        .to_owned(),
                    vhost: ann("nginx.ingress.kubernetes.io/upstream-vhost").to_owned(),
                    description: format!("{ns}/{name}:{ft_port}:{pi}"),
                    backends: vec![Backend {
                        namespace: ns.clone(),
                        name: svc.name.clone(),
                        port,
                        weight: 100,
                    }],
                    source: source.clone(),
                });
            }
        }
    }
    out
}

/// The first `size` bytes (ALB `CutSize`), never splitting a character.
fn cut(s: &str, size: usize) -> String {
    let mut end = s.len().min(size);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_owned()
}
