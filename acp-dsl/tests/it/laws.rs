//! Algebraic laws as property tests. These double as the replayable checks of the fuzz targets
//! still to be written under `fuzz/` (dslx → validate/compile/match never panic; legacy string
//! parse never panics; compiled == naive).

use acp_dsl::lint::{Lint, lint};
use acp_dsl::wire::DslxTerm;
use acp_dsl::{Dslx, MatchOptions, Request, RuleInput, RuleSet, legacy};
use proptest::prelude::*;

const HOSTS: &[&str] = &[
    "a.com",
    "b.com",
    "x.a.com",
    "y.a.com",
    "a.b.a.com",
    "",
    "A.com",
];
const PATHS: &[&str] = &["/", "/a", "/ab", "/a/b", "/b", "", "/a/", "/abc/d"];
const WORDS: &[&str] = &["1", "2", "v", "", "a.com", "1.1.1.5", "::5", "/a"];

fn pick(v: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(v).prop_map(str::to_owned)
}

fn row_for(kind: &'static str) -> impl Strategy<Value = Vec<String>> {
    let arg: BoxedStrategy<String> = match kind {
        "HOST" => prop_oneof![
            pick(HOSTS),
            pick(&["*.a.com", ".a.com", "*.com", "a.com", "*"])
        ]
        .boxed(),
        "URL" => pick(PATHS).boxed(),
        "METHOD" => pick(&["GET", "POST", "PUT"]).boxed(),
        "SRC_IP" => pick(&["1.1.1.1", "1.1.1.5", "1.1.1.9", "::1", "::5"]).boxed(),
        _ => pick(WORDS).boxed(),
    };
    let ops = if kind == "SRC_IP" {
        vec!["EQ", "IN", "RANGE", "STARTS_WITH"]
    } else {
        vec![
            "EQ",
            "IN",
            "STARTS_WITH",
            "ENDS_WITH",
            "REGEX",
            "EXIST",
            "RANGE",
        ]
    };
    (
        proptest::sample::select(ops),
        proptest::collection::vec(arg, 1..4),
    )
        .prop_map(|(op, args)| {
            let mut r = vec![op.to_string()];
            match op {
                "EXIST" => {}
                "IN" => r.extend(args),
                "RANGE" => {
                    let mut a = args[0].clone();
                    let mut b = args.get(1).cloned().unwrap_or_else(|| a.clone());
                    if acp_dsl::RangeBounds::new(&a, &b).is_reversed() {
                        std::mem::swap(&mut a, &mut b);
                    }
                    r.push(a);
                    r.push(b);
                }
                "REGEX" => r.push(format!("^{}", regex_escape(&args[0]))),
                _ => r.push(args[0].clone()),
            }
            r
        })
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '/' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

fn term() -> impl Strategy<Value = DslxTerm> {
    proptest::sample::select(vec![
        "HOST", "HOST", "URL", "URL", "METHOD", "SRC_IP", "HEADER", "PARAM", "COOKIE",
    ])
    .prop_flat_map(|kind| {
        let key = if matches!(kind, "HEADER" | "PARAM" | "COOKIE") {
            proptest::option::of(pick(&["x-a", "x_a", "X-A", "k"]))
                .prop_map(|k| Some(k.unwrap_or_else(|| "k".into())))
                .boxed()
        } else {
            Just(None).boxed()
        };
        (key, proptest::collection::vec(row_for(kind), 1..3)).prop_map(move |(key, values)| {
            DslxTerm {
                kind: kind.to_string(),
                key,
                values,
            }
        })
    })
}

fn rule() -> impl Strategy<Value = RuleInput> {
    (
        proptest::collection::vec(term(), 1..4),
        proptest::option::of(0i64..3),
        0u8..6,
    )
        .prop_map(|(dslx, prio, n)| RuleInput::new(&format!("r{n}"), prio, dslx))
}

fn request() -> impl Strategy<Value = Request> {
    (
        pick(&["GET", "POST", "PUT"]),
        prop_oneof![pick(HOSTS), pick(&["z.a.com:80", "q.com", "y.a.com."])],
        pick(PATHS),
        proptest::option::of(pick(&["k=1", "k=v", "k", "k=1&k=2", "x-a=2"])),
        proptest::collection::vec((pick(&["X-A", "x_a", "k", "Cookie"]), pick(WORDS)), 0..3),
        pick(&["1.1.1.1", "1.1.1.5", "1.1.1.9", "::1", "::5", ""]),
    )
        .prop_map(|(m, h, p, q, headers, ip)| {
            let target = match q {
                Some(q) => format!("{p}?{q}"),
                None => p,
            };
            let mut r = Request::new(&m, &h, &target).with_remote_addr(&ip);
            for (k, v) in headers {
                let v = if k == "Cookie" { format!("k={v}") } else { v };
                r = r.with_header(&k, &v);
            }
            r
        })
}

proptest! {
    #![proptest_config(crate::support::proptest_config(300))]

    #[test]
    fn compiled_equals_naive(
        rules in proptest::collection::vec(rule(), 0..25),
        with_default in any::<bool>(),
        reqs in proptest::collection::vec(request(), 1..12),
    ) {
        let mut rules = rules;
        if with_default {
            rules.push(RuleInput::frontend_default("ft", vec![]));
        }
        for opts in [MatchOptions::default(), MatchOptions::alb_compat()] {
            let set = RuleSet::compile_with(rules.clone(), opts);
            for r in &reqs {
                let a = set.matching(r).map(|e| e.name().to_owned());
                let b = set.matching_naive(r).map(|e| e.name().to_owned());
                prop_assert_eq!(&a, &b, "request {:?}", r);
                let ex = set.explain(r);
                let tried = set.try_matching(r);
                // explain stops where ALB stops: at the winner, or at a rule that raises.
                let alb = tried.as_ref().ok().and_then(|e| e.map(|e| e.name().to_owned()));
                prop_assert_eq!(ex.winner.map(|p| set.rules()[p].name().to_owned()), alb);
                if let Ok(w) = tried {
                    prop_assert_eq!(w.map(|e| e.name().to_owned()), b);
                }
            }
        }
    }

    #[test]
    fn rules_reported_dead_never_win(
        rules in proptest::collection::vec(rule(), 0..25),
        reqs in proptest::collection::vec(request(), 1..12),
    ) {
        let rules: Vec<RuleInput> = rules
            .into_iter()
            .enumerate()
            .map(|(i, mut r)| {
                r.name = format!("{}-{i}", r.name);
                r
            })
            .collect();
        let set = RuleSet::compile(rules);
        let dead: Vec<String> = lint(&set)
            .into_iter()
            .filter_map(|l| match l {
                Lint::Shadowed { rule, .. } | Lint::AfterCatchAll { rule, .. } => Some(rule),
                _ => None,
            })
            .collect();
        // Paths on the wire always start with '/': the catch-all lint relies on it.
        for r in reqs.iter().filter(|r| r.path().starts_with('/')) {
            if let Some(e) = set.matching_naive(r) {
                prop_assert!(!dead.iter().any(|d| d == e.name()), "{} won: {:?}", e.name(), r);
            }
        }
    }

    #[test]
    fn rules_are_sorted_by_alb_keys(rules in proptest::collection::vec(rule(), 0..25)) {
        let set = RuleSet::compile(rules);
        for w in set.rules().windows(2) {
            prop_assert!(w[0].sort_key() <= w[1].sort_key());
        }
    }

    #[test]
    fn legacy_print_parse_round_trip(dslx in proptest::collection::vec(term(), 1..4)) {
        let s = legacy::print(&dslx);
        prop_assert_eq!(legacy::parse(&s).unwrap(), dslx);
    }

    #[test]
    fn legacy_round_trip_with_arbitrary_tokens(
        args in proptest::collection::vec(".*", 1..4),
        key in ".*",
    ) {
        let dslx = vec![
            DslxTerm { kind: "HEADER".into(), key: Some(key), values: vec![{
                let mut r = vec!["IN".to_string()];
                r.extend(args);
                r
            }] },
            DslxTerm { kind: "URL".into(), key: None, values: vec![vec!["EXIST".into()]] },
        ];
        let s = legacy::print(&dslx);
        prop_assert_eq!(legacy::parse(&s).unwrap(), dslx);
    }

    #[test]
    fn validation_and_matching_never_panic(
        raw in proptest::collection::vec(
            (".{0,8}", proptest::option::of(".{0,4}"),
             proptest::collection::vec(proptest::collection::vec(".{0,6}", 0..4), 0..3)),
            0..4),
        req in request(),
    ) {
        let dslx: Vec<DslxTerm> = raw.into_iter()
            .map(|(kind, key, values)| DslxTerm { kind, key, values })
            .collect();
        let _ = Dslx::from_wire(&dslx);
        let _ = acp_dsl::order::weight(&dslx);
        let _ = acp_dsl::order::internal_dsl_len(&dslx);
        let _ = legacy::parse(&legacy::print(&dslx));
        for opts in [MatchOptions::default(), MatchOptions::alb_compat()] {
            let set = RuleSet::compile_with(vec![RuleInput::new("r", None, dslx.clone())], opts);
            prop_assert_eq!(set.matching(&req).is_some(), set.matching_naive(&req).is_some());
        }
    }

    #[test]
    fn legacy_parse_never_panics(s in "[()\" A-Z_a-z/\\\\]{0,40}") {
        let _ = legacy::parse(&s);
    }

    #[test]
    fn request_construction_never_panics(h in ".{0,12}", t in ".{0,20}", c in ".{0,20}") {
        let r = Request::new("GET", &h, &t).with_header("Cookie", &c);
        let _ = r.src_ip(&MatchOptions::default());
    }
}
