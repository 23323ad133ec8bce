//! The typed `dslx` AST and its validation: the checked form of a list of [`DslxTerm`]s, built by
//! a `Rule`'s validation and evaluated by crate `acp-dsl`.
//!
//! A `dslx` is a list of terms; the terms are ANDed, the rows inside one term are ORed, and each
//! row is `[OP, arg...]`. [`Dslx::from_wire`] turns the
// seed 001:1168-1215
//! wire list into a [`Dslx`] or returns *every* problem with its field path; ALB itself silently
//! skips such rules or evaluates them to `false` (alauda/alb `utils/dsl.go` `DSLX2Internal`,
//! `template/nginx/lua/match_engine/operation.lua`).
//!
//! A [`Dslx`] is only built by [`Dslx::from_wire`] (or [`TryFrom`]), so holding one means the
//! list passed every check: at least one term, every term with at least one row.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use super::dslx_term::DslxTerm;
use crate::validation::{BadValue, ErrorList, FieldError, FieldPath, echo};

/// The seven term types, in the order ALB documents them.
pub const TYPES: [&str; 7] = [
    "HOST", "URL", "SRC_IP", "METHOD", "HEADER", "PARAM", "COOKIE",
];

/// The seven operators (alauda/alb `utils/consts.go`).
pub const OPS: [&str; 7] = [
    "EQ",
    "IN",
    "STARTS_WITH",
    "ENDS_WITH",
    "REGEX",
    "EXIST",
    "RANGE",
];

/// What a term looks at in the request.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// `HOST`: the lower-cased host without `:port`.
    Host,
    /// `URL`: the path without the query string.
    Url,
    /// `SRC_IP`: the client address (which headers are trusted is `acp-dsl`'s `MatchOptions`).
    SrcIp,
    /// `METHOD`: the request method, exactly as sent.
    Method,
    /// `HEADER <key>`: a request header, name compared case-insensitively.
    Header(String),
    /// `PARAM <key>`: a query parameter, name compared case-sensitively.
    Param(String),
    /// `COOKIE <key>`: a cookie, name compared case-insensitively.
    Cookie(String),
}

impl Target {
    /// The wire `type` (`HOST`, `HEADER`, …).
    pub fn type_name(&self) -> &'static str {
        match self {
            Target::Host => "HOST",
            Target::Url => "URL",
            Target::SrcIp => "SRC_IP",
            Target::Method => "METHOD",
            Target::Header(_) => "HEADER",
            Target::Param(_) => "PARAM",
            Target::Cookie(_) => "COOKIE",
        }
    }

    /// The wire `key`, for `HEADER`, `PARAM` and `COOKIE`.
    pub fn key(&self) -> Option<&str> {
        match self {
            Target::Header(k) | Target::Param(k) | Target::Cookie(k) => Some(k),
            _ => None,
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.key() {
            Some(k) => write!(f, "{} {k}", self.type_name()),
            None => f.write_str(self.type_name()),
        }
    }
}

/// A compiled `REGEX` argument: the source text and the `regex` crate program.
///
/// Equality compares the source text.
#[derive(Clone, Debug)]
pub struct Pattern {
    source: String,
    regex: regex::Regex,
}

/// The longest `REGEX` argument accepted, in bytes; a longer one is refused before compiling.
pub const MAX_PATTERN_LEN: usize = 8 * 1024;

/// The most heap a compiled `REGEX` program may use, in bytes (the `regex` crate's
/// `RegexBuilder::size_limit`); a pattern that compiles larger (`a{1000}{1000}`) is refused.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// The most heap the lazy DFA of one `REGEX` may cache, in bytes (the `regex` crate's
/// `RegexBuilder::dfa_size_limit`). Matching stays linear in the subject beyond it, only slower.
pub const REGEX_DFA_SIZE_LIMIT: usize = 1 << 20;

/// Why a `REGEX` argument is refused. `Display` is short whatever the pattern's size.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PatternError {
    /// Longer than [`MAX_PATTERN_LEN`].
    #[error("may not be more than {max} bytes (the pattern has {len})", max = MAX_PATTERN_LEN)]
    TooLong {
        /// The pattern's length in bytes.
        len: usize,
    },
    /// Look-around or back-references, which only PCRE supports.
    #[error(
        "PCRE-only syntax (look-around or back-references) is not supported: the regex crate \
         matches in linear time"
    )]
    PcreOnly,
    /// The compiled program would exceed [`REGEX_SIZE_LIMIT`].
    #[error("the compiled regular expression exceeds the size limit of {limit} bytes", limit = REGEX_SIZE_LIMIT)]
    TooBig,
    /// Not a regular expression.
    #[error("invalid regular expression: {message}")]
    Syntax {
        /// What the `regex` crate reports (its last line, shortened as
        /// [`crate::validation::echo`] does).
        message: String,
    },
}

impl Pattern {
    // DEVIATION: REGEX uses the linear-time `regex` crate; PCRE-only syntax (look-around,
    // back-references) is a validation error. ALB uses PCRE.
    // DEVIATION: patterns longer than MAX_PATTERN_LEN or compiling beyond REGEX_SIZE_LIMIT are
    // refused; PCRE in ALB has no such limits.
    /// Compiles a pattern with the limits [`MAX_PATTERN_LEN`], [`REGEX_SIZE_LIMIT`] and
    /// [`REGEX_DFA_SIZE_LIMIT`], refusing PCRE-only syntax with a message that says so.
    ///
    /// ```
    /// use acp_model::alb::dslx::{Pattern, PatternError};
    /// assert!(Pattern::new("^/api/v[0-9]+").is_ok());
    /// let huge = "a".repeat(1 << 20);
    /// assert_eq!(Pattern::new(&huge).unwrap_err(), PatternError::TooLong { len: 1 << 20 });
    /// assert_eq!(Pattern::new("(?=a)").unwrap_err(), PatternError::PcreOnly);
    /// ```
    pub fn new(source: &str) -> Result<Pattern, PatternError> {
        if source.len() > MAX_PATTERN_LEN {
            return Err(PatternError::TooLong { len: source.len() });
        }
        match regex::RegexBuilder::new(source)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_DFA_SIZE_LIMIT)
            .build()
        {
            Ok(regex) => Ok(Pattern {
                source: source.to_owned(),
                regex,
            }),
            Err(regex::Error::CompiledTooBig(_)) => Err(PatternError::TooBig),
            Err(e) => {
                let text = e.to_string();
                if text.contains("look-around") || text.contains("backreference") {
                    Err(PatternError::PcreOnly)
                } else {
                    // The regex crate prints a multi-line diagnostic; keep its last line.
                    let last = text
                        .lines()
                        .rev()
                        .find(|l| !l.trim().is_empty())
                        .unwrap_or("invalid regular expression")
                        .trim();
                    Err(PatternError::Syntax {
                        message: echo(last).into_owned(),
                    })
                }
            }
        }
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Unanchored search, as `ngx.re.match(subject, regex, "jo")` does.
    pub fn is_match(&self, s: &str) -> bool {
        self.regex.is_match(s)
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}
impl Eq for Pattern {}

/// The bounds of a `RANGE` row, pre-parsed as IPv4 and IPv6 where they are addresses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RangeBounds {
    lo: String,
    hi: String,
    v4: Option<(u32, u32)>,
    v6: Option<(u128, u128)>,
}

/// Parses an IPv4 address as `inet_pton(AF_INET)` does (dotted quad, no leading zeros).
pub fn parse_v4(s: &str) -> Option<u32> {
    s.parse::<Ipv4Addr>().ok().map(u32::from)
}

/// Parses an IPv6 address, with optional surrounding brackets (alauda/alb
/// `template/nginx/lua/utils/ip.lua` `parse_ipv6`).
pub fn parse_v6(s: &str) -> Option<u128> {
    let inner = s
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(s);
    inner.parse::<Ipv6Addr>().ok().map(u128::from)
}

impl RangeBounds {
    /// Bounds from the two arguments.
    pub fn new(lo: &str, hi: &str) -> RangeBounds {
        let v4 = match (parse_v4(lo), parse_v4(hi)) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        };
        let v6 = match (parse_v6(lo), parse_v6(hi)) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        };
        RangeBounds {
            lo: lo.to_owned(),
            hi: hi.to_owned(),
            v4,
            v6,
        }
    }

    /// Lower bound as written.
    pub fn lo(&self) -> &str {
        &self.lo
    }

    /// Upper bound as written.
    pub fn hi(&self) -> &str {
        &self.hi
    }

    /// Both bounds as IPv4 addresses ([`parse_v4`]), when both are.
    pub fn v4(&self) -> Option<(u32, u32)> {
        self.v4
    }

    /// Both bounds as IPv6 addresses ([`parse_v6`]), when both are.
    pub fn v6(&self) -> Option<(u128, u128)> {
        self.v6
    }

    /// Whether the range is reversed (start after end), comparing as addresses when both bounds
    /// are addresses of one family, as strings otherwise.
    pub fn is_reversed(&self) -> bool {
        if let Some((a, b)) = self.v4 {
            a > b
        } else if let Some((a, b)) = self.v6 {
            a > b
        } else {
            self.lo > self.hi
        }
    }
}

/// One row of a term: an operator with its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cond {
    /// `[EQ, v]`: the value equals `v`.
    Eq(String),
    /// `[IN, v1, v2, …]`: the value equals one of them.
    In(Vec<String>),
    /// `[STARTS_WITH, p]`: plain byte prefix (`/foo` matches `/foobar`).
    StartsWith(String),
    /// `[ENDS_WITH, *.suffix]`: ALB's wildcard-host match (evaluated by `acp-dsl`'s `eval`).
    EndsWith(String),
    /// `[REGEX, re]`: unanchored search.
    Regex(Pattern),
    /// `[EXIST]`: the value is present (an empty value counts).
    Exist,
    /// `[RANGE, lo, hi]`: inclusive, numeric for IPv4/IPv6, by bytes otherwise.
    Range(RangeBounds),
}

impl Cond {
    /// The operator name (`EQ`, …).
    pub fn op_name(&self) -> &'static str {
        match self {
            Cond::Eq(_) => "EQ",
            Cond::In(_) => "IN",
            Cond::StartsWith(_) => "STARTS_WITH",
            Cond::EndsWith(_) => "ENDS_WITH",
            Cond::Regex(_) => "REGEX",
            Cond::Exist => "EXIST",
            Cond::Range(_) => "RANGE",
        }
    }

    /// The arguments, as on the wire (without the operator).
    pub fn args(&self) -> Vec<String> {
        match self {
            Cond::Eq(v) | Cond::StartsWith(v) | Cond::EndsWith(v) => vec![v.clone()],
            Cond::In(vs) => vs.clone(),
            Cond::Regex(p) => vec![p.as_str().to_owned()],
            Cond::Exist => Vec::new(),
            Cond::Range(r) => vec![r.lo.clone(), r.hi.clone()],
        }
    }

    /// The wire row `[OP, arg...]`.
    pub fn to_row(&self) -> Vec<String> {
        let mut row = vec![self.op_name().to_owned()];
        row.extend(self.args());
        row
    }
}

/// One term of a [`Dslx`]: a target and its ORed rows, never empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    target: Target,
    rows: Vec<Cond>,
}

impl Term {
    /// What the term looks at.
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// The rows; the term holds when any row holds. Never empty.
    pub fn rows(&self) -> &[Cond] {
        &self.rows
    }

    /// The wire form.
    pub fn to_wire(&self) -> DslxTerm {
        DslxTerm {
            kind: self.target.type_name().to_owned(),
            key: self.target.key().map(str::to_owned),
            values: self.rows.iter().map(Cond::to_row).collect(),
        }
    }
}

/// A validated `dslx`: ANDed terms, never empty.
///
/// Built only by [`Dslx::from_wire`], [`Dslx::from_wire_at`] or `Dslx::try_from(&[DslxTerm])`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dslx {
    terms: Vec<Term>,
}

impl Dslx {
    /// The terms, in wire order. Never empty.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// Parses and validates a wire `dslx`, reporting problems under `spec.dslx`.
    ///
    /// ```
    /// use acp_model::alb::{DslxTerm, dslx::Dslx};
    /// let bad = vec![DslxTerm { kind: "HEADER".into(), key: None, values: vec![vec!["FOO".into()]] }];
    /// let errs = Dslx::from_wire(&bad).unwrap_err();
    /// assert_eq!(errs.to_string(), "[spec.dslx[0].key: Required value: HEADER needs a key, \
    /// spec.dslx[0].values[0][0]: Unsupported value: \"FOO\": supported values: \"EQ\", \"IN\", \
    /// \"STARTS_WITH\", \"ENDS_WITH\", \"REGEX\", \"EXIST\", \"RANGE\"]");
    /// ```
    pub fn from_wire(terms: &[DslxTerm]) -> Result<Dslx, ErrorList> {
        Dslx::from_wire_at(terms, &FieldPath::new("spec").child("dslx"))
    }

    /// As [`Dslx::from_wire`], with problems reported under `path`.
    pub fn from_wire_at(terms: &[DslxTerm], path: &FieldPath) -> Result<Dslx, ErrorList> {
        let mut errs = ErrorList::new();
        if terms.is_empty() {
            errs.push(FieldError::required(
                path,
                "at least one term is required (ALB never matches a rule without dslx)",
            ));
        }
        let mut out = Vec::with_capacity(terms.len());
        for (i, t) in terms.iter().enumerate() {
            if let Some(term) = parse_term(t, &path.index(i), &mut errs) {
                out.push(term);
            }
        }
        if errs.is_empty() {
            Ok(Dslx { terms: out })
        } else {
            Err(errs)
        }
    }

    /// The wire form.
    pub fn to_wire(&self) -> Vec<DslxTerm> {
        self.terms.iter().map(Term::to_wire).collect()
    }
}

impl TryFrom<&[DslxTerm]> for Dslx {
    type Error = ErrorList;

    /// As [`Dslx::from_wire`].
    fn try_from(terms: &[DslxTerm]) -> Result<Dslx, ErrorList> {
        Dslx::from_wire(terms)
    }
}

/// Every problem of a wire `dslx`, under `path` (empty when valid).
pub fn validate_dslx(terms: &[DslxTerm], path: &FieldPath) -> ErrorList {
    match Dslx::from_wire_at(terms, path) {
        Ok(_) => ErrorList::new(),
        Err(e) => e,
    }
}

fn row_json(row: &[String]) -> BadValue {
    BadValue::Json(serde_json::Value::Array(
        row.iter()
            .map(|s| serde_json::Value::String(s.clone()))
            .collect(),
    ))
}

fn parse_term(t: &DslxTerm, path: &FieldPath, errs: &mut ErrorList) -> Option<Term> {
    let before = errs.len();
    let key = t.key.as_deref().filter(|k| !k.is_empty());
    let keyed = matches!(t.kind.as_str(), "HEADER" | "PARAM" | "COOKIE");
    let target = match t.kind.as_str() {
        "HOST" => Some(Target::Host),
        "URL" => Some(Target::Url),
        "SRC_IP" => Some(Target::SrcIp),
        "METHOD" => Some(Target::Method),
        "HEADER" | "PARAM" | "COOKIE" => match key {
            None => {
                errs.push(FieldError::required(
                    &path.child("key"),
                    format!("{} needs a key", t.kind),
                ));
                None
            }
            Some(k) => Some(match t.kind.as_str() {
                "HEADER" => Target::Header(k.to_owned()),
                "PARAM" => Target::Param(k.to_owned()),
                _ => Target::Cookie(k.to_owned()),
            }),
        },
        other => {
            errs.push(FieldError::not_supported(
                &path.child("type"),
                other,
                &TYPES,
            ));
            None
        }
    };
    if !keyed
        && TYPES.contains(&t.kind.as_str())
        && let Some(k) = key
    {
        errs.push(FieldError::invalid(
            &path.child("key"),
            k,
            format!(
                "{} takes no key (ALB would pass it as an argument and never match)",
                t.kind
            ),
        ));
    }
    let vpath = path.child("values");
    if t.values.is_empty() {
        errs.push(FieldError::required(&vpath, "at least one row is required"));
    }
    let is_src_ip = t.kind == "SRC_IP";
    let mut rows = Vec::with_capacity(t.values.len());
    for (j, row) in t.values.iter().enumerate() {
        if let Some(c) = parse_row(row, &vpath.index(j), is_src_ip, errs) {
            rows.push(c);
        }
    }
    if errs.len() == before {
        target.map(|target| Term { target, rows })
    } else {
        None
    }
}

fn arity_error(path: &FieldPath, row: &[String], op: &str, want: &str) -> FieldError {
    FieldError::invalid(
        path,
        row_json(row),
        format!("{op} takes {want}, got {}", row.len().saturating_sub(1)),
    )
}

fn parse_row(
    row: &[String],
    path: &FieldPath,
    is_src_ip: bool,
    errs: &mut ErrorList,
) -> Option<Cond> {
    let Some(op) = row.first() else {
        errs.push(FieldError::required(path, "a row needs an operator"));
        return None;
    };
    let args = &row[1..];
    let before = errs.len();
    let one = |errs: &mut ErrorList| -> Option<String> {
        if args.len() == 1 {
            Some(args[0].clone())
        } else {
            errs.push(arity_error(path, row, op, "exactly 1 argument"));
            None
        }
    };
    let cond = match op.as_str() {
        "EQ" => one(errs).map(Cond::Eq),
        "STARTS_WITH" => one(errs).map(Cond::StartsWith),
        "ENDS_WITH" => one(errs).map(Cond::EndsWith),
        "REGEX" => one(errs).and_then(|re| match Pattern::new(&re) {
            Ok(p) => Some(Cond::Regex(p)),
            Err(PatternError::TooLong { .. }) => {
                errs.push(FieldError::too_long(&path.index(1), MAX_PATTERN_LEN));
                None
            }
            Err(e) => {
                errs.push(FieldError::invalid(
                    &path.index(1),
                    re.as_str(),
                    e.to_string(),
                ));
                None
            }
        }),
        "IN" => {
            if args.is_empty() {
                errs.push(arity_error(path, row, op, "at least 1 argument"));
                None
            } else {
                Some(Cond::In(args.to_vec()))
            }
        }
        "EXIST" => {
            if args.is_empty() {
                Some(Cond::Exist)
            } else {
                errs.push(arity_error(path, row, op, "no argument"));
                None
            }
        }
        "RANGE" => {
            if args.len() == 2 {
                let r = RangeBounds::new(&args[0], &args[1]);
                if is_src_ip {
                    for (k, a) in args.iter().enumerate() {
                        if parse_v4(a).is_none() && parse_v6(a).is_none() {
                            errs.push(FieldError::invalid(
                                &path.index(k + 1),
                                a.as_str(),
                                "must be a valid IPv4 or IPv6 address",
                            ));
                        }
                    }
                    if errs.len() == before && r.v4.is_none() && r.v6.is_none() {
                        errs.push(FieldError::invalid(
                            path,
                            row_json(row),
                            "both bounds must be addresses of the same family",
                        ));
                    }
                }
                if errs.len() == before && r.is_reversed() {
                    errs.push(FieldError::invalid(
                        path,
                        row_json(row),
                        "start must not be greater than end",
                    ));
                }
                Some(Cond::Range(r))
            } else {
                errs.push(arity_error(path, row, op, "exactly 2 arguments"));
                None
            }
        }
        other => {
            errs.push(FieldError::not_supported(&path.index(0), other, &OPS));
            None
        }
    };
    if is_src_ip && let Some(Cond::Eq(_) | Cond::In(_)) = &cond {
        for (k, a) in args.iter().enumerate() {
            if parse_v4(a).is_none() && parse_v6(a).is_none() {
                errs.push(FieldError::invalid(
                    &path.index(k + 1),
                    a.as_str(),
                    "must be a valid IPv4 or IPv6 address",
                ));
            }
        }
    }
    if errs.len() == before { cond } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn errors(terms: &[DslxTerm]) -> Vec<String> {
        match Dslx::from_wire(terms) {
            Ok(_) => Vec::new(),
            Err(e) => e.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn valid_terms_round_trip_to_wire() {
        let wire = vec![
            term("METHOD", None, &[&["EQ", "POST"]]),
            term(
                "URL",
                None,
                &[&["STARTS_WITH", "/app-a"], &["STARTS_WITH", "/app-b"]],
            ),
            term("HEADER", Some("LOCATION"), &[&["IN", "east-1", "east-2"]]),
            term("COOKIE", Some("uid"), &[&["EXIST"]]),
            term("SRC_IP", None, &[&["RANGE", "1.1.1.1", "1.1.1.100"]]),
            term("URL", None, &[&["REGEX", "^/a(b|c)$"]]),
        ];
        let d = Dslx::from_wire(&wire).unwrap();
        assert_eq!(d.to_wire(), wire);
        assert_eq!(d.terms()[2].target(), &Target::Header("LOCATION".into()));
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let wire = vec![
            term("FOO", None, &[&["EQ", "x"]]),
            term("HOST", Some("k"), &[&["EQ"]]),
            term("PARAM", Some(""), &[]),
            term(
                "URL",
                None,
                &[&[], &["EXIST", "x"], &["RANGE", "b"], &["IN"]],
            ),
            term(
                "URL",
                None,
                &[&["REGEX", "(a"], &["REGEX", "(?=a)b"], &["REGEX", "(a)\\1"]],
            ),
            term(
                "SRC_IP",
                None,
                &[&["RANGE", "1.1.1.9", "1.1.1.1"], &["EQ", "nope"]],
            ),
            term(
                "SRC_IP",
                None,
                &[&["RANGE", "1.1.1.1", "::1"], &["RANGE", "x", "1.1.1.1"]],
            ),
            term("HEADER", Some("a"), &[&["RANGE", "b", "a"], &["BAR", "x"]]),
        ];
        let e = errors(&wire);
        let expect = [
            r#"spec.dslx[0].type: Unsupported value: "FOO": supported values: "HOST", "URL", "SRC_IP", "METHOD", "HEADER", "PARAM", "COOKIE""#,
            r#"spec.dslx[1].key: Invalid value: "k": HOST takes no key (ALB would pass it as an argument and never match)"#,
            r#"spec.dslx[1].values[0]: Invalid value: ["EQ"]: EQ takes exactly 1 argument, got 0"#,
            "spec.dslx[2].key: Required value: PARAM needs a key",
            "spec.dslx[2].values: Required value: at least one row is required",
            "spec.dslx[3].values[0]: Required value: a row needs an operator",
            r#"spec.dslx[3].values[1]: Invalid value: ["EXIST","x"]: EXIST takes no argument, got 1"#,
            r#"spec.dslx[3].values[2]: Invalid value: ["RANGE","b"]: RANGE takes exactly 2 arguments, got 1"#,
            r#"spec.dslx[3].values[3]: Invalid value: ["IN"]: IN takes at least 1 argument, got 0"#,
        ];
        for (i, want) in expect.iter().enumerate() {
            assert_eq!(e[i], *want);
        }
        assert!(
            e[9].starts_with(
                r#"spec.dslx[4].values[0][1]: Invalid value: "(a": invalid regular expression"#
            ),
            "{}",
            e[9]
        );
        assert!(
            e[10].starts_with(
                r#"spec.dslx[4].values[1][1]: Invalid value: "(?=a)b": PCRE-only syntax"#
            ),
            "{}",
            e[10]
        );
        assert!(
            e[11].starts_with(
                r#"spec.dslx[4].values[2][1]: Invalid value: "(a)\\1": PCRE-only syntax"#
            ),
            "{}",
            e[11]
        );
        assert_eq!(
            e[12],
            r#"spec.dslx[5].values[0]: Invalid value: ["RANGE","1.1.1.9","1.1.1.1"]: start must not be greater than end"#
        );
        assert_eq!(
            e[13],
            r#"spec.dslx[5].values[1][1]: Invalid value: "nope": must be a valid IPv4 or IPv6 address"#
        );
        assert_eq!(
            e[14],
            r#"spec.dslx[6].values[0]: Invalid value: ["RANGE","1.1.1.1","::1"]: both bounds must be addresses of the same family"#
        );
        assert_eq!(
            e[15],
            r#"spec.dslx[6].values[1][1]: Invalid value: "x": must be a valid IPv4 or IPv6 address"#
        );
        assert_eq!(
            e[16],
            r#"spec.dslx[7].values[0]: Invalid value: ["RANGE","b","a"]: start must not be greater than end"#
        );
        assert!(e[17].starts_with(r#"spec.dslx[7].values[1][0]: Unsupported value: "BAR""#));
        assert_eq!(e.len(), 18);
        assert_eq!(
            errors(&[]),
            vec![
                "spec.dslx: Required value: at least one term is required (ALB never matches a rule without dslx)"
            ]
        );
    }

    #[test]
    fn ranges_compare_addresses_numerically() {
        assert!(!RangeBounds::new("1.1.1.9", "1.1.1.10").is_reversed());
        assert!(RangeBounds::new("1.1.1.10", "1.1.1.9").is_reversed());
        assert!(!RangeBounds::new("::9", "::a").is_reversed());
        assert!(!RangeBounds::new("[::1]", "::2").is_reversed());
        assert!(RangeBounds::new("b", "a").is_reversed());
        assert_eq!(parse_v4("01.1.1.1"), None);
    }
}
