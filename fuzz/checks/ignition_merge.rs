// The `ignition_merge` fuzz check: merge never panics; render is order-independent. Stub until `ign-b` lands.

/// Panics when an invariant breaks on `data`.
pub fn check(data: &[u8]) {
    let _ = data;
}
