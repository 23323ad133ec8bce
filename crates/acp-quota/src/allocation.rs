//! Project → namespace quota allocation (issue 3 item 5).
//!
//! Owner while being built: `quota-a`.
