//! Evaluation of a [`Dslx`] against a [`Request`], straight from the semantics (the naive
//! oracle the compiled [`crate::RuleSet`] is tested against).
//!
//! Semantics (alauda/alb `template/nginx/lua/match_engine/operation.lua`, one function per
//! operator; `ctx/var_proxy.lua` for the lookups):
//!
//! * `EQ` / `IN`: exact string equality.
//! * `STARTS_WITH`: plain byte prefix.
//! * `ENDS_WITH p`: ALB's wildcard-host suffix. With `s` = `p` without a leading `*`, the value
//!   must end with `s` and the part before `s` must be non-empty and contain no `.`: so
//!   `*.app.com` (and the ACP documentation's `.app.com`) match `a.app.com` but neither `app.com` nor
//!   `x.a.app.com` (ALB `_M.ENDS_WITH`).
//! * `REGEX`: unanchored search (`ngx.re.match`).
//! * `EXIST`: the value is present; an empty value counts.
//! * `RANGE lo hi`: inclusive; when the value is an IPv4 address, numerically against IPv4
//!   bounds (non-IPv4 bounds never match); likewise IPv6 (128-bit, correctly); otherwise
//!   byte-wise string order (ALB `range`).
//! * A missing value (absent header, parameter or cookie) matches nothing but never `EXIST`.
//!
//! Under [`MatchOptions::alb_compat`] a repeated or value-less query parameter is what ALB's Lua
//! sees there ([`Value::Flag`], [`Value::Table`]), and evaluation can end in
//! [`Outcome::Error`]: ALB raises a Lua error and the client gets a 500.

use crate::ast::{Cond, Dslx, RangeBounds, Target, Term, parse_v4, parse_v6};
use crate::request::{MatchOptions, Request};

/// What a term sees in the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// Not present.
    Absent,
    /// A string value.
    Str(&'a str),
    /// A query parameter given without `=` (`?flag`) under [`MatchOptions::alb_compat`]: Lua's
    /// `true`.
    Flag,
    /// A repeated query parameter under [`MatchOptions::alb_compat`]: a Lua table holding this
    /// many values.
    Table(usize),
}

/// What evaluating a `dslx` (or one term, or one row) against a request gives.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// It holds.
    Match,
    /// It does not hold.
    NoMatch,
    /// ALB raises a Lua error (only under [`MatchOptions::alb_compat`]): request handling stops
    /// and the client gets a 500. The message is Lua's.
    Error(String),
}

/// The string Lua's `tostring` gives for a table. The address is unknowable (it changes from
/// request to request); this one has the form LuaJIT prints.
// DEVIATION: a fixed address stands for the table's real one, which ALB's REGEX sees.
pub const LUA_TABLE_TOSTRING: &str = "table: 0x7f0a2b3c4d50";

// Lua's messages for the two raising operations (alauda/alb `operation.lua` STARTS_WITH and
// ENDS_WITH on a non-string; LuaJIT 2.1 in nginx 1.22.1 with lua-nginx-module).
const LUA_LEN_OF_BOOLEAN: &str = "attempt to get length of local 'matcher' (a boolean value)";
const LUA_SUB_OF_TABLE: &str = "bad argument #1 to 'string_sub' (string expected, got table)";

impl Value<'_> {
    /// A printable form for explanations.
    pub fn describe(&self) -> String {
        match self {
            Value::Absent => "absent".to_owned(),
            Value::Str(s) => format!("{s:?}"),
            Value::Flag => "present without a value (Lua true)".to_owned(),
            Value::Table(n) => format!("repeated {n} times (a Lua table)"),
        }
    }
}

/// The value a target takes in a request.
pub fn lookup<'r>(target: &Target, req: &'r Request, opts: &MatchOptions) -> Value<'r> {
    match target {
        Target::Host => Value::Str(&req.host),
        Target::Url => Value::Str(&req.path),
        Target::Method => Value::Str(&req.method),
        Target::SrcIp => Value::Str(req.src_ip(opts)),
        Target::Header(k) => {
            // ALB looks up `$http_<key>`; nginx maps `-` in header names to `_`, never the
            // key, so a key containing `-` never matches in ALB.
            // DEVIATION: header keys match case-insensitively with `-` and `_` equivalent; ALB
            // looks up `$http_X-Canary`, which never matches (kept under alb_compat).
            if opts.alb_compat && k.contains('-') {
                return Value::Absent;
            }
            let n = crate::request::normalize_header_name(k);
            match req.header_normalized(&n) {
                Some(v) => Value::Str(v),
                None => Value::Absent,
            }
        }
        Target::Param(k) => {
            let mut found = req.params.iter().filter(|(n, _)| n == k);
            match found.next() {
                None => Value::Absent,
                // DEVIATION: outside alb_compat a repeated or value-less query parameter is its
                // first value (`""` for `?flag`); ALB's Lua sees a table or `true`.
                Some((_, v)) if !opts.alb_compat => Value::Str(v.as_deref().unwrap_or("")),
                Some((_, v)) => match found.count() {
                    0 => v.as_deref().map_or(Value::Flag, Value::Str),
                    more => Value::Table(more + 1),
                },
            }
        }
        Target::Cookie(k) => req.cookie(k).map_or(Value::Absent, Value::Str),
    }
}

/// `ENDS_WITH` as documented (see the module docs).
pub fn ends_with_wildcard(value: &str, pattern: &str) -> bool {
    let s = pattern.strip_prefix('*').unwrap_or(pattern).as_bytes();
    let v = value.as_bytes();
    v.len() > s.len() && v.ends_with(s) && !v[..v.len() - s.len()].contains(&b'.')
}

/// `ENDS_WITH` exactly as ALB's Lua computes it: the first character of the pattern is dropped
/// whatever it is, and the character just before the suffix is never checked.
pub fn ends_with_alb(value: &str, pattern: &str) -> bool {
    let v = value.as_bytes();
    let p = pattern.as_bytes();
    if v.len() < p.len() {
        return false;
    }
    match p.len() {
        // string.sub(m, 1) == "" and no dot in the whole value.
        0 => v.is_empty(),
        // string.sub(m, -0) is the whole value, compared with "": never (the value is longer).
        1 => false,
        n => v.ends_with(&p[1..]) && !v[..v.len() - n].contains(&b'.'),
    }
}

fn range_alb_v6(lo: u128, m: u128, hi: u128) -> bool {
    for i in (0..4).rev() {
        let s = (lo >> (32 * i)) as u32;
        let x = (m >> (32 * i)) as u32;
        let e = (hi >> (32 * i)) as u32;
        if s < x && x < e {
            return true;
        } else if s > x || x > e {
            return false;
        }
    }
    true
}

/// `RANGE`, documented semantics or ALB's (IPv6 word-by-word comparison bug).
// DEVIATION: IPv6 ranges compare 128-bit numbers; ALB compares 32-bit words and returns early (kept
// under alb_compat).
pub fn in_range(value: &str, r: &RangeBounds, alb_compat: bool) -> bool {
    if let Some(m) = parse_v4(value) {
        return r.v4().is_some_and(|(lo, hi)| lo <= m && m <= hi);
    }
    if let Some(m) = parse_v6(value) {
        return r.v6().is_some_and(|(lo, hi)| {
            if alb_compat {
                range_alb_v6(lo, m, hi)
            } else {
                lo <= m && m <= hi
            }
        });
    }
    r.lo() <= value && value <= r.hi()
}

/// Whether one row holds for a value (an [`Outcome::Error`] counts as not holding).
pub fn eval_cond(cond: &Cond, value: Value<'_>, opts: &MatchOptions) -> bool {
    eval_cond_outcome(cond, value, opts) == Outcome::Match
}

fn bool_outcome(b: bool) -> Outcome {
    if b { Outcome::Match } else { Outcome::NoMatch }
}

/// What one row gives for a value.
///
/// Strings give [`Outcome::Match`] or [`Outcome::NoMatch`]. ALB's Lua values for repeated or
/// value-less parameters ([`Value::Flag`], [`Value::Table`]): `EXIST` holds; `EQ`, `IN` and
/// `RANGE` do not; `REGEX` searches Lua's `tostring` of the value (`true`, or
/// [`LUA_TABLE_TOSTRING`]); `STARTS_WITH` and `ENDS_WITH` raise a Lua error, except on a table
/// with fewer values than the pattern has bytes, which does not match.
pub fn eval_cond_outcome(cond: &Cond, value: Value<'_>, opts: &MatchOptions) -> Outcome {
    let s = match value {
        Value::Absent => return Outcome::NoMatch,
        Value::Str(s) => s,
        Value::Flag | Value::Table(_) => return eval_lua_non_string(cond, value),
    };
    bool_outcome(match cond {
        Cond::Eq(v) => s == v,
        Cond::In(vs) => vs.iter().any(|v| v == s),
        Cond::StartsWith(p) => s.starts_with(p.as_str()),
        // DEVIATION: `ENDS_WITH` is a one-label wildcard; ALB drops the pattern's first character
        // whatever it is and never checks the character before the suffix (kept under alb_compat).
        Cond::EndsWith(p) => {
            if opts.alb_compat {
                ends_with_alb(s, p)
            } else {
                ends_with_wildcard(s, p)
            }
        }
        Cond::Regex(p) => p.is_match(s),
        Cond::Exist => true,
        Cond::Range(r) => in_range(s, r, opts.alb_compat),
    })
}

/// ALB's operators on a Lua `true` or table (alauda/alb `operation.lua`).
fn eval_lua_non_string(cond: &Cond, value: Value<'_>) -> Outcome {
    match cond {
        Cond::Exist => Outcome::Match,
        Cond::Eq(_) | Cond::In(_) | Cond::Range(_) => Outcome::NoMatch,
        Cond::StartsWith(p) | Cond::EndsWith(p) => match value {
            // `#matcher < #pattern` is checked before the string operations.
            Value::Table(n) if n < p.len() => Outcome::NoMatch,
            Value::Table(_) => Outcome::Error(LUA_SUB_OF_TABLE.to_owned()),
            _ => Outcome::Error(LUA_LEN_OF_BOOLEAN.to_owned()),
        },
        Cond::Regex(p) => bool_outcome(p.is_match(match value {
            Value::Table(_) => LUA_TABLE_TOSTRING,
            _ => "true",
        })),
    }
}

/// What a term gives: its rows in order, the first that matches or raises decides.
pub fn eval_term_outcome(term: &Term, req: &Request, opts: &MatchOptions) -> Outcome {
    let v = lookup(term.target(), req, opts);
    for c in term.rows() {
        match eval_cond_outcome(c, v, opts) {
            Outcome::NoMatch => {}
            decided => return decided,
        }
    }
    Outcome::NoMatch
}

/// Whether a term holds (any row; an [`Outcome::Error`] counts as not holding).
pub fn eval_term(term: &Term, req: &Request, opts: &MatchOptions) -> bool {
    eval_term_outcome(term, req, opts) == Outcome::Match
}

/// What the whole `dslx` gives: its terms in order, the first that does not match decides (ALB
/// stops there, so a later term that would raise is never evaluated). A [`Dslx`] always has a
/// term.
pub fn evaluate(dslx: &Dslx, req: &Request, opts: &MatchOptions) -> Outcome {
    for t in dslx.terms() {
        match eval_term_outcome(t, req, opts) {
            Outcome::Match => {}
            decided => return decided,
        }
    }
    Outcome::Match
}

/// Whether the whole `dslx` holds (every term; an [`Outcome::Error`] counts as not holding).
pub fn matches(dslx: &Dslx, req: &Request, opts: &MatchOptions) -> bool {
    evaluate(dslx, req, opts) == Outcome::Match
}

/// The index of the first term that does not match (or raises), or `None` when the `dslx`
/// matches.
pub fn first_failing_term(dslx: &Dslx, req: &Request, opts: &MatchOptions) -> Option<usize> {
    dslx.terms()
        .iter()
        .position(|t| eval_term_outcome(t, req, opts) != Outcome::Match)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_with_is_a_single_label_wildcard() {
        for (v, p, want, alb) in [
            ("a.app.com", "*.app.com", true, true),
            ("ab.app.com", "*.app.com", true, true),
            ("app.com", "*.app.com", false, false),
            (".app.com", "*.app.com", false, false),
            ("x.a.app.com", "*.app.com", false, false),
            ("a.app.com", ".app.com", true, true),
            // ALB drops the pattern's first character whatever it is.
            ("xapp.com", ".app.com", false, true),
            ("myapp.com", ".app.com", false, true),
            // ALB never checks the character just before the suffix.
            ("a..app.com", "*.app.com", false, true),
            ("/a/b.css", ".css", true, true),
            ("/a.b/c.css", ".css", false, false),
            ("", "", false, true),
            ("a", "*", true, false),
        ] {
            assert_eq!(ends_with_wildcard(v, p), want, "{v} {p}");
            assert_eq!(ends_with_alb(v, p), alb, "alb {v} {p}");
        }
    }

    #[test]
    fn ranges() {
        let r = RangeBounds::new("1.1.1.1", "1.1.1.100");
        assert!(in_range("1.1.1.1", &r, false));
        assert!(in_range("1.1.1.100", &r, false));
        assert!(in_range("1.1.1.50", &r, false));
        assert!(!in_range("1.1.1.101", &r, false));
        assert!(!in_range("1.1.1.0", &r, false));
        // string order would say "1.1.1.9" > "1.1.1.100": numeric order is used.
        assert!(in_range("1.1.1.9", &r, false));
        assert!(!in_range("::1", &r, false));
        assert!(!in_range("abc", &r, false));
        let s = RangeBounds::new("b", "d");
        assert!(in_range("c", &s, false));
        assert!(in_range("bzz", &s, false));
        assert!(!in_range("1.1.1.1", &s, false));
        // ALB's IPv6 comparison: word 0 equal to the start and below the end, word 1 above the
        // end's word 1 → ALB says no, the address is inside.
        let v6 = RangeBounds::new("1:0:5::", "2:0:3::");
        assert!(in_range("1:0:9::", &v6, false));
        assert!(!in_range("1:0:9::", &v6, true));
        assert!(in_range("[1:0:9::]", &v6, false));
        assert!(!in_range("3::", &v6, false));
        assert!(!in_range("3::", &v6, true));
    }

    fn dslx(json: &str) -> Dslx {
        let wire: Vec<crate::wire::DslxTerm> = serde_json::from_str(json).unwrap();
        Dslx::from_wire(&wire).unwrap()
    }

    // Boundaries of ALB's `ENDS_WITH` and of the documented wildcard (operation.lua ENDS_WITH).
    #[test]
    fn ends_with_length_boundaries() {
        // Value as long as the pattern: ALB compares; the wildcard needs a non-empty label.
        assert!(ends_with_alb("xa", ".a"));
        assert!(!ends_with_alb("x", ".a"));
        assert!(!ends_with_wildcard("x", "*x"));
        assert!(ends_with_wildcard("ax", "*x"));
        assert!(!ends_with_wildcard("a.x", "*x"));
        assert!(!ends_with_alb("ab", "a"));
        assert!(!ends_with_alb("b.xa", ".a"));
    }

    // ALB's IPv6 `range`: 32-bit words from the most significant, first decisive word wins.
    #[test]
    fn range_ipv6_words_as_alb_compares_them() {
        let r = RangeBounds::new("1:0:5::", "2:0:3::");
        // Word 0 equal to both bounds' words is undecided; a later word decides.
        let same = RangeBounds::new("1:0:5::", "1:0:9::");
        assert!(in_range("1:0:7::", &same, true));
        assert!(in_range("1:0:5::", &same, true));
        assert!(in_range("1:0:9::", &same, true));
        assert!(!in_range("1:0:9::1", &same, true));
        assert!(!in_range("1:0:4:ffff::", &same, true));
        // The lowest word decides last.
        let low = RangeBounds::new("::1:0:5", "::1:0:9");
        assert!(in_range("::1:0:6", &low, true));
        assert!(!in_range("::1:0:a", &low, true));
        assert!(!in_range("::1:0:4", &low, true));
        // Where ALB and 128-bit order agree and disagree (ALB's outcomes from its Lua in nginx
        // 1.22.1, alauda/alb 314b8a69): even the bounds themselves fall outside in ALB here.
        for (m, alb, exact) in [
            ("1:8000:ffff:ffff::", true, true),
            ("1:ffff::", true, true),
            ("1:0:9::", false, true),
            ("2:0:2::", false, true),
            ("1:0:5::", false, true),
            ("2:0:3::", false, true),
            ("1:0:4::", false, false),
            ("::", false, false),
        ] {
            assert_eq!(in_range(m, &r, true), alb, "alb {m}");
            assert_eq!(in_range(m, &r, false), exact, "{m}");
        }
        // IPv6 value, IPv4 bounds: no match either way.
        let v4 = RangeBounds::new("1.1.1.1", "1.1.1.9");
        assert!(!in_range("::1", &v4, true));
    }

    #[test]
    fn lua_values_per_operator() {
        let compat = MatchOptions::alb_compat();
        let row = |j: &str| dslx(&format!(r#"[{{"type":"PARAM","key":"a","values":[{j}]}}]"#));
        let flag = Request::new("GET", "h", "/?a");
        let two = Request::new("GET", "h", "/?a=1&a=2");
        let cases: [(&str, &Request, Outcome); 12] = [
            (r#"["EXIST"]"#, &flag, Outcome::Match),
            (r#"["EXIST"]"#, &two, Outcome::Match),
            (r#"["EQ","1"]"#, &two, Outcome::NoMatch),
            (r#"["IN","1","2"]"#, &two, Outcome::NoMatch),
            (r#"["RANGE","0","9"]"#, &two, Outcome::NoMatch),
            (r#"["REGEX","^true$"]"#, &flag, Outcome::Match),
            (r#"["REGEX","^table: 0x"]"#, &two, Outcome::Match),
            (r#"["REGEX","^true$"]"#, &two, Outcome::NoMatch),
            (r#"["STARTS_WITH","abc"]"#, &two, Outcome::NoMatch),
            (r#"["ENDS_WITH","abc"]"#, &two, Outcome::NoMatch),
            (
                r#"["STARTS_WITH","ab"]"#,
                &two,
                Outcome::Error(LUA_SUB_OF_TABLE.into()),
            ),
            (
                r#"["ENDS_WITH","abc"]"#,
                &flag,
                Outcome::Error(LUA_LEN_OF_BOOLEAN.into()),
            ),
        ];
        for (j, req, want) in cases {
            assert_eq!(evaluate(&row(j), req, &compat), want, "{j}");
            // The default mode reads the first value: never an error.
            assert_ne!(
                evaluate(&row(j), req, &MatchOptions::default()),
                Outcome::Error(String::new())
            );
        }
        assert_eq!(
            evaluate(
                &row(r#"["STARTS_WITH","1"]"#),
                &two,
                &MatchOptions::default()
            ),
            Outcome::Match
        );
        // Rows in order: a raising row stops the term, an earlier match wins.
        let d = row(r#"["EQ","x"],["STARTS_WITH","/"],["EXIST"]"#);
        assert_eq!(
            evaluate(&d, &flag, &compat),
            Outcome::Error(LUA_LEN_OF_BOOLEAN.into())
        );
        assert!(!matches(&d, &flag, &compat));
        assert_eq!(first_failing_term(&d, &flag, &compat), Some(0));
        let d = row(r#"["REGEX","^true$"],["STARTS_WITH","/"]"#);
        assert_eq!(evaluate(&d, &flag, &compat), Outcome::Match);
        assert!(eval_term(&d.terms()[0], &flag, &compat));
        assert!(!eval_term(&d.terms()[0], &two, &compat));
        // Terms in order: a term that does not match stops evaluation before a raising one.
        let d = dslx(
            r#"[{"type":"URL","values":[["EQ","/x"]]},
                {"type":"PARAM","key":"a","values":[["STARTS_WITH","/"]]}]"#,
        );
        assert_eq!(evaluate(&d, &flag, &compat), Outcome::NoMatch);
        let at_x = Request::new("GET", "h", "/x?a");
        assert_eq!(
            evaluate(&d, &at_x, &compat),
            Outcome::Error(LUA_LEN_OF_BOOLEAN.into())
        );
        assert_eq!(first_failing_term(&d, &at_x, &compat), Some(1));
        assert_eq!(first_failing_term(&d, &flag, &compat), Some(0));
        assert_eq!(
            first_failing_term(&d, &Request::new("GET", "h", "/x?a=/"), &compat),
            None
        );
        assert!(!eval_cond(&d.terms()[1].rows()[0], Value::Flag, &compat));
        assert!(eval_cond(
            &d.terms()[1].rows()[0],
            Value::Str("/b"),
            &compat
        ));
    }

    #[test]
    fn values_describe_themselves() {
        assert_eq!(Value::Absent.describe(), "absent");
        assert_eq!(Value::Str("a").describe(), "\"a\"");
        assert_eq!(Value::Flag.describe(), "present without a value (Lua true)");
        assert_eq!(Value::Table(3).describe(), "repeated 3 times (a Lua table)");
    }

    #[test]
    fn lookups_per_target() {
        let compat = MatchOptions::alb_compat();
        let r = Request::new("PUT", "A.com:80", "/p?k=v")
            .with_header("X-Canary", "on")
            .with_header("Cookie", "uid=7")
            .with_remote_addr("9.9.9.9");
        let look = |t: Target, o: &MatchOptions| lookup(&t, &r, o);
        let d = MatchOptions::default();
        assert_eq!(look(Target::Host, &d), Value::Str("a.com"));
        assert_eq!(look(Target::Url, &d), Value::Str("/p"));
        assert_eq!(look(Target::Method, &d), Value::Str("PUT"));
        assert_eq!(look(Target::SrcIp, &d), Value::Str("9.9.9.9"));
        assert_eq!(
            look(Target::Header("x_canary".into()), &d),
            Value::Str("on")
        );
        assert_eq!(
            look(Target::Header("X-Canary".into()), &d),
            Value::Str("on")
        );
        assert_eq!(
            look(Target::Header("X-Canary".into()), &compat),
            Value::Absent
        );
        assert_eq!(
            look(Target::Header("x_canary".into()), &compat),
            Value::Str("on")
        );
        assert_eq!(look(Target::Header("y".into()), &d), Value::Absent);
        assert_eq!(look(Target::Param("k".into()), &compat), Value::Str("v"));
        assert_eq!(look(Target::Param("j".into()), &compat), Value::Absent);
        assert_eq!(look(Target::Cookie("UID".into()), &compat), Value::Str("7"));
    }
}
