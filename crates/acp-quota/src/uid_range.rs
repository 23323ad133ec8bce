//! UID/GID ranges (issue 3 item 9).
//!
//! Owner while being built: `quota-b`.
