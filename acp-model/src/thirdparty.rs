//! Third-party kinds the ACP documentation uses, modelled for every field the ACP documentation use; unknown
//! fields are preserved so nothing is dropped on a round trip.

pub mod keda;
pub mod node_isolation;
pub mod pod_security;
pub mod rollout;
pub mod vpa;
