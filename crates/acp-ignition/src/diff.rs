//! Diff of two rendered configs and the disruption it needs (issue 6 item 9).
//!
//! Owner while being built: `ign-b`.
