//! Criterion benchmarks: rendering a worker pool of 200 MachineConfigs holding 5,000 files
//! (the bar: under 50 ms), against a naive baseline that folds the configs with pairwise
//! Ignition merges (re-walking the whole accumulated config at every step).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::hint::black_box;

use acp_ignition::merge::{merge, merge_all};
use acp_ignition::render::render_pool;
use acp_ignition::types::Config;
use acp_model::machineconfig::{MachineConfig, MachineConfigPool};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use serde_json::json;

const CONFIGS: usize = 200;
const FILES_PER_CONFIG: usize = 25;

fn pool() -> MachineConfigPool {
    serde_json::from_value(json!({
        "apiVersion": "machineconfiguration.alauda.io/v1alpha1",
        "kind": "MachineConfigPool",
        "metadata": {"name": "worker"},
        "spec": {
            "machineConfigSelector": {"matchLabels": {"machineconfiguration.alauda.io/role": "worker"}},
            "nodeSelector": {"matchLabels": {"node-role.kubernetes.io/worker": ""}}
        }
    }))
    .unwrap()
}

/// 200 worker MachineConfigs, 25 files each (5,000 files); every tenth file overrides a file of
/// the previous config, and every config carries a unit with a drop-in and an SSH key.
fn configs() -> Vec<MachineConfig> {
    (0..CONFIGS)
        .map(|c| {
            let files: Vec<_> = (0..FILES_PER_CONFIG)
                .map(|f| {
                    let path = if f % 10 == 9 && c > 0 {
                        // A file the previous config wrote itself (f - 1 is not overriding).
                        format!("/etc/acp/{:03}/file-{:02}.conf", c - 1, f - 1)
                    } else {
                        format!("/etc/acp/{c:03}/file-{f:02}.conf")
                    };
                    json!({
                        "path": path,
                        "mode": 420,
                        "contents": {"source": format!(
                            "data:,server%200.centos.pool.ntp.org%20iburst%0A%23%20{c:03}-{f:02}%0A")}
                    })
                })
                .collect();
            serde_json::from_value(json!({
                "apiVersion": "machineconfiguration.alauda.io/v1alpha1",
                "kind": "MachineConfig",
                "metadata": {
                    "name": format!("{c:03}-worker"),
                    "labels": {"machineconfiguration.alauda.io/role": "worker"}
                },
                "spec": {
                    "kernelArguments": [format!("acp.bench={c}")],
                    "config": {
                        "ignition": {"version": "3.4.0"},
                        "storage": {"files": files},
                        "systemd": {"units": [{"name": format!("acp-{c}.service"), "enabled": true,
                            "contents": "[Unit]\nDescription=bench\n[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n",
                            "dropins": [{"name": "10-env.conf", "contents": "[Service]\nEnvironment=A=1\n"}]}]},
                        "passwd": {"users": [{"name": "core", "sshAuthorizedKeys": [format!("ssh-ed25519 AAAA{c}")]}]}
                    }
                }
            }))
            .unwrap()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let pool = pool();
    let configs = configs();
    let typed: Vec<Config> = configs
        .iter()
        .map(|mc| Config::try_from(mc).unwrap())
        .collect();
    let rendered = render_pool(&pool, &configs).unwrap();
    assert_eq!(rendered.sources.len(), CONFIGS);
    // 5,000 files less the overriding ones (every tenth after the first config).
    assert_eq!(
        rendered.config.storage.files.len(),
        CONFIGS * FILES_PER_CONFIG - (CONFIGS - 1) * (FILES_PER_CONFIG / 10)
    );

    let mut g = c.benchmark_group("render/pool-200-configs-5000-files");
    g.sample_size(20);
    g.bench_function("acp-ignition render_pool", |b| {
        b.iter(|| render_pool(black_box(&pool), black_box(&configs)).unwrap())
    });
    g.bench_function("acp-ignition merge_all (typed configs)", |b| {
        b.iter_batched(
            || typed.clone(),
            |t| merge_all(t).unwrap(),
            BatchSize::LargeInput,
        )
    });
    g.bench_function("naive fold of pairwise merges (typed configs)", |b| {
        b.iter_batched(
            || typed.clone(),
            |t| t.into_iter().reduce(merge).unwrap(),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
