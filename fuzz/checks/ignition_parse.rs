// The `ignition_parse` fuzz check: arbitrary bytes → Ignition parse/validate never panics. Stub until `ign-a` lands.

/// Panics when an invariant breaks on `data`.
pub fn check(data: &[u8]) {
    let _ = data;
}
