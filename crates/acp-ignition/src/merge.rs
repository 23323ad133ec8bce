//! Ignition merge (issue 6 item 4).
//!
//! Owner while being built: `ign-b`.
