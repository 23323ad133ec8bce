//! Object validation: upstream's test tables (facts carried over, named after the upstream
//! test), golden messages, the seed's examples, and properties.

use acp_model::KnownObject;
use acp_model::go::json_unmarshal_map_error;
use acp_model::image::{default_pull_policy, lint_image, parse, parse_normalized};
use acp_model::names::{is_config_map_key, is_valid_port_name};
use acp_model::object::parse_yaml;
use acp_model::pod::{validate_container_ports, validate_pod};
use acp_model::secret::{
    docker_config_json_secret, render_docker_config_json, validate_config_map, validate_secret,
};
use acp_model::service::validate_service;
use acp_model::validation::{ErrorList, ErrorType, FieldPath};
use acp_model::workload::{
    validate_cron_job, validate_daemon_set, validate_deployment, validate_job,
    validate_replica_set, validate_stateful_set,
};
use base64::Engine as _;
use k8s_openapi::api::core::v1::{ConfigMap, ContainerPort, Secret};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::support;

fn from<T: DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).unwrap()
}

fn b64(s: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(s)
}

/// A Secret named foo in bar with `data` given as plain bytes.
fn secret(ty: Option<&str>, data: &[(&str, &[u8])], annotations: Option<Value>) -> Secret {
    let data: serde_json::Map<String, Value> = data
        .iter()
        .map(|(k, v)| ((*k).to_owned(), Value::String(b64(v))))
        .collect();
    let mut meta = json!({"name": "foo", "namespace": "bar"});
    if let Some(a) = annotations {
        meta["annotations"] = a;
    }
    let mut v = json!({"metadata": meta, "data": data});
    if let Some(t) = ty {
        v["type"] = json!(t);
    }
    from(v)
}

fn kinds(errs: &ErrorList) -> Vec<(ErrorType, String)> {
    errs.iter().map(|e| (e.kind, e.field.clone())).collect()
}

// --- Secrets ------------------------------------------------------------------------------

#[test]
fn validate_secret_opaque_cases() {
    // TestValidateSecret: (case, secret, valid)
    let valid = || secret(None, &[("data-1", b"bar")], None);
    assert!(validate_secret(&valid()).is_empty());
    let mut empty_name = valid();
    empty_name.metadata.name = Some(String::new());
    let mut invalid_name = valid();
    invalid_name.metadata.name = Some("NoUppercaseOrSpecialCharsLike=Equals".into());
    let mut invalid_ns = valid();
    invalid_ns.metadata.namespace = Some("NoUppercaseOrSpecialCharsLike=Equals".into());
    let over_max = secret(None, &[("over", &vec![0u8; 1024 * 1024 + 1])], None);
    let cases: Vec<(&str, Secret, bool)> = vec![
        ("empty name", empty_name, false),
        ("invalid name", invalid_name, false),
        ("invalid namespace", invalid_ns, false),
        ("over max size", over_max, false),
        (
            "invalid key",
            secret(None, &[("data-1", b"bar"), ("a*b", b"whoops")], None),
            false,
        ),
        (
            "leading dot key",
            secret(None, &[("data-1", b"bar"), (".key", b"bar")], None),
            true,
        ),
        (
            "dot key",
            secret(None, &[("data-1", b"bar"), (".", b"bar")], None),
            false,
        ),
        (
            "double dot key",
            secret(None, &[("data-1", b"bar"), ("..", b"bar")], None),
            false,
        ),
    ];
    for (name, s, ok) in cases {
        let errs = validate_secret(&s);
        assert_eq!(errs.is_empty(), ok, "{name}: {errs}");
    }
    // Exactly 1 MiB is allowed.
    assert!(validate_secret(&secret(None, &[("max", &vec![0u8; 1024 * 1024])], None)).is_empty());
    assert_eq!(
        validate_secret(&secret(
            None,
            &[("over", &vec![0u8; 1024 * 1024 + 1])],
            None
        ))
        .to_string(),
        "data: Too long: may not be more than 1048576 bytes"
    );
    assert_eq!(
        validate_secret(&secret(None, &[("a*b", b"x")], None)).to_string(),
        "data[a*b]: Invalid value: \"a*b\": a valid config key must consist of alphanumeric \
         characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used \
         for validation is '[-._a-zA-Z0-9]+')"
    );
}

#[test]
fn validate_secret_service_account_token_cases() {
    let sa = Some("kubernetes.io/service-account-token");
    let ok = secret(
        sa,
        &[("data-1", b"bar")],
        Some(json!({"kubernetes.io/service-account.name": "foo"})),
    );
    assert!(validate_secret(&ok).is_empty());
    for (case, ann) in [
        (
            "empty annotation",
            Some(json!({"kubernetes.io/service-account.name": ""})),
        ),
        ("missing annotation", Some(json!({"other": "x"}))),
        ("missing annotations", None),
    ] {
        let errs = validate_secret(&secret(sa, &[("data-1", b"bar")], ann));
        assert_eq!(
            errs.to_string(),
            "metadata.annotations[kubernetes.io/service-account.name]: Required value",
            "{case}"
        );
    }
}

#[test]
fn validate_docker_config_secret_cases() {
    // TestValidateDockerConfigSecret
    let cfg = br#"{"https://index.docker.io/v1/": {"auth": "Y2x1ZWRyb29sZXIwMDAxOnBhc3N3b3Jk","email": "fake@example.com"}}"#;
    let cfg_json = br#"{"auths":{"https://index.docker.io/v1/": {"auth": "Y2x1ZWRyb29sZXIwMDAxOnBhc3N3b3Jk","email": "fake@example.com"}}}"#;
    for (ty, key, good) in [
        ("kubernetes.io/dockercfg", ".dockercfg", &cfg[..]),
        (
            "kubernetes.io/dockerconfigjson",
            ".dockerconfigjson",
            &cfg_json[..],
        ),
    ] {
        assert!(validate_secret(&secret(Some(ty), &[(key, good)], None)).is_empty());
        assert_eq!(
            validate_secret(&secret(Some(ty), &[], None)).to_string(),
            format!("data[{key}]: Required value")
        );
        assert_eq!(
            validate_secret(&secret(Some(ty), &[(key, b"")], None)).to_string(),
            format!(
                "data[{key}]: Invalid value: \"<secret contents redacted>\": unexpected end of JSON input"
            )
        );
        assert_eq!(
            validate_secret(&secret(Some(ty), &[(key, b"bad")], None)).to_string(),
            format!(
                "data[{key}]: Invalid value: \"<secret contents redacted>\": invalid character 'b' looking for beginning of value"
            )
        );
        // Well-formed JSON that is not an object.
        assert_eq!(
            validate_secret(&secret(Some(ty), &[(key, b"[]")], None)).to_string(),
            format!(
                "data[{key}]: Invalid value: \"<secret contents redacted>\": json: cannot unmarshal array into Go value of type map[string]interface {{}}"
            )
        );
    }
}

#[test]
fn validate_basic_auth_ssh_auth_and_tls_secrets() {
    // TestValidateBasicAuthSecret, TestValidateSSHAuthSecret, and the TLS rule. The basic-auth
    // and ssh-auth paths carry upstream's literal `data[%s]`.
    let basic = Some("kubernetes.io/basic-auth");
    assert!(
        validate_secret(&secret(
            basic,
            &[("username", b"username"), ("password", b"password")],
            None
        ))
        .is_empty()
    );
    // Either key alone, even empty, is enough.
    assert!(validate_secret(&secret(basic, &[("password", b"")], None)).is_empty());
    assert_eq!(
        validate_secret(&secret(basic, &[], None)).to_string(),
        "[data[%s][username]: Required value, data[%s][password]: Required value]"
    );
    let ssh = Some("kubernetes.io/ssh-auth");
    assert!(
        validate_secret(&secret(
            ssh,
            &[("ssh-privatekey", b"fake-ssh-private-key")],
            None
        ))
        .is_empty()
    );
    for data in [&[][..], &[("ssh-privatekey", &b""[..])][..]] {
        assert_eq!(
            validate_secret(&secret(ssh, data, None)).to_string(),
            "data[%s][ssh-privatekey]: Required value"
        );
    }
    let tls = Some("kubernetes.io/tls");
    assert_eq!(
        validate_secret(&secret(tls, &[("tls.crt", b"c")], None)).to_string(),
        "data[tls.key]: Required value"
    );
    assert!(validate_secret(&secret(tls, &[("tls.crt", b""), ("tls.key", b"")], None)).is_empty());
    // ValidateSecret has no rule for bootstrap tokens.
    assert!(validate_secret(&secret(Some("bootstrap.kubernetes.io/token"), &[], None)).is_empty());
}

#[test]
fn string_data_counts_as_data() {
    let s: Secret = from(json!({
        "metadata": {"name": "basic-auth-secret"},
        "type": "kubernetes.io/basic-auth",
        "stringData": {"username": "admin"}
    }));
    assert!(validate_secret(&s).is_empty());
    let s: Secret = from(json!({
        "metadata": {"name": "s"}, "stringData": {"..bad": "x"}
    }));
    assert_eq!(
        validate_secret(&s).to_string(),
        r#"data[..bad]: Invalid value: "..bad": must not start with '..'"#
    );
}

// --- ConfigMaps ---------------------------------------------------------------------------

fn config_map(data: Option<Value>, binary: Option<&[(&str, &[u8])]>) -> ConfigMap {
    let mut v = json!({"metadata": {"name": "validname", "namespace": "validns"}});
    if let Some(d) = data {
        v["data"] = d;
    }
    if let Some(b) = binary {
        let m: serde_json::Map<String, Value> = b
            .iter()
            .map(|(k, x)| ((*k).to_owned(), Value::String(b64(x))))
            .collect();
        v["binaryData"] = Value::Object(m);
    }
    from(v)
}

#[test]
fn validate_config_map_cases() {
    // TestValidateConfigMap
    let big = "a".repeat(1024 * 1024 + 1);
    let long253 = "a".repeat(253);
    let long254 = "a".repeat(254);
    let big_bin = vec![b'a'; 1024 * 1024 + 1];
    let cases: Vec<(&str, ConfigMap, bool)> = vec![
        (
            "valid",
            config_map(Some(json!({"key": "value"})), Some(&[("bin", b"value")])),
            true,
        ),
        (
            "max key length",
            config_map(Some(json!({ long253.clone(): "value" })), None),
            true,
        ),
        (
            "invalid key",
            config_map(Some(json!({"a*b": "value"})), None),
            false,
        ),
        (
            "leading dot key",
            config_map(Some(json!({".ab": "value"})), None),
            true,
        ),
        (
            "dot key",
            config_map(Some(json!({".": "value"})), None),
            false,
        ),
        (
            "double dot key",
            config_map(Some(json!({"..": "value"})), None),
            false,
        ),
        (
            "over max key length",
            config_map(Some(json!({ long254.clone(): "value" })), None),
            false,
        ),
        (
            "over max size",
            config_map(Some(json!({"key": big})), None),
            false,
        ),
        (
            "duplicated key",
            config_map(Some(json!({"key": "value1"})), Some(&[("key", b"value2")])),
            false,
        ),
        (
            "binary invalid key",
            config_map(None, Some(&[("a*b", b"value")])),
            false,
        ),
        (
            "binary leading dot key",
            config_map(None, Some(&[(".ab", b"value")])),
            true,
        ),
        (
            "binary dot key",
            config_map(None, Some(&[(".", b"value")])),
            false,
        ),
        (
            "binary double dot key",
            config_map(None, Some(&[("..", b"value")])),
            false,
        ),
        (
            "binary over max key length",
            config_map(None, Some(&[(long254.as_str(), b"value")])),
            false,
        ),
        (
            "binary over max size",
            config_map(None, Some(&[("bin", &big_bin)])),
            false,
        ),
        (
            "binary non-utf8 value",
            config_map(None, Some(&[("key", &[0, 0xFE, 0, 0xFF])])),
            true,
        ),
    ];
    for (name, cm, ok) in cases {
        let errs = validate_config_map(&cm);
        assert_eq!(errs.is_empty(), ok, "{name}: {errs}");
    }
}

#[test]
fn config_map_golden_messages() {
    let dup = config_map(Some(json!({"key": "v"})), Some(&[("key", b"v")]));
    assert_eq!(
        validate_config_map(&dup).to_string(),
        r#"data[key]: Invalid value: "key": duplicate of key present in binaryData"#
    );
    // The size error is about the whole object; data and binaryData add up.
    let half = "a".repeat(600 * 1024);
    let both = config_map(
        Some(json!({"a": half})),
        Some(&[("b", &vec![0u8; 600 * 1024])]),
    );
    let errs = validate_config_map(&both);
    assert_eq!(
        errs.to_string(),
        "Too long: may not be more than 1048576 bytes"
    );
    assert_eq!(errs.as_slice()[0].kind, ErrorType::TooLong);
    assert_eq!(
        validate_config_map(&config_map(Some(json!({ "a".repeat(254): "v" })), None))
            .to_string()
            .matches("must be no more than 253 characters")
            .count(),
        1
    );
}

// --- Names --------------------------------------------------------------------------------

#[test]
fn is_valid_port_name_upstream_lists() {
    // TestIsValidPortName
    for ok in [
        "telnet",
        "re-mail-ck",
        "pop3",
        "a",
        "a-1",
        "1-a",
        "a-1-b-2-c",
        "1-a-2-b-3",
    ] {
        assert!(is_valid_port_name(ok).is_empty(), "{ok}");
    }
    for bad in [
        "longerthan15characters",
        "",
        &"a".repeat(16),
        "12345",
        "1-2-3-4",
        "-begin",
        "end-",
        "two--hyphens",
        "whois++",
    ] {
        assert!(!is_valid_port_name(bad).is_empty(), "{bad}");
    }
    // Every failing rule adds its message.
    assert_eq!(
        is_valid_port_name("--"),
        vec![
            "must contain at least one letter (a-z)",
            "must not contain consecutive hyphens",
            "must not begin or end with a hyphen"
        ]
    );
}

#[test]
fn is_config_map_key_upstream_lists() {
    // TestIsConfigMapKey
    for ok in [
        "a",
        "good",
        "good-good",
        "still.good",
        "this.is.also.good",
        ".so.is.this",
        "THIS_IS_GOOD",
        "so_is_this_17",
    ] {
        assert!(is_config_map_key(ok).is_empty(), "{ok}");
    }
    for bad in [".", "..", "..bad", "b*d", "bad!&bad"] {
        assert!(!is_config_map_key(bad).is_empty(), "{bad}");
    }
}

// --- Container ports ----------------------------------------------------------------------

fn port(name: &str, container: i32, host: Option<i32>, protocol: &str) -> ContainerPort {
    ContainerPort {
        name: (!name.is_empty()).then(|| name.to_owned()),
        container_port: container,
        host_port: host,
        protocol: Some(protocol.to_owned()),
        ..ContainerPort::default()
    }
}

#[test]
fn validate_container_ports_cases() {
    // TestValidateContainerPorts
    let p = FieldPath::new("ports");
    for ok in [
        vec![port("", 80, None, "TCP")],
        vec![port("easy", 82, None, "TCP"), port("as", 83, None, "UDP")],
        vec![port("do-re-me", 84, None, "SCTP")],
        vec![port("", 85, Some(81), "TCP")],
        vec![
            port("", 1, None, "TCP"),
            port("", 65535, Some(65535), "UDP"),
        ],
        // An explicitly empty protocol is defaulted to TCP before validation.
        vec![port("", 8080, None, "")],
    ] {
        let errs = validate_container_ports(&ok, &p);
        assert!(errs.is_empty(), "{ok:?}: {errs}");
    }
    let cases: Vec<(&str, Vec<ContainerPort>, ErrorType, &str)> = vec![
        (
            "name > 15 characters",
            vec![port(&"b".repeat(16), 80, None, "TCP")],
            ErrorType::Invalid,
            "ports[0].name",
        ),
        (
            "name contains invalid characters",
            vec![port("a.b.c", 80, None, "TCP")],
            ErrorType::Invalid,
            "ports[0].name",
        ),
        (
            "name is a number",
            vec![port("80", 80, None, "TCP")],
            ErrorType::Invalid,
            "ports[0].name",
        ),
        (
            "name not unique",
            vec![port("abc", 80, None, "TCP"), port("abc", 81, None, "TCP")],
            ErrorType::Duplicate,
            "ports[1].name",
        ),
        (
            "zero container port",
            vec![port("abc", 0, None, "TCP")],
            ErrorType::Required,
            "ports[0].containerPort",
        ),
        (
            "invalid container port",
            vec![port("abc", 65536, None, "TCP")],
            ErrorType::Invalid,
            "ports[0].containerPort",
        ),
        (
            "invalid host port",
            vec![port("abc", 80, Some(65536), "TCP")],
            ErrorType::Invalid,
            "ports[0].hostPort",
        ),
        (
            "invalid protocol case",
            vec![port("abc", 80, None, "tcp")],
            ErrorType::NotSupported,
            "ports[0].protocol",
        ),
        (
            "invalid protocol",
            vec![port("abc", 80, None, "asdf")],
            ErrorType::NotSupported,
            "ports[0].protocol",
        ),
    ];
    for (name, ports, kind, field) in cases {
        let errs = validate_container_ports(&ports, &p);
        assert!(!errs.is_empty(), "{name}");
        for e in &errs {
            assert_eq!((e.kind, e.field.as_str()), (kind, field), "{name}: {errs}");
        }
    }
    assert_eq!(
        validate_container_ports(&[port("abc", 80, None, "tcp")], &p).to_string(),
        r#"ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP""#
    );
    assert_eq!(
        validate_container_ports(&[port("abc", -1, None, "TCP")], &p).to_string(),
        "ports[0].containerPort: Invalid value: -1: must be between 1 and 65535, inclusive"
    );
}

// --- Pods ---------------------------------------------------------------------------------

fn pod(spec: Value) -> k8s_openapi::api::core::v1::Pod {
    from(json!({"metadata": {"name": "p"}, "spec": spec}))
}

#[test]
fn pod_spec_golden_messages() {
    assert_eq!(
        validate_pod(&pod(json!({"containers": []}))).to_string(),
        "spec.containers: Required value"
    );
    let errs = validate_pod(&pod(json!({
        "restartPolicy": "Sometimes",
        "containers": [
            {"name": "app", "image": " nginx", "imagePullPolicy": "Maybe"},
            {"name": "app", "image": ""},
            {"name": "Bad_Name", "image": "x"}
        ],
        "initContainers": [{"name": "app", "image": "busybox"}]
    })));
    let text = errs.to_string();
    for want in [
        r#"spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace"#,
        r#"spec.containers[0].imagePullPolicy: Unsupported value: "Maybe": supported values: "Always", "IfNotPresent", "Never""#,
        "spec.containers[1].image: Required value",
        r#"spec.containers[1].name: Duplicate value: "app""#,
        r#"spec.containers[2].name: Invalid value: "Bad_Name": a lowercase RFC 1123 label must consist of"#,
        r#"spec.initContainers[0].name: Duplicate value: "app""#,
        r#"spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never""#,
    ] {
        assert!(text.contains(want), "{want}\nnot in\n{text}");
    }
    assert_eq!(errs.len(), 7, "{text}");
}

#[test]
fn host_path_follows_upstream_not_absolute() {
    // seed 003:12266 mounts `/var/log`. The API server requires a path without `..`
    // elements and a known type; a relative path is accepted.
    let vol = |v: Value| pod(json!({"containers": [{"name": "c", "image": "i"}], "volumes": [v]}));
    assert!(
        validate_pod(&vol(
            json!({"name": "varlog", "hostPath": {"path": "/var/log"}})
        ))
        .is_empty()
    );
    assert!(
        validate_pod(&vol(
            json!({"name": "rel", "hostPath": {"path": "var/log"}})
        ))
        .is_empty()
    );
    assert_eq!(
        validate_pod(&vol(
            json!({"name": "up", "hostPath": {"path": "/var/../etc"}})
        ))
        .to_string(),
        r#"spec.volumes[0].hostPath.path: Invalid value: "/var/../etc": must not contain '..'"#
    );
    assert_eq!(
        validate_pod(&vol(json!({"name": "e", "hostPath": {"path": ""}}))).to_string(),
        "spec.volumes[0].hostPath.path: Required value"
    );
    assert_eq!(
        validate_pod(&vol(
            json!({"name": "t", "hostPath": {"path": "/x", "type": "Dir"}})
        ))
        .to_string(),
        r#"spec.volumes[0].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket""#
    );
    assert_eq!(
        validate_pod(&vol(
            json!({"name": "two", "hostPath": {"path": "/x"}, "emptyDir": {}})
        ))
        .to_string(),
        "spec.volumes[0].emptyDir: Forbidden: may not specify more than 1 volume type"
    );
}

#[test]
fn volume_names_are_unique_dns_labels() {
    let p = pod(
        json!({"containers": [{"name": "c", "image": "i"}], "volumes": [
            {"name": "data", "emptyDir": {}},
            {"name": "data", "emptyDir": {}},
            {"name": "Data", "emptyDir": {}},
            {"name": "", "emptyDir": {}}
        ]}),
    );
    assert_eq!(
        kinds(&validate_pod(&p)),
        vec![
            (ErrorType::Duplicate, "spec.volumes[1].name".to_owned()),
            (ErrorType::Invalid, "spec.volumes[2].name".to_owned()),
            (ErrorType::Required, "spec.volumes[3].name".to_owned()),
        ]
    );
}

#[test]
fn probes() {
    let with = |probe: Value| {
        pod(json!({"containers": [{"name": "c", "image": "i", "livenessProbe": probe}]}))
    };
    assert!(validate_pod(&with(json!({"httpGet": {"port": 80}}))).is_empty());
    assert_eq!(
        validate_pod(&with(json!({"periodSeconds": 5}))).to_string(),
        "spec.containers[0].livenessProbe: Required value: must specify a handler type"
    );
    assert_eq!(
        validate_pod(&with(
            json!({"httpGet": {"port": 80}, "tcpSocket": {"port": 80}})
        ))
        .to_string(),
        "spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type"
    );
    assert_eq!(
        validate_pod(&with(
            json!({"exec": {"command": ["true"]}, "successThreshold": 2})
        ))
        .to_string(),
        "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"
    );
    assert_eq!(
        validate_pod(&with(
            json!({"exec": {"command": ["true"]}, "timeoutSeconds": -1})
        ))
        .to_string(),
        "spec.containers[0].livenessProbe.timeoutSeconds: Invalid value: -1: must be greater than or equal to 0"
    );
    // A readiness probe may need several successes.
    let ready = pod(json!({"containers": [{"name": "c", "image": "i",
        "readinessProbe": {"exec": {"command": ["true"]}, "successThreshold": 3}}]}));
    assert!(validate_pod(&ready).is_empty());
}

// --- Workloads ----------------------------------------------------------------------------

fn template(labels: Value) -> Value {
    json!({"metadata": {"labels": labels}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}})
}

#[test]
fn selector_must_match_template_labels_per_kind() {
    let spec = json!({"selector": {"matchLabels": {"app": "web"}}, "template": template(json!({"app": "api"}))});
    let obj = json!({"metadata": {"name": "web"}, "spec": spec});
    let want = r#"spec.template.metadata.labels: Invalid value: {"app":"api"}: `selector` does not match template `labels`"#;
    assert_eq!(validate_deployment(&from(obj.clone())).to_string(), want);
    assert_eq!(validate_replica_set(&from(obj.clone())).to_string(), want);
    assert_eq!(validate_daemon_set(&from(obj.clone())).to_string(), want);
    assert_eq!(validate_stateful_set(&from(obj)).to_string(), want);
    // matchExpressions count too.
    let expr = json!({"metadata": {"name": "web"}, "spec": {
        "selector": {"matchExpressions": [{"key": "tier", "operator": "In", "values": ["fe", "be"]}]},
        "template": template(json!({"tier": "be"}))}});
    assert!(validate_deployment(&from(expr)).is_empty());
    let none = json!({"metadata": {"name": "web"}, "spec": {
        "selector": {"matchLabels": {"app": "web"}},
        "template": {"spec": {"containers": [{"name": "c", "image": "nginx"}]}}}});
    assert_eq!(
        validate_deployment(&from(none)).to_string(),
        "spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`"
    );
}

#[test]
fn empty_selector_messages_are_per_kind() {
    let obj = json!({"metadata": {"name": "web"}, "spec": {"selector": {}, "template": template(json!({"app": "web"}))}});
    assert_eq!(
        validate_deployment(&from(obj.clone())).to_string(),
        "spec.selector: Invalid value: {}: empty selector is invalid for deployment"
    );
    // Upstream's ReplicaSet says "deployment" too.
    assert_eq!(
        validate_replica_set(&from(obj.clone())).to_string(),
        "spec.selector: Invalid value: {}: empty selector is invalid for deployment"
    );
    assert_eq!(
        validate_daemon_set(&from(obj.clone())).to_string(),
        "spec.selector: Invalid value: {}: empty selector is invalid for daemonset"
    );
    assert_eq!(
        validate_stateful_set(&from(obj)).to_string(),
        "spec.selector: Invalid value: {}: empty selector is invalid for statefulset"
    );
}

#[test]
fn workload_templates_must_restart_always() {
    let mut t = template(json!({"app": "web"}));
    t["spec"]["restartPolicy"] = json!("OnFailure");
    t["spec"]["activeDeadlineSeconds"] = json!(30);
    let obj = json!({"metadata": {"name": "web"}, "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": t}});
    assert_eq!(
        validate_deployment(&from(obj.clone())).to_string(),
        r#"[spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always", spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported]"#
    );
    assert!(
        validate_stateful_set(&from(obj))
            .to_string()
            .contains("activeDeadlineSeconds in StatefulSet is not Supported")
    );
}

#[test]
fn stateful_set_pod_spec_is_left_to_the_pods_and_service_name_is_optional() {
    // Upstream checks only the template's labels; a bad port name passes. serviceName is
    // optional (seed 003:12514 sets it).
    let obj = json!({"metadata": {"name": "web"}, "spec": {
        "selector": {"matchLabels": {"app": "nginx"}},
        "template": {"metadata": {"labels": {"app": "nginx"}},
            "spec": {"containers": [{"name": "nginx", "image": "nginx", "ports": [{"name": "Web_Port", "containerPort": 80}]}]}}}});
    assert!(validate_stateful_set(&from(obj)).is_empty());
    // The name must be a DNS-1123 label (no dots), unlike a Deployment's.
    let dotted = json!({"metadata": {"name": "web.v1"}, "spec": {
        "selector": {"matchLabels": {"app": "nginx"}}, "template": template(json!({"app": "nginx"}))}});
    assert_eq!(
        validate_stateful_set(&from(dotted.clone())).to_string(),
        r#"metadata.name: Invalid value: "web.v1": must not contain dots"#
    );
    assert!(validate_deployment(&from(dotted)).is_empty());
}

#[test]
fn job_restart_policy_only_never_or_on_failure() {
    let job = |rp: Option<&str>| {
        let mut t = template(json!({"app": "j"}));
        if let Some(rp) = rp {
            t["spec"]["restartPolicy"] = json!(rp);
        }
        from::<k8s_openapi::api::batch::v1::Job>(
            json!({"metadata": {"name": "j"}, "spec": {"template": t}}),
        )
    };
    assert!(validate_job(&job(Some("Never"))).is_empty());
    assert!(validate_job(&job(Some("OnFailure"))).is_empty());
    let required =
        r#"spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never""#;
    assert_eq!(validate_job(&job(None)).to_string(), required);
    assert_eq!(validate_job(&job(Some("Always"))).to_string(), required);
    // An unknown value fails the pod rule and the job rule, at the same path.
    assert_eq!(
        validate_job(&job(Some("Sometimes"))).to_string(),
        r#"[spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never", spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"]"#
    );
    let cj: k8s_openapi::api::batch::v1::CronJob =
        from(json!({"metadata": {"name": "hello"}, "spec": {
        "schedule": "*/1 * * * *",
        "jobTemplate": {"spec": {"template": template(json!({}))}}}}));
    assert_eq!(
        validate_cron_job(&cj).to_string(),
        r#"spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never""#
    );
}

// --- Services -----------------------------------------------------------------------------

#[test]
fn service_names_are_dns1035_labels() {
    let svc: k8s_openapi::api::core::v1::Service = from(json!({
        "metadata": {"name": "1web"}, "spec": {"ports": [{"port": 80, "targetPort": "web-port-too-long-name"}]}}));
    let text = validate_service(&svc).to_string();
    assert!(
        text.starts_with(
            r#"[metadata.name: Invalid value: "1web": a DNS-1035 label must consist of"#
        ),
        "{text}"
    );
    assert!(
        text.contains(r#"spec.ports[0].targetPort: Invalid value: "web-port-too-long-name": must be no more than 15 characters"#),
        "{text}"
    );
}

// --- Images -------------------------------------------------------------------------------

#[test]
fn seed_truncated_digest_is_invalid() {
    // seed 003:15566 and 003:15568: a tag reference and a digest reference, the digest cut
    // short by the documentation.
    assert!(parse("docker.io/alauda/jenkins-2-centos7:v3.11.59-2").is_ok());
    let truncated = "docker.io/alauda/jenkins-2-centos7@sha256:ab312bda324";
    assert_eq!(
        parse(truncated).unwrap_err().to_string(),
        "invalid reference format"
    );
    let full = format!(
        "docker.io/alauda/jenkins-2-centos7@sha256:ab312bda324{}",
        "0".repeat(53)
    );
    let r = parse(&full).unwrap();
    assert_eq!(r.digest.as_deref().map(str::len), Some(71));
    // 63 or 65 hex digits: the grammar accepts them, the digest check does not.
    for n in [63, 65] {
        let d = format!("app@sha256:{}", "a".repeat(n));
        assert_eq!(
            parse(&d).unwrap_err().to_string(),
            "invalid checksum digest length"
        );
    }
    assert_eq!(
        parse(&format!("app@sha256:{}", "A".repeat(64)))
            .unwrap_err()
            .to_string(),
        "invalid checksum digest format"
    );
    // The API server lets it through; the lint does not.
    let p = FieldPath::new("image");
    assert_eq!(
        lint_image(&p, truncated).to_string(),
        format!(r#"image: Invalid value: "{truncated}": invalid reference format"#)
    );
    let pod = pod(json!({"containers": [{"name": "c", "image": truncated}]}));
    assert!(validate_pod(&pod).is_empty());
}

#[test]
fn reference_parse_upstream_cases() {
    // TestReferenceParse (a selection; the generated table covers more)
    let ok = |s: &str, domain: &str, path: &str, tag: Option<&str>| {
        let r = parse(s).unwrap();
        assert_eq!(
            (r.domain.as_str(), r.path.as_str(), r.tag.as_deref()),
            (domain, path, tag),
            "{s}"
        );
    };
    ok("test_com", "", "test_com", None);
    ok("test.com:tag", "", "test.com", Some("tag"));
    ok("test.com:5000", "", "test.com", Some("5000"));
    ok("test.com/repo:tag", "test.com", "repo", Some("tag"));
    ok("test:5000/repo", "test:5000", "repo", None);
    ok(
        "sub-dom1.foo.com/bar/baz/quux:some-long-tag",
        "sub-dom1.foo.com",
        "bar/baz/quux",
        Some("some-long-tag"),
    );
    ok(
        "[2001:db8::1]:5000/repo",
        "[2001:db8::1]:5000",
        "repo",
        None,
    );
    let err = |s: &str, msg: &str| assert_eq!(parse(s).unwrap_err().to_string(), msg, "{s}");
    err("", "repository name must have at least one component");
    err(":justtag", "invalid reference format");
    err("Uppercase:tag", "repository name must be lowercase");
    err(
        "test:5000/Uppercase/lowercase:tag",
        "repository name must be lowercase",
    );
    err("aa/asdf$$^/aa", "invalid reference format");
    err(
        &format!("repo@blake3:{}", "f".repeat(64)),
        "unsupported digest algorithm",
    );
    err(
        &format!("app:{}", "t".repeat(129)),
        "invalid reference format",
    );
    assert!(parse(&format!("app:{}", "t".repeat(128))).is_ok());
    assert_eq!(
        parse_normalized(&"f".repeat(64)).unwrap_err().to_string(),
        format!(
            "invalid repository name ({}), cannot specify 64-byte hexadecimal strings",
            "f".repeat(64)
        )
    );
}

#[test]
fn set_defaults_container_image_pull_policy() {
    // SetDefaults_Container, and seed 003:15870–15876 (latest → Always, else IfNotPresent).
    for (image, want) in [
        ("nginx", "Always"),
        ("nginx:latest", "Always"),
        ("myapp:latest", "Always"),
        ("index.docker.io/library/nginx:latest", "Always"),
        ("nginx:1.25", "IfNotPresent"),
        ("registry:5000/app", "Always"),
        ("registry:5000/app:v1", "IfNotPresent"),
        (
            "docker.io/alauda/jenkins-2-centos7:v3.11.59-2",
            "IfNotPresent",
        ),
        (
            "nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000",
            "IfNotPresent",
        ),
        (
            "nginx:latest@sha256:0000000000000000000000000000000000000000000000000000000000000000",
            "Always",
        ),
        // Unparsable: no tag is found, so IfNotPresent.
        ("Nginx", "IfNotPresent"),
        ("", "IfNotPresent"),
    ] {
        assert_eq!(default_pull_policy(image), want, "{image}");
    }
}

// --- The seed's Secret, envFrom and fixture examples --------------------------------------

#[test]
fn seed_docker_registry_secret_renders_as_documented() {
    // seed 003:14849–14885: kubectl create secret docker-registry my-docker-creds …
    let json = render_docker_config_json(
        "https://index.docker.io/v1/",
        "myuser",
        "mypass",
        "my@example.com",
    );
    let doc: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        doc["auths"]["https://index.docker.io/v1/"]["auth"],
        json!("bXl1c2VyOm15cGFzcw==")
    );
    // The seed shows the start of the base64 value (a line break ate the rest).
    let encoded = b64(json.as_bytes());
    assert!(encoded.starts_with(
        "eyJhdXRocyI6eyJodHRwczovL2luZGV4LmRvY2tlci5pby92MS8iOnsidXNlcm5hbWUiOiJteXVzZXIiLCJwYXNzd29yZ"
    ));
    let s = docker_config_json_secret(
        "my-docker-creds",
        "https://index.docker.io/v1/",
        "myuser",
        "mypass",
        "my@example.com",
    );
    assert!(validate_secret(&s).is_empty());
    // No e-mail: the field is left out, as kubectl leaves it out.
    assert!(!render_docker_config_json("r.io", "u", "p", "").contains("email"));
}

#[test]
fn seed_env_from_takes_only_opaque_or_basic_auth_secrets() {
    // seed 003:5630: "Secret types supported: Opaque, kubernetes.io/basic-auth".
    let docs = parse_yaml(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app, namespace: demo}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers:\n      - name: app\n        image: app:1\n        envFrom:\n        - secretRef: {name: creds}\n        - secretRef: {name: tls}\n        - secretRef: {name: other-ns}\n        - secretRef: {name: missing, optional: true}\n        - configMapRef: {name: cfg}\n",
    )
    .unwrap();
    let secrets: Vec<Secret> = vec![
        from(
            json!({"metadata": {"name": "creds", "namespace": "demo"}, "type": "kubernetes.io/basic-auth"}),
        ),
        from(
            json!({"metadata": {"name": "tls", "namespace": "demo"}, "type": "kubernetes.io/tls"}),
        ),
        from(json!({"metadata": {"name": "other-ns", "namespace": "prod"}, "type": "Opaque"})),
    ];
    let errs = docs[0].validate_env_from_secrets(&secrets);
    assert_eq!(
        errs.to_string(),
        "[spec.template.spec.containers[0].envFrom[1].secretRef.name: Unsupported value: \"kubernetes.io/tls\": supported values: \"Opaque\", \"kubernetes.io/basic-auth\", \
         spec.template.spec.containers[0].envFrom[2].secretRef.name: Not found: \"other-ns\": no Secret of that name in namespace \"demo\"]"
    );
    assert!(KnownObject::validate(&docs[0]).is_empty());
}

#[test]
fn seed_fixtures_reach_the_new_checks_through_validate() {
    // Every Secret and ConfigMap fixture of seed 003 that reads is valid; the Pod, workload
    // and Secret kinds dispatch to their own checks (a bad port name shows through validate()).
    let mut checked = 0;
    for file in support::seed_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let Ok(docs) = parse_yaml(&text) else {
            continue;
        };
        for d in docs {
            if matches!(d, KnownObject::Secret(_) | KnownObject::ConfigMap(_)) {
                assert!(
                    d.validate().is_empty(),
                    "{}: {}",
                    file.display(),
                    d.validate()
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 8, "{checked}");
    let bad = parse_yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: redis, image: redis, ports: [{name: REDIS, containerPort: 6379}]}\n").unwrap();
    assert!(bad[0].validate().to_string().contains(
        r#"spec.containers[0].ports[0].name: Invalid value: "REDIS": must contain only"#
    ));
}

// --- Properties ---------------------------------------------------------------------------

fn port_name() -> impl Strategy<Value = String> {
    // Valid by construction: 1–15 bytes of [a-z0-9-], a letter somewhere, hyphens single and
    // inside.
    (
        "[a-z0-9]{0,6}",
        "[a-z]",
        "[a-z0-9]{0,6}",
        proptest::option::of("[a-z0-9]{1,1}"),
    )
        .prop_map(|(a, l, b, tail)| match tail {
            Some(t) => format!("{a}{l}{b}-{t}"),
            None => format!("{a}{l}{b}"),
        })
}

proptest! {
    #![proptest_config(support::proptest_config(500))]

    #[test]
    fn rendered_docker_config_json_secrets_validate(
        server in "[a-z0-9.:/-]{1,30}",
        user in "\\PC{0,20}",
        password in "\\PC{0,20}",
        email in "[a-z@.]{0,20}",
    ) {
        let s = docker_config_json_secret("creds", &server, &user, &password, &email);
        prop_assert!(validate_secret(&s).is_empty());
        let json = render_docker_config_json(&server, &user, &password, &email);
        let doc: Value = serde_json::from_str(&json).unwrap();
        let auth = doc["auths"][server.as_str()]["auth"].as_str().unwrap().to_owned();
        let decoded = base64::engine::general_purpose::STANDARD.decode(auth).unwrap();
        prop_assert_eq!(decoded, format!("{user}:{password}").into_bytes());
    }

    #[test]
    fn valid_by_construction_port_names_pass(name in port_name()) {
        prop_assert!(name.len() <= 15);
        prop_assert!(is_valid_port_name(&name).is_empty(), "{}", name);
        let ports = [port(&name, 8080, None, "TCP")];
        prop_assert!(validate_container_ports(&ports, &FieldPath::new("ports")).is_empty());
    }

    #[test]
    fn go_json_accepts_what_strict_json_accepts(
        text in "[\\[\\]{}:,\" a-z0-9.eE+\\-\\\\\n]{0,24}"
    ) {
        // For ASCII text, Go's syntax check and serde_json agree; both refuse non-objects
        // except null.
        let go_ok = json_unmarshal_map_error(text.as_bytes()).is_none();
        let serde_ok = serde_json::from_str::<Option<serde_json::Map<String, Value>>>(&text).is_ok();
        prop_assert_eq!(go_ok, serde_ok, "{:?}", text);
    }
}

#[test]
fn template_label_errors_use_upstreams_path() {
    // ValidatePodTemplateSpec reports a template's labels at `spec.template.labels`.
    let d = json!({"metadata": {"name": "web"}, "spec": {
        "selector": {"matchLabels": {"app": "web"}},
        "template": template(json!({"app": "web", "bad key!": "x"}))}});
    assert_eq!(
        kinds(&validate_deployment(&from(d))),
        vec![(ErrorType::Invalid, "spec.template.labels".to_owned())]
    );
}
