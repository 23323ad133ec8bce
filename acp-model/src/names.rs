//! Kubernetes name and label checks with apimachinery's exact messages.
//!
//! Each `is_*` function returns the list of problems (empty when valid), worded as apimachinery
//! v0.35 words them, so a message can be passed to [`FieldError::invalid`] unchanged. Sources:
//! `k8s.io/apimachinery/pkg/util/validation/validation.go` (`IsDNS1123Label`,
//! `IsDNS1123Subdomain`, `IsDNS1035Label`, `IsValidPortNum`, `IsValidPortName`,
//! `IsConfigMapKey`) and
//! `pkg/api/validate/content/kube.go` (`IsLabelKey` a.k.a. `IsQualifiedName`, `IsLabelValue`).
//!
//! ```
//! use acp_model::names::{is_dns1123_label, is_qualified_name};
//!
//! assert!(is_dns1123_label("alb-demo").is_empty());
//! assert_eq!(is_dns1123_label("a.b"), vec!["must not contain dots".to_string()]);
//! assert!(is_qualified_name("alb2.cpaas.io/name").is_empty());
//! ```
//!
//! Note the two length messages: the older `util/validation` functions say "characters", the
//! `content` package (label keys and values) says "bytes" — both are what v0.35 prints.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};

use crate::validation::{ErrorList, FieldError, FieldPath};

/// Longest DNS-1123 label (RFC 1123): 63.
pub const DNS1123_LABEL_MAX_LENGTH: usize = 63;
/// Longest DNS-1123 subdomain: 253.
pub const DNS1123_SUBDOMAIN_MAX_LENGTH: usize = 253;
/// Longest DNS-1035 label: 63.
pub const DNS1035_LABEL_MAX_LENGTH: usize = 63;
/// Longest label value and label-key name part: 63.
pub const LABEL_VALUE_MAX_LENGTH: usize = 63;

const DNS1123_LABEL_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_LABEL_ERR: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT: &str =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const DNS1123_SUBDOMAIN_ERR: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_FMT: &str = "[a-z]([-a-z0-9]*[a-z0-9])?";
const DNS1035_LABEL_ERR: &str = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const LABEL_KEY_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_KEY_ERR: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT: &str = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
const LABEL_VALUE_ERR: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/// apimachinery `RegexError`: the message, examples and the regex used.
fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    let mut s = String::from(msg);
    if examples.is_empty() {
        s.push_str(" (regex used for validation is '");
    } else {
        s.push_str(" (e.g. ");
        for (i, e) in examples.iter().enumerate() {
            if i > 0 {
                s.push_str(" or ");
            }
            s.push('\'');
            s.push_str(e);
            s.push_str("', ");
        }
        s.push_str("regex used for validation is '");
    }
    s.push_str(fmt);
    s.push_str("')");
    s
}

fn max_len_characters(n: usize) -> String {
    format!("must be no more than {n} characters")
}

fn max_len_bytes(n: usize) -> String {
    format!("must be no more than {n} bytes")
}

fn is_lower_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
fn matches_dns1123_label(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => {
            is_lower_alnum(f)
                && is_lower_alnum(l)
                && b.iter().all(|&c| is_lower_alnum(c) || c == b'-')
        }
        _ => false,
    }
}

fn matches_dns1123_subdomain(s: &str) -> bool {
    s.split('.').all(matches_dns1123_label)
}

/// `[a-z]([-a-z0-9]*[a-z0-9])?`
fn matches_dns1035_label(s: &str) -> bool {
    s.as_bytes().first().is_some_and(u8::is_ascii_lowercase) && matches_dns1123_label(s)
}

/// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
fn matches_label_key_name(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) => {
            f.is_ascii_alphanumeric()
                && l.is_ascii_alphanumeric()
                && b.iter()
                    .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
        }
        _ => false,
    }
}

/// A DNS-1123 label: at most 63 characters, `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
/// (apimachinery `IsDNS1123Label`; Namespaces and most ACP kinds that become DNS names).
pub fn is_dns1123_label(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_LABEL_MAX_LENGTH {
        errs.push(max_len_characters(DNS1123_LABEL_MAX_LENGTH));
    }
    if !matches_dns1123_label(value) {
        if matches_dns1123_subdomain(value) {
            errs.push("must not contain dots".to_owned());
        } else {
            errs.push(regex_error(
                DNS1123_LABEL_ERR,
                DNS1123_LABEL_FMT,
                &["my-name", "123-abc"],
            ));
        }
    }
    errs
}

/// A DNS-1123 subdomain: at most 253 characters, dot-separated labels
/// (apimachinery `IsDNS1123Subdomain`; the default rule for object names).
pub fn is_dns1123_subdomain(value: &str) -> Vec<String> {
    dns1123_subdomain_problems(value, max_len_characters)
}

/// The subdomain check, with the length message of the caller's apimachinery package.
fn dns1123_subdomain_problems(value: &str, max_len: fn(usize) -> String) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_SUBDOMAIN_MAX_LENGTH {
        errs.push(max_len(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if !matches_dns1123_subdomain(value) {
        errs.push(regex_error(
            DNS1123_SUBDOMAIN_ERR,
            DNS1123_SUBDOMAIN_FMT,
            &["example.com"],
        ));
    }
    errs
}

/// A DNS-1035 label: like a DNS-1123 label but starting with a letter
/// (apimachinery `IsDNS1035Label`; Service names).
pub fn is_dns1035_label(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1035_LABEL_MAX_LENGTH {
        errs.push(max_len_characters(DNS1035_LABEL_MAX_LENGTH));
    }
    if !matches_dns1035_label(value) {
        errs.push(regex_error(
            DNS1035_LABEL_ERR,
            DNS1035_LABEL_FMT,
            &["my-name", "abc-123"],
        ));
    }
    errs
}

/// A qualified name, i.e. a label or annotation key: an optional DNS-1123 subdomain prefix and
/// `/`, then a name of at most 63 characters (apimachinery `content.IsLabelKey`, aliased
/// `IsQualifiedName`).
pub fn is_qualified_name(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let parts: Vec<&str> = value.split('/').collect();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                errs.push("prefix part must be non-empty".to_owned());
            } else {
                errs.extend(
                    is_dns1123_subdomain_bytes(prefix)
                        .into_iter()
                        .map(|m| format!("prefix part {m}")),
                );
            }
            *name
        }
        _ => {
            errs.push(format!(
                "a valid label key {} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                regex_error(LABEL_KEY_ERR, LABEL_KEY_FMT, &["MyName", "my.name", "123-abc"])
            ));
            return errs;
        }
    };
    if name.is_empty() {
        errs.push("name part must be non-empty".to_owned());
    } else if name.len() > LABEL_VALUE_MAX_LENGTH {
        errs.push(format!(
            "name part {}",
            max_len_bytes(LABEL_VALUE_MAX_LENGTH)
        ));
    }
    if !matches_label_key_name(name) {
        errs.push(format!(
            "name part {}",
            regex_error(
                LABEL_KEY_ERR,
                LABEL_KEY_FMT,
                &["MyName", "my.name", "123-abc"]
            )
        ));
    }
    errs
}

/// `content.IsDNS1123Subdomain`: as [`is_dns1123_subdomain`] but with the "bytes" wording of the
/// `content` package, used for label-key prefixes.
fn is_dns1123_subdomain_bytes(value: &str) -> Vec<String> {
    dns1123_subdomain_problems(value, max_len_bytes)
}

/// A label value: empty, or at most 63 characters of `[A-Za-z0-9_.-]` starting and ending
/// alphanumeric (apimachinery `content.IsLabelValue`).
pub fn is_label_value(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > LABEL_VALUE_MAX_LENGTH {
        errs.push(max_len_bytes(LABEL_VALUE_MAX_LENGTH));
    }
    if !(value.is_empty() || matches_label_key_name(value)) {
        errs.push(regex_error(
            LABEL_VALUE_ERR,
            LABEL_VALUE_FMT,
            &["MyValue", "my_value", "12345"],
        ));
    }
    errs
}

/// A port number: 1–65535 (apimachinery `IsValidPortNum`).
pub fn is_valid_port_num(port: i64) -> Vec<String> {
    if (1..=65535).contains(&port) {
        Vec::new()
    } else {
        vec!["must be between 1 and 65535, inclusive".to_owned()]
    }
}

/// The longest IANA service name (a container port's `name`): 15.
pub const PORT_NAME_MAX_LENGTH: usize = 15;

/// An IANA service name, as a container or Service port name (apimachinery `IsValidPortName`):
/// at most 15 characters of `[-a-z0-9]`, at least one letter, no leading, trailing or doubled
/// hyphen. Every rule that fails adds its own message, in this order.
///
/// ```
/// use acp_model::names::is_valid_port_name;
/// assert!(is_valid_port_name("http-metrics").is_empty());
/// assert_eq!(is_valid_port_name("8080"), vec!["must contain at least one letter (a-z)".to_string()]);
/// ```
pub fn is_valid_port_name(port: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if port.len() > PORT_NAME_MAX_LENGTH {
        errs.push(max_len_characters(PORT_NAME_MAX_LENGTH));
    }
    let charset_ok = !port.is_empty() && port.bytes().all(|b| is_lower_alnum(b) || b == b'-');
    if !charset_ok {
        errs.push(
            "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".to_owned(),
        );
    }
    if !port.bytes().any(|b| b.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)".to_owned());
    }
    if port.contains("--") {
        errs.push("must not contain consecutive hyphens".to_owned());
    }
    if port.starts_with('-') || port.ends_with('-') {
        errs.push("must not begin or end with a hyphen".to_owned());
    }
    errs
}

const CONFIG_MAP_KEY_FMT: &str = "[-._a-zA-Z0-9]+";
const CONFIG_MAP_KEY_ERR: &str =
    "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

/// A key of a ConfigMap's or Secret's `data` (apimachinery `IsConfigMapKey`): at most 253
/// characters of `[-._a-zA-Z0-9]`, and neither `.`, `..` nor starting with `..` (it becomes a
/// file name when the map is mounted).
///
/// ```
/// use acp_model::names::is_config_map_key;
/// assert!(is_config_map_key("tls.crt").is_empty());
/// assert_eq!(is_config_map_key("..data"), vec!["must not start with '..'".to_string()]);
/// ```
pub fn is_config_map_key(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_SUBDOMAIN_MAX_LENGTH {
        errs.push(max_len_characters(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    let charset_ok = !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
    if !charset_ok {
        errs.push(regex_error(
            CONFIG_MAP_KEY_ERR,
            CONFIG_MAP_KEY_FMT,
            &["key.name", "KEY_NAME", "key-name"],
        ));
    }
    if value == "." {
        errs.push("must not be '.'".to_owned());
    } else if value == ".." {
        errs.push("must not be '..'".to_owned());
    } else if value.starts_with("..") {
        errs.push("must not start with '..'".to_owned());
    }
    errs
}

/// A non-negative integer field (`ValidateNonnegativeField`): `must be greater than or equal
/// to 0` otherwise.
pub fn validate_nonnegative(path: &FieldPath, value: i64) -> ErrorList {
    if value < 0 {
        FieldError::invalid(path, value, "must be greater than or equal to 0").into()
    } else {
        ErrorList::new()
    }
}

/// Which naming rule an object's `metadata.name` follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameRule {
    /// DNS-1123 subdomain (the default for most kinds, `NameIsDNSSubdomain`).
    Dns1123Subdomain,
    /// DNS-1123 label (Namespaces, `NameIsDNSLabel`).
    Dns1123Label,
    /// DNS-1035 label (Services, `NameIsDNS1035Label`).
    Dns1035Label,
}

/// Validates `metadata.name` as apimachinery's `ValidateObjectMeta` does: required (unless
/// `generateName` is set, which the caller checks), then the chosen name rule, each message an
/// `Invalid value` at `path`.
///
/// ```
/// use acp_model::names::{validate_object_name, NameRule};
/// use acp_model::validation::FieldPath;
/// let errs = validate_object_name(&FieldPath::new("metadata").child("name"), Some("Web"), NameRule::Dns1123Subdomain);
/// assert!(errs.to_string().starts_with(
///     "metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain must consist of"
/// ));
/// ```
pub fn validate_object_name(path: &FieldPath, name: Option<&str>, rule: NameRule) -> ErrorList {
    let mut errs = ErrorList::new();
    match name {
        None | Some("") => errs.push(FieldError::required(
            path,
            "name or generateName is required",
        )),
        Some(n) => {
            let msgs = match rule {
                NameRule::Dns1123Subdomain => is_dns1123_subdomain(n),
                NameRule::Dns1123Label => is_dns1123_label(n),
                NameRule::Dns1035Label => is_dns1035_label(n),
            };
            for m in msgs {
                errs.push(FieldError::invalid(path, n, m));
            }
        }
    }
    errs
}

/// Validates a label map (`metadata.labels`) as apimachinery's `ValidateLabels`: every key a
/// qualified name, every value a label value.
pub fn validate_labels<'a>(
    path: &FieldPath,
    labels: impl IntoIterator<Item = (&'a String, &'a String)>,
) -> ErrorList {
    let mut errs = ErrorList::new();
    for (k, v) in labels {
        for m in is_qualified_name(k) {
            errs.push(FieldError::invalid(path, k.as_str(), m));
        }
        for m in is_label_value(v) {
            errs.push(FieldError::invalid(&path.key(k), v.as_str(), m));
        }
    }
    errs
}

/// The object-metadata rules the apiserver applies to every custom resource
/// (apiextensions-apiserver `pkg/registry/customresource/validator.go` calls apimachinery
/// `ValidateObjectMetaAccessor` with `NameIsDNSSubdomain`; Namespaces use `NameIsDNSLabel`): a
/// name (or `generateName`) is required and must follow `rule`; a namespace, when given, must be a DNS-1123 label.
/// A missing namespace is not reported: `kubectl` and the API path supply it. Label keys and
/// values and annotation keys as apimachinery `ValidateObjectMeta` (`ValidateLabels`,
/// `ValidateAnnotations`' key check).
pub fn validate_object_meta(meta: &ObjectMeta, rule: NameRule) -> ErrorList {
    let mut errs = ErrorList::new();
    let md = FieldPath::new("metadata");
    let has_name = meta.name.as_deref().is_some_and(|n| !n.is_empty());
    if has_name || meta.generate_name.as_deref().is_none_or(str::is_empty) {
        errs.extend(validate_object_name(
            &md.child("name"),
            meta.name.as_deref(),
            rule,
        ));
    }
    if let Some(ns) = meta.namespace.as_deref().filter(|ns| !ns.is_empty()) {
        for msg in is_dns1123_label(ns) {
            errs.push(FieldError::invalid(&md.child("namespace"), ns, msg));
        }
    }
    if let Some(labels) = &meta.labels {
        errs.extend(validate_labels(&md.child("labels"), labels));
    }
    for key in meta.annotations.iter().flat_map(|a| a.keys()) {
        for msg in is_qualified_name(key) {
            errs.push(FieldError::invalid(
                &md.child("annotations"),
                key.as_str(),
                msg,
            ));
        }
    }
    errs
}

/// apimachinery `metav1validation.ValidateLabelSelector` (`pkg/apis/meta/v1/validation`):
/// `matchLabels` as labels; each requirement's key a qualified name, its operator one of the four,
/// values present exactly for `In`/`NotIn`, each value a label value.
pub fn validate_label_selector(sel: &LabelSelector, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if let Some(ml) = &sel.match_labels {
        errs.extend(validate_labels(&path.child("matchLabels"), ml));
    }
    for (i, req) in sel.match_expressions.iter().flatten().enumerate() {
        let p = path.child("matchExpressions").index(i);
        for msg in is_qualified_name(&req.key) {
            errs.push(FieldError::invalid(&p.child("key"), req.key.as_str(), msg));
        }
        for (j, v) in req.values.iter().flatten().enumerate() {
            for msg in is_label_value(v) {
                errs.push(FieldError::invalid(
                    &p.child("values").index(j),
                    v.as_str(),
                    msg,
                ));
            }
        }
        let n_values = req.values.as_ref().map_or(0, Vec::len);
        match req.operator.as_str() {
            "In" | "NotIn" => {
                if n_values == 0 {
                    errs.push(FieldError::required(
                        &p.child("values"),
                        "must be specified when `operator` is 'In' or 'NotIn'",
                    ));
                }
            }
            "Exists" | "DoesNotExist" => {
                if n_values > 0 {
                    errs.push(FieldError::forbidden(
                        &p.child("values"),
                        "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                    ));
                }
            }
            other => errs.push(FieldError::invalid(
                &p.child("operator"),
                other,
                "not a valid selector operator",
            )),
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns1123_label_cases() {
        for ok in [
            "a",
            "ab",
            "abc",
            "a1",
            "a-1",
            "a--1--2--b",
            "0",
            "01",
            "012",
            "1a",
            "1-a",
            "1--a--b--2",
            &"a".repeat(63),
        ] {
            assert!(is_dns1123_label(ok).is_empty(), "{ok}");
        }
        for bad in [
            "",
            "A",
            "ABC",
            "aBc",
            "A1",
            "A-1",
            "1-A",
            "-",
            "a-",
            "-a",
            "1-",
            "-1",
            "_",
            "a_",
            "_a",
            "a_b",
            "1_",
            "_1",
            "1_2",
            ".",
            "a.",
            ".a",
            "a.b",
            "1.",
            ".1",
            "1.2",
            " ",
            "a ",
            " a",
            "a b",
            "1 ",
            " 1",
            "1 2",
            &"a".repeat(64),
        ] {
            assert!(!is_dns1123_label(bad).is_empty(), "{bad:?}");
        }
        assert_eq!(
            is_dns1123_label("A"),
            vec!["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')".to_string()]
        );
        assert_eq!(
            is_dns1123_label(&"a".repeat(64)),
            vec!["must be no more than 63 characters".to_string()]
        );
    }

    #[test]
    fn dns1123_subdomain_cases() {
        for ok in [
            "a",
            "a.b.c",
            "1.2.3",
            "a-1.b-2",
            "example.com",
            &format!("{}.{}", "a".repeat(63), "b".repeat(63)),
        ] {
            assert!(is_dns1123_subdomain(ok).is_empty(), "{ok}");
        }
        for bad in [
            "",
            "A",
            "a..b",
            ".a",
            "a.",
            "a_b",
            "a.-b",
            "a-.b",
            &"a".repeat(254),
        ] {
            assert!(!is_dns1123_subdomain(bad).is_empty(), "{bad:?}");
        }
        assert_eq!(
            is_dns1123_subdomain("Web"),
            vec!["a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".to_string()]
        );
    }

    #[test]
    fn dns1035_label_cases() {
        assert!(is_dns1035_label("web-1").is_empty());
        assert!(!is_dns1035_label("1web").is_empty());
        assert!(!is_dns1035_label("").is_empty());
    }

    #[test]
    fn qualified_name_cases() {
        for ok in [
            "simple",
            "now-with-dashes",
            "1-starts-with-num",
            "1234",
            "simple/simple",
            "now-with-dashes/simple",
            "now-with-dashes/now-with-dashes",
            "now.with.dots/simple",
            "now-with.dashes-and.dots/simple",
            "1-num.2-num/3-num",
            "1234/5678",
            "1.2.3.4/5678",
            "Uppercase_Is_OK_123",
            "example.com/Uppercase_Is_OK_123",
            "requests.storage-foo",
            &"a".repeat(63),
            &format!("{}/b", "a".repeat(253)),
        ] {
            assert!(is_qualified_name(ok).is_empty(), "{ok}");
        }
        for bad in [
            "nospecialchars%^=@",
            "cantendwithadash-",
            "-cantstartwithadash-",
            "only/one/slash",
            "Example.com/abc",
            "example_com/abc",
            "example.com/",
            "/simple",
            &"a".repeat(64),
            &format!("{}/b", "a".repeat(254)),
        ] {
            assert!(!is_qualified_name(bad).is_empty(), "{bad:?}");
        }
        assert_eq!(
            is_qualified_name("/x"),
            vec!["prefix part must be non-empty".to_string()]
        );
        assert_eq!(
            is_qualified_name(&"a".repeat(64)),
            vec!["name part must be no more than 63 bytes".to_string()]
        );
        assert!(is_qualified_name("a/b/c")[0].starts_with("a valid label key must consist of"));
    }

    #[test]
    fn label_value_cases() {
        for ok in [
            "",
            "simple",
            "now-with-dashes",
            "1-starts-with-num",
            "end-with-num-1",
            "1234",
            "a",
            "A",
            "Uppercase_Is_OK_123",
            &"a".repeat(63),
        ] {
            assert!(is_label_value(ok).is_empty(), "{ok}");
        }
        for bad in [
            "nospecialchars%^=@",
            "Tama-nui-te-rā.is.Māori.sun",
            "\\backslashes\\are\\bad",
            "-starts-with-dash",
            "ends-with-dash-",
            ".starts.with.dot",
            "ends.with.dot.",
            &"a".repeat(64),
        ] {
            assert!(!is_label_value(bad).is_empty(), "{bad:?}");
        }
    }

    #[test]
    fn ports_and_object_names() {
        assert!(is_valid_port_num(1).is_empty());
        assert!(is_valid_port_num(65535).is_empty());
        assert_eq!(
            is_valid_port_num(0),
            vec!["must be between 1 and 65535, inclusive".to_string()]
        );
        assert!(!is_valid_port_num(65536).is_empty());
        let p = FieldPath::new("metadata").child("name");
        assert_eq!(
            validate_object_name(&p, None, NameRule::Dns1123Label).to_string(),
            "metadata.name: Required value: name or generateName is required"
        );
        assert!(validate_object_name(&p, Some("ok-name"), NameRule::Dns1123Label).is_empty());
        assert_eq!(
            validate_object_name(&p, Some("a.b"), NameRule::Dns1123Label).to_string(),
            "metadata.name: Invalid value: \"a.b\": must not contain dots"
        );
    }

    #[test]
    fn labels_map() {
        let mut m = std::collections::BTreeMap::new();
        m.insert("cpaas.io/project".to_string(), "demo".to_string());
        m.insert("bad key".to_string(), "-x".to_string());
        let errs = validate_labels(&FieldPath::new("metadata").child("labels"), &m);
        assert_eq!(errs.len(), 2);
        assert!(
            errs.0[0].to_string().starts_with(
                "metadata.labels: Invalid value: \"bad key\": name part must consist of"
            ),
            "{}",
            errs.0[0]
        );
        assert!(
            errs.0[1]
                .to_string()
                .starts_with("metadata.labels[bad key]: Invalid value: \"-x\": a valid label")
        );
    }
}
