//! HorizontalPodAutoscaler replica arithmetic (issue 4 items 1–3).
//!
//! Owner while being built: `hpa`.
