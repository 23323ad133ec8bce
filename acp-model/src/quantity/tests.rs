//! Unit tests. The upstream tables are in `tests/it/quantity_upstream.rs`; the facts here were
//! checked against apimachinery v0.35.7 built from source.

use super::*;

fn q(s: &str) -> Quantity {
    s.parse().unwrap()
}

#[test]
fn verbatim_kept_like_upstream_string_cache() {
    // (input, String(), CanonicalizeBytes)
    for (input, shown, canonical) in [
        ("+1", "+1", "1"),
        ("01", "01", "1"),
        ("1.500", "1.500", "1500m"),
        ("1E3", "1E3", "1e3"),
        ("1e+3", "1e+3", "1e3"),
        ("1e03", "1e03", "1e3"),
        ("5e0", "5e0", "5"),
        ("1e-0", "1e-0", "1"),
        ("1.", "1.", "1"),
        ("+1Ki", "+1Ki", "1Ki"),
        ("1e4294967296", "1e4294967296", "1"),
        ("10E", "10E", "10E"),
        ("100m", "100m", "100m"),
        ("1000m", "1", "1"),
        ("1.5Gi", "1536Mi", "1536Mi"),
    ] {
        let v = q(input);
        assert_eq!(v.to_string(), shown, "{input}");
        assert_eq!(v.to_canonical_string(), canonical, "{input}");
        assert!(
            v.verbatim.is_none() || v.to_string() != v.to_canonical_string(),
            "{input}"
        );
    }
    // arithmetic and negation drop the kept string
    assert_eq!((q("+1") + Quantity::ZERO).to_string(), "1");
    assert_eq!((-q("1.500")).to_string(), "-1500m");
}

#[test]
fn upstream_quirks() {
    // no DecimalSI suffix above E
    assert_eq!(q("1000E").to_string(), "1");
    assert_eq!(q("10000E").to_string(), "10");
    assert_eq!(q("1000E").cmp(&q("1e21")), Ordering::Equal);
    // sign only, or only a point: zero
    for zero in ["-", "+", ".", "-.", "0.Pi", "000", "-0"] {
        assert!(q(zero).is_zero(), "{zero}");
        assert_eq!(q(zero).to_string(), "0");
    }
    assert_eq!(Quantity::parse(".Pi"), Err(ParseQuantityError::Numeric));
    assert_eq!(Quantity::parse("-.Ei"), Err(ParseQuantityError::Numeric));
    assert_eq!(Quantity::parse("1e"), Err(ParseQuantityError::Suffix));
    assert_eq!(Quantity::parse("1e+"), Err(ParseQuantityError::Suffix));
    assert_eq!(
        Quantity::parse("1e99999999999999999999"),
        Err(ParseQuantityError::Suffix)
    );
    assert_eq!(Quantity::parse(" 1"), Err(ParseQuantityError::FormatWrong));
    assert_eq!(q("1.Ei").to_string(), "1Ei");
    assert_eq!(q("0.5Pi").to_string(), "512Ti");
    assert_eq!(q("-1.5e-9").to_string(), "-2e-9");
    assert_eq!(q("9Ei").value(), i64::MAX);
    assert_eq!(q("9Ei").to_string(), "9223372036854775807");
    assert_eq!(q("-9Ei").to_string(), "-9223372036854775807");
}

#[test]
fn huge_and_tiny_do_not_blow_up() {
    let huge = q("1e999999999");
    assert_eq!(huge.to_string(), "1e999999999");
    assert_eq!(q("1.5e999999999").to_string(), "1500e999999996");
    assert_eq!(q("1.5e999999999").to_canonical_string(), "1500e999999996");
    assert_eq!(huge.value(), 0);
    assert_eq!(huge.checked_scaled_value(0), None);
    assert_eq!(q("1e-999999999").to_string(), "1e-9");
    assert_eq!(q("-1e-999999999").to_string(), "-1e-9");
    assert_eq!(
        q("1234567890123456789e999999999").to_string(),
        "1234567890123456789e999999999"
    );
    assert!(huge > q("9Ei"));
    assert!(-&huge < q("-9Ei"));
    assert_eq!(huge.checked_add(&q("1")), None);
    assert_eq!(&huge + &q("1"), huge);
    assert_eq!((&q("1") - &huge).to_string(), "-1");
    assert!(huge.checked_add(&huge).is_some());
    let long = "7".repeat(5000);
    let v = q(&long);
    assert_eq!(v.to_string(), long);
    assert_eq!((&v - &v).to_string(), "0");
    let binary = q("1Ki")
        .checked_add(&q(&format!("1{}", "0".repeat(2000))))
        .unwrap();
    assert_eq!(binary.format(), Format::BinarySI);
    assert!(binary.to_string().ends_with("Ki"));
}

#[test]
fn scaled_values_round_away_from_zero() {
    assert_eq!(q("0.1").value(), 1);
    assert_eq!(q("-0.1").value(), -1);
    assert_eq!(q("-1.1Ki").value(), -1127); // upstream (inf.Dec path): -1125
    assert_eq!(q("-1.5e-9").value(), -1); // upstream (inf.Dec path): 1
    assert_eq!(q("1.5").milli_value(), 1500);
    assert_eq!(q("1n").scaled_value(MILLI), 1);
    assert_eq!(q("9223372036854775807").value(), i64::MAX);
    assert_eq!(q("-9223372036854775808").value(), i64::MIN);
    assert_eq!(q("9223372036854775808").checked_scaled_value(0), None);
    assert_eq!(q("10E").value(), 0);
    assert_eq!(q("9Ei").milli_value(), 0); // upstream: -1000 (wrapped)
}

#[test]
fn hash_agrees_with_eq() {
    use std::collections::hash_map::DefaultHasher;
    fn h(v: &Quantity) -> u64 {
        let mut s = DefaultHasher::new();
        v.hash(&mut s);
        s.finish()
    }
    let groups = [
        vec!["1", "1000m", "1e0", "+1", "0.001k", "1000000000n"],
        vec!["1Ki", "1024", "1.024k"],
        vec!["0", "0Ki", "-0", "0e9"],
        vec!["20000000000000000000", "20E", "2e19"],
    ];
    for g in groups {
        let first = q(g[0]);
        for s in &g[1..] {
            assert_eq!(first, q(s), "{s}");
            assert_eq!(h(&first), h(&q(s)), "{s}");
        }
    }
    let big = (q("20E") - q("1")) + q("1");
    assert_eq!(h(&big), h(&q("20E")));
}

#[test]
fn k8s_openapi_conversions() {
    use k8s_openapi::apimachinery::pkg::api::resource::Quantity as K;
    let k: K = q("1.5Gi").into();
    assert_eq!(k.0, "1536Mi");
    assert_eq!(Quantity::try_from(&K(" 250m ".into())).unwrap(), q("250m"));
    assert!(Quantity::try_from(K("abc".into())).is_err());
}

#[test]
fn serde_forms() {
    let v: Quantity = serde_json::from_str("\" 1.5Gi \"").unwrap();
    assert_eq!(v.to_string(), "1536Mi");
    let v: Quantity = serde_json::from_str("0.5").unwrap();
    assert_eq!(v.to_string(), "500m");
    let v: Quantity = serde_json::from_str("-1").unwrap();
    assert_eq!(v.to_string(), "-1");
    let v: Quantity = serde_json::from_str("18446744073709551615").unwrap();
    assert_eq!(v.to_string(), "18446744073709551615");
    let v: Quantity = serde_json::from_str("1e3").unwrap();
    assert_eq!(v.to_string(), "1k"); // upstream keeps "1e3": documented deviation
    let v: Quantity = serde_json::from_str("null").unwrap();
    assert!(v.is_zero());
    assert!(serde_json::from_str::<Quantity>("\"1ki\"").is_err());
    assert_eq!(serde_json::to_string(&q("+1")).unwrap(), "\"+1\"");
    assert_eq!(serde_json::to_string(&q("0.1")).unwrap(), "\"100m\"");
    let v: Quantity = serde_saphyr::from_str("0.25").unwrap();
    assert_eq!(v.to_string(), "250m");
    let v: Quantity = serde_saphyr::from_str("128Mi").unwrap();
    assert_eq!(v.to_string(), "128Mi");
    let v: Quantity = serde_saphyr::from_str("2").unwrap();
    assert_eq!(v.to_string(), "2");
}

#[test]
fn schema() {
    let s = schemars::schema_for!(Quantity);
    let j = serde_json::to_value(&s).unwrap();
    assert_eq!(j["x-kubernetes-int-or-string"], true);
    assert_eq!(j["anyOf"][0]["type"], "integer");
    assert_eq!(j["anyOf"][1]["type"], "string");
}
