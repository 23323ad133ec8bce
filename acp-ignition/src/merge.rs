//! Ignition merge: a child config layered onto a parent field by field, and the
//! operator's `MergeMachineConfigs` over a pool's MachineConfigs.
//!
//! ```
//! use acp_ignition::merge::merge;
//! use acp_ignition::types::Config;
//!
//! let parent = Config::from_value(&serde_json::json!({
//!     "ignition": {"version": "3.4.0"},
//!     "storage": {"files": [
//!         {"path": "/etc/a", "mode": 420, "contents": {"source": "data:,a"}},
//!         {"path": "/etc/b", "contents": {"source": "data:,b"}}
//!     ]}
//! })).unwrap();
//! let child = Config::from_value(&serde_json::json!({
//!     "ignition": {"version": "3.4.0"},
//!     "storage": {"files": [{"path": "/etc/a", "contents": {"source": "data:,A"}}],
//!                 "directories": [{"path": "/etc/b"}]}
//! })).unwrap();
//! let merged = merge(parent, child);
//! // Same path in the same list: merged field by field (the child's mode is unset, the
//! // parent's is kept). Same path in another list: the child's entry replaces the parent's.
//! assert_eq!(merged.storage.files.len(), 1);
//! assert_eq!(merged.storage.files[0].mode, Some(420));
//! assert_eq!(merged.storage.files[0].contents.source.as_deref(), Some("data:,A"));
//! assert_eq!(merged.storage.directories[0].path, "/etc/b");
//! ```
//!
//! # Rules (coreos/ignition `config/merge/merge.go`, `MergeStructTranscribe`)
//!
//! * **Plain values** (Go non-pointer strings and ints: `ignition.version`, keys such as `path`
//!   and `name`, `partition.number`) take the child's value, even when empty.
//! * **Optional values** (Go pointers, `Option` here: `mode`, `overwrite`, `contents.source`,
//!   `enabled` …) take the child's value when it is set, else keep the parent's.
//! * **Nested structs** are merged recursively; a struct that is entirely unset on one side
//!   takes the other side's (this only changes the outcome for `ignition`, whose `version` is
//!   kept from the parent when the child's `ignition` section is empty).
//! * **Append lists** (`files[].append`, `filesystems[].options` and `mountOptions`,
//!   `luks[].options`, `raid[].options`) are concatenated, parent first.
//! * **Keyed lists** are merged by their key (`path` for files, directories and links; `name`
//!   for units, dropins, users, groups, LUKS volumes, arrays and HTTP headers; `device` for disks
//!   and filesystems; `number:`/`label:` for partitions; `source` for resources; `url` for Tang
//!   servers; the value itself for strings such as SSH keys, supplementary groups, `noProxy`,
//!   RAID devices, LUKS open options, kernel arguments). Walking the parent's list in order:
//!   an entry whose key the child has *in the same list* is merged with the child's entry in
//!   place; an entry whose key the child has *in another list sharing the key* is dropped;
//!   other entries are kept. The child's entries whose key the parent's list lacks are then
//!   appended in order.
//! * **Lists sharing a key**: `storage.directories`, `storage.files` and `storage.links` share
//!   the path (a file replaced by a directory at the same path drops the file);
//!   `kernelArguments.shouldExist` and `shouldNotExist` share the argument. When the child has
//!   the same key in several of them, its last one (in the order directories, files, links /
//!   shouldExist, shouldNotExist) is the one merged.
//! * **HTTP headers**: a child header without a `value` removes the parent's header of that
//!   name.
//!
//! Duplicate keys inside one list (an invalid config, but mergeable) are handled as upstream:
//! every parent entry with the key is merged with the child's entry, and duplicate child entries
//! new to the parent are all appended.
//!
//! [`merge_all`] folds many configs; it gives exactly `merge(merge(c0, c1), c2)…` but indexes the
//! large lists once, so a pool of hundreds of configs merges in time linear in its size.
//!
//! [`merge_machine_configs`] is the operator's `MergeMachineConfigs` (openshift/
//! machine-config-operator `pkg/controller/common/helpers.go`), documented there.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use acp_model::machineconfig::{MachineConfig, MachineConfigSpec, ROLE_LABEL, WORKER_POOL};

use crate::types::{
    Clevis, ClevisCustom, Config, Directory, Disk, Dropin, File, Filesystem, HttpHeader, Ignition,
    IgnitionConfig, Link, Luks, NodeGroup, NodeUser, Partition, PasswdGroup, PasswdUser, Proxy,
    Raid, Resource, Security, Tang, Timeouts, Tls, Unit, Verification,
};
use crate::validate::{ParseError, parse_value};

// ---------------------------------------------------------------------------------------------
// The keyed-list engine
// ---------------------------------------------------------------------------------------------

/// An entry of a keyed list.
trait Item: Clone {
    /// Ignition's `Key()`.
    fn key(&self) -> Cow<'_, str>;
    /// Merges a parent entry and a child entry with the same key in the same list.
    fn merge_item(parent: Self, child: Self) -> Self;
    /// A child entry that removes the parent's entry instead of merging into it (HTTP headers
    /// without a value).
    fn removes_parent(&self) -> bool {
        false
    }
}

/// Where the live entries of one key are: `(list, position)`.
#[derive(Debug)]
enum Slot {
    One(usize, usize),
    Many(Vec<(usize, usize)>),
}

impl Slot {
    fn entries(&self) -> Vec<(usize, usize)> {
        match self {
            Slot::One(l, p) => vec![(*l, *p)],
            Slot::Many(v) => v.clone(),
        }
    }

    fn has_list(&self, list: usize) -> bool {
        match self {
            Slot::One(l, _) => *l == list,
            Slot::Many(v) => v.iter().any(|(l, _)| *l == list),
        }
    }

    fn push(&mut self, entry: (usize, usize)) {
        match self {
            Slot::One(l, p) => *self = Slot::Many(vec![(*l, *p), entry]),
            Slot::Many(v) => v.push(entry),
        }
    }

    fn from_entries(mut v: Vec<(usize, usize)>) -> Option<Slot> {
        match v.len() {
            0 => None,
            1 => v.pop().map(|(l, p)| Slot::One(l, p)),
            _ => Some(Slot::Many(v)),
        }
    }
}

/// One or more lists sharing a key space (Ignition's `MergedKeys` handle), accumulating child
/// after child. Removed entries are tombstones until [`KeyedLists::finish`].
struct KeyedLists<T> {
    lists: Vec<Vec<Option<T>>>,
    index: HashMap<String, Slot>,
}

impl<T: Item> KeyedLists<T> {
    fn new(parent: Vec<Vec<T>>) -> Self {
        let mut index: HashMap<String, Slot> = HashMap::new();
        let lists: Vec<Vec<Option<T>>> = parent
            .into_iter()
            .map(|l| l.into_iter().map(Some).collect())
            .collect();
        for (l, list) in lists.iter().enumerate() {
            for (p, item) in list.iter().enumerate() {
                if let Some(item) = item {
                    insert(&mut index, item.key().into_owned(), (l, p));
                }
            }
        }
        KeyedLists { lists, index }
    }

    /// Layers one child's lists (same number and order of lists) onto the accumulated parent.
    fn absorb(&mut self, child: Vec<Vec<T>>) {
        if child.iter().all(Vec::is_empty) {
            return;
        }
        let keys: Vec<Vec<String>> = child
            .iter()
            .map(|l| l.iter().map(|i| i.key().into_owned()).collect())
            .collect();
        // The child's entry per key: the last one, lists in order (upstream `keysToValues`).
        let mut winners: HashMap<&str, (usize, usize)> = HashMap::new();
        for (l, ks) in keys.iter().enumerate() {
            for (i, k) in ks.iter().enumerate() {
                winners.insert(k.as_str(), (l, i));
            }
        }
        // Appended: child entries whose key the parent's same list lacks (before this step).
        let append: Vec<Vec<bool>> = keys
            .iter()
            .enumerate()
            .map(|(l, ks)| {
                ks.iter()
                    .map(|k| !self.index.get(k).is_some_and(|s| s.has_list(l)))
                    .collect()
            })
            .collect();
        let mut child: Vec<Vec<Option<T>>> = child
            .into_iter()
            .map(|l| l.into_iter().map(Some).collect())
            .collect();

        for (key, (cl, ci)) in winners {
            let Some(slot) = self.index.get_mut(key) else {
                continue;
            };
            let entries = slot.entries();
            let same: Vec<usize> = entries
                .iter()
                .filter(|(l, _)| *l == cl)
                .map(|(_, p)| *p)
                .collect();
            let removes = child
                .get(cl)
                .and_then(|l| l.get(ci))
                .and_then(Option::as_ref)
                .is_some_and(T::removes_parent);
            // Parent entries in other lists sharing the key are dropped; so are same-list ones
            // a removing child entry cancels. The others are merged in place.
            let kept: Vec<(usize, usize)> = if removes {
                Vec::new()
            } else {
                same.iter().map(|p| (cl, *p)).collect()
            };
            match Slot::from_entries(kept) {
                Some(s) => *slot = s,
                None => {
                    self.index.remove(key);
                }
            }
            for (l, p) in entries {
                if l != cl || removes {
                    self.tombstone(l, p);
                }
            }
            if removes {
                continue;
            }
            for (n, p) in same.iter().enumerate() {
                let last = n.saturating_add(1) == same.len();
                let Some(child_slot) = child.get_mut(cl).and_then(|l| l.get_mut(ci)) else {
                    continue;
                };
                let c = if last {
                    child_slot.take()
                } else {
                    child_slot.clone()
                };
                if let (Some(c), Some(slot)) =
                    (c, self.lists.get_mut(cl).and_then(|l| l.get_mut(*p)))
                    && let Some(parent) = slot.take()
                {
                    *slot = Some(T::merge_item(parent, c));
                }
            }
        }

        for (l, ((list, flags), list_keys)) in child.into_iter().zip(append).zip(&keys).enumerate()
        {
            for ((item, add), key) in list.into_iter().zip(flags).zip(list_keys) {
                if let (true, Some(item)) = (add, item)
                    && let Some(target) = self.lists.get_mut(l)
                {
                    let p = target.len();
                    target.push(Some(item));
                    insert(&mut self.index, key.clone(), (l, p));
                }
            }
        }
    }

    fn tombstone(&mut self, list: usize, pos: usize) {
        if let Some(slot) = self.lists.get_mut(list).and_then(|l| l.get_mut(pos)) {
            *slot = None;
        }
    }

    fn finish(self) -> Vec<Vec<T>> {
        self.lists
            .into_iter()
            .map(|l| l.into_iter().flatten().collect())
            .collect()
    }
}

fn insert(index: &mut HashMap<String, Slot>, key: String, entry: (usize, usize)) {
    index
        .entry(key)
        .and_modify(|slot| slot.push(entry))
        .or_insert(Slot::One(entry.0, entry.1));
}

/// Merges one keyed list pairwise.
fn merge_list<T: Item>(parent: Vec<T>, child: Vec<T>) -> Vec<T> {
    if child.is_empty() {
        return parent;
    }
    if parent.is_empty() {
        return child;
    }
    let mut acc = KeyedLists::new(vec![parent]);
    acc.absorb(vec![child]);
    acc.finish().into_iter().next().unwrap_or_default()
}

/// Concatenates an append list (Ignition's `IgnoreDuplicates`).
fn concat<T>(mut parent: Vec<T>, child: Vec<T>) -> Vec<T> {
    parent.extend(child);
    parent
}

/// A Go pointer: the child's value when set.
fn opt<T>(parent: Option<T>, child: Option<T>) -> Option<T> {
    child.or(parent)
}

// ---------------------------------------------------------------------------------------------
// Per-type merges
// ---------------------------------------------------------------------------------------------

impl Item for String {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
    fn merge_item(_parent: Self, child: Self) -> Self {
        child
    }
}

impl Item for HttpHeader {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.name)
    }
    fn merge_item(p: Self, c: Self) -> Self {
        HttpHeader {
            name: c.name,
            value: opt(p.value, c.value),
        }
    }
    fn removes_parent(&self) -> bool {
        self.value.is_none()
    }
}

impl Item for Resource {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(Resource::key(self))
    }
    fn merge_item(p: Self, c: Self) -> Self {
        merge_resource(p, c)
    }
}

fn merge_resource(p: Resource, c: Resource) -> Resource {
    Resource {
        compression: opt(p.compression, c.compression),
        http_headers: merge_list(p.http_headers, c.http_headers),
        source: opt(p.source, c.source),
        verification: Verification {
            hash: opt(p.verification.hash, c.verification.hash),
        },
    }
}

fn merge_user(p: NodeUser, c: NodeUser) -> NodeUser {
    NodeUser {
        id: opt(p.id, c.id),
        name: opt(p.name, c.name),
    }
}

fn merge_group(p: NodeGroup, c: NodeGroup) -> NodeGroup {
    NodeGroup {
        id: opt(p.id, c.id),
        name: opt(p.name, c.name),
    }
}

fn merge_file(p: File, c: File) -> File {
    File {
        group: merge_group(p.group, c.group),
        overwrite: opt(p.overwrite, c.overwrite),
        path: c.path,
        user: merge_user(p.user, c.user),
        append: concat(p.append, c.append),
        contents: merge_resource(p.contents, c.contents),
        mode: opt(p.mode, c.mode),
    }
}

fn merge_directory(p: Directory, c: Directory) -> Directory {
    Directory {
        group: merge_group(p.group, c.group),
        overwrite: opt(p.overwrite, c.overwrite),
        path: c.path,
        user: merge_user(p.user, c.user),
        mode: opt(p.mode, c.mode),
    }
}

fn merge_link(p: Link, c: Link) -> Link {
    Link {
        group: merge_group(p.group, c.group),
        overwrite: opt(p.overwrite, c.overwrite),
        path: c.path,
        user: merge_user(p.user, c.user),
        hard: opt(p.hard, c.hard),
        target: opt(p.target, c.target),
    }
}

/// Files, directories and links share the path (`Storage.MergedKeys`).
#[derive(Clone, Debug)]
enum NodeEntry {
    Directory(Directory),
    File(File),
    Link(Link),
}

impl Item for NodeEntry {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(match self {
            NodeEntry::Directory(d) => &d.path,
            NodeEntry::File(f) => &f.path,
            NodeEntry::Link(l) => &l.path,
        })
    }
    fn merge_item(p: Self, c: Self) -> Self {
        match (p, c) {
            (NodeEntry::Directory(p), NodeEntry::Directory(c)) => {
                NodeEntry::Directory(merge_directory(p, c))
            }
            (NodeEntry::File(p), NodeEntry::File(c)) => NodeEntry::File(merge_file(p, c)),
            (NodeEntry::Link(p), NodeEntry::Link(c)) => NodeEntry::Link(merge_link(p, c)),
            // Entries are only merged within one list, so the kinds always agree.
            (_, c) => c,
        }
    }
}

/// The lists in Go's field order of `Storage` (directories, files, links), which decides the
/// child's entry when it has a path in several of them.
fn node_lists(dirs: Vec<Directory>, files: Vec<File>, links: Vec<Link>) -> Vec<Vec<NodeEntry>> {
    vec![
        dirs.into_iter().map(NodeEntry::Directory).collect(),
        files.into_iter().map(NodeEntry::File).collect(),
        links.into_iter().map(NodeEntry::Link).collect(),
    ]
}

impl Item for Unit {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.name)
    }
    fn merge_item(p: Self, c: Self) -> Self {
        Unit {
            contents: opt(p.contents, c.contents),
            dropins: merge_list(p.dropins, c.dropins),
            enabled: opt(p.enabled, c.enabled),
            mask: opt(p.mask, c.mask),
            name: c.name,
        }
    }
}

impl Item for Dropin {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.name)
    }
    fn merge_item(p: Self, c: Self) -> Self {
        Dropin {
            contents: opt(p.contents, c.contents),
            name: c.name,
        }
    }
}

impl Item for PasswdUser {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.name)
    }
    fn merge_item(p: Self, c: Self) -> Self {
        PasswdUser {
            gecos: opt(p.gecos, c.gecos),
            groups: merge_list(p.groups, c.groups),
            home_dir: opt(p.home_dir, c.home_dir),
            name: c.name,
            no_create_home: opt(p.no_create_home, c.no_create_home),
            no_log_init: opt(p.no_log_init, c.no_log_init),
            no_user_group: opt(p.no_user_group, c.no_user_group),
            password_hash: opt(p.password_hash, c.password_hash),
            primary_group: opt(p.primary_group, c.primary_group),
            ssh_authorized_keys: merge_list(p.ssh_authorized_keys, c.ssh_authorized_keys),
            shell: opt(p.shell, c.shell),
            should_exist: opt(p.should_exist, c.should_exist),
            system: opt(p.system, c.system),
            uid: opt(p.uid, c.uid),
        }
    }
}

impl Item for PasswdGroup {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.name)
    }
    fn merge_item(p: Self, c: Self) -> Self {
        PasswdGroup {
            gid: opt(p.gid, c.gid),
            name: c.name,
            password_hash: opt(p.password_hash, c.password_hash),
            should_exist: opt(p.should_exist, c.should_exist),
            system: opt(p.system, c.system),
        }
    }
}

impl Item for Disk {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.device)
    }
    fn merge_item(p: Self, c: Self) -> Self {
        Disk {
            device: c.device,
            partitions: merge_list(p.partitions, c.partitions),
            wipe_table: opt(p.wipe_table, c.wipe_table),
        }
    }
}

impl Item for Partition {
    fn key(&self) -> Cow<'_, str> {
        Cow::Owned(Partition::key(self))
    }
    fn merge_item(p: Self, c: Self) -> Self {
        Partition {
            guid: opt(p.guid, c.guid),
            label: opt(p.label, c.label),
            number: c.number,
            resize: opt(p.resize, c.resize),
            should_exist: opt(p.should_exist, c.should_exist),
            size_mib: opt(p.size_mib, c.size_mib),
            start_mib: opt(p.start_mib, c.start_mib),
            type_guid: opt(p.type_guid, c.type_guid),
            wipe_partition_entry: opt(p.wipe_partition_entry, c.wipe_partition_entry),
        }
    }
}

impl Item for Filesystem {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.device)
    }
    fn merge_item(p: Self, c: Self) -> Self {
        Filesystem {
            device: c.device,
            format: opt(p.format, c.format),
            label: opt(p.label, c.label),
            mount_options: concat(p.mount_options, c.mount_options),
            options: concat(p.options, c.options),
            path: opt(p.path, c.path),
            uuid: opt(p.uuid, c.uuid),
            wipe_filesystem: opt(p.wipe_filesystem, c.wipe_filesystem),
        }
    }
}

impl Item for Raid {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.name)
    }
    fn merge_item(p: Self, c: Self) -> Self {
        Raid {
            devices: merge_list(p.devices, c.devices),
            level: opt(p.level, c.level),
            name: c.name,
            options: concat(p.options, c.options),
            spares: opt(p.spares, c.spares),
        }
    }
}

impl Item for Luks {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.name)
    }
    fn merge_item(p: Self, c: Self) -> Self {
        Luks {
            clevis: merge_clevis(p.clevis, c.clevis),
            device: opt(p.device, c.device),
            discard: opt(p.discard, c.discard),
            key_file: merge_resource(p.key_file, c.key_file),
            label: opt(p.label, c.label),
            name: c.name,
            open_options: merge_list(p.open_options, c.open_options),
            options: concat(p.options, c.options),
            uuid: opt(p.uuid, c.uuid),
            wipe_volume: opt(p.wipe_volume, c.wipe_volume),
        }
    }
}

fn merge_clevis(p: Clevis, c: Clevis) -> Clevis {
    Clevis {
        custom: ClevisCustom {
            config: opt(p.custom.config, c.custom.config),
            needs_network: opt(p.custom.needs_network, c.custom.needs_network),
            pin: opt(p.custom.pin, c.custom.pin),
        },
        tang: merge_list(p.tang, c.tang),
        threshold: opt(p.threshold, c.threshold),
        tpm2: opt(p.tpm2, c.tpm2),
    }
}

impl Item for Tang {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.url)
    }
    fn merge_item(p: Self, c: Self) -> Self {
        Tang {
            advertisement: opt(p.advertisement, c.advertisement),
            thumbprint: opt(p.thumbprint, c.thumbprint),
            url: c.url,
        }
    }
}

/// `ignition`: the only struct where "entirely unset" matters — an empty child section keeps the
/// parent's `version` (upstream: a zero child struct takes the parent's whole).
fn merge_ignition(p: Ignition, c: Ignition) -> Ignition {
    if c == Ignition::default() {
        return p;
    }
    Ignition {
        config: IgnitionConfig {
            merge: merge_list(p.config.merge, c.config.merge),
            replace: merge_resource(p.config.replace, c.config.replace),
        },
        proxy: Proxy {
            http_proxy: opt(p.proxy.http_proxy, c.proxy.http_proxy),
            https_proxy: opt(p.proxy.https_proxy, c.proxy.https_proxy),
            no_proxy: merge_list(p.proxy.no_proxy, c.proxy.no_proxy),
        },
        security: Security {
            tls: Tls {
                certificate_authorities: merge_list(
                    p.security.tls.certificate_authorities,
                    c.security.tls.certificate_authorities,
                ),
            },
        },
        timeouts: Timeouts {
            http_response_headers: opt(
                p.timeouts.http_response_headers,
                c.timeouts.http_response_headers,
            ),
            http_total: opt(p.timeouts.http_total, c.timeouts.http_total),
        },
        version: c.version,
    }
}

// ---------------------------------------------------------------------------------------------
// Whole configs
// ---------------------------------------------------------------------------------------------

/// A config being merged into: the keyed top-level lists are indexed once.
struct Merger {
    ignition: Ignition,
    kernel_arguments: KeyedLists<String>,
    groups: KeyedLists<PasswdGroup>,
    users: KeyedLists<PasswdUser>,
    nodes: KeyedLists<NodeEntry>,
    disks: KeyedLists<Disk>,
    filesystems: KeyedLists<Filesystem>,
    luks: KeyedLists<Luks>,
    raid: KeyedLists<Raid>,
    units: KeyedLists<Unit>,
}

impl Merger {
    fn new(base: Config) -> Self {
        let Config {
            ignition,
            kernel_arguments,
            passwd,
            storage,
            systemd,
        } = base;
        Merger {
            ignition,
            kernel_arguments: KeyedLists::new(vec![
                kernel_arguments.should_exist,
                kernel_arguments.should_not_exist,
            ]),
            groups: KeyedLists::new(vec![passwd.groups]),
            users: KeyedLists::new(vec![passwd.users]),
            nodes: KeyedLists::new(node_lists(
                storage.directories,
                storage.files,
                storage.links,
            )),
            disks: KeyedLists::new(vec![storage.disks]),
            filesystems: KeyedLists::new(vec![storage.filesystems]),
            luks: KeyedLists::new(vec![storage.luks]),
            raid: KeyedLists::new(vec![storage.raid]),
            units: KeyedLists::new(vec![systemd.units]),
        }
    }

    fn absorb(&mut self, child: Config) {
        let Config {
            ignition,
            kernel_arguments,
            passwd,
            storage,
            systemd,
        } = child;
        self.ignition = merge_ignition(std::mem::take(&mut self.ignition), ignition);
        self.kernel_arguments.absorb(vec![
            kernel_arguments.should_exist,
            kernel_arguments.should_not_exist,
        ]);
        self.groups.absorb(vec![passwd.groups]);
        self.users.absorb(vec![passwd.users]);
        self.nodes.absorb(node_lists(
            storage.directories,
            storage.files,
            storage.links,
        ));
        self.disks.absorb(vec![storage.disks]);
        self.filesystems.absorb(vec![storage.filesystems]);
        self.luks.absorb(vec![storage.luks]);
        self.raid.absorb(vec![storage.raid]);
        self.units.absorb(vec![systemd.units]);
    }

    fn finish(self) -> Config {
        fn one<T: Item>(k: KeyedLists<T>) -> Vec<T> {
            k.finish().into_iter().next().unwrap_or_default()
        }
        let mut config = Config {
            ignition: self.ignition,
            ..Config::default()
        };
        let mut kargs = self.kernel_arguments.finish().into_iter();
        config.kernel_arguments.should_exist = kargs.next().unwrap_or_default();
        config.kernel_arguments.should_not_exist = kargs.next().unwrap_or_default();
        config.passwd.groups = one(self.groups);
        config.passwd.users = one(self.users);
        let mut nodes = self.nodes.finish().into_iter();
        let (dirs, files, links) = (nodes.next(), nodes.next(), nodes.next());
        config.storage.directories = dirs
            .into_iter()
            .flatten()
            .filter_map(|n| match n {
                NodeEntry::Directory(d) => Some(d),
                _ => None,
            })
            .collect();
        config.storage.files = files
            .into_iter()
            .flatten()
            .filter_map(|n| match n {
                NodeEntry::File(f) => Some(f),
                _ => None,
            })
            .collect();
        config.storage.links = links
            .into_iter()
            .flatten()
            .filter_map(|n| match n {
                NodeEntry::Link(l) => Some(l),
                _ => None,
            })
            .collect();
        config.storage.disks = one(self.disks);
        config.storage.filesystems = one(self.filesystems);
        config.storage.luks = one(self.luks);
        config.storage.raid = one(self.raid);
        config.systemd.units = one(self.units);
        config
    }
}

/// Ignition's `Merge(parent, child)`: `child` layered onto `parent` (see the module docs).
pub fn merge(parent: Config, child: Config) -> Config {
    let mut m = Merger::new(parent);
    m.absorb(child);
    m.finish()
}

/// Folds configs left to right with [`merge`]: the first is the base, each next one a child of
/// the result so far. `None` for no configs.
///
/// ```
/// use acp_ignition::merge::{merge, merge_all};
/// use acp_ignition::types::Config;
/// let cfg = |v| Config::from_value(&v).unwrap();
/// let a = cfg(serde_json::json!({"passwd": {"users": [{"name": "core", "sshAuthorizedKeys": ["k1"]}]}}));
/// let b = cfg(serde_json::json!({"passwd": {"users": [{"name": "core", "sshAuthorizedKeys": ["k2", "k1"]}]}}));
/// let c = cfg(serde_json::json!({"passwd": {"users": [{"name": "core", "sshAuthorizedKeys": ["k3"]}]}}));
/// let all = merge_all([a.clone(), b.clone(), c.clone()]).unwrap();
/// assert_eq!(all, merge(merge(a, b), c));
/// assert_eq!(all.passwd.users[0].ssh_authorized_keys, ["k1", "k2", "k3"]);
/// ```
pub fn merge_all(configs: impl IntoIterator<Item = Config>) -> Option<Config> {
    let mut configs = configs.into_iter();
    let mut m = Merger::new(configs.next()?);
    for c in configs {
        m.absorb(c);
    }
    Some(m.finish())
}

// ---------------------------------------------------------------------------------------------
// MergeMachineConfigs
// ---------------------------------------------------------------------------------------------

/// The kernel type every rendered config states when no MachineConfig picks another (upstream
/// `KernelTypeDefault`).
pub const KERNEL_TYPE_DEFAULT: &str = "default";
/// The real-time kernel (upstream `KernelTypeRealtime`).
pub const KERNEL_TYPE_REALTIME: &str = "realtime";
/// The 64k-pages kernel (upstream `KernelType64kPages`).
pub const KERNEL_TYPE_64K_PAGES: &str = "64k-pages";

/// Why MachineConfigs could not be merged.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MergeError {
    /// No MachineConfigs to merge.
    #[error("no MachineConfigs to merge")]
    Empty,
    /// A MachineConfig without labels (upstream: "cannot find label in MachineConfig").
    #[error("cannot find label in MachineConfig {0}")]
    NoLabels(String),
    /// `spec.config` of some MachineConfigs is not a valid Ignition 3.4.0 config (upstream
    /// `ParseAndConvertConfig` fails): every one of them, in merge order.
    #[error("{}", invalid_message(.0))]
    Invalid(Vec<InvalidConfig>),
    /// `kernel-devel` requested with a non-default kernel (upstream message).
    #[error("installing kernel-devel extension is not supported with kernelType: {0}")]
    KernelDevel(String),
}

/// A MachineConfig whose `spec.config` Ignition rejects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidConfig {
    /// The MachineConfig's name.
    pub name: String,
    /// Ignition's verdict, with its report ([`crate::validate::parse_value`]).
    pub error: ParseError,
}

impl fmt::Display for InvalidConfig {
    /// `MachineConfig <name>: spec.config: <error>` (the error lists the report's entries).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "MachineConfig {}: spec.config: {}",
            self.name, self.error
        )
    }
}

fn invalid_message(configs: &[InvalidConfig]) -> String {
    configs
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The result of [`merge_machine_configs`].
#[derive(Clone, Debug, PartialEq)]
pub struct MergedMachineConfigs {
    /// The merged spec, `config` holding [`MergedMachineConfigs::config`] as JSON.
    pub spec: MachineConfigSpec,
    /// The merged Ignition config, typed.
    pub config: Config,
    /// The MachineConfigs' names in merge order (the rendered config's `source`).
    pub sources: Vec<String>,
}

fn mc_name(mc: &MachineConfig) -> String {
    mc.metadata.name.clone().unwrap_or_default()
}

// seed 004:937; seed 004:929
/// Upstream `MergeMachineConfigs` (openshift/machine-config-operator
/// `pkg/controller/common/helpers.go`):
///
/// 1. **Order.** The configs labelled role `worker` first, then the others (a custom pool's own),
///    each group sorted by name — "processed alphabetically", the first the base and the others
///    layered on top, with a custom pool's own configs
///    overriding the worker configs it inherits. A MachineConfig without labels
///    is an error.
/// 2. **Ignition.** Each `spec.config` is parsed and validated as Ignition does
///    ([`crate::validate::parse_value`]); any rejected config fails the merge, all of them
///    reported. The first config is the base (an empty `3.4.0` config when it has none); each
///    next config with a `spec.config` is [`merge`]d onto it. A child file whose
///    `contents.compression` is unset resets the compression of the merged file — upstream marks
///    unset compression as `""` before each merge and clears `""` after it, so new contents
///    never inherit the parent's `gzip` (coreos/butane#332).
/// 3. **overwrite.** Every file whose `overwrite` is unset gets `overwrite: true`: the daemon
///    always overwrites, Ignition 3 does not by default.
/// 4. **MachineConfig fields.** `kernelArguments` and `extensions` are concatenated in order;
///    `fips` is true if any config sets it; `kernelType` is the last `realtime` / `64k-pages`
///    one, else `default`; `osImageURL` and `baseOSExtensionsContainerImage` are the last
///    non-empty ones (upstream starts from the controller config's images; there is none here,
///    so they stay unset unless a MachineConfig sets them). `kernel-devel` with a non-default
///    kernel is an error.
pub fn merge_machine_configs<'a>(
    configs: impl IntoIterator<Item = &'a MachineConfig>,
) -> Result<MergedMachineConfigs, MergeError> {
    let ordered = ordered_machine_configs(configs)?;
    let parsed = parse_and_convert_configs(&ordered)?;
    let mut parsed = parsed.into_iter();
    // No base config: an empty 3.4.0 config (not `Config::default()`, which has no version).
    let base = match parsed.next().flatten() {
        Some(c) => c,
        None => Config::new(),
    };
    let mut merger = Merger::new(base);
    let mut merged_any = false;
    for mut child in parsed.flatten() {
        for f in &mut child.storage.files {
            if f.contents.compression.is_none() {
                f.contents.compression = Some(String::new());
            }
        }
        merger.absorb(child);
        merged_any = true;
    }
    let mut config = merger.finish();
    for f in &mut config.storage.files {
        // Upstream clears `""` after every merge; only a lone base keeps an explicit `""`.
        if merged_any && f.contents.compression.as_deref() == Some("") {
            f.contents.compression = None;
        }
        if f.overwrite.is_none() {
            f.overwrite = Some(true);
        }
    }

    let mut fips = false;
    let mut kernel_type: Option<&str> = None;
    let mut kernel_arguments = Vec::new();
    let mut extensions = Vec::new();
    let mut os_image_url = None;
    let mut extensions_image = None;
    for mc in &ordered {
        let s = &mc.spec;
        fips |= s.fips.unwrap_or(false);
        if let Some(kt) = s.kernel_type.as_deref()
            && (kt == KERNEL_TYPE_REALTIME || kt == KERNEL_TYPE_64K_PAGES)
        {
            kernel_type = Some(kt);
        }
        kernel_arguments.extend(s.kernel_arguments.iter().flatten().cloned());
        extensions.extend(s.extensions.iter().flatten().cloned());
        if let Some(url) = s.os_image_url.as_ref().filter(|u| !u.is_empty()) {
            os_image_url = Some(url.clone());
        }
        if let Some(img) = s
            .base_os_extensions_container_image
            .as_ref()
            .filter(|u| !u.is_empty())
        {
            extensions_image = Some(img.clone());
        }
    }
    let kernel_type = kernel_type.unwrap_or(KERNEL_TYPE_DEFAULT).to_owned();
    if kernel_type != KERNEL_TYPE_DEFAULT && extensions.iter().any(|e| e == "kernel-devel") {
        return Err(MergeError::KernelDevel(kernel_type));
    }
    let spec = MachineConfigSpec {
        os_image_url,
        base_os_extensions_container_image: extensions_image,
        config: Some(config.to_value()),
        kernel_arguments: Some(kernel_arguments),
        extensions: Some(extensions),
        fips: Some(fips),
        kernel_type: Some(kernel_type),
    };
    Ok(MergedMachineConfigs {
        spec,
        config,
        sources: ordered.iter().map(|mc| mc_name(mc)).collect(),
    })
}

/// Step 1 of `MergeMachineConfigs`: the `worker` configs first, then the others, each group by
/// name; an error for a config without labels or no config at all.
fn ordered_machine_configs<'a>(
    configs: impl IntoIterator<Item = &'a MachineConfig>,
) -> Result<Vec<&'a MachineConfig>, MergeError> {
    let mut workers: Vec<&MachineConfig> = Vec::new();
    let mut others: Vec<&MachineConfig> = Vec::new();
    for mc in configs {
        let Some(labels) = &mc.metadata.labels else {
            return Err(MergeError::NoLabels(mc_name(mc)));
        };
        if labels.get(ROLE_LABEL).map(String::as_str) == Some(WORKER_POOL) {
            workers.push(mc);
        } else {
            others.push(mc);
        }
    }
    workers.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    others.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    let ordered: Vec<&MachineConfig> = workers.into_iter().chain(others).collect();
    if ordered.is_empty() {
        return Err(MergeError::Empty);
    }
    Ok(ordered)
}

/// Every config parsed and validated first (upstream `ParseAndConvertConfig`), so all invalid
/// ones are reported together; `None` for a config without `spec.config`.
fn parse_and_convert_configs(
    ordered: &[&MachineConfig],
) -> Result<Vec<Option<Config>>, MergeError> {
    let mut parsed: Vec<Option<Config>> = Vec::with_capacity(ordered.len());
    let mut invalid = Vec::new();
    for mc in ordered {
        match &mc.spec.config {
            None => parsed.push(None),
            Some(v) => match parse_value(v) {
                Ok(p) => parsed.push(Some(p.config)),
                Err(error) => {
                    invalid.push(InvalidConfig {
                        name: mc_name(mc),
                        error,
                    });
                    parsed.push(None);
                }
            },
        }
    }
    if !invalid.is_empty() {
        return Err(MergeError::Invalid(invalid));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> String {
        v.to_owned()
    }

    #[test]
    fn keyed_list_duplicates_as_upstream() {
        // Parent has two entries with key "a": both merge with the child's "a".
        let out = merge_list(vec![s("a"), s("b"), s("a")], vec![s("c"), s("a"), s("c")]);
        assert_eq!(out, ["a", "b", "a", "c", "c"]);
    }

    #[test]
    fn shared_keys_last_child_list_wins() {
        // Child has "x" in both lists; the parent's "x" in list 0 is dropped (child's winner is
        // in list 1) and the child's list-0 "x" is not appended (the parent had it there).
        let mut acc = KeyedLists::new(vec![vec![s("x"), s("y")], vec![]]);
        acc.absorb(vec![vec![s("x")], vec![s("x")]]);
        let out = acc.finish();
        assert_eq!(out, vec![vec![s("y")], vec![s("x")]]);
    }

    #[test]
    fn header_without_value_removes() {
        let h = |n: &str, v: Option<&str>| HttpHeader {
            name: n.into(),
            value: v.map(Into::into),
        };
        let out = merge_list(
            vec![h("a", Some("1")), h("b", Some("2"))],
            vec![h("a", None), h("c", None)],
        );
        // "a" removed; "c" (new) appended even without a value.
        assert_eq!(out, vec![h("b", Some("2")), h("c", None)]);
    }
}
