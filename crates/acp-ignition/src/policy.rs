//! The ACP supported-field policy (issue 6 item 5).
//!
//! Owner while being built: `ign-a`.
