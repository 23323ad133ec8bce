//! Decoding a JSON tree into [`Config`] the way Go's `encoding/json` `Unmarshal` fills
//! Ignition's structs (Ignition `config/util/parsingErrors.go` `HandleParseErrors`):
//!
//! * keys match a field's JSON name exactly, else case-insensitively (Go's fold matching);
//!   unknown keys are skipped;
//! * `null` sets pointers (`Option`) and slices to unset and leaves everything else untouched;
//! * a value of the wrong JSON type is an `*json.UnmarshalTypeError`, reported as Go prints it:
//!   `json: cannot unmarshal string into Go struct field File.storage.files.FileEmbedded1.mode
//!   of type int` (the innermost struct, then the JSON field path including embedded structs'
//!   names, as Go ≥ 1.24 does); decoding goes on and the first such error is the one reported;
//! * integers are read with `strconv.ParseInt` (`1.0`, `1e3` and out-of-range numbers are errors:
//!   `number 1.0`);
//! * a key given twice is decoded twice, in order: scalars take the last value, objects and
//!   arrays are decoded into what is already there (Go's behaviour).
//!
//! The same field tables give the schema vcontext walks for Ignition's "unused key" warnings.

use super::json::{Kind, Node, Tree};
use crate::types::*;

/// Go's `*json.UnmarshalTypeError` after `addErrorContext`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TypeError {
    pub(crate) value: String,
    pub(crate) go_type: String,
    pub(crate) struct_name: Option<&'static str>,
    pub(crate) field: String,
    pub(crate) offset: Option<usize>,
}

impl std::fmt::Display for TypeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.struct_name {
            Some(s) => write!(
                f,
                "json: cannot unmarshal {} into Go struct field {}.{} of type {}",
                self.value, s, self.field, self.go_type
            ),
            None => write!(
                f,
                "json: cannot unmarshal {} into Go value of type {}",
                self.value, self.go_type
            ),
        }
    }
}

pub(crate) struct Ctx<'t> {
    tree: &'t Tree<'t>,
    struct_name: Option<&'static str>,
    field_stack: Vec<&'static str>,
    pub(crate) err: Option<TypeError>,
}

impl Ctx<'_> {
    fn fail(&mut self, node: &Node<'_>, value: String, go_type: &str) {
        if self.err.is_some() {
            return;
        }
        let offset = match node.kind {
            // Go reports arrays and objects at the byte after `[` / `{`, literals after
            // their last byte.
            Kind::Array(_) | Kind::Object(_) => node.start.map(|s| s + 1),
            _ => node.end,
        };
        self.err = Some(TypeError {
            value,
            go_type: go_type.trim_start_matches('*').to_owned(),
            struct_name: self.struct_name,
            field: self.field_stack.join("."),
            offset,
        });
    }

    fn mismatch(&mut self, node: &Node<'_>, go_type: &str) {
        let value = match &node.kind {
            Kind::Null => return,
            Kind::Bool(_) => "bool",
            Kind::Number(_) => "number",
            Kind::String(_) => "string",
            Kind::Array(_) => "array",
            Kind::Object(_) => "object",
        };
        self.fail(node, value.to_owned(), go_type);
    }
}

/// Decoding into an existing value, as Go decodes into the field it already has.
pub(crate) trait GoDecode {
    fn go_decode(&mut self, node: &Node<'_>, ctx: &mut Ctx<'_>, go_type: &str);
}

impl GoDecode for String {
    fn go_decode(&mut self, node: &Node<'_>, ctx: &mut Ctx<'_>, go_type: &str) {
        match &node.kind {
            Kind::Null => {}
            Kind::String(s) => (**s).clone_into(self),
            _ => ctx.mismatch(node, go_type),
        }
    }
}

impl GoDecode for i64 {
    fn go_decode(&mut self, node: &Node<'_>, ctx: &mut Ctx<'_>, go_type: &str) {
        match &node.kind {
            Kind::Null => {}
            Kind::Number(lit) => match acp_model::go::atoi(lit) {
                Ok(v) => *self = v,
                Err(_) => ctx.fail(node, format!("number {lit}"), go_type),
            },
            _ => ctx.mismatch(node, go_type),
        }
    }
}

impl GoDecode for bool {
    fn go_decode(&mut self, node: &Node<'_>, ctx: &mut Ctx<'_>, go_type: &str) {
        match &node.kind {
            Kind::Null => {}
            Kind::Bool(b) => *self = *b,
            _ => ctx.mismatch(node, go_type),
        }
    }
}

impl<T: GoDecode + Default> GoDecode for Option<T> {
    fn go_decode(&mut self, node: &Node<'_>, ctx: &mut Ctx<'_>, go_type: &str) {
        if let Kind::Null = node.kind {
            *self = None;
            return;
        }
        self.get_or_insert_with(T::default)
            .go_decode(node, ctx, go_type);
    }
}

fn element_type(slice_type: &str) -> &str {
    match slice_type {
        "types.HTTPHeaders" => "types.HTTPHeader",
        t => t.strip_prefix("[]").unwrap_or(t),
    }
}

impl<T: GoDecode + Default> GoDecode for Vec<T> {
    fn go_decode(&mut self, node: &Node<'_>, ctx: &mut Ctx<'_>, go_type: &str) {
        match &node.kind {
            Kind::Null => self.clear(),
            Kind::Array(items) => {
                let elem = element_type(go_type);
                for (i, &item) in items.iter().enumerate() {
                    let Some(child) = ctx.tree.get(item) else {
                        continue;
                    };
                    if i >= self.len() {
                        self.push(T::default());
                    }
                    if let Some(slot) = self.get_mut(i) {
                        slot.go_decode(child, ctx, elem);
                    }
                }
                self.truncate(items.len());
            }
            _ => ctx.mismatch(node, go_type),
        }
    }
}

/// Go's case-insensitive key match (`foldName`) against an ASCII field name: ASCII letters
/// match either case, and `K` / `S` also match the Kelvin sign and the long s.
fn fold_eq(key: &str, field: &str) -> bool {
    let mut k = key.chars();
    for f in field.chars() {
        let Some(c) = k.next() else {
            return false;
        };
        let ok = c.eq_ignore_ascii_case(&f)
            || (f.eq_ignore_ascii_case(&'k') && c == '\u{212A}')
            || (f.eq_ignore_ascii_case(&'s') && c == '\u{17F}');
        if !ok {
            return false;
        }
    }
    k.next().is_none()
}

/// The field a key decodes into: exact match first, then Go's fold match.
fn match_field(key: &str, fields: &[&'static str]) -> Option<&'static str> {
    fields
        .iter()
        .find(|f| **f == key)
        .or_else(|| fields.iter().find(|f| fold_eq(key, f)))
        .copied()
}

/// A struct field's shape, for the unused-key walk.
#[derive(Clone, Copy)]
pub(crate) enum Shape {
    /// A value with no fields of its own (scalar, pointer to scalar, list of scalars).
    Leaf,
    /// A struct.
    Struct(&'static Schema),
    /// A list of structs.
    List(&'static Schema),
}

/// The JSON names of a struct's fields (embedded structs flattened), in Go's order.
pub(crate) struct Schema {
    pub(crate) fields: &'static [(&'static str, Shape)],
}

pub(crate) trait HasSchema {
    const SCHEMA: Schema;
}

macro_rules! go_struct {
    ($t:ident, $name:literal, $go_type:literal, {
        $($field:ident : $json:literal $([$embed:literal])? , $ft:literal, $shape:expr;)*
    }) => {
        impl HasSchema for $t {
            const SCHEMA: Schema = Schema { fields: &[$(($json, $shape)),*] };
        }

        impl GoDecode for $t {
            fn go_decode(&mut self, node: &Node<'_>, ctx: &mut Ctx<'_>, go_type: &str) {
                const FIELDS: &[&str] = &[$($json),*];
                let members = match &node.kind {
                    Kind::Null => return,
                    Kind::Object(members) => members,
                    _ => return ctx.mismatch(node, go_type),
                };
                for m in members {
                    let Some(name) = match_field(&m.key, FIELDS) else { continue };
                    let Some(child) = ctx.tree.get(m.value) else { continue };
                    let saved_struct = ctx.struct_name;
                    let depth = ctx.field_stack.len();
                    $(
                        if name == $json {
                            $( ctx.field_stack.push($embed); )?
                            ctx.field_stack.push($json);
                            ctx.struct_name = Some($name);
                            self.$field.go_decode(child, ctx, $ft);
                        }
                    )*
                    ctx.field_stack.truncate(depth);
                    ctx.struct_name = saved_struct;
                }
            }
        }
    };
}

const fn st<T: HasSchema>() -> Shape {
    Shape::Struct(&T::SCHEMA)
}

/// A list of structs, when `Shape::List(&T::SCHEMA)` is needed in a const.
const fn li<T: HasSchema>() -> Shape {
    Shape::List(&T::SCHEMA)
}

use Shape::Leaf;

go_struct!(Config, "Config", "types.Config", {
    ignition: "ignition", "types.Ignition", st::<Ignition>();
    kernel_arguments: "kernelArguments", "types.KernelArguments", st::<KernelArguments>();
    passwd: "passwd", "types.Passwd", st::<Passwd>();
    storage: "storage", "types.Storage", st::<Storage>();
    systemd: "systemd", "types.Systemd", st::<Systemd>();
});
go_struct!(Ignition, "Ignition", "types.Ignition", {
    config: "config", "types.IgnitionConfig", st::<IgnitionConfig>();
    proxy: "proxy", "types.Proxy", st::<Proxy>();
    security: "security", "types.Security", st::<Security>();
    timeouts: "timeouts", "types.Timeouts", st::<Timeouts>();
    version: "version", "string", Leaf;
});
go_struct!(IgnitionConfig, "IgnitionConfig", "types.IgnitionConfig", {
    merge: "merge", "[]types.Resource", li::<Resource>();
    replace: "replace", "types.Resource", st::<Resource>();
});
go_struct!(Proxy, "Proxy", "types.Proxy", {
    http_proxy: "httpProxy", "*string", Leaf;
    https_proxy: "httpsProxy", "*string", Leaf;
    no_proxy: "noProxy", "[]types.NoProxyItem", Leaf;
});
go_struct!(Security, "Security", "types.Security", {
    tls: "tls", "types.TLS", st::<Tls>();
});
go_struct!(Tls, "TLS", "types.TLS", {
    certificate_authorities: "certificateAuthorities", "[]types.Resource", li::<Resource>();
});
go_struct!(Timeouts, "Timeouts", "types.Timeouts", {
    http_response_headers: "httpResponseHeaders", "*int", Leaf;
    http_total: "httpTotal", "*int", Leaf;
});
go_struct!(Resource, "Resource", "types.Resource", {
    compression: "compression", "*string", Leaf;
    http_headers: "httpHeaders", "types.HTTPHeaders", li::<HttpHeader>();
    source: "source", "*string", Leaf;
    verification: "verification", "types.Verification", st::<Verification>();
});
go_struct!(HttpHeader, "HTTPHeader", "types.HTTPHeader", {
    name: "name", "string", Leaf;
    value: "value", "*string", Leaf;
});
go_struct!(Verification, "Verification", "types.Verification", {
    hash: "hash", "*string", Leaf;
});
go_struct!(KernelArguments, "KernelArguments", "types.KernelArguments", {
    should_exist: "shouldExist", "[]types.KernelArgument", Leaf;
    should_not_exist: "shouldNotExist", "[]types.KernelArgument", Leaf;
});
go_struct!(Passwd, "Passwd", "types.Passwd", {
    groups: "groups", "[]types.PasswdGroup", li::<PasswdGroup>();
    users: "users", "[]types.PasswdUser", li::<PasswdUser>();
});
go_struct!(PasswdGroup, "PasswdGroup", "types.PasswdGroup", {
    gid: "gid", "*int", Leaf;
    name: "name", "string", Leaf;
    password_hash: "passwordHash", "*string", Leaf;
    should_exist: "shouldExist", "*bool", Leaf;
    system: "system", "*bool", Leaf;
});
go_struct!(PasswdUser, "PasswdUser", "types.PasswdUser", {
    gecos: "gecos", "*string", Leaf;
    groups: "groups", "[]types.Group", Leaf;
    home_dir: "homeDir", "*string", Leaf;
    name: "name", "string", Leaf;
    no_create_home: "noCreateHome", "*bool", Leaf;
    no_log_init: "noLogInit", "*bool", Leaf;
    no_user_group: "noUserGroup", "*bool", Leaf;
    password_hash: "passwordHash", "*string", Leaf;
    primary_group: "primaryGroup", "*string", Leaf;
    ssh_authorized_keys: "sshAuthorizedKeys", "[]types.SSHAuthorizedKey", Leaf;
    shell: "shell", "*string", Leaf;
    should_exist: "shouldExist", "*bool", Leaf;
    system: "system", "*bool", Leaf;
    uid: "uid", "*int", Leaf;
});
go_struct!(Storage, "Storage", "types.Storage", {
    directories: "directories", "[]types.Directory", li::<Directory>();
    disks: "disks", "[]types.Disk", li::<Disk>();
    files: "files", "[]types.File", li::<File>();
    filesystems: "filesystems", "[]types.Filesystem", li::<Filesystem>();
    links: "links", "[]types.Link", li::<Link>();
    luks: "luks", "[]types.Luks", li::<Luks>();
    raid: "raid", "[]types.Raid", li::<Raid>();
});
go_struct!(Directory, "Directory", "types.Directory", {
    group: "group" ["Node"], "types.NodeGroup", st::<NodeGroup>();
    overwrite: "overwrite" ["Node"], "*bool", Leaf;
    path: "path" ["Node"], "string", Leaf;
    user: "user" ["Node"], "types.NodeUser", st::<NodeUser>();
    mode: "mode" ["DirectoryEmbedded1"], "*int", Leaf;
});
go_struct!(File, "File", "types.File", {
    group: "group" ["Node"], "types.NodeGroup", st::<NodeGroup>();
    overwrite: "overwrite" ["Node"], "*bool", Leaf;
    path: "path" ["Node"], "string", Leaf;
    user: "user" ["Node"], "types.NodeUser", st::<NodeUser>();
    append: "append" ["FileEmbedded1"], "[]types.Resource", li::<Resource>();
    contents: "contents" ["FileEmbedded1"], "types.Resource", st::<Resource>();
    mode: "mode" ["FileEmbedded1"], "*int", Leaf;
});
go_struct!(Link, "Link", "types.Link", {
    group: "group" ["Node"], "types.NodeGroup", st::<NodeGroup>();
    overwrite: "overwrite" ["Node"], "*bool", Leaf;
    path: "path" ["Node"], "string", Leaf;
    user: "user" ["Node"], "types.NodeUser", st::<NodeUser>();
    hard: "hard" ["LinkEmbedded1"], "*bool", Leaf;
    target: "target" ["LinkEmbedded1"], "*string", Leaf;
});
go_struct!(NodeGroup, "NodeGroup", "types.NodeGroup", {
    id: "id", "*int", Leaf;
    name: "name", "*string", Leaf;
});
go_struct!(NodeUser, "NodeUser", "types.NodeUser", {
    id: "id", "*int", Leaf;
    name: "name", "*string", Leaf;
});
go_struct!(Disk, "Disk", "types.Disk", {
    device: "device", "string", Leaf;
    partitions: "partitions", "[]types.Partition", li::<Partition>();
    wipe_table: "wipeTable", "*bool", Leaf;
});
go_struct!(Partition, "Partition", "types.Partition", {
    guid: "guid", "*string", Leaf;
    label: "label", "*string", Leaf;
    number: "number", "int", Leaf;
    resize: "resize", "*bool", Leaf;
    should_exist: "shouldExist", "*bool", Leaf;
    size_mib: "sizeMiB", "*int", Leaf;
    start_mib: "startMiB", "*int", Leaf;
    type_guid: "typeGuid", "*string", Leaf;
    wipe_partition_entry: "wipePartitionEntry", "*bool", Leaf;
});
go_struct!(Filesystem, "Filesystem", "types.Filesystem", {
    device: "device", "string", Leaf;
    format: "format", "*string", Leaf;
    label: "label", "*string", Leaf;
    mount_options: "mountOptions", "[]types.MountOption", Leaf;
    options: "options", "[]types.FilesystemOption", Leaf;
    path: "path", "*string", Leaf;
    uuid: "uuid", "*string", Leaf;
    wipe_filesystem: "wipeFilesystem", "*bool", Leaf;
});
go_struct!(Raid, "Raid", "types.Raid", {
    devices: "devices", "[]types.Device", Leaf;
    level: "level", "*string", Leaf;
    name: "name", "string", Leaf;
    options: "options", "[]types.RaidOption", Leaf;
    spares: "spares", "*int", Leaf;
});
go_struct!(Luks, "Luks", "types.Luks", {
    clevis: "clevis", "types.Clevis", st::<Clevis>();
    device: "device", "*string", Leaf;
    discard: "discard", "*bool", Leaf;
    key_file: "keyFile", "types.Resource", st::<Resource>();
    label: "label", "*string", Leaf;
    name: "name", "string", Leaf;
    open_options: "openOptions", "[]types.OpenOption", Leaf;
    options: "options", "[]types.LuksOption", Leaf;
    uuid: "uuid", "*string", Leaf;
    wipe_volume: "wipeVolume", "*bool", Leaf;
});
go_struct!(Clevis, "Clevis", "types.Clevis", {
    custom: "custom", "types.ClevisCustom", st::<ClevisCustom>();
    tang: "tang", "[]types.Tang", li::<Tang>();
    threshold: "threshold", "*int", Leaf;
    tpm2: "tpm2", "*bool", Leaf;
});
go_struct!(ClevisCustom, "ClevisCustom", "types.ClevisCustom", {
    config: "config", "*string", Leaf;
    needs_network: "needsNetwork", "*bool", Leaf;
    pin: "pin", "*string", Leaf;
});
go_struct!(Tang, "Tang", "types.Tang", {
    advertisement: "advertisement", "*string", Leaf;
    thumbprint: "thumbprint", "*string", Leaf;
    url: "url", "string", Leaf;
});
go_struct!(Systemd, "Systemd", "types.Systemd", {
    units: "units", "[]types.Unit", li::<Unit>();
});
go_struct!(Unit, "Unit", "types.Unit", {
    contents: "contents", "*string", Leaf;
    dropins: "dropins", "[]types.Dropin", li::<Dropin>();
    enabled: "enabled", "*bool", Leaf;
    mask: "mask", "*bool", Leaf;
    name: "name", "string", Leaf;
});
go_struct!(Dropin, "Dropin", "types.Dropin", {
    contents: "contents", "*string", Leaf;
    name: "name", "string", Leaf;
});

/// `json.Unmarshal(raw, &config)` over a parsed tree: the config, or Go's first type error.
pub(crate) fn decode(tree: &Tree<'_>) -> Result<Config, TypeError> {
    let mut config = Config::default();
    let mut ctx = Ctx {
        tree,
        struct_name: None,
        field_stack: Vec::new(),
        err: None,
    };
    if let Some(root) = tree.root() {
        config.go_decode(root, &mut ctx, "types.Config");
    }
    match ctx.err {
        Some(e) => Err(e),
        None => Ok(config),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Result<Config, String> {
        let t = super::super::json::parse(s.as_bytes()).unwrap();
        decode(&t).map_err(|e| e.to_string())
    }

    #[test]
    fn go_type_errors() {
        assert_eq!(
            dec("[]").unwrap_err(),
            "json: cannot unmarshal array into Go value of type types.Config"
        );
        assert_eq!(
            dec(r#"{"storage":[]}"#).unwrap_err(),
            "json: cannot unmarshal array into Go struct field Config.storage of type types.Storage"
        );
        assert_eq!(
            dec(r#"{"storage":{"files":[5]}}"#).unwrap_err(),
            "json: cannot unmarshal number into Go struct field Storage.storage.files of type types.File"
        );
        assert_eq!(
            dec(r#"{"storage":{"files":[{"mode":"0644"}]}}"#).unwrap_err(),
            "json: cannot unmarshal string into Go struct field File.storage.files.FileEmbedded1.mode of type int"
        );
        assert_eq!(
            dec(r#"{"storage":{"files":[{"path":1}]}}"#).unwrap_err(),
            "json: cannot unmarshal number into Go struct field File.storage.files.Node.path of type string"
        );
        assert_eq!(
            dec(r#"{"storage":{"files":[{"mode":1.5}]}}"#).unwrap_err(),
            "json: cannot unmarshal number 1.5 into Go struct field File.storage.files.FileEmbedded1.mode of type int"
        );
        assert_eq!(
            dec(r#"{"storage":{"files":[{"user":{"id":"x"}}]}}"#).unwrap_err(),
            "json: cannot unmarshal string into Go struct field NodeUser.storage.files.Node.user.id of type int"
        );
        assert_eq!(
            dec(r#"{"passwd":{"users":[{"sshAuthorizedKeys":[1]}]}}"#).unwrap_err(),
            "json: cannot unmarshal number into Go struct field PasswdUser.passwd.users.sshAuthorizedKeys of type types.SSHAuthorizedKey"
        );
        assert_eq!(
            dec(r#"{"ignition":{"config":{"replace":{"httpHeaders":{}}}}}"#).unwrap_err(),
            "json: cannot unmarshal object into Go struct field Resource.ignition.config.replace.httpHeaders of type types.HTTPHeaders"
        );
    }

    #[test]
    fn null_case_and_duplicates_like_go() {
        let c = dec(r#"{"Storage":{"FILES":[{"Path":"/a","mode":null}]},"systemd":null}"#).unwrap();
        assert_eq!(c.storage.files.len(), 1);
        assert_eq!(c.storage.files[0].path, "/a");
        // Objects given twice are decoded into the same struct.
        let c = dec(r#"{"ignition":{"version":"3.4.0"},"ignition":{"timeouts":{"httpTotal":5}}}"#)
            .unwrap();
        assert_eq!(c.ignition.version, "3.4.0");
        assert_eq!(c.ignition.timeouts.http_total, Some(5));
        // Kelvin sign folds to k.
        let c = dec("{\"\u{212A}ernelArguments\":{\"shouldExist\":[\"a\"]}}").unwrap();
        assert_eq!(c.kernel_arguments.should_exist, vec!["a".to_owned()]);
    }
}
