//! Types shared by [`Frontend`](super::Frontend), [`Rule`](super::Rule) and
//! [`Alb2`](super::Alb2): service groups, the source of generated objects, the shared `config`
//! blocks (otel, modsecurity, auth, timeout, redirect, keepalive) and the protocol sets.
//!
//! Wire truth: alauda/alb `pkg/apis/alauda/v1/types.go` (`ServiceGroup`, `Service`, `Source`),
//! `pkg/apis/alauda/shared/cr.go` (`SharedCr`) and the `pkg/controller/ext/*/types` packages.
//! Every Go field that is not `omitempty` is still an `Option` here, so that YAML written by hand
//! (which may leave such fields out) round-trips without gaining fields.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

open_enum! {
    // seed 001:1083-1085
    /// `spec.protocol` of a [`Frontend`](super::Frontend): the protocol the listening port speaks.
    ///
    /// The CRD declares a plain string (alauda/alb `deploy/chart/alb/crds/crd.alauda.io_frontends.yaml`);
    /// upstream `FtProtocol` names `tcp udp http https grpc`; the ACP documentation adds `grpcs`.
    FrontendProtocol {
        // seed 001:1084
        /// `http` — L7.
        Http => "http",
        // seed 001:1084
        /// `https` — L7 with TLS.
        Https => "https",
        // seed 001:1084
        /// `grpc` — L7.
        Grpc => "grpc",
        // seed 001:1084
        /// `grpcs` — L7 gRPC over TLS.
        Grpcs => "grpcs",
        // seed 001:1085
        /// `tcp` — L4.
        Tcp => "tcp",
        // seed 001:1085
        /// `udp` — L4.
        Udp => "udp",
    }
}

impl FrontendProtocol {
    // seed 001:1085-1086
    /// `tcp` or `udp`: an L4 proxy, which needs a `serviceGroup`.
    pub fn is_l4(&self) -> bool {
        matches!(self, Self::Tcp | Self::Udp)
    }

    // seed 001:1084
    /// `http`, `https`, `grpc` or `grpcs`: an L7 proxy, which carries [`Rule`](super::Rule)s.
    pub fn is_l7(&self) -> bool {
        matches!(self, Self::Http | Self::Https | Self::Grpc | Self::Grpcs)
    }

    /// Whether the ALB serves certificates on this port: `https` and `grpc` in alauda/alb
    /// `controller/cli/cert.go` (`getCertMap`, `certProtocol`), plus the ACP documentation's `grpcs`.
    pub fn serves_certificates(&self) -> bool {
        matches!(self, Self::Https | Self::Grpc | Self::Grpcs)
    }
}

open_enum! {
    // seed 001:1092
    /// `spec.source.type`: what generated a [`Frontend`](super::Frontend) or
    /// [`Rule`](super::Rule). The ACP documentation says it "currently only supports ingress";
    /// alauda/alb `pkg/apis/alauda/v1/types.go` (`Source`)
    /// also mentions a legacy `bind` for service annotations.
    SourceType {
        // seed 001:1090-1094
        /// `ingress`: created by the ALB leader from an Ingress.
        Ingress => "ingress",
    }
}

// seed 001:1084
/// The protocol spoken to backends (`spec.backendProtocol`), as the ALB understands it.
///
/// On the wire the field is a free string (`""` means "same as the frontend"), compared after
/// lower-casing (alauda/alb `controller/cli/alb.go`, `strings.ToLower(mrs.BackendProtocol)`), and used
/// as the scheme of nginx's `proxy_pass $backend_protocol://…`. The CRD documents
/// `https/http/grpc`; `grpcs` is accepted as the TLS variant the ACP documentation lists for frontends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BackendProtocol {
    /// `http`.
    Http,
    /// `https`.
    Https,
    /// `grpc`.
    Grpc,
    /// `grpcs`.
    Grpcs,
}

impl BackendProtocol {
    /// The supported values, lower case.
    pub const KNOWN: &'static [&'static str] = &["http", "https", "grpc", "grpcs"];

    /// Parses a wire value case-insensitively, as the ALB does; `None` for `""` or an unknown
    /// value.
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "http" => Some(Self::Http),
            "https" => Some(Self::Https),
            "grpc" => Some(Self::Grpc),
            "grpcs" => Some(Self::Grpcs),
            _ => None,
        }
    }

    /// The canonical (lower-case) wire string.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Http => "http",
            Self::Https => "https",
            Self::Grpc => "grpc",
            Self::Grpcs => "grpcs",
        }
    }
}

impl fmt::Display for BackendProtocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The documented values of `serviceGroup.session_affinity_policy`: `""` (round robin), `sip-hash`
/// (hash of the source IP), `cookie` and `header` (sticky by cookie / header named by
/// `session_affinity_attribute`). Source: alauda/alb `template/nginx/lua/balancer/balance.lua`
/// (`get_implementation`) and `balancer/sticky.lua`.
pub const SESSION_AFFINITY_POLICIES: &[&str] = &["", "sip-hash", "cookie", "header"];

// seed 001:1074-1079, 1086
/// `serviceGroup`: the weighted backends of a [`Frontend`](super::Frontend) (its default route)
/// or of a [`Rule`](super::Rule).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ServiceGroup {
    /// Load-balancing policy: one of [`SESSION_AFFINITY_POLICIES`]; absent or `""` is round robin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_affinity_policy: Option<String>,
    /// The cookie or header name for `cookie` / `header` affinity (the ALB defaults the cookie to
    /// `JSESSIONID`, alauda/alb `template/nginx/lua/balancer/sticky.lua`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_affinity_attribute: Option<String>,
    // seed 001:1075
    /// The backends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<BackendService>>,
}

// seed 001:1075-1079
/// One backend of a [`ServiceGroup`]: a Kubernetes Service port and its weight.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BackendService {
    // seed 001:1075
    /// Service name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    // seed 001:1076
    /// Service namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    // seed 001:1077
    /// The port of the Service (not of the pod) (alauda/alb
    /// `pkg/apis/alauda/v1/types.go`, `Service.Port`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i64>,
    // seed 001:1078, 1087
    /// Weight for (weighted) round robin; the ALB clamps
    /// it to 0–100 (alauda/alb `controller/cli/policy_backend.go`, `generateBackend`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<i64>,
}

// seed 001:1090-1094
/// `spec.source`: the object a generated [`Frontend`](super::Frontend) or [`Rule`](super::Rule)
/// came from.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Source {
    // seed 001:1092
    /// Wire name `type`: the kind of source; only `ingress` is documented.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SourceType>,
    // seed 001:1093
    /// The Ingress name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    // seed 001:1094
    /// The Ingress namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
}

/// `config.otel`: OpenTelemetry tracing (alauda/alb `pkg/controller/ext/otel/types/type.go`,
/// `OtelCrConf`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OtelConfig {
    /// Turns tracing on (required by the CRD when `otel` is set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
    /// Where spans go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exporter: Option<OtelExporter>,
    /// Which requests are traced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampler: Option<OtelSampler>,
    /// Reporting switches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<OtelFlags>,
    /// Resource attributes attached to every span.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<BTreeMap<String, String>>,
}

/// `otel.exporter`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OtelExporter {
    /// The OTLP collector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collector: Option<OtelCollector>,
    /// Span batching.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_span_processor: Option<OtelBatchSpanProcessor>,
}

/// `otel.exporter.collector`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OtelCollector {
    /// Collector address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Request timeout (milliseconds in the ALB's Lua exporter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_timeout: Option<i64>,
}

/// `otel.exporter.batch_span_processor`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OtelBatchSpanProcessor {
    /// Maximum queued spans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_queue_size: Option<i64>,
    /// Batch processing interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inactive_timeout: Option<i64>,
}

/// `otel.sampler`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OtelSampler {
    /// `always_on`, `always_off`, `parent_base` or `trace_id_ratio` (upstream comment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Sampler options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<OtelSamplerOptions>,
}

/// `otel.sampler.options` (strings, because Kubernetes schemas avoid floats).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OtelSamplerOptions {
    /// The parent sampler of `parent_base`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_name: Option<String>,
    /// The ratio of `trace_id_ratio`, as a decimal string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fraction: Option<String>,
}

/// `otel.flags`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OtelFlags {
    /// Leave upstream attributes out of spans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hide_upstream_attrs: Option<bool>,
    /// Report request headers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_http_request_header: Option<bool>,
    /// Report response headers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_http_response_header: Option<bool>,
    /// Ignore incoming trace context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notrust_incoming_span: Option<bool>,
}

/// `config.modsecurity`: the ModSecurity WAF (alauda/alb `pkg/controller/ext/waf/types/waf_type.go`,
/// `WafCrConf`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ModSecurityConfig {
    /// Turns the WAF on (required by the CRD when `modsecurity` is set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
    /// `modsecurity_transaction_id` (may be `""`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    /// Load the OWASP core rule set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_core_rules: Option<bool>,
    /// Load ModSecurity's recommended configuration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_recommend: Option<bool>,
    /// A ConfigMap with extra rules: `ns/name#section`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cm_ref: Option<String>,
}

/// `config.auth` (alauda/alb `pkg/controller/ext/auth/types/types.go`, `AuthCr`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuthConfig {
    /// Forward auth (a sub-request to an auth service).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward: Option<ForwardAuth>,
    /// Basic auth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basic: Option<BasicAuth>,
}

/// `auth.forward` (upstream `ForwardAuthInCr`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ForwardAuth {
    /// The auth service URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// HTTP method of the auth request (CRD default `GET`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// ConfigMap with headers to send to the auth service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_headers_cm_ref: Option<String>,
    /// Value of `X-Auth-Request-Redirect`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_request_redirect: Option<String>,
    /// Auth-response headers passed on to the backend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upstream_headers: Option<Vec<String>>,
    /// Sign-in URL for unauthenticated requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signin: Option<String>,
    /// Set the auth cookie on every response (CRD default `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub always_set_cookie: Option<bool>,
    /// Query parameter carrying the original URL to the sign-in page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signin_redirect_param: Option<String>,
}

/// `auth.basic` (upstream `BasicAuthInCr`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BasicAuth {
    /// Realm shown by the browser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub realm: Option<String>,
    /// The Secret holding the users (`ns/name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// `auth-file` or `auth-map`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_type: Option<String>,
    /// Only `basic` is supported upstream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<String>,
}

/// `config.timeout`, in milliseconds (alauda/alb `pkg/controller/ext/timeout/types/type.go`,
/// `TimeoutCr`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TimeoutConfig {
    /// `proxy_connect_timeout`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_connect_timeout_ms: Option<u64>,
    /// `proxy_send_timeout`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_send_timeout_ms: Option<u64>,
    /// `proxy_read_timeout`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_read_timeout_ms: Option<u64>,
}

/// `config.redirect` (alauda/alb `pkg/controller/ext/redirect/types/type.go`, `RedirectCr`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RedirectConfig {
    /// HTTP status; absent or `0` means 302 (alauda/alb `template/nginx/lua/l7_redirect.lua`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<i64>,
    /// Full target URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Target scheme (`https` alone is an SSL redirect).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// Target host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// Target port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i64>,
    /// Path prefix to replace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix_match: Option<String>,
    /// Replacement for `prefix_match`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replace_prefix: Option<String>,
}

/// Status codes `ngx.redirect` accepts (lua-nginx-module docs; alauda/alb
/// `template/nginx/lua/l7_redirect.lua` calls it with the rule's code), plus `0` for "default (302)".
pub const REDIRECT_CODES: &[i64] = &[0, 301, 302, 303, 307, 308];

/// `config.keepalive` of a [`Frontend`](super::Frontend) (alauda/alb
/// `pkg/controller/ext/keepalive/types/types.go`, `KeepAliveCr`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct KeepAliveConfig {
    /// Downstream TCP keepalive (`so_keepalive`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tcp: Option<TcpKeepAlive>,
    /// Downstream HTTP keepalive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpKeepAlive>,
}

/// `keepalive.tcp`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TcpKeepAlive {
    /// `TCP_KEEPIDLE` (nginx time, upstream default `30m`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle: Option<String>,
    /// `TCP_KEEPINTVL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<String>,
    /// `TCP_KEEPCNT` (upstream default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
}

/// `keepalive.http`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HttpKeepAlive {
    /// `keepalive_timeout` (upstream default `75s`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<String>,
    /// `keepalive_header_timeout`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_timeout: Option<String>,
    /// `keepalive_requests` (upstream default 1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests: Option<i64>,
}
