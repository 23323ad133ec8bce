//! Pod-level requests and limits and the QoS class, as the quota evaluator charges them (issue 3 item 2).
//!
//! Owner while being built: `quota-a`.
