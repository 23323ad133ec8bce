//! The namespace-import quota merge (issue 3 item 4).
//!
//! Owner while being built: `quota-a`.
