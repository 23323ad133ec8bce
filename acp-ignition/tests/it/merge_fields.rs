//! Ignition merge: one test per field kind, the cases of coreos/ignition
//! `config/merge/merge_test.go` `TestMerge` transcribed as facts, the fold law, and the
//! operator's `MergeMachineConfigs`.

use acp_ignition::merge::{MergeError, merge, merge_all, merge_machine_configs};
use acp_ignition::types::Config;
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::support::{cfg, mc};

fn merged(parent: Value, child: Value) -> Value {
    merge(cfg(parent), cfg(child)).to_value()
}

// ---------------------------------------------------------------------------------------------
// Field kinds
// ---------------------------------------------------------------------------------------------

#[test]
fn plain_value_takes_the_child() {
    // TestMerge case 2: `version` is a plain string; the child's wins unvalidated.
    assert_eq!(
        merged(
            json!({"ignition": {"version": "1234"}}),
            json!({"ignition": {"version": "haha this isn't validated"}})
        ),
        json!({"ignition": {"version": "haha this isn't validated"}})
    );
    // Even an empty child version replaces, when the child's ignition section is not empty.
    assert_eq!(
        merged(
            json!({"ignition": {"version": "3.4.0"}}),
            json!({"ignition": {"timeouts": {"httpTotal": 5}}})
        ),
        json!({"ignition": {"version": "", "timeouts": {"httpTotal": 5}}})
    );
}

#[test]
fn empty_child_section_keeps_the_parent() {
    // A struct entirely unset in the child takes the parent's (here: the version survives).
    assert_eq!(
        merged(json!({"ignition": {"version": "3.4.0"}}), json!({})),
        json!({"ignition": {"version": "3.4.0"}})
    );
    // TestMerge "completely parent subtree" / "completely child subtree".
    let tree = json!({"ignition": {"version": ""}, "storage": {
        "files": [{"path": "/a", "contents": {"source": "data:", "httpHeaders": [{"name": "header", "value": "value"}]},
                   "append": [{"source": "data:", "httpHeaders": [{"name": "header", "value": "value"}]}]}],
        "filesystems": [{"device": "/dev/sda", "options": ["z"]}]}});
    assert_eq!(merged(tree.clone(), json!({})), tree);
    assert_eq!(merged(json!({}), tree.clone()), tree);
}

#[test]
fn optional_value_set_in_child_wins_unset_keeps_parent() {
    let parent = json!({"storage": {"files": [{"path": "/f", "mode": 420, "overwrite": false,
        "user": {"name": "core"}, "contents": {"source": "data:,p", "verification": {"hash": "sha256-aa"}}}]}});
    let child = json!({"storage": {"files": [{"path": "/f", "overwrite": true, "group": {"id": 7},
        "contents": {"source": "data:,c"}}]}});
    assert_eq!(
        merged(parent, child),
        json!({"ignition": {"version": ""}, "storage": {"files": [{"path": "/f", "mode": 420,
            "overwrite": true, "user": {"name": "core"}, "group": {"id": 7},
            "contents": {"source": "data:,c", "verification": {"hash": "sha256-aa"}}}]}})
    );
}

#[test]
fn false_and_zero_are_set_values() {
    let out = merged(
        json!({"systemd": {"units": [{"name": "a.service", "enabled": true, "mask": true}]}}),
        json!({"systemd": {"units": [{"name": "a.service", "enabled": false}]}}),
    );
    assert_eq!(
        out["systemd"]["units"][0],
        json!({"name": "a.service", "enabled": false, "mask": true})
    );
    let out = merged(
        json!({"storage": {"files": [{"path": "/f", "mode": 420}]}}),
        json!({"storage": {"files": [{"path": "/f", "mode": 0}]}}),
    );
    assert_eq!(out["storage"]["files"][0]["mode"], 0);
}

#[test]
fn files_merge_by_path_and_new_ones_append() {
    let out = merged(
        json!({"storage": {"files": [{"path": "/a", "mode": 1}, {"path": "/b", "mode": 2}]}}),
        json!({"storage": {"files": [{"path": "/c", "mode": 3}, {"path": "/a", "mode": 4}]}}),
    );
    assert_eq!(
        out["storage"]["files"],
        json!([{"path": "/a", "mode": 4}, {"path": "/b", "mode": 2}, {"path": "/c", "mode": 3}])
    );
}

#[test]
fn files_directories_links_share_the_path() {
    // TestMerge case 3: parent file /bar is dropped by the child's directory /bar.
    let out = merged(
        json!({"storage": {"files": [{"path": "/foo"}, {"path": "/bar", "contents": {"compression": "gzip"}}]}}),
        json!({"storage": {"directories": [{"path": "/bar"}], "links": [{"path": "/baz"}]}}),
    );
    assert_eq!(out["storage"]["files"], json!([{"path": "/foo"}]));
    assert_eq!(out["storage"]["directories"], json!([{"path": "/bar"}]));
    assert_eq!(out["storage"]["links"], json!([{"path": "/baz"}]));
    // A link replaced by a file; a directory replaced by a link.
    let out = merged(
        json!({"storage": {"links": [{"path": "/x", "target": "/y"}], "directories": [{"path": "/d", "mode": 493}]}}),
        json!({"storage": {"files": [{"path": "/x"}], "links": [{"path": "/d", "target": "/e"}]}}),
    );
    assert_eq!(
        out["storage"],
        json!({"files": [{"path": "/x"}], "links": [{"path": "/d", "target": "/e"}]})
    );
}

#[test]
fn append_lists_concatenate() {
    // TestMerge case 3 (file append) and "strictly-parent or strictly-child subtrees"
    // (filesystem options and mountOptions).
    let out = merged(
        json!({"storage": {"files": [{"path": "/foo", "append": [{"source": "source1"}]}],
            "filesystems": [{"device": "/dev/sda", "options": ["a", "b"]}, {"device": "/dev/sdb", "options": ["a", "b"]}]}}),
        json!({"storage": {"files": [{"path": "/foo", "append": [{"source": "source1"}, {"source": "source2"}]}],
            "filesystems": [{"device": "/dev/sda", "mountOptions": ["c", "d"]}, {"device": "/dev/sdb", "options": ["c", "d"]}]}}),
    );
    assert_eq!(
        out["storage"]["files"][0]["append"],
        json!([{"source": "source1"}, {"source": "source1"}, {"source": "source2"}])
    );
    assert_eq!(
        out["storage"]["filesystems"],
        json!([{"device": "/dev/sda", "mountOptions": ["c", "d"], "options": ["a", "b"]},
               {"device": "/dev/sdb", "options": ["a", "b", "c", "d"]}])
    );
    // LUKS and RAID options concatenate too; RAID devices and LUKS open options are keyed.
    let out = merged(
        json!({"storage": {"luks": [{"name": "l", "options": ["x"], "openOptions": ["o1"]}],
            "raid": [{"name": "r", "options": ["x"], "devices": ["/dev/a", "/dev/b"]}]}}),
        json!({"storage": {"luks": [{"name": "l", "options": ["x"], "openOptions": ["o1", "o2"]}],
            "raid": [{"name": "r", "options": ["x"], "devices": ["/dev/b", "/dev/c"]}]}}),
    );
    assert_eq!(out["storage"]["luks"][0]["options"], json!(["x", "x"]));
    assert_eq!(
        out["storage"]["luks"][0]["openOptions"],
        json!(["o1", "o2"])
    );
    assert_eq!(out["storage"]["raid"][0]["options"], json!(["x", "x"]));
    assert_eq!(
        out["storage"]["raid"][0]["devices"],
        json!(["/dev/a", "/dev/b", "/dev/c"])
    );
}

#[test]
fn nested_structs_merge_field_by_field() {
    // "strictly-parent or strictly-child subtrees": /a gets mode from the child and source from
    // the parent; /c keeps the parent's source and takes the child's compression.
    let out = merged(
        json!({"storage": {"files": [{"path": "/a", "contents": {"source": "data:"}},
            {"path": "/b", "mode": 420}, {"path": "/c", "contents": {"source": "data:"}}],
            "directories": [{"path": "/d"}]}}),
        json!({"storage": {"files": [{"path": "/a", "mode": 420},
            {"path": "/b", "contents": {"source": "data:"}}, {"path": "/c", "contents": {"compression": "gzip"}}],
            "links": [{"path": "/e"}]}}),
    );
    assert_eq!(
        out["storage"],
        json!({"files": [{"path": "/a", "contents": {"source": "data:"}, "mode": 420},
            {"path": "/b", "contents": {"source": "data:"}, "mode": 420},
            {"path": "/c", "contents": {"compression": "gzip", "source": "data:"}}],
            "directories": [{"path": "/d"}], "links": [{"path": "/e"}]})
    );
}

#[test]
fn units_and_dropins_merge_by_name() {
    let out = merged(
        json!({"systemd": {"units": [{"name": "a.service", "contents": "[Unit]\n", "dropins": [
            {"name": "10-a.conf", "contents": "x"}, {"name": "20-b.conf", "contents": "y"}]},
            {"name": "b.service", "enabled": true}]}}),
        json!({"systemd": {"units": [{"name": "a.service", "dropins": [
            {"name": "20-b.conf", "contents": "Y"}, {"name": "30-c.conf", "contents": "z"}]},
            {"name": "c.service", "mask": true}]}}),
    );
    assert_eq!(
        out["systemd"]["units"],
        json!([{"name": "a.service", "contents": "[Unit]\n", "dropins": [
            {"name": "10-a.conf", "contents": "x"}, {"name": "20-b.conf", "contents": "Y"},
            {"name": "30-c.conf", "contents": "z"}]},
            {"name": "b.service", "enabled": true}, {"name": "c.service", "mask": true}])
    );
}

#[test]
fn users_and_groups_merge_by_name_ssh_keys_by_value() {
    // TestMerge case 3: keys ["one","two"] + ["three","two"] = ["one","two","three"].
    let out = merged(
        json!({"passwd": {"users": [{"name": "bovik", "sshAuthorizedKeys": ["one", "two"], "groups": ["wheel"]}],
            "groups": [{"name": "g", "gid": 1}]}}),
        json!({"passwd": {"users": [{"name": "bovik", "sshAuthorizedKeys": ["three", "two"], "groups": ["docker", "wheel"], "shell": "/bin/sh"},
            {"name": "other"}], "groups": [{"name": "g", "system": true}]}}),
    );
    assert_eq!(
        out["passwd"],
        json!({"users": [{"name": "bovik", "sshAuthorizedKeys": ["one", "two", "three"],
            "groups": ["wheel", "docker"], "shell": "/bin/sh"}, {"name": "other"}],
            "groups": [{"name": "g", "gid": 1, "system": true}]})
    );
}

#[test]
fn disks_and_partitions() {
    // TestMerge case 3.
    let out = merged(
        json!({"storage": {"disks": [
            {"device": "foo", "wipeTable": true, "partitions": [{"number": 1, "label": "label", "startMiB": 4}]},
            {"device": "bar", "wipeTable": true}]}}),
        json!({"storage": {"disks": [
            {"device": "foo", "wipeTable": false, "partitions": [{"number": 1, "label": "labelchanged"}, {"number": 2, "label": "label2"}]},
            {"device": "bar"}, {"device": "baz", "wipeTable": true}]}}),
    );
    assert_eq!(
        out["storage"]["disks"],
        json!([{"device": "foo", "wipeTable": false, "partitions": [
                {"number": 1, "label": "labelchanged", "startMiB": 4}, {"number": 2, "label": "label2"}]},
            {"device": "bar", "wipeTable": true}, {"device": "baz", "wipeTable": true}])
    );
    // Unnumbered partitions key by label.
    let out = merged(
        json!({"storage": {"disks": [{"device": "d", "partitions": [{"label": "root", "sizeMiB": 1}]}]}}),
        json!({"storage": {"disks": [{"device": "d", "partitions": [{"label": "root", "sizeMiB": 2}, {"label": "var"}]}]}}),
    );
    assert_eq!(
        out["storage"]["disks"][0]["partitions"],
        json!([{"label": "root", "sizeMiB": 2}, {"label": "var"}])
    );
}

#[test]
fn http_headers_merge_and_a_header_without_value_removes() {
    // TestMerge "merge config reference that contains HTTP headers", and the same for
    // `replace`, CA references and file contents.
    let parent_headers = json!([{"name": "old-header", "value": "old-value"},
        {"name": "same-header", "value": "old-value"}, {"name": "to-remove-header", "value": "some-value"}]);
    let child_headers = json!([{"name": "to-remove-header"}, {"name": "new-header", "value": "new-value"},
        {"name": "same-header", "value": "new-value"}]);
    let expected = json!([{"name": "old-header", "value": "old-value"},
        {"name": "same-header", "value": "new-value"}, {"name": "new-header", "value": "new-value"}]);
    let url = "http://example.com/myconf.ign";
    let with = |h: &Value| {
        json!({"ignition": {"version": "", "config": {
            "merge": [{"source": url, "httpHeaders": h}],
            "replace": {"source": url, "httpHeaders": h}},
            "security": {"tls": {"certificateAuthorities": [{"source": "http://example.com/myca.cert", "httpHeaders": h}]}}},
            "storage": {"files": [{"path": "", "contents": {"source": "http://example.com/myfile.txt", "httpHeaders": h}}]}})
    };
    assert_eq!(
        merged(with(&parent_headers), with(&child_headers)),
        with(&expected)
    );
    // Appended resources are concatenated, headers and all.
    let out = merged(
        json!({"storage": {"files": [{"path": "/f", "append": [{"source": "u", "httpHeaders": [{"name": "a", "value": "1"}]}]}]}}),
        json!({"storage": {"files": [{"path": "/f", "append": [{"source": "u", "httpHeaders": [{"name": "a"}]}]}]}}),
    );
    assert_eq!(
        out["storage"]["files"][0]["append"],
        json!([{"source": "u", "httpHeaders": [{"name": "a", "value": "1"}]},
               {"source": "u", "httpHeaders": [{"name": "a"}]}])
    );
}

#[test]
fn kernel_arguments_should_not_exist_overrides_should_exist() {
    // TestMerge "kernel arguments MergedKeys test".
    let out = merged(
        json!({"kernelArguments": {"shouldExist": ["foo", "bar baz", "test"], "shouldNotExist": ["brown fox"]}}),
        json!({"kernelArguments": {"shouldNotExist": ["test"]}}),
    );
    assert_eq!(
        out["kernelArguments"],
        json!({"shouldExist": ["foo", "bar baz"], "shouldNotExist": ["brown fox", "test"]})
    );
}

#[test]
fn luks_clevis_and_tang() {
    // TestMergeStructPointers (spec 3.2's pointers are plain structs in 3.4; same outcome).
    let out = merged(
        json!({"storage": {"luks": [{"name": "bar", "device": "/dev/foo",
            "clevis": {"custom": {"config": "cfg", "pin": "pin"}, "threshold": 1, "tang": [{"url": "http://t", "thumbprint": "a"}]}}]}}),
        json!({"storage": {"luks": [{"name": "bar", "clevis": {"threshold": 2, "tang": [{"url": "http://t", "thumbprint": "b"}]}},
            {"name": "bleh", "device": "/dev/baz", "clevis": {"tpm2": true}}]}}),
    );
    assert_eq!(
        out["storage"]["luks"],
        json!([{"name": "bar", "device": "/dev/foo", "clevis": {"custom": {"config": "cfg", "pin": "pin"},
                "threshold": 2, "tang": [{"url": "http://t", "thumbprint": "b"}]}},
               {"name": "bleh", "device": "/dev/baz", "clevis": {"tpm2": true}}])
    );
}

#[test]
fn proxy_and_timeouts() {
    let out = merged(
        json!({"ignition": {"version": "3.4.0", "proxy": {"httpProxy": "a", "noProxy": ["x"]}, "timeouts": {"httpTotal": 1}}}),
        json!({"ignition": {"version": "3.4.0", "proxy": {"httpsProxy": "b", "noProxy": ["y", "x"]}, "timeouts": {"httpResponseHeaders": 2}}}),
    );
    assert_eq!(
        out["ignition"],
        json!({"version": "3.4.0", "proxy": {"httpProxy": "a", "httpsProxy": "b", "noProxy": ["x", "y"]},
               "timeouts": {"httpTotal": 1, "httpResponseHeaders": 2}})
    );
}

// ---------------------------------------------------------------------------------------------
// The fold law and an independent model of the pairwise list merge
// ---------------------------------------------------------------------------------------------

/// A direct transcription of upstream's list walk for one list of strings, used as the oracle.
fn oracle_list(parent: &[String], child: &[String]) -> Vec<String> {
    let mut out: Vec<String> = parent
        .iter()
        .map(|p| child.iter().rev().find(|c| *c == p).unwrap_or(p).clone())
        .collect();
    out.extend(child.iter().filter(|c| !parent.contains(c)).cloned());
    out
}

/// Upstream's walk over the three lists sharing the path, on (path, mode) pairs.
type Entry = (String, Option<i64>);
fn oracle_nodes(parent: &[Vec<Entry>; 3], child: &[Vec<Entry>; 3]) -> [Vec<Entry>; 3] {
    let mut winner = std::collections::HashMap::new();
    for (l, list) in child.iter().enumerate() {
        for (i, (k, _)) in list.iter().enumerate() {
            winner.insert(k.clone(), (l, i));
        }
    }
    let mut out: [Vec<Entry>; 3] = Default::default();
    for l in 0..3 {
        for (k, mode) in &parent[l] {
            match winner.get(k) {
                Some(&(cl, ci)) if cl == l => out[l].push((k.clone(), child[cl][ci].1.or(*mode))),
                Some(_) => {}
                None => out[l].push((k.clone(), *mode)),
            }
        }
        for (k, mode) in &child[l] {
            if !parent[l].iter().any(|(pk, _)| pk == k) {
                out[l].push((k.clone(), *mode));
            }
        }
    }
    out
}

fn node_entries(c: &Config) -> [Vec<Entry>; 3] {
    [
        c.storage
            .directories
            .iter()
            .map(|d| (d.path.clone(), d.mode))
            .collect(),
        c.storage
            .files
            .iter()
            .map(|f| (f.path.clone(), f.mode))
            .collect(),
        c.storage
            .links
            .iter()
            .map(|l| (l.path.clone(), None))
            .collect(),
    ]
}

fn keys() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(prop::sample::select(vec!["a", "b", "c", "d"]), 0..6)
        .prop_map(|v| v.into_iter().map(str::to_owned).collect())
}

fn small_config() -> impl Strategy<Value = Config> {
    let path = prop::sample::select(vec!["/etc/a", "/etc/b", "/etc/c", "/var/d"]);
    let entry = (
        path,
        0u8..4,
        prop::option::of(0i64..1000),
        prop::option::of(any::<bool>()),
    );
    (
        prop::collection::vec(entry, 0..6),
        keys(),
        prop::collection::vec(prop::sample::select(vec!["u1.service", "u2.service"]), 0..3),
    )
        .prop_map(|(entries, ssh, units)| {
            let mut files = vec![];
            let mut dirs = vec![];
            let mut links = vec![];
            for (path, kind, mode, flag) in entries {
                let mut o = json!({"path": path});
                if let Some(m) = mode {
                    o["mode"] = json!(m);
                }
                if let Some(f) = flag {
                    o["overwrite"] = json!(f);
                }
                match kind {
                    0 => dirs.push(o),
                    1 => links.push(o),
                    _ => {
                        if let Some(m) = mode {
                            o["contents"] = json!({"source": format!("data:,{m}")});
                        }
                        files.push(o)
                    }
                }
            }
            let units: Vec<Value> = units
                .into_iter()
                .enumerate()
                .map(|(i, n)| json!({"name": n, "enabled": i % 2 == 0}))
                .collect();
            cfg(json!({"ignition": {"version": "3.4.0"},
                "storage": {"files": files, "directories": dirs, "links": links},
                "systemd": {"units": units},
                "passwd": {"users": [{"name": "core", "sshAuthorizedKeys": ssh}]}}))
        })
}

proptest! {
    #[test]
    fn string_list_matches_upstream_walk(parent in keys(), child in keys()) {
        let p = cfg(json!({"passwd": {"users": [{"name": "u", "sshAuthorizedKeys": parent}]}}));
        let c = cfg(json!({"passwd": {"users": [{"name": "u", "sshAuthorizedKeys": child}]}}));
        let out = merge(p.clone(), c.clone());
        let expected = oracle_list(
            &p.passwd.users[0].ssh_authorized_keys,
            &c.passwd.users[0].ssh_authorized_keys,
        );
        prop_assert_eq!(&out.passwd.users[0].ssh_authorized_keys, &expected);
    }

    #[test]
    fn nodes_match_upstream_walk(p in small_config(), c in small_config()) {
        let out = merge(p.clone(), c.clone());
        prop_assert_eq!(node_entries(&out), oracle_nodes(&node_entries(&p), &node_entries(&c)));
    }

    #[test]
    fn merge_all_is_the_left_fold(configs in prop::collection::vec(small_config(), 1..6)) {
        let folded = configs.iter().cloned().reduce(merge).unwrap();
        prop_assert_eq!(merge_all(configs).unwrap(), folded);
    }

    #[test]
    fn merging_an_empty_child_is_identity(c in small_config()) {
        prop_assert_eq!(merge(c.clone(), Config::default()), c.clone());
        prop_assert_eq!(merge(Config::default(), c.clone()), c);
    }

    #[test]
    fn merge_is_idempotent_on_valid_configs(c in small_config()) {
        // Configs without duplicate keys merged onto themselves come back unchanged, except that
        // append lists double (none here).
        let mut seen = std::collections::HashSet::new();
        let nodes = c.storage.files.iter().map(|f| f.path.clone())
            .chain(c.storage.directories.iter().map(|d| d.path.clone()))
            .chain(c.storage.links.iter().map(|l| l.path.clone()));
        let mut dup = false;
        for p in nodes { dup |= !seen.insert(p); }
        let mut units = std::collections::HashSet::new();
        for u in &c.systemd.units { dup |= !units.insert(u.name.clone()); }
        let mut keys = std::collections::HashSet::new();
        for k in &c.passwd.users[0].ssh_authorized_keys { dup |= !keys.insert(k.clone()); }
        prop_assume!(!dup);
        prop_assert_eq!(merge(c.clone(), c.clone()), c);
    }
}

// ---------------------------------------------------------------------------------------------
// MergeMachineConfigs
// ---------------------------------------------------------------------------------------------

fn file_cfg(path: &str, source: &str, extra: Value) -> Value {
    let mut f = json!({"path": path, "contents": {"source": source}});
    if let (Some(f), Value::Object(extra)) = (f.as_object_mut(), extra) {
        f.extend(extra);
    }
    json!({"ignition": {"version": "3.4.0"}, "storage": {"files": [f]}})
}

#[test]
fn machine_configs_worker_first_then_own_each_by_name() {
    let configs = [
        mc(
            "99-infra-b",
            "infra",
            json!({"config": file_cfg("/etc/x", "data:,infra-b", json!({}))}),
        ),
        mc(
            "00-infra-a",
            "infra",
            json!({"config": file_cfg("/etc/x", "data:,infra-a", json!({}))}),
        ),
        mc(
            "99-worker",
            "worker",
            json!({"config": file_cfg("/etc/x", "data:,worker-99", json!({}))}),
        ),
        mc(
            "00-worker",
            "worker",
            json!({"config": file_cfg("/etc/x", "data:,worker-00", json!({}))}),
        ),
    ];
    let m = merge_machine_configs(&configs).unwrap();
    assert_eq!(
        m.sources,
        ["00-worker", "99-worker", "00-infra-a", "99-infra-b"]
    );
    // The custom pool's own last config wins over every worker config, even "99-worker".
    assert_eq!(
        m.config.storage.files[0].contents.source.as_deref(),
        Some("data:,infra-b")
    );
}

#[test]
fn machine_configs_overwrite_defaults_to_true() {
    let configs = [
        mc(
            "00-worker",
            "worker",
            json!({"config": file_cfg("/etc/a", "data:,a", json!({}))}),
        ),
        mc(
            "01-worker",
            "worker",
            json!({"config": file_cfg("/etc/b", "data:,b", json!({"overwrite": false}))}),
        ),
    ];
    let m = merge_machine_configs(&configs).unwrap();
    let files = &m.config.storage.files;
    assert_eq!(
        (files[0].overwrite, files[1].overwrite),
        (Some(true), Some(false))
    );
    assert_eq!(
        m.spec.config.as_ref().unwrap()["storage"]["files"][0]["overwrite"],
        true
    );
}

#[test]
fn machine_configs_later_file_resets_compression() {
    // Base: gzip'd contents; a later config replaces the contents without compression: the
    // result must not claim gzip (upstream ignitionMergeSetFilesDefaultCompression).
    let configs = [
        mc(
            "00-worker",
            "worker",
            json!({"config": file_cfg("/etc/a", "data:;base64,H4sI", json!({"contents": {"source": "data:;base64,H4sI", "compression": "gzip"}}))}),
        ),
        mc(
            "01-worker",
            "worker",
            json!({"config": file_cfg("/etc/a", "data:,plain", json!({}))}),
        ),
    ];
    let m = merge_machine_configs(&configs).unwrap();
    assert_eq!(m.config.storage.files[0].contents.compression, None);
    assert_eq!(
        m.config.storage.files[0].contents.source.as_deref(),
        Some("data:,plain")
    );
    // Plain Ignition merge keeps the parent's gzip — the mismatch the operator avoids.
    let plain = merge(
        Config::from_value(configs[0].spec.config.as_ref().unwrap()).unwrap(),
        Config::from_value(configs[1].spec.config.as_ref().unwrap()).unwrap(),
    );
    assert_eq!(
        plain.storage.files[0].contents.compression.as_deref(),
        Some("gzip")
    );
    // A later config that does not touch the file leaves its gzip alone.
    let configs = [
        configs[0].clone(),
        mc(
            "01-worker",
            "worker",
            json!({"config": file_cfg("/etc/b", "data:,b", json!({}))}),
        ),
    ];
    let m = merge_machine_configs(&configs).unwrap();
    assert_eq!(
        m.config.storage.files[0].contents.compression.as_deref(),
        Some("gzip")
    );
    // An explicit "" is cleared once anything was merged, kept on a lone base.
    let base = mc(
        "00-worker",
        "worker",
        json!({"config": file_cfg("/etc/a", "data:,a", json!({"contents": {"source": "data:,a", "compression": ""}}))}),
    );
    let lone = merge_machine_configs(std::slice::from_ref(&base)).unwrap();
    assert_eq!(
        lone.config.storage.files[0].contents.compression.as_deref(),
        Some("")
    );
    let two = merge_machine_configs(&[
        base,
        mc(
            "01-worker",
            "worker",
            json!({"config": {"ignition": {"version": "3.4.0"}}}),
        ),
    ])
    .unwrap();
    assert_eq!(two.config.storage.files[0].contents.compression, None);
}

#[test]
fn machine_config_fields() {
    let configs = [
        mc(
            "00-worker",
            "worker",
            json!({"kernelArguments": ["a=1"], "extensions": ["usbguard"]}),
        ),
        mc(
            "10-worker",
            "worker",
            json!({"kernelArguments": ["b", "a=1"], "kernelType": "realtime", "osImageURL": "img@sha256:1"}),
        ),
        mc(
            "20-worker",
            "worker",
            json!({"fips": true, "kernelType": "default", "osImageURL": ""}),
        ),
    ];
    let m = merge_machine_configs(&configs).unwrap();
    assert_eq!(
        serde_json::to_value(&m.spec).unwrap(),
        json!({
            "osImageURL": "img@sha256:1",
            // No config in the base: an empty 3.4.0 config, then nothing merged.
            "config": {"ignition": {"version": "3.4.0"}},
            "kernelArguments": ["a=1", "b", "a=1"],
            "extensions": ["usbguard"],
            "fips": true,
            "kernelType": "realtime",
        })
    );
    let m = merge_machine_configs(&configs[..1]).unwrap();
    assert_eq!(m.spec.kernel_type.as_deref(), Some("default"));
    assert_eq!(m.spec.fips, Some(false));

    let devel = [
        mc(
            "00-worker",
            "worker",
            json!({"extensions": ["kernel-devel"]}),
        ),
        mc("01-worker", "worker", json!({"kernelType": "64k-pages"})),
    ];
    assert_eq!(
        merge_machine_configs(&devel).unwrap_err().to_string(),
        "installing kernel-devel extension is not supported with kernelType: 64k-pages"
    );
}

#[test]
fn machine_config_errors() {
    assert!(matches!(merge_machine_configs(&[]), Err(MergeError::Empty)));
    let mut unlabelled = mc("x", "worker", json!({}));
    unlabelled.metadata.labels = None;
    assert_eq!(
        merge_machine_configs(&[unlabelled])
            .unwrap_err()
            .to_string(),
        "cannot find label in MachineConfig x"
    );
    // Every config Ignition rejects is reported, in merge order, with Ignition's messages.
    let bad = mc(
        "10-bad",
        "worker",
        json!({"config": {"ignition": {"version": "3.4.0"}, "storage": {"files": [{"path": "/a", "mode": "0644"}]}}}),
    );
    let relative = mc(
        "00-relative",
        "worker",
        json!({"config": {"ignition": {"version": "3.4.0"}, "storage": {"files": [{"path": "a"}]}}}),
    );
    let old = mc(
        "20-old",
        "worker",
        json!({"config": {"ignition": {"version": "3.2.0"}}}),
    );
    let err = merge_machine_configs(&[bad, relative, old]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "MachineConfig 00-relative: spec.config: config is not valid: error at $.storage.files.0.path: path not absolute\n\
         MachineConfig 10-bad: spec.config: config is not valid: error: json: cannot unmarshal string into Go struct field File.storage.files.FileEmbedded1.mode of type int\n\
         MachineConfig 20-old: spec.config: unsupported config version"
    );
}
