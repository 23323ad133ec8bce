//! Pool status from nodes (issue 6 item 7).
//!
//! Owner while being built: `ign-b`.
