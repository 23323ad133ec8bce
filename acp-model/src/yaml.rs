//! Reading YAML manifests into typed values, as `kubectl` reads them.
//!
//! [`from_yaml`] reads one document into any [`DeserializeOwned`] type (a `k8s-openapi` kind, an
//! ACP custom resource, …); [`from_yaml_stream`] reads every document of a `---`-separated
//! stream. Both use [`yaml_options`]: YAML 1.2 as serde-saphyr reads it, except that an integer
//! with a leading zero is octal as in YAML 1.1 (kubectl and the apiserver read manifests with
//! go-yaml through sigs.k8s.io/yaml, so `defaultMode: 0755` is 493). Duplicate mapping keys are
//! an error, as go-yaml reports them.
//!
//! ```
//! use acp_model::yaml::{from_yaml, from_yaml_stream, YamlError};
//! use k8s_openapi::api::core::v1::{ConfigMap, LimitRange};
//!
//! let lr: LimitRange = from_yaml(
//!     "apiVersion: v1\nkind: LimitRange\nmetadata: {name: defaults}\n\
//!      spec:\n  limits:\n  - type: Container\n    max: {cpu: 2}\n",
//! )?;
//! assert_eq!(lr.spec.unwrap().limits[0].type_, "Container");
//!
//! // Documents are numbered from 0, in the order they appear, empty ones included.
//! let err = from_yaml_stream::<ConfigMap>(
//!     "metadata: {name: a}\n---\nmetadata: {name: b}\n---\ndata: [not, a, map]\n",
//! )
//! .unwrap_err();
//! assert!(matches!(err, YamlError::Invalid { document: 2, line: Some(5), .. }));
//! assert!(err.to_string().starts_with("document 2, line 5:"));
//! # Ok::<(), YamlError>(())
//! ```
//!
//! # Documents
//!
//! A stream is cut into documents at the YAML document markers: a line that is `---` (alone or
//! followed by a space and content) or `...`. YAML forbids those two markers at the start of a
//! line inside any value, so the cut is exact. Text before the first `---` that holds only
//! comments or directives is not a document. A document with no content (only comments, or
//! nothing between two `---`) keeps its number but yields no value.
//!
//! # Limits
//!
//! [`YamlLimits`] bounds what one call may cost; the defaults are stated on each field and
//! can be changed field by field:
//!
//! ```
//! use acp_model::yaml::{from_yaml_stream_with, YamlError, YamlLimits};
//!
//! let limits = YamlLimits::default().with_max_documents(2);
//! let err = from_yaml_stream_with::<serde_json::Value>("a: 1\n---\nb: 2\n---\nc: 3\n", &limits)
//!     .unwrap_err();
//! assert_eq!(err, YamlError::TooManyDocuments { limit: 2 });
//! ```

use serde::de::DeserializeOwned;

/// How YAML is read: serde-saphyr's YAML 1.2 defaults, except that an integer with a leading zero
/// is octal, as in YAML 1.1 — the way kubectl and the apiserver (sigs.k8s.io/yaml over go-yaml)
/// read manifests. Without it `defaultMode: 0755` would not be 493.
// seed 003:3335
pub fn yaml_options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.legacy_octal_numbers = true;
    options
}

// DEVIATION: kubectl's reader has no depth, node or alias budget (go-yaml only guards against
// alias blow-up by ratio); these limits refuse some inputs it would read.
/// What one call of [`from_yaml_with`] / [`from_yaml_stream_with`] may consume. Every limit
/// applies to each document; `max_documents` to the stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct YamlLimits {
    /// Largest document, in bytes of YAML text. Default 3 MiB (3,145,728): the kube-apiserver's
    /// limit on a request body, so a larger object could never be created.
    pub max_document_bytes: usize,
    /// Most documents in one stream, empty ones included. Default 1,024.
    pub max_documents: usize,
    /// Deepest nesting of mappings and sequences in one document. Default 256.
    pub max_depth: usize,
    /// Most nodes (scalars, mappings, sequences — alias expansions included) in one document.
    /// Default 250,000.
    pub max_nodes: usize,
    /// Most alias uses (`*name`) in one document. Default 10,000.
    pub max_aliases: usize,
}

impl Default for YamlLimits {
    fn default() -> Self {
        YamlLimits {
            max_document_bytes: 3 * 1024 * 1024,
            max_documents: 1024,
            max_depth: 256,
            max_nodes: 250_000,
            max_aliases: 10_000,
        }
    }
}

impl YamlLimits {
    /// These limits with [`max_document_bytes`](Self::max_document_bytes) set to `n`.
    pub fn with_max_document_bytes(mut self, n: usize) -> Self {
        self.max_document_bytes = n;
        self
    }

    /// These limits with [`max_documents`](Self::max_documents) set to `n`.
    pub fn with_max_documents(mut self, n: usize) -> Self {
        self.max_documents = n;
        self
    }

    /// These limits with [`max_depth`](Self::max_depth) set to `n`.
    pub fn with_max_depth(mut self, n: usize) -> Self {
        self.max_depth = n;
        self
    }

    /// These limits with [`max_nodes`](Self::max_nodes) set to `n`.
    pub fn with_max_nodes(mut self, n: usize) -> Self {
        self.max_nodes = n;
        self
    }

    /// These limits with [`max_aliases`](Self::max_aliases) set to `n`.
    pub fn with_max_aliases(mut self, n: usize) -> Self {
        self.max_aliases = n;
        self
    }

    /// [`yaml_options`] with these limits as serde-saphyr's budget.
    fn options(&self) -> serde_saphyr::Options {
        let mut options = yaml_options();
        let mut budget = serde_saphyr::Budget::default();
        budget.max_depth = self.max_depth;
        budget.max_nodes = self.max_nodes;
        budget.max_aliases = self.max_aliases;
        options.budget = Some(budget);
        options
    }
}

/// Why YAML text could not be read. Documents are numbered from 0 in the order they appear in
/// the stream (empty documents included); lines from 1, counted in the whole text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum YamlError {
    /// The text has no document with content ([`from_yaml`] needs exactly one).
    #[error("no YAML document in the input")]
    Empty,
    /// [`from_yaml`] was given a stream of several documents.
    #[error("expected one YAML document, found {found}; read a stream with from_yaml_stream")]
    MultipleDocuments {
        /// How many documents with content the text holds.
        found: usize,
    },
    /// The stream holds more than [`YamlLimits::max_documents`] documents.
    #[error("more than {limit} YAML documents in the stream (the limit is {limit})")]
    TooManyDocuments {
        /// The limit in force.
        limit: usize,
    },
    /// A document is longer than [`YamlLimits::max_document_bytes`].
    #[error(
        "document {document}, line {line}: {bytes} bytes of YAML, more than the limit of {limit}"
    )]
    DocumentTooLarge {
        /// 0-based document index.
        document: usize,
        /// The document's first line.
        line: u64,
        /// The document's size.
        bytes: usize,
        /// The limit in force.
        limit: usize,
    },
    /// The document is not valid YAML, exceeds a depth/node/alias limit, or does not match the
    /// type it is read as.
    #[error("document {document}{}: {message}", .line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Invalid {
        /// 0-based document index.
        document: usize,
        /// The line the reader stopped at, when it can tell.
        line: Option<u64>,
        /// The reader's message.
        message: String,
    },
}

impl YamlError {
    /// The error without its `document N` prefix: `line 3: …`, or the message alone.
    pub(crate) fn detail(&self) -> String {
        match self {
            YamlError::Invalid {
                line: Some(l),
                message,
                ..
            } => format!("line {l}: {message}"),
            YamlError::Invalid { message, .. } => message.clone(),
            YamlError::DocumentTooLarge { bytes, limit, .. } => {
                format!("{bytes} bytes of YAML, more than the limit of {limit}")
            }
            other => other.to_string(),
        }
    }

    /// The 0-based index of the document the error is about, if it is about one.
    pub fn document(&self) -> Option<usize> {
        match self {
            YamlError::DocumentTooLarge { document, .. } | YamlError::Invalid { document, .. } => {
                Some(*document)
            }
            _ => None,
        }
    }
}

/// One document of a stream: its text (marker line included) and where it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Document<'a> {
    /// 0-based index in the stream.
    pub(crate) index: usize,
    /// 1-based line, in the whole text, where the document's text starts (comments and
    /// directives before its `---` included).
    pub(crate) first_line: u64,
    /// The document's text.
    pub(crate) text: &'a str,
    /// Whether the document has content (not only markers, comments and blank lines).
    pub(crate) has_content: bool,
}

/// `---` or `---` followed by a blank: a document start marker.
fn is_start_marker(line: &str) -> bool {
    line.strip_prefix("---")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r']))
}

/// `...` alone (or before a blank or comment): a document end marker.
fn is_end_marker(line: &str) -> bool {
    line.strip_prefix("...")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r']))
}

/// Whether a line carries content: not blank, not a comment, not a directive.
fn is_content(line: &str) -> bool {
    let t = line.trim_start();
    !(t.is_empty() || t.starts_with('#') || line.starts_with('%'))
}

fn close<'a>(
    docs: &mut Vec<Document<'a>>,
    text: &'a str,
    (from, to): (usize, usize),
    first_line: u64,
    has_content: bool,
) {
    docs.push(Document {
        index: docs.len(),
        first_line,
        text: &text[from..to],
        has_content,
    });
}

/// Cuts `text` into documents (see the module docs).
pub(crate) fn split_documents(text: &str) -> Vec<Document<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut docs = Vec::new();
    // The current piece: byte start, first line, whether it began with `---`, whether it has
    // content.
    let mut start = 0usize;
    let mut first_line = 1u64;
    let mut explicit = false;
    let mut content = false;
    let mut offset = 0usize;
    let mut line_no = 0u64;
    for line in text.split_inclusive('\n') {
        line_no += 1;
        let bare = line.strip_suffix('\n').unwrap_or(line);
        if is_start_marker(bare) {
            if explicit || content {
                close(&mut docs, text, (start, offset), first_line, content);
                start = offset;
                first_line = line_no;
            }
            // A prefix of comments and directives stays with the document it introduces.
            explicit = true;
            content = is_content(&bare[3..]);
        } else if is_end_marker(bare) {
            let end = offset + line.len();
            if explicit || content {
                close(&mut docs, text, (start, end), first_line, content);
            }
            start = end;
            first_line = line_no + 1;
            explicit = false;
            content = false;
        } else if !content && is_content(bare) {
            content = true;
        }
        offset += line.len();
    }
    if explicit || content {
        close(&mut docs, text, (start, text.len()), first_line, content);
    }
    docs
}

/// The line (in the whole text) and the message of a serde-saphyr error in `doc`.
fn invalid(doc: &Document<'_>, e: &serde_saphyr::Error) -> YamlError {
    let message = e.without_snippet().to_string();
    // The message ends with the position inside the document; the whole-text line replaces it.
    let message = match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    };
    YamlError::Invalid {
        document: doc.index,
        line: e.location().map(|l| l.line() + doc.first_line - 1),
        message,
    }
}

/// Reads one document of a stream as `T`.
fn read_document<T: DeserializeOwned>(
    doc: &Document<'_>,
    limits: &YamlLimits,
) -> Result<T, YamlError> {
    if doc.text.len() > limits.max_document_bytes {
        return Err(YamlError::DocumentTooLarge {
            document: doc.index,
            line: doc.first_line,
            bytes: doc.text.len(),
            limit: limits.max_document_bytes,
        });
    }
    serde_saphyr::from_str_with_options(doc.text, limits.options()).map_err(|e| invalid(doc, &e))
}

/// The documents of `text`, after the document-count limit.
fn documents<'a>(text: &'a str, limits: &YamlLimits) -> Result<Vec<Document<'a>>, YamlError> {
    let docs = split_documents(text);
    if docs.len() > limits.max_documents {
        return Err(YamlError::TooManyDocuments {
            limit: limits.max_documents,
        });
    }
    Ok(docs)
}

/// Reads a single YAML (or JSON) document as `T`, with the default [`YamlLimits`].
pub fn from_yaml<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    from_yaml_with(text, &YamlLimits::default())
}

/// [`from_yaml`] with explicit limits. The text must hold exactly one document with content;
/// empty documents around it (a leading `---`, a trailing `---`) are allowed.
pub fn from_yaml_with<T: DeserializeOwned>(
    text: &str,
    limits: &YamlLimits,
) -> Result<T, YamlError> {
    let docs = documents(text, limits)?;
    let mut with_content = docs.iter().filter(|d| d.has_content);
    match (with_content.next(), with_content.count()) {
        (None, _) => Err(YamlError::Empty),
        (Some(doc), 0) => read_document(doc, limits),
        (Some(_), more) => Err(YamlError::MultipleDocuments { found: more + 1 }),
    }
}

/// Reads every document of a YAML stream as `T`, in order, with the default [`YamlLimits`].
/// Empty documents yield nothing; the first document that fails stops the reading, and the
/// error names its index.
pub fn from_yaml_stream<T: DeserializeOwned>(text: &str) -> Result<Vec<T>, YamlError> {
    from_yaml_stream_with(text, &YamlLimits::default())
}

/// [`from_yaml_stream`] with explicit limits.
pub fn from_yaml_stream_with<T: DeserializeOwned>(
    text: &str,
    limits: &YamlLimits,
) -> Result<Vec<T>, YamlError> {
    documents(text, limits)?
        .iter()
        .filter(|d| d.has_content)
        .map(|d| read_document(d, limits))
        .collect()
}

/// One document of [`from_yaml_documents`]: its 0-based index in the stream and what reading it
/// gave.
pub type IndexedDocument<T> = (usize, Result<T, YamlError>);

/// Every document of a YAML stream as `T` with its index, including the failures — for a caller
/// that reports every bad document instead of stopping at the first. Empty documents yield
/// nothing. The stream-wide limit ([`YamlLimits::max_documents`]) fails the whole call.
pub fn from_yaml_documents<T: DeserializeOwned>(
    text: &str,
    limits: &YamlLimits,
) -> Result<Vec<IndexedDocument<T>>, YamlError> {
    Ok(documents(text, limits)?
        .iter()
        .filter(|d| d.has_content)
        .map(|d| (d.index, read_document(d, limits)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<(usize, u64, &str, bool)> {
        split_documents(text)
            .into_iter()
            .map(|d| (d.index, d.first_line, d.text, d.has_content))
            .collect()
    }

    #[test]
    fn split_documents_cuts_at_markers() {
        assert_eq!(cut(""), []);
        assert_eq!(cut("# only a comment\n"), []);
        assert_eq!(cut("a: 1\n"), [(0, 1, "a: 1\n", true)]);
        assert_eq!(
            cut("a: 1\n---\nb: 2\n"),
            [(0, 1, "a: 1\n", true), (1, 2, "---\nb: 2\n", true)]
        );
        // A leading `---` does not make an empty document 0.
        assert_eq!(cut("---\na: 1\n"), [(0, 1, "---\na: 1\n", true)]);
        // Comments and directives before the first marker stay with its document.
        assert_eq!(
            cut("# header\n%YAML 1.2\n---\na: 1\n"),
            [(0, 1, "# header\n%YAML 1.2\n---\na: 1\n", true)]
        );
        // Empty documents keep their number.
        assert_eq!(
            cut("a: 1\n---\n# nothing\n---\nb: 2\n---\n"),
            [
                (0, 1, "a: 1\n", true),
                (1, 2, "---\n# nothing\n", false),
                (2, 4, "---\nb: 2\n", true),
                (3, 6, "---\n", false),
            ]
        );
        // Content on the marker line belongs to the new document.
        assert_eq!(
            cut("--- {a: 1}\n--- |\n  text\n"),
            [
                (0, 1, "--- {a: 1}\n", true),
                (1, 2, "--- |\n  text\n", true)
            ]
        );
        // `...` ends a document; a bare document may follow.
        assert_eq!(
            cut("a: 1\n...\nb: 2\n"),
            [(0, 1, "a: 1\n...\n", true), (1, 3, "b: 2\n", true)]
        );
        // `----` and ` ---` are not markers.
        assert_eq!(cut("a: |\n  ---\nb: ----\n").len(), 1);
        // A byte-order mark is not content.
        assert_eq!(cut("\u{feff}a: 1\n"), [(0, 1, "a: 1\n", true)]);
        // CRLF line ends.
        assert_eq!(
            cut("a: 1\r\n---\r\nb: 2\r\n"),
            [(0, 1, "a: 1\r\n", true), (1, 2, "---\r\nb: 2\r\n", true)]
        );
    }
}
