//! MachineConfigPool rendering: `rendered-<pool>-<hash>` (issue 6 item 4).
//!
//! Owner while being built: `ign-b`.
