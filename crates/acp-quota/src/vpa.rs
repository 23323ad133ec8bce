//! VerticalPodAutoscaler recommendations applied to pods (issue 4 item 4).
//!
//! Owner while being built: `hpa`.
