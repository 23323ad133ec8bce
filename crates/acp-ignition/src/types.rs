//! Ignition v3.4.0 config types (issue 6 item 1).
//!
//! Owner while being built: `ign-a`.
