//! The wire form of one `dslx` match term (a Rule's `spec.dslx` entry).

use serde::{Deserialize, Deserializer, Serialize};

// seed 001:1118-1151, 1181-1215; seed 001:1172-1179
/// One `dslx` term on the wire: a match `type` (`URL`, `HOST`, `HEADER`, …), an optional `key`
/// (header, cookie or parameter name) and alternatives, each `[OPERATOR, operand…]`
/// (alauda/alb `DSLXTerm`).
///
/// Terms are ANDed; the alternatives inside `values` are ORed.
/// This is wire data only; the typed language
/// (operators, validation, matching) is crate `acp-dsl`'s.
///
/// ```
/// use acp_model::alb::DslxTerm;
/// let json = r#"{"type":"HEADER","key":"x-user","values":[["IN","a","b"]]}"#;
/// let term: DslxTerm = serde_json::from_str(json).unwrap();
/// assert_eq!((term.kind.as_str(), term.key.as_deref()), ("HEADER", Some("x-user")));
/// assert_eq!(serde_json::to_string(&term).unwrap(), json);
/// ```
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DslxTerm {
    // seed 001:1119-1148
    /// Wire name `type`: what is matched (`METHOD`, `URL`, `PARAM`, `HOST`, `HEADER`, `COOKIE`,
    /// `SRC_IP` in the ACP documentation).
    #[serde(rename = "type")]
    pub kind: String,
    // seed 001:1129, 1138, 1144
    /// The header, cookie or query-parameter name, for the types that need one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    // seed 001:1123-1127
    /// Alternatives, each `[OPERATOR, operand…]`, e.g. `[["STARTS_WITH", "/app-a"], ["STARTS_WITH",
    /// "/app-b"]]`. A `null` (Go's nil slice) reads as
    /// empty.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub values: Vec<Vec<String>>,
}

fn null_as_empty<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<String>>, D::Error> {
    Ok(Option::<Vec<Vec<String>>>::deserialize(d)?.unwrap_or_default())
}

impl DslxTerm {
    /// A term without a key.
    pub fn new(kind: impl Into<String>, values: Vec<Vec<String>>) -> Self {
        DslxTerm {
            kind: kind.into(),
            key: None,
            values,
        }
    }

    /// A term with a key (`HEADER`, `COOKIE`, `PARAM`).
    pub fn with_key(
        kind: impl Into<String>,
        key: impl Into<String>,
        values: Vec<Vec<String>>,
    ) -> Self {
        DslxTerm {
            kind: kind.into(),
            key: Some(key.into()),
            values,
        }
    }
}
