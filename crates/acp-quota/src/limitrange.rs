//! LimitRange defaulting, LimitRanger mutation and validation (issue 3 item 7).
//!
//! Owner while being built: `quota-b`.
