//! KEDA ScaledObject → HPA, pause and idle replicas (issue 4 item 5).
//!
//! Owner while being built: `hpa`.
