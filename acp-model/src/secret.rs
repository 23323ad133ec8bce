//! Secrets and ConfigMaps as the API server validates them, and image pull Secrets rendered as
//! `kubectl create secret docker-registry` renders them.
//!
//! [`validate_secret`] is the API server's `ValidateSecret` on a new object: metadata, every
//! `data` key a config key ([`is_config_map_key`]), at most [`MAX_SECRET_SIZE`] bytes of data,
//! and the keys each built-in [type](SECRET_TYPES) requires. `stringData` counts as `data` (the
//! API server merges it in before validating; a `stringData` key wins over the same `data` key).
//! [`validate_config_map`] is `ValidateConfigMap`: the key rules for `data` and `binaryData`,
//! no key in both, at most 1 MiB in total.
//!
//! The paths are the API server's, quirks included: a basic-auth or ssh-auth Secret without its
//! keys is reported at `data[%s][username]` (upstream builds that path from the literal text
//! `data[%s]`).
//!
//! ```
//! use acp_model::secret::{docker_config_json_secret, validate_secret, TYPE_TLS};
//! use k8s_openapi::api::core::v1::Secret;
//!
//! let pull = docker_config_json_secret("my-docker-creds", "https://index.docker.io/v1/", "myuser", "mypass", "my@example.com");
//! assert!(validate_secret(&pull).is_empty());
//!
//! let mut tls = Secret::default();
//! tls.metadata.name = Some("web-tls".into());
//! tls.type_ = Some(TYPE_TLS.into());
//! assert_eq!(
//!     validate_secret(&tls).to_string(),
//!     "[data[tls.crt]: Required value, data[tls.key]: Required value]"
//! );
//! ```

use std::collections::BTreeMap;

use base64::Engine as _;
use k8s_openapi::ByteString;
use k8s_openapi::api::core::v1::{ConfigMap, Secret};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;

use crate::go::json_unmarshal_map_error;
use crate::names::{NameRule, is_config_map_key, validate_object_meta};
use crate::validation::{ErrorList, FieldError, FieldPath};

/// The most bytes a Secret's data, or a ConfigMap's data and binaryData together, may hold:
/// 1 MiB (`core.MaxSecretSize`).
pub const MAX_SECRET_SIZE: usize = 1024 * 1024;

/// `Opaque`: arbitrary keys (also what an empty `type` means).
pub const TYPE_OPAQUE: &str = "Opaque";
/// `kubernetes.io/service-account-token`: needs the [`SERVICE_ACCOUNT_NAME_KEY`] annotation.
pub const TYPE_SERVICE_ACCOUNT_TOKEN: &str = "kubernetes.io/service-account-token";
/// `kubernetes.io/dockercfg`: a [`DOCKER_CONFIG_KEY`] holding a JSON object.
pub const TYPE_DOCKERCFG: &str = "kubernetes.io/dockercfg";
/// `kubernetes.io/dockerconfigjson`: a [`DOCKER_CONFIG_JSON_KEY`] holding a JSON object.
pub const TYPE_DOCKER_CONFIG_JSON: &str = "kubernetes.io/dockerconfigjson";
/// `kubernetes.io/basic-auth`: [`BASIC_AUTH_USERNAME_KEY`] or [`BASIC_AUTH_PASSWORD_KEY`].
pub const TYPE_BASIC_AUTH: &str = "kubernetes.io/basic-auth";
/// `kubernetes.io/ssh-auth`: a non-empty [`SSH_AUTH_PRIVATE_KEY`].
pub const TYPE_SSH_AUTH: &str = "kubernetes.io/ssh-auth";
/// `kubernetes.io/tls`: [`TLS_CERT_KEY`] and [`TLS_PRIVATE_KEY_KEY`].
pub const TYPE_TLS: &str = "kubernetes.io/tls";
/// `bootstrap.kubernetes.io/token`: the API server requires no key of it.
pub const TYPE_BOOTSTRAP_TOKEN: &str = "bootstrap.kubernetes.io/token";

/// Every Secret type Kubernetes defines.
pub const SECRET_TYPES: [&str; 8] = [
    TYPE_OPAQUE,
    TYPE_SERVICE_ACCOUNT_TOKEN,
    TYPE_DOCKERCFG,
    TYPE_DOCKER_CONFIG_JSON,
    TYPE_BASIC_AUTH,
    TYPE_SSH_AUTH,
    TYPE_TLS,
    TYPE_BOOTSTRAP_TOKEN,
];

/// The annotation naming a token Secret's ServiceAccount.
pub const SERVICE_ACCOUNT_NAME_KEY: &str = "kubernetes.io/service-account.name";
/// The key of a `kubernetes.io/dockercfg` Secret.
pub const DOCKER_CONFIG_KEY: &str = ".dockercfg";
/// The key of a `kubernetes.io/dockerconfigjson` Secret.
pub const DOCKER_CONFIG_JSON_KEY: &str = ".dockerconfigjson";
/// A basic-auth Secret's user name key.
pub const BASIC_AUTH_USERNAME_KEY: &str = "username";
/// A basic-auth Secret's password key.
pub const BASIC_AUTH_PASSWORD_KEY: &str = "password";
/// An ssh-auth Secret's key.
pub const SSH_AUTH_PRIVATE_KEY: &str = "ssh-privatekey";
/// A TLS Secret's certificate key.
pub const TLS_CERT_KEY: &str = "tls.crt";
/// A TLS Secret's private key key.
pub const TLS_PRIVATE_KEY_KEY: &str = "tls.key";

/// What the API server shows instead of a Secret's content in an error.
const REDACTED: &str = "<secret contents redacted>";

/// The Secret's data as the API server sees it: `data` with `stringData` merged over it.
pub fn effective_data(secret: &Secret) -> BTreeMap<&str, &[u8]> {
    let mut out: BTreeMap<&str, &[u8]> = BTreeMap::new();
    for (k, v) in secret.data.iter().flatten() {
        out.insert(k.as_str(), v.0.as_slice());
    }
    for (k, v) in secret.string_data.iter().flatten() {
        out.insert(k.as_str(), v.as_bytes());
    }
    out
}

/// The Secret's type, `Opaque` when unset or empty (the API server's default).
pub fn secret_type(secret: &Secret) -> &str {
    match secret.type_.as_deref() {
        None | Some("") => TYPE_OPAQUE,
        Some(t) => t,
    }
}

/// The API server's `ValidateSecret` for a new Secret; see the [module docs](self).
pub fn validate_secret(secret: &Secret) -> ErrorList {
    let mut errs = validate_object_meta(&secret.metadata, NameRule::Dns1123Subdomain);
    let data = effective_data(secret);
    let data_path = FieldPath::new("data");
    let mut total = 0usize;
    for (key, value) in &data {
        for msg in is_config_map_key(key) {
            errs.push(FieldError::invalid(&data_path.key(key), *key, msg));
        }
        total = total.saturating_add(value.len());
    }
    if total > MAX_SECRET_SIZE {
        errs.push(FieldError::too_long(&data_path, MAX_SECRET_SIZE));
    }
    // The API server builds the basic-auth and ssh-auth paths from the literal text
    // `data[%s]`, so they print as `data[%s][username]`; we print what it prints.
    let quirk_path = FieldPath::new("data[%s]");
    match secret_type(secret) {
        TYPE_SERVICE_ACCOUNT_TOKEN => {
            let named = secret
                .metadata
                .annotations
                .as_ref()
                .and_then(|a| a.get(SERVICE_ACCOUNT_NAME_KEY))
                .is_some_and(|v| !v.is_empty());
            if !named {
                errs.push(FieldError::required(
                    &FieldPath::new("metadata")
                        .child("annotations")
                        .key(SERVICE_ACCOUNT_NAME_KEY),
                    "",
                ));
            }
        }
        t @ (TYPE_DOCKERCFG | TYPE_DOCKER_CONFIG_JSON) => {
            let key = if t == TYPE_DOCKERCFG {
                DOCKER_CONFIG_KEY
            } else {
                DOCKER_CONFIG_JSON_KEY
            };
            match data.get(key) {
                None => errs.push(FieldError::required(&data_path.key(key), "")),
                Some(bytes) => {
                    if let Some(msg) = json_unmarshal_map_error(bytes) {
                        errs.push(FieldError::invalid(&data_path.key(key), REDACTED, msg));
                    }
                }
            }
        }
        TYPE_BASIC_AUTH
            if !data.contains_key(BASIC_AUTH_USERNAME_KEY)
                && !data.contains_key(BASIC_AUTH_PASSWORD_KEY) =>
        {
            errs.push(FieldError::required(
                &quirk_path.key(BASIC_AUTH_USERNAME_KEY),
                "",
            ));
            errs.push(FieldError::required(
                &quirk_path.key(BASIC_AUTH_PASSWORD_KEY),
                "",
            ));
        }
        TYPE_SSH_AUTH if data.get(SSH_AUTH_PRIVATE_KEY).is_none_or(|v| v.is_empty()) => {
            errs.push(FieldError::required(
                &quirk_path.key(SSH_AUTH_PRIVATE_KEY),
                "",
            ));
        }
        TYPE_TLS => {
            for key in [TLS_CERT_KEY, TLS_PRIVATE_KEY_KEY] {
                if !data.contains_key(key) {
                    errs.push(FieldError::required(&data_path.key(key), ""));
                }
            }
        }
        // Opaque, bootstrap tokens and any other type: no required keys.
        _ => {}
    }
    errs
}

/// The API server's `ValidateConfigMap` for a new ConfigMap; see the [module docs](self).
///
/// ```
/// use acp_model::secret::validate_config_map;
/// use k8s_openapi::api::core::v1::ConfigMap;
/// let mut cm = ConfigMap::default();
/// cm.metadata.name = Some("app-config".into());
/// cm.data = Some([("..data".to_string(), "x".to_string())].into());
/// assert_eq!(
///     validate_config_map(&cm).to_string(),
///     r#"data[..data]: Invalid value: "..data": must not start with '..'"#
/// );
/// ```
pub fn validate_config_map(cm: &ConfigMap) -> ErrorList {
    let mut errs = validate_object_meta(&cm.metadata, NameRule::Dns1123Subdomain);
    let data_path = FieldPath::new("data");
    let binary_path = FieldPath::new("binaryData");
    let binary = cm.binary_data.as_ref();
    let mut total = 0usize;
    for (key, value) in cm.data.iter().flatten() {
        for msg in is_config_map_key(key) {
            errs.push(FieldError::invalid(&data_path.key(key), key, msg));
        }
        if binary.is_some_and(|b| b.contains_key(key)) {
            errs.push(FieldError::invalid(
                &data_path.key(key),
                key,
                "duplicate of key present in binaryData",
            ));
        }
        total = total.saturating_add(value.len());
    }
    for (key, value) in binary.into_iter().flatten() {
        for msg in is_config_map_key(key) {
            errs.push(FieldError::invalid(&binary_path.key(key), key, msg));
        }
        total = total.saturating_add(value.0.len());
    }
    if total > MAX_SECRET_SIZE {
        errs.push(FieldError::too_long(&FieldPath::root(), MAX_SECRET_SIZE));
    }
    errs
}

/// One registry's credentials in a `.dockerconfigjson` (`auths.<server>`), fields in the order
/// `kubectl` writes them; empty fields are left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DockerConfigEntry {
    /// The registry user.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub username: String,
    /// The password or token.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub password: String,
    /// An e-mail address (optional).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// base64 of `username:password`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub auth: String,
}

impl DockerConfigEntry {
    /// The entry for these credentials, `auth` computed.
    pub fn new(username: &str, password: &str, email: &str) -> Self {
        DockerConfigEntry {
            username: username.to_owned(),
            password: password.to_owned(),
            email: email.to_owned(),
            auth: base64::engine::general_purpose::STANDARD
                .encode(format!("{username}:{password}")),
        }
    }
}

#[derive(Serialize)]
struct DockerConfigJson<'a> {
    auths: BTreeMap<&'a str, &'a DockerConfigEntry>,
}

/// The `.dockerconfigjson` document for one registry:
/// `{"auths":{"<server>":{"username":…,"password":…,"email":…,"auth":"<base64 user:password>"}}}`,
/// compact, as `kubectl create secret docker-registry` writes it.
///
/// ```
/// use acp_model::secret::render_docker_config_json;
/// assert_eq!(
///     render_docker_config_json("https://index.docker.io/v1/", "myuser", "mypass", "my@example.com"),
///     r#"{"auths":{"https://index.docker.io/v1/":{"username":"myuser","password":"mypass","email":"my@example.com","auth":"bXl1c2VyOm15cGFzcw=="}}}"#
/// );
/// ```
// seed 003:14849-14885
pub fn render_docker_config_json(
    server: &str,
    username: &str,
    password: &str,
    email: &str,
) -> String {
    let entry = DockerConfigEntry::new(username, password, email);
    let doc = DockerConfigJson {
        auths: [(server, &entry)].into(),
    };
    // Serialising strings and maps of strings cannot fail.
    serde_json::to_string(&doc).unwrap_or_default()
}

/// A `kubernetes.io/dockerconfigjson` Secret named `name` holding
/// [`render_docker_config_json`]'s document.
pub fn docker_config_json_secret(
    name: &str,
    server: &str,
    username: &str,
    password: &str,
    email: &str,
) -> Secret {
    let json = render_docker_config_json(server, username, password, email);
    Secret {
        metadata: ObjectMeta {
            name: Some(name.to_owned()),
            ..ObjectMeta::default()
        },
        type_: Some(TYPE_DOCKER_CONFIG_JSON.to_owned()),
        data: Some(
            [(
                DOCKER_CONFIG_JSON_KEY.to_owned(),
                ByteString(json.into_bytes()),
            )]
            .into(),
        ),
        ..Secret::default()
    }
}
