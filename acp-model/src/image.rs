//! Container image references: the grammar the kubelet and container runtimes parse, Docker Hub
//! normalisation, and the `imagePullPolicy` the API server fills in.
//!
//! The API server does **not** check an image's grammar: a Pod's `image` only has to be present
//! (and, for a bare Pod, free of leading and trailing whitespace). A malformed reference is
//! accepted and the Pod then fails on the node (`InvalidImageName`). [`parse`] and
//! [`parse_normalized`] are that later check, offered as a lint
//! ([`lint_image`]); `KnownObject::validate` reports only what the API server reports.
//!
//! The grammar and the messages are those of `github.com/distribution/reference` (the
//! `Parse` and `ParseNormalizedNamed` functions the kubelet uses), with the digest rules of
//! `github.com/opencontainers/go-digest`:
//!
//! * a name is path components of `[a-z0-9]+` joined by `.`, `_`, `__` or runs of `-`, separated
//!   by `/`, optionally after a registry host (DNS name, `localhost` or a bracketed IPv6 address)
//!   with an optional `:port`;
//! * a tag is `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`;
//! * a digest is `algorithm:hex`; `sha256` needs exactly 64 lowercase hex digits, `sha384` 96,
//!   `sha512` 128.
//!
//! ```
//! use acp_model::image::{default_pull_policy, parse, parse_normalized};
//!
//! let r = parse_normalized("nginx").unwrap();
//! assert_eq!(r.name(), "docker.io/library/nginx");
//! assert_eq!(r.with_default_tag().to_string(), "docker.io/library/nginx:latest");
//!
//! // A truncated digest is not a digest at all.
//! assert_eq!(
//!     parse("docker.io/alauda/jenkins-2-centos7@sha256:ab312bda324").unwrap_err().to_string(),
//!     "invalid reference format"
//! );
//! assert_eq!(default_pull_policy("nginx"), "Always");
//! assert_eq!(default_pull_policy("nginx:1.25"), "IfNotPresent");
//! ```

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

use crate::validation::{ErrorList, FieldError, FieldPath};

/// The longest repository path (`distribution/reference` `RepositoryNameTotalLengthMax`).
pub const REPOSITORY_NAME_MAX_LENGTH: usize = 255;

/// The registry a name without one refers to.
pub const DEFAULT_DOMAIN: &str = "docker.io";

/// The tag a reference without tag or digest stands for.
pub const DEFAULT_TAG: &str = "latest";

/// `imagePullPolicy: Always`.
pub const PULL_ALWAYS: &str = "Always";
/// `imagePullPolicy: IfNotPresent`.
pub const PULL_IF_NOT_PRESENT: &str = "IfNotPresent";
/// `imagePullPolicy: Never`.
pub const PULL_NEVER: &str = "Never";
/// The pull policies the API server accepts, in its order.
pub const PULL_POLICIES: [&str; 3] = [PULL_ALWAYS, PULL_IF_NOT_PRESENT, PULL_NEVER];

// The grammar, built from its parts (seed 003:15566 shows a tag and a digest reference).
const ALNUM: &str = "[a-z0-9]+";
const SEPARATOR: &str = "(?:[._]|__|[-]+)";
const DOMAIN_COMPONENT: &str = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const IPV6: &str = r"\[(?:[a-fA-F0-9:]+)\]";
const TAG: &str = "[0-9A-Za-z_][0-9A-Za-z_.-]{0,127}";
const DIGEST: &str = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}";

fn domain_and_port() -> String {
    let domain_name = format!("{DOMAIN_COMPONENT}(?:\\.{DOMAIN_COMPONENT})*");
    format!("(?:{domain_name}|{IPV6})(?::[0-9]+)?")
}

fn remote_name() -> String {
    let component = format!("{ALNUM}(?:{SEPARATOR}{ALNUM})*");
    format!("{component}(?:/{component})*")
}

/// `^(name)(?::(tag))?(?:@(digest))?$`
static REFERENCE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let name = format!("(?:{}/)?{}", domain_and_port(), remote_name());
    Regex::new(&format!("^({name})(?::({TAG}))?(?:@({DIGEST}))?$")).ok()
});

/// `^(?:(domain)/)?(path)$`
static NAME: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        "^(?:({})/)?({})$",
        domain_and_port(),
        remote_name()
    ))
    .ok()
});

/// Why a reference does not parse, with `distribution/reference`'s and `go-digest`'s words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReferenceError {
    /// The empty string.
    #[error("repository name must have at least one component")]
    NameEmpty,
    /// Not the grammar.
    #[error("invalid reference format")]
    InvalidFormat,
    /// The grammar, once lowercased.
    #[error("repository name must be lowercase")]
    NameContainsUppercase,
    /// The path is longer than [`REPOSITORY_NAME_MAX_LENGTH`].
    #[error("repository name must not be more than 255 characters")]
    NameTooLong,
    /// A digest of a known algorithm whose hex part has the wrong length.
    #[error("invalid checksum digest length")]
    DigestInvalidLength,
    /// A digest that is not `algorithm:encoded`, or not lowercase hex.
    #[error("invalid checksum digest format")]
    DigestInvalidFormat,
    /// A digest algorithm other than `sha256`, `sha384`, `sha512`.
    #[error("unsupported digest algorithm")]
    DigestUnsupported,
    /// [`parse_normalized`]: 64 hex digits alone look like an image ID, not a name.
    #[error("invalid repository name ({0}), cannot specify 64-byte hexadecimal strings")]
    HexIdentifier(String),
    /// [`parse_normalized`]: the repository part has upper-case letters.
    #[error("invalid reference format: repository name ({0}) must be lowercase")]
    RemoteNotLowercase(String),
}

/// A parsed image reference: `[domain/]path[:tag][@digest]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The registry host and port, empty when the reference names none.
    pub domain: String,
    /// The repository path (`library/nginx`).
    pub path: String,
    /// The tag, when given.
    pub tag: Option<String>,
    /// The digest (`sha256:…`), when given.
    pub digest: Option<String>,
}

impl Reference {
    /// `domain/path`, or `path` without a domain.
    pub fn name(&self) -> String {
        if self.domain.is_empty() {
            self.path.clone()
        } else {
            format!("{}/{}", self.domain, self.path)
        }
    }

    /// The reference with the tag `latest` added when it has neither tag nor digest
    /// (`TagNameOnly`).
    #[must_use]
    pub fn with_default_tag(&self) -> Reference {
        let mut r = self.clone();
        if r.tag.is_none() && r.digest.is_none() {
            r.tag = Some(DEFAULT_TAG.to_owned());
        }
        r
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

/// Parses a reference as written, without Docker Hub normalisation (`reference.Parse`).
pub fn parse(s: &str) -> Result<Reference, ReferenceError> {
    if s.is_empty() {
        return Err(ReferenceError::NameEmpty);
    }
    let (Some(reference), Some(name_re)) = (REFERENCE.as_ref(), NAME.as_ref()) else {
        return Err(ReferenceError::InvalidFormat);
    };
    let Some(caps) = reference.captures(s) else {
        let lower = s.to_lowercase();
        if lower != s && reference.is_match(&lower) {
            return Err(ReferenceError::NameContainsUppercase);
        }
        return Err(ReferenceError::InvalidFormat);
    };
    let name = caps.get(1).map_or("", |m| m.as_str());
    let (domain, path) = match name_re.captures(name) {
        Some(n) => (
            n.get(1).map_or("", |m| m.as_str()).to_owned(),
            n.get(2).map_or("", |m| m.as_str()).to_owned(),
        ),
        None => (String::new(), name.to_owned()),
    };
    if path.len() > REPOSITORY_NAME_MAX_LENGTH {
        return Err(ReferenceError::NameTooLong);
    }
    let digest = match caps.get(3) {
        Some(d) => {
            validate_digest(d.as_str())?;
            Some(d.as_str().to_owned())
        }
        None => None,
    };
    Ok(Reference {
        domain,
        path,
        tag: caps.get(2).map(|m| m.as_str().to_owned()),
        digest,
    })
}

/// go-digest `Digest.Validate` for the algorithms a container runtime links: `sha256`,
/// `sha384`, `sha512`.
fn validate_digest(d: &str) -> Result<(), ReferenceError> {
    let Some((alg, encoded)) = d.split_once(':') else {
        return Err(ReferenceError::DigestInvalidFormat);
    };
    if encoded.is_empty() {
        return Err(ReferenceError::DigestInvalidFormat);
    }
    let hex_len = match alg {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => {
            // Unknown algorithms: a well-formed digest is "unsupported", anything else
            // "invalid format" (go-digest's anchored digest grammar).
            return Err(if is_digest_shape(alg, encoded) {
                ReferenceError::DigestUnsupported
            } else {
                ReferenceError::DigestInvalidFormat
            });
        }
    };
    if encoded.len() != hex_len {
        return Err(ReferenceError::DigestInvalidLength);
    }
    if encoded
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        Ok(())
    } else {
        Err(ReferenceError::DigestInvalidFormat)
    }
}

/// `[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+`
fn is_digest_shape(alg: &str, encoded: &str) -> bool {
    let alg_ok = alg.split(['.', '+', '_', '-']).all(|part| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    let enc_ok = encoded
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'=' | b'_' | b'-'));
    alg_ok && enc_ok
}

/// Parses a reference the way `docker pull` and the kubelet read it
/// (`reference.ParseNormalizedNamed`): a name without a registry is on `docker.io`, and a
/// single-component Docker Hub name is under `library/`. `index.docker.io` means `docker.io`.
///
/// ```
/// use acp_model::image::parse_normalized;
/// let r = parse_normalized("index.docker.io/library/nginx:latest").unwrap();
/// assert_eq!(r.to_string(), "docker.io/library/nginx:latest");
/// assert_eq!(parse_normalized("registry:5000/app").unwrap().domain, "registry:5000");
/// ```
pub fn parse_normalized(s: &str) -> Result<Reference, ReferenceError> {
    if s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Err(ReferenceError::HexIdentifier(s.to_owned()));
    }
    let (domain, remainder) = split_docker_domain(s);
    let remote = remainder.split(':').next().unwrap_or("");
    if remote.to_lowercase() != remote {
        return Err(ReferenceError::RemoteNotLowercase(remote.to_owned()));
    }
    parse(&format!("{domain}/{remainder}"))
}

/// `splitDockerDomain`: the registry part of a familiar name and the rest.
fn split_docker_domain(name: &str) -> (String, String) {
    let (domain, mut remote) = match name.split_once('/') {
        None => (DEFAULT_DOMAIN.to_owned(), name.to_owned()),
        Some((first, rest)) => {
            if first == "localhost" || first.contains(['.', ':']) || first.to_lowercase() != first {
                if first == "index.docker.io" {
                    (DEFAULT_DOMAIN.to_owned(), rest.to_owned())
                } else {
                    (first.to_owned(), rest.to_owned())
                }
            } else {
                (DEFAULT_DOMAIN.to_owned(), name.to_owned())
            }
        }
    };
    if domain == DEFAULT_DOMAIN && !remote.contains('/') {
        remote = format!("library/{remote}");
    }
    (domain, remote)
}

/// The `imagePullPolicy` the API server fills in when a container has none
/// (`SetDefaults_Container`): `Always` when the image's tag is `latest` or it has neither tag
/// nor digest, `IfNotPresent` otherwise — a digest without a tag, and an image that does not
/// parse, get `IfNotPresent`.
///
/// ```
/// use acp_model::image::default_pull_policy;
/// assert_eq!(default_pull_policy("myapp:latest"), "Always");
/// assert_eq!(default_pull_policy("docker.io/alauda/jenkins-2-centos7:v3.11.59-2"), "IfNotPresent");
/// ```
pub fn default_pull_policy(image: &str) -> &'static str {
    // The kubelet's ParseImageName: a parse error leaves the tag empty.
    let tag = match parse_normalized(image) {
        Ok(r) => match (&r.tag, &r.digest) {
            (Some(t), _) => t.clone(),
            (None, None) => DEFAULT_TAG.to_owned(),
            (None, Some(_)) => String::new(),
        },
        Err(_) => String::new(),
    };
    if tag == DEFAULT_TAG {
        PULL_ALWAYS
    } else {
        PULL_IF_NOT_PRESENT
    }
}

/// A lint beyond the API server: the image at `path` as the kubelet will parse it, one
/// `Invalid value` with the parser's message when it does not. An empty image is left to the
/// API server's own `Required value`.
///
/// ```
/// use acp_model::image::lint_image;
/// use acp_model::validation::FieldPath;
/// let p = FieldPath::new("spec").child("containers").index(0).child("image");
/// assert!(lint_image(&p, "nginx:1.25").is_empty());
/// assert_eq!(
///     lint_image(&p, "Nginx").to_string(),
///     r#"spec.containers[0].image: Invalid value: "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase"#
/// );
/// ```
pub fn lint_image(path: &FieldPath, image: &str) -> ErrorList {
    if image.is_empty() {
        return ErrorList::new();
    }
    match parse_normalized(image) {
        Ok(_) => ErrorList::new(),
        Err(e) => FieldError::invalid(path, image, e.to_string()).into(),
    }
}
