//! Argo Rollouts canary and blue-green replica counts (issue 4 item 8).
//!
//! Owner while being built: `rollout`.
