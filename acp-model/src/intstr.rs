//! `IntOrPercent`: Kubernetes' `IntOrString` as used for `maxSurge`, `maxUnavailable`,
//! `minAvailable` and friends: an absolute count or a percentage of a total.
//!
//! ```
//! use acp_model::intstr::IntOrPercent;
//!
//! let surge: IntOrPercent = serde_json::from_str("\"25%\"")?;
//! assert_eq!(surge.scaled_value(10, true)?, 3); // ceil(2.5)
//! assert_eq!(surge.scaled_value(10, false)?, 2); // floor(2.5)
//! let fixed: IntOrPercent = serde_json::from_str("2")?;
//! assert_eq!(fixed.scaled_value(10, true)?, 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Behaviour follows `k8s.io/apimachinery/pkg/util/intstr/intstr.go` at v0.35.x (unchanged
//! in behaviour up to upstream `master` of 2026-07): `GetScaledValueFromIntOrPercent` and
//! `getIntOrPercentValueSafely`, including their error texts and Go's `strconv.Atoi` rules.
//!
//! # Deviation
//!
//! Upstream computes a percentage as `math.Ceil(float64(value) * float64(total) / 100)` (or
//! `math.Floor`). We use exact integer arithmetic. The two agree whenever
//! `|value × total| < 2^53` (then the product is exact in `f64` and the correctly rounded
//! quotient can never cross an integer, since a non-integral `p/100` is at least `0.01` from
//! one while half an ulp below `2^47` is under `0.008`); the unit tests check that over a
//! large range against a transcription of the float formula. Beyond that (percentages above
//! about four million with huge totals) ours is the exact answer, and a result that does not
//! fit an `i64` is an [`IntOrPercentError::Overflow`] where upstream returns an
//! implementation-defined integer.

#[cfg(feature = "schema")]
use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::go;

/// An integer or a string, normally a percentage such as `"25%"` (upstream `IntOrString`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IntOrPercent {
    /// An absolute value (upstream `Type: Int`, `IntVal`).
    Int(i32),
    /// A string, meaningful to [`IntOrPercent::scaled_value`] when it is `<integer>%`
    /// (upstream `Type: String`, `StrVal`).
    String(String),
}

/// Why [`IntOrPercent::scaled_value`] failed; texts as upstream's.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IntOrPercentError {
    /// A string without a trailing `%`.
    #[error("invalid value for IntOrString: invalid type: string is not a percentage")]
    NotAPercentage,
    /// A `%` string whose number is not a Go `strconv.Atoi` integer.
    #[error("invalid value for IntOrString: invalid value {}: strconv.Atoi: parsing {}: {reason}", go::quote(.value), go::quote(.number))]
    InvalidValue {
        /// The whole string (`"abc%"`).
        value: String,
        /// The part given to `Atoi` (`"abc"`).
        number: String,
        /// `invalid syntax` or `value out of range`.
        reason: AtoiError,
    },
    /// The scaled value does not fit an `i64` (our addition; see the module docs).
    #[error("invalid value for IntOrString: {percent}% of {total} overflows int64")]
    Overflow {
        /// The percentage.
        percent: i64,
        /// The total.
        total: i32,
    },
}

/// Go's `strconv.ErrSyntax` / `strconv.ErrRange` (the error type of [`crate::go::atoi`]).
pub use crate::go::NumError as AtoiError;

impl IntOrPercent {
    /// `"<percent>%"`.
    pub fn from_percent(percent: i32) -> IntOrPercent {
        IntOrPercent::String(format!("{percent}%"))
    }

    /// `true` for a string ending in `%`.
    pub fn is_percent(&self) -> bool {
        matches!(self, IntOrPercent::String(s) if s.ends_with('%'))
    }

    /// The value as an absolute count for `total` (upstream `GetScaledValueFromIntOrPercent`):
    /// an integer as is; `"p%"` as `p · total / 100` rounded up (`round_up`) or down.
    /// `"41%"` of 10 rounded up is 5.
    // DEVIATION: exact integer arithmetic where upstream uses float64 `math.Ceil`/`math.Floor`;
    // identical while |value × total| < 2^53, and an overflow is an error where upstream returns an
    // implementation-defined integer.
    pub fn scaled_value(&self, total: i32, round_up: bool) -> Result<i64, IntOrPercentError> {
        let s = match self {
            IntOrPercent::Int(v) => return Ok(i64::from(*v)),
            IntOrPercent::String(s) => s,
        };
        let Some(number) = s.strip_suffix('%') else {
            return Err(IntOrPercentError::NotAPercentage);
        };
        let percent =
            crate::go::atoi(number).map_err(|reason| IntOrPercentError::InvalidValue {
                value: s.clone(),
                number: number.to_owned(),
                reason,
            })?;
        let p = i128::from(percent) * i128::from(total);
        let v = if round_up {
            -(-p).div_euclid(100)
        } else {
            p.div_euclid(100)
        };
        i64::try_from(v).map_err(|_| IntOrPercentError::Overflow { percent, total })
    }
}

impl Default for IntOrPercent {
    fn default() -> Self {
        IntOrPercent::Int(0)
    }
}

impl From<i32> for IntOrPercent {
    fn from(v: i32) -> Self {
        IntOrPercent::Int(v)
    }
}

impl From<String> for IntOrPercent {
    fn from(v: String) -> Self {
        IntOrPercent::String(v)
    }
}

impl From<&str> for IntOrPercent {
    fn from(v: &str) -> Self {
        IntOrPercent::String(v.to_owned())
    }
}

impl fmt::Display for IntOrPercent {
    /// The integer in decimal, or the string (upstream `String()`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntOrPercent::Int(v) => write!(f, "{v}"),
            IntOrPercent::String(s) => f.write_str(s),
        }
    }
}

impl From<IntOrPercent> for k8s_openapi::apimachinery::pkg::util::intstr::IntOrString {
    fn from(v: IntOrPercent) -> Self {
        use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString as K;
        match v {
            IntOrPercent::Int(i) => K::Int(i),
            IntOrPercent::String(s) => K::String(s),
        }
    }
}

impl From<k8s_openapi::apimachinery::pkg::util::intstr::IntOrString> for IntOrPercent {
    fn from(v: k8s_openapi::apimachinery::pkg::util::intstr::IntOrString) -> Self {
        use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString as K;
        match v {
            K::Int(i) => IntOrPercent::Int(i),
            K::String(s) => IntOrPercent::String(s),
        }
    }
}

impl Serialize for IntOrPercent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            IntOrPercent::Int(v) => serializer.serialize_i32(*v),
            IntOrPercent::String(s) => serializer.serialize_str(s),
        }
    }
}

struct IntOrPercentVisitor;

impl Visitor<'_> for IntOrPercentVisitor {
    type Value = IntOrPercent;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an int32 or a string such as \"25%\"")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<IntOrPercent, E> {
        i32::try_from(v)
            .map(IntOrPercent::Int)
            .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<IntOrPercent, E> {
        i32::try_from(v)
            .map(IntOrPercent::Int)
            .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<IntOrPercent, E> {
        Ok(IntOrPercent::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<IntOrPercent, E> {
        Ok(IntOrPercent::String(v))
    }
}

impl<'de> Deserialize<'de> for IntOrPercent {
    /// A JSON/YAML integer that fits an `i32`, or a string (upstream `UnmarshalJSON`); a
    /// number with a fraction is refused, as Go refuses to decode it into an `int32`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IntOrPercentVisitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for IntOrPercent {
    fn schema_name() -> Cow<'static, str> {
        "IntOrPercent".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "acp_model::intstr::IntOrPercent".into()
    }

    /// `x-kubernetes-int-or-string: true` (as k8s-openapi's `IntOrString`) plus
    /// `anyOf: [integer, string]` as controller-gen emits.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An integer, or a string holding a percentage such as \"25%\".",
            "anyOf": [{ "type": "integer" }, { "type": "string" }],
            "x-kubernetes-int-or-string": true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(s: &str) -> IntOrPercent {
        IntOrPercent::String(s.to_owned())
    }

    /// Upstream's formula, transcribed with Go's float semantics.
    fn go_formula(value: i64, total: i32, round_up: bool) -> i64 {
        let x = value as f64 * f64::from(total) / 100.0;
        (if round_up { x.ceil() } else { x.floor() }) as i64
    }

    #[test]
    fn seed_examples() {
        assert_eq!(pct("41%").scaled_value(10, true), Ok(5));
        assert_eq!(pct("25%").scaled_value(10, true), Ok(3));
        assert_eq!(pct("25%").scaled_value(10, false), Ok(2));
        assert_eq!(IntOrPercent::Int(7).scaled_value(10, false), Ok(7));
        assert_eq!(pct("-25%").scaled_value(10, true), Ok(-2));
        assert_eq!(pct("-25%").scaled_value(10, false), Ok(-3));
        assert_eq!(pct("+50%").scaled_value(3, true), Ok(2));
    }

    /// Upstream `TestGetIntFromIntOrPercent` / `TestGetValueFromIntOrPercent` cases
    /// (pkg/util/intstr/intstr_test.go), rewritten.
    #[test]
    fn upstream_get_value_from_int_or_percent() {
        let cases: &[(IntOrPercent, i32, bool, Option<i64>)] = &[
            (IntOrPercent::Int(10), 0, false, Some(10)),
            (pct("90%"), 100, true, Some(90)),
            (pct("90%"), 95, true, Some(86)),
            (pct("90%"), 95, false, Some(85)),
            (pct("%"), 0, false, None),
            (pct("#%"), 0, false, None),
            (pct("90"), 100, true, None),
        ];
        for (input, total, up, expected) in cases {
            assert_eq!(
                input.scaled_value(*total, *up).ok(),
                *expected,
                "{input} of {total}"
            );
        }
    }

    #[test]
    fn error_texts() {
        assert_eq!(
            pct("90").scaled_value(100, true).unwrap_err().to_string(),
            "invalid value for IntOrString: invalid type: string is not a percentage"
        );
        assert_eq!(
            pct("abc%").scaled_value(100, true).unwrap_err().to_string(),
            "invalid value for IntOrString: invalid value \"abc%\": strconv.Atoi: parsing \"abc\": invalid syntax"
        );
        assert_eq!(
            pct("%").scaled_value(100, true).unwrap_err().to_string(),
            "invalid value for IntOrString: invalid value \"%\": strconv.Atoi: parsing \"\": invalid syntax"
        );
        assert_eq!(
            pct("99999999999999999999%")
                .scaled_value(100, true)
                .unwrap_err()
                .to_string(),
            "invalid value for IntOrString: invalid value \"99999999999999999999%\": strconv.Atoi: parsing \"99999999999999999999\": value out of range"
        );
        assert_eq!(
            pct("1 0\"\t%")
                .scaled_value(1, true)
                .unwrap_err()
                .to_string(),
            "invalid value for IntOrString: invalid value \"1 0\\\"\\t%\": strconv.Atoi: parsing \"1 0\\\"\\t\": invalid syntax"
        );
        assert!(pct("50%%").scaled_value(1, true).is_err());
        assert!(pct("1_0%").scaled_value(1, true).is_err());
        assert!(pct(" 10%").scaled_value(1, true).is_err());
        assert!(matches!(
            pct("9223372036854775807%").scaled_value(i32::MAX, true),
            Err(IntOrPercentError::Overflow { .. })
        ));
    }

    #[test]
    fn integer_math_equals_upstream_float_formula() {
        for value in -300i64..=300 {
            for total in 0..=5000 {
                for up in [true, false] {
                    let p = pct(&format!("{value}%"));
                    assert_eq!(
                        p.scaled_value(total, up).unwrap(),
                        go_formula(value, total, up),
                        "{value}% of {total}"
                    );
                }
            }
        }
        // Larger magnitudes, still |value × total| < 2^53.
        let mut value: i64 = 1;
        while value < 4_000_000 {
            let mut total: i32 = 1;
            while total < i32::MAX / 2 {
                for v in [value, -value, value + 1, value * 3 + 7] {
                    if (v as i128 * total as i128).abs() < (1i128 << 53) {
                        for up in [true, false] {
                            let got = pct(&format!("{v}%")).scaled_value(total, up).unwrap();
                            assert_eq!(got, go_formula(v, total, up), "{v}% of {total}");
                        }
                    }
                }
                total = total.saturating_mul(7).saturating_add(3);
            }
            value = value * 3 + 1;
        }
    }

    #[test]
    fn serde_and_conversions() {
        use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString as K;
        let v: IntOrPercent = serde_json::from_str("3").unwrap();
        assert_eq!(v, IntOrPercent::Int(3));
        let v: IntOrPercent = serde_json::from_str("\"25%\"").unwrap();
        assert_eq!(v, pct("25%"));
        assert!(serde_json::from_str::<IntOrPercent>("1.5").is_err());
        assert!(serde_json::from_str::<IntOrPercent>("3000000000").is_err());
        let v: IntOrPercent = serde_saphyr::from_str("25%").unwrap();
        assert_eq!(v, pct("25%"));
        let v: IntOrPercent = serde_saphyr::from_str("1").unwrap();
        assert_eq!(v, IntOrPercent::Int(1));
        assert_eq!(serde_json::to_string(&IntOrPercent::Int(3)).unwrap(), "3");
        assert_eq!(
            serde_json::to_string(&IntOrPercent::from_percent(25)).unwrap(),
            "\"25%\""
        );
        assert_eq!(K::from(IntOrPercent::Int(2)), K::Int(2));
        assert_eq!(IntOrPercent::from(K::String("5%".into())), pct("5%"));
        assert!(pct("5%").is_percent() && !IntOrPercent::Int(5).is_percent());
        let j = serde_json::to_value(schemars::schema_for!(IntOrPercent)).unwrap();
        assert_eq!(j["x-kubernetes-int-or-string"], true);
    }
}
