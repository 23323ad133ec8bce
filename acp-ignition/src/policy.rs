//! The ACP supported-field policy: what Machine Configuration can apply to a
//! running node, checked before a MachineConfig is admitted.
//!
//! ```
//! use acp_ignition::policy::{self, Policy};
//! use acp_ignition::validate;
//!
//! let parsed = validate::parse(br#"{"ignition":{"version":"3.4.0"},
//!   "storage":{"files":[{"path":"/etc/chrony.conf","mode":420,"contents":{"source":"data:,pool%20ntp"}}],
//!              "disks":[{"device":"/dev/sdb","wipeTable":true}]},
//!   "passwd":{"users":[{"name":"core","sshAuthorizedKeys":["ssh-ed25519 AAAA"]},
//!                      {"name":"admin","sshAuthorizedKeys":["ssh-ed25519 BBBB"]}]}}"#)
//! .unwrap();
//! let errs = policy::check(&parsed.config, &Policy::default());
//! let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
//! assert_eq!(msgs, [
//!     "spec.config.passwd.users[1].name: Unsupported value: \"admin\": supported values: \"core\"",
//!     "spec.config.storage.disks: Forbidden: disks cannot be managed on a running node; \
//!      Machine Configuration supports only storage.files, systemd.units and the SSH keys of the boot user",
//! ]);
//! ```
//!
//! # What is supported, and why
//!
// seed 004:949-953; seed 004:955; seed 004:961; seed 004:965
//! The ACP documentation lists the supported modifications: "Regular files (in
//! writable, non-root directories)", "systemd units and their configurations", "SSH public keys
//! for the boot user only"; it adds "Machine Configuration doesn't create users or groups",
//! "Files can only be managed if their containing partition is writable", and that SSH keys "for
//! other users are rejected as invalid". Upstream, the Machine Config Daemon refuses the same
//! sections on a running node (openshift/machine-config-operator `pkg/daemon/update.go`
//! `reconcilable`: disks, filesystems, raid, luks, directories, links, passwd groups, non-`core`
//! users, file `append`), and writes file contents only from `data:` URLs
//! (`DecodeIgnitionFileContents`). The rules:
//!
//! | field | rule |
//! | --- | --- |
//! | `ignition.config` (`merge`, `replace`), `ignition.proxy`, `ignition.security`, `ignition.timeouts` | forbidden: they only steer fetching remote configs at first boot |
//! | `kernelArguments` | forbidden: use the MachineConfig's `spec.kernelArguments` |
//! | `passwd.groups` | forbidden |
// seed 004:955
//! | `passwd.users[i].name` | must be the boot user |
// seed 004:953, 965
//! | `passwd.users[i]` other than `name`, `sshAuthorizedKeys` | forbidden |
// seed 004:953
//! | `passwd.users[i].sshAuthorizedKeys` | required: at least one key (MCO `verifyUserFields`) |
//! | `storage.disks`, `raid`, `filesystems`, `luks`, `directories`, `links` | forbidden |
// seed 004:951
//! | `storage.files[i].path` | not directly in `/`, not under a read-only directory |
// seed 004:951, 961
//! | `storage.files[i].append` | forbidden (MCO: appending is not idempotent) |
//! | `storage.files[i].contents.source` | a `data:` URL (the node does not fetch) |
//! | `systemd.units` (contents, dropins, enabled, mask) | all supported |
// seed 004:952
//!
//! The ACP documentation names no boot user; [`Policy::boot_user`] defaults to `core`, upstream MCO's
//! `constants.CoreUserName`. It names no read-only directory either; [`Policy::read_only_dirs`]
//! defaults to `/usr` (the read-only OSTree deployment on CoreOS-style nodes) — set both to
//! what your nodes run. Upstream MCO also accepts `passwordHash` for `core`; the ACP documentation allows
//! SSH keys only, which is what is checked.
//!
//! Paths are reported from `spec.config` of the MachineConfig, in apimachinery's syntax
//! (`spec.config.storage.files[0].path`), as the admission error a user sees.

use acp_model::validation::{ErrorList, FieldError, FieldPath};

use crate::types::Config;

/// What the nodes allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// The only user whose `sshAuthorizedKeys` may be set (default `core`).
    pub boot_user: String,
    /// Absolute directories on read-only partitions; files at or under them are rejected
    /// (default `["/usr"]`).
    pub read_only_dirs: Vec<String>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            boot_user: "core".to_owned(),
            read_only_dirs: vec!["/usr".to_owned()],
        }
    }
}

const SUPPORTED: &str = "Machine Configuration supports only storage.files, systemd.units and the SSH keys of the boot user";

/// Checks a typed config against the policy; every violation at once, paths from
/// `spec.config`.
pub fn check(config: &Config, policy: &Policy) -> ErrorList {
    check_at(config, policy, &FieldPath::new("spec").child("config"))
}

/// [`check`] with another root path (e.g. `FieldPath::root()` for a bare Ignition config).
pub fn check_at(config: &Config, policy: &Policy, root: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    ignition_section(config, root, &mut errs);
    if config.kernel_arguments != Default::default() {
        errs.push(FieldError::forbidden(
            &root.child("kernelArguments"),
            "Ignition kernel arguments are not applied on a running node; use spec.kernelArguments of the MachineConfig",
        ));
    }
    passwd(config, policy, root, &mut errs);
    storage(config, policy, root, &mut errs);
    errs
}

// DEVIATION: `ignition.proxy`, `ignition.security` and `ignition.timeouts` are rejected by the ACP
// policy; upstream MCO accepts them (they only steer remote fetches at first boot).
fn ignition_section(config: &Config, root: &FieldPath, errs: &mut ErrorList) {
    let ign = root.child("ignition");
    let i = &config.ignition;
    let sections = [
        ("config", i.config != Default::default()),
        ("proxy", i.proxy != Default::default()),
        ("security", i.security != Default::default()),
        ("timeouts", i.timeouts != Default::default()),
    ];
    for (name, set) in sections {
        if set {
            errs.push(FieldError::forbidden(
                &ign.child(name),
                format!(
                    "ignition.{name} only affects fetching remote configs at first boot and is not applied by Machine Configuration; {SUPPORTED}"
                ),
            ));
        }
    }
}

fn passwd(config: &Config, policy: &Policy, root: &FieldPath, errs: &mut ErrorList) {
    let p = root.child("passwd");
    if !config.passwd.groups.is_empty() {
        errs.push(FieldError::forbidden(
            &p.child("groups"),
            format!("Machine Configuration doesn't create users or groups; {SUPPORTED}"),
        ));
    }
    for (n, u) in config.passwd.users.iter().enumerate() {
        let up = p.child("users").index(n);
        if u.name != policy.boot_user {
            errs.push(FieldError::not_supported(
                &up.child("name"),
                u.name.as_str(),
                &[policy.boot_user.as_str()],
            ));
        }
        let others = [
            ("gecos", u.gecos.is_some()),
            ("groups", !u.groups.is_empty()),
            ("homeDir", u.home_dir.is_some()),
            ("noCreateHome", u.no_create_home.is_some()),
            ("noLogInit", u.no_log_init.is_some()),
            ("noUserGroup", u.no_user_group.is_some()),
            // DEVIATION: `passwordHash` is rejected by the ACP policy (only SSH keys of the boot
            // user are supported); upstream MCO accepts it for `core`.
            ("passwordHash", u.password_hash.is_some()),
            ("primaryGroup", u.primary_group.is_some()),
            ("shell", u.shell.is_some()),
            ("shouldExist", u.should_exist.is_some()),
            ("system", u.system.is_some()),
            ("uid", u.uid.is_some()),
        ];
        for (field, set) in others {
            if set {
                errs.push(FieldError::forbidden(
                    &up.child(field),
                    format!(
                        "only sshAuthorizedKeys of the boot user {:?} can be managed; Machine Configuration doesn't create or modify users",
                        policy.boot_user
                    ),
                ));
            }
        }
        if u.ssh_authorized_keys.is_empty() {
            errs.push(FieldError::required(
                &up.child("sshAuthorizedKeys"),
                "a passwd user entry must carry the boot user's SSH public keys",
            ));
        }
    }
}

fn storage(config: &Config, policy: &Policy, root: &FieldPath, errs: &mut ErrorList) {
    let sp = root.child("storage");
    let s = &config.storage;
    let sections = [
        ("disks", !s.disks.is_empty()),
        ("raid", !s.raid.is_empty()),
        ("filesystems", !s.filesystems.is_empty()),
        ("luks", !s.luks.is_empty()),
        ("directories", !s.directories.is_empty()),
        ("links", !s.links.is_empty()),
    ];
    for (name, set) in sections {
        if set {
            errs.push(FieldError::forbidden(
                &sp.child(name),
                format!("{name} cannot be managed on a running node; {SUPPORTED}"),
            ));
        }
    }
    for (n, f) in s.files.iter().enumerate() {
        let fp = sp.child("files").index(n);
        let parent = f.path.rsplit_once('/').map(|(dir, _)| dir);
        if parent == Some("") {
            errs.push(FieldError::invalid(
                &fp.child("path"),
                f.path.as_str(),
                "files directly in / are not supported; Machine Configuration manages regular files in writable, non-root directories",
            ));
        }
        if let Some(ro) = policy.read_only_dirs.iter().find(|d| {
            let d = d.trim_end_matches('/');
            f.path == d || f.path.starts_with(&format!("{d}/"))
        }) {
            errs.push(FieldError::invalid(
                &fp.child("path"),
                f.path.as_str(),
                format!(
                    "{ro} is on a read-only partition; files can only be managed if their containing partition is writable"
                ),
            ));
        }
        if !f.append.is_empty() {
            errs.push(FieldError::forbidden(
                &fp.child("append"),
                "appending is not idempotent on a running node; give the whole file in contents",
            ));
        }
        if let Some(src) = f.contents.source.as_deref().filter(|s| !s.is_empty()) {
            let scheme = src.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
            if scheme.as_deref() != Some("data") {
                errs.push(FieldError::invalid(
                    &fp.child("contents").child("source"),
                    src,
                    "only data: URLs are supported; the node writes contents without fetching them",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::*;

    fn msgs(c: &Config) -> Vec<String> {
        check(c, &Policy::default())
            .iter()
            .map(|e| e.to_string())
            .collect()
    }

    #[test]
    fn supported_config_passes() {
        let mut c = Config::new();
        c.storage.files.push(File {
            path: "/etc/a.conf".into(),
            contents: Resource {
                source: Some("data:,x".into()),
                ..Resource::default()
            },
            ..File::default()
        });
        c.systemd.units.push(Unit {
            name: "a.service".into(),
            enabled: Some(true),
            ..Unit::default()
        });
        c.passwd.users.push(PasswdUser {
            name: "core".into(),
            ssh_authorized_keys: vec!["ssh-ed25519 A".into()],
            ..PasswdUser::default()
        });
        assert!(msgs(&c).is_empty());
    }

    #[test]
    fn seed_l951_files_in_root_or_read_only_dirs_are_rejected() {
        let mut c = Config::new();
        for p in ["/motd", "/usr/lib/x.conf", "/usr"] {
            c.storage.files.push(File {
                path: p.into(),
                ..File::default()
            });
        }
        assert_eq!(
            msgs(&c),
            [
                "spec.config.storage.files[0].path: Invalid value: \"/motd\": files directly in / are not supported; Machine Configuration manages regular files in writable, non-root directories",
                "spec.config.storage.files[1].path: Invalid value: \"/usr/lib/x.conf\": /usr is on a read-only partition; files can only be managed if their containing partition is writable",
                "spec.config.storage.files[2].path: Invalid value: \"/usr\": files directly in / are not supported; Machine Configuration manages regular files in writable, non-root directories",
                "spec.config.storage.files[2].path: Invalid value: \"/usr\": /usr is on a read-only partition; files can only be managed if their containing partition is writable",
            ]
        );
    }
}
