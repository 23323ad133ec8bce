//! `Rule` (`crd.alauda.io/v1`, short name `rl`): how an ALB handles matching L7 requests on one
//! Frontend, and the wire form of its `dslx` match terms.
// seed 001:1101-1215

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{
    AuthConfig, ModSecurityConfig, OtelConfig, RedirectConfig, ServiceGroup, Source, TimeoutConfig,
};
use super::labels;

pub(super) use super::dslx_term::DslxTerm;

// seed 001:1107-1166; seed 001:1291; seed 001:1111-1112, 1161-1162
/// The desired state of a [`Rule`] (wire truth alauda/alb
/// `pkg/apis/alauda/v1/types.go`, `RuleSpec`).
///
/// A Rule belongs to exactly one Frontend, named by its
/// `alb2.cpaas.io/frontend` label, and to the ALB named by `alb2.cpaas.io/name`.
///
/// Every field is optional on the wire (upstream writes them all, hand-written YAML does not), so
/// each is an `Option` and round trips are exact.
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[kube(
    group = "crd.alauda.io",
    version = "v1",
    kind = "Rule",
    plural = "rules",
    singular = "rule",
    shortname = "rl",
    namespaced,
    derive = "PartialEq",
    printcolumn = r#"{"name":"priority", "type":"integer", "description":"priority", "jsonPath":".spec.priority"}"#,
    printcolumn = r#"{"name":"matches", "type":"string", "description":"description of match condition", "jsonPath":".spec.dsl"}"#,
    printcolumn = r#"{"name":"source-type", "type":"string", "description":"source type of this rule", "jsonPath":".spec.source.type"}"#,
    printcolumn = r#"{"name":"source-ns", "type":"string", "description":"source ns of this rule", "jsonPath":".spec.source.namespace"}"#,
    printcolumn = r#"{"name":"source-name", "type":"string", "description":"source name of this rule", "jsonPath":".spec.source.name"}"#,
    doc = "How an ALB handles matching L7 requests on one Frontend."
    // seed 001:1101-1166
)]
#[serde(rename_all = "camelCase")]
pub struct RuleSpec {
    /// Wire name `type`: deprecated upstream, kept for round trips.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Free text; Ingress-generated rules hold `<ns>/<ingress>:<port>:<path index>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The host this rule serves (used to pick its certificate on https ports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// The match condition as a searchable string (legacy; the `matches` print column).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dsl: Option<String>,
    // seed 001:1118-1151, 1168-1215
    /// The match criteria; all terms must hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dslx: Option<Vec<DslxTerm>>,
    // seed 001:1154, 1165
    /// Lower number, higher priority; documented range
    /// 1–10 (alauda/alb `RuleSpec.Priority` doc comment); Ingress rules default to 5 (alauda/alb
    /// `ingress/const.go`, `DefaultPriority`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i64>,
    /// The path the rule was generated for (Ingress path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Wire name `rewrite_base`: the part of the path that `rewrite_target` replaces.
    #[serde(
        rename = "rewrite_base",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub rewrite_base: Option<String>,
    /// Wire name `rewrite_target`: the replacement of `rewrite_base`.
    #[serde(
        rename = "rewrite_target",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub rewrite_target: Option<String>,
    // seed 001:1117, 1164
    /// Wire name `certificate_name`: certificate for `domain` on an https port, as in
    /// [`FrontendSpec::certificate_name`](super::FrontendSpec::certificate_name).
    #[serde(
        rename = "certificate_name",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub certificate_name: Option<String>,
    // seed 001:1153
    /// Wire name `enableCORS`: answer CORS itself instead of leaving it to the backend.
    #[serde(
        rename = "enableCORS",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_cors: Option<bool>,
    /// Wire name `corsAllowHeaders`: allowed headers when `enableCORS` is on.
    #[serde(
        rename = "corsAllowHeaders",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub cors_allow_headers: Option<String>,
    /// Wire name `corsAllowOrigin`: allowed origin when `enableCORS` is on.
    #[serde(
        rename = "corsAllowOrigin",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub cors_allow_origin: Option<String>,
    // seed 001:1116, 1163
    /// As in [`FrontendSpec::backend_protocol`](super::FrontendSpec::backend_protocol).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_protocol: Option<String>,
    /// Wire name `redirectURL`: deprecated upstream in favour of `config.redirect.url`.
    #[serde(
        rename = "redirectURL",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub redirect_url: Option<String>,
    /// Overrides the `Host` header sent upstream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vhost: Option<String>,
    /// Deprecated upstream in favour of `config.redirect.code`; `0` means unset
    /// (see [`REDIRECT_CODES`](super::REDIRECT_CODES)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_code: Option<i64>,
    // seed 001:1155-1160, 1166
    /// The backends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_group: Option<ServiceGroup>,
    // seed 001:1090-1094
    /// The Ingress this rule was generated from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Per-rule features (alauda/alb `RuleConfigInCr`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<RuleConfig>,
}

/// `spec.config` of a [`Rule`] (alauda/alb `pkg/apis/alauda/v1/types.go`, `RuleConfigInCr`: the
/// shared block plus redirect).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct RuleConfig {
    /// OpenTelemetry tracing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otel: Option<OtelConfig>,
    /// ModSecurity WAF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modsecurity: Option<ModSecurityConfig>,
    /// Authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<AuthConfig>,
    /// Proxy timeouts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<TimeoutConfig>,
    /// Redirect matching requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect: Option<RedirectConfig>,
}

impl Rule {
    // seed 001:1112, 1162
    /// The ALB this rule belongs to: its `alb2.cpaas.io/name` label.
    pub fn alb_name(&self) -> Option<&str> {
        self.metadata
            .labels
            .as_ref()?
            .get(labels::ALB_NAME)
            .map(String::as_str)
    }

    // seed 001:1111, 1161
    /// The Frontend this rule belongs to: its `alb2.cpaas.io/frontend` label.
    pub fn frontend_name(&self) -> Option<&str> {
        self.metadata
            .labels
            .as_ref()?
            .get(labels::FRONTEND)
            .map(String::as_str)
    }
}
