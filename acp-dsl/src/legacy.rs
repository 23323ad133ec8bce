//! The legacy `dsl` string form: `(AND (STARTS_WITH URL /a) (EQ HEADER x 1))`.
//!
//! The shape is the one ALB's controller hands its data plane (alauda/alb `utils/dsl.go`
//! `DSLX2Internal`; `match_engine/dsl.lua` documents the string form): one term alone, or
//! `(AND term…)`; a term is one row `(OP TYPE [KEY] arg…)` or `(OR row…)`. [`parse`] reads it
//! as ALB's converter from legacy rules (`DSL2DSLX`) does, quirks included: only spaces separate
//! tokens (a tab or newline is part of a token, so `(EQ\tURL /a)` has the type `/a` and fails
//! validation), a `"` inside a token is an ordinary character, an `OR` takes the type and key of
//! its first row, and input after the first expression is ignored.
//!
//! One extension: a token that *starts* with `"` is quoted (`"^/a(b|c) x"`, with `\"` and `\\`
//! escapes), so regexes with parentheses or spaces can be written; the printer quotes exactly the
//! tokens that need it, so `parse(print(d)) == d` for every well-formed `dslx`.

use thiserror::Error;

use crate::wire::DslxTerm;

/// A syntax error in a legacy `dsl` string.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("dsl: at byte {offset}: {message}")]
#[non_exhaustive]
pub struct LegacyError {
    /// Byte offset of the problem.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

fn err(offset: usize, message: impl Into<String>) -> LegacyError {
    LegacyError {
        offset,
        message: message.into(),
    }
}

#[derive(Debug)]
enum Tok {
    Open(usize),
    Close(usize),
    Atom(String, usize),
}

/// Splits as ALB does: `(` and `)` are tokens, a space ends a token, every other byte (tabs and
/// newlines included) belongs to one. A token pending when `(` comes, or at the end of the input,
/// is dropped. A token that *starts* with `"` is a quoted token (see the module docs).
fn tokenize(s: &str) -> Result<Vec<Tok>, LegacyError> {
    let b = s.as_bytes();
    let mut toks = Vec::new();
    let mut begin = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'(' => {
                toks.push(Tok::Open(i));
                begin = i + 1;
            }
            b' ' | b')' => {
                if begin < i {
                    toks.push(Tok::Atom(s[begin..i].to_owned(), begin));
                }
                if b[i] == b')' {
                    toks.push(Tok::Close(i));
                }
                begin = i + 1;
            }
            // DEVIATION: ALB keeps a `"` as an ordinary byte everywhere; a token that starts
            // with one is a quoted token here, so values with spaces or parentheses (regexes)
            // can be written, and printing round-trips.
            b'"' if i == begin => {
                let (text, end) = quoted(s, i)?;
                toks.push(Tok::Atom(text, i));
                match b.get(end) {
                    None | Some(b' ' | b')') => {}
                    Some(_) => {
                        return Err(err(end, "a quoted token must be followed by ' ' or ')'"));
                    }
                }
                i = end;
                begin = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(toks)
}

/// The quoted token starting at `start` (a `"`): its text and the offset just past it.
fn quoted(s: &str, start: usize) -> Result<(String, usize), LegacyError> {
    let b = s.as_bytes();
    let mut out = String::new();
    let mut i = start + 1;
    let mut seg = i;
    loop {
        match b.get(i) {
            None => return Err(err(start, "unterminated quoted token")),
            Some(b'"') => {
                out.push_str(&s[seg..i]);
                return Ok((out, i + 1));
            }
            Some(b'\\') => {
                out.push_str(&s[seg..i]);
                match b.get(i + 1) {
                    Some(b'"') => out.push('"'),
                    Some(b'\\') => out.push('\\'),
                    _ => return Err(err(i, "only \\\" and \\\\ escapes are allowed")),
                }
                i += 2;
                seg = i;
            }
            Some(_) => i += 1,
        }
    }
}

#[derive(Debug)]
enum Item {
    Atom(String, usize),
    List(Vec<Item>, usize),
}

impl Item {
    fn offset(&self) -> usize {
        match self {
            Item::Atom(_, o) | Item::List(_, o) => *o,
        }
    }
}

/// ALB's parse of the first expression; whatever follows it is ignored, as ALB does.
fn expression(toks: &[Tok], pos: &mut usize, depth: usize) -> Result<Item, LegacyError> {
    let end = toks.last().map_or(0, |t| match t {
        Tok::Open(o) | Tok::Close(o) | Tok::Atom(_, o) => *o,
    });
    match toks.get(*pos) {
        None => Err(err(end, "unexpected EOF while parsing")),
        Some(Tok::Atom(a, o)) => {
            *pos += 1;
            Ok(Item::Atom(a.clone(), *o))
        }
        Some(Tok::Close(o)) => Err(err(*o, "unexpected ')'")),
        Some(Tok::Open(o)) => {
            // ALB accepts at most three levels; deeper input is always invalid.
            if depth >= 8 {
                return Err(err(*o, "nesting too deep"));
            }
            *pos += 1;
            let mut items = Vec::new();
            loop {
                match toks.get(*pos) {
                    None => return Err(err(end, "unexpected EOF while parsing")),
                    Some(Tok::Close(_)) => {
                        *pos += 1;
                        return Ok(Item::List(items, *o));
                    }
                    Some(_) => items.push(expression(toks, pos, depth + 1)?),
                }
            }
        }
    }
}

fn is_keyed(kind: &str) -> bool {
    matches!(kind, "HEADER" | "PARAM" | "COOKIE")
}

/// The tokens of a row, as spf13/cast's `ToStringSliceE` gives them: a nested list is no token.
fn row_tokens(items: &[Item]) -> Result<Vec<String>, LegacyError> {
    items
        .iter()
        .map(|it| match it {
            Item::Atom(a, _) => Ok(a.clone()),
            Item::List(_, o) => Err(err(*o, "invalid exp: a row holds only tokens")),
        })
        .collect()
}

/// `[OP, TYPE, KEY?, arg…]` → one term of one row (ALB `generateTerm`).
// DEVIATION: ALB's converter panics on a row too short for its type; this is an error.
fn row_term(atoms: Vec<String>, at: usize) -> Result<DslxTerm, LegacyError> {
    let mut it = atoms.into_iter();
    let (Some(op), Some(kind)) = (it.next(), it.next()) else {
        return Err(err(at, "invalid exp: a row is (OP TYPE [KEY] arg...)"));
    };
    let key = if is_keyed(&kind) {
        Some(
            it.next()
                .ok_or_else(|| err(at, format!("invalid exp: {kind} needs a key")))?,
        )
    } else {
        None
    };
    let mut row = vec![op];
    row.extend(it);
    Ok(DslxTerm {
        kind,
        key,
        values: vec![row],
    })
}

/// One element of the top level (ALB `generateDSLX`, one iteration).
fn term(item: &Item) -> Result<DslxTerm, LegacyError> {
    let Item::List(items, at) = item else {
        return Err(err(item.offset(), "invalid exp: expected (OP TYPE ...)"));
    };
    let op = match items.first() {
        None => return Err(err(*at, "invalid exp: empty expression")),
        Some(Item::List(_, o)) => return Err(err(*o, "invalid exp: expected an operator")),
        Some(Item::Atom(a, _)) => a,
    };
    match op.as_str() {
        "AND" => Err(err(*at, "unsupported exp: AND inside AND")),
        "OR" => {
            let mut merged: Option<DslxTerm> = None;
            for it in &items[1..] {
                let t = match it {
                    Item::List(sub, o) => row_term(row_tokens(sub)?, *o)?,
                    // cast turns a bare token into its whitespace-separated fields.
                    Item::Atom(a, o) => {
                        row_term(a.split_whitespace().map(str::to_owned).collect(), *o)?
                    }
                };
                match &mut merged {
                    None => merged = Some(t),
                    // ALB keeps the first row's type and key for every row of an OR.
                    Some(m) => m.values.extend(t.values),
                }
            }
            merged.ok_or_else(|| err(*at, "invalid exp: OR needs at least one row"))
        }
        _ => row_term(row_tokens(items)?, *at),
    }
}

/// Parses a legacy `dsl` string into wire terms as ALB's converter does (validate them with
/// [`crate::Dslx::from_wire`]).
///
/// Only the first expression counts: `(AND term…)`, or one term `(OP TYPE [KEY] arg…)` or
/// `(OR row…)`. Tokens are separated by spaces only; the rows of an `OR` all take the type and
/// key of its first row; `()` and `(AND)` are no terms at all.
///
/// ```
/// let d = acp_dsl::legacy::parse(r#"(AND (STARTS_WITH URL /a) (REGEX HEADER x "^(a|b) c$"))"#).unwrap();
/// assert_eq!(d[1].key.as_deref(), Some("x"));
/// assert_eq!(d[1].values, vec![vec!["REGEX".to_string(), "^(a|b) c$".to_string()]]);
/// assert_eq!(acp_dsl::legacy::print(&d), r#"(AND (STARTS_WITH URL /a) (REGEX HEADER x "^(a|b) c$"))"#);
/// ```
pub fn parse(s: &str) -> Result<Vec<DslxTerm>, LegacyError> {
    let toks = tokenize(s)?;
    let mut depth = 0usize;
    for t in &toks {
        match t {
            Tok::Open(_) => depth += 1,
            Tok::Close(o) if depth == 0 => {
                return Err(err(*o, "invalid dsl: unbalanced parentheses"));
            }
            Tok::Close(_) => depth -= 1,
            Tok::Atom(..) => {}
        }
    }
    if depth != 0 {
        return Err(err(s.len(), "invalid dsl: unbalanced parentheses"));
    }
    let mut pos = 0;
    let top = expression(&toks, &mut pos, 0)?;
    let items = match top {
        Item::List(items, _) => items,
        atom @ Item::Atom(..) => vec![atom],
    };
    match items.first() {
        None => Ok(Vec::new()),
        Some(Item::Atom(a, _)) if a == "AND" => items[1..].iter().map(term).collect(),
        Some(_) => Ok(vec![term(&Item::List(items, 0))?]),
    }
}

fn push_token(out: &mut String, t: &str) {
    let needs = t.is_empty()
        || t.bytes()
            .any(|c| c.is_ascii_whitespace() || matches!(c, b'(' | b')' | b'"' | b'\\'));
    if !out.is_empty() && !out.ends_with('(') {
        out.push(' ');
    }
    if needs {
        out.push('"');
        for c in t.chars() {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(t);
    }
}

fn print_row(out: &mut String, t: &DslxTerm, r: &[String]) {
    if !out.is_empty() && !out.ends_with('(') {
        out.push(' ');
    }
    out.push('(');
    let mut it = r.iter();
    if let Some(op) = it.next() {
        push_token(out, op);
    }
    push_token(out, &t.kind);
    if let Some(k) = &t.key {
        push_token(out, k);
    }
    for a in it {
        push_token(out, a);
    }
    out.push(')');
}

fn print_term_into(out: &mut String, t: &DslxTerm) {
    if t.values.len() == 1 {
        print_row(out, t, &t.values[0]);
    } else {
        if !out.is_empty() && !out.ends_with('(') {
            out.push(' ');
        }
        out.push_str("(OR");
        for r in &t.values {
            print_row(out, t, r);
        }
        out.push(')');
    }
}

/// Prints one term: `(OP TYPE [KEY] arg…)` or `(OR row…)`.
pub fn print_term(t: &DslxTerm) -> String {
    let mut out = String::new();
    print_term_into(&mut out, t);
    out
}

/// Prints wire terms in the legacy form: one term alone, several under `(AND …)`.
pub fn print(terms: &[DslxTerm]) -> String {
    let mut out = String::new();
    if terms.len() == 1 {
        print_term_into(&mut out, &terms[0]);
    } else {
        out.push_str("(AND");
        for t in terms {
            print_term_into(&mut out, t);
        }
        out.push(')');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_alb_examples() {
        let d = parse(
            "(AND (IN HOST www.baidu.com baidu.com) (EQ URL /search) (EQ SRC_IP 114.114.114.114))",
        )
        .unwrap();
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].values[0], vec!["IN", "www.baidu.com", "baidu.com"]);
        let d = parse("(OR (STARTS_WITH URL /a) (STARTS_WITH URL /b))").unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].values.len(), 2);
        let d = parse("(EXIST COOKIE uid)").unwrap();
        assert_eq!(d[0].key.as_deref(), Some("uid"));
        assert_eq!(d[0].values, vec![vec!["EXIST".to_string()]]);
        let d = parse(r#"(EQ HEADER "" "a \"b\" \\")"#).unwrap();
        assert_eq!(d[0].key.as_deref(), Some(""));
        assert_eq!(d[0].values[0][1], r#"a "b" \"#);
        assert_eq!(print(&d), r#"(EQ HEADER "" "a \"b\" \\")"#);
    }

    /// ALB's converter (`DSL2DSLX`) on inputs where it is surprising.
    #[test]
    fn dsl2dslx_quirks() {
        let one = |s: &str| {
            let d = parse(s).unwrap();
            assert_eq!(d.len(), 1, "{s}");
            d.into_iter().next().unwrap()
        };
        // The rows of an OR take the first row's type and key.
        let t = one("(OR (EQ URL /a) (EQ HOST b))");
        assert_eq!((t.kind.as_str(), t.values.len()), ("URL", 2));
        assert_eq!(t.values[1], vec!["EQ", "b"]);
        // Only spaces separate tokens.
        let t = one("(EQ\tURL /a)");
        assert_eq!(t.kind, "/a");
        assert_eq!(t.values, vec![vec!["EQ\tURL".to_string()]]);
        assert!(crate::Dslx::from_wire(&[t]).is_err());
        // A `"` inside a token is an ordinary character.
        assert_eq!(one("(EQ URL a\"b)").values[0], vec!["EQ", "a\"b"]);
        // Input after the first expression is ignored.
        assert_eq!(one("(EQ URL /a) (EQ HOST b)").kind, "URL");
        assert_eq!(one("(EQ URL /a)junk").kind, "URL");
        // No terms at all.
        assert_eq!(parse("()").unwrap(), vec![]);
        assert_eq!(parse("(AND)").unwrap(), vec![]);
        assert_eq!(parse("AND ").unwrap(), vec![]);
        // A bare token in an OR is split into fields.
        let t = one("(OR (EQ URL /a) EQ\tHOST\tb)");
        assert_eq!(t.values[1], vec!["EQ", "b"]);
    }

    #[test]
    fn rejects_malformed_input() {
        for (s, offset) in [
            ("", 0),
            ("(EQ URL /a", 10),
            ("(EQ URL /a))", 11),
            ("EQ", 0),
            ("(AND (EQ URL /a) x)", 17),
            ("(AND (AND (EQ URL /a)))", 5),
            ("(EQ URL a(b))", 9),
            ("(EQ)", 0),
            ("(EQ HEADER)", 0),
            ("(EQ URL \"a)", 8),
            ("(EQ URL \"\\n\")", 9),
            ("(OR)", 0),
            ("((((((((((EQ URL a))))))))))", 8),
        ] {
            let e = parse(s).unwrap_err();
            assert_eq!(e.offset, offset, "{s}: {e}");
        }
    }
}
