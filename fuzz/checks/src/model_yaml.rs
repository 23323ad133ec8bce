//! Invariant of reading objects (fuzz target `model_yaml`).
//!
//! For any input: no panic. The text is read as a YAML stream through the public reader
//! (`acp_model::object::parse_yaml`), and every object read is validated and printed. Then the
//! first document, when it is a mapping, is re-typed as *every* kind acp-model knows by
//! overwriting its apiVersion/kind, so each kind's deserialiser and `Validate` see arbitrary
//! shapes, not only those whose type meta the fuzzer happens to spell.

/// Panics when reading or validating `data` panics.
pub fn check(data: &[u8]) {
    use acp_model::object::{KnownObject, parse_yaml, yaml_options};
    use serde_json::Value;

    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(objects) = parse_yaml(text) {
        for o in &objects {
            let _ = o.validate().to_string();
            let _ = o.to_value();
        }
    }
    let Ok(docs) = serde_saphyr::from_multiple_with_options::<Value>(text, yaml_options()) else {
        return;
    };
    let Some(Value::Object(first)) = docs.into_iter().next() else {
        return;
    };
    for (api_version, kind) in KnownObject::KINDS {
        let mut doc = first.clone();
        doc.insert("apiVersion".into(), Value::from(*api_version));
        doc.insert("kind".into(), Value::from(*kind));
        match KnownObject::from_value(Value::Object(doc)) {
            Ok(o) => {
                let _ = o.validate().to_string();
            }
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
}
