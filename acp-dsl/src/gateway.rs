//! Gateway API `HTTPRoute` matches → `dslx`, as ALB's gateway controller translates them
//! (alauda/alb `gateway/nginx/http/httproute.go` `HttpRuleMatchToDSLX`,
//! `gateway/nginx/utils/utils.go` `ToOP`).
//!
//! The Gateway API types are not in `k8s-openapi`; [`HttpRouteMatch`] holds the fields of
//! `HTTPRouteMatch` the translation reads.

use acp_model::validation::echo;

use crate::wire::DslxTerm;

/// A typed string match (`path`, `headers[]`, `queryParams[]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StringMatch {
    /// `type`: `Exact` (the default), `PathPrefix`, `RegularExpression`.
    pub kind: Option<String>,
    /// Header or parameter name (unused for `path`).
    pub name: String,
    /// `value` (for `path`, absent means `/`).
    pub value: Option<String>,
}

/// The parts of a Gateway API `HTTPRouteMatch` that become `dslx`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpRouteMatch {
    /// `path`.
    pub path: Option<StringMatch>,
    /// `headers`.
    pub headers: Vec<StringMatch>,
    /// `queryParams`.
    pub query_params: Vec<StringMatch>,
    /// `method`.
    pub method: Option<String>,
}

/// A match whose `type` ALB's gateway controller does not translate, e.g.
/// `invalid path match: unsupported match type Glob` (the type is shortened as
/// [`acp_model::validation::echo`] does).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid {section} match: unsupported match type {}", echo(match_type))]
#[non_exhaustive]
pub struct MatchTypeError {
    /// Which part of the match: `path`, `header` or `query params`.
    pub section: &'static str,
    /// The `type` as written.
    pub match_type: String,
}

fn op(kind: Option<&str>, section: &'static str) -> Result<&'static str, MatchTypeError> {
    match kind {
        None | Some("Exact") => Ok("EQ"),
        Some("PathPrefix") => Ok("STARTS_WITH"),
        Some("RegularExpression") => Ok("REGEX"),
        Some(other) => Err(MatchTypeError {
            section,
            match_type: other.to_owned(),
        }),
    }
}

fn term(kind: &str, key: Option<&str>, row: Vec<String>) -> DslxTerm {
    DslxTerm {
        kind: kind.to_owned(),
        key: key.map(str::to_owned),
        values: vec![row],
    }
}

/// The `dslx` of one match under the effective hostnames: one `*.` hostname → `HOST ENDS_WITH`,
/// otherwise `HOST IN` all of them; then each query parameter, the path, each header, the method.
///
/// ```
/// use acp_dsl::gateway::{http_route_match_to_dslx, HttpRouteMatch, StringMatch};
/// let m = HttpRouteMatch {
///     path: Some(StringMatch { kind: Some("PathPrefix".into()), value: Some("/api".into()), ..Default::default() }),
///     method: Some("GET".into()),
///     ..Default::default()
/// };
/// let d = http_route_match_to_dslx(&["*.a.com".into()], &m).unwrap();
/// assert_eq!(acp_dsl::legacy::print(&d), "(AND (ENDS_WITH HOST *.a.com) (STARTS_WITH URL /api) (EQ METHOD GET))");
/// ```
pub fn http_route_match_to_dslx(
    hostnames: &[String],
    m: &HttpRouteMatch,
) -> Result<Vec<DslxTerm>, MatchTypeError> {
    let mut out = Vec::new();
    match hostnames {
        [one] if one.starts_with("*.") => {
            out.push(term("HOST", None, vec!["ENDS_WITH".into(), one.clone()]));
        }
        [] => {}
        many => {
            let mut row = vec!["IN".to_owned()];
            row.extend(many.iter().cloned());
            out.push(term("HOST", None, row));
        }
    }
    for q in &m.query_params {
        let o = op(q.kind.as_deref(), "query params")?;
        out.push(term(
            "PARAM",
            Some(&q.name),
            vec![o.into(), q.value.clone().unwrap_or_default()],
        ));
    }
    if let Some(p) = &m.path {
        let o = op(p.kind.as_deref(), "path")?;
        let v = p.value.clone().unwrap_or_else(|| "/".to_owned());
        out.push(term("URL", None, vec![o.into(), v]));
    }
    for h in &m.headers {
        let o = op(h.kind.as_deref(), "header")?;
        out.push(term(
            "HEADER",
            Some(&h.name),
            vec![o.into(), h.value.clone().unwrap_or_default()],
        ));
    }
    if let Some(method) = &m.method {
        out.push(term("METHOD", None, vec!["EQ".into(), method.clone()]));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostnames_params_headers() {
        let m = HttpRouteMatch {
            path: Some(StringMatch::default()),
            headers: vec![StringMatch {
                kind: Some("RegularExpression".into()),
                name: "x-v".into(),
                value: Some("^1".into()),
            }],
            query_params: vec![StringMatch {
                kind: None,
                name: "g".into(),
                value: Some("vip".into()),
            }],
            method: None,
        };
        let d = http_route_match_to_dslx(&["a.com".into(), "*.b.com".into()], &m).unwrap();
        assert_eq!(
            crate::legacy::print(&d),
            "(AND (IN HOST a.com *.b.com) (EQ PARAM g vip) (EQ URL /) (REGEX HEADER x-v ^1))"
        );
        let bad = HttpRouteMatch {
            path: Some(StringMatch {
                kind: Some("Glob".into()),
                ..StringMatch::default()
            }),
            ..HttpRouteMatch::default()
        };
        assert_eq!(
            http_route_match_to_dslx(&[], &bad).unwrap_err().to_string(),
            "invalid path match: unsupported match type Glob"
        );
    }
}
