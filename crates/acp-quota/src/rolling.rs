//! Rolling-update arithmetic of Deployments, DaemonSets and StatefulSets (issue 4 item 6).
//!
//! Owner while being built: `rollout`.
