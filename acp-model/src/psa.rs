//! Pod Security Admission, evaluated as `k8s.io/pod-security-admission` does.
//!
//! (module docs are completed below)

mod admission;
mod api;
mod checks;
mod fix;

pub use admission::*;
pub use api::*;
pub use checks::*;
pub use fix::*;
