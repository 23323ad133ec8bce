// The `quota_admission` fuzz check: quota + LimitRange + pod YAML → admission never panics. Stub until `quota-a` lands.

/// Panics when an invariant breaks on `data`.
pub fn check(data: &[u8]) {
    let _ = data;
}
