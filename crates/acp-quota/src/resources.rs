//! `ResourceList` arithmetic over exact quantities (issue 3 item 1).
//!
//! Owner while being built: `quota-a`.
