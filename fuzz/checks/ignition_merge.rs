// Invariants of `acp_ignition::merge` and `acp_ignition::render`, shared by the fuzz target
// `fuzz_targets/ignition_merge.rs` and the stable replay test
// `acp-ignition/tests/fuzz_corpus.rs` (both `include!` this file).
//
// The bytes drive a small generator of Ignition configs whose keys collide often (few paths,
// units, users, headers, kernel arguments; files, directories and links sharing paths), plus,
// when the input is JSON, that config as well. For any input: merging never panics;
// `merge_all` equals the left fold of pairwise `merge`s; merging onto an empty config gives the
// config back; and rendering a pool gives the same `rendered-<pool>-<hash>` (and sources) for
// the MachineConfigs in any order.

/// Panics when an invariant does not hold for `data`.
#[allow(
    clippy::too_many_lines,
    reason = "fuzz harness: one linear decoder of the input bytes"
)]
pub fn check(data: &[u8]) {
    use acp_ignition::merge::{merge, merge_all};
    use acp_ignition::render::render_pool;
    use acp_ignition::types::Config;
    use acp_model::machineconfig::{MachineConfig, MachineConfigPool};
    use serde_json::{Value, json};

    struct Bytes<'a>(&'a [u8], usize);
    impl Bytes<'_> {
        fn next(&mut self) -> u8 {
            let b = self.0.get(self.1).copied().unwrap_or(0);
            self.1 = self.1.saturating_add(1);
            b
        }
        fn pick<'s>(&mut self, from: &[&'s str]) -> &'s str {
            let i = usize::from(self.next()) % from.len().max(1);
            from.get(i).copied().unwrap_or("")
        }
        fn maybe(&mut self) -> bool {
            self.next() % 2 == 0
        }
    }

    const PATHS: &[&str] = &["/etc/a", "/etc/b", "/etc/c/d", "/var/e", "/etc/a/../b"];
    const UNITS: &[&str] = &["a.service", "b.service", "c.timer"];
    const WORDS: &[&str] = &["k1", "k2", "k3", ""];
    const SOURCES: &[&str] = &["data:,x", "data:;base64,eA==", "https://example.com/x", ""];

    fn push_to(v: &mut Value, key: &str, item: Value) {
        if v[key].as_array().is_none() {
            v[key] = json!([]);
        }
        if let Some(a) = v[key].as_array_mut() {
            a.push(item);
        }
    }

    fn resource(b: &mut Bytes<'_>) -> Value {
        let mut r = json!({});
        if b.maybe() {
            r["source"] = json!(b.pick(SOURCES));
        }
        match b.next() % 4 {
            0 => r["compression"] = json!("gzip"),
            1 => r["compression"] = json!(""),
            _ => {}
        }
        let remote = r["source"]
            .as_str()
            .is_some_and(|s| s.starts_with("https:"));
        for _ in 0..if remote { b.next() % 3 } else { 0 } {
            let name = b.pick(&["h1", "h2"]);
            let header = if b.maybe() {
                json!({"name": name, "value": "v"})
            } else {
                json!({"name": name})
            };
            push_to(&mut r, "httpHeaders", header);
        }
        if b.maybe() {
            r["verification"] = json!({"hash": format!("sha256-{}", "0".repeat(64))});
        }
        r
    }

    fn config(b: &mut Bytes<'_>) -> Value {
        let mut c = json!({"ignition": {"version": "3.4.0"}});
        let push = |c: &mut Value, section: &str, list: &str, item: Value| {
            push_to(&mut c[section], list, item);
        };
        for _ in 0..b.next() % 9 {
            match b.next() % 8 {
                0 | 1 => {
                    let mut f = json!({"path": b.pick(PATHS)});
                    if b.maybe() {
                        f["mode"] = json!(i64::from(b.next()) * 3);
                    }
                    if b.maybe() {
                        f["contents"] = resource(b);
                    }
                    if b.maybe() {
                        // Ignition: overwrite needs a source.
                        let has_source = f["contents"]["source"].is_string();
                        f["overwrite"] = json!(has_source && b.maybe());
                    }
                    if b.next() % 4 == 0 {
                        f["append"] = json!([resource(b)]);
                    }
                    if b.maybe() {
                        f["user"] = json!({"name": b.pick(WORDS)});
                    }
                    push(&mut c, "storage", "files", f);
                }
                2 => {
                    let d = json!({"path": b.pick(PATHS), "mode": 493});
                    push(&mut c, "storage", "directories", d);
                }
                3 => {
                    let l =
                        json!({"path": b.pick(PATHS), "target": b.pick(PATHS), "hard": b.maybe()});
                    push(&mut c, "storage", "links", l);
                }
                4 => {
                    let mut u = json!({"name": b.pick(UNITS)});
                    if b.maybe() {
                        u["enabled"] = json!(b.maybe());
                    }
                    if b.maybe() {
                        u["mask"] = json!(b.maybe());
                    }
                    if b.maybe() {
                        u["contents"] = json!(b.pick(WORDS));
                    }
                    for _ in 0..b.next() % 3 {
                        let d = json!({"name": b.pick(&["10-a.conf", "20-b.conf"]), "contents": b.pick(WORDS)});
                        push_to(&mut u, "dropins", d);
                    }
                    push(&mut c, "systemd", "units", u);
                }
                5 => {
                    let keys: Vec<&str> = (0..b.next() % 4).map(|_| b.pick(WORDS)).collect();
                    let u = json!({"name": b.pick(&["core", "other"]), "sshAuthorizedKeys": keys,
                        "groups": [b.pick(WORDS)]});
                    push(&mut c, "passwd", "users", u);
                }
                6 => {
                    let list = if b.maybe() {
                        "shouldExist"
                    } else {
                        "shouldNotExist"
                    };
                    push(&mut c, "kernelArguments", list, json!(b.pick(WORDS)));
                }
                _ => {
                    let part = if b.maybe() {
                        json!({"number": i64::from(b.next() % 3), "sizeMiB": i64::from(b.next())})
                    } else {
                        json!({"label": b.pick(WORDS)})
                    };
                    let d =
                        json!({"device": b.pick(&["/dev/sda", "/dev/sdb"]), "partitions": [part]});
                    push(&mut c, "storage", "disks", d);
                    let fs = json!({"device": b.pick(&["/dev/sda", "/dev/sdb"]), "options": [b.pick(WORDS)]});
                    push(&mut c, "storage", "filesystems", fs);
                }
            }
        }
        c
    }

    let mut b = Bytes(data, 0);
    let count = 1 + usize::from(b.next() % 5);
    let mut values: Vec<Value> = (0..count).map(|_| config(&mut b)).collect();
    if let Ok(v) = serde_json::from_slice::<Value>(data) {
        values.push(v);
    }
    let configs: Vec<Config> = values
        .iter()
        .filter_map(|v| Config::from_value(v).ok())
        .collect();

    // Merge laws.
    if let Some(all) = merge_all(configs.clone()) {
        let folded = configs.iter().cloned().reduce(merge);
        assert_eq!(
            Some(&all),
            folded.as_ref(),
            "merge_all differs from the pairwise fold"
        );
        let _ = all.to_value();
    }
    for c in &configs {
        assert_eq!(
            &merge(Config::default(), c.clone()),
            c,
            "empty parent changed the config"
        );
    }

    // Render order independence, over all configs (some may be rejected: then every order
    // must fail alike) and over the ones Ignition accepts (so rendering succeeds).
    let valid: Vec<Value> = values
        .iter()
        .filter(|v| acp_ignition::validate::parse_value(v).is_ok())
        .cloned()
        .collect();
    for set in [&values, &valid] {
        render_in_orders(set);
    }

    fn render_in_orders(values: &[Value]) {
        let roles = ["worker", "infra"];
        let mcs: Vec<MachineConfig> = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let role = roles.get(i % 2).copied().unwrap_or("worker");
                serde_json::from_value(json!({
                    "apiVersion": "machineconfiguration.alauda.io/v1alpha1",
                    "kind": "MachineConfig",
                    "metadata": {"name": format!("{:02}-{role}-{}", (i * 37) % 100, i),
                                 "labels": {"machineconfiguration.alauda.io/role": role}},
                    "spec": {"config": v, "kernelArguments": [format!("a{i}")]},
                }))
                .ok()
            })
            .collect();
        let Ok(pool) = serde_json::from_value::<MachineConfigPool>(json!({
            "apiVersion": "machineconfiguration.alauda.io/v1alpha1",
            "kind": "MachineConfigPool",
            "metadata": {"name": "infra"},
            "spec": {"machineConfigSelector": {"matchLabels": {"machineconfiguration.alauda.io/role": "infra"}}},
        })) else {
            return;
        };
        let first = render_pool(&pool, &mcs);
        let mut reversed = mcs.clone();
        reversed.reverse();
        let mut rotated = mcs.clone();
        let by = 1.min(rotated.len());
        rotated.rotate_left(by);
        for other in [reversed, rotated] {
            let again = render_pool(&pool, &other);
            match (&first, &again) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a.name, b.name, "rendered name depends on input order");
                    assert_eq!(a.sources, b.sources);
                    assert_eq!(a.config, b.config);
                }
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                _ => panic!("render succeeded for one order and failed for another"),
            }
        }
    }
}
