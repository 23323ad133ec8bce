//! Quantity benchmarks (being written).
fn main() {}
