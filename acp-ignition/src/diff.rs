//! Diff of two rendered configs and the disruption the update needs.
//!
//! ```
//! use acp_ignition::diff::{Change, DisruptionPolicy, diff_configs, disruption};
//! use acp_ignition::plan::UpdateStep;
//! use acp_ignition::types::Config;
//! use acp_model::machineconfig::MachineConfigSpec;
//!
//! let cfg = |v| Config::from_value(&v).unwrap();
//! let old = cfg(serde_json::json!({"storage": {"files": [{"path": "/etc/a", "mode": 420}]}}));
//! let new = cfg(serde_json::json!({"storage": {"files": [{"path": "/etc/a", "mode": 384}]}}));
//! let spec = MachineConfigSpec::default();
//! let d = diff_configs(&spec, &old, &spec, &new);
//! assert_eq!(d.files[0].change, Change::Changed);
//! // No policy for /etc/a: the default is a reboot.
//! let plan = disruption(&d, &DisruptionPolicy::default());
//! assert_eq!(plan.steps, UpdateStep::FULL);
//! ```
//!
//! # Sources and decisions
//!
//! Upstream openshift/machine-config-operator:
//!
//! * **What changed** — `pkg/daemon/update.go` `newMachineConfigDiff` (OS image, kernel
//!   arguments, FIPS, kernel type, extensions; `passwd`, `storage.files`, `systemd.units`
//!   compared whole) and `pkg/controller/common/helpers.go` `CalculateConfigFileDiffs` /
//!   `GetChangedConfigUnitsByType` (files by path, units by name: added, changed, removed).
//!   Lists are sorted by path / name here (upstream iterates Go maps, in random order).
//! * **What cannot change in place** — `pkg/controller/common/reconcile.go`
//!   `isConfigReconcilable`, with its messages: changes to passwd groups, to Ignition-level
//!   kernel arguments, disks, filesystems, RAID, directories; links added; a file with `append`;
//!   a FIPS change. Such an update leaves the node `Unreconcilable`. The user checks (only the
//!   boot user's SSH keys and password may change) belong to [`crate::policy`] and are not
//!   repeated here.
//! * **The disruption** — `pkg/daemon/update.go` `calculatePostConfigChangeNodeDisruptionAction`
//!   and `calculatePostConfigChangeNodeDisruptionActionFromMCDiffs`: an OS image, kernel
//!   argument, FIPS, kernel type or extensions change reboots; no file, unit or SSH-key change
//!   means `None`; otherwise each changed file takes the actions of the policy whose path equals
//!   it or is its closest parent directory (`FindClosestFilePolicyPathMatch`), each changed unit
//!   the actions of the policy with its name, an SSH-key change the `sshkey` actions; any `Reboot`
//!   makes the result a single `Reboot`; `None` is dropped when other actions remain, and only
//!   `None`s make a single `None`. The steps on the node follow from the actions
//!   ([`UpdateStep::for_actions`]).
//! * **Defaults** — a changed file or unit without a policy reboots (upstream; the issue's
//!   "default reboot"). ACP's documentation says otherwise for files: "By default, file changes
//!   do not trigger any disruption" (docs.alauda.io `configure/machine_config/node_disruption`),
//!   changeable through ACP's `spec.defaultNodeDisruptionPolicySpecAction.files`, whose shape is
//!   not documented; [`DisruptionPolicy::with_unmatched_files`] sets that default explicitly
//!   (e.g. to `None`). SSH-key changes default to `None` (upstream and ACP). Upstream's built-in
//!   file policies name OpenShift paths (`/etc/containers/registries.conf` …) and are not
//!   applied; a cluster's own defaults are in its MachineConfiguration status, which
//!   [`DisruptionPolicy::from_machine_configuration`] prefers.
//! * The ACP documentation's update sequence is the full reboot.
// seed 004:971-975

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use acp_model::machineconfig::{
    MachineConfigSpec, MachineConfiguration, NodeDisruptionActionType, NodeDisruptionPolicyAction,
    NodeDisruptionPolicyConfig, NodeDisruptionPolicyFile, NodeDisruptionPolicyUnit,
};

use crate::plan::UpdateStep;
use crate::types::{Config, File, Unit};

/// How an item changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Change {
    /// Only in the new config.
    Added,
    /// In both, different.
    Changed,
    /// Only in the old config.
    Removed,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Change::Added => "added",
            Change::Changed => "changed",
            Change::Removed => "removed",
        })
    }
}

/// A changed file (by path) or unit (by name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemChange {
    /// The path or unit name.
    pub name: String,
    /// How it changed.
    pub change: Change,
}

/// What changes between two rendered configs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConfigDiff {
    /// Files added, changed or removed, by path.
    pub files: Vec<ItemChange>,
    /// Units added, changed or removed, by name.
    pub units: Vec<ItemChange>,
    /// The `passwd` section changed (SSH keys of the boot user).
    pub passwd: bool,
    /// `spec.kernelArguments` changed (both empty counts as equal).
    pub kernel_arguments: bool,
    /// `spec.osImageURL` changed.
    pub os_image: bool,
    /// `spec.fips` changed.
    pub fips: bool,
    /// `spec.kernelType` changed (`""` and `default` are the same kernel).
    pub kernel_type: bool,
    /// `spec.extensions` changed (both empty counts as equal).
    pub extensions: bool,
    /// Why the update cannot be applied in place (upstream `isConfigReconcilable` messages).
    pub unreconcilable: Vec<String>,
}

impl ConfigDiff {
    /// Nothing changes.
    pub fn is_empty(&self) -> bool {
        *self == ConfigDiff::default()
    }
}

fn keyed_changes<'a, T: PartialEq + 'a>(
    old: impl IntoIterator<Item = (&'a str, &'a T)>,
    new: impl IntoIterator<Item = (&'a str, &'a T)>,
) -> Vec<ItemChange> {
    // Later entries win, as upstream's map building does.
    let old: BTreeMap<&str, &T> = old.into_iter().collect();
    let new: BTreeMap<&str, &T> = new.into_iter().collect();
    let names: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
    names
        .into_iter()
        .filter_map(|n| {
            let change = match (old.get(n), new.get(n)) {
                (Some(_), None) => Change::Removed,
                (None, Some(_)) => Change::Added,
                (Some(a), Some(b)) if a != b => Change::Changed,
                _ => return None,
            };
            Some(ItemChange {
                name: n.to_owned(),
                change,
            })
        })
        .collect()
}

fn canonical_kernel(kt: Option<&str>) -> &str {
    match kt {
        None | Some("") => crate::merge::KERNEL_TYPE_DEFAULT,
        Some(k) => k,
    }
}

/// Compares two rendered configs: their specs and their typed Ignition configs.
// DEVIATION: changed files and units are sorted by path / name; upstream iterates Go maps, in
// random order.
pub fn diff_configs(
    old_spec: &MachineConfigSpec,
    old: &Config,
    new_spec: &MachineConfigSpec,
    new: &Config,
) -> ConfigDiff {
    let list_changed = |a: &Option<Vec<String>>, b: &Option<Vec<String>>| {
        let (a, b) = (
            a.as_deref().unwrap_or_default(),
            b.as_deref().unwrap_or_default(),
        );
        !(a.is_empty() && b.is_empty()) && a != b
    };
    let files = keyed_changes(
        old.storage
            .files
            .iter()
            .map(|f: &File| (f.path.as_str(), f)),
        new.storage
            .files
            .iter()
            .map(|f: &File| (f.path.as_str(), f)),
    );
    let units = keyed_changes(
        old.systemd
            .units
            .iter()
            .map(|u: &Unit| (u.name.as_str(), u)),
        new.systemd
            .units
            .iter()
            .map(|u: &Unit| (u.name.as_str(), u)),
    );
    let mut unreconcilable = Vec::new();
    if old.passwd.groups != new.passwd.groups {
        unreconcilable.push(
            "invalid passwd change(s): ignition Passwd Groups section contains changes".into(),
        );
    }
    if old.kernel_arguments != new.kernel_arguments {
        unreconcilable.push("ignition kargs section contains changes".into());
    }
    for (changed, what) in [
        (old.storage.disks != new.storage.disks, "disks"),
        (
            old.storage.filesystems != new.storage.filesystems,
            "filesystems",
        ),
        (old.storage.raid != new.storage.raid, "raid"),
        (
            old.storage.directories != new.storage.directories,
            "directories",
        ),
        (
            old.storage.links != new.storage.links && !new.storage.links.is_empty(),
            "links",
        ),
    ] {
        if changed {
            unreconcilable.push(format!("ignition {what} section contains changes"));
        }
    }
    for f in &new.storage.files {
        if !f.append.is_empty() {
            unreconcilable.push(format!("ignition file {} includes append", f.path));
        }
    }
    if old_spec.fips.unwrap_or(false) != new_spec.fips.unwrap_or(false) {
        unreconcilable.push(
            "detected change to FIPS flag; refusing to modify FIPS on a running cluster".into(),
        );
    }
    ConfigDiff {
        files,
        units,
        passwd: old.passwd != new.passwd,
        kernel_arguments: list_changed(&old_spec.kernel_arguments, &new_spec.kernel_arguments),
        os_image: old_spec.os_image_url.as_deref().unwrap_or_default()
            != new_spec.os_image_url.as_deref().unwrap_or_default(),
        fips: old_spec.fips.unwrap_or(false) != new_spec.fips.unwrap_or(false),
        kernel_type: canonical_kernel(old_spec.kernel_type.as_deref())
            != canonical_kernel(new_spec.kernel_type.as_deref()),
        extensions: list_changed(&old_spec.extensions, &new_spec.extensions),
        unreconcilable,
    }
}

/// Why two MachineConfigs could not be compared.
#[derive(Debug, thiserror::Error)]
#[error("MachineConfig {name}: spec.config: {source}")]
#[non_exhaustive]
pub struct DiffError {
    /// The MachineConfig's name.
    pub name: String,
    /// What serde reported.
    pub source: serde_json::Error,
}

/// [`diff_configs`] over two MachineConfigs (typing their `spec.config`).
///
/// # Errors
/// A `spec.config` that is not an Ignition config.
pub fn diff_machine_configs(
    old: &acp_model::machineconfig::MachineConfig,
    new: &acp_model::machineconfig::MachineConfig,
) -> Result<ConfigDiff, DiffError> {
    let typed = |mc: &acp_model::machineconfig::MachineConfig| {
        Config::try_from(mc).map_err(|source| DiffError {
            name: mc.metadata.name.clone().unwrap_or_default(),
            source,
        })
    };
    Ok(diff_configs(
        &old.spec,
        &typed(old)?,
        &new.spec,
        &typed(new)?,
    ))
}

// ---------------------------------------------------------------------------------------------
// Disruption
// ---------------------------------------------------------------------------------------------

fn action(type_: NodeDisruptionActionType) -> NodeDisruptionPolicyAction {
    NodeDisruptionPolicyAction {
        type_,
        reload: None,
        restart: None,
    }
}

/// The node disruption policies in effect (upstream `NodeDisruptionPolicyClusterStatus`), plus
/// the actions for changes no policy names.
#[derive(Clone, Debug, PartialEq)]
pub struct DisruptionPolicy {
    /// Per-path file policies.
    pub files: Vec<NodeDisruptionPolicyFile>,
    /// Per-unit policies.
    pub units: Vec<NodeDisruptionPolicyUnit>,
    /// Actions for an SSH-key change.
    pub ssh_key: Vec<NodeDisruptionPolicyAction>,
    /// Actions for a changed file no policy names (upstream: `Reboot`).
    pub unmatched_file: Vec<NodeDisruptionPolicyAction>,
    /// Actions for a changed unit no policy names (upstream: `Reboot`).
    pub unmatched_unit: Vec<NodeDisruptionPolicyAction>,
}

impl Default for DisruptionPolicy {
    /// No file or unit policies; SSH keys `None`; anything unmatched `Reboot`.
    fn default() -> Self {
        DisruptionPolicy {
            files: Vec::new(),
            units: Vec::new(),
            ssh_key: vec![action(NodeDisruptionActionType::None)],
            unmatched_file: vec![action(NodeDisruptionActionType::Reboot)],
            unmatched_unit: vec![action(NodeDisruptionActionType::Reboot)],
        }
    }
}

impl DisruptionPolicy {
    /// The policies of the `cluster` MachineConfiguration: its
    /// `status.nodeDisruptionPolicyStatus.clusterPolicies` when the operator has filled it in
    /// (what the daemon reads), else its `spec.nodeDisruptionPolicy` merged over the defaults as
    /// upstream `MergeClusterPolicies` does (a user policy for a path or unit replaces the
    /// default one; SSH actions replace the default when given).
    pub fn from_machine_configuration(mc: &MachineConfiguration) -> Self {
        let status = mc
            .status
            .as_ref()
            .and_then(|s| s.node_disruption_policy_status.as_ref())
            .and_then(|s| s.cluster_policies.as_ref());
        let mut policy = DisruptionPolicy::default();
        if let Some(cfg) = status.or(mc.spec.node_disruption_policy.as_ref()) {
            policy.merge_user(cfg);
        }
        policy
    }

    fn merge_user(&mut self, cfg: &NodeDisruptionPolicyConfig) {
        for f in cfg.files.iter().flatten() {
            match self.files.iter_mut().find(|d| d.path == f.path) {
                Some(d) => *d = f.clone(),
                None => self.files.push(f.clone()),
            }
        }
        for u in cfg.units.iter().flatten() {
            match self.units.iter_mut().find(|d| d.name == u.name) {
                Some(d) => *d = u.clone(),
                None => self.units.push(u.clone()),
            }
        }
        if let Some(actions) = cfg
            .sshkey
            .as_ref()
            .and_then(|s| s.actions.as_ref())
            .filter(|a| !a.is_empty())
        {
            self.ssh_key = actions.clone();
        }
    }

    /// Sets the actions for changed files no policy names — e.g. `None`, ACP's documented
    /// default ("By default, file changes do not trigger any disruption").
    pub fn with_unmatched_files(mut self, actions: Vec<NodeDisruptionPolicyAction>) -> Self {
        self.unmatched_file = actions;
        self
    }

    /// Upstream `FindClosestFilePolicyPathMatch`: the policy whose path equals `path` or is
    /// the longest parent directory of it.
    pub fn file_actions(&self, path: &str) -> Option<&[NodeDisruptionPolicyAction]> {
        let mut best: Option<(usize, &NodeDisruptionPolicyFile)> = None;
        for p in &self.files {
            if (path == p.path || is_subdirectory(&p.path, path))
                && best.is_none_or(|(len, _)| p.path.len() > len)
            {
                best = Some((p.path.len(), p));
            }
        }
        best.map(|(_, p)| p.actions.as_deref().unwrap_or_default())
    }

    /// The policy of a unit, by exact name.
    pub fn unit_actions(&self, name: &str) -> Option<&[NodeDisruptionPolicyAction]> {
        self.units
            .iter()
            .find(|u| u.name == name)
            .map(|u| u.actions.as_deref().unwrap_or_default())
    }
}

/// Go's `filepath.Clean` for absolute and relative slash paths.
fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_owned(),
        (false, false) => joined,
    }
}

/// Upstream `IsSubdirectory(dir, target)`: `Clean(target)` starts with `Clean(dir) + "/"` (so a
/// policy for `/` matches nothing but `/` itself, as upstream).
fn is_subdirectory(dir: &str, target: &str) -> bool {
    clean(target).starts_with(&format!("{}/", clean(dir)))
}

/// The actions one changed item needs.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemDisruption {
    /// What changed: `file <path>`, `unit <name>`, `ssh keys`, `kernel arguments` …
    pub item: String,
    /// The actions for it.
    pub actions: Vec<NodeDisruptionPolicyAction>,
    /// Whether a policy named it (`false`: the default applied).
    pub matched: bool,
}

/// The disruption an update needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Disruption {
    /// Why each changed item needs what it needs, in upstream's order (files, units, SSH keys),
    /// or the OS-level change that forces a reboot.
    pub items: Vec<ItemDisruption>,
    /// The final actions (a single `Reboot`, a single `None`, or the service actions in order).
    pub actions: Vec<NodeDisruptionPolicyAction>,
    /// The node's steps for those actions ([`UpdateStep::for_actions`]).
    pub steps: Vec<UpdateStep>,
    /// Non-empty when the update cannot be applied in place: the node would go
    /// `Unreconcilable` and nothing is applied.
    pub unreconcilable: Vec<String>,
}

impl Disruption {
    /// The update reboots the node.
    pub fn reboots(&self) -> bool {
        self.actions
            .iter()
            .any(|a| a.type_ == NodeDisruptionActionType::Reboot)
    }
}

/// The disruption `diff` needs under `policy` (see the module docs).
pub fn disruption(diff: &ConfigDiff, policy: &DisruptionPolicy) -> Disruption {
    let mut items = Vec::new();
    let os_level = [
        (diff.os_image, "OS image"),
        (diff.kernel_arguments, "kernel arguments"),
        (diff.fips, "FIPS"),
        (diff.kernel_type, "kernel type"),
        (diff.extensions, "extensions"),
    ];
    let actions: Vec<NodeDisruptionPolicyAction> = if os_level.iter().any(|(c, _)| *c) {
        for (_, what) in os_level.iter().filter(|(c, _)| *c) {
            items.push(ItemDisruption {
                item: (*what).to_owned(),
                actions: vec![action(NodeDisruptionActionType::Reboot)],
                matched: false,
            });
        }
        vec![action(NodeDisruptionActionType::Reboot)]
    } else if diff.files.is_empty() && diff.units.is_empty() && !diff.passwd {
        vec![action(NodeDisruptionActionType::None)]
    } else {
        let mut all = Vec::new();
        for f in &diff.files {
            let (acts, matched) = match policy.file_actions(&f.name) {
                Some(a) => (a.to_vec(), true),
                None => (policy.unmatched_file.clone(), false),
            };
            all.extend(acts.iter().cloned());
            items.push(ItemDisruption {
                item: format!("file {} ({})", f.name, f.change),
                actions: acts,
                matched,
            });
        }
        for u in &diff.units {
            let (acts, matched) = match policy.unit_actions(&u.name) {
                Some(a) => (a.to_vec(), true),
                None => (policy.unmatched_unit.clone(), false),
            };
            all.extend(acts.iter().cloned());
            items.push(ItemDisruption {
                item: format!("unit {} ({})", u.name, u.change),
                actions: acts,
                matched,
            });
        }
        if diff.passwd {
            all.extend(policy.ssh_key.iter().cloned());
            items.push(ItemDisruption {
                item: "ssh keys".to_owned(),
                actions: policy.ssh_key.clone(),
                matched: true,
            });
        }
        reduce_actions(all)
    };
    let steps = if diff.unreconcilable.is_empty() {
        UpdateStep::for_actions(&actions)
    } else {
        Vec::new()
    };
    Disruption {
        items,
        actions,
        steps,
        unreconcilable: diff.unreconcilable.clone(),
    }
}

/// Upstream's final step: any `Reboot` → `[Reboot]`; `None` dropped beside other actions; only
/// `None`s → `[None]`.
fn reduce_actions(all: Vec<NodeDisruptionPolicyAction>) -> Vec<NodeDisruptionPolicyAction> {
    use NodeDisruptionActionType as T;
    if all.iter().any(|a| a.type_ == T::Reboot) {
        return vec![action(T::Reboot)];
    }
    if all.iter().any(|a| a.type_ == T::None) {
        let others = all.iter().any(|a| {
            matches!(
                a.type_,
                T::Drain | T::Reload | T::Restart | T::DaemonReload | T::Special
            )
        });
        if others {
            return all.into_iter().filter(|a| a.type_ != T::None).collect();
        }
        return vec![action(T::None)];
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_clean_and_subdirectory() {
        assert_eq!(clean("/etc//a/./b/../c/"), "/etc/a/c");
        assert_eq!(clean("/.."), "/");
        assert_eq!(clean("a/../.."), "..");
        assert!(is_subdirectory(
            "/etc/containers",
            "/etc/containers/registries.d/x.yaml"
        ));
        assert!(is_subdirectory("/etc/containers/", "/etc/containers/x"));
        assert!(!is_subdirectory("/etc/containers", "/etc/containers"));
        assert!(!is_subdirectory("/etc/cont", "/etc/containers/x"));
        assert!(!is_subdirectory("/", "/etc"));
    }

    #[test]
    fn reduce_like_upstream() {
        use NodeDisruptionActionType as T;
        let types = |v: Vec<NodeDisruptionPolicyAction>| -> Vec<String> {
            v.into_iter().map(|a| a.type_.to_string()).collect()
        };
        assert_eq!(
            types(reduce_actions(vec![
                action(T::None),
                action(T::Drain),
                action(T::None)
            ])),
            ["Drain"]
        );
        assert_eq!(
            types(reduce_actions(vec![action(T::None), action(T::None)])),
            ["None"]
        );
        assert_eq!(
            types(reduce_actions(vec![
                action(T::DaemonReload),
                action(T::Reboot)
            ])),
            ["Reboot"]
        );
        assert_eq!(types(reduce_actions(vec![])), Vec::<String>::new());
    }
}
