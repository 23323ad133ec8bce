//! Rule ordering exactly as ALB's controller sorts the policies of one port.
//!
//! alauda/alb `controller/types/helper.go` `Policies.Less`: priority ascending ("the lower the
//! number, the higher the priority"; unset = 0), then the
// seed 001:1165
//! specificity weight descending ([`weight`], `pkg/apis/alauda/v1/types.go` `DSLX.Priority`),
//! then the length of the internal DSL's JSON descending ([`internal_dsl_len`],
//! `utils/dsl.go` `InternalDSLLen`), then the rule name ascending. The Frontend's default backend
//! (`controller/cli/policy_l7.go` `initHttpModeFt`, `MakeItMatchLast`) sorts with priority 999,
//! weight -1 and length 0: last, unless a rule has a priority above 999.
//!
//! Go's `sort.Sort` is not stable; rules equal in all four keys (same name) are kept in input
//! order here.

use std::cmp::Ordering;

use crate::wire::DslxTerm;

/// ALB's specificity weight of a wire `dslx`: `HOST` whose first row is `EQ`/`IN` +50000,
/// `ENDS_WITH` +10000; each `URL` row `EQ` +2000, `STARTS_WITH` +1000 + len + 2, `REGEX` +1000 +
/// len (len in bytes); every other term +100 per row.
///
/// Computed on the wire terms, so invalid rules get the weight ALB gives them (where ALB's Go
/// code would index out of bounds, the missing part counts 0 here).
pub fn weight(dslx: &[DslxTerm]) -> i64 {
    let mut p: i64 = 0;
    for term in dslx {
        match term.kind.as_str() {
            "HOST" => match term
                .values
                .first()
                .and_then(|r| r.first())
                .map(String::as_str)
            {
                Some("EQ" | "IN") => p += 50000,
                Some("ENDS_WITH") => p += 10000,
                _ => {}
            },
            "URL" => {
                for row in &term.values {
                    let op = row.first().map(String::as_str);
                    let len = row.get(1).map_or(0, |v| v.len() as i64);
                    match op {
                        Some("EQ") => p += 2000,
                        Some("STARTS_WITH") => p += 1000 + len + 2,
                        Some("REGEX") => p += 1000 + len,
                        _ => {}
                    }
                }
            }
            _ => p += 100 * term.values.len() as i64,
        }
    }
    p
}

/// Length of a Go-`json.Marshal`led string (Go 1.22 escaping: `<`, `>`, `&`, U+2028, U+2029 and
/// control characters other than `\b \f \n \r \t` take six bytes).
fn go_json_str_len(s: &str) -> usize {
    let mut n = 2;
    for c in s.chars() {
        n += match c {
            '"' | '\\' | '\u{8}' | '\u{c}' | '\n' | '\r' | '\t' => 2,
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => 6,
            c if (c as u32) < 0x20 => 6,
            c => c.len_utf8(),
        };
    }
    n
}

/// The internal DSL ALB hands to its data plane (alauda/alb `utils/dsl.go` `DSLX2Internal`),
/// as nested lists of strings: `["AND", term…]` when there are several terms, each term
/// `[op, type, key?, args…]`, or `["OR", row…]` when it has several rows; terms without rows are
/// dropped. `None` where ALB refuses the rule (a row with fewer than 2 entries in a multi-row
/// term, or an empty single row).
pub fn internal_dsl(dslx: &[DslxTerm]) -> Option<serde_json::Value> {
    use serde_json::Value as J;
    fn row(op_row: &[String], t: &DslxTerm) -> Option<J> {
        let (op, rest) = op_row.split_first()?;
        let mut v = vec![J::String(op.clone()), J::String(t.kind.clone())];
        if let Some(k) = t.key.as_deref().filter(|k| !k.is_empty()) {
            v.push(J::String(k.to_owned()));
        }
        v.extend(rest.iter().map(|a| J::String(a.clone())));
        Some(J::Array(v))
    }
    if dslx.is_empty() {
        return Some(J::Null);
    }
    let mut out = Vec::new();
    if dslx.len() > 1 {
        out.push(J::String("AND".into()));
    }
    for t in dslx {
        match t.values.len() {
            0 => {}
            1 => out.push(row(&t.values[0], t)?),
            _ => {
                let mut or = vec![J::String("OR".into())];
                for r in &t.values {
                    if r.len() < 2 {
                        return None;
                    }
                    or.push(row(r, t)?);
                }
                out.push(J::Array(or));
            }
        }
    }
    Some(J::Array(out))
}

fn json_len(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::Null => 4,
        serde_json::Value::String(s) => go_json_str_len(s),
        serde_json::Value::Array(items) => {
            2 + items.iter().map(json_len).sum::<usize>() + items.len().saturating_sub(1)
        }
        // Never produced by `internal_dsl`.
        other => other.to_string().len(),
    }
}

/// ALB's third sort key: the byte length of `json.Marshal(DSLX2Internal(dslx))` (0 where ALB
/// refuses the rule).
pub fn internal_dsl_len(dslx: &[DslxTerm]) -> usize {
    internal_dsl(dslx).map_or(0, |v| json_len(&v))
}

/// The four keys ALB sorts by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortKey {
    /// `spec.priority` (unset = 0); lower first.
    pub priority: i64,
    /// [`weight`]; higher first.
    pub weight: i64,
    /// [`internal_dsl_len`]; longer first.
    pub dsl_len: usize,
    /// The rule name; lexicographically (bytes) first.
    pub name: String,
}

impl SortKey {
    /// The key of a rule.
    pub fn of(name: &str, priority: Option<i64>, dslx: &[DslxTerm]) -> SortKey {
        SortKey {
            priority: priority.unwrap_or(0),
            weight: weight(dslx),
            dsl_len: internal_dsl_len(dslx),
            name: name.to_owned(),
        }
    }

    /// The key of a Frontend's default backend (`MakeItMatchLast`), named after the Frontend.
    pub fn frontend_default(ft_name: &str) -> SortKey {
        SortKey {
            priority: 999,
            weight: -1,
            dsl_len: 0,
            name: ft_name.to_owned(),
        }
    }
}

impl PartialOrd for SortKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SortKey {
    /// ALB order: the smaller key matches first.
    // DEVIATION: rules equal in all four keys keep their input order; Go's `sort.Sort` is not
    // stable.
    fn cmp(&self, other: &Self) -> Ordering {
        self.priority
            .cmp(&other.priority)
            .then(other.weight.cmp(&self.weight))
            .then(other.dsl_len.cmp(&self.dsl_len))
            .then(self.name.as_bytes().cmp(other.name.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(kind: &str, key: Option<&str>, rows: &[&[&str]]) -> DslxTerm {
        DslxTerm {
            kind: kind.into(),
            key: key.map(Into::into),
            values: rows
                .iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect())
                .collect(),
        }
    }

    #[test]
    fn weights_follow_alb() {
        assert_eq!(weight(&[t("HOST", None, &[&["EQ", "a.com"]])]), 50000);
        assert_eq!(
            weight(&[t("HOST", None, &[&["IN", "a.com", "b.com"]])]),
            50000
        );
        assert_eq!(
            weight(&[t("HOST", None, &[&["ENDS_WITH", "*.a.com"]])]),
            10000
        );
        // Only the first HOST row counts.
        assert_eq!(
            weight(&[t("HOST", None, &[&["REGEX", "a"], &["EQ", "a.com"]])]),
            0
        );
        assert_eq!(weight(&[t("URL", None, &[&["EQ", "/abc"]])]), 2000);
        assert_eq!(weight(&[t("URL", None, &[&["STARTS_WITH", "/abc"]])]), 1006);
        assert_eq!(weight(&[t("URL", None, &[&["REGEX", "/abc"]])]), 1004);
        assert_eq!(weight(&[t("URL", None, &[&["IN", "/abc"]])]), 0);
        assert_eq!(
            weight(&[t(
                "URL",
                None,
                &[&["STARTS_WITH", "/a"], &["STARTS_WITH", "/b"]]
            )]),
            2 * 1004
        );
        assert_eq!(
            weight(&[t("HEADER", Some("a"), &[&["EQ", "1"], &["EQ", "2"]])]),
            200
        );
        assert_eq!(weight(&[t("METHOD", None, &[&["EQ", "GET"]])]), 100);
        // Bytes, not characters.
        assert_eq!(
            weight(&[t("URL", None, &[&["STARTS_WITH", "/é"]])]),
            1000 + 3 + 2
        );
        assert_eq!(weight(&[t("HOST", None, &[])]), 0);
    }

    #[test]
    fn internal_dsl_matches_alb_shape_and_length() {
        let one = [t("URL", None, &[&["STARTS_WITH", "/"]])];
        assert_eq!(
            internal_dsl(&one).unwrap().to_string(),
            r#"[["STARTS_WITH","URL","/"]]"#
        );
        assert_eq!(
            internal_dsl_len(&one),
            r#"[["STARTS_WITH","URL","/"]]"#.len()
        );
        let two = [
            t("URL", None, &[&["STARTS_WITH", "/a"], &["EQ", "/b"]]),
            t("HEADER", Some("x"), &[&["EQ", "<&>"]]),
        ];
        assert_eq!(
            internal_dsl(&two).unwrap().to_string(),
            r#"["AND",["OR",["STARTS_WITH","URL","/a"],["EQ","URL","/b"]],["EQ","HEADER","x","<&>"]]"#
        );
        // Go escapes < & > as \u003c etc.: 3 × 5 extra bytes.
        assert_eq!(
            internal_dsl_len(&two),
            r#"["AND",["OR",["STARTS_WITH","URL","/a"],["EQ","URL","/b"]],["EQ","HEADER","x","<&>"]]"#
                .len()
                + 15
        );
        // EXIST in a multi-row term: ALB refuses the rule.
        assert_eq!(
            internal_dsl(&[t("COOKIE", Some("a"), &[&["EXIST"], &["EQ", "1"]])]),
            None
        );
    }

    #[test]
    fn sort_keys_order_like_alb() {
        let k = |name: &str, p: Option<i64>, d: &[DslxTerm]| SortKey::of(name, p, d);
        let host = [t("HOST", None, &[&["EQ", "a.com"]])];
        let url = [t("URL", None, &[&["STARTS_WITH", "/abc"]])];
        let url_long = [t("URL", None, &[&["STARTS_WITH", "/abcd"]])];
        // priority first, even against a heavier rule.
        assert!(k("z", Some(1), &url) < k("a", Some(2), &host));
        // unset = 0 sorts before 1
        assert!(k("z", None, &url) < k("a", Some(1), &url));
        // weight descending
        assert!(k("z", Some(5), &host) < k("a", Some(5), &url));
        assert!(k("z", Some(5), &url_long) < k("a", Some(5), &url));
        // equal weight: longer internal DSL first. IN of two hosts vs EQ: both 50000.
        let in2 = [t("HOST", None, &[&["IN", "a.com", "b.com"]])];
        assert!(k("z", Some(5), &in2) < k("a", Some(5), &host));
        // all equal: name decides.
        assert!(k("a", Some(5), &host) < k("b", Some(5), &host));
        // default backend last
        assert!(k("z", Some(10), &url) < SortKey::frontend_default("a"));
        assert!(SortKey::frontend_default("a") < k("z", Some(1000), &url));
    }
}
