//! Replays the fuzz corpora under `fuzz/corpus/<target>/` through the same checks the fuzz
//! targets run (`fuzz/checks/<target>.rs`), on stable Rust, as an ordinary test.
//!
//! To add a target `<name>`: `#[allow(unreachable_pub)] mod <name> { include!(…); }` below
//! and a `#[test]` calling `replay("<name>", <name>::check)`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[allow(unreachable_pub, dead_code)]
mod quantity {
    include!("../../fuzz/checks/quantity.rs");
}

#[allow(unreachable_pub, dead_code)]
mod model_yaml {
    include!("../../fuzz/checks/model_yaml.rs");
}

include!("../../fuzz/checks/replay.rs");

#[test]
fn quantity_corpus() {
    replay("quantity", quantity::check);
}

#[test]
fn model_yaml_corpus() {
    replay("model_yaml", model_yaml::check);
}
