//! Criterion benchmarks: parse + validate of a large Ignition config (5,000 files, 200 units
//! with a drop-in each, 10 SSH keys), with coreos' `ignition-config` crate's parse in the same
//! group as the peer for the parse step.
//!
//! `cargo bench -p acp-ignition --bench parse`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use acp_ignition::types::{Config, Dropin, File, PasswdUser, Resource, Unit};
use acp_ignition::validate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn large_config() -> Config {
    let mut c = Config::new();
    for i in 0..5_000 {
        c.storage.files.push(File {
            path: format!("/etc/acp/dir{}/file{i}.conf", i % 50),
            mode: Some(0o644),
            overwrite: Some(true),
            contents: Resource {
                source: Some(format!("data:,key%3D{i}%0Avalue%3Dsomething%20longer%0A")),
                ..Resource::default()
            },
            ..File::default()
        });
    }
    for i in 0..200 {
        c.systemd.units.push(Unit {
            name: format!("acp-unit-{i}.service"),
            enabled: Some(true),
            contents: Some(format!(
                "[Unit]\nDescription=unit {i}\nAfter=network-online.target\n\n[Service]\n\
                 Type=oneshot\nExecStart=/usr/bin/echo {i}\n\n[Install]\nWantedBy=multi-user.target\n"
            )),
            dropins: vec![Dropin {
                name: "10-env.conf".into(),
                contents: Some(format!("[Service]\nEnvironment=N={i}\n")),
            }],
            ..Unit::default()
        });
    }
    c.passwd.users.push(PasswdUser {
        name: "core".into(),
        ssh_authorized_keys: (0..10)
            .map(|i| format!("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{i:040} user{i}@example.com"))
            .collect(),
        ..PasswdUser::default()
    });
    c
}

fn parse(c: &mut Criterion) {
    let config = large_config();
    let raw = serde_json::to_vec(&config).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&raw).unwrap();
    // Sanity: the input is valid for every contender.
    assert!(validate::parse(&raw).unwrap().report.is_empty());
    assert!(
        ignition_config::Config::parse_slice(&raw)
            .unwrap()
            .1
            .is_empty()
    );

    let mut g = c.benchmark_group("ignition_parse/5000_files_200_units");
    g.throughput(Throughput::Bytes(raw.len() as u64));
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(8));
    g.bench_function("acp_ignition::validate::parse (parse+validate)", |b| {
        b.iter(|| validate::parse(black_box(&raw)).unwrap())
    });
    g.bench_function(
        "acp_ignition::validate::parse_value (validate a spec.config Value)",
        |b| b.iter(|| validate::parse_value(black_box(&value)).unwrap()),
    );
    g.bench_function("acp_ignition::validate::validate (typed config)", |b| {
        b.iter(|| validate::validate(black_box(&config)))
    });
    g.bench_function(
        "serde_json -> acp_ignition::types::Config (parse only)",
        |b| b.iter(|| serde_json::from_slice::<Config>(black_box(&raw)).unwrap()),
    );
    g.bench_function(
        "ignition_config::Config::parse_slice (peer, parse only)",
        |b| b.iter(|| ignition_config::Config::parse_slice(black_box(&raw)).unwrap()),
    );
    g.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
