// The `hpa` fuzz check: HPA inputs never panic. Stub until `hpa` lands.

/// Panics when an invariant breaks on `data`.
pub fn check(data: &[u8]) {
    let _ = data;
}
