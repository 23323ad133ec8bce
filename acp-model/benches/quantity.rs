//! Criterion benchmarks: `acp_model::quantity::Quantity` against `kube_quantity::ParsedQuantity`
//! on typical resource strings. Each group runs both crates on the same corpus.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use acp_model::quantity::Quantity;
use criterion::{Criterion, criterion_group, criterion_main};
use kube_quantity::ParsedQuantity;

/// Typical cpu and memory requests/limits.
const CORPUS: &[&str] = &[
    "100m", "250m", "500m", "1", "2", "0.5", "4", "1500m", "128Mi", "256Mi", "512Mi", "1Gi",
    "1.5Gi", "2Gi", "512M", "2Ti", "1e3", "100k", "64Ki", "10G",
];

fn ours() -> Vec<Quantity> {
    CORPUS.iter().map(|s| s.parse().unwrap()).collect()
}

fn theirs() -> Vec<ParsedQuantity> {
    CORPUS
        .iter()
        .map(|s| ParsedQuantity::try_from(*s).unwrap())
        .collect()
}

fn bench(c: &mut Criterion) {
    let (qs, ks) = (ours(), theirs());

    let mut g = c.benchmark_group("parse");
    g.bench_function("acp-model", |b| {
        b.iter(|| {
            for s in CORPUS {
                black_box(black_box(*s).parse::<Quantity>().unwrap());
            }
        })
    });
    g.bench_function("kube_quantity", |b| {
        b.iter(|| {
            for s in CORPUS {
                black_box(ParsedQuantity::try_from(black_box(*s)).unwrap());
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("print");
    g.bench_function("acp-model", |b| {
        b.iter(|| {
            for q in &qs {
                black_box(black_box(q).to_string());
            }
        })
    });
    g.bench_function("kube_quantity", |b| {
        b.iter(|| {
            for q in &ks {
                black_box(black_box(q).to_string());
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("parse+print");
    g.bench_function("acp-model", |b| {
        b.iter(|| {
            for s in CORPUS {
                black_box(black_box(*s).parse::<Quantity>().unwrap().to_string());
            }
        })
    });
    g.bench_function("kube_quantity", |b| {
        b.iter(|| {
            for s in CORPUS {
                black_box(ParsedQuantity::try_from(black_box(*s)).unwrap().to_string());
            }
        })
    });
    g.finish();

    // Sum the whole corpus (mixed formats, as in a total of requests).
    let mut g = c.benchmark_group("add");
    g.bench_function("acp-model", |b| {
        b.iter(|| {
            let mut acc = Quantity::ZERO;
            for q in black_box(&qs) {
                acc += q;
            }
            black_box(acc)
        })
    });
    g.bench_function("kube_quantity", |b| {
        b.iter(|| {
            let mut acc = ks[0].clone() - ks[0].clone();
            for q in black_box(&ks) {
                acc += q.clone();
            }
            black_box(acc)
        })
    });
    g.finish();

    let mut g = c.benchmark_group("cmp");
    g.bench_function("acp-model", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for a in black_box(&qs) {
                for x in &qs {
                    n += usize::from(a < x);
                }
            }
            black_box(n)
        })
    });
    g.bench_function("kube_quantity", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for a in black_box(&ks) {
                for x in &ks {
                    n += usize::from(a < x);
                }
            }
            black_box(n)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
