//! `acp_model::yaml`: typed reading, document numbering in streams, and the limits.

use acp_model::yaml::{
    YamlError, YamlLimits, from_yaml, from_yaml_documents, from_yaml_stream, from_yaml_stream_with,
    from_yaml_with,
};
use k8s_openapi::api::core::v1::{ConfigMap, LimitRange, Pod};

const LIMIT_RANGE: &str = "\
apiVersion: v1
kind: LimitRange
metadata:
  name: container-defaults
  namespace: demo
spec:
  limits:
  - type: Container
    default: {cpu: 500m, memory: 512Mi}
    defaultRequest: {cpu: 100m, memory: 128Mi}
    max: {cpu: 2, memory: 2Gi}
";

#[test]
fn from_yaml_reads_a_limit_range() {
    let lr: LimitRange = from_yaml(LIMIT_RANGE).unwrap();
    assert_eq!(lr.metadata.name.as_deref(), Some("container-defaults"));
    let item = &lr.spec.unwrap().limits[0];
    assert_eq!(item.type_, "Container");
    // A plain integer reads as the quantity's text, as kubectl's YAML-to-JSON step gives it.
    assert_eq!(item.max.as_ref().unwrap()["cpu"].0, "2");
    assert_eq!(item.default.as_ref().unwrap()["memory"].0, "512Mi");
}

#[test]
fn from_yaml_accepts_json_and_marker_framing() {
    let json = r#"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "j"}}"#;
    let cm: ConfigMap = from_yaml(json).unwrap();
    assert_eq!(cm.metadata.name.as_deref(), Some("j"));
    let cm: ConfigMap = from_yaml("---\nmetadata: {name: m}\n---\n").unwrap();
    assert_eq!(cm.metadata.name.as_deref(), Some("m"));
}

#[test]
fn from_yaml_wants_exactly_one_document() {
    assert_eq!(from_yaml::<ConfigMap>("").unwrap_err(), YamlError::Empty);
    assert_eq!(
        from_yaml::<ConfigMap>("# nothing here\n---\n").unwrap_err(),
        YamlError::Empty
    );
    let err = from_yaml::<ConfigMap>("data: {}\n---\ndata: {}\n").unwrap_err();
    assert_eq!(err, YamlError::MultipleDocuments { found: 2 });
    assert!(err.to_string().contains("from_yaml_stream"), "{err}");
}

#[test]
fn yaml_1_1_octal_as_kubectl_reads_it() {
    let pod: Pod = from_yaml(
        "spec:\n  containers: [{name: c}]\n  volumes:\n  - name: cfg\n    configMap: {name: cfg, defaultMode: 0755}\n",
    )
    .unwrap();
    let mode = pod.spec.unwrap().volumes.unwrap()[0]
        .config_map
        .as_ref()
        .unwrap()
        .default_mode;
    assert_eq!(mode, Some(0o755));
}

#[test]
fn stream_error_in_the_third_document_reports_document_2() {
    let text = "\
metadata: {name: a}
---
metadata: {name: b}
---
metadata: {name: c}
data: [not, a, map]
";
    let err = from_yaml_stream::<ConfigMap>(text).unwrap_err();
    let YamlError::Invalid { document, line, .. } = &err else {
        panic!("{err:?}");
    };
    assert_eq!((*document, *line), (2, Some(6)));
    assert_eq!(err.document(), Some(2));
    assert!(err.to_string().starts_with("document 2, line 6: "), "{err}");
}

#[test]
fn stream_syntax_error_line_counts_the_whole_text() {
    let text = "a: 1\n---\nb: 2\n---\n# a comment\nc: [1, 2\n";
    let err = from_yaml_stream::<serde_json::Value>(text).unwrap_err();
    assert_eq!(err.document(), Some(2));
    let YamlError::Invalid { line, message, .. } = &err else {
        panic!("{err:?}");
    };
    assert!(matches!(line, Some(6 | 7)), "{err}");
    assert!(!message.contains(" at line "), "{message}");
}

#[test]
fn empty_documents_keep_their_number() {
    let text = "a: 1\n---\n---\n# only a comment\n---\nb: x\n";
    let values = from_yaml_stream::<serde_json::Value>(text).unwrap();
    assert_eq!(values.len(), 2);
    let err = from_yaml_stream::<std::collections::BTreeMap<String, i32>>(text).unwrap_err();
    assert_eq!(err.document(), Some(3), "{err}");
}

#[test]
fn from_yaml_documents_reports_every_failure() {
    let text = "a: 1\n---\na: x\n---\na: 3\n---\na: [\n";
    let docs = from_yaml_documents::<std::collections::BTreeMap<String, i32>>(
        text,
        &YamlLimits::default(),
    )
    .unwrap();
    let summary: Vec<(usize, bool)> = docs.iter().map(|(i, r)| (*i, r.is_ok())).collect();
    assert_eq!(summary, [(0, true), (1, false), (2, true), (3, false)]);
}

#[test]
fn duplicate_keys_are_an_error() {
    let err = from_yaml::<serde_json::Value>("a: 1\nb: 2\na: 3\n").unwrap_err();
    assert!(
        matches!(&err, YamlError::Invalid { document: 0, line: Some(3), message } if message.contains("duplicate")),
        "{err}"
    );
}

#[test]
fn default_limits_are_documented_values() {
    let l = YamlLimits::default();
    assert_eq!(l.max_document_bytes, 3 * 1024 * 1024);
    assert_eq!(l.max_documents, 1024);
    assert_eq!(l.max_depth, 256);
    assert_eq!(l.max_nodes, 250_000);
    assert_eq!(l.max_aliases, 10_000);
}

#[test]
fn document_count_limit() {
    let text = "a: 1\n---\nb: 2\n---\nc: 3\n";
    let limits = YamlLimits::default().with_max_documents(3);
    assert_eq!(
        from_yaml_stream_with::<serde_json::Value>(text, &limits)
            .unwrap()
            .len(),
        3
    );
    let limits = YamlLimits::default().with_max_documents(2);
    let err = from_yaml_stream_with::<serde_json::Value>(text, &limits).unwrap_err();
    assert_eq!(err, YamlError::TooManyDocuments { limit: 2 });
    assert_eq!(
        err.to_string(),
        "more than 2 YAML documents in the stream (the limit is 2)"
    );
}

#[test]
fn document_size_limit() {
    let text = "a: 1\n---\nb: 22222222\n";
    let limits = YamlLimits::default().with_max_document_bytes(12);
    let err = from_yaml_stream_with::<serde_json::Value>(text, &limits).unwrap_err();
    assert_eq!(
        err,
        YamlError::DocumentTooLarge {
            document: 1,
            line: 2,
            bytes: 16,
            limit: 12
        }
    );
    assert_eq!(
        err.to_string(),
        "document 1, line 2: 16 bytes of YAML, more than the limit of 12"
    );
    assert!(
        from_yaml_stream_with::<serde_json::Value>(text, &limits.with_max_document_bytes(16))
            .is_ok()
    );
}

#[test]
fn depth_limit() {
    let text = "a: {b: {c: {d: 1}}}\n";
    assert!(
        from_yaml_with::<serde_json::Value>(text, &YamlLimits::default().with_max_depth(4)).is_ok()
    );
    let err = from_yaml_with::<serde_json::Value>(text, &YamlLimits::default().with_max_depth(3))
        .unwrap_err();
    assert!(
        matches!(&err, YamlError::Invalid { document: 0, message, .. } if message.contains("Depth")),
        "{err}"
    );
}

#[test]
fn alias_and_node_limits() {
    // Each level refers to the previous one nine times: 9^6 scalars after expansion.
    let mut bomb = String::from("l0: &l0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..7 {
        let p = i - 1;
        bomb.push_str(&format!(
            "l{i}: &l{i} [*l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}]\n"
        ));
    }
    let err = from_yaml::<serde_json::Value>(&bomb).unwrap_err();
    assert!(
        matches!(&err, YamlError::Invalid { document: 0, message, .. } if message.contains("budget")),
        "{err}"
    );
    let few = "a: &a [1]\nb: *a\nc: *a\nd: *a\n";
    assert!(
        from_yaml_with::<serde_json::Value>(few, &YamlLimits::default().with_max_aliases(3))
            .is_ok()
    );
    let err = from_yaml_with::<serde_json::Value>(few, &YamlLimits::default().with_max_aliases(2))
        .unwrap_err();
    assert!(
        matches!(&err, YamlError::Invalid { message, .. } if message.contains("Aliases")),
        "{err}"
    );
    let err = from_yaml_with::<serde_json::Value>(few, &YamlLimits::default().with_max_nodes(3))
        .unwrap_err();
    assert!(
        matches!(&err, YamlError::Invalid { message, .. } if message.contains("Nodes")),
        "{err}"
    );
}
