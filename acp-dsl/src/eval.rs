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
//!   `*.app.com` (and the seed's `.app.com`) match `a.app.com` but neither `app.com` nor
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
pub fn in_range(value: &str, r: &RangeBounds, alb_compat: bool) -> bool {
    if let Some(m) = parse_v4(value) {
        return r.v4.is_some_and(|(lo, hi)| lo <= m && m <= hi);
    }
    if let Some(m) = parse_v6(value) {
        return r.v6.is_some_and(|(lo, hi)| {
            if alb_compat {
                range_alb_v6(lo, m, hi)
            } else {
                lo <= m && m <= hi
            }
        });
    }
    r.lo.as_str() <= value && value <= r.hi.as_str()
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
    let v = lookup(&term.target, req, opts);
    for c in &term.rows {
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
/// stops there, so a later term that would raise is never evaluated). No terms: no match.
pub fn evaluate(dslx: &Dslx, req: &Request, opts: &MatchOptions) -> Outcome {
    if dslx.terms.is_empty() {
        return Outcome::NoMatch;
    }
    for t in &dslx.terms {
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
    dslx.terms
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
}
