//! `Frontend` (`crd.alauda.io/v1`, short name `ft`): one listening port of an ALB.
// seed 001:1056-1094

use std::collections::BTreeMap;

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{
    AuthConfig, FrontendProtocol, KeepAliveConfig, ModSecurityConfig, OtelConfig, RedirectConfig,
    ServiceGroup, Source, TimeoutConfig,
};
use super::labels;

// seed 001:1062-1094; seed 001:1060, 1080; seed 001:1081
/// The desired state of a [`Frontend`]: the port, its protocol and the default backends
/// (wire truth alauda/alb `pkg/apis/alauda/v1/types.go`,
/// `FrontendSpec`).
///
/// The Frontend belongs to the ALB named by its `alb2.cpaas.io/name` label
/// ([`labels::ALB_NAME`]) and is named
/// `<alb>-<port as 5 digits>` ([`frontend_name`](super::frontend_name)).
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[kube(
    group = "crd.alauda.io",
    version = "v1",
    kind = "Frontend",
    plural = "frontends",
    singular = "frontend",
    shortname = "ft",
    namespaced,
    status = "FrontendStatus",
    derive = "PartialEq",
    printcolumn = r#"{"name":"protocol", "type":"string", "description":"protocol", "jsonPath":".spec.protocol"}"#,
    doc = "A listening port of an ALB."
    // seed 001:1056-1094
)]
#[serde(rename_all = "camelCase")]
pub struct FrontendSpec {
    // seed 001:1070
    /// The protocol spoken to backends: `http`, `https`, `grpc` (see
    /// [`BackendProtocol`](super::BackendProtocol)); `""` leaves it to the frontend protocol.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_protocol: Option<String>,
    // seed 001:1071, 1082
    /// Wire name `certificate_name` (snake case): the default certificate of an https/grpc port,
    /// `<secret namespace>/<secret name>`; the legacy
    /// `<namespace>_<name>` is still read (see [`parse_certificate_name`](super::parse_certificate_name)).
    #[serde(
        rename = "certificate_name",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub certificate_name: Option<String>,
    // seed 001:1072
    /// The listening port, 1–65535 (CRD `minimum: 1`,
    /// `maximum: 65535`). `i32` like upstream's `PortNumber`, so out-of-range values parse and
    /// [`Validate`](crate::validation::Validate) reports them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    // seed 001:1073, 1083-1085
    /// `http|https|grpc|grpcs` for L7, `tcp|udp` for L4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<FrontendProtocol>,
    // seed 001:1074, 1086
    /// The default backends: required for L4, optional for L7, where requests matching no rule go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_group: Option<ServiceGroup>,
    // seed 001:1090-1094
    /// The Ingress this Frontend was created for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Per-port features (alauda/alb `FTConfig`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<FrontendConfig>,
}

/// `spec.config` of a [`Frontend`] (alauda/alb `pkg/apis/alauda/v1/types.go`, `FTConfig`: the shared
/// block plus redirect and keepalive).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct FrontendConfig {
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
    /// Redirect everything on this port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect: Option<RedirectConfig>,
    /// Downstream keepalive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keepalive: Option<KeepAliveConfig>,
}

/// The observed state of a [`Frontend`] (alauda/alb `FrontendStatus`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct FrontendStatus {
    /// Per ALB pod: whether the port conflicts with something else on the node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instances: Option<BTreeMap<String, FrontendInstance>>,
}

/// One ALB pod's view of a [`Frontend`] port (alauda/alb `Instance`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FrontendInstance {
    /// The port is taken on that node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<bool>,
    /// Unix seconds of the last probe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probe_time: Option<i64>,
}

impl Frontend {
    // seed 001:1066, 1080
    /// The ALB this Frontend belongs to: its `alb2.cpaas.io/name` label.
    pub fn alb_name(&self) -> Option<&str> {
        self.metadata
            .labels
            .as_ref()?
            .get(labels::ALB_NAME)
            .map(String::as_str)
    }

    // seed 001:1085
    /// `tcp` or `udp`.
    pub fn is_l4(&self) -> bool {
        self.spec
            .protocol
            .as_ref()
            .is_some_and(FrontendProtocol::is_l4)
    }
}
