//! How this crate reads YAML manifests, shared by [`crate::object`] and [`crate::machineconfig`].

/// How YAML is read: serde-saphyr's YAML 1.2 defaults, except that an integer with a leading zero
/// is octal, as in YAML 1.1 — the way kubectl and the apiserver (sigs.k8s.io/yaml over go-yaml)
/// read manifests. Without it `defaultMode: 0755` would not be 493.
// seed 003:3335
pub fn yaml_options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.legacy_octal_numbers = true;
    options
}
