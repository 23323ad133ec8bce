//! Ignition v3.4.0 config types.
//!
//! ```
//! use acp_ignition::types::{Config, File, Resource};
//!
//! let mut config = Config::new();
//! config.storage.files.push(File {
//!     path: "/etc/motd".into(),
//!     mode: Some(0o644),
//!     contents: Resource { source: Some("data:,hello".into()), ..Resource::default() },
//!     ..File::default()
//! });
//! let json = serde_json::to_string(&config).unwrap();
//! assert_eq!(
//!     json,
//!     r#"{"ignition":{"version":"3.4.0"},"storage":{"files":[{"path":"/etc/motd","contents":{"source":"data:,hello"},"mode":420}]}}"#
//! );
//! // Unset is not the same as empty or false: `overwrite` stays unset.
//! let back: Config = serde_json::from_str(&json).unwrap();
//! assert_eq!(back, config);
//! assert_eq!(back.storage.files[0].overwrite, None);
//! ```
//!
//! # Source and decisions
//!
//! The structs, their fields and JSON names are those of coreos/ignition
//! `config/v3_4/types/schema.go` (generated from `config/v3_4/schema/ignition.json`), with Rust
//! snake_case field names (`Storage.Files` → `storage.files`, `PasswdUser.SSHAuthorizedKeys` →
//! `ssh_authorized_keys`, `Partition.SizeMiB` → `size_mib`).
//!
//! * **Pointers are `Option`s.** Where Go has a pointer (`*int`, `*string`, `*bool`), the field
//!   is an `Option`: `None` (unset) differs from `Some(0)`, `Some("")` and `Some(false)`, exactly
//!   as Ignition distinguishes them (e.g. `overwrite: false` vs. unset). Go's plain strings
//!   (`path`, `name`, `device`, `version`) are `String`, and plain structs (`contents`,
//!   `user`, `verification` …) are structs whose empty value means unset, as in Go.
//! * **Output omits what is unset.** `None`, empty lists and empty structs are never written
//!   (no `null`, no `{}`); Go's required strings (`path`, `name`, `device`, `version`) are
//!   always written, as Go writes them. Go's own encoder would write empty structs (`"user":{}`),
//!   which Ignition reads back as unset — the two outputs mean the same config.
//! * **Embedded structs are inlined.** Go's `File` embeds `Node` and `FileEmbedded1`; here
//!   [`File`] has all their fields directly (`file.path`, `file.mode`), as Go code reads them
//!   through promotion. [`Node`] exists as the shared part ([`File::node`] …).
//! * **Go's named string types** (`Device`, `Group`, `KernelArgument`, `SSHAuthorizedKey`,
//!   `NoProxyItem`, `MountOption`, `FilesystemOption`, `LuksOption`, `OpenOption`,
//!   `RaidOption`) are aliases of `String`. Go's `int` (64-bit) is `i64`.
//! * **Reading.** `Deserialize` accepts JSON `null` for any field, meaning unset (Go's
//!   `encoding/json` leaves the field untouched), and ignores unknown keys. For Ignition's exact
//!   reading — unknown keys reported as warnings, case-insensitive keys, Go's error messages,
//!   validation — use [`crate::validate::parse`]; [`Config::from_value`] and
//!   [`Config::to_value`] convert MachineConfig's raw `spec.config`.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

// seed 004:943
/// The only spec version this crate reads and writes (ACP docs: "All
/// MachineConfigs use the Ignition v3.4.0 specification format"; Ignition
/// `config/v3_4/types/config.go` `MaxVersion`).
pub const VERSION: &str = "3.4.0";

/// Go's `omitempty` for structs and lists: skip writing the default (empty) value.
fn is_default<T: Default + PartialEq>(t: &T) -> bool {
    *t == T::default()
}

/// JSON `null` leaves a non-pointer field at its zero value, as Go's `encoding/json` does.
fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A block device path (Go `types.Device`).
pub type Device = String;
/// A supplementary group name of a user (Go `types.Group`).
pub type Group = String;
/// A kernel argument (Go `types.KernelArgument`).
pub type KernelArgument = String;
/// An SSH public key line (Go `types.SSHAuthorizedKey`).
pub type SshAuthorizedKey = String;
/// A `noProxy` entry (Go `types.NoProxyItem`).
pub type NoProxyItem = String;
/// A mount option (Go `types.MountOption`).
pub type MountOption = String;
/// An mkfs option (Go `types.FilesystemOption`).
pub type FilesystemOption = String;
/// A `cryptsetup luksFormat` option (Go `types.LuksOption`).
pub type LuksOption = String;
/// A `cryptsetup luksOpen` option (Go `types.OpenOption`).
pub type OpenOption = String;
/// An `mdadm` option (Go `types.RaidOption`).
pub type RaidOption = String;
/// The HTTP headers of a resource (Go `types.HTTPHeaders`).
pub type HttpHeaders = Vec<HttpHeader>;

/// The whole Ignition config (Go `types.Config`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Config {
    /// Metadata about the config itself (`ignition`), including its `version`.
    #[serde(deserialize_with = "null_default")]
    pub ignition: Ignition,
    /// Kernel arguments that must / must not be present (`kernelArguments`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub kernel_arguments: KernelArguments,
    /// Users and groups (`passwd`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub passwd: Passwd,
    /// Disks, RAID, LUKS, filesystems, files, directories and links (`storage`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub storage: Storage,
    /// systemd units (`systemd`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub systemd: Systemd,
}

impl Config {
    /// An empty config of version [`VERSION`] (`{"ignition":{"version":"3.4.0"}}`).
    pub fn new() -> Self {
        Config {
            ignition: Ignition {
                version: VERSION.to_owned(),
                ..Ignition::default()
            },
            ..Config::default()
        }
    }

    /// Types a raw config, e.g. MachineConfig's `spec.config`, with serde: `null` means unset,
    /// unknown keys are dropped silently. For Ignition's reading with a report (unknown keys as
    /// warnings, Go's messages, validation) use [`crate::validate::parse_value`].
    ///
    /// # Errors
    /// When a value has the wrong JSON type (e.g. a string `mode`).
    pub fn from_value(value: &serde_json::Value) -> Result<Config, serde_json::Error> {
        Config::deserialize(value)
    }

    /// The config as JSON, for MachineConfig's `spec.config`. Unset fields are omitted; a raw
    /// value read by [`Config::from_value`] comes back identical unless it held unknown keys,
    /// `null`s, or empty objects / lists (all of which mean "unset" to Ignition).
    pub fn to_value(&self) -> serde_json::Value {
        // Serializing these plain structs into a Value cannot fail (string keys, no maps).
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

impl TryFrom<&acp_model::machineconfig::MachineConfig> for Config {
    type Error = serde_json::Error;

    /// Types `spec.config` of a MachineConfig ([`Config::from_value`]); a MachineConfig without
    /// a config gives [`Config::default`] (no version: validation reports it).
    fn try_from(mc: &acp_model::machineconfig::MachineConfig) -> Result<Self, Self::Error> {
        match &mc.spec.config {
            Some(v) => Config::from_value(v),
            None => Ok(Config::default()),
        }
    }
}

/// The `ignition` section (Go `types.Ignition`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Ignition {
    /// Configs to merge into or to replace this one (`config`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub config: IgnitionConfig,
    /// HTTP(S) proxies for fetching remote resources (`proxy`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub proxy: Proxy,
    /// TLS certificate authorities (`security`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub security: Security,
    /// Fetch timeouts (`timeouts`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub timeouts: Timeouts,
    /// The spec version, `3.4.0` (`version`; always written, as Go has no `omitempty` here).
    #[serde(deserialize_with = "null_default")]
    pub version: String,
}

/// `ignition.config` (Go `types.IgnitionConfig`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct IgnitionConfig {
    /// Configs merged into this one, in order (`merge`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub merge: Vec<Resource>,
    /// A config that replaces this one (`replace`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub replace: Resource,
}

/// `ignition.proxy` (Go `types.Proxy`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Proxy {
    /// Proxy for `http` URLs (`httpProxy`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_proxy: Option<String>,
    /// Proxy for `https` URLs (`httpsProxy`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub https_proxy: Option<String>,
    /// Hosts not to proxy (`noProxy`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub no_proxy: Vec<NoProxyItem>,
}

/// `ignition.security` (Go `types.Security`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Security {
    /// TLS options (`tls`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub tls: Tls,
}

/// `ignition.security.tls` (Go `types.TLS`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Tls {
    /// Additional CA certificates (`certificateAuthorities`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub certificate_authorities: Vec<Resource>,
}

/// `ignition.timeouts` (Go `types.Timeouts`), in seconds.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Timeouts {
    /// Seconds to wait for response headers (`httpResponseHeaders`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_response_headers: Option<i64>,
    /// Seconds for a whole fetch (`httpTotal`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_total: Option<i64>,
}

/// A remote or inline resource (Go `types.Resource`): file contents, appended fragments, CA
/// certificates, merged configs, LUKS key files.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Resource {
    /// `gzip`, or empty / unset for none (`compression`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compression: Option<String>,
    /// Headers sent when fetching an `http(s)` source (`httpHeaders`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub http_headers: HttpHeaders,
    /// The URL: `data`, `http`, `https`, `tftp`, `s3`, `gs` or `arn` (`source`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Hash the fetched data must match (`verification`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub verification: Verification,
}

impl Resource {
    /// The key Ignition deduplicates and merges resources by: the source, or `""` when unset
    /// (Ignition `Resource.Key`).
    pub fn key(&self) -> &str {
        self.source.as_deref().unwrap_or_default()
    }
}

/// One HTTP header (Go `types.HTTPHeader`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct HttpHeader {
    /// Header name (`name`).
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// Header value (`value`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

impl HttpHeader {
    /// The key Ignition deduplicates and merges headers by: the name (`HTTPHeader.Key`).
    pub fn key(&self) -> &str {
        &self.name
    }
}

/// Integrity check of a fetched resource (Go `types.Verification`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Verification {
    /// `sha512-<hex>` or `sha256-<hex>` (`hash`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
}

/// `kernelArguments` (Go `types.KernelArguments`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct KernelArguments {
    /// Arguments that must be present (`shouldExist`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub should_exist: Vec<KernelArgument>,
    /// Arguments that must be absent (`shouldNotExist`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub should_not_exist: Vec<KernelArgument>,
}

/// `passwd` (Go `types.Passwd`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Passwd {
    /// Groups to create or modify (`groups`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub groups: Vec<PasswdGroup>,
    /// Users to create or modify (`users`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub users: Vec<PasswdUser>,
}

/// A group (Go `types.PasswdGroup`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct PasswdGroup {
    /// Group id (`gid`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gid: Option<i64>,
    /// Group name (`name`).
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// Hashed password (`passwordHash`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_hash: Option<String>,
    /// Whether the group should exist (`shouldExist`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub should_exist: Option<bool>,
    /// A system group (`system`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<bool>,
}

impl PasswdGroup {
    /// The key Ignition deduplicates and merges groups by: the name (`PasswdGroup.Key`).
    pub fn key(&self) -> &str {
        &self.name
    }
}

/// A user (Go `types.PasswdUser`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct PasswdUser {
    /// GECOS field (`gecos`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gecos: Option<String>,
    /// Supplementary groups (`groups`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub groups: Vec<Group>,
    /// Home directory (`homeDir`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub home_dir: Option<String>,
    /// User name (`name`).
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// Don't create the home directory (`noCreateHome`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_create_home: Option<bool>,
    /// Don't add to lastlog / faillog (`noLogInit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_log_init: Option<bool>,
    /// Don't create a group of the user's name (`noUserGroup`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_user_group: Option<bool>,
    /// Hashed password (`passwordHash`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_hash: Option<String>,
    /// Primary group (`primaryGroup`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary_group: Option<String>,
    /// SSH public keys (`sshAuthorizedKeys`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub ssh_authorized_keys: Vec<SshAuthorizedKey>,
    /// Login shell (`shell`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shell: Option<String>,
    /// Whether the user should exist (`shouldExist`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub should_exist: Option<bool>,
    /// A system user (`system`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<bool>,
    /// User id (`uid`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<i64>,
}

impl PasswdUser {
    /// The key Ignition deduplicates and merges users by: the name (`PasswdUser.Key`).
    pub fn key(&self) -> &str {
        &self.name
    }
}

/// `storage` (Go `types.Storage`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Storage {
    /// Directories (`directories`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub directories: Vec<Directory>,
    /// Partition tables (`disks`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub disks: Vec<Disk>,
    /// Files (`files`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub files: Vec<File>,
    /// Filesystems (`filesystems`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub filesystems: Vec<Filesystem>,
    /// Symbolic and hard links (`links`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub links: Vec<Link>,
    /// LUKS volumes (`luks`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub luks: Vec<Luks>,
    /// Software RAID arrays (`raid`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub raid: Vec<Raid>,
}

/// The part shared by files, directories and links (Go `types.Node`, embedded in each).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Node {
    /// Owner group (`group`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub group: NodeGroup,
    /// Replace what exists at the path (`overwrite`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overwrite: Option<bool>,
    /// Absolute path (`path`).
    #[serde(deserialize_with = "null_default")]
    pub path: String,
    /// Owner user (`user`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub user: NodeUser,
}

impl Node {
    /// The key Ignition deduplicates and merges nodes by, across files, directories and links:
    /// the path (`Node.Key`).
    pub fn key(&self) -> &str {
        &self.path
    }
}

/// Owner user of a node (Go `types.NodeUser`): an id or a name, not both.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeUser {
    /// User id (`id`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// User name (`name`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Owner group of a node (Go `types.NodeGroup`): an id or a name, not both.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeGroup {
    /// Group id (`id`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Group name (`name`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A file (Go `types.File` = `Node` + `FileEmbedded1`, inlined).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct File {
    /// Owner group (`group`, from `Node`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub group: NodeGroup,
    /// Replace what exists at the path (`overwrite`, from `Node`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overwrite: Option<bool>,
    /// Absolute path (`path`, from `Node`).
    #[serde(deserialize_with = "null_default")]
    pub path: String,
    /// Owner user (`user`, from `Node`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub user: NodeUser,
    /// Fragments appended to the file, in order (`append`, from `FileEmbedded1`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub append: Vec<Resource>,
    /// The contents (`contents`, from `FileEmbedded1`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub contents: Resource,
    /// Permission bits, e.g. `0o644` = 420 (`mode`, from `FileEmbedded1`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<i64>,
}

/// A directory (Go `types.Directory` = `Node` + `DirectoryEmbedded1`, inlined).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Directory {
    /// Owner group (`group`, from `Node`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub group: NodeGroup,
    /// Replace what exists at the path (`overwrite`, from `Node`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overwrite: Option<bool>,
    /// Absolute path (`path`, from `Node`).
    #[serde(deserialize_with = "null_default")]
    pub path: String,
    /// Owner user (`user`, from `Node`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub user: NodeUser,
    /// Permission bits (`mode`, from `DirectoryEmbedded1`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<i64>,
}

/// A symbolic or hard link (Go `types.Link` = `Node` + `LinkEmbedded1`, inlined).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Link {
    /// Owner group (`group`, from `Node`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub group: NodeGroup,
    /// Replace what exists at the path (`overwrite`, from `Node`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overwrite: Option<bool>,
    /// Absolute path of the link (`path`, from `Node`).
    #[serde(deserialize_with = "null_default")]
    pub path: String,
    /// Owner user (`user`, from `Node`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub user: NodeUser,
    /// A hard link rather than a symbolic one (`hard`, from `LinkEmbedded1`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hard: Option<bool>,
    /// What the link points to (`target`, from `LinkEmbedded1`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

macro_rules! node_accessor {
    ($($t:ty),*) => {$(
        impl $t {
            /// The embedded [`Node`] part (a copy).
            pub fn node(&self) -> Node {
                Node {
                    group: self.group.clone(),
                    overwrite: self.overwrite,
                    path: self.path.clone(),
                    user: self.user.clone(),
                }
            }

            /// The key Ignition deduplicates and merges nodes by, across files, directories
            /// and links: the path (`Node.Key`).
            pub fn key(&self) -> &str {
                &self.path
            }
        }
    )*};
}
node_accessor!(File, Directory, Link);

/// A disk's partition table (Go `types.Disk`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Disk {
    /// Absolute device path (`device`).
    #[serde(deserialize_with = "null_default")]
    pub device: String,
    /// Partitions (`partitions`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub partitions: Vec<Partition>,
    /// Wipe the partition table first (`wipeTable`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wipe_table: Option<bool>,
}

impl Disk {
    /// The key Ignition deduplicates and merges disks by: the device (`Disk.Key`).
    pub fn key(&self) -> &str {
        &self.device
    }
}

/// A GPT partition (Go `types.Partition`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Partition {
    /// Partition GUID (`guid`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// Partition label (`label`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Partition number; 0 = next available (`number`; Go `int` with `omitempty`, so 0 is
    /// not written).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub number: i64,
    /// Grow the partition in place (`resize`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resize: Option<bool>,
    /// Whether the partition should exist (`shouldExist`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub should_exist: Option<bool>,
    /// Size in MiB; 0 = fill (`sizeMiB`).
    #[serde(rename = "sizeMiB", skip_serializing_if = "Option::is_none")]
    pub size_mib: Option<i64>,
    /// Start in MiB; 0 = default (`startMiB`).
    #[serde(rename = "startMiB", skip_serializing_if = "Option::is_none")]
    pub start_mib: Option<i64>,
    /// Partition type GUID (`typeGuid`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub type_guid: Option<String>,
    /// Wipe the entry when it doesn't match (`wipePartitionEntry`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wipe_partition_entry: Option<bool>,
}

impl Partition {
    /// The key Ignition deduplicates and merges partitions by (`Partition.Key`):
    /// `number:<n>` when the number is set, else `label:<label>`, else `""`.
    pub fn key(&self) -> String {
        if self.number != 0 {
            format!("number:{}", self.number)
        } else if let Some(label) = &self.label {
            format!("label:{label}")
        } else {
            String::new()
        }
    }
}

/// A filesystem (Go `types.Filesystem`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Filesystem {
    /// Absolute device path (`device`).
    #[serde(deserialize_with = "null_default")]
    pub device: String,
    /// `ext4`, `btrfs`, `xfs`, `swap`, `vfat` or `none` (`format`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Filesystem label (`label`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Mount options (`mountOptions`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub mount_options: Vec<MountOption>,
    /// mkfs options (`options`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub options: Vec<FilesystemOption>,
    /// Mount point (`path`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Filesystem UUID (`uuid`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Wipe an existing filesystem (`wipeFilesystem`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wipe_filesystem: Option<bool>,
}

impl Filesystem {
    /// The key Ignition deduplicates and merges filesystems by: the device
    /// (`Filesystem.Key`).
    pub fn key(&self) -> &str {
        &self.device
    }
}

/// A software RAID array (Go `types.Raid`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Raid {
    /// Member devices (`devices`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub devices: Vec<Device>,
    /// RAID level (`level`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Array name (`name`).
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// mdadm options (`options`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub options: Vec<RaidOption>,
    /// Number of spares (`spares`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spares: Option<i64>,
}

impl Raid {
    /// The key Ignition deduplicates and merges arrays by: the name (`Raid.Key`).
    pub fn key(&self) -> &str {
        &self.name
    }
}

/// A LUKS volume (Go `types.Luks`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Luks {
    /// Clevis binding (`clevis`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub clevis: Clevis,
    /// Absolute device path (`device`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    /// Allow discards (`discard`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discard: Option<bool>,
    /// Key file (`keyFile`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub key_file: Resource,
    /// LUKS label (`label`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Device-mapper name (`name`).
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// `luksOpen` options (`openOptions`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub open_options: Vec<OpenOption>,
    /// `luksFormat` options (`options`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub options: Vec<LuksOption>,
    /// LUKS UUID (`uuid`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Wipe an existing volume (`wipeVolume`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wipe_volume: Option<bool>,
}

impl Luks {
    /// The key Ignition deduplicates and merges volumes by: the name (`Luks.Key`).
    pub fn key(&self) -> &str {
        &self.name
    }
}

/// Clevis binding of a LUKS volume (Go `types.Clevis`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Clevis {
    /// A custom pin (`custom`).
    #[serde(skip_serializing_if = "is_default", deserialize_with = "null_default")]
    pub custom: ClevisCustom,
    /// Tang servers (`tang`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub tang: Vec<Tang>,
    /// Shamir threshold (`threshold`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<i64>,
    /// Bind to the TPM2 (`tpm2`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tpm2: Option<bool>,
}

/// A custom Clevis pin (Go `types.ClevisCustom`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct ClevisCustom {
    /// Pin configuration JSON (`config`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<String>,
    /// The pin needs the network (`needsNetwork`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needs_network: Option<bool>,
    /// `tpm2`, `tang` or `sss` (`pin`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pin: Option<String>,
}

/// A Tang server (Go `types.Tang`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Tang {
    /// The server's advertisement JSON (`advertisement`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advertisement: Option<String>,
    /// The server key's thumbprint (`thumbprint`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbprint: Option<String>,
    /// The server URL (`url`; Go has `omitempty` here, so `""` is not written).
    #[serde(
        skip_serializing_if = "String::is_empty",
        deserialize_with = "null_default"
    )]
    pub url: String,
}

impl Tang {
    /// The key Ignition deduplicates and merges servers by: the URL (`Tang.Key`).
    pub fn key(&self) -> &str {
        &self.url
    }
}

/// `systemd` (Go `types.Systemd`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Systemd {
    /// Units (`units`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub units: Vec<Unit>,
}

/// A systemd unit (Go `types.Unit`).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Unit {
    /// Unit file contents (`contents`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contents: Option<String>,
    /// Drop-ins (`dropins`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub dropins: Vec<Dropin>,
    /// Enable (`true`) or disable (`false`) the unit (`enabled`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Mask the unit (`mask`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mask: Option<bool>,
    /// Unit name with its extension, e.g. `chronyd.service` (`name`).
    #[serde(deserialize_with = "null_default")]
    pub name: String,
}

impl Unit {
    /// The key Ignition deduplicates and merges units by: the name (`Unit.Key`).
    pub fn key(&self) -> &str {
        &self.name
    }
}

/// A systemd drop-in (Go `types.Dropin`), written to
/// `/etc/systemd/system/<unit>.d/<name>`.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[serde(default, rename_all = "camelCase")]
pub struct Dropin {
    /// Drop-in contents (`contents`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contents: Option<String>,
    /// File name, ending in `.conf` (`name`).
    #[serde(deserialize_with = "null_default")]
    pub name: String,
}

impl Dropin {
    /// The key Ignition deduplicates and merges drop-ins by: the name (`Dropin.Key`).
    pub fn key(&self) -> &str {
        &self.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unset_is_omitted_and_never_null() {
        let json = serde_json::to_string(&Config::default()).unwrap();
        assert_eq!(json, r#"{"ignition":{"version":""}}"#);
        let file = File {
            path: "/etc/a".into(),
            overwrite: Some(false),
            mode: Some(0),
            ..File::default()
        };
        assert_eq!(
            serde_json::to_string(&file).unwrap(),
            r#"{"overwrite":false,"path":"/etc/a","mode":0}"#
        );
    }

    #[test]
    fn null_means_unset_for_every_kind_of_field() {
        let c: Config = serde_json::from_str(
            r#"{"ignition":{"version":"3.4.0","config":null},"storage":{"files":[{"path":null,
            "contents":null,"mode":null,"append":null}]},"systemd":null,"passwd":{"users":null}}"#,
        )
        .unwrap();
        assert_eq!(c.storage.files, vec![File::default()]);
        assert_eq!(c.systemd, Systemd::default());
    }

    #[test]
    fn json_names_follow_the_go_tags() {
        let p = Partition {
            size_mib: Some(1),
            start_mib: Some(2),
            type_guid: Some("x".into()),
            number: 3,
            ..Partition::default()
        };
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"number":3,"sizeMiB":1,"startMiB":2,"typeGuid":"x"}"#
        );
        let u = PasswdUser {
            name: "core".into(),
            ssh_authorized_keys: vec!["ssh-ed25519 AAAA".into()],
            home_dir: Some("/home/core".into()),
            ..PasswdUser::default()
        };
        assert_eq!(
            serde_json::to_string(&u).unwrap(),
            r#"{"homeDir":"/home/core","name":"core","sshAuthorizedKeys":["ssh-ed25519 AAAA"]}"#
        );
    }

    #[test]
    fn json_schema_uses_the_wire_names() {
        let schema = serde_json::to_value(schemars::schema_for!(Config)).unwrap();
        let text = schema.to_string();
        for name in [
            "sizeMiB",
            "sshAuthorizedKeys",
            "httpHeaders",
            "shouldNotExist",
            "dropins",
        ] {
            assert!(text.contains(&format!("\"{name}\"")), "{name}");
        }
        assert!(!text.contains("size_mib"));
    }

    #[test]
    fn keys_are_ignitions() {
        assert_eq!(Partition::default().key(), "");
        let p = Partition {
            label: Some("root".into()),
            ..Partition::default()
        };
        assert_eq!(p.key(), "label:root");
        let p = Partition { number: 4, ..p };
        assert_eq!(p.key(), "number:4");
        assert_eq!(Resource::default().key(), "");
    }
}
