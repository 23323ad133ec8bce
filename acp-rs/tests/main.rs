//! The facade's integration tests: what it composes from the crates behind it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod it {
    mod validate;
}
