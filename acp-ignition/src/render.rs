//! MachineConfigPool rendering: the pool's MachineConfigs merged into one
//! `rendered-<pool>-<hash>` MachineConfig.
//!
//! ```
//! use acp_ignition::render::render_pool;
//! use acp_model::machineconfig::{MachineConfig, MachineConfigPool};
//! use serde_json::json;
//!
//! let pool: MachineConfigPool = serde_json::from_value(json!({
//!     "apiVersion": "machineconfiguration.alauda.io/v1alpha1", "kind": "MachineConfigPool",
//!     "metadata": {"name": "worker"},
//!     "spec": {
//!         "machineConfigSelector": {"matchLabels": {"machineconfiguration.alauda.io/role": "worker"}},
//!         "nodeSelector": {"matchLabels": {"node-role.kubernetes.io/worker": ""}}
//!     }
//! })).unwrap();
//! let mc = |name: &str, role: &str| -> MachineConfig { serde_json::from_value(json!({
//!     "apiVersion": "machineconfiguration.alauda.io/v1alpha1", "kind": "MachineConfig",
//!     "metadata": {"name": name, "labels": {"machineconfiguration.alauda.io/role": role}},
//!     "spec": {"config": {"ignition": {"version": "3.4.0"}}}
//! })).unwrap() };
//! let configs = [mc("00-master", "master"), mc("00-worker", "worker")];
//! let rendered = render_pool(&pool, &configs).unwrap();
//! assert!(rendered.name.starts_with("rendered-worker-"));
//! assert_eq!(rendered.hash.len(), 32);
//! assert_eq!(rendered.sources, ["00-worker"]);
//! ```
//!
//! # Sources and decisions
//!
//! Upstream openshift/machine-config-operator `pkg/controller/render/render_controller.go`
//! (`syncMachineConfigPool`, `generateRenderedMachineConfig`, `getMachineConfigsForPool`) and
//! `pkg/controller/render/hash.go` (`getMachineConfigHashedName`):
//!
//! * **Selection.** The pool's `machineConfigSelector` selects MachineConfigs by label — the role
//!   label in practice ("pools manage nodes based on their role labels").
// seed 004:923
//!   A selector selecting everything (`{}`) is refused (upstream
//!   "A non-empty selector is required"); no selector selects nothing. MachineConfigs owned by a
//!   pool (rendered ones) are never inputs.
//! * **Custom pools inherit worker.** "Custom MachineConfigPools inherit all configurations from
//!   the worker pool and add their own specific settings". Upstream achieves this
// seed 004:929
//!   through the custom pool's selector (`role In (worker, <pool>)`); here the worker-role
//!   MachineConfigs are added to a custom pool's selection by default
//!   ([`RenderOptions::inherit_worker`]), so a selector naming only the pool's own role still
//!   renders what the ACP documentation describes. "Master nodes cannot use custom pools": a
// seed 004:927
//!   custom pool selecting master-role MachineConfigs is an error.
//! * **Order and merge.** [`merge_machine_configs`]: worker configs first, then the pool's own,
//!   each group by name (ACP docs: "processed alphabetically. The first configuration serves
// seed 004:937
//!   as the base").
//! * **Name.** `rendered-<pool>-<hash>` (the ACP documentation's prose says
// seed 004:986, 1016, 1030
//!   `render-`, its outputs and upstream say `rendered-`,
// seed 004:937
//!   [`RENDERED_PREFIX`]). Upstream hashes `md5(salt ‖ YAML(spec))` with an 80-byte salt of its
//!   own; the hash here is the MD5 of the rendered spec's **canonical JSON** ([`canonical_json`]:
//!   object keys sorted, no whitespace), 32 lowercase hex digits ([`spec_hash`]). It depends only
//!   on the rendered content: not on the order the MachineConfigs are given in, not on map
//!   order, not on the pool's name. The names therefore do not equal those of a cluster whose
//!   controller salts its hash; the ACP documentation's own names (`rendered-worker-f4b64`) are shortened
//!   examples.
//! * **The rendered object** is owned by the pool (a controller owner reference), as upstream.
//!   Upstream's version annotations (`generated-by-controller-version`,
//!   `release-image-version`) are not set: they name controller builds.
//!
//! [`merge_machine_configs`]: crate::merge::merge_machine_configs
//! [`RENDERED_PREFIX`]: acp_model::machineconfig::RENDERED_PREFIX

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use acp_model::machineconfig::{
    MASTER_POOL, MachineConfig, MachineConfigPool, MachineConfigPoolConfiguration,
    MachineConfigSpec, RENDERED_PREFIX, WORKER_POOL,
};
use md5::{Digest, Md5};
use serde_json::{Value, json};

use crate::merge::{MergeError, merge_machine_configs};
use crate::types::Config;

/// Options of [`render_pool_with`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RenderOptions {
    // seed 004:929
    /// Add the worker-role MachineConfigs to a custom pool's selection;
    /// `false` selects by the pool's selector only, as upstream.
    /// Default `true`.
    pub inherit_worker: bool,
}

impl RenderOptions {
    /// Sets [`inherit_worker`](RenderOptions::inherit_worker).
    #[must_use]
    pub fn with_inherit_worker(mut self, inherit_worker: bool) -> Self {
        self.inherit_worker = inherit_worker;
        self
    }
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            // DEVIATION: custom pools inherit the worker MachineConfigs by default, as the ACP
            // documentation describes; upstream selects by the pool's selector only
            // (`inherit_worker: false`).
            inherit_worker: true,
        }
    }
}

/// A pool's rendered configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Rendered {
    /// `rendered-<pool>-<hash>`.
    pub name: String,
    /// The 32-hex-digit content hash ([`spec_hash`]).
    pub hash: String,
    /// The rendered MachineConfig: named, owned by the pool, with the merged spec.
    pub machine_config: MachineConfig,
    /// The merged Ignition config, typed.
    pub config: Config,
    /// The MachineConfigs merged, in merge order.
    pub sources: Vec<String>,
}

impl Rendered {
    /// The pool's `spec.configuration` pointing at this rendered config, with its sources (as
    /// the render controller writes it).
    pub fn pool_configuration(&self) -> MachineConfigPoolConfiguration {
        MachineConfigPoolConfiguration {
            api_version: None,
            field_path: None,
            kind: None,
            name: Some(self.name.clone()),
            namespace: None,
            resource_version: None,
            uid: None,
            source: Some(
                self.sources
                    .iter()
                    .filter_map(|n| {
                        serde_json::from_value(json!({
                            "apiVersion": API_VERSION, "kind": "MachineConfig", "name": n
                        }))
                        .ok()
                    })
                    .collect(),
            ),
        }
    }
}

const API_VERSION: &str = "machineconfiguration.alauda.io/v1alpha1";

/// Why a pool could not be rendered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// The pool's `machineConfigSelector` is `{}` (upstream event `SelectingAll`).
    #[error(
        "pool {0:?}: spec.machineConfigSelector selects all MachineConfigs; a non-empty selector is required"
    )]
    SelectsEverything(String),
    /// The pool's `machineConfigSelector` is not a valid label selector.
    #[error("pool {pool:?}: spec.machineConfigSelector: {message}")]
    InvalidSelector {
        /// The pool's name.
        pool: String,
        /// What is wrong.
        message: String,
    },
    /// Nothing selected (upstream `syncMachineConfigPool`).
    #[error("no MachineConfigs found matching selector {0}")]
    NoConfigs(String),
    /// Two MachineConfigs with one name: the order would be undefined.
    #[error("MachineConfig name {0:?} appears more than once")]
    DuplicateName(String),
    /// A custom pool selecting master MachineConfigs.
    #[error(
        "pool {pool:?} selects master MachineConfigs {configs:?}: master nodes cannot use custom pools; a custom pool inherits the worker pool and adds its own role's MachineConfigs"
    )]
    MasterInCustomPool {
        /// The pool's name.
        pool: String,
        /// The master-role MachineConfigs it selected.
        configs: Vec<String>,
    },
    /// The MachineConfigs could not be merged.
    #[error(transparent)]
    Merge(#[from] MergeError),
}

// ---------------------------------------------------------------------------------------------
// Label selectors (apimachinery `LabelSelectorAsSelector`)
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Requirement {
    Equals(String, String),
    In(String, BTreeSet<String>),
    NotIn(String, BTreeSet<String>),
    Exists(String),
    DoesNotExist(String),
}

impl Requirement {
    fn key(&self) -> &str {
        match self {
            Requirement::Equals(k, _)
            | Requirement::In(k, _)
            | Requirement::NotIn(k, _)
            | Requirement::Exists(k)
            | Requirement::DoesNotExist(k) => k,
        }
    }

    fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        match self {
            Requirement::Equals(k, v) => labels.get(k) == Some(v),
            Requirement::In(k, vs) => labels.get(k).is_some_and(|v| vs.contains(v)),
            Requirement::NotIn(k, vs) => labels.get(k).is_none_or(|v| !vs.contains(v)),
            Requirement::Exists(k) => labels.contains_key(k),
            Requirement::DoesNotExist(k) => !labels.contains_key(k),
        }
    }
}

/// apimachinery's `Requirement.String()`.
impl std::fmt::Display for Requirement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set = |vs: &BTreeSet<String>| vs.iter().cloned().collect::<Vec<_>>().join(",");
        match self {
            Requirement::Equals(k, v) => write!(f, "{k}={v}"),
            Requirement::In(k, vs) => write!(f, "{k} in ({})", set(vs)),
            Requirement::NotIn(k, vs) => write!(f, "{k} notin ({})", set(vs)),
            Requirement::Exists(k) => f.write_str(k),
            Requirement::DoesNotExist(k) => write!(f, "!{k}"),
        }
    }
}

/// A pool's selector: `None` selects nothing (no selector), `Some([])` everything.
fn pool_selector(pool: &MachineConfigPool) -> Result<Option<Vec<Requirement>>, String> {
    let Some(sel) = &pool.spec.machine_config_selector else {
        return Ok(None);
    };
    let mut reqs = Vec::new();
    for (k, v) in sel.match_labels.iter().flatten() {
        reqs.push(Requirement::Equals(k.clone(), v.clone()));
    }
    for e in sel.match_expressions.iter().flatten() {
        let values: BTreeSet<String> = e.values.iter().flatten().cloned().collect();
        let key = e.key.clone();
        let req = match e.operator.as_str() {
            "In" | "NotIn" if values.is_empty() => {
                return Err(format!(
                    "key {key:?}: for 'in', 'notin' operators, values set can't be empty"
                ));
            }
            "In" => Requirement::In(key, values),
            "NotIn" => Requirement::NotIn(key, values),
            "Exists" | "DoesNotExist" if !values.is_empty() => {
                return Err(format!(
                    "key {key:?}: values set must be empty for exists and does not exist"
                ));
            }
            "Exists" => Requirement::Exists(key),
            "DoesNotExist" => Requirement::DoesNotExist(key),
            op => return Err(format!("{op:?} is not a valid label selector operator")),
        };
        reqs.push(req);
    }
    reqs.sort_by(|a, b| a.key().cmp(b.key()));
    Ok(Some(reqs))
}

fn selector_string(sel: Option<&[Requirement]>) -> String {
    sel.map(|reqs| {
        reqs.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",")
    })
    .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Selection and rendering
// ---------------------------------------------------------------------------------------------

fn name_of(mc: &MachineConfig) -> &str {
    mc.metadata.name.as_deref().unwrap_or_default()
}

/// The MachineConfigs a pool renders (see the module docs), in input order.
///
/// # Errors
/// The selector selects everything or is invalid; nothing is selected; a custom pool selects
/// master configs.
pub fn select_configs<'a>(
    pool: &MachineConfigPool,
    configs: &'a [MachineConfig],
    options: &RenderOptions,
) -> Result<Vec<&'a MachineConfig>, RenderError> {
    let pool_name = pool.metadata.name.clone().unwrap_or_default();
    let selector = pool_selector(pool).map_err(|message| RenderError::InvalidSelector {
        pool: pool_name.clone(),
        message,
    })?;
    if selector.as_ref().is_some_and(Vec::is_empty) {
        return Err(RenderError::SelectsEverything(pool_name));
    }
    let custom = pool_name != MASTER_POOL && pool_name != WORKER_POOL;
    let empty = BTreeMap::new();
    let selected: Vec<&MachineConfig> = configs
        .iter()
        .filter(|mc| !mc.is_pool_owned())
        .filter(|mc| {
            let labels = mc.metadata.labels.as_ref().unwrap_or(&empty);
            let by_selector = selector
                .as_ref()
                .is_some_and(|reqs| reqs.iter().all(|r| r.matches(labels)));
            let inherited = custom && options.inherit_worker && mc.role() == Some(WORKER_POOL);
            by_selector || inherited
        })
        .collect();
    if custom {
        let masters: Vec<String> = selected
            .iter()
            .filter(|mc| mc.role() == Some(MASTER_POOL))
            .map(|mc| name_of(mc).to_owned())
            .collect();
        if !masters.is_empty() {
            return Err(RenderError::MasterInCustomPool {
                pool: pool_name,
                configs: masters,
            });
        }
    }
    if selected.is_empty() {
        return Err(RenderError::NoConfigs(selector_string(selector.as_deref())));
    }
    let mut names = BTreeSet::new();
    for mc in &selected {
        if !names.insert(name_of(mc)) {
            return Err(RenderError::DuplicateName(name_of(mc).to_owned()));
        }
    }
    Ok(selected)
}

/// Renders a pool with default [`RenderOptions`].
pub fn render_pool(
    pool: &MachineConfigPool,
    configs: &[MachineConfig],
) -> Result<Rendered, RenderError> {
    render_pool_with(pool, configs, &RenderOptions::default())
}

/// Renders a pool: selects its MachineConfigs from `configs` (all MachineConfigs of the
/// cluster), merges them and names the result (see the module docs).
pub fn render_pool_with(
    pool: &MachineConfigPool,
    configs: &[MachineConfig],
    options: &RenderOptions,
) -> Result<Rendered, RenderError> {
    let selected = select_configs(pool, configs, options)?;
    let merged = merge_machine_configs(selected)?;
    let hash = spec_hash(&merged.spec);
    let pool_name = pool.metadata.name.clone().unwrap_or_default();
    let name = rendered_name(&pool_name, &hash);
    let mut machine_config = MachineConfig::new(&name, merged.spec);
    machine_config.metadata.owner_references = serde_json::from_value(json!([{
        "apiVersion": API_VERSION,
        "kind": "MachineConfigPool",
        "name": pool_name,
        "uid": pool.metadata.uid.clone().unwrap_or_default(),
        "controller": true,
        "blockOwnerDeletion": true,
    }]))
    .ok();
    Ok(Rendered {
        name,
        hash,
        machine_config,
        config: merged.config,
        sources: merged.sources,
    })
}

/// `rendered-<pool>-<hash>`.
pub fn rendered_name(pool: &str, hash: &str) -> String {
    format!("{RENDERED_PREFIX}{pool}-{hash}")
}

/// The MD5 of a spec's [`canonical_json`], as 32 lowercase hex digits.
// DEVIATION: the rendered hash is the MD5 of the canonical JSON of the merged spec (independent of
// input order); MCO hashes an 80-byte salt followed by the YAML of the spec, so our rendered names
// never equal MCO's.
pub fn spec_hash(spec: &MachineConfigSpec) -> String {
    // The spec without its (large) config, to a Value; the config is written from the borrowed
    // Value in its sorted place, so it is not copied.
    let small = MachineConfigSpec {
        os_image_url: spec.os_image_url.clone(),
        base_os_extensions_container_image: spec.base_os_extensions_container_image.clone(),
        config: None,
        kernel_arguments: spec.kernel_arguments.clone(),
        extensions: spec.extensions.clone(),
        fips: spec.fips,
        kernel_type: spec.kernel_type.clone(),
    };
    let mut out = Vec::with_capacity(1 << 16);
    match serde_json::to_value(&small) {
        Ok(Value::Object(map)) => {
            let mut entries: Vec<(&str, &Value)> =
                map.iter().map(|(k, v)| (k.as_str(), v)).collect();
            if let Some(config) = &spec.config {
                entries.push(("config", config));
            }
            write_object(&mut out, entries);
        }
        // Serializing a struct gives an object; anything else is hashed as it is.
        Ok(other) => write_canonical(&mut out, &other),
        Err(_) => {}
    }
    let digest = Md5::digest(&out);
    let mut hex = String::with_capacity(32);
    for b in digest.iter() {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// JSON with object keys sorted (by bytes) at every level and no whitespace; strings escaped as
/// `serde_json` escapes them, numbers as `serde_json` prints them.
///
/// ```
/// use acp_ignition::render::canonical_json;
/// let v = serde_json::json!({"b": [1, {"d": "x", "c": null}], "a": "é\n"});
/// assert_eq!(canonical_json(&v), r#"{"a":"é\n","b":[1,{"c":null,"d":"x"}]}"#);
/// ```
pub fn canonical_json(value: &Value) -> String {
    let mut out = Vec::new();
    write_canonical(&mut out, value);
    String::from_utf8(out).unwrap_or_default()
}

fn write_object(out: &mut Vec<u8>, mut entries: Vec<(&str, &Value)>) {
    entries.sort_by(|a, b| a.0.cmp(b.0));
    out.push(b'{');
    for (i, (k, v)) in entries.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_string(out, k);
        out.push(b':');
        write_canonical(out, v);
    }
    out.push(b'}');
}

fn write_canonical(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Object(map) => write_object(out, map.iter().map(|(k, v)| (k.as_str(), v)).collect()),
        Value::Array(items) => {
            out.push(b'[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(out, v);
            }
            out.push(b']');
        }
        Value::String(s) => write_string(out, s),
        // Scalars print as serde_json prints them; writing into a Vec cannot fail.
        other => {
            let _ = serde_json::to_writer(&mut *out, other);
        }
    }
}

fn write_string(out: &mut Vec<u8>, s: &str) {
    // serde_json's string escaping; writing into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirement_strings_like_apimachinery() {
        let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        let reqs = [
            Requirement::Equals("a".into(), "1".into()),
            Requirement::In("b".into(), set(&["y", "x"])),
            Requirement::NotIn("c".into(), set(&["z"])),
            Requirement::Exists("d".into()),
            Requirement::DoesNotExist("e".into()),
        ];
        assert_eq!(
            selector_string(Some(&reqs)),
            "a=1,b in (x,y),c notin (z),d,!e"
        );
        let labels: BTreeMap<String, String> = [("a".to_owned(), "1".to_owned())].into();
        assert!(reqs[0].matches(&labels));
        assert!(!reqs[1].matches(&labels));
        assert!(reqs[2].matches(&labels));
        assert!(!reqs[3].matches(&labels));
        assert!(reqs[4].matches(&labels));
    }

    #[test]
    fn hash_is_32_hex_and_content_only() {
        let spec = MachineConfigSpec {
            kernel_arguments: Some(vec!["a".into()]),
            ..MachineConfigSpec::default()
        };
        let h = spec_hash(&spec);
        assert_eq!(h.len(), 32);
        assert!(
            h.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        // MD5 of `{"kernelArguments":["a"]}` and of `{}` (computed with Python's hashlib).
        assert_eq!(h, "a760818875dd1eddc3480a9866efcd4b");
        assert_eq!(
            spec_hash(&MachineConfigSpec::default()),
            "99914b932bd37a50b983c5e7c90ae93b"
        );
    }
}
