//! Criterion benchmarks: render (stub until its module lands).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};

fn stub(c: &mut Criterion) {
    c.bench_function("render/stub", |b| b.iter(|| std::hint::black_box(1 + 1)));
}

criterion_group!(benches, stub);
criterion_main!(benches);
