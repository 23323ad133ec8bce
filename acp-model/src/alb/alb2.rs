//! `ALB2` (`crd.alauda.io/v2beta1`, resource `alaudaloadbalancer2`, short name `alb2`): one ALB,
//! which the ALB operator turns into a Deployment of OpenResty pods.
// seed 001:921-952, 1260-1276

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{AuthConfig, ModSecurityConfig, OtelConfig, TimeoutConfig};

// seed 001:937-951
/// The desired state of an [`Alb2`] (wire truth alauda/alb
/// `pkg/apis/alauda/v2beta1/alb2_types.go`, `ALB2Spec`).
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[kube(
    group = "crd.alauda.io",
    version = "v2beta1",
    kind = "ALB2",
    root = "Alb2",
    plural = "alaudaloadbalancer2",
    singular = "alaudaloadbalancer2",
    shortname = "alb2",
    namespaced,
    status = "Alb2Status",
    derive = "PartialEq",
    printcolumn = r#"{"name":"manually-address", "type":"string", "description":"manually set address for this alb", "jsonPath":".spec.address"}"#,
    printcolumn = r#"{"name":"allocated-address", "type":"string", "description":"allocated address", "jsonPath":".status.detail.address.msg"}"#,
    printcolumn = r#"{"name":"state", "type":"string", "description":"state of this alb", "jsonPath":".status.state"}"#,
    printcolumn = r#"{"name":"reason", "type":"string", "description":"reason of this state", "jsonPath":".status.reason"}"#,
    printcolumn = r#"{"name":"mode", "type":"string", "description":"network mode of this alb", "jsonPath":".spec.config.networkMode"}"#,
    doc = "An ALB (Another Load Balancer) instance group."
    // seed 001:934-952
)]
pub struct Alb2Spec {
    // seed 001:943
    /// Addresses shown for this ALB, comma separated; "the ip address of node where alb been
    /// deployed". Display only upstream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    // seed 001:944
    /// Wire name `type`: the proxy implementation, always `nginx`
    /// (CRD `enum: [nginx]`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Alb2Type>,
    // seed 001:945-950
    /// Deployment and behaviour settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<Alb2Config>,
}

/// `spec.type` of an [`Alb2`]: a closed set, enforced by the CRD (`enum: [nginx]`).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq, Hash, JsonSchema)]
pub enum Alb2Type {
    // seed 001:917, 944
    /// OpenResty.
    #[default]
    #[serde(rename = "nginx")]
    Nginx,
}

open_enum! {
    // seed 001:946, 1021-1054
    /// `spec.config.networkMode` (alauda/alb
    /// `HOST_MODE`, `CONTAINER_MODE`).
    NetworkMode {
        // seed 001:1025-1042
        /// `host`: pods use the node's network; one ALB per node.
        Host => "host",
        // seed 001:1044-1054
        /// `container`: pods use the container network and are reached through a LoadBalancer
        /// Service.
        Container => "container",
    }
}

open_enum! {
    /// `status.state` of an [`Alb2`] (alauda/alb `ALB2State`).
    Alb2State {
        /// `Running`: ready.
        Running => "Running",
        /// `Progressing`: being rolled out.
        Progressing => "Progressing",
        /// `Pending`: the CRD default.
        Pending => "Pending",
        /// `Warning`: e.g. a port conflict.
        Warning => "Warning",
    }
}

// seed 001:949
/// The project value meaning "every project" (alauda/alb
/// `controller/modules/consts.go`, `ProjectALL`).
pub const ALL_PROJECTS: &str = "ALL_ALL";

/// `spec.config` of an [`Alb2`] (alauda/alb `ExternalAlbConfig`). The CRD marks it
/// `x-kubernetes-preserve-unknown-fields`, so keys this type does not know are kept in
/// [`extra`](Self::extra) and survive the round trip.
///
/// Several switches are strings upstream (`enablePortprobe: "true"`); they stay strings here.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(extend("x-kubernetes-preserve-unknown-fields" = true))]
pub struct Alb2Config {
    // seed 001:947
    /// Kept for compatibility; upstream uses `metadata.name` instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loadbalancer_name: Option<String>,
    // seed 001:1050
    /// VIP / LoadBalancer Service settings for container network mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vip: Option<VipConfig>,
    // seed 001:946
    /// `host` or `container`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_mode: Option<NetworkMode>,
    /// Node selector of the ALB pods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_selector: Option<BTreeMap<String, String>>,
    /// Load balancer type (legacy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loadbalancer_type: Option<String>,
    // seed 001:950
    /// Number of ALB pods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i64>,
    /// Wire name `enableALb`: reconcile Frontends and Rules (false only in pure gateway mode).
    #[serde(rename = "enableALb", default, skip_serializing_if = "Option::is_none")]
    pub enable_alb: Option<bool>,
    /// OpenResty Prometheus metrics (string switch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_prometheus: Option<String>,
    /// OpenResty metrics port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics_port: Option<i64>,
    /// Port conflict probing (string switch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_portprobe: Option<String>,
    /// Wire name `enableIPV6` (string switch).
    #[serde(
        rename = "enableIPV6",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_ipv6: Option<String>,
    /// Wire name `enableHTTP2` (string switch).
    #[serde(
        rename = "enableHTTP2",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_http2: Option<String>,
    /// Reconcile Ingresses (string switch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_ingress: Option<String>,
    // seed 001:1266
    /// Make this ALB's IngressClass the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_ingress_class: Option<bool>,
    /// Also read endpoints of other clusters (string switch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_cross_clusters: Option<String>,
    /// gzip (string switch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_gzip: Option<String>,
    /// Wire name `defaultSSLCert`: default certificate, `ns/name`.
    #[serde(
        rename = "defaultSSLCert",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub default_ssl_cert: Option<String>,
    /// Wire name `defaultSSLStrategy`: one of [`SSL_STRATEGIES`].
    #[serde(
        rename = "defaultSSLStrategy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub default_ssl_strategy: Option<String>,
    // seed 001:1287
    /// Wire name `ingressHTTPPort`: the HTTP Frontend port for Ingresses (default 80).
    #[serde(
        rename = "ingressHTTPPort",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ingress_http_port: Option<i64>,
    // seed 001:1286
    /// Wire name `ingressHTTPSPort`: the HTTPS Frontend port for Ingresses (default 443).
    #[serde(
        rename = "ingressHTTPSPort",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ingress_https_port: Option<i64>,
    /// Wire name `ingressSSLRedirect`.
    #[serde(
        rename = "ingressSSLRedirect",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ingress_ssl_redirect: Option<bool>,
    /// IngressClass controller name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ingress_controller: Option<String>,
    /// The controller's own Go metrics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_go_monitor: Option<bool>,
    /// pprof endpoints (debug only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_profile: Option<bool>,
    /// Port of the Go metrics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub go_monitor_port: Option<i64>,
    /// nginx `worker_processes` limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worker_limit: Option<i64>,
    /// Informer resync period (seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resync_period: Option<i64>,
    /// Policy sync interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_policy_interval: Option<i64>,
    /// Metrics cleanup interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clean_metrics_interval: Option<i64>,
    /// Listen backlog.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backlog: Option<i64>,
    /// Grace period on termination (seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_term_seconds: Option<i64>,
    /// Interval between policy generations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<i64>,
    /// Wire name `reloadtimeout`: maximum time to generate a configuration.
    #[serde(
        rename = "reloadtimeout",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reload_timeout: Option<i64>,
    /// Compress the generated policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_zip: Option<bool>,
    /// Gateway API mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway: Option<GatewayConfig>,
    /// Resources of the ALB pods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<Alb2Resources>,
    // seed 001:948-949, 1221-1223, 1306-1310
    /// The projects this ALB serves; [`ALL_PROJECTS`] for all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub projects: Option<Vec<String>>,
    // seed 001:1225-1227
    /// Port project mode: ports belong to projects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_port_project: Option<bool>,
    // seed 001:1227
    /// Port segments per project, a JSON string like `[{"port":"113-333","projects":["p1"]}]`;
    /// read it with [`Alb2Config::port_projects`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port_projects: Option<String>,
    /// Pod anti-affinity key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anti_affinity_key: Option<String>,
    // seed 001:1035
    /// Wire name `bindNIC`: JSON string `{"nic":["eth0"]}` choosing the NICs to listen on (host
    /// mode listens on all NICs by default).
    #[serde(rename = "bindNIC", default, skip_serializing_if = "Option::is_none")]
    pub bind_nic: Option<String>,
    /// Image / ConfigMap overrides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overwrite: Option<Alb2Overwrite>,
    /// Wire name `readonlyFS`: read-only root filesystem.
    #[serde(
        rename = "readonlyFS",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub readonly_fs: Option<bool>,
    /// OpenTelemetry defaults for the whole ALB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otel: Option<OtelConfig>,
    /// ModSecurity defaults for the whole ALB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modsecurity: Option<ModSecurityConfig>,
    /// Authentication defaults for the whole ALB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<AuthConfig>,
    /// Timeout defaults for the whole ALB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<TimeoutConfig>,
    /// Keys not modelled above (the CRD preserves unknown fields here).
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// Values of `defaultSSLStrategy` (alauda/alb `ingress/const.go`; default `Request`).
pub const SSL_STRATEGIES: &[&str] = &["Always", "Never", "Request", "Both"];

/// Values of `vip.lbSvcIpFamilyPolicy` (Kubernetes `Service.spec.ipFamilyPolicy`).
pub const IP_FAMILY_POLICIES: &[&str] = &["SingleStack", "PreferDualStack", "RequireDualStack"];

/// Values of `gateway.mode` (alauda/alb `GatewayMode`).
pub const GATEWAY_MODES: &[&str] = &["shared", "standalone"];

/// `config.vip` (alauda/alb `VipConfig`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct VipConfig {
    // seed 001:1050, 1054
    /// Create a LoadBalancer Service for the ALB (e.g. for MetalLB).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_lb_svc: Option<bool>,
    /// `ipFamilyPolicy` of that Service, one of [`IP_FAMILY_POLICIES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lb_svc_ip_family_policy: Option<String>,
    /// `allocateLoadBalancerNodePorts` of that Service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocate_load_balancer_node_ports: Option<bool>,
    /// Annotations of that Service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lb_svc_annotations: Option<BTreeMap<String, String>>,
}

/// `config.gateway` (alauda/alb `ExternalGateway`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct GatewayConfig {
    /// Serve Gateway API resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
    /// `shared` or `standalone` ([`GATEWAY_MODES`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// Gateway name (standalone mode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `config.resources`: resources of the nginx container (top level) and of the `alb` controller
/// container (alauda/alb `ExternalResources`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct Alb2Resources {
    /// The `alb` (Go controller) container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alb: Option<ContainerResources>,
    /// Limits of the nginx container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<CpuMemory>,
    /// Requests of the nginx container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests: Option<CpuMemory>,
}

/// Limits and requests of one container (alauda/alb `ExternalResource`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct ContainerResources {
    /// Limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<CpuMemory>,
    /// Requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests: Option<CpuMemory>,
}

/// CPU and memory quantities (alauda/alb `ContainerResource`; strings in the CRD).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct CpuMemory {
    /// CPU, e.g. `200m`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<Quantity>,
    /// Memory, e.g. `2Gi`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<Quantity>,
}

/// `config.overwrite` (alauda/alb `ExternalOverwrite`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct Alb2Overwrite {
    /// Image overrides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Vec<ImageOverwrite>>,
    /// ConfigMap overrides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub configmap: Option<Vec<ConfigmapOverwrite>>,
}

/// One image override (alauda/alb `ExternalImageOverwriteConfig`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct ImageOverwrite {
    /// The ALB version to override; empty for all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The `alb` image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alb: Option<String>,
    /// The `nginx` image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nginx: Option<String>,
}

/// One ConfigMap override (alauda/alb `ExternalConfigmapOverwriteConfig`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct ConfigmapOverwrite {
    /// The ALB version to override; empty for all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// `ns/name` of the ConfigMap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

// seed 001:1225-1227
/// One entry of `config.portProjects`: a port (`"80"`) or range (`"113-333"`) and the projects
/// that own it (alauda/alb `pkg/config/albrun.go`,
/// `PortProject`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, JsonSchema)]
pub struct PortProject {
    /// `"<port>"` or `"<start>-<end>"`; see [`parse_port_range`](super::parse_port_range).
    pub port: String,
    /// The owning projects.
    #[serde(default)]
    pub projects: Vec<String>,
}

impl Alb2Config {
    /// Parses [`port_projects`](Self::port_projects): `Ok(None)` when absent, the JSON error when
    /// malformed.
    ///
    /// ```
    /// use acp_model::alb::Alb2Config;
    /// let cfg = Alb2Config {
    ///     port_projects: Some(r#"[{"port":"113-333","projects":["p1"]}]"#.into()),
    ///     ..Default::default()
    /// };
    /// let pp = cfg.port_projects().unwrap().unwrap();
    /// assert_eq!((pp[0].port.as_str(), pp[0].projects[0].as_str()), ("113-333", "p1"));
    /// ```
    pub fn port_projects(&self) -> Result<Option<Vec<PortProject>>, serde_json::Error> {
        self.port_projects
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
    }
}

/// The observed state of an [`Alb2`] (alauda/alb `ALB2Status`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Alb2Status {
    /// Overall state (CRD default `Pending`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<Alb2State>,
    /// Why the state changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Unix seconds of the last probe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probe_time: Option<i64>,
    /// Time of the last probe. A Go zero time (`null`) reads as `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probe_time_str: Option<Time>,
    /// Details from the operator and the ALB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<Alb2StatusDetail>,
}

/// `status.detail` (alauda/alb `ALB2StatusDetail`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct Alb2StatusDetail {
    /// Deployment state, set by the operator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deploy: Option<Alb2DeployStatus>,
    /// Port state, set by the ALB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alb: Option<Alb2PortStatuses>,
    /// Allocated addresses, set by the operator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Alb2AddressStatus>,
    /// Chart version, set by the operator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<Alb2VersionStatus>,
}

/// `status.detail.deploy` (alauda/alb `DeployStatus`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Alb2DeployStatus {
    /// Deployment state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<Alb2State>,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probe_time_str: Option<Time>,
}

/// `status.detail.alb` (alauda/alb `AlbStatus`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct Alb2PortStatuses {
    /// Per `<protocol>-<port>` key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portstatus: Option<BTreeMap<String, Alb2PortStatus>>,
}

/// One port's state (alauda/alb `PortStatus`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Alb2PortStatus {
    /// The port is taken by something else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<bool>,
    /// Details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub msg: Option<String>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probe_time_str: Option<Time>,
}

/// `status.detail.address` (alauda/alb `AssignedAddress`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct Alb2AddressStatus {
    /// Addresses were allocated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ok: Option<bool>,
    /// Human-readable addresses (the `allocated-address` column).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub msg: Option<String>,
    /// IPv4 addresses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv4: Option<Vec<String>>,
    /// IPv6 addresses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6: Option<Vec<String>>,
    /// Host names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<Vec<String>>,
}

/// `status.detail.version` (alauda/alb `VersionStatus`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Alb2VersionStatus {
    /// Operator chart version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Whether an image patch is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_patch: Option<String>,
}

impl Alb2 {
    /// Every address of this ALB: `spec.address` split on commas, then the allocated IPv4, IPv6
    /// and host addresses, blanks dropped (alauda/alb `ALB2.GetAllAddress`).
    pub fn all_addresses(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .spec
            .address
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(str::to_owned)
            .collect();
        if let Some(addr) = self
            .status
            .as_ref()
            .and_then(|s| s.detail.as_ref())
            .and_then(|d| d.address.as_ref())
        {
            for list in [&addr.ipv4, &addr.ipv6, &addr.host].into_iter().flatten() {
                out.extend(list.iter().cloned());
            }
        }
        out.retain(|a| !a.trim().is_empty());
        out
    }

    /// The projects in `spec.config.projects` (empty when unset). See also
    /// [`projects_from_labels`](super::projects_from_labels).
    pub fn config_projects(&self) -> &[String] {
        self.spec
            .config
            .as_ref()
            .and_then(|c| c.projects.as_deref())
            .unwrap_or(&[])
    }
}
