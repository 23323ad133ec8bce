//! Round trip of every seed fixture made of Kubernetes **built-in** kinds (the kinds k8s-openapi
//! serves: Pod, Deployment, Service, HorizontalPodAutoscaler …).
//!
//! For each `tests/fixtures/**/*.yaml` file, every YAML document is read twice: as an untyped
//! `serde_json::Value` (`serde_saphyr::from_multiple`) and, picked by `apiVersion` + `kind`
//! ([`builtin::lookup`]), as its k8s-openapi type. The typed value is serialised back to a
//! `serde_json::Value` and compared with the untyped one: no field may be lost, added or changed.
//!
//! * A file is checked here when at least one of its documents is a built-in kind (served, or
//!   known to be no longer served). Documents of other kinds (ACP and third-party CRDs) are left
//!   to their own tests and the lead's `seed_fixtures.rs` harness.
//! * A sibling `<name>.expected-error` (one substring per line) turns the check around: the file
//!   must FAIL and the failure message must contain every line. In a file that mixes built-in and
//!   other kinds the expected error may concern the other documents, so here it is ignored and
//!   the built-in documents must simply round-trip.
//! * `null` in the YAML versus an absent field after the round trip is **not** a difference:
//!   k8s-openapi models optional fields as `Option` and never writes `null`, and the API server
//!   treats an explicit `null` as "unset" for an optional field.
//!
//! The test prints one PASS/FAIL line per fixture and fails at the end with the list of every
//! failing fixture.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use acp_model::validation::FieldPath;
use builtin::child;
use serde_json::Value;

/// `apiVersion` + `kind` → k8s-openapi type, and the `apiVersion`s Kubernetes stopped serving.
///
/// Self-contained (depends on `k8s_openapi`, `serde` and `serde_json` only) so that it can move
/// into a library module (`acp_model::object`) unchanged.
mod builtin {
    use std::fmt;

    use k8s_openapi::Resource;
    use k8s_openapi::api::{
        admissionregistration, apps, autoscaling, batch, coordination, core, discovery, events,
        networking, node, policy, rbac, scheduling, storage,
    };
    use k8s_openapi::apimachinery::pkg::apis::meta;
    use serde::Serialize;
    use serde::de::DeserializeOwned;
    use serde_json::Value;

    use acp_model::validation::FieldPath;

    /// The Kubernetes minor version whose API k8s-openapi was built for (`.cargo/config.toml`,
    /// `K8S_OPENAPI_ENABLED_VERSION`).
    pub(crate) const KUBERNETES_VERSION: &str = "1.35";

    /// Deserialise a JSON value into one k8s-openapi type and serialise it back.
    pub(crate) type RoundTrip = fn(&Value) -> Result<Value, Error>;

    fn round_trip_as<T: DeserializeOwned + Serialize>(value: &Value) -> Result<Value, Error> {
        // Deserialise from a JSON text whose every line is mapped to its field path, so that an
        // error (`serde_json::Error::line`) can name the field it is about.
        let mut lines = Vec::new();
        render(value, &FieldPath::root(), String::new(), 0, &mut lines);
        let text = lines
            .iter()
            .map(|(l, _)| l.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let typed: T = serde_json::from_str(&text).map_err(|e| {
            let path = e
                .line()
                .checked_sub(1)
                .and_then(|i| lines.get(i))
                .map(|(_, p)| p.to_string());
            let message = e.to_string();
            let message = match message.rsplit_once(" at line ") {
                Some((m, _)) => m.to_owned(),
                None => message,
            };
            Error::Deserialize {
                path: path.filter(|p| !p.is_empty()),
                message,
            }
        })?;
        serde_json::to_value(&typed).map_err(Error::Serialize)
    }

    /// Pretty-print `value` as JSON, one line per scalar entry, each line with its field path.
    fn render(
        value: &Value,
        path: &FieldPath,
        prefix: String,
        depth: usize,
        lines: &mut Vec<(String, FieldPath)>,
    ) {
        let pad = "  ".repeat(depth);
        match value {
            Value::Object(map) if !map.is_empty() => {
                lines.push((format!("{pad}{prefix}{{"), path.clone()));
                for (i, (k, v)) in map.iter().enumerate() {
                    render(
                        v,
                        &child(path, k),
                        format!("{}: ", Value::String(k.clone())),
                        depth + 1,
                        lines,
                    );
                    if i + 1 < map.len()
                        && let Some((l, _)) = lines.last_mut()
                    {
                        l.push(',');
                    }
                }
                lines.push((format!("{pad}}}"), path.clone()));
            }
            Value::Array(items) if !items.is_empty() => {
                lines.push((format!("{pad}{prefix}["), path.clone()));
                for (i, v) in items.iter().enumerate() {
                    render(v, &path.index(i), String::new(), depth + 1, lines);
                    if i + 1 < items.len()
                        && let Some((l, _)) = lines.last_mut()
                    {
                        l.push(',');
                    }
                }
                lines.push((format!("{pad}]"), path.clone()));
            }
            _ => lines.push((format!("{pad}{prefix}{value}"), path.clone())),
        }
    }

    /// Struct-like keys print as `.name`, other map keys (`app.kubernetes.io/name`, `limits.cpu`)
    /// as `[key]`, the way apimachinery's `field.Path` prints map entries.
    pub(crate) fn child(path: &FieldPath, key: &str) -> FieldPath {
        let simple = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if simple {
            path.child(key)
        } else {
            path.key(key)
        }
    }

    /// One served kind: `(apiVersion, kind, round trip)`.
    type Served = (&'static str, &'static str, RoundTrip);

    macro_rules! served {
        ($($ty:ty),* $(,)?) => {
            &[$((<$ty as Resource>::API_VERSION, <$ty as Resource>::KIND, round_trip_as::<$ty> as RoundTrip)),*]
        };
    }

    /// Every built-in kind the seeds use, and the common neighbours of each API group.
    static SERVED: &[Served] = served![
        core::v1::ConfigMap,
        core::v1::Endpoints,
        core::v1::Event,
        core::v1::LimitRange,
        core::v1::Namespace,
        core::v1::Node,
        core::v1::PersistentVolume,
        core::v1::PersistentVolumeClaim,
        core::v1::Pod,
        core::v1::PodTemplate,
        core::v1::ReplicationController,
        core::v1::ResourceQuota,
        core::v1::Secret,
        core::v1::Service,
        core::v1::ServiceAccount,
        apps::v1::ControllerRevision,
        apps::v1::DaemonSet,
        apps::v1::Deployment,
        apps::v1::ReplicaSet,
        apps::v1::StatefulSet,
        autoscaling::v1::HorizontalPodAutoscaler,
        autoscaling::v2::HorizontalPodAutoscaler,
        batch::v1::CronJob,
        batch::v1::Job,
        networking::v1::Ingress,
        networking::v1::IngressClass,
        networking::v1::NetworkPolicy,
        policy::v1::PodDisruptionBudget,
        rbac::v1::ClusterRole,
        rbac::v1::ClusterRoleBinding,
        rbac::v1::Role,
        rbac::v1::RoleBinding,
        storage::v1::StorageClass,
        scheduling::v1::PriorityClass,
        coordination::v1::Lease,
        discovery::v1::EndpointSlice,
        events::v1::Event,
        node::v1::RuntimeClass,
        admissionregistration::v1::MutatingWebhookConfiguration,
        admissionregistration::v1::ValidatingWebhookConfiguration,
        meta::v1::APIResourceList,
    ];

    /// `(removed apiVersions, kinds, the apiVersion to use instead)`.
    ///
    /// Source: the Kubernetes deprecated API migration guide
    /// (kubernetes/website `content/en/docs/reference/using-api/deprecation-guide.md`).
    static NO_LONGER_SERVED: &[(&[&str], &[&str], &str)] = &[
        (
            &["autoscaling/v2beta1", "autoscaling/v2beta2"],
            &["HorizontalPodAutoscaler"],
            "autoscaling/v2",
        ),
        (
            &["extensions/v1beta1", "apps/v1beta1", "apps/v1beta2"],
            &[
                "Deployment",
                "DaemonSet",
                "ReplicaSet",
                "StatefulSet",
                "ControllerRevision",
            ],
            "apps/v1",
        ),
        (
            &["extensions/v1beta1", "networking.k8s.io/v1beta1"],
            &["Ingress", "IngressClass", "NetworkPolicy"],
            "networking.k8s.io/v1",
        ),
        (
            &["batch/v1beta1", "batch/v2alpha1"],
            &["CronJob"],
            "batch/v1",
        ),
        (&["policy/v1beta1"], &["PodDisruptionBudget"], "policy/v1"),
        (
            &[
                "rbac.authorization.k8s.io/v1beta1",
                "rbac.authorization.k8s.io/v1alpha1",
            ],
            &["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"],
            "rbac.authorization.k8s.io/v1",
        ),
        (
            &["scheduling.k8s.io/v1beta1"],
            &["PriorityClass"],
            "scheduling.k8s.io/v1",
        ),
        (
            &["storage.k8s.io/v1beta1"],
            &["StorageClass"],
            "storage.k8s.io/v1",
        ),
        (
            &["coordination.k8s.io/v1beta1"],
            &["Lease"],
            "coordination.k8s.io/v1",
        ),
        (
            &["discovery.k8s.io/v1beta1"],
            &["EndpointSlice"],
            "discovery.k8s.io/v1",
        ),
        (&["events.k8s.io/v1beta1"], &["Event"], "events.k8s.io/v1"),
        (
            &["node.k8s.io/v1beta1"],
            &["RuntimeClass"],
            "node.k8s.io/v1",
        ),
        (
            &["admissionregistration.k8s.io/v1beta1"],
            &[
                "MutatingWebhookConfiguration",
                "ValidatingWebhookConfiguration",
            ],
            "admissionregistration.k8s.io/v1",
        ),
    ];

    /// What `apiVersion` + `kind` is.
    #[derive(Clone, Copy)]
    pub(crate) enum Lookup {
        /// A kind k8s-openapi serves.
        Served(RoundTrip),
        /// A built-in kind at an apiVersion Kubernetes removed.
        NoLongerServed {
            /// The apiVersion serving the kind now.
            replacement: &'static str,
        },
        /// Not a built-in kind (a CRD, or unknown).
        NotBuiltin,
    }

    /// Look up `apiVersion` + `kind`.
    pub(crate) fn lookup(api_version: &str, kind: &str) -> Lookup {
        if let Some((_, _, rt)) = SERVED
            .iter()
            .find(|(a, k, _)| *a == api_version && *k == kind)
        {
            return Lookup::Served(*rt);
        }
        for (versions, kinds, replacement) in NO_LONGER_SERVED {
            if versions.contains(&api_version) && kinds.contains(&kind) {
                return Lookup::NoLongerServed { replacement };
            }
        }
        Lookup::NotBuiltin
    }

    /// Why a built-in object could not be round-tripped through its k8s-openapi type.
    #[derive(Debug)]
    pub(crate) enum Error {
        /// The apiVersion was removed from Kubernetes.
        NoLongerServed {
            /// `apiVersion` of the object.
            api_version: String,
            /// `kind` of the object.
            kind: String,
            /// The apiVersion to use instead.
            replacement: &'static str,
        },
        /// Not a built-in kind.
        NotBuiltin {
            /// `apiVersion` of the object.
            api_version: String,
            /// `kind` of the object.
            kind: String,
        },
        /// The value does not fit the k8s-openapi type (wrong type, invalid base64 …).
        Deserialize {
            /// The field the error is about, when known.
            path: Option<String>,
            /// serde's message.
            message: String,
        },
        /// The typed value could not be written back (should not happen).
        Serialize(serde_json::Error),
    }

    impl fmt::Display for Error {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                Error::NoLongerServed {
                    api_version,
                    kind,
                    replacement,
                } => write!(
                    f,
                    "{api_version} {kind} is no longer served by Kubernetes {KUBERNETES_VERSION}; use {replacement}"
                ),
                Error::NotBuiltin { api_version, kind } => {
                    write!(f, "{api_version} {kind} is not a Kubernetes built-in kind")
                }
                Error::Deserialize {
                    path: Some(path),
                    message,
                } => {
                    write!(
                        f,
                        "{path}: does not deserialise into the k8s-openapi type: {message}"
                    )
                }
                Error::Deserialize {
                    path: None,
                    message,
                } => {
                    write!(
                        f,
                        "does not deserialise into the k8s-openapi type: {message}"
                    )
                }
                Error::Serialize(e) => write!(f, "cannot be serialised back: {e}"),
            }
        }
    }

    /// Deserialise `value` into the k8s-openapi type of `apiVersion` + `kind` and serialise it back.
    pub(crate) fn round_trip(api_version: &str, kind: &str, value: &Value) -> Result<Value, Error> {
        match lookup(api_version, kind) {
            Lookup::Served(rt) => rt(value),
            Lookup::NoLongerServed { replacement } => Err(Error::NoLongerServed {
                api_version: api_version.to_owned(),
                kind: kind.to_owned(),
                replacement,
            }),
            Lookup::NotBuiltin => Err(Error::NotBuiltin {
                api_version: api_version.to_owned(),
                kind: kind.to_owned(),
            }),
        }
    }
}

/// JSON paths (`spec.template.spec.containers[0].foo`, `metadata.labels[app.kubernetes.io/name]`)
/// present in `original` and missing from `roundtrip`. A `null` in `original` counts as absent.
/// Reversing the arguments lists the fields *added* by the round trip.
fn lost_fields(original: &Value, roundtrip: &Value) -> Vec<String> {
    lost_entries(original, roundtrip)
        .into_iter()
        .map(|(p, _)| p.to_string())
        .collect()
}

/// [`lost_fields`] with the lost values.
fn lost_entries<'a>(original: &'a Value, roundtrip: &Value) -> Vec<(FieldPath, &'a Value)> {
    let mut out = Vec::new();
    walk_lost(&FieldPath::root(), original, roundtrip, &mut out);
    out
}

fn walk_lost<'a>(
    path: &FieldPath,
    original: &'a Value,
    roundtrip: &Value,
    out: &mut Vec<(FieldPath, &'a Value)>,
) {
    match (original, roundtrip) {
        (Value::Object(o), Value::Object(r)) => {
            for (k, ov) in o {
                let p = child(path, k);
                match r.get(k) {
                    None | Some(Value::Null) if !ov.is_null() => out.push((p, ov)),
                    None | Some(Value::Null) => {}
                    Some(rv) => walk_lost(&p, ov, rv, out),
                }
            }
        }
        (Value::Array(o), Value::Array(r)) => {
            for (i, ov) in o.iter().enumerate() {
                match r.get(i) {
                    Some(rv) => walk_lost(&path.index(i), ov, rv, out),
                    None if ov.is_null() => {}
                    None => out.push((path.index(i), ov)),
                }
            }
        }
        _ => {}
    }
}

/// Why a field added by the round trip carries no information, if it does not.
///
/// * `{}` / `[]`: k8s-openapi writes a required field the YAML left out with its empty default
///   (`metadata: {}` of a Pod without metadata, `spec.selector: {}` of a Deployment without
///   selector). The API server treats both spellings alike (and rejects a Deployment without a
///   selector either way — validation's business, not the round trip's).
/// * `apiVersion` / `kind` below the root: k8s-openapi writes the type meta of every
///   `Resource` it serialises, also when embedded (`spec.volumeClaimTemplates[*]` of a
///   StatefulSet is a `PersistentVolumeClaim`); Kubernetes' Go types omit it when empty.
fn tolerated_addition(path: &FieldPath, added: &Value) -> Option<&'static str> {
    let p = path.as_str();
    match added {
        Value::Object(m) if m.is_empty() => Some("required field written as {}"),
        Value::Array(a) if a.is_empty() => Some("required field written as []"),
        Value::String(_) if p.ends_with(".apiVersion") || p.ends_with(".kind") => {
            Some("type meta written on an embedded resource")
        }
        _ => None,
    }
}

/// Paths present on both sides whose scalar values (or JSON types) differ.
fn changed_fields(original: &Value, roundtrip: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk_changed(&FieldPath::root(), original, roundtrip, &mut out);
    out
}

fn walk_changed(path: &FieldPath, original: &Value, roundtrip: &Value, out: &mut Vec<String>) {
    match (original, roundtrip) {
        (Value::Object(o), Value::Object(r)) => {
            for (k, ov) in o {
                if let Some(rv) = r.get(k) {
                    walk_changed(&child(path, k), ov, rv, out);
                }
            }
        }
        (Value::Array(o), Value::Array(r)) => {
            for (i, (ov, rv)) in o.iter().zip(r).enumerate() {
                walk_changed(&path.index(i), ov, rv, out);
            }
        }
        (Value::Null, _) | (_, Value::Null) => {}
        (o, r) if o != r => out.push(format!("{}: {o} became {r}", display(path))),
        _ => {}
    }
}

fn display(path: &FieldPath) -> String {
    if path.as_str().is_empty() {
        "<root>".to_owned()
    } else {
        path.to_string()
    }
}

fn str_field<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Outcome of one fixture file.
enum Outcome {
    /// No document is a built-in kind: not this test's business.
    NotBuiltin,
    /// Checked; `Err` holds the failure message.
    Checked {
        /// Documents of other kinds in the same file.
        mixed: bool,
        /// Tolerated differences (see [`tolerated_addition`]).
        notes: Vec<String>,
        /// `Err` holds the failure message.
        result: Result<(), String>,
    },
}

/// How the fixtures are read: serde-saphyr's defaults (YAML 1.2) except that integers with a
/// leading zero are octal, as in YAML 1.1 — the way Kubernetes (sigs.k8s.io/yaml over go-yaml)
/// and kubectl read manifests. See [`leading_zero_integers_differ_between_yaml_1_1_and_1_2`].
fn yaml_options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.legacy_octal_numbers = true;
    options
}

fn check_file(text: &str) -> Outcome {
    let docs: Vec<Value> = match serde_saphyr::from_multiple_with_options(text, yaml_options()) {
        Ok(d) => d,
        Err(e) => {
            return Outcome::Checked {
                mixed: false,
                notes: Vec::new(),
                result: Err(format!("not valid YAML: {e}")),
            };
        }
    };
    let mut builtin_docs = 0;
    let mut other_docs = 0;
    let mut problems = String::new();
    let mut notes = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        if doc.is_null() {
            continue;
        }
        let api_version = str_field(doc, "apiVersion");
        let kind = str_field(doc, "kind");
        let name = doc
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or("<unnamed>");
        if matches!(
            builtin::lookup(api_version, kind),
            builtin::Lookup::NotBuiltin
        ) {
            other_docs += 1;
            continue;
        }
        builtin_docs += 1;
        let label = format!("document {i} ({kind} {name})");
        match builtin::round_trip(api_version, kind, doc) {
            Err(e) => {
                let _ = writeln!(problems, "{label}: {e}");
            }
            Ok(back) => {
                for p in lost_fields(doc, &back) {
                    let _ = writeln!(problems, "{label}: field lost in the round trip: {p}");
                }
                for (p, v) in lost_entries(&back, doc) {
                    match tolerated_addition(&p, v) {
                        Some(why) => notes.push(format!("{label}: {p} added ({why})")),
                        None => {
                            let _ =
                                writeln!(problems, "{label}: field added by the round trip: {p}");
                        }
                    }
                }
                for p in changed_fields(doc, &back) {
                    let _ = writeln!(problems, "{label}: value changed by the round trip: {p}");
                }
            }
        }
    }
    if builtin_docs == 0 {
        return Outcome::NotBuiltin;
    }
    Outcome::Checked {
        mixed: other_docs > 0,
        notes,
        result: if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        },
    }
}

fn fixture_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            fixture_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "yaml") {
            out.push(p);
        }
    }
}

/// Lines of the sibling `.expected-error`, if any.
fn expected_error(path: &Path) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(path.with_extension("expected-error")).ok()?;
    Some(
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
    )
}

#[test]
fn builtin_fixtures_round_trip() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    fixture_files(&root, &mut files);
    let mut failures = Vec::new();
    let (mut passed, mut expected_failures) = (0, 0);
    for path in &files {
        let shown = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let Outcome::Checked {
            mixed,
            notes,
            result,
        } = check_file(&text)
        else {
            continue;
        };
        let expected = if mixed { None } else { expected_error(path) };
        let verdict = match (expected, result) {
            (None, Ok(())) => Ok("PASS".to_owned()),
            (None, Err(msg)) => Err(msg),
            (Some(lines), Ok(())) => Err(format!(
                "round trip succeeded but an error containing {lines:?} was expected"
            )),
            (Some(lines), Err(msg)) => {
                let missing: Vec<&String> =
                    lines.iter().filter(|l| !msg.contains(l.as_str())).collect();
                if missing.is_empty() {
                    Ok(format!(
                        "PASS (expected error: {})",
                        msg.trim_end().replace('\n', " | ")
                    ))
                } else {
                    Err(format!(
                        "the error lacks {missing:?}; the error was:\n{msg}"
                    ))
                }
            }
        };
        match verdict {
            Ok(line) => {
                if line.starts_with("PASS (") {
                    expected_failures += 1;
                } else {
                    passed += 1;
                }
                println!("{line} {shown}");
                for n in &notes {
                    println!("    tolerated: {n}");
                }
            }
            Err(msg) => {
                println!("FAIL {shown}\n{}", indent(&msg));
                failures.push(format!("{shown}\n{}", indent(&msg)));
            }
        }
    }
    println!(
        "{} built-in fixtures: {passed} round-trip, {expected_failures} fail as expected, {} failing",
        passed + expected_failures + failures.len(),
        failures.len()
    );
    // The seeds give 71 built-in fixtures (see tests/fixtures/README.md); fewer means files were lost.
    assert!(
        passed + expected_failures + failures.len() >= 71,
        "only {} built-in fixtures found under {}",
        passed + expected_failures + failures.len(),
        root.display()
    );
    assert!(
        failures.is_empty(),
        "{} failing fixture(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn indent(msg: &str) -> String {
    msg.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn lost_fields_reports_json_paths() {
    let original = serde_json::json!({
        "spec": {
            "targetCPUUtilizationPercentage": 75,
            "template": {"spec": {"containers": [{"name": "a", "foo": 1}, {"name": "b"}]}},
            "hard": {"limits.cpu": "2"},
            "gone": null,
        },
        "metadata": {"labels": {"app.kubernetes.io/name": "x", "app": "y"}},
    });
    let roundtrip = serde_json::json!({
        "spec": {"template": {"spec": {"containers": [{"name": "a"}]}}, "hard": {}},
        "metadata": {"labels": {"app": "y"}},
    });
    assert_eq!(
        lost_fields(&original, &roundtrip),
        vec![
            "metadata.labels[app.kubernetes.io/name]",
            "spec.hard[limits.cpu]",
            "spec.targetCPUUtilizationPercentage",
            "spec.template.spec.containers[0].foo",
            "spec.template.spec.containers[1]",
        ]
    );
    assert_eq!(lost_fields(&roundtrip, &original), Vec::<String>::new());
    assert_eq!(lost_fields(&original, &original), Vec::<String>::new());
}

#[test]
fn changed_fields_reports_scalar_differences() {
    let a = serde_json::json!({"spec": {"replicas": 1, "ports": [{"port": 80}], "x": null}});
    let b = serde_json::json!({"spec": {"replicas": "1", "ports": [{"port": 81}]}});
    assert_eq!(
        changed_fields(&a, &b),
        vec![
            r#"spec.ports[0].port: 80 became 81"#,
            r#"spec.replicas: 1 became "1""#
        ]
    );
}

#[test]
fn hpa_v2_with_v1_field_loses_it() {
    let yaml = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  maxReplicas: 3\n  scaleTargetRef:\n    kind: Deployment\n    name: d\n  targetCPUUtilizationPercentage: 75\n";
    let Outcome::Checked {
        result: Err(msg), ..
    } = check_file(yaml)
    else {
        panic!("the v1 field must be reported")
    };
    assert!(
        msg.contains("field lost in the round trip: spec.targetCPUUtilizationPercentage"),
        "{msg}"
    );
    // The same object under autoscaling/v1 keeps the field.
    let v1 = yaml.replace("autoscaling/v2", "autoscaling/v1");
    assert!(matches!(
        check_file(&v1),
        Outcome::Checked { result: Ok(()), .. }
    ));
}

#[test]
fn removed_api_versions_name_their_replacement() {
    let value =
        serde_json::json!({"apiVersion": "autoscaling/v2beta2", "kind": "HorizontalPodAutoscaler"});
    let err =
        builtin::round_trip("autoscaling/v2beta2", "HorizontalPodAutoscaler", &value).unwrap_err();
    assert_eq!(
        err.to_string(),
        "autoscaling/v2beta2 HorizontalPodAutoscaler is no longer served by Kubernetes 1.35; use autoscaling/v2"
    );
    let err = builtin::round_trip("extensions/v1beta1", "Deployment", &value).unwrap_err();
    assert_eq!(
        err.to_string(),
        "extensions/v1beta1 Deployment is no longer served by Kubernetes 1.35; use apps/v1"
    );
    assert!(matches!(
        builtin::lookup("apps/v1", "Deployment"),
        builtin::Lookup::Served(_)
    ));
    assert!(matches!(
        builtin::lookup("crd.alauda.io/v1", "Rule"),
        builtin::Lookup::NotBuiltin
    ));
    // A CRD is not mistaken for a built-in kind of the same name.
    assert!(matches!(
        builtin::lookup("argoproj.io/v1alpha1", "Deployment"),
        builtin::Lookup::NotBuiltin
    ));
}

#[test]
fn invalid_base64_in_secret_data_is_reported() {
    let yaml = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  api-key: <base64>\n";
    let Outcome::Checked {
        result: Err(msg), ..
    } = check_file(yaml)
    else {
        panic!("invalid base64 must fail")
    };
    assert!(
        msg.contains("document 0 (Secret s): data[api-key]: does not deserialise into the k8s-openapi type: Invalid symbol 60"),
        "{msg}"
    );
    let ok = yaml.replace("<base64>", "bXl1c2Vy");
    assert!(matches!(
        check_file(&ok),
        Outcome::Checked { result: Ok(()), .. }
    ));
}

/// YAML 1.2 (serde-saphyr's default) does not read `0755` as the integer Kubernetes sees: the
/// default reading is the float 755.0, which no `i32` field accepts. Kubernetes reads manifests
/// with a YAML 1.1 parser (sigs.k8s.io/yaml over go-yaml), for which `0755` is octal 493 — a
/// valid mode (at most 0777 = 511). The seed's Pod at 003_86c1a2268e510be6.txt:3335 writes
/// `defaultMode: 0755`, so the fixtures are read with `legacy_octal_numbers` ([`yaml_options`]).
#[test]
fn leading_zero_integers_differ_between_yaml_1_1_and_1_2() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/003/L3275-pod-complex-init.yaml"),
    )
    .unwrap();
    let mode = |v: &Value| v.pointer("/spec/volumes/0/configMap/defaultMode").cloned();
    let yaml12: Value = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(mode(&yaml12), Some(serde_json::json!(755.0)));
    let err = builtin::round_trip("v1", "Pod", &yaml12)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("spec.volumes[0].configMap.defaultMode: does not deserialise"),
        "{err}"
    );
    // Read straight into the typed Pod, YAML 1.2 fails the same way.
    assert!(serde_saphyr::from_str::<k8s_openapi::api::core::v1::Pod>(&text).is_err());
    let yaml11: Value = serde_saphyr::from_str_with_options(&text, yaml_options()).unwrap();
    assert_eq!(mode(&yaml11), Some(serde_json::json!(0o755)));
    assert!(builtin::round_trip("v1", "Pod", &yaml11).is_ok());
}
