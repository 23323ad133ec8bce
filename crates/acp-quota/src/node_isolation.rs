//! Node isolation (issue 3 item 10).
//!
//! Owner while being built: `quota-b`.
