//! ResourceQuota admission (issue 3 item 3).
//!
//! Owner while being built: `quota-a`.
