//! Machine Configuration: `MachineConfig`, `MachineConfigPool` and `MachineConfiguration`
//! (group `machineconfiguration.alauda.io`, version `v1alpha1`), the node annotations the
//! machine-config daemon writes, and reading MachineConfig YAML the way `kubectl` reads it.
//!
//! ```
//! use acp_model::machineconfig::{self, NodeConfigState, ROLE_LABEL};
//! use acp_model::validation::Validate;
//!
//! let mc = machineconfig::from_yaml(
//!     "apiVersion: machineconfiguration.alauda.io/v1alpha1
//! kind: MachineConfig
//! metadata:
//!   name: 99-worker-chrony
//!   labels:
//!     machineconfiguration.alauda.io/role: worker
//! spec:
//!   config:
//!     ignition:
//!       version: 3.4.0
//!     storage:
//!       files:
//!         - path: /etc/chrony.conf
//!           mode: 0644
//! ",
//! )
//! .unwrap();
//! // `0644` is octal, as kubectl (YAML 1.1) reads it — not decimal 644 as YAML 1.2 would.
//! let config = mc.spec.config.as_ref().unwrap();
//! assert_eq!(config["storage"]["files"][0]["mode"], 420);
//! assert_eq!(mc.metadata.labels.as_ref().unwrap()[ROLE_LABEL], "worker");
//! assert!(mc.validate().is_empty());
//!
//! assert_eq!("Done".parse::<NodeConfigState>(), Ok(NodeConfigState::Done));
//! ```
//!
//! # Sources and decisions
//!
//! * **Group.** The ACP documentation names the node annotations `machineconfiguration.alauda.io/...`,
//!   not OpenShift's `machineconfiguration.openshift.io`;
// seed 004:1025
//!   all three kinds use that group. The ACP documentation gives no version; `v1alpha1` is the version of
//!   ACP's API reference (docs.alauda.io, container_platform/4.1 `apis/kubernetes_apis/
//!   machineconfiguration/*`). Upstream OpenShift serves MachineConfig and MachineConfigPool as
//!   `machineconfiguration.openshift.io/v1` and MachineConfiguration as `operator.openshift.io/v1`.
//! * **Scope.** All three kinds are cluster-scoped, as upstream (openshift/api
//!   `machineconfiguration/v1/types.go`, `operator/v1/types_machineconfiguration.go`,
//!   `scope=Cluster`). ACP's docs say the `cluster` MachineConfiguration is "located in the
//!   cpaas-system namespace" — the same wording OpenShift's docs use for its cluster-scoped object,
//!   so we follow the CRD scope; [`MACHINE_CONFIGURATION_NAMESPACE`] records the statement.
//! * **Schema.** Fields follow upstream openshift/api. `spec.config` is raw JSON
//!   ([`serde_json::Value`]) that round-trips exactly; crate `acp-ignition` types it. The pool's
//!   spec/status and MachineConfiguration's spec/status keep unknown fields in an `extra` map
//!   (feature-gated upstream fields such as `pinnedImageSets`, and ACP additions), so nothing is
//!   dropped. MachineConfigSpec is modelled completely and has no `extra` map.
//! * **Printer columns** are those of the ACP documentation's `kubectl get` output.
// seed 004:985, 1013
//!   No short names: the ACP documentation never uses `mc`/`mcp`.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use k8s_openapi::api::core::v1::ObjectReference;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{Condition, LabelSelector, Time};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::names::NameRule;
use crate::validation::{BadValue, ErrorList, FieldError, FieldPath, Validate};

// seed 004:1025
/// The API group of the three kinds (where the node
/// annotations carry it).
pub const GROUP: &str = "machineconfiguration.alauda.io";
/// The API version (ACP API reference; the ACP documentation gives none).
pub const VERSION: &str = "v1alpha1";

// seed 004:923
/// Label on a MachineConfig naming the pool role it applies to (`master`, `worker`, or a custom
/// pool's role). Pools select MachineConfigs by it; "pools manage nodes based on their role
/// labels". Key from ACP's MachineConfig examples
/// (docs.alauda.io `configure/machine_config/managing`); upstream's is
/// `machineconfiguration.openshift.io/role` (openshift/api `MachineConfigRoleLabelKey`).
pub const ROLE_LABEL: &str = "machineconfiguration.alauda.io/role";

// seed 004:1025; column CURRENT at seed 004:1037
/// Node annotation: the rendered MachineConfig the node runs now.
pub const CURRENT_CONFIG_ANNOTATION: &str = "machineconfiguration.alauda.io/currentConfig";
// seed 004:1025; column DESIRED at seed 004:1036
/// Node annotation: the rendered MachineConfig the node should run.
pub const DESIRED_CONFIG_ANNOTATION: &str = "machineconfiguration.alauda.io/desiredConfig";
// seed 004:1025; values at seed 004:1030-1032 and seed 004:1040-1041
/// Node annotation: the daemon's state, one of [`NodeConfigState`].
pub const STATE_ANNOTATION: &str = "machineconfiguration.alauda.io/state";

/// Label prefix of node roles (`node-role.kubernetes.io/<role>`), the Kubernetes convention the
/// default pools' node selectors use upstream.
pub const NODE_ROLE_LABEL_PREFIX: &str = "node-role.kubernetes.io/";

// seed 004:925
/// The pool created at installation for master nodes.
pub const MASTER_POOL: &str = "master";
// seed 004:925
/// The pool created at installation for worker nodes.
pub const WORKER_POOL: &str = "worker";
// seed 004:931
/// Name of the default MachineConfiguration holding the node-update policies.
pub const MACHINE_CONFIGURATION_NAME: &str = "cluster";
/// The namespace ACP's docs say the `cluster` MachineConfiguration lives in (docs.alauda.io
/// `configure/machine_config/node_disruption`). The CRD is cluster-scoped (see module docs), so
/// this is informational.
pub const MACHINE_CONFIGURATION_NAMESPACE: &str = "cpaas-system";

// seed 004:986, 1016, 1030; seed 004:937
/// Prefix of the MachineConfig a pool renders its configs into: `rendered-<pool>-<hash>`, as the
/// the ACP documentation's outputs show. The ACP documentation's prose says
/// `render-<pool-name>-<content-hash>`; every example uses `rendered-`, as
/// upstream MCO does, so that is the prefix here.
pub const RENDERED_PREFIX: &str = "rendered-";

/// The pool name inside a rendered config name: `rendered-worker-05f27341ba49cf86dc4b` →
/// `worker` (pool names may contain `-`; the hash is the last segment). `None` when the name
/// is not of that shape.
///
/// ```
/// use acp_model::machineconfig::rendered_pool_name;
/// assert_eq!(rendered_pool_name("rendered-master-06c9c4"), Some("master"));
/// assert_eq!(rendered_pool_name("rendered-gpu-worker-ab12"), Some("gpu-worker"));
/// assert_eq!(rendered_pool_name("00-master"), None);
/// ```
pub fn rendered_pool_name(config_name: &str) -> Option<&str> {
    let rest = config_name.strip_prefix(RENDERED_PREFIX)?;
    let (pool, hash) = rest.rsplit_once('-')?;
    if pool.is_empty() || hash.is_empty() {
        None
    } else {
        Some(pool)
    }
}

// ---------------------------------------------------------------------------------------------
// MachineConfig
// ---------------------------------------------------------------------------------------------

// seed 004:943; seed 004:951-953
/// The spec of a [`MachineConfig`]: an Ignition config plus OS-level knobs.
///
/// Fields from upstream openshift/api `machineconfiguration/v1/types.go` (`MachineConfigSpec`).
/// The ACP documentation states only that the config is Ignition v3.4.0
/// and that files, systemd units and the boot user's SSH keys are what it manages.
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[kube(
    group = "machineconfiguration.alauda.io",
    derive = "PartialEq",
    version = "v1alpha1",
    kind = "MachineConfig",
    plural = "machineconfigs",
    printcolumn = r#"{"name":"IgnitionVersion","type":"string","jsonPath":".spec.config.ignition.version"}"#,
    printcolumn = r#"{"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}"#
)]
#[serde(rename_all = "camelCase")]
pub struct MachineConfigSpec {
    /// Remote location of the OS image (`osImageURL`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        rename = "osImageURL"
    )]
    pub os_image_url: Option<String>,
    /// Extensions container matching a new-format OS image (`baseOSExtensionsContainerImage`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        rename = "baseOSExtensionsContainerImage"
    )]
    pub base_os_extensions_container_image: Option<String>,
    // seed 004:943
    /// The Ignition config (v3.4.0), kept as raw JSON so it
    /// round-trips exactly; `acp-ignition` types it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::schema_util::raw_object")]
    pub config: Option<Value>,
    /// Kernel arguments to add.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kernel_arguments: Option<Vec<String>>,
    /// Extra host features to enable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Vec<String>>,
    /// FIPS mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fips: Option<bool>,
    /// Which kernel to run (upstream: `default`, `realtime`, `64k-pages`); not validated, the
    /// ACP documentation names no set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kernel_type: Option<String>,
}

// seed 004:943
/// The Ignition version every MachineConfig must use.
pub const IGNITION_VERSION: &str = "3.4.0";

impl MachineConfig {
    /// The role label's value ([`ROLE_LABEL`]), if set.
    pub fn role(&self) -> Option<&str> {
        self.metadata
            .labels
            .as_ref()
            .and_then(|l| l.get(ROLE_LABEL))
            .map(String::as_str)
    }

    /// Whether the object is owned by a MachineConfigPool (a rendered config the controller
    /// generated), by its owner references.
    pub fn is_pool_owned(&self) -> bool {
        self.metadata
            .owner_references
            .as_ref()
            .is_some_and(|refs| refs.iter().any(|r| r.kind == "MachineConfigPool"))
    }

    /// `spec.config.ignition.version`, if present and a string.
    pub fn ignition_version(&self) -> Option<&str> {
        self.spec
            .config
            .as_ref()?
            .get("ignition")?
            .get("version")?
            .as_str()
    }
}

// seed 004:923, 925; seed 004:943
/// Rules (structural only; Ignition's own validation belongs to `acp-ignition`):
///
/// * `metadata.name`: required, a DNS-1123 subdomain (apimachinery `NameIsDNSSubdomain`).
/// * `metadata.labels[machineconfiguration.alauda.io/role]`: required and non-empty unless the
///   object is owned by a MachineConfigPool (a rendered config) — pools select MachineConfigs by
///   role label, so one without it is never applied.
/// * `spec.config`, when present: a JSON object, with `ignition.version` required and equal to
///   `3.4.0`.
impl Validate for MachineConfig {
    fn validate(&self) -> ErrorList {
        let mut errs =
            crate::names::validate_object_meta(&self.metadata, NameRule::Dns1123Subdomain);
        let labels = FieldPath::new("metadata").child("labels");
        if !self.is_pool_owned() {
            match self.role() {
                None => errs.push(FieldError::required(
                    &labels.key(ROLE_LABEL),
                    "a MachineConfig is applied only by the pools whose machineConfigSelector \
                     selects its role label",
                )),
                Some("") => errs.push(FieldError::invalid(
                    &labels.key(ROLE_LABEL),
                    "",
                    "must name a pool role, e.g. \"worker\"",
                )),
                Some(_) => {}
            }
        }
        if let Some(config) = &self.spec.config {
            let path = FieldPath::new("spec").child("config");
            match config {
                Value::Object(map) => {
                    let version_path = path.child("ignition").child("version");
                    match map.get("ignition").and_then(|i| i.get("version")) {
                        None | Some(Value::Null) => {
                            errs.push(FieldError::required(&version_path, ""));
                        }
                        Some(Value::String(v)) if v == IGNITION_VERSION => {}
                        Some(Value::String(v)) => errs.push(FieldError::not_supported(
                            &version_path,
                            v.as_str(),
                            &[IGNITION_VERSION],
                        )),
                        Some(other) => errs.push(FieldError::invalid(
                            &version_path,
                            other.clone(),
                            "must be a string",
                        )),
                    }
                }
                other => errs.push(FieldError::invalid(
                    &path,
                    other.clone(),
                    "must be an Ignition config object",
                )),
            }
        }
        errs
    }
}

// ---------------------------------------------------------------------------------------------
// Reading MachineConfig YAML like kubectl
// ---------------------------------------------------------------------------------------------

/// Why [`from_yaml`] failed.
#[cfg(feature = "yaml")]
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Not YAML.
    #[error("invalid YAML: {0}")]
    Yaml(#[from] serde_saphyr::Error),
    /// YAML, but not of a MachineConfig's shape (e.g. a string where a list belongs).
    #[error("invalid MachineConfig: {0}")]
    Schema(#[from] serde_json::Error),
    /// The document is not `machineconfiguration.alauda.io/v1alpha1` `MachineConfig`.
    #[error("expected {expected}, got apiVersion {api_version:?} kind {kind:?}")]
    WrongKind {
        /// What this function reads.
        expected: &'static str,
        /// The document's apiVersion (empty if absent).
        api_version: String,
        /// The document's kind (empty if absent).
        kind: String,
    },
}

/// Reads a MachineConfig from YAML as `kubectl apply` would send it to the apiserver.
///
/// kubectl reads YAML with go-yaml v2 (YAML 1.1), where a file mode written `mode: 0644` is the
/// octal number 420. serde-saphyr follows YAML 1.2 by default, where `0644` is not an integer and
/// comes out as the number 644 (checked in this crate's tests) — a file would silently get mode
/// `01204`. This function parses with serde-saphyr's `legacy_octal_numbers` option (the crate's
/// [`yaml_options`](crate::yaml::yaml_options), as `object::parse_yaml`), so **plain**
/// (unquoted, untagged) scalars resolve as go-yaml v2 resolves them:
///
/// | written | value | rule |
/// | --- | --- | --- |
/// | `0644`, `+0644`, `0_644` | 420 | leading `0` then octal digits: base 8 (YAML 1.1 `[-+]?0[0-7_]+`) |
/// | `0755` | 493 | base 8 |
/// | `0o644` | 420 | `0o` prefix: base 8 (YAML 1.2; Go accepts it too) |
/// | `0x1A4` | 420 | base 16 |
/// | `420`, `644` | 420, 644 | decimal |
/// | `0`, `00` | 0 | |
/// | `0888`, `09` | 888, 9 | not octal: the strict YAML 1.1 regex makes these strings, but go-yaml v2 falls back to its float rule and kubectl sends the number 888 — we follow kubectl |
/// | `"0644"`, `'0644'`, `!!str 0644` | the string `"0644"` | quoted or tagged scalars are never numbers |
///
/// The rule applies to every plain integer scalar of the document, as in kubectl; in a
/// MachineConfig the integers live in `spec.config` (file and directory `mode`, user and group
/// ids, partition numbers). Finally, a `mode` of `spec.config.storage.files[]` or
/// `spec.config.storage.directories[]` that came out as an integral float (`0888` → 888.0) is
/// written as the integer, as Go's JSON encoder prints it.
///
/// ```
/// let mc = acp_model::machineconfig::from_yaml(
///     "apiVersion: machineconfiguration.alauda.io/v1alpha1\nkind: MachineConfig\n\
///      metadata: {name: m, labels: {machineconfiguration.alauda.io/role: worker}}\n\
///      spec: {config: {ignition: {version: 3.4.0}, storage: {directories: [{path: /etc/x, mode: 0755}]}}}\n",
/// ).unwrap();
/// assert_eq!(mc.spec.config.unwrap()["storage"]["directories"][0]["mode"], 493);
/// ```
#[cfg(feature = "yaml")]
pub fn from_yaml(s: &str) -> Result<MachineConfig, Error> {
    let mut value: Value = serde_saphyr::from_str_with_options(s, crate::yaml::yaml_options())?;
    let api_version = value
        .get("apiVersion")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let kind = value
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if api_version != "machineconfiguration.alauda.io/v1alpha1" || kind != "MachineConfig" {
        return Err(Error::WrongKind {
            expected: "machineconfiguration.alauda.io/v1alpha1 MachineConfig",
            api_version: api_version.to_owned(),
            kind: kind.to_owned(),
        });
    }
    if let Some(storage) = value.pointer_mut("/spec/config/storage") {
        for list in ["files", "directories"] {
            if let Some(Value::Array(items)) = storage.get_mut(list) {
                for item in items {
                    if let Some(mode) = item.get_mut("mode") {
                        integral_float_to_int(mode);
                    }
                }
            }
        }
    }
    Ok(serde_json::from_value(value)?)
}

/// Go's `encoding/json` prints an integral float64 below 1e21 without a fraction; mirror that.
#[cfg(feature = "yaml")]
fn integral_float_to_int(v: &mut Value) {
    if let Value::Number(n) = v
        && n.is_f64()
        && let Some(f) = n.as_f64()
        && f.fract() == 0.0
        && f.abs() < 9.0e15
    {
        // |f| < 2^53, so the conversion is exact.
        #[allow(clippy::cast_possible_truncation)]
        let i = f as i64;
        *v = Value::from(i);
    }
}

// ---------------------------------------------------------------------------------------------
// Node state
// ---------------------------------------------------------------------------------------------

// seed 004:1030-1032, 1040-1041; seed 004:999
/// The machine-config daemon's state of a node, the value of [`STATE_ANNOTATION`].
///
/// `Done`, `Working`, `Degraded` are the values the ACP documentation shows;
/// `Unreconcilable` is upstream MCO's fourth state
/// (`MachineConfigDaemonStateUnreconcilable`), which ACP counts among degraded machines
/// ("Nodes marked as degraded or unreconcilable"). A closed set: unknown values
/// fail to parse ([`UnknownNodeState`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeConfigState {
    // seed 004:1040
    /// Healthy; desired and current configs match.
    Done,
    // seed 004:1041
    /// Updating; current ≠ desired.
    Working,
    // seed 004:933, 995
    /// The configuration could not be applied, or drifted.
    Degraded,
    // seed 004:999
    /// The change cannot be applied in place (upstream MCO).
    Unreconcilable,
}

impl NodeConfigState {
    /// The annotation value.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeConfigState::Done => "Done",
            NodeConfigState::Working => "Working",
            NodeConfigState::Degraded => "Degraded",
            NodeConfigState::Unreconcilable => "Unreconcilable",
        }
    }

    // seed 004:999
    /// Whether the pool counts the node in `degradedMachineCount` (degraded or unreconcilable).
    pub fn is_degraded(self) -> bool {
        matches!(
            self,
            NodeConfigState::Degraded | NodeConfigState::Unreconcilable
        )
    }
}

impl fmt::Display for NodeConfigState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A [`STATE_ANNOTATION`] value that is not a known state.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown node config state {0:?}: expected Done, Working, Degraded or Unreconcilable")]
pub struct UnknownNodeState(pub String);

impl FromStr for NodeConfigState {
    type Err = UnknownNodeState;
    /// Exact, case-sensitive match (the daemon writes these spellings).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "Done" => Ok(NodeConfigState::Done),
            "Working" => Ok(NodeConfigState::Working),
            "Degraded" => Ok(NodeConfigState::Degraded),
            "Unreconcilable" => Ok(NodeConfigState::Unreconcilable),
            other => Err(UnknownNodeState(other.to_owned())),
        }
    }
}

// seed 004:1025-1032
/// The three machine-config annotations of a node, as `kubectl get node -o custom-columns=…`
/// shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NodeConfigStatus {
    /// [`DESIRED_CONFIG_ANNOTATION`].
    pub desired_config: Option<String>,
    /// [`CURRENT_CONFIG_ANNOTATION`].
    pub current_config: Option<String>,
    /// [`STATE_ANNOTATION`], raw.
    pub state: Option<String>,
}

impl NodeConfigStatus {
    /// Reads the annotations of a node (`metadata.annotations`).
    pub fn from_annotations(annotations: &BTreeMap<String, String>) -> Self {
        NodeConfigStatus {
            desired_config: annotations.get(DESIRED_CONFIG_ANNOTATION).cloned(),
            current_config: annotations.get(CURRENT_CONFIG_ANNOTATION).cloned(),
            state: annotations.get(STATE_ANNOTATION).cloned(),
        }
    }

    /// Reads a node's annotations.
    pub fn from_node(node: &k8s_openapi::api::core::v1::Node) -> Self {
        node.metadata
            .annotations
            .as_ref()
            .map(Self::from_annotations)
            .unwrap_or_default()
    }

    /// The parsed state; `None` when absent, `Some(Err)` when not a known state.
    pub fn parsed_state(&self) -> Option<Result<NodeConfigState, UnknownNodeState>> {
        self.state.as_deref().map(str::parse)
    }

    // seed 004:1040
    /// `Done` with desired = current: the node runs its target configuration.
    pub fn is_up_to_date(&self) -> bool {
        matches!(self.parsed_state(), Some(Ok(NodeConfigState::Done)))
            && self.desired_config.is_some()
            && self.desired_config == self.current_config
    }
}

// ---------------------------------------------------------------------------------------------
// MachineConfigPool
// ---------------------------------------------------------------------------------------------

/// The spec of a [`MachineConfigPool`]: which MachineConfigs and which nodes it manages, and how
/// fast it updates.
///
/// Fields from upstream openshift/api `machineconfiguration/v1/types.go`
/// (`MachineConfigPoolSpec`); unknown fields are kept in [`extra`](Self::extra).
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[kube(
    group = "machineconfiguration.alauda.io",
    derive = "PartialEq",
    version = "v1alpha1",
    kind = "MachineConfigPool",
    plural = "machineconfigpools",
    status = "MachineConfigPoolStatus",
    printcolumn = r#"{"name":"Config","type":"string","jsonPath":".status.configuration.name"}"#,
    printcolumn = r#"{"name":"Updated","type":"string","jsonPath":".status.conditions[?(@.type==\"Updated\")].status"}"#,
    printcolumn = r#"{"name":"Updating","type":"string","jsonPath":".status.conditions[?(@.type==\"Updating\")].status"}"#,
    printcolumn = r#"{"name":"Degraded","type":"string","jsonPath":".status.conditions[?(@.type==\"Degraded\")].status"}"#,
    printcolumn = r#"{"name":"MachineCount","type":"number","jsonPath":".status.machineCount"}"#,
    printcolumn = r#"{"name":"ReadyMachineCount","type":"number","jsonPath":".status.readyMachineCount"}"#,
    printcolumn = r#"{"name":"UpdatedMachineCount","type":"number","jsonPath":".status.updatedMachineCount"}"#,
    printcolumn = r#"{"name":"DegradedMachineCount","type":"number","jsonPath":".status.degradedMachineCount"}"#,
    printcolumn = r#"{"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}"#
)]
#[serde(rename_all = "camelCase")]
pub struct MachineConfigPoolSpec {
    // seed 004:923
    /// Selects the MachineConfigs of the pool, by their role label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine_config_selector: Option<LabelSelector>,
    // seed 004:923
    /// Selects the nodes of the pool, by their role labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_selector: Option<LabelSelector>,
    /// Stops rendering and node updates while true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused: Option<bool>,
    // seed 004:939
    /// How many nodes may update at once, a number or a percentage; default 1.
    /// See [`MachineConfigPoolSpec::max_unavailable_nodes`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<IntOrString>,
    /// The targeted rendered MachineConfig (set by the controller).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub configuration: Option<MachineConfigPoolConfiguration>,
    /// Fields not modelled here (upstream feature-gated `pinnedImageSets`, ACP additions), kept
    /// so the object round-trips.
    #[serde(flatten, default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, Value>,
}

/// A pool's rendered configuration: an object reference (inline, as upstream's
/// `MachineConfigPoolStatusConfiguration` embeds `corev1.ObjectReference`) plus the
/// MachineConfigs it was rendered from.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MachineConfigPoolConfiguration {
    /// API version of the referent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// Field path within the referent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_path: Option<String>,
    /// Kind of the referent (`MachineConfig`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    // seed 004:987
    /// Name of the rendered MachineConfig (`rendered-worker-f4b64`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Namespace of the referent (empty for MachineConfigs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Resource version of the referent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_version: Option<String>,
    /// UID of the referent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    /// The MachineConfigs merged into it, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Vec<ObjectReference>>,
}

// seed 004:985, 993-995
/// Condition types of a MachineConfigPool (upstream `MachineConfigPoolConditionType`); the ACP documentation
/// prints `Updated`, `Updating`, `Degraded` as columns.
pub mod pool_conditions {
    // seed 004:993
    /// All machines run the pool's current config.
    pub const UPDATED: &str = "Updated";
    // seed 004:994
    /// At least one machine is updating.
    pub const UPDATING: &str = "Updating";
    // seed 004:995
    /// The config cannot be applied to at least one node;
    /// upstream, `NodeDegraded` or `RenderDegraded`.
    pub const DEGRADED: &str = "Degraded";
    /// Updating one of the machines is not progressing (upstream).
    pub const NODE_DEGRADED: &str = "NodeDegraded";
    /// The pool's rendered config cannot be generated (upstream).
    pub const RENDER_DEGRADED: &str = "RenderDegraded";
}

// seed 004:985-999
/// The status of a [`MachineConfigPool`] (upstream `MachineConfigPoolStatus`; the counts are the
/// the ACP documentation's columns). Unknown fields are kept in
/// [`extra`](Self::extra).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MachineConfigPoolStatus {
    /// The generation the controller observed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_generation: Option<i64>,
    // seed 004:992
    /// The rendered config the pool's nodes run (column CONFIG).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub configuration: Option<MachineConfigPoolConfiguration>,
    // seed 004:996
    /// Nodes in the pool (MACHINECOUNT).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine_count: Option<i32>,
    // seed 004:998
    /// Nodes that applied the current config (UPDATEDMACHINECOUNT).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_machine_count: Option<i32>,
    // seed 004:997
    /// Nodes with the current config, healthy and schedulable (READYMACHINECOUNT).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready_machine_count: Option<i32>,
    /// Nodes unavailable: updating or not Ready (upstream).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unavailable_machine_count: Option<i32>,
    // seed 004:999
    /// Nodes degraded or unreconcilable (DEGRADEDMACHINECOUNT).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub degraded_machine_count: Option<i32>,
    /// Conditions ([`pool_conditions`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Vec<MachineConfigPoolCondition>>,
    /// Certificate expiry data (upstream `certExpirys`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cert_expirys: Option<Vec<CertExpiry>>,
    /// Fields not modelled here, kept so the object round-trips.
    #[serde(flatten, default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, Value>,
}

impl MachineConfigPoolStatus {
    /// The condition of a type ([`pool_conditions`]).
    pub fn condition(&self, type_: &str) -> Option<&MachineConfigPoolCondition> {
        self.conditions.as_ref()?.iter().find(|c| c.type_ == type_)
    }

    // seed 004:985
    /// Whether the condition of a type has status `True` (what the UPDATED / UPDATING / DEGRADED
    /// columns print).
    pub fn is_condition_true(&self, type_: &str) -> bool {
        self.condition(type_).is_some_and(|c| c.status == "True")
    }
}

/// One condition of a MachineConfigPool (upstream `MachineConfigPoolCondition`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MachineConfigPoolCondition {
    /// The condition type ([`pool_conditions`]).
    #[serde(rename = "type")]
    pub type_: String,
    /// `True`, `False` or `Unknown`.
    pub status: String,
    /// When the status last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_transition_time: Option<Time>,
    /// Machine-readable reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// A certificate's expiry (upstream `CertExpiry`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CertExpiry {
    /// The bundle holding the certificate.
    pub bundle: String,
    /// The certificate's subject.
    pub subject: String,
    /// When it expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<Time>,
}

impl MachineConfigPoolSpec {
    /// How many nodes of a pool of `machine_count` may update at once.
    ///
    /// Upstream MCO (`pkg/controller/node/node_controller.go`, `getMaxUnavailable`): the default
    /// is 1; a percentage is scaled by the node count rounding **down**
    /// (`intstr.GetScaledValueFromIntOrPercent(…, roundUp=false)`); a result of 0 becomes 1 — a
    /// pool cannot be stopped with 0, only with `paused` (upstream field doc). `None` when the
    /// value is negative or not a valid percentage (see [`Validate`]).
    ///
    /// ```
    /// use acp_model::machineconfig::MachineConfigPoolSpec;
    /// use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
    /// let mut spec = MachineConfigPoolSpec::default();
    /// assert_eq!(spec.max_unavailable_nodes(10), Some(1));
    /// spec.max_unavailable = Some(IntOrString::String("25%".into()));
    /// assert_eq!(spec.max_unavailable_nodes(10), Some(2)); // 2.5 rounds down
    /// assert_eq!(spec.max_unavailable_nodes(3), Some(1)); // 0.75 → 0 → 1
    /// spec.max_unavailable = Some(IntOrString::Int(0));
    /// assert_eq!(spec.max_unavailable_nodes(10), Some(1));
    /// ```
    pub fn max_unavailable_nodes(&self, machine_count: u32) -> Option<u32> {
        let n = match &self.max_unavailable {
            None => 1,
            Some(v) => {
                let total = i32::try_from(machine_count).unwrap_or(i32::MAX);
                let scaled = crate::intstr::IntOrPercent::from(v.clone())
                    .scaled_value(total, false)
                    .ok()?;
                u32::try_from(scaled).ok()?
            }
        };
        Some(n.max(1))
    }
}

/// `N%` with N a decimal number (apimachinery `IsValidPercent`: `^[0-9]+%$`).
fn parse_percent(s: &str) -> Option<u32> {
    let digits = s.strip_suffix('%')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Saturate absurdly long numbers; validation reports them as > 100%.
    Some(digits.parse::<u32>().unwrap_or(u32::MAX))
}

const MASTER_NODE_ROLE_LABELS: &[&str] = &[
    "node-role.kubernetes.io/master",
    "node-role.kubernetes.io/control-plane",
];

// seed 004:923; seed 004:927
// DEVIATION: both selectors are required; upstream MCO leaves them optional (a pool without them
// manages nothing).
/// Rules:
///
/// * `metadata.name`: required, a DNS-1123 subdomain.
/// * `spec.machineConfigSelector` and `spec.nodeSelector`: required — a pool manages the
///   MachineConfigs and nodes its selectors pick by role label;
///   upstream leaves them optional, but a pool without them manages nothing. Each selector's
///   `matchExpressions` are checked as apimachinery's `ValidateLabelSelector` does (operator,
///   values).
/// * `spec.maxUnavailable`: an integer ≥ 0 or a percentage `N%` with N ≤ 100 (apimachinery
///   `ValidatePositiveIntOrPercent`, `IsNotMoreThan100Percent`; 0 acts as 1 upstream).
/// * A custom pool (any name but `master`/`worker`) must not select master nodes: "Master nodes
///   cannot use custom pools". Checked on the node selector's
///   `matchLabels` keys and `In`/`Exists` expressions for `node-role.kubernetes.io/master` and
///   `node-role.kubernetes.io/control-plane`.
impl Validate for MachineConfigPool {
    fn validate(&self) -> ErrorList {
        let mut errs =
            crate::names::validate_object_meta(&self.metadata, NameRule::Dns1123Subdomain);
        let spec = FieldPath::new("spec");
        match &self.spec.machine_config_selector {
            None => errs.push(FieldError::required(
                &spec.child("machineConfigSelector"),
                "",
            )),
            Some(sel) => errs.extend(crate::names::validate_label_selector(
                sel,
                &spec.child("machineConfigSelector"),
            )),
        }
        match &self.spec.node_selector {
            None => errs.push(FieldError::required(&spec.child("nodeSelector"), "")),
            Some(sel) => {
                errs.extend(crate::names::validate_label_selector(
                    sel,
                    &spec.child("nodeSelector"),
                ));
                let name = self.metadata.name.as_deref().unwrap_or_default();
                if name != MASTER_POOL && name != WORKER_POOL && selects_master_nodes(sel) {
                    errs.push(FieldError::forbidden(
                        &spec.child("nodeSelector"),
                        "master nodes cannot use custom pools",
                    ));
                }
            }
        }
        if let Some(mu) = &self.spec.max_unavailable {
            errs.extend(validate_int_or_percent(mu, &spec.child("maxUnavailable")));
        }
        errs
    }
}

fn selects_master_nodes(sel: &LabelSelector) -> bool {
    let by_labels = sel.match_labels.as_ref().is_some_and(|m| {
        m.keys()
            .any(|k| MASTER_NODE_ROLE_LABELS.contains(&k.as_str()))
    });
    let by_exprs = sel.match_expressions.as_ref().is_some_and(|exprs| {
        exprs.iter().any(|e| {
            MASTER_NODE_ROLE_LABELS.contains(&e.key.as_str())
                && (e.operator == "Exists" || e.operator == "In")
        })
    });
    by_labels || by_exprs
}

/// apimachinery apps validation `ValidatePositiveIntOrPercent` + `IsNotMoreThan100Percent`.
fn validate_int_or_percent(v: &IntOrString, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    match v {
        IntOrString::Int(i) => {
            if *i < 0 {
                errs.push(FieldError::invalid(
                    path,
                    *i,
                    "must be greater than or equal to 0",
                ));
            }
        }
        IntOrString::String(s) => match parse_percent(s) {
            None => errs.push(FieldError::invalid(
                path,
                s.as_str(),
                "a valid percent string must be a numeric string followed by an ending '%' \
                 (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
            )),
            Some(p) if p > 100 => {
                errs.push(FieldError::invalid(
                    path,
                    s.as_str(),
                    "must not be greater than 100%",
                ));
            }
            Some(_) => {}
        },
    }
    errs
}

// ---------------------------------------------------------------------------------------------
// MachineConfiguration (node disruption policy)
// ---------------------------------------------------------------------------------------------

// seed 004:931
/// The spec of the [`MachineConfiguration`] named `cluster`:
/// global node-update policies, chiefly the node disruption policy.
///
/// `nodeDisruptionPolicy` follows upstream openshift/api `operator/v1/types_machineconfiguration.go`
/// (`NodeDisruptionPolicyConfig`). `defaultNodeDisruptionPolicySpecAction` is ACP's own field (ACP
/// API reference: "the default disruption policy for files/units/sshkeys"); its inner shape is
/// not documented where we could read it, so it is kept as raw JSON. Other fields (upstream's
/// `managementState`, `logLevel`, …) are kept in [`extra`](Self::extra).
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[kube(
    group = "machineconfiguration.alauda.io",
    derive = "PartialEq",
    version = "v1alpha1",
    kind = "MachineConfiguration",
    plural = "machineconfigurations",
    status = "MachineConfigurationStatus"
)]
#[serde(rename_all = "camelCase")]
pub struct MachineConfigurationSpec {
    /// Actions to take on changes to given files, units and SSH keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_disruption_policy: Option<NodeDisruptionPolicyConfig>,
    /// ACP: the default actions for files/units/sshkeys (raw JSON, see the type docs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::schema_util::raw_object")]
    pub default_node_disruption_policy_spec_action: Option<Value>,
    /// Fields not modelled here, kept so the object round-trips.
    #[serde(flatten, default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, Value>,
}

/// Per-file, per-unit and SSH-key disruption actions (upstream `NodeDisruptionPolicyConfig`;
/// also the shape of `status.nodeDisruptionPolicyStatus.clusterPolicies`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NodeDisruptionPolicyConfig {
    /// Files, keyed by path (at most 50 in the spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<NodeDisruptionPolicyFile>>,
    /// systemd units, keyed by name (at most 50 in the spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<Vec<NodeDisruptionPolicyUnit>>,
    /// Actions for any SSH key change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sshkey: Option<NodeDisruptionPolicySshKey>,
}

/// Actions for changes to one file.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct NodeDisruptionPolicyFile {
    /// The file's path (list key).
    pub path: String,
    /// Actions, applied in order (at most 10; required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<NodeDisruptionPolicyAction>>,
}

/// Actions for changes to one systemd unit.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct NodeDisruptionPolicyUnit {
    /// The unit's name, `${NAME}${SERVICETYPE}` (list key).
    pub name: String,
    /// Actions, applied in order (at most 10; required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<NodeDisruptionPolicyAction>>,
}

/// Actions for SSH key changes.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct NodeDisruptionPolicySshKey {
    /// Actions, applied in order (at most 10; required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<NodeDisruptionPolicyAction>>,
}

/// One disruption action (upstream `NodeDisruptionPolicySpecAction` / `…StatusAction`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema)]
pub struct NodeDisruptionPolicyAction {
    /// What to do.
    #[serde(rename = "type")]
    #[schemars(with = "String")]
    pub type_: NodeDisruptionActionType,
    /// The service to reload; required iff `type` is `Reload`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reload: Option<ServiceTarget>,
    /// The service to restart; required iff `type` is `Restart`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restart: Option<ServiceTarget>,
}

/// The service a `Reload` / `Restart` action acts on.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ServiceTarget {
    /// The full unit name, e.g. `crio.service`.
    pub service_name: String,
}

open_enum! {
    /// A node disruption action type. The spec allows the first six; `Special` is set only by the
    /// operator in status (upstream `NodeDisruptionPolicyStatusActionType`). Values outside the
    /// set are kept in `Other` so any stored object round-trips; [`Validate`] rejects them.
    NodeDisruptionActionType {
        /// Drain and reboot the node (the default for unit changes).
        Reboot => "Reboot",
        /// Cordon and drain, no reboot.
        Drain => "Drain",
        /// Reload the named service.
        Reload => "Reload",
        /// Restart the named service.
        Restart => "Restart",
        /// `systemctl daemon-reload`.
        DaemonReload => "DaemonReload",
        /// No disruption.
        None => "None",
        /// Operator-internal (status only).
        Special => "Special",
    }
}

impl NodeDisruptionActionType {
    /// The values a user may set in the spec, in upstream's order.
    pub const SPEC_VALUES: &'static [&'static str] = &[
        "Reboot",
        "Drain",
        "Reload",
        "Restart",
        "DaemonReload",
        "None",
    ];
}

/// The status of a [`MachineConfiguration`] (upstream `MachineConfigurationStatus`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MachineConfigurationStatus {
    /// The generation the operator observed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_generation: Option<i64>,
    /// Conditions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Vec<Condition>>,
    /// The validated policies in effect: cluster defaults merged with the spec's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_disruption_policy_status: Option<NodeDisruptionPolicyStatus>,
    /// Fields not modelled here, kept so the object round-trips.
    #[serde(flatten, default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, Value>,
}

/// `status.nodeDisruptionPolicyStatus`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NodeDisruptionPolicyStatus {
    /// Cluster defaults merged with the user's policies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_policies: Option<NodeDisruptionPolicyConfig>,
}

const UNIT_SUFFIXES: &[&str] = &[
    ".service",
    ".socket",
    ".device",
    ".mount",
    ".automount",
    ".swap",
    ".target",
    ".path",
    ".timer",
    ".snapshot",
    ".slice",
    ".scope",
];

const SERVICE_TYPE_MSG: &str = "Invalid ${SERVICETYPE} in service name. Expected format is \
     ${NAME}${SERVICETYPE}, where ${SERVICETYPE} must be one of \".service\", \".socket\", \
     \".device\", \".mount\", \".automount\", \".swap\", \".target\", \".path\", \".timer\",\
     \".snapshot\", \".slice\" or \".scope\".";
const SERVICE_NAME_MSG: &str = "Invalid ${NAME} in service name. Expected format is \
     ${NAME}${SERVICETYPE}, where {NAME} must be atleast 1 character long and can only consist \
     of alphabets, digits, \":\", \"-\", \"_\", \".\", and \"\\\"";

/// Upstream CRD rules of `NodeDisruptionPolicyServiceName` (openshift/api
/// `operator/v1/types_machineconfiguration.go`): at most 255 bytes, ends in a unit type suffix,
/// and starts with `[a-zA-Z0-9:._\\-]+\.`. Errors print as the apiserver prints CEL failures
/// (`Invalid value: "string": <message>`).
fn validate_service_name(name: &str, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if name.len() > 255 {
        errs.push(FieldError::too_long(path, 255));
    }
    if !UNIT_SUFFIXES.iter().any(|s| name.ends_with(s)) {
        errs.push(FieldError::invalid(path, "string", SERVICE_TYPE_MSG));
    }
    // `^[a-zA-Z0-9:._\\-]+\..`: a run of allowed characters, then a dot followed by anything.
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, ':' | '.' | '_' | '\\' | '-');
    let prefix_len = name.find(|c: char| !allowed(c)).unwrap_or(name.len());
    let prefix = &name[..prefix_len];
    // Some dot at index ≥ 1 within the run, with at least one character after it in `name`.
    let ok = prefix
        .char_indices()
        .any(|(i, c)| c == '.' && i >= 1 && name.len() > i + 1);
    if !ok {
        errs.push(FieldError::invalid(path, "string", SERVICE_NAME_MSG));
    }
    errs
}

fn validate_actions(
    actions: Option<&Vec<NodeDisruptionPolicyAction>>,
    path: &FieldPath,
) -> ErrorList {
    let mut errs = ErrorList::new();
    let Some(actions) = actions else {
        errs.push(FieldError::required(path, ""));
        return errs;
    };
    if actions.len() > 10 {
        errs.push(FieldError::too_many(path, actions.len(), 10));
    }
    let has = |t: &NodeDisruptionActionType| actions.iter().any(|a| &a.type_ == t);
    if has(&NodeDisruptionActionType::Reboot) && actions.len() != 1 {
        errs.push(FieldError::invalid(
            path,
            "array",
            "Reboot action can only be specified standalone, as it will override any other actions",
        ));
    }
    if has(&NodeDisruptionActionType::None) && actions.len() != 1 {
        errs.push(FieldError::invalid(
            path,
            "array",
            "None action can only be specified standalone, as it will override any other actions",
        ));
    }
    for (i, a) in actions.iter().enumerate() {
        let p = path.index(i);
        if !NodeDisruptionActionType::SPEC_VALUES.contains(&a.type_.as_str()) {
            errs.push(FieldError::not_supported(
                &p.child("type"),
                a.type_.as_str(),
                NodeDisruptionActionType::SPEC_VALUES,
            ));
        }
        let is_reload = a.type_ == NodeDisruptionActionType::Reload;
        let is_restart = a.type_ == NodeDisruptionActionType::Restart;
        if is_reload != a.reload.is_some() {
            errs.push(FieldError::invalid(
                &p,
                "object",
                "reload is required when type is Reload, and forbidden otherwise",
            ));
        }
        if is_restart != a.restart.is_some() {
            errs.push(FieldError::invalid(
                &p,
                "object",
                "restart is required when type is Restart, and forbidden otherwise",
            ));
        }
        if let Some(r) = &a.reload {
            errs.extend(validate_service_name(
                &r.service_name,
                &p.child("reload").child("serviceName"),
            ));
        }
        if let Some(r) = &a.restart {
            errs.extend(validate_service_name(
                &r.service_name,
                &p.child("restart").child("serviceName"),
            ));
        }
    }
    errs
}

/// Rules: `metadata.name` a DNS-1123 subdomain; `spec.nodeDisruptionPolicy` as upstream's CRD
/// (openshift/api `operator/v1/types_machineconfiguration.go`), with the apiserver's messages:
///
/// * `files` and `units`: at most 50 entries each, unique by `path` / `name` (list-map keys);
///   `path` required; unit `name` a systemd unit name (see service-name rules below).
/// * each `actions` list: required, at most 10; `Reboot` and `None` only standalone; `type` one
///   of Reboot, Drain, Reload, Restart, DaemonReload, None (`Special` is status-only); `reload`
///   required iff `Reload`, `restart` iff `Restart`.
/// * service names: at most 255 bytes, `${NAME}${SERVICETYPE}` with a systemd unit suffix.
///
/// The status and `defaultNodeDisruptionPolicySpecAction` are not validated.
impl Validate for MachineConfiguration {
    fn validate(&self) -> ErrorList {
        let mut errs =
            crate::names::validate_object_meta(&self.metadata, NameRule::Dns1123Subdomain);
        let Some(policy) = &self.spec.node_disruption_policy else {
            return errs;
        };
        let path = FieldPath::new("spec").child("nodeDisruptionPolicy");
        if let Some(files) = &policy.files {
            let fp = path.child("files");
            if files.len() > 50 {
                errs.push(FieldError::too_many(&fp, files.len(), 50));
            }
            let mut seen = std::collections::BTreeSet::new();
            for (i, f) in files.iter().enumerate() {
                let p = fp.index(i);
                if f.path.is_empty() {
                    errs.push(FieldError::required(&p.child("path"), ""));
                } else if !seen.insert(f.path.as_str()) {
                    errs.push(FieldError::duplicate(
                        &p,
                        BadValue::Json(serde_json::json!({ "path": f.path })),
                    ));
                }
                errs.extend(validate_actions(f.actions.as_ref(), &p.child("actions")));
            }
        }
        if let Some(units) = &policy.units {
            let up = path.child("units");
            if units.len() > 50 {
                errs.push(FieldError::too_many(&up, units.len(), 50));
            }
            let mut seen = std::collections::BTreeSet::new();
            for (i, u) in units.iter().enumerate() {
                let p = up.index(i);
                if u.name.is_empty() {
                    errs.push(FieldError::required(&p.child("name"), ""));
                } else {
                    errs.extend(validate_service_name(&u.name, &p.child("name")));
                    if !seen.insert(u.name.as_str()) {
                        errs.push(FieldError::duplicate(
                            &p,
                            BadValue::Json(serde_json::json!({ "name": u.name })),
                        ));
                    }
                }
                errs.extend(validate_actions(u.actions.as_ref(), &p.child("actions")));
            }
        }
        if let Some(ssh) = &policy.sshkey {
            errs.extend(validate_actions(
                ssh.actions.as_ref(),
                &path.child("sshkey").child("actions"),
            ));
        }
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kube::Resource;

    #[test]
    fn resource_identity() {
        assert_eq!(
            MachineConfig::api_version(&()),
            "machineconfiguration.alauda.io/v1alpha1"
        );
        assert_eq!(MachineConfig::plural(&()), "machineconfigs");
        assert_eq!(MachineConfigPool::plural(&()), "machineconfigpools");
        assert_eq!(MachineConfiguration::kind(&()), "MachineConfiguration");
    }

    #[test]
    fn service_names() {
        let p = FieldPath::new("n");
        assert!(validate_service_name("crio.service", &p).is_empty());
        assert!(validate_service_name("a.b.c.socket", &p).is_empty());
        assert!(validate_service_name("x\\y.mount", &p).is_empty());
        assert_eq!(validate_service_name("crio", &p).len(), 2);
        assert_eq!(validate_service_name(".service", &p).len(), 1);
        assert_eq!(validate_service_name("crio.conf", &p).len(), 1);
        assert_eq!(validate_service_name("cr io.service", &p).len(), 1);
        let long = format!("{}.service", "a".repeat(250));
        assert_eq!(
            validate_service_name(&long, &p).to_string(),
            "n: Too long: may not be more than 255 bytes"
        );
        assert!(validate_service_name("", &p).len() == 2);
    }

    #[test]
    fn percent_parsing() {
        assert_eq!(parse_percent("25%"), Some(25));
        assert_eq!(parse_percent("%"), None);
        assert_eq!(parse_percent("25"), None);
        assert_eq!(parse_percent("-5%"), None);
        assert_eq!(parse_percent("99999999999999%"), Some(u32::MAX));
    }

    #[test]
    fn integral_floats_become_ints() {
        let mut v = serde_json::json!(888.0);
        integral_float_to_int(&mut v);
        assert_eq!(v.to_string(), "888");
        let mut v = serde_json::json!(1.5);
        integral_float_to_int(&mut v);
        assert_eq!(v.to_string(), "1.5");
        let mut v = serde_json::json!(1e300);
        integral_float_to_int(&mut v);
        assert!(v.is_f64());
    }
}
