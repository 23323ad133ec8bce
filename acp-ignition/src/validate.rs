//! Parsing and validation with Ignition's messages.
//!
//! ```
//! use acp_ignition::validate::{self, ParseError};
//!
//! let parsed = validate::parse(br#"{"ignition":{"version":"3.4.0"},
//!   "storage":{"files":[{"path":"/etc/motd","mode":420,"contents":{"source":"data:,hi"}}]}}"#)
//!     .unwrap();
//! assert_eq!(parsed.config.storage.files[0].mode, Some(0o644));
//! assert!(parsed.report.is_empty());
//!
//! // Every problem at once, in Ignition's words and path syntax, with line and column.
//! let err = validate::parse(
//!     br#"{"ignition":{"version":"3.4.0"},"storage":{"files":[{"path":"etc/motd","mode":4096,"Mode2":1}]}}"#,
//! )
//! .unwrap_err();
//! let ParseError::Invalid(report) = err else { panic!() };
//! let errors: Vec<String> = report.errors().map(|e| e.to_string()).collect();
//! assert_eq!(errors, [
//!     "error at $.storage.files.0.path, line 1 col 61: path not absolute",
//!     "error at $.storage.files.0.mode, line 1 col 79: illegal file mode",
//! ]);
//! let warnings: Vec<String> = report.warnings().map(|e| e.path_message()).collect();
//! assert_eq!(warnings, ["$.storage.files.0.Mode2: unused key Mode2"]);
//!
//! assert_eq!(validate::parse(b"").unwrap_err().to_string(), "not a config (empty)");
//! assert_eq!(
//!     validate::parse(br#"{"ignition":{"version":"3.3.0"}}"#).unwrap_err().to_string(),
//!     "unsupported config version"
//! );
//! ```
//!
//! # What Ignition does, and so what this module does
//!
//! [`parse`] is coreos/ignition `config/v3_4/config.go` `Parse`:
//!
//! 1. empty input → [`ParseError::Empty`] (`not a config (empty)`);
//! 2. `json.Unmarshal` into the types (`config/util/parsingErrors.go`): a syntax error or a
//!    value of the wrong JSON type → [`ParseError::Invalid`] with one entry holding Go's
//!    message and its line/column (Go's offset: the byte after the offending one; `line 0 col 0`
//!    when that is the end of the input, as vcontext prints it). Input that ends inside a token
//!    (a string escape, a `\u` escape, a number's sign, fraction or exponent, a `true` /
//!    `false` / `null` literal) reports what Go 1.24's scanner reports there, e.g.
//!    `invalid character ' ' in string escape code`, not `unexpected end of JSON input`. Keys
//!    match case-insensitively,
//!    `null` means unset; see the `decode` notes below;
//! 3. a version that coreos/go-semver does not read as exactly 3.4.0 →
//!    [`ParseError::UnknownVersion`] (`unsupported config version`, with no report, as Ignition);
//! 4. `validate.ValidateWithContext` (`config/validate/validate.go`): every `Validate` rule of
//!    `config/v3_4/types`, then duplicates (`duplicate entry defined`; files, directories and
//!    links share one namespace, as do `shouldExist` / `shouldNotExist`), then unknown keys
//!    (warnings `unused key <k>`), each entry placed at the line/column of the deepest JSON
//!    value on its path that exists (the nearest enclosing value when a field is absent) where
//!    Ignition's JSON reader marks it: an object or array at the byte *after* its `{` or `[`
//!    (at the end of a line that is one past the line's last character; with CRLF, the `\r`),
//!    any other value at its first byte, an unknown key at its opening quote. Any error →
//!    [`ParseError::Invalid`] with the whole report; warnings only → `Ok` with them in
//!    [`Parsed::report`].
//!
//! `arn:` sources are checked as Ignition v2.26.0 checks them, with the ARN parser of
//! aws-sdk-go-v2 v1.41.1 (the release it vendors): an `arn:` prefix and at least six
//! colon-separated sections, nothing more; then Ignition's own rules (service `s3`, a `/` in
//! the resource, two for an access point, a non-empty `versionId`), all reported as
//! `invalid S3 ARN format` / `invalid S3 object VersionId`. Empty partition, region or account
//! sections are accepted.
//!
//! The reports of coreos/ignition v2.26.0 built with Go 1.24 for a few thousand generated
//! inputs (positions, truncated JSON, ARNs) are the crate's test tables
//! (`tests/ignition_v2_26_0.rs`).
//!
//! Entries print as vcontext's `report.Entry` (`error at $.storage.files.0.path, line 3 col 12:
//! path not absolute`); [`Entry::path_message`] gives the short `$.path: message` form. The
//! rules, with their messages and paths, are listed in the crate's tests
//! (`tests/it/validate_rules.rs`, one test per rule).
//!
//! # MachineConfigs and YAML
//!
//! [`parse_value`] validates MachineConfig's raw `spec.config` (no line/column: the value is
//! already parsed). [`parse_machine_config_yaml`] reads a MachineConfig written in YAML the way
//! `kubectl apply` does — with [`acp_model::machineconfig::from_yaml`], where `mode: 0644` and
//! `mode: 0o644` are the octal number 420 (go-yaml v2 / YAML 1.1 rules, not YAML 1.2's decimal
//! 644), and `mode: 420` is 420 — then validates its config.
//!
//! # Deviations
//!
//! Where Go's output is not deterministic or not observable this module differs from
//! Ignition; the crate documentation lists each difference.

mod decode;
mod goutil;
mod json;
mod rules;
mod unit;

use std::fmt;

use acp_model::machineconfig::MachineConfig;

use crate::types::Config;

#[allow(unused_imports)]
pub(crate) use rules::validate_path;

/// Severity of an [`Entry`] (vcontext `report.Kind`; Ignition never emits `info` for 3.4.0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// Makes the config invalid (`error`).
    Error,
    /// Reported, but the config is still applied (`warning`).
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One step of a [`ContextPath`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathElem {
    /// A field, by its JSON name (`storage`).
    Field(std::borrow::Cow<'static, str>),
    /// A list index (`0`).
    Index(usize),
    /// An object key as written in the input (vcontext `tree.Key`): unknown keys are reported
    /// at these, and their line/column is the key's.
    Key(String),
}

/// Where an entry is: vcontext's `path.ContextPath`, printed `$.storage.files.0.path`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ContextPath(pub Vec<PathElem>);

impl fmt::Display for ContextPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for e in &self.0 {
            match e {
                PathElem::Field(s) => write!(f, ".{s}")?,
                // A key is user input: a long one is cut as field errors cut values.
                PathElem::Key(s) => write!(f, ".{}", acp_model::validation::echo(s))?,
                PathElem::Index(i) => write!(f, ".{i}")?,
            }
        }
        Ok(())
    }
}

/// A line and column in the input, 1-based, counted in bytes (vcontext `tree.Pos`).
/// `0, 0` when Go's offset is the end of the input, which vcontext cannot place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Position {
    /// Line, from 1.
    pub line: u64,
    /// Column in bytes, from 1.
    pub column: u64,
}

/// One problem (vcontext `report.Entry`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Entry {
    /// Error or warning.
    pub severity: Severity,
    /// Where, as a path in the config; empty for JSON-level errors.
    pub path: ContextPath,
    /// Ignition's message, e.g. `path not absolute`.
    pub message: String,
    /// Where in the input, when parsing bytes ([`parse`]); `None` for [`parse_value`] and
    /// [`validate`].
    pub position: Option<Position>,
}

impl Entry {
    /// The short form `$.storage.files.0.path: path not absolute` (just the message when the
    /// path is empty).
    pub fn path_message(&self) -> String {
        if self.path.0.is_empty() {
            self.message.clone()
        } else {
            format!("{}: {}", self.path, self.message)
        }
    }
}

/// As vcontext's `Entry.String`: `error at $.a.0.b, line 1 col 5: message`.
impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.severity)?;
        match (&self.position, self.path.0.is_empty()) {
            (Some(p), false) => write!(f, " at {}, line {} col {}", self.path, p.line, p.column)?,
            (Some(p), true) => write!(f, " at line {} col {}", p.line, p.column)?,
            (None, false) => write!(f, " at {}", self.path)?,
            (None, true) => {}
        }
        write!(f, ": {}", self.message)
    }
}

/// Everything found, in Ignition's order (vcontext `report.Report`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Report {
    /// All entries: rule checks in walk order, then duplicates, then unknown keys.
    pub entries: Vec<Entry>,
}

impl Report {
    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(|e| e.severity == Severity::Error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(|e| e.severity == Severity::Warning)
    }

    /// Whether any entry is an error (vcontext `IsFatal`).
    pub fn is_fatal(&self) -> bool {
        self.errors().next().is_some()
    }

    /// No entries at all.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// One entry per line, as vcontext's `Report.String`.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.entries {
            writeln!(f, "{e}")?;
        }
        Ok(())
    }
}

/// Why a config was rejected (Ignition `config/shared/errors`: `ErrEmpty`,
/// `ErrUnknownVersion`, `ErrInvalid`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The input is empty.
    #[error("not a config (empty)")]
    Empty,
    /// `ignition.version` is not 3.4.0.
    #[error("unsupported config version")]
    UnknownVersion,
    /// Bad JSON, a wrong JSON type, or validation errors: all of them in the report.
    /// `Display` prints Ignition's `config is not valid`, then every entry of the report with
    /// its path, line and column, separated by `; `.
    // DEVIATION: Ignition's ErrInvalid prints only "config is not valid"; the report is separate.
    #[error("config is not valid: {}", entries_message(.0))]
    Invalid(Report),
}

fn entries_message(r: &Report) -> String {
    r.entries
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// A config that passed: the typed config and its warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The typed config.
    pub config: Config,
    /// Warnings (never errors).
    pub report: Report,
}

/// Line starts of the input, for byte offset → line/column.
struct Lines<'a> {
    src: &'a [u8],
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(src: &'a [u8]) -> Self {
        let mut starts = vec![0];
        starts.extend(
            src.iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Lines { src, starts }
    }

    /// vcontext `FixLineColumn`: positions at or past the end stay `0, 0`.
    fn position(&self, offset: usize) -> Position {
        if offset >= self.src.len() {
            return Position { line: 0, column: 0 };
        }
        let line = self.starts.partition_point(|s| *s <= offset);
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        Position {
            line: line as u64,
            column: (offset - start + 1) as u64,
        }
    }
}

fn json_error(message: String, offset: Option<usize>, lines: Option<&Lines<'_>>) -> ParseError {
    ParseError::Invalid(Report {
        entries: vec![Entry {
            severity: Severity::Error,
            path: ContextPath::default(),
            message,
            position: offset.zip(lines).map(|(o, l)| l.position(o)),
        }],
    })
}

/// Where vcontext's tree (coreos/go-json) places a value: an object or array at the byte after
/// its `{` or `[`, any other value at its first byte.
fn marker(node: &json::Node<'_>) -> Option<usize> {
    match node.kind {
        json::Kind::Object(_) | json::Kind::Array(_) => node.start.map(|s| s + 1),
        _ => node.start,
    }
}

/// vcontext `Report.Correlate`: each entry gets the [`marker`] of the deepest JSON value on
/// its path (the key itself for [`PathElem::Key`]).
fn correlate(report: &mut Report, tree: &json::Tree, lines: &Lines<'_>) {
    let Some(root) = tree.root() else { return };
    for e in &mut report.entries {
        let mut node = root;
        let mut offset = marker(root);
        for step in &e.path.0 {
            match step {
                PathElem::Field(name) => match rules::member(tree, node, name) {
                    Some(child) => {
                        node = child;
                        offset = marker(child);
                    }
                    None => break,
                },
                PathElem::Index(i) => {
                    let child = match &node.kind {
                        json::Kind::Array(items) => items.get(*i).and_then(|&c| tree.get(c)),
                        _ => None,
                    };
                    match child {
                        Some(c) => {
                            node = c;
                            offset = marker(c);
                        }
                        None => break,
                    }
                }
                PathElem::Key(k) => {
                    if let json::Kind::Object(members) = &node.kind
                        && let Some(m) = members.iter().rev().find(|m| &m.key == k)
                    {
                        offset = m.key_start;
                    }
                    break;
                }
            }
        }
        e.position = offset.map(|o| lines.position(o));
    }
}

fn finish(tree: &json::Tree, lines: Option<&Lines<'_>>) -> Result<Parsed, ParseError> {
    let config = decode::decode(tree).map_err(|e| {
        let offset = e.offset;
        json_error(e.to_string(), offset, lines)
    })?;
    if !goutil::is_version_3_4_0(&config.ignition.version) {
        return Err(ParseError::UnknownVersion);
    }
    let mut r = rules::Reporter::new();
    rules::validate_config(&mut r, &config);
    rules::validate_dups(&mut r, &config);
    rules::unused_keys(&mut r, tree);
    let mut report = Report { entries: r.entries };
    if let Some(lines) = lines {
        correlate(&mut report, tree, lines);
    }
    if report.is_fatal() {
        return Err(ParseError::Invalid(report));
    }
    Ok(Parsed { config, report })
}

/// Parses and validates a raw Ignition config exactly as Ignition's `v3_4.Parse` does (see the
/// module docs).
///
/// # Errors
/// [`ParseError`]: empty input, unsupported version, or a report with at least one error.
pub fn parse(raw: &[u8]) -> Result<Parsed, ParseError> {
    if raw.is_empty() {
        return Err(ParseError::Empty);
    }
    let lines = Lines::new(raw);
    let tree = json::parse(raw).map_err(|e| json_error(e.msg, Some(e.offset), Some(&lines)))?;
    finish(&tree, Some(&lines))
}

/// [`parse`] for a config that is already JSON, e.g. MachineConfig's `spec.config`: the same
/// checks and messages, without line/column.
///
/// # Errors
/// As [`parse`] (never [`ParseError::Empty`]).
pub fn parse_value(value: &serde_json::Value) -> Result<Parsed, ParseError> {
    finish(&json::from_value(value), None)
}

/// Validates a typed config (Ignition `validate.ValidateWithContext(cfg, nil)`): the rules and
/// duplicates, including the version check on `ignition.version`; no unknown keys (there is no
/// input to have them). The report may hold errors.
pub fn validate(config: &Config) -> Report {
    let mut r = rules::Reporter::new();
    rules::validate_config(&mut r, config);
    rules::validate_dups(&mut r, config);
    Report { entries: r.entries }
}

/// Validates a MachineConfig's `spec.config` ([`parse_value`]). A MachineConfig without a
/// config renders as an empty 3.4.0 config (as the Machine Config Operator treats an empty
/// `spec.config`), so it passes with [`Config::new`].
///
/// # Errors
/// As [`parse_value`].
pub fn parse_machine_config(mc: &MachineConfig) -> Result<Parsed, ParseError> {
    match &mc.spec.config {
        Some(v) => parse_value(v),
        None => Ok(Parsed {
            config: Config::new(),
            report: Report::default(),
        }),
    }
}

/// Why [`parse_machine_config_yaml`] failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MachineConfigError {
    /// Not a MachineConfig document (bad YAML, wrong shape or kind).
    #[error(transparent)]
    Yaml(#[from] acp_model::machineconfig::Error),
    /// The MachineConfig's Ignition config is rejected.
    #[error("spec.config: {0}")]
    Config(#[from] ParseError),
}

/// A MachineConfig as users write it in YAML, read as `kubectl apply` reads it
/// ([`acp_model::machineconfig::from_yaml`]: `mode: 0644` and `mode: 0o644` are 420), with
/// its Ignition config typed and validated ([`parse_machine_config`]).
///
/// ```
/// let (mc, parsed) = acp_ignition::validate::parse_machine_config_yaml(
///     "apiVersion: machineconfiguration.alauda.io/v1alpha1
/// kind: MachineConfig
/// metadata:
///   name: 99-worker-motd
///   labels: {machineconfiguration.alauda.io/role: worker}
/// spec:
///   config:
///     ignition: {version: 3.4.0}
///     storage:
///       files:
///       - path: /etc/motd
///         mode: 0644
///         contents: {source: 'data:,hello'}
/// ",
/// )
/// .unwrap();
/// assert_eq!(mc.metadata.name.as_deref(), Some("99-worker-motd"));
/// assert_eq!(parsed.config.storage.files[0].mode, Some(0o644));
/// ```
///
/// # Errors
/// [`MachineConfigError`].
pub fn parse_machine_config_yaml(
    yaml: &str,
) -> Result<(MachineConfig, Parsed), MachineConfigError> {
    let mc = acp_model::machineconfig::from_yaml(yaml)?;
    let parsed = parse_machine_config(&mc)?;
    Ok((mc, parsed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(raw: &str) -> Vec<String> {
        match parse(raw.as_bytes()) {
            Ok(p) => p.report.entries.iter().map(|e| e.to_string()).collect(),
            Err(ParseError::Invalid(r)) => r.entries.iter().map(|e| e.to_string()).collect(),
            Err(e) => vec![e.to_string()],
        }
    }

    #[test]
    fn json_errors_have_gos_line_and_column() {
        assert_eq!(
            entries("{\n  \"ignition\": {\"version\" \"3.4.0\"}}"),
            ["error at line 2 col 27: invalid character '\"' after object key"]
        );
        // Go's offset is the end of input: vcontext cannot place it.
        assert_eq!(
            entries("{\"ignition\":"),
            ["error at line 0 col 0: unexpected end of JSON input"]
        );
        assert_eq!(
            entries("{\"ignition\":{\"version\":3}}"),
            [
                "error at line 1 col 25: json: cannot unmarshal number into Go struct field Ignition.ignition.version of type string"
            ]
        );
    }

    #[test]
    fn version_like_ignition() {
        assert_eq!(entries("{}"), ["unsupported config version"]);
        assert_eq!(entries("null"), ["unsupported config version"]);
        assert_eq!(
            entries(r#"{"ignition":{"version":"3.4.0-experimental"}}"#),
            ["unsupported config version"]
        );
        assert!(entries(r#"{"ignition":{"version":"3.4.0"}}"#).is_empty());
    }

    #[test]
    fn null_struct_warns_like_vcontext() {
        assert_eq!(
            entries(r#"{"ignition":{"version":"3.4.0"},"storage":null}"#),
            [
                "warning at $.storage, line 1 col 43: context tree does not match content tree at $.storage. Line and column reporting may be inconsistent. Unused keys may not be reported"
            ]
        );
    }
}
