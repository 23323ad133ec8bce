//! ALB (Another Load Balancer): the `ALB2`, `Frontend` and `Rule` custom resources.
// seed 001:915-1310
//!
//! ```
//! use acp_model::alb::{Frontend, FrontendProtocol, Rule, frontend_name, labels};
//! use acp_model::validation::Validate;
//!
//! let ft: Frontend = serde_saphyr::from_str(r#"
//! apiVersion: crd.alauda.io/v1
//! kind: Frontend
//! metadata:
//!   labels:
//!     alb2.cpaas.io/name: alb-demo
//!   name: alb-demo-00080
//!   namespace: cpaas-system
//! spec:
//!   port: 80
//!   protocol: http
//! "#).unwrap();
//! assert_eq!(ft.spec.protocol, Some(FrontendProtocol::Http));
//! assert_eq!(ft.alb_name(), Some("alb-demo"));
//! assert!(ft.validate().is_empty());
//!
//! // An L4 port without backends, and a rule without its labels: every problem at once.
//! let mut tcp = ft.clone();
//! tcp.spec.protocol = Some(FrontendProtocol::Tcp);
//! tcp.spec.port = Some(70000);
//! assert_eq!(
//!     tcp.validate().to_string(),
//!     "[spec.port: Invalid value: 70000: must be between 1 and 65535, inclusive, \
//!       spec.serviceGroup: Required value: tcp and udp frontends need a serviceGroup]"
//! );
//!
//! let rule: Rule = serde_json::from_value(serde_json::json!({
//!     "apiVersion": "crd.alauda.io/v1", "kind": "Rule",
//!     "metadata": {"name": "alb-demo-00080-test", "labels": {labels::ALB_NAME: "alb-demo"}},
//!     "spec": {"priority": 4, "dslx": [{"type": "URL", "values": [["STARTS_WITH", "/app-a"]]}]}
//! })).unwrap();
//! assert_eq!(
//!     rule.validate().to_string(),
//!     "metadata.labels[alb2.cpaas.io/frontend]: Required value: the Frontend this rule belongs to"
//! );
//! assert_eq!(frontend_name("alb-demo", 80), "alb-demo-00080");
//! ```
//!
//! # What is here
//!
//! - [`Alb2`] (`crd.alauda.io/v2beta1`, kind `ALB2`, resource `alaudaloadbalancer2`, short name
//!   `alb2`): an ALB; the operator deploys its pods.
// seed 001:934-952, 1260-1276
//! - [`Frontend`] (`crd.alauda.io/v1`, short name `ft`): a listening port, tied to its ALB by the
//!   `alb2.cpaas.io/name` label and named `<alb>-<port as 5 digits>`.
// seed 001:1056-1094
//! - [`Rule`] (`crd.alauda.io/v1`, short name `rl`): L7 matching and forwarding on one Frontend,
//!   with its `dslx` match terms as wire data ([`DslxTerm`]), checked by [`dslx`]; crate
//!   `acp-dsl` evaluates them.
// seed 001:1101-1215
//! - [`labels`]: the `alb2.cpaas.io/*` labels and the Ingress annotations the ALB reads.
//! - naming helpers: [`frontend_name`], [`parse_frontend_name`], [`parse_certificate_name`],
//!   [`parse_port_range`], [`projects_from_labels`].
//! - [`Validate`](crate::validation::Validate) for the three kinds.
//!
//! The wire truth where the ACP documentation is silent is alauda/alb: `pkg/apis/alauda/v1/types.go`,
//! `pkg/apis/alauda/v2beta1/alb2_types.go` and `deploy/chart/alb/crds/*.yaml`. Fields that Go
//! writes without `omitempty` are still `Option`s here, so hand-written YAML round-trips without
//! gaining fields. Free-string fields with a documented set are open enums (known variants plus
//! `Other(String)`, e.g. [`FrontendProtocol`]) or plain strings checked by `Validate`
//! (`backendProtocol`, because the ALB compares it case-insensitively).

#[cfg(feature = "crd")]
mod alb2;
mod common;
pub mod dslx;
mod dslx_term;
#[cfg(feature = "crd")]
mod frontend;
pub mod labels;
mod naming;
#[cfg(feature = "crd")]
mod rule;
#[cfg(feature = "crd")]
mod validate;

#[cfg(feature = "crd")]
pub use alb2::{
    ALL_PROJECTS, Alb2, Alb2AddressStatus, Alb2Config, Alb2DeployStatus, Alb2Overwrite,
    Alb2PortStatus, Alb2PortStatuses, Alb2Resources, Alb2Spec, Alb2State, Alb2Status,
    Alb2StatusDetail, Alb2Type, Alb2VersionStatus, ConfigmapOverwrite, ContainerResources,
    CpuMemory, GATEWAY_MODES, GatewayConfig, IP_FAMILY_POLICIES, ImageOverwrite, NetworkMode,
    PortProject, SSL_STRATEGIES, VipConfig,
};
pub use common::{
    AuthConfig, BackendProtocol, BackendService, BasicAuth, ForwardAuth, FrontendProtocol,
    HttpKeepAlive, KeepAliveConfig, ModSecurityConfig, OtelBatchSpanProcessor, OtelCollector,
    OtelConfig, OtelExporter, OtelFlags, OtelSampler, OtelSamplerOptions, REDIRECT_CODES,
    RedirectConfig, SESSION_AFFINITY_POLICIES, ServiceGroup, Source, SourceType, TcpKeepAlive,
    TimeoutConfig,
};
pub use dslx_term::DslxTerm;
#[cfg(feature = "crd")]
pub use frontend::{Frontend, FrontendConfig, FrontendInstance, FrontendSpec, FrontendStatus};
pub use naming::{
    frontend_name, parse_certificate_name, parse_frontend_name, parse_port_range,
    projects_from_labels,
};
#[cfg(feature = "crd")]
pub use rule::{Rule, RuleConfig, RuleSpec};
#[cfg(feature = "crd")]
pub use validate::{PRIORITY_RANGE, WEIGHT_RANGE};
