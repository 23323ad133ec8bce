//! The Pod Security Standards checks and their registry (upstream
//! `k8s.io/pod-security-admission/policy`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use k8s_openapi::api::core::v1::{
    ContainerPort, Lifecycle, LifecycleHandler, PodSpec, Probe, SELinuxOptions, SecurityContext,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::api::{Level, LevelVersion};

/// The identifier of a check, as upstream registers it.
///
/// The order of the variants is the order upstream evaluates and reports them in: baseline
/// checks, then restricted ones, each group sorted by identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CheckId {
    /// `appArmorProfile` (baseline).
    AppArmorProfile,
    /// `capabilities_baseline` (baseline).
    CapabilitiesBaseline,
    /// `hostNamespaces` (baseline).
    HostNamespaces,
    /// `hostPathVolumes` (baseline).
    HostPathVolumes,
    /// `hostPorts` (baseline).
    HostPorts,
    /// `hostProbesAndHostLifecycle` (baseline, v1.34+).
    HostProbesAndHostLifecycle,
    /// `privileged` (baseline).
    Privileged,
    /// `procMount` (baseline).
    ProcMount,
    /// `seLinuxOptions` (baseline).
    SeLinuxOptions,
    /// `seccompProfile_baseline` (baseline).
    SeccompProfileBaseline,
    /// `sysctls` (baseline).
    Sysctls,
    /// `windowsHostProcess` (baseline).
    WindowsHostProcess,
    /// `allowPrivilegeEscalation` (restricted, v1.8+).
    AllowPrivilegeEscalation,
    /// `capabilities_restricted` (restricted, v1.22+).
    CapabilitiesRestricted,
    /// `procMount_restricted` (restricted, v1.35+).
    ProcMountRestricted,
    /// `restrictedVolumes` (restricted).
    RestrictedVolumes,
    /// `runAsNonRoot` (restricted).
    RunAsNonRoot,
    /// `runAsUser` (restricted, v1.23+).
    RunAsUser,
    /// `seccompProfile_restricted` (restricted, v1.19+).
    SeccompProfileRestricted,
}

impl CheckId {
    /// Every check, in evaluation order.
    pub const ALL: [CheckId; 19] = [
        CheckId::AppArmorProfile,
        CheckId::CapabilitiesBaseline,
        CheckId::HostNamespaces,
        CheckId::HostPathVolumes,
        CheckId::HostPorts,
        CheckId::HostProbesAndHostLifecycle,
        CheckId::Privileged,
        CheckId::ProcMount,
        CheckId::SeLinuxOptions,
        CheckId::SeccompProfileBaseline,
        CheckId::Sysctls,
        CheckId::WindowsHostProcess,
        CheckId::AllowPrivilegeEscalation,
        CheckId::CapabilitiesRestricted,
        CheckId::ProcMountRestricted,
        CheckId::RestrictedVolumes,
        CheckId::RunAsNonRoot,
        CheckId::RunAsUser,
        CheckId::SeccompProfileRestricted,
    ];

    /// Upstream's identifier (`capabilities_baseline`, `runAsNonRoot` …).
    pub fn as_str(self) -> &'static str {
        match self {
            CheckId::AppArmorProfile => "appArmorProfile",
            CheckId::CapabilitiesBaseline => "capabilities_baseline",
            CheckId::HostNamespaces => "hostNamespaces",
            CheckId::HostPathVolumes => "hostPathVolumes",
            CheckId::HostPorts => "hostPorts",
            CheckId::HostProbesAndHostLifecycle => "hostProbesAndHostLifecycle",
            CheckId::Privileged => "privileged",
            CheckId::ProcMount => "procMount",
            CheckId::SeLinuxOptions => "seLinuxOptions",
            CheckId::SeccompProfileBaseline => "seccompProfile_baseline",
            CheckId::Sysctls => "sysctls",
            CheckId::WindowsHostProcess => "windowsHostProcess",
            CheckId::AllowPrivilegeEscalation => "allowPrivilegeEscalation",
            CheckId::CapabilitiesRestricted => "capabilities_restricted",
            CheckId::ProcMountRestricted => "procMount_restricted",
            CheckId::RestrictedVolumes => "restrictedVolumes",
            CheckId::RunAsNonRoot => "runAsNonRoot",
            CheckId::RunAsUser => "runAsUser",
            CheckId::SeccompProfileRestricted => "seccompProfile_restricted",
        }
    }

    /// The level the check belongs to.
    pub fn level(self) -> Level {
        if self >= CheckId::AllowPrivilegeEscalation {
            Level::Restricted
        } else {
            Level::Baseline
        }
    }

    /// The minimum versions of the check's variants, oldest first (upstream `Versions`).
    pub fn versions(self) -> &'static [u32] {
        match self {
            CheckId::ProcMount => &[0, 35],
            CheckId::SeLinuxOptions => &[0, 31],
            CheckId::SeccompProfileBaseline => &[0, 19],
            CheckId::Sysctls => &[0, 27, 29, 32, 37],
            CheckId::HostProbesAndHostLifecycle => &[34],
            CheckId::AllowPrivilegeEscalation => &[8, 25],
            CheckId::CapabilitiesRestricted => &[22, 25],
            CheckId::ProcMountRestricted => &[35],
            CheckId::RunAsNonRoot => &[0, 35],
            CheckId::RunAsUser => &[23, 35],
            CheckId::SeccompProfileRestricted => &[19, 25],
            _ => &[0],
        }
    }

    /// The baseline check a restricted check replaces at `minor`, if any (upstream
    /// `OverrideCheckIDs`).
    pub fn overrides(self, minor: u32) -> Option<CheckId> {
        self.variant(minor)?;
        match self {
            CheckId::CapabilitiesRestricted => Some(CheckId::CapabilitiesBaseline),
            CheckId::ProcMountRestricted => Some(CheckId::ProcMount),
            CheckId::RestrictedVolumes => Some(CheckId::HostPathVolumes),
            CheckId::SeccompProfileRestricted => Some(CheckId::SeccompProfileBaseline),
            _ => None,
        }
    }

    /// The minimum version of the variant that applies at `minor`, `None` when the check does
    /// not exist yet at `minor`.
    pub fn variant(self, minor: u32) -> Option<u32> {
        self.versions().iter().rev().copied().find(|&v| v <= minor)
    }

    /// Runs this check's variant for `minor` (allowed when the check does not exist at `minor`).
    pub fn check(self, minor: u32, meta: &ObjectMeta, spec: &PodSpec) -> CheckResult {
        let Some(v) = self.variant(minor) else {
            return CheckResult::ALLOWED;
        };
        let pod = Pod::new(meta, spec);
        match self {
            CheckId::AppArmorProfile => app_armor_profile(&pod),
            CheckId::CapabilitiesBaseline => capabilities_baseline(&pod),
            CheckId::HostNamespaces => host_namespaces(&pod),
            CheckId::HostPathVolumes => host_path_volumes(&pod),
            CheckId::HostPorts => host_ports(&pod),
            CheckId::HostProbesAndHostLifecycle => host_probes_and_host_lifecycle(&pod),
            CheckId::Privileged => privileged(&pod),
            CheckId::ProcMount => {
                if v >= 35 && pod.user_namespace() {
                    CheckResult::ALLOWED
                } else {
                    proc_mount(&pod)
                }
            }
            CheckId::ProcMountRestricted => proc_mount(&pod),
            CheckId::SeLinuxOptions => se_linux_options(&pod, v >= 31),
            CheckId::SeccompProfileBaseline => {
                if v >= 19 {
                    seccomp_profile_baseline(&pod)
                } else {
                    seccomp_annotations(&pod)
                }
            }
            CheckId::Sysctls => sysctls(&pod, v),
            CheckId::WindowsHostProcess => windows_host_process(&pod),
            CheckId::AllowPrivilegeEscalation => {
                if v >= 25 && pod.windows() {
                    CheckResult::ALLOWED
                } else {
                    allow_privilege_escalation(&pod)
                }
            }
            CheckId::CapabilitiesRestricted => {
                if v >= 25 && pod.windows() {
                    CheckResult::ALLOWED
                } else {
                    capabilities_restricted(&pod)
                }
            }
            CheckId::RestrictedVolumes => restricted_volumes(&pod),
            CheckId::RunAsNonRoot => {
                if v >= 35 && pod.user_namespace() {
                    CheckResult::ALLOWED
                } else {
                    run_as_non_root(&pod)
                }
            }
            CheckId::RunAsUser => {
                if v >= 35 && pod.user_namespace() {
                    CheckResult::ALLOWED
                } else {
                    run_as_user(&pod)
                }
            }
            CheckId::SeccompProfileRestricted => {
                if v >= 25 && pod.windows() {
                    CheckResult::ALLOWED
                } else {
                    seccomp_profile_restricted(&pod)
                }
            }
        }
    }
}

impl fmt::Display for CheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The checks evaluated for `lv`, in upstream's order: none for privileged; the baseline checks
/// that exist at the version; for restricted also the restricted checks, each replacing the
/// baseline check it overrides.
pub fn checks_for(lv: LevelVersion) -> Vec<CheckId> {
    let minor = lv.version.effective_minor();
    match lv.level {
        Level::Privileged => Vec::new(),
        Level::Baseline => CheckId::ALL
            .into_iter()
            .filter(|c| c.level() == Level::Baseline && c.variant(minor).is_some())
            .collect(),
        Level::Restricted => {
            let overridden: Vec<CheckId> = CheckId::ALL
                .iter()
                .filter_map(|c| c.overrides(minor))
                .collect();
            CheckId::ALL
                .into_iter()
                .filter(|c| c.variant(minor).is_some() && !overridden.contains(c))
                .collect()
        }
    }
}

/// The outcome of one check (upstream `CheckResult`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CheckResult {
    /// Whether the pod passes.
    pub allowed: bool,
    /// Short reason (`host namespaces`, `runAsNonRoot != true`); empty when allowed.
    pub forbidden_reason: String,
    /// Which fields and values (`hostNetwork=true`); may be empty.
    pub forbidden_detail: String,
}

impl CheckResult {
    /// A passing result.
    pub const ALLOWED: CheckResult = CheckResult {
        allowed: true,
        forbidden_reason: String::new(),
        forbidden_detail: String::new(),
    };

    fn forbidden(reason: &str, detail: String) -> CheckResult {
        CheckResult {
            allowed: false,
            forbidden_reason: reason.to_owned(),
            forbidden_detail: detail,
        }
    }
}

/// The checks of one level and version run over a pod, with their results (upstream
/// `AggregateCheckResults`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluation {
    /// The level and version evaluated.
    pub level_version: LevelVersion,
    /// Every check run, in order, with its result.
    pub results: Vec<(CheckId, CheckResult)>,
}

/// The reason upstream prints for a failed check without one.
pub const UNKNOWN_FORBIDDEN_REASON: &str = "unknown forbidden reason";

impl Evaluation {
    /// Whether every check passed.
    pub fn allowed(&self) -> bool {
        self.results.iter().all(|(_, r)| r.allowed)
    }

    /// The failed checks, in order.
    pub fn failures(&self) -> impl Iterator<Item = (CheckId, &CheckResult)> {
        self.results
            .iter()
            .filter(|(_, r)| !r.allowed)
            .map(|(id, r)| (*id, r))
    }

    /// The failed checks' reasons joined by `, ` (upstream `ForbiddenReason`); the namespace
    /// warnings use this form.
    pub fn forbidden_reason(&self) -> String {
        let reasons: Vec<&str> = self.failures().map(|(_, r)| reason_of(r)).collect();
        reasons.join(", ")
    }

    /// Each failed check's reason with its detail in parentheses, joined by `, ` (upstream
    /// `ForbiddenDetail`); the enforce error, audit annotation and warnings use this form.
    pub fn forbidden_detail(&self) -> String {
        let mut out = String::new();
        for (i, (_, r)) in self.failures().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(reason_of(r));
            if !r.forbidden_detail.is_empty() {
                out.push_str(" (");
                out.push_str(&r.forbidden_detail);
                out.push(')');
            }
        }
        out
    }
}

fn reason_of(r: &CheckResult) -> &str {
    if r.forbidden_reason.is_empty() {
        UNKNOWN_FORBIDDEN_REASON
    } else {
        &r.forbidden_reason
    }
}

impl fmt::Display for Evaluation {
    /// `violates PodSecurity "<level>:<version>": <details>` when a check fails (the enforce
    /// error's text), `allowed by PodSecurity "<level>:<version>"` otherwise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.allowed() {
            write!(f, "allowed by PodSecurity \"{}\"", self.level_version)
        } else {
            write!(
                f,
                "violates PodSecurity \"{}\": {}",
                self.level_version,
                self.forbidden_detail()
            )
        }
    }
}

/// Evaluates a pod's metadata and spec at `lv` (upstream `EvaluatePod` with the default checks).
///
/// Privileged runs no check; `latest` and versions newer than this build's Kubernetes minor are
/// evaluated as [`latest_minor`](super::latest_minor).
pub fn evaluate(lv: LevelVersion, meta: &ObjectMeta, spec: &PodSpec) -> Evaluation {
    let minor = lv.version.effective_minor();
    Evaluation {
        level_version: lv,
        results: checks_for(lv)
            .into_iter()
            .map(|c| (c, c.check(minor, meta, spec)))
            .collect(),
    }
}

/// Whether the pod passes `lv`, stopping at the first failed check.
pub fn passes(lv: LevelVersion, meta: &ObjectMeta, spec: &PodSpec) -> bool {
    let minor = lv.version.effective_minor();
    checks_for(lv)
        .into_iter()
        .all(|c| c.check(minor, meta, spec).allowed)
}

// ---- the pod as the checks see it ----

/// One container of any kind, as upstream's `visitContainers` sees it (init containers, then
/// containers, then ephemeral containers).
pub(crate) struct ContainerView<'a> {
    pub(crate) name: &'a str,
    pub(crate) security_context: Option<&'a SecurityContext>,
    pub(crate) ports: &'a [ContainerPort],
    pub(crate) probes: [Option<&'a Probe>; 3],
    pub(crate) lifecycle: Option<&'a Lifecycle>,
}

pub(crate) struct Pod<'a> {
    pub(crate) meta: &'a ObjectMeta,
    pub(crate) spec: &'a PodSpec,
}

impl<'a> Pod<'a> {
    pub(crate) fn new(meta: &'a ObjectMeta, spec: &'a PodSpec) -> Self {
        Pod { meta, spec }
    }

    pub(crate) fn containers(&self) -> impl Iterator<Item = ContainerView<'a>> + 'a {
        let spec = self.spec;
        let init = spec.init_containers.iter().flatten();
        let main = spec.containers.iter();
        let regular = init.chain(main).map(|c| ContainerView {
            name: &c.name,
            security_context: c.security_context.as_ref(),
            ports: c.ports.as_deref().unwrap_or(&[]),
            probes: [
                c.liveness_probe.as_ref(),
                c.readiness_probe.as_ref(),
                c.startup_probe.as_ref(),
            ],
            lifecycle: c.lifecycle.as_ref(),
        });
        let ephemeral = spec
            .ephemeral_containers
            .iter()
            .flatten()
            .map(|c| ContainerView {
                name: &c.name,
                security_context: c.security_context.as_ref(),
                ports: c.ports.as_deref().unwrap_or(&[]),
                probes: [
                    c.liveness_probe.as_ref(),
                    c.readiness_probe.as_ref(),
                    c.startup_probe.as_ref(),
                ],
                lifecycle: c.lifecycle.as_ref(),
            });
        regular.chain(ephemeral)
    }

    pub(crate) fn annotations(&self) -> impl Iterator<Item = (&'a String, &'a String)> {
        self.meta.annotations.iter().flatten()
    }

    fn annotation(&self, key: &str) -> Option<&'a String> {
        self.meta.annotations.as_ref().and_then(|a| a.get(key))
    }

    /// `spec.os.name == windows`.
    pub(crate) fn windows(&self) -> bool {
        self.spec.os.as_ref().is_some_and(|os| os.name == "windows")
    }

    /// `spec.hostUsers == false` (upstream `relaxPolicyForUserNamespacePod`).
    pub(crate) fn user_namespace(&self) -> bool {
        self.spec.host_users == Some(false)
    }
}

fn pluralize<'s>(singular: &'s str, plural: &'s str, count: usize) -> &'s str {
    if count == 1 { singular } else { plural }
}

/// `"a", "b"`; empty for no items.
pub(crate) fn join_quote<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    let mut out = String::new();
    for (i, s) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('"');
        out.push_str(s.as_ref());
        out.push('"');
    }
    out
}

/// `container "a"` / `containers "a", "b"`.
fn containers_phrase(names: &[&str]) -> String {
    format!(
        "{} {}",
        pluralize("container", "containers", names.len()),
        join_quote(names)
    )
}

/// Go's `%q` of a string as the checks print annotation values.
fn go_quote(s: &str) -> String {
    crate::go::quote(s)
}

// ---- baseline ----

pub(crate) fn app_armor_profile_allowed(t: &str) -> bool {
    t == "RuntimeDefault" || t == "Localhost"
}

pub(crate) const APPARMOR_ANNOTATION_PREFIX: &str =
    "container.apparmor.security.beta.kubernetes.io/";

pub(crate) fn app_armor_annotation_allowed(v: &str) -> bool {
    v.is_empty() || v == "runtime/default" || v.starts_with("localhost/")
}

fn app_armor_profile(pod: &Pod) -> CheckResult {
    let mut setters: Vec<String> = Vec::new();
    let mut values: BTreeSet<&str> = BTreeSet::new();
    if let Some(p) = pod
        .spec
        .security_context
        .as_ref()
        .and_then(|s| s.app_armor_profile.as_ref())
        && !app_armor_profile_allowed(&p.type_)
    {
        setters.push("pod".into());
        values.insert(&p.type_);
    }
    let mut bad: Vec<&str> = Vec::new();
    for c in pod.containers() {
        if let Some(p) = c
            .security_context
            .and_then(|s| s.app_armor_profile.as_ref())
            && !app_armor_profile_allowed(&p.type_)
        {
            bad.push(c.name);
            values.insert(&p.type_);
        }
    }
    if !bad.is_empty() {
        setters.push(containers_phrase(&bad));
    }
    let mut list: Vec<String> = values.into_iter().map(str::to_owned).collect();
    let mut annotations: Vec<String> = pod
        .annotations()
        .filter(|(k, v)| {
            k.starts_with(APPARMOR_ANNOTATION_PREFIX) && !app_armor_annotation_allowed(v)
        })
        .map(|(k, v)| format!("{k}={}", go_quote(v)))
        .collect();
    if !annotations.is_empty() {
        annotations.sort();
        setters.push(pluralize("annotation", "annotations", annotations.len()).into());
        list.extend(annotations);
    }
    if setters.is_empty() {
        return CheckResult::ALLOWED;
    }
    CheckResult::forbidden(
        pluralize(
            "forbidden AppArmor profile",
            "forbidden AppArmor profiles",
            list.len(),
        ),
        format!(
            "{} must not set AppArmor profile type to {}",
            setters.join(" and "),
            join_quote(&list)
        ),
    )
}

/// The capabilities baseline allows containers to add.
pub const BASELINE_CAPABILITIES: [&str; 13] = [
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

fn capabilities_baseline(pod: &Pod) -> CheckResult {
    let mut bad: Vec<&str> = Vec::new();
    let mut caps: BTreeSet<&str> = BTreeSet::new();
    for c in pod.containers() {
        let Some(cap) = c.security_context.and_then(|s| s.capabilities.as_ref()) else {
            continue;
        };
        let mut valid = true;
        for a in cap.add.iter().flatten() {
            if !BASELINE_CAPABILITIES.contains(&a.as_str()) {
                valid = false;
                caps.insert(a);
            }
        }
        if !valid {
            bad.push(c.name);
        }
    }
    if bad.is_empty() {
        return CheckResult::ALLOWED;
    }
    CheckResult::forbidden(
        "non-default capabilities",
        format!(
            "{} must not include {} in securityContext.capabilities.add",
            containers_phrase(&bad),
            join_quote(caps)
        ),
    )
}

fn host_namespaces(pod: &Pod) -> CheckResult {
    let mut ns: Vec<&str> = Vec::new();
    if pod.spec.host_network == Some(true) {
        ns.push("hostNetwork=true");
    }
    if pod.spec.host_pid == Some(true) {
        ns.push("hostPID=true");
    }
    if pod.spec.host_ipc == Some(true) {
        ns.push("hostIPC=true");
    }
    if ns.is_empty() {
        return CheckResult::ALLOWED;
    }
    CheckResult::forbidden("host namespaces", ns.join(", "))
}

// seed 003:4588 — the seed says baseline blocks "unrestricted hostPath" volumes; upstream
// forbids every hostPath volume at baseline, and so does this check.
fn host_path_volumes(pod: &Pod) -> CheckResult {
    let bad: Vec<&str> = pod
        .spec
        .volumes
        .iter()
        .flatten()
        .filter(|v| v.host_path.is_some())
        .map(|v| v.name.as_str())
        .collect();
    if bad.is_empty() {
        return CheckResult::ALLOWED;
    }
    CheckResult::forbidden(
        "hostPath volumes",
        format!(
            "{} {}",
            pluralize("volume", "volumes", bad.len()),
            join_quote(&bad)
        ),
    )
}

fn host_ports(pod: &Pod) -> CheckResult {
    let mut bad: Vec<&str> = Vec::new();
    // Sorted as strings, as upstream sorts them.
    let mut ports: BTreeSet<String> = BTreeSet::new();
    for c in pod.containers() {
        let mut valid = true;
        for p in c.ports {
            if let Some(hp) = p.host_port.filter(|&hp| hp != 0) {
                valid = false;
                ports.insert(hp.to_string());
            }
        }
        if !valid {
            bad.push(c.name);
        }
    }
    if bad.is_empty() {
        return CheckResult::ALLOWED;
    }
    let ports: Vec<String> = ports.into_iter().collect();
    CheckResult::forbidden(
        "hostPort",
        format!(
            "{} {} {} {}",
            containers_phrase(&bad),
            pluralize("uses", "use", bad.len()),
            pluralize("hostPort", "hostPorts", ports.len()),
            ports.join(", ")
        ),
    )
}

fn probe_hosts<'a>(p: &'a Probe, out: &mut Vec<&'a str>) {
    if let Some(h) = p
        .http_get
        .as_ref()
        .and_then(|g| g.host.as_deref())
        .filter(|h| !h.is_empty())
    {
        out.push(h);
    }
    if let Some(h) = p
        .tcp_socket
        .as_ref()
        .and_then(|t| t.host.as_deref())
        .filter(|h| !h.is_empty())
    {
        out.push(h);
    }
}

fn handler_hosts<'a>(p: &'a LifecycleHandler, out: &mut Vec<&'a str>) {
    if let Some(h) = p
        .http_get
        .as_ref()
        .and_then(|g| g.host.as_deref())
        .filter(|h| !h.is_empty())
    {
        out.push(h);
    }
    if let Some(h) = p
        .tcp_socket
        .as_ref()
        .and_then(|t| t.host.as_deref())
        .filter(|h| !h.is_empty())
    {
        out.push(h);
    }
}

fn host_probes_and_host_lifecycle(pod: &Pod) -> CheckResult {
    let mut bad: BTreeSet<&str> = BTreeSet::new();
    let mut hosts: BTreeSet<&str> = BTreeSet::new();
    for c in pod.containers() {
        let mut found: Vec<&str> = Vec::new();
        for p in c.probes.into_iter().flatten() {
            probe_hosts(p, &mut found);
        }
        if let Some(l) = c.lifecycle {
            for h in [l.post_start.as_ref(), l.pre_stop.as_ref()]
                .into_iter()
                .flatten()
            {
                handler_hosts(h, &mut found);
            }
        }
        if !found.is_empty() {
            bad.insert(c.name);
            hosts.extend(found);
        }
    }
    if bad.is_empty() {
        return CheckResult::ALLOWED;
    }
    CheckResult::forbidden(
        "probe or lifecycle host",
        format!(
            "{} {} {} {} {}",
            pluralize("container", "containers", bad.len()),
            join_quote(&bad),
            pluralize("uses", "use", bad.len()),
            pluralize(
                "probe or lifecycle host",
                "probe or lifecycle hosts",
                hosts.len()
            ),
            join_quote(&hosts)
        ),
    )
}

fn privileged(pod: &Pod) -> CheckResult {
    let bad: Vec<&str> = pod
        .containers()
        .filter(|c| c.security_context.and_then(|s| s.privileged) == Some(true))
        .map(|c| c.name)
        .collect();
    if bad.is_empty() {
        return CheckResult::ALLOWED;
    }
    CheckResult::forbidden(
        "privileged",
        format!(
            "{} must not set securityContext.privileged=true",
            containers_phrase(&bad)
        ),
    )
}

fn proc_mount(pod: &Pod) -> CheckResult {
    let mut bad: Vec<&str> = Vec::new();
    let mut types: BTreeSet<&str> = BTreeSet::new();
    for c in pod.containers() {
        if let Some(pm) = c.security_context.and_then(|s| s.proc_mount.as_deref())
            && pm != "Default"
        {
            bad.push(c.name);
            types.insert(pm);
        }
    }
    if bad.is_empty() {
        return CheckResult::ALLOWED;
    }
    CheckResult::forbidden(
        "procMount",
        format!(
            "{} must not set securityContext.procMount to {}",
            containers_phrase(&bad),
            join_quote(types)
        ),
    )
}

/// The SELinux types baseline allows at a version (`container_engine_t` from v1.31 on).
pub(crate) fn se_linux_type_allowed(t: &str, v1_31: bool) -> bool {
    matches!(
        t,
        "" | "container_t" | "container_init_t" | "container_kvm_t"
    ) || (v1_31 && t == "container_engine_t")
}

fn se_linux_options<'a>(pod: &Pod<'a>, v1_31: bool) -> CheckResult {
    let mut setters: Vec<String> = Vec::new();
    let mut types: BTreeSet<&str> = BTreeSet::new();
    let (mut user, mut role) = (false, false);
    let mut valid = |o: &'a SELinuxOptions| -> bool {
        let t = o.type_.as_deref().unwrap_or("");
        let mut ok = true;
        if !se_linux_type_allowed(t, v1_31) {
            ok = false;
            types.insert(t);
        }
        if o.user.as_deref().is_some_and(|u| !u.is_empty()) {
            ok = false;
            user = true;
        }
        if o.role.as_deref().is_some_and(|r| !r.is_empty()) {
            ok = false;
            role = true;
        }
        ok
    };
    if let Some(o) = pod
        .spec
        .security_context
        .as_ref()
        .and_then(|s| s.se_linux_options.as_ref())
        && !valid(o)
    {
        setters.push("pod".into());
    }
    let mut bad: Vec<&str> = Vec::new();
    for c in pod.containers() {
        if let Some(o) = c.security_context.and_then(|s| s.se_linux_options.as_ref())
            && !valid(o)
        {
            bad.push(c.name);
        }
    }
    if !bad.is_empty() {
        setters.push(containers_phrase(&bad));
    }
    if setters.is_empty() {
        return CheckResult::ALLOWED;
    }
    let mut data: Vec<String> = Vec::new();
    if !types.is_empty() {
        data.push(format!(
            "{} {}",
            pluralize("type", "types", types.len()),
            join_quote(&types)
        ));
    }
    if user {
        data.push("user may not be set".into());
    }
    if role {
        data.push("role may not be set".into());
    }
    CheckResult::forbidden(
        "seLinuxOptions",
        format!(
            "{} set forbidden securityContext.seLinuxOptions: {}",
            setters.join(" and "),
            data.join("; ")
        ),
    )
}

pub(crate) const SECCOMP_POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
pub(crate) const SECCOMP_CONTAINER_ANNOTATION_PREFIX: &str =
    "container.seccomp.security.alpha.kubernetes.io/";

pub(crate) fn seccomp_type_allowed(t: &str) -> bool {
    t == "Localhost" || t == "RuntimeDefault"
}

pub(crate) fn seccomp_annotation_allowed(v: &str) -> bool {
    v == "runtime/default" || v == "docker/default" || v.starts_with("localhost/")
}

/// The seccomp annotations (pod, then one per container name) that a pod sets to a forbidden
/// value, as `(key, value)`.
pub(crate) fn bad_seccomp_annotations<'a>(pod: &Pod<'a>) -> BTreeMap<String, &'a String> {
    let mut out = BTreeMap::new();
    if let Some(v) = pod.annotation(SECCOMP_POD_ANNOTATION)
        && !seccomp_annotation_allowed(v)
    {
        out.insert(SECCOMP_POD_ANNOTATION.to_owned(), v);
    }
    for c in pod.containers() {
        let key = format!("{SECCOMP_CONTAINER_ANNOTATION_PREFIX}{}", c.name);
        if let Some(v) = pod.annotation(&key)
            && !seccomp_annotation_allowed(v)
        {
            out.insert(key, v);
        }
    }
    out
}

fn seccomp_annotations(pod: &Pod) -> CheckResult {
    let bad: BTreeSet<String> = bad_seccomp_annotations(pod)
        .into_iter()
        .map(|(k, v)| format!("{k}={}", go_quote(v)))
        .collect();
    if bad.is_empty() {
        return CheckResult::ALLOWED;
    }
    let bad: Vec<String> = bad.into_iter().collect();
    CheckResult::forbidden(
        "seccompProfile",
        format!(
            "forbidden {} {}",
            pluralize("annotation", "annotations", bad.len()),
            bad.join(", ")
        ),
    )
}

/// Explicitly bad seccomp setters: (pod?, containers, bad values).
fn seccomp_explicit<'a>(pod: &Pod<'a>) -> (bool, bool, Vec<&'a str>, BTreeSet<&'a str>) {
    let mut values = BTreeSet::new();
    let mut pod_bad = false;
    let mut pod_set = false;
    if let Some(p) = pod
        .spec
        .security_context
        .as_ref()
        .and_then(|s| s.seccomp_profile.as_ref())
    {
        if seccomp_type_allowed(&p.type_) {
            pod_set = true;
        } else {
            pod_bad = true;
            values.insert(p.type_.as_str());
        }
    }
    let mut bad = Vec::new();
    for c in pod.containers() {
        if let Some(p) = c.security_context.and_then(|s| s.seccomp_profile.as_ref())
            && !seccomp_type_allowed(&p.type_)
        {
            bad.push(c.name);
            values.insert(p.type_.as_str());
        }
    }
    (pod_bad, pod_set, bad, values)
}

fn seccomp_explicit_result(
    pod_bad: bool,
    bad: &[&str],
    values: &BTreeSet<&str>,
) -> Option<CheckResult> {
    let mut setters: Vec<String> = Vec::new();
    if pod_bad {
        setters.push("pod".into());
    }
    if !bad.is_empty() {
        setters.push(containers_phrase(bad));
    }
    if setters.is_empty() {
        return None;
    }
    Some(CheckResult::forbidden(
        "seccompProfile",
        format!(
            "{} must not set securityContext.seccompProfile.type to {}",
            setters.join(" and "),
            join_quote(values)
        ),
    ))
}

fn seccomp_profile_baseline(pod: &Pod) -> CheckResult {
    let (pod_bad, _, bad, values) = seccomp_explicit(pod);
    seccomp_explicit_result(pod_bad, &bad, &values).unwrap_or(CheckResult::ALLOWED)
}

fn seccomp_profile_restricted(pod: &Pod) -> CheckResult {
    let (pod_bad, pod_set, bad, values) = seccomp_explicit(pod);
    if let Some(r) = seccomp_explicit_result(pod_bad, &bad, &values) {
        return r;
    }
    let implicit: Vec<&str> = pod
        .containers()
        .filter(|c| {
            !pod_set
                && c.security_context
                    .and_then(|s| s.seccomp_profile.as_ref())
                    .is_none()
        })
        .map(|c| c.name)
        .collect();
    if implicit.is_empty() {
        return CheckResult::ALLOWED;
    }
    CheckResult::forbidden(
        "seccompProfile",
        format!(
            "pod or {} must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"",
            containers_phrase(&implicit)
        ),
    )
}

/// The sysctls baseline allows under the variant that starts at `v1.<variant>`.
pub fn allowed_sysctls(variant: u32) -> Vec<&'static str> {
    let mut out = vec![
        "kernel.shm_rmid_forced",
        "net.ipv4.ip_local_port_range",
        "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range",
        "net.ipv4.ip_unprivileged_port_start",
    ];
    if variant >= 27 {
        out.push("net.ipv4.ip_local_reserved_ports");
    }
    if variant >= 29 {
        out.extend([
            "net.ipv4.tcp_keepalive_time",
            "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl",
            "net.ipv4.tcp_keepalive_probes",
        ]);
    }
    if variant >= 32 {
        out.extend(["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"]);
    }
    if variant >= 37 {
        out.extend([
            "net.ipv4.tcp_slow_start_after_idle",
            "net.ipv4.tcp_notsent_lowat",
        ]);
    }
    out
}

pub(crate) fn sysctl_allowed(name: &str, variant: u32) -> bool {
    allowed_sysctls(variant).contains(&name)
}

fn sysctls(pod: &Pod, variant: u32) -> CheckResult {
    let bad: Vec<&str> = pod
        .spec
        .security_context
        .iter()
        .flat_map(|s| s.sysctls.iter().flatten())
        .map(|s| s.name.as_str())
        .filter(|n| !sysctl_allowed(n, variant))
        .collect();
    if bad.is_empty() {
        return CheckResult::ALLOWED;
    }
    CheckResult::forbidden("forbidden sysctls", bad.join(", "))
}

fn windows_host_process(pod: &Pod) -> CheckResult {
    let bad: Vec<&str> = pod
        .containers()
        .filter(|c| {
            c.security_context
                .and_then(|s| s.windows_options.as_ref())
                .and_then(|w| w.host_process)
                == Some(true)
        })
        .map(|c| c.name)
        .collect();
    let pod_bad = pod
        .spec
        .security_context
        .as_ref()
        .and_then(|s| s.windows_options.as_ref())
        .and_then(|w| w.host_process)
        == Some(true);
    let mut setters: Vec<String> = Vec::new();
    if pod_bad {
        setters.push("pod".into());
    }
    if !bad.is_empty() {
        setters.push(containers_phrase(&bad));
    }
    if setters.is_empty() {
        return CheckResult::ALLOWED;
    }
    CheckResult::forbidden(
        "hostProcess",
        format!(
            "{} must not set securityContext.windowsOptions.hostProcess=true",
            setters.join(" and ")
        ),
    )
}

// ---- restricted ----

fn allow_privilege_escalation(pod: &Pod) -> CheckResult {
    let bad: Vec<&str> = pod
        .containers()
        .filter(|c| {
            c.security_context
                .and_then(|s| s.allow_privilege_escalation)
                != Some(false)
        })
        .map(|c| c.name)
        .collect();
    if bad.is_empty() {
        return CheckResult::ALLOWED;
    }
    CheckResult::forbidden(
        "allowPrivilegeEscalation != false",
        format!(
            "{} must set securityContext.allowPrivilegeEscalation=false",
            containers_phrase(&bad)
        ),
    )
}

fn capabilities_restricted(pod: &Pod) -> CheckResult {
    let mut missing_drop: Vec<&str> = Vec::new();
    let mut adding: Vec<&str> = Vec::new();
    let mut caps: BTreeSet<&str> = BTreeSet::new();
    for c in pod.containers() {
        let Some(cap) = c.security_context.and_then(|s| s.capabilities.as_ref()) else {
            missing_drop.push(c.name);
            continue;
        };
        if !cap.drop.iter().flatten().any(|d| d == "ALL") {
            missing_drop.push(c.name);
        }
        let mut forbidden = false;
        for a in cap.add.iter().flatten() {
            if a != "NET_BIND_SERVICE" {
                forbidden = true;
                caps.insert(a);
            }
        }
        if forbidden {
            adding.push(c.name);
        }
    }
    let mut details: Vec<String> = Vec::new();
    if !missing_drop.is_empty() {
        details.push(format!(
            "{} must set securityContext.capabilities.drop=[\"ALL\"]",
            containers_phrase(&missing_drop)
        ));
    }
    if !adding.is_empty() {
        details.push(format!(
            "{} must not include {} in securityContext.capabilities.add",
            containers_phrase(&adding),
            join_quote(caps)
        ));
    }
    if details.is_empty() {
        return CheckResult::ALLOWED;
    }
    CheckResult::forbidden("unrestricted capabilities", details.join("; "))
}

/// The volume type name upstream reports for a volume restricted forbids, `None` for the
/// allowed types (configMap, csi, downwardAPI, emptyDir, ephemeral, image,
/// persistentVolumeClaim, projected, secret).
pub fn restricted_volume_type(v: &k8s_openapi::api::core::v1::Volume) -> Option<&'static str> {
    if v.config_map.is_some()
        || v.csi.is_some()
        || v.downward_api.is_some()
        || v.empty_dir.is_some()
        || v.ephemeral.is_some()
        || v.image.is_some()
        || v.persistent_volume_claim.is_some()
        || v.projected.is_some()
        || v.secret.is_some()
    {
        return None;
    }
    let named = [
        (v.host_path.is_some(), "hostPath"),
        (v.gce_persistent_disk.is_some(), "gcePersistentDisk"),
        (v.aws_elastic_block_store.is_some(), "awsElasticBlockStore"),
        (v.git_repo.is_some(), "gitRepo"),
        (v.nfs.is_some(), "nfs"),
        (v.iscsi.is_some(), "iscsi"),
        (v.glusterfs.is_some(), "glusterfs"),
        (v.rbd.is_some(), "rbd"),
        (v.flex_volume.is_some(), "flexVolume"),
        (v.cinder.is_some(), "cinder"),
        (v.cephfs.is_some(), "cephfs"),
        (v.flocker.is_some(), "flocker"),
        (v.fc.is_some(), "fc"),
        (v.azure_file.is_some(), "azureFile"),
        (v.vsphere_volume.is_some(), "vsphereVolume"),
        (v.quobyte.is_some(), "quobyte"),
        (v.azure_disk.is_some(), "azureDisk"),
        (v.photon_persistent_disk.is_some(), "photonPersistentDisk"),
        (v.portworx_volume.is_some(), "portworxVolume"),
        (v.scale_io.is_some(), "scaleIO"),
        (v.storageos.is_some(), "storageos"),
    ];
    Some(
        named
            .into_iter()
            .find(|(set, _)| *set)
            .map_or("unknown", |(_, n)| n),
    )
}

fn restricted_volumes(pod: &Pod) -> CheckResult {
    let mut bad: Vec<&str> = Vec::new();
    let mut types: BTreeSet<&str> = BTreeSet::new();
    for v in pod.spec.volumes.iter().flatten() {
        if let Some(t) = restricted_volume_type(v) {
            bad.push(&v.name);
            types.insert(t);
        }
    }
    if bad.is_empty() {
        return CheckResult::ALLOWED;
    }
    CheckResult::forbidden(
        "restricted volume types",
        format!(
            "{} {} {} {} {}",
            pluralize("volume", "volumes", bad.len()),
            join_quote(&bad),
            pluralize("uses", "use", bad.len()),
            pluralize(
                "restricted volume type",
                "restricted volume types",
                types.len()
            ),
            join_quote(types)
        ),
    )
}

fn run_as_non_root(pod: &Pod) -> CheckResult {
    let mut setters: Vec<String> = Vec::new();
    let pod_value = pod
        .spec
        .security_context
        .as_ref()
        .and_then(|s| s.run_as_non_root);
    if pod_value == Some(false) {
        setters.push("pod".into());
    }
    let pod_true = pod_value == Some(true);
    let mut explicit: Vec<&str> = Vec::new();
    let mut implicit: Vec<&str> = Vec::new();
    for c in pod.containers() {
        match c.security_context.and_then(|s| s.run_as_non_root) {
            Some(false) => explicit.push(c.name),
            Some(true) => {}
            None if !pod_true => implicit.push(c.name),
            None => {}
        }
    }
    if !explicit.is_empty() {
        setters.push(containers_phrase(&explicit));
    }
    if !setters.is_empty() {
        return CheckResult::forbidden(
            "runAsNonRoot != true",
            format!(
                "{} must not set securityContext.runAsNonRoot=false",
                setters.join(" and ")
            ),
        );
    }
    if implicit.is_empty() {
        return CheckResult::ALLOWED;
    }
    CheckResult::forbidden(
        "runAsNonRoot != true",
        format!(
            "pod or {} must set securityContext.runAsNonRoot=true",
            containers_phrase(&implicit)
        ),
    )
}

fn run_as_user(pod: &Pod) -> CheckResult {
    let mut setters: Vec<String> = Vec::new();
    if pod
        .spec
        .security_context
        .as_ref()
        .and_then(|s| s.run_as_user)
        == Some(0)
    {
        setters.push("pod".into());
    }
    let bad: Vec<&str> = pod
        .containers()
        .filter(|c| c.security_context.and_then(|s| s.run_as_user) == Some(0))
        .map(|c| c.name)
        .collect();
    if !bad.is_empty() {
        setters.push(containers_phrase(&bad));
    }
    if setters.is_empty() {
        return CheckResult::ALLOWED;
    }
    CheckResult::forbidden(
        "runAsUser=0",
        format!("{} must not set runAsUser=0", setters.join(" and ")),
    )
}
