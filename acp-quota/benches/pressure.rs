//! Criterion benchmarks of node pressure: ranking pods for eviction and simulating an
//! eviction episode.
//!
//! `cargo bench -p acp-quota --bench pressure`
//!
//! * `pressure/rank_1000`: 1,000 pods ranked for memory pressure. `acp-quota` is
//!   [`acp_quota::pressure::rank_memory_pressure`] (each pod's key computed once); `naive`
//!   sorts with [`acp_quota::pressure::compare`], which recomputes both pods' keys (usage −
//!   request, exact quantity arithmetic) inside every comparison, as upstream's comparator
//!   functions do.
//! * `pressure/simulate_250`: a 250-pod node with 200Mi free under a hard
//!   `memory.available<30Gi` threshold with a 512Mi minimum reclaim, stepped until the pressure
//!   clears (45 evictions, one per 10s cycle). `acp-quota` is [`acp_quota::pressure::simulate`] (the full eviction manager
//!   cycle, each ranking computed once, the node's stats updated incrementally); `naive`
//!   re-ranks every surviving pod from scratch and re-sums every pod's usage at each step.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::hint::black_box;

use acp_quota::pressure::{
    EvictionSettings, NodeStats, PodUsage, RankBy, SimulationOptions, compare,
    parse_threshold_config, rank_memory_pressure, simulate,
};
use criterion::{Criterion, criterion_group, criterion_main};

const MI: u64 = 1 << 20;

/// `n` pods with a spread of priorities, requests and working sets (a fixed sequence).
fn pods(n: usize) -> Vec<PodUsage> {
    let mut x: u64 = 0x2026_1208;
    let mut next = move || {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        x >> 33
    };
    (0..n)
        .map(|i| {
            let request = format!("{}Mi", (next() % 16) * 64);
            let ws = (next() % 1024 + 32) * MI;
            let priority = i32::try_from(next() % 5).unwrap() * 100 - 200;
            PodUsage::memory(&format!("pod-{i}"), priority, &request, ws)
        })
        .collect()
}

fn bench_rank(c: &mut Criterion) {
    let pods = pods(1000);
    let mut g = c.benchmark_group("pressure/rank_1000");
    g.bench_function("acp-quota", |b| {
        b.iter(|| rank_memory_pressure(black_box(&pods)))
    });
    g.bench_function("naive", |b| {
        b.iter(|| {
            let mut order: Vec<usize> = (0..pods.len()).collect();
            order.sort_by(|&i, &j| compare(&pods[i], &pods[j], RankBy::Memory).then(i.cmp(&j)));
            black_box(order)
        });
    });
    g.finish();
}

fn bench_simulate(c: &mut Criterion) {
    let pods = pods(250);
    let config = parse_threshold_config(
        &EvictionSettings::none()
            .with_eviction_hard("memory.available<30Gi")
            .unwrap()
            .with_eviction_minimum_reclaim("memory.available=512Mi")
            .unwrap(),
    )
    .unwrap();
    let used: u64 = pods
        .iter()
        .map(|p| p.stats.as_ref().unwrap().memory_working_set)
        .sum::<u64>()
        + 4096 * MI;
    // Capacity leaves 200Mi free; 30.5Gi must be freed (about a fifth of the pods).
    let capacity = used + 200 * MI;
    let stats = NodeStats::memory(capacity, used);
    let want = 30 * 1024 * MI + 512 * MI; // threshold + minimum reclaim
    let mut g = c.benchmark_group("pressure/simulate_250");
    let sim = simulate(&config, &stats, &pods, &SimulationOptions::default());
    let evictions = sim.evictions().count();
    assert_eq!(evictions, 45);
    g.bench_function("acp-quota", |b| {
        b.iter(|| {
            simulate(
                black_box(&config),
                black_box(&stats),
                black_box(&pods),
                &SimulationOptions::default(),
            )
        });
    });
    g.bench_function("naive", |b| {
        b.iter(|| {
            let mut alive: Vec<usize> = (0..pods.len()).collect();
            let mut evicted = Vec::new();
            loop {
                let in_use: u64 = 4096 * MI
                    + alive
                        .iter()
                        .map(|&i| pods[i].stats.as_ref().unwrap().memory_working_set)
                        .sum::<u64>();
                let threshold = if evicted.is_empty() {
                    30 * 1024 * MI
                } else {
                    want
                };
                if capacity - in_use >= threshold || alive.is_empty() {
                    break;
                }
                alive.sort_by(|&i, &j| compare(&pods[i], &pods[j], RankBy::Memory).then(i.cmp(&j)));
                evicted.push(alive.remove(0));
            }
            assert_eq!(evicted.len(), evictions);
            black_box(evicted)
        });
    });
    g.finish();
}

criterion_group!(benches, bench_rank, bench_simulate);
criterion_main!(benches);
