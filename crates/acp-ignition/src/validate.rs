//! Parsing and validation with Ignition's messages (issue 6 items 2–3).
//!
//! Owner while being built: `ign-a`.
