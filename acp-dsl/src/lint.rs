//! Lints over a compiled rule set: rules that can never win, and winners decided only by the
//! name tie-break. Every lint names both rules.
//!
//! The checks are conservative (sound, not complete): a rule is reported as shadowed only when
//! an earlier rule provably matches every request it matches; two rules are reported as
//! overlapping unless they provably exclude each other on some target.

use std::fmt;

use crate::ast::{Cond, Dslx, Target, Term};
use crate::eval::ends_with_wildcard;
use crate::ruleset::RuleSet;

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Lint {
    /// `rule` can never win: `by`, earlier in ALB order, matches every request `rule` matches.
    Shadowed {
        /// The rule that never wins.
        rule: String,
        /// The earlier rule that takes its requests.
        by: String,
    },
    /// `rule` comes after `catch_all`, which matches every request.
    AfterCatchAll {
        /// The unreachable rule.
        rule: String,
        /// The catch-all rule.
        catch_all: String,
    },
    /// `first` and `second` have the same priority, weight and DSL length and may match the
    /// same request: only the name decides which wins.
    NameTieBreak {
        /// The rule that wins on the name.
        first: String,
        /// The rule that loses on the name.
        second: String,
    },
}

impl fmt::Display for Lint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Lint::Shadowed { rule, by } => write!(
                f,
                "rule {rule} can never win: {by} comes first and matches every request it matches"
            ),
            Lint::AfterCatchAll { rule, catch_all } => write!(
                f,
                "rule {rule} is unreachable: {catch_all} comes first and matches every request"
            ),
            Lint::NameTieBreak { first, second } => write!(
                f,
                "rules {first} and {second} tie on priority, weight and length and may match \
                 the same request: {first} wins only because of its name"
            ),
        }
    }
}

/// Whether a row holds for every request (on a target that is always present).
fn row_always(target: &Target, c: &Cond) -> bool {
    let always_present = matches!(
        target,
        Target::Host | Target::Url | Target::Method | Target::SrcIp
    );
    match c {
        Cond::Exist => always_present,
        Cond::StartsWith(p) => always_present && p.is_empty(),
        Cond::Regex(p) => always_present && p.as_str().is_empty(),
        _ => false,
    }
}

/// Whether a `dslx` matches every request (URL `STARTS_WITH /` counts: paths start with `/`).
pub fn is_catch_all(d: &Dslx) -> bool {
    d.terms().iter().all(|t| {
        t.rows().iter().any(|c| {
            row_always(t.target(), c)
                || (*t.target() == Target::Url && *c == Cond::StartsWith("/".into()))
        })
    })
}

/// Whether row `b` implies row `a` (every value satisfying `b` satisfies `a`).
fn row_implies(b: &Cond, a: &Cond) -> bool {
    if b == a || matches!(a, Cond::Exist) {
        return true;
    }
    let values: Option<Vec<&String>> = match b {
        Cond::Eq(v) => Some(vec![v]),
        Cond::In(vs) => Some(vs.iter().collect()),
        _ => None,
    };
    if let Some(vs) = values {
        return vs.iter().all(|v| match a {
            Cond::Eq(x) => x == *v,
            Cond::In(xs) => xs.contains(v),
            Cond::StartsWith(p) => v.starts_with(p.as_str()),
            Cond::EndsWith(p) => ends_with_wildcard(v, p),
            Cond::Regex(p) => p.is_match(v),
            Cond::Range(r) => crate::eval::in_range(v, r, false),
            Cond::Exist => true,
        });
    }
    match (b, a) {
        (Cond::StartsWith(q), Cond::StartsWith(p)) => q.starts_with(p.as_str()),
        _ => false,
    }
}

/// Whether term `b` implies term `a` (same target, each row of `b` implies a row of `a`).
fn term_implies(b: &Term, a: &Term) -> bool {
    b.target() == a.target()
        && b.rows()
            .iter()
            .all(|rb| a.rows().iter().any(|ra| row_implies(rb, ra)))
}

/// Whether `a` matches every request `b` matches (sound, not complete; documented semantics).
pub fn covers(a: &Dslx, b: &Dslx) -> bool {
    a.terms().iter().all(|ta| {
        ta.rows().iter().any(|c| row_always(ta.target(), c))
            || b.terms().iter().any(|tb| term_implies(tb, ta))
    })
}

fn rows_disjoint(a: &Cond, b: &Cond) -> bool {
    fn values(c: &Cond) -> Option<Vec<&String>> {
        match c {
            Cond::Eq(v) => Some(vec![v]),
            Cond::In(vs) => Some(vs.iter().collect()),
            _ => None,
        }
    }
    match (values(a), values(b)) {
        (Some(va), Some(vb)) => !va.iter().any(|x| vb.contains(x)),
        (Some(va), None) => match b {
            Cond::StartsWith(p) => !va.iter().any(|v| v.starts_with(p.as_str())),
            _ => false,
        },
        (None, Some(_)) => rows_disjoint(b, a),
        (None, None) => match (a, b) {
            (Cond::StartsWith(p), Cond::StartsWith(q)) => {
                !p.starts_with(q.as_str()) && !q.starts_with(p.as_str())
            }
            _ => false,
        },
    }
}

/// Whether `a` and `b` provably never match the same request: some target on which every row
/// of one excludes every row of the other (exact values, prefixes).
pub fn disjoint(a: &Dslx, b: &Dslx) -> bool {
    a.terms().iter().any(|ta| {
        b.terms().iter().any(|tb| {
            tb.target() == ta.target()
                && ta
                    .rows()
                    .iter()
                    .all(|ra| tb.rows().iter().all(|rb| rows_disjoint(ra, rb)))
        })
    })
}

/// Every finding in a rule set, in ALB order of the reported rule.
///
/// Cost is quadratic in the number of rules (offline use).
pub fn lint(set: &RuleSet) -> Vec<Lint> {
    let rules = set.rules();
    let mut out = Vec::new();
    let mut catch_all: Option<usize> = None;
    for (j, b) in rules.iter().enumerate() {
        if let Some(c) = catch_all {
            out.push(Lint::AfterCatchAll {
                rule: b.name().to_owned(),
                catch_all: rules[c].name().to_owned(),
            });
            continue;
        }
        if let Some(a) = rules[..j].iter().find(|a| covers(a.dslx(), b.dslx())) {
            out.push(Lint::Shadowed {
                rule: b.name().to_owned(),
                by: a.name().to_owned(),
            });
        } else if let Some(a) = rules[..j].iter().rev().find(|a| {
            let (ka, kb) = (a.sort_key(), b.sort_key());
            ka.priority == kb.priority && ka.weight == kb.weight && ka.dsl_len == kb.dsl_len
        }) && !disjoint(a.dslx(), b.dslx())
        {
            out.push(Lint::NameTieBreak {
                first: a.name().to_owned(),
                second: b.name().to_owned(),
            });
        }
        if is_catch_all(b.dslx()) {
            catch_all = Some(j);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RuleInput;
    use crate::wire::DslxTerm;

    fn t(kind: &str, rows: &[&[&str]]) -> DslxTerm {
        DslxTerm {
            kind: kind.into(),
            key: None,
            values: rows
                .iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect())
                .collect(),
        }
    }

    #[test]
    fn finds_shadowed_tied_and_unreachable_rules() {
        let set = RuleSet::compile(vec![
            RuleInput::new(
                "broad",
                Some(1),
                vec![t("URL", &[&["STARTS_WITH", "/api"]])],
            ),
            RuleInput::new(
                "narrow",
                Some(2),
                vec![
                    t("URL", &[&["STARTS_WITH", "/api/v1"]]),
                    t("METHOD", &[&["EQ", "GET"]]),
                ],
            ),
            RuleInput::new("b-tie", Some(3), vec![t("URL", &[&["STARTS_WITH", "/x1"]])]),
            RuleInput::new("a-tie", Some(3), vec![t("URL", &[&["STARTS_WITH", "/x2"]])]),
            RuleInput::new(
                "k-tie",
                Some(5),
                vec![DslxTerm {
                    kind: "HEADER".into(),
                    key: Some("y".into()),
                    values: vec![vec!["EQ".into(), "1".into()]],
                }],
            ),
            RuleInput::new(
                "j-tie",
                Some(5),
                vec![DslxTerm {
                    kind: "HEADER".into(),
                    key: Some("x".into()),
                    values: vec![vec!["EQ".into(), "1".into()]],
                }],
            ),
            RuleInput::new("h1", Some(4), vec![t("HOST", &[&["EQ", "a.com"]])]),
            RuleInput::new("h2", Some(4), vec![t("HOST", &[&["EQ", "b.com"]])]),
            RuleInput::new("all", Some(8), vec![t("URL", &[&["STARTS_WITH", "/"]])]),
            RuleInput::new("late", Some(9), vec![t("HOST", &[&["EQ", "c.com"]])]),
            RuleInput::frontend_default("ft", vec![]),
        ]);
        let l = lint(&set);
        assert_eq!(
            l,
            vec![
                Lint::Shadowed {
                    rule: "narrow".into(),
                    by: "broad".into()
                },
                // a-tie/b-tie (/x1, /x2) and h1/h2 tie but are disjoint: not reported.
                Lint::NameTieBreak {
                    first: "j-tie".into(),
                    second: "k-tie".into()
                },
                Lint::AfterCatchAll {
                    rule: "late".into(),
                    catch_all: "all".into()
                },
                Lint::AfterCatchAll {
                    rule: "ft".into(),
                    catch_all: "all".into()
                },
            ]
        );
        assert_eq!(
            l[0].to_string(),
            "rule narrow can never win: broad comes first and matches every request it matches"
        );
    }

    #[test]
    fn implication_of_rows() {
        assert!(row_implies(
            &Cond::Eq("a.b.com".into()),
            &Cond::EndsWith("*.b.com".into())
        ));
        assert!(!row_implies(
            &Cond::Eq("b.com".into()),
            &Cond::EndsWith("*.b.com".into())
        ));
        assert!(row_implies(
            &Cond::In(vec!["/a".into(), "/ab".into()]),
            &Cond::StartsWith("/a".into())
        ));
        assert!(!row_implies(
            &Cond::StartsWith("/a".into()),
            &Cond::StartsWith("/ab".into())
        ));
    }
}
