//! Kubernetes-style field validation: every problem at once, each with its field path.
//!
//! The types mirror apimachinery's `pkg/util/validation/field` (`errors.go`, `path.go`): an
//! [`ErrorList`] of [`FieldError`]s, each a [`FieldPath`], an [`ErrorType`], the offending
//! [`BadValue`] and a detail. `Display` prints byte-for-byte what the apiserver prints, so an
//! admission webhook can return our messages unchanged:
//!
//! ```
//! use acp_model::validation::{ErrorList, FieldError, FieldPath};
//!
//! let path = FieldPath::new("spec").child("dslx").index(2).child("values").index(0).index(0);
//! let mut errs = ErrorList::new();
//! errs.push(FieldError::not_supported(&path, "FOO", &["EQ", "IN"]));
//! assert_eq!(
//!     errs.to_string(),
//!     r#"spec.dslx[2].values[0][0]: Unsupported value: "FOO": supported values: "EQ", "IN""#
//! );
//! ```

use std::borrow::Cow;
use std::fmt;

pub use crate::go::quote as go_quote;

/// The most bytes of one user-supplied value (or detail) an error message repeats.
///
/// A longer value is cut at a character boundary at or below this length and followed by
/// `…(N bytes)`, its full length, so that a 1 MB label value or regex yields a short message.
/// The full value stays available in [`FieldError::bad_value`].
pub const MAX_ECHOED_BYTES: usize = 256;

/// The first [`MAX_ECHOED_BYTES`] bytes of `s` followed by `…(N bytes)`, or `s` unchanged when
/// it is short enough.
///
/// ```
/// use acp_model::validation::{echo, MAX_ECHOED_BYTES};
/// assert_eq!(echo("short"), "short");
/// let long = "a".repeat(1 << 20);
/// let e = echo(&long);
/// assert!(e.len() < MAX_ECHOED_BYTES + 32);
/// assert!(e.ends_with("…(1048576 bytes)"));
/// ```
pub fn echo(s: &str) -> Cow<'_, str> {
    echo_n(s, MAX_ECHOED_BYTES)
}

/// A path to a field, printed as Kubernetes prints `field.Path`: `spec.containers[0].name`,
/// `metadata.labels[app]`.
///
/// Source: apimachinery `pkg/util/validation/field/path.go` (`Child`, `Index`, `Key`, `String`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FieldPath {
    text: String,
}

impl FieldPath {
    /// A root path made of one field name (`"spec"`, `"metadata"`).
    pub fn new(root: &str) -> Self {
        FieldPath {
            text: root.to_owned(),
        }
    }

    /// The empty path (for errors about the whole object).
    pub fn root() -> Self {
        FieldPath::default()
    }

    /// `self.name` (or `name` when `self` is the empty path).
    #[must_use]
    pub fn child(&self, name: &str) -> Self {
        let mut text = self.text.clone();
        if !text.is_empty() {
            text.push('.');
        }
        text.push_str(name);
        FieldPath { text }
    }

    /// `self[index]`, a list element.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        FieldPath {
            text: format!("{}[{index}]", self.text),
        }
    }

    /// `self[key]`, a map entry (the key is printed unquoted, as Kubernetes does).
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        FieldPath {
            text: format!("{}[{key}]", self.text),
        }
    }

    /// The printed path.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.text.is_empty() {
            f.write_str("<nil>")
        } else {
            f.write_str(&self.text)
        }
    }
}

/// The kind of a field error, with the words Kubernetes prints for it.
///
/// Source: apimachinery `field.ErrorType` and `ErrorType.String()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorType {
    /// `Not found`.
    NotFound,
    /// `Required value`.
    Required,
    /// `Duplicate value`.
    Duplicate,
    /// `Invalid value`.
    Invalid,
    /// `Unsupported value` (the value is not one of a closed set).
    NotSupported,
    /// `Forbidden`.
    Forbidden,
    /// `Too long`.
    TooLong,
    /// `Too many` (a list has too many items).
    TooMany,
    /// `Too few`.
    TooFew,
    /// `Internal error`.
    Internal,
    /// `Invalid value` (of the wrong type).
    TypeInvalid,
}

impl ErrorType {
    /// The words Kubernetes prints (`ErrorType.String()`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorType::NotFound => "Not found",
            ErrorType::Required => "Required value",
            ErrorType::Duplicate => "Duplicate value",
            ErrorType::Invalid | ErrorType::TypeInvalid => "Invalid value",
            ErrorType::NotSupported => "Unsupported value",
            ErrorType::Forbidden => "Forbidden",
            ErrorType::TooLong => "Too long",
            ErrorType::TooMany => "Too many",
            ErrorType::TooFew => "Too few",
            ErrorType::Internal => "Internal error",
        }
    }

    /// The machine-readable reason (`FieldValueRequired`, …) used in `metav1.StatusCause.type`.
    pub fn reason(self) -> &'static str {
        match self {
            ErrorType::NotFound => "FieldValueNotFound",
            ErrorType::Required => "FieldValueRequired",
            ErrorType::Duplicate => "FieldValueDuplicate",
            ErrorType::Invalid => "FieldValueInvalid",
            ErrorType::NotSupported => "FieldValueNotSupported",
            ErrorType::Forbidden => "FieldValueForbidden",
            ErrorType::TooLong => "FieldValueTooLong",
            ErrorType::TooMany => "FieldValueTooMany",
            ErrorType::TooFew => "FieldValueTooFew",
            ErrorType::Internal => "InternalError",
            ErrorType::TypeInvalid => "FieldValueTypeInvalid",
        }
    }
}

impl fmt::Display for ErrorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The offending value of a field error, printed as apimachinery's `ErrorBody` prints it:
/// strings quoted (Go `%q`), numbers and booleans bare, structures as JSON.
#[derive(Clone, Debug, PartialEq)]
pub enum BadValue {
    /// Not printed at all (Go's `omitValue`).
    Omitted,
    /// A string, printed quoted.
    Str(String),
    /// An integer, printed bare.
    Int(i64),
    /// A boolean, printed bare.
    Bool(bool),
    /// Anything else, printed as compact JSON.
    Json(serde_json::Value),
}

impl From<&str> for BadValue {
    fn from(v: &str) -> Self {
        BadValue::Str(v.to_owned())
    }
}
impl From<String> for BadValue {
    fn from(v: String) -> Self {
        BadValue::Str(v)
    }
}
impl From<&String> for BadValue {
    fn from(v: &String) -> Self {
        BadValue::Str(v.clone())
    }
}
impl From<i64> for BadValue {
    fn from(v: i64) -> Self {
        BadValue::Int(v)
    }
}
impl From<i32> for BadValue {
    fn from(v: i32) -> Self {
        BadValue::Int(i64::from(v))
    }
}
impl From<u16> for BadValue {
    fn from(v: u16) -> Self {
        BadValue::Int(i64::from(v))
    }
}
impl From<u32> for BadValue {
    fn from(v: u32) -> Self {
        BadValue::Int(i64::from(v))
    }
}
impl From<usize> for BadValue {
    fn from(v: usize) -> Self {
        BadValue::Int(i64::try_from(v).unwrap_or(i64::MAX))
    }
}
impl From<bool> for BadValue {
    fn from(v: bool) -> Self {
        BadValue::Bool(v)
    }
}
impl From<serde_json::Value> for BadValue {
    fn from(v: serde_json::Value) -> Self {
        BadValue::Json(v)
    }
}

/// One validation problem: where, what kind, the bad value, and what is allowed.
///
/// `Display` is apimachinery's `(*field.Error).Error()`: `<path>: <type>[: <value>][: <detail>]`,
/// with two differences: an error about the whole object (the empty path, which Go prints
/// `<nil>`) prints its body alone, and a value or detail longer than [`MAX_ECHOED_BYTES`] is shortened (see
/// [`echo`]).
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// What kind of problem.
    pub kind: ErrorType,
    /// The field, printed (`spec.ports[0]`).
    pub field: String,
    /// The offending value.
    pub bad_value: BadValue,
    /// What is wrong or what is allowed.
    pub detail: String,
}

impl FieldError {
    /// A field error of any kind.
    pub fn new(
        kind: ErrorType,
        path: &FieldPath,
        value: impl Into<BadValue>,
        detail: impl Into<String>,
    ) -> Self {
        FieldError {
            kind,
            field: path.to_string(),
            bad_value: value.into(),
            detail: detail.into(),
        }
    }

    /// `Required value` (`field.Required`).
    pub fn required(path: &FieldPath, detail: impl Into<String>) -> Self {
        FieldError::new(
            ErrorType::Required,
            path,
            BadValue::Str(String::new()),
            detail,
        )
    }

    /// `Invalid value: <value>: <detail>` (`field.Invalid`).
    pub fn invalid(
        path: &FieldPath,
        value: impl Into<BadValue>,
        detail: impl Into<String>,
    ) -> Self {
        FieldError::new(ErrorType::Invalid, path, value, detail)
    }

    /// `Unsupported value: <value>: supported values: "a", "b"` (`field.NotSupported`).
    pub fn not_supported<S: AsRef<str>>(
        path: &FieldPath,
        value: impl Into<BadValue>,
        supported: &[S],
    ) -> Self {
        let detail = if supported.is_empty() {
            String::new()
        } else {
            let quoted: Vec<String> = supported.iter().map(|s| go_quote(s.as_ref())).collect();
            format!("supported values: {}", quoted.join(", "))
        };
        FieldError::new(ErrorType::NotSupported, path, value, detail)
    }

    /// `Duplicate value: <value>` (`field.Duplicate`).
    pub fn duplicate(path: &FieldPath, value: impl Into<BadValue>) -> Self {
        FieldError::new(ErrorType::Duplicate, path, value, "")
    }

    /// `Not found: <value>` (`field.NotFound`).
    pub fn not_found(path: &FieldPath, value: impl Into<BadValue>) -> Self {
        FieldError::new(ErrorType::NotFound, path, value, "")
    }

    /// `Forbidden: <detail>` (`field.Forbidden`).
    pub fn forbidden(path: &FieldPath, detail: impl Into<String>) -> Self {
        FieldError::new(
            ErrorType::Forbidden,
            path,
            BadValue::Str(String::new()),
            detail,
        )
    }

    /// `Too long: may not be more than N bytes` (`field.TooLong`).
    pub fn too_long(path: &FieldPath, max_bytes: usize) -> Self {
        let unit = if max_bytes == 1 { "byte" } else { "bytes" };
        FieldError::new(
            ErrorType::TooLong,
            path,
            BadValue::Omitted,
            format!("may not be more than {max_bytes} {unit}"),
        )
    }

    /// `Too many: <actual>: must have at most N items` (`field.TooMany`).
    pub fn too_many(path: &FieldPath, actual: usize, max: usize) -> Self {
        let unit = if max == 1 { "item" } else { "items" };
        FieldError::new(
            ErrorType::TooMany,
            path,
            actual,
            format!("must have at most {max} {unit}"),
        )
    }

    /// `Internal error: <detail>` (`field.InternalError`).
    pub fn internal(path: &FieldPath, detail: impl Into<String>) -> Self {
        FieldError::new(ErrorType::Internal, path, BadValue::Omitted, detail)
    }

    /// The message without the field path (`ErrorBody`), long values and details shortened
    /// as [`echo`] does.
    // DEVIATION: apimachinery echoes the whole value; we cap it at MAX_ECHOED_BYTES.
    pub fn body(&self) -> String {
        let mut s = String::from(self.kind.as_str());
        let prints_value = matches!(
            self.kind,
            ErrorType::Invalid
                | ErrorType::TypeInvalid
                | ErrorType::NotSupported
                | ErrorType::NotFound
                | ErrorType::Duplicate
                | ErrorType::TooMany
                | ErrorType::TooFew
        );
        if prints_value {
            match &self.bad_value {
                BadValue::Omitted => {}
                BadValue::Str(v) => {
                    s.push_str(": ");
                    s.push_str(&go_quote(&echo(v)));
                }
                BadValue::Int(v) => s.push_str(&format!(": {v}")),
                BadValue::Bool(v) => s.push_str(&format!(": {v}")),
                BadValue::Json(v) => {
                    s.push_str(": ");
                    s.push_str(&echo(&v.to_string()));
                }
            }
        }
        if !self.detail.is_empty() {
            s.push_str(": ");
            // Details are longer than values by nature ("supported values: …"); allow four
            // times as much before cutting.
            s.push_str(&echo_n(&self.detail, 4 * MAX_ECHOED_BYTES));
        }
        s
    }
}

fn echo_n(s: &str, max: usize) -> Cow<'_, str> {
    if s.len() <= max {
        return Cow::Borrowed(s);
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}…({} bytes)", &s[..end], s.len()))
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // DEVIATION: apimachinery prints `<nil>: <body>` (or `: <body>`) for the whole-object
        // path; we print the body alone so that no message starts with an empty field path.
        if self.field.is_empty() || self.field == "<nil>" {
            f.write_str(&self.body())
        } else {
            write!(f, "{}: {}", self.field, self.body())
        }
    }
}

impl std::error::Error for FieldError {}

/// Every problem found, in the order found. Empty means valid.
///
/// `Display` follows apimachinery's aggregate error: one error prints alone, several print as
/// `[a, b]` with exact duplicates dropped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ErrorList(pub Vec<FieldError>);

impl ErrorList {
    /// An empty list.
    pub fn new() -> Self {
        ErrorList(Vec::new())
    }

    /// Appends one error.
    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    /// Appends all errors of another list.
    pub fn extend(&mut self, other: ErrorList) {
        self.0.extend(other.0);
    }

    /// No problems.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Iterates the errors.
    pub fn iter(&self) -> std::slice::Iter<'_, FieldError> {
        self.0.iter()
    }

    /// The errors, in the order found.
    pub fn as_slice(&self) -> &[FieldError] {
        &self.0
    }

    /// The errors, owned.
    pub fn into_vec(self) -> Vec<FieldError> {
        self.0
    }

    /// `Ok(())` when empty, the list otherwise.
    pub fn into_result(self) -> Result<(), ErrorList> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }

    /// The message the apiserver returns when an object fails validation:
    /// `<Kind>[.<group>] "<name>" is invalid: <errors>` (apimachinery `errors.NewInvalid`).
    ///
    /// ```
    /// use acp_model::validation::{ErrorList, FieldError, FieldPath};
    /// let mut errs = ErrorList::new();
    /// errs.push(FieldError::required(&FieldPath::new("spec").child("port"), ""));
    /// assert_eq!(
    ///     errs.invalid_message("Frontend", "crd.alauda.io", "alb-00080"),
    ///     r#"Frontend.crd.alauda.io "alb-00080" is invalid: spec.port: Required value"#
    /// );
    /// ```
    pub fn invalid_message(&self, kind: &str, group: &str, name: &str) -> String {
        let gk = if group.is_empty() {
            kind.to_owned()
        } else {
            format!("{kind}.{group}")
        };
        format!("{gk} {} is invalid: {self}", go_quote(name))
    }
}

impl fmt::Display for ErrorList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut set = std::collections::HashSet::new();
        let mut seen: Vec<String> = Vec::new();
        for e in &self.0 {
            let msg = e.to_string();
            if set.insert(msg.clone()) {
                seen.push(msg);
            }
        }
        match seen.len() {
            0 => Ok(()),
            1 => f.write_str(&seen[0]),
            _ => write!(f, "[{}]", seen.join(", ")),
        }
    }
}

impl std::error::Error for ErrorList {}

impl IntoIterator for ErrorList {
    type Item = FieldError;
    type IntoIter = std::vec::IntoIter<FieldError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a ErrorList {
    type Item = &'a FieldError;
    type IntoIter = std::slice::Iter<'a, FieldError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl FromIterator<FieldError> for ErrorList {
    fn from_iter<I: IntoIterator<Item = FieldError>>(iter: I) -> Self {
        ErrorList(iter.into_iter().collect())
    }
}

impl From<FieldError> for ErrorList {
    fn from(e: FieldError) -> Self {
        ErrorList(vec![e])
    }
}

/// Validation of a whole object, with the rules the ACP documentation states.
///
/// Paths start at the object's root (`metadata.name`, `spec.port`). Implementations report every
/// problem, never stop at the first.
pub trait Validate {
    /// Every problem with this object; empty when valid.
    fn validate(&self) -> ErrorList;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_print_like_field_path() {
        let p = FieldPath::new("spec")
            .child("containers")
            .index(0)
            .child("ports")
            .index(3);
        assert_eq!(p.to_string(), "spec.containers[0].ports[3]");
        assert_eq!(
            FieldPath::new("metadata")
                .child("labels")
                .key("app")
                .to_string(),
            "metadata.labels[app]"
        );
        assert_eq!(FieldPath::root().child("spec").to_string(), "spec");
        assert_eq!(FieldPath::root().to_string(), "<nil>");
    }

    #[test]
    fn bodies_match_apimachinery_error_body() {
        let p = FieldPath::new("spec").child("port");
        assert_eq!(
            FieldError::required(&p, "").to_string(),
            "spec.port: Required value"
        );
        assert_eq!(
            FieldError::required(&p, "L4 frontends need a serviceGroup").to_string(),
            "spec.port: Required value: L4 frontends need a serviceGroup"
        );
        assert_eq!(
            FieldError::invalid(&p, 70000i64, "must be between 1 and 65535, inclusive").to_string(),
            "spec.port: Invalid value: 70000: must be between 1 and 65535, inclusive"
        );
        assert_eq!(
            FieldError::invalid(&p, "x\"y", "").to_string(),
            r#"spec.port: Invalid value: "x\"y""#
        );
        assert_eq!(
            FieldError::forbidden(&p, "may not be set").to_string(),
            "spec.port: Forbidden: may not be set"
        );
        assert_eq!(
            FieldError::too_long(&p, 63).to_string(),
            "spec.port: Too long: may not be more than 63 bytes"
        );
        assert_eq!(
            FieldError::too_long(&p, 1).to_string(),
            "spec.port: Too long: may not be more than 1 byte"
        );
        assert_eq!(
            FieldError::too_many(&p, 5, 4).to_string(),
            "spec.port: Too many: 5: must have at most 4 items"
        );
        assert_eq!(
            FieldError::duplicate(&p, "a").to_string(),
            r#"spec.port: Duplicate value: "a""#
        );
        assert_eq!(
            FieldError::invalid(&p, serde_json::json!({"a": [1]}), "bad").to_string(),
            r#"spec.port: Invalid value: {"a":[1]}: bad"#
        );
        assert_eq!(
            FieldError::invalid(&p, true, "").to_string(),
            "spec.port: Invalid value: true"
        );
        let none: [&str; 0] = [];
        assert_eq!(
            FieldError::not_supported(&p, "x", &none).to_string(),
            r#"spec.port: Unsupported value: "x""#
        );
    }

    #[test]
    fn aggregate_prints_brackets_and_drops_duplicates() {
        let p = FieldPath::new("a");
        let one: ErrorList = FieldError::required(&p, "").into();
        assert_eq!(one.to_string(), "a: Required value");
        let two: ErrorList = vec![
            FieldError::required(&p, ""),
            FieldError::required(&p, ""),
            FieldError::forbidden(&p, "no"),
        ]
        .into_iter()
        .collect();
        assert_eq!(two.to_string(), "[a: Required value, a: Forbidden: no]");
        assert_eq!(two.len(), 3);
        assert!(ErrorList::new().into_result().is_ok());
    }
}
