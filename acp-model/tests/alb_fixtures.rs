//! Seed fixtures of ALB2, Frontend and Rule: every one parses into its typed value, re-serialises
//! without losing or gaining a field, and validates (or fails exactly as its `.expected-error`
//! file says).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use acp_model::alb::{
    Alb2, Alb2Type, BackendProtocol, DslxTerm, Frontend, FrontendProtocol, NetworkMode, Rule,
    SourceType, labels,
};
use acp_model::validation::Validate;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

const KINDS: &[(&str, &str)] = &[
    ("crd.alauda.io/v2beta1", "ALB2"),
    ("crd.alauda.io/v1", "Frontend"),
    ("crd.alauda.io/v1", "Rule"),
];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/001")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join(name)).unwrap()
}

/// Every fixture file of one of our kinds, with its parsed JSON value.
fn our_fixtures() -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    entries.sort();
    for path in entries {
        let text = std::fs::read_to_string(&path).unwrap();
        // Other owners' fixtures share the folder and may hold several documents; ours hold one.
        let docs: Vec<Value> = serde_saphyr::from_multiple(&text).unwrap();
        let [value] = <[Value; 1]>::try_from(docs).unwrap_or([Value::Null]);
        let av = value["apiVersion"].as_str().unwrap_or("").to_owned();
        let kind = value["kind"].as_str().unwrap_or("").to_owned();
        if KINDS.contains(&(av.as_str(), kind.as_str())) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name, text, value));
        }
    }
    out
}

/// Parses `text` as `T`, re-serialises it and checks nothing was lost or added; returns the typed
/// value.
fn round_trip<T: DeserializeOwned + Serialize>(name: &str, text: &str, original: &Value) -> T {
    let typed: T = serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let back = serde_json::to_value(&typed).unwrap();
    assert_eq!(&back, original, "{name}: round trip changed the object");
    // And through JSON text too.
    let again: T = serde_json::from_str(&serde_json::to_string(&typed).unwrap()).unwrap();
    assert_eq!(serde_json::to_value(&again).unwrap(), back, "{name}");
    typed
}

fn expected_errors(name: &str) -> Option<Vec<String>> {
    let path = fixtures_dir().join(name.replace(".yaml", ".expected-error"));
    std::fs::read_to_string(path).ok().map(|s| {
        s.lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect()
    })
}

fn check_validation(name: &str, errs: acp_model::validation::ErrorList) {
    match expected_errors(name) {
        None => assert!(errs.is_empty(), "{name}: {errs}"),
        Some(want) => {
            let got = errs.to_string();
            for w in want {
                assert!(got.contains(&w), "{name}: {got:?} lacks {w:?}");
            }
        }
    }
}

#[test]
fn every_fixture_round_trips_and_validates() {
    let fixtures = our_fixtures();
    let mut seen = Vec::new();
    for (name, text, value) in &fixtures {
        assert!(
            text.starts_with("# seed 001:"),
            "{name}: first line must name the seed line"
        );
        let kind = value["kind"].as_str().unwrap();
        seen.push(kind.to_owned());
        match kind {
            "ALB2" => check_validation(name, round_trip::<Alb2>(name, text, value).validate()),
            "Frontend" => {
                check_validation(name, round_trip::<Frontend>(name, text, value).validate())
            }
            "Rule" => check_validation(name, round_trip::<Rule>(name, text, value).validate()),
            other => panic!("{name}: unexpected kind {other}"),
        }
    }
    for (_, kind) in KINDS {
        assert!(seen.iter().any(|k| k == kind), "no fixture of kind {kind}");
    }
    assert_eq!(fixtures.len(), 3, "seed 001 has one example of each kind");
}

#[test]
fn alb2_fixture_content() {
    let a: Alb2 = serde_saphyr::from_str(&read("L937-alb2-alb-demo.yaml")).unwrap();
    assert_eq!(a.metadata.name.as_deref(), Some("alb-demo"));
    assert_eq!(a.metadata.namespace.as_deref(), Some("kube-system"));
    assert_eq!(a.spec.address.as_deref(), Some("172.20.0.5"));
    assert_eq!(a.spec.kind, Some(Alb2Type::Nginx));
    let c = a.spec.config.as_ref().unwrap();
    assert_eq!(c.network_mode, Some(NetworkMode::Host));
    assert_eq!(c.loadbalancer_name.as_deref(), Some("alb-demo"));
    assert_eq!(a.config_projects(), ["ALL_ALL"]);
    assert_eq!(c.replicas, Some(1));
    assert!(c.extra.is_empty());
    assert_eq!(a.all_addresses(), ["172.20.0.5"]);
}

#[test]
fn frontend_fixture_content() {
    let f: Frontend = serde_saphyr::from_str(&read("L1062-frontend-alb-demo-00080.yaml")).unwrap();
    assert_eq!(f.alb_name(), Some("alb-demo"));
    assert_eq!(f.spec.port, Some(80));
    assert_eq!(f.spec.protocol, Some(FrontendProtocol::Http));
    assert_eq!(
        BackendProtocol::parse(f.spec.backend_protocol.as_deref().unwrap()),
        Some(BackendProtocol::Http)
    );
    assert_eq!(f.spec.certificate_name.as_deref(), Some(""));
    let svc = &f
        .spec
        .service_group
        .as_ref()
        .unwrap()
        .services
        .as_ref()
        .unwrap()[0];
    assert_eq!(
        (
            svc.name.as_deref(),
            svc.namespace.as_deref(),
            svc.port,
            svc.weight
        ),
        (Some("hello-world"), Some("default"), Some(80), Some(100))
    );
    assert!(!f.is_l4());
}

// seed 001:1181-1215
/// The standalone `dslx` example of the seed, verbatim.
const SEED_DSLX: &str = r#"
dslx:
  - type: METHOD
    values:
      - - EQ
        - POST
  - type: URL
    values:
      - - STARTS_WITH
        - /app-a
      - - STARTS_WITH
        - /app-b
  - type: PARAM
    key: group
    values:
      - - EQ
        - vip
  - type: HOST
    values:
      - - ENDS_WITH
        - .app.com
  - type: HEADER
    key: LOCATION
    values:
      - - IN
        - east-1
        - east-2
  - type: COOKIE
    key: uid
    values:
      - - EXIST
  - type: SRC_IP
    values:
      - - RANGE
        - "1.1.1.1"
        - "1.1.1.100"
"#;

#[derive(serde::Deserialize)]
struct DslxDoc {
    dslx: Vec<DslxTerm>,
}

#[test]
fn rule_fixture_content_and_seed_dslx() {
    let r: Rule = serde_saphyr::from_str(&read("L1107-rule-alb-demo-00080-test.yaml")).unwrap();
    assert_eq!(r.alb_name(), Some("alb-demo"));
    assert_eq!(r.frontend_name(), Some("alb-demo-00080"));
    assert_eq!(
        r.metadata.labels.as_ref().unwrap()[labels::FRONTEND],
        "alb-demo-00080"
    );
    assert_eq!(r.spec.priority, Some(4));
    assert_eq!(r.spec.enable_cors, Some(false));
    assert_eq!(r.spec.backend_protocol.as_deref(), Some(""));
    let dslx = r.spec.dslx.as_ref().unwrap();
    let kinds: Vec<&str> = dslx.iter().map(|t| t.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "METHOD", "URL", "PARAM", "HOST", "HEADER", "COOKIE", "SRC_IP"
        ]
    );
    assert_eq!(dslx[1].values.len(), 2);
    assert_eq!(dslx[4].key.as_deref(), Some("LOCATION"));
    assert_eq!(dslx[4].values[0], ["IN", "east-1", "east-2"]);
    assert_eq!(dslx[5].values, [vec!["EXIST".to_owned()]]);
    assert_eq!(dslx[6].values[0], ["RANGE", "1.1.1.1", "1.1.1.100"]);
    assert!(r.spec.source.is_none());

    // The seed repeats the rule's dslx as a standalone example.
    let doc: DslxDoc = serde_saphyr::from_str(SEED_DSLX).unwrap();
    assert_eq!(&doc.dslx, dslx);
}

#[test]
fn dslx_sample_round_trips_byte_exactly() {
    let json = r#"[{"type":"URL","values":[["STARTS_WITH","/api"]]},{"type":"HEADER","key":"x-user","values":[["IN","a","b"]]}]"#;
    let terms: Vec<DslxTerm> = serde_json::from_str(json).unwrap();
    assert_eq!(
        terms,
        [
            DslxTerm::new("URL", vec![vec!["STARTS_WITH".into(), "/api".into()]]),
            DslxTerm::with_key(
                "HEADER",
                "x-user",
                vec![vec!["IN".into(), "a".into(), "b".into()]]
            ),
        ]
    );
    assert_eq!(serde_json::to_string(&terms).unwrap(), json);
}

#[test]
fn dslx_null_and_missing_values_read_as_empty() {
    let t: DslxTerm = serde_json::from_str(r#"{"type":"URL","values":null}"#).unwrap();
    assert!(t.values.is_empty());
    let t: DslxTerm = serde_json::from_str(r#"{"type":"URL"}"#).unwrap();
    assert!(t.values.is_empty());
    assert!(serde_json::from_str::<DslxTerm>(r#"{"values":[]}"#).is_err());
}

#[test]
fn unknown_enum_values_survive_round_trips() {
    let f: Frontend = serde_json::from_value(serde_json::json!({
        "apiVersion": "crd.alauda.io/v1", "kind": "Frontend",
        "metadata": {"name": "a-00053"},
        "spec": {"port": 53, "protocol": "sctp", "source": {"type": "bind", "name": "x"}}
    }))
    .unwrap();
    assert_eq!(
        f.spec.protocol,
        Some(FrontendProtocol::Other("sctp".into()))
    );
    assert_eq!(
        f.spec.source.as_ref().unwrap().kind,
        Some(SourceType::Other("bind".into()))
    );
    let v = serde_json::to_value(&f).unwrap();
    assert_eq!(v["spec"]["protocol"], "sctp");
    assert_eq!(v["spec"]["source"]["type"], "bind");
}

#[test]
fn alb2_config_keeps_unknown_keys_and_full_upstream_shape() {
    let yaml = r#"
apiVersion: crd.alauda.io/v2beta1
kind: ALB2
metadata:
  name: alb-full
  namespace: cpaas-system
  labels:
    project.cpaas.io/p1: "true"
spec:
  address: "10.0.0.1,10.0.0.2"
  type: nginx
  config:
    networkMode: container
    vip:
      enableLbSvc: true
      lbSvcIpFamilyPolicy: PreferDualStack
      lbSvcAnnotations:
        metallb.universe.tf/address-pool: pool-a
    nodeSelector:
      node-role.kubernetes.io/alb: ""
    enableALb: true
    enablePortprobe: "true"
    enableIPV6: "true"
    enableHTTP2: "true"
    defaultSSLCert: cpaas-system/dex.tls
    defaultSSLStrategy: Both
    ingressHTTPPort: 80
    ingressHTTPSPort: 443
    reloadtimeout: 600
    readonlyFS: true
    bindNIC: '{"nic":["eth0"]}'
    gateway:
      enable: true
      mode: shared
    resources:
      alb:
        limits: {cpu: 200m, memory: 2Gi}
        requests: {cpu: 50m, memory: 128Mi}
      limits: {cpu: "2", memory: 2Gi}
      requests: {cpu: 50m, memory: 128Mi}
    projects: [p1, p2]
    enablePortProject: true
    portProjects: '[{"port":"113-333","projects":["p1"]},{"port":"8080","projects":["p2"]}]'
    overwrite:
      image:
        - target: v3.19
          alb: registry/alb2:x
          nginx: registry/alb-nginx:x
      configmap:
        - name: cpaas-system/alb-override
    otel:
      enable: true
      exporter:
        collector: {address: "http://otel:4318", request_timeout: 1000}
      sampler:
        name: trace_id_ratio
        options: {fraction: "0.1"}
    timeout:
      proxy_connect_timeout_ms: 3000
    someFutureKnob: 7
status:
  state: Running
  reason: ""
  probeTime: 1700000000
  detail:
    address: {ok: true, msg: "10.0.0.3", ipv4: ["10.0.0.3"]}
    version: {version: v3.19.0, imagePatch: ""}
    alb:
      portstatus:
        tcp-80: {conflict: false, msg: ""}
"#;
    let value: Value = serde_saphyr::from_str(yaml).unwrap();
    let a: Alb2 = round_trip("inline", yaml, &value);
    let c = a.spec.config.as_ref().unwrap();
    assert_eq!(c.extra["someFutureKnob"], 7);
    assert_eq!(c.network_mode, Some(NetworkMode::Container));
    let pp = c.port_projects().unwrap().unwrap();
    assert_eq!(pp.len(), 2);
    assert_eq!(a.all_addresses(), ["10.0.0.1", "10.0.0.2", "10.0.0.3"]);
    assert!(a.validate().is_empty(), "{}", a.validate());
}
