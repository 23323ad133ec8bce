//! Quota usage of pods and PVCs, and quota scopes (issue 3 item 2).
//!
//! Owner while being built: `quota-a`.
