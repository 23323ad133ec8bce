//! Drift between a rendered config and a node (issue 6 item 8).
//!
//! Owner while being built: `ign-b`.
