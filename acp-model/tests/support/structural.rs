//! Test-only checker for Kubernetes *structural* OpenAPI schemas.
//!
//! The rules are those apiextensions-apiserver enforces for `apiextensions.k8s.io/v1` CRDs
//! (`pkg/apiserver/schema/validation.go`, `ValidateStructural`, and the CRD docs' "Specifying a
//! structural schema"): every node has a non-empty `type` unless it is
//! `x-kubernetes-int-or-string` or `x-kubernetes-preserve-unknown-fields`; `properties` and
//! `additionalProperties` are exclusive; `items` is one schema; no `$ref`; inside `allOf`, `anyOf`,
//! `oneOf` and `not` there is no `type`, `description`, `default`, `additionalProperties` or
//! `nullable`, and every property they name also exists outside them; `x-kubernetes-int-or-string`
//! allows only the `anyOf: [{type: integer}, {type: string}]` shape alongside it; at the root,
//! `metadata` may only restrict `name` and `generateName`.

use serde_json::Value;

/// Every violation, as `path: message`.
pub(crate) fn structural_violations(schema: &Value) -> Vec<String> {
    let mut out = Vec::new();
    check_node(schema, "", false, &mut out);
    if let Some(props) = schema
        .pointer("/properties/metadata/properties")
        .and_then(Value::as_object)
    {
        for k in props.keys() {
            if k != "name" && k != "generateName" {
                out.push(format!(".properties.metadata.properties.{k}: only name and generateName may be specified"));
            }
        }
    }
    out
}

const JUNCTORS: [&str; 4] = ["allOf", "anyOf", "oneOf", "not"];

fn check_node(node: &Value, path: &str, in_junctor: bool, out: &mut Vec<String>) {
    let Some(obj) = node.as_object() else {
        out.push(format!("{path}: schema is not an object"));
        return;
    };
    if obj.contains_key("$ref") {
        out.push(format!("{path}: $ref is not allowed"));
    }
    let int_or_string = obj.get("x-kubernetes-int-or-string") == Some(&Value::Bool(true));
    let preserve = obj.get("x-kubernetes-preserve-unknown-fields") == Some(&Value::Bool(true));
    if in_junctor {
        for k in [
            "type",
            "description",
            "default",
            "additionalProperties",
            "nullable",
        ] {
            if obj.contains_key(k) {
                out.push(format!(
                    "{path}.{k}: must not be set inside allOf/anyOf/oneOf/not"
                ));
            }
        }
    } else {
        match obj.get("type") {
            Some(Value::String(t)) if !t.is_empty() => {}
            Some(Value::Array(_)) => out.push(format!("{path}.type: must be a single string")),
            _ if int_or_string || preserve => {}
            _ => out.push(format!(
                "{path}.type: Required value: must not be empty for specified object fields"
            )),
        }
    }
    if obj.contains_key("properties")
        && obj
            .get("additionalProperties")
            .is_some_and(|a| a != &Value::Bool(false))
    {
        out.push(format!(
            "{path}: properties and additionalProperties are mutually exclusive"
        ));
    }
    if int_or_string {
        if let Some(any) = obj.get("anyOf") {
            let ok = any.as_array().is_some_and(|a| {
                a.len() == 2
                    && a[0] == serde_json::json!({"type": "integer"})
                    && a[1] == serde_json::json!({"type": "string"})
            });
            if !ok {
                out.push(format!(
                    "{path}.anyOf: x-kubernetes-int-or-string allows only anyOf [integer, string]"
                ));
            }
        }
        if obj.contains_key("allOf") || obj.contains_key("oneOf") {
            out.push(format!(
                "{path}: x-kubernetes-int-or-string allows no allOf/oneOf"
            ));
        }
    }
    if let Some(props) = obj.get("properties") {
        match props.as_object() {
            Some(p) => {
                for (k, v) in p {
                    check_node(v, &format!("{path}.properties.{k}"), in_junctor, out);
                }
            }
            None => out.push(format!("{path}.properties: must be a map")),
        }
    }
    match obj.get("items") {
        Some(Value::Array(_)) => out.push(format!("{path}.items: must be a single schema")),
        Some(items) => check_node(items, &format!("{path}.items"), in_junctor, out),
        None => {
            if !in_junctor && obj.get("type") == Some(&Value::String("array".into())) {
                out.push(format!(
                    "{path}.items: Required value: must be specified for arrays"
                ));
            }
        }
    }
    if let Some(ap) = obj.get("additionalProperties").filter(|a| a.is_object()) {
        check_node(ap, &format!("{path}.additionalProperties"), in_junctor, out);
    }
    check_junctors(obj, path, int_or_string, out);
}

/// The `allOf`/`anyOf`/`oneOf`/`not` branches of a node: each a schema checked in junctor mode,
/// whose properties must also be specified outside the junctor.
fn check_junctors(
    obj: &serde_json::Map<String, Value>,
    path: &str,
    int_or_string: bool,
    out: &mut Vec<String>,
) {
    for j in JUNCTORS {
        let Some(sub) = obj.get(j) else { continue };
        let subs: Vec<&Value> = match sub {
            Value::Array(a) => a.iter().collect(),
            v => vec![v],
        };
        for (i, s) in subs.into_iter().enumerate() {
            let sub_path = format!("{path}.{j}[{i}]");
            if int_or_string && j == "anyOf" {
                continue; // the allowed [integer, string] shape, checked above
            }
            check_node(s, &sub_path, true, out);
            if let Some(sp) = s.get("properties").and_then(Value::as_object) {
                for k in sp.keys() {
                    if obj.get("properties").and_then(|p| p.get(k)).is_none() {
                        out.push(format!(
                            "{sub_path}.properties.{k}: must also be specified outside the junctor"
                        ));
                    }
                }
            }
        }
    }
}
