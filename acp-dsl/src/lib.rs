//! # acp-dsl — the ALB `dslx` rule language
//!
//! ALB routes every HTTP request by trying the Rules of a port in order and taking the first whose
//! `dslx` matches. This crate answers, offline and as
// seed 001:1101-1215
//! ALB would, *which rule gets this request, and why not that one*:
//!
//! * [`Dslx`]: the typed AST, from the wire type [`wire::DslxTerm`] with every problem reported
//!   by field path ([`Dslx::from_wire`]);
//! * [`Request`] and [`MatchOptions`]: what a term looks at; [`eval`] the semantics;
//! * [`order`]: ALB's rule order (priority, specificity weight, DSL length, name);
//! * [`RuleSet`]: compiled and indexed matching, with a naive oracle and [`RuleSet::explain`];
//! * [`legacy`]: the `(AND (STARTS_WITH URL /a) …)` string form;
//! * [`ingress`]: Ingress → Rules/Frontends translation as ALB's controller does it.
//! * [`gateway`]: Gateway API HTTPRoute matches → `dslx`;
//! * [`lint`](mod@lint): shadowed rules, name-only tie-breaks, rules after a catch-all.
//!
//! ```
//! use acp_dsl::{wire::DslxTerm, Request, RuleInput, RuleSet};
//!
//! // The ACP documentation's example rule.
// seed 001:1181-1215
//! let dslx: Vec<DslxTerm> = serde_json::from_str(r#"[
//!   {"type": "METHOD", "values": [["EQ", "POST"]]},
//!   {"type": "URL", "values": [["STARTS_WITH", "/app-a"], ["STARTS_WITH", "/app-b"]]},
//!   {"type": "PARAM", "key": "group", "values": [["EQ", "vip"]]},
//!   {"type": "HOST", "values": [["ENDS_WITH", ".app.com"]]},
//!   {"type": "HEADER", "key": "LOCATION", "values": [["IN", "east-1", "east-2"]]},
//!   {"type": "COOKIE", "key": "uid", "values": [["EXIST"]]},
//!   {"type": "SRC_IP", "values": [["RANGE", "1.1.1.1", "1.1.1.100"]]}
//! ]"#).unwrap();
//! let set = RuleSet::compile(vec![
//!     RuleInput::new("alb-demo-00080-test", Some(4), dslx),
//!     RuleInput::frontend_default("alb-demo-00080", vec![]),
//! ]);
//! let req = Request::new("POST", "shop.app.com", "/app-b/cart?group=vip")
//!     .with_header("Location", "east-2")
//!     .with_header("Cookie", "uid=42")
//!     .with_remote_addr("1.1.1.7");
//! assert_eq!(set.matching(&req).unwrap().name(), "alb-demo-00080-test");
//!
//! let other = Request::new("GET", "shop.app.com", "/app-b/cart?group=vip");
//! assert_eq!(set.matching(&other).unwrap().name(), "alb-demo-00080");
//! let why = set.explain(&other).to_string();
//! assert!(why.starts_with(r#"#0 alb-demo-00080-test: dslx[0] METHOD is "GET", wanted (EQ METHOD POST)"#));
//! ```
//!
//! ## Deviations from upstream (ALB)
//!
//! The behavioural reference is alauda/alb (Go controller, OpenResty/Lua data plane); the
//! side-by-side facts in the tests come from alauda/alb 314b8a69 run in nginx 1.22.1 with
//! lua-nginx-module (whose cookie parsing is the same as nginx 1.25.3's in OpenResty 1.25.3.1)
//! and its Go code under Go 1.19. Where ALB
//! is buggy or silent this crate does the documented thing; [`MatchOptions::alb_compat`]
//! reproduces the quirks marked *(compat)* exactly, for side-by-side testing.
//!
//! 1. DEVIATION: **Invalid rules are reported, not guessed.** ALB skips a rule whose `dslx` it cannot
//!    translate, evaluates malformed rows to `false`, drops terms without rows, and its Go code
//!    panics on an empty first `HOST` row or an empty row. [`RuleSet::compile`] puts every rule
//!    that fails [`Dslx::from_wire`] into [`RuleSet::rejected`] with all its problems.
//! 2. DEVIATION: **Header keys containing `-`** (`X-Canary`): ALB looks up `$http_X-Canary`, which nginx
//!    never matches (it maps `-` to `_` in header *names* only). Here header keys are
//!    case-insensitive with `-` and `_` equivalent, so both `X-Canary` and `x_canary` match the
//!    header `X-Canary` *(compat: a key with `-` never matches)*.
//! 3. DEVIATION: **`ENDS_WITH`** is a one-label wildcard: with `s` the pattern without a leading `*`, the
//!    value must be `label + s`, `label` non-empty and dot-free. ALB drops the pattern's first
//!    character *whatever it is* (so the ACP documentation's `.app.com` also matches `myapp.com` in ALB) and
//!    never checks the character just before the suffix (`a..app.com`) *(compat)*.
//! 4. DEVIATION: **IPv6 `RANGE`** compares 128-bit numbers. ALB compares 32-bit words and returns early on
//!    the first word strictly inside the range on *both* sides, failing e.g. `1:0:9::` in
//!    `[1:0:5::, 2:0:3::]`, and even the bounds themselves *(compat)*.
//! 5. DEVIATION: **Query parameters**: a repeated or value-less parameter is the first value (`""` for
//!    `?flag`). ALB's Lua sees a table or `true` there *(compat: [`eval::Value::Flag`],
//!    [`eval::Value::Table`])*: `EXIST` holds, `EQ`/`IN`/`RANGE` do not, `REGEX` searches Lua's
//!    `tostring` of it, and `STARTS_WITH`/`ENDS_WITH` raise a Lua error (a 500,
//!    [`eval::Outcome::Error`], [`RuleSet::try_matching`]) unless a table has fewer values than
//!    the pattern has bytes. The table's `tostring` holds its memory address, which cannot be
//!    known: a fixed one ([`eval::LUA_TABLE_TOSTRING`]) stands for it.
//! 6. DEVIATION: **Multi-row terms with an `EXIST` row** (`[[EXIST], [EQ, x]]`): ALB's `DSLX2Internal`
//!    rejects the whole rule ("invalid dslx values"); here the term works *(compat: rejected)*.
//! 7. DEVIATION: **Repeated headers**: the first occurrence is used (nginx before 1.23; later nginx joins
//!    repeated headers with `, `). Cookies are not a deviation: every `Cookie` header is read
//!    as nginx's `$cookie_<name>` reads them ([`Request::cookie`]), in both modes.
//! 8. DEVIATION: **`REGEX`** uses the `regex` crate (linear time): PCRE-only syntax (look-around,
//!    back-references) is a validation error that says so; ALB uses PCRE.
//! 9. DEVIATION: **Ordering ties**: Go's `sort.Sort` is not stable; rules equal in all four keys (only
//!    possible with equal names) keep their input order here.
//! 10. DEVIATION: **`SRC_IP`** follows `X-Real-IP`, then the first `X-Forwarded-For` entry, as ALB does by
//!     default; [`MatchOptions`] lets the caller distrust either header.
//! 11. DEVIATION: **Host**: lower-cased, `:port` and one trailing dot removed (nginx `$host`); ALB cuts at the
//!     first `:`, which mangles bracketed IPv6 literals.
//! 12. DEVIATION: **Ingress rule names** take a caller-supplied suffix instead of ALB's random one, and
//!     backend ports given by name must be resolved by the caller (ALB reads the Service).
//! 13. DEVIATION: **Legacy `dsl` quoted tokens**: [`legacy::parse`] reads the legacy form as ALB's
//!     converter does, except that a token *starting* with `"` is a quoted token (ALB keeps the
//!     quotes as part of the value), so regexes with spaces or parentheses can be written and
//!     printing round-trips; an unterminated one is an error where ALB takes it literally.
//! 14. DEVIATION: **Legacy rows too short for their type** (`(EQ)`, `(EQ HEADER)`): ALB's converter
//!     panics; here they are errors.
//! 15. DEVIATION: **`REGEX` costs are bounded**: a pattern longer than [`MAX_PATTERN_LEN`] bytes,
//!     or one whose compiled program exceeds [`REGEX_SIZE_LIMIT`], is a validation error
//!     ([`PatternError`]); the lazy DFA cache is capped at [`REGEX_DFA_SIZE_LIMIT`]. PCRE in ALB
//!     has no such limits.
#![forbid(unsafe_code)]

pub mod ast;
pub mod eval;
pub mod gateway;
#[cfg(feature = "crd")]
pub mod ingress;
pub mod legacy;
pub mod lint;
pub mod order;
pub mod request;
pub mod ruleset;
pub mod wire;

pub use acp_model;
pub use ast::{Cond, Dslx, Pattern, RangeBounds, Target, Term, validate_dslx};
pub use ast::{MAX_PATTERN_LEN, PatternError, REGEX_DFA_SIZE_LIMIT, REGEX_SIZE_LIMIT};
pub use gateway::MatchTypeError;
#[cfg(feature = "crd")]
pub use ingress::{IngressOptions, Translation, translate};
pub use legacy::LegacyError;
pub use lint::{Lint, lint};
pub use request::{MatchOptions, Request};
pub use ruleset::{
    Entry, Explanation, Rejected, RuleError, RuleInput, RuleKind, RuleSet, Step, TermFailure,
};

#[cfg(test)]
mod fidelity_tests;
#[cfg(test)]
mod seed_tests;
