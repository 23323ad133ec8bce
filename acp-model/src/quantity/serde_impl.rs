//! serde and schemars for [`Quantity`].

#[cfg(feature = "schema")]
use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Quantity;

impl Serialize for Quantity {
    /// As a string, exactly what [`Display`](fmt::Display) prints (upstream `MarshalJSON`).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

struct QuantityVisitor;

impl QuantityVisitor {
    fn parse<E: de::Error>(text: &str) -> Result<Quantity, E> {
        Quantity::parse(text.trim()).map_err(E::custom)
    }
}

impl Visitor<'_> for QuantityVisitor {
    type Value = Quantity;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a quantity string such as \"100m\" or \"1Gi\", or a number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Quantity, E> {
        Self::parse(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Quantity, E> {
        Self::parse(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Quantity, E> {
        Self::parse(&v.to_string())
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Quantity, E> {
        Self::parse(&v.to_string())
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Quantity, E> {
        Self::parse(&v.to_string())
    }

    /// The shortest decimal text that reads back as `v` (Rust's `Display` for `f64`), parsed
    /// as a quantity: no float arithmetic touches the value.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Quantity, E> {
        if !v.is_finite() {
            return Err(E::custom(super::ParseQuantityError::FormatWrong));
        }
        Self::parse(&v.to_string())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Quantity, E> {
        Ok(Quantity::ZERO)
    }

    fn visit_none<E: de::Error>(self) -> Result<Quantity, E> {
        Ok(Quantity::ZERO)
    }
}

// DEVIATION: JSON numbers with a fraction or an exponent are read through their decimal text (see
// the `Deserialize` notes on `Quantity`), not through float64.
impl<'de> Deserialize<'de> for Quantity {
    /// From a string (surrounding whitespace trimmed, as upstream's `UnmarshalJSON`) or a
    /// number, whose text is parsed like a string (`0.5` → `500m`; `1024` stays `DecimalSI`
    /// `1024`, as upstream).
    ///
    /// Integers are exact. A JSON/YAML number with a fraction or an exponent reaches us as an
    /// `f64` (serde_json without its `arbitrary_precision` feature, serde-saphyr): we parse its
    /// shortest round-trip decimal text, so `0.5`, `1.5`, `0.25` give exactly what upstream
    /// gives, but `1e3` gives `DecimalSI` `1k` where upstream keeps `1e3`, and a number with
    /// more than 17 significant digits has already lost precision. Write such values as
    /// strings. `null` gives zero, as upstream.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(QuantityVisitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Quantity {
    fn schema_name() -> Cow<'static, str> {
        "Quantity".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "acp_model::quantity::Quantity".into()
    }

    /// As Kubernetes declares quantities in CRDs: `x-kubernetes-int-or-string: true` (as
    /// k8s-openapi's `Quantity`) plus the `anyOf: [integer, string]` that controller-gen emits
    /// and structural schemas allow.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A Kubernetes resource quantity: a decimal number with an optional suffix (n, u, m, k, M, G, T, P, E; Ki, Mi, Gi, Ti, Pi, Ei) or a decimal exponent (e3), e.g. \"100m\", \"1.5Gi\", \"1e3\".",
            "anyOf": [{ "type": "integer" }, { "type": "string" }],
            "x-kubernetes-int-or-string": true,
        })
    }
}
