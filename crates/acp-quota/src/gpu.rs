//! GPU units (issue 3 item 8).
//!
//! Owner while being built: `quota-b`.
