//! Ignition's validation rules (coreos/ignition `config/v3_4/types/*.go` `Validate` methods,
//! `config/validate/validate.go` `ValidateDups` and `ValidateUnusedKeys`), run in the order
//! coreos/vcontext `validate.Validate` walks the config: depth first, each value's own
//! `Validate` before its fields, fields in Go's declaration order (embedded structs
//! flattened). Messages are those of `config/shared/errors/errors.go`.

use std::collections::{HashMap, HashSet};

use acp_model::go;

use super::decode::{HasSchema, Schema, Shape};
use super::goutil::{
    arn_parse, path_clean, path_ext, path_join, query_values, semver_is_3_4_0, url_parse,
};
use super::json::{Kind, Node, Tree};
use super::unit::parse_unit_contents;
use super::{ContextPath, Entry, PathElem, Severity};
use crate::types::*;

// Messages of coreos/ignition config/shared/errors/errors.go.
pub(crate) const ERR_DUPLICATE: &str = "duplicate entry defined";
pub(crate) const ERR_INVALID_VERSION: &str = "invalid config version (couldn't parse)";
pub(crate) const ERR_UNKNOWN_VERSION: &str = "unsupported config version";
pub(crate) const ERR_COMPRESSION_INVALID: &str = "invalid compression method";
pub(crate) const ERR_FILE_USED_SYMLINK: &str = "file path includes link in config";
pub(crate) const ERR_DIRECTORY_USED_SYMLINK: &str = "directory path includes link in config";
pub(crate) const ERR_LINK_USED_SYMLINK: &str = "link path includes link in config";
pub(crate) const ERR_LINK_TARGET_REQUIRED: &str = "link target is required";
pub(crate) const ERR_HARD_LINK_TO_DIRECTORY: &str = "hard link target is a directory";
pub(crate) const ERR_HARD_LINK_SPECIFIES_OWNER: &str = "user/group ignored for hard link";
pub(crate) const ERR_DISK_DEVICE_REQUIRED: &str = "disk device is required";
pub(crate) const ERR_PARTITION_NUMBERS_COLLIDE: &str = "partition numbers collide";
pub(crate) const ERR_PARTITIONS_OVERLAP: &str = "partitions overlap";
pub(crate) const ERR_OVERWRITE_AND_NIL_SOURCE: &str =
    "overwrite must be false if source is unspecified";
pub(crate) const ERR_VERIFICATION_AND_NIL_SOURCE: &str =
    "source must be specified if verification is specified";
pub(crate) const ERR_FILESYSTEM_INVALID_FORMAT: &str = "invalid filesystem format";
pub(crate) const ERR_LABEL_NEEDS_FORMAT: &str =
    "filesystem must specify format if label is specified";
pub(crate) const ERR_FORMAT_NIL_WITH_OTHERS: &str = "format cannot be empty when path, label, uuid, wipeFilesystem, options, or mountOptions is specified";
pub(crate) const ERR_EXT4_LABEL_TOO_LONG: &str =
    "filesystem labels cannot be longer than 16 characters when using ext4";
pub(crate) const ERR_BTRFS_LABEL_TOO_LONG: &str =
    "filesystem labels cannot be longer than 256 characters when using btrfs";
pub(crate) const ERR_XFS_LABEL_TOO_LONG: &str =
    "filesystem labels cannot be longer than 12 characters when using xfs";
pub(crate) const ERR_SWAP_LABEL_TOO_LONG: &str =
    "filesystem labels cannot be longer than 15 characters when using swap";
pub(crate) const ERR_VFAT_LABEL_TOO_LONG: &str =
    "filesystem labels cannot be longer than 11 characters when using vfat";
pub(crate) const ERR_LUKS_LABEL_TOO_LONG: &str =
    "luks device labels cannot be longer than 47 characters";
pub(crate) const ERR_LUKS_NAME_CONTAINS_SLASH: &str = "device names cannot contain slashes";
pub(crate) const ERR_INVALID_LUKS_KEY_FILE: &str = "invalid key-file source";
pub(crate) const ERR_CLEVIS_PIN_REQUIRED: &str = "missing required custom clevis pin";
pub(crate) const ERR_UNKNOWN_CLEVIS_PIN: &str = "unsupported clevis pin";
pub(crate) const ERR_CLEVIS_CONFIG_REQUIRED: &str = "missing required custom clevis config";
pub(crate) const ERR_CLEVIS_CUSTOM_WITH_OTHERS: &str =
    "cannot use custom clevis config with tpm2, tang, or threshold";
pub(crate) const ERR_TANG_THUMBPRINT_REQUIRED: &str = "thumbprint is required";
pub(crate) const ERR_INVALID_TANG_ADVERTISEMENT: &str = "advertisement is not valid JSON";
pub(crate) const ERR_FILE_ILLEGAL_MODE: &str = "illegal file mode";
pub(crate) const ERR_MODE_SPECIAL_BITS: &str =
    "setuid/setgid/sticky bits are not supported or functional in spec versions older than 3.6.0";
pub(crate) const ERR_BOTH_ID_AND_NAME_SET: &str = "cannot set both id and name";
pub(crate) const ERR_LABEL_TOO_LONG: &str = "partition labels may not exceed 36 characters";
pub(crate) const ERR_DOESNT_MATCH_GUID_REGEX: &str =
    "doesn't match the form \"01234567-89AB-CDEF-EDCB-A98765432101\"";
pub(crate) const ERR_LABEL_CONTAINS_COLON: &str =
    "partition label will be truncated to text before the colon";
pub(crate) const ERR_NO_PATH: &str = "path not specified";
pub(crate) const ERR_PATH_RELATIVE: &str = "path not absolute";
pub(crate) const ERR_DIRTY_PATH: &str = "path is not fully simplified";
pub(crate) const ERR_PARTITIONS_OVERWRITTEN: &str = "filesystem overwrites partitioned device";
pub(crate) const ERR_FILESYSTEM_IMPLICIT_WIPE: &str =
    "device matches disk with wipeTable enabled; filesystem will be wiped";
pub(crate) const ERR_RAID_LEVEL_REQUIRED: &str = "raid level is required";
pub(crate) const ERR_SPARES_UNSUPPORTED_FOR_LEVEL: &str =
    "spares unsupported for linear and raid0 arrays";
pub(crate) const ERR_UNRECOGNIZED_RAID_LEVEL: &str = "unrecognized raid level";
pub(crate) const ERR_RAID_DEVICES_REQUIRED: &str = "raid devices required";
pub(crate) const ERR_ZEROES_WITH_SHOULD_NOT_EXIST: &str =
    "shouldExist is false for a partition and other partition(s) has start or size 0";
pub(crate) const ERR_SHOULD_NOT_EXIST_WITH_OTHERS: &str =
    "shouldExist specified false with other options also specified";
pub(crate) const ERR_NEED_LABEL_OR_NUMBER: &str =
    "a partition number >= 1 or a label must be specified";
pub(crate) const ERR_DUPLICATE_LABELS: &str = "cannot use the same partition label twice";
pub(crate) const ERR_INVALID_PROXY: &str = "proxies must be http(s)";
pub(crate) const ERR_INSECURE_PROXY: &str =
    "insecure plaintext HTTP proxy specified for HTTPS resources";
pub(crate) const ERR_PATH_CONFLICTS_SYSTEMD: &str = "path conflicts with systemd unit or dropin";
pub(crate) const ERR_INVALID_SYSTEMD_EXT: &str = "invalid systemd unit extension";
pub(crate) const ERR_INVALID_SYSTEMD_DROPIN_EXT: &str = "invalid systemd drop-in extension";
pub(crate) const ERR_SOURCE_REQUIRED: &str = "source is required";
pub(crate) const ERR_INVALID_SCHEME: &str = "invalid url scheme";
pub(crate) const ERR_INVALID_URL: &str = "unable to parse url";
pub(crate) const ERR_INVALID_HTTP_HEADER: &str = "unable to parse HTTP header";
pub(crate) const ERR_EMPTY_HTTP_HEADER_NAME: &str = "HTTP header name can't be empty";
pub(crate) const ERR_UNSUPPORTED_SCHEME_FOR_HTTP_HEADERS: &str =
    "cannot use HTTP headers with this source scheme";
pub(crate) const ERR_HASH_MALFORMED: &str = "malformed hash specifier";
pub(crate) const ERR_HASH_WRONG_SIZE: &str = "incorrect size for hash sum";
pub(crate) const ERR_HASH_UNRECOGNIZED: &str = "unrecognized hash function";
pub(crate) const ERR_INVALID_S3_ARN: &str = "invalid S3 ARN format";
pub(crate) const ERR_INVALID_S3_OBJECT_VERSION_ID: &str = "invalid S3 object VersionId";

/// Where the rules write their entries; `path` is the current context.
pub(crate) struct Reporter {
    pub(crate) entries: Vec<Entry>,
    path: Vec<PathElem>,
}

fn nil_or_empty(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(str::is_empty)
}

fn not_empty(s: &Option<String>) -> bool {
    !nil_or_empty(s)
}

fn is_true(b: Option<bool>) -> bool {
    b == Some(true)
}

impl Reporter {
    pub(crate) fn new() -> Self {
        Reporter {
            entries: Vec::new(),
            path: Vec::new(),
        }
    }

    fn push(&mut self, severity: Severity, extra: &[PathElem], message: impl Into<String>) {
        let mut path = self.path.clone();
        path.extend_from_slice(extra);
        self.entries.push(Entry {
            severity,
            path: ContextPath(path),
            message: message.into(),
            position: None,
        });
    }

    fn error(&mut self, extra: &[PathElem], message: impl Into<String>) {
        self.push(Severity::Error, extra, message);
    }

    fn warn(&mut self, extra: &[PathElem], message: impl Into<String>) {
        self.push(Severity::Warning, extra, message);
    }

    fn error_opt(&mut self, extra: &[PathElem], message: Option<String>) {
        if let Some(m) = message {
            self.error(extra, m);
        }
    }

    fn enter(&mut self, e: PathElem) {
        self.path.push(e);
    }

    fn leave(&mut self) {
        self.path.pop();
    }

    fn field<R>(&mut self, name: &'static str, f: impl FnOnce(&mut Self) -> R) -> R {
        self.enter(self::f(name));
        let r = f(self);
        self.leave();
        r
    }

    fn each<T>(&mut self, name: &'static str, items: &[T], mut f: impl FnMut(&mut Self, &T)) {
        self.enter(self::f(name));
        for (i, item) in items.iter().enumerate() {
            self.enter(PathElem::Index(i));
            f(self, item);
            self.leave();
        }
        self.leave();
    }
}

fn f(name: &'static str) -> PathElem {
    PathElem::Field(std::borrow::Cow::Borrowed(name))
}

fn i(index: usize) -> PathElem {
    PathElem::Index(index)
}

// ---------------------------------------------------------------------------------------------
// Shared checks
// ---------------------------------------------------------------------------------------------

/// `validatePath` (types/path.go).
pub(crate) fn validate_path(p: &str) -> Option<String> {
    if p.is_empty() {
        return Some(ERR_NO_PATH.into());
    }
    if !p.starts_with('/') {
        return Some(ERR_PATH_RELATIVE.into());
    }
    // path.Clean(p) == p for an absolute path: no empty, `.` or `..` segment, no trailing `/`.
    let clean = p == "/"
        || p.get(1..)
            .unwrap_or_default()
            .split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != "..");
    if !clean {
        return Some(ERR_DIRTY_PATH.into());
    }
    None
}

fn validate_path_nil_ok(p: &Option<String>) -> Option<String> {
    match p {
        Some(p) if !p.is_empty() => validate_path(p),
        _ => None,
    }
}

/// `validateMode` (types/mode.go): 0..=0o7777.
fn validate_mode(m: Option<i64>) -> Option<String> {
    m.filter(|m| !(0..=0o7777).contains(m))
        .map(|_| ERR_FILE_ILLEGAL_MODE.into())
}

/// `validateModeSpecialBits` (types/mode.go): a warning for setuid/setgid/sticky. Go checks
/// `uint32(*m) & 07000`, so negative modes (two's complement) warn too.
fn validate_mode_special_bits(m: Option<i64>) -> Option<String> {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    m.filter(|m| (*m as u32) & 0o7000 != 0)
        .map(|_| ERR_MODE_SPECIAL_BITS.into())
}

/// `validateURL` (types/url.go).
pub(crate) fn validate_url(s: &str) -> Option<String> {
    let Ok(u) = url_parse(s) else {
        return Some(ERR_INVALID_URL.into());
    };
    let version_id_bad = |raw_query: &str| {
        query_values(raw_query, "versionId").is_some_and(|v| v.first().is_none_or(String::is_empty))
    };
    match &*u.scheme {
        "http" | "https" | "tftp" | "gs" => None,
        "s3" => version_id_bad(u.raw_query).then(|| ERR_INVALID_S3_OBJECT_VERSION_ID.into()),
        "arn" => {
            let full = format!("{}:{}", u.scheme, u.opaque);
            let Some((service, resource)) = arn_parse(&full) else {
                return Some(ERR_INVALID_S3_ARN.into());
            };
            if service != "s3" {
                return Some(ERR_INVALID_S3_ARN.into());
            }
            let slashes = full.split('/').count();
            if (resource.starts_with("accesspoint/") && slashes < 3) || slashes < 2 {
                return Some(ERR_INVALID_S3_ARN.into());
            }
            version_id_bad(u.raw_query).then(|| ERR_INVALID_S3_OBJECT_VERSION_ID.into())
        }
        "data" => crate::dataurl::check(s).err().map(|e| e.0),
        _ => Some(ERR_INVALID_SCHEME.into()),
    }
}

fn validate_url_nil_ok(s: &Option<String>) -> Option<String> {
    match s {
        Some(s) if !s.is_empty() => validate_url(s),
        _ => None,
    }
}

/// `Resource.validateRequiredSource`.
fn validate_required_source(res: &Resource) -> Option<String> {
    match &res.source {
        Some(s) if !s.is_empty() => validate_url(s),
        _ => Some(ERR_SOURCE_REQUIRED.into()),
    }
}

fn validate_id_or_name(id: Option<i64>, name: &Option<String>) -> Option<String> {
    (id.is_some() && not_empty(name)).then(|| ERR_BOTH_ID_AND_NAME_SET.into())
}

/// Go's `json.Unmarshal` into `any` succeeds (Tang advertisement).
fn is_valid_json(s: &str) -> bool {
    let Ok(tree) = super::json::parse(s.as_bytes()) else {
        return false;
    };
    tree.nodes.iter().all(|n| match &n.kind {
        Kind::Number(lit) => lit.parse::<f64>().is_ok_and(f64::is_finite),
        _ => true,
    })
}

/// `^(|[[:xdigit:]]{8}-[[:xdigit:]]{4}-[[:xdigit:]]{4}-[[:xdigit:]]{4}-[[:xdigit:]]{12})$`
fn is_guid(s: &str) -> bool {
    if s.is_empty() {
        return true;
    }
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `^(.+?)@(.+?)\.service$` (Go regexp, `.` excludes `\n`): the template unit's prefix.
fn instance_prefix(name: &str) -> Option<&str> {
    let body = name.strip_suffix(".service")?;
    for (at, _) in body.match_indices('@') {
        if at == 0 {
            continue;
        }
        let prefix = body.get(..at)?;
        let instance = body.get(at + 1..)?;
        if prefix.contains('\n') {
            return None;
        }
        if !instance.is_empty() && !instance.contains('\n') {
            return Some(prefix);
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// The walk (vcontext validate.Validate with Ignition's Validate methods)
// ---------------------------------------------------------------------------------------------

pub(crate) fn validate_config(r: &mut Reporter, cfg: &Config) {
    config_validate(r, cfg);
    r.field("ignition", |r| ignition(r, &cfg.ignition));
    // kernelArguments and passwd have no Validate methods and no validated children.
    r.field("storage", |r| storage(r, &cfg.storage));
    r.field("systemd", |r| systemd(r, &cfg.systemd));
}

/// `Config.Validate` (types/config.go): files, directories and links may not sit where a unit
/// or drop-in with contents is written.
fn config_validate(r: &mut Reporter, cfg: &Config) {
    let base = "/etc/systemd/system/";
    let mut unit_paths: HashSet<String> = HashSet::new();
    for unit in &cfg.systemd.units {
        if not_empty(&unit.contents) {
            unit_paths.insert(format!("{base}{}", unit.name));
        }
        for d in &unit.dropins {
            if not_empty(&d.contents) {
                unit_paths.insert(format!("{base}{}.d/{}", unit.name, d.name));
            }
        }
    }
    let lists: [(&str, Vec<&str>); 3] = [
        (
            "files",
            cfg.storage.files.iter().map(|x| x.path.as_str()).collect(),
        ),
        (
            "directories",
            cfg.storage
                .directories
                .iter()
                .map(|x| x.path.as_str())
                .collect(),
        ),
        (
            "links",
            cfg.storage.links.iter().map(|x| x.path.as_str()).collect(),
        ),
    ];
    for (list, paths) in lists {
        for (n, p) in paths.iter().enumerate() {
            if p.starts_with(base) && unit_paths.contains(*p) {
                r.error(
                    &[f("storage"), f(list), i(n), f("path")],
                    ERR_PATH_CONFLICTS_SYSTEMD,
                );
            }
        }
    }
}

fn ignition(r: &mut Reporter, ign: &Ignition) {
    // Ignition.Validate
    match semver_is_3_4_0(&ign.version) {
        None => r.error(&[f("version")], ERR_INVALID_VERSION),
        Some(false) => r.error(&[f("version")], ERR_UNKNOWN_VERSION),
        Some(true) => {}
    }
    r.field("config", |r| {
        for (n, m) in ign.config.merge.iter().enumerate() {
            r.error_opt(&[f("merge"), i(n)], validate_required_source(m));
        }
        r.each("merge", &ign.config.merge, resource);
        r.field("replace", |r| resource(r, &ign.config.replace));
    });
    r.field("proxy", |r| {
        proxy_url(r, "httpProxy", &ign.proxy.http_proxy, true);
        proxy_url(r, "httpsProxy", &ign.proxy.https_proxy, false);
    });
    r.field("security", |r| {
        r.field("tls", |r| {
            let cas = &ign.security.tls.certificate_authorities;
            for (n, ca) in cas.iter().enumerate() {
                r.error_opt(
                    &[f("certificateAuthorities"), i(n)],
                    validate_required_source(ca),
                );
            }
            r.each("certificateAuthorities", cas, resource);
        });
    });
}

/// `validateProxyURL` (types/proxy.go).
fn proxy_url(r: &mut Reporter, name: &'static str, s: &Option<String>, http_ok: bool) {
    let Some(s) = s else { return };
    let Ok(u) = url_parse(s) else {
        return r.error(&[f(name)], ERR_INVALID_URL);
    };
    if u.scheme != "https" && u.scheme != "http" {
        return r.error(&[f(name)], ERR_INVALID_PROXY);
    }
    if u.scheme == "http" && !http_ok {
        r.warn(&[f(name)], ERR_INSECURE_PROXY);
    }
}

/// `Resource.Validate` and its children (`HTTPHeader`, `Verification`).
fn resource(r: &mut Reporter, res: &Resource) {
    if let Some(c) = &res.compression
        && !c.is_empty()
        && c != "gzip"
    {
        r.error(&[f("compression")], ERR_COMPRESSION_INVALID);
    }
    if res.verification.hash.is_some() && res.source.is_none() {
        r.error(
            &[f("verification"), f("hash")],
            ERR_VERIFICATION_AND_NIL_SOURCE,
        );
    }
    r.error_opt(&[f("source")], validate_url_nil_ok(&res.source));
    if !res.http_headers.is_empty() {
        let err = match &res.source {
            Some(s) if !s.is_empty() => match url_parse(s) {
                Err(()) => Some(ERR_INVALID_URL),
                Ok(u) if u.scheme == "http" || u.scheme == "https" => None,
                Ok(_) => Some(ERR_UNSUPPORTED_SCHEME_FOR_HTTP_HEADERS),
            },
            _ => Some(ERR_INVALID_URL),
        };
        if let Some(e) = err {
            r.error(&[f("httpHeaders")], e);
        }
    }
    r.each("httpHeaders", &res.http_headers, |r, h| {
        if h.name.is_empty() {
            r.error(&[f("name")], ERR_EMPTY_HTTP_HEADER_NAME);
        }
        if h.value.as_deref() == Some("") {
            r.error(&[f("value")], ERR_INVALID_HTTP_HEADER);
        }
    });
    r.field("verification", |r| {
        let Some(hash) = &res.verification.hash else {
            return;
        };
        let Some((function, sum)) = hash.split_once('-') else {
            return r.error(&[f("hash")], ERR_HASH_MALFORMED);
        };
        let want = match function {
            "sha512" => 128,
            "sha256" => 64,
            _ => return r.error(&[f("hash")], ERR_HASH_UNRECOGNIZED),
        };
        if sum.len() != want {
            r.error(&[f("hash")], ERR_HASH_WRONG_SIZE);
        }
    });
}

fn node_owner(r: &mut Reporter, user: &NodeUser, group: &NodeGroup) {
    // Walk order of the Node fields: group, overwrite, path, user.
    r.error_opt(&[f("group")], validate_id_or_name(group.id, &group.name));
    r.error_opt(&[f("user")], validate_id_or_name(user.id, &user.name));
}

fn storage(r: &mut Reporter, s: &Storage) {
    storage_validate(r, s);
    r.each("directories", &s.directories, |r, d| {
        r.error_opt(&[f("path")], validate_path(&d.path));
        r.error_opt(&[f("mode")], validate_mode(d.mode));
        if let Some(w) = validate_mode_special_bits(d.mode) {
            r.warn(&[f("mode")], w);
        }
        node_owner(r, &d.user, &d.group);
    });
    r.each("disks", &s.disks, disk);
    r.each("files", &s.files, |r, file| {
        r.error_opt(&[f("path")], validate_path(&file.path));
        r.error_opt(&[f("mode")], validate_mode(file.mode));
        if let Some(w) = validate_mode_special_bits(file.mode) {
            r.warn(&[f("mode")], w);
        }
        if is_true(file.overwrite) && file.contents.source.is_none() {
            r.error(&[f("overwrite")], ERR_OVERWRITE_AND_NIL_SOURCE);
        }
        node_owner(r, &file.user, &file.group);
        r.each("append", &file.append, resource);
        r.field("contents", |r| resource(r, &file.contents));
    });
    r.each("filesystems", &s.filesystems, filesystem);
    r.each("links", &s.links, |r, l| {
        r.error_opt(&[f("path")], validate_path(&l.path));
        node_owner(r, &l.user, &l.group);
    });
    r.each("luks", &s.luks, luks);
    r.each("raid", &s.raid, |r, ra| {
        let level = match ra.level.as_deref() {
            None | Some("") => Some(ERR_RAID_LEVEL_REQUIRED),
            Some("linear" | "raid0" | "0" | "stripe") => ra
                .spares
                .filter(|s| *s != 0)
                .map(|_| ERR_SPARES_UNSUPPORTED_FOR_LEVEL),
            Some(
                "raid1" | "1" | "mirror" | "raid4" | "4" | "raid5" | "5" | "raid6" | "6" | "raid10"
                | "10",
            ) => None,
            Some(_) => Some(ERR_UNRECOGNIZED_RAID_LEVEL),
        };
        if let Some(e) = level {
            r.error(&[f("level")], e);
        }
        if ra.devices.is_empty() {
            r.error(&[f("devices")], ERR_RAID_DEVICES_REQUIRED);
        }
        // Device.Validate on each member.
        r.each("devices", &ra.devices, |r, d| {
            r.error_opt(&[], validate_path(d))
        });
    });
}

/// `Storage.Validate` (types/storage.go).
fn storage_validate(r: &mut Reporter, s: &Storage) {
    let link_dirs: Vec<String> = s.links.iter().map(|l| format!("{}/", l.path)).collect();
    for (n, d) in s.directories.iter().enumerate() {
        for l in &link_dirs {
            if d.path.starts_with(l.as_str()) {
                r.error(&[f("directories"), i(n)], ERR_DIRECTORY_USED_SYMLINK);
            }
        }
    }
    for (n, file) in s.files.iter().enumerate() {
        for l in &link_dirs {
            if file.path.starts_with(l.as_str()) {
                r.error(&[f("files"), i(n)], ERR_FILE_USED_SYMLINK);
            }
        }
    }
    for (n, l1) in s.links.iter().enumerate() {
        for l2 in &link_dirs {
            if l1.path.starts_with(l2.as_str()) {
                r.error(&[f("links"), i(n)], ERR_LINK_USED_SYMLINK);
            }
        }
        let Some(target) = l1.target.as_deref().filter(|t| !t.is_empty()) else {
            r.error(&[f("links"), i(n), f("target")], ERR_LINK_TARGET_REQUIRED);
            continue;
        };
        if !is_true(l1.hard) {
            continue;
        }
        let mut resolved = path_clean(target);
        if !resolved.starts_with('/') {
            // Ignition joins a relative hard-link target onto the link's own path.
            resolved = path_join(&l1.path, target);
        }
        for d in &s.directories {
            if resolved == d.path {
                r.error(&[f("links"), i(n)], ERR_HARD_LINK_TO_DIRECTORY);
            }
        }
        let owners = [
            (l1.user.id.is_some(), "user", "id"),
            (l1.user.name.is_some(), "user", "name"),
            (l1.group.id.is_some(), "group", "id"),
            (l1.group.name.is_some(), "group", "name"),
        ];
        for (set, a, b) in owners {
            if set {
                r.warn(
                    &[f("links"), i(n), f(a), f(b)],
                    ERR_HARD_LINK_SPECIFIES_OWNER,
                );
            }
        }
    }
    let disks: HashMap<&str, &Disk> = s.disks.iter().map(|d| (d.device.as_str(), d)).collect();
    for (n, fs) in s.filesystems.iter().enumerate() {
        if let Some(disk) = disks.get(fs.device.as_str()) {
            if !disk.partitions.is_empty() {
                r.warn(
                    &[f("filesystems"), i(n), f("device")],
                    ERR_PARTITIONS_OVERWRITTEN,
                );
            } else if !is_true(fs.wipe_filesystem) && is_true(disk.wipe_table) {
                r.warn(
                    &[f("filesystems"), i(n), f("device")],
                    ERR_FILESYSTEM_IMPLICIT_WIPE,
                );
            }
        }
    }
}

/// `Disk.Validate` and `Partition.Validate` (types/disk.go, partition.go).
fn disk(r: &mut Reporter, d: &Disk) {
    if d.device.is_empty() {
        r.error(&[f("device")], ERR_DISK_DEVICE_REQUIRED);
    } else {
        r.error_opt(&[f("device")], validate_path(&d.device));
        if let Some(p) = partition_numbers_collide(&d.partitions) {
            r.error(&[f("partitions"), i(p)], ERR_PARTITION_NUMBERS_COLLIDE);
        }
        if let Some(p) = partitions_overlap(&d.partitions) {
            r.error(&[f("partitions"), i(p)], ERR_PARTITIONS_OVERLAP);
        }
        // `Disk.partitionsMixZeroesAndNonexistence`: a partition that must not exist next to
        // one numbered 0 (itself included).
        if d.partitions.iter().any(|p| p.should_exist == Some(false))
            && d.partitions.iter().any(|p| p.number == 0)
        {
            r.error(&[f("partitions")], ERR_ZEROES_WITH_SHOULD_NOT_EXIST);
        }
        let mut labels = HashSet::new();
        if let Some(p) = d
            .partitions
            .iter()
            .enumerate()
            .filter_map(|(n, p)| p.label.as_ref().map(|l| (n, l)))
            .find_map(|(n, l)| (!labels.insert(l)).then_some(n))
        {
            r.error(&[f("partitions"), i(p)], ERR_DUPLICATE_LABELS);
        }
    }
    r.each("partitions", &d.partitions, |r, p| {
        if p.should_exist == Some(false)
            && (p.label.is_some()
                || not_empty(&p.type_guid)
                || not_empty(&p.guid)
                || p.start_mib.is_some()
                || p.size_mib.is_some())
        {
            r.error(&[], ERR_SHOULD_NOT_EXIST_WITH_OTHERS);
        }
        if p.number == 0 && p.label.is_none() {
            r.error(&[], ERR_NEED_LABEL_OR_NUMBER);
        }
        if let Some(l) = &p.label {
            if l.len() > 36 {
                r.error(&[f("label")], ERR_LABEL_TOO_LONG);
            } else if l.contains(':') {
                r.error(&[f("label")], ERR_LABEL_CONTAINS_COLON);
            }
        }
        for (name, g) in [("guid", &p.guid), ("typeGuid", &p.type_guid)] {
            if g.as_deref().is_some_and(|g| !is_guid(g)) {
                r.error(&[f(name)], ERR_DOESNT_MATCH_GUID_REGEX);
            }
        }
    });
}

// DEVIATION: with several collisions the first is reported; Ignition reports a random one (Go map
// order).
/// `Disk.partitionNumbersCollide`: Go iterates a map here, so with several collisions the one
/// reported varies between runs; we report the collision whose second partition comes first.
fn partition_numbers_collide(parts: &[Partition]) -> Option<usize> {
    // The second partition of the first collision found in order is the smallest such index.
    let mut seen: HashSet<i64> = HashSet::new();
    parts
        .iter()
        .enumerate()
        .filter(|(_, p)| p.number != 0)
        .find_map(|(n, p)| (!seen.insert(p.number)).then_some(n))
}

/// `Disk.partitionsOverlap`.
fn partitions_overlap(parts: &[Partition]) -> Option<usize> {
    let end = |start: i64, size: i64| -> i128 {
        if size == 0 {
            i128::from(start)
        } else {
            i128::from(start) + i128::from(size) - 1
        }
    };
    for p in parts {
        let (Some(ps), Some(pz)) = (p.start_mib, p.size_mib) else {
            continue;
        };
        if ps == 0 {
            continue;
        }
        for (n, o) in parts.iter().enumerate() {
            let (Some(os), Some(oz)) = (o.start_mib, o.size_mib) else {
                continue;
            };
            if p == o || os == 0 {
                continue;
            }
            let (ps, os) = (i128::from(ps), i128::from(os));
            let (pe, oe) = (
                end(p.start_mib.unwrap_or(0), pz),
                end(o.start_mib.unwrap_or(0), oz),
            );
            if (ps >= os && ps <= oe) || (pe >= os && pe <= oe) || (ps < os && pe > oe) {
                return Some(n);
            }
        }
    }
    None
}

/// `Filesystem.Validate` (types/filesystem.go).
fn filesystem(r: &mut Reporter, fs: &Filesystem) {
    r.error_opt(&[f("path")], validate_path_nil_ok(&fs.path));
    r.error_opt(&[f("device")], validate_path(&fs.device));
    let format = fs.format.as_deref().filter(|s| !s.is_empty());
    let format_err = match format {
        None => (not_empty(&fs.path)
            || not_empty(&fs.label)
            || not_empty(&fs.uuid)
            || is_true(fs.wipe_filesystem)
            || !fs.mount_options.is_empty()
            || !fs.options.is_empty())
        .then_some(ERR_FORMAT_NIL_WITH_OTHERS),
        Some("ext4" | "btrfs" | "xfs" | "swap" | "vfat" | "none") => None,
        Some(_) => Some(ERR_FILESYSTEM_INVALID_FORMAT),
    };
    if let Some(e) = format_err {
        r.error(&[f("format")], e);
    }
    if let Some(label) = fs.label.as_deref().filter(|l| !l.is_empty()) {
        let e = match format {
            None => Some(ERR_LABEL_NEEDS_FORMAT),
            Some("ext4") if label.len() > 16 => Some(ERR_EXT4_LABEL_TOO_LONG),
            Some("btrfs") if label.len() > 256 => Some(ERR_BTRFS_LABEL_TOO_LONG),
            Some("xfs") if label.len() > 12 => Some(ERR_XFS_LABEL_TOO_LONG),
            Some("swap") if label.len() > 15 => Some(ERR_SWAP_LABEL_TOO_LONG),
            Some("vfat") if label.len() > 11 => Some(ERR_VFAT_LABEL_TOO_LONG),
            _ => None,
        };
        if let Some(e) = e {
            r.error(&[f("label")], e);
        }
    }
}

/// `Luks.Validate`, `ClevisCustom.Validate`, `Tang.Validate` (types/luks.go, clevis.go, tang.go).
fn luks(r: &mut Reporter, l: &Luks) {
    if l.name.contains('/') {
        r.error(&[f("name")], ERR_LUKS_NAME_CONTAINS_SLASH);
    }
    if l.label.as_deref().is_some_and(|s| s.len() > 47) {
        r.error(&[f("label")], ERR_LUKS_LABEL_TOO_LONG);
    }
    match l.device.as_deref() {
        None | Some("") => r.error(&[f("device")], ERR_DISK_DEVICE_REQUIRED),
        Some(d) => r.error_opt(&[f("device")], validate_path(d)),
    }
    let c = &l.clevis;
    if not_empty(&c.custom.pin)
        && (!c.tang.is_empty() || is_true(c.tpm2) || c.threshold.is_some_and(|t| t != 0))
    {
        r.error(&[f("clevis")], ERR_CLEVIS_CUSTOM_WITH_OTHERS);
    }
    if validate_url_nil_ok(&l.key_file.source).is_some() {
        // Ignition reports this at `keys`, a field that does not exist.
        r.error(&[f("keys")], ERR_INVALID_LUKS_KEY_FILE);
    }
    r.field("clevis", |r| {
        r.field("custom", |r| {
            let cu = &c.custom;
            if nil_or_empty(&cu.pin) && nil_or_empty(&cu.config) && !is_true(cu.needs_network) {
                return;
            }
            match cu.pin.as_deref() {
                Some("tpm2" | "tang" | "sss") => {}
                Some(p) if !p.is_empty() => r.error(&[f("pin")], ERR_UNKNOWN_CLEVIS_PIN),
                _ => r.error(&[f("pin")], ERR_CLEVIS_PIN_REQUIRED),
            }
            if nil_or_empty(&cu.config) {
                r.error(&[f("config")], ERR_CLEVIS_CONFIG_REQUIRED);
            }
        });
        r.each("tang", &c.tang, |r, t| {
            match url_parse(&t.url) {
                Err(()) => r.error(&[f("url")], ERR_INVALID_URL),
                Ok(u) if u.scheme == "http" || u.scheme == "https" => {}
                Ok(_) => r.error(&[f("url")], ERR_INVALID_SCHEME),
            }
            if nil_or_empty(&t.thumbprint) {
                r.error(&[f("thumbprint")], ERR_TANG_THUMBPRINT_REQUIRED);
            }
            if let Some(a) = t.advertisement.as_deref().filter(|a| !a.is_empty())
                && !is_valid_json(a)
            {
                r.error(&[f("advertisement")], ERR_INVALID_TANG_ADVERTISEMENT);
            }
        });
    });
    r.field("keyFile", |r| resource(r, &l.key_file));
}

/// `Systemd.Validate`, `Unit.Validate`, `Dropin.Validate` (types/systemd.go, unit.go).
fn systemd(r: &mut Reporter, s: &Systemd) {
    let by_name: HashMap<&str, &Unit> = s.units.iter().map(|u| (u.name.as_str(), u)).collect();
    for (n, unit) in s.units.iter().enumerate() {
        let Some(prefix) = instance_prefix(&unit.name) else {
            continue;
        };
        if !is_true(unit.enabled) {
            continue;
        }
        let template = format!("{prefix}@.service");
        let Some(t) = by_name.get(template.as_str()) else {
            continue;
        };
        if nil_or_empty(&t.contents) {
            continue;
        }
        let Ok(opts) = parse_unit_contents(t.contents.as_deref()) else {
            continue;
        };
        if !opts.iter().any(|o| o.section == "Install") {
            // DEVIATION: `go_quote` treats unassigned code points as printable (Go escapes them).
            r.warn(
                &[f("units"), i(n), f("contents")],
                format!(
                    "template unit {} for {} doesn't have Install section",
                    go::quote(&template),
                    go::quote(&unit.name)
                ),
            );
        }
    }
    r.each("units", &s.units, |r, u| {
        match path_ext(&u.name) {
            ".service" | ".socket" | ".device" | ".mount" | ".automount" | ".swap" | ".target"
            | ".path" | ".timer" | ".snapshot" | ".slice" | ".scope" => {}
            _ => r.error(&[f("name")], ERR_INVALID_SYSTEMD_EXT),
        }
        match parse_unit_contents(u.contents.as_deref()) {
            Err(e) => r.error(&[f("contents")], e),
            Ok(opts) => {
                if is_true(u.enabled)
                    && not_empty(&u.contents)
                    && !opts.iter().any(|o| o.section == "Install")
                {
                    r.warn(
                        &[f("contents")],
                        format!(
                            "unit {} is enabled, but has no install section so enable does nothing",
                            go::quote(&u.name)
                        ),
                    );
                }
            }
        }
        r.each("dropins", &u.dropins, |r, d| {
            if let Err(e) = parse_unit_contents(d.contents.as_deref()) {
                r.error(&[f("contents")], e);
            }
            if path_ext(&d.name) != ".conf" {
                r.error(&[f("name")], ERR_INVALID_SYSTEMD_DROPIN_EXT);
            }
        });
    });
}

// ---------------------------------------------------------------------------------------------
// Duplicates (config/validate ValidateDups), in the same walk order
// ---------------------------------------------------------------------------------------------

/// Reports every element whose key was already seen in its list (or in a list merged with it).
fn dups<'a>(
    r: &mut Reporter,
    seen: &mut HashMap<&'static str, HashSet<std::borrow::Cow<'a, str>>>,
    namespace: &'static str,
    list: &'static str,
    keys: impl Iterator<Item = std::borrow::Cow<'a, str>>,
) {
    let mut keys = keys.peekable();
    if keys.peek().is_none() {
        return;
    }
    let set = seen.entry(namespace).or_default();
    for (n, key) in keys.enumerate() {
        if !set.insert(key) {
            r.error(&[f(list), i(n)], ERR_DUPLICATE);
        }
    }
}

fn keys<'a, T: 'a>(
    items: &'a [T],
    key: impl Fn(&'a T) -> &'a str + 'a,
) -> impl Iterator<Item = std::borrow::Cow<'a, str>> + 'a {
    items
        .iter()
        .map(move |x| std::borrow::Cow::Borrowed(key(x)))
}

fn strs(items: &[String]) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
    items.iter().map(|s| std::borrow::Cow::Borrowed(s.as_str()))
}

fn resource_dups(r: &mut Reporter, res: &Resource) {
    if res.http_headers.len() < 2 {
        return;
    }
    let mut seen = HashMap::new();
    dups(
        r,
        &mut seen,
        "HTTPHeaders",
        "httpHeaders",
        keys(&res.http_headers, HttpHeader::key),
    );
}

/// `ValidateDups` over a whole config: the keyed lists of each section, per kind.
pub(crate) fn validate_dups(r: &mut Reporter, cfg: &Config) {
    r.field("ignition", |r| ignition_dups(r, cfg));
    r.field("kernelArguments", |r| kernel_arguments_dups(r, cfg));
    r.field("passwd", |r| passwd_dups(r, cfg));
    r.field("storage", |r| storage_dups(r, cfg));
    r.field("systemd", |r| systemd_dups(r, cfg));
}

/// Duplicates in `ignition`: merged and replaced configs, `noProxy`, certificate authorities,
/// and each resource's HTTP headers.
fn ignition_dups(r: &mut Reporter, cfg: &Config) {
    let ign = &cfg.ignition;
    r.field("config", |r| {
        let mut seen = HashMap::new();
        dups(
            r,
            &mut seen,
            "Merge",
            "merge",
            keys(&ign.config.merge, Resource::key),
        );
        r.each("merge", &ign.config.merge, resource_dups);
        r.field("replace", |r| resource_dups(r, &ign.config.replace));
    });
    r.field("proxy", |r| {
        let mut seen = HashMap::new();
        dups(
            r,
            &mut seen,
            "NoProxy",
            "noProxy",
            strs(&ign.proxy.no_proxy),
        );
    });
    r.field("security", |r| {
        r.field("tls", |r| {
            let cas = &ign.security.tls.certificate_authorities;
            let mut seen = HashMap::new();
            dups(
                r,
                &mut seen,
                "CertificateAuthorities",
                "certificateAuthorities",
                keys(cas, Resource::key),
            );
            r.each("certificateAuthorities", cas, resource_dups);
        });
    });
}

/// Duplicates in `kernelArguments`: one argument in `shouldExist` and `shouldNotExist` together.
fn kernel_arguments_dups(r: &mut Reporter, cfg: &Config) {
    let k = &cfg.kernel_arguments;
    let mut seen = HashMap::new();
    dups(
        r,
        &mut seen,
        "KernelArgument",
        "shouldExist",
        strs(&k.should_exist),
    );
    dups(
        r,
        &mut seen,
        "KernelArgument",
        "shouldNotExist",
        strs(&k.should_not_exist),
    );
}

/// Duplicates in `passwd`: groups and users (one key space), each user's groups and SSH keys.
fn passwd_dups(r: &mut Reporter, cfg: &Config) {
    let p = &cfg.passwd;
    let mut seen = HashMap::new();
    dups(
        r,
        &mut seen,
        "Groups",
        "groups",
        keys(&p.groups, PasswdGroup::key),
    );
    dups(
        r,
        &mut seen,
        "Users",
        "users",
        keys(&p.users, PasswdUser::key),
    );
    r.each("users", &p.users, |r, u| {
        let mut seen = HashMap::new();
        dups(r, &mut seen, "Groups", "groups", strs(&u.groups));
        dups(
            r,
            &mut seen,
            "SSHAuthorizedKeys",
            "sshAuthorizedKeys",
            strs(&u.ssh_authorized_keys),
        );
    });
}

/// Duplicates in `storage`: paths shared by directories, files and links; disks, filesystems,
/// LUKS and RAID devices; each disk's partitions, file's contents, LUKS volume's options and
/// Tang servers, RAID's devices.
fn storage_dups(r: &mut Reporter, cfg: &Config) {
    let s = &cfg.storage;
    let mut seen = HashMap::new();
    dups(
        r,
        &mut seen,
        "Node",
        "directories",
        keys(&s.directories, Directory::key),
    );
    dups(r, &mut seen, "Disks", "disks", keys(&s.disks, Disk::key));
    dups(r, &mut seen, "Node", "files", keys(&s.files, File::key));
    dups(
        r,
        &mut seen,
        "Filesystems",
        "filesystems",
        keys(&s.filesystems, Filesystem::key),
    );
    dups(r, &mut seen, "Node", "links", keys(&s.links, Link::key));
    dups(r, &mut seen, "Luks", "luks", keys(&s.luks, Luks::key));
    dups(r, &mut seen, "Raid", "raid", keys(&s.raid, Raid::key));
    r.each("disks", &s.disks, |r, d| {
        let mut seen = HashMap::new();
        let part_keys: Vec<String> = d.partitions.iter().map(Partition::key).collect();
        dups(
            r,
            &mut seen,
            "Partitions",
            "partitions",
            part_keys
                .iter()
                .map(|k| std::borrow::Cow::Borrowed(k.as_str())),
        );
    });
    r.each("files", &s.files, |r, file| {
        // FileEmbedded1.IgnoreDuplicates: `append` may repeat.
        r.each("append", &file.append, resource_dups);
        r.field("contents", |r| resource_dups(r, &file.contents));
    });
    r.each("luks", &s.luks, |r, l| {
        let mut seen = HashMap::new();
        dups(
            r,
            &mut seen,
            "OpenOptions",
            "openOptions",
            strs(&l.open_options),
        );
        r.field("clevis", |r| {
            let mut seen = HashMap::new();
            dups(
                r,
                &mut seen,
                "Tang",
                "tang",
                keys(&l.clevis.tang, Tang::key),
            );
        });
        r.field("keyFile", |r| resource_dups(r, &l.key_file));
    });
    r.each("raid", &s.raid, |r, ra| {
        let mut seen = HashMap::new();
        dups(r, &mut seen, "Devices", "devices", strs(&ra.devices));
    });
}

/// Duplicates in `systemd`: units, each unit's dropins.
fn systemd_dups(r: &mut Reporter, cfg: &Config) {
    let mut seen = HashMap::new();
    dups(
        r,
        &mut seen,
        "Units",
        "units",
        keys(&cfg.systemd.units, Unit::key),
    );
    r.each("units", &cfg.systemd.units, |r, u| {
        let mut seen = HashMap::new();
        dups(
            r,
            &mut seen,
            "Dropins",
            "dropins",
            keys(&u.dropins, Dropin::key),
        );
    });
}

// ---------------------------------------------------------------------------------------------
// Unused keys (config/validate ValidateUnusedKeys)
// ---------------------------------------------------------------------------------------------

/// The member of an object with this exact key (the last one, as a Go map keeps).
pub(crate) fn member<'t, 'a>(
    tree: &'t Tree<'a>,
    node: &'t Node<'a>,
    key: &str,
) -> Option<&'t Node<'a>> {
    match &node.kind {
        Kind::Object(members) => members
            .iter()
            .rev()
            .find(|m| m.key == key)
            .and_then(|m| tree.get(m.value)),
        _ => None,
    }
}

/// Walks the schema alongside the tree: every struct position whose JSON exists must be an
/// object (else vcontext's "context tree does not match" warning) and its keys must be fields
/// (else `unused key <k>`). Keys are reported in document order (Go iterates a map here).
// DEVIATION: unused-key warnings come in document order; Ignition ranges over a Go map, so its
// order varies between runs.
pub(crate) fn unused_keys(r: &mut Reporter, tree: &Tree<'_>) {
    if let Some(root) = tree.root() {
        struct_keys(r, tree, root, &Config::SCHEMA);
    }
}

fn struct_keys(r: &mut Reporter, tree: &Tree<'_>, node: &Node<'_>, schema: &Schema) {
    let Kind::Object(members) = &node.kind else {
        let here = ContextPath(r.path.clone()).to_string();
        r.warn(
            &[],
            format!(
                "context tree does not match content tree at {here}. Line and column reporting \
                 may be inconsistent. Unused keys may not be reported"
            ),
        );
        return;
    };
    // DEVIATION: only exact-case keys count as known here, although decoding matched them
    // case-insensitively.
    let mut reported: HashSet<&str> = HashSet::new();
    for m in members {
        if !schema.fields.iter().any(|(name, _)| *name == m.key) && reported.insert(&m.key) {
            r.warn(
                &[PathElem::Key(m.key.to_string())],
                // DEVIATION: Ignition repeats the whole key; a long one is cut (`echo`).
                format!("unused key {}", acp_model::validation::echo(&m.key)),
            );
        }
    }
    for (name, shape) in schema.fields {
        let Some(child) = member(tree, node, name) else {
            continue;
        };
        match shape {
            Shape::Leaf => {}
            Shape::Struct(s) => r.field(name, |r| struct_keys(r, tree, child, s)),
            Shape::List(s) => {
                if let Kind::Array(items) = &child.kind {
                    r.field(name, |r| {
                        for (n, &item) in items.iter().enumerate() {
                            if let Some(el) = tree.get(item) {
                                r.enter(PathElem::Index(n));
                                struct_keys(r, tree, el, s);
                                r.leave();
                            }
                        }
                    });
                }
            }
        }
    }
}
