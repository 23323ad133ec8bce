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

use crate::ast::{Cond, Dslx, RangeBounds, Target, Term, parse_v4, parse_v6};
use crate::request::{MatchOptions, Request};

/// What a term sees in the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// Not present.
    Absent,
    /// A string value.
    Str(&'a str),
    /// Present, but not a string in ALB's Lua (a repeated or value-less query parameter under
    /// [`MatchOptions::alb_compat`]): only `EXIST` holds.
    Opaque,
}

impl Value<'_> {
    /// A printable form for explanations.
    pub fn describe(&self) -> String {
        match self {
            Value::Absent => "absent".to_owned(),
            Value::Str(s) => format!("{s:?}"),
            Value::Opaque => "present (not a single string)".to_owned(),
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
                Some((_, v)) => {
                    // DEVIATION: a repeated or value-less query parameter is its first value (`""`
                    // for `?flag`); in ALB's Lua only `EXIST` holds on it (kept under alb_compat).
                    if opts.alb_compat && (v.is_none() || found.next().is_some()) {
                        Value::Opaque
                    } else {
                        Value::Str(v.as_deref().unwrap_or(""))
                    }
                }
            }
        }
        Target::Cookie(k) => {
            let n = k.to_ascii_lowercase();
            match req.cookies.iter().find(|(c, _)| *c == n) {
                Some((_, v)) => Value::Str(v),
                None => Value::Absent,
            }
        }
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

/// Whether one row holds for a value.
pub fn eval_cond(cond: &Cond, value: Value<'_>, opts: &MatchOptions) -> bool {
    let s = match value {
        Value::Absent => return false,
        Value::Opaque => return matches!(cond, Cond::Exist),
        Value::Str(s) => s,
    };
    match cond {
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
    }
}

/// Whether a term holds (any row).
pub fn eval_term(term: &Term, req: &Request, opts: &MatchOptions) -> bool {
    let v = lookup(&term.target, req, opts);
    term.rows.iter().any(|c| eval_cond(c, v, opts))
}

/// Whether the whole `dslx` holds (every term).
pub fn matches(dslx: &Dslx, req: &Request, opts: &MatchOptions) -> bool {
    !dslx.terms.is_empty() && dslx.terms.iter().all(|t| eval_term(t, req, opts))
}

/// The index of the first term that fails, or `None` when the `dslx` matches.
pub fn first_failing_term(dslx: &Dslx, req: &Request, opts: &MatchOptions) -> Option<usize> {
    dslx.terms.iter().position(|t| !eval_term(t, req, opts))
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
