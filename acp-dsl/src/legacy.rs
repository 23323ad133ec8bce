//! The legacy `dsl` string form: `(AND (STARTS_WITH URL /a) (EQ HEADER x 1))`.
//!
//! The shape is the one ALB's controller hands its data plane (alauda/alb `utils/dsl.go`
//! `DSLX2Internal`; `match_engine/dsl.lua` documents the string form): one term alone, or
//! `(AND term…)`; a term is one row `(OP TYPE [KEY] arg…)` or `(OR row…)` with every row on the
//! same type and key. Unlike ALB's converter, tokens may be double-quoted (`"^/a(b|c)"`, with `\"`
//! and `\\` escapes), so regexes with parentheses or spaces survive; the printer quotes exactly
//! the tokens that need it, so `parse(print(d)) == d` for every well-formed `dslx`.

use thiserror::Error;

use crate::wire::DslxTerm;

/// A syntax error in a legacy `dsl` string.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("dsl: at byte {offset}: {message}")]
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
enum Item {
    Atom(String),
    List(Vec<Item>, usize),
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    depth: usize,
}

impl Parser<'_> {
    fn skip_ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn item(&mut self) -> Result<Item, LegacyError> {
        self.skip_ws();
        let start = self.i;
        match self.s.get(self.i) {
            None => Err(err(self.i, "unexpected end of input")),
            Some(b'(') => {
                self.depth += 1;
                if self.depth > 8 {
                    return Err(err(self.i, "nesting too deep"));
                }
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    match self.s.get(self.i) {
                        None => return Err(err(self.i, "unexpected end of input: missing ')'")),
                        Some(b')') => {
                            self.i += 1;
                            self.depth -= 1;
                            return Ok(Item::List(items, start));
                        }
                        Some(_) => items.push(self.item()?),
                    }
                }
            }
            Some(b')') => Err(err(self.i, "unexpected ')'")),
            Some(b'"') => {
                self.i += 1;
                let mut out = String::new();
                let mut seg = self.i;
                loop {
                    match self.s.get(self.i) {
                        None => return Err(err(start, "unterminated quoted string")),
                        Some(b'"') => {
                            out.push_str(&self.text[seg..self.i]);
                            self.i += 1;
                            return Ok(Item::Atom(out));
                        }
                        Some(b'\\') => {
                            out.push_str(&self.text[seg..self.i]);
                            match self.s.get(self.i + 1) {
                                Some(b'"') => out.push('"'),
                                Some(b'\\') => out.push('\\'),
                                _ => {
                                    return Err(err(
                                        self.i,
                                        "only \\\" and \\\\ escapes are allowed",
                                    ));
                                }
                            }
                            self.i += 2;
                            seg = self.i;
                        }
                        Some(_) => self.i += 1,
                    }
                }
            }
            Some(_) => {
                while self.i < self.s.len() {
                    let c = self.s[self.i];
                    if c.is_ascii_whitespace() || c == b'(' || c == b')' || c == b'"' {
                        break;
                    }
                    self.i += 1;
                }
                Ok(Item::Atom(self.text[start..self.i].to_owned()))
            }
        }
    }
}

fn is_keyed(kind: &str) -> bool {
    matches!(kind, "HEADER" | "PARAM" | "COOKIE")
}

/// `(OP TYPE [KEY] arg…)` → (type, key, row).
fn row(items: &[Item], at: usize) -> Result<(String, Option<String>, Vec<String>), LegacyError> {
    let mut atoms = Vec::with_capacity(items.len());
    for it in items {
        match it {
            Item::Atom(a) => atoms.push(a.clone()),
            Item::List(_, o) => return Err(err(*o, "a row holds only tokens")),
        }
    }
    let mut it = atoms.into_iter();
    let op = it
        .next()
        .ok_or_else(|| err(at, "empty row: expected (OP TYPE ...)"))?;
    let kind = it
        .next()
        .ok_or_else(|| err(at, format!("row ({op}) has no type")))?;
    let key = if is_keyed(&kind) {
        Some(
            it.next()
                .ok_or_else(|| err(at, format!("{kind} needs a key")))?,
        )
    } else {
        None
    };
    let mut r = vec![op];
    r.extend(it);
    Ok((kind, key, r))
}

fn term(items: &[Item], at: usize) -> Result<DslxTerm, LegacyError> {
    if let Some(Item::Atom(a)) = items.first()
        && a == "OR"
    {
        let mut kind_key: Option<(String, Option<String>)> = None;
        let mut values = Vec::new();
        for it in &items[1..] {
            let Item::List(sub, o) = it else {
                return Err(err(at, "OR takes rows: (OR (OP TYPE ...) ...)"));
            };
            let (kind, key, r) = row(sub, *o)?;
            match &kind_key {
                None => kind_key = Some((kind, key)),
                Some((k0, key0)) if *k0 == kind && *key0 == key => {}
                Some(_) => {
                    return Err(err(
                        *o,
                        "every row of an OR must have the same type and key",
                    ));
                }
            }
            values.push(r);
        }
        let (kind, key) = kind_key.ok_or_else(|| err(at, "OR needs at least one row"))?;
        return Ok(DslxTerm { kind, key, values });
    }
    let (kind, key, r) = row(items, at)?;
    Ok(DslxTerm {
        kind,
        key,
        values: vec![r],
    })
}

/// Parses a legacy `dsl` string into wire terms (validate them with [`crate::Dslx::from_wire`]).
///
/// ```
/// let d = acp_dsl::legacy::parse(r#"(AND (STARTS_WITH URL /a) (REGEX HEADER x "^(a|b) c$"))"#).unwrap();
/// assert_eq!(d[1].key.as_deref(), Some("x"));
/// assert_eq!(d[1].values, vec![vec!["REGEX".to_string(), "^(a|b) c$".to_string()]]);
/// assert_eq!(acp_dsl::legacy::print(&d), r#"(AND (STARTS_WITH URL /a) (REGEX HEADER x "^(a|b) c$"))"#);
/// ```
pub fn parse(s: &str) -> Result<Vec<DslxTerm>, LegacyError> {
    let mut p = Parser {
        s: s.as_bytes(),
        text: s,
        i: 0,
        depth: 0,
    };
    let top = p.item()?;
    p.skip_ws();
    if p.i != s.len() {
        return Err(err(p.i, "trailing input after the expression"));
    }
    let Item::List(items, at) = top else {
        return Err(err(0, "expected '('"));
    };
    if let Some(Item::Atom(a)) = items.first()
        && a == "AND"
    {
        let mut terms = Vec::new();
        for it in &items[1..] {
            let Item::List(sub, o) = it else {
                return Err(err(at, "AND takes terms: (AND (OP TYPE ...) ...)"));
            };
            terms.push(term(sub, *o)?);
        }
        if terms.is_empty() {
            return Err(err(at, "AND needs at least one term"));
        }
        return Ok(terms);
    }
    Ok(vec![term(&items, at)?])
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

    #[test]
    fn rejects_malformed_input() {
        for (s, offset) in [
            ("", 0),
            ("(EQ URL /a", 10),
            ("(EQ URL /a))", 11),
            ("EQ", 0),
            ("(AND (EQ URL /a) x)", 0),
            ("(OR (EQ URL /a) (EQ HOST b))", 16),
            ("(EQ)", 0),
            ("(EQ HEADER)", 0),
            ("(EQ URL \"a)", 8),
            ("(EQ URL \"\\n\")", 9),
            ("(AND)", 0),
            ("(OR)", 0),
            ("((((((((((EQ URL a))))))))))", 8),
        ] {
            let e = parse(s).unwrap_err();
            assert_eq!(e.offset, offset, "{s}: {e}");
        }
    }
}
