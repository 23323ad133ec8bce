//! The smallest `securityContext` changes that make a pod pass a level (not part of upstream).

use std::fmt;

use k8s_openapi::api::core::v1::{
    AppArmorProfile, Capabilities, PodSecurityContext, PodSpec, SeccompProfile, SecurityContext,
    WindowsSecurityContextOptions,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde_json::{Value, json};

use super::api::LevelVersion;
use super::checks::{
    APPARMOR_ANNOTATION_PREFIX, CheckId, CheckResult, Pod, app_armor_annotation_allowed,
    app_armor_profile_allowed, bad_seccomp_annotations, evaluate, se_linux_type_allowed,
    seccomp_type_allowed, sysctl_allowed,
};

/// Which container list a container is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerKind {
    /// `spec.initContainers`.
    Init,
    /// `spec.containers`.
    Regular,
    /// `spec.ephemeralContainers`.
    Ephemeral,
}

impl ContainerKind {
    /// The field name of the list (`initContainers`, `containers`, `ephemeralContainers`).
    pub fn field(self) -> &'static str {
        match self {
            ContainerKind::Init => "initContainers",
            ContainerKind::Regular => "containers",
            ContainerKind::Ephemeral => "ephemeralContainers",
        }
    }
}

/// Whose `securityContext` a change edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// `spec.securityContext`.
    Pod,
    /// A container's `securityContext`.
    Container {
        /// The list it is in.
        kind: ContainerKind,
        /// Its index in that list.
        index: usize,
        /// Its name.
        name: String,
    },
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Pod => f.write_str("spec.securityContext"),
            Target::Container { kind, index, .. } => {
                write!(f, "spec.{}[{index}].securityContext", kind.field())
            }
        }
    }
}

/// One edit of a fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Set a field of the target's `securityContext` (`field` is its dotted path inside
    /// `securityContext`, such as `seccompProfile` or `windowsOptions.hostProcess`).
    Set {
        /// The field, relative to `securityContext`.
        field: &'static str,
        /// The new value.
        value: Value,
    },
    /// Remove a field of the target's `securityContext`.
    Remove {
        /// The field, relative to `securityContext`.
        field: &'static str,
    },
    /// Add `ALL` to `capabilities.drop`.
    DropAllCapabilities,
    /// Remove these entries from `capabilities.add`.
    RemoveAddedCapabilities(Vec<String>),
    /// Remove these sysctls from the pod's `securityContext.sysctls`.
    RemoveSysctls(Vec<String>),
    /// Set a pod annotation (the deprecated seccomp and AppArmor annotations).
    SetAnnotation {
        /// The annotation key.
        key: String,
        /// The new value.
        value: String,
    },
}

/// A typed change: what it edits, where, and the check it satisfies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The check this change makes pass.
    pub check: CheckId,
    /// Whose security context it edits (for [`Edit::SetAnnotation`], [`Target::Pod`]).
    pub target: Target,
    /// The edit.
    pub edit: Edit,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = &self.target;
        match &self.edit {
            Edit::Set { field, value } => write!(f, "{t}.{field}: set {value}"),
            Edit::Remove { field } => write!(f, "{t}.{field}: remove"),
            Edit::DropAllCapabilities => write!(f, "{t}.capabilities.drop: add \"ALL\""),
            Edit::RemoveAddedCapabilities(c) => {
                write!(
                    f,
                    "{t}.capabilities.add: remove {}",
                    super::checks::join_quote(c)
                )
            }
            Edit::RemoveSysctls(s) => {
                write!(f, "{t}.sysctls: remove {}", super::checks::join_quote(s))
            }
            Edit::SetAnnotation { key, value } => {
                write!(
                    f,
                    "metadata.annotations[{key}]: set {}",
                    crate::go::quote(value)
                )
            }
        }
    }
}

/// A fix: the changes, the fixed pod and the RFC 6902 JSON Patch from the original.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// The level and version the fixed pod passes.
    pub level_version: LevelVersion,
    /// The changes, in check order; empty when the pod already passes.
    pub changes: Vec<Change>,
    /// The fixed metadata.
    pub metadata: ObjectMeta,
    /// The fixed spec.
    pub spec: PodSpec,
    ops: Vec<(&'static str, String, Option<Value>)>,
}

impl Fix {
    /// The JSON Patch (RFC 6902) turning the original pod (`{"metadata": …, "spec": …}`) into
    /// the fixed one.
    pub fn patch(&self) -> Value {
        self.patch_at("")
    }

    /// The same patch for a pod template inside another object: every path starts with
    /// `prefix` (`/spec/template` for a Deployment, `/spec/jobTemplate/spec/template` for a
    /// CronJob).
    pub fn patch_at(&self, prefix: &str) -> Value {
        Value::Array(
            self.ops
                .iter()
                .map(|(op, path, value)| {
                    let mut o = json!({"op": op, "path": format!("{prefix}{path}")});
                    if let (Some(v), Some(m)) = (value, o.as_object_mut()) {
                        m.insert("value".into(), v.clone());
                    }
                    o
                })
                .collect(),
        )
    }
}

/// Why a pod cannot pass a level by `securityContext` changes alone.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no securityContext change makes the pod pass PodSecurity \"{level_version}\": {}", describe(.failures))]
pub struct Unfixable {
    /// The level and version asked for.
    pub level_version: LevelVersion,
    /// The failing checks no `securityContext` change can satisfy (host namespaces, hostPath
    /// and other restricted volumes, host ports, probe or lifecycle hosts).
    pub failures: Vec<(CheckId, CheckResult)>,
}

fn describe(failures: &[(CheckId, CheckResult)]) -> String {
    let parts: Vec<String> = failures
        .iter()
        .map(|(_, r)| {
            if r.forbidden_detail.is_empty() {
                r.forbidden_reason.clone()
            } else {
                format!("{} ({})", r.forbidden_reason, r.forbidden_detail)
            }
        })
        .collect();
    parts.join(", ")
}

impl CheckId {
    /// Whether a failure of this check can be fixed by editing security contexts (or the
    /// deprecated seccomp/AppArmor annotations). Host namespaces, volumes, host ports and
    /// probe hosts change what the pod does, so they cannot.
    pub fn fixable(self) -> bool {
        !matches!(
            self,
            CheckId::HostNamespaces
                | CheckId::HostPathVolumes
                | CheckId::HostPorts
                | CheckId::HostProbesAndHostLifecycle
                | CheckId::RestrictedVolumes
        )
    }
}

/// The smallest set of `securityContext` changes that makes the pod pass `lv`, or why none
/// exists.
///
/// Each failing check gets the least change that satisfies it: a field set to the allowed
/// value (`allowPrivilegeEscalation: false`, `capabilities.drop: ["ALL"]`,
/// `seccompProfile.type: RuntimeDefault` and `runAsNonRoot: true` on the pod when containers
/// inherit them, `procMount: Default`), a forbidden entry removed (added capabilities,
/// sysctls, `runAsUser: 0`, SELinux user/role/type), a deprecated annotation set to
/// `runtime/default`.
pub fn fix(lv: LevelVersion, meta: &ObjectMeta, spec: &PodSpec) -> Result<Fix, Unfixable> {
    let first = evaluate(lv, meta, spec);
    let unfixable: Vec<(CheckId, CheckResult)> = first
        .failures()
        .filter(|(id, _)| !id.fixable())
        .map(|(id, r)| (id, r.clone()))
        .collect();
    if !unfixable.is_empty() {
        return Err(Unfixable {
            level_version: lv,
            failures: unfixable,
        });
    }
    let minor = lv.version.effective_minor();
    let mut m = meta.clone();
    let mut s = spec.clone();
    let mut changes = Vec::new();
    // One pass fixes every check; a second catches a check a first-pass change could affect.
    for _ in 0..3 {
        let failing: Vec<CheckId> = evaluate(lv, &m, &s).failures().map(|(id, _)| id).collect();
        if failing.is_empty() {
            break;
        }
        for id in failing {
            fix_check(id, minor, &mut m, &mut s, &mut changes);
        }
    }
    let last = evaluate(lv, &m, &s);
    if !last.allowed() {
        return Err(Unfixable {
            level_version: lv,
            failures: last.failures().map(|(id, r)| (id, r.clone())).collect(),
        });
    }
    let mut ops = Vec::new();
    diff(
        "",
        &json!({"metadata": meta, "spec": spec}),
        &json!({"metadata": &m, "spec": &s}),
        &mut ops,
    );
    Ok(Fix {
        level_version: lv,
        changes,
        metadata: m,
        spec: s,
        ops,
    })
}

fn containers_mut(spec: &mut PodSpec) -> Vec<(Target, &mut Option<SecurityContext>)> {
    let mut out = Vec::new();
    for (i, c) in spec.init_containers.iter_mut().flatten().enumerate() {
        let t = Target::Container {
            kind: ContainerKind::Init,
            index: i,
            name: c.name.clone(),
        };
        out.push((t, &mut c.security_context));
    }
    for (i, c) in spec.containers.iter_mut().enumerate() {
        let t = Target::Container {
            kind: ContainerKind::Regular,
            index: i,
            name: c.name.clone(),
        };
        out.push((t, &mut c.security_context));
    }
    for (i, c) in spec.ephemeral_containers.iter_mut().flatten().enumerate() {
        let t = Target::Container {
            kind: ContainerKind::Ephemeral,
            index: i,
            name: c.name.clone(),
        };
        out.push((t, &mut c.security_context));
    }
    out
}

fn pod_sc(spec: &mut PodSpec) -> &mut PodSecurityContext {
    spec.security_context.get_or_insert_with(Default::default)
}

fn runtime_default_seccomp() -> SeccompProfile {
    SeccompProfile {
        type_: "RuntimeDefault".into(),
        ..Default::default()
    }
}

fn fix_check(
    id: CheckId,
    minor: u32,
    meta: &mut ObjectMeta,
    spec: &mut PodSpec,
    changes: &mut Vec<Change>,
) {
    match id {
        CheckId::Privileged => fix_privileged(id, minor, meta, spec, changes),
        CheckId::CapabilitiesBaseline | CheckId::CapabilitiesRestricted => {
            fix_capabilities(id, minor, meta, spec, changes)
        }
        CheckId::AllowPrivilegeEscalation => {
            fix_allow_privilege_escalation(id, minor, meta, spec, changes)
        }
        CheckId::SeccompProfileBaseline if minor < 19 => {
            fix_seccomp_annotations(id, minor, meta, spec, changes)
        }
        CheckId::SeccompProfileBaseline | CheckId::SeccompProfileRestricted => {
            fix_seccomp_profile(id, minor, meta, spec, changes)
        }
        CheckId::RunAsNonRoot => fix_run_as_non_root(id, minor, meta, spec, changes),
        CheckId::RunAsUser => fix_run_as_user(id, minor, meta, spec, changes),
        CheckId::ProcMount | CheckId::ProcMountRestricted => {
            fix_proc_mount(id, minor, meta, spec, changes)
        }
        CheckId::SeLinuxOptions => fix_se_linux_options(id, minor, meta, spec, changes),
        CheckId::AppArmorProfile => fix_app_armor(id, minor, meta, spec, changes),
        CheckId::Sysctls => fix_sysctls(id, minor, meta, spec, changes),
        CheckId::WindowsHostProcess => fix_windows_host_process(id, minor, meta, spec, changes),
        CheckId::HostNamespaces
        | CheckId::HostPathVolumes
        | CheckId::HostPorts
        | CheckId::HostProbesAndHostLifecycle
        | CheckId::RestrictedVolumes => {}
    }
}

#[allow(
    unused_variables,
    reason = "every fixer has the signature of fix_check"
)]
fn fix_privileged(
    id: CheckId,
    minor: u32,
    meta: &mut ObjectMeta,
    spec: &mut PodSpec,
    changes: &mut Vec<Change>,
) {
    let mut push = |target: Target, edit: Edit| {
        changes.push(Change {
            check: id,
            target,
            edit,
        })
    };
    for (t, sc) in containers_mut(spec) {
        if let Some(sc) = sc.as_mut().filter(|sc| sc.privileged == Some(true)) {
            sc.privileged = Some(false);
            push(
                t,
                Edit::Set {
                    field: "privileged",
                    value: json!(false),
                },
            );
        }
    }
}

#[allow(
    unused_variables,
    reason = "every fixer has the signature of fix_check"
)]
fn fix_capabilities(
    id: CheckId,
    minor: u32,
    meta: &mut ObjectMeta,
    spec: &mut PodSpec,
    changes: &mut Vec<Change>,
) {
    let mut push = |target: Target, edit: Edit| {
        changes.push(Change {
            check: id,
            target,
            edit,
        })
    };
    let restricted = id == CheckId::CapabilitiesRestricted;
    for (t, sc) in containers_mut(spec) {
        if restricted {
            let caps = sc
                .get_or_insert_with(Default::default)
                .capabilities
                .get_or_insert_with(Capabilities::default);
            if !caps.drop.iter().flatten().any(|d| d == "ALL") {
                caps.drop.get_or_insert_with(Vec::new).push("ALL".into());
                push(t.clone(), Edit::DropAllCapabilities);
            }
        }
        let Some(caps) = sc.as_mut().and_then(|sc| sc.capabilities.as_mut()) else {
            continue;
        };
        let Some(add) = caps.add.as_mut() else {
            continue;
        };
        let allowed = |a: &String| {
            if restricted {
                a == "NET_BIND_SERVICE"
            } else {
                super::checks::BASELINE_CAPABILITIES.contains(&a.as_str())
            }
        };
        let removed: Vec<String> = add.iter().filter(|a| !allowed(a)).cloned().collect();
        if !removed.is_empty() {
            add.retain(allowed);
            if add.is_empty() {
                caps.add = None;
            }
            push(t, Edit::RemoveAddedCapabilities(removed));
        }
    }
}

#[allow(
    unused_variables,
    reason = "every fixer has the signature of fix_check"
)]
fn fix_allow_privilege_escalation(
    id: CheckId,
    minor: u32,
    meta: &mut ObjectMeta,
    spec: &mut PodSpec,
    changes: &mut Vec<Change>,
) {
    let mut push = |target: Target, edit: Edit| {
        changes.push(Change {
            check: id,
            target,
            edit,
        })
    };
    for (t, sc) in containers_mut(spec) {
        let sc = sc.get_or_insert_with(Default::default);
        if sc.allow_privilege_escalation != Some(false) {
            sc.allow_privilege_escalation = Some(false);
            push(
                t,
                Edit::Set {
                    field: "allowPrivilegeEscalation",
                    value: json!(false),
                },
            );
        }
    }
}

#[allow(
    unused_variables,
    reason = "every fixer has the signature of fix_check"
)]
fn fix_seccomp_annotations(
    id: CheckId,
    minor: u32,
    meta: &mut ObjectMeta,
    spec: &mut PodSpec,
    changes: &mut Vec<Change>,
) {
    let mut push = |target: Target, edit: Edit| {
        changes.push(Change {
            check: id,
            target,
            edit,
        })
    };
    let keys: Vec<String> = bad_seccomp_annotations(&Pod::new(meta, spec))
        .into_keys()
        .collect();
    let ann = meta.annotations.get_or_insert_with(Default::default);
    for key in keys {
        ann.insert(key.clone(), "runtime/default".into());
        push(
            Target::Pod,
            Edit::SetAnnotation {
                key,
                value: "runtime/default".into(),
            },
        );
    }
}

#[allow(
    unused_variables,
    reason = "every fixer has the signature of fix_check"
)]
fn fix_seccomp_profile(
    id: CheckId,
    minor: u32,
    meta: &mut ObjectMeta,
    spec: &mut PodSpec,
    changes: &mut Vec<Change>,
) {
    let mut push = |target: Target, edit: Edit| {
        changes.push(Change {
            check: id,
            target,
            edit,
        })
    };
    let value = json!({"type": "RuntimeDefault"});
    if let Some(p) = spec
        .security_context
        .as_mut()
        .and_then(|s| s.seccomp_profile.as_mut())
        && !seccomp_type_allowed(&p.type_)
    {
        *p = runtime_default_seccomp();
        push(
            Target::Pod,
            Edit::Set {
                field: "seccompProfile",
                value: value.clone(),
            },
        );
    }
    for (t, sc) in containers_mut(spec) {
        if let Some(p) = sc.as_mut().and_then(|s| s.seccomp_profile.as_mut())
            && !seccomp_type_allowed(&p.type_)
        {
            *p = runtime_default_seccomp();
            push(
                t,
                Edit::Set {
                    field: "seccompProfile",
                    value: value.clone(),
                },
            );
        }
    }
    if id == CheckId::SeccompProfileRestricted {
        let pod_set = spec
            .security_context
            .as_ref()
            .and_then(|s| s.seccomp_profile.as_ref())
            .is_some();
        let implicit = Pod::new(meta, spec).containers().any(|c| {
            c.security_context
                .and_then(|s| s.seccomp_profile.as_ref())
                .is_none()
        });
        if !pod_set && implicit {
            pod_sc(spec).seccomp_profile = Some(runtime_default_seccomp());
            push(
                Target::Pod,
                Edit::Set {
                    field: "seccompProfile",
                    value,
                },
            );
        }
    }
}

#[allow(
    unused_variables,
    reason = "every fixer has the signature of fix_check"
)]
fn fix_run_as_non_root(
    id: CheckId,
    minor: u32,
    meta: &mut ObjectMeta,
    spec: &mut PodSpec,
    changes: &mut Vec<Change>,
) {
    let mut push = |target: Target, edit: Edit| {
        changes.push(Change {
            check: id,
            target,
            edit,
        })
    };
    if let Some(sc) = spec
        .security_context
        .as_mut()
        .filter(|s| s.run_as_non_root == Some(false))
    {
        sc.run_as_non_root = Some(true);
        push(
            Target::Pod,
            Edit::Set {
                field: "runAsNonRoot",
                value: json!(true),
            },
        );
    }
    for (t, sc) in containers_mut(spec) {
        if let Some(sc) = sc.as_mut().filter(|s| s.run_as_non_root == Some(false)) {
            sc.run_as_non_root = Some(true);
            push(
                t,
                Edit::Set {
                    field: "runAsNonRoot",
                    value: json!(true),
                },
            );
        }
    }
    let pod_true = spec
        .security_context
        .as_ref()
        .and_then(|s| s.run_as_non_root)
        == Some(true);
    let implicit = Pod::new(meta, spec)
        .containers()
        .any(|c| c.security_context.and_then(|s| s.run_as_non_root).is_none());
    if !pod_true && implicit {
        pod_sc(spec).run_as_non_root = Some(true);
        push(
            Target::Pod,
            Edit::Set {
                field: "runAsNonRoot",
                value: json!(true),
            },
        );
    }
}

#[allow(
    unused_variables,
    reason = "every fixer has the signature of fix_check"
)]
fn fix_run_as_user(
    id: CheckId,
    minor: u32,
    meta: &mut ObjectMeta,
    spec: &mut PodSpec,
    changes: &mut Vec<Change>,
) {
    let mut push = |target: Target, edit: Edit| {
        changes.push(Change {
            check: id,
            target,
            edit,
        })
    };
    if let Some(sc) = spec
        .security_context
        .as_mut()
        .filter(|s| s.run_as_user == Some(0))
    {
        sc.run_as_user = None;
        push(Target::Pod, Edit::Remove { field: "runAsUser" });
    }
    for (t, sc) in containers_mut(spec) {
        if let Some(sc) = sc.as_mut().filter(|s| s.run_as_user == Some(0)) {
            sc.run_as_user = None;
            push(t, Edit::Remove { field: "runAsUser" });
        }
    }
}

#[allow(
    unused_variables,
    reason = "every fixer has the signature of fix_check"
)]
fn fix_proc_mount(
    id: CheckId,
    minor: u32,
    meta: &mut ObjectMeta,
    spec: &mut PodSpec,
    changes: &mut Vec<Change>,
) {
    let mut push = |target: Target, edit: Edit| {
        changes.push(Change {
            check: id,
            target,
            edit,
        })
    };
    for (t, sc) in containers_mut(spec) {
        if let Some(sc) = sc
            .as_mut()
            .filter(|s| s.proc_mount.as_deref().is_some_and(|p| p != "Default"))
        {
            sc.proc_mount = Some("Default".into());
            push(
                t,
                Edit::Set {
                    field: "procMount",
                    value: json!("Default"),
                },
            );
        }
    }
}

#[allow(
    unused_variables,
    reason = "every fixer has the signature of fix_check"
)]
fn fix_se_linux_options(
    id: CheckId,
    minor: u32,
    meta: &mut ObjectMeta,
    spec: &mut PodSpec,
    changes: &mut Vec<Change>,
) {
    let mut push = |target: Target, edit: Edit| {
        changes.push(Change {
            check: id,
            target,
            edit,
        })
    };
    let v1_31 = minor >= 31;
    let mut fix_opts = |t: Target, o: &mut k8s_openapi::api::core::v1::SELinuxOptions| {
        if !se_linux_type_allowed(o.type_.as_deref().unwrap_or(""), v1_31) {
            o.type_ = None;
            push(
                t.clone(),
                Edit::Remove {
                    field: "seLinuxOptions.type",
                },
            );
        }
        if o.user.as_deref().is_some_and(|u| !u.is_empty()) {
            o.user = None;
            push(
                t.clone(),
                Edit::Remove {
                    field: "seLinuxOptions.user",
                },
            );
        }
        if o.role.as_deref().is_some_and(|r| !r.is_empty()) {
            o.role = None;
            push(
                t,
                Edit::Remove {
                    field: "seLinuxOptions.role",
                },
            );
        }
    };
    if let Some(o) = spec
        .security_context
        .as_mut()
        .and_then(|s| s.se_linux_options.as_mut())
    {
        fix_opts(Target::Pod, o);
    }
    for (t, sc) in containers_mut(spec) {
        if let Some(o) = sc.as_mut().and_then(|s| s.se_linux_options.as_mut()) {
            fix_opts(t, o);
        }
    }
}

#[allow(
    unused_variables,
    reason = "every fixer has the signature of fix_check"
)]
fn fix_app_armor(
    id: CheckId,
    minor: u32,
    meta: &mut ObjectMeta,
    spec: &mut PodSpec,
    changes: &mut Vec<Change>,
) {
    let mut push = |target: Target, edit: Edit| {
        changes.push(Change {
            check: id,
            target,
            edit,
        })
    };
    let rd = || AppArmorProfile {
        type_: "RuntimeDefault".into(),
        ..Default::default()
    };
    let value = json!({"type": "RuntimeDefault"});
    if let Some(p) = spec
        .security_context
        .as_mut()
        .and_then(|s| s.app_armor_profile.as_mut())
        && !app_armor_profile_allowed(&p.type_)
    {
        *p = rd();
        push(
            Target::Pod,
            Edit::Set {
                field: "appArmorProfile",
                value: value.clone(),
            },
        );
    }
    for (t, sc) in containers_mut(spec) {
        if let Some(p) = sc.as_mut().and_then(|s| s.app_armor_profile.as_mut())
            && !app_armor_profile_allowed(&p.type_)
        {
            *p = rd();
            push(
                t,
                Edit::Set {
                    field: "appArmorProfile",
                    value: value.clone(),
                },
            );
        }
    }
    for (k, v) in meta.annotations.iter_mut().flatten() {
        if k.starts_with(APPARMOR_ANNOTATION_PREFIX) && !app_armor_annotation_allowed(v) {
            *v = "runtime/default".into();
            push(
                Target::Pod,
                Edit::SetAnnotation {
                    key: k.clone(),
                    value: v.clone(),
                },
            );
        }
    }
}

#[allow(
    unused_variables,
    reason = "every fixer has the signature of fix_check"
)]
fn fix_sysctls(
    id: CheckId,
    minor: u32,
    meta: &mut ObjectMeta,
    spec: &mut PodSpec,
    changes: &mut Vec<Change>,
) {
    let mut push = |target: Target, edit: Edit| {
        changes.push(Change {
            check: id,
            target,
            edit,
        })
    };
    let variant = id.variant(minor).unwrap_or(0);
    if let Some(sc) = spec.security_context.as_mut()
        && let Some(list) = sc.sysctls.as_mut()
    {
        let removed: Vec<String> = list
            .iter()
            .filter(|s| !sysctl_allowed(&s.name, variant))
            .map(|s| s.name.clone())
            .collect();
        if !removed.is_empty() {
            list.retain(|s| sysctl_allowed(&s.name, variant));
            if list.is_empty() {
                sc.sysctls = None;
            }
            push(Target::Pod, Edit::RemoveSysctls(removed));
        }
    }
}

#[allow(
    unused_variables,
    reason = "every fixer has the signature of fix_check"
)]
fn fix_windows_host_process(
    id: CheckId,
    minor: u32,
    meta: &mut ObjectMeta,
    spec: &mut PodSpec,
    changes: &mut Vec<Change>,
) {
    let mut push = |target: Target, edit: Edit| {
        changes.push(Change {
            check: id,
            target,
            edit,
        })
    };
    let off = |w: &mut Option<WindowsSecurityContextOptions>| {
        if let Some(w) = w.as_mut().filter(|w| w.host_process == Some(true)) {
            w.host_process = Some(false);
            true
        } else {
            false
        }
    };
    if let Some(sc) = spec.security_context.as_mut()
        && off(&mut sc.windows_options)
    {
        push(
            Target::Pod,
            Edit::Set {
                field: "windowsOptions.hostProcess",
                value: json!(false),
            },
        );
    }
    for (t, sc) in containers_mut(spec) {
        if let Some(sc) = sc.as_mut()
            && off(&mut sc.windows_options)
        {
            push(
                t,
                Edit::Set {
                    field: "windowsOptions.hostProcess",
                    value: json!(false),
                },
            );
        }
    }
}

// ---- JSON Patch ----

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn diff(path: &str, a: &Value, b: &Value, ops: &mut Vec<(&'static str, String, Option<Value>)>) {
    if a == b {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                let p = format!("{path}/{}", escape(k));
                match y.get(k) {
                    Some(vb) => diff(&p, va, vb, ops),
                    None => ops.push(("remove", p, None)),
                }
            }
            for (k, vb) in y {
                if !x.contains_key(k) {
                    ops.push(("add", format!("{path}/{}", escape(k)), Some(vb.clone())));
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                diff(&format!("{path}/{i}"), va, vb, ops);
            }
        }
        _ => ops.push(("replace", path.to_owned(), Some(b.clone()))),
    }
}

/// A JSON Patch that does not apply.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("JSON Patch operation {index}: {reason}")]
pub struct PatchError {
    /// The index of the failing operation.
    pub index: usize,
    /// What is wrong.
    pub reason: String,
}

/// Applies the `add`, `remove` and `replace` operations of an RFC 6902 JSON Patch to `doc`
/// (enough for the patches of [`Fix`]; other operations are an error).
pub fn apply_patch(doc: &mut Value, patch: &Value) -> Result<(), PatchError> {
    let ops = patch.as_array().ok_or(PatchError {
        index: 0,
        reason: "the patch is not an array".into(),
    })?;
    for (index, op) in ops.iter().enumerate() {
        let err = |reason: &str| PatchError {
            index,
            reason: reason.into(),
        };
        let kind = op
            .get("op")
            .and_then(Value::as_str)
            .ok_or_else(|| err("no op"))?;
        let path = op
            .get("path")
            .and_then(Value::as_str)
            .ok_or_else(|| err("no path"))?;
        let value = op.get("value").cloned();
        let (parent, last) = match path.rfind('/') {
            Some(i) => (
                &path[..i],
                path[i + 1..].replace("~1", "/").replace("~0", "~"),
            ),
            None => return Err(err("the path does not start with /")),
        };
        if parent.is_empty() && last.is_empty() {
            return Err(err("the root cannot be patched"));
        }
        let target = doc
            .pointer_mut(parent)
            .ok_or_else(|| err("the parent does not exist"))?;
        match (kind, target) {
            ("add" | "replace", Value::Object(m)) => {
                let v = value.ok_or_else(|| err("no value"))?;
                if kind == "replace" && !m.contains_key(&last) {
                    return Err(err("replace of a missing member"));
                }
                m.insert(last, v);
            }
            ("remove", Value::Object(m)) => {
                m.remove(&last)
                    .ok_or_else(|| err("remove of a missing member"))?;
            }
            (k, Value::Array(a)) => {
                let i = if last == "-" && k == "add" {
                    a.len()
                } else {
                    last.parse::<usize>().map_err(|_| err("bad array index"))?
                };
                match k {
                    "add" if i <= a.len() => a.insert(i, value.ok_or_else(|| err("no value"))?),
                    "replace" if i < a.len() => a[i] = value.ok_or_else(|| err("no value"))?,
                    "remove" if i < a.len() => {
                        a.remove(i);
                    }
                    _ => return Err(err("array index out of range or unknown op")),
                }
            }
            _ => return Err(err("unsupported op or target")),
        }
    }
    Ok(())
}
