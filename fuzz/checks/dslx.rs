// Invariants of the ALB dslx engine, shared by the fuzz target `fuzz_targets/dslx.rs` and the
// stable replay test `acp-dsl/tests/fuzz_corpus.rs` (both `include!` this file).
//
// The input drives a small decoder that picks rule sets and requests from a vocabulary close to
// the hot spots (wildcard hosts, URL prefixes, IP ranges, header-name spellings), and its tail is
// fed as text to the legacy `dsl` parser. For any input, in both the documented and the
// ALB-compatible mode: validation, compilation, matching and `explain` never panic, and the
// compiled index answers exactly like the naive linear scan. A legacy string that parses prints
// back to text that parses to the same terms.

/// Panics when an invariant does not hold for `data`.
#[allow(
    clippy::too_many_lines,
    reason = "fuzz harness: one linear decoder of the input bytes"
)]
pub fn check(data: &[u8]) {
    use acp_dsl::wire::DslxTerm;
    use acp_dsl::{MatchOptions, Request, RuleInput, RuleSet, legacy};

    struct Bytes<'a>(&'a [u8]);
    impl Bytes<'_> {
        fn byte(&mut self) -> u8 {
            match self.0.split_first() {
                Some((b, rest)) => {
                    self.0 = rest;
                    *b
                }
                None => 0,
            }
        }
        fn pick<'v>(&mut self, v: &[&'v str]) -> &'v str {
            v[usize::from(self.byte()) % v.len()]
        }
    }

    const TYPES: &[&str] = &[
        "HOST", "URL", "SRC_IP", "METHOD", "HEADER", "PARAM", "COOKIE", "host", "BODY",
    ];
    const OPS: &[&str] = &[
        "EQ",
        "IN",
        "STARTS_WITH",
        "ENDS_WITH",
        "REGEX",
        "EXIST",
        "RANGE",
        "eq",
        "NOPE",
    ];
    const KEYS: &[&str] = &["x-a", "X-A", "x_a", "uid", "group", ""];
    const ARGS: &[&str] = &[
        "a.com",
        "*.a.com",
        ".a.com",
        "x.a.com",
        "A.COM",
        "*",
        "",
        "/",
        "/a",
        "/ab",
        "/a/b",
        "^/a.*",
        "(",
        "(?=x)",
        "1.1.1.1",
        "1.1.1.100",
        "1.1.1.50",
        "::1",
        "::ffff:1.1.1.5",
        "1:0:5::",
        "2:0:3::",
        "GET",
        "POST",
        "vip",
        "east-1",
        "1",
        "v",
    ];
    const HOSTS: &[&str] = &[
        "a.com",
        "x.a.com",
        "y.x.a.com",
        "A.com:8080",
        "[::1]:80",
        "a.com.",
        "",
        "b.com",
    ];
    const TARGETS: &[&str] = &[
        "/",
        "/a",
        "/ab?group=vip",
        "/a/b?x-a=1&x-a=2",
        "/b?flag",
        "",
        "/app-a/x?group=vip",
    ];
    const IPS: &[&str] = &[
        "1.1.1.1",
        "1.1.1.50",
        "1.1.1.101",
        "::1",
        "1:0:9::",
        "",
        "not-an-ip",
    ];

    let mut b = Bytes(data);
    let n_rules = usize::from(b.byte() % 6);
    let mut rules = Vec::with_capacity(n_rules + 1);
    for i in 0..n_rules {
        let mut dslx = Vec::new();
        for _ in 0..=(b.byte() % 3) {
            let kind = b.pick(TYPES).to_owned();
            let key = matches!(kind.as_str(), "HEADER" | "PARAM" | "COOKIE" | "host")
                .then(|| b.pick(KEYS).to_owned());
            let mut values = Vec::new();
            for _ in 0..(b.byte() % 3) {
                let mut row = vec![b.pick(OPS).to_owned()];
                for _ in 0..(b.byte() % 3) {
                    row.push(b.pick(ARGS).to_owned());
                }
                values.push(row);
            }
            dslx.push(DslxTerm { kind, key, values });
        }
        let priority = match b.byte() % 4 {
            0 => None,
            p => Some(i64::from(p)),
        };
        rules.push(RuleInput::new(&format!("r{i}"), priority, dslx));
    }
    if b.byte() % 2 == 0 {
        rules.push(RuleInput::frontend_default("ft", Vec::new()));
    }
    let mut requests = Vec::new();
    for _ in 0..3 {
        let mut r = Request::new(
            b.pick(&["GET", "POST", "get"]),
            b.pick(HOSTS),
            b.pick(TARGETS),
        )
        .with_remote_addr(b.pick(IPS));
        for _ in 0..(b.byte() % 3) {
            let name = b.pick(&[
                "X-A",
                "x_a",
                "uid",
                "Cookie",
                "X-Real-IP",
                "X-Forwarded-For",
            ]);
            let value = match name {
                "Cookie" => "uid=1; group=vip",
                "X-Real-IP" | "X-Forwarded-For" => b.pick(IPS),
                _ => b.pick(ARGS),
            };
            r = r.with_header(name, value);
        }
        requests.push(r);
    }
    for options in [MatchOptions::default(), MatchOptions::alb_compat()] {
        let set = RuleSet::compile_with(rules.clone(), options);
        for req in &requests {
            let compiled = set.matching(req).map(|e| e.name().to_owned());
            let naive = set.matching_naive(req).map(|e| e.name().to_owned());
            assert_eq!(compiled, naive, "compiled and naive disagree");
            let _ = set.explain(req).to_string();
        }
    }

    let text = String::from_utf8_lossy(b.0);
    if let Ok(terms) = legacy::parse(&text) {
        let printed = legacy::print(&terms);
        assert_eq!(
            legacy::parse(&printed).ok(),
            Some(terms),
            "legacy print/parse: {printed}"
        );
    }
}
