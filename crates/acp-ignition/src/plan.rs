//! Node update planning (issue 6 item 6).
//!
//! Owner while being built: `ign-b`.
