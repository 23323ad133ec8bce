//! Compiled (indexed) matching against the naive linear scan on 10,000 realistic rules, and
//! rule-set compilation (validation, sorting, indexing) at 1k, 10k and 100k rules: the time per
//! rule must stay flat as the set grows (compilation is linear up to the sort's log factor).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use acp_dsl::wire::DslxTerm;
use acp_dsl::{Request, RuleInput, RuleSet};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn term(kind: &str, key: Option<&str>, rows: &[&[&str]]) -> DslxTerm {
    DslxTerm {
        kind: kind.into(),
        key: key.map(Into::into),
        values: rows
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect(),
    }
}

/// Deterministic pseudo-random numbers (SplitMix64), so every run benches the same mix.
struct Mix(u64);
impl Mix {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) % n
    }
}

const HOSTS: usize = 80;
const WILDCARDS: usize = 20;
const PREFIXES: usize = 25;
const HEADER_VARIANTS: usize = 4;

fn host(i: usize) -> String {
    format!("svc-{i}.example.com")
}
fn wildcard(i: usize) -> String {
    format!("*.team-{i}.apps.example.org")
}
fn prefix(j: usize) -> String {
    format!("/api/v{}/resource-{j}", j % 3 + 1)
}

/// 100 host forms × 25 path prefixes × 4 header variants = 10,000 rules.
fn rules() -> Vec<RuleInput> {
    let mut out = Vec::new();
    for h in 0..HOSTS + WILDCARDS {
        let host_term = if h < HOSTS {
            term("HOST", None, &[&["EQ", &host(h)]])
        } else {
            term("HOST", None, &[&["ENDS_WITH", &wildcard(h - HOSTS)]])
        };
        for p in 0..PREFIXES {
            for v in 0..HEADER_VARIANTS {
                let mut dslx = vec![
                    host_term.clone(),
                    term("URL", None, &[&["STARTS_WITH", &prefix(p)]]),
                ];
                match v {
                    0 => dslx.push(term("HEADER", Some("x-canary"), &[&["EQ", "always"]])),
                    1 => dslx.push(term("COOKIE", Some("group"), &[&["IN", "beta", "alpha"]])),
                    2 => dslx.push(term("METHOD", None, &[&["IN", "POST", "PUT"]])),
                    _ => {}
                }
                let name = format!("rule-{h}-{p}-{v}");
                out.push(RuleInput::new(&name, Some(5), dslx));
            }
        }
    }
    out
}

fn requests() -> Vec<Request> {
    let mut m = Mix(42);
    let methods = ["GET", "GET", "GET", "POST", "PUT", "DELETE"];
    (0..512)
        .map(|_| {
            let h = m.next((HOSTS + WILDCARDS + 10) as u64) as usize;
            let hostname = if h < HOSTS {
                host(h)
            } else if h < HOSTS + WILDCARDS {
                format!("node{}.team-{}.apps.example.org", m.next(50), h - HOSTS)
            } else {
                format!("unknown-{h}.example.net")
            };
            let p = m.next(PREFIXES as u64 + 3) as usize;
            let path = if p < PREFIXES {
                format!("{}/items/{}?page={}", prefix(p), m.next(1000), m.next(9))
            } else {
                format!("/static/{}.js", m.next(100))
            };
            let method = methods[m.next(methods.len() as u64) as usize];
            let mut r = Request::new(method, &hostname, &path).with_remote_addr("10.0.0.1");
            if m.next(4) == 0 {
                r = r.with_header("X-Canary", "always");
            }
            if m.next(3) == 0 {
                r = r.with_header("Cookie", "session=abc; group=beta");
            }
            r.with_header("User-Agent", "bench")
                .with_header("Accept", "*/*")
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let set = RuleSet::compile(rules());
    assert_eq!(set.rules().len(), 10_000);
    assert!(set.rejected().is_empty());
    let reqs = requests();
    // Identical answers, and a mix that exercises both hits and misses.
    let mut hits = 0;
    for r in &reqs {
        let a = set.matching(r).map(|e| e.name());
        assert_eq!(a, set.matching_naive(r).map(|e| e.name()));
        hits += usize::from(a.is_some());
    }
    assert!(hits > reqs.len() / 3 && hits < reqs.len());

    let mut g = c.benchmark_group("dslx_match_10k_rules");
    let mut i = 0usize;
    g.bench_function("compiled", |b| {
        b.iter(|| {
            i = (i + 1) % reqs.len();
            black_box(set.matching(black_box(&reqs[i])).is_some())
        })
    });
    let mut j = 0usize;
    g.bench_function("naive", |b| {
        b.iter(|| {
            j = (j + 1) % reqs.len();
            black_box(set.matching_naive(black_box(&reqs[j])).is_some())
        })
    });
    g.finish();
}

/// `n` distinct rules over 1,000 hosts, every tenth with a `REGEX` on the URL.
fn many_rules(n: usize) -> Vec<RuleInput> {
    (0..n)
        .map(|i| {
            let mut dslx = vec![
                term("HOST", None, &[&["EQ", &host(i % 1000)]]),
                term("URL", None, &[&["STARTS_WITH", &prefix(i)]]),
            ];
            if i % 10 == 0 {
                dslx.push(term(
                    "URL",
                    None,
                    &[&["REGEX", "^/api/v[0-9]+/items/[0-9]+$"]],
                ));
            }
            RuleInput::new(&format!("rule-{i}"), Some((i % 7) as i64), dslx)
        })
        .collect()
}

fn bench_compile(c: &mut Criterion) {
    let mut g = c.benchmark_group("dslx_compile");
    g.sample_size(10);
    for n in [1_000, 10_000, 100_000] {
        let rules = many_rules(n);
        assert_eq!(RuleSet::compile(rules.clone()).rules().len(), n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &rules, |b, rules| {
            b.iter(|| black_box(RuleSet::compile(rules.clone()).rules().len()))
        });
    }
    g.finish();
}

criterion_group!(benches, bench, bench_compile);
criterion_main!(benches);
