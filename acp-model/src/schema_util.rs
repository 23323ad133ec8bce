//! Schema helpers shared by the kinds: how untyped JSON fields appear in a structural CRD schema.

/// `{type: object, x-kubernetes-preserve-unknown-fields: true}`: a JSON object kept verbatim
/// (an apiextensions structural schema needs a type on every node).
pub(crate) fn raw_object(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "object",
        "x-kubernetes-preserve-unknown-fields": true
    })
}

/// A list of [`raw_object`]s.
pub(crate) fn raw_object_list(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "array",
        "items": { "type": "object", "x-kubernetes-preserve-unknown-fields": true }
    })
}
