//! Where `kube_quantity` 0.9 disagrees with apimachinery (whose output `acp-model` matches):
//! each row is (input, upstream `String()`, what `kube_quantity` prints or `None` if it
//! refuses the input). The upstream column was checked against apimachinery v0.35.7; the
//! `kube_quantity` column pins that crate's current behaviour (a change there fails this test
//! and `BENCHMARKS.md` should be updated).

use acp_model::quantity::Quantity;
use kube_quantity::ParsedQuantity;

fn kube(s: &str) -> Option<String> {
    ParsedQuantity::try_from(s).ok().map(|q| q.to_string())
}

const DIFFERENCES: &[(&str, &str, Option<&str>)] = &[
    ("0.1", "100m", Some("0.1")),
    ("1.5", "1500m", Some("1.5")),
    ("1000m", "1", Some("1000m")),
    ("0.5", "500m", Some("0.5")),
    ("1.5Gi", "1536Mi", Some("1.5Gi")),
    ("1024Mi", "1Gi", Some("1024Mi")),
    ("2048Ki", "2Mi", Some("2048Ki")),
    ("1000M", "1G", Some("1000M")),
    ("1e3", "1e3", Some("1000")),
    ("1E3", "1E3", Some("1000")),
    ("1e-3", "1e-3", Some("0.001")),
    ("1e21", "1e21", Some("1000000000000000000000")),
    (".000000000001Ki", "2n", Some("0.000000000001Ki")),
    ("3.001n", "4n", Some("3.001n")),
    ("0.0000000001", "1n", Some("0.0000000001")),
    ("0.1m", "100u", Some("0.1m")),
    ("0.5Ki", "512", Some("0.5Ki")),
    ("1.1Ki", "1126400m", Some("1.1Ki")),
    ("1.5Ki", "1536", Some("1.5Ki")),
    ("-1.5Gi", "-1536Mi", Some("-1.5Gi")),
    (
        "12345678901234567890",
        "12345678901234567890",
        Some("12345678901234567168"),
    ),
    ("9Ei", "9223372036854775807", None),
    ("8Ei", "9223372036854775807", None),
    ("-9Ei", "-9223372036854775807", None),
    ("12E", "12E", None),
    ("1000E", "1", None),
    ("1e999999999", "1e999999999", None),
    ("1.500", "1.500", Some("1.5")),
    ("+1", "+1", Some("1")),
    ("5e0", "5e0", Some("5")),
    ("1.", "1.", Some("1")),
    ("-0", "0", Some("-0")),
];

#[test]
fn kube_quantity_differs_from_apimachinery() {
    for (input, upstream, theirs) in DIFFERENCES {
        let ours = Quantity::parse(input).unwrap().to_string();
        assert_eq!(&ours, upstream, "{input}: acp-model vs apimachinery");
        assert_eq!(
            kube(input).as_deref(),
            *theirs,
            "{input}: kube_quantity changed"
        );
        assert_ne!(
            Some(ours.as_str()),
            *theirs,
            "{input}: no longer a difference"
        );
    }
}

#[test]
fn agreement_on_canonical_inputs() {
    for s in [
        "100m", "250m", "1", "2", "128Mi", "1Gi", "512M", "2Ti", "100k", "64Ki", "1536Mi", "1Ki",
        "1024", "1u", "100n",
    ] {
        assert_eq!(kube(s).as_deref(), Some(s), "{s}");
        assert_eq!(Quantity::parse(s).unwrap().to_string(), s);
    }
}
