//! Our generated CRD schemas against the seed's: every property path of the seed's
//! `openAPIV3Schema` (`tests/schemas/*.crd.yaml`, extracted from the documentation)
//! exists in `<T as kube::CustomResourceExt>::crd()` with the same `type` (and `format` where
//! both give one), the seed's `required` lists hold in ours, and the paths we have beyond the
//! seed are exactly the documented ones.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[allow(unreachable_pub, clippy::collapsible_if)] // lead-owned support file
use std::collections::BTreeMap;
use std::path::Path;

use acp_model::application::{Application, ApplicationHistory, application_history_crd};
use kube::CustomResourceExt;
use serde_json::Value;

/// A flattened schema: property path → (type, format, required children).
type Paths = BTreeMap<String, (Option<String>, Option<String>, Vec<String>)>;

fn seed_schema(file: &str) -> Value {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/schemas")
            .join(file),
    )
    .unwrap();
    assert!(text.starts_with("# seed 000:"));
    let crd: Value = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(crd["apiVersion"], "apiextensions.k8s.io/v1beta1");
    assert_eq!(crd["spec"]["version"], "v1beta1");
    crd["spec"]["validation"]["openAPIV3Schema"].clone()
}

fn our_schema(
    crd: &k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition,
) -> Value {
    let crd = serde_json::to_value(crd).unwrap();
    let versions = crd["spec"]["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0]["name"], "v1beta1");
    versions[0]["schema"]["openAPIV3Schema"].clone()
}

/// Resolves `$ref` (against `root`'s `definitions`/`$defs`) and merges `allOf`/`anyOf`/`oneOf`
/// branches' `properties`, so the walk sees every field whatever schemars emitted.
fn resolve<'a>(root: &'a Value, s: &'a Value) -> Vec<&'a Value> {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap();
        for defs in ["definitions", "$defs"] {
            if let Some(d) = root.get(defs).and_then(|d| d.get(name)) {
                return resolve(root, d);
            }
        }
        panic!("unresolved $ref {r}");
    }
    let mut out = vec![s];
    for k in ["allOf", "anyOf", "oneOf"] {
        for sub in s.get(k).and_then(Value::as_array).into_iter().flatten() {
            out.extend(resolve(root, sub));
        }
    }
    out
}

fn walk(root: &Value, s: &Value, path: &str, out: &mut Paths) {
    let parts = resolve(root, s);
    let pick = |k: &str| {
        parts
            .iter()
            .find_map(|p| p.get(k).and_then(Value::as_str))
            .map(str::to_owned)
    };
    let required: Vec<String> = parts
        .iter()
        .filter_map(|p| p.get("required").and_then(Value::as_array))
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    if !path.is_empty() {
        out.insert(
            path.to_owned(),
            (pick("type"), pick("format"), required.clone()),
        );
    }
    for p in &parts {
        if let Some(props) = p.get("properties").and_then(Value::as_object) {
            for (k, v) in props {
                let child = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(root, v, &child, out);
            }
        }
        if let Some(items) = p.get("items") {
            walk(root, items, &format!("{path}[]"), out);
        }
        if let Some(ap) = p.get("additionalProperties").filter(|v| v.is_object()) {
            walk(root, ap, &format!("{path}{{}}"), out);
        }
    }
}

fn paths(schema: &Value) -> Paths {
    let mut out = Paths::new();
    walk(schema, schema, "", &mut out);
    out
}

/// Seed paths our schema leaves out on purpose: kube's derive never puts `apiVersion`, `kind`
/// and `metadata` in a generated schema (the apiserver validates them itself).
const SEED_ONLY: &[&str] = &["apiVersion", "kind", "metadata"];

/// Application paths we have and the seed lacks — all from upstream
/// `kubernetes-sigs/application` `api/v1beta1/application_types.go` (see the module docs of
/// `acp_model::application`), plus the fields of the upstream types we reuse from k8s-openapi
/// (`metav1.LabelSelector` under `spec.selector`, `corev1.ObjectReference` inlined in the
/// `valueFrom` references).
const APPLICATION_EXTRA: &[&str] = &[
    // metav1.GroupKind
    "spec.componentKinds[].group",
    "spec.componentKinds[].kind",
    // ApplicationSpec.AddOwnerRef
    "spec.addOwnerRef",
    // corev1.ObjectReference inlined in the four selectors, and the selectors' protocol
    "spec.info[].valueFrom.configMapKeyRef.apiVersion",
    "spec.info[].valueFrom.configMapKeyRef.fieldPath",
    "spec.info[].valueFrom.configMapKeyRef.kind",
    "spec.info[].valueFrom.configMapKeyRef.name",
    "spec.info[].valueFrom.configMapKeyRef.namespace",
    "spec.info[].valueFrom.configMapKeyRef.resourceVersion",
    "spec.info[].valueFrom.configMapKeyRef.uid",
    "spec.info[].valueFrom.ingressRef.apiVersion",
    "spec.info[].valueFrom.ingressRef.fieldPath",
    "spec.info[].valueFrom.ingressRef.kind",
    "spec.info[].valueFrom.ingressRef.name",
    "spec.info[].valueFrom.ingressRef.namespace",
    "spec.info[].valueFrom.ingressRef.protocol",
    "spec.info[].valueFrom.ingressRef.resourceVersion",
    "spec.info[].valueFrom.ingressRef.uid",
    "spec.info[].valueFrom.secretKeyRef.apiVersion",
    "spec.info[].valueFrom.secretKeyRef.fieldPath",
    "spec.info[].valueFrom.secretKeyRef.kind",
    "spec.info[].valueFrom.secretKeyRef.name",
    "spec.info[].valueFrom.secretKeyRef.namespace",
    "spec.info[].valueFrom.secretKeyRef.resourceVersion",
    "spec.info[].valueFrom.secretKeyRef.uid",
    "spec.info[].valueFrom.serviceRef.apiVersion",
    "spec.info[].valueFrom.serviceRef.fieldPath",
    "spec.info[].valueFrom.serviceRef.kind",
    "spec.info[].valueFrom.serviceRef.name",
    "spec.info[].valueFrom.serviceRef.namespace",
    "spec.info[].valueFrom.serviceRef.protocol",
    "spec.info[].valueFrom.serviceRef.resourceVersion",
    "spec.info[].valueFrom.serviceRef.uid",
    // metav1.LabelSelector (the seed types `selector` only as `object`)
    "spec.selector.matchExpressions",
    "spec.selector.matchExpressions[]",
    "spec.selector.matchExpressions[].key",
    "spec.selector.matchExpressions[].operator",
    "spec.selector.matchExpressions[].values",
    "spec.selector.matchExpressions[].values[]",
    "spec.selector.matchLabels",
    "spec.selector.matchLabels{}",
    // ApplicationStatus beyond observedGeneration
    "status.components",
    "status.components[]",
    "status.components[].group",
    "status.components[].kind",
    "status.components[].link",
    "status.components[].name",
    "status.components[].status",
    "status.componentsReady",
    "status.conditions",
    "status.conditions[]",
    "status.conditions[].lastTransitionTime",
    "status.conditions[].lastUpdateTime",
    "status.conditions[].message",
    "status.conditions[].reason",
    "status.conditions[].status",
    "status.conditions[].type",
];

/// ApplicationHistory: none — the type is exactly the seed's schema.
const APPLICATION_HISTORY_EXTRA: &[&str] = &[];

fn compare(seed: &Paths, ours: &Paths, extra: &[&str]) {
    let mut problems = Vec::new();
    for (path, (ty, format, required)) in seed {
        if SEED_ONLY
            .iter()
            .any(|s| path == s || path.starts_with(&format!("{s}.")))
        {
            assert!(
                !ours.contains_key(path),
                "{path} now in our schema: update SEED_ONLY"
            );
            continue;
        }
        let Some((our_ty, our_format, our_required)) = ours.get(path) else {
            problems.push(format!("{path}: missing from our schema"));
            continue;
        };
        if ty.is_some() && ty != our_ty {
            problems.push(format!(
                "{path}: type {ty:?} in the seed, {our_ty:?} in ours"
            ));
        }
        if format.is_some() && our_format.is_some() && format != our_format {
            problems.push(format!(
                "{path}: format {format:?} in the seed, {our_format:?} in ours"
            ));
        }
        for r in required {
            if !our_required.contains(r) {
                problems.push(format!("{path}: the seed requires {r}, ours does not"));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");

    let ours_only: Vec<&str> = ours
        .keys()
        .filter(|p| !seed.contains_key(*p))
        .map(String::as_str)
        .collect();
    let mut documented: Vec<&str> = extra.to_vec();
    documented.sort_unstable();
    assert_eq!(
        ours_only, documented,
        "paths we have beyond the seed changed: document them"
    );
}

#[test]
fn application_schema_covers_the_seed() {
    let seed = paths(&seed_schema("application.crd.yaml"));
    assert!(seed.contains_key("spec.descriptor.icons[].src"));
    assert!(seed.contains_key("spec.info[].valueFrom.serviceRef.port"));
    assert_eq!(seed.len(), 53, "{:#?}", seed.keys().collect::<Vec<_>>());
    let ours = paths(&our_schema(&Application::crd()));
    compare(&seed, &ours, APPLICATION_EXTRA);
}

#[test]
fn application_history_schema_covers_the_seed() {
    let seed = paths(&seed_schema("applicationhistory.crd.yaml"));
    assert!(seed.contains_key("spec.resourceDiffs.update[].name"));
    let ours = paths(&our_schema(&ApplicationHistory::crd()));
    compare(&seed, &ours, APPLICATION_HISTORY_EXTRA);
}

// seed 000:960-1168, 1173-1275
/// The CRD metadata the seed gives: names, scope, subresources.
#[test]
fn crd_names_scope_and_subresources_match_the_seed() {
    for (ours, file) in [
        (Application::crd(), "application.crd.yaml"),
        (application_history_crd(), "applicationhistory.crd.yaml"),
    ] {
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/schemas")
                .join(file),
        )
        .unwrap();
        let seed: Value = serde_saphyr::from_str(&text).unwrap();
        let ours = serde_json::to_value(&ours).unwrap();
        assert_eq!(ours["metadata"]["name"], seed["metadata"]["name"], "{file}");
        assert_eq!(ours["spec"]["group"], seed["spec"]["group"], "{file}");
        assert_eq!(ours["spec"]["scope"], seed["spec"]["scope"], "{file}");
        for k in [
            "kind",
            "plural",
            "singular",
            "listKind",
            "shortNames",
            "categories",
        ] {
            let ours_v = &ours["spec"]["names"][k];
            let seed_v = &seed["spec"]["names"][k];
            // kube fills listKind only when the apiserver defaults it; everything else must agree.
            if k == "listKind" && ours_v.is_null() {
                assert_eq!(
                    seed_v.as_str(),
                    Some(&*format!(
                        "{}List",
                        seed["spec"]["names"]["kind"].as_str().unwrap()
                    ))
                );
                continue;
            }
            assert_eq!(ours_v, seed_v, "{file}: names.{k}");
        }
        let v = &ours["spec"]["versions"][0];
        assert_eq!(v["name"], seed["spec"]["version"]);
        assert_eq!(v["served"], true);
        assert_eq!(v["storage"], true);
        assert_eq!(v["subresources"], seed["spec"]["subresources"], "{file}");
        assert!(v.get("additionalPrinterColumns").is_none());
    }
    // kube's plain derive adds the status subresource the seed's ApplicationHistory lacks.
    let derived = serde_json::to_value(ApplicationHistory::crd()).unwrap();
    assert_eq!(
        derived["spec"]["versions"][0]["subresources"]["status"],
        serde_json::json!({})
    );
}
