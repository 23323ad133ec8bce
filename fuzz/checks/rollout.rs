// The `rollout` fuzz check: rolling-update and planner inputs never panic. Stub until `rollout` lands.

/// Panics when an invariant breaks on `data`.
pub fn check(data: &[u8]) {
    let _ = data;
}
