//! The rollout planner and its quota check (issue 4 item 7).
//!
//! Owner while being built: `rollout`.
